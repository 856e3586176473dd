use super::*;
use crate::analysis::analyze;
use crate::model::{
    Cost, Criticality, DependencyType, FailureHow, FailureMode, Load, LoadUnit, Phase,
    ProductionChecks, Rehearsal, Scenario, Stage, StageStatus, System, Trigger,
};

fn system(
    id: &str,
    owner: &str,
    peak: Option<(f64, LoadUnit)>,
    cap: Option<(f64, LoadUnit)>,
) -> System {
    let mut s = System::new(id, id);
    s.owner = owner.into();
    s.peak_load = peak.map(|(value, unit)| Load { value, unit });
    s.capacity = cap.map(|(value, unit)| Load { value, unit });
    s
}

const Q: LoadUnit = LoadUnit::Queries;
const R: LoadUnit = LoadUnit::RequestsPerSec;

/// db: capacity 500 queries, own peak 200. backoffice → db (data, high): 100 queries at peak.
/// web → api (sync): 300 requests/s against 500. reporting (700 queries at peak) exists but
/// does not query db yet: the scenario "replica" adds that, with a rollout.
fn map() -> Workspace {
    let mut ws = Workspace::new("plan");
    for s in [
        system("db", "DBA", Some((200.0, Q)), Some((500.0, Q))),
        system("backoffice", "DBA", Some((100.0, Q)), None),
        system("reporting", "BI", Some((700.0, Q)), None),
        system("web", "", Some((300.0, R)), None),
        system("api", "", None, Some((500.0, R))),
        system("clerk", "", None, None),
    ] {
        ws.systems.insert(s.id.clone(), s);
    }
    let mut back = Dependency::new("backoffice", "db", DependencyType::Data);
    back.criticality = Criticality::High;
    back.cost = Some(Cost {
        hours_per_month: 4.0,
        teams: None,
    });
    let mut web = Dependency::new("web", "api", DependencyType::Sync);
    web.watch = Some(ProductionChecks {
        shadow: true,
        ..ProductionChecks::default()
    });
    web.cost = Some(Cost {
        hours_per_month: 2.0,
        teams: Some(4),
    });
    let human = Dependency::new("clerk", "backoffice", DependencyType::HumanWorkflow);
    for d in [back, web, human] {
        ws.dependencies.insert(d.id(), d);
    }
    let mut gate = FailureMode::new(
        "db-slow",
        "Database slow",
        Trigger {
            element: "db".into(),
            how: FailureHow::Slow,
        },
    );
    gate.rehearsals.push(Rehearsal {
        date: "2026-12-05".parse().unwrap(),
        duration_min: 30,
        duration_s: None,
        notes: String::new(),
    });
    ws.failure_modes.insert(gate.id.clone(), gate);
    let never = FailureMode::new(
        "never",
        "Replica lags",
        Trigger {
            element: "db".into(),
            how: FailureHow::StaleData,
        },
    );
    ws.failure_modes.insert(never.id.clone(), never);
    ws
}

fn stage(share: f64, status: StageStatus, date: Option<&str>) -> Stage {
    Stage {
        share_percent: share,
        min_hours: 24,
        status,
        date: date.map(|d| d.parse().unwrap()),
    }
}

/// reporting → db (data), retries 1 (amplification 2), rollout 5 → 10 → 25 → 100 %.
fn reporting_query(gate: &[&str]) -> Dependency {
    let mut d = Dependency::new("reporting", "db", DependencyType::Data);
    d.retries = 1;
    d.rollout = Some(Rollout {
        stages: vec![
            stage(5.0, StageStatus::Running, Some("2026-12-01")),
            stage(10.0, StageStatus::Planned, Some("2026-12-10")),
            stage(25.0, StageStatus::Planned, None),
            stage(100.0, StageStatus::Planned, None),
        ],
        gate: gate.iter().map(|g| (*g).to_owned()).collect(),
        ..Rollout::default()
    });
    d.watch = Some(ProductionChecks {
        monitored: true,
        monitored_by: "query latency alert".into(),
        ..ProductionChecks::default()
    });
    d.cost = Some(Cost {
        hours_per_month: 6.0,
        teams: None,
    });
    d
}

fn with_reporting(gate: &[&str]) -> Workspace {
    let mut ws = map();
    let d = reporting_query(gate);
    ws.dependencies.insert(d.id(), d);
    ws
}

#[test]
fn stage_load_by_hand() {
    let ws = with_reporting(&[]);
    let d = &ws.dependencies["reporting->db:data"];
    // base = max(other callers, own peak) = max(backoffice 100 × 1, 200) = 200 queries.
    // stage load = 200 + 700 × share × (1 + 1 retry) × 1 call per request.
    for (share, load) in [(5.0, 270.0), (10.0, 340.0), (25.0, 550.0), (100.0, 1600.0)] {
        match stage_load(&ws, d, share) {
            LoadPrediction::Known {
                load: l,
                capacity,
                unit,
                percent,
            } => {
                assert!((l - load).abs() < 1e-9, "{share}: {l}");
                assert_eq!((capacity, unit), (500.0, Q));
                assert!((percent - load / 5.0).abs() < 1e-9);
            }
            other => panic!("{share}: {other:?}"),
        }
    }
    let r = rollout_report(&ws, d, None, None).unwrap();
    assert_eq!(
        r.warning.as_deref(),
        Some(
            "at 25 % db reaches 110 % of its 500 simultaneous queries: stop before this stage \
             or add capacity"
        )
    );
    assert_eq!(
        r.stages[2].load.text(),
        "550 of 500 simultaneous queries (110 %)"
    );
}

#[test]
fn headroom_and_own_stop_signal_warn_before_capacity() {
    let mut ws = with_reporting(&[]);
    let d = ws.dependencies.get_mut("reporting->db:data").unwrap();
    let r = d.rollout.as_mut().unwrap();
    // 5 % → 270 (54 %), 20 % → 200 + 700 × 0.2 × 2 = 480 (96 %): past 80 %, under 100 %.
    r.stages = vec![
        stage(5.0, StageStatus::Planned, None),
        stage(20.0, StageStatus::Planned, None),
    ];
    let d = d.clone();
    let report = rollout_report(&ws, &d, None, None).unwrap();
    assert_eq!(
        report.warning.as_deref(),
        Some(
            "at 20 % db reaches 96 % of its 500 simultaneous queries: past the 80 % head-room line"
        )
    );
    // The rollout's own signal stops at 50 % callee load: 5 % already reaches 54 %.
    let mut d = d;
    d.rollout
        .as_mut()
        .unwrap()
        .signals
        .push(crate::model::Signal {
            what: crate::model::SignalKind::CalleeLoadPercent,
            threshold: 50.0,
        });
    let report = rollout_report(&ws, &d, None, None).unwrap();
    assert!(
        report
            .warning
            .as_deref()
            .is_some_and(|w| w.starts_with("at 5 % db reaches 54 %")
                && w.ends_with("own stop signal (50 % callee load)")),
        "{:?}",
        report.warning
    );
    // No warning when every stage stays under 80 %.
    d.rollout.as_mut().unwrap().stages.truncate(1);
    d.rollout.as_mut().unwrap().signals.clear();
    assert_eq!(rollout_report(&ws, &d, None, None).unwrap().warning, None);
}

#[test]
fn other_units_and_missing_figures_are_said_not_guessed() {
    let mut ws = with_reporting(&[]);
    ws.systems.get_mut("reporting").unwrap().peak_load = Some(Load {
        value: 700.0,
        unit: R,
    });
    let d = ws.dependencies["reporting->db:data"].clone();
    let p = stage_load(&ws, &d, 25.0);
    assert!(
        matches!(&p, LoadPrediction::CannotCompare(why) if why.contains("requests/s")),
        "{p:?}"
    );
    ws.systems.get_mut("db").unwrap().capacity = None;
    assert!(
        matches!(stage_load(&ws, &d, 25.0), LoadPrediction::Unknown(why) if why == "db has no capacity on the map")
    );
    let human = ws.dependencies["clerk->backoffice:human-workflow"].clone();
    assert!(matches!(
        stage_load(&ws, &human, 25.0),
        LoadPrediction::Unknown(_)
    ));
    assert_eq!(rollout_report(&ws, &d, None, None).unwrap().warning, None);
}

#[test]
fn a_stage_started_without_its_gate_rehearsed_is_a_finding_and_blocks_the_next() {
    // db-slow was rehearsed on 2026-12-05: after stage 1 started (12-01), before stage 2
    // (12-10). "never" was never rehearsed.
    let ws = with_reporting(&["db-slow"]);
    let r = rollout_report(&ws, &ws.dependencies["reporting->db:data"], None, None).unwrap();
    let missing: Vec<&[String]> = r.stages.iter().map(|s| s.gate_missing.as_slice()).collect();
    assert_eq!(missing[0], ["db-slow".to_owned()]);
    assert!(missing[1..].iter().all(|m| m.is_empty()));
    assert_eq!(r.blocked, None);
    let a = analyze(&ws);
    let gate = a
        .get("rollout-gate:reporting->db:data")
        .expect("gate finding");
    assert_eq!(gate.kind, FindingKind::Rollout);
    assert!(
        gate.sentence.contains("Stage 1")
            && gate
                .sentence
                .contains("\"Database slow\" was not rehearsed before it started (2026-12-01)"),
        "{}",
        gate.sentence
    );
    assert!(a.get("rollout-load:reporting->db:data").is_some());

    let ws = with_reporting(&["db-slow", "never"]);
    let r = rollout_report(&ws, &ws.dependencies["reporting->db:data"], None, None).unwrap();
    assert_eq!(r.blocked, Some((1, vec!["never".to_owned()])));

    // Rehearsed before stage 1 and nothing else gated: no gate finding.
    let mut ws = with_reporting(&["db-slow"]);
    ws.failure_modes.get_mut("db-slow").unwrap().rehearsals[0].date = "2026-11-20".parse().unwrap();
    assert!(
        analyze(&ws)
            .get("rollout-gate:reporting->db:data")
            .is_none()
    );
}

#[test]
fn coverage_counts_integration_points_with_a_check() {
    let ws = with_reporting(&[]);
    let c = check_coverage(&ws);
    // Integration points: backoffice → db, reporting → db, web → api (the human workflow is
    // not one). Checked: reporting (monitored) and web (shadow only).
    assert_eq!((c.checked, c.total), (2, 3));
    assert!((c.fraction() - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(c.unchecked, ["backoffice->db:data"]);
    // backoffice → db is high; web → api sends 300 of 500 requests/s (≥ half): both important,
    // and shadow testing alone is nobody watching.
    assert_eq!(
        c.unwatched_important,
        ["backoffice->db:data", "web->api:sync"]
    );
    let f = analyze(&ws);
    let f = f.get("unwatched").expect("finding");
    assert_eq!(f.dependencies, ["backoffice->db:data", "web->api:sync"]);
    assert!(
        f.sentence
            .starts_with("Nobody watches 2 critical or high-traffic"),
        "{}",
        f.sentence
    );
    // A map that records no check at all has not been asked: no finding.
    let mut quiet = map();
    for d in quiet.dependencies.values_mut() {
        d.watch = None;
    }
    assert!(analyze(&quiet).get("unwatched").is_none());
    assert_eq!(check_coverage(&quiet).checked, 0);
}

#[test]
fn cost_totals_by_system_and_team() {
    let ws = with_reporting(&[]);
    let t = costs(&ws);
    // 4 (backoffice → db) + 2 (web → api) + 6 (reporting → db).
    assert!((t.total_hours - 12.0).abs() < 1e-9);
    // The human workflow has no estimate, but it is no integration point.
    assert_eq!((t.estimated, t.unestimated), (3, 0));
    let get =
        |m: &std::collections::BTreeMap<String, f64>, k: &str| m.get(k).copied().unwrap_or(0.0);
    assert!((get(&t.by_system, "db") - 10.0).abs() < 1e-9);
    assert!((get(&t.by_system, "reporting") - 6.0).abs() < 1e-9);
    // reporting → db splits 6 between BI and DBA; backoffice → db is DBA's alone; web → api
    // has no owner.
    assert!((get(&t.by_team, "BI") - 3.0).abs() < 1e-9);
    assert!((get(&t.by_team, "DBA") - 7.0).abs() < 1e-9);
    assert!((get(&t.by_team, NO_OWNER) - 2.0).abs() < 1e-9);
    assert!((t.by_team.values().sum::<f64>() - t.total_hours).abs() < 1e-9);
    assert_eq!(t.teams["reporting->db:data"], 2);
    assert_eq!(t.teams["backoffice->db:data"], 1);
    assert_eq!(t.teams["web->api:sync"], 4);
}

#[test]
fn roadmap_reports_each_stacked_state() {
    let mut ws = map();
    ws.scenarios.insert(
        "replica".into(),
        Scenario {
            id: "replica".into(),
            name: "Reporting reads db".into(),
            description: String::new(),
            added_systems: Vec::new(),
            added_dependencies: vec![reporting_query(&[])],
            removed: Vec::new(),
        },
    );
    ws.scenarios.insert(
        "retire".into(),
        Scenario {
            id: "retire".into(),
            name: "Back office stops querying".into(),
            description: String::new(),
            added_systems: Vec::new(),
            added_dependencies: Vec::new(),
            removed: vec!["backoffice->db:data".into()],
        },
    );
    ws.roadmap = vec![
        Phase::new("p1", "Reporting on db", "replica"),
        Phase::new("p2", "Retire back office query", "retire"),
    ];
    let r = roadmap(&ws);
    assert_eq!(r.len(), 3);
    assert_eq!((r[0].index, r[0].name.as_str()), (0, "Today"));
    assert_eq!(r[1].added, ["reporting->db:data"]);
    assert_eq!(r[1].teams, ["BI", "DBA"]);
    assert_eq!(r[2].removed, ["backoffice->db:data"]);
    assert!(
        r[1].new_findings
            .contains(&"rollout-load:reporting->db:data".to_owned())
    );
    // Hours per month: today 4 + 2; phase 1 adds 6; phase 2 drops backoffice's 4.
    let hours: Vec<(f64, f64)> = r
        .iter()
        .map(|p| (p.cost_before, p.cost.total_hours))
        .collect();
    assert_eq!(hours, [(6.0, 6.0), (6.0, 12.0), (12.0, 8.0)]);
    for p in &r {
        assert_eq!(
            p.counts.total(),
            p.analysis
                .findings
                .iter()
                .filter(|f| f.accepted.is_none())
                .count()
        );
        let top = p.analysis.findings.iter().find(|f| f.accepted.is_none());
        assert_eq!(p.top_risk, top.map_or(0.0, |f| f.score));
        assert_eq!(p.top_risk_finding.as_deref(), top.map(|f| f.id.as_str()));
    }
    // Phase 2 still has the rollout; without backoffice's 100 queries the base stays db's own
    // 200, so the load is the same: the finding stays.
    assert!(
        r[2].analysis
            .get("rollout-load:reporting->db:data")
            .is_some()
    );
    let reports = rollouts(&ws);
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].phase.as_deref(), Some("p1"));
    assert_eq!(reports[0].scenario.as_deref(), Some("replica"));
}
