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
/// The radius of a routed line's rounded bends, per unit.
const ROUND: f32 = 10.0;
/// Points a rounded bend is drawn with (when a path is sampled as segments).
const BEND_STEPS: usize = 4;

/// One piece of a drawn path, from where the previous one ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Piece {
    Line(P),
    /// A quadratic Bézier: control point, end.
    Quad(P, P),
}

#[derive(Debug, Clone, PartialEq)]
pub struct DependencyPath {
    /// Where the path leaves the first box.
    pub start: P,
    /// The control point of a fanned (curved) path.
    pub ctrl: Option<P>,
    /// The bends of a line routed around boxes, start to tip (empty for a straight or fanned
    /// path); drawn as straight runs with rounded corners.
    pub via: Vec<P>,
    /// The radius of those corners.
    pub round: f32,
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
            via: Vec::new(),
            round: 0.0,
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
            via: Vec::new(),
            round: 0.0,
            end: sub(tip, mul(dir, head * LINE_STOP)),
            tip,
            dir,
            head,
        })
    }

    /// A line from box `from` to box `to` through the bends `via` (routed around other boxes),
    /// with corners rounded `unit_len` × [`ROUND`] (less where runs are short) and an arrowhead
    /// `arrow` long; the [`Self::new`] path on `lane` when `via` is empty. `None` when a run has
    /// no length.
    pub fn routed(
        from: Rect,
        to: Rect,
        lane: f32,
        via: &[P],
        unit_len: f32,
        arrow: f32,
    ) -> Option<Self> {
        let (Some(&first), Some(&last)) = (via.first(), via.last()) else {
            return Self::new(from, to, lane, unit_len, arrow);
        };
        let a = from.boundary(sub(first, from.center()));
        let b = to.boundary(sub(last, to.center()));
        let end_dir = unit(sub(b, last))?;
        let head = arrow.min(len(sub(b, last)) * 0.5).max(unit_len.min(1.0));
        Some(DependencyPath {
            start: a,
            ctrl: None,
            via: via.to_vec(),
            round: ROUND * unit_len,
            end: sub(b, mul(end_dir, head * LINE_STOP)),
            tip: b,
            dir: end_dir,
            head,
        })
    }

    /// The path as pieces from `start` to `tip`: one line, one curve, or runs and rounded
    /// bends.
    pub fn pieces(&self) -> Vec<Piece> {
        if let Some(c) = self.ctrl {
            return vec![Piece::Quad(c, self.tip)];
        }
        let mut out = Vec::with_capacity(self.via.len() * 2 + 1);
        let mut from = self.start;
        for (k, &v) in self.via.iter().enumerate() {
            let next = self.via.get(k + 1).copied().unwrap_or(self.tip);
            let (before, after) = (len(sub(v, from)), len(sub(next, v)));
            // The corner's radius: at most half of each run, so rounded corners never meet.
            let r = self.round.min(before * 0.5).min(after * 0.5);
            match (unit(sub(v, from)), unit(sub(next, v))) {
                (Some(din), Some(dout)) if r > 0.0 => {
                    let enter = sub(v, mul(din, r));
                    out.push(Piece::Line(enter));
                    let leave = add(v, mul(dout, r));
                    out.push(Piece::Quad(v, leave));
                    from = leave;
                }
                _ => {
                    out.push(Piece::Line(v));
                    from = v;
                }
            }
        }
        out.push(Piece::Line(self.tip));
        out
    }

    /// The point a share `t` of the way from start to tip (by the curve's parameter; along its
    /// length for a routed line).
    pub fn point_at(&self, t: f32) -> P {
        if !self.via.is_empty() {
            return along(&self.curve(BEND_STEPS), t).0;
        }
        match self.ctrl {
            Some(c) => quad(self.start, c, self.tip, t),
            None => add(self.start, mul(sub(self.tip, self.start), t)),
        }
    }

    /// The middle of the path (badges and labels go beside it).
    pub fn mid(&self) -> P {
        self.point_at(0.5)
    }

    /// The whole path, start to tip: `steps` segments when curved (a routed line's rounded
    /// bends are `steps` segments each too, at most [`BEND_STEPS`]).
    pub fn curve(&self, steps: usize) -> Vec<P> {
        match self.ctrl {
            Some(c) => (0..=steps.max(1))
                .map(|i| quad(self.start, c, self.tip, i as f32 / steps.max(1) as f32))
                .collect(),
            None if self.via.is_empty() => vec![self.start, self.tip],
            None => {
                let steps = steps.clamp(1, BEND_STEPS);
                let mut pts = vec![self.start];
                for piece in self.pieces() {
                    match piece {
                        Piece::Line(p) => pts.push(p),
                        Piece::Quad(c, p) => {
                            let from = pts.last().copied().unwrap_or(self.start);
                            pts.extend(
                                (1..=steps).map(|i| quad(from, c, p, i as f32 / steps as f32)),
                            );
                        }
                    }
                }
                pts
            }
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
        if !self.via.is_empty() {
            let (at, dir) = along(&self.curve(BEND_STEPS), t);
            return (at, dir.unwrap_or(self.dir));
        }
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

/// The point a share `t` of the way along the polyline `pts` by length, and the direction of
/// the segment it is on.
fn along(pts: &[P], t: f32) -> (P, Option<P>) {
    let total: f32 = pts.windows(2).map(|w| len(sub(w[1], w[0]))).sum();
    let mut left = total * t.clamp(0.0, 1.0);
    for w in pts.windows(2) {
        let l = len(sub(w[1], w[0]));
        if left <= l && l > 0.0 {
            return (
                add(w[0], mul(sub(w[1], w[0]), left / l)),
                unit(sub(w[1], w[0])),
            );
        }
        left -= l;
    }
    let last = pts.last().copied().unwrap_or([0.0, 0.0]);
    (last, None)
}

/// The fuse glyph of a circuit breaker: a box across the line with the wire through it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fuse {
    pub body: [P; 4],
    pub wire: [P; 2],
    pub stroke: f32,
}

impl Fuse {
    /// The box the glyph covers.
    pub fn bounds(&self) -> Rect {
        self.body[1..].iter().fold(
            Rect {
                min: self.body[0],
                max: self.body[0],
            },
            |r, p| r.include(*p),
        )
    }
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

    #[test]
    fn a_routed_path_runs_through_its_bends_with_rounded_corners() {
        let a = Rect::from_center_size([0.0, 0.0], [80.0, 30.0]);
        let b = Rect::from_center_size([400.0, 0.0], [80.0, 30.0]);
        let via = [[0.0, -100.0], [400.0, -100.0]];
        let p = DependencyPath::routed(a, b, 0.0, &via, 1.0, 11.0).unwrap();
        let near = |a: P, b: P| len(sub(a, b)) < 1e-3;
        assert!(
            near(p.start, [0.0, -15.0]),
            "leaves towards the first bend: {:?}",
            p.start
        );
        assert!(
            near(p.tip, [400.0, -15.0]),
            "arrives from the last: {:?}",
            p.tip
        );
        assert!(near(p.dir, [0.0, 1.0]));
        let curve = p.curve(4);
        // Each corner is cut by its radius at most, never more.
        let closest = |v: P| {
            curve
                .iter()
                .map(|c| len(sub(*c, v)))
                .fold(f32::MAX, f32::min)
        };
        for v in via {
            assert!(
                closest(v) < ROUND && closest(v) > 1.0,
                "{v:?}: {}",
                closest(v)
            );
        }
        // Halfway along its length is the middle of the top run.
        assert!(
            len(sub(p.point_at(0.5), [200.0, -100.0])) < 1.0,
            "{:?}",
            p.point_at(0.5)
        );
        // The drawn line stops at the arrowhead's base.
        let line = p.line(4);
        assert!(near(*line.last().unwrap(), p.end));
    }
}
