//! The inspector's editor for one failure mode.

use egui::RichText;

use super::{FailurePanelState, TITLE_FIELD, start_rehearsal};
use crate::model::{FailureHow, FailureStatus, ResponseStep};
use crate::ops::Op;
use crate::ui::actions::Action;
use crate::ui::debt_panel::link_name;
use crate::ui::panel_ctx::PanelCtx;

/// The width a response step's minutes and move/remove buttons take, in logical pixels.
const STEP_CONTROLS_WIDTH: f32 = 160.0;

/// The inspector's editor for one failure mode. Returns false when none is being edited.
#[allow(clippy::too_many_lines, reason = "one form, field after field")]
pub fn failure_editor_ui(
    ui: &mut egui::Ui,
    state: &mut FailurePanelState,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
) -> bool {
    let Some(id) = state.editing.clone() else {
        return false;
    };
    // Gone (deleted, undone): the editor closes.
    let Some(orig) = cx.ws().failure_modes.get(&id).cloned() else {
        state.editing = None;
        return false;
    };
    let mut f = orig.clone();
    let mut typed: Option<&str> = None;
    let mut clicked = false;
    if crate::ui::inspector::editor_header(ui, "Failure mode", "Close the failure mode") {
        state.editing = None;
        out.push(Action::view(crate::ui::view::ViewState::clear_highlight));
    }
    ui.label(
        RichText::new(format!(
            "id: {} · RPN {} = S {} × O {} × D {}",
            f.id,
            f.rpn(),
            f.severity,
            f.occurrence,
            f.detection_rating
        ))
        .small(),
    );
    if f.rehearsals.is_empty() {
        ui.label(RichText::new("⚠ Never rehearsed").color(ui.visuals().warn_fg_color));
    }
    egui::Grid::new("failure_fields")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            if crate::ui::inspector::labeled_text_named(
                ui,
                "Title",
                &mut f.title,
                false,
                Some(TITLE_FIELD.into()),
            ) {
                typed = Some("title");
            }
            ui.label("Trigger");
            ui.label(if f.trigger.element.is_empty() {
                "(removed)".to_owned()
            } else {
                link_name(cx.ws(), &f.trigger.element)
            });
            ui.end_row();
            ui.label("");
            let selected: Vec<String> = cx.view.selection.iter().cloned().collect();
            if ui
                .add_enabled(
                    selected.len() == 1 && selected[0] != f.trigger.element,
                    egui::Button::new("Use the selected element as trigger"),
                )
                .clicked()
            {
                f.trigger.element.clone_from(&selected[0]);
                clicked = true;
            }
            ui.end_row();
            ui.label("How it fails");
            egui::ComboBox::from_id_salt("failure_how")
                .selected_text(f.trigger.how.label())
                .show_ui(ui, |ui| {
                    for h in FailureHow::ALL {
                        clicked |= ui
                            .selectable_value(&mut f.trigger.how, *h, h.label())
                            .changed();
                    }
                });
            ui.end_row();
            if crate::ui::inspector::labeled_text(ui, "Detection", &mut f.detection, true) {
                typed = Some("detection");
            }
            for (label, v) in [
                ("Severity", &mut f.severity),
                ("Occurrence", &mut f.occurrence),
                ("Detection rating", &mut f.detection_rating),
            ] {
                ui.label(label);
                clicked |= ui.add(egui::Slider::new(v, 1..=10)).changed();
                ui.end_row();
            }
            if crate::ui::inspector::labeled_text(ui, "Degraded mode", &mut f.degraded_mode, true) {
                typed = Some("degraded");
            }
            if crate::ui::inspector::labeled_text(ui, "Rollback", &mut f.rollback, true) {
                typed = Some("rollback");
            }
            ui.label("Status");
            egui::ComboBox::from_id_salt("failure_status")
                .selected_text(f.status.label())
                .show_ui(ui, |ui| {
                    for s in FailureStatus::ALL {
                        clicked |= ui.selectable_value(&mut f.status, *s, s.label()).changed();
                    }
                });
            ui.end_row();
        });
    ui.label(
        RichText::new(format!(
            "Response steps (planned {} min)",
            f.planned_minutes()
        ))
        .strong(),
    );
    let mut action: Option<(usize, i32)> = None;
    let n = f.steps.len();
    for (i, s) in f.steps.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("{}.", i + 1));
            let who = ui.add(
                egui::TextEdit::singleline(&mut s.actor)
                    .hint_text("who")
                    .desired_width(90.0),
            );
            crate::ui::focus::take_if_named(&who, egui::Id::new(("response step", i)), &s.actor);
            typed = typed.or(who.changed().then_some("step-actor"));
            typed = typed.or(ui
                .add(
                    egui::TextEdit::singleline(&mut s.action)
                        .hint_text("does what")
                        // What is left beside the minutes and the three buttons (the inspector
                        // may be a narrow tab).
                        .desired_width((ui.available_width() - STEP_CONTROLS_WIDTH).max(60.0)),
                )
                .changed()
                .then_some("step-action"));
            clicked |= ui
                .add(
                    egui::DragValue::new(&mut s.minutes)
                        .range(0..=1440)
                        .suffix(" min"),
                )
                .changed();
            if ui
                .add_enabled(i > 0, egui::Button::new("⏶").small())
                .on_hover_text("Move up")
                .clicked()
            {
                action = Some((i, -1));
            }
            if ui
                .add_enabled(i + 1 < n, egui::Button::new("⏷").small())
                .on_hover_text("Move down")
                .clicked()
            {
                action = Some((i, 1));
            }
            if ui.small_button("✕").on_hover_text("Remove step").clicked() {
                action = Some((i, 0));
            }
        });
    }
    match action {
        Some((i, 0)) => {
            f.steps.remove(i);
            clicked = true;
        }
        Some((i, d)) => {
            let j = (i as i64 + i64::from(d)) as usize;
            f.steps.swap(i, j);
            clicked = true;
        }
        None => {}
    }
    if ui.button("Add response step").clicked() {
        // A proposed row whose "who" field has the keyboard, selected: what is typed next
        // replaces it (a step needs an action, so the proposal keeps one).
        f.steps.push(ResponseStep {
            actor: "On-call".into(),
            action: "Check the dashboards".into(),
            minutes: 5,
        });
        crate::ui::focus::focus_next(
            ui.ctx(),
            egui::Id::new(("response step", f.steps.len() - 1)),
        );
        clicked = true;
    }
    ui.label(RichText::new(format!("Rehearsals ({})", f.rehearsals.len())).strong());
    for r in &f.rehearsals {
        let notes = if r.notes.is_empty() {
            String::new()
        } else {
            format!(" · {}", r.notes)
        };
        ui.label(format!("{} · {}{notes}", r.date, r.duration_text()));
    }
    let mut delete = false;
    ui.horizontal(|ui| {
        if ui.button("▶ Rehearse").clicked() {
            let now = ui.input(|i| i.time);
            start_rehearsal(state, cx.ws(), &id, now, out);
        }
        delete = ui.button("🗑 Delete failure mode").clicked();
    });
    if delete {
        // Once deleted, the editor finds no failure mode and closes (a refused delete leaves
        // it open); what else changed in this frame goes with it.
        out.push(Action::edit(
            Op::Remove(crate::ops::ItemRef::new(
                crate::model::ItemKind::FailureMode,
                &id,
            )),
            "Delete failure mode",
        ));
    } else if f != orig && (typed.is_some() || clicked) {
        out.push(Action::FormEdit {
            op: Op::Update(f.into()),
            label: "Edit failure mode".into(),
            item: format!("failure:{id}"),
            field: typed,
        });
    }
    true
}
