use super::*;
use crate::model::AsyncRole;
use crate::model::DependencyType as T;

fn read_mmd(text: &str) -> Found {
    read(Path::new("map.mmd"), text).unwrap()
}

fn deps(f: &Found) -> Vec<String> {
    f.dependencies
        .iter()
        .map(|d| format!("{}->{}:{}", d.from, d.to, d.kind))
        .collect()
}

#[test]
fn shapes_labels_and_arrow_styles() {
    let f = read_mmd(
        "flowchart LR\n\
         %% a comment\n\
         web[Web shop] --> api(Orders API)\n\
         api ==> db[(Orders DB)]\n\
         api -.-> bus>Order events]:::queue\n\
         api -- looks up --> cust{{Customers}}\n\
         api -->|\"timing: before 06:00\"| batch((Nightly))\n\
         web --- cdn([CDN]) ~~~ api\n",
    );
    let names: Vec<(&str, &str)> = f
        .systems
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("web", "Web shop"),
            ("api", "Orders API"),
            ("db", "Orders DB"),
            ("bus", "Order events"),
            ("cust", "Customers"),
            ("batch", "Nightly"),
            ("cdn", "CDN"),
        ]
    );
    assert_eq!(f.system("db").unwrap().kind, Some(SystemKind::Database));
    assert_eq!(f.system("bus").unwrap().kind, Some(SystemKind::Queue));
    assert_eq!(
        deps(&f),
        [
            "web->api:sync",
            "api->db:data",
            "api->bus:async",
            "api->cust:sync",
            "api->batch:timing",
            "web->cdn:data",
        ]
    );
    assert_eq!(f.dependencies[3].label, "looks up");
    assert_eq!(f.dependencies[4].label, "before 06:00");
    assert_eq!(
        f.dependencies[0].sources[0].to_string(),
        "map.mmd:3 web[Web shop] --> api(Orders API)"
    );
}

#[test]
fn chains_ampersands_both_ways_and_semicolons() {
    let f = read_mmd("graph TD; a --> b --> c; x & y --> z & w\np <--> q\nr o--o s");
    assert_eq!(
        deps(&f),
        [
            "a->b:sync",
            "b->c:sync",
            "x->z:sync",
            "x->w:sync",
            "y->z:sync",
            "y->w:sync",
            "p->q:sync",
            "q->p:sync",
            "r->s:sync",
            "s->r:sync",
        ]
    );
}

#[test]
fn subgraphs_are_groups_and_a_queue_delivers_to_its_consumers() {
    let f = read_mmd(
        "graph TD\n\
         subgraph shop [Web shop]\n\
           subgraph pad [ ]\n\
             front --> kafka[(Kafka topic)]\n\
           end\n\
         end\n\
         subgraph Back office\n\
           kafka --> billing\n\
         end\n\
         click billing \"https://evil.example\" _blank\n\
         classDef x fill:#fff\n\
         style front fill:#f00\n",
    );
    assert_eq!(f.system("front").unwrap().group, "Web shop");
    assert_eq!(f.system("kafka").unwrap().kind, Some(SystemKind::Queue));
    assert_eq!(f.system("billing").unwrap().group, "Back office");
    assert_eq!(deps(&f), ["front->kafka:async", "billing->kafka:async"]);
    assert_eq!(f.dependencies[1].role, Some(AsyncRole::Consumes));
    assert_eq!(f.skipped.len(), 1);
    assert!(
        f.skipped[0].to_string().contains("map.mmd:10"),
        "{:?}",
        f.skipped
    );
}

#[test]
fn a_markdown_file_reads_every_mermaid_block_with_its_own_lines() {
    let md = "# Title\n\n```mermaid\ngraph LR\n  a --> b\n```\n\ntext\n\n```mermaid\nsequenceDiagram\n  a->>b: hi\n```\n\n```mermaid\nflowchart TB\n  b -.->|publishes| c\n```\n";
    let f = read(Path::new("README.md"), md).unwrap();
    assert_eq!(deps(&f), ["a->b:sync", "b->c:async"]);
    assert_eq!(f.dependencies[1].sources[0].line, Some(17));
    assert_eq!(f.warnings.len(), 1);
    assert!(
        f.warnings[0].to_string().contains("README.md:11"),
        "{:?}",
        f.warnings
    );
    assert!(looks_like(Path::new("README.md"), md));
    assert!(!looks_like(Path::new("README.md"), "# no diagrams"));
    assert!(looks_like(Path::new("x.txt"), "%% c\ngraph TD\n a-->b"));
    assert!(looks_like(Path::new("x.txt"), "flowchart\n a-->b"));
    assert!(!looks_like(Path::new("x.txt"), "graph G {\n a -- b }"));
    assert!(!looks_like(Path::new("x.txt"), "graph {"));
}

#[test]
fn entities_html_and_quotes_in_labels() {
    let f = read_mmd(
        "graph TD\nc[(Cache<br/>&#40Valkey&#41)]\nq[\"say #quot;hi#quot; [x]\"]\nr[/\"OTLP<br/>HTTP\"/]",
    );
    assert_eq!(f.system("c").unwrap().name, "Cache (Valkey)");
    assert_eq!(f.system("c").unwrap().kind, Some(SystemKind::Cache));
    assert_eq!(f.system("q").unwrap().name, "say \"hi\" [x]");
    assert_eq!(f.system("r").unwrap().name, "OTLP HTTP");
}

#[test]
fn bad_diagrams_fail_at_their_line_and_nothing_panics() {
    let e = read(Path::new("m.mmd"), "graph TD\na --> b\nc[open --> d\n").unwrap_err();
    assert!(e.to_string().starts_with("m.mmd:3:"), "{e}");
    let e = read(Path::new("m.mmd"), "graph TD\nend\n").unwrap_err();
    assert!(e.to_string().starts_with("m.mmd:2: \"end\" without"), "{e}");
    let e = read(Path::new("m.mmd"), "graph TD\na -->\n").unwrap_err();
    assert_eq!(e.to_string(), "m.mmd:2: a link without a node at its end");
    for junk in [
        "graph",
        "graph TD\n[[[",
        "graph TD\n-->",
        "graph TD\na -- x",
        "graph TD\na@{",
        "graph\n&#",
        "graph\na[\"é",
        "graph\nx --> y[(",
        "graph\n<",
    ] {
        let _ = read(Path::new("m.mmd"), junk);
    }
}

#[test]
fn edge_ids_text_on_both_way_links_and_a_link_going_on_on_the_next_line() {
    let f = read_mmd(
        "flowchart LR\n\
         u L_u_a@-- Inbound request --> a\n\
         a L_a_b@-. \"broken<br>context\" .-x b\n\
         t[ ] -.-\n\
         b --- c\n\
         L_u_a@{ animate: true }\n",
    );
    assert_eq!(f.systems.len(), 5, "{:?}", f.systems);
    assert_eq!(
        deps(&f),
        ["u->a:sync", "a->b:async", "t->b:async", "b->c:sync"]
    );
    assert_eq!(f.dependencies[0].label, "Inbound request");
    assert_eq!(f.dependencies[1].label, "broken context");
    assert_eq!(f.dependencies[2].sources[0].line, Some(4));
}

#[test]
fn typed_text_reads_a_leading_type_word() {
    assert_eq!(
        typed_text("timing: x: y"),
        (Some(T::Timing), None, "x: y".to_owned())
    );
    assert_eq!(
        typed_text("async consumes: e"),
        (Some(T::Async), Some(AsyncRole::Consumes), "e".to_owned())
    );
    assert_eq!(
        typed_text("startup-order"),
        (Some(T::StartupOrder), None, String::new())
    );
    assert_eq!(typed_text("gRPC"), (None, None, "gRPC".to_owned()));
}
