use std::collections::BTreeSet;
use std::path::Path;

use super::*;
use crate::io::{load_str, to_ron_string};
use crate::model::{
    DependencyType, FailureHow, FailureMode, ItemKind, Severity, SignalKind, System, Trigger,
    validate,
};
use crate::ops::{History, Op, OpError, apply};

/// trading → risk (sync), risk → db (data); owners on trading and risk.
fn map() -> Workspace {
    let mut ws = Workspace::new("plan");
    for (id, owner) in [("trading", "Desk IT"), ("risk", "Risk IT"), ("db", "")] {
        let mut s = System::new(id, id.to_uppercase());
        s.owner = owner.into();
        ws.systems.insert(id.into(), s);
    }
    for (from, to, kind) in [
        ("trading", "risk", DependencyType::Sync),
        ("risk", "db", DependencyType::Data),
    ] {
        let d = Dependency::new(from, to, kind);
        ws.dependencies.insert(d.id(), d);
    }
    ws
}

fn scenario(id: &str, systems: &[&str], deps: &[(&str, &str)], removed: &[&str]) -> Scenario {
    Scenario {
        id: id.into(),
        name: id.to_uppercase(),
        description: String::new(),
        added_systems: systems.iter().map(|s| System::new(*s, *s)).collect(),
        added_dependencies: deps
            .iter()
            .map(|(f, t)| Dependency::new(*f, *t, DependencyType::Async))
            .collect(),
        removed: removed.iter().map(|s| (*s).to_owned()).collect(),
    }
}

/// Phase 1 adds a queue; phase 2 connects risk to it (a system phase 1 added) and removes the
/// sync call; phase 3 removes the queue again (what phase 1 added) and adds the sync call back
/// (what phase 2 removed).
pub(super) fn three_phases() -> Workspace {
    let mut ws = map();
    for s in [
        scenario("queue", &["mq"], &[("trading", "mq")], &[]),
        scenario("consume", &[], &[("risk", "mq")], &["trading->risk:sync"]),
        scenario("back", &[], &[], &["mq"]),
    ] {
        ws.scenarios.insert(s.id.clone(), s);
    }
    let mut back = ws.scenarios["back"].clone();
    back.added_dependencies
        .push(Dependency::new("trading", "risk", DependencyType::Sync));
    ws.scenarios.insert("back".into(), back);
    ws.roadmap = vec![
        Phase::new("p1", "Queue first", "queue"),
        Phase::new("p2", "Consume", "consume"),
        Phase::new("p3", "Back", "back"),
    ];
    ws
}

fn keys<T>(m: &std::collections::BTreeMap<String, T>) -> BTreeSet<&str> {
    m.keys().map(String::as_str).collect()
}

#[test]
fn phases_stack_each_on_the_state_before() {
    let ws = three_phases();
    assert!(
        validate(&ws).iter().all(|p| p.severity != Severity::Error),
        "{:?}",
        validate(&ws)
    );
    let steps = ws.roadmap_steps();
    assert_eq!(steps.len(), 3);
    assert_eq!(
        keys(&steps[0].state.dependencies),
        BTreeSet::from(["risk->db:data", "trading->mq:async", "trading->risk:sync"])
    );
    // Phase 2 connects to mq, which only phase 1 adds.
    assert_eq!(
        keys(&steps[1].state.dependencies),
        BTreeSet::from(["risk->db:data", "risk->mq:async", "trading->mq:async"])
    );
    assert_eq!(
        steps[1].diff.removed,
        BTreeSet::from(["trading->risk:sync".to_owned()])
    );
    // Phase 3 removes what phase 1 added (with the dependencies on it) and adds back what
    // phase 2 removed.
    assert_eq!(
        keys(&steps[2].state.systems),
        BTreeSet::from(["db", "risk", "trading"])
    );
    assert_eq!(
        keys(&steps[2].state.dependencies),
        BTreeSet::from(["risk->db:data", "trading->risk:sync"])
    );
    assert_eq!(
        steps[2].diff.removed,
        BTreeSet::from([
            "mq".to_owned(),
            "risk->mq:async".to_owned(),
            "trading->mq:async".to_owned()
        ])
    );
    assert!(
        steps
            .iter()
            .all(|s| s.state.roadmap.is_empty() && s.state.scenarios.is_empty())
    );
    // The picture of step 2 draws phase 1's state plus what phase 2 adds.
    let combined = steps[1].combined(&steps[0].state);
    assert!(combined.dependencies.contains_key("trading->risk:sync"));
    assert!(combined.dependencies.contains_key("risk->mq:async"));
    assert_eq!(ws.state_before_phase(2).as_ref(), Some(&steps[1].state));
    assert_eq!(ws.state_before_phase(0).as_ref(), Some(&ws));
    assert!(ws.state_before_phase(3).is_none());
}

#[test]
fn a_later_scenario_is_checked_on_the_state_it_is_applied_to() {
    let mut ws = three_phases();
    // Out of the roadmap, "consume" connects to a system the map does not have, and "back"
    // adds a dependency the map already has; in it, both are right.
    ws.roadmap.truncate(1);
    let errors: Vec<(String, String)> = validate(&ws)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| (p.id, p.field))
        .collect();
    assert_eq!(
        errors,
        [
            (
                "back".to_owned(),
                "added dependency \"trading->risk:sync\", id".to_owned()
            ),
            (
                "consume".to_owned(),
                "added dependency \"risk->mq:async\", to".to_owned()
            )
        ]
    );
}

#[test]
fn a_later_phase_cannot_add_what_an_earlier_one_added() {
    let mut ws = three_phases();
    ws.scenarios
        .get_mut("consume")
        .unwrap()
        .added_systems
        .push(System::new("mq", "Second queue"));
    let errors: Vec<_> = validate(&ws)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].message,
        "already exists in the map the roadmap's earlier phases leave; a scenario adds only new \
         systems"
    );
}

#[test]
fn an_unknown_scenario_is_a_warning_and_changes_nothing() {
    let mut ws = map();
    ws.roadmap.push(Phase::new("p1", "Nothing yet", "ghost"));
    let problems = validate(&ws);
    assert!(problems.iter().any(|p| p.kind == ItemKind::Phase
        && p.severity == Severity::Warning
        && p.message.contains("\"ghost\"")));
    assert!(problems.iter().all(|p| p.severity != Severity::Error));
    let steps = ws.roadmap_steps();
    assert!(steps[0].diff.is_empty() && steps[0].scenario.is_none());
    assert_eq!(steps[0].state.systems, ws.systems);
}

#[test]
fn dates_out_of_order_warn_and_duplicate_ids_are_errors() {
    let mut ws = three_phases();
    ws.roadmap[0].target_date = Some("2026-06-01".parse().unwrap());
    ws.roadmap[1].target_date = Some("2026-03-01".parse().unwrap());
    let problems = validate(&ws);
    let late = problems
        .iter()
        .find(|p| p.field == "target_date")
        .expect("a date warning");
    assert_eq!((late.severity, late.id.as_str()), (Severity::Warning, "p2"));
    assert!(late.message.contains("Queue first"), "{}", late.message);
    ws.roadmap[2].id = "p1".into();
    assert!(validate(&ws).iter().any(|p| p.severity == Severity::Error
        && p.kind == ItemKind::Phase
        && p.message.contains("used by two phases")));
}

#[test]
fn rollout_watch_and_cost_are_checked() {
    let mut ws = map();
    let mut d = ws.dependencies["trading->risk:sync"].clone();
    let mut stage = Stage::new(150.0, 24);
    stage.status = StageStatus::Running;
    d.rollout = Some(Rollout {
        stages: vec![Stage::new(10.0, 4), Stage::new(5.0, 4), stage],
        signals: vec![Signal {
            what: SignalKind::ErrorRate,
            threshold: f64::NAN,
        }],
        gate: vec!["nope".into()],
        ..Rollout::default()
    });
    d.cost = Some(Cost {
        hours_per_month: -1.0,
        teams: Some(0),
    });
    ws.dependencies.insert(d.id(), d);
    let problems = validate(&ws);
    let r = ws.dependencies["trading->risk:sync"]
        .rollout
        .clone()
        .unwrap();
    assert_eq!((r.current(), r.next()), (Some(2), Some(0)));
    assert_eq!(
        (Rollout::default().current(), Rollout::default().next()),
        (None, None)
    );
    let fields = |sev: Severity| -> BTreeSet<String> {
        problems
            .iter()
            .filter(|p| p.severity == sev)
            .map(|p| p.field.clone())
            .collect()
    };
    assert_eq!(
        fields(Severity::Error),
        BTreeSet::from(
            [
                "rollout.stages[2].share_percent",
                "rollout.signals[0].threshold",
                "rollout.gate",
                "cost.hours_per_month",
                "cost.teams"
            ]
            .map(String::from)
        )
    );
    assert_eq!(
        fields(Severity::Warning),
        BTreeSet::from([
            // 5 % after 10 %; running while stage 1 and 2 are still planned.
            "rollout.stages[1].share_percent".to_owned(),
            "rollout.stages[2].status".to_owned()
        ])
    );
}

#[test]
fn coordination_teams_count_distinct_owners_unless_set() {
    let mut ws = map();
    let d = ws.dependencies["trading->risk:sync"].clone();
    assert_eq!(d.coordination_teams(&ws), 2);
    // db has no owner: risk's team alone, and never fewer than one.
    assert_eq!(ws.dependencies["risk->db:data"].coordination_teams(&ws), 1);
    ws.systems.get_mut("risk").unwrap().owner = "Desk IT".into();
    assert_eq!(d.coordination_teams(&ws), 1);
    let mut d = d;
    d.cost = Some(Cost {
        hours_per_month: 4.0,
        teams: Some(3),
    });
    assert_eq!(d.coordination_teams(&ws), 3);
}

#[test]
fn phase_ops_undo_and_redo() {
    let mut ws = three_phases();
    let original = ws.clone();
    let mut h = History::new();
    let mut p0 = Phase::new("p0", "Prepare", "");
    p0.owner = "Council".into();
    h.apply(
        &mut ws,
        Op::AddPhase {
            index: 0,
            phase: p0,
        },
        "Add phase",
    )
    .unwrap();
    assert_eq!(ws.roadmap[0].id, "p0");
    let mut p2 = ws.roadmap[2].clone();
    p2.target_date = Some("2027-01-31".parse().unwrap());
    h.apply(&mut ws, Op::SetPhase(p2), "Date phase").unwrap();
    h.apply(
        &mut ws,
        Op::MovePhase {
            id: "p0".into(),
            to: 9,
        },
        "Move phase",
    )
    .unwrap();
    let order: Vec<&str> = ws.roadmap.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(order, ["p1", "p2", "p3", "p0"]);
    h.apply(&mut ws, Op::RemovePhase("p1".into()), "Remove phase")
        .unwrap_err();
    // Removing phase 1 leaves phase 2 connecting to a queue nobody adds: refused, unchanged.
    assert_eq!(ws.roadmap.len(), 4);
    h.apply(
        &mut ws,
        Op::Remove(crate::ops::ItemRef::new(ItemKind::Phase, "p0")),
        "Remove",
    )
    .unwrap();
    assert_eq!(ws.roadmap.len(), 3);
    while h.undo(&mut ws).unwrap().is_some() {}
    assert_eq!(ws, original);
    while h.redo(&mut ws).unwrap().is_some() {}
    assert_eq!(ws.roadmap.len(), 3);
    assert_eq!(
        ws.roadmap[1].target_date.map(|d| d.to_string()).as_deref(),
        Some("2027-01-31")
    );
}

#[test]
fn phase_ops_refuse_bad_edits() {
    let mut ws = three_phases();
    let before = ws.clone();
    let dup = Op::AddPhase {
        index: 0,
        phase: Phase::new("p1", "Again", "queue"),
    };
    assert!(matches!(
        apply(&mut ws, dup),
        Err(OpError::Duplicate { .. })
    ));
    let far = Op::AddPhase {
        index: 7,
        phase: Phase::new("p9", "Far", "queue"),
    };
    assert!(apply(&mut ws, far).is_err());
    let nameless = Op::SetPhase(Phase::new("p1", " ", "queue"));
    assert!(apply(&mut ws, nameless).is_err());
    assert!(matches!(
        apply(&mut ws, Op::RemovePhase("ghost".into())),
        Err(OpError::NotFound { .. })
    ));
    // Swapping phases 1 and 2 makes "consume" connect to a queue not there yet.
    let swap = Op::MovePhase {
        id: "p2".into(),
        to: 0,
    };
    assert!(matches!(apply(&mut ws, swap), Err(OpError::Invalid { .. })));
    // An edit of phase 1's scenario that drops the queue is refused likewise.
    let mut queue = ws.scenarios["queue"].clone();
    queue.added_systems.clear();
    queue.added_dependencies.clear();
    assert!(apply(&mut ws, Op::Update(queue.into())).is_err());
    assert_eq!(ws, before);
}

#[test]
fn removing_a_failure_mode_ungates_rollouts_and_undo_restores_the_gate() {
    let mut ws = three_phases();
    let f = FailureMode::new(
        "risk-lag",
        "Risk falls behind",
        Trigger {
            element: "risk".into(),
            how: FailureHow::Slow,
        },
    );
    ws.failure_modes.insert(f.id.clone(), f);
    let gated = Rollout {
        stages: vec![Stage::new(5.0, 24), Stage::new(100.0, 0)],
        gate: vec!["risk-lag".into()],
        ..Rollout::default()
    };
    ws.dependencies
        .get_mut("trading->risk:sync")
        .unwrap()
        .rollout = Some(gated.clone());
    ws.scenarios.get_mut("queue").unwrap().added_dependencies[0].rollout = Some(gated);
    assert!(validate(&ws).iter().all(|p| p.severity != Severity::Error));
    let before = ws.clone();
    let undo = apply(
        &mut ws,
        Op::Remove(crate::ops::ItemRef::new(ItemKind::FailureMode, "risk-lag")),
    )
    .unwrap();
    let gate = |ws: &Workspace| {
        (
            ws.dependencies["trading->risk:sync"]
                .rollout
                .clone()
                .unwrap()
                .gate,
            ws.scenarios["queue"].added_dependencies[0]
                .rollout
                .clone()
                .unwrap()
                .gate,
        )
    };
    assert_eq!(gate(&ws), (vec![], vec![]));
    assert!(validate(&ws).iter().all(|p| p.severity != Severity::Error));
    apply(&mut ws, undo).unwrap();
    assert_eq!(ws, before);
}

#[test]
fn plan_fields_round_trip_through_the_file_and_need_version_2() {
    let mut ws = three_phases();
    ws.roadmap[0].target_date = Some("2026-12-15".parse().unwrap());
    ws.roadmap[0].owner = "Desk IT".into();
    ws.roadmap[0].notes = "Canary first".into();
    let mut done = Stage::new(1.0, 24);
    done.status = StageStatus::Done;
    done.date = Some("2026-12-01".parse().unwrap());
    let q = &mut ws.scenarios.get_mut("queue").unwrap().added_dependencies[0];
    q.rollout = Some(Rollout {
        stages: vec![done, Stage::new(25.0, 48), Stage::new(100.0, 0)],
        signals: vec![Signal {
            what: SignalKind::CalleeLoadPercent,
            threshold: 80.0,
        }],
        rollback_trigger: "lag over 5 min".into(),
        rollback_action: "flag off".into(),
        gate: Vec::new(),
    });
    q.watch = Some(ProductionChecks {
        monitored: true,
        monitored_by: "lag alert".into(),
        synthetic: String::new(),
        shadow: false,
    });
    let d = ws.dependencies.get_mut("risk->db:data").unwrap();
    d.cost = Some(Cost {
        hours_per_month: 2.5,
        teams: None,
    });
    let text = to_ron_string(&ws).unwrap();
    let (back, problems) = load_str(&text, Path::new("plan.ron")).unwrap();
    assert!(
        problems.iter().all(|p| p.severity != Severity::Error),
        "{problems:?}"
    );
    assert_eq!(back, ws);
    // The roadmap keeps its order (it is not sorted by id like the other lists).
    let at = |id: &str| {
        text.find(&format!("id: \"{id}\",\n      name"))
            .unwrap_or(0)
    };
    assert!(
        0 < at("p1") && at("p1") < at("p2") && at("p2") < at("p3"),
        "{text}"
    );
    let order: Vec<&str> = back.roadmap.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(order, ["p1", "p2", "p3"]);
    for (field, body) in [
        (
            "roadmap",
            "roadmap: [(id: \"p\", name: \"P\", scenario: \"s\")],\n)",
        ),
        (
            "cost",
            "systems: [(id: \"a\", name: \"A\"), (id: \"b\", name: \"B\")],\n  dependencies: [(from: \"a\", to: \"b\", type: \"sync\", cost: Some((hours_per_month: 1.0)))],\n)",
        ),
        (
            "watch",
            "systems: [(id: \"a\", name: \"A\"), (id: \"b\", name: \"B\")],\n  dependencies: [(from: \"a\", to: \"b\", type: \"sync\", watch: Some((monitored: true)))],\n)",
        ),
        (
            "rollout",
            "systems: [(id: \"a\", name: \"A\")],\n  scenarios: [(id: \"s\", name: \"S\", added_systems: [(id: \"b\", name: \"B\")], added_dependencies: [(from: \"a\", to: \"b\", type: \"sync\", rollout: Some((stages: [(share_percent: 5.0)])))])],\n)",
        ),
    ] {
        let v2 = load_str(&format!("(\n  version: 2,\n  {body}"), Path::new("t.ron"));
        assert!(v2.is_ok(), "{field}: {v2:?}");
        let err = load_str(&format!("(\n  version: 1,\n  {body}"), Path::new("t.ron"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!("`{field}` is a version 2 field")),
            "{err}"
        );
    }
}
