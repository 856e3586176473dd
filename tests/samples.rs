//! Every sample loads, validates, tells its case study, and is stored in canonical form
//! (saving it again gives the same bytes). `UPDATE_SAMPLES=1 cargo test --test headless samples`
//! rewrites hand-edited samples into canonical form.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use std::path::Path;

use depdig::io::{load_file, samples, to_ron_string};
use depdig::model::{Severity, Workspace};

const SAMPLES: &[&str] = &[
    "manufacturing-erp.ron",
    "trading-before.ron",
    "trading-after.ron",
    "ecommerce-cascade.ron",
];

fn load(name: &str) -> Workspace {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name);
    let (ws, warnings) = load_file(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(warnings.iter().all(|w| w.severity == Severity::Warning));
    assert!(warnings.is_empty(), "{name} has warnings: {warnings:#?}");
    let text = std::fs::read_to_string(&path).unwrap();
    let canonical = to_ron_string(&ws).unwrap();
    if text != canonical {
        if std::env::var_os("UPDATE_SAMPLES").is_some() {
            std::fs::write(&path, &canonical).unwrap();
        } else {
            panic!(
                "{name} is not in canonical form; run UPDATE_SAMPLES=1 cargo test --test headless samples"
            );
        }
    }
    ws
}

#[test]
fn every_sample_is_complete() {
    for name in SAMPLES {
        let ws = load(name);
        let c = ws.counts();
        assert!(
            (10..=25).contains(&c.systems),
            "{name}: {} systems",
            c.systems
        );
        assert!(c.debt >= 2, "{name}: needs debt items");
        assert!(c.failure_modes >= 2, "{name}: needs failure modes");
        assert!(
            ws.systems.values().all(|s| s.pos.is_some()),
            "{name}: every system needs a position"
        );
        assert!(
            ws.systems.values().all(|s| !s.owner.is_empty()),
            "{name}: every system needs an owner"
        );
        assert!(
            ws.systems.values().any(|s| s.capacity.is_some()),
            "{name}: needs capacities"
        );
        assert!(
            ws.systems.values().any(|s| !s.windows.is_empty())
                || ws.dependencies.values().any(|d| !d.windows.is_empty()),
            "{name}: needs time windows"
        );
        let types: std::collections::BTreeSet<_> =
            ws.dependencies.values().map(|d| d.kind).collect();
        assert!(types.len() >= 4, "{name}: uses only {types:?}");
    }
}

#[test]
fn builtin_is_the_ecommerce_sample() {
    assert_eq!(samples::builtin().unwrap(), load("ecommerce-cascade.ron"));
}

/// What version 1 can say of a sample: the sample without the plan's version-2 fields (the
/// roadmap, and rollouts, production checks and cost on dependencies, scenarios' too).
fn version_1_part(mut ws: Workspace) -> Workspace {
    ws.roadmap.clear();
    let strip = |d: &mut depdig::model::Dependency| {
        d.rollout = None;
        d.watch = None;
        d.cost = None;
    };
    ws.dependencies.values_mut().for_each(strip);
    for s in ws.scenarios.values_mut() {
        s.added_dependencies.iter_mut().for_each(strip);
    }
    ws
}

/// Version 1 files keep loading unchanged: every sample as version 1 wrote it (kept in
/// `tests/fixtures/v1/`) loads into the same workspace as what version 1 can say of the sample
/// today (see `version_1_part`), and saving it writes the current version.
/// `UPDATE_SAMPLES=1` rewrites a fixture from its sample.
#[test]
fn version_1_files_load_unchanged() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for entry in std::fs::read_dir(dir.join("tests/fixtures/v1")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("(\n  version: 1,"),
            "{} is a v1 file",
            path.display()
        );
        let name = path.file_name().unwrap();
        let (now, _) = load_file(&dir.join("samples").join(name)).unwrap();
        let now = version_1_part(now);
        let (old, _) = load_file(&path).unwrap();
        if old != now && std::env::var_os("UPDATE_SAMPLES").is_some() {
            let v1 = to_ron_string(&now)
                .unwrap()
                .replacen("version: 2", "version: 1", 1);
            std::fs::write(&path, v1).unwrap();
            n += 1;
            continue;
        }
        assert_eq!(old, now, "{}", path.display());
        let saved = to_ron_string(&old).unwrap();
        assert!(saved.starts_with("(\n  version: 2,"));
        assert_eq!(saved.replacen("version: 2", "version: 1", 1), text);
        n += 1;
    }
    assert_eq!(n, 4, "one v1 file per sample");
}
