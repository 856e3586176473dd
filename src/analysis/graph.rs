//! The workspace as index-based adjacency lists, and the structural algorithms on it
//! (strongly connected components, transitive dependant counts, articulation points).

use std::collections::HashMap;

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::model::{DependencyType, Workspace};

/// Dependencies that matter while systems run: a failure of `to` reaches `from`.
pub(crate) fn is_runtime(kind: DependencyType) -> bool {
    matches!(
        kind,
        DependencyType::Sync | DependencyType::Async | DependencyType::Data
    )
}

/// Dependencies where the caller waits for the answer (a call or a query).
pub(crate) fn is_blocking(kind: DependencyType) -> bool {
    matches!(kind, DependencyType::Sync | DependencyType::Data)
}

/// Systems by index (in id order) and their adjacency; dependencies naming unknown systems,
/// self-loops and non-blocking dependencies (see [`crate::model::Dependency::blocks`]) are left
/// out.
pub(crate) struct Graph<'a> {
    pub ids: Vec<&'a str>,
    pub index: HashMap<&'a str, usize>,
    /// Runtime dependencies, `from → to`, deduplicated and sorted.
    pub runtime_out: Vec<Vec<usize>>,
    /// Sync and data dependencies reversed: who waits on this system.
    pub blocking_in: Vec<Vec<(usize, &'a str)>>,
    /// Sync dependencies only, `from → to`.
    pub sync_out: Vec<Vec<usize>>,
}

impl<'a> Graph<'a> {
    pub fn new(ws: &'a Workspace) -> Self {
        let ids: Vec<&str> = ws.systems.keys().map(String::as_str).collect();
        let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let n = ids.len();
        let kinds: Vec<crate::model::SystemKind> = ws.systems.values().map(|s| s.kind).collect();
        let mut runtime_out = vec![Vec::new(); n];
        let mut blocking_in = vec![Vec::new(); n];
        let mut sync_out = vec![Vec::new(); n];
        for (id, d) in &ws.dependencies {
            let (Some(&a), Some(&b)) = (index.get(d.from.as_str()), index.get(d.to.as_str()))
            else {
                continue;
            };
            // Fire-and-forget dependencies never carry a failure.
            if a == b || !d.blocks(kinds[b]) {
                continue;
            }
            if is_runtime(d.kind) {
                runtime_out[a].push(b);
            }
            if is_blocking(d.kind) {
                blocking_in[b].push((a, id.as_str()));
            }
            if d.kind == DependencyType::Sync {
                sync_out[a].push(b);
            }
        }
        for list in runtime_out.iter_mut().chain(sync_out.iter_mut()) {
            list.sort_unstable();
            list.dedup();
        }
        Graph {
            ids,
            index,
            runtime_out,
            blocking_in,
            sync_out,
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }
}

/// Strongly connected components of `out`, in reverse topological order (a component comes
/// before every component that depends on it).
pub(crate) fn sccs(out: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut g: DiGraph<(), ()> = DiGraph::with_capacity(out.len(), 0);
    for _ in 0..out.len() {
        g.add_node(());
    }
    for (a, list) in out.iter().enumerate() {
        for &b in list {
            g.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
        }
    }
    tarjan_scc(&g)
        .into_iter()
        .map(|c| c.into_iter().map(NodeIndex::index).collect())
        .collect()
}

/// Visits every strongly connected component of `out` with its members and a bitset (bit `v` of
/// word `v / 64`) of those members and every system that depends on them directly or
/// transitively. Components are condensed, then dependant sets flow from sources to sinks.
pub(crate) fn dependant_sets(out: &[Vec<usize>], mut visit: impl FnMut(&[usize], &[u64])) {
    let n = out.len();
    let comps = sccs(out);
    let mut comp_of = vec![0usize; n];
    for (c, members) in comps.iter().enumerate() {
        for &v in members {
            comp_of[v] = c;
        }
    }
    let words = n.div_ceil(64);
    let mut bits: Vec<Vec<u64>> = vec![Vec::new(); comps.len()];
    let mut mark = vec![usize::MAX; comps.len()];
    // tarjan_scc lists sinks first; walk sources first so a set is complete before it is pushed.
    for c in (0..comps.len()).rev() {
        let mut set = std::mem::take(&mut bits[c]);
        if set.is_empty() {
            set = vec![0u64; words];
        }
        let members = &comps[c];
        for &v in members {
            set[v / 64] |= 1u64 << (v % 64);
        }
        visit(members, &set);
        for &v in members {
            for &w in &out[v] {
                let d = comp_of[w];
                if d == c || mark[d] == c {
                    continue;
                }
                mark[d] = c;
                let target = &mut bits[d];
                if target.is_empty() {
                    target.clone_from(&set);
                } else {
                    for (t, s) in target.iter_mut().zip(&set) {
                        *t |= *s;
                    }
                }
            }
        }
    }
}

/// Systems whose removal disconnects the undirected graph of `out` (iterative Tarjan).
pub(crate) fn articulation_points(out: &[Vec<usize>]) -> Vec<bool> {
    let n = out.len();
    let mut und: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (a, list) in out.iter().enumerate() {
        for &b in list {
            und[a].push(b);
            und[b].push(a);
        }
    }
    for list in &mut und {
        list.sort_unstable();
        list.dedup();
    }
    let mut disc = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut parent = vec![usize::MAX; n];
    let mut is_ap = vec![false; n];
    let mut time = 0usize;
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if disc[root] != usize::MAX {
            continue;
        }
        disc[root] = time;
        low[root] = time;
        time += 1;
        let mut root_children = 0usize;
        stack.push((root, 0));
        while let Some(top) = stack.last_mut() {
            let v = top.0;
            if let Some(&w) = und[v].get(top.1) {
                top.1 += 1;
                if disc[w] == usize::MAX {
                    parent[w] = v;
                    disc[w] = time;
                    low[w] = time;
                    time += 1;
                    if v == root {
                        root_children += 1;
                    }
                    stack.push((w, 0));
                } else if w != parent[v] {
                    low[v] = low[v].min(disc[w]);
                }
            } else {
                stack.pop();
                if let Some(&(p, _)) = stack.last() {
                    low[p] = low[p].min(low[v]);
                    if p != root && low[v] >= disc[p] {
                        is_ap[p] = true;
                    }
                }
            }
        }
        if root_children > 1 {
            is_ap[root] = true;
        }
    }
    is_ap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_articulation_on_a_chain() {
        // 0 → 1 → 2, and 3 ↔ 1 (a cycle)
        let out = vec![vec![1], vec![2, 3], vec![], vec![1]];
        let mut counts = vec![0usize; out.len()];
        dependant_sets(&out, |members, set| {
            let all: usize = set.iter().map(|w| w.count_ones() as usize).sum();
            for &v in members {
                counts[v] = all - 1;
            }
        });
        assert_eq!(counts, vec![0, 2, 3, 2]);
        assert_eq!(articulation_points(&out), vec![false, true, false, false]);
    }
}
