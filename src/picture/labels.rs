//! Label rules shared by every painter: a name as one clean line, and a name shortened in the
//! middle to fit.

/// A name as one clean line: no control characters, single spaces.
pub fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

use super::geometry::{Occupancy, P, Rect};
use super::outline;
use crate::layout::measure::text_width;
use crate::model::SystemKind;
use crate::theme::Theme;

mod beside;
mod shorten;
pub use crate::layout::measure::system_box;
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

/// The size of system labels on screen at `zoom`: the theme's size zoomed, never below its
/// minimum nor above twice its size.
pub fn label_px(theme: &Theme, zoom: f32) -> f32 {
    (theme.label_px * zoom).clamp(theme.min_label_px, theme.label_px * 2.0)
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
    pub owner: Option<(P, String)>,
}

/// Decides which labels show and how big each system is drawn, most important first: the whole
/// name in a box grown to hold it; where that would overlap a label already placed, a name
/// shortened in the middle ("Nightly…load") in a smaller box; then the name shortened to the box
/// itself, or beside the box; then the box grown over another's (hiding it); a box without any
/// name is the last resort. Owner lines (from [`DETAIL_ZOOM`]) go
/// under the boxes that show their whole name, where there is room.
pub fn place_labels(
    requests: &[LabelRequest<'_>],
    zoom: f32,
    theme: &Theme,
    occupied: &mut Occupancy,
    within: Option<Rect>,
) -> Vec<LabelPlan> {
    let px = label_px(theme, zoom);
    let mut order: Vec<usize> = (0..requests.len()).collect();
    order.sort_by(|a, b| {
        let (a, b) = (&requests[*a], &requests[*b]);
        b.importance.cmp(&a.importance).then_with(|| a.id.cmp(b.id))
    });
    // Every box, so a name put beside its own box never covers another one.
    let mut boxes = Occupancy::new(occupied.cell());
    for s in requests {
        boxes.take(s.rect);
    }
    let names = NameSet::new(requests.iter().map(|s| s.name));
    let shorten = |name: &str, width: f32, measure: &dyn Fn(&str) -> f32| {
        shorten_name(name, width, measure, Some(&names))
    };
    let mut placed = Vec::with_capacity(order.len());
    for index in order {
        let s = &requests[index];
        let r = s.rect;
        let plan = |rect: Rect, label: Option<String>, owner| LabelPlan {
            index,
            rect,
            label,
            label_outside: None,
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
        let shorter = |over_boxes: bool| {
            (0..SHORTER.len()).find_map(|k| {
                let short = short(k).filter(|t| over_boxes || !names.ambiguous(s.name, t))?;
                let rect = grow([measure(&short) + extra[0], text[1] + extra[1]], over_boxes)?;
                Some((rect, Some(short)))
            })
        };
        // A spot for `text` beside the box, clear of the labels placed and of every box.
        let beside_spot = |text: &str| {
            let size = [measure(text), px * LINE];
            beside::spot(r, size, within, occupied, &boxes).map(|t| (t, text.to_owned()))
        };
        // The whole name over no other box (a hub's beside its box), else shortened over none
        // to what no other name reads as;
        // else shortened to the box itself, or beside it; only then the whole name over another
        // box (hiding it), else shortened. A selected system always shows its whole name.
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
            && let Some((t, text)) = beside_spot(s.name)
        {
            placed.push(beside::plan(occupied, index, r, t, text));
            continue;
        }
        if spot.is_none() {
            spot = shorter(false);
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
            if label.is_some() && !alike {
                occupied.take(r);
                placed.push(plan(r, label, None));
                continue;
            }
            // Beside the box: below, above, right, left; the whole name, then shortened.
            let beside = [None, Some(0), Some(1), None]
                .into_iter()
                .zip([1.0, SHORTER[0], SHORTER[1], 0.35])
                .find_map(|(cached, share)| {
                    let text = match cached {
                        Some(k) => short(k)?,
                        None if share < 1.0 => shorten(s.name, text[0] * share, &measure)?,
                        None => s.name.to_owned(),
                    };
                    beside_spot(&text)
                });
            if let Some((t, text)) = beside.filter(|(_, t)| !alike || !names.ambiguous(s.name, t)) {
                placed.push(beside::plan(occupied, index, r, t, text));
                continue;
            }
            if label.is_some() {
                occupied.take(r);
                placed.push(plan(r, label, None));
                continue;
            }
            spot = grow(whole, true)
                .map(|g| (g, None))
                .or_else(|| shorter(true));
            if spot.is_none() {
                placed.push(plan(r, None, None));
                continue;
            }
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
    placed
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
fn label_width(text: &str, px: f32) -> f32 {
    text_width(text, px) * 1.04
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request<'a>(id: &'a str, name: &'a str, at: P, importance: u32) -> LabelRequest<'a> {
        LabelRequest {
            id,
            name,
            owner: "",
            kind: SystemKind::Service,
            rect: Rect::from_center_size(at, [30.0, 12.0]),
            importance,
            selected: false,
            key: false,
        }
    }

    /// Small boxes (a fitted large map) side by side: the more important ones grow to hold
    /// their whole names; the one between them, with no room left in or around its own box for
    /// the name inside, gets it beside the box, over no other box (before: a blank box).
    #[test]
    fn a_crowded_small_box_gets_its_name_beside_it_and_the_hub_keeps_its_own() {
        let theme = Theme::get(crate::theme::ThemeName::Light);
        let mut requests = [
            request("gateway", "API gateway", [0.0, 0.0], 50),
            request("db", "Pricing database", [34.0, 0.0], 1),
            request("cache", "Price cache", [68.0, 0.0], 40),
            request("other", "Other service", [0.0, 60.0], 2),
        ];
        for r in &mut requests[..3] {
            r.rect = Rect::from_center_size(r.rect.center(), [30.0, 26.0]);
        }
        let mut occupied = Occupancy::new(96.0);
        let plans = place_labels(&requests, 0.3, &theme, &mut occupied, None);
        let plan = |id: &str| plans.iter().find(|p| requests[p.index].id == id).unwrap();
        assert_eq!(plan("gateway").label.as_deref(), Some("API gateway"));
        assert!(plan("gateway").label_outside.is_none());
        let db = plan("db");
        let at = db.label_outside.expect("the name goes beside the box");
        let label = db.label.as_deref().unwrap();
        let px = label_px(&theme, 0.3);
        let r = Rect::from_center_size(at, [label_width(label, px), px * LINE]);
        for p in &plans {
            assert!(
                !r.intersects(&requests[p.index].rect),
                "{label} covers {}",
                requests[p.index].id
            );
            assert!(
                p.index == db.index || !r.intersects(&p.rect),
                "{label} covers a grown box"
            );
        }
    }

    /// A box at the edge of the view grows into the view to hold its name, not out of it:
    /// before, at fit on Sentry's layered map, "generic-metrics-consumer" at the canvas's left
    /// edge read "c-metrics-consumer", its box grown about its centre past the edge.
    #[test]
    fn a_box_at_the_views_edge_grows_into_the_view() {
        let theme = Theme::get(crate::theme::ThemeName::Light);
        let view = Rect::from_min_size([0.0, 0.0], [400.0, 300.0]);
        let requests = [
            request("left", "generic-metrics-consumer", [16.0, 150.0], 1),
            request("top", "snuba-outcomes-consumer", [200.0, 7.0], 1),
        ];
        let mut occupied = Occupancy::new(96.0);
        let plans = place_labels(&requests, 0.3, &theme, &mut occupied, Some(view));
        for p in &plans {
            let name = requests[p.index].name;
            assert_eq!(p.label.as_deref(), Some(name));
            assert!(view.contains_rect(&p.rect), "{name}: {:?}", p.rect);
        }
    }

    /// Issue 16.4: a box hemmed in left and right, with room for its name only shortened to
    /// the box ("P…Db", which reads as Pricing Db too), shows its whole name beside the box
    /// where there is room. Before, it showed "P…Db" (on the 86-system estate at fit, the
    /// payment store's box).
    #[test]
    fn a_name_shortened_alike_another_goes_beside_its_box_where_there_is_room() {
        let theme = Theme::get(crate::theme::ThemeName::Light);
        let mut requests = [
            request("payment-db", "Payment Db", [0.0, 0.0], 1),
            request("pricing-db", "Pricing Db", [600.0, 0.0], 1),
        ];
        for r in &mut requests {
            r.rect = Rect::from_center_size(r.rect.center(), [50.0, 40.0]);
        }
        let mut occupied = Occupancy::new(96.0);
        // Labels already placed left and right of the payment store's box, level with it.
        occupied.take(Rect::from_min_size([-300.0, -20.0], [273.0, 40.0]));
        occupied.take(Rect::from_min_size([27.0, -20.0], [273.0, 40.0]));
        let plans = place_labels(&requests, 0.3, &theme, &mut occupied, None);
        let plan = plans.iter().find(|p| p.index == 0).unwrap();
        assert_eq!(plan.label.as_deref(), Some("Payment Db"), "{plan:?}");
        assert!(plan.label_outside.is_some(), "{plan:?}");
    }

    /// Issue 16.4: a hub hemmed in left and right at a far zoom, where its box cannot grow to
    /// hold its name even shortened, keeps its whole name beside the box; a system that is not
    /// a hub is shortened to its box. Before, the hub showed "Teleme…tor" (on the 86-system
    /// estate in the projector theme, once the layout kept the stores' lids apart).
    #[test]
    fn a_hub_hemmed_in_keeps_its_whole_name_beside_its_box() {
        let theme = Theme::get(crate::theme::ThemeName::Projector);
        for key in [false, true] {
            let mut requests = [
                request("hub", "Telemetry collector", [0.0, 0.0], 50),
                request("left", "Order", [-104.0, 0.0], 1),
                request("right", "Rating", [104.0, 0.0], 1),
            ];
            for r in &mut requests {
                r.rect = Rect::from_center_size(r.rect.center(), [100.0, 26.0]);
            }
            requests[0].key = key;
            let mut occupied = Occupancy::new(96.0);
            let plans = place_labels(&requests, 0.3, &theme, &mut occupied, None);
            let hub = plans.iter().find(|p| p.index == 0).unwrap();
            let label = hub.label.as_deref().unwrap_or_default();
            if key {
                assert_eq!(label, "Telemetry collector", "{hub:?}");
                let at = hub.label_outside.expect("beside the box");
                assert!(at[1] > 13.0, "below the box: {at:?}");
                assert_eq!(
                    hub.rect, requests[0].rect,
                    "the box is not grown over others"
                );
            } else {
                assert!(label.contains('…'), "shortened: {hub:?}");
            }
        }
    }

    /// Issue 16.4: two boxes side by side, both too small for their names at a far zoom: the
    /// more important one grows away from its neighbour, and the neighbour still holds its own
    /// name. Before, the first grew about its centre over the second, which was left a blank
    /// box with its name beside it (the clearing house next to end-of-day settlement).
    #[test]
    fn a_box_grown_for_its_name_leaves_its_neighbour_room_for_its_own() {
        let theme = Theme::get(crate::theme::ThemeName::Light);
        let mut eod = request("eod", "End-of-day settlement", [0.0, 0.0], 10);
        eod.rect = Rect::from_center_size([0.0, 0.0], [120.0, 18.0]);
        let mut ch = request("ch", "Clearing house", [108.0, 0.0], 1);
        ch.rect = Rect::from_center_size([108.0, 0.0], [84.0, 18.0]);
        let requests = [eod, ch];
        let mut occupied = Occupancy::new(96.0);
        let plans = place_labels(&requests, 0.7, &theme, &mut occupied, None);
        let plan = |id: &str| plans.iter().find(|p| requests[p.index].id == id).unwrap();
        for id in ["eod", "ch"] {
            let p = plan(id);
            assert!(
                p.label.is_some() && p.label_outside.is_none(),
                "{id}: {p:?}"
            );
            assert!(
                p.rect.contains_rect(&requests[p.index].rect),
                "{id} holds its box"
            );
        }
        assert!(
            !plan("eod").rect.intersects(&plan("ch").rect),
            "{:?} and {:?} overlap",
            plan("eod").rect,
            plan("ch").rect
        );
    }

    /// A box with no room to grow for its whole name between two others shows it shortened
    /// rather than over a neighbour's box. Before, "Fraud 1 service" at fit on the 86-system
    /// estate grew over the small box beside it.
    #[test]
    fn a_name_is_shortened_rather_than_grown_over_a_neighbour() {
        shortened_between_neighbours(50.0, 40.0);
    }

    /// "Fraud 1 service" in a box `width` wide, between two small boxes `apart` from its centre
    /// on either side: its name is shortened, and its box covers neither.
    fn shortened_between_neighbours(apart: f32, width: f32) {
        let theme = Theme::get(crate::theme::ThemeName::Light);
        let mut fraud = request("fraud", "Fraud 1 service", [0.0, 0.0], 10);
        fraud.rect = Rect::from_center_size([0.0, 0.0], [width, 14.0]);
        let mut left = request("left", "Tax Db", [-apart, 0.0], 1);
        left.rect = Rect::from_center_size([-apart, 0.0], [20.0, 14.0]);
        let mut right = request("right", "Order Db", [apart, 0.0], 1);
        right.rect = Rect::from_center_size([apart, 0.0], [20.0, 14.0]);
        let requests = [fraud, left, right];
        let mut occupied = Occupancy::new(96.0);
        let plans = place_labels(&requests, 0.5, &theme, &mut occupied, None);
        let plan = plans.iter().find(|p| p.index == 0).unwrap();
        let label = plan.label.as_deref().expect("a name");
        assert!(label.contains('…'), "{label}");
        for other in &requests[1..] {
            assert!(
                !plan.rect.intersects(&other.rect),
                "{label} covers {}",
                other.id
            );
        }
    }

    /// A box hemmed in by two small neighbours, with no room to grow even for its shortened
    /// name, shows the name shortened to its own box rather than whole over a neighbour's box
    /// (which hid it). Before, "Fraud 1 service" covered the tax store's box beside it at fit
    /// on the 86-system estate in a 1920×1080 window.
    #[test]
    fn a_name_is_shortened_to_its_box_rather_than_drawn_over_a_neighbour() {
        shortened_between_neighbours(36.0, 50.0);
    }

    /// A box whose neighbours' names come within a label's margin of it, with no room to grow
    /// or to carry its name beside it, still holds its name shortened inside (the name stays
    /// inside the box). Before, it was a blank box.
    #[test]
    fn a_box_touched_by_its_neighbours_names_holds_its_own_inside() {
        let theme = Theme::get(crate::theme::ThemeName::Light);
        let mut payment = request("payment", "Payment service", [0.0, 0.0], 1);
        payment.rect = Rect::from_center_size([0.0, 0.0], [50.0, 40.0]);
        let mut occupied = Occupancy::new(96.0);
        // Names placed before all round it, their margins reaching one pixel into the box.
        for (min, size) in [
            ([-300.0, -60.0], [276.0, 120.0]),
            ([24.0, -60.0], [276.0, 120.0]),
            ([-24.0, -60.0], [48.0, 41.0]),
            ([-24.0, 19.0], [48.0, 41.0]),
        ] {
            occupied.take(Rect::from_min_size(min, size));
        }
        let plans = place_labels(&[payment], 0.3, &theme, &mut occupied, None);
        let label = plans[0].label.as_deref().expect("a name in the box");
        assert!(label.starts_with('P'), "{label}");
        assert!(plans[0].label_outside.is_none());
        assert_eq!(
            plans[0].rect,
            Rect::from_center_size([0.0, 0.0], [50.0, 40.0])
        );
    }

    /// Two owner lines side by side keep a space between them. Before, under end-of-day
    /// settlement and the clearing house, "Operations (Grace Liu)Operations (Grace Liu)" read
    /// as one line.
    #[test]
    fn owner_lines_side_by_side_keep_apart() {
        let theme = Theme::get(crate::theme::ThemeName::Light);
        let owner = "Operations (Grace Liu)";
        let w = text_width(owner, theme.small_px);
        let mut a = request("eod", "Settlement", [0.0, 0.0], 2);
        let mut b = request("ch", "Clearing", [w + 1.0, 0.0], 1);
        for r in [&mut a, &mut b] {
            r.owner = owner;
            r.rect = Rect::from_center_size(r.rect.center(), [100.0, 30.0]);
        }
        let requests = [a, b];
        let mut occupied = Occupancy::new(96.0);
        let plans = place_labels(&requests, 1.0, &theme, &mut occupied, None);
        let lines: Vec<Rect> = plans
            .iter()
            .filter_map(|p| p.owner.as_ref())
            .map(|(at, t)| owner_rect(*at, t, theme.small_px))
            .collect();
        assert!(!lines.is_empty());
        if let [l, r] = lines[..] {
            let gap = (r.min[0] - l.max[0]).max(l.min[0] - r.max[0]);
            assert!(gap >= 4.0, "owner lines {gap} apart");
        }
    }

    /// An owner line never covers another system's box, even one placed later (less important):
    /// before, "Market Data Services (Olga Petrova)" was written over the box below its system.
    #[test]
    fn an_owner_line_never_covers_a_box_below() {
        let theme = Theme::get(crate::theme::ThemeName::Light);
        let mut feed = request("feed", "Market feed", [0.0, 0.0], 10);
        feed.owner = "Market Data Services (Olga Petrova)";
        feed.rect = Rect::from_center_size([0.0, 0.0], [200.0, 30.0]);
        let mut cache = request("cache", "Price cache", [0.0, 40.0], 1);
        cache.rect = Rect::from_center_size([0.0, 40.0], [200.0, 30.0]);
        let requests = [feed, cache];
        let mut occupied = Occupancy::new(96.0);
        let plans = place_labels(&requests, 1.0, &theme, &mut occupied, None);
        let plan = |id: &str| plans.iter().find(|p| requests[p.index].id == id).unwrap();
        if let Some((at, text)) = &plan("feed").owner {
            let size = [text_width(text, theme.small_px), theme.small_px * LINE];
            let r = Rect::from_min_size(*at, size);
            assert!(
                !r.intersects(&plan("cache").rect),
                "{text} covers the cache"
            );
        }
        // With room below, the owner line is shown.
        let mut far = requests;
        far[1].rect = Rect::from_center_size([0.0, 120.0], [200.0, 30.0]);
        let mut occupied = Occupancy::new(96.0);
        let plans = place_labels(&far, 1.0, &theme, &mut occupied, None);
        assert!(plans.iter().any(|p| p.owner.is_some()));
    }
}
