//! Property: save → load → save is byte-identical for random workspaces whose generator fills
//! every field, with non-default values, unicode and quotes in text.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

mod parse_checks;
/// The structure-aware parser property test (the fuzz targets' checks, run in CI).
#[path = "roundtrip/parsers.rs"]
mod parsers;
#[path = "roundtrip/plan.rs"]
mod plan;

use std::collections::BTreeSet;
use std::path::Path;

use depdig::io::{load_str, to_ron_string};
use depdig::model::*;
use proptest::prelude::*;
use proptest::sample::select;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 \"'\\\\\n\t,()\\[\\]:/éüß漢字🙂-]{1,16}",
    ]
}

fn id() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9._-]{0,8}"
}

fn word<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    select(all)
}

fn load_figure() -> impl Strategy<Value = Option<Load>> {
    proptest::option::of(
        (1e-3f64..1e9, word(LoadUnit::ALL)).prop_map(|(value, unit)| Load { value, unit }),
    )
}

fn date() -> impl Strategy<Value = Date> {
    (1990u16..2100, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

fn days() -> impl Strategy<Value = Days> {
    prop_oneof![
        Just(Days::Daily),
        Just(Days::MonthEnd),
        (1u8..128).prop_map(Days::Weekdays)
    ]
}

fn window() -> impl Strategy<Value = TimeWindow> {
    (
        text(),
        days(),
        0u16..1440,
        1u16..1440,
        proptest::option::of(select(&["Europe/Berlin", "America/New_York", "UTC"][..])),
        word(WindowEffect::ALL),
    )
        .prop_map(|(label, days, start_min, len, tz, effect)| TimeWindow {
            label,
            days,
            start_min,
            end_min: (start_min + len) % MINUTES_PER_DAY,
            timezone: tz.map(str::to_owned),
            effect,
        })
}

fn pos() -> impl Strategy<Value = Option<CanvasPos>> {
    proptest::option::of((-1e6f32..1e6, -1e6f32..1e6).prop_map(|(x, y)| CanvasPos { x, y }))
}

fn system(id: String) -> impl Strategy<Value = System> {
    (
        (
            text(),
            word(SystemKind::ALL),
            text(),
            text(),
            text(),
            proptest::collection::vec(text(), 0..3),
        ),
        (
            word(Criticality::ALL),
            load_figure(),
            load_figure(),
            proptest::option::of(any::<u32>()),
            text(),
        ),
        (
            proptest::collection::vec(window(), 0..3),
            proptest::collection::vec((text(), word(EntityRole::ALL)), 0..3),
        ),
        (pos(), any::<bool>(), any::<[bool; 4]>(), text()),
    )
        .prop_map(
            move |(
                (name, kind, owner, tech, description, tags),
                (criticality, capacity, peak, latency, group),
                (windows, entities),
                (pos, pinned, review, notes),
            )| {
                let mut s = System::new(
                    id.clone(),
                    if name.trim().is_empty() {
                        format!("N {id}")
                    } else {
                        name
                    },
                );
                s.kind = kind;
                s.owner = owner;
                s.tech = tech;
                s.description = description;
                s.tags = tags;
                s.criticality = criticality;
                s.capacity = capacity;
                s.peak_load = peak;
                s.latency_ms = latency;
                s.group = group;
                s.windows = windows;
                s.entities = entities
                    .into_iter()
                    .map(|(entity, role)| DataEntity {
                        entity: format!("e{entity}"),
                        role,
                    })
                    .collect();
                s.pos = pos;
                s.pinned = pinned;
                s.review = ReviewChecklist {
                    business_process: review[0],
                    data_flow: review[1],
                    timing: review[2],
                    human_workflow: review[3],
                };
                s.notes = notes;
                s
            },
        )
}

fn dependency(from: String, to: String) -> impl Strategy<Value = Dependency> {
    (
        (
            word(DependencyType::ALL),
            text(),
            text(),
            word(Criticality::ALL),
        ),
        (
            proptest::option::of(1u32..100_000),
            0u32..10,
            1u32..10,
            any::<bool>(),
            word(AsyncRole::ALL),
        ),
        (
            proptest::collection::vec(window(), 0..2),
            proptest::collection::vec(text(), 0..3),
            text(),
            proptest::option::of(any::<bool>()),
            any::<bool>(),
        ),
    )
        .prop_map(
            move |(
                (kind, label, protocol, criticality),
                (timeout, retries, calls, breaker, role),
                (windows, entities, notes, blocking, fallback),
            )| {
                let mut d = Dependency::new(from.clone(), to.clone(), kind);
                d.label = label;
                d.protocol = protocol;
                d.criticality = criticality;
                d.timeout_ms = timeout;
                d.retries = retries;
                d.calls_per_request = calls;
                d.circuit_breaker = breaker;
                d.blocking = blocking;
                d.fallback = fallback;
                d.role = (kind == DependencyType::Async).then_some(role);
                d.windows = windows;
                d.entities = entities;
                d.notes = notes;
                d
            },
        )
}

fn workspace() -> impl Strategy<Value = Workspace> {
    proptest::collection::btree_set(id(), 2..8)
        .prop_flat_map(|ids| {
            let ids: Vec<String> = ids.into_iter().collect();
            let systems: Vec<_> = ids.iter().map(|i| system(i.clone())).collect();
            let n = ids.len();
            let pairs = proptest::collection::vec((0..n, 1..n), 0..12);
            (Just(ids), systems, pairs)
        })
        .prop_flat_map(|(ids, systems, pairs)| {
            let deps: Vec<_> = pairs
                .iter()
                .map(|(a, off)| dependency(ids[*a].clone(), ids[(a + off) % ids.len()].clone()))
                .collect();
            (Just(ids), Just(systems), deps, annotations_seed())
        })
        .prop_map(|(ids, systems, deps, seed)| build(ids, systems, deps, seed))
}

/// Random values for the annotations; `build` wires them to the generated elements.
#[derive(Debug, Clone)]
struct Seed {
    texts: Vec<String>,
    dates: Vec<Date>,
    debt: Vec<(DebtKind, u8, DebtStatus)>,
    failures: Vec<(FailureHow, u8, u8, u8, FailureStatus, u32)>,
    flags: Vec<bool>,
    zoom: f32,
    camera: Option<CanvasPos>,
    filter: (
        Vec<DependencyType>,
        Vec<SystemKind>,
        u8,
        FocusDirection,
        FilterMode,
    ),
}

fn annotations_seed() -> impl Strategy<Value = Seed> {
    (
        proptest::collection::vec(text(), 24),
        proptest::collection::vec(date(), 6),
        proptest::collection::vec((word(DebtKind::ALL), 1u8..=5, word(DebtStatus::ALL)), 0..4),
        proptest::collection::vec(
            (
                word(FailureHow::ALL),
                1u8..=10,
                1u8..=10,
                1u8..=10,
                word(FailureStatus::ALL),
                0u32..600,
            ),
            0..3,
        ),
        proptest::collection::vec(any::<bool>(), 8),
        0.01f32..20.0,
        pos(),
        (
            proptest::collection::btree_set(word(DependencyType::ALL), 0..3)
                .prop_map(|s| s.into_iter().collect()),
            proptest::collection::btree_set(word(SystemKind::ALL), 0..3)
                .prop_map(|s| s.into_iter().collect()),
            0u8..5,
            word(FocusDirection::ALL),
            word(FilterMode::ALL),
        ),
    )
        .prop_map(
            |(texts, dates, debt, failures, flags, zoom, camera, filter)| Seed {
                texts,
                dates,
                debt,
                failures,
                flags,
                zoom,
                camera,
                filter,
            },
        )
}

fn nonempty(s: &str, fallback: &str) -> String {
    if s.trim().is_empty() {
        fallback.to_owned()
    } else {
        s.to_owned()
    }
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "proptest hands the generated values over"
)]
fn build(ids: Vec<String>, systems: Vec<System>, deps: Vec<Dependency>, seed: Seed) -> Workspace {
    let t = |i: usize| seed.texts[i % seed.texts.len()].clone();
    let mut ws = Workspace::new(t(0));
    ws.description = t(1);
    ws.timezone = if seed.flags[0] {
        "Europe/Berlin".into()
    } else {
        "UTC".into()
    };
    for s in systems {
        ws.systems.insert(s.id.clone(), s);
    }
    for d in deps {
        ws.dependencies.insert(d.id(), d);
    }
    let dep_ids: Vec<String> = ws.dependencies.keys().cloned().collect();
    let mut elements: Vec<String> = ids.clone();
    elements.extend(dep_ids.iter().cloned());
    for (i, (kind, impact, status)) in seed.debt.iter().enumerate() {
        let mut d = DebtItem::new(format!("debt-{i}"), nonempty(&t(i + 2), "Debt"));
        d.description = t(i + 3);
        d.links = elements.iter().skip(i).step_by(2).cloned().collect();
        d.kind = *kind;
        d.impact = *impact;
        d.owner = t(i + 4);
        d.status = *status;
        d.created = Some(seed.dates[0]);
        d.review = seed.flags[1].then_some(seed.dates[1].max(seed.dates[0]));
        d.notes = t(i + 5);
        ws.debt.insert(d.id.clone(), d);
    }
    for (i, (how, s, o, det, status, minutes)) in seed.failures.iter().enumerate() {
        let element = elements[i % elements.len()].clone();
        let mut f = FailureMode::new(
            format!("fm-{i}"),
            nonempty(&t(i + 6), "Failure"),
            Trigger { element, how: *how },
        );
        f.detection = t(i + 7);
        f.steps = vec![
            ResponseStep {
                actor: t(i + 8),
                action: nonempty(&t(i + 9), "Act"),
                minutes: *minutes,
            },
            ResponseStep {
                actor: t(i + 10),
                action: "Call the vendor \"now\"".into(),
                minutes: 0,
            },
        ];
        f.degraded_mode = t(i + 11);
        f.rollback = t(i + 12);
        f.severity = *s;
        f.occurrence = *o;
        f.detection_rating = *det;
        f.rehearsals = vec![Rehearsal {
            date: seed.dates[2],
            duration_min: *minutes,
            // Timed to the second by the app, or only minutes (files from before).
            duration_s: (i % 2 == 0).then_some(minutes.saturating_mul(60).saturating_add(17)),
            notes: t(i + 13),
        }];
        f.status = *status;
        ws.failure_modes.insert(f.id.clone(), f);
    }
    let (hidden_types, kinds, hops, direction, mode) = seed.filter.clone();
    let view = View {
        id: "v-1".into(),
        name: nonempty(&t(14), "View"),
        filters: Filters {
            hidden_types,
            kinds,
            owners: vec![t(15)],
            tags: vec![t(16)],
            groups: vec![t(17)],
            focus: seed.flags[2].then(|| Focus {
                system: ids[0].clone(),
                hops,
                direction,
            }),
            mode,
        },
        camera: seed.camera.map(|center| Camera {
            center,
            zoom: seed.zoom,
        }),
        highlighted: elements.iter().take(2).cloned().collect(),
    };
    ws.views.insert(view.id.clone(), view);
    let mut added = System::new("zz-new", nonempty(&t(18), "New"));
    added.kind = SystemKind::Queue;
    let scenario = Scenario {
        id: "target".into(),
        name: nonempty(&t(19), "Target"),
        description: t(20),
        added_dependencies: vec![Dependency::new(
            ids[0].clone(),
            "zz-new",
            DependencyType::Async,
        )],
        added_systems: vec![added],
        removed: dep_ids.iter().take(1).cloned().collect(),
    };
    if !ws.systems.contains_key("zz-new") {
        ws.scenarios.insert(scenario.id.clone(), scenario);
    }
    plan::plan(&mut ws, &seed);
    let decision = Decision {
        id: "dec-1".into(),
        date: seed.dates[3],
        decision: nonempty(&t(21), "Decide"),
        decided_by: t(22),
        trade_off: t(23),
        links: ws
            .debt
            .keys()
            .chain(ws.failure_modes.keys())
            .chain(ids.iter())
            .cloned()
            .collect(),
    };
    ws.decisions.insert(decision.id.clone(), decision);
    ws.parking_lot.insert(
        "q-1".into(),
        ParkingLotItem {
            id: "q-1".into(),
            question: "Who owns the customer's address?".into(),
            raised_by: t(2),
            links: ids.iter().take(1).cloned().collect(),
            created: Some(seed.dates[4]),
            answered: seed.flags[3],
            answer: t(3),
        },
    );
    ws.accepted_findings.insert(
        "cycle:a,b".into(),
        AcceptedFinding {
            finding: "cycle:a,b".into(),
            reason: t(4),
            decision: seed.flags[4].then(|| "dec-1".into()),
        },
    );
    ws
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn save_load_save_is_identical(ws in workspace()) {
        let errors: Vec<_> = validate(&ws).into_iter().filter(|p| p.severity == Severity::Error).collect();
        prop_assert!(errors.is_empty(), "generator made an invalid workspace: {errors:#?}");
        let first = to_ron_string(&ws).unwrap();
        let (loaded, _) = load_str(&first, Path::new("gen.ron")).map_err(|e| TestCaseError::fail(format!("{e}\n{first}")))?;
        prop_assert_eq!(&loaded, &ws);
        let second = to_ron_string(&loaded).unwrap();
        prop_assert_eq!(first, second);
    }

    /// The plan's analysis never panics on a generated workspace: one step per phase plus
    /// today, one rollout report per rollout, and text and JSON for them.
    #[test]
    fn the_plan_analysis_takes_any_workspace(ws in workspace()) {
        use depdig::analysis::plan::{roadmap, roadmap_json, roadmap_text, rollouts};
        let steps = roadmap(&ws);
        prop_assert_eq!(steps.len(), ws.roadmap.len() + 1);
        let plans = rollouts(&ws);
        let with_rollout = ws.dependencies.values().filter(|d| d.rollout.is_some()).count();
        prop_assert!(plans.len() >= with_rollout);
        let text = roadmap_text(&ws, &steps, &plans, false);
        prop_assert!(text.contains("Rollouts"));
        let json = roadmap_json(&ws.title, &steps, &plans).unwrap();
        prop_assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
    }
}

#[test]
fn generator_fills_every_field() {
    // One deterministic draw must write every field name the format has, so the property above
    // cannot pass by only exercising defaults.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let mut seen = BTreeSet::new();
    for _ in 0..200 {
        let ws = workspace().new_tree(&mut runner).unwrap().current();
        let text = to_ron_string(&ws).unwrap();
        for field in text.lines().filter_map(|l| {
            l.trim_start()
                .split_once(':')
                .map(|(k, _)| k.trim().trim_start_matches('(').to_owned())
        }) {
            if field.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                seen.insert(field);
            }
        }
    }
    let expected = [
        "version",
        "title",
        "description",
        "timezone",
        "systems",
        "id",
        "name",
        "kind",
        "owner",
        "tech",
        "tags",
        "criticality",
        "capacity",
        "peak_load",
        "latency_ms",
        "group",
        "windows",
        "entities",
        "pos",
        "pinned",
        "review",
        "business_process",
        "data_flow",
        "timing",
        "human_workflow",
        "notes",
        "dependencies",
        "from",
        "to",
        "type",
        "label",
        "protocol",
        "timeout_ms",
        "retries",
        "calls_per_request",
        "circuit_breaker",
        "blocking",
        "fallback",
        "role",
        "days",
        "start_min",
        "end_min",
        "effect",
        "debt",
        "links",
        "impact",
        "status",
        "created",
        "failure_modes",
        "trigger",
        "element",
        "how",
        "detection",
        "steps",
        "actor",
        "action",
        "minutes",
        "degraded_mode",
        "rollback",
        "severity",
        "occurrence",
        "detection_rating",
        "rehearsals",
        "date",
        "duration_min",
        "duration_s",
        "views",
        "filters",
        "hidden_types",
        "kinds",
        "owners",
        "groups",
        "focus",
        "system",
        "hops",
        "direction",
        "mode",
        "camera",
        "center",
        "zoom",
        "highlighted",
        "scenarios",
        "added_systems",
        "added_dependencies",
        "removed",
        "rollout",
        "stages",
        "share_percent",
        "min_hours",
        "signals",
        "what",
        "threshold",
        "rollback_trigger",
        "rollback_action",
        "gate",
        "watch",
        "monitored",
        "monitored_by",
        "synthetic",
        "shadow",
        "cost",
        "hours_per_month",
        "teams",
        "roadmap",
        "scenario",
        "target_date",
        "parking_lot",
        "question",
        "raised_by",
        "answered",
        "answer",
        "decisions",
        "decision",
        "decided_by",
        "trade_off",
        "accepted_findings",
        "finding",
        "reason",
        "entity",
        "value",
        "unit",
        "x",
        "y",
    ];
    let missing: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|f| !seen.contains(*f))
        .collect();
    assert!(missing.is_empty(), "never generated: {missing:?}");
}
