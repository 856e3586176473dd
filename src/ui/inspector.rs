//! The inspector: edits every field of the selected system or dependency (or the shared fields
//! of several, or the workspace itself), validated as typed. A typing burst in one field is one
//! undo step; a bad number shows inline and is not applied.

use std::collections::HashMap;
use std::str::FromStr;

use egui::{Panel, RichText};

use crate::model::{
    AsyncRole, Criticality, DataEntity, Days, Dependency, DependencyType, EntityRole, Load,
    LoadUnit, System, SystemKind, TimeWindow, WindowEffect, clock, parse_dependency_id,
};
use crate::ops::{ItemRef, Op};
use crate::ui::app::DepdigApp;

/// Text typed into fields that must parse (numbers, times, days), kept while the field is focused.
#[derive(Debug, Clone, Default)]
pub struct InspectorState {
    pub(crate) buffers: HashMap<String, String>,
}

/// What an edited item needs: its new value and whether it came from typing (merge) or a click.
struct Edit<'a> {
    typed: Option<&'a str>,
    clicked: bool,
}

impl Edit<'_> {
    fn any(&self) -> bool {
        self.typed.is_some() || self.clicked
    }
}

fn row_label(ui: &mut egui::Ui, text: &str) -> egui::Id {
    ui.label(text).id
}

/// Gives a field the accessible name of its row.
fn named(r: egui::Response, label: &str) -> egui::Response {
    r.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, label));
    r
}

fn text_row<'a>(ui: &mut egui::Ui, label: &'a str, value: &mut String, edit: &mut Edit<'a>) {
    row_label(ui, label);
    if named(
        ui.add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY)),
        label,
    )
    .changed()
    {
        edit.typed = Some(label);
    }
    ui.end_row();
}

fn multiline_row<'a>(ui: &mut egui::Ui, label: &'a str, value: &mut String, edit: &mut Edit<'a>) {
    row_label(ui, label);
    if named(
        ui.add(
            egui::TextEdit::multiline(value)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        ),
        label,
    )
    .changed()
    {
        edit.typed = Some(label);
    }
    ui.end_row();
}

fn combo_row<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut T,
    all: &[T],
    text: impl Fn(T) -> &'static str,
    edit: &mut Edit<'_>,
) {
    let id = row_label(ui, label);
    let r = egui::ComboBox::from_id_salt(label)
        .selected_text(text(*value))
        .show_ui(ui, |ui| {
            for v in all {
                if ui.selectable_label(*v == *value, text(*v)).clicked() && *v != *value {
                    *value = *v;
                    edit.clicked = true;
                }
            }
        });
    r.response.labelled_by(id);
    ui.end_row();
}

/// A text field that must parse as `T`; an empty field is `None`. Returns the parsed value when
/// the text is valid; shows the problem inline otherwise.
pub(crate) fn parsed_field<T: FromStr + ToString + PartialEq>(
    ui: &mut egui::Ui,
    buffers: &mut HashMap<String, String>,
    key: &str,
    label_id: egui::Id,
    current: Option<&T>,
    hint: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Option<Option<T>> {
    let shown = current.map(ToString::to_string).unwrap_or_default();
    let buf = buffers
        .entry(key.to_owned())
        .or_insert_with(|| shown.clone());
    let r = ui
        .add(
            egui::TextEdit::singleline(buf)
                .desired_width(110.0)
                .hint_text(hint),
        )
        .labelled_by(label_id);
    if !r.has_focus() && !r.changed() && *buf != shown {
        // Not being edited: follow the document (undo, other edits).
        let valid = buf.trim().is_empty() || parse(buf.trim()).is_ok();
        if valid {
            buf.clone_from(&shown);
        }
    }
    let text = buf.trim().to_owned();
    let result = if text.is_empty() {
        Ok(None)
    } else {
        parse(&text).map(Some)
    };
    match result {
        Ok(v) => (r.changed() && v.as_ref() != current).then_some(v),
        Err(e) => {
            ui.label(RichText::new(e).color(ui.visuals().error_fg_color).small());
            None
        }
    }
}

fn parse_count(s: &str) -> Result<u32, String> {
    s.parse::<u32>()
        .map_err(|_| format!("\"{s}\" is not a whole number ≥ 0"))
}

fn parse_positive(s: &str) -> Result<f64, String> {
    match s.replace(',', "").parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!("\"{s}\" is not a positive number")),
    }
}

/// `HH:MM` → minutes of day.
pub fn parse_clock(s: &str) -> Result<u16, String> {
    let bad = || format!("\"{s}\" is not a time; write HH:MM, e.g. 01:30");
    let (h, m) = s.split_once(':').ok_or_else(bad)?;
    let (h, m): (u16, u16) = (
        h.trim().parse().map_err(|_| bad())?,
        m.trim().parse().map_err(|_| bad())?,
    );
    if h > 23 || m > 59 {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Clock(u16);

impl std::fmt::Display for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&clock(self.0))
    }
}

impl FromStr for Clock {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        parse_clock(s).map(Clock)
    }
}

fn load_row(
    ui: &mut egui::Ui,
    buffers: &mut HashMap<String, String>,
    key: &str,
    label: &str,
    value: &mut Option<Load>,
    edit: &mut Edit<'_>,
) {
    let id = row_label(ui, label);
    ui.horizontal(|ui| {
        let current = value.map(|l| l.value);
        if let Some(v) = parsed_field(
            ui,
            buffers,
            key,
            id,
            current.as_ref(),
            "none",
            parse_positive,
        ) {
            *value = v.map(|v| Load {
                value: v,
                unit: value.map_or(LoadUnit::RequestsPerSec, |l| l.unit),
            });
            edit.clicked = true;
        }
        if let Some(load) = value.as_mut() {
            egui::ComboBox::from_id_salt((key, "unit"))
                .selected_text(load.unit.label())
                .show_ui(ui, |ui| {
                    for u in LoadUnit::ALL {
                        if ui.selectable_label(load.unit == *u, u.label()).clicked()
                            && load.unit != *u
                        {
                            load.unit = *u;
                            edit.clicked = true;
                        }
                    }
                });
        }
    });
    ui.end_row();
}

fn windows_ui(
    ui: &mut egui::Ui,
    buffers: &mut HashMap<String, String>,
    key: &str,
    windows: &mut Vec<TimeWindow>,
    edit: &mut Edit<'_>,
) {
    ui.collapsing(format!("Time windows ({})", windows.len()), |ui| {
        let mut remove = None;
        for (i, w) in windows.iter_mut().enumerate() {
            egui::Grid::new((key, "window", i))
                .num_columns(2)
                .show(ui, |ui| {
                    let id = row_label(ui, "Label");
                    if ui
                        .text_edit_singleline(&mut w.label)
                        .labelled_by(id)
                        .changed()
                    {
                        edit.clicked = true;
                    }
                    ui.end_row();
                    let id = row_label(ui, "Days");
                    if let Some(Some(d)) = parsed_field(
                        ui,
                        buffers,
                        &format!("{key}.w{i}.days"),
                        id,
                        Some(&w.days),
                        "daily",
                        |s| s.parse::<Days>(),
                    ) {
                        w.days = d;
                        edit.clicked = true;
                    }
                    ui.end_row();
                    let id = row_label(ui, "From");
                    if let Some(Some(c)) = parsed_field(
                        ui,
                        buffers,
                        &format!("{key}.w{i}.start"),
                        id,
                        Some(&Clock(w.start_min)),
                        "HH:MM",
                        |s| s.parse::<Clock>(),
                    ) {
                        w.start_min = c.0;
                        edit.clicked = true;
                    }
                    ui.end_row();
                    let id = row_label(ui, "To");
                    if let Some(Some(c)) = parsed_field(
                        ui,
                        buffers,
                        &format!("{key}.w{i}.end"),
                        id,
                        Some(&Clock(w.end_min)),
                        "HH:MM",
                        |s| s.parse::<Clock>(),
                    ) {
                        w.end_min = c.0;
                        edit.clicked = true;
                    }
                    ui.end_row();
                    combo_row(
                        ui,
                        "Effect",
                        &mut w.effect,
                        WindowEffect::ALL,
                        WindowEffect::label,
                        edit,
                    );
                    let id = row_label(ui, "Timezone");
                    let key = format!("{key}.w{i}.tz");
                    let tz = parsed_field(
                        ui,
                        buffers,
                        &key,
                        id,
                        w.timezone.as_ref(),
                        "workspace's",
                        |s| {
                            if crate::model::is_timezone(s) {
                                Ok(s.to_owned())
                            } else {
                                Err(crate::model::timezone_message(s))
                            }
                        },
                    );
                    if let Some(tz) = tz {
                        w.timezone = tz;
                        edit.clicked = true;
                    }
                    ui.end_row();
                });
            if ui.small_button("Remove window").clicked() {
                remove = Some(i);
            }
            ui.separator();
        }
        if let Some(i) = remove {
            windows.remove(i);
            buffers.retain(|k, _| !k.starts_with(&format!("{key}.w")));
            edit.clicked = true;
        }
        if ui.button("Add time window").clicked() {
            windows.push(TimeWindow {
                label: "Batch window".into(),
                days: Days::Daily,
                start_min: 60,
                end_min: 240,
                timezone: None,
                effect: WindowEffect::Locks,
            });
            edit.clicked = true;
        }
    });
}

fn entities_ui(ui: &mut egui::Ui, key: &str, entities: &mut Vec<DataEntity>, edit: &mut Edit<'_>) {
    ui.collapsing(format!("Data entities ({})", entities.len()), |ui| {
        let mut remove = None;
        for (i, e) in entities.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                if ui
                    .add(egui::TextEdit::singleline(&mut e.entity).desired_width(110.0))
                    .changed()
                {
                    edit.clicked = true;
                }
                egui::ComboBox::from_id_salt((key, "role", i))
                    .selected_text(e.role.label())
                    .show_ui(ui, |ui| {
                        for r in EntityRole::ALL {
                            if ui.selectable_label(e.role == *r, r.label()).clicked()
                                && e.role != *r
                            {
                                e.role = *r;
                                edit.clicked = true;
                            }
                        }
                    });
                if ui
                    .small_button("✕")
                    .on_hover_text("Remove entity")
                    .clicked()
                {
                    remove = Some(i);
                }
            });
        }
        if let Some(i) = remove {
            entities.remove(i);
            edit.clicked = true;
        }
        if ui.button("Add data entity").clicked() {
            entities.push(DataEntity {
                entity: "customer".into(),
                role: EntityRole::SourceOfTruth,
            });
            edit.clicked = true;
        }
    });
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
    let buffers = &mut app.inspector.buffers;
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
    let buffers = &mut app.inspector.buffers;
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

/// Applies an inspector edit: typing merges into one undo step per field, clicks are steps.
fn commit(app: &mut DepdigApp, op: Op, label: &str, id: &str, typed: Option<&str>) {
    let result = match typed {
        Some(field) => app
            .doc
            .apply_merging(op, label, &format!("inspect:{id}:{field}")),
        None => {
            app.doc.history.close_merge();
            app.doc.apply(op, label)
        }
    };
    if let Err(e) = result {
        app.status = format!("{label}: not done — {e}");
    }
}

fn multi_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    let systems: Vec<String> = app.view.selected_systems().cloned().collect();
    let deps: Vec<String> = app.view.selected_dependencies().cloned().collect();
    ui.heading(format!(
        "{} systems, {} dependencies selected",
        systems.len(),
        deps.len()
    ));
    ui.label(
        RichText::new("Changes apply to all of them.")
            .small()
            .weak(),
    );
    if !systems.is_empty() {
        let first = app.doc.ws.systems.get(&systems[0]).cloned();
        let Some(first) = first else { return };
        let same = |f: &dyn Fn(&System) -> String| {
            systems
                .iter()
                .filter_map(|i| app.doc.ws.systems.get(i))
                .all(|s| f(s) == f(&first))
        };
        let mut owner = if same(&|s| s.owner.clone()) {
            first.owner.clone()
        } else {
            String::new()
        };
        let mut group = if same(&|s| s.group.clone()) {
            first.group.clone()
        } else {
            String::new()
        };
        let mut kind = first.kind;
        let mut edit = Edit {
            typed: None,
            clicked: false,
        };
        let mut what = "";
        egui::Grid::new("multi_fields")
            .num_columns(2)
            .show(ui, |ui| {
                text_row(ui, "Owner", &mut owner, &mut edit);
                if edit.typed.is_some() && what.is_empty() {
                    what = "owner";
                }
                text_row(ui, "Group", &mut group, &mut edit);
                if edit.typed == Some("Group") {
                    what = "group";
                }
                let before = edit.clicked;
                combo_row(
                    ui,
                    "Kind",
                    &mut kind,
                    SystemKind::ALL,
                    SystemKind::label,
                    &mut edit,
                );
                if edit.clicked && !before {
                    what = "kind";
                }
            });
        if edit.any() {
            let ops: Vec<Op> = systems
                .iter()
                .filter_map(|i| app.doc.ws.systems.get(i).cloned())
                .map(|mut s| {
                    match what {
                        "owner" => s.owner.clone_from(&owner),
                        "group" => s.group.clone_from(&group),
                        _ => s.kind = kind,
                    }
                    Op::Update(s.into())
                })
                .collect();
            let label = format!("Set {what} of {} systems", systems.len());
            commit(app, Op::Batch(ops), &label, "multi", edit.typed);
        }
    }
    if !deps.is_empty() {
        let mut kind = deps
            .iter()
            .find_map(|d| parse_dependency_id(d))
            .map_or(DependencyType::Sync, |(_, _, k)| k);
        let mut edit = Edit {
            typed: None,
            clicked: false,
        };
        egui::Grid::new("multi_deps").num_columns(2).show(ui, |ui| {
            combo_row(
                ui,
                "Dependency type",
                &mut kind,
                DependencyType::ALL,
                DependencyType::label,
                &mut edit,
            );
        });
        if edit.clicked {
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
                if crate::ui::failure_panel::failure_editor_ui(ui, app) {
                    return;
                }
                if crate::ui::debt_panel::debt_editor_ui(ui, app) {
                    return;
                }
                let sel: Vec<String> = app.view.selection.iter().cloned().collect();
                match sel.as_slice() {
                    [] => workspace_ui(ui, app),
                    [one] if parse_dependency_id(one).is_some() => dependency_ui(ui, app, one),
                    [one] => system_ui(ui, app, one),
                    _ => multi_ui(ui, app),
                }
            });
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks() {
        assert_eq!(parse_clock("01:30"), Ok(90));
        assert_eq!(parse_clock("23:59"), Ok(1439));
        assert!(parse_clock("24:00").is_err());
        assert!(parse_clock("noon").is_err());
    }
}
