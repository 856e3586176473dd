//! The undirected simple graph the forces work on: neighbour lists (CSR) and connected parts.

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
}
