//! File → Print…: the canvas goes to the printer as the PDF export draws it (A4 or Letter, as
//! last chosen in the export window), handed to the system's print command (`lp`, CUPS's, on
//! Linux and macOS; set another in the settings file's `print_command`). The command runs on
//! its own, never holding up the window; where there is none, a message says what to do instead.

use std::path::{Path, PathBuf};

use fitcanvas_picture::export::{self, Format, Options};

use crate::{App, Modal};

impl App {
    pub(crate) fn print(&mut self) {
        let command = self.settings.print_command.trim().to_owned();
        let Some(program) = find_program(&command) else {
            self.modal = Some(Modal::Message {
                title: "No print command".to_owned(),
                text: format!(
                    "Fitcanvas prints through “{command}”, which is not installed here. Export \
                     a PDF (File → Export…) and print it from a PDF viewer, or set \
                     \"print_command\" in the settings file."
                ),
            });
            return;
        };
        let options = Options {
            paper: self.export_choice.paper,
            ..Options::default()
        };
        let pdf = match export::render(self.doc.canvas(), Format::Pdf, &options) {
            Ok(pdf) => pdf,
            Err(e) => {
                self.status = format!("Could not print: {e}");
                return;
            }
        };
        // The file stays until the system cleans its temporary folder: the print queue may
        // read it after the command has returned.
        let file = match tempfile::Builder::new()
            .prefix("fitcanvas-print-")
            .suffix(".pdf")
            .tempfile()
            .and_then(|f| f.keep().map_err(|e| e.error))
        {
            Ok((mut handle, path)) => match std::io::Write::write_all(&mut handle, &pdf) {
                Ok(()) => path,
                Err(e) => {
                    self.status = format!("Could not print: {e}");
                    return;
                }
            },
            Err(e) => {
                self.status = format!("Could not print: {e}");
                return;
            }
        };
        match std::process::Command::new(&program).arg(&file).spawn() {
            Ok(mut child) => {
                // Reaped on its own thread, so the window never waits on the print system.
                std::thread::spawn(move || child.wait());
                self.status = format!("Sent “{}” to the printer", self.doc.display_name());
            }
            Err(e) => self.status = format!("Could not run {}: {e}", program.display()),
        }
    }
}

/// The program a command names: a path as it is, a bare name looked up on `PATH`.
fn find_program(command: &str) -> Option<PathBuf> {
    if command.is_empty() {
        return None;
    }
    let given = Path::new(command);
    if given.components().count() > 1 {
        return given.is_file().then(|| given.to_path_buf());
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(command))
        .find(|p| p.is_file())
}
