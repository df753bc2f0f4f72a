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

/// A straight line drawn on the picture, from one point to another.
pub type Segment = ((f32, f32), (f32, f32));

/// Routes for many lines across one picture whose notes all stay put (an export): lines
/// drawn along the open space between the notes and areas, in straight runs with rounded
/// turns, never behind a note (where there is no way round, there is no route). [`route`] looks only at a few ways
/// round a note or two, which is enough beside the pointer in the window; a page shows every
/// link at once, from one side of the canvas to the other, so here the whole picture is a
/// grid searched for the cheapest way.
pub struct Router {
    bounds: Rect,
    cell: f32,
    cols: usize,
    rows: usize,
    obstacles: Vec<Rect>,
    /// Per cell: the obstacle it lies in, if any.
    inside: Vec<Option<usize>>,
    /// Per cell: an obstacle it lies close beside, if any.
    beside: Vec<Option<usize>>,
    /// Per cell outside every obstacle: which stretch of open space it belongs to (cells of one
    /// stretch are joined by steps through open cells), so a search that cannot succeed is
    /// not begun.
    region: Vec<u32>,
    /// Per cell: the lines routed so far through it.
    used: Vec<Use>,
    /// Per cell: whether it lies on a drawn line a link should cross but not run along.
    ruled: Vec<bool>,
    /// Per cell: the lines routed so far next to it.
    next_to_line: Vec<Use>,
    /// The search's working space, kept from one route to the next: per cell the cheapest cost
    /// found, the cell it came from and the way it stepped in, valid where `seen` holds this
    /// search's number.
    best: Vec<u32>,
    came: Vec<u32>,
    stepped: Vec<u8>,
    seen: Vec<u32>,
    search_number: u32,
}

/// The lines that pass through (or beside) a cell, as far as telling them apart goes: lines
/// from one note may run together until they part, and lines to one note may join before they
/// end, without a reader losing either; two lines that share neither end may not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    Free,
    /// The note all of them come from, and the one all go to, if they share one.
    Lines {
        from: Option<usize>,
        to: Option<usize>,
    },
}

impl Use {
    /// Whether a line from `from` to `to` here would be mistaken for another.
    fn confusing(self, from: usize, to: usize) -> bool {
        match self {
            Use::Free => false,
            Use::Lines { from: f, to: t } => f != Some(from) && t != Some(to),
        }
    }

    fn with(self, from: usize, to: usize) -> Use {
        match self {
            Use::Free => Use::Lines {
                from: Some(from),
                to: Some(to),
            },
            Use::Lines { from: f, to: t } => Use::Lines {
                from: f.filter(|&f| f == from),
                to: t.filter(|&t| t == to),
            },
        }
    }
}

/// Costs of a grid route, in cells of length. A turn costs ten cells, so lines run straight;
/// a cell close beside a note costs several, so lines keep to the middle of a gap rather than
/// hug a note's edge; and a cell a line that shares no end with this one already takes costs
/// more, so lines stay apart where there is room. Cells behind a note are never taken.
const TURN: u32 = 10;
const BESIDE: u32 = 6;
const SHARED: u32 = 8;
/// A cell beside such a line: lines a cell apart are hard to follow.
const NEXT_TO_LINE: u32 = 3;
/// A cell on a ruled line (an outline or divider of the board).
const RULED: u32 = 2;
/// How close counts as beside a note, in cells.
const BESIDE_CELLS: f32 = 1.5;
/// The radius of a rounded turn, in cells.
const TURN_RADIUS: f32 = 1.2;

/// How much more the distance still to go counts than the cost so far: above 1 the search
/// heads for the target instead of trying every way round (on a crowded canvas that is what
/// keeps it fast), at the price of a route a little dearer than the cheapest.
const GREED: u32 = 2;

/// The share of a note's edge, about its middle, where a line may meet it.
const MIDDLE: f32 = 0.4;

/// The four ways a grid route can step: right, left, down, up.
const STEPS: [(i32, i32); 4] = [(1, 0), (-1, 0), (0, 1), (0, -1)];

impl Router {
    /// A router over `bounds` in cells `cell` wide, round `obstacles` (the notes, and any text a
    /// line must not cross, such as labels).
    pub fn new(bounds: Rect, obstacles: Vec<Rect>, cell: f32) -> Router {
        let cell = cell.max(1.0);
        let cols = ((bounds.w / cell).ceil().max(1.0) as usize).min(4096);
        let rows = ((bounds.h / cell).ceil().max(1.0) as usize).min(4096);
        let mut inside = vec![None; cols * rows];
        let mut beside = vec![None; cols * rows];
        for (i, r) in obstacles.iter().enumerate() {
            let near = BESIDE_CELLS * cell;
            let reach = Rect::new(r.x - near, r.y - near, r.w + 2.0 * near, r.h + 2.0 * near);
            let (c0, r0) = cell_of(&bounds, cell, (reach.x, reach.y));
            let (c1, r1) = cell_of(&bounds, cell, (reach.right(), reach.bottom()));
            for row in r0..=r1.min(rows - 1) {
                for col in c0..=c1.min(cols - 1) {
                    let (x, y) = centre_of(&bounds, cell, col, row);
                    let k = row * cols + col;
                    if point_in(r, x, y) {
                        inside[k] = Some(i);
                    } else if point_in(&reach, x, y) && beside[k].is_none() {
                        beside[k] = Some(i);
                    }
                }
            }
        }
        let region = regions(&inside, cols, rows);
        Router {
            region,
            bounds,
            cell,
            cols,
            rows,
            obstacles,
            used: vec![Use::Free; cols * rows],
            ruled: vec![false; cols * rows],
            next_to_line: vec![Use::Free; cols * rows],
            best: vec![0; cols * rows],
            came: vec![0; cols * rows],
            stepped: vec![0; cols * rows],
            seen: vec![0; cols * rows],
            search_number: 0,
            inside,
            beside,
        }
    }

    /// Marks the lines already drawn on the picture (outlines, dividers) that a route may cross
    /// but should not run along, where it would seem to be part of them.
    pub fn rule(&mut self, segments: &[Segment]) {
        for &(p, q) in segments {
            let len = ((q.0 - p.0).powi(2) + (q.1 - p.1).powi(2)).sqrt();
            let steps = (len / (self.cell * 0.5)).ceil().max(1.0) as usize;
            for i in 0..=steps {
                let t = i as f32 / steps as f32;
                let (x, y) = (p.0 + (q.0 - p.0) * t, p.1 + (q.1 - p.1) * t);
                if !point_in(&self.bounds, x, y) {
                    continue;
                }
                let (c, r) = cell_of(&self.bounds, self.cell, (x, y));
                // The cells it runs through and two either side: a line kept that far off
                // reads as a line of its own.
                for dr in -2..=2 {
                    for dc in -2..=2 {
                        let (c, r) = (c as i64 + dc, r as i64 + dr);
                        if c >= 0 && r >= 0 && (c as usize) < self.cols && (r as usize) < self.rows
                        {
                            self.ruled[r as usize * self.cols + c as usize] = true;
                        }
                    }
                }
            }
        }
    }

    /// The line from obstacle `from` to obstacle `to` (indexes into the obstacles given to
    /// [`Router::new`]): from a point on `from`'s edge to one on `to`'s, round the others.
    /// `None` when either index is out of range, or no way through the open space joins the
    /// two (a crowded canvas with no gaps between its notes).
    pub fn route(&mut self, from: usize, to: usize) -> Option<Vec<(f32, f32)>> {
        let (a, b) = (*self.obstacles.get(from)?, *self.obstacles.get(to)?);
        if from == to {
            return None;
        }
        // Searching for a way that is not there would look at every open cell first.
        let (out_of_a, out_of_b) = (self.regions_beside(from, &a), self.regions_beside(to, &b));
        if !out_of_a.iter().any(|r| out_of_b.contains(r)) {
            return None;
        }
        let cells = self.search(from, to, &b)?;
        for &k in &cells {
            self.used[k] = self.used[k].with(from, to);
        }
        // Where it runs beside this line, the next line pays a little: lines keep apart.
        let beside: Vec<usize> = cells.iter().flat_map(|&k| self.neighbours(k)).collect();
        for n in beside {
            self.next_to_line[n] = self.next_to_line[n].with(from, to);
        }
        let mut points: Vec<(f32, f32)> = cells
            .iter()
            .map(|&k| centre_of(&self.bounds, self.cell, k % self.cols, k / self.cols))
            .collect();
        // Start and end on the notes' edges, square to them.
        let first = *points.first()?;
        let last = *points.last()?;
        points.insert(0, onto_edge(&a, first));
        points.push(onto_edge(&b, last));
        Some(rounded(&corners(&points), self.cell * TURN_RADIUS))
    }

    /// A cheap run of cells from just outside `from` to just outside `to`: A* over the cells,
    /// a turn charged against the way the cheapest route so far stepped into a cell (not
    /// always the cheapest in all, but a quarter of the work of searching cell and direction).
    fn search(&mut self, from: usize, to: usize, goal: &Rect) -> Option<Vec<usize>> {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        self.search_number = self.search_number.wrapping_add(1);
        if self.search_number == 0 {
            // Wrapped: no state may look seen by this search.
            self.seen.fill(0);
            self.search_number = 1;
        }
        let number = self.search_number;
        let mut heap = BinaryHeap::new();
        let (cols, cell, bounds) = (self.cols, self.cell, self.bounds);
        let h = |k: usize| -> u32 {
            let (x, y) = centre_of(&bounds, cell, k % cols, k / cols);
            let dx = (goal.x - x).max(x - goal.right()).max(0.0);
            let dy = (goal.y - y).max(y - goal.bottom()).max(0.0);
            GREED * ((dx + dy) / cell) as u32
        };
        // A route leaves and enters a note square to an edge, near its middle: the note's
        // own cells are open only in the bands across its middle.
        let (a, b) = (self.obstacles[from], self.obstacles[to]);
        let open = |router: &Router, k: usize| match router.inside[k] {
            Some(i) if i == from => router.on_cross(k, &a),
            Some(i) if i == to => router.on_cross(k, &b),
            _ => true,
        };
        let (c0, r0) = cell_of(&bounds, cell, (a.x, a.y));
        let (c1, r1) = cell_of(&bounds, cell, (a.right(), a.bottom()));
        for row in r0..=r1.min(self.rows - 1) {
            for col in c0..=c1.min(cols - 1) {
                let k = row * cols + col;
                if self.inside[k] == Some(from) && open(self, k) {
                    self.seen[k] = number;
                    self.best[k] = 0;
                    self.came[k] = u32::MAX;
                    // No way in yet: the first step is no turn.
                    self.stepped[k] = u8::MAX;
                    heap.push(Reverse((h(k), 0u32, k as u32)));
                }
            }
        }
        while let Some(Reverse((_, cost, k))) = heap.pop() {
            let k = k as usize;
            if cost > self.best[k] {
                continue;
            }
            let dir = self.stepped[k];
            if self.inside[k] == Some(to) {
                return Some(self.path(k, from, to));
            }
            let (col, row) = ((k % cols) as i32, (k / cols) as i32);
            for (d, (dx, dy)) in STEPS.iter().enumerate() {
                let (c, r) = (col + dx, row + dy);
                if c < 0 || r < 0 || c >= cols as i32 || r >= self.rows as i32 {
                    continue;
                }
                let next = r as usize * cols + c as usize;
                if !open(self, next) {
                    continue;
                }
                let turned = dir != u8::MAX && usize::from(dir) != d;
                let mut step = 1 + if turned { TURN } else { 0 };
                if matches!(self.inside[next], Some(i) if i != from && i != to) {
                    continue;
                }
                step += match self.beside[next] {
                    Some(i) if i != from && i != to => BESIDE,
                    _ => 0,
                };
                if self.used[next].confusing(from, to) {
                    step += SHARED;
                }
                if self.next_to_line[next].confusing(from, to) {
                    step += NEXT_TO_LINE;
                }
                step += if self.ruled[next] { RULED } else { 0 };
                let total = cost + step;
                if self.seen[next] != number || total < self.best[next] {
                    self.seen[next] = number;
                    self.best[next] = total;
                    self.came[next] = k as u32;
                    self.stepped[next] = d as u8;
                    heap.push(Reverse((total + h(next), total, next as u32)));
                }
            }
        }
        None
    }

    /// The stretches of open space a line can step into from `note`'s open cells.
    fn regions_beside(&self, note: usize, r: &Rect) -> Vec<u32> {
        let (c0, r0) = cell_of(&self.bounds, self.cell, (r.x, r.y));
        let (c1, r1) = cell_of(&self.bounds, self.cell, (r.right(), r.bottom()));
        let mut out = Vec::new();
        for row in r0..=r1.min(self.rows - 1) {
            for col in c0..=c1.min(self.cols - 1) {
                let k = row * self.cols + col;
                if self.inside[k] != Some(note) || !self.on_cross(k, r) {
                    continue;
                }
                for n in self.neighbours(k) {
                    let region = self.region[n];
                    if region != u32::MAX && !out.contains(&region) {
                        out.push(region);
                    }
                }
            }
        }
        out
    }

    /// Whether cell `k` lies in the band across the middle of `r`, either way: where a line may
    /// leave or enter it, square to an edge and away from its corners.
    fn on_cross(&self, k: usize, r: &Rect) -> bool {
        let (x, y) = centre_of(&self.bounds, self.cell, k % self.cols, k / self.cols);
        let (cx, cy) = r.center();
        let band = |len: f32| (len * MIDDLE / 2.0).max(self.cell / 2.0);
        (x - cx).abs() <= band(r.w) || (y - cy).abs() <= band(r.h)
    }

    /// The cells a step away from cell `k`.
    fn neighbours(&self, k: usize) -> impl Iterator<Item = usize> + '_ {
        let (col, row) = ((k % self.cols) as i32, (k / self.cols) as i32);
        STEPS.iter().filter_map(move |(dx, dy)| {
            let (c, r) = (col + dx, row + dy);
            let inside = c >= 0 && r >= 0 && c < self.cols as i32 && r < self.rows as i32;
            inside.then(|| r as usize * self.cols + c as usize)
        })
    }

    /// The cells of the route the search ending in cell `end` found, from the first outside
    /// `from` to the last outside `to`.
    fn path(&self, end: usize, from: usize, to: usize) -> Vec<usize> {
        let mut cells = Vec::new();
        let mut k = end;
        loop {
            if self.inside[k] == Some(from) {
                break;
            }
            if self.inside[k] != Some(to) {
                cells.push(k);
            }
            match self.came[k] {
                u32::MAX => break,
                prev => k = prev as usize,
            }
        }
        cells.reverse();
        cells
    }
}

/// For every cell in no obstacle, a number shared by the open cells it is joined to by steps
/// through open cells; `u32::MAX` for cells in an obstacle.
fn regions(inside: &[Option<usize>], cols: usize, rows: usize) -> Vec<u32> {
    let mut region = vec![u32::MAX; inside.len()];
    let mut next = 0;
    let mut stack = Vec::new();
    for start in 0..inside.len() {
        if inside[start].is_some() || region[start] != u32::MAX {
            continue;
        }
        region[start] = next;
        stack.push(start);
        while let Some(k) = stack.pop() {
            let (col, row) = (k % cols, k / cols);
            let steps = [
                (col + 1 < cols).then(|| k + 1),
                (col > 0).then(|| k - 1),
                (row + 1 < rows).then(|| k + cols),
                (row > 0).then(|| k - cols),
            ];
            for n in steps.into_iter().flatten() {
                if inside[n].is_none() && region[n] == u32::MAX {
                    region[n] = next;
                    stack.push(n);
                }
            }
        }
        next += 1;
    }
    region
}

fn cell_of(bounds: &Rect, cell: f32, (x, y): (f32, f32)) -> (usize, usize) {
    let c = ((x - bounds.x) / cell).floor().max(0.0) as usize;
    let r = ((y - bounds.y) / cell).floor().max(0.0) as usize;
    (c, r)
}

fn centre_of(bounds: &Rect, cell: f32, col: usize, row: usize) -> (f32, f32) {
    (
        bounds.x + (col as f32 + 0.5) * cell,
        bounds.y + (row as f32 + 0.5) * cell,
    )
}

fn point_in(r: &Rect, x: f32, y: f32) -> bool {
    x >= r.x && x <= r.right() && y >= r.y && y <= r.bottom()
}

/// The point of `r`'s edge nearest `p`, a point just outside it.
fn onto_edge(r: &Rect, (x, y): (f32, f32)) -> (f32, f32) {
    (x.clamp(r.x, r.right()), y.clamp(r.y, r.bottom()))
}

/// `points` with the points in the middle of straight runs dropped.
fn corners(points: &[(f32, f32)]) -> Vec<(f32, f32)> {
    let mut out: Vec<(f32, f32)> = Vec::with_capacity(points.len());
    for &p in points {
        if out.last() == Some(&p) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let cross = (b.0 - a.0) * (p.1 - b.1) - (b.1 - a.1) * (p.0 - b.0);
            if cross.abs() < 1e-3 {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// `points` with each turn rounded off by a curve of about `radius`.
fn rounded(points: &[(f32, f32)], radius: f32) -> Vec<(f32, f32)> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let toward = |from: (f32, f32), to: (f32, f32), by: f32| {
        let len = ((to.0 - from.0).powi(2) + (to.1 - from.1).powi(2)).sqrt();
        let t = if len > 0.0 { (by / len).min(0.5) } else { 0.0 };
        (from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t)
    };
    let mut out = vec![points[0]];
    for w in points.windows(3) {
        let (a, b, c) = (w[0], w[1], w[2]);
        let (p, q) = (toward(b, a, radius), toward(b, c, radius));
        for i in 0..=4 {
            let t = i as f32 / 4.0;
            let u = 1.0 - t;
            out.push((
                u * u * p.0 + 2.0 * u * t * b.0 + t * t * q.0,
                u * u * p.1 + 2.0 * u * t * b.1 + t * t * q.1,
            ));
        }
    }
    out.extend(points.last());
    out
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

    #[test]
    fn a_grid_route_goes_round_the_notes_between_and_meets_both_edges_at_their_middle() {
        let from = Rect::new(0.0, 100.0, 80.0, 40.0);
        let to = Rect::new(400.0, 100.0, 80.0, 40.0);
        // A wall of notes between them, with a gap in the middle to pass through.
        let wall = [
            Rect::new(200.0, 0.0, 60.0, 95.0),
            Rect::new(200.0, 145.0, 60.0, 200.0),
            Rect::new(200.0, 100.0, 60.0, 10.0),
        ];
        let obstacles = [&[from, to][..], &wall].concat();
        let mut router = Router::new(Rect::new(-20.0, -20.0, 520.0, 380.0), obstacles, 5.0);
        let path = router.route(0, 1).unwrap();
        assert_eq!(crossings(&path, &wall), 0, "{path:?}");
        let (first, last) = (path[0], path[path.len() - 1]);
        assert!(
            on_edge(&from, first) && on_edge(&to, last),
            "{first:?} {last:?}"
        );
        // Square to the edges, away from the corners.
        assert!((first.1 - 120.0).abs() <= 12.0 && (last.1 - 120.0).abs() <= 12.0);
        // A second line between the same notes may share the way: no cost to tell them apart.
        assert_eq!(router.route(0, 1), Some(path));
        assert_eq!(router.route(0, 9), None);
        assert_eq!(router.route(1, 1), None);
    }

    #[test]
    fn a_grid_route_never_passes_behind_a_note_and_gives_up_when_walled_in() {
        let from = Rect::new(100.0, 100.0, 40.0, 40.0);
        let to = Rect::new(400.0, 100.0, 40.0, 40.0);
        // A closed ring of notes round `from`.
        let ring = [
            Rect::new(80.0, 80.0, 80.0, 18.0),
            Rect::new(80.0, 142.0, 80.0, 18.0),
            Rect::new(80.0, 98.0, 18.0, 44.0),
            Rect::new(142.0, 98.0, 18.0, 44.0),
        ];
        let obstacles = [&[from, to][..], &ring].concat();
        let mut router = Router::new(Rect::new(0.0, 0.0, 500.0, 300.0), obstacles, 5.0);
        assert_eq!(router.route(0, 1), None);
    }

    #[test]
    fn lines_may_share_a_way_only_with_lines_from_or_to_the_same_note() {
        let one = Use::Free.with(0, 5);
        assert!(!Use::Free.confusing(1, 6));
        assert!(!one.confusing(0, 6), "from the same note: they part later");
        assert!(
            !one.confusing(1, 5),
            "to the same note: they joined earlier"
        );
        assert!(one.confusing(1, 6));
        // Once lines from one note to two go there, only another from that note may join.
        let fork = one.with(0, 6);
        assert!(!fork.confusing(0, 7));
        assert!(fork.confusing(2, 5));
    }

    fn on_edge(r: &Rect, (x, y): (f32, f32)) -> bool {
        let near = |a: f32, b: f32| (a - b).abs() < 0.01;
        (near(x, r.x) || near(x, r.right())) && y >= r.y && y <= r.bottom()
            || (near(y, r.y) || near(y, r.bottom())) && x >= r.x && x <= r.right()
    }
}
