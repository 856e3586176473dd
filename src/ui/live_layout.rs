//! The force layout running live on the canvas. A run is explicit (Space / Run layout): the
//! simulation owns the moving positions and the canvas shows them every frame; the document gets
//! them as one undoable edit when the run settles or is paused, and nothing else — the layout
//! never writes history in the background. Systems being dragged are held where the pointer is.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::document::Document;
use crate::layout::{LayoutParams, Simulation, from_workspace, move_systems_op};
use crate::model::Workspace;
use crate::ops::Op;

/// Time a frame may spend on layout ticks.
const FRAME_BUDGET: Duration = Duration::from_millis(8);
/// Ticks a frame may run at most, so that a small map visibly moves into place over a few
/// dozen frames instead of jumping there in one (a large one is bounded by the time budget).
const MAX_TICKS_PER_FRAME: usize = 12;
/// Alpha after a structural change to a settled map (d3 uses 0.3 for drags and additions).
const REHEAT: f32 = 0.3;

pub struct LiveLayout {
    sim: Simulation,
    ids: Vec<String>,
    index: HashMap<String, usize>,
    /// Systems and connections the simulation was built for.
    structure: u64,
    /// Document revision whose positions and pins the simulation has taken over.
    synced_revision: u64,
    /// The document's positions at that revision, to notice systems moved by hand.
    doc_pos: Vec<Option<[f32; 2]>>,
    /// Systems held in place while they are dragged (pinned in the simulation only).
    held: std::collections::HashSet<String>,
    /// Whether the final pass ran since the run last settled (see [`Self::advance`]).
    tidied: bool,
}

fn doc_positions(ws: &Workspace, ids: &[String]) -> Vec<Option<[f32; 2]>> {
    ids.iter()
        .map(|id| ws.systems.get(id).and_then(|s| s.pos).map(|p| [p.x, p.y]))
        .collect()
}

/// A fingerprint of what the layout depends on structurally (systems, names, connections).
fn structure_of(ws: &Workspace) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |s: &str| {
        for b in s.bytes().chain([0xff]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for s in ws.systems.values() {
        eat(&s.id);
        eat(&s.name);
    }
    for d in ws.dependencies.keys() {
        eat(d);
    }
    h
}

impl LiveLayout {
    /// Builds a simulation from the document; settled systems ([`Document::settled`]) and
    /// pinned ones start where they are and are held there, the others are laid out as new to
    /// the map. `previous` carries positions of a running simulation over a structural change.
    pub fn new(doc: &Document, previous: Option<&LiveLayout>, fresh: bool) -> Self {
        Self::build(doc, previous, fresh, &doc.settled)
    }

    /// [`LiveLayout::new`], with `settled` the systems held where they are.
    fn build(
        doc: &Document,
        previous: Option<&LiveLayout>,
        fresh: bool,
        settled: &std::collections::BTreeSet<String>,
    ) -> Self {
        let (graph, ids, mut initial) = from_workspace(doc.ws());
        for (i, id) in ids.iter().enumerate() {
            if !settled.contains(id) && !graph.pinned[i] {
                initial[i] = None;
            }
        }
        if let Some(prev) = previous {
            for (i, id) in ids.iter().enumerate() {
                if let Some(&j) = prev.index.get(id) {
                    initial[i] = prev.sim.positions().get(j).copied();
                }
            }
        }
        let any_placed = initial.iter().any(Option::is_some);
        let mut sim = Simulation::new(&graph, &initial, LayoutParams::default());
        if any_placed && !fresh {
            // A map people have been looking at: move it gently, don't scramble it.
            sim.reheat(REHEAT);
        }
        let index = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect();
        let doc_pos = doc_positions(doc.ws(), &ids);
        LiveLayout {
            sim,
            ids,
            index,
            structure: structure_of(doc.ws()),
            synced_revision: doc.revision,
            doc_pos,
            held: std::collections::HashSet::new(),
            tidied: false,
        }
    }

    /// A simulation that lays the whole map out from scratch: only pinned systems keep their
    /// place, the others are placed as on a map never laid out.
    pub fn afresh(doc: &Document) -> Self {
        Self::build(doc, None, true, &std::collections::BTreeSet::new())
    }

    /// Follows document changes: a structural change rebuilds (keeping positions) and reheats;
    /// moved or (un)pinned systems are taken over.
    pub fn sync(self, doc: &Document) -> LiveLayout {
        if doc.revision == self.synced_revision {
            return self;
        }
        if structure_of(doc.ws()) != self.structure {
            let mut rebuilt = LiveLayout::new(doc, Some(&self), false);
            rebuilt.held = self.held;
            rebuilt.apply_pins(doc);
            return rebuilt;
        }
        let mut me = self;
        let now = doc_positions(doc.ws(), &me.ids);
        let mut changed = me.apply_pins(doc);
        for (i, (was, is)) in me.doc_pos.iter().zip(&now).enumerate() {
            if was != is
                && let Some(p) = *is
            {
                me.sim.set_position(i, p);
                changed = true;
            }
        }
        if changed && me.sim.is_settled() {
            me.sim.reheat(REHEAT * 0.5);
            me.tidied = false;
        }
        me.doc_pos = now;
        me.synced_revision = doc.revision;
        me
    }

    /// Pins in the simulation what the document pins or a drag holds; returns whether any
    /// changed.
    fn apply_pins(&mut self, doc: &Document) -> bool {
        let mut changed = false;
        for (i, id) in self.ids.iter().enumerate() {
            let pinned =
                self.held.contains(id) || doc.ws().systems.get(id).is_some_and(|s| s.pinned);
            if pinned != self.sim.is_pinned(i) {
                self.sim.set_pinned(i, pinned);
                changed = true;
            }
        }
        changed
    }

    /// Holds `ids` where the document has them (they are being dragged): the rest of the map
    /// moves around them, they stay under the pointer.
    pub fn hold<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) {
        for id in ids {
            if let Some(&i) = self.index.get(id) {
                self.sim.set_pinned(i, true);
            }
            self.held.insert(id.to_owned());
        }
    }

    /// Lets go of the systems held by [`LiveLayout::hold`] (pins in the document still count).
    pub fn release(&mut self, doc: &Document) {
        self.held.clear();
        self.apply_pins(doc);
    }

    /// Runs ticks for at most the frame budget; returns whether the layout is still moving.
    /// When the run settles, the layout's final pass moves boxes off lines and apart, as
    /// `depdig layout` and the export do (pinned and held systems stay).
    pub fn advance(&mut self) -> bool {
        let start = Instant::now();
        let mut ticks = 0;
        while !self.sim.is_settled()
            && ticks < MAX_TICKS_PER_FRAME
            && start.elapsed() < FRAME_BUDGET
        {
            self.sim.tick();
            ticks += 1;
            self.tidied = false;
        }
        if self.sim.is_settled() && !self.tidied {
            self.sim.tidy();
            self.tidied = true;
        }
        !self.sim.is_settled()
    }

    /// Current positions by system id.
    pub fn positions(&self) -> impl Iterator<Item = (&str, [f32; 2])> {
        self.ids
            .iter()
            .map(String::as_str)
            .zip(self.sim.positions().iter().copied())
    }

    /// The edit that stores the current positions in the document (only systems that moved).
    pub fn commit_op(&self, ws: &Workspace) -> Option<Op> {
        let Op::MoveSystems(mut moves) = move_systems_op(&self.ids, self.sim.positions()) else {
            return None;
        };
        moves.retain(|id, p| {
            ws.systems.get(id).is_some_and(|s| match (s.pos, p) {
                (Some(a), Some(b)) => (a.x - b.x).abs() > 0.05 || (a.y - b.y).abs() > 0.05,
                _ => true,
            })
        });
        (!moves.is_empty()).then_some(Op::MoveSystems(moves))
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::layout::boxes::lines_through;
    use crate::layout::node_size;

    fn run(live: &mut LiveLayout) {
        let mut frames = 0;
        while live.advance() && frames < 10_000 {
            frames += 1;
        }
    }

    fn at(live: &LiveLayout, id: &str) -> [f32; 2] {
        live.positions()
            .find(|(i, _)| *i == id)
            .map(|(_, p)| p)
            .unwrap()
    }

    fn gap(a: [f32; 2], b: [f32; 2]) -> f32 {
        (a[0] - b[0]).hypot(a[1] - b[1])
    }

    /// A system added by hand after the map was laid out is laid out as new by the next run,
    /// beside what it is linked to, while the settled map stays: with every placed system held
    /// where it is, the new one stayed where "Add system" had put it, across the map.
    /// (Linked to two systems: one with a single link is put beside it by the final pass.)
    #[test]
    fn a_system_added_since_the_last_run_is_laid_out_beside_its_neighbour() {
        use crate::model::{Dependency, DependencyType, System};
        let mut ws = Workspace::new("t");
        for id in ["a", "b", "c", "d", "e"] {
            ws.systems
                .insert(id.into(), System::new(id, format!("System {id}")));
        }
        for (f, t) in [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")] {
            let d = Dependency::new(f, t, DependencyType::Sync);
            ws.dependencies.insert(d.id(), d);
        }
        let mut doc = Document::new(ws, None);
        let mut live = LiveLayout::new(&doc, None, true);
        run(&mut live);
        let op = live.commit_op(doc.ws()).unwrap();
        doc.apply(op, "Run layout").unwrap();
        doc.settle_all();
        let before: Vec<[f32; 2]> = live.positions().map(|(_, p)| p).collect();
        let link = live.sim.mean_link_length();

        // Added far off (as if put at the edge of the view) and linked to `a`.
        let mut s = System::new("new", "New system");
        s.pos = Some(crate::model::CanvasPos::new(
            before[0][0] + 30.0 * link,
            before[0][1] + 30.0 * link,
        ));
        doc.apply(crate::ops::Op::Add(s.into()), "Add system")
            .unwrap();
        for to in ["a", "c"] {
            let d = Dependency::new("new", to, DependencyType::Sync);
            doc.apply(crate::ops::Op::Add(d.into()), "Connect").unwrap();
        }
        let mut live = LiveLayout::new(&doc, None, false);
        run(&mut live);
        for to in ["a", "c"] {
            let near = gap(at(&live, "new"), at(&live, to)) / link;
            assert!(near < 2.5, "the new system is {near:.1} links from {to}");
        }
        for (id, was) in ["a", "b", "c", "d", "e"].iter().zip(&before) {
            let moved = gap(at(&live, id), *was);
            assert!(
                moved < 0.25 * link,
                "{id} moved {moved:.1} (link {link:.1})"
            );
        }
    }

    /// Space on the canvas ends with the same final pass as `depdig layout`: on the
    /// OpenTelemetry demo, the settled run draws fewer lines (centre to centre) through boxes
    /// that are not their ends than the same run without it (before, the canvas never ran it).
    #[test]
    fn a_settled_run_moves_boxes_off_lines() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/otel-demo");
        let (ws, _) = crate::io::csv_import::import_new(
            "OpenTelemetry demo",
            Some(&dir.join("nodes.csv")),
            Some(&dir.join("edges.csv")),
        )
        .unwrap();
        let doc = Document::new(ws, None);
        let (graph, ids, _) = from_workspace(doc.ws());
        let half: Vec<[f32; 2]> = ids
            .iter()
            .map(|id| {
                let (w, h) = node_size(&doc.ws().systems[id].name);
                [w / 2.0, h / 2.0]
            })
            .collect();
        let through = |live: &LiveLayout| {
            let pos: Vec<[f32; 2]> = live.positions().map(|(_, p)| p).collect();
            lines_through(&pos, &half, &graph.edges, 0.0)
        };
        let mut live = LiveLayout::new(&doc, None, true);
        let mut frames = 0;
        while live.advance() && frames < 10_000 {
            frames += 1;
        }
        assert!(live.tidied);
        let mut raw = LiveLayout::new(&doc, None, true);
        while raw.sim.tick() {}
        let (tidied, untidied) = (through(&live), through(&raw));
        assert!(tidied < untidied, "{tidied} vs {untidied} without the pass");
    }
}
