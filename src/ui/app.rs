//! The app: one open document, the view state, and the frame loop that turns input into `ops`
//! commands (collected during the frame, applied at its end).

pub(crate) mod artefacts;
pub(crate) mod backdrop;
pub(crate) mod backdrop_ui;
pub mod bench;
pub(crate) mod canvas_events;
pub(crate) mod capture;
pub(crate) mod clipboard;
mod compare;
pub(crate) mod dialogs;
pub(crate) mod disk_watch;
pub(crate) mod dispatch;
pub(crate) mod dock_view;
pub(crate) mod drift_window;
pub(crate) mod editing;
pub(crate) mod export_dialog;
pub(crate) mod files;
pub(crate) mod find;
mod frame;
pub(crate) mod keyboard;
pub(crate) mod layout_run;
mod observe;
pub(crate) mod placement;
pub(crate) mod recovery_dialog;
mod run;

use std::path::PathBuf;

use crate::document::Document;
use crate::io::samples;
use crate::model::{DependencyType, Workspace};
use crate::theme::Theme;
use crate::ui::app::dialogs::Dialog;
use crate::ui::app::disk_watch::DiskWatch;
use crate::ui::canvas::{self, CanvasState, Scene};
use crate::ui::commands::UiCommand;
use crate::ui::dock::{Dock, Pane};
use crate::ui::inspector::InspectorState;
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

/// The state each panel keeps for itself.
#[derive(Default)]
pub(crate) struct PanelStates {
    pub(crate) inspector: InspectorState,
    pub(crate) debt: crate::ui::debt_panel::DebtPanelState,
    pub(crate) failures: crate::ui::failure_panel::FailurePanelState,
    pub(crate) findings: crate::ui::findings_panel::FindingsState,
    pub(crate) facilitation: crate::ui::facilitation_panel::FacilitationState,
    pub(crate) views_panel: crate::ui::views_panel::ViewsPanelState,
    pub(crate) find: crate::ui::panels::FindState,
    pub(crate) roadmap: crate::ui::roadmap_panel::RoadmapPanelState,
    pub(crate) rollouts: crate::ui::rollouts_panel::RolloutsPanelState,
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
    /// File ▸ Compare with artefacts: the comparison shown beside the map.
    pub(crate) drift: Option<Box<artefacts::DriftState>>,
    /// The last thing that happened, shown in the status bar.
    pub(crate) status: String,
    pub(crate) clipboard: Clip,
    /// Every panel's own state (each panel gets its own part, and a read-only [`PanelCtx`]).
    pub(crate) panels: PanelStates,
    pub(crate) recent: Vec<PathBuf>,
    pub(crate) layout_running: bool,
    pub(crate) last_connect_type: DependencyType,
    /// The window may close (the user confirmed discarding changes).
    pub(crate) allow_close: bool,
    /// Close the window on the next frame (after a confirmed discard).
    pub(crate) close_window: bool,
    last_title: String,
    pub(crate) live: Option<crate::ui::live_layout::LiveLayout>,
    /// The history state when the running layout started (undo during the run goes back there).
    pub(crate) layout_base: Option<u64>,
    /// The run under way lays the map out from scratch (Lay out afresh), not around where its
    /// settled systems are.
    pub(crate) layout_afresh: bool,
    /// A layered layout being computed off the UI thread (Space with the layered style).
    pub(crate) layered_job: Option<layout_run::LayeredJob>,
    /// The export dialog's rendered preview and the settings it was rendered for.
    pub(crate) export_preview: Option<(String, egui::TextureHandle)>,
    /// The export dialog's size line for the options and revision in the key: building the
    /// picture (packing a large map for one slide) is too slow for every frame.
    pub(crate) export_size: Option<(String, Result<crate::io::export::ImageSize, String>)>,
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
    /// The docked workspace: which panels show where.
    pub(crate) dock: Dock,
    /// The theme whose visuals egui has (applied when the view's theme changes).
    theme_applied: Option<crate::theme::ThemeName>,
    /// Give the canvas the keyboard at the end of this frame (start, presentation, …).
    pub(crate) focus_canvas: bool,
    /// A text field (not the map) had the keyboard when the last frame ended.
    pub(crate) field_had_keyboard: bool,
    /// The field a command created hands the keyboard to when drawn (see `ui::focus`).
    pub(crate) focus_next: Option<egui::Id>,
    /// The backdrop photo's texture, loaded once per image path.
    pub(crate) backdrop_texture: Option<backdrop::BackdropTexture>,
    /// The system clipboard (kept open: on X11 the image is served while it lives).
    pub(crate) system_clipboard: Option<arboard::Clipboard>,
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
            drift: None,
            status: String::new(),
            clipboard: Clip::default(),
            panels: PanelStates::default(),
            recent: Vec::new(),
            layout_running: false,
            last_connect_type: DependencyType::Sync,
            allow_close: false,
            close_window: false,
            last_title: String::new(),
            live: None,
            layout_base: None,
            layout_afresh: false,
            layered_job: None,
            export_preview: None,
            export_size: None,
            recovery,
            recovery_problem,
            offered_revision: None,
            disk_watch: None,
            read_only: false,
            presenting: false,
            fullscreen_request: None,
            ui_scale: 1.0,
            pending: Vec::new(),
            dock: Dock::default(),
            theme_applied: None,
            focus_canvas: true,
            focus_next: None,
            field_had_keyboard: false,
            frame_log: std::env::var_os("DEPDIG_FRAME_LOG").map(|_| Vec::new()),
            backdrop_texture: None,
            system_clipboard: None,
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
        if self.doc.ws().systems.values().any(|s| s.pos.is_none()) {
            // Systems without a place: lay the map out, as if Space had been pressed.
            self.start_layout();
        }
        self.status = match &self.doc.from_image {
            Some(png) => format!(
                "Opened the workspace carried by {}; Save asks for a .ron file",
                png.file_name().unwrap_or(png.as_os_str()).to_string_lossy()
            ),
            None => format!("Opened {}", self.doc.display_name()),
        };
    }

    pub fn workspace(&self) -> &Workspace {
        self.doc.ws()
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
            crate::ui::views_panel::remember_before_presenting(
                &mut self.panels.views_panel,
                &self.view,
                &self.canvas,
                self.dock.is_open(Pane::Legend),
            );
            self.canvas.fit_requested = self.view.active_view.is_none();
        } else if let Some(legend) = crate::ui::views_panel::restore_after_presenting(
            &mut self.panels.views_panel,
            self.doc.ws(),
            &mut self.view,
            &mut self.canvas,
        ) {
            if legend {
                self.dock.open(Pane::Legend);
            } else {
                self.dock.close(Pane::Legend);
            }
            self.view_changed();
        } else {
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
            dock: &self.dock,
            ui_scale: self.ui_scale,
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
        // A PNG opened for its workspace is remembered too: it opens the same way again.
        if let Some(p) = doc.path.as_ref().or(doc.from_image.as_ref()) {
            self.remember_recent(p.clone());
        }
        self.doc = doc;
        self.doc.history.set_read_only(self.read_only);
        self.view.selection.clear();
        self.view.clear_highlight();
        self.view.emphasis.clear();
        self.panels.find = crate::ui::panels::FindState::default();
        self.panels.inspector = InspectorState::default();
        self.view_changed();
        self.after_open();
    }

    pub(crate) fn remember_recent(&mut self, path: PathBuf) {
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(8);
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
        super::settings::Settings {
            recent_files: super::settings::Settings::paths_text(&self.recent),
            theme: self.view.theme.label().to_owned(),
            ui_scale: self.ui_scale,
            dock: Some(self.dock.clone()),
        }
        .store(storage);
    }
}

impl DepdigApp {
    /// Restores settings kept by eframe between runs: recent files, theme, interface scale and
    /// the docked panels (never stored in the workspace).
    pub fn restore_settings(&mut self, storage: Option<&dyn eframe::Storage>) {
        let Some(settings) = storage.and_then(super::settings::Settings::load) else {
            return;
        };
        if let Some(theme) = settings.theme_name() {
            self.set_theme(theme);
        }
        self.ui_scale = clamp_scale(settings.ui_scale);
        self.recent = settings.recent_paths();
        if let Some(dock) = settings.dock {
            self.dock = dock.checked();
        }
    }
}
