//! Structurizr DSL, Graphviz DOT, Mermaid and Jaeger files from public projects, read into a map.
//! What each should give was written down from reading the file, before the reader ran.

use std::collections::BTreeSet;
use std::path::Path;

use depdig::io::import::{Found, apply_found, mermaid};
use depdig::model::{SystemKind, Workspace};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn fixture(rel: &str) -> (std::path::PathBuf, String) {
    let path = Path::new(FIXTURES).join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

fn ids(f: &Found) -> BTreeSet<String> {
    f.systems.iter().map(|s| s.id.clone()).collect()
}

fn deps(f: &Found) -> BTreeSet<String> {
    f.dependencies
        .iter()
        .map(|d| format!("{} -> {} {}", d.from, d.to, d.kind))
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// The map the import makes, saved and loaded back.
fn saved(found: &Found) -> Workspace {
    let mut ws = Workspace::new("imported");
    apply_found(&mut ws, found).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    depdig::io::save_file(&ws, &path).unwrap();
    let (back, problems) = depdig::io::load_file(&path).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    back
}

#[test]
fn the_opentelemetry_demo_architecture_page() {
    let (path, text) = fixture("opentelemetry.io/architecture.md");
    assert!(mermaid::looks_like(&path, &text));
    let f = mermaid::read(&path, &text).unwrap();
    let services = [
        "accounting",
        "ad",
        "agent",
        "cache",
        "cart",
        "chatbot",
        "checkout",
        "currency",
        "email",
        "flagd",
        "flagd-ui",
        "fraud-detection",
        "frontend",
        "frontend-proxy",
        "image-provider",
        "load-generator",
        "mcp",
        "payment",
        "product-catalog",
        "quote",
        "recommendation",
        "shipping",
        "queue",
        "react-native-app",
        "postgresql",
        "internet",
    ];
    let telemetry = [
        "ms",
        "oc-grpc",
        "oc-http",
        "oc-proc",
        "oc-spanmetrics",
        "oc-prom",
        "oc-otlp",
        "oc-opensearch",
        "oc-opamp",
        "op-srv",
        "op-http",
        "op-b",
        "pr-sc",
        "pr-tsdb",
        "pr-http",
        "pr-b",
        "ja-col",
        "ja-db",
        "ja-http",
        "os-http",
        "os-db",
        "gr-srv",
        "gr-http",
        "ja-b",
        "gr-b",
    ];
    let all: BTreeSet<String> = services
        .iter()
        .chain(&telemetry)
        .map(|s| (*s).to_owned())
        .collect();
    assert_eq!(ids(&f), all, "the legend's nodes are not systems");
    assert_eq!(f.skipped.len(), 1, "the legend: {:?}", f.skipped);
    let kind = |id: &str| f.system(id).unwrap().kind;
    assert_eq!(kind("cache"), Some(SystemKind::Cache));
    assert_eq!(kind("queue"), Some(SystemKind::Queue));
    assert_eq!(kind("postgresql"), Some(SystemKind::Database));
    assert_eq!(kind("ja-db"), Some(SystemKind::Database));
    assert_eq!(f.system("cache").unwrap().name, "Cache (Valkey)");
    assert_eq!(
        f.system("frontend-proxy").unwrap().name,
        "Frontend Proxy (Envoy)"
    );
    assert_eq!(f.system("internet").unwrap().name, "Internet");
    let group = |id: &str| f.system(id).unwrap().group.clone();
    assert_eq!(group("checkout"), "Service Diagram");
    assert_eq!(group("ms"), "OpenTelemetry Demo");
    assert_eq!(
        group("oc-grpc"),
        "OTel Collector",
        "declared in the collector after a link"
    );
    assert_eq!(group("pr-sc"), "Prometheus");
    assert_eq!(
        group("pr-b"),
        "Telemetry Data Flow",
        "the padding subgraph has no title"
    );
    let expected = set(&[
        "accounting -> postgresql data",
        "agent -> mcp async",
        "agent -> frontend async",
        "ad -> flagd sync",
        "checkout -> currency sync",
        "checkout -> cart sync",
        "checkout -> queue async",
        "cart -> cache data",
        "cart -> flagd sync",
        "chatbot -> agent sync",
        "checkout -> payment sync",
        "checkout -> email sync",
        "checkout -> product-catalog sync",
        "checkout -> shipping sync",
        "fraud-detection -> flagd sync",
        "frontend -> ad sync",
        "frontend -> currency sync",
        "frontend -> cart sync",
        "frontend -> checkout sync",
        "frontend -> shipping sync",
        "frontend -> recommendation sync",
        "frontend -> product-catalog sync",
        "frontend-proxy -> flagd sync",
        "frontend-proxy -> frontend sync",
        "frontend-proxy -> flagd-ui sync",
        "frontend-proxy -> image-provider sync",
        "frontend-proxy -> chatbot sync",
        "mcp -> frontend sync",
        "payment -> flagd sync",
        "accounting -> queue async",
        "fraud-detection -> queue async",
        "recommendation -> flagd sync",
        "recommendation -> product-catalog sync",
        "shipping -> quote sync",
        "internet -> frontend-proxy sync",
        "load-generator -> frontend-proxy sync",
        "react-native-app -> frontend-proxy sync",
        // The telemetry data flow.
        "ms -> oc-grpc async",
        "ms -> oc-http async",
        "oc-grpc -> oc-proc sync",
        "oc-http -> oc-proc sync",
        "oc-proc -> oc-prom sync",
        "oc-proc -> oc-otlp sync",
        "oc-proc -> oc-opensearch sync",
        "oc-proc -> oc-spanmetrics sync",
        "oc-spanmetrics -> oc-prom sync",
        "oc-prom -> pr-sc sync",
        "oc-otlp -> ja-col sync",
        "oc-opensearch -> os-http sync",
        "op-srv -> op-http sync",
        "oc-opamp -> op-srv sync",
        "op-http -> op-b sync",
        "pr-sc -> pr-tsdb data",
        "pr-tsdb -> pr-http sync",
        "pr-http -> pr-b sync",
        "ja-col -> ja-db data",
        "ja-db -> ja-http sync",
        "os-http -> os-db data",
        "gr-srv -> gr-http sync",
        "pr-http -> gr-srv sync",
        "ja-http -> gr-srv sync",
        "os-http -> gr-srv sync",
        "ja-http -> ja-b sync",
        "gr-http -> gr-b sync",
    ]);
    assert_eq!(deps(&f), expected);
    let consumer = f
        .dependencies
        .iter()
        .find(|d| d.from == "accounting" && d.to == "queue")
        .unwrap();
    assert_eq!(consumer.role, Some(depdig::model::AsyncRole::Consumes));
    let ws = saved(&f);
    assert_eq!((ws.systems.len(), ws.dependencies.len()), (51, 64));
    let d = &ws.dependencies["checkout->queue:async"];
    assert_eq!(d.notes, "architecture.md:50 checkout -->|TCP| queue");
    assert_eq!(d.label, "TCP");
}
