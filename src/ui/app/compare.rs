//! Comparing the open map with another workspace file: loading it, and the Differences window
//! that lists what changed from that file to the open map (the map draws the same difference).

use std::path::Path;
use std::sync::Arc;

use crate::io::load_file;
use crate::model::diff::{self, ChangeKind, Collection, Options};
use crate::ui::actions::{Action, CameraRequest};
use crate::ui::app::DepdigApp;
use crate::ui::app::dialogs::Dialog;
use crate::ui::view::Comparison;

impl DepdigApp {
    /// Loads `path` and shows its differences with the open map; a file that does not load is
    /// reported (path:line:col) and nothing changes.
    pub(crate) fn compare_with(&mut self, path: &Path) {
        match load_file(path) {
            Ok((other, _)) => {
                self.view.compare = Some(Arc::new(Comparison {
                    path: path.to_path_buf(),
                    other,
                }));
                self.view_changed();
                self.status = format!("Comparing with {}", path.display());
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error {
                    title: "This workspace could not be compared".into(),
                    message: e.to_string(),
                });
            }
        }
    }

    /// The Differences window while a comparison is shown.
    pub(crate) fn compare_window(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let Some(c) = self.view.compare.clone() else {
            return;
        };
        let d = diff::diff(&c.other, self.doc.ws(), Options::default());
        let name = c.path.file_name().map_or_else(
            || c.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut stop = false;
        // Over the map's top-right corner, beside the map rather than on the menus.
        let corner = self.canvas.view_rect.right_top() + egui::vec2(-16.0, 48.0);
        egui::Window::new("Differences")
            .id(egui::Id::new("depdig_compare"))
            .pivot(egui::Align2::RIGHT_TOP)
            .default_pos(corner)
            .default_width(460.0)
            .default_height(420.0)
            .collapsible(true)
            .show(ctx, |ui| {
                ui.label(format!(
                    "From {name} to the open map: {}",
                    diff::summary(&d)
                ));
                if ui.button("Stop comparing").clicked() {
                    stop = true;
                }
                ui.separator();
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for change in &d.changes {
                        for line in lines(change) {
                            let element = matches!(
                                change.collection,
                                Collection::System | Collection::Dependency
                            );
                            let row = ui.selectable_label(false, line);
                            if element && row.clicked() {
                                let id = change.id.clone();
                                actions.push(Action::View(Box::new(move |v| {
                                    v.selection = std::iter::once(id).collect();
                                })));
                                actions.push(Action::Camera(CameraRequest::ZoomToSelection));
                            }
                        }
                    }
                });
            });
        if stop {
            self.view.compare = None;
            self.view_changed();
            self.status = "Comparison closed".into();
        }
    }
}

/// The rows of one change: `+ added system Payments`, or one per field with old → new.
fn lines(c: &diff::ItemChange) -> Vec<String> {
    let name = if c.name.trim().is_empty() {
        &c.id
    } else {
        &c.name
    };
    let what = c.collection.label();
    match c.kind {
        ChangeKind::Added => vec![format!("+ added {what} {name}")],
        ChangeKind::Removed => vec![format!("- removed {what} {name}")],
        ChangeKind::Changed | ChangeKind::Moved => c
            .fields
            .iter()
            .map(|f| {
                let sign = if c.kind == ChangeKind::Moved {
                    ">"
                } else {
                    "~"
                };
                format!("{sign} {what} {name}: {} {} → {}", f.field, f.old, f.new)
            })
            .collect(),
    }
}
