//! Crash recovery in the window: autosave, and "Restore unsaved work?" — every recovery left by a
//! window that crashed, with the file it belongs to, when it was autosaved, when the file was last
//! saved and what differs from it.
//! Restoring over a file that someone changed since goes through the "someone else changed it"
//! prompt on save, so a restore never silently drops saved work.

use std::path::PathBuf;
use std::time::SystemTime;

use egui::RichText;

use crate::document::Document;
use crate::model::Workspace;
use crate::recovery::{DiskState, Pending};
use crate::text::plural;
use crate::ui::app::DepdigApp;
use crate::ui::app::dialogs::{Dialog, Outcome};

pub(crate) fn restore_ui(
    ui: &mut egui::Ui,
    app: &mut DepdigApp,
    pending: &mut Vec<Pending>,
) -> Outcome {
    ui.heading("Restore unsaved work?");
    ui.label(if pending.len() == 1 {
        "depdig found work that was not saved when a window last closed:".to_owned()
    } else {
        format!(
            "depdig found unsaved work from {} windows that did not close normally:",
            pending.len()
        )
    });
    let mut chosen: Option<(usize, bool)> = None;
    egui::ScrollArea::vertical()
        .max_height(420.0)
        .show(ui, |ui| {
            for (i, p) in pending.iter().enumerate() {
                ui.group(|ui| {
                    ui.set_width(ui.available_width());
                    describe(ui, p);
                    ui.horizontal(|ui| {
                        if ui
                            .button("Restore")
                            .on_hover_text("Open this work as unsaved changes")
                            .clicked()
                        {
                            chosen = Some((i, true));
                        }
                        if ui
                            .button("Discard")
                            .on_hover_text("Delete this recovery file")
                            .clicked()
                        {
                            chosen = Some((i, false));
                        }
                    });
                });
            }
        });
    ui.horizontal(|ui| {
        if ui
            .button("Later")
            .on_hover_text("Keep the recovery files; File ▸ Recover unsaved work… shows them again")
            .clicked()
        {
            chosen = Some((usize::MAX, false));
        }
    });
    match chosen {
        Some((usize::MAX, _)) => Outcome::Close,
        Some((i, true)) => {
            let p = pending.remove(i);
            let rest = std::mem::take(pending);
            Outcome::Then(Box::new(move |app| {
                restore(app, &p);
                if !rest.is_empty() && app.dialog.is_none() {
                    app.status = format!(
                        "{} · {} in File ▸ Recover unsaved work…",
                        app.status,
                        if rest.len() == 1 {
                            "1 more window's work waits".to_owned()
                        } else {
                            format!("{} more windows' work wait", rest.len())
                        }
                    );
                }
            }))
        }
        Some((i, false)) => {
            let p = pending.remove(i);
            if let Err(e) = p.remove() {
                app.status = format!("The recovery file could not be deleted: {e}");
            }
            if pending.is_empty() {
                Outcome::Close
            } else {
                Outcome::Keep
            }
        }
        None => Outcome::Keep,
    }
}

/// The window's side of crash recovery: autosave to its own file, clearing it once the work is
/// saved or discarded, and offering what crashed windows left.
impl DepdigApp {
    /// Writes the document to this window's recovery file now.
    pub(crate) fn write_recovery(&mut self) -> std::io::Result<()> {
        let Some(instance) = &self.recovery else {
            return Err(std::io::Error::other(
                self.recovery_problem
                    .clone()
                    .unwrap_or_else(|| "autosave is off".into()),
            ));
        };
        instance.write(&self.doc)?;
        self.offered_revision = Some(self.doc.revision);
        Ok(())
    }

    /// Removes this window's recovery file (the work was saved or discarded).
    pub(crate) fn clear_recovery(&mut self) {
        if let Some(instance) = &self.recovery {
            match instance.clear() {
                Ok(()) => self.offered_revision = None,
                Err(e) => self.status = format!("The old recovery file could not be removed: {e}"),
            }
        }
    }

    /// Unsaved work of windows that crashed, as found now (File › Recover unsaved work…).
    pub(crate) fn offer_recoveries(&mut self) {
        let Some(dir) = self.recovery.as_ref().map(|r| r.dir().to_path_buf()) else {
            self.status = self
                .recovery_problem
                .clone()
                .unwrap_or_else(|| "Autosave is off".into());
            return;
        };
        let (pending, problems) = crate::recovery::pending(&dir);
        if pending.is_empty() {
            self.status = match problems.first() {
                Some(p) => format!("A recovery file could not be read: {p}"),
                None => "No unsaved work from other sessions is waiting".into(),
            };
        } else {
            self.dialog = Some(Dialog::Restore { pending });
        }
    }

    /// Hands every new unsaved state to the autosave thread, which writes it to this window's
    /// recovery file every 30 s (never over the real file) whether or not frames run; reports what
    /// the thread did in the status bar.
    pub(crate) fn autosave(&mut self) {
        let Some(instance) = &self.recovery else {
            return;
        };
        for event in instance.take_events() {
            self.status = match event {
                Ok(_) => "Autosaved unsaved changes for recovery".into(),
                Err(e) => format!("Autosave failed: {e}"),
            };
        }
        if self.doc.is_dirty() {
            if self.offered_revision != Some(self.doc.revision) {
                instance.offer(&self.doc);
                self.offered_revision = Some(self.doc.revision);
            }
        } else if self.offered_revision.is_some() {
            // Saved, or undone back to the saved state: nothing left to recover.
            self.clear_recovery();
        }
    }

    /// This window's recovery file (whether or not it exists yet).
    pub fn recovery_file(&self) -> Option<PathBuf> {
        self.recovery.as_ref().map(crate::recovery::Instance::file)
    }

    /// Sets the time between autosaves (tests use zero).
    pub fn set_autosave_interval(&mut self, interval: std::time::Duration) {
        if let Some(instance) = &self.recovery {
            instance.set_interval(interval);
        }
    }
}

fn describe(ui: &mut egui::Ui, p: &Pending) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(p.display_name()).strong());
        match &p.header.path {
            Some(path) => ui.label(RichText::new(path.display().to_string()).weak()),
            None => ui.label(RichText::new("never saved").weak()),
        };
    });
    ui.label(format!("Autosaved {}", when(p.autosaved())));
    match &p.disk {
        DiskState::Untitled => {
            let c = p.workspace.counts();
            ui.label(format!(
                "A new workspace: {} and {}.",
                plural(c.systems, "system", "systems"),
                plural(c.dependencies, "dependency", "dependencies")
            ));
        }
        DiskState::Saved {
            modified,
            difference,
            changed_since_read,
        } => {
            if let Some(m) = modified {
                ui.label(format!("The file was last saved {}", when(*m)));
            }
            ui.label(format!("Not in the file: {}", difference.describe()));
            if *changed_since_read {
                ui.label(
                    RichText::new(
                        "⚠ Someone saved the file after this window read it. After restoring, \
                         saving asks before overwriting their version.",
                    )
                    .color(ui.visuals().warn_fg_color),
                );
            }
        }
        DiskState::Unreadable(why) => {
            ui.label(
                RichText::new(format!("The file cannot be read now: {why}"))
                    .color(ui.visuals().warn_fg_color),
            );
        }
    }
}

/// Opens the workspace the recovery belongs to (unless it is the open one) and puts the
/// recovered work on top as one undoable edit. The document remembers the file as the crashed
/// window last read it, so a save over a file changed since then asks first. The recovery file
/// is removed only once this window has autosaved the work to its own.
fn restore(app: &mut DepdigApp, p: &Pending) {
    let same_file = match (&p.header.path, &app.doc.path) {
        (Some(a), Some(b)) => same_path(a, b),
        _ => false,
    };
    if !same_file {
        if app.doc.is_dirty() {
            app.status = format!(
                "Save or close {} first: restoring {} would replace it",
                app.doc.display_name(),
                p.display_name()
            );
            return;
        }
        let doc = if let Some(path) = &p.header.path {
            match Document::open(path) {
                Ok(doc) => doc,
                // Gone or broken: the work comes back under its name; saving asks before
                // overwriting a file that is there.
                Err(_) => Document::new(Workspace::new(""), Some(path.clone())),
            }
        } else {
            let mut doc = Document::new(Workspace::new(""), None);
            doc.untitled_name = p.header.untitled_name.clone();
            doc
        };
        app.replace_document(doc);
    }
    if let Err(e) = app.doc.apply(
        crate::ops::Op::Replace(Box::new(p.workspace.clone())),
        "Restore unsaved work",
    ) {
        app.status = format!("Restore failed: {e}");
        return;
    }
    if p.header.path.is_some() {
        app.doc.set_base_stamp(p.header.base);
    }
    app.view_changed();
    app.canvas.fit_requested = true;
    app.status = match app.write_recovery() {
        Ok(()) => match p.remove() {
            Ok(()) => format!("Restored unsaved work for {}", p.display_name()),
            Err(e) => format!(
                "Restored unsaved work for {}; the old recovery file could not be removed: {e}",
                p.display_name()
            ),
        },
        // Keep the old recovery file: it is the only copy until this window autosaves.
        Err(e) => format!(
            "Restored unsaved work for {} (kept its recovery file: autosave failed: {e})",
            p.display_name()
        ),
    };
}

fn same_path(a: &std::path::Path, b: &std::path::Path) -> bool {
    let canon = |p: &std::path::Path| {
        std::fs::canonicalize(p)
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    canon(a) == canon(b)
}

/// "2026-11-30 10:42 UTC (3 minutes ago)".
pub(crate) fn when(t: SystemTime) -> String {
    let date = jiff::Timestamp::try_from(t).map_or_else(
        |_| "an unknown time".to_owned(),
        |ts| ts.strftime("%Y-%m-%d %H:%M UTC").to_string(),
    );
    let ago = match SystemTime::now().duration_since(t) {
        Ok(d) if d.as_secs() < 60 => "just now".to_owned(),
        Ok(d) if d.as_secs() < 3600 => {
            plural((d.as_secs() / 60) as usize, "minute ago", "minutes ago")
        }
        Ok(d) if d.as_secs() < 48 * 3600 => {
            plural((d.as_secs() / 3600) as usize, "hour ago", "hours ago")
        }
        Ok(d) => plural((d.as_secs() / 86_400) as usize, "day ago", "days ago"),
        Err(_) => "in the future".to_owned(),
    };
    format!("{date} ({ago})")
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    #[test]
    fn times_read_as_dates_and_ages() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_mins(29933866);
        assert!(
            super::when(t).starts_with("2026-11-30 09:46 UTC ("),
            "{}",
            super::when(t)
        );
        let recent = SystemTime::now() - Duration::from_mins(3);
        assert!(
            super::when(recent).ends_with("(3 minutes ago)"),
            "{}",
            super::when(recent)
        );
        let one = SystemTime::now() - Duration::from_secs(3700);
        assert!(
            super::when(one).ends_with("(1 hour ago)"),
            "{}",
            super::when(one)
        );
    }
}
