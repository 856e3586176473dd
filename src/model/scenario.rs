//! A scenario's target state and its difference from the current map.
//!
//! The target state is what the analysis runs on ("what if we add a queue here and drop that
//! call?"); the combined map (current plus added) is what the difference display draws, marking
//! added items in one colour and removed ones in another.

use std::collections::BTreeSet;

use super::Workspace;
use super::workshop::Scenario;

/// What a scenario changes: system and dependency ids.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScenarioDiff {
    pub added: BTreeSet<String>,
    pub removed: BTreeSet<String>,
}

impl ScenarioDiff {
    /// `true` if the scenario changes nothing.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

impl Scenario {
    /// The target state: current minus removed (a removed system takes its dependencies along)
    /// plus added. Annotations that link removed things lose those links (a failure mode whose
    /// trigger is gone keeps an empty trigger, as after a delete), so the result stays valid.
    /// The target has no scenarios of its own.
    pub fn target(&self, ws: &Workspace) -> Workspace {
        let gone = self.diff(ws).removed;
        let mut out = ws.clone();
        out.scenarios.clear();
        out.systems.retain(|id, _| !gone.contains(id));
        out.dependencies.retain(|id, _| !gone.contains(id));
        self.add_to(&mut out);
        // An added dependency on a removed system has nothing to attach to.
        out.dependencies
            .retain(|_, d| out.systems.contains_key(&d.from) && out.systems.contains_key(&d.to));
        forget(&mut out, &gone);
        out
    }

    /// Current plus added (nothing removed): what the "difference" display draws, with
    /// [`Scenario::diff`] marking. The result has no scenarios of its own.
    pub fn combined(&self, ws: &Workspace) -> Workspace {
        let mut out = ws.clone();
        out.scenarios.clear();
        self.add_to(&mut out);
        out
    }

    /// Added ids, and removed ids including the dependencies of removed systems. Ids in
    /// `removed` that no longer exist are ignored.
    pub fn diff(&self, ws: &Workspace) -> ScenarioDiff {
        let added = self
            .added_systems
            .iter()
            .map(|s| s.id.clone())
            .chain(self.added_dependencies.iter().map(super::Dependency::id))
            .collect();
        let mut removed = BTreeSet::new();
        for id in &self.removed {
            if ws.systems.contains_key(id) {
                removed.extend(ws.dependencies_touching(id));
                removed.insert(id.clone());
            } else if ws.dependencies.contains_key(id) {
                removed.insert(id.clone());
            }
        }
        ScenarioDiff { added, removed }
    }

    fn add_to(&self, ws: &mut Workspace) {
        for s in &self.added_systems {
            ws.systems.insert(s.id.clone(), s.clone());
        }
        for d in &self.added_dependencies {
            ws.dependencies.insert(d.id(), d.clone());
        }
    }
}

/// Removes links to the `gone` systems and dependencies from annotations, views and the parking
/// lot (a failure mode whose trigger is gone keeps an empty trigger, as after a delete), so a
/// workspace cut down to part of the map stays valid.
pub(crate) fn forget(ws: &mut Workspace, gone: &BTreeSet<String>) {
    let keep = |links: &mut Vec<String>| links.retain(|l| !gone.contains(l));
    for d in ws.debt.values_mut() {
        keep(&mut d.links);
    }
    for f in ws.failure_modes.values_mut() {
        if gone.contains(&f.trigger.element) {
            f.trigger.element.clear();
        }
    }
    for v in ws.views.values_mut() {
        keep(&mut v.highlighted);
        if v.filters
            .focus
            .as_ref()
            .is_some_and(|f| gone.contains(&f.system))
        {
            v.filters.focus = None;
        }
    }
    for p in ws.parking_lot.values_mut() {
        keep(&mut p.links);
    }
    for d in ws.decisions.values_mut() {
        keep(&mut d.links);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        DebtItem, Dependency, DependencyType, FailureHow, FailureMode, Severity, System, Trigger,
        validate,
    };

    /// trading → risk (sync), risk → db (data), reporting → db (data); plus annotations on
    /// the trading → risk call.
    fn trading() -> Workspace {
        let mut ws = Workspace::new("trading");
        for id in ["trading", "risk", "db", "reporting"] {
            ws.systems
                .insert(id.into(), System::new(id, id.to_uppercase()));
        }
        for (from, to, kind) in [
            ("trading", "risk", DependencyType::Sync),
            ("risk", "db", DependencyType::Data),
            ("reporting", "db", DependencyType::Data),
        ] {
            let d = Dependency::new(from, to, kind);
            ws.dependencies.insert(d.id(), d);
        }
        let mut debt = DebtItem::new("sync-risk", "Risk recalculates on every trade");
        debt.links = vec!["trading->risk:sync".into(), "risk".into()];
        ws.debt.insert(debt.id.clone(), debt);
        let trigger = Trigger {
            element: "trading->risk:sync".into(),
            how: FailureHow::Down,
        };
        let f = FailureMode::new("risk-slow", "Risk locks records at peak", trigger);
        ws.failure_modes.insert(f.id.clone(), f);
        ws
    }

    /// Replace the sync call with a queue between trading and risk; drop reporting.
    fn queue() -> Scenario {
        Scenario {
            id: "queue".into(),
            name: "Message queue".into(),
            description: String::new(),
            added_systems: vec![System::new("mq", "Trade queue")],
            added_dependencies: vec![
                Dependency::new("trading", "mq", DependencyType::Async),
                Dependency::new("risk", "mq", DependencyType::Async),
            ],
            removed: vec![
                "trading->risk:sync".into(),
                "reporting".into(),
                "ghost".into(),
            ],
        }
    }

    fn ids(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn diff_lists_added_and_removed_with_the_dependencies_of_removed_systems() {
        let ws = trading();
        let diff = queue().diff(&ws);
        assert_eq!(
            diff.added,
            ids(&["mq", "risk->mq:async", "trading->mq:async"])
        );
        // "ghost" does not exist and is ignored; reporting takes its dependency along.
        assert_eq!(
            diff.removed,
            ids(&["reporting", "reporting->db:data", "trading->risk:sync"])
        );
        assert!(!diff.is_empty());
    }

    #[test]
    fn target_removes_then_adds_and_stays_valid() {
        let mut ws = trading();
        let s = queue();
        ws.scenarios.insert(s.id.clone(), s.clone());
        let t = s.target(&ws);
        let systems: BTreeSet<String> = t.systems.keys().cloned().collect();
        assert_eq!(systems, ids(&["db", "mq", "risk", "trading"]));
        let deps: BTreeSet<String> = t.dependencies.keys().cloned().collect();
        assert_eq!(
            deps,
            ids(&["risk->db:data", "risk->mq:async", "trading->mq:async"])
        );
        assert!(t.scenarios.is_empty());
        // Annotations lose links to what is gone but the analysis can run on the result.
        assert_eq!(t.debt["sync-risk"].links, vec!["risk".to_owned()]);
        assert!(t.failure_modes["risk-slow"].trigger.element.is_empty());
        let errors: Vec<_> = validate(&t)
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn combined_keeps_everything_and_adds() {
        let ws = trading();
        let c = queue().combined(&ws);
        assert_eq!(c.systems.len(), 5);
        assert_eq!(c.dependencies.len(), 5);
        assert!(c.dependencies.contains_key("trading->risk:sync"));
        assert!(c.dependencies.contains_key("trading->mq:async"));
        assert!(validate(&c).iter().all(|p| p.severity != Severity::Error));
    }

    #[test]
    fn an_added_dependency_on_a_removed_system_is_dropped_from_the_target() {
        let ws = trading();
        let mut s = queue();
        s.added_dependencies
            .push(Dependency::new("reporting", "mq", DependencyType::Async));
        let t = s.target(&ws);
        assert!(!t.dependencies.contains_key("reporting->mq:async"));
        assert!(!t.systems.contains_key("reporting"));
    }

    #[test]
    fn empty_scenario_changes_nothing() {
        let ws = trading();
        let s = Scenario {
            id: "none".into(),
            name: "Nothing".into(),
            description: String::new(),
            added_systems: Vec::new(),
            added_dependencies: Vec::new(),
            removed: Vec::new(),
        };
        assert!(s.diff(&ws).is_empty());
        assert_eq!(s.target(&ws), ws);
        assert_eq!(s.combined(&ws), ws);
    }
}
