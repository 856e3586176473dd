//! `depdig export`, driven as a user would: the built binary on the samples, real files, exit
//! codes; plus the library API the app calls and golden PNGs per theme.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use std::collections::BTreeSet;
use std::path::Path;

use depdig::io::export::{ExportOptions, Fit, export_png, export_svg};
use depdig::io::{load_file, load_str};
use depdig::model::DependencyType;
use depdig::theme::{Theme, ThemeName};
use resvg::tiny_skia::Pixmap;

use crate::cli_common;
use cli_common::{depdig, sample, stderr};

const SAMPLES: [&str; 4] = [
    "ecommerce-cascade.ron",
    "manufacturing-erp.ron",
    "trading-before.ron",
    "trading-after.ron",
];

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Width and height from a PNG's IHDR (big-endian u32 at bytes 16..24).
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    let be = |r: std::ops::Range<usize>| u32::from_be_bytes(bytes[r].try_into().unwrap());
    (be(16..20), be(20..24))
}

fn export_ok(args: &[&str]) {
    let out = depdig(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
}

#[test]
fn png_size_follows_scale_width_and_fit() {
    let dir = tempfile::tempdir().unwrap();
    let map = sample("ecommerce-cascade.ron");
    let out = dir.path().join("a.png");
    export_ok(&[
        "export",
        s(&map),
        "-o",
        s(&out),
        "--scale",
        "2",
        "--theme",
        "projector",
    ]);
    assert_eq!(png_size(&out), (3840, 2160));
    export_ok(&["export", s(&map), "-o", s(&out), "--width", "1000"]);
    assert_eq!(png_size(&out), (1000, 563));
    // --width overrides --scale.
    export_ok(&[
        "export",
        s(&map),
        "-o",
        s(&out),
        "--width",
        "800",
        "--scale",
        "3",
    ]);
    assert_eq!(png_size(&out), (800, 450));
    export_ok(&["export", s(&map), "-o", s(&out), "--fit", "content"]);
    let (w, h) = png_size(&out);
    assert!(
        w <= 1920 && h <= 1080 && (w == 1920 || h == 1080),
        "{w}×{h}"
    );
    assert_ne!(w * 9, h * 16, "tight bounds are not 16:9");
    export_ok(&[
        "export",
        s(&map),
        "-o",
        s(&out),
        "--fit",
        "content",
        "--width",
        "1200",
    ]);
    assert_eq!(png_size(&out).0, 1200);
}

#[test]
fn repeat_runs_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let map = sample("trading-after.ron");
    for ext in ["png", "svg"] {
        let a = dir.path().join(format!("a.{ext}"));
        let b = dir.path().join(format!("b.{ext}"));
        for out in [&a, &b] {
            export_ok(&[
                "export",
                s(&map),
                "-o",
                s(out),
                "--theme",
                "dark",
                "--edge-labels",
            ]);
        }
        assert_eq!(
            std::fs::read(&a).unwrap(),
            std::fs::read(&b).unwrap(),
            "{ext}"
        );
    }
}

/// The text of `s` as it appears in SVG markup.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

#[test]
fn svg_names_every_system_and_has_the_legend() {
    let dir = tempfile::tempdir().unwrap();
    for name in SAMPLES {
        let map = sample(name);
        let (ws, _) = load_file(&map).unwrap();
        let out = dir.path().join("map.svg");
        export_ok(&["export", s(&map), "-o", s(&out)]);
        let svg = std::fs::read_to_string(&out).unwrap();
        for sys in ws.systems.values() {
            assert!(
                svg.contains(&format!(">{}</text>", xml(&sys.name))),
                "{name}: {}",
                sys.name
            );
        }
        assert_eq!(svg.matches("<g class=\"system\"").count(), ws.systems.len());
        assert_eq!(
            svg.matches("<g class=\"dependency\"").count(),
            ws.dependencies.len()
        );
        let types: BTreeSet<DependencyType> = ws.dependencies.values().map(|d| d.kind).collect();
        for t in &types {
            let n = ws.dependencies.values().filter(|d| d.kind == *t).count();
            assert!(svg.contains(&format!("{} ({n})", t.label())), "{name}: {t}");
        }
        assert!(svg.contains("A → B: A needs B"), "{name}");
        assert!(svg.contains(&format!("<title>{}</title>", xml(&ws.title))));
        assert!(svg.contains("src:url(data:font/ttf;base64,"));
    }
}

#[test]
fn theme_title_and_legend_options() {
    let dir = tempfile::tempdir().unwrap();
    let map = sample("manufacturing-erp.ron");
    let out = dir.path().join("map.svg");
    export_ok(&[
        "export",
        s(&map),
        "-o",
        s(&out),
        "--theme",
        "dark",
        "--title",
        "Q3 review",
    ]);
    let svg = std::fs::read_to_string(&out).unwrap();
    let bg = Theme::get(ThemeName::Dark).canvas_bg;
    let hex = format!("#{:02x}{:02x}{:02x}", bg[0], bg[1], bg[2]);
    assert!(
        svg.contains(&format!(
            "class=\"background\" width=\"1920\" height=\"1080\" fill=\"{hex}\""
        )),
        "{hex}"
    );
    assert!(svg.contains(">Q3 review</text>"));
    assert!(svg.contains("class=\"legend\""));

    export_ok(&[
        "export",
        s(&map),
        "-o",
        s(&out),
        "--no-legend",
        "--transparent",
    ]);
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(!svg.contains("class=\"legend"));
    assert!(!svg.contains("A needs B"));
    assert!(!svg.contains("class=\"background\""));

    let png = dir.path().join("map.png");
    export_ok(&["export", s(&map), "-o", s(&png), "--transparent"]);
    let pix = Pixmap::load_png(&png).unwrap();
    assert_eq!(pix.pixel(0, 0).unwrap().alpha(), 0);
    assert_eq!(pix.pixel(1919, 1079).unwrap().alpha(), 0);
}

#[test]
fn hidden_types_are_dropped_in_the_api() {
    let (ws, _) = load_file(&sample("ecommerce-cascade.ron")).unwrap();
    let hidden = BTreeSet::from([DependencyType::Sync, DependencyType::Data]);
    let opts = ExportOptions {
        hidden_types: hidden.clone(),
        ..ExportOptions::default()
    };
    let svg = export_svg(&ws, &opts).unwrap();
    let shown = ws
        .dependencies
        .values()
        .filter(|d| !hidden.contains(&d.kind))
        .count();
    assert!(shown > 0 && shown < ws.dependencies.len());
    assert_eq!(svg.matches("<g class=\"dependency\"").count(), shown);
    for t in hidden {
        assert!(!svg.contains(&format!("data-type=\"{t}\"")), "{t}");
        assert!(!svg.contains(t.label()), "{t} is not in the legend");
    }
    // Every system still shows.
    assert_eq!(svg.matches("<g class=\"system\"").count(), ws.systems.len());
}

#[test]
fn a_fresh_import_without_positions_is_laid_out() {
    let dir = tempfile::tempdir().unwrap();
    let nodes = dir.path().join("n.csv");
    let edges = dir.path().join("e.csv");
    std::fs::write(
        &nodes,
        "id,label,kind\napi,API,gateway\ndb,Main DB,database\n",
    )
    .unwrap();
    std::fs::write(&edges, "source,target,type\napi,db,data\nweb,api,sync\n").unwrap();
    let ron = dir.path().join("fresh.ron");
    export_ok(&[
        "import",
        "--nodes",
        s(&nodes),
        "--edges",
        s(&edges),
        "-o",
        s(&ron),
    ]);
    let before = std::fs::read(&ron).unwrap();
    let a = dir.path().join("a.png");
    let b = dir.path().join("b.png");
    export_ok(&["export", s(&ron), "-o", s(&a)]);
    export_ok(&["export", s(&ron), "-o", s(&b)]);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert_eq!(
        std::fs::read(&ron).unwrap(),
        before,
        "the file is not modified"
    );
}

#[test]
fn csv_export_edit_and_import_into_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let ron = dir.path().join("map.ron");
    std::fs::copy(sample("trading-before.ron"), &ron).unwrap();
    let nodes = dir.path().join("map.nodes.csv");
    let edges = dir.path().join("map.edges.csv");
    export_ok(&[
        "export",
        s(&ron),
        "--nodes",
        s(&nodes),
        "--edges",
        s(&edges),
    ]);
    let text = std::fs::read_to_string(&nodes).unwrap();
    assert!(
        text.starts_with(
            "id,label,kind,tech,owner,group,criticality,description,capacity,peak\r\n"
        )
    );
    let etext = std::fs::read_to_string(&edges).unwrap();
    assert!(etext.starts_with(
        "source,target,type,protocol,notes,role,label,timeout_ms,retries,calls_per_request,\
         circuit_breaker,blocking,fallback\r\n"
    ));

    // Unchanged, the merge changes nothing.
    let (original, _) = load_file(&ron).unwrap();
    let merged = dir.path().join("merged.ron");
    export_ok(&[
        "import",
        "--nodes",
        s(&nodes),
        "--edges",
        s(&edges),
        "--into",
        s(&ron),
        "-o",
        s(&merged),
    ]);
    assert_eq!(load_file(&merged).unwrap().0, original);

    // Edited in a spreadsheet: a renamed system, a new one and a new dependency.
    let (id, sys) = original.systems.iter().next().unwrap();
    let renamed = text.replacen(
        &format!("{id},{},", sys.name),
        &format!("{id},Renamed system,"),
        1,
    );
    assert_ne!(renamed, text, "the row starts with id,name");
    std::fs::write(
        &nodes,
        format!("{renamed}fax,Fax machine,external,,,,low,,,\r\n"),
    )
    .unwrap();
    std::fs::write(
        &edges,
        format!("{etext}{id},fax,human-workflow,,,,,,,,,,\r\n"),
    )
    .unwrap();
    export_ok(&[
        "import",
        "--nodes",
        s(&nodes),
        "--edges",
        s(&edges),
        "--into",
        s(&ron),
    ]);
    let (ws, _) = load_file(&ron).unwrap();
    assert_eq!(ws.systems[id].name, "Renamed system");
    assert_eq!(ws.systems[id].pos, sys.pos, "positions stay");
    assert_eq!(ws.systems.len(), original.systems.len() + 1);
    assert!(
        ws.dependencies
            .contains_key(&format!("{id}->fax:human-workflow"))
    );
    assert_eq!(ws.debt, original.debt, "annotations stay");
}

/// A bad invocation: exit 1, one clear line on stderr, no file at the output path.
fn fails_cleanly(args: &[&str], out: &Path, expect: &str) {
    let o = depdig(args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(expect), "{args:?}: {err}");
    assert!(!out.exists(), "{args:?} left {}", out.display());
}

#[test]
fn bad_input_fails_cleanly_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let map = sample("ecommerce-cascade.ron");
    let jpg = dir.path().join("map.jpg");
    fails_cleanly(
        &["export", s(&map), "-o", s(&jpg)],
        &jpg,
        ".png, .svg or .html",
    );
    let png = dir.path().join("map.png");
    let missing = dir.path().join("missing.ron");
    fails_cleanly(&["export", s(&missing), "-o", s(&png)], &png, "missing.ron");
    let nowhere = dir.path().join("no-such-dir").join("map.png");
    fails_cleanly(
        &["export", s(&map), "-o", s(&nowhere)],
        &nowhere,
        "cannot write",
    );
    let empty = dir.path().join("empty.ron");
    std::fs::write(&empty, "(version: 1, title: \"Empty\")").unwrap();
    fails_cleanly(&["export", s(&empty), "-o", s(&png)], &png, "no systems");
    fails_cleanly(
        &["export", s(&map), "-o", s(&png), "--width", "100000"],
        &png,
        "at most 16384 px",
    );
    fails_cleanly(
        &["export", s(&map), "-o", s(&png), "--width", "0"],
        &png,
        "at least 1 px",
    );
    let nodes = dir.path().join("n.csv");
    fails_cleanly(
        &[
            "export",
            s(&map),
            "--nodes",
            s(&nodes),
            "--edges",
            s(&nowhere.with_extension("csv")),
        ],
        &nodes,
        "cannot write",
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "only empty.ron"
    );

    // Usage errors: exit 2.
    assert_eq!(depdig(&["export", s(&map)]).status.code(), Some(2));
    let o = depdig(&["export", s(&map), "-o", s(&png), "--scale", "5"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!png.exists());
}

/// A small map with every kind and several types, fixed positions.
const FIXTURE: &str = r#"(version: 1, title: "Golden fixture",
  systems: [
    (id: "api", name: "API gateway", kind: "gateway", criticality: "high", owner: "Platform", pos: Some((x: 0.0, y: 0.0))),
    (id: "app", name: "Mobile app", kind: "ui", pos: Some((x: -220.0, y: 0.0))),
    (id: "cache", name: "Price cache", kind: "cache", pos: Some((x: 220.0, y: -90.0))),
    (id: "cfg", name: "Feature flags", kind: "config", pos: Some((x: 220.0, y: 90.0))),
    (id: "db", name: "Orders DB", kind: "database", criticality: "critical", pos: Some((x: 440.0, y: 0.0))),
    (id: "ext", name: "Payment provider", kind: "external", pos: Some((x: 440.0, y: 180.0))),
    (id: "job", name: "Nightly export", kind: "batch-job", pos: Some((x: 0.0, y: 180.0))),
    (id: "ops", name: "On-call team", kind: "team", pos: Some((x: -220.0, y: 180.0))),
    (id: "q", name: "Order events", kind: "queue", pos: Some((x: 440.0, y: -180.0))),
    (id: "svc", name: "Orders", kind: "service", pos: Some((x: 220.0, y: 0.0))),
  ],
  dependencies: [
    (from: "app", to: "api", type: "sync", protocol: "HTTPS"),
    (from: "api", to: "svc", type: "sync", circuit_breaker: true),
    (from: "api", to: "svc", type: "business-process", label: "checkout"),
    (from: "svc", to: "db", type: "data"),
    (from: "svc", to: "q", type: "async"),
    (from: "svc", to: "cache", type: "data"),
    (from: "svc", to: "cfg", type: "startup-order"),
    (from: "job", to: "db", type: "batch"),
    (from: "job", to: "ext", type: "timing"),
    (from: "ops", to: "job", type: "human-workflow"),
  ],
)"#;

/// Compares with a reviewed PNG, allowing small rendering differences between machines;
/// `UPDATE_SNAPSHOTS=1` rewrites it.
fn assert_golden(name: &str, png: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.png"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() || !path.exists() {
        std::fs::write(&path, png).unwrap();
        assert!(
            std::env::var_os("UPDATE_SNAPSHOTS").is_some(),
            "{} was missing and has been written; review it and run again",
            path.display()
        );
        return;
    }
    let want = Pixmap::load_png(&path).unwrap();
    let got = Pixmap::decode_png(png).unwrap();
    assert_eq!(
        (got.width(), got.height()),
        (want.width(), want.height()),
        "{name}"
    );
    let differing = want
        .pixels()
        .iter()
        .zip(got.pixels())
        .filter(|(a, b)| {
            let d = |x: u8, y: u8| x.abs_diff(y) > 24;
            d(a.red(), b.red())
                || d(a.green(), b.green())
                || d(a.blue(), b.blue())
                || d(a.alpha(), b.alpha())
        })
        .count();
    let share = differing as f64 / want.pixels().len() as f64;
    if share > 0.002 {
        let new = path.with_extension("new.png");
        std::fs::write(&new, png).unwrap();
        panic!(
            "{name}: {:.3}% of pixels differ from {}; see {}",
            share * 100.0,
            path.display(),
            new.display()
        );
    }
}

#[test]
fn golden_png_per_theme() {
    let (ws, _) = load_str(FIXTURE, Path::new("fixture.ron")).unwrap();
    for (name, theme) in [
        ("export_light", Theme::get(ThemeName::Light)),
        ("export_dark", Theme::get(ThemeName::Dark)),
        ("export_projector", Theme::get(ThemeName::Projector)),
    ] {
        let opts = ExportOptions {
            theme,
            width_px: Some(960),
            fit: Fit::Content,
            edge_labels: true,
            ..ExportOptions::default()
        };
        assert_golden(name, &export_png(&ws, &opts).unwrap());
    }
}

/// Three systems and two dependencies with debt: two open items on `a` (impact 2 and 4), a
/// resolved one on `b`, impact 3 on the dependency `a->b`, impact 1 on `c`.
const DEBT_FIXTURE: &str = r#"(version: 1, title: "Debt badges",
  systems: [
    (id: "a", name: "Orders", pos: Some((x: 0.0, y: 0.0))),
    (id: "b", name: "Stock", pos: Some((x: 300.0, y: 0.0))),
    (id: "c", name: "Billing", pos: Some((x: 0.0, y: 200.0))),
  ],
  dependencies: [
    (from: "a", to: "b", type: "sync"),
    (from: "a", to: "c", type: "async"),
  ],
  debt: [
    (id: "d1", title: "Manual re-key", impact: 2, links: ["a"]),
    (id: "d2", title: "No timeout", impact: 4, status: "mitigating", links: ["a", "a->b:sync"]),
    (id: "d3", title: "Fixed long ago", impact: 5, status: "resolved", links: ["b"]),
    (id: "d4", title: "Stale stock", impact: 3, status: "accepted", links: ["a->b:sync"]),
    (id: "d5", title: "Spreadsheet", impact: 1, links: ["c"]),
  ],
)"#;

#[test]
fn debt_badges_show_count_and_highest_open_impact() {
    let (ws, _) = load_str(DEBT_FIXTURE, Path::new("debt.ron")).unwrap();
    let svg = export_svg(&ws, &ExportOptions::default()).unwrap();
    let badge = |id: &str| {
        let start = svg
            .find(&format!("<g class=\"debt-badge\" data-id=\"{id}\""))
            .unwrap_or_else(|| panic!("no badge on {id}: {svg}"));
        let end = start + svg[start..].find("</g>").unwrap();
        svg[start..end].to_owned()
    };
    // Light theme: debt_low #f0e442, debt_mid #e69f00, debt_high #d55e00, outline #111111.
    let a = badge("a");
    assert!(a.contains("data-count=\"2\" data-impact=\"4\""), "{a}");
    assert!(a.contains("fill=\"#d55e00\" stroke=\"#111111\""), "{a}");
    assert!(a.ends_with(">2</text>"), "{a}");
    let ab = badge("a-&gt;b:sync");
    assert!(ab.contains("data-count=\"2\" data-impact=\"4\""), "{ab}");
    let c = badge("c");
    assert!(c.contains("data-count=\"1\" data-impact=\"1\""), "{c}");
    assert!(c.contains("fill=\"#f0e442\""), "{c}");
    // Resolved debt gives no badge; a dependency without debt has none.
    assert!(!svg.contains("\"debt-badge\" data-id=\"b\""), "{svg}");
    assert!(
        !svg.contains("\"debt-badge\" data-id=\"a-&gt;c:async\""),
        "{svg}"
    );
    assert_eq!(svg.matches("<g class=\"debt-badge\"").count(), 3);
    // Four items are not resolved and all are on the map.
    assert!(svg.contains("data-type=\"debt\" data-count=\"4\""), "{svg}");
    assert!(svg.contains(">Integration debt (4 open)</text>"), "{svg}");

    // Impact 3 alone is the middle colour.
    let mut ws3 = ws.clone();
    ws3.debt.retain(|id, _| id == "d4");
    let svg3 = export_svg(&ws3, &ExportOptions::default()).unwrap();
    assert!(
        svg3.contains("data-count=\"1\" data-impact=\"3\"><circle"),
        "{svg3}"
    );
    assert!(svg3.contains("fill=\"#e69f00\""), "{svg3}");

    // Nothing open: no badges and no legend entry.
    let mut none = ws.clone();
    none.debt.retain(|id, _| id == "d3");
    let svg = export_svg(&none, &ExportOptions::default()).unwrap();
    assert!(!svg.contains("debt-badge") && !svg.contains("Integration debt"));
}

#[test]
fn no_badges_flag_removes_badges_and_their_legend_entry() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("debt.ron");
    std::fs::write(&map, DEBT_FIXTURE).unwrap();
    let with = dir.path().join("with.svg");
    let without = dir.path().join("without.svg");
    export_ok(&["export", s(&map), "-o", s(&with)]);
    export_ok(&["export", s(&map), "-o", s(&without), "--no-badges"]);
    let with = std::fs::read_to_string(with).unwrap();
    let without = std::fs::read_to_string(without).unwrap();
    assert_eq!(with.matches("<g class=\"debt-badge\"").count(), 3);
    assert!(with.contains("Integration debt (4 open)"));
    assert!(!without.contains("debt-badge"), "{without}");
    assert!(!without.contains("Integration debt"), "{without}");
    // Everything else is still drawn.
    for id in ["a", "b", "c"] {
        assert!(without.contains(&format!("<g class=\"system\" data-id=\"{id}\"")));
    }
}
