//! Lines routed around boxes with bends, for the lines a bow cannot clear (a dense map, a box
//! between two others in a row): a shortest path on a grid of free cells around the boxes,
//! pulled taut into a few straight runs.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::super::geometry::{P, Rect, len, sub};
use super::Grid;

/// Grid cells at most, whatever the map's size: the cells grow instead.
const MAX_CELLS: usize = 250_000;
/// A cell is this share of the median box height.
const CELL_SHARE: f32 = 0.34;
/// Extra cost of a cell next to a box, so lines run down the middle of a gap.
const NEAR_COST: f32 = 0.6;
/// Extra cost of a cell outside the boxes' bounds, so a line between two boxes of the map's edge
/// runs inside the map rather than round it (which would grow the picture).
const OUTSIDE_COST: f32 = 1.5;
/// Cells a map's searches may expand in all, so a crowded map costs bounded time.
const MAX_EXPANDED: usize = 4_000_000;

const FREE: u32 = u32::MAX;
const MANY: u32 = u32::MAX - 1;

/// Which box covers each cell of a grid over the map.
pub struct Maze {
    /// The boxes' bounds.
    bounds: Rect,
    origin: P,
    cell: f32,
    w: usize,
    h: usize,
    /// The box covering the cell (with room kept around it), [`FREE`] or [`MANY`].
    owner: Vec<u32>,
    /// A cell next to a covered one.
    near: Vec<bool>,
    /// Search state, reused: the generation that last touched a cell, its cost and parent.
    seen: Vec<u32>,
    cost: Vec<f32>,
    parent: Vec<u32>,
    generation: u32,
    expanded: usize,
}

#[derive(PartialEq)]
struct Open {
    f: f32,
    cell: u32,
}

impl Eq for Open {}

impl Ord for Open {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .f
            .total_cmp(&self.f)
            .then_with(|| other.cell.cmp(&self.cell))
    }
}

impl PartialOrd for Open {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Maze {
    /// A grid over `rects`, each kept `room` clear. `None` for an empty or unbounded map.
    pub fn new(rects: &[Rect], room: f32) -> Option<Maze> {
        let mut heights: Vec<f32> = rects
            .iter()
            .map(Rect::height)
            .filter(|h| h.is_finite() && *h > 0.0)
            .collect();
        heights.sort_by(f32::total_cmp);
        let median = *heights.get(heights.len() / 2)?;
        let mut bounds = *rects.first()?;
        for r in rects {
            bounds = bounds.union(r);
        }
        if !(bounds.width().is_finite() && bounds.height().is_finite()) {
            return None;
        }
        let mut cell = (median * CELL_SHARE).max(1.0);
        let pad = median * 2.0 + room;
        let area = (bounds.width() + 2.0 * pad) * (bounds.height() + 2.0 * pad);
        if area / (cell * cell) > MAX_CELLS as f32 {
            cell = (area / MAX_CELLS as f32).sqrt() * 1.01;
        }
        let origin = [bounds.min[0] - pad, bounds.min[1] - pad];
        let w = ((bounds.width() + 2.0 * pad) / cell).ceil() as usize + 1;
        let h = ((bounds.height() + 2.0 * pad) / cell).ceil() as usize + 1;
        if w.checked_mul(h)? > MAX_CELLS * 2 {
            return None;
        }
        let mut maze = Maze {
            bounds,
            origin,
            cell,
            w,
            h,
            owner: vec![FREE; w * h],
            near: vec![false; w * h],
            seen: vec![0; w * h],
            cost: vec![0.0; w * h],
            parent: vec![0; w * h],
            generation: 0,
            expanded: 0,
        };
        // A cell is covered when its centre is within `room` of the box: a gap between two
        // boxes wider than twice the room stays open, however narrow (the search takes a
        // diagonal step only past two open cells, so it cannot clip a box's corner).
        for (k, r) in rects.iter().enumerate() {
            let r = r.expand(room);
            let (x0, y0) = maze.cell_of(r.min);
            let (x1, y1) = maze.cell_of(r.max);
            for y in y0..=y1 {
                for x in x0..=x1 {
                    let c = maze.center(x, y);
                    if c[0] < r.min[0] || c[0] > r.max[0] || c[1] < r.min[1] || c[1] > r.max[1] {
                        continue;
                    }
                    let i = y * w + x;
                    maze.owner[i] = if maze.owner[i] == FREE {
                        k as u32
                    } else {
                        MANY
                    };
                }
            }
        }
        for y in 0..h {
            for x in 0..w {
                if maze.owner[y * w + x] != FREE {
                    continue;
                }
                maze.near[y * w + x] =
                    neighbours(w, h, x, y).any(|(nx, ny, _)| maze.owner[ny * w + nx] != FREE);
            }
        }
        Some(maze)
    }

    fn cell_of(&self, p: P) -> (usize, usize) {
        let k = |v: f32, o: f32, n: usize| {
            (((v - o) / self.cell).floor().max(0.0) as usize).min(n.saturating_sub(1))
        };
        (
            k(p[0], self.origin[0], self.w),
            k(p[1], self.origin[1], self.h),
        )
    }

    fn center(&self, x: usize, y: usize) -> P {
        [
            self.origin[0] + (x as f32 + 0.5) * self.cell,
            self.origin[1] + (y as f32 + 0.5) * self.cell,
        ]
    }
}

/// The cells next to cell (`x`, `y`) of a `w` × `h` grid, with the length of the step there.
fn neighbours(w: usize, h: usize, x: usize, y: usize) -> impl Iterator<Item = (usize, usize, f32)> {
    const STEPS: [(i32, i32, f32); 8] = [
        (1, 0, 1.0),
        (-1, 0, 1.0),
        (0, 1, 1.0),
        (0, -1, 1.0),
        (1, 1, std::f32::consts::SQRT_2),
        (1, -1, std::f32::consts::SQRT_2),
        (-1, 1, std::f32::consts::SQRT_2),
        (-1, -1, std::f32::consts::SQRT_2),
    ];
    STEPS.iter().filter_map(move |&(dx, dy, c)| {
        let nx = x.checked_add_signed(dx as isize)?;
        let ny = y.checked_add_signed(dy as isize)?;
        (nx < w && ny < h).then_some((nx, ny, c))
    })
}

impl Maze {
    /// Whether the search for a line between boxes `ends` may pass through cell `i`.
    fn open(&self, i: usize, ends: [usize; 2]) -> bool {
        let o = self.owner[i];
        o == FREE || ends.iter().any(|&e| e as u32 == o)
    }

    /// The cheapest chain of cells from the centre of box `ends[0]` (at `a`) to that of
    /// `ends[1]` (at `b`), as cell centres with `a` and `b` at the ends; `None` when there is
    /// none or the map's search budget is spent.
    pub fn search(&mut self, a: P, b: P, ends: [usize; 2]) -> Option<Vec<P>> {
        if self.expanded >= MAX_EXPANDED {
            return None;
        }
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.seen.fill(0);
            self.generation = 1;
        }
        let generation = self.generation;
        let (sx, sy) = self.cell_of(a);
        let (gx, gy) = self.cell_of(b);
        let start = sy * self.w + sx;
        let goal = gy * self.w + gx;
        let guess = |x: usize, y: usize| {
            let (dx, dy) = (x.abs_diff(gx) as f32, y.abs_diff(gy) as f32);
            dx.max(dy) + (std::f32::consts::SQRT_2 - 1.0) * dx.min(dy)
        };
        let mut heap = BinaryHeap::new();
        self.seen[start] = generation;
        self.cost[start] = 0.0;
        self.parent[start] = start as u32;
        heap.push(Open {
            f: guess(sx, sy),
            cell: start as u32,
        });
        while let Some(Open { f, cell }) = heap.pop() {
            let i = cell as usize;
            let (x, y) = (i % self.w, i / self.w);
            if f - guess(x, y) > self.cost[i] + 1e-3 {
                continue; // a stale entry
            }
            if i == goal {
                return Some(self.chain(goal, start, a, b));
            }
            self.expanded += 1;
            if self.expanded >= MAX_EXPANDED {
                return None;
            }
            let here = self.cost[i];
            for (nx, ny, step) in neighbours(self.w, self.h, x, y) {
                let j = ny * self.w + nx;
                if j != goal && !self.open(j, ends) {
                    continue;
                }
                let diagonal = nx != x && ny != y;
                if diagonal
                    && !(self.open(y * self.w + nx, ends) && self.open(ny * self.w + x, ends))
                {
                    continue;
                }
                let out = self.center(nx, ny);
                let outside = out[0] < self.bounds.min[0]
                    || out[0] > self.bounds.max[0]
                    || out[1] < self.bounds.min[1]
                    || out[1] > self.bounds.max[1];
                let c = here
                    + step
                    + if self.near[j] { NEAR_COST } else { 0.0 }
                    + if outside { OUTSIDE_COST * step } else { 0.0 };
                if self.seen[j] != generation || c < self.cost[j] {
                    self.seen[j] = generation;
                    self.cost[j] = c;
                    self.parent[j] = i as u32;
                    heap.push(Open {
                        f: c + guess(nx, ny),
                        cell: j as u32,
                    });
                }
            }
        }
        None
    }

    /// The cells from `start` to `goal` as points, `a` and `b` in place of the end cells, and
    /// only the cells where the chain turns in between.
    fn chain(&self, goal: usize, start: usize, a: P, b: P) -> Vec<P> {
        let mut cells = vec![goal];
        let mut i = goal;
        while i != start {
            i = self.parent[i] as usize;
            cells.push(i);
        }
        cells.reverse();
        let mut pts = vec![a];
        for k in 1..cells.len().saturating_sub(1) {
            let step = |p: usize, q: usize| {
                (
                    (q % self.w) as i64 - (p % self.w) as i64,
                    (q / self.w) as i64 - (p / self.w) as i64,
                )
            };
            if step(cells[k - 1], cells[k]) != step(cells[k], cells[k + 1]) {
                pts.push(self.center(cells[k] % self.w, cells[k] / self.w));
            }
        }
        pts.push(b);
        pts
    }
}

/// `pts` (a chain from one end's centre to the other's) pulled taut: from each kept point, on
/// to the farthest point that a straight run reaches without passing through a box of `clear`
/// other than `ends`. The bends only (the ends left out).
pub fn pull(pts: &[P], clear: &Grid<'_>, ends: [usize; 2]) -> Vec<P> {
    let mut seen = Vec::new();
    let mut bends = Vec::new();
    let mut i = 0;
    while i + 1 < pts.len() {
        let mut j = pts.len() - 1;
        while j > i + 1 && clear.segment_hits(pts[i], pts[j], ends, &mut seen) > 0 {
            j -= 1;
        }
        if j + 1 < pts.len() {
            bends.push(pts[j]);
        }
        i = j;
    }
    // Drop bends where the line goes on nearly straight.
    let mut out: Vec<P> = Vec::with_capacity(bends.len());
    for (k, &p) in bends.iter().enumerate() {
        let prev = out.last().copied().unwrap_or(pts[0]);
        let next = bends.get(k + 1).copied().unwrap_or(pts[pts.len() - 1]);
        let (din, dout) = (sub(p, prev), sub(next, p));
        let (lin, lout) = (len(din), len(dout));
        if lin < 1e-3
            || lout < 1e-3
            || (din[0] * dout[1] - din[1] * dout[0]).abs() < 0.01 * lin * lout
        {
            continue;
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line between two boxes on the map's top edge, with a box between them, runs below that
    /// box (inside the map) even where passing above it would be a little shorter: a route round
    /// the map's edge grows the picture, and on a slide packed in rows that made the map too
    /// large for one slide.
    #[test]
    fn a_line_along_the_maps_edge_runs_inside_it() {
        let rects = [
            Rect::from_center_size([0.0, 0.0], [80.0, 30.0]),
            Rect::from_center_size([200.0, 10.0], [120.0, 40.0]),
            Rect::from_center_size([400.0, 0.0], [80.0, 30.0]),
            Rect::from_center_size([200.0, 200.0], [80.0, 30.0]),
        ];
        let mut maze = Maze::new(&rects, 6.0).expect("a maze");
        let chain = maze
            .search(rects[0].center(), rects[2].center(), [0, 2])
            .expect("a route");
        let top = rects.iter().map(|r| r.min[1]).fold(f32::INFINITY, f32::min);
        assert!(chain.iter().all(|p| p[1] >= top), "{chain:?}");
    }

    /// Issue 16: a line from above a full row of boxes to below it passes through a gap in the
    /// row, as narrow as a packed slide leaves (24 px between boxes 32 px high), rather than
    /// round the row's end: a layered map of 57 systems drew 139 of its 350 lines more than
    /// twice as long as the way between their ends, most of them round the whole map.
    #[test]
    fn a_line_passes_through_a_narrow_gap_in_a_row_rather_than_round_it() {
        let row = |y: f32| {
            (0..12).map(move |i| Rect::from_center_size([i as f32 * 124.0, y], [100.0, 32.0]))
        };
        let mut rects: Vec<Rect> = row(0.0).chain(row(80.0)).collect();
        let (a, b) = (rects.len(), rects.len() + 1);
        rects.push(Rect::from_center_size([5.5 * 124.0, -90.0], [100.0, 32.0]));
        rects.push(Rect::from_center_size([5.5 * 124.0, 170.0], [100.0, 32.0]));
        let mut maze = Maze::new(&rects, 6.0).expect("a maze");
        let chain = maze
            .search(rects[a].center(), rects[b].center(), [a, b])
            .expect("a route");
        let run: f32 = chain.windows(2).map(|w| len(sub(w[1], w[0]))).sum();
        let straight = len(sub(rects[b].center(), rects[a].center()));
        assert!(run < straight * 1.5, "{run} against {straight}: {chain:?}");
    }
}
