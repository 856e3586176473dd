//! Issue 16.3 in the app: View ▸ Layout style ▸ Layered is saved in the workspace (undoable),
//! and Space then lays the map out in rows, callers above callees, as one undo step.

use std::collections::BTreeMap;

use depdig::model::{CanvasPos, LayoutStyle, Workspace};
use depdig::ui::DepdigApp;
use egui::{Key, Modifiers};
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

/// Calls (and data access, async along the flow) whose callee is not below its caller, leaving
/// out those on a cycle.
pub(crate) fn upward_calls(ws: &Workspace) -> Vec<String> {
    let ids: Vec<String> = ws.systems.keys().cloned().collect();
    let down = depdig::layout::downward_edges(ws, &ids);
    let mut g = petgraph::graph::DiGraph::<(), ()>::new();
    let nodes: Vec<_> = ids.iter().map(|_| g.add_node(())).collect();
    for &(a, b) in &down {
        g.add_edge(nodes[a as usize], nodes[b as usize], ());
    }
    let mut scc = vec![0usize; ids.len()];
    for (k, comp) in petgraph::algo::tarjan_scc(&g).iter().enumerate() {
        for n in comp {
            scc[n.index()] = k;
        }
    }
    let y = |i: u32| ws.systems[&ids[i as usize]].pos.map_or(f32::NAN, |p| p.y);
    down.iter()
        .filter(|&&(a, b)| scc[a as usize] != scc[b as usize])
        .filter(|&&(a, b)| y(b).partial_cmp(&y(a)) != Some(std::cmp::Ordering::Greater))
        .map(|&(a, b)| format!("{} -> {}", ids[a as usize], ids[b as usize]))
        .collect()
}

#[test]
fn choosing_layered_lays_the_map_out_in_rows_and_undo_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = crate::common::sample_copy(dir.path(), "ecommerce-cascade.ron");
    let mut h = crate::common::harness_sized(crate::common::open(Some(path)), 1600.0, 1000.0);
    let p0 = positions(&h);
    assert!(
        !upward_calls(h.state().workspace()).is_empty(),
        "the hand-laid sample is not in rows yet"
    );
    let u0 = h.state().document().history.undo_len();

    h.get_by_label("View").click();
    h.run_steps(1);
    h.get_by_label("Layout style ⏵").hover();
    h.run_steps(2);
    h.get_by_label("Layered").click();
    h.run_steps(2);
    assert_eq!(h.state().workspace().layout, Some(LayoutStyle::Layered));
    assert_eq!(positions(&h), p0, "choosing the style moves nothing yet");

    h.get_by_label("Canvas").click();
    h.run_steps(1);
    h.key_press(Key::Space);
    h.run_steps(1);
    // Computed off the UI thread: the frames go on until it arrives.
    let start = std::time::Instant::now();
    while h.state().is_layout_running() {
        assert!(
            start.elapsed().as_secs() < 30,
            "the layered layout never arrived"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.run_steps(1);
    }
    h.run_steps(1);
    let p1 = positions(&h);
    assert_ne!(p1, p0);
    let up = upward_calls(h.state().workspace());
    assert!(up.is_empty(), "callees not below their callers: {up:?}");
    assert_eq!(
        h.state().document().history.undo_label(),
        Some("Layered layout")
    );
    assert_eq!(h.state().document().history.undo_len(), u0 + 2);
    // Nothing moves afterwards.
    h.run_steps(30);
    assert_eq!(positions(&h), p1);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(positions(&h), p0, "undo puts every system back");
    assert_eq!(h.state().workspace().layout, Some(LayoutStyle::Layered));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().workspace().layout, None, "and then the style");
}
