//! Scenarios: a named target state (systems and dependencies added or removed against today's
//! map), shown as current, target or difference, and built from the panel.

use egui::RichText;

use crate::model::{Dependency, DependencyType, Scenario, System};
use crate::ops::{ItemRef, Op};
use crate::ui::actions::{Action, CameraRequest};
use crate::ui::panel_ctx::PanelCtx;
use crate::ui::view::{ScenarioShow, ViewState};

use super::{ViewsPanelState, diff_legend};

/// Shows scenario `id` (or closes the scenario display with `None`).
pub fn show_scenario(
    view: &ViewState,
    id: Option<String>,
    show: ScenarioShow,
    out: &mut Vec<Action>,
) {
    let changed = view.scenario.as_ref().map(|(s, _)| s) != id.as_ref();
    if changed && id.is_some() {
        // A different map: show all of it (what the scenario adds may lie outside the view).
        out.push(Action::Camera(CameraRequest::Fit));
    }
    out.push(Action::view(move |v| v.scenario = id.map(|id| (id, show))));
}

/// The scenario shown, changed by `change`, as one edit named `label`.
fn with_scenario(
    cx: &PanelCtx,
    label: &str,
    change: impl FnOnce(&mut Scenario),
    out: &mut Vec<Action>,
) {
    let shown = cx.view.scenario.as_ref();
    let Some(mut s) = shown.and_then(|(id, _)| cx.ws().scenarios.get(id).cloned()) else {
        out.push(Action::Status("Pick a scenario first".into()));
        return;
    };
    change(&mut s);
    let label = format!("{label} ({})", s.name);
    out.push(Action::edit(Op::Update(s.into()), label));
}

/// Marks the selected systems and dependencies as removed in the shown scenario (or, when all
/// of them already are, restores them).
fn toggle_removed(cx: &PanelCtx, out: &mut Vec<Action>) {
    let ws = cx.ws();
    let picked: Vec<String> = cx
        .view
        .selection
        .iter()
        .filter(|id| ws.systems.contains_key(*id) || ws.dependencies.contains_key(*id))
        .cloned()
        .collect();
    if picked.is_empty() {
        out.push(Action::Status(
            "Select systems or dependencies of today's map".into(),
        ));
        return;
    }
    let change = |s: &mut Scenario| {
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
    };
    with_scenario(cx, "Mark removed in scenario", change, out);
}

/// Adds a system named `name` to the shown scenario, at the centre of the map, and selects it.
fn add_scenario_system(cx: &PanelCtx, name: &str, out: &mut Vec<Action>) -> bool {
    let name = name.trim().to_owned();
    if name.is_empty() {
        return false;
    }
    let ws = cx.ws();
    let shown = cx.view.scenario.as_ref();
    let Some(scenario) = shown.and_then(|(id, _)| ws.scenarios.get(id)) else {
        return false;
    };
    let taken =
        |id: &str| ws.systems.contains_key(id) || scenario.added_systems.iter().any(|s| s.id == id);
    let id = crate::model::unique_id(crate::model::slugify(&name), taken);
    let at = cx
        .camera
        .canvas_from_screen(cx.view_rect, cx.view_rect.center());
    let mut system = System::new(&id, &name);
    system.pos = Some(crate::model::CanvasPos { x: at.x, y: at.y });
    system.pinned = true;
    let add = |s: &mut Scenario| s.added_systems.push(system);
    with_scenario(cx, &format!("Add {name} to scenario"), add, out);
    out.push(Action::if_edited(Action::view(move |v| v.select_only(&id))));
    true
}

fn add_scenario_dependency(cx: &PanelCtx, kind: DependencyType, out: &mut Vec<Action>) {
    let Some((from, to)) = cx.view.picked_pair() else {
        out.push(Action::Status(
            "Select the two systems to connect (first the one that needs the other)".into(),
        ));
        return;
    };
    let add = |s: &mut Scenario| {
        let d = Dependency::new(&from, &to, kind);
        if !s.added_dependencies.iter().any(|x| x.id() == d.id()) {
            s.added_dependencies.push(d);
        }
    };
    with_scenario(cx, "Add dependency to scenario", add, out);
}

/// Adds an empty scenario named `name` and shows it.
fn new_scenario(cx: &PanelCtx, name: &str, out: &mut Vec<Action>) -> bool {
    let name = name.trim().to_owned();
    if name.is_empty() {
        out.push(Action::Status("Give the scenario a name".into()));
        return false;
    }
    let ws = cx.ws();
    let id = crate::model::unique_id(crate::model::slugify(&name), |id| {
        ws.scenarios.contains_key(id)
    });
    let s = Scenario {
        id: id.clone(),
        name: name.clone(),
        description: String::new(),
        added_systems: Vec::new(),
        added_dependencies: Vec::new(),
        removed: Vec::new(),
    };
    out.push(Action::edit(
        Op::Add(s.into()),
        format!("New scenario {name}"),
    ));
    let mut show = Vec::new();
    show_scenario(cx.view, Some(id), ScenarioShow::Difference, &mut show);
    out.extend(show.into_iter().map(Action::if_edited));
    true
}

pub(super) fn scenarios_ui(
    ui: &mut egui::Ui,
    state: &mut ViewsPanelState,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
) {
    ui.strong("Scenarios");
    let ws = cx.ws();
    if ws.scenarios.is_empty() {
        ui.label(RichText::new("A scenario is a target state: systems and dependencies added or removed against today's map.").weak());
    }
    let shown = cx.view.scenario.as_ref();
    for s in ws.scenarios.values() {
        let on = shown.is_some_and(|(id, _)| *id == s.id);
        if ui.selectable_label(on, s.name.as_str()).clicked() {
            let show = shown.map_or(ScenarioShow::Difference, |(_, m)| *m);
            let pick = (!on).then(|| s.id.clone());
            show_scenario(cx.view, pick, show, out);
        }
    }
    if let Some((id, show)) = shown
        && let Some(s) = ws.scenarios.get(id)
    {
        if !s.description.is_empty() {
            ui.label(RichText::new(&s.description).italics());
        }
        ui.horizontal(|ui| {
            for m in ScenarioShow::ALL {
                if ui.radio(*show == m, m.label()).clicked() {
                    show_scenario(cx.view, Some(id.clone()), m, out);
                }
            }
        });
        let diff = s.diff(ws);
        ui.label(format!(
            "{} added, {} removed",
            diff.added.len(),
            diff.removed.len()
        ));
        ui.horizontal(|ui| diff_legend(ui, &cx.theme));
        // Read-only: building scenarios is an edit; showing them is not.
        ui.add_enabled_ui(!cx.read_only, |ui| {
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("Mark selection removed")
                    .on_hover_text("In the target state the selected systems/dependencies are gone (again to restore them)")
                    .clicked()
                {
                    toggle_removed(cx, out);
                }
            });
            ui.horizontal(|ui| {
                egui::ComboBox::from_id_salt("scenario_type")
                    .selected_text(state.scenario_type.label())
                    .show_ui(ui, |ui| {
                        for t in DependencyType::ALL {
                            ui.selectable_value(&mut state.scenario_type, *t, t.label());
                        }
                    });
                if ui
                    .button("Add dependency")
                    .on_hover_text(
                        "From the first selected system to the second, in the target state only",
                    )
                    .clicked()
                {
                    add_scenario_dependency(cx, state.scenario_type, out);
                }
            });
            ui.horizontal(|ui| {
                let r = ui.add(
                    egui::TextEdit::singleline(&mut state.scenario_system)
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
                    && add_scenario_system(cx, &state.scenario_system, out)
                {
                    state.scenario_system.clear();
                }
            });
            if ui
                .button("Delete scenario")
                .on_hover_text("Undo (Ctrl+Z) brings it back")
                .clicked()
            {
                out.push(Action::view(|v| v.scenario = None));
                out.push(Action::edit(
                    Op::Remove(ItemRef::new(crate::model::ItemKind::Scenario, id)),
                    format!("Delete scenario {}", s.name),
                ));
            }
        });
    }
    ui.add_enabled_ui(!cx.read_only, |ui| {
        ui.horizontal(|ui| {
            let r = ui.add(
                egui::TextEdit::singleline(&mut state.new_scenario)
                    .desired_width(160.0)
                    .hint_text("target: queue between …"),
            );
            r.widget_info(|| {
                egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Scenario name")
            });
            if ui.button("New scenario").clicked() && new_scenario(cx, &state.new_scenario, out) {
                state.new_scenario.clear();
            }
        });
    });
}
