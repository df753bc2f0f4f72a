//! The command line: a thin layer over the core. Parsing is clap's; each subcommand loads with
//! the format module, scores with the fit module, and reports to the writers it is given, so
//! tests can run it without a process.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::canvas::Canvas;
use crate::fit::{self, FitReport};
use crate::format;

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
    /// Validate canvas files; exits 1 if any is invalid, naming each bad file on stderr.
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
}

/// Exit status: everything went well.
pub const EXIT_OK: u8 = 0;
/// Exit status: a file was invalid, would change, or could not be written.
pub const EXIT_FAILURE: u8 = 1;

/// Runs one subcommand, writing results to `out` and problems to `err`. Returns the exit status.
pub fn run(command: &Command, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    // A closed stdout or stderr (`| head`) is no reason to panic; the status still tells.
    let result = match command {
        Command::Check { files } => check(files, out, err),
        Command::Score { json, file } => score(file, *json, out, err),
        Command::Fmt { check, files } => fmt(files, *check, out, err),
    };
    result.unwrap_or(EXIT_FAILURE)
}

fn check(files: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let mut status = EXIT_OK;
    for path in files {
        match format::load_file(path) {
            Ok(canvas) => writeln!(out, "{}: ok ({} notes)", path.display(), canvas.len())?,
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
    for section in crate::section::Section::CUSTOMER {
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
            if let (Some(item), Some(section)) =
                (canvas.item(id.as_str()), canvas.section_of(id.as_str()))
            {
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
            if let (Some(item), Some(section)) =
                (canvas.item(id.as_str()), canvas.section_of(id.as_str()))
            {
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
