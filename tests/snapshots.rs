//! Rendered screens compared with reviewed PNGs in tests/snapshots/. Needs a (software) Vulkan
//! renderer: `cargo test --features snapshots --test snapshots`; regenerate with
//! `UPDATE_SNAPSHOTS=1`. Samples carry fixed positions and the layout is not running, so the
//! pictures are deterministic.
#![cfg(feature = "snapshots")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

mod common;

use std::path::Path;

use depdig::ui::DepdigApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(app: DepdigApp, size: egui::Vec2) -> Harness<'static, DepdigApp> {
    let mut h = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut DepdigApp| app.ui_contents(ui), app);
    depdig::ui::setup_context(&h.ctx, h.state());
    h.run_steps(4);
    h
}

fn sample(name: &str) -> DepdigApp {
    common::open(Some(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(name),
    ))
}

#[test]
fn ecommerce_sample_fit_to_window() {
    let mut h = harness(common::open(None), egui::vec2(1280.0, 800.0));
    h.snapshot("ecommerce_fit_1280x800");
}

#[test]
fn manufacturing_sample_with_a_system_selected() {
    let mut h = harness(sample("manufacturing-erp.ron"), egui::vec2(1280.0, 800.0));
    let name = h
        .state()
        .workspace()
        .systems
        .values()
        .next()
        .unwrap()
        .name
        .clone();
    h.get_by_label(&format!("System: {name}")).click();
    h.run_steps(3);
    h.snapshot("manufacturing_selected_system");
}

#[test]
fn trading_after_sample_with_a_dependency_selected_dark() {
    let mut app = sample("trading-after.ron");
    app.set_theme(depdig::theme::ThemeName::Dark);
    let mut h = harness(app, egui::vec2(1280.0, 800.0));
    depdig::ui::setup_context(&h.ctx, h.state());
    h.run_steps(1);
    h.query_all_by_label_contains("Dependency: ")
        .next()
        .unwrap()
        .click();
    h.run_steps(3);
    h.snapshot("trading_after_dependency_dark");
}

#[test]
fn ecommerce_rehearsal_with_registers_open() {
    let mut h = harness(common::open(None), egui::vec2(1600.0, 1000.0));
    h.key_press(egui::Key::R);
    h.key_press(egui::Key::M);
    h.run_steps(3);
    h.query_all(egui_kittest::kittest::by().label("▶ Rehearse"))
        .next()
        .unwrap()
        .click();
    h.run_steps(3);
    h.key_press(egui::Key::ArrowRight);
    h.run_steps(3);
    h.snapshot("ecommerce_rehearsal");
}

#[test]
fn ecommerce_cascade_played_to_the_end() {
    let mut h = harness(common::open(None), egui::vec2(1600.0, 1000.0));
    h.get_by_label("System: Shipping calculator").click();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::X);
    h.run_steps(2);
    h.get_by_label("⏸ Pause").click();
    h.run_steps(1);
    let steps = depdig::analysis::cascade(
        h.state().workspace(),
        "shipping-calc",
        depdig::analysis::FailMode::Slow,
    )
    .unwrap()
    .steps
    .len();
    for _ in 1..steps {
        h.get_by_label("Step ▶").click();
        h.run_steps(1);
    }
    h.run_steps(2);
    h.snapshot("ecommerce_cascade_slow_shipping");
}

#[test]
fn trading_before_in_projector_theme_presenting_a_view() {
    let mut app = sample("trading-before.ron");
    app.set_theme(depdig::theme::ThemeName::Projector);
    let mut h = harness(app, egui::vec2(1280.0, 800.0));
    depdig::ui::setup_context(&h.ctx, h.state());
    h.key_press(egui::Key::F5);
    h.run_steps(3);
    h.key_press(egui::Key::ArrowRight);
    h.run_steps(4);
    h.snapshot("trading_before_projector_presenting");
}

#[test]
fn trading_before_scenario_difference() {
    let mut h = harness(sample("trading-before.ron"), egui::vec2(1600.0, 1000.0));
    h.key_press(egui::Key::V);
    h.run_steps(2);
    h.get_by_label("Decouple trading from risk and reporting with a message queue")
        .click();
    h.run_steps(4);
    h.snapshot("trading_before_scenario_difference");
}
