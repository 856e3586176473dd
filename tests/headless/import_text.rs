//! Structurizr DSL, Graphviz DOT, Mermaid and Jaeger files from public projects, read into a map.
//! What each should give was written down from reading the file, before the reader ran.

use std::collections::BTreeSet;
use std::path::Path;

use depdig::io::import::{Found, apply_found, jaeger, mermaid, structurizr};
use depdig::model::{DependencyType, SystemKind, Workspace};

pub(crate) const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

pub(crate) fn fixture(rel: &str) -> (std::path::PathBuf, String) {
    let path = Path::new(FIXTURES).join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

pub(crate) fn ids(f: &Found) -> BTreeSet<String> {
    f.systems.iter().map(|s| s.id.clone()).collect()
}

pub(crate) fn deps(f: &Found) -> BTreeSet<String> {
    f.dependencies
        .iter()
        .map(|d| format!("{} -> {} {}", d.from, d.to, d.kind))
        .collect()
}

pub(crate) fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// The map the import makes, saved and loaded back.
pub(crate) fn saved(found: &Found) -> Workspace {
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

#[test]
fn the_big_bank_plc_workspace() {
    let (path, text) = fixture("structurizr-examples/big-bank-plc.dsl");
    assert!(structurizr::looks_like(&path, &text));
    let f = structurizr::read(&path, &text).unwrap();
    // People and systems; the Internet Banking System by its containers (components folded in).
    assert_eq!(
        ids(&f),
        set(&[
            "customer",
            "support-staff",
            "backoffice",
            "mainframe",
            "email",
            "atm",
            "single-page-application",
            "mobile-app",
            "web-application",
            "api-application",
            "database",
        ])
    );
    let s = |id: &str| f.system(id).unwrap();
    assert_eq!(s("customer").kind, Some(SystemKind::Team));
    assert_eq!(s("backoffice").kind, Some(SystemKind::Team));
    assert_eq!(s("database").kind, Some(SystemKind::Database));
    assert_eq!(s("single-page-application").kind, Some(SystemKind::Ui));
    assert_eq!(s("mobile-app").kind, Some(SystemKind::Ui));
    assert_eq!(s("support-staff").group, "Big Bank plc");
    assert_eq!(s("mainframe").group, "Big Bank plc");
    assert_eq!(s("customer").group, "");
    assert_eq!(s("api-application").group, "Internet Banking System");
    assert_eq!(s("api-application").tech, "Java and Spring MVC");
    assert_eq!(s("mainframe").name, "Mainframe Banking System");
    // The system-level relationships summarise container ones; deployment and the dynamic
    // view's relationships are not read.
    assert_eq!(
        deps(&f),
        set(&[
            "email -> customer human-workflow",
            "customer -> support-staff human-workflow",
            "support-staff -> mainframe human-workflow",
            "customer -> atm human-workflow",
            "atm -> mainframe sync",
            "backoffice -> mainframe human-workflow",
            "customer -> web-application human-workflow",
            "customer -> single-page-application human-workflow",
            "customer -> mobile-app human-workflow",
            "web-application -> single-page-application sync",
            "single-page-application -> api-application sync",
            "mobile-app -> api-application sync",
            "api-application -> database data",
            "api-application -> mainframe sync",
            "api-application -> email sync",
        ])
    );
    assert!(f.skipped.is_empty(), "{:?}", f.skipped);
    let ws = saved(&f);
    assert_eq!((ws.systems.len(), ws.dependencies.len()), (11, 15));
    let d = &ws.dependencies["api-application->database:data"];
    assert_eq!(d.protocol, "SQL/TCP");
    assert_eq!(d.label, "Reads from and writes to");
    assert!(
        d.notes
            .starts_with("big-bank-plc.dsl:64 securityComponent -> database"),
        "{}",
        d.notes
    );
}

#[test]
fn the_structurizr_microservices_example() {
    let (path, text) = fixture("structurizr-examples/microservices.dsl");
    let f = structurizr::read(&path, &text).unwrap();
    let mut expected = vec![
        "user".to_owned(),
        "software-system-b".to_owned(),
        "software-system-c".to_owned(),
        "nginx".to_owned(),
        "spa".to_owned(),
    ];
    let mut dependencies = vec![
        "user -> nginx human-workflow".to_owned(),
        "user -> spa human-workflow".to_owned(),
        "nginx -> spa sync".to_owned(),
        "service5-api -> software-system-b sync".to_owned(),
        "service6-api -> software-system-c sync".to_owned(),
    ];
    for n in 1..=8 {
        let store = if n == 3 {
            "service-3-database".to_owned()
        } else {
            format!("service-{n}-database-schema")
        };
        expected.push(format!("service{n}-api"));
        expected.push(store.clone());
        dependencies.push(format!("service{n}-api -> {store} data"));
    }
    for (a, b) in [
        ("spa", 1),
        ("spa", 2),
        ("spa", 3),
        ("spa", 4),
        ("spa", 5),
        ("service1-api", 2),
        ("service1-api", 3),
        ("service2-api", 4),
        ("service2-api", 5),
        ("service3-api", 4),
        ("service3-api", 7),
        ("service4-api", 6),
        ("service7-api", 8),
    ] {
        dependencies.push(format!("{a} -> service{b}-api sync"));
    }
    assert_eq!(ids(&f), expected.into_iter().collect());
    assert_eq!(deps(&f), dependencies.into_iter().collect());
    let s = |id: &str| f.system(id).unwrap();
    assert_eq!(s("software-system-b").kind, Some(SystemKind::External));
    assert_eq!(s("service-3-database").kind, Some(SystemKind::Database));
    assert_eq!(s("service3-api").tech, "Java and Spring Boot");
    assert_eq!(s("service3-api").group, "Service 3");
    assert_eq!(s("nginx").group, "Software System A");
}

#[test]
fn the_jaeger_ui_sample_dependencies() {
    let (path, text) = fixture("jaeger-ui/small.json");
    assert!(jaeger::looks_like(&path, &text));
    let f = jaeger::read(&path, &text).unwrap();
    assert_eq!(
        ids(&f),
        set(&[
            "service1", "service2", "service3", "service4", "service5", "service6", "service7",
            "service8",
        ])
    );
    let labelled: BTreeSet<String> = f
        .dependencies
        .iter()
        .map(|d| format!("{} -> {} {} {}", d.from, d.to, d.kind, d.label))
        .collect();
    assert_eq!(
        labelled,
        set(&[
            "service1 -> service2 sync 30489 calls",
            "service1 -> service3 sync 30491 calls",
            "service1 -> service5 sync 8560 calls",
            "service8 -> service6 sync 30489 calls",
            "service6 -> service1 sync 30489 calls",
            "service2 -> service4 sync 129216 calls",
            "service3 -> service7 sync 30491 calls",
        ])
    );
    let ws = saved(&f);
    let d = &ws.dependencies
        [&depdig::model::dependency_id("service2", "service4", DependencyType::Sync)];
    assert_eq!(
        d.notes,
        "small.json:27 Service2 → Service4 callCount 129216"
    );
    assert_eq!(ws.systems["service1"].name, "Service1");
}
