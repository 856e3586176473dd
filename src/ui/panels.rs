//! Status bar, legend, find bar and the presentation title.

use egui::{Panel, RichText};

use crate::picture::legend::{EntryKind, READING_RULE};
use crate::text::plural;
use crate::ui::actions::{Action, DockRequest, FindRequest};
use crate::ui::commands::UiCommand;
use crate::ui::dock::Pane;
use crate::ui::panel_ctx::PanelCtx;
use crate::ui::theme::color;

/// Live find state (Ctrl+F).
#[derive(Debug, Clone, Default)]
pub struct FindState {
    pub open: bool,
    pub query: String,
    pub matches: Vec<String>,
    pub current: usize,
    pub focus_field: bool,
}

/// Presentation mode's only chrome: the workspace title, large, with the view being shown.
pub fn presentation_title_ui(ui: &mut egui::Ui, cx: &PanelCtx, out: &mut Vec<Action>) {
    let theme = &cx.theme;
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
                        out.push(Action::Command(UiCommand::Present));
                    }
                    if ui
                        .selectable_label(
                            cx.dock.is_open(Pane::Legend),
                            RichText::new("Legend").size(16.0),
                        )
                        .on_hover_text("Show or hide the legend")
                        .clicked()
                    {
                        out.push(Action::Dock(DockRequest::Toggle(Pane::Legend)));
                        // ← → go on stepping through the views.
                        out.push(Action::FocusCanvas);
                    }
                    let step = cx.view.shown_step(cx.doc.ws());
                    ui.label(
                        RichText::new(if step.is_some() && !cx.doc.ws().roadmap.is_empty() {
                            "← → phases"
                        } else if cx.doc.ws().views.is_empty() {
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
                                RichText::new(&cx.doc.ws().title)
                                    .size(34.0)
                                    .strong()
                                    .color(color(theme.node_text)),
                            )
                            .truncate(),
                        );
                        let view = cx.view.active_view.as_ref().and_then(|id| {
                            let i = cx.doc.ws().views.keys().position(|k| k == id)?;
                            Some((i, cx.doc.ws().views.get(id)?.name.clone()))
                        });
                        let ws = cx.doc.ws();
                        let phase = step.filter(|_| !ws.roadmap.is_empty()).map(|k| {
                            match k.checked_sub(1).and_then(|i| ws.roadmap.get(i)) {
                                Some(p) => format!("Phase {k}/{}: {}", ws.roadmap.len(), p.name),
                                None => "Roadmap: today's map".to_owned(),
                            }
                        });
                        if let Some(text) = phase {
                            ui.add(
                                egui::Label::new(
                                    RichText::new(text)
                                        .size(24.0)
                                        .color(color(theme.node_subtext)),
                                )
                                .truncate(),
                            );
                        } else if let Some((i, name)) = view {
                            ui.add(
                                egui::Label::new(
                                    RichText::new(format!(
                                        "View {}/{}: {name}",
                                        i + 1,
                                        cx.doc.ws().views.len()
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

pub fn status_bar_ui(ui: &mut egui::Ui, cx: &PanelCtx) {
    Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let c = cx.doc.ws().counts();
            ui.label(format!(
                "{} · {} · {} · {}",
                plural(c.systems, "system", "systems"),
                plural(c.dependencies, "dependency", "dependencies"),
                plural(c.debt, "debt item", "debt items"),
                plural(c.failure_modes, "failure mode", "failure modes")
            ));
            ui.separator();
            ui.label(format!("Zoom {:.0}%", cx.camera.zoom * 100.0));
            ui.separator();
            ui.label(layout_state_text(cx.layout_running));
            ui.separator();
            let saved = match (&cx.doc.path, cx.doc.is_dirty()) {
                (_, true) => RichText::new("Unsaved changes").color(ui.visuals().warn_fg_color),
                (Some(_), false) => RichText::new("Saved"),
                (None, false) => RichText::new("Not saved yet"),
            };
            ui.label(saved);
            if cx.read_only {
                ui.separator();
                ui.label(RichText::new("Read-only").strong());
            }
            if !cx.status.is_empty() {
                ui.separator();
                ui.label(RichText::new(cx.status).weak());
            }
        });
    });
}

/// The legend: the dependency types in use (each with a visibility toggle), the circuit
/// breaker, integration debt and a scenario's changes — the entries the export's legend has.
pub fn legend_panel_ui(ui: &mut egui::Ui, cx: &PanelCtx, out: &mut Vec<Action>) {
    let theme = &cx.theme;
    let entries = cx.scene.map(|s| s.legend.clone()).unwrap_or_default();
    ui.add_space(4.0);
    ui.strong("Dependencies");
    ui.label(RichText::new(READING_RULE).small().weak());
    ui.add_space(4.0);
    for e in &entries {
        ui.horizontal(|ui| {
            if let EntryKind::Type(t) = e.kind {
                let mut shown = !cx.view.is_type_hidden(t);
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
                    out.push(Action::view(move |v| v.set_type_hidden(t, !shown)));
                }
            } else {
                // In line with the samples of the rows with a checkbox.
                let s = ui.spacing();
                ui.add_space(s.icon_width.max(s.interact_size.y) + s.item_spacing.x);
            }
            let (rect, _) = ui.allocate_exact_size(egui::vec2(36.0, 14.0), egui::Sense::hover());
            crate::ui::theme::paint_legend_sample(ui.painter(), rect, e.kind, theme);
            ui.label(&e.text);
        });
    }
    if !entries.iter().any(|e| matches!(e.kind, EntryKind::Type(_))) {
        ui.label(RichText::new("No dependencies yet").weak());
    }
    if !cx.view.marks.is_empty() {
        cascade_legend_ui(ui);
    }
}

/// While a cascade plays: what its rings and lit lines mean.
fn cascade_legend_ui(ui: &mut egui::Ui) {
    use crate::analysis::Effect;
    ui.add_space(6.0);
    ui.strong("Cascade");
    for (effect, text) in [
        (Effect::Fails, "fails or is overloaded"),
        (Effect::Slow, "slow, degraded or a growing backlog"),
    ] {
        let colour = crate::ui::findings_panel::effect_color(effect);
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(36.0, 16.0), egui::Sense::hover());
            ui.painter().rect_stroke(
                rect.shrink2(egui::vec2(6.0, 2.0)),
                4.0,
                egui::Stroke::new(2.5, colour),
                egui::StrokeKind::Middle,
            );
            ui.label(format!("ring: {text}"));
        });
    }
    ui.label(
        RichText::new("A lit line: the failure travelled along it. The words over a system say what happened to it, and when.")
            .small()
            .weak(),
    );
}

pub fn find_bar_ui(ui: &mut egui::Ui, find: &mut FindState, out: &mut Vec<Action>) {
    egui::Frame::new().inner_margin(6.0).show(ui, |ui| {
        ui.horizontal(|ui| {
            let r = ui.add(
                egui::TextEdit::singleline(&mut find.query)
                    .desired_width(260.0)
                    .hint_text("name, owner or tag"),
            );
            r.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Find"));
            if find.focus_field {
                r.request_focus();
                find.focus_field = false;
            }
            if r.changed() {
                out.push(Action::Find(FindRequest::Update));
            }
            if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                out.push(Action::Find(FindRequest::Next));
                r.request_focus();
            }
            if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                // Esc in the find field closes the find bar and its highlight.
                out.push(Action::Find(FindRequest::Close));
            }
            let n = find.matches.len();
            ui.label(if find.query.trim().is_empty() {
                String::new()
            } else {
                format!("{} — Enter for next", plural(n, "match", "matches"))
            });
            if ui.button("✕").on_hover_text("Close find (Esc)").clicked() {
                out.push(Action::Find(FindRequest::Close));
            }
        });
    });
}
