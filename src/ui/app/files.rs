//! Opening, saving and reloading the workspace file: unsaved changes are confirmed first, a file
//! that fails to load leaves the open document alone, and a save never silently overwrites what
//! someone else saved since.

use std::path::PathBuf;

use crate::document::Document;
use crate::ui::app::DepdigApp;
use crate::ui::app::dialogs::{AfterDiscard, Dialog};

impl DepdigApp {
    pub(crate) fn request_open(&mut self, path: PathBuf) {
        if self.doc.is_dirty() {
            self.dialog = Some(Dialog::ConfirmDiscard {
                then: AfterDiscard::Open(path),
            });
        } else {
            self.open_now(&path);
        }
    }

    /// Opens `path`; on failure shows the message and keeps the current document untouched.
    pub(crate) fn open_now(&mut self, path: &std::path::Path) {
        match Document::open(path) {
            Ok(doc) => self.replace_document(doc),
            Err(e) => {
                self.dialog = Some(Dialog::Error {
                    title: "This workspace could not be opened".into(),
                    message: e.to_string(),
                });
                self.status = format!("Could not open {}", path.display());
            }
        }
    }

    /// Saves, unless the file is the open one and someone else changed it since: then asks.
    pub(crate) fn save_to(&mut self, path: &std::path::Path) {
        if self.read_only && self.doc.path.as_deref() == Some(path) {
            self.status =
                "Read-only: the open file is not written; choose another file to keep a copy"
                    .into();
            return;
        }
        if self.doc.path.as_deref() == Some(path) && self.doc.changed_on_disk() {
            self.dialog = Some(Dialog::ConfirmOverwrite {
                path: path.to_path_buf(),
            });
            return;
        }
        self.save_to_now(path);
    }

    /// Reloads the open file from disk (after the user chose to); on failure keeps the document.
    pub(crate) fn reload_from_disk(&mut self, path: &std::path::Path) {
        match Document::open(path) {
            Ok(doc) => {
                let camera = self.canvas.camera;
                let fitting = self.canvas.is_fitted();
                let selection = std::mem::take(&mut self.view.selection);
                self.replace_document(doc);
                // A map still shown as fitted is fitted again; one the user zoomed into or
                // panned stays where it was. What still exists stays selected.
                if !fitting {
                    self.canvas.camera = camera;
                    self.canvas.cancel_fit();
                }
                self.view.selection = selection
                    .into_iter()
                    .filter(|id| {
                        self.doc.ws().systems.contains_key(id)
                            || self.doc.ws().dependencies.contains_key(id)
                    })
                    .collect();
                self.status = format!("Reloaded {} from disk", path.display());
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error {
                    title: "The changed file could not be reloaded".into(),
                    message: e.to_string(),
                });
            }
        }
    }

    pub(crate) fn save_to_now(&mut self, path: &std::path::Path) {
        if !self.read_only {
            self.rebase_backdrop(path);
        }
        match self.doc.save_to(path) {
            Ok(()) => {
                self.status = format!("Saved {}", path.display());
                self.remember_recent(path.to_path_buf());
                // Saved under any name: the recovery file it superseded goes.
                self.clear_recovery();
            }
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                // The refusal names the file itself ("… is read-only; use Save as…"); the
                // system's own "permission denied" does not.
                let message = e.to_string();
                self.dialog = Some(Dialog::SaveRefused {
                    message: if message.contains(&path.display().to_string()) {
                        message
                    } else {
                        format!("{}: {message}", path.display())
                    },
                });
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error {
                    title: "The workspace could not be saved".into(),
                    message: format!(
                        "{}: {e}\nNothing was lost: the document is still open, and the previous file is unchanged.",
                        path.display()
                    ),
                });
            }
        }
    }
}
