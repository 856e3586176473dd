//! What each modal dialog shows and what its buttons ask for.

use std::path::PathBuf;

use egui::RichText;

use super::{Dialog, Outcome, after_discard, path_row, swap_extension};
use crate::io;
use crate::ui::app::DepdigApp;
use crate::ui::commands::UiCommand;

pub(super) fn dialog_body(
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
        Dialog::Artefacts(d) => return crate::ui::app::artefacts::dialog_ui(ui, app, d),
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
        Dialog::ComparePath { text } => return super::compare::path_body(ui, app, text, enter),
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
                    ui.label(format!("  • {}", app.doc.ws().system_name(s)));
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
            ui.label("The integration debt register, failure modes (by RPN), council decisions or the ranked findings as tables for a wiki, slides or a spreadsheet — the same as `depdig report`.");
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
                ui.radio_value(section, ReportSection::Findings, "Findings");
            });
            let write = ui.button("Export report").clicked();
            if ui.button("Cancel").clicked() {
                return Outcome::Close;
            }
            if write {
                let (path, format, section) = (PathBuf::from(path.trim()), *format, *section);
                return Outcome::Then(Box::new(move |app| {
                    let written = crate::io::report::report(app.doc.ws(), format, section)
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
        Dialog::About => return crate::ui::app::backdrop_ui::about_ui(ui),
        Dialog::BackdropPath { text } => {
            return crate::ui::app::backdrop_ui::place_ui(ui, text, enter);
        }
        Dialog::Backdrop => return crate::ui::app::backdrop_ui::controls_ui(ui, app),
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
