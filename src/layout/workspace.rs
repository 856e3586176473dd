//! Between a workspace and the layout's plain arrays. Positions go back through an
//! [`Op::MoveSystems`], like every other edit.

use std::collections::{BTreeMap, HashMap};

use super::measure::{LABEL_FONT_SIZE, system_box};
use super::{LayoutGraph, node_size};
use crate::model::{CanvasPos, Workspace};
use crate::ops::{Op, OpError, apply};

/// The graph of `ws` for the layout: one node per system in id order (the ids are returned in
/// that order), one edge per dependency, box sizes from the systems' names (and as drawn, with
/// their kinds' room), their pins, and
/// their saved positions (`None` for systems not placed yet).
pub fn from_workspace(ws: &Workspace) -> (LayoutGraph, Vec<String>, Vec<Option<[f32; 2]>>) {
    let ids: Vec<String> = ws.systems.keys().cloned().collect();
    let index: HashMap<&str, u32> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i as u32))
        .collect();
    let mut sizes = Vec::with_capacity(ids.len());
    let mut pinned = Vec::with_capacity(ids.len());
    let mut initial = Vec::with_capacity(ids.len());
    let mut groups = Vec::with_capacity(ids.len());
    let mut drawn = Vec::with_capacity(ids.len());
    let mut group_index: BTreeMap<&str, u32> = BTreeMap::new();
    for s in ws.systems.values() {
        let group = s.group.trim();
        groups.push((!group.is_empty()).then(|| {
            let next = group_index.len() as u32;
            *group_index.entry(group).or_insert(next)
        }));
        let label = if s.name.trim().is_empty() {
            &s.id
        } else {
            &s.name
        };
        let (w, h) = node_size(label);
        sizes.push([w, h]);
        drawn.push(system_box(s.kind, label, LABEL_FONT_SIZE).0);
        pinned.push(s.pinned);
        initial.push(s.pos.map(|p| [p.x, p.y]));
    }
    let edges = ws
        .dependencies
        .values()
        .filter_map(|d| Some((*index.get(d.from.as_str())?, *index.get(d.to.as_str())?)))
        .collect();
    (
        LayoutGraph {
            sizes,
            edges,
            pinned,
            groups,
            drawn,
        },
        ids,
        initial,
    )
}

/// The edit that moves the systems `ids[i]` to `positions[i]` (pairs beyond the shorter list and
/// non-finite positions are left out).
pub fn move_systems_op(ids: &[String], positions: &[[f32; 2]]) -> Op {
    Op::MoveSystems(
        ids.iter()
            .zip(positions)
            .filter(|(_, p)| p[0].is_finite() && p[1].is_finite())
            .map(|(id, p)| (id.clone(), Some(CanvasPos::new(p[0], p[1]))))
            .collect::<BTreeMap<_, _>>(),
    )
}

/// Moves the systems of `ws` to the layout's positions, leaving out those already there;
/// returns the op that undoes it.
pub fn apply_positions(
    ws: &mut Workspace,
    ids: &[String],
    positions: &[[f32; 2]],
) -> Result<Op, OpError> {
    let Op::MoveSystems(mut moves) = move_systems_op(ids, positions) else {
        return Ok(Op::Batch(Vec::new()));
    };
    moves.retain(|id, p| ws.systems.get(id).is_none_or(|s| s.pos != *p));
    apply(ws, Op::MoveSystems(moves))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dependency, DependencyType, System};

    #[test]
    fn workspace_round_trip() {
        let mut ws = Workspace::new("t");
        for id in ["b", "a", "c"] {
            ws.systems
                .insert(id.into(), System::new(id, id.to_uppercase()));
        }
        if let Some(s) = ws.systems.get_mut("b") {
            s.pos = Some(CanvasPos::new(10.0, 20.0));
            s.pinned = true;
        }
        for (f, t) in [("a", "b"), ("b", "c")] {
            let d = Dependency::new(f, t, DependencyType::Sync);
            ws.dependencies.insert(d.id(), d);
        }
        let (g, ids, initial) = from_workspace(&ws);
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(g.edges, vec![(0, 1), (1, 2)]);
        assert_eq!(g.pinned, vec![false, true, false]);
        assert_eq!(initial, vec![None, Some([10.0, 20.0]), None]);

        let undo = apply_positions(&mut ws, &ids, &[[1.0, 2.0], [10.0, 20.0], [3.0, 4.0]])
            .expect("valid move");
        assert_eq!(ws.systems["a"].pos, Some(CanvasPos::new(1.0, 2.0)));
        // Only the systems that moved are in the undo.
        let Op::MoveSystems(old) = undo else {
            panic!("not a move")
        };
        assert_eq!(old.keys().collect::<Vec<_>>(), ["a", "c"]);
    }
}
