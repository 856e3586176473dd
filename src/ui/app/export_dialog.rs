//! File ▸ Export map…: the same export as `depdig export`, with the screen's hidden dependency
//! types respected, a size readout and a rendered preview of the chosen theme.

use egui::RichText;

use crate::io::export::{self, ExportOptions, Fit};
use crate::theme::{Theme, ThemeName};
use crate::ui::app::DepdigApp;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportTheme {
    Light,
    Dark,
    Projector,
}

/// What the export dialog is set to.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportSettings {
    pub path: String,
    pub theme: ExportTheme,
    /// N × 1920×1080.
    pub scale: u32,
    pub fit_content: bool,
    pub transparent: bool,
    pub legend: bool,
    pub edge_labels: bool,
    pub badges: bool,
    /// Empty: the workspace title.
    pub title: String,
    /// Draw the backdrop photo under the map (the workspace's, read once and kept here).
    pub backdrop: bool,
    pub backdrop_image: Option<crate::io::backdrop::ExportBackdrop>,
    /// A PNG carries the whole workspace (the editable PNG); off: a plain picture.
    pub embed: bool,
}

impl ExportSettings {
    pub fn new(app: &DepdigApp) -> Self {
        let stem = app.doc.stem();
        let dir = app.doc.folder();
        ExportSettings {
            path: dir.join(format!("{stem}.png")).display().to_string(),
            theme: match app.view.theme {
                ThemeName::Light => ExportTheme::Light,
                ThemeName::Dark => ExportTheme::Dark,
                ThemeName::Projector => ExportTheme::Projector,
            },
            scale: 2,
            fit_content: false,
            transparent: false,
            legend: true,
            edge_labels: false,
            badges: true,
            title: String::new(),
            backdrop: false,
            backdrop_image: None,
            embed: true,
        }
    }

    /// The export options, with what the screen hides left out, dims dimmed and highlights
    /// highlighted, and the scenario difference marked when one is shown.
    pub fn options(&self, app: &DepdigApp) -> ExportOptions {
        let mut opts = ExportOptions {
            width_px: None,
            scale: self.scale,
            fit: if self.fit_content {
                Fit::Content
            } else {
                Fit::Slide
            },
            theme: match self.theme {
                ExportTheme::Light => Theme::get(ThemeName::Light),
                ExportTheme::Dark => Theme::get(ThemeName::Dark),
                ExportTheme::Projector => Theme::get(ThemeName::Projector),
            },
            transparent: self.transparent,
            legend: self.legend,
            edge_labels: self.edge_labels,
            title: (!self.title.trim().is_empty()).then(|| self.title.trim().to_owned()),
            badges: self.badges,
            group_hulls: !app.view.hide_group_hulls,
            backdrop: self.backdrop.then(|| self.backdrop_image.clone()).flatten(),
            ..ExportOptions::default()
        };
        view_options(app, &mut opts);
        opts
    }
}

/// Preview width in pixels.
const PREVIEW_PX: u32 = 520;

/// Draws the dialog body; returns `Some(true)` to export, `Some(false)` to cancel.
pub fn export_ui(ui: &mut egui::Ui, app: &mut DepdigApp, s: &mut ExportSettings) -> Option<bool> {
    ui.heading("Export map");
    ui.horizontal(|ui| {
        ui.label("File");
        let r = ui.add(
            egui::TextEdit::singleline(&mut s.path)
                .desired_width(380.0)
                .hint_text("/path/to/map.png, .svg or .html"),
        );
        r.widget_info(|| {
            egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Export file")
        });
        if ui
            .button("Browse…")
            .on_hover_text("Pick a file with the system dialog (if available)")
            .clicked()
        {
            // rfd returns None both on cancel and when no file-dialog portal exists.
            if let Some(p) = rfd::FileDialog::new()
                .add_filter("PNG image", &["png"])
                .add_filter("SVG drawing", &["svg"])
                .add_filter("Interactive HTML map", &["html"])
                .save_file()
            {
                s.path = p.display().to_string();
            }
        }
    });
    ui.label(RichText::new("The extension chooses the format: .png (for slides), .svg (vector, selectable text) or .html (an interactive map anyone can open in a browser: one file, with a tab per saved view and scenario).").small().weak());
    egui::Grid::new("export_options")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Theme");
            ui.horizontal(|ui| {
                ui.radio_value(&mut s.theme, ExportTheme::Light, "Light");
                ui.radio_value(&mut s.theme, ExportTheme::Dark, "Dark");
                ui.radio_value(&mut s.theme, ExportTheme::Projector, "Projector");
            });
            ui.end_row();
            ui.label("Size");
            ui.horizontal(|ui| {
                for n in 1..=4 {
                    ui.radio_value(&mut s.scale, n, format!("{n}× ({}×{})", 1920 * n, 1080 * n));
                }
            });
            ui.end_row();
            ui.label("Frame");
            ui.checkbox(
                &mut s.fit_content,
                "tight around the map (no 16:9 slide frame)",
            );
            ui.end_row();
            ui.label("Show");
            ui.horizontal(|ui| {
                ui.checkbox(&mut s.legend, "legend");
                ui.checkbox(&mut s.edge_labels, "dependency labels");
                ui.checkbox(&mut s.badges, "debt badges");
                ui.checkbox(&mut s.transparent, "transparent background");
                if app.doc.ws().backdrop.is_some()
                    && ui
                        .checkbox(&mut s.backdrop, "backdrop photo")
                        .on_hover_text("Draw the photo placed behind the map under it")
                        .changed()
                    && s.backdrop
                    && s.backdrop_image.is_none()
                {
                    match crate::io::backdrop::ExportBackdrop::of_workspace(
                        app.doc.ws(),
                        app.doc.path.as_deref(),
                    ) {
                        Ok(image) => s.backdrop_image = image,
                        Err(e) => {
                            s.backdrop = false;
                            app.status = e.to_string();
                        }
                    }
                }
            });
            ui.end_row();
            ui.label("Title");
            ui.add(egui::TextEdit::singleline(&mut s.title).hint_text(app.doc.ws().title.as_str()));
            ui.end_row();
            if s.path.trim().to_ascii_lowercase().ends_with(".png") {
                ui.label("Editable");
                ui.checkbox(&mut s.embed, "carry the workspace in the PNG")
                    .on_hover_text("Opening or dropping the PNG on depdig gives back the whole workspace (not only what is drawn)");
                ui.end_row();
            }
        });
    if !app.view.filters.hidden_types.is_empty() {
        let hidden: Vec<&str> = app
            .view
            .filters
            .hidden_types
            .iter()
            .map(|t| t.label())
            .collect();
        ui.label(
            RichText::new(format!(
                "Hidden on screen, left out here too: {}",
                hidden.join(", ")
            ))
            .small(),
        );
    }
    let opts = s.options(app);
    let key = format!("{:?}|{}|{:?}", opts, app.doc.revision, app.view.scenario);
    if app.export_size.as_ref().is_none_or(|(k, _)| *k != key) {
        let size = export::image_size(&export_workspace(app), &opts).map_err(|e| e.to_string());
        app.export_size = Some((key, size));
    }
    match app.export_size.as_ref().map(|(_, size)| size) {
        None => {}
        Some(Ok(size)) => {
            ui.label(format!("{} × {} px", size.width, size.height));
            if let Some(note) = &size.note {
                ui.label(RichText::new(note).small());
            }
        }
        Some(Err(e)) => {
            ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
        }
    }
    preview_ui(ui, app, &opts);
    let mut out = None;
    ui.horizontal(|ui| {
        if ui.button("Export").clicked() {
            out = Some(true);
        }
        if ui.button("Cancel").clicked() {
            out = Some(false);
        }
    });
    out
}

/// A small rendering of the export, re-rendered when the options or the document change.
fn preview_ui(ui: &mut egui::Ui, app: &mut DepdigApp, opts: &ExportOptions) {
    let small = ExportOptions {
        width_px: Some(PREVIEW_PX),
        scale: 1,
        ..opts.clone()
    };
    let key = format!(
        "{:?}|{}|{:?}|{:?}",
        small, app.doc.revision, app.view.scenario, app.view.roadmap_step
    );
    if app.export_preview.as_ref().is_none_or(|(k, _)| *k != key) {
        app.export_preview = match export::export_rgba(&export_workspace(app), &small) {
            Ok((w, h, rgba)) => {
                let image =
                    egui::ColorImage::from_rgba_premultiplied([w as usize, h as usize], &rgba);
                let tex =
                    ui.ctx()
                        .load_texture("export-preview", image, egui::TextureOptions::LINEAR);
                Some((key, tex))
            }
            Err(_) => None,
        };
    }
    if let Some((_, tex)) = &app.export_preview {
        let size = tex.size_vec2();
        egui::Frame::new()
            .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
            .show(ui, |ui| {
                ui.add(egui::Image::new((tex.id(), size)).max_width(PREVIEW_PX as f32));
            });
    }
}

/// What the export draws: the document, or the scenario's target state or difference when one
/// is shown on the canvas (the slide shows what the room sees).
pub fn export_workspace(app: &DepdigApp) -> std::borrow::Cow<'_, crate::model::Workspace> {
    app.view.shown_map(app.doc.ws()).0
}

/// The view's focus, filters, highlight and scenario (or roadmap step) difference as export
/// options.
fn view_options(app: &DepdigApp, opts: &mut ExportOptions) {
    use crate::ui::view::ScenarioShow;
    let ws = export_workspace(app);
    opts.hidden_types = app.view.hidden_type_set();
    if app.view.filters.is_active() {
        opts.apply_filters(&ws, &app.view.filters);
    }
    opts.highlighted.clone_from(&app.view.emphasis);
    if let Some(h) = &app.view.highlight {
        // What the screen dims, the picture dims.
        opts.highlighted.extend(h.iter().cloned());
        let left_out = ws
            .systems
            .keys()
            .chain(ws.dependencies.keys())
            .filter(|id| !h.contains(*id));
        opts.dimmed.extend(left_out.cloned());
    }
    if let Some((s, ScenarioShow::Difference)) = app.view.shown_scenario(app.doc.ws()) {
        opts.scenario = Some(s.diff(app.doc.ws()));
    } else if app.view.scenario.is_none()
        && app.view.shown_step(app.doc.ws()).is_some_and(|k| k > 0)
    {
        // A roadmap step: what the phase adds and removes, marked as on the canvas.
        opts.scenario = app.view.shown_map(app.doc.ws()).1;
    }
}

/// Writes the export; returns the status line or the error text.
pub fn run_export(app: &DepdigApp, s: &ExportSettings) -> Result<String, String> {
    let path = std::path::PathBuf::from(s.path.trim());
    let mut opts = s.options(app);
    // The whole document, whatever view or scenario is drawn.
    opts.embed = s.embed.then(|| std::sync::Arc::new(app.doc.ws().clone()));
    let drawn = export_workspace(app);
    let written =
        if export::ImageFormat::from_path(&path).is_ok_and(|f| f == export::ImageFormat::Html) {
            export::export_html_to_path(app.doc.ws(), &drawn, &path, &opts)
        } else {
            export::export_to_path(&drawn, &path, &opts)
        };
    match written {
        Ok((w, h)) => Ok(format!("Exported {} ({w} × {h} px)", path.display())),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_roadmap_step_exports_its_state_with_the_phase_marked() {
        let dir = tempfile::tempdir().unwrap();
        let sample =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/trading-before.ron");
        let path = dir.path().join("trading.ron");
        std::fs::copy(sample, &path).unwrap();
        let mut app = DepdigApp::open(Some(path), dir.path());
        let step = app.doc.ws().roadmap_steps()[0].clone();
        assert!(
            !step.diff.added.is_empty(),
            "the sample's first phase adds the queue"
        );
        app.view.roadmap_step = Some(1);
        let ws = export_workspace(&app);
        for id in &step.diff.added {
            assert!(
                ws.systems.contains_key(id) || ws.dependencies.contains_key(id),
                "{id} is drawn"
            );
        }
        let opts = ExportSettings::new(&app).options(&app);
        assert_eq!(opts.scenario.as_ref(), Some(&step.diff), "and marked added");
        app.view.roadmap_step = Some(0);
        assert!(ExportSettings::new(&app).options(&app).scenario.is_none());
    }
}
