//! A dependency's canary rollout in the inspector: the stages (share, minimum duration, status,
//! date, and under each its predicted callee load), the signals watched, the rollback trigger
//! and action, and the gate (failure modes to rehearse before a stage may start).

use egui::RichText;

use super::fields::{parse_count, parsed_field, parsed_field_as};
use super::plan::{PlanEdit, parse_non_negative, parse_share};
use crate::analysis::plan::RolloutReport;
use crate::model::{Date, Rollout, Signal, SignalKind, Stage, StageStatus, Workspace};

/// A rollout's load warning and the stage blocked by an unrehearsed gate, if any (the inspector
/// and the Rollouts tab).
pub(crate) fn alerts_ui(ui: &mut egui::Ui, ws: &Workspace, report: &RolloutReport) {
    if let Some(w) = &report.warning {
        ui.label(RichText::new(format!("⚠ {w}")).color(ui.visuals().warn_fg_color));
    }
    if let Some((i, missing)) = &report.blocked {
        ui.label(
            RichText::new(format!(
                "⛔ Stage {} waits for a rehearsal of {}",
                i + 1,
                crate::text::and_list(&ws.failure_mode_titles(missing))
            ))
            .color(ui.visuals().error_fg_color),
        );
    }
}

pub(super) fn rollout_ui(
    ui: &mut egui::Ui,
    buffers: &mut std::collections::HashMap<String, String>,
    ws: &Workspace,
    key: &str,
    r: &mut Rollout,
    report: Option<&RolloutReport>,
    edit: &mut PlanEdit,
) {
    if let Some(report) = report {
        alerts_ui(ui, ws, report);
    }
    let mut remove = None;
    ui.label(RichText::new("Stages: share % · min. hours · status · date").strong());
    for (i, s) in r.stages.iter_mut().enumerate() {
        let load = report.and_then(|r| r.stages.get(i)).map(|p| p.load.text());
        if stage_ui(ui, buffers, key, i, s, load, edit) {
            remove = Some(i);
        }
    }
    if let Some(i) = remove {
        r.stages.remove(i);
        edit.clicked = true;
    }
    if ui.button("Add stage").clicked() {
        let last = r.stages.last().map_or(0.0, |s| s.share_percent);
        let share = if last <= 0.0 {
            1.0
        } else {
            (last * 2.0).min(100.0)
        };
        r.stages.push(Stage::new(share, 24));
        edit.clicked = true;
    }
    signals_ui(ui, buffers, key, r, edit);
    egui::Grid::new("rollback_fields")
        .num_columns(2)
        .show(ui, |ui| {
            if super::labeled_text(ui, "Rollback trigger", &mut r.rollback_trigger, false) {
                edit.typed = Some("rollback trigger");
            }
            if super::labeled_text(ui, "Rollback action", &mut r.rollback_action, false) {
                edit.typed = Some("rollback action");
            }
        });
    gate_ui(ui, ws, r, edit);
}

/// One stage on a line (wrapping when narrow), its predicted callee load under it; true when
/// its ✕ was clicked.
fn stage_ui(
    ui: &mut egui::Ui,
    buffers: &mut std::collections::HashMap<String, String>,
    key: &str,
    i: usize,
    s: &mut Stage,
    load: Option<String>,
    edit: &mut PlanEdit,
) -> bool {
    let k = i + 1;
    let mut remove = false;
    ui.horizontal_wrapped(|ui| {
        let n = ui.label(format!("{k}.")).id;
        let share = parsed_field_as(
            ui,
            buffers,
            &format!("{key}.stage{i}.share"),
            Ok(&format!("Stage {k} share")),
            40.0,
            Some(&s.share_percent),
            "%",
            parse_share,
        );
        if let Some(Some(v)) = share {
            s.share_percent = v;
            edit.clicked = true;
        }
        let hours = parsed_field_as(
            ui,
            buffers,
            &format!("{key}.stage{i}.hours"),
            Ok(&format!("Stage {k} minimum hours")),
            32.0,
            Some(&s.min_hours),
            "0",
            parse_count,
        );
        if let Some(v) = hours {
            s.min_hours = v.unwrap_or(0);
            edit.clicked = true;
        }
        egui::ComboBox::from_id_salt((key, "status", i))
            .selected_text(s.status.label())
            .width(72.0)
            .show_ui(ui, |ui| {
                for st in StageStatus::ALL {
                    if ui.selectable_label(s.status == *st, st.label()).clicked() && s.status != *st
                    {
                        s.status = *st;
                        edit.clicked = true;
                    }
                }
            })
            .response
            .labelled_by(n);
        if let Some(v) = parsed_field_as(
            ui,
            buffers,
            &format!("{key}.stage{i}.date"),
            Ok(&format!("Stage {k} date")),
            86.0,
            s.date.as_ref(),
            "YYYY-MM-DD",
            str::parse::<Date>,
        ) {
            s.date = v;
            edit.clicked = true;
        }
        let rm = ui.small_button("✕");
        rm.widget_info(|| {
            egui::WidgetInfo::labeled(egui::WidgetType::Button, true, format!("Remove stage {k}"))
        });
        remove = rm.clicked();
    });
    if let Some(load) = load {
        ui.label(RichText::new(format!("    callee: {load}")).small().weak());
    }
    remove
}

fn signals_ui(
    ui: &mut egui::Ui,
    buffers: &mut std::collections::HashMap<String, String>,
    key: &str,
    r: &mut Rollout,
    edit: &mut PlanEdit,
) {
    ui.label(RichText::new("Signals (stop the stage over the threshold)").strong());
    let mut remove = None;
    for (i, s) in r.signals.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let id = egui::ComboBox::from_id_salt((key, "signal", i))
                .selected_text(s.what.label())
                .show_ui(ui, |ui| {
                    for k in SignalKind::ALL {
                        if ui.selectable_label(s.what == *k, k.label()).clicked() && s.what != *k {
                            s.what = *k;
                            edit.clicked = true;
                        }
                    }
                })
                .response
                .id;
            if let Some(Some(v)) = parsed_field(
                ui,
                buffers,
                &format!("{key}.signal{i}"),
                id,
                Some(&s.threshold),
                "threshold",
                parse_non_negative,
            ) {
                s.threshold = v;
                edit.clicked = true;
            }
            if ui
                .small_button("✕")
                .on_hover_text("Remove signal")
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        r.signals.remove(i);
        edit.clicked = true;
    }
    if ui.button("Add signal").clicked() {
        r.signals.push(Signal {
            what: SignalKind::P99LatencyMs,
            threshold: 500.0,
        });
        edit.clicked = true;
    }
}

/// The failure modes that must be rehearsed before a stage may start.
fn gate_ui(ui: &mut egui::Ui, ws: &Workspace, r: &mut Rollout, edit: &mut PlanEdit) {
    ui.label(RichText::new("Gate: rehearse before a stage starts").strong());
    let mut remove = None;
    for (i, id) in r.gate.iter().enumerate() {
        ui.horizontal(|ui| {
            let fm = ws.failure_modes.get(id);
            let title = fm.map_or(id.as_str(), |f| f.title.as_str());
            let rehearsed = fm.is_some_and(|f| !f.rehearsals.is_empty());
            ui.label(title);
            if rehearsed {
                ui.label(RichText::new("rehearsed").small());
            } else {
                ui.label(
                    RichText::new("not rehearsed")
                        .small()
                        .color(ui.visuals().warn_fg_color),
                );
            }
            if ui
                .small_button("✕")
                .on_hover_text("Take out of the gate")
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        r.gate.remove(i);
        edit.clicked = true;
    }
    let free: Vec<(&String, &str)> = ws
        .failure_modes
        .iter()
        .filter(|(id, _)| !r.gate.contains(id))
        .map(|(id, f)| (id, f.title.as_str()))
        .collect();
    if ws.failure_modes.is_empty() {
        ui.label(RichText::new("No failure modes yet (M).").weak());
    } else if !free.is_empty() {
        egui::ComboBox::from_id_salt("gate_add")
            .selected_text("Add failure mode…")
            .show_ui(ui, |ui| {
                for (id, title) in free {
                    if ui.selectable_label(false, title).clicked() {
                        r.gate.push(id.clone());
                        edit.clicked = true;
                    }
                }
            });
    }
}
