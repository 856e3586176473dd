//! A flat Barnes–Hut quadtree for the many-body (repulsion) force.
//!
//! Points are sorted by their Morton (Z-order) code, so every cell of the tree covers a contiguous
//! run of the sorted points. Cells are stored in one `Vec` in depth-first pre-order: a cell's first
//! child follows it, and `skip` is the index just past its subtree, so a traversal needs neither
//! recursion nor a stack. Cells with a single non-empty child are collapsed into that child.

use rayon::prelude::*;

use super::rng::pair_direction;

/// At most this many points share a leaf (more only when they have the same Morton code).
const LEAF_SIZE: usize = 4;
/// Sort in parallel from this many points on.
const PAR_SORT_MIN: usize = 4096;
/// Bits per axis of the Morton code.
const BITS: u32 = 16;

#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    /// Centre of mass.
    x: f32,
    y: f32,
    /// Number of points below.
    mass: f32,
    /// (cell width / θ)²: the cell is far enough to be taken as one mass beyond this squared
    /// distance.
    open2: f32,
    /// Index of the cell after this subtree.
    skip: u32,
    /// First point (in sorted order) of a leaf.
    first: u32,
    /// Number of points of a leaf; 0 for an inner cell.
    len: u32,
}

/// The tree over one set of positions; rebuilt each tick into the same buffers.
#[derive(Debug, Default)]
pub(crate) struct QuadTree {
    cells: Vec<Cell>,
    keys: Vec<u64>,
    codes: Vec<u32>,
    /// Sorted position → node index.
    order: Vec<u32>,
    /// Positions in sorted order.
    points: Vec<[f32; 2]>,
    /// Masses in sorted order.
    masses: Vec<f32>,
}

impl QuadTree {
    /// Rebuilds the tree over `positions` (all finite) with masses `mass` (positive; one per
    /// position) and opening angle `theta`.
    pub(crate) fn build(&mut self, positions: &[[f32; 2]], mass: &[f32], theta: f32) {
        self.cells.clear();
        self.keys.clear();
        self.codes.clear();
        self.order.clear();
        self.points.clear();
        self.masses.clear();
        if positions.is_empty() {
            return;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for p in positions {
            x0 = x0.min(p[0]);
            y0 = y0.min(p[1]);
            x1 = x1.max(p[0]);
            y1 = y1.max(p[1]);
        }
        // A square a little larger than the bounding box, so no code overflows.
        let side = ((x1 - x0).max(y1 - y0) * 1.0001).max(1e-3);
        let scale = ((1u32 << BITS) - 1) as f32 / side;
        let max_q = ((1u32 << BITS) - 1) as f32;
        self.keys.extend(positions.iter().enumerate().map(|(i, p)| {
            let qx = ((p[0] - x0) * scale).clamp(0.0, max_q) as u32;
            let qy = ((p[1] - y0) * scale).clamp(0.0, max_q) as u32;
            (u64::from(spread(qx) | (spread(qy) << 1)) << 32) | i as u64
        }));
        if self.keys.len() >= PAR_SORT_MIN {
            self.keys.par_sort_unstable();
        } else {
            self.keys.sort_unstable();
        }
        for &k in &self.keys {
            let i = (k & 0xffff_ffff) as u32;
            self.codes.push((k >> 32) as u32);
            self.order.push(i);
            self.points.push(positions[i as usize]);
            self.masses
                .push(mass.get(i as usize).copied().unwrap_or(1.0));
        }
        let inv_theta2 = 1.0 / (theta * theta).max(1e-6);
        let n = self.points.len();
        self.build_cell(0, n, 2 * BITS, [x0, y0], side, inv_theta2);
    }

    /// Appends the cell over sorted points `lo..hi` (sharing their codes above `shift`), whose
    /// square has corner `corner` and width `side`; returns its mass and weighted position.
    fn build_cell(
        &mut self,
        mut lo: usize,
        mut hi: usize,
        mut shift: u32,
        mut corner: [f32; 2],
        mut side: f32,
        inv_theta2: f32,
    ) -> (f32, f32, f32) {
        // Descend through cells with a single non-empty child.
        let mut ranges = [(0usize, 0usize); 4];
        let mut nonempty;
        loop {
            if hi - lo <= LEAF_SIZE || shift == 0 {
                return self.push_leaf(lo, hi, side, inv_theta2);
            }
            shift -= 2;
            nonempty = 0;
            let mut start = lo;
            for (q, range) in ranges.iter_mut().enumerate() {
                let end = start
                    + self.codes[start..hi].partition_point(|&c| ((c >> shift) & 3) as usize <= q);
                *range = (start, end);
                if end > start {
                    nonempty += 1;
                }
                start = end;
            }
            if nonempty > 1 {
                break;
            }
            if let Some((q, &(a, b))) = ranges.iter().enumerate().find(|(_, r)| r.1 > r.0) {
                side *= 0.5;
                corner = child_corner(corner, side, q);
                lo = a;
                hi = b;
            }
        }
        let me = self.cells.len();
        self.cells.push(Cell::default());
        let child_side = side * 0.5;
        let (mut mass, mut sx, mut sy) = (0.0f32, 0.0f32, 0.0f32);
        for (q, &(a, b)) in ranges.iter().enumerate() {
            if b > a {
                let (m, cx, cy) = self.build_cell(
                    a,
                    b,
                    shift,
                    child_corner(corner, child_side, q),
                    child_side,
                    inv_theta2,
                );
                mass += m;
                sx += cx * m;
                sy += cy * m;
            }
        }
        let skip = self.cells.len() as u32;
        let (x, y) = (sx / mass, sy / mass);
        self.cells[me] = Cell {
            x,
            y,
            mass,
            open2: side * side * inv_theta2,
            skip,
            first: 0,
            len: 0,
        };
        (mass, x, y)
    }

    fn push_leaf(&mut self, lo: usize, hi: usize, side: f32, inv_theta2: f32) -> (f32, f32, f32) {
        let (mut sx, mut sy, mut mass) = (0.0f32, 0.0f32, 0.0f32);
        for (p, m) in self.points[lo..hi].iter().zip(&self.masses[lo..hi]) {
            sx += p[0] * m;
            sy += p[1] * m;
            mass += m;
        }
        let (x, y) = (sx / mass, sy / mass);
        let skip = self.cells.len() as u32 + 1;
        self.cells.push(Cell {
            x,
            y,
            mass,
            open2: side * side * inv_theta2,
            skip,
            first: lo as u32,
            len: (hi - lo) as u32,
        });
        (mass, x, y)
    }

    /// Number of points in the tree.
    pub(crate) fn len(&self) -> usize {
        self.points.len()
    }

    /// Sorted position → node index.
    pub(crate) fn order(&self) -> &[u32] {
        &self.order
    }

    /// Sum over all other points of `(p_j − p_k) · m_j / d²` for the point at sorted position
    /// `k` (cells far enough away stand for their points). Squared distances below `min_d2` are
    /// softened to `sqrt(min_d2 · d²)` like d3; coincident points get a deterministic direction
    /// from `seed` and the two node indices.
    pub(crate) fn pull(&self, k: usize, min_d2: f32, max_d2: f32, seed: u64) -> [f32; 2] {
        let [x, y] = self.points[k];
        let (mut fx, mut fy) = (0.0f32, 0.0f32);
        let cells = &self.cells;
        let mut i = 0usize;
        while let Some(c) = cells.get(i) {
            let dx = c.x - x;
            let dy = c.y - y;
            let l = dx * dx + dy * dy;
            if c.open2 < l {
                if l < max_d2 {
                    let w = c.mass / soften(l, min_d2);
                    fx += dx * w;
                    fy += dy * w;
                }
                i = c.skip as usize;
            } else if c.len > 0 {
                let first = c.first as usize;
                for j in first..first + c.len as usize {
                    if j == k {
                        continue;
                    }
                    let p = self.points[j];
                    let (mut dx, mut dy) = (p[0] - x, p[1] - y);
                    let mut l = dx * dx + dy * dy;
                    if l == 0.0 {
                        let me = self.order[k];
                        let other = self.order[j];
                        let [ux, uy] = pair_direction(seed, me, other);
                        dx = ux * 1e-3;
                        dy = uy * 1e-3;
                        l = 1e-6;
                    }
                    if l >= max_d2 {
                        continue;
                    }
                    let w = self.masses[j] / soften(l, min_d2);
                    fx += dx * w;
                    fy += dy * w;
                }
                i = c.skip as usize;
            } else {
                i += 1;
            }
        }
        [fx, fy]
    }
}

#[inline]
fn soften(l: f32, min_d2: f32) -> f32 {
    if l < min_d2 { (min_d2 * l).sqrt() } else { l }
}

fn child_corner(corner: [f32; 2], child_side: f32, q: usize) -> [f32; 2] {
    [
        corner[0] + if q & 1 == 1 { child_side } else { 0.0 },
        corner[1] + if q & 2 == 2 { child_side } else { 0.0 },
    ]
}

/// Spreads the low 16 bits of `v` to the even bits.
fn spread(v: u32) -> u32 {
    let mut v = v & 0xffff;
    v = (v | (v << 8)) & 0x00ff_00ff;
    v = (v | (v << 4)) & 0x0f0f_0f0f;
    v = (v | (v << 2)) & 0x3333_3333;
    (v | (v << 1)) & 0x5555_5555
}

#[cfg(test)]
mod tests {
    use super::*;

    fn direct(points: &[[f32; 2]], i: usize, min_d2: f32) -> [f32; 2] {
        let (mut fx, mut fy) = (0.0, 0.0);
        for (j, p) in points.iter().enumerate() {
            if j != i {
                let dx = p[0] - points[i][0];
                let dy = p[1] - points[i][1];
                let w = 1.0 / soften(dx * dx + dy * dy, min_d2);
                fx += dx * w;
                fy += dy * w;
            }
        }
        [fx, fy]
    }

    fn cloud(n: usize) -> Vec<[f32; 2]> {
        let mut s = 12345u64;
        (0..n)
            .map(|_| {
                let a = super::super::rng::next_f32(&mut s);
                let b = super::super::rng::next_f32(&mut s);
                [a * 1000.0 - 300.0, b * 700.0 + 50.0]
            })
            .collect()
    }

    #[test]
    fn spread_interleaves() {
        assert_eq!(spread(0b1011), 0b1000101);
        assert_eq!(spread(0xffff), 0x5555_5555);
    }

    #[test]
    fn theta_zero_is_exact() {
        let pts = cloud(300);
        let mut t = QuadTree::default();
        t.build(&pts, &vec![1.0; pts.len()], 0.0);
        for (k, &i) in t.order().iter().enumerate() {
            let got = t.pull(k, 1.0, f32::INFINITY, 0);
            let want = direct(&pts, i as usize, 1.0);
            for a in 0..2 {
                assert!(
                    (got[a] - want[a]).abs() <= 1e-3 * want[a].abs().max(1e-2),
                    "{got:?} vs {want:?}"
                );
            }
        }
    }

    #[test]
    fn approximation_is_close() {
        let pts = cloud(2000);
        let mut t = QuadTree::default();
        t.build(&pts, &vec![1.0; pts.len()], 0.9);
        let mut err = 0.0f32;
        let mut norm = 0.0f32;
        for (k, &i) in t.order().iter().enumerate() {
            let got = t.pull(k, 1.0, f32::INFINITY, 0);
            let want = direct(&pts, i as usize, 1.0);
            err += (got[0] - want[0]).hypot(got[1] - want[1]);
            norm += want[0].hypot(want[1]);
        }
        assert!(err / norm < 0.05, "relative error {}", err / norm);
    }

    #[test]
    fn coincident_points_push_apart() {
        let pts = vec![[5.0, 5.0]; 10];
        let mut t = QuadTree::default();
        t.build(&pts, &vec![1.0; pts.len()], 0.9);
        let mut total = [0.0f32; 2];
        for k in 0..t.len() {
            let f = t.pull(k, 1.0, f32::INFINITY, 7);
            assert!(f[0].is_finite() && f[1].is_finite());
            assert!(f[0].hypot(f[1]) > 0.0);
            total[0] += f[0];
            total[1] += f[1];
        }
        // Pair directions are opposite, so the pulls cancel.
        assert!(total[0].abs() < 1e-3 && total[1].abs() < 1e-3, "{total:?}");
    }
}
