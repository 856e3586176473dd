#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]
//! Integration-risk analysis: each finding kind and cascade rule on small hand-made maps, the
//! samples' stories, and properties on random graphs.

use depdig::analysis::{Effect, FailMode, FindingKind, analyze, cascade};
use depdig::io::load_file;
use depdig::model::{
    AcceptedFinding, AsyncRole, DataEntity, Days, Dependency, DependencyType, EntityRole, Load,
    LoadUnit, System, SystemKind, TimeWindow, WindowEffect, Workspace,
};
use proptest::prelude::*;

use crate::cli_common;
#[path = "analysis/ranking.rs"]
mod ranking;
#[path = "analysis/timezones.rs"]
mod timezones;
use cli_common::depdig;

fn sample(name: &str) -> Workspace {
    let path = format!("{}/samples/{name}.ron", env!("CARGO_MANIFEST_DIR"));
    load_file(std::path::Path::new(&path)).unwrap().0
}

fn ws(systems: &[&str]) -> Workspace {
    let mut ws = Workspace::new("test");
    for id in systems {
        ws.systems
            .insert((*id).into(), System::new(*id, id.to_uppercase()));
    }
    ws
}

fn dep<'a>(
    ws: &'a mut Workspace,
    from: &str,
    to: &str,
    kind: DependencyType,
) -> &'a mut Dependency {
    let d = Dependency::new(from, to, kind);
    let id = d.id();
    ws.dependencies.insert(id.clone(), d);
    ws.dependencies.get_mut(&id).unwrap()
}

#[allow(
    clippy::unnecessary_wraps,
    reason = "capacities and peaks are optional fields; the helper fills them"
)]
fn load(value: f64, unit: LoadUnit) -> Option<Load> {
    Some(Load { value, unit })
}

fn window(days: Days, start: u16, end: u16, effect: WindowEffect) -> TimeWindow {
    TimeWindow {
        label: format!("{effect}"),
        days,
        start_min: start,
        end_min: end,
        timezone: None,
        effect,
    }
}

fn ids(a: &depdig::analysis::Analysis, kind: FindingKind) -> Vec<String> {
    a.of_kind(kind).map(|f| f.id.clone()).collect()
}

#[test]
fn sync_cycles_are_found_and_async_loops_are_not() {
    let mut w = ws(&["a", "b", "c", "d"]);
    dep(&mut w, "a", "b", DependencyType::Sync);
    dep(&mut w, "b", "a", DependencyType::Sync);
    dep(&mut w, "c", "d", DependencyType::Sync);
    dep(&mut w, "d", "c", DependencyType::Async);
    let a = analyze(&w);
    assert_eq!(a.cycles, vec![vec!["a".to_string(), "b".into()]]);
    assert_eq!(ids(&a, FindingKind::Cycle), vec!["cycle:a,b"]);
    let f = a.get("cycle:a,b").unwrap();
    assert_eq!(f.dependencies, vec!["a->b:sync", "b->a:sync"]);
    assert!(f.sentence.contains("A and B"), "{}", f.sentence);
}

#[test]
fn single_points_rank_every_system_and_find_articulation_points() {
    let mut w = ws(&["a", "b", "c", "d", "e"]);
    dep(&mut w, "a", "b", DependencyType::Sync);
    dep(&mut w, "b", "c", DependencyType::Data);
    dep(&mut w, "d", "c", DependencyType::Async);
    dep(&mut w, "e", "c", DependencyType::Batch); // not a runtime dependency
    let a = analyze(&w);
    let ranked: Vec<(&str, usize)> = a
        .single_points
        .iter()
        .map(|p| (p.system.as_str(), p.dependants))
        .collect();
    assert_eq!(
        ranked,
        vec![("c", 3), ("b", 1), ("a", 0), ("d", 0), ("e", 0)]
    );
    let c = a.single_points.iter().find(|p| p.system == "c").unwrap();
    assert!(c.articulation);
    let f = a.get("single-point:c").unwrap();
    assert!(f.sentence.contains("3 other systems"), "{}", f.sentence);
}

/// a and b both read db; crm and erp both claim the customer; cache copies stock nobody owns.
fn a_shared_store_and_two_sources_of_truth() -> Workspace {
    let mut w = ws(&["a", "b", "db", "crm", "erp", "cache"]);
    w.systems.get_mut("db").unwrap().kind = SystemKind::Database;
    dep(&mut w, "a", "db", DependencyType::Data);
    dep(&mut w, "b", "db", DependencyType::Data);
    for (s, e, r) in [
        ("crm", "customer", EntityRole::SourceOfTruth),
        ("erp", "customer", EntityRole::SourceOfTruth),
        ("cache", "stock", EntityRole::Cache),
    ] {
        w.systems.get_mut(s).unwrap().entities.push(DataEntity {
            entity: e.into(),
            role: r,
        });
    }
    w
}

#[test]
fn shared_stores_and_sovereignty() {
    let w = a_shared_store_and_two_sources_of_truth();
    let a = analyze(&w);
    assert_eq!(a.shared_stores.len(), 1);
    assert_eq!(a.shared_stores[0].store, "db");
    assert_eq!(a.shared_stores[0].accessors, vec!["a", "b"]);
    assert_eq!(ids(&a, FindingKind::SharedStore), vec!["shared-store:db"]);
    assert_eq!(
        ids(&a, FindingKind::Sovereignty),
        vec!["sovereignty:customer", "orphan-copy:stock"]
    );
    assert_eq!(
        a.get("sovereignty:customer").unwrap().systems,
        vec!["crm", "erp"]
    );
}

/// Issue 15.9: two systems read as two ("A and B both read …, a lock taken by one stalls the
/// other one"; it said "all read" and "stalls the other 1"), one copy "holds" (not "hold").
#[test]
fn sentences_about_two_systems_read_as_english() {
    let w = a_shared_store_and_two_sources_of_truth();
    let a = analyze(&w);
    let store = &a.get("shared-store:db").unwrap().sentence;
    assert!(
        store.starts_with("A and B both read and write DB directly"),
        "{store}"
    );
    assert!(store.contains("stalls the other one."), "{store}");
    let owners = &a.get("sovereignty:customer").unwrap().sentence;
    assert!(owners.starts_with("CRM and ERP both believe"), "{owners}");
    assert!(owners.contains("what reads the other is wrong"), "{owners}");
    let copy = &a.get("orphan-copy:stock").unwrap().sentence;
    assert!(copy.starts_with("CACHE holds copies of stock"), "{copy}");
}

#[test]
fn scale_mismatch_multiplies_retries_and_calls_and_never_mixes_units() {
    let mut w = ws(&["a", "b", "c"]);
    w.systems.get_mut("a").unwrap().peak_load = load(100.0, LoadUnit::RequestsPerSec);
    w.systems.get_mut("b").unwrap().capacity = load(500.0, LoadUnit::RequestsPerSec);
    w.systems.get_mut("c").unwrap().peak_load = load(10_000.0, LoadUnit::ConcurrentUsers);
    let d = dep(&mut w, "a", "b", DependencyType::Sync);
    d.retries = 2;
    d.calls_per_request = 2;
    dep(&mut w, "c", "b", DependencyType::Sync);
    let a = analyze(&w);
    let f = a.get("scale:b").unwrap();
    assert!(
        f.sentence.contains("600") && f.sentence.contains("500"),
        "{}",
        f.sentence
    );
    let u = a
        .get("scale-units:b,c")
        .or_else(|| a.get("scale-units:c,b"))
        .unwrap();
    assert!(u.sentence.contains("concurrent users") && u.sentence.contains("requests/s"));
    // Within capacity: no finding.
    w.dependencies.get_mut("a->b:sync").unwrap().retries = 0;
    assert!(analyze(&w).get("scale:b").is_none());
}

#[test]
fn temporal_coupling_past_midnight_transitive_and_day_sets() {
    let mut w = ws(&["db", "app", "ui"]);
    dep(&mut w, "app", "db", DependencyType::Data);
    dep(&mut w, "ui", "app", DependencyType::Sync);
    w.systems.get_mut("db").unwrap().windows =
        vec![window(Days::Daily, 23 * 60, 2 * 60, WindowEffect::Locks)];
    // Monday 01:00–03:00 overlaps the lock that started Sunday 23:00.
    let mon: Days = "mon".parse().unwrap();
    w.systems.get_mut("ui").unwrap().windows = vec![window(mon, 60, 180, WindowEffect::Peak)];
    let a = analyze(&w);
    assert_eq!(ids(&a, FindingKind::Temporal), vec!["temporal:db,ui"]);
    let f = a.get("temporal:db,ui").unwrap();
    assert_eq!(f.dependencies, vec!["app->db:data", "ui->app:sync"]);
    // 03:00–05:00 does not overlap.
    w.systems.get_mut("ui").unwrap().windows = vec![window(mon, 180, 300, WindowEffect::Peak)];
    assert_eq!(
        ids(&analyze(&w), FindingKind::Temporal),
        Vec::<String>::new()
    );
    // Month-end is a business day: a Saturday peak never meets it, a Friday one may.
    w.systems.get_mut("db").unwrap().windows =
        vec![window(Days::MonthEnd, 18 * 60, 6 * 60, WindowEffect::Locks)];
    let sat: Days = "sat".parse().unwrap();
    w.systems.get_mut("ui").unwrap().windows =
        vec![window(sat, 12 * 60, 14 * 60, WindowEffect::Peak)];
    assert!(ids(&analyze(&w), FindingKind::Temporal).is_empty());
    let fri: Days = "fri".parse().unwrap();
    w.systems.get_mut("ui").unwrap().windows =
        vec![window(fri, 19 * 60, 21 * 60, WindowEffect::Peak)];
    assert_eq!(
        ids(&analyze(&w), FindingKind::Temporal),
        vec!["temporal:db,ui"]
    );
}

#[test]
fn batch_windows_colliding() {
    let mut w = ws(&["etl", "db", "dwh"]);
    dep(&mut w, "etl", "db", DependencyType::Batch).windows =
        vec![window(Days::Daily, 60, 180, WindowEffect::Locks)];
    dep(&mut w, "etl", "dwh", DependencyType::Batch).windows =
        vec![window(Days::Daily, 120, 240, WindowEffect::Degraded)];
    let a = analyze(&w);
    assert_eq!(
        ids(&a, FindingKind::Temporal),
        vec!["window-clash:etl->db:batch,etl->dwh:batch"]
    );
}

#[test]
fn accepted_findings_carry_their_reason() {
    let mut w = ws(&["a", "b"]);
    dep(&mut w, "a", "b", DependencyType::Sync);
    dep(&mut w, "b", "a", DependencyType::Sync);
    w.accepted_findings.insert(
        "cycle:a,b".into(),
        AcceptedFinding {
            finding: "cycle:a,b".into(),
            reason: "Replaced next quarter".into(),
            decision: None,
        },
    );
    let a = analyze(&w);
    assert_eq!(
        a.get("cycle:a,b").unwrap().accepted.as_deref(),
        Some("Replaced next quarter")
    );
}

/// ui → app → svc (sync), svc down or slow.
fn chain() -> Workspace {
    let mut w = ws(&["ui", "app", "svc", "db"]);
    let d = dep(&mut w, "ui", "app", DependencyType::Sync);
    d.timeout_ms = Some(5000);
    let d = dep(&mut w, "app", "svc", DependencyType::Sync);
    d.timeout_ms = Some(1000);
    d.retries = 2;
    d.calls_per_request = 3;
    dep(&mut w, "svc", "db", DependencyType::Data);
    w.systems.get_mut("db").unwrap().capacity = load(100.0, LoadUnit::Queries);
    w.systems.get_mut("db").unwrap().peak_load = load(50.0, LoadUnit::Queries);
    w
}

#[test]
fn cascade_waits_retries_and_multiplies_load() {
    let w = chain();
    // Down: errors come at once; app retries twice after 1 s and 2 s, ui does not retry.
    let c = cascade(&w, "svc", FailMode::Down).unwrap();
    let steps: Vec<(&str, u64, Effect)> = c
        .steps
        .iter()
        .map(|s| (s.system.as_str(), s.at_ms, s.effect))
        .collect();
    assert_eq!(
        steps,
        vec![
            ("svc", 0, Effect::Fails),
            ("app", 3000, Effect::Fails),
            ("ui", 3000, Effect::Fails)
        ]
    );
    // Slow: svc keeps working, so app's 3 tries × 3 calls reach the database: 50 × 9 > 100,
    // a second after svc got slow (app's first timeout); ui waits its 5 s once.
    let c = cascade(&w, "svc", FailMode::Slow).unwrap();
    assert_eq!(c.step("svc").unwrap().load_multiplier, 1.0);
    let db = c.step("db").unwrap();
    assert_eq!(
        (db.effect, db.at_ms, db.load_multiplier),
        (Effect::Overloaded, 1000, 9.0)
    );
    let app = c.step("app").unwrap();
    assert_eq!((app.effect, app.at_ms), (Effect::Slow, 3000));
    assert!(app.reason.contains("→ SVC load ×9"), "{}", app.reason);
    assert_eq!(c.step("ui").unwrap().at_ms, 8000);
}

#[test]
fn circuit_breaker_stops_the_cascade() {
    let mut w = chain();
    w.dependencies
        .get_mut("app->svc:sync")
        .unwrap()
        .circuit_breaker = true;
    let c = cascade(&w, "svc", FailMode::Slow).unwrap();
    let steps: Vec<(&str, u64, Effect)> = c
        .steps
        .iter()
        .map(|s| (s.system.as_str(), s.at_ms, s.effect))
        .collect();
    assert_eq!(
        steps,
        vec![("svc", 0, Effect::Slow), ("app", 1000, Effect::Degraded)]
    );
}

#[test]
fn queue_absorbs_a_failed_consumer() {
    let mut w = ws(&["producer", "queue", "consumer", "db"]);
    w.systems.get_mut("queue").unwrap().kind = SystemKind::Queue;
    dep(&mut w, "producer", "queue", DependencyType::Async);
    dep(&mut w, "consumer", "queue", DependencyType::Async).role = Some(AsyncRole::Consumes);
    dep(&mut w, "consumer", "db", DependencyType::Sync);
    let c = cascade(&w, "db", FailMode::Down).unwrap();
    let steps: Vec<(&str, Effect)> = c
        .steps
        .iter()
        .map(|s| (s.system.as_str(), s.effect))
        .collect();
    assert_eq!(
        steps,
        vec![
            ("db", Effect::Fails),
            ("consumer", Effect::Fails),
            ("queue", Effect::Backlog)
        ]
    );
    assert!(c.step("producer").is_none());
}

#[test]
fn cascade_of_an_unknown_system_names_it() {
    let err = cascade(&chain(), "nope", FailMode::Down).unwrap_err();
    assert!(err.to_string().contains("\"nope\""));
}

#[test]
fn ecommerce_tells_its_stories() {
    let mut w = sample("ecommerce-cascade");
    let a = analyze(&w);
    let f = a.get("scale-units:auth,reporting-db").unwrap();
    assert!(
        f.sentence.contains("10,000 concurrent users") && f.sentence.contains("500"),
        "{}",
        f.sentence
    );
    assert!(a.get("scale:reporting-db").is_some());
    let c = cascade(&w, "shipping-calc", FailMode::Slow).unwrap();
    assert_eq!(c.steps[0].system, "shipping-calc");
    assert_eq!(c.step("catalog").unwrap().effect, Effect::Overloaded);
    assert!(c.step("catalog").unwrap().load_multiplier >= 128.0);
    assert_eq!(c.step("cache-events").unwrap().effect, Effect::Backlog);
    assert!(c.step("recommendations").is_some());
    let times: Vec<u64> = c.steps.iter().map(|s| s.at_ms).collect();
    assert!(times.windows(2).all(|p| p[0] <= p[1]));
    // A circuit breaker on the shipping dependency stops it at checkout.
    w.dependencies
        .get_mut("checkout->shipping-calc:sync")
        .unwrap()
        .circuit_breaker = true;
    let c = cascade(&w, "shipping-calc", FailMode::Slow).unwrap();
    let reached: Vec<&str> = c.steps.iter().map(|s| s.system.as_str()).collect();
    assert_eq!(reached, vec!["shipping-calc", "checkout"]);
    assert_eq!(c.step("checkout").unwrap().effect, Effect::Degraded);
}

#[test]
fn trading_lock_at_peak_is_found_before_and_gone_after() {
    let before = analyze(&sample("trading-before"));
    let after = analyze(&sample("trading-after"));
    let peak_locks = |a: &depdig::analysis::Analysis| {
        a.of_kind(FindingKind::Temporal)
            .filter(|f| f.id.starts_with("temporal:"))
            .map(|f| f.id.clone())
            .collect::<Vec<_>>()
    };
    assert!(
        peak_locks(&before).contains(&"temporal:positions-db,trading-engine".to_string()),
        "{:?}",
        peak_locks(&before)
    );
    assert!(peak_locks(&after).is_empty(), "{:?}", peak_locks(&after));
    assert!(before.get("shared-store:positions-db").is_some());
}

#[test]
fn manufacturing_batch_window_and_stale_cache() {
    let a = analyze(&sample("manufacturing-erp"));
    assert!(
        a.get("batch-window:finance-batch->erp-db:batch,fin-reporting")
            .is_some()
    );
    assert!(a.get("stale-copy:stock-level:stock-cache").is_some());
    assert!(a.get("sovereignty:customer").is_some());
    assert!(a.get("scale:legacy-inventory").is_some());
}

const KINDS: [DependencyType; 5] = [
    DependencyType::Sync,
    DependencyType::Async,
    DependencyType::Data,
    DependencyType::Batch,
    DependencyType::Timing,
];

fn random_ws(n: usize, edges: &[(usize, usize, usize, u32, bool, u16, u16)]) -> Workspace {
    let ids: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
    let mut w = ws(&ids.iter().map(String::as_str).collect::<Vec<_>>());
    for (i, s) in w.systems.values_mut().enumerate() {
        s.kind = [SystemKind::Service, SystemKind::Database, SystemKind::Queue][i % 3];
        s.capacity = load(100.0, LoadUnit::RequestsPerSec);
        s.peak_load = load(40.0 + i as f64 * 10.0, LoadUnit::RequestsPerSec);
        let effect = [WindowEffect::Locks, WindowEffect::Peak][i % 2];
        s.windows = vec![window(Days::Daily, (i as u16 * 300) % 1440, 600, effect)];
    }
    for &(a, b, k, retries, breaker, start, end) in edges {
        let d = dep(&mut w, &ids[a % n], &ids[b % n], KINDS[k % KINDS.len()]);
        d.retries = retries;
        d.circuit_breaker = breaker;
        d.timeout_ms = Some(u32::from(start) + 1);
        d.windows = vec![window(Days::MonthEnd, start, end, WindowEffect::Locks)];
        if a % 2 == 0 && d.kind == DependencyType::Async {
            d.role = Some(AsyncRole::Consumes);
        }
    }
    w
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn analyze_and_cascade_never_panic_and_are_deterministic(
        n in 1usize..12,
        edges in proptest::collection::vec(
            (0usize..12, 0usize..12, 0usize..5, 0u32..4, any::<bool>(), 0u16..2000, 0u16..2000),
            0..30,
        ),
    ) {
        let w = random_ws(n, &edges);
        let a = analyze(&w);
        prop_assert_eq!(&a, &analyze(&w));
        prop_assert_eq!(a.single_points.len(), n);
        for id in w.systems.keys() {
            for mode in [FailMode::Down, FailMode::Slow] {
                let c = cascade(&w, id, mode).unwrap();
                prop_assert_eq!(&c, &cascade(&w, id, mode).unwrap());
                prop_assert_eq!(c.step(id).map(|s| s.at_ms), Some(0));
                prop_assert!(c.steps.windows(2).all(|p| p[0].at_ms <= p[1].at_ms));
            }
        }
    }
}

#[test]
fn cli_json_has_the_documented_shape() {
    let path = format!(
        "{}/samples/ecommerce-cascade.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = depdig(&["analyze", &path, "--format", "json"]);
    assert!(out.status.success());
    let json = String::from_utf8(out.stdout).unwrap();
    let keys: Vec<usize> = [
        "\"cycles\": ",
        "\"single_points\": ",
        "\"shared_stores\": ",
        "\"sovereignty\": ",
        "\"scale\": ",
        "\"temporal\": ",
    ]
    .iter()
    .map(|k| {
        json.find(k)
            .unwrap_or_else(|| panic!("{k} missing in {json}"))
    })
    .collect();
    assert!(keys.windows(2).all(|p| p[0] < p[1]), "keys out of order");
    assert!(!json.contains("\"cascade\""));
    assert!(json.starts_with('{') && json.trim_end().ends_with('}'));
    assert!(json.contains(
        "{\"store\": \"product-cache\", \"accessors\": [\"catalog\", \"recommendations\"]}"
    ));
    // Every system is listed once in single_points.
    assert_eq!(json.matches("\"dependants\": ").count(), 19);
    assert!(json.contains("\"id\": \"scale-units:auth,reporting-db\""));

    let out = depdig(&[
        "analyze",
        &path,
        "--format",
        "json",
        "--fail",
        "shipping-calc",
        "--mode",
        "slow",
    ]);
    assert!(out.status.success());
    let json = String::from_utf8(out.stdout).unwrap();
    assert!(
        json.contains("\"cascade\": {\n    \"failed\": \"shipping-calc\",\n    \"mode\": \"slow\""),
        "{json}"
    );
    assert!(json.contains("{\"system\": \"shipping-calc\", \"at_ms\": 0, \"effect\": \"slow\", \"load_multiplier\": 1, \"reason\": \"Shipping calculator gets slow: it answers later than any caller waits\"}"), "{json}");
    assert!(json.contains("\"cause\": \"shipping-calc\"}"), "{json}");

    let out = depdig(&["analyze", &path, "--fail", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"nope\""));
    for format in ["text", "md"] {
        let out = depdig(&["analyze", &path, "--format", format]);
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("Scale mismatches"));
    }
}

#[test]
fn cli_reports_accepted_findings_with_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = sample("trading-before");
    w.accepted_findings.insert(
        "shared-store:positions-db".into(),
        AcceptedFinding {
            finding: "shared-store:positions-db".into(),
            reason: "Split planned for Q3".into(),
            decision: None,
        },
    );
    let path = dir.path().join("accepted.ron");
    depdig::io::save_file(&w, &path).unwrap();
    let out = depdig(&["analyze", path.to_str().unwrap()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("shared-store:positions-db — accepted: Split planned for Q3"),
        "{text}"
    );
    assert!(text.contains("1 accepted"), "{text}");
}

/// `n0 → … → n{len-1}`, every call sync with 5 retries and a 1 h timeout, saved to a file.
fn retry_chain_file(dir: &std::path::Path, len: usize) -> String {
    let mut w = ws(&[]);
    for i in 0..len {
        let id = format!("n{i}");
        w.systems
            .insert(id.clone(), System::new(&id, id.to_uppercase()));
    }
    for i in 1..len {
        let d = dep(
            &mut w,
            &format!("n{}", i - 1),
            &format!("n{i}"),
            DependencyType::Sync,
        );
        d.retries = 5;
        d.timeout_ms = Some(3_600_000);
    }
    let path = dir.join("chain.ron");
    depdig::io::save_file(&w, &path).unwrap();
    path.to_string_lossy().into_owned()
}

/// Every number anywhere in `v`, with where it is.
fn numbers<'a>(
    v: &'a serde_json::Value,
    at: String,
    out: &mut Vec<(String, &'a serde_json::Number)>,
) {
    match v {
        serde_json::Value::Number(n) => out.push((at, n)),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                numbers(item, format!("{at}[{i}]"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, item) in map {
                numbers(item, format!("{at}.{k}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn cli_cascade_numbers_on_a_long_retry_chain_are_capped_and_readable() {
    // 6 tries per hop over 449 hops: the load overflowed to infinity (`null` in JSON), smaller
    // ones were 150-digit integers, and the waits added up to weeks.
    const CAP: f64 = 1e9;
    const HORIZON_MS: u64 = 7 * 24 * 3600 * 1000;
    let dir = tempfile::tempdir().unwrap();
    let path = retry_chain_file(dir.path(), 450);
    let args = ["analyze", &path, "--fail", "n449", "--mode", "slow"];
    let out = depdig(&[&args[..], &["--format", "json"]].concat());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = &json["cascade"];
    assert_eq!(c["capped"], true);
    assert_eq!(c["load_multiplier_cap"].as_f64(), Some(CAP));
    assert_eq!(c["horizon_ms"].as_u64(), Some(HORIZON_MS));
    let steps = c["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 450);
    for s in steps {
        let load = s["load_multiplier"].as_f64();
        let at = s["at_ms"].as_u64();
        assert!(
            load.is_some_and(|m| m.is_finite() && (1.0..=CAP).contains(&m)),
            "{s}"
        );
        assert!(at.is_some_and(|t| t <= HORIZON_MS), "{s}");
        // n421 gets slow exactly at the horizon (28 hops of 6 tries × 1 h): not after it.
        let capped = load == Some(CAP) || (at == Some(HORIZON_MS) && s["system"] != "n421");
        assert_eq!(
            s.get("capped").and_then(serde_json::Value::as_bool),
            capped.then_some(true),
            "{s}"
        );
    }
    let step = |id: &str| steps.iter().find(|s| s["system"] == id).unwrap();
    // Each step reports the load at its moment: n449 is slow before anyone retries on it; the
    // retries that follow are in the callers' reasons.
    assert_eq!(
        (
            step("n449")["load_multiplier"].as_f64(),
            step("n449")["capped"].as_bool()
        ),
        (Some(1.0), None)
    );
    assert_eq!(
        step("n448")["reason"],
        "N448 waits 1 h × 6 tries on N449 → N449 load ×6, then is slow itself"
    );
    assert_eq!(step("n0")["at_ms"].as_u64(), Some(HORIZON_MS));
    assert_eq!(step("n448")["at_ms"].as_u64(), Some(6 * 3_600_000));
    let mut all = Vec::new();
    numbers(&json, String::new(), &mut all);
    for (at, n) in all {
        assert!(
            n.as_u64().is_some() || n.as_f64().is_some_and(|v| v.is_finite() && v.abs() <= CAP),
            "{at}: {n}"
        );
        assert!(
            n.as_f64().is_some_and(|v| v.abs() < 2f64.powi(53)),
            "{at}: {n} is not exact in JSON"
        );
    }

    for format in ["text", "md"] {
        let out = depdig(&[&args[..], &["--format", format]].concat());
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let cascade = &text[text.find("Cascade:").unwrap()..];
        // Loads are those of each step's moment (×1 for a caller that is slow before anyone
        // retries on it), so none is capped here; the times are.
        assert!(cascade.contains("after 7 days"), "{cascade}");
        assert!(cascade.contains("+6 h"), "{cascade}");
        assert!(!cascade.contains("unbounded"), "{cascade}");
        // No run of more than 13 digits and separators (a readable number stays below a billion).
        let longest = cascade
            .split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .map(str::len)
            .max()
            .unwrap_or(0);
        assert!(longest <= 13, "{cascade}");
    }
}

/// Fire-and-forget telemetry: the collector is no single point, and a cascade from it stops
/// there; the same dependency marked blocking counts again.
#[test]
fn telemetry_is_no_single_point() {
    let mut w = ws(&["a", "b", "c", "otel", "db"]);
    w.systems.get_mut("otel").unwrap().kind = SystemKind::Observability;
    for s in ["a", "b", "c"] {
        dep(&mut w, s, "otel", DependencyType::Sync);
        dep(&mut w, s, "db", DependencyType::Data);
    }
    let dependants = |w: &Workspace, id: &str| {
        analyze(w)
            .single_points
            .iter()
            .find(|p| p.system == id)
            .map(|p| p.dependants)
    };
    assert_eq!(dependants(&w, "otel"), Some(0));
    assert_eq!(dependants(&w, "db"), Some(3));
    assert_eq!(cascade(&w, "otel", FailMode::Down).unwrap().steps.len(), 1);
    w.dependencies.get_mut("a->otel:sync").unwrap().blocking = Some(true);
    assert_eq!(dependants(&w, "otel"), Some(1));
    w.dependencies.get_mut("b->db:data").unwrap().blocking = Some(false);
    assert_eq!(dependants(&w, "db"), Some(2));
}

#[test]
fn cli_restart_mode_lists_who_cannot_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = ws(&["app", "config", "worker"]);
    dep(&mut w, "app", "config", DependencyType::StartupOrder);
    dep(&mut w, "worker", "app", DependencyType::Sync);
    let path = dir.path().join("boot.ron");
    depdig::io::save_file(&w, &path).unwrap();
    let path = path.to_string_lossy().into_owned();
    let run = |mode: &str| {
        let out = depdig(&["analyze", &path, "--fail", "config", "--mode", mode]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        text[text.find("Cascade:").unwrap()..].to_owned()
    };
    let restart = run("restart");
    assert!(
        restart.starts_with("Cascade: CONFIG is down when everything restarts"),
        "{restart}"
    );
    assert!(
        restart.contains("APP cannot start: it waits for CONFIG (no timeout set)"),
        "{restart}"
    );
    // The worker calls the app at runtime only: it starts, so it is not in the cold start.
    assert!(!restart.contains("WORKER"), "{restart}");
    // At runtime, startup order carries nothing.
    let down = run("down");
    assert!(!down.contains("APP"), "{down}");
}

/// A transcription of the OpenTelemetry demo (its docker-compose and service code: gRPC calls,
/// OFREP flag lookups with defaults, OTLP export, Kafka, startup order) imported from CSV.
fn otel_demo() -> Workspace {
    let dir = format!("{}/tests/fixtures/otel-demo", env!("CARGO_MANIFEST_DIR"));
    let (w, summary) = depdig::io::csv_import::import_new(
        "OpenTelemetry demo",
        Some(std::path::Path::new(&format!("{dir}/nodes.csv"))),
        Some(std::path::Path::new(&format!("{dir}/edges.csv"))),
    )
    .unwrap();
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    w
}

#[test]
fn otel_demo_telemetry_stops_nothing_and_flagd_degrades() {
    let w = otel_demo();
    let a = analyze(&w);
    // flagd is what most systems need; the collector and the sinks it feeds are needed by none.
    assert_eq!(a.single_points[0].system, "flagd");
    assert_eq!(a.single_points[0].dependants, 12);
    for sink in [
        "otel-collector",
        "jaeger",
        "prometheus",
        "grafana",
        "opensearch",
    ] {
        let p = a.single_points.iter().find(|p| p.system == sink).unwrap();
        assert_eq!(p.dependants, 0, "{sink}");
        for mode in [FailMode::Down, FailMode::Slow] {
            assert_eq!(cascade(&w, sink, mode).unwrap().steps.len(), 1, "{sink}");
        }
    }
    // Flag lookups fall back to defaults: flagd down degrades the shop; only its own UI fails,
    // and the proxy loses that one route.
    let c = cascade(&w, "flagd", FailMode::Down).unwrap();
    let fails: Vec<&str> = c
        .steps
        .iter()
        .filter(|s| s.effect == Effect::Fails)
        .map(|s| s.system.as_str())
        .collect();
    assert_eq!(fails, ["flagd", "flagd-ui"]);
    assert_eq!(c.step("checkout").unwrap().effect, Effect::Degraded);
    assert!(
        c.step("frontend-proxy")
            .unwrap()
            .reason
            .ends_with("the routes through flagd UI fail, 3 of 4 routes still work")
    );
    // Down fails fast, slow waits the timeouts.
    let down = cascade(&w, "product-catalog", FailMode::Down).unwrap();
    let slow = cascade(&w, "product-catalog", FailMode::Slow).unwrap();
    assert_eq!(down.step("frontend").unwrap().at_ms, 0);
    assert_eq!(slow.step("frontend").unwrap().at_ms, 5000);
    assert_eq!(slow.step("checkout").unwrap().at_ms, 15_000);
    // Cold start: Kafka down keeps fraud detection from starting and checkout after a minute.
    let c = cascade(&w, "kafka", FailMode::Restart).unwrap();
    let steps: Vec<(&str, u64)> = c
        .steps
        .iter()
        .map(|s| (s.system.as_str(), s.at_ms))
        .collect();
    assert_eq!(
        steps,
        [("kafka", 0), ("fraud-detection", 0), ("checkout", 60_000)]
    );
}
