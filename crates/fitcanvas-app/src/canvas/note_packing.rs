//! The window's side of [`fitcanvas_picture::packing`]: notes' text measured with egui's fonts (remembered,
//! so a frame measures only new text), the note anatomy the faces are drawn with, and the size
//! each area keeps while notes come and go.

use std::collections::HashMap;

use egui::{FontId, Ui};

use fitcanvas_picture::layout::NoteSpace;
use fitcanvas_picture::packing::{NoteMetrics, NoteText, PackNote, PackSize, Packing};

use crate::canvas::view::CanvasStyle;

/// Room between a note's text and its edges, and the height of its marks' row, in ems: the
/// faces are drawn with these, and the packing makes notes exactly this tall.
pub const NOTE_PAD_EM: f32 = 0.32;
const NOTE_FOOTER_EM: f32 = 1.0;

/// The marks' row in ems for `style`: as tall as a line of editor text, and relatively
/// shorter for the large type of a presentation, where the marks need not grow with the
/// words (room that goes to the words instead).
pub fn footer_em(style: &CanvasStyle) -> f32 {
    NOTE_FOOTER_EM * (16.0 / style.min_font.max(1.0)).clamp(0.7, 1.0)
}
/// Wrapping in the layout uses this share of a line: egui's wrapped text may come out a
/// little wider than the sum of glyph advances it is measured by.
const SLACK: f32 = 0.97;
/// The size text is measured at; widths scale with it.
const MEASURE_AT: f32 = 20.0;
/// More texts than this and the cache starts again (text typed into a note makes a new
/// entry every keystroke).
const CACHE_LIMIT: usize = 4000;

/// What the window remembers between frames for laying notes out.
#[derive(Debug, Clone, Default)]
pub struct PackMemory {
    measured: HashMap<String, NoteText>,
    /// Per area, the size it was packed at and what that was for: kept while every note is
    /// still whole at it, so adding or deleting a note moves only the notes after it.
    kept: [Option<(PackFor, PackSize)>; 6],
    /// Per area, the last packing and what it was worked out from: a frame whose notes,
    /// sizes and room are the same as the last one's reuses it (most frames are).
    last: [Option<(PackInput, Option<Packing>)>; 6],
}

/// Everything a packing depends on.
#[derive(Debug, Clone, PartialEq)]
struct PackInput {
    notes: Vec<PackNote>,
    board: (f32, f32, f32),
    area: fitcanvas_picture::layout::Rect,
    top: f32,
    keep_out: Option<fitcanvas_picture::layout::Rect>,
    within: fitcanvas_picture::layout::Rect,
    metrics: NoteMetrics,
    keep: Option<PackSize>,
}

/// What a kept size is valid for: the same board and the same text sizes allowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PackFor {
    pub board_size: f32,
    pub min_font: f32,
    pub max_font: f32,
}

impl PackMemory {
    /// `text` measured in ems with the note font.
    pub fn measure(&mut self, ui: &Ui, text: &str) -> NoteText {
        if let Some(t) = self.measured.get(text) {
            return t.clone();
        }
        if self.measured.len() > CACHE_LIMIT {
            self.measured.clear();
        }
        let font = FontId::proportional(MEASURE_AT);
        let t = ui.fonts_mut(|f| {
            NoteText::measure(text, |piece| {
                piece.chars().map(|c| f.glyph_width(&font, c)).sum::<f32>() / MEASURE_AT
            })
        });
        self.measured.insert(text.to_owned(), t.clone());
        t
    }

    /// [`fitcanvas_picture::packing::pack`], or the last frame's packing when nothing it depends on
    /// changed.
    pub fn pack(
        &mut self,
        space: &NoteSpace<'_>,
        notes: &[PackNote],
        metrics: &NoteMetrics,
        keep: Option<PackSize>,
    ) -> Option<Packing> {
        let area = space.section.index();
        let board = (
            space.board.size(),
            space.board.circle_center.0,
            space.board.circle_center.1,
        );
        if let Some(Some((last, packed))) = self.last.get(area)
            && last.notes == notes
            && last.board == board
            && last.area == space.board.area(space.section)
            && last.top == space.top
            && last.keep_out == space.keep_out
            && last.within == space.within
            && last.metrics == *metrics
            && last.keep == keep
        {
            return packed.clone();
        }
        let input = PackInput {
            notes: notes.to_vec(),
            board: (
                space.board.size(),
                space.board.circle_center.0,
                space.board.circle_center.1,
            ),
            area: space.board.area(space.section),
            top: space.top,
            keep_out: space.keep_out,
            within: space.within,
            metrics: *metrics,
            keep,
        };
        let packed = fitcanvas_picture::packing::pack(space, notes, metrics, keep);
        if let Some(slot) = self.last.get_mut(area) {
            *slot = Some((input, packed.clone()));
        }
        packed
    }

    pub fn kept(&self, area: usize, now: PackFor) -> Option<PackSize> {
        self.kept
            .get(area)
            .copied()
            .flatten()
            .filter(|(was, _)| *was == now)
            .map(|(_, size)| size)
    }

    /// Remembers the size `area` was packed at, or forgets it (`None`) when not every note
    /// was whole, so the next frame looks for the best size again.
    pub fn keep(&mut self, area: usize, now: PackFor, size: Option<PackSize>) {
        if let Some(slot) = self.kept.get_mut(area) {
            *slot = size.map(|s| (now, s));
        }
    }
}

/// The note anatomy and sizes for `style`, with egui's line height for the note font.
pub fn metrics(ui: &Ui, style: &CanvasStyle, scale: f32) -> NoteMetrics {
    let line_height =
        ui.fonts_mut(|f| f.row_height(&FontId::proportional(MEASURE_AT))) / MEASURE_AT;
    NoteMetrics {
        min_font: style.min_font,
        max_font: style.max_font,
        line_height,
        pad: NOTE_PAD_EM,
        footer: footer_em(style),
        min_note_w: style.min_note_w * scale,
        max_note_w: style.max_note_w * scale,
        slack: SLACK,
    }
}
