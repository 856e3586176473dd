//! What tests and tools may observe of the app: the chrome around the document, what the map
//! dims, the map's boxes on screen.

use crate::ui::app::DepdigApp;
use crate::ui::dock::Pane;

impl DepdigApp {
    /// What shows besides the document: open panels, the layout, presentation, the zoom, the
    /// selection, the highlight and the dialog. Two equal answers mean no command ran between
    /// them (the typing tests compare it).
    pub fn chrome_state(&self) -> String {
        format!(
            "panels: findings {} debt {} failures {} prompts {} views {} legend {} find {}; \
             layout {}; presenting {}; read-only {}; zoom {}; selection {:?}; highlight {:?}; \
             filters {:?}; scenario {:?}; roadmap step {:?}; dialog open {}",
            self.dock.is_open(Pane::Findings),
            self.dock.is_open(Pane::Debt),
            self.dock.is_open(Pane::Failures),
            self.dock.is_open(Pane::Facilitation),
            self.dock.is_open(Pane::Views),
            self.dock.is_open(Pane::Legend),
            self.panels.find.open,
            self.layout_running,
            self.presenting,
            self.read_only,
            self.canvas.camera.zoom,
            self.view.selection,
            self.view.highlight,
            self.view.filters,
            self.view.scenario,
            self.view.roadmap_step,
            self.dialog.is_some(),
        )
    }

    /// Systems the canvas draws faded (out of focus, or outside what is highlighted).
    pub fn dimmed_systems(&self) -> std::collections::BTreeSet<String> {
        self.scene
            .as_ref()
            .map(super::canvas::scene::Scene::dimmed_systems)
            .unwrap_or_default()
    }

    /// An explicit layout run is in progress (Space / Run layout), or a layered layout is being
    /// computed.
    pub fn is_layout_running(&self) -> bool {
        self.layout_running || self.layered_job.is_some()
    }

    pub fn is_presenting(&self) -> bool {
        self.presenting
    }

    /// Whether the window is about to close (Quit, or a confirmed close).
    pub fn is_closing(&self) -> bool {
        self.close_window
    }

    /// The canvas's screen rect and every drawn system's box on screen (by name), as of the last
    /// frame: what a user sees of the map.
    pub fn canvas_screen_rects(&self) -> (egui::Rect, Vec<(String, egui::Rect)>) {
        let view = self.canvas.view_rect;
        let cam = self.canvas.camera;
        let systems = self.scene.as_ref().map_or_else(Vec::new, |scene| {
            scene
                .graph
                .nodes_iter()
                .map(|(_, n)| {
                    let s = n.display();
                    let r = s.canvas_rect();
                    let r = egui::Rect::from_two_pos(
                        cam.screen_from_canvas(view, r.min),
                        cam.screen_from_canvas(view, r.max),
                    );
                    (s.look.name.to_string(), r)
                })
                .collect()
        });
        (view, systems)
    }
}
