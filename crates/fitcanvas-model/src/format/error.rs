//! What can go wrong reading or writing a canvas file, in words a user can act on.

use std::path::{Path, PathBuf};

use super::{FORMAT_NAME, FORMAT_VERSION, MAX_FILE_SIZE};

/// Why a canvas could not be read. Each message says what is wrong and where.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("could not read the file: {}", plain(.0))]
    Io(#[from] std::io::Error),
    #[error("this is a folder, not a canvas file")]
    IsDirectory,
    #[error("this is not a regular file (a device, pipe or socket), so it is not opened")]
    NotRegularFile,
    #[error(
        "the file is {} MiB; Fitcanvas opens canvas files of up to {} MiB",
        .size.div_ceil(1024 * 1024),
        MAX_FILE_SIZE / (1024 * 1024)
    )]
    TooLarge { size: u64 },
    #[error("the file is empty")]
    Empty,
    #[error(
        "the file is not UTF-8 text: invalid byte at line {line}, column {column} (save it as UTF-8)"
    )]
    InvalidUtf8 { line: usize, column: usize },
    #[error("the file ends too early at line {line}, column {column}; it looks cut off")]
    Truncated { line: usize, column: usize },
    #[error(
        "the file holds git's conflict markers (from line {line}): a merge git could not finish; open it in Fitcanvas to merge the two versions it holds"
    )]
    ConflictMarkers { line: usize },
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "the key \"{key}\" appears twice in one object (line {line}, column {column}); keep one, as Fitcanvas will not guess which"
    )]
    DuplicateKey {
        key: String,
        line: usize,
        column: usize,
    },
    #[error("expected a JSON object at the top level, found {found}")]
    NotAnObject { found: &'static str },
    #[error(
        "not a Fitcanvas file: it needs \"format\": \"{FORMAT_NAME}\" at the top level{}",
        .found.as_ref().map(|f| format!(", found {f}")).unwrap_or_default()
    )]
    NotFitcanvas { found: Option<String> },
    #[error(
        "this file is Fitcanvas format version {found}, but this build reads version {FORMAT_VERSION}; open it with a newer Fitcanvas"
    )]
    NewerVersion { found: u64 },
    #[error("{at}: {problem}")]
    Invalid { at: String, problem: String },
}

impl LoadError {
    pub(crate) fn invalid(at: impl Into<String>, problem: impl Into<String>) -> LoadError {
        LoadError::Invalid {
            at: at.into(),
            problem: problem.into(),
        }
    }

    /// Tags the error with the file it came from.
    pub fn in_file(self, path: &Path) -> FileError {
        FileError {
            path: path.to_path_buf(),
            error: self,
        }
    }
}

/// A [`LoadError`] together with the file it concerns: "`plan.json: pains[2].weight: …`".
#[derive(Debug, thiserror::Error)]
#[error("{}: {error}", .path.display())]
pub struct FileError {
    pub path: PathBuf,
    #[source]
    pub error: LoadError,
}

/// Why a canvas could not be saved. The file that was there before is left whole.
#[derive(Debug, thiserror::Error)]
#[error("could not save {}: {}", .path.display(), plain(.source))]
pub struct SaveError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// An operating system's error in plain words, without the "(os error 13)" it ends in: what
/// went wrong, so the user knows what to do. Messages of Fitcanvas's own are kept as they are.
pub fn plain(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let Some(code) = e.raw_os_error() else {
        return e.to_string();
    };
    let words = match e.kind() {
        K::NotFound => "there is no such file or folder",
        K::PermissionDenied => "permission denied: this user may not do that there",
        K::AlreadyExists => "a file of that name is already there",
        K::StorageFull => "the disk is full",
        K::QuotaExceeded => "the disk quota is used up",
        K::ReadOnlyFilesystem => "the disk is read-only",
        K::IsADirectory => "that is a folder",
        K::NotADirectory => "part of the path is a file, not a folder",
        K::InvalidFilename => "the name is too long or has characters the disk does not allow",
        K::FileTooLarge => "the file is too large for this disk",
        K::ResourceBusy => "the file is busy: another program holds it",
        K::DirectoryNotEmpty => "the folder is not empty",
        K::TimedOut => "it took too long (a network drive that does not answer?)",
        _ => {
            // Anything else: the system's own words, without the number.
            let text = e.to_string();
            let text = text
                .strip_suffix(&format!(" (os error {code})"))
                .unwrap_or(&text);
            let mut chars = text.chars();
            return match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text.to_owned(),
            };
        }
    };
    words.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_are_plain_words_without_their_number() {
        let denied = std::io::Error::from_raw_os_error(13);
        assert_eq!(
            plain(&denied),
            "permission denied: this user may not do that there"
        );
        let full = std::io::Error::from_raw_os_error(28);
        assert_eq!(plain(&full), "the disk is full");
        let other = std::io::Error::from_raw_os_error(71); // EPROTO: no words of ours.
        assert!(!plain(&other).contains("os error"), "{}", plain(&other));
        let own = std::io::Error::other("the file is read-only");
        assert_eq!(plain(&own), "the file is read-only");
        let save = SaveError {
            path: PathBuf::from("/plans/a.json"),
            source: denied,
        };
        assert_eq!(
            save.to_string(),
            "could not save /plans/a.json: permission denied: this user may not do that there"
        );
    }
}
