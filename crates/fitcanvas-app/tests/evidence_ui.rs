//! The evidence UI driven as a person would, by labels, clicks and keys: the interview log,
//! evidence on notes (from the inspector and from within an interview), triangulation, test
//! cards from "What to test next", finishing them with a learning card, and undo.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use fitcanvas_app::NO_OBSERVATION;
use fitcanvas_app::{App, Command};
use fitcanvas_app::{BAD_DATE, SideTab};
use fitcanvas_app::{NOT_ADDED_BAD_DATE, interview_name};
use fitcanvas_model::Status;
use fitcanvas_model::evidence::{Source, Stance, TestState};
use fitcanvas_model::format;
use fitcanvas_model::score;
use fitcanvas_model::section::Section;

mod support;

use support::*;

/// Two pains and a reliever addressing the first: fit 50%, validated fit 0%.
fn setup_canvas(setup: &Setup) -> Harness<'static, App> {
    let mut h = new_canvas(setup);
    press(&mut h, "Add pain");
    type_and_enter(&mut h, "Late deliveries");
    type_and_enter(&mut h, "Wrong produce");
    h.key_press(Key::Escape);
    press(&mut h, "Add pain reliever");
    type_and_enter(&mut h, "Tracked vans");
    h.key_press(Key::Escape);
    h.run();
    click_note(&mut h, "Tracked vans");
    h.get_by_role_and_label(Role::CheckBox, "Late deliveries")
        .click();
    h.run();
    assert_eq!(fit(&h), Some(50.0));
    assert_eq!(validated(&h), Some(0.0));
    h
}

fn validated(h: &Harness<'_, App>) -> Option<f64> {
    score(h.state().canvas()).validated_fit
}

fn tab(h: &mut Harness<'_, App>, name: &str) {
    h.get_by_role_and_label(Role::Tab, name).click();
    h.run();
}

/// Clicks the widget labelled `label`, scrolled into view first: the side panel's views are
/// taller than the window.
fn press(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
}

fn press_role(h: &mut Harness<'_, App>, role: Role, label: &str) {
    h.get_by_role_and_label(role, label).scroll_to_me();
    h.run();
    h.get_by_role_and_label(role, label).click();
    h.run();
}

/// Puts the keyboard in the field labelled `label` and replaces its text with `text`.
fn replace_text(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.event(egui::Event::Text(text.to_owned()));
    h.run();
}

/// Types `parts` one event (one frame) at a time into the field labelled `label`, at its end.
fn type_into(h: &mut Harness<'_, App>, label: &str, parts: &[&str]) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press(Key::End);
    for part in parts {
        h.event(egui::Event::Text((*part).to_owned()));
        h.run();
    }
}

fn pick(h: &mut Harness<'_, App>, combo: &str, option: &str) {
    press_role(h, Role::ComboBox, combo);
    press(h, option);
}

/// Takes the keyboard away from text fields, so Ctrl+Z undoes on the canvas.
fn leave_fields(h: &mut Harness<'_, App>) {
    // A click anywhere else ends typing: here on the status bar's note count.
    let count = format!("{} notes", h.state().canvas().len());
    h.get_by_label(&count).click();
    h.run();
    assert!(!h.state().is_typing());
}

fn undo(h: &mut Harness<'_, App>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
}

#[test]
fn interview_log_cites_evidence_from_within_an_interview_and_triangulates() {
    let setup = Setup::new();
    let mut h = setup_canvas(&setup);
    let pain = id_of(&h, "Late deliveries");

    // Log an interview: it opens at once with today's date, to be corrected.
    tab(&mut h, "Interviews");
    press(&mut h, "New interview");
    assert_eq!(h.state().canvas().interviews().len(), 1);
    let iv = h.state().canvas().interviews()[0].id().as_str().to_owned();
    replace_text(&mut h, "Interview date", "2026-03-04");
    type_into(&mut h, "Person", &["Marco", " Bellini"]);
    type_into(&mut h, "Role", &["Head chef"]);
    type_into(
        &mut h,
        "Interview notes",
        &["Orders nightly", " after service."],
    );
    {
        let logged = &h.state().canvas().interviews()[0];
        assert_eq!(logged.date.as_ref().map(|d| d.as_str()), Some("2026-03-04"));
        assert_eq!(logged.person, "Marco Bellini");
        assert_eq!(logged.role, "Head chef");
        assert_eq!(logged.notes, "Orders nightly after service.");
    }
    assert!(
        h.query_by_label("2026-03-04 · Marco Bellini, Head chef")
            .is_some()
    );

    // A bad date is refused with a message; the interview keeps its date.
    replace_text(&mut h, "Interview date", "2026-02-30");
    assert!(h.query_by_label(BAD_DATE).is_some());
    assert_eq!(
        h.state().canvas().interviews()[0]
            .date
            .as_ref()
            .map(|d| d.as_str()),
        Some("2026-03-04")
    );
    replace_text(&mut h, "Interview date", "2026-03-04");
    assert!(h.query_by_label(BAD_DATE).is_none());

    // The burst of typing into the notes is one undo step.
    leave_fields(&mut h);
    undo(&mut h);
    assert_eq!(h.state().canvas().interviews()[0].notes, "");
    assert_eq!(h.state().canvas().interviews()[0].role, "Head chef");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(
        h.state().canvas().interviews()[0].notes,
        "Orders nightly after service."
    );

    // Evidence from within the interview, for the note selected on the canvas: it cites the
    // interview, takes its date and person, and the facilitator never leaves the interview.
    assert!(
        h.query_by_label("No note cites this interview yet.")
            .is_some()
    );
    click_note(&mut h, "Late deliveries");
    assert_eq!(h.state().view.side.tab, SideTab::Interviews);
    type_into(
        &mut h,
        "Quote or observation",
        &["Deliveries come", " after prep starts"],
    );
    press(&mut h, "Add evidence to note");
    let evidence = h.state().canvas().item(&pain).unwrap().evidence().to_vec();
    assert_eq!(evidence.len(), 1);
    assert_eq!(evidence[0].source, Source::Interview);
    assert_eq!(evidence[0].stance, Stance::Supports);
    assert_eq!(evidence[0].quote, "Deliveries come after prep starts");
    assert_eq!(evidence[0].who, "Marco Bellini");
    assert_eq!(
        evidence[0].date.as_ref().map(|d| d.as_str()),
        Some("2026-03-04")
    );
    assert_eq!(
        evidence[0].interview.as_ref().map(|i| i.as_str()),
        Some(iv.as_str())
    );
    assert!(
        h.query_by_label("Added to “Late deliveries” (Marco Bellini (2026-03-04)).")
            .is_some()
    );
    // Still in the interview, which now lists the note it informed; the link selects it.
    assert_eq!(h.state().view.side.tab, SideTab::Interviews);
    assert!(h.query_by_label("Informed notes (1)").is_some());
    click_note(&mut h, "Tracked vans");
    press(&mut h, "Pains · Late deliveries");
    assert_eq!(h.state().view.selected.as_deref(), Some(pain.as_str()));

    // The note's inspector shows the entry and its interview; one kind of source is not enough.
    tab(&mut h, "Note");
    assert!(
        h.query_by_label("“Deliveries come after prep starts”")
            .is_some()
    );
    assert!(h.query_by_label("From Marco Bellini").is_some());
    assert!(
        h.query_by_label("Interview: Marco Bellini (2026-03-04)")
            .is_some()
    );
    let not_yet = "Not triangulated: needs supporting evidence from 2 kinds of source";
    assert!(h.query_by_label(not_yet).is_some());

    // A second supporting entry from another kind of source, added in the inspector. A bad
    // date is refused with a message and nothing changes.
    press(&mut h, "Add evidence…");
    pick(&mut h, "Source", "Support ticket");
    replace_text(&mut h, "Date", "2026-13-01");
    assert!(h.query_by_label(BAD_DATE).is_some());
    type_into(
        &mut h,
        "Quote or observation",
        &["Ticket 42: the van was late again"],
    );
    press(&mut h, "Add to note");
    assert_eq!(h.state().canvas().item(&pain).unwrap().evidence().len(), 1);
    assert!(h.query_by_label(NOT_ADDED_BAD_DATE).is_some());
    assert!(h.query_by_label(BAD_DATE).is_some());
    replace_text(&mut h, "Date", "2026-03-09");
    press(&mut h, "Add to note");
    let evidence = h.state().canvas().item(&pain).unwrap().evidence().to_vec();
    assert_eq!(evidence.len(), 2);
    assert_eq!(evidence[1].source, Source::SupportTicket);
    assert_eq!(
        evidence[1].date.as_ref().map(|d| d.as_str()),
        Some("2026-03-09")
    );
    assert!(evidence[1].interview.is_none());
    assert!(h.state().canvas().item(&pain).unwrap().is_triangulated());
    assert!(
        h.query_by_label("Triangulated: Interview, Support ticket")
            .is_some()
    );

    // Adding was one step: undo takes the second entry away, and the triangulation with it.
    leave_fields(&mut h);
    undo(&mut h);
    assert_eq!(h.state().canvas().item(&pain).unwrap().evidence().len(), 1);
    assert!(h.query_by_label(not_yet).is_some());
}

#[test]
fn evidence_is_edited_live_in_one_step_per_field_and_removed() {
    let setup = Setup::new();
    let mut h = setup_canvas(&setup);
    let pain = id_of(&h, "Late deliveries");
    click_note(&mut h, "Late deliveries");
    press(&mut h, "Add evidence…");
    type_into(&mut h, "Quote or observation", &["Late twice a week"]);
    press(&mut h, "Add to note");
    assert_eq!(h.state().canvas().item(&pain).unwrap().evidence().len(), 1);

    press(&mut h, "Edit evidence 1");
    type_into(&mut h, "Who", &["Aisha", " Rahman"]);
    press_role(&mut h, Role::RadioButton, "Contradicts");
    let entry = &h.state().canvas().item(&pain).unwrap().evidence()[0];
    assert_eq!(entry.who, "Aisha Rahman");
    assert_eq!(entry.stance, Stance::Contradicts);
    // A bad date waits in the field with its message; the entry keeps its date.
    let before = entry.date.clone();
    replace_text(&mut h, "Date", "2026-02-30");
    assert!(h.query_by_label(BAD_DATE).is_some());
    assert_eq!(
        h.state().canvas().item(&pain).unwrap().evidence()[0].date,
        before
    );
    // Other fields still change while the date is being fixed.
    type_into(&mut h, "Quote or observation", &[", says Aisha"]);
    assert_eq!(
        h.state().canvas().item(&pain).unwrap().evidence()[0].quote,
        "Late twice a week, says Aisha"
    );
    assert!(h.query_by_label(BAD_DATE).is_some());
    replace_text(&mut h, "Date", "2026-03-06");
    assert_eq!(
        h.state().canvas().item(&pain).unwrap().evidence()[0]
            .date
            .as_ref()
            .map(|d| d.as_str()),
        Some("2026-03-06")
    );
    press(&mut h, "Done");
    assert!(h.query_by_label(" ✖ Contradicts ").is_some());

    // Undo: the date, the quote, then the stance, then the whole burst of typing into "Who".
    leave_fields(&mut h);
    undo(&mut h);
    assert_eq!(
        h.state().canvas().item(&pain).unwrap().evidence()[0].date,
        before
    );
    undo(&mut h);
    assert_eq!(
        h.state().canvas().item(&pain).unwrap().evidence()[0].quote,
        "Late twice a week"
    );
    undo(&mut h);
    assert_eq!(
        h.state().canvas().item(&pain).unwrap().evidence()[0].stance,
        Stance::Supports
    );
    undo(&mut h);
    assert_eq!(
        h.state().canvas().item(&pain).unwrap().evidence()[0].who,
        ""
    );

    // Cite an interview from the inspector: the interview then lists the note it informed,
    // and the entry's link opens the interview.
    tab(&mut h, "Interviews");
    press(&mut h, "New interview");
    type_into(&mut h, "Person", &["Aisha"]);
    let iv = h.state().canvas().interviews()[0].clone();
    let name = interview_name(&iv);
    tab(&mut h, "Note");
    press(&mut h, "Edit evidence 1");
    pick(&mut h, "Interview", &name);
    press(&mut h, "Done");
    assert_eq!(
        h.state().canvas().item(&pain).unwrap().evidence()[0]
            .interview
            .as_ref(),
        Some(iv.id())
    );
    assert_eq!(h.state().canvas().informed_by(iv.id().as_str()).len(), 1);
    press(&mut h, &format!("Interview: {name}"));
    assert_eq!(h.state().view.side.tab, SideTab::Interviews);
    assert!(h.query_by_label("Pains · Late deliveries").is_some());
    tab(&mut h, "Note");

    press(&mut h, "Remove evidence 1");
    assert!(
        h.state()
            .canvas()
            .item(&pain)
            .unwrap()
            .evidence()
            .is_empty()
    );
}

#[test]
fn a_test_card_from_what_to_test_next_is_finished_and_moves_the_validated_fit() {
    let setup = Setup::new();
    let mut h = setup_canvas(&setup);
    let pain = id_of(&h, "Late deliveries");
    let reliever = id_of(&h, "Tracked vans");

    // One click from the riskiest assumption to a planned test card for it, opened.
    assert!(
        h.query_by_label("Late deliveries · 50 fit points")
            .is_some()
    );
    press(&mut h, "New test card for Late deliveries");
    assert_eq!(h.state().canvas().tests().len(), 1);
    let card = h.state().canvas().tests()[0].clone();
    assert_eq!(
        card.hypothesis,
        "We believe that our customers suffer from: Late deliveries"
    );
    assert_eq!(
        card.items().iter().map(|i| i.as_str()).collect::<Vec<_>>(),
        [pain.as_str()]
    );
    assert_eq!(card.state, TestState::Planned);
    assert_eq!(h.state().view.side.tab, SideTab::Tests);
    assert!(
        h.query_by_label("Pains · Late deliveries · Assumption")
            .is_some()
    );

    // Edit it: a test, a second tested note, and running.
    type_into(
        &mut h,
        "Test",
        &["To verify that, we will", " call 10 chefs"],
    );
    type_into(&mut h, "Success criteria", &["We are right if 7 complain"]);
    pick(&mut h, "Also test", "Pain relievers · Tracked vans");
    press_role(&mut h, Role::RadioButton, "Running");
    let card = h.state().canvas().tests()[0].clone();
    assert_eq!(card.test, "To verify that, we will call 10 chefs");
    assert_eq!(card.criteria, "We are right if 7 complain");
    assert_eq!(card.items().len(), 2);
    assert_eq!(card.state, TestState::Running);
    // Starting the test marks the notes it tests as being tested, in the same undo step.
    let status = |h: &Harness<'_, App>, id: &str| h.state().canvas().item(id).unwrap().status();
    assert_eq!(status(&h, pain.as_str()), Status::Testing);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(status(&h, pain.as_str()), Status::Assumption);
    assert_eq!(h.state().canvas().tests()[0].state, TestState::Planned);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(status(&h, pain.as_str()), Status::Testing);
    assert!(
        // The list shows the start of the hypothesis.
        h.query_by_label_contains("Running · We believe that our customers suffer")
            .is_some()
    );

    // Finish with a learning card, setting the tested notes to validated.
    press(&mut h, "Finish…");
    type_into(
        &mut h,
        "Observation",
        &["9 of 10 chefs had a late delivery"],
    );
    type_into(&mut h, "Learning", &["Lateness hurts"]);
    type_into(&mut h, "Decision", &["Build tracking"]);
    press_role(&mut h, Role::RadioButton, "Validated");
    press(&mut h, "Finish test");
    let card = h.state().canvas().tests()[0].clone();
    assert_eq!(card.state, TestState::Done);
    let learning = card.learning.clone().unwrap();
    assert_eq!(learning.observed, "9 of 10 chefs had a late delivery");
    assert_eq!(learning.learned, "Lateness hurts");
    assert_eq!(learning.decision, "Build tracking");
    for id in [&pain, &reliever] {
        assert_eq!(
            h.state().canvas().item(id).unwrap().status(),
            Status::Validated
        );
    }
    // Pains only: "Late deliveries" (weight 3 of 6) is addressed and now validated → 50%.
    assert_eq!(validated(&h), Some(50.0));
    assert_eq!(fit(&h), Some(50.0));
    assert!(h.query_by_label("Done — learning card").is_some());
    assert!(
        // The list shows the start of the hypothesis.
        h.query_by_label_contains("Done · We believe that our customers suffer")
            .is_some()
    );

    // Save and reload keeps the card, its learning, the statuses and the evidence model.
    let path = setup.path("tested.json");
    h.state_mut().push(Command::SaveTo(path.clone()));
    h.run();
    let reloaded = format::load_file(&path).unwrap();
    assert_eq!(&reloaded, h.state().canvas());
    assert_eq!(reloaded.tests()[0].learning, Some(learning));

    // Finishing was one step: one undo brings back the running card, the statuses it had
    // while running (being tested) and the validated fit.
    leave_fields(&mut h);
    undo(&mut h);
    let card = h.state().canvas().tests()[0].clone();
    assert_eq!(card.state, TestState::Running);
    assert!(card.learning.is_none());
    for id in [&pain, &reliever] {
        assert_eq!(
            h.state().canvas().item(id).unwrap().status(),
            Status::Testing
        );
    }
    assert_eq!(validated(&h), Some(0.0));

    // The fit panel shows the change back on the Note tab.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    tab(&mut h, "Note");
    assert!(h.query_by_label("Validated fit: 50%").is_some());
}

#[test]
fn finishing_can_invalidate_or_leave_statuses_and_cards_can_be_deleted() {
    let setup = Setup::new();
    let mut h = setup_canvas(&setup);
    let pain = id_of(&h, "Late deliveries");
    click_note(&mut h, "Late deliveries");
    tab(&mut h, "Tests");
    press(&mut h, "New test card");
    assert_eq!(
        h.state().canvas().tests()[0].hypothesis,
        "We believe that our customers suffer from: Late deliveries"
    );
    press(&mut h, "Finish…");
    press_role(&mut h, Role::RadioButton, "Invalidated");
    // Not without an observation: refused with a message, nothing changes.
    press(&mut h, "Finish test");
    assert!(h.query_by_label(NO_OBSERVATION).is_some());
    assert_eq!(h.state().canvas().tests()[0].state, TestState::Planned);
    assert_eq!(
        h.state().canvas().item(&pain).unwrap().status(),
        Status::Assumption
    );
    type_into(&mut h, "Observation", &["Deliveries were on time"]);
    press(&mut h, "Finish test");
    assert_eq!(
        h.state().canvas().item(&pain).unwrap().status(),
        Status::Invalidated
    );
    press(&mut h, "Reopen test");
    assert_eq!(h.state().canvas().tests()[0].state, TestState::Running);
    press(&mut h, "Finish…");
    type_into(&mut h, "Observation", &["Still on time"]);
    press(&mut h, "Leave as is");
    press(&mut h, "Finish test");
    assert_eq!(h.state().canvas().tests()[0].state, TestState::Done);
    assert_eq!(
        h.state().canvas().item(&pain).unwrap().status(),
        Status::Invalidated,
        "left as it was"
    );
    // The tested note in the card selects it on the canvas.
    click_note(&mut h, "Tracked vans");
    press(&mut h, "Pains · Late deliveries · Invalidated");
    assert_eq!(h.state().view.selected.as_deref(), Some(pain.as_str()));
    press(&mut h, "Stop testing Late deliveries");
    assert!(h.state().canvas().tests()[0].items().is_empty());
    press(&mut h, "Delete test card");
    assert!(h.state().canvas().tests().is_empty());
}

#[test]
fn the_evidence_editor_stays_on_its_entry_when_undo_puts_another_before_it() {
    let setup = Setup::new();
    let mut h = setup_canvas(&setup);
    let pain = id_of(&h, "Late deliveries");
    click_note(&mut h, "Late deliveries");
    for quote in ["First quote", "Second quote"] {
        press(&mut h, "Add evidence…");
        type_into(&mut h, "Quote or observation", &[quote]);
        press(&mut h, "Add to note");
    }
    press(&mut h, "Remove evidence 1");
    press(&mut h, "Edit evidence 1");
    assert!(h.query_by_label("Editing evidence 1").is_some());
    leave_fields(&mut h);
    // Undo brings the first entry back in front of the one being edited.
    undo(&mut h);
    let quotes: Vec<String> = h
        .state()
        .canvas()
        .item(&pain)
        .unwrap()
        .evidence()
        .iter()
        .map(|e| e.quote.clone())
        .collect();
    assert_eq!(quotes, ["First quote", "Second quote"]);
    // Entries have ids: the editor still holds "Second quote", now the second entry.
    let (note, entry) = h.state().view.side.editing_evidence.clone().unwrap();
    let item = h.state().canvas().item(&note).unwrap();
    let edited = item.evidence().iter().find(|e| e.id() == entry).unwrap();
    assert_eq!(edited.quote, "Second quote");
    assert!(h.query_by_label("Editing evidence 2").is_some());
    assert!(h.query_by_label("Editing evidence 1").is_none());
}

#[test]
fn deleting_a_cited_interview_keeps_the_evidence_and_says_so() {
    let setup = Setup::new();
    let mut h = setup_canvas(&setup);
    let pain = id_of(&h, "Late deliveries");
    // The View menu switches the side panel too.
    press(&mut h, "View");
    press(&mut h, "Interviews panel");
    assert_eq!(h.state().view.side.tab, SideTab::Interviews);
    press(&mut h, "New interview");
    type_into(&mut h, "Person", &["Tom"]);
    click_note(&mut h, "Late deliveries");
    type_into(&mut h, "Quote or observation", &["Herbs wilt"]);
    press(&mut h, "Add evidence to note");
    assert!(
        h.query_by_label(
            "Deleting this interview keeps the 1 evidence entry that cites it, without the citation."
        )
        .is_some()
    );
    press(&mut h, "Delete interview");
    assert!(h.state().canvas().interviews().is_empty());
    let evidence = h.state().canvas().item(&pain).unwrap().evidence().to_vec();
    assert_eq!(evidence.len(), 1, "the evidence stays");
    assert!(evidence[0].interview.is_none(), "without the citation");
    assert!(
        h.state()
            .status
            .contains("1 evidence entry that cited it is kept")
    );
    undo(&mut h);
    assert_eq!(h.state().canvas().interviews().len(), 1);
    assert!(
        h.state().canvas().item(&pain).unwrap().evidence()[0]
            .interview
            .is_some()
    );
}

/// Snapshot images, written with `UPDATE_SNAPSHOTS=1` under `tests/snapshots/`.
mod snapshots {
    use super::*;
    use fitcanvas_app::ThemeChoice;

    fn example(size: (f32, f32)) -> (Setup, Harness<'static, App>) {
        let setup = Setup::new();
        let mut h = setup.harness(size);
        h.state_mut().push(Command::SetTheme(ThemeChoice::Light));
        h.state_mut().push(Command::OpenExample(0));
        h.run();
        (setup, h)
    }

    fn select(h: &mut Harness<'_, App>, section: Section, index: usize) {
        let id = h.state().canvas().items(section)[index].id().clone();
        h.state_mut().push(Command::Select(Some(id)));
        h.run();
    }

    #[test]
    fn evidence_badges_1920x1080() {
        let (_setup, mut h) = example((1920.0, 1080.0));
        // The substitution pain: validated, three supporting entries from two kinds of source.
        select(&mut h, Section::Pains, 0);
        assert!(
            h.query_by_label("Triangulated: Interview, Survey")
                .is_some()
        );
        h.snapshot("evidence_badges_1920x1080");
    }

    #[test]
    fn interview_log() {
        let (_setup, mut h) = example((1280.0, 720.0));
        select(&mut h, Section::Pains, 0);
        h.state_mut()
            .push(Command::OpenInterview(fitcanvas_model::ItemId::new(
                "interview-1",
            )));
        h.run();
        assert!(h.query_by_label("Informed notes (3)").is_some());
        h.snapshot("interview_log");
    }

    #[test]
    fn test_card() {
        let (_setup, mut h) = example((1280.0, 720.0));
        h.state_mut()
            .push(Command::OpenTest(fitcanvas_model::ItemId::new("test-1")));
        h.run();
        assert!(h.query_by_label("Done — learning card").is_some());
        // Scrolled down to the learning card, below the card's four texts.
        h.get_by_label("Reopen test").scroll_to_me();
        h.run();
        h.snapshot("test_card");
    }
}
