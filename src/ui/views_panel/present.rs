//! Presentation mode (F5) keeps what was on screen before it: leaving puts back the camera, the
//! filters, the highlight, the saved view shown and the legend as they were, whatever the room
//! stepped through meanwhile.

use std::collections::BTreeSet;

use crate::model::Filters;
use crate::ui::app::DepdigApp;
use crate::ui::canvas::Camera;

/// The view as it was when presentation mode started.
#[derive(Debug, Clone)]
pub struct BeforePresenting {
    camera: Camera,
    view_rect: egui::Rect,
    filters: Filters,
    highlight: Option<BTreeSet<String>>,
    active_view: Option<String>,
    show_legend: bool,
}

/// Remembers the view before presentation mode starts.
pub(crate) fn remember_before_presenting(app: &mut DepdigApp) {
    app.panels.views_panel.before_presenting = Some(BeforePresenting {
        camera: app.canvas.camera,
        view_rect: app.canvas.view_rect,
        filters: app.view.filters.clone(),
        highlight: app.view.highlight.clone(),
        active_view: app.view.active_view.clone(),
        show_legend: app.show_legend,
    });
}

/// Puts the view back as it was before presentation mode; returns false when nothing was kept.
pub(crate) fn restore_after_presenting(app: &mut DepdigApp) -> bool {
    let Some(before) = app.panels.views_panel.before_presenting.take() else {
        return false;
    };
    app.canvas.cancel_fit();
    app.canvas.camera = before.camera;
    // With the rect it was shown in, the panels coming back do not shift it.
    app.canvas.view_rect = before.view_rect;
    app.view.filters = before.filters;
    app.view.highlight = before.highlight;
    app.view.active_view = before
        .active_view
        .filter(|id| app.doc.ws.views.contains_key(id));
    app.show_legend = before.show_legend;
    app.view_changed();
    true
}

/// What the presentation bar says when there is no saved view to step through.
pub const NO_SAVED_VIEWS: &str =
    "No saved views — save one from View ▸ Views, filters & scenarios (V)";
