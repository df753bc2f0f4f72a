//! git's conflict markers. A text merge that git could not finish (no Fitcanvas merge driver
//! set up, or one that failed) leaves the file holding both versions, place by place:
//!
//! ```text
//! lines both versions share
//! <<<<<<< HEAD
//! our lines
//! ||||||| base          (only with merge.conflictStyle diff3 or zdiff3)
//! the ancestor's lines
//! =======
//! their lines
//! >>>>>>> their-branch
//! lines both versions share
//! ```
//!
//! [`read`] splits such a file back into the versions it holds, and [`merge_sides`] merges
//! them as canvases: three-way when git left the ancestor in every place, else two-way (what
//! the sides hold differently becomes a conflict to settle). Markers are longer than seven
//! characters where `conflict-marker-size` says so; each place's markers are as long as its
//! opening one.

use crate::canvas::Canvas;
use crate::format::{self, LoadError};

/// The versions a file with conflict markers holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sides {
    /// The file as it was on this side (git's HEAD, between `<<<<<<<` and `=======`).
    pub ours: Vec<u8>,
    /// The common ancestor, when git wrote it in every place (`|||||||` sections).
    pub base: Option<Vec<u8>>,
    /// The file as the branch merged in had it (between `=======` and `>>>>>>>`).
    pub theirs: Vec<u8>,
    /// How many places the versions differ in.
    pub places: usize,
    /// The line (from 1) of the first `<<<<<<<`.
    pub first_line: usize,
    /// What git wrote after `<<<<<<<` and `>>>>>>>` in the first place ("HEAD", a branch).
    pub ours_label: String,
    pub theirs_label: String,
}

/// Markers that do not make complete places: the file cannot be split into versions.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkerError {
    #[error("the conflict marker at line {line} is never closed with >>>>>>>")]
    Unclosed { line: usize },
    #[error("the conflict marker at line {line} comes where it makes no sense")]
    Stray { line: usize },
}

/// Which marker a line is, if any, and how long it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Open(usize),
    Base(usize),
    Split(usize),
    Close(usize),
}

/// A marker is a run of one character at the start of a line, seven or more long, followed by
/// a space (then a label) or the end of the line; `=======` never has a label.
fn marker(line: &[u8]) -> Option<Marker> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let first = *line.first()?;
    let len = line.iter().take_while(|b| **b == first).count();
    if len < 7 {
        return None;
    }
    let rest = &line[len..];
    let labelled = rest.is_empty() || rest[0] == b' ';
    match first {
        b'<' if labelled => Some(Marker::Open(len)),
        b'|' if labelled => Some(Marker::Base(len)),
        b'=' if rest.is_empty() => Some(Marker::Split(len)),
        b'>' if labelled => Some(Marker::Close(len)),
        _ => None,
    }
}

fn label(line: &[u8], len: usize) -> String {
    String::from_utf8_lossy(&line[len..]).trim().to_owned()
}

/// Splits a file with conflict markers into its versions. `None` when no place opens with
/// `<<<<<<<` (it is not a file git left mid-merge).
pub fn read(bytes: &[u8]) -> Option<Result<Sides, MarkerError>> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum In {
        Shared,
        Ours(usize),
        Base(usize),
        Theirs(usize),
    }
    let mut sides = Sides {
        ours: Vec::new(),
        base: Some(Vec::new()),
        theirs: Vec::new(),
        places: 0,
        first_line: 0,
        ours_label: String::new(),
        theirs_label: String::new(),
    };
    let mut at = In::Shared;
    let mut opened_at = 0;
    let mut base_seen = false;
    for (n, line) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
        let number = n + 1;
        let m = marker(line);
        at = match (at, m) {
            (In::Shared, Some(Marker::Open(len))) => {
                if sides.places == 0 {
                    sides.first_line = number;
                    sides.ours_label = label(line, len);
                }
                sides.places += 1;
                opened_at = number;
                base_seen = false;
                In::Ours(len)
            }
            // Only an opening marker starts a place; a lone `=======` is text like any other.
            (In::Shared, _) => {
                sides.ours.extend_from_slice(line);
                sides.theirs.extend_from_slice(line);
                if let Some(base) = &mut sides.base {
                    base.extend_from_slice(line);
                }
                In::Shared
            }
            (In::Ours(len), Some(Marker::Base(l))) if l == len => {
                base_seen = true;
                In::Base(len)
            }
            (In::Ours(len) | In::Base(len), Some(Marker::Split(l))) if l == len => {
                if !base_seen {
                    // A place without the ancestor's lines: no base for the whole file.
                    sides.base = None;
                }
                In::Theirs(len)
            }
            (In::Ours(len), Some(Marker::Open(l) | Marker::Close(l))) if l == len => {
                return Some(Err(MarkerError::Stray { line: number }));
            }
            (In::Ours(len), _) => {
                sides.ours.extend_from_slice(line);
                In::Ours(len)
            }
            // The ancestor's lines may hold markers of their own (a recursive merge's virtual
            // ancestor): only this place's `=======` ends them.
            (In::Base(len), _) => {
                if let Some(base) = &mut sides.base {
                    base.extend_from_slice(line);
                }
                In::Base(len)
            }
            (In::Theirs(len), Some(Marker::Close(l))) if l == len => {
                if sides.places == 1 {
                    sides.theirs_label = label(line, len);
                }
                In::Shared
            }
            (In::Theirs(len), Some(Marker::Open(l) | Marker::Base(l) | Marker::Split(l)))
                if l == len =>
            {
                return Some(Err(MarkerError::Stray { line: number }));
            }
            (In::Theirs(len), _) => {
                sides.theirs.extend_from_slice(line);
                In::Theirs(len)
            }
        };
    }
    if sides.places == 0 {
        return None;
    }
    if at != In::Shared {
        return Some(Err(MarkerError::Unclosed { line: opened_at }));
    }
    Some(Ok(sides))
}

/// Which version of a file with conflict markers did not load.
#[derive(Debug, thiserror::Error)]
pub enum SideError {
    #[error("our side ({label}) is not a canvas: {error}")]
    Ours { label: String, error: LoadError },
    #[error("their side ({label}) is not a canvas: {error}")]
    Theirs { label: String, error: LoadError },
}

/// The canvas the versions merge into, and whether the merge was three-way.
#[derive(Debug, Clone)]
pub struct Merged {
    pub canvas: Canvas,
    pub three_way: bool,
}

/// Merges the versions a file with conflict markers holds: three-way when it holds the
/// ancestor too and that loads (a recursive merge's ancestor may itself hold markers), else
/// two-way, every difference a conflict.
pub fn merge_sides(sides: &Sides) -> Result<Merged, SideError> {
    let label = |l: &str, default: &str| {
        if l.is_empty() {
            default.to_owned()
        } else {
            l.to_owned()
        }
    };
    let ours = format::from_slice(&sides.ours).map_err(|error| SideError::Ours {
        label: label(&sides.ours_label, "ours"),
        error,
    })?;
    let theirs = format::from_slice(&sides.theirs).map_err(|error| SideError::Theirs {
        label: label(&sides.theirs_label, "theirs"),
        error,
    })?;
    let base = sides
        .base
        .as_deref()
        .and_then(|b| format::from_slice(b).ok());
    Ok(match base {
        Some(base) => Merged {
            canvas: crate::merge::merge(&base, &ours, &theirs),
            three_way: true,
        },
        None => Merged {
            canvas: crate::merge::merge_two_way(&ours, &theirs),
            three_way: false,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_without_markers_is_none_and_markers_inside_a_line_are_text() {
        assert_eq!(read(b"{\n  \"text\": \"<<<<<<< not a marker\"\n}\n"), None);
        assert_eq!(read(b"<<<<<< six is too short\n"), None);
    }

    #[test]
    fn the_sides_the_shared_lines_and_the_ancestor_come_apart() {
        let text = b"a\n<<<<<<< HEAD\nb\n||||||| base\nc\n=======\nd\n>>>>>>> feature\ne\n";
        let sides = read(text).unwrap().unwrap();
        assert_eq!(sides.ours, b"a\nb\ne\n");
        assert_eq!(sides.base.as_deref(), Some(&b"a\nc\ne\n"[..]));
        assert_eq!(sides.theirs, b"a\nd\ne\n");
        assert_eq!((sides.places, sides.first_line), (1, 2));
        assert_eq!(
            (&*sides.ours_label, &*sides.theirs_label),
            ("HEAD", "feature")
        );
    }

    #[test]
    fn one_place_without_the_ancestor_means_no_base_and_crlf_lines_are_read() {
        let text = b"<<<<<<< HEAD\r\nb\r\n=======\r\nd\r\n>>>>>>> x\r\ne\r\n\
                     <<<<<<< HEAD\r\nf\r\n||||||| base\r\ng\r\n=======\r\nh\r\n>>>>>>> x\r\n";
        let sides = read(text).unwrap().unwrap();
        assert_eq!(sides.ours, b"b\r\ne\r\nf\r\n");
        assert_eq!(sides.theirs, b"d\r\ne\r\nh\r\n");
        assert_eq!(sides.base, None);
        assert_eq!(sides.places, 2);
    }

    #[test]
    fn longer_markers_pair_with_their_own_length() {
        let text = b"<<<<<<<<< HEAD\n=======\nb\n=========\nd\n>>>>>>>>> x\n";
        let sides = read(text).unwrap().unwrap();
        assert_eq!(sides.ours, b"=======\nb\n");
        assert_eq!(sides.theirs, b"d\n");
    }

    #[test]
    fn incomplete_markers_say_where() {
        assert_eq!(
            read(b"a\n<<<<<<< HEAD\nb\n=======\nc\n"),
            Some(Err(MarkerError::Unclosed { line: 2 }))
        );
        assert_eq!(read(b"a\n=======\nb\n"), None);
        assert_eq!(
            read(b"<<<<<<< a\n<<<<<<< b\n"),
            Some(Err(MarkerError::Stray { line: 2 }))
        );
    }
}
