//! Test cards and learning cards: the list with each card's state; the open card's hypothesis,
//! test, metric and criteria, the notes it tests and its state; finishing it with a learning
//! card, optionally settling the tested notes' status in the same undo step.

use egui::{RichText, Ui};

use fitcanvas_model::canvas::{Canvas, ItemId};
use fitcanvas_model::edit::Edit;
use fitcanvas_model::evidence::{Learning, Status, TestCard, TestState};
use fitcanvas_model::history::{MergeKey, TestField};
use fitcanvas_model::section::Section;

use crate::side::tabs::{FinishDraft, SideTab, SideView};
use crate::{App, Command, PanelContext};

/// The card's four texts: the field's name as its label, the usual wording as the hint of an
/// empty field (so a filled-in field reads as the sentence it is, without the label's words
/// again in front of it), and the field's key.
const TEXTS: [(&str, &str, TestField); 4] = [
    ("Hypothesis", "We believe that…", TestField::Hypothesis),
    ("Test", "To verify that, we will…", TestField::Test),
    ("Metric", "And measure…", TestField::Metric),
    ("Success criteria", "We are right if…", TestField::Criteria),
];

/// The learning card's three texts.
const LEARNING: [(&str, &str, TestField); 3] = [
    ("Observation", "We observed…", TestField::Observed),
    ("Learning", "From that we learned…", TestField::Learned),
    ("Decision", "Therefore, we will…", TestField::Decision),
];

/// Why a test was not finished.
pub const NO_OBSERVATION: &str = "Not finished: write what you observed first.";

pub fn show(ui: &mut Ui, cx: PanelContext<'_>) {
    let PanelContext {
        canvas, view, out, ..
    } = cx;
    let selected_note = view.selected.clone();
    let side = &mut view.side;
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
            out.push(Command::OpenTest((!open).then(|| card.id().clone())));
        }
    }
    let Some(card) = side.test.as_deref().and_then(|t| canvas.test(t)) else {
        return;
    };
    ui.separator();
    texts(ui, card, out);
    tested_notes(ui, canvas, card, out);
    ui.separator();
    state(ui, canvas, side, card, out);
    ui.separator();
    if ui.button("Delete test card").clicked() {
        out.push(Command::edit(Edit::RemoveTest {
            id: card.id().clone(),
        }));
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
        items: item.map(|i| i.id().clone()).into_iter().collect(),
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

fn set(card: &TestCard, field: Option<TestField>, update: impl FnOnce(&mut TestCard)) -> Command {
    let id = card.id().clone();
    let mut card = card.clone();
    update(&mut card);
    let edit = Edit::SetTest { card };
    match field {
        Some(field) => Command::typing(edit, MergeKey::Test { id, field }),
        None => Command::edit(edit),
    }
}

/// Starting a test: the card runs and the notes it tests that were assumptions are now being
/// tested, as one undo step.
fn start(canvas: &Canvas, card: &TestCard) -> Command {
    let mut running = card.clone();
    running.state = TestState::Running;
    let mut edits = vec![Edit::SetTest { card: running }];
    edits.extend(
        card.items()
            .iter()
            .filter(|id| {
                canvas
                    .item(id)
                    .is_some_and(|i| i.status() == Status::Assumption)
            })
            .map(|id| Edit::SetStatus {
                id: id.clone(),
                status: Status::Testing,
            }),
    );
    Command::edit(Edit::Batch { edits })
}

/// One of a card's texts under its bold label (which is also its accessible name).
fn card_text(ui: &mut Ui, (label, hint): (&str, &str), text: &mut String) -> egui::Response {
    let l = ui.label(RichText::new(label).strong());
    ui.add(
        egui::TextEdit::multiline(text)
            .hint_text(hint)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id)
}

/// Hypothesis, test, metric and criteria; typing into one is one undo step.
fn texts(ui: &mut Ui, card: &TestCard, out: &mut Vec<Command>) {
    for (label, hint, field) in TEXTS {
        let mut text = match field {
            TestField::Hypothesis => card.hypothesis.clone(),
            TestField::Test => card.test.clone(),
            TestField::Metric => card.metric.clone(),
            _ => card.criteria.clone(),
        };
        let r = card_text(ui, (label, hint), &mut text);
        if r.changed() {
            out.push(set(card, Some(field), |c| match field {
                TestField::Hypothesis => c.hypothesis = text,
                TestField::Test => c.test = text,
                TestField::Metric => c.metric = text,
                _ => c.criteria = text,
            }));
        }
    }
}

/// The notes the card tests, each selecting its note and removable, and a picker for more.
fn tested_notes(ui: &mut Ui, canvas: &Canvas, card: &TestCard, out: &mut Vec<Command>) {
    let id = card.id();
    let tested: Vec<ItemId> = card.items().to_vec();
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
                out.push(Command::edit(Edit::SetTestItems {
                    id: id.clone(),
                    items: rest,
                }));
            }
            let text = format!(
                "{} · {}",
                crate::side::tabs::note_name(section, item.text()),
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
                    if tested.contains(item.id()) {
                        continue;
                    }
                    if ui
                        .selectable_label(false, crate::side::tabs::note_name(section, item.text()))
                        .clicked()
                    {
                        let mut items = tested.clone();
                        items.push(item.id().clone());
                        out.push(Command::edit(Edit::SetTestItems {
                            id: id.clone(),
                            items,
                        }));
                    }
                }
            })
            .response
            .labelled_by(l.id);
    });
}

/// Planned or running, with Finish; or done, with the learning card.
fn state(
    ui: &mut Ui,
    canvas: &Canvas,
    side: &mut SideView,
    card: &TestCard,
    out: &mut Vec<Command>,
) {
    let id = card.id();
    if side
        .finishing
        .as_ref()
        .is_some_and(|f| f.test.as_ref() != Some(id))
    {
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
                out.push(match s {
                    TestState::Running => start(canvas, card),
                    _ => set(card, None, |c| c.state = s),
                });
            }
        }
    });
    match &mut side.finishing {
        None => {
            if ui.button("Finish…").clicked() {
                side.finishing = Some(FinishDraft {
                    test: Some(id.clone()),
                    ..FinishDraft::default()
                });
            }
        }
        Some(draft) => {
            let mut close = false;
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(RichText::new("Learning card").strong());
                for (label, hint, field) in LEARNING {
                    let l = ui.label(label);
                    let text = match field {
                        TestField::Observed => &mut draft.observed,
                        TestField::Learned => &mut draft.learned,
                        _ => &mut draft.decision,
                    };
                    ui.add(
                        egui::TextEdit::multiline(text)
                            .hint_text(hint)
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
                            id: id.clone(),
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
                    crate::side::tabs::error_label(ui, e);
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
    for (label, hint, field) in LEARNING {
        let mut text = match field {
            TestField::Observed => learning.observed.clone(),
            TestField::Learned => learning.learned.clone(),
            _ => learning.decision.clone(),
        };
        let r = card_text(ui, (label, hint), &mut text);
        if r.changed() {
            let mut learning = learning.clone();
            match field {
                TestField::Observed => learning.observed = text,
                TestField::Learned => learning.learned = text,
                _ => learning.decision = text,
            }
            out.push(set(card, Some(field), |c| c.learning = Some(learning)));
        }
    }
}

/// Adds a planned card and opens it in the Tests tab.
pub fn apply_new(app: &mut App, hypothesis: String, items: &[ItemId]) {
    let canvas = app.doc.canvas();
    let items: Vec<&str> = items.iter().map(ItemId::as_str).collect();
    let card = match canvas.new_test_card(hypothesis, &items) {
        Ok(card) => card,
        Err(e) => {
            app.status = e.to_string();
            return;
        }
    };
    let (id, index) = (card.id().clone(), canvas.tests().len());
    if app.edit(Edit::AddTest { index, card }, None) {
        app.view.side.tab = SideTab::Tests;
        app.view.side.test = Some(id);
        app.view.side.finishing = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fitcanvas_model::section::Section;

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
        assert_eq!(items, [pain]);
        assert_eq!(
            new_card(&canvas, None),
            Command::NewTest {
                hypothesis: String::new(),
                items: Vec::new()
            }
        );
    }

    #[test]
    fn a_cards_list_name_is_its_start() {
        assert_eq!(short("x".repeat(60).as_str()).chars().count(), 49);
        assert_eq!(short("  "), "(no hypothesis yet)");
    }
}
