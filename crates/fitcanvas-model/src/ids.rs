//! Ids that stay unique across desktops. A canvas numbers its notes (`pain-7`); two desktops
//! adding a pain at the same moment would both pick `pain-7`, and the shared map keyed by id
//! would keep only one of them. While live, every new id carries a short suffix taken from
//! the desktop's Yjs client id (`pain-7.k3x9f`), and new evidence entries get numbers from a
//! range of their own.

use crate::canvas::Item;
use crate::evidence::EvidenceId;

/// Yjs client ids are 53-bit (JavaScript-safe) numbers.
pub const CLIENT_ID_BITS: u32 = 53;

/// The suffix for ids made by `client`: five base-36 digits (60 million values).
pub fn suffix(client: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut n = client % 36u64.pow(5);
    let mut out = [b'0'; 5];
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

/// A random Yjs client id.
pub fn random_client() -> u64 {
    let mut rng = fastrand::Rng::new();
    rng.u64(1..(1 << CLIENT_ID_BITS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_are_five_digits_and_differ() {
        assert_eq!(suffix(0), "00000");
        assert_eq!(suffix(35), "0000z");
        assert_ne!(suffix(1), suffix(2));
        assert_eq!(suffix(random_client()).len(), 5);
    }
}
