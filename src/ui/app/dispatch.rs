//! The dispatcher: the one place that carries out what panels, menus and the canvas asked for
//! during the frame, in order, at the frame's end.

use crate::ui::actions::{Action, CameraRequest, DockRequest, FindRequest};
use crate::ui::app::DepdigApp;
use crate::ui::dock::Dock;

impl DepdigApp {
    /// Carries out `actions` in order.
    pub(crate) fn apply(&mut self, actions: Vec<Action>) {
        // Whether the last edit in the queue was done (for `IfEdited`).
        let mut edited = true;
        for action in actions {
            match action {
                Action::IfEdited(then) => {
                    if edited {
                        self.apply_one(*then);
                    }
                }
                edit @ (Action::Edit { .. } | Action::FormEdit { .. }) => {
                    edited = self.apply_edit(edit);
                }
                other => self.apply_one(other),
            }
        }
    }

    /// Carries out, now, what `ask` pushes reading the app (a panel's function run by a command
    /// or a gesture on the map).
    pub(crate) fn apply_from(&mut self, ask: impl FnOnce(&Self, &mut Vec<Action>)) {
        let mut out = Vec::new();
        ask(self, &mut out);
        self.apply(out);
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

    /// A document edit (a form's typing merges by field); whether it was done (refused edits say
    /// why in the status bar).
    fn apply_edit(&mut self, action: Action) -> bool {
        match action {
            Action::Edit { op, label } => self.edit(op, &label),
            Action::FormEdit {
                op,
                label,
                item,
                field,
            } => {
                let result = match field {
                    Some(field) => {
                        self.doc
                            .apply_merging(op, &label, &format!("inspect:{item}:{field}"))
                    }
                    None => self.doc.apply(op, &label),
                };
                if let Err(e) = &result {
                    self.status = format!("{label}: not done — {e}");
                }
                result.is_ok()
            }
            _ => false,
        }
    }

    fn apply_one(&mut self, action: Action) {
        match action {
            Action::Command(cmd) => self.run_command(cmd),
            edit @ (Action::Edit { .. } | Action::FormEdit { .. }) => {
                self.apply_edit(edit);
            }
            Action::View(change) => {
                change(&mut self.view);
                self.view_changed();
            }
            Action::Camera(request) => match request {
                CameraRequest::Fit => self.canvas.fit_requested = true,
                CameraRequest::ZoomToSelection => self.zoom_to_selection(),
                CameraRequest::FollowCascade => self.follow_cascade(),
                CameraRequest::Set { center, zoom } => {
                    self.canvas.camera.center = center;
                    self.canvas.camera.zoom = zoom;
                    self.canvas.cancel_fit();
                }
            },
            Action::Status(text) => self.status = text,
            Action::FocusNext(id) => self.focus_next = Some(id),
            Action::Open(path) => self.request_open(path),
            Action::StopEditingDebt => self.panels.debt.editing = None,
            Action::StopEditingFailure => self.panels.failures.editing = None,
            Action::ShowEverything => self.show_everything(),
            Action::CascadeMarks => {
                // The player may have closed since (Esc earlier in the queue): then nothing.
                if let Some(p) = &self.panels.findings.cascade {
                    crate::ui::findings_panel::mark_cascade(p, self.doc.ws(), &mut self.view);
                    self.view_changed();
                }
            }
            Action::Canvas(event) => self.handle_canvas_event(event),
            Action::Dock(request) => match request {
                DockRequest::Open(pane) => self.dock.open(pane),
                DockRequest::Close(pane) => self.dock.close(pane),
                DockRequest::Toggle(pane) => self.dock.toggle(pane),
                DockRequest::Layout(layout) => {
                    self.dock = Dock::with_layout(layout);
                    self.status = format!("Layout: {}", layout.label());
                }
            },
            Action::Find(request) => match request {
                FindRequest::Update => self.update_find(),
                FindRequest::Next => self.find_next(),
                FindRequest::Close => self.close_find(),
            },
            Action::FocusCanvas => self.focus_canvas = true,
            // Reached only nested in another `IfEdited`, whose edit was done.
            Action::IfEdited(then) => self.apply_one(*then),
            Action::FollowPromptHighlight => {
                if crate::ui::facilitation_panel::follow_highlight(
                    &mut self.panels.facilitation,
                    self.doc.ws(),
                    &mut self.view,
                ) {
                    self.view_changed();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::Op;

    #[test]
    fn a_follow_up_runs_only_when_the_edit_before_it_was_done() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = DepdigApp::open(None, dir.path());
        let system = app.doc.ws().systems.values().next().unwrap().clone();
        let show = |id: &str| {
            let id = id.to_owned();
            Action::if_edited(Action::view(move |v| v.active_view = Some(id)))
        };
        // Refused: the system is there already.
        app.apply(vec![
            Action::edit(Op::Add(system.clone().into()), "Add it again"),
            show("after-refused"),
        ]);
        assert!(app.status.contains("not done"), "{}", app.status);
        assert_eq!(app.view.active_view, None);
        let mut renamed = system;
        renamed.name = "Renamed".into();
        app.apply(vec![
            Action::edit(Op::Update(renamed.into()), "Rename"),
            show("after-done"),
        ]);
        assert_eq!(app.view.active_view.as_deref(), Some("after-done"));
    }
}
