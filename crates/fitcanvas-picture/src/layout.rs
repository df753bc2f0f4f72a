//! Where things go on the canvas picture, as plain geometry shared by the editor window and the
//! exports, so both draw the same canvas.
//!
//! The picture people know: the value map as a square (narrowed when short of width) on the
//! left, the customer profile as a circle on the right. The square is split into products &
//! services (left half), gain creators (top right) and pain relievers (bottom right); the
//! circle mirrors it with customer jobs (right half), gains (top left) and pains (bottom left),
//! so each value-map area faces the customer area it serves. [`crate::packing`] fits the notes into each area's part of its shape.

use fitcanvas_model::evidence::Status;
use fitcanvas_model::section::Section;

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
    /// Where the chord between the customer jobs (right of it) and the gains and pains (left)
    /// crosses the circle's horizontal diameter.
    pub split_x: f32,
    /// Per section (indexed by [`Section::index`]): the region that holds its label and notes.
    /// Each lies inside its part of the square or circle.
    pub areas: [Rect; 6],
    /// Divider lines, as (from, to) points, that split the square and circle into areas.
    pub dividers: Vec<((f32, f32), (f32, f32))>,
}

/// Space between the value map and the circle, and around the pair, as a share of the
/// circle's diameter.
const GAP_SHARE: f32 = 0.025;
/// Inner padding of an area, as a share of the circle's diameter.
const PAD_SHARE: f32 = 0.012;
/// Room above the value map for its heading, as a share of the circle's diameter (the
/// circle's heading sits in its box's free corner).
const HEADING_SHARE: f32 = 0.035;
/// The value map's width as a share of its height, at its narrowest. Rectangular notes fill a
/// quarter disc less well than a quarter square, and the customer profile is what the canvas
/// is about: when the board is short of width, the value map gives up width (staying as tall
/// as the circle) before the circle gets smaller.
pub const NARROWEST_VALUE_MAP: f32 = 0.66;
/// How far right of the circle's centre the jobs' chord runs, as a share of the radius. At
/// 0.265 the three parts of the circle are the same size (a segment of a third of the disc),
/// where the vertical diameter gave the jobs half the disc and the gains and pains a quarter
/// each, though the three hold about as many notes.
const JOBS_CHORD_SHARE: f32 = 0.265;
/// The products' share of the value map's width. Half gave the products twice the room of the
/// gain creators or the pain relievers though the three hold about as many notes; a third
/// (three areas the same size, as in the circle) leaves a product's longer description too
/// narrow a column.
const PRODUCTS_SHARE: f32 = 0.4;

impl Board {
    /// Lays the canvas out in a `width` × `height` board: the circle as large as fits beside a
    /// value map as tall as it and up to square, centred.
    pub fn new(width: f32, height: f32) -> Board {
        Board::with_room_by_map(width, height, 0.0, 0.0)
    }

    /// [`Board::new`] with room kept free `above` and `below` the value map (for a presented
    /// picture's title and timer, and the room's join code), the circle still as tall as the
    /// board: the value map has room to spare, the customer profile none.
    pub fn with_room_by_map(width: f32, height: f32, above: f32, below: f32) -> Board {
        let width = width.max(1.0);
        let height = height.max(1.0);
        // Side by side with a gap between and a margin around:
        // width ≥ d × (1 + v + 3g), height = d × (1 + 2g).
        let diameter = (height / (1.0 + 2.0 * GAP_SHARE))
            .min(width / (1.0 + NARROWEST_VALUE_MAP + 3.0 * GAP_SHARE));
        let gap = diameter * GAP_SHARE;
        let map_w = (width - diameter - 3.0 * gap)
            .min(diameter)
            .max(diameter * NARROWEST_VALUE_MAP);
        let size = diameter;
        let total_w = map_w + diameter + gap;
        let left = (width - total_w) / 2.0;
        let top = (height - diameter) / 2.0;
        // The value map keeps at least half the circle's height.
        let above = above.clamp(0.0, diameter * 0.3);
        let below = below.clamp(0.0, diameter * 0.5 - above);
        let heading = diameter * HEADING_SHARE + above;
        let square = Rect::new(left, top + heading, map_w, diameter - heading - below);
        let circle_box = Rect::new(left + map_w + gap, top, diameter, diameter);
        let r = diameter / 2.0;
        let (cx, cy) = circle_box.center();
        let pad = size * PAD_SHARE;

        // Square: products = the left third; gain creators = top right; pain relievers = bottom
        // right.
        let (products_w, half) = (map_w * PRODUCTS_SHARE, square.h / 2.0);
        let rest_w = map_w - products_w;
        let products = Rect::new(square.x, square.y, products_w, square.h).shrink(pad);
        let creators = Rect::new(square.x + products_w, square.y, rest_w, half).shrink(pad);
        let relievers = Rect::new(square.x + products_w, square.y + half, rest_w, half).shrink(pad);

        // Circle: the largest rectangles inscribed in the jobs' segment right of the chord and
        // in the two parts left of it, above and below the horizontal radius.
        let s = JOBS_CHORD_SHARE * r;
        let split_x = cx + s;
        // A segment cut by a chord `s` from the centre: width w with (s + w)(s + 2w) = r².
        let jobs_w = (-3.0 * s + (s * s + 8.0 * r * r).sqrt()) / 4.0;
        let jobs_h = (r * r - (s + jobs_w).powi(2)).max(0.0).sqrt();
        let jobs = Rect::new(split_x, cy - jobs_h, jobs_w, 2.0 * jobs_h).shrink(pad);
        // Left of the chord, a rectangle w wide reaching u = w − s past the centre, with
        // 2u² + su = r² at its best.
        let u = (-s + (s * s + 8.0 * r * r).sqrt()) / 4.0;
        let side_h = (r * r - u * u).min(r * r - s * s).max(0.0).sqrt();
        let side_w = u + s;
        let gains = Rect::new(split_x - side_w, cy - side_h, side_w, side_h).shrink(pad);
        let pains = Rect::new(split_x - side_w, cy, side_w, side_h).shrink(pad);

        let mut areas = [Rect::new(0.0, 0.0, 0.0, 0.0); 6];
        areas[Section::Jobs.index()] = jobs;
        areas[Section::Pains.index()] = pains;
        areas[Section::Gains.index()] = gains;
        areas[Section::Products.index()] = products;
        areas[Section::PainRelievers.index()] = relievers;
        areas[Section::GainCreators.index()] = creators;

        let dividers = vec![
            // Square: vertical between products and the rest, horizontal across the rest.
            (
                (square.x + products_w, square.y),
                (square.x + products_w, square.bottom()),
            ),
            (
                (square.x + products_w, square.y + half),
                (square.right(), square.y + half),
            ),
            // Circle: the jobs' vertical chord, and the horizontal radius on to it.
            (
                (split_x, cy - (r * r - s * s).sqrt()),
                (split_x, cy + (r * r - s * s).sqrt()),
            ),
            ((cx - r, cy), (split_x, cy)),
        ];

        Board {
            square,
            circle_center: (cx, cy),
            circle_radius: r,
            split_x,
            areas,
            dividers,
        }
    }

    pub fn area(&self, section: Section) -> Rect {
        self.areas[section.index()]
    }

    /// The diameter of the circle: the scale of the picture.
    pub fn size(&self) -> f32 {
        self.circle_radius * 2.0
    }

    /// The box round `section`'s whole part of its shape: the area itself in the square; in the
    /// circle, the half or quarter disc's bounding box, which its notes may fill.
    pub fn part_bounds(&self, section: Section) -> Rect {
        let (cx, cy) = self.circle_center;
        let (r, split) = (self.circle_radius, self.split_x);
        let half = self.chord_half();
        match section {
            Section::Jobs => Rect::new(split, cy - half, cx + r - split, 2.0 * half),
            Section::Gains => Rect::new(cx - r, cy - r, split - cx + r, r),
            Section::Pains => Rect::new(cx - r, cy, split - cx + r, r),
            _ => self.area(section),
        }
    }

    /// Half the length of the jobs' chord.
    fn chord_half(&self) -> f32 {
        let (r, s) = (self.circle_radius, self.split_x - self.circle_center.0);
        (r * r - s * s).max(0.0).sqrt()
    }

    /// The vertical run a column of notes spanning `x0..x1` may use inside `section`'s part of
    /// its shape, clear of the dividers; `None` when the column lies outside it.
    pub fn column_range(&self, section: Section, x0: f32, x1: f32) -> Option<(f32, f32)> {
        let area = self.area(section);
        if !section.is_customer() {
            let inside = x0 >= area.x - 0.01 && x1 <= area.right() + 0.01;
            return inside.then_some((area.y, area.bottom()));
        }
        let (cx, cy) = self.circle_center;
        let pad = self.size() * PAD_SHARE;
        let reach = self.circle_radius - pad;
        let on_its_side = if section == Section::Jobs {
            x0 >= self.split_x + pad - 0.01
        } else {
            x1 <= self.split_x - pad + 0.01
        };
        // The column's edge farthest from the circle's centre is the one the circle cuts first.
        let dx = (x0 - cx).abs().max((x1 - cx).abs());
        if !on_its_side || dx >= reach {
            return None;
        }
        let half = (reach * reach - dx * dx).sqrt();
        Some(match section {
            Section::Gains => (cy - half, cy - pad),
            Section::Pains => (cy + pad, cy + half),
            _ => (cy - half, cy + half),
        })
    }

    /// Where an area's label `w` × `h` goes. In the square, at the top left of the area. In
    /// the circle, in the narrow end of the area's part, against the chord, as high (for
    /// gains and jobs) or as low (for pains) as it fits: the wide middle is left to the notes.
    pub fn label_rect(&self, section: Section, w: f32, h: f32) -> Rect {
        let area = self.area(section);
        if !section.is_customer() {
            return Rect::new(area.x, area.y, w.min(area.w), h);
        }
        let (cx, cy) = self.circle_center;
        let pad = self.size() * PAD_SHARE;
        let reach = self.circle_radius - pad;
        let x = if section == Section::Jobs {
            self.split_x + pad
        } else {
            self.split_x - pad - w
        };
        // The farthest from the centre a row `h` tall still leaves `w` beside the chord: where
        // the label's corner farther from the centre meets the circle.
        let room = ((x - cx).abs().max((x + w - cx).abs()) + pad).min(reach);
        let far = (reach * reach - room * room).max(0.0).sqrt();
        let y = if section == Section::Pains {
            (cy + far - h).max(cy + pad)
        } else {
            (cy - far).min(cy - pad - h)
        };
        Rect::new(x, y, w, h)
    }

    /// Where `section`'s notes may start (below its label) and must end (above it, for pains),
    /// for a label `label_h` tall and `label_w` wide.
    pub fn note_span(&self, section: Section, label_w: f32, label_h: f32) -> (f32, f32) {
        let label = self.label_rect(section, label_w, label_h);
        let gap = (self.size() * PAD_SHARE).max(3.0);
        match section {
            Section::Pains => (
                self.circle_center.1 + self.size() * PAD_SHARE,
                label.y - gap,
            ),
            s if s.is_customer() => (
                label.bottom() + gap,
                self.circle_center.1 + self.circle_radius,
            ),
            _ => (label.bottom() + gap, self.area(section).bottom()),
        }
    }

    /// Where `section`'s notes may go beside a label `label_w` × `label_h`: from `top` to
    /// `bottom`, and clear of `keep_out`. In the square that is the run below the label. In the
    /// circle the label sits only in the narrow end by the chord, so only the notes that
    /// would overlap it make way: the columns beside it reach the circle's edge.
    pub fn note_room(&self, section: Section, label_w: f32, label_h: f32) -> NoteRoom {
        if !section.is_customer() {
            let (top, bottom) = self.note_span(section, label_w, label_h);
            return NoteRoom {
                top,
                bottom,
                keep_out: None,
            };
        }
        let (cy, r) = (self.circle_center.1, self.circle_radius);
        let pad = self.size() * PAD_SHARE;
        let gap = pad.max(3.0);
        let label = self.label_rect(section, label_w, label_h);
        let (top, bottom) = match section {
            Section::Pains => (cy + pad, cy + r),
            Section::Gains => (cy - r, cy - pad),
            _ => (cy - r, cy + r),
        };
        NoteRoom {
            top,
            bottom,
            keep_out: Some(Rect::new(
                label.x - gap,
                label.y - gap,
                label.w + 2.0 * gap,
                label.h + 2.0 * gap,
            )),
        }
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
        // The row's corner farthest from the circle's centre is the one the circle cuts first.
        let dy = (y0 - cy).abs().max((y1 - cy).abs());
        let half = (reach * reach - dy * dy).max(0.0).sqrt();
        let span = if section == Section::Jobs {
            ((self.split_x + pad).max(cx - half), cx + half)
        } else {
            (cx - half, (self.split_x - pad).min(cx + half))
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

/// Where an area's notes may go (see [`Board::note_room`]): from `top` to `bottom`, clear of
/// `keep_out` (the area's label, in the circle).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NoteRoom {
    pub top: f32,
    pub bottom: f32,
    pub keep_out: Option<Rect>,
}

/// Where an area's notes may go: `section`'s part of `board`, below `top` (its label), clear
/// of `keep_out`, and inside `within`, the part of the board that is on screen (a spotlit area
/// is enlarged past the window's edges).
#[derive(Debug, Clone, Copy)]
pub struct NoteSpace<'a> {
    pub board: &'a Board,
    pub section: Section,
    pub top: f32,
    pub keep_out: Option<Rect>,
    pub within: Rect,
}

/// The white mark drawn on a status badge of radius `r` centred at `center`: a star for
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
        // A star, not a tick: the addressed mark beside it is a tick, and the two must differ
        // by shape, not only by colour.
        Status::Validated => {
            let (outer, inner) = (r * 0.62, r * 0.25);
            let star = (0..=10)
                .map(|i| {
                    let a = std::f32::consts::PI * (i as f32 / 5.0 - 0.5);
                    let d = if i % 2 == 0 { outer } else { inner };
                    (cx + d * a.cos(), cy + d * a.sin())
                })
                .collect();
            mark.lines.push(star);
            mark.stroke_width = r * 0.2;
        }
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

    /// The share of the circle on each side of the jobs' chord and above and below the
    /// horizontal radius, by counting points of a fine grid.
    fn part_shares(board: &Board) -> [f32; 3] {
        let (cx, cy) = board.circle_center;
        let r = board.circle_radius;
        let mut counts = [0usize; 3];
        let n = 400;
        for i in 0..n {
            for j in 0..n {
                let x = cx - r + 2.0 * r * (i as f32 + 0.5) / n as f32;
                let y = cy - r + 2.0 * r * (j as f32 + 0.5) / n as f32;
                if (x - cx).powi(2) + (y - cy).powi(2) > r * r {
                    continue;
                }
                let part = if x >= board.split_x {
                    0
                } else if y < cy {
                    1
                } else {
                    2
                };
                counts[part] += 1;
            }
        }
        let all = counts.iter().sum::<usize>() as f32;
        counts.map(|c| c as f32 / all)
    }

    #[test]
    fn the_circles_three_parts_are_the_same_size() {
        for (w, h) in [(1280.0, 720.0), (1920.0, 1080.0), (800.0, 900.0)] {
            let board = Board::new(w, h);
            for share in part_shares(&board) {
                assert!((share - 1.0 / 3.0).abs() < 0.01, "{share} at {w}x{h}");
            }
            // The dividers are the chord and the radius up to it.
            let (cx, cy) = board.circle_center;
            assert!(board.split_x > cx);
            assert!(
                board
                    .dividers
                    .contains(&((cx - board.circle_radius, cy), (board.split_x, cy)))
            );
        }
    }

    #[test]
    fn room_by_the_value_map_leaves_the_circle_as_tall_as_the_board() {
        let plain = Board::new(1920.0, 1040.0);
        let titled = Board::with_room_by_map(1920.0, 1040.0, 86.0, 200.0);
        assert_eq!(plain.circle_radius, titled.circle_radius);
        assert!((titled.square.y - plain.square.y - 86.0).abs() < 0.01);
        assert!((plain.square.bottom() - titled.square.bottom() - 200.0).abs() < 0.01);
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
        // Validated is a closed star of five points, nothing like the addressed tick's three.
        let star = &badge_mark(Status::Validated, c, r).lines[0];
        assert_eq!(star.len(), 11);
        assert_eq!(star.first(), star.last());
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
