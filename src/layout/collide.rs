//! Collision of systems' boxes: a uniform grid (hashed, so sparse layouts cost nothing) finds
//! overlapping rectangles; each node computes its own push, so the result does not depend on the
//! order in which nodes are handled or on the number of threads.

use rayon::prelude::*;

use super::rng::{mix, pair_direction};

/// Handle nodes in parallel from this many on.
const PAR_MIN: usize = 2048;
const CHUNK: usize = 512;
/// A node covers at most this many grid cells along one axis (bounds the cost of long labels).
const MAX_CELLS_PER_AXIS: f32 = 8.0;

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u64,
    start: u32,
    len: u32,
}

/// Grid buffers, reused from tick to tick.
#[derive(Debug, Default)]
pub(crate) struct CollisionGrid {
    cell: f32,
    /// (cell key, node), sorted.
    entries: Vec<(u64, u32)>,
    /// Open-addressing table: cell key → run of `entries`.
    table: Vec<Slot>,
    mask: usize,
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

impl CollisionGrid {
    fn cell_of(&self, v: f32) -> i32 {
        // Saturating cast: far-off positions share the outermost cells, which stays correct.
        (v / self.cell).floor() as i32
    }

    fn key(ix: i32, iy: i32) -> u64 {
        (u64::from(ix as u32) << 32) | u64::from(iy as u32)
    }

    fn span(&self, c: f32, h: f32) -> (i32, i32) {
        (self.cell_of(c - h), self.cell_of(c + h))
    }

    fn lookup(&self, key: u64) -> Option<(usize, usize)> {
        if self.table.is_empty() {
            return None;
        }
        let mut i = (mix(key) as usize) & self.mask;
        loop {
            let s = self.table[i];
            if s.len == 0 {
                return None;
            }
            if s.key == key {
                return Some((s.start as usize, s.len as usize));
            }
            i = (i + 1) & self.mask;
        }
    }

    fn build(&mut self, b: &Boxes<'_>) {
        let n = b.centres.len();
        let (mut sum, mut largest) = (0.0f32, 0.0f32);
        for h in b.half {
            sum += h[0] + h[1];
            largest = largest.max(h[0]).max(h[1]);
        }
        // Grid cells about one box across.
        self.cell = (sum / n.max(1) as f32)
            .max(2.0 * largest / MAX_CELLS_PER_AXIS)
            .max(1e-3);
        self.entries.clear();
        for (i, (c, h)) in b.centres.iter().zip(b.half).enumerate() {
            let (x0, x1) = self.span(c[0], h[0]);
            let (y0, y1) = self.span(c[1], h[1]);
            for ix in x0..=x1 {
                for iy in y0..=y1 {
                    self.entries.push((Self::key(ix, iy), i as u32));
                }
            }
        }
        if self.entries.len() >= PAR_MIN {
            self.entries.par_sort_unstable();
        } else {
            self.entries.sort_unstable();
        }
        let cells = self.entries.chunk_by(|a, b| a.0 == b.0).count();
        let size = (cells * 2).next_power_of_two().max(16);
        self.table.clear();
        self.table.resize(size, Slot::default());
        self.mask = size - 1;
        let mut start = 0usize;
        for run in self.entries.chunk_by(|a, b| a.0 == b.0) {
            let key = run[0].0;
            let mut i = (mix(key) as usize) & self.mask;
            while self.table[i].len != 0 {
                i = (i + 1) & self.mask;
            }
            self.table[i] = Slot {
                key,
                start: start as u32,
                len: run.len() as u32,
            };
            start += run.len();
        }
    }

    /// The push on node `i` out of every box it overlaps, scaled by `strength`.
    fn push(&self, b: &Boxes<'_>, i: usize, strength: f32, seed: u64) -> [f32; 2] {
        if b.pinned[i] {
            return [0.0, 0.0];
        }
        let [cx, cy] = b.centres[i];
        let [hx, hy] = b.half[i];
        let (x0, x1) = self.span(cx, hx);
        let (y0, y1) = self.span(cy, hy);
        let (left, top) = (cx - hx, cy - hy);
        let (mut px, mut py) = (0.0f32, 0.0f32);
        for ix in x0..=x1 {
            for iy in y0..=y1 {
                let Some((start, len)) = self.lookup(Self::key(ix, iy)) else {
                    continue;
                };
                for &(_, j) in &self.entries[start..start + len] {
                    let j = j as usize;
                    if j == i {
                        continue;
                    }
                    let [qx, qy] = b.centres[j];
                    let [jx, jy] = b.half[j];
                    let (dx, dy) = (qx - cx, qy - cy);
                    let ox = hx + jx - dx.abs();
                    let oy = hy + jy - dy.abs();
                    if ox <= 0.0 || oy <= 0.0 {
                        continue;
                    }
                    // Count each pair once: in the cell of the overlap's top-left corner.
                    let corner_x = self.cell_of(left.max(qx - jx));
                    let corner_y = self.cell_of(top.max(qy - jy));
                    if corner_x != ix || corner_y != iy {
                        continue;
                    }
                    let share = if b.pinned[j] {
                        1.0
                    } else {
                        let (wi, wj) = (b.weight[i], b.weight[j]);
                        wj / (wi + wj).max(f32::MIN_POSITIVE)
                    };
                    let d = pair_direction(seed, i as u32, j as u32);
                    if ox < oy {
                        // Less overlap across x: part sideways.
                        let s = if dx == 0.0 {
                            d[0].signum()
                        } else {
                            dx.signum()
                        };
                        px -= s * ox * strength * share;
                    } else {
                        let s = if dy == 0.0 {
                            d[1].signum()
                        } else {
                            dy.signum()
                        };
                        py -= s * oy * strength * share;
                    }
                }
            }
        }
        [px, py]
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
    fn each_pair_counts_once_even_over_many_cells() {
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
