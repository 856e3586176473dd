//! The roadmap phase by phase: each state analysed like today's map, its findings counted by
//! severity, its top-risk score, what changed from the step before, cost and check coverage.

use std::collections::BTreeSet;

use super::super::report::top_risks;
use super::super::{Analysis, Severity, analyze};
use super::checks::{CheckCoverage, check_coverage};
use super::cost::{CostTotals, costs};
use crate::model::{Phase, Workspace};

/// Open findings by severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SeverityCounts {
    pub critical: usize,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
}

impl SeverityCounts {
    pub fn of(a: &Analysis) -> Self {
        let mut c = SeverityCounts::default();
        for f in a.findings.iter().filter(|f| f.accepted.is_none()) {
            match f.severity {
                Severity::Critical => c.critical += 1,
                Severity::High => c.high += 1,
                Severity::Medium => c.medium += 1,
                Severity::Low => c.low += 1,
            }
        }
        c
    }

    pub fn total(&self) -> usize {
        self.critical + self.high + self.medium + self.low
    }
}

/// One step of the roadmap: today (index 0) or the state after a phase.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseReport {
    /// 0 for today, k for the state after the k-th phase.
    pub index: usize,
    /// `None` for today.
    pub phase: Option<Phase>,
    /// "Today" or the phase's name.
    pub name: String,
    /// System and dependency ids this step adds and removes (empty for today).
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// The owners of the systems this step adds, removes or whose dependencies it changes: the
    /// teams the phase must coordinate.
    pub teams: Vec<String>,
    /// The analysis of the state (the same findings `depdig analyze` gives it).
    pub analysis: Analysis,
    /// Open findings by severity.
    pub counts: SeverityCounts,
    /// The score of the highest-ranked open finding (the first top risk), 0 when none.
    pub top_risk: f64,
    pub top_risk_finding: Option<String>,
    /// Finding ids this step brings and resolves against the step before.
    pub new_findings: Vec<String>,
    pub gone_findings: Vec<String>,
    /// Cost of this state, and the total hours per month of the step before (today: its own).
    pub cost: CostTotals,
    pub cost_before: f64,
    pub checks: CheckCoverage,
}

/// Today's map and the state after each phase, analysed.
pub fn roadmap(ws: &Workspace) -> Vec<PhaseReport> {
    let mut out = vec![report(
        ws,
        0,
        None,
        "Today".to_owned(),
        Vec::new(),
        Vec::new(),
        None,
    )];
    let mut before = ws.clone();
    for (i, step) in ws.roadmap_steps().into_iter().enumerate() {
        let touched: BTreeSet<&str> = step
            .diff
            .added
            .iter()
            .chain(&step.diff.removed)
            .flat_map(|id| {
                crate::model::parse_dependency_id(id)
                    .map_or_else(|| vec![id.as_str()], |(from, to, _)| vec![from, to])
            })
            .collect();
        let teams: BTreeSet<String> = touched
            .into_iter()
            .filter_map(|id| {
                step.state
                    .systems
                    .get(id)
                    .or_else(|| before.systems.get(id))
            })
            .map(|s| s.owner.trim().to_owned())
            .filter(|o| !o.is_empty())
            .collect();
        let previous = out.last();
        let r = report(
            &step.state,
            i + 1,
            Some(step.phase.clone()),
            step.phase.name.clone(),
            step.diff.added.iter().cloned().collect(),
            step.diff.removed.iter().cloned().collect(),
            previous,
        );
        out.push(PhaseReport {
            teams: teams.into_iter().collect(),
            ..r
        });
        before = step.state;
    }
    out
}

fn report(
    state: &Workspace,
    index: usize,
    phase: Option<Phase>,
    name: String,
    added: Vec<String>,
    removed: Vec<String>,
    previous: Option<&PhaseReport>,
) -> PhaseReport {
    let analysis = analyze(state);
    let top = top_risks(&analysis, 1);
    let ids = |a: &Analysis| -> BTreeSet<String> {
        a.findings
            .iter()
            .filter(|f| f.accepted.is_none())
            .map(|f| f.id.clone())
            .collect()
    };
    let now = ids(&analysis);
    let (new_findings, gone_findings) = match previous {
        Some(p) => {
            let then = ids(&p.analysis);
            (
                now.difference(&then).cloned().collect(),
                then.difference(&now).cloned().collect(),
            )
        }
        None => (Vec::new(), Vec::new()),
    };
    let cost = costs(state);
    PhaseReport {
        index,
        phase,
        name,
        added,
        removed,
        teams: Vec::new(),
        counts: SeverityCounts::of(&analysis),
        top_risk: top.first().map_or(0.0, |(f, _)| f.score),
        top_risk_finding: top.first().map(|(f, _)| f.id.clone()),
        new_findings,
        gone_findings,
        cost_before: previous.map_or(cost.total_hours, |p| p.cost.total_hours),
        cost,
        checks: check_coverage(state),
        analysis,
    }
}
