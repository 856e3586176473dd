//! A dependency's path between two boxes: straight, or bowed sideways onto its own lane when
//! several join the same pair; where its line stops for the arrowhead; the arrowhead; the fuse
//! glyph of a circuit breaker. In the painter's units (map units, or screen pixels on the
//! canvas, where lanes keep their width at every zoom).

use super::geometry::{P, Rect, add, len, mul, normal, quad, sub, unit};

/// Sideways distance between the lanes of parallel dependencies.
pub const LANE: f32 = 14.0;
/// The arrowhead's half-width, as a share of its length.
const ARROW_HALF_WIDTH: f32 = 0.45;
/// The line stops this share of the arrowhead's length before the tip, so the tip stays sharp.
const LINE_STOP: f32 = 0.8;
/// Where a circuit breaker's fuse sits along its dependency.
const BREAKER_AT: f32 = 0.33;
/// Half the fuse glyph's length and width, per unit of `k` (see [`fuse`]).
const FUSE: [f32; 2] = [8.0, 5.0];
/// The fuse's line width, per unit of `k`.
const FUSE_STROKE: f32 = 1.5;
/// A bow smaller than this draws a straight line.
const MIN_BOW: f32 = 0.5;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DependencyPath {
    /// Where the path leaves the first box.
    pub start: P,
    /// The control point of a fanned (curved) path.
    pub ctrl: Option<P>,
    /// Where the line stops, at the arrowhead's base.
    pub end: P,
    /// Where the arrowhead's tip touches the second box.
    pub tip: P,
    /// The arrowhead's direction (unit length).
    pub dir: P,
    /// The arrowhead's length.
    pub head: f32,
}

impl DependencyPath {
    /// The path from box `from` to box `to` on lane `lane` (0 the middle, ±1 the next ones…),
    /// lanes [`LANE`] × `unit` apart, with an arrowhead `arrow` long (shorter on a very short
    /// path). `None` when the boxes share a centre.
    pub fn new(from: Rect, to: Rect, lane: f32, unit_len: f32, arrow: f32) -> Option<Self> {
        let bow = lane * LANE * unit_len;
        let dir = sub(to.center(), from.center());
        let u = unit(dir)?;
        let ctrl = add(add(from.center(), mul(dir, 0.5)), mul(normal(u), bow * 2.0));
        // Leave each box towards the control point, so fanned paths stay apart at the ends.
        let a = from.boundary(sub(ctrl, from.center()));
        let b = to.boundary(sub(ctrl, to.center()));
        let curved = bow.abs() >= MIN_BOW * unit_len;
        let end_dir = unit(sub(b, if curved { ctrl } else { a }))?;
        let head = arrow.min(len(sub(b, a)) * 0.5).max(unit_len.min(1.0));
        Some(DependencyPath {
            start: a,
            ctrl: curved.then_some(ctrl),
            end: sub(b, mul(end_dir, head * LINE_STOP)),
            tip: b,
            dir: end_dir,
            head,
        })
    }

    /// A straight path from `start` to the tip `tip` with an arrowhead `head` long (a legend's
    /// sample). `None` when the two points are the same.
    pub fn straight(start: P, tip: P, head: f32) -> Option<Self> {
        let dir = unit(sub(tip, start))?;
        Some(DependencyPath {
            start,
            ctrl: None,
            end: sub(tip, mul(dir, head * LINE_STOP)),
            tip,
            dir,
            head,
        })
    }

    /// The point a share `t` of the way from start to tip (by the curve's parameter).
    pub fn point_at(&self, t: f32) -> P {
        match self.ctrl {
            Some(c) => quad(self.start, c, self.tip, t),
            None => add(self.start, mul(sub(self.tip, self.start), t)),
        }
    }

    /// The middle of the path (badges and labels go beside it).
    pub fn mid(&self) -> P {
        self.point_at(0.5)
    }

    /// The whole path, start to tip: `steps` segments when curved.
    pub fn curve(&self, steps: usize) -> Vec<P> {
        match self.ctrl {
            Some(c) => (0..=steps.max(1))
                .map(|i| quad(self.start, c, self.tip, i as f32 / steps.max(1) as f32))
                .collect(),
            None => vec![self.start, self.tip],
        }
    }

    /// The line as drawn, start to the arrowhead's base: `steps` segments when curved.
    pub fn line(&self, steps: usize) -> Vec<P> {
        let mut pts = self.curve(steps);
        if let Some(last) = pts.last_mut() {
            *last = self.end;
        }
        pts
    }

    /// The arrowhead: tip and the two corners of its base.
    pub fn arrowhead(&self) -> [P; 3] {
        let base = sub(self.tip, mul(self.dir, self.head));
        let side = mul(normal(self.dir), self.head * ARROW_HALF_WIDTH);
        [self.tip, add(base, side), sub(base, side)]
    }

    /// The box the arrowhead covers (so labels keep clear of it).
    pub fn arrowhead_rect(&self) -> Rect {
        let base = sub(self.tip, mul(self.dir, self.head));
        Rect {
            min: self.tip,
            max: self.tip,
        }
        .include(base)
        .expand(self.head * ARROW_HALF_WIDTH)
    }

    /// Where a circuit breaker's fuse goes, and the path's direction there.
    pub fn breaker(&self) -> (P, P) {
        let t = BREAKER_AT;
        match self.ctrl {
            Some(c) => {
                let (a, b) = (self.start, self.tip);
                let tangent = add(mul(sub(c, a), 2.0 * (1.0 - t)), mul(sub(b, c), 2.0 * t));
                (quad(a, c, b, t), unit(tangent).unwrap_or(self.dir))
            }
            None => (self.point_at(t), self.dir),
        }
    }
}

/// The fuse glyph of a circuit breaker: a box across the line with the wire through it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fuse {
    pub body: [P; 4],
    pub wire: [P; 2],
    pub stroke: f32,
}

/// The fuse glyph at `at` along `dir`, `k` times its base size.
pub fn fuse(at: P, dir: P, k: f32) -> Fuse {
    let along = mul(dir, FUSE[0] * k);
    let across = mul(normal(dir), FUSE[1] * k);
    Fuse {
        body: [
            sub(sub(at, along), across),
            sub(add(at, along), across),
            add(add(at, along), across),
            add(sub(at, along), across),
        ],
        wire: [sub(at, along), add(at, along)],
        stroke: FUSE_STROKE * k,
    }
}

/// How big a fuse is drawn on a line `width` wide.
pub fn fuse_scale(width: f32) -> f32 {
    (width / 2.0).max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_paths_take_different_lanes_and_stop_before_the_tip() {
        let a = Rect::from_center_size([0.0, 0.0], [80.0, 30.0]);
        let b = Rect::from_center_size([300.0, 0.0], [80.0, 30.0]);
        let straight = DependencyPath::new(a, b, 0.0, 1.0, 11.0).unwrap();
        assert_eq!(straight.ctrl, None);
        let near = |a: P, b: P| len(sub(a, b)) < 1e-3;
        assert!(near(straight.start, [40.0, 0.0]), "{:?}", straight.start);
        assert!(near(straight.tip, [260.0, 0.0]), "{:?}", straight.tip);
        assert!((straight.end[0] - (260.0 - 11.0 * LINE_STOP)).abs() < 1e-3);
        let bowed = DependencyPath::new(a, b, 1.0, 1.0, 11.0).unwrap();
        let mid = bowed.mid();
        assert!(
            mid[1] > LANE,
            "bowed a lane's width and more off the middle: {mid:?}"
        );
        let other = DependencyPath::new(a, b, -1.0, 1.0, 11.0).unwrap().mid();
        assert!(
            (other[1] + mid[1]).abs() < 1e-3,
            "the next lane mirrors it: {other:?}"
        );
        assert!(DependencyPath::new(a, a, 0.0, 1.0, 11.0).is_none());
    }
}
