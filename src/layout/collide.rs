//! Collision of systems' boxes. Each box goes into the grid cell of its centre (cells are as
//! large as the largest ordinary box, so overlapping boxes are at most one cell apart); the few
//! much larger boxes (long labels) are checked against everyone directly. The grid is a dense
//! rectangle of cells when that is small enough, else hashed, so sparse layouts cost nothing.
//! Each node computes its own push, so the result does not depend on the order in which nodes
//! are handled or on the number of threads.

use rayon::prelude::*;

use super::rng::{mix, pair_direction};

/// Handle nodes in parallel from this many on.
const PAR_MIN: usize = 2048;
const CHUNK: usize = 512;
/// A box is "large" beyond this many times the median half width (or height)...
const LARGE_FACTOR: f32 = 3.0;
/// ...as long as there are at most this many such boxes; otherwise all are ordinary.
const MAX_LARGE: usize = 32;

/// One box in the grid.
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    key: u64,
    x: f32,
    y: f32,
    hx: f32,
    hy: f32,
    node: u32,
}

/// How cells map to buckets: a dense rectangle of cells when the boxes' extent is small enough
/// (neighbouring cells are neighbours in memory), else a hash.
#[derive(Debug, Clone, Copy, Default)]
enum Buckets {
    #[default]
    Hashed,
    Dense {
        ix0: i32,
        iy0: i32,
        ix1: i32,
        iy1: i32,
        width: usize,
    },
}

/// Grid buffers, reused from tick to tick.
#[derive(Debug, Default)]
pub(crate) struct CollisionGrid {
    inv_cell: [f32; 2],
    /// Largest half extents of the ordinary boxes.
    reach: [f32; 2],
    buckets: Buckets,
    /// Ordinary boxes grouped by bucket, each bucket in node order.
    entries: Vec<Entry>,
    /// `entries[start[b]..start[b + 1]]` is bucket `b`.
    start: Vec<u32>,
    fill: Vec<u32>,
    mask: usize,
    /// Large boxes, in node order.
    large: Vec<Entry>,
    is_large: Vec<bool>,
    scratch: Vec<f32>,
}

/// What the collision pass reads.
pub(crate) struct Boxes<'a> {
    /// Predicted centres (position + velocity).
    pub centres: &'a [[f32; 2]],
    /// Half width and half height, padding included.
    pub half: &'a [[f32; 2]],
    /// Area, for sharing a push between two boxes.
    pub weight: &'a [f32],
    pub pinned: &'a [bool],
}

/// floor without a libm call; the cast saturates far off, which stays correct.
#[inline]
fn floor_i32(q: f32) -> i32 {
    let t = q as i32;
    if (t as f32) > q {
        t.saturating_sub(1)
    } else {
        t
    }
}

impl CollisionGrid {
    #[inline]
    fn cell(&self, x: f32, y: f32) -> (i32, i32) {
        (
            floor_i32(x * self.inv_cell[0]),
            floor_i32(y * self.inv_cell[1]),
        )
    }

    #[inline]
    fn key(ix: i32, iy: i32) -> u64 {
        (u64::from(ix as u32) << 32) | u64::from(iy as u32)
    }

    #[inline]
    fn bucket(&self, ix: i32, iy: i32) -> usize {
        match self.buckets {
            Buckets::Dense {
                ix0, iy0, width, ..
            } => {
                let (dx, dy) = (ix.wrapping_sub(ix0) as usize, iy.wrapping_sub(iy0) as usize);
                dx.wrapping_add(dy.wrapping_mul(width)) & self.mask
            }
            Buckets::Hashed => (mix(Self::key(ix, iy)) as usize) & self.mask,
        }
    }

    fn median(&mut self, values: impl Iterator<Item = f32>) -> f32 {
        self.scratch.clear();
        self.scratch.extend(values);
        let mid = self.scratch.len() / 2;
        if self.scratch.is_empty() {
            return 0.0;
        }
        *self.scratch.select_nth_unstable_by(mid, f32::total_cmp).1
    }

    fn build(&mut self, b: &Boxes<'_>) {
        let n = b.centres.len();
        // Box sizes never change during a simulation: sort them out once.
        if self.is_large.len() != n {
            let mx = self.median(b.half.iter().map(|h| h[0])) * LARGE_FACTOR;
            let my = self.median(b.half.iter().map(|h| h[1])) * LARGE_FACTOR;
            self.is_large.clear();
            self.is_large
                .extend(b.half.iter().map(|h| h[0] > mx || h[1] > my));
            if self.is_large.iter().filter(|&&l| l).count() > MAX_LARGE {
                self.is_large.fill(false);
            }
            let mut reach = [0.0f32; 2];
            for (h, &large) in b.half.iter().zip(&self.is_large) {
                if !large {
                    reach[0] = reach[0].max(h[0]);
                    reach[1] = reach[1].max(h[1]);
                }
            }
            self.reach = reach;
            self.inv_cell = [
                1.0 / (2.0 * reach[0]).max(1e-3),
                1.0 / (2.0 * reach[1]).max(1e-3),
            ];
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for (c, &large) in b.centres.iter().zip(&self.is_large) {
            if !large {
                x0 = x0.min(c[0]);
                y0 = y0.min(c[1]);
                x1 = x1.max(c[0]);
                y1 = y1.max(c[1]);
            }
        }
        let (ix0, iy0) = self.cell(x0, y0);
        let (ix1, iy1) = self.cell(x1, y1);
        let width = (i64::from(ix1) - i64::from(ix0) + 1).max(1);
        let height = (i64::from(iy1) - i64::from(iy0) + 1).max(1);
        let size = if width.saturating_mul(height) <= (16 * n).max(4096) as i64 {
            self.buckets = Buckets::Dense {
                ix0,
                iy0,
                ix1,
                iy1,
                width: width as usize,
            };
            ((width * height) as usize).next_power_of_two()
        } else {
            self.buckets = Buckets::Hashed;
            (2 * n).next_power_of_two().max(16)
        };
        self.mask = size - 1;

        // Counting sort into buckets: stable, so each bucket stays in node order.
        self.start.clear();
        self.start.resize(size + 1, 0);
        self.large.clear();
        for (i, (c, h)) in b.centres.iter().zip(b.half).enumerate() {
            let (ix, iy) = self.cell(c[0], c[1]);
            if self.is_large[i] {
                self.large.push(Entry {
                    key: Self::key(ix, iy),
                    x: c[0],
                    y: c[1],
                    hx: h[0],
                    hy: h[1],
                    node: i as u32,
                });
            } else {
                let bucket = self.bucket(ix, iy);
                self.start[bucket + 1] += 1;
            }
        }
        for i in 0..size {
            self.start[i + 1] += self.start[i];
        }
        self.entries.clear();
        self.entries.resize(n - self.large.len(), Entry::default());
        self.fill.clear();
        self.fill.extend_from_slice(&self.start[..size]);
        for (i, (c, h)) in b.centres.iter().zip(b.half).enumerate() {
            if self.is_large[i] {
                continue;
            }
            let (ix, iy) = self.cell(c[0], c[1]);
            let bucket = self.bucket(ix, iy);
            self.entries[self.fill[bucket] as usize] = Entry {
                key: Self::key(ix, iy),
                x: c[0],
                y: c[1],
                hx: h[0],
                hy: h[1],
                node: i as u32,
            };
            self.fill[bucket] += 1;
        }
    }

    /// The push on node `i` out of every box it overlaps, scaled by `strength`.
    fn push(&self, b: &Boxes<'_>, i: usize, strength: f32, seed: u64) -> [f32; 2] {
        if b.pinned[i] {
            return [0.0, 0.0];
        }
        let mut push = [0.0f32, 0.0f32];
        self.for_each_candidate(b, i, |e| self.respond(b, i, e, strength, seed, &mut push));
        push
    }

    /// Calls `f` with every box that may overlap node `i`'s: those in the cells its box (plus
    /// the largest ordinary box) reaches, and the large ones.
    #[inline]
    fn for_each_candidate(&self, b: &Boxes<'_>, i: usize, mut f: impl FnMut(&Entry)) {
        let [cx, cy] = b.centres[i];
        let [hx, hy] = b.half[i];
        let (mut ix0, mut iy0) = self.cell(cx - hx - self.reach[0], cy - hy - self.reach[1]);
        let (mut ix1, mut iy1) = self.cell(cx + hx + self.reach[0], cy + hy + self.reach[1]);
        let hashed = match self.buckets {
            Buckets::Dense {
                ix0: gx0,
                iy0: gy0,
                ix1: gx1,
                iy1: gy1,
                ..
            } => {
                // Only the cells that exist.
                (ix0, iy0, ix1, iy1) = (ix0.max(gx0), iy0.max(gy0), ix1.min(gx1), iy1.min(gy1));
                false
            }
            Buckets::Hashed => true,
        };
        for iy in iy0..=iy1 {
            for ix in ix0..=ix1 {
                let bucket = self.bucket(ix, iy);
                let key = Self::key(ix, iy);
                for e in &self.entries[self.start[bucket] as usize..self.start[bucket + 1] as usize]
                {
                    if hashed && e.key != key {
                        continue;
                    }
                    f(e);
                }
            }
        }
        for e in &self.large {
            f(e);
        }
    }

    /// Boxes compared by the last pass (over all nodes): the collision's work, for tests that
    /// check it does not depend on the shape of the map.
    #[cfg(test)]
    pub(crate) fn work(&self, b: &Boxes<'_>) -> usize {
        let mut count = 0;
        for i in 0..b.centres.len() {
            self.for_each_candidate(b, i, |_| count += 1);
        }
        count
    }

    /// Adds to `push` node `i`'s share of parting from box `e`, if they overlap.
    #[inline]
    #[allow(
        clippy::unused_self,
        reason = "a method of the grid, like the candidate walk that calls it"
    )]
    fn respond(
        &self,
        b: &Boxes<'_>,
        i: usize,
        e: &Entry,
        strength: f32,
        seed: u64,
        push: &mut [f32; 2],
    ) {
        let j = e.node as usize;
        if j == i {
            return;
        }
        let [cx, cy] = b.centres[i];
        let [hx, hy] = b.half[i];
        let (dx, dy) = (e.x - cx, e.y - cy);
        let ox = hx + e.hx - dx.abs();
        let oy = hy + e.hy - dy.abs();
        if ox <= 0.0 || oy <= 0.0 {
            return;
        }
        let share = if b.pinned[j] {
            1.0
        } else {
            let (wi, wj) = (b.weight[i], b.weight[j]);
            wj / (wi + wj).max(f32::MIN_POSITIVE)
        };
        if ox < oy {
            // Less overlap across x: part sideways.
            let s = if dx == 0.0 {
                pair_direction(seed, i as u32, j as u32)[0].signum()
            } else {
                dx.signum()
            };
            push[0] -= s * ox * strength * share;
        } else {
            let s = if dy == 0.0 {
                pair_direction(seed, i as u32, j as u32)[1].signum()
            } else {
                dy.signum()
            };
            push[1] -= s * oy * strength * share;
        }
    }
}

/// Adds each node's collision push to `out[k]` for the node `order[k]`.
pub(crate) fn collide(
    grid: &mut CollisionGrid,
    boxes: &Boxes<'_>,
    order: &[u32],
    strength: f32,
    seed: u64,
    out: &mut [[f32; 2]],
) {
    if boxes.centres.len() < 2 {
        return;
    }
    grid.build(boxes);
    let grid = &*grid;
    let work = |(chunk, slice): (usize, &mut [[f32; 2]])| {
        for (k, o) in slice.iter_mut().enumerate() {
            let i = order[chunk * CHUNK + k] as usize;
            let p = grid.push(boxes, i, strength, seed);
            o[0] += p[0];
            o[1] += p[1];
        }
    };
    if out.len() >= PAR_MIN {
        out.par_chunks_mut(CHUNK).enumerate().for_each(work);
    } else {
        out.chunks_mut(CHUNK).enumerate().for_each(work);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(centres: &[[f32; 2]], half: &[[f32; 2]], pinned: &[bool]) -> Vec<[f32; 2]> {
        let weight: Vec<f32> = half.iter().map(|h| h[0] * h[1]).collect();
        let boxes = Boxes {
            centres,
            half,
            weight: &weight,
            pinned,
        };
        let order: Vec<u32> = (0..centres.len() as u32).collect();
        let mut out = vec![[0.0; 2]; centres.len()];
        collide(
            &mut CollisionGrid::default(),
            &boxes,
            &order,
            1.0,
            1,
            &mut out,
        );
        out
    }

    #[test]
    fn overlapping_boxes_part_along_the_shallow_axis() {
        let out = run(
            &[[0.0, 0.0], [50.0, 5.0]],
            &[[30.0, 15.0], [30.0, 15.0]],
            &[false, false],
        );
        // Overlap 10 across x, 25 across y: part sideways, half each.
        assert_eq!(out[0], [-5.0, 0.0]);
        assert_eq!(out[1], [5.0, 0.0]);
    }

    #[test]
    fn apart_boxes_and_pinned_nodes_stay() {
        let out = run(
            &[[0.0, 0.0], [61.0, 0.0], [0.0, 20.0]],
            &[[30.0, 15.0], [30.0, 15.0], [30.0, 15.0]],
            &[true, false, false],
        );
        assert_eq!(out[0], [0.0, 0.0]);
        assert_eq!(out[1], [0.0, 0.0]);
        // Node 2 overlaps the pinned node 0 by 10 across y and takes the whole push.
        assert_eq!(out[2], [0.0, 10.0]);
    }

    #[test]
    fn large_boxes_count_once() {
        // A long box over many cells and a small one inside it.
        let out = run(
            &[[0.0, 0.0], [100.0, 0.0], [400.0, 400.0]],
            &[[180.0, 15.0], [10.0, 10.0], [10.0, 10.0]],
            &[false, false, false],
        );
        let w0 = 180.0 * 15.0;
        let w1 = 100.0;
        let share1 = w0 / (w0 + w1);
        assert!((out[1][1].abs() - 25.0 * share1).abs() < 1e-3, "{out:?}");
        assert_eq!(out[2], [0.0, 0.0]);
    }

    #[test]
    fn many_boxes_match_brute_force() {
        let mut seed = 5u64;
        let n = 3000;
        let mut centres = Vec::new();
        let mut half = Vec::new();
        for i in 0..n {
            let x = super::super::rng::next_f32(&mut seed) * 3000.0;
            let y = super::super::rng::next_f32(&mut seed) * 2000.0;
            centres.push([x, y]);
            // A few long labels among ordinary boxes.
            half.push(if i % 500 == 7 {
                [200.0, 15.0]
            } else {
                [30.0, 15.0]
            });
        }
        let pinned = vec![false; n];
        let got = run(&centres, &half, &pinned);
        let weight: Vec<f32> = half.iter().map(|h| h[0] * h[1]).collect();
        let boxes = Boxes {
            centres: &centres,
            half: &half,
            weight: &weight,
            pinned: &pinned,
        };
        let grid = CollisionGrid::default();
        for (i, got) in got.iter().enumerate() {
            let mut want = [0.0f32; 2];
            for (j, (c, h)) in centres.iter().zip(&half).enumerate() {
                let e = Entry {
                    key: 0,
                    x: c[0],
                    y: c[1],
                    hx: h[0],
                    hy: h[1],
                    node: j as u32,
                };
                grid.respond(&boxes, i, &e, 1.0, 1, &mut want);
            }
            assert!(
                (got[0] - want[0]).abs() < 1e-3 && (got[1] - want[1]).abs() < 1e-3,
                "node {i}: {got:?} vs {want:?}"
            );
        }
    }

    #[test]
    fn cells_far_out_saturate_instead_of_overflowing() {
        assert_eq!(floor_i32(-1.5), -2);
        assert_eq!(floor_i32(2.5), 2);
        assert_eq!(floor_i32(-3e9), i32::MIN);
        assert_eq!(floor_i32(3e9), i32::MAX);
        // Boxes beyond ±2·10⁹ cells: no overflow (a debug-build panic), and they still part.
        let out = run(
            &[[-3e11, 0.0], [-3e11, 0.0], [3e11, 0.0]],
            &[[30.0, 15.0]; 3],
            &[false; 3],
        );
        assert!(out[0][0].abs() + out[0][1].abs() > 0.0, "{out:?}");
        assert_eq!(out[2], [0.0, 0.0]);
    }

    #[test]
    fn coincident_boxes_get_opposite_pushes() {
        let out = run(
            &[[3.0, 3.0], [3.0, 3.0]],
            &[[30.0, 15.0], [30.0, 15.0]],
            &[false, false],
        );
        assert!(out[0][0].abs() + out[0][1].abs() > 0.0);
        assert_eq!(out[0], [-out[1][0], -out[1][1]]);
    }
}
