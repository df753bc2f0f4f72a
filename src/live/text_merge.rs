//! Merging a text someone is typing with a peer's change to the same text: the field being
//! typed in holds its own copy until it is kept, so when a peer's edit of that note arrives the
//! copy is brought forward rather than left to overwrite the peer's letters when it is kept.
//! The merge is the one the shared document makes for two people typing in one note (the same
//! Yjs text edited as one delete and one insert by each side), so it agrees with what everyone
//! else will see.

use yrs::updates::decoder::Decode;
use yrs::{GetString, ReadTxn, StateVector, Text, Transact, Update};

use crate::live::schema::{edit_text, new_doc};

/// `ours` and `theirs` both started from `base`: the text with both changes.
pub fn merge_text(base: &str, ours: &str, theirs: &str) -> String {
    if ours == base || ours == theirs {
        return theirs.to_owned();
    }
    if theirs == base {
        return ours.to_owned();
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
    let mut txn = mine.transact_mut();
    let merged = Update::decode_v1(&theirs_update)
        .ok()
        .and_then(|update| txn.apply_update(update).ok());
    match merged {
        Some(()) => mine_text.get_string(&txn),
        // Cannot happen with updates made here; keeping what is typed loses nothing of ours.
        None => ours.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
