//! A sticky note's face: its text wrapped to fit, and its marks (weight dots, status badge and
//! triangulation ring, check mark or link count, vote dots), drawn the same in the editor, the
//! presentation and the audience window.

use egui::{Align2, FontId, Stroke, Ui, pos2, text::LayoutJob, vec2};

use crate::layout;
use crate::palette::Palette;

use super::canvas_view::{Look, NoteAt};
use super::theme::color;

/// A note's text and marks (weight, status badge, check mark or link count, vote dots).
pub(super) fn note_face(ui: &Ui, look: &Look<'_>, note: &NoteAt<'_>, font: f32) {
    let Look {
        canvas,
        palette,
        style,
    } = *look;
    let (section, item, rect) = (note.section, note.item, note.rect);
    let id_str = item.id().as_str();
    let painter = ui.painter();
    let pad = (rect.height() * 0.08).clamp(2.0, 8.0);
    // The font's own line height (Noto Sans needs more than 1.2 × its size), so the last row
    // of text never runs into the footer.
    let row_h = ui.fonts_mut(|f| f.row_height(&FontId::proportional(font)));
    // Small notes put their marks in a strip down the right edge instead of a footer row, so
    // the text keeps every line the note has room for.
    let compact = rect.height() < 52.0;
    // A presented value-map note with no badge has nothing for a footer row: all text.
    let bare = !style.link_counts
        && !section.is_customer()
        && palette.status_badge(item.status()).is_none()
        && !item.is_triangulated();
    let footer = if compact || bare { 0.0 } else { font * 0.9 };
    // A triangulation ring needs a little more room beside the text than the badge alone.
    let strip = match (compact, item.is_triangulated()) {
        (false, _) => 0.0,
        (true, false) => 9.0,
        (true, true) => 12.0,
    };
    let text_h = rect.height() - 2.0 * pad - footer;
    let max_rows = ((text_h / row_h).floor() as usize).max(1);
    let mut job = LayoutJob::single_section(
        item.text().to_owned(),
        egui::TextFormat::simple(FontId::proportional(font), color(palette.note_text)),
    );
    job.wrap.max_width = rect.width() - 2.0 * pad - strip;
    job.wrap.max_rows = max_rows;
    job.wrap.break_anywhere = false;
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    painter.galley(rect.min + vec2(pad, pad), galley, color(palette.note_text));
    // The status badge sits with the note's other marks, never over its text: in a compact
    // note's strip (between the weight dots and the check mark, or above the link count), else
    // at the right of the footer row (left of the check mark on customer notes).
    let badge_place = {
        let (r, center) = if compact {
            let r = 3.8;
            let x = rect.right() - pad - r - 0.5;
            let y = if section.is_customer() {
                let dots_end = rect.top() + pad + 5.0 * 3.9;
                let check_top = rect.bottom() - pad - 3.2 * 2.0;
                (dots_end + check_top) / 2.0
            } else {
                rect.top() + pad + r
            };
            (r, pos2(x, y))
        } else {
            let r = (footer * 0.42).max(3.5);
            let check = if section.is_customer() {
                footer * 0.9 + 3.0
            } else {
                0.0
            };
            let x = rect.right() - pad - check - r;
            (r, pos2(x, rect.bottom() - pad - footer / 2.0))
        };
        (r, center)
    };
    if item.is_triangulated() {
        // Backed by supporting evidence from two kinds of source: a ring round the badge's
        // place (round an empty place while the note is still marked an assumption).
        let (r, center) = badge_place;
        // In a compact note's narrow strip a thin ring keeps clear of the weight dots.
        let (gap, width) = if compact {
            (1.2, 1.0)
        } else {
            (r * 0.3 + 1.0, (r * 0.18).max(1.3))
        };
        painter.circle_stroke(
            center,
            r + gap,
            Stroke::new(width, color(palette.note_text)),
        );
    }
    let badge = palette
        .status_badge(item.status())
        .map(|fill| (fill, badge_place.0, badge_place.1));
    if let Some((fill, r, center)) = badge {
        painter.circle_filled(center, r, color(fill));
        let mark = layout::badge_mark(item.status(), (center.x, center.y), r);
        let white = egui::Color32::WHITE;
        for line in mark.lines {
            let points = line.into_iter().map(|(x, y)| pos2(x, y)).collect();
            painter.add(egui::Shape::line(
                points,
                Stroke::new(mark.stroke_width, white),
            ));
        }
        for ((x, y), radius) in mark.dots {
            painter.circle_filled(pos2(x, y), radius, white);
        }
    }

    let muted = color(palette.muted_text_on_note());
    if section.is_customer() {
        // Weight as five dots (a row in the footer, or a column in the strip).
        let dot_r: f32 = if compact {
            1.5
        } else {
            (footer * 0.22).max(1.5)
        };
        let step = if compact { 3.9 } else { dot_r * 2.8 };
        for i in 0..5u8 {
            let at = f32::from(i) * step;
            let c = if compact {
                pos2(
                    rect.right() - pad - dot_r - 1.0,
                    rect.top() + pad + dot_r + at,
                )
            } else {
                pos2(
                    rect.left() + pad + dot_r + at,
                    rect.bottom() - pad - footer / 2.0,
                )
            };
            if i < item.weight() {
                painter.circle_filled(c, dot_r, color(palette.note_text));
            } else {
                painter.circle_stroke(c, dot_r, Stroke::new(1.0, color(palette.note_stroke)));
            }
        }
        if style.checks && canvas.is_addressed(id_str) {
            let s = if compact { 3.2 } else { footer * 0.45 };
            let c = pos2(rect.right() - pad - s, rect.bottom() - pad - s * 1.1);
            let mark = color(palette.mark_on_note());
            let w = Stroke::new((s * 0.35).max(1.5), mark);
            painter.line_segment([c + vec2(-s, 0.0), c + vec2(-s * 0.35, s * 0.6)], w);
            painter.line_segment([c + vec2(-s * 0.35, s * 0.6), c + vec2(s, -s * 0.7)], w);
        }
    } else if !style.link_counts {
        // Presented: the link lines tell it, once the fit is revealed.
    } else if compact {
        painter.text(
            pos2(rect.right() - pad, rect.bottom() - pad),
            Align2::RIGHT_BOTTOM,
            item.addresses().len().to_string(),
            FontId::proportional(9.0),
            muted,
        );
    } else {
        let text = match item.addresses().len() {
            0 => "addresses nothing".to_owned(),
            1 => "1 link".to_owned(),
            n => format!("{n} links"),
        };
        painter.text(
            pos2(rect.left() + pad, rect.bottom() - pad - footer / 2.0),
            Align2::LEFT_CENTER,
            text,
            FontId::proportional(footer * 0.85),
            muted,
        );
    }
    super::voting::paint_dots(painter, item.votes(), rect, style.vote_dot);
}

trait NoteMuted {
    fn muted_text_on_note(&self) -> crate::palette::Rgb;
    fn mark_on_note(&self) -> crate::palette::Rgb;
}

impl NoteMuted for Palette {
    /// Secondary text on a note: the note text colour is dark in both themes, so this is too.
    fn muted_text_on_note(&self) -> crate::palette::Rgb {
        crate::palette::Rgb(0x3c, 0x40, 0x48)
    }

    /// The addressed check mark sits on a light note in both themes, so it takes the light
    /// theme's (dark) green; the dark theme's light green is for dark backgrounds.
    fn mark_on_note(&self) -> crate::palette::Rgb {
        Palette::light().addressed_mark
    }
}
