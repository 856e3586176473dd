//! The inspector: edits every field of the selected system or dependency (or the shared fields
//! of several, or the workspace itself), validated as typed. A typing burst in one field is one
//! undo step; a bad number shows inline and is not applied.

mod fields;
mod multi;
mod plan;
mod rollout;

pub(crate) use rollout::alerts_ui;
mod windows;

use std::collections::HashMap;

use egui::RichText;

use fields::{
    Edit, combo_row, entities_ui, load_row, multiline_row, parse_count, row_label, text_row,
};
pub(crate) use fields::{commit, editor_header, labeled_text, labeled_text_named, parsed_field};
pub(crate) use plan::dependency_name;

use crate::model::{
    AsyncRole, Criticality, Dependency, DependencyType, System, SystemKind, parse_dependency_id,
};
use crate::ops::{ItemRef, Op};
use crate::ui::actions::Action;
use crate::ui::panel_ctx::PanelCtx;

/// Text typed into fields that must parse (numbers, times, days), kept while the field is focused.
#[derive(Debug, Clone, Default)]
pub struct InspectorState {
    pub(crate) buffers: HashMap<String, String>,
    /// The rollouts analysed (predicted loads, gates), and the document revision they are for.
    rollouts: Option<(u64, Vec<crate::analysis::plan::RolloutReport>)>,
}

fn system_ui(
    ui: &mut egui::Ui,
    state: &mut InspectorState,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
    id: &str,
) {
    let Some(orig) = cx.ws().systems.get(id).cloned() else {
        return;
    };
    let mut s: System = orig.clone();
    let mut edit = Edit {
        typed: None,
        clicked: false,
    };
    let buffers = &mut state.buffers;
    ui.heading(RichText::new(&orig.name).strong());
    ui.label(RichText::new(format!("id: {}", orig.id)).small().weak());
    egui::Grid::new("system_fields")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            text_row(ui, "Name", &mut s.name, &mut edit);
            combo_row(
                ui,
                "Kind",
                &mut s.kind,
                SystemKind::ALL,
                SystemKind::label,
                &mut edit,
            );
            text_row(ui, "Owner", &mut s.owner, &mut edit);
            text_row(ui, "Tech", &mut s.tech, &mut edit);
            text_row(ui, "Group", &mut s.group, &mut edit);
            combo_row(
                ui,
                "Criticality",
                &mut s.criticality,
                Criticality::ALL,
                Criticality::label,
                &mut edit,
            );
            let id_tags = row_label(ui, "Tags");
            let mut tags = s.tags.join(", ");
            if ui
                .add(egui::TextEdit::singleline(&mut tags).hint_text("comma separated"))
                .labelled_by(id_tags)
                .changed()
            {
                s.tags = tags
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect();
                edit.typed = Some("Tags");
            }
            ui.end_row();
            load_row(
                ui,
                buffers,
                &format!("{id}.capacity"),
                "Capacity",
                &mut s.capacity,
                &mut edit,
            );
            load_row(
                ui,
                buffers,
                &format!("{id}.peak"),
                "Peak load",
                &mut s.peak_load,
                &mut edit,
            );
            let lid = row_label(ui, "Latency (ms)");
            if let Some(v) = parsed_field(
                ui,
                buffers,
                &format!("{id}.latency"),
                lid,
                s.latency_ms.as_ref(),
                "none",
                parse_count,
            ) {
                s.latency_ms = v;
                edit.clicked = true;
            }
            ui.end_row();
            let pid = row_label(ui, "Pinned");
            if ui
                .checkbox(&mut s.pinned, "keeps its place in the layout")
                .labelled_by(pid)
                .changed()
            {
                edit.clicked = true;
            }
            ui.end_row();
            multiline_row(ui, "Description", &mut s.description, &mut edit);
            multiline_row(ui, "Notes", &mut s.notes, &mut edit);
        });
    windows::windows_ui(ui, buffers, id, &mut s.windows, &mut edit);
    entities_ui(ui, id, &mut s.entities, &mut edit);
    ui.collapsing("Review checklist", |ui| {
        for (label, v) in [
            ("Business process reviewed", &mut s.review.business_process),
            ("Data flow reviewed", &mut s.review.data_flow),
            ("Timing reviewed", &mut s.review.timing),
            ("Human workflow reviewed", &mut s.review.human_workflow),
        ] {
            if ui.checkbox(v, label).changed() {
                edit.clicked = true;
            }
        }
    });
    if edit.any() && s != orig {
        commit(out, Op::Update(s.into()), "Edit system", id, edit.typed);
    }
}

fn dependency_ui(
    ui: &mut egui::Ui,
    state: &mut InspectorState,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
    id: &str,
) {
    let Some(orig) = cx.ws().dependencies.get(id).cloned() else {
        plan::scenario_dependency_ui(ui, state, cx, out, id);
        return;
    };
    let mut d: Dependency = orig.clone();
    let mut edit = Edit {
        typed: None,
        clicked: false,
    };
    let buffers = &mut state.buffers;
    ui.heading(format!(
        "{} → {}",
        cx.ws().system_name(&d.from),
        cx.ws().system_name(&d.to)
    ));
    ui.label(
        RichText::new(format!(
            "{} needs {}",
            cx.ws().system_name(&d.from),
            cx.ws().system_name(&d.to)
        ))
        .small()
        .weak(),
    );
    egui::Grid::new("dependency_fields")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            combo_row(
                ui,
                "Type",
                &mut d.kind,
                DependencyType::ALL,
                DependencyType::label,
                &mut edit,
            );
            text_row(ui, "Label", &mut d.label, &mut edit);
            text_row(ui, "Protocol", &mut d.protocol, &mut edit);
            combo_row(
                ui,
                "Criticality",
                &mut d.criticality,
                Criticality::ALL,
                Criticality::label,
                &mut edit,
            );
            let tid = row_label(ui, "Timeout (ms)");
            if let Some(v) = parsed_field(
                ui,
                buffers,
                &format!("{id}.timeout"),
                tid,
                d.timeout_ms.as_ref(),
                "none",
                |s| {
                    parse_count(s).and_then(|v| {
                        if v == 0 {
                            Err("0 ms never succeeds; leave empty for none".into())
                        } else {
                            Ok(v)
                        }
                    })
                },
            ) {
                d.timeout_ms = v;
                edit.clicked = true;
            }
            ui.end_row();
            let rid = row_label(ui, "Retries");
            if let Some(v) = parsed_field(
                ui,
                buffers,
                &format!("{id}.retries"),
                rid,
                Some(&d.retries),
                "0",
                parse_count,
            ) {
                d.retries = v.unwrap_or(0);
                edit.clicked = true;
            }
            ui.end_row();
            let cid = row_label(ui, "Calls per request");
            if let Some(v) = parsed_field(
                ui,
                buffers,
                &format!("{id}.calls"),
                cid,
                Some(&d.calls_per_request),
                "1",
                |s| {
                    parse_count(s).and_then(|v| {
                        if v == 0 {
                            Err("at least 1".into())
                        } else {
                            Ok(v)
                        }
                    })
                },
            ) {
                d.calls_per_request = v.unwrap_or(1);
                edit.clicked = true;
            }
            ui.end_row();
            let bid = row_label(ui, "Circuit breaker");
            if ui
                .checkbox(
                    &mut d.circuit_breaker,
                    "callers degrade instead of piling up",
                )
                .labelled_by(bid)
                .changed()
            {
                edit.clicked = true;
            }
            ui.end_row();
            // Blocking (a failure travels) and fallback: only where they mean something, or
            // where they are set (so they can be cleared).
            let waits = matches!(
                d.kind,
                DependencyType::Sync | DependencyType::Data | DependencyType::StartupOrder
            );
            if waits || d.kind == DependencyType::Async || d.blocking.is_some() {
                // The target's kind decides unless the dependency says otherwise.
                let target = cx
                    .ws()
                    .systems
                    .get(&d.to)
                    .map_or(crate::model::SystemKind::Service, |s| s.kind);
                let by_kind = Dependency::blocks_by_default(target);
                let mut blocks = d.blocks(target);
                let kid = row_label(ui, "Blocks the caller");
                if ui
                    .checkbox(&mut blocks, "caller fails with it")
                    .labelled_by(kid)
                    .on_hover_text(
                        "Untick for fire-and-forget, telemetry and best-effort calls: they \
                         never carry a failure and do not count toward single points",
                    )
                    .changed()
                {
                    d.blocking = (blocks != by_kind).then_some(blocks);
                    edit.clicked = true;
                }
                ui.end_row();
            }
            if waits || d.fallback {
                let fid = row_label(ui, "Fallback");
                if ui
                    .checkbox(&mut d.fallback, "caller degrades instead")
                    .labelled_by(fid)
                    .changed()
                {
                    edit.clicked = true;
                }
                ui.end_row();
            }
            if d.kind == DependencyType::Async {
                let mut role = d.role.unwrap_or(AsyncRole::Produces);
                combo_row(
                    ui,
                    "Role",
                    &mut role,
                    AsyncRole::ALL,
                    AsyncRole::label,
                    &mut edit,
                );
                d.role = Some(role);
            } else {
                d.role = None;
            }
            let eid = row_label(ui, "Entities carried");
            let mut entities = d.entities.join(", ");
            if ui
                .add(egui::TextEdit::singleline(&mut entities).hint_text("customer, order …"))
                .labelled_by(eid)
                .changed()
            {
                d.entities = entities
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect();
                edit.typed = Some("Entities");
            }
            ui.end_row();
            multiline_row(ui, "Notes", &mut d.notes, &mut edit);
        });
    windows::windows_ui(ui, buffers, id, &mut d.windows, &mut edit);
    let mut plan_edit = plan::PlanEdit::default();
    plan::plan_ui(ui, state, cx, &mut d, &mut plan_edit);
    if plan_edit.typed.is_some() {
        edit.typed = plan_edit.typed;
    }
    edit.clicked |= plan_edit.clicked;
    if !edit.any() || d == orig {
        return;
    }
    if d.kind == orig.kind {
        commit(out, Op::Update(d.into()), "Edit dependency", id, edit.typed);
    } else {
        // The type is part of the id: replace the dependency.
        let new_id = d.id();
        if cx.ws().dependencies.contains_key(&new_id) {
            out.push(Action::Status(format!(
                "There already is a {} dependency between these systems",
                d.kind.label()
            )));
            return;
        }
        out.push(Action::edit(
            Op::Batch(vec![Op::Remove(ItemRef::dependency(id)), Op::Add(d.into())]),
            "Change dependency type",
        ));
        out.push(Action::if_edited(Action::view(move |view| {
            view.select_only(&new_id);
        })));
    }
}

fn workspace_ui(ui: &mut egui::Ui, cx: &PanelCtx, out: &mut Vec<Action>) {
    ui.heading("Workspace");
    let mut title = cx.ws().title.clone();
    let mut description = cx.ws().description.clone();
    let mut edit = Edit {
        typed: None,
        clicked: false,
    };
    egui::Grid::new("workspace_fields")
        .num_columns(2)
        .show(ui, |ui| {
            text_row(ui, "Title", &mut title, &mut edit);
            multiline_row(ui, "Description", &mut description, &mut edit);
        });
    if edit.any() {
        let op = Op::SetMeta {
            title,
            description,
            timezone: cx.ws().timezone.clone(),
        };
        commit(out, op, "Edit workspace", "workspace", edit.typed);
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Select a system or dependency to edit it. Double-click the canvas to add a system; drag from a selected system's handle onto another to connect them.").weak());
}

/// The selection's fields (one system, one dependency, several) or the workspace's.
pub fn selection_ui(
    ui: &mut egui::Ui,
    state: &mut InspectorState,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
) {
    let sel: Vec<String> = cx.view.selection.iter().cloned().collect();
    match sel.as_slice() {
        [] => workspace_ui(ui, cx, out),
        [one] if parse_dependency_id(one).is_some() => dependency_ui(ui, state, cx, out, one),
        [one] => system_ui(ui, state, cx, out, one),
        _ => multi::multi_ui(ui, cx, out),
    }
}
