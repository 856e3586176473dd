//! Production checks: which integration points anyone watches, and the important ones nobody
//! does.
//!
//! An *integration point* is a dependency that runs in production: a sync call, an async
//! message, data access or a batch transfer (business processes, human workflows, timing and
//! startup order are not watched by monitors). It is *checked* when it has any production check
//! (monitored, a synthetic transaction or shadow testing) and *watched* when someone would
//! notice it breaking: monitored or exercised by a synthetic transaction. It is *important* when
//! its criticality is high or critical, or when it is high-traffic: the caller's peak load
//! (× retries × calls per request) is at least half the callee's capacity, in the same unit.

use super::super::findings::finding;
use super::super::scale::amplification;
use super::super::{Finding, FindingKind};
use super::rollout::carries_load;
use crate::model::{Criticality, Dependency, DependencyType, Workspace};
use crate::text::{list, plural};

/// Share of the callee's capacity from which a caller's traffic makes a dependency important.
pub const HIGH_TRAFFIC_SHARE: f64 = 0.5;

/// How many integration points have a production check, as the review coverage counts systems.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckCoverage {
    /// Integration points with any check.
    pub checked: usize,
    /// Integration points.
    pub total: usize,
    /// Ids of the integration points without any check.
    pub unchecked: Vec<String>,
    /// Ids of the important integration points nobody watches (not monitored, no synthetic
    /// transaction).
    pub unwatched_important: Vec<String>,
}

impl CheckCoverage {
    /// `checked / total`, 0 for a map without integration points.
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.checked as f64 / self.total as f64
        }
    }
}

/// Whether the dependency runs in production (sync, async, data, batch).
pub fn is_integration_point(d: &Dependency) -> bool {
    matches!(
        d.kind,
        DependencyType::Sync | DependencyType::Async | DependencyType::Data | DependencyType::Batch
    )
}

/// Criticality high or critical, or high-traffic.
fn important(ws: &Workspace, d: &Dependency) -> bool {
    if matches!(d.criticality, Criticality::High | Criticality::Critical) {
        return true;
    }
    let (Some(caller), Some(callee)) = (ws.systems.get(&d.from), ws.systems.get(&d.to)) else {
        return false;
    };
    let (Some(load), Some(cap)) = (caller.peak_load.or(caller.capacity), callee.capacity) else {
        return false;
    };
    carries_load(d)
        && load.unit == cap.unit
        && cap.value > 0.0
        && load.value * amplification(d.retries, d.calls_per_request)
            >= cap.value * HIGH_TRAFFIC_SHARE
}

fn watched(d: &Dependency) -> bool {
    d.watch
        .as_ref()
        .is_some_and(|w| w.monitored || !w.synthetic.trim().is_empty())
}

/// The production-check coverage of the map's integration points.
pub fn check_coverage(ws: &Workspace) -> CheckCoverage {
    let mut c = CheckCoverage::default();
    for (id, d) in ws
        .dependencies
        .iter()
        .filter(|(_, d)| is_integration_point(d))
    {
        c.total += 1;
        if d.watch
            .as_ref()
            .is_some_and(crate::model::ProductionChecks::any)
        {
            c.checked += 1;
        } else {
            c.unchecked.push(id.clone());
        }
        if !watched(d) && important(ws, d) {
            c.unwatched_important.push(id.clone());
        }
    }
    c
}

/// One finding listing the important integration points nobody watches. Only once the map
/// records a production check on any dependency: before that the room has not been asked, and
/// every map would carry the finding.
pub(super) fn unwatched(ws: &Workspace, out: &mut Vec<Finding>) {
    if !ws.dependencies.values().any(|d| d.watch.is_some()) {
        return;
    }
    let c = check_coverage(ws);
    if c.unwatched_important.is_empty() {
        return;
    }
    let mut f = finding(FindingKind::Unwatched, "unwatched".to_owned());
    let names: Vec<String> = c
        .unwatched_important
        .iter()
        .filter_map(|id| ws.dependencies.get(id))
        .map(|d| {
            format!(
                "{} → {} ({})",
                ws.system_name(&d.from),
                ws.system_name(&d.to),
                d.criticality
            )
        })
        .collect();
    f.sentence = format!(
        "Nobody watches {} in production: {}. A failure there is noticed by its users first.",
        plural(
            names.len(),
            "critical or high-traffic integration point",
            "critical or high-traffic integration points"
        ),
        list(&names, "and", 6)
    );
    f.mitigation = "Give each an alert on its errors and latency, or a synthetic transaction \
                    that exercises it; start with the critical ones."
        .into();
    for id in &c.unwatched_important {
        if let Some(d) = ws.dependencies.get(id) {
            f.systems.push(d.from.clone());
            f.systems.push(d.to.clone());
            f.origin.push(d.to.clone());
            f.dependencies.push(id.clone());
        }
    }
    out.push(f);
}
