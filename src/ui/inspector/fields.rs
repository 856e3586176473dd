//! Building blocks of the inspector's forms: labelled rows, fields that must parse (numbers,
//! times, dates, days) with inline errors, time windows, data entities, and committing an edit
//! as an undo step (typing in one field merges into one step).

use std::collections::HashMap;
use std::str::FromStr;

use egui::RichText;

use crate::model::{DataEntity, EntityRole, Load, LoadUnit};
use crate::ops::Op;
use crate::ui::actions::Action;

/// What an edited item needs: its new value and whether it came from typing (merge) or a click.
pub(super) struct Edit<'a> {
    pub(super) typed: Option<&'a str>,
    pub(super) clicked: bool,
}

impl Edit<'_> {
    pub(super) fn any(&self) -> bool {
        self.typed.is_some() || self.clicked
    }
}

pub(super) fn row_label(ui: &mut egui::Ui, text: &str) -> egui::Id {
    ui.label(text).id
}

/// Gives a field the accessible name of its row.
pub(super) fn named(r: egui::Response, label: &str) -> egui::Response {
    r.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, label));
    r
}

pub(super) fn text_row<'a>(
    ui: &mut egui::Ui,
    label: &'a str,
    value: &mut String,
    edit: &mut Edit<'a>,
) {
    row_label(ui, label);
    if named(
        ui.add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY)),
        label,
    )
    .changed()
    {
        edit.typed = Some(label);
    }
    ui.end_row();
}

/// What a field or list shows when the selected items differ in it.
pub(super) const MIXED: &str = "— mixed —";

/// A text row for several items at once: empty with "— mixed —" in grey when they differ.
pub(super) fn mixed_text_row<'a>(
    ui: &mut egui::Ui,
    label: &'a str,
    value: &mut String,
    mixed: bool,
    edit: &mut Edit<'a>,
) {
    row_label(ui, label);
    let mut field = egui::TextEdit::singleline(value).desired_width(f32::INFINITY);
    if mixed {
        field = field.hint_text(MIXED);
    }
    if named(ui.add(field), label).changed() {
        edit.typed = Some(label);
    }
    ui.end_row();
}

/// A choice for several items at once: "— mixed —" (`None`) when they differ; picking any
/// entry, even the one some of them already have, sets it on all.
pub(super) fn mixed_combo_row<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut Option<T>,
    all: &[T],
    text: impl Fn(T) -> &'static str,
    edit: &mut Edit<'_>,
) {
    let id = row_label(ui, label);
    let r = egui::ComboBox::from_id_salt(label)
        .selected_text(value.map_or(MIXED, &text))
        .show_ui(ui, |ui| {
            for v in all {
                if ui.selectable_label(*value == Some(*v), text(*v)).clicked() && *value != Some(*v)
                {
                    *value = Some(*v);
                    edit.clicked = true;
                }
            }
        });
    r.response.labelled_by(id);
    ui.end_row();
}

pub(super) fn multiline_row<'a>(
    ui: &mut egui::Ui,
    label: &'a str,
    value: &mut String,
    edit: &mut Edit<'a>,
) {
    row_label(ui, label);
    if named(
        ui.add(
            egui::TextEdit::multiline(value)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        ),
        label,
    )
    .changed()
    {
        edit.typed = Some(label);
    }
    ui.end_row();
}

pub(super) fn combo_row<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut T,
    all: &[T],
    text: impl Fn(T) -> &'static str,
    edit: &mut Edit<'_>,
) {
    let id = row_label(ui, label);
    let r = egui::ComboBox::from_id_salt(label)
        .selected_text(text(*value))
        .show_ui(ui, |ui| {
            for v in all {
                if ui.selectable_label(*v == *value, text(*v)).clicked() && *v != *value {
                    *value = *v;
                    edit.clicked = true;
                }
            }
        });
    r.response.labelled_by(id);
    ui.end_row();
}

/// A text field that must parse as `T`; an empty field is `None`. Returns the parsed value when
/// the text is valid; shows the problem inline otherwise.
pub(crate) fn parsed_field<T: FromStr + ToString + PartialEq>(
    ui: &mut egui::Ui,
    buffers: &mut HashMap<String, String>,
    key: &str,
    label_id: egui::Id,
    current: Option<&T>,
    hint: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Option<Option<T>> {
    let name = Err(label_id);
    parsed_field_as(ui, buffers, key, name, 110.0, current, hint, parse)
}

/// [`parsed_field`] `width` wide with an accessible name of its own (`Ok(name)`) or that of a label
/// (`Err(label id)`): for fields in a table row, where one label names several fields.
#[allow(
    clippy::too_many_arguments,
    reason = "parsed_field's arguments plus the field's name and width"
)]
pub(crate) fn parsed_field_as<T: FromStr + ToString + PartialEq>(
    ui: &mut egui::Ui,
    buffers: &mut HashMap<String, String>,
    key: &str,
    name: Result<&str, egui::Id>,
    width: f32,
    current: Option<&T>,
    hint: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Option<Option<T>> {
    let shown = current.map(ToString::to_string).unwrap_or_default();
    let buf = buffers
        .entry(key.to_owned())
        .or_insert_with(|| shown.clone());
    let r = ui.add(
        egui::TextEdit::singleline(buf)
            .desired_width(width)
            .hint_text(hint),
    );
    let r = match name {
        Ok(name) => named(r, name),
        Err(label_id) => r.labelled_by(label_id),
    };
    if !r.has_focus() && !r.changed() && *buf != shown {
        // Not being edited: follow the document (undo, other edits).
        let valid = buf.trim().is_empty() || parse(buf.trim()).is_ok();
        if valid {
            buf.clone_from(&shown);
        }
    }
    let text = buf.trim().to_owned();
    let result = if text.is_empty() {
        Ok(None)
    } else {
        parse(&text).map(Some)
    };
    match result {
        Ok(v) => (r.changed() && v.as_ref() != current).then_some(v),
        Err(e) => {
            ui.label(RichText::new(e).color(ui.visuals().error_fg_color).small());
            None
        }
    }
}

pub(super) fn parse_count(s: &str) -> Result<u32, String> {
    s.parse::<u32>()
        .map_err(|_| format!("\"{s}\" is not a whole number ≥ 0"))
}

pub(super) fn parse_positive(s: &str) -> Result<f64, String> {
    match s.replace(',', "").parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!("\"{s}\" is not a positive number")),
    }
}

/// `HH:MM` → minutes of day.
pub fn parse_clock(s: &str) -> Result<u16, String> {
    let bad = || format!("\"{s}\" is not a time; write HH:MM, e.g. 01:30");
    let (h, m) = s.split_once(':').ok_or_else(bad)?;
    let (h, m): (u16, u16) = (
        h.trim().parse().map_err(|_| bad())?,
        m.trim().parse().map_err(|_| bad())?,
    );
    if h > 23 || m > 59 {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

pub(super) fn load_row(
    ui: &mut egui::Ui,
    buffers: &mut HashMap<String, String>,
    key: &str,
    label: &str,
    value: &mut Option<Load>,
    edit: &mut Edit<'_>,
) {
    let id = row_label(ui, label);
    ui.horizontal(|ui| {
        let current = value.map(|l| l.value);
        if let Some(v) = parsed_field(
            ui,
            buffers,
            key,
            id,
            current.as_ref(),
            "none",
            parse_positive,
        ) {
            *value = v.map(|v| Load {
                value: v,
                unit: value.map_or(LoadUnit::RequestsPerSec, |l| l.unit),
            });
            edit.clicked = true;
        }
        if let Some(load) = value.as_mut() {
            egui::ComboBox::from_id_salt((key, "unit"))
                .selected_text(load.unit.label())
                .show_ui(ui, |ui| {
                    for u in LoadUnit::ALL {
                        if ui.selectable_label(load.unit == *u, u.label()).clicked()
                            && load.unit != *u
                        {
                            load.unit = *u;
                            edit.clicked = true;
                        }
                    }
                });
        }
    });
    ui.end_row();
}

pub(super) fn entities_ui(
    ui: &mut egui::Ui,
    key: &str,
    entities: &mut Vec<DataEntity>,
    edit: &mut Edit<'_>,
) {
    ui.collapsing(format!("Data entities ({})", entities.len()), |ui| {
        let mut remove = None;
        for (i, e) in entities.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                let r = ui.add(egui::TextEdit::singleline(&mut e.entity).desired_width(110.0));
                crate::ui::focus::take_if_named(&r, egui::Id::new((key, "entity", i)), &e.entity);
                if r.changed() {
                    edit.clicked = true;
                }
                egui::ComboBox::from_id_salt((key, "role", i))
                    .selected_text(e.role.label())
                    .show_ui(ui, |ui| {
                        for r in EntityRole::ALL {
                            if ui.selectable_label(e.role == *r, r.label()).clicked()
                                && e.role != *r
                            {
                                e.role = *r;
                                edit.clicked = true;
                            }
                        }
                    });
                if ui
                    .small_button("✕")
                    .on_hover_text("Remove entity")
                    .clicked()
                {
                    remove = Some(i);
                }
            });
        }
        if let Some(i) = remove {
            entities.remove(i);
            edit.clicked = true;
        }
        if ui.button("Add data entity").clicked() {
            crate::ui::focus::focus_next(ui.ctx(), egui::Id::new((key, "entity", entities.len())));
            entities.push(DataEntity {
                entity: "customer".into(),
                role: EntityRole::SourceOfTruth,
            });
            edit.clicked = true;
        }
    });
}

/// An inspector edit: typing merges into one undo step per field, clicks are steps.
pub(crate) fn commit(
    out: &mut Vec<Action>,
    op: Op,
    label: &str,
    id: &str,
    typed: Option<&'static str>,
) {
    out.push(Action::FormEdit {
        op,
        label: label.to_owned(),
        item: id.to_owned(),
        field: typed,
    });
}

/// An item editor's heading with a ✕ that closes it; true when the ✕ was clicked.
pub(crate) fn editor_header(ui: &mut egui::Ui, heading: &str, close_tip: &str) -> bool {
    ui.horizontal(|ui| {
        ui.heading(heading);
        ui.small_button("✕").on_hover_text(close_tip).clicked()
    })
    .inner
}

/// A labelled one-line or multi-line text row in a two-column grid, with the label as its
/// accessible name; returns whether the text changed.
pub(crate) fn labeled_text(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut String,
    multiline: bool,
) -> bool {
    labeled_text_named(ui, label, value, multiline, None)
}

/// [`labeled_text`] for a field a command may hand the keyboard to (see [`crate::ui::focus`]).
pub(crate) fn labeled_text_named(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut String,
    multiline: bool,
    field: Option<egui::Id>,
) -> bool {
    ui.label(label);
    let edit = if multiline {
        egui::TextEdit::multiline(value).desired_rows(2)
    } else {
        egui::TextEdit::singleline(value)
    };
    let r = named(ui.add(edit.desired_width(f32::INFINITY)), label);
    if let Some(field) = field {
        crate::ui::focus::take_if_named(&r, field, value);
    }
    ui.end_row();
    r.changed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks() {
        assert_eq!(parse_clock("01:30"), Ok(90));
        assert_eq!(parse_clock("23:59"), Ok(1439));
        assert!(parse_clock("24:00").is_err());
        assert!(parse_clock("noon").is_err());
    }
}
