//! The parking lot (questions nobody in the room could answer yet) and the integration council's
//! decision log, with their add/edit forms. Every change is an `ops` edit.

use egui::RichText;

use crate::model::{Date, Decision, ItemKind, ParkingLotItem, Workspace, slugify};
use crate::ops::{ItemRef, Op};
use crate::ui::app::DepdigApp;
use crate::ui::debt_panel::{link_name, today};

use super::named;

/// The "park a question" form.
#[derive(Debug, Clone, Default)]
pub(super) struct ParkForm {
    question: String,
    raised_by: String,
    /// The item being answered and the answer typed so far.
    answering: Option<(String, String)>,
    /// Give the answer field the keyboard on the next frame.
    focus_answer: bool,
}

/// The "record a council decision" form; also used to edit one.
#[derive(Debug, Clone, Default)]
pub(super) struct DecisionForm {
    /// `None` until the form is first shown; then today's date.
    date: Option<String>,
    decision: String,
    decided_by: String,
    trade_off: String,
    /// Debt items and failure modes picked in the combo box, plus (when editing) the entry's links.
    picks: Vec<String>,
    /// The decision being edited, if any.
    editing: Option<String>,
    /// Why the last "Record decision" was refused.
    error: Option<String>,
}

/// A readable name for anything a decision or parking-lot item links to.
pub(super) fn linked_name(ws: &Workspace, id: &str) -> String {
    if let Some(d) = ws.debt.get(id) {
        format!("Debt: {}", d.title)
    } else if let Some(f) = ws.failure_modes.get(id) {
        format!("Failure mode: {}", f.title)
    } else {
        link_name(ws, id)
    }
}

fn names(ws: &Workspace, links: &[String]) -> String {
    links
        .iter()
        .map(|l| linked_name(ws, l))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An id made from `text` that no item in `taken` uses yet: a slug of its first words, then
/// `-2`, `-3` … if needed.
pub(super) fn fresh_id(text: &str, taken: impl Fn(&str) -> bool) -> String {
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

/// Adds a question to the parking lot, linked to `links`, dated today.
pub(super) fn park_question(
    app: &mut DepdigApp,
    question: String,
    raised_by: String,
    links: Vec<String>,
) -> bool {
    let ws = &app.doc.ws;
    let id = fresh_id(&question, |id| ws.parking_lot.contains_key(id));
    let item = ParkingLotItem {
        id,
        question,
        raised_by,
        links,
        created: Some(today()),
        answered: false,
        answer: String::new(),
    };
    app.edit(Op::Add(item.into()), "Park a question")
}

pub(super) fn parking_lot_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    let open_count = app
        .doc
        .ws
        .parking_lot
        .values()
        .filter(|p| !p.answered)
        .count();
    let selection: Vec<String> = app.view.selection.iter().cloned().collect();
    let mut add = false;
    let mut answer: Option<(String, String)> = None;
    let mut reopen: Option<String> = None;
    let mut delete: Option<String> = None;
    egui::CollapsingHeader::new(RichText::new(format!("Parking lot ({open_count} open)")).strong())
        .id_salt("facil_parking")
        .default_open(true)
        .show(ui, |ui| {
            let form = &mut app.panels.facilitation.park;
            let r = ui.add(
                egui::TextEdit::multiline(&mut form.question)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .hint_text("A question nobody in the room can answer yet"),
            );
            named(r, "Parking-lot question");
            ui.horizontal(|ui| {
                let r = ui.add(
                    egui::TextEdit::singleline(&mut form.raised_by)
                        .desired_width(180.0)
                        .hint_text("raised by (optional)"),
                );
                named(r, "Raised by");
                if ui
                    .add_enabled(
                        !form.question.trim().is_empty(),
                        egui::Button::new("Add question"),
                    )
                    .on_hover_text("Park the question, linked to the selection")
                    .clicked()
                {
                    add = true;
                }
            });
            if !selection.is_empty() {
                ui.label(
                    RichText::new(format!("Links: {}", names(&app.doc.ws, &selection)))
                        .small()
                        .weak(),
                );
            }
            let ws = &app.doc.ws;
            let mut items: Vec<&ParkingLotItem> = ws.parking_lot.values().collect();
            items.sort_by(|a, b| {
                (a.answered, b.created, &a.id).cmp(&(b.answered, a.created, &b.id))
            });
            let (answered, open): (Vec<&ParkingLotItem>, Vec<&ParkingLotItem>) =
                items.into_iter().partition(|p| p.answered);
            for p in open {
                ui.add_space(4.0);
                ui.add(egui::Label::new(RichText::new(&p.question)).wrap());
                ui.add(egui::Label::new(RichText::new(meta_line(ws, p)).small().weak()).wrap());
                let form = &mut app.panels.facilitation.park;
                match &mut form.answering {
                    Some((id, text)) if *id == p.id => {
                        let r = ui.add(
                            egui::TextEdit::multiline(text)
                                .desired_rows(2)
                                .desired_width(f32::INFINITY)
                                .hint_text("What the room found out"),
                        );
                        let r = named(r, "Answer");
                        if std::mem::take(&mut form.focus_answer) {
                            r.request_focus();
                        }
                        let mut cancel = false;
                        ui.horizontal(|ui| {
                            if ui.button("Mark answered").clicked() {
                                answer = Some((p.id.clone(), text.trim().to_owned()));
                            }
                            cancel = ui.button("Cancel").clicked();
                        });
                        if cancel {
                            form.answering = None;
                        }
                    }
                    _ => {
                        ui.horizontal(|ui| {
                            if ui
                                .small_button("Answer…")
                                .on_hover_text("Record the answer and mark the question answered")
                                .clicked()
                            {
                                form.answering = Some((p.id.clone(), String::new()));
                                form.focus_answer = true;
                            }
                            if ui
                                .small_button("🗑")
                                .on_hover_text("Delete this question")
                                .clicked()
                            {
                                delete = Some(p.id.clone());
                            }
                        });
                    }
                }
            }
            if !answered.is_empty() {
                egui::CollapsingHeader::new(format!("Answered ({})", answered.len()))
                    .id_salt("facil_answered")
                    .default_open(false)
                    .show(ui, |ui| {
                        for p in answered {
                            ui.add(
                                egui::Label::new(RichText::new(&p.question).strikethrough().weak())
                                    .wrap(),
                            );
                            if !p.answer.is_empty() {
                                ui.add(egui::Label::new(format!("→ {}", p.answer)).wrap());
                            }
                            ui.add(
                                egui::Label::new(RichText::new(meta_line(ws, p)).small().weak())
                                    .wrap(),
                            );
                            ui.horizontal(|ui| {
                                if ui
                                    .small_button("Reopen")
                                    .on_hover_text("Mark it open again")
                                    .clicked()
                                {
                                    reopen = Some(p.id.clone());
                                }
                                if ui
                                    .small_button("🗑")
                                    .on_hover_text("Delete this question")
                                    .clicked()
                                {
                                    delete = Some(p.id.clone());
                                }
                            });
                            ui.add_space(4.0);
                        }
                    });
            }
        });
    if add {
        let form = &app.panels.facilitation.park;
        let (q, by) = (
            form.question.trim().to_owned(),
            form.raised_by.trim().to_owned(),
        );
        if park_question(app, q, by, selection) {
            app.panels.facilitation.park.question.clear();
        }
    }
    if let Some((id, text)) = answer
        && let Some(p) = app.doc.ws.parking_lot.get(&id)
    {
        let item = ParkingLotItem {
            answered: true,
            answer: text,
            ..p.clone()
        };
        if app.edit(Op::Update(item.into()), "Mark question answered") {
            app.panels.facilitation.park.answering = None;
        }
    }
    if let Some(id) = reopen
        && let Some(p) = app.doc.ws.parking_lot.get(&id)
    {
        let item = ParkingLotItem {
            answered: false,
            ..p.clone()
        };
        app.edit(Op::Update(item.into()), "Reopen question");
    }
    if let Some(id) = delete {
        app.edit(
            Op::Remove(ItemRef::new(ItemKind::ParkingLot, id)),
            "Delete parking-lot question",
        );
    }
}

/// "raised by Tom · 2026-10-08 · Auth, Reporting DB".
fn meta_line(ws: &Workspace, p: &ParkingLotItem) -> String {
    let mut parts = Vec::new();
    if !p.raised_by.is_empty() {
        parts.push(format!("raised by {}", p.raised_by));
    }
    if let Some(d) = p.created {
        parts.push(d.to_string());
    }
    if !p.links.is_empty() {
        parts.push(names(ws, &p.links));
    }
    parts.join(" · ")
}

pub(super) fn decisions_ui(ui: &mut egui::Ui, app: &mut DepdigApp) {
    let mut submit = false;
    let mut edit: Option<String> = None;
    let mut delete: Option<String> = None;
    let selection: Vec<String> = app.view.selection.iter().cloned().collect();
    let count = app.doc.ws.decisions.len();
    egui::CollapsingHeader::new(RichText::new(format!("Council decisions ({count})")).strong())
        .id_salt("facil_decisions")
        .default_open(true)
        .show(ui, |ui| {
            submit = decision_form_ui(ui, app, &selection);
            ui.add_space(6.0);
            let ws = &app.doc.ws;
            let mut list: Vec<&Decision> = ws.decisions.values().collect();
            list.sort_by(|a, b| (b.date, &b.id).cmp(&(a.date, &a.id)));
            if list.is_empty() {
                ui.label(RichText::new("No decisions recorded yet.").weak());
            }
            for d in list {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(d.date.to_string()).strong());
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if ui
                                .small_button("🗑")
                                .on_hover_text("Delete this decision")
                                .clicked()
                            {
                                delete = Some(d.id.clone());
                            }
                            if ui
                                .small_button("Edit…")
                                .on_hover_text("Load this decision into the form above")
                                .clicked()
                            {
                                edit = Some(d.id.clone());
                            }
                        });
                    });
                    ui.add(egui::Label::new(&d.decision).wrap());
                    if !d.decided_by.is_empty() {
                        ui.label(RichText::new(format!("Decided by {}", d.decided_by)).weak());
                    }
                    if !d.trade_off.is_empty() {
                        ui.add(egui::Label::new(format!("Accepted: {}", d.trade_off)).wrap());
                    }
                    if !d.links.is_empty() {
                        ui.add(
                            egui::Label::new(
                                RichText::new(format!("Links: {}", names(ws, &d.links)))
                                    .small()
                                    .weak(),
                            )
                            .wrap(),
                        );
                    }
                });
            }
        });
    if submit {
        submit_decision(app, &selection);
    }
    if let Some(id) = edit
        && let Some(d) = app.doc.ws.decisions.get(&id)
    {
        app.panels.facilitation.decision = DecisionForm {
            date: Some(d.date.to_string()),
            decision: d.decision.clone(),
            decided_by: d.decided_by.clone(),
            trade_off: d.trade_off.clone(),
            picks: d.links.clone(),
            editing: Some(id),
            error: None,
        };
    }
    if let Some(id) = delete
        && app.edit(
            Op::Remove(ItemRef::new(ItemKind::Decision, &id)),
            "Delete council decision",
        )
        && app.panels.facilitation.decision.editing.as_deref() == Some(&id)
    {
        app.panels.facilitation.decision = DecisionForm::default();
    }
}

/// The add/edit form. Returns true when "Record decision" (or "Save decision") was clicked.
fn decision_form_ui(ui: &mut egui::Ui, app: &mut DepdigApp, selection: &[String]) -> bool {
    let ws = &app.doc.ws;
    let form = &mut app.panels.facilitation.decision;
    let date = form.date.get_or_insert_with(|| today().to_string());
    let mut submit = false;
    let editing = form.editing.clone();
    if let Some(id) = &editing {
        ui.label(RichText::new(format!("Editing decision {id}")).italics());
    }
    egui::Grid::new("facil_decision_form")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.label("Date");
            let r = ui.add(
                egui::TextEdit::singleline(date)
                    .desired_width(110.0)
                    .hint_text("YYYY-MM-DD"),
            );
            named(r, "Decision date");
            ui.end_row();
            if let Err(e) = date.parse::<Date>() {
                ui.label("");
                ui.label(RichText::new(e).color(ui.visuals().error_fg_color).small());
                ui.end_row();
            }
            for (label, value, multiline) in [
                ("Decision", &mut form.decision, true),
                ("Decided by", &mut form.decided_by, false),
                ("Trade-off accepted", &mut form.trade_off, true),
            ] {
                ui.label(label);
                let edit = if multiline {
                    egui::TextEdit::multiline(value).desired_rows(2)
                } else {
                    egui::TextEdit::singleline(value)
                };
                named(ui.add(edit.desired_width(f32::INFINITY)), label);
                ui.end_row();
            }
        });
    ui.horizontal_wrapped(|ui| {
        ui.label("Links:");
        if editing.is_none() {
            for s in selection {
                ui.label(RichText::new(linked_name(ws, s)).small())
                    .on_hover_text("From the selection");
            }
        }
        let mut unpick = None;
        for (i, p) in form.picks.iter().enumerate() {
            if ui
                .small_button(format!("{} ✕", linked_name(ws, p)))
                .on_hover_text("Unlink")
                .clicked()
            {
                unpick = Some(i);
            }
        }
        if let Some(i) = unpick {
            form.picks.remove(i);
        }
        if editing.is_some() {
            let extra: Vec<&String> = selection
                .iter()
                .filter(|s| !form.picks.contains(s))
                .collect();
            if !extra.is_empty()
                && ui
                    .small_button(format!(
                        "Link {}",
                        crate::text::plural(
                            extra.len(),
                            "more selected item",
                            "more selected items"
                        )
                    ))
                    .clicked()
            {
                form.picks.extend(extra.into_iter().cloned());
            }
        } else if selection.is_empty() && form.picks.is_empty() {
            ui.label(
                RichText::new("select systems on the map to link them")
                    .weak()
                    .small(),
            );
        }
    });
    let mut pick: Option<String> = None;
    egui::ComboBox::from_id_salt("facil_decision_pick")
        .selected_text("Link a debt item or failure mode…")
        .width(ui.available_width().min(320.0))
        .show_ui(ui, |ui| {
            for d in ws.debt.values() {
                if ui
                    .selectable_label(false, format!("Debt: {}", d.title))
                    .clicked()
                {
                    pick = Some(d.id.clone());
                }
            }
            for f in ws.failure_modes.values() {
                if ui
                    .selectable_label(false, format!("Failure mode: {}", f.title))
                    .clicked()
                {
                    pick = Some(f.id.clone());
                }
            }
        });
    if let Some(p) = pick
        && !form.picks.contains(&p)
    {
        form.picks.push(p);
    }
    ui.horizontal(|ui| {
        let text = if editing.is_some() {
            "Save decision"
        } else {
            "Record decision"
        };
        if ui
            .add_enabled(!form.decision.trim().is_empty(), egui::Button::new(text))
            .on_hover_text("Add it to the council's decision log")
            .clicked()
        {
            submit = true;
        }
        if (editing.is_some() || !form.decision.is_empty()) && ui.button("Clear form").clicked() {
            *form = DecisionForm::default();
        }
    });
    if let Some(e) = &form.error {
        ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
    }
    submit
}

fn submit_decision(app: &mut DepdigApp, selection: &[String]) {
    let form = &app.panels.facilitation.decision;
    let date_text = form.date.clone().unwrap_or_default();
    let date = match date_text.parse::<Date>() {
        Ok(d) => d,
        Err(e) => {
            app.panels.facilitation.decision.error = Some(format!("Not recorded: {e}"));
            return;
        }
    };
    let mut links: Vec<String> = Vec::new();
    if form.editing.is_none() {
        links.extend(selection.iter().cloned());
    }
    for p in &form.picks {
        if !links.contains(p) {
            links.push(p.clone());
        }
    }
    let ws = &app.doc.ws;
    let (op, label) = if let Some(id) = &form.editing {
        let d = Decision {
            id: id.clone(),
            date,
            decision: form.decision.trim().to_owned(),
            decided_by: form.decided_by.trim().to_owned(),
            trade_off: form.trade_off.trim().to_owned(),
            links,
        };
        (Op::Update(d.into()), "Edit council decision")
    } else {
        let id = fresh_id(&form.decision, |id| ws.decisions.contains_key(id));
        let d = Decision {
            id,
            date,
            decision: form.decision.trim().to_owned(),
            decided_by: form.decided_by.trim().to_owned(),
            trade_off: form.trade_off.trim().to_owned(),
            links,
        };
        (Op::Add(d.into()), "Record council decision")
    };
    if app.edit(op, label) {
        // Keep the date and who decided: the next decision is usually from the same meeting.
        let old = std::mem::take(&mut app.panels.facilitation.decision);
        app.panels.facilitation.decision = DecisionForm {
            date: old.date,
            decided_by: old.decided_by,
            ..DecisionForm::default()
        };
    } else {
        app.panels.facilitation.decision.error = Some(app.status.clone());
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
