//! Label placement ([`super::place_labels`]) on small hand-made scenes.

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

/// Issue 16.4: a box hemmed in left and right, whose own width would show less than half of its
/// name, shows the whole name beside it where there is room. Before, Train Ticket at fit
/// showed "ac…o" in the box of "ts-account-mongo" with free room beside it.
#[test]
fn a_name_its_box_would_show_less_than_half_of_goes_beside_it() {
    let theme = Theme::get(crate::theme::ThemeName::Light);
    let mut requests = [request("recon", "Nightly reconciliation", [0.0, 0.0], 1)];
    requests[0].rect = Rect::from_center_size([0.0, 0.0], [50.0, 20.0]);
    let mut occupied = Occupancy::new(96.0);
    // Labels already placed left and right of its box, level with it.
    occupied.take(Rect::from_min_size([-300.0, -10.0], [273.0, 20.0]));
    occupied.take(Rect::from_min_size([27.0, -10.0], [273.0, 20.0]));
    let plans = place_labels(&requests, 0.3, &theme, &mut occupied, None);
    let plan = &plans[0];
    assert_eq!(
        plan.label.as_deref(),
        Some("Nightly reconciliation"),
        "{plan:?}"
    );
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
    // Shortened, or whole beside the box (where a form in the box would show less than half
    // of it and there is room beside), never grown over a neighbour.
    assert!(
        label.contains('…') || plan.label_outside.is_some(),
        "{label}: {plan:?}"
    );
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
/// (which hid it), or whole beside its box where that is free (the form in its box, "Fr…ce",
/// would show less than half of it). Before, "Fraud 1 service" covered the tax store's box
/// beside it at fit on the 86-system estate in a 1920×1080 window.
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

/// A small box whose every spot beside it is taken (neighbours left and right holding their
/// whole names, wide boxes just above and below) gets its name farther off, joined to the box
/// by a leader through the gap below it that crosses no other box and no label. Before: a box
/// showing what reads as another name too (on the 86-system estate in rows at fit, "Fraud 1
/// service" between "Cart 2 service" and "Loyalty 1 service").
#[test]
fn a_hemmed_in_box_gets_its_name_farther_off_with_a_leader() {
    let theme = Theme::get(crate::theme::ThemeName::Light);
    let mut requests = vec![
        request("mid", "Fraud 1 service", [0.0, 0.0], 1),
        request("left", "Cart 2 service", [-75.0, 0.0], 50),
        request("right", "Loyalty 1 service", [75.0, 0.0], 50),
        request("bus", "Bus", [0.0, -20.0], 50),
        request("db", "Db", [-77.0, 20.0], 50),
        request("dw", "Dw", [77.0, 20.0], 50),
        // Far off: "Fraud…ce" and "Fraud 1…" read as these too.
        request("twin", "Fraud 2 service", [0.0, 400.0], 50),
        request("twin2", "Fraud 1 store", [300.0, 400.0], 50),
    ];
    requests[0].rect = Rect::from_center_size([0.0, 0.0], [30.0, 8.0]);
    requests[3].rect = Rect::from_center_size([0.0, -20.0], [300.0, 12.0]);
    requests[4].rect = Rect::from_center_size([-77.0, 20.0], [144.0, 12.0]);
    requests[5].rect = Rect::from_center_size([77.0, 20.0], [144.0, 12.0]);
    let mut occupied = Occupancy::new(96.0);
    let plans = place_labels(&requests, 0.3, &theme, &mut occupied, None);
    let mid = plans.iter().find(|p| p.index == 0).unwrap();
    assert_eq!(mid.label.as_deref(), Some("Fraud 1 service"));
    let [a, b] = mid
        .leader
        .expect("a label farther off is joined to its box");
    let at = mid.label_outside.unwrap();
    let px = label_px(&theme, 0.3);
    let label = Rect::from_center_size(at, [label_width("Fraud 1 service", px), px * LINE]);
    for p in plans.iter().filter(|p| p.index != mid.index) {
        let other = p.rect.union(&requests[p.index].rect);
        assert!(!label.intersects(&other), "covers {}", requests[p.index].id);
        let r = [other.min[0], other.min[1], other.max[0], other.max[1]];
        assert!(
            !crate::layout::tidy::segment_hits(a, b, &r),
            "the leader crosses {}",
            requests[p.index].id
        );
    }
}

/// A box with no room for its name anywhere (the view's edge all round it, a less important
/// neighbour's box beside it) stays without a name rather than growing over the neighbour's
/// box and hiding it. Before: on Sentry's map in rows, in the projector theme,
/// "process-segments" was drawn over "taskscheduler" and "transactions-consumer".
#[test]
fn a_box_never_grows_over_another_to_show_its_name() {
    let theme = Theme::get(crate::theme::ThemeName::Projector);
    let view = Rect::from_min_size([0.0, 0.0], [300.0, 40.0]);
    let mut requests = vec![
        request("big", "process-segments", [10.0, 15.0], 10),
        request("small", "taskscheduler", [160.0, 15.0], 1),
    ];
    requests[0].rect = Rect::from_min_size([0.0, 5.0], [20.0, 20.0]);
    requests[1].rect = Rect::from_min_size([24.0, 5.0], [270.0, 20.0]);
    let mut occupied = Occupancy::new(96.0);
    let plans = place_labels(&requests, 0.3, &theme, &mut occupied, Some(view));
    let big = plans.iter().find(|p| p.index == 0).unwrap();
    assert!(
        !big.rect.intersects(&requests[1].rect),
        "{:?} covers the neighbour's box",
        big.rect
    );
}

/// Issue 16.4: a box hemmed in by its neighbours' boxes, with room beside it only for a line
/// smaller than a projector's 18 pixels, shows its name there at 12 pixels. Before: a blank
/// box (at fit in the projector theme, 11 of Train Ticket's 71 systems).
#[test]
fn a_name_with_no_room_at_the_projectors_size_goes_beside_it_smaller() {
    let theme = Theme::get(crate::theme::ThemeName::Projector);
    let view = Rect::from_min_size([0.0, 0.0], [400.0, 44.0]);
    let mut requests = vec![
        request("mid", "Fraud 1 service", [200.0, 20.0], 50),
        request("left", "A", [166.0, 20.0], 1),
        request("right", "B", [234.0, 20.0], 1),
    ];
    for r in &mut requests {
        r.rect = Rect::from_center_size(r.rect.center(), [30.0, 8.0]);
    }
    let mut occupied = Occupancy::new(96.0);
    let plans = place_labels(&requests, 0.3, &theme, &mut occupied, Some(view));
    let mid = plans.iter().find(|p| p.index == 0).unwrap();
    assert_eq!(mid.label.as_deref(), Some("Fraud 1 service"));
    assert_eq!(mid.px, SMALLEST_PX);
    let at = mid.label_outside.expect("beside its box");
    let label = Rect::from_center_size(at, [label_width("Fraud 1 service", mid.px), mid.px * LINE]);
    assert!(view.contains_rect(&label), "{label:?}");
    for r in &requests {
        assert!(!label.intersects(&r.rect), "covers {}", r.id);
    }
    // The neighbours keep the theme's size.
    for p in plans.iter().filter(|p| p.index != 0) {
        assert_eq!(p.px, label_px(&theme, 0.3));
    }
}

/// Issue 16.4: the one spot where a less important system's name can go is the first one tried
/// for a more important neighbour's, which has another: the placement is done again with the
/// system left without a name first, and both read. Before: the less important box blank (on
/// the canvas at fit, 9 of 26 real and generated maps in the light theme had such boxes, 55 in
/// the projector theme).
#[test]
fn a_name_with_one_spot_left_gets_it_when_a_more_important_one_has_another() {
    let theme = Theme::get(crate::theme::ThemeName::Light);
    let px = label_px(&theme, 0.3);
    let line = px * LINE;
    // Two wide, flat boxes one above the other, a line's room (with margins) between them.
    let mut requests = [
        request("billing", "Billing", [0.0, 0.0], 50),
        request("ledger", "Ledger", [0.0, 16.0 + line + MARGIN * 2.0], 1),
    ];
    for r in &mut requests {
        r.rect = Rect::from_center_size(r.rect.center(), [100.0, 8.0]);
    }
    let (top, bottom) = (requests[0].rect.min[1], requests[1].rect.max[1]);
    let mut occupied = Occupancy::new(96.0);
    let band = |y0: f32, y1: f32| Rect::from_min_size([-60.0, y0], [120.0, y1 - y0]);
    // Taken: left and right of the boxes; above, all but a line's room over the first box;
    // below the second box; thin strips along the boxes, so neither can grow taller.
    occupied.take(Rect::from_min_size([-300.0, -300.0], [249.0, 600.0]));
    occupied.take(Rect::from_min_size([51.0, -300.0], [249.0, 600.0]));
    occupied.take(band(-300.0, top - MARGIN * 3.0 - line - 0.5));
    occupied.take(band(bottom + 0.5, 300.0));
    for r in &requests {
        occupied.take(band(r.rect.min[1] - MARGIN + 0.5, r.rect.min[1] - 0.5));
        occupied.take(band(r.rect.max[1] + 0.5, r.rect.max[1] + MARGIN - 0.5));
    }
    let plans = place_labels(&requests, 0.3, &theme, &mut occupied, None);
    let mut labels = Vec::new();
    for p in &plans {
        let s = &requests[p.index];
        assert_eq!(p.label.as_deref(), Some(s.name), "{p:?}");
        let at = p.label_outside.expect("beside its box");
        labels.push(Rect::from_center_size(
            at,
            [label_width(s.name, p.px), p.px * LINE],
        ));
    }
    assert!(!labels[0].intersects(&labels[1]), "{labels:?}");
    for (label, s) in labels.iter().zip(&requests) {
        for r in &requests {
            assert!(!label.intersects(&r.rect), "{} covers {}", s.name, r.id);
        }
    }
}

/// The labels kept from the last frame are the ones placing them afresh gives, and are placed
/// afresh once a box moves or the zoom changes: never a stale label.
#[test]
fn labels_kept_from_the_last_frame_follow_what_changed() {
    let theme = Theme::get(crate::theme::ThemeName::Light);
    let mut requests = vec![
        request("gateway", "API gateway", [0.0, 0.0], 50),
        request("db", "Pricing database", [34.0, 0.0], 1),
    ];
    let afresh = |requests: &[LabelRequest<'_>], zoom: f32| {
        let mut occupied = Occupancy::new(96.0);
        place_labels(requests, zoom, &theme, &mut occupied, None)
    };
    let mut memo = LabelMemo::default();
    for _ in 0..2 {
        assert_eq!(
            memo.place(&requests, 0.3, &theme, 96.0, None).0,
            afresh(&requests, 0.3)
        );
    }
    requests[1].rect = Rect::from_center_size([34.0, 200.0], [30.0, 12.0]);
    let moved = memo.place(&requests, 0.3, &theme, 96.0, None).0;
    assert_eq!(moved, afresh(&requests, 0.3));
    let db = moved.iter().find(|p| p.index == 1).unwrap();
    assert_eq!(db.rect.center()[1], 200.0, "{moved:?}");
    assert_eq!(
        memo.place(&requests, 1.0, &theme, 96.0, None).0,
        afresh(&requests, 1.0)
    );
}
