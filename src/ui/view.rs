//! View state: what the user is looking at, never saved into the workspace.

use std::collections::BTreeSet;

use crate::model::{DependencyType, parse_dependency_id};
use crate::theme::ThemeName;

#[derive(Debug, Clone, Default)]
pub struct ViewState {
    /// Selected system ids and dependency ids (`FROM->TO:TYPE`).
    pub selection: BTreeSet<String>,
    /// When set, these ids are highlighted and everything else is dimmed (find, later findings,
    /// debt, focus and rehearsal all use this one mechanism).
    pub highlight: Option<BTreeSet<String>>,
    pub hidden_types: BTreeSet<DependencyType>,
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
}

impl ViewState {
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
