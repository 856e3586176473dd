//! The workshop's registers as tables: integration debt, failure modes and council decisions,
//! and the analysis' ranked findings, as Markdown (wikis, slides) or CSV (spreadsheets). No egui here; `depdig report` and the
//! app's File ▸ Export report… call the same pure function, so both give the same text.
//!
//! Columns are in a fixed order; rows are sorted by impact (debt) or RPN (failure modes),
//! highest first, then by id; decisions by date, then id. Links are shown by name: a system's
//! name, a dependency as `From → To (type label)`, a debt item's or failure mode's title.
//!
//! ```
//! use depdig::io::report::{ReportFormat, ReportSection, report};
//! use depdig::model::{DebtItem, Workspace};
//! let mut ws = Workspace::new("Shop");
//! ws.debt.insert("d".into(), DebtItem::new("d", "Manual re-key"));
//! let md = report(&ws, ReportFormat::Markdown, ReportSection::Debt).unwrap();
//! assert!(md.starts_with("# Shop\n"));
//! assert!(md.contains("| d | Manual re-key | 3 | open | other |"));
//! ```

use std::cmp::Reverse;

use crate::model::{DebtItem, Decision, FailureMode, Workspace, parse_dependency_id};

mod plan;
pub use plan::{CHECK_COLUMNS, COST_COLUMNS, ROLLOUT_COLUMNS, TEAM_COST_COLUMNS};

/// How the report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportFormat {
    /// A `#` title, then per section a `##` heading and a pipe table.
    #[default]
    Markdown,
    /// RFC 4180 CSV, one table per section with its own header row; several sections are
    /// separated by a blank line.
    Csv,
}

/// Which register(s) the report holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportSection {
    Debt,
    Failures,
    Decisions,
    /// The analysis' findings, ranked (computed from the map, so not part of `All`, which holds
    /// what the workshop recorded).
    Findings,
    /// Debt, failure modes and decisions, in that order.
    #[default]
    All,
    /// Every canary rollout stage by stage, with its predicted load (not part of `All`).
    Rollouts,
    /// How each integration point is watched in production (not part of `All`).
    Checks,
    /// Maintenance hours per dependency and per team (not part of `All`).
    Cost,
}

/// Columns of the debt table, in order.
pub const DEBT_COLUMNS: &[&str] = &[
    "id",
    "title",
    "impact",
    "status",
    "kind",
    "owner",
    "links",
    "created",
    "review",
    "description",
];

/// Columns of the failure-mode table, in order.
pub const FAILURE_COLUMNS: &[&str] = &[
    "id",
    "title",
    "trigger",
    "severity",
    "occurrence",
    "detection",
    "rpn",
    "status",
    "rehearsals",
    "last rehearsed",
    "planned minutes",
];

/// Columns of the decisions table, in order.
pub const DECISION_COLUMNS: &[&str] =
    &["date", "id", "decision", "decided by", "trade-off", "links"];

/// Columns of the findings table, in order.
pub const FINDING_COLUMNS: &[&str] = &[
    "rank",
    "id",
    "pattern",
    "severity",
    "score",
    "systems",
    "dependants",
    "finding",
    "mitigation",
    "accepted",
];

/// What the failure-mode table shows for one that was never rehearsed.
pub const NEVER: &str = "never";

/// One section: its heading and its table.
struct Table {
    heading: &'static str,
    columns: &'static [&'static str],
    rows: Vec<Vec<String>>,
    /// What Markdown says instead of an empty table.
    empty: &'static str,
}

/// The report of `section` in `format`. Pure: the same workspace gives the same text.
pub fn report(
    ws: &Workspace,
    format: ReportFormat,
    section: ReportSection,
) -> std::io::Result<String> {
    let tables: Vec<Table> = match section {
        ReportSection::Debt => vec![debt_table(ws)],
        ReportSection::Failures => vec![failure_table(ws)],
        ReportSection::Decisions => vec![decision_table(ws)],
        ReportSection::Findings => vec![finding_table(ws)],
        ReportSection::All => vec![debt_table(ws), failure_table(ws), decision_table(ws)],
        ReportSection::Rollouts => vec![plan::rollout_table(ws)],
        ReportSection::Checks => vec![plan::check_table(ws)],
        ReportSection::Cost => plan::cost_tables(ws),
    };
    match format {
        ReportFormat::Markdown => Ok(markdown(&ws.title, &tables)),
        ReportFormat::Csv => Ok(tables
            .iter()
            .map(|t| crate::io::csv_text(t.columns, &t.rows))
            .collect::<std::io::Result<Vec<_>>>()?
            .join("\r\n")),
    }
}

/// The name shown for a linked id: a system's name, a dependency as `From → To (type label)`,
/// a debt item's or failure mode's title, else the id itself.
pub fn link_name(ws: &Workspace, id: &str) -> String {
    if let Some(s) = ws.systems.get(id) {
        return s.name.clone();
    }
    if let Some(d) = ws.dependencies.get(id) {
        return format!(
            "{} → {} ({})",
            ws.system_name(&d.from),
            ws.system_name(&d.to),
            d.kind.label()
        );
    }
    if let Some(d) = ws.debt.get(id) {
        return d.title.clone();
    }
    if let Some(f) = ws.failure_modes.get(id) {
        return f.title.clone();
    }
    // A dependency id that is not (or no longer) in the workspace still reads as one.
    if let Some((from, to, kind)) = parse_dependency_id(id) {
        return format!(
            "{} → {} ({})",
            ws.system_name(from),
            ws.system_name(to),
            kind.label()
        );
    }
    id.to_owned()
}

fn links_text(ws: &Workspace, links: &[String]) -> String {
    links
        .iter()
        .map(|l| link_name(ws, l))
        .collect::<Vec<_>>()
        .join("; ")
}

fn date_text(d: Option<crate::model::Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn debt_table(ws: &Workspace) -> Table {
    let mut items: Vec<&DebtItem> = ws.debt.values().collect();
    items.sort_by(|a, b| (Reverse(a.impact), &a.id).cmp(&(Reverse(b.impact), &b.id)));
    let rows = items
        .into_iter()
        .map(|d| {
            vec![
                d.id.clone(),
                d.title.clone(),
                d.impact.to_string(),
                d.status.to_string(),
                d.kind.to_string(),
                d.owner.clone(),
                links_text(ws, &d.links),
                date_text(d.created),
                date_text(d.review),
                d.description.clone(),
            ]
        })
        .collect();
    Table {
        heading: "Integration debt",
        empty: "None recorded.",
        columns: DEBT_COLUMNS,
        rows,
    }
}

fn failure_table(ws: &Workspace) -> Table {
    let mut modes: Vec<&FailureMode> = ws.failure_modes.values().collect();
    modes.sort_by(|a, b| (Reverse(a.rpn()), &a.id).cmp(&(Reverse(b.rpn()), &b.id)));
    let rows = modes
        .into_iter()
        .map(|f| {
            let last = f.rehearsals.iter().map(|r| r.date).max();
            vec![
                f.id.clone(),
                f.title.clone(),
                format!("{} — {}", link_name(ws, &f.trigger.element), f.trigger.how),
                f.severity.to_string(),
                f.occurrence.to_string(),
                f.detection_rating.to_string(),
                f.rpn().to_string(),
                f.status.to_string(),
                f.rehearsals.len().to_string(),
                last.map_or_else(|| NEVER.to_owned(), |d| d.to_string()),
                f.planned_minutes().to_string(),
            ]
        })
        .collect();
    Table {
        heading: "Failure modes",
        empty: "None recorded.",
        columns: FAILURE_COLUMNS,
        rows,
    }
}

/// The findings in display order (open by score, then accepted), with the systems by name.
fn finding_table(ws: &Workspace) -> Table {
    let analysis = crate::analysis::analyze(ws);
    let rows = analysis
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            vec![
                (i + 1).to_string(),
                f.id.clone(),
                f.kind.one().to_owned(),
                f.severity.as_str().to_owned(),
                f.score.to_string(),
                links_text(ws, &f.systems),
                f.dependants.to_string(),
                f.sentence.clone(),
                f.mitigation.clone(),
                f.accepted.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Table {
        heading: "Findings",
        empty: "No findings: no cycles, single points, shared stores, conflicts or mismatches on this map.",
        columns: FINDING_COLUMNS,
        rows,
    }
}

fn decision_table(ws: &Workspace) -> Table {
    let mut decisions: Vec<&Decision> = ws.decisions.values().collect();
    decisions.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let rows = decisions
        .into_iter()
        .map(|d| {
            vec![
                d.date.to_string(),
                d.id.clone(),
                d.decision.clone(),
                d.decided_by.clone(),
                d.trade_off.clone(),
                links_text(ws, &d.links),
            ]
        })
        .collect();
    Table {
        heading: "Council decisions",
        empty: "None recorded.",
        columns: DECISION_COLUMNS,
        rows,
    }
}

/// A table cell in Markdown: `|` escaped, line breaks as `<br>`.
pub fn md_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '|' => out.push_str("\\|"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

fn md_row(out: &mut String, cells: impl Iterator<Item = String>) {
    out.push('|');
    for c in cells {
        out.push(' ');
        out.push_str(&c);
        out.push_str(" |");
    }
    out.push('\n');
}

fn markdown(title: &str, tables: &[Table]) -> String {
    let title = title.trim();
    let mut out = format!(
        "# {}\n",
        if title.is_empty() {
            "Report".to_owned()
        } else {
            md_cell(title)
        }
    );
    for t in tables {
        wl!(out, "\n## {}\n", t.heading);
        if t.rows.is_empty() {
            wl!(out, "{}", t.empty);
            continue;
        }
        md_row(&mut out, t.columns.iter().map(|c| (*c).to_owned()));
        md_row(&mut out, t.columns.iter().map(|_| "---".to_owned()));
        for row in &t.rows {
            md_row(&mut out, row.iter().map(|c| md_cell(c)));
        }
    }
    out
}

#[cfg(test)]
mod tests;
