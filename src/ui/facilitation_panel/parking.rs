//! The parking lot: questions nobody in the room could answer yet, linked to what they are
//! about, answered or reopened later. Every change is an `ops` edit.

use egui::RichText;

use crate::model::{ItemKind, ParkingLotItem, Workspace};
use crate::ops::{ItemRef, Op};
use crate::ui::actions::Action;
use crate::ui::debt_panel::today;
use crate::ui::panel_ctx::PanelCtx;

use super::{fresh_id, named, names};

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

/// Adds a question to the parking lot, linked to `links`, dated today.
pub(super) fn park_question(
    ws: &Workspace,
    question: String,
    raised_by: String,
    links: Vec<String>,
    out: &mut Vec<Action>,
) {
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
    out.push(Action::edit(Op::Add(item.into()), "Park a question"));
}

/// What was clicked in the list of questions.
enum Click {
    Answer(String, String),
    Reopen(String),
    Delete(String),
}

pub(super) fn parking_lot_ui(
    ui: &mut egui::Ui,
    form: &mut ParkForm,
    cx: &PanelCtx,
    out: &mut Vec<Action>,
) {
    let ws = cx.ws();
    let open_count = ws.parking_lot.values().filter(|p| !p.answered).count();
    let selection: Vec<String> = cx.view.selection.iter().cloned().collect();
    let mut add = false;
    let mut click: Option<Click> = None;
    egui::CollapsingHeader::new(RichText::new(format!("Parking lot ({open_count} open)")).strong())
        .id_salt("facil_parking")
        .default_open(true)
        .show(ui, |ui| {
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
                    RichText::new(format!("Links: {}", names(ws, &selection)))
                        .small()
                        .weak(),
                );
            }
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
                open_item_ui(ui, form, p, &mut click);
            }
            if !answered.is_empty() {
                egui::CollapsingHeader::new(format!("Answered ({})", answered.len()))
                    .id_salt("facil_answered")
                    .default_open(false)
                    .show(ui, |ui| {
                        for p in answered {
                            answered_item_ui(ui, ws, p, &mut click);
                        }
                    });
            }
        });
    if add {
        let (q, by) = (
            form.question.trim().to_owned(),
            form.raised_by.trim().to_owned(),
        );
        park_question(ws, q, by, selection, out);
        form.question.clear();
    }
    match click {
        Some(Click::Answer(id, text)) => {
            if let Some(p) = ws.parking_lot.get(&id) {
                let item = ParkingLotItem {
                    answered: true,
                    answer: text,
                    ..p.clone()
                };
                out.push(Action::edit(
                    Op::Update(item.into()),
                    "Mark question answered",
                ));
                form.answering = None;
            }
        }
        Some(Click::Reopen(id)) => {
            if let Some(p) = ws.parking_lot.get(&id) {
                let item = ParkingLotItem {
                    answered: false,
                    ..p.clone()
                };
                out.push(Action::edit(Op::Update(item.into()), "Reopen question"));
            }
        }
        Some(Click::Delete(id)) => out.push(Action::edit(
            Op::Remove(ItemRef::new(ItemKind::ParkingLot, id)),
            "Delete parking-lot question",
        )),
        None => {}
    }
}

/// An open question's buttons, or its answer field while it is being answered.
fn open_item_ui(
    ui: &mut egui::Ui,
    form: &mut ParkForm,
    p: &ParkingLotItem,
    click: &mut Option<Click>,
) {
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
                    *click = Some(Click::Answer(p.id.clone(), text.trim().to_owned()));
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
                    *click = Some(Click::Delete(p.id.clone()));
                }
            });
        }
    }
}

/// An answered question, struck through, with its answer.
fn answered_item_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    p: &ParkingLotItem,
    click: &mut Option<Click>,
) {
    ui.add(egui::Label::new(RichText::new(&p.question).strikethrough().weak()).wrap());
    if !p.answer.is_empty() {
        ui.add(egui::Label::new(format!("→ {}", p.answer)).wrap());
    }
    ui.add(egui::Label::new(RichText::new(meta_line(ws, p)).small().weak()).wrap());
    ui.horizontal(|ui| {
        if ui
            .small_button("Reopen")
            .on_hover_text("Mark it open again")
            .clicked()
        {
            *click = Some(Click::Reopen(p.id.clone()));
        }
        if ui
            .small_button("🗑")
            .on_hover_text("Delete this question")
            .clicked()
        {
            *click = Some(Click::Delete(p.id.clone()));
        }
    });
    ui.add_space(4.0);
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
