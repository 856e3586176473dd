//! Where everything goes. The map is built in *map units*: systems at their canvas positions,
//! boxes sized for the whole name at the theme's label size (a projector's bigger labels make
//! bigger boxes, and boxes that come to overlap are pushed apart). It is placed into the frame's
//! *logical pixels* (a 1920×1080 slide, or the content's tight frame) by one zoom and offset;
//! title and legend are in logical pixels. The image's pixel size changes resolution, never
//! layout.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::badges::Badge;
use super::dress::{Conflicts, Dressed, dress};
use super::geometry::{P, Rect, add, mul, sub};
pub use super::items::{Change, DependencyItem, GroupItem, Marks, SystemItem, TextItem};
use super::labels::{one_line, system_box};
use super::legend::{self, Legend};
pub use super::scene::Scene;
use super::{rows, separate};
use crate::io::export::{ExportError, ExportOptions, Fit, MAX_SIDE_PX, SLIDE_PX};
use crate::layout::measure::{LABEL_FONT_SIZE, text_width};
use crate::theme::{Theme, border_width};

/// Space around the picture, in logical pixels.
const MARGIN: f32 = 40.0;
/// Space between the map and the legend, in logical pixels.
const GAP: f32 = 32.0;
/// A small map is enlarged at most this much to fill the slide.
const MAX_ZOOM: f32 = 2.0;
/// Title and legend grow with a small map's zoom, at most this much.
const MAX_CHROME_ZOOM: f32 = 1.5;
/// Rounds of moving the systems closer for one slide (each measures the dressed map again).
const COMPACT_TRIES: usize = 3;
/// How far a group's members close in on their group's middle when a slide is packed: the
/// map's factor to these powers, tried in turn (see `separate::compact`).
const MEMBERS_IN: [f32; 3] = [0.5, 0.0, 1.0];
/// Frames, in slides wide, that a map too dense for packing is put in rows for, in turn.
const ROWS_SLIDES: [f32; 5] = [1.0, 1.25, 1.5, 2.0, 2.5];
/// A legend across the title band beside the title needs this share of the slide's width at
/// least; with less, it has a band of its own under the title.
const LEAST_ACROSS: f32 = 0.35;
/// Tries at rows for one frame, each with what lines and names took round the last.
const ROWS_TRIES: usize = 3;
/// The share of the free frame a slide's systems span at least one way (issue 16, goal 1: 80 %),
/// with a little to spare for what the spreading cannot foresee.
const SPAN: f32 = 0.82;
/// Factors a small map's systems move apart by, about their middle, to span [`SPAN`].
const SPREADS: [f32; 12] = [1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.8, 2.0, 2.2, 2.5, 2.8, 3.2];

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
    /// The free frame the map is fitted in (logical pixels): the frame less its margins, the
    /// title and the legend.
    pub room: P,
    pub offset: P,
    pub systems: Vec<SystemItem<'a>>,
    pub dependencies: Vec<DependencyItem<'a>>,
    /// Integration-debt badges on systems and dependencies, in map units.
    pub badges: Vec<Badge<'a>>,
    /// Owner lines under systems, in map units.
    pub owners: Vec<TextItem>,
    /// `label · protocol` beside dependencies, in map units.
    pub edge_labels: Vec<TextItem>,
    /// The type of the dependency each of `edge_labels` belongs to (the HTML map hides them
    /// with their lines).
    pub edge_label_kinds: Vec<crate::model::DependencyType>,
    /// Group hulls behind their members, in map units, by group name.
    pub groups: Vec<GroupItem>,
    /// In logical pixels.
    pub title: Option<TextItem>,
    pub legend: Option<Legend>,
    pub title_text: String,
    /// Ids drawn faded (`ExportOptions::dimmed`), for the badges on them.
    pub dimmed: &'a BTreeSet<String>,
}

pub(super) fn finite_or(v: f32, d: f32) -> f32 {
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
        // Each system's group (by name), for packing them closer.
        let mut names: BTreeMap<&str, u32> = BTreeMap::new();
        let group: Vec<Option<u32>> = systems
            .iter()
            .map(|s| {
                let g = scene.ws.systems.get(s.id).map_or("", |x| x.group.trim());
                let next = names.len() as u32;
                (!g.is_empty()).then(|| *names.entry(g).or_insert(next))
            })
            .collect();
        // The legend across the title band rather than beside the map (a dense slide).
        let mut across = false;
        let mut spread_by = 1.0;
        if spread > 1.0 {
            spread_by = separate::spread_out(&mut systems, &edges, spread);
        }
        separate::separate(&mut systems, separate::SEPARATION * spread);

        // The backdrop photo, when asked for, spread with the systems.
        let backdrop = opts.backdrop.as_ref().map(|b| {
            let [x, y, w, h] = b.rect;
            (
                Rect::from_min_size(mul([x, y], spread_by), mul([w, h], spread_by)),
                b,
            )
        });
        let dress_them = |systems: &[SystemItem<'a>]| {
            dress(
                scene,
                opts,
                systems,
                &index,
                spread,
                small_px,
                backdrop.as_ref(),
            )
        };
        let mut dressed = dress_them(&systems);

        // Chrome in logical pixels, enlarged with a small map so it stays in proportion.
        let slide = [SLIDE_PX[0] as f32, SLIDE_PX[1] as f32];
        let title_text = one_line(opts.title.as_deref().unwrap_or(&scene.ws.title));
        // `across`: the legend in lines in the title band, not in a column beside the map.
        let chrome = |d: &Dressed<'_>, k: f32, across: bool| {
            let title = (!title_text.is_empty()).then(|| {
                let mut px = label_px * 2.2 * k;
                let room = slide[0] - 2.0 * MARGIN;
                let w = text_width(&title_text, px);
                if w > room {
                    px *= room / w;
                }
                TextItem::left(title_text.clone(), [MARGIN, MARGIN], px, theme.node_text)
            });
            let mut top = MARGIN + title.as_ref().map_or(0.0, |t| t.rect.height() + 16.0 * k);
            let mut legend = opts.legend.then(|| {
                let counts = legend::Counts {
                    debt_open: d.debt_open,
                    changes: d.changes,
                };
                Legend::new(scene, &d.dependencies, counts, theme, small_px, k)
            });
            if let Some(l) = legend.as_mut().filter(|_| across) {
                // Beside the title, or in a band of its own under it when the title leaves
                // too little room.
                let title_w = title.as_ref().map_or(0.0, |t| t.rect.width() + GAP);
                let free = slide[0] - 2.0 * MARGIN - title_w;
                if free >= LEAST_ACROSS * slide[0] {
                    l.lay_across(free);
                    l.move_to([slide[0] - MARGIN - l.rect.width(), MARGIN]);
                    top = top.max(MARGIN + l.rect.height() + 16.0 * k);
                } else {
                    l.lay_across(slide[0] - 2.0 * MARGIN);
                    l.move_to([slide[0] - MARGIN - l.rect.width(), top]);
                    top += l.rect.height() + 16.0 * k;
                }
            }
            (title, top, legend)
        };
        let fit = |d: &Dressed<'_>, frame: P, top: f32, legend: &Option<Legend>| {
            let legend_w = beside(legend.as_ref());
            let room = [
                (frame[0] - 2.0 * MARGIN - legend_w).max(1.0),
                (frame[1] - top - MARGIN).max(1.0),
            ];
            let zoom = (room[0] / d.bounds.width())
                .min(room[1] / d.bounds.height())
                .min(MAX_ZOOM);
            let zoom = if zoom.is_finite() && zoom > 0.0 {
                zoom
            } else {
                f32::MIN_POSITIVE
            };
            (room, zoom)
        };
        let min_px = finite_or(theme.min_label_px, 12.0).min(label_px);
        // A slide too small for the map's names at the theme's minimum: the systems move closer
        // together (their boxes keep their size) until the names fit, when they can.
        // Accepted only when it adds no overlap and no line through a box (`Conflicts`).
        if opts.fit == Fit::Slide {
            // Measured only for a map that needs packing (most slides fit as they are).
            let mut loose = None;
            for _ in 0..COMPACT_TRIES {
                let (_, top, legend) = chrome(&dressed, 1.0, false);
                let (room, zoom) = fit(&dressed, slide, top, &legend);
                if label_px * zoom >= min_px {
                    break;
                }
                let loose =
                    *loose.get_or_insert_with(|| dressed.conflicts(scene.ws, &systems, &index));
                let want = min_px / label_px * 1.01;
                let own = own_bounds(&systems);
                let target = [
                    room[0] / want - (dressed.bounds.width() - own.width()),
                    room[1] / want - (dressed.bounds.height() - own.height()),
                ];
                let gap = separate::SEPARATION * spread;
                // Groups' members close in on their group's middle by the square root of the
                // map's factor; where that cuts a group's outline in two, they keep their
                // places around it, or close in as much as the map. A map in rows has one way.
                let ways: &[f32] = if separate::in_rows(&systems) {
                    &[1.0]
                } else {
                    &MEMBERS_IN
                };
                let mut best: Option<(Conflicts, Vec<SystemItem<'_>>, Dressed<'_>)> = None;
                for &members_in in ways {
                    let mut packed = systems.clone();
                    if !separate::compact(&mut packed, &edges, &group, gap, target, members_in) {
                        break;
                    }
                    let tight = dress_them(&packed);
                    let c = tight.conflicts(scene.ws, &packed, &index);
                    let better = best
                        .as_ref()
                        .is_none_or(|(b, _, _)| (c.hard, c.split) < (b.hard, b.split));
                    if better {
                        best = Some((c, packed, tight));
                    }
                    if c.hard <= loose.hard && c.split <= loose.split {
                        break;
                    }
                }
                match best {
                    Some((c, packed, tight)) if c.allowed(loose) => {
                        dressed = tight;
                        systems = packed;
                    }
                    _ => break,
                }
            }
            // Packing could not make room for the names: the systems in rows, when that fits
            // and adds no conflict; on one slide, else on as few slides' worth as rows fit
            // (fewer than the layout as it is needs).
            let fits_in = |d: &Dressed<'_>, k: f32, across: bool| {
                let (_, top, legend) = chrome(d, 1.0, across);
                let (_, zoom) = fit(d, mul(slide, k), top, &legend);
                label_px * zoom >= min_px
            };
            // Each frame tried in turn: the map as it is with the legend beside it, then with
            // the legend across the title band (the map keeps the layout's shape and has the
            // slide's whole width), then in rows with the legend beside them, then across.
            let ways: &[bool] = if opts.legend {
                &[false, true]
            } else {
                &[false]
            };
            if !fits_in(&dressed, 1.0, false) {
                let loose =
                    *loose.get_or_insert_with(|| dressed.conflicts(scene.ws, &systems, &index));
                let want = min_px / label_px * 1.01;
                let gap = separate::SEPARATION * spread;
                let centres: Vec<P> = systems.iter().map(|s| s.rect.center()).collect();
                let half: Vec<[f32; 2]> = systems
                    .iter()
                    .map(|s| [s.rect.width() / 2.0, s.rect.height() / 2.0])
                    .collect();
                // The best arrangement in rows that fits `room` at frame `k` with the legend
                // beside or `across`, adding no conflict.
                let in_rows = |k: f32, across: bool, room: P| {
                    let mut best: Option<(Conflicts, Vec<SystemItem<'_>>, Dressed<'_>)> = None;
                    // The room the boxes take, less what lines, hulls and owner lines add
                    // around them (measured on the rows, then tried again with that). The rows
                    // keep a gap free round their edge for that ([`rows::EDGE`]), so the first
                    // try counts on it and the next on what was measured instead.
                    let edge = 2.0 * rows::EDGE * gap;
                    let mut extra = [edge; 2];
                    for _ in 0..ROWS_TRIES {
                        let target = [
                            room[0] / want - extra[0] + edge,
                            room[1] / want - extra[1] + edge,
                        ];
                        let mut fitted = false;
                        for pos in rows::arrangements(&centres, &half, &edges, &group, gap, target)
                        {
                            let mut packed = systems.clone();
                            for (s, (p, c)) in packed.iter_mut().zip(pos.iter().zip(&centres)) {
                                s.shift(sub(*p, *c));
                            }
                            let tight = dress_them(&packed);
                            let own = own_bounds(&packed);
                            extra = [
                                tight.bounds.width() - own.width(),
                                tight.bounds.height() - own.height(),
                            ];
                            if !fits_in(&tight, k, across) {
                                continue;
                            }
                            fitted = true;
                            let c = tight.conflicts(scene.ws, &packed, &index);
                            let better = best
                                .as_ref()
                                .is_none_or(|(b, _, _)| (c.hard, c.split) < (b.hard, b.split));
                            if c.allowed(loose) && better {
                                best = Some((c, packed, tight));
                            }
                        }
                        if fitted {
                            break;
                        }
                    }
                    best
                };
                let mut best: Option<(Conflicts, Vec<SystemItem<'_>>, Dressed<'_>, bool)> = None;
                'frames: for k in ROWS_SLIDES {
                    for &wide in ways {
                        if fits_in(&dressed, k, wide) {
                            across = wide;
                            break 'frames;
                        }
                    }
                    for &wide in ways {
                        let (_, top, legend) = chrome(&dressed, 1.0, wide);
                        let (room, _) = fit(&dressed, mul(slide, k), top, &legend);
                        if let Some((c, packed, tight)) = in_rows(k, wide, room) {
                            best = Some((c, packed, tight, wide));
                            break 'frames;
                        }
                    }
                }
                if let Some((_, packed, tight, wide)) = best {
                    dressed = tight;
                    systems = packed;
                    across = wide;
                }
            }
        }
        // The chrome (enlarged with a small map) and the fit on a slide.
        let fitted = |d: &Dressed<'_>| {
            let (title, top, legend) = chrome(d, 1.0, across);
            let (room, zoom) = fit(d, slide, top, &legend);
            if zoom > 1.0 {
                let (title, top, legend) = chrome(d, zoom.min(MAX_CHROME_ZOOM), across);
                let (room, zoom) = fit(d, slide, top, &legend);
                return (title, top, legend, room, zoom);
            }
            (title, top, legend, room, zoom)
        };
        let (mut title, mut top, mut legend, mut room, mut zoom) = fitted(&dressed);
        // A small map enlarged as far as it goes that still spans less than `SPAN` of the free
        // frame either way: its systems move apart (boxes keep their size) by the least of
        // `SPREADS` that makes it span that much, adding no overlap, no line through a box and
        // no outline piece, with names no smaller than the theme's minimum.
        let span = |systems: &[SystemItem<'_>], room: P, zoom: f32| {
            let own = own_bounds(systems);
            (own.width() * zoom / room[0]).max(own.height() * zoom / room[1])
        };
        if opts.fit == Fit::Slide
            && backdrop.is_none()
            && zoom >= MAX_ZOOM
            && span(&systems, room, zoom) < SPAN
        {
            let before = dressed.conflicts(scene.ws, &systems, &index);
            let own = own_bounds(&systems);
            for k in SPREADS {
                let mut wider = systems.clone();
                for s in &mut wider {
                    let c = s.rect.center();
                    let to = add(own.center(), mul(sub(c, own.center()), k));
                    s.shift(sub(to, c));
                }
                let d = dress_them(&wider);
                let (t, tp, lg, r, z) = fitted(&d);
                if label_px * z < min_px {
                    break;
                }
                let c = d.conflicts(scene.ws, &wider, &index);
                if c.hard > before.hard || c.split > before.split {
                    continue;
                }
                if span(&wider, r, z) >= SPAN {
                    (title, top, legend, room, zoom) = (t, tp, lg, r, z);
                    (dressed, systems) = (d, wider);
                    break;
                }
            }
        }
        // A map still too large for its names at the theme's minimum on one slide gets a larger
        // picture (more slides' worth of pixels) rather than smaller names; said in `grown`.
        let mut frame = slide;
        let mut grown = None;
        if opts.fit == Fit::Slide && opts.width_px.is_none() && label_px * zoom < min_px {
            let max_w = MAX_SIDE_PX as f32 / opts.scale.max(1) as f32;
            // The least frame of a slide's shape whose room holds the map at the names'
            // minimum: title, legend and margins keep their size as the frame grows.
            let z = min_px / label_px * 1.001;
            let legend_w = beside(legend.as_ref());
            let wide = dressed.bounds.width() * z + 2.0 * MARGIN + legend_w;
            let tall = dressed.bounds.height() * z + top + MARGIN;
            let w = wide.max(tall * slide[0] / slide[1]).clamp(slide[0], max_w);
            frame = [w, w * slide[1] / slide[0]];
            (room, zoom) = fit(&dressed, frame, top, &legend);
            // Short by a rounding only: the slide as it is.
            grown = (frame[0] > slide[0]).then(|| frame[0] / slide[0]);
        }
        let Dressed {
            dependencies,
            groups,
            badges,
            owners,
            edge_labels,
            edge_label_kinds,
            bounds,
            ..
        } = dressed;
        let legend_w = beside(legend.as_ref());
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
            // Across the title band it keeps its height (chrome's).
            let y = if l.across { l.rect.min[1] } else { top };
            l.move_to([size[0] - MARGIN - l.rect.width(), y]);
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
            room,
            offset,
            systems,
            dependencies,
            badges,
            owners,
            edge_labels,
            edge_label_kinds,
            groups,
            title,
            legend,
            title_text,
            dimmed: &opts.dimmed,
        })
    }
}

/// The width a legend beside the map takes from it (none across the title band).
fn beside(legend: Option<&Legend>) -> f32 {
    legend
        .filter(|l| !l.across)
        .map_or(0.0, |l| l.rect.width() + GAP)
}

/// The bounds of the systems' boxes (not empty).
fn own_bounds(systems: &[SystemItem<'_>]) -> Rect {
    systems
        .iter()
        .skip(1)
        .fold(systems[0].rect, |b, s| b.union(&s.rect))
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
