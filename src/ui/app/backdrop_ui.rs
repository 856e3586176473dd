//! The backdrop's dialogs (which photo; its placement, opacity and lock) and Help ▸ About.

use std::path::PathBuf;

use egui::RichText;

use crate::model::BACKDROP_SCALE_RANGE;
use crate::ui::app::DepdigApp;
use crate::ui::app::backdrop::IMAGE_EXTENSIONS;
use crate::ui::app::dialogs::Outcome;

/// File ▸ Place backdrop image…: a path typed or picked with the system dialog.
pub(crate) fn place_ui(ui: &mut egui::Ui, text: &mut String, enter: bool) -> Outcome {
    ui.heading("Place backdrop image");
    ui.label("A photo to trace (a whiteboard, a sketch): JPEG, PNG or WebP, drawn behind the map.");
    let mut browsed = false;
    ui.horizontal(|ui| {
        let field = ui
            .add(
                egui::TextEdit::singleline(text)
                    .desired_width(420.0)
                    .hint_text("/path/to/whiteboard.jpg"),
            )
            .labelled_by(ui.label("Image").id);
        // Opened: the keyboard goes to the path (typing it is the quickest way).
        if text.is_empty() && ui.memory(|m| m.focused().is_none()) {
            field.request_focus();
        }
        if ui
            .button("Browse…")
            .on_hover_text("Pick a file with the system dialog (if available)")
            .clicked()
            && let Some(p) = rfd::FileDialog::new()
                .add_filter("image", &IMAGE_EXTENSIONS)
                .pick_file()
        {
            *text = p.display().to_string();
            browsed = true;
        }
    });
    ui.label(
        RichText::new("Type a path or use Browse… (or hold Shift and drop a photo on the map).")
            .small()
            .weak(),
    );
    let place = ui.button("Place").clicked() || browsed || (enter && !text.trim().is_empty());
    if ui.button("Cancel").clicked() {
        return Outcome::Close;
    }
    if place && !text.trim().is_empty() {
        let path = PathBuf::from(text.trim());
        let ctx = ui.ctx().clone();
        return Outcome::Then(Box::new(move |app| app.place_backdrop(&ctx, &path)));
    }
    Outcome::Keep
}

/// The backdrop's placement: offset, scale, quarter turns, opacity, lock, presentation.
pub(crate) fn controls_ui(ui: &mut egui::Ui, app: &mut DepdigApp) -> Outcome {
    ui.heading("Backdrop photo");
    let Some(before) = app.doc.ws().backdrop.clone() else {
        ui.label(
            "No backdrop is placed. File › Place backdrop image… puts a photo behind the map.",
        );
        return if ui.button("Close").clicked() {
            Outcome::Close
        } else {
            Outcome::Keep
        };
    };
    ui.label(RichText::new(&before.path).monospace());
    if let Some(Err(why)) = app.backdrop_texture.as_ref().map(|t| &t.loaded) {
        ui.colored_label(ui.visuals().warn_fg_color, why);
    }
    let mut b = before.clone();
    let step = 1.0 / app.canvas.camera.zoom.max(0.01);
    egui::Grid::new("backdrop_controls")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Position");
            ui.add_enabled_ui(!b.locked, |ui| {
                ui.horizontal(|ui| {
                    ui.add(
                        egui::DragValue::new(&mut b.offset.x)
                            .speed(step)
                            .prefix("x "),
                    );
                    ui.add(
                        egui::DragValue::new(&mut b.offset.y)
                            .speed(step)
                            .prefix("y "),
                    );
                    if ui
                        .button("Centre in view")
                        .on_hover_text("Move the photo's middle to the middle of the map view")
                        .clicked()
                    {
                        let [w, h] = size(app, &b);
                        let c = app.canvas.camera.center;
                        b.offset = crate::model::CanvasPos::new(c.x - w / 2.0, c.y - h / 2.0);
                    }
                });
            });
            ui.end_row();
            ui.label("Scale");
            ui.add_enabled_ui(!b.locked, |ui| {
                let (lo, hi) = BACKDROP_SCALE_RANGE;
                ui.add(
                    egui::DragValue::new(&mut b.scale)
                        .speed(0.002)
                        .range(lo..=hi)
                        .suffix(" per pixel"),
                );
            });
            ui.end_row();
            ui.label("Turn");
            ui.add_enabled_ui(!b.locked, |ui| {
                ui.horizontal(|ui| {
                    if ui
                        .button("⟲ 90°")
                        .on_hover_text("A quarter turn anticlockwise")
                        .clicked()
                    {
                        turn(app, &mut b, 3);
                    }
                    if ui
                        .button("⟳ 90°")
                        .on_hover_text("A quarter turn clockwise")
                        .clicked()
                    {
                        turn(app, &mut b, 1);
                    }
                    ui.label(format!("{}°", u32::from(b.quarter_turns) * 90));
                });
            });
            ui.end_row();
            ui.label("Opacity");
            ui.add(egui::Slider::new(&mut b.opacity, 0.0..=1.0).fixed_decimals(2));
            ui.end_row();
        });
    ui.checkbox(
        &mut b.locked,
        "Locked (position, scale and turn cannot change)",
    );
    ui.checkbox(&mut b.presenting, "Also shown in presentation mode");
    ui.label(
        RichText::new("Exports never draw the backdrop; trace on it with N at the pointer.")
            .small()
            .weak(),
    );
    if b != before {
        app.adjust_backdrop(Some(b), "Adjust backdrop");
    }
    let mut out = Outcome::Keep;
    ui.horizontal(|ui| {
        if ui.button("Remove backdrop").clicked() {
            app.doc.history.close_merge();
            if app.edit(crate::ops::Op::SetBackdrop(None), "Remove backdrop") {
                out = Outcome::Close;
            }
        }
        if ui.button("Done").clicked() {
            app.doc.history.close_merge();
            out = Outcome::Close;
        }
    });
    out
}

/// The placed photo's size on the canvas (its texture's original size, turned and scaled).
fn size(app: &DepdigApp, b: &crate::model::Backdrop) -> [f32; 2] {
    match app.backdrop_texture.as_ref().map(|t| &t.loaded) {
        Some(Ok((_, px))) => b.canvas_size(*px),
        _ => [0.0, 0.0],
    }
}

/// Turns by `quarters` clockwise about the photo's middle.
fn turn(app: &DepdigApp, b: &mut crate::model::Backdrop, quarters: u8) {
    let [w, h] = size(app, b);
    let (cx, cy) = (b.offset.x + w / 2.0, b.offset.y + h / 2.0);
    b.quarter_turns = (b.quarter_turns + quarters) % 4;
    let [w, h] = size(app, b);
    b.offset = crate::model::CanvasPos::new(cx - w / 2.0, cy - h / 2.0);
}

/// Help ▸ About: the icon, name, version and licence.
pub(crate) fn about_ui(ui: &mut egui::Ui) -> Outcome {
    ui.horizontal(|ui| {
        if let Some(tex) = crate::ui::icon::texture(ui.ctx()) {
            ui.add(
                egui::Image::new(&tex)
                    .fit_to_exact_size(egui::vec2(96.0, 96.0))
                    .alt_text("depdig's icon"),
            );
        }
        ui.vertical(|ui| {
            ui.heading(format!("depdig {}", env!("CARGO_PKG_VERSION")));
            ui.label(env!("CARGO_PKG_DESCRIPTION"));
            ui.label(RichText::new(format!("Licence: {}", env!("CARGO_PKG_LICENSE"))).weak());
        });
    });
    if ui.button("Close").clicked() {
        Outcome::Close
    } else {
        Outcome::Keep
    }
}
