//! The desktop app. This is the only module that imports egui.

mod app;

use std::path::PathBuf;
use std::process::ExitCode;

pub use app::DepdigApp;

/// Opens the app window on `file`, or on the built-in sample when there is none.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let app = DepdigApp::open(file);
    let title = app.window_title();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    match eframe::run_native("depdig", options, Box::new(|_cc| Ok(Box::new(app)))) {
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
