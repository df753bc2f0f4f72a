//! The evidence behind the selected note, in the inspector: whether it is triangulated, each
//! entry (source, date, who, quote, whether it supports or contradicts the note, the interview
//! it cites) to read, edit or remove, and a form to add one. Every change is a [`Command`].

use egui::{RichText, Ui};

use fitcanvas_model::canvas::{Canvas, ItemId};
use fitcanvas_model::edit::Edit;
use fitcanvas_model::evidence::{Evidence, Source, Stance};
use fitcanvas_model::history::{EvidenceField, MergeKey};
use fitcanvas_picture::palette::{Palette, Rgb};

use crate::Command;
use crate::side::tabs::{EvidenceDraft, SideView};

pub fn show(
    ui: &mut Ui,
    canvas: &Canvas,
    side: &mut SideView,
    palette: &Palette,
    id: &ItemId,
    out: &mut Vec<Command>,
) {
    let Some(item) = canvas.item(id) else { return };
    // The form belongs to the note it was opened on; selecting another note closes it.
    if side
        .new_evidence
        .as_ref()
        .is_some_and(|(for_id, _)| for_id != id)
    {
        side.new_evidence = None;
    }
    // One row while a note has no evidence, so the fit panel below stays in view at 720 px.
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("Evidence ({})", item.evidence().len())).strong())
            .on_hover_text(TRIANGULATION_RULE);
        if side.new_evidence.is_none() && ui.button("Add evidence…").clicked() {
            side.editing_evidence = None;
            side.new_evidence = Some((
                id.clone(),
                EvidenceDraft::new(Source::Interview, crate::side::tabs::today().as_ref()),
            ));
        }
    });
    if !item.evidence().is_empty() {
        triangulation(ui, item.evidence(), palette);
    }
    for (index, entry) in item.evidence().iter().enumerate() {
        if side.editing_evidence.as_ref() == Some(&(id.clone(), entry.id())) {
            edit_entry(ui, canvas, side, id, index, entry, out);
        } else {
            entry_card(ui, canvas, side, palette, (id, index), entry, out);
        }
    }
    let Some((_, draft)) = &mut side.new_evidence else {
        return;
    };
    let mut close = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new("New evidence").strong());
        draft_fields(ui, canvas, draft, true, "new_evidence");
        ui.horizontal(|ui| {
            if ui.button("Add to note").clicked() {
                match to_evidence(draft, None) {
                    Ok(evidence) => {
                        out.push(Command::AddEvidence {
                            id: id.clone(),
                            evidence,
                        });
                        close = true;
                    }
                    Err(e) => draft.error = Some(e.to_owned()),
                }
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
        if let Some(e) = &draft.error {
            crate::side::tabs::error_label(ui, e);
        }
    });
    if close {
        side.new_evidence = None;
    }
}

/// When a note counts as triangulated, as the inspector explains it on hover.
const TRIANGULATION_RULE: &str =
    "Triangulated: at least two supporting entries from two different kinds of source";

/// "Triangulated" with the kinds of source that back the note, or what is still missing.
fn triangulation(ui: &mut Ui, evidence: &[Evidence], palette: &Palette) {
    if fitcanvas_model::evidence::is_triangulated(evidence) {
        let mut kinds: Vec<&str> = Vec::new();
        for e in evidence.iter().filter(|e| e.stance == Stance::Supports) {
            if !kinds.contains(&e.source.label()) {
                kinds.push(e.source.label());
            }
        }
        ui.label(
            RichText::new(format!("Triangulated: {}", kinds.join(", ")))
                .color(good_text(ui, palette))
                .strong(),
        );
    } else {
        ui.label("Not triangulated: needs supporting evidence from 2 kinds of source");
    }
}

/// One entry as a card. Supporting and contradicting entries differ in colour and in words,
/// so the difference survives a projector and colour blindness.
fn entry_card(
    ui: &mut Ui,
    canvas: &Canvas,
    side: &mut SideView,
    palette: &Palette,
    (id, index): (&ItemId, usize),
    entry: &Evidence,
    out: &mut Vec<Command>,
) {
    let n = index + 1;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            stance_badge(ui, entry.stance, palette);
            let mut head = entry.source.label().to_owned();
            if let Some(date) = &entry.date {
                head.push_str(&format!(" · {date}"));
            }
            ui.label(RichText::new(head).strong());
        });
        if !entry.who.is_empty() {
            ui.label(format!("From {}", entry.who));
        }
        if !entry.quote.is_empty() {
            ui.label(RichText::new(format!("“{}”", entry.quote)).italics());
        }
        if let Some(iv) = entry
            .interview
            .as_ref()
            .and_then(|i| canvas.interview(i.as_str()))
        {
            let text = format!("Interview: {}", interview_name(iv));
            if ui.link(text).clicked() {
                out.push(Command::OpenInterview(Some(iv.id().clone())));
            }
        }
        ui.horizontal(|ui| {
            let edit = ui.small_button("Edit");
            let name = format!("Edit evidence {n}");
            edit.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            if edit.clicked() {
                side.new_evidence = None;
                side.date_text = None;
                side.editing_evidence = Some((id.clone(), entry.id()));
            }
            let remove = ui.small_button("Remove");
            let name = format!("Remove evidence {n}");
            remove.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            if remove.clicked() {
                side.editing_evidence = None;
                out.push(Command::edit(Edit::RemoveEvidence {
                    note: id.clone(),
                    entry: entry.id(),
                }));
            }
        });
    });
}

/// An entry open for editing: every change goes to the canvas as it is made, typing into one
/// field being one undo step. A date that is not (yet) a date waits in the view with a message.
fn edit_entry(
    ui: &mut Ui,
    canvas: &Canvas,
    side: &mut SideView,
    id: &ItemId,
    index: usize,
    entry: &Evidence,
    out: &mut Vec<Command>,
) {
    let date_key = format!("evidence:{id}:{}:date", entry.id().0);
    let mut draft = draft_of(entry);
    if let Some((key, text)) = &side.date_text
        && *key == date_key
    {
        draft.date = text.clone();
    }
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new(format!("Editing evidence {}", index + 1)).strong());
        let changed = draft_fields(ui, canvas, &mut draft, true, &date_key);
        if let Some(field) = changed {
            // Another field changed while the date is still being fixed: that change goes in
            // with the date the entry has, and the half-typed date stays in its field.
            let mut for_model = draft.clone();
            if field != "date" {
                for_model.date = draft_of(entry).date;
            }
            let mut updated = entry.clone();
            match apply_draft(&mut updated, &for_model) {
                Ok(()) => {
                    if field == "date" {
                        side.date_text = None;
                    }
                    let edit = Edit::SetEvidence {
                        note: id.clone(),
                        evidence: updated,
                    };
                    let typed = match field {
                        "who" => Some(EvidenceField::Who),
                        "quote" => Some(EvidenceField::Quote),
                        "date" => Some(EvidenceField::Date),
                        _ => None,
                    };
                    out.push(match typed {
                        Some(field) => Command::typing(
                            edit,
                            MergeKey::Evidence {
                                note: id.clone(),
                                entry: entry.id(),
                                field,
                            },
                        ),
                        None => Command::edit(edit),
                    });
                }
                Err(_) => side.date_text = Some((date_key.clone(), draft.date.clone())),
            }
        }
        if ui.button("Done").clicked() {
            side.editing_evidence = None;
            side.date_text = None;
        }
    });
}

/// The fields of an evidence entry. Returns which one changed this frame: "source", "date",
/// "who", "quote", "stance" or "interview". A bad date is flagged under its field.
pub fn draft_fields(
    ui: &mut Ui,
    canvas: &Canvas,
    draft: &mut EvidenceDraft,
    with_interview: bool,
    salt: &str,
) -> Option<&'static str> {
    let mut changed = None;
    egui::Grid::new(("evidence_fields", salt))
        .num_columns(2)
        .show(ui, |ui| {
            let l = ui.label("Source");
            let before = draft.source;
            egui::ComboBox::from_id_salt(("evidence_source", salt))
                .selected_text(draft.source.label())
                .show_ui(ui, |ui| {
                    for source in Source::ALL {
                        ui.selectable_value(&mut draft.source, source, source.label());
                    }
                })
                .response
                .labelled_by(l.id);
            if draft.source != before {
                changed = Some("source");
            }
            ui.end_row();

            let l = ui.label("Date");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut draft.date)
                        .hint_text("YYYY-MM-DD")
                        .desired_width(110.0),
                )
                .labelled_by(l.id);
            if r.changed() {
                changed = Some("date");
            }
            ui.end_row();

            let l = ui.label("Who");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut draft.who)
                        .hint_text("Person, role or place")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
            if r.changed() {
                changed = Some("who");
            }
            ui.end_row();
        });
    if crate::side::tabs::parse_date(&draft.date).is_err() {
        crate::side::tabs::error_label(ui, crate::side::tabs::BAD_DATE);
    }
    let l = ui.label("Quote or observation");
    let r = ui
        .add(
            egui::TextEdit::multiline(&mut draft.quote)
                .hint_text("What they said or did")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    if r.changed() {
        changed = Some("quote");
    }
    ui.horizontal(|ui| {
        if ui
            .radio_value(&mut draft.stance, Stance::Supports, "Supports")
            .changed()
        {
            changed = Some("stance");
        }
        if ui
            .radio_value(&mut draft.stance, Stance::Contradicts, "Contradicts")
            .changed()
        {
            changed = Some("stance");
        }
    });
    if with_interview {
        ui.horizontal(|ui| {
            let l = ui.label("Interview");
            let before = draft.interview.clone();
            let selected = draft
                .interview
                .as_deref()
                .and_then(|i| canvas.interview(i))
                .map_or_else(|| "None".to_owned(), interview_name);
            egui::ComboBox::from_id_salt(("evidence_interview", salt))
                .selected_text(selected)
                .width((ui.available_width() - 8.0).max(80.0))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut draft.interview, None, "None");
                    for iv in canvas.interviews() {
                        ui.selectable_value(
                            &mut draft.interview,
                            Some(iv.id().clone()),
                            interview_name(iv),
                        );
                    }
                })
                .response
                .labelled_by(l.id);
            if draft.interview != before {
                changed = Some("interview");
            }
        });
    }
    changed
}

/// An interview as lists and pickers name it: person, then date.
pub fn interview_name(iv: &fitcanvas_model::evidence::Interview) -> String {
    let person = if iv.person.trim().is_empty() {
        "(no name yet)"
    } else {
        iv.person.as_str()
    };
    match &iv.date {
        Some(d) => format!("{person} ({d})"),
        None => person.to_owned(),
    }
}

/// The draft for an existing entry.
fn draft_of(entry: &Evidence) -> EvidenceDraft {
    EvidenceDraft {
        source: entry.source,
        date: entry
            .date
            .as_ref()
            .map(|d| d.as_str().to_owned())
            .unwrap_or_default(),
        who: entry.who.clone(),
        quote: entry.quote.clone(),
        stance: entry.stance,
        interview: entry.interview.clone(),
        error: None,
    }
}

/// Writes the draft into `entry`, keeping whatever else the entry holds (fields from newer
/// versions of the format). Refuses a bad date and leaves `entry` as it was.
fn apply_draft(entry: &mut Evidence, draft: &EvidenceDraft) -> Result<(), &'static str> {
    let date = crate::side::tabs::parse_date(&draft.date)?;
    entry.source = draft.source;
    entry.date = date;
    entry.who = draft.who.trim().to_owned();
    entry.quote = draft.quote.clone();
    entry.stance = draft.stance;
    entry.interview = draft.interview.as_deref().and_then(ItemId::new);
    Ok(())
}

/// Why a draft with a bad date was not added (the field's own message says how to fix it).
pub const NOT_ADDED_BAD_DATE: &str = "Not added: the date is not a real day.";

/// A new entry from the draft, citing `interview` when given (else the draft's own choice).
/// Refuses a bad date and an empty quote, with the reason.
pub fn to_evidence(
    draft: &EvidenceDraft,
    interview: Option<&str>,
) -> Result<Evidence, &'static str> {
    if draft.quote.trim().is_empty() {
        return Err("Write the quote or observation first.");
    }
    let mut entry = Evidence::new(draft.source, draft.stance, draft.quote.trim());
    apply_draft(&mut entry, draft).map_err(|_| NOT_ADDED_BAD_DATE)?;
    entry.quote = draft.quote.trim().to_owned();
    if let Some(iv) = interview {
        entry.interview = ItemId::new(iv);
    }
    Ok(entry)
}

/// "Supports" or "Contradicts" as white words on the status colours of the badges on notes.
pub fn stance_badge(ui: &mut Ui, stance: Stance, palette: &Palette) {
    let (text, fill) = match stance {
        Stance::Supports => ("✔ Supports", palette.status_validated),
        Stance::Contradicts => ("✖ Contradicts", palette.status_invalidated),
    };
    ui.label(
        RichText::new(format!(" {text} "))
            .color(egui::Color32::WHITE)
            .background_color(rgb(fill))
            .strong(),
    );
}

fn rgb(c: Rgb) -> egui::Color32 {
    egui::Color32::from_rgb(c.0, c.1, c.2)
}

/// The validated badge's green as text: on a dark background it is too dark to read, so a
/// lighter green stands in.
fn good_text(ui: &Ui, palette: &Palette) -> egui::Color32 {
    if ui.visuals().dark_mode {
        egui::Color32::from_rgb(0x7c, 0xd6, 0x8c)
    } else {
        rgb(palette.status_validated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(date: &str, quote: &str) -> EvidenceDraft {
        EvidenceDraft {
            quote: quote.to_owned(),
            date: date.to_owned(),
            ..EvidenceDraft::new(Source::Survey, None)
        }
    }

    #[test]
    fn a_draft_needs_a_quote_and_a_real_day_or_no_date() {
        assert_eq!(
            to_evidence(&draft("", " "), None).err(),
            Some("Write the quote or observation first.")
        );
        assert_eq!(
            to_evidence(&draft("2026-02-30", "Too slow"), None).err(),
            Some(NOT_ADDED_BAD_DATE)
        );
        let entry = to_evidence(&draft("", " Too slow "), Some("interview-2")).unwrap();
        assert_eq!(entry.quote, "Too slow");
        assert_eq!(entry.date, None);
        assert_eq!(entry.source, Source::Survey);
        assert_eq!(
            entry.interview.as_ref().map(ItemId::as_str),
            Some("interview-2")
        );
        let entry = to_evidence(&draft("2026-03-04", "Too slow"), None).unwrap();
        assert_eq!(entry.date.as_ref().map(|d| d.as_str()), Some("2026-03-04"));
        assert_eq!(entry.interview, None);
    }

    #[test]
    fn editing_an_entry_keeps_fields_this_version_does_not_know() {
        // A field a later version wrote, as the file reader keeps it.
        let mut value =
            serde_json::to_value(Evidence::new(Source::Interview, Stance::Supports, "Late"))
                .unwrap();
        value["extra"]["confidence"] = serde_json::json!("high");
        let mut entry: Evidence = serde_json::from_value(value).unwrap();
        let mut edited = draft_of(&entry);
        edited.quote = "Very late".to_owned();
        edited.stance = Stance::Contradicts;
        apply_draft(&mut entry, &edited).unwrap();
        assert_eq!(entry.quote, "Very late");
        assert_eq!(entry.stance, Stance::Contradicts);
        assert_eq!(entry.extra_fields()["confidence"], "high");
        // A bad date leaves the entry as it was.
        let before = entry.clone();
        edited.date = "2026-13-01".to_owned();
        edited.quote = "Changed".to_owned();
        assert!(apply_draft(&mut entry, &edited).is_err());
        assert_eq!(entry, before);
    }
}
