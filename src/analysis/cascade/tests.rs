//! The cascade rules, each on a hand-made map.
#![allow(clippy::unwrap_used, reason = "a failing test may panic")]

use super::*;
use crate::model::{Dependency, Load, LoadUnit, System};

/// `n0 → n1 → … → n{len-1} → db`, every call sync with `retries` and `timeout_ms`; the
/// database is sized far above its peak (a thousand billion times).
fn chain(len: usize, retries: u32, timeout_ms: Option<u32>) -> Workspace {
    let mut ws = Workspace::new("chain");
    let ids: Vec<String> = (0..len)
        .map(|i| format!("n{i}"))
        .chain(["db".into()])
        .collect();
    for id in &ids {
        ws.systems
            .insert(id.clone(), System::new(id, id.to_uppercase()));
    }
    let db = ws.systems.get_mut("db").unwrap();
    db.capacity = Some(Load {
        value: 1e12,
        unit: LoadUnit::RequestsPerSec,
    });
    db.peak_load = Some(Load {
        value: 1.0,
        unit: LoadUnit::RequestsPerSec,
    });
    for pair in ids.windows(2) {
        let mut d = Dependency::new(&pair[0], &pair[1], DependencyType::Sync);
        d.retries = retries;
        d.timeout_ms = timeout_ms;
        ws.dependencies.insert(d.id(), d);
    }
    ws
}

#[test]
fn a_long_retry_chain_reports_finite_capped_loads() {
    // 6 tries per hop over 449 hops: 6^449 overflows f64; it used to be reported as
    // infinity (JSON null) and, below that, as 150-digit numbers.
    let mut ws = chain(450, 5, None);
    // Sized so that the load crossing its capacity is far above the reporting cap.
    ws.systems.get_mut("db").unwrap().capacity = Some(Load {
        value: 1e300,
        unit: LoadUnit::RequestsPerSec,
    });
    let c = cascade(&ws, "n449", FailMode::Slow).unwrap();
    for s in &c.steps {
        assert!(
            s.load_multiplier.is_finite() && s.load_multiplier <= LOAD_MULTIPLIER_CAP,
            "{s:?}"
        );
        assert_eq!(
            s.load_capped,
            s.load_multiplier == LOAD_MULTIPLIER_CAP,
            "{s:?}"
        );
    }
    // Each step reports the load at its moment: a caller is slow before anyone retries on it.
    let near = c.step("n1").unwrap();
    assert_eq!((near.load_multiplier, near.load_capped), (1.0, false));
    assert!(
        c.step("n0")
            .unwrap()
            .reason
            .ends_with("→ N1 load ×6, then is slow itself")
    );
    // The decision uses the real load, not the reported cap: 6^449 > 10^300.
    let db = c.step("db").unwrap();
    assert_eq!(db.effect, Effect::Overloaded);
    assert!(db.load_capped && db.capped() && c.capped());
    assert_eq!(db.load_multiplier, LOAD_MULTIPLIER_CAP);
    assert!(
        db.reason
            .starts_with("DB gets more than a billion times normal its peak load from N"),
        "{}",
        db.reason
    );
}

#[test]
fn huge_timeouts_and_retries_stop_at_the_horizon() {
    // u32::MAX tries of u32::MAX ms each: at_ms used to saturate at u64::MAX.
    let ws = chain(3, u32::MAX, Some(u32::MAX));
    let c = cascade(&ws, "n2", FailMode::Down).unwrap();
    let steps: Vec<(&str, u64, bool)> = c
        .steps
        .iter()
        .map(|s| (s.system.as_str(), s.at_ms, s.at_capped))
        .collect();
    assert_eq!(
        steps,
        vec![
            ("n2", 0, false),
            ("n1", HORIZON_MS, true),
            ("n0", HORIZON_MS, true)
        ]
    );
    assert_eq!(c.steps[1].when_text(), "after 7 days");
    // u32::MAX + 1 tries per call is more than a billion.
    assert!(
        c.steps[1]
            .reason
            .contains("→ N2 load more than a billion times normal, then fails"),
        "{}",
        c.steps[1].reason
    );
}

#[test]
fn ordinary_cascades_are_not_capped() {
    let ws = chain(5, 2, Some(1000));
    let c = cascade(&ws, "n4", FailMode::Slow).unwrap();
    assert!(!c.capped());
    let s = c.step("n3").unwrap();
    assert_eq!(
        s.reason,
        "N3 waits 1 s × 3 tries on N4 → N4 load ×3, then is slow itself"
    );
    assert_eq!(s.load_text(), "×1");
    assert_eq!(c.step("n0").unwrap().when_text(), "+12.0 s");
}

/// Systems `(id, kind)`, named by their id with a capital; no dependencies yet.
fn map(systems: &[(&str, SystemKind)]) -> Workspace {
    let mut ws = Workspace::new("rules");
    for (id, kind) in systems {
        let mut name = id.to_string();
        name[..1].make_ascii_uppercase();
        ws.systems
            .insert((*id).to_owned(), System::new(*id, name).with_kind(*kind));
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

fn timeline(c: &Cascade) -> Vec<(&str, u64, Effect)> {
    c.steps
        .iter()
        .map(|s| (s.system.as_str(), s.at_ms, s.effect))
        .collect()
}

/// shop → checkout → catalog (sync): checkout retries twice with a 2 s timeout, the shop
/// calls once without a timeout.
fn shop() -> Workspace {
    let mut ws = map(&[
        ("shop", SystemKind::Ui),
        ("checkout", SystemKind::Service),
        ("catalog", SystemKind::Service),
    ]);
    let d = dep(&mut ws, "checkout", "catalog", DependencyType::Sync);
    d.timeout_ms = Some(2000);
    d.retries = 2;
    dep(&mut ws, "shop", "checkout", DependencyType::Sync);
    ws
}

#[test]
fn down_fails_fast_and_retries_with_backoff() {
    let c = cascade(&shop(), "catalog", FailMode::Down).unwrap();
    // Errors come at once: checkout gives up after its backoff of 1 s + 2 s, the shop
    // (no retries) at the same moment.
    assert_eq!(
        timeline(&c),
        vec![
            ("catalog", 0, Effect::Fails),
            ("checkout", 3000, Effect::Fails),
            ("shop", 3000, Effect::Fails)
        ]
    );
    let checkout = c.step("checkout").unwrap();
    assert_eq!(
        checkout.reason,
        "Checkout gets an error from Catalog at once, retries 2 times with backoff (3 s in all) \
         → Catalog load ×3, then fails"
    );
    assert_eq!(checkout.cause.as_deref(), Some("catalog"));
    assert_eq!(
        c.step("shop").unwrap().reason,
        "Shop gets an error from Checkout at once (no retries), then fails"
    );
    assert_eq!(c.steps[0].cause, None);
}

#[test]
fn slow_waits_the_timeout_per_try() {
    let down = cascade(&shop(), "catalog", FailMode::Down).unwrap();
    let c = cascade(&shop(), "catalog", FailMode::Slow).unwrap();
    assert_ne!(timeline(&c), timeline(&down));
    // 3 tries of 2 s, then the shop waits the default 30 s once.
    assert_eq!(
        timeline(&c),
        vec![
            ("catalog", 0, Effect::Slow),
            ("checkout", 6000, Effect::Slow),
            ("shop", 36_000, Effect::Slow)
        ]
    );
    assert_eq!(
        c.step("shop").unwrap().reason,
        "Shop waits 30 s (no timeout set) once on Checkout, then is slow itself"
    );
    // The load each step reports is the load at its moment: catalog is ×1 when it gets
    // slow; checkout's retries make it ×3 a try later.
    assert_eq!(c.steps[0].load_multiplier, 1.0);
    assert!(
        c.step("checkout")
            .unwrap()
            .reason
            .contains("→ Catalog load ×3")
    );
}

#[test]
fn a_fallback_or_a_breaker_degrades_the_caller() {
    let mut ws = shop();
    let call = "checkout->catalog:sync";
    ws.dependencies.get_mut(call).unwrap().fallback = true;
    for mode in [FailMode::Down, FailMode::Slow] {
        let c = cascade(&ws, "catalog", mode).unwrap();
        let steps = timeline(&c);
        assert_eq!(steps.len(), 2, "{steps:?}");
        let checkout = c.step("checkout").unwrap();
        assert_eq!(checkout.effect, Effect::Degraded);
        assert!(
            checkout.reason.ends_with(", then uses its fallback"),
            "{}",
            checkout.reason
        );
    }
    let mut ws = shop();
    ws.dependencies.get_mut(call).unwrap().circuit_breaker = true;
    let c = cascade(&ws, "catalog", FailMode::Slow).unwrap();
    // The breaker opens after the first timeout.
    assert_eq!(
        timeline(&c),
        vec![
            ("catalog", 0, Effect::Slow),
            ("checkout", 2000, Effect::Degraded)
        ]
    );
}

/// A gateway with routes to a, b and c, which all read one database; a UI calls the gateway.
fn gateway() -> Workspace {
    let mut ws = map(&[
        ("ui", SystemKind::Ui),
        ("edge", SystemKind::Gateway),
        ("a", SystemKind::Service),
        ("b", SystemKind::Service),
        ("c", SystemKind::Service),
        ("db", SystemKind::Database),
    ]);
    dep(&mut ws, "ui", "edge", DependencyType::Sync);
    for (r, retries) in [("a", 0), ("b", 2), ("c", 1)] {
        dep(&mut ws, "edge", r, DependencyType::Sync);
        dep(&mut ws, r, "db", DependencyType::Data).retries = retries;
    }
    ws
}

#[test]
fn a_gateway_with_three_routes_degrades_until_every_route_fails() {
    let ws = gateway();
    let c = cascade(&ws, "b", FailMode::Down).unwrap();
    assert_eq!(
        timeline(&c),
        vec![("b", 0, Effect::Fails), ("edge", 0, Effect::Degraded)]
    );
    assert_eq!(
        c.step("edge").unwrap().reason,
        "Edge gets an error from B at once (no retries): the routes through B fail, \
         2 of 3 routes still work"
    );
    // The database takes every route down, one after the other (a gives up at once, c
    // after 1 s, b after 3 s): the gateway fails with the last, and its caller with it.
    let c = cascade(&ws, "db", FailMode::Down).unwrap();
    let edge: Vec<(u64, Effect)> = c
        .steps
        .iter()
        .filter(|s| s.system == "edge")
        .map(|s| (s.at_ms, s.effect))
        .collect();
    assert_eq!(
        edge,
        vec![
            (0, Effect::Degraded),
            (1000, Effect::Degraded),
            (3000, Effect::Fails)
        ]
    );
    let second = c
        .steps
        .iter()
        .filter(|s| s.system == "edge")
        .nth(1)
        .unwrap();
    assert!(
        second
            .reason
            .ends_with("the routes through A and C fail, 1 of 3 routes still works"),
        "{}",
        second.reason
    );
    let last = c.steps.iter().rfind(|s| s.system == "edge").unwrap();
    assert!(
        last.reason.contains("every one of its 3 routes has failed"),
        "{}",
        last.reason
    );
    assert_eq!(c.step("ui").unwrap().effect, Effect::Fails);
}

#[test]
fn non_blocking_dependencies_never_carry_a_failure() {
    let mut ws = map(&[
        ("api", SystemKind::Service),
        ("otel", SystemKind::Observability),
        ("audit", SystemKind::Service),
    ]);
    dep(&mut ws, "api", "otel", DependencyType::Sync).retries = 3;
    dep(&mut ws, "api", "audit", DependencyType::Sync).blocking = Some(false);
    for (failed, mode) in [
        ("otel", FailMode::Down),
        ("otel", FailMode::Slow),
        ("audit", FailMode::Down),
    ] {
        let c = cascade(&ws, failed, mode).unwrap();
        assert_eq!(c.steps.len(), 1, "{failed} {mode:?}: {:?}", c.steps);
    }
    // Marked blocking, a dependency on a collector carries the failure again.
    dep(&mut ws, "api", "otel", DependencyType::Sync).blocking = Some(true);
    let c = cascade(&ws, "otel", FailMode::Down).unwrap();
    assert_eq!(c.step("api").unwrap().effect, Effect::Fails);
}

/// app needs config at startup and calls the database at runtime; worker starts after app.
fn startup() -> Workspace {
    let mut ws = map(&[
        ("app", SystemKind::Service),
        ("worker", SystemKind::Service),
        ("config", SystemKind::Config),
        ("db", SystemKind::Database),
        ("flags", SystemKind::Config),
    ]);
    dep(&mut ws, "app", "config", DependencyType::StartupOrder);
    dep(&mut ws, "app", "db", DependencyType::Data);
    let d = dep(&mut ws, "worker", "app", DependencyType::StartupOrder);
    d.timeout_ms = Some(10_000);
    d.retries = 2;
    dep(&mut ws, "app", "flags", DependencyType::StartupOrder).fallback = true;
    ws
}

#[test]
fn restart_mode_finds_who_cannot_start() {
    let ws = startup();
    let c = cascade(&ws, "config", FailMode::Restart).unwrap();
    assert_eq!(
        timeline(&c),
        vec![
            ("config", 0, Effect::Fails),
            ("app", 0, Effect::Fails),
            ("worker", 30_000, Effect::Fails)
        ]
    );
    assert_eq!(
        c.step("app").unwrap().reason,
        "App cannot start: it waits for Config (no timeout set) as long as Config is down"
    );
    assert_eq!(
        c.step("worker").unwrap().reason,
        "Worker cannot start: it waits 10 s × 3 tries for App, then gives up"
    );
    // A startup dependency with a fallback starts degraded; runtime calls play no part.
    let c = cascade(&ws, "flags", FailMode::Restart).unwrap();
    assert_eq!(
        timeline(&c),
        vec![("flags", 0, Effect::Fails), ("app", 0, Effect::Degraded)]
    );
    assert_eq!(
        cascade(&ws, "db", FailMode::Restart).unwrap().steps.len(),
        1
    );
    // At runtime, startup order stays out of the cascade.
    for mode in [FailMode::Down, FailMode::Slow] {
        assert_eq!(cascade(&ws, "config", mode).unwrap().steps.len(), 1);
    }
    assert_eq!(
        cascade(&ws, "db", FailMode::Down)
            .unwrap()
            .step("app")
            .unwrap()
            .effect,
        Effect::Fails
    );
}

#[test]
fn a_zero_call_rate_after_an_overflow_is_zero_not_nan() {
    assert_eq!(times(f64::MAX, 10.0), f64::MAX);
    assert_eq!(times(times(f64::MAX, 10.0), 0.0), 0.0);
}

#[test]
fn a_caller_s_reason_tells_its_own_retries_from_the_load_others_sent() {
    let mut ws = map(&[
        ("a", SystemKind::Service),
        ("b", SystemKind::Service),
        ("db", SystemKind::Database),
    ]);
    dep(&mut ws, "a", "db", DependencyType::Data).retries = 5;
    dep(&mut ws, "b", "db", DependencyType::Data).retries = 1;
    let c = cascade(&ws, "db", FailMode::Slow).unwrap();
    assert!(
        c.step("a").unwrap().reason.contains("→ Db load ×6,"),
        "{}",
        c.step("a").unwrap().reason
    );
    assert!(
        c.step("b")
            .unwrap()
            .reason
            .contains("→ ×2 the calls to Db (its load is ×6 by then),"),
        "{}",
        c.step("b").unwrap().reason
    );
}
