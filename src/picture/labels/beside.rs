//! A name put beside its box, when the box is too small and too crowded to hold it.

use std::cell::Cell;

use super::super::geometry::{Occupancy, P, Rect};
use super::{LabelPlan, MARGIN};

/// Where a label of `size` goes beside the box `r`, clear of the labels placed so far
/// (`occupied`), of every box (`boxes`) and inside `within`: below, above, right, left, then
/// the corners.
pub(super) fn spot(
    r: Rect,
    size: P,
    within: Option<Rect>,
    occupied: &Occupancy,
    boxes: &Occupancy,
) -> Option<Rect> {
    let c = r.center();
    let (hw, hh) = (
        r.width() / 2.0 + size[0] / 2.0,
        r.height() / 2.0 + size[1] / 2.0,
    );
    // Both labels' margins apart from what is beside the box.
    let (dx, dy) = (hw + MARGIN * 2.0, hh + MARGIN * 2.0);
    // Below and above, centred then slid along the box's side by quarters
    // of the name up to its end or start at the box's far side (so it reaches
    // past one neighbour rather than both); left and right, level then half a
    // line down or up; then the corners.
    let slide = (size[0] - r.width()).max(0.0) / 2.0;
    let steps = [0.0, -0.25, 0.25, -0.5, 0.5, -0.75, 0.75, -1.0, 1.0];
    let along = |y: f32| {
        steps.into_iter().filter_map(move |k: f32| {
            let x = k * (size[0] / 2.0).max(1.0);
            (x.abs() <= slide + 0.01 || k == 0.0).then_some([c[0] + x, y])
        })
    };
    let level = |x: f32| {
        [0.0, 0.5, -0.5]
            .into_iter()
            .map(move |k: f32| [x, c[1] + k * size[1]])
    };
    along(c[1] + dy)
        .chain(along(c[1] - dy))
        .chain(level(c[0] + dx))
        .chain(level(c[0] - dx))
        .chain([
            [c[0] + dx, c[1] + dy],
            [c[0] - dx, c[1] + dy],
            [c[0] + dx, c[1] - dy],
            [c[0] - dx, c[1] - dy],
        ])
        .map(|at| Rect::from_center_size(at, size))
        .find(|t| {
            within.is_none_or(|w| w.contains_rect(t))
                && occupied.is_free(&t.expand(MARGIN))
                && boxes.is_free(t)
        })
}

/// How many spots farther off [`far_spot`] looks at in one placement of every label, at most
/// (the 86-system maps measured use at most 5 000; a generated estate of 300 systems at fit
/// spends it all, in about a millisecond).
pub(super) const FAR_BUDGET: usize = 6_000;
/// How many line heights past the spots beside the box [`far_spot`] looks, at most.
const FAR_LINES: usize = 10;
/// Half the width of what a leader keeps clear, in pixels.
const LEADER_HALF: f32 = 1.0;
/// The length (across or down) of the pieces a slanted leader keeps clear, in pixels.
const LEADER_PIECE: f32 = 6.0;

/// Where a label of `size` goes when every spot beside the box `r` is taken: straight below,
/// above, right or left of it, or off a corner, a line height farther each time (the nearer
/// first), clear of the labels placed so far and of every box, with the leader that joins it
/// to the box crossing no other box and no label. Returns the label's rectangle and its leader's two ends.
///
/// Each spot looked at takes one from `budget`; none is looked at once it is spent, so a
/// crowded map of hundreds of systems at fit stays quick to draw.
pub(super) fn far_spot(
    r: Rect,
    size: P,
    within: Option<Rect>,
    occupied: &Occupancy,
    boxes: &Occupancy,
    budget: &Cell<usize>,
) -> Option<(Rect, [P; 2])> {
    let c = r.center();
    let gap = MARGIN * 2.0;
    let line = size[1];
    // Below and above: the label centred on the box, or slid so that it still spans the
    // box's middle (its leader stays straight); right and left: level with the box.
    let slide = [0.0, -0.25, 0.25, -0.45, 0.45].map(|k| k * size[0]);
    (1..=FAR_LINES).find_map(|n| {
        let away = gap + line * n as f32;
        let below = slide.map(|dx| {
            let t = Rect::from_min_size([c[0] + dx - size[0] / 2.0, r.max[1] + away], size);
            (t, [[c[0], r.max[1]], [c[0], t.min[1]]])
        });
        let above = slide.map(|dx| {
            let t =
                Rect::from_min_size([c[0] + dx - size[0] / 2.0, r.min[1] - away - size[1]], size);
            (t, [[c[0], t.max[1]], [c[0], r.min[1]]])
        });
        let right = {
            let t = Rect::from_min_size([r.max[0] + away, c[1] - size[1] / 2.0], size);
            (t, [[r.max[0], c[1]], [t.min[0], c[1]]])
        };
        let left = {
            let t = Rect::from_min_size([r.min[0] - away - size[0], c[1] - size[1] / 2.0], size);
            (t, [[t.max[0], c[1]], [r.min[0], c[1]]])
        };
        // Off a corner: the label's near corner diagonally out from the box's.
        let corner = |sx: f32, sy: f32| {
            let d = away * std::f32::consts::FRAC_1_SQRT_2;
            let from = [
                if sx > 0.0 { r.max[0] } else { r.min[0] },
                if sy > 0.0 { r.max[1] } else { r.min[1] },
            ];
            let near = [from[0] + sx * d, from[1] + sy * d];
            let min = [
                if sx > 0.0 { near[0] } else { near[0] - size[0] },
                if sy > 0.0 { near[1] } else { near[1] - size[1] },
            ];
            (Rect::from_min_size(min, size), [from, near])
        };
        let corners =
            [(1.0, 1.0), (-1.0, 1.0), (1.0, -1.0), (-1.0, -1.0)].map(|(sx, sy)| corner(sx, sy));
        below
            .into_iter()
            .chain(above)
            .chain([right, left])
            .chain(corners)
            .take_while(|_| {
                let left = budget.get();
                budget.set(left.saturating_sub(1));
                left > 0
            })
            .find(|(t, [a, b])| {
                within.is_none_or(|w| w.contains_rect(t))
                    && occupied.is_free(&t.expand(MARGIN))
                    && boxes.is_free(t)
                    && occupied.segment_free_but(*a, *b, &r)
                    && boxes.segment_free_but(*a, *b, &r)
            })
    })
}

/// What a leader from `ends[0]` to `ends[1]` keeps clear of later labels: the rectangles
/// spanned by its pieces a few pixels long (one thin one for a leader straight across or down).
fn leader_rects(ends: [P; 2]) -> Vec<Rect> {
    let [a, b] = ends;
    let d = [b[0] - a[0], b[1] - a[1]];
    let pieces = if d[0] == 0.0 || d[1] == 0.0 {
        1
    } else {
        (d[0].abs().max(d[1].abs()) / LEADER_PIECE)
            .ceil()
            .clamp(1.0, 64.0) as usize
    };
    let at = |k: usize| {
        let t = k as f32 / pieces as f32;
        [a[0] + d[0] * t, a[1] + d[1] * t]
    };
    (0..pieces)
        .map(|k| {
            let p = at(k);
            Rect { min: p, max: p }
                .include(at(k + 1))
                .expand(LEADER_HALF)
        })
        .collect()
}

/// A label put beside its box.
pub(super) struct Beside {
    /// Where the label is.
    pub at: Rect,
    pub text: String,
    /// The line joining it to the box, when it is farther off than beside it.
    pub leader: Option<[P; 2]>,
    /// Its size in pixels.
    pub px: f32,
}

/// The plan of system `index`, its box `r` as it is and its label `b` beside it; the box, the
/// label and its leader are taken in `occupied`.
pub(super) fn plan(occupied: &mut Occupancy, index: usize, r: Rect, b: Beside) -> LabelPlan {
    occupied.take(r);
    occupied.take(b.at.expand(MARGIN));
    for piece in b.leader.map(leader_rects).unwrap_or_default() {
        occupied.take(piece);
    }
    LabelPlan {
        index,
        rect: r,
        label: Some(b.text),
        label_outside: Some(b.at.center()),
        leader: b.leader,
        px: b.px,
        owner: None,
    }
}
