//! Several selected: the fields they share, mixed where they differ; a change applies to all.

use egui::RichText;

use super::fields::{Edit, commit, mixed_combo_row, mixed_text_row};
use crate::model::{AsyncRole, DependencyType, System, SystemKind, parse_dependency_id};
use crate::ops::{ItemRef, Op};
use crate::text::plural;
use crate::ui::actions::Action;
use crate::ui::panel_ctx::PanelCtx;

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

pub(super) fn multi_ui(ui: &mut egui::Ui, cx: &PanelCtx, out: &mut Vec<Action>) {
    let systems: Vec<System> = cx
        .view
        .selected_systems()
        .filter_map(|i| cx.ws().systems.get(i))
        .cloned()
        .collect();
    let deps: Vec<String> = cx
        .view
        .selected_dependencies()
        .filter(|d| cx.ws().dependencies.contains_key(*d))
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
            commit(out, Op::Batch(ops), &label, "multi", edit.typed);
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
                let Some(d) = cx.ws().dependencies.get(id) else {
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
            out.push(Action::edit(Op::Batch(ops), "Change dependency types"));
            out.push(Action::if_edited(Action::view(move |view| {
                view.selection.retain(|s| parse_dependency_id(s).is_none());
                view.selection.extend(new_ids);
            })));
        }
    }
}
