//! Checks of the plan: roadmap phases, and a dependency's rollout, production checks and cost.

use std::collections::BTreeSet;

use super::{Checker, ItemKind, Problem, Severity, Workspace, check_scenario};
use crate::model::{Date, Dependency, Phase, StageStatus};

/// A dependency's rollout, production checks and cost.
pub(super) fn check_plan_fields(c: &mut Checker<'_>, ws: &Workspace, d: &Dependency) {
    if let Some(r) = &d.rollout {
        let mut last_share = 0.0_f64;
        let mut last_date = None;
        let mut planned_before: Option<usize> = None;
        for (i, s) in r.stages.iter().enumerate() {
            let field = format!("rollout.stages[{i}]");
            if !s.share_percent.is_finite() || s.share_percent <= 0.0 || s.share_percent > 100.0 {
                c.error(
                    format!("{field}.share_percent"),
                    format!(
                        "{} is not a share of traffic; use more than 0 and at most 100 (percent)",
                        s.share_percent
                    ),
                );
            } else if s.share_percent < last_share {
                c.warn(
                    format!("{field}.share_percent"),
                    format!(
                        "{} % is less than the stage before ({} %); a canary grows its share",
                        s.share_percent, last_share
                    ),
                );
            }
            if s.share_percent.is_finite() {
                last_share = last_share.max(s.share_percent);
            }
            if let (Some(before), Some(date)) = (last_date, s.date)
                && date < before
            {
                c.warn(
                    format!("{field}.date"),
                    format!("{date} is before the stage before ({before})"),
                );
            }
            last_date = s.date.or(last_date);
            match (s.status, planned_before) {
                (StageStatus::Planned, None) => planned_before = Some(i),
                (StageStatus::Running | StageStatus::Done, Some(p)) => c.warn(
                    format!("{field}.status"),
                    format!(
                        "stage {} is {} but stage {} before it is still planned",
                        i + 1,
                        s.status.label().to_lowercase(),
                        p + 1
                    ),
                ),
                _ => {}
            }
        }
        for (i, s) in r.signals.iter().enumerate() {
            if !s.threshold.is_finite() || s.threshold < 0.0 {
                c.error(
                    format!("rollout.signals[{i}].threshold"),
                    format!("{} must be a number of 0 or more", s.threshold),
                );
            }
        }
        c.links(
            "rollout.gate",
            &r.gate,
            |id| ws.failure_modes.contains_key(id),
            "a failure mode",
        );
    }
    if let Some(cost) = &d.cost {
        if !cost.hours_per_month.is_finite() || cost.hours_per_month < 0.0 {
            c.error(
                "cost.hours_per_month",
                format!(
                    "{} must be a number of hours, 0 or more",
                    cost.hours_per_month
                ),
            );
        }
        if cost.teams == Some(0) {
            c.error(
                "cost.teams",
                "a change needs at least one team; leave it out to count the owners",
            );
        }
    }
}

/// Checks one phase on its own: its id, name and scenario.
pub(crate) fn check_phase(out: &mut Vec<Problem>, ws: &Workspace, p: &Phase) {
    let mut c = Checker {
        out,
        kind: ItemKind::Phase,
        id: &p.id,
    };
    c.slug("id", &p.id);
    if p.name.trim().is_empty() {
        c.error("name", "a phase needs a name");
    }
    if p.scenario.trim().is_empty() {
        c.warn(
            "scenario",
            "the phase names no scenario, so it changes nothing; choose one",
        );
    } else if !ws.scenarios.contains_key(&p.scenario) {
        c.warn(
            "scenario",
            format!(
                "scenario \"{}\" does not exist (any more), so the phase changes nothing; \
                 choose another",
                p.scenario
            ),
        );
    }
}

/// The whole roadmap: each phase, ids used twice, target dates out of order and a scenario
/// applied twice.
pub(super) fn check_roadmap(out: &mut Vec<Problem>, ws: &Workspace) {
    let mut ids = BTreeSet::new();
    let mut scenarios = BTreeSet::new();
    let mut last_date: Option<(Date, &str)> = None;
    for p in &ws.roadmap {
        check_phase(out, ws, p);
        let mut c = Checker {
            out,
            kind: ItemKind::Phase,
            id: &p.id,
        };
        if !ids.insert(p.id.as_str()) {
            c.error(
                "id",
                format!(
                    "the id \"{}\" is used by two phases; phase ids must be unique",
                    p.id
                ),
            );
        }
        if !p.scenario.is_empty() && !scenarios.insert(p.scenario.as_str()) {
            c.warn(
                "scenario",
                format!(
                    "scenario \"{}\" is already applied by an earlier phase; applied again it \
                     changes little or nothing",
                    p.scenario
                ),
            );
        }
        if let Some(date) = p.target_date {
            if let Some((before, name)) = last_date
                && date < before
            {
                c.warn(
                    "target_date",
                    format!(
                        "{date} is before the target date of the earlier phase \"{name}\" \
                         ({before}); phases are carried out in roadmap order"
                    ),
                );
            }
            last_date = Some((date, &p.name));
        }
    }
}

/// The errors in the roadmap and in every scenario, each checked against the state it is
/// applied to (a scenario the roadmap stops using is checked against today's map again). An edit
/// of a scenario or of the roadmap must not add any.
pub(crate) fn roadmap_errors(ws: &Workspace) -> Vec<Problem> {
    let mut out = Vec::new();
    check_roadmap(&mut out, ws);
    for s in ws.scenarios.values() {
        check_scenario(&mut out, ws, s);
    }
    out.retain(|p| p.severity == Severity::Error);
    out
}
