//! Handing a canvas over to someone without Fitcanvas: SVG, PNG, PDF and Markdown. The three
//! pictures come from one [`drawing::Drawing`] (SVG text, rendered to PNG by resvg; drawn onto a
//! PDF page by krilla); Markdown is written from the model directly.

pub mod drawing;
pub mod markdown;
mod markdown_evidence;
pub mod pdf;
pub mod render;
pub mod svg;
pub mod text;

use std::path::Path;

use crate::palette::Palette;
use fitcanvas_model::canvas::Canvas;
use fitcanvas_model::format;

pub use drawing::{Drawing, Links};
pub use text::Measurer;

/// An export format, chosen by the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
    Pdf,
    Markdown,
}

impl Format {
    /// Every format, with the extensions that select it (the first is the usual one).
    pub const ALL: [(Format, &'static [&'static str]); 4] = [
        (Format::Svg, &["svg"]),
        (Format::Png, &["png"]),
        (Format::Pdf, &["pdf"]),
        (Format::Markdown, &["md", "markdown"]),
    ];

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Markdown => "md",
        }
    }

    /// The name people know the format by.
    pub fn name(self) -> &'static str {
        match self {
            Format::Svg => "SVG",
            Format::Png => "PNG",
            Format::Pdf => "PDF",
            Format::Markdown => "Markdown",
        }
    }

    /// `path` with an extension that selects this format: kept when it already does (any
    /// letter case, `.markdown` too), otherwise the usual one is added or put in its place.
    pub fn with_extension(self, path: &Path) -> std::path::PathBuf {
        if Format::from_path(path).ok() == Some(self) {
            return path.to_path_buf();
        }
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") | None => path.with_extension(self.extension()),
            Some(_) => {
                let mut name = path.as_os_str().to_owned();
                name.push(".");
                name.push(self.extension());
                name.into()
            }
        }
    }

    /// The format an output path asks for, by its extension (any letter case).
    pub fn from_path(path: &Path) -> Result<Format, ExportError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        Format::ALL
            .iter()
            .find(|(_, exts)| exts.contains(&ext.as_str()))
            .map(|(f, _)| *f)
            .ok_or_else(|| ExportError::UnknownFormat {
                path: path.display().to_string(),
            })
    }
}

/// Paper for PDF export, always landscape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    A3,
    /// US Letter, 8.5 × 11 inches.
    Letter,
}

impl Paper {
    pub const ALL: [Paper; 3] = [Paper::A4, Paper::A3, Paper::Letter];

    /// Landscape width and height in PDF points.
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (841.89, 595.28),
            Paper::A3 => (1190.55, 841.89),
            Paper::Letter => (792.0, 612.0),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::A3 => "A3",
            Paper::Letter => "US Letter",
        }
    }
}

/// Light or dark colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    pub fn palette(self) -> Palette {
        match self {
            Theme::Light => Palette::light(),
            Theme::Dark => Palette::dark(),
        }
    }
}

/// How to export.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// PNG width in pixels.
    pub width: u32,
    pub paper: Paper,
    pub theme: Theme,
    /// How the pictures show links (Markdown lists them in words either way).
    pub links: Links,
}

/// The default PNG width: sharp on a 4K screen and in print.
pub const DEFAULT_PNG_WIDTH: u32 = 3840;
/// PNG width limits: large enough for a poster, small enough not to exhaust memory.
pub const MIN_PNG_WIDTH: u32 = 200;
pub const MAX_PNG_WIDTH: u32 = 16000;
/// Width : height of SVG and PNG pictures.
pub const PICTURE_ASPECT: f32 = 1.6;

impl Default for Options {
    fn default() -> Options {
        Options {
            width: DEFAULT_PNG_WIDTH,
            paper: Paper::A4,
            theme: Theme::Light,
            links: Links::Markers,
        }
    }
}

/// Why an export failed. Nothing is written when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Load(#[from] format::FileError),
    #[error(
        "{path}: unknown export format; the output file name must end in .svg, .png, .pdf or .md"
    )]
    UnknownFormat { path: String },
    #[error("PNG width must be from {MIN_PNG_WIDTH} to {MAX_PNG_WIDTH} pixels, not {0}")]
    BadWidth(u32),
    #[error("could not render the canvas: {0}")]
    Render(String),
    #[error(transparent)]
    Save(#[from] format::SaveError),
}

/// The bytes of `canvas` exported as `format`.
pub fn render(canvas: &Canvas, format: Format, options: &Options) -> Result<Vec<u8>, ExportError> {
    let palette = options.theme.palette();
    let drawing = |aspect: f32| {
        Drawing::build_with(canvas, &palette, &Measurer::new(), aspect, options.links)
    };
    match format {
        Format::Markdown => Ok(markdown::to_markdown(canvas).into_bytes()),
        Format::Svg => {
            let d = drawing(PICTURE_ASPECT);
            Ok(svg::to_svg(&d, d.width, d.height).into_bytes())
        }
        Format::Png => {
            if !(MIN_PNG_WIDTH..=MAX_PNG_WIDTH).contains(&options.width) {
                return Err(ExportError::BadWidth(options.width));
            }
            let d = drawing(PICTURE_ASPECT);
            let height = ((options.width as f32) * d.height / d.width)
                .round()
                .max(1.0) as u32;
            let layers = svg::to_svg_layers(&d, d.width, d.height, render::cores());
            render::png_layers(&layers, options.width, height)
        }
        Format::Pdf => {
            let (w, h) = options.paper.size_pt();
            let d = drawing(w / h);
            pdf::to_pdf(&d, w, h)
        }
    }
}

/// Loads `input`, exports it in the format `output`'s extension names, and replaces `output`
/// atomically. On any error nothing is written.
pub fn export_file(input: &Path, output: &Path, options: &Options) -> Result<Format, ExportError> {
    Format::from_path(output)?;
    export_canvas(&format::load_file(input)?, output, options)
}

/// Exports `canvas` in the format `output`'s extension names, replacing `output` atomically.
/// A canvas with unresolved merge conflicts is marked "Draft: N unresolved conflicts".
pub fn export_canvas(
    canvas: &Canvas,
    output: &Path,
    options: &Options,
) -> Result<Format, ExportError> {
    let format = Format::from_path(output)?;
    let bytes = render(canvas, format, options)?;
    format::write_atomically(output, &bytes)?;
    Ok(format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_follows_the_format() {
        let p = |s: &str| Path::new(s).to_path_buf();
        assert_eq!(Format::Png.with_extension(&p("a/b.json")), p("a/b.png"));
        assert_eq!(Format::Pdf.with_extension(&p("a/b")), p("a/b.pdf"));
        assert_eq!(Format::Svg.with_extension(&p("b.SVG")), p("b.SVG"));
        assert_eq!(
            Format::Markdown.with_extension(&p("b.markdown")),
            p("b.markdown")
        );
        assert_eq!(Format::Markdown.with_extension(&p("v1.2")), p("v1.2.md"));
        assert_eq!(Format::Png.with_extension(&p("b.svg")), p("b.svg.png"));
        for (f, _) in Format::ALL {
            let out = f.with_extension(&p("x.json"));
            assert_eq!(Format::from_path(&out).ok(), Some(f));
        }
    }
}
