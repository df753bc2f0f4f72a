//! The PDF export: the drawing's shapes put straight onto one krilla page, in points. Text is
//! shaped here (harfrust, with the bidi algorithm and the bundled fonts' fallback order) and
//! written as real text: krilla embeds a subset of each font used and maps every glyph back to
//! the characters it stands for, so the text is selectable and searchable.

use std::ops::Range;
use std::sync::OnceLock;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{Path, PathBuilder, Point, Transform};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin, Stroke as PdfStroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use unicode_bidi::{BidiInfo, Level};

use super::ExportError;
use super::drawing::{Anchor, Drawing, Shape, Stroke, TextLine, link_dot};
use super::text::is_rtl;
use crate::fonts::{self, BundledFont};
use crate::palette::Rgb;

/// `drawing` as a one-page PDF `width` × `height` points, the drawing scaled to fill it.
pub fn to_pdf(drawing: &Drawing, width: f32, height: f32) -> Result<Vec<u8>, ExportError> {
    let faces = faces();
    if faces.is_empty() {
        return Err(ExportError::Render(
            "no bundled font could be read".to_owned(),
        ));
    }
    let settings = PageSettings::from_wh(width, height)
        .ok_or_else(|| ExportError::Render(format!("cannot make a {width} × {height} pt page")))?;
    let mut document = Document::new();
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();
    let scale = width / drawing.width.max(1.0);
    surface.push_transform(&Transform::from_scale(scale, scale));
    if let Some(path) = rect_path(0.0, 0.0, drawing.width, drawing.height, 0.0) {
        paint(&mut surface, &path, Some(drawing.background), None);
    }
    for shape in &drawing.shapes {
        draw_shape(&mut surface, shape, faces);
    }
    surface.pop();
    surface.finish();
    page.finish();
    document
        .finish()
        .map_err(|e| ExportError::Render(format!("PDF writing failed: {e:?}")))
}

fn draw_shape(surface: &mut Surface, shape: &Shape, faces: &[Face]) {
    match shape {
        Shape::Rect {
            rect,
            radius,
            fill,
            stroke,
        } => {
            if let Some(path) = rect_path(rect.x, rect.y, rect.w, rect.h, *radius) {
                paint(surface, &path, *fill, *stroke);
            }
        }
        Shape::Circle {
            center,
            radius,
            fill,
            stroke,
        } => {
            if let Some(path) = circle_path(center.0, center.1, *radius) {
                paint(surface, &path, *fill, *stroke);
            }
        }
        Shape::Path { points, stroke } => polyline(surface, points, *stroke),
        Shape::Link { points, stroke, .. } => {
            polyline(surface, points, *stroke);
            if let Some(&(x, y)) = points.last()
                && let Some(dot) = circle_path(x, y, link_dot(stroke))
            {
                paint(surface, &dot, Some(stroke.color), None);
            }
        }
        Shape::Text(line) => draw_text(surface, line, faces),
    }
}

fn polyline(surface: &mut Surface, points: &[(f32, f32)], stroke: Stroke) {
    let mut pb = PathBuilder::new();
    for (i, &(x, y)) in points.iter().enumerate() {
        if i == 0 {
            pb.move_to(x, y);
        } else {
            pb.line_to(x, y);
        }
    }
    if let Some(path) = pb.finish() {
        paint(surface, &path, None, Some(stroke));
    }
}

fn color(c: Rgb) -> krilla::paint::Paint {
    rgb::Color::new(c.0, c.1, c.2).into()
}

/// Fills and/or strokes `path` (round caps and joins, as the SVG draws its lines).
fn paint(surface: &mut Surface, path: &Path, fill: Option<Rgb>, stroke: Option<Stroke>) {
    surface.set_fill(fill.map(|c| Fill {
        paint: color(c),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }));
    surface.set_stroke(stroke.map(|s| PdfStroke {
        paint: color(s.color),
        width: s.width,
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        ..PdfStroke::default()
    }));
    surface.draw_path(path);
}

/// A rectangle with corners rounded by `r` (clamped to half the shorter side), as SVG's `rx`.
fn rect_path(x: f32, y: f32, w: f32, h: f32, r: f32) -> Option<Path> {
    if !(w > 0.0 && h > 0.0) {
        return None;
    }
    let r = r.clamp(0.0, w.min(h) / 2.0);
    let mut pb = PathBuilder::new();
    if r <= 0.0 {
        pb.move_to(x, y);
        pb.line_to(x + w, y);
        pb.line_to(x + w, y + h);
        pb.line_to(x, y + h);
        pb.close();
        return pb.finish();
    }
    // A quarter circle as one cubic: control points this far along the tangents. With r at half
    // the side the straight parts vanish and this is a circle.
    let k = r * 0.552_284_8;
    let (right, bottom) = (x + w, y + h);
    pb.move_to(x + r, y);
    pb.line_to(right - r, y);
    pb.cubic_to(right - r + k, y, right, y + r - k, right, y + r);
    pb.line_to(right, bottom - r);
    pb.cubic_to(
        right,
        bottom - r + k,
        right - r + k,
        bottom,
        right - r,
        bottom,
    );
    pb.line_to(x + r, bottom);
    pb.cubic_to(x + r - k, bottom, x, bottom - r + k, x, bottom - r);
    pb.line_to(x, y + r);
    pb.cubic_to(x, y + r - k, x + r - k, y, x + r, y);
    pb.close();
    pb.finish()
}

/// A circle as four cubic quarter arcs (`None` unless the radius is positive).
fn circle_path(cx: f32, cy: f32, r: f32) -> Option<Path> {
    rect_path(cx - r, cy - r, 2.0 * r, 2.0 * r, r)
}

/// One bundled font, ready to shape with and to embed.
struct Face {
    font: BundledFont,
    /// For "has a glyph for this character".
    cmap: ttf_parser::Face<'static>,
    shaping: harfrust::FontRef<'static>,
    shaper_data: harfrust::ShaperData,
    pdf: Font,
}

/// The bundled fonts that parse, in [`fonts::FONTS`] order, built once per process.
fn faces() -> &'static [Face] {
    static FACES: OnceLock<Vec<Face>> = OnceLock::new();
    FACES.get_or_init(|| {
        fonts::FONTS
            .iter()
            .filter_map(|font| {
                let cmap = ttf_parser::Face::parse(font.bytes, 0).ok()?;
                let shaping = harfrust::FontRef::new(font.bytes).ok()?;
                let shaper_data = harfrust::ShaperData::new(&shaping);
                let pdf = Font::new(font.bytes.into(), 0)?;
                Some(Face {
                    font: *font,
                    cmap,
                    shaping,
                    shaper_data,
                    pdf,
                })
            })
            .collect()
    })
}

/// The faces to try for a character, in order: for bold text the bold face first, then the
/// regular fallback chain (as [`super::text::Measurer`] measures it).
fn chain(faces: &[Face], bold: bool) -> Vec<usize> {
    let bold_face = faces.iter().position(|f| f.font.bold).filter(|_| bold);
    bold_face
        .into_iter()
        .chain(
            faces
                .iter()
                .enumerate()
                .filter(|(_, f)| !f.font.bold)
                .map(|(i, _)| i),
        )
        .collect()
}

/// A shaped piece of a line: glyphs of one face, in visual order, `width` ems wide, from
/// `range` of the line's text.
struct Piece {
    face: usize,
    glyphs: Vec<KrillaGlyph>,
    width: f32,
    range: Range<usize>,
}

/// A piece of a line as the SVG writer places it: which bundled font draws it, the text it
/// draws and its shaped width in ems.
#[derive(Debug, Clone)]
pub(crate) struct PlacedRun {
    pub font: BundledFont,
    pub range: Range<usize>,
    pub width: f32,
}

/// `text` (white space already collapsed) as the PDF draws it: pieces of one font each, in
/// visual order, with their shaped widths. The SVG writer places a line that needs several
/// fonts piece by piece from this, because usvg shapes a line with every font it uses and
/// gives up when their glyph counts differ (Devanagari conjuncts beside Thai or Latin).
pub(crate) fn placed_runs(text: &str, bold: bool) -> Vec<PlacedRun> {
    let faces = faces();
    // Most lines need one font: found from the character maps alone, without shaping.
    if font_segments(text, 0..text.len(), &chain(faces, bold), faces).len() < 2 {
        return Vec::new();
    }
    shape_line(text, bold, faces)
        .into_iter()
        .map(|p| PlacedRun {
            font: faces[p.face].font,
            range: p.range,
            width: p.width,
        })
        .collect()
}

/// Draws one line of text: bidi runs in visual order (a line whose first letter is Arabic or
/// Hebrew is a right-to-left paragraph, as [`is_rtl`] decides for its anchor), each split where the font changes and
/// shaped, the whole placed by its anchor. Glyphs keep the byte range of the line's text they
/// came from, so the PDF's text reads in logical order.
fn draw_text(surface: &mut Surface, line: &TextLine, faces: &[Face]) {
    // As SVG shows text (and so the PNG): runs of white space are one space.
    let text = line.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let pieces = shape_line(&text, line.bold, faces);
    let width: f32 = pieces.iter().map(|p| p.width).sum::<f32>() * line.size;
    let mut x = match line.anchor {
        Anchor::Start => line.x,
        Anchor::Middle => line.x - width / 2.0,
        Anchor::End => line.x - width,
    };
    surface.set_stroke(None);
    surface.set_fill(Some(Fill {
        paint: color(line.color),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }));
    for piece in pieces {
        let face = &faces[piece.face];
        surface.draw_glyphs(
            Point::from_xy(x, line.y),
            &piece.glyphs,
            face.pdf.clone(),
            &text,
            line.size,
            false,
        );
        x += piece.width * line.size;
    }
}

/// `text` shaped as pieces in visual order (left to right on the page).
fn shape_line(text: &str, bold: bool, faces: &[Face]) -> Vec<Piece> {
    let chain = chain(faces, bold);
    let level = if is_rtl(text) {
        Level::rtl()
    } else {
        Level::ltr()
    };
    let bidi = BidiInfo::new(text, Some(level));
    let mut pieces = Vec::new();
    for paragraph in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let rtl = levels.get(run.start).is_some_and(|l| l.is_rtl());
            let mut segments = font_segments(text, run, &chain, faces);
            if rtl {
                segments.reverse();
            }
            for (face, range) in segments {
                pieces.push(shape(text, range, rtl, face, faces));
            }
        }
    }
    pieces
}

/// Splits `text[run]` where the face changes: each character goes to the first face in `chain`
/// that has it, except that spaces, joiners and marks stay with the face before them when it has
/// them too, so a run of Arabic words is shaped as one. Characters no face has go to the first
/// face (its missing-glyph box, as the other formats draw them).
fn font_segments(
    text: &str,
    run: Range<usize>,
    chain: &[usize],
    faces: &[Face],
) -> Vec<(usize, Range<usize>)> {
    let first = chain.first().copied().unwrap_or(0);
    let has = |face: usize, c: char| faces[face].cmap.glyph_index(c).is_some();
    let mut segments: Vec<(usize, Range<usize>)> = Vec::new();
    for (offset, c) in text[run.clone()].char_indices() {
        let at = run.start + offset;
        let end = at + c.len_utf8();
        let sticky = c.is_whitespace()
            || matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
            || is_mark(c);
        if let Some((face, range)) = segments.last_mut()
            && ((sticky && has(*face, c)) || chain.iter().find(|&&f| has(f, c)) == Some(face))
        {
            range.end = end;
            continue;
        }
        let face = chain.iter().copied().find(|&f| has(f, c)).unwrap_or(first);
        match segments.last_mut() {
            Some((last, range)) if *last == face => range.end = end,
            _ => segments.push((face, at..end)),
        }
    }
    segments
}

/// Combining marks of the scripts the fonts cover (Latin accents, Arabic and Hebrew points,
/// Devanagari vowel signs and virama, Thai vowels and tone marks): they stay with the face of
/// the letter they sit on, so the shaper sees the whole cluster.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0591}'..='\u{05C7}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' | '\u{0951}'..='\u{0957}' | '\u{0962}'..='\u{0963}' | '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}' | '\u{200C}' | '\u{200D}' | '\u{20D0}'..='\u{20FF}')
}

/// Shapes `text[range]` with one face. Each glyph's text range is its whole cluster (a ligature
/// covers every character it joins), in bytes of `text`.
fn shape(text: &str, range: Range<usize>, rtl: bool, face: usize, faces: &[Face]) -> Piece {
    let f = &faces[face];
    let shaper = f.shaper_data.shaper(&f.shaping).build();
    let mut buffer = harfrust::UnicodeBuffer::new();
    buffer.push_str(&text[range.clone()]);
    buffer.set_direction(if rtl {
        harfrust::Direction::RightToLeft
    } else {
        harfrust::Direction::LeftToRight
    });
    buffer.guess_segment_properties();
    let output = shaper.shape(buffer, harfrust::ShapeOptions::new());
    let upem = f32::from(f.cmap.units_per_em()).max(1.0);
    let mut starts: Vec<usize> = output
        .glyph_infos()
        .iter()
        .map(|g| g.cluster as usize)
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let len = range.len();
    let cluster_end = |start: usize| {
        let next = starts.partition_point(|&s| s <= start);
        starts.get(next).copied().unwrap_or(len)
    };
    let infos = output.glyph_infos();
    let glyphs_in = |cluster: u32| infos.iter().filter(|g| g.cluster == cluster).count();
    let carrier = f
        .cmap
        .glyph_index('\u{200C}')
        .map(|g| GlyphId::new(u32::from(g.0)));
    let mut width = 0.0;
    let mut glyphs = Vec::with_capacity(infos.len());
    for (info, pos) in infos.iter().zip(output.glyph_positions()) {
        let start = (info.cluster as usize).min(len);
        let cluster = range.start + start..range.start + cluster_end(start);
        let advance = pos.x_advance as f32 / upem;
        width += advance;
        let glyph = |text_range: Range<usize>| {
            KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                advance,
                pos.x_offset as f32 / upem,
                pos.y_offset as f32 / upem,
                pos.y_advance as f32 / upem,
                text_range,
                None,
            )
        };
        let chars: Vec<(usize, char)> = text[cluster.clone()]
            .char_indices()
            .map(|(i, c)| (cluster.start + i, c))
            .collect();
        match carrier {
            Some(carrier) if rtl && chars.len() > 1 && glyphs_in(info.cluster) == 1 => {
                // A right-to-left ligature (lam-alef: one glyph for two letters). Text extractors
                // read glyphs left to right and reverse right-to-left runs, which turns a glyph
                // mapped to "لا" into "ال". So the ligature carries its first letter and
                // invisible zero-width glyphs at its left edge carry the others, in visual order:
                // each glyph then stands for one letter, where a reader expects it. Each sits a
                // hair further left than the next (they draw nothing): at the same x as the
                // ligature, an extractor may take them in either order.
                let others: Vec<&(usize, char)> = chars.iter().skip(1).rev().collect();
                for (i, &&(at, c)) in others.iter().enumerate() {
                    let nudge = -0.02 * (others.len() - i) as f32;
                    glyphs.push(KrillaGlyph::new(
                        carrier,
                        0.0,
                        nudge,
                        0.0,
                        0.0,
                        at..at + c.len_utf8(),
                        None,
                    ));
                }
                let (at, c) = chars[0];
                glyphs.push(glyph(at..at + c.len_utf8()));
            }
            _ => glyphs.push(glyph(cluster)),
        }
    }
    Piece {
        face,
        glyphs,
        width,
        range,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters of each piece, in the order the pieces are drawn.
    fn visual(text: &str) -> Vec<(&'static str, String)> {
        let faces = faces();
        shape_line(text, false, faces)
            .into_iter()
            .map(|p| {
                let mut ranges: Vec<Range<usize>> =
                    p.glyphs.iter().map(|g| g.text_range.clone()).collect();
                ranges.sort_by_key(|r| r.start);
                ranges.dedup();
                let s: String = ranges.into_iter().map(|r| &text[r]).collect();
                (faces[p.face].font.name, s)
            })
            .collect()
    }

    #[test]
    fn scripts_go_to_the_font_that_has_them_and_rtl_runs_are_placed_right_to_left() {
        let pieces = visual("Tokyo 東京 cafe");
        assert_eq!(
            pieces,
            vec![
                ("NotoSans-Regular", "Tokyo ".to_owned()),
                ("DroidSansFallbackFull", "東京 ".to_owned()),
                ("NotoSans-Regular", "cafe".to_owned()),
            ]
        );
        // An Arabic line that starts with a number: the number is read first, so it is drawn
        // at the right, after (to the right of) the words.
        let pieces = visual("٢٤ ساعة");
        let texts: Vec<&str> = pieces.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(texts.concat().chars().count(), "٢٤ ساعة".chars().count());
        assert!(texts.last().is_some_and(|s| s.contains('٢')), "{texts:?}");
    }

    #[test]
    fn ligature_glyphs_cover_every_character_they_join() {
        let text = "خلال";
        let pieces = shape_line(text, false, faces());
        let glyphs: Vec<&KrillaGlyph> = pieces.iter().flat_map(|p| &p.glyphs).collect();
        let drawn = glyphs.iter().filter(|g| g.x_advance > 0.0).count();
        assert!(drawn < text.chars().count(), "lam-alef is one glyph");
        // Every glyph stands for one letter, and left to right they are the letters reversed.
        let visual: String = glyphs.iter().map(|g| &text[g.text_range.clone()]).collect();
        assert_eq!(visual, text.chars().rev().collect::<String>());
        let mut covered: Vec<usize> = glyphs.iter().flat_map(|g| g.text_range.clone()).collect();
        covered.sort_unstable();
        covered.dedup();
        assert_eq!(covered, (0..text.len()).collect::<Vec<_>>());
    }

    #[test]
    fn rounded_rectangles_and_bad_sizes() {
        assert!(rect_path(0.0, 0.0, 10.0, 5.0, 8.0).is_some());
        assert!(rect_path(0.0, 0.0, 0.0, 5.0, 1.0).is_none());
        assert!(rect_path(0.0, 0.0, f32::NAN, 5.0, 1.0).is_none());
    }
}
