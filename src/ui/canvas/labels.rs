//! System and dependency labels in screen pixels (never below the theme's minimum), placed in
//! order of importance. A system whose label is shown grows on screen to hold it; a label that
//! would overlap one already placed is left out rather than drawn on top of it.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Align2, FontId, Galley, Painter, Pos2, Rect, Vec2, pos2};

use super::Scene;
use super::shapes::{DependencyLook, SystemShape, from_rect, point_along, pos, to_rect};
use crate::picture::geometry::P;
use crate::picture::path::DependencyPath;
use crate::picture::{badges, outline};
use crate::theme::Theme;
use crate::ui::theme::color;

use crate::picture::geometry::Occupancy;
pub use crate::picture::labels::{DETAIL_ZOOM, MIN_NODE_PX};
use crate::picture::labels::{LabelPlan, LabelRequest};

/// How opaque the canvas-coloured backing of a name outside its box is.
const LABEL_BACKING: f32 = 0.85;

/// Cell size of the occupancy grid for labels on screen, in pixels.
pub const OCCUPANCY_CELL: f32 = 96.0;

/// A system as it is drawn this frame.
pub struct Placed<'a> {
    pub shape: &'a SystemShape,
    /// Screen rect of the body (grown to hold the label when it is shown).
    pub rect: Rect,
    pub label: Option<Arc<Galley>>,
    /// The label's centre when it sits beside the box.
    pub label_outside: Option<Pos2>,
    /// The line joining the box to a label farther off than beside it.
    pub leader: Option<[Pos2; 2]>,
    pub owner: Option<(Pos2, Arc<Galley>)>,
}

/// Lays out the text of the systems' labels and owner lines as the frame placed them.
pub fn lay_out<'a>(
    painter: &Painter,
    systems: &[(&'a SystemShape, LabelPlan)],
    theme: &Theme,
) -> Vec<Placed<'a>> {
    let text_color = color(theme.node_text);
    let sub_color = color(theme.node_subtext);
    systems
        .iter()
        .map(|(s, plan)| {
            let faded = s.look.fill.a() < 250;
            let fade = |c: egui::Color32| {
                if faded {
                    c.gamma_multiply(theme.dim_alpha.max(0.35))
                } else {
                    c
                }
            };
            Placed {
                shape: s,
                rect: from_rect(plan.rect),
                label: plan.label.clone().map(|t| {
                    painter.layout_no_wrap(t, FontId::proportional(plan.px), fade(text_color))
                }),
                label_outside: plan.label_outside.map(pos),
                leader: plan.leader.map(|ends| ends.map(pos)),
                owner: plan.owner.clone().map(|(at, t)| {
                    let g = painter.layout_no_wrap(
                        t,
                        FontId::proportional(theme.small_px),
                        fade(sub_color),
                    );
                    (pos(at), g)
                }),
            }
        })
        .collect()
}

/// What the label placement needs to know of a system on screen.
pub fn label_request(rect: Rect, s: &SystemShape) -> LabelRequest<'_> {
    LabelRequest {
        id: &s.look.id,
        name: &s.look.name,
        owner: &s.look.owner,
        kind: s.look.kind,
        rect: to_rect(rect),
        importance: s.look.importance,
        selected: s.look.selected,
        key: s.look.key,
    }
}

/// Paints the placed systems' labels.
pub fn draw_system_labels(out: &mut Vec<egui::Shape>, placed: &[Placed<'_>], theme: &Theme) {
    let sub_color = color(theme.node_subtext);
    // A name outside its box sits on the canvas's colour, mostly hiding the lines under it,
    // so that it reads where dependencies cross it.
    let backing = color(theme.canvas_bg).gamma_multiply(LABEL_BACKING);
    for p in placed {
        if let Some(ends) = p.leader {
            out.push(egui::Shape::line_segment(
                ends,
                egui::Stroke::new(1.0, sub_color),
            ));
        }
        if let Some(g) = &p.label {
            let at = if let Some(c) = p.label_outside {
                let at = c - g.size() / 2.0;
                out.push(egui::Shape::rect_filled(
                    Rect::from_min_size(at, g.size()).expand(1.0),
                    2.0,
                    backing,
                ));
                at
            } else {
                let [dx, dy] =
                    outline::room(p.shape.look.kind, p.rect.height(), g.size().y).label_offset();
                p.rect.center() - g.size() / 2.0 + Vec2::new(dx, dy)
            };
            out.push(egui::Shape::galley(at, g.clone(), color(theme.node_text)));
        }
        if let Some((at, g)) = &p.owner {
            // On the canvas's colour too, as the export has it: a line ending at the box
            // below runs under the owner's name, not through its letters.
            out.push(egui::Shape::rect_filled(
                Rect::from_min_size(*at, g.size()).expand(1.0),
                2.0,
                backing,
            ));
            out.push(egui::Shape::galley(*at, g.clone(), sub_color));
        }
    }
}

/// During a cascade: what happened to each system reached, in words, above its box — or below
/// it, beside it, or only the effect, where that would cover another note, another system's box,
/// an owner line or a backlog.
///
/// `taken`: what the notes keep clear of besides the boxes and the owner lines (the backlogs,
/// the groups' names). Returns where the notes went.
pub fn draw_cascade_notes(
    out: &mut Vec<egui::Shape>,
    painter: &Painter,
    placed: &[Placed<'_>],
    mut taken: Vec<Rect>,
) -> Vec<Rect> {
    let given = taken.len();
    let background = painter.ctx().global_style().visuals.extreme_bg_color;
    let boxes: Vec<Rect> = placed.iter().map(|p| p.rect).collect();
    // Within the canvas: a note cut by its edge reads as another.
    let view = painter.clip_rect();
    taken.extend(placed.iter().filter_map(owner_rect));
    for (i, p) in placed.iter().enumerate() {
        let Some((note, colour)) = &p.shape.look.cascade_note else {
            continue;
        };
        // The whole note, then its first words (the effect and when) if the whole does not fit.
        let short = note
            .split(['·', '←'])
            .next()
            .unwrap_or(note)
            .trim()
            .to_owned();
        let free = |r: Rect| {
            view.contains_rect(r)
                && !taken.iter().any(|t| t.intersects(r))
                && !boxes
                    .iter()
                    .enumerate()
                    .any(|(j, b)| j != i && b.intersects(r))
        };
        let spot = [note.to_string(), short].into_iter().find_map(|text| {
            let g = painter.layout_no_wrap(text, FontId::proportional(12.0), *colour);
            let size = g.size();
            let x = p.rect.center().x - size.x / 2.0;
            let y = p.rect.center().y - size.y / 2.0;
            // Above the box, below it (under its owner line), then beside it.
            let below = owner_rect(p).map_or(p.rect.bottom() + 18.0, |o| o.bottom() + 3.0);
            [
                pos2(x, p.rect.top() - size.y - 3.0),
                pos2(x, below),
                pos2(p.rect.right() + 6.0, y),
                pos2(p.rect.left() - 6.0 - size.x, y),
            ]
            .into_iter()
            .map(|at| Rect::from_min_size(at, size).expand(2.0))
            .find(|r| free(*r))
            .map(|r| (g, r))
        });
        let Some((g, r)) = spot else {
            continue;
        };
        out.push(egui::Shape::rect_filled(r, 3.0, background));
        out.push(egui::Shape::galley(r.min + Vec2::splat(2.0), g, *colour));
        taken.push(r);
    }
    // The notes, after what was given and the owner lines.
    let owners = placed.iter().filter(|p| owner_rect(p).is_some()).count();
    taken.split_off(given + owners)
}

/// The screen rect of a system's owner line, when it shows one.
fn owner_rect(p: &Placed<'_>) -> Option<Rect> {
    p.owner
        .as_ref()
        .map(|(at, g)| Rect::from_min_size(*at, g.size()))
}

/// Where a backlog bar `width` wide goes under a system's box `body`: below its owner line
/// when it shows one (`owner`), never over it.
fn backlog_bar(body: Rect, owner: Option<Rect>, width: f32) -> Rect {
    let top = owner.map_or(body.bottom() + 11.0, |o| {
        (body.bottom() + 11.0).max(o.bottom() + 3.0)
    });
    Rect::from_min_size(pos2(body.left(), top), Vec2::new(width, 7.0))
}

/// Paints growing backlogs under queues during a cascade: a bar that lengthens with the time the
/// backlog has been building, and its age. Returns what they cover.
pub fn draw_backlogs(
    out: &mut Vec<egui::Shape>,
    painter: &Painter,
    placed: &[Placed<'_>],
) -> Vec<Rect> {
    let amber = egui::Color32::from_rgb(0xE6, 0x9F, 0x00);
    let mut covered = Vec::new();
    for p in placed {
        let Some(secs) = p.shape.look.backlog_s else {
            continue;
        };
        let width = (12.0 + 10.0 * secs.max(0.0).sqrt()).min(p.rect.width().max(60.0) * 2.0);
        let bar = backlog_bar(p.rect, owner_rect(p), width);
        out.push(egui::Shape::rect_filled(bar, 2.0, amber));
        let g = painter.layout_no_wrap(
            format!("backlog +{secs:.0} s"),
            FontId::proportional(11.0),
            amber,
        );
        let at = pos2(bar.right() + 4.0, bar.center().y - g.size().y / 2.0);
        covered.push(bar.union(Rect::from_min_size(at, g.size())));
        out.push(egui::Shape::galley(at, g, amber));
    }
    covered
}

/// Draws the debt badges, the dependencies' where the frame put them
/// ([`super::frame::Frame::dependency_badges`]); returns each badged system's badge rect (by
/// system id), so the pin mark can sit beside it.
pub fn draw_debt_badges<'a>(
    out: &mut Vec<egui::Shape>,
    painter: &Painter,
    placed: &[Placed<'a>],
    dependencies: &[(&DependencyLook, DependencyPath)],
    dependency_badges: &[Option<(P, f32)>],
    theme: &Theme,
) -> HashMap<&'a str, Rect> {
    let mut system_badges = HashMap::new();
    let outline = color(theme.debt_outline);
    // Badges of dimmed elements fade with them.
    let mut badge = |place: &dyn Fn(f32) -> P, count: usize, fill: egui::Color32, faded: bool| {
        let alpha = if faded {
            theme.dim_alpha.max(0.35)
        } else {
            1.0
        };
        let (fill, outline) = (fill.gamma_multiply(alpha), outline.gamma_multiply(alpha));
        let text = count.to_string();
        let px = badges::text_px(theme.small_px);
        let r = badges::radius(crate::layout::measure::text_width(&text, px), px);
        let at = pos(place(r));
        let g = painter.layout_no_wrap(text, FontId::proportional(px), outline);
        out.push(egui::Shape::circle_filled(at, r, fill));
        out.push(egui::Shape::circle_stroke(
            at,
            r,
            egui::Stroke::new(badges::outline_width(r), outline),
        ));
        out.push(egui::Shape::galley(at - g.size() / 2.0, g, outline));
        Rect::from_center_size(at, Vec2::splat(r * 2.0))
    };
    for p in placed {
        if let Some((count, fill)) = p.shape.look.debt
            && p.rect.width() >= MIN_NODE_PX
        {
            let system = to_rect(p.rect);
            let at = badge(
                &|r| badges::on_system(system, r),
                count,
                fill,
                p.shape.look.fill.a() < 250,
            );
            system_badges.insert(&*p.shape.look.id, at);
        }
    }
    for ((look, _), at) in dependencies.iter().zip(dependency_badges) {
        if let (Some((count, fill)), Some((at, _))) = (look.debt, at) {
            badge(&|_| *at, count, fill, look.color.a() < 250);
        }
    }
    system_badges
}

/// Draws the pin mark of each pinned system, beside its debt badge if it has one.
pub fn draw_pins(out: &mut Vec<egui::Shape>, placed: &[Placed<'_>], badges: &HashMap<&str, Rect>) {
    for p in placed {
        let look = &p.shape.look;
        if look.pinned && p.rect.width() >= MIN_NODE_PX {
            let at = super::marks::pin_rect(p.rect, badges.get(&*look.id).copied());
            super::marks::pin_mark(out, at, look.pin_color);
        }
    }
}

/// Paints dependency labels (label · protocol) at their midpoints when zoomed in.
pub fn draw_dependency_labels(
    out: &mut Vec<egui::Shape>,
    painter: &Painter,
    edge_paths: &[(&str, Vec<Pos2>)],
    scene: &Scene,
    zoom: f32,
    theme: &Theme,
    occupied: &mut Occupancy,
) {
    // Zoomed out, only the counts of aggregated dependencies (collapsed groups) are shown.
    let counts_only = zoom < DETAIL_ZOOM;
    if counts_only && !scene.any_aggregated {
        return;
    }
    let backdrop = color(theme.canvas_bg).gamma_multiply(0.9);
    for (id, path) in edge_paths {
        let Some(look) = scene
            .edge_of
            .get(*id)
            .and_then(|e| scene.graph.edge(*e))
            .map(|e| &e.display().look)
        else {
            continue;
        };
        if look.text.is_empty() || (counts_only && look.count < 2) {
            continue;
        }
        let at = point_along(path, 0.5);
        let g = painter.layout_no_wrap(
            look.text.to_string(),
            FontId::proportional(theme.small_px),
            look.color,
        );
        let r = Align2::CENTER_BOTTOM.anchor_size(at - Vec2::new(0.0, 6.0), g.size());
        if !occupied.is_free(&to_rect(r)) {
            continue;
        }
        occupied.take(to_rect(r));
        out.push(egui::Shape::rect_filled(r.expand(2.0), 3.0, backdrop));
        out.push(egui::Shape::galley(r.min, g, look.color));
    }
}

#[cfg(test)]
mod tests;
