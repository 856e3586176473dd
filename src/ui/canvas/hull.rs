//! Paints group hulls (the outline from [`crate::picture::hull`]) behind a group's systems.

use egui::{Pos2, Shape, Stroke};

use super::shapes::pos;
use crate::picture::hull::{self, Hull};
use crate::ui::theme::color;

/// Paints a group's hull (screen pixels) behind its systems.
pub fn paint_hull(out: &mut Vec<Shape>, hull: &Hull, theme: &crate::theme::Theme) {
    let (fill, stroke) = hull::colors(theme);
    let (fill, stroke) = (color(fill), Stroke::new(hull::STROKE, color(stroke)));
    for points in &hull.pieces {
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
}
