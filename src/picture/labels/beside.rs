//! A name put beside its box, when the box is too small and too crowded to hold it.

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

/// The plan of system `index`, its box `r` as it is and its label `text` at `t` beside it; both
/// are taken in `occupied`.
pub(super) fn plan(
    occupied: &mut Occupancy,
    index: usize,
    r: Rect,
    t: Rect,
    text: String,
) -> LabelPlan {
    occupied.take(r);
    occupied.take(t.expand(MARGIN));
    LabelPlan {
        index,
        rect: r,
        label: Some(text),
        label_outside: Some(t.center()),
        owner: None,
    }
}
