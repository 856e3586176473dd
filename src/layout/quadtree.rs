//! A flat Barnes–Hut quadtree for the many-body (repulsion) force.
//!
//! Points are sorted by their Morton (Z-order) code with a radix sort, so every cell of the tree
//! covers a contiguous run of the sorted points. Cells are stored in one `Vec` in depth-first
//! pre-order: a cell's first child follows it, and `skip` is the index just past its subtree, so
//! a traversal needs neither recursion nor a stack. Cells with a single non-empty child are
//! collapsed into that child.
//!
//! Forces are computed per *group* of nearby points (a small subtree): one walk of the tree
//! collects the cells that are far enough from the whole group's bounding box, and the points of
//! the leaves that are not, into an interaction list; every point of the group then sums that
//! list in a tight loop. Each point's sum depends only on its group, so the result is the same
//! whatever the number of threads.

use super::rng::pair_direction;

/// At most this many points share a leaf (more only when they have the same Morton code).
const LEAF_SIZE: usize = 8;
/// Points per group sharing one interaction list (at most, unless a leaf is larger).
pub(crate) const GROUP_SIZE: usize = 32;
/// Bits per axis of the Morton code.
const BITS: u32 = 16;
/// Interaction lists are padded to a multiple of this (the lanes of the summing loop).
const LANES: usize = 8;

#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    /// Centre of mass.
    x: f32,
    y: f32,
    mass: f32,
    /// (cell width / θ)²: the cell is far enough to stand for its points beyond this squared
    /// distance.
    open2: f32,
    /// Index of the cell after this subtree; `index + 1` for a leaf.
    skip: u32,
    /// The sorted points below: `lo..hi`.
    lo: u32,
    hi: u32,
}

/// The tree over one set of positions; rebuilt each tick into the same buffers.
#[derive(Debug, Default)]
pub(crate) struct QuadTree {
    cells: Vec<Cell>,
    /// (Morton code, node index), sorted.
    keys: Vec<(u32, u32)>,
    scratch: Vec<(u32, u32)>,
    /// Sorted position → node index.
    order: Vec<u32>,
    /// Positions in sorted order.
    points: Vec<[f32; 2]>,
    /// Masses in sorted order.
    masses: Vec<f32>,
    /// Sorted point ranges of the groups, in order, covering all points.
    groups: Vec<(u32, u32)>,
}

/// An interaction list: positions and masses, padded with massless entries.
#[derive(Debug, Default)]
pub(crate) struct Interactions {
    x: Vec<f32>,
    y: Vec<f32>,
    m: Vec<f32>,
}

impl Interactions {
    fn clear(&mut self) {
        self.x.clear();
        self.y.clear();
        self.m.clear();
    }

    fn push(&mut self, x: f32, y: f32, m: f32) {
        self.x.push(x);
        self.y.push(y);
        self.m.push(m);
    }

    fn pad(&mut self) {
        while !self.x.len().is_multiple_of(LANES) {
            self.push(0.0, 0.0, 0.0);
        }
    }
}

impl QuadTree {
    /// Rebuilds the tree over `positions` (all finite) with masses `mass` (positive; missing
    /// ones count 1) and opening angle `theta`.
    pub(crate) fn build(&mut self, positions: &[[f32; 2]], mass: &[f32], theta: f32) {
        self.cells.clear();
        self.keys.clear();
        self.order.clear();
        self.points.clear();
        self.masses.clear();
        self.groups.clear();
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
        let max_q = ((1u32 << BITS) - 1) as f32;
        let scale = max_q / side;
        self.keys.extend(positions.iter().enumerate().map(|(i, p)| {
            let qx = ((p[0] - x0) * scale).clamp(0.0, max_q) as u32;
            let qy = ((p[1] - y0) * scale).clamp(0.0, max_q) as u32;
            (spread(qx) | (spread(qy) << 1), i as u32)
        }));
        radix_sort(&mut self.keys, &mut self.scratch);
        for &(_, i) in &self.keys {
            self.order.push(i);
            self.points.push(positions[i as usize]);
            self.masses
                .push(mass.get(i as usize).copied().unwrap_or(1.0));
        }
        let inv_theta2 = 1.0 / (theta * theta).max(1e-6);
        let n = self.points.len();
        self.build_cell(0, n, 2 * BITS, side, inv_theta2);
        self.find_groups();
    }

    /// Appends the cell over sorted points `lo..hi` (sharing their codes above `shift`), whose
    /// square is `side` wide; returns its mass and centre of mass.
    fn build_cell(
        &mut self,
        mut lo: usize,
        mut hi: usize,
        mut shift: u32,
        mut side: f32,
        inv_theta2: f32,
    ) -> (f32, f32, f32) {
        // Descend through cells with a single non-empty child.
        let mut ranges = [(0usize, 0usize); 4];
        loop {
            if hi - lo <= LEAF_SIZE || shift == 0 {
                return self.push_leaf(lo, hi, side, inv_theta2);
            }
            shift -= 2;
            let mut nonempty = 0;
            let mut start = lo;
            for (q, range) in ranges.iter_mut().enumerate() {
                let end = start
                    + self.keys[start..hi]
                        .partition_point(|&(c, _)| ((c >> shift) & 3) as usize <= q);
                *range = (start, end);
                if end > start {
                    nonempty += 1;
                }
                start = end;
            }
            side *= 0.5;
            if nonempty > 1 {
                break;
            }
            if let Some(&(a, b)) = ranges.iter().find(|r| r.1 > r.0) {
                lo = a;
                hi = b;
            }
        }
        let me = self.cells.len();
        self.cells.push(Cell::default());
        let (mut mass, mut sx, mut sy) = (0.0f32, 0.0f32, 0.0f32);
        for &(a, b) in &ranges {
            if b > a {
                let (m, cx, cy) = self.build_cell(a, b, shift, side, inv_theta2);
                mass += m;
                sx += cx * m;
                sy += cy * m;
            }
        }
        let (x, y) = centre(sx, sy, mass, self.points[lo]);
        let parent_side = side * 2.0;
        self.cells[me] = Cell {
            x,
            y,
            mass,
            open2: parent_side * parent_side * inv_theta2,
            skip: self.cells.len() as u32,
            lo: lo as u32,
            hi: hi as u32,
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
        let (x, y) = centre(sx, sy, mass, self.points[lo]);
        let skip = self.cells.len() as u32 + 1;
        self.cells.push(Cell {
            x,
            y,
            mass,
            open2: side * side * inv_theta2,
            skip,
            lo: lo as u32,
            hi: hi as u32,
        });
        (mass, x, y)
    }

    /// The largest subtrees of at most `GROUP_SIZE` points (or single leaves).
    fn find_groups(&mut self) {
        let mut i = 0usize;
        while let Some(c) = self.cells.get(i) {
            let leaf = c.skip as usize == i + 1;
            if leaf || (c.hi - c.lo) as usize <= GROUP_SIZE {
                self.groups.push((c.lo, c.hi));
                i = c.skip as usize;
            } else {
                i += 1;
            }
        }
    }

    /// Sorted position → node index.
    pub(crate) fn order(&self) -> &[u32] {
        &self.order
    }

    /// Sorted point ranges of the groups, in order, covering all points.
    pub(crate) fn groups(&self) -> &[(u32, u32)] {
        &self.groups
    }

    /// For every point of the group `lo..hi`, writes to `out[k - lo]` the sum over all other
    /// points of `(p_j − p_k) · m_j / d²` (cells far enough from the group stand for their
    /// points). Squared distances below `min_d2` count as `min_d2`; coincident points get a
    /// deterministic direction from `seed` and their node indices, and a push of d3's size.
    pub(crate) fn pull_group(
        &self,
        (lo, hi): (u32, u32),
        min_d2: f32,
        seed: u64,
        list: &mut Interactions,
        out: &mut [[f32; 2]],
    ) {
        let (lo, hi) = (lo as usize, hi as usize);
        let group = &self.points[lo..hi];
        let (mut gx0, mut gy0, mut gx1, mut gy1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for p in group {
            gx0 = gx0.min(p[0]);
            gy0 = gy0.min(p[1]);
            gx1 = gx1.max(p[0]);
            gy1 = gy1.max(p[1]);
        }
        list.clear();
        let cells = &self.cells;
        let mut i = 0usize;
        while let Some(c) = cells.get(i) {
            // Distance from the group's box to the cell's centre of mass.
            let dx = (gx0 - c.x).max(c.x - gx1).max(0.0);
            let dy = (gy0 - c.y).max(c.y - gy1).max(0.0);
            if c.open2 < dx * dx + dy * dy {
                list.push(c.x, c.y, c.mass);
                i = c.skip as usize;
            } else if c.skip as usize == i + 1 {
                for j in c.lo as usize..c.hi as usize {
                    let p = self.points[j];
                    list.push(p[0], p[1], self.masses[j]);
                }
                i += 1;
            } else {
                i += 1;
            }
        }
        list.pad();
        for (p, o) in group.iter().zip(out.iter_mut()) {
            *o = sum_list(list, p[0], p[1], min_d2);
        }
        // Coincident points: the list sum gives them nothing (the difference is zero), so push
        // them apart here. Equal points have equal codes: they sit next to each other in sorted
        // order and share a leaf, within the group.
        let keys = &self.keys[lo..hi];
        let mut start = 0;
        for run in keys.chunk_by(|a, b| a.0 == b.0) {
            let run_lo = lo + start;
            start += run.len();
            if run.len() < 2 {
                continue;
            }
            for a in run_lo..run_lo + run.len() {
                for b in run_lo..run_lo + run.len() {
                    if a != b && self.points[a] == self.points[b] {
                        let d = pair_direction(seed, self.order[a], self.order[b]);
                        let w = self.masses[b] / min_d2.sqrt().max(1e-30);
                        out[a - lo][0] += d[0] * w;
                        out[a - lo][1] += d[1] * w;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
impl QuadTree {
    /// Interaction-list entries summed over all points (the many-body pass's work), for tests
    /// that check it does not depend on the shape of the map.
    pub(crate) fn work(&self) -> usize {
        let mut list = Interactions::default();
        let mut out = vec![[0.0f32; 2]; self.points.len()];
        self.groups
            .iter()
            .map(|&(lo, hi)| {
                let size = (hi - lo) as usize;
                self.pull_group((lo, hi), 1.0, 0, &mut list, &mut out[..size]);
                list.x.len() * size
            })
            .sum()
    }
}

/// Σ (p_j − p) · m_j / max(d², min_d2) over the list, in `LANES` independent lanes (summed in a fixed
/// order, so the result is reproducible). The point itself, if listed, adds zero.
#[inline]
fn sum_list(list: &Interactions, x: f32, y: f32, min_d2: f32) -> [f32; 2] {
    let mut fx = [0.0f32; LANES];
    let mut fy = [0.0f32; LANES];
    for ((lx, ly), lm) in list
        .x
        .chunks_exact(LANES)
        .zip(list.y.chunks_exact(LANES))
        .zip(list.m.chunks_exact(LANES))
    {
        for l in 0..LANES {
            let dx = lx[l] - x;
            let dy = ly[l] - y;
            let d2 = dx * dx + dy * dy;
            // Closer than sqrt(min_d2) counts as that close (collision keeps boxes apart).
            let w = lm[l] / d2.max(min_d2);
            fx[l] += dx * w;
            fy[l] += dy * w;
        }
    }
    let (mut sx, mut sy) = (0.0f32, 0.0f32);
    for l in 0..LANES {
        sx += fx[l];
        sy += fy[l];
    }
    [sx, sy]
}

/// Centre of mass, or the first point for a massless cell.
fn centre(sx: f32, sy: f32, mass: f32, first: [f32; 2]) -> (f32, f32) {
    if mass > 0.0 {
        (sx / mass, sy / mass)
    } else {
        (first[0], first[1])
    }
}

/// Stable LSD radix sort by code (8 bits a pass; passes where all digits agree are skipped).
/// Stable from index order, so equal codes stay in index order.
fn radix_sort(keys: &mut Vec<(u32, u32)>, scratch: &mut Vec<(u32, u32)>) {
    scratch.clear();
    scratch.resize(keys.len(), (0, 0));
    for pass in 0..4 {
        let shift = pass * 8;
        let mut count = [0usize; 257];
        for &(c, _) in keys.iter() {
            count[((c >> shift) & 0xff) as usize + 1] += 1;
        }
        if count.contains(&keys.len()) {
            continue;
        }
        for d in 0..256 {
            count[d + 1] += count[d];
        }
        for &k in keys.iter() {
            let d = ((k.0 >> shift) & 0xff) as usize;
            scratch[count[d]] = k;
            count[d] += 1;
        }
        std::mem::swap(keys, scratch);
    }
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

    fn soften(l: f32, min_d2: f32) -> f32 {
        l.max(min_d2)
    }

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

    /// Pull on every node, in node order.
    fn pulls(t: &QuadTree, n: usize, min_d2: f32) -> Vec<[f32; 2]> {
        let mut sorted = vec![[0.0f32; 2]; n];
        let mut list = Interactions::default();
        for &(lo, hi) in t.groups() {
            t.pull_group(
                (lo, hi),
                min_d2,
                7,
                &mut list,
                &mut sorted[lo as usize..hi as usize],
            );
        }
        let mut out = vec![[0.0f32; 2]; n];
        for (k, &i) in t.order().iter().enumerate() {
            out[i as usize] = sorted[k];
        }
        out
    }

    #[test]
    fn spread_interleaves() {
        assert_eq!(spread(0b1011), 0b1000101);
        assert_eq!(spread(0xffff), 0x5555_5555);
    }

    #[test]
    fn radix_sort_sorts_stably() {
        let mut keys: Vec<(u32, u32)> = (0..1000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) % 97 * 65_537, i))
            .collect();
        let mut want = keys.clone();
        want.sort_unstable();
        radix_sort(&mut keys, &mut Vec::new());
        assert_eq!(keys, want);
    }

    #[test]
    fn groups_cover_all_points_in_order() {
        let pts = cloud(1000);
        let mut t = QuadTree::default();
        t.build(&pts, &[], 0.9);
        let mut next = 0;
        for &(lo, hi) in t.groups() {
            assert_eq!(lo, next);
            assert!(hi > lo);
            next = hi;
        }
        assert_eq!(next, 1000);
    }

    #[test]
    fn theta_zero_is_exact() {
        let pts = cloud(300);
        let mut t = QuadTree::default();
        t.build(&pts, &[], 0.0);
        for (i, got) in pulls(&t, pts.len(), 1.0).iter().enumerate() {
            let want = direct(&pts, i, 1.0);
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
        let pts = cloud(3000);
        let mut t = QuadTree::default();
        t.build(&pts, &[], 0.9);
        let (mut err, mut norm) = (0.0f32, 0.0f32);
        for (i, got) in pulls(&t, pts.len(), 1.0).iter().enumerate() {
            let want = direct(&pts, i, 1.0);
            err += (got[0] - want[0]).hypot(got[1] - want[1]);
            norm += want[0].hypot(want[1]);
        }
        assert!(err / norm < 0.05, "relative error {}", err / norm);
    }

    #[test]
    fn coincident_points_push_apart() {
        let pts = vec![[5.0, 5.0]; 10];
        let mut t = QuadTree::default();
        t.build(&pts, &[], 0.9);
        let mut total = [0.0f32; 2];
        for f in pulls(&t, 10, 1.0) {
            assert!(f[0].is_finite() && f[1].is_finite());
            assert!(f[0].hypot(f[1]) > 0.0);
            total[0] += f[0];
            total[1] += f[1];
        }
        // Pair directions are opposite, so the pulls cancel.
        assert!(total[0].abs() < 1e-3 && total[1].abs() < 1e-3, "{total:?}");
    }
}
