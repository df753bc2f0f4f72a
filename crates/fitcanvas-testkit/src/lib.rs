//! What the tests and benchmarks of several Fitcanvas crates share: the workspace's folders,
//! generated canvases of a chosen size ([`canvases`]), and (feature `live`) peers on a real
//! y-websocket server ([`live_peer`]).

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use std::path::PathBuf;

pub mod canvases;
#[cfg(feature = "live")]
pub mod live_peer;

/// The workspace's top folder, where `assets/`, `docs/` and the README are.
pub fn workspace_root() -> PathBuf {
    let testkit = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    testkit
        .parent()
        .and_then(|crates| crates.parent())
        .map(std::path::Path::to_path_buf)
        .unwrap_or_else(|| testkit.to_path_buf())
}

/// A file or folder under the workspace's top folder.
pub fn at_root(relative: &str) -> PathBuf {
    workspace_root().join(relative)
}
