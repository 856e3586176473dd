//! Scenarios: a named target state (systems and dependencies added or removed against today's
//! map), shown as current, target or difference, and built from the panel.

use egui::RichText;

use crate::model::{Dependency, DependencyType, Scenario, System};
use crate::ops::{ItemRef, Op};
use crate::ui::app::DepdigApp;
use crate::ui::view::ScenarioShow;

use super::diff_legend;

pub(super) fn scenario_id(app: &DepdigApp) -> Option<String> {
    app.view.scenario.as_ref().map(|(id, _)| id.clone())
}

/// Shows scenario `id` (or closes the scenario display with `None`).
pub fn show_scenario(app: &mut DepdigApp, id: Option<String>, show: ScenarioShow) {
    let changed = app.view.scenario.as_ref().map(|(s, _)| s) != id.as_ref();
    if changed && id.is_some() {
        // A different map: show all of it (what the scenario adds may lie outside the view).
        app.canvas.fit_requested = true;
    }
    app.view.scenario = id.map(|id| (id, show));
    app.view_changed();
}

fn with_scenario(app: &mut DepdigApp, label: &str, change: impl FnOnce(&mut Scenario)) {
    let Some(mut s) = scenario_id(app).and_then(|id| app.doc.ws.scenarios.get(&id).cloned()) else {
        app.status = "Pick a scenario first".into();
        return;
    };
    change(&mut s);
    let label = format!("{label} ({})", s.name);
    app.edit(Op::Update(s.into()), &label);
}

/// Marks the selected systems and dependencies as removed in the shown scenario (or, when all
/// of them already are, restores them).
pub fn toggle_removed(app: &mut DepdigApp) {
    let picked: Vec<String> = app
        .view
        .selection
        .iter()
        .filter(|id| {
            app.doc.ws.systems.contains_key(*id) || app.doc.ws.dependencies.contains_key(*id)
        })
        .cloned()
        .collect();
    if picked.is_empty() {
        app.status = "Select systems or dependencies of today's map".into();
        return;
    }
    with_scenario(app, "Mark removed in scenario", |s| {
        if picked.iter().all(|id| s.removed.contains(id)) {
            s.removed.retain(|id| !picked.contains(id));
        } else {
            for id in picked {
                if !s.removed.contains(&id) {
                    s.removed.push(id);
                }
            }
            s.removed.sort();
        }
    });
}

fn add_scenario_system(app: &mut DepdigApp, name: &str) -> bool {
    let name = name.trim().to_owned();
    if name.is_empty() {
        return false;
    }
    let Some(scenario) = scenario_id(app).and_then(|id| app.doc.ws.scenarios.get(&id).cloned())
    else {
        return false;
    };
    let taken = |id: &str| {
        app.doc.ws.systems.contains_key(id) || scenario.added_systems.iter().any(|s| s.id == id)
    };
    let id = crate::model::unique_id(crate::model::slugify(&name), taken);
    let view = app.canvas.view_rect;
    let at = app.canvas.camera.canvas_from_screen(view, view.center());
    let mut system = System::new(&id, &name);
    system.pos = Some(crate::model::CanvasPos { x: at.x, y: at.y });
    system.pinned = true;
    with_scenario(app, &format!("Add {name} to scenario"), |s| {
        s.added_systems.push(system);
    });
    app.view.select_only(&id);
    true
}

fn add_scenario_dependency(app: &mut DepdigApp) {
    let Some((from, to)) = app.view.picked_pair() else {
        app.status =
            "Select the two systems to connect (first the one that needs the other)".into();
        return;
    };
    let kind = app.panels.views_panel.scenario_type;
    with_scenario(app, "Add dependency to scenario", |s| {
        let d = Dependency::new(&from, &to, kind);
        if !s.added_dependencies.iter().any(|x| x.id() == d.id()) {
            s.added_dependencies.push(d);
        }
    });
}

pub(super) fn scenarios_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    ui.strong("Scenarios");
    let list: Vec<(String, String)> = app
        .doc
        .ws
        .scenarios
        .values()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    if list.is_empty() {
        ui.label(RichText::new("A scenario is a target state: systems and dependencies added or removed against today's map.").weak());
    }
    let shown = app.view.scenario.clone();
    let mut pick = None;
    for (id, name) in &list {
        let on = shown.as_ref().is_some_and(|(s, _)| s == id);
        if ui.selectable_label(on, name.as_str()).clicked() {
            pick = Some(if on { None } else { Some(id.clone()) });
        }
    }
    if let Some(p) = pick {
        let show = shown.map_or(ScenarioShow::Difference, |(_, s)| s);
        show_scenario(app, p, show);
    }
    if let Some((id, show)) = app.view.scenario.clone()
        && let Some(s) = app.doc.ws.scenarios.get(&id).cloned()
    {
        if !s.description.is_empty() {
            ui.label(RichText::new(&s.description).italics());
        }
        ui.horizontal(|ui| {
            for m in ScenarioShow::ALL {
                if ui.radio(show == m, m.label()).clicked() {
                    show_scenario(app, Some(id.clone()), m);
                }
            }
        });
        let diff = s.diff(&app.doc.ws);
        ui.label(format!(
            "{} added, {} removed",
            diff.added.len(),
            diff.removed.len()
        ));
        ui.horizontal(|ui| diff_legend(ui, app));
        // Read-only: building scenarios is an edit; showing them is not.
        ui.add_enabled_ui(!app.read_only, |ui| {
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("Mark selection removed")
                    .on_hover_text("In the target state the selected systems/dependencies are gone (again to restore them)")
                    .clicked()
                {
                    toggle_removed(app);
                }
            });
            ui.horizontal(|ui| {
                egui::ComboBox::from_id_salt("scenario_type")
                    .selected_text(app.panels.views_panel.scenario_type.label())
                    .show_ui(ui, |ui| {
                        for t in DependencyType::ALL {
                            ui.selectable_value(&mut app.panels.views_panel.scenario_type, *t, t.label());
                        }
                    });
                if ui
                    .button("Add dependency")
                    .on_hover_text(
                        "From the first selected system to the second, in the target state only",
                    )
                    .clicked()
                {
                    add_scenario_dependency(app);
                }
            });
            ui.horizontal(|ui| {
                let r = ui.add(
                    egui::TextEdit::singleline(&mut app.panels.views_panel.scenario_system)
                        .desired_width(150.0)
                        .hint_text("e.g. Order queue"),
                );
                r.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::WidgetType::TextEdit,
                        true,
                        "New system in scenario",
                    )
                });
                if ui.button("Add system").clicked()
                    && add_scenario_system(app, &app.panels.views_panel.scenario_system.clone())
                {
                    app.panels.views_panel.scenario_system.clear();
                }
            });
            if ui
                .button("Delete scenario")
                .on_hover_text("Undo (Ctrl+Z) brings it back")
                .clicked()
            {
                app.view.scenario = None;
                app.edit(
                    Op::Remove(ItemRef::new(crate::model::ItemKind::Scenario, id)),
                    &format!("Delete scenario {}", s.name),
                );
            }
        });
    }
    ui.add_enabled_ui(!app.read_only, |ui| {
        ui.horizontal(|ui| {
            let r = ui.add(
                egui::TextEdit::singleline(&mut app.panels.views_panel.new_scenario)
                    .desired_width(160.0)
                    .hint_text("target: queue between …"),
            );
            r.widget_info(|| {
                egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Scenario name")
            });
            if ui.button("New scenario").clicked() {
                let name = app.panels.views_panel.new_scenario.trim().to_owned();
                if name.is_empty() {
                    app.status = "Give the scenario a name".into();
                } else {
                    let id = crate::model::unique_id(crate::model::slugify(&name), |id| {
                        app.doc.ws.scenarios.contains_key(id)
                    });
                    let s = Scenario {
                        id: id.clone(),
                        name: name.clone(),
                        description: String::new(),
                        added_systems: Vec::new(),
                        added_dependencies: Vec::new(),
                        removed: Vec::new(),
                    };
                    if app.edit(Op::Add(s.into()), &format!("New scenario {name}")) {
                        app.panels.views_panel.new_scenario.clear();
                        show_scenario(app, Some(id), ScenarioShow::Difference);
                    }
                }
            }
        });
    });
}
