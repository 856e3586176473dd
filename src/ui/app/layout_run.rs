//! Layout runs: explicit (Space / Run layout), one undo step when they settle or are paused,
//! undone as a whole by Ctrl+Z during the run; nothing moves in the background. With the
//! workspace's layout style set to layered, Space lays the map out at once instead (one undo
//! step, "Layered layout"), computed on a thread of its own (a few hundred milliseconds for
//! 500 systems, in a release build) so the window keeps answering; a result for a map edited
//! meanwhile is dropped.

use crate::ops::Op;
use crate::ui::app::DepdigApp;

/// The undo step of a layout run (Space) and of the layered layout.
pub(crate) const RUN_LAYOUT: &str = "Run layout";
pub(crate) const LAYERED_LAYOUT: &str = "Layered layout";

/// A layered layout computed on its own thread.
pub(crate) struct LayeredJob {
    /// The ids and positions, once computed.
    result: std::sync::mpsc::Receiver<(Vec<String>, Vec<[f32; 2]>)>,
    /// The history state when it started: a result for a map edited since is dropped.
    base: u64,
}

impl DepdigApp {
    /// Advances an explicit layout run within the frame budget; when it settles, its positions
    /// become one undoable edit and the run ends (repainting stops).
    pub(crate) fn step_layout(&mut self, ctx: &egui::Context) {
        self.step_layered(ctx);
        if !self.layout_running {
            return;
        }
        let mut live = if let Some(l) = self.live.take() {
            l.sync(&self.doc)
        } else if self.layout_afresh {
            crate::ui::live_layout::LiveLayout::afresh(&self.doc)
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
        self.layout_afresh = false;
        self.layout_base = Some(self.doc.history.state());
        self.live = None;
        self.status = "Layout running (Space pauses, Ctrl+Z stops and goes back)".into();
    }

    /// Starts a layout run that lays the whole map out from scratch (Lay out afresh, Shift+Space):
    /// where systems are now is not kept, except for pinned ones. Like Space otherwise (one undo
    /// step, Ctrl+Z during the run goes back). With the layered style it is Space's layout.
    pub(crate) fn lay_out_afresh(&mut self) {
        if self.layout_running {
            return;
        }
        self.start_layout();
        if self.layout_running {
            self.layout_afresh = true;
            self.status =
                "Laying the map out afresh (Space pauses, Ctrl+Z stops and goes back)".into();
        }
    }

    /// Starts laying the map out in rows, callers above callees, off the UI thread; its result
    /// becomes one undoable edit when it arrives ([`Self::step_layered`]).
    fn layered_layout(&mut self) {
        if self.layered_job.is_some() {
            return;
        }
        let ws = self.doc.ws().clone();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            // The window may have closed meanwhile: nobody to tell then.
            let _ = tx.send(crate::layout::layered_workspace(&ws));
        });
        self.live = None;
        self.layered_job = Some(LayeredJob {
            result: rx,
            base: self.doc.history.state(),
        });
        self.status = "Laying the map out in rows…".into();
    }

    /// Takes the layered layout's result when it is there: one undoable edit, if the map was not
    /// edited while it was computed.
    fn step_layered(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.layered_job else {
            return;
        };
        let (ids, positions) = match job.result.try_recv() {
            Ok(done) => done,
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint();
                return;
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.layered_job = None;
                self.status = "The layered layout failed; the map is unchanged".into();
                return;
            }
        };
        let base = job.base;
        self.layered_job = None;
        if self.doc.history.state() != base {
            self.status = "The map changed while it was laid out: press Space again".into();
            return;
        }
        let fresh = self.doc.ws().systems.values().all(|s| s.pos.is_none());
        let Op::MoveSystems(mut moves) = crate::layout::move_systems_op(&ids, &positions) else {
            return;
        };
        moves.retain(|id, p| self.doc.ws().systems.get(id).is_some_and(|s| s.pos != *p));
        if moves.is_empty() {
            self.status = "Layered layout: nothing to move".into();
            return;
        }
        self.doc.history.close_merge();
        self.status = match self.doc.apply(Op::MoveSystems(moves), LAYERED_LAYOUT) {
            Ok(()) => {
                self.doc.settle_all();
                "Laid out in rows, callers above callees (Ctrl+Z undoes)".into()
            }
            Err(e) => format!("The layered layout was not kept: {e}"),
        };
        self.refit_after_layout(fresh, true);
        ctx.request_repaint();
    }

    /// Ends the run, keeping where it got to as one undoable edit ("Run layout").
    pub(crate) fn finish_layout(&mut self, status: &str) {
        let fresh = self.doc.ws().systems.values().all(|s| s.pos.is_none());
        // A system dragged during the run was put where the user wanted it on screen.
        let untouched = self.layout_base == Some(self.doc.history.state());
        if let Some(op) = self
            .live
            .take()
            .and_then(|live| live.commit_op(self.doc.ws()))
        {
            self.doc.history.close_merge();
            match self.doc.apply(op, RUN_LAYOUT) {
                Ok(()) => {
                    self.doc.settle_all();
                    self.status = status.to_owned();
                }
                Err(e) => self.status = format!("The layout's positions were not kept: {e}"),
            }
        } else {
            self.doc.settle_all();
            self.status = status.to_owned();
        }
        self.refit_after_layout(fresh || self.layout_afresh, untouched);
        self.layout_running = false;
        self.layout_afresh = false;
        self.layout_base = None;
    }

    /// Fits the laid-out map to the canvas when it had no positions at all, or when it was
    /// shown fitted and the user did nothing on it meanwhile (`untouched`): a run spreads or
    /// gathers the systems, and a map left half off the canvas, or small in its middle, is not
    /// what "fitted" meant. A view the user zoomed into or panned stays, and so does one in
    /// which the user dragged a system during the run.
    fn refit_after_layout(&mut self, fresh: bool, untouched: bool) {
        if fresh || (untouched && self.canvas.is_fitted()) {
            self.canvas.fit_requested = true;
        }
    }

    /// A layout step undone or redone (`label`) moves the whole map, as the run did: a map shown
    /// fitted is fitted again.
    pub(crate) fn refit_after_undone_layout(&mut self, label: &str) {
        if label == RUN_LAYOUT || label == LAYERED_LAYOUT {
            self.refit_after_layout(false, true);
        }
    }

    /// Stops the run without keeping anything and undoes what was done during it: the map is
    /// as it was before Space.
    pub(crate) fn cancel_layout(&mut self) {
        self.live = None;
        self.layout_running = false;
        self.layout_afresh = false;
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
