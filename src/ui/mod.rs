//! The desktop app. This is the only module that imports egui.

mod actions;
mod app;
pub mod canvas;
pub mod commands;
mod debt_panel;
mod dock;
mod facilitation_panel;
mod failure_panel;
mod findings_panel;
mod focus;
mod gate;
pub mod icon;
mod inspector;
pub(crate) mod live_layout;
mod menus;
mod panel_ctx;
mod panels;
mod roadmap_panel;
mod rollouts_panel;
mod settings;
pub mod theme;
pub mod view;
mod views_panel;

use std::path::PathBuf;
use std::process::ExitCode;

pub use app::DepdigApp;
pub use app::bench;

/// Prepares an egui context the way the app needs it (bundled font, theme visuals).
pub fn setup_context(ctx: &egui::Context, app: &DepdigApp) {
    theme::install_fonts(ctx);
    theme::apply(ctx, &app.theme());
    // Ctrl +/−/0 are the app's own commands, so the scale can be remembered.
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
    ctx.set_zoom_factor(app.ui_scale());
}

/// Opens the app window on `file`, or on the built-in sample when there is none.
pub fn run(file: Option<PathBuf>, read_only: bool) -> ExitCode {
    let mut app = DepdigApp::open(file, &crate::recovery::default_dir());
    if read_only {
        app.set_read_only(true);
    }
    let title = app.window_title();
    // DEPDIG_WINDOW=1920x1080 sets the first window size (screenshots, projector rehearsals).
    let size = std::env::var("DEPDIG_WINDOW")
        .ok()
        .and_then(|v| {
            let (w, h) = v.split_once('x')?;
            Some([w.trim().parse::<f32>().ok()?, h.trim().parse::<f32>().ok()?])
        })
        .filter(|[w, h]| *w >= 320.0 && *h >= 240.0)
        .unwrap_or([1280.0, 800.0]);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            .with_inner_size(size)
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let options = eframe::NativeOptions {
        viewport: match icon::window_icon() {
            Some(icon) => options.viewport.with_icon(icon),
            None => options.viewport,
        },
        ..options
    };
    let result = eframe::run_native(
        "depdig",
        options,
        Box::new(|cc| {
            let mut app = app;
            app.restore_settings(cc.storage);
            if read_only {
                app.set_read_only(true);
            }
            setup_context(&cc.egui_ctx, &app);
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "depdig: cannot open a window: {e}\n  \
                 (no display? The command-line tools work without one: depdig --help)"
            );
            ExitCode::FAILURE
        }
    }
}
