//! Tests of the canvas's labels, notes and marks beside the systems.

use super::*;
use crate::ui::canvas::marks::pin_rect;

/// A queue's backlog bar went 11 pixels under its box, over its owner line (the cache
/// invalidation topic's "Platform Team (Ade Okonkwo)" in the e-commerce cascade); its age,
/// "backlog +39 s", was written over the owner's name.
#[test]
fn a_backlog_bar_goes_under_the_owner_line_not_over_it() {
    let body = Rect::from_min_size(pos2(100.0, 100.0), Vec2::new(160.0, 30.0));
    let owner = Rect::from_min_size(pos2(110.0, 133.0), Vec2::new(140.0, 14.0));
    let bar = backlog_bar(body, Some(owner), 60.0);
    assert!(!bar.intersects(owner), "{bar:?} over {owner:?}");
    assert!(bar.top() >= body.bottom());
    // Without an owner line it stays where it was, close under the box.
    let alone = backlog_bar(body, None, 60.0);
    assert!((alone.top() - body.bottom() - 11.0).abs() < 1e-3);
}

/// An owner line is drawn on the canvas's colour, over the lines under it, as the export
/// draws it. Before, it had no backing: in the e-commerce sample at 1920×1080 the startup
/// arrow from the shipping calculator to the feature flags ran through the letters of
/// 'Platform Team (Ade Okonkwo)', its arrowhead over the 'o'.
#[test]
fn an_owner_line_sits_on_the_canvas_colour() {
    let theme = Theme::get(crate::theme::ThemeName::Light);
    let look = crate::ui::canvas::scene::collapsed_group_look(
        "g",
        "Platform",
        3,
        &crate::ui::view::ViewState::default(),
        &theme,
    );
    let shape = SystemShape {
        pos: Pos2::ZERO,
        look,
    };
    let ctx = egui::Context::default();
    let mut out = Vec::new();
    let mut owner = Rect::NOTHING;
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        let painter = ui.painter();
        let g = painter.layout_no_wrap(
            "Platform Team (Ade Okonkwo)".to_owned(),
            FontId::proportional(theme.small_px),
            color(theme.node_subtext),
        );
        owner = Rect::from_min_size(pos2(20.0, 60.0), g.size());
        let placed = [Placed {
            shape: &shape,
            rect: Rect::from_min_size(pos2(20.0, 20.0), Vec2::new(200.0, 36.0)),
            label: None,
            label_outside: None,
            leader: None,
            owner: Some((owner.min, g)),
        }];
        draw_system_labels(&mut out, &placed, &theme);
    });
    // The fonts' texture is not uploaded anywhere (a debug build checks it was handled).
    output.textures_delta.clear();
    let text = out
        .iter()
        .position(|s| matches!(s, egui::Shape::Text(_)))
        .expect("the owner line is drawn");
    let backing = color(theme.canvas_bg).gamma_multiply(LABEL_BACKING);
    assert!(
        out[..text].iter().any(|s| matches!(
            s,
            egui::Shape::Rect(r) if r.fill == backing && r.rect.contains_rect(owner)
        )),
        "{out:?}"
    );
}

/// A cascade note keeps clear of what it is given (a group's name above the box) and says
/// where it went, so that the dependency labels placed after it keep clear of it. Before,
/// the product catalog's note in the e-commerce cascade at 1920×1080 covered its group's
/// name ('Catalog' read 'C') and a dependency label was written under another note.
#[test]
fn a_cascade_note_keeps_clear_of_a_group_name_and_says_where_it_went() {
    let theme = Theme::get(crate::theme::ThemeName::Light);
    let mut look = crate::ui::canvas::scene::collapsed_group_look(
        "g",
        "Catalog",
        3,
        &crate::ui::view::ViewState::default(),
        &theme,
    );
    look.cascade_note = Some((Arc::from("overloaded +3.0 s"), egui::Color32::RED));
    let shape = SystemShape {
        pos: Pos2::ZERO,
        look,
    };
    let body = Rect::from_min_size(pos2(300.0, 200.0), Vec2::new(160.0, 36.0));
    // The group's name just above the box, where the note goes first.
    let name = Rect::from_min_size(pos2(330.0, 180.0), Vec2::new(60.0, 15.0));
    let ctx = egui::Context::default();
    let mut notes = Vec::new();
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        let placed = [Placed {
            shape: &shape,
            rect: body,
            label: None,
            label_outside: None,
            leader: None,
            owner: None,
        }];
        notes = draw_cascade_notes(&mut Vec::new(), ui.painter(), &placed, vec![name]);
    });
    // The fonts' texture is not uploaded anywhere (a debug build checks it was handled).
    output.textures_delta.clear();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(!notes[0].intersects(name), "{notes:?} over {name:?}");
    assert!(!notes[0].intersects(body), "{notes:?}");
}

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
