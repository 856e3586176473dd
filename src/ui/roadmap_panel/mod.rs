//! The Roadmap tab: the phases in order (each a scenario applied on the state the phases before
//! leave), edited in place; stepping through them on the map (◀ ▶, and in presentation mode the
//! keys that step saved views), each step's added and removed items marked; per step the
//! findings by severity, the top-risk score and the cost, and the risk trend chart.

mod chart;
mod phases;

use egui::RichText;

use chart::{cost_by_team, trend_series};

use crate::analysis::plan::PhaseReport;
use crate::model::Workspace;
use crate::ui::actions::{Action, CameraRequest};
use crate::ui::panel_ctx::PanelCtx;
use crate::ui::view::ViewState;

/// What the Roadmap tab keeps for itself.
#[derive(Debug, Clone, Default)]
pub struct RoadmapPanelState {
    /// Name for "Add phase".
    pub new_phase: String,
    /// Text typed into the target date field, kept while it does not parse.
    pub(crate) buffers: std::collections::HashMap<String, String>,
    /// The roadmap analysed, and the document revision it was made for.
    reports: Option<(u64, Vec<PhaseReport>)>,
}

/// The roadmap analysed (today and every phase), made again when the document changed.
pub fn reports<'a>(state: &'a mut RoadmapPanelState, cx: &PanelCtx) -> &'a [PhaseReport] {
    let revision = cx.doc.revision;
    if state.reports.as_ref().is_none_or(|(r, _)| *r != revision) {
        state.reports = Some((revision, crate::analysis::plan::roadmap(cx.ws())));
    }
    state.reports.as_ref().map_or(&[], |(_, r)| r.as_slice())
}

/// The name of roadmap step `k`: "Today" or "Phase k: name".
pub fn step_name(ws: &Workspace, k: usize) -> String {
    match k.checked_sub(1).and_then(|i| ws.roadmap.get(i)) {
        Some(p) => format!("Phase {k}: {}", p.name),
        None => "Today".to_owned(),
    }
}

/// Shows roadmap step `k` on the map (0 today, k the state after phase k, its changes marked),
/// or stops stepping with `None`. A scenario shown closes: the roadmap is shown instead.
pub fn show_step(ws: &Workspace, view: &ViewState, k: Option<usize>, out: &mut Vec<Action>) {
    let k = k.map(|k| k.min(ws.roadmap.len()));
    if view.roadmap_step.is_none() && k.is_some() {
        // What the phases add may lie outside the view.
        out.push(Action::Camera(CameraRequest::Fit));
    }
    if let Some(k) = k {
        let mut text = format!("Roadmap: {}", step_name(ws, k));
        if let Some(i) = k.checked_sub(1)
            && let Some(step) = ws.roadmap_steps().get(i)
        {
            w!(
                text,
                " ({} added, {} removed)",
                step.diff.added.len(),
                step.diff.removed.len()
            );
        }
        out.push(Action::Status(text));
    }
    out.push(Action::view(move |v| {
        v.roadmap_step = k;
        if k.is_some() {
            v.scenario = None;
        }
    }));
}

/// Steps to the next (or previous) roadmap step, stopping at today and at the last phase.
pub fn step_roadmap(ws: &Workspace, view: &ViewState, forward: bool, out: &mut Vec<Action>) {
    if ws.roadmap.is_empty() {
        out.push(Action::Status(
            "No roadmap yet: add phases in the Roadmap tab".into(),
        ));
        return;
    }
    let now = view.shown_step(ws);
    let next = match (now, forward) {
        (None, _) => 0,
        (Some(k), true) => (k + 1).min(ws.roadmap.len()),
        (Some(k), false) => k.saturating_sub(1),
    };
    if now == Some(next) {
        out.push(Action::Status(if forward {
            format!("{} is the last phase", step_name(ws, next))
        } else {
            "Today is the first step".to_owned()
        }));
        return;
    }
    show_step(ws, view, Some(next), out);
}

/// The keys that step saved views step the roadmap while a roadmap step is shown.
pub fn step_roadmap_or_view(
    ws: &Workspace,
    view: &ViewState,
    forward: bool,
    out: &mut Vec<Action>,
) {
    if view.shown_step(ws).is_some() && !ws.roadmap.is_empty() {
        step_roadmap(ws, view, forward, out);
    } else {
        crate::ui::views_panel::step_view(ws, view, forward, out);
    }
}

/// The tab's contents.
pub fn roadmap_ui(
    ui: &mut egui::Ui,
    state: &mut RoadmapPanelState,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Roadmap");
            let ws = cx.ws();
            if ws.roadmap.is_empty() {
                ui.label(RichText::new("A roadmap is phases in order, each a scenario applied on the state the phases before leave. Make scenarios in Views, filters & scenarios, then add a phase for each.").weak());
            } else {
                stepper_ui(ui, cx, out);
                ui.separator();
            }
            phases::phases_ui(ui, state, cx, out);
            if ws.roadmap.is_empty() {
                return;
            }
            ui.separator();
            let reports = reports(state, cx).to_vec();
            summary_ui(ui, &reports, cx);
            ui.separator();
            ui.strong("Risk trend");
            chart::trend_chart_ui(ui, &trend_series(&reports), cx.view.shown_step(ws));
            ui.separator();
            ui.strong("Integration cost by team (hours per month)");
            let shown = cx.view.shown_step(ws).unwrap_or(0);
            if let Some(r) = reports.get(shown) {
                ui.label(
                    RichText::new(format!("{} — {}", step_name(ws, shown), cost_line(r))).weak(),
                );
                chart::cost_chart_ui(ui, &cost_by_team(r));
            }
        });
}

/// ◀ step ▶: which step the map shows, and stepping.
fn stepper_ui(ui: &mut egui::Ui, cx: &PanelCtx, out: &mut Vec<Action>) {
    let ws = cx.ws();
    let shown = cx.view.shown_step(ws);
    ui.horizontal_wrapped(|ui| {
        let back = ui
            .add_enabled(shown.is_some_and(|k| k > 0), egui::Button::new("◀"))
            .on_hover_text("Previous step (in presentation mode: ← or ↑)");
        back.widget_info(|| {
            egui::WidgetInfo::labeled(egui::WidgetType::Button, true, "Previous phase")
        });
        if back.clicked() {
            step_roadmap(ws, cx.view, false, out);
        }
        let label = match shown {
            Some(0) => format!("Today (0/{})", ws.roadmap.len()),
            Some(k) => format!(
                "Phase {k}/{}: {}",
                ws.roadmap.len(),
                ws.roadmap.get(k - 1).map_or("", |p| p.name.as_str())
            ),
            None => "Not stepping".to_owned(),
        };
        ui.label(RichText::new(label).strong());
        let fwd = ui
            .add_enabled(
                shown.is_none_or(|k| k < ws.roadmap.len()),
                egui::Button::new("▶"),
            )
            .on_hover_text("Next step (in presentation mode: → or ↓)");
        fwd.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Button, true, "Next phase"));
        if fwd.clicked() {
            step_roadmap(ws, cx.view, true, out);
        }
        if shown.is_some()
            && ui
                .button("✕ Stop")
                .on_hover_text("Show today's map again")
                .clicked()
        {
            show_step(ws, cx.view, None, out);
        }
    });
    if cx.view.scenario.is_some() && shown.is_some() {
        ui.label(
            RichText::new("A scenario is shown on the map; close it to see the roadmap step.")
                .color(ui.visuals().warn_fg_color),
        );
    } else if shown.is_some_and(|k| k > 0) {
        ui.horizontal(|ui| crate::ui::views_panel::diff_legend(ui, &cx.theme));
    }
}

/// "12.0 → 9.5 h/month": the cost before the step and after it.
fn cost_line(r: &PhaseReport) -> String {
    if r.index == 0 {
        format!("{:.1} h/month", r.cost.total_hours)
    } else {
        format!("{:.1} → {:.1} h/month", r.cost_before, r.cost.total_hours)
    }
}

/// Per step: findings by severity, the top-risk score, the cost before and after — a line
/// each, wrapping in a narrow panel.
fn summary_ui(ui: &mut egui::Ui, reports: &[PhaseReport], cx: &PanelCtx) {
    ui.strong("Per step");
    let shown = cx.view.shown_step(cx.ws());
    for r in reports {
        let name = if r.index == 0 {
            "Today".to_owned()
        } else {
            format!("{}. {}", r.index, r.name)
        };
        let mut text = RichText::new(name);
        if shown == Some(r.index) {
            text = text.strong().underline();
        }
        ui.label(text);
        let c = r.counts;
        ui.label(RichText::new(format!(
            "    {} critical · {} high · {} medium · {} low · top risk {:.0} · {}",
            c.critical,
            c.high,
            c.medium,
            c.low,
            r.top_risk,
            cost_line(r)
        )))
        .on_hover_text(r.top_risk_finding.as_deref().unwrap_or("no open finding"));
    }
}
