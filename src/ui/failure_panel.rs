//! Failure-mode choreography: a list of failure modes ranked by RPN under the canvas, the
//! inspector's editor for one of them, and the rehearsal step-through.

use egui::{Panel, RichText};

use crate::model::{
    FailureHow, FailureMode, FailureStatus, Rehearsal, ResponseStep, Trigger, Workspace,
};
use crate::ops::Op;
use crate::ui::app::DepdigApp;
use crate::ui::debt_panel::{link_name, today};

#[derive(Debug, Clone, Default)]
pub struct FailurePanelState {
    pub open: bool,
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

/// Adds a failure mode triggered by the selected system or dependency.
/// The failure mode editor's title field (a new failure mode hands it the keyboard).
const TITLE_FIELD: &str = "failure mode title";

pub fn record_failure_mode(app: &mut DepdigApp) {
    let Some(element) = app.view.selection.iter().next().cloned() else {
        app.status = "Select the system or dependency that fails first".into();
        return;
    };
    let id = fresh_id(&app.doc.ws);
    let title = format!("{} goes down", link_name(&app.doc.ws, &element));
    let fm = FailureMode::new(
        id.clone(),
        title,
        Trigger {
            element,
            how: FailureHow::Down,
        },
    );
    if app.edit(Op::Add(fm.into()), "Add failure mode") {
        app.panels.failures.open = true;
        app.panels.failures.editing = Some(id);
        app.panels.debt.editing = None;
        // The proposed title is selected: typing replaces it.
        app.focus_next = Some(TITLE_FIELD.into());
    }
}

pub fn failure_panel_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    if !app.panels.failures.open {
        return;
    }
    Panel::bottom("failure_modes")
        .resizable(true)
        .default_size(200.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(format!(
                    "Failure modes ({})",
                    app.doc.ws.failure_modes.len()
                ));
                if ui
                    .add_enabled(!app.read_only, egui::Button::new("➕ Add failure mode"))
                    .on_hover_text("Triggered by the selected system or dependency")
                    .on_disabled_hover_text(crate::ui::gate::READ_ONLY_WHY)
                    .clicked()
                {
                    record_failure_mode(app);
                }
                ui.checkbox(
                    &mut app.panels.failures.by_title,
                    "sort by title (else by RPN)",
                );
            });
            let ws = &app.doc.ws;
            let mut rows: Vec<&FailureMode> = ws.failure_modes.values().collect();
            if app.panels.failures.by_title {
                rows.sort_by_key(|f| f.title.to_lowercase());
            } else {
                rows.sort_by(|a, b| b.rpn().cmp(&a.rpn()).then_with(|| a.id.cmp(&b.id)));
            }
            let mut open_item = None;
            let mut rehearse = None;
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    egui::Grid::new("failure_table")
                        .striped(true)
                        .num_columns(6)
                        .show(ui, |ui| {
                            for h in ["RPN", "Failure mode", "Trigger", "Status", "Rehearsed", ""] {
                                ui.strong(h);
                            }
                            ui.end_row();
                            for f in &rows {
                                ui.label(format!(
                                    "{} ({}×{}×{})",
                                    f.rpn(),
                                    f.severity,
                                    f.occurrence,
                                    f.detection_rating
                                ));
                                if ui
                                    .selectable_label(
                                        app.panels.failures.editing.as_deref() == Some(&f.id),
                                        &f.title,
                                    )
                                    .clicked()
                                {
                                    open_item = Some(f.id.clone());
                                }
                                let trigger = if f.trigger.element.is_empty() {
                                    "(removed)".to_owned()
                                } else {
                                    link_name(ws, &f.trigger.element)
                                };
                                ui.label(format!("{trigger} — {}", f.trigger.how.label()));
                                ui.label(f.status.label());
                                match f.rehearsals.last() {
                                    Some(r) => {
                                        ui.label(format!("{} ({}×)", r.date, f.rehearsals.len()))
                                    }
                                    None => ui.label(
                                        RichText::new("⚠ never rehearsed")
                                            .color(ui.visuals().warn_fg_color),
                                    ),
                                };
                                if ui
                                    .button("▶ Rehearse")
                                    .on_hover_text("Step through the response on the canvas")
                                    .clicked()
                                {
                                    rehearse = Some(f.id.clone());
                                }
                                ui.end_row();
                            }
                        });
                });
            if let Some(id) = open_item {
                show_failure(app, &id);
            }
            if let Some(id) = rehearse {
                start_rehearsal(app, &id, ui.input(|i| i.time));
            }
        });
}

/// Highlights what a failure mode's trigger is and opens it in the inspector.
pub fn show_failure(app: &mut DepdigApp, id: &str) {
    let Some(f) = app.doc.ws.failure_modes.get(id) else {
        return;
    };
    app.panels.failures.editing = Some(id.to_owned());
    app.panels.debt.editing = None;
    highlight_trigger(app, &f.trigger.element.clone());
}

fn highlight_trigger(app: &mut DepdigApp, element: &str) {
    if element.is_empty() {
        return;
    }
    let mut ids = vec![element.to_owned()];
    if let Some((from, to, _)) = crate::model::parse_dependency_id(element) {
        ids.push(from.to_owned());
        ids.push(to.to_owned());
    }
    app.view.selection = ids.iter().cloned().collect();
    let reason = format!(
        "Failure mode: what fails first ({})",
        link_name(&app.doc.ws, element)
    );
    app.view.highlight_for(ids, reason);
    app.view_changed();
    app.zoom_to_selection();
}

pub fn start_rehearsal(app: &mut DepdigApp, id: &str, now: f64) {
    let Some(f) = app.doc.ws.failure_modes.get(id) else {
        return;
    };
    let element = f.trigger.element.clone();
    app.panels.failures.rehearsal = Some(RehearsalRun {
        id: id.to_owned(),
        step: -1,
        started: now,
        notes: String::new(),
    });
    // ← and → step through the rehearsal: they act where the map has the keyboard.
    app.focus_canvas = true;
    highlight_trigger(app, &element);
}

/// Moves the rehearsal one step forward or back (the arrow keys do this while it runs).
pub fn step_rehearsal(app: &mut DepdigApp, forward: bool) {
    let Some(run) = &mut app.panels.failures.rehearsal else {
        return;
    };
    let steps = app
        .doc
        .ws
        .failure_modes
        .get(&run.id)
        .map_or(0, |f| f.steps.len()) as i64;
    run.step = if forward {
        (run.step + 1).min(steps)
    } else {
        (run.step - 1).max(-1)
    };
}

/// The floating rehearsal window: the trigger, each response step in turn with a running timer
/// against the planned minutes, and at the end the record of the rehearsal.
pub fn rehearsal_ui(ctx: &egui::Context, app: &mut DepdigApp) {
    let Some(run) = app.panels.failures.rehearsal.clone() else {
        return;
    };
    let Some(f) = app.doc.ws.failure_modes.get(&run.id).cloned() else {
        app.panels.failures.rehearsal = None;
        return;
    };
    let now = ctx.input(|i| i.time);
    let elapsed_min = (now - run.started) / 60.0;
    // A running clock: repaint once a second while the window is open.
    ctx.request_repaint_after(std::time::Duration::from_secs(1));
    let mut finish = false;
    let mut cancel = false;
    let mut notes = run.notes.clone();
    egui::Window::new(format!("Rehearsal: {}", f.title))
        .default_pos([240.0, 90.0])
        .collapsible(false)
        .resizable(false)
        .default_width(460.0)
        .show(ctx, |ui| {
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
                link_name(&app.doc.ws, &f.trigger.element)
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
                    step_rehearsal(app, false);
                }
                if ui.button("Next ▶").on_hover_text("Right arrow").clicked() {
                    step_rehearsal(app, true);
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
        });
    if let Some(r) = &mut app.panels.failures.rehearsal {
        r.notes = notes.clone();
    }
    if cancel {
        app.panels.failures.rehearsal = None;
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
        if app.edit(Op::Update(updated.into()), "Record rehearsal") {
            app.panels.failures.rehearsal = None;
        }
    }
}

/// The inspector's editor for one failure mode. Returns false when none is being edited.
#[allow(clippy::too_many_lines, reason = "one form, field after field")]
pub fn failure_editor_ui(ui: &mut egui::Ui, app: &mut DepdigApp) -> bool {
    let Some(id) = app.panels.failures.editing.clone() else {
        return false;
    };
    let Some(orig) = app.doc.ws.failure_modes.get(&id).cloned() else {
        app.panels.failures.editing = None;
        return false;
    };
    let mut f = orig.clone();
    let mut typed: Option<&str> = None;
    let mut clicked = false;
    ui.horizontal(|ui| {
        ui.heading("Failure mode");
        if ui
            .small_button("✕")
            .on_hover_text("Close the failure mode")
            .clicked()
        {
            app.panels.failures.editing = None;
            app.view.clear_highlight();
            app.view_changed();
        }
    });
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
                link_name(&app.doc.ws, &f.trigger.element)
            });
            ui.end_row();
            ui.label("");
            let selected: Vec<String> = app.view.selection.iter().cloned().collect();
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
                        .desired_width(150.0),
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
    ui.horizontal(|ui| {
        if ui.button("▶ Rehearse").clicked() {
            let now = ui.input(|i| i.time);
            start_rehearsal(app, &id, now);
        }
        if ui.button("🗑 Delete failure mode").clicked()
            && app.edit(
                Op::Remove(crate::ops::ItemRef::new(
                    crate::model::ItemKind::FailureMode,
                    &id,
                )),
                "Delete failure mode",
            )
        {
            app.panels.failures.editing = None;
        }
    });
    if app.doc.ws.failure_modes.contains_key(&id) && f != orig && (typed.is_some() || clicked) {
        let mut out = Vec::new();
        crate::ui::inspector::commit(
            &mut out,
            Op::Update(f.into()),
            "Edit failure mode",
            &format!("failure:{id}"),
            typed,
        );
        app.apply(out);
    }
    true
}
