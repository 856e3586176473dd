//! Watching the open file for changes someone else saves.

use std::path::PathBuf;

use crate::ui::app::DepdigApp;
use crate::ui::app::dialogs::Dialog;

/// Polls a file's size and modification time every 2 s on its own thread and wakes the UI when
/// they change; the UI then compares contents (`Document::changed_on_disk`). Stops when dropped.
/// It starts "changed", so the UI compares once at once: a save that happened between the
/// document reading the file and the watcher starting is not missed.
pub(crate) struct DiskWatch {
    path: PathBuf,
    changed: std::sync::Arc<std::sync::atomic::AtomicBool>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl DiskWatch {
    pub(crate) fn start(path: PathBuf, ctx: egui::Context) -> DiskWatch {
        use std::sync::atomic::Ordering;
        let changed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (c, st, p) = (changed.clone(), stop.clone(), path.clone());
        let seen = |p: &std::path::Path| {
            std::fs::metadata(p)
                .ok()
                .map(|m| (m.len(), m.modified().ok()))
        };
        // The baseline is read here, before the thread runs, not whenever the thread first runs.
        let mut last = seen(&p);
        let spawned = std::thread::Builder::new()
            .name("depdig-disk-watch".into())
            .spawn(move || {
                while !st.load(Ordering::Relaxed) {
                    std::thread::sleep(std::time::Duration::from_secs(2));
                    let now = seen(&p);
                    if now != last {
                        last = now;
                        c.store(true, Ordering::Relaxed);
                        ctx.request_repaint();
                    }
                }
            });
        if spawned.is_err() {
            // No thread, no watching: saving still refuses to overwrite someone else's changes.
            stop.store(true, Ordering::Relaxed);
        }
        DiskWatch {
            path,
            changed,
            stop,
        }
    }

    pub(crate) fn path(&self) -> &std::path::Path {
        &self.path
    }

    pub(crate) fn take_changed(&self) -> bool {
        self.changed
            .swap(false, std::sync::atomic::Ordering::Relaxed)
    }
}

impl Drop for DiskWatch {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

impl DepdigApp {
    /// When the watcher saw the open file's size or time change, compares it with what the
    /// document last read or wrote; when someone else changed it, offers to reload. The watcher
    /// polls on its own thread, so an idle window is not woken unless the file changed.
    pub(crate) fn check_disk(&mut self, ctx: &egui::Context) {
        let path = self.doc.path.clone();
        if self.disk_watch.as_ref().map(DiskWatch::path) != path.as_deref() {
            self.disk_watch = path.map(|p| DiskWatch::start(p, ctx.clone()));
        }
        if self.dialog.is_none()
            && self
                .disk_watch
                .as_ref()
                .is_some_and(DiskWatch::take_changed)
        {
            self.check_disk_now();
        }
    }

    /// Compares the file on disk with the document now; shows the reload offer if it changed.
    /// Returns whether it changed.
    pub fn check_disk_now(&mut self) -> bool {
        if !self.doc.changed_on_disk_unannounced() {
            return false;
        }
        if let Some(path) = self.doc.path.clone() {
            self.dialog = Some(Dialog::ChangedOnDisk { path });
        }
        true
    }
}
