//! One enum over every kind of item a workspace holds, so `ops` can add, update and remove any
//! of them the same way.

use super::Op;
use crate::model::{
    AcceptedFinding, DebtItem, Decision, Dependency, FailureMode, ItemKind, ParkingLotItem,
    Problem, Scenario, System, View, Workspace,
};

/// Any item of a workspace, owned.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    System(Box<System>),
    Dependency(Box<Dependency>),
    Debt(Box<DebtItem>),
    FailureMode(Box<FailureMode>),
    View(Box<View>),
    Scenario(Box<Scenario>),
    ParkingLot(Box<ParkingLotItem>),
    Decision(Box<Decision>),
    AcceptedFinding(Box<AcceptedFinding>),
}

/// Names an item: its kind and id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemRef {
    pub kind: ItemKind,
    pub id: String,
}

impl ItemRef {
    pub fn new(kind: ItemKind, id: impl Into<String>) -> Self {
        ItemRef {
            kind,
            id: id.into(),
        }
    }
    pub fn system(id: impl Into<String>) -> Self {
        ItemRef::new(ItemKind::System, id)
    }
    pub fn dependency(id: impl Into<String>) -> Self {
        ItemRef::new(ItemKind::Dependency, id)
    }
}

impl Item {
    pub fn item_ref(&self) -> ItemRef {
        match self {
            Item::System(s) => ItemRef::new(ItemKind::System, &s.id),
            Item::Dependency(d) => ItemRef::new(ItemKind::Dependency, d.id()),
            Item::Debt(d) => ItemRef::new(ItemKind::Debt, &d.id),
            Item::FailureMode(f) => ItemRef::new(ItemKind::FailureMode, &f.id),
            Item::View(v) => ItemRef::new(ItemKind::View, &v.id),
            Item::Scenario(s) => ItemRef::new(ItemKind::Scenario, &s.id),
            Item::ParkingLot(p) => ItemRef::new(ItemKind::ParkingLot, &p.id),
            Item::Decision(d) => ItemRef::new(ItemKind::Decision, &d.id),
            Item::AcceptedFinding(a) => ItemRef::new(ItemKind::AcceptedFinding, &a.finding),
        }
    }
}

macro_rules! from_item {
    ($($variant:ident($ty:ty)),+) => {
        $(impl From<$ty> for Item {
            fn from(v: $ty) -> Self { Item::$variant(Box::new(v)) }
        })+
    };
}
from_item!(
    System(System),
    Dependency(Dependency),
    Debt(DebtItem),
    FailureMode(FailureMode),
    View(View),
    Scenario(Scenario),
    ParkingLot(ParkingLotItem),
    Decision(Decision),
    AcceptedFinding(AcceptedFinding)
);

pub(super) fn exists(ws: &Workspace, r: &ItemRef) -> bool {
    let id = r.id.as_str();
    match r.kind {
        ItemKind::Workspace => false,
        ItemKind::Phase => ws.phase_index(id).is_some(),
        ItemKind::System => ws.systems.contains_key(id),
        ItemKind::Dependency => ws.dependencies.contains_key(id),
        ItemKind::Debt => ws.debt.contains_key(id),
        ItemKind::FailureMode => ws.failure_modes.contains_key(id),
        ItemKind::View => ws.views.contains_key(id),
        ItemKind::Scenario => ws.scenarios.contains_key(id),
        ItemKind::ParkingLot => ws.parking_lot.contains_key(id),
        ItemKind::Decision => ws.decisions.contains_key(id),
        ItemKind::AcceptedFinding => ws.accepted_findings.contains_key(id),
    }
}

/// Inserts (or replaces) an item, returning the previous one with the same id.
pub(super) fn insert(ws: &mut Workspace, item: Item) -> Option<Item> {
    match item {
        Item::System(s) => ws.systems.insert(s.id.clone(), *s).map(Item::from),
        Item::Dependency(d) => ws.dependencies.insert(d.id(), *d).map(Item::from),
        Item::Debt(d) => ws.debt.insert(d.id.clone(), *d).map(Item::from),
        Item::FailureMode(f) => ws.failure_modes.insert(f.id.clone(), *f).map(Item::from),
        Item::View(v) => ws.views.insert(v.id.clone(), *v).map(Item::from),
        Item::Scenario(s) => ws.scenarios.insert(s.id.clone(), *s).map(Item::from),
        Item::ParkingLot(p) => ws.parking_lot.insert(p.id.clone(), *p).map(Item::from),
        Item::Decision(d) => ws.decisions.insert(d.id.clone(), *d).map(Item::from),
        Item::AcceptedFinding(a) => ws
            .accepted_findings
            .insert(a.finding.clone(), *a)
            .map(Item::from),
    }
}

pub(super) fn take(ws: &mut Workspace, r: &ItemRef) -> Option<Item> {
    let id = r.id.as_str();
    match r.kind {
        ItemKind::Workspace | ItemKind::Phase => None,
        ItemKind::System => ws.systems.remove(id).map(Item::from),
        ItemKind::Dependency => ws.dependencies.remove(id).map(Item::from),
        ItemKind::Debt => ws.debt.remove(id).map(Item::from),
        ItemKind::FailureMode => ws.failure_modes.remove(id).map(Item::from),
        ItemKind::View => ws.views.remove(id).map(Item::from),
        ItemKind::Scenario => ws.scenarios.remove(id).map(Item::from),
        ItemKind::ParkingLot => ws.parking_lot.remove(id).map(Item::from),
        ItemKind::Decision => ws.decisions.remove(id).map(Item::from),
        ItemKind::AcceptedFinding => ws.accepted_findings.remove(id).map(Item::from),
    }
}

/// The item's own problems in the context of the workspace (references resolve, ranges …).
pub(super) fn problems(ws: &Workspace, item: &Item) -> Vec<Problem> {
    use crate::model::validate as v;
    let mut out = Vec::new();
    match item {
        Item::System(s) => v::check_system(&mut out, s),
        Item::Dependency(d) => {
            v::check_dependency(&mut out, ws, d, |id| ws.systems.contains_key(id));
        }
        Item::Debt(d) => v::check_debt(&mut out, ws, d),
        Item::FailureMode(f) => v::check_failure_mode(&mut out, ws, f),
        Item::View(view) => v::check_view(&mut out, ws, view),
        Item::Scenario(s) => v::check_scenario(&mut out, ws, s),
        Item::ParkingLot(p) => v::check_parking(&mut out, ws, p),
        Item::Decision(d) => v::check_decision(&mut out, ws, d),
        Item::AcceptedFinding(a) => v::check_accepted(&mut out, ws, a),
    }
    out
}

/// The edits that must come before removing `r` so nothing is left pointing at it: for a system,
/// removing its dependencies; for any element, dropping it from annotations' links.
pub(super) fn unlink_ops(ws: &Workspace, r: &ItemRef) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut gone: Vec<String> = vec![r.id.clone()];
    match r.kind {
        ItemKind::System => {
            let deps = ws.dependencies_touching(&r.id);
            ops.extend(deps.iter().map(|d| Op::Remove(ItemRef::dependency(d))));
            gone.extend(deps);
        }
        ItemKind::FailureMode => ops.extend(unlink_gate(ws, &r.id)),
        ItemKind::Dependency | ItemKind::Debt => {}
        ItemKind::Decision => {
            for a in ws.accepted_findings.values() {
                if a.decision.as_deref() == Some(&r.id) {
                    let mut a = a.clone();
                    a.decision = None;
                    ops.push(Op::Update(a.into()));
                }
            }
            return ops;
        }
        _ => return ops,
    }
    let is_gone = |id: &String| gone.contains(id);
    let strip = |links: &[String]| -> Option<Vec<String>> {
        links
            .iter()
            .any(is_gone)
            .then(|| links.iter().filter(|l| !is_gone(l)).cloned().collect())
    };
    // Parking-lot and decision links name a system, dependency, debt item or failure mode, and
    // ids are unique within a kind only: a link to debt item "x" stays when system "x" goes.
    let resolves_elsewhere = |id: &String| {
        (r.kind != ItemKind::System && ws.systems.contains_key(id))
            || (r.kind != ItemKind::Debt && ws.debt.contains_key(id))
            || (r.kind != ItemKind::FailureMode && ws.failure_modes.contains_key(id))
    };
    let unlinked = |id: &String| is_gone(id) && !resolves_elsewhere(id);
    let strip_linkable = |links: &[String]| -> Option<Vec<String>> {
        links
            .iter()
            .any(unlinked)
            .then(|| links.iter().filter(|l| !unlinked(l)).cloned().collect())
    };
    if matches!(r.kind, ItemKind::System | ItemKind::Dependency) {
        for d in ws.debt.values() {
            if let Some(links) = strip(&d.links) {
                ops.push(Op::Update(DebtItem { links, ..d.clone() }.into()));
            }
        }
        for f in ws.failure_modes.values() {
            if is_gone(&f.trigger.element) {
                let mut f = f.clone();
                f.trigger.element.clear();
                ops.push(Op::Update(f.into()));
            }
        }
        for v in ws.views.values() {
            let highlighted = strip(&v.highlighted);
            let focus_gone = v.filters.focus.as_ref().is_some_and(|f| is_gone(&f.system));
            if highlighted.is_some() || focus_gone {
                let mut v = v.clone();
                if let Some(h) = highlighted {
                    v.highlighted = h;
                }
                if focus_gone {
                    v.filters.focus = None;
                }
                ops.push(Op::Update(v.into()));
            }
        }
        for s in ws.scenarios.values() {
            let removed = strip(&s.removed);
            let deps_before = s.added_dependencies.len();
            let mut s2 = s.clone();
            s2.added_dependencies
                .retain(|d| !is_gone(&d.from) && !is_gone(&d.to));
            if removed.is_some() || s2.added_dependencies.len() != deps_before {
                if let Some(removed) = removed {
                    s2.removed = removed;
                }
                ops.push(Op::Update(s2.into()));
            }
        }
    }
    for p in ws.parking_lot.values() {
        if let Some(links) = strip_linkable(&p.links) {
            ops.push(Op::Update(ParkingLotItem { links, ..p.clone() }.into()));
        }
    }
    for d in ws.decisions.values() {
        if let Some(links) = strip_linkable(&d.links) {
            ops.push(Op::Update(Decision { links, ..d.clone() }.into()));
        }
    }
    ops
}

/// Removing a failure mode drops it from every rollout gate: the map's dependencies' and those
/// the scenarios add.
fn unlink_gate(ws: &Workspace, failure_mode: &str) -> Vec<Op> {
    let gated = |d: &Dependency| {
        d.rollout
            .as_ref()
            .is_some_and(|r| r.gate.iter().any(|g| g == failure_mode))
    };
    let ungate = |d: &Dependency| {
        let mut d = d.clone();
        if let Some(r) = &mut d.rollout {
            r.gate.retain(|g| g != failure_mode);
        }
        d
    };
    let mut ops = Vec::new();
    for d in ws.dependencies.values().filter(|d| gated(d)) {
        ops.push(Op::Update(ungate(d).into()));
    }
    for s in ws.scenarios.values() {
        if s.added_dependencies.iter().any(gated) {
            let mut s = s.clone();
            for d in &mut s.added_dependencies {
                *d = ungate(d);
            }
            ops.push(Op::Update(s.into()));
        }
    }
    ops
}
