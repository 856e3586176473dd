//! What the GUI tests share: an app harness set up the way the app sets up its context.

use depdig::ui::DepdigApp;
use egui_kittest::Harness;

/// The app in a `width`×`height` window (bundled font, theme), after a few frames.
pub fn harness_sized(app: DepdigApp, width: f32, height: f32) -> Harness<'static, DepdigApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(width, height))
        .build_ui_state(|ui, app: &mut DepdigApp| app.ui_contents(ui), app);
    depdig::ui::setup_context(&h.ctx, h.state());
    h.run_steps(3);
    h
}
