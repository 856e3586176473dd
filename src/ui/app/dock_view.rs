//! Draws the dock: which panel goes in which tile, the map in its tab, floated panels in their
//! own windows. What the panes ask for is collected as actions for the end of the frame.

use egui_tiles::{TileId, Tiles, UiResponse};

use crate::ui::actions::Action;
use crate::ui::app::DepdigApp;
use crate::ui::dock::{Dock, Pane};

struct DockBehavior<'a> {
    app: &'a mut DepdigApp,
    out: &'a mut Vec<Action>,
    /// Panes whose float button was used this frame.
    float: Vec<Pane>,
}

impl egui_tiles::Behavior<Pane> for DockBehavior<'_> {
    fn pane_ui(&mut self, ui: &mut egui::Ui, _tile_id: TileId, pane: &mut Pane) -> UiResponse {
        if *pane == Pane::Canvas {
            self.app.pane_ui(ui, *pane, self.out);
        } else {
            // Panels sit on the panel colour, with a margin, like egui's side panels.
            ui.painter()
                .rect_filled(ui.max_rect(), 0.0, ui.visuals().panel_fill);
            egui::Frame::new()
                .inner_margin(egui::Margin::symmetric(8, 4))
                .show(ui, |ui| {
                    ui.set_min_size(ui.available_size());
                    self.app.pane_ui(ui, *pane, self.out);
                });
        }
        UiResponse::None
    }

    fn tab_title_for_pane(&mut self, pane: &Pane) -> egui::WidgetText {
        pane.title().into()
    }

    fn is_tab_closable(&self, tiles: &Tiles<Pane>, tile_id: TileId) -> bool {
        tiles.get_pane(&tile_id) != Some(&Pane::Canvas)
    }

    fn top_bar_right_ui(
        &mut self,
        tiles: &Tiles<Pane>,
        ui: &mut egui::Ui,
        _tile_id: TileId,
        tabs: &egui_tiles::Tabs,
        _scroll_offset: &mut f32,
    ) {
        let Some(pane) = tabs.active.and_then(|id| tiles.get_pane(&id).copied()) else {
            return;
        };
        if pane != Pane::Canvas {
            let r = ui
                .small_button("↗")
                .on_hover_text(format!("Float {} in its own window", pane.title()));
            r.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::WidgetType::Button,
                    true,
                    format!("Float {}", pane.title()),
                )
            });
            if r.clicked() {
                self.float.push(pane);
            }
        }
    }

    fn simplification_options(&self) -> egui_tiles::SimplificationOptions {
        Dock::simplification()
    }

    fn min_size(&self) -> f32 {
        120.0
    }
}

impl DepdigApp {
    /// The dock (map and docked panels) in `ui`, then floated panels in their own windows.
    pub(crate) fn dock_ui(&mut self, ui: &mut egui::Ui, out: &mut Vec<Action>) {
        let mut tree = std::mem::replace(&mut self.dock.tree, egui_tiles::Tree::empty("dock"));
        let mut behavior = DockBehavior {
            app: self,
            out,
            float: Vec::new(),
        };
        tree.ui(&mut behavior, ui);
        let float = behavior.float;
        self.dock.tree = tree;
        for pane in float {
            self.dock.float(pane);
        }
        let ctx = ui.ctx().clone();
        for pane in self.dock.floating.clone() {
            let mut open = true;
            let mut dock_back = false;
            egui::Window::new(pane.title())
                .id(egui::Id::new(("floating", pane)))
                .open(&mut open)
                .default_size([360.0, 320.0])
                .default_pos(ui.max_rect().center() - egui::vec2(180.0, 160.0))
                .show(&ctx, |ui| {
                    if ui
                        .small_button("⇲ Dock")
                        .on_hover_text("Put this panel back beside the map")
                        .clicked()
                    {
                        dock_back = true;
                    }
                    self.pane_ui(ui, pane, out);
                });
            if !open {
                self.dock.close(pane);
            } else if dock_back {
                self.dock.dock_back(pane);
            }
        }
    }

    /// What is in one pane.
    fn pane_ui(&mut self, ui: &mut egui::Ui, pane: Pane, out: &mut Vec<Action>) {
        match pane {
            Pane::Canvas => self.canvas_pane_ui(ui, out),
            Pane::Inspector => self.inspector_pane_ui(ui, out),
            Pane::Legend => {
                let (cx, _) = self.panel_parts();
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| crate::ui::panels::legend_panel_ui(ui, &cx, out));
            }
            Pane::Findings => {
                let (cx, panels) = self.panel_parts();
                crate::ui::findings_panel::findings_ui(ui, &mut panels.findings, &cx, out);
            }
            Pane::Cascade => {
                let (cx, panels) = self.panel_parts();
                crate::ui::findings_panel::cascade_ui(ui, &mut panels.findings, &cx, out);
            }
            Pane::Debt => {
                let (cx, panels) = self.panel_parts();
                crate::ui::debt_panel::debt_register_ui(ui, &mut panels.debt, &cx, out);
            }
            Pane::Failures => {
                let (cx, panels) = self.panel_parts();
                crate::ui::failure_panel::failure_modes_ui(ui, &mut panels.failures, &cx, out);
            }
            Pane::Views => {
                let (cx, panels) = self.panel_parts();
                crate::ui::views_panel::views_ui(ui, &mut panels.views_panel, &cx, out);
            }
            Pane::Rollouts => {
                let (cx, panels) = self.panel_parts();
                crate::ui::rollouts_panel::rollouts_ui(ui, &mut panels.rollouts, &cx, out);
            }
            Pane::Roadmap => {
                let (cx, panels) = self.panel_parts();
                crate::ui::roadmap_panel::roadmap_ui(ui, &mut panels.roadmap, &cx, out);
            }
            Pane::Facilitation => {
                let (cx, panels) = self.panel_parts();
                crate::ui::facilitation_panel::facilitation_ui(
                    ui,
                    &mut panels.facilitation,
                    &cx,
                    out,
                );
            }
        }
    }

    /// The inspector: the failure mode or debt item being edited, else the selection's fields.
    fn inspector_pane_ui(&mut self, ui: &mut egui::Ui, out: &mut Vec<Action>) {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.add_space(4.0);
            if self.read_only {
                ui.label(
                    egui::RichText::new("🔒 Read-only: nothing here can be changed")
                        .color(ui.visuals().warn_fg_color),
                );
            }
            // Read-only: `ops` refuses edits anyway; the fields say so up front.
            ui.add_enabled_ui(!self.read_only, |ui| {
                // A failure mode or debt item being edited takes the inspector.
                let (cx, panels) = self.panel_parts();
                let editing =
                    crate::ui::failure_panel::failure_editor_ui(ui, &mut panels.failures, &cx, out)
                        || crate::ui::debt_panel::debt_editor_ui(
                            ui,
                            &mut panels.debt,
                            &mut panels.inspector.buffers,
                            &cx,
                            out,
                        );
                if !editing {
                    crate::ui::inspector::selection_ui(ui, &mut panels.inspector, &cx, out);
                }
            });
        });
    }

    /// The map: the find bar above it, the banner over it; what is done on it becomes actions.
    pub(crate) fn canvas_pane_ui(&mut self, ui: &mut egui::Ui, out: &mut Vec<Action>) {
        if self.panels.find.open && !self.presenting {
            crate::ui::panels::find_bar_ui(ui, &mut self.panels.find, out);
        }
        self.canvas.read_only = self.read_only;
        self.canvas.presenting = self.presenting;
        self.prepare_backdrop(ui.ctx());
        let theme = self.theme();
        if let Some(scene) = &self.scene {
            let events = crate::ui::canvas::canvas_ui(ui, scene, &mut self.canvas, &theme);
            out.extend(events.into_iter().map(Action::Canvas));
        }
        let (cx, _) = self.panel_parts();
        crate::ui::views_panel::filter_indicator_ui(ui, &cx, out);
    }
}
