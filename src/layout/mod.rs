//! Force-directed layout of the map, on plain position arrays (no UI types here).
//!
//! A [`Simulation`] works like d3-force: every tick it adds forces to each node's velocity, damps
//! the velocity and moves the node, while `alpha` cools from 1 towards 0; once alpha is below
//! `alpha_min` the layout is settled and [`Simulation::tick`] does nothing, so the app can stop
//! repainting. The forces:
//!
//! - **links**: a spring per pair of connected systems (dependencies are undirected here and
//!   several between the same pair count once), split by degree like d3's `forceLink`, with
//!   strength `1 / min(degree)^0.75` and links between hubs a little longer (d3: `1 / min
//!   degree`, all alike), which gives lower stress and fewer crossings on scale-free maps;
//! - **repulsion**: every node pushes every other away, computed with a Barnes–Hut
//!   [quadtree](quadtree) (opening angle θ);
//! - **gravity**: each connected part is pulled towards the centre as a whole, which keeps
//!   disconnected parts together without bending any of them (systems with no dependency at
//!   all are put side by side beside the map by the final pass, [`shelf`]);
//! - **collision**: systems' boxes (their drawn size, from [`measure`]) are pushed apart, so
//!   labels don't overlap.
//!
//! Nodes that come with a position start there and are held near it (`anchor_strength`), so
//! re-running a settled map or adding a system to it keeps its shape;
//! [`Simulation::release_anchors`] lets an old map be rearranged freely. The others are placed
//! near their placed neighbours, or, when nothing is placed, by pivot MDS per connected part (a
//! fast approximation of a layout whose distances follow the hop distances), parts packed side
//! by side. Pinned nodes never move (they still push and pull others). The result is
//! bit-for-bit the same for the same seed and input on one machine, whatever the number of
//! threads: every node's forces are computed on their own, in a fixed order.
//!
//! Typical use: [`from_workspace`] gives the graph, the ids in node order and the saved
//! positions; [`Simulation::new`], then [`Simulation::tick`] per frame until
//! [`Simulation::is_settled`] (or [`Simulation::run`]); [`apply_positions`] or
//! [`move_systems_op`] turn the result into an [`Op::MoveSystems`](crate::ops::Op) edit.
//!
//! ```
//! use depdig::layout::{LayoutGraph, LayoutParams, Simulation};
//! let graph = LayoutGraph::uniform(3, vec![(0, 1), (1, 2)]);
//! let mut sim = Simulation::new(&graph, &[], LayoutParams::default());
//! sim.run(1000);
//! assert!(sim.is_settled());
//! assert_eq!(sim.positions().len(), 3);
//! ```

pub mod boxes;
mod collide;
mod fan;
mod generate;
mod graph;
pub mod layered;
mod mds;
pub mod measure;
mod place;
mod quadtree;
mod rng;
mod shelf;
mod simulation;
pub mod tidy;
mod workspace;

pub use fan::{lanes, parallel_lanes};
pub use generate::scale_free_graph;
pub use layered::{downward_edges, layered, layered_workspace};
pub use measure::{node_size, text_width};
pub use simulation::{MAX_COORDINATE, Simulation};
pub use workspace::{apply_positions, from_workspace, move_systems_op};

/// The graph to lay out: node sizes, undirected edges and pins, indexed `0..n`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LayoutGraph {
    /// Width and height of each node's box, in canvas units (see [`node_size`]).
    pub sizes: Vec<[f32; 2]>,
    /// Pairs of node indices. Direction, duplicates and self loops don't matter; pairs naming a
    /// node that does not exist are ignored.
    pub edges: Vec<(u32, u32)>,
    /// Pinned nodes never move. Shorter than `sizes` means the rest are not pinned.
    pub pinned: Vec<bool>,
    /// Group of each node, if any: groups are kept apart by the final pass. Shorter than
    /// `sizes` means the rest are in no group.
    pub groups: Vec<Option<u32>>,
    /// Width and height of each node's box as the map draws it, with room for its kind's glyph
    /// or lids (see [`measure::system_box`]), when that is larger than `sizes`. The forces work
    /// on `sizes`; the final pass and the layered layout keep the drawn boxes apart. Shorter
    /// than `sizes` means the rest are drawn at `sizes`.
    pub drawn: Vec<[f32; 2]>,
}

impl LayoutGraph {
    /// `n` nodes of the size of a system with a short name, none pinned.
    pub fn uniform(n: usize, edges: Vec<(u32, u32)>) -> Self {
        let (w, h) = node_size("");
        LayoutGraph {
            sizes: vec![[w, h]; n],
            edges,
            pinned: vec![false; n],
            groups: Vec::new(),
            drawn: Vec::new(),
        }
    }

    /// Width and height of node `i`'s box as drawn: the larger of `sizes` and `drawn` on each
    /// side.
    pub fn drawn_size(&self, i: usize) -> [f32; 2] {
        let s = self.sizes.get(i).copied().unwrap_or([0.0; 2]);
        match self.drawn.get(i) {
            Some(d) => [s[0].max(d[0]), s[1].max(d[1])],
            None => s,
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.sizes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sizes.is_empty()
    }
}

/// How the simulation behaves. The cooling schedule and integration are d3-force's; the forces
/// are d3's, scaled to depdig's box sizes and tuned as each field says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutParams {
    /// Seed of every random choice (jiggles, offsets of new nodes).
    pub seed: u64,
    /// Barnes–Hut opening angle: larger is faster and coarser.
    pub theta: f32,
    /// Length of a link between two boxes of the minimum size, centre to centre, in canvas
    /// units. Larger boxes get longer links (by how much larger they are).
    pub link_distance: f32,
    /// A link's strength is `1 / min(degree)^link_strength_exponent` (d3: 1); lower keeps
    /// links between well-connected nodes tighter.
    pub link_strength_exponent: f32,
    /// Links between well-connected nodes are longer by `1 + hub_link_stretch · ln(min degree)`,
    /// which gives hubs room for their neighbours (0: all links alike, like d3).
    pub hub_link_stretch: f32,
    /// Repulsion of one node, as d3's `forceManyBody().strength()` (d3: −30) at d3's link
    /// distance of 30; scaled by (mean link length / 30)² so the picture keeps its shape at any
    /// link length. Boxes larger than the smallest push harder (by the root of their area).
    pub charge_strength: f32,
    /// How strongly each connected part is pulled towards the centre, as a whole (per tick and
    /// unit of alpha, like d3's `forceX().strength()`).
    pub gravity: f32,
    /// How strongly nodes that came with a position are held near it (share of the way back
    /// per tick, not cooled with alpha), so re-running or growing a map keeps its shape: they
    /// give way while the forces are strong and come back as they cool; 0 lets them drift
    /// freely.
    pub anchor_strength: f32,
    /// How strongly each member of a group is pulled towards its group's middle (per tick and
    /// unit of alpha), so a group is drawn as one cluster, not scattered among others.
    pub group_strength: f32,
    /// Gap kept between boxes, in canvas units.
    pub collide_padding: f32,
    /// Share of an overlap removed per tick (d3's `forceCollide().strength()`).
    pub collide_strength: f32,
    /// Share of velocity lost per tick (d3's `velocityDecay`).
    pub velocity_decay: f32,
    /// Starting alpha.
    pub alpha: f32,
    /// The layout is settled once alpha is below this.
    pub alpha_min: f32,
    /// Share of the way alpha moves towards `alpha_target` per tick.
    pub alpha_decay: f32,
    pub alpha_target: f32,
}

/// [`LayoutParams::group_strength`] by default. Measured on a generated estate of 52 systems in
/// 7 groups around a gateway and a telemetry hub (outline pieces the export draws, 7 = each
/// group in one): 0 → 30, 0.1 → 26, 0.3 → 15, 0.4 → 13, 0.5 → 11 (but the map half fills its
/// frame), 0.8 → 16; the samples laid out afresh: 39 → 32 pieces for 25 groups.
const GROUP_STRENGTH: f32 = 0.4;

impl Default for LayoutParams {
    fn default() -> Self {
        let alpha_min = 0.001f32;
        LayoutParams {
            seed: 0x6465_7064_6967, // "depdig"
            theta: 0.9,
            link_distance: 45.0,
            link_strength_exponent: 0.75,
            hub_link_stretch: 0.5,
            charge_strength: -60.0,
            gravity: 0.1,
            anchor_strength: 1.0,
            group_strength: GROUP_STRENGTH,
            collide_padding: 8.0,
            collide_strength: 0.7,
            velocity_decay: 0.4,
            alpha: 1.0,
            alpha_min,
            // d3: 1 - alphaMin^(1/300), i.e. settled after 300 ticks.
            alpha_decay: 1.0 - alpha_min.powf(1.0 / 300.0),
            alpha_target: 0.0,
        }
    }
}
