//! The path a link line takes from a value-map note to the customer note it addresses: a
//! smooth curve that leaves and enters the notes square to their edges and, of the ways it
//! could go, passes behind as few other notes as it can, so a line never seems to end in a
//! note it does not address. Plain geometry, for the window (and any drawing that shows lines).

use crate::layout::Rect;

/// How much longer a path may be to pass behind one note fewer, in pixels.
const DETOUR_PER_NOTE: f32 = 220.0;

/// Points along a curve, enough for it to look smooth at any canvas size.
const SAMPLES: usize = 24;

/// Where a line may leave or enter a note: the middle of an edge, and the way out of it.
fn anchors(r: &Rect) -> [((f32, f32), (f32, f32)); 4] {
    let (cx, cy) = r.center();
    [
        ((r.right(), cy), (1.0, 0.0)),
        ((r.x, cy), (-1.0, 0.0)),
        ((cx, r.y), (0.0, -1.0)),
        ((cx, r.bottom()), (0.0, 1.0)),
    ]
}

/// The curve from `a` leaving along `da` to `b` arriving against `db`, as points.
fn curve(a: (f32, f32), da: (f32, f32), b: (f32, f32), db: (f32, f32)) -> Vec<(f32, f32)> {
    let dist = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
    let reach = (dist * 0.4).max(8.0);
    let c1 = (a.0 + da.0 * reach, a.1 + da.1 * reach);
    let c2 = (b.0 + db.0 * reach, b.1 + db.1 * reach);
    (0..=SAMPLES)
        .map(|i| {
            let t = i as f32 / SAMPLES as f32;
            let u = 1.0 - t;
            let (w0, w1, w2, w3) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            (
                w0 * a.0 + w1 * c1.0 + w2 * c2.0 + w3 * b.0,
                w0 * a.1 + w1 * c1.1 + w2 * c2.1 + w3 * b.1,
            )
        })
        .collect()
}

/// Whether the segment `p`–`q` passes through `r` (its inside, not only its edge).
fn crosses(p: (f32, f32), q: (f32, f32), r: &Rect) -> bool {
    let r = r.shrink(1.0);
    if r.w <= 0.0 || r.h <= 0.0 {
        return false;
    }
    // Liang–Barsky clipping: the segment enters the rectangle when some part of it is inside.
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let mut t0: f32 = 0.0;
    let mut t1: f32 = 1.0;
    for (edge_p, edge_q) in [
        (-dx, p.0 - r.x),
        (dx, r.right() - p.0),
        (-dy, p.1 - r.y),
        (dy, r.bottom() - p.1),
    ] {
        if edge_p == 0.0 {
            if edge_q < 0.0 {
                return false;
            }
        } else {
            let t = edge_q / edge_p;
            if edge_p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// Paths along the free lanes round the target: out of `from`'s side facing it, across to
/// the lane just above or below `to` (or beside it), along the lane, and into `to` from there.
/// Notes stand in columns and rows, so the gaps between them are where a line can pass.
fn lanes(from: &Rect, to: &Rect, obstacles: &[Rect]) -> Vec<Vec<(f32, f32)>> {
    let gap = 4.0;
    let (fx, fy) = from.center();
    let (tx, ty) = to.center();
    let toward = if tx >= fx { 1.0 } else { -1.0 };
    let out_x = if toward > 0.0 { from.right() } else { from.x };
    let start = (out_x, fy);
    // The gaps beside the target's column: just outside it, and beside the notes next to it.
    let mut columns = vec![to.x - gap, to.right() + gap];
    for r in obstacles {
        let overlaps_rows = r.y < to.bottom() && to.y < r.bottom();
        if overlaps_rows {
            columns.push(r.x - gap);
            columns.push(r.right() + gap);
        }
    }
    // In order, whatever order the notes came in: ties between equal routes then always go
    // the same way, so the picture is the same from one run to the next.
    columns.sort_by(f32::total_cmp);
    columns.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    let rows = [to.y - gap, to.bottom() + gap];
    let mut out = Vec::new();
    for lane_y in rows {
        let end = (tx, if lane_y < ty { to.y } else { to.bottom() });
        for &x in &columns {
            // Across at the source's height, down a gap between columns, along the lane.
            out.push(vec![start, (x, fy), (x, lane_y), (tx, lane_y), end]);
        }
        out.push(vec![
            start,
            (out_x + toward * gap * 2.0, fy),
            (out_x + toward * gap * 2.0, lane_y),
            (tx, lane_y),
            end,
        ]);
    }
    // Into the side facing the source, along a gap above or below the target's row.
    let side_x = if toward > 0.0 { to.x } else { to.right() };
    for lane_y in rows {
        out.push(vec![
            start,
            (out_x + toward * gap * 2.0, fy),
            (out_x + toward * gap * 2.0, lane_y),
            (side_x - toward * gap, lane_y),
            (side_x - toward * gap, ty),
            (side_x, ty),
        ]);
    }
    out
}

/// How many of `obstacles` a path passes behind.
pub fn crossings(path: &[(f32, f32)], obstacles: &[Rect]) -> usize {
    obstacles
        .iter()
        .filter(|r| path.windows(2).any(|w| crosses(w[0], w[1], r)))
        .count()
}

fn length(path: &[(f32, f32)]) -> f32 {
    path.windows(2)
        .map(|w| ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt())
        .sum()
}

/// The path from `from` to `to` weighing its length against the notes of `obstacles` (the
/// other notes) it passes behind; it never runs through `from` or `to` themselves, and stays
/// inside `bounds` (the picture) where it can.
pub fn route(from: &Rect, to: &Rect, obstacles: &[Rect], bounds: &Rect) -> Vec<(f32, f32)> {
    let mut best: Option<(f32, Vec<(f32, f32)>)> = None;
    let curves = anchors(from).into_iter().flat_map(|(a, da)| {
        anchors(to)
            .into_iter()
            .map(move |(b, db)| curve(a, da, b, db))
    });
    for path in curves.chain(lanes(from, to, obstacles)) {
        {
            // Leaving through its own note, or arriving through the other, is no way to go.
            let inner = path.get(1..path.len() - 1).unwrap_or(&[]);
            let through_ends = crossings(inner, &[from.shrink(2.0), to.shrink(2.0)]);
            // Each note passed behind costs as much as a detour of a few note widths: a line
            // goes round a note in its way, not round the whole canvas.
            let behind = crossings(&path, obstacles) + 100 * through_ends;
            // A line that leaves the picture cannot be followed.
            let outside = path
                .iter()
                .any(|&(x, y)| !bounds.contains_rect(&Rect::new(x, y, 0.0, 0.0)));
            let behind = behind + if outside { 100 } else { 0 };
            let cost = length(&path) + DETOUR_PER_NOTE * behind as f32;
            if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                best = Some((cost, path));
            }
        }
    }
    best.map(|(_, p)| p).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_goes_round_a_note_in_its_way() {
        let from = Rect::new(0.0, 100.0, 80.0, 40.0);
        let to = Rect::new(400.0, 100.0, 80.0, 40.0);
        // Straight across lies a note between them.
        let between = Rect::new(200.0, 90.0, 80.0, 60.0);
        let straight = vec![(80.0, 120.0), (400.0, 120.0)];
        assert_eq!(crossings(&straight, &[between]), 1);
        let path = route(&from, &to, &[between], &everywhere());
        assert_eq!(crossings(&path, &[between]), 0);
        // It starts and ends on the two notes' edges.
        let (first, last) = (path[0], path[path.len() - 1]);
        assert!(
            on_edge(&from, first) && on_edge(&to, last),
            "{first:?} {last:?}"
        );
    }

    #[test]
    fn with_nothing_in_the_way_it_takes_the_short_way() {
        let from = Rect::new(0.0, 100.0, 80.0, 40.0);
        let to = Rect::new(400.0, 300.0, 80.0, 40.0);
        let path = route(&from, &to, &[], &everywhere());
        assert_eq!(path[0], (80.0, 120.0));
        assert_eq!(path[path.len() - 1], (400.0, 320.0));
    }

    #[test]
    fn the_route_does_not_depend_on_the_order_of_the_other_notes() {
        let from = Rect::new(0.0, 100.0, 80.0, 40.0);
        let to = Rect::new(400.0, 100.0, 80.0, 40.0);
        let mut others: Vec<Rect> = (0..6)
            .map(|i| Rect::new(150.0 + 60.0 * i as f32, 60.0 + 13.0 * i as f32, 50.0, 50.0))
            .collect();
        let first = route(&from, &to, &others, &everywhere());
        others.reverse();
        assert_eq!(route(&from, &to, &others, &everywhere()), first);
        others.swap(1, 4);
        assert_eq!(route(&from, &to, &others, &everywhere()), first);
    }

    #[test]
    fn crossing_is_inside_not_touching() {
        let r = Rect::new(10.0, 10.0, 20.0, 20.0);
        assert!(crosses((0.0, 20.0), (40.0, 20.0), &r));
        assert!(!crosses((0.0, 5.0), (40.0, 5.0), &r));
        assert!(!crosses((0.0, 10.0), (40.0, 10.0), &r), "along an edge");
        assert!(crosses((15.0, 15.0), (16.0, 16.0), &r), "wholly inside");
    }

    fn everywhere() -> Rect {
        Rect::new(-1e4, -1e4, 2e4, 2e4)
    }

    #[test]
    fn a_line_keeps_inside_the_picture() {
        let from = Rect::new(0.0, 100.0, 80.0, 40.0);
        let to = Rect::new(400.0, 100.0, 80.0, 40.0);
        let between = Rect::new(200.0, 90.0, 80.0, 60.0);
        // Round the top would be shortest, but the picture ends just above the notes.
        let bounds = Rect::new(-10.0, 85.0, 500.0, 400.0);
        let path = route(&from, &to, &[between], &bounds);
        assert!(
            path.iter()
                .all(|&(x, y)| bounds.contains_rect(&Rect::new(x, y, 0.0, 0.0)))
        );
    }

    fn on_edge(r: &Rect, (x, y): (f32, f32)) -> bool {
        let near = |a: f32, b: f32| (a - b).abs() < 0.01;
        (near(x, r.x) || near(x, r.right())) && y >= r.y && y <= r.bottom()
            || (near(y, r.y) || near(y, r.bottom())) && x >= r.x && x <= r.right()
    }
}
