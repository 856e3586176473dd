//! Marks drawn on systems and dependencies besides their shapes: the pin of a pinned system, the
//! dependants halo, and a scenario's removed marks. In screen pixels.

use egui::{Color32, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2};

use super::shapes::{DependencyLook, DiffMark, SystemLook, point_along};

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
