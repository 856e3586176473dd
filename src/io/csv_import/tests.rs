use super::*;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn imports_nodes_and_edges_with_quoting() {
    let dir = tempfile::tempdir().unwrap();
    let n = write(
        dir.path(),
        "n.csv",
        "id,label,kind,tech\nshop,\"Shop, \"\"web\"\"\",ui,React\ndb,Orders DB,database,\n",
    );
    let e = write(
        dir.path(),
        "e.csv",
        "source,target,type,protocol,notes\nshop,db,data,SQL,\"multi\nline\"\n",
    );
    let (ws, summary) = import_new("T", Some(&n), Some(&e)).unwrap();
    assert_eq!(ws.systems["shop"].name, "Shop, \"web\"");
    assert_eq!(ws.systems["shop"].kind, SystemKind::Ui);
    assert_eq!(ws.dependencies["shop->db:data"].notes, "multi\nline");
    assert_eq!(summary.systems_added, 2);
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    assert!(ws.systems.values().all(|s| s.pos.is_none()));
}

#[test]
fn errors_carry_path_and_line_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let n = write(dir.path(), "n.csv", "id\na\n");
    let e = write(
        dir.path(),
        "e.csv",
        "source,target,type\na,b,sync\na,c,telepathy\n",
    );
    let mut ws = Workspace::new("T");
    let err = import_into(&mut ws, Some(&n), Some(&e)).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("e.csv:3: unknown dependency type \"telepathy\""),
        "{msg}"
    );
    assert_eq!(ws, Workspace::new("T"));
}

#[test]
fn missing_column_and_short_row() {
    let dir = tempfile::tempdir().unwrap();
    let e = write(dir.path(), "e.csv", "source,type\na,sync\n");
    let msg = import_new("T", None, Some(&e)).unwrap_err().to_string();
    assert!(msg.contains("e.csv:1: missing column target"), "{msg}");
    let n = write(dir.path(), "n.csv", "id,label\na,A\nb\n");
    let msg = import_new("T", Some(&n), None).unwrap_err().to_string();
    assert!(
        msg.contains("n.csv:3: this row has 1 fields but the header has 2"),
        "{msg}"
    );
}

#[test]
fn unknown_nodes_are_created_and_repeats_merged_with_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let n = write(dir.path(), "n.csv", "id,kind\na,lambda\n");
    let e = write(
        dir.path(),
        "e.csv",
        "source,target,type,protocol,notes,role\na,q,async,,,consumes\na,q,async,AMQP,,\n",
    );
    let (ws, summary) = import_new("T", Some(&n), Some(&e)).unwrap();
    let text: Vec<String> = summary.warnings.iter().map(ToString::to_string).collect();
    assert!(
        text.iter()
            .any(|w| w.contains("n.csv:2: unknown system kind \"lambda\"")
                && w.contains("using \"other\"")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|w| w.contains("e.csv:3: dependency a->q:async repeats line 2")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|w| w.contains("system \"q\" is not in the nodes")),
        "{text:?}"
    );
    let d = &ws.dependencies["a->q:async"];
    assert_eq!(
        (d.protocol.as_str(), d.role),
        ("AMQP", Some(AsyncRole::Consumes))
    );
    assert_eq!(ws.systems["a"].kind, SystemKind::Other);
}

#[test]
fn ids_keep_unicode_letters() {
    let dir = tempfile::tempdir().unwrap();
    let n = write(dir.path(), "n.csv", "id,label\nÜber Straße,Route\n");
    let e = write(
        dir.path(),
        "e.csv",
        "source,target\nÜber Straße,Zürich Lager\n",
    );
    let (ws, summary) = import_new("T", Some(&n), Some(&e)).unwrap();
    let ids: Vec<&str> = ws.systems.keys().map(String::as_str).collect();
    assert_eq!(ids, ["zürich-lager", "über-straße"]);
    assert_eq!(ws.systems["über-straße"].name, "Route");
    assert_eq!(ws.systems["zürich-lager"].name, "zürich-lager");
    assert!(
        ws.dependencies
            .contains_key("über-straße->zürich-lager:sync")
    );
    let text: Vec<String> = summary.warnings.iter().map(ToString::to_string).collect();
    assert!(
        text.iter()
            .any(|w| w
                .contains("n.csv:2: id \"Über Straße\" is not a valid id; using \"über-straße\"")),
        "{text:?}"
    );
    assert!(crate::model::validate(&ws).is_empty());
}

#[test]
fn repeated_header_column_is_an_error_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let n = write(dir.path(), "n.csv", "id,label,Label\na,A,B\n");
    let mut ws = Workspace::new("T");
    let err = import_into(&mut ws, Some(&n), None).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("n.csv:1: column \"label\" appears twice (columns 2 and 3)"),
        "{msg}"
    );
    assert_eq!(ws, Workspace::new("T"));
    let e = write(dir.path(), "e.csv", "source,target,source\na,b,c\n");
    let msg = import_new("T", None, Some(&e)).unwrap_err().to_string();
    assert!(
        msg.contains("e.csv:1: column \"source\" appears twice (columns 1 and 3)"),
        "{msg}"
    );
    // Columns that are not imported may repeat (spreadsheets add empty ones at the end).
    let n = write(dir.path(), "n.csv", "id,label,,,note,note\na,A,,,x,y\n");
    let (ws, _) = import_new("T", Some(&n), None).unwrap();
    assert_eq!(ws.systems["a"].name, "A");
}

#[test]
fn a_byte_order_mark_before_the_header_is_not_part_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let n = write(dir.path(), "n.csv", "\u{feff}id,label\na,A\n");
    let (ws, summary) = import_new("T", Some(&n), None).unwrap();
    assert_eq!(ws.systems["a"].name, "A");
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
}

#[test]
fn merge_into_keeps_positions_and_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::new("T");
    let mut a = System::new("a", "A");
    a.pos = Some(crate::model::CanvasPos::new(5.0, 6.0));
    a.owner = "Team A".into();
    ws.systems.insert("a".into(), a);
    let n = write(dir.path(), "n.csv", "id,label,tech\na,,Rust\nb,B,\n");
    let e = write(dir.path(), "e.csv", "source,target\nb,a\n");
    let (_, summary) = import_into(&mut ws, Some(&n), Some(&e)).unwrap();
    let a = &ws.systems["a"];
    assert_eq!(
        (a.name.as_str(), a.tech.as_str(), a.owner.as_str()),
        ("A", "Rust", "Team A")
    );
    assert_eq!(a.pos, Some(crate::model::CanvasPos::new(5.0, 6.0)));
    assert_eq!(
        (
            summary.systems_added,
            summary.systems_updated,
            summary.dependencies_added
        ),
        (1, 1, 1)
    );
}
