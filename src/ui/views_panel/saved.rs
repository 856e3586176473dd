//! Saved views: what the room is looking at (filters, camera, highlight) kept under a name in the
//! workspace, applied again or stepped through in presentation mode.

use std::collections::BTreeSet;

use egui::RichText;

use crate::model::View;
use crate::ops::{ItemRef, Op};
use crate::ui::app::DepdigApp;
use crate::ui::gate::READ_ONLY_WHY;

/// Shows a saved view: its filters, camera and highlighted elements.
pub fn apply_view(app: &mut DepdigApp, id: &str) {
    let Some(view) = app.doc.ws.views.get(id).cloned() else {
        return;
    };
    app.view.filters = view.filters.clone();
    match view.camera {
        Some(c) => {
            app.canvas.camera.center = egui::pos2(c.center.x, c.center.y);
            app.canvas.camera.zoom = c.zoom;
            app.canvas.cancel_fit();
        }
        None => app.canvas.fit_requested = true,
    }
    // A view's highlighted items stand out (ring, band); they do not dim the rest — only its
    // filters decide what is in focus, as in `depdig export --view`.
    app.view.emphasis = view
        .highlighted
        .iter()
        .cloned()
        .collect::<BTreeSet<String>>();
    app.view.clear_highlight();
    app.view.active_view = Some(view.id.clone());
    app.status = format!("View: {}", view.name);
    app.view_changed();
}

/// Steps to the next (or previous) saved view, wrapping around.
pub fn step_view(app: &mut DepdigApp, forward: bool) {
    let ids: Vec<String> = app.doc.ws.views.keys().cloned().collect();
    if ids.is_empty() {
        app.status = "No saved views yet: save one in Views, filters & scenarios (V)".into();
        return;
    }
    let current = app
        .view
        .active_view
        .as_ref()
        .and_then(|a| ids.iter().position(|i| i == a));
    let next = match (current, forward) {
        (None, true) => 0,
        (None, false) => ids.len() - 1,
        (Some(i), true) => (i + 1) % ids.len(),
        (Some(i), false) => (i + ids.len() - 1) % ids.len(),
    };
    apply_view(app, &ids[next]);
}

/// What the room is looking at now, as a view named `name` with the given id.
fn current_view(app: &DepdigApp, id: String, name: String) -> View {
    let mut highlighted: BTreeSet<String> = app.view.emphasis.clone();
    highlighted.extend(app.view.highlight.iter().flatten().cloned());
    if highlighted.is_empty() {
        highlighted.extend(app.view.selection.iter().cloned());
    }
    let highlighted: Vec<String> = highlighted.into_iter().collect();
    View {
        id,
        name,
        filters: app.view.filters.clone(),
        camera: Some(crate::model::Camera {
            center: crate::model::CanvasPos {
                x: app.canvas.camera.center.x,
                y: app.canvas.camera.center.y,
            },
            zoom: app.canvas.camera.zoom,
        }),
        highlighted,
    }
}

pub fn save_view(app: &mut DepdigApp, name: &str) -> bool {
    let name = name.trim();
    if name.is_empty() {
        app.status = "Give the view a name".into();
        return false;
    }
    let id = crate::model::unique_id(crate::model::slugify(name), |id| {
        app.doc.ws.views.contains_key(id)
    });
    let view = current_view(app, id.clone(), name.to_owned());
    if app.edit(Op::Add(view.into()), &format!("Save view {name}")) {
        app.view.active_view = Some(id);
        true
    } else {
        false
    }
}

fn update_view(app: &mut DepdigApp, id: &str) {
    let Some(old) = app.doc.ws.views.get(id) else {
        return;
    };
    let view = current_view(app, old.id.clone(), old.name.clone());
    let label = format!("Update view {}", old.name);
    app.edit(Op::Update(view.into()), &label);
}

pub(super) fn saved_views_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    ui.strong("Saved views");
    let views: Vec<(String, String)> = app
        .doc
        .ws
        .views
        .values()
        .map(|v| (v.id.clone(), v.name.clone()))
        .collect();
    if views.is_empty() {
        ui.label(RichText::new("None yet. A view keeps the filters, the camera and what is highlighted; in presentation mode (F5) the arrow keys step through them.").weak());
    }
    let mut apply = None;
    let mut update = None;
    let mut delete = None;
    for (i, (id, name)) in views.iter().enumerate() {
        ui.horizontal(|ui| {
            let active = app.view.active_view.as_deref() == Some(id.as_str());
            if ui
                .selectable_label(active, format!("{}. {name}", i + 1))
                .on_hover_text("Show this view")
                .clicked()
            {
                apply = Some(id.clone());
            }
            let ro = app.read_only;
            if ui
                .add_enabled(!ro, egui::Button::new("Update").small())
                .on_hover_text("Replace with what the map shows now")
                .on_disabled_hover_text(READ_ONLY_WHY)
                .clicked()
            {
                update = Some(id.clone());
            }
            if ui
                .add_enabled(!ro, egui::Button::new("🗑").small())
                .on_hover_text("Delete this view")
                .on_disabled_hover_text(READ_ONLY_WHY)
                .clicked()
            {
                delete = Some((id.clone(), name.clone()));
            }
        });
    }
    if let Some(id) = apply {
        apply_view(app, &id);
    }
    if let Some(id) = update {
        update_view(app, &id);
    }
    if let Some((id, name)) = delete {
        app.edit(
            Op::Remove(ItemRef::new(crate::model::ItemKind::View, id)),
            &format!("Delete view {name}"),
        );
    }
    ui.add_enabled_ui(!app.read_only, |ui| {
        ui.horizontal(|ui| {
            let r = ui.add(
                egui::TextEdit::singleline(&mut app.panels.views_panel.new_view)
                    .desired_width(160.0)
                    .hint_text("name of this view"),
            );
            r.widget_info(|| {
                egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "View name")
            });
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Save view").clicked() || enter)
                && save_view(app, &app.panels.views_panel.new_view.clone())
            {
                app.panels.views_panel.new_view.clear();
            }
        });
    });
}
