//! The phases of the roadmap: listed in order (click one to show it on the map), moved up and
//! down, removed, added; the phase shown on the map is edited below the list (name, scenario,
//! target date, owner, notes). Every edit is an undoable op; typing in one field is one step.

use egui::RichText;

use super::{RoadmapPanelState, show_step};
use crate::model::{Date, Phase, Workspace};
use crate::ops::Op;
use crate::ui::actions::Action;
use crate::ui::inspector::{commit, labeled_text, parsed_field};
use crate::ui::panel_ctx::PanelCtx;

/// A new phase named `name` at the end of the roadmap, applying the first scenario no phase
/// uses yet (none when every scenario is used).
pub fn new_phase(ws: &Workspace, name: &str) -> Option<Phase> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let id = crate::model::unique_id(crate::model::slugify(name), |id| {
        ws.roadmap.iter().any(|p| p.id == id)
    });
    let scenario = ws
        .scenarios
        .keys()
        .find(|s| !ws.roadmap.iter().any(|p| &p.scenario == *s))
        .cloned()
        .unwrap_or_default();
    Some(Phase::new(id, name, scenario))
}

pub(super) fn phases_ui(
    ui: &mut egui::Ui,
    state: &mut RoadmapPanelState,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
) {
    let ws = cx.ws();
    let shown = cx.view.shown_step(ws);
    let n = ws.roadmap.len();
    ui.strong("Phases");
    if n > 0 {
        let today = ui.selectable_label(shown == Some(0), "Today (the map as it is)");
        if today.clicked() {
            show_step(ws, cx.view, Some(0), out);
        }
    }
    for (i, p) in ws.roadmap.iter().enumerate() {
        ui.horizontal(|ui| {
            // The buttons first: a long name is cut short, never them.
            ui.add_enabled_ui(!cx.read_only, |ui| phase_buttons(ui, cx, i, p, out));
            let k = i + 1;
            let mut title = format!("{k}. {}", p.name);
            if let Some(d) = p.target_date {
                w!(title, " · {d}");
            }
            let scenario = ws.scenarios.get(&p.scenario);
            let r = ui
                .add(egui::Button::selectable(shown == Some(k), title).truncate())
                .on_hover_text(match scenario {
                    Some(s) => format!("Applies scenario “{}”", s.name),
                    None => "No scenario: this phase changes nothing".to_owned(),
                });
            if r.clicked() {
                show_step(ws, cx.view, Some(k), out);
            }
        });
    }
    ui.add_enabled_ui(!cx.read_only, |ui| {
        ui.horizontal(|ui| {
            let r = ui.add(
                egui::TextEdit::singleline(&mut state.new_phase)
                    .desired_width(160.0)
                    .hint_text("e.g. Queue first"),
            );
            r.widget_info(|| {
                egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "New phase name")
            });
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Add phase").clicked() || enter)
                && let Some(phase) = new_phase(ws, &state.new_phase)
            {
                let k = n + 1;
                let label = format!("Add phase {}", phase.name);
                out.push(Action::edit(Op::AddPhase { index: n, phase }, label));
                // The new phase is past the end until the edit is done: show it after.
                out.push(Action::if_edited(Action::view(move |v| {
                    v.roadmap_step = Some(k);
                    v.scenario = None;
                })));
                state.new_phase.clear();
            }
        });
    });
    if let Some(i) = shown.and_then(|k| k.checked_sub(1))
        && let Some(p) = ws.roadmap.get(i)
    {
        ui.add_space(4.0);
        ui.add_enabled_ui(!cx.read_only, |ui| phase_form_ui(ui, state, cx, p, out));
    }
}

/// ▲ ▼ ✕ for phase `p` at index `i`.
fn phase_buttons(ui: &mut egui::Ui, cx: &PanelCtx, i: usize, p: &Phase, out: &mut Vec<Action>) {
    let n = cx.ws().roadmap.len();
    let k = i + 1;
    let shown = cx.view.shown_step(cx.ws());
    let button = |ui: &mut egui::Ui, enabled: bool, text: &str, name: String, tip: &str| {
        let r = ui.add_enabled(enabled, egui::Button::new(text).small());
        r.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Button, true, &name));
        r.on_hover_text(tip).clicked()
    };
    if button(
        ui,
        i > 0,
        "▲",
        format!("Move {} up", p.name),
        "Earlier in the roadmap",
    ) {
        move_phase(p, i - 1, out);
    }
    if button(
        ui,
        k < n,
        "▼",
        format!("Move {} down", p.name),
        "Later in the roadmap",
    ) {
        move_phase(p, k, out);
    }
    let tip = "Remove the phase (Ctrl+Z brings it back)";
    if button(ui, true, "✕", format!("Remove phase {}", p.name), tip) {
        out.push(Action::edit(
            Op::RemovePhase(p.id.clone()),
            format!("Remove phase {}", p.name),
        ));
        if shown.is_some_and(|s| s >= k) {
            out.push(Action::if_edited(Action::view(|v| {
                v.roadmap_step = Some(0);
            })));
        }
    }
}

fn move_phase(p: &Phase, to: usize, out: &mut Vec<Action>) {
    out.push(Action::edit(
        Op::MovePhase {
            id: p.id.clone(),
            to,
        },
        format!("Move phase {}", p.name),
    ));
    // The step shown follows the phase.
    out.push(Action::if_edited(Action::view(move |v| {
        if v.roadmap_step.is_some() {
            v.roadmap_step = Some(to + 1);
        }
    })));
}

/// The shown phase's fields.
fn phase_form_ui(
    ui: &mut egui::Ui,
    state: &mut RoadmapPanelState,
    cx: &PanelCtx,
    orig: &Phase,
    out: &mut Vec<Action>,
) {
    let ws = cx.ws();
    let mut p = orig.clone();
    let mut typed: Option<&'static str> = None;
    let mut clicked = false;
    ui.label(RichText::new(format!("Phase {}", orig.name)).strong());
    egui::Grid::new("phase_fields")
        .num_columns(2)
        .show(ui, |ui| {
            if labeled_text(ui, "Phase name", &mut p.name, false) {
                typed = Some("name");
            }
            let sid = ui.label("Scenario").id;
            let current = ws
                .scenarios
                .get(&p.scenario)
                .map_or("(none)", |s| s.name.as_str());
            egui::ComboBox::from_id_salt("phase_scenario")
                .selected_text(current)
                .width((ui.available_width() - 8.0).clamp(80.0, 220.0))
                .truncate()
                .show_ui(ui, |ui| {
                    for s in ws.scenarios.values() {
                        if ui.selectable_label(p.scenario == s.id, &s.name).clicked()
                            && p.scenario != s.id
                        {
                            p.scenario.clone_from(&s.id);
                            clicked = true;
                        }
                    }
                })
                .response
                .labelled_by(sid);
            ui.end_row();
            let did = ui.label("Target date").id;
            if let Some(d) = parsed_field(
                ui,
                &mut state.buffers,
                &format!("{}.date", orig.id),
                did,
                p.target_date.as_ref(),
                "YYYY-MM-DD",
                str::parse::<Date>,
            ) {
                p.target_date = d;
                clicked = true;
            }
            ui.end_row();
            if labeled_text(ui, "Phase owner", &mut p.owner, false) {
                typed = Some("owner");
            }
            if labeled_text(ui, "Phase notes", &mut p.notes, true) {
                typed = Some("notes");
            }
        });
    if (typed.is_some() || clicked) && p != *orig {
        let label = format!("Edit phase {}", orig.name);
        commit(
            out,
            Op::SetPhase(p),
            &label,
            &format!("phase:{}", orig.id),
            typed,
        );
    }
}
