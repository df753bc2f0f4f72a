//! The drawing as SVG text. Text stays text (selectable in a browser, and turned into real PDF
//! text by the PDF export), naming the bundled font families.

use std::fmt::Write;

use super::drawing::{Anchor, Drawing, Shape, Stroke, link_dot};
use super::text::is_rtl;
use crate::palette::Rgb;

/// SVG for `drawing`, `out_w` × `out_h` in the output's units, the drawing scaled to fill it.
pub fn to_svg(drawing: &Drawing, out_w: f32, out_h: f32) -> String {
    document(drawing, out_w, out_h, &drawing.shapes, true)
}

/// The drawing as `parts` SVG documents of the same size that, painted one over the other in
/// order, give the picture [`to_svg`] gives: the first holds the background. Each holds a run
/// of shapes with about the same number of text lines, since shaping text is most of the cost
/// of parsing, so the PNG export can parse the parts on separate cores.
pub fn to_svg_layers(drawing: &Drawing, out_w: f32, out_h: f32, parts: usize) -> Vec<String> {
    let parts = parts.max(1);
    let texts = drawing
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Text(_)))
        .count();
    let per_part = texts.div_ceil(parts).max(1);
    let mut layers = Vec::with_capacity(parts);
    let (mut start, mut seen) = (0, 0);
    for (i, shape) in drawing.shapes.iter().enumerate() {
        if matches!(shape, Shape::Text(_)) {
            seen += 1;
            if seen == per_part && layers.len() + 1 < parts {
                let first = layers.is_empty();
                layers.push(document(
                    drawing,
                    out_w,
                    out_h,
                    &drawing.shapes[start..=i],
                    first,
                ));
                start = i + 1;
                seen = 0;
            }
        }
    }
    let first = layers.is_empty();
    layers.push(document(
        drawing,
        out_w,
        out_h,
        &drawing.shapes[start..],
        first,
    ));
    layers
}

fn document(
    drawing: &Drawing,
    out_w: f32,
    out_h: f32,
    shapes: &[Shape],
    with_background: bool,
) -> String {
    let families = xml_escape(&crate::fonts::css_family_list());
    let mut s = String::with_capacity(256 + shapes.len() * 160);
    // Writing to a String cannot fail.
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" font-family="{families}, sans-serif">"#,
        num(out_w),
        num(out_h),
        num(drawing.width),
        num(drawing.height),
    );
    s.push('\n');
    if with_background {
        let _ = writeln!(
            s,
            r#"<rect width="{}" height="{}" fill="{}"/>"#,
            num(drawing.width),
            num(drawing.height),
            drawing.background.hex()
        );
    }
    for shape in shapes {
        shape_svg(&mut s, shape);
    }
    s.push_str("</svg>\n");
    s
}

fn shape_svg(s: &mut String, shape: &Shape) {
    let _ = match shape {
        Shape::Rect {
            rect,
            radius,
            fill,
            stroke,
        } => writeln!(
            s,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}"{}{}/>"#,
            num(rect.x),
            num(rect.y),
            num(rect.w),
            num(rect.h),
            num(*radius),
            fill_attr(*fill),
            stroke_attr(*stroke),
        ),
        Shape::Circle {
            center,
            radius,
            fill,
            stroke,
        } => writeln!(
            s,
            r#"<circle cx="{}" cy="{}" r="{}"{}{}/>"#,
            num(center.0),
            num(center.1),
            num(*radius),
            fill_attr(*fill),
            stroke_attr(*stroke),
        ),
        Shape::Path { points, stroke } => writeln!(s, "{}", path_svg(points, *stroke)),
        Shape::Link {
            from,
            to,
            points,
            stroke,
        } => {
            // A group per link, named by its two notes, so a reader's tools (and the tests)
            // can tell which line joins which notes.
            let (x, y) = points.last().copied().unwrap_or_default();
            writeln!(
                s,
                r#"<g class="link" data-from="{}" data-to="{}">{}<circle cx="{}" cy="{}" r="{}" fill="{}"/></g>"#,
                xml_escape(from.as_str()),
                xml_escape(to.as_str()),
                path_svg(points, *stroke),
                num(x),
                num(y),
                num(link_dot(stroke)),
                stroke.color.hex(),
            )
        }
        Shape::Text(line) => {
            let anchor = match line.anchor {
                Anchor::Start => "",
                Anchor::Middle => r#" text-anchor="middle""#,
                Anchor::End => r#" text-anchor="end""#,
            };
            // A left-to-right line that needs several fonts is placed piece by piece, as the
            // PDF places it: usvg shapes a line with every font it names and gives up on one
            // whose scripts shape to different glyph counts (Devanagari beside Thai or Latin).
            // Lines with right-to-left letters stay whole: their pieces' spaces and
            // punctuation take their direction from the whole line, which usvg handles.
            let text = line.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let runs = if has_rtl_letters(&text) {
                Vec::new()
            } else {
                super::pdf::placed_runs(&text, line.bold)
            };
            if runs.len() > 1 {
                let width: f32 = runs.iter().map(|r| r.width).sum::<f32>() * line.size;
                let mut x = match line.anchor {
                    Anchor::Start => line.x,
                    Anchor::Middle => line.x - width / 2.0,
                    Anchor::End => line.x - width,
                };
                let mut pieces = String::new();
                for run in &runs {
                    // A bold line's letters that only a regular face has are drawn regular,
                    // as in the PDF.
                    let weight = match (line.bold, run.font.bold) {
                        (true, false) => r#" font-weight="normal""#,
                        _ => "",
                    };
                    // Each piece starts its own text chunk (its own x), shaped on its own.
                    let _ = write!(
                        pieces,
                        r#"<tspan x="{}" font-family="{}"{weight}>{}</tspan>"#,
                        num(x),
                        run.font.family,
                        xml_escape(&text[run.range.clone()])
                    );
                    x += run.width * line.size;
                }
                let _ = writeln!(
                    s,
                    r#"<text y="{}" font-size="{}"{} fill="{}">{pieces}</text>"#,
                    num(line.y),
                    num(line.size),
                    if line.bold {
                        r#" font-weight="bold""#
                    } else {
                        ""
                    },
                    line.color.hex(),
                );
                return;
            }
            writeln!(
                s,
                r#"<text x="{}" y="{}" font-size="{}"{}{} fill="{}">{}</text>"#,
                num(line.x),
                num(line.y),
                num(line.size),
                if line.bold {
                    r#" font-weight="bold""#
                } else {
                    ""
                },
                anchor,
                line.color.hex(),
                if is_rtl(&line.text) {
                    // usvg lays every text out as a left-to-right paragraph (it ignores SVG's
                    // `direction`); a right-to-left embedding makes a line that starts with a
                    // number or a Latin word read as the PDF draws it, the number first (at
                    // the right).
                    format!("\u{202B}{}\u{202C}", xml_escape(&line.text))
                } else {
                    xml_escape(&line.text)
                },
            )
        }
    };
}

/// An open polyline.
fn path_svg(points: &[(f32, f32)], stroke: Stroke) -> String {
    let d: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, (x, y))| format!("{}{} {}", if i == 0 { 'M' } else { 'L' }, num(*x), num(*y)))
        .collect();
    format!(
        r#"<path d="{}" fill="none" stroke-linecap="round" stroke-linejoin="round"{}/>"#,
        d.join(" "),
        stroke_attr(Some(stroke)),
    )
}

/// Any Hebrew or Arabic letter (or presentation form) in `text`.
fn has_rtl_letters(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
    })
}

fn fill_attr(fill: Option<Rgb>) -> String {
    match fill {
        Some(c) => format!(r#" fill="{}""#, c.hex()),
        None => r#" fill="none""#.to_owned(),
    }
}

fn stroke_attr(stroke: Option<Stroke>) -> String {
    match stroke {
        Some(st) => format!(
            r#" stroke="{}" stroke-width="{}""#,
            st.color.hex(),
            num(st.width)
        ),
        None => String::new(),
    }
}

/// A coordinate with two decimals, trailing zeros dropped, never NaN (which would break parsing).
fn num(v: f32) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// Text made safe for XML: markup characters escaped, and characters XML 1.0 forbids (control
/// characters a JSON string may hold) dropped rather than breaking the file.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push(' '),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters_are_made_safe() {
        assert_eq!(xml_escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(num(2.0), "2");
        assert_eq!(num(f32::NAN), "0");
    }
}
