//! A system's or dependency's time windows (batch runs, cut-offs, maintenance): when they run,
//! on which days, in which time zone, and what they do to the dependency.

use std::collections::HashMap;
use std::str::FromStr;

use super::fields::{Edit, combo_row, parse_clock, parsed_field, row_label};
use crate::model::{Days, TimeWindow, WindowEffect, clock};

pub(super) fn windows_ui(
    ui: &mut egui::Ui,
    buffers: &mut HashMap<String, String>,
    key: &str,
    windows: &mut Vec<TimeWindow>,
    edit: &mut Edit<'_>,
) {
    ui.collapsing(format!("Time windows ({})", windows.len()), |ui| {
        let mut remove = None;
        for (i, w) in windows.iter_mut().enumerate() {
            egui::Grid::new((key, "window", i))
                .num_columns(2)
                .show(ui, |ui| {
                    let id = row_label(ui, "Label");
                    let r = ui.text_edit_singleline(&mut w.label).labelled_by(id);
                    crate::ui::focus::take_if_named(
                        &r,
                        egui::Id::new((key, "window", i)),
                        &w.label,
                    );
                    if r.changed() {
                        edit.clicked = true;
                    }
                    ui.end_row();
                    let id = row_label(ui, "Days");
                    if let Some(Some(d)) = parsed_field(
                        ui,
                        buffers,
                        &format!("{key}.w{i}.days"),
                        id,
                        Some(&w.days),
                        "daily",
                        str::parse::<Days>,
                    ) {
                        w.days = d;
                        edit.clicked = true;
                    }
                    ui.end_row();
                    for (label, part, minute) in [
                        ("From", "start", &mut w.start_min),
                        ("To", "end", &mut w.end_min),
                    ] {
                        let id = row_label(ui, label);
                        let key = format!("{key}.w{i}.{part}");
                        if let Some(Some(c)) = parsed_field(
                            ui,
                            buffers,
                            &key,
                            id,
                            Some(&Clock(*minute)),
                            "HH:MM",
                            str::parse::<Clock>,
                        ) {
                            *minute = c.0;
                            edit.clicked = true;
                        }
                        ui.end_row();
                    }
                    combo_row(
                        ui,
                        "Effect",
                        &mut w.effect,
                        WindowEffect::ALL,
                        WindowEffect::label,
                        edit,
                    );
                    let id = row_label(ui, "Timezone");
                    let key = format!("{key}.w{i}.tz");
                    let tz = parsed_field(
                        ui,
                        buffers,
                        &key,
                        id,
                        w.timezone.as_ref(),
                        "workspace's",
                        |s| {
                            if crate::model::is_timezone(s) {
                                Ok(s.to_owned())
                            } else {
                                Err(crate::model::timezone_message(s))
                            }
                        },
                    );
                    if let Some(tz) = tz {
                        w.timezone = tz;
                        edit.clicked = true;
                    }
                    ui.end_row();
                });
            if ui.small_button("Remove window").clicked() {
                remove = Some(i);
            }
            ui.separator();
        }
        if let Some(i) = remove {
            windows.remove(i);
            buffers.retain(|k, _| !k.starts_with(&format!("{key}.w")));
            edit.clicked = true;
        }
        if ui.button("Add time window").clicked() {
            crate::ui::focus::focus_next(ui.ctx(), egui::Id::new((key, "window", windows.len())));
            windows.push(TimeWindow {
                label: "Batch window".into(),
                days: Days::Daily,
                start_min: 60,
                end_min: 240,
                timezone: None,
                effect: WindowEffect::Locks,
            });
            edit.clicked = true;
        }
    });
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Clock(u16);

impl std::fmt::Display for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&clock(self.0))
    }
}

impl FromStr for Clock {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        parse_clock(s).map(Clock)
    }
}
