//! The final pass after the forces settle: a settled force layout still draws some lines
//! through boxes of systems that are not their ends, leaves a few boxes touching, and puts
//! groups' members among each other. This pass moves boxes (never pinned ones) until
//!
//! - no line between two connected systems passes through a third system's box,
//! - no two boxes overlap,
//! - no two groups' member areas (their boxes' bounding box, padded like the drawn hull)
//!   intersect,
//!
//! as far as moving one box, or one whole group, at a time can get there. Every accepted move
//! lowers the number of such conflicts, so the pass ends; it tries the smallest moves first, so
//! the map keeps its shape. A member of a group that has a fellow member near it is never
//! moved away from all of them: moving boxes off lines used to carry a member far from its
//! group, which was then drawn as two outlines. Before that, a system with a single
//! connection (a service's own store, a leaf) that drifted far from its one neighbour is put
//! back beside it when that adds no conflict; and, last, on a map laid out afresh, a small part
//! hanging off the rest by one dependency that the forces pushed far out comes back beside the
//! system it hangs from, whole (the map then fills the frame better at fit). Deterministic:
//! nodes and candidate moves are visited in a fixed order.
//!
//! Its cost grows with nodes × edges per move, so it runs on maps of up to [`TIDY_MAX_NODES`]
//! systems (more cannot be read on a slide anyway).

use super::graph::Neighbours;

/// Maps with more systems than this are left as the forces put them.
pub const TIDY_MAX_NODES: usize = 150;
/// Whole-group moves are tried on maps of up to this many systems.
const GROUP_MOVES_MAX_NODES: usize = 150;
/// How far a whole group may be moved at once, in mean link lengths: farther moves tear the
/// map apart more than an overlap of two groups' areas hurts.
const GROUP_REACH: f32 = 2.0;
/// A line counts as passing through a box when it comes closer than this to it.
pub const LINE_MARGIN: f32 = 4.0;
/// Boxes closer than this count as overlapping.
pub const BOX_GAP: f32 = 4.0;
/// Padding of a group's area around its members' boxes, as the hull is drawn (`picture::hull`).
pub const GROUP_PAD: f32 = 16.0;
/// A member of a group within this many mean link lengths of a fellow member (box to box)
/// stays so: the group stays one cluster (see `near_fellow`).
const GROUP_REACH_LINKS: f32 = 1.0;
/// The most systems in a part brought back in whole by [`State::branches_home`] (and at most
/// a quarter of the map's, two at least).
const MAX_BRANCH: usize = 12;
/// Rounds of moves at most.
const MAX_ROUNDS: usize = 40;
/// Fellow group members a node is tried beside, at most (the first ones, in node order).
const MAX_FELLOWS: usize = 8;
/// Directions tried for a move.
const DIRECTIONS: usize = 24;
/// Distances tried for a move (growing, see `candidates`).
const RINGS: usize = 16;

/// An axis-aligned rectangle, `[min_x, min_y, max_x, max_y]`.
pub type Rect = [f32; 4];

fn rect(c: [f32; 2], h: [f32; 2], grow: f32) -> Rect {
    [
        c[0] - h[0] - grow,
        c[1] - h[1] - grow,
        c[0] + h[0] + grow,
        c[1] + h[1] + grow,
    ]
}

fn intersects(a: &Rect, b: &Rect) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

fn union(a: &Rect, b: &Rect) -> Rect {
    [
        a[0].min(b[0]),
        a[1].min(b[1]),
        a[2].max(b[2]),
        a[3].max(b[3]),
    ]
}

const EMPTY: Rect = [
    f32::INFINITY,
    f32::INFINITY,
    f32::NEG_INFINITY,
    f32::NEG_INFINITY,
];

/// Whether the segment `a`–`b` passes through the open rectangle `r` (Liang–Barsky clipping).
pub fn segment_hits(a: [f32; 2], b: [f32; 2], r: &Rect) -> bool {
    let d = [b[0] - a[0], b[1] - a[1]];
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (p, q) in [
        (-d[0], a[0] - r[0]),
        (d[0], r[2] - a[0]),
        (-d[1], a[1] - r[1]),
        (d[1], r[3] - a[1]),
    ] {
        if p == 0.0 {
            if q <= 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 >= t1 {
                return false;
            }
        }
    }
    true
}

/// Whether candidate `c` is so much farther from `from` than the best one so far that a move
/// there is not worth its disruption: a larger move must be needed, not merely better.
fn too_far(from: [f32; 2], c: [f32; 2], best: [f32; 2], step: f32) -> bool {
    let gap = |q: [f32; 2]| (q[0] - from[0]).hypot(q[1] - from[1]);
    gap(c) > 1.5 * gap(best) + step
}

/// `DIRECTIONS` points at distance `r` around `q`.
fn ring(q: [f32; 2], r: f32) -> impl Iterator<Item = [f32; 2]> {
    (0..DIRECTIONS).map(move |d| {
        let a = std::f32::consts::TAU * d as f32 / DIRECTIONS as f32;
        [q[0] + r * a.cos(), q[1] + r * a.sin()]
    })
}

/// What the pass works on.
pub(crate) struct Tidy<'a> {
    pub pos: &'a mut [[f32; 2]],
    /// Half width and height of each box as drawn (no padding).
    pub half: &'a [[f32; 2]],
    pub neighbours: &'a Neighbours,
    pub pinned: &'a [bool],
    /// Group index of each node, if any.
    pub group: &'a [Option<u32>],
    /// Mean link length: the scale of moves.
    pub link: f32,
    /// Every box stays inside this rectangle when given (a slide's room): moves that would
    /// take one out are not made.
    pub within: Option<Rect>,
    /// Systems new to a map laid out before (shorter: the rest are not): each is brought
    /// beside the systems it is linked to, since the others, held where they were, did not
    /// make room for it.
    pub newcomers: &'a [bool],
    /// A map laid out afresh by the forces: small parts they pushed far out are brought back
    /// in ([`State::branches_home`]). Not for rows, nor for a map laid out before (its
    /// systems stay where they were).
    pub fresh: bool,
}

struct State<'a, 'b> {
    t: &'b mut Tidy<'a>,
    edges: Vec<(u32, u32)>,
    members: Vec<Vec<u32>>,
    /// Padded area of each group.
    area: Vec<Rect>,
    step: f32,
}

/// Runs the pass on `t.pos` (see the module docs).
pub(crate) fn tidy(t: &mut Tidy<'_>) {
    let n = t.pos.len();
    if !(2..=TIDY_MAX_NODES).contains(&n) {
        return;
    }
    let mut edges = Vec::new();
    for i in 0..n {
        for &j in t.neighbours.of(i) {
            if (i as u32) < j {
                edges.push((i as u32, j));
            }
        }
    }
    let groups = t
        .group
        .iter()
        .flatten()
        .map(|&g| g as usize + 1)
        .max()
        .unwrap_or(0);
    let mut members = vec![Vec::new(); groups];
    for (i, g) in t.group.iter().enumerate().take(n) {
        if let Some(g) = g {
            members[*g as usize].push(i as u32);
        }
    }
    let min_h = t.half.iter().map(|h| h[1]).fold(f32::INFINITY, f32::min);
    let step = if min_h.is_finite() && min_h > 1.0 {
        min_h
    } else {
        10.0
    };
    let mut s = State {
        t,
        edges,
        members,
        area: Vec::new(),
        step,
    };
    s.area = (0..groups).map(|g| s.group_area(g, None)).collect();
    s.newcomers_home();
    s.leaves_home();
    for _ in 0..MAX_ROUNDS {
        let mut moved = s.node_round();
        if n <= GROUP_MOVES_MAX_NODES {
            moved |= s.group_round();
        }
        if !moved {
            break;
        }
    }
    if s.t.fresh {
        s.branches_home();
    }
    // Stores whose service moved follow it where they can.
    s.leaves_home();
    s.clear_overlaps();
}

impl State<'_, '_> {
    fn len(&self) -> usize {
        self.t.pos.len()
    }

    fn boxed(&self, i: usize, c: [f32; 2], grow: f32) -> Rect {
        rect(c, self.t.half[i], grow)
    }

    /// Whether node `i`'s box at `c` stays inside `within` (always, without one).
    fn inside(&self, i: usize, c: [f32; 2]) -> bool {
        self.t.within.is_none_or(|w| {
            let r = self.boxed(i, c, 0.0);
            r[0] >= w[0] && r[1] >= w[1] && r[2] <= w[2] && r[3] <= w[3]
        })
    }

    /// Padded area of group `g`, with `moved = (i, p)` taking node `i` at `p`.
    fn group_area(&self, g: usize, moved: Option<(usize, [f32; 2])>) -> Rect {
        let mut a = EMPTY;
        for &m in &self.members[g] {
            let m = m as usize;
            let c = match moved {
                Some((i, p)) if i == m => p,
                _ => self.t.pos[m],
            };
            a = union(&a, &self.boxed(m, c, GROUP_PAD));
        }
        a
    }

    /// Conflicts that involve node `i` if it stood at `p`: lines through its box, its lines
    /// through other boxes, boxes it overlaps, and groups its group's area would intersect.
    fn conflicts(&self, i: usize, p: [f32; 2], limit: usize) -> usize {
        let pos = &*self.t.pos;
        let n = self.len();
        let mut count = 0;
        let me = self.boxed(i, p, LINE_MARGIN);
        for &(a, b) in &self.edges {
            let (a, b) = (a as usize, b as usize);
            if a != i && b != i && segment_hits(pos[a], pos[b], &me) {
                count += 1;
            }
        }
        if count >= limit {
            return count;
        }
        for k in 0..n {
            if k == i {
                continue;
            }
            if self.overlap(i, p, k) {
                count += 1;
            }
            let r = self.boxed(k, pos[k], LINE_MARGIN);
            for &j in self.t.neighbours.of(i) {
                if j as usize != k && segment_hits(p, pos[j as usize], &r) {
                    count += 1;
                }
            }
            if count >= limit {
                return count;
            }
        }
        if let Some(g) = self.t.group.get(i).copied().flatten() {
            let g = g as usize;
            let mine = self.group_area(g, Some((i, p)));
            count += (0..self.area.len())
                .filter(|&h| h != g && intersects(&mine, &self.area[h]))
                .count();
        }
        count
    }

    /// Moves from `from`, smallest first: `RINGS` distances × `DIRECTIONS` directions.
    fn candidates(from: [f32; 2], step: f32) -> impl Iterator<Item = [f32; 2]> {
        (1..=RINGS).flat_map(move |ring| {
            // Growing gaps: small nudges first, then jumps across the map.
            let k = ring as f32;
            self::ring(from, step * k * (1.0 + k / 6.0))
        })
    }

    /// Where node `i` may go, nearest first: around where it is, beside each of its neighbours
    /// and fellow group members (only beside its neighbour for a single-connection system, so a
    /// store stays by its service).
    fn node_candidates(&self, i: usize) -> Vec<[f32; 2]> {
        let p = self.t.pos[i];
        let nb = self.t.neighbours.of(i);
        let mut out: Vec<[f32; 2]> = if nb.len() == 1 {
            Vec::new()
        } else {
            Self::candidates(p, self.step).collect()
        };
        // Beside fellow members of its group too, so a scattered group can gather.
        let fellows: &[u32] = match self.t.group.get(i).copied().flatten() {
            Some(g) if nb.len() != 1 => &self.members[g as usize],
            _ => &[],
        };
        let fellows = fellows
            .iter()
            .filter(|&&m| m as usize != i)
            .take(MAX_FELLOWS);
        for &j in nb.iter().chain(fellows) {
            let q = self.t.pos[j as usize];
            for r in [1.0, 1.5, 2.0] {
                out.extend(ring(q, r * self.t.link));
            }
        }
        let gap = |c: &[f32; 2]| (c[0] - p[0]).hypot(c[1] - p[1]);
        out.sort_by(|a, b| gap(a).total_cmp(&gap(b)));
        out
    }

    fn set(&mut self, i: usize, p: [f32; 2]) {
        self.t.pos[i] = p;
        if let Some(g) = self.t.group.get(i).copied().flatten() {
            self.area[g as usize] = self.group_area(g as usize, None);
        }
    }

    /// Puts each single-connection system that drifted away back beside its neighbour, where
    /// that adds no conflict.
    fn leaves_home(&mut self) {
        let far = 1.6 * self.t.link;
        for i in 0..self.len() {
            let nb = self.t.neighbours.of(i);
            if self.t.pinned[i] || nb.len() != 1 {
                continue;
            }
            let j = nb[0] as usize;
            let (p, q) = (self.t.pos[i], self.t.pos[j]);
            let gap = |a: [f32; 2]| (a[0] - q[0]).hypot(a[1] - q[1]);
            if gap(p) <= far {
                continue;
            }
            let now = self.conflicts(i, p, usize::MAX);
            let best = ring(q, self.t.link)
                .filter(|c| self.inside(i, *c) && self.conflicts(i, *c, now + 1) <= now)
                .min_by(|a, b| {
                    let da = (a[0] - p[0]).hypot(a[1] - p[1]);
                    let db = (b[0] - p[0]).hypot(b[1] - p[1]);
                    da.total_cmp(&db)
                });
            if let Some(c) = best {
                self.set(i, c);
            }
        }
    }

    /// Brings each small part that hangs off the rest by one dependency (a chain, a service
    /// with its stores: [`Neighbours::branches`]) and that the forces left far from the system
    /// it hangs from back beside that system, whole and in its shape, at the nearest spot that
    /// adds no conflict; the largest parts first, then the parts within them. On a dense map
    /// every system pushes such a part away and its one dependency holds it only weakly, so it
    /// ends several links out and the map, with long empty lines to its outskirts, is drawn
    /// small at fit (Train Ticket's payment service with its store three links above the rest).
    /// A part with a pinned system, or with a member of a group that has members outside the
    /// part, stays where it is.
    fn branches_home(&mut self) {
        let far = 1.6 * self.t.link;
        let most = (self.len() / 4).clamp(2, MAX_BRANCH);
        let mut branches = self.t.neighbours.branches(most);
        branches.sort_by_key(|b| (std::cmp::Reverse(b.members.len()), b.root, b.from));
        for b in branches {
            let nodes: Vec<usize> = b.members.iter().map(|&k| k as usize).collect();
            let grouped_apart = nodes.iter().any(|&k| {
                self.t.group.get(k).copied().flatten().is_some_and(|g| {
                    self.members[g as usize]
                        .iter()
                        .any(|m| !b.members.contains(m))
                })
            });
            // A link of a chain (what it hangs from has one other dependency) stays: pulling a
            // chain's end in folds the chain, and a later run with new systems then moved the
            // rest far to make room.
            let chained = self.t.neighbours.degree(b.from as usize) < 3;
            if chained || grouped_apart || nodes.iter().any(|&k| self.t.pinned[k]) {
                continue;
            }
            let (p, q) = (self.t.pos[b.root as usize], self.t.pos[b.from as usize]);
            let gap = |a: [f32; 2]| (a[0] - q[0]).hypot(a[1] - q[1]);
            if gap(p) <= far {
                continue;
            }
            let now = self.shifted_conflicts(&nodes, [0.0, 0.0], usize::MAX);
            // Beside it, or as near as there is room (never as far as it is): ring by ring,
            // on each the spot nearest where it is first.
            let from_p = |c: &[f32; 2]| (c[0] - p[0]).hypot(c[1] - p[1]);
            let link = self.t.link;
            let spots = [1.0, 1.25, 1.5, 2.0, 2.5]
                .into_iter()
                .map(|r| r * link)
                .filter(|r| *r < 0.75 * gap(p))
                .flat_map(|r| {
                    let mut on: Vec<[f32; 2]> = ring(q, r).collect();
                    on.sort_by(|a, b| from_p(a).total_cmp(&from_p(b)));
                    on
                });
            self.shift_to_first(&nodes, p, now, spots);
        }
    }

    /// Brings each newcomer that the forces left far from the systems it is linked to (the
    /// middle of those that are not new themselves) beside them, at the nearest spot that adds
    /// no conflict, with its own stores.
    fn newcomers_home(&mut self) {
        let far = 1.6 * self.t.link;
        let new = |i: usize| self.t.newcomers.get(i).copied().unwrap_or(false);
        for i in 0..self.len() {
            if !new(i) || self.t.pinned[i] {
                continue;
            }
            let old: Vec<[f32; 2]> = self
                .t
                .neighbours
                .of(i)
                .iter()
                .filter(|&&j| !new(j as usize))
                .map(|&j| self.t.pos[j as usize])
                .collect();
            if old.is_empty() {
                continue;
            }
            let n = old.len() as f32;
            let middle = [
                old.iter().map(|q| q[0]).sum::<f32>() / n,
                old.iter().map(|q| q[1]).sum::<f32>() / n,
            ];
            let p = self.t.pos[i];
            let gap = |a: [f32; 2]| (a[0] - middle[0]).hypot(a[1] - middle[1]);
            if gap(p) <= far {
                continue;
            }
            let nodes = self.with_leaves(i);
            let now = self.shifted_conflicts(&nodes, [0.0, 0.0], usize::MAX);
            let rings = (2..=8).map(|k| 0.5 * k as f32 * self.t.link);
            let spots: Vec<[f32; 2]> = rings
                .take_while(|&r| r < gap(p))
                .flat_map(|r| ring(middle, r))
                .collect();
            self.shift_to_first(&nodes, p, now, spots);
        }
    }

    /// Whether node `i` at `c` has a fellow member of its group within [`GROUP_REACH_LINKS`]
    /// mean link lengths, box to box (always, for a system in no group or alone in its group).
    fn near_fellow(&self, i: usize, c: [f32; 2]) -> bool {
        let Some(g) = self.t.group.get(i).copied().flatten() else {
            return true;
        };
        let half = GROUP_REACH_LINKS * self.t.link / 2.0;
        let me = self.boxed(i, c, half);
        let mut fellows = self.members[g as usize]
            .iter()
            .map(|&m| m as usize)
            .filter(|&m| m != i)
            .peekable();
        fellows.peek().is_none()
            || fellows.any(|m| intersects(&me, &self.boxed(m, self.t.pos[m], half)))
    }

    /// Single-connection systems hanging off node `i` (its own stores): they move with it.
    fn leaves_of(&self, i: usize) -> Vec<usize> {
        if self.t.neighbours.of(i).len() == 1 {
            return Vec::new();
        }
        self.t
            .neighbours
            .of(i)
            .iter()
            .map(|&j| j as usize)
            .filter(|&j| !self.t.pinned[j] && self.t.neighbours.of(j).len() == 1)
            .collect()
    }

    /// Conflicts of `nodes` (a system with its own stores) all moved by `by` (pairs among them
    /// count twice, before and after alike).
    fn shifted_conflicts(&mut self, nodes: &[usize], by: [f32; 2], limit: usize) -> usize {
        let saved: Vec<[f32; 2]> = nodes.iter().map(|&k| self.t.pos[k]).collect();
        for &k in nodes {
            let q = self.t.pos[k];
            self.t.pos[k] = [q[0] + by[0], q[1] + by[1]];
        }
        let mut count = 0;
        for &k in nodes {
            if count >= limit {
                break;
            }
            count += self.conflicts(k, self.t.pos[k], limit - count);
        }
        for (&k, q) in nodes.iter().zip(saved) {
            self.t.pos[k] = q;
        }
        count
    }

    /// Moves `nodes` (in conflict `now` times) together so that the one at `from` goes to the
    /// first of `spots` where they all stay inside `within` and have no more conflicts; leaves
    /// them where they are when there is none.
    fn shift_to_first(
        &mut self,
        nodes: &[usize],
        from: [f32; 2],
        now: usize,
        spots: impl IntoIterator<Item = [f32; 2]>,
    ) {
        for c in spots {
            let by = [c[0] - from[0], c[1] - from[1]];
            if self.stays_shifted(nodes, by) && self.shifted_conflicts(nodes, by, now + 1) <= now {
                self.shift(nodes, by);
                return;
            }
        }
    }

    /// Whether every box of `nodes` moved by `by` stays inside `within`.
    fn stays_shifted(&self, nodes: &[usize], by: [f32; 2]) -> bool {
        nodes.iter().all(|&k| {
            let q = self.t.pos[k];
            self.inside(k, [q[0] + by[0], q[1] + by[1]])
        })
    }

    /// Moves `nodes` by `by`.
    fn shift(&mut self, nodes: &[usize], by: [f32; 2]) {
        for &k in nodes {
            let q = self.t.pos[k];
            self.set(k, [q[0] + by[0], q[1] + by[1]]);
        }
    }

    /// Node `i` followed by its own stores ([`State::leaves_of`]): what moves together.
    fn with_leaves(&self, i: usize) -> Vec<usize> {
        let mut nodes = vec![i];
        nodes.extend(self.leaves_of(i));
        nodes
    }

    /// A box the rounds left overlapping another (every move that cleared it drew as many
    /// lines through boxes) moves, with its own stores, to the nearest place where they overlap
    /// no box and its group stays one cluster, whatever lines that crosses: a box under another
    /// is hidden, while a line through a box is bowed round it when the map is drawn.
    fn clear_overlaps(&mut self) {
        for i in 0..self.len() {
            if self.t.pinned[i] {
                continue;
            }
            let p = self.t.pos[i];
            let nodes = self.with_leaves(i);
            if self.overlaps(&nodes, [0.0, 0.0]) == 0 {
                continue;
            }
            let clustered = self.near_fellow(i, p);
            for c in self.node_candidates(i) {
                let by = [c[0] - p[0], c[1] - p[1]];
                if !self.stays_shifted(&nodes, by) || (clustered && !self.near_fellow(i, c)) {
                    continue;
                }
                if self.overlaps(&nodes, by) == 0 {
                    self.shift(&nodes, by);
                    break;
                }
            }
        }
    }

    /// Boxes that `nodes`' boxes, shifted by `by`, overlap (other than theirs).
    fn overlaps(&self, nodes: &[usize], by: [f32; 2]) -> usize {
        let pos = &*self.t.pos;
        let mut count = 0;
        for &i in nodes {
            let p = [pos[i][0] + by[0], pos[i][1] + by[1]];
            count += (0..self.len())
                .filter(|k| !nodes.contains(k) && self.overlap(i, p, *k))
                .count();
        }
        count
    }

    /// Whether node `i`'s box at `p` and node `k`'s where it stands are closer than
    /// [`BOX_GAP`].
    fn overlap(&self, i: usize, p: [f32; 2], k: usize) -> bool {
        let gap = BOX_GAP * 0.5;
        intersects(&self.boxed(i, p, gap), &self.boxed(k, self.t.pos[k], gap))
    }

    /// One pass over the nodes in conflict; returns whether any moved.
    fn node_round(&mut self) -> bool {
        let mut moved = false;
        for i in 0..self.len() {
            if self.t.pinned[i] {
                continue;
            }
            let p = self.t.pos[i];
            let nodes = self.with_leaves(i);
            let now = self.shifted_conflicts(&nodes, [0.0, 0.0], usize::MAX);
            if now == 0 {
                continue;
            }
            let mut best: Option<([f32; 2], usize)> = None;
            // A member beside its fellows stays beside them: the group stays one cluster.
            let clustered = self.near_fellow(i, p);
            for c in self.node_candidates(i) {
                if best.is_some_and(|b| too_far(p, c, b.0, self.step)) {
                    break;
                }
                let by = [c[0] - p[0], c[1] - p[1]];
                if !self.stays_shifted(&nodes, by) || (clustered && !self.near_fellow(i, c)) {
                    continue;
                }
                let limit = best.map_or(now, |b| b.1);
                let k = self.shifted_conflicts(&nodes, by, limit);
                if k < limit {
                    best = Some((c, k));
                    if k == 0 {
                        break;
                    }
                }
            }
            if let Some((c, _)) = best {
                self.shift(&nodes, [c[0] - p[0], c[1] - p[1]]);
                moved = true;
            }
        }
        moved
    }

    /// All conflicts on the map (each counted once).
    fn total(&self) -> usize {
        let pos = &*self.t.pos;
        let n = self.len();
        let mut count = 0;
        let boxes: Vec<Rect> = (0..n).map(|k| self.boxed(k, pos[k], LINE_MARGIN)).collect();
        for &(a, b) in &self.edges {
            let (a, b) = (a as usize, b as usize);
            count += (0..n)
                .filter(|&k| k != a && k != b && segment_hits(pos[a], pos[b], &boxes[k]))
                .count();
        }
        let gapped: Vec<Rect> = (0..n)
            .map(|k| self.boxed(k, pos[k], BOX_GAP * 0.5))
            .collect();
        for i in 0..n {
            count += (i + 1..n)
                .filter(|&k| intersects(&gapped[i], &gapped[k]))
                .count();
        }
        for g in 0..self.area.len() {
            count += (g + 1..self.area.len())
                .filter(|&h| intersects(&self.area[g], &self.area[h]))
                .count();
        }
        count
    }

    /// Tries moving each group whose area meets another's as a whole (pinned members stay);
    /// returns whether any moved.
    fn group_round(&mut self) -> bool {
        let mut moved = false;
        for g in 0..self.area.len() {
            let meets =
                (0..self.area.len()).any(|h| h != g && intersects(&self.area[g], &self.area[h]));
            if !meets || self.members[g].is_empty() {
                continue;
            }
            let movable: Vec<usize> = self.members[g]
                .iter()
                .map(|&m| m as usize)
                .filter(|&m| !self.t.pinned[m])
                .collect();
            if movable.is_empty() {
                continue;
            }
            let now = self.total();
            let start: Vec<[f32; 2]> = movable.iter().map(|&m| self.t.pos[m]).collect();
            let mut best: Option<([f32; 2], usize)> = None;
            let reach = GROUP_REACH * self.t.link;
            for c in Self::candidates([0.0, 0.0], self.step) {
                if c[0].hypot(c[1]) > reach
                    || best.is_some_and(|b| too_far([0.0, 0.0], c, b.0, self.step))
                {
                    break;
                }
                if !movable
                    .iter()
                    .zip(&start)
                    .all(|(&m, s)| self.inside(m, [s[0] + c[0], s[1] + c[1]]))
                {
                    continue;
                }
                for (&m, s) in movable.iter().zip(&start) {
                    self.t.pos[m] = [s[0] + c[0], s[1] + c[1]];
                }
                self.area[g] = self.group_area(g, None);
                let k = self.total();
                if k < best.map_or(now, |b| b.1) {
                    best = Some((c, k));
                    if k == 0 {
                        break;
                    }
                }
            }
            let shift = best.map_or([0.0, 0.0], |b| b.0);
            for (&m, s) in movable.iter().zip(&start) {
                self.t.pos[m] = [s[0] + shift[0], s[1] + shift[1]];
            }
            self.area[g] = self.group_area(g, None);
            moved |= best.is_some();
        }
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_and_boxes() {
        let r = [0.0, 0.0, 10.0, 10.0];
        assert!(segment_hits([-5.0, 5.0], [15.0, 5.0], &r));
        assert!(segment_hits([5.0, 5.0], [5.0, 6.0], &r), "inside");
        assert!(
            !segment_hits([-5.0, 15.0], [15.0, 15.0], &r),
            "passes above"
        );
        assert!(!segment_hits([-5.0, 5.0], [-1.0, 5.0], &r), "stops short");
        assert!(segment_hits([-5.0, -4.0], [15.0, 14.0], &r), "diagonal");
        assert!(
            !segment_hits([-5.0, 6.0], [4.0, 15.0], &r),
            "misses the corner"
        );
    }

    #[test]
    fn a_box_on_a_line_is_moved_off_it_and_pins_stay() {
        // 0 — 1 with 2 sitting on the line between them; 3 pinned on it too.
        let neighbours = Neighbours::new(4, &[(0, 1)]);
        let mut pos = vec![[0.0, 0.0], [400.0, 0.0], [200.0, 0.0], [300.0, 0.0]];
        let half = vec![[30.0, 17.0]; 4];
        let pinned = [false, false, false, true];
        let mut t = Tidy {
            pos: &mut pos,
            half: &half,
            neighbours: &neighbours,
            pinned: &pinned,
            group: &[],
            link: 60.0,
            within: None,
            newcomers: &[],
            fresh: false,
        };
        tidy(&mut t);
        assert_eq!(pos[3], [300.0, 0.0]);
        for k in 2..4 {
            let r = rect(pos[k], half[k], LINE_MARGIN);
            assert!(!segment_hits(pos[0], pos[1], &r), "{pos:?}");
        }
    }

    /// Issue 16.2: a small part hanging off the map by one dependency that the forces left
    /// far out (a service with its store, three links from the one it hangs from) is brought
    /// back beside it, whole, on a map laid out afresh; not on one laid out before, nor past a
    /// box in the way. Before, Train Ticket's payment service and its store sat three links
    /// above the rest and the map was drawn small at fit.
    #[test]
    fn a_small_part_left_far_out_is_brought_back_beside_what_it_hangs_from() {
        // A ring 0-1-2-3 (the rest), and 4 (a service) with its store 5 hanging off 0.
        let neighbours = Neighbours::new(6, &[(0, 1), (1, 2), (2, 3), (3, 0), (0, 4), (4, 5)]);
        let start = vec![
            [0.0, 0.0],
            [60.0, 0.0],
            [60.0, 60.0],
            [0.0, 60.0],
            [-200.0, 0.0],
            [-260.0, 0.0],
        ];
        let half = vec![[20.0, 10.0]; 6];
        let run = |fresh: bool| {
            let mut pos = start.clone();
            tidy(&mut Tidy {
                pos: &mut pos,
                half: &half,
                neighbours: &neighbours,
                pinned: &[false; 6],
                group: &[],
                link: 60.0,
                within: None,
                newcomers: &[],
                fresh,
            });
            pos
        };
        let pos = run(true);
        let gap = |a: [f32; 2], b: [f32; 2]| (a[0] - b[0]).hypot(a[1] - b[1]);
        assert!(gap(pos[4], pos[0]) <= 1.6 * 60.0, "{pos:?}");
        // Whole: the store moved with its service, and the rest stayed.
        assert!((gap(pos[4], pos[5]) - 60.0).abs() < 0.01, "{pos:?}");
        assert_eq!(pos[..4], start[..4]);
        // A map laid out before keeps its systems where they were.
        assert_eq!(run(false), start);
    }
}
