//! The workspace document: systems, dependencies and the workshop's annotations.
//!
//! Plain data plus invariants; no UI and no file format here (see `io` for files, `ops` for edits).

mod annotations;
mod backdrop;
mod dependency;
pub mod diff;
mod enums;
mod filter;
mod ids;
mod kind_guess;
mod plan;
mod scenario;
mod system;
mod time;
pub(crate) mod validate;
mod workshop;
mod zone;

use std::collections::BTreeMap;

pub use annotations::{DebtItem, FailureMode, Rehearsal, ResponseStep, Trigger};
pub use backdrop::{BACKDROP_SCALE_RANGE, Backdrop};
pub use dependency::{Dependency, dependency_id, parse_dependency_id};
pub use enums::*;
pub use filter::{Visibility, neighbourhood, visible};
pub use plan::{Cost, Phase, ProductionChecks, RoadmapStep, Rollout, Signal, Stage};
pub use scenario::ScenarioDiff;
pub use system::{CanvasPos, DataEntity, Load, ReviewChecklist, System};
pub use time::{Date, Days, MINUTES_PER_DAY, TimeWindow, clock};
pub use validate::{ItemKind, Problem, Severity, is_slug, slugify, unique_id, validate};
pub use workshop::{
    AcceptedFinding, Camera, Decision, Filters, Focus, ParkingLotItem, Scenario, View,
};
pub use zone::{find_time_zone, is_timezone, timezone_message};

/// The timezone of a workspace that does not name one.
pub const DEFAULT_TIMEZONE: &str = "UTC";

/// Everything a workshop maps and records. Collections are keyed by id and therefore sorted,
/// which makes saving deterministic.
#[derive(Debug, Clone, PartialEq)]
pub struct Workspace {
    pub title: String,
    pub description: String,
    /// IANA timezone for time windows that do not name their own.
    pub timezone: String,
    /// How Space / Relayout and `depdig layout` lay the map out; `None`: the force layout.
    pub layout: Option<LayoutStyle>,
    /// A photo drawn behind the map (a whiteboard to trace).
    pub backdrop: Option<Backdrop>,
    pub systems: BTreeMap<String, System>,
    /// Keyed by `FROM->TO:TYPE`.
    pub dependencies: BTreeMap<String, Dependency>,
    pub debt: BTreeMap<String, DebtItem>,
    pub failure_modes: BTreeMap<String, FailureMode>,
    pub views: BTreeMap<String, View>,
    pub scenarios: BTreeMap<String, Scenario>,
    /// The plan: phases in the order they are carried out, each building on the one before.
    pub roadmap: Vec<Phase>,
    pub parking_lot: BTreeMap<String, ParkingLotItem>,
    pub decisions: BTreeMap<String, Decision>,
    /// Keyed by finding id.
    pub accepted_findings: BTreeMap<String, AcceptedFinding>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::new("")
    }
}

/// How many of each main kind of item a workspace holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub systems: usize,
    pub dependencies: usize,
    pub debt: usize,
    pub failure_modes: usize,
}

impl Workspace {
    pub fn new(title: impl Into<String>) -> Self {
        Workspace {
            title: title.into(),
            description: String::new(),
            timezone: DEFAULT_TIMEZONE.to_owned(),
            layout: None,
            backdrop: None,
            systems: BTreeMap::new(),
            dependencies: BTreeMap::new(),
            debt: BTreeMap::new(),
            failure_modes: BTreeMap::new(),
            views: BTreeMap::new(),
            scenarios: BTreeMap::new(),
            roadmap: Vec::new(),
            parking_lot: BTreeMap::new(),
            decisions: BTreeMap::new(),
            accepted_findings: BTreeMap::new(),
        }
    }

    pub fn counts(&self) -> Counts {
        Counts {
            systems: self.systems.len(),
            dependencies: self.dependencies.len(),
            debt: self.debt.len(),
            failure_modes: self.failure_modes.len(),
        }
    }

    /// `true` if `id` names a system or a dependency.
    pub fn has_element(&self, id: &str) -> bool {
        self.systems.contains_key(id) || self.dependencies.contains_key(id)
    }

    /// `true` if `id` names anything a council decision or parking-lot item may link to:
    /// a system, dependency, debt item or failure mode.
    pub fn has_linkable(&self, id: &str) -> bool {
        self.has_element(id) || self.debt.contains_key(id) || self.failure_modes.contains_key(id)
    }

    /// Ids of the dependencies that start or end at `system`, sorted.
    pub fn dependencies_touching(&self, system: &str) -> Vec<String> {
        self.dependencies
            .iter()
            .filter(|(_, d)| d.from == system || d.to == system)
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Per linked system or dependency id: the ids of the debt items that are not resolved and
    /// link it, and the highest impact among them (debt badges on the canvas and in exports).
    pub fn open_debt_by_element(&self) -> BTreeMap<&str, (std::collections::BTreeSet<&str>, u8)> {
        let mut out: BTreeMap<&str, (std::collections::BTreeSet<&str>, u8)> = BTreeMap::new();
        for d in self
            .debt
            .values()
            .filter(|d| d.status != DebtStatus::Resolved)
        {
            for link in &d.links {
                let e = out.entry(link.as_str()).or_default();
                e.0.insert(d.id.as_str());
                e.1 = e.1.max(d.impact);
            }
        }
        out
    }

    /// The name shown for a system id (the id itself if the system is unknown).
    pub fn system_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.systems.get(id).map_or(id, |s| s.name.as_str())
    }
}
