//! Boxes that the export draws larger than the canvas laid them out (full names, glyph room,
//! a projector's bigger labels) are pushed apart so they never cover each other.

use std::collections::HashMap;

use super::geometry::{P, Rect, add, mul};
use super::map::SystemItem;

/// Space kept between boxes, in map units: room for an arrowhead between neighbours.
pub const SEPARATION: f32 = 20.0;
/// Sweeps at most this often over the boxes to push overlapping ones apart.
const SEPARATE_SWEEPS: usize = 40;

/// Pushes overlapping boxes apart along the axis of least overlap, half each, until none
/// overlap (with `gap`) or the sweeps run out. The layout spaced the boxes for the canvas's
/// sizes; the export's can be larger (full names, glyph room), and must not cover each other.
/// Deterministic: pairs are visited in id order.
pub fn separate(systems: &mut [SystemItem<'_>], gap: f32) {
    let n = systems.len();
    if n < 2 {
        return;
    }
    let mut sizes: Vec<f32> = systems
        .iter()
        .map(|s| s.rect.width().max(s.rect.height()))
        .collect();
    sizes.sort_by(f32::total_cmp);
    let cell = (sizes[n / 2] + gap).max(1.0);
    for _ in 0..SEPARATE_SWEEPS {
        let key = |v: f32| (v / cell).floor() as i64;
        let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        for (i, s) in systems.iter().enumerate() {
            let r = s.rect;
            let (x0, x1, y0, y1) = (key(r.min[0]), key(r.max[0]), key(r.min[1]), key(r.max[1]));
            if x1.saturating_sub(x0).saturating_mul(y1.saturating_sub(y0)) > 256 {
                grid.entry((x0, y0)).or_default().push(i);
                continue;
            }
            for x in x0..=x1 {
                for y in y0..=y1 {
                    grid.entry((x, y)).or_default().push(i);
                }
            }
        }
        let mut moved = false;
        let mut near = Vec::new();
        for i in 0..n {
            let r = systems[i].rect;
            let (x0, x1, y0, y1) = (key(r.min[0]), key(r.max[0]), key(r.min[1]), key(r.max[1]));
            near.clear();
            if x1.saturating_sub(x0).saturating_mul(y1.saturating_sub(y0)) <= 256 {
                for x in x0..=x1 {
                    for y in y0..=y1 {
                        if let Some(v) = grid.get(&(x, y)) {
                            near.extend(v.iter().copied().filter(|j| *j > i));
                        }
                    }
                }
            }
            near.sort_unstable();
            near.dedup();
            for &j in &near {
                let a = systems[i].rect.expand(gap / 2.0);
                let b = systems[j].rect.expand(gap / 2.0);
                if !a.intersects(&b) {
                    continue;
                }
                let ox = a.max[0].min(b.max[0]) - a.min[0].max(b.min[0]);
                let oy = a.max[1].min(b.max[1]) - a.min[1].max(b.min[1]);
                let (ca, cb) = (a.center(), b.center());
                let by = if ox <= oy {
                    [if cb[0] >= ca[0] { ox / 2.0 } else { -ox / 2.0 }, 0.0]
                } else {
                    [0.0, if cb[1] >= ca[1] { oy / 2.0 } else { -oy / 2.0 }]
                };
                systems[i].shift(mul(by, -1.0));
                systems[j].shift(by);
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
}

impl SystemItem<'_> {
    fn shift(&mut self, by: P) {
        self.rect = Rect {
            min: add(self.rect.min, by),
            max: add(self.rect.max, by),
        };
        self.label.shift(by);
    }
}
