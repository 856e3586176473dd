//! What each command does: the one place a `UiCommand` (shortcut, menu, toolbar, context
//! menu) turns into edits, view changes and dialogs.

use std::collections::BTreeMap;

use egui::Vec2;

use crate::document::Document;
use crate::model::Workspace;
use crate::ops::Op;

use crate::ui::app::DepdigApp;
use crate::ui::app::dialogs::{AfterDiscard, Dialog};
use crate::ui::commands::UiCommand;
use crate::ui::dock::Pane;

/// How far the arrow keys nudge, in canvas units.
const NUDGE: f32 = 10.0;

impl DepdigApp {
    pub(crate) fn run_command(&mut self, cmd: UiCommand) {
        if let Some(why) = self.refusal(cmd) {
            // Refused before anything starts: no name dialog, no half-done gesture.
            self.status = why.to_owned();
            return;
        }
        match cmd {
            UiCommand::New => {
                let doc = Document::new(Workspace::new("Untitled"), None);
                if self.doc.is_dirty() {
                    self.dialog = Some(Dialog::ConfirmDiscard {
                        then: AfterDiscard::New,
                    });
                } else {
                    self.replace_document(doc);
                }
            }
            UiCommand::Open => {
                let text = self
                    .doc
                    .path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                self.dialog = Some(Dialog::OpenPath { text });
            }
            UiCommand::Import => {
                self.dialog = Some(Dialog::Artefacts(Box::new(
                    crate::ui::app::artefacts::ArtefactsDialog::new(
                        crate::ui::app::artefacts::Purpose::Import,
                    ),
                )));
            }
            UiCommand::Compare => {
                self.dialog = Some(Dialog::Artefacts(Box::new(
                    crate::ui::app::artefacts::ArtefactsDialog::new(
                        crate::ui::app::artefacts::Purpose::Compare,
                    ),
                )));
            }
            UiCommand::CompareWith => {
                self.dialog = Some(Dialog::ComparePath {
                    text: String::new(),
                });
            }
            UiCommand::RecoverUnsaved => self.offer_recoveries(),
            UiCommand::Quit if self.doc.is_dirty() => {
                self.dialog = Some(Dialog::ConfirmDiscard {
                    then: AfterDiscard::Close,
                });
            }
            UiCommand::Quit => {
                self.allow_close = true;
                self.close_window = true;
            }
            UiCommand::Save if self.read_only => {
                self.status = "Read-only: nothing to save here (Save as… writes a copy)".into();
            }
            UiCommand::Save => match self.doc.path.clone() {
                Some(p) => self.save_to(&p),
                None => self.run_command(UiCommand::SaveAs),
            },
            UiCommand::SaveAs => {
                // A new workspace is proposed under its title ("Retail estate" → retail-estate.ron).
                // One read from a PNG is proposed as a new `.ron` beside the picture.
                let beside = self.doc.suggested_ron_beside_image();
                let text = self.doc.path.clone().or(beside).map_or_else(
                    || {
                        let stem = crate::model::slugify(&self.doc.ws().title);
                        let stem = if stem.is_empty() || stem == "untitled" {
                            "workspace".to_owned()
                        } else {
                            stem
                        };
                        std::env::current_dir()
                            .unwrap_or_default()
                            .join(format!("{stem}.ron"))
                            .display()
                            .to_string()
                    },
                    |p| p.display().to_string(),
                );
                self.dialog = Some(Dialog::SavePath { text });
            }
            UiCommand::RecordDebt => {
                let mut out = Vec::new();
                crate::ui::debt_panel::record_debt(&mut self.panels.debt, self.doc.ws(), &self.view, &mut out);
                self.apply(out);
            }
            UiCommand::ToggleDebtRegister => self.dock.toggle(Pane::Debt),
            UiCommand::AddFailureMode => {
                let mut out = Vec::new();
                crate::ui::failure_panel::record_failure_mode(&mut self.panels.failures, self.doc.ws(), &self.view, &mut out);
                self.apply(out);
            }
            UiCommand::ToggleFailureModes => self.dock.toggle(Pane::Failures),
            UiCommand::ToggleFindings => self.dock.toggle(Pane::Findings),
            UiCommand::ToggleFacilitation => self.dock.toggle(Pane::Facilitation),
            UiCommand::SimulateDown | UiCommand::SimulateSlow => {
                let mode = if cmd == UiCommand::SimulateDown { crate::analysis::FailMode::Down } else { crate::analysis::FailMode::Slow };
                let first = self.view.selected_systems().next().cloned();
                match first {
                    Some(id) => {
                        let mut out = Vec::new();
                        crate::ui::findings_panel::simulate(
                            &mut self.panels.findings,
                            self.doc.ws(),
                            &id,
                            mode,
                            &mut out,
                        );
                        self.dock.open(Pane::Cascade);
                        self.apply(out);
                    }
                    None => self.status = "Select the system that fails first".into(),
                }
            }
            UiCommand::ExportReport => {
                let stem = self.doc.stem();
                let dir = self.doc.folder();
                self.dialog = Some(Dialog::ExportReport {
                    path: dir.join(format!("{stem}-report.md")).display().to_string(),
                    format: crate::io::report::ReportFormat::Markdown,
                    section: crate::io::report::ReportSection::All,
                });
            }
            UiCommand::ExportMap => {
                self.dialog = Some(Dialog::Export(crate::ui::app::export_dialog::ExportSettings::new(self)));
            }
            // Undo during a layout run stops it and goes back to the map before the run.
            UiCommand::Undo if self.layout_running => {
                self.cancel_layout();
            }
            UiCommand::Redo if self.layout_running => {
                self.cancel_layout();
                self.run_command(UiCommand::Redo);
            }
            UiCommand::Undo => match self.doc.undo() {
                Ok(Some(label)) => {
                    self.refit_after_undone_layout(&label);
                    self.status = format!("Undid: {label}");
                }
                Ok(None) => self.status = "Nothing to undo".into(),
                Err(e) => self.status = format!("Undo failed: {e}"),
            },
            UiCommand::Redo => match self.doc.redo() {
                Ok(Some(label)) => {
                    self.refit_after_undone_layout(&label);
                    self.status = format!("Redid: {label}");
                }
                Ok(None) => self.status = "Nothing to redo".into(),
                Err(e) => self.status = format!("Redo failed: {e}"),
            },
            UiCommand::AddSystem => {
                // At the pointer when it is over the canvas (N), else in the middle of the view.
                let view = self.canvas.view_rect;
                let at = self
                    .canvas
                    .pointer_canvas
                    .unwrap_or_else(|| self.canvas.camera.canvas_from_screen(view, view.center()));
                self.add_system_at(at);
            }
            UiCommand::ConnectSelected => {
                match self.view.picked_pair() {
                    Some((from, to)) => {
                        self.dialog = Some(Dialog::ConnectType { from, to, kind: self.last_connect_type });
                    }
                    _ => self.status = "Select exactly two systems to connect (the first needs the second), or drag from a system's handle".into(),
                }
            }
            UiCommand::Rename => {
                let first = self.view.selected_systems().next().cloned();
                if let Some(id) = first {
                    self.start_rename(&id);
                }
            }
            UiCommand::Delete => {
                let (systems, deps) = self.delete_preview();
                if !systems.is_empty() || !deps.is_empty() {
                    self.dialog = Some(Dialog::ConfirmDelete {
                        systems,
                        dependencies: deps,
                    });
                }
            }
            UiCommand::TogglePin => {
                let ids: Vec<String> = self.view.selected_systems().cloned().collect();
                let all_pinned = ids
                    .iter()
                    .all(|id| self.doc.ws().systems.get(id).is_some_and(|s| s.pinned));
                let pins: BTreeMap<String, bool> =
                    ids.into_iter().map(|id| (id, !all_pinned)).collect();
                if !pins.is_empty() {
                    self.edit(
                        Op::PinSystems(pins),
                        if all_pinned { "Unpin" } else { "Pin" },
                    );
                }
            }
            UiCommand::SelectAll => {
                self.view.selection = self.doc.ws().systems.keys().cloned().collect();
                self.view_changed();
            }
            UiCommand::CopyMapImage => self.copy_map_image(),
            UiCommand::PlaceBackdrop => {
                self.dialog = Some(Dialog::BackdropPath {
                    text: String::new(),
                });
            }
            UiCommand::BackdropSettings => {
                // Changes in the dialog merge into one step, never into an earlier visit's.
                self.doc.history.close_merge();
                self.dialog = Some(Dialog::Backdrop);
            }
            UiCommand::About => self.dialog = Some(Dialog::About),
            UiCommand::Copy => {
                self.clipboard = self.copy_selection();
                self.status = format!(
                    "Copied {}",
                    crate::text::plural(self.clipboard.systems.len(), "system", "systems")
                );
            }
            UiCommand::Paste => {
                let clip = self.clipboard.clone();
                self.paste(&clip, "Paste");
            }
            UiCommand::Duplicate => {
                let clip = self.copy_selection();
                self.paste(&clip, "Duplicate");
            }
            UiCommand::ToggleLayout => {
                if self.layout_running {
                    self.pause_layout();
                } else {
                    self.start_layout();
                }
            }
            UiCommand::LayOutAfresh => self.lay_out_afresh(),
            UiCommand::ZoomToFit => self.canvas.fit_requested = true,
            UiCommand::ZoomToSelection => self.zoom_to_selection(),
            UiCommand::Find => {
                self.panels.find.open = true;
                self.panels.find.focus_field = true;
            }
            UiCommand::KeyboardHelp => self.dialog = Some(Dialog::KeyboardHelp),
            // While a rehearsal runs, left/right step through it instead of nudging.
            UiCommand::ToggleViews => self.dock.toggle(Pane::Views),
            UiCommand::FocusSelection => self.apply_from(|app, out| crate::ui::views_panel::focus_selection(&app.panels.views_panel, app.doc.ws(), &app.view, out)),
            UiCommand::ClearFilters => self.apply_from(|_, out| crate::ui::views_panel::clear_filters(out)),
            UiCommand::NextView => self.apply_from(|app, out| crate::ui::roadmap_panel::step_roadmap_or_view(app.doc.ws(), &app.view, true, out)),
            UiCommand::PrevView => self.apply_from(|app, out| crate::ui::roadmap_panel::step_roadmap_or_view(app.doc.ws(), &app.view, false, out)),
            UiCommand::ToggleGroup => {
                let group = self.view.selected_systems().next().and_then(|id| {
                    crate::ui::canvas::group_of_node(id)
                        .map(str::to_owned)
                        .or_else(|| self.doc.ws().systems.get(id).map(|s| s.group.trim().to_owned()))
                });
                match group {
                    Some(g) if !g.is_empty() => self.apply_from(|app, out| crate::ui::views_panel::toggle_group(&app.view, &g, out)),
                    _ => self.status = "Select a system that belongs to a group".into(),
                }
            }
            UiCommand::Present => self.set_presenting(!self.presenting),
            UiCommand::ScaleUp => self.ui_scale = crate::ui::app::clamp_scale(self.ui_scale + 0.1),
            UiCommand::ScaleDown => self.ui_scale = crate::ui::app::clamp_scale(self.ui_scale - 0.1),
            UiCommand::ScaleReset => self.ui_scale = 1.0,
            UiCommand::ToggleReadOnly => self.set_read_only(!self.read_only),
            UiCommand::Escape if self.presenting => self.set_presenting(false),
            UiCommand::NudgeLeft | UiCommand::NudgeUp if self.presenting => self.apply_from(|app, out| crate::ui::roadmap_panel::step_roadmap_or_view(app.doc.ws(), &app.view, false, out)),
            UiCommand::NudgeRight | UiCommand::NudgeDown if self.presenting => self.apply_from(|app, out| crate::ui::roadmap_panel::step_roadmap_or_view(app.doc.ws(), &app.view, true, out)),
            UiCommand::NudgeLeft if self.panels.failures.rehearsal.is_some() => crate::ui::failure_panel::step_rehearsal(&mut self.panels.failures, self.doc.ws(), false),
            UiCommand::NudgeRight if self.panels.failures.rehearsal.is_some() => crate::ui::failure_panel::step_rehearsal(&mut self.panels.failures, self.doc.ws(), true),
            UiCommand::NudgeLeft => self.nudge(Vec2::new(-NUDGE, 0.0)),
            UiCommand::NudgeRight => self.nudge(Vec2::new(NUDGE, 0.0)),
            UiCommand::NudgeUp => self.nudge(Vec2::new(0.0, -NUDGE)),
            UiCommand::NudgeDown => self.nudge(Vec2::new(0.0, NUDGE)),
            // Esc takes back one thing at a time: the find bar, then whatever dims the map
            // (and the cascade player with it), then the selection.
            UiCommand::Escape => {
                if self.panels.find.open {
                    self.close_find();
                } else if self.view.has_highlight() || self.panels.findings.cascade.is_some() {
                    self.show_everything();
                } else {
                    self.view.selection.clear();
                }
                self.view_changed();
            }
        }
    }
}
