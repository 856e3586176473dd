//! Systems with no dependency at all, packed on a shelf beside the map. The forces push such a
//! system out until the pull to the middle balances the push of everything else, so a map's
//! unconnected databases and queues end up in a loose ring around it, each far from the next;
//! the final pass puts them side by side in rows below the map (or in columns to its right),
//! rows as long as makes the whole picture largest on a slide (never shorter than the map), in
//! the order they were found from left to right (top to bottom), so a re-run finds the same
//! order.

/// Width over height the picture with its shelf aims for (a slide).
const ASPECT: f32 = 16.0 / 9.0;

/// Moves the boxes `lone` (centres `pos`, half sizes `half`) onto a shelf `gap` away from the
/// boxes `rest`, `gap` apart from each other, rows no narrower than `rest` (columns no shorter),
/// as long as makes the whole largest on a slide. Nothing moves when either is empty.
pub(crate) fn shelve(
    pos: &mut [[f32; 2]],
    half: &[[f32; 2]],
    lone: &[usize],
    rest: &[usize],
    gap: f32,
) {
    if lone.is_empty() || rest.is_empty() {
        return;
    }
    let (mut lo, mut hi) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
    for &i in rest {
        for a in 0..2 {
            lo[a] = lo[a].min(pos[i][a] - half[i][a]);
            hi[a] = hi[a].max(pos[i][a] + half[i][a]);
        }
    }
    if !(lo[0] <= hi[0] && lo[1] <= hi[1]) {
        return;
    }
    let size = [hi[0] - lo[0], hi[1] - lo[1]];
    // Below a map wider than a slide, beside one taller; then, of the shelves no narrower than
    // the map, the one that makes the picture largest on a slide (a map of a few systems and
    // many lone ones, such as a compose file without `depends_on`, would otherwise be a strip).
    let preferred = usize::from(size[0] < size[1] * ASPECT);
    let mut best: Option<(f32, usize, Vec<Vec<usize>>)> = None;
    for along in [preferred, 1 - preferred] {
        let across = 1 - along;
        let mut order = lone.to_vec();
        order.sort_by(|&a, &b| {
            pos[a][along]
                .total_cmp(&pos[b][along])
                .then(pos[a][across].total_cmp(&pos[b][across]))
                .then(a.cmp(&b))
        });
        let least = order
            .iter()
            .map(|&i| 2.0 * half[i][along])
            .fold(size[along], f32::max);
        let all: f32 = order.iter().map(|&i| 2.0 * half[i][along] + gap).sum();
        for k in ROOMS {
            let room = least * k;
            let rows = rows(&order, half, along, room, gap);
            let (long, deep) = extent(&rows, half, along, gap);
            let mut picture = [0.0; 2];
            picture[along] = size[along].max(long);
            picture[across] = size[across] + gap + deep;
            let scale = (ASPECT / picture[0]).min(1.0 / picture[1]);
            if best.as_ref().is_none_or(|(b, _, _)| scale > *b * 1.0001) {
                best = Some((scale, along, rows));
            }
            if room >= all {
                break;
            }
        }
    }
    let Some((_, along, rows)) = best else { return };
    let across = 1 - along;
    let mut at = hi[across] + gap;
    for row in rows {
        let (width, depth) = span(&row, half, along, gap);
        // Each row centred on the map.
        let mut x = (lo[along] + hi[along]) * 0.5 - width * 0.5;
        for &i in &row {
            pos[i][along] = x + half[i][along];
            pos[i][across] = at + depth * 0.5;
            x += 2.0 * half[i][along] + gap;
        }
        at += depth + gap;
    }
}

/// Lengths of a shelf tried, as multiples of the map's own (or of the longest lone box).
const ROOMS: [f32; 8] = [1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 6.0];

/// The boxes `order` in rows along axis `along`, each as many as fit in `room`.
fn rows(order: &[usize], half: &[[f32; 2]], along: usize, room: f32, gap: f32) -> Vec<Vec<usize>> {
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut used = 0.0f32;
    for &i in order {
        let w = 2.0 * half[i][along];
        match rows.last_mut() {
            Some(row) if used + gap + w <= room => {
                used += gap + w;
                row.push(i);
            }
            _ => {
                rows.push(vec![i]);
                used = w;
            }
        }
    }
    rows
}

/// The length of the longest of `rows` and the depth of them all with the gaps between.
fn extent(rows: &[Vec<usize>], half: &[[f32; 2]], along: usize, gap: f32) -> (f32, f32) {
    let mut long = 0.0f32;
    let mut deep = 0.0f32;
    for (k, row) in rows.iter().enumerate() {
        let (width, depth) = span(row, half, along, gap);
        long = long.max(width);
        deep += depth + if k > 0 { gap } else { 0.0 };
    }
    (long, deep)
}

/// The length of `row` along axis `along` (its boxes and the gaps between) and its depth across.
fn span(row: &[usize], half: &[[f32; 2]], along: usize, gap: f32) -> (f32, f32) {
    let width = row.iter().map(|&i| 2.0 * half[i][along]).sum::<f32>()
        + gap * row.len().saturating_sub(1) as f32;
    let depth = row
        .iter()
        .map(|&i| 2.0 * half[i][1 - along])
        .fold(0.0f32, f32::max);
    (width, depth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_boxes_go_side_by_side_below_a_wide_map() {
        // A wide map (two boxes far apart) and three lone boxes scattered round it.
        let mut pos = vec![
            [0.0, 0.0],
            [400.0, 0.0],
            [200.0, -300.0],
            [-250.0, 120.0],
            [600.0, 200.0],
        ];
        let half = vec![[40.0, 10.0]; 5];
        shelve(&mut pos, &half, &[2, 3, 4], &[0, 1], 20.0);
        // One row under the map, left to right as they were, centred, 20 apart.
        assert_eq!(pos[3], [100.0, 40.0]);
        assert_eq!(pos[2], [200.0, 40.0]);
        assert_eq!(pos[4], [300.0, 40.0]);
        // The map itself does not move.
        assert_eq!(pos[0], [0.0, 0.0]);
        assert_eq!(pos[1], [400.0, 0.0]);
    }

    #[test]
    fn lone_boxes_wrap_in_rows_no_wider_than_the_map_and_nothing_moves_without_a_map() {
        let mut pos = vec![[0.0, 0.0], [200.0, 0.0]];
        let mut half = vec![[20.0, 10.0]; 2];
        for k in 0..6 {
            pos.push([k as f32 * 10.0, 500.0]);
            half.push([20.0, 10.0]);
        }
        let lone: Vec<usize> = (2..8).collect();
        shelve(&mut pos, &half, &lone, &[0, 1], 10.0);
        // The map is 240 wide: five boxes of 40 with gaps of 10 fit in a row, the sixth wraps.
        let rows: Vec<f32> = lone.iter().map(|&i| pos[i][1]).collect();
        assert_eq!(rows, [30.0, 30.0, 30.0, 30.0, 30.0, 60.0]);
        let before = pos.clone();
        shelve(&mut pos, &half, &lone, &[], 10.0);
        assert_eq!(pos, before);
    }

    /// Issue 16.2: a map of a few systems and many with no dependency (sock-shop's compose file,
    /// 15 services and 2 `depends_on`) is packed near a slide's shape. Before: columns no taller
    /// than the small map, a strip eight times as wide as tall (0.22 of a slide's height filled).
    #[test]
    fn many_lone_boxes_beside_a_small_map_pack_near_a_slides_shape() {
        let mut pos = vec![[0.0, 0.0], [0.0, 100.0]];
        let mut half = vec![[60.0, 20.0]; 2];
        for k in 0..13 {
            pos.push([300.0 * (k as f32).cos(), 300.0 * (k as f32).sin()]);
            half.push([60.0, 20.0]);
        }
        let lone: Vec<usize> = (2..15).collect();
        shelve(&mut pos, &half, &lone, &[0, 1], 20.0);
        let (mut lo, mut hi) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
        for (p, h) in pos.iter().zip(&half) {
            for a in 0..2 {
                lo[a] = lo[a].min(p[a] - h[a]);
                hi[a] = hi[a].max(p[a] + h[a]);
            }
        }
        let aspect = (hi[0] - lo[0]) / (hi[1] - lo[1]);
        assert!((1.0..=3.0).contains(&aspect), "{aspect}: {pos:?}");
        for i in 0..pos.len() {
            for j in i + 1..pos.len() {
                let apart =
                    (0..2).any(|a| (pos[i][a] - pos[j][a]).abs() >= half[i][a] + half[j][a]);
                assert!(apart, "{i} and {j} overlap: {pos:?}");
            }
        }
    }
}
