//! The app window, driven through egui_kittest by accessible labels, as a user would read it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use std::path::PathBuf;

use depdig::ui::DepdigApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(app: DepdigApp) -> Harness<'static, DepdigApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut DepdigApp| app.ui_contents(ui), app);
    h.run();
    h
}

#[test]
fn opens_on_the_builtin_sample_and_lists_systems_and_dependencies() {
    let app = DepdigApp::open(None);
    assert_eq!(app.window_title(), "ecommerce-cascade.ron — depdig");
    let ws = app.workspace().expect("the built-in sample loads").clone();
    let h = harness(app);
    h.get_by_label(&ws.title);
    for s in ws.systems.values() {
        assert!(
            h.query_by_label(&s.name).is_some(),
            "system {} is listed",
            s.name
        );
    }
    let d = ws.dependencies.values().next().unwrap();
    let row = format!("{} → {}", ws.system_name(&d.from), ws.system_name(&d.to));
    assert!(
        h.query_all_by_label(&row).next().is_some(),
        "dependency {row} is listed"
    );
    let counts = ws.counts();
    h.get_by_label(&format!(
        "{} systems · {} dependencies · {} debt items · {} failure modes",
        counts.systems, counts.dependencies, counts.debt, counts.failure_modes
    ));
}

#[test]
fn a_broken_file_is_reported_in_the_window_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("broken.ron");
    std::fs::write(
        &path,
        "(version: 1,\n  title: \"x\",\n  systems: [(id: \"a\" name: \"A\")],\n)",
    )
    .unwrap();
    let app = DepdigApp::open(Some(path.clone()));
    assert!(app.workspace().is_none());
    assert_eq!(app.window_title(), "broken.ron — depdig");
    let h = harness(app);
    h.get_by_label("This workspace could not be opened");
    let needle = format!("{}:3:", path.display());
    h.get_by_label_contains(&needle);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap().lines().count(),
        4,
        "the file is untouched"
    );
}
