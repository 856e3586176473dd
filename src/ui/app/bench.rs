//! Headless frame benchmark: the full UI pass (every panel, the canvas, labels) plus
//! tessellation, as the app does it each frame, without a window or GPU.

use std::path::Path;
use std::time::Instant;

use crate::ui::DepdigApp;

/// Frame-time statistics in milliseconds.
#[derive(Debug, Clone, Copy)]
pub struct FrameStats {
    pub median_ms: f64,
    pub p95_ms: f64,
    pub frames: usize,
}

fn stats(mut times: Vec<f64>) -> FrameStats {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| {
        times
            .get(((times.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    FrameStats {
        median_ms: at(0.5),
        p95_ms: at(0.95),
        frames: times.len(),
    }
}

/// Runs `frames` frames of the app on `file` at `width`×`height`, fit to screen, with the layout
/// paused or running; returns the stats and the app's zoom.
pub fn bench_frames(
    file: &Path,
    frames: usize,
    width: f32,
    height: f32,
    layout_running: bool,
) -> Result<(FrameStats, f32), String> {
    // Its own recovery directory: a benchmark neither offers nor leaves anyone's unsaved work.
    let recovery = std::env::temp_dir().join(format!("depdig-bench-{}", std::process::id()));
    let mut app = DepdigApp::open(Some(file.to_path_buf()), &recovery);
    let result = run_frames(&mut app, file, frames, width, height, layout_running);
    drop(app);
    if let Err(e) = std::fs::remove_dir_all(&recovery) {
        return Err(format!("{}: could not be removed: {e}", recovery.display()));
    }
    result
}

fn run_frames(
    app: &mut DepdigApp,
    file: &Path,
    frames: usize,
    width: f32,
    height: f32,
    layout_running: bool,
) -> Result<(FrameStats, f32), String> {
    if app.dialog.is_some() {
        return Err(format!(
            "{}: cannot be opened (run `depdig check` on it)",
            file.display()
        ));
    }
    let ctx = egui::Context::default();
    crate::ui::setup_context(&ctx, app);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(width, height));
    let pointer = egui::pos2(width * 0.5, height * 0.5);
    let mut times = Vec::with_capacity(frames);
    let warmup = 5;
    for i in 0..frames + warmup {
        app.layout_running = layout_running;
        let input = egui::RawInput {
            screen_rect: Some(screen),
            time: Some(i as f64 / 60.0),
            events: vec![egui::Event::PointerMoved(pointer)],
            ..Default::default()
        };
        let start = Instant::now();
        let output = ctx.run_ui(input, |ui| app.ui_contents(ui));
        let ui_ms = start.elapsed().as_secs_f64() * 1000.0;
        let meshes = ctx.tessellate(output.shapes, output.pixels_per_point);
        if std::env::var_os("DEPDIG_BENCH_SPLIT").is_some() && i == warmup + 10 {
            eprintln!(
                "ui pass {ui_ms:.2} ms, tessellate {:.2} ms",
                start.elapsed().as_secs_f64() * 1000.0 - ui_ms
            );
        }
        std::hint::black_box(&meshes);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        if i >= warmup {
            times.push(ms);
        }
    }
    Ok((stats(times), app.canvas.camera.zoom))
}
