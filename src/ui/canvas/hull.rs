//! Paints group hulls (the outline from [`crate::picture::hull`]) behind a group's systems.

use egui::{Pos2, Shape, Stroke};

use super::shapes::pos;
use crate::picture::geometry::Rect;
use crate::picture::group_names::{name_size, rule};
use crate::picture::hull::{self, Hull};
use crate::picture::one_line;
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

/// Paints a group's name where the frame placed it, on its main piece and again on its other
/// pieces, each with the rule under it in the outline's colour (screen pixels).
pub fn paint_name(
    out: &mut Vec<Shape>,
    painter: &egui::Painter,
    name: &str,
    hull: &Hull,
    theme: &crate::theme::Theme,
) {
    let size = name_size(&one_line(name), theme.small_px);
    let (_, stroke) = hull::colors(theme);
    // One layout of the name, drawn on every piece.
    let font = egui::FontId::proportional(theme.small_px);
    let galley = painter.layout_no_wrap(name.to_owned(), font, color(theme.node_subtext));
    for at in hull.name_spots() {
        out.push(Shape::galley(
            pos(*at),
            galley.clone(),
            color(theme.node_subtext),
        ));
        let [a, b] = rule(Rect::from_min_size(*at, size));
        out.push(Shape::line_segment(
            [pos(a), pos(b)],
            Stroke::new(hull::STROKE, color(stroke)),
        ));
    }
}
