//! Findings and the cascade player in the app.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use crate::common;

use depdig::ui::DepdigApp;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

fn harness(app: DepdigApp) -> Harness<'static, DepdigApp> {
    common::harness_sized(app, 1400.0, 1000.0)
}

#[test]
fn findings_panel_lists_the_top_risks_and_a_click_shows_the_systems() {
    let mut h = harness(common::open(None));
    h.key_press(Key::A);
    h.run_steps(3);
    h.get_by_label_contains("Findings (");
    // Issue 17: the top ten risks in rank order first; the patterns' groups behind "Show all".
    h.get_by_label("Top risks");
    assert!(h.query_by_label_contains("Scale mismatches (").is_none());
    let analysis = depdig::analysis::analyze(h.state().workspace());
    let tops = depdig::analysis::top_risks(&analysis, 10);
    assert_eq!(tops.len(), 10);
    let sentence_y = |h: &Harness<'static, DepdigApp>, sentence: &str| {
        h.query_all(by().role(Role::Button))
            .find(|n| format!("{n:?}").contains(&format!("label: {sentence:?}")))
            .map(|n| n.rect().top())
    };
    let ys: Vec<f32> = tops
        .iter()
        .map(|(f, _)| sentence_y(&h, &f.sentence).unwrap_or_else(|| panic!("{} listed", f.id)))
        .collect();
    assert!(ys.windows(2).all(|p| p[0] < p[1]), "in rank order: {ys:?}");
    let hidden = analysis
        .findings
        .iter()
        .find(|f| !tops.iter().any(|(t, _)| t.id == f.id))
        .unwrap();
    assert!(
        sentence_y(&h, &hidden.sentence).is_none(),
        "{} hidden",
        hidden.id
    );
    // The first finding listed (the top of the list): clicking it selects what it involves.
    let is_finding = |n: &egui_kittest::Node<'_>| {
        let text = format!("{n:?}");
        analysis
            .findings
            .iter()
            .any(|f| text.contains(&format!("label: {:?}", f.sentence)))
    };
    let first = h
        .query_all(by().role(Role::Button))
        .find(is_finding)
        .expect("a finding is listed");
    let rect = first.rect();
    let finding = analysis
        .findings
        .iter()
        .find(|f| format!("{first:?}").contains(&format!("label: {:?}", f.sentence)))
        .expect("the listed finding is one of the analysis' findings")
        .clone();
    assert!(
        rect.bottom() < 1000.0,
        "the first finding is on screen: {rect:?}"
    );
    assert_eq!(finding.id, tops[0].0.id);
    first.click();
    h.run_steps(3);
    for s in finding.systems.iter().chain(&finding.dependencies) {
        assert!(
            h.state().view().selection.contains(s),
            "{s} selected for {}",
            finding.id
        );
    }
    // The rest, grouped by pattern, behind "Show all".
    common::scroll_and_click(
        &mut h,
        &format!("Show all {} findings", analysis.findings.len()),
    );
    h.run_steps(2);
    h.get_by_label_contains("Scale mismatches (");
    h.get_by_label("Show the top risks only");
    assert!(
        sentence_y(&h, &hidden.sentence).is_some(),
        "{} shown",
        hidden.id
    );
}

#[test]
fn simulate_a_slow_shipping_calculator_step_by_step() {
    let mut h = harness(common::open(None));
    h.get_by_label("System: Shipping calculator").click();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::SHIFT, Key::X);
    h.run_steps(2);
    h.get_by_label("What if Shipping calculator is slow?");
    h.get_by_label("⏸ Pause").click();
    h.run_steps(1);
    let ws = h.state().workspace().clone();
    let cascade =
        depdig::analysis::cascade(&ws, "shipping-calc", depdig::analysis::FailMode::Slow).unwrap();
    assert!(cascade.steps.len() > 2, "{cascade:?}");
    for _ in 0..cascade.steps.len() {
        if let Some(step) = h.query_by_label("Step ▶") {
            step.click();
            h.run_steps(1);
        }
    }
    let marked = h.state().view().marks.clone();
    for step in &cascade.steps {
        assert!(marked.contains_key(&step.system), "{} marked", step.system);
    }
    h.get_by_label("✕ Stop cascade").click();
    h.run_steps(1);
    assert!(h.state().view().marks.is_empty());
}

#[test]
fn halo_by_dependants_from_the_view_menu() {
    let mut h = harness(common::open(None));
    h.get_by_label("View").click();
    h.run_steps(1);
    h.get_by_label("Halo by dependants").click();
    h.run_steps(2);
    assert!(h.state().view().dependants_halo);
    // The scene carries each system's transitive dependants from the analysis.
    let ws = h.state().workspace().clone();
    let analysis = depdig::analysis::analyze(&ws);
    let scene = depdig::ui::canvas::Scene::build(
        &ws,
        h.state().view(),
        &h.state().theme(),
        Some(&analysis),
    );
    let top = analysis.single_points.first().unwrap();
    assert!(top.dependants > 0);
    assert_eq!(scene.system(&top.system).unwrap().look.halo, top.dependants);
}

#[test]
fn a_circuit_breaker_trips_and_the_queue_backlog_grows() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _) = depdig::io::load_file(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/ecommerce-cascade.ron"),
    )
    .unwrap();
    // Without a breaker the slow shipping calculator leaves a backlog on the invalidation topic.
    let path = dir.path().join("shop.ron");
    depdig::io::save_file(&ws, &path).unwrap();
    let mut h = harness(common::open(Some(path.clone())));
    h.get_by_label("System: Shipping calculator").click();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::SHIFT, Key::X);
    h.run_steps(2);
    h.get_by_label("⏸ Pause").click();
    let steps = depdig::analysis::cascade(&ws, "shipping-calc", depdig::analysis::FailMode::Slow)
        .unwrap()
        .steps;
    for _ in 1..steps.len() {
        h.get_by_label("Step ▶").click();
        h.run_steps(1);
    }
    let backlogged: Vec<&String> = steps
        .iter()
        .filter(|s| s.effect == depdig::analysis::Effect::Backlog)
        .map(|s| &s.system)
        .collect();
    assert!(!backlogged.is_empty(), "{steps:?}");
    for q in backlogged {
        assert!(
            h.state().view().backlogs.contains_key(q),
            "{q} shows a backlog"
        );
    }
    assert!(h.state().view().tripped.is_empty());
    drop(h);

    // With a breaker on checkout → shipping, the breaker trips and the cascade stops there.
    let dep = ws
        .dependencies
        .get_mut("checkout->shipping-calc:sync")
        .expect("the sample's checkout → shipping call");
    dep.circuit_breaker = true;
    depdig::io::save_file(&ws, &path).unwrap();
    let mut h = harness(common::open(Some(path)));
    h.get_by_label("System: Shipping calculator").click();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::SHIFT, Key::X);
    h.run_steps(2);
    h.get_by_label("⏸ Pause").click();
    let steps = depdig::analysis::cascade(&ws, "shipping-calc", depdig::analysis::FailMode::Slow)
        .unwrap()
        .steps;
    for _ in 1..steps.len() {
        h.get_by_label("Step ▶").click();
        h.run_steps(1);
    }
    assert!(
        h.state()
            .view()
            .tripped
            .contains("checkout->shipping-calc:sync"),
        "{:?}",
        h.state().view().tripped
    );
}

/// Issue 17.7 (part): the cascade as a story on the map — the lines it travels light up, each
/// system reached says what happened to it, the legend explains the rings; Esc takes it all off.
#[test]
fn a_cascade_lights_its_path_and_says_what_happened_beside_each_system() {
    let mut h = harness(common::open(None));
    h.get_by_label("System: Shipping calculator").click();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::SHIFT, Key::X);
    h.run_steps(2);
    h.get_by_label("⏸ Pause").click();
    h.run_steps(1);
    let ws = h.state().workspace().clone();
    let cascade =
        depdig::analysis::cascade(&ws, "shipping-calc", depdig::analysis::FailMode::Slow).unwrap();
    for _ in 0..cascade.steps.len() {
        h.get_by_label("Step ▶").click();
        h.run_steps(1);
    }
    let view = h.state().view().clone();
    assert!(!view.marks.is_empty());
    for id in view.marks.keys() {
        assert!(
            view.cascade_notes.contains_key(id),
            "{id} says what happened"
        );
    }
    // Checkout calls the shipping calculator: the failure travels that line back to it.
    let checkout_to_shipping = ws
        .dependencies
        .iter()
        .find(|(_, d)| d.from == "checkout" && d.to == "shipping-calc")
        .map(|(id, _)| id.clone())
        .unwrap();
    assert!(
        view.travelled.contains_key(&checkout_to_shipping),
        "{:?}",
        view.travelled
    );
    // Nothing travels along a line from a system the cascade did not reach.
    for id in view.travelled.keys() {
        let d = &ws.dependencies[id];
        assert!(view.marks.contains_key(&d.from), "{id}");
    }
    h.get_by_label("ring: fails or is overloaded");
    h.key_press(Key::Escape);
    h.run_steps(2);
    let view = h.state().view();
    assert!(view.cascade_notes.is_empty() && view.travelled.is_empty());
    assert!(h.query_by_label("ring: fails or is overloaded").is_none());
}
