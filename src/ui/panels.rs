//! Menu bar, toolbar, status bar, legend and find bar.

use egui::{Panel, RichText};

use crate::picture::legend::{EntryKind, READING_RULE};
use crate::text::plural;
use crate::theme::ThemeName;
use crate::ui::app::DepdigApp;
use crate::ui::commands::UiCommand;
use crate::ui::gate::Gate;
use crate::ui::theme::color;

/// A menu entry that shows the command's shortcut and tooltip.
fn command_button(
    ui: &mut egui::Ui,
    gate: Gate,
    cmd: UiCommand,
    enabled: bool,
    out: &mut Vec<UiCommand>,
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
    out: &mut Vec<UiCommand>,
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
        out.push(cmd);
    }
}

pub fn menu_bar_ui(ui: &mut egui::Ui, app: &mut DepdigApp, out: &mut Vec<UiCommand>) {
    let gate = Gate::of(app);
    Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for cmd in [
                    UiCommand::New,
                    UiCommand::Open,
                    UiCommand::Save,
                    UiCommand::SaveAs,
                    UiCommand::ExportMap,
                    UiCommand::ExportReport,
                    UiCommand::RecoverUnsaved,
                    UiCommand::Quit,
                ] {
                    command_button(ui, gate, cmd, true, out);
                }
                ui.menu_button("Open recent", |ui| {
                    if app.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    let mut chosen = None;
                    for p in &app.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            chosen = Some(p.clone());
                        }
                    }
                    if let Some(p) = chosen {
                        app.request_open(p);
                    }
                });
            });
            ui.menu_button("Edit", |ui| {
                command_button(ui, gate,
                    UiCommand::Undo,
                    app.doc.history.undo_label().is_some(),
                    out,
                );
                command_button(ui, gate,
                    UiCommand::Redo,
                    app.doc.history.redo_label().is_some(),
                    out,
                );
                ui.separator();
                for cmd in [
                    UiCommand::AddSystem,
                    UiCommand::ConnectSelected,
                    UiCommand::Rename,
                    UiCommand::TogglePin,
                    UiCommand::Copy,
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
                let layout = if app.layout_running {
                    "Pause layout"
                } else {
                    "Run layout"
                };
                command_button_text(ui, gate, UiCommand::ToggleLayout, layout, true, out);
                for cmd in [
                    UiCommand::ToggleDebtRegister,
                    UiCommand::ToggleFailureModes,
                    UiCommand::ToggleFindings,
                    UiCommand::ToggleFacilitation,
                    UiCommand::ToggleViews,
                    UiCommand::FocusSelection,
                    UiCommand::ClearFilters,
                    UiCommand::NextView,
                    UiCommand::PrevView,
                    UiCommand::ToggleGroup,
                    UiCommand::Present,
                ] {
                    command_button(ui, gate, cmd, true, out);
                }
                ui.checkbox(&mut app.show_legend, "Legend");
                let mut badges = !app.view.hide_badges;
                if ui.checkbox(&mut badges, "Debt badges").changed() {
                    app.view.hide_badges = !badges;
                    app.view_changed();
                }
                if ui
                    .checkbox(&mut app.view.dependants_halo, "Halo by dependants")
                    .on_hover_text("The more systems depend on a system (directly or through others), the wider its halo")
                    .changed()
                {
                    app.view_changed();
                }
                if ui
                    .checkbox(&mut app.view.debt_heat, "Debt heat")
                    .on_hover_text(
                        "Colour systems by the total impact of their open integration debt",
                    )
                    .changed()
                {
                    app.view_changed();
                }
                ui.separator();
                for t in ThemeName::ALL {
                    if ui
                        .radio(app.view.theme == t, format!("{} theme", t.label()))
                        .clicked()
                    {
                        app.set_theme(t);
                        crate::ui::theme::apply(ui.ctx(), &app.theme());
                    }
                }
                ui.separator();
                for cmd in [UiCommand::ScaleUp, UiCommand::ScaleDown, UiCommand::ScaleReset] {
                    command_button(ui, gate, cmd, true, out);
                }
                ui.label(format!("Interface scale {:.0}%", app.ui_scale * 100.0));
                ui.separator();
                let mut ro = app.read_only;
                if ui
                    .checkbox(&mut ro, "Read-only")
                    .on_hover_text(UiCommand::ToggleReadOnly.tooltip())
                    .changed()
                {
                    out.push(UiCommand::ToggleReadOnly);
                }
            });
            ui.menu_button("Help", |ui| {
                command_button(ui, gate, UiCommand::KeyboardHelp, true, out);
            });
        });
    });
}

pub fn toolbar_ui(ui: &mut egui::Ui, app: &mut DepdigApp, out: &mut Vec<UiCommand>) {
    let gate = Gate::of(app);
    Panel::top("toolbar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let b = |ui: &mut egui::Ui,
                     text: &str,
                     cmd: UiCommand,
                     enabled: bool,
                     out: &mut Vec<UiCommand>| {
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
                    out.push(cmd);
                }
            };
            b(ui, "➕ Add system", UiCommand::AddSystem, true, out);
            b(
                ui,
                "🔗 Connect",
                UiCommand::ConnectSelected,
                app.view.selected_systems().count() == 2,
                out,
            );
            b(
                ui,
                "🗑 Delete",
                UiCommand::Delete,
                !app.view.selection.is_empty(),
                out,
            );
            ui.separator();
            b(
                ui,
                "⟲ Undo",
                UiCommand::Undo,
                app.doc.history.undo_label().is_some(),
                out,
            );
            b(
                ui,
                "⟳ Redo",
                UiCommand::Redo,
                app.doc.history.redo_label().is_some(),
                out,
            );
            ui.separator();
            let layout = if app.layout_running {
                "⏸ Pause layout"
            } else {
                "▶ Run layout"
            };
            b(ui, layout, UiCommand::ToggleLayout, true, out);
            b(ui, "⛶ Fit", UiCommand::ZoomToFit, true, out);
            b(ui, "🔍 Find", UiCommand::Find, true, out);
            ui.separator();
            let open_debt = app
                .doc
                .ws
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
            let never = app
                .doc
                .ws
                .failure_modes
                .values()
                .filter(|f| f.rehearsals.is_empty())
                .count();
            let label = if never > 0 {
                format!(
                    "🔥 Failure modes ({}, {never} never rehearsed)",
                    app.doc.ws.failure_modes.len()
                )
            } else {
                format!("🔥 Failure modes ({})", app.doc.ws.failure_modes.len())
            };
            b(ui, &label, UiCommand::ToggleFailureModes, true, out);
            b(ui, "🔎 Findings", UiCommand::ToggleFindings, true, out);
            b(ui, "💬 Prompts", UiCommand::ToggleFacilitation, true, out);
            ui.separator();
            b(
                ui,
                &format!("👁 Views ({})", app.doc.ws.views.len()),
                UiCommand::ToggleViews,
                true,
                out,
            );
            b(ui, "▣ Present", UiCommand::Present, true, out);
            if app.read_only {
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

/// Presentation mode's only chrome: the workspace title, large, with the view being shown.
pub fn presentation_title_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    let theme = app.theme();
    Panel::top("presentation_title")
        .frame(
            egui::Frame::new()
                .fill(color(theme.canvas_bg))
                .inner_margin(egui::Margin::symmetric(24, 12)),
        )
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                // Controls first, on the right, so a long title is cut short instead of them.
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button(RichText::new("Esc  leave").size(16.0))
                        .on_hover_text("Leave presentation mode")
                        .clicked()
                    {
                        app.set_presenting(false);
                    }
                    if ui
                        .selectable_label(app.show_legend, RichText::new("Legend").size(16.0))
                        .on_hover_text("Show or hide the legend")
                        .clicked()
                    {
                        app.show_legend = !app.show_legend;
                        // ← → go on stepping through the views.
                        app.focus_canvas = true;
                    }
                    ui.label(
                        RichText::new(if app.doc.ws.views.is_empty() {
                            crate::ui::views_panel::NO_SAVED_VIEWS
                        } else {
                            "← → views"
                        })
                        .size(16.0)
                        .color(color(theme.node_subtext)),
                    );
                    ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                        ui.add(
                            egui::Label::new(
                                RichText::new(&app.doc.ws.title)
                                    .size(34.0)
                                    .strong()
                                    .color(color(theme.node_text)),
                            )
                            .truncate(),
                        );
                        let view = app.view.active_view.as_ref().and_then(|id| {
                            let i = app.doc.ws.views.keys().position(|k| k == id)?;
                            Some((i, app.doc.ws.views.get(id)?.name.clone()))
                        });
                        if let Some((i, name)) = view {
                            ui.add(
                                egui::Label::new(
                                    RichText::new(format!(
                                        "View {}/{}: {name}",
                                        i + 1,
                                        app.doc.ws.views.len()
                                    ))
                                    .size(24.0)
                                    .color(color(theme.node_subtext)),
                                )
                                .truncate(),
                            );
                        }
                    });
                });
            });
        });
}

/// The one layout state, as the status bar writes it (the toolbar and the View menu offer the
/// opposite action: Pause while it runs, Run while it does not).
pub(crate) fn layout_state_text(running: bool) -> &'static str {
    if running {
        "Layout running"
    } else {
        "Layout off"
    }
}

pub fn status_bar_ui(ui: &mut egui::Ui, app: &DepdigApp) {
    Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let c = app.doc.ws.counts();
            ui.label(format!(
                "{} · {} · {} · {}",
                plural(c.systems, "system", "systems"),
                plural(c.dependencies, "dependency", "dependencies"),
                plural(c.debt, "debt item", "debt items"),
                plural(c.failure_modes, "failure mode", "failure modes")
            ));
            ui.separator();
            ui.label(format!("Zoom {:.0}%", app.canvas.camera.zoom * 100.0));
            ui.separator();
            ui.label(layout_state_text(app.layout_running));
            ui.separator();
            let saved = match (&app.doc.path, app.doc.is_dirty()) {
                (_, true) => RichText::new("Unsaved changes").color(ui.visuals().warn_fg_color),
                (Some(_), false) => RichText::new("Saved"),
                (None, false) => RichText::new("Not saved yet"),
            };
            ui.label(saved);
            if app.read_only {
                ui.separator();
                ui.label(RichText::new("Read-only").strong());
            }
            if !app.status.is_empty() {
                ui.separator();
                ui.label(RichText::new(&app.status).weak());
            }
        });
    });
}

/// The dependency types in use, with counts, each with a visibility toggle.
pub fn legend_panel_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    let theme = app.theme();
    let entries = app
        .scene
        .as_ref()
        .map(|s| s.legend.clone())
        .unwrap_or_default();
    Panel::left("legend")
        .resizable(false)
        .default_size(210.0)
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.strong("Dependencies");
            ui.label(RichText::new(READING_RULE).small().weak());
            ui.add_space(4.0);
            let mut changed = false;
            for e in &entries {
                ui.horizontal(|ui| {
                    if let EntryKind::Type(t) = e.kind {
                        let mut shown = !app.view.is_type_hidden(t);
                        let r = ui.checkbox(&mut shown, "");
                        r.widget_info(|| {
                            egui::WidgetInfo::selected(
                                egui::WidgetType::Checkbox,
                                true,
                                shown,
                                format!("Show {}", t.label()),
                            )
                        });
                        if r.changed() {
                            app.view.set_type_hidden(t, !shown);
                            changed = true;
                        }
                    } else {
                        // In line with the samples of the rows with a checkbox.
                        let s = ui.spacing();
                        ui.add_space(s.icon_width.max(s.interact_size.y) + s.item_spacing.x);
                    }
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(36.0, 14.0), egui::Sense::hover());
                    crate::ui::theme::paint_legend_sample(ui.painter(), rect, e.kind, &theme);
                    ui.label(&e.text);
                });
            }
            if !entries.iter().any(|e| matches!(e.kind, EntryKind::Type(_))) {
                ui.label(RichText::new("No dependencies yet").weak());
            }
            if changed {
                app.view_changed();
            }
        });
}

pub fn find_bar_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    egui::Frame::new().inner_margin(6.0).show(ui, |ui| {
        ui.horizontal(|ui| {
            let r = ui.add(
                egui::TextEdit::singleline(&mut app.find.query)
                    .desired_width(260.0)
                    .hint_text("name, owner or tag"),
            );
            r.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Find"));
            if app.find.focus_field {
                r.request_focus();
                app.find.focus_field = false;
            }
            if r.changed() {
                app.update_find();
            }
            if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                app.find_next();
                r.request_focus();
            }
            if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                // Esc in the find field closes the find bar and its highlight.
                app.close_find();
            }
            let n = app.find.matches.len();
            ui.label(if app.find.query.trim().is_empty() {
                String::new()
            } else {
                format!("{} — Enter for next", plural(n, "match", "matches"))
            });
            if ui.button("✕").on_hover_text("Close find (Esc)").clicked() {
                app.close_find();
            }
        });
    });
}
