//! Paints group hulls (the outline from [`crate::picture::hull`]) behind a group's systems.

use egui::{Pos2, Rect, Shape, Stroke, StrokeKind};

use super::shapes::{from_rect, pos, to_rect};
use crate::picture::hull::{self, HullShape};
use crate::ui::theme::color;

/// Draws a group's hull around its members' screen rects; returns where its name goes, or
/// `None` when it is off screen (outside `clip`).
pub fn group_hull(
    out: &mut Vec<Shape>,
    rects: &[Rect],
    clip: Rect,
    theme: &crate::theme::Theme,
) -> Option<Pos2> {
    let boxes: Vec<_> = rects.iter().copied().map(to_rect).collect();
    let hull = hull::group_hull(&boxes, 1.0)?;
    if !clip.intersects(from_rect(hull.bounds)) {
        return None;
    }
    let (fill, stroke) = hull::colors(theme);
    let (fill, stroke) = (color(fill), Stroke::new(hull::STROKE, color(stroke)));
    match hull.shape {
        HullShape::Compact(points) => {
            let ring: Vec<Pos2> = points
                .iter()
                .chain(points.first())
                .copied()
                .map(pos)
                .collect();
            out.push(Shape::convex_polygon(
                points.into_iter().map(pos).collect(),
                fill,
                Stroke::NONE,
            ));
            Shape::dashed_line_many(&ring, stroke, hull::DASH[0], hull::DASH[1], out);
        }
        HullShape::Scattered {
            boxes,
            links,
            width,
        } => {
            for (a, b) in links {
                out.push(Shape::line_segment(
                    [pos(a), pos(b)],
                    Stroke::new(width, fill),
                ));
            }
            for r in boxes {
                out.push(Shape::Rect(egui::epaint::RectShape::new(
                    from_rect(r),
                    hull::BOX_RADIUS,
                    fill,
                    stroke,
                    StrokeKind::Inside,
                )));
            }
        }
    }
    Some(pos(hull.label_at))
}
