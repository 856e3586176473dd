use super::*;
use crate::model::{AsyncRole, SystemKind};

fn dot(text: &str) -> Found {
    read(Path::new("g.dot"), text).unwrap()
}

fn deps(f: &Found) -> Vec<String> {
    f.dependencies
        .iter()
        .map(|d| format!("{}->{}:{}", d.from, d.to, d.kind))
        .collect()
}

#[test]
fn nodes_edges_chains_and_attributes() {
    let f = dot(r#"
// a comment
digraph "Shop" {
  rankdir=LR; node [shape=box]
  /* block
     comment */
  web [label="Web\nshop"];
  db [shape=cylinder, label=<Orders <b>DB</b> &amp; more>]
  web -> api -> db [label="reads"]
  {web api} -> "log sink" [style=dashed]
  api:p1:n -> bus:w
  bus [shape=cylinder label="Kafka topic"]
  bus -> billing
  api -> batch [class="timing"]
}
"#);
    let names: Vec<(&str, &str)> = f
        .systems
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("web", "Web shop"),
            ("db", "Orders DB & more"),
            ("api", "api"),
            ("log-sink", "log sink"),
            ("bus", "Kafka topic"),
            ("billing", "billing"),
            ("batch", "batch"),
        ]
    );
    assert_eq!(f.system("db").unwrap().kind, Some(SystemKind::Database));
    assert_eq!(f.system("bus").unwrap().kind, Some(SystemKind::Queue));
    assert_eq!(
        deps(&f),
        [
            "web->api:sync",
            "api->db:data",
            "web->log-sink:async",
            "api->log-sink:async",
            "api->bus:async",
            "billing->bus:async",
            "api->batch:timing",
        ]
    );
    assert_eq!(f.dependencies[1].label, "reads");
    assert_eq!(f.dependencies[5].role, Some(AsyncRole::Consumes));
    assert_eq!(
        f.dependencies[0].sources[0].to_string(),
        "g.dot:9 web -> api -> db [label=\"reads\"]"
    );
}

#[test]
fn clusters_are_groups_with_their_label_set_anywhere() {
    let f = dot(r#"graph {
  subgraph cluster_back {
    a -- b
    subgraph cluster_inner { c }
    label = "Back office"
  }
  subgraph cluster_front { x }
  subgraph ranks { rank=same; y }
  x -- a
}"#);
    let group = |id: &str| f.system(id).unwrap().group.clone();
    assert_eq!(group("a"), "Back office");
    assert_eq!(group("c"), "inner");
    assert_eq!(group("x"), "front");
    assert_eq!(group("y"), "");
    assert_eq!(deps(&f), ["a->b:sync", "x->a:sync"]);
}

#[test]
fn invisible_edges_both_way_edges_and_html_first_lines() {
    let f = dot(r#"digraph {
  a [label=<Orders<BR/><FONT POINT-SIZE="10">Takes &amp; keeps orders</FONT>>]
  subgraph cluster_x { label=<Back<BR/>office>; b }
  a -> b [style=invis]
  a -> b [dir=both]
  b -> c [style="dashed,invis"]
}"#);
    assert_eq!(f.system("a").unwrap().name, "Orders");
    assert_eq!(f.system("a").unwrap().description, "Takes & keeps orders");
    assert_eq!(f.system("b").unwrap().group, "Back");
    assert_eq!(deps(&f), ["a->b:sync", "b->a:sync"]);
}

#[test]
fn quoted_ids_escapes_and_concatenation() {
    let f = dot(
        "strict digraph { \"say \\\"hi\\\"\" -> \"a\" + \"b\"; \"graph\" -> n2 [label=\"x\\ly\"]; \"[root] provider[\\\"aws\\\"]\" }",
    );
    let names: Vec<&str> = f.systems.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "say \"hi\"",
            "ab",
            "graph",
            "n2",
            "[root] provider[\"aws\"]"
        ]
    );
    assert_eq!(f.dependencies[1].label, "x y");
}

#[test]
fn errors_say_the_line_and_nothing_panics() {
    let err = |t: &str| read(Path::new("g.dot"), t).unwrap_err().to_string();
    assert_eq!(
        err("digraph {\n a -> \n}"),
        "g.dot:3: expected an id, found \"}\""
    );
    assert_eq!(
        err("digraph {\n a [label=\"x]\n}"),
        "g.dot:2: a quoted id is not closed"
    );
    assert_eq!(
        err("flowchart LR"),
        "g.dot:1: expected \"graph\" or \"digraph\", found \"flowchart\""
    );
    assert_eq!(
        err("digraph { a [b=<c>"),
        "g.dot:1: expected an id before the end of the file"
    );
    let deep = format!("digraph {{ {} }}", "subgraph { ".repeat(500));
    assert!(err(&deep).contains("nest deeper than 200"));
    for junk in [
        "",
        "{",
        "digraph",
        "digraph {",
        "digraph { <",
        "digraph { a -> { b",
        "digraph { a:b:c:d }",
        "graph { - }",
        "digraph { \"a\" + }",
        "digraph { a [=] }",
        "digraph{/*",
    ] {
        let _ = read(Path::new("g.dot"), junk);
    }
    assert!(looks_like(
        Path::new("x.txt"),
        "/* c { */\nstrict digraph \"G{\"\n{ a }"
    ));
    assert!(looks_like(Path::new("x.txt"), "graph {"));
    assert!(!looks_like(Path::new("x.txt"), "flowchart LR"));
    assert!(!looks_like(
        Path::new("x.txt"),
        "graph TD\n  a{Decide} --> b"
    ));
}
