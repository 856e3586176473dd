//! Where a popup dialog opens: beside the system (or canvas point) it is about, on screen.

use egui::{Align2, Area, Id, Order, Pos2, Rect, Sense, UiKind, Vec2};

use crate::ui::app::DepdigApp;

/// A modal area beside `target` (screen): to its right when the popup fits there, else to its
/// left; kept on screen.
pub(crate) fn area_beside(ctx: &egui::Context, id: Id, target: Rect) -> Area {
    let width = ctx.memory(|m| m.area_rect(id)).map_or(320.0, |r| r.width());
    let gap = 14.0;
    let screen = ctx.content_rect();
    let y = target.center().y.clamp(screen.top(), screen.bottom());
    let (pos, pivot) = if target.right() + gap + width <= screen.right() {
        (Pos2::new(target.right() + gap, y), Align2::LEFT_CENTER)
    } else {
        (Pos2::new(target.left() - gap, y), Align2::RIGHT_CENTER)
    };
    Area::new(id)
        .kind(UiKind::Modal)
        .sense(Sense::hover())
        .order(Order::Foreground)
        .interactable(true)
        .fixed_pos(pos)
        .pivot(pivot)
        .constrain(true)
}

/// Where a system is on screen now (its drawn box), if it is on the canvas;
/// `None` when it is off screen (the popup is then centred).
pub(crate) fn system_screen_rect(app: &DepdigApp, id: &str) -> Option<Rect> {
    let shape = app.scene.as_ref()?.system(id)?;
    let cam = app.canvas.camera;
    let view = app.canvas.view_rect;
    let r = Rect::from_center_size(
        cam.screen_from_canvas(view, shape.pos),
        shape.look.size * cam.zoom,
    );
    view.intersects(r).then_some(r)
}

/// Where a canvas point is on screen now, as a small box to open a dialog beside.
pub(crate) fn point_screen_rect(app: &DepdigApp, at: Pos2) -> Rect {
    let p = app
        .canvas
        .camera
        .screen_from_canvas(app.canvas.view_rect, at);
    Rect::from_center_size(p, Vec2::new(24.0, 24.0))
}
