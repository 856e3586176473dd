//! Canary rollouts: the load each stage puts on the callee, the stage that crosses its capacity,
//! and the stages whose rehearsal gate is not met.
//!
//! A stage's load on the callee is what the callee carries already plus the caller's share:
//!
//! `base + caller peak × share × (1 + retries) × calls per request`
//!
//! The caller's figure is its peak load, or its capacity when no peak is known, as the scale
//! findings take it. `base` is the larger of two figures in the callee's capacity unit: what its
//! other callers can send it (their peak × amplification, the scale findings' sum), and the
//! callee's own measured peak load. Figures in different units are never compared: the stage
//! says so instead of guessing.

use super::super::scale::amplification;
use super::super::text::num;
use crate::model::{
    AsyncRole, Dependency, DependencyType, Load, LoadUnit, Rollout, SignalKind, Stage, Workspace,
};

/// The load a stage puts on the callee.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadPrediction {
    /// In the callee's capacity unit; `percent` of its capacity.
    Known {
        load: f64,
        capacity: f64,
        unit: LoadUnit,
        percent: f64,
    },
    /// A figure is missing: the sentence says which.
    Unknown(String),
    /// The caller's load and the callee's capacity are in different units.
    CannotCompare(String),
}

impl LoadPrediction {
    /// The share of the callee's capacity, when known.
    pub fn percent(&self) -> Option<f64> {
        match self {
            LoadPrediction::Known { percent, .. } => Some(*percent),
            _ => None,
        }
    }

    /// "1,100 of 1,000 requests/s (110 %)", or why it is not known.
    pub fn text(&self) -> String {
        match self {
            LoadPrediction::Known {
                load,
                capacity,
                unit,
                percent,
            } => format!(
                "{} of {} {} ({} %)",
                num(*load),
                num(*capacity),
                unit.label(),
                num(percent.round())
            ),
            LoadPrediction::Unknown(why) | LoadPrediction::CannotCompare(why) => why.clone(),
        }
    }
}

/// Whether the dependency sends its caller's load to the callee (sync calls, queries, messages
/// produced), as the scale findings count it.
pub(crate) fn carries_load(d: &Dependency) -> bool {
    match d.kind {
        DependencyType::Sync | DependencyType::Data => true,
        DependencyType::Async => d.async_role() == Some(AsyncRole::Produces),
        _ => false,
    }
}

/// The caller's load figure: its peak, or its capacity when no peak is known.
fn caller_load(ws: &Workspace, d: &Dependency) -> Option<Load> {
    let caller = ws.systems.get(&d.from)?;
    caller
        .peak_load
        .or(caller.capacity)
        .filter(|l| l.value.is_finite() && l.value >= 0.0)
}

/// The load on `dep`'s callee when `share_percent` of its caller's traffic goes over it.
pub fn stage_load(ws: &Workspace, dep: &Dependency, share_percent: f64) -> LoadPrediction {
    let callee = ws.system_name(&dep.to);
    let caller = ws.system_name(&dep.from);
    if !carries_load(dep) {
        return LoadPrediction::Unknown(format!(
            "a {} dependency sends no load to {callee}",
            dep.kind.label().to_lowercase()
        ));
    }
    let Some(cap) = ws
        .systems
        .get(&dep.to)
        .and_then(|s| s.capacity)
        .filter(|c| c.value.is_finite() && c.value > 0.0)
    else {
        return LoadPrediction::Unknown(format!("{callee} has no capacity on the map"));
    };
    let Some(load) = caller_load(ws, dep) else {
        return LoadPrediction::Unknown(format!("{caller} has no peak load on the map"));
    };
    if load.unit != cap.unit {
        return LoadPrediction::CannotCompare(format!(
            "cannot compare: {caller}'s load is in {}, {callee}'s capacity in {}",
            load.unit.label(),
            cap.unit.label()
        ));
    }
    let id = dep.id();
    let others: f64 = ws
        .dependencies
        .iter()
        .filter(|(other, d)| **other != id && d.to == dep.to && d.from != d.to && carries_load(d))
        .filter_map(|(_, d)| {
            caller_load(ws, d)
                .filter(|l| l.unit == cap.unit)
                .map(|l| l.value * amplification(d.retries, d.calls_per_request))
        })
        .sum();
    let own = ws
        .systems
        .get(&dep.to)
        .and_then(|s| s.peak_load)
        .filter(|p| p.unit == cap.unit && p.value.is_finite() && p.value >= 0.0)
        .map_or(0.0, |p| p.value);
    let share = share_percent.clamp(0.0, 100.0) / 100.0;
    let total =
        others.max(own) + load.value * share * amplification(dep.retries, dep.calls_per_request);
    LoadPrediction::Known {
        load: total,
        capacity: cap.value,
        unit: cap.unit,
        percent: total / cap.value * 100.0,
    }
}

/// The failure modes of `gate` that have no rehearsal by the stage's date (any rehearsal when
/// the stage has no date). An id that names no failure mode is never rehearsed.
pub(crate) fn gate_missing(ws: &Workspace, gate: &[String], stage: &Stage) -> Vec<String> {
    gate.iter()
        .filter(|id| {
            !ws.failure_modes.get(id.as_str()).is_some_and(|f| {
                f.rehearsals
                    .iter()
                    .any(|r| stage.date.is_none_or(|d| r.date <= d))
            })
        })
        .cloned()
        .collect()
}

/// The head-room line: a stage past it is warned about before it crosses capacity.
pub const HEADROOM_PERCENT: f64 = 80.0;

/// The warning before the first stage that crosses the callee's capacity (or, when none does,
/// the 80 % head-room line or the rollout's own callee-load signal): "at 25 % Reporting
/// database reaches 110 % of its 500 simultaneous queries".
pub(crate) fn warning(
    ws: &Workspace,
    dep: &Dependency,
    loads: &[(f64, LoadPrediction)],
) -> Option<(usize, String)> {
    let callee = ws.system_name(&dep.to);
    let at = |limit: f64| {
        loads
            .iter()
            .enumerate()
            .find(|(_, (_, l))| l.percent().is_some_and(|p| p >= limit))
            .map(|(i, (share, l))| (i, share, l))
    };
    let says = |share: f64, l: &LoadPrediction| match l {
        LoadPrediction::Known {
            capacity,
            unit,
            percent,
            ..
        } => format!(
            "at {} % {callee} reaches {} % of its {} {}",
            num(share),
            num(percent.round()),
            num(*capacity),
            unit.label()
        ),
        other => other.text(),
    };
    if let Some((i, share, l)) = at(100.0) {
        return Some((
            i,
            format!(
                "{}: stop before this stage or add capacity",
                says(*share, l)
            ),
        ));
    }
    let signal = dep
        .rollout
        .as_ref()
        .and_then(|r| {
            r.signals
                .iter()
                .filter(|s| s.what == SignalKind::CalleeLoadPercent)
                .map(|s| s.threshold)
                .reduce(f64::min)
        })
        .filter(|t| *t < HEADROOM_PERCENT);
    if let Some(t) = signal
        && let Some((i, share, l)) = at(t)
    {
        return Some((
            i,
            format!(
                "{}: past the rollout's own stop signal ({} % callee load)",
                says(*share, l),
                num(t)
            ),
        ));
    }
    at(HEADROOM_PERCENT).map(|(i, share, l)| {
        (
            i,
            format!(
                "{}: past the {} % head-room line",
                says(*share, l),
                num(HEADROOM_PERCENT)
            ),
        )
    })
}

/// Each stage's share and predicted load.
pub(crate) fn loads(ws: &Workspace, dep: &Dependency, r: &Rollout) -> Vec<(f64, LoadPrediction)> {
    r.stages
        .iter()
        .map(|s| (s.share_percent, stage_load(ws, dep, s.share_percent)))
        .collect()
}
