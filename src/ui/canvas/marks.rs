//! Marks drawn on systems and dependencies besides their shapes: the pin of a pinned system, the
//! dependants halo, a scenario's removed marks and a rollout's stage marker. In screen pixels.

use std::sync::Arc;

use egui::{Color32, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2};

use super::Scene;
use super::shapes::{DependencyLook, DiffMark, SystemLook, point_along, to_rect};
use crate::model::{Rollout, StageStatus};
use crate::picture::geometry::Occupancy;

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

/// The stage a rollout stands at, as its marker says it: the running stage's share (blue), else
/// the last one done (green) or rolled back (orange, "↩"), else "planned" (grey).
pub fn stage_marker(r: &Rollout) -> (Arc<str>, Color32) {
    let share = |i: usize| crate::analysis::text::num(r.stages[i].share_percent);
    let running = r
        .stages
        .iter()
        .position(|s| s.status == StageStatus::Running);
    if let Some(i) = running {
        return (
            format!("{} %", share(i)).into(),
            Color32::from_rgb(0x00, 0x72, 0xB2),
        );
    }
    match r.current() {
        Some(i) if r.stages[i].status == StageStatus::RolledBack => (
            format!("↩ {} %", share(i)).into(),
            Color32::from_rgb(0xD5, 0x5E, 0x00),
        ),
        Some(i) => (
            format!("{} %", share(i)).into(),
            Color32::from_rgb(0x00, 0x9E, 0x73),
        ),
        None => ("planned".into(), Color32::from_gray(120)),
    }
}

/// The stage marker of a line standing for dependency `d` alone (`single`), if it has a rollout.
pub fn marker_of(single: bool, d: &crate::model::Dependency) -> Option<(Arc<str>, Color32)> {
    d.rollout.as_ref().filter(|_| single).map(stage_marker)
}

/// Draws each rollout's stage marker — a pill at the middle of its line — and takes its place
/// so dependency labels go around it.
pub fn stage_markers(
    out: &mut Vec<Shape>,
    painter: &egui::Painter,
    edge_paths: &[(&str, Vec<Pos2>)],
    scene: &Scene,
    px: f32,
    occupied: &mut Occupancy,
) {
    for (id, path) in edge_paths {
        let Some(e) = scene.edge_of.get(*id).and_then(|e| scene.graph.edge(*e)) else {
            continue;
        };
        let Some((text, fill)) = &e.display().look.rollout else {
            continue;
        };
        let at = point_along(path, 0.5);
        let g = painter.layout_no_wrap(
            text.to_string(),
            egui::FontId::proportional(px),
            Color32::WHITE,
        );
        let rect = Rect::from_center_size(at, g.size() + vec2(10.0, 4.0));
        out.push(Shape::rect_filled(rect, rect.height() * 0.5, *fill));
        out.push(Shape::rect_stroke(
            rect,
            rect.height() * 0.5,
            Stroke::new(1.0, Color32::WHITE),
            StrokeKind::Outside,
        ));
        out.push(Shape::galley(at - g.size() / 2.0, g, Color32::WHITE));
        occupied.take(to_rect(rect));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stage;

    #[test]
    fn the_marker_names_the_running_stage_else_the_last_done_else_planned() {
        let mut r = Rollout {
            stages: vec![
                Stage::new(1.0, 24),
                Stage::new(25.0, 48),
                Stage::new(100.0, 0),
            ],
            ..Rollout::default()
        };
        assert_eq!(&*stage_marker(&r).0, "planned");
        r.stages[0].status = StageStatus::Done;
        assert_eq!(&*stage_marker(&r).0, "1 %");
        r.stages[1].status = StageStatus::Running;
        assert_eq!(&*stage_marker(&r).0, "25 %");
        r.stages[1].status = StageStatus::RolledBack;
        assert_eq!(&*stage_marker(&r).0, "↩ 25 %");
        r.stages[1].status = StageStatus::Done;
        r.stages[2].status = StageStatus::Done;
        assert_eq!(&*stage_marker(&r).0, "100 %");
    }
}
