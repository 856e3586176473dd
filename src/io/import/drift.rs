//! Drift: where a map and the artefacts (a [`Found`]) disagree.
//!
//! Systems match by id, or — when no map system has the artefact's id — by name (the map's
//! `Redis cart store` is the artefact's `redis-cart` only if one map system's name slugs to it
//! or equals the artefact's name). Dependencies match by their two ends and their type, with
//! these rules (decided here, the same for every format):
//!
//! - **Runtime types are compatible.** `sync`, `async`, `data` and `batch` all say "from uses to
//!   at run time"; an artefact guesses the type from the target's kind (a database → `data`,
//!   else `sync`), the map's hand-made type is the better word. A map dependency of another
//!   runtime type with the same ends covers the artefact's one: it is listed under
//!   [`Drift::types_differ`], which is not drift (it does not change the exit code).
//! - **Never missing from artefacts:** `business-process`, `human-workflow` and `timing`
//!   dependencies — no file shows them.
//! - **Startup order** is compared only when both sides record some: the artefacts show any
//!   startup order at all (a compose file with `depends_on` does; Kubernetes manifests, DOT,
//!   Mermaid and traces never do) and the map has at least one startup-order dependency (a map
//!   that records none does not track it; the count left out is
//!   [`Drift::startup_order_not_compared`]). The rule is per [`Found`], not per format, so it
//!   holds for any reader.
//! - A map dependency is covered by any artefact dependency of a compatible type with the
//!   same ends (the map may hold `sync` and `data` where the artefacts show one of them).
//! - A map dependency is "missing from artefacts" only when the artefacts mention both its
//!   ends: of a system they never mention they can say nothing (that system is listed itself).
//!
//! Systems the artefacts never mention are listed as missing from them, except teams, external
//! systems and user interfaces: files rarely show those, so they are listed apart
//! ([`Drift::not_expected_in_artefacts`]) and are not drift.
//!
//! Each difference on the artefacts' side carries its sources (`file:line` and the text).
//! [`adopt`] turns one difference into an edit of the map (one undoable op).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::{Found, FoundDependency, Source, apply_found, id_for};
use crate::io::csv_import::ImportError;
use crate::model::{DependencyType, ItemKind, SystemKind, Workspace, dependency_id};
use crate::ops::{self, ItemRef, Op};

/// Where an artefact says something, for output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DriftSource {
    pub file: String,
    pub line: Option<u64>,
    pub text: String,
}

impl From<&Source> for DriftSource {
    fn from(s: &Source) -> Self {
        DriftSource {
            file: s.path.display().to_string(),
            line: s.line,
            text: s.text.clone(),
        }
    }
}

/// A system on one side only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DriftSystem {
    /// The map id (for a system the map lacks: the id it would get).
    pub id: String,
    pub name: String,
    pub kind: String,
    pub sources: Vec<DriftSource>,
}

/// A dependency on one side only, or shown with another type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DriftDependency {
    /// The map id of the dependency (`from->to:type`, in map ids).
    pub id: String,
    pub from: String,
    pub to: String,
    pub from_name: String,
    pub to_name: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// For [`Drift::types_differ`]: the type the map gives the same ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub map_type: Option<String>,
    pub sources: Vec<DriftSource>,
}

/// Every difference between a map and the artefacts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Drift {
    /// Shown by the artefacts, not on the map.
    pub dependencies_missing_from_map: Vec<DriftDependency>,
    /// On the map, not shown by the artefacts (see the module rules).
    pub dependencies_missing_from_artefacts: Vec<DriftDependency>,
    /// Same ends, another runtime type: not drift, worth a look.
    pub types_differ: Vec<DriftDependency>,
    pub systems_missing_from_map: Vec<DriftSystem>,
    pub systems_missing_from_artefacts: Vec<DriftSystem>,
    /// Teams, external systems and user interfaces the artefacts do not mention: not drift.
    pub not_expected_in_artefacts: Vec<DriftSystem>,
    /// Startup-order dependencies of the side that records them, left out because the other
    /// side records none.
    pub startup_order_not_compared: usize,
}

impl Drift {
    /// Whether map and artefacts disagree (the informational lists do not count).
    pub fn is_drift(&self) -> bool {
        self.count() > 0
    }

    /// How many differences count as drift.
    pub fn count(&self) -> usize {
        self.dependencies_missing_from_map.len()
            + self.dependencies_missing_from_artefacts.len()
            + self.systems_missing_from_map.len()
            + self.systems_missing_from_artefacts.len()
    }
}

/// One difference, to adopt into the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// Add a dependency the artefacts show (and any end the map lacks).
    AddDependency(DriftDependency),
    /// Remove a map dependency the artefacts do not show.
    RemoveDependency(DriftDependency),
    /// Add a system the artefacts show.
    AddSystem(DriftSystem),
    /// Remove a map system the artefacts never mention (and its dependencies).
    RemoveSystem(DriftSystem),
}

fn is_runtime(t: DependencyType) -> bool {
    matches!(
        t,
        DependencyType::Sync | DependencyType::Async | DependencyType::Data | DependencyType::Batch
    )
}

fn compatible(a: DependencyType, b: DependencyType) -> bool {
    a == b || (is_runtime(a) && is_runtime(b))
}

fn never_in_artefacts(t: DependencyType) -> bool {
    matches!(
        t,
        DependencyType::BusinessProcess | DependencyType::HumanWorkflow | DependencyType::Timing
    )
}

fn expected_absent(kind: SystemKind) -> bool {
    matches!(
        kind,
        SystemKind::Team | SystemKind::External | SystemKind::Ui
    )
}

/// Found id → map id, for every artefact system and dependency end.
fn match_systems(ws: &Workspace, found: &Found) -> HashMap<String, String> {
    let mut by_name: HashMap<String, Vec<&str>> = HashMap::new();
    for s in ws.systems.values() {
        by_name.entry(id_for(&s.name)).or_default().push(&s.id);
        let lower = s.name.trim().to_lowercase();
        if id_for(&lower) != lower {
            by_name.entry(lower).or_default().push(&s.id);
        }
    }
    let mut ids: BTreeSet<&str> = found.systems.iter().map(|s| s.id.as_str()).collect();
    for d in &found.dependencies {
        ids.insert(&d.from);
        ids.insert(&d.to);
    }
    let mut out = HashMap::new();
    for id in ids {
        let mapped = if ws.systems.contains_key(id) {
            id.to_owned()
        } else {
            let name = found
                .system(id)
                .map(|s| s.name.trim().to_lowercase())
                .unwrap_or_default();
            let mut candidates: BTreeSet<&str> = BTreeSet::new();
            for key in [id.to_owned(), name] {
                if let Some(list) = by_name.get(&key) {
                    candidates.extend(list.iter().copied());
                }
            }
            // Only an unambiguous name match, and never one a found id already has.
            match candidates.into_iter().collect::<Vec<_>>().as_slice() {
                [one] if found.system(one).is_none() => (*one).to_owned(),
                _ => id.to_owned(),
            }
        };
        out.insert(id.to_owned(), mapped);
    }
    out
}

/// Compares the map with what the artefacts say.
pub fn drift(ws: &Workspace, found: &Found) -> Drift {
    let ids = match_systems(ws, found);
    let map_id = |id: &str| ids.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let name_of = |id: &str| {
        ws.systems
            .get(id)
            .map(|s| s.name.clone())
            .or_else(|| {
                found
                    .systems
                    .iter()
                    .find(|s| map_id(&s.id) == id && !s.name.is_empty())
                    .map(|s| s.name.clone())
            })
            .unwrap_or_else(|| id.to_owned())
    };
    let mut out = Drift::default();
    let mut mentioned: BTreeSet<String> = BTreeSet::new();
    for f in &found.systems {
        let id = map_id(&f.id);
        mentioned.insert(id.clone());
        if !ws.systems.contains_key(&id) {
            out.systems_missing_from_map.push(DriftSystem {
                name: if f.name.is_empty() {
                    id.clone()
                } else {
                    f.name.clone()
                },
                kind: f
                    .kind
                    .or_else(|| SystemKind::guess_from_name(&f.name))
                    .unwrap_or_default()
                    .to_string(),
                id,
                sources: vec![DriftSource::from(&f.source)],
            });
        }
    }
    // Ends no artefact declares as a system are still mentioned by the dependency.
    for d in &found.dependencies {
        for end in [&d.from, &d.to] {
            let id = map_id(end);
            if mentioned.insert(id.clone()) && !ws.systems.contains_key(&id) {
                out.systems_missing_from_map.push(DriftSystem {
                    name: id.clone(),
                    kind: SystemKind::guess_from_name(end)
                        .unwrap_or_default()
                        .to_string(),
                    id,
                    sources: d
                        .sources
                        .first()
                        .map(DriftSource::from)
                        .into_iter()
                        .collect(),
                });
            }
        }
    }
    let startup = |t: &DependencyType| *t == DependencyType::StartupOrder;
    let found_startup = found
        .dependencies
        .iter()
        .filter(|d| startup(&d.kind))
        .count();
    let map_startup = ws
        .dependencies
        .values()
        .filter(|d| startup(&d.kind))
        .count();
    let compare_startup = found_startup > 0 && map_startup > 0;
    out.startup_order_not_compared = if compare_startup {
        0
    } else {
        found_startup.max(map_startup)
    };
    // Map dependencies by their ends.
    let mut by_ends: BTreeMap<(&str, &str), Vec<DependencyType>> = BTreeMap::new();
    for d in ws.dependencies.values() {
        by_ends.entry((&d.from, &d.to)).or_default().push(d.kind);
    }
    let mut shown: BTreeSet<String> = BTreeSet::new();
    // What the artefacts show between two systems (map ids), for the map side.
    let mut found_ends: BTreeMap<(String, String), Vec<DependencyType>> = BTreeMap::new();
    let mut seen_found: BTreeSet<String> = BTreeSet::new();
    for f in &found.dependencies {
        let (from, to) = (map_id(&f.from), map_id(&f.to));
        found_ends
            .entry((from.clone(), to.clone()))
            .or_default()
            .push(f.kind);
        if from == to
            || (startup(&f.kind) && !compare_startup)
            || !seen_found.insert(dependency_id(&from, &to, f.kind))
        {
            continue;
        }
        let on_map = by_ends
            .get(&(from.as_str(), to.as_str()))
            .cloned()
            .unwrap_or_default();
        let item = |map_type: Option<DependencyType>| DriftDependency {
            id: dependency_id(&from, &to, f.kind),
            from_name: name_of(&from),
            to_name: name_of(&to),
            from: from.clone(),
            to: to.clone(),
            kind: f.kind.to_string(),
            map_type: map_type.map(|t| t.to_string()),
            sources: f.sources.iter().map(DriftSource::from).collect(),
        };
        if on_map.contains(&f.kind) {
            shown.insert(dependency_id(&from, &to, f.kind));
        } else if let Some(&t) = on_map.iter().find(|&&t| compatible(t, f.kind)) {
            shown.insert(dependency_id(&from, &to, t));
            out.types_differ.push(item(Some(t)));
        } else {
            out.dependencies_missing_from_map.push(item(None));
        }
    }
    for (id, d) in &ws.dependencies {
        let covered = found_ends
            .get(&(d.from.clone(), d.to.clone()))
            .is_some_and(|ts| ts.iter().any(|&t| compatible(t, d.kind)));
        let skip = shown.contains(id)
            || covered
            || never_in_artefacts(d.kind)
            || (startup(&d.kind) && !compare_startup)
            || !mentioned.contains(&d.from)
            || !mentioned.contains(&d.to);
        if !skip {
            out.dependencies_missing_from_artefacts
                .push(DriftDependency {
                    id: id.clone(),
                    from: d.from.clone(),
                    to: d.to.clone(),
                    from_name: name_of(&d.from),
                    to_name: name_of(&d.to),
                    kind: d.kind.to_string(),
                    map_type: None,
                    sources: Vec::new(),
                });
        }
    }
    for s in ws.systems.values() {
        if mentioned.contains(&s.id) {
            continue;
        }
        let item = DriftSystem {
            id: s.id.clone(),
            name: s.name.clone(),
            kind: s.kind.to_string(),
            sources: Vec::new(),
        };
        if expected_absent(s.kind) {
            out.not_expected_in_artefacts.push(item);
        } else {
            out.systems_missing_from_artefacts.push(item);
        }
    }
    out
}

/// The part of `found` that says `difference` (in the artefacts' ids), for [`apply_found`].
fn found_part(ws: &Workspace, found: &Found, difference: &Difference) -> Found {
    let ids = match_systems(ws, found);
    let map_id = |id: &str| ids.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let mut part = Found::default();
    let add_system = |part: &mut Found, map: &str| {
        if ws.systems.contains_key(map) {
            return;
        }
        if let Some(s) = found.systems.iter().find(|s| map_id(&s.id) == map) {
            let mut s = s.clone();
            s.id = map.to_owned();
            part.add_system(s);
        }
    };
    match difference {
        Difference::AddSystem(s) => add_system(&mut part, &s.id),
        Difference::AddDependency(d) => {
            add_system(&mut part, &d.from);
            add_system(&mut part, &d.to);
            let shown: Vec<&FoundDependency> = found
                .dependencies
                .iter()
                .filter(|f| {
                    map_id(&f.from) == d.from && map_id(&f.to) == d.to && f.kind.as_str() == d.kind
                })
                .collect();
            for f in shown {
                let mut f = f.clone();
                f.from.clone_from(&d.from);
                f.to.clone_from(&d.to);
                part.add_dependency(f);
            }
        }
        Difference::RemoveDependency(_) | Difference::RemoveSystem(_) => {}
    }
    part
}

/// The edit that adopts one difference into the map (apply it with [`ops::apply`] or the
/// document's undoable edit path): adds what the artefacts show, with its sources in the
/// notes, or removes what they do not. `ws` is not changed.
pub fn adopt(ws: &Workspace, found: &Found, difference: &Difference) -> Result<Op, ImportError> {
    let remove = |kind: ItemKind, id: &str| Ok(Op::Remove(ItemRef::new(kind, id)));
    match difference {
        Difference::RemoveDependency(d) => remove(ItemKind::Dependency, &d.id),
        Difference::RemoveSystem(s) => remove(ItemKind::System, &s.id),
        Difference::AddDependency(_) | Difference::AddSystem(_) => {
            forward_op(ws, &found_part(ws, found, difference))
        }
    }
}

/// The op that puts `found` into `ws` as [`apply_found`] does (one batch), without changing
/// `ws`: apply_found gives the inverse, and undoing that on the result gives the forward op.
pub fn forward_op(ws: &Workspace, found: &Found) -> Result<Op, ImportError> {
    let mut trial = ws.clone();
    let (inverse, _) = apply_found(&mut trial, found)?;
    ops::apply(&mut trial, inverse).map_err(|e| ImportError {
        errors: vec![super::FileMessage {
            path: std::path::PathBuf::new(),
            line: None,
            column: None,
            message: e.to_string(),
        }],
    })
}
