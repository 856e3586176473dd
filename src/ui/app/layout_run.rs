//! Layout runs: explicit (Space / Run layout), one undo step when they settle or are paused,
//! undone as a whole by Ctrl+Z during the run; nothing moves in the background. With the
//! workspace's layout style set to layered, Space lays the map out at once instead (one undo
//! step, "Layered layout"): it takes a few milliseconds for a few hundred systems.

use crate::ops::Op;
use crate::ui::app::DepdigApp;

impl DepdigApp {
    /// Advances an explicit layout run within the frame budget; when it settles, its positions
    /// become one undoable edit and the run ends (repainting stops).
    pub(crate) fn step_layout(&mut self, ctx: &egui::Context) {
        if !self.layout_running {
            return;
        }
        let mut live = if let Some(l) = self.live.take() {
            l.sync(&self.doc)
        } else {
            let fresh = self.doc.ws().systems.values().all(|s| s.pos.is_none());
            crate::ui::live_layout::LiveLayout::new(&self.doc, None, fresh)
        };
        let moving = live.advance();
        self.live = Some(live);
        if moving {
            ctx.request_repaint();
        } else if !self.canvas.is_dragging() {
            self.finish_layout("Layout settled");
            // The toolbar was drawn before the run ended this frame: draw it once more.
            ctx.request_repaint();
        }
    }

    /// Starts a layout run (Space / Run layout), remembering the state before it so that undo
    /// during the run goes back there.
    pub(crate) fn start_layout(&mut self) {
        if self.layout_running {
            return;
        }
        if self.doc.ws().layout == Some(crate::model::LayoutStyle::Layered) {
            self.layered_layout();
            return;
        }
        self.layout_running = true;
        self.layout_base = Some(self.doc.history.state());
        self.live = None;
        self.status = "Layout running (Space pauses, Ctrl+Z stops and goes back)".into();
    }

    /// Lays the map out in rows, callers above callees, as one undoable edit.
    fn layered_layout(&mut self) {
        let fresh = self.doc.ws().systems.values().all(|s| s.pos.is_none());
        let (ids, positions) = crate::layout::layered_workspace(self.doc.ws());
        let Op::MoveSystems(mut moves) = crate::layout::move_systems_op(&ids, &positions) else {
            return;
        };
        moves.retain(|id, p| self.doc.ws().systems.get(id).is_some_and(|s| s.pos != *p));
        self.live = None;
        if moves.is_empty() {
            self.status = "Layered layout: nothing to move".into();
            return;
        }
        self.doc.history.close_merge();
        self.status = match self.doc.apply(Op::MoveSystems(moves), "Layered layout") {
            Ok(()) => "Laid out in rows, callers above callees (Ctrl+Z undoes)".into(),
            Err(e) => format!("The layered layout was not kept: {e}"),
        };
        if fresh {
            self.canvas.fit_requested = true;
        }
    }

    /// Ends the run, keeping where it got to as one undoable edit ("Run layout").
    pub(crate) fn finish_layout(&mut self, status: &str) {
        let fresh = self.doc.ws().systems.values().all(|s| s.pos.is_none());
        if let Some(op) = self
            .live
            .take()
            .and_then(|live| live.commit_op(self.doc.ws()))
        {
            self.doc.history.close_merge();
            match self.doc.apply(op, "Run layout") {
                Ok(()) => self.status = status.to_owned(),
                Err(e) => self.status = format!("The layout's positions were not kept: {e}"),
            }
        } else {
            self.status = status.to_owned();
        }
        if fresh {
            self.canvas.fit_requested = true;
        }
        self.layout_running = false;
        self.layout_base = None;
    }

    /// Stops the run without keeping anything and undoes what was done during it: the map is
    /// as it was before Space.
    pub(crate) fn cancel_layout(&mut self) {
        self.live = None;
        self.layout_running = false;
        let undone = match self.layout_base.take() {
            Some(base) => self.doc.undo_to(base),
            None => Ok(()),
        };
        self.status = match undone {
            Ok(()) => "Layout stopped: the map is as it was before the run".into(),
            Err(e) => format!("Layout stopped; undoing what was done during it failed: {e}"),
        };
    }

    /// Pauses the run (Space): where it got to is kept as one undo step.
    pub(crate) fn pause_layout(&mut self) {
        if self.layout_running {
            self.finish_layout("Layout paused");
        }
    }
}
