//! The integration debt register: a sortable, filterable table of debt items under the canvas,
//! and the inspector's editor for one item. Every change is an `ops` edit (undoable).

use egui::{Panel, RichText};

use crate::model::{DebtItem, DebtKind, DebtStatus, Workspace, parse_dependency_id};
use crate::ops::Op;
use crate::text::plural;
use crate::ui::app::DepdigApp;

/// Column the register is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DebtSort {
    #[default]
    Impact,
    Title,
    Status,
    Owner,
    Review,
}

/// Register view state (not saved).
#[derive(Debug, Clone, Default)]
pub struct DebtPanelState {
    pub open: bool,
    pub sort: DebtSort,
    pub status: Option<DebtStatus>,
    pub kind: Option<DebtKind>,
    pub owner: String,
    /// Only items linked to the current selection.
    pub linked_to_selection: bool,
    /// The debt item shown in the inspector.
    pub editing: Option<String>,
}

/// A readable name for a linked system or dependency.
pub fn link_name(ws: &Workspace, id: &str) -> String {
    match parse_dependency_id(id) {
        Some((from, to, kind)) => format!(
            "{} → {} ({})",
            ws.system_name(from),
            ws.system_name(to),
            kind.label()
        ),
        None => ws.system_name(id).to_owned(),
    }
}

/// A new debt id not used yet.
fn fresh_debt_id(ws: &Workspace) -> String {
    (1..)
        .map(|i| format!("debt-{i}"))
        .find(|id| !ws.debt.contains_key(id))
        .unwrap_or_else(|| "debt".into())
}

/// Records a debt item linked to the current selection (or to nothing) and opens it for editing.
pub fn record_debt(app: &mut DepdigApp) {
    let id = fresh_debt_id(&app.doc.ws);
    let mut item = DebtItem::new(id.clone(), "New integration debt");
    item.links = app.view.selection.iter().cloned().collect();
    item.created = Some(today());
    if app.edit(Op::Add(item.into()), "Record integration debt") {
        app.panels.debt.open = true;
        app.panels.debt.editing = Some(id);
        app.panels.failures.editing = None;
        // The proposed title is selected: typing replaces it.
        app.focus_next = Some(TITLE_FIELD.into());
    }
}

/// Today's date from the system clock (UTC).
pub(crate) fn today() -> crate::model::Date {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Civil-from-days (Howard Hinnant), valid for the Gregorian calendar.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as u16;
    crate::model::Date::new(y, m, d).unwrap_or(crate::model::Date {
        year: 2026,
        month: 1,
        day: 1,
    })
}

fn status_color(ui: &egui::Ui, s: DebtStatus) -> egui::Color32 {
    match s {
        DebtStatus::Open => ui.visuals().warn_fg_color,
        DebtStatus::Resolved => ui.visuals().weak_text_color(),
        _ => ui.visuals().text_color(),
    }
}

/// The debt editor's title field (a new debt item hands it the keyboard).
const TITLE_FIELD: &str = "debt title";

pub fn debt_panel_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    if !app.panels.debt.open {
        return;
    }
    Panel::bottom("debt_register").resizable(true).default_size(220.0).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.strong(format!("Integration debt ({})", app.doc.ws.debt.len()));
            if ui
                .add_enabled(!app.read_only, egui::Button::new("➕ Record integration debt"))
                .on_hover_text("Linked to the selected systems and dependencies")
                .on_disabled_hover_text(crate::ui::gate::READ_ONLY_WHY)
                .clicked()
            {
                record_debt(app);
            }
            ui.separator();
            let st = &mut app.panels.debt;
            egui::ComboBox::from_id_salt("debt_status").selected_text(st.status.map_or("Any status", DebtStatus::label)).show_ui(ui, |ui| {
                ui.selectable_value(&mut st.status, None, "Any status");
                for s in DebtStatus::ALL {
                    ui.selectable_value(&mut st.status, Some(*s), s.label());
                }
            });
            egui::ComboBox::from_id_salt("debt_kind").selected_text(st.kind.map_or("Any kind", DebtKind::label)).show_ui(ui, |ui| {
                ui.selectable_value(&mut st.kind, None, "Any kind");
                for k in DebtKind::ALL {
                    ui.selectable_value(&mut st.kind, Some(*k), k.label());
                }
            });
            let r = ui.add(egui::TextEdit::singleline(&mut st.owner).hint_text("owner").desired_width(120.0));
            r.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Debt owner filter"));
            ui.checkbox(&mut st.linked_to_selection, "linked to selection");
        });
        let ws = &app.doc.ws;
        let st = &app.panels.debt;
        let owner = st.owner.trim().to_lowercase();
        let mut rows: Vec<&DebtItem> = ws
            .debt
            .values()
            .filter(|d| st.status.is_none_or(|s| d.status == s))
            .filter(|d| st.kind.is_none_or(|k| d.kind == k))
            .filter(|d| owner.is_empty() || d.owner.to_lowercase().contains(&owner))
            .filter(|d| !st.linked_to_selection || d.links.iter().any(|l| app.view.selection.contains(l)))
            .collect();
        match st.sort {
            DebtSort::Impact => rows.sort_by(|a, b| b.impact.cmp(&a.impact).then_with(|| a.id.cmp(&b.id))),
            DebtSort::Title => rows.sort_by_key(|d| d.title.to_lowercase()),
            DebtSort::Status => rows.sort_by(|a, b| a.status.cmp(&b.status).then_with(|| b.impact.cmp(&a.impact))),
            DebtSort::Owner => rows.sort_by(|a, b| a.owner.cmp(&b.owner).then_with(|| b.impact.cmp(&a.impact))),
            DebtSort::Review => rows.sort_by(|a, b| a.review.cmp(&b.review).then_with(|| b.impact.cmp(&a.impact))),
        }
        let mut clicked: Option<String> = None;
        let mut sort = st.sort;
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            egui::Grid::new("debt_table").striped(true).num_columns(6).show(ui, |ui| {
                for (label, key) in [
                    ("Impact", Some(DebtSort::Impact)),
                    ("Title", Some(DebtSort::Title)),
                    ("Status", Some(DebtStatus::Open).map(|_| DebtSort::Status)),
                    ("Owner", Some(DebtSort::Owner)),
                    ("Linked to", None),
                    ("Review", Some(DebtSort::Review)),
                ] {
                    match key {
                        Some(k) => {
                            let text = if sort == k { format!("{label} ⏷") } else { label.to_owned() };
                            if ui.button(RichText::new(text).strong()).on_hover_text(format!("Sort by {}", label.to_lowercase())).clicked() {
                                sort = k;
                            }
                        }
                        None => {
                            ui.strong(label);
                        }
                    }
                }
                ui.end_row();
                for d in &rows {
                    ui.label(format!("{} {}", "●".repeat(usize::from(d.impact.min(5))), d.impact));
                    if ui.selectable_label(st.editing.as_deref() == Some(&d.id), &d.title).on_hover_text(&d.description).clicked() {
                        clicked = Some(d.id.clone());
                    }
                    ui.label(RichText::new(d.status.label()).color(status_color(ui, d.status)));
                    ui.label(&d.owner);
                    let links = d.links.iter().map(|l| link_name(ws, l)).collect::<Vec<_>>().join(", ");
                    let short: String = if links.chars().count() > 70 {
                        format!("{}…", links.chars().take(69).collect::<String>())
                    } else {
                        links.clone()
                    };
                    ui.label(short).on_hover_text(links);
                    ui.label(d.review.map(|r| r.to_string()).unwrap_or_default());
                    ui.end_row();
                }
            });
            if rows.is_empty() {
                ui.label(RichText::new("No debt items match. Record one with the button above, or from a system's context menu.").weak());
            }
        });
        app.panels.debt.sort = sort;
        if let Some(id) = clicked {
            show_debt(app, &id);
        }
    });
}

/// Opens a debt item in the inspector and selects, highlights and frames what it links to.
pub fn show_debt(app: &mut DepdigApp, id: &str) {
    let Some(d) = app.doc.ws.debt.get(id) else {
        return;
    };
    app.panels.debt.editing = Some(id.to_owned());
    app.panels.failures.editing = None;
    let links: Vec<String> = d.links.clone();
    app.view.selection = links.iter().cloned().collect();
    if links.is_empty() {
        app.view.clear_highlight();
    } else {
        let reason = format!("Debt item: what “{}” is linked to", d.title);
        app.view.highlight_for(links.iter().cloned(), reason);
    }
    app.view_changed();
    app.zoom_to_selection();
}

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

/// The inspector's editor for one debt item. Returns false when there is nothing to show.
pub fn debt_editor_ui(ui: &mut egui::Ui, app: &mut DepdigApp) -> bool {
    let Some(id) = app.panels.debt.editing.clone() else {
        return false;
    };
    let Some(orig) = app.doc.ws.debt.get(&id).cloned() else {
        app.panels.debt.editing = None;
        return false;
    };
    let mut d = orig.clone();
    let mut typed: Option<&str> = None;
    let mut clicked = false;
    ui.horizontal(|ui| {
        ui.heading("Integration debt");
        if ui
            .small_button("✕")
            .on_hover_text("Close the debt item")
            .clicked()
        {
            app.panels.debt.editing = None;
            app.view.clear_highlight();
        }
    });
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
                    &mut app.panels.inspector.buffers,
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
            ui.label(link_name(&app.doc.ws, l));
            if ui.small_button("✕").on_hover_text("Unlink").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        d.links.remove(i);
        clicked = true;
    }
    let (selected, label) = link_selection(&app.doc.ws, &app.view.selection, &d.links);
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
        if app.edit(
            Op::Remove(crate::ops::ItemRef::new(crate::model::ItemKind::Debt, &id)),
            "Delete debt item",
        ) {
            app.panels.debt.editing = None;
        }
        return true;
    }
    if d != orig && (typed.is_some() || clicked) {
        let mut out = Vec::new();
        crate::ui::inspector::commit(
            &mut out,
            Op::Update(d.into()),
            "Edit debt item",
            &format!("debt:{id}"),
            typed,
        );
        app.apply(out);
    }
    true
}
