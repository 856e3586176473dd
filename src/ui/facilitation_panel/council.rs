//! The integration council's decision log, with its add/edit form. Every change is an `ops`
//! edit.

use egui::RichText;

use crate::model::{Date, Decision, ItemKind, Workspace};
use crate::ops::{ItemRef, Op};
use crate::ui::actions::Action;
use crate::ui::debt_panel::today;
use crate::ui::panel_ctx::PanelCtx;

use super::{fresh_id, linked_name, named, names};

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
    /// The decision just recorded or saved: the form clears once the document has it, and says
    /// why not otherwise.
    submitted: Option<Decision>,
}

pub(super) fn decisions_ui(
    ui: &mut egui::Ui,
    form: &mut DecisionForm,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
) {
    let ws = cx.ws();
    if let Some(sent) = form.submitted.take() {
        // What became of the decision recorded last frame.
        if ws.decisions.get(&sent.id) == Some(&sent) {
            // Keep the date and who decided: the next decision is usually from the same meeting.
            let old = std::mem::take(form);
            *form = DecisionForm {
                date: old.date,
                decided_by: old.decided_by,
                ..DecisionForm::default()
            };
        } else {
            form.error = Some(cx.status.to_owned());
        }
    }
    let mut submit = false;
    let mut edit: Option<String> = None;
    let mut delete: Option<String> = None;
    let selection: Vec<String> = cx.view.selection.iter().cloned().collect();
    let count = ws.decisions.len();
    egui::CollapsingHeader::new(RichText::new(format!("Council decisions ({count})")).strong())
        .id_salt("facil_decisions")
        .default_open(true)
        .show(ui, |ui| {
            submit = decision_form_ui(ui, form, ws, &selection);
            ui.add_space(6.0);
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
        submit_decision(form, ws, &selection, out);
    }
    if let Some(id) = edit
        && let Some(d) = ws.decisions.get(&id)
    {
        *form = DecisionForm {
            date: Some(d.date.to_string()),
            decision: d.decision.clone(),
            decided_by: d.decided_by.clone(),
            trade_off: d.trade_off.clone(),
            picks: d.links.clone(),
            editing: Some(id),
            error: None,
            submitted: None,
        };
    }
    if let Some(id) = delete {
        if form.editing.as_deref() == Some(&id) {
            *form = DecisionForm::default();
        }
        out.push(Action::edit(
            Op::Remove(ItemRef::new(ItemKind::Decision, id)),
            "Delete council decision",
        ));
    }
}

/// The add/edit form. Returns true when "Record decision" (or "Save decision") was clicked.
fn decision_form_ui(
    ui: &mut egui::Ui,
    form: &mut DecisionForm,
    ws: &Workspace,
    selection: &[String],
) -> bool {
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

/// Records the form as a new decision (linked to the selection and the picks), or saves the
/// decision being edited; the next frame sees whether it was done.
fn submit_decision(
    form: &mut DecisionForm,
    ws: &Workspace,
    selection: &[String],
    out: &mut Vec<Action>,
) {
    let date = match form.date.as_deref().unwrap_or_default().parse::<Date>() {
        Ok(d) => d,
        Err(e) => {
            form.error = Some(format!("Not recorded: {e}"));
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
    let (id, label) = match &form.editing {
        Some(id) => (id.clone(), "Edit council decision"),
        None => (
            fresh_id(&form.decision, |id| ws.decisions.contains_key(id)),
            "Record council decision",
        ),
    };
    let d = Decision {
        id,
        date,
        decision: form.decision.trim().to_owned(),
        decided_by: form.decided_by.trim().to_owned(),
        trade_off: form.trade_off.trim().to_owned(),
        links,
    };
    let op = if form.editing.is_some() {
        Op::Update(d.clone().into())
    } else {
        Op::Add(d.clone().into())
    };
    out.push(Action::edit(op, label));
    form.submitted = Some(d);
}
