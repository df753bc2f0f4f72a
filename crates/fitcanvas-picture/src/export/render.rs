//! Turning the SVG of a drawing into pixels with resvg/usvg, using only the bundled fonts (never
//! the system's), so output is the same on every machine. (The PDF export draws the drawing
//! directly: [`super::pdf`].)

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

/// How many cores the PNG export spreads its work over.
pub fn cores() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
}

/// Renders SVG documents of one size, painted in order one over the other (see
/// [`super::svg::to_svg_layers`]), to a PNG of `width` × `height` pixels. Parsing and shaping
/// text is about half the work and rasterizing the other half; both are spread over the cores:
/// one layer per core to parse, one horizontal band per core to rasterize.
pub fn png_layers(layers: &[String], width: u32, height: u32) -> Result<Vec<u8>, ExportError> {
    let trees = on_threads(layers.iter().map(|svg| move || parse(svg)).collect())
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    let Some(size) = trees.first().map(usvg::Tree::size) else {
        return Err(ExportError::Render("nothing to draw".to_owned()));
    };
    let (sx, sy) = (width as f32 / size.width(), height as f32 / size.height());
    let bands = cores() as u32;
    let band_h = height.div_ceil(bands);
    let trees = &trees;
    let jobs = (0..bands)
        .map(|i| {
            let top = i * band_h;
            let h = band_h.min(height.saturating_sub(top));
            move || rasterize_band(trees, width, top, h, sx, sy)
        })
        .collect();
    let mut rgb = Vec::with_capacity(width as usize * height as usize * 3);
    for band in on_threads(jobs) {
        rgb.extend_from_slice(&band?);
    }
    encode_png(&rgb, width, height)
}

/// Runs each job on a thread of its own and gives their answers in order. A job that panics
/// (a bug in a rendering library) becomes an error, not a crash.
fn on_threads<T: Send>(
    jobs: Vec<impl FnOnce() -> Result<T, ExportError> + Send>,
) -> Vec<Result<T, ExportError>> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = jobs.into_iter().map(|job| scope.spawn(job)).collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(ExportError::Render("rendering failed".to_owned())))
            })
            .collect()
    })
}

/// Rows `top..top + h` of the picture as RGB bytes.
fn rasterize_band(
    trees: &[usvg::Tree],
    width: u32,
    top: u32,
    h: u32,
    sx: f32,
    sy: f32,
) -> Result<Vec<u8>, ExportError> {
    if h == 0 {
        return Ok(Vec::new());
    }
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, h)
        .ok_or_else(|| ExportError::Render(format!("cannot make a {width} × {h} pixel image")))?;
    let transform = resvg::tiny_skia::Transform::from_row(sx, 0.0, 0.0, sy, 0.0, -(top as f32));
    for tree in trees {
        resvg::render(tree, transform, &mut pixmap.as_mut());
    }
    // The drawing always paints an opaque background, so alpha carries nothing (and
    // premultiplied equals straight colour): keep RGB only.
    Ok(pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect())
}

/// Encodes RGB rows as a PNG with the fast PNG-tuned deflate, which keeps a 3840 px export quick.
fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ExportError> {
    let fail = |e: png::EncodingError| ExportError::Render(format!("PNG encoding failed: {e}"));
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(fail)?;
    writer.write_image_data(rgb).map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(out)
}
