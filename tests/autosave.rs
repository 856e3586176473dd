//! Autosave writes unsaved work to this window's own recovery file (never over the workspace
//! file), and the next start offers every recovery that windows which crashed left behind.
//! Every app here gets its own recovery directory: no test reads or writes the real one.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use crate::common;

use std::path::Path;

use depdig::ui::DepdigApp;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

fn harness(app: DepdigApp) -> Harness<'static, DepdigApp> {
    common::harness_sized(app, 1280.0, 800.0)
}

/// Autosave without waiting 30 s: the interval drops to zero and the autosave thread writes the
/// window's recovery file by itself.
fn autosave(h: &mut Harness<'static, DepdigApp>) {
    h.state_mut()
        .set_autosave_interval(std::time::Duration::ZERO);
    h.step();
    let file = h.state().recovery_file().expect("autosave is on");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !file.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "autosave wrote nothing"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.step();
}

fn recovery_files(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(".recovery.ron"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn autosave_then_restore_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let path = dir.path().join("map.ron");
    std::fs::write(&path, "(version: 1, title: \"Map\")").unwrap();
    let original = std::fs::read(&path).unwrap();

    let mut h = harness(DepdigApp::open(Some(path.clone()), &recovery));
    common::add_system(&mut h, "Billing");
    assert!(h.state().document().is_dirty());
    autosave(&mut h);
    assert_eq!(recovery_files(&recovery).len(), 1, "one recovery file");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        original,
        "the workspace file is untouched"
    );
    drop(h); // the "crash": the app goes away without saving

    let mut h = harness(DepdigApp::open(Some(path.clone()), &recovery));
    h.get_by_label("Restore unsaved work?");
    h.get_by_label_contains("Not in the file: system: 1 added");
    h.get_by_label("Restore").click();
    h.run_steps(2);
    assert!(h.state().workspace().systems.contains_key("billing"));
    assert!(
        h.state().document().is_dirty(),
        "restored work is unsaved until saved"
    );
    // The work now lives in this window's recovery file; the crashed one's is gone.
    assert_eq!(recovery_files(&recovery).len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    assert!(!h.state().document().is_dirty());
    assert!(
        recovery_files(&recovery).is_empty(),
        "a save removes the recovery it superseded"
    );
}

/// Issue 13.1: A saved "Charlie" and added "Delta" unsaved; B, on the same file, added "Bravo".
/// Both autosave, both crash. The next start offers both; restoring B's work and saving asks
/// before overwriting the file that A changed since B read it.
#[test]
fn two_instances_on_one_file_both_keep_their_work() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let path = dir.path().join("map.ron");
    std::fs::write(&path, "(version: 1, title: \"Map\")").unwrap();

    let mut a = harness(DepdigApp::open(Some(path.clone()), &recovery));
    let mut b = harness(DepdigApp::open(Some(path.clone()), &recovery));
    common::add_system(&mut a, "Charlie");
    a.key_press_modifiers(Modifiers::COMMAND, Key::S);
    a.run_steps(3);
    assert!(!a.state().document().is_dirty());
    common::add_system(&mut a, "Delta");
    common::add_system(&mut b, "Bravo");
    autosave(&mut a);
    std::thread::sleep(std::time::Duration::from_millis(10));
    autosave(&mut b);
    assert_eq!(recovery_files(&recovery).len(), 2, "one recovery file each");
    drop(a);
    drop(b); // both crash

    let mut c = harness(DepdigApp::open(Some(path.clone()), &recovery));
    c.get_by_label("Restore unsaved work?");
    // Newest first: B's, which lacks Charlie and adds Bravo.
    c.get_by_label_contains("systems: 1 added (Bravo), 1 removed (Charlie)");
    c.get_by_label_contains("Not in the file: system: 1 added");
    c.get_by_label_contains("Someone saved the file after this window read it");
    let restore = c.get_all_by_label("Restore").collect::<Vec<_>>();
    assert_eq!(restore.len(), 2, "both windows' work is offered");
    restore[0].click();
    c.run_steps(3);
    assert!(c.state().workspace().systems.contains_key("bravo"));
    assert!(!c.state().workspace().systems.contains_key("charlie"));

    let saved = std::fs::read(&path).unwrap();
    c.key_press_modifiers(Modifiers::COMMAND, Key::S);
    c.run_steps(3);
    c.get_by_label("Overwrite someone else's changes?");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        saved,
        "Charlie, saved by A, is not dropped without asking"
    );
    c.get_by_label("Cancel").click();
    c.run_steps(2);

    // A's work is still waiting.
    c.get_by_label("File").click();
    c.run_steps(1);
    c.get_by_label("Recover unsaved work…").click();
    c.run_steps(2);
    c.get_by_label("Restore unsaved work?");
    c.get_by_label_contains("Not in the file: system: 1 added");
    assert_eq!(c.get_all_by_label("Restore").count(), 1);
}

/// Issue 13.6: a recovery is offered even when the workspace file is newer than it (a sync tool
/// rewrote the file), with both times.
#[test]
fn offered_even_when_the_file_is_newer() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let path = dir.path().join("map.ron");
    std::fs::write(&path, "(version: 1, title: \"Map\")").unwrap();
    let mut h = harness(DepdigApp::open(Some(path.clone()), &recovery));
    common::add_system(&mut h, "Billing");
    autosave(&mut h);
    drop(h);
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, std::fs::read(&path).unwrap()).unwrap();

    let h = harness(DepdigApp::open(Some(path.clone()), &recovery));
    h.get_by_label("Restore unsaved work?");
    h.get_by_label_contains("Autosaved ");
    h.get_by_label_contains("The file was last saved ");
}

/// Issue 13.11: a save by someone else between opening the file and the watcher's start is
/// noticed (the watcher used to take its first reading inside its thread, after that save).
#[test]
fn a_change_before_the_watcher_starts_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let path = common::sample_copy(dir.path(), "manufacturing-erp.ron");
    let app = DepdigApp::open(Some(path.clone()), &recovery);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("title: \"", "title: \"Edited: ", 1)).unwrap();
    let mut h = harness(app);
    h.run_steps(3);
    h.get_by_label_contains("was changed by someone else");
}

/// Issue 15.5 (part): a save under a new name removes the recovery it superseded, and a window
/// started without a file is not offered another file's work as its own.
#[test]
fn save_as_removes_the_recovery_and_offers_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let mut h = harness(DepdigApp::open(None, &recovery));
    common::add_system(&mut h, "Retail");
    autosave(&mut h);
    assert_eq!(recovery_files(&recovery).len(), 1);
    let retail = dir.path().join("retail.ron");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(2);
    h.get(by().role(Role::TextInput).label("Path")).focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get(by().role(Role::TextInput).label("Path"))
        .type_text(retail.to_str().unwrap());
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(retail.exists());
    assert!(recovery_files(&recovery).is_empty());
    drop(h);
    let h = harness(DepdigApp::open(None, &recovery));
    assert!(h.query_by_label("Restore unsaved work?").is_none());
}

/// A window covered by another (or minimized) runs no frames; its unsaved work must still be
/// autosaved. Seen in a real window: the covered one of two windows never wrote its recovery.
#[test]
fn autosave_needs_no_frames() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let path = dir.path().join("map.ron");
    std::fs::write(&path, "(version: 1, title: \"Map\")").unwrap();
    let mut h = harness(DepdigApp::open(Some(path.clone()), &recovery));
    h.state_mut()
        .set_autosave_interval(std::time::Duration::from_secs(2));
    common::add_system(&mut h, "Billing");
    let file = h.state().recovery_file().unwrap();
    assert!(!file.exists(), "not before the interval");
    // No more frames from here on.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !file.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "nothing autosaved without frames"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"Billing\""));
}

/// Issue 13.4: saving over a read-only file is refused with a message that offers Save as; the
/// file keeps its bytes and its mode.
#[test]
fn a_read_only_file_is_refused_and_save_as_offered() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let path = dir.path().join("map.ron");
    std::fs::write(&path, "(version: 1, title: \"Map\")").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut h = harness(DepdigApp::open(Some(path.clone()), &recovery));
    common::add_system(&mut h, "Billing");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    h.get_by_label("The file was not saved");
    h.get_by_label_contains("is read-only");
    assert!(h.state().document().is_dirty());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o400
    );
    h.get_by_label("Save as…").click();
    h.run_steps(3);
    h.get_by_label("Save workspace as");
}
