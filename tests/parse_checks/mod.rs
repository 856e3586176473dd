//! What every parser entry point promises on any input, checked by panicking: the structure-aware
//! property test (`tests/parsers_fuzz.rs`) and the cargo-fuzz targets (`fuzz/`) both call these,
//! so a fuzzer's crash and a failing property are the same broken promise.
//!
//! - Nothing panics.
//! - An error names the file, and the line (and column, for RON) when it is about text.
//! - Whatever loads or imports is a valid workspace: `validate` finds no error, and it saves and
//!   loads back to the same workspace and the same bytes.
//! - A failed import leaves the workspace as it was; a successful one is undone by its inverse.

use std::path::Path;
use std::sync::OnceLock;

use depdig::io::csv_import::{CsvText, import_text_into};
use depdig::io::{LoadError, load_str, to_ron_string};
use depdig::model::{Severity, Workspace, validate};

/// The file name RON input is loaded under (it appears in every message).
pub const RON_PATH: &str = "fuzz.ron";
/// The file names CSV input is imported under.
pub const NODES_PATH: &str = "nodes.csv";
pub const EDGES_PATH: &str = "edges.csv";

/// The bundled samples, by file name, as text.
pub fn samples() -> &'static [(&'static str, &'static str)] {
    &[
        (
            "ecommerce-cascade.ron",
            include_str!("../../samples/ecommerce-cascade.ron"),
        ),
        (
            "manufacturing-erp.ron",
            include_str!("../../samples/manufacturing-erp.ron"),
        ),
        (
            "trading-after.ron",
            include_str!("../../samples/trading-after.ron"),
        ),
        (
            "trading-before.ron",
            include_str!("../../samples/trading-before.ron"),
        ),
    ]
}

/// The workspaces CSV is merged into: a new one, and a sample without scenarios (a scenario
/// that adds a system the CSV also adds is issue 13 point 2, the writer's check).
pub fn csv_bases() -> &'static [Workspace] {
    static BASES: OnceLock<Vec<Workspace>> = OnceLock::new();
    BASES.get_or_init(|| {
        let load = |i: usize| {
            let (name, text) = samples()[i];
            load_str(text, Path::new(name))
                .map_or_else(|e| panic!("the sample does not load: {e}"), |(ws, _)| ws)
        };
        // The trading sample has a scenario that adds systems: an import must not collide.
        let trading = load(3);
        assert!(!trading.scenarios.is_empty());
        vec![Workspace::new("Imported"), load(0), trading]
    })
}

/// Reads `bytes` as an editable PNG export (the PNG signature put in front when they lack it, so
/// a fuzzer reaches the chunks): nothing panics, an error says something, and the workspace text
/// a PNG carries keeps every promise of [`ron_text`]. True if a workspace loaded.
pub fn png_bytes(bytes: &[u8]) -> bool {
    use depdig::io::png_workspace::{SIGNATURE, is_png, workspace_text};
    let data: std::borrow::Cow<'_, [u8]> = if is_png(bytes) {
        bytes.into()
    } else {
        [&SIGNATURE[..], bytes].concat().into()
    };
    match workspace_text(&data) {
        Ok(text) => ron_text(&text),
        Err(e) => {
            assert!(!e.to_string().is_empty());
            false
        }
    }
}

/// Loads `bytes` as a workspace file (invalid UTF-8 replaced, as the loader reports it apart).
pub fn ron_bytes(bytes: &[u8]) -> bool {
    ron_text(&String::from_utf8_lossy(bytes))
}

/// Loads `text` as a workspace file and checks the promises above; true if it loaded.
pub fn ron_text(text: &str) -> bool {
    match load_str(text, Path::new(RON_PATH)) {
        Ok((ws, warnings)) => {
            assert!(
                warnings.iter().all(|p| p.severity == Severity::Warning),
                "the loader returned errors as warnings: {warnings:?}"
            );
            valid_and_stable(&ws, "the loaded workspace");
            true
        }
        Err(e) => {
            load_error(&e, text);
            false
        }
    }
}

fn load_error(e: &LoadError, text: &str) {
    let msg = e.to_string();
    match e {
        LoadError::Syntax { pos, .. } | LoadError::NewerVersion { pos, .. } => {
            let prefix = format!("{RON_PATH}:{}:{}: ", pos.line, pos.col);
            assert!(msg.starts_with(&prefix), "no {prefix:?} in: {msg}");
            let last_line = text.split('\n').count();
            assert!(
                (1..=last_line).contains(&pos.line) && pos.col >= 1,
                "{}:{} is outside the text ({last_line} lines): {msg}",
                pos.line,
                pos.col
            );
        }
        LoadError::Invalid { problems, .. } => {
            assert!(
                problems.iter().any(|p| p.severity == Severity::Error),
                "refused without an error: {msg}"
            );
            assert!(msg.starts_with(&format!("{RON_PATH}: ")), "{msg}");
        }
        LoadError::Io { .. } | LoadError::TooLarge { .. } | LoadError::Png { .. } => {
            panic!("text loading reported a file error: {msg}")
        }
    }
}

/// `validate` finds no error; saving and loading gives the same workspace and the same bytes.
fn valid_and_stable(ws: &Workspace, what: &str) {
    let errors: Vec<String> = validate(ws)
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{what} is invalid: {errors:#?}");
    let text = to_ron_string(ws).unwrap_or_else(|e| panic!("{what} cannot be saved: {e}"));
    let again = load_str(&text, Path::new("saved.ron"))
        .unwrap_or_else(|e| panic!("{what} does not load after saving: {e}\n{text}"))
        .0;
    assert!(
        again == *ws,
        "{what} changes when saved and loaded:\n{text}"
    );
    let text_again = to_ron_string(&again).unwrap_or_else(|e| panic!("{e}"));
    assert!(text_again == text, "saving is not deterministic:\n{text}");
}

/// One fuzzer input: the first byte modulo 3 chooses the workspace to import into (`0`: a new
/// one, `1`: the e-commerce sample, `2`: the trading sample with its scenario), the rest is the
/// nodes file, a NUL, and the edges file; an empty part is no file.
pub fn csv_bytes(data: &[u8]) -> bool {
    let Some((first, rest)) = data.split_first() else {
        return csv(None, None, &csv_bases()[0]);
    };
    let (nodes, edges) = match rest.iter().position(|b| *b == 0) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    csv(
        Some(nodes).filter(|b| !b.is_empty()),
        Some(edges).filter(|b| !b.is_empty()),
        &csv_bases()[usize::from(*first) % csv_bases().len()],
    )
}

/// Imports the CSV text into a copy of `base` and checks the promises above; true if it imported.
pub fn csv(nodes: Option<&[u8]>, edges: Option<&[u8]>, base: &Workspace) -> bool {
    let mut ws = base.clone();
    let result = import_text_into(
        &mut ws,
        nodes.map(|bytes| CsvText {
            path: Path::new(NODES_PATH),
            bytes,
        }),
        edges.map(|bytes| CsvText {
            path: Path::new(EDGES_PATH),
            bytes,
        }),
    );
    match result {
        Err(err) => {
            assert!(ws == *base, "a failed import changed the workspace: {err}");
            assert!(!err.errors.is_empty(), "an import failed without a reason");
            for m in &err.errors {
                let text = m.to_string();
                let line = m.line.unwrap_or_else(|| panic!("no line in: {text}"));
                let path = m.path.display().to_string();
                // A bad value in one cell also names its column: path:line:column.
                let at = match m.column {
                    Some(col) => format!("{path}:{line}:{col}: "),
                    None => format!("{path}:{line}: "),
                };
                assert!(
                    [NODES_PATH, EDGES_PATH].contains(&path.as_str())
                        && text.starts_with(&at)
                        && line >= 1
                        && m.column.is_none_or(|c| c >= 1),
                    "not path:line: {text}"
                );
            }
            false
        }
        Ok((inverse, summary)) => {
            for w in &summary.warnings {
                let path = w.path.display().to_string();
                assert!(
                    [NODES_PATH, EDGES_PATH].contains(&path.as_str()),
                    "warning without its file: {w}"
                );
            }
            valid_and_stable(&ws, "the imported workspace");
            let mut undone = ws.clone();
            depdig::ops::apply(&mut undone, inverse)
                .unwrap_or_else(|e| panic!("the import cannot be undone: {e}"));
            assert!(
                undone == *base,
                "undoing the import does not restore the workspace"
            );
            true
        }
    }
}

/// The file names artefact input is read under, one per reader (the fuzzer's first byte picks).
pub const ARTEFACT_PATHS: [&str; 6] = [
    "docker-compose.yml",
    "manifests.yaml",
    "graph.dot",
    "diagram.mmd",
    "workspace.dsl",
    "dependencies.json",
];

/// One fuzzer input for the artefact readers: the first byte picks the reader, the rest is the
/// file's text (invalid UTF-8 replaced, as `read_text` refuses it before any reader sees it).
pub fn artefact_bytes(data: &[u8]) -> bool {
    let (first, rest) = data.split_first().map_or((0, &[][..]), |(f, r)| (*f, r));
    artefact(
        usize::from(first) % ARTEFACT_PATHS.len(),
        &String::from_utf8_lossy(rest),
    )
}

/// Reads `text` with reader `reader` and checks the promises: no panic; an error names the file;
/// what is read goes into a new workspace that is valid, saves and loads back the same, and is
/// undone by the inverse. True if it was read.
pub fn artefact(reader: usize, text: &str) -> bool {
    use depdig::io::import::{apply_found, compose, dot, jaeger, k8s, mermaid, structurizr};
    let name = ARTEFACT_PATHS[reader % ARTEFACT_PATHS.len()];
    let path = Path::new(name);
    let result = match reader % ARTEFACT_PATHS.len() {
        0 => compose::read(path, text),
        1 => k8s::read(path, text),
        2 => dot::read(path, text),
        3 => mermaid::read(path, text),
        4 => structurizr::read(path, text),
        _ => jaeger::read(path, text),
    };
    match result {
        Err(err) => {
            assert!(!err.errors.is_empty(), "a read failed without a reason");
            for m in &err.errors {
                let text = m.to_string();
                assert!(text.starts_with(name), "error without its file: {text}");
            }
            false
        }
        Ok(found) => {
            let empty = Workspace::new("fuzz");
            let mut ws = empty.clone();
            let (inverse, _) = apply_found(&mut ws, &found)
                .unwrap_or_else(|e| panic!("read but not applicable: {e}"));
            valid_and_stable(&ws, "the imported artefact");
            depdig::ops::apply(&mut ws, inverse)
                .unwrap_or_else(|e| panic!("the import cannot be undone: {e}"));
            assert!(ws == empty, "undoing the import left something behind");
            true
        }
    }
}
