//! Property tests of the merge on generated workspaces: merging with an unchanged side gives the
//! changed side, merging a side with itself gives it, and changes that do not conflict commute.

use proptest::prelude::*;

use super::tests::small;
use super::*;
use crate::model::{CanvasPos, Dependency, DependencyType, Severity, System, validate};

/// One edit a workshop might make; indices pick among the items present (modulo their count).
#[derive(Debug, Clone)]
enum Edit {
    Owner(usize, u8),
    Name(usize, u8),
    Move(usize, i16, i16),
    DeleteSystem(usize),
    AddSystem(u8),
    AddDependency(usize, usize, bool),
    DeleteDependency(usize),
    Protocol(usize, u8),
    Title(u8),
    Impact(u8),
    Link(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0..3u8).prop_map(|(i, v)| Edit::Owner(i, v)),
        (any::<usize>(), 0..3u8).prop_map(|(i, v)| Edit::Name(i, v)),
        (any::<usize>(), -3..3i16, -3..3i16).prop_map(|(i, x, y)| Edit::Move(i, x, y)),
        any::<usize>().prop_map(Edit::DeleteSystem),
        (0..4u8).prop_map(Edit::AddSystem),
        (any::<usize>(), any::<usize>(), any::<bool>())
            .prop_map(|(a, b, k)| Edit::AddDependency(a, b, k)),
        any::<usize>().prop_map(Edit::DeleteDependency),
        (any::<usize>(), 0..3u8).prop_map(|(i, v)| Edit::Protocol(i, v)),
        (0..3u8).prop_map(Edit::Title),
        (1..6u8).prop_map(Edit::Impact),
        any::<usize>().prop_map(Edit::Link),
    ]
}

fn nth_key<T>(map: &std::collections::BTreeMap<String, T>, i: usize) -> Option<String> {
    (!map.is_empty()).then(|| map.keys().nth(i % map.len()).cloned())?
}

/// Applies an edit the way the app would, keeping the workspace valid.
fn apply(ws: &mut Workspace, e: &Edit) {
    match *e {
        Edit::Owner(i, v) => {
            if let Some(id) = nth_key(&ws.systems, i) {
                ws.systems.get_mut(&id).unwrap().owner = format!("team {v}");
            }
        }
        Edit::Name(i, v) => {
            if let Some(id) = nth_key(&ws.systems, i) {
                ws.systems.get_mut(&id).unwrap().name = format!("name {v}");
            }
        }
        Edit::Move(i, x, y) => {
            if let Some(id) = nth_key(&ws.systems, i) {
                ws.systems.get_mut(&id).unwrap().pos =
                    Some(CanvasPos::new(f32::from(x) * 50.0, f32::from(y) * 50.0));
            }
        }
        Edit::DeleteSystem(i) => {
            if let Some(id) = nth_key(&ws.systems, i) {
                let mut gone: std::collections::BTreeSet<String> =
                    ws.dependencies_touching(&id).into_iter().collect();
                for d in &gone {
                    ws.dependencies.remove(d);
                }
                ws.systems.remove(&id);
                gone.insert(id);
                crate::model::scenario::forget(ws, &gone);
            }
        }
        Edit::AddSystem(v) => {
            let id = format!("new{v}");
            ws.systems
                .entry(id.clone())
                .or_insert_with(|| System::new(id, format!("New {v}")));
        }
        Edit::AddDependency(a, b, async_) => {
            if let (Some(from), Some(to)) = (nth_key(&ws.systems, a), nth_key(&ws.systems, b))
                && from != to
            {
                let kind = if async_ {
                    DependencyType::Async
                } else {
                    DependencyType::Sync
                };
                let d = Dependency::new(from, to, kind);
                ws.dependencies.entry(d.id()).or_insert(d);
            }
        }
        Edit::DeleteDependency(i) => {
            if let Some(id) = nth_key(&ws.dependencies, i) {
                ws.dependencies.remove(&id);
                crate::model::scenario::forget(ws, &std::iter::once(id).collect());
            }
        }
        Edit::Protocol(i, v) => {
            if let Some(id) = nth_key(&ws.dependencies, i) {
                ws.dependencies.get_mut(&id).unwrap().protocol = format!("proto {v}");
            }
        }
        Edit::Title(v) => ws.title = format!("title {v}"),
        Edit::Impact(v) => {
            if let Some(d) = ws.debt.get_mut("shared-db") {
                d.impact = v;
            }
        }
        Edit::Link(i) => {
            if let (Some(id), Some(d)) = (nth_key(&ws.systems, i), ws.debt.get_mut("shared-db"))
                && !d.links.contains(&id)
            {
                d.links.push(id);
            }
        }
    }
}

fn edited(base: &Workspace, edits: &[Edit]) -> Workspace {
    let mut ws = base.clone();
    for e in edits {
        apply(&mut ws, e);
    }
    ws
}

fn base_strategy() -> impl Strategy<Value = Workspace> {
    prop::collection::vec(edit(), 0..8).prop_map(|edits| edited(&small(), &edits))
}

fn sides() -> impl Strategy<Value = (Workspace, Workspace, Workspace)> {
    (
        base_strategy(),
        prop::collection::vec(edit(), 0..6),
        prop::collection::vec(edit(), 0..6),
    )
        .prop_map(|(b, x, y)| {
            let (ex, ey) = (edited(&b, &x), edited(&b, &y));
            (b, ex, ey)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn generated_workspaces_are_valid((b, x, y) in sides()) {
        for ws in [&b, &x, &y] {
            let errors: Vec<_> = validate(ws).into_iter().filter(|p| p.severity == Severity::Error).collect();
            prop_assert!(errors.is_empty(), "{errors:?}");
        }
    }

    #[test]
    fn merging_with_an_unchanged_side_gives_the_changed_side((b, x, y) in sides()) {
        let m = merge(&b, &x, &b).unwrap();
        prop_assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        prop_assert_eq!(m.workspace, x.clone());
        let m = merge(&b, &b, &y).unwrap();
        prop_assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        prop_assert_eq!(m.workspace, y);
        let m = merge(&b, &x, &x).unwrap();
        prop_assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        prop_assert_eq!(m.workspace, x);
    }

    #[test]
    fn non_conflicting_changes_commute((b, x, y) in sides()) {
        let xy = merge(&b, &x, &y);
        let yx = merge(&b, &y, &x);
        if let (Ok(xy), Ok(yx)) = (&xy, &yx) && xy.conflicts.is_empty() {
            prop_assert!(yx.conflicts.is_empty(), "{:?}", yx.conflicts);
            prop_assert_eq!(&xy.workspace, &yx.workspace);
        }
        // Whatever merges is valid.
        for m in [xy, yx].into_iter().flatten() {
            prop_assert!(validate(&m.workspace).iter().all(|p| p.severity != Severity::Error));
        }
    }
}

/// The generator is worth its properties: many cases change both sides, most of those merge
/// cleanly (so commutation is really tested) and some conflict.
#[test]
fn generated_sides_give_clean_and_conflicting_merges() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut clean, mut conflicting) = (0, 0);
    for _ in 0..200 {
        let (b, x, y) = sides().new_tree(&mut runner).unwrap().current();
        if x != b && y != b && x != y {
            match merge(&b, &x, &y) {
                Ok(m) if m.conflicts.is_empty() => clean += 1,
                _ => conflicting += 1,
            }
        }
    }
    assert!(
        clean >= 40 && conflicting >= 10,
        "clean {clean}, conflicting {conflicting}"
    );
}
