//! The app icon: the PNG sizes installed in the hicolor theme (and the window icon) are the SVG
//! source rendered with resvg. `UPDATE_EXPECTED=1 cargo test --test icon` renders them again
//! after a change to `assets/icon/fitcanvas.svg`; look at them before committing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use std::path::PathBuf;

use resvg::{tiny_skia, usvg};

/// The sizes desktops look for in `hicolor/<size>x<size>/apps/`.
const SIZES: [u32; 8] = [16, 24, 32, 48, 64, 128, 256, 512];

fn icon_dir() -> PathBuf {
    fitcanvas_testkit::workspace_root().join("assets/icon")
}

fn render(tree: &usvg::Tree, size: u32) -> tiny_skia::Pixmap {
    let mut pixmap = tiny_skia::Pixmap::new(size, size).unwrap();
    let scale = size as f32 / tree.size().width();
    resvg::render(
        tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
}

#[test]
fn every_hicolor_png_is_the_svg_source_rendered_at_its_size() {
    let svg = std::fs::read_to_string(icon_dir().join("fitcanvas.svg")).unwrap();
    let tree = usvg::Tree::from_str(&svg, &usvg::Options::default()).unwrap();
    assert_eq!(tree.size().width(), tree.size().height(), "a square icon");
    for size in SIZES {
        let rendered = render(&tree, size);
        let path = icon_dir().join(format!(
            "hicolor/{size}x{size}/apps/org.fitcanvas.Fitcanvas.png"
        ));
        if std::env::var_os("UPDATE_EXPECTED").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            rendered.save_png(&path).unwrap();
        }
        let committed = tiny_skia::Pixmap::load_png(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_EXPECTED=1)", path.display()));
        assert_eq!((committed.width(), committed.height()), (size, size));
        assert!(
            committed.data() == rendered.data(),
            "{}: differs from the SVG; run with UPDATE_EXPECTED=1",
            path.display()
        );
        // The mark is there: opaque pixels in the middle, transparent corners.
        assert_eq!(committed.pixel(0, 0).unwrap().alpha(), 0);
        assert_eq!(committed.pixel(size / 2, size / 2).unwrap().alpha(), 255);
    }
}
