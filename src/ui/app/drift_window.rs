//! The drift window of File ▸ Compare with artefacts…: the differences listed beside the map
//! (and marked on it), each adoptable with one click as one undo step; recomputed whenever the
//! map changes (an adoption, an undo, any edit).

use egui::RichText;

use super::artefacts::{DriftState, overlay};
use crate::io::import::Found;
use crate::io::import::drift::{Difference, adopt, drift};
use crate::model::Workspace;
use crate::text::plural;
use crate::ui::app::DepdigApp;

impl DepdigApp {
    /// Shows the drift against `found`: the window beside the map and the marks on it.
    pub(crate) fn show_drift(&mut self, found: Found, files: String) {
        let d = drift(self.doc.ws(), &found);
        self.status = format!(
            "Compared with {files}: {}",
            plural(d.count(), "difference", "differences")
        );
        self.drift = Some(Box::new(DriftState {
            found,
            drift: d,
            revision: self.doc.revision,
            files,
        }));
        self.refresh_drift_marks();
    }

    /// The marks on the map follow the drift (after an edit, an undo, an adoption).
    fn refresh_drift_marks(&mut self) {
        self.view.drift = self.drift.as_ref().map(|s| {
            let (op, diff) = overlay(self.doc.ws(), &s.found, &s.drift);
            std::sync::Arc::new((op, diff))
        });
        self.view_changed();
    }

    /// The drift window, when a comparison is shown: recomputed when the map changed.
    pub(crate) fn drift_window(&mut self, ctx: &egui::Context) {
        let Some(state) = self.drift.as_mut() else {
            return;
        };
        if state.revision != self.doc.revision {
            state.drift = drift(self.doc.ws(), &state.found);
            state.revision = self.doc.revision;
            self.refresh_drift_marks();
        }
        let mut open = true;
        let mut chosen: Option<Difference> = None;
        let Some(state) = self.drift.as_ref() else {
            return;
        };
        egui::Window::new("Drift")
            .open(&mut open)
            .default_width(420.0)
            .default_pos(egui::pos2(24.0, 140.0))
            .show(ctx, |ui| {
                drift_list_ui(ui, state, self.doc.ws(), &mut chosen);
            });
        if let Some(diff) = chosen {
            let label = match &diff {
                Difference::AddDependency(_) | Difference::AddSystem(_) => "Adopt from artefacts",
                Difference::RemoveDependency(_) | Difference::RemoveSystem(_) => {
                    "Remove what the artefacts do not show"
                }
            };
            match adopt(self.doc.ws(), &state.found, &diff) {
                Ok(op) => {
                    let op =
                        super::artefacts::place_near_neighbours(self.doc.ws(), &state.found, op);
                    self.edit(op, label);
                }
                Err(e) => self.status = format!("{label}: not done — {e}"),
            }
        }
        if !open {
            self.drift = None;
            self.view.drift = None;
            self.view_changed();
        }
    }
}

fn drift_list_ui(
    ui: &mut egui::Ui,
    s: &DriftState,
    ws: &Workspace,
    chosen: &mut Option<Difference>,
) {
    let d = &s.drift;
    ui.label(format!(
        "{} with {}",
        plural(d.count(), "difference", "differences"),
        s.files
    ));
    ui.label(
        RichText::new("Green on the map: the artefacts show it, the map lacks it. Struck red: on the map, not in the artefacts.")
            .small()
            .weak(),
    );
    egui::ScrollArea::vertical()
        .min_scrolled_height(360.0)
        .max_height(360.0)
        .show(ui, |ui| {
            let row = |ui: &mut egui::Ui, text: String, tip: String, button: &str| {
                ui.horizontal(|ui| {
                    let clicked = ui.small_button(button).clicked();
                    ui.label(text).on_hover_text(tip);
                    clicked
                })
                .inner
            };
            let sources = |list: &[crate::io::import::drift::DriftSource]| {
                list.iter()
                    .map(|x| match x.line {
                        Some(l) => format!("{}:{l} {}", x.file, x.text),
                        None => format!("{} {}", x.file, x.text),
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            let title = |ui: &mut egui::Ui, t: &str, n: usize| {
                if n > 0 {
                    ui.label(RichText::new(format!("{t} ({n})")).strong());
                }
            };
            title(
                ui,
                "Systems missing from the map",
                d.systems_missing_from_map.len(),
            );
            for x in &d.systems_missing_from_map {
                if row(
                    ui,
                    format!("{} ({})", x.name, x.kind),
                    sources(&x.sources),
                    "Add",
                ) {
                    *chosen = Some(Difference::AddSystem(x.clone()));
                }
            }
            title(
                ui,
                "Dependencies missing from the map",
                d.dependencies_missing_from_map.len(),
            );
            for x in &d.dependencies_missing_from_map {
                let text = format!("{} → {} ({})", x.from_name, x.to_name, x.kind);
                if row(ui, text, sources(&x.sources), "Add") {
                    *chosen = Some(Difference::AddDependency(x.clone()));
                }
            }
            title(
                ui,
                "On the map, not in the artefacts",
                d.dependencies_missing_from_artefacts.len()
                    + d.systems_missing_from_artefacts.len(),
            );
            for x in &d.systems_missing_from_artefacts {
                if row(
                    ui,
                    format!("{} ({})", ws.system_name(&x.id), x.kind),
                    String::new(),
                    "Remove",
                ) {
                    *chosen = Some(Difference::RemoveSystem(x.clone()));
                }
            }
            for x in &d.dependencies_missing_from_artefacts {
                let text = format!("{} → {} ({})", x.from_name, x.to_name, x.kind);
                if row(ui, text, String::new(), "Remove") {
                    *chosen = Some(Difference::RemoveDependency(x.clone()));
                }
            }
            if !d.types_differ.is_empty() {
                title(
                    ui,
                    "Same ends, another type (not drift)",
                    d.types_differ.len(),
                );
                for x in &d.types_differ {
                    ui.label(format!(
                        "  {} → {}: artefacts {}, map {}",
                        x.from_name,
                        x.to_name,
                        x.kind,
                        x.map_type.as_deref().unwrap_or("")
                    ))
                    .on_hover_text(sources(&x.sources));
                }
            }
            if !d.not_expected_in_artefacts.is_empty() {
                let names: Vec<&str> = d
                    .not_expected_in_artefacts
                    .iter()
                    .map(|x| x.name.as_str())
                    .collect();
                ui.label(
                    RichText::new(format!("Not expected in artefacts: {}", names.join(", ")))
                        .weak(),
                );
            }
            if !d.is_drift() {
                ui.label("No drift: the map shows everything the artefacts show.");
            }
        });
}
