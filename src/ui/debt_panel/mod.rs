//! The integration debt register: a sortable, filterable table of debt items (a tab of the
//! workspace), and the inspector's editor for one item ([`editor`]). Every change is an `ops`
//! edit (undoable), pushed as an [`Action`].

mod editor;

pub use editor::debt_editor_ui;

use egui::RichText;

use crate::model::{DebtItem, DebtKind, DebtStatus, Workspace, parse_dependency_id};
use crate::ops::Op;
use crate::ui::actions::{Action, CameraRequest, DockRequest};
use crate::ui::commands::UiCommand;
use crate::ui::dock::Pane;
use crate::ui::panel_ctx::PanelCtx;
use crate::ui::view::ViewState;

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
/// Run by [`UiCommand::RecordDebt`] (refused up front when read-only, so the edit is not).
pub fn record_debt(
    state: &mut DebtPanelState,
    ws: &Workspace,
    view: &ViewState,
    out: &mut Vec<Action>,
) {
    let id = fresh_debt_id(ws);
    let mut item = DebtItem::new(id.clone(), "New integration debt");
    item.links = view.selection.iter().cloned().collect();
    item.created = Some(today());
    out.push(Action::edit(
        Op::Add(item.into()),
        "Record integration debt",
    ));
    out.push(Action::Dock(DockRequest::Open(Pane::Debt)));
    state.editing = Some(id);
    out.push(Action::StopEditingFailure);
    // The proposed title is selected: typing replaces it.
    out.push(Action::FocusNext(TITLE_FIELD.into()));
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

/// The register: its filters, and the table of debt items (a click opens one).
pub fn debt_register_ui(
    ui: &mut egui::Ui,
    st: &mut DebtPanelState,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!("Integration debt ({})", cx.ws().debt.len()));
        if ui
            .add_enabled(
                !cx.read_only,
                egui::Button::new("➕ Record integration debt"),
            )
            .on_hover_text("Linked to the selected systems and dependencies")
            .on_disabled_hover_text(crate::ui::gate::READ_ONLY_WHY)
            .clicked()
        {
            out.push(Action::Command(UiCommand::RecordDebt));
        }
    });
    ui.horizontal_wrapped(|ui| filters_ui(ui, st));
    let ws = cx.ws();
    let owner = st.owner.trim().to_lowercase();
    let mut rows: Vec<&DebtItem> = ws
        .debt
        .values()
        .filter(|d| st.status.is_none_or(|s| d.status == s))
        .filter(|d| st.kind.is_none_or(|k| d.kind == k))
        .filter(|d| owner.is_empty() || d.owner.to_lowercase().contains(&owner))
        .filter(|d| {
            !st.linked_to_selection || d.links.iter().any(|l| cx.view.selection.contains(l))
        })
        .collect();
    let by_impact = |a: &&DebtItem, b: &&DebtItem| b.impact.cmp(&a.impact);
    match st.sort {
        DebtSort::Impact => rows.sort_by(|a, b| by_impact(a, b).then_with(|| a.id.cmp(&b.id))),
        DebtSort::Title => rows.sort_by_key(|d| d.title.to_lowercase()),
        DebtSort::Status => {
            rows.sort_by(|a, b| a.status.cmp(&b.status).then_with(|| by_impact(a, b)));
        }
        DebtSort::Owner => {
            rows.sort_by(|a, b| a.owner.cmp(&b.owner).then_with(|| by_impact(a, b)));
        }
        DebtSort::Review => {
            rows.sort_by(|a, b| a.review.cmp(&b.review).then_with(|| by_impact(a, b)));
        }
    }
    let mut clicked: Option<String> = None;
    // Docked beside the map the register is narrow: one card per item instead of a table.
    let compact = ui.available_width() < COMPACT_BELOW;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if compact {
                for d in &rows {
                    let editing = st.editing.as_deref() == Some(&d.id);
                    if card_ui(ui, ws, d, editing) {
                        clicked = Some(d.id.clone());
                    }
                }
            } else {
                egui::Grid::new("debt_table")
                    .striped(true)
                    .num_columns(6)
                    .show(ui, |ui| {
                        header_ui(ui, &mut st.sort);
                        for d in &rows {
                            let editing = st.editing.as_deref() == Some(&d.id);
                            if row_ui(ui, ws, d, editing) {
                                clicked = Some(d.id.clone());
                            }
                        }
                    });
            }
            if rows.is_empty() {
                ui.label(RichText::new("No debt items match. Record one with the button above, or from a system's context menu.").weak());
            }
        });
    if let Some(id) = clicked {
        show_debt(st, ws, &id, out);
    }
}

/// Status, kind, owner and "linked to selection" filters.
fn filters_ui(ui: &mut egui::Ui, st: &mut DebtPanelState) {
    egui::ComboBox::from_id_salt("debt_status")
        .selected_text(st.status.map_or("Any status", DebtStatus::label))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut st.status, None, "Any status");
            for s in DebtStatus::ALL {
                ui.selectable_value(&mut st.status, Some(*s), s.label());
            }
        });
    egui::ComboBox::from_id_salt("debt_kind")
        .selected_text(st.kind.map_or("Any kind", DebtKind::label))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut st.kind, None, "Any kind");
            for k in DebtKind::ALL {
                ui.selectable_value(&mut st.kind, Some(*k), k.label());
            }
        });
    let r = ui.add(
        egui::TextEdit::singleline(&mut st.owner)
            .hint_text("owner")
            .desired_width(120.0),
    );
    r.widget_info(|| {
        egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Debt owner filter")
    });
    ui.checkbox(&mut st.linked_to_selection, "linked to selection");
}

/// The table's header: a click on a sortable column sorts by it.
fn header_ui(ui: &mut egui::Ui, sort: &mut DebtSort) {
    for (label, key) in [
        ("Impact", Some(DebtSort::Impact)),
        ("Title", Some(DebtSort::Title)),
        ("Status", Some(DebtSort::Status)),
        ("Owner", Some(DebtSort::Owner)),
        ("Linked to", None),
        ("Review", Some(DebtSort::Review)),
    ] {
        match key {
            Some(k) => {
                let text = if *sort == k {
                    format!("{label} ⏷")
                } else {
                    label.to_owned()
                };
                if ui
                    .button(RichText::new(text).strong())
                    .on_hover_text(format!("Sort by {}", label.to_lowercase()))
                    .clicked()
                {
                    *sort = k;
                }
            }
            None => {
                ui.strong(label);
            }
        }
    }
    ui.end_row();
}

/// One debt item's row; returns whether its title was clicked.
/// Narrower than this, a register shows cards instead of a table (logical pixels).
pub(crate) const COMPACT_BELOW: f32 = 620.0;

/// One item as a card: its title, then impact, status, owner and what it is linked to.
fn card_ui(ui: &mut egui::Ui, ws: &Workspace, d: &DebtItem, editing: bool) -> bool {
    let clicked = ui
        .selectable_label(editing, RichText::new(&d.title).strong())
        .on_hover_text(&d.description)
        .clicked();
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{} {}",
            "●".repeat(usize::from(d.impact.min(5))),
            d.impact
        ));
        ui.label(RichText::new(d.status.label()).color(status_color(ui, d.status)));
        if !d.owner.is_empty() {
            ui.label(RichText::new(&d.owner).weak());
        }
        if let Some(r) = d.review {
            ui.label(RichText::new(format!("review {r}")).weak());
        }
    });
    let links = d
        .links
        .iter()
        .map(|l| link_name(ws, l))
        .collect::<Vec<_>>()
        .join(", ");
    if !links.is_empty() {
        // On a line of its own, wrapped to the panel's width.
        ui.add(egui::Label::new(RichText::new(format!("→ {links}")).weak()).wrap());
    }
    ui.separator();
    clicked
}

fn row_ui(ui: &mut egui::Ui, ws: &Workspace, d: &DebtItem, editing: bool) -> bool {
    ui.label(format!(
        "{} {}",
        "●".repeat(usize::from(d.impact.min(5))),
        d.impact
    ));
    let clicked = ui
        .selectable_label(editing, &d.title)
        .on_hover_text(&d.description)
        .clicked();
    ui.label(RichText::new(d.status.label()).color(status_color(ui, d.status)));
    ui.label(&d.owner);
    let links = d
        .links
        .iter()
        .map(|l| link_name(ws, l))
        .collect::<Vec<_>>()
        .join(", ");
    let short: String = if links.chars().count() > 70 {
        format!("{}…", links.chars().take(69).collect::<String>())
    } else {
        links.clone()
    };
    ui.label(short).on_hover_text(links);
    ui.label(d.review.map(|r| r.to_string()).unwrap_or_default());
    ui.end_row();
    clicked
}

/// Opens a debt item in the inspector and selects, highlights and frames what it links to.
pub fn show_debt(state: &mut DebtPanelState, ws: &Workspace, id: &str, out: &mut Vec<Action>) {
    let Some(d) = ws.debt.get(id) else {
        return;
    };
    state.editing = Some(id.to_owned());
    out.push(Action::StopEditingFailure);
    let links: Vec<String> = d.links.clone();
    let reason = format!("Debt item: what “{}” is linked to", d.title);
    out.push(Action::view(move |view| {
        view.selection = links.iter().cloned().collect();
        if links.is_empty() {
            view.clear_highlight();
        } else {
            view.highlight_for(links, reason);
        }
    }));
    out.push(Action::Camera(CameraRequest::ZoomToSelection));
}
