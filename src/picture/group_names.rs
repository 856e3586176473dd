//! Where a group's name goes. Each name is measured against everything else drawn: system
//! boxes, the other groups' outlines, dependency lines, arrowheads and badges, owner lines and
//! dependency labels, the names placed before it, and its own outline (it sits inside one of
//! its group's pieces, or just outside one, never across the dashed border nor away from it).
//! [`place_names`] tries spots in a fixed order of preference (inside the top of a piece, the
//! largest piece first, left to right; just outside above; above a member lower down; just
//! outside beside, below; inside below a member last)
//! and takes the first that touches nothing, or the one that touches least. In the painter's
//! units, so the export (map units) and the canvas (screen pixels) place names alike.

mod measure;

use super::hull::bounds_of;
use measure::{CLEAR, CLOSE, Measure, ink};
pub use measure::{Obstacles, Touches, crosses_outline, keep_clear};

use super::geometry::{P, Rect};
use super::hull::Hull;
use super::map::{Picture, TextItem, finite_or};
use crate::layout::measure::{LABEL_FONT_SIZE, LABEL_LINE_HEIGHT, text_width};

/// A name's distance from the side of its outline, per unit.
const INSET: f32 = 6.0;
/// Spots tried along one row, at most.
const PER_ROW: usize = 24;
/// Spots measured for one name, at most (the best first), so a crowded map stays quick.
const MAX_TRIED: usize = 400;

/// Where the rule under a group's name runs, from left to right, for the name's line box
/// `line_box`: just under the baseline, the name's width. Drawn in the outline's colour, it
/// marks the text as the outline's caption (an owner line under a box has none), and lies
/// within the letters' box the placement measures.
pub fn rule(line_box: Rect) -> [P; 2] {
    let em = line_box.height() / LABEL_LINE_HEIGHT;
    let y = line_box.min[1] + RULE_EM * em;
    [[line_box.min[0], y], [line_box.max[0], y]]
}

/// The rule under a group's name, in ems from the top of its line box (the baseline is at
/// 0.985 em, the descenders reach 1.23 em).
const RULE_EM: f32 = 1.12;

/// The size of a name's line box: `text` at `px`, one line (as `TextItem` has it).
pub fn name_size(text: &str, px: f32) -> P {
    [text_width(text, px), px * LABEL_LINE_HEIGHT]
}

/// Where the horizontal line at `y` crosses the convex polygon: its leftmost and rightmost x.
fn extent(poly: &[P], y: f32) -> Option<(f32, f32)> {
    let n = poly.len();
    let mut out: Option<(f32, f32)> = None;
    for i in 0..n {
        let (a, b) = (poly[i], poly[(i + 1) % n]);
        let (lo, hi) = (a[1].min(b[1]), a[1].max(b[1]));
        if y < lo || y > hi {
            continue;
        }
        let x = if (b[1] - a[1]).abs() < f32::EPSILON {
            // A horizontal edge at this height: both ends.
            out = Some(out.map_or((a[0].min(b[0]), a[0].max(b[0])), |(l, h)| {
                (l.min(a[0]).min(b[0]), h.max(a[0]).max(b[0]))
            }));
            continue;
        } else {
            a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1])
        };
        out = Some(out.map_or((x, x), |(l, h)| (l.min(x), h.max(x))));
    }
    out
}

/// The x range where a box from `y0` to `y1` lies inside the convex polygon.
fn strip(poly: &[P], y0: f32, y1: f32) -> Option<(f32, f32)> {
    let (a, b) = (extent(poly, y0)?, extent(poly, y1)?);
    let (lo, hi) = (a.0.max(b.0), a.1.min(b.1));
    (lo < hi).then_some((lo, hi))
}

/// The x range the convex polygon covers anywhere between heights `y0` and `y1`.
fn span(poly: &[P], y0: f32, y1: f32) -> Option<(f32, f32)> {
    let mut out: Option<(f32, f32)> = None;
    let mut take = |l: f32, h: f32| {
        out = Some(out.map_or((l, h), |(a, b)| (a.min(l), b.max(h))));
    };
    for y in [y0, y1] {
        if let Some((l, h)) = extent(poly, y) {
            take(l, h);
        }
    }
    for p in poly.iter().filter(|p| p[1] >= y0 && p[1] <= y1) {
        take(p[0], p[0]);
    }
    out
}

/// Kinds of spot, best first: inside the outline's top, just outside above it, inside above
/// a member lower down, just outside beside it, just outside below it, inside below a member
/// (where owner lines usually are, and a name would read as one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Spot {
    Top,
    Above,
    Middle,
    Beside,
    Below,
    Under,
}

/// The spots tried for a name whose letters' box is `size` big, in or against `piece`, around
/// the boxes `members` (those of the piece), in order within each kind: top-left corners of
/// the letters' box.
fn candidates(piece: &[P], members: &[Rect], size: P, unit: f32) -> Vec<(Spot, P)> {
    let Some(b) = bounds_of(piece) else {
        return Vec::new();
    };
    let [w, h] = size;
    let (clear, close) = (CLEAR * unit, CLOSE * unit);
    let inset = INSET * unit;
    let eps = 0.25 * unit;
    let mut out = Vec::new();
    // A row of spots at height `y` within the x range `lo..hi`: the left end, then every
    // member's left and right side and the middle, then evenly along the row.
    let row = |spot: Spot, y: f32, lo: f32, hi: f32, out: &mut Vec<(Spot, P)>| {
        let within = matches!(spot, Spot::Top | Spot::Middle | Spot::Under);
        let (first, last) = if within {
            (lo + inset.max(close + eps), hi - inset.max(close + eps) - w)
        } else {
            (lo, hi - w)
        };
        let mut xs = vec![first];
        for m in members {
            xs.extend([m.min[0], m.max[0] - w]);
        }
        xs.extend([(lo + hi - w) / 2.0, last]);
        // Evenly along the row, a quarter of the name apart at most (a short row still gets a
        // few spots between its members' sides).
        let steps = ((last - first) / (w / 4.0).max(1e-3))
            .ceil()
            .min(PER_ROW as f32 - 1.0);
        if steps >= 2.0 {
            let step = (last - first) / steps;
            xs.extend((1..steps as usize).map(|i| first + step * i as f32));
        }
        // Inside, a spot with no room for the name above it is at the outline's top.
        let up = strip(piece, y - h - 2.0 * close, y - close);
        let before = out.len();
        for x in xs {
            let fits = !within || (x >= lo + close && x + w <= hi - close);
            let spot = match spot {
                Spot::Middle if up.is_none_or(|(l, r)| x < l || x + w > r) => Spot::Top,
                _ => spot,
            };
            if fits && x.is_finite() && !out[before..].iter().any(|o| o.1 == [x, y]) {
                out.push((spot, [x, y]));
            }
        }
    };
    let inside_at = |y: f32| strip(piece, y - close - eps, y + h + close + eps);
    // Inside, from the top: the outline's top, then above each member.
    let mut tops: Vec<f32> = vec![b.min[1] + close + eps];
    tops.extend(members.iter().map(|m| m.min[1] - close - h - eps));
    tops.sort_by(f32::total_cmp);
    tops.dedup_by(|a, b| (*a - *b).abs() < eps);
    for y in tops {
        if let Some((lo, hi)) = inside_at(y) {
            row(Spot::Middle, y, lo, hi, &mut out);
        }
    }
    // Just outside, above and below, along the outline's top and bottom.
    if let Some((lo, hi)) = extent(piece, (b.min[1] + h).min(b.max[1])) {
        row(Spot::Above, b.min[1] - clear - h - eps, lo, hi, &mut out);
    }
    if let Some((lo, hi)) = extent(piece, (b.max[1] - h).max(b.min[1])) {
        row(Spot::Below, b.max[1] + clear + eps, lo, hi, &mut out);
    }
    // Just outside, to the left then the right, level with each member.
    for m in members {
        let y = m.center()[1] - h / 2.0;
        if let Some((lo, hi)) = span(piece, y - clear, y + h + clear) {
            out.push((Spot::Beside, [lo - clear - eps - w, y]));
            out.push((Spot::Beside, [hi + clear + eps, y]));
        }
    }
    // Inside, below each member and at the outline's bottom.
    let mut bottoms: Vec<f32> = members.iter().map(|m| m.max[1] + close + eps).collect();
    bottoms.push(b.max[1] - close - h - eps);
    bottoms.sort_by(f32::total_cmp);
    bottoms.dedup_by(|a, b| (*a - *b).abs() < eps);
    for y in bottoms {
        if let Some((lo, hi)) = inside_at(y) {
            row(Spot::Under, y, lo, hi, &mut out);
        }
    }
    out
}

/// Places each group's name: `sizes[g]` is the size of hull `g`'s name (see [`name_size`]);
/// sets `label_at` (the name box's top-left corner) and grows `bounds` to hold it. A hull
/// without a spot to try keeps the `label_at` it has. Names are placed in order; each keeps
/// clear of those before it. Returns what each name touches where it was put.
pub fn place_names(
    hulls: &mut [Hull],
    sizes: &[P],
    obstacles: &Obstacles,
    unit: f32,
) -> Vec<Touches> {
    let unit = if unit.is_finite() && unit > 0.0 {
        unit
    } else {
        1.0
    };
    let mut measure = Measure::new(
        obstacles,
        hulls.iter().map(|h| h.pieces.clone()).collect(),
        unit,
    );
    let mut out = Vec::with_capacity(hulls.len());
    for (g, hull) in hulls.iter_mut().enumerate() {
        let size = sizes.get(g).copied().unwrap_or([0.0, 0.0]);
        // Spots are found for the letters' box, then moved up to the line's top.
        let letters = ink(Rect::from_min_size([0.0, 0.0], size));
        let (ink_size, ink_top) = ([letters.width(), letters.height()], letters.min[1]);
        // Pieces by their members, most first (then in order).
        let mut pieces: Vec<(usize, Vec<Rect>)> = hull
            .pieces
            .iter()
            .enumerate()
            .map(|(k, p)| (k, measure.boxes_in(p)))
            .collect();
        for (_, members) in &mut pieces {
            // In reading order, whatever order the painter listed the boxes in.
            members.sort_by(|a, b| {
                (a.min[1].total_cmp(&b.min[1])).then(a.min[0].total_cmp(&b.min[0]))
            });
        }
        pieces.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        // Every piece's spots, by kind, then piece, then order.
        let mut spots: Vec<(Spot, usize, P)> = Vec::new();
        for (order, (k, members)) in pieces.iter().enumerate() {
            spots.extend(
                candidates(&hull.pieces[*k], members, ink_size, unit)
                    .into_iter()
                    .map(|(spot, at)| (spot, order, [at[0], at[1] - ink_top])),
            );
        }
        spots.sort_by_key(|s| (s.0, s.1));
        let mut best: Option<(usize, usize, P, Touches, usize)> = None;
        for (rank, &(_, order, at)) in spots.iter().take(MAX_TRIED).enumerate() {
            let t = measure.touches(g, Rect::from_min_size(at, size));
            let cost = t.cost();
            if best.as_ref().is_none_or(|b| (cost, rank) < (b.0, b.1)) {
                best = Some((cost, rank, at, t, order));
            }
            if cost == 0 {
                break;
            }
        }
        let (at, t, named) = if let Some((_, _, at, t, order)) = best {
            (at, t, Some(order))
        } else {
            let at = hull.label_at;
            (at, measure.touches(g, Rect::from_min_size(at, size)), None)
        };
        let r = Rect::from_min_size(at, size);
        hull.label_at = at;
        hull.bounds = hull.bounds.union(&r);
        measure.add_name(g, r);
        out.push(t);
        // Every other piece gets the name too where it touches nothing there: an outline
        // without a name says nothing (a group drawn in two places).
        hull.piece_labels.clear();
        for order in (0..pieces.len()).filter(|o| Some(*o) != named) {
            // The group's name written so far. A piece it already sits against (between two
            // pieces close together) is named by it, and no name goes within two lines of
            // it: the same name twice close by reads as a stutter.
            let written: Vec<Rect> = named
                .map(|_| &hull.label_at)
                .into_iter()
                .chain(&hull.piece_labels)
                .map(|at| Rect::from_min_size(*at, size))
                .collect();
            let piece = &hull.pieces[pieces[order].0];
            if written.iter().any(|w| measure.reaches(*w, piece)) {
                continue;
            }
            let clean = spots
                .iter()
                .filter(|s| s.1 == order)
                .take(MAX_TRIED)
                .map(|s| Rect::from_min_size(s.2, size))
                .find(|r| {
                    measure.touches(g, *r).is_clear() && !written.iter().any(|w| close(*w, *r))
                })
                .map(|r| r.min);
            if let Some(at) = clean {
                let r = Rect::from_min_size(at, size);
                hull.piece_labels.push(at);
                hull.bounds = hull.bounds.union(&r);
                measure.add_name(g, r);
            }
        }
    }
    out
}

/// Whether two names drawn in the line boxes `a` and `b` are less than two lines apart (the
/// same group's name twice so close reads as a stutter).
fn close(a: Rect, b: Rect) -> bool {
    let h = a.height().max(b.height());
    ink(a).expand(h).intersects(&ink(b).expand(h))
}

impl Picture<'_> {
    /// What each group's name touches on this picture, by group name, measured on the text as
    /// drawn (see [`Touches`]): what the tests of placement count.
    pub fn group_name_touches(&self) -> Vec<(&str, Touches)> {
        let labels: Vec<TextItem> = self
            .owners
            .iter()
            .chain(&self.edge_labels)
            .cloned()
            .collect();
        let obstacles = super::dress::obstacles(
            &self.systems,
            &self.dependencies,
            &self.badges,
            &labels,
            self.theme,
        );
        let unit = finite_or(self.theme.label_px, LABEL_FONT_SIZE) / LABEL_FONT_SIZE;
        let pieces = self.groups.iter().map(|g| g.hull.pieces.clone()).collect();
        let mut measure = Measure::new(&obstacles, pieces, unit);
        for (g, group) in self.groups.iter().enumerate() {
            measure.add_name(g, group.label.rect);
        }
        self.groups
            .iter()
            .enumerate()
            .map(|(g, group)| {
                (
                    group.label.text.as_str(),
                    measure.touches(g, group.label.rect),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
