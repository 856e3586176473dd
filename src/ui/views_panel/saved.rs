//! Saved views: what the room is looking at (filters, camera, highlight) kept under a name in the
//! workspace, applied again or stepped through in presentation mode.

use std::collections::BTreeSet;

use egui::RichText;

use crate::model::View;
use crate::model::Workspace;
use crate::ops::{ItemRef, Op};
use crate::ui::actions::{Action, CameraRequest};
use crate::ui::canvas::Camera;
use crate::ui::panel_ctx::PanelCtx;
use crate::ui::view::ViewState;

use super::ViewsPanelState;
use crate::ui::gate::READ_ONLY_WHY;

/// Shows a saved view: its filters, camera and highlighted elements.
pub fn apply_view(ws: &Workspace, id: &str, out: &mut Vec<Action>) {
    let Some(view) = ws.views.get(id).cloned() else {
        return;
    };
    out.push(Action::Camera(match view.camera {
        Some(c) => CameraRequest::Set {
            center: egui::pos2(c.center.x, c.center.y),
            zoom: c.zoom,
        },
        None => CameraRequest::Fit,
    }));
    out.push(Action::Status(format!("View: {}", view.name)));
    out.push(Action::view(move |v| {
        v.filters = view.filters;
        // A view's highlighted items stand out (ring, band); they do not dim the rest — only
        // its filters decide what is in focus, as in `depdig export --view`.
        v.emphasis = view.highlighted.into_iter().collect::<BTreeSet<String>>();
        v.clear_highlight();
        v.active_view = Some(view.id);
    }));
}

/// Steps to the next (or previous) saved view, wrapping around.
pub fn step_view(ws: &Workspace, view: &ViewState, forward: bool, out: &mut Vec<Action>) {
    let ids: Vec<&String> = ws.views.keys().collect();
    if ids.is_empty() {
        out.push(Action::Status(
            "No saved views yet: save one in Views, filters & scenarios (V)".into(),
        ));
        return;
    }
    let current = view
        .active_view
        .as_ref()
        .and_then(|a| ids.iter().position(|i| *i == a));
    let next = match (current, forward) {
        (None, true) => 0,
        (None, false) => ids.len() - 1,
        (Some(i), true) => (i + 1) % ids.len(),
        (Some(i), false) => (i + ids.len() - 1) % ids.len(),
    };
    apply_view(ws, ids[next], out);
}

/// What the room is looking at now, as a view named `name` with the given id.
fn current_view(view: &ViewState, camera: Camera, id: String, name: String) -> View {
    let mut highlighted: BTreeSet<String> = view.emphasis.clone();
    highlighted.extend(view.highlight.iter().flatten().cloned());
    if highlighted.is_empty() {
        highlighted.extend(view.selection.iter().cloned());
    }
    let highlighted: Vec<String> = highlighted.into_iter().collect();
    View {
        id,
        name,
        filters: view.filters.clone(),
        camera: Some(crate::model::Camera {
            center: crate::model::CanvasPos {
                x: camera.center.x,
                y: camera.center.y,
            },
            zoom: camera.zoom,
        }),
        highlighted,
    }
}

/// Saves what the map shows as view `name`, which is then the view shown. False (and a word in
/// the status bar) when it has no name.
pub fn save_view(cx: &PanelCtx, name: &str, out: &mut Vec<Action>) -> bool {
    let name = name.trim();
    if name.is_empty() {
        out.push(Action::Status("Give the view a name".into()));
        return false;
    }
    let ws = cx.ws();
    let id = crate::model::unique_id(crate::model::slugify(name), |id| ws.views.contains_key(id));
    let view = current_view(cx.view, cx.camera, id.clone(), name.to_owned());
    out.push(Action::edit(
        Op::Add(view.into()),
        format!("Save view {name}"),
    ));
    out.push(Action::if_edited(Action::view(move |v| {
        v.active_view = Some(id);
    })));
    true
}

fn update_view(cx: &PanelCtx, id: &str, out: &mut Vec<Action>) {
    let Some(old) = cx.ws().views.get(id) else {
        return;
    };
    let view = current_view(cx.view, cx.camera, old.id.clone(), old.name.clone());
    let label = format!("Update view {}", old.name);
    out.push(Action::edit(Op::Update(view.into()), label));
}

pub(super) fn saved_views_ui(
    ui: &mut egui::Ui,
    state: &mut ViewsPanelState,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
) {
    ui.strong("Saved views");
    let ws = cx.ws();
    if ws.views.is_empty() {
        ui.label(RichText::new("None yet. A view keeps the filters, the camera and what is highlighted; in presentation mode (F5) the arrow keys step through them.").weak());
    }
    let ro = cx.read_only;
    for (i, v) in ws.views.values().enumerate() {
        ui.horizontal(|ui| {
            let active = cx.view.active_view.as_deref() == Some(v.id.as_str());
            if ui
                .selectable_label(active, format!("{}. {}", i + 1, v.name))
                .on_hover_text("Show this view")
                .clicked()
            {
                apply_view(ws, &v.id, out);
            }
            if ui
                .add_enabled(!ro, egui::Button::new("Update").small())
                .on_hover_text("Replace with what the map shows now")
                .on_disabled_hover_text(READ_ONLY_WHY)
                .clicked()
            {
                update_view(cx, &v.id, out);
            }
            if ui
                .add_enabled(!ro, egui::Button::new("🗑").small())
                .on_hover_text("Delete this view")
                .on_disabled_hover_text(READ_ONLY_WHY)
                .clicked()
            {
                out.push(Action::edit(
                    Op::Remove(ItemRef::new(crate::model::ItemKind::View, &v.id)),
                    format!("Delete view {}", v.name),
                ));
            }
        });
    }
    ui.add_enabled_ui(!ro, |ui| {
        ui.horizontal(|ui| {
            let r = ui.add(
                egui::TextEdit::singleline(&mut state.new_view)
                    .desired_width(160.0)
                    .hint_text("name of this view"),
            );
            r.widget_info(|| {
                egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "View name")
            });
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Save view").clicked() || enter) && save_view(cx, &state.new_view, out) {
                state.new_view.clear();
            }
        });
    });
}
