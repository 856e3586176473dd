//! Views, filters & scenarios: focus on a system's neighbourhood, filter by type, owner, kind,
//! tag and group, save what the room is looking at as a named view, and compare the map with a
//! scenario's target state. Groups collapse here too.

mod present;
mod saved;
mod scenarios;

use egui::{Panel, RichText};

pub(crate) use present::{NO_SAVED_VIEWS, remember_before_presenting, restore_after_presenting};
use saved::saved_views_ui;
pub use saved::step_view;
use scenarios::{scenario_id, scenarios_ui, show_scenario};

use crate::model::{DependencyType, FilterMode, Filters, Focus, FocusDirection, SystemKind};
use crate::ui::app::DepdigApp;
use crate::ui::theme::color;
use crate::ui::view::ScenarioShow;

#[derive(Debug, Clone)]
pub struct ViewsPanelState {
    pub open: bool,
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
            open: false,
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

/// A short description of the filters in effect ("focus on Billing ±2 · owner: Finance"), empty
/// when none are.
pub fn describe_filters(app: &DepdigApp) -> String {
    let f = &app.view.filters;
    let mut parts = Vec::new();
    if let Some(focus) = &f.focus {
        let arrow = match focus.direction {
            FocusDirection::Needs => "what it needs",
            FocusDirection::NeededBy => "what needs it",
            FocusDirection::Both => "both ways",
        };
        parts.push(format!(
            "focus on {} within {} ({arrow})",
            app.doc.ws.system_name(&focus.system),
            crate::text::plural(usize::from(focus.hops), "hop", "hops")
        ));
    }
    if !f.hidden_types.is_empty() {
        let names: Vec<&str> = f.hidden_types.iter().map(|t| t.label()).collect();
        parts.push(format!("hiding {}", crate::text::and_list(&names)));
    }
    for (what, list) in [("owner", &f.owners), ("tag", &f.tags), ("group", &f.groups)] {
        if !list.is_empty() {
            parts.push(format!("{what}: {}", list.join(" or ")));
        }
    }
    if !f.kinds.is_empty() {
        let names: Vec<&str> = f.kinds.iter().map(|k| k.label()).collect();
        parts.push(format!("kind: {}", names.join(" or ")));
    }
    parts.join(" · ")
}

/// The filter indicator over the canvas: what is filtered, how many systems show, and one click
/// to clear. Also drawn in presentation mode.
pub fn filter_indicator_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    let scenario = app.view.scenario.as_ref().and_then(|(id, show)| {
        app.doc
            .ws
            .scenarios
            .get(id)
            .map(|s| (s.name.clone(), *show))
    });
    let filtered = app.view.filters.is_active();
    let dimmed = app.view.has_highlight();
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
                        let reason = if app.view.highlight_reason.is_empty() {
                            "part of the map is highlighted"
                        } else {
                            app.view.highlight_reason.as_str()
                        };
                        ui.label(RichText::new(format!("◐ Dimmed — {reason}")).strong());
                        if ui
                            .button("✕ Show everything")
                            .on_hover_text("Undim the map (Esc)")
                            .clicked()
                        {
                            app.show_everything();
                        }
                    });
                }
                if filtered {
                    ui.horizontal_wrapped(|ui| {
                        // Counted when the scene was built, not every frame.
                        let (shown, total) = app
                            .scene
                            .as_ref()
                            .and_then(|s| s.filtered)
                            .unwrap_or((0, app.doc.ws.systems.len()));
                        ui.label(
                            RichText::new(format!(
                                "⏷ Filter on: {shown} of {} {}",
                                crate::text::plural(total, "system", "systems"),
                                if app.view.filters.mode == FilterMode::Hide {
                                    "shown"
                                } else {
                                    "in focus"
                                }
                            ))
                            .strong(),
                        );
                        ui.label(describe_filters(app));
                        if ui
                            .button("✕ Clear filters")
                            .on_hover_text("Show everything again (Shift+Esc)")
                            .clicked()
                        {
                            clear_filters(app);
                        }
                    });
                }
                if let Some((name, show)) = scenario {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(format!("Scenario: {name}")).strong());
                        for s in ScenarioShow::ALL {
                            if ui.selectable_label(show == s, s.label()).clicked() {
                                show_scenario(app, scenario_id(app), s);
                            }
                        }
                        if show == ScenarioShow::Difference {
                            diff_legend(ui, app);
                        }
                        if ui.button("✕ Close scenario").clicked() {
                            app.view.scenario = None;
                            app.view_changed();
                        }
                    });
                }
            });
        });
}

pub(super) fn diff_legend(ui: &mut egui::Ui, app: &DepdigApp) {
    let theme = app.theme();
    ui.label(RichText::new("■ added").color(color(theme.added)).strong());
    ui.label(
        RichText::new("removed")
            .color(color(theme.removed))
            .strikethrough()
            .strong(),
    );
}

pub fn clear_filters(app: &mut DepdigApp) {
    app.view.filters = Filters::default();
    if app.view.active_view.take().is_some() {
        app.view.emphasis.clear();
    }
    app.status = "Filters cleared".into();
    app.view_changed();
}

/// Focuses on the first selected system with the panel's hops and direction.
pub fn focus_selection(app: &mut DepdigApp) {
    let Some(id) = app.view.selected_systems().next().cloned() else {
        app.status = "Select the system to focus on".into();
        return;
    };
    app.status = format!("Focus on {}", app.doc.ws.system_name(&id));
    app.view.filters.focus = Some(Focus {
        system: id,
        hops: app.panels.views_panel.hops,
        direction: app.panels.views_panel.direction,
    });
    app.view.active_view = None;
    app.view_changed();
}

pub fn views_panel_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    if !app.panels.views_panel.open {
        return;
    }
    Panel::left("views_panel")
        .resizable(true)
        .default_size(290.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.heading("Views, filters & scenarios");
                    focus_ui(ui, app);
                    ui.separator();
                    filters_ui(ui, app);
                    ui.separator();
                    saved_views_ui(ui, app);
                    ui.separator();
                    scenarios_ui(ui, app);
                    ui.separator();
                    groups_ui(ui, app);
                });
        });
}

fn focus_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    ui.strong("Focus");
    ui.horizontal(|ui| {
        let r = ui.add(egui::Slider::new(&mut app.panels.views_panel.hops, 1..=6).text("hops"));
        r.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Slider, true, "Focus hops"));
        if r.changed()
            && let Some(f) = &mut app.view.filters.focus
        {
            f.hops = app.panels.views_panel.hops;
            app.view.active_view = None;
            app.view_changed();
        }
    });
    ui.horizontal(|ui| {
        for d in FocusDirection::ALL {
            if ui
                .radio(app.panels.views_panel.direction == *d, d.label())
                .clicked()
            {
                app.panels.views_panel.direction = *d;
                if let Some(f) = &mut app.view.filters.focus {
                    f.direction = *d;
                    app.view.active_view = None;
                    app.view_changed();
                }
            }
        }
    });
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                app.view.selected_systems().next().is_some(),
                egui::Button::new("Focus on selection"),
            )
            .on_hover_text("Show the selected system with its neighbourhood (O)")
            .clicked()
        {
            focus_selection(app);
        }
        if app.view.filters.focus.is_some() && ui.button("Stop focus").clicked() {
            app.view.filters.focus = None;
            app.view.active_view = None;
            app.view_changed();
        }
    });
}

/// A checkbox per value; ticking one filters to the ticked values.
fn pick_list(ui: &mut egui::Ui, title: &str, values: &[String], chosen: &mut Vec<String>) -> bool {
    let mut changed = false;
    if values.is_empty() {
        return false;
    }
    egui::CollapsingHeader::new(format!(
        "{title}{}",
        if chosen.is_empty() {
            String::new()
        } else {
            format!(" ({})", chosen.len())
        }
    ))
    .id_salt(title)
    .show(ui, |ui| {
        for v in values {
            let mut on = chosen.iter().any(|c| c.eq_ignore_ascii_case(v));
            let r = ui.checkbox(&mut on, v.as_str());
            if r.changed() {
                chosen.retain(|c| !c.eq_ignore_ascii_case(v));
                if on {
                    chosen.push(v.clone());
                    chosen.sort();
                }
                changed = true;
            }
        }
    });
    changed
}

fn filters_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    ui.horizontal(|ui| {
        ui.strong("Filters");
        if app.view.filters.is_active() && ui.button("✕ Clear filters").clicked() {
            clear_filters(app);
        }
    });
    ui.horizontal(|ui| {
        ui.label("Filtered out:");
        for m in FilterMode::ALL {
            if ui.radio(app.view.filters.mode == *m, m.label()).clicked() {
                app.view.filters.mode = *m;
                app.view_changed();
            }
        }
    });
    let ws = &app.doc.ws;
    let distinct = |values: Vec<&str>| -> Vec<String> {
        let mut v: Vec<String> = values
            .into_iter()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        v.sort_by_key(|s| s.to_lowercase());
        v.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        v
    };
    let owners = distinct(ws.systems.values().map(|s| s.owner.as_str()).collect());
    let tags = distinct(
        ws.systems
            .values()
            .flat_map(|s| s.tags.iter().map(String::as_str))
            .collect(),
    );
    let groups = distinct(ws.systems.values().map(|s| s.group.as_str()).collect());
    let kinds: Vec<SystemKind> = SystemKind::ALL
        .iter()
        .copied()
        .filter(|k| ws.systems.values().any(|s| s.kind == *k))
        .collect();
    let types: Vec<DependencyType> = DependencyType::ALL
        .iter()
        .copied()
        .filter(|t| ws.dependencies.values().any(|d| d.kind == *t))
        .collect();
    let mut changed = false;
    let f = &mut app.view.filters;
    changed |= pick_list(ui, "Owner / team", &owners, &mut f.owners);
    changed |= pick_list(ui, "Group", &groups, &mut f.groups);
    changed |= pick_list(ui, "Tag", &tags, &mut f.tags);
    egui::CollapsingHeader::new(format!(
        "System kind{}",
        if f.kinds.is_empty() {
            String::new()
        } else {
            format!(" ({})", f.kinds.len())
        }
    ))
    .show(ui, |ui| {
        for k in &kinds {
            let mut on = f.kinds.contains(k);
            if ui.checkbox(&mut on, k.label()).changed() {
                f.kinds.retain(|x| x != k);
                if on {
                    f.kinds.push(*k);
                    f.kinds.sort();
                }
                changed = true;
            }
        }
    });
    egui::CollapsingHeader::new(format!(
        "Dependency type{}",
        if f.hidden_types.is_empty() {
            String::new()
        } else {
            format!(" ({} hidden)", f.hidden_types.len())
        }
    ))
    .show(ui, |ui| {
        for t in &types {
            let mut on = !f.hidden_types.contains(t);
            if ui.checkbox(&mut on, t.label()).changed() {
                f.hidden_types.retain(|x| x != t);
                if !on {
                    f.hidden_types.push(*t);
                    f.hidden_types.sort();
                }
                changed = true;
            }
        }
    });
    if changed {
        app.view.active_view = None;
        app.view_changed();
    }
}

fn groups_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    ui.strong("Groups");
    let mut groups: std::collections::BTreeMap<String, usize> = Default::default();
    for s in app.doc.ws.systems.values() {
        let g = s.group.trim();
        if !g.is_empty() {
            *groups.entry(g.to_owned()).or_default() += 1;
        }
    }
    if groups.is_empty() {
        ui.label(RichText::new("Give systems a group (team, domain, organisation) in the inspector to draw them inside a hull.").weak());
        return;
    }
    let mut hulls = !app.view.hide_group_hulls;
    if ui.checkbox(&mut hulls, "Draw group hulls").changed() {
        app.view.hide_group_hulls = !hulls;
        app.view_changed();
    }
    let mut toggle = None;
    for (g, n) in &groups {
        ui.horizontal(|ui| {
            let collapsed = app.view.collapsed_groups.contains(g);
            let mut c = collapsed;
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
        toggle_group(app, &g);
    }
}

/// Collapses a group into one node, or expands it again.
pub fn toggle_group(app: &mut DepdigApp, group: &str) {
    if app.view.collapsed_groups.remove(group) {
        app.status = format!("Expanded group {group}");
    } else {
        app.view.collapsed_groups.insert(group.to_owned());
        app.status = format!("Collapsed group {group}");
    }
    app.view.selection.clear();
    app.view_changed();
}
