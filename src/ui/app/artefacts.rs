//! File ▸ Import… and File ▸ Compare with artefacts…: pick artefact files (several, or a
//! folder) in a path field (Browse… uses the system dialog when there is one), then either a
//! preview of what an import adds and updates — applied as one undo step — or the drift
//! between the map and the artefacts in a window beside the map, drawn on it in the scenario
//! difference style, each difference adoptable with one click (one undo step each).

use std::path::PathBuf;

use egui::RichText;

use crate::io::csv_import::ImportSummary;
use crate::io::import::Found;
use crate::io::import::detect::{Format, read_artefacts};
use crate::io::import::drift::{Difference, Drift, adopt, forward_op};
use crate::model::{CanvasPos, ScenarioDiff, Workspace};
use crate::ops::{Item, Op};
use crate::text::plural;
use crate::ui::app::DepdigApp;
use crate::ui::app::dialogs::Outcome;

/// What the artefacts dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Import,
    Compare,
}

/// The artefacts dialog: paths, format and (for an import) the preview.
#[derive(Debug, Clone, PartialEq)]
pub struct ArtefactsDialog {
    pub purpose: Purpose,
    /// One path per line (files or folders).
    pub paths: String,
    pub format: Option<Format>,
    pub preview: Option<ImportPreview>,
    pub error: Option<String>,
    /// The path field has had the keyboard once (it gets it when the dialog opens).
    pub focused: bool,
}

impl ArtefactsDialog {
    pub fn new(purpose: Purpose) -> Self {
        ArtefactsDialog {
            purpose,
            paths: String::new(),
            format: None,
            preview: None,
            error: None,
            focused: false,
        }
    }

    fn path_list(&self) -> Vec<PathBuf> {
        self.paths
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .collect()
    }
}

/// What an import would do, before anything changes.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPreview {
    pub op: Op,
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub warnings: Vec<String>,
    pub skipped: Vec<String>,
    pub summary_line: String,
}

/// The comparison on screen: what the artefacts said and the drift at `revision`.
#[derive(Debug, Clone)]
pub struct DriftState {
    pub found: Found,
    pub drift: Drift,
    pub revision: u64,
    pub files: String,
}

/// The import preview of `found` against `ws`: the one op, and what it adds and updates. New
/// systems are placed beside a neighbour already on the map (as paste places its copies), the
/// others left for the layout.
pub fn preview(ws: &Workspace, found: &Found) -> Result<ImportPreview, String> {
    let op = forward_op(ws, found).map_err(|e| e.to_string())?;
    let mut trial = ws.clone();
    let (_, summary) =
        crate::io::import::apply_found(&mut trial, found).map_err(|e| e.to_string())?;
    let op = place_near_neighbours(ws, found, op);
    let (mut added, mut updated) = (Vec::new(), Vec::new());
    if let Op::Batch(list) = &op {
        for o in list {
            let (into, item) = match o {
                Op::Add(item) => (&mut added, item),
                Op::Update(item) => (&mut updated, item),
                _ => continue,
            };
            into.push(match item {
                Item::System(s) => format!("System: {}", s.name),
                Item::Dependency(d) => format!(
                    "{} → {} ({})",
                    trial.system_name(&d.from),
                    trial.system_name(&d.to),
                    d.kind
                ),
                _ => continue,
            });
        }
    }
    Ok(ImportPreview {
        summary_line: summary_line(&summary),
        op,
        added,
        updated,
        warnings: summary.warnings.iter().map(ToString::to_string).collect(),
        skipped: found.skipped.iter().map(ToString::to_string).collect(),
    })
}

fn summary_line(s: &ImportSummary) -> String {
    format!(
        "{} added, {} updated; {} added, {} updated",
        plural(s.systems_added, "system", "systems"),
        s.systems_updated,
        plural(s.dependencies_added, "dependency", "dependencies"),
        s.dependencies_updated
    )
}

/// Gives each new system without a position one beside the first neighbour on the map that
/// has one — the first free spot round it (no box within 120 units), 150 then 260 away — so an
/// import into a laid-out map lands near what it touches without covering another box.
pub(crate) fn place_near_neighbours(ws: &Workspace, found: &Found, op: Op) -> Op {
    let Op::Batch(list) = op else {
        return op;
    };
    let mut taken: Vec<(f32, f32)> = ws
        .systems
        .values()
        .filter_map(|s| s.pos.map(|p| (p.x, p.y)))
        .collect();
    let list = list
        .into_iter()
        .map(|o| match o {
            Op::Add(Item::System(mut s)) if s.pos.is_none() => {
                let anchor = found
                    .dependencies
                    .iter()
                    .filter_map(|d| {
                        if d.from == s.id {
                            Some(&d.to)
                        } else if d.to == s.id {
                            Some(&d.from)
                        } else {
                            None
                        }
                    })
                    .find_map(|n| ws.systems.get(n).and_then(|n| n.pos));
                if let Some(p) = anchor {
                    let spot = free_spot(&taken, (p.x, p.y));
                    taken.push(spot);
                    s.pos = Some(CanvasPos::new(spot.0, spot.1));
                }
                Op::Add(Item::System(s))
            }
            other => other,
        })
        .collect();
    Op::Batch(list)
}

/// The first spot round `at` with no taken spot within 120 units (else the last one tried).
fn free_spot(taken: &[(f32, f32)], at: (f32, f32)) -> (f32, f32) {
    let mut spot = at;
    for radius in [150.0_f32, 260.0] {
        for k in 0..12_u8 {
            let a = f32::from(k) * std::f32::consts::TAU / 12.0 + 0.3;
            spot = (at.0 + radius * a.cos(), at.1 + radius * a.sin());
            if taken
                .iter()
                .all(|t| (t.0 - spot.0).hypot(t.1 - spot.1) >= 120.0)
            {
                return spot;
            }
        }
    }
    spot
}

/// The drift drawn on the map: today's map plus what the artefacts add, and the ids to mark.
pub fn overlay(ws: &Workspace, found: &Found, d: &Drift) -> (Op, ScenarioDiff) {
    let mut ops = Vec::new();
    for s in &d.systems_missing_from_map {
        if let Ok(op) = adopt(ws, found, &Difference::AddSystem(s.clone())) {
            ops.push(place_near_neighbours(ws, found, op));
        }
    }
    let mut diff = ScenarioDiff::default();
    let mut scratch = ws.clone();
    for op in &ops {
        if crate::ops::apply(&mut scratch, op.clone()).is_err() {
            return (Op::Batch(Vec::new()), ScenarioDiff::default());
        }
    }
    for x in &d.dependencies_missing_from_map {
        if let Ok(op) = adopt(&scratch, found, &Difference::AddDependency(x.clone()))
            .map(|op| place_near_neighbours(&scratch, found, op))
            && crate::ops::apply(&mut scratch, op.clone()).is_ok()
        {
            ops.push(op);
            diff.added.insert(x.id.clone());
        }
    }
    diff.added
        .extend(d.systems_missing_from_map.iter().map(|s| s.id.clone()));
    diff.removed.extend(
        d.dependencies_missing_from_artefacts
            .iter()
            .map(|x| x.id.clone())
            .chain(
                d.systems_missing_from_artefacts
                    .iter()
                    .map(|s| s.id.clone()),
            ),
    );
    (Op::Batch(ops), diff)
}

/// The artefacts dialog's body.
pub(crate) fn dialog_ui(
    ui: &mut egui::Ui,
    app: &mut DepdigApp,
    dialog: &mut ArtefactsDialog,
) -> Outcome {
    ui.heading(match dialog.purpose {
        Purpose::Import => "Import from artefacts",
        Purpose::Compare => "Compare the map with artefacts",
    });
    ui.label("Compose files, Kubernetes manifests, Structurizr DSL, DOT, Mermaid, Jaeger JSON — one path per line, files or folders.");
    let label = ui.label("Paths");
    let field = ui
        .add(
            egui::TextEdit::multiline(&mut dialog.paths)
                .desired_rows(3)
                .desired_width(560.0)
                .hint_text("/path/to/docker-compose.yml"),
        )
        .labelled_by(label.id);
    if !dialog.focused {
        field.request_focus();
        dialog.focused = true;
    }
    ui.horizontal(|ui| {
        let mut picked: Vec<PathBuf> = Vec::new();
        if ui.button("Browse files…").clicked()
            && let Some(files) = rfd::FileDialog::new().pick_files()
        {
            picked = files;
        }
        if ui.button("Browse folder…").clicked()
            && let Some(folder) = rfd::FileDialog::new().pick_folder()
        {
            picked.push(folder);
        }
        // rfd returns None both on cancel and when no file-dialog portal exists.
        for p in picked {
            if !dialog.paths.is_empty() && !dialog.paths.ends_with('\n') {
                dialog.paths.push('\n');
            }
            dialog.paths.push_str(&p.display().to_string());
            dialog.preview = None;
        }
        egui::ComboBox::from_label("Format")
            .selected_text(dialog.format.map_or("auto", Format::as_str))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut dialog.format, None, "auto");
                for f in Format::ALL.iter().filter(|f| **f != Format::Csv) {
                    ui.selectable_value(&mut dialog.format, Some(*f), f.as_str());
                }
            });
    });
    if let Some(e) = &dialog.error {
        ui.label(
            RichText::new(e)
                .monospace()
                .color(ui.visuals().error_fg_color),
        );
    }
    if let Some(p) = &dialog.preview {
        preview_ui(ui, p);
    }
    let read =
        |dialog: &mut ArtefactsDialog| match read_artefacts(&dialog.path_list(), dialog.format) {
            Ok(f) => Some(f),
            Err(e) => {
                dialog.error = Some(e.to_string());
                dialog.preview = None;
                None
            }
        };
    let empty = dialog.path_list().is_empty();
    let mut outcome = Outcome::Keep;
    ui.horizontal(|ui| {
        match dialog.purpose {
            Purpose::Import => {
                if ui
                    .add_enabled(!empty, egui::Button::new("Preview"))
                    .clicked()
                    && let Some(found) = read(dialog)
                {
                    match preview(app.doc.ws(), &found) {
                        Ok(p) => {
                            dialog.preview = Some(p);
                            dialog.error = None;
                        }
                        Err(e) => dialog.error = Some(e),
                    }
                }
                if let Some(p) = &dialog.preview
                    && ui.button("Import").clicked()
                {
                    let op = p.op.clone();
                    let label = format!("Import from artefacts ({})", p.summary_line);
                    outcome = Outcome::Then(Box::new(move |app| {
                        if app.edit(op, &label) {
                            app.view_changed();
                        }
                    }));
                }
            }
            Purpose::Compare => {
                if ui
                    .add_enabled(!empty, egui::Button::new("Compare"))
                    .clicked()
                    && let Some(found) = read(dialog)
                {
                    let files = dialog.paths.lines().collect::<Vec<_>>().join(", ");
                    outcome = Outcome::Then(Box::new(move |app| app.show_drift(found, files)));
                }
            }
        }
        if ui.button("Cancel").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}

fn preview_ui(ui: &mut egui::Ui, p: &ImportPreview) {
    ui.separator();
    ui.label(RichText::new(&p.summary_line).strong());
    // A fixed height: a modal sized from its last frame would otherwise grow a step a frame,
    // moving the buttons under the pointer.
    egui::ScrollArea::vertical()
        .min_scrolled_height(280.0)
        .max_height(280.0)
        .show(ui, |ui| {
            for (title, list) in [
                ("Will be added", &p.added),
                (
                    "Will be updated (empty fields filled, sources added to notes)",
                    &p.updated,
                ),
                ("Warnings", &p.warnings),
                ("Skipped", &p.skipped),
            ] {
                if !list.is_empty() {
                    ui.label(RichText::new(format!("{title} ({})", list.len())).strong());
                    for line in list {
                        ui.label(format!("  • {line}"));
                    }
                }
            }
            if p.added.is_empty() && p.updated.is_empty() {
                ui.label("Nothing to change: the map already holds everything the artefacts show.");
            }
        });
}
