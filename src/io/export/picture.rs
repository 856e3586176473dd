//! Where everything goes. The map is built in *map units*: systems at their canvas positions,
//! boxes sized for the whole name at the theme's label size (a projector's bigger labels make
//! bigger boxes, and boxes that come to overlap are pushed apart). It is placed into the frame's
//! *logical pixels* (a 1920×1080 slide, or the content's tight frame) by one zoom and offset;
//! title and legend are in logical pixels. The image's pixel size changes resolution, never
//! layout.

use std::collections::{BTreeSet, HashMap};

use super::badges::{Badge, badges};
use super::geometry::{Occupancy, P, Rect, add, len, mul, normal, quad, sub, unit};
use super::legend::{self, Legend};
use super::separate;
use super::{ExportError, ExportOptions, Fit, MAX_SIDE_PX, SLIDE_PX, Scene};
use crate::layout::measure::{
    LABEL_FONT_SIZE, LABEL_LINE_HEIGHT, NODE_MIN_WIDTH, NODE_PADDING_X, NODE_PADDING_Y, text_width,
};
use crate::model::{DependencyType, SystemKind};
use crate::theme::{EdgeStyle, Rgba, Theme, border_width};

/// Space around the picture, in logical pixels.
const MARGIN: f32 = 40.0;
/// Space between the map and the legend, in logical pixels.
const GAP: f32 = 32.0;
/// A small map is enlarged at most this much to fill the slide.
const MAX_ZOOM: f32 = 2.0;
/// Title and legend grow with a small map's zoom, at most this much.
const MAX_CHROME_ZOOM: f32 = 1.5;
/// Sideways offset between parallel dependencies, in map units (as on the canvas).
const FAN: f32 = 14.0;
/// Baseline below a label's vertical centre, in ems (half DejaVu Sans' cap height).
const BASELINE_EM: f32 = 0.36;

/// Text as drawn: its baseline anchor (`middle` or `start` per `centered`), size and box.
#[derive(Debug, Clone)]
pub struct TextItem {
    pub text: String,
    pub at: P,
    pub px: f32,
    pub centered: bool,
    pub color: Rgba,
    /// The space the text takes, for backdrops and overlap tests.
    pub rect: Rect,
    /// Drawn faded with what it belongs to (the owner line of a dimmed system).
    pub dimmed: bool,
}

impl TextItem {
    /// One line of `text` centred on `center`.
    pub(super) fn centered(text: String, center: P, px: f32, color: Rgba) -> TextItem {
        let size = [text_width(&text, px), px * LABEL_LINE_HEIGHT];
        TextItem {
            at: [center[0], center[1] + BASELINE_EM * px],
            rect: Rect::from_center_size(center, size),
            text,
            px,
            centered: true,
            color,
            dimmed: false,
        }
    }

    /// One line of `text` whose box starts at `top_left`.
    pub(super) fn left(text: String, top_left: P, px: f32, color: Rgba) -> TextItem {
        let size = [text_width(&text, px), px * LABEL_LINE_HEIGHT];
        let rect = Rect::from_min_size(top_left, size);
        let c = rect.center();
        TextItem {
            at: [top_left[0], c[1] + BASELINE_EM * px],
            rect,
            text,
            px,
            centered: false,
            color,
            dimmed: false,
        }
    }
}

/// What a scenario does to an item, for the difference display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    Removed,
}

/// How an item stands out or fades: a view's dimming and highlight, a scenario's change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    pub dimmed: bool,
    pub highlighted: bool,
    pub change: Option<Change>,
}

impl Marks {
    /// The marks the options give the system or dependency `id`.
    pub(super) fn of(id: &str, opts: &ExportOptions) -> Marks {
        let change = opts.scenario.as_ref().and_then(|d| {
            if d.added.contains(id) {
                Some(Change::Added)
            } else if d.removed.contains(id) {
                Some(Change::Removed)
            } else {
                None
            }
        });
        Marks {
            dimmed: opts.dimmed.contains(id),
            highlighted: opts.highlighted.contains(id),
            change,
        }
    }
}

pub struct SystemItem<'a> {
    pub id: &'a str,
    pub marks: Marks,
    pub kind: SystemKind,
    /// The body, in map units.
    pub rect: Rect,
    /// Border width in map units (criticality).
    pub border: f32,
    pub label: TextItem,
}

pub struct DependencyItem<'a> {
    pub id: &'a str,
    pub marks: Marks,
    pub kind: DependencyType,
    pub style: EdgeStyle,
    pub start: P,
    /// The control point of a fanned (curved) dependency.
    pub ctrl: Option<P>,
    /// Where the line stops, at the arrowhead's base.
    pub end: P,
    pub tip: P,
    /// Direction and length of the arrowhead, in map units.
    pub dir: P,
    pub head: f32,
    /// Where the fuse glyph of a circuit breaker goes, and the line's direction there.
    pub breaker: Option<(P, P)>,
}

pub struct Picture<'a> {
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
    /// In logical pixels.
    pub title: Option<TextItem>,
    pub legend: Option<Legend>,
    pub title_text: String,
    /// Ids drawn faded (`ExportOptions::dimmed`), for the badges on them.
    pub dimmed: &'a BTreeSet<String>,
}

/// A name as one clean line: no control characters, single spaces.
pub fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Room a kind's shape needs beside its label: a glyph on the left (team, batch job) or right
/// (cache), a lid above (database) or slanted sides (queue, gateway).
struct Room {
    left: f32,
    right: f32,
    lid: f32,
}

fn kind_room(kind: SystemKind, height: f32, text_h: f32) -> Room {
    let (left, right, lid) = match kind {
        SystemKind::Team | SystemKind::BatchJob => (height * 0.75, 0.0, 0.0),
        SystemKind::Cache => (0.0, height * 0.3, 0.0),
        SystemKind::Database => (0.0, 0.0, text_h * 0.35),
        SystemKind::Queue => (height * 0.18, height * 0.18, 0.0),
        SystemKind::Gateway => (height * 0.2, height * 0.2, 0.0),
        _ => (0.0, 0.0, 0.0),
    };
    Room { left, right, lid }
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
        let text_h = label_px * LABEL_LINE_HEIGHT;
        let base_h = text_h + 2.0 * NODE_PADDING_Y * spread;

        // Systems, in id order.
        let mut systems = Vec::with_capacity(scene.positions.len());
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(scene.positions.len());
        for (id, pos) in &scene.positions {
            let Some(s) = scene.ws.systems.get(*id) else {
                continue;
            };
            let name = one_line(&s.name);
            let name = if name.is_empty() { one_line(id) } else { name };
            let room = kind_room(s.kind, base_h, text_h);
            let h = base_h + 2.0 * room.lid;
            let w = (text_width(&name, label_px)
                + 2.0 * NODE_PADDING_X * spread
                + room.left
                + room.right)
                .max(NODE_MIN_WIDTH * spread);
            let center = *pos;
            let rect = Rect::from_center_size(center, [w, h]);
            let label = TextItem::centered(
                name,
                [
                    center[0] + (room.left - room.right) / 2.0,
                    center[1] + room.lid,
                ],
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
        separate::separate(&mut systems, separate::SEPARATION * spread);

        let dependencies = dependencies(scene, &systems, &index, opts);
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
            let base = sub(d.tip, mul(d.dir, d.head));
            taken.take(
                Rect {
                    min: d.tip,
                    max: d.tip,
                }
                .include(base)
                .expand(d.head * 0.45),
            );
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
            let x = s.rect.center()[0] - w / 2.0;
            // Only below its box, where the canvas puts it; left out where there is no room.
            let mut item = TextItem::left(
                owner,
                [x, s.rect.max[1] + 3.0],
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
                let ctrl = d.ctrl.unwrap_or(mul(add(d.start, d.tip), 0.5));
                for t in [0.5, 0.35, 0.65, 0.25, 0.75] {
                    let p = quad(d.start, ctrl, d.tip, t);
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

        // The map's bounds in map units.
        let mut bounds = systems[0].rect;
        for s in &systems {
            bounds = bounds.union(&s.rect);
        }
        for t in owners.iter().chain(&edge_labels) {
            bounds = bounds.union(&t.rect);
        }
        for b in &badges {
            bounds = bounds.union(&b.rect());
        }
        for d in &dependencies {
            if let Some(c) = d.ctrl {
                bounds = bounds.include(quad(d.start, c, d.tip, 0.5));
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
        let fit = |top: f32, legend: &Option<Legend>| {
            let legend_w = legend.as_ref().map_or(0.0, |l| l.rect.width() + GAP);
            let room = [
                (slide[0] - 2.0 * MARGIN - legend_w).max(1.0),
                (slide[1] - top - MARGIN).max(1.0),
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
        let (mut room, mut zoom) = fit(top, &legend);
        if zoom > 1.0 {
            (title, top, legend) = chrome(zoom.min(MAX_CHROME_ZOOM));
            (room, zoom) = fit(top, &legend);
        }
        let legend_w = legend.as_ref().map_or(0.0, |l| l.rect.width() + GAP);
        let legend_h = legend.as_ref().map_or(0.0, |l| l.rect.height());
        let map = [bounds.width() * zoom, bounds.height() * zoom];
        let (size, map_at) = match opts.fit {
            Fit::Slide => (
                slide,
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
    let fan: HashMap<&str, f32> =
        crate::layout::parallel_lanes(scene.ws, scene.dependencies.iter().copied())
            .into_iter()
            .map(|(id, lane)| (id, lane * FAN))
            .collect();
    let arrow = finite_or(theme.arrow_px, 11.0);
    let mut out = Vec::with_capacity(scene.dependencies.len());
    for id in &scene.dependencies {
        let Some(d) = scene.ws.dependencies.get(*id) else {
            continue;
        };
        let (Some(ra), Some(rb)) = (
            index.get(d.from.as_str()).map(|i| systems[*i].rect),
            index.get(d.to.as_str()).map(|i| systems[*i].rect),
        ) else {
            continue;
        };
        let dir = sub(rb.center(), ra.center());
        let Some(u) = unit(dir) else {
            continue;
        };
        let bow = fan.get(id).copied().unwrap_or(0.0);
        let ctrl = add(add(ra.center(), mul(dir, 0.5)), mul(normal(u), bow * 2.0));
        let a = ra.boundary(sub(ctrl, ra.center()));
        let b = rb.boundary(sub(ctrl, rb.center()));
        let curved = bow.abs() >= 0.5;
        let from = if curved { ctrl } else { a };
        let Some(end_dir) = unit(sub(b, from)) else {
            continue;
        };
        // Keep the arrowhead inside a very short dependency.
        let head = arrow.min(len(sub(b, a)) * 0.5).max(1.0);
        let breaker = d.circuit_breaker.then(|| {
            let t = 0.33;
            if curved {
                let tangent = add(
                    mul(sub(ctrl, a), 2.0 * (1.0 - t)),
                    mul(sub(b, ctrl), 2.0 * t),
                );
                (quad(a, ctrl, b, t), unit(tangent).unwrap_or(end_dir))
            } else {
                (add(a, mul(sub(b, a), t)), end_dir)
            }
        });
        out.push(DependencyItem {
            id,
            marks: Marks::of(id, opts),
            kind: d.kind,
            style: theme.edge(d.kind),
            start: a,
            ctrl: curved.then_some(ctrl),
            end: sub(b, mul(end_dir, head * 0.8)),
            tip: b,
            dir: end_dir,
            head,
            breaker,
        });
    }
    out
}

impl TextItem {
    pub(super) fn shift(&mut self, by: P) {
        self.at = add(self.at, by);
        self.rect = Rect {
            min: add(self.rect.min, by),
            max: add(self.rect.max, by),
        };
    }
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
            f64::from(SLIDE_PX[0]) * f64::from(opts.scale),
            f64::from(SLIDE_PX[1]) * f64::from(opts.scale),
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
