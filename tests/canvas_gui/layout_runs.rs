//! Issue 15.2 and 15.3: a layout run is one undo step and never writes history in the
//! background; undo during a run goes back to before it; a system dragged while the layout runs
//! stays under the pointer and lands where it was dropped.

use std::collections::BTreeMap;

use depdig::model::CanvasPos;
use depdig::ui::DepdigApp;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn positions(h: &Harness<'_, DepdigApp>) -> BTreeMap<String, CanvasPos> {
    h.state()
        .workspace()
        .systems
        .values()
        .filter_map(|s| Some((s.id.clone(), s.pos?)))
        .collect()
}

fn undo_len(h: &Harness<'_, DepdigApp>) -> usize {
    h.state().document().history.undo_len()
}

fn press(h: &mut Harness<'_, DepdigApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run_steps(2);
}

/// Runs frames until the layout run ends (at most `limit`).
fn until_still(h: &mut Harness<'_, DepdigApp>, limit: usize) {
    for _ in 0..limit {
        if !h.state().is_layout_running() {
            h.run_steps(1);
            return;
        }
        h.run_steps(1);
    }
    panic!("the layout did not settle within {limit} frames");
}

fn centre_of(h: &Harness<'_, DepdigApp>, name: &str) -> Pos2 {
    h.get_by_label(&format!("System: {name}")).rect().center()
}

/// Drags the system `name` by `by` screen pixels in six steps; once the drag holds it, the
/// system's centre must keep its place under the pointer (± 2 px) at every step. Returns where
/// its centre was dropped. A system the running layout was moving may have drifted a few
/// pixels between the press and the first step (it is held from then on).
fn drag_checking(h: &mut Harness<'_, DepdigApp>, name: &str, by: egui::Vec2) -> Pos2 {
    let start = centre_of(h, name);
    h.hover_at(start);
    h.run_steps(1);
    h.drag_at(start);
    h.run_steps(1);
    let mut held = None;
    for i in 1..=6 {
        let p = start + by * (i as f32 / 6.0);
        h.hover_at(p);
        h.run_steps(2);
        let off = centre_of(h, name) - p;
        let grabbed = *held.get_or_insert(off);
        assert!(
            grabbed.length() < 10.0,
            "{name} drifted {grabbed:?} before it was held"
        );
        assert!(
            (off - grabbed).length() < 2.0,
            "step {i}: {name} is {off:?} from the pointer, {grabbed:?} when it was grabbed"
        );
    }
    let drop = start + by;
    h.drop_at(drop);
    h.run_steps(2);
    drop + held.unwrap_or_default()
}

fn sample(dir: &std::path::Path) -> Harness<'static, DepdigApp> {
    let path = crate::common::sample_copy(dir, "ecommerce-cascade.ron");
    super::harness(crate::common::open(Some(path)))
}

#[test]
fn a_layout_run_is_one_undo_step_and_nothing_moves_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample(dir.path());
    let p0 = positions(&h);
    let u0 = undo_len(&h);
    press(&mut h, Modifiers::NONE, Key::Space);
    assert!(h.state().is_layout_running());
    h.get_by_label("⏸ Pause layout");
    until_still(&mut h, 2000);
    let p1 = positions(&h);
    assert_ne!(p0, p1, "the run moved the map");
    assert_eq!(undo_len(&h), u0 + 1, "the whole run is one step");
    assert_eq!(
        h.state().document().history.undo_label(),
        Some("Run layout")
    );
    // Toolbar and status bar agree: it is not running.
    h.get_by_label("▶ Run layout");
    h.get_by_label("Layout off");

    // Nothing happens in the background afterwards.
    h.run_steps(60);
    assert_eq!(positions(&h), p1);
    assert_eq!(undo_len(&h), u0 + 1);

    // A drag is one step (move + pin); only the dragged system moves; undo and redo both work.
    let drop = drag_checking(&mut h, "Checkout", egui::vec2(90.0, 40.0));
    h.run_steps(30);
    let p2 = positions(&h);
    assert_eq!(undo_len(&h), u0 + 2, "the drag is one step");
    for (id, p) in &p1 {
        if id != "checkout" {
            assert_eq!(p2[id], *p, "{id} stayed where it was");
        }
    }
    assert!(h.state().workspace().systems["checkout"].pinned);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        positions(&h),
        p1,
        "undo puts the dragged system back, nothing else moves"
    );
    assert!(!h.state().workspace().systems["checkout"].pinned);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(positions(&h), p2, "redo drops it again");
    assert!((centre_of(&h, "Checkout") - drop).length() < 2.0);
    h.run_steps(30);
    assert_eq!(positions(&h), p2);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        positions(&h),
        p0,
        "two undos: before the drag, before the run"
    );
    assert_eq!(undo_len(&h), u0);
}

#[test]
fn undo_during_a_run_stops_it_and_goes_back_to_before_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample(dir.path());
    let p0 = positions(&h);
    let u0 = undo_len(&h);
    press(&mut h, Modifiers::NONE, Key::Space);
    h.run_steps(3);
    assert!(
        h.state().is_layout_running(),
        "still running after a few frames"
    );
    assert_ne!(
        centre_of(&h, "Checkout"),
        {
            let mut g = sample(dir.path());
            g.run_steps(1);
            centre_of(&g, "Checkout")
        },
        "the map is moving"
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(!h.state().is_layout_running(), "undo stops the run");
    h.run_steps(30);
    assert_eq!(positions(&h), p0, "the map is as it was before Space");
    assert_eq!(undo_len(&h), u0);
    h.get_by_label("▶ Run layout");
}

#[test]
fn a_system_dragged_while_the_layout_runs_lands_where_it_was_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample(dir.path());
    let p0 = positions(&h);
    press(&mut h, Modifiers::NONE, Key::Space);
    h.run_steps(2);
    assert!(h.state().is_layout_running());
    let drop = drag_checking(&mut h, "Checkout", egui::vec2(120.0, 60.0));
    until_still(&mut h, 2000);
    let c = centre_of(&h, "Checkout");
    assert!(
        (c - drop).length() < 2.0,
        "Checkout settled at {c:?}, dropped at {drop:?}"
    );
    assert!(h.state().workspace().systems["checkout"].pinned);
    // The run and the drag: two steps back to where everything started.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(positions(&h), p0);
    assert!(!h.state().workspace().systems["checkout"].pinned);
}

/// Issue 16.4: a map shown fitted is fitted again when a layout run ends, and when the run is
/// undone or redone. Here the systems start bunched in a small square; spread by the run, they
/// went past the canvas's edges and stayed there (and, undone, sat small in the middle).
#[test]
fn a_map_shown_fitted_is_fitted_again_when_the_run_ends() {
    let dir = tempfile::tempdir().unwrap();
    let path = crate::common::sample_copy(dir.path(), "ecommerce-cascade.ron");
    let (mut ws, _) = depdig::io::load_file(&path).unwrap();
    for s in ws.systems.values_mut() {
        s.pinned = false;
        if let Some(p) = &mut s.pos {
            *p = CanvasPos {
                x: p.x * 0.1,
                y: p.y * 0.1,
            };
        }
    }
    depdig::io::save_file(&ws, &path).unwrap();
    let mut h = super::harness(crate::common::open(Some(path)));
    h.run_steps(6);
    let opened = h.state().canvas_screen_rects().1;
    press(&mut h, Modifiers::NONE, Key::Space);
    until_still(&mut h, 3000);
    h.run_steps(8);
    crate::gui::assert_fitted(&h, "after the run");
    // Undone, the bunched map is fitted again; redone, the laid-out one.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    h.run_steps(8);
    let undone = h.state().canvas_screen_rects().1;
    let moved = opened
        .iter()
        .zip(&undone)
        .map(|((_, a), (_, b))| (a.center() - b.center()).length())
        .fold(0.0f32, f32::max);
    assert!(
        moved < 1.0,
        "undone, the map is drawn as it was opened: {moved} px off"
    );
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(8);
    crate::gui::assert_fitted(&h, "after redoing the run");
    // One the user zoomed into stays zoomed: the run does not take the view away.
    let zoomed = |h: &Harness<'_, DepdigApp>| {
        let (_, systems) = h.state().canvas_screen_rects();
        systems.iter().map(|(_, r)| r.width()).sum::<f32>()
    };
    let (canvas, _) = h.state().canvas_screen_rects();
    h.hover_at(canvas.center());
    h.run_steps(1);
    h.event(egui::Event::Zoom(1.5));
    h.run_steps(2);
    let zoom = zoomed(&h);
    press(&mut h, Modifiers::NONE, Key::Space);
    until_still(&mut h, 3000);
    h.run_steps(8);
    assert!(
        (zoomed(&h) - zoom).abs() < 1.0,
        "the user's zoom is kept: boxes {} px wide in all, were {zoom}",
        zoomed(&h)
    );
}

/// Median distance the systems moved between two sets of positions.
fn median_move(a: &BTreeMap<String, CanvasPos>, b: &BTreeMap<String, CanvasPos>) -> f32 {
    let mut d: Vec<f32> = a
        .iter()
        .filter_map(|(id, p)| {
            let q = b.get(id)?;
            Some((p.x - q.x).hypot(p.y - q.y))
        })
        .collect();
    d.sort_by(f32::total_cmp);
    d[d.len() / 2]
}

/// Space keeps a laid-out map (a second run moves nothing); Shift+Space (Lay out afresh) lays
/// it out from scratch, as one undo step that Ctrl+Z takes back.
#[test]
fn space_keeps_a_laid_out_map_and_shift_space_lays_it_out_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample(dir.path());
    // The hand-laid sample: its first run's final pass moves boxes off lines.
    press(&mut h, Modifiers::NONE, Key::Space);
    until_still(&mut h, 2000);
    let p1 = positions(&h);
    press(&mut h, Modifiers::NONE, Key::Space);
    until_still(&mut h, 2000);
    let p2 = positions(&h);
    let kept = median_move(&p1, &p2);
    assert!(
        kept < 1.0,
        "Space again moved the systems by a median of {kept}"
    );

    let u0 = undo_len(&h);
    press(&mut h, Modifiers::SHIFT, Key::Space);
    assert!(h.state().is_layout_running(), "Shift+Space started no run");
    until_still(&mut h, 2000);
    let afresh = median_move(&p2, &positions(&h));
    assert!(
        afresh > 40.0,
        "laid out afresh, the systems moved by a median of only {afresh}"
    );
    assert_eq!(undo_len(&h), u0 + 1);
    assert_eq!(
        h.state().document().history.undo_label(),
        Some("Run layout")
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(positions(&h), p2);
}
