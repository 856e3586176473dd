//! Layers: which row each system of one connected part goes to.
//!
//! 1. **Cycles** among the downward edges are broken by turning the fewest edges we can find
//!    upside down (Eades–Lin–Smyth's greedy order: sinks last, sources first, else the node
//!    with the most outgoing minus incoming edges), so the rest can point down.
//! 2. **Longest path**: every node goes one row below its lowest caller; then each node with
//!    more callees than callers (sources among them) is pulled down to just above its highest
//!    callee, which shortens long edges from the top (what network simplex would also do for
//!    these nodes).
//! 3. Nodes without any downward edge (joined only by startup-order, timing, business-process
//!    or human-workflow dependencies) go one row below a neighbour already placed, so they sit
//!    near it without deciding anyone's row.

/// Rows of the nodes `0..n` of one part: `down` are the edges that must point down (caller →
/// callee, both in `0..n`), `other` the undirected edges that don't decide rows. Returns the
/// row of each node (the top row is 0) and, per downward edge, whether it was turned over to
/// break a cycle.
pub(crate) fn layers(n: usize, down: &[(u32, u32)], other: &[(u32, u32)]) -> (Vec<u32>, Vec<bool>) {
    let order = acyclic_order(n, down);
    let mut place = vec![0usize; n];
    for (k, &v) in order.iter().enumerate() {
        place[v as usize] = k;
    }
    // Edges that go backwards in the order are the ones turned over.
    let reversed: Vec<bool> = down
        .iter()
        .map(|&(a, b)| place[a as usize] > place[b as usize])
        .collect();
    let mut succ = vec![Vec::new(); n];
    let mut pred = vec![Vec::new(); n];
    for (&(a, b), &r) in down.iter().zip(&reversed) {
        let (a, b) = if r { (b, a) } else { (a, b) };
        if a != b {
            succ[a as usize].push(b);
            pred[b as usize].push(a);
        }
    }
    let ranked: Vec<bool> = (0..n)
        .map(|v| !succ[v].is_empty() || !pred[v].is_empty())
        .collect();

    // Longest path from the top, in the acyclic order.
    let mut layer = vec![0u32; n];
    for &v in &order {
        let v = v as usize;
        layer[v] = pred[v]
            .iter()
            .map(|&u| layer[u as usize] + 1)
            .max()
            .unwrap_or(0);
    }
    // Pull nodes with more callees than callers down towards their callees, bottom first; their
    // own leaves (a store only they use) come along, one row below.
    for &v in order.iter().rev() {
        let v = v as usize;
        if succ[v].is_empty() || pred[v].len() >= succ[v].len() {
            continue;
        }
        let own = |w: u32| pred[w as usize].len() == 1 && succ[w as usize].is_empty();
        let shared = succ[v]
            .iter()
            .filter(|&&w| !own(w))
            .map(|&w| layer[w as usize])
            .min();
        let lowest = shared
            .or_else(|| succ[v].iter().map(|&w| layer[w as usize]).min())
            .unwrap_or(0);
        if lowest > layer[v] + 1 {
            layer[v] = lowest - 1;
            if shared.is_some() {
                for &w in &succ[v] {
                    if own(w) {
                        layer[w as usize] = layer[v] + 1;
                    }
                }
            }
        }
    }

    // Nodes joined by other dependencies only: below a placed neighbour, spreading outwards.
    let mut placed = ranked.clone();
    let mut adjacent = vec![Vec::new(); n];
    for &(a, b) in other {
        if a != b {
            adjacent[a as usize].push(b);
            adjacent[b as usize].push(a);
        }
    }
    let mut queue: Vec<u32> = (0..n as u32).filter(|&v| placed[v as usize]).collect();
    if queue.is_empty() && n > 0 {
        placed[0] = true;
        queue.push(0);
    }
    let mut head = 0;
    while head < queue.len() {
        let u = queue[head] as usize;
        head += 1;
        for &w in &adjacent[u] {
            if !placed[w as usize] {
                placed[w as usize] = true;
                layer[w as usize] = layer[u] + 1;
                queue.push(w);
            }
        }
    }
    // Every node of a connected part is reached; anything else stays in the top row.
    let top = layer.iter().copied().min().unwrap_or(0);
    for l in &mut layer {
        *l -= top;
    }
    (layer, reversed)
}

/// Splits rows wider than `max_width` (boxes' `widths` plus `gap` between them) into as many
/// rows as needed, one below the other, the rows below moving down to make room: a gateway
/// with thirty callees gets its callees in staggered rows instead of one row four slides wide.
/// Nodes with callees go first (into the upper rows), then the ones without, dealt round.
pub(crate) fn split_wide_rows(
    layer: &mut [u32],
    widths: &[f32],
    gap: f32,
    max_width: f32,
    down: &[(u32, u32)],
) {
    let n = layer.len();
    let mut calls = vec![false; n];
    for &(a, b) in down {
        if a != b && (a as usize) < n && (b as usize) < n {
            calls[a as usize] = true;
        }
    }
    let mut row = 0u32;
    loop {
        let mut members: Vec<usize> = (0..n).filter(|&v| layer[v] == row).collect();
        if members.is_empty() && layer.iter().all(|&l| l < row) {
            break;
        }
        let width: f32 = members.iter().map(|&v| widths[v] + gap).sum();
        let k = (width / max_width.max(1.0)).ceil().max(1.0) as u32;
        let k = k.min(members.len() as u32).max(1);
        if k > 1 {
            for l in layer.iter_mut() {
                if *l > row {
                    *l += k - 1;
                }
            }
            members.sort_by_key(|&v| (!calls[v], v));
            for (p, &v) in members.iter().enumerate() {
                layer[v] = row + p as u32 % k;
            }
        }
        row += k;
    }
}

/// An order of `0..n` in which few downward edges go backwards (Eades–Lin–Smyth), deterministic.
fn acyclic_order(n: usize, down: &[(u32, u32)]) -> Vec<u32> {
    let mut out_edges = vec![Vec::new(); n];
    let mut in_edges = vec![Vec::new(); n];
    for &(a, b) in down {
        if a != b {
            out_edges[a as usize].push(b);
            in_edges[b as usize].push(a);
        }
    }
    let mut outdeg: Vec<usize> = out_edges.iter().map(Vec::len).collect();
    let mut indeg: Vec<usize> = in_edges.iter().map(Vec::len).collect();
    let mut removed = vec![false; n];
    // Stacks, filled in reverse so the lowest index comes first.
    let mut sinks: Vec<usize> = (0..n).rev().filter(|&v| outdeg[v] == 0).collect();
    let mut sources: Vec<usize> = (0..n)
        .rev()
        .filter(|&v| outdeg[v] > 0 && indeg[v] == 0)
        .collect();
    let (mut front, mut back) = (Vec::with_capacity(n), Vec::new());
    let mut left = n;
    while left > 0 {
        let v = if let Some(v) = sinks.pop() {
            if removed[v] {
                continue;
            }
            back.push(v as u32);
            v
        } else if let Some(v) = sources.pop() {
            if removed[v] {
                continue;
            }
            front.push(v as u32);
            v
        } else {
            // Only cycles are left: the node with the most outgoing minus incoming edges next.
            let Some(v) = (0..n)
                .filter(|&v| !removed[v])
                .max_by_key(|&v| (outdeg[v] as i64 - indeg[v] as i64, std::cmp::Reverse(v)))
            else {
                break;
            };
            front.push(v as u32);
            v
        };
        removed[v] = true;
        left -= 1;
        for &w in &out_edges[v] {
            let w = w as usize;
            indeg[w] -= 1;
            if indeg[w] == 0 && !removed[w] {
                sources.push(w);
            }
        }
        for &u in &in_edges[v] {
            let u = u as usize;
            outdeg[u] -= 1;
            if outdeg[u] == 0 && !removed[u] {
                sinks.push(u);
            }
        }
    }
    back.reverse();
    front.extend(back);
    front
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callers_above_callees() {
        // 0 → 1 → 2, 0 → 2; 3 only joined to 1 by a non-call edge.
        let (layer, rev) = layers(4, &[(0, 1), (1, 2), (0, 2)], &[(3, 1)]);
        assert_eq!(layer, vec![0, 1, 2, 2]);
        assert_eq!(rev, vec![false; 3]);
    }

    #[test]
    fn a_cycle_turns_one_edge_over() {
        let down = [(0, 1), (1, 2), (2, 0), (2, 3)];
        let (layer, rev) = layers(4, &down, &[]);
        assert_eq!(rev.iter().filter(|&&r| r).count(), 1);
        for (&(a, b), &r) in down.iter().zip(&rev) {
            if !r {
                assert!(layer[b as usize] > layer[a as usize], "{layer:?}");
            }
        }
    }

    #[test]
    fn a_source_is_pulled_down_to_its_callee() {
        // 0 → 1 → 2 → 3 and 4 → 3: 4 goes just above 3, not to the top.
        let (layer, _) = layers(5, &[(0, 1), (1, 2), (2, 3), (4, 3)], &[]);
        assert_eq!(layer, vec![0, 1, 2, 3, 2]);
    }

    #[test]
    fn a_source_brings_its_own_store_along() {
        // 0 → 1 → 2 → 3; 4 → 3 and 4 → 5 (its own store): 4 above 3, 5 below 4.
        let (layer, _) = layers(6, &[(0, 1), (1, 2), (2, 3), (4, 3), (4, 5)], &[]);
        assert_eq!(layer, vec![0, 1, 2, 3, 2, 3]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        let (layer, _) = layers(3, &[(0, 0), (1, 2), (2, 1), (1, 2)], &[(0, 0), (2, 2)]);
        assert_eq!(layer.len(), 3);
        assert_eq!(layers(0, &[], &[]).0, Vec::<u32>::new());
    }
}
