//! Views, filters & scenarios: focus on a system's neighbourhood, filter by type, owner, kind,
//! tag and group, save what the room is looking at as a named view, and compare the map with a
//! scenario's target state. Groups collapse here too.

mod filters;
mod present;
mod saved;
mod scenarios;

use egui::RichText;

use filters::filters_ui;
pub use filters::{clear_filters, describe_filters};
pub(crate) use present::{NO_SAVED_VIEWS, remember_before_presenting, restore_after_presenting};
use saved::saved_views_ui;
pub use saved::step_view;
use scenarios::{scenarios_ui, show_scenario};

use crate::model::{DependencyType, FilterMode, Focus, FocusDirection, Workspace};
use crate::theme::Theme;
use crate::ui::actions::Action;
use crate::ui::panel_ctx::PanelCtx;
use crate::ui::theme::color;
use crate::ui::view::{ScenarioShow, ViewState};

#[derive(Debug, Clone)]
pub struct ViewsPanelState {
    /// Hops used by "Focus on selection".
    pub hops: u8,
    pub direction: FocusDirection,
    /// Name for "Save current view".
    pub new_view: String,
    /// Name for "New scenario".
    pub new_scenario: String,
    /// Name of a system to add to the shown scenario.
    pub scenario_system: String,
    /// Type of a dependency to add to the shown scenario.
    pub scenario_type: DependencyType,
    /// The view before presentation mode, put back when it ends.
    pub(crate) before_presenting: Option<present::BeforePresenting>,
}

impl Default for ViewsPanelState {
    fn default() -> Self {
        ViewsPanelState {
            hops: 1,
            direction: FocusDirection::Both,
            new_view: String::new(),
            new_scenario: String::new(),
            scenario_system: String::new(),
            scenario_type: DependencyType::Async,
            before_presenting: None,
        }
    }
}

/// The filter indicator over the canvas: what is filtered, how many systems show, and one click
/// to clear. Also drawn in presentation mode.
pub fn filter_indicator_ui(ui: &mut egui::Ui, cx: &PanelCtx, out: &mut Vec<Action>) {
    let view = cx.view;
    let scenario = view
        .scenario
        .as_ref()
        .and_then(|(id, show)| cx.ws().scenarios.get(id).map(|s| (s, *show)));
    let filtered = view.filters.is_active();
    let dimmed = view.has_highlight();
    if !filtered && scenario.is_none() && !dimmed {
        return;
    }
    let frame = egui::Frame::new()
        .fill(ui.visuals().extreme_bg_color)
        .stroke(egui::Stroke::new(1.5, ui.visuals().warn_fg_color))
        .corner_radius(6.0)
        .inner_margin(6.0);
    let rect = ui.max_rect();
    egui::Area::new(egui::Id::new("filter_indicator"))
        .fixed_pos(rect.left_top() + egui::vec2(10.0, 10.0))
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            frame.show(ui, |ui| {
                ui.set_max_width((rect.width() - 40.0).max(200.0));
                if dimmed {
                    ui.horizontal_wrapped(|ui| {
                        let reason = if view.highlight_reason.is_empty() {
                            "part of the map is highlighted"
                        } else {
                            view.highlight_reason.as_str()
                        };
                        ui.label(RichText::new(format!("◐ Dimmed — {reason}")).strong());
                        if ui
                            .button("✕ Show everything")
                            .on_hover_text("Undim the map (Esc)")
                            .clicked()
                        {
                            out.push(Action::ShowEverything);
                        }
                    });
                }
                if filtered {
                    ui.horizontal_wrapped(|ui| {
                        // Counted when the scene was built, not every frame.
                        let (shown, total) = cx
                            .scene
                            .and_then(|s| s.filtered)
                            .unwrap_or((0, cx.ws().systems.len()));
                        ui.label(
                            RichText::new(format!(
                                "⏷ Filter on: {shown} of {} {}",
                                crate::text::plural(total, "system", "systems"),
                                if view.filters.mode == FilterMode::Hide {
                                    "shown"
                                } else {
                                    "in focus"
                                }
                            ))
                            .strong(),
                        );
                        ui.label(describe_filters(cx.ws(), &view.filters));
                        if ui
                            .button("✕ Clear filters")
                            .on_hover_text("Show everything again (Shift+Esc)")
                            .clicked()
                        {
                            clear_filters(out);
                        }
                    });
                }
                if let Some((s, show)) = scenario {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(format!("Scenario: {}", s.name)).strong());
                        for m in ScenarioShow::ALL {
                            if ui.selectable_label(show == m, m.label()).clicked() {
                                show_scenario(view, Some(s.id.clone()), m, out);
                            }
                        }
                        if show == ScenarioShow::Difference {
                            diff_legend(ui, &cx.theme);
                        }
                        if ui.button("✕ Close scenario").clicked() {
                            out.push(Action::view(|v| v.scenario = None));
                        }
                    });
                }
            });
        });
}

pub(crate) fn diff_legend(ui: &mut egui::Ui, theme: &Theme) {
    ui.label(RichText::new("■ added").color(color(theme.added)).strong());
    ui.label(
        RichText::new("removed")
            .color(color(theme.removed))
            .strikethrough()
            .strong(),
    );
}

/// Focuses on the first selected system with the panel's hops and direction.
pub fn focus_selection(
    state: &ViewsPanelState,
    ws: &Workspace,
    view: &ViewState,
    out: &mut Vec<Action>,
) {
    let Some(id) = view.selected_systems().next().cloned() else {
        out.push(Action::Status("Select the system to focus on".into()));
        return;
    };
    out.push(Action::Status(format!("Focus on {}", ws.system_name(&id))));
    let focus = Focus {
        system: id,
        hops: state.hops,
        direction: state.direction,
    };
    out.push(Action::view(move |v| {
        v.filters.focus = Some(focus);
        v.active_view = None;
    }));
}

/// The panel's contents: focus, filters, saved views, scenarios and groups.
pub fn views_ui(
    ui: &mut egui::Ui,
    state: &mut ViewsPanelState,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Views, filters & scenarios");
            focus_ui(ui, state, cx, out);
            ui.separator();
            filters_ui(ui, cx, out);
            ui.separator();
            saved_views_ui(ui, state, cx, out);
            ui.separator();
            scenarios_ui(ui, state, cx, out);
            ui.separator();
            groups_ui(ui, cx, out);
        });
}

fn focus_ui(ui: &mut egui::Ui, state: &mut ViewsPanelState, cx: &PanelCtx, out: &mut Vec<Action>) {
    let focused = cx.view.filters.focus.is_some();
    ui.strong("Focus");
    ui.horizontal(|ui| {
        let r = ui.add(egui::Slider::new(&mut state.hops, 1..=6).text("hops"));
        r.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Slider, true, "Focus hops"));
        if r.changed() && focused {
            let hops = state.hops;
            out.push(Action::view(move |v| {
                if let Some(f) = &mut v.filters.focus {
                    f.hops = hops;
                    v.active_view = None;
                }
            }));
        }
    });
    ui.horizontal(|ui| {
        for d in FocusDirection::ALL {
            if ui.radio(state.direction == *d, d.label()).clicked() {
                state.direction = *d;
                let d = *d;
                out.push(Action::view(move |v| {
                    if let Some(f) = &mut v.filters.focus {
                        f.direction = d;
                        v.active_view = None;
                    }
                }));
            }
        }
    });
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                cx.view.selected_systems().next().is_some(),
                egui::Button::new("Focus on selection"),
            )
            .on_hover_text("Show the selected system with its neighbourhood (O)")
            .clicked()
        {
            focus_selection(state, cx.ws(), cx.view, out);
        }
        if focused && ui.button("Stop focus").clicked() {
            out.push(Action::view(|v| {
                v.filters.focus = None;
                v.active_view = None;
            }));
        }
    });
}

fn groups_ui(ui: &mut egui::Ui, cx: &PanelCtx, out: &mut Vec<Action>) {
    ui.strong("Groups");
    let mut groups: std::collections::BTreeMap<String, usize> = Default::default();
    for s in cx.ws().systems.values() {
        let g = s.group.trim();
        if !g.is_empty() {
            *groups.entry(g.to_owned()).or_default() += 1;
        }
    }
    if groups.is_empty() {
        ui.label(RichText::new("Give systems a group (team, domain, organisation) in the inspector to draw them inside a hull.").weak());
        return;
    }
    let mut hulls = !cx.view.hide_group_hulls;
    if ui.checkbox(&mut hulls, "Draw group hulls").changed() {
        out.push(Action::view(move |v| v.hide_group_hulls = !hulls));
    }
    let mut toggle = None;
    for (g, n) in &groups {
        ui.horizontal(|ui| {
            let mut c = cx.view.collapsed_groups.contains(g);
            if ui
                .checkbox(&mut c, format!("{g} ({n})"))
                .on_hover_text("Collapsed: drawn as one node, its dependencies counted")
                .changed()
            {
                toggle = Some(g.clone());
            }
        });
    }
    if let Some(g) = toggle {
        toggle_group(cx.view, &g, out);
    }
}

/// Collapses a group into one node, or expands it again.
pub fn toggle_group(view: &ViewState, group: &str, out: &mut Vec<Action>) {
    let collapse = !view.collapsed_groups.contains(group);
    out.push(Action::Status(if collapse {
        format!("Collapsed group {group}")
    } else {
        format!("Expanded group {group}")
    }));
    let group = group.to_owned();
    out.push(Action::view(move |v| {
        if collapse {
            v.collapsed_groups.insert(group);
        } else {
            v.collapsed_groups.remove(&group);
        }
        v.selection.clear();
    }));
}
