//! The command line: a thin layer over the core. Parsing is clap's; each subcommand loads with
//! the format module, scores with the fit module, and reports to the writers it is given, so
//! tests can run it without a process.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use fitcanvas_model::canvas::Canvas;
use fitcanvas_model::fit::{self, FitReport};
use fitcanvas_model::format;
use fitcanvas_picture::export::{self, Links, Paper, Theme};

/// Fitcanvas: build a Value Proposition Canvas, score its fit, keep it as a JSON file.
#[derive(Debug, Parser)]
#[command(
    name = "fitcanvas",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A canvas file to open in the editor (with no subcommand).
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate canvas files; exits 1 if any is invalid or has unresolved merge conflicts,
    /// naming each such file on stderr.
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print the fit score of a canvas and what it is made of.
    Score {
        /// Print one JSON object instead of a report for people.
        #[arg(long)]
        json: bool,
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Rewrite canvas files in the canonical form (unknown fields kept).
    Fmt {
        /// Change nothing; list the files that would change and exit 1 if there are any.
        #[arg(long)]
        check: bool,
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Export a canvas as SVG, PNG, PDF or Markdown, the format taken from OUT's extension.
    Export {
        /// The canvas file to export.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The file to write: .svg, .png, .pdf or .md. An existing file is replaced.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        /// PNG width in pixels.
        #[arg(long, value_name = "PX", default_value_t = export::DEFAULT_PNG_WIDTH)]
        width: u32,
        /// PDF paper size (landscape).
        #[arg(long, value_enum, default_value_t = PaperArg::A4)]
        paper: PaperArg,
        /// Colours for the picture formats (Markdown has none).
        #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
        theme: ThemeArg,
        /// How the pictures show what each value-map note addresses (Markdown lists it in
        /// words).
        #[arg(long, value_enum, default_value_t = LinksArg::Markers)]
        links: LinksArg,
        /// Export even if a merge left conflicts to settle: every picture and page then says
        /// "Draft: N unresolved conflicts". Without it such a canvas is not exported.
        #[arg(long)]
        draft: bool,
    },
    /// Show what changed between two versions of a canvas. Exits 0 if they are the same, 1 if
    /// they differ, 2 if either file could not be read.
    Diff {
        /// The canvas as it was (e.g. the one you sent).
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// The canvas as it is now (e.g. the one that came back).
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// Print one JSON object instead of a report for people.
        #[arg(long)]
        json: bool,
    },
    /// Three-way merge: put together the changes OURS and THEIRS made to BASE. Writes the
    /// result to OUT, or over OURS without -o (as git's merge driver expects). Exits 0 merged
    /// cleanly, 1 conflicts recorded in the result's `conflicts` field, 2 an input could not be
    /// read or the result not written (then nothing is written).
    Merge {
        /// The common ancestor. An empty file means there was none (both sides added the file).
        #[arg(value_name = "BASE")]
        base: PathBuf,
        /// Our version; replaced by the result unless -o is given.
        #[arg(value_name = "OURS")]
        ours: PathBuf,
        /// Their version.
        #[arg(value_name = "THEIRS")]
        theirs: PathBuf,
        /// Where to write the result instead of OURS.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Run as git's merge driver for the file at PATH (git's %P): messages name PATH, not
        /// git's temporary files, and files that are not all canvases are merged line by line
        /// by `git merge-file`, as git would have merged them.
        #[arg(long, value_name = "PATH")]
        git_path: Option<PathBuf>,
    },
    /// Print a canvas as plain text, a line per note, for line-based tools (git's diff driver).
    /// A file that does not load is printed as it is, its error on stderr.
    Show {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Run inside a git repository: set up git (this repository's config) to merge canvases with
    /// `fitcanvas merge` and show them in `git diff` and `git log -p` with `fitcanvas show`, and
    /// add the lines to `.gitattributes` that apply both to PATTERN files.
    GitSetup {
        /// Which files are canvases, as .gitattributes patterns. Without any: *.fitcanvas.json
        /// and each canvas now in the work tree, by its path (never every JSON file).
        #[arg(value_name = "PATTERN")]
        patterns: Vec<String>,
    },
    /// Open a canvas straight into presentation (workshop) mode in the editor window. With
    /// --room, the room opens too and one line `room: URL` is printed once it listens.
    Present {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Open the room: participants join from their phones to write notes and vote.
        #[arg(long)]
        room: bool,
    },
    /// Open a canvas in the editor and share it live: this desktop hosts it on the local
    /// network, or it goes through a y-websocket server with --server. Prints one line
    /// `invite: URL` once others can join (with `fitcanvas join URL` or File → Join live…).
    Share {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// A y-websocket server and room to share through, as `wss://host/room`.
        #[arg(long, value_name = "URL")]
        server: Option<String>,
        /// The token the server wants.
        #[arg(long, value_name = "TOKEN", requires = "server")]
        token: Option<String>,
    },
    /// Open the shared canvas an invite names (from `fitcanvas share` or File → Share live…)
    /// in the editor, to edit it live with the others.
    Join {
        #[arg(value_name = "URL")]
        invite: String,
    },
}

/// `--paper` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    A4,
    A3,
    Letter,
}

/// `--theme` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    Light,
    Dark,
}

/// `--links` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LinksArg {
    /// Each customer note has a marker (P2); value-map notes list the ones they address.
    Markers,
    /// Lines drawn from each value-map note to what it addresses, round the other notes.
    Lines,
    /// Lines and markers.
    Both,
}

/// Exit status: everything went well.
pub const EXIT_OK: u8 = 0;
/// Exit status: a file was invalid, would change, or could not be written.
pub const EXIT_FAILURE: u8 = 1;
/// Exit status of `diff` when the canvases differ (like diff(1)).
pub const EXIT_DIFFERENT: u8 = 1;
/// Exit status of `diff` when a file could not be read (like diff(1)).
pub const EXIT_TROUBLE: u8 = 2;
/// Exit status of `merge` when conflicts were recorded in the result.
pub const EXIT_CONFLICTS: u8 = 1;

/// Runs one subcommand, writing results to `out` and problems to `err`. Returns the exit status.
pub fn run(command: &Command, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    // A closed stdout or stderr (`| head`) is no reason to panic; the status still tells.
    let result = match command {
        Command::Check { files } => check(files, out, err),
        Command::Score { json, file } => score(file, *json, out, err),
        Command::Fmt { check, files } => fmt(files, *check, out, err),
        Command::Export {
            file,
            output,
            width,
            paper,
            theme,
            links,
            draft,
        } => {
            let options = export::Options {
                width: *width,
                paper: match paper {
                    PaperArg::A4 => Paper::A4,
                    PaperArg::A3 => Paper::A3,
                    PaperArg::Letter => Paper::Letter,
                },
                theme: match theme {
                    ThemeArg::Light => Theme::Light,
                    ThemeArg::Dark => Theme::Dark,
                },
                links: match links {
                    LinksArg::Markers => Links::Markers,
                    LinksArg::Lines => Links::Lines,
                    LinksArg::Both => Links::Both,
                },
            };
            export_one(file, output, &options, *draft, out, err)
        }
        Command::Diff { old, new, json } => {
            return crate::diff_report::compare(old, new, *json, out, err).unwrap_or(EXIT_TROUBLE);
        }
        Command::Merge {
            base,
            ours,
            theirs,
            output,
            git_path,
        } => {
            let files = crate::merge_command::Files {
                base,
                ours,
                theirs,
                target: output.as_deref().unwrap_or(ours),
                git_path: git_path.as_deref(),
            };
            return crate::merge_command::run(&files, out, err).unwrap_or(EXIT_TROUBLE);
        }
        Command::Show { file } => {
            return show(file, out, err).unwrap_or(EXIT_TROUBLE);
        }
        Command::GitSetup { patterns } => crate::git_setup::run(patterns, out, err),
        // The window's own: `main` opens it; here (no window in this build) it cannot run.
        Command::Present { .. } | Command::Share { .. } | Command::Join { .. } => {
            writeln!(err, "fitcanvas: this build has no editor window").map(|_| EXIT_TROUBLE)
        }
    };
    result.unwrap_or(EXIT_FAILURE)
}

fn check(files: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let mut status = EXIT_OK;
    for path in files {
        match format::load_file(path) {
            Ok(canvas) => match canvas.unresolved_conflicts() {
                None => writeln!(out, "{}: ok ({} notes)", path.display(), canvas.len())?,
                // It loads, but is not finished: a merge left things to settle.
                Some(n) => {
                    writeln!(
                        err,
                        "{}: {n} from a merge (open it in Fitcanvas to settle them)",
                        path.display()
                    )?;
                    status = EXIT_FAILURE;
                }
            },
            Err(e) => {
                writeln!(err, "{e}")?;
                status = EXIT_FAILURE;
            }
        }
    }
    Ok(status)
}

fn score(path: &Path, json: bool, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let canvas = match format::load_file(path) {
        Ok(canvas) => canvas,
        Err(e) => {
            writeln!(err, "{e}")?;
            return Ok(EXIT_FAILURE);
        }
    };
    let report = fit::score(&canvas);
    if json {
        let line = serde_json::to_string(&report).map_err(std::io::Error::other)?;
        writeln!(out, "{line}")?;
    } else {
        write_report(&canvas, &report, out)?;
    }
    Ok(EXIT_OK)
}

/// The fit report for people: the score, a bar per section, then what is left to address.
fn write_report(canvas: &Canvas, report: &FitReport, out: &mut dyn Write) -> std::io::Result<()> {
    let name = if canvas.title().is_empty() {
        "Untitled canvas"
    } else {
        canvas.title()
    };
    writeln!(out, "{name}")?;
    if !canvas.customer().is_empty() {
        writeln!(out, "Customer: {}", canvas.customer())?;
    }
    match report.fit {
        Some(fit) => writeln!(out, "Fit: {fit:.0}%")?,
        None => writeln!(
            out,
            "Fit: undefined (the customer profile has no notes yet)"
        )?,
    }
    if let Some(validated) = report.validated_fit {
        writeln!(
            out,
            "Validated fit: {validated:.0}% (counting only validated customer notes)"
        )?;
    }
    for section in fitcanvas_model::section::Section::CUSTOMER {
        match report.coverage(section) {
            Some(c) => writeln!(
                out,
                "  {:<14} {} {:>3.0}%",
                section.title(),
                bar(c),
                c * 100.0
            )?,
            None => writeln!(out, "  {:<14} (no notes)", section.title())?,
        }
    }
    if !report.unaddressed.is_empty() {
        writeln!(out, "Not addressed yet (heaviest first):")?;
        for id in &report.unaddressed {
            if let Some((section, item)) = canvas.item_in_section(id.as_str()) {
                writeln!(
                    out,
                    "  [{}] {:<5} {}  ({})",
                    item.weight(),
                    section.singular(),
                    item.text(),
                    id
                )?;
            }
        }
    }
    if !report.unused.is_empty() {
        writeln!(out, "Addressing nothing:")?;
        for id in &report.unused {
            if let Some((section, item)) = canvas.item_in_section(id.as_str()) {
                writeln!(out, "  {}: {}  ({})", section.singular(), item.text(), id)?;
            }
        }
    }
    Ok(())
}

fn bar(coverage: f64) -> String {
    const WIDTH: usize = 20;
    let filled = (coverage.clamp(0.0, 1.0) * WIDTH as f64).round() as usize;
    format!("{}{}", "#".repeat(filled), ".".repeat(WIDTH - filled))
}

fn fmt(
    files: &[PathBuf],
    check: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let mut status = EXIT_OK;
    for path in files {
        let loaded = format::read_limited(path)
            .and_then(|bytes| format::from_slice(&bytes).map(|canvas| (bytes, canvas)))
            .map_err(|e| e.in_file(path));
        let (original, canvas) = match loaded {
            Ok(pair) => pair,
            Err(e) => {
                writeln!(err, "{e} (left unchanged)")?;
                status = EXIT_FAILURE;
                continue;
            }
        };
        let canonical = format::to_vec(&canvas);
        if canonical == original {
            continue;
        }
        if check {
            writeln!(out, "{}", path.display())?;
            status = EXIT_FAILURE;
        } else if let Err(e) = format::write_atomically(path, &canonical) {
            writeln!(err, "{e}")?;
            status = EXIT_FAILURE;
        } else {
            writeln!(out, "formatted {}", path.display())?;
        }
    }
    Ok(status)
}

fn export_one(
    file: &Path,
    output: &Path,
    options: &export::Options,
    draft: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let canvas = match export::Format::from_path(output)
        .and_then(|_| format::load_file(file).map_err(export::ExportError::from))
    {
        Ok(canvas) => canvas,
        Err(e) => {
            writeln!(err, "{e}")?;
            return Ok(EXIT_FAILURE);
        }
    };
    if let (Some(n), false) = (canvas.unresolved_conflicts(), draft) {
        writeln!(
            err,
            "{} has {n} from a merge, so it was not exported: settle them in Fitcanvas, or \
             export with --draft to mark every page \"Draft: {n}\"",
            file.display()
        )?;
        return Ok(EXIT_FAILURE);
    }
    match export::export_canvas(&canvas, output, options) {
        Ok(_) => {
            match canvas.draft_mark() {
                Some(mark) => writeln!(out, "exported {}, marked \"{mark}\"", output.display())?,
                None => writeln!(out, "exported {}", output.display())?,
            }
            Ok(EXIT_OK)
        }
        Err(e) => {
            writeln!(err, "{e}")?;
            Ok(EXIT_FAILURE)
        }
    }
}

/// `fitcanvas show`: git runs it on every version it diffs, so a file that does not load (a
/// half-resolved text merge, say) is still shown, as it is.
fn show(path: &Path, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let bytes = match format::read_limited(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            writeln!(err, "{}", e.in_file(path))?;
            return Ok(EXIT_TROUBLE);
        }
    };
    match format::from_slice(&bytes) {
        Ok(canvas) => out.write_all(fitcanvas_model::text_view::render(&canvas).as_bytes())?,
        Err(e) => {
            writeln!(err, "{}", e.in_file(path))?;
            out.write_all(&bytes)?;
        }
    }
    Ok(EXIT_OK)
}
