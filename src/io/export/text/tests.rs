use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::io::import::{self, Found};
use crate::model::{AsyncRole, Dependency, DependencyType, System, SystemKind};

fn grouped(mut s: System, group: &str) -> System {
    s.group = group.to_owned();
    s
}

fn sample() -> Workspace {
    let mut ws = Workspace::new("Shop \"v2\"");
    for (id, name, kind, group) in [
        ("web", "Web <shop>", SystemKind::Ui, "Front"),
        ("end", "end", SystemKind::Service, ""),
        (
            "orders-db",
            "Orders \"DB\" [main]",
            SystemKind::Database,
            "Back # office",
        ),
        ("bus", "Events | bus", SystemKind::Queue, "Back # office"),
        ("zürich", "Zürich 東京", SystemKind::External, ""),
        ("ops", "Ops team", SystemKind::Team, ""),
    ] {
        ws.systems.insert(
            id.into(),
            grouped(System::new(id, name).with_kind(kind), group),
        );
    }
    ws.systems.get_mut("orders-db").unwrap().tech = "PostgreSQL 16".into();
    for (from, to, kind, role, label) in [
        ("web", "end", DependencyType::Sync, None, "calls \\N"),
        ("end", "orders-db", DependencyType::Data, None, ""),
        (
            "end",
            "bus",
            DependencyType::Async,
            Some(AsyncRole::Produces),
            "order events",
        ),
        (
            "zürich",
            "bus",
            DependencyType::Async,
            Some(AsyncRole::Consumes),
            "",
        ),
        (
            "ops",
            "end",
            DependencyType::HumanWorkflow,
            None,
            "deploys: nightly",
        ),
        (
            "end",
            "zürich",
            DependencyType::Timing,
            None,
            "before 06:00",
        ),
        (
            "end",
            "zürich",
            DependencyType::Sync,
            None,
            "timing: looks typed",
        ),
    ] {
        let mut d = Dependency::new(from, to, kind);
        d.role = role;
        d.label = label.into();
        ws.dependencies
            .insert(crate::model::dependency_id(from, to, kind), d);
    }
    ws
}

type Systems = std::collections::BTreeSet<(String, SystemKind, String)>;
type Deps = std::collections::BTreeSet<(String, String, DependencyType, Option<AsyncRole>, String)>;

/// Systems as (name, kind, group) and dependencies as (from name, to name, type, role, label).
fn shape(ws: &Workspace, labels: bool) -> (Systems, Deps) {
    let systems = ws
        .systems
        .values()
        .map(|s| (s.name.clone(), s.kind, s.group.trim().to_owned()))
        .collect();
    let name = |id: &str| ws.systems[id].name.clone();
    let deps = ws
        .dependencies
        .values()
        .map(|d| {
            let role =
                (d.kind == DependencyType::Async).then(|| d.role.unwrap_or(AsyncRole::Produces));
            let label = if labels {
                d.label.clone()
            } else {
                String::new()
            };
            (name(&d.from), name(&d.to), d.kind, role, label)
        })
        .collect();
    (systems, deps)
}

fn read_back(format: TextFormat, text: &str) -> Workspace {
    let (path, found): (&str, Result<Found, _>) = match format {
        TextFormat::Mermaid => ("m.mmd", import::mermaid::read(Path::new("m.mmd"), text)),
        TextFormat::Dot => ("m.dot", import::dot::read(Path::new("m.dot"), text)),
        TextFormat::Structurizr => ("m.dsl", import::structurizr::read(Path::new("m.dsl"), text)),
    };
    let found = found.unwrap_or_else(|e| panic!("{path}: {e}\n{text}"));
    assert!(
        found.skipped.is_empty() && found.warnings.is_empty(),
        "{found:?}\n{text}"
    );
    let mut ws = Workspace::new("back");
    import::apply_found(&mut ws, &found).unwrap_or_else(|e| panic!("{e}\n{text}"));
    ws
}

fn round_trip(ws: &Workspace) {
    for format in [
        TextFormat::Mermaid,
        TextFormat::Dot,
        TextFormat::Structurizr,
    ] {
        let text = format.write(ws);
        let back = read_back(format, &text);
        let labels = format != TextFormat::Structurizr;
        assert_eq!(
            shape(&back, labels),
            shape(ws, labels),
            "{format:?}\n{text}"
        );
        if format == TextFormat::Structurizr {
            for s in ws.systems.values() {
                let b = back.systems.values().find(|b| b.name == s.name).unwrap();
                assert_eq!(
                    (&b.tech, &b.description),
                    (&s.tech, &s.description),
                    "{text}"
                );
            }
        }
    }
}

#[test]
fn awkward_names_keywords_and_every_type_survive_each_format() {
    round_trip(&sample());
}

#[test]
fn the_mermaid_text_reads_well() {
    let text = TextFormat::Mermaid.write(&sample());
    assert!(
        text.starts_with("flowchart LR\n  %% Shop \"v2\"\n"),
        "{text}"
    );
    assert!(
        text.contains("  n1[\"end\"]:::service\n"),
        "a keyword id is renamed: {text}"
    );
    assert!(
        text.contains("orders-db[(\"Orders #quot;DB#quot; [main]\")]:::database"),
        "{text}"
    );
    assert!(
        text.contains("  subgraph group_1[\"Back #35; office\"]\n"),
        "{text}"
    );
    assert!(
        text.contains("  n1 ==> orders-db\n"),
        "data on a database needs no word: {text}"
    );
    assert!(text.contains("  n1 -.->|\"order events\"| bus\n"), "{text}");
    assert!(
        text.contains("  n2 -.->|\"async consumes\"| bus\n"),
        "{text}"
    );
    assert!(
        text.contains("  n1 -->|\"sync: timing: looks typed\"| n2\n"),
        "{text}"
    );
    assert!(text.contains("  classDef database "), "{text}");
}

#[test]
fn the_dot_and_dsl_texts_quote_and_escape() {
    let dot = TextFormat::Dot.write(&sample());
    assert!(dot.starts_with("digraph \"Shop \\\"v2\\\"\" {\n"), "{dot}");
    assert!(
        dot.contains("subgraph \"cluster_2\" {\n    label=\"Back # office\"\n"),
        "{dot}"
    );
    assert!(
        dot.contains("\"web\" -> \"end\" [label=\"calls \\\\N\", class=\"sync\"]"),
        "{dot}"
    );
    assert!(
        dot.contains("class=\"async consumes\", style=dashed"),
        "{dot}"
    );
    let dsl = TextFormat::Structurizr.write(&sample());
    assert!(
        dsl.contains("end = softwareSystem \"end\" \"\" \"service\"\n"),
        "{dsl}"
    );
    assert!(
        dsl.contains("ops = person \"Ops team\" \"\" \"team\"\n"),
        "{dsl}"
    );
    assert!(dsl.contains("\"technology\" \"PostgreSQL 16\""), "{dsl}");
    assert!(
        dsl.contains("end -> s1 \"timing: looks typed\" \"\" \"sync\"\n"),
        "{dsl}"
    );
    assert!(
        dsl.contains("s1 -> bus \"\" \"\" \"async,consumes\"\n"),
        "{dsl}"
    );
    assert!(
        dsl.contains("web -> end \"calls \\\\N\" \"\" \"sync\"\n"),
        "{dsl}"
    );
}

#[test]
fn formats_by_extension() {
    assert_eq!(
        TextFormat::from_path(Path::new("a/map.MMD")),
        Some(TextFormat::Mermaid)
    );
    assert_eq!(
        TextFormat::from_path(Path::new("map.gv")),
        Some(TextFormat::Dot)
    );
    assert_eq!(
        TextFormat::from_path(Path::new("workspace.dsl")),
        Some(TextFormat::Structurizr)
    );
    assert_eq!(TextFormat::from_path(Path::new("map.png")), None);
}

const NAMES: &[&str] = &[
    "end",
    "graph",
    "subgraph",
    "workspace",
    "model",
    "node",
    "edge",
    "click",
    "style",
    "a \"quoted\" name",
    "[brackets]",
    "(round)",
    "{curly}",
    "<angle>",
    "a|b",
    "x -> y",
    "--> arrow",
    "#hash;",
    "%% not a comment",
    "back\\slash",
    "tick`",
    "semi;colon",
    "comma, here",
    "Zürich",
    "東京",
    "ü",
    "&amp;",
    "#quot;",
    "this",
    "orders db",
    "o",
    "x",
];
const GROUPS: &[&str] = &[
    "",
    "",
    "Back office",
    "\"Q\" [g]",
    "end",
    "Ünïcode",
    "a|b#c",
];
const LABELS: &[&str] = &[
    "",
    "calls",
    "timing: fake",
    "reads \"rows\"",
    "|pipe|",
    "a -- b",
    "publishes events",
];

fn workspace() -> impl Strategy<Value = Workspace> {
    let system = (0..NAMES.len(), 0..SystemKind::ALL.len(), 0..GROUPS.len());
    prop::collection::vec(system, 1..7)
        .prop_flat_map(|systems| {
            let n = systems.len();
            let dep = (
                0..n,
                0..n,
                0..DependencyType::ALL.len(),
                any::<bool>(),
                0..LABELS.len(),
            );
            (Just(systems), prop::collection::vec(dep, 0..10))
        })
        .prop_map(|(systems, deps)| {
            let mut ws = Workspace::new("generated");
            let mut ids = Vec::new();
            for (i, (name, kind, group)) in systems.into_iter().enumerate() {
                let name = format!("{} {i}", NAMES[name]);
                let slug = crate::io::import::id_for(&name);
                let id = if slug.is_empty() {
                    format!("s{i}")
                } else {
                    slug
                };
                ids.push(id.clone());
                let s = grouped(
                    System::new(id.clone(), name).with_kind(SystemKind::ALL[kind]),
                    GROUPS[group],
                );
                ws.systems.insert(id, s);
            }
            for (from, to, kind, consumes, label) in deps {
                if from == to {
                    continue;
                }
                let kind = DependencyType::ALL[kind];
                let mut d = Dependency::new(ids[from].clone(), ids[to].clone(), kind);
                if kind == DependencyType::Async && consumes {
                    d.role = Some(AsyncRole::Consumes);
                }
                d.label = LABELS[label].to_owned();
                ws.dependencies
                    .insert(crate::model::dependency_id(&ids[from], &ids[to], kind), d);
            }
            ws
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn generated_maps_round_trip_through_every_format(ws in workspace()) {
        round_trip(&ws);
    }
}
