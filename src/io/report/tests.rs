use super::*;
use crate::model::{
    Date, Dependency, DependencyType, FailureHow, Rehearsal, ResponseStep, System, Trigger,
};

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn ws() -> Workspace {
    let mut ws = Workspace::new("Shop | cascade");
    ws.systems
        .insert("ship".into(), System::new("ship", "Shipping calculator"));
    ws.systems
        .insert("cat".into(), System::new("cat", "Product catalog"));
    let d = Dependency::new("cat", "ship", DependencyType::Sync);
    ws.dependencies.insert(d.id(), d);
    let mut a = DebtItem::new("b-low", "Low one");
    a.impact = 2;
    let mut b = DebtItem::new("a-high", "No timeout\nbudget | yet");
    b.impact = 5;
    b.links = vec!["ship".into(), "cat->ship:sync".into()];
    b.created = Some(date("2026-10-01"));
    let mut c = DebtItem::new("c-high", "Also high");
    c.impact = 5;
    for d in [a, b, c] {
        ws.debt.insert(d.id.clone(), d);
    }
    let mut f = FailureMode::new(
        "slow-ship",
        "Shipping slow",
        Trigger {
            element: "ship".into(),
            how: FailureHow::Slow,
        },
    );
    f.steps = vec![
        ResponseStep {
            actor: "SRE".into(),
            action: "Open breaker".into(),
            minutes: 5,
        },
        ResponseStep {
            actor: "Checkout".into(),
            action: "Flat rate".into(),
            minutes: 10,
        },
    ];
    f.rehearsals = vec![
        Rehearsal {
            date: date("2026-10-20"),
            duration_min: 20,
            duration_s: None,
            notes: String::new(),
        },
        Rehearsal {
            date: date("2026-09-01"),
            duration_min: 30,
            duration_s: None,
            notes: String::new(),
        },
    ];
    let mut g = FailureMode::new(
        "edge-down",
        "Call fails",
        Trigger {
            element: "cat->ship:sync".into(),
            how: FailureHow::Errors,
        },
    );
    g.severity = 10;
    for f in [f, g] {
        ws.failure_modes.insert(f.id.clone(), f);
    }
    ws
}

#[test]
fn markdown_escapes_pipes_and_line_breaks() {
    assert_eq!(md_cell("a|b\nc\r\nd"), "a\\|b<br>c<br>d");
}

#[test]
fn debt_rows_by_impact_then_id_with_link_names() {
    let md = report(&ws(), ReportFormat::Markdown, ReportSection::Debt).unwrap();
    assert!(md.starts_with("# Shop \\| cascade\n\n## Integration debt\n\n"));
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
    assert_eq!(
        rows[0],
        "| id | title | impact | status | kind | owner | links | created | review | description |"
    );
    assert!(rows[2].starts_with(
        "| a-high | No timeout<br>budget \\| yet | 5 | open | other |  | \
         Shipping calculator; Product catalog → Shipping calculator (Sync call) | 2026-10-01 |  |  |"
    ));
    assert!(rows[3].starts_with("| c-high |"));
    assert!(rows[4].starts_with("| b-low |"));
    assert!(!md.contains("## Failure modes"));
}

#[test]
fn failure_rows_by_rpn_with_last_rehearsal_or_never() {
    let csv = report(&ws(), ReportFormat::Csv, ReportSection::Failures).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "id,title,trigger,severity,occurrence,detection,rpn,status,rehearsals,last rehearsed,planned minutes"
    );
    assert_eq!(
        lines[1],
        "edge-down,Call fails,Product catalog → Shipping calculator (Sync call) — errors,10,5,5,250,draft,0,never,0"
    );
    assert_eq!(
        lines[2],
        "slow-ship,Shipping slow,Shipping calculator — slow,5,5,5,125,draft,2,2026-10-20,15"
    );
    assert_eq!(lines[3], "");
}

#[test]
fn all_sections_in_csv_are_separated_by_a_blank_line() {
    let csv = report(&ws(), ReportFormat::Csv, ReportSection::All).unwrap();
    let blocks: Vec<&str> = csv.split("\r\n\r\n").collect();
    assert_eq!(blocks.len(), 3, "{csv}");
    assert!(blocks[0].starts_with("id,title,impact,"));
    assert!(blocks[1].starts_with("id,title,trigger,"));
    assert_eq!(blocks[2], "date,id,decision,decided by,trade-off,links\r\n");
}

#[test]
fn empty_sections_say_so_in_markdown() {
    let md = report(
        &Workspace::new(""),
        ReportFormat::Markdown,
        ReportSection::All,
    )
    .unwrap();
    assert_eq!(
        md,
        "# Report\n\n## Integration debt\n\nNone recorded.\n\n## Failure modes\n\n\
         None recorded.\n\n## Council decisions\n\nNone recorded.\n"
    );
    // Findings are computed, not recorded; the empty section says what was looked for.
    let md = report(
        &Workspace::new("Shop"),
        ReportFormat::Markdown,
        ReportSection::Findings,
    )
    .unwrap();
    assert_eq!(
        md,
        "# Shop\n\n## Findings\n\nNo findings: no cycles, single points, shared stores, \
         conflicts or mismatches on this map.\n"
    );
    let csv = report(
        &Workspace::new("Shop"),
        ReportFormat::Csv,
        ReportSection::Findings,
    )
    .unwrap();
    assert_eq!(
        csv,
        "rank,id,pattern,severity,score,systems,dependants,finding,mitigation,accepted\r\n"
    );
}
