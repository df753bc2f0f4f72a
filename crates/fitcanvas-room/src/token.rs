//! The join token: 100 random bits from the operating system, written in 20 characters of
//! lowercase base32 (a–z, 2–7), which a phone's keyboard types without shifting and which
//! never mixes up 0/O or 1/l.

use std::io;

const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
/// Characters in a token; each carries 5 bits.
pub const LENGTH: usize = 20;
// At least 96 random bits.
const _: () = assert!(LENGTH * 5 >= 96);

/// A new random token.
pub fn new() -> io::Result<String> {
    let mut bytes = [0u8; LENGTH];
    getrandom::fill(&mut bytes).map_err(io::Error::other)?;
    // 256 is a multiple of 32, so each byte's low five bits are uniform.
    Ok(bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b & 31)]))
        .collect())
}

/// Is `given` the token (ignoring case, as typed on a phone)? It takes as long for any
/// wrong token of the right length.
pub fn matches(token: &str, given: &str) -> bool {
    let given = given.to_ascii_lowercase();
    if given.len() != token.len() {
        return false;
    }
    token
        .bytes()
        .zip(given.bytes())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_typed_in_any_case() {
        let a = new().unwrap();
        let b = new().unwrap();
        assert_eq!(a.len(), LENGTH);
        assert_ne!(a, b);
        assert!(a.bytes().all(|c| ALPHABET.contains(&c)));
        assert!(matches(&a, &a.to_ascii_uppercase()));
        assert!(!matches(&a, &b));
        assert!(!matches(&a, &a[1..]));
    }
}
