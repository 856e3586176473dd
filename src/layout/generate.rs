//! Generated graphs for tests and benchmarks.

use super::rng::next_u64;

/// A connected scale-free graph on `n` nodes by preferential attachment, like the benchmark's
/// `gen_graph.py` (not the same random numbers): each node `i ≥ 1` links to one earlier node, or
/// to two with probability 0.55, chosen in proportion to their degree. No duplicate edges, no
/// self loops; the same `seed` gives the same graph, and smaller graphs are prefixes of larger.
pub fn scale_free_graph(n: usize, seed: u64) -> Vec<(u32, u32)> {
    let mut state = seed;
    let mut edges: Vec<(u32, u32)> = Vec::with_capacity(n * 2);
    // Every edge end once: a uniform pick from it is a degree-proportional pick of a node.
    let mut ends: Vec<u32> = Vec::with_capacity(n * 4);
    for i in 1..n {
        let i32_ = i as u32;
        let two = (next_u64(&mut state) >> 11) as f64 / (1u64 << 53) as f64 > 0.45;
        let m = if two { 2.min(i) } else { 1 };
        let mut targets: Vec<u32> = Vec::with_capacity(2);
        while targets.len() < m {
            let r = next_u64(&mut state);
            let t = if ends.is_empty() {
                (r % i as u64) as u32
            } else {
                ends[(r % ends.len() as u64) as usize]
            };
            if !targets.contains(&t) {
                targets.push(t);
            }
        }
        for t in targets {
            edges.push((i32_, t));
            ends.push(i32_);
            ends.push(t);
        }
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connected_simple_and_prefix_stable() {
        let e = scale_free_graph(500, 3);
        let mean_degree = 2.0 * e.len() as f64 / 500.0;
        assert!((2.8..3.4).contains(&mean_degree), "{mean_degree}");
        let mut seen = std::collections::HashSet::new();
        for &(a, b) in &e {
            assert!(a > b, "edges go from the new node to an earlier one");
            assert!(seen.insert((a, b)), "duplicate edge");
        }
        // Each node i >= 1 has an edge to an earlier node: connected.
        for i in 1..500u32 {
            assert!(e.iter().any(|&(a, _)| a == i));
        }
        let small = scale_free_graph(100, 3);
        assert_eq!(small[..], e[..small.len()]);
        assert!(scale_free_graph(0, 1).is_empty());
        assert!(scale_free_graph(1, 1).is_empty());
    }
}
