//! Text exports read back by the text readers (through the CLI), and every reader fed
//! mangled real files.

use std::collections::BTreeSet;
use std::path::Path;

use depdig::io::import::{apply_found, dot, jaeger, mermaid, structurizr};
use depdig::model::{DependencyType, SystemKind, Workspace};

use crate::import_text::fixture;

/// Systems as (name, kind, group) and dependencies as (from name, to name, type, role).
type Shape = (
    BTreeSet<(String, SystemKind, String)>,
    BTreeSet<(
        String,
        String,
        DependencyType,
        Option<depdig::model::AsyncRole>,
    )>,
);

fn shape(ws: &Workspace) -> Shape {
    let name = |id: &str| ws.systems[id].name.clone();
    (
        ws.systems
            .values()
            .map(|s| (s.name.clone(), s.kind, s.group.trim().to_owned()))
            .collect(),
        ws.dependencies
            .values()
            .map(|d| {
                let role = (d.kind == DependencyType::Async)
                    .then(|| d.role.unwrap_or(depdig::model::AsyncRole::Produces));
                (name(&d.from), name(&d.to), d.kind, role)
            })
            .collect(),
    )
}

#[test]
fn export_writes_mermaid_dot_and_dsl_that_import_back_as_the_same_map() {
    use crate::cli_common::{depdig, sample, stdout};
    let dir = tempfile::tempdir().unwrap();
    let map = sample("ecommerce-cascade.ron");
    let (ws, _) = depdig::io::load_file(&map).unwrap();
    let counts = format!(
        "{} systems, {} dependencies",
        ws.systems.len(),
        ws.dependencies.len()
    );
    for name in ["map.mmd", "map.dot", "workspace.dsl"] {
        let out = dir.path().join(name);
        let o = depdig(&["export", map.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "{name}: {o:?}");
        assert_eq!(stdout(&o), format!("{}: {counts}\n", out.display()));
        let text = std::fs::read_to_string(&out).unwrap();
        let found = match name {
            "map.mmd" => mermaid::read(&out, &text),
            "map.dot" => dot::read(&out, &text),
            _ => structurizr::read(&out, &text),
        }
        .unwrap();
        assert!(
            found.skipped.is_empty() && found.warnings.is_empty(),
            "{found:?}"
        );
        let mut back = Workspace::new("back");
        apply_found(&mut back, &found).unwrap();
        assert_eq!(shape(&back), shape(&ws), "{name}:\n{text}");
    }
    let bad = dir.path().join("map.txt");
    let o = depdig(&["export", map.to_str().unwrap(), "-o", bad.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(!bad.exists());
}

mod mangled {
    //! Every reader, on real files cut, spliced and sprinkled with syntax: an answer, never a panic.
    use proptest::prelude::*;

    use super::*;

    const FILES: &[&str] = &[
        "opentelemetry.io/architecture.md",
        "structurizr-examples/big-bank-plc.dsl",
        "structurizr-examples/microservices.dsl",
        "terraform-up-and-running/graph.dot",
        "jaeger-ui/small.json",
        "decentraland-architecture/architecture.dot",
    ];
    const JUNK: &[&str] = &[
        "{", "}", "[", "]", "(", ")", "\"", "\\", "-->", "->", "--", "|", "<", ">", "&#", "#",
        "/*", "//", "%%", ";", ":::", "=", "\n", "subgraph", "end", "é", "東", "\u{0}", "@{",
    ];

    fn read_any(path: &Path, text: &str) {
        let _ = mermaid::read(&path.with_extension("mmd"), text);
        let _ = mermaid::read(&path.with_extension("md"), text);
        let _ = dot::read(path, text);
        let _ = structurizr::read(path, text);
        let _ = jaeger::read(path, text);
        for looks in [
            mermaid::looks_like,
            dot::looks_like,
            structurizr::looks_like,
            jaeger::looks_like,
        ] {
            let _ = looks(path, text);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn no_reader_panics(file in 0..FILES.len(), cuts in prop::collection::vec((any::<prop::sample::Index>(), 0..JUNK.len()), 1..8)) {
            let (path, text) = fixture(FILES[file]);
            let mut text = text;
            for (at, junk) in cuts {
                let mut i = at.index(text.len() + 1);
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                text.insert_str(i, JUNK[junk]);
            }
            read_any(&path, &text);
            let half = text.len() / 2;
            let mut cut = half;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            read_any(&path, &text[..cut]);
        }
    }
}
