//! Group hulls: outlines drawn behind a group's systems, around its own members only. Members
//! close together share one convex outline; a member that cannot join the others without the
//! outline covering another system's box, or another group's outline, gets an outline of its
//! own. Padding shrinks where two groups' boxes are close, so outlines never overlap. In the
//! painter's units.

use std::collections::HashMap;

use super::geometry::{P, Rect, len, sub};
use crate::theme::{Rgba, Theme};

/// Space between a member's box and the hull, per unit.
const PAD: f32 = 16.0;
/// The least padding kept where boxes of different groups are close, per unit.
const MIN_PAD: f32 = 3.0;
/// Space kept between the outlines of two groups whose boxes are close, per unit (before, two
/// borders 2 apart read as one thick line).
const OUTLINE_GAP: f32 = 6.0;
/// The name's top-left corner, inside the hull's highest corner, per unit.
const LABEL_INSET: P = [6.0, 2.0];
/// Dash and gap of the hull's border and its width, per unit.
pub const DASH: [f32; 2] = [8.0, 5.0];
pub const STROKE: f32 = 1.5;
/// Nearest fellow members a member is tried with, for joining outlines.
const NEAREST: usize = 6;
/// Maps with more boxes than this draw each member's padded box on its own (no joining).
const MAX_JOINED: usize = 3000;

#[derive(Debug, Clone, PartialEq)]
pub struct Hull {
    /// Convex outlines (counter-clockwise), dashed, one per cluster of members.
    pub pieces: Vec<Vec<P>>,
    /// The top-left corner of the group's name: first in the top-left corner of the piece with
    /// the most members, then where [`super::group_names::place_names`] finds it touches
    /// nothing.
    pub label_at: P,
    /// The top-left corners of the name repeated on the other pieces, where it touches
    /// nothing (see [`super::group_names::place_names`]).
    pub piece_labels: Vec<P>,
    /// Everything the hull covers.
    pub bounds: Rect,
}

impl Hull {
    /// Where the group's name is written: on its main piece, then on the others.
    pub fn name_spots(&self) -> impl Iterator<Item = &P> {
        std::iter::once(&self.label_at).chain(&self.piece_labels)
    }
}

/// The corners of `r`, counter-clockwise on screen.
pub(super) fn corners(r: Rect) -> Vec<P> {
    vec![r.min, [r.max[0], r.min[1]], r.max, [r.min[0], r.max[1]]]
}

/// The least and greatest of `pts` projected on `axis`.
fn project(pts: &[P], axis: P) -> (f32, f32) {
    pts.iter()
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), v| {
            let d = v[0] * axis[0] + v[1] * axis[1];
            (lo.min(d), hi.max(d))
        })
}

/// Whether two convex polygons overlap (separating axis test; touching is not overlapping).
pub fn convex_overlap(a: &[P], b: &[P]) -> bool {
    for poly in [a, b] {
        let n = poly.len();
        if n < 2 {
            continue;
        }
        for i in 0..n {
            let (p, q) = (poly[i], poly[(i + 1) % n]);
            let axis = [q[1] - p[1], p[0] - q[0]];
            let ((a0, a1), (b0, b1)) = (project(a, axis), project(b, axis));
            if a1 <= b0 || b1 <= a0 {
                return false;
            }
        }
    }
    true
}

/// The bounds of the points `pts`; `None` for none.
pub(super) fn bounds_of(pts: &[P]) -> Option<Rect> {
    let first = *pts.first()?;
    Some(pts.iter().fold(
        Rect {
            min: first,
            max: first,
        },
        |b, p| b.include(*p),
    ))
}

/// The gap between two boxes: how far apart they are along the axis that separates them most
/// (negative when they overlap).
fn gap(a: &Rect, b: &Rect) -> f32 {
    let dx = (a.min[0] - b.max[0]).max(b.min[0] - a.max[0]);
    let dy = (a.min[1] - b.max[1]).max(b.min[1] - a.max[1]);
    dx.max(dy)
}

/// Members joined under one outline: their group, their indices and the outline.
type Piece = (usize, Vec<usize>, Vec<P>);

/// Boxes by grid cell, to find those near an outline.
struct Grid {
    cell: f32,
    cells: HashMap<(i32, i32), Vec<usize>>,
}

impl Grid {
    fn new(rects: &[Rect], cell: f32) -> Self {
        let mut g = Grid {
            cell,
            cells: HashMap::new(),
        };
        for (i, r) in rects.iter().enumerate() {
            for k in g.keys(r) {
                g.cells.entry(k).or_default().push(i);
            }
        }
        g
    }

    fn keys(&self, r: &Rect) -> Vec<(i32, i32)> {
        let k = |v: f32| (v / self.cell).floor().clamp(-1.0e6, 1.0e6) as i32;
        let (x0, x1, y0, y1) = (k(r.min[0]), k(r.max[0]), k(r.min[1]), k(r.max[1]));
        if x0 > x1 || y0 > y1 || (x1 - x0 + 1) * (y1 - y0 + 1) > 4096 {
            return Vec::new();
        }
        (x0..=x1)
            .flat_map(|x| (y0..=y1).map(move |y| (x, y)))
            .collect()
    }

    fn near(&self, r: &Rect, out: &mut Vec<usize>) {
        out.clear();
        for k in self.keys(r) {
            if let Some(v) = self.cells.get(&k) {
                out.extend(v);
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// The hull of each group in `groups` (its members' boxes), drawn among `others` (the boxes of
/// systems in no group): padding `unit` × the base sizes. `None` for a group without members.
pub fn group_hulls(groups: &[Vec<Rect>], others: &[Rect], unit: f32) -> Vec<Option<Hull>> {
    // Every box, with its group (None: in no group).
    let mut rects: Vec<Rect> = Vec::new();
    let mut owner: Vec<Option<usize>> = Vec::new();
    for (g, members) in groups.iter().enumerate() {
        for r in members {
            rects.push(*r);
            owner.push(Some(g));
        }
    }
    for r in others {
        rects.push(*r);
        owner.push(None);
    }
    let n = rects.len();
    let full = PAD * unit;
    let least = MIN_PAD * unit;
    let mut widths: Vec<f32> = rects
        .iter()
        .map(Rect::width)
        .filter(|w| w.is_finite())
        .collect();
    widths.sort_by(f32::total_cmp);
    let cell = (widths.get(widths.len() / 2).copied().unwrap_or(100.0) + 2.0 * full).max(8.0);
    let grid = Grid::new(&rects, cell);
    let among = Among {
        rects: &rects,
        owner: &owner,
        grid: &grid,
        unit,
    };
    let mut near = Vec::new();
    // Each member's padding: at most half the gap to the nearest box of anyone else.
    let mut pad = vec![full; n];
    for i in 0..n {
        if owner[i].is_none() {
            continue;
        }
        grid.near(&rects[i].expand(2.0 * full), &mut near);
        for &j in &near {
            if j != i && owner[j] != owner[i] {
                let room = (gap(&rects[i], &rects[j]) - OUTLINE_GAP * unit) / 2.0;
                pad[i] = pad[i].min(room.max(least));
            }
        }
    }
    // Pieces: each member alone, then joined with its nearest fellows where the joined outline
    // covers no other box and no other group's outline.
    let mut piece_of: Vec<usize> = (0..n).collect();
    let mut pieces: Vec<Option<Piece>> = (0..n)
        .map(|i| owner[i].map(|g| alone(g, i, &rects, &pad)))
        .collect();
    // Joined outlines keep this far from other groups' outlines (or no closer than the pieces
    // they join already are: two members side by side still share one outline).
    let apart = OUTLINE_GAP * unit / 2.0;
    if n <= MAX_JOINED {
        let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
        for (g, members) in groups.iter().enumerate() {
            let first = owner.iter().position(|o| *o == Some(g)).unwrap_or(0);
            let ids: Vec<usize> = (first..first + members.len()).collect();
            for &a in &ids {
                let mut by: Vec<(f32, usize)> = ids
                    .iter()
                    .filter(|&&b| b != a)
                    .map(|&b| (len(sub(rects[a].center(), rects[b].center())), b))
                    .collect();
                by.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
                for &(d, b) in by.iter().take(NEAREST) {
                    if a < b {
                        pairs.push((d, a, b));
                    }
                }
            }
        }
        pairs.sort_by(|x, y| x.0.total_cmp(&y.0).then((x.1, x.2).cmp(&(y.1, y.2))));
        pairs.dedup();
        for (_, a, b) in pairs {
            let (pa, pb) = (piece_of[a], piece_of[b]);
            if pa == pb {
                continue;
            }
            let (Some(ka), Some(kb)) = (&pieces[pa], &pieces[pb]) else {
                continue;
            };
            let joined = convex_hull(ka.2.iter().chain(&kb.2).copied().collect());
            if !among.may_join(&joined, ka.0, [&ka.2, &kb.2], &pieces, apart, &mut near) {
                continue;
            }
            let group = ka.0;
            let mut members = ka.1.clone();
            members.extend(&kb.1);
            for &m in &members {
                piece_of[m] = pa;
            }
            pieces[pa] = Some((group, members, joined));
            pieces[pb] = None;
        }
    }
    // Pieces of one group that could not share an outline (it would cover another group's box)
    // but whose outlines meet are cut apart along a line between their members.
    if n <= MAX_JOINED {
        apart_within_groups(&mut pieces, &among, &pad);
    }
    let inset = [LABEL_INSET[0] * unit, LABEL_INSET[1] * unit];
    let mut out: Vec<Option<Hull>> = vec![None; groups.len()];
    let mut by_group: Vec<Vec<(Vec<usize>, Vec<P>)>> = vec![Vec::new(); groups.len()];
    for (g, members, poly) in pieces.into_iter().flatten() {
        by_group[g].push((members, poly));
    }
    for (g, list) in by_group.into_iter().enumerate() {
        // The name goes in the padding above the highest member of the largest piece, where
        // no other outline reaches.
        let Some(top) = list
            .iter()
            .max_by(|a, b| a.0.len().cmp(&b.0.len()).then(b.0.cmp(&a.0)))
            .and_then(|(members, _)| {
                members.iter().copied().min_by(|a, b| {
                    rects[*a].min[1]
                        .total_cmp(&rects[*b].min[1])
                        .then(rects[*a].min[0].total_cmp(&rects[*b].min[0]))
                })
            })
        else {
            continue;
        };
        let pieces: Vec<Vec<P>> = list.into_iter().map(|(_, p)| p).collect();
        let all: Vec<P> = pieces.iter().flatten().copied().collect();
        let Some(bounds) = bounds_of(&all) else {
            continue;
        };
        // Padding shrunk by a neighbour has no room for the name: it goes just above instead.
        let r = rects[top];
        let above = if pad[top] < full { full } else { 0.0 };
        out[g] = Some(Hull {
            pieces,
            label_at: [
                r.min[0] - pad[top] + inset[0],
                r.min[1] - pad[top] - above + inset[1],
            ],
            piece_labels: Vec::new(),
            bounds: bounds.include([r.min[0] - pad[top], r.min[1] - pad[top] - above]),
        });
    }
    out
}

/// Member `m` of group `g` in an outline of its own: its box grown by its padding.
fn alone(g: usize, m: usize, rects: &[Rect], pad: &[f32]) -> Piece {
    (g, vec![m], corners(rects[m].expand(pad[m])))
}

/// Every box on the map, for deciding whether two pieces may share an outline.
struct Among<'a> {
    rects: &'a [Rect],
    /// Each box's group (`None`: in no group).
    owner: &'a [Option<usize>],
    grid: &'a Grid,
    unit: f32,
}

impl Among<'_> {
    /// Whether `joined`, the outline of two pieces of group `g` (outlines `pair`), may be
    /// drawn: it covers no box of another group or of none ([`Among::covers_a_box`]), and
    /// comes no nearer another group's outline than `apart` (or than the two pieces already
    /// are). A fellow member's box it would swallow whole is fine (it joins later).
    fn may_join(
        &self,
        joined: &[P],
        g: usize,
        pair: [&[P]; 2],
        pieces: &[Option<Piece>],
        apart: f32,
        near: &mut Vec<usize>,
    ) -> bool {
        let Some(bb) = bounds_of(joined) else {
            return false;
        };
        let covers_a_hull = || {
            pieces.iter().flatten().any(|(other, _, poly)| {
                *other != g
                    && bounds_of(poly).is_some_and(|r| r.intersects(&bb.expand(apart)))
                    && (convex_overlap(joined, poly)
                        || outline_distance(joined, poly)
                            < apart
                                .min(outline_distance(pair[0], poly) - self.unit)
                                .min(outline_distance(pair[1], poly) - self.unit))
            })
        };
        !self.covers_a_box(joined, g, near) && !covers_a_hull()
    }

    /// Whether the outline `poly` of group `g` covers a box of another group or of none.
    /// `near`: scratch.
    fn covers_a_box(&self, poly: &[P], g: usize, near: &mut Vec<usize>) -> bool {
        let Some(bb) = bounds_of(poly) else {
            return false;
        };
        self.grid.near(&bb, near);
        near.iter().any(|&j| {
            self.owner[j] != Some(g) && convex_overlap(poly, &corners(self.rects[j].expand(1.0)))
        })
    }
}

/// Cuts apart the outlines of pieces of one group that overlap or nearly touch: where a line
/// parts their members' boxes (the boxes' hulls are apart along some edge's normal), each
/// outline is cut back to its side of it, `OUTLINE_GAP` apart (less where the boxes are
/// closer), so members stay inside their outline and only padding is lost. Where no line parts
/// them (the pieces interleave), in turn: they share one outline when it covers no other box;
/// they are cut halfway through the overlap when that line passes by every member's box; a
/// member alone whose box's middle is inside the other outline is drawn in it; the smaller
/// piece, or the other when it has at most `BREAK_UP_MAX` members, gets one outline per
/// member; else they are cut halfway all the same (boxes that overlap themselves, as a wide
/// owner line reaching under a neighbour). `pad`: each box's padding.
fn apart_within_groups(pieces: &mut [Option<Piece>], among: &Among<'_>, pad: &[f32]) {
    /// Passes over one group's pieces after breaking or joining one, at most.
    const PASSES: usize = 16;
    /// The larger of two interleaved pieces is broken up only when it has this many members
    /// at most.
    const BREAK_UP_MAX: usize = 3;
    let rects = among.rects;
    let apart = OUTLINE_GAP * among.unit;
    let bare =
        |members: &[usize]| convex_hull(members.iter().flat_map(|&m| corners(rects[m])).collect());
    let mut near = Vec::new();
    let mut groups: Vec<usize> = pieces.iter().flatten().map(|p| p.0).collect();
    groups.sort_unstable();
    groups.dedup();
    // Members of a piece broken up here: they are not broken up again (no going round in
    // circles between joining and breaking).
    let mut broken = vec![false; rects.len()];
    for g in groups {
        for _ in 0..PASSES {
            let list: Vec<usize> = (0..pieces.len())
                .filter(|&k| pieces[k].as_ref().is_some_and(|p| p.0 == g))
                .collect();
            let mut again = false;
            'pairs: for (x, &p) in list.iter().enumerate() {
                for &q in &list[x + 1..] {
                    let (Some(a), Some(b)) = (&pieces[p], &pieces[q]) else {
                        continue;
                    };
                    let (a, b) = (a.clone(), b.clone());
                    let (Some(ba), Some(bb)) = (bounds_of(&a.2), bounds_of(&b.2)) else {
                        continue;
                    };
                    if !ba.expand(apart).intersects(&bb)
                        || !(convex_overlap(&a.2, &b.2) || outline_distance(&a.2, &b.2) < apart)
                    {
                        continue;
                    }
                    let Some((n, a_max, b_min)) = parting_axis(&bare(&a.1), &bare(&b.1)) else {
                        continue;
                    };
                    let space = b_min - a_max;
                    // Cut both outlines back to their side of the line that parts them.
                    let cut = |pieces: &mut [Option<Piece>], cut_a: f32, cut_b: f32| {
                        let clipped_a = clip(&a.2, n, cut_a);
                        let clipped_b = clip(&b.2, [-n[0], -n[1]], -cut_b);
                        if clipped_a.len() >= 3 && clipped_b.len() >= 3 {
                            pieces[p] = Some((g, a.1.clone(), clipped_a));
                            pieces[q] = Some((g, b.1.clone(), clipped_b));
                        }
                    };
                    if space > 0.0 {
                        let gap = apart.min(space / 2.0);
                        cut(
                            pieces,
                            a_max + (space - gap) / 2.0,
                            b_min - (space - gap) / 2.0,
                        );
                        continue;
                    }
                    let ((small, small_piece), (big, big_piece)) = if a.1.len() <= b.1.len() {
                        ((p, &a), (q, &b))
                    } else {
                        ((q, &b), (p, &a))
                    };
                    // One outline for both, when it covers no other box.
                    let joined =
                        convex_hull(big_piece.2.iter().chain(&small_piece.2).copied().collect());
                    if !among.covers_a_box(&joined, g, &mut near) {
                        let mut members = big_piece.1.clone();
                        members.extend(&small_piece.1);
                        pieces[big] = Some((g, members, joined));
                        pieces[small] = None;
                        again = true;
                        break 'pairs;
                    }
                    // Else cut halfway through where their members' hulls overlap, when that
                    // line passes by every member's box.
                    let mid = f32::midpoint(a_max, b_min);
                    let (cut_a, cut_b) = (mid - apart / 2.0, mid + apart / 2.0);
                    let along = |m: usize| project(&corners(rects[m]), n);
                    let clear = a.1.iter().all(|&m| along(m).1 <= cut_a)
                        && b.1.iter().all(|&m| along(m).0 >= cut_b);
                    if clear {
                        cut(pieces, cut_a, cut_b);
                        continue;
                    }
                    // Else a member alone whose box's middle is inside the other piece's
                    // outline is drawn in that outline (it is of the same group).
                    if let [m] = small_piece.1[..] {
                        let c = rects[m].center();
                        let at = corners(Rect { min: c, max: c }.expand(0.5));
                        if convex_overlap(&big_piece.2, &at) {
                            let mut members = big_piece.1.clone();
                            members.push(m);
                            pieces[big] = Some((g, members, big_piece.2.clone()));
                            pieces[small] = None;
                            again = true;
                            break 'pairs;
                        }
                    }
                    // Else one outline per member of the smaller piece, or of the other when
                    // that is a few members (a large piece stays whole: many small outlines
                    // with the group's name on each read worse than one cut).
                    for (k, members, most) in [
                        (small, &small_piece.1, usize::MAX),
                        (big, &big_piece.1, BREAK_UP_MAX),
                    ] {
                        if (2..=most).contains(&members.len())
                            && !members.iter().any(|&m| broken[m])
                        {
                            for &m in members {
                                pieces[m] = Some(alone(g, m, rects, pad));
                                broken[m] = true;
                            }
                            if !members.contains(&k) {
                                pieces[k] = None;
                            }
                            again = true;
                            break 'pairs;
                        }
                    }
                    // Boxes that overlap themselves (a wide owner line under one reaching
                    // under the other): cut halfway all the same.
                    cut(pieces, cut_a, cut_b);
                }
            }
            if !again {
                break;
            }
        }
    }
}

/// The unit axis along which convex polygons `a` and `b` are farthest apart (or overlap
/// least), among their edges' normals, oriented so `a` lies below `b`: (axis, `a`'s greatest
/// and `b`'s least projection; the second less than the first where they overlap). `None`
/// for a polygon without edges.
fn parting_axis(a: &[P], b: &[P]) -> Option<(P, f32, f32)> {
    let mut best: Option<(P, f32, f32)> = None;
    for poly in [a, b] {
        let m = poly.len();
        for i in 0..m {
            let (p, q) = (poly[i], poly[(i + 1) % m]);
            let l = len(sub(q, p));
            if l.is_nan() || l <= 1e-6 {
                continue;
            }
            let n = [(q[1] - p[1]) / l, (p[0] - q[0]) / l];
            let ((a0, a1), (b0, b1)) = (project(a, n), project(b, n));
            let (axis, lo, hi) = if b0 - a1 >= a0 - b1 {
                (n, a1, b0)
            } else {
                ([-n[0], -n[1]], -a0, -b1)
            };
            if best.is_none_or(|(_, l0, h0)| hi - lo > h0 - l0) {
                best = Some((axis, lo, hi));
            }
        }
    }
    best
}

/// The part of convex polygon `poly` where `p · n <= c` (Sutherland–Hodgman against one
/// line), in the same winding.
fn clip(poly: &[P], n: P, c: f32) -> Vec<P> {
    let side = |p: P| p[0] * n[0] + p[1] * n[1] - c;
    let m = poly.len();
    let mut out = Vec::with_capacity(m + 1);
    for i in 0..m {
        let (p, q) = (poly[i], poly[(i + 1) % m]);
        let (sp, sq) = (side(p), side(q));
        if sp <= 0.0 {
            out.push(p);
        }
        if (sp < 0.0 && sq > 0.0) || (sp > 0.0 && sq < 0.0) {
            let t = sp / (sp - sq);
            out.push([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
        }
    }
    out
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

/// The least distance between two convex polygons that do not meet: from a corner of one to a
/// side of the other.
pub fn outline_distance(a: &[P], b: &[P]) -> f32 {
    let to_side = |p: P, s: P, e: P| {
        let d = sub(e, s);
        let l = d[0] * d[0] + d[1] * d[1];
        let t = if l > 0.0 {
            (((p[0] - s[0]) * d[0] + (p[1] - s[1]) * d[1]) / l).clamp(0.0, 1.0)
        } else {
            0.0
        };
        len(sub(p, [s[0] + d[0] * t, s[1] + d[1] * t]))
    };
    let one_way = |a: &[P], b: &[P]| {
        a.iter()
            .flat_map(|p| (0..b.len()).map(move |i| to_side(*p, b[i], b[(i + 1) % b.len()])))
            .fold(f32::INFINITY, f32::min)
    };
    one_way(a, b).min(one_way(b, a))
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
mod tests;
