//! Edit commands. Every change to a workspace goes through [`apply`], which checks the edit keeps
//! the workspace valid and returns the command that undoes it; [`History`] records those pairs.
//! The GUI collects commands during a frame and applies them at its end; the CLI and the tests
//! apply the same commands.

mod history;
mod item;
mod plan;

use std::collections::BTreeMap;

pub use history::{HISTORY_LIMIT, History};
pub use item::{Item, ItemRef};

use crate::model::{
    Backdrop, CanvasPos, ItemKind, LayoutStyle, Phase, Problem, Severity, Workspace,
};

/// One edit of a workspace.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Adds an item whose id is new.
    Add(Item),
    /// Replaces the item with the same id.
    Update(Item),
    /// Removes an item. Removing a system also removes its dependencies and unlinks it from
    /// every annotation; removing a dependency unlinks it likewise.
    Remove(ItemRef),
    /// Sets the workspace's title, description and timezone.
    SetMeta {
        title: String,
        description: String,
        timezone: String,
    },
    /// Sets how the map is laid out (`None`: the force layout, and nothing written in the file).
    SetLayoutStyle(Option<LayoutStyle>),
    /// Places, moves or removes (`None`) the backdrop photo behind the map.
    SetBackdrop(Option<Backdrop>),
    /// Moves systems on the canvas (`None` clears a position, for the layout to place).
    MoveSystems(BTreeMap<String, Option<CanvasPos>>),
    /// Sets systems' pinned flags.
    PinSystems(BTreeMap<String, bool>),
    /// Inserts a roadmap phase at `index` (at most the number of phases; that appends). Its id
    /// must be new.
    AddPhase { index: usize, phase: Phase },
    /// Replaces the roadmap phase with the same id, in place.
    SetPhase(Phase),
    /// Removes the roadmap phase with this id.
    RemovePhase(String),
    /// Moves the roadmap phase with this id to position `to` (0-based, in the roadmap after
    /// the move; past the end moves it last).
    MovePhase { id: String, to: usize },
    /// Several edits as one step; all or nothing.
    Batch(Vec<Op>),
    /// Replaces the whole workspace (restoring autosaved work); it must be valid.
    Replace(Box<Workspace>),
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OpError {
    #[error("there is no {} \"{id}\"", kind.label())]
    NotFound { kind: ItemKind, id: String },
    #[error("a {} with the id \"{id}\" already exists", kind.label())]
    Duplicate { kind: ItemKind, id: String },
    #[error("the workspace is open read-only; turn off View › Read-only to edit it")]
    ReadOnly,
    #[error("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid { problems: Vec<Problem> },
}

/// Applies `op` and returns the op that undoes it. On error the workspace is unchanged.
pub fn apply(ws: &mut Workspace, op: Op) -> Result<Op, OpError> {
    if plan::touches_roadmap(ws, &op) {
        return plan::apply_checked(ws, op);
    }
    apply_unchecked(ws, op)
}

/// [`apply`] without the roadmap's whole check.
fn apply_unchecked(ws: &mut Workspace, op: Op) -> Result<Op, OpError> {
    match op {
        Op::AddPhase { index, phase } => plan::add(ws, index, phase),
        Op::SetPhase(phase) => plan::set(ws, phase),
        Op::RemovePhase(id) => plan::remove(ws, &id),
        Op::MovePhase { id, to } => plan::move_to(ws, &id, to),
        Op::Remove(r) if r.kind == ItemKind::Phase => plan::remove(ws, &r.id),
        Op::Add(item) => {
            let r = item.item_ref();
            if item::exists(ws, &r) {
                return Err(OpError::Duplicate {
                    kind: r.kind,
                    id: r.id,
                });
            }
            check(ws, &item)?;
            item::insert(ws, item);
            Ok(Op::Remove(r))
        }
        Op::Update(item) => {
            let r = item.item_ref();
            if !item::exists(ws, &r) {
                return Err(OpError::NotFound {
                    kind: r.kind,
                    id: r.id,
                });
            }
            check(ws, &item)?;
            let old = item::insert(ws, item).ok_or(OpError::NotFound {
                kind: r.kind,
                id: r.id,
            })?;
            Ok(Op::Update(old))
        }
        Op::Remove(r) => {
            if !item::exists(ws, &r) {
                return Err(OpError::NotFound {
                    kind: r.kind,
                    id: r.id,
                });
            }
            let mut steps = item::unlink_ops(ws, &r);
            if steps.is_empty() {
                let old = item::take(ws, &r).ok_or(OpError::NotFound {
                    kind: r.kind,
                    id: r.id,
                })?;
                return Ok(Op::Add(old));
            }
            steps.push(Op::Remove(r));
            apply(ws, Op::Batch(steps))
        }
        Op::SetMeta {
            title,
            description,
            timezone,
        } => {
            let mut probe = Workspace::new("");
            probe.timezone.clone_from(&timezone);
            let problems: Vec<Problem> = crate::model::validate(&probe)
                .into_iter()
                .filter(|p| p.severity == Severity::Error)
                .collect();
            if !problems.is_empty() {
                return Err(OpError::Invalid { problems });
            }
            let old = Op::SetMeta {
                title: std::mem::replace(&mut ws.title, title),
                description: std::mem::replace(&mut ws.description, description),
                timezone: std::mem::replace(&mut ws.timezone, timezone),
            };
            Ok(old)
        }
        Op::SetLayoutStyle(style) => {
            Ok(Op::SetLayoutStyle(std::mem::replace(&mut ws.layout, style)))
        }
        Op::SetBackdrop(backdrop) => {
            if let Some(b) = &backdrop {
                let problems: Vec<Problem> = b
                    .problems()
                    .into_iter()
                    .map(|(field, message)| Problem {
                        severity: Severity::Error,
                        kind: ItemKind::Workspace,
                        id: String::new(),
                        field: field.to_owned(),
                        message,
                    })
                    .collect();
                if !problems.is_empty() {
                    return Err(OpError::Invalid { problems });
                }
            }
            Ok(Op::SetBackdrop(std::mem::replace(
                &mut ws.backdrop,
                backdrop,
            )))
        }
        Op::MoveSystems(moves) => {
            for (id, pos) in &moves {
                if !ws.systems.contains_key(id) {
                    return Err(OpError::NotFound {
                        kind: ItemKind::System,
                        id: id.clone(),
                    });
                }
                if pos.is_some_and(|p| !p.x.is_finite() || !p.y.is_finite()) {
                    return Err(OpError::Invalid {
                        problems: vec![Problem {
                            severity: Severity::Error,
                            kind: ItemKind::System,
                            id: id.clone(),
                            field: "pos".into(),
                            message: "position must be finite numbers".into(),
                        }],
                    });
                }
            }
            let mut old = BTreeMap::new();
            for (id, pos) in moves {
                if let Some(s) = ws.systems.get_mut(&id) {
                    old.insert(id, std::mem::replace(&mut s.pos, pos));
                }
            }
            Ok(Op::MoveSystems(old))
        }
        Op::PinSystems(pins) => {
            if let Some(id) = pins.keys().find(|id| !ws.systems.contains_key(*id)) {
                return Err(OpError::NotFound {
                    kind: ItemKind::System,
                    id: id.clone(),
                });
            }
            let mut old = BTreeMap::new();
            for (id, pinned) in pins {
                if let Some(s) = ws.systems.get_mut(&id) {
                    old.insert(id, std::mem::replace(&mut s.pinned, pinned));
                }
            }
            Ok(Op::PinSystems(old))
        }
        Op::Replace(new) => {
            let problems: Vec<Problem> = crate::model::validate(&new)
                .into_iter()
                .filter(|p| p.severity == Severity::Error)
                .collect();
            if !problems.is_empty() {
                return Err(OpError::Invalid { problems });
            }
            Ok(Op::Replace(Box::new(std::mem::replace(ws, *new))))
        }
        Op::Batch(ops) => {
            let mut undo = Vec::with_capacity(ops.len());
            for op in ops {
                match apply(ws, op) {
                    Ok(inverse) => undo.push(inverse),
                    Err(e) => {
                        for inverse in undo.into_iter().rev() {
                            // Inverses of ops that just succeeded always apply; if one did not,
                            // the workspace is not what it was, and that must be said.
                            if let Err(rollback) = apply(ws, inverse) {
                                return Err(OpError::Invalid {
                                    problems: vec![Problem {
                                        severity: Severity::Error,
                                        kind: ItemKind::Workspace,
                                        id: String::new(),
                                        field: String::new(),
                                        message: format!(
                                            "{e}; undoing the batch's first steps then failed: \
                                             {rollback}"
                                        ),
                                    }],
                                });
                            }
                        }
                        return Err(e);
                    }
                }
            }
            undo.reverse();
            Ok(Op::Batch(undo))
        }
    }
}

/// Runs the item's checks against the workspace; errors reject the edit.
fn check(ws: &Workspace, item: &Item) -> Result<(), OpError> {
    let problems: Vec<Problem> = item::problems(ws, item)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(OpError::Invalid { problems })
    }
}

#[cfg(test)]
mod tests;
