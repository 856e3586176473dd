//! The app window, driven through egui_kittest by accessible labels, as a user would.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

mod common;

use std::path::PathBuf;

use depdig::ui::DepdigApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(app: DepdigApp) -> Harness<'static, DepdigApp> {
    common::harness_sized(app, 1280.0, 800.0)
}

#[test]
fn opens_on_the_builtin_sample_and_draws_every_system_and_dependency() {
    let app = common::open(None);
    assert_eq!(app.window_title(), "ecommerce-cascade.ron — depdig");
    let ws = app.workspace().clone();
    let h = harness(app);
    for s in ws.systems.values() {
        h.get_by_label(&format!("System: {}", s.name));
    }
    for d in ws.dependencies.values() {
        let label = format!(
            "Dependency: {} → {} ({})",
            ws.system_name(&d.from),
            ws.system_name(&d.to),
            d.kind.label()
        );
        assert!(
            h.query_by_label(&label).is_some(),
            "{label} is on the canvas"
        );
    }
    let c = ws.counts();
    h.get_by_label(&format!(
        "{} systems · {} dependencies · {} debt items · {} failure modes",
        c.systems, c.dependencies, c.debt, c.failure_modes
    ));
}

#[test]
fn a_broken_file_is_reported_in_a_dialog_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("broken.ron");
    std::fs::write(
        &path,
        "(version: 1,\n  title: \"x\",\n  systems: [(id: \"a\" name: \"A\")],\n)",
    )
    .unwrap();
    let app = common::open(Some(path.clone()));
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

/// Issue 15.5: no GUI test reads or writes the real recovery directory (`~/.local/state/depdig`):
/// `DepdigApp::open` takes the directory, and tests pass their own (`common::open`, or a temporary
/// directory). This fails if a test reaches for the real one.
#[test]
fn no_test_uses_the_real_recovery_directory() {
    let tests = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut offenders = Vec::new();
    let mut stack = vec![tests];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for needle in ["recovery::default_dir", "set_default_dir", "ui::run("] {
                    // This test names them only inside string literals.
                    if path.ends_with("gui.rs") {
                        continue;
                    }
                    if text.contains(needle) {
                        offenders.push(format!("{}: {needle}", path.display()));
                    }
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:?}");
}

/// Issue 15.9 (part): Save as proposes a name from the workspace's title, and the keyboard help
/// writes the help key as "?" (it said "Shift+Questionmark").
#[test]
fn save_as_proposes_the_title_and_help_writes_question_mark() {
    use egui::accesskit::Role;
    use egui::{Key, Modifiers};
    use egui_kittest::kittest::by;
    let mut h = harness(common::open(None));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(2);
    let proposed = h
        .get(by().role(Role::TextInput).label("Path"))
        .value()
        .unwrap_or_default();
    assert!(
        proposed.ends_with("/e-commerce-cascade.ron"),
        "proposed {proposed:?}"
    );
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    h.key_press(Key::F1);
    h.run_steps(2);
    assert!(h.query_all_by_label("Keyboard shortcuts").count() >= 1);
    assert!(h.query_by_label("F1 / ?").is_some(), "the help key reads ?");
    assert!(h.query_by_label_contains("Questionmark").is_none());
}

/// Issue 15.9 (part): Ctrl+Q quits, asking first when there are unsaved changes.
#[test]
fn ctrl_q_quits_and_asks_about_unsaved_changes() {
    use egui::{Key, Modifiers};
    let mut h = harness(common::open(None));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run_steps(2);
    assert!(h.state().is_closing(), "a clean document closes at once");

    let mut h = harness(common::open(None));
    common::add_system(&mut h, "Billing");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run_steps(2);
    assert!(!h.state().is_closing());
    h.get_by_label("Discard unsaved changes?");
}

#[path = "gui/typing.rs"]
mod typing;
