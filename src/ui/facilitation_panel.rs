//! The facilitation panel: what to ask about the selected system, which of the four dependency
//! categories the room has reviewed (per system and across the map), the parking lot of open
//! questions and the integration council's decision log. Every change is an `ops` edit (undoable).

mod council;
pub mod questions;

use egui::{Panel, RichText};

use crate::ops::Op;
use crate::ui::app::DepdigApp;
use questions::Category;

/// Panel view state (not saved).
#[derive(Debug, Clone, Default)]
pub struct FacilitationState {
    pub open: bool,
    /// The category whose not-yet-reviewed systems are highlighted on the canvas.
    pub(crate) highlighting: Option<Category>,
    park: council::ParkForm,
    decision: council::DecisionForm,
}

/// Gives a text field its accessible name (kittest and screen readers find it by this).
fn named(r: egui::Response, label: &str) -> egui::Response {
    r.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, label));
    r
}

pub fn facilitation_panel_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    if !app.panels.facilitation.open {
        return;
    }
    follow_highlight(app);
    Panel::left("facilitation")
        .resizable(true)
        .default_size(400.0)
        .min_size(280.0)
        .max_size(640.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("Facilitation");
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .small_button("✕")
                        .on_hover_text("Close the facilitation panel (Q)")
                        .clicked()
                    {
                        app.panels.facilitation.open = false;
                    }
                });
            });
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    // Read-only: the questions and the record stay readable; ticking, parking
                    // and recording are edits, disabled up front.
                    let ro = app.read_only;
                    if ro {
                        ui.label(
                            RichText::new("🔒 Read-only: reading only")
                                .color(ui.visuals().warn_fg_color),
                        );
                    }
                    ui.add_enabled_ui(!ro, |ui| prompts_ui(ui, app));
                    ui.separator();
                    coverage_ui(ui, app);
                    ui.separator();
                    ui.add_enabled_ui(!ro, |ui| council::parking_lot_ui(ui, app));
                    ui.separator();
                    ui.add_enabled_ui(!ro, |ui| council::decisions_ui(ui, app));
                });
        });
}

/// Keeps a coverage highlight in step with the document (a category ticked while it is shown),
/// and forgets it when something else replaced or cleared the highlight.
fn follow_highlight(app: &mut DepdigApp) {
    let Some(cat) = app.panels.facilitation.highlighting else {
        return;
    };
    let Some(shown) = &app.view.highlight else {
        app.panels.facilitation.highlighting = None;
        return;
    };
    let want = questions::not_reviewed(&app.doc.ws, cat);
    if *shown != want {
        if want.is_empty() {
            app.panels.facilitation.highlighting = None;
            app.view.clear_highlight();
        } else {
            app.view.highlight_for(
                want,
                format!("Systems whose {} is not reviewed yet", cat.word()),
            );
        }
        app.view_changed();
    }
}

/// The questions for the first selected system, with its review checklist.
fn prompts_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    let Some(id) = app.view.selected_systems().next().cloned() else {
        ui.label(RichText::new("Select a system to see questions for it").weak());
        return;
    };
    let Some(system) = app.doc.ws.systems.get(&id).cloned() else {
        return;
    };
    let all = questions::questions(&app.doc.ws, &id);
    let mut toggled: Option<(Category, bool)> = None;
    let mut park: Option<String> = None;
    egui::CollapsingHeader::new(RichText::new(format!("Questions for {}", system.name)).strong())
        .id_salt("facil_questions")
        .default_open(true)
        .show(ui, |ui| {
            for cat in Category::ALL {
                ui.add_space(4.0);
                ui.horizontal(|ui| {
                    ui.label(RichText::new(cat.label()).strong().size(16.0));
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        let mut done = cat.reviewed(system.review);
                        if ui
                            .checkbox(&mut done, format!("{} reviewed", cat.label()))
                            .on_hover_text(format!(
                                "The room has talked through the {} dependencies of {}",
                                cat.word(),
                                system.name
                            ))
                            .changed()
                        {
                            toggled = Some((cat, done));
                        }
                    });
                });
                for (_, q) in all.iter().filter(|(c, _)| *c == cat) {
                    ui.horizontal_top(|ui| {
                        if ui
                            .small_button("Park")
                            .on_hover_text("Park this question: nobody can answer it yet")
                            .clicked()
                        {
                            park = Some(q.clone());
                        }
                        ui.add(egui::Label::new(q.as_str()).wrap());
                    });
                }
            }
        });
    if let Some((cat, done)) = toggled {
        let mut s = system.clone();
        cat.set_reviewed(&mut s.review, done);
        let label = format!(
            "Mark {} {}: {}",
            cat.word(),
            if done { "reviewed" } else { "not reviewed" },
            system.name
        );
        app.edit(Op::Update(s.into()), &label);
    }
    if let Some(q) = park {
        council::park_question(app, q, String::new(), vec![id]);
    }
}

/// Per category: how many systems the room has reviewed; a click highlights the rest.
fn coverage_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    let ws = &app.doc.ws;
    let mut clicked: Option<Category> = None;
    egui::CollapsingHeader::new(RichText::new("Review coverage").strong())
        .id_salt("facil_coverage")
        .default_open(true)
        .show(ui, |ui| {
            let (full, total) = questions::fully_reviewed(ws);
            ui.label(format!(
                "{full} of {} fully reviewed",
                crate::text::plural(total, "system", "systems")
            ));
            ui.add(egui::ProgressBar::new(fraction(full, total)).desired_height(8.0));
            ui.add_space(4.0);
            for cat in Category::ALL {
                let (done, total) = questions::coverage(ws, cat);
                let text = format!(
                    "{done} of {}: {} reviewed",
                    crate::text::plural(total, "system", "systems"),
                    cat.word()
                );
                let on = app.panels.facilitation.highlighting == Some(cat);
                let hover = if on {
                    "Click again to clear the highlight".to_owned()
                } else {
                    format!(
                        "Highlight the systems whose {} is not reviewed yet",
                        cat.word()
                    )
                };
                if ui.selectable_label(on, text).on_hover_text(hover).clicked() {
                    clicked = Some(cat);
                }
                ui.add(egui::ProgressBar::new(fraction(done, total)).desired_height(6.0));
            }
        });
    if let Some(cat) = clicked {
        if app.panels.facilitation.highlighting == Some(cat) {
            app.panels.facilitation.highlighting = None;
            app.view.clear_highlight();
            app.status = "Highlight cleared".into();
        } else {
            let set = questions::not_reviewed(&app.doc.ws, cat);
            if set.is_empty() {
                app.panels.facilitation.highlighting = None;
                app.view.clear_highlight();
                app.status = format!("Every system has its {} reviewed", cat.word());
            } else {
                app.status = format!(
                    "Highlighted {} whose {} is not reviewed yet",
                    crate::text::plural(set.len(), "system", "systems"),
                    cat.word()
                );
                app.panels.facilitation.highlighting = Some(cat);
                app.view.highlight_for(
                    set,
                    format!("Systems whose {} is not reviewed yet", cat.word()),
                );
            }
        }
        app.view_changed();
    }
}

fn fraction(done: usize, total: usize) -> f32 {
    if total == 0 {
        0.0
    } else {
        done as f32 / total as f32
    }
}
