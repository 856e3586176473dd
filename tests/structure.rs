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

/// The top-level module of `src/ui/` a file belongs to (`app` for `src/ui/app/dialogs/body.rs`).
fn ui_module(path: &Path) -> Option<String> {
    let rel = path
        .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"))
        .ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.trim_end_matches(".rs");
    (name != "mod").then(|| name.to_owned())
}

/// A depth-first walk: reaching a module still on the path closes a circle.
fn walk(
    m: &str,
    uses: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
    path: &mut Vec<String>,
    done: &mut std::collections::BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(at) = path.iter().position(|p| p == m) {
        let mut circle = path[at..].to_vec();
        circle.push(m.to_owned());
        return Some(circle);
    }
    if !done.insert(m.to_owned()) {
        return None;
    }
    path.push(m.to_owned());
    for next in uses.get(m).into_iter().flatten() {
        if let Some(c) = walk(next, uses, path, done) {
            return Some(c);
        }
    }
    path.pop();
    None
}

#[test]
fn the_ui_modules_use_each_other_without_a_circle() {
    use std::collections::{BTreeMap, BTreeSet};
    // Module → the modules of src/ui it names (`crate::ui::NAME`).
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in ui_files() {
        let Some(module) = ui_module(&path) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let entry = uses.entry(module.clone()).or_default();
        for (i, _) in text.match_indices("crate::ui::") {
            let name: String = text[i + "crate::ui::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() && name != module {
                entry.insert(name);
            }
        }
    }
    let mut done = BTreeSet::new();
    for m in uses.keys() {
        let circle = walk(m, &uses, &mut Vec::new(), &mut done);
        assert!(circle.is_none(), "an import circle: {circle:?}");
    }
}
