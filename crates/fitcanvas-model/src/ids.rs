//! Ids that stay unique without coordination. A canvas numbers its notes (`pain-7`); two people
//! adding a pain to copies of one canvas (two git branches, two desktops live) would both pick
//! `pain-7`, and a merge or the shared live map keyed by id would take them for one note. So
//! every new id carries a short suffix of its editing session: random for a file opened in the
//! editor ([`random_suffix`]), taken from the desktop's Yjs client id while live
//! (`pain-7.k3x9f2ab`). Ids already in a file are never changed. New evidence entries made
//! live get numbers from a range of their own.

use crate::canvas::Item;
use crate::evidence::EvidenceId;

/// Yjs client ids are 53-bit (JavaScript-safe) numbers.
pub const CLIENT_ID_BITS: u32 = 53;

/// How many base-36 digits a suffix has: 36^8 is about 2.8 million million, so 10,000 people
/// each adding a note to copies of one canvas pick the same suffix with a chance of about one
/// in 50,000 (the birthday bound), and even then a merge keeps both notes.
pub const SUFFIX_LEN: usize = 8;

/// The suffix for ids made by `client`: [`SUFFIX_LEN`] base-36 digits.
pub fn suffix(client: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut n = client % 36u64.pow(SUFFIX_LEN as u32);
    let mut out = [b'0'; SUFFIX_LEN];
    for slot in out.iter_mut().rev() {
        // n % 36 < 36, so the index is in range.
        *slot = DIGITS[usize::try_from(n % 36).unwrap_or(0)];
        n /= 36;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The id for a new evidence entry on `item` made by `client`: entries are numbered from
/// `(client mod 2^20) * 2^32 + 1`, below 2^52 so a JavaScript number holds it exactly.
pub fn next_entry(item: &Item, client: u64) -> EvidenceId {
    let base = (client % (1 << 20)) << 32;
    let highest = item
        .evidence()
        .iter()
        .map(|e| e.id().0)
        .filter(|id| *id > base && *id < base + (1 << 32))
        .max()
        .unwrap_or(base);
    EvidenceId(highest.saturating_add(1))
}

/// A suffix for the ids one editing session makes, drawn at random.
pub fn random_suffix() -> String {
    suffix(fastrand::u64(..))
}

/// A random Yjs client id.
pub fn random_client() -> u64 {
    let mut rng = fastrand::Rng::new();
    rng.u64(1..(1 << CLIENT_ID_BITS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_are_eight_digits_and_differ() {
        assert_eq!(suffix(0), "00000000");
        assert_eq!(suffix(35), "0000000z");
        assert_ne!(suffix(1), suffix(2));
        assert_eq!(suffix(random_client()).len(), SUFFIX_LEN);
        assert_eq!(random_suffix().len(), SUFFIX_LEN);
        assert_ne!(random_suffix(), random_suffix());
    }
}
