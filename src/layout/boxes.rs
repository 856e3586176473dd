//! Boxes and the straight lines between them: boxes pushed apart until none overlap, lines
//! that pass through a box that is not one of their ends counted. The export uses both on the
//! boxes it draws (a projector's bigger boxes, full names); the tests measure maps with them.

use super::tidy::segment_hits;

/// Sweeps at most this often over the boxes to push overlapping ones apart.
const SEPARATE_SWEEPS: usize = 40;
/// An overlap smaller than this is rounding, not an overlap.
const TOUCH: f32 = 0.01;

/// Pushes overlapping boxes (centres `pos`, half sizes `half`) apart along the axis of least
/// overlap, half each, until none are closer than `gap` or the sweeps run out. Returns whether
/// every overlap was removed.
/// Deterministic: pairs are visited in index order.
pub fn separate_boxes(pos: &mut [[f32; 2]], half: &[[f32; 2]], gap: f32) -> bool {
    let n = pos.len().min(half.len());
    if n < 2 {
        return true;
    }
    let mut sizes: Vec<f32> = half[..n]
        .iter()
        .map(|h| 2.0 * h[0].max(h[1]))
        .filter(|v| v.is_finite())
        .collect();
    if sizes.is_empty() {
        return true;
    }
    sizes.sort_by(f32::total_cmp);
    let cell = (sizes[sizes.len() / 2] + gap).max(1.0);
    let key = |v: f32| (v / cell).floor() as i64;
    let rect = |i: usize, p: &[[f32; 2]]| {
        let g = gap / 2.0;
        [
            p[i][0] - half[i][0] - g,
            p[i][1] - half[i][1] - g,
            p[i][0] + half[i][0] + g,
            p[i][1] + half[i][1] + g,
        ]
    };
    let mut grid: std::collections::HashMap<(i64, i64), Vec<usize>> =
        std::collections::HashMap::new();
    let mut near = Vec::new();
    for _ in 0..SEPARATE_SWEEPS {
        grid.clear();
        let mut wide = Vec::new();
        for i in 0..n {
            let r = rect(i, pos);
            let (x0, x1, y0, y1) = (key(r[0]), key(r[2]), key(r[1]), key(r[3]));
            if x1.saturating_sub(x0).saturating_mul(y1.saturating_sub(y0)) > 256 {
                wide.push(i);
                continue;
            }
            for x in x0..=x1 {
                for y in y0..=y1 {
                    grid.entry((x, y)).or_default().push(i);
                }
            }
        }
        let mut moved = false;
        for i in 0..n {
            let r = rect(i, pos);
            let (x0, x1, y0, y1) = (key(r[0]), key(r[2]), key(r[1]), key(r[3]));
            near.clear();
            if x1.saturating_sub(x0).saturating_mul(y1.saturating_sub(y0)) <= 256 {
                for x in x0..=x1 {
                    for y in y0..=y1 {
                        if let Some(v) = grid.get(&(x, y)) {
                            near.extend(v.iter().copied().filter(|j| *j > i));
                        }
                    }
                }
                near.extend(wide.iter().copied().filter(|j| *j > i));
            } else {
                near.extend(i + 1..n);
            }
            near.sort_unstable();
            near.dedup();
            for &j in &near {
                let (a, b) = (rect(i, pos), rect(j, pos));
                if !(a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]) {
                    continue;
                }
                let ox = a[2].min(b[2]) - a[0].max(b[0]);
                let oy = a[3].min(b[3]) - a[1].max(b[1]);
                // Boxes just parted touch within rounding: apart.
                if ox.min(oy) < TOUCH {
                    continue;
                }
                let (ci, cj) = (pos[i], pos[j]);
                // Equal centres part along x, the first to the left.
                let by = if ox <= oy {
                    [if cj[0] >= ci[0] { ox } else { -ox }, 0.0]
                } else {
                    [0.0, if cj[1] >= ci[1] { oy } else { -oy }]
                };
                pos[i][0] -= by[0] / 2.0;
                pos[i][1] -= by[1] / 2.0;
                pos[j][0] += by[0] / 2.0;
                pos[j][1] += by[1] / 2.0;
                moved = true;
            }
        }
        if !moved {
            return true;
        }
    }
    false
}

/// Straight lines between centres that pass through the box of a system that is not one of
/// their ends, or closer to it than `margin`.
pub fn lines_through(
    pos: &[[f32; 2]],
    half: &[[f32; 2]],
    edges: &[(u32, u32)],
    margin: f32,
) -> usize {
    let n = pos.len();
    let mut count = 0;
    for &(a, b) in edges {
        let (a, b) = (a as usize, b as usize);
        let (pa, pb) = (pos[a], pos[b]);
        let seg = [
            pa[0].min(pb[0]),
            pa[1].min(pb[1]),
            pa[0].max(pb[0]),
            pa[1].max(pb[1]),
        ];
        for k in 0..n {
            if k == a || k == b {
                continue;
            }
            let r = [
                pos[k][0] - half[k][0] - margin,
                pos[k][1] - half[k][1] - margin,
                pos[k][0] + half[k][0] + margin,
                pos[k][1] + half[k][1] + margin,
            ];
            if r[0] > seg[2] || r[2] < seg[0] || r[1] > seg[3] || r[3] < seg[1] {
                continue;
            }
            if segment_hits(pa, pb, &r) {
                count += 1;
            }
        }
    }
    count
}

#[cfg(test)]
mod tests;

/// The layout's final pass ([`tidy`](super::tidy)) on boxes already placed: moves boxes off
/// lines between other systems and apart from each other, keeping every box inside `within`
/// (`[min_x, min_y, max_x, max_y]`). `group` is each box's group index, if any. The export runs
/// it on a map packed for one slide.
pub fn tidy_within(
    pos: &mut [[f32; 2]],
    half: &[[f32; 2]],
    edges: &[(u32, u32)],
    group: &[Option<u32>],
    within: [f32; 4],
) {
    let n = pos.len();
    if half.len() != n || (group.len() != n && !group.is_empty()) {
        return;
    }
    let edges: Vec<(u32, u32)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a != b && (a as usize) < n && (b as usize) < n)
        .collect();
    let link = if edges.is_empty() {
        1.0
    } else {
        let total: f32 = edges
            .iter()
            .map(|&(a, b)| {
                let (p, q) = (pos[a as usize], pos[b as usize]);
                (p[0] - q[0]).hypot(p[1] - q[1])
            })
            .sum();
        (total / edges.len() as f32).max(1.0)
    };
    let neighbours = super::graph::Neighbours::new(n, &edges);
    let pinned = vec![false; n];
    super::tidy::tidy(&mut super::tidy::Tidy {
        pos,
        half,
        neighbours: &neighbours,
        pinned: &pinned,
        group,
        link,
        within: Some(within),
        newcomers: &[],
        fresh: false,
    });
}
