//! Three-way merge by item id and field: what one side changed since the base is taken; what
//! both changed differently is a conflict that keeps ours.
//!
//! The result is made valid before it is returned: a dependency whose system the other side
//! deleted is dropped, and links to items that are gone are removed (each reported as a
//! conflict); a result that is still invalid is refused with its problems.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::fields::{FieldText, Fields, Pick, field_change, pick};
use super::{Collection, FieldChange, Options, diff};
use crate::model::{Problem, Severity, Workspace, scenario::forget, validate};

/// Why a conflict arose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConflictKind {
    /// The same fields changed differently on both sides.
    BothChanged,
    /// Both sides added an item with this id, differently.
    BothAdded,
    /// Ours deleted the item, theirs edited it: it stays deleted.
    DeletedByUs,
    /// Theirs deleted the item, ours edited it: it stays, with our edits.
    DeletedByThem,
    /// The merged item pointed at something the other side deleted; it was dropped or its
    /// link removed so the result stays valid.
    Dangling,
}

impl ConflictKind {
    pub fn describe(self) -> &'static str {
        match self {
            ConflictKind::BothChanged => "changed differently on both sides (ours kept)",
            ConflictKind::BothAdded => "added differently on both sides (ours kept)",
            ConflictKind::DeletedByUs => "deleted by us, edited by them (stays deleted)",
            ConflictKind::DeletedByThem => "deleted by them, edited by us (ours kept)",
            ConflictKind::Dangling => "pointed at something the other side deleted (repaired)",
        }
    }
}

/// A conflict: the item and, per field, our value (`old`) and theirs (`new`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub collection: Collection,
    pub id: String,
    pub name: String,
    pub kind: ConflictKind,
    pub fields: Vec<FieldChange>,
}

/// The merged workspace and the conflicts resolved on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub workspace: Workspace,
    pub conflicts: Vec<Conflict>,
}

/// Merges `ours` and `theirs`, both descended from `base`. `Err`: the result would not be a
/// valid workspace even after the repairs (the problems `depdig check` would report).
pub fn merge(
    base: &Workspace,
    ours: &Workspace,
    theirs: &Workspace,
) -> Result<Merged, Vec<Problem>> {
    let mut conflicts = Vec::new();
    let mut ws = ours.clone();
    // No `..`: a field added to the workspace must be merged here.
    let Workspace {
        title,
        description,
        timezone,
        layout,
        backdrop,
        systems,
        dependencies,
        debt,
        failure_modes,
        views,
        scenarios,
        roadmap,
        parking_lot,
        decisions,
        accepted_findings,
    } = base;
    let mut top = Vec::new();
    top_field(
        "title",
        title,
        &ours.title,
        &theirs.title,
        &mut ws.title,
        &mut top,
    );
    top_field(
        "description",
        description,
        &ours.description,
        &theirs.description,
        &mut ws.description,
        &mut top,
    );
    top_field(
        "timezone",
        timezone,
        &ours.timezone,
        &theirs.timezone,
        &mut ws.timezone,
        &mut top,
    );
    top_field(
        "layout",
        layout,
        &ours.layout,
        &theirs.layout,
        &mut ws.layout,
        &mut top,
    );
    top_field(
        "backdrop",
        backdrop,
        &ours.backdrop,
        &theirs.backdrop,
        &mut ws.backdrop,
        &mut top,
    );
    // The roadmap is one ordered list: taken whole from the side that changed it.
    top_field(
        "roadmap",
        roadmap,
        &ours.roadmap,
        &theirs.roadmap,
        &mut ws.roadmap,
        &mut top,
    );
    if !top.is_empty() {
        conflicts.push(Conflict {
            collection: Collection::Workspace,
            id: String::new(),
            name: ours.title.clone(),
            kind: ConflictKind::BothChanged,
            fields: top,
        });
    }
    let mut c = Ctx {
        ours,
        theirs,
        conflicts: &mut conflicts,
    };
    ws.systems = c.map(Collection::System, systems, &ours.systems, &theirs.systems);
    ws.dependencies = c.map(
        Collection::Dependency,
        dependencies,
        &ours.dependencies,
        &theirs.dependencies,
    );
    ws.debt = c.map(Collection::Debt, debt, &ours.debt, &theirs.debt);
    ws.failure_modes = c.map(
        Collection::FailureMode,
        failure_modes,
        &ours.failure_modes,
        &theirs.failure_modes,
    );
    ws.views = c.map(Collection::View, views, &ours.views, &theirs.views);
    ws.scenarios = c.map(
        Collection::Scenario,
        scenarios,
        &ours.scenarios,
        &theirs.scenarios,
    );
    ws.parking_lot = c.map(
        Collection::ParkingLot,
        parking_lot,
        &ours.parking_lot,
        &theirs.parking_lot,
    );
    ws.decisions = c.map(
        Collection::Decision,
        decisions,
        &ours.decisions,
        &theirs.decisions,
    );
    ws.accepted_findings = c.map(
        Collection::AcceptedFinding,
        accepted_findings,
        &ours.accepted_findings,
        &theirs.accepted_findings,
    );
    repair(&mut ws, [base, ours, theirs], &mut conflicts);
    let errors: Vec<Problem> = validate(&ws)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        Ok(Merged {
            workspace: ws,
            conflicts,
        })
    } else {
        Err(errors)
    }
}

fn top_field<T: PartialEq + Clone + FieldText + std::fmt::Debug>(
    name: &'static str,
    base: &T,
    ours: &T,
    theirs: &T,
    out: &mut T,
    conflicts: &mut Vec<FieldChange>,
) {
    match pick(base, ours, theirs) {
        Pick::Ours => {}
        Pick::Theirs => *out = theirs.clone(),
        Pick::Conflict => conflicts.push(field_change(name, ours, theirs)),
    }
}

struct Ctx<'a> {
    ours: &'a Workspace,
    theirs: &'a Workspace,
    conflicts: &'a mut Vec<Conflict>,
}

impl Ctx<'_> {
    fn map<T: Fields>(
        &mut self,
        collection: Collection,
        base: &BTreeMap<String, T>,
        ours: &BTreeMap<String, T>,
        theirs: &BTreeMap<String, T>,
    ) -> BTreeMap<String, T> {
        let ids: BTreeSet<&String> = base
            .keys()
            .chain(ours.keys())
            .chain(theirs.keys())
            .collect();
        let mut out = BTreeMap::new();
        for id in ids {
            let mut conflict = |kind, name: String, fields| {
                self.conflicts.push(Conflict {
                    collection,
                    id: id.clone(),
                    name,
                    kind,
                    fields,
                });
            };
            let kept = match (base.get(id), ours.get(id), theirs.get(id)) {
                (_, Some(o), Some(t)) if o == t => Some(o.clone()),
                (Some(b), Some(o), Some(t)) => {
                    let (merged, fields) = T::merge3(b, o, t);
                    if !fields.is_empty() {
                        conflict(ConflictKind::BothChanged, o.name(self.ours), fields);
                    }
                    Some(merged)
                }
                (None, Some(o), Some(t)) => {
                    conflict(ConflictKind::BothAdded, o.name(self.ours), T::changes(o, t));
                    Some(o.clone())
                }
                (None, o, t) => o.or(t).cloned(),
                (Some(b), None, Some(t)) => {
                    if b != t {
                        conflict(
                            ConflictKind::DeletedByUs,
                            t.name(self.theirs),
                            T::changes(b, t),
                        );
                    }
                    None
                }
                (Some(b), Some(o), None) => {
                    if b != o {
                        conflict(
                            ConflictKind::DeletedByThem,
                            o.name(self.ours),
                            T::changes(b, o),
                        );
                    }
                    (b != o).then(|| o.clone())
                }
                (Some(_), None, None) => None,
            };
            if let Some(item) = kept {
                out.insert(id.clone(), item);
            }
        }
        out
    }
}

/// Drops dependencies whose system is gone and links to items that are gone, reporting each
/// item so changed as a [`ConflictKind::Dangling`] conflict.
fn repair(ws: &mut Workspace, inputs: [&Workspace; 3], conflicts: &mut Vec<Conflict>) {
    let before = ws.clone();
    let systems = &ws.systems;
    ws.dependencies
        .retain(|_, d| systems.contains_key(&d.from) && systems.contains_key(&d.to));
    let mut gone = BTreeSet::new();
    for input in inputs {
        for id in input
            .systems
            .keys()
            .chain(input.dependencies.keys())
            .chain(input.debt.keys())
            .chain(input.failure_modes.keys())
        {
            if !ws.has_linkable(id) {
                gone.insert(id.clone());
            }
        }
    }
    forget(ws, &gone);
    let decisions = &ws.decisions;
    for a in ws.accepted_findings.values_mut() {
        if a.decision
            .as_ref()
            .is_some_and(|d| !decisions.contains_key(d))
        {
            a.decision = None;
        }
    }
    for change in diff(&before, ws, Options::default()).changes {
        conflicts.push(Conflict {
            collection: change.collection,
            id: change.id,
            name: change.name,
            kind: ConflictKind::Dangling,
            fields: change.fields,
        });
    }
}
