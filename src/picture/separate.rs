//! Boxes that the export draws larger than the canvas laid them out (full names, glyph room,
//! a projector's bigger labels) are pushed apart so they never cover each other.

use super::geometry::{P, Rect, add, mul, sub};
use super::map::SystemItem;
use crate::layout::boxes::{lines_through, separate_boxes};

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
    fn shift(&mut self, by: P) {
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
