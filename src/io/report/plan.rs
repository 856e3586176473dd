//! The plan's tables: rollouts stage by stage, production checks of every integration point,
//! and integration cost per dependency and per team.

use super::{Table, link_name};
use crate::analysis::plan::{check_coverage, costs, is_integration_point, rollouts};
use crate::model::{Criticality, Workspace};

/// Columns of the rollouts table, in order.
pub const ROLLOUT_COLUMNS: &[&str] = &[
    "dependency",
    "phase",
    "stage",
    "share %",
    "at least",
    "status",
    "date",
    "predicted load",
    "% of capacity",
    "gate not rehearsed",
    "note",
];

/// Columns of the production-checks table, in order.
pub const CHECK_COLUMNS: &[&str] = &[
    "dependency",
    "criticality",
    "important",
    "monitored by",
    "synthetic transaction",
    "shadow testing",
    "checked",
];

/// Columns of the cost table, in order.
pub const COST_COLUMNS: &[&str] = &["dependency", "hours per month", "teams", "owners"];

/// Columns of the cost-by-team table, in order.
pub const TEAM_COST_COLUMNS: &[&str] = &["team", "hours per month"];

fn yes(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}

fn figure(v: f64) -> String {
    crate::analysis::text::num(v)
}

/// Every rollout, one row per stage, in the order of `depdig roadmap`.
pub(super) fn rollout_table(ws: &Workspace) -> Table {
    let named = ws.with_every_addition();
    let mut rows = Vec::new();
    for r in rollouts(ws) {
        let phase = r
            .phase
            .as_deref()
            .and_then(|id| ws.roadmap.iter().find(|p| p.id == id))
            .map_or_else(
                || r.scenario.clone().unwrap_or_default(),
                |p| p.name.clone(),
            );
        let name = link_name(&named, &r.dependency);
        for s in &r.stages {
            let stage = &r.rollout.stages[s.index];
            let mut note = Vec::new();
            if r.warning_stage == Some(s.index)
                && let Some(w) = &r.warning
            {
                note.push(w.clone());
            }
            if r.blocked.as_ref().is_some_and(|(i, _)| *i == s.index) {
                note.push("next to start; blocked until its gate is rehearsed".to_owned());
            }
            let gate = ws.failure_mode_titles(&s.gate_missing);
            rows.push(vec![
                name.clone(),
                phase.clone(),
                (s.index + 1).to_string(),
                figure(s.share_percent),
                stage.duration_text(),
                stage.status.to_string(),
                stage.date.map(|d| d.to_string()).unwrap_or_default(),
                s.load.text(),
                s.load
                    .percent()
                    .map(|p| figure(p.round()))
                    .unwrap_or_default(),
                gate.join("; "),
                note.join("; "),
            ]);
        }
    }
    Table {
        heading: "Rollouts",
        empty: "No rollouts planned.",
        columns: ROLLOUT_COLUMNS,
        rows,
    }
}

/// Every integration point of today's map and how it is watched.
pub(super) fn check_table(ws: &Workspace) -> Table {
    let c = check_coverage(ws);
    let rows = ws
        .dependencies
        .iter()
        .filter(|(_, d)| is_integration_point(d))
        .map(|(id, d)| {
            let w = d.watch.clone().unwrap_or_default();
            let important = c.unwatched_important.contains(id)
                || matches!(d.criticality, Criticality::High | Criticality::Critical);
            let monitored = match (w.monitored, w.monitored_by.trim()) {
                (false, _) => String::new(),
                (true, "") => "yes".to_owned(),
                (true, by) => by.to_owned(),
            };
            vec![
                link_name(ws, id),
                d.criticality.to_string(),
                yes(important),
                monitored,
                w.synthetic.clone(),
                yes(w.shadow),
                yes(w.any()),
            ]
        })
        .collect();
    Table {
        heading: "Production checks",
        empty: "No integration points on this map.",
        columns: CHECK_COLUMNS,
        rows,
    }
}

/// Dependencies with a maintenance estimate and their total, then the hours per team.
pub(super) fn cost_tables(ws: &Workspace) -> Vec<Table> {
    let t = costs(ws);
    let mut rows: Vec<Vec<String>> = ws
        .dependencies
        .iter()
        .filter_map(|(id, d)| {
            let c = d.cost?;
            let mut owners: Vec<String> = [&d.from, &d.to]
                .into_iter()
                .filter_map(|s| ws.systems.get(s.as_str()))
                .map(|s| s.owner.trim().to_owned())
                .filter(|o| !o.is_empty())
                .collect();
            owners.dedup();
            Some(vec![
                link_name(ws, id),
                figure(c.hours_per_month),
                t.teams.get(id).copied().unwrap_or(1).to_string(),
                owners.join("; "),
            ])
        })
        .collect();
    if !rows.is_empty() {
        rows.push(vec![
            "Total".to_owned(),
            figure(t.total_hours),
            String::new(),
            String::new(),
        ]);
    }
    let teams = t
        .by_team
        .iter()
        .map(|(team, h)| vec![team.clone(), figure(*h)])
        .collect();
    vec![
        Table {
            heading: "Integration cost",
            empty: "No maintenance estimates recorded.",
            columns: COST_COLUMNS,
            rows,
        },
        Table {
            heading: "Cost by team",
            empty: "No maintenance estimates recorded.",
            columns: TEAM_COST_COLUMNS,
            rows: teams,
        },
    ]
}
