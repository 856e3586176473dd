//! `depdig report`, driven as a user would: the built binary on the samples and on a small
//! hand-written workspace, checked against rows written out by hand.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use std::path::{Path, PathBuf};

use crate::cli_common;
use cli_common::{depdig, sample, stderr, stdout};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs `depdig report ARGS…`, expecting exit 0; returns stdout.
fn report_ok(args: &[&str]) -> String {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let out = depdig(&all);
    assert_eq!(out.status.code(), Some(0), "{all:?}: {}", stderr(&out));
    stdout(&out)
}

/// Three systems, a dependency, three debt items (two of equal impact, one with a `|` and a line
/// break), two failure modes (one rehearsed twice, one never) and two decisions out of date order.
const FIXTURE: &str = r#"(version: 1, title: "Report fixture",
  systems: [
    (id: "checkout", name: "Checkout"),
    (id: "ship", name: "Shipping calculator"),
    (id: "catalog", name: "Product catalog"),
  ],
  dependencies: [
    (from: "checkout", to: "ship", type: "sync"),
    (from: "ship", to: "catalog", type: "sync"),
  ],
  debt: [
    (id: "z-cache", title: "Cache warmed by hand", impact: 2, kind: "manual-step", status: "accepted",
     owner: "SRE", links: ["catalog"]),
    (id: "b-retries", title: "Retries not counted", impact: 4, kind: "missing-monitoring",
     links: ["ship->catalog:sync"], created: Some("2026-10-08")),
    (id: "a-timeout", title: "No timeout | budget", impact: 4, kind: "shortcut", status: "mitigating",
     owner: "Fulfilment", links: ["ship", "checkout->ship:sync"], created: Some("2026-10-01"),
     review: Some("2026-11-05"), description: "Callers retry 3×.\nCarriers are slow."),
  ],
  failure_modes: [
    (id: "ship-slow", title: "Shipping slow", trigger: (element: "ship", how: "slow"),
     severity: 9, occurrence: 6, detection_rating: 5, status: "rehearsed",
     steps: [(actor: "SRE", action: "Open the breaker", minutes: 5),
             (actor: "Checkout", action: "Flat-rate prices", minutes: 25)],
     rehearsals: [(date: "2026-10-14", duration_min: 40), (date: "2026-09-30", duration_min: 55)]),
    (id: "catalog-down", title: "Catalog down", trigger: (element: "ship->catalog:sync", how: "errors"),
     severity: 10, occurrence: 3, detection_rating: 10),
  ],
  decisions: [
    (id: "recs", date: "2026-10-15", decision: "Bestsellers are fine", decided_by: "Council",
     links: ["catalog-down"]),
    (id: "budget", date: "2026-10-08", decision: "Every sync call gets a timeout budget",
     decided_by: "Council", trade_off: "Flat-rate prices", links: ["a-timeout", "checkout->ship:sync"]),
  ],
)"#;

fn fixture(dir: &Path) -> PathBuf {
    let p = dir.join("fixture.ron");
    std::fs::write(&p, FIXTURE).unwrap();
    p
}

#[test]
fn markdown_has_title_sections_and_hand_written_rows_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(dir.path());
    let md = report_ok(&[s(&f)]);
    let expected_debt = "\
## Integration debt

| id | title | impact | status | kind | owner | links | created | review | description |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| a-timeout | No timeout \\| budget | 4 | mitigating | shortcut | Fulfilment | Shipping calculator; Checkout → Shipping calculator (Sync call) | 2026-10-01 | 2026-11-05 | Callers retry 3×.<br>Carriers are slow. |
| b-retries | Retries not counted | 4 | open | missing-monitoring |  | Shipping calculator → Product catalog (Sync call) | 2026-10-08 |  |  |
| z-cache | Cache warmed by hand | 2 | accepted | manual-step | SRE | Product catalog |  |  |  |
";
    assert!(md.starts_with("# Report fixture\n\n"), "{md}");
    assert!(md.contains(expected_debt), "{md}");
    // By RPN: 10×3×10 = 300 before 9×6×5 = 270; never rehearsed shows as "never".
    assert!(md.contains(
        "| catalog-down | Catalog down | Shipping calculator → Product catalog (Sync call) — errors | 10 | 3 | 10 | 300 | draft | 0 | never | 0 |\n\
         | ship-slow | Shipping slow | Shipping calculator — slow | 9 | 6 | 5 | 270 | rehearsed | 2 | 2026-10-14 | 30 |\n"
    ), "{md}");
    // By date.
    assert!(md.contains(
        "| 2026-10-08 | budget | Every sync call gets a timeout budget | Council | Flat-rate prices | No timeout \\| budget; Checkout → Shipping calculator (Sync call) |\n\
         | 2026-10-15 | recs | Bestsellers are fine | Council |  | Catalog down |\n"
    ), "{md}");
    let order: Vec<usize> = [
        "## Integration debt",
        "## Failure modes",
        "## Council decisions",
    ]
    .iter()
    .map(|h| md.find(h).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{md}");
}

#[test]
fn csv_is_rfc4180_with_one_table_per_section() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(dir.path());
    let debt = report_ok(&[s(&f), "--format", "csv", "--section", "debt"]);
    assert_eq!(
        debt,
        "id,title,impact,status,kind,owner,links,created,review,description\r\n\
         a-timeout,No timeout | budget,4,mitigating,shortcut,Fulfilment,\
         Shipping calculator; Checkout → Shipping calculator (Sync call),2026-10-01,2026-11-05,\
         \"Callers retry 3×.\nCarriers are slow.\"\r\n\
         b-retries,Retries not counted,4,open,missing-monitoring,,\
         Shipping calculator → Product catalog (Sync call),2026-10-08,,\r\n\
         z-cache,Cache warmed by hand,2,accepted,manual-step,SRE,Product catalog,,,\r\n"
    );
    let failures = report_ok(&[s(&f), "--format", "csv", "--section", "failures"]);
    assert_eq!(
        failures,
        "id,title,trigger,severity,occurrence,detection,rpn,status,rehearsals,last rehearsed,planned minutes\r\n\
         catalog-down,Catalog down,Shipping calculator → Product catalog (Sync call) — errors,10,3,10,300,draft,0,never,0\r\n\
         ship-slow,Shipping slow,Shipping calculator — slow,9,6,5,270,rehearsed,2,2026-10-14,30\r\n"
    );
    let decisions = report_ok(&[s(&f), "--format", "csv", "--section", "decisions"]);
    assert_eq!(
        decisions,
        "date,id,decision,decided by,trade-off,links\r\n\
         2026-10-08,budget,Every sync call gets a timeout budget,Council,Flat-rate prices,\
         No timeout | budget; Checkout → Shipping calculator (Sync call)\r\n\
         2026-10-15,recs,Bestsellers are fine,Council,,Catalog down\r\n"
    );
    // All: the three tables, each with its header, separated by one blank line.
    let all = report_ok(&[s(&f), "--format", "csv"]);
    assert_eq!(all, format!("{debt}\r\n{failures}\r\n{decisions}"));
}

#[test]
fn section_picks_one_table() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(dir.path());
    let md = report_ok(&[s(&f), "--section", "failures"]);
    assert!(md.contains("## Failure modes"));
    assert!(!md.contains("## Integration debt") && !md.contains("## Council decisions"));
    let md = report_ok(&[s(&f), "--section", "decisions", "--format", "md"]);
    assert!(md.contains("## Council decisions") && !md.contains("## Failure modes"));
}

#[test]
fn output_file_is_written_and_stdout_summarises() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(dir.path());
    let out = dir.path().join("report.md");
    let text = report_ok(&[s(&f), "-o", s(&out)]);
    assert_eq!(
        text,
        format!(
            "{}: 3 debt items, 2 failure modes, 2 decisions\n",
            out.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        report_ok(&[s(&f)]),
        "-o writes what stdout would show"
    );
    // Writing into a missing directory fails cleanly.
    let bad = dir.path().join("missing").join("r.csv");
    let o = depdig(&["report", s(&f), "--format", "csv", "-o", s(&bad)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    assert!(!bad.exists());
}

#[test]
fn samples_report_their_registers_sorted() {
    let md = report_ok(&[s(&sample("ecommerce-cascade.ron"))]);
    assert!(md.starts_with("# E-commerce cascade\n"), "{md}");
    // Hand-checked against samples/ecommerce-cascade.ron: the two impact-5 items by id, the
    // highest-RPN failure mode (9×6×5), and a never-rehearsed one.
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
    assert!(rows[2].starts_with("| auth-on-reporting-db | Login reads the loyalty tier from the reporting database | 5 | open | shortcut |"), "{md}");
    assert!(rows[3].starts_with("| shipping-no-timeout-budget | Shipping calculator has no timeout budget; callers retry 3× | 5 | mitigating |"), "{md}");
    assert!(md.contains("| shipping-timeout-cascade | Slow carriers cascade into a recommendation engine crash | Shipping calculator — slow | 9 | 6 | 5 | 270 |"), "{md}");
    assert!(
        md.contains("| Reporting database — overload | 8 | 7 | 4 | 224 | reviewed | 0 | never |"),
        "{md}"
    );
    for name in [
        "manufacturing-erp.ron",
        "trading-before.ron",
        "trading-after.ron",
    ] {
        let csv = report_ok(&[s(&sample(name)), "--format", "csv", "--section", "debt"]);
        let mut rdr = csv::Reader::from_reader(csv.as_bytes());
        let impacts: Vec<u8> = rdr
            .records()
            .map(|r| r.unwrap()[2].parse().unwrap())
            .collect();
        assert!(!impacts.is_empty(), "{name} has debt");
        assert!(
            impacts.windows(2).all(|w| w[0] >= w[1]),
            "{name}: {impacts:?}"
        );
        let csv = report_ok(&[s(&sample(name)), "--format", "csv", "--section", "failures"]);
        let mut rdr = csv::Reader::from_reader(csv.as_bytes());
        let rpns: Vec<u32> = rdr
            .records()
            .map(|r| r.unwrap()[6].parse().unwrap())
            .collect();
        assert!(rpns.windows(2).all(|w| w[0] >= w[1]), "{name}: {rpns:?}");
    }
}

#[test]
fn bad_file_exits_1_and_bad_flag_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.ron");
    let o = depdig(&["report", s(&missing)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("nope.ron: cannot read"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());

    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(version: 1, title: \"x\", systems: [(id: \"a\"").unwrap();
    let o = depdig(&["report", s(&broken)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("broken.ron:1:"), "{}", stderr(&o));

    let f = fixture(dir.path());
    for args in [
        vec!["report", s(&f), "--format", "xlsx"],
        vec!["report", s(&f), "--section", "scenarios"],
        vec!["report", s(&f), "--frobnicate"],
        vec!["report"],
    ] {
        let o = depdig(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
}
