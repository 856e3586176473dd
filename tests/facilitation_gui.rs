//! The facilitation panel in the app: questions for the selected system, the review checklist and
//! its coverage (saved with the workspace, undoable), the parking lot and the council decision log.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use crate::common;

use common::sample_copy;

use depdig::document::Document;
use depdig::ui::DepdigApp;
use egui::accesskit::{Role, Toggled};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};

fn harness(app: DepdigApp) -> Harness<'static, DepdigApp> {
    common::harness_sized(app, 1600.0, 1000.0)
}

/// Selects a system by clicking it on the canvas and opens the panel with Q.
fn select_and_open(h: &mut Harness<'_, DepdigApp>, name: &str) {
    h.get_by_label(&format!("System: {name}")).click();
    h.run_steps(2);
    h.key_press(Key::Q);
    h.run_steps(3);
}

fn type_into(h: &mut Harness<'_, DepdigApp>, label: &str, text: &str) {
    let field = by().role(Role::TextInput).label(label);
    h.get(field.clone()).focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get(field).type_text(text);
    h.run_steps(1);
}

#[test]
fn tick_timing_reviewed_save_reopen_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "manufacturing-erp.ron");
    let mut h = harness(common::open(Some(path.clone())));
    let ws = h.state().workspace().clone();
    let system = ws
        .systems
        .values()
        .find(|s| !s.review.timing)
        .unwrap()
        .clone();
    let total = ws.systems.len();
    let before = ws.systems.values().filter(|s| s.review.timing).count();

    // The toolbar button opens the panel; with nothing selected it says what to do.
    h.get_by_label("💬 Prompts").click();
    h.run_steps(2);
    h.get_by_label("Select a system to see questions for it");
    h.get_by_label(&format!("System: {}", system.name)).click();
    h.run_steps(2);
    h.get_by_label(&format!(
        "Which business steps stop if {} is down for an hour?",
        system.name
    ));
    h.get_by_label(&format!("{before} of {total} systems: timing reviewed"));

    h.get_by_label("Timing reviewed").click_accesskit();
    h.run_steps(2);
    assert!(h.state().workspace().systems[&system.id].review.timing);
    h.get_by_label(&format!(
        "{} of {total} systems: timing reviewed",
        before + 1
    ));
    assert_eq!(
        h.state().document().history.undo_label(),
        Some(format!("Mark timing reviewed: {}", system.name).as_str())
    );

    // Saved with the workspace: reopen the file, the box is still ticked.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(!h.state().document().is_dirty(), "saved");
    let mut reopened = harness(common::open(Some(path.clone())));
    select_and_open(&mut reopened, &system.name);
    assert_eq!(
        reopened
            .get_by_label("Timing reviewed")
            .accesskit_node()
            .toggled(),
        Some(Toggled::True)
    );
    assert!(
        Document::open(&path).unwrap().ws().systems[&system.id]
            .review
            .timing
    );

    // Undo un-ticks it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(!h.state().workspace().systems[&system.id].review.timing);
    assert_eq!(
        h.get_by_label("Timing reviewed").accesskit_node().toggled(),
        Some(Toggled::False)
    );
    h.get_by_label(&format!("{before} of {total} systems: timing reviewed"));
}

#[test]
fn coverage_line_highlights_the_systems_not_yet_reviewed() {
    let mut h = harness(common::open(None));
    h.key_press(Key::Q);
    h.run_steps(2);
    let ws = h.state().workspace().clone();
    let (done, total) = (
        ws.systems.values().filter(|s| s.review.data_flow).count(),
        ws.systems.len(),
    );
    let line = format!("{done} of {total} systems: data flow reviewed");
    h.get_by_label(&line).click_accesskit();
    h.run_steps(2);
    let expected: std::collections::BTreeSet<String> = ws
        .systems
        .values()
        .filter(|s| !s.review.data_flow)
        .map(|s| s.id.clone())
        .collect();
    assert_eq!(h.state().view().highlight.as_ref(), Some(&expected));
    h.get_by_label(&line).click_accesskit();
    h.run_steps(2);
    assert_eq!(h.state().view().highlight, None);
}

/// The systems whose data flow is not reviewed yet.
fn data_flow_not_reviewed(ws: &depdig::model::Workspace) -> std::collections::BTreeSet<String> {
    ws.systems
        .values()
        .filter(|s| !s.review.data_flow)
        .map(|s| s.id.clone())
        .collect()
}

#[test]
fn the_coverage_highlight_follows_a_tick_and_lets_go_when_a_finding_is_shown() {
    let mut h = harness(common::open(None));
    let ws = h.state().workspace().clone();
    let not_reviewed = data_flow_not_reviewed(&ws);
    assert!(not_reviewed.len() >= 2, "the sample has unreviewed systems");
    let system = ws.systems[not_reviewed.iter().next().unwrap()].clone();
    select_and_open(&mut h, &system.name);
    let done = ws.systems.len() - not_reviewed.len();
    let line = format!("{done} of {} systems: data flow reviewed", ws.systems.len());
    h.get_by_label(&line).click_accesskit();
    h.run_steps(2);
    assert_eq!(h.state().view().highlight.as_ref(), Some(&not_reviewed));

    // Ticked while it is shown: the highlight follows the document.
    h.get_by_label("Data flow reviewed").click_accesskit();
    h.run_steps(3);
    let now = h.state().workspace().clone();
    assert!(now.systems[&system.id].review.data_flow);
    let expected = data_flow_not_reviewed(&now);
    assert!(!expected.contains(&system.id));
    assert_eq!(h.state().view().highlight.as_ref(), Some(&expected));

    // A finding shown instead: the coverage highlight lets go and does not come back.
    h.key_press(Key::A);
    h.run_steps(3);
    let analysis = depdig::analysis::analyze(&now);
    let finding = analysis
        .findings
        .iter()
        .find(|f| h.query_by_label(&f.sentence).is_some())
        .expect("a finding is listed")
        .clone();
    h.get_by_label(&finding.sentence).click_accesskit();
    h.run_steps(4);
    let ids: std::collections::BTreeSet<String> = finding
        .systems
        .iter()
        .chain(&finding.dependencies)
        .cloned()
        .collect();
    assert_ne!(ids, expected);
    let view = h.state().view();
    assert_eq!(view.highlight.as_ref(), Some(&ids));
    assert_eq!(
        view.highlight_reason,
        "Finding: what it is about is highlighted"
    );
}

#[test]
fn park_a_question_linked_to_the_selection_and_answer_it() {
    let mut h = harness(common::open(None));
    let ws = h.state().workspace().clone();
    let system = ws.systems.values().next().unwrap().clone();
    let before = ws.parking_lot.len();
    select_and_open(&mut h, &system.name);

    let question = "Does the nightly export still run on Sundays?";
    type_into(&mut h, "Parking-lot question", question);
    type_into(&mut h, "Raised by", "Ana (Ops)");
    h.get_by_label("Add question").click_accesskit();
    h.run_steps(2);
    let ws = h.state().workspace().clone();
    assert_eq!(ws.parking_lot.len(), before + 1);
    let item = ws
        .parking_lot
        .values()
        .find(|p| p.question == question)
        .unwrap()
        .clone();
    assert_eq!(item.links, vec![system.id.clone()]);
    assert_eq!(item.raised_by, "Ana (Ops)");
    assert!(item.created.is_some() && !item.answered);

    // A suggested question is parked with one click, linked to the system it is about.
    let suggested = format!(
        "Which business steps stop if {} is down for an hour?",
        system.name
    );
    h.get_all_by_label("Park").next().unwrap().click_accesskit();
    h.run_steps(2);
    let parked = h
        .state()
        .workspace()
        .parking_lot
        .values()
        .find(|p| p.question == suggested)
        .expect("the first suggested question was parked")
        .clone();
    assert_eq!(parked.links, vec![system.id.clone()]);

    // Answer it: the first "Answer…" belongs to the newest open question.
    h.get_all_by_label("Answer…")
        .next()
        .unwrap()
        .click_accesskit();
    h.run_steps(2);
    type_into(&mut h, "Answer", "Yes, at 02:00; Finance owns it.");
    h.get_by_label("Mark answered").click_accesskit();
    h.run_steps(2);
    let p = &h.state().workspace().parking_lot[&item.id];
    assert!(p.answered);
    assert_eq!(p.answer, "Yes, at 02:00; Finance owns it.");
    // Undo reopens it.
    h.key_press(Key::Escape);
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(!h.state().workspace().parking_lot[&item.id].answered);
}

#[test]
fn record_a_council_decision_and_report_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "ecommerce-cascade.ron");
    let mut h = harness(common::open(Some(path.clone())));
    let ws = h.state().workspace().clone();
    let system = ws.systems.values().next().unwrap().clone();
    let before = ws.decisions.len();
    select_and_open(&mut h, &system.name);

    // An invalid date: an inline error, and nothing is added.
    type_into(&mut h, "Decision date", "2026-13-45");
    h.run_steps(1);
    h.get_by_label("month 13 is not 1–12");
    type_into(
        &mut h,
        "Decision",
        "Shipping quotes fall back to flat rates when the calculator is slow",
    );
    h.get_by_label("Record decision").click_accesskit();
    h.run_steps(2);
    assert_eq!(h.state().workspace().decisions.len(), before);
    h.get_by_label("Not recorded: month 13 is not 1–12");

    type_into(&mut h, "Decision date", "2026-11-20");
    type_into(&mut h, "Decided by", "Integration council");
    type_into(
        &mut h,
        "Trade-off accepted",
        "Some orders pay too much or too little shipping",
    );
    h.get_by_label("Record decision").click_accesskit();
    h.run_steps(2);
    let ws = h.state().workspace().clone();
    assert_eq!(ws.decisions.len(), before + 1);
    let d = ws
        .decisions
        .values()
        .find(|d| d.decision.starts_with("Shipping quotes"))
        .unwrap();
    assert_eq!(d.date.to_string(), "2026-11-20");
    assert_eq!(d.decided_by, "Integration council");
    assert_eq!(d.links, vec![system.id.clone()]);
    assert_eq!(d.id, "shipping-quotes-fall-back-to-flat-rates");

    let id = d.id.clone();

    // Edit it: the newest decision is listed first; its "Edit" loads it into the form.
    h.get_all_by_label("Edit…")
        .next()
        .unwrap()
        .click_accesskit();
    h.run_steps(2);
    h.get_by_label(&format!("Editing decision {id}"));
    type_into(&mut h, "Decided by", "Integration council (chair: Ana)");
    h.get_by_label("Save decision").click_accesskit();
    h.run_steps(2);
    let ws = h.state().workspace();
    assert_eq!(ws.decisions.len(), before + 1);
    assert_eq!(
        ws.decisions[&id].decided_by,
        "Integration council (chair: Ana)"
    );
    assert_eq!(ws.decisions[&id].links, vec![system.id.clone()]);

    h.key_press(Key::Escape);
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(!h.state().document().is_dirty(), "saved");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_depdig"))
        .args(["report", "--section", "decisions"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let row = text
        .lines()
        .find(|l| l.contains("Shipping quotes fall back to flat rates"))
        .unwrap_or_else(|| panic!("no decision row in:\n{text}"));
    assert!(row.contains("2026-11-20"), "{row}");
    assert!(row.contains("Integration council"), "{row}");
    assert!(row.contains("Some orders pay too much"), "{row}");
    assert!(row.contains(&system.name), "{row}");
}
