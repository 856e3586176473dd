//! The dispatcher: the one place that carries out what panels, menus and the canvas asked for
//! during the frame, in order, at the frame's end.

use crate::ui::actions::{Action, CameraRequest};
use crate::ui::app::DepdigApp;

impl DepdigApp {
    /// Carries out `actions` in order.
    pub(crate) fn apply(&mut self, actions: Vec<Action>) {
        for action in actions {
            self.apply_one(action);
        }
    }

    /// Undims the map: whatever highlighted part of it (find, a finding, a failure mode, a debt
    /// item, review coverage) lets go, and a playing cascade closes.
    pub(crate) fn show_everything(&mut self) {
        crate::ui::findings_panel::close_cascade(&mut self.panels.findings);
        crate::ui::findings_panel::clear_marks(&mut self.view);
        self.panels.facilitation.highlighting = None;
        self.close_find();
        self.status = "Showing everything".into();
    }

    fn apply_one(&mut self, action: Action) {
        match action {
            Action::Command(cmd) => self.run_command(cmd),
            Action::Edit { op, label } => {
                self.edit(op, &label);
            }
            Action::FormEdit {
                op,
                label,
                item,
                field,
            } => crate::ui::inspector::commit(self, op, &label, &item, field),
            Action::View(change) => {
                change(&mut self.view);
                self.view_changed();
            }
            Action::Camera(request) => match request {
                CameraRequest::Fit => self.canvas.fit_requested = true,
                CameraRequest::ZoomToSelection => self.zoom_to_selection(),
                CameraRequest::Set { center, zoom } => {
                    self.canvas.camera.center = center;
                    self.canvas.camera.zoom = zoom;
                    self.canvas.cancel_fit();
                }
            },
            Action::Status(text) => self.status = text,
            Action::FocusNext(id) => self.focus_next = Some(id),
            Action::FocusCanvas => self.focus_canvas = true,
            Action::Open(path) => self.request_open(path),
            Action::StopEditingDebt => self.panels.debt.editing = None,
            Action::StopEditingFailure => self.panels.failures.editing = None,
            Action::StopPromptHighlight => self.panels.facilitation.highlighting = None,
            Action::ShowEverything => self.show_everything(),
            Action::CascadeMarks => {
                // The player may have closed since (Esc earlier in the queue): then nothing.
                if let Some(p) = &self.panels.findings.cascade {
                    crate::ui::findings_panel::mark_cascade(p, &self.doc.ws, &mut self.view);
                    self.view_changed();
                }
            }
            Action::Canvas(event) => self.handle_canvas_event(event),
        }
    }
}
