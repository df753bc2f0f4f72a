//! Where things go on the canvas picture, as plain geometry shared by the editor window and the
//! exports, so both draw the same canvas.
//!
//! The picture people know: the value map as a square on the left, the customer profile as a
//! circle on the right. The square is split into products & services (left half), gain creators
//! (top right) and pain relievers (bottom right); the circle mirrors it with customer jobs (right
//! half), gains (top left) and pains (bottom left), so each value-map area faces the customer
//! area it serves. Notes sit in rectangles inscribed in each area.

use crate::evidence::Status;
use crate::section::Section;

/// An axis-aligned rectangle in board coordinates (pixels, y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }

    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    pub fn center(&self) -> (f32, f32) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// The rectangle shrunk by `by` on every side (never below zero size).
    pub fn shrink(&self, by: f32) -> Rect {
        let by = by.min(self.w / 2.0).min(self.h / 2.0).max(0.0);
        Rect::new(
            self.x + by,
            self.y + by,
            self.w - 2.0 * by,
            self.h - 2.0 * by,
        )
    }

    pub fn contains_rect(&self, other: &Rect) -> bool {
        const EPS: f32 = 0.01;
        other.x >= self.x - EPS
            && other.y >= self.y - EPS
            && other.right() <= self.right() + EPS
            && other.bottom() <= self.bottom() + EPS
    }

    pub fn intersects(&self, other: &Rect) -> bool {
        const EPS: f32 = 0.01;
        self.x < other.right() - EPS
            && other.x < self.right() - EPS
            && self.y < other.bottom() - EPS
            && other.y < self.bottom() - EPS
    }
}

/// The canvas picture laid out in a board of a given size.
#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    /// The value map square.
    pub square: Rect,
    /// The customer profile circle.
    pub circle_center: (f32, f32),
    pub circle_radius: f32,
    /// Per section (indexed by [`Section::index`]): the region that holds its label and notes.
    /// Each lies inside its part of the square or circle.
    pub areas: [Rect; 6],
    /// Divider lines, as (from, to) points, that split the square and circle into areas.
    pub dividers: Vec<((f32, f32), (f32, f32))>,
}

/// Space between the square and the circle, and around the pair, as a share of the shape size.
const GAP_SHARE: f32 = 0.08;
/// Inner padding of an area, as a share of the shape size.
const PAD_SHARE: f32 = 0.02;

impl Board {
    /// Lays the canvas out in a `width` × `height` board: two shapes of equal size, as large as
    /// fits, centred.
    pub fn new(width: f32, height: f32) -> Board {
        let width = width.max(1.0);
        let height = height.max(1.0);
        // Two shapes side by side with a gap between and a margin around: width = size × (2 + 3g).
        let size = (width / (2.0 + 3.0 * GAP_SHARE)).min(height / (1.0 + 2.0 * GAP_SHARE));
        let gap = size * GAP_SHARE;
        let total_w = 2.0 * size + gap;
        let left = (width - total_w) / 2.0;
        let top = (height - size) / 2.0;
        let square = Rect::new(left, top, size, size);
        let circle_box = Rect::new(left + size + gap, top, size, size);
        let r = size / 2.0;
        let (cx, cy) = circle_box.center();
        let pad = size * PAD_SHARE;

        // Square: products = left half; gain creators = top right; pain relievers = bottom right.
        let half = size / 2.0;
        let products = Rect::new(square.x, square.y, half, size).shrink(pad);
        let creators = Rect::new(square.x + half, square.y, half, half).shrink(pad);
        let relievers = Rect::new(square.x + half, square.y + half, half, half).shrink(pad);

        // Circle: rectangles inscribed in the right half disc and the two left quarter discs.
        // A half disc holds an r/√2 × r√2 rectangle; a quarter disc an r/√2 square.
        let k = std::f32::consts::FRAC_1_SQRT_2 * r;
        let jobs = Rect::new(cx, cy - k, k, 2.0 * k).shrink(pad);
        let gains = Rect::new(cx - k, cy - k, k, k).shrink(pad);
        let pains = Rect::new(cx - k, cy, k, k).shrink(pad);

        let mut areas = [Rect::new(0.0, 0.0, 0.0, 0.0); 6];
        areas[Section::Jobs.index()] = jobs;
        areas[Section::Pains.index()] = pains;
        areas[Section::Gains.index()] = gains;
        areas[Section::Products.index()] = products;
        areas[Section::PainRelievers.index()] = relievers;
        areas[Section::GainCreators.index()] = creators;

        let dividers = vec![
            // Square: vertical through the middle, horizontal across the right half.
            (
                (square.x + half, square.y),
                (square.x + half, square.bottom()),
            ),
            (
                (square.x + half, square.y + half),
                (square.right(), square.y + half),
            ),
            // Circle: vertical diameter, horizontal radius to the left.
            ((cx, cy - r), (cx, cy + r)),
            ((cx - r, cy), (cx, cy)),
        ];

        Board {
            square,
            circle_center: (cx, cy),
            circle_radius: r,
            areas,
            dividers,
        }
    }

    pub fn area(&self, section: Section) -> Rect {
        self.areas[section.index()]
    }

    /// The side length of the square (and diameter of the circle): the scale of the picture.
    pub fn size(&self) -> f32 {
        self.square.w
    }

    /// The horizontal run, inside `section`'s part of its shape and clear of the dividers, that
    /// a row of notes spanning `y0..y1` may use; `None` when the row does not fit there at all.
    /// Customer areas are parts of a disc, so their rows widen towards the circle's centre
    /// line: notes use that room instead of only the rectangle inscribed in the area.
    pub fn row_span(&self, section: Section, y0: f32, y1: f32) -> Option<(f32, f32)> {
        let area = self.area(section);
        if !section.is_customer() {
            return (y0 >= area.y - 0.01 && y1 <= area.bottom() + 0.01)
                .then_some((area.x, area.right()));
        }
        let (cx, cy) = self.circle_center;
        let pad = self.size() * PAD_SHARE;
        let reach = self.circle_radius - pad;
        // Jobs fill the right half; gains the top-left quarter; pains the bottom-left quarter.
        let (top, bottom) = match section {
            Section::Gains => (cy - reach, cy - pad),
            Section::Pains => (cy + pad, cy + reach),
            _ => (cy - reach, cy + reach),
        };
        if y0 < top - 0.01 || y1 > bottom + 0.01 || y1 < y0 {
            return None;
        }
        // The row's corner farthest from the centre line is the one the circle cuts first.
        let dy = (y0 - cy).abs().max((y1 - cy).abs());
        let half = (reach * reach - dy * dy).max(0.0).sqrt();
        let span = if section == Section::Jobs {
            (cx + pad, cx + half)
        } else {
            (cx - half, cx - pad)
        };
        (span.1 > span.0).then_some(span)
    }
}

/// How the notes of one area are arranged: in columns, each note `note_w` × `note_h`.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteGrid {
    pub columns: usize,
    pub note_w: f32,
    pub note_h: f32,
    pub gap: f32,
    /// One rectangle per note, in order, reading left to right then top to bottom.
    pub notes: Vec<Rect>,
    /// Height all notes need; larger than the space given when the area must scroll.
    pub content_height: f32,
}

/// Lays out `count` notes in `space`. Notes are as large as fits up to `max_note_w` wide (with a
/// height of `aspect` × width), shrinking with more notes down to `min_note_w`; past that the
/// grid keeps the minimum size and grows taller than `space`, and the caller scrolls.
pub fn note_grid(
    space: Rect,
    count: usize,
    max_note_w: f32,
    min_note_w: f32,
    aspect: f32,
) -> NoteGrid {
    let gap = (space.w * 0.03).clamp(2.0, 10.0);
    let min_w = min_note_w.min(space.w).max(1.0);
    let max_w = max_note_w.max(min_w);
    let fits = |columns: usize| -> (f32, f32) {
        let cols = columns as f32;
        let rows = count.div_ceil(columns).max(1) as f32;
        let by_width = (space.w - gap * (cols - 1.0)) / cols;
        let by_height = (space.h - gap * (rows - 1.0)) / rows / aspect;
        let w = by_width.min(by_height).min(max_w);
        (w, rows)
    };
    // The column count that gives the largest notes; fewer columns win ties (easier to read).
    let mut best = (1usize, f32::MIN);
    for columns in 1..=count.max(1) {
        let (w, _) = fits(columns);
        if w > best.1 + 0.5 {
            best = (columns, w);
        }
        let by_width = (space.w - gap * (columns as f32 - 1.0)) / columns as f32;
        if by_width < min_w {
            break;
        }
    }
    let (mut columns, mut note_w) = best;
    if note_w < min_w {
        // Too many to fit: keep notes readable and let the area scroll.
        columns = (((space.w + gap) / (min_w + gap)).floor() as usize).max(1);
        note_w = ((space.w - gap * (columns as f32 - 1.0)) / columns as f32).max(1.0);
        note_w = note_w.min(max_w);
    }
    let note_h = note_w * aspect;
    let notes = (0..count)
        .map(|i| {
            let (col, row) = ((i % columns) as f32, (i / columns) as f32);
            Rect::new(
                space.x + col * (note_w + gap),
                space.y + row * (note_h + gap),
                note_w,
                note_h,
            )
        })
        .collect();
    let rows = count.div_ceil(columns) as f32;
    NoteGrid {
        columns,
        note_w,
        note_h,
        gap,
        notes,
        content_height: (rows * note_h + (rows - 1.0).max(0.0) * gap).max(0.0),
    }
}

/// Where an area's notes may go: `section`'s part of `board`, below `top` (its label), and
/// inside `within`, the part of the board that is on screen (a spotlit area is enlarged past
/// the window's edges).
#[derive(Debug, Clone, Copy)]
pub struct NoteSpace<'a> {
    pub board: &'a Board,
    pub section: Section,
    pub top: f32,
    pub within: Rect,
}

/// Lays out `count` notes in `space` from its top down, as large as fits up to
/// `max_note_w` wide and no smaller than `min_note_w`: row by row, each row as long as the
/// area's shape allows there (see [`Board::row_span`]). In the circle, rows start at the
/// area's straight edge (the centre line); in the square, the block of columns is centred.
/// `None` when the notes do not fit at the smallest size; the caller then scrolls a
/// [`note_grid`] instead.
pub fn notes_in_area(
    space: &NoteSpace<'_>,
    count: usize,
    max_note_w: f32,
    min_note_w: f32,
    aspect: f32,
) -> Option<NoteGrid> {
    let area = space.board.area(space.section);
    let gap = (area.w * 0.03).clamp(2.0, 10.0);
    let min_w = min_note_w.max(1.0);
    let max_w = max_note_w.max(min_w);
    let widest = match flow(space, count, max_w, aspect, gap) {
        Some(grid) => grid,
        None => {
            // Runs every frame, also for areas far too full to fit: one try at the smallest
            // size tells those apart, then halving the range finds a width within half a
            // point of the largest.
            let mut best = flow(space, count, min_w, aspect, gap)?;
            let (mut fits, mut fails) = (min_w, max_w);
            while fails - fits > 0.5 {
                let w = (fits + fails) / 2.0;
                match flow(space, count, w, aspect, gap) {
                    Some(grid) => {
                        best = grid;
                        fits = w;
                    }
                    None => fails = w,
                }
            }
            best
        }
    };
    Some(taller(space, count, widest, aspect, gap))
}

/// Notes no taller than they are wide: beyond that a note reads as a column, not a sticky note.
const TALLEST_ASPECT: f32 = 1.0;

/// `grid`'s notes made as tall as the room left below them allows, up to square: the width
/// stays, and the extra height holds more lines of text.
fn taller(space: &NoteSpace<'_>, count: usize, grid: NoteGrid, aspect: f32, gap: f32) -> NoteGrid {
    let w = grid.note_w;
    let tallest = TALLEST_ASPECT.max(aspect);
    if let Some(square) = flow(space, count, w, tallest, gap) {
        return square;
    }
    let (mut best, mut fits, mut fails) = (grid, aspect, tallest);
    while (fails - fits) * w > 1.0 {
        let a = (fits + fails) / 2.0;
        match flow(space, count, w, a, gap) {
            Some(grid) => {
                best = grid;
                fits = a;
            }
            None => fails = a,
        }
    }
    best
}

/// `count` notes of width `w`, row after row from `top`, or `None` if they run out of room.
fn flow(space: &NoteSpace<'_>, count: usize, w: f32, aspect: f32, gap: f32) -> Option<NoteGrid> {
    let NoteSpace {
        board,
        section,
        top,
        within,
    } = *space;
    let h = w * aspect;
    let from_right = matches!(section, Section::Gains | Section::Pains);
    let mut notes = Vec::with_capacity(count);
    let mut columns = 0;
    let mut y = top;
    while notes.len() < count {
        let (x0, x1) = board.row_span(section, y, y + h)?;
        if y + h > within.bottom() + 0.01 {
            return None;
        }
        let (x0, x1) = (x0.max(within.x), x1.min(within.right()).max(x0));
        let fit = ((x1 - x0 + gap) / (w + gap)).floor() as usize;
        let n = fit.min(count - notes.len());
        if n == 0 {
            // Rows only narrow from here on (away from the centre line) or the row is too
            // short for one note: either way these notes do not fit.
            if y > board.circle_center.1 || !section.is_customer() {
                return None;
            }
        } else {
            columns = columns.max(n);
            // The square's areas centre their block of columns, so a lone column does not hug
            // the left edge; a short last row stays under the block's left.
            let indent = if section.is_customer() {
                0.0
            } else {
                let full = fit.min(count) as f32;
                (x1 - x0 - full * w - (full - 1.0) * gap).max(0.0) / 2.0
            };
            for i in 0..n {
                let x = if from_right {
                    x1 - (n - i) as f32 * (w + gap) + gap
                } else {
                    x0 + indent + i as f32 * (w + gap)
                };
                notes.push(Rect::new(x, y, w, h));
            }
        }
        y += h + gap;
    }
    let content_height = notes.last().map_or(0.0, |n| n.bottom() - top);
    Some(NoteGrid {
        columns: columns.max(1),
        note_w: w,
        note_h: h,
        gap,
        notes,
        content_height,
    })
}

/// The white mark drawn on a status badge of radius `r` centred at `center`: a tick for
/// validated, a cross for invalidated, three dots for a test under way, nothing for an
/// assumption. Shared by the window and the exports so the badge looks the same in both.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BadgeMark {
    /// Open polylines, drawn with `stroke_width`.
    pub lines: Vec<Vec<(f32, f32)>>,
    /// Filled dots: centre and radius.
    pub dots: Vec<((f32, f32), f32)>,
    pub stroke_width: f32,
}

pub fn badge_mark(status: Status, (cx, cy): (f32, f32), r: f32) -> BadgeMark {
    let k = r * 0.45;
    let mut mark = BadgeMark {
        stroke_width: r * 0.28,
        ..BadgeMark::default()
    };
    match status {
        Status::Validated => mark.lines.push(vec![
            (cx - k, cy),
            (cx - k * 0.25, cy + k * 0.7),
            (cx + k, cy - k * 0.7),
        ]),
        Status::Invalidated => {
            mark.lines.push(vec![(cx - k, cy - k), (cx + k, cy + k)]);
            mark.lines.push(vec![(cx - k, cy + k), (cx + k, cy - k)]);
        }
        Status::Testing => {
            mark.dots = [-k, 0.0, k].map(|dx| ((cx + dx, cy), r * 0.14)).to_vec();
        }
        Status::Assumption => {}
    }
    mark
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside_circle(board: &Board, r: &Rect) -> bool {
        let (cx, cy) = board.circle_center;
        [
            (r.x, r.y),
            (r.right(), r.y),
            (r.x, r.bottom()),
            (r.right(), r.bottom()),
        ]
        .into_iter()
        .all(|(x, y)| ((x - cx).powi(2) + (y - cy).powi(2)).sqrt() <= board.circle_radius + 0.01)
    }

    #[test]
    fn areas_sit_inside_their_shape_and_never_overlap() {
        for (w, h) in [
            (1280.0, 720.0),
            (1920.0, 1080.0),
            (800.0, 900.0),
            (3840.0, 1600.0),
        ] {
            let board = Board::new(w, h);
            assert!(board.square.right() < board.circle_center.0 - board.circle_radius);
            for section in Section::ALL {
                let area = board.area(section);
                assert!(area.w > 0.0 && area.h > 0.0);
                if section.is_customer() {
                    assert!(inside_circle(&board, &area), "{section:?} at {w}x{h}");
                } else {
                    assert!(board.square.contains_rect(&area), "{section:?} at {w}x{h}");
                }
                for other in Section::ALL {
                    if other != section {
                        assert!(
                            !area.intersects(&board.area(other)),
                            "{section:?}/{other:?}"
                        );
                    }
                }
            }
            assert!(board.square.x >= 0.0 && board.square.y >= 0.0);
            assert!(board.circle_center.0 + board.circle_radius <= w + 0.01);
        }
    }

    #[test]
    fn value_map_areas_face_the_customer_areas_they_serve() {
        let b = Board::new(1920.0, 1080.0);
        assert!(b.area(Section::GainCreators).y < b.area(Section::PainRelievers).y);
        assert!(b.area(Section::Gains).y < b.area(Section::Pains).y);
        assert!(b.area(Section::Products).x < b.area(Section::GainCreators).x);
        assert!(b.area(Section::Jobs).x > b.area(Section::Gains).x);
    }

    #[test]
    fn notes_fit_shrink_and_never_overlap() {
        let space = Rect::new(10.0, 20.0, 300.0, 400.0);
        let mut last_w = f32::MAX;
        for count in [1, 3, 6, 12, 30] {
            let grid = note_grid(space, count, 200.0, 60.0, 0.6);
            assert_eq!(grid.notes.len(), count);
            assert!(grid.note_w <= last_w + 0.01, "more notes never grow");
            last_w = grid.note_w;
            for (i, a) in grid.notes.iter().enumerate() {
                assert!(a.x >= space.x - 0.01 && a.right() <= space.right() + 0.01);
                for b in &grid.notes[i + 1..] {
                    assert!(!a.intersects(b));
                }
            }
            if grid.note_w > 60.0 + 0.01 {
                assert!(
                    grid.content_height <= space.h + 0.01,
                    "fits without scrolling"
                );
            }
        }
    }

    #[test]
    fn notes_in_customer_areas_stay_in_their_part_of_the_circle_and_use_its_room() {
        for (w, h) in [(1000.0, 670.0), (1920.0, 1080.0), (700.0, 900.0)] {
            let board = Board::new(w, h);
            for section in Section::ALL {
                let area = board.area(section);
                let top = area.y + 20.0;
                let mut last_w = f32::MAX;
                for count in [1, 2, 5, 8, 13, 21] {
                    let space = NoteSpace {
                        board: &board,
                        section,
                        top,
                        within: Rect::new(0.0, 0.0, w, h),
                    };
                    let Some(grid) = notes_in_area(&space, count, 170.0, 20.0, 0.6) else {
                        continue;
                    };
                    assert_eq!(grid.notes.len(), count);
                    assert!(grid.note_w <= last_w + 0.01, "more notes never grow");
                    last_w = grid.note_w;
                    for (i, n) in grid.notes.iter().enumerate() {
                        assert!(n.y >= top - 0.01);
                        if section.is_customer() {
                            assert!(inside_circle(&board, n), "{section:?} {count} at {w}x{h}");
                        } else {
                            assert!(board.square.contains_rect(n));
                        }
                        for other in Section::ALL.into_iter().filter(|o| *o != section) {
                            assert!(!n.intersects(&board.area(other)), "{section:?}/{other:?}");
                        }
                        for m in &grid.notes[i + 1..] {
                            assert!(!n.intersects(m));
                        }
                    }
                }
            }
        }
        // Six jobs at a laptop's size get notes well wider than the inscribed rectangle's
        // single column would give them.
        let board = Board::new(1000.0, 670.0);
        let jobs = board.area(Section::Jobs);
        let space = NoteSpace {
            board: &board,
            section: Section::Jobs,
            top: jobs.y + 20.0,
            within: Rect::new(0.0, 0.0, 1000.0, 670.0),
        };
        let flow = notes_in_area(&space, 6, 170.0, 20.0, 0.6);
        let inscribed = note_grid(
            Rect::new(jobs.x, jobs.y + 20.0, jobs.w, jobs.h - 20.0),
            6,
            170.0,
            20.0,
            0.6,
        );
        assert!(flow.is_some_and(|f| f.note_w > inscribed.note_w * 1.15));
    }

    #[test]
    fn notes_that_cannot_fit_at_the_smallest_size_are_left_to_the_caller() {
        let board = Board::new(1000.0, 670.0);
        let gains = board.area(Section::Gains);
        let space = NoteSpace {
            board: &board,
            section: Section::Gains,
            top: gains.y,
            within: Rect::new(0.0, 0.0, 1000.0, 670.0),
        };
        assert!(notes_in_area(&space, 200, 170.0, 60.0, 0.6).is_none());
    }

    #[test]
    fn badge_marks_differ_by_shape_and_stay_inside_the_badge() {
        let (c, r) = ((50.0, 40.0), 10.0);
        let shapes: Vec<(usize, usize)> = Status::ALL
            .into_iter()
            .map(|s| {
                let m = badge_mark(s, c, r);
                (m.lines.len(), m.dots.len())
            })
            .collect();
        // Assumption, testing, validated, invalidated.
        assert_eq!(shapes, [(0, 0), (0, 3), (1, 0), (2, 0)]);
        for status in Status::ALL {
            let m = badge_mark(status, c, r);
            let points = m
                .lines
                .iter()
                .flatten()
                .chain(m.dots.iter().map(|(p, _)| p));
            for (x, y) in points {
                assert!(((x - c.0).powi(2) + (y - c.1).powi(2)).sqrt() < r);
            }
        }
    }

    #[test]
    fn too_many_notes_keep_their_minimum_size_and_scroll() {
        let space = Rect::new(0.0, 0.0, 200.0, 100.0);
        let grid = note_grid(space, 50, 150.0, 80.0, 0.5);
        assert!(grid.note_w >= 80.0);
        assert!(grid.content_height > space.h);
        assert!(grid.notes.iter().all(|n| n.right() <= space.right() + 0.01));
    }
}
