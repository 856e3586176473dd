//! `export` and `analyze` with a saved view or scenario (`--view NAME`, `--scenario NAME`),
//! driven through the built binary on real files.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use std::path::{Path, PathBuf};

use crate::cli_common;
use cli_common::{depdig, sample, stderr, stdout};

/// A shop whose payment gateway calls back into it (a sync cycle), a stock database fed nightly
/// by a legacy mainframe, and reporting on the same database. The view "Payment path" hides
/// everything but what the shop needs over non-data dependencies; the scenario retires the
/// mainframe, drops the callback and adds an order queue.
const SHOP: &str = r#"(
  version: 1,
  title: "Shop",
  systems: [
    (id: "shop", name: "Shop front", pos: Some((x: 0.0, y: 0.0))),
    (id: "pay", name: "Payment gateway", pos: Some((x: 300.0, y: 0.0))),
    (id: "stock", name: "Stock database", kind: "database", pos: Some((x: 0.0, y: 250.0))),
    (id: "legacy", name: "Legacy mainframe", pos: Some((x: 300.0, y: 250.0))),
    (id: "reports", name: "Monthly reporting", pos: Some((x: -300.0, y: 250.0))),
  ],
  dependencies: [
    (from: "shop", to: "pay", type: "sync"),
    (from: "pay", to: "shop", type: "sync"),
    (from: "shop", to: "stock", type: "data"),
    (from: "legacy", to: "stock", type: "batch"),
    (from: "reports", to: "stock", type: "data"),
  ],
  views: [
    (
      id: "pay-only",
      name: "Payment path",
      filters: (
        hidden_types: ["data"],
        focus: Some((system: "shop", hops: 1, direction: "needs")),
        mode: "hide",
      ),
      highlighted: ["pay"],
    ),
    (
      id: "dim-stock",
      name: "Stock dimmed",
      filters: (kinds: ["service"], mode: "dim"),
    ),
  ],
  scenarios: [
    (
      id: "retire-legacy",
      name: "Retire the mainframe",
      added_systems: [(id: "mq", name: "Order queue", kind: "queue", pos: Some((x: 300.0, y: -250.0)))],
      added_dependencies: [(from: "shop", to: "mq", type: "async", role: Some("produces"))],
      removed: ["legacy", "pay->shop:sync"],
    ),
  ],
)"#;

fn shop(dir: &Path) -> PathBuf {
    let p = dir.join("shop.ron");
    std::fs::write(&p, SHOP).unwrap();
    p
}

/// Runs `depdig export FILE -o OUT.svg ARGS…`, asserts success and returns the SVG.
fn export_svg(file: &Path, dir: &Path, args: &[&str]) -> String {
    let out_path = dir.join("out.svg");
    let _ = std::fs::remove_file(&out_path);
    let mut all = vec![
        "export",
        file.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    let out = depdig(&all);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::read_to_string(out_path).unwrap()
}

#[test]
fn unknown_view_or_scenario_lists_the_names_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = shop(dir.path());
    let png = dir.path().join("x.png");
    let out = depdig(&[
        "export",
        file.to_str().unwrap(),
        "-o",
        png.to_str().unwrap(),
        "--view",
        "nope",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("unknown view \"nope\""), "{err}");
    assert!(
        err.contains("pay-only") && err.contains("Payment path"),
        "{err}"
    );
    assert!(err.contains("dim-stock"), "{err}");
    assert!(!png.exists());

    let out = depdig(&[
        "export",
        file.to_str().unwrap(),
        "-o",
        png.to_str().unwrap(),
        "--scenario",
        "nope",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("retire-legacy"), "{}", stderr(&out));
    assert!(!png.exists());

    // The same for analyze, on a sample.
    let before = sample("trading-before.ron");
    let out = depdig(&["analyze", before.to_str().unwrap(), "--view", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("contention"), "{}", stderr(&out));
    let out = depdig(&["analyze", before.to_str().unwrap(), "--scenario", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("queue-decoupling"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn export_view_in_hide_mode_leaves_out_what_it_filters() {
    let dir = tempfile::tempdir().unwrap();
    let file = shop(dir.path());
    // By name, case-insensitive.
    let svg = export_svg(&file, dir.path(), &["--view", "PAYMENT PATH"]);
    assert!(svg.contains(">Shop front</text>"), "shown system missing");
    assert!(svg.contains(">Payment gateway</text>"));
    for hidden in ["Stock database", "Legacy mainframe", "Monthly reporting"] {
        assert!(!svg.contains(hidden), "{hidden} should be hidden");
    }
    assert!(svg.contains("<title>Shop — Payment path</title>"));
    assert!(svg.contains("data-highlighted=\"true\""));
    // By id, the same picture.
    assert_eq!(svg, export_svg(&file, dir.path(), &["--view", "pay-only"]));
}

#[test]
fn export_view_in_dim_mode_draws_the_rest_faded() {
    let dir = tempfile::tempdir().unwrap();
    let file = shop(dir.path());
    let svg = export_svg(&file, dir.path(), &["--view", "dim-stock"]);
    assert!(svg.contains(">Stock database</text>"));
    let dimmed = svg.matches("data-dimmed=\"true\"").count();
    // The stock database and the three data/batch dependencies that touch it.
    assert_eq!(dimmed, 4, "{svg}");
}

#[test]
fn export_scenario_difference_marks_added_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let file = shop(dir.path());
    let svg = export_svg(&file, dir.path(), &["--scenario", "retire-legacy"]);
    assert!(svg.contains(">Order queue</text>"));
    assert!(svg.contains(">Legacy mainframe</text>"));
    assert!(svg.contains("Removed in scenario"));
    assert!(svg.contains("Added in scenario"));
    // mq and shop->mq added; legacy, its batch feed and the callback removed.
    assert_eq!(svg.matches("data-change=\"added\"").count(), 2, "{svg}");
    assert_eq!(svg.matches("data-change=\"removed\"").count(), 3, "{svg}");
    assert!(svg.contains("class=\"strike\"") && svg.contains("class=\"cross\""));

    // The PNG is rendered from the same SVG.
    let png = dir.path().join("diff.png");
    let out = depdig(&[
        "export",
        file.to_str().unwrap(),
        "-o",
        png.to_str().unwrap(),
        "--scenario",
        "Retire the mainframe",
        "--show",
        "difference",
        "--theme",
        "projector",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn export_scenario_target_draws_the_state_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = shop(dir.path());
    let svg = export_svg(
        &file,
        dir.path(),
        &["--scenario", "retire-legacy", "--show", "target"],
    );
    assert!(svg.contains(">Order queue</text>"));
    assert!(!svg.contains("Legacy mainframe"));
    assert!(!svg.contains("data-id=\"pay-&gt;shop:sync\""));
    assert!(
        !svg.contains("in scenario"),
        "no difference legend in target mode"
    );
    assert!(!svg.contains("data-change="));
}

#[test]
fn show_needs_a_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let file = shop(dir.path());
    let svg = dir.path().join("x.svg");
    let out = depdig(&[
        "export",
        file.to_str().unwrap(),
        "-o",
        svg.to_str().unwrap(),
        "--show",
        "target",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn analyze_scenario_analyses_the_target_state() {
    let dir = tempfile::tempdir().unwrap();
    let file = shop(dir.path());
    let f = file.to_str().unwrap();
    let plain = depdig(&["analyze", f, "--format", "json"]);
    assert_eq!(plain.status.code(), Some(0), "{}", stderr(&plain));
    let plain = stdout(&plain);
    assert!(
        plain.contains("\"cycles\": [\n    [\"pay\", \"shop\"]"),
        "{plain}"
    );
    // Removing the payment callback breaks the sync cycle.
    let after = depdig(&[
        "analyze",
        f,
        "--format",
        "json",
        "--scenario",
        "retire-legacy",
    ]);
    assert_eq!(after.status.code(), Some(0), "{}", stderr(&after));
    let after = stdout(&after);
    assert!(
        after.starts_with("{\n  \"scenario\": \"Retire the mainframe\",\n"),
        "{after}"
    );
    assert!(after.contains("\"cycles\": []"), "{after}");

    let text = stdout(&depdig(&["analyze", f, "--scenario", "retire-legacy"]));
    let second = text.lines().nth(1).unwrap_or_default();
    assert_eq!(second, "Scenario: Retire the mainframe (target state)");
    let md = stdout(&depdig(&[
        "analyze",
        f,
        "--format",
        "md",
        "--scenario",
        "retire-legacy",
    ]));
    assert!(
        md.starts_with(
            "# Shop: integration risks\n\nScenario: Retire the mainframe (target state)\n"
        ),
        "{md}"
    );
}

#[test]
fn analyze_scenario_on_a_sample_changes_the_findings() {
    let before = sample("trading-before.ron");
    let f = before.to_str().unwrap();
    let plain = stdout(&depdig(&["analyze", f, "--format", "json"]));
    let out = depdig(&[
        "analyze",
        f,
        "--format",
        "json",
        "--scenario",
        "queue-decoupling",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = stdout(&out);
    assert!(after.contains("\"scenario\": \"Decouple trading from risk"));
    let body = |s: &str| {
        s.lines()
            .filter(|l| !l.contains("\"scenario\""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_ne!(
        body(&plain),
        body(&after),
        "the queue should change what is found"
    );
}

#[test]
fn analyze_view_analyses_only_the_shown_part() {
    let dir = tempfile::tempdir().unwrap();
    let file = shop(dir.path());
    let f = file.to_str().unwrap();
    let out = depdig(&["analyze", f, "--view", "payment path"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(
        text.lines().nth(1).unwrap_or_default(),
        "View: Payment path (2 of 5 systems)"
    );
    let json = stdout(&depdig(&[
        "analyze",
        f,
        "--format",
        "json",
        "--view",
        "dim-stock",
    ]));
    assert!(
        json.starts_with("{\n  \"view\": \"Stock dimmed\",\n"),
        "{json}"
    );
    // The dim-stock view leaves out the shared stock database, so nothing shares a store.
    assert!(json.contains("\"shared_stores\": []"), "{json}");
    let plain = stdout(&depdig(&["analyze", f, "--format", "json"]));
    assert!(!plain.contains("\"shared_stores\": []"), "{plain}");
}

/// The JSON is real JSON for any name: quotes, backslashes, control characters and any script
/// come back unchanged through a JSON parser.
#[test]
fn analyze_json_keeps_names_with_quotes_newlines_and_unicode() {
    let name = "Stock \"dimmed\"\nsecond line\t— Größe 株 🚀 \\ end";
    let ron_name = "Stock \\\"dimmed\\\"\\nsecond line\\t— Größe 株 🚀 \\\\ end";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("names.ron");
    std::fs::write(&file, SHOP.replace("Stock dimmed", ron_name)).unwrap();
    let f = file.to_str().unwrap();
    let out = depdig(&[
        "analyze",
        f,
        "--format",
        "json",
        "--view",
        "dim-stock",
        "--scenario",
        "retire-legacy",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["view"].as_str(), Some(name), "{json}");
    assert_eq!(json["scenario"].as_str(), Some("Retire the mainframe"));
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "cycles",
            // Issue 17: the ranked list of every finding.
            "findings",
            "scale",
            "scenario",
            "shared_stores",
            "single_points",
            "sovereignty",
            "temporal",
            "view"
        ]
    );
    // Written first, scenario before view, and escaped, never split across lines.
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "{\n  \"scenario\": \"Retire the mainframe\",\n  \"view\": \"Stock \\\"dimmed\\\"\\nsecond line\\t— Größe 株 🚀 \\\\ end\",\n"
        ),
        "{text}"
    );
}
