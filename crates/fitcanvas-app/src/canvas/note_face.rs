//! A sticky note's face: its text wrapped to fit, and its marks (weight dots, status badge and
//! triangulation ring, check mark or link count, vote dots), drawn the same in the editor, the
//! presentation and the audience window.

use egui::{Align2, FontId, Stroke, Ui, pos2, text::LayoutJob, vec2};

use fitcanvas_model::canvas::Item;
use fitcanvas_model::section::Section;
use fitcanvas_picture::layout;
use fitcanvas_picture::note_marks::{MarksWanted, place_marks};
use fitcanvas_picture::palette::Palette;

use crate::canvas::note_packing::{NOTE_PAD_EM, footer_em};
use crate::canvas::view::{Look, NoteAt};
use crate::shell::theme::color;

/// Whether a note has a row of marks under its text: customer notes for their weight; a
/// value-map note only for a status badge or triangulation ring, or, in the editor, to say it
/// addresses nothing (its links are drawn).
pub(crate) fn has_footer(look: &Look<'_>, section: Section, item: &Item) -> bool {
    section.is_customer()
        || look.palette.status_badge(item.status()).is_some()
        || item.is_triangulated()
        || (look.style.link_counts && item.addresses().is_empty())
}

/// A note's text and marks (weight, status badge, check mark, "addresses nothing", vote dots).
/// Returns whether the whole text showed (nothing cut with an ellipsis).
pub(crate) fn note_face(ui: &Ui, look: &Look<'_>, note: &NoteAt<'_>, font: f32) -> bool {
    let Look {
        palette,
        style,
        addressed,
        ..
    } = *look;
    let (section, item, rect) = (note.section, note.item, note.rect);
    let id_str = item.id().as_str();
    let painter = ui.painter();
    // The anatomy the area was packed with: the text has exactly `note.lines` lines of room.
    let pad = font * NOTE_PAD_EM;
    let footer = if has_footer(look, section, item) {
        font * footer_em(style)
    } else {
        0.0
    };
    let mut job = LayoutJob::single_section(
        item.text().to_owned(),
        egui::TextFormat::simple(FontId::proportional(font), color(palette.note_text)),
    );
    job.wrap.max_width = rect.width() - 2.0 * pad;
    job.wrap.max_rows = note.lines.max(1);
    job.wrap.break_anywhere = false;
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let whole = !galley.elided;
    painter.galley(rect.min + vec2(pad, pad), galley, color(palette.note_text));
    if footer <= 0.0 {
        crate::workshop::voting::paint_dots(painter, item.votes(), rect, style.vote_dot);
        return whole;
    }

    // The row of marks under the text, laid out so nothing overlaps at any size.
    let muted = color(palette.muted_text_on_note());
    // A linked note's links are drawn; only a note that addresses nothing says so.
    let words = (!section.is_customer() && style.link_counts && item.addresses().is_empty())
        .then(|| "addresses nothing".to_owned());
    let font_at = |size: f32| FontId::proportional(size);
    let width_of = |text: &str, size: f32| {
        ui.fonts_mut(|f| {
            f.layout_no_wrap(text.to_owned(), font_at(size), muted)
                .size()
                .x
        })
    };
    let kind = item.kind_tag();
    let wanted = MarksWanted {
        weight: section.is_customer().then_some(item.weight()),
        badge: palette.status_badge(item.status()).is_some(),
        ring: item.is_triangulated(),
        addressed: section.is_customer() && style.checks && addressed.contains(id_str),
        words: words.as_deref().map(|w| width_of(w, footer * 0.85)),
        tag: kind.map(|k| width_of(k, footer * 0.85)),
    };
    let row = layout::Rect::new(
        rect.left() + pad,
        rect.bottom() - pad - footer,
        rect.width() - 2.0 * pad,
        footer,
    );
    let places = place_marks(row, &wanted);
    let at = |(x, y): (f32, f32)| pos2(x, y);
    for (i, c) in places.dots.iter().enumerate() {
        if (i as u8) < item.weight() {
            painter.circle_filled(at(*c), places.dot_radius, color(palette.note_text));
        } else {
            painter.circle_stroke(
                at(*c),
                places.dot_radius,
                Stroke::new(1.0, color(palette.note_stroke)),
            );
        }
    }
    // Words and the kind tag at the size the placement left them (shrunk only when the row
    // is too short even for them), so they keep clear of the other marks.
    let texts = [(words.as_deref(), places.words), (kind, places.tag)];
    for (text, place) in texts {
        if let (Some(text), Some((r, size))) = (text, place) {
            painter.text(
                pos2(r.x, r.y + r.h / 2.0),
                Align2::LEFT_CENTER,
                text,
                font_at(size),
                muted,
            );
        }
    }
    if let Some(((x, y), r)) = places.badge {
        if let Some(ring) = places.ring {
            // Backed by supporting evidence from two kinds of source: a ring round the badge's
            // place (round an empty place while the note is still marked an assumption).
            painter.circle_stroke(
                pos2(x, y),
                ring - 0.6,
                Stroke::new((ring * 0.16).max(1.0), color(palette.note_text)),
            );
        }
        if let Some(fill) = palette.status_badge(item.status()) {
            painter.circle_filled(pos2(x, y), r, color(fill));
            let mark = layout::badge_mark(item.status(), (x, y), r);
            let white = egui::Color32::WHITE;
            for line in mark.lines {
                let points = line.into_iter().map(at).collect();
                painter.add(egui::Shape::line(
                    points,
                    Stroke::new(mark.stroke_width, white),
                ));
            }
            for (c, radius) in mark.dots {
                painter.circle_filled(at(c), radius, white);
            }
        }
    }
    if let Some(b) = places.addressed {
        let mark = color(palette.mark_on_note());
        let (s, c) = (b.w / 2.0, pos2(b.x + b.w / 2.0, b.y + b.h / 2.0));
        let w = Stroke::new((s * 0.35).max(1.2), mark);
        painter.line_segment([c + vec2(-s * 0.8, 0.0), c + vec2(-s * 0.25, s * 0.55)], w);
        painter.line_segment(
            [c + vec2(-s * 0.25, s * 0.55), c + vec2(s * 0.85, -s * 0.6)],
            w,
        );
    }
    crate::workshop::voting::paint_dots(painter, item.votes(), rect, style.vote_dot);
    whole
}

trait NoteMuted {
    fn muted_text_on_note(&self) -> fitcanvas_picture::palette::Rgb;
    fn mark_on_note(&self) -> fitcanvas_picture::palette::Rgb;
}

impl NoteMuted for Palette {
    /// Secondary text on a note: the note text colour is dark in both themes, so this is too.
    fn muted_text_on_note(&self) -> fitcanvas_picture::palette::Rgb {
        fitcanvas_picture::palette::Rgb(0x3c, 0x40, 0x48)
    }

    /// The addressed check mark sits on a light note in both themes, so it takes the light
    /// theme's (dark) green; the dark theme's light green is for dark backgrounds.
    fn mark_on_note(&self) -> fitcanvas_picture::palette::Rgb {
        Palette::light().addressed_mark
    }
}
