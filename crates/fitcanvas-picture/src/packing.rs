//! Packing an area's notes so their text shows whole: every note in an area gets one width and
//! one text size, each note the height its own text needs, and the notes flow row by row into
//! the area's shape (the circle's parts widen towards the jobs' chord, see
//! [`Board::row_span`]). The largest text size at which every note is whole wins; when none is,
//! the text size stops at its minimum and as many notes as fit stay whole.
//!
//! Text is measured once, as word widths at a text size of 1, so trying a size and a width is
//! arithmetic: the window measures with egui's fonts, the exports with the bundled fonts'
//! advances, and both pack the same way.

use crate::layout::{Board, NoteSpace, Rect};
use fitcanvas_model::section::Section;

/// A note's text as the widths of its words in ems (at a text size of 1), paragraph by
/// paragraph, with the width of a space between words. Shared, not copied, when cloned: the
/// window hands every note's measured text to the packing each frame.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NoteText {
    paragraphs: std::sync::Arc<[Vec<f32>]>,
    space: f32,
}

impl NoteText {
    /// `text` measured with `width_em`, which gives a piece of text's width at a size of 1.
    pub fn measure(text: &str, mut width_em: impl FnMut(&str) -> f32) -> NoteText {
        NoteText {
            paragraphs: text
                .split('\n')
                .map(|p| p.split_whitespace().map(&mut width_em).collect())
                .collect::<Vec<_>>()
                .into(),
            space: width_em(" "),
        }
    }

    /// How many lines the text takes wrapped to `line_em` ems: greedily at spaces, and a word
    /// wider than a line broken over as many lines as it needs (as egui and the exports do).
    pub fn lines(&self, line_em: f32) -> usize {
        let line_em = line_em.max(0.01);
        let mut lines = 0;
        for words in self.paragraphs.iter() {
            let mut used: Option<f32> = None;
            for &w in words {
                match used {
                    Some(u) if u + self.space + w <= line_em => used = Some(u + self.space + w),
                    _ => {
                        if used.is_some() {
                            lines += 1;
                        }
                        if w > line_em {
                            // Broken over as many lines as it takes. Where it breaks (egui
                            // prefers a hyphen) is not known here, so its last piece is taken
                            // to fill its line: the next word starts a new one.
                            lines += ((w / line_em).ceil() as usize).max(1) - 1;
                            used = Some(line_em);
                        } else {
                            used = Some(w);
                        }
                    }
                }
            }
            lines += 1;
        }
        lines.max(1)
    }

    /// All the words side by side, in ems: how long the text is.
    pub fn total_em(&self) -> f32 {
        self.paragraphs.iter().flatten().sum()
    }

    /// The widest word, in ems: narrower lines break it.
    pub fn widest_word(&self) -> f32 {
        self.paragraphs
            .iter()
            .flatten()
            .copied()
            .fold(0.0, f32::max)
    }
}

/// A note to pack: its text, whether it has a row of marks under the text, and room it needs
/// above its top edge (for a vote count straddling it), in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct PackNote {
    pub text: NoteText,
    pub footer: bool,
    pub above: f32,
}

/// How notes are drawn around their text, in ems of the text size, and the sizes allowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NoteMetrics {
    /// Smallest and largest text size, in pixels.
    pub min_font: f32,
    pub max_font: f32,
    /// Height of a line of text.
    pub line_height: f32,
    /// Room between the text and the note's edges.
    pub pad: f32,
    /// The row under the text for the note's marks (weight dots, badge, link count), on notes
    /// that have one.
    pub footer: f32,
    /// Narrowest and widest note, in pixels.
    pub min_note_w: f32,
    pub max_note_w: f32,
    /// Share of the text width that wrapping uses: the drawn text (kerning, shaping) may be a
    /// little wider than the sum of word widths.
    pub slack: f32,
}

impl NoteMetrics {
    /// The height of a note with `lines` lines at `font`, with or without a row of marks.
    pub fn height(&self, font: f32, lines: usize, footer: bool) -> f32 {
        let footer = if footer { self.footer } else { 0.0 };
        font * (2.0 * self.pad + footer + self.line_height * lines as f32)
    }

    /// The ems a line of text may use in a note `w` wide at `font`.
    pub fn line_em(&self, font: f32, w: f32) -> f32 {
        ((w / font - 2.0 * self.pad) * self.slack).max(0.01)
    }
}

/// Where an area's notes go and at what text size.
#[derive(Debug, Clone, PartialEq)]
pub struct Packing {
    pub font: f32,
    pub note_w: f32,
    pub flow: Flow,
    /// One rectangle per note, in order.
    pub notes: Vec<Rect>,
    /// Lines of text each note has room for; its text is whole when that is all it needs.
    pub lines: Vec<usize>,
    /// Whether each note shows its whole text.
    pub whole: Vec<bool>,
    pub gap: f32,
}

impl Packing {
    /// How many of the notes show their whole text.
    pub fn whole_count(&self) -> usize {
        self.whole.iter().filter(|w| **w).count()
    }

    /// The size this packing was made at, to keep it while it still fits (see [`pack`]).
    pub fn size(&self) -> PackSize {
        PackSize {
            font: self.font,
            note_w: self.note_w,
            flow: self.flow,
        }
    }
}

/// A text size, note width and way of flowing: what stays the same for an area while notes
/// come and go.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PackSize {
    pub font: f32,
    pub note_w: f32,
    pub flow: Flow,
}

/// How notes follow one another in an area. Columns suit a tall part (the jobs' segment, the
/// strip of the gains' or pains' part along the chord); rows suit a wide one (the gains' or
/// pains' part along its horizontal radius). Both are tried and the one that fits larger text wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Each note to the column where it sits highest.
    Columns,
    /// Row after row, each as long as the shape allows at its height.
    Rows,
}

/// Text sizes tried, largest first: whole pixels, so a size is kept until it no longer fits.
fn fonts(m: &NoteMetrics) -> impl Iterator<Item = f32> {
    let (min, max) = (m.min_font.max(1.0), m.max_font.max(m.min_font.max(1.0)));
    let steps = (max - min).floor() as usize;
    (0..=steps).map(move |i| max - i as f32).chain(
        // The exact minimum when the range is not a whole number of pixels.
        ((max - min).fract() > 0.01).then_some(min),
    )
}

/// Note widths tried at `font`, widest first: from the widest allowed down to the narrowest
/// that still holds a few words a line, in steps of about 3%.
fn widths(m: &NoteMetrics, font: f32, area_w: f32) -> Vec<f32> {
    let widest = m.max_note_w.min(area_w);
    let narrowest = m.min_note_w.max(font * (2.0 * m.pad + 5.0)).min(widest);
    let mut out = vec![widest];
    let mut w = widest;
    while w * 0.97 > narrowest {
        w *= 0.97;
        out.push(w.round());
    }
    if narrowest < w - 0.5 {
        out.push(narrowest);
    }
    out
}

/// Packs `notes` into `space`: the largest text size (from `metrics.max_font` down to
/// `metrics.min_font`) and the widest note at it with every note whole. `keep` is the size
/// the area had before: while every note is still whole at it, it stays, so adding or deleting
/// a note moves only the notes after it. When no size makes every note whole, the text stays
/// at its smallest size and notes are cut to the most lines that still fit, whole where they
/// can be. `None` when not even one line a note fits: the caller scrolls instead.
pub fn pack(
    space: &NoteSpace<'_>,
    notes: &[PackNote],
    metrics: &NoteMetrics,
    keep: Option<PackSize>,
) -> Option<Packing> {
    let area_w = space.board.area(space.section).w;
    let gap = (area_w * 0.03).clamp(2.0, 10.0);
    let needed = |font: f32, w: f32| -> Vec<usize> {
        let line_em = metrics.line_em(font, w);
        notes.iter().map(|n| n.text.lines(line_em)).collect()
    };
    let try_size = |size: PackSize, cap: usize| -> Option<Packing> {
        let PackSize {
            font,
            note_w: w,
            flow,
        } = size;
        let need = needed(font, w);
        let lines = capped(&need, cap);
        let rects = try_lines(space, notes, metrics, size, gap, &lines)?;
        Some(Packing {
            font,
            note_w: w,
            flow,
            notes: rects,
            whole: need.iter().zip(&lines).map(|(n, l)| n <= l).collect(),
            lines,
            gap,
        })
    };
    if let Some(size) = keep
        && size.font >= metrics.min_font - 0.01
        && size.font <= metrics.max_font + 0.01
        && let Some(p) = try_size(size, usize::MAX)
    {
        return Some(p);
    }
    let all: Vec<f32> = fonts(metrics).collect();
    if let Some((best, words)) = largest_whole(space, notes, metrics, gap, &all, Words::MayBreak) {
        // Room for one more like the others, if that costs at most a little type: then the
        // next note added (or started) moves nothing.
        let typical = typical(notes);
        let with_one_more: Vec<PackNote> = notes.iter().cloned().chain(typical).collect();
        let near: Vec<f32> = all
            .iter()
            .copied()
            .filter(|f| *f <= best.font && *f >= best.font - HEADROOM_FONT)
            .collect();
        // Never at the cost of breaking words the best size kept whole.
        let size = largest_whole(space, &with_one_more, metrics, gap, &near, words)
            .map_or(best, |(size, _)| size);
        return try_size(size, usize::MAX).or_else(|| try_size(best, usize::MAX));
    }
    // Not all whole at the smallest size: at each width, every note gets the most lines that
    // fit for all of them alike, then the notes that need fewest more lines get them while the
    // rest still fit, so as many as can be are whole. The width with most whole notes wins.
    let font = metrics.min_font;
    let mut best: Option<Packing> = None;
    let sizes = widths(metrics, font, area_w).into_iter().flat_map(|w| {
        [Flow::Columns, Flow::Rows].map(|flow| PackSize {
            font,
            note_w: w,
            flow,
        })
    });
    for size in sizes {
        let w = size.note_w;
        let need = needed(font, w);
        let most = need.iter().copied().max().unwrap_or(1);
        let fits = |lines: &[usize]| try_lines(space, notes, metrics, size, gap, lines);
        let Some(cap) = (1..=most)
            .rev()
            .find(|cap| fits(&capped(&need, *cap)).is_some())
        else {
            continue;
        };
        let mut lines = capped(&need, cap);
        let mut order: Vec<usize> = (0..notes.len()).collect();
        order.sort_by_key(|i| need[*i]);
        for i in order {
            if lines[i] >= need[i] {
                continue;
            }
            let mut more = lines.clone();
            more[i] = need[i];
            if fits(&more).is_some() {
                lines = more;
            }
        }
        let Some(rects) = fits(&lines) else {
            continue;
        };
        let p = Packing {
            font,
            note_w: w,
            flow: size.flow,
            notes: rects,
            whole: need.iter().zip(&lines).map(|(n, l)| n <= l).collect(),
            lines,
            gap,
        };
        let shown = |p: &Packing| p.lines.iter().sum::<usize>();
        let better = best
            .as_ref()
            .is_none_or(|b| (p.whole_count(), shown(&p)) > (b.whole_count(), shown(b)));
        if better {
            best = Some(p);
        }
    }
    best
}

/// Whether a packing keeps every word on one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Words {
    Whole,
    MayBreak,
}

/// How much smaller the type may get to leave room for one more note.
const HEADROOM_FONT: f32 = 2.0;

/// A note like the area's others, to leave room for: the median by length.
fn typical(notes: &[PackNote]) -> Option<PackNote> {
    let mut by_length: Vec<&PackNote> = notes.iter().collect();
    by_length.sort_by(|a, b| a.text.total_em().total_cmp(&b.text.total_em()));
    by_length.get(by_length.len() / 2).map(|n| (*n).clone())
}

/// The largest of `fonts` (tried in order), with the widest note and a flow, at which every
/// note shows whole. Words whole first: a note that breaks "substitutes" over two lines reads
/// badly even when all of it shows.
fn largest_whole(
    space: &NoteSpace<'_>,
    notes: &[PackNote],
    metrics: &NoteMetrics,
    gap: f32,
    fonts: &[f32],
    words: Words,
) -> Option<(PackSize, Words)> {
    let area_w = space.board.area(space.section).w;
    let widest = notes
        .iter()
        .map(|n| n.text.widest_word())
        .fold(0.0, f32::max);
    let tries: &[Words] = match words {
        Words::Whole => &[Words::Whole],
        Words::MayBreak => &[Words::Whole, Words::MayBreak],
    };
    for &try_words in tries {
        for &font in fonts {
            for w in widths(metrics, font, area_w) {
                if try_words == Words::Whole && metrics.line_em(font, w) < widest {
                    continue;
                }
                for flow in [Flow::Columns, Flow::Rows] {
                    let size = PackSize {
                        font,
                        note_w: w,
                        flow,
                    };
                    let line_em = metrics.line_em(font, w);
                    let lines: Vec<usize> = notes.iter().map(|n| n.text.lines(line_em)).collect();
                    if try_lines(space, notes, metrics, size, gap, &lines).is_some() {
                        return Some((size, try_words));
                    }
                }
            }
        }
    }
    None
}

/// Each of `need` capped at `cap` lines.
fn capped(need: &[usize], cap: usize) -> Vec<usize> {
    need.iter().map(|n| (*n).min(cap)).collect()
}

/// `notes` placed at `size` with the given lines of text each, if they fit.
fn try_lines(
    space: &NoteSpace<'_>,
    notes: &[PackNote],
    metrics: &NoteMetrics,
    size: PackSize,
    gap: f32,
    lines: &[usize],
) -> Option<Vec<Rect>> {
    // Each note placed with the room above it, then given back its own rectangle.
    let heights: Vec<f32> = lines
        .iter()
        .zip(notes)
        .map(|(l, n)| metrics.height(size.font, *l, n.footer) + n.above.max(0.0))
        .collect();
    let placed = match size.flow {
        Flow::Columns => flow(space, &heights, size.note_w, gap),
        Flow::Rows => rows(space, &heights, size.note_w, gap),
    }?;
    Some(
        placed
            .into_iter()
            .zip(notes)
            .map(|(r, n)| {
                let above = n.above.max(0.0);
                Rect::new(r.x, r.y + above, r.w, r.h - above)
            })
            .collect(),
    )
}

/// Notes `w` wide with the given heights, row after row from the space's top, each row as
/// long as the area's shape allows at its height (see [`Board::row_span`]) and as tall as its
/// tallest note; `None` when they run out of room. In the circle rows start at the area's
/// straight edge; in the square the block of columns is centred.
fn rows(space: &NoteSpace<'_>, heights: &[f32], w: f32, gap: f32) -> Option<Vec<Rect>> {
    let NoteSpace {
        board,
        section,
        top,
        keep_out,
        within,
    } = *space;
    let from_right = matches!(section, Section::Gains | Section::Pains);
    let (x_min, x_max) = (within.x, within.right());
    let mut notes = Vec::with_capacity(heights.len());
    let mut y = top.max(within.y);
    while notes.len() < heights.len() {
        let rest = &heights[notes.len()..];
        if y + rest[0] > within.bottom() + 0.01 {
            return None;
        }
        // As many of the next notes as the row holds at the height they make it.
        let mut row: Option<(usize, f32, (f32, f32))> = None;
        let mut row_h: f32 = 0.0;
        for (k, h) in rest.iter().enumerate() {
            row_h = row_h.max(*h);
            if y + row_h > within.bottom() + 0.01 {
                break;
            }
            let Some((x0, x1)) = board.row_span(section, y, y + row_h) else {
                break;
            };
            let (x0, x1) = clear_of(keep_out, y, y + row_h, (x0.max(x_min), x1.min(x_max)));
            if (((x1 - x0 + gap) / (w + gap)).floor() as usize) < k + 1 {
                break;
            }
            row = Some((k + 1, row_h, (x0, x1)));
        }
        let Some((count, row_h, (x0, x1))) = row else {
            // In the circle's upper parts rows widen further down; elsewhere they only narrow.
            if section.is_customer() && y + rest[0] < board.circle_center.1 {
                y += gap.max(2.0);
                continue;
            }
            return None;
        };
        let indent = if section.is_customer() {
            0.0
        } else {
            let fit = (((x1 - x0 + gap) / (w + gap)).floor() as usize).min(heights.len()) as f32;
            (x1 - x0 - fit * w - (fit - 1.0) * gap).max(0.0) / 2.0
        };
        for (i, h) in rest.iter().take(count).enumerate() {
            let x = if from_right {
                x1 - (count - i) as f32 * (w + gap) + gap
            } else {
                x0 + indent + i as f32 * (w + gap)
            };
            notes.push(Rect::new(x, y, w, *h));
        }
        y += row_h + gap;
    }
    Some(notes)
}

/// Notes `w` wide with the given heights, in columns: each note goes to the column where it
/// can sit highest (the nearest the area's straight edge when two tie), as far up as the
/// area's shape allows there (see [`Board::column_range`]); `None` when one does not fit. A
/// note's place depends only on the notes before it.
fn flow(space: &NoteSpace<'_>, heights: &[f32], w: f32, gap: f32) -> Option<Vec<Rect>> {
    let NoteSpace {
        board,
        section,
        top,
        keep_out,
        within,
    } = *space;
    // Only what is on screen: a spotlit area's board is enlarged past the window's edges.
    let columns: Vec<_> = columns(board, section, w, gap, heights.len())
        .into_iter()
        .filter(|c| c.0 >= within.x - 0.01 && c.1 <= within.right() + 0.01)
        .map(|c| column_clear_of(keep_out, c))
        .collect();
    let mut bottoms: Vec<f32> = columns.iter().map(|c| c.2.max(top).max(within.y)).collect();
    let mut notes = Vec::with_capacity(heights.len());
    for h in heights {
        let mut best: Option<(usize, f32)> = None;
        for (j, &(_, _, _, y_max)) in columns.iter().enumerate() {
            let y = bottoms[j];
            let fits = y + h <= y_max.min(within.bottom()) + 0.01;
            if fits && best.is_none_or(|(_, b)| y < b - 0.5) {
                best = Some((j, y));
            }
        }
        let (j, y) = best?;
        notes.push(Rect::new(columns[j].0, y, w, *h));
        bottoms[j] = y + h + gap;
    }
    Some(notes)
}

/// A row's run `span` (from `y0` to `y1`) shortened to keep clear of `keep_out`, on whichever
/// side of the run the keep-out lies nearer.
fn clear_of(keep_out: Option<Rect>, y0: f32, y1: f32, span: (f32, f32)) -> (f32, f32) {
    let Some(k) = keep_out else {
        return span;
    };
    let (x0, x1) = span;
    let overlaps = y0 < k.bottom() && y1 > k.y && x0 < k.right() && x1 > k.x;
    if !overlaps {
        span
    } else if k.center().0 > (x0 + x1) / 2.0 {
        (x0, x1.min(k.x))
    } else {
        (x0.max(k.right()), x1)
    }
}

/// A column (left, right, top, bottom) shortened to keep clear of `keep_out`, at whichever end
/// the keep-out lies nearer; a column beside it keeps its whole run.
fn column_clear_of(
    keep_out: Option<Rect>,
    (x0, x1, y0, y1): (f32, f32, f32, f32),
) -> (f32, f32, f32, f32) {
    let Some(k) = keep_out else {
        return (x0, x1, y0, y1);
    };
    if x0 >= k.right() || x1 <= k.x || y0 >= k.bottom() || y1 <= k.y {
        (x0, x1, y0, y1)
    } else if k.center().1 > (y0 + y1) / 2.0 {
        (x0, x1, y0, y1.min(k.y))
    } else {
        (x0, x1, y0.max(k.bottom()), y1)
    }
}

/// The columns of notes `w` wide an area has room for, nearest its straight edge first: each
/// as (left, right, highest top, lowest bottom). The square's areas centre their block of
/// columns, so a lone column does not hug the left edge.
fn columns(
    board: &Board,
    section: Section,
    w: f32,
    gap: f32,
    count: usize,
) -> Vec<(f32, f32, f32, f32)> {
    let area = board.area(section);
    let cx = board.split_x;
    let pad = board.size() * 0.012;
    let mut out = Vec::new();
    if section.is_customer() {
        for j in 0.. {
            let offset = pad + j as f32 * (w + gap);
            let (x0, x1) = if section == Section::Jobs {
                (cx + offset, cx + offset + w)
            } else {
                (cx - offset - w, cx - offset)
            };
            let Some((y0, y1)) = board.column_range(section, x0, x1) else {
                break;
            };
            out.push((x0, x1, y0, y1));
        }
    } else {
        let fit = (((area.w + gap) / (w + gap)).floor() as usize).clamp(1, count.max(1));
        let used = fit as f32 * w + (fit as f32 - 1.0) * gap;
        let left = area.x + ((area.w - used) / 2.0).max(0.0);
        for j in 0..fit {
            let x0 = left + j as f32 * (w + gap);
            if let Some((y0, y1)) = board.column_range(section, x0, x0 + w) {
                out.push((x0, x0 + w, y0, y1));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character one em wide at size 1, a space half of that.
    fn words(s: &str) -> NoteText {
        NoteText::measure(s, |w| {
            if w == " " {
                0.5
            } else {
                w.chars().count() as f32 * 0.5
            }
        })
    }

    fn text(s: &str) -> PackNote {
        PackNote {
            text: words(s),
            footer: true,
            above: 0.0,
        }
    }

    /// `section`'s notes beside a label 80 × 20, the whole board on screen.
    fn space_in(board: &Board, section: Section, (w, h): (f32, f32)) -> NoteSpace<'_> {
        let room = board.note_room(section, 80.0, 20.0);
        NoteSpace {
            board,
            section,
            top: room.top,
            keep_out: room.keep_out,
            within: Rect::new(0.0, 0.0, w, room.bottom.min(h)),
        }
    }

    #[test]
    fn packed_notes_never_overlap_and_stay_in_their_part_of_the_shape() {
        let texts = [
            "Fresh",
            "Prices that change every week without notice",
            "A farm's harvest fails and a menu item disappears from tonight's menu",
        ];
        for size in [(1000.0, 640.0), (1920.0, 1080.0), (700.0, 900.0)] {
            let board = Board::new(size.0, size.1);
            for section in Section::ALL {
                for count in [1, 4, 9, 16] {
                    let notes: Vec<PackNote> = (0..count).map(|i| text(texts[i % 3])).collect();
                    let Some(p) = pack(&space_in(&board, section, size), &notes, &metrics(), None)
                    else {
                        continue;
                    };
                    let (cx, cy) = board.circle_center;
                    let space = space_in(&board, section, size);
                    for (i, n) in p.notes.iter().enumerate() {
                        if let Some(label) = space.keep_out {
                            assert!(!n.intersects(&label), "{section:?} {count}: on its label");
                        }
                        // The jobs right of their chord, the gains and pains left of it.
                        match section {
                            Section::Jobs => assert!(n.x >= board.split_x, "{n:?}"),
                            Section::Gains | Section::Pains => {
                                assert!(n.right() <= board.split_x, "{n:?}")
                            }
                            _ => {}
                        }
                        if section.is_customer() {
                            let corners = [
                                (n.x, n.y),
                                (n.right(), n.y),
                                (n.x, n.bottom()),
                                (n.right(), n.bottom()),
                            ];
                            for (x, y) in corners {
                                let d = ((x - cx).powi(2) + (y - cy).powi(2)).sqrt();
                                assert!(d <= board.circle_radius + 0.01, "{section:?} {count}");
                            }
                        } else {
                            assert!(board.area(section).contains_rect(n), "{section:?} {count}");
                        }
                        for other in Section::ALL.into_iter().filter(|o| *o != section) {
                            assert!(
                                !n.intersects(&board.area(other)),
                                "{section:?} in {other:?}"
                            );
                        }
                        for m in &p.notes[i + 1..] {
                            assert!(!n.intersects(m), "{section:?} {count}: {n:?} {m:?}");
                        }
                    }
                }
            }
        }
    }

    /// The label keeps out only the notes that would overlap it: in a part of the circle with
    /// room, the column beside the label starts above the label's bottom edge.
    #[test]
    fn only_the_notes_under_a_label_make_way_for_it() {
        let board = Board::new(1920.0, 1080.0);
        // Narrow notes, enough to fill several columns.
        let notes: Vec<PackNote> = (0..24).map(|_| text("Fresh produce daily")).collect();
        let narrow = NoteMetrics {
            max_note_w: 90.0,
            ..metrics()
        };
        for section in [Section::Gains, Section::Pains] {
            let space = space_in(&board, section, (1920.0, 1080.0));
            let label = space
                .keep_out
                .expect("customer areas keep their label clear");
            let p = pack(&space, &notes, &narrow, None).expect("the notes fit");
            let beside = |n: &Rect| match section {
                Section::Pains => n.bottom() > label.y,
                _ => n.y < label.bottom(),
            };
            assert!(
                p.notes.iter().any(beside),
                "{section:?}: no note beside the label"
            );
        }
    }

    fn metrics() -> NoteMetrics {
        NoteMetrics {
            min_font: 12.0,
            max_font: 18.0,
            line_height: 1.4,
            pad: 0.4,
            footer: 1.0,
            min_note_w: 60.0,
            max_note_w: 180.0,
            slack: 1.0,
        }
    }

    #[test]
    fn wrapping_counts_lines_like_a_greedy_wrapper() {
        let t = words("aa bb cc");
        // Each word 1 em, a space 0.5.
        assert_eq!(t.lines(10.0), 1);
        assert_eq!(t.lines(2.5), 2);
        assert_eq!(t.lines(1.0), 3);
        // A word wider than the line is broken over lines, and the next word starts afresh.
        assert_eq!(words("aaaaaaaa").lines(1.0), 4);
        assert_eq!(words("aaaaa b").lines(2.0), 3);
        assert_eq!(words("one\ntwo").lines(100.0), 2);
        assert_eq!(words("").lines(5.0), 1);
    }

    #[test]
    fn an_area_with_room_gets_the_largest_size_and_every_note_whole() {
        let board = Board::new(1920.0, 1080.0);
        let space = space_in(&board, Section::Jobs, (1920.0, 1080.0));
        let notes = vec![text("Plan the week's orders"); 4];
        let p = pack(&space, &notes, &metrics(), None).expect("fits");
        assert_eq!(p.font, 18.0);
        assert_eq!(p.whole_count(), 4);
        for (i, a) in p.notes.iter().enumerate() {
            for b in &p.notes[i + 1..] {
                assert!(!a.intersects(b));
            }
        }
    }

    #[test]
    fn crowded_areas_get_smaller_text_but_never_below_the_minimum() {
        let board = Board::new(1000.0, 640.0);
        let space = space_in(&board, Section::Pains, (1000.0, 640.0));
        let mut last = f32::MAX;
        for count in [1, 3, 6, 12, 24] {
            let notes = vec![text("Prices that change every week without notice"); count];
            let Some(p) = pack(&space, &notes, &metrics(), None) else {
                assert!(count > 6, "a handful of notes always fits");
                continue;
            };
            assert!(p.font >= 12.0 && p.font <= last);
            last = p.font;
            assert_eq!(p.notes.len(), count);
            for ((n, l), whole) in notes.iter().zip(&p.lines).zip(&p.whole) {
                // A note said to be whole has room for every line its text needs.
                let need = n.text.lines(metrics().line_em(p.font, p.note_w));
                assert!(*l <= need);
                assert_eq!(*whole, *l == need);
            }
        }
    }

    #[test]
    fn a_kept_size_keeps_earlier_notes_in_place() {
        let board = Board::new(1920.0, 1080.0);
        let space = space_in(&board, Section::Jobs, (1920.0, 1080.0));
        let mut notes = vec![text("Fresh produce"), text("Fewer calls")];
        let first = pack(&space, &notes, &metrics(), None).expect("fits");
        notes.push(text("Delivery before the lunch rush starts"));
        let second = pack(&space, &notes, &metrics(), Some(first.size())).expect("fits");
        assert_eq!(second.size(), first.size());
        assert_eq!(&second.notes[..2], &first.notes[..]);
        notes.remove(0);
        let third = pack(&space, &notes, &metrics(), Some(second.size())).expect("fits");
        assert_eq!(third.size(), first.size());
    }
}
