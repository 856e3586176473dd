//! Paints group hulls (the outline from [`crate::picture::hull`]) behind a group's systems.

use egui::{Pos2, Shape, Stroke, StrokeKind};

use super::shapes::{from_rect, pos};
use crate::picture::hull::{self, Hull, HullShape};
use crate::ui::theme::color;

/// Paints a group's hull (screen pixels) behind its systems.
pub fn paint_hull(out: &mut Vec<Shape>, hull: &Hull, theme: &crate::theme::Theme) {
    let (fill, stroke) = hull::colors(theme);
    let (fill, stroke) = (color(fill), Stroke::new(hull::STROKE, color(stroke)));
    match &hull.shape {
        HullShape::Compact(points) => {
            let ring: Vec<Pos2> = points
                .iter()
                .chain(points.first())
                .copied()
                .map(pos)
                .collect();
            out.push(Shape::convex_polygon(
                points.iter().copied().map(pos).collect(),
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
                    [pos(*a), pos(*b)],
                    Stroke::new(*width, fill),
                ));
            }
            for r in boxes {
                out.push(Shape::Rect(egui::epaint::RectShape::new(
                    from_rect(*r),
                    hull::BOX_RADIUS,
                    fill,
                    stroke,
                    StrokeKind::Inside,
                )));
            }
        }
    }
}
