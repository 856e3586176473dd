//! `depdig drift MAP.ron ARTEFACT...` and `io::import::drift` on real fixtures. The expected
//! differences are written from reading the files, before the first run.

use std::path::{Path, PathBuf};

use depdig::io::import::detect::read_artefacts;
use depdig::io::import::drift::{Difference, adopt, drift};
use depdig::io::{load_file, save_file};
use depdig::model::{DependencyType, System, SystemKind, dependency_id};
use depdig::ops;

use crate::cli_common::{depdig, stderr, stdout};

fn root(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The Online Boutique map was transcribed from these manifests (every `*_ADDR` one
/// dependency, `redis-cart` from cartservice.yaml): a careful reader expects no drift.
#[test]
fn the_boutique_map_agrees_with_its_manifests() {
    let map = root("real/online-boutique.ron");
    let o = depdig(&["drift", s(&map), s(&root("import/online-boutique"))]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).starts_with("No drift"), "{}", stdout(&o));
}

/// The boutique map after a workshop: the email call was forgotten, a fraud check drawn that
/// the manifests do not have, Stripe added as an external, the cart's Redis drawn as a sync
/// call, and a business-process step added. Expected: email missing from the map (with its
/// manifest line), fraud-check and its call missing from the artefacts, Stripe listed apart,
/// the Redis type listed as "another type" (not drift), the business process never listed.
#[test]
fn a_workshop_map_drifts_from_the_boutique_manifests() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _) = load_file(&root("real/online-boutique.ron")).unwrap();
    let email = dependency_id("checkoutservice", "emailservice", DependencyType::Sync);
    ws.dependencies.remove(&email).unwrap();
    let redis = dependency_id("cartservice", "redis-cart", DependencyType::Data);
    let mut as_sync = ws.dependencies.remove(&redis).unwrap();
    as_sync.kind = DependencyType::Sync;
    ws.dependencies.insert(
        dependency_id("cartservice", "redis-cart", DependencyType::Sync),
        as_sync,
    );
    for (id, name, kind) in [
        ("fraud-check", "Fraud check", SystemKind::Service),
        ("stripe", "Stripe", SystemKind::External),
    ] {
        ws.systems
            .insert(id.into(), System::new(id, name).with_kind(kind));
    }
    for (from, to, kind) in [
        ("checkoutservice", "fraud-check", DependencyType::Sync),
        ("paymentservice", "stripe", DependencyType::Sync),
        (
            "checkoutservice",
            "paymentservice",
            DependencyType::BusinessProcess,
        ),
    ] {
        ws.dependencies.insert(
            dependency_id(from, to, kind),
            depdig::model::Dependency::new(from, to, kind),
        );
    }
    let map = dir.path().join("workshop.ron");
    save_file(&ws, &map).unwrap();
    let manifests = root("import/online-boutique");

    let o = depdig(&["drift", s(&map), s(&manifests)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("2 differences between the map"), "{text}");
    assert!(
        text.contains("Dependencies the artefacts show, missing from the map (1):\n  Checkout service → Email service (sync)  [checkoutservice.yaml:"),
        "{text}"
    );
    assert!(text.contains("EMAIL_SERVICE_ADDR"), "{text}");
    assert!(
        text.contains(
            "Systems on the map the artefacts never mention (1):\n  Fraud check (service)\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("(not drift) (1):\n  Stripe (external)\n"),
        "{text}"
    );
    assert!(
        text.contains("Same ends, another type (not drift) (1):\n  Cart service → Redis cart store (data); the map says sync"),
        "{text}"
    );
    // fraud-check is not mentioned, so its call is not listed on its own; no business process.
    assert!(
        !text.contains("Dependencies on the map the artefacts do not show"),
        "{text}"
    );
    assert!(!text.contains("business-process"), "{text}");

    let md = depdig(&["drift", s(&map), s(&manifests), "--format", "md"]);
    assert_eq!(md.status.code(), Some(1));
    assert!(
        stdout(&md).starts_with("# Drift: Online Boutique\n"),
        "{}",
        stdout(&md)
    );
    assert!(
        stdout(&md).contains("\n- Fraud check (service)\n"),
        "{}",
        stdout(&md)
    );

    let json = depdig(&["drift", s(&map), s(&manifests), "--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let missing = &v["dependencies_missing_from_map"][0];
    assert_eq!(missing["from"], "checkoutservice");
    assert_eq!(missing["to"], "emailservice");
    assert_eq!(missing["type"], "sync");
    assert!(
        missing["sources"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("checkoutservice.yaml"),
        "{missing}"
    );
    assert!(missing["sources"][0]["line"].as_u64().unwrap() > 0);
    assert_eq!(v["systems_missing_from_artefacts"][0]["id"], "fraud-check");
    assert_eq!(v["not_expected_in_artefacts"][0]["id"], "stripe");
    assert_eq!(v["types_differ"][0]["map_type"], "sync");
    assert_eq!(v["startup_order_not_compared"], 0);
}

/// The OpenTelemetry demo map (tests/fixtures/otel-demo, transcribed by hand) against the
/// demo's three compose files. Read beforehand: the map calls the accounting database
/// `postgresql`, the compose files `astronomy-db` (POSTGRES_HOST in .env) — a rename, so
/// astronomy-db is missing from the map and postgresql from the artefacts; telemetry-docs and
/// opamp-server are services the map never drew; the map's flagd-ui → flagd and
/// frontend-proxy → load-generator calls appear in no environment variable. The map records
/// startup order (4), so compose's depends_on lines are compared too.
#[test]
fn the_otel_demo_map_drifts_from_its_compose_files() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("otel.ron");
    let o = depdig(&[
        "import",
        "--nodes",
        s(&root("otel-demo/nodes.csv")),
        "--edges",
        s(&root("otel-demo/edges.csv")),
        "-o",
        s(&map),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let files: Vec<PathBuf> = [
        "compose.yaml",
        "compose.full.yaml",
        "compose.observability.yaml",
    ]
    .iter()
    .map(|f| root("import/otel-demo").join(f))
    .collect();
    let (ws, _) = load_file(&map).unwrap();
    let found = read_artefacts(&files, None).unwrap();
    let d = drift(&ws, &found);
    let ids = |list: &[depdig::io::import::drift::DriftSystem]| {
        let mut v: Vec<String> = list.iter().map(|x| x.id.clone()).collect();
        v.sort();
        v
    };
    assert_eq!(
        ids(&d.systems_missing_from_map),
        ["astronomy-db", "opamp-server", "telemetry-docs"]
    );
    assert_eq!(ids(&d.systems_missing_from_artefacts), ["postgresql"]);
    assert!(d.not_expected_in_artefacts.is_empty());
    let deps = |list: &[depdig::io::import::drift::DriftDependency]| {
        list.iter().map(|x| x.id.clone()).collect::<Vec<_>>()
    };
    let gone = deps(&d.dependencies_missing_from_artefacts);
    assert!(
        gone.contains(&"flagd-ui->flagd:sync".to_owned()),
        "{gone:?}"
    );
    assert!(
        gone.contains(&"frontend-proxy->load-generator:sync".to_owned()),
        "{gone:?}"
    );
    // postgresql is never mentioned: its dependencies are not listed one by one.
    assert!(!gone.iter().any(|id| id.contains("postgresql")), "{gone:?}");
    let new = deps(&d.dependencies_missing_from_map);
    for id in [
        "product-catalog->astronomy-db:data",
        "accounting->astronomy-db:data",
        "checkout->cart:startup-order",
    ] {
        assert!(new.contains(&id.to_owned()), "{id} not in {new:?}");
    }
    assert_eq!(d.startup_order_not_compared, 0);
    assert!(d.is_drift());

    // The CLI agrees, and the files can be given as a folder.
    let o = depdig(&["drift", s(&map), s(&root("import/otel-demo"))]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("astronomy-db (database)  [compose.yaml:770 astronomy-db:]"),
        "{}",
        stdout(&o)
    );
}

/// Adopting a difference is one op; applying it removes the difference, its inverse brings
/// it back.
#[test]
fn adopting_a_difference_closes_it_and_undo_reopens_it() {
    let (mut ws, _) = load_file(&root("real/online-boutique.ron")).unwrap();
    let email = dependency_id("checkoutservice", "emailservice", DependencyType::Sync);
    ws.dependencies.remove(&email).unwrap();
    ws.systems.remove("adservice").unwrap();
    ws.dependencies
        .remove(&dependency_id(
            "frontend",
            "adservice",
            DependencyType::Sync,
        ))
        .unwrap();
    let found = read_artefacts(&[root("import/online-boutique")], None).unwrap();
    let before = ws.clone();
    let d = drift(&ws, &found);
    assert_eq!(d.dependencies_missing_from_map.len(), 2, "{d:?}");
    assert_eq!(d.systems_missing_from_map.len(), 1);
    let frontend_ad = d
        .dependencies_missing_from_map
        .iter()
        .find(|x| x.to == "adservice")
        .unwrap()
        .clone();
    // Adding the dependency brings its missing end too.
    let op = adopt(&ws, &found, &Difference::AddDependency(frontend_ad)).unwrap();
    let inverse = ops::apply(&mut ws, op).unwrap();
    let after = drift(&ws, &found);
    assert_eq!(after.dependencies_missing_from_map.len(), 1);
    assert!(after.systems_missing_from_map.is_empty());
    assert_eq!(ws.systems["adservice"].name, "adservice");
    let dep = &ws.dependencies[&dependency_id("frontend", "adservice", DependencyType::Sync)];
    assert!(dep.notes.contains("frontend.yaml:"), "{}", dep.notes);
    ops::apply(&mut ws, inverse).unwrap();
    assert_eq!(ws, before);

    // Removing a map-only system (with its dependencies) is one op too.
    ws.systems
        .insert("legacy".into(), System::new("legacy", "Legacy ERP"));
    let d = drift(&ws, &found);
    let legacy = d.systems_missing_from_artefacts[0].clone();
    let op = adopt(&ws, &found, &Difference::RemoveSystem(legacy)).unwrap();
    ops::apply(&mut ws, op).unwrap();
    assert!(!ws.systems.contains_key("legacy"));
}

#[test]
fn trouble_is_exit_2() {
    let o = depdig(&[
        "drift",
        "/nonexistent/map.ron",
        s(&root("import/online-boutique")),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let map = root("real/online-boutique.ron");
    let o = depdig(&["drift", s(&map), s(&root("real/README.md"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("README.md"), "{}", stderr(&o));
    let o = depdig(&[
        "drift",
        s(&map),
        s(&root("import/online-boutique")),
        "--format",
        "xml",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = depdig(&[
        "drift",
        s(&map),
        s(&root("import/online-boutique")),
        "--artefact-format",
        "yaml",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

/// An empty map against the manifests: everything is missing from the map (12 systems, 16
/// dependencies); the map against nothing: its systems are unmentioned, its dependencies not
/// listed one by one (the artefacts name neither end).
#[test]
fn empty_sides() {
    let found = read_artefacts(&[root("import/online-boutique")], None).unwrap();
    let empty = depdig::model::Workspace::new("empty");
    let d = drift(&empty, &found);
    assert_eq!(d.systems_missing_from_map.len(), 12);
    assert_eq!(d.dependencies_missing_from_map.len(), 16);
    assert_eq!(d.count(), 28);
    let (ws, _) = load_file(&root("real/online-boutique.ron")).unwrap();
    let d = drift(&ws, &depdig::io::import::Found::default());
    assert_eq!(d.systems_missing_from_artefacts.len(), 12);
    assert!(d.dependencies_missing_from_artefacts.is_empty());
    assert!(drift(&empty, &depdig::io::import::Found::default()) == Default::default());
}

/// A map holding two runtime types between the same two systems (checkout calls the cart and
/// reads its data) where the manifests show one: neither is missing.
#[test]
fn a_second_runtime_type_on_the_same_ends_is_covered() {
    let (mut ws, _) = load_file(&root("real/online-boutique.ron")).unwrap();
    let id = dependency_id("checkoutservice", "cartservice", DependencyType::Data);
    ws.dependencies.insert(
        id.clone(),
        depdig::model::Dependency::new("checkoutservice", "cartservice", DependencyType::Data),
    );
    let found = read_artefacts(&[root("import/online-boutique")], None).unwrap();
    let d = drift(&ws, &found);
    assert!(!d.is_drift(), "{d:?}");
    assert!(d.types_differ.is_empty(), "{d:?}");
}
