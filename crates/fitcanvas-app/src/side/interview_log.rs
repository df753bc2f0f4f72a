//! The interview log: the canvas's interviews (date, person, role), the open one's free notes
//! and the notes its evidence informed, and a form to add evidence to any note from within the
//! interview, so a facilitator taking notes never leaves it.

use egui::{RichText, Ui};

use fitcanvas_model::canvas::{Canvas, ItemId};
use fitcanvas_model::edit::Edit;
use fitcanvas_model::evidence::{Interview, IsoDate, Source};
use fitcanvas_model::history::{InterviewField, MergeKey};

use crate::side::evidence_editor::interview_name;
use crate::side::tabs::{EvidenceDraft, InterviewEvidence, SideTab};
use crate::{App, Command, PanelContext};

pub fn show(ui: &mut Ui, cx: PanelContext<'_>) {
    let PanelContext {
        canvas, view, out, ..
    } = cx;
    let selected_note = view.selected.clone();
    let side = &mut view.side;
    ui.heading("Interview log");
    if ui.button("New interview").clicked() {
        out.push(Command::AddInterview {
            date: crate::side::tabs::today(),
        });
    }
    if canvas.interviews().is_empty() {
        ui.label("No interviews yet. Log each conversation with a customer here, then cite it from the notes it informs.");
    }
    for iv in canvas.interviews() {
        let open = side.interview.as_deref() == Some(iv.id().as_str());
        if ui.selectable_label(open, list_name(iv)).clicked() {
            out.push(Command::OpenInterview((!open).then(|| iv.id().clone())));
        }
    }
    let Some(iv) = side.interview.as_deref().and_then(|i| canvas.interview(i)) else {
        return;
    };
    ui.separator();
    fields(ui, side, iv, out);
    informed_notes(ui, canvas, iv, out);
    ui.separator();
    add_evidence(ui, canvas, side, selected_note.as_ref(), iv, out);
    ui.separator();
    let cited: usize = canvas
        .informed_by(iv.id().as_str())
        .iter()
        .map(|(_, n)| n)
        .sum();
    if cited > 0 {
        ui.label(format!(
            "Deleting this interview keeps the {cited} evidence {} that {} it, without the citation.",
            if cited == 1 { "entry" } else { "entries" },
            if cited == 1 { "cites" } else { "cite" },
        ));
    }
    if ui.button("Delete interview").clicked() {
        out.push(Command::RemoveInterview {
            id: iv.id().clone(),
        });
    }
}

/// How an interview is listed: date, person and role.
fn list_name(iv: &Interview) -> String {
    let date = iv.date.as_ref().map_or("no date", IsoDate::as_str);
    let person = if iv.person.trim().is_empty() {
        "(no name yet)"
    } else {
        iv.person.as_str()
    };
    if iv.role.trim().is_empty() {
        format!("{date} · {person}")
    } else {
        format!("{date} · {person}, {}", iv.role)
    }
}

/// Date, person, role and free notes, each changed live; typing into one is one undo step.
fn fields(
    ui: &mut Ui,
    side: &mut crate::side::tabs::SideView,
    iv: &Interview,
    out: &mut Vec<Command>,
) {
    let id = iv.id().as_str();
    let mut send = |field: InterviewField, update: &dyn Fn(&mut Interview)| {
        let mut interview = iv.clone();
        update(&mut interview);
        let key = MergeKey::Interview {
            id: iv.id().clone(),
            field,
        };
        out.push(Command::typing(Edit::SetInterview { interview }, key));
    };
    if let Some(date) = crate::side::tabs::date_field(
        ui,
        side,
        &format!("interview:{id}:date"),
        "Interview date",
        iv.date.as_ref(),
    ) {
        send(InterviewField::Date, &|i| i.date = date.clone());
    }
    egui::Grid::new(("interview_fields", id))
        .num_columns(2)
        .show(ui, |ui| {
            for (label, hint, value, field) in [
                (
                    "Person",
                    "Who you talked to",
                    &iv.person,
                    InterviewField::Person,
                ),
                (
                    "Role",
                    "Their role, and where",
                    &iv.role,
                    InterviewField::Role,
                ),
            ] {
                let l = ui.label(label);
                let mut text = value.clone();
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut text)
                            .hint_text(hint)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l.id);
                if r.changed() {
                    match field {
                        InterviewField::Person => send(field, &|i| i.person = text.clone()),
                        _ => send(field, &|i| i.role = text.clone()),
                    }
                }
                ui.end_row();
            }
        });
    let l = ui.label("Interview notes");
    let mut notes = iv.notes.clone();
    let r = ui
        .add(
            egui::TextEdit::multiline(&mut notes)
                .hint_text("What they said, did and showed you")
                .desired_rows(5)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    if r.changed() {
        send(InterviewField::Notes, &|i| i.notes = notes.clone());
    }
}

/// The notes whose evidence cites this interview; each selects its note.
fn informed_notes(ui: &mut Ui, canvas: &Canvas, iv: &Interview, out: &mut Vec<Command>) {
    let informed = canvas.informed_by(iv.id().as_str());
    ui.label(RichText::new(format!("Informed notes ({})", informed.len())).strong());
    if informed.is_empty() {
        ui.label("No note cites this interview yet.");
    }
    for (item, n) in informed {
        let Some(section) = canvas.section_of(item.id().as_str()) else {
            continue;
        };
        let mut text = crate::side::tabs::note_name(section, item.text());
        if n > 1 {
            text.push_str(&format!(" ({n} entries)"));
        }
        if ui.link(text).clicked() {
            out.push(Command::Select(Some(item.id().clone())));
        }
    }
}

/// Evidence for any note, citing this interview, dated and sourced from it unless changed.
fn add_evidence(
    ui: &mut Ui,
    canvas: &Canvas,
    side: &mut crate::side::tabs::SideView,
    selected_note: Option<&ItemId>,
    iv: &Interview,
    out: &mut Vec<Command>,
) {
    let id = iv.id();
    if side
        .interview_evidence
        .as_ref()
        .is_none_or(|f| f.interview != *id)
    {
        side.interview_evidence = Some(InterviewEvidence {
            interview: id.clone(),
            note: None,
            draft: EvidenceDraft::new(Source::Interview, None),
            added: None,
            synced_date: String::new(),
            synced_who: String::new(),
        });
    }
    let Some(form) = side.interview_evidence.as_mut() else {
        return;
    };
    // The date and person follow the interview's until the facilitator changes them here.
    let date = iv
        .date
        .as_ref()
        .map(|d| d.as_str().to_owned())
        .unwrap_or_default();
    if form.draft.date == form.synced_date {
        form.draft.date = date.clone();
    }
    form.synced_date = date;
    if form.draft.who == form.synced_who {
        form.draft.who = iv.person.clone();
    }
    form.synced_who = iv.person.clone();
    ui.label(RichText::new("Add evidence to a note").strong());
    // No note picked: the note selected on the canvas, so clicking a note is enough.
    let note = form
        .note
        .clone()
        .or_else(|| selected_note.cloned())
        .filter(|n| canvas.locate(n).is_some());
    ui.horizontal(|ui| {
        let l = ui.label("For note");
        let shown = note
            .as_deref()
            .and_then(|n| canvas.item_in_section(n))
            .map_or_else(
                || "Pick a note".to_owned(),
                |(s, i)| crate::side::tabs::note_name(s, i.text()),
            );
        egui::ComboBox::from_id_salt(("interview_note", id))
            .selected_text(shown)
            .width((ui.available_width() - 8.0).max(80.0))
            .truncate()
            .show_ui(ui, |ui| {
                for (section, item) in canvas.all_items() {
                    let chosen = note.as_deref() == Some(item.id().as_str());
                    if ui
                        .selectable_label(
                            chosen,
                            crate::side::tabs::note_name(section, item.text()),
                        )
                        .clicked()
                    {
                        form.note = Some(item.id().clone());
                    }
                }
            })
            .response
            .labelled_by(l.id);
    });
    if crate::side::evidence_editor::draft_fields(
        ui,
        canvas,
        &mut form.draft,
        false,
        "interview_evidence",
    )
    .is_some()
    {
        form.draft.error = None;
        form.added = None;
    }
    if ui.button("Add evidence to note").clicked() {
        match (
            note,
            crate::side::evidence_editor::to_evidence(&form.draft, Some(id)),
        ) {
            (None, _) => form.draft.error = Some("Pick the note this evidence is about.".into()),
            (_, Err(e)) => form.draft.error = Some(e.to_owned()),
            (Some(note), Ok(evidence)) => {
                let text = canvas.item(&note).map(|i| i.text()).unwrap_or_default();
                form.added = Some(format!("Added to “{text}” ({}).", interview_name(iv)));
                form.draft.quote.clear();
                form.draft.error = None;
                out.push(Command::AddEvidence { id: note, evidence });
            }
        }
    }
    if let Some(e) = &form.draft.error {
        crate::side::tabs::error_label(ui, e);
    }
    if let Some(added) = &form.added {
        ui.label(added);
    }
}

/// Logs a new interview and opens it, so its fields can be filled in straight away.
pub fn apply_add(app: &mut App, date: Option<IsoDate>) {
    let canvas = app.doc.canvas();
    let mut interview = Interview::new(canvas.next_interview_id());
    interview.date = date;
    let id = interview.id().clone();
    let index = canvas.interviews().len();
    if app.edit(Edit::AddInterview { index, interview }, None) {
        app.view.side.tab = SideTab::Interviews;
        app.view.side.interview = Some(id);
    }
}

/// Deletes an interview. The model keeps the evidence that cited it, without the citation;
/// the status bar says so, and that undo brings both back.
pub fn apply_remove(app: &mut App, id: &ItemId) {
    let cited: usize = app
        .doc
        .canvas()
        .informed_by(id)
        .iter()
        .map(|(_, n)| n)
        .sum();
    let name = app.doc.canvas().interview(id).map(interview_name);
    app.edit(Edit::RemoveInterview { id: id.clone() }, None);
    if let Some(name) = name
        && app.doc.canvas().interview(id).is_none()
    {
        app.status = if cited == 0 {
            format!("Deleted the interview with {name}. Undo brings it back.")
        } else {
            format!(
                "Deleted the interview with {name}; the {cited} evidence {} that cited it {} kept without the citation. Undo brings it back.",
                if cited == 1 { "entry" } else { "entries" },
                if cited == 1 { "is" } else { "are" },
            )
        };
        if app.view.side.interview.as_ref() == Some(id) {
            app.view.side.interview = None;
        }
    }
}
