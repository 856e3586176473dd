//! The workshop canvas driven as a facilitator would: by clicking, typing and dragging the
//! accessible widgets (systems, dependencies, buttons, fields), then checking the document.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use crate::common;

use std::path::Path;

use depdig::document::Document;
use depdig::model::{DependencyType, SystemKind};
use depdig::ui::DepdigApp;
use depdig::ui::commands::UiCommand;
use egui::accesskit::{Role, Toggled};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};

fn harness(app: DepdigApp) -> Harness<'static, DepdigApp> {
    common::harness_sized(app, 1280.0, 800.0)
}

fn empty_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("workshop.ron");
    std::fs::write(&path, "(version: 1, title: \"Workshop\")").unwrap();
    path
}

fn dirty(h: &Harness<'_, DepdigApp>) -> bool {
    h.state().document().is_dirty()
}

#[test]
fn build_a_map_edit_undo_redo_save_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = empty_file(dir.path());
    let mut h = harness(common::open(Some(path.clone())));
    common::add_system(&mut h, "Billing");
    common::add_system(&mut h, "Ledger");
    assert_eq!(h.state().workspace().systems.len(), 2);
    h.get_by_label("System: Billing");
    h.get_by_label("System: Ledger");

    // Select both (click, shift-click) and connect them with C; pick the type in the popup.
    h.get_by_label("System: Billing").click();
    h.run_steps(1);
    h.get_by_label("System: Ledger")
        .click_modifiers(Modifiers::SHIFT);
    h.run_steps(1);
    assert_eq!(h.state().view().selection.len(), 2);
    h.key_press(Key::C);
    h.run_steps(2);
    h.get_by_label("Data access").click();
    h.run_steps(1);
    h.get(by().role(Role::Button).label("Add dependency"))
        .click();
    h.run_steps(2);
    let ws = h.state().workspace().clone();
    assert_eq!(ws.dependencies.len(), 1);
    let dep = ws.dependencies.values().next().unwrap();
    assert_eq!(
        (dep.from.as_str(), dep.to.as_str(), dep.kind),
        ("billing", "ledger", DependencyType::Data)
    );

    // Select the dependency on the canvas and edit a field in the inspector.
    h.get_by_label("Dependency: Billing → Ledger (Data access)")
        .click();
    h.run_steps(2);
    h.get(by().role(Role::TextInput).label("Protocol")).click();
    h.run_steps(1);
    h.get(by().role(Role::TextInput).label("Protocol"))
        .type_text("SQL");
    h.run_steps(2);
    assert_eq!(
        h.state().workspace().dependencies["billing->ledger:data"].protocol,
        "SQL"
    );

    // Undo the typing (one step), redo it.
    h.get_by_label("Canvas").click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().workspace().dependencies["billing->ledger:data"].protocol,
        ""
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().workspace().dependencies["billing->ledger:data"].protocol,
        "SQL"
    );

    // Save with Ctrl+S, reopen, compare.
    assert!(dirty(&h));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(!dirty(&h), "saved");
    let reopened = Document::open(&path).unwrap();
    assert_eq!(reopened.ws(), h.state().workspace());
    assert!(dir.path().join("workshop.ron.bak").exists());
}

#[test]
fn dragging_a_system_moves_it_as_one_undo_step_and_pins_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = empty_file(dir.path());
    let mut h = harness(common::open(Some(path)));
    common::add_system(&mut h, "Billing");
    let before = h.state().workspace().systems["billing"].pos.unwrap();
    let rect = h.get_by_label("System: Billing").rect();
    let start = rect.center();
    h.hover_at(start);
    h.run_steps(1);
    h.drag_at(start);
    h.run_steps(1);
    for i in 1..=5 {
        h.hover_at(start + egui::vec2(20.0 * i as f32, 0.0));
        h.run_steps(1);
    }
    h.drop_at(start + egui::vec2(100.0, 0.0));
    h.run_steps(2);
    let s = &h.state().workspace().systems["billing"];
    let after = s.pos.unwrap();
    assert!(
        after.x > before.x + 10.0,
        "moved right: {before:?} → {after:?}"
    );
    assert!((after.y - before.y).abs() < 0.5);
    assert!(s.pinned, "a dragged system stays pinned");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    let s = &h.state().workspace().systems["billing"];
    assert_eq!(s.pos.unwrap(), before, "one undo takes back the move…");
    assert!(!s.pinned, "…and the pin with it");
}

#[test]
fn delete_shows_what_goes_with_it_and_undo_brings_it_back() {
    let mut h = harness(common::open(None));
    let ws = h.state().workspace().clone();
    let catalog = ws
        .systems
        .values()
        .find(|s| s.name == "Product catalog")
        .expect("sample has the catalog")
        .clone();
    let touching = ws.dependencies_touching(&catalog.id).len();
    h.get_by_label("System: Product catalog").click();
    h.run_steps(1);
    h.key_press(Key::Delete);
    h.run_steps(2);
    h.get_by_label_contains(&format!("{touching} dependencies go with it"));
    h.get_by_label("Delete").click();
    h.run_steps(2);
    assert!(!h.state().workspace().systems.contains_key(&catalog.id));
    assert_eq!(
        h.state().workspace().dependencies.len(),
        ws.dependencies.len() - touching
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().workspace(), &ws);
}

#[test]
fn new_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(common::open(Some(empty_file(dir.path()))));
    common::add_system(&mut h, "Billing");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    h.get_by_label("Discard unsaved changes?");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(
        h.state().workspace().systems.len(),
        1,
        "cancel keeps the work"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    h.get_by_label("Discard changes").click();
    h.run_steps(2);
    assert!(h.state().workspace().systems.is_empty());
}

#[test]
fn closing_with_unsaved_changes_is_cancelled_until_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(common::open(Some(empty_file(dir.path()))));
    common::add_system(&mut h, "Billing");
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run_steps(1);
    let cancelled = h
        .output()
        .viewport_output
        .values()
        .any(|v| v.commands.contains(&egui::ViewportCommand::CancelClose));
    assert!(
        cancelled,
        "the close is cancelled while there are unsaved changes"
    );
    h.run_steps(1);
    h.get_by_label("Discard unsaved changes?");
    h.get_by_label("Discard changes").click();
    h.run_steps(1);
    h.step();
    let closed = h
        .output()
        .viewport_output
        .values()
        .any(|v| v.commands.contains(&egui::ViewportCommand::Close));
    assert!(closed, "confirmed: the window closes");
}

#[test]
fn opening_a_broken_file_keeps_the_open_document() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(
        &broken,
        "(version: 1, title: \"x\", systems: [(id: \"a\", nme: \"A\")])",
    )
    .unwrap();
    let mut h = harness(common::open(None));
    let before = h.state().workspace().clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    let path_field = by().role(Role::TextInput).label("Path");
    h.get(path_field.clone()).focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get(path_field).type_text(&broken.display().to_string());
    h.run_steps(1);
    h.get_by_label("Open").click();
    h.run_steps(3);
    h.get_by_label("This workspace could not be opened");
    h.get_by_label_contains(&format!("{}:1:", broken.display()));
    assert_eq!(h.state().workspace(), &before);
}

#[test]
fn find_highlights_matches_and_keyboard_help_lists_shortcuts() {
    let mut h = harness(common::open(None));
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.get_by_label("Find").type_text("catalog");
    h.run_steps(2);
    let highlight = h.state().view().highlight.clone().expect("find highlights");
    assert!(!highlight.is_empty());
    assert!(highlight.iter().all(|id| {
        h.state().workspace().systems[id]
            .name
            .to_lowercase()
            .contains("catalog")
            || h.state().workspace().systems[id]
                .owner
                .to_lowercase()
                .contains("catalog")
            || h.state().workspace().systems[id]
                .tags
                .iter()
                .any(|t| t.contains("catalog"))
    }));
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().view().highlight.is_none());
    h.key_press(Key::F1);
    h.run_steps(2);
    h.get_by_label_contains("Single-key shortcuts act only while the map has the keyboard");
    for text in ["Undo", "Zoom to fit", "Run / pause layout", "Delete"] {
        assert!(h.query_all_by_label(text).next().is_some(), "{text} listed");
    }
}

fn drag(h: &mut Harness<'_, DepdigApp>, from: egui::Pos2, to: egui::Pos2, modifiers: Modifiers) {
    h.hover_at(from);
    h.run_steps(1);
    h.event_modifiers(
        egui::Event::PointerButton {
            pos: from,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers,
        },
        modifiers,
    );
    h.run_steps(1);
    for i in 1..=6 {
        h.hover_at(from + (to - from) * (i as f32 / 6.0));
        h.run_steps(1);
    }
    h.event_modifiers(
        egui::Event::PointerButton {
            pos: to,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers,
        },
        modifiers,
    );
    h.run_steps(2);
}

#[test]
fn connect_by_dragging_the_handle_onto_another_system() {
    let (_dir, mut h) = billing_and_ledger();
    h.get_by_label("System: Billing").click();
    h.run_steps(2);
    let from = h.get_by_label("Connect from Billing").rect().center();
    let to = h.get_by_label("System: Ledger").rect().center();
    drag(&mut h, from, to, Modifiers::NONE);
    h.get_by_label("New dependency");
    h.get_by_label("Async message").click();
    h.run_steps(1);
    h.get(by().role(Role::Button).label("Add dependency"))
        .click();
    h.run_steps(2);
    assert!(
        h.state()
            .workspace()
            .dependencies
            .contains_key("billing->ledger:async")
    );
    // The popup remembers the last type.
    h.get_by_label("System: Ledger").click();
    h.run_steps(1);
    h.get_by_label("System: Billing")
        .click_modifiers(Modifiers::SHIFT);
    h.run_steps(1);
    h.key_press(Key::C);
    h.run_steps(2);
    h.get(by().role(Role::Button).label("Add dependency"))
        .click();
    h.run_steps(2);
    assert!(
        h.state()
            .workspace()
            .dependencies
            .contains_key("ledger->billing:async")
    );
}

#[test]
fn box_select_duplicate_pin_and_nudge() {
    let (_dir, mut h) = billing_and_ledger();
    h.get_by_label("System: Billing").click();
    h.run_steps(1);
    h.get_by_label("System: Ledger")
        .click_modifiers(Modifiers::SHIFT);
    h.run_steps(1);
    h.key_press(Key::C);
    h.run_steps(2);
    h.get(by().role(Role::Button).label("Add dependency"))
        .click();
    h.run_steps(2);

    // Shift-drag a box around both systems.
    let a = h.get_by_label("System: Billing").rect();
    let b = h.get_by_label("System: Ledger").rect();
    let all = a.union(b).expand(30.0);
    h.key_press(Key::Escape);
    h.run_steps(1);
    assert!(h.state().view().selection.is_empty());
    drag(&mut h, all.left_top(), all.right_bottom(), Modifiers::SHIFT);
    assert_eq!(
        h.state().view().selection.len(),
        2,
        "{:?}",
        h.state().view().selection
    );

    // Duplicate: new ids, the dependency between them comes along.
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_steps(2);
    let ws = h.state().workspace();
    assert_eq!(ws.systems.len(), 4);
    assert!(
        ws.dependencies.contains_key("billing-2->ledger-2:sync"),
        "{:?}",
        ws.dependencies.keys().collect::<Vec<_>>()
    );

    // Pin and nudge the duplicates.
    let before = ws.systems["billing-2"].pos.unwrap();
    h.key_press(Key::P);
    h.run_steps(1);
    h.key_press(Key::ArrowRight);
    h.run_steps(2);
    let s = &h.state().workspace().systems["billing-2"];
    assert!(s.pinned);
    assert!((s.pos.unwrap().x - before.x - 10.0).abs() < 0.01);
}

#[path = "canvas_gui/layout_runs.rs"]
mod layout_runs;

// ---- Capture speed (issue 15.8): the add dialog guesses the kind, the type popup works from
// the keyboard beside its target, the connect handle dropped on empty canvas adds and connects.

/// Opens the add dialog with N, the way a facilitator does (the canvas has the keyboard).
fn press_n(h: &mut Harness<'_, DepdigApp>) {
    h.get_by_label("Canvas").click();
    h.run_steps(1);
    h.key_press(Key::N);
    h.run_steps(2);
}

/// Alt+digit as a window delivers it: the key and the character it types in one frame, with
/// Alt held.
fn alt_digit(h: &mut Harness<'_, DepdigApp>, key: Key, digit: &str) {
    let input = h.input_mut();
    input
        .events
        .push(egui::Event::ModifiersChanged(Modifiers::ALT));
    input.events.push(egui::Event::Key {
        key,
        physical_key: Some(key),
        pressed: true,
        repeat: false,
        modifiers: Modifiers::ALT,
    });
    input.events.push(egui::Event::Text(digit.to_owned()));
    h.run_steps(1);
    let input = h.input_mut();
    input
        .events
        .push(egui::Event::ModifiersChanged(Modifiers::NONE));
    input.events.push(egui::Event::Key {
        key,
        physical_key: Some(key),
        pressed: false,
        repeat: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(2);
}

/// An empty workspace file with Billing and Ledger added as a user adds them (the directory
/// lives as long as the harness needs the file).
fn billing_and_ledger() -> (tempfile::TempDir, Harness<'static, DepdigApp>) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(common::open(Some(empty_file(dir.path()))));
    common::add_system(&mut h, "Billing");
    common::add_system(&mut h, "Ledger");
    (dir, h)
}

fn select_pair(h: &mut Harness<'_, DepdigApp>, first: &str, second: &str) {
    h.get_by_label(&format!("System: {first}")).click();
    h.run_steps(1);
    h.get_by_label(&format!("System: {second}"))
        .click_modifiers(Modifiers::SHIFT);
    h.run_steps(1);
}

#[test]
fn the_add_dialog_guesses_the_kind_from_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(common::open(Some(empty_file(dir.path()))));
    press_n(&mut h);
    h.get_by_label("System name").type_text("Orders DB");
    h.run_steps(2);
    h.get_by_label("Kind: Database (guessed from the name)");
    h.key_press(Key::Enter);
    h.run_steps(2);
    let s = &h.state().workspace().systems["orders-db"];
    assert_eq!(s.kind, SystemKind::Database);
    assert_eq!(s.name, "Orders DB");

    press_n(&mut h);
    h.get_by_label("System name").type_text("Payments team");
    h.run_steps(2);
    h.get_by_label("Kind: Team (guessed from the name)");
    h.get(by().role(Role::Button).label("Add system")).click();
    h.run_steps(2);
    assert_eq!(
        h.state().workspace().systems["payments-team"].kind,
        SystemKind::Team
    );
}

#[test]
fn a_kind_chosen_in_the_add_dialog_survives_further_typing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(common::open(Some(empty_file(dir.path()))));
    press_n(&mut h);
    h.get_by_label("System name").type_text("Orders");
    h.run_steps(1);
    // Alt+4 picks the fourth kind (Queue); its "4" must not land in the name.
    alt_digit(&mut h, Key::Num4, "4");
    h.get_by_label("Kind: Queue (your choice)");
    h.get_by_label("System name").type_text(" DB");
    h.run_steps(2);
    h.get_by_label("Kind: Queue (your choice)");
    // A click on the list picks too, and typing goes on into the name.
    h.get_by_label("Cache").click();
    h.run_steps(2);
    h.get_by_label("System name").type_text(" replica");
    h.run_steps(2);
    h.get_by_label("Kind: Cache (your choice)");
    h.key_press(Key::Enter);
    h.run_steps(2);
    let ws = h.state().workspace();
    assert_eq!(ws.systems.len(), 1);
    let s = ws.systems.values().next().unwrap();
    assert_eq!(
        (s.name.as_str(), s.kind),
        ("Orders DB replica", SystemKind::Cache)
    );
}

#[test]
fn the_type_popup_works_from_the_keyboard() {
    let (_dir, mut h) = billing_and_ledger();

    // C, then 3: the third type (Data access) at once.
    select_pair(&mut h, "Billing", "Ledger");
    h.key_press(Key::C);
    h.run_steps(2);
    h.key_press(Key::Num3);
    h.run_steps(2);
    assert!(
        h.state()
            .workspace()
            .dependencies
            .contains_key("billing->ledger:data"),
        "{:?}",
        h.state()
            .workspace()
            .dependencies
            .keys()
            .collect::<Vec<_>>()
    );
    assert!(h.query_by_label("New dependency").is_none(), "closed");

    // The remembered type is highlighted, not silently used: ↓ moves on to Batch, Enter adds it.
    select_pair(&mut h, "Ledger", "Billing");
    h.key_press(Key::C);
    h.run_steps(2);
    let selected = |h: &Harness<'_, DepdigApp>, label: &str| {
        h.get(by().role(Role::Button).label(label))
            .accesskit_node()
            .toggled()
            == Some(Toggled::True)
    };
    assert!(
        selected(&h, "Data access"),
        "the last used type is preselected"
    );
    h.key_press(Key::ArrowDown);
    h.run_steps(1);
    assert!(selected(&h, "Batch transfer"));
    assert!(!selected(&h, "Data access"));
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert!(
        h.state()
            .workspace()
            .dependencies
            .contains_key("ledger->billing:batch")
    );

    // Esc adds nothing.
    select_pair(&mut h, "Billing", "Ledger");
    h.key_press(Key::C);
    h.run_steps(2);
    h.get_by_label("New dependency");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label("New dependency").is_none());
    assert_eq!(h.state().workspace().dependencies.len(), 2);
}

#[test]
fn the_type_popup_opens_beside_its_target() {
    let (_dir, mut h) = billing_and_ledger();
    select_pair(&mut h, "Billing", "Ledger");
    h.key_press(Key::C);
    h.run_steps(3);
    let target = h.get_by_label("System: Ledger").rect();
    let popup = [
        "New dependency",
        "Sync call",
        "Startup order",
        "Add dependency",
    ]
    .iter()
    .map(|l| h.get(by().label(l)).rect())
    .reduce(egui::Rect::union)
    .unwrap();
    assert!(
        !popup.intersects(target),
        "the popup does not cover its target: {popup:?} {target:?}"
    );
    let gap = (popup.left() - target.right()).max(target.left() - popup.right());
    assert!(
        (0.0..60.0).contains(&gap),
        "the popup is beside the target: gap {gap} ({popup:?}, {target:?})"
    );
    assert!(
        popup.y_range().contains(target.center().y),
        "level with it: {popup:?} {target:?}"
    );
}

#[test]
fn dropping_the_connect_handle_on_empty_canvas_adds_a_connected_system() {
    let (_dir, mut h) = billing_and_ledger();
    let before = h.state().workspace().clone();
    // Screen ↔ canvas from the two systems (centres on screen, positions in the document).
    let (b, l) = (&before.systems["billing"], &before.systems["ledger"]);
    let (bp, lp) = (b.pos.unwrap(), l.pos.unwrap());
    let bs = h.get_by_label("System: Billing").rect().center();
    let ls = h.get_by_label("System: Ledger").rect().center();
    let zoom = (ls - bs).length() / egui::vec2(lp.x - bp.x, lp.y - bp.y).length();
    let canvas_of =
        |s: egui::Pos2| egui::pos2(bp.x + (s.x - bs.x) / zoom, bp.y + (s.y - bs.y) / zoom);

    h.get_by_label("System: Billing").click();
    h.run_steps(2);
    let handle = h.get_by_label("Connect from Billing").rect().center();
    let drop = bs + egui::vec2(180.0, 170.0);
    drag(&mut h, handle, drop, Modifiers::NONE);
    h.get_by_label("New system");
    h.get_by_label_contains("Billing needs it");
    h.get_by_label("System name").type_text("Fraud check");
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
    let ws = h.state().workspace().clone();
    assert_eq!(ws.systems.len(), 3);
    let s = &ws.systems["fraud-check"];
    let at = s.pos.unwrap();
    let want = canvas_of(drop);
    assert!(
        (at.x - want.x).abs() < 3.0 && (at.y - want.y).abs() < 3.0,
        "at the drop point: {at:?}, dropped at {want:?}"
    );
    assert!(
        ws.dependencies.contains_key("billing->fraud-check:sync"),
        "connected with the remembered type: {:?}",
        ws.dependencies.keys().collect::<Vec<_>>()
    );
    assert_eq!(ws.dependencies.len(), 1);

    // One undo step takes both away.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().workspace(), &before);
}

#[test]
fn cancelling_add_and_connect_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(common::open(Some(empty_file(dir.path()))));
    common::add_system(&mut h, "Billing");
    let before = h.state().workspace().clone();
    let revision = h.state().document().revision;
    let bs = h.get_by_label("System: Billing").rect().center();
    let gesture = |h: &mut Harness<'_, DepdigApp>| {
        h.get_by_label("System: Billing").click();
        h.run_steps(2);
        let handle = h.get_by_label("Connect from Billing").rect().center();
        drag(h, handle, bs + egui::vec2(200.0, 150.0), Modifiers::NONE);
        h.get_by_label("System name").type_text("Kafka");
        h.run_steps(2);
    };
    gesture(&mut h);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label("System name").is_none(), "closed");
    gesture(&mut h);
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(h.state().workspace(), &before);
    assert_eq!(h.state().document().revision, revision, "no edit at all");

    // The same gesture named: the kind is guessed, Ctrl+3 picks the dependency type.
    gesture(&mut h);
    h.get_by_label("Kind: Queue (guessed from the name)");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
    let ws = h.state().workspace();
    assert_eq!(ws.systems["kafka"].kind, SystemKind::Queue);
    assert!(ws.dependencies.contains_key("billing->kafka:data"));
}

#[test]
fn the_kind_list_is_not_clipped_when_the_interface_is_scaled_up() {
    for (scale_ups, connect) in [(0, false), (5, false), (20, false), (0, true), (10, true)] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = harness(common::open(Some(empty_file(dir.path()))));
        common::add_system(&mut h, "Billing");
        for _ in 0..scale_ups {
            h.state_mut().queue(UiCommand::ScaleUp);
        }
        h.run_steps(2);
        h.state_mut().queue(UiCommand::ZoomToFit);
        h.run_steps(5);
        if connect {
            h.get_by_label("System: Billing").click();
            h.run_steps(2);
            let handle = h.get_by_label("Connect from Billing").rect().center();
            let bs = h.get_by_label("System: Billing").rect().center();
            drag(&mut h, handle, bs + egui::vec2(60.0, 90.0), Modifiers::NONE);
        } else {
            press_n(&mut h);
        }
        h.run_steps(2);
        let screen = h.ctx.content_rect();
        let buttons = h.get(by().role(Role::Button).label("Add system")).rect();
        let mut labels: Vec<&str> = SystemKind::ALL.iter().map(|k| k.label()).collect();
        if connect {
            labels.extend(DependencyType::ALL.iter().map(|t| t.label()));
        }
        for label in labels {
            let r = h.get(by().role(Role::Button).label(label)).rect();
            assert!(
                screen.contains_rect(r) && r.bottom() <= buttons.top(),
                "scale ×{}: {label} is fully shown: {r:?} in {screen:?}, buttons at {buttons:?}",
                h.state().ui_scale()
            );
        }
        assert!(screen.contains_rect(buttons));
    }
}

#[test]
fn add_and_connect_does_not_start_in_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(common::open(Some(empty_file(dir.path()))));
    common::add_system(&mut h, "Billing");
    let before = h.state().workspace().clone();
    h.state_mut().set_read_only(true);
    h.run_steps(1);
    h.get_by_label("System: Billing").click();
    h.run_steps(2);
    let handle = h.get_by_label("Connect from Billing").rect().center();
    let bs = h.get_by_label("System: Billing").rect().center();
    drag(
        &mut h,
        handle,
        bs + egui::vec2(200.0, 150.0),
        Modifiers::NONE,
    );
    assert!(
        h.query_by_label("System name").is_none(),
        "no name prompt for an edit that would be refused"
    );
    assert_eq!(h.state().workspace(), &before);
}
