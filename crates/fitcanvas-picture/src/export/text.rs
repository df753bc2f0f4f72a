//! Measuring and wrapping text with the bundled fonts, so every line drawn in a note is known to
//! fit before it is drawn. Widths are the sum of glyph advances of the first bundled font that
//! has each character, the same fallback order the renderer uses.

use ttf_parser::Face;

use crate::fonts;

/// Shaping (kerning, Arabic joining forms) can make a rendered line slightly wider than the sum
/// of its advances; lines are wrapped to this share of the space so the drawn text stays inside.
pub const SHAPING_SLACK: f32 = 0.94;

/// The parsed bundled fonts, for measuring.
pub struct Measurer {
    /// Regular faces in fallback order, with their units per em.
    faces: Vec<(Face<'static>, f32)>,
    bold: Option<(Face<'static>, f32)>,
}

impl Measurer {
    /// Parses the bundled fonts. A font that fails to parse is skipped (it cannot happen with the
    /// files shipped, but a measurer with fewer fonts still measures).
    pub fn new() -> Measurer {
        let parse = |f: &fonts::BundledFont| {
            Face::parse(f.bytes, 0).ok().map(|face| {
                let upem = f32::from(face.units_per_em()).max(1.0);
                (face, upem)
            })
        };
        Measurer {
            faces: fonts::fallback_chain().filter_map(parse).collect(),
            bold: fonts::FONTS.iter().filter(|f| f.bold).find_map(parse),
        }
    }

    /// The advance of `c` in ems, and whether some bundled font has a glyph for it.
    fn advance(&self, c: char, bold: bool) -> (f32, bool) {
        if is_invisible(c) {
            return (0.0, true);
        }
        let bold_face = if bold { self.bold.as_ref() } else { None };
        for (face, upem) in bold_face.into_iter().chain(self.faces.iter()) {
            if let Some(glyph) = face.glyph_index(c) {
                let adv = face.glyph_hor_advance(glyph).unwrap_or(0);
                return (f32::from(adv) / upem, true);
            }
        }
        // The renderer draws the missing-glyph box of the first font.
        let notdef = self
            .faces
            .first()
            .and_then(|(face, upem)| {
                face.glyph_hor_advance(ttf_parser::GlyphId(0))
                    .map(|a| f32::from(a) / upem)
            })
            .unwrap_or(0.6);
        (notdef, false)
    }

    /// Whether every visible character of `text` has a glyph in some bundled font.
    pub fn covers(&self, text: &str) -> bool {
        text.chars().all(|c| self.advance(c, false).1)
    }

    /// The width of `text` at `size` pixels per em.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        text.chars().map(|c| self.advance(c, bold).0).sum::<f32>() * size
    }

    /// Wraps `text` into lines no wider than `max_width` at `size`: at spaces where possible,
    /// between any two characters where a word alone is too wide (which is also how scripts
    /// without spaces, like Japanese, wrap). Line breaks in the text are kept.
    pub fn wrap(&self, text: &str, size: f32, max_width: f32, bold: bool) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size, bold) <= max_width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if self.width(word, size, bold) <= max_width {
                    line = word.to_owned();
                } else {
                    // Break the word between characters; the last piece starts the next line.
                    for c in word.chars() {
                        line.push(c);
                        if line.chars().count() > 1 && self.width(&line, size, bold) > max_width {
                            line.pop();
                            lines.push(std::mem::take(&mut line));
                            line.push(c);
                        }
                    }
                }
            }
            if !line.is_empty() || !paragraph.trim().is_empty() {
                lines.push(line);
            }
        }
        lines
    }

    /// `line` shortened, with "…", so that it fits in `max_width` (empty if not even "…" fits).
    pub fn ellipsize(&self, line: &str, size: f32, max_width: f32, bold: bool) -> String {
        let room = max_width - self.width("…", size, bold);
        if room < 0.0 {
            return String::new();
        }
        // One pass over the characters: a title can be very long.
        let mut kept = String::new();
        let mut used = 0.0;
        for c in line.chars() {
            let w = self.advance(c, bold).0 * size;
            if used + w > room {
                break;
            }
            used += w;
            kept.push(c);
        }
        let mut out = kept.trim_end().to_owned();
        out.push('…');
        out
    }
}

impl Default for Measurer {
    fn default() -> Self {
        Measurer::new()
    }
}

/// Characters that take no room: joiners, variation selectors, direction marks.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
        || c.is_control()
}

/// Whether a line reads right to left: its first strongly directional letter is Arabic or Hebrew.
pub fn is_rtl(line: &str) -> bool {
    line.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_line_within_the_width() {
        let m = Measurer::new();
        let text = "Supercalifragilisticexpialidocious and 請求書が届かない and a normal sentence";
        for width in [20.0, 60.0, 150.0] {
            for line in m.wrap(text, 12.0, width, false) {
                assert!(
                    m.width(&line, 12.0, false) <= width || line.chars().count() == 1,
                    "{line:?} at {width}"
                );
            }
        }
        let joined: String = m.wrap("a b c", 12.0, 1000.0, false).join("|");
        assert_eq!(joined, "a b c");
    }

    #[test]
    fn ellipsis_fits() {
        let m = Measurer::new();
        let short = m.ellipsize("a rather long line of text", 12.0, 50.0, false);
        assert!(short.ends_with('…'));
        assert!(m.width(&short, 12.0, false) <= 50.0);
    }

    #[test]
    fn arabic_reads_right_to_left() {
        assert!(is_rtl("مرحبا بالعالم"));
        assert!(!is_rtl("12 hello"));
    }
}
