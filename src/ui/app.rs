//! The app shell: a workspace and what it lists. The canvas replaces the lists' central role in
//! a later step; the document and its history already live here.

use std::path::PathBuf;

use egui::{Color32, RichText};

use crate::io::{self, samples};
use crate::model::{Criticality, Workspace};
use crate::ops::History;

/// What the window is showing: a workspace, or why it could not be opened.
enum Document {
    Open {
        ws: Box<Workspace>,
        history: History,
    },
    Failed {
        message: String,
    },
}

pub struct DepdigApp {
    doc: Document,
    /// The file the workspace came from; `None` for the built-in sample.
    path: Option<PathBuf>,
}

impl DepdigApp {
    /// Loads `file`, or the built-in sample. A file that cannot be loaded is reported in the
    /// window (and on stderr), never a crash.
    pub fn open(file: Option<PathBuf>) -> Self {
        let loaded = match &file {
            Some(path) => io::load_file(path).map(|(ws, _)| ws),
            None => samples::builtin(),
        };
        let doc = match loaded {
            Ok(ws) => Document::Open {
                ws: Box::new(ws),
                history: History::new(),
            },
            Err(e) => {
                eprintln!("{e}");
                Document::Failed {
                    message: e.to_string(),
                }
            }
        };
        DepdigApp { doc, path: file }
    }

    pub fn workspace(&self) -> Option<&Workspace> {
        match &self.doc {
            Document::Open { ws, .. } => Some(ws),
            Document::Failed { .. } => None,
        }
    }

    /// "file.ron — depdig", with a `•` when there are unsaved changes.
    pub fn window_title(&self) -> String {
        let name = self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || samples::BUILTIN_NAME.to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let dirty = matches!(&self.doc, Document::Open { history, .. } if history.is_dirty());
        format!("{}{name} — depdig", if dirty { "• " } else { "" })
    }

    /// Draws the whole window into `ui`.
    pub fn ui_contents(&mut self, ui: &mut egui::Ui) {
        match &self.doc {
            Document::Failed { message } => failed_ui(ui, message),
            Document::Open { ws, .. } => workspace_ui(ui, ws),
        }
    }
}

impl eframe::App for DepdigApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_contents(ui);
    }
}

fn failed_ui(ui: &mut egui::Ui, message: &str) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.heading("This workspace could not be opened");
        ui.add_space(8.0);
        ui.label(RichText::new(message).monospace().color(ui.visuals().error_fg_color));
        ui.add_space(8.0);
        ui.label("The file was not changed. Fix the line named above, or restore FILE.ron.bak, then open it again.");
    });
}

fn criticality_color(c: Criticality) -> Color32 {
    match c {
        Criticality::Low => Color32::from_rgb(0x00, 0x9E, 0x73),
        Criticality::Medium => Color32::from_rgb(0x56, 0xB4, 0xE9),
        Criticality::High => Color32::from_rgb(0xE6, 0x9F, 0x00),
        Criticality::Critical => Color32::from_rgb(0xD5, 0x5E, 0x00),
    }
}

fn workspace_ui(ui: &mut egui::Ui, ws: &Workspace) {
    egui::Panel::top("header").show(ui, |ui| {
        ui.add_space(4.0);
        ui.heading(&ws.title);
        if !ws.description.is_empty() {
            ui.label(&ws.description);
        }
        let c = ws.counts();
        ui.label(format!(
            "{} systems · {} dependencies · {} debt items · {} failure modes",
            c.systems, c.dependencies, c.debt, c.failure_modes
        ));
        ui.add_space(4.0);
    });
    egui::Panel::left("systems")
        .default_size(460.0)
        .show(ui, |ui| {
            ui.heading("Systems");
            egui::ScrollArea::vertical()
                .id_salt("systems_scroll")
                .show(ui, |ui| {
                    egui::Grid::new("systems_grid")
                        .striped(true)
                        .num_columns(4)
                        .show(ui, |ui| {
                            for h in ["System", "Kind", "Owner", "Criticality"] {
                                ui.strong(h);
                            }
                            ui.end_row();
                            for s in ws.systems.values() {
                                ui.label(&s.name).on_hover_text(&s.description);
                                ui.label(s.kind.label());
                                ui.label(&s.owner);
                                ui.label(
                                    RichText::new(s.criticality.label())
                                        .color(criticality_color(s.criticality)),
                                );
                                ui.end_row();
                            }
                        });
                });
        });
    egui::CentralPanel::default().show(ui, |ui| {
        ui.heading("Dependencies (A → B: A needs B)");
        egui::ScrollArea::vertical()
            .id_salt("deps_scroll")
            .show(ui, |ui| {
                egui::Grid::new("deps_grid")
                    .striped(true)
                    .num_columns(4)
                    .show(ui, |ui| {
                        for h in ["Dependency", "Type", "Protocol", "Notes"] {
                            ui.strong(h);
                        }
                        ui.end_row();
                        for d in ws.dependencies.values() {
                            ui.label(format!(
                                "{} → {}",
                                ws.system_name(&d.from),
                                ws.system_name(&d.to)
                            ));
                            ui.label(d.kind.label());
                            ui.label(&d.protocol);
                            ui.label(&d.notes);
                            ui.end_row();
                        }
                    });
            });
    });
}
