#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The co-editing mapping without a network: replicas apply random edits and exchange their
//! Yjs updates with random partitions (a replica's updates wait for any number of steps) and in
//! random order (a replica syncs from any other at any time, as on reconnecting, getting in one
//! diff what it lacks), and must all end with the same valid canvas, having lost no edit that
//! did not conflict. Plus documents written as a foreign client might write them.
//!
//! Relayed updates arrive in the order they were sent, as from one sync server or host: yrs
//! 0.28 can leave blocks waiting forever when single updates from three clients arrive out of
//! causal order (it retries its pending blocks only when an update brings blocks of the client
//! they wait for), which a hub never does.

use std::collections::{BTreeMap, BTreeSet};

use fitcanvas_live::Replica;
use fitcanvas_live::schema::Roots;
use fitcanvas_model::Canvas;
use fitcanvas_model::Edit;
use fitcanvas_model::ItemId;
use fitcanvas_model::Section;
use fitcanvas_model::evidence::{Evidence, Interview, Source, Stance, Status};
use fitcanvas_model::format;
use proptest::prelude::*;
use proptest::sample::Index;
use yrs::{Any, Map, MapPrelim, Text, TextPrelim, Transact};

#[derive(Debug, Clone)]
enum Op {
    Add(Index, String),
    SetText(Index, String),
    Type(Index, Index, String),
    Move(Index, usize),
    Remove(Index),
    Vote(Index, i64),
    Link(Index, Index),
    Unlink(Index),
    Weight(Index, u8),
    Status(Index, Index),
    AddEvidence(Index, String),
    RemoveEvidence(Index),
    AddInterview(String),
    RemoveInterview(Index),
    AddTest(Index),
    SetTestItems(Index, Index),
    Title(String),
}

fn text() -> impl Strategy<Value = String> {
    "[a-zé😀 ]{0,6}"
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (any::<Index>(), text()).prop_map(|(s, t)| Op::Add(s, t)),
        2 => (any::<Index>(), text()).prop_map(|(p, t)| Op::SetText(p, t)),
        3 => (any::<Index>(), any::<Index>(), text()).prop_map(|(p, at, t)| Op::Type(p, at, t)),
        2 => (any::<Index>(), 0usize..6).prop_map(|(p, to)| Op::Move(p, to)),
        1 => any::<Index>().prop_map(Op::Remove),
        2 => (any::<Index>(), 1i64..4).prop_map(|(p, by)| Op::Vote(p, by)),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Op::Link(a, b)),
        1 => any::<Index>().prop_map(Op::Unlink),
        1 => (any::<Index>(), 1u8..=5).prop_map(|(p, w)| Op::Weight(p, w)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(p, s)| Op::Status(p, s)),
        2 => (any::<Index>(), text()).prop_map(|(p, q)| Op::AddEvidence(p, q)),
        1 => any::<Index>().prop_map(Op::RemoveEvidence),
        1 => text().prop_map(Op::AddInterview),
        1 => any::<Index>().prop_map(Op::RemoveInterview),
        1 => any::<Index>().prop_map(Op::AddTest),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(t, p)| Op::SetTestItems(t, p)),
        1 => text().prop_map(Op::Title),
    ]
}

#[derive(Debug, Clone)]
enum Step {
    /// Replica `0` makes an edit; its update goes to every other replica's inbox.
    Edit(Index, Op),
    /// Replica `0` takes one waiting update, any of them, when yrs can integrate it at once
    /// (see `deliver`).
    Deliver(Index, Index),
    /// Replica `0` syncs from replica `1` as the y-sync protocol does on (re)connecting: it
    /// sends its state vector and gets back all it lacks.
    Sync(Index, Index),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (any::<Index>(), op()).prop_map(|(r, o)| Step::Edit(r, o)),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(r, m)| Step::Deliver(r, m)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Step::Sync(a, b)),
    ]
}

fn ids(canvas: &Canvas, fits: impl Fn(Section) -> bool) -> Vec<ItemId> {
    canvas
        .all_items()
        .filter(|(s, _)| fits(*s))
        .map(|(_, i)| i.id().clone())
        .collect()
}

fn pick<T: Clone>(list: &[T], at: &Index) -> Option<T> {
    (!list.is_empty()).then(|| at.get(list).clone())
}

fn edit_for(canvas: &Canvas, op: &Op) -> Option<Edit> {
    let any_note = |p: &Index| pick(&ids(canvas, |_| true), p);
    Some(match op {
        Op::Add(s, t) => {
            let section = *s.get(&Section::ALL);
            Edit::AddNote {
                section,
                index: canvas.items(section).len(),
                id: canvas.next_id(section),
                text: t.clone(),
            }
        }
        Op::SetText(p, t) => Edit::SetText {
            id: any_note(p)?,
            text: t.clone(),
        },
        Op::Type(p, at, t) => {
            let id = any_note(p)?;
            let old: Vec<char> = canvas.item(&id)?.text().chars().collect();
            let at = at.index(old.len() + 1);
            let mut new: String = old[..at].iter().collect();
            new.push_str(t);
            new.extend(&old[at..]);
            Edit::SetText { id, text: new }
        }
        Op::Move(p, to) => Edit::MoveNote {
            id: any_note(p)?,
            to: *to,
        },
        Op::Remove(p) => Edit::RemoveNote { id: any_note(p)? },
        Op::Vote(p, by) => Edit::AddVotes {
            id: any_note(p)?,
            by: *by,
        },
        Op::Link(a, b) => {
            let from = pick(&ids(canvas, |s| !s.is_customer()), a)?;
            let serves = canvas.section_of(&from)?.addresses()?;
            let to = pick(&ids(canvas, |s| s == serves), b)?;
            Edit::Link { from, to, at: None }
        }
        Op::Unlink(p) => {
            let linked: Vec<(ItemId, ItemId)> = canvas
                .all_items()
                .flat_map(|(_, i)| i.addresses().iter().map(|a| (i.id().clone(), a.clone())))
                .collect();
            let (from, to) = pick(&linked, p)?;
            Edit::Unlink { from, to }
        }
        Op::Weight(p, w) => Edit::SetWeight {
            id: pick(&ids(canvas, Section::is_customer), p)?,
            weight: *w,
        },
        Op::Status(p, s) => Edit::SetStatus {
            id: any_note(p)?,
            status: *s.get(&Status::ALL),
        },
        Op::AddEvidence(p, q) => {
            let mut evidence = Evidence::new(Source::Interview, Stance::Supports, q.clone());
            evidence.interview = canvas.interviews().first().map(|i| i.id().clone());
            Edit::AddEvidence {
                note: any_note(p)?,
                index: 0,
                evidence,
            }
        }
        Op::RemoveEvidence(p) => {
            let entries: Vec<(ItemId, _)> = canvas
                .all_items()
                .flat_map(|(_, i)| i.evidence().iter().map(|e| (i.id().clone(), e.id())))
                .collect();
            let (note, entry) = pick(&entries, p)?;
            Edit::RemoveEvidence { note, entry }
        }
        Op::AddInterview(person) => {
            let mut interview = Interview::new(canvas.next_interview_id());
            interview.person = person.clone();
            Edit::AddInterview {
                index: 0,
                interview,
            }
        }
        Op::RemoveInterview(p) => {
            let list: Vec<ItemId> = canvas.interviews().iter().map(|i| i.id().clone()).collect();
            Edit::RemoveInterview {
                id: pick(&list, p)?,
            }
        }
        Op::AddTest(p) => {
            let note = any_note(p)?;
            Edit::AddTest {
                index: canvas.tests().len(),
                card: canvas
                    .new_test_card(String::from("We believe"), &[note.as_str()])
                    .ok()?,
            }
        }
        Op::SetTestItems(t, p) => {
            let list: Vec<ItemId> = canvas.tests().iter().map(|t| t.id().clone()).collect();
            Edit::SetTestItems {
                id: pick(&list, t)?,
                items: vec![any_note(p)?],
            }
        }
        Op::Title(t) => Edit::SetTitle { text: t.clone() },
    })
}

struct Desk {
    canvas: Canvas,
    replica: Replica,
    inbox: Vec<Vec<u8>>,
}

/// What was done, to check that nothing that did not conflict was lost.
#[derive(Default)]
struct Ledger {
    added: BTreeSet<ItemId>,
    removed: BTreeSet<ItemId>,
    votes: BTreeMap<ItemId, i64>,
    /// Who set each note's text last, and to what; `None` once two desktops did.
    texts: BTreeMap<ItemId, Option<(usize, String)>>,
    links: BTreeSet<(ItemId, ItemId)>,
    unlinked: BTreeSet<(ItemId, ItemId)>,
}

fn valid(canvas: &Canvas) -> Result<(), TestCaseError> {
    let bytes = format::to_vec(canvas);
    let loaded = format::from_slice(&bytes)
        .map_err(|e| TestCaseError::fail(format!("a hydrated canvas does not load: {e}")))?;
    prop_assert_eq!(&loaded, canvas);
    Ok(())
}

/// Merges an update and brings the desk's canvas up to its document with typed edits.
fn own_clock(r: &Replica) -> u32 {
    use yrs::{ReadTxn, Transact};
    r.doc()
        .transact()
        .state_vector()
        .get(&yrs::block::ClientID::new(r.client()))
}

fn receive(desk: &mut Desk, update: &[u8]) -> Result<(), TestCaseError> {
    let before = own_clock(&desk.replica);
    desk.replica.apply_update(update).unwrap();
    prop_assert!(
        own_clock(&desk.replica) >= before,
        "own clock went back {} -> {}",
        before,
        own_clock(&desk.replica)
    );
    for edit in desk.replica.catch_up(&desk.canvas) {
        desk.canvas.apply(edit).unwrap();
    }
    prop_assert_eq!(&desk.canvas, &desk.replica.canvas());
    Ok(())
}

fn seed() -> Canvas {
    let mut canvas = Canvas::new();
    canvas.set_title("Shared");
    let job = canvas.add_item(Section::Jobs, "Plan a trip");
    let pain = canvas.add_item(Section::Pains, "Too many tabs");
    let reliever = canvas.add_item(Section::PainRelievers, "One list");
    canvas.link(&reliever, &pain).unwrap();
    canvas.add_item(Section::Products, "Trip app");
    let _ = job;
    canvas
}

fn run(steps: &[Step]) -> Result<(), TestCaseError> {
    let start = seed();
    let first = Replica::share(&start, 1);
    let state = first.state();
    let mut desks: Vec<Desk> = (0..3)
        .map(|i| {
            let replica = if i == 0 {
                Replica::restore(1, &state).unwrap()
            } else {
                Replica::restore(i as u64 + 1, &state).unwrap()
            };
            let mut canvas = replica.canvas();
            canvas.set_id_suffix(&replica.id_suffix());
            Desk {
                canvas,
                replica,
                inbox: Vec::new(),
            }
        })
        .collect();
    prop_assert_eq!(&desks[0].canvas, &start);
    let mut ledger = Ledger::default();
    for step in steps {
        match step {
            Step::Edit(r, op) => {
                let r = r.index(desks.len());
                let desk = &mut desks[r];
                let Some(edit) = edit_for(&desk.canvas, op) else {
                    continue;
                };
                let edit = desk.replica.prepare(edit, &desk.canvas);
                let before = desk.canvas.clone();
                let Ok(applied) = desk.canvas.apply(edit.clone()) else {
                    continue;
                };
                let update = desk.replica.local(&edit, &applied, &desk.canvas);
                prop_assert_eq!(
                    &desk.canvas,
                    &desk.replica.canvas(),
                    "after {:?} on {:?}",
                    edit,
                    before
                );
                record(&mut ledger, r, &edit, &before, &desk.canvas);
                if !update.is_empty() {
                    for (i, other) in desks.iter_mut().enumerate() {
                        if i != r {
                            other.inbox.push(update.clone());
                        }
                    }
                }
            }
            Step::Deliver(r, m) => {
                let desk = &mut desks[r.index(3)];
                if desk.inbox.is_empty() {
                    continue;
                }
                let n = m.index(desk.inbox.len()) + 1;
                for update in desk.inbox.drain(..n).collect::<Vec<_>>() {
                    receive(desk, &update)?;
                }
            }
            Step::Sync(a, b) => {
                let (a, b) = (a.index(3), b.index(3));
                if a != b {
                    let diff = desks[b]
                        .replica
                        .diff(&desks[a].replica.state_vector())
                        .unwrap();
                    receive(&mut desks[a], &diff)?;
                }
            }
        }
    }
    // The partitions heal: everything still waiting arrives.
    for desk in &mut desks {
        for update in std::mem::take(&mut desk.inbox) {
            receive(desk, &update)?;
        }
    }
    for desk in &desks {
        valid(&desk.canvas)?;
        prop_assert_eq!(&desk.canvas, &desks[0].canvas);
    }
    check_ledger(&ledger, &desks[0].canvas)
}

fn record(ledger: &mut Ledger, r: usize, edit: &Edit, before: &Canvas, after: &Canvas) {
    match edit {
        Edit::AddNote { id, text, .. } => {
            ledger.added.insert(id.clone());
            ledger.texts.insert(id.clone(), Some((r, text.clone())));
        }
        Edit::RemoveNote { id } => {
            ledger.removed.insert(id.clone());
        }
        Edit::SetText { id, text } => {
            let entry = ledger
                .texts
                .entry(id.clone())
                .or_insert(Some((r, String::new())));
            *entry = match entry {
                Some((who, _)) if *who == r => Some((r, text.clone())),
                _ => None,
            };
        }
        Edit::AddVotes { id, .. } => {
            let was = i64::from(before.item(id).map_or(0, |i| i.votes()));
            let now = i64::from(after.item(id).map_or(0, |i| i.votes()));
            *ledger.votes.entry(id.clone()).or_default() += now - was;
        }
        Edit::Link { from, to, .. } => {
            ledger.links.insert((from.clone(), to.clone()));
        }
        Edit::Unlink { from, to } => {
            ledger.unlinked.insert((from.clone(), to.clone()));
        }
        _ => {}
    }
}

fn check_ledger(ledger: &Ledger, end: &Canvas) -> Result<(), TestCaseError> {
    for id in ledger.added.difference(&ledger.removed) {
        prop_assert!(end.item(id).is_some(), "note {} was lost", id);
    }
    for (id, text) in &ledger.texts {
        if let (Some((_, text)), Some(item)) = (text, end.item(id)) {
            prop_assert_eq!(item.text(), text, "the text of {} was lost", id);
        }
    }
    for (id, votes) in &ledger.votes {
        // Only notes added during the run: the seed's have no votes to start from.
        if ledger.added.contains(id)
            && let Some(item) = end.item(id)
        {
            prop_assert_eq!(i64::from(item.votes()), *votes, "votes on {} were lost", id);
        }
    }
    for (from, to) in ledger.links.difference(&ledger.unlinked) {
        let gone = ledger.removed.contains(from) || ledger.removed.contains(to);
        if !gone {
            let item = end.item(from);
            prop_assert!(
                item.is_some_and(|i| i.addresses().contains(to)),
                "the link {} → {} was lost",
                from,
                to
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn replicas_converge_on_one_valid_canvas(steps in prop::collection::vec(step(), 1..60)) {
        run(&steps)?;
    }
}

/// Two desktops on one shared canvas: the first shares `start`, the second joins from its state.
fn two_desks(start: &Canvas) -> (Desk, Desk) {
    let a = Replica::share(start, 1);
    let state = a.state();
    let b = Replica::restore(2, &state).unwrap();
    let desk = |replica: Replica| Desk {
        canvas: replica.canvas(),
        replica,
        inbox: Vec::new(),
    };
    (desk(a), desk(b))
}

#[test]
fn two_desktops_typing_in_one_note_keep_both_letters() {
    let start = seed();
    let (mut a, mut b) = two_desks(&start);
    let id = ItemId::new("job-1").unwrap();
    let type_in = |desk: &mut Desk, text: &str| {
        let edit = Edit::SetText {
            id: id.clone(),
            text: text.into(),
        };
        let applied = desk.canvas.apply(edit.clone()).unwrap();
        desk.replica.local(&edit, &applied, &desk.canvas)
    };
    let ua = type_in(&mut a, "Plan a long trip");
    let ub = type_in(&mut b, "Plan a trip now");
    receive(&mut a, &ub).unwrap();
    receive(&mut b, &ua).unwrap();
    assert_eq!(
        a.canvas.item("job-1").unwrap().text(),
        "Plan a long trip now"
    );
    assert_eq!(a.canvas, b.canvas);
}

#[test]
fn ids_made_live_carry_the_desktops_suffix() {
    let replica = Replica::empty(12345);
    let mut canvas = seed();
    canvas.set_id_suffix(&replica.id_suffix());
    let id = canvas.next_id(Section::Pains);
    assert_eq!(id.as_str(), format!("pain-2.{}", replica.id_suffix()));
    let two = canvas.next_ids(Section::Pains, 2);
    assert!(two.iter().all(|i| i.ends_with(&replica.id_suffix())));
    assert_ne!(two[0], two[1]);
}

/// A document as a careless foreign client could write it: the canvas read from it is valid.
#[test]
fn a_foreign_document_hydrates_to_a_valid_canvas() {
    let replica = Replica::empty(7);
    let doc = replica.doc();
    let roots = Roots::of(doc);
    {
        let mut txn = doc.transact_mut();
        let note = roots.notes.insert(&mut txn, "pain-1", MapPrelim::default());
        note.insert(&mut txn, "section", "pains");
        note.insert(&mut txn, "text", TextPrelim::new("Slow"));
        note.insert(&mut txn, "weight", 99.0);
        note.insert(&mut txn, "kind", "functional"); // a job's kind
        let odd = roots.notes.insert(&mut txn, "x", MapPrelim::default());
        odd.insert(&mut txn, "section", "nowhere");
        let fix = roots.notes.insert(&mut txn, "fix-1", MapPrelim::default());
        fix.insert(&mut txn, "section", "pain_relievers");
        fix.insert(&mut txn, "text", "plain string text");
        let links = fix.insert(&mut txn, "addresses", MapPrelim::default());
        links.insert(&mut txn, "pain-1", "m");
        links.insert(&mut txn, "gone-7", "n");
        links.insert(&mut txn, "fix-1", "o");
        let evidence = fix.insert(&mut txn, "evidence", MapPrelim::default());
        evidence.insert(
            &mut txn,
            "1",
            Any::from_json(
                r#"{"source":"survey","stance":"supports","who":"","quote":"yes","interview":"interview-9"}"#,
            )
            .unwrap(),
        );
        evidence.insert(&mut txn, "nope", Any::from_json(r#"{"quote":1}"#).unwrap());
        // An interview that takes a note's id, and one that is fine.
        roots.interviews.insert(
            &mut txn,
            "pain-1",
            Any::from_json(r#"{"person":"A","role":"","notes":""}"#).unwrap(),
        );
        roots.interviews.insert(
            &mut txn,
            "interview-1",
            Any::from_json(r#"{"person":"B","role":"","notes":"","order":"a"}"#).unwrap(),
        );
        roots.tests.insert(
            &mut txn,
            "test-1",
            Any::from_json(
                r#"{"hypothesis":"h","test":"","metric":"","criteria":"","items":["pain-1","gone",""],"state":"planned"}"#,
            )
            .unwrap(),
        );
        roots.title.insert(&mut txn, 0, "Foreign");
    }
    let canvas = replica.canvas();
    let bytes = format::to_vec(&canvas);
    let loaded = format::from_slice(&bytes).unwrap();
    assert_eq!(loaded, canvas);
    assert_eq!(canvas.title(), "Foreign");
    assert_eq!(canvas.len(), 2);
    let pain = canvas.item("pain-1").unwrap();
    assert_eq!(pain.weight(), 3);
    assert_eq!(pain.kind(), Section::Pains.default_kind());
    let fix = canvas.item("fix-1").unwrap();
    assert_eq!(fix.text(), "plain string text");
    assert_eq!(fix.addresses(), &[ItemId::new("pain-1").unwrap()]);
    assert_eq!(fix.evidence().len(), 1);
    assert_eq!(fix.evidence()[0].interview, None);
    assert_eq!(canvas.interviews().len(), 1);
    assert_eq!(canvas.tests()[0].items(), &[ItemId::new("pain-1").unwrap()]);
}

#[test]
fn malformed_and_oversized_updates_change_nothing() {
    let mut replica = Replica::share(&seed(), 3);
    let before = replica.canvas();
    assert!(replica.apply_update(&[0xff, 0x13, 0x00, 0x99]).is_err());
    assert!(
        replica
            .apply_update(&vec![0; fitcanvas_live::MAX_UPDATE_BYTES + 1])
            .is_err()
    );
    assert_eq!(replica.canvas(), before);
}

/// Putting an earlier canvas back (what undoing a settled merge conflict or a reload does)
/// changes the canvas wholesale; the peer ends with the same canvas.
#[test]
fn a_canvas_put_back_whole_reaches_the_other_desktop() {
    let start = seed();
    let (mut a, mut b) = two_desks(&start);
    let mut earlier = a.canvas.clone();
    earlier.set_text("job-1", "An earlier text").unwrap();
    let gone = earlier.items(Section::Pains)[0].id().clone();
    earlier.remove_item(gone.as_str()).unwrap();
    earlier.add_item(Section::Gains, "A gain put back");
    let edit = Edit::PutBack {
        canvas: Box::new(earlier.clone()),
    };
    let applied = a.canvas.apply(edit.clone()).unwrap();
    let update = a.replica.local(&edit, &applied, &a.canvas);
    receive(&mut b, &update).unwrap();
    assert_eq!(b.canvas, a.canvas);
    assert_eq!(b.canvas.item("job-1").unwrap().text(), "An earlier text");
    assert!(b.canvas.item(gone.as_str()).is_none());
}
