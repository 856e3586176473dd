//! Autosave writes unsaved work to a recovery file (never over the workspace file), and the next
//! start offers to restore it. One test per binary: it sets the recovery directory for the process.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

mod common;

use depdig::ui::DepdigApp;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

fn harness(app: DepdigApp) -> Harness<'static, DepdigApp> {
    common::harness_sized(app, 1280.0, 800.0)
}

#[test]
fn autosave_then_restore_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    depdig::document::set_recovery_dir(recovery.clone());
    let path = dir.path().join("map.ron");
    std::fs::write(&path, "(version: 1, title: \"Map\")").unwrap();
    let original = std::fs::read(&path).unwrap();

    let mut h = harness(DepdigApp::open(Some(path.clone())));
    h.get_by_label("➕ Add system").click();
    h.run_steps(2);
    h.get_by_label("System name").type_text("Billing");
    h.run_steps(1);
    h.get(by().role(Role::Button).label("Add system")).click();
    h.run_steps(2);
    assert!(h.state().document().is_dirty());
    for t in [10.0, 20.0, 45.0, 46.0] {
        h.input_mut().time = Some(t);
        h.step();
    }
    let files: Vec<_> = std::fs::read_dir(&recovery)
        .unwrap()
        .filter_map(Result::ok)
        .collect();
    assert_eq!(files.len(), 1, "one recovery file");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        original,
        "the workspace file is untouched"
    );
    drop(h); // the "crash": the app goes away without saving

    let mut h = harness(DepdigApp::open(Some(path.clone())));
    h.get_by_label("Restore unsaved work?");
    h.get_by_label("Restore").click();
    h.run_steps(2);
    assert!(h.state().workspace().systems.contains_key("billing"));
    assert!(
        h.state().document().is_dirty(),
        "restored work is unsaved until saved"
    );
}
