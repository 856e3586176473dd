//! A system's body per kind, for every painter: rounded box for a service, cylinder for a
//! database, parallelogram for a queue, hexagon for a gateway, person glyph for a team, dashed
//! pill for an external system, folded corner for configuration, pill with a clock for a batch
//! job, box with a bolt for a cache, window bar for a UI, a box in a box for anything else.
//!
//! The parts are in the painter's own units: the export draws in map units with `unit` the
//! theme's label spread, the canvas in screen pixels with `unit` 1. Strokes are centred on the
//! outline; the caller passes the body's box already inset by half the border, so the whole
//! border stays inside the box.

use super::geometry::{P, Rect, add, mul};
pub use crate::layout::measure::{Room, room};
use crate::model::SystemKind;

/// How a part is painted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Paint {
    /// The body: the system's fill, stroked with its border.
    Body,
    /// Only a line in the border's colour, this wide.
    Line(f32),
    /// Filled with the border's colour, no stroke (a glyph).
    Ink,
}

/// One step of a closed [`Part::Path`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Segment {
    Line(P),
    /// Half an ellipse of these radii from the current point to `to` (the two ends of its
    /// horizontal axis), turning counter-clockwise on screen (SVG's sweep flag 0).
    HalfEllipse {
        radius: P,
        to: P,
    },
    /// A quadratic Bézier curve.
    Quad {
        ctrl: P,
        to: P,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// A box with rounded corners; `dash` = (on, off) for a dashed border.
    Rect {
        rect: Rect,
        radius: f32,
        paint: Paint,
        dash: Option<[f32; 2]>,
    },
    /// A closed convex polygon.
    Polygon {
        points: Vec<P>,
        paint: Paint,
    },
    /// An open line.
    Polyline {
        points: Vec<P>,
        paint: Paint,
    },
    Circle {
        center: P,
        radius: f32,
        paint: Paint,
    },
    Ellipse {
        center: P,
        radius: P,
        paint: Paint,
    },
    /// A closed convex path.
    Path {
        start: P,
        segments: Vec<Segment>,
        paint: Paint,
    },
}

impl Part {
    /// How the part is painted.
    pub fn paint(&self) -> Paint {
        match self {
            Part::Rect { paint, .. }
            | Part::Polygon { paint, .. }
            | Part::Polyline { paint, .. }
            | Part::Circle { paint, .. }
            | Part::Ellipse { paint, .. }
            | Part::Path { paint, .. } => *paint,
        }
    }
}

/// The parts of a `kind`'s body drawn in `r` (already inset by half of `border`), back to front.
pub fn outline(kind: SystemKind, r: Rect, border: f32, unit: f32) -> Vec<Part> {
    let h = r.height();
    let thin = Paint::Line(unit);
    let (x0, y0, x1, y1) = (r.min[0], r.min[1], r.max[0], r.max[1]);
    let body = |rect: Rect, radius: f32| Part::Rect {
        rect,
        radius,
        paint: Paint::Body,
        dash: None,
    };
    match kind {
        // Observability (collectors, tracing, metrics) is drawn as a service for now.
        SystemKind::Service | SystemKind::Observability => {
            vec![body(r, (h * 0.2).min(10.0 * unit))]
        }
        SystemKind::Other => vec![
            body(r, (h * 0.2).min(10.0 * unit)),
            Part::Rect {
                rect: r.expand(-(border / 2.0 + 2.0 * unit)),
                radius: (h * 0.15).min(8.0 * unit),
                paint: thin,
                dash: None,
            },
        ],
        SystemKind::Database => {
            let e = h * 0.18;
            let radius = [r.width() / 2.0, e];
            vec![
                Part::Path {
                    start: [x0, y0 + e],
                    segments: vec![
                        Segment::Line([x0, y1 - e]),
                        Segment::HalfEllipse {
                            radius,
                            to: [x1, y1 - e],
                        },
                        Segment::Line([x1, y0 + e]),
                        Segment::HalfEllipse {
                            radius,
                            to: [x0, y0 + e],
                        },
                    ],
                    paint: Paint::Body,
                },
                Part::Ellipse {
                    center: [r.center()[0], y0 + e],
                    radius,
                    paint: Paint::Body,
                },
            ]
        }
        SystemKind::Cache => {
            let k = (h * 0.3).min(12.0 * unit);
            let c = [x1 - k, y0 + k * 0.2];
            vec![
                body(r, 4.0 * unit),
                Part::Polyline {
                    points: vec![
                        c,
                        add(c, [-k * 0.4, k * 0.6]),
                        add(c, [0.0, k * 0.6]),
                        add(c, [-k * 0.3, k * 1.2]),
                    ],
                    paint: Paint::Line(border.min(2.0 * unit)),
                },
            ]
        }
        SystemKind::Queue => {
            let slant = h * 0.35;
            vec![Part::Polygon {
                points: vec![[x0 + slant, y0], [x1, y0], [x1 - slant, y1], [x0, y1]],
                paint: Paint::Body,
            }]
        }
        SystemKind::Ui => {
            let bar = y0 + (h * 0.22).max(2.0);
            vec![
                body(r, 3.0 * unit),
                Part::Polyline {
                    points: vec![[x0, bar], [x1, bar]],
                    paint: thin,
                },
            ]
        }
        SystemKind::Gateway => {
            let d = h * 0.4;
            let cy = r.center()[1];
            vec![Part::Polygon {
                points: vec![
                    [x0 + d, y0],
                    [x1 - d, y0],
                    [x1, cy],
                    [x1 - d, y1],
                    [x0 + d, y1],
                    [x0, cy],
                ],
                paint: Paint::Body,
            }]
        }
        SystemKind::External => vec![Part::Rect {
            rect: r,
            radius: h * 0.5,
            paint: Paint::Body,
            dash: Some([6.0 * unit, 4.0 * unit]),
        }],
        SystemKind::Config => {
            let f = (h * 0.3).min(12.0 * unit);
            vec![
                Part::Polygon {
                    points: vec![[x0, y0], [x1 - f, y0], [x1, y0 + f], [x1, y1], [x0, y1]],
                    paint: Paint::Body,
                },
                Part::Polyline {
                    points: vec![[x1 - f, y0], [x1 - f, y0 + f], [x1, y0 + f]],
                    paint: thin,
                },
            ]
        }
        SystemKind::BatchJob => {
            let rr = h * 0.22;
            let c = [x0 + h * 0.5, r.center()[1]];
            vec![
                body(r, h * 0.5),
                Part::Circle {
                    center: c,
                    radius: rr,
                    paint: thin,
                },
                Part::Polyline {
                    points: vec![add(c, [0.0, -rr * 0.7]), c, add(c, [rr * 0.5, 0.0])],
                    paint: thin,
                },
            ]
        }
        SystemKind::Team => {
            let rr = h * 0.13;
            let head = [x0 + h * 0.4, y0 + h * 0.33];
            let sh = [head[0], y1 - h * 0.12];
            let top = sh[1] - 1.9 * rr;
            vec![
                body(r, h * 0.25),
                Part::Circle {
                    center: head,
                    radius: rr,
                    paint: Paint::Ink,
                },
                Part::Path {
                    start: [sh[0] - 1.8 * rr, sh[1]],
                    segments: vec![
                        Segment::Quad {
                            ctrl: [sh[0] - 1.8 * rr, top],
                            to: [sh[0], top],
                        },
                        Segment::Quad {
                            ctrl: [sh[0] + 1.8 * rr, top],
                            to: [sh[0] + 1.8 * rr, sh[1]],
                        },
                    ],
                    paint: Paint::Ink,
                },
            ]
        }
    }
}

/// A closed path as points, `steps` per curved segment (for painters without curves).
pub fn flatten(start: P, segments: &[Segment], steps: usize) -> Vec<P> {
    let steps = steps.max(1);
    let mut pts = vec![start];
    let mut at = start;
    for seg in segments {
        match *seg {
            Segment::Line(to) => pts.push(to),
            Segment::HalfEllipse { radius, to } => {
                let c = mul(add(at, to), 0.5);
                let from = if at[0] < c[0] {
                    std::f32::consts::PI
                } else {
                    0.0
                };
                for i in 1..=steps {
                    // Counter-clockwise on screen: the angle falls (y grows downwards).
                    let a = from - std::f32::consts::PI * i as f32 / steps as f32;
                    pts.push([c[0] + radius[0] * a.cos(), c[1] + radius[1] * a.sin()]);
                }
            }
            Segment::Quad { ctrl, to } => {
                for i in 1..=steps {
                    pts.push(super::geometry::quad(at, ctrl, to, i as f32 / steps as f32));
                }
            }
        }
        at = match *seg {
            Segment::Line(to) | Segment::HalfEllipse { to, .. } | Segment::Quad { to, .. } => to,
        };
    }
    pts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cylinder_flattens_into_its_box() {
        let r = Rect::from_min_size([0.0, 0.0], [100.0, 40.0]);
        let parts = outline(SystemKind::Database, r, 2.0, 1.0);
        let Part::Path {
            start, segments, ..
        } = &parts[0]
        else {
            panic!("a database's body is a path");
        };
        let pts = flatten(*start, segments, 8);
        let e = 40.0 * 0.18;
        let top = pts.iter().map(|p| p[1]).fold(f32::INFINITY, f32::min);
        let bottom = pts.iter().map(|p| p[1]).fold(f32::NEG_INFINITY, f32::max);
        assert!(
            (top - 0.0).abs() < 1e-3,
            "the lid bulges up to the top: {top}"
        );
        assert!((bottom - 40.0).abs() < 1e-3, "the base down to the bottom");
        assert!(pts.iter().all(|p| p[0] >= -1e-3 && p[0] <= 100.001));
        assert!(e > 0.0);
    }

    #[test]
    fn every_kind_stays_in_its_box() {
        let r = Rect::from_min_size([10.0, 10.0], [120.0, 34.0]);
        for kind in SystemKind::ALL {
            for part in outline(*kind, r, 2.0, 1.0) {
                let pts = match part {
                    Part::Rect { rect, .. } => vec![rect.min, rect.max],
                    Part::Polygon { points, .. } | Part::Polyline { points, .. } => points,
                    Part::Circle { center, radius, .. } => {
                        vec![
                            add(center, [-radius, -radius]),
                            add(center, [radius, radius]),
                        ]
                    }
                    Part::Ellipse { center, radius, .. } => {
                        vec![add(center, [-radius[0], -radius[1]]), add(center, radius)]
                    }
                    Part::Path {
                        start, segments, ..
                    } => flatten(start, &segments, 8),
                };
                for p in pts {
                    assert!(
                        r.expand(0.01).include(p) == r.expand(0.01),
                        "{kind:?}: {p:?} outside {r:?}"
                    );
                }
            }
        }
    }
}
