//! The interactive HTML map without a browser (the browser test is tests/browser/run.py): one
//! self-contained file, the policy's hashes match its own script and stylesheet, workspace text
//! stays text in the SVG and the page, no event handler attributes, tabs for views and scenarios,
//! the size limit, and never a panic on odd text.

use std::collections::BTreeSet;
use std::path::Path;

use depdig::io::export::{ExportOptions, export_html, export_svg};
use depdig::io::load_file;
use depdig::model::{
    DebtItem, Dependency, DependencyType, Filters, Scenario, System, SystemKind, View, Workspace,
};
use depdig::theme::{Theme, ThemeName};
use resvg::usvg::roxmltree;

use crate::cli_common::{depdig, sample, stderr};

mod page;
use page::{MAX_BYTES, assert_self_contained, between, data, export_file};

#[test]
fn every_sample_exports_a_self_contained_page_under_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "ecommerce-cascade.ron",
        "manufacturing-erp.ron",
        "trading-after.ron",
        "trading-before.ron",
    ] {
        let out = dir.path().join(name.replace(".ron", ".HTML"));
        let page = export_file(&sample(name), &out, &[]);
        assert!(page.len() < MAX_BYTES, "{name}: {} bytes", page.len());
        assert_self_contained(&page);
        let (ws, _) = load_file(&sample(name)).unwrap();
        let d = data(&page);
        let names: BTreeSet<&str> = d["systems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        for s in ws.systems.values() {
            assert!(names.contains(s.name.as_str()), "{name}: {}", s.name);
            assert!(page.contains(&format!("class=\"system\" data-id=\"{}\"", s.id)));
        }
        // The findings are `depdig analyze`'s, in its order.
        let analysis = depdig::analysis::analyze(&ws);
        let sentences: Vec<&str> = d["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["sentence"].as_str().unwrap())
            .collect();
        let expected: Vec<&str> = analysis
            .findings
            .iter()
            .map(|f| f.sentence.as_str())
            .collect();
        assert_eq!(sentences, expected, "{name}");
        // One tab per view and scenario besides the map, each with its picture.
        assert_eq!(
            d["tabs"].as_array().unwrap().len(),
            1 + ws.views.len() + ws.scenarios.len(),
            "{name}"
        );
        assert_eq!(
            page.matches("<div class=\"picture\"").count(),
            1 + ws.views.len() + ws.scenarios.len()
        );
    }
}

#[test]
fn the_first_picture_is_the_svg_export_with_the_same_options() {
    let (ws, _) = load_file(&sample("manufacturing-erp.ron")).unwrap();
    let opts = ExportOptions::default();
    let svg = export_svg(&ws, &opts).unwrap();
    let page = export_html(&ws, &ws, &opts).unwrap();
    // Same picture: the map group (every position) is byte-identical.
    let map = between(&svg, "<g class=\"map\"", "\n</svg>");
    assert!(map.len() > 1000);
    assert!(
        page.contains(map),
        "the page embeds the SVG export's picture"
    );
}

#[test]
fn a_scenario_tab_marks_the_difference_and_knows_the_added_systems() {
    let (ws, _) = load_file(&sample("trading-before.ron")).unwrap();
    let page = export_html(&ws, &ws, &ExportOptions::default()).unwrap();
    let d = data(&page);
    let tab = d["tabs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "scenario:queue-decoupling")
        .expect("a tab for the scenario");
    assert_eq!(tab["kind"], "scenario");
    let note = tab["note"].as_str().unwrap();
    assert!(
        note.starts_with("Adds 1 system and 3 dependencies; removes"),
        "{note}"
    );
    let added = d["systems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "trade-events")
        .expect("the scenario's system is in the data");
    assert_eq!(added["scenario"], "queue-decoupling");
    let picture = tab["picture"].as_u64().unwrap();
    let svg = between(
        &page,
        &format!("<div class=\"picture\" data-picture=\"{picture}\" hidden>"),
        "</svg>",
    );
    assert!(svg.contains("data-change=\"added\""), "added items marked");
    assert!(svg.contains("data-id=\"trade-events\""));
}

#[test]
fn workspace_text_stays_text_in_svg_and_html() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/escaping.ron");
    let (ws, _) = load_file(&path).unwrap();
    let names = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
    ];

    let svg = export_svg(&ws, &ExportOptions::default()).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect();
    for name in names {
        assert!(
            texts.iter().any(|t| t == name),
            "{name} is a text: {texts:?}"
        );
    }
    assert!(
        doc.descendants()
            .all(|n| !n.has_tag_name("script") && !n.has_tag_name("img"))
    );

    let page = export_html(&ws, &ws, &ExportOptions::default()).unwrap();
    assert_self_contained(&page);
    assert!(!page.contains("<img"), "no <img> anywhere");
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("</title><script"));
    assert!(page.contains(
        "<title>&lt;/title&gt;&lt;script&gt;alert(5)&lt;/script&gt; Escaping &amp; friends</title>"
    ));
    let d = data(&page);
    let in_data: Vec<&str> = d["systems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    for name in names {
        assert!(
            in_data.contains(&name),
            "{name} round-trips through the JSON"
        );
    }
    assert!(
        d["dependencies"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["label"] == "</script>")
    );
    assert_eq!(
        d["debt"][0]["title"],
        "<img src=x onerror=alert(3)> retries forever"
    );
    assert_eq!(d["failure_modes"][0]["rpn"], 84);
    assert_eq!(d["failure_modes"][0]["last_rehearsal"], "2026-10-14");
    // Each inline SVG parses as XML too.
    let first = between(
        &page,
        "<div class=\"picture\" data-picture=\"0\">\n",
        "</div>",
    );
    roxmltree::Document::parse(first).expect("the embedded SVG is well-formed");
}

/// A map like the 68-system one: long names in several scripts, a few hundred
/// dependencies of every type, debt, views and scenarios.
fn big_map(n: usize) -> Workspace {
    let mut ws = Workspace::new("Estate — Übersicht / 概要 / обзор");
    let kinds = [
        SystemKind::Service,
        SystemKind::Database,
        SystemKind::Queue,
        SystemKind::External,
        SystemKind::Team,
    ];
    let words = [
        "Zahlungs",
        "Лояльность",
        "注文",
        "Inventory",
        "Épargne",
        "Κατάλογος",
    ];
    for i in 0..n {
        let id = format!("s{i:03}");
        let mut s = System::new(
            id.clone(),
            format!("{} platform service {i}", words[i % words.len()]),
        )
        .with_kind(kinds[i % kinds.len()]);
        s.owner = format!("Team {} (Owner {i})", i % 9);
        s.tech = "Java 21 · Kafka".into();
        s.group = format!("Domain {}", i % 7);
        s.description = "Handles the part of the estate nobody wants to touch.".repeat(3);
        ws.systems.insert(id, s);
    }
    for i in 0..n {
        for (k, step) in [1usize, 7, 19].iter().enumerate() {
            let to = (i + step) % n;
            let kind = DependencyType::ALL[(i + k) % DependencyType::ALL.len()];
            let mut d = Dependency::new(format!("s{i:03}"), format!("s{to:03}"), kind);
            d.label = "Reads the order book".into();
            d.protocol = "HTTPS".into();
            ws.dependencies.insert(d.id(), d);
        }
    }
    for i in 0..20 {
        let mut debt = DebtItem::new(format!("d{i}"), format!("Shortcut number {i}"));
        debt.links = vec![format!("s{:03}", i * 3)];
        debt.impact = 1 + u8::try_from(i % 5).unwrap();
        ws.debt.insert(debt.id.clone(), debt);
    }
    for v in 0..3 {
        let view = View {
            id: format!("v{v}"),
            name: format!("View {v}"),
            filters: Filters {
                groups: vec![format!("Domain {v}")],
                ..Filters::default()
            },
            camera: None,
            highlighted: vec![format!("s{:03}", v * 7)],
        };
        ws.views.insert(view.id.clone(), view);
    }
    let scenario = Scenario {
        id: "retire".into(),
        name: "Retire the mainframe".into(),
        description: String::new(),
        added_systems: vec![System::new("new-core", "New core")],
        added_dependencies: vec![Dependency::new("s000", "new-core", DependencyType::Sync)],
        removed: vec!["s001".into()],
    };
    ws.scenarios.insert(scenario.id.clone(), scenario);
    ws
}

#[test]
fn a_68_system_map_with_views_and_a_scenario_stays_under_the_limit() {
    let ws = big_map(68);
    for theme in [ThemeName::Light, ThemeName::Projector] {
        let opts = ExportOptions {
            theme: Theme::get(theme),
            edge_labels: true,
            ..ExportOptions::default()
        };
        let page = export_html(&ws, &ws, &opts).unwrap();
        eprintln!("68 systems, {theme:?}: {} bytes", page.len());
        assert!(page.len() < MAX_BYTES, "{} bytes", page.len());
        assert_self_contained(&page);
        assert_eq!(data(&page)["tabs"].as_array().unwrap().len(), 5);
    }
}

#[test]
fn projector_theme_gives_large_text_in_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.html");
    let page = export_file(
        &sample("trading-before.ron"),
        &out,
        &["--theme", "projector"],
    );
    assert!(page.contains("<body class=\"theme-projector\">"));
    assert!(page.contains("--base:20px"));
    let light = export_file(&sample("trading-before.ron"), &out, &[]);
    assert!(light.contains("--base:14px"));
}

#[test]
fn cli_view_and_scenario_draw_the_first_tab() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("v.html");
    let page = export_file(
        &sample("trading-before.ron"),
        &out,
        &["--scenario", "queue-decoupling"],
    );
    let first = between(
        &page,
        "<div class=\"picture\" data-picture=\"0\">",
        "</svg>",
    );
    assert!(
        first.contains("data-change=\"added\""),
        "the map tab is the difference"
    );
    assert!(first.contains("(difference)"));
    // A bad name writes nothing.
    let bad = dir.path().join("bad.html");
    let o = depdig(&[
        "export",
        sample("trading-before.ron").to_str().unwrap(),
        "-o",
        bad.to_str().unwrap(),
        "--view",
        "no such view",
    ]);
    assert!(!o.status.success());
    assert!(!bad.exists());
    // An unknown extension names .html among the choices.
    let o = depdig(&[
        "export",
        sample("trading-before.ron").to_str().unwrap(),
        "-o",
        dir.path().join("x.htm5").to_str().unwrap(),
    ]);
    assert!(stderr(&o).contains(".html"), "{}", stderr(&o));
}

#[test]
fn an_empty_workspace_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("empty.ron");
    depdig::io::save_file(&Workspace::new("Empty"), &src).unwrap();
    let out = dir.path().join("empty.html");
    let o = depdig(&["export", src.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no systems"), "{}", stderr(&o));
    assert!(!out.exists());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]
    #[test]
    fn odd_text_never_panics_and_round_trips(
        name in "\\PC{0,40}",
        label in "[<>&\"' a-z/]{0,20}",
        owner in "\\PC{0,20}",
    ) {
        let mut ws = Workspace::new(name.clone());
        let mut a = System::new("a", name.clone());
        a.owner = owner.clone();
        ws.systems.insert("a".into(), a);
        ws.systems.insert("b".into(), System::new("b", label.clone()));
        let mut d = Dependency::new("a", "b", DependencyType::Async);
        d.label = label.clone();
        ws.dependencies.insert(d.id(), d);
        let page = export_html(&ws, &ws, &ExportOptions::default()).unwrap();
        let d = data(&page);
        proptest::prop_assert_eq!(d["systems"][0]["name"].as_str().unwrap(), name.as_str());
        proptest::prop_assert_eq!(d["systems"][0]["owner"].as_str().unwrap(), owner.as_str());
        proptest::prop_assert_eq!(d["dependencies"][0]["label"].as_str().unwrap(), label.as_str());
        proptest::prop_assert_eq!(page.matches("<script").count(), 2);
    }
}

#[test]
fn a_view_that_leaves_nothing_gets_a_tab_that_says_so() {
    let (mut ws, _) = load_file(&sample("manufacturing-erp.ron")).unwrap();
    let view = View {
        id: "nobody".into(),
        name: "Nobody's systems".into(),
        filters: Filters {
            owners: vec!["no such owner".into()],
            mode: depdig::model::FilterMode::Hide,
            ..Filters::default()
        },
        camera: None,
        highlighted: Vec::new(),
    };
    ws.views.insert(view.id.clone(), view);
    let page = export_html(&ws, &ws, &ExportOptions::default()).unwrap();
    let d = data(&page);
    let tab = d["tabs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "view:nobody")
        .expect("the view has a tab");
    assert!(tab["picture"].is_null(), "nothing to draw: {tab}");
    assert!(
        tab["note"].as_str().unwrap().contains("no systems to draw"),
        "{tab}"
    );
    // The other views still have their pictures.
    assert_eq!(
        page.matches("<div class=\"picture\"").count(),
        ws.views.len() + ws.scenarios.len()
    );
}
