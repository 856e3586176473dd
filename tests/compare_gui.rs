//! Issue 19.3 in the app: File ▸ Compare with… shows the differences on the map, in the
//! scenario-difference style, and in the Differences window beside it.

use egui::accesskit::Role;
use egui_kittest::kittest::{Queryable, by};

use depdig::io::{load_file, save_file};
use depdig::model::System;

use crate::common;

#[test]
fn compare_with_shows_differences_on_the_map_and_in_a_list() {
    let dir = tempfile::tempdir().unwrap();
    let older = common::sample_copy(dir.path(), "trading-before.ron");
    let mut ws = load_file(&older).unwrap().0;
    ws.systems.get_mut("fix-gateway").unwrap().owner = "Team B".into();
    for d in ws.dependencies_touching("compliance-team") {
        ws.dependencies.remove(&d);
    }
    ws.systems.remove("compliance-team");
    let mut audit = System::new("audit", "Audit log");
    audit.pos = Some(depdig::model::CanvasPos::new(0.0, 600.0));
    ws.systems.insert("audit".into(), audit);
    let current = dir.path().join("current.ron");
    save_file(&ws, &current).unwrap();

    let mut h = common::harness_sized(common::open(Some(current)), 1800.0, 1100.0);
    assert!(h.query_by_label("System: Compliance officers").is_none());
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Compare with…").click();
    h.run_steps(2);
    h.get(by().role(Role::TextInput).label("Path")).focus();
    h.run_steps(1);
    h.get(by().role(Role::TextInput).label("Path"))
        .type_text(older.to_str().unwrap());
    h.run_steps(1);
    h.get(by().role(Role::Button).label("Compare")).click();
    h.run_steps(4);

    // The list: from the file to the open map, by name.
    for row in [
        "~ system FIX order gateway: owner 'Trading Technology (Raj Patel)' → 'Team B'",
        "+ added system Audit log",
        "- removed system Compliance officers",
    ] {
        assert!(h.query_by_label(row).is_some(), "row {row:?}");
    }
    assert!(
        h.query_by_label_contains("From trading-before.ron to the open map:")
            .is_some()
    );
    // The map: the removed system is drawn again, struck through; the new one marked added.
    h.key_press(egui::Key::F);
    h.run_steps(4);
    assert!(
        h.query_by_label("System: Compliance officers (removed in scenario)")
            .is_some()
    );
    assert!(
        h.query_by_label("System: Audit log (added in scenario)")
            .is_some()
    );

    // A row selects its system.
    h.get_by_label("+ added system Audit log").click();
    h.run_steps(3);
    assert!(h.state().view().selection.contains("audit"));

    h.get_by_label("Stop comparing").click();
    h.run_steps(3);
    assert!(
        h.query_by_label("System: Compliance officers (removed in scenario)")
            .is_none()
    );
    assert!(h.query_by_label("System: Audit log").is_some());
    assert!(h.query_by_label("Differences").is_none());
    // Nothing was edited by comparing.
    assert_eq!(h.state().workspace(), &ws);
}

#[test]
fn compare_with_a_broken_file_says_where_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(\n  version: 2,\n  title: 5,\n)\n").unwrap();
    let mut h = common::harness_sized(common::open(None), 1600.0, 1000.0);
    let before = h.state().workspace().clone();
    h.state_mut()
        .queue(depdig::ui::commands::UiCommand::CompareWith);
    h.run_steps(2);
    h.get(by().role(Role::TextInput).label("Path")).focus();
    h.run_steps(1);
    h.get(by().role(Role::TextInput).label("Path"))
        .type_text(bad.to_str().unwrap());
    h.run_steps(1);
    h.get(by().role(Role::Button).label("Compare")).click();
    h.run_steps(3);
    assert!(
        h.query_by_label("This workspace could not be compared")
            .is_some()
    );
    assert!(
        h.query_by_label_contains(&format!("{}:3:", bad.display()))
            .is_some()
    );
    assert!(h.query_by_label("Differences").is_none());
    assert_eq!(h.state().workspace(), &before);
}
