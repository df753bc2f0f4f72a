//! Files: open and save, the app's own file browser and the system's dialogs, crash recovery,
//! a file changed on disk (or broken there), exports and printing, and the start screen with the bundled examples.

pub(crate) mod broken_on_disk;
pub(crate) mod examples;
pub(crate) mod export_job;
pub(crate) mod export_menu;
pub(crate) mod file_browser;
pub(crate) mod file_dialogs;
pub(crate) mod open_save;
pub(crate) mod outside_change;
pub(crate) mod print;
pub(crate) mod recovery;
pub(crate) mod start_screen;
