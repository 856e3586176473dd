//! The editable PNG in the app: starting on a PNG, dropping one on the window (with the
//! unsaved-changes guard), a dropped PNG without a workspace, and Save after opening a PNG (a
//! `.ron` beside it, never over the picture).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::common;

use depdig::io::export::{ExportOptions, export_to_path};
use depdig::io::load_file;
use depdig::model::Workspace;
use depdig::ui::DepdigApp;
use depdig::ui::commands::UiCommand;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

fn harness(app: DepdigApp) -> Harness<'static, DepdigApp> {
    common::harness_sized(app, 1280.0, 900.0)
}

/// Exports `sample` to `dir/name` as a small PNG, carrying the workspace or not.
fn exported(dir: &Path, sample: &str, name: &str, embed: bool) -> (PathBuf, Workspace) {
    let (ws, _) = load_file(&common::sample_path(sample)).unwrap();
    let path = dir.join(name);
    let opts = ExportOptions {
        width_px: Some(480),
        embed: embed.then(|| Arc::new(ws.clone())),
        ..ExportOptions::default()
    };
    export_to_path(&ws, &path, &opts).unwrap();
    (path, ws)
}

/// A file dropped on the window, as the windowing integration hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(h: &mut Harness<'_, DepdigApp>, path: &Path) {
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.to_path_buf())));
    h.run_steps(3);
}

fn shows(h: &Harness<'_, DepdigApp>, needle: &str) -> bool {
    h.query_all(by().label_contains(needle)).next().is_some()
}

#[test]
fn starting_on_a_png_opens_its_workspace_under_the_pictures_name() {
    let dir = tempfile::tempdir().unwrap();
    let (png, ws) = exported(dir.path(), "trading-after.ron", "slide.png", true);
    let h = harness(common::open(Some(png.clone())));
    let app = h.state();
    assert_eq!(app.workspace(), &ws);
    assert_eq!(app.window_title(), "slide.png — depdig");
    assert_eq!(
        app.document().path,
        None,
        "the picture is not the file Save writes"
    );
    assert_eq!(app.document().from_image.as_deref(), Some(png.as_path()));
    assert!(shows(&h, "Opened the workspace carried by"));
}

#[test]
fn dropping_an_editable_png_opens_it_and_save_proposes_a_ron_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let (png, ws) = exported(dir.path(), "trading-after.ron", "map.png", true);
    let before = std::fs::read(&png).unwrap();
    // The app starts on the built-in sample (e-commerce), another map.
    let mut h = harness(common::open(None));
    assert!(h.state().workspace() != &ws);
    drop_file(&mut h, &png);
    assert!(
        h.state().workspace() == &ws,
        "the dropped PNG's workspace is open"
    );
    assert_eq!(h.state().window_title(), "map.png — depdig");

    // Save asks where, proposing map.ron beside the picture.
    h.state_mut().queue(UiCommand::Save);
    h.run_steps(3);
    h.get_by_label("Save workspace as");
    let ron = dir.path().join("map.ron");
    let field = h.get(by().role(Role::TextInput).label("Path"));
    assert_eq!(
        field.value().as_deref(),
        Some(ron.display().to_string().as_str())
    );
    h.get(by().role(Role::Button).label("Save")).click();
    h.run_steps(3);
    assert_eq!(load_file(&ron).unwrap().0, ws);
    assert_eq!(
        std::fs::read(&png).unwrap(),
        before,
        "the picture is untouched"
    );
    assert_eq!(h.state().document().path.as_deref(), Some(ron.as_path()));
}

#[test]
fn save_never_proposes_to_replace_an_existing_ron() {
    let dir = tempfile::tempdir().unwrap();
    let (png, _) = exported(dir.path(), "manufacturing-erp.ron", "map.png", true);
    std::fs::write(dir.path().join("map.ron"), "kept").unwrap();
    let mut h = harness(common::open(Some(png)));
    h.state_mut().queue(UiCommand::SaveAs);
    h.run_steps(3);
    let field = h.get(by().role(Role::TextInput).label("Path"));
    let want = dir.path().join("map-2.ron").display().to_string();
    assert_eq!(field.value().as_deref(), Some(want.as_str()));
}

#[test]
fn dropping_a_png_over_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let (png, ws) = exported(dir.path(), "trading-before.ron", "map.png", true);
    let mut h = harness(common::open(None));
    common::add_system(&mut h, "Unsaved work");
    let edited = h.state().workspace().clone();
    drop_file(&mut h, &png);
    h.get_by_label("Discard unsaved changes?");
    assert_eq!(
        h.state().workspace(),
        &edited,
        "nothing replaced before the answer"
    );
    h.get(by().role(Role::Button).label("Discard changes"))
        .click();
    h.run_steps(3);
    assert_eq!(h.state().workspace(), &ws);
}

#[test]
fn dropping_a_png_without_a_workspace_says_so_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (plain, _) = exported(dir.path(), "trading-before.ron", "photo.png", false);
    let mut h = harness(common::open(None));
    let shown = h.state().workspace().clone();
    drop_file(&mut h, &plain);
    assert_eq!(h.state().workspace(), &shown);
    assert!(
        h.state().workspace().backdrop.is_none(),
        "no backdrop without Shift"
    );
    assert!(
        shows(&h, "this PNG carries no depdig workspace"),
        "the status names the missing workspace"
    );
    assert!(shows(
        &h,
        "Hold Shift while dropping it to place it behind the map"
    ));
}
