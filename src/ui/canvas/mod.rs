//! The map canvas: systems and dependencies drawn through egui_graphs' `DisplayNode` /
//! `DisplayEdge` shapes, with our own camera, culling, label placement and interaction.
//!
//! egui_graphs' `GraphView` widget is not used for the frame itself: it requests a repaint on
//! every frame (graph_view.rs:322), so an idle map would never stop repainting, and it exposes no
//! accessible nodes, no box selection and no pinning. We keep its graph and display traits.

pub mod backdrop;
pub mod frame;
mod hull;
mod interact;
mod labels;
mod marks;
pub mod scene;
pub mod shapes;

use egui::{Color32, Pos2, Rect, Sense, Shape, Vec2};

use crate::picture::labels::LabelMemo;
use crate::theme::Theme;
use crate::ui::theme::color;
pub use scene::{Scene, group_node_id, group_of_node};
use shapes::{dependency_body, system_body};

mod camera;
pub use camera::{Camera, MAX_ZOOM, MIN_ZOOM};

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) enum Gesture {
    #[default]
    None,
    Pan,
    Box {
        start: Pos2,
        additive: bool,
    },
    Move,
    Connect {
        from: String,
    },
}

/// Canvas view state that lives across frames (not saved).
#[derive(Debug, Clone)]
pub struct CanvasState {
    pub camera: Camera,
    /// Fit the whole map on the next frame (and keep fitting until the canvas settles).
    pub fit_requested: bool,
    /// A fit under way: the window and the side panels may still be reaching their sizes.
    fit: Option<PendingFit>,
    /// The camera the last fit left (moved along when panels resize the canvas): while the
    /// camera is still this one, the user has not zoomed or panned since.
    last_fit: Option<Camera>,
    /// The screen rect of the canvas last frame.
    pub view_rect: Rect,
    gesture: Gesture,
    /// What the open context menu is about.
    context: Option<interact::Target>,
    /// Shift and Ctrl/Cmd as they were when the primary button went down.
    press_modifiers: (bool, bool),
    /// The canvas point under the pointer, when the pointer is over the canvas.
    pub pointer_canvas: Option<Pos2>,
    /// Nothing may be changed: no connect handles, edit entries disabled in the context menu.
    pub read_only: bool,
    /// On the projector: no focus ring around the map.
    pub presenting: bool,
    /// The photo drawn under the map, if one is placed and shown.
    pub backdrop: Option<backdrop::BackdropPaint>,
    /// The labels placed for the last frame.
    labels: LabelMemo,
}

impl CanvasState {
    /// Systems are being dragged (the pointer holds them).
    pub fn is_dragging(&self) -> bool {
        matches!(self.gesture, Gesture::Move)
    }
}

impl Default for CanvasState {
    fn default() -> Self {
        CanvasState {
            camera: Camera::default(),
            fit_requested: true,
            fit: None,
            last_fit: None,
            view_rect: Rect::from_min_size(Pos2::ZERO, Vec2::new(800.0, 600.0)),
            gesture: Gesture::None,
            context: None,
            press_modifiers: (false, false),
            pointer_canvas: None,
            read_only: false,
            presenting: false,
            labels: LabelMemo::default(),
            backdrop: None,
        }
    }
}

/// A fit that holds until the user does something (presses a key or a button, scrolls) or moves
/// the camera: after a file opens, the window manager may resize the window and the side panels
/// reach their widths over several frames, and a fit made before that leaves the map small in a
/// corner. Until the canvas has settled it fits on every frame; after that, whenever the canvas
/// changes size. Once the user acts, panels opening or resizing leave the map where it is.
#[derive(Debug, Clone, Copy)]
struct PendingFit {
    /// The camera the last fit set; any other camera means the user zoomed or panned.
    fitted: Option<Camera>,
    /// The canvas rect at the last fit, and the time it took that size.
    rect: Rect,
    rect_since: f64,
    /// Frames fitted with the canvas at `rect`.
    stable_frames: u32,
    started: f64,
    /// The canvas kept its size long enough: fit again only when it changes.
    settled: bool,
}

/// The canvas must keep its size this long, and for this many frames, to count as settled.
const FIT_SETTLE_S: f64 = 0.5;
const FIT_SETTLE_FRAMES: u32 = 4;
/// Repainting to settle stops after this long even if the canvas keeps changing.
const FIT_MAX_S: f64 = 5.0;

impl CanvasState {
    /// Fits the map into `rect` while a fit holds (see [`PendingFit`]); a fit ends as soon as
    /// the user acts or moves the camera. Returns whether another frame is needed to settle.
    /// `fitted`: the camera that fits the map into `rect` (`None` for an empty map), placing
    /// labels through the canvas's memo.
    fn step_fit(
        &mut self,
        fitted: impl FnOnce(&mut LabelMemo) -> Option<Camera>,
        rect: Rect,
        now: f64,
        user_acted: bool,
    ) -> bool {
        if user_acted {
            self.fit = None;
        }
        if std::mem::take(&mut self.fit_requested) {
            self.fit = Some(PendingFit {
                fitted: None,
                rect,
                rect_since: now,
                stable_frames: 0,
                started: now,
                settled: false,
            });
        }
        let Some(mut fit) = self.fit.take() else {
            return false;
        };
        if fit.fitted.is_some_and(|c| c != self.camera) {
            // The user zoomed, panned or framed something: their view wins.
            return false;
        }
        if fit.rect == rect {
            fit.stable_frames += 1;
        } else {
            fit.rect = rect;
            fit.rect_since = now;
            fit.stable_frames = 0;
            fit.settled = false;
        }
        if fit.settled {
            // Systems moved by the user or the layout do not move the camera.
            self.fit = Some(fit);
            return false;
        }
        let Some(camera) = fitted(&mut self.labels) else {
            // An empty map: nothing to fit (the first system added is not zoomed onto).
            return false;
        };
        self.camera = camera;
        fit.fitted = Some(self.camera);
        self.last_fit = Some(self.camera);
        fit.settled = (fit.stable_frames >= FIT_SETTLE_FRAMES
            && now - fit.rect_since >= FIT_SETTLE_S)
            || now - fit.started > FIT_MAX_S;
        let more = !fit.settled;
        self.fit = Some(fit);
        more
    }

    /// Whether the map is shown as fitted: a fit is under way, or the user has not zoomed or
    /// panned since the last one.
    pub(crate) fn is_fitted(&self) -> bool {
        self.fit_requested || self.fit.is_some() || self.last_fit == Some(self.camera)
    }

    /// Drops a fit under way (a saved view sets its own camera).
    pub(crate) fn cancel_fit(&mut self) {
        self.fit = None;
        self.fit_requested = false;
    }
}

/// What the user did on the canvas this frame; the app turns these into edits or view changes.
#[derive(Debug, Clone, PartialEq)]
pub enum CanvasEvent {
    Select {
        id: String,
        additive: bool,
    },
    SelectMany {
        ids: Vec<String>,
        additive: bool,
    },
    ClearSelection,
    /// Move the selected systems by a canvas delta (while dragging).
    MoveSelection {
        delta: Vec2,
    },
    /// The drag that moved systems ended (one undo step; dragged systems become pinned).
    MoveEnded,
    AddSystemAt(Pos2),
    /// The connect handle of `from` was dropped on empty canvas at `at` (canvas units): add a
    /// system there that `from` needs (add-and-connect).
    AddNeededBy {
        from: String,
        at: Pos2,
    },
    Rename(String),
    Connect {
        from: String,
        to: String,
    },
    /// A context-menu entry.
    Command(crate::ui::commands::UiCommand),
}

/// The canvas widget's id: it takes keyboard focus, and single-key shortcuts act only while it
/// has it.
pub fn canvas_id() -> egui::Id {
    egui::Id::new("depdig-canvas")
}

/// Whether the canvas has keyboard focus.
pub fn has_keyboard_focus(ctx: &egui::Context) -> bool {
    ctx.memory(|m| m.has_focus(canvas_id()))
}

/// Gives the canvas keyboard focus.
pub fn focus(ctx: &egui::Context) {
    ctx.memory_mut(|m| m.request_focus(canvas_id()));
}

/// Accessible label of a system on the canvas.
pub fn system_label(name: &str) -> String {
    format!("System: {name}")
}

/// Accessible label of a dependency on the canvas.
pub fn dependency_label(from: &str, to: &str, kind: crate::model::DependencyType) -> String {
    format!("Dependency: {from} → {to} ({})", kind.label())
}

/// Draws the scene and handles pointer input. Returns this frame's events.
pub fn canvas_ui(
    ui: &mut egui::Ui,
    scene: &Scene,
    state: &mut CanvasState,
    theme: &Theme,
) -> Vec<CanvasEvent> {
    let mut events = Vec::new();
    let (rect, _) = ui.allocate_exact_size(ui.available_size(), Sense::hover());
    let bg = ui.interact(
        rect,
        canvas_id(),
        Sense::click_and_drag() | Sense::FOCUSABLE,
    );
    bg.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Other, true, "Canvas"));
    if bg.is_pointer_button_down_on() || bg.secondary_clicked() {
        bg.request_focus();
    }
    let focused = bg.has_focus();
    if focused {
        // Arrows nudge and Esc clears the selection: they must not move the focus away.
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                canvas_id(),
                egui::EventFilter {
                    tab: false,
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    escape: true,
                },
            );
        });
    }
    if state.view_rect != rect {
        // Panels opened, closed or resized: keep the map where it was on screen (a fit under
        // way fits it again below).
        let shift = (rect.center() - state.view_rect.center()) / state.camera.zoom;
        state.camera.center += shift;
        if let Some(fitted) = state.fit.as_mut().and_then(|f| f.fitted.as_mut()) {
            fitted.center += shift;
        }
        if let Some(fitted) = &mut state.last_fit {
            fitted.center += shift;
        }
        state.view_rect = rect;
    }
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, color(theme.canvas_bg));

    let (now, user_acted) = ui.input(|i| {
        let acted = i.events.iter().any(|e| {
            matches!(
                e,
                egui::Event::Key { pressed: true, .. }
                    | egui::Event::PointerButton { pressed: true, .. }
                    | egui::Event::Text(_)
                    | egui::Event::MouseWheel { .. }
                    | egui::Event::Zoom(_)
            )
        });
        (i.time, acted)
    });
    if state.step_fit(
        |memo| frame::fit_camera(scene, rect, theme, memo),
        rect,
        now,
        user_acted,
    ) {
        ui.ctx().request_repaint();
    }

    // Zoom with the wheel (or pinch / Ctrl+wheel) around the pointer.
    // Only when the canvas itself is under the pointer (not a menu or dialog on top of it).
    if let Some(pointer) = ui.input(|i| i.pointer.hover_pos())
        && ui.rect_contains_pointer(rect)
    {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = zoom * (scroll * 0.0015).exp();
        if (factor - 1.0).abs() > 1e-4 {
            state.camera.zoom_at(rect, pointer, factor);
        }
    }

    let cam = state.camera;
    if let Some(photo) = state
        .backdrop
        .as_ref()
        .and_then(|b| backdrop::shape(b, cam, rect))
    {
        painter.add(photo);
    }
    // Which systems are on screen, how big (grown to hold a shown label), where dependencies
    // and hulls run; then hulls, dependencies, bodies, then text.
    let frame::Frame {
        systems,
        dependencies,
        hulls,
        mut occupied,
        group_names,
        dependency_badges,
        ..
    } = frame::frame_with(scene, cam, rect, theme, &mut state.labels);
    let placed = labels::lay_out(&painter, &systems, theme);
    let mut shapes: Vec<Shape> =
        Vec::with_capacity(scene.graph.edge_count() * 2 + placed.len() * 6);
    for (_, h) in &hulls {
        hull::paint_hull(&mut shapes, h, theme);
    }
    let mut edge_paths: Vec<(&str, Vec<Pos2>)> = Vec::with_capacity(dependencies.len());
    for (look, path) in &dependencies {
        dependency_body(&mut shapes, path, look);
        edge_paths.push((&look.id, shapes::path_points(path)));
    }
    for p in &placed {
        marks::dependants_halo(&mut shapes, p.rect, p.shape.look.halo);
    }
    for p in &placed {
        system_body(&mut shapes, p.rect, &p.shape.look, cam.zoom);
    }
    labels::draw_system_labels(&mut shapes, &placed, theme);
    if scene.any_removed {
        for p in &placed {
            marks::removed_marks(&mut shapes, p.rect, &p.shape.look);
        }
        for (id, path) in &edge_paths {
            if let Some(e) = scene.edge_of.get(*id).and_then(|e| scene.graph.edge(*e)) {
                marks::removed_dependency_mark(&mut shapes, path, &e.display().look);
            }
        }
    }
    for (name, h) in &hulls {
        hull::paint_name(&mut shapes, &painter, name, h, theme);
    }
    // Cascade notes keep clear of the backlogs, the groups' names and the dependencies'
    // badges; the dependency labels placed after them keep clear of the notes.
    let mut keep_clear = labels::draw_backlogs(&mut shapes, &painter, &placed);
    keep_clear.extend(group_names.iter().map(|r| shapes::from_rect(*r)));
    keep_clear.extend(
        dependency_badges
            .iter()
            .flatten()
            .map(|(at, r)| Rect::from_center_size(shapes::pos(*at), Vec2::splat(2.0 * r))),
    );
    for note in labels::draw_cascade_notes(&mut shapes, &painter, &placed, keep_clear) {
        occupied.take(shapes::to_rect(note));
    }
    let badges = labels::draw_debt_badges(
        &mut shapes,
        &painter,
        &placed,
        &dependencies,
        &dependency_badges,
        theme,
    );
    labels::draw_pins(&mut shapes, &placed, &badges);
    marks::stage_markers(
        &mut shapes,
        &painter,
        &edge_paths,
        scene,
        theme.small_px,
        &mut occupied,
    );
    labels::draw_dependency_labels(
        &mut shapes,
        &painter,
        &edge_paths,
        scene,
        cam.zoom,
        theme,
        &mut occupied,
    );
    painter.extend(shapes);

    let frame = interact::FrameView {
        rect,
        cam,
        placed: &placed,
        edge_paths: &edge_paths,
        scene,
        read_only: state.read_only,
    };
    interact::accessibility(ui, &frame);
    interact::interact(ui, &bg, &frame, state, &painter, theme, &mut events);
    if focused && !state.presenting {
        // The map has the keyboard: single-key shortcuts act on it.
        painter.rect_stroke(
            rect.shrink(1.5),
            0.0,
            egui::Stroke::new(3.0, color(theme.selection)),
            egui::StrokeKind::Inside,
        );
    }
    if scene.graph.node_count() == 0 {
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "Double-click to add the first system, or press N",
            egui::FontId::proportional(18.0),
            Color32::GRAY,
        );
    }
    events
}
