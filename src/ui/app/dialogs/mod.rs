//! Modal dialogs: errors, unsaved-changes confirmation, open/save paths, rename, dependency type,
//! delete preview, crash recovery and the keyboard help.

use std::path::PathBuf;

use egui::{Id, Key, Modal, RichText};

use crate::document::Document;
use crate::model::DependencyType;
use crate::ui::app::DepdigApp;

mod body;
mod compare;
use body::dialog_body;

/// What a name dialog names.
#[derive(Debug, Clone, PartialEq)]
pub enum NameTarget {
    New(egui::Pos2),
    /// A new system at the point that `from` needs (add-and-connect: the connect handle dropped
    /// on empty canvas). Nothing is added until it is named.
    NewNeededBy {
        at: egui::Pos2,
        from: String,
        dependency: DependencyType,
    },
    Existing(String),
}

/// What to do once the user agrees to discard unsaved changes.
#[derive(Debug, Clone, PartialEq)]
pub enum AfterDiscard {
    New,
    Open(PathBuf),
    Close,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    Error {
        title: String,
        message: String,
    },
    ConfirmDiscard {
        then: AfterDiscard,
    },
    OpenPath {
        text: String,
    },
    SavePath {
        text: String,
    },
    /// The file to compare the map with (File ▸ Compare with…).
    ComparePath {
        text: String,
    },
    /// Names a new system (added where it was asked for once named) or renames one.
    Name {
        target: NameTarget,
        text: String,
        focus: bool,
        /// The new system's kind (guessed from the name until picked).
        kind: crate::ui::app::capture::KindChoice,
    },
    ConnectType {
        from: String,
        to: String,
        kind: DependencyType,
    },
    ConfirmDelete {
        systems: Vec<String>,
        dependencies: Vec<String>,
    },
    /// Unsaved work of windows that crashed: every pending recovery, newest first.
    Restore {
        pending: Vec<crate::recovery::Pending>,
    },
    /// The file refused the save (read-only): say so and offer Save as.
    SaveRefused {
        message: String,
    },
    Export(crate::ui::app::export_dialog::ExportSettings),
    ExportReport {
        path: String,
        format: crate::io::report::ReportFormat,
        section: crate::io::report::ReportSection,
    },
    KeyboardHelp,
    /// Help ▸ About: the icon, the version, the licence.
    About,
    /// File ▸ Place backdrop image…: which photo.
    BackdropPath {
        text: String,
    },
    /// The backdrop photo's placement, opacity and lock.
    Backdrop,
    /// Someone else changed the open file on disk.
    ChangedOnDisk {
        path: PathBuf,
    },
    /// Saving would overwrite changes someone else saved since the file was opened.
    ConfirmOverwrite {
        path: PathBuf,
    },
    /// File ▸ Import… and File ▸ Compare with artefacts….
    Artefacts(Box<crate::ui::app::artefacts::ArtefactsDialog>),
}

/// What a dialog asked for, applied after it is drawn.
pub(crate) enum Outcome {
    Keep,
    Close,
    Then(Box<dyn FnOnce(&mut DepdigApp)>),
}

fn path_row(ui: &mut egui::Ui, text: &mut String, save: bool) -> bool {
    let mut browse_done = false;
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(text)
                .desired_width(420.0)
                .hint_text(if save {
                    "/path/to/workspace.ron"
                } else {
                    "/path/to/workspace.ron or map.png"
                }),
        )
        .labelled_by(ui.label("Path").id);
        if ui
            .button("Browse…")
            .on_hover_text("Pick a file with the system dialog (if available)")
            .clicked()
        {
            // Opening also takes an editable PNG export (it carries its workspace).
            let dialog = if save {
                rfd::FileDialog::new().add_filter("depdig workspace", &["ron"])
            } else {
                rfd::FileDialog::new()
                    .add_filter("depdig workspace or editable PNG", &["ron", "png"])
            };
            let picked = if save {
                dialog.set_file_name("workspace.ron").save_file()
            } else {
                dialog.pick_file()
            };
            if let Some(p) = picked {
                *text = p.display().to_string();
                browse_done = true;
            } else {
                // rfd returns None both on cancel and when no file-dialog portal exists.
            }
        }
    });
    ui.label(
        RichText::new("Type a path or use Browse… (the system dialog may be unavailable).")
            .small()
            .weak(),
    );
    browse_done
}

pub fn dialogs_ui(ctx: &egui::Context, app: &mut DepdigApp) {
    let Some(mut dialog) = app.dialog.take() else {
        return;
    };
    let enter = ctx.input(|i| i.key_pressed(Key::Enter));
    let outcome = {
        let mut out = Outcome::Keep;
        // The dependency-type popup opens beside its target; add-and-connect beside the drop.
        let beside = match &dialog {
            Dialog::ConnectType { to, .. } => {
                crate::ui::app::placement::system_screen_rect(app, to)
            }
            Dialog::Name {
                target: NameTarget::NewNeededBy { at, .. },
                ..
            } => Some(crate::ui::app::placement::point_screen_rect(app, *at)),
            _ => None,
        };
        let modal = match beside {
            Some(r) => Modal::new(Id::new("depdig_popup")).area(
                crate::ui::app::placement::area_beside(ctx, Id::new("depdig_popup"), r),
            ),
            None => Modal::new(Id::new("depdig_dialog")),
        };
        modal.show(ctx, |ui| {
            // Never wider than the window (the interface may be scaled up).
            ui.set_max_width(640.0_f32.min(ctx.content_rect().width() - 32.0));
            out = dialog_body(ui, app, &mut dialog, enter);
        });
        out
    };
    match outcome {
        Outcome::Keep => app.dialog = Some(dialog),
        Outcome::Close => {}
        Outcome::Then(f) => f(app),
    }
}

/// `path` with its extension replaced by `ext`.
fn swap_extension(path: &str, ext: &str) -> String {
    PathBuf::from(path.trim())
        .with_extension(ext)
        .display()
        .to_string()
}

fn after_discard(app: &mut DepdigApp, then: AfterDiscard) {
    match then {
        AfterDiscard::New => {
            app.replace_document(Document::new(
                crate::model::Workspace::new("Untitled"),
                None,
            ));
        }
        AfterDiscard::Open(path) => app.open_now(&path),
        AfterDiscard::Close => {
            app.clear_recovery();
            app.allow_close = true;
            app.close_window = true;
        }
    }
}
