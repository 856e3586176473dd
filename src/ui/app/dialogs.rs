//! Modal dialogs: errors, unsaved-changes confirmation, open/save paths, rename, dependency type,
//! delete preview, crash recovery and the keyboard help.

use std::path::PathBuf;

use egui::{Id, Key, Modal, RichText};

use crate::document::Document;
use crate::io;
use crate::model::DependencyType;
use crate::ui::app::DepdigApp;
use crate::ui::commands::UiCommand;

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
    /// Someone else changed the open file on disk.
    ChangedOnDisk {
        path: PathBuf,
    },
    /// Saving would overwrite changes someone else saved since the file was opened.
    ConfirmOverwrite {
        path: PathBuf,
    },
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
                .hint_text("/path/to/workspace.ron"),
        )
        .labelled_by(ui.label("Path").id);
        if ui
            .button("Browse…")
            .on_hover_text("Pick a file with the system dialog (if available)")
            .clicked()
        {
            let dialog = rfd::FileDialog::new().add_filter("depdig workspace", &["ron"]);
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

fn dialog_body(
    ui: &mut egui::Ui,
    app: &mut DepdigApp,
    dialog: &mut Dialog,
    enter: bool,
) -> Outcome {
    match dialog {
        Dialog::Error { title, message } => {
            ui.heading(title.as_str());
            ui.add_space(6.0);
            ui.label(
                RichText::new(message.as_str())
                    .monospace()
                    .color(ui.visuals().error_fg_color),
            );
            ui.add_space(6.0);
            ui.label("The open document was not changed.");
            if ui.button("OK").clicked() || enter {
                return Outcome::Close;
            }
        }
        Dialog::ConfirmDiscard { then } => {
            ui.heading("Discard unsaved changes?");
            ui.label(format!(
                "{} has changes that are not saved.",
                app.doc.display_name()
            ));
            let then = then.clone();
            return ui
                .horizontal(|ui| {
                    if ui.button("Save first").clicked() {
                        let then = then.clone();
                        return Outcome::Then(Box::new(move |app| {
                            app.run_command(UiCommand::Save);
                            if !app.doc.is_dirty() {
                                after_discard(app, then);
                            }
                        }));
                    }
                    if ui.button("Discard changes").clicked() {
                        let then = then.clone();
                        return Outcome::Then(Box::new(move |app| after_discard(app, then)));
                    }
                    if ui.button("Cancel").clicked() {
                        return Outcome::Close;
                    }
                    Outcome::Keep
                })
                .inner;
        }
        Dialog::OpenPath { text } => {
            ui.heading("Open workspace");
            let browsed = path_row(ui, text, false);
            for p in app.recent.iter().take(6) {
                if ui.link(p.display().to_string()).clicked() {
                    *text = p.display().to_string();
                }
            }
            let open = ui.button("Open").clicked() || browsed || (enter && !text.trim().is_empty());
            if ui.button("Cancel").clicked() {
                return Outcome::Close;
            }
            if open {
                let path = PathBuf::from(text.trim());
                return Outcome::Then(Box::new(move |app| app.request_open(path)));
            }
        }
        Dialog::SavePath { text } => {
            ui.heading("Save workspace as");
            let browsed = path_row(ui, text, true);
            let save = ui.button("Save").clicked() || browsed || (enter && !text.trim().is_empty());
            if ui.button("Cancel").clicked() {
                return Outcome::Close;
            }
            if save {
                let mut path = PathBuf::from(text.trim());
                if path.extension().is_none() {
                    path.set_extension("ron");
                }
                return Outcome::Then(Box::new(move |app| app.save_to(&path)));
            }
        }
        Dialog::Name {
            target,
            text,
            focus,
            kind,
        } => return crate::ui::app::capture::name_ui(ui, app, target, text, focus, kind, enter),
        Dialog::ConnectType { from, to, kind } => {
            return crate::ui::app::capture::connect_type_ui(ui, app, from, to, kind);
        }
        Dialog::ConfirmDelete {
            systems,
            dependencies,
        } => {
            ui.heading("Delete?");
            if !systems.is_empty() {
                ui.label(format!(
                    "{}:",
                    crate::text::plural(systems.len(), "system", "systems")
                ));
                for s in systems.iter().take(12) {
                    ui.label(format!("  • {}", app.doc.ws.system_name(s)));
                }
            }
            if !dependencies.is_empty() {
                let with = match systems.len() {
                    0 => "",
                    1 => " go with it",
                    _ => " go with them",
                };
                ui.label(format!(
                    "{}{with}:",
                    crate::text::plural(dependencies.len(), "dependency", "dependencies")
                ));
                for d in dependencies.iter().take(12) {
                    ui.label(format!("  • {d}"));
                }
            }
            ui.label(RichText::new("Debt items, failure modes and decisions that link to them lose the link. Undo (Ctrl+Z) brings everything back.").small());
            let del = ui.button("Delete").clicked() || enter;
            if ui.button("Cancel").clicked() {
                return Outcome::Close;
            }
            if del {
                return Outcome::Then(Box::new(super::DepdigApp::delete_selection));
            }
        }
        Dialog::ChangedOnDisk { path } => {
            ui.heading("The file changed on disk");
            ui.label(format!(
                "{} was changed by someone else (or another program) since you opened it.",
                path.display()
            ));
            if app.doc.is_dirty() {
                ui.label(
                    RichText::new("Reloading discards your unsaved changes here.")
                        .color(ui.visuals().warn_fg_color),
                );
            }
            let path = path.clone();
            return ui
                .horizontal(|ui| {
                    if ui.button("Reload from disk").clicked() {
                        let path = path.clone();
                        return Outcome::Then(Box::new(move |app| app.reload_from_disk(&path)));
                    }
                    if ui
                        .button("Keep my version")
                        .on_hover_text("Saving later will ask before overwriting their changes")
                        .clicked()
                    {
                        return Outcome::Then(Box::new(|app| {
                            app.status = "Kept your version; the file on disk is newer".into();
                        }));
                    }
                    Outcome::Keep
                })
                .inner;
        }
        Dialog::ConfirmOverwrite { path } => {
            ui.heading("Overwrite someone else's changes?");
            ui.label(format!(
                "{} changed on disk since you opened it. Saving replaces those changes with yours \
                 (the replaced file is kept as .bak).",
                path.display()
            ));
            let path = path.clone();
            return ui
                .horizontal(|ui| {
                    if ui.button("Overwrite").clicked() {
                        let path = path.clone();
                        return Outcome::Then(Box::new(move |app| app.save_to_now(&path)));
                    }
                    if ui.button("Save as…").clicked() {
                        return Outcome::Then(Box::new(|app| app.run_command(UiCommand::SaveAs)));
                    }
                    if ui.button("Reload theirs").clicked() {
                        let path = path.clone();
                        return Outcome::Then(Box::new(move |app| app.reload_from_disk(&path)));
                    }
                    if ui.button("Cancel").clicked() {
                        return Outcome::Close;
                    }
                    Outcome::Keep
                })
                .inner;
        }
        Dialog::Restore { pending } => {
            return crate::ui::app::recovery_dialog::restore_ui(ui, app, pending);
        }
        Dialog::SaveRefused { message } => {
            ui.heading("The file was not saved");
            ui.label(
                RichText::new(message.as_str())
                    .monospace()
                    .color(ui.visuals().error_fg_color),
            );
            ui.label("Your work is still open and unsaved.");
            return ui
                .horizontal(|ui| {
                    if ui.button("Save as…").clicked() || enter {
                        return Outcome::Then(Box::new(|app| app.run_command(UiCommand::SaveAs)));
                    }
                    if ui.button("Cancel").clicked() {
                        return Outcome::Close;
                    }
                    Outcome::Keep
                })
                .inner;
        }
        Dialog::Export(settings) => {
            return match crate::ui::app::export_dialog::export_ui(ui, app, settings) {
                Some(true) => {
                    let settings = settings.clone();
                    Outcome::Then(Box::new(move |app| {
                        match crate::ui::app::export_dialog::run_export(app, &settings) {
                            Ok(status) => app.status = status,
                            Err(message) => {
                                app.dialog = Some(Dialog::Error {
                                    title: "The map could not be exported".into(),
                                    message,
                                });
                            }
                        }
                    }))
                }
                Some(false) => Outcome::Close,
                None => Outcome::Keep,
            };
        }
        Dialog::ExportReport {
            path,
            format,
            section,
        } => {
            use crate::io::report::{ReportFormat, ReportSection};
            ui.heading("Export report");
            ui.label("The integration debt register, failure modes (by RPN) and council decisions as tables for a wiki, slides or a spreadsheet — the same as `depdig report`.");
            ui.horizontal(|ui| {
                ui.label("File");
                let r = ui.add(egui::TextEdit::singleline(path).desired_width(380.0));
                r.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Report file")
                });
                if ui.button("Browse…").clicked()
                    && let Some(p) = rfd::FileDialog::new()
                        .add_filter("Markdown", &["md"])
                        .add_filter("CSV", &["csv"])
                        .save_file()
                {
                    *path = p.display().to_string();
                }
            });
            ui.horizontal(|ui| {
                ui.label("Format");
                if ui
                    .radio_value(format, ReportFormat::Markdown, "Markdown tables")
                    .changed()
                {
                    *path = swap_extension(path, "md");
                }
                if ui.radio_value(format, ReportFormat::Csv, "CSV").changed() {
                    *path = swap_extension(path, "csv");
                }
            });
            ui.horizontal(|ui| {
                ui.label("Section");
                ui.radio_value(section, ReportSection::All, "All");
                ui.radio_value(section, ReportSection::Debt, "Integration debt");
                ui.radio_value(section, ReportSection::Failures, "Failure modes");
                ui.radio_value(section, ReportSection::Decisions, "Council decisions");
            });
            let write = ui.button("Export report").clicked();
            if ui.button("Cancel").clicked() {
                return Outcome::Close;
            }
            if write {
                let (path, format, section) = (PathBuf::from(path.trim()), *format, *section);
                return Outcome::Then(Box::new(move |app| {
                    let written = crate::io::report::report(&app.doc.ws, format, section)
                        .and_then(|text| io::write_atomic(&path, text.as_bytes()));
                    match written {
                        Ok(()) => app.status = format!("Report written to {}", path.display()),
                        Err(e) => {
                            app.dialog = Some(Dialog::Error {
                                title: "The report could not be written".into(),
                                message: format!("{}: {e}; nothing was written", path.display()),
                            });
                        }
                    }
                }));
            }
        }
        Dialog::KeyboardHelp => {
            ui.heading("Keyboard shortcuts");
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for cmd in UiCommand::ALL {
                    let keys: Vec<String> = cmd
                        .shortcut()
                        .into_iter()
                        .chain(cmd.alternatives().iter().copied())
                        .map(|s| crate::ui::commands::shortcut_text(ui.ctx(), &s))
                        .collect();
                    ui.label(keys.join(" / "));
                    ui.label(cmd.menu_text());
                    ui.label(RichText::new(cmd.tooltip()).weak());
                    ui.end_row();
                }
            });
            ui.label("Single-key shortcuts act only while the map has the keyboard (the blue ring around it): click the map, or press Esc, to give it back. Drag the canvas to pan, Shift+drag to select a box, scroll to zoom.");
            ui.label("Adding a system (N): Alt+1…9, 0 picks the kind (it is guessed from the name until you do). Choosing a dependency type (C, or drop a connect handle): 1–8 pick a type, ↑ ↓ and Enter, Esc cancels. Dropping a connect handle on empty canvas adds a connected system.");
            if ui.button("Close").clicked() || enter {
                return Outcome::Close;
            }
        }
    }
    Outcome::Keep
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
