//! Findings (what the analysis says about how these systems fail together): the top ten risks
//! in rank order, the rest grouped by pattern behind "Show all", and the cascade player: "what if this system goes down / gets slow?" played on the canvas.

use std::collections::BTreeMap;

use egui::{Color32, RichText};

use crate::analysis::{self, Analysis, Cascade, Effect, FailMode, FindingKind};
use crate::model::Workspace;
use crate::ui::actions::{Action, CameraRequest};
use crate::ui::panel_ctx::PanelCtx;
use crate::ui::view::ViewState;

#[derive(Default)]
pub struct FindingsState {
    /// The analysis, and the document revision and scenario (target state) it was made for.
    cache: Option<((u64, Option<String>), Analysis)>,
    pub cascade: Option<CascadePlayer>,
    /// Every finding is listed, not only the top risks.
    show_all: bool,
}

/// How many top risks the panel lists before "Show all".
const PANEL_TOP: usize = 10;

/// A cascade being played on the canvas.
pub struct CascadePlayer {
    pub cascade: Cascade,
    /// Steps shown so far.
    pub shown: usize,
    pub playing: bool,
    /// UI time of the last automatic step.
    last_step: f64,
}

/// How a cascade effect is marked on the canvas.
pub fn effect_color(effect: Effect) -> Color32 {
    match effect {
        Effect::Fails | Effect::Overloaded => Color32::from_rgb(0xD5, 0x5E, 0x00),
        Effect::Slow | Effect::Backlog | Effect::Degraded => Color32::from_rgb(0xE6, 0x9F, 0x00),
    }
}

pub(crate) fn severity_color(s: analysis::Severity) -> Color32 {
    match s {
        analysis::Severity::Critical => Color32::from_rgb(0xD5, 0x5E, 0x00),
        analysis::Severity::High => Color32::from_rgb(0xE6, 0x9F, 0x00),
        analysis::Severity::Medium => Color32::from_rgb(0x56, 0xB4, 0xE9),
        analysis::Severity::Low => Color32::GRAY,
    }
}

/// The scenario whose target state the findings are for: the one shown as target or difference.
fn analysed_scenario<'a>(
    view: &ViewState,
    ws: &'a Workspace,
) -> Option<&'a crate::model::Scenario> {
    match view.shown_scenario(ws) {
        Some((s, show)) if show != crate::ui::view::ScenarioShow::Current => Some(s),
        _ => None,
    }
}

/// The analysis of the document as it is now, or of the target state of the scenario being
/// shown, from the cache (made again only when either changed); the canvas draws from it too.
pub fn analysis_of<'a>(
    state: &'a mut FindingsState,
    doc: &crate::document::Document,
    view: &ViewState,
) -> &'a Analysis {
    let scenario = analysed_scenario(view, doc.ws());
    let key = (doc.revision, scenario.map(|s| s.id.clone()));
    if state.cache.as_ref().is_none_or(|(k, _)| *k != key) {
        state.cache = None;
    }
    &state
        .cache
        .get_or_insert_with(|| {
            let a = match scenario {
                Some(s) => analysis::analyze(&s.target(doc.ws())),
                None => analysis::analyze(doc.ws()),
            };
            (key, a)
        })
        .1
}

/// The top risks in rank order (each with the other findings about the same systems named under
/// it), then, behind "Show all", every other finding grouped by pattern. Clicking a finding
/// selects and highlights what it is about and zooms to it.
pub fn findings_ui(
    ui: &mut egui::Ui,
    state: &mut FindingsState,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
) {
    analysis_of(state, cx.doc, cx.view);
    let Some((_, a)) = &state.cache else {
        return;
    };
    let findings = &a.findings;
    let mut clicked: Option<(Vec<String>, Vec<String>)> = None;
    let mut toggle = false;
    let open = findings.iter().filter(|f| f.accepted.is_none()).count();
    match analysed_scenario(cx.view, cx.ws()) {
        Some(s) => ui.strong(format!(
            "Findings for the target state of scenario “{}” ({open} open, {} accepted)",
            s.name,
            findings.len() - open
        )),
        None => ui.strong(format!(
            "Findings ({open} open, {} accepted)",
            findings.len() - open
        )),
    };
    let tops = analysis::top_risks(a, PANEL_TOP);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if !tops.is_empty() {
                ui.label(RichText::new("Top risks").strong());
            }
            for (rank, (f, also)) in tops.iter().enumerate() {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("{}.", rank + 1)).monospace());
                    if finding_row_ui(ui, cx.ws(), f) {
                        clicked = Some((f.systems.clone(), f.dependencies.clone()));
                    }
                });
                if !also.is_empty() {
                    let words: Vec<String> =
                        also.iter().map(|g| g.kind.one().to_lowercase()).collect();
                    ui.label(
                        RichText::new(format!(
                            "    also: {}",
                            crate::text::and_list(&words)
                        ))
                        .weak()
                        .small(),
                    );
                }
            }
            let rest: Vec<&analysis::Finding> = findings
                .iter()
                .filter(|f| !tops.iter().any(|(t, _)| t.id == f.id))
                .collect();
            if !rest.is_empty() {
                let label = if state.show_all {
                    "Show the top risks only".to_owned()
                } else {
                    format!(
                        "Show all {}",
                        crate::text::plural(findings.len(), "finding", "findings")
                    )
                };
                if ui.button(label).clicked() {
                    toggle = true;
                }
            }
            if state.show_all {
                for kind in FindingKind::ALL {
                    let list: Vec<&&analysis::Finding> =
                        rest.iter().filter(|f| f.kind == *kind).collect();
                    if list.is_empty() {
                        continue;
                    }
                    egui::CollapsingHeader::new(format!("{} ({})", kind.label(), list.len()))
                        .default_open(true)
                        .show(ui, |ui| {
                            for f in list {
                                ui.horizontal_wrapped(|ui| {
                                    if finding_row_ui(ui, cx.ws(), f) {
                                        clicked = Some((f.systems.clone(), f.dependencies.clone()));
                                    }
                                });
                            }
                        });
                }
            }
            if findings.is_empty() {
                ui.label(RichText::new("No findings: no cycles, shared stores, conflicts or mismatches on this map yet. Add capacities, windows and entities to sharpen the analysis.").weak());
            }
        });
    if toggle {
        state.show_all = !state.show_all;
    }
    if let Some((systems, deps)) = clicked {
        let ids: Vec<String> = systems.into_iter().chain(deps).collect();
        out.push(Action::view(move |view| {
            view.selection = ids.iter().cloned().collect();
            view.highlight_for(ids, "Finding: what it is about is highlighted");
        }));
        out.push(Action::Camera(CameraRequest::ZoomToSelection));
    }
}

/// One finding: its severity and score, what it is about, and its sentence as a button (the mitigation on hover).
/// True when it was clicked.
fn finding_row_ui(ui: &mut egui::Ui, ws: &Workspace, f: &analysis::Finding) -> bool {
    ui.label(
        RichText::new(format!("● {} {}", f.severity.as_str(), f.score))
            .color(severity_color(f.severity)),
    )
    .on_hover_text(format!(
        "{}: impact score {} of 100 (the share of the map's criticality it reaches)",
        f.kind.one(),
        f.score
    ));
    ui.label(
        RichText::new(format!(
            "{}: {}",
            f.kind.one(),
            analysis::text::names(ws, f.origin_systems())
        ))
        .strong(),
    );
    let text = match &f.accepted {
        Some(reason) => RichText::new(format!("{} (accepted: {reason})", f.sentence)).weak(),
        None => RichText::new(&f.sentence),
    };
    ui.selectable_label(false, text)
        .on_hover_text(format!("Mitigation: {}", f.mitigation))
        .clicked()
}

/// Closes the cascade player; `clear_marks` then takes its marks off the map (the caller
/// clears the highlight).
pub fn close_cascade(state: &mut FindingsState) {
    state.cascade = None;
}

/// Takes a cascade's marks off the map.
pub fn clear_marks(view: &mut ViewState) {
    view.marks.clear();
    view.tripped.clear();
    view.backlogs.clear();
    view.cascade_notes.clear();
    view.travelled.clear();
}

/// Starts playing "what if `system` fails in `mode`" on the canvas.
pub fn simulate(
    state: &mut FindingsState,
    ws: &Workspace,
    system: &str,
    mode: FailMode,
    out: &mut Vec<Action>,
) {
    match analysis::cascade(ws, system, mode) {
        Ok(cascade) => {
            let player = CascadePlayer {
                cascade,
                shown: 1,
                playing: true,
                last_step: f64::NEG_INFINITY,
            };
            state.cascade = Some(player);
            out.push(Action::CascadeMarks);
        }
        Err(e) => out.push(Action::Status(format!("Simulation: {e}"))),
    }
}

/// Marks the systems reached so far on the canvas (the shared highlight + per-system colours).
pub fn mark_cascade(p: &CascadePlayer, ws: &Workspace, view: &mut ViewState) {
    let mut marks = BTreeMap::new();
    for s in p.cascade.steps.iter().take(p.shown) {
        let worst = marks
            .get(&s.system)
            .copied()
            .map_or(s.effect, |e: Effect| e.min(s.effect));
        marks.insert(s.system.clone(), worst);
    }
    let reason = format!(
        "Cascade: what {} failing reaches so far",
        ws.system_name(&p.cascade.failed)
    );
    let highlighted: Vec<String> = marks
        .keys()
        .cloned()
        .chain(std::iter::once(p.cascade.failed.clone()))
        .collect();
    // Breakers that tripped: a sync dependency with a circuit breaker from a caller that is
    // now degraded to a system that fails, is slow or is overloaded.
    let bad = |id: &str| {
        marks
            .get(id)
            .is_some_and(|e| matches!(e, Effect::Fails | Effect::Slow | Effect::Overloaded))
            || id == p.cascade.failed
    };
    let tripped: std::collections::BTreeSet<String> = ws
        .dependencies
        .iter()
        .filter(|(_, d)| {
            d.circuit_breaker && marks.get(&d.from) == Some(&Effect::Degraded) && bad(&d.to)
        })
        .map(|(id, _)| id.clone())
        .collect();
    // Backlogs grow from the moment they start until the clock of the last step shown.
    let now_ms = p
        .cascade
        .steps
        .iter()
        .take(p.shown)
        .map(|s| s.at_ms)
        .max()
        .unwrap_or(0);
    let backlogs: BTreeMap<String, f32> = p
        .cascade
        .steps
        .iter()
        .take(p.shown)
        .filter(|s| s.effect == Effect::Backlog)
        .map(|s| {
            (
                s.system.clone(),
                (now_ms.saturating_sub(s.at_ms) as f32 / 1000.0),
            )
        })
        .collect();
    // What happened to each system, in words (its first step: when it started).
    let mut notes: BTreeMap<String, String> = BTreeMap::new();
    let mut started: BTreeMap<&str, u64> = BTreeMap::new();
    started.insert(p.cascade.failed.as_str(), 0);
    for s in p.cascade.steps.iter().take(p.shown) {
        started.entry(s.system.as_str()).or_insert(s.at_ms);
        notes.entry(s.system.clone()).or_insert_with(|| {
            let load = if s.load_multiplier > 1.0 {
                format!(" · load {}", s.load_text())
            } else {
                String::new()
            };
            // Because of what (the step's cause), in a word: "slow +12.0 s ← Shipping calculator".
            let cause = s
                .cause
                .as_deref()
                .map(|c| format!(" ← {}", ws.system_name(c)))
                .unwrap_or_default();
            format!("{} {}{load}{cause}", s.effect.as_str(), s.when_text())
        });
    }
    // The dependencies it travelled: from each system reached to the one that caused its step.
    let caused: std::collections::BTreeSet<(&str, &str)> = p
        .cascade
        .steps
        .iter()
        .take(p.shown)
        .filter_map(|s| Some((s.system.as_str(), s.cause.as_deref()?)))
        .collect();
    let travelled: BTreeMap<String, Color32> = ws
        .dependencies
        .iter()
        .filter_map(|(id, d)| {
            let effect = *marks.get(&d.from)?;
            caused
                .contains(&(d.from.as_str(), d.to.as_str()))
                .then(|| (id.clone(), effect_color(effect)))
        })
        .collect();
    let marks: BTreeMap<String, Color32> = marks
        .into_iter()
        .map(|(id, e)| (id, effect_color(e)))
        .collect();
    view.highlight_for(
        highlighted.into_iter().chain(travelled.keys().cloned()),
        reason,
    );
    view.cascade_notes = notes;
    view.travelled = travelled;
    view.tripped = tripped;
    view.backlogs = backlogs;
    view.marks = marks;
}

/// The cascade window: a clock, play/pause/step, and the timeline so far.
pub fn cascade_ui(
    ui: &mut egui::Ui,
    state: &mut FindingsState,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
) {
    let Some(p) = &mut state.cascade else {
        ui.label(
            RichText::new(
                "No cascade is playing. Right-click a system on the map: What if it is down / slow?",
            )
            .weak(),
        );
        return;
    };
    let ctx = ui.ctx().clone();
    let now = ctx.input(|i| i.time);
    let total = p.cascade.steps.len();
    let mut changed = false;
    if p.playing && p.shown < total {
        if now - p.last_step >= 0.8 {
            p.shown += 1;
            p.last_step = now;
            changed = true;
        }
        ctx.request_repaint_after(std::time::Duration::from_millis(200));
    }
    let mut close = false;
    let failed_name = cx.ws().system_name(&p.cascade.failed).to_owned();
    let at_ms = p
        .cascade
        .steps
        .get(p.shown.saturating_sub(1))
        .map_or(0, |s| s.at_ms);
    {
        {
            ui.strong(format!(
                "What if {failed_name} is {}?",
                p.cascade.mode.as_str()
            ));
            ui.label(
                RichText::new(format!(
                    "⏱ t + {:.1} s · step {} of {total}",
                    at_ms as f64 / 1000.0,
                    p.shown
                ))
                .monospace(),
            );
            ui.horizontal(|ui| {
                if ui
                    .button(if p.playing { "⏸ Pause" } else { "▶ Play" })
                    .clicked()
                {
                    p.playing = !p.playing;
                    p.last_step = now;
                }
                if ui
                    .add_enabled(p.shown > 1, egui::Button::new("◀ Step back"))
                    .clicked()
                {
                    p.shown -= 1;
                    p.playing = false;
                    changed = true;
                }
                if ui
                    .add_enabled(p.shown < total, egui::Button::new("Step ▶"))
                    .clicked()
                {
                    p.shown += 1;
                    p.playing = false;
                    changed = true;
                }
                if ui
                    .button("✕ Stop cascade")
                    .on_hover_text("Stop playing and take the marks off the map")
                    .clicked()
                {
                    close = true;
                }
            });
            ui.separator();
            for s in p.cascade.steps.iter().take(p.shown) {
                let name = cx.ws().system_name(&s.system);
                let text = format!(
                    "{:>9}  {name} {}{}",
                    s.when_text(),
                    s.effect.as_str(),
                    if s.load_multiplier > 1.0 {
                        format!(" (load {})", s.load_text())
                    } else {
                        String::new()
                    }
                );
                ui.label(
                    RichText::new(text)
                        .monospace()
                        .color(effect_color(s.effect)),
                );
                // Why, in words (the retries, the timeout waited, the load at that moment).
                ui.label(RichText::new(&s.reason).small().weak());
            }
            if p.shown >= total && total <= 1 {
                ui.label("Nothing else is affected: callers are protected (circuit breakers, queues) or there are none.");
            }
        }
    }
    if close {
        close_cascade(state);
        out.push(Action::view(|view| {
            clear_marks(view);
            view.clear_highlight();
        }));
    } else if changed {
        out.push(Action::CascadeMarks);
        out.push(Action::Camera(CameraRequest::FollowCascade));
    }
}
