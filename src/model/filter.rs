//! What a view's filters let through: the focus neighbourhood of a system and the systems and
//! dependencies that match every criterion. The canvas dims or hides the rest; exports and the
//! analysis of a view use the same sets.

use std::collections::{BTreeSet, VecDeque};

use super::Workspace;
use super::enums::{DependencyType, FocusDirection};
use super::system::System;
use super::workshop::{Filters, Focus};

/// What a set of filters lets through. Both sets hold ids of shown (not filtered-out) items.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Visibility {
    pub systems: BTreeSet<String>,
    pub dependencies: BTreeSet<String>,
}

impl Filters {
    /// `true` when any list is non-empty or a focus is set: the filters hide or dim something
    /// (or could, on a map that has matching items).
    pub fn is_active(&self) -> bool {
        !self.hidden_types.is_empty()
            || !self.kinds.is_empty()
            || !self.owners.is_empty()
            || !self.tags.is_empty()
            || !self.groups.is_empty()
            || self.focus.is_some()
    }
}

/// System ids within `focus.hops` steps of `focus.system` (itself included), following
/// dependencies FROM→TO for `Needs`, TO→FROM for `NeededBy`, either for `Both`. Dependencies of
/// hidden types are not followed. Unknown system → empty set.
pub fn neighbourhood(
    ws: &Workspace,
    focus: &Focus,
    hidden_types: &[DependencyType],
) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    if !ws.systems.contains_key(&focus.system) {
        return seen;
    }
    let (forward, backward) = match focus.direction {
        FocusDirection::Needs => (true, false),
        FocusDirection::NeededBy => (false, true),
        FocusDirection::Both => (true, true),
    };
    let followed: Vec<(&str, &str)> = ws
        .dependencies
        .values()
        .filter(|d| !hidden_types.contains(&d.kind))
        .map(|d| (d.from.as_str(), d.to.as_str()))
        .collect();
    seen.insert(focus.system.clone());
    let mut queue = VecDeque::from([(focus.system.as_str(), 0u8)]);
    while let Some((at, depth)) = queue.pop_front() {
        if depth >= focus.hops {
            continue;
        }
        for &(from, to) in &followed {
            let next = if forward && from == at {
                Some(to)
            } else if backward && to == at {
                Some(from)
            } else {
                None
            };
            if let Some(next) = next
                && ws.systems.contains_key(next)
                && seen.insert(next.to_owned())
            {
                queue.push_back((next, depth + 1));
            }
        }
    }
    seen
}

/// Systems pass when they match every non-empty criterion (kinds, owners, tags, groups — each an
/// OR over its list; owner/tag/group compare case-insensitively after trim) and lie in the focus
/// neighbourhood if a focus is set. Dependencies pass when their type is not hidden and both ends
/// pass.
pub fn visible(ws: &Workspace, filters: &Filters) -> Visibility {
    let near = filters
        .focus
        .as_ref()
        .map(|f| neighbourhood(ws, f, &filters.hidden_types));
    let systems: BTreeSet<String> = ws
        .systems
        .values()
        .filter(|s| passes(s, filters) && near.as_ref().is_none_or(|n| n.contains(&s.id)))
        .map(|s| s.id.clone())
        .collect();
    let dependencies = ws
        .dependencies
        .iter()
        .filter(|(_, d)| {
            !filters.hidden_types.contains(&d.kind)
                && systems.contains(&d.from)
                && systems.contains(&d.to)
        })
        .map(|(id, _)| id.clone())
        .collect();
    Visibility {
        systems,
        dependencies,
    }
}

impl Workspace {
    /// Only the shown part of the map: the systems and dependencies in `shown` (a dependency
    /// also needs both ends shown); annotations lose their links to the rest. What
    /// `depdig analyze --view` analyses.
    pub fn restricted_to(&self, shown: &Visibility) -> Workspace {
        let mut out = self.clone();
        out.systems.retain(|id, _| shown.systems.contains(id));
        out.dependencies.retain(|id, d| {
            shown.dependencies.contains(id)
                && shown.systems.contains(&d.from)
                && shown.systems.contains(&d.to)
        });
        let gone: BTreeSet<String> = self
            .systems
            .keys()
            .filter(|id| !out.systems.contains_key(*id))
            .chain(
                self.dependencies
                    .keys()
                    .filter(|id| !out.dependencies.contains_key(*id)),
            )
            .cloned()
            .collect();
        // Scenarios name removed items of the whole map; they don't apply to a part of it.
        out.scenarios.clear();
        super::scenario::forget(&mut out, &gone);
        out
    }
}

/// Whether a system matches the kind, owner, tag and group criteria.
fn passes(s: &System, f: &Filters) -> bool {
    let one_of = |list: &[String], value: &str| {
        let value = value.trim();
        list.iter().any(|w| w.trim().eq_ignore_ascii_case(value))
    };
    (f.kinds.is_empty() || f.kinds.contains(&s.kind))
        && (f.owners.is_empty() || one_of(&f.owners, &s.owner))
        && (f.tags.is_empty() || s.tags.iter().any(|t| one_of(&f.tags, t)))
        && (f.groups.is_empty() || one_of(&f.groups, &s.group))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dependency, SystemKind};

    /// a → b → c → d (sync), plus e → b (batch).
    fn chain() -> Workspace {
        let mut ws = Workspace::new("chain");
        for id in ["a", "b", "c", "d", "e"] {
            ws.systems
                .insert(id.into(), System::new(id, id.to_uppercase()));
        }
        for (from, to, kind) in [
            ("a", "b", DependencyType::Sync),
            ("b", "c", DependencyType::Sync),
            ("c", "d", DependencyType::Sync),
            ("e", "b", DependencyType::Batch),
        ] {
            let d = Dependency::new(from, to, kind);
            ws.dependencies.insert(d.id(), d);
        }
        ws
    }

    fn focus(system: &str, hops: u8, direction: FocusDirection) -> Focus {
        Focus {
            system: system.into(),
            hops,
            direction,
        }
    }

    fn ids(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn hops_count_steps_from_the_focus() {
        let ws = chain();
        let near = |hops| neighbourhood(&ws, &focus("a", hops, FocusDirection::Needs), &[]);
        assert_eq!(near(0), ids(&["a"]));
        assert_eq!(near(1), ids(&["a", "b"]));
        assert_eq!(near(2), ids(&["a", "b", "c"]));
        assert_eq!(near(9), ids(&["a", "b", "c", "d"]));
    }

    #[test]
    fn direction_chooses_which_way_to_follow() {
        let ws = chain();
        let near = |dir| neighbourhood(&ws, &focus("b", 1, dir), &[]);
        assert_eq!(near(FocusDirection::Needs), ids(&["b", "c"]));
        assert_eq!(near(FocusDirection::NeededBy), ids(&["a", "b", "e"]));
        assert_eq!(near(FocusDirection::Both), ids(&["a", "b", "c", "e"]));
        let two_back = neighbourhood(&ws, &focus("d", 2, FocusDirection::NeededBy), &[]);
        assert_eq!(two_back, ids(&["b", "c", "d"]));
    }

    #[test]
    fn a_hidden_type_breaks_the_path() {
        let ws = chain();
        let f = focus("b", 3, FocusDirection::NeededBy);
        assert_eq!(neighbourhood(&ws, &f, &[]), ids(&["a", "b", "e"]));
        assert_eq!(
            neighbourhood(&ws, &f, &[DependencyType::Batch]),
            ids(&["a", "b"])
        );
        let f = focus("a", 3, FocusDirection::Needs);
        assert_eq!(neighbourhood(&ws, &f, &[DependencyType::Sync]), ids(&["a"]));
    }

    #[test]
    fn unknown_focus_system_is_empty_and_hides_everything() {
        let ws = chain();
        let f = focus("nope", 2, FocusDirection::Both);
        assert!(neighbourhood(&ws, &f, &[]).is_empty());
        let filters = Filters {
            focus: Some(f),
            ..Filters::default()
        };
        assert_eq!(visible(&ws, &filters), Visibility::default());
    }

    #[test]
    fn no_filters_show_everything() {
        let ws = chain();
        let f = Filters::default();
        assert!(!f.is_active());
        let v = visible(&ws, &f);
        assert_eq!(v.systems.len(), 5);
        assert_eq!(v.dependencies.len(), 4);
    }

    /// Systems with kinds, owners, tags and groups for the criteria tests.
    fn labelled() -> Workspace {
        let mut ws = chain();
        let set = |ws: &mut Workspace, id: &str, kind, owner: &str, tag: &str, group: &str| {
            if let Some(s) = ws.systems.get_mut(id) {
                s.kind = kind;
                s.owner = owner.into();
                s.tags = vec![tag.into()];
                s.group = group.into();
            }
        };
        set(
            &mut ws,
            "a",
            SystemKind::Service,
            "Shop Team",
            "web",
            "Front",
        );
        set(&mut ws, "b", SystemKind::Database, "DBA", "core", "Back");
        set(&mut ws, "c", SystemKind::Service, "dba", "Core", "back");
        set(&mut ws, "d", SystemKind::Queue, "Ops", "infra", "Back");
        set(
            &mut ws,
            "e",
            SystemKind::BatchJob,
            "Finance",
            "core",
            "Finance",
        );
        ws
    }

    #[test]
    fn each_criterion_is_an_or_over_its_list() {
        let ws = labelled();
        let shown = |f: Filters| visible(&ws, &f).systems;
        let kinds = Filters {
            kinds: vec![SystemKind::Service, SystemKind::Queue],
            ..Filters::default()
        };
        assert!(kinds.is_active());
        assert_eq!(shown(kinds), ids(&["a", "c", "d"]));
        let owners = Filters {
            owners: vec![" dba ".into(), "OPS".into()],
            ..Filters::default()
        };
        assert_eq!(shown(owners), ids(&["b", "c", "d"]));
        let tags = Filters {
            tags: vec!["CORE".into()],
            ..Filters::default()
        };
        assert_eq!(shown(tags), ids(&["b", "c", "e"]));
        let groups = Filters {
            groups: vec!["back".into()],
            ..Filters::default()
        };
        assert_eq!(shown(groups), ids(&["b", "c", "d"]));
    }

    #[test]
    fn hidden_types_hide_dependencies_not_systems() {
        let ws = labelled();
        let f = Filters {
            hidden_types: vec![DependencyType::Batch],
            ..Filters::default()
        };
        assert!(f.is_active());
        let v = visible(&ws, &f);
        assert_eq!(v.systems.len(), 5);
        assert_eq!(
            v.dependencies,
            ids(&["a->b:sync", "b->c:sync", "c->d:sync"])
        );
    }

    #[test]
    fn restricted_keeps_only_the_shown_part() {
        let mut ws = labelled();
        let mut debt = crate::model::DebtItem::new("d", "Shortcut");
        debt.links = vec!["a".into(), "e->b:batch".into()];
        ws.debt.insert(debt.id.clone(), debt);
        let f = Filters {
            hidden_types: vec![DependencyType::Batch],
            focus: Some(focus("b", 1, FocusDirection::Both)),
            ..Filters::default()
        };
        let part = ws.restricted_to(&visible(&ws, &f));
        assert_eq!(part.systems.len(), 3);
        assert_eq!(part.dependencies.len(), 2);
        assert_eq!(part.debt["d"].links, vec!["a".to_owned()]);
        assert!(
            crate::model::validate(&part)
                .iter()
                .all(|p| p.severity != crate::model::Severity::Error)
        );
    }

    #[test]
    fn criteria_and_focus_combine_and_dependencies_need_both_ends() {
        let ws = labelled();
        let f = Filters {
            groups: vec!["Back".into(), "front".into()],
            owners: vec!["dba".into(), "shop team".into(), "finance".into()],
            focus: Some(focus("b", 1, FocusDirection::Both)),
            ..Filters::default()
        };
        let v = visible(&ws, &f);
        // Neighbourhood a, b, c, e; group drops e (Finance); owner keeps a, b, c.
        assert_eq!(v.systems, ids(&["a", "b", "c"]));
        assert_eq!(v.dependencies, ids(&["a->b:sync", "b->c:sync"]));
    }
}
