//! Boxes that the export draws larger than the canvas laid them out (full names, glyph room,
//! a projector's bigger labels) are pushed apart so they never cover each other.

use super::geometry::{P, Rect, add, mul, sub};
use super::map::SystemItem;
use crate::layout::boxes::{lines_through, separate_boxes, tidy_within};
use crate::layout::tidy::TIDY_MAX_NODES;

/// Space kept between boxes, in map units: room for an arrowhead between neighbours.
pub const SEPARATION: f32 = 20.0;

/// Pushes overlapping boxes apart along the axis of least overlap, half each, until none
/// overlap (with `gap`) or the sweeps run out (`layout::boxes::separate_boxes`). The layout
/// spaced the boxes for the canvas's sizes; the export's can be larger (full names, glyph
/// room), and must not cover each other. Deterministic: pairs are visited in id order.
pub fn separate(systems: &mut [SystemItem<'_>], gap: f32) {
    let centres: Vec<P> = systems.iter().map(|s| s.rect.center()).collect();
    let half: Vec<[f32; 2]> = systems
        .iter()
        .map(|s| [s.rect.width() / 2.0, s.rect.height() / 2.0])
        .collect();
    let mut pos = centres.clone();
    separate_boxes(&mut pos, &half, gap);
    for ((s, c), p) in systems.iter_mut().zip(&centres).zip(&pos) {
        if p != c {
            s.shift(sub(*p, *c));
        }
    }
}

impl SystemItem<'_> {
    pub(super) fn shift(&mut self, by: P) {
        self.rect = Rect {
            min: add(self.rect.min, by),
            max: add(self.rect.max, by),
        };
        self.label.shift(by);
    }
}

/// Spreads the systems' centres out by the least factor in `1..=max` (boxes keep their size)
/// that draws no more overlapping boxes and lines through boxes than spreading by `max` would:
/// a projector's bigger boxes then take the room the map has, and only spread it where they
/// need to. `edges` are pairs of indices into `systems`. Returns the factor (about the origin).
pub fn spread_out(systems: &mut [SystemItem<'_>], edges: &[(u32, u32)], max: f32) -> f32 {
    const STEPS: usize = 8;
    if !(max.is_finite() && max > 1.0) || systems.len() < 2 {
        return 1.0;
    }
    let centres: Vec<P> = systems.iter().map(|s| s.rect.center()).collect();
    let half: Vec<[f32; 2]> = systems
        .iter()
        .map(|s| [s.rect.width() / 2.0, s.rect.height() / 2.0])
        .collect();
    let conflicts = |k: f32| {
        let pos: Vec<[f32; 2]> = centres.iter().map(|c| mul(*c, k)).collect();
        let mut boxes = 0;
        for i in 0..pos.len() {
            for j in i + 1..pos.len() {
                let dx = (pos[i][0] - pos[j][0]).abs() - half[i][0] - half[j][0];
                let dy = (pos[i][1] - pos[j][1]).abs() - half[i][1] - half[j][1];
                if dx < 0.0 && dy < 0.0 {
                    boxes += 1;
                }
            }
        }
        boxes + lines_through(&pos, &half, edges, 0.0)
    };
    let worst = conflicts(max);
    let k = (0..=STEPS)
        .map(|i| 1.0 + (max - 1.0) * i as f32 / STEPS as f32)
        .find(|&k| conflicts(k) <= worst)
        .unwrap_or(max);
    for (s, c) in systems.iter_mut().zip(&centres) {
        s.shift(sub(mul(*c, k), *c));
    }
    k
}

/// Moves the systems' centres towards their middle (boxes keep their size, overlaps are pushed
/// apart again) by the least amount that makes the boxes' bounds fit `room` (map units): a map
/// laid out for the canvas is often too loose for its names to keep their size on one slide.
/// Among the few factors just inside the fit, the one with the fewest lines through boxes wins,
/// then the layout's final pass moves boxes off the lines left, inside the room. A group's
/// members close in on their group's middle by the map's factor to the power `members_in`
/// (0: they keep their places around it).
/// Returns `false`, changing nothing, when even the tightest packing does not fit.
pub fn compact(
    systems: &mut [SystemItem<'_>],
    edges: &[(u32, u32)],
    group: &[Option<u32>],
    gap: f32,
    room: P,
    members_in: f32,
) -> bool {
    /// Factors tried, from 1 down.
    const STEPS: usize = 50;
    /// Tighter factors also tried, as shares of the loosest (fewer lines through boxes?).
    const TIGHTER: [f32; 4] = [0.97, 0.94, 0.91, 0.88];
    /// Rounds of `separate_boxes` before a packing counts as impossible.
    const PARTINGS: usize = 8;
    /// Boxes (with their gaps) covering more of the room than this are not packed: denser
    /// ones never fitted on the maps measured (projector slides of 65 and 86 systems need
    /// 67 % and 84 %); 70- and 86-system estates in the light theme need 27 % and 34 %.
    const MAX_DENSITY: f32 = 0.45;
    if !((2..=TIDY_MAX_NODES).contains(&systems.len()) && room[0] > 0.0 && room[1] > 0.0) {
        return false;
    }
    let area: f32 = systems
        .iter()
        .map(|s| (s.rect.width() + gap) * (s.rect.height() + gap))
        .sum();
    if area > MAX_DENSITY * room[0] * room[1] {
        return false;
    }
    let drawn: Vec<P> = systems.iter().map(|s| s.rect.center()).collect();
    let half: Vec<[f32; 2]> = systems
        .iter()
        .map(|s| [s.rect.width() / 2.0, s.rect.height() / 2.0])
        .collect();
    // A layered map keeps its rows: its groups close in as the map does, and the final pass
    // (which moves boxes off lines in any direction) is left to the routing of lines. A row
    // wider than the room is staggered into two.
    let rows = in_rows(systems);
    let mut centres = drawn.clone();
    if rows {
        stagger_wide_rows(&mut centres, &half, gap, room[0]);
    }
    // The rows, found once for every factor tried.
    let row_list = if rows { rows_of(&centres) } else { Vec::new() };
    let members_in = if rows { 1.0 } else { members_in };
    let n = centres.len() as f32;
    let middle = centres
        .iter()
        .fold([0.0, 0.0], |m, c| add(m, mul(*c, 1.0 / n)));
    // A map taller (or wider) for its frame than the frame is moves closer along that side
    // more: the boxes then take the frame's shape.
    let (lo, hi) = extent(&centres, &half);
    let aspect = ((hi[0] - lo[0]) / (hi[1] - lo[1])) / (room[0] / room[1]);
    let squeeze = if aspect.is_finite() && aspect > 0.0 {
        [(1.0 / aspect).min(1.0), aspect.min(1.0)]
    } else {
        [1.0, 1.0]
    };
    // A group's members move with their group's middle and close in on it less, so groups
    // stay together rather than being pushed through each other.
    let home = group_middles(&centres, group);
    let packed = |k: f32| {
        let inner = k.powf(members_in);
        let mut pos: Vec<P> = centres
            .iter()
            .zip(&home)
            .map(|(c, h)| {
                let d = sub(*h, middle);
                let own = sub(*c, *h);
                add(
                    middle,
                    [
                        (d[0] * k + own[0] * inner) * squeeze[0],
                        (d[1] * k + own[1] * inner) * squeeze[1],
                    ],
                )
            })
            .collect();
        if rows {
            // Rows stay rows: they close in by the factor but never nearer than their boxes
            // allow (rows laid out close stay as they are while far ones close in), and boxes
            // are parted along their row only.
            let ys = rows_closer(&row_list, &centres, &half, k * squeeze[1], gap);
            for (p, y) in pos.iter_mut().zip(ys) {
                p[1] = y;
            }
            let apart = part_rows(&mut pos, &half, gap);
            return (apart, pos);
        }
        // Packing tightly needs more sweeps than parting a few boxes.
        let apart = (0..PARTINGS).any(|_| separate_boxes(&mut pos, &half, gap));
        (apart, pos)
    };
    let fits = |pos: &[P]| {
        let (lo, hi) = extent(pos, &half);
        hi[0] - lo[0] <= room[0] && hi[1] - lo[1] <= room[1]
    };
    // The loosest factor (in steps, from loose to tight) whose packing parts every box and
    // fits; the packing's size is not monotonic in the factor (a tight squeeze bursts apart).
    let loosest = (0..STEPS).map(|i| 1.0 - i as f32 / STEPS as f32).find(|k| {
        let (apart, pos) = packed(*k);
        apart && fits(&pos)
    });
    let Some(lo) = loosest else {
        return false;
    };
    let best = std::iter::once(lo)
        .chain(TIGHTER.iter().map(|t| lo * t))
        .filter(|k| *k > 0.0)
        .map(packed)
        .filter(|(apart, pos)| *apart && fits(pos))
        .map(|(_, pos)| (lines_through(&pos, &half, edges, 0.0), pos))
        .min_by_key(|(through, _)| *through);
    let Some((_, mut pos)) = best else {
        return false;
    };
    if rows {
        // Rows closed in by the factor the room's width needed: they then take the room's
        // shape, apart as far as its height allows without the map growing taller than that
        // shape (which would shrink the names), or closer where the packing left the map
        // taller than it (never nearer than their boxes allow: `rows_closer`). Before, a wide
        // layered map of 57 systems left a third of the slide blank and ran its lines round
        // the rows; taller ones (39, 26 and 71 systems in layers) now close in by 1–10 %.
        let (lo, hi) = extent(&pos, &half);
        let tallest = room[1].min((hi[0] - lo[0]) * room[1] / room[0]);
        if let Some(ys) = (0..STEPS)
            .map(|i| 1.0 - i as f32 / STEPS as f32)
            .map(|ky| rows_closer(&row_list, &centres, &half, ky, gap))
            .find(|ys| {
                let (lo, hi) = ys
                    .iter()
                    .zip(&half)
                    .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), (y, h)| {
                        (lo.min(y - h[1]), hi.max(y + h[1]))
                    });
                hi - lo <= tallest
            })
        {
            for (p, y) in pos.iter_mut().zip(ys) {
                p[1] = y;
            }
        }
    }
    // Packed tightly, some lines pass through boxes: the layout's final pass moves those boxes
    // off them, inside the room.
    let (lo, hi) = extent(&pos, &half);
    let mid = mul(add(lo, hi), 0.5);
    let within = [
        mid[0] - room[0] / 2.0,
        mid[1] - room[1] / 2.0,
        mid[0] + room[0] / 2.0,
        mid[1] + room[1] / 2.0,
    ];
    // Boxes as drawn plus half the gap each, so the pass keeps them `gap` apart.
    let padded: Vec<[f32; 2]> = half
        .iter()
        .map(|h| [h[0] + gap / 2.0, h[1] + gap / 2.0])
        .collect();
    if !rows {
        tidy_within(&mut pos, &padded, edges, group, within);
        // The pass may leave two boxes touching where it moved one off a line: part them again
        // (any still touching count against the packing in `Dressed::conflicts`).
        for _ in 0..PARTINGS {
            if separate_boxes(&mut pos, &half, gap) {
                break;
            }
        }
    }
    for ((s, c), p) in systems.iter_mut().zip(&drawn).zip(&pos) {
        s.shift(sub(*p, *c));
    }
    true
}

/// Each system's group's middle (the mean of its members' `centres`), or its own centre when it
/// is in no group.
pub(super) fn group_middles(centres: &[P], group: &[Option<u32>]) -> Vec<P> {
    let mut sums: std::collections::HashMap<u32, (P, f32)> = std::collections::HashMap::new();
    for (c, g) in centres.iter().zip(group) {
        if let Some(g) = g {
            let e = sums.entry(*g).or_insert(([0.0, 0.0], 0.0));
            e.0 = add(e.0, *c);
            e.1 += 1.0;
        }
    }
    centres
        .iter()
        .enumerate()
        .map(|(i, c)| {
            group
                .get(i)
                .copied()
                .flatten()
                .and_then(|g| sums.get(&g))
                .map_or(*c, |(sum, n)| mul(*sum, 1.0 / n))
        })
        .collect()
}

/// The rows (centres at one height) of `centres` in height order, as indices.
fn rows_of(centres: &[P]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..centres.len()).collect();
    order.sort_by(|&a, &b| {
        centres[a][1]
            .total_cmp(&centres[b][1])
            .then(centres[a][0].total_cmp(&centres[b][0]))
    });
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for i in order {
        match rows.last_mut() {
            Some(row) if (centres[i][1] - centres[row[0]][1]).abs() < 0.5 => row.push(i),
            _ => rows.push(vec![i]),
        }
    }
    rows
}

/// Staggers each row whose boxes side by side (`gap` apart) are wider than `width` into two:
/// every other box, from the left, moves to a row of its own just below, and the rows below
/// move down to make room. Left-to-right order and callers above callees are kept; the lines
/// between a row and the one below pass between the staggered boxes.
fn stagger_wide_rows(centres: &mut [P], half: &[[f32; 2]], gap: f32, width: f32) {
    let mut down = 0.0;
    for row in rows_of(centres) {
        for &i in &row {
            centres[i][1] += down;
        }
        let wide: f32 = row.iter().map(|&i| 2.0 * half[i][0] + gap).sum::<f32>() - gap;
        if row.len() < 2 || wide <= width {
            continue;
        }
        let tall = row.iter().map(|&i| half[i][1]).fold(0.0, f32::max);
        let step = 2.0 * tall + gap;
        for &i in row.iter().skip(1).step_by(2) {
            centres[i][1] += step;
        }
        down += step;
    }
}

/// Whether `systems` are laid out in rows (most share their height with another), as the
/// layered layout leaves them.
pub fn in_rows(systems: &[SystemItem<'_>]) -> bool {
    let mut ys: Vec<f32> = systems.iter().map(|s| s.rect.center()[1]).collect();
    ys.sort_by(f32::total_cmp);
    let level = |i: usize| {
        (i > 0 && (ys[i] - ys[i - 1]).abs() < 0.5)
            || (i + 1 < ys.len() && (ys[i + 1] - ys[i]).abs() < 0.5)
    };
    let paired = (0..ys.len()).filter(|&i| level(i)).count();
    ys.len() >= 4 && paired * 5 >= ys.len() * 4
}

/// The heights of `rows` (from [`rows_of`] on `centres`, boxes of half sizes `half`) moved
/// closer by factor `k` about their middle, each row at least `gap` below the boxes of the row
/// above: the gaps between rows shrink by `k` down to what the boxes need, in order, so a row
/// never meets or passes its neighbour.
fn rows_closer(
    rows: &[Vec<usize>],
    centres: &[P],
    half: &[[f32; 2]],
    k: f32,
    gap: f32,
) -> Vec<f32> {
    // Rows as (height, tallest half height, members).
    let rows: Vec<(f32, f32, &[usize])> = rows
        .iter()
        .map(|row| {
            let tall = row.iter().map(|&i| half[i][1]).fold(0.0, f32::max);
            (centres[row[0]][1], tall, &row[..])
        })
        .collect();
    let mut ys = vec![0.0; centres.len()];
    let Some(first) = rows.first() else {
        return ys;
    };
    let mut placed = Vec::with_capacity(rows.len());
    let mut at = first.0;
    placed.push(at);
    for w in rows.windows(2) {
        let (above, below) = (&w[0], &w[1]);
        at += ((below.0 - above.0) * k).max(above.1 + below.1 + gap);
        placed.push(at);
    }
    // About the middle, as the rest of the packing.
    let before = f32::midpoint(rows[0].0, rows[rows.len() - 1].0);
    let after = f32::midpoint(placed[0], placed[placed.len() - 1]);
    for ((_, _, members), y) in rows.iter().zip(&placed) {
        for &i in *members {
            ys[i] = y - after + before;
        }
    }
    ys
}

/// Rows placed exactly `gap` apart (`rows_closer`) may come out this much closer, by rounding,
/// and still count as parted.
const ROW_SLACK: f32 = 0.01;

/// Parts the boxes of each row (centres at the same height) along it, `gap` apart, keeping
/// the row's middle; returns whether the boxes of different rows are then apart too.
fn part_rows(pos: &mut [P], half: &[[f32; 2]], gap: f32) -> bool {
    for row in rows_of(pos) {
        let before: f32 = row.iter().map(|&i| pos[i][0]).sum::<f32>() / row.len() as f32;
        for w in 1..row.len() {
            let (a, b) = (row[w - 1], row[w]);
            let least = pos[a][0] + half[a][0] + gap + half[b][0];
            if pos[b][0] < least {
                pos[b][0] = least;
            }
        }
        let after: f32 = row.iter().map(|&i| pos[i][0]).sum::<f32>() / row.len() as f32;
        for &i in &row {
            pos[i][0] -= after - before;
        }
    }
    (0..pos.len()).all(|i| {
        (i + 1..pos.len()).all(|j| {
            (pos[i][1] - pos[j][1]).abs() < 0.5
                || (pos[i][0] - pos[j][0]).abs() >= half[i][0] + half[j][0]
                || (pos[i][1] - pos[j][1]).abs() >= half[i][1] + half[j][1] + gap - ROW_SLACK
        })
    })
}

/// The least and greatest corners of boxes with centres `pos` and half sizes `half`.
pub(super) fn extent(pos: &[P], half: &[[f32; 2]]) -> (P, P) {
    let (mut lo, mut hi) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
    for (p, h) in pos.iter().zip(half) {
        for a in 0..2 {
            lo[a] = lo[a].min(p[a] - h[a]);
            hi[a] = hi[a].max(p[a] + h[a]);
        }
    }
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows closed in as far as their boxes allow count as parted. Before, rounding left some
    /// rows a hair nearer than `gap` once moved back about the middle, so every tight packing
    /// of a layered map counted as failed: the 39-system estate laid out in layers grew to
    /// 1.4 projector slides although its rows fitted.
    #[test]
    fn rows_closed_in_to_the_least_gap_are_parted() {
        let gap = 20.0 * 20.0 / 14.0;
        let half = vec![[80.0, 15.0 * 20.0 / 14.0]; 8];
        let refused: Vec<usize> = (0..200)
            .filter(|&step| {
                let top = -731.3 + step as f32 * 13.7;
                let centres: Vec<P> = (0..8).map(|r| [0.0, top + r as f32 * 171.9]).collect();
                let ys = rows_closer(&rows_of(&centres), &centres, &half, 0.05, gap);
                let mut pos: Vec<P> = ys.iter().map(|&y| [0.0, y]).collect();
                !part_rows(&mut pos, &half, gap)
            })
            .collect();
        assert!(refused.is_empty(), "{refused:?}");
    }
}
