//! What a panel may read: the document, the view, the theme and a few facts about the app —
//! never the app itself. Panels write through [`crate::ui::actions::Action`]s.

use std::path::PathBuf;

use crate::document::Document;
use crate::model::Workspace;
use crate::theme::Theme;
use crate::ui::canvas::{Camera, Scene};
use crate::ui::dock::Dock;
use crate::ui::gate::Gate;
use crate::ui::view::ViewState;

/// The read-only context every panel is drawn with.
pub struct PanelCtx<'a> {
    pub doc: &'a Document,
    pub view: &'a ViewState,
    pub theme: Theme,
    /// Whether a command may run now (read-only refuses edits).
    pub gate: Gate,
    pub read_only: bool,
    /// Where the map's camera looks, and the map's screen rect, as of the last frame.
    pub camera: Camera,
    pub view_rect: egui::Rect,
    /// The map as drawn (positions, sizes), once built.
    pub scene: Option<&'a Scene>,
    /// An explicit layout run is in progress.
    pub layout_running: bool,
    /// Presentation mode (F5).
    pub presenting: bool,
    /// The last thing that happened (status bar).
    pub status: &'a str,
    /// Recently opened files, newest first.
    pub recent: &'a [PathBuf],
    /// Which panels are open, and where.
    pub dock: &'a Dock,
    /// The interface scale (1.0 = 100 %).
    pub ui_scale: f32,
}

impl PanelCtx<'_> {
    pub fn ws(&self) -> &Workspace {
        self.doc.ws()
    }
}
