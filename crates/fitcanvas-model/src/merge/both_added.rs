//! Both sides added something under one id: two people each wrote a note, and (in files made by
//! builds that numbered ids without a suffix, or by bad luck) both got `job-6`. They are two
//! notes, so the merge keeps both: before merging, one of the two is given a fresh id on its
//! side, and everything on that side that named it (links, test items, citations of an
//! interview) follows it.
//!
//! Which one is renamed, and its new id, depend only on the two things themselves, never on
//! which side is ours: merging either way round gives the same canvas.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::canvas::{Canvas, ItemId};
use crate::conflict::{Conflict, Entity, Owner};
use crate::ids;

use super::{Ent, Index, all_ids};

/// `ours` and `theirs` with the renames done that let both sides' additions under one id
/// stay; borrowed unchanged when there is none.
pub(super) fn keep_both<'a>(
    base: &Canvas,
    ours: &'a Canvas,
    theirs: &'a Canvas,
) -> (Cow<'a, Canvas>, Cow<'a, Canvas>) {
    let (b, o, t) = (Index::of(base), Index::of(ours), Index::of(theirs));
    let mut clashing: Vec<(&ItemId, String, String)> = all_ids(ours)
        .filter(|id| b.get(id.as_str()).is_none())
        .filter_map(|id| {
            let (mine, other) = (o.get(id.as_str())?, t.get(id.as_str())?);
            (!mine.same(other)).then(|| (id, content(mine), content(other)))
        })
        .collect();
    if clashing.is_empty() {
        return (Cow::Borrowed(ours), Cow::Borrowed(theirs));
    }
    clashing.sort();
    let mut taken: HashSet<String> = [base, ours, theirs]
        .into_iter()
        .flat_map(all_ids)
        .map(|id| id.as_str().to_owned())
        .collect();
    let (mut ours_out, mut theirs_out) = (ours.clone(), theirs.clone());
    for (id, ours_key, theirs_key) in clashing {
        // The one whose content sorts last moves: the same one whichever side is ours.
        let (side, key) = if ours_key > theirs_key {
            (&mut ours_out, ours_key)
        } else {
            (&mut theirs_out, theirs_key)
        };
        let fresh = fresh_id(id.as_str(), &key, &taken);
        taken.insert(fresh.as_str().to_owned());
        rename(side, id, &fresh);
    }
    (Cow::Owned(ours_out), Cow::Owned(theirs_out))
}

/// What a thing holds, as text: compared to pick the one that moves, hashed for its new id.
fn content(e: Ent<'_>) -> String {
    format!("{:?}", e.owned())
}

/// The id's own part (`job-6` of `job-6.k3x9f2ab`) with a suffix made from the content, so
/// both ways round give the same id; hashed again in the rare case it is taken.
fn fresh_id(old: &str, content: &str, taken: &HashSet<String>) -> ItemId {
    let stem = match old.rsplit_once('.') {
        Some((stem, suffix))
            if !stem.is_empty()
                && suffix.len() == ids::SUFFIX_LEN
                && suffix
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase()) =>
        {
            stem
        }
        _ => old,
    };
    let mut hash = fnv1a(content.as_bytes());
    loop {
        let candidate = format!("{stem}.{}", ids::suffix(hash));
        if !taken.contains(&candidate)
            && let Some(id) = ItemId::new(candidate)
        {
            return id;
        }
        hash = fnv1a(&hash.to_le_bytes());
    }
}

/// FNV-1a, 64 bits: the same in every build, unlike the standard library's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Gives the note, interview or test card `from` the id `to`, with every reference to it on
/// this canvas: links, test items, citations, and conflicts the canvas carries.
fn rename(canvas: &mut Canvas, from: &ItemId, to: &ItemId) {
    let swap = |id: &mut ItemId| {
        if id == from {
            *id = to.clone();
        }
    };
    for section in &mut canvas.sections {
        for item in section.iter_mut() {
            let named = item.id == *from
                || item.addresses.contains(from)
                || item
                    .evidence
                    .iter()
                    .any(|e| e.interview.as_ref() == Some(from));
            if !named {
                continue;
            }
            let item = std::sync::Arc::make_mut(item);
            swap(&mut item.id);
            item.addresses.iter_mut().for_each(swap);
            for entry in &mut item.evidence {
                if let Some(i) = &mut entry.interview {
                    swap(i);
                }
            }
        }
    }
    for interview in &mut canvas.interviews {
        swap(&mut interview.id);
    }
    for test in &mut canvas.tests {
        swap(&mut test.id);
        test.items.iter_mut().for_each(swap);
    }
    for conflict in &mut canvas.conflicts {
        match conflict {
            Conflict::Field { owner, .. } => match owner {
                Owner::Canvas => {}
                Owner::Note(id) | Owner::Interview(id) | Owner::Test(id) => swap(id),
            },
            Conflict::Deleted { id, .. } => swap(id),
            Conflict::Clash { theirs } => {
                match &mut theirs.entity {
                    Entity::Note { note, .. } => swap(&mut note.id),
                    Entity::Interview(i) => swap(&mut i.id),
                    Entity::Test(t) => swap(&mut t.id),
                }
                theirs.after.iter_mut().for_each(swap);
            }
            Conflict::Order { ours, theirs, .. } => {
                ours.iter_mut().chain(theirs.iter_mut()).for_each(swap);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_id_keeps_the_ids_own_part_and_avoids_taken_ones() {
        let none = HashSet::new();
        let a = fresh_id("job-6", "one", &none);
        assert!(a.as_str().starts_with("job-6.") && a.as_str().len() == 6 + ids::SUFFIX_LEN);
        assert_eq!(fresh_id("job-6", "one", &none), a, "the same every time");
        let b = fresh_id("job-6.k3x9f2ab", "one", &none);
        assert_eq!(b, a, "a session suffix is replaced, not added to");
        assert_eq!(
            fresh_id("a.b", "one", &none).as_str().len(),
            4 + ids::SUFFIX_LEN
        );
        let taken = HashSet::from([a.as_str().to_owned()]);
        let c = fresh_id("job-6", "one", &taken);
        assert_ne!(c, a);
        assert!(c.as_str().starts_with("job-6."));
    }
}
