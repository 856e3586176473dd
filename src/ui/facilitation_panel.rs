//! The facilitation panel: what to ask about the selected system, which of the four dependency
//! categories the room has reviewed (per system and across the map), the parking lot of open
//! questions and the integration council's decision log. Every change is an `ops` edit (undoable).

mod council;
mod parking;
pub mod questions;
mod review;

use std::collections::BTreeSet;

use egui::RichText;

use crate::model::{Workspace, slugify};
use crate::ops::Op;
use crate::ui::actions::{Action, DockRequest};
use crate::ui::debt_panel::link_name;
use crate::ui::dock::Pane;
use crate::ui::panel_ctx::PanelCtx;
use crate::ui::view::ViewState;
use review::Category;

/// Panel view state (not saved).
#[derive(Debug, Clone, Default)]
pub struct FacilitationState {
    /// The category whose not-yet-reviewed systems are highlighted on the canvas.
    pub(crate) highlighting: Option<Category>,
    park: parking::ParkForm,
    decision: council::DecisionForm,
}

/// Gives a text field its accessible name (kittest and screen readers find it by this).
fn named(r: egui::Response, label: &str) -> egui::Response {
    r.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, label));
    r
}

/// A readable name for anything a decision or parking-lot item links to.
fn linked_name(ws: &Workspace, id: &str) -> String {
    if let Some(d) = ws.debt.get(id) {
        format!("Debt: {}", d.title)
    } else if let Some(f) = ws.failure_modes.get(id) {
        format!("Failure mode: {}", f.title)
    } else {
        link_name(ws, id)
    }
}

/// The readable names of `links`, joined with commas.
fn names(ws: &Workspace, links: &[String]) -> String {
    links
        .iter()
        .map(|l| linked_name(ws, l))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An id made from `text` that no item in `taken` uses yet: a slug of its first words, then
/// `-2`, `-3` … if needed.
fn fresh_id(text: &str, taken: impl Fn(&str) -> bool) -> String {
    let slug = slugify(text);
    let mut base = String::new();
    for word in slug.split('-') {
        if !base.is_empty() && base.len() + word.len() > 40 {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(word);
    }
    crate::model::unique_id(base, taken)
}

/// The panel's contents: its title row (with a close button), the questions for the selection,
/// review coverage, the parking lot and the decision log.
pub fn facilitation_ui(
    ui: &mut egui::Ui,
    state: &mut FacilitationState,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
) {
    if state.highlighting.is_some() {
        // Against the document and view as they are when applied (after earlier actions).
        out.push(Action::FollowPromptHighlight);
    }
    ui.horizontal(|ui| {
        ui.heading("Facilitation");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("✕")
                .on_hover_text("Close the facilitation panel (Q)")
                .clicked()
            {
                out.push(Action::Dock(DockRequest::Close(Pane::Facilitation)));
            }
        });
    });
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Read-only: the questions and the record stay readable; ticking, parking
            // and recording are edits, disabled up front.
            let ro = cx.read_only;
            if ro {
                ui.label(
                    RichText::new("🔒 Read-only: reading only").color(ui.visuals().warn_fg_color),
                );
            }
            ui.add_enabled_ui(!ro, |ui| prompts_ui(ui, cx, out));
            ui.separator();
            coverage_ui(ui, state, cx, out);
            ui.separator();
            ui.add_enabled_ui(!ro, |ui| {
                parking::parking_lot_ui(ui, &mut state.park, cx, out);
            });
            ui.separator();
            ui.add_enabled_ui(!ro, |ui| {
                council::decisions_ui(ui, &mut state.decision, cx, out);
            });
        });
}

/// Keeps a coverage highlight in step with the document (a category ticked while it is shown),
/// and forgets it when something else replaced or cleared the highlight. True when the view
/// changed.
pub(crate) fn follow_highlight(
    state: &mut FacilitationState,
    ws: &Workspace,
    view: &mut ViewState,
) -> bool {
    let Some(cat) = state.highlighting else {
        return false;
    };
    let reason = not_reviewed_reason(cat);
    let Some(shown) = view
        .highlight
        .as_ref()
        .filter(|_| view.highlight_reason == reason)
    else {
        state.highlighting = None;
        return false;
    };
    let want = review::not_reviewed(ws, cat);
    if *shown == want {
        return false;
    }
    if want.is_empty() {
        state.highlighting = None;
        view.clear_highlight();
    } else {
        view.highlight_for(want, reason);
    }
    true
}

fn not_reviewed_reason(cat: Category) -> String {
    format!("Systems whose {} is not reviewed yet", cat.word())
}

/// The questions for the first selected system, with its review checklist.
fn prompts_ui(ui: &mut egui::Ui, cx: &PanelCtx, out: &mut Vec<Action>) {
    let Some(id) = cx.view.selected_systems().next() else {
        ui.label(RichText::new("Select a system to see questions for it").weak());
        return;
    };
    let Some(system) = cx.ws().systems.get(id) else {
        return;
    };
    let all = questions::questions(cx.ws(), id);
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
        out.push(Action::edit(Op::Update(s.into()), label));
    }
    if let Some(q) = park {
        parking::park_question(cx.ws(), q, String::new(), vec![id.clone()], out);
    }
}

/// Per category: how many systems the room has reviewed; a click highlights the rest.
fn coverage_ui(
    ui: &mut egui::Ui,
    state: &mut FacilitationState,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
) {
    let ws = cx.ws();
    let mut clicked: Option<Category> = None;
    egui::CollapsingHeader::new(RichText::new("Review coverage").strong())
        .id_salt("facil_coverage")
        .default_open(true)
        .show(ui, |ui| {
            let (full, total) = review::fully_reviewed(ws);
            ui.label(format!(
                "{full} of {} fully reviewed",
                crate::text::plural(total, "system", "systems")
            ));
            ui.add(egui::ProgressBar::new(fraction(full, total)).desired_height(8.0));
            ui.add_space(4.0);
            for cat in Category::ALL {
                let (done, total) = review::coverage(ws, cat);
                let text = format!(
                    "{done} of {}: {} reviewed",
                    crate::text::plural(total, "system", "systems"),
                    cat.word()
                );
                let on = state.highlighting == Some(cat);
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
    let Some(cat) = clicked else {
        return;
    };
    let set: BTreeSet<String> = if state.highlighting == Some(cat) {
        out.push(Action::Status("Highlight cleared".into()));
        BTreeSet::new()
    } else {
        let set = review::not_reviewed(ws, cat);
        out.push(Action::Status(if set.is_empty() {
            format!("Every system has its {} reviewed", cat.word())
        } else {
            format!(
                "Highlighted {} whose {} is not reviewed yet",
                crate::text::plural(set.len(), "system", "systems"),
                cat.word()
            )
        }));
        set
    };
    if set.is_empty() {
        state.highlighting = None;
        out.push(Action::view(ViewState::clear_highlight));
    } else {
        state.highlighting = Some(cat);
        out.push(Action::view(move |v| {
            v.highlight_for(set, not_reviewed_reason(cat));
        }));
    }
}

fn fraction(done: usize, total: usize) -> f32 {
    if total == 0 {
        0.0
    } else {
        done as f32 / total as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_short_slugs_and_unique() {
        let taken = ["pause-sync-during-close".to_owned()];
        let id = fresh_id("Pause sync during close!", |id| {
            taken.iter().any(|t| t == id)
        });
        assert_eq!(id, "pause-sync-during-close-2");
        let long = fresh_id(
            "Recommendations may disappear during incidents; bestsellers are an acceptable degraded mode.",
            |_| false,
        );
        assert_eq!(long, "recommendations-may-disappear-during");
        assert!(long.len() <= 40);
        assert_eq!(fresh_id("   ", |_| false), "item");
    }
}
