//! What the export draws: the visible systems with their positions (laid out headlessly when
//! the workspace has none) and the visible dependencies between them.

use std::collections::BTreeMap;

use crate::io::export::{ExportError, ExportOptions};
use crate::layout::{LayoutParams, Simulation, from_workspace};
use crate::model::Workspace;

/// Saved positions farther out than this (canvas units) are not given to the layout.
const LAYOUT_MAX_COORD: f32 = 1.0e6;
/// Ticks the headless layout may take to settle a workspace without positions.
const LAYOUT_MAX_TICKS: usize = 3000;
/// What the export draws: the visible systems and dependencies with their positions (laid out
/// headlessly when the workspace has none), never a change to the workspace.
pub struct Scene<'a> {
    pub ws: &'a Workspace,
    /// Canvas position of each drawn system, by id.
    pub positions: BTreeMap<&'a str, [f32; 2]>,
    /// Ids of the drawn dependencies, in id order.
    pub dependencies: Vec<&'a str>,
}

impl<'a> Scene<'a> {
    pub fn new(ws: &'a Workspace, opts: &ExportOptions) -> Result<Self, ExportError> {
        let visible = |id: &str| ws.systems.contains_key(id) && !opts.hidden_systems.contains(id);
        let mut positions: BTreeMap<&str, [f32; 2]> = ws
            .systems
            .values()
            .filter(|s| visible(&s.id))
            .filter_map(|s| {
                let p = s.pos?;
                (p.x.is_finite() && p.y.is_finite()).then_some((s.id.as_str(), [p.x, p.y]))
            })
            .collect();
        let shown = ws.systems.keys().filter(|id| visible(id)).count();
        if shown == 0 {
            return Err(ExportError::Empty);
        }
        if positions.len() < shown {
            // Lay out the whole workspace (hidden systems too, so the picture matches the
            // canvas once laid out there), then keep the saved positions of placed systems.
            let (graph, ids, initial) = from_workspace(ws);
            // Far-off saved positions start as unplaced: one system a million units out would
            // otherwise stretch the whole picture (the collision grid itself now saturates
            // instead of overflowing).
            let initial: Vec<Option<[f32; 2]>> = initial
                .into_iter()
                .map(|p| p.filter(|p| p.iter().all(|v| v.abs() <= LAYOUT_MAX_COORD)))
                .collect();
            let mut sim = Simulation::new(&graph, &initial, LayoutParams::default());
            sim.run(LAYOUT_MAX_TICKS);
            // The final pass too, as `depdig layout` and Space do.
            sim.tidy();
            for (id, p) in ids.iter().zip(sim.positions()) {
                if visible(id)
                    && p[0].is_finite()
                    && p[1].is_finite()
                    && let Some((key, _)) = ws.systems.get_key_value(id)
                {
                    positions.entry(key.as_str()).or_insert(*p);
                }
            }
        }
        let dependencies = ws
            .dependencies
            .iter()
            .filter(|(_, d)| {
                !opts.hidden_types.contains(&d.kind)
                    && d.from != d.to
                    && positions.contains_key(d.from.as_str())
                    && positions.contains_key(d.to.as_str())
            })
            .map(|(id, _)| id.as_str())
            .collect();
        Ok(Scene {
            ws,
            positions,
            dependencies,
        })
    }
}
