//! The last way to fit a dense map on one slide with its names at the theme's minimum: its
//! systems in rows. Packing keeps the layout's shape and only closes the gaps, so a map whose
//! boxes need more than about half the slide never fits that way (a projector slide of 70
//! systems needs two thirds). In rows, the boxes fill the slide's width side by side and the
//! rows its height, with the room between rows for the lines; the routing takes lines between
//! rows that are not neighbours through the gaps between boxes.
//!
//! The rows keep the layout's order: systems higher in the layout are in higher rows (callers
//! above callees in a layered layout), and a row runs left to right as the layout did. A group's
//! members follow one another, and a service's own stores (systems nothing else depends on or
//! is depended on by) sit right after it.

use super::geometry::P;

/// Room between rows for the lines, at least, in gaps between boxes.
const LEAST_CHANNEL: f32 = 0.75;
/// Room between rows at most, in gaps: a map with fewer rows than its room holds is not
/// stretched apart.
const MOST_CHANNEL: f32 = 5.0;
/// Extra room between neighbours in a row at most, in gaps.
const MOST_SPARE: f32 = 3.0;
/// Room kept free round the rows, in gaps, for the lines that pass round the map's edge.
pub const EDGE: f32 = 1.0;
/// How many units further on in the walk one may be taken to fill the end of a row.
const LOOK_AHEAD: usize = 6;
/// Row counts tried, from the least that fits the room's width.
const TRIES: usize = 3;

/// Systems placed one after another in a row: one system and its own stores.
struct Unit {
    members: Vec<usize>,
    width: f32,
    /// Where the walk through the units takes it (group's middle, then its own place).
    walk: (f32, f32),
    /// Where it goes within its row.
    along: (f32, f32),
    /// Its system's group.
    group: Option<u32>,
}

/// Centres for the boxes of half sizes `half` (now at `centres`) in rows that fit `room` (map
/// units, boxes `gap` apart): one arrangement for each of the few row counts that fit, fewest
/// rows first. `edges` are pairs of indices; `group` each system's group. Empty when no row
/// count fits.
pub fn arrangements(
    centres: &[P],
    half: &[[f32; 2]],
    edges: &[(u32, u32)],
    group: &[Option<u32>],
    gap: f32,
    room: P,
) -> Vec<Vec<P>> {
    let n = centres.len();
    // As many as packing takes at most (a larger map is not for one slide, and dressing each
    // arrangement costs a routing).
    let sizes = 2..=crate::layout::tidy::TIDY_MAX_NODES;
    if !sizes.contains(&n) || half.len() != n || group.len() != n || !(gap > 0.0 && room[0] > 0.0) {
        return Vec::new();
    }
    let units = units(centres, half, edges, group, gap, room[0]);
    let total: f32 = units.iter().map(|u| u.width + gap).sum();
    let widest = units.iter().map(|u| u.width).fold(0.0, f32::max);
    if widest > room[0] {
        return Vec::new();
    }
    let least = ((total / (room[0] + gap)).ceil() as usize).max(1);
    let mut out = Vec::new();
    let mut last = 0;
    for count in least..=n {
        let Some(rows) = rows(&units, count, gap, room[0]) else {
            continue;
        };
        if rows.len() == last {
            continue;
        }
        last = rows.len();
        let Some(placed) = place(&units, &rows, half, gap, room) else {
            break;
        };
        out.push(placed);
        if out.len() == TRIES {
            break;
        }
    }
    out
}

/// The units of the map: each system with the stores only it uses, in walking order.
fn units(
    centres: &[P],
    half: &[[f32; 2]],
    edges: &[(u32, u32)],
    group: &[Option<u32>],
    gap: f32,
    width: f32,
) -> Vec<Unit> {
    let n = centres.len();
    let mut near: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        let (a, b) = (a as usize, b as usize);
        if a != b && a < n && b < n {
            near[a].push(b);
            near[b].push(a);
        }
    }
    for v in &mut near {
        v.sort_unstable();
        v.dedup();
    }
    // A system tied to one other (which is tied to more, or which depends on it), in its
    // group or in none, is that one's own: it follows it in its row.
    let needs: std::collections::HashSet<(usize, usize)> = edges
        .iter()
        .map(|&(a, b)| (a as usize, b as usize))
        .collect();
    let owner: Vec<Option<usize>> = (0..n)
        .map(|j| match near[j][..] {
            [i] if (near[i].len() > 1 || !needs.contains(&(j, i)))
                && (group[j].is_none() || group[j] == group[i]) =>
            {
                Some(i)
            }
            _ => None,
        })
        .collect();
    let boxed = |i: usize| 2.0 * half[i][0];
    // Groups' middles, so that a group's units follow one another.
    let middles = super::separate::group_middles(centres, group);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        if owner[i].is_some() {
            continue;
        }
        let mut members = vec![i];
        let mut own: Vec<usize> = (0..n).filter(|&j| owner[j] == Some(i)).collect();
        own.sort_by(|&a, &b| centres[a][0].total_cmp(&centres[b][0]));
        let with: f32 = own.iter().map(|&j| boxed(j) + gap).sum::<f32>() + boxed(i);
        if with <= width / 2.0 {
            members.extend(own);
        } else {
            // A system with more own stores than half a row holds: they go as the rest do.
            for j in own {
                out.push(Unit {
                    members: vec![j],
                    width: boxed(j),
                    walk: (middles[j][1], centres[j][1]),
                    along: (middles[j][0], centres[j][0]),
                    group: group[j],
                });
            }
        }
        let width =
            members.iter().map(|&j| boxed(j)).sum::<f32>() + gap * (members.len() - 1) as f32;
        out.push(Unit {
            members,
            width,
            walk: (middles[i][1], centres[i][1]),
            along: (middles[i][0], centres[i][0]),
            group: group[i],
        });
    }
    out.sort_by(|a, b| {
        a.walk
            .0
            .total_cmp(&b.walk.0)
            .then(a.walk.1.total_cmp(&b.walk.1))
            .then(a.members[0].cmp(&b.members[0]))
    });
    out
}

/// The units (in walking order) of at most `count` rows no wider than `width`, the walk split
/// so that the longest row is as short as it can be; `None` when `count` rows cannot hold them.
fn rows(units: &[Unit], count: usize, gap: f32, width: f32) -> Option<Vec<Vec<usize>>> {
    // Rows filled in turn up to `cap` long. A unit too long for the rest of its row leaves it
    // to the next row; the row's end is filled first with the next few units that fit there
    // (of the row's group, or of none), so that rows lose little of their width.
    let fill = |cap: f32| {
        let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
        let mut taken = vec![false; units.len()];
        let mut at = 0.0;
        let mut k = 0;
        while k < units.len() {
            if taken[k] {
                k += 1;
                continue;
            }
            let u = &units[k];
            let row = rows.last_mut()?;
            if !row.is_empty() && at + gap + u.width > cap {
                let group = row.last().and_then(|&r| units[r].group);
                for j in (k + 1..units.len()).take(LOOK_AHEAD) {
                    let v = &units[j];
                    if !taken[j]
                        && (v.group.is_none() || v.group == group)
                        && at + gap + v.width <= cap
                    {
                        at += gap + v.width;
                        row.push(j);
                        taken[j] = true;
                    }
                }
                rows.push(Vec::new());
                at = 0.0;
                continue;
            }
            at += if at > 0.0 { gap } else { 0.0 } + u.width;
            row.push(k);
            taken[k] = true;
            k += 1;
        }
        Some(rows)
    };
    let fits = |cap: f32| fill(cap).is_some_and(|r| r.len() <= count);
    if !fits(width) {
        return None;
    }
    // The shortest longest row, by halving (to a tenth of a gap).
    let (mut lo, mut hi) = (0.0, width);
    while hi - lo > gap * 0.1 {
        let mid = f32::midpoint(lo, hi);
        if fits(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let mut rows = fill(hi)?;
    keep_groups_whole(units, &mut rows, gap, width);
    Some(rows)
}

/// Moves each break between rows that splits a group's run to the run's start or end, where
/// both rows stay within `width` (the shorter longer row of the two), so that the group is
/// drawn as one outline rather than one per row.
fn keep_groups_whole(units: &[Unit], rows: &mut [Vec<usize>], gap: f32, width: f32) {
    for r in 0..rows.len().saturating_sub(1) {
        let (Some(&a), Some(&b)) = (rows[r].last(), rows[r + 1].first()) else {
            continue;
        };
        let g = units[a].group;
        if g.is_none() || g != units[b].group {
            continue;
        }
        let start = rows[r]
            .iter()
            .rposition(|&k| units[k].group != g)
            .map_or(0, |i| i + 1);
        let end = rows[r + 1]
            .iter()
            .position(|&k| units[k].group != g)
            .unwrap_or(rows[r + 1].len());
        // Down: the run's part in row `r` opens row `r + 1`; up: its part in `r + 1` closes `r`.
        let down = (start > 0).then(|| {
            let mut next = rows[r][start..].to_vec();
            next.extend_from_slice(&rows[r + 1]);
            (rows[r][..start].to_vec(), next)
        });
        let up = (end < rows[r + 1].len()).then(|| {
            let mut this = rows[r].clone();
            this.extend_from_slice(&rows[r + 1][..end]);
            (this, rows[r + 1][end..].to_vec())
        });
        let longer =
            |(a, b): &(Vec<usize>, Vec<usize>)| length(units, a, gap).max(length(units, b, gap));
        if let Some((this, next)) = [down, up]
            .into_iter()
            .flatten()
            .filter(|pair| longer(pair) <= width)
            .min_by(|x, y| longer(x).total_cmp(&longer(y)))
        {
            rows[r] = this;
            rows[r + 1] = next;
        }
    }
}

/// A row's length with its units `gap` apart.
fn length(units: &[Unit], row: &[usize], gap: f32) -> f32 {
    row.iter().map(|&k| units[k].width + gap).sum::<f32>() - gap
}

/// The centres of the units' members in `rows`, the rows spread over `room`'s height (at least
/// [`LEAST_CHANNEL`] gaps apart) and each row's spare width shared between its units; `None`
/// when the rows are too tall for the room.
fn place(
    units: &[Unit],
    rows: &[Vec<usize>],
    half: &[[f32; 2]],
    gap: f32,
    room: P,
) -> Option<Vec<P>> {
    let tall: Vec<f32> = rows
        .iter()
        .map(|row| {
            row.iter()
                .flat_map(|&k| &units[k].members)
                .map(|&i| 2.0 * half[i][1])
                .fold(0.0, f32::max)
        })
        .collect();
    let heights: f32 = tall.iter().sum();
    let between = (rows.len() - 1).max(1) as f32;
    // Room kept free on every side, for the lines that pass round the map's edge.
    let room = [room[0] - 2.0 * EDGE * gap, room[1] - 2.0 * EDGE * gap];
    let channel = ((room[1] - heights) / between).min(MOST_CHANNEL * gap);
    if channel < LEAST_CHANNEL * gap {
        return None;
    }
    let mut out = vec![[0.0, 0.0]; half.len()];
    let mut top = 0.0;
    for (row, h) in rows.iter().zip(&tall) {
        let mut row = row.clone();
        row.sort_by(|&a, &b| {
            let (a, b) = (&units[a], &units[b]);
            a.along
                .0
                .total_cmp(&b.along.0)
                .then(a.along.1.total_cmp(&b.along.1))
        });
        let spare = ((room[0] - length(units, &row, gap)) / (row.len().max(2) - 1) as f32)
            .clamp(0.0, MOST_SPARE * gap);
        let y = top + h / 2.0;
        let mut x = 0.0;
        for &k in &row {
            for &i in &units[k].members {
                out[i] = [x + half[i][0], y];
                x += 2.0 * half[i][0] + gap;
            }
            x += spare;
        }
        // Each row centred on the room's middle.
        let used = x - gap - spare;
        for &k in &row {
            for &i in &units[k].members {
                out[i][0] += (room[0] - used) / 2.0;
            }
        }
        top += h + channel;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::separate::extent;
    use super::*;

    /// Seventy boxes of a projector slide's sizes, too many for packing, fit the room in rows
    /// without touching, and a service's own store sits right after it.
    #[test]
    fn a_dense_map_fits_its_room_in_rows() {
        let n = 70;
        let centres: Vec<P> = (0..n)
            .map(|i| [(i % 9) as f32 * 400.0, (i / 9) as f32 * 300.0])
            .collect();
        let half: Vec<[f32; 2]> = (0..n)
            .map(|i| [60.0 + (i % 5) as f32 * 12.0, 24.0])
            .collect();
        // 0 owns 1 (its store); the rest are a chain.
        let mut edges: Vec<(u32, u32)> = vec![(0, 1)];
        edges.extend((2..n as u32).map(|i| (i - 1, i)).filter(|e| e.0 != 1));
        edges.push((0, 2));
        let group = vec![None; n];
        let gap = 28.0;
        let room = [1650.0, 1030.0];
        let all = arrangements(&centres, &half, &edges, &group, gap, room);
        assert!(!all.is_empty());
        for pos in &all {
            let (lo, hi) = extent(pos, &half);
            assert!(hi[0] - lo[0] <= room[0] + 0.01 && hi[1] - lo[1] <= room[1] + 0.01);
            for i in 0..n {
                for j in i + 1..n {
                    let dx = (pos[i][0] - pos[j][0]).abs() - half[i][0] - half[j][0];
                    let dy = (pos[i][1] - pos[j][1]).abs() - half[i][1] - half[j][1];
                    assert!(dx >= gap - 0.01 || dy >= gap - 0.01, "{i} {j}");
                }
            }
            assert_eq!(pos[0][1], pos[1][1]);
            let beside = pos[1][0] - pos[0][0] - half[0][0] - half[1][0];
            assert!((beside - gap).abs() < 0.01, "{beside}");
        }
    }

    /// A service and the store only it uses, tied to nothing else, sit side by side in that
    /// order, whichever was left of the other in the layout.
    #[test]
    fn a_lone_pair_keeps_its_store_after_its_service() {
        let centres: Vec<P> = vec![[500.0, 0.0], [0.0, 0.0], [0.0, 300.0], [300.0, 300.0]];
        let half = vec![[60.0, 24.0]; 4];
        // 0 needs its store 1, 2 needs 3, and nothing else.
        let edges = [(0, 1), (2, 3)];
        let group = vec![None; 4];
        let all = arrangements(&centres, &half, &edges, &group, 20.0, [1000.0, 400.0]);
        assert!(!all.is_empty());
        for pos in &all {
            assert_eq!(pos[0][1], pos[1][1]);
            assert!((pos[1][0] - pos[0][0] - 140.0).abs() < 0.01, "{pos:?}");
        }
    }

    /// A group whose run in the walk falls across the break between two rows goes whole into
    /// one of them when that row still fits, so it is drawn as one outline. Before, six boxes
    /// in two rows of three split the group of the third and fourth.
    #[test]
    fn a_group_is_not_split_between_rows_when_one_row_holds_it() {
        let centres: Vec<P> = (0..6).map(|i| [0.0, i as f32 * 10.0]).collect();
        let half = vec![[40.0, 20.0]; 6];
        let mut group = vec![None; 6];
        group[2] = Some(0);
        group[3] = Some(0);
        let all = arrangements(&centres, &half, &[], &group, 20.0, [400.0, 400.0]);
        // In two rows and in three (six rows of one cannot keep it whole).
        assert!(all.len() >= 2);
        for pos in &all[..2] {
            assert_eq!(pos[2][1], pos[3][1], "{pos:?}");
        }
        // Two rows, one of them with four boxes.
        let rows: std::collections::BTreeSet<i32> = all[0].iter().map(|p| p[1] as i32).collect();
        assert_eq!(rows.len(), 2, "{:?}", all[0]);
    }

    /// A row's end that the next unit in the walk does not fit takes one a little further on
    /// that does: two wide boxes and two narrow ones, in that order, go in two rows (a wide
    /// and a narrow one each). Before, the walk was kept strictly and needed three rows.
    #[test]
    fn a_row_s_end_takes_a_later_unit_that_fits_there() {
        let centres: Vec<P> = (0..4).map(|i| [0.0, i as f32 * 10.0]).collect();
        let half = vec![[300.0, 24.0], [300.0, 24.0], [150.0, 24.0], [150.0, 24.0]];
        let group = vec![None; 4];
        let gap = 20.0;
        let room = [1000.0 + 2.0 * EDGE * gap, 400.0];
        let all = arrangements(&centres, &half, &[], &group, gap, room);
        let rows: std::collections::BTreeSet<i32> = all[0].iter().map(|p| p[1] as i32).collect();
        assert_eq!(rows.len(), 2, "{:?}", all[0]);
        assert_eq!(all[0][0][1], all[0][2][1], "{:?}", all[0]);
        assert_eq!(all[0][1][1], all[0][3][1], "{:?}", all[0]);
    }

    /// A room too small for the boxes in any number of rows gets no arrangement.
    #[test]
    fn too_small_a_room_gets_none() {
        let centres: Vec<P> = (0..40).map(|i| [i as f32 * 10.0, 0.0]).collect();
        let half = vec![[60.0, 24.0]; 40];
        let group = vec![None; 40];
        assert!(arrangements(&centres, &half, &[], &group, 28.0, [800.0, 300.0]).is_empty());
    }
}
