//! File ▸ Export map… from the app: size readout, preview, the screen's hidden types respected.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use crate::common;

use depdig::ui::DepdigApp;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

fn harness(app: DepdigApp) -> Harness<'static, DepdigApp> {
    common::harness_sized(app, 1280.0, 900.0)
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}

#[test]
fn export_from_the_app_respects_hidden_types() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(common::open(None));
    // Hide sync calls in the legend, as a facilitator would before exporting.
    h.get_by_label("Show Sync call").click();
    h.run_steps(2);
    assert!(
        h.state()
            .view()
            .filters
            .hidden_types
            .contains(&depdig::model::DependencyType::Sync)
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    h.get_by_label("Export map");
    h.get_by_label("3840 × 2160 px");
    let svg_path = dir.path().join("map.svg");
    let field = by().role(Role::TextInput).label("Export file");
    h.get(field.clone()).focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get(field).type_text(&svg_path.display().to_string());
    h.run_steps(2);
    h.get(by().role(Role::Button).label("Export")).click();
    h.run_steps(3);
    let svg = std::fs::read_to_string(&svg_path).expect("the SVG was written");
    let ws = h.state().workspace().clone();
    for s in ws.systems.values() {
        assert!(
            svg.contains(&s.name.replace('&', "&amp;")),
            "{} is drawn",
            s.name
        );
    }
    assert!(
        !svg.contains("Sync call"),
        "hidden types are left out of the legend too"
    );
    assert!(svg.contains("Async message"));

    // And a PNG at 1×.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    h.get_by_label("1× (1920×1080)").click();
    h.run_steps(1);
    let png_path = dir.path().join("map.png");
    let field = by().role(Role::TextInput).label("Export file");
    h.get(field.clone()).focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get(field).type_text(&png_path.display().to_string());
    h.run_steps(2);
    h.get(by().role(Role::Button).label("Export")).click();
    h.run_steps(3);
    let bytes = std::fs::read(&png_path).expect("the PNG was written");
    assert_eq!(&bytes[1..4], b"PNG");
    assert_eq!(png_size(&bytes), (1920, 1080));
}
