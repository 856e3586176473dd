//! Group hulls: the outline drawn behind a group's systems, or, for a group scattered over the
//! map, its members' boxes joined along a minimum spanning tree. In the painter's units.

use super::geometry::{P, Rect, len, sub};
use crate::theme::{Rgba, Theme};

/// Space between a member's box and the hull, per unit.
const PAD: f32 = 16.0;
/// A hull larger than this many times its members' boxes is drawn as joined boxes instead.
const COMPACT_RATIO: f32 = 7.0;
/// The name's top-left corner, inside the hull's highest corner, per unit.
const LABEL_INSET: P = [6.0, 2.0];
/// Dash and gap of the hull's border, its width and the joined boxes' corner radius, per unit.
pub const DASH: [f32; 2] = [8.0, 5.0];
pub const STROKE: f32 = 1.5;
pub const BOX_RADIUS: f32 = 10.0;

#[derive(Debug, Clone, PartialEq)]
pub enum HullShape {
    /// One convex outline (counter-clockwise), dashed.
    Compact(Vec<P>),
    /// Each member's padded box, joined by bands `width` wide between their centres.
    Scattered {
        boxes: Vec<Rect>,
        links: Vec<(P, P)>,
        width: f32,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hull {
    pub shape: HullShape,
    /// The top-left corner of the group's name.
    pub label_at: P,
    /// Everything the hull covers.
    pub bounds: Rect,
}

/// The hull around member boxes `rects`, with padding and insets of `unit` × the base sizes.
/// `None` without members.
pub fn group_hull(rects: &[Rect], unit: f32) -> Option<Hull> {
    let pad = PAD * unit;
    let pts: Vec<P> = rects
        .iter()
        .flat_map(|r| {
            let r = r.expand(pad);
            [r.min, [r.max[0], r.min[1]], r.max, [r.min[0], r.max[1]]]
        })
        .collect();
    let first = *pts.first()?;
    let bounds = pts.iter().fold(
        Rect {
            min: first,
            max: first,
        },
        |b, p| b.include(*p),
    );
    let hull = convex_hull(pts);
    // Compared with the boxes themselves (not padded), so the choice does not change with zoom.
    let boxes: f32 = rects.iter().map(|r| r.width() * r.height()).sum();
    let inset = [LABEL_INSET[0] * unit, LABEL_INSET[1] * unit];
    if polygon_area(&hull) <= COMPACT_RATIO * boxes {
        // The name sits just inside the highest corner.
        let top = hull
            .iter()
            .copied()
            .min_by(|a, b| a[1].total_cmp(&b[1]).then(a[0].total_cmp(&b[0])))
            .unwrap_or(bounds.min);
        return Some(Hull {
            shape: HullShape::Compact(hull),
            label_at: [top[0] + inset[0], top[1] + inset[1]],
            bounds,
        });
    }
    // Scattered over the map: a hull would swallow other groups.
    let centres: Vec<P> = rects.iter().map(Rect::center).collect();
    let links = spanning_tree(&centres)
        .into_iter()
        .map(|(a, b)| (centres[a], centres[b]))
        .collect();
    let first = rects.iter().min_by(|a, b| {
        a.min[1]
            .total_cmp(&b.min[1])
            .then(a.min[0].total_cmp(&b.min[0]))
    })?;
    Some(Hull {
        shape: HullShape::Scattered {
            boxes: rects.iter().map(|r| r.expand(pad)).collect(),
            links,
            width: pad,
        },
        label_at: [first.min[0] - pad + inset[0], first.min[1] - pad + inset[1]],
        bounds,
    })
}

/// The hull's fill (opaque, a shade between the background and the grid, so overlapping groups
/// do not add up) and border colour (the subtext at 60 % opacity).
pub fn colors(theme: &Theme) -> (Rgba, Rgba) {
    let mix = |x: u8, y: u8| ((u16::from(x) + 2 * u16::from(y)) / 3) as u8;
    let (a, b) = (theme.canvas_bg, theme.grid);
    let fill = [mix(a[0], b[0]), mix(a[1], b[1]), mix(a[2], b[2]), 255];
    let s = theme.node_subtext;
    let stroke = [s[0], s[1], s[2], (f32::from(s[3]) * 0.6).round() as u8];
    (fill, stroke)
}

/// Area of a simple polygon (shoelace).
fn polygon_area(pts: &[P]) -> f32 {
    let n = pts.len();
    (0..n)
        .map(|i| {
            let (a, b) = (pts[i], pts[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum::<f32>()
        .abs()
        / 2.0
}

/// Edges of a minimum spanning tree over `pts` (Prim's, O(n²): groups are small).
fn spanning_tree(pts: &[P]) -> Vec<(usize, usize)> {
    let n = pts.len();
    let mut edges = Vec::with_capacity(n.saturating_sub(1));
    if n < 2 {
        return edges;
    }
    let dist = |a: P, b: P| len(sub(a, b));
    let mut in_tree = vec![false; n];
    let mut best = vec![(f32::INFINITY, 0usize); n];
    in_tree[0] = true;
    for j in 1..n {
        best[j] = (dist(pts[0], pts[j]), 0);
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
                let d = dist(pts[next], pts[j]);
                if d < best[j].0 {
                    best[j] = (d, next);
                }
            }
        }
    }
    edges
}

/// The convex hull of points, counter-clockwise on screen (Andrew's monotone chain).
pub fn convex_hull(mut pts: Vec<P>) -> Vec<P> {
    pts.sort_by(|a, b| a[0].total_cmp(&b[0]).then(a[1].total_cmp(&b[1])));
    pts.dedup();
    if pts.len() < 3 {
        return pts;
    }
    let cross = |o: P, a: P, b: P| (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    let mut lower: Vec<P> = Vec::new();
    for &p in &pts {
        while lower.len() >= 2 && cross(lower[lower.len() - 2], lower[lower.len() - 1], p) <= 0.0 {
            lower.pop();
        }
        lower.push(p);
    }
    let mut upper: Vec<P> = Vec::new();
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

    #[test]
    fn hull_keeps_the_corners_and_drops_inner_points() {
        let pts = vec![
            [0.0, 0.0],
            [10.0, 0.0],
            [10.0, 10.0],
            [0.0, 10.0],
            [5.0, 5.0],
            [5.0, 0.0],
        ];
        let hull = convex_hull(pts);
        assert_eq!(hull.len(), 4);
        assert!((polygon_area(&hull) - 100.0).abs() < 1e-3);
    }

    #[test]
    fn spanning_tree_joins_every_point_by_the_shortest_links() {
        let pts = [[0.0, 0.0], [100.0, 0.0], [1.0, 0.0], [101.0, 0.0]];
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
        let near = [
            Rect::from_min_size([100.0, 100.0], [100.0, 30.0]),
            Rect::from_min_size([220.0, 100.0], [100.0, 30.0]),
        ];
        let hull = group_hull(&near, 1.0).unwrap();
        assert!(
            matches!(hull.shape, HullShape::Compact(_)),
            "one convex hull"
        );
        assert_eq!(hull.label_at, [100.0 - PAD + 6.0, 100.0 - PAD + 2.0]);
        let far = [
            Rect::from_min_size([100.0, 100.0], [100.0, 30.0]),
            Rect::from_min_size([1500.0, 1500.0], [100.0, 30.0]),
        ];
        let HullShape::Scattered { boxes, links, .. } = group_hull(&far, 1.0).unwrap().shape else {
            panic!("a scattered group is joined boxes");
        };
        assert_eq!(
            (boxes.len(), links.len()),
            (2, 1),
            "one padded box per member, joined"
        );
        assert!(group_hull(&[], 1.0).is_none());
    }
}
