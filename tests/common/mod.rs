//! What the GUI tests share: an app harness set up the way the app sets up its context, and the
//! samples.
#![allow(dead_code, reason = "each test binary uses the helpers it needs")]

use std::path::{Path, PathBuf};

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

/// The app on `file`, with autosave and crash recovery in a directory of its own: a test never
/// reads or writes the real recovery directory (`~/.local/state/depdig`). The directory is kept
/// (the app outlives this function) under cargo's temporary directory for tests in `target/`,
/// not in the system's `/tmp`, where every run left a few hundred.
pub fn open(file: Option<PathBuf>) -> DepdigApp {
    let dir = tempfile::Builder::new()
        .prefix("depdig-test-recovery-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("a temporary recovery directory")
        .keep();
    DepdigApp::open(file, &dir)
}

/// Adds a system named `name` the way a user does: ➕ Add system, type the name, Add system.
pub fn add_system(h: &mut Harness<'_, DepdigApp>, name: &str) {
    use egui::accesskit::Role;
    use egui_kittest::kittest::{Queryable, by};
    h.get_by_label("➕ Add system").click();
    h.run_steps(2);
    h.get_by_label("System name").type_text(name);
    h.run_steps(1);
    h.get(by().role(Role::Button).label("Add system")).click();
    h.run_steps(2);
}

/// A sample workspace in the repository's `samples/`.
pub fn sample_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}

/// A copy of a sample in `dir`, so tests may save next to it without touching the repository.
pub fn sample_copy(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(sample_path(name), &path).expect("copy the sample");
    path
}

/// eframe's storage in memory: what the app remembers between runs, for a test.
#[derive(Default)]
pub struct MemoryStorage(pub std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

/// Scrolls the widget labelled `label` into view (it may be below the fold of a docked panel)
/// and clicks it, as a user would.
pub fn scroll_and_click(h: &mut Harness<'_, DepdigApp>, label: &str) {
    use egui_kittest::kittest::Queryable;
    h.get_by_label(label).scroll_to_me();
    // Until the scroll has settled: a click lands where the widget is drawn now.
    h.run();
    h.get_by_label(label).click();
}
