//! How one system and one dependency are drawn: egui_graphs `DisplayNode` / `DisplayEdge`
//! implementations. Bodies scale with zoom; strokes, arrowheads and glyphs are in screen pixels.
//! Labels are drawn by the canvas in a separate pass (constant pixel size, overlap culling).

use std::sync::Arc;

use egui::epaint::{PathShape, PathStroke};
use egui::{Color32, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2};
use egui_graphs::{DisplayEdge, DisplayNode, DrawContext, EdgeProps, Node, NodeProps};
use petgraph::{EdgeType, stable_graph::IndexType};

use crate::model::{DependencyType, SystemKind};

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
    /// Sort key for label placement: higher wins a contested spot.
    pub importance: u32,
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
    /// Sideways offset in screen pixels, so parallel dependencies of different types fan out.
    pub fan_px: f32,
    pub selected: bool,
    /// Highlighted (find, a finding, a saved view's highlighted items): a band of this colour.
    pub emphasis: Option<Color32>,
    /// Added or removed in the scenario being shown.
    pub diff: Option<DiffMark>,
    /// Dependencies this line stands for (more than one between collapsed groups).
    pub count: usize,
    /// Open integration debt linked to it: (item count, badge colour by highest impact).
    pub debt: Option<(usize, Color32)>,
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
        rect_boundary(self.canvas_rect(), dir)
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        let mut out = Vec::new();
        let center = ctx.meta.canvas_to_screen_pos(self.pos);
        let rect = Rect::from_center_size(center, self.look.size * ctx.meta.zoom);
        system_body(&mut out, rect, &self.look, ctx.meta.zoom);
        if self.look.pinned {
            pin_mark(&mut out, pin_rect(rect, None), self.look.pin_color);
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
    match look.kind {
        SystemKind::Service | SystemKind::Other | SystemKind::Observability => {
            out.push(Shape::rect_filled(rect, (h * 0.2).min(10.0), fill));
            out.push(Shape::rect_stroke(
                rect,
                (h * 0.2).min(10.0),
                stroke,
                StrokeKind::Inside,
            ));
            if look.kind == SystemKind::Other {
                let inner = rect.shrink(border + 2.0);
                out.push(Shape::rect_stroke(
                    inner,
                    (h * 0.15).min(8.0),
                    Stroke::new(1.0, look.stroke),
                    StrokeKind::Inside,
                ));
            }
        }
        SystemKind::Database => {
            let e = (h * 0.18).max(1.0);
            let body = Rect::from_min_max(
                pos2(rect.left(), rect.top() + e),
                pos2(rect.right(), rect.bottom() - e),
            );
            let radius = vec2(rect.width() / 2.0, e);
            out.push(Shape::ellipse_filled(
                pos2(rect.center().x, body.bottom()),
                radius,
                fill,
            ));
            out.push(Shape::ellipse_stroke(
                pos2(rect.center().x, body.bottom()),
                radius,
                stroke,
            ));
            out.push(Shape::rect_filled(body, 0.0, fill));
            out.push(Shape::line_segment(
                [body.left_top(), body.left_bottom()],
                stroke,
            ));
            out.push(Shape::line_segment(
                [body.right_top(), body.right_bottom()],
                stroke,
            ));
            out.push(Shape::ellipse_filled(
                pos2(rect.center().x, body.top()),
                radius,
                fill,
            ));
            out.push(Shape::ellipse_stroke(
                pos2(rect.center().x, body.top()),
                radius,
                stroke,
            ));
        }
        SystemKind::Cache => {
            out.push(Shape::rect_filled(rect, 4.0, fill));
            out.push(Shape::rect_stroke(rect, 4.0, stroke, StrokeKind::Inside));
            // A lightning-bolt notch in the top-right corner: fast, volatile.
            let s = (h * 0.3).min(12.0);
            let c = pos2(rect.right() - s, rect.top() + s * 0.2);
            let bolt = vec![
                c,
                c + vec2(-s * 0.4, s * 0.6),
                c + vec2(0.0, s * 0.6),
                c + vec2(-s * 0.3, s * 1.2),
            ];
            out.push(Shape::line(bolt, Stroke::new(border.min(2.0), look.stroke)));
        }
        SystemKind::Queue => {
            let slant = h * 0.35;
            let pts = vec![
                pos2(rect.left() + slant, rect.top()),
                pos2(rect.right(), rect.top()),
                pos2(rect.right() - slant, rect.bottom()),
                pos2(rect.left(), rect.bottom()),
            ];
            out.push(Shape::convex_polygon(pts, fill, stroke));
        }
        SystemKind::Ui => {
            out.push(Shape::rect_filled(rect, 3.0, fill));
            out.push(Shape::rect_stroke(rect, 3.0, stroke, StrokeKind::Inside));
            let bar = rect.top() + (h * 0.22).max(2.0);
            out.push(Shape::line_segment(
                [pos2(rect.left(), bar), pos2(rect.right(), bar)],
                Stroke::new(1.0, look.stroke),
            ));
        }
        SystemKind::Gateway => {
            let d = h * 0.4;
            let pts = vec![
                pos2(rect.left() + d, rect.top()),
                pos2(rect.right() - d, rect.top()),
                pos2(rect.right(), rect.center().y),
                pos2(rect.right() - d, rect.bottom()),
                pos2(rect.left() + d, rect.bottom()),
                pos2(rect.left(), rect.center().y),
            ];
            out.push(Shape::convex_polygon(pts, fill, stroke));
        }
        SystemKind::External => {
            out.push(Shape::rect_filled(rect, h * 0.5, fill));
            let pts = rounded_outline(rect, h * 0.5);
            out.extend(Shape::dashed_line(&pts, stroke, 6.0, 4.0));
        }
        SystemKind::Config => {
            let f = (h * 0.3).min(12.0);
            let pts = vec![
                rect.left_top(),
                pos2(rect.right() - f, rect.top()),
                pos2(rect.right(), rect.top() + f),
                rect.right_bottom(),
                rect.left_bottom(),
            ];
            out.push(Shape::convex_polygon(pts, fill, stroke));
            out.push(Shape::line(
                vec![
                    pos2(rect.right() - f, rect.top()),
                    pos2(rect.right() - f, rect.top() + f),
                    pos2(rect.right(), rect.top() + f),
                ],
                Stroke::new(1.0, look.stroke),
            ));
        }
        SystemKind::BatchJob => {
            out.push(Shape::rect_filled(rect, h * 0.5, fill));
            out.push(Shape::rect_stroke(
                rect,
                h * 0.5,
                stroke,
                StrokeKind::Inside,
            ));
            // A small clock on the left.
            let r = (h * 0.22).max(1.0);
            let c = pos2(rect.left() + h * 0.5, rect.center().y);
            out.push(Shape::circle_stroke(c, r, Stroke::new(1.0, look.stroke)));
            out.push(Shape::line(
                vec![c + vec2(0.0, -r * 0.7), c, c + vec2(r * 0.5, 0.0)],
                Stroke::new(1.0, look.stroke),
            ));
        }
        SystemKind::Team => {
            out.push(Shape::rect_filled(rect, h * 0.25, fill));
            out.push(Shape::rect_stroke(
                rect,
                h * 0.25,
                stroke,
                StrokeKind::Inside,
            ));
            // A person: head and shoulders on the left.
            let r = (h * 0.13).max(1.0);
            let head = pos2(rect.left() + h * 0.4, rect.top() + h * 0.33);
            out.push(Shape::circle_filled(head, r, look.stroke));
            let sh = pos2(head.x, rect.bottom() - h * 0.12);
            let arc = vec![
                sh + vec2(-r * 1.8, 0.0),
                sh + vec2(-r * 1.5, -r * 1.3),
                sh + vec2(0.0, -r * 1.9),
                sh + vec2(r * 1.5, -r * 1.3),
                sh + vec2(r * 1.8, 0.0),
            ];
            out.push(Shape::convex_polygon(arc, look.stroke, Stroke::NONE));
        }
    }
}

/// Radius of the pin's head, and how far its needle reaches down and left of the head's centre.
const PIN_HEAD: f32 = 4.5;
const PIN_NEEDLE: Vec2 = vec2(-4.0, 7.0);
/// Space between the pin and a debt badge beside it.
const PIN_GAP: f32 = 3.0;

/// Where a pinned system's pin mark goes (screen pixels, the whole glyph): on the system's
/// top-right corner, or just left of its debt badge when it has one, so neither hides the other.
pub fn pin_rect(system: Rect, badge: Option<Rect>) -> Rect {
    let head_x = match badge {
        Some(b) => b.left() - PIN_GAP - PIN_HEAD,
        None => system.right() - 2.0,
    };
    let head = pos2(head_x, system.top() + 2.0);
    Rect::from_min_max(
        pos2(head.x + PIN_NEEDLE.x - 1.0, head.y - PIN_HEAD),
        pos2(head.x + PIN_HEAD, head.y + PIN_NEEDLE.y + 1.0),
    )
}

/// Draws the pin mark into the rect from [`pin_rect`].
pub fn pin_mark(out: &mut Vec<Shape>, rect: Rect, color: Color32) {
    let head = pos2(rect.right() - PIN_HEAD, rect.top() + PIN_HEAD);
    out.push(Shape::circle_filled(head, PIN_HEAD, color));
    out.push(Shape::line_segment(
        [head, head + PIN_NEEDLE],
        Stroke::new(2.0, color),
    ));
}

/// The dependants overlay behind a system: the more systems need it, the wider its halo.
pub fn dependants_halo(out: &mut Vec<Shape>, rect: Rect, dependants: usize) {
    if dependants == 0 {
        return;
    }
    let halo = rect.expand(3.0 + 4.0 * (dependants as f32).sqrt());
    let radius = halo.height() * 0.5;
    out.push(Shape::rect_filled(
        halo,
        radius,
        Color32::from_rgba_unmultiplied(0xD5, 0x5E, 0x00, 45),
    ));
    out.push(Shape::rect_stroke(
        halo,
        radius,
        Stroke::new(1.0, Color32::from_rgba_unmultiplied(0xD5, 0x5E, 0x00, 140)),
        StrokeKind::Inside,
    ));
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

#[derive(Debug, Clone)]
pub struct DependencyShape {
    pub look: DependencyLook,
}

impl From<EdgeProps<DependencyLook>> for DependencyShape {
    fn from(props: EdgeProps<DependencyLook>) -> Self {
        DependencyShape {
            look: props.payload,
        }
    }
}

/// The point where the ray from `rect`'s centre along `dir` leaves `rect`.
pub fn rect_boundary(rect: Rect, dir: Vec2) -> Pos2 {
    let half = rect.size() * 0.5;
    if dir.length_sq() < f32::EPSILON {
        return rect.center();
    }
    let tx = if dir.x.abs() > f32::EPSILON {
        half.x / dir.x.abs()
    } else {
        f32::INFINITY
    };
    let ty = if dir.y.abs() > f32::EPSILON {
        half.y / dir.y.abs()
    } else {
        f32::INFINITY
    };
    rect.center() + dir * tx.min(ty)
}

/// Where a dependency runs on screen, from the edge of one system's screen rect to the other's:
/// a straight line, or a curve bowed sideways by `fan_px` for parallel dependencies.
pub fn dependency_path(from: Rect, to: Rect, fan_px: f32) -> Vec<Pos2> {
    let dir = to.center() - from.center();
    let normal = vec2(-dir.y, dir.x).normalized();
    let bow = if normal.x.is_finite() {
        normal * fan_px * 2.0
    } else {
        Vec2::ZERO
    };
    // Leave each box towards the curve's control point, so fanned edges stay apart at the ends.
    let ctrl = from.center() + dir * 0.5 + bow;
    let a = rect_boundary(from, ctrl - from.center());
    let b = rect_boundary(to, ctrl - to.center());
    if fan_px.abs() < 0.5 {
        return vec![a, b];
    }
    (0..=16)
        .map(|i| {
            let t = i as f32 / 16.0;
            let u = 1.0 - t;
            pos2(
                u * u * a.x + 2.0 * u * t * ctrl.x + t * t * b.x,
                u * u * a.y + 2.0 * u * t * ctrl.y + t * t * b.y,
            )
        })
        .collect()
}

/// Draws a dependency along `path` (screen pixels) into `out`.
pub fn dependency_body(out: &mut Vec<Shape>, path: &[Pos2], look: &DependencyLook) {
    let (Some(&last), Some(&prev)) = (path.last(), path.get(path.len().saturating_sub(2))) else {
        return;
    };
    let dir = (last - prev).normalized();
    if !dir.x.is_finite() || !dir.y.is_finite() {
        return;
    }
    let width = if look.selected {
        look.width_px + 2.0
    } else {
        look.width_px
    };
    let stroke = Stroke::new(width, look.color);
    // Stop the line at the arrowhead's base so the tip stays sharp.
    let mut line: Vec<Pos2> = path.to_vec();
    if let Some(end) = line.last_mut() {
        *end = last - dir * look.arrow_px * 0.8;
    }
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
    let normal = vec2(-dir.y, dir.x);
    let base = last - dir * look.arrow_px;
    let half = look.arrow_px * 0.45;
    out.push(Shape::Path(PathShape::convex_polygon(
        vec![last, base + normal * half, base - normal * half],
        look.color,
        Stroke::NONE,
    )));
    if let Some(color) = look.breaker {
        // A fuse symbol a third of the way along: the circuit breaker that stops cascades.
        let at = point_along(path, 0.33);
        let along = dir * 8.0;
        let across = normal * 5.0;
        let pts = vec![
            at - along - across,
            at + along - across,
            at + along + across,
            at - along + across,
        ];
        out.push(Shape::convex_polygon(
            pts.clone(),
            Color32::WHITE,
            Stroke::new(1.5, color),
        ));
        out.push(Shape::line_segment(
            [at - along, at + along],
            Stroke::new(1.5, color),
        ));
    }
}

/// Marks what a scenario removes: a line through the middle of the system (over its label) and a
/// cross on the middle of each dependency. Drawn after labels.
pub fn removed_marks(out: &mut Vec<Shape>, rect: Rect, look: &SystemLook) {
    if let Some(DiffMark::Removed(c)) = look.diff {
        let y = rect.center().y;
        out.push(Shape::line_segment(
            [pos2(rect.left() - 6.0, y), pos2(rect.right() + 6.0, y)],
            Stroke::new(3.0, c),
        ));
        out.push(Shape::rect_stroke(
            rect.expand(4.0),
            8.0,
            Stroke::new(2.5, c),
            StrokeKind::Outside,
        ));
    }
}

/// A cross on the middle of a dependency the scenario removes.
pub fn removed_dependency_mark(out: &mut Vec<Shape>, path: &[Pos2], look: &DependencyLook) {
    if let Some(DiffMark::Removed(c)) = look.diff {
        let at = point_along(path, 0.5);
        let r = 7.0;
        let stroke = Stroke::new(3.0, c);
        out.push(Shape::line_segment(
            [at + vec2(-r, -r), at + vec2(r, r)],
            stroke,
        ));
        out.push(Shape::line_segment(
            [at + vec2(-r, r), at + vec2(r, -r)],
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

impl<Ty: EdgeType, Ix: IndexType> DisplayEdge<SystemLook, DependencyLook, Ty, Ix, SystemShape>
    for DependencyShape
{
    fn shapes(
        &mut self,
        start: &Node<SystemLook, DependencyLook, Ty, Ix, SystemShape>,
        end: &Node<SystemLook, DependencyLook, Ty, Ix, SystemShape>,
        ctx: &DrawContext,
    ) -> Vec<Shape> {
        let screen = |s: &SystemShape| {
            Rect::from_center_size(
                ctx.meta.canvas_to_screen_pos(s.pos),
                s.look.size * ctx.meta.zoom,
            )
        };
        let path = dependency_path(
            screen(start.display()),
            screen(end.display()),
            self.look.fan_px,
        );
        let mut out = Vec::new();
        dependency_body(&mut out, &path, &self.look);
        out
    }

    fn update(&mut self, state: &EdgeProps<DependencyLook>) {
        self.look = state.payload.clone();
    }

    fn is_inside(
        &self,
        start: &Node<SystemLook, DependencyLook, Ty, Ix, SystemShape>,
        end: &Node<SystemLook, DependencyLook, Ty, Ix, SystemShape>,
        pos: Pos2,
    ) -> bool {
        let path = dependency_path(
            start.display().canvas_rect(),
            end.display().canvas_rect(),
            0.0,
        );
        distance_to_path(&path, pos) < 6.0
    }
}
