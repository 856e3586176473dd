//! The JSON of `depdig roadmap --format json`, as types: their field names and order are the
//! keys and their order.

use serde::Serialize;

use super::{LoadPrediction, PhaseReport, RolloutReport};

#[derive(Serialize)]
struct Doc<'a> {
    title: &'a str,
    /// Today (index 0), then one entry per phase.
    steps: Vec<StepJson<'a>>,
    rollouts: Vec<RolloutJson<'a>>,
}

#[derive(Serialize)]
struct StepJson<'a> {
    index: usize,
    /// `null` for today.
    phase: Option<&'a str>,
    name: &'a str,
    scenario: Option<&'a str>,
    target_date: Option<String>,
    owner: Option<&'a str>,
    added: &'a [String],
    removed: &'a [String],
    teams: &'a [String],
    findings: CountsJson,
    top_risk: f64,
    top_risk_finding: Option<&'a str>,
    new_findings: &'a [String],
    resolved_findings: &'a [String],
    cost_before: f64,
    cost_after: f64,
    cost_by_team: &'a std::collections::BTreeMap<String, f64>,
    checked: usize,
    integration_points: usize,
    unwatched_important: &'a [String],
}

#[derive(Serialize)]
struct CountsJson {
    critical: usize,
    high: usize,
    medium: usize,
    low: usize,
}

#[derive(Serialize)]
struct RolloutJson<'a> {
    dependency: &'a str,
    phase: Option<&'a str>,
    scenario: Option<&'a str>,
    stages: Vec<StageJson<'a>>,
    warning: Option<&'a str>,
    /// The next stage (1-based) and the failure modes it waits for a rehearsal of.
    blocked: Option<BlockedJson<'a>>,
    rollback_trigger: &'a str,
    rollback_action: &'a str,
    gate: &'a [String],
}

#[derive(Serialize)]
struct BlockedJson<'a> {
    stage: usize,
    waits_for: &'a [String],
}

#[derive(Serialize)]
struct StageJson<'a> {
    stage: usize,
    share_percent: f64,
    min_hours: u32,
    status: &'static str,
    date: Option<String>,
    /// In the callee's capacity unit; `null` when it cannot be predicted (see `note`).
    load: Option<f64>,
    capacity: Option<f64>,
    unit: Option<&'static str>,
    percent_of_capacity: Option<f64>,
    note: Option<&'a str>,
    gate_missing: &'a [String],
}

/// The roadmap and rollouts as pretty JSON.
pub fn roadmap_json(
    title: &str,
    steps: &[PhaseReport],
    rollouts: &[RolloutReport],
) -> serde_json::Result<String> {
    let doc = Doc {
        title,
        steps: steps
            .iter()
            .map(|p| StepJson {
                index: p.index,
                phase: p.phase.as_ref().map(|ph| ph.id.as_str()),
                name: &p.name,
                scenario: p.phase.as_ref().map(|ph| ph.scenario.as_str()),
                target_date: p
                    .phase
                    .as_ref()
                    .and_then(|ph| ph.target_date)
                    .map(|d| d.to_string()),
                owner: p.phase.as_ref().map(|ph| ph.owner.as_str()),
                added: &p.added,
                removed: &p.removed,
                teams: &p.teams,
                findings: CountsJson {
                    critical: p.counts.critical,
                    high: p.counts.high,
                    medium: p.counts.medium,
                    low: p.counts.low,
                },
                top_risk: p.top_risk,
                top_risk_finding: p.top_risk_finding.as_deref(),
                new_findings: &p.new_findings,
                resolved_findings: &p.gone_findings,
                cost_before: p.cost_before,
                cost_after: p.cost.total_hours,
                cost_by_team: &p.cost.by_team,
                checked: p.checks.checked,
                integration_points: p.checks.total,
                unwatched_important: &p.checks.unwatched_important,
            })
            .collect(),
        rollouts: rollouts
            .iter()
            .map(|r| RolloutJson {
                dependency: &r.dependency,
                phase: r.phase.as_deref(),
                scenario: r.scenario.as_deref(),
                stages: r
                    .stages
                    .iter()
                    .map(|s| {
                        let stage = &r.rollout.stages[s.index];
                        let (load, capacity, unit, percent, note) = match &s.load {
                            LoadPrediction::Known {
                                load,
                                capacity,
                                unit,
                                percent,
                            } => (
                                Some(*load),
                                Some(*capacity),
                                Some(unit.as_str()),
                                Some(*percent),
                                None,
                            ),
                            LoadPrediction::Unknown(why) | LoadPrediction::CannotCompare(why) => {
                                (None, None, None, None, Some(why.as_str()))
                            }
                        };
                        StageJson {
                            stage: s.index + 1,
                            share_percent: s.share_percent,
                            min_hours: stage.min_hours,
                            status: stage.status.as_str(),
                            date: stage.date.map(|d| d.to_string()),
                            load,
                            capacity,
                            unit,
                            percent_of_capacity: percent,
                            note,
                            gate_missing: &s.gate_missing,
                        }
                    })
                    .collect(),
                warning: r.warning.as_deref(),
                blocked: r.blocked.as_ref().map(|(i, waits)| BlockedJson {
                    stage: i + 1,
                    waits_for: waits,
                }),
                rollback_trigger: &r.rollout.rollback_trigger,
                rollback_action: &r.rollout.rollback_action,
                gate: &r.rollout.gate,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    Ok(text)
}
