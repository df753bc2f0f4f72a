//! The engine's state kept on disk beside a window's recovery file (never in the canvas file),
//! so edits made offline survive a restart or a crash and merge on the next connection. The
//! file holds this desktop's Yjs client id (it must go on with the same id) and the document's
//! state as one Yjs update.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{LiveError, Replica};

const MAGIC: &[u8; 8] = b"FCLIVE1\n";

/// Where the state for the recovery file `recovery` is kept: `name.live` beside it.
pub fn path_beside(recovery: &Path) -> PathBuf {
    recovery.with_extension("live")
}

/// Writes the replica's state to `path`, atomically (a crash leaves the old file or the new).
pub fn save(path: &Path, replica: &Replica) -> std::io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(folder)?;
    file.write_all(MAGIC)?;
    file.write_all(&replica.client().to_le_bytes())?;
    file.write_all(&replica.state())?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Why kept state could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum KeptError {
    #[error("could not read the kept live state: {}", fitcanvas_model::format::plain(.0))]
    Io(#[from] std::io::Error),
    #[error("the kept live state is not a Fitcanvas live state file")]
    NotKept,
    #[error(transparent)]
    Live(#[from] LiveError),
}

/// The replica kept at `path`, with the client id it had.
pub fn load(path: &Path) -> Result<Replica, KeptError> {
    let bytes = std::fs::read(path)?;
    let rest = bytes.strip_prefix(MAGIC).ok_or(KeptError::NotKept)?;
    let (id, state) = rest.split_at_checked(8).ok_or(KeptError::NotKept)?;
    let id: [u8; 8] = id.try_into().map_err(|_| KeptError::NotKept)?;
    Ok(Replica::restore(u64::from_le_bytes(id), state)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fitcanvas_model::canvas::Canvas;
    use fitcanvas_model::section::Section;

    #[test]
    fn kept_state_comes_back_with_its_client_id() {
        let folder = tempfile::tempdir().unwrap();
        let recovery = folder.path().join("window-1.json");
        let path = path_beside(&recovery);
        assert_eq!(path.file_name().unwrap(), "window-1.live");
        let mut canvas = Canvas::new();
        canvas.add_item(Section::Jobs, "Kept");
        let replica = Replica::share(&canvas, 4242);
        save(&path, &replica).unwrap();
        let back = load(&path).unwrap();
        assert_eq!(back.client(), 4242);
        assert_eq!(back.canvas(), canvas);
        std::fs::write(&path, b"nonsense").unwrap();
        assert!(matches!(load(&path), Err(KeptError::NotKept)));
    }
}
