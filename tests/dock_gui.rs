//! Issue 14.1: the docked workspace. Panels are tabs beside the map; the map keeps most of the
//! window; the toolbar wraps instead of clipping; View ▸ Layout starts from an arrangement.

use crate::common;

use depdig::ui::DepdigApp;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const W: f32 = 1280.0;
const H: f32 = 800.0;

fn harness(app: DepdigApp) -> Harness<'static, DepdigApp> {
    common::harness_sized(app, W, H)
}

/// The map's share of the window's area.
fn canvas_share(h: &Harness<'_, DepdigApp>) -> f32 {
    let (canvas, _) = h.state().canvas_screen_rects();
    canvas.area() / (W * H)
}

#[test]
fn with_three_panels_open_the_map_keeps_sixty_percent_of_the_window() {
    let mut h = harness(common::open(None));
    // Open the debt register, failure modes and findings (plus the inspector and legend that
    // are there from the start).
    for key in [Key::R, Key::M, Key::A] {
        h.key_press(key);
        h.run_steps(2);
    }
    let state = h.state().chrome_state();
    assert!(
        state.contains("findings true debt true failures true"),
        "three panels open: {state}"
    );
    h.run_steps(3);
    let share = canvas_share(&h);
    assert!(
        share >= 0.6,
        "the map has {:.0} % of the window",
        share * 100.0
    );
}

#[test]
fn the_toolbar_wraps_instead_of_clipping_at_1280() {
    let h = harness(common::open(None));
    for label in ["▣ Present", "👁 Views (2)", "💬 Prompts", "🔎 Findings"] {
        let node = h.get_by_label(label);
        let r = node.rect();
        assert!(
            r.right() <= W && r.width() > 20.0,
            "{label} is whole on screen: {r:?}"
        );
    }
}

#[test]
fn view_layout_starts_from_an_arrangement_and_the_map_never_closes() {
    let mut h = harness(common::open(None));
    let pick = |h: &mut Harness<'_, DepdigApp>, layout: &str| {
        h.get_by_label("View").click();
        h.run_steps(1);
        h.get_by_label("Layout ⏵").hover();
        h.run_steps(2);
        h.get_by_label(layout).click();
        h.run_steps(3);
    };
    pick(&mut h, "Analyse");
    h.get_by_label_contains("Findings (");
    assert!(h.query_by_label("Workspace").is_none(), "no inspector");
    // The cascade and the register are tabs in the same stack as the findings.
    h.get_by_label("Cascade");
    h.get_by_label("Debt register");
    pick(&mut h, "Present");
    assert!(h.query_by_label_contains("Findings (").is_none());
    assert!(canvas_share(&h) > 0.8, "the map alone");
    pick(&mut h, "Facilitate");
    h.get_by_label("Workspace");
    h.get_by_label("Prompts");
    // The map is still there after every arrangement.
    h.get_by_label("System: Checkout");
}

#[test]
fn the_arrangement_is_remembered_between_runs() {
    let mut h = harness(common::open(None));
    h.key_press(Key::A);
    h.run_steps(2);
    h.get_by_label("View").click();
    h.run_steps(1);
    h.get_by_label("Layout ⏵").hover();
    h.run_steps(2);
    h.get_by_label("Present").click();
    h.run_steps(2);
    // The map alone, then the findings beside it: that is what the next run shows.
    h.key_press(Key::A);
    h.run_steps(3);
    h.get_by_label_contains("Findings (");
    let mut storage = common::MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let mut next = common::open(None);
    next.restore_settings(Some(&storage));
    let h = harness(next);
    h.get_by_label_contains("Findings (");
    assert!(h.query_by_label("Workspace").is_none(), "no inspector");
    assert!(h.query_by_label("Legend").is_none(), "no legend");
}

#[test]
fn a_panel_floats_into_its_own_window_and_docks_back() {
    let mut h = harness(common::open(None));
    h.key_press(Key::A);
    h.run_steps(3);
    h.get_by_label("Float Findings").click();
    h.run_steps(3);
    assert!(
        h.state().chrome_state().contains("findings true"),
        "still open"
    );
    // No tab any more: the window has the list and a way back.
    h.get_by_label_contains("Findings (");
    assert!(h.query_by_label("Float Findings").is_none());
    h.get_by_label("⇲ Dock").click();
    h.run_steps(3);
    h.get_by_label("Float Findings");
    assert!(h.query_by_label("⇲ Dock").is_none());
}
