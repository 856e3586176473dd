//! How one system and one dependency are drawn: egui_graphs `DisplayNode` / `DisplayEdge`
//! implementations. Bodies scale with zoom; strokes, arrowheads and glyphs are in screen pixels.
//! Labels are drawn by the canvas in a separate pass (constant pixel size, overlap culling).

use std::sync::Arc;

use egui::epaint::{PathShape, PathStroke};
use egui::{Color32, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2};
use egui_graphs::{DisplayNode, DrawContext, NodeProps};
use petgraph::{EdgeType, stable_graph::IndexType};

use crate::model::{DependencyType, SystemKind};
use crate::picture::geometry::{self as geo, P};
use crate::picture::outline::{Paint, Part, flatten, outline};
use crate::picture::path::{DependencyPath, fuse, fuse_scale};

mod edge;
pub use edge::DependencyShape;

/// What a system looks like this frame (document data plus view state, resolved through the theme).
#[derive(Debug, Clone)]
pub struct SystemLook {
    pub id: Arc<str>,
    pub name: Arc<str>,
    pub owner: Arc<str>,
    pub kind: SystemKind,
    /// Box size in canvas units.
    pub size: Vec2,
    pub fill: Color32,
    pub stroke: Color32,
    /// Faded: out of focus, or not part of what is highlighted.
    pub dimmed: bool,
    /// Border width in canvas units (criticality).
    pub border: f32,
    pub pinned: bool,
    pub pin_color: Color32,
    /// Drawn with a ring of this colour (selected or highlighted).
    pub ring: Option<Color32>,
    pub selected: bool,
    /// Open integration debt linked to it: (item count, badge colour by highest impact).
    pub debt: Option<(usize, Color32)>,
    /// Systems that depend on it, directly or transitively, when the dependants overlay is on.
    pub halo: usize,
    /// Seconds a backlog has been growing on it (a cascade being played).
    pub backlog_s: Option<f32>,
    /// What the cascade being played did to it, in words, and in which colour.
    pub cascade_note: Option<(Arc<str>, Color32)>,
    /// Sort key for label placement: higher wins a contested spot.
    pub importance: u32,
    /// A hub (see [`crate::picture::labels::LabelRequest::key`]): it keeps its whole name.
    pub key: bool,
    /// Added or removed in the scenario being shown.
    pub diff: Option<DiffMark>,
    /// A collapsed group drawn as one node: how many systems it stands for (0: a system).
    pub collapsed: usize,
}

/// How a scenario's difference marks an element.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DiffMark {
    /// The scenario adds it: outlined in this colour.
    Added(Color32),
    /// The scenario removes it: struck through in this colour.
    Removed(Color32),
}

/// What a dependency looks like this frame.
#[derive(Debug, Clone)]
pub struct DependencyLook {
    pub id: Arc<str>,
    pub kind: DependencyType,
    pub text: Arc<str>,
    pub color: Color32,
    pub dash: &'static [f32],
    pub width_px: f32,
    pub arrow_px: f32,
    pub breaker: Option<Color32>,
    /// Its lane among parallel dependencies (0 the middle), so those of different types fan out.
    pub lane: f32,
    /// Lanes added, per unit of zoom, to bow it around boxes it would pass through
    /// (`picture::route`; in canvas units, so the bow grows with the boxes).
    pub detour: f32,
    /// Bends (canvas units) leading it around boxes a bow cannot clear (`picture::route`),
    /// else empty.
    pub via: Arc<[P]>,
    pub selected: bool,
    /// Highlighted (find, a finding, a saved view's highlighted items): a band of this colour.
    pub emphasis: Option<Color32>,
    /// Added or removed in the scenario being shown.
    pub diff: Option<DiffMark>,
    /// Dependencies this line stands for (more than one between collapsed groups).
    pub count: usize,
    /// Open integration debt linked to it: (item count, badge colour by highest impact).
    pub debt: Option<(usize, Color32)>,
    /// Its canary rollout's stage marker: the text ("25 %", "planned") and the pill's colour.
    pub rollout: Option<(Arc<str>, Color32)>,
}

impl DependencyLook {
    /// The lane it is drawn on at `zoom`: its fan lane (screen pixels) plus its detour (canvas
    /// units).
    pub fn lane_at(&self, zoom: f32) -> f32 {
        self.lane + self.detour * zoom
    }
}

#[derive(Debug, Clone)]
pub struct SystemShape {
    pub pos: Pos2,
    pub look: SystemLook,
}

impl From<NodeProps<SystemLook>> for SystemShape {
    fn from(props: NodeProps<SystemLook>) -> Self {
        SystemShape {
            pos: props.location(),
            look: props.payload,
        }
    }
}

impl SystemShape {
    /// The box in canvas units.
    pub fn canvas_rect(&self) -> Rect {
        Rect::from_center_size(self.pos, self.look.size)
    }
}

impl<E: Clone, Ty: EdgeType, Ix: IndexType> DisplayNode<SystemLook, E, Ty, Ix> for SystemShape {
    fn closest_boundary_point(&self, dir: Vec2) -> Pos2 {
        pos(to_rect(self.canvas_rect()).boundary([dir.x, dir.y]))
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        let mut out = Vec::new();
        let center = ctx.meta.canvas_to_screen_pos(self.pos);
        let rect = Rect::from_center_size(center, self.look.size * ctx.meta.zoom);
        system_body(&mut out, rect, &self.look, ctx.meta.zoom);
        if self.look.pinned {
            super::marks::pin_mark(
                &mut out,
                super::marks::pin_rect(rect, None),
                self.look.pin_color,
            );
        }
        out
    }

    fn update(&mut self, state: &NodeProps<SystemLook>) {
        self.pos = state.location();
        self.look = state.payload.clone();
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        self.canvas_rect().contains(pos)
    }
}

/// Systems drawn smaller than this (screen pixels high) are plain boxes.
const LOD_NODE_PX: f32 = 9.0;
/// Dependencies shorter than this (screen pixels) are drawn solid.
const LOD_DASH_PX: f32 = 24.0;

/// Draws a system's body (shape per kind) into `out`; `rect` is in screen pixels.
pub fn system_body(out: &mut Vec<Shape>, rect: Rect, look: &SystemLook, zoom: f32) {
    let border = (look.border * zoom).clamp(1.0, 6.0);
    let stroke = Stroke::new(border, look.stroke);
    let fill = look.fill;
    if look.collapsed > 0 {
        // A collapsed group: a stack of cards.
        for k in [2.0_f32, 1.0] {
            let back = rect.translate(vec2(5.0 * k, -5.0 * k));
            out.push(Shape::Rect(egui::epaint::RectShape::new(
                back,
                6.0,
                fill,
                Stroke::new(1.5, look.stroke),
                StrokeKind::Inside,
            )));
        }
    }
    if let Some(ring) = look.ring {
        out.push(Shape::rect_stroke(
            rect.expand(3.0 + border),
            8.0,
            Stroke::new(3.0, ring),
            StrokeKind::Outside,
        ));
    }
    if let Some(DiffMark::Added(c)) = look.diff {
        out.push(Shape::rect_stroke(
            rect.expand(7.0 + border),
            10.0,
            Stroke::new(4.0, c),
            StrokeKind::Outside,
        ));
    }
    let h = rect.height();
    if h < LOD_NODE_PX {
        // Too small for its kind's shape to read: one filled, outlined box.
        out.push(Shape::Rect(egui::epaint::RectShape::new(
            rect,
            1.0,
            fill,
            Stroke::new(1.0, look.stroke),
            StrokeKind::Inside,
        )));
        return;
    }
    // egui strokes straddle the outline like SVG's: inset by half the border, as the export.
    for part in outline(look.kind, to_rect(rect.shrink(border / 2.0)), border, 1.0) {
        paint_part(out, &part, fill, stroke);
    }
}

/// A picture point as a screen position.
pub fn pos(p: P) -> Pos2 {
    pos2(p[0], p[1])
}

/// An egui rect as a picture box.
pub fn to_rect(r: Rect) -> geo::Rect {
    geo::Rect {
        min: [r.min.x, r.min.y],
        max: [r.max.x, r.max.y],
    }
}

/// A picture box as an egui rect.
pub fn from_rect(r: geo::Rect) -> Rect {
    Rect::from_min_max(pos(r.min), pos(r.max))
}

/// An egui point as a picture point.
pub fn geo_point(p: Pos2) -> P {
    [p.x, p.y]
}

/// Paints one outline part (screen pixels) with the body's `fill` and border `stroke`.
fn paint_part(out: &mut Vec<Shape>, part: &Part, fill: Color32, stroke: Stroke) {
    let (fill, stroke) = match part.paint() {
        Paint::Body => (fill, stroke),
        Paint::Line(w) => (Color32::TRANSPARENT, Stroke::new(w, stroke.color)),
        Paint::Ink => (stroke.color, Stroke::NONE),
    };
    match part {
        Part::Rect {
            rect, radius, dash, ..
        } => {
            let r = from_rect(*rect);
            if let Some([on, off]) = dash {
                out.push(Shape::rect_filled(r, *radius, fill));
                let pts = rounded_outline(r, *radius);
                out.extend(Shape::dashed_line(&pts, stroke, *on, *off));
            } else {
                out.push(Shape::Rect(egui::epaint::RectShape::new(
                    r,
                    *radius,
                    fill,
                    stroke,
                    StrokeKind::Middle,
                )));
            }
        }
        Part::Polygon { points, .. } => {
            out.push(Shape::convex_polygon(
                points.iter().copied().map(pos).collect(),
                fill,
                stroke,
            ));
        }
        Part::Polyline { points, .. } => {
            out.push(Shape::line(
                points.iter().copied().map(pos).collect(),
                stroke,
            ));
        }
        Part::Circle { center, radius, .. } => {
            out.push(Shape::Circle(egui::epaint::CircleShape {
                center: pos(*center),
                radius: *radius,
                fill,
                stroke,
            }));
        }
        Part::Ellipse { center, radius, .. } => {
            out.push(Shape::Ellipse(egui::epaint::EllipseShape {
                center: pos(*center),
                radius: vec2(radius[0], radius[1]),
                angle: 0.0,
                fill,
                stroke,
            }));
        }
        Part::Path {
            start, segments, ..
        } => {
            let pts = flatten(*start, segments, 12);
            out.push(Shape::convex_polygon(
                pts.into_iter().map(pos).collect(),
                fill,
                stroke,
            ));
        }
    }
}

/// A closed polyline around a rounded rectangle (for dashed borders).
fn rounded_outline(rect: Rect, radius: f32) -> Vec<Pos2> {
    let r = radius.min(rect.height() / 2.0).min(rect.width() / 2.0);
    let mut pts = Vec::with_capacity(40);
    let corners = [
        (pos2(rect.right() - r, rect.top() + r), -90.0f32),
        (pos2(rect.right() - r, rect.bottom() - r), 0.0),
        (pos2(rect.left() + r, rect.bottom() - r), 90.0),
        (pos2(rect.left() + r, rect.top() + r), 180.0),
    ];
    for (c, start) in corners {
        for i in 0..=8 {
            let a = (start + 90.0 * i as f32 / 8.0).to_radians();
            pts.push(c + vec2(a.cos(), a.sin()) * r);
        }
    }
    if let Some(first) = pts.first().copied() {
        pts.push(first);
    }
    pts
}

/// Where a dependency runs on screen between two systems' screen rects: straight, or bowed onto
/// its `lane` (lanes keep their width in screen pixels at every zoom). `None` when the two
/// share a centre.
pub fn dependency_path(
    from: Rect,
    to: Rect,
    lane: f32,
    via: &[P],
    arrow_px: f32,
) -> Option<DependencyPath> {
    DependencyPath::routed(to_rect(from), to_rect(to), lane, via, 1.0, arrow_px)
}

/// The whole curve of a path as screen points (for hit tests and placing things along it).
pub fn path_points(path: &DependencyPath) -> Vec<Pos2> {
    path.curve(16).into_iter().map(pos).collect()
}

/// Draws a dependency along `path` (screen pixels) into `out`.
pub fn dependency_body(out: &mut Vec<Shape>, path: &DependencyPath, look: &DependencyLook) {
    let width = if look.selected {
        look.width_px + 2.0
    } else {
        look.width_px
    };
    let stroke = Stroke::new(width, look.color);
    // The line stops at the arrowhead's base so the tip stays sharp.
    let line: Vec<Pos2> = path.line(16).into_iter().map(pos).collect();
    if look.selected {
        out.push(Shape::line(
            line.clone(),
            PathStroke::new(width + 4.0, look.color.gamma_multiply(0.3)),
        ));
    }
    if let Some(c) = look.emphasis {
        out.push(Shape::line(
            line.clone(),
            PathStroke::new(width + 6.0, c.gamma_multiply(0.55)),
        ));
    }
    if let Some(DiffMark::Added(c) | DiffMark::Removed(c)) = look.diff {
        // A band under the line in the scenario's colour; removed ones are crossed out below.
        out.push(Shape::line(
            line.clone(),
            PathStroke::new(width + 8.0, c.gamma_multiply(0.45)),
        ));
    }
    let length: f32 = line.windows(2).map(|w| w[0].distance(w[1])).sum();
    if look.dash.is_empty() || length < LOD_DASH_PX {
        // A pattern needs room to show; on very short edges it would only cost tessellation.
        out.push(Shape::line(line, stroke));
    } else {
        let dashes: Vec<f32> = look
            .dash
            .iter()
            .step_by(2)
            .map(|d| d * width.max(1.0) * 0.7)
            .collect();
        let gaps: Vec<f32> = look
            .dash
            .iter()
            .skip(1)
            .step_by(2)
            .map(|g| g * width.max(1.0) * 0.7)
            .collect();
        Shape::dashed_line_many_with_offset(&line, stroke, &dashes, &gaps, 0.0, out);
    }
    out.push(Shape::Path(PathShape::convex_polygon(
        path.arrowhead().into_iter().map(pos).collect(),
        look.color,
        Stroke::NONE,
    )));
    if let Some(color) = look.breaker {
        // The fuse symbol: the circuit breaker that stops cascades.
        let (at, dir) = path.breaker();
        let f = fuse(at, dir, fuse_scale(look.width_px));
        let stroke = Stroke::new(f.stroke, color);
        out.push(Shape::convex_polygon(
            f.body.into_iter().map(pos).collect(),
            Color32::WHITE,
            stroke,
        ));
        out.push(Shape::line_segment(
            [pos(f.wire[0]), pos(f.wire[1])],
            stroke,
        ));
    }
}

/// The point a fraction `t` of the way along a polyline.
pub fn point_along(path: &[Pos2], t: f32) -> Pos2 {
    let total: f32 = path.windows(2).map(|w| w[0].distance(w[1])).sum();
    let mut left = total * t.clamp(0.0, 1.0);
    for w in path.windows(2) {
        let len = w[0].distance(w[1]);
        if left <= len && len > 0.0 {
            return w[0] + (w[1] - w[0]) * (left / len);
        }
        left -= len;
    }
    path.last().copied().unwrap_or(Pos2::ZERO)
}

/// Distance from `p` to a polyline.
pub fn distance_to_path(path: &[Pos2], p: Pos2) -> f32 {
    path.windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let ab = b - a;
            let t = if ab.length_sq() > 0.0 {
                ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
            } else {
                0.0
            };
            p.distance(a + ab * t)
        })
        .fold(f32::INFINITY, f32::min)
}
