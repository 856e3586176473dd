//! Label rules shared by every painter: a name as one clean line, and a name shortened in the
//! middle to fit.

/// A name as one clean line: no control characters, single spaces.
pub fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

use std::cell::Cell;

use super::geometry::{Occupancy, P, Rect};
use super::outline;
use crate::layout::measure::{LABEL_FONT_SIZE, text_width};
use crate::model::SystemKind;
use crate::theme::Theme;

mod again;
mod beside;
mod memo;
mod shorten;
pub use crate::layout::measure::system_box;
pub use memo::LabelMemo;
pub use shorten::{NameSet, shorten_middle, shorten_name};

/// Zoom from which the owner line and dependency labels are shown on the canvas.
pub const DETAIL_ZOOM: f32 = 0.8;
/// Systems smaller than this on screen get no label at all.
pub const MIN_NODE_PX: f32 = 4.0;
/// Line height of a label on screen as a multiple of its size (DejaVu Sans in egui).
const LINE: f32 = 1.17;
/// Space around a label inside its box, in pixels.
const PAD: P = [8.0, 5.0];
/// Space kept around a placed label box.
const MARGIN: f32 = 2.0;
/// Space kept between an owner line and other texts to its left and right.
const OWNER_SPACE: f32 = 6.0;
/// Space between a box and the owner line below it.
pub const OWNER_GAP: f32 = 3.0;
/// Shares of the whole name tried, in order, when it does not fit.
const SHORTER: [f32; 2] = [0.7, 0.5];
/// The smallest size a name is drawn at on the canvas, in pixels: where the theme's size (a
/// projector's 18 pixels) leaves a box no room for a name that tells it apart, the name goes
/// beside the box smaller, down to this, rather than not at all.
pub const SMALLEST_PX: f32 = 12.0;
/// Smaller sizes tried then, as shares of the theme's (then [`SMALLEST_PX`] itself).
const SMALLER: f32 = 5.0 / 6.0;

/// The size of system labels on screen at `zoom`: the size the boxes were measured for
/// ([`LABEL_FONT_SIZE`]) zoomed, so a name fits its box, never below the theme's minimum (a
/// projector's 18 pixels) nor above twice the theme's size.
pub fn label_px(theme: &Theme, zoom: f32) -> f32 {
    (LABEL_FONT_SIZE * zoom).clamp(theme.min_label_px, theme.label_px * 2.0)
}

/// A system to label, as it is on screen.
#[derive(Debug, Clone, Copy)]
pub struct LabelRequest<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub owner: &'a str,
    pub kind: SystemKind,
    /// Its box on screen before any label is placed.
    pub rect: Rect,
    /// Higher wins a contested spot.
    pub importance: u32,
    /// Always gets its whole name.
    pub selected: bool,
    /// A hub: where its box cannot grow to hold its whole name, the whole name goes beside the
    /// box before a shortened one is tried.
    pub key: bool,
}

/// What a system shows: its box (grown to hold the label when it is shown), its label (whole,
/// shortened in the middle, or none) and its owner line's top-left corner and text.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelPlan {
    /// Index into the requests.
    pub index: usize,
    pub rect: Rect,
    pub label: Option<String>,
    /// Where the label's centre is when it sits beside the box rather than in it (a box too
    /// small and too crowded to hold its name at a readable size).
    pub label_outside: Option<P>,
    /// The two ends of a line joining the box to its label, when the label is farther off than
    /// beside it.
    pub leader: Option<[P; 2]>,
    /// The label's size in pixels: the size for the zoom ([`label_px`]), or smaller (never
    /// below [`SMALLEST_PX`]) for a name that had no room beside its box at that size.
    pub px: f32,
    pub owner: Option<(P, String)>,
}

/// Decides which labels show and how big each system is drawn, most important first: the whole
/// name in a box grown to hold it; where that would overlap a label already placed, a name
/// shortened in the middle ("Nightly…load") in a smaller box; then the name shortened to the box
/// itself, or beside the box, or farther off joined to it by a leader, at the theme's size and
/// then smaller (down to [`SMALLEST_PX`]); a box without any name is the last resort (never one
/// grown over another's, hiding it). Owner lines (from [`DETAIL_ZOOM`]) go
/// under the boxes that show their whole name, where there is room.
///
/// Where that leaves some systems without a name that tells them apart (every spot near their
/// boxes taken by more important ones' names), the placement is done again with those systems
/// first, up to [`again::RETRIES`] times, and kept when fewer are left without one and every hub
/// still shows its whole name. Each system still left without one then has the labels nearest
/// it (up to [`again::MOVED_AT_MOST`]) tried placed again after it, one at a time; a try is kept when
/// both show a name that tells them apart (a hub its whole name).
pub fn place_labels(
    requests: &[LabelRequest<'_>],
    zoom: f32,
    theme: &Theme,
    occupied: &mut Occupancy,
    within: Option<Rect>,
) -> Vec<LabelPlan> {
    let mut order: Vec<usize> = (0..requests.len()).collect();
    order.sort_by(|a, b| {
        let (a, b) = (&requests[*a], &requests[*b]);
        b.importance.cmp(&a.importance).then_with(|| a.id.cmp(b.id))
    });
    let names = NameSet::new(requests.iter().map(|s| s.name));
    let before = occupied.clone();
    // Every box, so a name put beside its own box never covers another one.
    let mut boxes = Occupancy::new(occupied.cell());
    for s in requests {
        boxes.take(s.rect);
    }
    let place = |order: &[usize], taken: &mut Occupancy, budget: &Cell<usize>| {
        let boxes = &boxes;
        place_in_order(
            requests, order, &names, zoom, theme, taken, boxes, within, budget,
        )
    };
    let naming = again::Naming {
        requests,
        names: &names,
    };
    let (mut best, mut took) = place(&order, occupied, &Cell::new(beside::FAR_BUDGET));
    let fewest = again::unnamed_first(
        &naming,
        &order,
        &place,
        &before,
        occupied,
        (&mut best, &mut took),
    );
    if fewest.len() <= again::RETRIED_AT_MOST {
        let px = label_px(theme, zoom);
        again::move_nearest(
            &naming,
            &fewest,
            px,
            &place,
            occupied,
            (&mut best, &mut took),
        );
    }
    best
}

/// [`place_labels`] in the order given (`boxes` holds every system's box), spending
/// `far_budget` on spots farther off; with the plans, what each took in `occupied`.
#[allow(clippy::too_many_arguments)]
fn place_in_order(
    requests: &[LabelRequest<'_>],
    order: &[usize],
    names: &NameSet<'_>,
    zoom: f32,
    theme: &Theme,
    occupied: &mut Occupancy,
    boxes: &Occupancy,
    within: Option<Rect>,
    far_budget: &Cell<usize>,
) -> (Vec<LabelPlan>, Vec<Vec<Rect>>) {
    let px = label_px(theme, zoom);
    // Sizes below the theme's tried for a name that has no room beside its box.
    let smaller: Vec<f32> = [px * SMALLER, SMALLEST_PX]
        .into_iter()
        .filter(|p| *p >= SMALLEST_PX && *p < px - 0.5)
        .collect();
    let shorten = |name: &str, width: f32, measure: &dyn Fn(&str) -> f32| {
        shorten_name(name, width, measure, Some(names))
    };
    let mut placed = Vec::with_capacity(order.len());
    // Where each system's takes start in `occupied`'s log.
    let mut marks = Vec::with_capacity(order.len() + 1);
    for &index in order {
        marks.push(occupied.taken());
        let s = &requests[index];
        let r = s.rect;
        let plan = |rect: Rect, label: Option<String>, owner| LabelPlan {
            index,
            rect,
            label,
            label_outside: None,
            leader: None,
            px,
            owner,
        };
        if r.width() < MIN_NODE_PX {
            placed.push(plan(r, None, None));
            continue;
        }
        let text = [text_width(s.name, px), px * LINE];
        // Kinds with a glyph or slanted sides keep room for them.
        let room = outline::room(s.kind, r.height().max(text[1] + PAD[1] * 2.0), text[1]);
        let extra = [
            PAD[0] * 2.0 + room.left + room.right,
            PAD[1] * 2.0 + room.lid * 2.0,
        ];
        // A box in the view grows within it.
        let in_view = |g: &Rect| within.is_none_or(|w| w.contains_rect(g) || !w.contains_rect(&r));
        // Where a box grown to `size` goes: about its centre, or along one side or corner of
        // the box it grows from, clear of the labels placed so far, covering no other system's
        // box (or, `over_boxes`, covering some) and within the view, the centre first.
        let grow = |size: P, over_boxes: bool| {
            grown_spots(r, size).into_iter().find(|g| {
                occupied.is_free(&g.expand(MARGIN))
                    && (over_boxes || boxes.is_free_but(g, &r))
                    && in_view(g)
            })
        };
        let measure = |t: &str| label_width(t, px);
        // The name shortened to each of the `SHORTER` shares, found once (it is asked for again
        // below, and finding a short form that tells the name apart is the costly part).
        let shorts: [std::cell::OnceCell<Option<String>>; 2] = Default::default();
        let short = |k: usize| {
            shorts[k]
                .get_or_init(|| shorten(s.name, text[0] * SHORTER[k], &measure))
                .clone()
        };
        let shorter = || {
            (0..SHORTER.len()).find_map(|k| {
                let short = short(k).filter(|t| !names.ambiguous(s.name, t))?;
                let rect = grow([measure(&short) + extra[0], text[1] + extra[1]], false)?;
                Some((rect, Some(short)))
            })
        };
        // A spot for `text` at `px` beside the box, clear of the labels placed and of every
        // box.
        let beside_spot = |text: &str, px: f32| {
            let size = [label_width(text, px), px * LINE];
            beside::spot(r, size, within, occupied, boxes).map(|t| beside::Beside {
                at: t,
                text: text.to_owned(),
                leader: None,
                px,
            })
        };
        // A spot for `text` at `px` farther off, joined to the box by a leader.
        let far_spot = |text: &str, px: f32| {
            let size = [label_width(text, px), px * LINE];
            beside::far_spot(r, size, within, occupied, boxes, far_budget).map(|(t, ends)| {
                beside::Beside {
                    at: t,
                    text: text.to_owned(),
                    leader: Some(ends),
                    px,
                }
            })
        };
        // The whole name over no other box (a hub's beside its box, or farther off), else
        // shortened over none to what no other name reads as; else shortened to the box
        // itself, or beside it, or farther off. Only a selected system's box grows over
        // another's: it always shows its whole name.
        let whole = [text[0] + extra[0], text[1] + extra[1]];
        let mut spot = if s.selected {
            let at = grow(whole, false).or_else(|| grow(whole, true));
            Some((at.unwrap_or_else(|| grown_box(r, whole)), None))
        } else {
            grow(whole, false).map(|g| (g, None))
        };
        // A hub keeps its whole name, beside its box when the box cannot grow to hold it.
        if spot.is_none()
            && s.key
            && let Some(b) = beside_spot(s.name, px).or_else(|| far_spot(s.name, px))
        {
            placed.push(beside::plan(occupied, index, r, b));
            continue;
        }
        if spot.is_none() {
            spot = shorter();
        }
        if spot.is_none() {
            // Touching a label placed before is fine here: the name stays inside the box.
            let fits = r.height() + MARGIN >= text[1] && occupied.is_free(&r.expand(-MARGIN));
            let label = fits
                .then(|| {
                    shorten(
                        s.name,
                        r.width() - PAD[0] - room.left - room.right,
                        &measure,
                    )
                })
                .flatten();
            // A name shortened to the box that reads as another's is kept for when nothing
            // beside the box tells it apart.
            let alike = label.as_deref().is_some_and(|l| names.ambiguous(s.name, l));
            // So is one that shows less than half the name ("ac…o" for "ts-account-mongo"),
            // for when nothing beside the box at the same size shows more.
            let meagre = label.as_deref().is_some_and(|l| {
                l.chars().filter(|c| *c != '…').count() * 2 < s.name.chars().count()
            });
            if label.is_some() && !alike && !meagre {
                occupied.take(r);
                placed.push(plan(r, label, None));
                continue;
            }
            // Beside the box: below, above, right, left; the whole name, then shortened to what
            // tells it apart; then farther off, joined to the box by a leader; then both again
            // at the smaller sizes; then (with no name in the box) beside it shortened to what
            // may read as another's too.
            let forms = [None, Some(0), Some(1), None]
                .into_iter()
                .zip([1.0, SHORTER[0], SHORTER[1], 0.35]);
            let form = |(cached, share): (Option<usize>, f32)| match cached {
                Some(k) => short(k),
                None if share < 1.0 => shorten(s.name, text[0] * share, &measure),
                None => Some(s.name.to_owned()),
            };
            let told = |t: &String| !names.ambiguous(s.name, t);
            let telling = |px: f32| {
                forms
                    .clone()
                    .find_map(|f| beside_spot(&form(f).filter(told)?, px))
                    .or_else(|| {
                        forms
                            .clone()
                            .take(3)
                            .find_map(|f| far_spot(&form(f).filter(told)?, px))
                    })
            };
            if meagre && !alike {
                let shown = label.as_deref().map_or(0, |l| l.chars().count());
                let more = forms
                    .clone()
                    .filter_map(|f| form(f).filter(told))
                    .filter(|t| t.chars().count() > shown)
                    .find_map(|t| beside_spot(&t, px));
                if let Some(b) = more {
                    placed.push(beside::plan(occupied, index, r, b));
                } else {
                    occupied.take(r);
                    placed.push(plan(r, label, None));
                }
                continue;
            }
            let beside = telling(px)
                .or_else(|| smaller.iter().find_map(|p| telling(*p)))
                .or_else(|| {
                    let alike = forms.clone().filter_map(form).filter(|t| !told(t));
                    label
                        .is_none()
                        .then(|| alike.into_iter().find_map(|t| beside_spot(&t, px)))?
                });
            if let Some(b) = beside {
                placed.push(beside::plan(occupied, index, r, b));
                continue;
            }
            if label.is_some() {
                occupied.take(r);
                placed.push(plan(r, label, None));
                continue;
            }
            // No name rather than a box grown over another's (hiding it).
            placed.push(plan(r, None, None));
            continue;
        }
        if let Some((rect, Some(short))) = spot {
            occupied.take(rect.expand(MARGIN));
            placed.push(plan(rect, Some(short), None));
            continue;
        }
        let grown = spot.map_or_else(|| grown_box(r, whole), |(g, _)| g);
        occupied.take(grown.expand(MARGIN));
        let mut owner = None;
        if zoom >= DETAIL_ZOOM && !s.owner.is_empty() {
            let at = owner_at(grown, text_width(s.owner, theme.small_px));
            let line = owner_rect(at, s.owner, theme.small_px);
            // Over no label placed so far, a space clear of them sideways (two owner lines
            // never read as one), and over no box at all (a less important system's box is
            // not in `occupied` yet).
            let spaced = owner_spaced(line, 1.0);
            if occupied.is_free(&spaced) && boxes.is_free(&line) {
                occupied.take(spaced);
                owner = Some((at, s.owner.to_owned()));
            }
        }
        placed.push(plan(grown, Some(s.name.to_owned()), owner));
    }
    marks.push(occupied.taken());
    let took = marks
        .windows(2)
        .map(|w| occupied.taken_since(w[0])[..w[1] - w[0]].to_vec())
        .collect();
    (placed, took)
}

/// `r` grown to at least `size`: about its centre, then with one side or corner kept where
/// `r` has it (growing away from that side), the sides first.
fn grown_spots(r: Rect, size: P) -> [Rect; 9] {
    let g = grown_box(r, size);
    let (w, h) = (g.width(), g.height());
    let xs = [g.min[0], r.min[0], r.max[0] - w];
    let ys = [g.min[1], r.min[1], r.max[1] - h];
    let at = |x: usize, y: usize| Rect::from_min_size([xs[x], ys[y]], [w, h]);
    [
        at(0, 0),
        at(1, 0),
        at(2, 0),
        at(0, 1),
        at(0, 2),
        at(1, 1),
        at(2, 1),
        at(1, 2),
        at(2, 2),
    ]
}

/// `r` grown about its centre to at least `size`.
fn grown_box(r: Rect, size: P) -> Rect {
    Rect::from_center_size(
        r.center(),
        [size[0].max(r.width()), size[1].max(r.height())],
    )
}

/// A system's box with room for its owner line `owner` at `px` below it, as a group's outline
/// goes round it (whether or not the line is shown, so that the canvas and the export draw the
/// same outline).
pub fn footprint(rect: Rect, owner: &str, px: f32) -> Rect {
    if owner.is_empty() {
        return rect;
    }
    let at = owner_at(rect, text_width(owner, px));
    rect.union(&owner_rect(at, owner, px))
}

/// What an owner line in `r` keeps clear of other texts: a space to its left and right (per
/// `unit`), so two owner lines side by side never read as one.
pub fn owner_spaced(r: Rect, unit: f32) -> Rect {
    let space = OWNER_SPACE * unit / 2.0;
    Rect {
        min: [r.min[0] - space, r.min[1]],
        max: [r.max[0] + space, r.max[1]],
    }
}

/// The box of the owner line `text` at `px` with its top-left corner at `at`.
pub fn owner_rect(at: P, text: &str, px: f32) -> Rect {
    Rect::from_min_size(at, [text_width(text, px), px * LINE])
}

/// The top-left corner of an owner line `width` wide: centred under its system's box.
pub fn owner_at(system: Rect, width: f32) -> P {
    [system.center()[0] - width / 2.0, system.max[1] + OWNER_GAP]
}

/// The width a shortened label is given: the bundled font's advances and a little room for the
/// difference from egui's own layout.
pub fn label_width(text: &str, px: f32) -> f32 {
    text_width(text, px) * 1.04
}

#[cfg(test)]
mod tests;
