//! The window's icon: the bundled Fitcanvas app icon (drawn in `assets/icon/fitcanvas.svg`,
//! rendered to PNG by `crates/fitcanvas/tests/icon.rs`), decoded for eframe's viewport.

/// The app id the window reports (Wayland `app_id`, X11 `WM_CLASS`); the desktop entry, icon and
/// file type installed by `scripts/package-deb.sh` are named after it, so the desktop shows this
/// icon for the window.
pub const APP_ID: &str = "org.fitcanvas.Fitcanvas";

/// The 64 px app icon, as sharp as window decorations and task switchers ask for.
const ICON_PNG: &[u8] =
    include_bytes!("../../../../assets/icon/hicolor/64x64/apps/org.fitcanvas.Fitcanvas.png");

/// The app icon as RGBA pixels, or `None` if it cannot be decoded (then the window keeps
/// eframe's default icon rather than failing to open).
pub fn window_icon() -> Option<egui::IconData> {
    decode_rgba(ICON_PNG).map(|(rgba, width, height)| egui::IconData {
        rgba,
        width,
        height,
    })
}

/// A PNG's pixels as 8-bit RGBA rows, with its width and height.
fn decode_rgba(bytes: &[u8]) -> Option<(Vec<u8>, u32, u32)> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buf).ok()?;
    buf.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        png::ColorType::GrayscaleAlpha => buf
            .chunks_exact(2)
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        png::ColorType::Grayscale => buf.iter().flat_map(|&g| [g, g, g, 255]).collect(),
        png::ColorType::Indexed => return None,
    };
    Some((rgba, info.width, info.height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_icon_decodes_to_a_square_of_rgba_pixels() {
        let icon = window_icon().expect("the bundled icon decodes");
        assert_eq!((icon.width, icon.height), (64, 64));
        assert_eq!(icon.rgba.len(), 64 * 64 * 4);
        // Transparent corners (the tile is rounded), an opaque middle.
        assert_eq!(icon.rgba[3], 0);
        let middle = (32 * 64 + 32) * 4;
        assert_eq!(icon.rgba[middle + 3], 255);
        assert!(decode_rgba(b"not a png").is_none());
    }
}
