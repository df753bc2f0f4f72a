//! Fractional order keys: a list's order kept as a sortable string on each element, so that
//! moving one element rewrites one key, and two desktops moving notes at the same moment still
//! end with one valid order (Yjs lists have no move; a delete-and-insert would duplicate or
//! lose a note moved twice concurrently).
//!
//! Keys are strings over the 36 digits `0-9a-z`, compared byte by byte, never empty and never
//! ending in `0` (so there is always a key between two others). Elements sort by `(key, id)`:
//! equal keys, which two desktops inserting at the same place can produce, still sort the same
//! way everywhere.

const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// Is `key` a well-formed order key?
pub fn is_valid(key: &str) -> bool {
    !key.is_empty() && !key.ends_with('0') && key.bytes().all(|b| digit(b).is_some())
}

fn digit(b: u8) -> Option<usize> {
    DIGITS.iter().position(|d| *d == b)
}

/// A key strictly between `a` and `b` (`None`: the start, or the end of the list). `None`
/// when there is none: `a >= b`, or either is malformed.
pub fn between(a: Option<&str>, b: Option<&str>) -> Option<String> {
    let a = a.unwrap_or("");
    if !a.is_empty() && !is_valid(a) {
        return None;
    }
    if let Some(b) = b
        && (!is_valid(b) || a >= b)
    {
        return None;
    }
    midpoint(a.as_bytes(), b.map(str::as_bytes)).and_then(|k| String::from_utf8(k).ok())
}

/// The midpoint of two digit strings, `a < b`, `a` possibly empty, `b` `None` for "past the end".
fn midpoint(a: &[u8], b: Option<&[u8]>) -> Option<Vec<u8>> {
    if let Some(b) = b {
        // Skip the common prefix (`a` padded with zeros).
        let n = (0..b.len())
            .take_while(|&i| a.get(i).copied().unwrap_or(b'0') == b[i])
            .count();
        if n > 0 {
            let mut out = b[..n].to_vec();
            out.extend(midpoint(a.get(n..).unwrap_or(&[]), Some(&b[n..]))?);
            return Some(out);
        }
    }
    let digit_a = match a.first() {
        Some(&d) => digit(d)?,
        None => 0,
    };
    let digit_b = match b {
        Some(b) => digit(*b.first()?)?,
        None => DIGITS.len(),
    };
    if digit_b > digit_a + 1 {
        let mid = (digit_a + digit_b).div_ceil(2);
        return Some(vec![DIGITS[mid]]);
    }
    match b {
        Some(b) if b.len() > 1 => Some(vec![b[0]]),
        _ => {
            let mut out = vec![DIGITS[digit_a]];
            out.extend(midpoint(a.get(1..).unwrap_or(&[]), None)?);
            Some(out)
        }
    }
}

/// `n` fresh keys in increasing order, for (re)numbering a whole list.
pub fn spread(n: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(n);
    for _ in 0..n {
        let next = between(out.last().map(String::as_str), None).unwrap_or_else(|| "z".into());
        out.push(next);
    }
    out
}

/// New keys for a list whose wanted order is `wanted` (each element's current key, if it has a
/// well-formed one): as few elements as possible get a new key, the rest keep theirs. Answers
/// `(index in wanted, new key)` for the elements to rewrite. `ids` break ties between equal keys.
pub fn rekey(wanted: &[(Option<&str>, &str)]) -> Vec<(usize, String)> {
    let keyed: Vec<Option<(&str, &str)>> = wanted
        .iter()
        .map(|(k, id)| k.filter(|k| is_valid(k)).map(|k| (k, *id)))
        .collect();
    let keep = longest_increasing(&keyed);
    let mut out = Vec::new();
    let mut prev: Option<String> = None;
    let mut i = 0;
    while i < wanted.len() {
        if keep[i] {
            prev = keyed[i].map(|(k, _)| k.to_owned());
            i += 1;
            continue;
        }
        // A run of elements to renumber, up to the next one kept.
        let end = (i..wanted.len()).find(|&j| keep[j]).unwrap_or(wanted.len());
        let upper = (end < wanted.len())
            .then(|| keyed[end].map(|(k, _)| k))
            .flatten();
        for j in i..end {
            match between(prev.as_deref(), upper) {
                Some(key) => {
                    out.push((j, key.clone()));
                    prev = Some(key);
                }
                // No room (the neighbours' keys are equal): number the whole list afresh.
                None => return spread(wanted.len()).into_iter().enumerate().collect(),
            }
        }
        i = end;
    }
    out
}

/// Which elements lie on one longest strictly increasing run of `(key, id)`; elements
/// without a key are never on it.
fn longest_increasing(keys: &[Option<(&str, &str)>]) -> Vec<bool> {
    // Patience sorting: tails[l] = index of the smallest tail of a run of length l + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut parent: Vec<Option<usize>> = vec![None; keys.len()];
    for (i, key) in keys.iter().enumerate() {
        let Some(key) = key else { continue };
        let at = tails.partition_point(|&t| keys[t].is_some_and(|k| k < *key));
        parent[i] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut keep = vec![false; keys.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep[i] = true;
        at = parent[i];
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fall_between_their_neighbours() {
        let first = between(None, None).unwrap();
        let after = between(Some(&first), None).unwrap();
        let before = between(None, Some(&first)).unwrap();
        let mid = between(Some(&before), Some(&first)).unwrap();
        assert!(
            before < mid && mid < first && first < after,
            "{before} {mid} {first} {after}"
        );
        let mut lo = "a".to_owned();
        let hi = "b".to_owned();
        for _ in 0..50 {
            let k = between(Some(&lo), Some(&hi)).unwrap();
            assert!(lo < k && k < hi && is_valid(&k));
            lo = k;
        }
        assert_eq!(between(Some("b"), Some("a")), None);
        assert_eq!(between(Some("a0"), None), None);
        assert_eq!(between(Some("a"), Some("a")), None);
    }

    #[test]
    fn rekey_moves_only_what_moved() {
        let keys = spread(4);
        // The last note moved to the front: only it gets a new key.
        let wanted = [
            (Some(keys[3].as_str()), "d"),
            (Some(keys[0].as_str()), "a"),
            (Some(keys[1].as_str()), "b"),
            (Some(keys[2].as_str()), "c"),
        ];
        let changes = rekey(&wanted);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].0, 0);
        assert!(changes[0].1 < keys[0]);
        // Equal keys and a note to go between them: everything is renumbered.
        let wanted = [(Some("k"), "a"), (None, "x"), (Some("k"), "b")];
        let changes = rekey(&wanted);
        assert_eq!(changes.len(), 3);
    }
}
