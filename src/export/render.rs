//! Turning the SVG of a drawing into pixels or PDF pages with resvg/usvg and svg2pdf, using only
//! the bundled fonts (never the system's), so output is the same on every machine.

use std::sync::{Arc, OnceLock};

use resvg::usvg::{self, fontdb};

use super::ExportError;

/// The font database holding the bundled fonts, built once per process.
fn font_db() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        for font in crate::fonts::FONTS {
            db.load_font_source(fontdb::Source::Binary(Arc::new(font.bytes)));
        }
        Arc::new(db)
    })
    .clone()
}

/// Parses SVG text into a usvg tree, its text shaped with the bundled fonts.
pub fn parse(svg: &str) -> Result<usvg::Tree, ExportError> {
    let options = usvg::Options {
        font_family: crate::fonts::PRIMARY_FAMILY.to_owned(),
        fontdb: font_db(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| ExportError::Render(e.to_string()))
}

/// Renders SVG text to a PNG of `width` × `height` pixels.
pub fn png(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, ExportError> {
    let tree = parse(svg)?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height).ok_or_else(|| {
        ExportError::Render(format!("cannot make a {width} × {height} pixel image"))
    })?;
    let size = tree.size();
    let transform = resvg::tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    encode_png(&pixmap)
}

/// Encodes an opaque pixmap as an RGB PNG. The drawing always paints an opaque background, so
/// alpha carries nothing (and premultiplied equals straight colour); dropping it and using the
/// fast PNG-tuned deflate keeps a 3840 px export quick.
fn encode_png(pixmap: &resvg::tiny_skia::Pixmap) -> Result<Vec<u8>, ExportError> {
    let fail = |e: png::EncodingError| ExportError::Render(format!("PNG encoding failed: {e}"));
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(fail)?;
    writer.write_image_data(&rgb).map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(out)
}

/// Converts SVG text (sized in points) to a one-page vector PDF with embedded, selectable text.
pub fn pdf(svg: &str) -> Result<Vec<u8>, ExportError> {
    let tree = parse(svg)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions::default(),
    )
    .map_err(|e| ExportError::Render(format!("PDF conversion failed: {e}")))
}
