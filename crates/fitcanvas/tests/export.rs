//! Exports of every bundled example in every format, non-Latin text, text that must never
//! overflow its note, and the `export` command run as a user runs it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use fitcanvas_model::Canvas;
use fitcanvas_model::format;
use fitcanvas_picture::export::drawing::{Drawing, Shape};
use fitcanvas_picture::export::{self, Format, Measurer, Options, render};
use fitcanvas_picture::layout::Rect;
use fitcanvas_picture::palette::Palette;
use resvg::usvg;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        fs::read_dir(fitcanvas_testkit::workspace_root().join("assets/examples"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
    files.sort();
    assert!(files.len() >= 3);
    files
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

fn load(path: &Path) -> Canvas {
    format::load_file(path).unwrap()
}

/// The drawing every image export of `canvas` starts from, in the light theme.
fn light_drawing(canvas: &Canvas) -> Drawing {
    drawing_with(canvas, export::Links::Markers)
}

/// Every line of text a drawing holds, in drawing order.
fn text_lines(d: &Drawing) -> Vec<&fitcanvas_picture::export::drawing::TextLine> {
    d.shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// The same with the links shown as `links` says.
fn drawing_with(canvas: &Canvas, links: export::Links) -> Drawing {
    Drawing::build_with(
        canvas,
        &Palette::light(),
        &Measurer::new(),
        export::PICTURE_ASPECT,
        links,
    )
}

fn fitcanvas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fitcanvas"))
        .args(args)
        .output()
        .expect("run the fitcanvas binary")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn all_texts(group: &usvg::Group, out: &mut Vec<usvg::Text>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => all_texts(g, out),
            usvg::Node::Text(t) => out.push((**t).clone()),
            _ => {}
        }
    }
}

#[test]
fn svg_of_every_example_parses_and_holds_every_note() {
    for path in examples() {
        let canvas = load(&path);
        let svg = export::render(&canvas, Format::Svg, &Options::default()).unwrap();
        let svg = String::from_utf8(svg).unwrap();
        let tree = usvg::Tree::from_str(&svg, &usvg::Options::default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(tree.size().width() > 0.0);
        for (_, item) in canvas.all_items() {
            let first = item.text().split_whitespace().next().unwrap();
            assert!(svg.contains(first), "{}: {first}", path.display());
        }
    }
}

#[test]
fn png_of_every_example_has_the_requested_size_and_real_content() {
    for path in examples() {
        let canvas = load(&path);
        for theme in [export::Theme::Light, export::Theme::Dark] {
            let options = Options {
                width: 1200,
                theme,
                ..Options::default()
            };
            let png = export::render(&canvas, Format::Png, &options).unwrap();
            let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
            assert_eq!(pixmap.width(), 1200);
            assert_eq!(pixmap.height(), 750);
            let mut colours = std::collections::HashSet::new();
            for p in pixmap.pixels() {
                colours.insert((p.red(), p.green(), p.blue()));
            }
            assert!(
                colours.len() > 50,
                "{}: {} colours",
                path.display(),
                colours.len()
            );
        }
    }
}

#[test]
fn png_layers_shaped_on_separate_cores_paint_the_same_picture_as_one_document() {
    let canvas = load(&examples()[0]);
    let d = light_drawing(&canvas);
    let whole = export::svg::to_svg(&d, d.width, d.height);
    let one = render::png_layers(&[whole], 900, 563).unwrap();
    for parts in [2, 3, 4] {
        let layers = export::svg::to_svg_layers(&d, d.width, d.height, parts);
        assert_eq!(layers.len(), parts);
        assert_eq!(
            layers.iter().filter(|l| l.contains("<rect width=")).count(),
            1,
            "only the first layer paints the background"
        );
        let layered = render::png_layers(&layers, 900, 563).unwrap();
        let (a, b) = (
            resvg::tiny_skia::Pixmap::decode_png(&one).unwrap(),
            resvg::tiny_skia::Pixmap::decode_png(&layered).unwrap(),
        );
        assert!(
            a.data() == b.data(),
            "{parts} layers differ from one document"
        );
    }
}

#[test]
fn triangulated_notes_get_a_ring_round_their_badge_and_others_do_not() {
    let canvas = load(&examples()[0]);
    let d = light_drawing(&canvas);
    let rings_in = |rect: &fitcanvas_picture::layout::Rect| {
        d.shapes
            .iter()
            .filter(|s| match s {
                Shape::Circle {
                    center,
                    fill: None,
                    stroke: Some(_),
                    ..
                } => {
                    center.0 > rect.x
                        && center.0 < rect.right()
                        && center.1 > rect.y
                        && center.1 < rect.bottom()
                }
                _ => false,
            })
            .count()
    };
    let mut triangulated = 0;
    for note in &d.notes {
        let item = canvas.item(note.id.as_str()).unwrap();
        // Weight dots are stroked circles too, but always filled or all five present; count
        // only the rings beyond them: an empty weight dot has a stroke and no fill.
        let empty_dots = if note.section.is_customer() {
            5 - usize::from(item.weight())
        } else {
            0
        };
        let rings = rings_in(&note.rect) - empty_dots;
        assert_eq!(
            rings,
            usize::from(item.is_triangulated()),
            "{}",
            item.text()
        );
        triangulated += usize::from(item.is_triangulated());
    }
    assert!(triangulated >= 1, "the example has a triangulated note");
}

/// The text `pdftotext` extracts, with all whitespace removed (line breaks in the PDF fall
/// wherever the note wrapped).
fn pdf_text(pdf: &[u8]) -> String {
    pdf_text_in(pdf, None)
}

/// The text `pdftotext` extracts from the first page, or from the rectangle `crop` of it (x, y,
/// width, height in points from the top left), with all whitespace removed and the bidi marks it
/// puts round right-to-left runs dropped.
fn pdf_text_in(pdf: &[u8], crop: Option<(f32, f32, f32, f32)>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.pdf");
    fs::write(&file, pdf).unwrap();
    let mut command = Command::new("pdftotext");
    if let Some((x, y, w, h)) = crop {
        for (flag, v) in [("-x", x), ("-y", y), ("-W", w), ("-H", h)] {
            command.arg(flag).arg(format!("{}", v.round() as i64));
        }
    }
    let out = command
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, see scripts/install-system-deps.sh)");
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

/// The text the PDF holds inside one note's box (a reader selecting that note), and the text
/// it should be: the note's own, then the words in its row of marks (its marker and kind
/// tag), white space left out. Text and marks are read apart: poppler guesses each region's
/// reading direction from its letters, and a Latin "J1 FUN" beside Arabic text would sway it.
fn note_in_pdf(
    pdf: &[u8],
    note: &export::drawing::NoteBox,
    item: &fitcanvas_model::Item,
    scale: f32,
) -> (String, String) {
    let crop = |r: Rect| (r.x * scale, r.y * scale, r.w * scale, r.h * scale);
    let (r, t) = (note.rect, note.text_area);
    let marks = Rect::new(r.x, t.bottom(), r.w, (r.bottom() - t.bottom()).max(0.0));
    let marker = note.marker.as_deref().unwrap_or_default();
    let tag = note.tag.as_deref().unwrap_or_default();
    let wanted = item
        .text()
        .split_whitespace()
        .chain(marker.split_whitespace())
        .chain(tag.split_whitespace())
        .collect();
    let read = pdf_text_in(pdf, Some(crop(t))) + &pdf_text_in(pdf, Some(crop(marks)));
    (read, wanted)
}

/// Arabic and Hebrew notes, with numbers, Latin words and lam-alef ligatures among the words,
/// read back from the PDF in the order they were typed. Each note is read on its own, as a
/// reader selecting it would: poppler guesses the reading direction from the letters it
/// extracts, and on the whole page the English legend makes it left to right.
#[test]
fn pdf_text_of_right_to_left_notes_reads_in_logical_order() {
    let m = Measurer::new();
    for name in ["arabic.json", "hebrew.json"] {
        let canvas = load(&fixture(name));
        let pdf = export::render(&canvas, Format::Pdf, &Options::default()).unwrap();
        let (w, h) = export::Paper::A4.size_pt();
        let d = Drawing::build(&canvas, &Palette::light(), &m, w / h);
        let scale = w / d.width;
        assert_eq!(d.notes.len(), canvas.all_items().count());
        for note in &d.notes {
            let item = canvas.item(note.id.as_str()).unwrap();
            assert!(
                m.covers(item.text()),
                "{name}: no font for {:?}",
                item.text()
            );
            assert!(!note.truncated, "{name}: {} does not fit", note.id);
            let (read, wanted) = note_in_pdf(&pdf, note, item, scale);
            assert_eq!(read, wanted, "{name}: {}", note.id);
        }
        // The whole page holds every letter too, whatever order poppler puts the runs in.
        let page = pdf_text(&pdf);
        for (_, item) in canvas.all_items() {
            // Each run of letters of one direction ("כ" and "PDF" in "כ־PDF").
            let rtl = |c: char| ('\u{0590}'..='\u{08FF}').contains(&c);
            for word in item.text().split_whitespace() {
                let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
                for run in letters.chunk_by(|a, b| rtl(*a) == rtl(*b)) {
                    let run: String = run.iter().collect();
                    let reversed: String = run.chars().rev().collect();
                    assert!(
                        page.contains(&run) || page.contains(&reversed),
                        "{name}: {run:?} of {:?} not in the page text",
                        item.text()
                    );
                }
            }
        }
    }
}

/// Hindi (Devanagari, with conjuncts and vowel signs written before their consonant) and Thai
/// notes: every letter has a bundled font, and the PDF text of each note reads back as typed.
#[test]
fn devanagari_and_thai_notes_are_drawn_with_bundled_fonts_and_read_back_from_the_pdf() {
    let m = Measurer::new();
    let canvas = load(&fixture("indic-thai.json"));
    let pdf = export::render(&canvas, Format::Pdf, &Options::default()).unwrap();
    let (w, h) = export::Paper::A4.size_pt();
    let d = Drawing::build(&canvas, &Palette::light(), &m, w / h);
    let scale = w / d.width;
    for note in &d.notes {
        let item = canvas.item(note.id.as_str()).unwrap();
        assert!(m.covers(item.text()), "no font for {:?}", item.text());
        let (read, wanted) = note_in_pdf(&pdf, note, item, scale);
        assert_eq!(read, wanted, "{}", note.id);
    }
    // The SVG (and so the PNG) draws no missing-glyph box anywhere, the title mixing
    // Devanagari, Latin and Thai in one bold line included.
    let tree = render::parse(&export::svg::to_svg(&d, d.width, d.height)).unwrap();
    let mut texts = Vec::new();
    all_texts(tree.root(), &mut texts);
    let glyphs: Vec<_> = texts
        .iter()
        .flat_map(|t| {
            t.layouted()
                .iter()
                .flat_map(|s| s.positioned_glyphs.clone())
        })
        .collect();
    assert!(glyphs.len() > 100);
    let boxes: Vec<&str> = glyphs
        .iter()
        .filter(|g| g.id.0 == 0)
        .map(|g| g.text.as_str())
        .collect();
    assert!(boxes.is_empty(), "drawn as boxes: {boxes:?}");
}

/// A right-to-left note that starts with a number ("24 hours"): the number is read first, so in
/// every picture it is drawn to the right of the words, in the SVG (and so the PNG) as in the PDF.
#[test]
fn right_to_left_notes_put_a_leading_number_on_the_right_in_svg_and_pdf() {
    for (name, number, letter) in [("arabic.json", "٢٤", 'س'), ("hebrew.json", "24", 'ש')] {
        let canvas = load(&fixture(name));
        let d = light_drawing(&canvas);
        let tree = render::parse(&export::svg::to_svg(&d, d.width, d.height)).unwrap();
        let mut texts = Vec::new();
        all_texts(tree.root(), &mut texts);
        // The glyphs of the one line holding the number, with their x.
        let line: Vec<(String, f32)> = texts
            .iter()
            .map(|t| {
                t.layouted()
                    .iter()
                    .flat_map(|span| &span.positioned_glyphs)
                    .map(|g| (g.text.clone(), g.transform().tx))
                    .collect::<Vec<_>>()
            })
            .find(|glyphs| glyphs.iter().any(|(t, _)| number.starts_with(t.as_str())))
            .unwrap();
        let x_of = |wanted: &dyn Fn(&str) -> bool| {
            line.iter()
                .find(|(t, _)| wanted(t))
                .map(|(_, x)| *x)
                .unwrap()
        };
        let number_x = x_of(&|t| number.starts_with(t));
        let letter_x = x_of(&|t| t.contains(letter));
        assert!(
            number_x > letter_x,
            "{name}: the SVG puts the number on the left"
        );

        // pdftotext's word boxes: the number's, and the word beside it on the same baseline.
        let pdf = export::render(&canvas, Format::Pdf, &Options::default()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("out.pdf");
        fs::write(&file, &pdf).unwrap();
        let out = Command::new("pdftotext")
            .arg("-bbox")
            .arg(&file)
            .arg("-")
            .output()
            .unwrap();
        let attr = |l: &str, name: &str| -> f32 {
            l.split(&format!("{name}=\""))
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        };
        let words: Vec<(String, f32, f32)> = text(&out.stdout)
            .lines()
            .filter(|l| l.trim_start().starts_with("<word"))
            .map(|l| {
                let word = l.split('>').nth(1).unwrap().split('<').next().unwrap();
                (word.to_owned(), attr(l, "xMin"), attr(l, "yMin"))
            })
            .collect();
        let &(_, number_x, y) = words.iter().find(|(w, _, _)| w == number).unwrap();
        let &(_, letter_x, _) = words
            .iter()
            .find(|(w, _, wy)| w.contains(letter) && (wy - y).abs() < 1.0)
            .unwrap();
        assert!(
            number_x > letter_x,
            "{name}: the PDF puts the number on the left"
        );
    }
}

/// Every font in the PDF is embedded, subset (a six-letter tag before its name) and mapped back
/// to Unicode, as `pdffonts` lists them.
#[test]
fn pdf_fonts_are_embedded_subset_and_mapped_to_unicode() {
    let canvas = load(&fixture("non-latin.json"));
    let pdf = export::render(&canvas, Format::Pdf, &Options::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.pdf");
    fs::write(&file, &pdf).unwrap();
    let out = Command::new("pdffonts")
        .arg(&file)
        .output()
        .expect("pdffonts (poppler-utils, see scripts/install-system-deps.sh)");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listing = text(&out.stdout);
    let fonts: Vec<&str> = listing.lines().skip(2).collect();
    // Latin regular and bold, Arabic, Japanese and emoji.
    assert!(fonts.len() >= 5, "{listing}");
    for line in fonts {
        let name = line.split_whitespace().next().unwrap();
        let (tag, _) = name
            .split_once('+')
            .unwrap_or_else(|| panic!("not subset: {line}"));
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{line}"
        );
        assert!(
            line.contains(" yes yes yes "),
            "not embedded, subset and mapped: {line}"
        );
    }
    assert!(
        pdf.len() < 200_000,
        "{} bytes: fonts not subset?",
        pdf.len()
    );
}

/// Every bundled example exported as a PDF on every paper: (file, paper, canvas, PDF).
fn every_example_on_every_paper() -> Vec<(PathBuf, export::Paper, Canvas, Vec<u8>)> {
    let mut out = Vec::new();
    for path in examples() {
        let canvas = load(&path);
        for paper in export::Paper::ALL {
            let options = Options {
                paper,
                ..Options::default()
            };
            let pdf = export::render(&canvas, Format::Pdf, &options).unwrap();
            out.push((path.clone(), paper, canvas.clone(), pdf));
        }
    }
    out
}

#[test]
fn pdf_of_every_example_holds_every_note_as_searchable_text() {
    for (path, paper, canvas, pdf) in every_example_on_every_paper() {
        assert!(pdf.starts_with(b"%PDF-"));
        let extracted = pdf_text(&pdf);
        for (_, item) in canvas.all_items() {
            let wanted: String = item.text().split_whitespace().collect();
            assert!(
                extracted.contains(&wanted),
                "{} ({paper:?}): {:?} not in the PDF text",
                path.display(),
                item.text()
            );
        }
        if let Some(title) = canvas.title().split_whitespace().next() {
            assert!(extracted.contains(title));
        }
    }
}

#[test]
fn markdown_of_every_example_matches_the_expected_file() {
    for path in examples() {
        let canvas = load(&path);
        let md = String::from_utf8(
            export::render(&canvas, Format::Markdown, &Options::default()).unwrap(),
        )
        .unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let expected_path = root().join("tests/expected").join(format!("{name}.md"));
        if std::env::var_os("UPDATE_EXPECTED").is_some() {
            fs::write(&expected_path, &md).unwrap();
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (run with UPDATE_EXPECTED=1)",
                expected_path.display()
            )
        });
        assert_eq!(md, expected, "{name}: run with UPDATE_EXPECTED=1 to accept");
        for (_, item) in canvas.all_items() {
            assert!(md.contains(item.id().as_str()));
        }
    }
}

/// Every glyph usvg shaped for the non-Latin fixture comes from a bundled font that has it:
/// glyph 0 is the missing-glyph box.
#[test]
fn japanese_arabic_and_emoji_render_with_real_glyphs_not_boxes() {
    let canvas = load(&fixture("non-latin.json"));
    let m = Measurer::new();
    for (_, item) in canvas.all_items() {
        assert!(
            m.covers(item.text()),
            "no bundled font covers {:?}",
            item.text()
        );
    }
    assert!(m.covers(canvas.title()) && m.covers(canvas.customer()));
    assert!(
        !m.covers("\u{10FFFD}"),
        "a private-use character is not covered"
    );

    let d = light_drawing(&canvas);
    let svg = export::svg::to_svg(&d, d.width, d.height);
    let tree = render::parse(&svg).unwrap();
    let mut texts = Vec::new();
    all_texts(tree.root(), &mut texts);
    let mut checked = 0;
    for t in &texts {
        for span in t.layouted() {
            for glyph in &span.positioned_glyphs {
                if glyph.text.trim().is_empty() {
                    continue;
                }
                assert_ne!(glyph.id.0, 0, "{:?} drew as a box", glyph.text);
                checked += 1;
            }
        }
    }
    // Japanese, Arabic and emoji are all among them.
    for sample in ["請", "ف", "😩", "🚀"] {
        assert!(svg.contains(sample), "{sample}");
    }
    assert!(checked > 100, "{checked} glyphs");

    // And the picture has ink where those notes are.
    let png = export::render(
        &canvas,
        Format::Png,
        &Options {
            width: 1600,
            ..Options::default()
        },
    )
    .unwrap();
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
    let note = d.notes.iter().find(|n| n.id.as_str() == "pain-1").unwrap();
    let dark = (note.text_area.y as u32..note.text_area.bottom() as u32)
        .flat_map(|y| (note.text_area.x as u32..note.text_area.right() as u32).map(move |x| (x, y)))
        .filter(|&(x, y)| pixmap.pixel(x, y).is_some_and(|p| p.red() < 100))
        .count();
    assert!(dark > 50, "{dark} dark pixels in the Japanese note");
}

/// Every drawn line of note text, measured and as laid out by the renderer, stays inside its note.
#[test]
fn text_never_overflows_its_note() {
    let m = Measurer::new();
    let mut canvases: Vec<Canvas> = examples().iter().map(|p| load(p)).collect();
    canvases.push(load(&fixture("long-text.json")));
    canvases.push(load(&fixture("non-latin.json")));
    let long = load(&fixture("long-text.json"));
    assert_eq!(long.item("pain-1").unwrap().text().chars().count(), 500);
    for canvas in &canvases {
        for aspect in [export::PICTURE_ASPECT, 841.89 / 595.28] {
            let d = Drawing::build(canvas, &Palette::light(), &m, aspect);
            let svg = export::svg::to_svg(&d, d.width, d.height);
            let tree = render::parse(&svg).unwrap();
            let mut texts = Vec::new();
            all_texts(tree.root(), &mut texts);
            let shapes = text_lines(&d);
            assert_eq!(texts.len(), shapes.len());
            for note in &d.notes {
                for line in &note.lines {
                    let w = m.width(&line.text, line.size, false);
                    assert!(
                        w <= note.text_area.w,
                        "{}: {:?} is {w} wide in {}",
                        note.id,
                        line.text,
                        note.text_area.w
                    );
                    assert!(
                        line.y <= note.text_area.bottom(),
                        "{}: line below the note",
                        note.id
                    );
                    let index = shapes.iter().position(|s| *s == line).unwrap();
                    let bbox = texts[index].bounding_box();
                    let r = note.rect;
                    assert!(
                        bbox.left() >= r.x - 0.5
                            && bbox.right() <= r.right() + 0.5
                            && bbox.top() >= r.y - 0.5
                            && bbox.bottom() <= r.bottom() + 0.5,
                        "{}: rendered {:?} at {bbox:?} leaves its note {r:?}",
                        note.id,
                        line.text
                    );
                }
            }
        }
    }
    let d = light_drawing(&long);
    let word = d.notes.iter().find(|n| n.id.as_str() == "job-1").unwrap();
    assert!(word.lines.len() >= 2, "the long word is broken over lines");
    let essay = d.notes.iter().find(|n| n.id.as_str() == "pain-1").unwrap();
    assert!(essay.truncated);
    assert!(essay.lines.last().unwrap().text.ends_with('…'));
}

#[test]
fn a_300_note_canvas_exports_with_every_note_inside_its_area() {
    let mut canvas = Canvas::new();
    for i in 0..300 {
        let section = fitcanvas_model::Section::ALL[i % 6];
        canvas.add_item(section, format!("Note number {i} with a few words of text"));
    }
    let d = light_drawing(&canvas);
    assert_eq!(d.notes.len(), 300);
    for note in &d.notes {
        assert!(note.rect.bottom() <= d.height && note.rect.right() <= d.width);
    }
}

#[test]
fn export_command_writes_each_format_and_replaces_existing_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = examples()[0].to_string_lossy().into_owned();
    for (ext, magic) in [
        ("svg", &b"<svg"[..]),
        ("png", &b"\x89PNG"[..]),
        ("pdf", &b"%PDF"[..]),
        ("md", &b"# "[..]),
    ] {
        let out_path = dir.path().join(format!("canvas.{ext}"));
        fs::write(&out_path, "old contents").unwrap();
        let out = out_path.to_string_lossy().into_owned();
        let result = fitcanvas(&[
            "export", &input, "-o", &out, "--width", "800", "--theme", "dark",
        ]);
        assert_eq!(
            result.status.code(),
            Some(0),
            "{ext}: {}",
            text(&result.stderr)
        );
        assert!(fs::read(&out_path).unwrap().starts_with(magic), "{ext}");
    }
    let png = fs::read(dir.path().join("canvas.png")).unwrap();
    assert_eq!(
        resvg::tiny_skia::Pixmap::decode_png(&png).unwrap().width(),
        800
    );
    // Only the four outputs; no temporary files left behind.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 4);
}

#[test]
fn export_refuses_an_unknown_extension_naming_the_supported_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir
        .path()
        .join("canvas.docx")
        .to_string_lossy()
        .into_owned();
    let input = examples()[0].to_string_lossy().into_owned();
    let result = fitcanvas(&["export", &input, "-o", &out]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = text(&result.stderr);
    for ext in [".svg", ".png", ".pdf", ".md", "canvas.docx"] {
        assert!(stderr.contains(ext), "{stderr}");
    }
    assert!(fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn export_of_an_invalid_file_fails_with_the_core_message_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    fs::write(
        &bad,
        r#"{"format":"fitcanvas","version":1,"pains":[{"id":"p","text":"x","weight":0}]}"#,
    )
    .unwrap();
    let core_message = format::load_file(&bad).unwrap_err().to_string();
    for ext in ["svg", "png", "pdf", "md"] {
        let out = dir.path().join(format!("out.{ext}"));
        let result = fitcanvas(&[
            "export",
            &bad.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
        ]);
        assert_eq!(result.status.code(), Some(1));
        assert_eq!(text(&result.stderr).trim(), core_message);
        assert!(!out.exists(), "{ext} written");
    }
}

#[test]
fn export_to_an_unwritable_place_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no-such-folder/canvas.svg");
    let input = examples()[0].to_string_lossy().into_owned();
    let result = fitcanvas(&["export", &input, "-o", &out.to_string_lossy()]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        text(&result.stderr).contains(&*out.to_string_lossy()),
        "{}",
        text(&result.stderr)
    );
}

#[test]
fn export_rejects_a_silly_png_width() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c.png").to_string_lossy().into_owned();
    let input = examples()[0].to_string_lossy().into_owned();
    let result = fitcanvas(&["export", &input, "-o", &out, "--width", "0"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(text(&result.stderr).contains("width"));
    assert!(!Path::new(&out).exists());
}

#[test]
fn huge_texts_are_cut_short_not_choked_on() {
    let mut canvas = Canvas::new();
    canvas.set_title("T".repeat(200_000));
    let id = canvas.add_item(fitcanvas_model::Section::Pains, "x".repeat(1_000_000));
    canvas.add_item(fitcanvas_model::Section::Gains, "word ".repeat(100_000));
    let d = light_drawing(&canvas);
    let note = d.notes.iter().find(|n| n.id == id).unwrap();
    assert!(note.truncated);
    assert!(note.lines.last().unwrap().text.ends_with('…'));
    let svg = export::render(&canvas, Format::Svg, &Options::default()).unwrap();
    assert!(svg.len() < 200_000, "{} bytes", svg.len());
}

/// The PNG is rendered in bands on several cores; it must equal one single-pass render.
#[test]
fn png_bands_join_without_seams() {
    let canvas = load(&examples()[0]);
    let png = export::render(
        &canvas,
        Format::Png,
        &Options {
            width: 1000,
            ..Options::default()
        },
    )
    .unwrap();
    let banded = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
    let d = light_drawing(&canvas);
    let tree = render::parse(&export::svg::to_svg(&d, d.width, d.height)).unwrap();
    let mut whole = resvg::tiny_skia::Pixmap::new(1000, 625).unwrap();
    let scale = 1000.0 / tree.size().width();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut whole.as_mut(),
    );
    assert_eq!((banded.width(), banded.height()), (1000, 625));
    let differing = banded
        .pixels()
        .iter()
        .zip(whole.pixels())
        .filter(|(a, b)| {
            (i16::from(a.red()) - i16::from(b.red())).abs() > 2
                || (i16::from(a.green()) - i16::from(b.green())).abs() > 2
                || (i16::from(a.blue()) - i16::from(b.blue())).abs() > 2
        })
        .count();
    // tiny-skia anti-aliases a few small glyph edges a level or two differently in a smaller
    // pixmap; a seam would show as whole rows of differences.
    let rows_at_seams = (0..625usize)
        .filter(|y| {
            let row = |p: &resvg::tiny_skia::Pixmap| p.pixels()[y * 1000..(y + 1) * 1000].to_vec();
            row(&banded)
                .iter()
                .zip(row(&whole))
                .filter(|(a, b)| **a != *b)
                .count()
                > 100
        })
        .count();
    assert_eq!(rows_at_seams, 0);
    assert!(differing < 625, "{differing} pixels differ");
}

/// The text of every list item in `md`, as a CommonMark reader (with GitHub's tables and
/// strikethrough) shows it: markup gone, escapes undone, code spans as their content.
fn rendered_list_items(md: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag, TagEnd};
    let mut items: Vec<String> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let options = MdOptions::ENABLE_TABLES | MdOptions::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Item) => {
                open.push(items.len());
                items.push(String::new());
            }
            Event::End(TagEnd::Item) => {
                open.pop();
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(&i) = open.last() {
                    items[i].push_str(&t);
                }
            }
            _ => {}
        }
    }
    items
}

#[test]
fn markdown_shows_markup_characters_in_notes_as_typed() {
    let texts = [
        "*not bold* and _not italic_ or **strong**",
        "# not a heading",
        "- not a list",
        "+ not a list either",
        "1. not numbered",
        "<b>not html</b> &amp; no entity",
        "`not code` and [not a link](https://example.com)",
        "a | b | c ~~not struck~~",
        "back\\slash \\* and a trailing #",
        "= not underlined",
    ];
    let mut canvas = Canvas::new();
    canvas.set_title("Markup *in* the title #1");
    let mut ids = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let section = fitcanvas_model::Section::ALL[i % 6];
        ids.push(canvas.add_item(section, *text));
    }
    let md =
        String::from_utf8(export::render(&canvas, Format::Markdown, &Options::default()).unwrap())
            .unwrap();
    let items = rendered_list_items(&md);
    for (text, id) in texts.iter().zip(&ids) {
        assert!(
            items
                .iter()
                .any(|item| item.starts_with(text) && item.contains(id.as_str())),
            "{text:?} does not read as typed; items: {items:#?}\n{md}"
        );
    }
    // The title is a heading whose text is the title as typed.
    let heading: String = pulldown_cmark::Parser::new(&md)
        .skip_while(|e| {
            !matches!(
                e,
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::Heading { .. })
            )
        })
        .take_while(|e| {
            !matches!(
                e,
                pulldown_cmark::Event::End(pulldown_cmark::TagEnd::Heading(_))
            )
        })
        .filter_map(|e| match e {
            pulldown_cmark::Event::Text(t) => Some(t.into_string()),
            _ => None,
        })
        .collect();
    assert_eq!(heading, "Markup *in* the title #1");
}

/// Exports cannot draw links the way the window does; each customer note carries a marker and
/// each value-map note names the markers of what it addresses, so every link can be read off
/// the page. And the validated fit stands beside the fit in every format.
#[test]
fn every_link_can_be_read_off_an_export_and_the_validated_fit_is_shown() {
    let m = Measurer::new();
    for path in examples() {
        let canvas = load(&path);
        let d = Drawing::build(&canvas, &Palette::light(), &m, 16.0 / 10.0);
        let marker_of = |id: &str| {
            d.notes
                .iter()
                .find(|n| n.id.as_str() == id)
                .and_then(|n| n.marker.clone())
                .unwrap_or_else(|| panic!("{}: {id} has no marker", path.display()))
        };
        let mut links = 0;
        for note in d.notes.iter().filter(|n| !n.section.is_customer()) {
            let item = canvas.item(note.id.as_str()).unwrap();
            for to in item.addresses() {
                let named = note.marker.as_deref().unwrap_or_default();
                let wanted = marker_of(to.as_str());
                assert!(
                    named.split_whitespace().any(|w| w == wanted),
                    "{}: {} does not name {wanted} ({named:?})",
                    path.display(),
                    note.id
                );
                links += 1;
            }
        }
        assert!(links > 0, "{}: no links to check", path.display());
        if let Some(validated) = fitcanvas_model::score(&canvas).validated_fit {
            let wanted = format!("Validated fit {validated:.0}%");
            let svg = export::svg::to_svg(&d, d.width, d.height);
            assert!(
                svg.contains(&wanted),
                "{}: SVG lacks {wanted}",
                path.display()
            );
            let pdf = export::render(&canvas, Format::Pdf, &Options::default()).unwrap();
            let squeezed: String = wanted.split_whitespace().collect();
            assert!(
                pdf_text(&pdf).contains(&squeezed),
                "{}: PDF lacks {wanted}",
                path.display()
            );
        }
    }
}

/// The word boxes `pdftotext -bbox` finds on the first page: (height, text).
fn pdf_word_heights(pdf: &[u8]) -> Vec<(f32, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-bbox", "-f", "1", "-l", "1"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, see scripts/install-system-deps.sh)");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |tag: &str, name: &str| -> f32 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    html.split("<word ")
        .skip(1)
        .map(|tag| {
            let text = tag.split('>').nth(1).unwrap_or_default();
            let text = text.split('<').next().unwrap_or_default().to_owned();
            (attr(tag, "yMax") - attr(tag, "yMin"), text)
        })
        .collect()
}

/// On every paper, no text on the page is smaller than 8 pt: a word box of Noto Sans is
/// about 1.36 times the text size, so 8 pt text makes boxes of 10.9 pt; 7.5 pt, 10.2 pt.
#[test]
fn pdf_text_is_at_least_8_pt_on_every_paper() {
    for (path, paper, _, pdf) in every_example_on_every_paper() {
        // Letters and digits: a symbol's box ("→") depends on its own font's extent.
        let words: Vec<(f32, String)> = pdf_word_heights(&pdf)
            .into_iter()
            .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
            .collect();
        assert!(words.len() > 100, "{}: words read back", path.display());
        let (h, word) = words
            .iter()
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .cloned()
            .unwrap();
        assert!(
            h >= 10.6,
            "{} on {paper:?}: {word:?} is {:.1} pt text",
            path.display(),
            h / 1.36
        );
    }
}

/// Every link drawn as a line, in each bundled example: one line per link, from the edge of
/// the value-map note to the edge of the customer note it addresses (named so in the SVG), drawn
/// before any note so the notes lie over it, and passing behind no other note, let alone
/// through its text, where straight lines between the notes would cross text many times.
#[test]
fn lines_join_every_link_and_pass_through_no_other_notes_text() {
    use fitcanvas_picture::link_routes::crossings;
    let on_edge = |r: &Rect, (x, y): (f32, f32)| {
        let near = |a: f32, b: f32| (a - b).abs() < 0.5;
        let within = |v: f32, lo: f32, hi: f32| v >= lo - 0.5 && v <= hi + 0.5;
        (near(x, r.x) || near(x, r.right())) && within(y, r.y, r.bottom())
            || (near(y, r.y) || near(y, r.bottom())) && within(x, r.x, r.right())
    };
    // The picture's shape and every paper's: each packs the notes differently.
    let aspects = std::iter::once(export::PICTURE_ASPECT).chain(export::Paper::ALL.map(|p| {
        let (w, h) = p.size_pt();
        w / h
    }));
    for (path, aspect) in examples()
        .into_iter()
        .flat_map(|p| aspects.clone().map(move |a| (p.clone(), a)))
    {
        let canvas = load(&path);
        let d = Drawing::build_with(
            &canvas,
            &Palette::light(),
            &Measurer::new(),
            aspect,
            export::Links::Lines,
        );
        let note = |id: &str| d.notes.iter().find(|n| n.id.as_str() == id).unwrap();
        let mut wanted: Vec<(String, String)> = d
            .notes
            .iter()
            .filter(|n| !n.section.is_customer())
            .flat_map(|n| {
                let item = canvas.item(n.id.as_str()).unwrap();
                item.addresses()
                    .iter()
                    .map(|to| (n.id.to_string(), to.to_string()))
                    .collect::<Vec<_>>()
            })
            .collect();
        let first_note = d
            .shapes
            .iter()
            .position(|s| matches!(s, Shape::Rect { rect, .. } if *rect == d.notes[0].rect))
            .unwrap();
        let (mut drawn, mut routed, mut straight) = (Vec::new(), 0, 0);
        for (i, shape) in d.shapes.iter().enumerate() {
            let Shape::Link {
                from, to, points, ..
            } = shape
            else {
                continue;
            };
            let where_ = format!("{} at {aspect:.2}: {from} → {to}", path.display());
            assert!(i < first_note, "{where_}: drawn over the notes");
            let (a, b) = (note(from.as_str()), note(to.as_str()));
            assert!(on_edge(&a.rect, points[0]), "{where_}: starts off its note");
            assert!(
                on_edge(&b.rect, *points.last().unwrap()),
                "{where_}: ends off its note"
            );
            let others: Vec<_> = d
                .notes
                .iter()
                .filter(|n| n.id != *from && n.id != *to)
                .collect();
            let texts: Vec<Rect> = others.iter().map(|n| n.text_area).collect();
            let rects: Vec<Rect> = others.iter().map(|n| n.rect).collect();
            assert_eq!(crossings(points, &texts), 0, "{where_}: crosses text");
            routed += crossings(points, &rects);
            straight += crossings(&[a.rect.center(), b.rect.center()], &texts);
            drawn.push((from.to_string(), to.to_string()));
        }
        assert_eq!(routed, 0, "{}: lines pass behind notes", path.display());
        // The examples are dense enough that straight lines would cross text: the routing is
        // what keeps it clear.
        assert!(straight >= 10, "{}: {straight}", path.display());
        wanted.sort();
        drawn.sort();
        assert!(!drawn.is_empty());
        assert_eq!(drawn, wanted, "{}", path.display());
        // The SVG names each line's notes, one group per link.
        let svg = export::svg::to_svg(&d, d.width, d.height);
        assert_eq!(svg.matches(r#"<g class="link""#).count(), wanted.len());
        for (from, to) in &wanted {
            let named = format!(r#"data-from="{from}" data-to="{to}""#);
            assert!(svg.contains(&named), "{}: {named}", path.display());
        }
    }
}

/// With lines, no note carries a marker and the legend reads the lines; with both, the
/// markers are back beside the lines; markers stay the default, drawn as before with no line.
#[test]
fn the_link_style_decides_markers_lines_and_the_legend() {
    let canvas = load(&examples()[0]);
    let legend = |d: &Drawing| {
        d.shapes
            .iter()
            .find_map(|s| match s {
                Shape::Text(t) if t.text.starts_with("Dots: weight.") => Some(t.text.clone()),
                _ => None,
            })
            .unwrap()
    };
    let links = |d: &Drawing| {
        d.shapes
            .iter()
            .filter(|s| matches!(s, Shape::Link { .. }))
            .count()
    };
    let lines = drawing_with(&canvas, export::Links::Lines);
    assert!(lines.notes.iter().all(|n| n.marker.is_none()));
    assert!(legend(&lines).contains("Line:"), "{}", legend(&lines));
    assert!(!legend(&lines).contains("J1"));
    let both = drawing_with(&canvas, export::Links::Both);
    assert_eq!(links(&both), links(&lines));
    assert!(both.notes.iter().any(|n| n.marker.as_deref() == Some("J1")));
    assert!(legend(&both).contains("J1") && legend(&both).contains("line"));
    let markers = light_drawing(&canvas);
    assert_eq!(Options::default().links, export::Links::Markers);
    assert_eq!(links(&markers), 0);
    assert!(legend(&markers).contains("→ P2: what a value-map note addresses."));
    for d in [&lines, &both, &markers] {
        assert!(!legend(d).contains('…'), "the key is cut: {}", legend(d));
    }
    let by_default = export::render(&canvas, Format::Svg, &Options::default()).unwrap();
    assert!(!text(&by_default).contains("class=\"link\""));
    // Lines read on paper and in greyscale: dark enough against the board and the page.
    for palette in [Palette::light(), Palette::dark()] {
        for ground in [palette.shape_fill, palette.background] {
            assert!(palette.link.contrast(ground) >= 3.0, "{:?}", palette.link);
        }
    }
}

#[test]
fn export_command_draws_lines_in_every_picture_format_and_refuses_a_bad_style() {
    let dir = tempfile::tempdir().unwrap();
    let input = examples()[0].to_string_lossy().into_owned();
    let out = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    for ext in ["svg", "png", "pdf"] {
        for links in ["markers", "lines"] {
            let result = fitcanvas(&[
                "export",
                &input,
                "-o",
                &out(&format!("{links}.{ext}")),
                "--width",
                "800",
                "--links",
                links,
            ]);
            assert_eq!(result.status.code(), Some(0), "{}", text(&result.stderr));
        }
        let lines = fs::read(out(&format!("lines.{ext}"))).unwrap();
        let markers = fs::read(out(&format!("markers.{ext}"))).unwrap();
        match ext {
            "svg" => {
                assert!(text(&lines).contains(r#"<g class="link""#));
                assert!(!text(&markers).contains(r#"<g class="link""#));
            }
            "pdf" => {
                let (lines, markers) = (pdf_text(&lines), pdf_text(&markers));
                assert!(
                    lines.contains("Line:") && !lines.contains("→P2:"),
                    "{lines}"
                );
                assert!(markers.contains("→P2:"), "{markers}");
            }
            _ => {
                let decode = |b: &[u8]| resvg::tiny_skia::Pixmap::decode_png(b).unwrap();
                let (l, m) = (decode(&lines), decode(&markers));
                assert_eq!((l.width(), l.height()), (m.width(), m.height()));
                let link = Palette::light().link;
                let blue = |p: &resvg::tiny_skia::Pixmap| {
                    p.pixels()
                        .iter()
                        .filter(|c| (c.red(), c.green(), c.blue()) == (link.0, link.1, link.2))
                        .count()
                };
                assert!(
                    blue(&l) > 1000 && blue(&m) == 0,
                    "{} {}",
                    blue(&l),
                    blue(&m)
                );
            }
        }
    }
    // Without --links, markers: the same file as --links markers.
    let plain = out("plain.svg");
    assert_eq!(
        fitcanvas(&["export", &input, "-o", &plain]).status.code(),
        Some(0)
    );
    assert_eq!(
        fs::read(&plain).unwrap(),
        fs::read(out("markers.svg")).unwrap()
    );
    let bad = out("bad.svg");
    let result = fitcanvas(&["export", &input, "-o", &bad, "--links", "arrows"]);
    assert_eq!(result.status.code(), Some(2));
    let stderr = text(&result.stderr);
    assert!(
        stderr.contains("invalid value 'arrows' for '--links <LINKS>'")
            && stderr.contains("[possible values: markers, lines, both]"),
        "{stderr}"
    );
    assert!(!Path::new(&bad).exists());
}

/// The first example with two pains reworded two ways by a merge: two conflicts to settle.
fn conflicted() -> Canvas {
    let base = load(&examples()[0]);
    let pains: Vec<String> = base
        .items(fitcanvas_model::Section::Pains)
        .iter()
        .take(2)
        .map(|i| i.id().to_string())
        .collect();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    for id in &pains {
        ours.set_text(id, "Ours").unwrap();
        theirs.set_text(id, "Theirs").unwrap();
    }
    let merged = fitcanvas_model::merge::merge(&base, &ours, &theirs);
    assert_eq!(merged.conflicts().len(), 2);
    merged
}

#[test]
fn export_refuses_a_canvas_with_unresolved_conflicts_unless_asked_for_a_draft_which_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("merged.json");
    format::save_file(&input, &conflicted()).unwrap();
    let input = input.to_string_lossy().into_owned();
    for ext in ["svg", "png", "pdf", "md"] {
        let out = dir.path().join(format!("out.{ext}"));
        let out_arg = out.to_string_lossy().into_owned();
        let refused = fitcanvas(&["export", &input, "-o", &out_arg]);
        assert_eq!(refused.status.code(), Some(1), "{ext}");
        let stderr = text(&refused.stderr);
        assert!(stderr.contains("2 unresolved conflicts"), "{stderr}");
        assert!(stderr.contains("--draft"), "{stderr}");
        assert!(!out.exists(), "{ext} written");

        let draft = fitcanvas(&["export", &input, "-o", &out_arg, "--draft"]);
        assert_eq!(draft.status.code(), Some(0), "{}", text(&draft.stderr));
        assert!(
            text(&draft.stdout).contains("marked \"Draft: 2 unresolved conflicts\""),
            "{}",
            text(&draft.stdout)
        );
    }
    let read = |ext: &str| fs::read(dir.path().join(format!("out.{ext}"))).unwrap();
    assert!(pdf_text(&read("pdf")).contains("Draft:2unresolvedconflicts"));
    assert!(text(&read("svg")).contains("Draft: 2 unresolved conflicts"));
    assert!(text(&read("md")).contains("**Draft: 2 unresolved conflicts**"));
}

#[test]
fn the_draft_mark_sits_beside_the_title_whole_and_goes_once_the_conflicts_are_settled() {
    let mut canvas = conflicted();
    canvas.set_title("A title long enough to need cutting short ".repeat(4));
    let d = light_drawing(&canvas);
    let texts = text_lines(&d);
    let mark = texts
        .iter()
        .find(|t| t.text == "Draft: 2 unresolved conflicts")
        .expect("the mark is drawn whole");
    let title = texts
        .iter()
        .find(|t| t.text.starts_with("A title"))
        .unwrap();
    assert!(title.text.ends_with('…'), "{}", title.text);
    assert_eq!(mark.y, title.y, "on the title's line");
    let m = Measurer::new();
    let title_end = title.x + m.width(&title.text, title.size, true);
    let mark_end = mark.x + m.width(&mark.text, mark.size, true);
    let fit = texts.iter().find(|t| t.text.starts_with("Fit ")).unwrap();
    let fit_start = fit.x - m.width(&fit.text, fit.size, true);
    assert!(
        title_end < mark.x && mark_end < fit_start,
        "{title_end} {} {mark_end} {fit_start}",
        mark.x
    );

    while !canvas.conflicts().is_empty() {
        canvas
            .resolve_conflict(0, fitcanvas_model::conflict::MergeSide::Ours)
            .unwrap();
    }
    let d = light_drawing(&canvas);
    assert!(
        !d.shapes
            .iter()
            .any(|s| matches!(s, Shape::Text(t) if t.text.starts_with("Draft")))
    );
    assert!(!export::markdown::to_markdown(&canvas).contains("Draft"));
}
