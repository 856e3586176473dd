//! One frame of the canvas as a picture, before any painting: which systems are on screen and
//! how big (grown to hold their labels), which label each shows, where each dependency runs and
//! the group hulls, all in screen pixels and all from [`crate::picture`]. `canvas_ui` paints it;
//! a test compares it with the export's picture. Needs no window.

use std::collections::HashMap;

use egui::{Pos2, Rect};

use super::labels::{OCCUPANCY_CELL, label_request};
use super::shapes::{
    DependencyLook, SystemShape, dependency_path, from_rect, geo_point, pos, to_rect,
};
use super::{Camera, Scene};
use crate::layout::measure::{LABEL_LINE_HEIGHT, text_width};
use crate::picture::badges;
use crate::picture::geometry::{self as geo, Occupancy};
use crate::picture::group_names::{self, Obstacles};
use crate::picture::hull::{self, Hull};
use crate::picture::labels::{
    DETAIL_ZOOM, LabelMemo, LabelPlan, LabelRequest, MIN_NODE_PX, footprint as labels_footprint,
    label_width, owner_rect,
};
use crate::picture::one_line;
use crate::picture::path::{DependencyPath, fuse, fuse_scale};
use crate::theme::Theme;

/// Screen pixels beyond the canvas that still count as on screen.
const CLIP_MARGIN: f32 = 20.0;

pub struct Frame<'a> {
    /// Systems on screen, most important first, with their box (screen pixels), label and
    /// owner line.
    pub systems: Vec<(&'a SystemShape, LabelPlan)>,
    /// Dependencies with a part on screen, and their paths (screen pixels).
    pub dependencies: Vec<(&'a DependencyLook, DependencyPath)>,
    /// Hulls of expanded groups with a part on screen, by group name.
    pub hulls: Vec<(&'a str, Hull)>,
    /// Where labels already are (dependency labels are placed around them).
    pub occupied: Occupancy,
    /// What each group's name touches where it was placed (each group in the scene's order).
    pub name_touches: Vec<group_names::Touches>,
    /// Where the groups' names are written (screen pixels), each piece's.
    pub group_names: Vec<geo::Rect>,
    /// The centre and radius of each dependency's debt badge (with `dependencies`), clear of
    /// the names and boxes where there is room ([`badges::on_dependency`]).
    pub dependency_badges: Vec<Option<(geo::P, f32)>>,
}

/// The frame of `scene` seen through `cam` on a canvas at `rect` (screen pixels).
pub fn frame<'a>(scene: &'a Scene, cam: Camera, rect: Rect, theme: &Theme) -> Frame<'a> {
    frame_with(scene, cam, rect, theme, &mut LabelMemo::default())
}

/// [`frame`], reusing the labels placed for the last frame (`memo`) when nothing they depend
/// on has changed.
pub fn frame_with<'a>(
    scene: &'a Scene,
    cam: Camera,
    rect: Rect,
    theme: &Theme,
    memo: &mut LabelMemo,
) -> Frame<'a> {
    let clip = rect.expand(CLIP_MARGIN);
    let mut visible: Vec<(Rect, &SystemShape)> = Vec::new();
    let mut screen_rect_of: HashMap<&str, Rect> = HashMap::with_capacity(scene.graph.node_count());
    for (_, node) in scene.graph.nodes_iter() {
        let s = node.display();
        let r = Rect::from_center_size(cam.screen_from_canvas(rect, s.pos), s.look.size * cam.zoom);
        screen_rect_of.insert(&s.look.id, r);
        if clip.intersects(r) {
            visible.push((r, s));
        }
    }
    let requests: Vec<LabelRequest<'_>> =
        visible.iter().map(|(r, s)| label_request(*r, s)).collect();
    let (plans, mut occupied) = memo.place(
        &requests,
        cam.zoom,
        theme,
        OCCUPANCY_CELL,
        Some(to_rect(rect)),
    );
    let mut systems: Vec<(&SystemShape, LabelPlan)> = plans
        .into_iter()
        .map(|plan| (visible[plan.index].1, plan))
        .collect();
    // Each box on screen with room for its owner line where owner lines are shown: a group's
    // outline goes round both.
    let mut footprint: HashMap<&str, geo::Rect> = HashMap::with_capacity(systems.len());
    for (s, plan) in &systems {
        screen_rect_of.insert(&s.look.id, from_rect(plan.rect));
        let owner = if cam.zoom >= DETAIL_ZOOM {
            &*s.look.owner
        } else {
            ""
        };
        footprint.insert(
            &s.look.id,
            labels_footprint(plan.rect, owner, theme.small_px),
        );
    }
    let members: Vec<Vec<_>> = scene
        .groups
        .iter()
        .map(|g| {
            g.members
                .iter()
                .filter_map(|m| {
                    footprint
                        .get(m.as_str())
                        .copied()
                        .or_else(|| screen_rect_of.get(m.as_str()).map(|r| to_rect(*r)))
                })
                .collect()
        })
        .collect();
    let grouped: std::collections::HashSet<&str> = scene
        .groups
        .iter()
        .flat_map(|g| g.members.iter().map(String::as_str))
        .collect();
    let others: Vec<_> = screen_rect_of
        .iter()
        .filter(|(id, _)| !grouped.contains(**id))
        .map(|(id, r)| footprint.get(id).copied().unwrap_or_else(|| to_rect(*r)))
        .collect();
    let hulls: Vec<(&str, Hull)> = hull::group_hulls(&members, &others, 1.0)
        .into_iter()
        .zip(&scene.groups)
        .filter_map(|(hull, g)| Some((g.name.as_str(), hull?)))
        .collect();
    // An owner line still cut by an outline (another group's, reaching under it) is left out.
    for (_, plan) in &mut systems {
        let cut = plan.owner.as_ref().is_some_and(|(at, text)| {
            group_names::crosses_outline(
                owner_rect(*at, text, theme.small_px),
                hulls.iter().flat_map(|(_, h)| &h.pieces),
            )
        });
        if cut {
            plan.owner = None;
        }
    }
    let mut dependencies = Vec::new();
    for (_, edge) in scene.graph.edges_iter() {
        let Some((a, b)) = scene.graph.edge_endpoints(edge.id()) else {
            continue;
        };
        let (Some(na), Some(nb)) = (scene.graph.node(a), scene.graph.node(b)) else {
            continue;
        };
        let (Some(ra), Some(rb)) = (
            screen_rect_of.get(&*na.display().look.id),
            screen_rect_of.get(&*nb.display().look.id),
        ) else {
            continue;
        };
        if !clip.intersects(ra.union(*rb).expand(30.0)) {
            continue;
        }
        let look = &edge.display().look;
        let via: Vec<_> = look
            .via
            .iter()
            .map(|v| geo_point(cam.screen_from_canvas(rect, pos(*v))))
            .collect();
        if let Some(path) = dependency_path(*ra, *rb, look.lane_at(cam.zoom), &via, look.arrow_px) {
            dependencies.push((look, path));
        }
    }
    let dependency_badges = dependency_badges(&systems, &dependencies, &mut occupied, theme);
    // Group names where the export puts them, clear of everything drawn; dependency labels
    // (placed while painting) keep clear of them.
    let obstacles = NameObstacles {
        boxes: &screen_rect_of,
        systems: &systems,
        dependencies: &dependencies,
        dependency_badges: &dependency_badges,
        canvas: rect,
    }
    .measure(theme);
    let (names, mut placed): (Vec<&str>, Vec<Hull>) = hulls.into_iter().unzip();
    let sizes: Vec<[f32; 2]> = names
        .iter()
        .map(|n| group_names::name_size(&one_line(n), theme.small_px))
        .collect();
    let name_touches = group_names::place_names(&mut placed, &sizes, &obstacles, 1.0);
    let group_names: Vec<geo::Rect> = placed
        .iter()
        .zip(&sizes)
        .flat_map(|(h, size)| {
            h.name_spots()
                .map(|at| geo::Rect::from_min_size(*at, *size))
        })
        .collect();
    for r in &group_names {
        occupied.take(group_names::keep_clear(*r, 1.0));
    }
    let hulls = names
        .into_iter()
        .zip(placed)
        .filter(|(_, h)| clip.intersects(from_rect(h.bounds)))
        .collect();
    Frame {
        systems,
        dependencies,
        hulls,
        occupied,
        name_touches,
        group_names,
        dependency_badges,
    }
}

/// A debt badge's radius for `count` items.
fn badge_radius(count: usize, theme: &Theme) -> f32 {
    let px = badges::text_px(theme.small_px);
    badges::radius(text_width(&count.to_string(), px), px)
}

/// Each dependency's debt badge (centre and radius), with `dependencies`: beside its line
/// where it covers no name, box or badge placed before it, else where it covers fewest; each
/// taken in `occupied`, so the dependency labels keep clear of it.
fn dependency_badges(
    systems: &[(&SystemShape, LabelPlan)],
    dependencies: &[(&DependencyLook, DependencyPath)],
    occupied: &mut Occupancy,
    theme: &Theme,
) -> Vec<Option<(geo::P, f32)>> {
    let mut taken: Vec<geo::Rect> = systems
        .iter()
        .filter_map(|(s, plan)| {
            let (count, _) = s.look.debt?;
            let r = badge_radius(count, theme);
            (plan.rect.width() >= MIN_NODE_PX).then(|| {
                geo::Rect::from_center_size(badges::on_system(plan.rect, r), [2.0 * r, 2.0 * r])
            })
        })
        .collect();
    dependencies
        .iter()
        .map(|(look, path)| {
            let (count, _) = look.debt?;
            let r = badge_radius(count, theme);
            let at = badges::on_dependency(path, r, look.width_px, |b| {
                u32::from(!occupied.is_free(&b))
                    + badges::count_hits(systems.iter().map(|(_, p)| p.rect), &b)
                    + badges::count_hits(taken.iter().copied(), &b)
            });
            let b = geo::Rect::from_center_size(at, [2.0 * r, 2.0 * r]);
            taken.push(b);
            occupied.take(b);
            Some((at, r))
        })
        .collect()
}

/// What group names keep clear of on screen, as the export's picture has it: every system's
/// box, the lines, arrowheads, fuses and debt badges of the dependencies on screen, owner
/// lines and names beside their boxes (with their leaders), inside the canvas.
struct NameObstacles<'f, 'a> {
    boxes: &'f HashMap<&'a str, Rect>,
    systems: &'f [(&'a SystemShape, LabelPlan)],
    dependencies: &'f [(&'a DependencyLook, DependencyPath)],
    dependency_badges: &'f [Option<(geo::P, f32)>],
    canvas: Rect,
}

impl NameObstacles<'_, '_> {
    fn measure(&self, theme: &Theme) -> Obstacles {
        let mut marks = Vec::new();
        let mut lines: Vec<Vec<geo::P>> = Vec::new();
        let disc = |(at, r): (geo::P, f32)| geo::Rect::from_center_size(at, [2.0 * r, 2.0 * r]);
        for ((look, path), badge) in self.dependencies.iter().zip(self.dependency_badges) {
            marks.push(path.arrowhead_rect());
            if look.breaker.is_some() {
                let (at, dir) = path.breaker();
                marks.push(fuse(at, dir, fuse_scale(look.width_px)).bounds());
            }
            marks.extend(badge.map(disc));
            lines.push(path.curve(16));
        }
        let mut labels = Vec::new();
        for (s, plan) in self.systems {
            if let Some((count, _)) = s.look.debt
                && plan.rect.width() >= MIN_NODE_PX
            {
                let r = badge_radius(count, theme);
                marks.push(disc((badges::on_system(plan.rect, r), r)));
            }
            if let Some((at, text)) = &plan.owner {
                labels.push(owner_rect(*at, text, theme.small_px));
            }
            if let (Some(c), Some(label)) = (plan.label_outside, plan.label.as_deref()) {
                labels.push(outside_label_rect(c, label, plan.px));
            }
            lines.extend(plan.leader.map(|[a, b]| vec![a, b]));
        }
        let mut sorted: Vec<(&str, Rect)> = self.boxes.iter().map(|(id, r)| (*id, *r)).collect();
        sorted.sort_by_key(|b| b.0);
        Obstacles {
            boxes: sorted.into_iter().map(|(_, r)| to_rect(r)).collect(),
            lines,
            line_width: theme.edge_width_px,
            marks,
            labels,
            within: Some(to_rect(self.canvas)),
        }
    }
}

/// Where a name beside its box is written: `label` at `px`, centred on `c`.
fn outside_label_rect(c: geo::P, label: &str, px: f32) -> geo::Rect {
    geo::Rect::from_center_size(c, [label_width(label, px), px * LABEL_LINE_HEIGHT])
}

/// A canvas rect that shows canvas units as screen pixels one to one (zoom 1, no offset): for
/// looking at a frame in map units.
pub fn identity_view(bounds: Rect) -> (Camera, Rect) {
    let rect = bounds.expand(1000.0);
    (
        Camera {
            center: rect.center(),
            zoom: 1.0,
        },
        rect,
    )
}

/// Where a screen point of a frame seen through `cam` at `rect` is on the map.
pub fn canvas_point(cam: Camera, rect: Rect, p: [f32; 2]) -> Pos2 {
    cam.canvas_from_screen(rect, egui::pos2(p[0], p[1]))
}

/// Screen pixels kept between what a fitted map draws and the canvas's edge.
const FIT_PAD: f32 = 8.0;

/// The camera that shows the whole of `scene` in `rect`: the boxes' bounds with a margin
/// ([`Camera::fit`]), then, where what is drawn around the boxes at that zoom (names beside
/// them, owner lines, group outlines and their names) would cross the canvas's edge, the boxes
/// fitted into what that leaves. `None` for an empty map. The frames it measures place their
/// labels through `memo`, so the canvas's frame at the camera chosen reuses them.
pub fn fit_camera(
    scene: &Scene,
    rect: Rect,
    theme: &Theme,
    memo: &mut LabelMemo,
) -> Option<Camera> {
    let bounds = scene.bounds()?;
    let mut cam = Camera {
        center: Pos2::ZERO,
        zoom: 1.0,
    };
    cam.fit(bounds, rect);
    let inside = rect.shrink(FIT_PAD / 2.0);
    for _ in 0..2 {
        let drawn = drawn_extent(&frame_with(scene, cam, rect, theme, memo), theme);
        if inside.contains_rect(drawn) {
            break;
        }
        let boxes = Rect::from_two_pos(
            cam.screen_from_canvas(rect, bounds.min),
            cam.screen_from_canvas(rect, bounds.max),
        );
        let room = Rect::from_min_max(
            rect.min + (boxes.min - drawn.min).max(egui::Vec2::ZERO) + egui::Vec2::splat(FIT_PAD),
            rect.max - (drawn.max - boxes.max).max(egui::Vec2::ZERO) - egui::Vec2::splat(FIT_PAD),
        );
        if room.width() < 10.0 || room.height() < 10.0 {
            break;
        }
        let zoom = (room.width() / bounds.width().max(1.0))
            .min(room.height() / bounds.height().max(1.0))
            .clamp(super::MIN_ZOOM, cam.zoom);
        cam = Camera {
            zoom,
            center: bounds.center() - (room.center() - rect.center()) / zoom,
        };
    }
    Some(cam)
}

/// What a frame draws, in screen pixels: boxes, names beside them, owner lines, group
/// outlines and their names.
fn drawn_extent(f: &Frame<'_>, theme: &Theme) -> Rect {
    let mut drawn = Rect::NOTHING;
    for (_, p) in &f.systems {
        drawn = drawn.union(from_rect(p.rect));
        if let (Some(c), Some(label)) = (p.label_outside, p.label.as_deref()) {
            drawn = drawn.union(from_rect(outside_label_rect(c, label, p.px)));
        }
        if let Some((at, text)) = &p.owner {
            drawn = drawn.union(from_rect(owner_rect(*at, text, theme.small_px)));
        }
    }
    for r in f
        .hulls
        .iter()
        .map(|(_, h)| h.bounds)
        .chain(f.group_names.iter().copied())
    {
        drawn = drawn.union(from_rect(r));
    }
    drawn
}

#[cfg(test)]
mod tests;
