//! The Rollouts tab: every dependency with a canary rollout — on today's map or added by a
//! roadmap phase or a scenario — with its stages (share, duration, status, date, the predicted
//! load on the callee), the load warning, a stage waiting for its gate's rehearsal, the signals,
//! the rollback and the gate. Clicking one selects it on the map (showing the phase that adds
//! it). Above them, the production-check coverage meter.

use egui::RichText;

use crate::analysis::plan::{CheckCoverage, RolloutReport, check_coverage, rollouts};
use crate::model::Workspace;
use crate::ui::actions::{Action, CameraRequest};
use crate::ui::inspector::dependency_name;
use crate::ui::panel_ctx::PanelCtx;
use crate::ui::view::ScenarioShow;

/// What the Rollouts tab keeps: the analysis of the document revision it was made for.
#[derive(Debug, Clone, Default)]
pub struct RolloutsPanelState {
    made: Option<(u64, Vec<RolloutReport>, CheckCoverage)>,
}

static EMPTY: CheckCoverage = CheckCoverage {
    checked: 0,
    total: 0,
    unchecked: Vec::new(),
    unwatched_important: Vec::new(),
};

fn analysed<'a>(
    state: &'a mut RolloutsPanelState,
    cx: &PanelCtx,
) -> (&'a [RolloutReport], &'a CheckCoverage) {
    let revision = cx.doc.revision;
    if state.made.as_ref().is_none_or(|m| m.0 != revision) {
        state.made = Some((revision, rollouts(cx.ws()), check_coverage(cx.ws())));
    }
    match &state.made {
        Some(m) => (&m.1, &m.2),
        None => (&[], &EMPTY),
    }
}

/// Selects the rollout's dependency on the map, showing the roadmap step or scenario that adds
/// it first.
fn select(ws: &Workspace, cx: &PanelCtx, r: &RolloutReport, out: &mut Vec<Action>) {
    if let Some(k) = r.phase.as_deref().and_then(|p| ws.phase_index(p)) {
        if cx.view.roadmap_step != Some(k + 1) || cx.view.scenario.is_some() {
            crate::ui::roadmap_panel::show_step(ws, cx.view, Some(k + 1), out);
        }
    } else if let Some(s) = &r.scenario {
        if cx.view.scenario.as_ref().map(|(id, _)| id) != Some(s) {
            let s = s.clone();
            out.push(Action::Camera(CameraRequest::Fit));
            out.push(Action::view(move |v| {
                v.scenario = Some((s, ScenarioShow::Difference));
            }));
        }
    } else if cx.view.shown_step(ws).is_some_and(|k| k > 0) {
        // On today's map: stop showing a later state where it may be gone.
        crate::ui::roadmap_panel::show_step(ws, cx.view, Some(0), out);
    }
    let id = r.dependency.clone();
    out.push(Action::Status(format!(
        "Rollout of {}",
        dependency_name(ws, &id)
    )));
    out.push(Action::view(move |v| v.select_only(&id)));
}

/// The production-check coverage: a meter, and the important points nobody watches.
pub fn coverage_ui(ui: &mut egui::Ui, c: &CheckCoverage, cx: &PanelCtx, out: &mut Vec<Action>) {
    ui.strong("Production checks");
    ui.label(format!(
        "{} of {} integration points have a check ({:.0} %)",
        c.checked,
        c.total,
        c.fraction() * 100.0
    ));
    #[allow(clippy::cast_possible_truncation)]
    let bar = egui::ProgressBar::new(c.fraction() as f32).desired_height(8.0);
    ui.add(bar).widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::WidgetType::ProgressIndicator,
            true,
            format!("Production check coverage {}/{}", c.checked, c.total),
        )
    });
    if !c.unwatched_important.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!(
                    "{} nobody watches",
                    crate::text::plural(
                        c.unwatched_important.len(),
                        "important integration point",
                        "important integration points"
                    )
                ))
                .color(ui.visuals().warn_fg_color),
            );
            if ui
                .button("Show them")
                .on_hover_text("Highlight them on the map (Esc lets go)")
                .clicked()
            {
                let ids = c.unwatched_important.clone();
                let ws = cx.ws();
                let mut lit: Vec<String> = ids.clone();
                for id in &ids {
                    if let Some(d) = ws.dependencies.get(id) {
                        lit.push(d.from.clone());
                        lit.push(d.to.clone());
                    }
                }
                out.push(Action::view(move |v| {
                    v.highlight_for(lit, "important integration points nobody watches");
                }));
            }
        });
    }
}

/// The tab's contents.
pub fn rollouts_ui(
    ui: &mut egui::Ui,
    state: &mut RolloutsPanelState,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
) {
    let (reports, coverage) = analysed(state, cx);
    let (reports, coverage) = (reports.to_vec(), coverage.clone());
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Rollouts");
            coverage_ui(ui, &coverage, cx, out);
            ui.separator();
            if reports.is_empty() {
                ui.label(RichText::new("No rollouts yet. Select a dependency and plan a canary rollout in the inspector: stages of growing traffic share, the signals to watch, when to roll back.").weak());
            }
            for r in &reports {
                rollout_ui(ui, r, cx, out);
                ui.separator();
            }
        });
}

fn rollout_ui(ui: &mut egui::Ui, r: &RolloutReport, cx: &PanelCtx, out: &mut Vec<Action>) {
    let ws = cx.ws();
    let name = dependency_name(ws, &r.dependency);
    let selected = cx.view.selection.contains(&r.dependency);
    let b = ui
        .selectable_label(selected, RichText::new(&name).strong())
        .on_hover_text("Select it on the map");
    b.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::WidgetType::Button,
            true,
            selected,
            format!("Rollout: {name}"),
        )
    });
    if b.clicked() {
        select(ws, cx, r, out);
    }
    let place = match (&r.phase, &r.scenario) {
        (Some(p), _) => {
            let name = ws
                .roadmap
                .iter()
                .find(|x| &x.id == p)
                .map_or(p.as_str(), |x| &x.name);
            format!("added by phase {name}")
        }
        (None, Some(s)) => {
            let name = ws.scenarios.get(s).map_or(s.as_str(), |x| &x.name);
            format!("added by scenario {name}")
        }
        (None, None) => "on today's map".to_owned(),
    };
    ui.label(RichText::new(place).small().weak());
    crate::ui::inspector::alerts_ui(ui, ws, r);
    // A line per stage and its predicted load under it: wraps in a narrow column.
    for (i, (s, p)) in r.rollout.stages.iter().zip(&r.stages).enumerate() {
        let mut line = format!(
            "{}. {} % · {} · {}",
            i + 1,
            crate::analysis::text::num(s.share_percent),
            s.duration_text(),
            s.status.label()
        );
        if let Some(d) = s.date {
            w!(line, " · {d}");
        }
        let current = r.rollout.current() == Some(i);
        ui.label(if current {
            RichText::new(line).strong()
        } else {
            RichText::new(line)
        });
        let over = p.load.percent().is_some_and(|x| x > 100.0);
        let text = RichText::new(format!("      callee: {}", p.load.text())).small();
        ui.label(if over {
            text.color(ui.visuals().error_fg_color)
        } else {
            text.weak()
        });
    }
    let signals: Vec<String> = r
        .rollout
        .signals
        .iter()
        .map(|s| {
            format!(
                "{} ≤ {}",
                s.what.label(),
                crate::analysis::text::num(s.threshold)
            )
        })
        .collect();
    if !signals.is_empty() {
        ui.label(format!("Signals: {}", signals.join(" · ")));
    }
    if !r.rollout.rollback_trigger.is_empty() || !r.rollout.rollback_action.is_empty() {
        ui.label(format!(
            "Rollback: {} → {}",
            if r.rollout.rollback_trigger.is_empty() {
                "(no trigger)"
            } else {
                &r.rollout.rollback_trigger
            },
            if r.rollout.rollback_action.is_empty() {
                "(no action)"
            } else {
                &r.rollout.rollback_action
            }
        ));
    }
    for id in &r.rollout.gate {
        let fm = ws.failure_modes.get(id);
        let title = fm.map_or(id.as_str(), |f| f.title.as_str());
        let rehearsed = fm.is_some_and(|f| !f.rehearsals.is_empty());
        ui.label(format!(
            "Gate: {title} — {}",
            if rehearsed {
                "rehearsed"
            } else {
                "not rehearsed"
            }
        ));
    }
}
