//! Rendered screens compared with reviewed PNGs in tests/snapshots/. Needs a (software) Vulkan
//! renderer: `cargo test --features snapshots`; regenerate with `UPDATE_SNAPSHOTS=1`.
#![cfg(feature = "snapshots")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use depdig::ui::DepdigApp;
use egui_kittest::Harness;

#[test]
fn builtin_sample_window() {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, app: &mut DepdigApp| app.ui_contents(ui),
            DepdigApp::open(None),
        );
    h.run();
    h.snapshot("builtin_sample_window");
}
