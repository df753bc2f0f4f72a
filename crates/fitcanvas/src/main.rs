//! The `fitcanvas` program: subcommands run the core; no subcommand opens the editor.

use std::process::ExitCode;

use clap::Parser;
use fitcanvas::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match &args.command {
        #[cfg(feature = "gui")]
        Some(cli::Command::Present { file, room }) => fitcanvas_app::run_presenting(file, *room),
        #[cfg(feature = "gui")]
        Some(cli::Command::Share {
            file,
            server,
            token,
        }) => fitcanvas_app::run_sharing(file, server.as_deref(), token.as_deref()),
        #[cfg(feature = "gui")]
        Some(cli::Command::Join { invite }) => fitcanvas_app::run_joining(invite),
        Some(command) => {
            let status = cli::run(command, &mut std::io::stdout(), &mut std::io::stderr());
            ExitCode::from(status)
        }
        None => open_editor(args.file.as_deref()),
    }
}

#[cfg(feature = "gui")]
fn open_editor(file: Option<&std::path::Path>) -> ExitCode {
    fitcanvas_app::run(file)
}

#[cfg(not(feature = "gui"))]
fn open_editor(_file: Option<&std::path::Path>) -> ExitCode {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "This build has no editor window (built without the `gui` feature); use `fitcanvas check`, `score` or `fmt` (see --help)."
    );
    ExitCode::from(2)
}
