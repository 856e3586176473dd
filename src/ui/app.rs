//! The app: one open document, the view state, and the frame loop that turns input into `ops`
//! commands (collected during the frame, applied at its end).

use std::path::PathBuf;

use crate::document::Document;
use crate::io::samples;
use crate::model::{DependencyType, Workspace};
use crate::theme::Theme;
use crate::ui::actions::Action;
use crate::ui::canvas::{self, CanvasState, Scene};
use crate::ui::commands::UiCommand;
use crate::ui::dialogs::Dialog;
use crate::ui::disk_watch::DiskWatch;
use crate::ui::inspector::InspectorState;
use crate::ui::keyboard::KeyboardFocus;
use crate::ui::panel_ctx::PanelCtx;
use crate::ui::view::ViewState;

/// The interface scales from 50 % to 300 %.
pub fn clamp_scale(scale: f32) -> f32 {
    if scale.is_finite() {
        scale.clamp(0.5, 3.0)
    } else {
        1.0
    }
}

/// Systems and dependencies copied with Ctrl+C.
#[derive(Debug, Clone, Default)]
pub struct Clip {
    pub systems: Vec<crate::model::System>,
    pub dependencies: Vec<crate::model::Dependency>,
}

/// Live find state (Ctrl+F).
#[derive(Debug, Clone, Default)]
pub struct FindState {
    pub open: bool,
    pub query: String,
    pub matches: Vec<String>,
    pub current: usize,
    pub focus_field: bool,
}

/// The state each panel keeps for itself.
#[derive(Default)]
pub(crate) struct PanelStates {
    pub(crate) inspector: InspectorState,
    pub(crate) debt: crate::ui::debt_panel::DebtPanelState,
    pub(crate) failures: crate::ui::failure_panel::FailurePanelState,
    pub(crate) findings: crate::ui::findings_panel::FindingsState,
    pub(crate) facilitation: crate::ui::facilitation_panel::FacilitationState,
    pub(crate) views_panel: crate::ui::views_panel::ViewsPanelState,
    pub(crate) find: FindState,
}

pub struct DepdigApp {
    pub(crate) doc: Document,
    pub(crate) view: ViewState,
    pub(crate) canvas: CanvasState,
    pub(crate) scene: Option<Scene>,
    /// (document revision, view revision) the scene was built for.
    scene_key: (u64, u64),
    pub(crate) view_revision: u64,
    pub(crate) dialog: Option<Dialog>,
    /// The last thing that happened, shown in the status bar.
    pub(crate) status: String,
    pub(crate) clipboard: Clip,
    /// Every panel's own state (each panel gets its own part, and a read-only [`PanelCtx`]).
    pub(crate) panels: PanelStates,
    pub(crate) recent: Vec<PathBuf>,
    pub(crate) layout_running: bool,
    pub(crate) last_connect_type: DependencyType,
    pub(crate) show_legend: bool,
    /// The window may close (the user confirmed discarding changes).
    pub(crate) allow_close: bool,
    /// Close the window on the next frame (after a confirmed discard).
    pub(crate) close_window: bool,
    last_title: String,
    pub(crate) live: Option<crate::ui::live_layout::LiveLayout>,
    /// The history state when the running layout started (undo during the run goes back there).
    pub(crate) layout_base: Option<u64>,
    /// The export dialog's rendered preview and the settings it was rendered for.
    pub(crate) export_preview: Option<(String, egui::TextureHandle)>,
    /// This window's own recovery file and lock (`None`: autosave is off, `recovery_problem` says why).
    pub(crate) recovery: Option<crate::recovery::Instance>,
    pub(crate) recovery_problem: Option<String>,
    /// The document revision last handed to autosave (`None`: nothing unsaved handed over).
    pub(crate) offered_revision: Option<u64>,
    /// Watches the open file for changes by others.
    pub(crate) disk_watch: Option<DiskWatch>,
    /// Every edit is refused (`--read-only`, View › Read-only); kept across documents.
    pub(crate) read_only: bool,
    /// Presentation mode (F5): only the map and the workspace title.
    pub(crate) presenting: bool,
    /// Full screen to request from the window on the next frame.
    fullscreen_request: Option<bool>,
    /// Interface scale (Ctrl +/−/0), remembered across runs.
    pub(crate) ui_scale: f32,
    pending: Vec<UiCommand>,
    /// Give the canvas the keyboard at the end of this frame (start, presentation, …).
    pub(crate) focus_canvas: bool,
    /// A text field (not the map) had the keyboard when the last frame ended.
    pub(crate) field_had_keyboard: bool,
    /// The field a command created hands the keyboard to when drawn (see `ui::focus`).
    pub(crate) focus_next: Option<egui::Id>,
    /// With `DEPDIG_FRAME_LOG` set: frame intervals, printed every ~2 s (end-to-end frame time).
    frame_log: Option<Vec<f32>>,
}

impl DepdigApp {
    /// Opens `file`, or the built-in sample. A file that cannot be opened leaves an empty
    /// workspace and a dialog with the `path:line:col` message; nothing is written.
    ///
    /// Unsaved work is autosaved to this window's own file in `recovery_dir`
    /// ([`crate::recovery::default_dir`] for the app; tests give every app its own directory),
    /// and every pending recovery found there is offered.
    #[allow(
        clippy::needless_pass_by_value,
        reason = "callers hand over the path they were started with"
    )]
    pub fn open(file: Option<PathBuf>, recovery_dir: &std::path::Path) -> Self {
        let mut dialog = None;
        let doc = match &file {
            Some(path) => match Document::open(path) {
                Ok(doc) => doc,
                Err(e) => {
                    eprintln!("{e}");
                    dialog = Some(Dialog::Error {
                        title: "This workspace could not be opened".into(),
                        message: e.to_string(),
                    });
                    Document::new(Workspace::new("Untitled"), None)
                }
            },
            None => match samples::builtin() {
                Ok(ws) => {
                    let mut doc = Document::new(ws, None);
                    samples::BUILTIN_NAME.clone_into(&mut doc.untitled_name);
                    doc
                }
                Err(e) => {
                    dialog = Some(Dialog::Error {
                        title: "The built-in sample could not be opened".into(),
                        message: e.to_string(),
                    });
                    Document::new(Workspace::new("Untitled"), None)
                }
            },
        };
        let (recovery, recovery_problem) = match crate::recovery::Instance::start(recovery_dir) {
            Ok(instance) => (Some(instance), None),
            Err(e) => (
                None,
                Some(format!(
                    "Autosave is off: {} cannot be used ({e})",
                    recovery_dir.display()
                )),
            ),
        };
        let (pending, problems) = crate::recovery::pending(recovery_dir);
        let start_status = recovery_problem.clone().or_else(|| {
            problems
                .first()
                .map(|p| format!("A recovery file could not be read: {p}"))
        });
        if dialog.is_none() && !pending.is_empty() {
            dialog = Some(Dialog::Restore { pending });
        }
        let mut app = DepdigApp {
            doc,
            view: ViewState::default(),
            canvas: CanvasState::default(),
            scene: None,
            scene_key: (0, 0),
            view_revision: 1,
            dialog,
            status: String::new(),
            clipboard: Clip::default(),
            panels: PanelStates::default(),
            recent: Vec::new(),
            layout_running: false,
            last_connect_type: DependencyType::Sync,
            show_legend: true,
            allow_close: false,
            close_window: false,
            last_title: String::new(),
            live: None,
            layout_base: None,
            export_preview: None,
            recovery,
            recovery_problem,
            offered_revision: None,
            disk_watch: None,
            read_only: false,
            presenting: false,
            fullscreen_request: None,
            ui_scale: 1.0,
            pending: Vec::new(),
            focus_canvas: true,
            focus_next: None,
            field_had_keyboard: false,
            frame_log: std::env::var_os("DEPDIG_FRAME_LOG").map(|_| Vec::new()),
        };
        app.after_open();
        if let Some(status) = start_status {
            app.status = status;
        }
        app
    }

    /// A freshly opened document: fit it, and lay it out if some systems have no position yet.
    fn after_open(&mut self) {
        self.canvas.fit_requested = true;
        self.focus_canvas = true;
        self.live = None;
        self.layout_running = false;
        self.layout_base = None;
        if self.doc.ws.systems.values().any(|s| s.pos.is_none()) {
            // Systems without a place: lay the map out, as if Space had been pressed.
            self.start_layout();
        }
        self.status = format!("Opened {}", self.doc.display_name());
    }

    pub fn workspace(&self) -> &Workspace {
        &self.doc.ws
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    pub fn view(&self) -> &ViewState {
        &self.view
    }

    /// Queues a command as if its shortcut or menu entry was used.
    pub fn queue(&mut self, cmd: UiCommand) {
        self.pending.push(cmd);
    }

    /// "• file.ron — depdig": the dirty marker shows unsaved changes.
    pub fn window_title(&self) -> String {
        let name = self.doc.display_name();
        format!(
            "{}{name}{} — depdig",
            if self.doc.is_dirty() { "• " } else { "" },
            if self.read_only { " (read-only)" } else { "" }
        )
    }

    /// Read-only viewing: `ops` refuses every edit, undo and redo of the open document (and of
    /// documents opened later) while views, filters, findings and export keep working.
    pub fn set_read_only(&mut self, on: bool) {
        self.read_only = on;
        self.doc.history.set_read_only(on);
        if on {
            self.panels.inspector = InspectorState::default();
        }
        self.status = if on {
            "Read-only: edits are refused".into()
        } else {
            "Editing allowed".into()
        };
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// What shows besides the document: open panels, the layout, presentation, the zoom, the
    /// selection, the highlight and the dialog. Two equal answers mean no command ran between
    /// them (the typing tests compare it).
    pub fn chrome_state(&self) -> String {
        format!(
            "panels: findings {} debt {} failures {} prompts {} views {} legend {} find {}; \
             layout {}; presenting {}; read-only {}; zoom {}; selection {:?}; highlight {:?}; \
             filters {:?}; scenario {:?}; dialog open {}",
            self.panels.findings.open,
            self.panels.debt.open,
            self.panels.failures.open,
            self.panels.facilitation.open,
            self.panels.views_panel.open,
            self.show_legend,
            self.panels.find.open,
            self.layout_running,
            self.presenting,
            self.read_only,
            self.canvas.camera.zoom,
            self.view.selection,
            self.view.highlight,
            self.view.filters,
            self.view.scenario,
            self.dialog.is_some(),
        )
    }

    /// Systems the canvas draws faded (out of focus, or outside what is highlighted).
    pub fn dimmed_systems(&self) -> std::collections::BTreeSet<String> {
        self.scene
            .as_ref()
            .map(super::canvas::scene::Scene::dimmed_systems)
            .unwrap_or_default()
    }

    /// An explicit layout run is in progress (Space / Run layout).
    pub fn is_layout_running(&self) -> bool {
        self.layout_running
    }

    pub fn is_presenting(&self) -> bool {
        self.presenting
    }

    /// Enters or leaves presentation mode: full screen, panels hidden, the map fitted again;
    /// leaving puts the view back as it was before.
    pub(crate) fn set_presenting(&mut self, on: bool) {
        if self.presenting == on {
            return;
        }
        self.presenting = on;
        self.focus_canvas = true;
        self.fullscreen_request = Some(on);
        if on {
            crate::ui::views_panel::remember_before_presenting(self);
            self.canvas.fit_requested = self.view.active_view.is_none();
        } else if !crate::ui::views_panel::restore_after_presenting(self) {
            self.canvas.fit_requested = self.view.active_view.is_none();
        }
        self.status = if on {
            "Presentation mode: ←/→ step through saved views, Esc leaves".into()
        } else {
            "Left presentation mode".into()
        };
    }

    /// Whether a command may run now.
    pub(crate) fn gate(&self) -> crate::ui::gate::Gate {
        crate::ui::gate::Gate::new(
            self.read_only,
            self.presenting || self.panels.failures.rehearsal.is_some(),
        )
    }

    /// The read-only context panels are drawn with, and the panels' own states.
    pub(crate) fn panel_parts(&mut self) -> (PanelCtx<'_>, &mut PanelStates) {
        let cx = PanelCtx {
            doc: &self.doc,
            view: &self.view,
            theme: Theme::get(self.view.theme),
            gate: self.gate(),
            read_only: self.read_only,
            camera: self.canvas.camera,
            view_rect: self.canvas.view_rect,
            scene: self.scene.as_ref(),
            layout_running: self.layout_running,
            presenting: self.presenting,
            status: &self.status,
            recent: &self.recent,
            rehearsing: self.panels.failures.rehearsal.is_some(),
        };
        (cx, &mut self.panels)
    }

    /// The interface scale (1.0 = 100 %).
    pub fn ui_scale(&self) -> f32 {
        self.ui_scale
    }

    /// Switches light/dark; `setup_context` (or the next frame in the app) applies egui's visuals.
    pub fn set_theme(&mut self, name: crate::theme::ThemeName) {
        self.view.theme = name;
        self.view_changed();
    }

    pub fn theme(&self) -> Theme {
        Theme::get(self.view.theme)
    }

    /// Marks the view as changed (selection, highlight, hidden types, theme).
    pub(crate) fn view_changed(&mut self) {
        self.view_revision += 1;
    }

    /// Replaces the open document (after any confirmation).
    pub(crate) fn replace_document(&mut self, doc: Document) {
        // The old document's unsaved work was saved or knowingly discarded to get here.
        self.clear_recovery();
        if let Some(p) = &doc.path {
            self.remember_recent(p.clone());
        }
        self.doc = doc;
        self.doc.history.set_read_only(self.read_only);
        self.view.selection.clear();
        self.view.clear_highlight();
        self.view.emphasis.clear();
        self.panels.find = FindState::default();
        self.panels.inspector = InspectorState::default();
        self.view_changed();
        self.after_open();
    }

    pub(crate) fn remember_recent(&mut self, path: PathBuf) {
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(8);
    }

    fn ensure_scene(&mut self) {
        let key = (self.doc.revision, self.view_revision);
        if self.scene.is_none() || self.scene_key != key {
            let halo = self.view.dependants_halo.then(|| {
                crate::ui::findings_panel::dependants_of(
                    &mut self.panels.findings,
                    &self.doc,
                    &self.view,
                )
            });
            self.scene = Some(Scene::build(
                &self.doc.ws,
                &self.view,
                &self.theme(),
                halo.as_ref(),
            ));
            self.scene_key = key;
        }
    }

    /// Draws the whole window into `ui` and handles this frame's input.
    pub fn ui_contents(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let focus_before = KeyboardFocus::read(&ctx, self.dialog.is_some());
        if let Some(field) = self.focus_next.take() {
            crate::ui::focus::focus_next(&ctx, field);
        }
        // What this frame asks for, in order: shortcuts, menus, panels, the map; carried out at
        // the end of the frame.
        let mut commands = std::mem::take(&mut self.pending);
        if self.dialog.is_none() {
            commands.extend(UiCommand::from_input(
                &ctx,
                canvas::has_keyboard_focus(&ctx),
                self.field_had_keyboard,
            ));
        } else if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            self.dialog = None;
        }
        if self.close_window {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.handle_dropped_files(&ctx);
        self.handle_close_request(&ctx);
        self.check_disk(&ctx);

        if self.presenting {
            crate::ui::panels::presentation_title_ui(ui, self);
            if self.show_legend {
                crate::ui::panels::legend_panel_ui(ui, self);
            }
        } else {
            let before = commands.len();
            crate::ui::panels::menu_bar_ui(ui, self, &mut commands);
            crate::ui::panels::toolbar_ui(ui, self, &mut commands);
            // A menu entry or toolbar button used: the keyboard goes back to the map.
            self.focus_canvas |= commands.len() > before;
        }
        let mut actions: Vec<Action> = commands.into_iter().map(Action::Command).collect();
        if !self.presenting {
            crate::ui::panels::status_bar_ui(ui, self);
            if self.panels.debt.open {
                let (cx, panels) = self.panel_parts();
                egui::Panel::bottom("debt_register")
                    .resizable(true)
                    .default_size(220.0)
                    .show(ui, |ui| {
                        crate::ui::debt_panel::debt_register_ui(
                            ui,
                            &mut panels.debt,
                            &cx,
                            &mut actions,
                        );
                    });
            }
            if self.panels.failures.open {
                let (cx, panels) = self.panel_parts();
                egui::Panel::bottom("failure_modes")
                    .resizable(true)
                    .default_size(200.0)
                    .show(ui, |ui| {
                        crate::ui::failure_panel::failure_modes_ui(
                            ui,
                            &mut panels.failures,
                            &cx,
                            &mut actions,
                        );
                    });
            }
            if self.panels.findings.open {
                let (cx, panels) = self.panel_parts();
                egui::Panel::bottom("findings")
                    .resizable(true)
                    .default_size(220.0)
                    .show(ui, |ui| {
                        crate::ui::findings_panel::findings_ui(
                            ui,
                            &mut panels.findings,
                            &cx,
                            &mut actions,
                        );
                    });
            }
            crate::ui::inspector::inspector_panel_ui(ui, self);
            if self.show_legend {
                crate::ui::panels::legend_panel_ui(ui, self);
            }
            crate::ui::facilitation_panel::facilitation_panel_ui(ui, self);
            crate::ui::views_panel::views_panel_ui(ui, self);
        }
        self.step_layout(&ctx);
        self.ensure_scene();
        if let (Some(live), Some(scene)) = (&self.live, &mut self.scene) {
            for (id, p) in live.positions() {
                scene.set_position(id, egui::pos2(p[0], p[1]));
            }
        }
        let theme = self.theme();
        let mut events = Vec::new();
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                if self.panels.find.open && !self.presenting {
                    crate::ui::panels::find_bar_ui(ui, self);
                }
                self.canvas.read_only = self.read_only;
                self.canvas.presenting = self.presenting;
                if let Some(scene) = &self.scene {
                    events = canvas::canvas_ui(ui, scene, &mut self.canvas, &theme);
                }
                crate::ui::views_panel::filter_indicator_ui(ui, self);
            });
        let (cx, panels) = self.panel_parts();
        if let Some(title) =
            crate::ui::failure_panel::rehearsal_title(&mut panels.failures, cx.ws())
        {
            egui::Window::new(title)
                .default_pos([240.0, 90.0])
                .collapsible(false)
                .resizable(false)
                .default_width(460.0)
                .show(&ctx, |ui| {
                    crate::ui::failure_panel::rehearsal_ui(
                        ui,
                        &mut panels.failures,
                        &cx,
                        &mut actions,
                    );
                });
        }
        if self.panels.findings.cascade.is_some() {
            let (cx, panels) = self.panel_parts();
            egui::Window::new("Cascade")
                .default_pos([240.0, 90.0])
                .collapsible(false)
                .resizable(false)
                .default_width(420.0)
                .show(&ctx, |ui| {
                    crate::ui::findings_panel::cascade_ui(
                        ui,
                        &mut panels.findings,
                        &cx,
                        &mut actions,
                    );
                });
        }
        crate::ui::dialogs::dialogs_ui(&ctx, self);

        actions.extend(events.into_iter().map(Action::Canvas));
        self.apply(actions);
        if let Some(on) = self.fullscreen_request.take() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
        }
        if (ctx.zoom_factor() - self.ui_scale).abs() > f32::EPSILON {
            ctx.set_zoom_factor(self.ui_scale);
        }
        self.hand_keyboard_to_canvas(&ctx, focus_before);
        self.field_had_keyboard =
            ctx.egui_wants_keyboard_input() && !canvas::has_keyboard_focus(&ctx);
        self.autosave();
        self.log_frame(&ctx);
    }

    fn log_frame(&mut self, ctx: &egui::Context) {
        let Some(log) = &mut self.frame_log else {
            return;
        };
        // Measuring: keep painting, so the interval between frames is the frame time.
        ctx.request_repaint();
        log.push(ctx.input(|i| i.unstable_dt) * 1000.0);
        if log.len() >= 120 {
            log.sort_by(f32::total_cmp);
            eprintln!(
                "frames: {} systems, median {:.1} ms, p95 {:.1} ms between frames",
                self.doc.ws.systems.len(),
                log[log.len() / 2],
                log[log.len() * 95 / 100]
            );
            log.clear();
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(path) = dropped
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e == "ron"))
        {
            self.request_open(path);
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.doc.is_dirty() && !self.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::ConfirmDiscard {
                then: crate::ui::dialogs::AfterDiscard::Close,
            });
        }
    }

    /// Whether the window is about to close (Quit, or a confirmed close).
    pub fn is_closing(&self) -> bool {
        self.close_window
    }

    /// The canvas's screen rect and every drawn system's box on screen (by name), as of the last
    /// frame: what a user sees of the map.
    pub fn canvas_screen_rects(&self) -> (egui::Rect, Vec<(String, egui::Rect)>) {
        let view = self.canvas.view_rect;
        let cam = self.canvas.camera;
        let systems = self.scene.as_ref().map_or_else(Vec::new, |scene| {
            scene
                .graph
                .nodes_iter()
                .map(|(_, n)| {
                    let s = n.display();
                    let r = s.canvas_rect();
                    let r = egui::Rect::from_two_pos(
                        cam.screen_from_canvas(view, r.min),
                        cam.screen_from_canvas(view, r.max),
                    );
                    (s.look.name.to_string(), r)
                })
                .collect()
        });
        (view, systems)
    }
}

impl eframe::App for DepdigApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_contents(ui);
        let title = self.window_title();
        if title != self.last_title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let recent: Vec<String> = self
            .recent
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        storage.set_string("recent_files", recent.join("\n"));
        storage.set_string("theme", self.view.theme.label().to_owned());
        storage.set_string("ui_scale", format!("{:.2}", self.ui_scale));
    }
}

impl DepdigApp {
    /// Restores settings kept by eframe between runs: recent files, theme and interface scale
    /// (never stored in the workspace).
    pub fn restore_settings(&mut self, storage: Option<&dyn eframe::Storage>) {
        if let Some(theme) = storage.and_then(|s| s.get_string("theme"))
            && let Some(t) = crate::theme::ThemeName::ALL
                .into_iter()
                .find(|t| t.label() == theme)
        {
            self.set_theme(t);
        }
        if let Some(scale) = storage
            .and_then(|s| s.get_string("ui_scale"))
            .and_then(|v| v.parse::<f32>().ok())
        {
            self.ui_scale = clamp_scale(scale);
        }
        if let Some(recent) = storage.and_then(|s| s.get_string("recent_files")) {
            self.recent = recent
                .lines()
                .filter(|l| !l.is_empty())
                .map(PathBuf::from)
                .collect();
        }
    }
}
