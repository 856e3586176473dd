//! What commands and canvas gestures do to the document and the view. Every document change is
//! an `ops` command applied through the document's history.

use std::collections::{BTreeMap, BTreeSet};

use egui::{Pos2, Vec2};

use crate::document::Document;
use crate::model::{
    CanvasPos, Dependency, DependencyType, System, SystemKind, Workspace, parse_dependency_id,
    slugify,
};
use crate::ops::{ItemRef, Op};
use crate::ui::app::DepdigApp;
use crate::ui::app::capture::KindChoice;
use crate::ui::app::dialogs::{AfterDiscard, Dialog, NameTarget};
use crate::ui::commands::UiCommand;
use crate::ui::dock::Pane;

/// How far the arrow keys nudge, in canvas units.
const NUDGE: f32 = 10.0;

/// A system id not used yet, from a name: "Order service" → "order-service", "order-service-2" …
pub fn fresh_id(ws: &Workspace, name: &str) -> String {
    crate::model::unique_id(slugify(name), |id| ws.systems.contains_key(id))
}

/// `p`, or the nearest point on a spiral around it that no system occupies, so adding several
/// systems in a row does not stack them.
fn free_spot(ws: &Workspace, p: Pos2) -> Pos2 {
    let taken = |q: Pos2| {
        ws.systems
            .values()
            .filter_map(|s| s.pos)
            .any(|s| (s.x - q.x).abs() < 110.0 && (s.y - q.y).abs() < 60.0)
    };
    let golden = std::f32::consts::PI * (3.0 - 5f32.sqrt());
    (0..500)
        .map(|i| {
            let r = 70.0 * (i as f32).sqrt();
            let a = i as f32 * golden;
            p + Vec2::new(r * a.cos() * 1.6, r * a.sin())
        })
        .find(|q| !taken(*q))
        .unwrap_or(p)
}

impl DepdigApp {
    /// Applies an edit and reports a refusal in the status bar (never panics on bad input).
    pub(crate) fn edit(&mut self, op: Op, label: &str) -> bool {
        match self.doc.apply(op, label) {
            Ok(()) => {
                self.status = label.to_owned();
                true
            }
            Err(e) => {
                self.status = format!("{label}: not done — {e}");
                false
            }
        }
    }

    /// Why `cmd` cannot run now (read-only), or `None`. Menus and the toolbar disable it and
    /// show this as its tooltip.
    pub(crate) fn refusal(&self, cmd: UiCommand) -> Option<&'static str> {
        self.gate().refusal(cmd)
    }

    /// Asks for the name of a system to add at `p` (canvas units).
    pub(crate) fn add_system_at(&mut self, p: Pos2) {
        self.dialog = Some(Dialog::Name {
            target: NameTarget::New(p),
            text: String::new(),
            focus: true,
            kind: KindChoice::default(),
        });
    }

    /// Asks for the name of a new system at `at` (canvas units) that `from` needs: the connect
    /// handle was dropped on empty canvas. Nothing is added unless it is named.
    pub(crate) fn add_system_needed_by_at(&mut self, from: String, at: Pos2) {
        if self.read_only {
            self.status = "Read-only: nothing is added (View › Read-only allows editing)".into();
            return;
        }
        if crate::ui::canvas::group_of_node(&from).is_some() {
            self.status =
                "A collapsed group needs nothing itself: expand it and drag from one of its systems"
                    .into();
            return;
        }
        self.dialog = Some(Dialog::Name {
            target: NameTarget::NewNeededBy {
                at,
                from,
                dependency: self.last_connect_type,
            },
            text: String::new(),
            focus: true,
            kind: KindChoice::default(),
        });
    }

    /// A system named `name` of `kind` near `p`, with an id made from the name.
    fn new_system(&self, p: Pos2, name: &str, kind: SystemKind) -> System {
        let p = free_spot(&self.doc.ws, p);
        let mut s = System::new(fresh_id(&self.doc.ws, name), name).with_kind(kind);
        s.pos = Some(CanvasPos::new(p.x, p.y));
        s
    }

    /// Adds a system named `name` of `kind` near `p`, with an id made from the name.
    pub(crate) fn add_named_system(&mut self, p: Pos2, name: &str, kind: SystemKind) {
        let s = self.new_system(p, name, kind);
        let id = s.id.clone();
        if self.edit(Op::Add(s.into()), "Add system") {
            self.view.select_only(&id);
            self.view_changed();
        }
    }

    /// Adds a system near `p` and the dependency of `from` on it, as one undo step.
    pub(crate) fn add_system_needed_by(
        &mut self,
        p: Pos2,
        name: &str,
        kind: SystemKind,
        from: &str,
        dependency: DependencyType,
    ) {
        let s = self.new_system(p, name, kind);
        let id = s.id.clone();
        let dep = Dependency::new(from, id.clone(), dependency);
        let ops = vec![Op::Add(s.into()), Op::Add(dep.into())];
        self.last_connect_type = dependency;
        if self.edit(Op::Batch(ops), "Add system and dependency") {
            self.view.select_only(&id);
            self.view_changed();
        }
    }

    pub(crate) fn start_rename(&mut self, id: &str) {
        if let Some(s) = self.doc.ws.systems.get(id) {
            self.dialog = Some(Dialog::Name {
                target: NameTarget::Existing(id.to_owned()),
                text: s.name.clone(),
                focus: true,
                kind: KindChoice {
                    kind: s.kind,
                    chosen: true,
                    guessed: false,
                },
            });
        }
    }

    pub(crate) fn rename(&mut self, id: &str, name: &str) {
        let Some(mut s) = self.doc.ws.systems.get(id).cloned() else {
            return;
        };
        if name.trim().is_empty() || s.name == name {
            return;
        }
        s.name = name.trim().to_owned();
        self.edit(Op::Update(s.into()), "Rename system");
    }

    pub(crate) fn connect(&mut self, from: &str, to: &str, kind: DependencyType) {
        self.last_connect_type = kind;
        let dep = Dependency::new(from, to, kind);
        let id = dep.id();
        if self.doc.ws.dependencies.contains_key(&id) {
            self.status = format!(
                "{} already depends on {} ({})",
                self.doc.ws.system_name(from),
                self.doc.ws.system_name(to),
                kind.label()
            );
            return;
        }
        if self.edit(Op::Add(dep.into()), "Add dependency") {
            self.view.select_only(&id);
            self.view_changed();
        }
    }

    /// What deleting the selection takes with it, for the confirmation.
    pub(crate) fn delete_preview(&self) -> (Vec<String>, Vec<String>) {
        let systems: BTreeSet<&String> = self.view.selected_systems().collect();
        let mut deps: BTreeSet<String> = self.view.selected_dependencies().cloned().collect();
        for id in &systems {
            deps.extend(self.doc.ws.dependencies_touching(id));
        }
        (
            systems.into_iter().cloned().collect(),
            deps.into_iter().collect(),
        )
    }

    pub(crate) fn delete_selection(&mut self) {
        let (systems, deps) = self.delete_preview();
        let mut ops: Vec<Op> = deps
            .iter()
            .filter(|d| {
                // Dependencies of removed systems go with them.
                parse_dependency_id(d).is_some_and(|(f, t, _)| {
                    !systems.contains(&f.to_owned()) && !systems.contains(&t.to_owned())
                })
            })
            .map(|d| Op::Remove(ItemRef::dependency(d)))
            .collect();
        ops.extend(systems.iter().map(|s| Op::Remove(ItemRef::system(s))));
        if ops.is_empty() {
            return;
        }
        let label = match (systems.len(), deps.len()) {
            (0, 1) => "Delete dependency".to_owned(),
            (1, _) => "Delete system".to_owned(),
            (s, 0) => format!("Delete {}", crate::text::plural(s, "system", "systems")),
            (0, d) => format!(
                "Delete {}",
                crate::text::plural(d, "dependency", "dependencies")
            ),
            (s, d) => format!(
                "Delete {} and {}",
                crate::text::plural(s, "system", "systems"),
                crate::text::plural(d, "dependency", "dependencies")
            ),
        };
        if self.edit(Op::Batch(ops), &label) {
            self.view.selection.clear();
            self.view_changed();
        }
    }

    pub(crate) fn zoom_to_selection(&mut self) {
        let Some(scene) = &self.scene else { return };
        let mut ids: BTreeSet<String> = self.view.selected_systems().cloned().collect();
        for d in self.view.selected_dependencies() {
            if let Some((f, t, _)) = parse_dependency_id(d) {
                ids.insert(f.to_owned());
                ids.insert(t.to_owned());
            }
        }
        let bounds = ids
            .iter()
            .filter_map(|id| scene.system(id))
            .map(crate::ui::canvas::shapes::SystemShape::canvas_rect)
            .reduce(egui::Rect::union);
        if let Some(b) = bounds {
            let view = self.canvas.view_rect;
            self.canvas.camera.fit(b.expand(80.0), view);
        }
    }

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
                let text = self.doc.path.as_ref().map_or_else(
                    || {
                        let stem = crate::model::slugify(&self.doc.ws.title);
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
                crate::ui::debt_panel::record_debt(&mut self.panels.debt, &self.doc.ws, &self.view, &mut out);
                self.apply(out);
            }
            UiCommand::ToggleDebtRegister => self.dock.toggle(Pane::Debt),
            UiCommand::AddFailureMode => {
                let mut out = Vec::new();
                crate::ui::failure_panel::record_failure_mode(&mut self.panels.failures, &self.doc.ws, &self.view, &mut out);
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
                            &self.doc.ws,
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
                let stem = self.doc.display_name().trim_end_matches(".ron").to_owned();
                let dir = self.doc.path.as_ref().and_then(|p| p.parent().map(std::path::Path::to_path_buf)).unwrap_or_default();
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
                Ok(Some(label)) => self.status = format!("Undid: {label}"),
                Ok(None) => self.status = "Nothing to undo".into(),
                Err(e) => self.status = format!("Undo failed: {e}"),
            },
            UiCommand::Redo => match self.doc.redo() {
                Ok(Some(label)) => self.status = format!("Redid: {label}"),
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
                    .all(|id| self.doc.ws.systems.get(id).is_some_and(|s| s.pinned));
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
                self.view.selection = self.doc.ws.systems.keys().cloned().collect();
                self.view_changed();
            }
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
            UiCommand::ZoomToFit => self.canvas.fit_requested = true,
            UiCommand::ZoomToSelection => self.zoom_to_selection(),
            UiCommand::Find => {
                self.panels.find.open = true;
                self.panels.find.focus_field = true;
            }
            UiCommand::KeyboardHelp => self.dialog = Some(Dialog::KeyboardHelp),
            // While a rehearsal runs, left/right step through it instead of nudging.
            UiCommand::ToggleViews => self.dock.toggle(Pane::Views),
            UiCommand::FocusSelection => self.apply_from(|app, out| crate::ui::views_panel::focus_selection(&app.panels.views_panel, &app.doc.ws, &app.view, out)),
            UiCommand::ClearFilters => self.apply_from(|_, out| crate::ui::views_panel::clear_filters(out)),
            UiCommand::NextView => self.apply_from(|app, out| crate::ui::views_panel::step_view(&app.doc.ws, &app.view, true, out)),
            UiCommand::PrevView => self.apply_from(|app, out| crate::ui::views_panel::step_view(&app.doc.ws, &app.view, false, out)),
            UiCommand::ToggleGroup => {
                let group = self.view.selected_systems().next().and_then(|id| {
                    crate::ui::canvas::group_of_node(id)
                        .map(str::to_owned)
                        .or_else(|| self.doc.ws.systems.get(id).map(|s| s.group.trim().to_owned()))
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
            UiCommand::NudgeLeft | UiCommand::NudgeUp if self.presenting => self.apply_from(|app, out| crate::ui::views_panel::step_view(&app.doc.ws, &app.view, false, out)),
            UiCommand::NudgeRight | UiCommand::NudgeDown if self.presenting => self.apply_from(|app, out| crate::ui::views_panel::step_view(&app.doc.ws, &app.view, true, out)),
            UiCommand::NudgeLeft if self.panels.failures.rehearsal.is_some() => crate::ui::failure_panel::step_rehearsal(&mut self.panels.failures, &self.doc.ws, false),
            UiCommand::NudgeRight if self.panels.failures.rehearsal.is_some() => crate::ui::failure_panel::step_rehearsal(&mut self.panels.failures, &self.doc.ws, true),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_do_not_collide() {
        let mut ws = Workspace::new("t");
        assert_eq!(fresh_id(&ws, "New system"), "new-system");
        ws.systems
            .insert("new-system".into(), System::new("new-system", "x"));
        assert_eq!(fresh_id(&ws, "New system"), "new-system-2");
    }
}
