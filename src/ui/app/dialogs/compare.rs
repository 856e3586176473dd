//! File ▸ Compare with…: which workspace file to compare the open map with.

use std::path::PathBuf;

use super::{Outcome, path_row};
use crate::ui::app::DepdigApp;

pub(super) fn path_body(
    ui: &mut egui::Ui,
    app: &mut DepdigApp,
    text: &mut String,
    enter: bool,
) -> Outcome {
    ui.heading("Compare with another workspace");
    ui.label(
        "The differences show on the map (added in green, removed struck through) and in a list.",
    );
    let browsed = path_row(ui, text, false);
    for p in app.recent.iter().take(6) {
        if ui.link(p.display().to_string()).clicked() {
            *text = p.display().to_string();
        }
    }
    let compare = ui.button("Compare").clicked() || browsed || (enter && !text.trim().is_empty());
    if ui.button("Cancel").clicked() {
        return Outcome::Close;
    }
    if compare {
        let path = PathBuf::from(text.trim());
        return Outcome::Then(Box::new(move |app| app.compare_with(&path)));
    }
    Outcome::Keep
}
