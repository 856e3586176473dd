//! Integration cost: the maintenance hours the dependencies carry, per system and per team, and
//! how many teams a change of each must coordinate.
//!
//! A dependency's hours count in full for each of its two systems (a system's figure is what
//! its integrations cost, so the systems' figures add up to more than the total), and are split
//! evenly between the distinct owners of its two systems for the teams (so the teams' figures add
//! up to the total); a dependency whose systems have no owner counts for [`NO_OWNER`].

use std::collections::{BTreeMap, BTreeSet};

use crate::model::Workspace;

/// The team the hours of a dependency without owners are counted for.
pub const NO_OWNER: &str = "(no owner)";

/// Cost totals of a map.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CostTotals {
    /// Hours per month over every dependency with an estimate.
    pub total_hours: f64,
    /// Per system id: the hours of the dependencies that start or end at it.
    pub by_system: BTreeMap<String, f64>,
    /// Per owner: its share of the hours (split between a dependency's owners).
    pub by_team: BTreeMap<String, f64>,
    /// Dependencies with an estimate.
    pub estimated: usize,
    /// Integration points (see [`super::is_integration_point`]) without an estimate.
    pub unestimated: usize,
    /// Per dependency id: the teams a change must coordinate.
    pub teams: BTreeMap<String, u32>,
}

/// The cost totals of `ws`.
pub fn costs(ws: &Workspace) -> CostTotals {
    let mut t = CostTotals::default();
    for (id, d) in &ws.dependencies {
        t.teams.insert(id.clone(), d.coordination_teams(ws));
        let Some(hours) = d
            .cost
            .map(|c| c.hours_per_month)
            .filter(|h| h.is_finite() && *h >= 0.0)
        else {
            if super::is_integration_point(d) {
                t.unestimated += 1;
            }
            continue;
        };
        t.estimated += 1;
        t.total_hours += hours;
        for end in [&d.from, &d.to] {
            *t.by_system.entry(end.clone()).or_default() += hours;
        }
        let owners: BTreeSet<&str> = [&d.from, &d.to]
            .into_iter()
            .filter_map(|id| ws.systems.get(id.as_str()))
            .map(|s| s.owner.trim())
            .filter(|o| !o.is_empty())
            .collect();
        if owners.is_empty() {
            *t.by_team.entry(NO_OWNER.to_owned()).or_default() += hours;
        } else {
            let share = hours / owners.len() as f64;
            for o in owners {
                *t.by_team.entry(o.to_owned()).or_default() += share;
            }
        }
    }
    t
}
