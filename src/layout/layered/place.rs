//! Coordinates within a part: rows one below the other; within a row, the order is kept and
//! each box is kept its width plus a gap from the next, while it is pulled towards its
//! neighbours in the row above (sweeping down) or below (sweeping up). Each pull is solved
//! exactly: the positions closest (least squares) to the wished ones that keep the order and
//! the gaps (pool-adjacent-violators). Dummies wish to sit on the straight line between their
//! edge's ends, and are as wide as that line is across a box's height, so the line passes
//! between the boxes of the rows it crosses. Rows move apart where steep lines need it. Last,
//! boxes a line still crosses are pushed sideways off it, or moved to another free place in
//! their row, when that lowers the number of lines through boxes. Boxes never leave their row.

use super::order::Layering;
use crate::layout::tidy::{LINE_MARGIN, Rect, segment_hits};

/// Gap between two boxes side by side, in canvas units.
pub(crate) const BOX_GAP_X: f32 = 28.0;
/// Gap between a box's bottom and the next row's top, in canvas units.
pub(crate) const ROW_GAP: f32 = 48.0;
/// Room a line passing between two boxes keeps on each side.
const LINE_ROOM: f32 = LINE_MARGIN + 4.0;
/// Room the lines of a row may take at least, as a share of its boxes' width with their gaps.
const LINES_SHARE: f32 = 1.5;
/// Half the room a line keeps between boxes at least, where a row holds more lines than room.
const MIN_LINE_ROOM: f32 = 1.0;
/// Rows move apart at most this many times their usual distance to let lines clear boxes.
const MAX_ROW_STRETCH: f32 = 2.5;
/// Sweeps (down and up) of the pulls.
const SWEEPS: usize = 10;
/// Rounds of pushing boxes off lines that still cross them.
const CLEAR_ROUNDS: usize = 16;
/// Parts of up to this many systems check that each push helps.
const CHECKED_MAX: usize = 200;

/// Centres of the part's nodes (dummies included), given the half sizes of the real ones.
pub(crate) fn coordinates(rows: &Layering, half: &[[f32; 2]]) -> Vec<[f32; 2]> {
    let n = rows.layer.len();
    let row_half: Vec<f32> = rows
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .filter(|&&v| !rows.is_dummy(v))
                .map(|&v| half[v as usize][1])
                .fold(0.0f32, f32::max)
        })
        .collect();
    let mut row_y = Vec::with_capacity(rows.rows.len());
    let mut y = 0.0f32;
    for (r, h) in row_half.iter().enumerate() {
        if r > 0 {
            y += row_half[r - 1] + ROW_GAP + h;
        }
        row_y.push(y);
    }
    // Half widths: dummies start thin and widen with their line's slope.
    let mut hw: Vec<f32> = (0..n)
        .map(|v| if v < rows.real { half[v][0] } else { LINE_ROOM })
        .collect();
    fit_dummies(rows, &mut hw);
    let mut x = vec![0.0f32; n];
    for row in &rows.rows {
        let mut at = 0.0;
        for (i, &v) in row.iter().enumerate() {
            if i > 0 {
                at += gap(rows, &hw, row[i - 1], v);
            }
            x[v as usize] = at;
        }
    }
    // Which chain each dummy is on, and where along it.
    let mut on_chain = vec![None; n];
    for (c, chain) in rows.chains.iter().enumerate() {
        for (k, &v) in chain.iter().enumerate() {
            if rows.is_dummy(v) {
                on_chain[v as usize] = Some((c, k));
            }
        }
    }
    for round in 0..2 {
        for s in 0..SWEEPS {
            let straighten = if round > 0 || s >= SWEEPS / 2 {
                8.0
            } else {
                0.0
            };
            let ctx = Pull {
                rows,
                hw: &hw,
                on_chain: &on_chain,
                row_y: &row_y,
                dummy_weight: straighten,
            };
            for r in 1..rows.rows.len() {
                ctx.row(r, true, &mut x);
            }
            for r in (0..rows.rows.len().saturating_sub(1)).rev() {
                ctx.row(r, false, &mut x);
            }
        }
        widen_dummies(rows, &row_y, &row_half, &x, &mut hw);
    }
    let mut row_y = spread_rows(rows, half, &row_half, &x);
    // Dummies onto their lines, as wide as the lines run sideways across a box's height at
    // the final rows, the boxes around them making room.
    for _ in 0..2 {
        widen_dummies(rows, &row_y, &row_half, &x, &mut hw);
        let ctx = Pull {
            rows,
            hw: &hw,
            on_chain: &on_chain,
            row_y: &row_y,
            dummy_weight: 1e4,
        };
        for r in 1..rows.rows.len() {
            ctx.row(r, true, &mut x);
        }
        row_y = spread_rows(rows, half, &row_half, &x);
    }
    let mut pos: Vec<[f32; 2]> = (0..n)
        .map(|v| [x[v], row_y[rows.layer[v] as usize]])
        .collect();
    clear_lines(rows, half, &hw, &mut pos);
    pos
}

/// Widens each dummy by how far its line runs sideways across a box's height.
fn widen_dummies(rows: &Layering, row_y: &[f32], row_half: &[f32], x: &[f32], hw: &mut [f32]) {
    for chain in &rows.chains {
        let (a, b) = (chain[0] as usize, chain[chain.len() - 1] as usize);
        let dy = (row_y[rows.layer[b] as usize] - row_y[rows.layer[a] as usize]).max(1.0);
        let slope = (x[b] - x[a]).abs() / dy;
        for &d in &chain[1..chain.len() - 1] {
            let h = row_half[rows.layer[d as usize] as usize];
            hw[d as usize] = LINE_ROOM + slope * (h + LINE_MARGIN);
        }
    }
    fit_dummies(rows, hw);
}

/// Narrows the dummies of each row whose lines would take more room than the row may have:
/// what its boxes and gaps leave of the row limit ([`super::ROW_MAX_WIDTH`]), or
/// [`LINES_SHARE`] times their width where that is more. Without it, a wide layer split in
/// rows that many lines cross grows without bound (57 systems, 116 lines across one row of 7:
/// 20 000 units wide), and the whole map shrinks to nothing at fit.
fn fit_dummies(rows: &Layering, hw: &mut [f32]) {
    for row in &rows.rows {
        let (mut boxes, mut lines) = (0.0f32, 0.0f32);
        for (i, &v) in row.iter().enumerate() {
            let w = 2.0 * hw[v as usize];
            if rows.is_dummy(v) {
                lines += w;
            } else {
                boxes += w + if i > 0 { BOX_GAP_X } else { 0.0 };
            }
        }
        let room = (super::ROW_MAX_WIDTH - boxes).max(boxes * LINES_SHARE);
        if lines > room {
            let k = room / lines;
            for &v in row.iter().filter(|&&v| rows.is_dummy(v)) {
                hw[v as usize] = (hw[v as usize] * k).max(MIN_LINE_ROOM);
            }
        }
    }
}

/// Layering far enough apart that a line leaving or reaching a box sideways clears the boxes
/// beside it in the same row (a steep line does; a flat one runs across its neighbours), up to
/// [`MAX_ROW_STRETCH`] times the usual distance.
fn spread_rows(rows: &Layering, half: &[[f32; 2]], row_half: &[f32], x: &[f32]) -> Vec<f32> {
    let count = rows.rows.len();
    let mut step: Vec<f32> = (1..count)
        .map(|r| row_half[r - 1] + ROW_GAP + row_half[r])
        .collect();
    let least = step.clone();
    for chain in &rows.chains {
        let (a, b) = (chain[0] as usize, chain[chain.len() - 1] as usize);
        let (la, lb) = (rows.layer[a] as usize, rows.layer[b] as usize);
        if lb <= la {
            continue;
        }
        let dx = (x[b] - x[a]).abs();
        for e in [a, b] {
            // Beside the end, the next box starts `half + gap` away; the line must be closer
            // than that (less its margin) when it crosses the row's band.
            let clear = (half[e][0] + BOX_GAP_X * 0.5 - LINE_MARGIN).max(1.0);
            let band = row_half[rows.layer[e] as usize] + LINE_MARGIN;
            let need = dx * band / (clear * (lb - la) as f32);
            for r in la..lb {
                step[r] = step[r].max(need.min(least[r] * MAX_ROW_STRETCH));
            }
        }
    }
    let mut y = Vec::with_capacity(count);
    let mut at = 0.0f32;
    for r in 0..count {
        if r > 0 {
            at += step[r - 1];
        }
        y.push(at);
    }
    y
}

/// Least distance between the centres of `u` and `v` side by side.
fn gap(rows: &Layering, hw: &[f32], u: u32, v: u32) -> f32 {
    let room = if rows.is_dummy(u) || rows.is_dummy(v) {
        0.0
    } else {
        BOX_GAP_X
    };
    hw[u as usize] + hw[v as usize] + room
}

/// What pulling a row needs.
struct Pull<'a> {
    rows: &'a Layering,
    hw: &'a [f32],
    /// Chain and place along it of each dummy.
    on_chain: &'a [Option<(usize, usize)>],
    row_y: &'a [f32],
    /// How strongly dummies are pulled onto their straight line (0: like any node).
    dummy_weight: f32,
}

impl Pull<'_> {
    /// Pulls the nodes of row `r` towards their neighbours above (`from_above`) or below, and
    /// dummies towards their straight line.
    fn row(&self, r: usize, from_above: bool, x: &mut [f32]) {
        let rows = self.rows;
        let row = &rows.rows[r];
        let mut wish = Vec::with_capacity(row.len());
        let mut weight = Vec::with_capacity(row.len());
        for &v in row {
            let v = v as usize;
            if self.dummy_weight > 0.0
                && let Some((c, _)) = self.on_chain[v]
            {
                let chain = &rows.chains[c];
                let (a, b) = (chain[0] as usize, chain[chain.len() - 1] as usize);
                let (ya, yb) = (
                    self.row_y[rows.layer[a] as usize],
                    self.row_y[rows.layer[b] as usize],
                );
                let t = ((self.row_y[r] - ya) / (yb - ya)).clamp(0.0, 1.0);
                wish.push(x[a] + t * (x[b] - x[a]));
                weight.push(self.dummy_weight);
                continue;
            }
            let nb = if from_above {
                &rows.up[v]
            } else {
                &rows.down[v]
            };
            if nb.is_empty() {
                wish.push(x[v]);
                weight.push(0.1);
                continue;
            }
            let (mut sum, mut total) = (0.0, 0.0);
            for &w in nb {
                let strength = match (rows.is_dummy(v as u32), rows.is_dummy(w)) {
                    (true, true) => 8.0,
                    (false, false) => 1.0,
                    _ => 2.0,
                };
                sum += strength * x[w as usize];
                total += strength;
            }
            wish.push(sum / total);
            weight.push(total);
        }
        let gaps: Vec<f32> = row
            .windows(2)
            .map(|p| gap(rows, self.hw, p[0], p[1]))
            .collect();
        for (&v, p) in row.iter().zip(closest_in_order(&wish, &weight, &gaps)) {
            x[v as usize] = p;
        }
    }
}

/// Positions as close as possible (weighted least squares) to `wish`, in order, with
/// `p[i + 1] - p[i] >= gaps[i]` (pool adjacent violators on the positions less the gaps).
pub(crate) fn closest_in_order(wish: &[f32], weight: &[f32], gaps: &[f32]) -> Vec<f32> {
    let mut offset = Vec::with_capacity(wish.len());
    let mut at = 0.0f32;
    for i in 0..wish.len() {
        if i > 0 {
            at += gaps[i - 1];
        }
        offset.push(at);
    }
    // Blocks of (sum of weight × target, sum of weight, count).
    let mut blocks: Vec<(f32, f32, usize)> = Vec::new();
    for i in 0..wish.len() {
        let w = weight[i].max(1e-3);
        blocks.push((w * (wish[i] - offset[i]), w, 1));
        while blocks.len() > 1 {
            let (s1, w1, c1) = blocks[blocks.len() - 1];
            let (s0, w0, c0) = blocks[blocks.len() - 2];
            if s0 / w0 <= s1 / w1 {
                break;
            }
            blocks.pop();
            if let Some(last) = blocks.last_mut() {
                *last = (s0 + s1, w0 + w1, c0 + c1);
            }
        }
    }
    let mut out = Vec::with_capacity(wish.len());
    for (s, w, c) in blocks {
        let level = s / w;
        for _ in 0..c {
            out.push(level + offset[out.len()]);
        }
    }
    out
}

fn boxed(p: [f32; 2], h: [f32; 2], grow: f32) -> Rect {
    [
        p[0] - h[0] - grow,
        p[1] - h[1] - grow,
        p[0] + h[0] + grow,
        p[1] + h[1] + grow,
    ]
}

/// Pushes boxes that a line still crosses sideways, off the line, with the rest of their row
/// on that side following to keep the gaps. On parts of up to [`CHECKED_MAX`] systems a push is
/// kept only when it lowers the number of lines through boxes (the other way is tried too).
fn clear_lines(rows: &Layering, half: &[[f32; 2]], hw: &[f32], pos: &mut [[f32; 2]]) {
    let real = rows.real;
    let lines: Vec<(usize, usize)> = rows
        .chains
        .iter()
        .map(|c| (c[0] as usize, c[c.len() - 1] as usize))
        .collect();
    let mut row_of = vec![(0, 0); rows.layer.len()];
    for (r, row) in rows.rows.iter().enumerate() {
        for (i, &v) in row.iter().enumerate() {
            row_of[v as usize] = (r, i);
        }
    }
    let hits = |pos: &[[f32; 2]], a: usize, b: usize, k: usize| {
        k != a && k != b && segment_hits(pos[a], pos[b], &boxed(pos[k], half[k], LINE_MARGIN))
    };
    let total = |pos: &[[f32; 2]]| {
        lines
            .iter()
            .map(|&(a, b)| (0..real).filter(|&k| hits(pos, a, b, k)).count())
            .sum::<usize>()
    };
    // What a push in row `r` can change: lines through its boxes, and its boxes' lines
    // through any box.
    let boxes_of: Vec<Vec<usize>> = rows
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|&v| v as usize)
                .filter(|&v| v < real)
                .collect()
        })
        .collect();
    let mut lines_of: Vec<Vec<(usize, usize)>> = vec![Vec::new(); rows.rows.len()];
    for &(a, b) in &lines {
        lines_of[row_of[a].0].push((a, b));
        lines_of[row_of[b].0].push((a, b));
    }
    let local = |pos: &[[f32; 2]], r: usize| {
        let through: usize = lines
            .iter()
            .map(|&(a, b)| boxes_of[r].iter().filter(|&&k| hits(pos, a, b, k)).count())
            .sum();
        let from: usize = lines_of[r]
            .iter()
            .map(|&(a, b)| {
                (0..real)
                    .filter(|&k| row_of[k].0 != r && hits(pos, a, b, k))
                    .count()
            })
            .sum();
        through + from
    };
    let checked = real <= CHECKED_MAX;
    let mut now = if checked { total(pos) } else { 1 };
    for _ in 0..CLEAR_ROUNDS {
        let mut moved = false;
        for &(a, b) in &lines {
            for k in 0..real {
                if now == 0 || !hits(pos, a, b, k) {
                    continue;
                }
                // Where the line is across the box's height.
                let (pa, pb) = (pos[a], pos[b]);
                let r = boxed(pos[k], half[k], LINE_MARGIN);
                let at_y = |y: f32| {
                    let t = ((y - pa[1]) / (pb[1] - pa[1])).clamp(0.0, 1.0);
                    pa[0] + t * (pb[0] - pa[0])
                };
                let (x0, x1) = (at_y(r[1]), at_y(r[3]));
                let (lo, hi) = (x0.min(x1), x0.max(x1));
                let right = hi + LINE_ROOM + half[k][0] - pos[k][0];
                let left = -(pos[k][0] - (lo - LINE_ROOM - half[k][0]));
                // A box beside an end of the line in its own row goes away from that end.
                let (row, i) = row_of[k];
                let end_x = [a, b]
                    .into_iter()
                    .find(|&e| row_of[e].0 == row)
                    .map(|e| pos[e][0]);
                let mut tries = match end_x {
                    Some(x) if x < pos[k][0] => [right, left],
                    Some(_) => [left, right],
                    None if right <= -left => [right, left],
                    None => [left, right],
                };
                if !checked {
                    tries[1] = 0.0;
                }
                for dx in tries {
                    if dx == 0.0 {
                        continue;
                    }
                    let saved: Vec<[f32; 2]> =
                        rows.rows[row].iter().map(|&v| pos[v as usize]).collect();
                    let before = if checked { local(pos, row) } else { 0 };
                    push(rows, hw, pos, row, i, dx);
                    if !checked {
                        moved = true;
                        break;
                    }
                    let after = (now + local(pos, row)).saturating_sub(before);
                    // Equal counts are taken too: the box is off this line, and the boxes it
                    // pushed onto others get their turn (the rounds are bounded).
                    if after < now || (after == now && !hits(pos, a, b, k)) {
                        now = after;
                        moved = true;
                        break;
                    }
                    for (&v, p) in rows.rows[row].iter().zip(saved) {
                        pos[v as usize] = p;
                    }
                }
            }
        }
        if !moved {
            break;
        }
    }
    if !checked || now == 0 {
        return;
    }
    // What pushing could not mend: a box still on a line tries every free place in its row
    // (between two boxes with room for it, or at either end), keeping the one with the fewest
    // lines through boxes if that is fewer than now.
    for k in 0..real {
        if !lines.iter().any(|&(a, b)| hits(pos, a, b, k)) {
            continue;
        }
        let row = row_of[k].0;
        let mut others: Vec<usize> = boxes_of[row].iter().copied().filter(|&v| v != k).collect();
        others.sort_by(|&u, &v| pos[u][0].total_cmp(&pos[v][0]));
        let room = |u: usize| hw[u] + hw[k] + BOX_GAP_X;
        let mut places = Vec::new();
        if let (Some(&first), Some(&last)) = (others.first(), others.last()) {
            places.push(pos[first][0] - room(first));
            places.push(pos[last][0] + room(last));
        }
        for pair in others.windows(2) {
            let (u, v) = (pair[0], pair[1]);
            if pos[v][0] - pos[u][0] >= room(u) + room(v) {
                places.push((pos[u][0] + room(u) + pos[v][0] - room(v)) * 0.5);
            }
        }
        let here = pos[k][0];
        let before = local(pos, row);
        let mut best = (before, here);
        for x in places {
            pos[k][0] = x;
            let c = local(pos, row);
            if c < best.0 || (c == best.0 && c < before && (x - here).abs() < (best.1 - here).abs())
            {
                best = (c, x);
            }
        }
        pos[k][0] = best.1;
        now = (now + best.0).saturating_sub(before);
        if now == 0 {
            return;
        }
    }
}

/// Moves node `i` of row `r` by `dx`, and the boxes beyond it as far as the gaps between boxes
/// need (dummies have done their work by now: their lines are where they are).
fn push(rows: &Layering, hw: &[f32], pos: &mut [[f32; 2]], r: usize, i: usize, dx: f32) {
    let row: Vec<u32> = rows.rows[r]
        .iter()
        .copied()
        .filter(|&v| !rows.is_dummy(v))
        .collect();
    let me = rows.rows[r][i];
    let Some(i) = row.iter().position(|&v| v == me) else {
        return;
    };
    pos[me as usize][0] += dx;
    if dx > 0.0 {
        for j in i + 1..row.len() {
            let least = pos[row[j - 1] as usize][0] + gap(rows, hw, row[j - 1], row[j]);
            if pos[row[j] as usize][0] >= least {
                break;
            }
            pos[row[j] as usize][0] = least;
        }
    } else {
        for j in (0..i).rev() {
            let most = pos[row[j + 1] as usize][0] - gap(rows, hw, row[j], row[j + 1]);
            if pos[row[j] as usize][0] <= most {
                break;
            }
            pos[row[j] as usize][0] = most;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_positions_keep_order_and_gaps() {
        // Two boxes both wishing for 0, 10 apart: they share the difference.
        let p = closest_in_order(&[0.0, 0.0], &[1.0, 1.0], &[10.0]);
        assert_eq!(p, vec![-5.0, 5.0]);
        // Far enough apart already: untouched.
        let p = closest_in_order(&[0.0, 50.0, 49.0], &[1.0, 1.0, 3.0], &[10.0, 10.0]);
        assert!((p[1] - p[0]) >= 10.0 - 1e-4 && (p[2] - p[1]) >= 10.0 - 1e-4);
        assert_eq!(p[0], 0.0);
        assert!(closest_in_order(&[], &[], &[]).is_empty());
    }
}
