//! The backdrop photo and the map on the clipboard, from the app: File ▸ Place backdrop image…,
//! its dialog, undo, a corrupt photo, a missing one on open, Ctrl+Shift+C, Help ▸ About.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use std::path::{Path, PathBuf};

use crate::common;

use depdig::model::{Backdrop, System, Workspace};
use depdig::ui::DepdigApp;
use depdig::ui::commands::UiCommand;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/backdrop")
        .join(name)
}

fn harness(app: DepdigApp) -> Harness<'static, DepdigApp> {
    common::harness_sized(app, 1280.0, 900.0)
}

fn place(h: &mut Harness<'_, DepdigApp>, path: &Path) {
    h.state_mut().queue(UiCommand::PlaceBackdrop);
    h.run_steps(3);
    h.get_by_label("Place backdrop image");
    let field = by().role(Role::TextInput).label("Image");
    h.get(field.clone()).focus();
    h.run_steps(1);
    h.get(field).type_text(&path.display().to_string());
    h.run_steps(1);
    h.get(by().role(Role::Button).label("Place")).click();
    h.run_steps(3);
}

/// Every status-bar-like label that contains `needle`.
fn shows(h: &Harness<'_, DepdigApp>, needle: &str) -> bool {
    h.query_all(by().label_contains(needle)).next().is_some()
}

#[test]
fn placing_a_photo_sets_the_backdrop_and_undo_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("whiteboard.jpg");
    std::fs::copy(fixture("rotated-exif-6.jpg"), &photo).unwrap();
    let mut h = harness(common::open(None));
    place(&mut h, &photo);
    let b = h
        .state()
        .workspace()
        .backdrop
        .clone()
        .expect("a backdrop is placed");
    // The workspace has no file yet: the path is absolute.
    assert_eq!(Path::new(&b.path), photo);
    assert!(b.scale > 0.0 && !b.locked && b.quarter_turns == 0);
    assert!(shows(&h, "Placed backdrop whiteboard.jpg (20 × 40 px)"));
    // The placement dialog is open: lock it and turn on presentation.
    h.get_by_label("Backdrop photo");
    h.get_by_label("Locked (position, scale and turn cannot change)")
        .click();
    h.run_steps(2);
    assert!(h.state().workspace().backdrop.as_ref().unwrap().locked);
    h.get(by().role(Role::Button).label("Done")).click();
    h.run_steps(2);
    // Placing and locking are two steps.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().workspace().backdrop, Some(b));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().workspace().backdrop, None);
}

#[test]
fn a_corrupt_photo_is_refused_and_changes_nothing() {
    let mut h = harness(common::open(None));
    let before = h.state().workspace().clone();
    place(&mut h, &fixture("corrupt.jpg"));
    h.get_by_label("This image cannot be the backdrop");
    assert!(shows(&h, "not a JPEG, PNG or WebP image"));
    assert_eq!(h.state().workspace(), &before);
    assert!(!h.state().document().is_dirty());
}

#[test]
fn a_missing_photo_on_open_is_a_notice_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    let mut ws = Workspace::new("Traced");
    ws.systems.insert("a".into(), System::new("a", "Orders"));
    ws.backdrop = Some(Backdrop::new("photos/gone.jpg"));
    depdig::io::save_file(&ws, &path).unwrap();
    let mut h = harness(common::open(Some(path)));
    h.run_steps(2);
    assert!(shows(&h, "Notice:"), "the status says the photo is missing");
    assert!(shows(&h, "gone.jpg"));
    assert!(
        h.query_by_label("This workspace could not be opened")
            .is_none()
    );
    assert_eq!(h.state().workspace().systems.len(), 1);
    assert!(
        h.state().workspace().backdrop.is_some(),
        "the placement is kept"
    );
}

#[test]
fn ctrl_shift_c_copies_the_map_or_says_there_is_no_clipboard() {
    let mut h = harness(common::open(None));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    h.run_steps(3);
    assert!(
        shows(&h, "Copied the map as an image (1920 × 1080 px")
            || shows(&h, "No system clipboard here"),
        "a status message says what happened"
    );
    // It is not Ctrl+C: no systems were copied.
    assert!(!shows(&h, "Copied 0 systems"));
}

#[test]
fn help_about_shows_the_icon_and_version() {
    let mut h = harness(common::open(None));
    h.state_mut().queue(UiCommand::About);
    h.run_steps(3);
    h.get_by_label(&format!("depdig {}", env!("CARGO_PKG_VERSION")));
    h.get_by_label("depdig's icon");
}

#[test]
fn saving_stores_the_photo_relative_to_the_workspace_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("photos")).unwrap();
    let photo = dir.path().join("photos/board.jpg");
    std::fs::copy(fixture("rotated-exif-6.jpg"), &photo).unwrap();
    let mut h = harness(common::open(None));
    place(&mut h, &photo);
    h.get(by().role(Role::Button).label("Done")).click();
    h.run_steps(2);
    let target = dir.path().join("traced.ron");
    h.state_mut().queue(UiCommand::SaveAs);
    h.run_steps(3);
    let field = by().role(Role::TextInput).label("Path");
    h.get(field.clone()).focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get(field).type_text(&target.display().to_string());
    h.run_steps(1);
    h.get(by().role(Role::Button).label("Save")).click();
    h.run_steps(3);
    let (saved, _) = depdig::io::load_file(&target).unwrap();
    assert_eq!(saved.backdrop.unwrap().path, "photos/board.jpg");
}
