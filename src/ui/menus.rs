//! The menu bar and the toolbar: what they offer comes from the read-only context, what is
//! chosen becomes actions.

use egui::{Panel, RichText};

use crate::theme::ThemeName;
use crate::ui::actions::{Action, DockRequest};
use crate::ui::commands::UiCommand;
use crate::ui::dock::{Layout, Pane};
use crate::ui::gate::Gate;
use crate::ui::panel_ctx::PanelCtx;

/// A menu entry that shows the command's shortcut and tooltip.
fn command_button(
    ui: &mut egui::Ui,
    gate: Gate,
    cmd: UiCommand,
    enabled: bool,
    out: &mut Vec<Action>,
) {
    command_button_text(ui, gate, cmd, cmd.menu_text(), enabled, out);
}

/// A menu entry for `cmd` that reads `text` (for commands whose wording follows the state).
fn command_button_text(
    ui: &mut egui::Ui,
    gate: Gate,
    cmd: UiCommand,
    text: &str,
    enabled: bool,
    out: &mut Vec<Action>,
) {
    let why = gate.refusal(cmd);
    let mut button = egui::Button::new(text);
    if let Some(sc) = cmd.shortcut() {
        button = button.shortcut_text(crate::ui::commands::shortcut_text(ui.ctx(), &sc));
    }
    if ui
        .add_enabled(enabled && why.is_none(), button)
        .on_hover_text(cmd.tooltip())
        .on_disabled_hover_text(why.unwrap_or(cmd.tooltip()))
        .clicked()
    {
        out.push(Action::Command(cmd));
    }
}

pub fn menu_bar_ui(ui: &mut egui::Ui, cx: &PanelCtx, out: &mut Vec<Action>) {
    let gate = cx.gate;
    Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for cmd in [
                    UiCommand::New,
                    UiCommand::Open,
                    UiCommand::Import,
                    UiCommand::Compare,
                    UiCommand::CompareWith,
                    UiCommand::Save,
                    UiCommand::SaveAs,
                    UiCommand::ExportMap,
                    UiCommand::ExportReport,
                    UiCommand::PlaceBackdrop,
                    UiCommand::BackdropSettings,
                    UiCommand::RecoverUnsaved,
                    UiCommand::Quit,
                ] {
                    command_button(ui, gate, cmd, true, out);
                }
                ui.menu_button("Open recent", |ui| {
                    if cx.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for p in cx.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            out.push(Action::Open(p.clone()));
                        }
                    }
                });
            });
            ui.menu_button("Edit", |ui| {
                command_button(ui, gate,
                    UiCommand::Undo,
                    cx.doc.history.undo_label().is_some(),
                    out,
                );
                command_button(ui, gate,
                    UiCommand::Redo,
                    cx.doc.history.redo_label().is_some(),
                    out,
                );
                ui.separator();
                for cmd in [
                    UiCommand::AddSystem,
                    UiCommand::ConnectSelected,
                    UiCommand::Rename,
                    UiCommand::TogglePin,
                    UiCommand::Copy,
                    UiCommand::CopyMapImage,
                    UiCommand::Paste,
                    UiCommand::Duplicate,
                    UiCommand::Delete,
                    UiCommand::SelectAll,
                    UiCommand::Find,
                    UiCommand::RecordDebt,
                    UiCommand::AddFailureMode,
                ] {
                    command_button(ui, gate, cmd, true, out);
                }
            });
            ui.menu_button("View", |ui| {
                for cmd in [
                    UiCommand::ZoomToFit,
                    UiCommand::ZoomToSelection,
                ] {
                    command_button(ui, gate, cmd, true, out);
                }
                let layout = if cx.layout_running {
                    "Pause layout"
                } else {
                    "Run layout"
                };
                command_button_text(ui, gate, UiCommand::ToggleLayout, layout, true, out);
                command_button(ui, gate, UiCommand::LayOutAfresh, !cx.layout_running, out);
                layout_style_menu_ui(ui, cx, out);
                for cmd in [
                    UiCommand::FocusSelection,
                    UiCommand::ClearFilters,
                    UiCommand::NextView,
                    UiCommand::PrevView,
                    UiCommand::ToggleGroup,
                    UiCommand::Present,
                ] {
                    command_button(ui, gate, cmd, true, out);
                }
                ui.separator();
                panels_menu_ui(ui, cx, out);
                ui.separator();
                let mut badges = !cx.view.hide_badges;
                if ui.checkbox(&mut badges, "Debt badges").changed() {
                    out.push(Action::view(move |v| v.hide_badges = !badges));
                }
                let mut halo = cx.view.dependants_halo;
                if ui
                    .checkbox(&mut halo, "Halo by dependants")
                    .on_hover_text("The more systems depend on a system (directly or through others), the wider its halo")
                    .changed()
                {
                    out.push(Action::view(move |v| v.dependants_halo = halo));
                }
                let mut heat = cx.view.debt_heat;
                if ui
                    .checkbox(&mut heat, "Debt heat")
                    .on_hover_text(
                        "Colour systems by the total impact of their open integration debt",
                    )
                    .changed()
                {
                    out.push(Action::view(move |v| v.debt_heat = heat));
                }
                ui.separator();
                for t in ThemeName::ALL {
                    if ui
                        .radio(cx.view.theme == t, format!("{} theme", t.label()))
                        .clicked()
                    {
                        out.push(Action::view(move |v| v.theme = t));
                    }
                }
                ui.separator();
                for cmd in [UiCommand::ScaleUp, UiCommand::ScaleDown, UiCommand::ScaleReset] {
                    command_button(ui, gate, cmd, true, out);
                }
                ui.label(format!("Interface scale {:.0}%", cx.ui_scale * 100.0));
                ui.separator();
                let mut ro = cx.read_only;
                if ui
                    .checkbox(&mut ro, "Read-only")
                    .on_hover_text(UiCommand::ToggleReadOnly.tooltip())
                    .changed()
                {
                    out.push(Action::Command(UiCommand::ToggleReadOnly));
                }
            });
            ui.menu_button("Help", |ui| {
                command_button(ui, gate, UiCommand::KeyboardHelp, true, out);
                command_button(ui, gate, UiCommand::About, true, out);
            });
        });
    });
}

pub fn toolbar_ui(ui: &mut egui::Ui, cx: &PanelCtx, out: &mut Vec<Action>) {
    let gate = cx.gate;
    Panel::top("toolbar").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            let b = |ui: &mut egui::Ui,
                     text: &str,
                     cmd: UiCommand,
                     enabled: bool,
                     out: &mut Vec<Action>| {
                let tip = match cmd.shortcut() {
                    Some(sc) => format!(
                        "{} ({})",
                        cmd.tooltip(),
                        crate::ui::commands::shortcut_text(ui.ctx(), &sc)
                    ),
                    None => cmd.tooltip().to_owned(),
                };
                let why = gate.refusal(cmd);
                if ui
                    .add_enabled(enabled && why.is_none(), egui::Button::new(text))
                    .on_hover_text(&tip)
                    .on_disabled_hover_text(why.unwrap_or(&tip))
                    .clicked()
                {
                    out.push(Action::Command(cmd));
                }
            };
            b(ui, "➕ Add system", UiCommand::AddSystem, true, out);
            b(
                ui,
                "🔗 Connect",
                UiCommand::ConnectSelected,
                cx.view.selected_systems().count() == 2,
                out,
            );
            b(
                ui,
                "🗑 Delete",
                UiCommand::Delete,
                !cx.view.selection.is_empty(),
                out,
            );
            ui.separator();
            b(
                ui,
                "⟲ Undo",
                UiCommand::Undo,
                cx.doc.history.undo_label().is_some(),
                out,
            );
            b(
                ui,
                "⟳ Redo",
                UiCommand::Redo,
                cx.doc.history.redo_label().is_some(),
                out,
            );
            ui.separator();
            let layout = if cx.layout_running {
                "⏸ Pause layout"
            } else {
                "▶ Run layout"
            };
            b(ui, layout, UiCommand::ToggleLayout, true, out);
            b(ui, "⛶ Fit", UiCommand::ZoomToFit, true, out);
            b(ui, "🔍 Find", UiCommand::Find, true, out);
            ui.separator();
            let open_debt = cx
                .doc
                .ws()
                .debt
                .values()
                .filter(|d| d.status != crate::model::DebtStatus::Resolved)
                .count();
            b(
                ui,
                &format!("⚠ Debt ({open_debt} open)"),
                UiCommand::ToggleDebtRegister,
                true,
                out,
            );
            let never = cx
                .doc
                .ws()
                .failure_modes
                .values()
                .filter(|f| f.rehearsals.is_empty())
                .count();
            let label = if never > 0 {
                format!(
                    "🔥 Failure modes ({}, {never} never rehearsed)",
                    cx.doc.ws().failure_modes.len()
                )
            } else {
                format!("🔥 Failure modes ({})", cx.doc.ws().failure_modes.len())
            };
            b(ui, &label, UiCommand::ToggleFailureModes, true, out);
            b(ui, "🔎 Findings", UiCommand::ToggleFindings, true, out);
            b(ui, "💬 Prompts", UiCommand::ToggleFacilitation, true, out);
            ui.separator();
            b(
                ui,
                &format!("👁 Views ({})", cx.doc.ws().views.len()),
                UiCommand::ToggleViews,
                true,
                out,
            );
            b(ui, "▣ Present", UiCommand::Present, true, out);
            if cx.read_only {
                ui.separator();
                ui.label(
                    RichText::new("🔒 READ-ONLY")
                        .strong()
                        .color(ui.visuals().warn_fg_color),
                )
                .on_hover_text("Every edit is refused. View › Read-only to edit.");
            }
        });
    });
}

/// View ▸ Layout style: Force or Layered, saved in the workspace (an undoable edit); Space /
/// Run layout uses it.
fn layout_style_menu_ui(ui: &mut egui::Ui, cx: &PanelCtx<'_>, out: &mut Vec<Action>) {
    use crate::model::LayoutStyle;
    ui.menu_button("Layout style", |ui| {
        let now = cx.doc.ws().layout.unwrap_or_default();
        for style in LayoutStyle::ALL.iter().copied() {
            let hint = match style {
                LayoutStyle::Force => {
                    "Systems pulled together by their dependencies (Space runs it)"
                }
                LayoutStyle::Layered => {
                    "Rows, callers above callees, like Graphviz dot (Space lays it out at once)"
                }
            };
            if ui
                .radio(now == style, style.label())
                .on_hover_text(hint)
                .clicked()
                && now != style
            {
                // Force is the default: choosing it writes nothing in the file.
                let saved = (style != LayoutStyle::Force).then_some(style);
                out.push(Action::edit(
                    crate::ops::Op::SetLayoutStyle(saved),
                    format!("Layout style: {}", style.label()),
                ));
            }
        }
    });
}

/// View ▸ Layout and the panels: each panel's toggle (its shortcut where it has one), and the
/// three arrangements to start from.
fn panels_menu_ui(ui: &mut egui::Ui, cx: &PanelCtx, out: &mut Vec<Action>) {
    ui.menu_button("Layout", |ui| {
        for layout in Layout::ALL {
            if ui
                .button(layout.label())
                .on_hover_text(layout.tooltip())
                .clicked()
            {
                out.push(Action::Dock(DockRequest::Layout(layout)));
            }
        }
    });
    for pane in Pane::PANELS {
        let mut open = cx.dock.is_open(pane);
        let mut text = pane.title().to_owned();
        let cmd = match pane {
            Pane::Debt => Some(UiCommand::ToggleDebtRegister),
            Pane::Failures => Some(UiCommand::ToggleFailureModes),
            Pane::Findings => Some(UiCommand::ToggleFindings),
            Pane::Facilitation => Some(UiCommand::ToggleFacilitation),
            Pane::Views => Some(UiCommand::ToggleViews),
            _ => None,
        };
        if let Some(sc) = cmd.and_then(UiCommand::shortcut) {
            w!(
                text,
                "  ({})",
                crate::ui::commands::shortcut_text(ui.ctx(), &sc)
            );
        }
        if ui.checkbox(&mut open, text).changed() {
            out.push(match cmd {
                Some(cmd) => Action::Command(cmd),
                None => Action::Dock(DockRequest::Toggle(pane)),
            });
        }
    }
}
