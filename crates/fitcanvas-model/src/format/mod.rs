//! The Fitcanvas file format, version 1 (see `docs/FORMAT.md`): reading with clear errors,
//! canonical writing, and safe file handling (size limit before reading, atomic saves).

mod conflicts;
mod decode;
mod decode_evidence;
mod encode;
mod error;
mod strict_json;

use std::fs;
use std::io::{Read, Write};
use std::path::Path;

pub use decode::{from_slice, from_value};
pub use encode::{to_string, to_vec};
pub use error::{FileError, LoadError, SaveError, plain};

use crate::canvas::Canvas;

/// The value of the top-level `format` field.
pub const FORMAT_NAME: &str = "fitcanvas";
/// The format version this build reads and writes.
pub const FORMAT_VERSION: u64 = 1;
/// Files larger than this are refused before they are read.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;
/// The extension canvas files carry.
pub const FILE_EXTENSION: &str = "json";

/// Reads and validates a canvas file. The file is never modified.
pub fn load_file(path: &Path) -> Result<Canvas, FileError> {
    read_limited(path)
        .and_then(|bytes| from_slice(&bytes))
        .map_err(|e| e.in_file(path))
}

/// Reads a file's bytes, refusing folders, devices and pipes (which could block forever) and
/// anything over [`MAX_FILE_SIZE`], before reading it whole.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    let meta = fs::metadata(path)?;
    if meta.is_dir() {
        return Err(LoadError::IsDirectory);
    }
    if !meta.is_file() {
        return Err(LoadError::NotRegularFile);
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(LoadError::TooLarge { size: meta.len() });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between the check and the read; never read past the limit.
    fs::File::open(path)?
        .take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(LoadError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Saves a canvas in canonical form, atomically.
pub fn save_file(path: &Path, canvas: &Canvas) -> Result<(), SaveError> {
    write_atomically(path, &to_vec(canvas))
}

/// Writes `bytes` to `path` so that a crash or a full disk leaves either the old file or the
/// new one, never a mix: a temporary file in the same folder is written, synced, then renamed
/// over the target. A symbolic link is followed: the file it points to is replaced and the
/// link stays. A read-only file is refused, not replaced (renaming over it would succeed, as
/// that needs only the folder to be writable).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    let resolved = follow_links(path).map_err(fail)?;
    let path = resolved.as_path();
    if fs::metadata(path).is_ok_and(|meta| meta.is_file() && meta.permissions().readonly()) {
        return Err(fail(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only; save it under another name, or make it writable first",
        )));
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(fail(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "that is a folder",
        )));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".fitcanvas-save-");
    // A new file gets the usual permissions (0666 less the umask), not tempfile's private 0600:
    // canvases and exports are documents meant to be shared.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(folder).map_err(fail)?;
    // Keep the permissions of the file being replaced.
    if let Ok(meta) = fs::metadata(path) {
        temp.as_file()
            .set_permissions(meta.permissions())
            .map_err(fail)?;
    }
    temp.write_all(bytes).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    // Make the rename itself durable where the platform allows syncing a folder.
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Keeps `bytes` in a new file beside `path`, named after it with `.tag` added
/// (`plan.json.conflicted`, then `plan.json.conflicted-2`, …): a file already there is never
/// replaced. Written whole (a temporary file renamed into place), as a save is. Returns the
/// name it got.
pub fn keep_beside(path: &Path, tag: &str, bytes: &[u8]) -> Result<std::path::PathBuf, SaveError> {
    let fail = |source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    let resolved = follow_links(path).map_err(fail)?;
    let folder = match resolved.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = resolved
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "canvas".to_owned());
    let mut temp = tempfile::Builder::new()
        .prefix(".fitcanvas-keep-")
        .tempfile_in(folder)
        .map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    for n in 1u32.. {
        let kept = match n {
            1 => folder.join(format!("{name}.{tag}")),
            n => folder.join(format!("{name}.{tag}-{n}")),
        };
        match temp.persist_noclobber(&kept) {
            Ok(_) => {
                if let Ok(dir) = fs::File::open(folder) {
                    let _ = dir.sync_all();
                }
                return Ok(kept);
            }
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => {
                temp = e.file;
            }
            Err(e) => return Err(fail(e.error)),
        }
    }
    Err(fail(std::io::Error::other("no free name for the copy")))
}

/// The file a path names once symbolic links are followed; the path itself when it is no link
/// (or does not exist yet). A link to a missing file gives that file's path, so the save creates
/// it. A relative link is relative to the folder holding the link.
fn follow_links(path: &Path) -> std::io::Result<std::path::PathBuf> {
    // The same limit as Linux's, so a loop of links ends with an error rather than forever.
    const MAX_LINKS: usize = 40;
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}
