//! The rehearsal window: the trigger, each response step in turn with a running timer against
//! the planned minutes, and at the end the record of the rehearsal.

use egui::RichText;

use super::{FailurePanelState, step_rehearsal};
use crate::model::{FailureStatus, Rehearsal};
use crate::ops::Op;
use crate::ui::actions::Action;
use crate::ui::debt_panel::{link_name, today};
use crate::ui::panel_ctx::PanelCtx;

/// The rehearsal window's title, while a rehearsal runs. A rehearsal whose failure mode is gone
/// (deleted, undone) ends here.
pub fn rehearsal_title(
    state: &mut FailurePanelState,
    ws: &crate::model::Workspace,
) -> Option<String> {
    let run = state.rehearsal.as_ref()?;
    let title = ws
        .failure_modes
        .get(&run.id)
        .map(|f| format!("Rehearsal: {}", f.title));
    if title.is_none() {
        state.rehearsal = None;
    }
    title
}

/// The rehearsal window's contents (its title: [`rehearsal_title`]).
#[allow(clippy::too_many_lines, reason = "one window, top to bottom")]
pub fn rehearsal_ui(
    ui: &mut egui::Ui,
    state: &mut FailurePanelState,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
) {
    let Some(run) = state.rehearsal.clone() else {
        return;
    };
    let Some(f) = cx.ws().failure_modes.get(&run.id) else {
        state.rehearsal = None;
        return;
    };
    let now = ui.input(|i| i.time);
    let elapsed_min = (now - run.started) / 60.0;
    // A running clock: repaint once a second while the window is open.
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_secs(1));
    let mut finish = false;
    let mut cancel = false;
    let mut notes = run.notes.clone();
    let total = (now - run.started).max(0.0) as u64;
    ui.label(
        RichText::new(format!(
            "⏱ {} elapsed · planned {}",
            crate::text::clock_duration(total),
            crate::text::clock_duration(u64::from(f.planned_minutes()) * 60)
        ))
        .monospace(),
    );
    ui.separator();
    let trigger = if f.trigger.element.is_empty() {
        "(trigger removed)".to_owned()
    } else {
        link_name(cx.ws(), &f.trigger.element)
    };
    let mark = |active: bool| if active { "▶" } else { " " };
    ui.label(
        RichText::new(format!(
            "{} Trigger: {trigger} — {}",
            mark(run.step == -1),
            f.trigger.how.label()
        ))
        .strong(),
    );
    if !f.detection.is_empty() {
        ui.label(format!("   Detected by: {}", f.detection));
    }
    let mut planned_so_far = 0u32;
    for (i, s) in f.steps.iter().enumerate() {
        planned_so_far += s.minutes;
        let active = run.step == i as i64;
        let text = format!(
            "{} {}. {} — {} ({} min, by minute {planned_so_far})",
            mark(active),
            i + 1,
            s.actor,
            s.action,
            s.minutes
        );
        let late = active && elapsed_min > f64::from(planned_so_far);
        ui.label(if active {
            RichText::new(text).strong().color(if late {
                ui.visuals().warn_fg_color
            } else {
                ui.visuals().strong_text_color()
            })
        } else {
            RichText::new(text)
        });
    }
    if !f.degraded_mode.is_empty() {
        ui.label(RichText::new(format!("Degraded mode: {}", f.degraded_mode)).italics());
    }
    ui.separator();
    ui.horizontal(|ui| {
        if ui
            .button("◀ Previous")
            .on_hover_text("Left arrow")
            .clicked()
        {
            step_rehearsal(state, cx.ws(), false);
        }
        if ui.button("Next ▶").on_hover_text("Right arrow").clicked() {
            step_rehearsal(state, cx.ws(), true);
        }
        if ui.button("Cancel").clicked() {
            cancel = true;
        }
    });
    if run.step >= f.steps.len() as i64 {
        ui.label("All steps done. Notes for the record:");
        let r = ui.add(
            egui::TextEdit::multiline(&mut notes)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        );
        r.widget_info(|| {
            egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Rehearsal notes")
        });
        if ui.button("Finish and record rehearsal").clicked() {
            finish = true;
        }
    }
    if let Some(r) = &mut state.rehearsal {
        r.notes.clone_from(&notes);
    }
    if cancel {
        state.rehearsal = None;
    } else if finish {
        let mut updated = f.clone();
        let seconds = ((now - run.started).max(0.0).round() as u64).min(u64::from(u32::MAX));
        updated.rehearsals.push(Rehearsal {
            date: today(),
            duration_min: (seconds as f64 / 60.0).round() as u32,
            duration_s: Some(seconds as u32),
            notes,
        });
        updated.status = FailureStatus::Rehearsed;
        out.push(Action::edit(Op::Update(updated.into()), "Record rehearsal"));
        // Read-only refuses the record (and says so): the rehearsal stays open with its notes.
        if !cx.read_only {
            state.rehearsal = None;
        }
    }
}
