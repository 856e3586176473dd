use super::*;
use crate::model::*;

fn shop() -> Workspace {
    let mut ws = Workspace::new("Shop");
    for id in ["web", "catalog", "db"] {
        ws.systems.insert(id.into(), System::new(id, id));
    }
    for (a, b, t) in [
        ("web", "catalog", DependencyType::Sync),
        ("catalog", "db", DependencyType::Data),
    ] {
        let d = Dependency::new(a, b, t);
        ws.dependencies.insert(d.id(), d);
    }
    let mut debt = DebtItem::new("d1", "No timeout budget");
    debt.links = vec!["catalog".into(), "web->catalog:sync".into(), "web".into()];
    ws.debt.insert("d1".into(), debt);
    let fm = FailureMode::new(
        "f1",
        "Catalog down",
        Trigger {
            element: "catalog".into(),
            how: FailureHow::Down,
        },
    );
    ws.failure_modes.insert("f1".into(), fm);
    ws.decisions.insert(
        "c1".into(),
        Decision {
            id: "c1".into(),
            date: "2026-11-01".parse().unwrap(),
            decision: "Accept stale catalog for 5 min".into(),
            decided_by: "council".into(),
            trade_off: String::new(),
            links: vec!["catalog".into(), "d1".into()],
        },
    );
    assert!(validate(&ws).iter().all(|p| p.severity != Severity::Error));
    ws
}

#[test]
fn remove_system_cascades_and_undo_restores_everything() {
    let mut ws = shop();
    let before = ws.clone();
    let mut h = History::new();
    h.apply(
        &mut ws,
        Op::Remove(ItemRef::system("catalog")),
        "Remove catalog",
    )
    .unwrap();
    assert!(!ws.systems.contains_key("catalog"));
    assert!(
        ws.dependencies.is_empty(),
        "both dependencies touched catalog"
    );
    assert_eq!(ws.debt["d1"].links, vec!["web".to_string()]);
    assert_eq!(ws.failure_modes["f1"].trigger.element, "");
    assert_eq!(ws.decisions["c1"].links, vec!["d1".to_string()]);
    assert!(validate(&ws).iter().all(|p| p.severity != Severity::Error));
    assert!(h.is_dirty());
    assert_eq!(h.undo(&mut ws).unwrap().as_deref(), Some("Remove catalog"));
    assert_eq!(ws, before);
    assert!(!h.is_dirty());
    h.redo(&mut ws).unwrap();
    assert!(!ws.systems.contains_key("catalog"));
}

#[test]
fn add_rejects_duplicates_and_dangling_references() {
    let mut ws = shop();
    let before = ws.clone();
    let err = apply(&mut ws, Op::Add(System::new("web", "Web again").into())).unwrap_err();
    assert_eq!(
        err.to_string(),
        "a system with the id \"web\" already exists"
    );
    let err = apply(
        &mut ws,
        Op::Add(Dependency::new("web", "ghost", DependencyType::Sync).into()),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("system \"ghost\" does not exist"),
        "{err}"
    );
    let mut debt = DebtItem::new("d2", "x");
    debt.impact = 0;
    let err = apply(&mut ws, Op::Add(debt.into())).unwrap_err();
    assert!(err.to_string().contains("impact"), "{err}");
    assert_eq!(ws, before);
}

#[test]
fn update_requires_existing_and_undoes() {
    let mut ws = shop();
    let mut h = History::new();
    let mut web = ws.systems["web"].clone();
    web.owner = "Storefront team".into();
    h.apply(&mut ws, Op::Update(web.into()), "Edit web")
        .unwrap();
    assert_eq!(ws.systems["web"].owner, "Storefront team");
    h.undo(&mut ws).unwrap();
    assert_eq!(ws.systems["web"].owner, "");
    let err = apply(&mut ws, Op::Update(System::new("nope", "Nope").into())).unwrap_err();
    assert!(matches!(err, OpError::NotFound { .. }));
}

#[test]
fn batch_is_all_or_nothing() {
    let mut ws = shop();
    let before = ws.clone();
    let ops = vec![
        Op::Add(System::new("cache", "Cache").into()),
        Op::Add(System::new("cache", "Cache twice").into()),
    ];
    assert!(apply(&mut ws, Op::Batch(ops)).is_err());
    assert_eq!(ws, before);
}

#[test]
fn a_drag_is_one_undo_step() {
    let mut ws = shop();
    let mut h = History::new();
    for i in 0..30 {
        let moves = [("web".to_string(), Some(CanvasPos::new(i as f32, 0.0)))].into();
        h.apply_merging(&mut ws, Op::MoveSystems(moves), "Move web", "drag")
            .unwrap();
    }
    h.close_merge();
    assert_eq!(h.undo_len(), 1);
    assert_eq!(ws.systems["web"].pos, Some(CanvasPos::new(29.0, 0.0)));
    h.undo(&mut ws).unwrap();
    assert_eq!(ws.systems["web"].pos, None);
    h.redo(&mut ws).unwrap();
    assert_eq!(ws.systems["web"].pos, Some(CanvasPos::new(29.0, 0.0)));
}

#[test]
fn history_is_bounded_and_new_edit_clears_redo() {
    let mut ws = shop();
    let mut h = History::new();
    for i in 0..(HISTORY_LIMIT + 20) {
        h.apply(
            &mut ws,
            Op::Add(System::new(format!("s{i}"), "S").into()),
            "Add",
        )
        .unwrap();
    }
    assert_eq!(h.undo_len(), HISTORY_LIMIT);
    h.undo(&mut ws).unwrap();
    assert!(h.redo_label().is_some());
    h.apply(&mut ws, Op::Remove(ItemRef::system("web")), "Remove")
        .unwrap();
    assert!(h.redo_label().is_none());
}

#[test]
fn every_item_kind_round_trips_through_add_update_remove() {
    let mut ws = shop();
    let items: Vec<Item> = vec![
        System::new("queue", "Order queue")
            .with_kind(SystemKind::Queue)
            .into(),
        Dependency::new("web", "db", DependencyType::Batch).into(),
        DebtItem::new("d9", "Manual export").into(),
        FailureMode::new(
            "f9",
            "DB slow",
            Trigger {
                element: "db".into(),
                how: FailureHow::Slow,
            },
        )
        .into(),
        View {
            id: "v1".into(),
            name: "Core".into(),
            filters: Filters::default(),
            camera: None,
            highlighted: vec!["web".into()],
        }
        .into(),
        Scenario {
            id: "s1".into(),
            name: "Queue".into(),
            description: String::new(),
            added_systems: vec![],
            added_dependencies: vec![],
            removed: vec!["web->catalog:sync".into()],
        }
        .into(),
        ParkingLotItem {
            id: "p1".into(),
            question: "Who owns stock?".into(),
            raised_by: String::new(),
            links: vec![],
            created: None,
            answered: false,
            answer: String::new(),
        }
        .into(),
        AcceptedFinding {
            finding: "cycle:web".into(),
            reason: "known".into(),
            decision: Some("c1".into()),
        }
        .into(),
    ];
    for item in items {
        let r = item.item_ref();
        let before = ws.clone();
        let inverse = apply(&mut ws, Op::Add(item.clone())).unwrap();
        assert_ne!(ws, before, "{r:?}");
        apply(&mut ws, Op::Update(item)).unwrap();
        apply(&mut ws, inverse).unwrap();
        assert_eq!(ws, before, "{r:?}");
    }
}

#[test]
fn read_only_history_refuses_every_kind_of_edit_and_leaves_the_workspace_alone() {
    let mut ws = shop();
    let mut history = History::new();
    history
        .apply(&mut ws, Op::Add(System::new("a", "A").into()), "Add")
        .unwrap();
    history.undo(&mut ws).unwrap();
    history.set_read_only(true);
    let before = ws.clone();
    let ops = vec![
        Op::Add(System::new("b", "B").into()),
        Op::Update(System::new("web", "Web shop").into()),
        Op::Remove(ItemRef::system("catalog")),
        Op::SetMeta {
            title: "Other".into(),
            description: String::new(),
            timezone: String::new(),
        },
        Op::MoveSystems([("web".to_owned(), None)].into()),
        Op::PinSystems([("web".to_owned(), true)].into()),
        Op::Batch(vec![Op::Remove(ItemRef::system("db"))]),
        Op::Replace(Box::new(Workspace::new("Empty"))),
    ];
    for op in ops {
        assert_eq!(
            history.apply(&mut ws, op.clone(), "edit"),
            Err(OpError::ReadOnly),
            "{op:?}"
        );
        assert_eq!(
            history.apply_merging(&mut ws, op, "edit", "k"),
            Err(OpError::ReadOnly)
        );
    }
    assert_eq!(history.redo(&mut ws), Err(OpError::ReadOnly));
    assert_eq!(history.undo(&mut ws), Err(OpError::ReadOnly));
    assert_eq!(ws, before);
    assert!(!history.is_dirty());
    history.set_read_only(false);
    assert_eq!(history.redo(&mut ws), Ok(Some("Add".into())));
}

/// Found by the csv_import fuzz target: a CSV row added system "recs-no-breaker", which is also a
/// debt item's id; undoing the import removed the system and with it the decision's link to the
/// debt item, which no redo brings back.
#[test]
fn removing_a_system_keeps_links_to_another_item_with_the_same_id() {
    let original = crate::io::samples::builtin().unwrap();
    assert!(original.debt.contains_key("recs-no-breaker"));
    assert!(
        original.decisions["recs-may-disappear"]
            .links
            .contains(&"recs-no-breaker".to_owned())
    );
    let mut ws = original.clone();
    let add = Op::Add(System::new("recs-no-breaker", "Breaker").into());
    let undo = apply(&mut ws, add).unwrap();
    apply(&mut ws, undo).unwrap();
    assert_eq!(
        ws.decisions["recs-may-disappear"].links,
        original.decisions["recs-may-disappear"].links
    );
    assert!(ws == original, "undo does not restore the workspace");
}
