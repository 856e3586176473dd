//! Where everything goes. The map is built in *map units*: systems at their canvas positions,
//! boxes sized for the whole name at the theme's label size (a projector's bigger labels make
//! bigger boxes, and boxes that come to overlap are pushed apart). It is placed into the frame's
//! *logical pixels* (a 1920×1080 slide, or the content's tight frame) by one zoom and offset;
//! title and legend are in logical pixels. The image's pixel size changes resolution, never
//! layout.

use std::collections::{BTreeSet, HashMap};

use super::badges::{Badge, badges};
use super::geometry::{Occupancy, P, Rect, add, mul, quad, sub};
use super::hull;
pub use super::items::{Change, DependencyItem, GroupItem, Marks, SystemItem, TextItem};
use super::labels::{one_line, system_box};
use super::legend::{self, Legend};
use super::path::DependencyPath;
pub use super::scene::Scene;
use super::separate;
use crate::io::export::{ExportError, ExportOptions, Fit, MAX_SIDE_PX, SLIDE_PX};
use crate::layout::measure::{LABEL_FONT_SIZE, text_width};
use crate::model::Dependency;
use crate::model::Workspace;
use crate::theme::{Theme, border_width};
use std::collections::BTreeMap;

/// Space around the picture, in logical pixels.
const MARGIN: f32 = 40.0;
/// Space between the map and the legend, in logical pixels.
const GAP: f32 = 32.0;
/// A small map is enlarged at most this much to fill the slide.
const MAX_ZOOM: f32 = 2.0;
/// Title and legend grow with a small map's zoom, at most this much.
const MAX_CHROME_ZOOM: f32 = 1.5;

pub struct Picture<'a> {
    /// The backdrop photo under the map (map units), when the options ask for it.
    pub backdrop: Option<(Rect, &'a crate::io::backdrop::ExportBackdrop)>,
    /// The frame is this many slides wide (and high), so that names keep the theme's minimum
    /// size: the map is too large for one slide (`None`: one slide, or not a slide).
    pub grown: Option<f32>,
    pub theme: &'a Theme,
    /// Frame size in logical pixels (the SVG's viewBox).
    pub size: P,
    /// Image size in pixels.
    pub pixels: [u32; 2],
    pub transparent: bool,
    /// Map units → logical pixels: `p * zoom + offset`.
    pub zoom: f32,
    pub offset: P,
    pub systems: Vec<SystemItem<'a>>,
    pub dependencies: Vec<DependencyItem<'a>>,
    /// Integration-debt badges on systems and dependencies, in map units.
    pub badges: Vec<Badge<'a>>,
    /// Owner lines under systems, in map units.
    pub owners: Vec<TextItem>,
    /// `label · protocol` beside dependencies, in map units.
    pub edge_labels: Vec<TextItem>,
    /// Group hulls behind their members, in map units, by group name.
    pub groups: Vec<GroupItem>,
    /// In logical pixels.
    pub title: Option<TextItem>,
    pub legend: Option<Legend>,
    pub title_text: String,
    /// Ids drawn faded (`ExportOptions::dimmed`), for the badges on them.
    pub dimmed: &'a BTreeSet<String>,
}

fn finite_or(v: f32, d: f32) -> f32 {
    if v.is_finite() && v > 0.0 { v } else { d }
}

impl<'a> Picture<'a> {
    pub fn new(scene: &Scene<'a>, opts: &'a ExportOptions) -> Result<Picture<'a>, ExportError> {
        let theme = &opts.theme;
        let label_px = finite_or(theme.label_px, LABEL_FONT_SIZE);
        let small_px = finite_or(theme.small_px, 12.0);
        let spread = label_px / LABEL_FONT_SIZE;

        // Systems, in id order.
        let mut systems = Vec::with_capacity(scene.positions.len());
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(scene.positions.len());
        for (id, pos) in &scene.positions {
            let Some(s) = scene.ws.systems.get(*id) else {
                continue;
            };
            let name = one_line(&s.name);
            let name = if name.is_empty() { one_line(id) } else { name };
            let (size, room) = system_box(s.kind, &name, label_px);
            let center = *pos;
            let rect = Rect::from_center_size(center, size);
            let label = TextItem::centered(
                name,
                add(center, room.label_offset()),
                label_px,
                theme.node_text,
            );
            index.insert(id, systems.len());
            systems.push(SystemItem {
                id,
                marks: Marks::of(id, opts),
                kind: s.kind,
                rect,
                border: border_width(s.criticality),
                label,
            });
        }
        if systems.is_empty() {
            return Err(ExportError::Empty);
        }
        let mut spread_by = 1.0;
        if spread > 1.0 {
            let edges: Vec<(u32, u32)> = scene
                .dependencies
                .iter()
                .filter_map(|id| {
                    let d = scene.ws.dependencies.get(*id)?;
                    let a = *index.get(d.from.as_str())?;
                    let b = *index.get(d.to.as_str())?;
                    Some((a as u32, b as u32))
                })
                .collect();
            spread_by = separate::spread_out(&mut systems, &edges, spread);
        }
        separate::separate(&mut systems, separate::SEPARATION * spread);

        let dependencies = dependencies(scene, &systems, &index, opts);
        let groups = if opts.group_hulls {
            groups(scene.ws, &systems, spread, small_px, theme)
        } else {
            Vec::new()
        };
        let (badges, debt_open) = if opts.badges {
            badges(scene.ws, &systems, &dependencies, theme, small_px)
        } else {
            (Vec::new(), 0)
        };

        // Labels that may be left out where they would overlap: owners, then dependency labels.
        let mut taken = Occupancy::new(128.0 * spread);
        for s in &systems {
            taken.take(s.rect);
        }
        for d in &dependencies {
            taken.take(d.path.arrowhead_rect());
        }
        for b in &badges {
            taken.take(b.rect().expand(1.0));
        }
        let mut owners = Vec::new();
        for s in &systems {
            let owner = scene
                .ws
                .systems
                .get(s.id)
                .map(|x| one_line(&x.owner))
                .unwrap_or_default();
            if owner.is_empty() {
                continue;
            }
            let w = text_width(&owner, small_px);
            // Only below its box, where the canvas puts it; left out where there is no room.
            let mut item = TextItem::left(
                owner,
                super::labels::owner_at(s.rect, w),
                small_px,
                theme.node_subtext,
            );
            item.dimmed = s.marks.dimmed;
            if taken.is_free(&item.rect.expand(1.0)) {
                taken.take(item.rect.expand(1.0));
                owners.push(item);
            }
        }
        let mut edge_labels = Vec::new();
        if opts.edge_labels {
            for d in &dependencies {
                let Some(dep) = scene.ws.dependencies.get(d.id) else {
                    continue;
                };
                let text = one_line(
                    &[dep.label.as_str(), dep.protocol.as_str()]
                        .iter()
                        .filter(|t| !t.trim().is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" · "),
                );
                if text.is_empty() {
                    continue;
                }
                let ctrl = d
                    .path
                    .ctrl
                    .unwrap_or(mul(add(d.path.start, d.path.tip), 0.5));
                for t in [0.5, 0.35, 0.65, 0.25, 0.75] {
                    let p = quad(d.path.start, ctrl, d.path.tip, t);
                    let mut item = TextItem::centered(
                        text.clone(),
                        [p[0], p[1] - 6.0 - small_px * 0.6],
                        small_px,
                        d.style.color,
                    );
                    item.dimmed = d.marks.dimmed;
                    if taken.is_free(&item.rect.expand(2.0)) {
                        taken.take(item.rect.expand(2.0));
                        edge_labels.push(item);
                        break;
                    }
                }
            }
        }

        // Added and removed items drawn, for the legend of a scenario's difference.
        let changes = opts.scenario.as_ref().map(|_| {
            let count = |c: Change| {
                systems.iter().filter(|s| s.marks.change == Some(c)).count()
                    + dependencies
                        .iter()
                        .filter(|d| d.marks.change == Some(c))
                        .count()
            };
            (count(Change::Added), count(Change::Removed))
        });

        // The backdrop photo, when asked for, spread with the systems.
        let backdrop = opts.backdrop.as_ref().map(|b| {
            let [x, y, w, h] = b.rect;
            (
                Rect::from_min_size(mul([x, y], spread_by), mul([w, h], spread_by)),
                b,
            )
        });
        // The map's bounds in map units.
        let mut bounds = systems[0].rect;
        if let Some((r, _)) = &backdrop {
            bounds = bounds.union(r);
        }
        for s in &systems {
            bounds = bounds.union(&s.rect);
        }
        for g in &groups {
            bounds = bounds.union(&g.hull.bounds).union(&g.label.rect);
        }
        for t in owners.iter().chain(&edge_labels) {
            bounds = bounds.union(&t.rect);
        }
        for b in &badges {
            bounds = bounds.union(&b.rect());
        }
        for d in &dependencies {
            if let Some(c) = d.path.ctrl {
                bounds = bounds.include(quad(d.path.start, c, d.path.tip, 0.5));
            }
        }
        let bounds = bounds.expand(finite_or(theme.edge_width_px, 2.0));

        // Chrome in logical pixels, enlarged with a small map so it stays in proportion.
        let slide = [SLIDE_PX[0] as f32, SLIDE_PX[1] as f32];
        let title_text = one_line(opts.title.as_deref().unwrap_or(&scene.ws.title));
        let chrome = |k: f32| {
            let title = (!title_text.is_empty()).then(|| {
                let mut px = label_px * 2.2 * k;
                let room = slide[0] - 2.0 * MARGIN;
                let w = text_width(&title_text, px);
                if w > room {
                    px *= room / w;
                }
                TextItem::left(title_text.clone(), [MARGIN, MARGIN], px, theme.node_text)
            });
            let top = MARGIN + title.as_ref().map_or(0.0, |t| t.rect.height() + 16.0 * k);
            let legend = opts.legend.then(|| {
                let counts = legend::Counts { debt_open, changes };
                Legend::new(scene, &dependencies, counts, theme, small_px, k)
            });
            (title, top, legend)
        };
        let fit = |frame: P, top: f32, legend: &Option<Legend>| {
            let legend_w = legend.as_ref().map_or(0.0, |l| l.rect.width() + GAP);
            let room = [
                (frame[0] - 2.0 * MARGIN - legend_w).max(1.0),
                (frame[1] - top - MARGIN).max(1.0),
            ];
            let zoom = (room[0] / bounds.width())
                .min(room[1] / bounds.height())
                .min(MAX_ZOOM);
            let zoom = if zoom.is_finite() && zoom > 0.0 {
                zoom
            } else {
                f32::MIN_POSITIVE
            };
            (room, zoom)
        };
        let (mut title, mut top, mut legend) = chrome(1.0);
        let (mut room, mut zoom) = fit(slide, top, &legend);
        if zoom > 1.0 {
            (title, top, legend) = chrome(zoom.min(MAX_CHROME_ZOOM));
            (room, zoom) = fit(slide, top, &legend);
        }
        // A map too large for its names at the theme's minimum on one slide gets a larger
        // picture (more slides' worth of pixels) rather than smaller names; said in `grown`.
        let min_px = finite_or(theme.min_label_px, 12.0).min(label_px);
        let mut frame = slide;
        let mut grown = None;
        if opts.fit == Fit::Slide && opts.width_px.is_none() && label_px * zoom < min_px * 0.995 {
            let max_w = MAX_SIDE_PX as f32 / opts.scale.max(1) as f32;
            for _ in 0..4 {
                let g = (min_px / (label_px * zoom)).max(1.0);
                frame = [
                    (frame[0] * g).min(max_w),
                    (frame[1] * g).min(max_w * slide[1] / slide[0]),
                ];
                (room, zoom) = fit(frame, top, &legend);
                if label_px * zoom >= min_px * 0.995 || frame[0] >= max_w {
                    break;
                }
            }
            grown = Some(frame[0] / slide[0]);
        }
        let legend_w = legend.as_ref().map_or(0.0, |l| l.rect.width() + GAP);
        let legend_h = legend.as_ref().map_or(0.0, |l| l.rect.height());
        let map = [bounds.width() * zoom, bounds.height() * zoom];
        let (size, map_at) = match opts.fit {
            Fit::Slide => (
                frame,
                [
                    MARGIN + (room[0] - map[0]) / 2.0,
                    top + (room[1] - map[1]) / 2.0,
                ],
            ),
            Fit::Content => {
                let title_w = title.as_ref().map_or(0.0, |t| t.rect.width());
                let w = (map[0] + legend_w).max(title_w) + 2.0 * MARGIN;
                let h = top + map[1].max(legend_h) + MARGIN;
                ([w, h], [MARGIN, top])
            }
        };
        let offset = sub(map_at, mul(bounds.min, zoom));
        let legend = legend.map(|mut l| {
            l.move_to([size[0] - MARGIN - l.rect.width(), top]);
            l
        });
        let pixels = pixel_size(size, opts)?;
        Ok(Picture {
            backdrop,
            grown,
            theme,
            size,
            pixels,
            transparent: opts.transparent,
            zoom,
            offset,
            systems,
            dependencies,
            badges,
            owners,
            edge_labels,
            groups,
            title,
            legend,
            title_text,
            dimmed: &opts.dimmed,
        })
    }
}

/// Each visible dependency's path: straight, or bowed sideways when several join the same pair
/// (either direction), exactly as the canvas fans them.
fn dependencies<'a>(
    scene: &Scene<'a>,
    systems: &[SystemItem<'a>],
    index: &HashMap<&str, usize>,
    opts: &ExportOptions,
) -> Vec<DependencyItem<'a>> {
    let theme = &opts.theme;
    let lanes = crate::layout::parallel_lanes(scene.ws, scene.dependencies.iter().copied());
    let arrow = finite_or(theme.arrow_px, 11.0);
    // Each drawn line's ends and lane, then bowed around boxes it would pass through.
    let lines: Vec<(&str, &Dependency, usize, usize, f32)> = scene
        .dependencies
        .iter()
        .filter_map(|id| {
            let d = scene.ws.dependencies.get(*id)?;
            let a = *index.get(d.from.as_str())?;
            let b = *index.get(d.to.as_str())?;
            Some((*id, d, a, b, lanes.get(id).copied().unwrap_or(0.0)))
        })
        .collect();
    let rects: Vec<Rect> = systems.iter().map(|s| s.rect).collect();
    let routed = super::route::detour_lanes(
        &rects,
        &lines.iter().map(|l| (l.2, l.3, l.4)).collect::<Vec<_>>(),
        1.0,
        arrow,
    );
    let mut out = Vec::with_capacity(lines.len());
    for (&(id, d, a, b, _), lane) in lines.iter().zip(routed) {
        let Some(path) = DependencyPath::new(rects[a], rects[b], lane, 1.0, arrow) else {
            continue;
        };
        out.push(DependencyItem {
            id,
            marks: Marks::of(id, opts),
            kind: d.kind,
            style: theme.edge(d.kind),
            breaker: d.circuit_breaker.then(|| path.breaker()),
            path,
        });
    }
    out
}

/// The hull of each group with drawn members (by group name), around the members' boxes.
fn groups(
    ws: &Workspace,
    systems: &[SystemItem<'_>],
    unit: f32,
    small_px: f32,
    theme: &Theme,
) -> Vec<GroupItem> {
    let mut members: BTreeMap<&str, Vec<Rect>> = BTreeMap::new();
    let mut others = Vec::new();
    for s in systems {
        let group = ws.systems.get(s.id).map_or("", |sys| sys.group.trim());
        if group.is_empty() {
            others.push(s.rect);
        } else {
            members.entry(group).or_default().push(s.rect);
        }
    }
    let rects: Vec<Vec<Rect>> = members.values().cloned().collect();
    hull::group_hulls(&rects, &others, unit)
        .into_iter()
        .zip(members.keys())
        .filter_map(|(hull, name)| {
            let hull = hull?;
            let label = TextItem::left(one_line(name), hull.label_at, small_px, theme.node_subtext);
            Some(GroupItem { hull, label })
        })
        .collect()
}

/// The image size in pixels for a frame of `size` logical pixels.
fn pixel_size(size: P, opts: &ExportOptions) -> Result<[u32; 2], ExportError> {
    let zero = ExportError::ZeroSize {
        width_px: opts.width_px.unwrap_or(0),
        scale: opts.scale,
    };
    if opts.width_px == Some(0) || (opts.width_px.is_none() && opts.scale == 0) {
        return Err(zero);
    }
    let (w, h) = (f64::from(size[0]), f64::from(size[1]));
    let (pw, ph) = match (opts.fit, opts.width_px) {
        (Fit::Slide, Some(px)) => (
            f64::from(px),
            (f64::from(px) * f64::from(SLIDE_PX[1]) / f64::from(SLIDE_PX[0])).round(),
        ),
        (Fit::Slide, None) => (
            (w * f64::from(opts.scale)).round(),
            (h * f64::from(opts.scale)).round(),
        ),
        (Fit::Content, Some(px)) => (f64::from(px), (f64::from(px) * h / w).round()),
        (Fit::Content, None) => {
            let k = (f64::from(SLIDE_PX[0]) * f64::from(opts.scale) / w)
                .min(f64::from(SLIDE_PX[1]) * f64::from(opts.scale) / h);
            ((w * k).round(), (h * k).round())
        }
    };
    let (pw, ph) = (pw.max(1.0), ph.max(1.0));
    let max = f64::from(MAX_SIDE_PX);
    if !(pw.is_finite() && ph.is_finite()) || pw > max || ph > max {
        return Err(ExportError::TooLarge {
            width: if pw.is_finite() { pw as u64 } else { u64::MAX },
            height: if ph.is_finite() { ph as u64 } else { u64::MAX },
            max: MAX_SIDE_PX,
        });
    }
    Ok([pw as u32, ph as u32])
}
