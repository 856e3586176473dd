//! System and dependency labels in screen pixels (never below the theme's minimum), placed in
//! order of importance. A system whose label is shown grows on screen to hold it; a label that
//! would overlap one already placed is left out rather than drawn on top of it.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Align2, FontId, Galley, Painter, Pos2, Rect, Vec2, pos2};

use super::Scene;
use super::shapes::{SystemShape, point_along, pos, to_rect};
use crate::picture::geometry::P;
use crate::picture::{badges, outline};
use crate::theme::Theme;
use crate::ui::theme::color;

/// Zoom from which the owner line and dependency labels are shown.
pub const DETAIL_ZOOM: f32 = 0.8;
/// Systems smaller than this on screen get no label at all.
const MIN_NODE_PX: f32 = 4.0;
/// Line height of a label as a multiple of its size (DejaVu Sans in egui).
const LINE: f32 = 1.17;
/// Space around a label inside its box, in pixels.
const PAD: Vec2 = Vec2::new(8.0, 5.0);

/// A coarse grid of placed rectangles for overlap tests.
pub struct Occupancy {
    cell: f32,
    cells: HashMap<(i32, i32), Vec<Rect>>,
}

impl Occupancy {
    pub fn new() -> Self {
        Occupancy {
            cell: 96.0,
            cells: HashMap::new(),
        }
    }

    fn keys(&self, r: Rect) -> impl Iterator<Item = (i32, i32)> + use<> {
        let (x0, x1) = (
            (r.left() / self.cell).floor() as i32,
            (r.right() / self.cell).floor() as i32,
        );
        let (y0, y1) = (
            (r.top() / self.cell).floor() as i32,
            (r.bottom() / self.cell).floor() as i32,
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    pub fn is_free(&self, r: Rect) -> bool {
        self.keys(r).all(|k| {
            self.cells
                .get(&k)
                .is_none_or(|v| v.iter().all(|o| !o.intersects(r)))
        })
    }

    pub fn take(&mut self, r: Rect) {
        for k in self.keys(r) {
            self.cells.entry(k).or_default().push(r);
        }
    }
}

pub fn label_px(theme: &Theme, zoom: f32) -> f32 {
    (theme.label_px * zoom).clamp(theme.min_label_px, theme.label_px * 2.0)
}

/// A system as it is drawn this frame.
pub struct Placed<'a> {
    pub shape: &'a SystemShape,
    /// Screen rect of the body (grown to hold the label when it is shown).
    pub rect: Rect,
    pub label: Option<Arc<Galley>>,
    pub owner: Option<(Pos2, Arc<Galley>)>,
}

/// Decides which labels show and how big each visible system is drawn.
pub fn place_systems<'a>(
    painter: &Painter,
    visible: Vec<(Rect, &'a SystemShape)>,
    zoom: f32,
    theme: &Theme,
    occupied: &mut Occupancy,
) -> Vec<Placed<'a>> {
    let px = label_px(theme, zoom);
    let text_color = color(theme.node_text);
    let sub_color = color(theme.node_subtext);
    let mut order: Vec<(Rect, &SystemShape)> = visible;
    order.sort_by(|a, b| {
        b.1.look
            .importance
            .cmp(&a.1.look.importance)
            .then_with(|| a.1.look.id.cmp(&b.1.look.id))
    });
    let mut placed = Vec::with_capacity(order.len());
    for (r, s) in order {
        if r.width() < MIN_NODE_PX {
            placed.push(Placed {
                shape: s,
                rect: r,
                label: None,
                owner: None,
            });
            continue;
        }
        let dimmed = s.look.fill.a() < 250;
        let (tc, sc) = if dimmed {
            (
                text_color.gamma_multiply(theme.dim_alpha.max(0.35)),
                sub_color.gamma_multiply(theme.dim_alpha.max(0.35)),
            )
        } else {
            (text_color, sub_color)
        };
        // Measure with the bundled font's advances first (cheap); lay the text out only if placed.
        let text_size = Vec2::new(
            crate::layout::measure::text_width(&s.look.name, px),
            px * LINE,
        );
        // Kinds with a glyph on the left (team, batch job) keep room for it.
        let room = outline::room(
            s.look.kind,
            r.height().max(text_size.y + PAD.y * 2.0),
            text_size.y,
        );
        let icon = room.left + room.right;
        let needed = text_size + PAD * 2.0 + Vec2::new(icon, room.lid * 2.0);
        let grown = Rect::from_center_size(r.center(), needed.max(r.size()));
        let selected = s.look.selected;
        if !selected && !occupied.is_free(grown.expand(2.0)) {
            // No room for the whole name: a shorter form in a smaller box ("Nightly…load"),
            // before the box itself; a box without any name is the last resort.
            let measure = |t: &str| label_width(t, px);
            let shorter = [0.7, 0.5].into_iter().find_map(|share| {
                let short = shorten_middle(&s.look.name, text_size.x * share, measure)?;
                let size = Vec2::new(measure(&short), text_size.y) + (needed - text_size);
                let rect = Rect::from_center_size(r.center(), size.max(r.size()));
                occupied.is_free(rect.expand(2.0)).then_some((rect, short))
            });
            if let Some((rect, short)) = shorter {
                occupied.take(rect.expand(2.0));
                let galley = painter.layout_no_wrap(short, FontId::proportional(px), tc);
                placed.push(Placed {
                    shape: s,
                    rect,
                    label: Some(galley),
                    owner: None,
                });
                continue;
            }
            let fits = r.height() + 2.0 >= px * LINE && occupied.is_free(r);
            let label = if fits {
                elided(painter, &s.look.name, px, tc, r.width() - PAD.x - icon)
            } else {
                None
            };
            if label.is_some() {
                occupied.take(r);
            }
            placed.push(Placed {
                shape: s,
                rect: r,
                label,
                owner: None,
            });
            continue;
        }
        occupied.take(grown.expand(2.0));
        let galley = painter.layout_no_wrap(s.look.name.to_string(), FontId::proportional(px), tc);
        let mut owner = None;
        if zoom >= DETAIL_ZOOM && !s.look.owner.is_empty() {
            let g = painter.layout_no_wrap(
                s.look.owner.to_string(),
                FontId::proportional(theme.small_px),
                sc,
            );
            let at = pos2(grown.center().x - g.size().x / 2.0, grown.bottom() + 3.0);
            let owner_rect = Rect::from_min_size(at, g.size());
            if occupied.is_free(owner_rect) {
                occupied.take(owner_rect);
                owner = Some((at, g));
            }
        }
        placed.push(Placed {
            shape: s,
            rect: grown,
            label: Some(galley),
            owner,
        });
    }
    placed
}

/// The width a shortened label is given: the bundled font's advances and a little room for the
/// difference from egui's own layout.
fn label_width(text: &str, px: f32) -> f32 {
    crate::layout::measure::text_width(text, px) * 1.04
}

/// `text` shortened in the middle to fit `width` pixels ("Nightly…load"), if at least a few
/// characters fit: names often differ at their end ("Orders database", "Orders service").
fn elided(
    painter: &Painter,
    text: &str,
    px: f32,
    color: egui::Color32,
    width: f32,
) -> Option<Arc<Galley>> {
    let short = shorten_middle(text, width, |s| label_width(s, px))?;
    Some(painter.layout_no_wrap(short, FontId::proportional(px), color))
}

/// The longest form of `text` that `measure` says fits `width`: the whole text, or its start and
/// end around an ellipsis (at least four characters kept). `None` when not even that fits.
pub(crate) fn shorten_middle(
    text: &str,
    width: f32,
    measure: impl Fn(&str) -> f32,
) -> Option<String> {
    if measure(text) <= width {
        return Some(text.to_owned());
    }
    let chars: Vec<char> = text.chars().collect();
    for keep in (4..chars.len()).rev() {
        let head = keep.div_ceil(2) + keep / 6;
        let tail = keep - head;
        let candidate: String = chars[..head]
            .iter()
            .collect::<String>()
            .trim_end()
            .chars()
            .chain(std::iter::once('…'))
            .chain(
                chars[chars.len() - tail..]
                    .iter()
                    .collect::<String>()
                    .trim_start()
                    .chars(),
            )
            .collect();
        if measure(&candidate) <= width {
            return Some(candidate);
        }
    }
    None
}

/// Paints the placed systems' labels.
pub fn draw_system_labels(out: &mut Vec<egui::Shape>, placed: &[Placed<'_>], theme: &Theme) {
    let sub_color = color(theme.node_subtext);
    for p in placed {
        if let Some(g) = &p.label {
            let [dx, dy] =
                outline::room(p.shape.look.kind, p.rect.height(), g.size().y).label_offset();
            let at = p.rect.center() - g.size() / 2.0 + Vec2::new(dx, dy);
            out.push(egui::Shape::galley(at, g.clone(), color(theme.node_text)));
        }
        if let Some((at, g)) = &p.owner {
            out.push(egui::Shape::galley(*at, g.clone(), sub_color));
        }
    }
}

/// Paints growing backlogs under queues during a cascade: a bar that lengthens with the time the
/// backlog has been building, and its age.
pub fn draw_backlogs(out: &mut Vec<egui::Shape>, painter: &Painter, placed: &[Placed<'_>]) {
    let amber = egui::Color32::from_rgb(0xE6, 0x9F, 0x00);
    for p in placed {
        let Some(secs) = p.shape.look.backlog_s else {
            continue;
        };
        let width = (12.0 + 10.0 * secs.max(0.0).sqrt()).min(p.rect.width().max(60.0) * 2.0);
        let bar = Rect::from_min_size(
            pos2(p.rect.left(), p.rect.bottom() + 11.0),
            Vec2::new(width, 7.0),
        );
        out.push(egui::Shape::rect_filled(bar, 2.0, amber));
        let g = painter.layout_no_wrap(
            format!("backlog +{secs:.0} s"),
            FontId::proportional(11.0),
            amber,
        );
        out.push(egui::Shape::galley(
            pos2(bar.right() + 4.0, bar.center().y - g.size().y / 2.0),
            g,
            amber,
        ));
    }
}

/// Draws the debt badges; returns each badged system's badge rect (by system id), so the pin
/// mark can sit beside it.
pub fn draw_debt_badges<'a>(
    out: &mut Vec<egui::Shape>,
    painter: &Painter,
    placed: &[Placed<'a>],
    edge_paths: &[(&str, Vec<Pos2>)],
    scene: &Scene,
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
    for (id, path) in edge_paths {
        let Some(look) = scene
            .edge_of
            .get(*id)
            .and_then(|e| scene.graph.edge(*e))
            .map(|e| &e.display().look)
        else {
            continue;
        };
        if let Some((count, fill)) = look.debt {
            let (Some(start), Some(tip)) = (path.first(), path.last()) else {
                continue;
            };
            let (mid, start, tip) = (point_along(path, 0.5), [start.x, start.y], [tip.x, tip.y]);
            badge(
                &|r| badges::beside_line([mid.x, mid.y], start, tip, r, look.width_px),
                count,
                fill,
                look.color.a() < 250,
            );
        }
    }
    system_badges
}

/// Draws the pin mark of each pinned system, beside its debt badge if it has one.
pub fn draw_pins(out: &mut Vec<egui::Shape>, placed: &[Placed<'_>], badges: &HashMap<&str, Rect>) {
    for p in placed {
        let look = &p.shape.look;
        if look.pinned && p.rect.width() >= MIN_NODE_PX {
            let at = super::shapes::pin_rect(p.rect, badges.get(&*look.id).copied());
            super::shapes::pin_mark(out, at, look.pin_color);
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
        if !occupied.is_free(r) {
            continue;
        }
        occupied.take(r);
        out.push(egui::Shape::rect_filled(r.expand(2.0), 3.0, backdrop));
        out.push(egui::Shape::galley(r.min, g, look.color));
    }
}

#[cfg(test)]
mod shorten_tests {
    use super::shorten_middle;

    /// One unit per character: easy to reason about.
    fn chars(s: &str) -> f32 {
        s.chars().count() as f32
    }

    #[test]
    fn names_are_shortened_in_the_middle_and_keep_their_end() {
        assert_eq!(
            shorten_middle("Nightly reporting load", 30.0, chars).as_deref(),
            Some("Nightly reporting load")
        );
        let short = shorten_middle("Nightly reporting load", 12.0, chars).unwrap();
        assert!(chars(&short) <= 12.0, "{short}");
        assert!(
            short.starts_with("Nightly") && short.ends_with("load"),
            "{short}"
        );
        // Two names that differ only at the end stay different.
        let a = shorten_middle("Orders database", 10.0, chars).unwrap();
        let b = shorten_middle("Orders service", 10.0, chars).unwrap();
        assert_ne!(a, b);
        assert_eq!(shorten_middle("Orders database", 3.0, chars), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::canvas::shapes::pin_rect;

    /// Issue 15.9: the pin mark sat on the same corner as the debt badge, under it.
    #[test]
    fn the_pin_mark_sits_beside_the_debt_badge() {
        for size in [
            Vec2::new(12.0, 6.0),
            Vec2::new(90.0, 30.0),
            Vec2::new(240.0, 80.0),
        ] {
            let system = Rect::from_min_size(pos2(100.0, 50.0), size);
            for radius in [badges::radius(6.0, badges::text_px(12.0)), 14.0] {
                let center = pos(badges::on_system(to_rect(system), radius));
                let badge = Rect::from_center_size(center, Vec2::splat(radius * 2.0));
                assert!(
                    pin_rect(system, None).intersects(badge),
                    "alone, the pin keeps the corner the badge takes"
                );
                let pin = pin_rect(system, Some(badge));
                assert!(!pin.intersects(badge), "{pin:?} overlaps {badge:?}");
                assert!(
                    (pin.center().y - badge.center().y).abs() < radius + 8.0,
                    "the pin stays on the top edge, beside the badge"
                );
            }
        }
    }
}
