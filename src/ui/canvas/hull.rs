//! Group hulls: the outline drawn behind a group's systems, or for a group scattered over the
//! map, its members' boxes joined along a minimum spanning tree.

use egui::{Pos2, Rect, Shape, Stroke, StrokeKind, pos2};

/// Draws a group's hull (the convex hull of its members' boxes, padded) behind them; returns
/// where its name goes (above the hull's top-left), or `None` when it is off screen.
pub fn group_hull(
    out: &mut Vec<Shape>,
    rects: &[Rect],
    clip: Rect,
    theme: &crate::theme::Theme,
) -> Option<Pos2> {
    let pad = 16.0;
    let pts: Vec<Pos2> = rects
        .iter()
        .flat_map(|r| {
            let r = r.expand(pad);
            [
                r.left_top(),
                r.right_top(),
                r.right_bottom(),
                r.left_bottom(),
            ]
        })
        .collect();
    let bounds = Rect::from_points(&pts);
    if pts.is_empty() || !clip.intersects(bounds) {
        return None;
    }
    let hull = convex_hull(pts);
    // Opaque, a shade between the background and the grid, so overlapping groups do not add up.
    let fill = crate::ui::theme::mix_third(
        crate::ui::theme::color(theme.canvas_bg),
        crate::ui::theme::color(theme.grid),
    );
    let stroke = Stroke::new(
        1.5,
        crate::ui::theme::color(theme.node_subtext).gamma_multiply(0.6),
    );
    // Compared with the boxes themselves (not padded), so the choice does not change with zoom.
    let boxes: f32 = rects.iter().map(Rect::area).sum();
    if polygon_area(&hull) <= 7.0 * boxes {
        // Compact: one hull. The name sits just inside its highest corner.
        let top = hull
            .iter()
            .copied()
            .min_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)))
            .unwrap_or(bounds.left_top());
        out.push(Shape::convex_polygon(hull.clone(), fill, Stroke::NONE));
        let mut ring = hull;
        ring.push(ring[0]);
        Shape::dashed_line_many(&ring, stroke, 8.0, 5.0, out);
        return Some(pos2(top.x + 6.0, top.y + 2.0));
    }
    // Scattered over the map: a hull would swallow other groups. Draw each member's padded box,
    // joined along a minimum spanning tree, as one band; the name on the top-left member.
    let centres: Vec<Pos2> = rects.iter().map(egui::Rect::center).collect();
    for (a, b) in spanning_tree(&centres) {
        out.push(Shape::line_segment(
            [centres[a], centres[b]],
            Stroke::new(pad, fill),
        ));
    }
    for r in rects {
        out.push(Shape::Rect(egui::epaint::RectShape::new(
            r.expand(pad),
            10.0,
            fill,
            stroke,
            StrokeKind::Inside,
        )));
    }
    let first = rects.iter().min_by(|a, b| {
        a.top()
            .total_cmp(&b.top())
            .then(a.left().total_cmp(&b.left()))
    })?;
    Some(pos2(first.left() - pad + 6.0, first.top() - pad + 2.0))
}

/// Area of a simple polygon (shoelace).
fn polygon_area(pts: &[Pos2]) -> f32 {
    let n = pts.len();
    (0..n)
        .map(|i| {
            let (a, b) = (pts[i], pts[(i + 1) % n]);
            a.x * b.y - b.x * a.y
        })
        .sum::<f32>()
        .abs()
        / 2.0
}

/// Edges of a minimum spanning tree over `pts` (Prim's, O(n²): groups are small).
fn spanning_tree(pts: &[Pos2]) -> Vec<(usize, usize)> {
    let n = pts.len();
    let mut edges = Vec::with_capacity(n.saturating_sub(1));
    if n < 2 {
        return edges;
    }
    let mut in_tree = vec![false; n];
    let mut best = vec![(f32::INFINITY, 0usize); n];
    in_tree[0] = true;
    for j in 1..n {
        best[j] = (pts[0].distance_sq(pts[j]), 0);
    }
    for _ in 1..n {
        let Some(next) = (0..n)
            .filter(|j| !in_tree[*j])
            .min_by(|a, b| best[*a].0.total_cmp(&best[*b].0))
        else {
            break;
        };
        in_tree[next] = true;
        edges.push((best[next].1, next));
        for j in 0..n {
            if !in_tree[j] {
                let d = pts[next].distance_sq(pts[j]);
                if d < best[j].0 {
                    best[j] = (d, next);
                }
            }
        }
    }
    edges
}

/// The convex hull of points, counter-clockwise (Andrew's monotone chain).
pub fn convex_hull(mut pts: Vec<Pos2>) -> Vec<Pos2> {
    pts.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
    pts.dedup();
    if pts.len() < 3 {
        return pts;
    }
    let cross = |o: Pos2, a: Pos2, b: Pos2| (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
    let mut lower: Vec<Pos2> = Vec::new();
    for &p in &pts {
        while lower.len() >= 2 && cross(lower[lower.len() - 2], lower[lower.len() - 1], p) <= 0.0 {
            lower.pop();
        }
        lower.push(p);
    }
    let mut upper: Vec<Pos2> = Vec::new();
    for &p in pts.iter().rev() {
        while upper.len() >= 2 && cross(upper[upper.len() - 2], upper[upper.len() - 1], p) <= 0.0 {
            upper.pop();
        }
        upper.push(p);
    }
    lower.pop();
    upper.pop();
    lower.extend(upper);
    lower
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::vec2;

    #[test]
    fn hull_keeps_the_corners_and_drops_inner_points() {
        let pts = vec![
            pos2(0.0, 0.0),
            pos2(10.0, 0.0),
            pos2(10.0, 10.0),
            pos2(0.0, 10.0),
            pos2(5.0, 5.0),
            pos2(5.0, 0.0),
        ];
        let hull = convex_hull(pts);
        assert_eq!(hull.len(), 4);
        assert!((polygon_area(&hull) - 100.0).abs() < 1e-3);
    }

    #[test]
    fn spanning_tree_joins_every_point_by_the_shortest_links() {
        let pts = [
            pos2(0.0, 0.0),
            pos2(100.0, 0.0),
            pos2(1.0, 0.0),
            pos2(101.0, 0.0),
        ];
        let mut edges: Vec<(usize, usize)> = spanning_tree(&pts)
            .into_iter()
            .map(|(a, b)| (a.min(b), a.max(b)))
            .collect();
        edges.sort_unstable();
        assert_eq!(edges, vec![(0, 2), (1, 2), (1, 3)]);
        assert!(spanning_tree(&pts[..1]).is_empty());
    }

    #[test]
    fn a_scattered_group_is_not_one_hull() {
        let theme = crate::theme::Theme::get(crate::theme::ThemeName::Light);
        let clip = Rect::from_min_size(Pos2::ZERO, vec2(2000.0, 2000.0));
        let near = [
            Rect::from_min_size(pos2(100.0, 100.0), vec2(100.0, 30.0)),
            Rect::from_min_size(pos2(220.0, 100.0), vec2(100.0, 30.0)),
        ];
        let mut out = Vec::new();
        group_hull(&mut out, &near, clip, &theme);
        assert!(matches!(out[0], Shape::Path(_)), "one convex hull");
        let far = [
            Rect::from_min_size(pos2(100.0, 100.0), vec2(100.0, 30.0)),
            Rect::from_min_size(pos2(1500.0, 1500.0), vec2(100.0, 30.0)),
        ];
        let mut out = Vec::new();
        group_hull(&mut out, &far, clip, &theme);
        let boxes = out.iter().filter(|s| matches!(s, Shape::Rect(_))).count();
        assert_eq!(boxes, 2, "one padded box per member, joined");
    }
}
