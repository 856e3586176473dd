//! Issue 20 in the app: the Roadmap tab (phases added, edited, undone; stepping through them on
//! the map), the Rollouts tab and the inspector's rollout, production-check and cost sections.

use std::path::PathBuf;

use crate::common;

use depdig::model::{
    Cost, Phase, ProductionChecks, Rollout, Scenario, Signal, SignalKind, Stage, StageStatus,
};
use depdig::ui::DepdigApp;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};

fn harness(app: DepdigApp) -> Harness<'static, DepdigApp> {
    common::harness_sized(app, 1280.0, 800.0)
}

/// The queue the first phase adds, which carries the canary rollout.
pub const QUEUE_DEP: &str = "trading-engine->trade-events:async";

/// The trading sample with a two-phase roadmap: "Queue first" (the sample's queue scenario,
/// its fill stream rolled out as a canary: 1 % done, 25 % running, 100 % planned) and
/// "Retire limits" (a scenario removing the limits configuration), saved in `dir`.
pub fn roadmap_map(dir: &std::path::Path) -> PathBuf {
    let (mut ws, _) = depdig::io::load_file(&common::sample_path("trading-before.ron")).unwrap();
    // Only the rollout set below: the sample's own are left out.
    for d in ws.dependencies.values_mut() {
        d.rollout = None;
    }
    for sc in ws.scenarios.values_mut() {
        for d in &mut sc.added_dependencies {
            d.rollout = None;
        }
    }
    let queue = ws.scenarios.get_mut("queue-decoupling").unwrap();
    let fills = queue
        .added_dependencies
        .iter_mut()
        .find(|d| d.id() == QUEUE_DEP)
        .unwrap();
    let mut stages = vec![
        Stage::new(1.0, 24),
        Stage::new(25.0, 48),
        Stage::new(100.0, 0),
    ];
    stages[0].status = StageStatus::Done;
    stages[1].status = StageStatus::Running;
    fills.rollout = Some(Rollout {
        stages,
        signals: vec![Signal {
            what: SignalKind::ErrorRate,
            threshold: 1.0,
        }],
        rollback_trigger: "error rate over 1 % for 5 minutes".into(),
        rollback_action: "switch the flag off".into(),
        gate: Vec::new(),
    });
    fills.watch = Some(ProductionChecks {
        monitored: true,
        monitored_by: "Grafana".into(),
        ..Default::default()
    });
    fills.cost = Some(Cost {
        hours_per_month: 6.0,
        teams: None,
    });
    ws.scenarios.insert(
        "retire-limits".into(),
        Scenario {
            id: "retire-limits".into(),
            name: "Retire the limits configuration".into(),
            description: String::new(),
            added_systems: Vec::new(),
            added_dependencies: Vec::new(),
            removed: vec!["limits-config".into()],
        },
    );
    ws.roadmap = vec![
        Phase::new("queue-first", "Queue first", "queue-decoupling"),
        Phase::new("retire-limits", "Retire limits", "retire-limits"),
    ];
    let path = dir.join("roadmap.ron");
    depdig::io::save_file(&ws, &path).unwrap();
    path
}

/// Opens `pane` from the View menu, as a user does.
pub fn open_panel(h: &mut Harness<'_, DepdigApp>, pane: &str) {
    h.get_by_label("View").click();
    h.run_steps(1);
    h.get(by().label_contains(pane).role(Role::CheckBox))
        .click();
    h.run_steps(3);
}

/// The text field labelled `label`.
pub fn field<'a>(h: &'a Harness<'_, DepdigApp>, label: &'a str) -> egui_kittest::Node<'a> {
    h.get(by().role(Role::TextInput).label(label))
}

/// Gives the text field labelled `label` the keyboard and types `text` into it.
pub fn type_into(h: &mut Harness<'_, DepdigApp>, label: &str, text: &str) {
    field(h, label).scroll_to_me();
    h.run();
    field(h, label).click();
    h.run_steps(2);
    if !field(h, label).is_focused() {
        field(h, label).focus();
        h.run_steps(2);
    }
    assert!(field(h, label).is_focused(), "{label} has the keyboard");
    field(h, label).type_text(text);
    h.run_steps(3);
}

fn canvas_labels(h: &Harness<'_, DepdigApp>) -> Vec<String> {
    h.query_all(by().label_contains(" (added in scenario)"))
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .collect()
}

#[test]
fn adding_a_phase_in_the_roadmap_tab_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _) = depdig::io::load_file(&common::sample_path("trading-before.ron")).unwrap();
    ws.roadmap.clear();
    let file = dir.path().join("no-roadmap.ron");
    depdig::io::save_file(&ws, &file).unwrap();
    let mut h = harness(common::open(Some(file)));
    open_panel(&mut h, "Roadmap");
    h.get_by_label("New phase name").click();
    h.run_steps(1);
    h.get_by_label("New phase name").type_text("Queue first");
    h.run_steps(1);
    h.get_by_label("Add phase").click();
    h.run_steps(3);
    let ws = h.state().workspace();
    assert_eq!(ws.roadmap.len(), 1);
    let p = &ws.roadmap[0];
    assert_eq!(
        (p.id.as_str(), p.name.as_str()),
        ("queue-first", "Queue first")
    );
    assert_eq!(
        p.scenario, "queue-decoupling",
        "the scenario no phase used yet"
    );
    // The new phase is shown on the map with what it adds marked.
    assert_eq!(h.state().view().roadmap_step, Some(1));
    assert!(!canvas_labels(&h).is_empty(), "the queue is marked added");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert!(h.state().workspace().roadmap.is_empty(), "undo removes it");
    assert!(canvas_labels(&h).is_empty(), "nothing marked any more");
}

#[test]
fn stepping_through_the_phases_changes_what_the_map_shows() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(common::open(Some(roadmap_map(dir.path()))));
    open_panel(&mut h, "Roadmap");
    let systems = |h: &Harness<'_, DepdigApp>| -> Vec<String> {
        let (_, rects) = h.state().canvas_screen_rects();
        let mut names: Vec<String> = rects.into_iter().map(|(n, _)| n).collect();
        names.sort();
        names
    };
    let today = systems(&h);
    assert!(!today.contains(&"Trade event stream".to_owned()));
    h.get_by_label("Next phase").click();
    h.run_steps(3);
    assert_eq!(h.state().view().roadmap_step, Some(0), "first Today");
    h.get_by_label("Next phase").click();
    h.run_steps(3);
    assert_eq!(h.state().view().roadmap_step, Some(1));
    assert!(systems(&h).contains(&"Trade event stream".to_owned()));
    let marked = canvas_labels(&h);
    assert!(
        marked.iter().any(|l| l.contains("Trade event stream")),
        "phase 1 marks the queue it adds: {marked:?}"
    );
    h.get_by_label("Next phase").click();
    h.run_steps(3);
    assert_eq!(h.state().view().roadmap_step, Some(2));
    // Phase 2 stacks on phase 1: the queue is still there, no longer marked; the limits
    // configuration it removes is struck through.
    assert!(systems(&h).contains(&"Trade event stream".to_owned()));
    assert!(canvas_labels(&h).is_empty(), "phase 2 adds nothing");
    assert!(
        h.query_all(by().label_contains("(removed in scenario)"))
            .count()
            > 0,
        "the limits configuration is marked removed"
    );
    // In presentation mode the arrow keys step the roadmap back.
    h.key_press(Key::F5);
    h.run_steps(3);
    h.key_press(Key::ArrowLeft);
    h.run_steps(3);
    assert_eq!(h.state().view().roadmap_step, Some(1), "← steps back");
    h.get_by_label_contains("Phase 1/2: Queue first");
}

#[test]
fn editing_the_shown_phase_is_one_undo_step_per_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(common::open(Some(roadmap_map(dir.path()))));
    open_panel(&mut h, "Roadmap");
    h.get(by().label("2. Retire limits").role(Role::Button))
        .click();
    h.run_steps(3);
    type_into(&mut h, "Phase owner", "Risk team");
    type_into(&mut h, "Target date", "2027-03-31");
    let p = &h.state().workspace().roadmap[1];
    assert_eq!(p.owner, "Risk team");
    assert_eq!(
        p.target_date.map(|d| d.to_string()).as_deref(),
        Some("2027-03-31")
    );
    h.get_by_label("Move Retire limits up").click();
    h.run_steps(3);
    assert_eq!(h.state().workspace().roadmap[0].id, "retire-limits");
    assert_eq!(
        h.state().view().roadmap_step,
        Some(1),
        "the step follows the phase"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(h.state().workspace().roadmap[0].id, "queue-first");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    // Each date keystroke that parsed was its own step; undo until the owner remains.
    while h.state().workspace().roadmap[1].target_date.is_some() {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(2);
    }
    assert_eq!(h.state().workspace().roadmap[1].owner, "Risk team");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(
        h.state().workspace().roadmap[1].owner,
        "",
        "typing the owner was one step"
    );
}

/// The fixture with phase 1 shown and the queue it adds selected on the map.
fn queue_selected(dir: &std::path::Path) -> Harness<'static, DepdigApp> {
    let mut h = harness(common::open(Some(roadmap_map(dir))));
    open_panel(&mut h, "Roadmap");
    h.get(by().label("1. Queue first").role(Role::Button))
        .click();
    h.run_steps(3);
    h.get_by_label_contains("Dependency: Trading platform → Trade event stream")
        .click();
    h.run_steps(3);
    assert_eq!(
        h.state().view().selection.iter().next().map(String::as_str),
        Some(QUEUE_DEP)
    );
    h
}

/// The queue's rollout as the document has it (the queue lives in the phase's scenario).
fn queue_rollout(h: &Harness<'_, DepdigApp>) -> Rollout {
    h.state().workspace().scenarios["queue-decoupling"]
        .added_dependencies
        .iter()
        .find(|d| d.id() == QUEUE_DEP)
        .and_then(|d| d.rollout.clone())
        .unwrap()
}

#[test]
fn editing_a_rollout_stage_in_the_inspector_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = queue_selected(dir.path());
    h.get_by_label_contains("Added by phase Queue first");
    // Stage 2 goes from 25 % to 30 %: select what is there, type over it.
    type_into(&mut h, "Stage 2 share", "");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    field(&h, "Stage 2 share").type_text("30");
    h.run_steps(3);
    assert_eq!(queue_rollout(&h).stages[1].share_percent, 30.0);
    // Over 100 % is refused inline and not applied.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    field(&h, "Stage 2 share").type_text("130");
    h.run_steps(3);
    h.get_by_label_contains("is not a share over 0 and up to 100 %");
    assert_eq!(queue_rollout(&h).stages[1].share_percent, 30.0);
    common::scroll_and_click(&mut h, "Add stage");
    h.run_steps(3);
    let r = queue_rollout(&h);
    assert_eq!(r.stages.len(), 4);
    assert_eq!(r.stages[3].share_percent, 100.0, "doubling, at most 100 %");
    common::scroll_and_click(&mut h, "Remove stage 1");
    h.run_steps(3);
    assert_eq!(queue_rollout(&h).stages.len(), 3);
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(3);
    }
    let r = queue_rollout(&h);
    assert_eq!(r.stages.len(), 3);
    assert_eq!(r.stages[1].share_percent, 30.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(queue_rollout(&h).stages[1].share_percent, 25.0, "undo");
}

#[test]
fn typing_in_the_plan_fields_fires_no_shortcut() {
    use crate::gui::typing::{SENTENCE, type_keys};
    let dir = tempfile::tempdir().unwrap();
    let mut h = queue_selected(dir.path());
    for label in ["Rollback trigger", "Monitored by", "Synthetic transaction"] {
        type_into(&mut h, label, "");
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.run_steps(1);
        let before = h.state().chrome_state();
        type_keys(&mut h, SENTENCE);
        assert_eq!(
            before,
            h.state().chrome_state(),
            "{label}: typing ran a command"
        );
        assert_eq!(
            field(&h, label).value().as_deref(),
            Some(SENTENCE),
            "{label}"
        );
    }
    let d = h.state().workspace().scenarios["queue-decoupling"]
        .added_dependencies
        .iter()
        .find(|d| d.id() == QUEUE_DEP)
        .cloned()
        .unwrap();
    assert_eq!(d.rollout.unwrap().rollback_trigger, SENTENCE);
    let w = d.watch.unwrap();
    assert_eq!(
        (w.monitored_by.as_str(), w.synthetic.as_str()),
        (SENTENCE, SENTENCE)
    );
    // The phase's fields too.
    for label in ["Phase name", "Phase owner"] {
        type_into(&mut h, label, "");
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.run_steps(1);
        let before = h.state().chrome_state();
        type_keys(&mut h, SENTENCE);
        assert_eq!(
            before,
            h.state().chrome_state(),
            "{label}: typing ran a command"
        );
    }
    assert_eq!(h.state().workspace().roadmap[0].owner, SENTENCE);
}

#[test]
fn the_rollouts_tab_lists_stages_and_selects_the_dependency_in_its_phase() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(common::open(Some(roadmap_map(dir.path()))));
    open_panel(&mut h, "Rollouts");
    // The coverage meter: integration points with a check, of all of them (today's map).
    let c = depdig::analysis::plan::check_coverage(h.state().workspace());
    assert!(c.total > 0);
    h.get_by_label(&format!(
        "Production check coverage {}/{}",
        c.checked, c.total
    ));
    h.get_by_label("1. 1 % · 1 day · Done");
    h.get_by_label("2. 25 % · 2 days · Running");
    h.get_by_label("3. 100 % · no minimum · Planned");
    h.get_by_label("Signals: Error rate (%) ≤ 1");
    h.get_by_label_contains("Rollback: error rate over 1 % for 5 minutes → switch the flag off");
    h.get_by_label("Rollout: Trading platform → Trade event stream")
        .click();
    h.run_steps(3);
    assert_eq!(
        h.state().view().roadmap_step,
        Some(1),
        "the phase that adds it is shown"
    );
    assert_eq!(
        h.state().view().selection.iter().next().map(String::as_str),
        Some(QUEUE_DEP)
    );
    // On the map the line carries the stage marker: the running stage's share.
    let labels: Vec<String> = h
        .query_all(by().label_contains("Dependency: Trading platform → Trade event stream"))
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .collect();
    assert!(
        labels.iter().any(|l| l.ends_with("(rollout: 25 %)")),
        "{labels:?}"
    );
}

#[test]
fn cost_and_production_checks_in_the_inspector() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = queue_selected(dir.path());
    // Trading platform (Trading Technology) → the queue (Middleware Platform): two teams,
    // though the queue is only in the phase's scenario.
    h.get_by_label("derived: 2");
    type_into(&mut h, "Hours per month", "");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    field(&h, "Hours per month").type_text("12.5");
    h.run_steps(3);
    let queue = |h: &Harness<'_, DepdigApp>| {
        h.state().workspace().scenarios["queue-decoupling"]
            .added_dependencies
            .iter()
            .find(|d| d.id() == QUEUE_DEP)
            .cloned()
            .unwrap()
    };
    assert_eq!(queue(&h).cost.unwrap().hours_per_month, 12.5);
    assert_eq!(queue(&h).cost.unwrap().teams, None, "still derived");
    type_into(&mut h, "Teams to coordinate", "3");
    assert_eq!(queue(&h).cost.unwrap().teams, Some(3));
    common::scroll_and_click(&mut h, "new versions shadow-tested");
    h.run_steps(3);
    assert!(queue(&h).watch.unwrap().shadow);
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(3);
    }
    let q = queue(&h);
    assert_eq!(
        q.cost.unwrap().hours_per_month,
        6.0,
        "undo: the fixture's estimate"
    );
    assert!(!q.watch.unwrap().shadow);
}

#[test]
fn dragging_a_system_a_shown_phase_adds_moves_it_in_its_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(common::open(Some(roadmap_map(dir.path()))));
    open_panel(&mut h, "Roadmap");
    // Phase 2 shown: the queue phase 1 added is on the map, not in today's systems.
    h.get(by().label("2. Retire limits").role(Role::Button))
        .click();
    h.run_steps(4);
    let before = h.state().workspace().scenarios["queue-decoupling"].added_systems[0].clone();
    let start = h
        .get_by_label(&format!("System: {}", before.name))
        .rect()
        .center();
    h.hover_at(start);
    h.run_steps(1);
    h.drag_at(start);
    h.run_steps(1);
    for i in 1..=4 {
        h.hover_at(start + egui::vec2(15.0 * i as f32, 0.0));
        h.run_steps(1);
    }
    h.drop_at(start + egui::vec2(60.0, 0.0));
    h.run_steps(2);
    let moved = h.state().workspace().scenarios["queue-decoupling"].added_systems[0]
        .pos
        .unwrap();
    let was = before.pos.unwrap();
    assert!(moved.x > was.x + 10.0, "{was:?} → {moved:?}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().workspace().scenarios["queue-decoupling"].added_systems[0].pos,
        before.pos,
        "one undo step"
    );
}
