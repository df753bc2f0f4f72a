//! Where a note's marks go in the row under its text: the weight dots from the left (or the
//! link count's words), the status badge with its triangulation ring and the addressed tick
//! from the right. Worked out as plain geometry so the marks never overlap each other or leave
//! the row at any note size: when the row is too short for all of them at full size they all
//! shrink together.

use crate::layout::Rect;

/// What a note shows in its row of marks.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MarksWanted {
    /// Five dots, this many filled (customer notes).
    pub weight: Option<u8>,
    /// A status badge (anything but an assumption).
    pub badge: bool,
    /// A ring round the badge's place: backed by two kinds of evidence.
    pub ring: bool,
    /// The tick on a customer note something in the value map addresses.
    pub addressed: bool,
    /// Words at the left ("addresses nothing", a marker), this wide at the row's full size.
    pub words: Option<f32>,
    /// The kind's short tag ("OBS"), after the words, this wide at the row's full size.
    pub tag: Option<f32>,
}

/// Where each wanted mark goes, in the same coordinates as the row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MarkPlaces {
    /// The five weight dots' centres and their radius.
    pub dots: Vec<(f32, f32)>,
    pub dot_radius: f32,
    /// The badge's centre and radius (also where the ring goes when there is no badge).
    pub badge: Option<((f32, f32), f32)>,
    /// The ring's radius round the badge's centre.
    pub ring: Option<f32>,
    /// The square the addressed tick is drawn in.
    pub addressed: Option<Rect>,
    /// The words' box, and the text size to draw them at.
    pub words: Option<(Rect, f32)>,
    /// The kind tag's box and text size.
    pub tag: Option<(Rect, f32)>,
    /// The share of full size the marks were drawn at (1 when the row had room); the words
    /// keep theirs longer (see [`place_marks`]).
    pub scale: f32,
}

impl MarkPlaces {
    /// Every mark's bounding box, for checking that none overlap.
    pub fn boxes(&self) -> Vec<Rect> {
        let mut out = Vec::new();
        if !self.dots.is_empty() {
            let r = self.dot_radius;
            let (first, last) = (self.dots[0], self.dots[self.dots.len() - 1]);
            out.push(Rect::new(
                first.0 - r,
                first.1 - r,
                last.0 - first.0 + 2.0 * r,
                2.0 * r,
            ));
        }
        if let Some(((x, y), r)) = self.badge {
            let r = self.ring.unwrap_or(r).max(r);
            out.push(Rect::new(x - r, y - r, 2.0 * r, 2.0 * r));
        }
        out.extend(self.addressed);
        out.extend(self.words.map(|(r, _)| r));
        out.extend(self.tag.map(|(r, _)| r));
        out
    }
}

/// The marks `wanted` laid out in `row` (the strip under a note's text).
/// The kind tag is the first to go: when the row cannot hold everything with the words at
/// full size, it is left out.
pub fn place_marks(row: Rect, wanted: &MarksWanted) -> MarkPlaces {
    let places = place_all(row, wanted);
    if wanted.tag.is_some()
        && places
            .words
            .is_some_and(|(_, size)| size < row.h * 0.85 - 0.01)
        || places
            .tag
            .is_some_and(|(_, size)| size < row.h * 0.85 - 0.01)
    {
        let without = MarksWanted {
            tag: None,
            ..*wanted
        };
        return place_all(row, &without);
    }
    places
}

fn place_all(row: Rect, wanted: &MarksWanted) -> MarkPlaces {
    let h = row.h.max(0.0);
    // Sizes at full scale, as shares of the row's height.
    let dot_r = 0.2 * h;
    let dot_step = 0.5 * h;
    let dots_w = 4.0 * dot_step + 2.0 * dot_r;
    let ring_r = 0.48 * h;
    let badge_r = if wanted.ring { 0.34 * h } else { 0.42 * h };
    let badge_w = 2.0 * if wanted.ring { ring_r } else { badge_r };
    let tick_w = 0.9 * h;
    let space = 0.3 * h;
    let words_size = 0.85 * h;

    let mut widths = Vec::new();
    if wanted.weight.is_some() {
        widths.push(dots_w);
    }
    if let Some(w) = wanted.words {
        widths.push(w);
    }
    if let Some(w) = wanted.tag {
        widths.push(w);
    }
    if wanted.badge || wanted.ring {
        widths.push(badge_w);
    }
    if wanted.addressed {
        widths.push(tick_w);
    }
    let needed = widths.iter().sum::<f32>() + space * widths.len().saturating_sub(1) as f32;
    // Too long for the row: the marks shrink first and the words keep their size (they are
    // what a reader reads), down to half size; past that everything shrinks alike.
    let words_w = wanted.words.unwrap_or(0.0) + wanted.tag.unwrap_or(0.0);
    let (scale, words_scale) = if needed <= row.w || needed <= 0.0 {
        (1.0, 1.0)
    } else {
        let marks = (row.w - words_w) / (needed - words_w).max(0.01);
        if marks >= 0.5 {
            (marks, 1.0)
        } else {
            let all = (row.w / needed).max(0.0);
            (all, all)
        }
    };
    let cy = row.y + h / 2.0;
    let mut places = MarkPlaces {
        scale,
        ..MarkPlaces::default()
    };
    let mut left = row.x;
    if wanted.weight.is_some() {
        let r = dot_r * scale;
        places.dot_radius = r;
        places.dots = (0..5)
            .map(|i| (left + r + i as f32 * dot_step * scale, cy))
            .collect();
        left += (dots_w + space) * scale;
    }
    if let Some(w) = wanted.words {
        let size = words_size * words_scale;
        places.words = Some((
            Rect::new(left, cy - size / 2.0, w * words_scale, size),
            size,
        ));
        left += (w + space) * words_scale;
    }
    if let Some(w) = wanted.tag {
        let size = words_size * words_scale;
        places.tag = Some((
            Rect::new(left, cy - size / 2.0, w * words_scale, size),
            size,
        ));
    }
    let mut right = row.right();
    if wanted.addressed {
        let w = tick_w * scale;
        places.addressed = Some(Rect::new(right - w, cy - w / 2.0, w, w));
        right -= (tick_w + space) * scale;
    }
    if wanted.badge || wanted.ring {
        let half = badge_w / 2.0 * scale;
        places.badge = Some(((right - half, cy), badge_r * scale));
        places.ring = wanted.ring.then_some(ring_r * scale);
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlap(a: &Rect, b: &Rect) -> bool {
        a.intersects(b)
    }

    #[test]
    fn marks_never_overlap_or_leave_the_row_at_any_size() {
        let every = [
            MarksWanted {
                weight: Some(3),
                badge: true,
                ring: true,
                addressed: true,
                words: None,
                tag: Some(22.0),
            },
            MarksWanted {
                weight: Some(5),
                badge: false,
                ring: true,
                addressed: true,
                words: None,
                tag: None,
            },
            MarksWanted {
                weight: None,
                badge: true,
                ring: true,
                addressed: false,
                words: Some(90.0),
                tag: None,
            },
            MarksWanted {
                weight: Some(2),
                badge: true,
                ring: false,
                addressed: true,
                words: Some(25.0),
                tag: Some(20.0),
            },
        ];
        for wanted in every {
            for w in (20..400).step_by(7) {
                for h in [8.0, 11.0, 13.2, 17.6, 26.4, 40.0] {
                    let row = Rect::new(10.0, 50.0, w as f32, h);
                    let places = place_marks(row, &wanted);
                    let boxes = places.boxes();
                    for (i, a) in boxes.iter().enumerate() {
                        assert!(row.contains_rect(a), "{a:?} outside {row:?} for {wanted:?}");
                        for b in &boxes[i + 1..] {
                            assert!(!overlap(a, b), "{a:?} and {b:?} in {row:?}");
                        }
                    }
                    assert_eq!(
                        places.dots.len(),
                        if wanted.weight.is_some() { 5 } else { 0 }
                    );
                    assert_eq!(places.addressed.is_some(), wanted.addressed);
                    if places.tag.is_none() {
                        // Left out only for want of room.
                        assert!(wanted.tag.is_none() || place_all(row, &wanted).scale < 1.0);
                    }
                    assert_eq!(places.words.is_some(), wanted.words.is_some());
                    assert_eq!(places.badge.is_some(), wanted.badge || wanted.ring);
                }
            }
        }
    }

    #[test]
    fn in_a_short_row_the_words_keep_their_size_while_the_marks_shrink() {
        let wanted = MarksWanted {
            weight: Some(3),
            badge: true,
            addressed: true,
            words: Some(20.0),
            ..MarksWanted::default()
        };
        let p = place_marks(Rect::new(0.0, 0.0, 80.0, 16.0), &wanted);
        assert!(p.scale < 1.0);
        let (_, size) = p.words.unwrap();
        assert!((size - 16.0 * 0.85).abs() < 1e-4);
    }

    #[test]
    fn a_row_with_room_keeps_full_size() {
        let row = Rect::new(0.0, 0.0, 200.0, 14.0);
        let p = place_marks(
            row,
            &MarksWanted {
                weight: Some(2),
                badge: true,
                ..MarksWanted::default()
            },
        );
        assert_eq!(p.scale, 1.0);
        assert!((p.dot_radius - 2.8).abs() < 1e-4);
    }
}
