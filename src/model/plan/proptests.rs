//! Property test: any sequence of roadmap and scenario edits keeps the workspace valid, and
//! undo restores it.

use std::path::Path;

use super::tests::three_phases;
use super::*;
use crate::io::{load_str, to_ron_string};
use crate::model::{ItemKind, Severity, validate};
use crate::ops::{History, Op};

/// One roadmap edit a facilitator might make; numbers pick among what is there (modulo).
#[derive(Debug, Clone)]
enum Edit {
    Add(usize, u8, u8),
    Set(usize, u8, Option<u8>),
    Remove(usize),
    Move(usize, usize),
    DropScenario(u8),
    EmptyScenario(u8),
}

fn edit() -> impl proptest::strategy::Strategy<Value = Edit> {
    use proptest::prelude::*;
    prop_oneof![
        (0..6usize, 0..5u8, 0..4u8).prop_map(|(i, s, n)| Edit::Add(i, s, n)),
        (any::<usize>(), 0..5u8, proptest::option::of(1..28u8))
            .prop_map(|(i, s, d)| Edit::Set(i, s, d)),
        any::<usize>().prop_map(Edit::Remove),
        (any::<usize>(), 0..6usize).prop_map(|(i, to)| Edit::Move(i, to)),
        (0..4u8).prop_map(Edit::DropScenario),
        (0..4u8).prop_map(Edit::EmptyScenario),
    ]
}

const SCENARIOS: [&str; 4] = ["queue", "consume", "back", "ghost"];

fn op(ws: &Workspace, e: &Edit) -> Option<Op> {
    let pick = |i: usize| ws.roadmap.get(i % ws.roadmap.len().max(1)).cloned();
    Some(match e {
        Edit::Add(i, s, n) => Op::AddPhase {
            index: *i,
            phase: Phase::new(
                format!("n{n}"),
                format!("New {n}"),
                SCENARIOS[usize::from(*s) % SCENARIOS.len()],
            ),
        },
        Edit::Set(i, s, day) => {
            let mut p = pick(*i)?;
            p.scenario = SCENARIOS[usize::from(*s) % SCENARIOS.len()].into();
            p.target_date = day.map(|d| crate::model::Date::new(2026, 12, d).unwrap());
            Op::SetPhase(p)
        }
        Edit::Remove(i) => Op::RemovePhase(pick(*i)?.id),
        Edit::Move(i, to) => Op::MovePhase {
            id: pick(*i)?.id,
            to: *to,
        },
        Edit::DropScenario(s) => Op::Remove(crate::ops::ItemRef::new(
            ItemKind::Scenario,
            SCENARIOS[usize::from(*s) % SCENARIOS.len()],
        )),
        Edit::EmptyScenario(s) => {
            let mut sc = ws
                .scenarios
                .get(SCENARIOS[usize::from(*s) % SCENARIOS.len()])?
                .clone();
            sc.added_systems.clear();
            sc.added_dependencies.clear();
            Op::Update(sc.into())
        }
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 96, ..Default::default() })]

    /// Any sequence of roadmap and scenario edits leaves a workspace without errors (an edit
    /// that would break a later phase is refused and changes nothing), whose stacking never
    /// panics, that saves and loads the same, and that undoing everything restores.
    #[test]
    fn roadmap_edits_keep_the_workspace_valid_and_undo(edits in proptest::collection::vec(edit(), 1..12)) {
        let mut ws = three_phases();
        let original = ws.clone();
        let mut h = History::new();
        for e in &edits {
            let Some(op) = op(&ws, e) else { continue };
            let before = ws.clone();
            if h.apply(&mut ws, op, "edit").is_err() {
                proptest::prop_assert_eq!(&ws, &before);
            }
            let errors: Vec<_> = validate(&ws)
                .into_iter()
                .filter(|p| p.severity == Severity::Error)
                .collect();
            proptest::prop_assert!(errors.is_empty(), "{:?} after {:?}", errors, e);
            let steps = ws.roadmap_steps();
            proptest::prop_assert_eq!(steps.len(), ws.roadmap.len());
        }
        let text = to_ron_string(&ws).unwrap();
        let (back, _) = load_str(&text, Path::new("edited.ron")).unwrap();
        proptest::prop_assert_eq!(&back, &ws);
        while h.undo(&mut ws).unwrap().is_some() {}
        proptest::prop_assert_eq!(ws, original);
    }
}
