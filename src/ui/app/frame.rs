//! One frame: input becomes commands, the menus, the dock and the dialogs draw and say what they
//! want done, and the dispatcher carries it out at the end.

use std::path::PathBuf;

use crate::ui::actions::Action;
use crate::ui::app::DepdigApp;
use crate::ui::app::dialogs::Dialog;
use crate::ui::app::keyboard::KeyboardFocus;
use crate::ui::canvas::{self, Scene};
use crate::ui::commands::UiCommand;
use crate::ui::dock::Pane;

impl DepdigApp {
    fn ensure_scene(&mut self) {
        let key = (self.doc.revision, self.view_revision);
        if self.scene.is_none() || self.scene_key != key {
            let theme = self.theme();
            let analysis = crate::ui::findings_panel::analysis_of(
                &mut self.panels.findings,
                &self.doc,
                &self.view,
            );
            self.scene = Some(Scene::build(
                self.doc.ws(),
                &self.view,
                &theme,
                Some(analysis),
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

        let mut actions: Vec<Action> = commands.into_iter().map(Action::Command).collect();
        if self.theme_applied != Some(self.view.theme) {
            crate::ui::theme::apply(&ctx, &self.theme());
            self.theme_applied = Some(self.view.theme);
        }
        {
            let (cx, _) = self.panel_parts();
            if cx.presenting {
                crate::ui::panels::presentation_title_ui(ui, &cx, &mut actions);
            } else {
                let before = actions.len();
                crate::ui::menus::menu_bar_ui(ui, &cx, &mut actions);
                crate::ui::menus::toolbar_ui(ui, &cx, &mut actions);
                // A menu entry or toolbar button used: the keyboard goes back to the map.
                if actions.len() > before {
                    actions.push(Action::FocusCanvas);
                }
                crate::ui::panels::status_bar_ui(ui, &cx);
            }
        }
        self.step_layout(&ctx);
        self.ensure_scene();
        if let (Some(live), Some(scene)) = (&self.live, &mut self.scene) {
            for (id, p) in live.positions() {
                scene.set_position(id, egui::pos2(p[0], p[1]));
            }
            // Boxes in motion: straight lines (routing every frame costs tens of ms on a few
            // hundred systems); the map is routed again when the run ends and the scene is built.
            scene.straighten();
        }
        if self.presenting {
            if self.dock.is_open(Pane::Legend) {
                egui::Panel::left("legend")
                    .resizable(false)
                    .default_size(210.0)
                    .show(ui, |ui| {
                        let (cx, _) = self.panel_parts();
                        crate::ui::panels::legend_panel_ui(ui, &cx, &mut actions);
                    });
            }
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| self.canvas_pane_ui(ui, &mut actions));
        } else {
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| self.dock_ui(ui, &mut actions));
        }
        let (cx, panels) = self.panel_parts();
        if let Some(title) =
            crate::ui::failure_panel::rehearsal_title(&mut panels.failures, cx.ws())
        {
            // Over the map, below the banner that says what is dimmed.
            egui::Window::new(title)
                .default_pos(cx.view_rect.left_top() + egui::vec2(24.0, 64.0))
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
        self.drift_window(&ctx);
        self.compare_window(&ctx, &mut actions);
        crate::ui::app::dialogs::dialogs_ui(&ctx, self);

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
                self.doc.ws().systems.len(),
                log[log.len() / 2],
                log[log.len() * 95 / 100]
            );
            log.clear();
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let (dropped, shift): (Vec<PathBuf>, bool) = ctx.input(|i| {
            let paths = i
                .raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect();
            (paths, i.modifiers.shift)
        });
        // A photo dropped with Shift becomes the backdrop; without Shift, say how.
        if let Some(image) = dropped
            .iter()
            .find(|p| crate::ui::app::backdrop::is_image_path(p))
        {
            if shift {
                self.place_backdrop(ctx, image);
            } else if crate::io::png_workspace::file_is_png(image) {
                // An editable PNG export opens; any other PNG says why not, and how to place it.
                match crate::io::png_workspace::carried_text(image) {
                    Ok(_) => self.request_open(image.clone()),
                    Err(e) => {
                        self.status = format!(
                            "{e}. Hold Shift while dropping it to place it behind the map as a backdrop"
                        );
                    }
                }
            } else {
                self.status = format!(
                    "Hold Shift while dropping {} to place it behind the map as a backdrop",
                    image.display()
                );
            }
            return;
        }
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
                then: crate::ui::app::dialogs::AfterDiscard::Close,
            });
        }
    }
}
