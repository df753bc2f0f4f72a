//! Merging a text someone is typing with a peer's change to the same text: the field being
//! typed in holds its own copy until it is kept, so when a peer's edit of that note arrives the
//! copy is brought forward rather than left to overwrite the peer's letters when it is kept.
//! The merge is the one the shared document makes for two people typing in one note (the same
//! Yjs text edited as one delete and one insert by each side), so it agrees with what everyone
//! else will see.

use yrs::updates::decoder::Decode;
use yrs::{Assoc, GetString, IndexedSequence, ReadTxn, StateVector, Text, Transact, Update};

use crate::schema::{edit_text, new_doc};

/// `ours` and `theirs` both started from `base`: the text with both changes.
pub fn merge_text(base: &str, ours: &str, theirs: &str) -> String {
    merge_text_at(base, ours, theirs, 0).0
}

/// [`merge_text`], and where a cursor at character `cursor` of `ours` is in the merged text:
/// it stays beside the same letter, so a peer's words put in before it do not move the
/// typing into the middle of them.
pub fn merge_text_at(base: &str, ours: &str, theirs: &str, cursor: usize) -> (String, usize) {
    if theirs == base {
        return (ours.to_owned(), cursor);
    }
    if ours == base || ours == theirs {
        let at = follow_cursor(base, theirs, cursor.min(base.chars().count()));
        return (theirs.to_owned(), at);
    }
    let start = new_doc(1);
    let text = start.get_or_insert_text("t");
    text.insert(&mut start.transact_mut(), 0, base);
    let state = start
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    // Each side from the same start, as its own client; ours is client 2, so where both insert
    // at one place, ours comes first, as it would for the desktop that typed it.
    let side = |client: u64, new: &str| {
        let doc = new_doc(client);
        let text = doc.get_or_insert_text("t");
        {
            let mut txn = doc.transact_mut();
            if let Ok(update) = Update::decode_v1(&state) {
                let _ = txn.apply_update(update);
            }
            edit_text(&mut txn, &text, new);
        }
        (doc, text)
    };
    let (mine, mine_text) = side(2, ours);
    let (peer, _) = side(3, theirs);
    let theirs_update = peer
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    let sticky = {
        let txn = mine.transact();
        mine_text.sticky_index(&txn, utf16_at(ours, cursor), Assoc::Before)
    };
    let mut txn = mine.transact_mut();
    let merged = Update::decode_v1(&theirs_update)
        .ok()
        .and_then(|update| txn.apply_update(update).ok());
    match merged {
        Some(()) => {
            let text = mine_text.get_string(&txn);
            let at = sticky
                .and_then(|s| s.get_offset(&txn))
                .map_or(cursor, |o| chars_at(&text, o.index));
            (text, at)
        }
        // Cannot happen with updates made here; keeping what is typed loses nothing of ours.
        None => (ours.to_owned(), cursor),
    }
}

/// Where a cursor at character `cursor` of `from` is once `from` became `to` by a peer's edit.
/// Worked out as a merge with a side that typed one letter more at the end (a letter nobody
/// keeps), so the shared document's own rules place the cursor.
fn follow_cursor(from: &str, to: &str, cursor: usize) -> usize {
    merge_text_at(from, &(from.to_owned() + "\u{0}"), to, cursor)
        .1
        .min(to.chars().count())
}

/// The UTF-16 offset (as the shared document counts) of character `chars` of `text`.
fn utf16_at(text: &str, chars: usize) -> u32 {
    text.chars().take(chars).map(char::len_utf16).sum::<usize>() as u32
}

/// The character index of UTF-16 offset `units` in `text`.
fn chars_at(text: &str, units: u32) -> usize {
    let mut seen = 0u32;
    text.chars()
        .take_while(|c| {
            seen += c.len_utf16() as u32;
            seen <= units
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_stays_beside_the_letter_it_was_at() {
        // Typing "open" at the end while a peer puts "Far " in front: the cursor stays at the
        // end, after "open", not four letters short of it.
        let ours = "Too many tab open";
        let (text, at) = merge_text_at("Too many tab", ours, "Far too many tab", ours.len());
        assert_eq!(text, "Far too many tab open");
        assert_eq!(at, text.chars().count());
        // A cursor in the middle follows its letter.
        let (text, at) = merge_text_at("abc", "abXc", "12abc", 3);
        assert_eq!(text, "12abXc");
        assert_eq!(&text[..at], "12abX");
        // Nothing typed here yet: the cursor follows the peer's text too.
        let (text, at) = merge_text_at("abc", "abc", "zzabc", 2);
        assert_eq!((text.as_str(), at), ("zzabc", 4));
        // Beyond the plane: counted in characters, as the field counts.
        let (text, at) = merge_text_at("x", "xy", "🥕x", 2);
        assert_eq!((text.as_str(), at), ("🥕xy", 3));
    }

    #[test]
    fn both_changes_are_kept() {
        // A peer fixed a word at the start while this person typed at the end.
        assert_eq!(
            merge_text("Too many tab", "Too many tab open", "Far too many tab"),
            "Far too many tab open"
        );
        // Nothing typed here: the peer's text. Nothing changed there: ours.
        assert_eq!(merge_text("a", "a", "ab"), "ab");
        assert_eq!(merge_text("a", "ab", "a"), "ab");
        // The same letters on both sides are not doubled.
        assert_eq!(merge_text("a", "ab", "ab"), "ab");
        // Text outside the basic plane counts as Yjs counts it (UTF-16).
        assert_eq!(merge_text("🍅 x", "🍅 xy", "🥕🍅 x"), "🥕🍅 xy");
        // Both deleting one word and inserting elsewhere.
        assert_eq!(
            merge_text("one two three", "one three!", "zero one two three"),
            "zero one three!"
        );
    }
}
