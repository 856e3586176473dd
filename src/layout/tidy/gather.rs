//! Groups as clusters: the part of the final pass that brings a group's outlying members
//! beside the rest, and the rule that keeps a member beside its fellows once it is.

use super::{Rect, State, intersects, ring};

/// Members of a group whose boxes are within this many mean link lengths of each other are
/// drawn together (see `groups_gather`).
pub(super) const GATHER_REACH: f32 = 1.0;
/// Spots tried, with rounds of the pass after them, for an outlying cluster that adds
/// conflicts wherever it goes beside its group.
const GATHER_TRIALS: usize = 4;
/// Rounds of the pass after each such spot.
const GATHER_ROUNDS: usize = 8;
/// Such trials in one run of the pass at most: on a map whose groups are scattered all over
/// (teams that own systems everywhere), most fail, and each costs rounds of the pass.
pub(super) const TRIALS_PER_PASS: usize = 12;

impl State<'_, '_> {
    /// Brings each group's outlying members beside the rest. The members fall into clusters
    /// (boxes within [`GATHER_REACH`] mean link lengths of each other); each other cluster,
    /// with its members' own stores, moves as one beside the largest (among equals, the one
    /// nearest the map's middle: the forces pull outliers to the rim). A group drawn in one
    /// place reads as one, and its outline needs no second piece across the map.
    pub(super) fn groups_gather(&mut self) {
        let reach = GATHER_REACH * self.t.link;
        for g in 0..self.members.len() {
            let members: Vec<usize> = self.members[g].iter().map(|&m| m as usize).collect();
            for _ in 0..members.len() {
                let clusters = self.clusters(&members, reach);
                let Some((main, rest)) = clusters.split_first() else {
                    break;
                };
                let movable = |c: &&Vec<usize>| c.iter().all(|&m| !self.t.pinned[m]);
                let outlying: Vec<&Vec<usize>> = rest.iter().filter(movable).collect();
                let gathered = outlying
                    .into_iter()
                    .any(|c| self.gather(c, main, &members, clusters.len()));
                if !gathered {
                    break;
                }
            }
        }
    }

    /// Moves `cluster` with its members' own stores beside a member of `main` (clusters of
    /// `members`, `count` in all); returns whether it moved. The spot nearest `main`'s middle
    /// that adds no conflict wins; failing one, the spots that add the fewest are tried with a
    /// few rounds of the pass after them, and kept when the map then has no more conflicts than
    /// before and the group is in fewer clusters.
    fn gather(
        &mut self,
        cluster: &[usize],
        main: &[usize],
        members: &[usize],
        count: usize,
    ) -> bool {
        let mut nodes: Vec<usize> = cluster.to_vec();
        for &m in cluster {
            for l in self.leaves_of(m) {
                if !nodes.contains(&l) {
                    nodes.push(l);
                }
            }
        }
        let target = self.middle_of(main);
        // The member nearest `main` goes beside one of its members; the rest follow.
        let pos = &*self.t.pos;
        let dist = |a: [f32; 2], b: [f32; 2]| (a[0] - b[0]).hypot(a[1] - b[1]);
        let Some(lead) = cluster
            .iter()
            .copied()
            .min_by(|&a, &b| dist(pos[a], target).total_cmp(&dist(pos[b], target)))
        else {
            return false;
        };
        let from = self.middle_of(cluster);
        let mut moves: Vec<[f32; 2]> = main
            .iter()
            .flat_map(|&k| [1.0, 1.5].map(|r| ring(pos[k], r * self.t.link)))
            .flatten()
            .map(|c| [c[0] - pos[lead][0], c[1] - pos[lead][1]])
            .collect();
        let after = |by: &[f32; 2]| dist([from[0] + by[0], from[1] + by[1]], target);
        moves.sort_by(|a, b| after(a).total_cmp(&after(b)));
        moves.retain(|by| self.stays_shifted(&nodes, *by));
        let now = self.shifted_conflicts(&nodes, [0.0, 0.0], usize::MAX);
        let mut tried: Vec<(usize, [f32; 2])> = Vec::with_capacity(moves.len());
        for by in moves {
            let k = self.shifted_conflicts(&nodes, by, usize::MAX);
            if k <= now {
                self.shift(&nodes, by);
                return true;
            }
            tried.push((k, by));
        }
        // Stable: among equals, the nearest first.
        tried.sort_by_key(|t| t.0);
        let before = self.total();
        let (saved, areas) = (self.t.pos.to_vec(), self.area.clone());
        let reach = GATHER_REACH * self.t.link;
        for &(_, by) in tried.iter().take(GATHER_TRIALS) {
            if self.trials_left == 0 {
                break;
            }
            self.trials_left -= 1;
            self.shift(&nodes, by);
            for _ in 0..GATHER_ROUNDS {
                if !self.node_round() {
                    break;
                }
            }
            if self.total() <= before && self.clusters(members, reach).len() < count {
                return true;
            }
            self.t.pos.copy_from_slice(&saved);
            self.area.clone_from(&areas);
        }
        false
    }

    /// Whether node `i` at `c` has a fellow member of its group within [`GATHER_REACH`] mean
    /// link lengths, box to box (always, for a system in no group or alone in its group).
    pub(super) fn near_fellow(&self, i: usize, c: [f32; 2]) -> bool {
        let Some(g) = self.t.group.get(i).copied().flatten() else {
            return true;
        };
        let half = GATHER_REACH * self.t.link / 2.0;
        let me = self.boxed(i, c, half);
        let mut fellows = self.members[g as usize]
            .iter()
            .map(|&m| m as usize)
            .filter(|&m| m != i)
            .peekable();
        fellows.peek().is_none()
            || fellows.any(|m| intersects(&me, &self.boxed(m, self.t.pos[m], half)))
    }

    /// The middle of `nodes`' centres.
    fn middle_of(&self, nodes: &[usize]) -> [f32; 2] {
        let n = nodes.len().max(1) as f32;
        nodes.iter().fold([0.0, 0.0], |m, &k| {
            let q = self.t.pos[k];
            [m[0] + q[0] / n, m[1] + q[1] / n]
        })
    }

    /// `members` in clusters: boxes within `reach` of each other, transitively. Largest first;
    /// among equals, the one whose middle is nearest the middle of the map.
    fn clusters(&self, members: &[usize], reach: f32) -> Vec<Vec<usize>> {
        let boxes: Vec<Rect> = members
            .iter()
            .map(|&m| self.boxed(m, self.t.pos[m], reach / 2.0))
            .collect();
        let mut seen = vec![false; members.len()];
        let mut out: Vec<Vec<usize>> = Vec::new();
        for start in 0..members.len() {
            if seen[start] {
                continue;
            }
            seen[start] = true;
            let mut found = vec![start];
            let mut next = 0;
            while let Some(&a) = found.get(next) {
                next += 1;
                for b in 0..members.len() {
                    if !seen[b] && intersects(&boxes[a], &boxes[b]) {
                        seen[b] = true;
                        found.push(b);
                    }
                }
            }
            out.push(found.into_iter().map(|k| members[k]).collect());
        }
        let all: Vec<usize> = (0..self.len()).collect();
        let centre = self.middle_of(&all);
        let off = |c: &Vec<usize>| {
            let m = self.middle_of(c);
            (m[0] - centre[0]).hypot(m[1] - centre[1])
        };
        out.sort_by(|a, b| b.len().cmp(&a.len()).then(off(a).total_cmp(&off(b))));
        out
    }
}
