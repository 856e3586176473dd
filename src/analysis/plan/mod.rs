//! From map to plan: the roadmap phase by phase, canary rollouts (load per stage, rehearsal
//! gates), production checks and integration cost. The findings here go through the same
//! machinery as the others (`analyze` adds them, `rank` scores them).

mod checks;
mod cost;
mod json;
mod render;
mod render_rollouts;
mod roadmap;
mod rollout;

pub use checks::{CheckCoverage, check_coverage, is_integration_point};
pub use cost::{CostTotals, NO_OWNER, costs};
pub use json::roadmap_json;
pub use render::roadmap_text;
pub use roadmap::{PhaseReport, SeverityCounts, roadmap};
pub use rollout::{HEADROOM_PERCENT, LoadPrediction, stage_load};

use super::findings::finding;
use super::text::num;
use super::{Finding, FindingKind};
use crate::model::{Dependency, Rollout, Workspace};
use crate::text::{and_list, plural};

/// One stage of a rollout with its predicted load and the gate failure modes it still lacks a
/// rehearsal of.
#[derive(Debug, Clone, PartialEq)]
pub struct StagePrediction {
    pub index: usize,
    pub share_percent: f64,
    pub load: LoadPrediction,
    /// Gate failure modes without a rehearsal by the stage's date.
    pub gate_missing: Vec<String>,
}

/// A dependency's rollout, evaluated on the state the dependency lives in.
#[derive(Debug, Clone, PartialEq)]
pub struct RolloutReport {
    /// The dependency's id.
    pub dependency: String,
    /// The phase whose state it is evaluated in; `None`: today's map, or a scenario outside
    /// the roadmap.
    pub phase: Option<String>,
    /// The scenario that adds it; `None`: today's map.
    pub scenario: Option<String>,
    pub rollout: Rollout,
    pub stages: Vec<StagePrediction>,
    /// Said before the first stage that crosses the callee's capacity (or its head-room line).
    pub warning: Option<String>,
    /// The stage (0-based) the warning is about.
    pub warning_stage: Option<usize>,
    /// The next stage to start and the gate failure modes it waits for a rehearsal of.
    pub blocked: Option<(usize, Vec<String>)>,
}

/// The report of one dependency's rollout in `state`.
pub fn rollout_report(
    state: &Workspace,
    dep: &Dependency,
    phase: Option<&str>,
    scenario: Option<&str>,
) -> Option<RolloutReport> {
    let r = dep.rollout.as_ref()?;
    let loads = rollout::loads(state, dep, r);
    let (warning_stage, warning) = rollout::warning(state, dep, &loads).unzip();
    let stages: Vec<StagePrediction> = r
        .stages
        .iter()
        .zip(loads)
        .enumerate()
        .map(|(index, (s, (share_percent, load)))| StagePrediction {
            index,
            share_percent,
            load,
            gate_missing: rollout::gate_missing(state, &r.gate, s),
        })
        .collect();
    let blocked = r
        .next()
        .and_then(|i| stages.get(i))
        .filter(|s| !s.gate_missing.is_empty())
        .map(|s| (s.index, s.gate_missing.clone()));
    Some(RolloutReport {
        dependency: dep.id(),
        phase: phase.map(str::to_owned),
        scenario: scenario.map(str::to_owned),
        rollout: r.clone(),
        stages,
        warning,
        warning_stage,
        blocked,
    })
}

/// Every rollout: today's map's dependencies (on today's map), then those each phase adds (on
/// the state after that phase), then those other scenarios add (on their target state).
pub fn rollouts(ws: &Workspace) -> Vec<RolloutReport> {
    let mut out: Vec<RolloutReport> = ws
        .dependencies
        .values()
        .filter_map(|d| rollout_report(ws, d, None, None))
        .collect();
    let mut applied = std::collections::BTreeSet::new();
    for step in ws.roadmap_steps() {
        let Some(s) = &step.scenario else { continue };
        applied.insert(s.id.clone());
        for id in &step.diff.added {
            if let Some(d) = step.state.dependencies.get(id) {
                out.extend(rollout_report(
                    &step.state,
                    d,
                    Some(&step.phase.id),
                    Some(&s.id),
                ));
            }
        }
    }
    for s in ws.scenarios.values().filter(|s| !applied.contains(&s.id)) {
        if !s.added_dependencies.iter().any(|d| d.rollout.is_some()) {
            continue;
        }
        let target = s.target(ws);
        for d in &s.added_dependencies {
            if let Some(d) = target.dependencies.get(&d.id()) {
                out.extend(rollout_report(&target, d, None, Some(&s.id)));
            }
        }
    }
    out
}

/// The plan's findings on `ws`: a rollout stage that takes the callee past its capacity, a
/// stage started without its gate rehearsed, and important integration points nobody watches.
pub(crate) fn findings(ws: &Workspace, out: &mut Vec<Finding>) {
    for d in ws.dependencies.values() {
        let Some(report) = rollout_report(ws, d, None, None) else {
            continue;
        };
        let name = format!("{} → {}", ws.system_name(&d.from), ws.system_name(&d.to));
        let over = report
            .stages
            .iter()
            .find(|s| s.load.percent().is_some_and(|p| p >= 100.0));
        if let (Some(stage), Some(warning)) = (over, &report.warning) {
            let mut f = finding(
                FindingKind::Rollout,
                format!("rollout-load:{}", report.dependency),
            );
            f.sentence = format!(
                "The rollout of {name} overloads {} at stage {} ({} % of the traffic): {}.",
                ws.system_name(&d.to),
                stage.index + 1,
                num(stage.share_percent),
                warning
            );
            f.mitigation = format!(
                "Stop the rollout at the stage before, or add capacity to {} (or cut the \
                 retries and calls per request) before that stage starts.",
                ws.system_name(&d.to)
            );
            f.systems = vec![d.from.clone(), d.to.clone()];
            f.origin = vec![d.to.clone()];
            f.dependencies = vec![report.dependency.clone()];
            out.push(f);
        }
        let ungated: Vec<&StagePrediction> = report
            .stages
            .iter()
            .filter(|s| report.rollout.stages[s.index].started() && !s.gate_missing.is_empty())
            .collect();
        if let Some(first) = ungated.first() {
            let stage = &report.rollout.stages[first.index];
            let modes: Vec<String> = first
                .gate_missing
                .iter()
                .map(|id| {
                    ws.failure_modes
                        .get(id)
                        .map_or_else(|| format!("\"{id}\""), |f| format!("\"{}\"", f.title))
                })
                .collect();
            let mut f = finding(
                FindingKind::Rollout,
                format!("rollout-gate:{}", report.dependency),
            );
            f.sentence = format!(
                "Stage {} of the rollout of {name} ({} % of the traffic) is {} but its gate \
                 failure {} {} {} not rehearsed{}.",
                first.index + 1,
                num(first.share_percent),
                stage.status.label().to_lowercase(),
                if modes.len() == 1 { "mode" } else { "modes" },
                and_list(&modes),
                if modes.len() == 1 { "was" } else { "were" },
                stage
                    .date
                    .map_or_else(String::new, |d| format!(" before it started ({d})"))
            );
            f.mitigation = "Rehearse the failure modes of the gate (and record the rehearsal) \
                            before the next stage; hold the rollout where it is until then."
                .into();
            f.systems = vec![d.from.clone(), d.to.clone()];
            f.origin = vec![d.to.clone()];
            f.dependencies = vec![report.dependency.clone()];
            out.push(f);
        }
    }
    checks::unwatched(ws, out);
}

/// "3 stages (1 %, 25 %, 100 %)".
pub fn stages_text(r: &Rollout) -> String {
    let shares: Vec<String> = r
        .stages
        .iter()
        .map(|s| format!("{} %", num(s.share_percent)))
        .collect();
    format!(
        "{} ({})",
        plural(r.stages.len(), "stage", "stages"),
        shares.join(", ")
    )
}

#[cfg(test)]
mod tests;
