//! Issue 14.2: the shape of the UI code. Panels get their own state and a read-only context and
//! return actions; only the app (`src/ui/app/`: the frame, the dispatcher, the modal dialogs)
//! holds the whole app. No file in `src/ui/` is over 500 lines.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn ui_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"),
        &mut files,
    );
    files.sort();
    files
}

#[test]
fn no_file_in_the_ui_is_over_500_lines() {
    let long: Vec<String> = ui_files()
        .into_iter()
        .filter_map(|p| {
            let n = std::fs::read_to_string(&p).unwrap().lines().count();
            (n > 500).then(|| format!("{} ({n} lines)", p.display()))
        })
        .collect();
    assert!(long.is_empty(), "over 500 lines: {long:?}");
}

#[test]
fn only_the_app_module_holds_the_app() {
    let app_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui/app");
    let ui_mod = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui/mod.rs");
    let app_rs = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui/app.rs");
    let offenders: Vec<String> = ui_files()
        .into_iter()
        .filter(|p| !p.starts_with(&app_dir) && *p != ui_mod && *p != app_rs)
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            text.contains("ui::app") || text.contains("DepdigApp")
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "these import the app instead of taking a PanelCtx and returning actions: {offenders:?}"
    );
}
