//! Test cards and learning cards: the list with each card's state; the open card's hypothesis,
//! test, metric and criteria, the notes it tests and its state; finishing it with a learning
//! card, optionally settling the tested notes' status in the same undo step.

use egui::{RichText, Ui};

use crate::canvas::{Canvas, EditError};
use crate::evidence::{Learning, Status, TestCard, TestState};
use crate::section::Section;

use super::side_tabs::{self, FinishDraft, SideTab, SideView};
use super::{App, Command};

/// The card's four texts: label (the usual wording), hint, and the field's key.
const TEXTS: [(&str, &str); 4] = [
    ("We believe that…", "hypothesis"),
    ("To verify that, we will…", "test"),
    ("and measure…", "metric"),
    ("We are right if…", "criteria"),
];

/// The learning card's three texts.
const LEARNING: [(&str, &str); 3] = [
    ("We observed…", "observed"),
    ("From that we learned…", "learned"),
    ("Therefore, we will…", "decision"),
];

/// Why a test was not finished.
pub const NO_OBSERVATION: &str = "Not finished: write what you observed first.";

pub fn show(ui: &mut Ui, app: &mut App, out: &mut Vec<Command>) {
    let canvas = app.doc.canvas();
    let selected_note = app.view.selected.clone();
    let side = &mut app.view.side;
    ui.heading("Test cards");
    let new = ui.button("New test card");
    if new.clicked() {
        out.push(new_card(canvas, selected_note.as_deref()));
    }
    new.on_hover_text("A planned test of the selected note, or of nothing yet");
    if canvas.tests().is_empty() {
        ui.label("No test cards yet. Pick an assumption under “What to test next” in the Note tab, or start one here.");
    }
    for card in canvas.tests() {
        let open = side.test.as_deref() == Some(card.id().as_str());
        let text = format!("{} · {}", card.state.label(), short(&card.hypothesis));
        if ui.selectable_label(open, text).clicked() {
            out.push(Command::OpenTest(
                (!open).then(|| card.id().as_str().to_owned()),
            ));
        }
    }
    let Some(card) = side.test.as_deref().and_then(|t| canvas.test(t)) else {
        return;
    };
    ui.separator();
    texts(ui, card, out);
    tested_notes(ui, canvas, card, out);
    ui.separator();
    state(ui, side, card, out);
    ui.separator();
    if ui.button("Delete test card").clicked() {
        out.push(Command::RemoveTest {
            id: card.id().as_str().to_owned(),
        });
    }
}

/// A planned card testing `note`, its hypothesis started from the note's text.
pub fn new_card(canvas: &Canvas, note: Option<&str>) -> Command {
    let item = note.and_then(|n| canvas.item(n));
    Command::NewTest {
        hypothesis: note
            .and_then(|n| canvas.item_in_section(n))
            .map_or_else(String::new, |(section, i)| {
                hypothesis_for(canvas.customer(), section, i.text())
            }),
        items: item
            .map(|i| i.id().as_str().to_owned())
            .into_iter()
            .collect(),
    }
}

/// A first hypothesis for testing a note: what the team believes about the customer when it
/// writes that note in that area.
fn hypothesis_for(customer: &str, section: Section, text: &str) -> String {
    let who = match customer.trim() {
        "" => "our customers",
        c => c,
    };
    match section {
        Section::Jobs => format!("We believe that {who} need to: {text}"),
        Section::Pains => format!("We believe that {who} suffer from: {text}"),
        Section::Gains => format!("We believe that {who} want: {text}"),
        Section::Products => format!("We believe that {who} will use: {text}"),
        Section::PainRelievers => {
            format!("We believe that this relieves a pain {who} care about: {text}")
        }
        Section::GainCreators => {
            format!("We believe that this creates a gain {who} care about: {text}")
        }
    }
}

/// The start of a hypothesis, for the list.
fn short(text: &str) -> String {
    const MAX: usize = 48;
    if text.trim().is_empty() {
        return "(no hypothesis yet)".to_owned();
    }
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{}…", cut.trim_end())
    }
}

fn set(
    card: &TestCard,
    field: Option<&'static str>,
    update: impl FnOnce(&mut TestCard),
) -> Command {
    let mut card = card.clone();
    update(&mut card);
    Command::SetTest { card, field }
}

/// One of a card's texts under its bold label (which is also its accessible name).
fn card_text(ui: &mut Ui, label: &str, text: &mut String) -> egui::Response {
    let l = ui.label(RichText::new(label).strong());
    ui.add(
        egui::TextEdit::multiline(text)
            .hint_text(label)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id)
}

/// Hypothesis, test, metric and criteria; typing into one is one undo step.
fn texts(ui: &mut Ui, card: &TestCard, out: &mut Vec<Command>) {
    for (label, field) in TEXTS {
        let mut text = match field {
            "hypothesis" => card.hypothesis.clone(),
            "test" => card.test.clone(),
            "metric" => card.metric.clone(),
            _ => card.criteria.clone(),
        };
        let r = card_text(ui, label, &mut text);
        if r.changed() {
            out.push(set(card, Some(field), |c| match field {
                "hypothesis" => c.hypothesis = text,
                "test" => c.test = text,
                "metric" => c.metric = text,
                _ => c.criteria = text,
            }));
        }
    }
}

/// The notes the card tests, each selecting its note and removable, and a picker for more.
fn tested_notes(ui: &mut Ui, canvas: &Canvas, card: &TestCard, out: &mut Vec<Command>) {
    let id = card.id().as_str();
    let tested: Vec<String> = card.items().iter().map(|i| i.as_str().to_owned()).collect();
    ui.label(RichText::new(format!("Notes it tests ({})", tested.len())).strong());
    for note in &tested {
        let Some((section, item)) = canvas.item_in_section(note) else {
            continue;
        };
        ui.horizontal_wrapped(|ui| {
            let remove = ui.small_button("✖");
            let name = format!("Stop testing {}", item.text());
            remove.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            if remove.on_hover_text(&name).clicked() {
                let rest = tested.iter().filter(|t| *t != note).cloned().collect();
                out.push(Command::SetTestItems {
                    id: id.to_owned(),
                    items: rest,
                });
            }
            let text = format!(
                "{} · {}",
                side_tabs::note_name(section, item.text()),
                item.status().label()
            );
            if ui.link(text).clicked() {
                out.push(Command::Select(Some(note.clone())));
            }
        });
    }
    ui.horizontal(|ui| {
        let l = ui.label("Also test");
        egui::ComboBox::from_id_salt(("test_add_note", id))
            .selected_text("Pick a note")
            .width((ui.available_width() - 8.0).max(80.0))
            .show_ui(ui, |ui| {
                for (section, item) in canvas.all_items() {
                    if tested.iter().any(|t| t == item.id().as_str()) {
                        continue;
                    }
                    if ui
                        .selectable_label(false, side_tabs::note_name(section, item.text()))
                        .clicked()
                    {
                        let mut items = tested.clone();
                        items.push(item.id().as_str().to_owned());
                        out.push(Command::SetTestItems {
                            id: id.to_owned(),
                            items,
                        });
                    }
                }
            })
            .response
            .labelled_by(l.id);
    });
}

/// Planned or running, with Finish; or done, with the learning card.
fn state(ui: &mut Ui, side: &mut SideView, card: &TestCard, out: &mut Vec<Command>) {
    let id = card.id().as_str();
    if side.finishing.as_ref().is_some_and(|f| f.test != id) {
        side.finishing = None;
    }
    if card.state == TestState::Done {
        ui.label(RichText::new("Done — learning card").strong());
        learning_card(ui, card, out);
        if ui.button("Reopen test").clicked() {
            out.push(set(card, None, |c| c.state = TestState::Running));
        }
        return;
    }
    ui.horizontal(|ui| {
        ui.label("State");
        for s in [TestState::Planned, TestState::Running] {
            if ui.radio(card.state == s, s.label()).clicked() && card.state != s {
                out.push(set(card, None, |c| c.state = s));
            }
        }
    });
    match &mut side.finishing {
        None => {
            if ui.button("Finish…").clicked() {
                side.finishing = Some(FinishDraft {
                    test: id.to_owned(),
                    ..FinishDraft::default()
                });
            }
        }
        Some(draft) => {
            let mut close = false;
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(RichText::new("Learning card").strong());
                for (label, field) in LEARNING {
                    let l = ui.label(label);
                    let text = match field {
                        "observed" => &mut draft.observed,
                        "learned" => &mut draft.learned,
                        _ => &mut draft.decision,
                    };
                    ui.add(
                        egui::TextEdit::multiline(text)
                            .hint_text(label)
                            .desired_rows(2)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l.id);
                }
                ui.label("Set the tested notes to:");
                ui.horizontal_wrapped(|ui| {
                    ui.radio_value(&mut draft.set_status, Some(Status::Validated), "Validated");
                    ui.radio_value(
                        &mut draft.set_status,
                        Some(Status::Invalidated),
                        "Invalidated",
                    );
                    ui.radio_value(&mut draft.set_status, None, "Leave as is");
                });
                ui.horizontal(|ui| {
                    if ui.button("Finish test").clicked() {
                        // A learning card says at least what was seen; the rest can follow.
                        if draft.observed.trim().is_empty() {
                            draft.error = Some(NO_OBSERVATION.to_owned());
                            return;
                        }
                        out.push(Command::FinishTest {
                            id: id.to_owned(),
                            learning: Learning::new(
                                draft.observed.trim(),
                                draft.learned.trim(),
                                draft.decision.trim(),
                            ),
                            status: draft.set_status,
                        });
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
                if let Some(e) = &draft.error {
                    side_tabs::error_label(ui, e);
                }
            });
            if close {
                side.finishing = None;
            }
        }
    }
}

/// A done card's learning card, still editable: the wording often improves after the fact.
fn learning_card(ui: &mut Ui, card: &TestCard, out: &mut Vec<Command>) {
    let learning = card.learning.clone().unwrap_or_default();
    for (label, field) in LEARNING {
        let mut text = match field {
            "observed" => learning.observed.clone(),
            "learned" => learning.learned.clone(),
            _ => learning.decision.clone(),
        };
        let r = card_text(ui, label, &mut text);
        if r.changed() {
            let mut learning = learning.clone();
            match field {
                "observed" => learning.observed = text,
                "learned" => learning.learned = text,
                _ => learning.decision = text,
            }
            out.push(set(card, Some(field), |c| c.learning = Some(learning)));
        }
    }
}

/// Adds a planned card and opens it in the Tests tab.
pub fn apply_new(app: &mut App, hypothesis: String, items: &[String]) {
    let items: Vec<&str> = items.iter().map(String::as_str).collect();
    match app.doc.edit(None, |c| c.add_test(hypothesis, &items)) {
        Ok(id) => {
            app.edits += 1;
            app.view.side.tab = SideTab::Tests;
            app.view.side.test = Some(id.as_str().to_owned());
            app.view.side.finishing = None;
        }
        Err(e) => app.status = e.to_string(),
    }
}

/// Copies what the card view edits (texts, state, learning) onto the canvas's card of the same
/// id; its tested notes change only through [`Canvas::set_test_items`], which checks them.
pub fn set_fields(canvas: &mut Canvas, card: &TestCard) -> Result<(), EditError> {
    let target = canvas.test_mut(card.id().as_str())?;
    target.hypothesis = card.hypothesis.clone();
    target.test = card.test.clone();
    target.metric = card.metric.clone();
    target.criteria = card.criteria.clone();
    target.state = card.state;
    target.learning = card.learning.clone();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::section::Section;

    #[test]
    fn a_new_card_for_a_note_starts_its_hypothesis_and_tests_it() {
        let mut canvas = Canvas::new();
        let pain = canvas.add_item(Section::Pains, "Late deliveries");
        let Command::NewTest { hypothesis, items } = new_card(&canvas, Some(pain.as_str())) else {
            panic!("not a new test card");
        };
        assert_eq!(
            hypothesis,
            "We believe that our customers suffer from: Late deliveries"
        );
        canvas.set_customer("Head chefs");
        let van = canvas.add_item(Section::PainRelievers, "Tracked vans");
        let Command::NewTest { hypothesis, .. } = new_card(&canvas, Some(van.as_str())) else {
            panic!("not a new test card");
        };
        assert_eq!(
            hypothesis,
            "We believe that this relieves a pain Head chefs care about: Tracked vans"
        );
        assert_eq!(items, [pain.as_str()]);
        assert_eq!(
            new_card(&canvas, None),
            Command::NewTest {
                hypothesis: String::new(),
                items: Vec::new()
            }
        );
    }

    #[test]
    fn setting_a_cards_fields_leaves_its_tested_notes_alone() {
        let mut canvas = Canvas::new();
        let pain = canvas.add_item(Section::Pains, "Late");
        let id = canvas
            .add_test("We believe that", &[pain.as_str()])
            .unwrap();
        let mut card = canvas.test(id.as_str()).unwrap().clone();
        card.criteria = "We are right if 7 of 10".to_owned();
        card.state = TestState::Running;
        card.items.clear();
        set_fields(&mut canvas, &card).unwrap();
        let stored = canvas.test(id.as_str()).unwrap();
        assert_eq!(stored.criteria, "We are right if 7 of 10");
        assert_eq!(stored.state, TestState::Running);
        assert_eq!(stored.items(), [pain]);
        assert_eq!(short("x".repeat(60).as_str()).chars().count(), 49);
    }
}
