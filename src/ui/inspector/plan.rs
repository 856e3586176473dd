//! A dependency's plan in the inspector: its canary rollout (stages with share, minimum
//! duration, status and date, and each stage's predicted callee load; the signals watched; the
//! rollback trigger and action; the failure modes that must be rehearsed first), how it is
//! watched in production, and what it costs to keep. A dependency a scenario (a roadmap phase)
//! adds is edited here too: the edit updates the scenario.

use egui::RichText;

use super::InspectorState;
use super::fields::{commit, parse_count, parsed_field};
use crate::analysis::plan::RolloutReport;
use crate::model::{
    Cost, Dependency, ProductionChecks, Rollout, Scenario, Signal, SignalKind, Stage, Workspace,
};
use crate::ops::Op;
use crate::ui::actions::Action;
use crate::ui::panel_ctx::PanelCtx;

/// What the plan sections changed: a field typed into (one undo step per burst) or a click.
#[derive(Default)]
pub(super) struct PlanEdit {
    pub(super) typed: Option<&'static str>,
    pub(super) clicked: bool,
}

/// The rollouts of the document as it is now (made again when it changed).
fn reports<'a>(state: &'a mut InspectorState, cx: &PanelCtx) -> &'a [RolloutReport] {
    let revision = cx.doc.revision;
    if state.rollouts.as_ref().is_none_or(|(r, _)| *r != revision) {
        state.rollouts = Some((revision, crate::analysis::plan::rollouts(cx.ws())));
    }
    state.rollouts.as_ref().map_or(&[], |(_, r)| r.as_slice())
}

/// A proposed rollout: 1 %, 10 %, 50 % for a day each, then everyone.
fn proposed_rollout() -> Rollout {
    Rollout {
        stages: vec![
            Stage::new(1.0, 24),
            Stage::new(10.0, 24),
            Stage::new(50.0, 48),
            Stage::new(100.0, 0),
        ],
        signals: vec![Signal {
            what: SignalKind::ErrorRate,
            threshold: 1.0,
        }],
        ..Rollout::default()
    }
}

pub(super) fn parse_share(s: &str) -> Result<f64, String> {
    match s
        .trim_end_matches('%')
        .trim()
        .replace(',', ".")
        .parse::<f64>()
    {
        Ok(v) if v > 0.0 && v <= 100.0 => Ok(v),
        _ => Err(format!("\"{s}\" is not a share over 0 and up to 100 %")),
    }
}

pub(super) fn parse_non_negative(s: &str) -> Result<f64, String> {
    match s.replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("\"{s}\" is not a number ≥ 0")),
    }
}

/// The three plan sections for dependency `d` (edited in place); `key` keeps each field's
/// typed text apart.
pub(super) fn plan_ui(
    ui: &mut egui::Ui,
    state: &mut InspectorState,
    cx: &PanelCtx,
    d: &mut Dependency,
    edit: &mut PlanEdit,
) {
    let key = d.id();
    let report = reports(state, cx)
        .iter()
        .find(|r| r.dependency == key)
        .cloned();
    let title = match &d.rollout {
        Some(r) => format!("Rollout ({} stages)", r.stages.len()),
        None => "Rollout".to_owned(),
    };
    egui::CollapsingHeader::new(title)
        .id_salt("rollout_section")
        .default_open(d.rollout.is_some())
        .show(ui, |ui| match &mut d.rollout {
            None => {
                ui.label(RichText::new("Going live gradually: stages of growing traffic share, the signals to watch and when to roll back.").weak());
                if ui.button("Plan a canary rollout").clicked() {
                    d.rollout = Some(proposed_rollout());
                    edit.clicked = true;
                }
            }
            Some(r) => {
                super::rollout::rollout_ui(ui, &mut state.buffers, cx.ws(), &key, r, report.as_ref(), edit);
                if ui
                    .button("Remove rollout")
                    .on_hover_text("Ctrl+Z brings it back")
                    .clicked()
                {
                    d.rollout = None;
                    edit.clicked = true;
                }
            }
        });
    egui::CollapsingHeader::new("Production checks")
        .id_salt("checks_section")
        .default_open(d.watch.is_some())
        .show(ui, |ui| checks_ui(ui, d, edit));
    egui::CollapsingHeader::new("Cost")
        .id_salt("cost_section")
        .default_open(d.cost.is_some())
        .show(ui, |ui| cost_ui(ui, state, cx.ws(), &key, d, edit));
}

fn checks_ui(ui: &mut egui::Ui, d: &mut Dependency, edit: &mut PlanEdit) {
    let mut w = d.watch.clone().unwrap_or_default();
    egui::Grid::new("checks_fields")
        .num_columns(2)
        .show(ui, |ui| {
            let id = ui.label("Monitored").id;
            if ui
                .checkbox(&mut w.monitored, "someone is alerted")
                .labelled_by(id)
                .changed()
            {
                edit.clicked = true;
            }
            ui.end_row();
            if super::labeled_text(ui, "Monitored by", &mut w.monitored_by, false) {
                edit.typed = Some("monitored by");
            }
            if super::labeled_text(ui, "Synthetic transaction", &mut w.synthetic, false) {
                edit.typed = Some("synthetic");
            }
            let id = ui.label("Shadow testing").id;
            if ui
                .checkbox(&mut w.shadow, "new versions shadow-tested")
                .labelled_by(id)
                .changed()
            {
                edit.clicked = true;
            }
            ui.end_row();
        });
    d.watch = (w != ProductionChecks::default()).then_some(w);
}

/// The teams a change of `d` must coordinate when the cost does not say: counted (by the
/// model's rule) over its two systems, wherever they live — today's map or a scenario that
/// adds them (a phase's queue is owned by the platform team, not by nobody).
fn derived_teams(ws: &Workspace, d: &Dependency) -> u32 {
    let find = |id: &str| {
        ws.systems.get(id).or_else(|| {
            ws.scenarios
                .values()
                .flat_map(|s| &s.added_systems)
                .find(|x| x.id == id)
        })
    };
    let mut ends = Workspace::new("");
    for id in [&d.from, &d.to] {
        if let Some(s) = find(id) {
            ends.systems.insert(s.id.clone(), s.clone());
        }
    }
    Dependency {
        cost: None,
        ..d.clone()
    }
    .coordination_teams(&ends)
}

fn cost_ui(
    ui: &mut egui::Ui,
    state: &mut InspectorState,
    ws: &Workspace,
    key: &str,
    d: &mut Dependency,
    edit: &mut PlanEdit,
) {
    let buffers = &mut state.buffers;
    let mut c = d.cost.unwrap_or_default();
    let derived = derived_teams(ws, d);
    egui::Grid::new("cost_fields")
        .num_columns(2)
        .show(ui, |ui| {
            let id = ui.label("Hours per month").id;
            let current = d.cost.map(|c| c.hours_per_month);
            if let Some(v) = parsed_field(
                ui,
                buffers,
                &format!("{key}.hours"),
                id,
                current.as_ref(),
                "none",
                parse_non_negative,
            ) {
                c.hours_per_month = v.unwrap_or(0.0);
                edit.clicked = true;
            }
            ui.end_row();
            let id = ui.label("Teams to coordinate").id;
            ui.horizontal(|ui| {
                if let Some(v) = parsed_field(
                    ui,
                    buffers,
                    &format!("{key}.teams"),
                    id,
                    c.teams.as_ref(),
                    "from owners",
                    |s| {
                        parse_count(s).and_then(|v| {
                            if v == 0 {
                                Err("at least 1; leave empty for the owners' count".into())
                            } else {
                                Ok(v)
                            }
                        })
                    },
                ) {
                    c.teams = v;
                    edit.clicked = true;
                }
                ui.label(RichText::new(format!("derived: {derived}")).small().weak());
            });
            ui.end_row();
        });
    d.cost = (c != Cost::default()).then_some(c);
}

/// Where a dependency a scenario adds lives: the scenario (a roadmap phase's first, then the
/// others) and its index there.
pub(super) fn scenario_dependency<'a>(
    ws: &'a Workspace,
    id: &str,
) -> Option<(&'a Scenario, usize)> {
    let in_roadmap = ws
        .roadmap
        .iter()
        .filter_map(|p| ws.scenarios.get(&p.scenario));
    in_roadmap
        .chain(ws.scenarios.values())
        .find_map(|s| Some((s, s.added_dependencies.iter().position(|d| d.id() == id)?)))
}

/// The inspector of a dependency a scenario adds: its plan, edited in the scenario.
pub(super) fn scenario_dependency_ui(
    ui: &mut egui::Ui,
    state: &mut InspectorState,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
    id: &str,
) {
    let Some((scenario, i)) = scenario_dependency(cx.ws(), id) else {
        return;
    };
    let orig = &scenario.added_dependencies[i];
    let mut d = orig.clone();
    ui.heading(dependency_name(cx.ws(), id));
    let phase = cx.ws().roadmap.iter().find(|p| p.scenario == scenario.id);
    ui.label(
        RichText::new(match phase {
            Some(p) => format!("Added by phase {} (scenario “{}”)", p.name, scenario.name),
            None => format!("Added by scenario “{}”", scenario.name),
        })
        .small()
        .weak(),
    );
    let mut edit = PlanEdit::default();
    plan_ui(ui, state, cx, &mut d, &mut edit);
    if (edit.typed.is_some() || edit.clicked) && d != *orig {
        let mut s = scenario.clone();
        s.added_dependencies[i] = d;
        let label = format!("Edit dependency in scenario {}", s.name);
        commit(out, Op::Update(s.into()), &label, id, edit.typed);
    }
}

/// "Trading platform → Trade event stream" for a dependency id, wherever it lives.
pub(crate) fn dependency_name(ws: &Workspace, id: &str) -> String {
    let name = |s: &str| -> String {
        let added = || {
            ws.scenarios
                .values()
                .flat_map(|sc| &sc.added_systems)
                .find(|x| x.id == s)
        };
        ws.systems
            .get(s)
            .or_else(added)
            .map_or_else(|| s.to_owned(), |x| x.name.clone())
    };
    match crate::model::parse_dependency_id(id) {
        Some((from, to, _)) => format!("{} → {}", name(from), name(to)),
        None => id.to_owned(),
    }
}
