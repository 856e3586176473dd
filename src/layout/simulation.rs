//! The simulation: state, forces and the cooling schedule.

use rayon::prelude::*;

use super::collide::{Boxes, CollisionGrid, collide};
use super::graph::Neighbours;
use super::place::{Placement, initial_positions};
use super::quadtree::{Interactions, QuadTree};
use super::rng::pair_direction;
use super::tidy::{Tidy, tidy};
use super::{LayoutGraph, LayoutParams, node_size};

/// Compute forces in parallel from this many nodes on.
const PAR_MIN: usize = 2048;
/// Gap between the map and the shelf of systems with no dependency, and between those
/// systems, in mean link lengths.
const SHELF_GAP: f32 = 0.4;

/// A group of the tree (sorted point range) and its slice of the output.
type GroupOut<'a> = ((u32, u32), &'a mut [[f32; 2]]);

/// One end of a link, seen from a node.
#[derive(Debug, Clone, Copy)]
struct Link {
    other: u32,
    /// Rest length, centre to centre.
    length: f32,
    /// Strength × this node's share of the correction.
    k: f32,
}

/// A running force layout. See the [module docs](super) for the forces.
#[derive(Debug)]
pub struct Simulation {
    params: LayoutParams,
    pos: Vec<[f32; 2]>,
    vel: Vec<[f32; 2]>,
    /// Half extents for collision, padding included.
    half: Vec<[f32; 2]>,
    weight: Vec<f32>,
    pinned: Vec<bool>,
    /// Where nodes that came with a position started.
    anchor: Vec<Option<[f32; 2]>>,
    link_start: Vec<u32>,
    links: Vec<Link>,
    component: Vec<u32>,
    components: usize,
    centre: [f32; 2],
    mean_link: f32,
    /// Effective repulsion per unit of mass (negative pushes apart).
    charge: f32,
    /// Repulsion mass of each node.
    mass: Vec<f32>,
    min_d2: f32,
    alpha: f32,
    alpha_target: f32,
    ticks: usize,
    tree: QuadTree,
    grid: CollisionGrid,
    /// Velocity change per node, in the tree's (sorted) order.
    dv: Vec<[f32; 2]>,
    predicted: Vec<[f32; 2]>,
    pull: Vec<[f32; 2]>,
    /// The middle of each group's members this tick (by group index).
    middles: Vec<[f32; 2]>,
    /// What the final pass needs: neighbours, boxes as drawn (half extents) and groups.
    neighbours: Neighbours,
    drawn_half: Vec<[f32; 2]>,
    group: Vec<Option<u32>>,
}

impl Simulation {
    /// A simulation of `graph`, starting from `initial` positions where given (`initial` may be
    /// shorter than the graph; missing or non-finite entries count as not placed).
    pub fn new(graph: &LayoutGraph, initial: &[Option<[f32; 2]>], params: LayoutParams) -> Self {
        let n = graph.len();
        let default_size = node_size("");
        let sizes: Vec<[f32; 2]> = graph
            .sizes
            .iter()
            .map(|s| {
                let ok = |v: f32, d: f32| if v.is_finite() && v >= 0.0 { v } else { d };
                [ok(s[0], default_size.0), ok(s[1], default_size.1)]
            })
            .collect();
        let pad = finite_or(params.collide_padding, 0.0).max(0.0);
        let half: Vec<[f32; 2]> = sizes
            .iter()
            .map(|s| [0.5 * (s[0] + pad), 0.5 * (s[1] + pad)])
            .collect();
        let weight: Vec<f32> = half.iter().map(|h| (h[0] * h[1]).max(1e-6)).collect();
        let pinned: Vec<bool> = (0..n)
            .map(|i| graph.pinned.get(i).copied().unwrap_or(false))
            .collect();

        let neighbours = Neighbours::new(n, &graph.edges);
        let (component, components) = neighbours.components();

        // A box's "radius": links between larger boxes are longer by their excess over the
        // smallest box.
        let base_radius = 0.25 * (default_size.0 + default_size.1);
        let radius: Vec<f32> = sizes
            .iter()
            .map(|s| (0.25 * (s[0] + s[1]) - base_radius).max(0.0))
            .collect();
        let link_distance = finite_or(params.link_distance, 60.0).max(1.0);
        let mut link_start = Vec::with_capacity(n + 1);
        let mut links = Vec::with_capacity(neighbours.list.len());
        let mut total_length = 0.0f64;
        let exponent = finite_or(params.link_strength_exponent, 1.0).clamp(0.0, 1.0);
        let stretch = finite_or(params.hub_link_stretch, 0.0).max(0.0);
        link_start.push(0);
        for i in 0..n {
            let di = neighbours.degree(i) as f32;
            let first = links.len();
            for &j in neighbours.of(i) {
                let dj = neighbours.degree(j as usize) as f32;
                let fewer = di.min(dj);
                let length =
                    (link_distance + radius[i] + radius[j as usize]) * (1.0 + stretch * fewer.ln());
                total_length += f64::from(length);
                links.push(Link {
                    other: j,
                    length,
                    // Like d3: strength 1/min(degree)^exponent, and the node with fewer links
                    // moves more.
                    k: fewer.powf(-exponent) * (dj / (di + dj)),
                });
            }
            // All of a node's springs together correct at most its whole error in one tick, or
            // it would overshoot.
            let total: f32 = links[first..].iter().map(|l| l.k).sum();
            if total > 1.0 {
                for l in &mut links[first..] {
                    l.k /= total;
                }
            }
            link_start.push(links.len() as u32);
        }
        let mean_link = if links.is_empty() {
            link_distance
        } else {
            (total_length / links.len() as f64) as f32
        };
        let scale2 = (mean_link / 30.0).powi(2);
        // Larger boxes push harder, so long labels get room.
        let default_area = default_size.0 * default_size.1;
        let mass: Vec<f32> = sizes
            .iter()
            .map(|s| (s[0] * s[1] / default_area).sqrt().clamp(1.0, 8.0))
            .collect();

        let placement = Placement {
            neighbours: &neighbours,
            component: &component,
            components,
            half: &half,
            pinned: &pinned,
            link: mean_link,
            seed: params.seed,
        };
        // Positions that are not finite or absurdly far off count as not placed.
        let initial: Vec<Option<[f32; 2]>> = (0..n)
            .map(|i| initial.get(i).copied().flatten().filter(|q| usable(*q)))
            .collect();
        let pos = initial_positions(&placement, &initial);
        let centre = {
            let given: Vec<[f32; 2]> = initial.iter().flatten().copied().collect();
            mean(&given)
        };
        let anchor = initial;
        // The final pass keeps the boxes apart as drawn, with their kinds' room.
        let drawn_half = sizes
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let d = graph.drawn_size(i);
                let wider = |v: f32, s: f32| if v.is_finite() { v.max(s) } else { s };
                [0.5 * wider(d[0], s[0]), 0.5 * wider(d[1], s[1])]
            })
            .collect();
        let group = (0..n)
            .map(|i| graph.groups.get(i).copied().flatten())
            .collect();
        Simulation {
            neighbours,
            drawn_half,
            group,
            anchor,
            alpha: finite_or(params.alpha, 1.0),
            alpha_target: finite_or(params.alpha_target, 0.0),
            params,
            vel: vec![[0.0; 2]; n],
            pos,
            half,
            weight,
            pinned,
            link_start,
            links,
            component,
            components,
            centre,
            mean_link,
            charge: finite_or(params.charge_strength, -30.0) * scale2,
            min_d2: scale2,
            mass,
            ticks: 0,
            tree: QuadTree::default(),
            grid: CollisionGrid::default(),
            dv: Vec::new(),
            predicted: Vec::new(),
            pull: Vec::new(),
            middles: Vec::new(),
        }
    }

    /// Advances one tick unless the layout is settled; returns whether it did.
    pub fn tick(&mut self) -> bool {
        if self.is_settled() {
            return false;
        }
        self.step();
        true
    }

    /// The final pass: moves boxes (never pinned ones) off lines between other systems, apart
    /// from each other, and groups apart from each other, by the smallest moves that do it;
    /// puts single-connection systems back beside their neighbour, and systems new to a map
    /// laid out before beside the systems they are linked to. See [`tidy`](super::tidy).
    /// Then systems with no dependency and no group go side by side on a shelf beside the map
    /// ([`shelf`](super::shelf)).
    /// Run it once the layout has settled (`depdig layout` does). The ticks never run it: its
    /// result is not a balance of the forces, so a map re-run or grown from tidied positions
    /// would drift back and be tidied differently.
    pub fn tidy(&mut self) {
        // Systems without a place on a map that has some: new to it.
        let placed = self.anchor.iter().any(Option::is_some);
        let newcomers: Vec<bool> = self.anchor.iter().map(|a| placed && a.is_none()).collect();
        tidy(&mut Tidy {
            pos: &mut self.pos,
            half: &self.drawn_half,
            neighbours: &self.neighbours,
            pinned: &self.pinned,
            group: &self.group,
            link: self.mean_link,
            within: None,
            newcomers: &newcomers,
            fresh: !placed,
        });
        // Then systems with no dependency and no group (nothing to stay near) onto a shelf beside
        // the rest as the pass left it (no line or box of the rest reaches the shelf).
        let n = self.pos.len();
        let lone =
            |i: usize| self.neighbours.degree(i) == 0 && self.group[i].is_none() && !self.pinned[i];
        let (alone, rest): (Vec<usize>, Vec<usize>) = (0..n).partition(|&i| lone(i));
        super::shelf::shelve(
            &mut self.pos,
            &self.drawn_half,
            &alone,
            &rest,
            self.mean_link * SHELF_GAP,
        );
        self.vel.fill([0.0, 0.0]);
    }

    /// The middle of each group's members (by group index), for the pull that keeps a group
    /// together.
    fn group_middles(&mut self) {
        self.middles.clear();
        let mut counts: Vec<f32> = Vec::new();
        for (i, g) in self.group.iter().enumerate() {
            let Some(g) = g else { continue };
            let g = *g as usize;
            if self.middles.len() <= g {
                self.middles.resize(g + 1, [0.0, 0.0]);
                counts.resize(g + 1, 0.0);
            }
            self.middles[g][0] += self.pos[i][0];
            self.middles[g][1] += self.pos[i][1];
            counts[g] += 1.0;
        }
        for (m, c) in self.middles.iter_mut().zip(&counts) {
            if *c > 0.0 {
                *m = [m[0] / c, m[1] / c];
            }
        }
    }

    /// Ticks until settled, at most `max_ticks` times; returns the number of ticks.
    pub fn run(&mut self, max_ticks: usize) -> usize {
        let mut done = 0;
        while done < max_ticks && self.tick() {
            done += 1;
        }
        done
    }

    /// `true` once alpha has cooled below `alpha_min` (and is not being held up by a target).
    pub fn is_settled(&self) -> bool {
        self.alpha < self.params.alpha_min && self.alpha_target < self.params.alpha_min
    }

    pub fn alpha(&self) -> f32 {
        self.alpha
    }

    /// Sets alpha again (e.g. 0.3 after adding a node), so the layout moves until it settles.
    pub fn reheat(&mut self, alpha: f32) {
        self.alpha = finite_or(alpha, 1.0).clamp(0.0, 1.0);
    }

    /// Keeps alpha near `target` while it is above `alpha_min`, like d3 while dragging (0.3);
    /// set it back to 0 to let the layout settle.
    pub fn set_alpha_target(&mut self, target: f32) {
        self.alpha_target = finite_or(target, 0.0).clamp(0.0, 1.0);
    }

    /// Ticks run since the start.
    pub fn ticks(&self) -> usize {
        self.ticks
    }

    /// Current positions, in canvas units, in node order.
    pub fn positions(&self) -> &[[f32; 2]] {
        &self.pos
    }

    /// Moves node `i` (e.g. while dragged) and stops it. Ignored for an unknown node or a
    /// position that is not finite or beyond [`MAX_COORDINATE`].
    pub fn set_position(&mut self, i: usize, p: [f32; 2]) {
        if let (Some(q), Some(v)) = (self.pos.get_mut(i), self.vel.get_mut(i))
            && usable(p)
        {
            *q = p;
            *v = [0.0, 0.0];
            if let Some(a) = self.anchor.get_mut(i).and_then(Option::as_mut) {
                *a = p;
            }
        }
    }

    /// Lets every node move freely: nodes that came with a position are no longer held near
    /// it (for a fresh arrangement of an old map, with [`reheat`](Self::reheat)).
    pub fn release_anchors(&mut self) {
        self.anchor.fill(None);
    }

    /// Pins or unpins node `i`; a pinned node keeps its place.
    pub fn set_pinned(&mut self, i: usize, pinned: bool) {
        if let (Some(p), Some(v)) = (self.pinned.get_mut(i), self.vel.get_mut(i)) {
            *p = pinned;
            *v = [0.0, 0.0];
        }
    }

    pub fn is_pinned(&self, i: usize) -> bool {
        self.pinned.get(i).copied().unwrap_or(false)
    }

    /// Mean rest length of the links, in canvas units.
    pub fn mean_link_length(&self) -> f32 {
        self.mean_link
    }

    /// Number of connected parts.
    pub fn components(&self) -> usize {
        self.components
    }

    /// Advances one tick, settled or not (d3's `simulation.tick()`): cool, add forces, move.
    pub fn step(&mut self) {
        let n = self.pos.len();
        self.ticks += 1;
        let p = self.params;
        self.alpha += (self.alpha_target - self.alpha) * finite_or(p.alpha_decay, 0.0228);
        if n == 0 {
            return;
        }
        let alpha = self.alpha;
        self.tree
            .build(&self.pos, &self.mass, finite_or(p.theta, 0.9).max(0.0));
        self.group_middles();
        self.compute_pull(alpha);

        // Links, repulsion and gravity, from the state at the start of the tick.
        let mut dv = std::mem::take(&mut self.dv);
        dv.clear();
        dv.resize(n, [0.0; 2]);
        {
            let s = &*self;
            let charge = s.charge * alpha;
            // Not cooled with alpha: as the other forces fade, placed systems come back to
            // where they were, so a map laid out before stays as its final pass left it (a
            // pull that cooled alike balanced the springs halfway, and the pass then moved the
            // boxes elsewhere: a re-run moved a 58-system estate by a median of 50 units).
            let anchor = finite_or(p.anchor_strength, 0.0).clamp(0.0, 1.0);
            let together = finite_or(p.group_strength, 0.0).clamp(0.0, 1.0) * alpha;
            // One output slice per group of the tree.
            let mut parts: Vec<GroupOut<'_>> = Vec::with_capacity(s.tree.groups().len());
            let mut rest: &mut [[f32; 2]] = &mut dv;
            for &(lo, hi) in s.tree.groups() {
                let (head, tail) = rest.split_at_mut((hi - lo) as usize);
                parts.push(((lo, hi), head));
                rest = tail;
            }
            let work = |list: &mut Interactions,
                        (group, out): &mut ((u32, u32), &mut [[f32; 2]])| {
                s.tree.pull_group(*group, s.min_d2, p.seed, list, out);
                for (o, k) in out.iter_mut().zip(group.0 as usize..) {
                    let i = s.tree.order()[k] as usize;
                    if s.pinned[i] {
                        *o = [0.0, 0.0];
                        continue;
                    }
                    let c = charge * s.mass[i];
                    let l = s.link_force(i, alpha);
                    let mut g = s.pull[s.component[i] as usize];
                    if let Some(m) = s.group[i].and_then(|g| s.middles.get(g as usize)) {
                        // Drawn as one cluster with the rest of its group.
                        g[0] += (m[0] - s.pos[i][0]) * together;
                        g[1] += (m[1] - s.pos[i][1]) * together;
                    }
                    if let Some(a) = s.anchor[i] {
                        // Held near where it started, so an old map keeps its shape.
                        g[0] += (a[0] - s.pos[i][0]) * anchor;
                        g[1] += (a[1] - s.pos[i][1]) * anchor;
                    }
                    *o = [o[0] * c + l[0] + g[0], o[1] * c + l[1] + g[1]];
                }
            };
            if n >= PAR_MIN {
                parts
                    .par_iter_mut()
                    .with_min_len(4)
                    .for_each_init(Interactions::default, work);
            } else {
                let mut list = Interactions::default();
                for part in &mut parts {
                    work(&mut list, part);
                }
            }
        }
        self.dv = dv;

        // Collision, from where the nodes are about to go.
        self.predicted.clear();
        self.predicted.extend(
            self.pos
                .iter()
                .zip(&self.vel)
                .map(|(q, v)| [q[0] + v[0], q[1] + v[1]]),
        );
        for (k, &i) in self.tree.order().iter().enumerate() {
            let q = &mut self.predicted[i as usize];
            q[0] += self.dv[k][0];
            q[1] += self.dv[k][1];
        }
        let strength = finite_or(p.collide_strength, 0.7).clamp(0.0, 1.0);
        if strength > 0.0 {
            let boxes = Boxes {
                centres: &self.predicted,
                half: &self.half,
                weight: &self.weight,
                pinned: &self.pinned,
            };
            collide(
                &mut self.grid,
                &boxes,
                self.tree.order(),
                strength,
                p.seed,
                &mut self.dv,
            );
        }

        // Damp and move.
        let keep = 1.0 - finite_or(p.velocity_decay, 0.4).clamp(0.0, 1.0);
        for (k, &i) in self.tree.order().iter().enumerate() {
            let i = i as usize;
            if self.pinned[i] {
                self.vel[i] = [0.0, 0.0];
                continue;
            }
            let d = self.dv[k];
            let mut v = [
                (self.vel[i][0] + d[0]) * keep,
                (self.vel[i][1] + d[1]) * keep,
            ];
            if !(v[0].is_finite() && v[1].is_finite()) {
                v = [0.0, 0.0];
            }
            self.vel[i] = v;
            let q = [self.pos[i][0] + v[0], self.pos[i][1] + v[1]];
            if q[0].is_finite() && q[1].is_finite() {
                self.pos[i] = q;
            }
        }
    }

    /// The spring pull on node `i`, from positions plus velocities (like d3).
    fn link_force(&self, i: usize, alpha: f32) -> [f32; 2] {
        let links = &self.links[self.link_start[i] as usize..self.link_start[i + 1] as usize];
        let (pi, vi) = (self.pos[i], self.vel[i]);
        let (mut fx, mut fy) = (0.0f32, 0.0f32);
        for l in links {
            let j = l.other as usize;
            let (pj, vj) = (self.pos[j], self.vel[j]);
            let mut dx = pj[0] + vj[0] - pi[0] - vi[0];
            let mut dy = pj[1] + vj[1] - pi[1] - vi[1];
            let mut d = (dx * dx + dy * dy).sqrt();
            if d == 0.0 {
                let u = pair_direction(self.params.seed, i as u32, l.other);
                dx = u[0] * 1e-3;
                dy = u[1] * 1e-3;
                d = 1e-3;
            }
            let s = (d - l.length) / d * alpha * l.k;
            fx += dx * s;
            fy += dy * s;
        }
        [fx, fy]
    }

    /// Gravity: each connected part without pins is pulled towards the centre as a whole.
    fn compute_pull(&mut self, alpha: f32) {
        let c = self.components;
        let mut sum = vec![[0.0f64; 2]; c];
        let mut count = vec![0usize; c];
        let mut anchored = vec![false; c];
        for (i, q) in self.pos.iter().enumerate() {
            let part = self.component[i] as usize;
            sum[part][0] += f64::from(q[0]);
            sum[part][1] += f64::from(q[1]);
            count[part] += 1;
            anchored[part] |= self.pinned[i];
        }
        let g = f64::from(finite_or(self.params.gravity, 0.1).max(0.0) * alpha);
        let centre = [f64::from(self.centre[0]), f64::from(self.centre[1])];
        self.pull.clear();
        self.pull.extend((0..c).map(|part| {
            if anchored[part] || count[part] == 0 {
                return [0.0, 0.0];
            }
            let m = count[part] as f64;
            [
                ((centre[0] - sum[part][0] / m) * g) as f32,
                ((centre[1] - sum[part][1] / m) * g) as f32,
            ]
        }));
    }
}

/// Positions beyond this (in canvas units, on either axis) are not used: a map is never that
/// large, and at that magnitude f32 cannot tell nearby nodes apart.
pub const MAX_COORDINATE: f32 = 1e7;

fn usable(p: [f32; 2]) -> bool {
    p[0].abs() <= MAX_COORDINATE && p[1].abs() <= MAX_COORDINATE
}

fn finite_or(v: f32, default: f32) -> f32 {
    if v.is_finite() { v } else { default }
}

fn mean(points: &[[f32; 2]]) -> [f32; 2] {
    if points.is_empty() {
        return [0.0, 0.0];
    }
    let (mut sx, mut sy) = (0.0f64, 0.0f64);
    for q in points {
        sx += f64::from(q[0]);
        sy += f64::from(q[1]);
    }
    let n = points.len() as f64;
    [(sx / n) as f32, (sy / n) as f32]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::scale_free_graph;

    /// The benchmark's shapes (`gen_graph.py --shape`) on `n` nodes, numbered as `depdig
    /// import` numbers them: in the order of their ids `n0`, `n1`, `n10`, `n100`, ….
    fn shape(name: &str, n: u32) -> Vec<(u32, u32)> {
        let edges: Vec<(u32, u32)> = match name {
            "chain" => (1..n).map(|i| (i - 1, i)).collect(),
            "star" => (1..n).map(|i| (0, i)).collect(),
            "tree" => (1..n).map(|i| ((i - 1) / 2, i)).collect(),
            "grid" => {
                let w = f64::from(n).sqrt() as u32;
                let mut e = Vec::new();
                for i in 0..n {
                    if (i + 1) % w != 0 && i + 1 < n {
                        e.push((i, i + 1));
                    }
                    if i + w < n {
                        e.push((i, i + w));
                    }
                }
                e
            }
            _ => scale_free_graph(n as usize, 7),
        };
        let mut ids: Vec<(String, u32)> = (0..n).map(|i| (format!("n{i}"), i)).collect();
        ids.sort();
        let mut index = vec![0u32; n as usize];
        for (k, (_, i)) in ids.iter().enumerate() {
            index[*i as usize] = k as u32;
        }
        edges
            .into_iter()
            .map(|(a, b)| (index[a as usize], index[b as usize]))
            .collect()
    }

    impl Simulation {
        /// Work of the last tick per node: interaction-list entries of the many-body pass plus
        /// boxes compared by the collision pass.
        fn work_per_node(&self) -> f64 {
            let boxes = Boxes {
                centres: &self.predicted,
                half: &self.half,
                weight: &self.weight,
                pinned: &self.pinned,
            };
            (self.tree.work() + self.grid.work(&boxes)) as f64 / self.pos.len() as f64
        }
    }

    /// The largest work per node over the first `ticks` ticks (sampled every few).
    fn peak_work(edges: Vec<(u32, u32)>, n: usize, ticks: usize) -> f64 {
        let graph = LayoutGraph::uniform(n, edges);
        let mut sim = Simulation::new(&graph, &[], LayoutParams::default());
        let mut peak = 0.0f64;
        for t in 0..ticks {
            sim.step();
            if t % 20 == 0 || t + 1 == ticks {
                peak = peak.max(sim.work_per_node());
            }
        }
        peak
    }

    #[test]
    fn work_per_tick_does_not_depend_on_the_shape() {
        // A 10,000-system chain once ran 20 times slower per tick than a scale-free map of the
        // same size (its start was 10¹¹ units long, and the collision grid put half the chain
        // in one cell). The work counted here is what the time is made of.
        let n = 10_000;
        let random = peak_work(shape("random", n as u32), n, 3);
        for name in ["chain", "star", "grid", "tree"] {
            let work = peak_work(shape(name, n as u32), n, 3);
            assert!(
                work <= 1.5 * random,
                "{name}: {work:.0} entries per node and tick, random: {random:.0}"
            );
        }
    }

    #[test]
    fn a_chain_starts_about_as_long_as_its_links() {
        let n = 3000u32;
        let graph = LayoutGraph::uniform(n as usize, shape("chain", n));
        let sim = Simulation::new(&graph, &[], LayoutParams::default());
        let (mut min, mut max) = ([f32::MAX; 2], [f32::MIN; 2]);
        for q in sim.positions() {
            for a in 0..2 {
                min[a] = min[a].min(q[a]);
                max[a] = max[a].max(q[a]);
            }
        }
        let extent = (max[0] - min[0]).max(max[1] - min[1]);
        // Straight it would be n links long; boxes wider than a link may spread it a little.
        let links = extent / sim.mean_link_length();
        assert!(links < 4.0 * n as f32, "{links} links long");
    }
}
