//! Failure modes in the app: ranked list, editing (reordering response steps), rehearsal.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use crate::common;

use depdig::model::FailureStatus;
use depdig::ui::DepdigApp;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

fn harness(app: DepdigApp) -> Harness<'static, DepdigApp> {
    common::harness_sized(app, 1400.0, 1000.0)
}

/// The failure mode at the top of the list (highest RPN; ties by id, as the panel sorts).
fn top_failure_mode(ws: &depdig::model::Workspace) -> depdig::model::FailureMode {
    ws.failure_modes
        .values()
        .max_by(|a, b| a.rpn().cmp(&b.rpn()).then_with(|| b.id.cmp(&a.id)))
        .unwrap()
        .clone()
}

#[test]
fn rehearse_a_failure_mode_step_by_step_and_record_it() {
    let mut h = harness(common::open(None));
    let ws = h.state().workspace().clone();
    let top = top_failure_mode(&ws);
    assert!(!top.steps.is_empty());
    h.key_press(Key::M);
    h.run_steps(2);
    h.get_by_label(&format!("Failure modes ({})", ws.failure_modes.len()));
    // The first Rehearse button belongs to the highest RPN.
    h.query_all(by().role(Role::Button).label("▶ Rehearse"))
        .next()
        .unwrap()
        .click();
    h.run_steps(2);
    h.get_by_label(&format!("Rehearsal: {}", top.title));
    for _ in 0..=top.steps.len() {
        h.key_press(Key::ArrowRight);
        h.run_steps(1);
    }
    h.get(by().role(Role::TextInput).label("Rehearsal notes"))
        .click();
    h.run_steps(1);
    h.get(by().role(Role::TextInput).label("Rehearsal notes"))
        .type_text("Ops paged in 4 min");
    h.run_steps(1);
    h.get_by_label("Finish and record rehearsal").click();
    h.run_steps(2);
    let after = &h.state().workspace().failure_modes[&top.id];
    assert_eq!(after.rehearsals.len(), top.rehearsals.len() + 1);
    assert_eq!(after.rehearsals.last().unwrap().notes, "Ops paged in 4 min");
    assert_eq!(after.status, FailureStatus::Rehearsed);
    // The arrows stepped the rehearsal, they did not nudge the selection.
    assert_eq!(h.state().workspace().systems, ws.systems);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().workspace().failure_modes[&top.id], top);
}

#[test]
fn edit_a_failure_mode_and_reorder_its_steps() {
    let mut h = harness(common::open(None));
    let ws = h.state().workspace().clone();
    let fm = ws
        .failure_modes
        .values()
        .find(|f| f.steps.len() >= 2)
        .unwrap()
        .clone();
    h.key_press(Key::M);
    h.run_steps(2);
    h.get(by().role(Role::Button).label(&fm.title)).click();
    h.run_steps(3);
    // The editor's heading (the list's card says "RPN …" too).
    h.get_by_label_contains(&format!("· RPN {}", fm.rpn()));
    // The step rows are low in the docked inspector: scroll them into view first.
    h.query_all(by().role(Role::Button).label("⏷"))
        .next()
        .unwrap()
        .scroll_to_me();
    h.run();
    h.query_all(by().role(Role::Button).label("⏷"))
        .next()
        .unwrap()
        .click();
    h.run_steps(2);
    let after = &h.state().workspace().failure_modes[&fm.id];
    assert_eq!(after.steps[0], fm.steps[1]);
    assert_eq!(after.steps[1], fm.steps[0]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().workspace().failure_modes[&fm.id], fm);
}

/// Issue 15.9: rehearsal times read m:ss: the timer said "00:05" and a 5-second rehearsal was
/// recorded and listed as "1 min"; now "0:05", kept to the second.
#[test]
fn rehearsal_times_read_as_minutes_and_seconds() {
    let mut h = harness(common::open(None));
    let ws = h.state().workspace().clone();
    let top = top_failure_mode(&ws);
    h.key_press(Key::M);
    h.run_steps(2);
    h.query_all(by().role(Role::Button).label("▶ Rehearse"))
        .next()
        .unwrap()
        .click();
    // Each harness frame is a quarter of a second: eight frames are two seconds.
    h.run_steps(8);
    assert!(
        h.query_by_label_contains("⏱ 0:0").is_some(),
        "the timer reads m:ss"
    );
    assert!(h.query_by_label_contains("⏱ 00:").is_none());
    for _ in 0..=top.steps.len() {
        h.key_press(Key::ArrowRight);
        h.run_steps(1);
    }
    h.get_by_label("Finish and record rehearsal").click();
    h.run_steps(2);
    let recorded = h.state().workspace().failure_modes[&top.id]
        .rehearsals
        .last()
        .unwrap()
        .clone();
    let seconds = recorded.duration_s.expect("the app times to the second");
    assert!((1..60).contains(&seconds), "{seconds} s");
    assert_eq!(recorded.duration_min, 0, "under half a minute rounds to 0");
    assert_eq!(recorded.duration_text(), format!("0:{seconds:02}"));
    // The failure mode's record lists it as m:ss.
    h.get(by().label(&top.title)).click();
    h.run_steps(2);
    h.get_by_label(&format!("{} · 0:{seconds:02}", recorded.date));
}

/// Read-only refuses the record of a rehearsal: the window stays open with the notes typed, the
/// status bar says why, and the workspace is unchanged (the edit is pushed at the end of the
/// frame, so the window may not close before knowing it was refused).
#[test]
fn a_refused_rehearsal_record_keeps_the_window_and_its_notes() {
    let mut app = common::open(None);
    app.set_read_only(true);
    let mut h = harness(app);
    let ws = h.state().workspace().clone();
    let top = top_failure_mode(&ws);
    h.key_press(Key::M);
    h.run_steps(2);
    h.query_all(by().role(Role::Button).label("▶ Rehearse"))
        .next()
        .unwrap()
        .click();
    h.run_steps(2);
    for _ in 0..=top.steps.len() {
        h.key_press(Key::ArrowRight);
        h.run_steps(1);
    }
    h.get(by().role(Role::TextInput).label("Rehearsal notes"))
        .click();
    h.run_steps(1);
    h.get(by().role(Role::TextInput).label("Rehearsal notes"))
        .type_text("Paged late");
    h.run_steps(1);
    h.get_by_label("Finish and record rehearsal").click();
    h.run_steps(2);
    assert_eq!(h.state().workspace(), &ws);
    h.get_by_label(&format!("Rehearsal: {}", top.title));
    h.get_by_label_contains("Record rehearsal: not done");
    assert_eq!(
        h.get(by().role(Role::TextInput).label("Rehearsal notes"))
            .value()
            .as_deref(),
        Some("Paged late")
    );
}

/// Deleting the failure mode being edited closes its editor (the delete is carried out at the
/// end of the frame; the editor finds nothing to show after it), and one undo brings it back.
#[test]
fn deleting_a_failure_mode_closes_its_editor_and_undo_restores_it() {
    let mut h = harness(common::open(None));
    let ws = h.state().workspace().clone();
    let top = top_failure_mode(&ws);
    h.key_press(Key::M);
    h.run_steps(2);
    h.get(by().role(Role::Button).label(&top.title)).click();
    h.run_steps(2);
    let editor = format!("id: {} · RPN", top.id);
    h.get_by_label_contains(&editor);
    common::scroll_and_click(&mut h, "🗑 Delete failure mode");
    h.run_steps(2);
    assert!(!h.state().workspace().failure_modes.contains_key(&top.id));
    assert!(h.query_by_label_contains(&editor).is_none());
    assert!(h.query_by_label("🗑 Delete failure mode").is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().workspace().failure_modes[&top.id], top);
}
