//! The inspector: edits every field of the selected system or dependency (or the shared fields
//! of several, or the workspace itself), validated as typed. A typing burst in one field is one
//! undo step; a bad number shows inline and is not applied.

mod fields;

use std::collections::HashMap;

use egui::{Panel, RichText};

use fields::{
    Edit, combo_row, entities_ui, load_row, mixed_combo_row, mixed_text_row, multiline_row,
    parse_count, row_label, text_row, windows_ui,
};
pub(crate) use fields::{commit, labeled_text, labeled_text_named, parsed_field};

use crate::model::{
    AsyncRole, Criticality, Dependency, DependencyType, System, SystemKind, parse_dependency_id,
};
use crate::ops::{ItemRef, Op};
use crate::text::plural;
use crate::ui::app::DepdigApp;

/// Text typed into fields that must parse (numbers, times, days), kept while the field is focused.
#[derive(Debug, Clone, Default)]
pub struct InspectorState {
    pub(crate) buffers: HashMap<String, String>,
}

fn system_ui(ui: &mut egui::Ui, app: &mut DepdigApp, id: &str) {
    let Some(orig) = app.doc.ws.systems.get(id).cloned() else {
        return;
    };
    let mut s: System = orig.clone();
    let mut edit = Edit {
        typed: None,
        clicked: false,
    };
    let buffers = &mut app.panels.inspector.buffers;
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
    windows_ui(ui, buffers, id, &mut s.windows, &mut edit);
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
        commit(app, Op::Update(s.into()), "Edit system", id, edit.typed);
    }
}

fn dependency_ui(ui: &mut egui::Ui, app: &mut DepdigApp, id: &str) {
    let Some(orig) = app.doc.ws.dependencies.get(id).cloned() else {
        return;
    };
    let mut d: Dependency = orig.clone();
    let mut edit = Edit {
        typed: None,
        clicked: false,
    };
    let buffers = &mut app.panels.inspector.buffers;
    ui.heading(format!(
        "{} → {}",
        app.doc.ws.system_name(&d.from),
        app.doc.ws.system_name(&d.to)
    ));
    ui.label(
        RichText::new(format!(
            "{} needs {}",
            app.doc.ws.system_name(&d.from),
            app.doc.ws.system_name(&d.to)
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
    windows_ui(ui, buffers, id, &mut d.windows, &mut edit);
    if !edit.any() || d == orig {
        return;
    }
    if d.kind == orig.kind {
        commit(app, Op::Update(d.into()), "Edit dependency", id, edit.typed);
    } else {
        // The type is part of the id: replace the dependency.
        let new_id = d.id();
        if app.doc.ws.dependencies.contains_key(&new_id) {
            app.status = format!(
                "There already is a {} dependency between these systems",
                d.kind.label()
            );
            return;
        }
        if app.edit(
            Op::Batch(vec![Op::Remove(ItemRef::dependency(id)), Op::Add(d.into())]),
            "Change dependency type",
        ) {
            app.view.select_only(&new_id);
            app.view_changed();
        }
    }
}

/// The value all `items` share, or `None` when they differ (or there are none).
fn common<T, V: PartialEq>(items: &[T], f: impl Fn(&T) -> V) -> Option<V> {
    let (first, rest) = items.split_first()?;
    let v = f(first);
    rest.iter().all(|i| f(i) == v).then_some(v)
}

/// "3 systems selected", "2 systems and 1 dependency selected".
pub(crate) fn selection_heading(systems: usize, dependencies: usize) -> String {
    let s = plural(systems, "system", "systems");
    let d = plural(dependencies, "dependency", "dependencies");
    match (systems, dependencies) {
        (_, 0) => format!("{s} selected"),
        (0, _) => format!("{d} selected"),
        _ => format!("{s} and {d} selected"),
    }
}

fn multi_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    let systems: Vec<System> = app
        .view
        .selected_systems()
        .filter_map(|i| app.doc.ws.systems.get(i))
        .cloned()
        .collect();
    let deps: Vec<String> = app
        .view
        .selected_dependencies()
        .filter(|d| app.doc.ws.dependencies.contains_key(*d))
        .cloned()
        .collect();
    ui.heading(selection_heading(systems.len(), deps.len()));
    ui.label(
        RichText::new("Changes apply to all of them.")
            .small()
            .weak(),
    );
    if !systems.is_empty() {
        let shared_owner = common(&systems, |s| s.owner.clone());
        let shared_group = common(&systems, |s| s.group.clone());
        let mut owner = shared_owner.clone().unwrap_or_default();
        let mut group = shared_group.clone().unwrap_or_default();
        let mut kind = common(&systems, |s| s.kind);
        let mut edit = Edit {
            typed: None,
            clicked: false,
        };
        egui::Grid::new("multi_fields")
            .num_columns(2)
            .show(ui, |ui| {
                mixed_text_row(ui, "Owner", &mut owner, shared_owner.is_none(), &mut edit);
                mixed_text_row(ui, "Group", &mut group, shared_group.is_none(), &mut edit);
                mixed_combo_row(
                    ui,
                    "Kind",
                    &mut kind,
                    SystemKind::ALL,
                    SystemKind::label,
                    &mut edit,
                );
            });
        // One field changes per frame; only that field is written to every system.
        let what = match edit.typed {
            Some("Owner") => Some("owner"),
            Some("Group") => Some("group"),
            _ if edit.clicked => Some("kind"),
            _ => None,
        };
        if let Some(what) = what {
            let ops: Vec<Op> = systems
                .iter()
                .cloned()
                .map(|mut s| {
                    match what {
                        "owner" => s.owner.clone_from(&owner),
                        "group" => s.group.clone_from(&group),
                        _ => {
                            if let Some(k) = kind {
                                s.kind = k;
                            }
                        }
                    }
                    Op::Update(s.into())
                })
                .collect();
            let label = format!(
                "Set {what} of {}",
                plural(systems.len(), "system", "systems")
            );
            commit(app, Op::Batch(ops), &label, "multi", edit.typed);
        }
    }
    if !deps.is_empty() {
        let mut kind = common(&deps, |d| parse_dependency_id(d).map(|(_, _, k)| k)).flatten();
        let mut edit = Edit {
            typed: None,
            clicked: false,
        };
        egui::Grid::new("multi_deps").num_columns(2).show(ui, |ui| {
            mixed_combo_row(
                ui,
                "Dependency type",
                &mut kind,
                DependencyType::ALL,
                DependencyType::label,
                &mut edit,
            );
        });
        if let (true, Some(kind)) = (edit.clicked, kind) {
            let mut ops = Vec::new();
            let mut new_ids = Vec::new();
            for id in &deps {
                let Some(d) = app.doc.ws.dependencies.get(id) else {
                    continue;
                };
                if d.kind == kind {
                    continue;
                }
                let mut nd = d.clone();
                nd.kind = kind;
                nd.role = (kind == DependencyType::Async).then_some(AsyncRole::Produces);
                new_ids.push(nd.id());
                ops.push(Op::Remove(ItemRef::dependency(id)));
                ops.push(Op::Add(nd.into()));
            }
            if app.edit(Op::Batch(ops), "Change dependency types") {
                app.view
                    .selection
                    .retain(|s| parse_dependency_id(s).is_none());
                app.view.selection.extend(new_ids);
                app.view_changed();
            }
        }
    }
}

fn workspace_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    ui.heading("Workspace");
    let mut title = app.doc.ws.title.clone();
    let mut description = app.doc.ws.description.clone();
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
            timezone: app.doc.ws.timezone.clone(),
        };
        commit(app, op, "Edit workspace", "workspace", edit.typed);
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Select a system or dependency to edit it. Double-click the canvas to add a system; drag from a selected system's handle onto another to connect them.").weak());
}

pub fn inspector_panel_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    Panel::right("inspector")
        .default_size(340.0)
        .min_size(280.0)
        .max_size(520.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.add_space(4.0);
                if app.read_only {
                    ui.label(
                        egui::RichText::new("🔒 Read-only: nothing here can be changed")
                            .color(ui.visuals().warn_fg_color),
                    );
                }
                // Read-only: `ops` refuses edits anyway; the fields say so up front.
                ui.add_enabled_ui(!app.read_only, |ui| {
                    // A failure mode or debt item being edited takes the inspector; their
                    // edits are carried out here until the inspector pushes its own.
                    let (cx, panels) = app.panel_parts();
                    let mut out = Vec::new();
                    let shown = crate::ui::failure_panel::failure_editor_ui(
                        ui,
                        &mut panels.failures,
                        &cx,
                        &mut out,
                    ) || crate::ui::debt_panel::debt_editor_ui(
                        ui,
                        &mut panels.debt,
                        &mut panels.inspector.buffers,
                        &cx,
                        &mut out,
                    );
                    app.apply(out);
                    if shown {
                        return;
                    }
                    let sel: Vec<String> = app.view.selection.iter().cloned().collect();
                    match sel.as_slice() {
                        [] => workspace_ui(ui, app),
                        [one] if parse_dependency_id(one).is_some() => {
                            dependency_ui(ui, app, one);
                        }
                        [one] => system_ui(ui, app, one),
                        _ => multi_ui(ui, app),
                    }
                });
            });
        });
}
