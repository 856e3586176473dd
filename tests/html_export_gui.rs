//! File ▸ Export map… to `.html`: the interactive map of the open document, with its views and
//! scenarios as tabs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use crate::common;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{Queryable, by};

#[test]
fn export_dialog_writes_the_interactive_map() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness_sized(common::open(None), 1280.0, 900.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    h.get_by_label("Export map");
    let path = dir.path().join("map.html");
    let field = by().role(Role::TextInput).label("Export file");
    h.get(field.clone()).focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get(field).type_text(&path.display().to_string());
    h.run_steps(2);
    h.get(by().role(Role::Button).label("Export")).click();
    h.run_steps(3);
    let page = std::fs::read_to_string(&path).expect("the page was written");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<meta http-equiv=\"Content-Security-Policy\""));
    let ws = h.state().workspace().clone();
    assert!(!ws.systems.is_empty());
    for s in ws.systems.values() {
        assert!(
            page.contains(&format!("class=\"system\" data-id=\"{}\"", s.id)),
            "{} is drawn",
            s.id
        );
    }
    // One picture for the map and one per saved view and scenario.
    assert_eq!(
        page.matches("<div class=\"picture\"").count(),
        1 + ws.views.len() + ws.scenarios.len()
    );
}
