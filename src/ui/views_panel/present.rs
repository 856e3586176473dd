//! Presentation mode (F5) keeps what was on screen before it: leaving puts back the camera, the
//! filters, the highlight, the saved view shown and the legend as they were, whatever the room
//! stepped through meanwhile.

use std::collections::BTreeSet;

use super::ViewsPanelState;
use crate::model::{Filters, Workspace};
use crate::ui::canvas::{Camera, CanvasState};
use crate::ui::view::ViewState;

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
pub(crate) fn remember_before_presenting(
    state: &mut ViewsPanelState,
    view: &ViewState,
    canvas: &CanvasState,
    show_legend: bool,
) {
    state.before_presenting = Some(BeforePresenting {
        camera: canvas.camera,
        view_rect: canvas.view_rect,
        filters: view.filters.clone(),
        highlight: view.highlight.clone(),
        active_view: view.active_view.clone(),
        show_legend,
    });
}

/// Puts the view and the camera back as they were before presentation mode and says whether the
/// legend showed then; `None` when nothing was kept. The caller redraws the map.
pub(crate) fn restore_after_presenting(
    state: &mut ViewsPanelState,
    ws: &Workspace,
    view: &mut ViewState,
    canvas: &mut CanvasState,
) -> Option<bool> {
    let before = state.before_presenting.take()?;
    canvas.cancel_fit();
    canvas.camera = before.camera;
    // With the rect it was shown in, the panels coming back do not shift it.
    canvas.view_rect = before.view_rect;
    view.filters = before.filters;
    view.highlight = before.highlight;
    view.active_view = before.active_view.filter(|id| ws.views.contains_key(id));
    Some(before.show_legend)
}

/// What the presentation bar says when there is no saved view to step through.
pub const NO_SAVED_VIEWS: &str =
    "No saved views — save one from View ▸ Views, filters & scenarios (V)";
