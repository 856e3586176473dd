//! From map to plan: the roadmap (ordered phases, each a scenario applied on top of the one
//! before), and what a dependency records for going live: its canary rollout, how it is watched
//! in production and what it costs to keep.
//!
//! Phases stack: phase 1's state is its scenario's target over today's map, phase k's state is
//! its scenario's target over phase k−1's state ([`Workspace::roadmap_steps`]). So a later phase
//! may remove what an earlier one added, add back what an earlier one removed, and connect to
//! systems an earlier one added; a scenario is checked against the state it is applied to
//! ([`Workspace::roadmap_base`]).

use std::collections::BTreeSet;

use super::enums::{SignalKind, StageStatus};
use super::scenario::ScenarioDiff;
use super::time::Date;
use super::workshop::Scenario;
use super::{Dependency, Workspace};

/// One step of the roadmap: a scenario with a name, a target date and an owner.
#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    /// Stable slug, unique in the roadmap.
    pub id: String,
    pub name: String,
    /// Id of the scenario this phase applies. An unknown or empty id changes nothing (and is
    /// a warning).
    pub scenario: String,
    pub target_date: Option<Date>,
    /// Who answers for the phase (a team or a person).
    pub owner: String,
    pub notes: String,
}

impl Phase {
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        scenario: impl Into<String>,
    ) -> Self {
        Phase {
            id: id.into(),
            name: name.into(),
            scenario: scenario.into(),
            target_date: None,
            owner: String::new(),
            notes: String::new(),
        }
    }
}

/// A gradual rollout of a dependency: stages of growing traffic share, the signals watched and
/// when to roll back.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rollout {
    /// In the order they run; shares should grow.
    pub stages: Vec<Stage>,
    pub signals: Vec<Signal>,
    /// What makes the team roll back ("error rate over 1 % for 5 minutes").
    pub rollback_trigger: String,
    /// How ("switch the feature flag off; orders go back to the direct call").
    pub rollback_action: String,
    /// Ids of failure modes that must have a rehearsal before a stage may start.
    pub gate: Vec<String>,
}

impl Rollout {
    /// The stage the rollout stands at: the last one started (running, done or rolled back),
    /// `None` before the first starts.
    pub fn current(&self) -> Option<usize> {
        self.stages.iter().rposition(Stage::started)
    }

    /// The first stage not started yet: the next to start.
    pub fn next(&self) -> Option<usize> {
        self.stages.iter().position(|s| !s.started())
    }
}

/// One stage of a rollout.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    /// Share of the caller's traffic sent over the dependency, in percent (0 < share ≤ 100).
    pub share_percent: f64,
    /// How long the stage must run before the next may start, in hours.
    pub min_hours: u32,
    pub status: StageStatus,
    /// When it started (running, done, rolled back) or is planned to.
    pub date: Option<Date>,
}

impl Stage {
    pub fn new(share_percent: f64, min_hours: u32) -> Self {
        Stage {
            share_percent,
            min_hours,
            status: StageStatus::default(),
            date: None,
        }
    }

    /// The minimum duration as people say it: "4 h", "2 days", "36 h".
    pub fn duration_text(&self) -> String {
        match self.min_hours {
            0 => "no minimum".to_owned(),
            h if h % 24 == 0 && h >= 24 => {
                let d = h / 24;
                if d == 1 {
                    "1 day".to_owned()
                } else {
                    format!("{d} days")
                }
            }
            h => format!("{h} h"),
        }
    }

    /// The stage has started (running, done or rolled back).
    pub fn started(&self) -> bool {
        self.status != StageStatus::Planned
    }
}

/// A signal watched during a rollout and the threshold that stops it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Signal {
    pub what: SignalKind,
    /// In the signal's unit: percent for the error rate and the callee load, ms for latency.
    pub threshold: f64,
}

/// How a dependency is watched in production.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProductionChecks {
    /// Someone is alerted when it breaks.
    pub monitored: bool,
    /// By what ("Grafana alert on queue depth").
    pub monitored_by: String,
    /// The synthetic transaction that exercises it; empty: none.
    pub synthetic: String,
    /// New versions are shadow-tested against it.
    pub shadow: bool,
}

impl ProductionChecks {
    /// Any check at all: monitored, a synthetic transaction or shadow testing.
    pub fn any(&self) -> bool {
        self.monitored || !self.synthetic.trim().is_empty() || self.shadow
    }
}

/// What a dependency costs to keep working.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Cost {
    /// Maintenance estimate, hours per month.
    pub hours_per_month: f64,
    /// The number of teams a change must coordinate, when the room knows better than the
    /// owners on the map (see [`Dependency::coordination_teams`]).
    pub teams: Option<u32>,
}

impl Dependency {
    /// The teams a change of this dependency must coordinate: the cost's `teams` when set, else
    /// the distinct non-empty owners of its two systems, at least 1 (someone changes it).
    /// Groups are not counted: a group is a domain boundary on the map, the owner is the team.
    pub fn coordination_teams(&self, ws: &Workspace) -> u32 {
        if let Some(t) = self.cost.and_then(|c| c.teams) {
            return t;
        }
        let owners: BTreeSet<&str> = [&self.from, &self.to]
            .into_iter()
            .filter_map(|id| ws.systems.get(id.as_str()))
            .map(|s| s.owner.trim())
            .filter(|o| !o.is_empty())
            .collect();
        u32::try_from(owners.len()).unwrap_or(u32::MAX).max(1)
    }
}

/// One phase of the roadmap with the state it leads to.
#[derive(Debug, Clone, PartialEq)]
pub struct RoadmapStep {
    pub phase: Phase,
    /// The phase's scenario, `None` when its id names none.
    pub scenario: Option<Scenario>,
    /// What the phase changes against the state before it.
    pub diff: ScenarioDiff,
    /// The map after this phase (no scenarios, no roadmap of its own).
    pub state: Workspace,
}

impl RoadmapStep {
    /// The state before plus what this phase adds, nothing removed: what a picture of the step
    /// draws, with [`RoadmapStep::diff`] marking added and removed items. `before` is the
    /// previous step's state (or today's map for the first).
    pub fn combined(&self, before: &Workspace) -> Workspace {
        let mut out = match &self.scenario {
            Some(s) => s.combined(before),
            None => before.clone(),
        };
        out.scenarios.clear();
        out.roadmap.clear();
        out
    }
}

impl Workspace {
    /// Position of the phase with this id in the roadmap.
    pub fn phase_index(&self, id: &str) -> Option<usize> {
        self.roadmap.iter().position(|p| p.id == id)
    }

    /// Every phase with the state it leads to, in roadmap order (phases stack).
    pub fn roadmap_steps(&self) -> Vec<RoadmapStep> {
        let mut out: Vec<RoadmapStep> = Vec::with_capacity(self.roadmap.len());
        for phase in &self.roadmap {
            let before = out.last().map_or(self, |s| &s.state);
            out.push(step(self, phase, before));
        }
        out
    }

    /// The state phase `index` (0-based) is applied to: today's map for the first phase, else
    /// the state after the phase before it. `None` past the roadmap's end.
    pub fn state_before_phase(&self, index: usize) -> Option<Workspace> {
        if index >= self.roadmap.len() {
            return None;
        }
        let mut state = self.clone();
        for phase in &self.roadmap[..index] {
            state = step(self, phase, &state).state;
        }
        Some(state)
    }

    /// The state a scenario is applied to when the roadmap uses it after its first phase: the
    /// state after the phases before its first use. `None` for a scenario that is not in the
    /// roadmap or is its first phase's: it is applied to today's map.
    pub fn roadmap_base(&self, scenario: &str) -> Option<Workspace> {
        let index = self.roadmap.iter().position(|p| p.scenario == scenario)?;
        if index == 0 {
            return None;
        }
        self.state_before_phase(index)
    }

    /// This workspace with every system and dependency any scenario adds, so one that a phase
    /// or scenario adds can be named (reports, the Rollouts tab).
    pub fn with_every_addition(&self) -> Workspace {
        let mut all = self.clone();
        for s in self.scenarios.values() {
            for a in &s.added_systems {
                all.systems.entry(a.id.clone()).or_insert_with(|| a.clone());
            }
            for d in &s.added_dependencies {
                all.dependencies.entry(d.id()).or_insert_with(|| d.clone());
            }
        }
        all
    }

    /// The titles of failure modes `ids` (an unknown id as itself), e.g. a rollout gate's.
    pub fn failure_mode_titles<'a>(&'a self, ids: &'a [String]) -> Vec<&'a str> {
        ids.iter()
            .map(|id| {
                self.failure_modes
                    .get(id)
                    .map_or(id.as_str(), |f| f.title.as_str())
            })
            .collect()
    }
}

/// Applies `phase`'s scenario (looked up in `ws`) to `before`.
fn step(ws: &Workspace, phase: &Phase, before: &Workspace) -> RoadmapStep {
    let scenario = ws.scenarios.get(&phase.scenario).cloned();
    let (diff, mut state) = match &scenario {
        Some(s) => (s.diff(before), s.target(before)),
        None => (ScenarioDiff::default(), before.clone()),
    };
    state.scenarios.clear();
    state.roadmap.clear();
    RoadmapStep {
        phase: phase.clone(),
        scenario,
        diff,
        state,
    }
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
