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

#[test]
fn analysis_columns_round_trip_through_export() {
    use crate::model::{Load, LoadUnit};
    let mut ws = Workspace::new("T");
    let mut api = System::new("api", "API");
    api.owner = "Team API".into();
    api.group = "Shop".into();
    api.criticality = Criticality::Critical;
    api.capacity = Some(Load {
        value: 1500.0,
        unit: LoadUnit::RequestsPerSec,
    });
    api.peak_load = Some(Load {
        value: 800.5,
        unit: LoadUnit::RequestsPerSec,
    });
    ws.systems.insert("api".into(), api);
    ws.systems.insert(
        "otel".into(),
        System::new("otel", "Collector").with_kind(SystemKind::Observability),
    );
    let mut call = Dependency::new("api", "otel", DependencyType::Sync);
    call.timeout_ms = Some(2500);
    call.retries = 3;
    call.calls_per_request = 4;
    call.circuit_breaker = true;
    call.blocking = Some(true);
    call.fallback = true;
    ws.dependencies.insert(call.id(), call);
    let plain = Dependency::new("otel", "api", DependencyType::Data);
    ws.dependencies.insert(plain.id(), plain);

    let dir = tempfile::tempdir().unwrap();
    let n = write(
        dir.path(),
        "n.csv",
        &crate::io::export::nodes_csv(&ws).unwrap(),
    );
    let e = write(
        dir.path(),
        "e.csv",
        &crate::io::export::edges_csv(&ws).unwrap(),
    );
    let (back, summary) = import_new("T", Some(&n), Some(&e)).unwrap();
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    assert_eq!(back.systems, ws.systems);
    assert_eq!(back.dependencies, ws.dependencies);
}

#[test]
fn bad_analysis_values_name_their_cell_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let n = write(
        dir.path(),
        "n.csv",
        "id,capacity,peak\na,lots,\nb,500 parsecs,\nc,,-3 queries\nd,\"1,500 queries\",20 queries\n",
    );
    let e = write(
        dir.path(),
        "e.csv",
        "source,target,timeout_ms,retries,calls_per_request,circuit_breaker,blocking,fallback\n\
         a,b,0,,,,,\n\
         a,c,,-1,0,maybe,,\n\
         a,d,100,2,3,yes,no,1\n",
    );
    let mut ws = Workspace::new("T");
    let msg = import_into(&mut ws, Some(&n), Some(&e))
        .unwrap_err()
        .to_string();
    for expected in [
        "n.csv:2:2: capacity \"lots\": expected a number and a unit",
        "n.csv:3:2: capacity \"500 parsecs\": unknown load unit \"parsecs\"",
        "n.csv:4:3: peak \"-3 queries\": \"-3\" is not a number of at least 0",
        "e.csv:2:3: timeout_ms \"0\": must be at least 1 (leave it empty when there is no timeout)",
        "e.csv:3:4: retries \"-1\": is not a whole number from 0 to 4294967295",
        "e.csv:3:5: calls_per_request \"0\": must be at least 1",
        "e.csv:3:6: circuit_breaker \"maybe\": expected true or false",
    ] {
        assert!(msg.contains(expected), "{expected}\n{msg}");
    }
    assert_eq!(msg.lines().count(), 7, "{msg}");
    assert_eq!(ws, Workspace::new("T"));
    // The good rows alone import, with their values.
    let n = write(
        dir.path(),
        "n.csv",
        "id,capacity,peak\nd,\"1,500 queries\",20 queries\n",
    );
    let e = write(
        dir.path(),
        "e.csv",
        "source,target,timeout_ms,retries,calls_per_request,circuit_breaker,blocking,fallback\n\
         a,d,100,2,3,yes,no,1\n",
    );
    let (ws, _) = import_new("T", Some(&n), Some(&e)).unwrap();
    assert_eq!(ws.systems["d"].capacity.map(|l| l.value), Some(1500.0));
    let d = &ws.dependencies["a->d:sync"];
    assert_eq!(
        (
            d.timeout_ms,
            d.retries,
            d.calls_per_request,
            d.circuit_breaker,
            d.blocking,
            d.fallback
        ),
        (Some(100), 2, 3, true, Some(false), true)
    );
}

#[test]
fn new_systems_without_a_kind_take_the_one_their_name_says() {
    let dir = tempfile::tempdir().unwrap();
    let n = write(
        dir.path(),
        "n.csv",
        "id,label,kind\norders-db,Orders DB,\nbilling,Billing,\nledger,Jaeger,service\n",
    );
    let e = write(
        dir.path(),
        "e.csv",
        "source,target\nbilling,otel-collector\n",
    );
    let (ws, _) = import_new("T", Some(&n), Some(&e)).unwrap();
    let kind = |id: &str| ws.systems[id].kind;
    assert_eq!(kind("orders-db"), SystemKind::Database);
    assert_eq!(kind("billing"), SystemKind::Service);
    // A kind written in the CSV wins over the name.
    assert_eq!(kind("ledger"), SystemKind::Service);
    // Created from the edges alone, by its id.
    assert_eq!(kind("otel-collector"), SystemKind::Observability);
    // An existing system keeps its kind.
    let mut ws = ws;
    let n = write(dir.path(), "n.csv", "id,label\nbilling,Billing database\n");
    import_into(&mut ws, Some(&n), None).unwrap();
    assert_eq!(ws.systems["billing"].kind, SystemKind::Service);
}

#[test]
fn formula_cells_are_guarded_on_export_and_read_back_exactly() {
    use crate::model::{Load, LoadUnit};
    let names = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+1 Service",
        "-minus",
        "@SUM(A1)",
        "\tTabbed",
        "'quoted",
        "'=already guarded looking",
        "''+two quotes",
        "plain",
    ];
    let mut ws = Workspace::new("T");
    for (i, name) in names.iter().enumerate() {
        let id = format!("s{i}");
        let mut s = System::new(id.clone(), *name);
        s.owner = "=cmd|' /C calc'!A0".into();
        ws.systems.insert(id, s);
    }
    ws.systems.get_mut("s0").unwrap().capacity = Some(Load {
        value: 1500.0,
        unit: LoadUnit::RequestsPerSec,
    });
    let mut d = Dependency::new("s0", "s1", DependencyType::Sync);
    d.notes = "-- dashes".into();
    ws.dependencies.insert(d.id(), d);

    let nodes = crate::io::export::nodes_csv(&ws).unwrap();
    let mut rdr = csv::Reader::from_reader(nodes.as_bytes());
    for record in rdr.records() {
        let record = record.unwrap();
        for cell in &record {
            let first = cell.trim_start_matches('\'').chars().next();
            assert!(
                cell.starts_with('\'')
                    || !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                "unguarded cell {cell:?}"
            );
        }
    }
    assert!(nodes.contains("'=HYPERLINK"), "{nodes}");
    // A negative number is guarded too (OWASP: `-5` could start a formula); the import strips it.
    assert_eq!(&*crate::io::export::guard(b"-5"), b"'-5");
    assert_eq!(crate::io::export::unguard("'-5"), "-5");
    assert_eq!(crate::io::export::unguard("'plain"), "'plain");
    assert!(
        nodes.contains(",'quoted,"),
        "a plain leading ' is not doubled: {nodes}"
    );
    assert!(nodes.contains(",'''+two quotes,"), "{nodes}");

    let dir = tempfile::tempdir().unwrap();
    let n = write(dir.path(), "n.csv", &nodes);
    let e = write(
        dir.path(),
        "e.csv",
        &crate::io::export::edges_csv(&ws).unwrap(),
    );
    let (back, _) = import_new("T", Some(&n), Some(&e)).unwrap();
    for (i, name) in names.iter().enumerate() {
        let s = &back.systems[&format!("s{i}")];
        // Exactly as written, even the tab of "\tTabbed" (the guard keeps it from the trim).
        assert_eq!(s.name, *name, "system s{i}");
        assert_eq!(s.owner, "=cmd|' /C calc'!A0");
    }
    assert_eq!(back.systems["s0"].capacity.map(|l| l.value), Some(1500.0));
    assert_eq!(back.dependencies["s0->s1:sync"].notes, "-- dashes");
}
