//! The inspector's editor for one debt item.

use std::collections::HashMap;

use egui::RichText;

use super::{DebtPanelState, TITLE_FIELD, link_name};
use crate::model::{DebtKind, DebtStatus, Workspace, parse_dependency_id};
use crate::ops::Op;
use crate::text::plural;
use crate::ui::actions::Action;
use crate::ui::panel_ctx::PanelCtx;

/// What of the selection a debt item can still be linked to (elements that exist and are not
/// linked yet), and the button's text: "Link 2 selected systems and 1 dependency (3 already
/// linked)".
fn link_selection(
    ws: &Workspace,
    selection: &std::collections::BTreeSet<String>,
    links: &[String],
) -> (Vec<String>, String) {
    let existing: Vec<&String> = selection
        .iter()
        .filter(|id| ws.systems.contains_key(*id) || ws.dependencies.contains_key(*id))
        .collect();
    let new: Vec<String> = existing
        .iter()
        .filter(|id| !links.contains(id))
        .map(|id| (*id).clone())
        .collect();
    let dependencies = new
        .iter()
        .filter(|id| parse_dependency_id(id).is_some())
        .count();
    let systems = new.len() - dependencies;
    let already = existing.len() - new.len();
    let label = if existing.is_empty() {
        "Link the selection (nothing selected)".to_owned()
    } else if new.is_empty() {
        "The selection is already linked".to_owned()
    } else {
        // "2 selected systems and 1 dependency", "1 selected dependency".
        let mut parts = Vec::new();
        if systems > 0 {
            parts.push(plural(systems, "selected system", "selected systems"));
        }
        if dependencies > 0 {
            parts.push(if systems > 0 {
                plural(dependencies, "dependency", "dependencies")
            } else {
                plural(dependencies, "selected dependency", "selected dependencies")
            });
        }
        let mut label = format!("Link {}", crate::text::and_list(&parts));
        if already > 0 {
            w!(label, " ({already} already linked)");
        }
        label
    };
    (new, label)
}

/// The inspector's editor for one debt item (`buffers`: the inspector's text typed into fields
/// that must parse). Returns false when there is nothing to show.
pub fn debt_editor_ui(
    ui: &mut egui::Ui,
    state: &mut DebtPanelState,
    buffers: &mut HashMap<String, String>,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
) -> bool {
    let Some(id) = state.editing.clone() else {
        return false;
    };
    // Gone (deleted, undone): the editor closes.
    let Some(orig) = cx.ws().debt.get(&id).cloned() else {
        state.editing = None;
        return false;
    };
    let mut d = orig.clone();
    let mut typed: Option<&str> = None;
    let mut clicked = false;
    if crate::ui::inspector::editor_header(ui, "Integration debt", "Close the debt item") {
        state.editing = None;
        out.push(Action::view(crate::ui::view::ViewState::clear_highlight));
    }
    ui.label(RichText::new(format!("id: {}", d.id)).small().weak());
    egui::Grid::new("debt_fields")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            if crate::ui::inspector::labeled_text_named(
                ui,
                "Title",
                &mut d.title,
                false,
                Some(TITLE_FIELD.into()),
            ) {
                typed = Some("title");
            }
            ui.label("Impact");
            let r = ui.add(
                egui::Slider::new(&mut d.impact, 1..=5).text("1 nuisance … 5 hurts the business"),
            );
            clicked |= r.changed();
            ui.end_row();
            ui.label("Kind");
            egui::ComboBox::from_id_salt("debt_item_kind")
                .selected_text(d.kind.label())
                .show_ui(ui, |ui| {
                    for k in DebtKind::ALL {
                        clicked |= ui.selectable_value(&mut d.kind, *k, k.label()).changed();
                    }
                });
            ui.end_row();
            ui.label("Status");
            egui::ComboBox::from_id_salt("debt_item_status")
                .selected_text(d.status.label())
                .show_ui(ui, |ui| {
                    for s in DebtStatus::ALL {
                        clicked |= ui.selectable_value(&mut d.status, *s, s.label()).changed();
                    }
                });
            ui.end_row();
            if crate::ui::inspector::labeled_text(ui, "Owner", &mut d.owner, false) {
                typed = Some("owner");
            }
            for (label, value) in [("Created", &mut d.created), ("Review", &mut d.review)] {
                let label_id = ui.label(label).id;
                let key = format!("debt.{id}.{label}");
                let parsed = crate::ui::inspector::parsed_field(
                    ui,
                    buffers,
                    &key,
                    label_id,
                    value.as_ref(),
                    "YYYY-MM-DD",
                    str::parse::<crate::model::Date>,
                );
                if let Some(v) = parsed {
                    *value = v;
                    clicked = true;
                }
                ui.end_row();
            }
            if crate::ui::inspector::labeled_text(ui, "Description", &mut d.description, true) {
                typed = Some("description");
            }
            if crate::ui::inspector::labeled_text(ui, "Notes", &mut d.notes, true) {
                typed = Some("notes");
            }
        });
    ui.label(RichText::new("Linked to").strong());
    let mut remove = None;
    for (i, l) in d.links.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(link_name(cx.ws(), l));
            if ui.small_button("✕").on_hover_text("Unlink").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        d.links.remove(i);
        clicked = true;
    }
    let (selected, label) = link_selection(cx.ws(), &cx.view.selection, &d.links);
    if ui
        .add_enabled(!selected.is_empty(), egui::Button::new(label))
        .on_disabled_hover_text("Select systems or dependencies on the map to link them")
        .clicked()
    {
        d.links.extend(selected);
        clicked = true;
    }
    ui.separator();
    if ui.button("🗑 Delete debt item").clicked() {
        // Once deleted, the editor finds no item and closes (a refused delete leaves it open).
        out.push(Action::edit(
            Op::Remove(crate::ops::ItemRef::new(crate::model::ItemKind::Debt, &id)),
            "Delete debt item",
        ));
        return true;
    }
    if d != orig && (typed.is_some() || clicked) {
        out.push(Action::FormEdit {
            op: Op::Update(d.into()),
            label: "Edit debt item".into(),
            item: format!("debt:{id}"),
            field: typed,
        });
    }
    true
}
