//! `depdig bench-frames FILE.ron`: median and p95 frame time of the app, headless.

use std::num::NonZeroUsize;
use std::path::Path;
use std::process::ExitCode;

pub fn run(file: &Path, frames: NonZeroUsize, width: f32, height: f32) -> ExitCode {
    let frames = frames.get();
    for (mode, running) in [("paused", false), ("running", true)] {
        match crate::ui::bench::bench_frames(file, frames, width, height, running) {
            Ok((s, zoom)) => outln!(
                "{}: layout {mode}: {} frames at {width}x{height}, zoom {:.0}%: median {:.2} ms, p95 {:.2} ms",
                file.display(),
                s.frames,
                zoom * 100.0,
                s.median_ms,
                s.p95_ms
            ),
            Err(e) => {
                say!("{e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
