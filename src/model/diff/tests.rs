use std::path::Path;

use super::*;
use crate::io::load_str;
use crate::model::{CanvasPos, DebtItem, Dependency, DependencyType, Severity, System, validate};

const GOLDEN: &str = include_str!("../../../tests/fixtures/format/every-field.ron");

fn golden() -> Workspace {
    load_str(GOLDEN, Path::new("every-field.ron")).unwrap().0
}

/// Three systems, two calls and a debt item.
pub(super) fn small() -> Workspace {
    let mut ws = Workspace::new("Shop");
    for (id, name) in [
        ("orders", "Orders service"),
        ("pay", "Payments"),
        ("db", "Orders DB"),
    ] {
        let mut s = System::new(id, name);
        s.owner = "Team A".into();
        ws.systems.insert(id.into(), s);
    }
    for (from, to) in [("orders", "pay"), ("orders", "db")] {
        let d = Dependency::new(from, to, DependencyType::Sync);
        ws.dependencies.insert(d.id(), d);
    }
    let mut debt = DebtItem::new("shared-db", "Shared database");
    debt.links = vec!["db".into()];
    ws.debt.insert(debt.id.clone(), debt);
    ws
}

#[test]
fn a_workspace_equals_itself() {
    let ws = golden();
    assert!(diff(&ws, &ws.clone(), Options::default()).is_empty());
    assert_eq!(
        text(&diff(&ws, &ws, Options::default())),
        "no differences\n"
    );
}

#[test]
fn every_item_of_the_golden_file_is_listed_when_it_goes() {
    let ws = golden();
    let d = diff(&ws, &Workspace::new(ws.title.clone()), Options::default());
    let removed = d
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Removed)
        .count();
    let total = ws.systems.len()
        + ws.dependencies.len()
        + ws.debt.len()
        + ws.failure_modes.len()
        + ws.views.len()
        + ws.scenarios.len()
        + ws.roadmap.len()
        + ws.parking_lot.len()
        + ws.decisions.len()
        + ws.accepted_findings.len();
    assert_eq!(removed, total);
    // Every collection of the golden file holds something, so each is compared.
    for c in [
        Collection::System,
        Collection::Dependency,
        Collection::Debt,
        Collection::FailureMode,
        Collection::View,
        Collection::Scenario,
        Collection::Phase,
        Collection::ParkingLot,
        Collection::Decision,
        Collection::AcceptedFinding,
    ] {
        assert!(d.changes.iter().any(|x| x.collection == c), "{c:?}");
    }
}

#[test]
fn a_changed_field_is_named_with_old_and_new_values_and_names_not_ids() {
    let a = small();
    let mut b = a.clone();
    b.systems.get_mut("orders").unwrap().owner = "Team B".into();
    b.title = "Shop 2".into();
    let d = diff(&a, &b, Options::default());
    let out = text(&d);
    assert!(
        out.contains("~ system Orders service: owner 'Team A' → 'Team B'"),
        "{out}"
    );
    assert!(
        out.contains("~ workspace Shop 2: title 'Shop' → 'Shop 2'"),
        "{out}"
    );
    assert!(!out.contains("orders:"), "{out}");
    assert!(out.ends_with("2 changed\n"), "{out}");
    let md = markdown(&d);
    assert!(md.contains("| changed | system | Orders service | owner | 'Team A' | 'Team B' |"));
}

#[test]
fn added_and_removed_dependencies_are_named_by_their_systems() {
    let a = small();
    let mut b = a.clone();
    b.dependencies.remove("orders->pay:sync");
    let d = Dependency::new("pay", "db", DependencyType::Data);
    b.dependencies.insert(d.id(), d);
    let out = text(&diff(&a, &b, Options::default()));
    assert!(
        out.contains("- removed dependency Orders service → Payments (sync)"),
        "{out}"
    );
    assert!(
        out.contains("+ added dependency Payments → Orders DB (data)"),
        "{out}"
    );
}

#[test]
fn a_move_is_its_own_change_and_can_be_ignored() {
    let a = small();
    let mut b = a.clone();
    let s = b.systems.get_mut("pay").unwrap();
    s.pos = Some(CanvasPos::new(10.0, 20.0));
    s.tech = "Go".into();
    let d = diff(&a, &b, Options::default());
    let kinds: Vec<ChangeKind> = d.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ChangeKind::Changed, ChangeKind::Moved]);
    assert_eq!(d.changes[1].fields[0].new, "(10, 20)");
    let quiet = diff(
        &a,
        &b,
        Options {
            ignore_positions: true,
        },
    );
    assert_eq!(quiet.changes.len(), 1);
    assert_eq!(quiet.changes[0].fields[0].field, "tech");
    b.systems.get_mut("pay").unwrap().tech = String::new();
    assert!(
        diff(
            &a,
            &b,
            Options {
                ignore_positions: true
            }
        )
        .is_empty()
    );
}

#[test]
fn json_names_kind_and_fields() {
    let a = small();
    let mut b = a.clone();
    b.debt.get_mut("shared-db").unwrap().impact = 5;
    let json = serde_json::to_value(diff(&a, &b, Options::default())).unwrap();
    let c = &json["changes"][0];
    assert_eq!(c["collection"], "debt");
    assert_eq!(c["kind"], "changed");
    assert_eq!(c["fields"][0]["field"], "impact");
    assert_eq!(c["fields"][0]["old"], "3");
    assert_eq!(c["fields"][0]["new"], "5");
}

#[test]
fn one_sided_changes_merge_cleanly_and_both_sides_changes_conflict() {
    let base = small();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.systems.get_mut("orders").unwrap().tech = "Rust".into();
    theirs.systems.get_mut("orders").unwrap().notes = "legacy".into();
    let m = merge(&base, &ours, &theirs).unwrap();
    assert!(m.conflicts.is_empty());
    assert_eq!(m.workspace.systems["orders"].tech, "Rust");
    assert_eq!(m.workspace.systems["orders"].notes, "legacy");

    ours.systems.get_mut("pay").unwrap().owner = "Team O".into();
    theirs.systems.get_mut("pay").unwrap().owner = "Team T".into();
    let m = merge(&base, &ours, &theirs).unwrap();
    assert_eq!(m.conflicts.len(), 1);
    let c = &m.conflicts[0];
    assert_eq!(
        (c.kind, c.name.as_str()),
        (ConflictKind::BothChanged, "Payments")
    );
    assert_eq!(
        c.fields,
        [FieldChange {
            field: "owner",
            old: "'Team O'".into(),
            new: "'Team T'".into()
        }]
    );
    assert_eq!(m.workspace.systems["pay"].owner, "Team O");
    let out = conflicts_text(&m.conflicts);
    assert!(
        out.contains("owner: ours 'Team O' | theirs 'Team T'"),
        "{out}"
    );
}

#[test]
fn deleted_on_one_side_and_edited_on_the_other_is_a_conflict() {
    let base = small();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.debt.remove("shared-db");
    theirs.debt.get_mut("shared-db").unwrap().impact = 5;
    let m = merge(&base, &ours, &theirs).unwrap();
    assert_eq!(m.conflicts[0].kind, ConflictKind::DeletedByUs);
    assert!(!m.workspace.debt.contains_key("shared-db"));
    let m = merge(&base, &theirs, &ours).unwrap();
    assert_eq!(m.conflicts[0].kind, ConflictKind::DeletedByThem);
    assert_eq!(m.workspace.debt["shared-db"].impact, 5);
}

#[test]
fn a_dependency_on_a_system_the_other_side_deleted_is_dropped_and_reported() {
    let base = small();
    let mut ours = base.clone();
    ours.systems.remove("pay");
    ours.dependencies.remove("orders->pay:sync");
    let mut theirs = base.clone();
    let d = Dependency::new("pay", "db", DependencyType::Data);
    theirs.dependencies.insert(d.id(), d);
    theirs
        .debt
        .get_mut("shared-db")
        .unwrap()
        .links
        .push("pay".into());
    let m = merge(&base, &ours, &theirs).unwrap();
    assert!(!m.workspace.dependencies.contains_key("pay->db:data"));
    assert_eq!(m.workspace.debt["shared-db"].links, ["db"]);
    let dangling: Vec<&str> = m
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::Dangling)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(dangling, ["pay->db:data", "shared-db"]);
    assert!(
        validate(&m.workspace)
            .iter()
            .all(|p| p.severity != Severity::Error)
    );
}

#[test]
fn a_merge_that_cannot_be_made_valid_is_refused() {
    let base = small();
    let mut ours = base.clone();
    ours.systems.insert("mq".into(), System::new("mq", "Queue"));
    let mut theirs = base.clone();
    let scenario = crate::model::Scenario {
        id: "queue".into(),
        name: "Queue".into(),
        description: String::new(),
        added_systems: vec![System::new("mq", "Queue")],
        added_dependencies: Vec::new(),
        removed: Vec::new(),
    };
    theirs.scenarios.insert("queue".into(), scenario);
    assert!(
        validate(&ours)
            .iter()
            .all(|p| p.severity != Severity::Error)
    );
    assert!(
        validate(&theirs)
            .iter()
            .all(|p| p.severity != Severity::Error)
    );
    let problems = merge(&base, &ours, &theirs).unwrap_err();
    assert!(!problems.is_empty());
}

/// Unrelated maps (every sample against every other, in every role) never panic: a merge is
/// either valid or refused with its problems, and a diff one way mirrors the other way.
#[test]
fn samples_in_every_role_merge_validly_or_are_refused() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut maps = vec![golden(), Workspace::new("")];
    for name in [
        "ecommerce-cascade.ron",
        "manufacturing-erp.ron",
        "trading-before.ron",
        "trading-after.ron",
    ] {
        maps.push(crate::io::load_file(&dir.join(name)).unwrap().0);
    }
    for a in &maps {
        for b in &maps {
            let ab = diff(a, b, Options::default());
            let ba = diff(b, a, Options::default());
            let count = |d: &WorkspaceDiff, k| d.changes.iter().filter(|c| c.kind == k).count();
            assert_eq!(
                count(&ab, ChangeKind::Added),
                count(&ba, ChangeKind::Removed)
            );
            assert_eq!(count(&ab, ChangeKind::Moved), count(&ba, ChangeKind::Moved));
            assert_eq!(ab.is_empty(), a == b);
            for c in &maps {
                if let Ok(m) = merge(a, b, c) {
                    assert!(
                        validate(&m.workspace)
                            .iter()
                            .all(|p| p.severity != Severity::Error)
                    );
                }
            }
        }
    }
}

#[test]
fn a_change_the_readable_text_leaves_out_still_shows() {
    let a = small();
    let mut b = a.clone();
    b.systems.get_mut("db").unwrap().review.timing = true;
    let d = diff(&a, &b, Options::default());
    assert_eq!(d.changes[0].fields[0].old, "[]");
    assert_eq!(d.changes[0].fields[0].new, "[timing]");
    // Positions read in whole units; a move by a fraction is still shown, in full.
    let mut a = small();
    a.systems.get_mut("db").unwrap().pos = Some(CanvasPos::new(10.0, 0.0));
    let mut b = a.clone();
    b.systems.get_mut("db").unwrap().pos = Some(CanvasPos::new(10.25, 0.0));
    let d = diff(&a, &b, Options::default());
    let f = &d.changes[0].fields[0];
    assert_eq!(d.changes[0].kind, ChangeKind::Moved);
    assert_ne!(f.old, f.new);
    assert!(f.new.contains("10.25"), "{f:?}");
}

/// The backdrop photo is a workspace field like the title: placed on one side, it is a change;
/// placed on one side only, it merges.
#[test]
fn a_placed_backdrop_is_a_change_and_merges() {
    let a = small();
    let mut b = a.clone();
    b.backdrop = Some(crate::model::Backdrop::new("whiteboard.jpg"));
    let out = text(&diff(&a, &b, Options::default()));
    assert!(out.contains("backdrop none → 'whiteboard.jpg'"), "{out}");
    let merged = super::merge::merge(&a, &a, &b).unwrap();
    assert_eq!(merged.workspace.backdrop, b.backdrop);
}
