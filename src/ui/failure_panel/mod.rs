//! Failure-mode choreography: a list of failure modes ranked by RPN (a tab of the workspace),
//! the inspector's editor for one of them ([`editor`]), and the rehearsal step-through
//! ([`rehearsal`]). Every change is an `ops` edit (undoable), pushed as an [`Action`].

mod editor;
mod rehearsal;

pub use editor::failure_editor_ui;
pub use rehearsal::{rehearsal_title, rehearsal_ui};

use egui::RichText;

use crate::model::{FailureHow, FailureMode, Trigger, Workspace};
use crate::ops::Op;
use crate::ui::actions::{Action, CameraRequest, DockRequest};
use crate::ui::commands::UiCommand;
use crate::ui::debt_panel::link_name;
use crate::ui::dock::Pane;
use crate::ui::panel_ctx::PanelCtx;
use crate::ui::view::ViewState;

#[derive(Debug, Clone, Default)]
pub struct FailurePanelState {
    /// Sort by RPN (default) or by title.
    pub by_title: bool,
    pub editing: Option<String>,
    pub rehearsal: Option<RehearsalRun>,
}

/// A rehearsal in progress.
#[derive(Debug, Clone)]
pub struct RehearsalRun {
    pub id: String,
    /// -1 = the trigger, 0.. = response steps, steps.len() = done.
    pub step: i64,
    pub started: f64,
    pub notes: String,
}

fn fresh_id(ws: &Workspace) -> String {
    (1..)
        .map(|i| format!("fm-{i}"))
        .find(|id| !ws.failure_modes.contains_key(id))
        .unwrap_or_else(|| "fm".into())
}

/// The failure mode editor's title field (a new failure mode hands it the keyboard).
const TITLE_FIELD: &str = "failure mode title";

/// Adds a failure mode triggered by the selected system or dependency, and opens it for
/// editing. Run by [`UiCommand::AddFailureMode`] (refused up front when read-only, so the edit
/// is not).
pub fn record_failure_mode(
    state: &mut FailurePanelState,
    ws: &Workspace,
    view: &ViewState,
    out: &mut Vec<Action>,
) {
    let Some(element) = view.selection.iter().next().cloned() else {
        out.push(Action::Status(
            "Select the system or dependency that fails first".into(),
        ));
        return;
    };
    let id = fresh_id(ws);
    let title = format!("{} goes down", link_name(ws, &element));
    let fm = FailureMode::new(
        id.clone(),
        title,
        Trigger {
            element,
            how: FailureHow::Down,
        },
    );
    out.push(Action::edit(Op::Add(fm.into()), "Add failure mode"));
    out.push(Action::Dock(DockRequest::Open(Pane::Failures)));
    state.editing = Some(id);
    out.push(Action::StopEditingDebt);
    // The proposed title is selected: typing replaces it.
    out.push(Action::FocusNext(TITLE_FIELD.into()));
}

/// The list of failure modes, ranked by RPN (or by title): a click opens one, ▶ rehearses it.
pub fn failure_modes_ui(
    ui: &mut egui::Ui,
    state: &mut FailurePanelState,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
) {
    let ws = cx.ws();
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!("Failure modes ({})", ws.failure_modes.len()));
        if ui
            .add_enabled(!cx.read_only, egui::Button::new("➕ Add failure mode"))
            .on_hover_text("Triggered by the selected system or dependency")
            .on_disabled_hover_text(crate::ui::gate::READ_ONLY_WHY)
            .clicked()
        {
            out.push(Action::Command(UiCommand::AddFailureMode));
        }
        ui.checkbox(&mut state.by_title, "sort by title (else by RPN)");
    });
    let mut rows: Vec<&FailureMode> = ws.failure_modes.values().collect();
    if state.by_title {
        rows.sort_by_key(|f| f.title.to_lowercase());
    } else {
        rows.sort_by(|a, b| b.rpn().cmp(&a.rpn()).then_with(|| a.id.cmp(&b.id)));
    }
    let mut open_item = None;
    let mut rehearse = None;
    // Docked beside the map the list is narrow: one card per failure mode instead of a table.
    let compact = ui.available_width() < crate::ui::debt_panel::COMPACT_BELOW;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if compact {
                for f in &rows {
                    let (rehearse_now, open_now) = card_ui(ui, ws, f, state.editing.as_deref());
                    if rehearse_now {
                        rehearse = Some(f.id.clone());
                    }
                    if open_now {
                        open_item = Some(f.id.clone());
                    }
                }
                return;
            }
            egui::Grid::new("failure_table")
                .striped(true)
                .num_columns(6)
                .show(ui, |ui| {
                    for h in ["RPN", "Failure mode", "Trigger", "Status", "Rehearsed", ""] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for f in &rows {
                        ui.label(rpn_text(f));
                        if ui
                            .selectable_label(state.editing.as_deref() == Some(&f.id), &f.title)
                            .clicked()
                        {
                            open_item = Some(f.id.clone());
                        }
                        ui.label(trigger_text(ws, f));
                        ui.label(f.status.label());
                        rehearsed_ui(ui, f);
                        if rehearse_button(ui) {
                            rehearse = Some(f.id.clone());
                        }
                        ui.end_row();
                    }
                });
        });
    if let Some(id) = open_item {
        show_failure(state, ws, &id, out);
    }
    if let Some(id) = rehearse {
        start_rehearsal(state, ws, &id, ui.input(|i| i.time), out);
    }
}

/// "270 (9×6×5)": the risk priority number and its factors.
fn rpn_text(f: &FailureMode) -> String {
    format!(
        "{} ({}×{}×{})",
        f.rpn(),
        f.severity,
        f.occurrence,
        f.detection_rating
    )
}

/// "Shipping calculator — slow": what triggers it, and how.
fn trigger_text(ws: &Workspace, f: &FailureMode) -> String {
    let trigger = if f.trigger.element.is_empty() {
        "(removed)".to_owned()
    } else {
        link_name(ws, &f.trigger.element)
    };
    format!("{trigger} — {}", f.trigger.how.label())
}

/// When it was last rehearsed, or a warning that it never was.
fn rehearsed_ui(ui: &mut egui::Ui, f: &FailureMode) {
    match f.rehearsals.last() {
        Some(r) => ui.label(format!("{} ({}×)", r.date, f.rehearsals.len())),
        None => ui.label(RichText::new("⚠ never rehearsed").color(ui.visuals().warn_fg_color)),
    };
}

fn rehearse_button(ui: &mut egui::Ui) -> bool {
    ui.button("▶ Rehearse")
        .on_hover_text("Step through the response on the canvas")
        .clicked()
}

/// One failure mode as a card: rehearse and title, then RPN, trigger, status and rehearsals.
/// Returns (rehearse clicked, title clicked).
fn card_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    f: &FailureMode,
    editing: Option<&str>,
) -> (bool, bool) {
    let mut out = (false, false);
    ui.horizontal_wrapped(|ui| {
        out.0 = rehearse_button(ui);
        out.1 = ui
            .selectable_label(editing == Some(&f.id), RichText::new(&f.title).strong())
            .clicked();
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("RPN {}", rpn_text(f)));
        ui.label(RichText::new(trigger_text(ws, f)).weak());
        ui.label(f.status.label());
        rehearsed_ui(ui, f);
    });
    ui.separator();
    out
}

/// Highlights what a failure mode's trigger is and opens it in the inspector.
pub fn show_failure(
    state: &mut FailurePanelState,
    ws: &Workspace,
    id: &str,
    out: &mut Vec<Action>,
) {
    let Some(f) = ws.failure_modes.get(id) else {
        return;
    };
    state.editing = Some(id.to_owned());
    out.push(Action::StopEditingDebt);
    highlight_trigger(ws, &f.trigger.element, out);
}

/// Selects, highlights and frames the element that fails first (both ends of a dependency).
fn highlight_trigger(ws: &Workspace, element: &str, out: &mut Vec<Action>) {
    if element.is_empty() {
        return;
    }
    let mut ids = vec![element.to_owned()];
    if let Some((from, to, _)) = crate::model::parse_dependency_id(element) {
        ids.push(from.to_owned());
        ids.push(to.to_owned());
    }
    let reason = format!(
        "Failure mode: what fails first ({})",
        link_name(ws, element)
    );
    out.push(Action::view(move |view| {
        view.selection = ids.iter().cloned().collect();
        view.highlight_for(ids, reason);
    }));
    out.push(Action::Camera(CameraRequest::ZoomToSelection));
}

/// Starts rehearsing failure mode `id` at UI time `now`: the window opens at its trigger.
pub fn start_rehearsal(
    state: &mut FailurePanelState,
    ws: &Workspace,
    id: &str,
    now: f64,
    out: &mut Vec<Action>,
) {
    let Some(f) = ws.failure_modes.get(id) else {
        return;
    };
    state.rehearsal = Some(RehearsalRun {
        id: id.to_owned(),
        step: -1,
        started: now,
        notes: String::new(),
    });
    // ← and → step through the rehearsal: they act where the map has the keyboard.
    out.push(Action::FocusCanvas);
    highlight_trigger(ws, &f.trigger.element, out);
}

/// Moves the rehearsal one step forward or back (the arrow keys do this while it runs).
pub fn step_rehearsal(state: &mut FailurePanelState, ws: &Workspace, forward: bool) {
    let Some(run) = &mut state.rehearsal else {
        return;
    };
    let steps = ws.failure_modes.get(&run.id).map_or(0, |f| f.steps.len()) as i64;
    run.step = if forward {
        (run.step + 1).min(steps)
    } else {
        (run.step - 1).max(-1)
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ResponseStep;

    fn one_failure_mode(steps: usize) -> Workspace {
        let mut ws = Workspace::new("t");
        let mut f = FailureMode::new(
            "fm-1",
            "DB down",
            Trigger {
                element: "db".into(),
                how: FailureHow::Down,
            },
        );
        f.steps = (0..steps)
            .map(|i| ResponseStep {
                actor: "On-call".into(),
                action: format!("step {i}"),
                minutes: 5,
            })
            .collect();
        ws.failure_modes.insert(f.id.clone(), f);
        ws
    }

    #[test]
    fn a_rehearsal_steps_from_the_trigger_to_done_and_no_further() {
        let ws = one_failure_mode(2);
        let mut state = FailurePanelState::default();
        let mut out = Vec::new();
        start_rehearsal(&mut state, &ws, "fm-1", 0.0, &mut out);
        assert!(matches!(out.first(), Some(Action::FocusCanvas)));
        let step = |s: &FailurePanelState| s.rehearsal.as_ref().map(|r| r.step);
        step_rehearsal(&mut state, &ws, false);
        assert_eq!(step(&state), Some(-1), "the trigger is the first step");
        for _ in 0..5 {
            step_rehearsal(&mut state, &ws, true);
        }
        assert_eq!(step(&state), Some(2), "done after the last response step");
        step_rehearsal(&mut state, &ws, false);
        assert_eq!(step(&state), Some(1));
    }

    #[test]
    fn a_rehearsal_ends_when_its_failure_mode_is_gone() {
        let ws = one_failure_mode(1);
        let mut state = FailurePanelState::default();
        start_rehearsal(&mut state, &ws, "fm-1", 0.0, &mut Vec::new());
        assert_eq!(
            rehearsal_title(&mut state, &ws).as_deref(),
            Some("Rehearsal: DB down")
        );
        assert!(state.rehearsal.is_some());
        let empty = Workspace::new("t");
        assert_eq!(rehearsal_title(&mut state, &empty), None);
        assert!(state.rehearsal.is_none());
    }

    #[test]
    fn adding_a_failure_mode_needs_a_selection() {
        let ws = one_failure_mode(0);
        let mut state = FailurePanelState::default();
        let mut out = Vec::new();
        record_failure_mode(&mut state, &ws, &ViewState::default(), &mut out);
        assert!(matches!(out.as_slice(), [Action::Status(_)]));
        assert_eq!(state.editing, None);
        let mut view = ViewState::default();
        view.selection.insert("db".into());
        out.clear();
        record_failure_mode(&mut state, &ws, &view, &mut out);
        assert!(matches!(out.first(), Some(Action::Edit { .. })));
        assert_eq!(state.editing.as_deref(), Some("fm-2"), "a fresh id");
        assert!(
            out.iter()
                .any(|a| matches!(a, Action::Dock(DockRequest::Open(Pane::Failures)))),
            "the list opens: {out:?}"
        );
    }
}
