//! Running a workshop: themes and interface scale remembered across runs, presentation mode and
//! stepping through saved views, focus depth, filters with their indicator, scenario display,
//! groups, read-only viewing that refuses every command, and reloading a file someone else saved.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use crate::common;

use common::{sample_copy, sample_path};

use std::collections::HashMap;

use depdig::model::{FilterMode, Filters, Focus, FocusDirection, System};
use depdig::theme::ThemeName;
use depdig::ui::DepdigApp;
use depdig::ui::commands::UiCommand;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

fn harness(app: DepdigApp) -> Harness<'static, DepdigApp> {
    common::harness_sized(app, 1400.0, 900.0)
}

/// Systems on the canvas after fitting the map to the window (F).
fn system_nodes(h: &mut Harness<'_, DepdigApp>) -> usize {
    // F acts where the map has the keyboard: a click on the map gives it back.
    h.get_by_label("Canvas").click();
    h.run_steps(1);
    h.key_press(Key::F);
    h.run_steps(5);
    h.query_all_by_label_contains("System: ").count()
}

#[test]
fn theme_and_scale_switch_and_are_remembered_outside_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "ecommerce-cascade.ron");
    let before = std::fs::read(&path).unwrap();
    let mut h = harness(common::open(Some(path.clone())));

    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Projector theme").click();
    h.run_steps(2);
    assert_eq!(h.state().view().theme, ThemeName::Projector);
    assert!(!h.ctx.global_style().visuals.dark_mode);
    h.key_press(Key::Escape);
    h.run_steps(1);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run_steps(2);
    assert!((h.state().ui_scale() - 1.2).abs() < 1e-4);
    assert!((h.ctx.zoom_factor() - 1.2).abs() < 1e-4);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run_steps(2);
    assert!((h.state().ui_scale() - 1.1).abs() < 1e-4);

    // Remembered by eframe's storage, not written into the workspace.
    let mut storage = common::MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!h.state().document().is_dirty());
    let mut next = common::open(Some(path.clone()));
    next.restore_settings(Some(&storage));
    assert_eq!(next.view().theme, ThemeName::Projector);
    assert!((next.ui_scale() - 1.1).abs() < 1e-4);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run_steps(2);
    assert!((h.state().ui_scale() - 1.0).abs() < 1e-4);
}

#[test]
fn presentation_mode_hides_panels_steps_through_views_and_esc_leaves() {
    let mut h = harness(common::open(Some(sample_path("ecommerce-cascade.ron"))));
    let views: Vec<String> = h.state().workspace().views.keys().cloned().collect();
    assert!(views.len() >= 2, "the sample has saved views");
    let title = h.state().workspace().title.clone();

    h.key_press(Key::F5);
    h.run_steps(3);
    assert!(h.state().is_presenting());
    assert!(h.query_by_label("▣ Present").is_none(), "toolbar hidden");
    assert!(h.query_by_label("File").is_none(), "menu hidden");
    h.get_by_label(&title);

    h.key_press(Key::ArrowRight);
    h.run_steps(3);
    assert_eq!(h.state().view().active_view.as_ref(), Some(&views[0]));
    let first = &h.state().workspace().views[&views[0]];
    let highlighted: std::collections::BTreeSet<String> =
        first.highlighted.iter().cloned().collect();
    // A view's highlighted items stand out; they do not dim the rest (15.6).
    assert_eq!(h.state().view().emphasis, highlighted);
    assert_eq!(h.state().view().highlight, None);
    h.get_by_label_contains(&format!("View 1/{}: {}", views.len(), first.name));

    h.key_press(Key::ArrowRight);
    h.run_steps(3);
    assert_eq!(h.state().view().active_view.as_ref(), Some(&views[1]));
    // The second view focuses on a system: its filters are in effect.
    let second = h.state().workspace().views[&views[1]].filters.clone();
    assert_eq!(h.state().view().filters, second);

    h.key_press(Key::ArrowLeft);
    h.run_steps(3);
    assert_eq!(h.state().view().active_view.as_ref(), Some(&views[0]));

    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(!h.state().is_presenting());
    h.get_by_label("▣ Present");
}

/// Issue 15.9: presentation mode shows the legend (with a toggle), says when there is no saved
/// view to step through, and leaving it puts back the view as it was before F5 (camera, filters,
/// highlight, the saved view shown and the legend), whatever the room stepped through.
#[test]
fn presentation_shows_the_legend_and_leaving_restores_the_view() {
    let legend = "A → B: A needs B";
    let mut h = harness(common::open(Some(sample_path("ecommerce-cascade.ron"))));
    h.run_steps(6);
    let (canvas, before) = h.state().canvas_screen_rects();
    let view = h.state().view().clone();
    assert!(
        h.query_by_label(legend).is_some(),
        "the legend shows before F5"
    );

    h.key_press(Key::F5);
    h.run_steps(3);
    assert!(h.query_by_label(legend).is_some(), "and while presenting");
    assert!(h.query_by_label_contains("No saved views").is_none());
    h.key_press(Key::ArrowRight);
    h.run_steps(3);
    h.key_press(Key::ArrowRight);
    h.run_steps(3);
    assert_ne!(
        h.state().view().filters,
        view.filters,
        "a view with a focus"
    );
    // The legend's button hides it (after stepping: the arrows belong to the map).
    h.get_by_label("Legend").click();
    h.run_steps(2);
    assert!(h.query_by_label(legend).is_none(), "the toggle hides it");

    h.key_press(Key::Escape);
    h.run_steps(6);
    assert!(!h.state().is_presenting());
    assert_eq!(h.state().view().filters, view.filters);
    assert_eq!(h.state().view().highlight, view.highlight);
    assert_eq!(h.state().view().active_view, view.active_view);
    assert!(h.query_by_label(legend).is_some(), "the legend is back");
    let (canvas_after, after) = h.state().canvas_screen_rects();
    assert_eq!(canvas_after, canvas);
    let after: HashMap<String, egui::Rect> = after.into_iter().collect();
    for (name, r) in before {
        let a = after[&name];
        assert!(
            (a.center() - r.center()).length() < 1.0 && (a.width() - r.width()).abs() < 1.0,
            "{name} was at {r:?}, is at {a:?}"
        );
    }

    // A workspace without saved views says so instead of offering ← →.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-views.ron");
    std::fs::write(
        &path,
        "(version: 1, title: \"No views\", systems: [(id: \"a\", name: \"Alpha\", pos: Some((x: 0.0, y: 0.0)))])",
    )
    .unwrap();
    let mut h = harness(common::open(Some(path)));
    h.key_press(Key::F5);
    h.run_steps(3);
    assert!(h.state().is_presenting());
    h.get_by_label("No saved views — save one from View ▸ Views, filters & scenarios (V)");
    assert!(h.query_by_label("← → views").is_none());
}

#[test]
fn focus_depth_follows_the_hops_and_the_direction() {
    let mut h = harness(common::open(Some(sample_path("ecommerce-cascade.ron"))));
    let ws = h.state().workspace().clone();
    let checkout = ws.systems.values().find(|s| s.id == "checkout").unwrap();
    h.get_by_label(&format!("System: {}", checkout.name))
        .click();
    h.run_steps(2);
    h.key_press(Key::V);
    h.run_steps(2);
    h.key_press(Key::O);
    h.run_steps(3);
    let focus = h.state().view().filters.focus.clone().expect("focus set");
    assert_eq!((focus.system.as_str(), focus.hops), ("checkout", 1));
    let shown = |hops: u8, direction: FocusDirection| {
        depdig::model::neighbourhood(
            &ws,
            &Focus {
                system: "checkout".into(),
                hops,
                direction,
            },
            &[],
        )
        .len()
    };
    let one = shown(1, FocusDirection::Both);
    let total = ws.systems.len();
    assert!(one < total);
    h.get_by_label_contains(&format!("Filter on: {one} of {total} systems"));

    // More hops through the slider's keyboard: the neighbourhood grows.
    h.get_by_label("Focus hops").focus();
    h.run_steps(1);
    h.key_press(Key::ArrowRight);
    h.run_steps(3);
    assert_eq!(h.state().view().filters.focus.as_ref().unwrap().hops, 2);
    let two = shown(2, FocusDirection::Both);
    assert!(two > one);
    h.get_by_label_contains(&format!("Filter on: {two} of {total} systems"));

    // Only what checkout needs.
    h.get_by_label("What it needs").click();
    h.run_steps(3);
    let needs = shown(2, FocusDirection::Needs);
    assert!(needs < two);
    h.get_by_label_contains(&format!("Filter on: {needs} of {total} systems"));

    // Hide instead of dim: the systems outside the focus leave the canvas.
    h.get(by().role(Role::RadioButton).label("Hide")).click();
    h.run_steps(3);
    assert_eq!(system_nodes(&mut h), needs);
    h.query_all_by_label("✕ Clear filters")
        .next()
        .unwrap()
        .click();
    h.run_steps(3);
    assert_eq!(h.state().view().filters, Filters::default());
    assert_eq!(system_nodes(&mut h), total);
}

#[test]
fn filter_by_owner_hides_the_others_and_one_click_clears() {
    let mut h = harness(common::open(Some(sample_path("ecommerce-cascade.ron"))));
    let ws = h.state().workspace().clone();
    let owner = ws.systems.values().map(|s| s.owner.clone()).next().unwrap();
    let owned = ws.systems.values().filter(|s| s.owner == owner).count();
    h.key_press(Key::V);
    h.run_steps(2);
    h.get(by().role(Role::RadioButton).label("Hide")).click();
    h.run_steps(2);
    h.get_by_label("Owner / team").click();
    h.run_steps(2);
    h.get(by().role(Role::CheckBox).label(&owner)).click();
    h.run_steps(3);
    assert_eq!(h.state().view().filters.owners, vec![owner.clone()]);
    assert_eq!(h.state().view().filters.mode, FilterMode::Hide);
    assert_eq!(system_nodes(&mut h), owned);
    h.get_by_label_contains(&format!("Filter on: {owned} of {}", ws.systems.len()));
    h.query_all_by_label("✕ Clear filters")
        .next()
        .unwrap()
        .click();
    h.run_steps(3);
    assert!(!h.state().view().filters.is_active());
    assert_eq!(system_nodes(&mut h), ws.systems.len());
    assert!(h.query_by_label_contains("Filter on").is_none());
}

#[test]
fn a_saved_view_keeps_filters_camera_and_highlight_and_is_saved_with_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "manufacturing-erp.ron");
    let mut h = harness(common::open(Some(path.clone())));
    let ws = h.state().workspace().clone();
    let first = ws.systems.values().next().unwrap();
    h.get_by_label(&format!("System: {}", first.name)).click();
    h.run_steps(2);
    h.key_press(Key::V);
    h.run_steps(2);
    h.key_press(Key::O);
    h.run_steps(2);
    h.get_by_label("View name").click();
    h.get_by_label("View name").type_text("Around the first");
    h.run_steps(1);
    h.get(by().role(Role::Button).label("Save view")).click();
    h.run_steps(3);
    let saved = h
        .state()
        .workspace()
        .views
        .values()
        .find(|v| v.name == "Around the first")
        .cloned()
        .expect("view saved");
    assert_eq!(saved.filters.focus.as_ref().unwrap().system, first.id);
    assert!(saved.camera.is_some());
    assert!(saved.highlighted.contains(&first.id));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    let reopened = depdig::document::Document::open(&path).unwrap();
    assert_eq!(reopened.ws().views.get(&saved.id), Some(&saved));
    // Undo removes it again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(!h.state().workspace().views.contains_key(&saved.id));
}

#[test]
fn scenario_difference_marks_added_and_removed_and_target_drops_the_removed() {
    let mut h = harness(common::open(Some(sample_path("trading-before.ron"))));
    let ws = h.state().workspace().clone();
    let scenario = ws.scenarios.values().next().unwrap().clone();
    let added = &scenario.added_systems[0].name;
    h.key_press(Key::V);
    h.run_steps(2);
    h.get_by_label(&scenario.name).click();
    h.run_steps(3);
    // Difference: today's map plus the added system, the removed dependency struck through.
    h.get_by_label(&format!("System: {added} (added in scenario)"));
    assert!(
        h.query_all_by_label_contains("(removed in scenario)")
            .next()
            .is_some()
    );
    h.get_by_label_contains(&format!("Scenario: {}", scenario.name));
    assert_eq!(system_nodes(&mut h), ws.systems.len() + 1);

    // Target: the removed dependency is gone, the added system plain.
    h.query_all(by().role(Role::RadioButton).label("Target"))
        .next()
        .unwrap()
        .click();
    h.run_steps(3);
    h.get_by_label(&format!("System: {added}"));
    assert!(h.query_by_label_contains("(removed in scenario)").is_none());
    let removed = &scenario.removed[0];
    let (from, to, kind) = depdig::model::parse_dependency_id(removed).unwrap();
    let label =
        depdig::ui::canvas::dependency_label(ws.system_name(from), ws.system_name(to), kind);
    assert!(h.query_by_label(&label).is_none());

    // Current: today's map.
    h.query_all(by().role(Role::RadioButton).label("Current"))
        .next()
        .unwrap()
        .click();
    h.run_steps(3);
    assert!(h.query_by_label_contains(added).is_none());
    h.get_by_label(&label);
    // The document itself never changed.
    assert_eq!(h.state().workspace(), &ws);
}

#[test]
fn mark_selection_removed_in_a_new_scenario_is_one_undoable_edit() {
    let mut h = harness(common::open(Some(sample_path("manufacturing-erp.ron"))));
    let ws = h.state().workspace().clone();
    let victim = ws.systems.values().next().unwrap().clone();
    h.key_press(Key::V);
    h.run_steps(2);
    h.get_by_label("Scenario name").click();
    h.get_by_label("Scenario name").type_text("Retire it");
    h.run_steps(1);
    h.get(by().role(Role::Button).label("New scenario")).click();
    h.run_steps(3);
    h.get_by_label(&format!("System: {}", victim.name)).click();
    h.run_steps(2);
    h.get_by_label("Mark selection removed").click();
    h.run_steps(3);
    let s = h
        .state()
        .workspace()
        .scenarios
        .values()
        .find(|s| s.name == "Retire it")
        .unwrap()
        .clone();
    assert_eq!(s.removed, vec![victim.id.clone()]);
    h.get_by_label(&format!("System: {} (removed in scenario)", victim.name));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert!(
        h.state().workspace().scenarios[&s.id].removed.is_empty(),
        "undo restores it"
    );
}

#[test]
fn a_group_collapses_into_one_node_with_counted_dependencies_and_expands_again() {
    let mut h = harness(common::open(Some(sample_path("manufacturing-erp.ron"))));
    let ws = h.state().workspace().clone();
    let mut groups: std::collections::BTreeMap<&str, usize> = Default::default();
    for s in ws.systems.values().filter(|s| !s.group.is_empty()) {
        *groups.entry(s.group.as_str()).or_default() += 1;
    }
    let (group, n) = groups.into_iter().max_by_key(|(_, n)| *n).unwrap();
    assert!(n >= 2);
    let member = ws.systems.values().find(|s| s.group == group).unwrap();
    h.get_by_label(&format!("System: {}", member.name)).click();
    h.run_steps(2);
    h.key_press(Key::G);
    h.run_steps(3);
    h.get_by_label(&format!("System: {group} ({n})"));
    assert!(
        h.query_by_label(&format!("System: {}", member.name))
            .is_none()
    );
    assert_eq!(system_nodes(&mut h), ws.systems.len() - n + 1);
    // Selecting the group node and pressing G again expands it.
    h.get_by_label(&format!("System: {group} ({n})")).click();
    h.run_steps(2);
    h.key_press(Key::G);
    h.run_steps(3);
    h.get_by_label(&format!("System: {}", member.name));
    assert_eq!(system_nodes(&mut h), ws.systems.len());
    assert_eq!(
        h.state().workspace(),
        &ws,
        "collapsing is a view, not an edit"
    );
}

#[test]
fn read_only_refuses_every_command_and_the_file_stays_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "ecommerce-cascade.ron");
    let file_before = std::fs::read(&path).unwrap();
    let mut app = common::open(Some(path.clone()));
    app.set_read_only(true);
    let doc_before = depdig::io::to_ron_string(app.workspace()).unwrap();
    // Large, so the map stays in view with every panel the commands open.
    let mut h = common::harness_sized(app, 2600.0, 1600.0);
    let names: Vec<String> = h
        .state()
        .workspace()
        .systems
        .values()
        .take(2)
        .map(|s| s.name.clone())
        .collect();
    for cmd in UiCommand::ALL {
        // Leaving read-only is the one way to edit; New and Open replace the document (checked
        // below: what they open is read-only too).
        if matches!(
            cmd,
            UiCommand::ToggleReadOnly | UiCommand::New | UiCommand::Open
        ) {
            continue;
        }
        // Everything in view again (a command may have focused, filtered or collapsed).
        h.state_mut().queue(UiCommand::ClearFilters);
        h.run_steps(1);
        h.key_press(Key::F);
        h.run_steps(4);
        if h.query_by_label(&format!("System: {}", names[0])).is_none() {
            let group = h
                .state()
                .workspace()
                .systems
                .values()
                .find(|s| s.name == names[0])
                .unwrap()
                .group
                .clone();
            h.query_all_by_label_contains(&format!("System: {group} ("))
                .next()
                .unwrap_or_else(|| {
                    panic!(
                        "after {cmd:?}: {} is not on the canvas: {:?}",
                        names[0],
                        h.query_all_by_label_contains("System: ")
                            .map(|n| format!("{n:?}").chars().take(150).collect::<String>())
                            .collect::<Vec<_>>()
                    )
                })
                .click();
            h.run_steps(1);
            h.key_press(Key::G);
            h.run_steps(2);
        }
        // Two systems selected, so connect, delete, copy and the like have something to do.
        h.get_by_label(&format!("System: {}", names[0])).click();
        h.run_steps(1);
        h.get_by_label(&format!("System: {}", names[1]))
            .click_modifiers(Modifiers::SHIFT);
        h.run_steps(1);
        h.state_mut().queue(*cmd);
        h.run_steps(2);
        // Answer whatever dialog opened as a user pushing the edit through would.
        if let Some(field) = h.query_by_label("System name") {
            field.type_text("Sneaky");
            h.run_steps(1);
        }
        h.key_press(Key::Enter);
        h.run_steps(2);
        h.key_press(Key::Escape);
        h.run_steps(2);
        if h.state().is_presenting() {
            h.key_press(Key::Escape);
            h.run_steps(2);
        }
        assert!(
            depdig::io::to_ron_string(h.state().workspace()).unwrap() == doc_before,
            "{cmd:?} changed a read-only document"
        );
    }
    // Dragging a system is refused too.
    let c = h
        .get_by_label(&format!("System: {}", names[0]))
        .rect()
        .center();
    h.hover_at(c);
    h.run_steps(1);
    h.drag_at(c);
    h.run_steps(1);
    for i in 1..=4 {
        h.hover_at(c + egui::vec2(20.0 * i as f32, 10.0 * i as f32));
        h.run_steps(1);
    }
    h.drop_at(c + egui::vec2(80.0, 40.0));
    h.run_steps(2);
    // Undo and redo have nothing they may do.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(depdig::io::to_ron_string(h.state().workspace()).unwrap() == doc_before);
    assert!(!h.state().document().is_dirty());
    assert_eq!(std::fs::read(&path).unwrap(), file_before);
    assert!(
        !path.with_extension("ron.bak").exists(),
        "nothing was saved"
    );
    h.get_by_label("🔒 READ-ONLY");
    // Views, filters and findings still work.
    h.key_press(Key::V);
    h.run_steps(2);
    h.key_press(Key::PageDown);
    h.run_steps(2);
    assert!(h.state().view().active_view.is_some());
    if h.query_by_label_contains("Findings (").is_none() {
        h.key_press(Key::A);
        h.run_steps(2);
    }
    h.get_by_label_contains("Findings (");

    // A new document is read-only too: N starts nothing.
    h.state_mut().queue(UiCommand::New);
    h.run_steps(2);
    h.key_press(Key::N);
    h.run_steps(2);
    assert!(h.query_by_label("System name").is_none());
    assert!(h.state().is_read_only());
    assert!(h.state().workspace().systems.is_empty());
}

#[test]
fn a_file_changed_on_disk_is_offered_for_reload_and_never_silently_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "manufacturing-erp.ron");
    let mut h = harness(common::open(Some(path.clone())));
    assert!(!h.state_mut().check_disk_now());

    // We edit (add a system) ...
    h.get_by_label("➕ Add system").click();
    h.run_steps(2);
    h.get_by_label("System name").type_text("Our system");
    h.run_steps(1);
    h.get(by().role(Role::Button).label("Add system")).click();
    h.run_steps(2);
    assert!(h.state().workspace().systems.contains_key("our-system"));

    // ... while someone else saves the shared file; then we save.
    let mut theirs = depdig::document::Document::open(&path).unwrap();
    theirs
        .apply(
            depdig::ops::Op::Add({
                let mut s = System::new("their-system", "Their system");
                s.pos = Some(depdig::model::CanvasPos::new(2400.0, 2400.0));
                s.into()
            }),
            "Add",
        )
        .unwrap();
    theirs.save_to(&path).unwrap();
    let their_bytes = std::fs::read(&path).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    h.get_by_label("Overwrite someone else's changes?");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        their_bytes,
        "not overwritten"
    );
    h.get_by_label("Cancel").click();
    h.run_steps(2);

    // The periodic check offers to reload; reloading brings their system (ours is discarded,
    // as the dialog warned).
    assert!(h.state_mut().check_disk_now());
    h.run_steps(2);
    h.get_by_label("The file changed on disk");
    h.get_by_label("Reloading discards your unsaved changes here.");
    h.get_by_label("Reload from disk").click();
    h.run_steps(3);
    assert!(h.state().workspace().systems.contains_key("their-system"));
    assert!(!h.state().document().is_dirty());
    assert!(!h.state_mut().check_disk_now());
    // Issue 15.9: nobody zoomed or panned, so the reloaded map is fitted again, their system
    // (far below the others) included.
    h.run_steps(4);
    let (canvas, systems) = h.state().canvas_screen_rects();
    for (name, r) in systems {
        assert!(canvas.expand(0.5).contains_rect(r), "{name} at {r:?}");
    }
}

#[test]
fn read_only_still_exports_what_the_focused_view_shows() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::open(Some(sample_path("ecommerce-cascade.ron")));
    app.set_read_only(true);
    let mut h = harness(app);
    let ws = h.state().workspace().clone();
    h.get_by_label("System: Shipping calculator").click();
    h.run_steps(2);
    h.key_press(Key::V);
    h.run_steps(2);
    h.key_press(Key::O);
    h.run_steps(2);
    h.get(by().role(Role::RadioButton).label("Hide")).click();
    h.run_steps(2);
    let shown = depdig::model::visible(&ws, &h.state().view().filters);
    assert!(shown.systems.len() < ws.systems.len());

    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    let svg_path = dir.path().join("focus.svg");
    let field = by().role(Role::TextInput).label("Export file");
    h.get(field.clone()).focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get(field).type_text(&svg_path.display().to_string());
    h.run_steps(2);
    h.get(by().role(Role::Button).label("Export")).click();
    h.run_steps(3);
    let svg = std::fs::read_to_string(&svg_path).expect("exported while read-only");
    for s in ws.systems.values() {
        let drawn = svg.contains(&format!(">{}<", s.name.replace('&', "&amp;")));
        assert_eq!(drawn, shown.systems.contains(&s.id), "{}", s.name);
    }
}

#[test]
fn the_watcher_notices_a_save_by_someone_else_without_being_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "trading-after.ron");
    let mut h = harness(common::open(Some(path.clone())));
    let mut theirs = depdig::document::Document::open(&path).unwrap();
    let ws = theirs.ws().clone();
    theirs
        .apply(
            depdig::ops::Op::SetMeta {
                title: "Renamed by a colleague".into(),
                description: ws.description,
                timezone: ws.timezone,
            },
            "Rename",
        )
        .unwrap();
    theirs.save_to(&path).unwrap();
    // The watcher polls every 2 s on its own thread.
    std::thread::sleep(std::time::Duration::from_millis(2600));
    h.run_steps(2);
    h.get_by_label("The file changed on disk");
    h.get_by_label("Reload from disk").click();
    h.run_steps(2);
    assert_eq!(h.state().workspace().title, "Renamed by a colleague");
}

#[test]
fn dragging_a_system_the_scenario_adds_moves_it_in_the_scenario() {
    let mut h = harness(common::open(Some(sample_path("trading-before.ron"))));
    let scenario = h
        .state()
        .workspace()
        .scenarios
        .values()
        .next()
        .unwrap()
        .clone();
    let added = scenario.added_systems[0].clone();
    h.key_press(Key::V);
    h.run_steps(2);
    h.get_by_label(&scenario.name).click();
    h.run_steps(4);
    let start = h
        .get_by_label(&format!("System: {} (added in scenario)", added.name))
        .rect()
        .center();
    h.hover_at(start);
    h.run_steps(1);
    h.drag_at(start);
    h.run_steps(1);
    for i in 1..=4 {
        h.hover_at(start + egui::vec2(15.0 * i as f32, 0.0));
        h.run_steps(1);
    }
    h.drop_at(start + egui::vec2(60.0, 0.0));
    h.run_steps(2);
    let moved = h.state().workspace().scenarios[&scenario.id].added_systems[0]
        .pos
        .unwrap();
    let before = added.pos.unwrap();
    assert!(moved.x > before.x + 10.0, "{before:?} → {moved:?}");
    assert!(!h.state().workspace().systems.contains_key(&added.id));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().workspace().scenarios[&scenario.id].added_systems[0].pos,
        added.pos,
        "one undo step"
    );
}

/// Issue 15.6: a saved focus view dims what is out of focus and nothing else — on the canvas
/// and in presentation mode, as `depdig export --view` draws it.
#[test]
fn a_saved_focus_view_dims_only_what_is_out_of_focus() {
    let mut h = harness(common::open(Some(sample_path("ecommerce-cascade.ron"))));
    let ws = h.state().workspace().clone();
    let in_focus = depdig::model::neighbourhood(
        &ws,
        &Focus {
            system: "auth".into(),
            hops: 2,
            direction: FocusDirection::Needs,
        },
        &[],
    );
    for _ in 0..2 {
        h.key_press(Key::PageDown);
        h.run_steps(3);
    }
    assert_eq!(h.state().view().active_view.as_deref(), Some("login-path"));
    let check = |h: &Harness<'_, DepdigApp>, when: &str| {
        let dimmed = h.state().dimmed_systems();
        for id in ws.systems.keys() {
            assert_eq!(
                dimmed.contains(id),
                !in_focus.contains(id),
                "{when}: {id} dimmed = {}",
                dimmed.contains(id)
            );
        }
    };
    check(&h, "on the canvas");
    h.get_by_label_contains(&format!(
        "Filter on: {} of {} systems",
        in_focus.len(),
        ws.systems.len()
    ));
    h.key_press(Key::F5);
    h.run_steps(3);
    check(&h, "presenting");
}

/// Issue 15.6: whatever dims the map says so in a banner, and Esc undims it (and closes the
/// cascade player).
#[test]
fn whatever_dims_the_map_says_why_and_esc_clears_it() {
    let mut h = harness(common::open(None));
    let esc_clears = |h: &mut Harness<'_, DepdigApp>, banner: &str| {
        assert!(!h.state().dimmed_systems().is_empty(), "{banner}: dimmed");
        h.get_by_label_contains(&format!("Dimmed — {banner}"));
        h.key_press(Key::Escape);
        h.run_steps(3);
        assert!(
            h.state().dimmed_systems().is_empty(),
            "{banner}: Esc undims the map"
        );
        assert!(h.query_by_label_contains("Dimmed —").is_none());
    };
    // Find.
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.get_by_label("Find").type_text("catalog");
    h.run_steps(3);
    esc_clears(&mut h, "Find: “catalog”");
    // The cascade player: Esc closes it too.
    h.get_by_label("System: Shipping calculator").click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::SHIFT, Key::X);
    h.run_steps(3);
    h.get_by_label("What if Shipping calculator is slow?");
    esc_clears(&mut h, "Cascade: what Shipping calculator failing reaches");
    assert!(
        h.query_by_label("What if Shipping calculator is slow?")
            .is_none()
    );
    // A debt item opened from the register.
    h.get_by_label("System: Checkout").click();
    h.run_steps(1);
    h.key_press(Key::R);
    h.run_steps(3);
    h.get_by_label("Login reads the loyalty tier from the reporting database")
        .click();
    h.run_steps(3);
    esc_clears(&mut h, "Debt item: what");
}

/// Issue 15.7: in read-only mode every edit is disabled up front — menus, toolbar, panels — and
/// its shortcut starts nothing (N used to open the name dialog and refuse the name afterwards).
#[test]
fn read_only_disables_every_edit_command_up_front() {
    use egui_kittest::kittest::NodeT;
    let mut h = harness(common::open(Some(sample_path("ecommerce-cascade.ron"))));
    h.state_mut().set_read_only(true);
    h.run_steps(2);
    let disabled = |h: &Harness<'_, DepdigApp>, label: &str| {
        h.get(by().role(Role::Button).label(label))
            .accesskit_node()
            .is_disabled()
    };
    for label in ["➕ Add system", "▶ Run layout"] {
        assert!(disabled(&h, label), "toolbar: {label}");
    }
    h.get_by_label("Edit").click();
    h.run_steps(2);
    for cmd in UiCommand::ALL {
        let Some(node) = h.query(by().role(Role::Button).label(cmd.menu_text())) else {
            continue;
        };
        let off = node.accesskit_node().is_disabled();
        if cmd.edits_document() {
            assert!(off, "Edit menu: {} is disabled", cmd.menu_text());
        } else if matches!(
            cmd,
            UiCommand::Copy | UiCommand::SelectAll | UiCommand::Find
        ) {
            assert!(!off, "Edit menu: {} still works", cmd.menu_text());
        }
    }
    h.key_press(Key::Escape);
    h.run_steps(2);
    // N on the map starts nothing.
    h.get_by_label("System: Checkout").click();
    h.run_steps(2);
    h.key_press(Key::N);
    h.run_steps(2);
    assert!(
        h.query_by_label("System name").is_none(),
        "N opens no dialog"
    );
    h.key_press(Key::F2);
    h.run_steps(2);
    assert!(
        h.query_by_label("System name").is_none(),
        "F2 opens no dialog"
    );
    // The panels' edit buttons.
    for (panel, label) in [
        (UiCommand::ToggleViews, "Save view"),
        (UiCommand::ToggleViews, "New scenario"),
        (UiCommand::ToggleDebtRegister, "➕ Record integration debt"),
        (UiCommand::ToggleFailureModes, "➕ Add failure mode"),
        (UiCommand::ToggleFacilitation, "Add question"),
    ] {
        h.state_mut().queue(panel);
        h.run_steps(3);
        assert!(disabled(&h, label), "{label} is disabled");
        h.state_mut().queue(panel);
        h.run_steps(2);
    }
}
