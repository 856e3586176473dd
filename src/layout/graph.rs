//! The undirected simple graph the forces work on: neighbour lists (CSR) and connected parts.

/// A small part hanging off the rest by one edge ([`Neighbours::branches`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Branch {
    /// The node outside the part that the edge joins it to.
    pub from: u32,
    /// The part's end of the edge.
    pub root: u32,
    /// The part's nodes, `root` first.
    pub members: Vec<u32>,
}

/// Distinct neighbours of each node, in compressed rows.
#[derive(Debug, Clone, Default)]
pub(crate) struct Neighbours {
    /// `list[start[i]..start[i + 1]]` are the neighbours of `i`, ascending.
    pub start: Vec<u32>,
    pub list: Vec<u32>,
}

impl Neighbours {
    /// Builds the lists from `edges`, dropping self loops, duplicates (in either direction) and
    /// pairs that name a node `>= n`.
    pub fn new(n: usize, edges: &[(u32, u32)]) -> Self {
        let mut pairs: Vec<(u32, u32)> = edges
            .iter()
            .filter(|&&(a, b)| a != b && (a as usize) < n && (b as usize) < n)
            .flat_map(|&(a, b)| [(a, b), (b, a)])
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let mut start = vec![0u32; n + 1];
        for &(a, _) in &pairs {
            start[a as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let list = pairs.into_iter().map(|(_, b)| b).collect();
        Neighbours { start, list }
    }

    pub fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    pub fn of(&self, i: usize) -> &[u32] {
        &self.list[self.start[i] as usize..self.start[i + 1] as usize]
    }

    pub fn degree(&self, i: usize) -> usize {
        (self.start[i + 1] - self.start[i]) as usize
    }

    /// Number of distinct undirected edges.
    #[cfg(test)]
    pub fn edge_count(&self) -> usize {
        self.list.len() / 2
    }

    /// The small parts that hang off the rest of their connected part by a single edge: for
    /// each such edge (a bridge) whose far side holds at most `most` nodes and fewer than its
    /// near side, the node it hangs from, the node on the far side of the edge and every node
    /// of that side (a chain, a service with its stores, a small tree). Nested parts are all
    /// listed (a chain of three gives three). Each side is searched only up to `most + 1`
    /// nodes, so the cost stays edges × `most`.
    pub fn branches(&self, most: usize) -> Vec<Branch> {
        let mut out = Vec::new();
        // The nodes reached from `from` without crossing the edge `from`–`cut`, or `None` once
        // more than `most` are.
        let side = |from: u32, cut: u32| -> Option<Vec<u32>> {
            let mut seen = vec![from];
            let mut at = 0;
            while at < seen.len() {
                let k = seen[at];
                at += 1;
                for &j in self.of(k as usize) {
                    if (k == from && j == cut) || seen.contains(&j) {
                        continue;
                    }
                    // Back across the edge some other way: not a bridge.
                    if j == cut {
                        return None;
                    }
                    seen.push(j);
                    if seen.len() > most {
                        return None;
                    }
                }
            }
            Some(seen)
        };
        for a in 0..self.len() as u32 {
            for &b in self.of(a as usize) {
                if a >= b {
                    continue;
                }
                // The smaller side hangs from the other; a part of two equal halves does not.
                let (ab, ba) = (side(b, a), side(a, b));
                let hanging = match (ab, ba) {
                    (Some(x), Some(y)) if x.len() == y.len() => None,
                    (Some(x), Some(y)) if y.len() < x.len() => Some((b, a, y)),
                    (Some(x), _) => Some((a, b, x)),
                    (None, Some(y)) => Some((b, a, y)),
                    (None, None) => None,
                };
                if let Some((from, root, members)) = hanging {
                    out.push(Branch {
                        from,
                        root,
                        members,
                    });
                }
            }
        }
        out
    }

    /// Connected parts: a part id per node (numbered in order of their smallest node) and the
    /// number of parts.
    pub fn components(&self) -> (Vec<u32>, usize) {
        let n = self.len();
        let mut comp = vec![u32::MAX; n];
        let mut count = 0u32;
        let mut queue = Vec::new();
        for s in 0..n {
            if comp[s] != u32::MAX {
                continue;
            }
            comp[s] = count;
            queue.clear();
            queue.push(s as u32);
            while let Some(u) = queue.pop() {
                for &v in self.of(u as usize) {
                    if comp[v as usize] == u32::MAX {
                        comp[v as usize] = count;
                        queue.push(v);
                    }
                }
            }
            count += 1;
        }
        (comp, count as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_simple_and_parts_found() {
        let g = Neighbours::new(6, &[(0, 1), (1, 0), (1, 1), (2, 1), (3, 4), (0, 9)]);
        assert_eq!(g.of(1), &[0, 2]);
        assert_eq!(g.degree(5), 0);
        assert_eq!(g.edge_count(), 3);
        let (comp, count) = g.components();
        assert_eq!(count, 3);
        assert_eq!(comp, vec![0, 0, 0, 1, 1, 2]);
        assert_eq!(Neighbours::new(0, &[]).components().1, 0);
    }

    /// A hub in a ring, with a chain of two and a lone store hanging off it: the chain, its
    /// end and the store hang off; the ring's edges are no bridges.
    #[test]
    fn small_parts_hanging_by_one_edge_are_found() {
        // Ring 0-1-2-3-0; chain 0-4-5; store 1-6.
        let g = Neighbours::new(7, &[(0, 1), (1, 2), (2, 3), (3, 0), (0, 4), (4, 5), (1, 6)]);
        let mut found: Vec<(u32, u32, Vec<u32>)> = g
            .branches(3)
            .into_iter()
            .map(|b| (b.from, b.root, b.members))
            .collect();
        found.sort();
        assert_eq!(
            found,
            vec![(0, 4, vec![4, 5]), (1, 6, vec![6]), (4, 5, vec![5])]
        );
        // A limit of one leaves out the chain of two.
        assert_eq!(g.branches(1).len(), 2);
    }
}
