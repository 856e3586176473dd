//! View state: what the user is looking at, never saved into the workspace.

use std::collections::BTreeSet;

use std::borrow::Cow;

use crate::model::{
    DependencyType, Filters, Scenario, ScenarioDiff, Workspace, parse_dependency_id,
};
use crate::theme::ThemeName;

#[derive(Debug, Clone, Default)]
pub struct ViewState {
    /// Selected system ids and dependency ids (`FROM->TO:TYPE`).
    pub selection: BTreeSet<String>,
    /// When set, these ids are highlighted and everything else is dimmed (find, later findings,
    /// debt, focus and rehearsal all use this one mechanism).
    pub highlight: Option<BTreeSet<String>>,
    /// Why the map is dimmed (the banner over the map says it; Esc clears it).
    pub highlight_reason: String,
    /// A saved view's highlighted items: drawn with the highlight ring or band, nothing dimmed.
    pub emphasis: BTreeSet<String>,
    /// Focus and filters in effect (the legend's type toggles are `filters.hidden_types`).
    pub filters: Filters,
    /// The saved view last applied (id), while nothing has changed it since.
    pub active_view: Option<String>,
    /// A scenario being shown, and how.
    pub scenario: Option<(String, ScenarioShow)>,
    /// The roadmap step being shown (Roadmap tab): 0 today's map, k the state after phase k
    /// with what phase k adds and removes marked. A shown scenario takes precedence.
    pub roadmap_step: Option<usize>,
    /// Another workspace file the map is compared with (File ▸ Compare with…).
    pub compare: Option<std::sync::Arc<Comparison>>,
    /// Groups drawn as one node.
    pub collapsed_groups: BTreeSet<String>,
    /// Group hulls drawn behind their systems (View menu).
    pub hide_group_hulls: bool,
    /// The most recently selected ids, oldest first (at most two), so "connect the two selected
    /// systems" knows which was picked first.
    pub recent: Vec<String>,
    pub theme: ThemeName,
    /// Debt badges hidden (View menu).
    pub hide_badges: bool,
    /// Colour systems by the total impact of their open integration debt.
    pub debt_heat: bool,
    /// Halo each system by how many systems depend on it, directly or transitively (View menu).
    pub dependants_halo: bool,
    /// Systems ringed in a given colour (a cascade being played).
    pub marks: std::collections::BTreeMap<String, egui::Color32>,
    /// Dependencies whose circuit breaker tripped in the cascade being played.
    pub tripped: BTreeSet<String>,
    /// Queues with a growing backlog in the cascade being played: seconds it has been growing.
    pub backlogs: std::collections::BTreeMap<String, f32>,
    /// The cascade being played: what happened to each system reached, in words, drawn beside it.
    pub cascade_notes: std::collections::BTreeMap<String, String>,
    /// The cascade being played: the dependencies the failure travelled along so far, each in the
    /// colour of what it did to the caller.
    pub travelled: std::collections::BTreeMap<String, egui::Color32>,
    /// File ▸ Compare with artefacts: what the artefacts add to today's map (one op) and the
    /// ids to mark, drawn like a scenario's difference when no scenario is shown.
    pub drift: Option<std::sync::Arc<(crate::ops::Op, ScenarioDiff)>>,
}

/// Roadmap step `k` (1-based) as drawn: the state before it plus what it adds, with the ids it
/// adds and removes; `None` past the roadmap's end.
fn roadmap_map(ws: &Workspace, k: usize) -> Option<(Workspace, ScenarioDiff)> {
    let steps = ws.roadmap_steps();
    let step = steps.get(k.checked_sub(1)?)?;
    let before = match k.checked_sub(2) {
        Some(i) => &steps.get(i)?.state,
        None => ws,
    };
    Some((step.combined(before), step.diff.clone()))
}

/// A file the open map is compared with: drawn as a difference (what only the open map has is
/// added, what only the file has is removed), listed in the Differences window.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub path: std::path::PathBuf,
    pub other: Workspace,
}

/// How a scenario is shown on the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScenarioShow {
    /// The map as it is today.
    Current,
    /// The map as the scenario would leave it.
    Target,
    /// Today's map with what the scenario adds (green) and removes (struck through, red).
    #[default]
    Difference,
}

impl ScenarioShow {
    pub const ALL: [ScenarioShow; 3] = [
        ScenarioShow::Current,
        ScenarioShow::Target,
        ScenarioShow::Difference,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ScenarioShow::Current => "Current",
            ScenarioShow::Target => "Target",
            ScenarioShow::Difference => "Difference",
        }
    }
}

impl ViewState {
    /// The scenario being shown, if it still exists, and how.
    pub fn shown_scenario<'a>(&self, ws: &'a Workspace) -> Option<(&'a Scenario, ScenarioShow)> {
        let (id, show) = self.scenario.as_ref()?;
        ws.scenarios.get(id).map(|s| (s, *show))
    }

    /// The map this view draws (and exports): the document, a scenario's target state, or for
    /// its difference today's map plus what it adds, with the ids it adds and removes.
    pub fn shown_map<'a>(&self, ws: &'a Workspace) -> (Cow<'a, Workspace>, Option<ScenarioDiff>) {
        match self.shown_scenario(ws) {
            Some((s, ScenarioShow::Target)) => (Cow::Owned(s.target(ws)), None),
            Some((s, ScenarioShow::Difference)) => (Cow::Owned(s.combined(ws)), Some(s.diff(ws))),
            _ if self.roadmap_step.is_some_and(|k| k > 0) => {
                match roadmap_map(ws, self.roadmap_step.unwrap_or(0)) {
                    Some((map, diff)) => (Cow::Owned(map), Some(diff)),
                    None => (Cow::Borrowed(ws), None),
                }
            }
            _ => match (&self.compare, &self.drift) {
                (Some(c), _) => {
                    let (map, diff) = crate::model::diff::overlay(ws, &c.other);
                    (Cow::Owned(map), Some(diff))
                }
                (None, Some(drift)) => {
                    let mut combined = ws.clone();
                    match crate::ops::apply(&mut combined, drift.0.clone()) {
                        Ok(_) => (Cow::Owned(combined), Some(drift.1.clone())),
                        Err(_) => (Cow::Borrowed(ws), None),
                    }
                }
                (None, None) => (Cow::Borrowed(ws), None),
            },
        }
    }

    /// The roadmap step shown, when one is and it is still in the roadmap (0 = today).
    pub fn shown_step(&self, ws: &Workspace) -> Option<usize> {
        self.roadmap_step.filter(|k| *k <= ws.roadmap.len())
    }

    pub fn is_type_hidden(&self, t: DependencyType) -> bool {
        self.filters.hidden_types.contains(&t)
    }

    pub fn set_type_hidden(&mut self, t: DependencyType, hidden: bool) {
        self.filters.hidden_types.retain(|h| *h != t);
        if hidden {
            self.filters.hidden_types.push(t);
            self.filters.hidden_types.sort();
        }
        self.active_view = None;
    }

    pub fn hidden_type_set(&self) -> BTreeSet<DependencyType> {
        self.filters.hidden_types.iter().copied().collect()
    }

    /// Highlights `ids` and dims everything else, saying why (`reason`, e.g. "Find: “auth”").
    pub fn highlight_for(
        &mut self,
        ids: impl IntoIterator<Item = String>,
        reason: impl Into<String>,
    ) {
        self.highlight = Some(ids.into_iter().collect());
        self.highlight_reason = reason.into();
    }

    /// Nothing dimmed any more.
    pub fn clear_highlight(&mut self) {
        self.highlight = None;
        self.highlight_reason.clear();
    }

    /// Drawn with the highlight ring (a highlight, or a saved view's emphasis).
    pub fn is_emphasised(&self, id: &str) -> bool {
        self.is_highlighted(id) || self.emphasis.contains(id)
    }

    pub fn has_highlight(&self) -> bool {
        self.highlight.is_some()
    }

    pub fn is_highlighted(&self, id: &str) -> bool {
        self.highlight.as_ref().is_some_and(|h| h.contains(id))
    }

    pub fn is_dimmed(&self, id: &str) -> bool {
        self.highlight.as_ref().is_some_and(|h| !h.contains(id))
    }

    pub fn selected_systems(&self) -> impl Iterator<Item = &String> {
        self.selection
            .iter()
            .filter(|id| parse_dependency_id(id).is_none())
    }

    pub fn selected_dependencies(&self) -> impl Iterator<Item = &String> {
        self.selection
            .iter()
            .filter(|id| parse_dependency_id(id).is_some())
    }

    pub fn select_only(&mut self, id: &str) {
        self.selection.clear();
        self.selection.insert(id.to_owned());
        self.recent = vec![id.to_owned()];
    }

    pub fn toggle(&mut self, id: &str) {
        if self.selection.remove(id) {
            self.recent.retain(|r| r != id);
        } else {
            self.selection.insert(id.to_owned());
            self.recent.push(id.to_owned());
            if self.recent.len() > 2 {
                self.recent.remove(0);
            }
        }
    }

    /// The two selected systems in the order they were picked, if exactly two are selected.
    pub fn picked_pair(&self) -> Option<(String, String)> {
        let systems: Vec<&String> = self.selected_systems().collect();
        let [a, b] = systems.as_slice() else {
            return None;
        };
        match self.recent.as_slice() {
            [first, second] if first == *b && second == *a => Some(((*b).clone(), (*a).clone())),
            _ => Some(((*a).clone(), (*b).clone())),
        }
    }
}
