//! File ▸ Import… (preview, one undo step) and File ▸ Compare with artefacts… (the drift
//! listed beside the map and marked on it; adopting one difference is one undo step).

use std::path::{Path, PathBuf};

use depdig::io::{load_file, save_file};
use depdig::model::{DependencyType, dependency_id};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{Queryable, by};

use crate::common;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// The Online Boutique map without checkout → email and without the ad service (and the
/// frontend's call to it), saved in `dir`.
fn boutique_missing_two(dir: &Path) -> PathBuf {
    let (mut ws, _) = load_file(&fixture("real/online-boutique.ron")).unwrap();
    ws.dependencies
        .remove(&dependency_id(
            "checkoutservice",
            "emailservice",
            DependencyType::Sync,
        ))
        .unwrap();
    ws.dependencies
        .remove(&dependency_id(
            "frontend",
            "adservice",
            DependencyType::Sync,
        ))
        .unwrap();
    ws.systems.remove("adservice").unwrap();
    // Laid out (a grid), as a map from a workshop is.
    for (i, s) in ws.systems.values_mut().enumerate() {
        #[allow(clippy::cast_precision_loss, reason = "a dozen systems")]
        let (x, y) = ((i % 4) as f32 * 220.0, (i / 4) as f32 * 160.0);
        s.pos = Some(depdig::model::CanvasPos::new(x, y));
    }
    let path = dir.join("boutique.ron");
    save_file(&ws, &path).unwrap();
    path
}

/// What an import or an adoption changes: systems (not where the layout puts them) and
/// dependencies.
fn shape(ws: &depdig::model::Workspace) -> (Vec<String>, Vec<depdig::model::Dependency>) {
    (
        ws.systems.keys().cloned().collect(),
        ws.dependencies.values().cloned().collect(),
    )
}

fn menu(h: &mut egui_kittest::Harness<'_, depdig::ui::DepdigApp>, entry: &str) {
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label(entry).click();
    h.run_steps(2);
}

fn type_paths(h: &mut egui_kittest::Harness<'_, depdig::ui::DepdigApp>, path: &Path) {
    h.get(by().role(Role::MultilineTextInput).label("Paths"))
        .type_text(&path.display().to_string());
    h.run_steps(2);
}

#[test]
fn import_previews_then_applies_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let map = boutique_missing_two(dir.path());
    let mut h = common::harness_sized(common::open(Some(map)), 1280.0, 800.0);
    let before = shape(h.state().workspace());
    menu(&mut h, "Import…");
    type_paths(&mut h, &fixture("import/online-boutique"));
    h.get_by_label("Preview").click();
    h.run_steps(3);
    // Nothing changed yet; the preview lists what would be.
    assert_eq!(shape(h.state().workspace()), before);
    h.get_by_label("Will be added (3)");
    h.get_by_label("  • System: adservice");
    h.get_by_label("  • Checkout service → Email service (sync)");
    h.get_by_label("  • Frontend → adservice (sync)");
    h.get_by_label("Import").click();
    h.run_steps(3);
    let ws = h.state().workspace().clone();
    assert!(ws.systems.contains_key("adservice"));
    assert!(
        ws.dependencies[&dependency_id("checkoutservice", "emailservice", DependencyType::Sync)]
            .notes
            .contains("checkoutservice.yaml:")
    );
    // Placed beside the frontend it is called by, when the frontend has a place.
    if let Some(f) = ws.systems["frontend"].pos {
        let a = ws.systems["adservice"]
            .pos
            .expect("placed near its neighbour");
        assert!((a.x - f.x).hypot(a.y - f.y) < 300.0);
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(
        shape(h.state().workspace()),
        before,
        "one undo step restores the map"
    );
}

#[test]
fn compare_lists_and_marks_the_drift_and_adopting_is_undoable() {
    let dir = tempfile::tempdir().unwrap();
    let map = boutique_missing_two(dir.path());
    let mut h = common::harness_sized(common::open(Some(map)), 1280.0, 800.0);
    let before = shape(h.state().workspace());
    menu(&mut h, "Compare with artefacts…");
    type_paths(&mut h, &fixture("import/online-boutique"));
    h.get_by_label("Compare").click();
    h.run_steps(3);
    h.get_by_label("Systems missing from the map (1)");
    h.get_by_label("Dependencies missing from the map (2)");
    h.get_by_label("Checkout service → Email service (sync)");
    // Drawn on the map as additions, in the scenario-difference style.
    let (_, marks) = h.state().view().shown_map(h.state().workspace());
    let marks = marks.expect("the drift is marked on the map");
    let email = dependency_id("checkoutservice", "emailservice", DependencyType::Sync);
    assert!(marks.added.contains(&email) && marks.added.contains("adservice"));
    assert!(marks.removed.is_empty());
    assert_eq!(
        shape(h.state().workspace()),
        before,
        "comparing changes nothing"
    );

    // Add the system: the first "Add" (systems come first).
    h.get_all(by().role(Role::Button).label("Add"))
        .next()
        .unwrap()
        .click();
    h.run_steps(3);
    let ws = h.state().workspace();
    let (f, ad) = (
        ws.systems["frontend"].pos.unwrap(),
        ws.systems["adservice"].pos,
    );
    let ad = ad.expect("an adopted system is placed beside its neighbour");
    assert!(
        (ad.x - f.x).hypot(ad.y - f.y) < 300.0,
        "{ad:?} is far from {f:?}"
    );
    for other in ws.systems.values().filter(|s| s.id != "adservice") {
        let p = other.pos.unwrap();
        assert!(
            (ad.x - p.x).hypot(ad.y - p.y) >= 119.0,
            "{ad:?} covers {}",
            other.id
        );
    }
    h.get_by_label("Dependencies missing from the map (2)");
    assert!(
        h.query_by_label("Systems missing from the map (1)")
            .is_none()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(shape(h.state().workspace()), before);
    h.get_by_label("Systems missing from the map (1)");
}
