//! Semantic diff and three-way merge of workspaces, item by item (by id) and field by field.
//!
//! A system whose position changed is reported as "moved", apart from its other changes, so a
//! relayout does not drown the edits; [`Options::ignore_positions`] leaves moves out entirely.

mod fields;
mod merge;
mod overlay;
mod plan_text;
#[cfg(test)]
mod proptests;
mod render;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::Workspace;
pub use fields::{FieldText, Fields};
pub use merge::{Conflict, ConflictKind, Merged, merge};
pub use overlay::overlay;
pub use render::{conflicts_text, markdown, summary, text};

/// One field that differs: its values before and after, as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// The kind of item a change is about.
pub use crate::model::validate::ItemKind as Collection;

/// What happened to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
    /// Only the canvas position (`pos`) changed.
    Moved,
}

/// One item that differs between the two workspaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemChange {
    pub collection: Collection,
    pub id: String,
    /// The item's name as people know it (from the newer side when it still exists).
    pub name: String,
    pub kind: ChangeKind,
    /// For `changed` and `moved`: each field that differs. Empty for added and removed items.
    pub fields: Vec<FieldChange>,
}

/// How to compare.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Leave system moves (`pos`) out.
    pub ignore_positions: bool,
}

/// Everything that differs from `a` to `b`, in collection then id order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct WorkspaceDiff {
    pub changes: Vec<ItemChange>,
}

impl WorkspaceDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Ids of added, removed and changed (or moved) systems and dependencies, for the canvas.
    pub fn element_marks(&self) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
        let mut added = BTreeSet::new();
        let mut removed = BTreeSet::new();
        let mut changed = BTreeSet::new();
        for c in &self.changes {
            if !matches!(c.collection, Collection::System | Collection::Dependency) {
                continue;
            }
            let set = match c.kind {
                ChangeKind::Added => &mut added,
                ChangeKind::Removed => &mut removed,
                ChangeKind::Changed | ChangeKind::Moved => &mut changed,
            };
            set.insert(c.id.clone());
        }
        (added, removed, changed)
    }
}

/// Compares two workspaces.
pub fn diff(a: &Workspace, b: &Workspace, options: Options) -> WorkspaceDiff {
    // No `..`: a collection added to the workspace must be compared here.
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
    } = a;
    let mut out = Vec::new();
    let mut top = Vec::new();
    let mut field = |name: &'static str, old: String, new: String| {
        if old != new {
            top.push(FieldChange {
                field: name,
                old,
                new,
            });
        }
    };
    field("title", title.text(), b.title.text());
    field("description", description.text(), b.description.text());
    field("timezone", timezone.text(), b.timezone.text());
    field("layout", layout.text(), b.layout.text());
    field("backdrop", backdrop.text(), b.backdrop.text());
    let (order_a, order_b) = roadmap_orders(roadmap, &b.roadmap);
    field("roadmap order", order_a, order_b);
    if !top.is_empty() {
        out.push(ItemChange {
            collection: Collection::Workspace,
            id: String::new(),
            name: b.title.clone(),
            kind: ChangeKind::Changed,
            fields: top,
        });
    }
    let mut systems_out = Vec::new();
    compare(
        Collection::System,
        systems,
        &b.systems,
        a,
        b,
        &mut systems_out,
    );
    for c in systems_out {
        split_moves(c, options, &mut out);
    }
    compare(
        Collection::Dependency,
        dependencies,
        &b.dependencies,
        a,
        b,
        &mut out,
    );
    compare(Collection::Debt, debt, &b.debt, a, b, &mut out);
    compare(
        Collection::FailureMode,
        failure_modes,
        &b.failure_modes,
        a,
        b,
        &mut out,
    );
    compare(Collection::View, views, &b.views, a, b, &mut out);
    compare(
        Collection::Scenario,
        scenarios,
        &b.scenarios,
        a,
        b,
        &mut out,
    );
    compare(
        Collection::Phase,
        &phases(roadmap),
        &phases(&b.roadmap),
        a,
        b,
        &mut out,
    );
    compare(
        Collection::ParkingLot,
        parking_lot,
        &b.parking_lot,
        a,
        b,
        &mut out,
    );
    compare(
        Collection::Decision,
        decisions,
        &b.decisions,
        a,
        b,
        &mut out,
    );
    compare(
        Collection::AcceptedFinding,
        accepted_findings,
        &b.accepted_findings,
        a,
        b,
        &mut out,
    );
    WorkspaceDiff { changes: out }
}

/// The roadmap's phases keyed by id, for comparing one by one (the first of an id used twice).
fn phases(roadmap: &[crate::model::Phase]) -> BTreeMap<String, crate::model::Phase> {
    let mut out = BTreeMap::new();
    for p in roadmap {
        out.entry(p.id.clone()).or_insert_with(|| p.clone());
    }
    out
}

/// The order of the phases both roadmaps have, as id lists, when it differs (added and removed
/// phases show as their own changes); two empty strings when it does not.
fn roadmap_orders(a: &[crate::model::Phase], b: &[crate::model::Phase]) -> (String, String) {
    let in_b = |id: &String| b.iter().any(|p| &p.id == id);
    let in_a = |id: &String| a.iter().any(|p| &p.id == id);
    let order_a: Vec<String> = a.iter().map(|p| p.id.clone()).filter(in_b).collect();
    let order_b: Vec<String> = b.iter().map(|p| p.id.clone()).filter(in_a).collect();
    if order_a == order_b {
        (String::new(), String::new())
    } else {
        (order_a.join(" → "), order_b.join(" → "))
    }
}

/// A changed system's position becomes a change of its own, "moved" (or is dropped).
fn split_moves(mut c: ItemChange, options: Options, out: &mut Vec<ItemChange>) {
    if c.kind != ChangeKind::Changed {
        out.push(c);
        return;
    }
    let (moves, rest): (Vec<FieldChange>, Vec<FieldChange>) =
        c.fields.drain(..).partition(|f| f.field == "pos");
    if !rest.is_empty() {
        out.push(ItemChange {
            fields: rest,
            ..c.clone()
        });
    }
    if !moves.is_empty() && !options.ignore_positions {
        out.push(ItemChange {
            kind: ChangeKind::Moved,
            fields: moves,
            ..c
        });
    }
}

fn compare<T: Fields>(
    collection: Collection,
    a: &BTreeMap<String, T>,
    b: &BTreeMap<String, T>,
    ws_a: &Workspace,
    ws_b: &Workspace,
    out: &mut Vec<ItemChange>,
) {
    let ids: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    for id in ids {
        let change = |kind, name: String, fields| ItemChange {
            collection,
            id: id.clone(),
            name,
            kind,
            fields,
        };
        match (a.get(id), b.get(id)) {
            (Some(x), Some(y)) => {
                let fields = T::changes(x, y);
                if !fields.is_empty() {
                    out.push(change(ChangeKind::Changed, y.name(ws_b), fields));
                }
            }
            (Some(x), None) => out.push(change(ChangeKind::Removed, x.name(ws_a), Vec::new())),
            (None, Some(y)) => out.push(change(ChangeKind::Added, y.name(ws_b), Vec::new())),
            (None, None) => {}
        }
    }
}
