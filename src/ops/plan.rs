//! Roadmap edits: add, set, remove and move phases; and the check that an edit of a scenario or
//! of the roadmap leaves every phase's scenario valid on the state it is applied to.

use super::{Op, OpError, apply_unchecked};
use crate::model::{ItemKind, Phase, Problem, Severity, Workspace};

/// Whether `op` can change what the roadmap's phases apply: phase edits, and scenario edits
/// while there is a roadmap.
pub(super) fn touches_roadmap(ws: &Workspace, op: &Op) -> bool {
    match op {
        Op::AddPhase { .. } | Op::SetPhase(_) | Op::RemovePhase(_) | Op::MovePhase { .. } => true,
        Op::Add(item) | Op::Update(item) => {
            !ws.roadmap.is_empty() && item.item_ref().kind == ItemKind::Scenario
        }
        Op::Remove(r) => {
            r.kind == ItemKind::Phase || (!ws.roadmap.is_empty() && r.kind == ItemKind::Scenario)
        }
        _ => false,
    }
}

/// Applies `op` and refuses it (leaving the workspace as it was) if the roadmap or a scenario
/// it applies has an error it did not have before: a later phase whose scenario connects to a
/// system an earlier phase no longer adds, a phase id used twice, a phase without a name.
pub(super) fn apply_checked(ws: &mut Workspace, op: Op) -> Result<Op, OpError> {
    let before = crate::model::validate::roadmap_errors(ws);
    let inverse = apply_unchecked(ws, op)?;
    let new: Vec<Problem> = crate::model::validate::roadmap_errors(ws)
        .into_iter()
        .filter(|p| !before.contains(p))
        .collect();
    if new.is_empty() {
        return Ok(inverse);
    }
    if let Err(e) = apply_unchecked(ws, inverse) {
        return Err(invalid(format!(
            "{}; undoing the edit then failed: {e}",
            new.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        )));
    }
    Err(OpError::Invalid { problems: new })
}

fn invalid(message: String) -> OpError {
    OpError::Invalid {
        problems: vec![Problem {
            severity: Severity::Error,
            kind: ItemKind::Phase,
            id: String::new(),
            field: String::new(),
            message,
        }],
    }
}

fn not_found(id: &str) -> OpError {
    OpError::NotFound {
        kind: ItemKind::Phase,
        id: id.to_owned(),
    }
}

/// The phase's own errors (id, name); a missing scenario is only a warning.
fn check(ws: &Workspace, phase: &Phase) -> Result<(), OpError> {
    let mut problems = Vec::new();
    crate::model::validate::check_phase(&mut problems, ws, phase);
    problems.retain(|p| p.severity == Severity::Error);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(OpError::Invalid { problems })
    }
}

pub(super) fn add(ws: &mut Workspace, index: usize, phase: Phase) -> Result<Op, OpError> {
    if ws.phase_index(&phase.id).is_some() {
        return Err(OpError::Duplicate {
            kind: ItemKind::Phase,
            id: phase.id,
        });
    }
    if index > ws.roadmap.len() {
        return Err(invalid(format!(
            "cannot insert a phase at position {} of a roadmap of {}",
            index + 1,
            ws.roadmap.len()
        )));
    }
    check(ws, &phase)?;
    let id = phase.id.clone();
    ws.roadmap.insert(index, phase);
    Ok(Op::RemovePhase(id))
}

pub(super) fn set(ws: &mut Workspace, phase: Phase) -> Result<Op, OpError> {
    let i = ws
        .phase_index(&phase.id)
        .ok_or_else(|| not_found(&phase.id))?;
    check(ws, &phase)?;
    Ok(Op::SetPhase(std::mem::replace(&mut ws.roadmap[i], phase)))
}

pub(super) fn remove(ws: &mut Workspace, id: &str) -> Result<Op, OpError> {
    let index = ws.phase_index(id).ok_or_else(|| not_found(id))?;
    let phase = ws.roadmap.remove(index);
    Ok(Op::AddPhase { index, phase })
}

pub(super) fn move_to(ws: &mut Workspace, id: &str, to: usize) -> Result<Op, OpError> {
    let from = ws.phase_index(id).ok_or_else(|| not_found(id))?;
    let phase = ws.roadmap.remove(from);
    let to = to.min(ws.roadmap.len());
    ws.roadmap.insert(to, phase);
    Ok(Op::MovePhase {
        id: id.to_owned(),
        to: from,
    })
}
