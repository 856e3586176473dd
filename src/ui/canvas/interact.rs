//! Pointer input on the canvas. One background widget takes every press; a hit test over what is
//! drawn this frame decides whether it hit a system, a connect handle or a dependency. This keeps
//! the cost independent of the map size (no widget per system), while accessible nodes for every
//! visible system and dependency are published when AccessKit is on (screen readers, tests).

use egui::{CursorIcon, Id, Painter, Pos2, Rect, Response, Sense, Stroke, StrokeKind, Vec2, pos2};

use super::labels::Placed;
use super::shapes::{distance_to_path, point_along};
use super::{Camera, CanvasEvent, CanvasState, Gesture, Scene, dependency_label, system_label};
use crate::model::parse_dependency_id;
use crate::theme::Theme;
use crate::ui::commands::UiCommand;
use crate::ui::theme::color;

/// What is on screen this frame, for hit testing.
pub struct FrameView<'a> {
    pub rect: Rect,
    pub cam: Camera,
    pub placed: &'a [Placed<'a>],
    pub edge_paths: &'a [(&'a str, Vec<Pos2>)],
    pub scene: &'a Scene,
    /// No connect handles: nothing may be changed.
    pub read_only: bool,
}

/// What a pointer position is over.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    System(String),
    Handle(String),
    Dependency(String),
    Canvas(Pos2),
}

const HANDLE: f32 = 14.0;
const EDGE_GRAB_PX: f32 = 6.0;

fn handle_rect(r: Rect) -> Rect {
    Rect::from_center_size(pos2(r.right() + 9.0, r.center().y), Vec2::splat(HANDLE))
}

fn edge_handle_rect(path: &[Pos2]) -> Rect {
    Rect::from_center_size(point_along(path, 0.5), Vec2::splat(HANDLE))
}

fn shows_handle(frame: &FrameView<'_>, p: &Placed<'_>, hovered: Option<&str>) -> bool {
    !frame.read_only
        && p.rect.width() >= 3.0
        && (p.shape.look.selected || hovered == Some(&*p.shape.look.id))
}

/// The topmost thing under `pos`: handles, then systems (last drawn on top), then dependencies.
fn hit(frame: &FrameView<'_>, pos: Pos2, hovered: Option<&str>) -> Target {
    for p in frame.placed.iter().rev() {
        if shows_handle(frame, p, hovered) && handle_rect(p.rect).contains(pos) {
            return Target::Handle(p.shape.look.id.to_string());
        }
    }
    if let Some(p) = frame.placed.iter().rev().find(|p| p.rect.contains(pos)) {
        return Target::System(p.shape.look.id.to_string());
    }
    let near = frame
        .edge_paths
        .iter()
        .map(|(id, path)| {
            let d = if edge_handle_rect(path).contains(pos) {
                0.0
            } else {
                distance_to_path(path, pos)
            };
            (d, id)
        })
        .filter(|(d, _)| *d < EDGE_GRAB_PX)
        .min_by(|a, b| a.0.total_cmp(&b.0));
    match near {
        Some((_, id)) => Target::Dependency(id.to_string()),
        None => Target::Canvas(frame.cam.canvas_from_screen(frame.rect, pos)),
    }
}

fn name_of<'a>(scene: &'a Scene, id: &'a str) -> &'a str {
    scene.system(id).map_or(id, |s| &s.look.name)
}

/// Publishes an accessible node per visible system, connect handle and dependency (only when
/// AccessKit is on, so a plain frame pays nothing for it). They only sense hover: presses go
/// to the canvas, which hit-tests them the same way.
pub fn accessibility(ui: &mut egui::Ui, frame: &FrameView<'_>) {
    if ui.ctx().accesskit_node_builder(ui.id(), |_| ()).is_none() {
        return;
    }
    for p in frame.placed {
        if p.rect.width() < 3.0 {
            continue;
        }
        let id = &*p.shape.look.id;
        let r = ui.interact(
            p.rect.intersect(frame.rect),
            Id::new(("system", id)),
            Sense::hover(),
        );
        let mut label = system_label(&p.shape.look.name);
        label.push_str(diff_suffix(p.shape.look.diff));
        r.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Button, true, &label));
        if p.shape.look.selected {
            let h = ui.interact(
                handle_rect(p.rect),
                Id::new(("connect", id)),
                Sense::hover(),
            );
            let label = format!("Connect from {}", p.shape.look.name);
            h.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Button, true, &label));
        }
    }
    for (id, path) in frame.edge_paths {
        let r = edge_handle_rect(path);
        if !frame.rect.contains(r.center()) {
            continue;
        }
        let mut label = match parse_dependency_id(id) {
            Some((from, to, kind)) => {
                dependency_label(name_of(frame.scene, from), name_of(frame.scene, to), kind)
            }
            None => id.to_string(),
        };
        if let Some(e) = frame
            .scene
            .edge_of
            .get(*id)
            .and_then(|e| frame.scene.graph.edge(*e))
        {
            label.push_str(diff_suffix(e.display().look.diff));
            if let Some((stage, _)) = &e.display().look.rollout {
                w!(label, " (rollout: {stage})");
            }
        }
        let resp = ui.interact(r, Id::new(("dependency", *id)), Sense::hover());
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Button, true, &label));
    }
}

/// What screen readers (and tests) hear about a scenario's difference.
fn diff_suffix(diff: Option<super::shapes::DiffMark>) -> &'static str {
    match diff {
        Some(super::shapes::DiffMark::Added(_)) => " (added in scenario)",
        Some(super::shapes::DiffMark::Removed(_)) => " (removed in scenario)",
        None => "",
    }
}

/// Handles this frame's pointer input on the canvas background response `bg`.
#[allow(
    clippy::too_many_lines,
    reason = "one gesture state machine; splitting it would scatter it"
)]
pub fn interact(
    ui: &mut egui::Ui,
    bg: &Response,
    frame: &FrameView<'_>,
    state: &mut CanvasState,
    painter: &Painter,
    theme: &Theme,
    events: &mut Vec<CanvasEvent>,
) {
    let pointer = ui.input(|i| i.pointer.interact_pos());
    let hover = ui
        .input(|i| i.pointer.hover_pos())
        .filter(|p| frame.rect.contains(*p) && bg.hovered());
    state.pointer_canvas = hover.map(|p| frame.cam.canvas_from_screen(frame.rect, p));
    let (shift, command) = ui.input(|i| (i.modifiers.shift, i.modifiers.command));
    let additive = shift || command;
    let hovered = hover.and_then(|p| frame.placed.iter().rev().find(|q| q.rect.contains(p)));
    let hovered_system = hovered.map(|q| q.shape.look.id.to_string());
    let over = hover.map(|p| hit(frame, p, hovered_system.as_deref()));
    // A name shortened or left out for lack of room: the whole name where the pointer is.
    if let Some(p) = hovered
        && p.label
            .as_ref()
            .is_none_or(|g| g.text() != &*p.shape.look.name)
        && state.gesture == Gesture::None
    {
        bg.clone().on_hover_text_at_pointer(&*p.shape.look.name);
    }

    // Feedback: connect handles, hovered dependency, cursor.
    for p in frame.placed {
        if shows_handle(frame, p, hovered_system.as_deref()) {
            painter.circle(
                handle_rect(p.rect).center(),
                5.0,
                color(theme.canvas_bg),
                Stroke::new(2.0, color(theme.selection)),
            );
        }
    }
    match &over {
        Some(Target::Dependency(id)) => {
            if let Some((_, path)) = frame.edge_paths.iter().find(|(e, _)| e == id) {
                painter.circle_stroke(
                    point_along(path, 0.5),
                    7.0,
                    Stroke::new(2.0, color(theme.selection)),
                );
            }
            ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
        }
        Some(Target::System(_)) => ui.ctx().set_cursor_icon(CursorIcon::PointingHand),
        Some(Target::Handle(_)) => ui.ctx().set_cursor_icon(CursorIcon::Crosshair),
        _ => {}
    }

    // Drags: decided by what was under the press, and the modifiers held at the press.
    if ui.input(|i| i.pointer.primary_pressed()) {
        state.press_modifiers = (shift, command);
    }
    if bg.drag_started() {
        let (shift, command) = state.press_modifiers;
        let additive = shift || command;
        let origin = ui.input(|i| i.pointer.press_origin()).or(pointer);
        let target = origin.map(|p| hit(frame, p, hovered_system.as_deref()));
        state.gesture = match (target, origin) {
            (Some(Target::Handle(id)), _) => Gesture::Connect { from: id },
            (Some(Target::System(id)), _) => {
                let selected = frame
                    .placed
                    .iter()
                    .any(|p| *p.shape.look.id == *id && p.shape.look.selected);
                if !selected {
                    events.push(CanvasEvent::Select { id, additive });
                }
                Gesture::Move
            }
            (_, Some(start)) if shift => Gesture::Box {
                start,
                additive: command,
            },
            _ => Gesture::Pan,
        };
    }
    if bg.dragged() {
        match &state.gesture {
            Gesture::Pan => {
                state.camera.center -= bg.drag_delta() / state.camera.zoom;
                ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
            }
            Gesture::Move => {
                let delta = bg.drag_delta() / frame.cam.zoom;
                if delta != Vec2::ZERO {
                    events.push(CanvasEvent::MoveSelection { delta });
                }
                ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
            }
            Gesture::Box { start, .. } => {
                if let Some(p) = pointer {
                    let sel = Rect::from_two_pos(*start, p);
                    painter.rect(
                        sel,
                        2.0,
                        color(theme.selection).gamma_multiply(0.12),
                        Stroke::new(1.0, color(theme.selection)),
                        StrokeKind::Inside,
                    );
                }
            }
            Gesture::Connect { from } => {
                if let (Some(start), Some(p)) = (
                    frame.placed.iter().find(|q| *q.shape.look.id == **from),
                    pointer,
                ) {
                    let stroke = Stroke::new(2.0, color(theme.selection));
                    painter.line_segment([start.rect.center(), p], stroke);
                    if frame.rect.contains(p) && !frame.placed.iter().any(|q| q.rect.contains(p)) {
                        // Dropping here adds a new system: show where it goes.
                        let ghost = Rect::from_center_size(
                            p,
                            Vec2::new(120.0, 44.0) * frame.cam.zoom.clamp(0.5, 1.5),
                        );
                        painter.add(egui::Shape::dashed_line(
                            &[
                                ghost.left_top(),
                                ghost.right_top(),
                                ghost.right_bottom(),
                                ghost.left_bottom(),
                                ghost.left_top(),
                            ],
                            stroke,
                            6.0,
                            4.0,
                        ));
                        painter.text(
                            ghost.center(),
                            egui::Align2::CENTER_CENTER,
                            "New system",
                            egui::FontId::proportional(theme.small_px),
                            color(theme.selection),
                        );
                    }
                }
                ui.ctx().set_cursor_icon(CursorIcon::Crosshair);
            }
            Gesture::None => {}
        }
    }
    if bg.drag_stopped() {
        match (std::mem::take(&mut state.gesture), pointer) {
            (Gesture::Move, _) => events.push(CanvasEvent::MoveEnded),
            (Gesture::Box { start, additive }, Some(p)) => {
                let sel = Rect::from_two_pos(start, p);
                let ids = frame
                    .placed
                    .iter()
                    .filter(|q| sel.intersects(q.rect))
                    .map(|q| q.shape.look.id.to_string())
                    .collect();
                events.push(CanvasEvent::SelectMany { ids, additive });
            }
            (Gesture::Connect { from }, Some(p)) => {
                match frame.placed.iter().rev().find(|q| q.rect.contains(p)) {
                    Some(q) if *q.shape.look.id != *from => events.push(CanvasEvent::Connect {
                        from,
                        to: q.shape.look.id.to_string(),
                    }),
                    // Dropped back on its own system: nothing.
                    Some(_) => {}
                    // Dropped on empty canvas: add a system there that `from` needs.
                    None if frame.rect.contains(p) => events.push(CanvasEvent::AddNeededBy {
                        from,
                        at: frame.cam.canvas_from_screen(frame.rect, p),
                    }),
                    None => {}
                }
            }
            _ => {}
        }
    }

    // Clicks.
    let target = pointer.map(|p| hit(frame, p, hovered_system.as_deref()));
    if bg.double_clicked() {
        match target.clone() {
            Some(Target::System(id)) => events.push(CanvasEvent::Rename(id)),
            Some(Target::Canvas(at)) => events.push(CanvasEvent::AddSystemAt(at)),
            _ => {}
        }
    } else if bg.clicked() {
        events.push(match target.clone() {
            Some(Target::System(id) | Target::Dependency(id)) => {
                CanvasEvent::Select { id, additive }
            }
            _ => CanvasEvent::ClearSelection,
        });
    }
    if bg.secondary_clicked() {
        state.context = target;
        if let Some(Target::System(id) | Target::Dependency(id)) = &state.context {
            let selected = frame
                .placed
                .iter()
                .any(|p| *p.shape.look.id == **id && p.shape.look.selected)
                || frame
                    .scene
                    .edge_of
                    .get(id)
                    .and_then(|e| frame.scene.graph.edge(*e))
                    .is_some_and(|e| e.display().look.selected);
            if !selected {
                events.push(CanvasEvent::Select {
                    id: id.clone(),
                    additive: false,
                });
            }
        }
    }
    let context = state.context.clone();
    let read_only = state.read_only;
    // Read-only: the entries that would edit are there, disabled, saying why.
    let entry = |ui: &mut egui::Ui, text: &str, edits: bool| {
        ui.add_enabled(!(read_only && edits), egui::Button::new(text))
            .on_disabled_hover_text(crate::ui::gate::READ_ONLY_WHY)
            .clicked()
    };
    bg.context_menu(|ui| {
        let item = |ui: &mut egui::Ui, cmd: UiCommand, events: &mut Vec<CanvasEvent>| {
            if entry(ui, cmd.menu_text(), cmd.edits_document()) {
                events.push(CanvasEvent::Command(cmd));
            }
        };
        match &context {
            Some(Target::System(id) | Target::Handle(id)) => {
                if entry(ui, "Rename…", true) {
                    events.push(CanvasEvent::Rename(id.clone()));
                }
                for cmd in [
                    UiCommand::TogglePin,
                    UiCommand::ConnectSelected,
                    UiCommand::ZoomToSelection,
                    UiCommand::Copy,
                    UiCommand::Duplicate,
                    UiCommand::RecordDebt,
                    UiCommand::AddFailureMode,
                    UiCommand::SimulateDown,
                    UiCommand::SimulateSlow,
                    UiCommand::Delete,
                ] {
                    item(ui, cmd, events);
                }
            }
            Some(Target::Dependency(_)) => {
                for cmd in [
                    UiCommand::ZoomToSelection,
                    UiCommand::RecordDebt,
                    UiCommand::AddFailureMode,
                    UiCommand::Delete,
                ] {
                    item(ui, cmd, events);
                }
            }
            Some(Target::Canvas(at)) => {
                if entry(ui, UiCommand::AddSystem.menu_text(), true) {
                    events.push(CanvasEvent::AddSystemAt(*at));
                }
                for cmd in [
                    UiCommand::Paste,
                    UiCommand::ZoomToFit,
                    UiCommand::ToggleLayout,
                    UiCommand::SelectAll,
                ] {
                    item(ui, cmd, events);
                }
            }
            None => {}
        }
    });
}
