//! The order within each row: long edges are split by dummy nodes (one per row they pass), then
//! a depth-first first order is improved by barycenter sweeps, down and up, and adjacent swaps
//! ("transpose"), keeping the order with the fewest crossings seen.

/// Sweeps (one down, one up) at most.
const SWEEPS: usize = 12;
/// Sweeps in a row without a better order before giving up.
const PATIENCE: usize = 4;
/// Rounds of adjacent swaps per sweep, at most.
const TRANSPOSE_ROUNDS: usize = 4;

/// A part's rows with dummy nodes: nodes `0..real` are systems, the rest dummies.
pub(crate) struct Layering {
    pub real: usize,
    /// Row of each node, dummies included.
    pub layer: Vec<u32>,
    /// Nodes of each row, left to right.
    pub rows: Vec<Vec<u32>>,
    /// Neighbours of each node in the row above and in the row below.
    pub up: Vec<Vec<u32>>,
    pub down: Vec<Vec<u32>>,
    /// Each edge between different rows as its chain of nodes, top end first.
    pub chains: Vec<Vec<u32>>,
}

impl Layering {
    /// Splits the edges of `real` nodes in rows `layer` into chains of one-row steps (edges
    /// within a row, self loops and repeats of a pair are left out).
    pub fn new(layer: &[u32], edges: &[(u32, u32)]) -> Self {
        let real = layer.len();
        let mut pairs: Vec<(u32, u32)> = edges
            .iter()
            .filter(|&&(a, b)| (a as usize) < real && (b as usize) < real)
            .filter(|&&(a, b)| layer[a as usize] != layer[b as usize])
            .map(|&(a, b)| {
                if layer[a as usize] < layer[b as usize] {
                    (a, b)
                } else {
                    (b, a)
                }
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let mut layer = layer.to_vec();
        let mut up = vec![Vec::new(); real];
        let mut down = vec![Vec::new(); real];
        let mut chains = Vec::with_capacity(pairs.len());
        for (a, b) in pairs {
            let mut chain = vec![a];
            let mut prev = a;
            for l in layer[a as usize] + 1..layer[b as usize] {
                let d = layer.len() as u32;
                layer.push(l);
                up.push(Vec::new());
                down.push(Vec::new());
                down[prev as usize].push(d);
                up[d as usize].push(prev);
                chain.push(d);
                prev = d;
            }
            down[prev as usize].push(b);
            up[b as usize].push(prev);
            chain.push(b);
            chains.push(chain);
        }
        let rows_count = layer.iter().map(|&l| l as usize + 1).max().unwrap_or(0);
        let mut rows = Layering {
            real,
            layer,
            rows: vec![Vec::new(); rows_count],
            up,
            down,
            chains,
        };
        rows.first_order();
        rows
    }

    pub fn is_dummy(&self, v: u32) -> bool {
        v as usize >= self.real
    }

    /// Depth-first from the top rows, children in index order: parts of a tree stay together.
    fn first_order(&mut self) {
        let n = self.layer.len();
        let mut seen = vec![false; n];
        let mut starts: Vec<u32> = (0..n as u32).collect();
        starts.sort_by_key(|&v| (self.layer[v as usize], v));
        let mut stack = Vec::new();
        for s in starts {
            if seen[s as usize] {
                continue;
            }
            stack.push(s);
            while let Some(v) = stack.pop() {
                if seen[v as usize] {
                    continue;
                }
                seen[v as usize] = true;
                self.rows[self.layer[v as usize] as usize].push(v);
                for &w in self.down[v as usize].iter().rev() {
                    if !seen[w as usize] {
                        stack.push(w);
                    }
                }
            }
        }
    }

    /// Index of each node within its row.
    pub fn positions(&self) -> Vec<u32> {
        let mut pos = vec![0u32; self.layer.len()];
        for row in &self.rows {
            for (i, &v) in row.iter().enumerate() {
                pos[v as usize] = i as u32;
            }
        }
        pos
    }

    /// Crossings between row `r` and the row below.
    fn crossings_below(&self, r: usize, pos: &[u32]) -> usize {
        let mut ends: Vec<(u32, u32)> = self.rows[r]
            .iter()
            .flat_map(|&v| {
                self.down[v as usize]
                    .iter()
                    .map(move |&w| (pos[v as usize], pos[w as usize]))
            })
            .collect();
        ends.sort_unstable();
        let mut lower: Vec<u32> = ends.into_iter().map(|e| e.1).collect();
        inversions(&mut lower)
    }

    /// Crossings of the whole part.
    pub fn crossings(&self) -> usize {
        let pos = self.positions();
        (0..self.rows.len().saturating_sub(1))
            .map(|r| self.crossings_below(r, &pos))
            .sum()
    }

    /// Reorders row `r` by the mean position of each node's neighbours in the row above
    /// (`from_above`) or below; nodes without such neighbours keep their place.
    fn barycenter(&mut self, r: usize, from_above: bool, pos: &mut [u32]) {
        let mut keyed: Vec<(f32, u32)> = self.rows[r]
            .iter()
            .map(|&v| {
                let nb = if from_above {
                    &self.up[v as usize]
                } else {
                    &self.down[v as usize]
                };
                let key = if nb.is_empty() {
                    pos[v as usize] as f32
                } else {
                    nb.iter().map(|&w| pos[w as usize] as f32).sum::<f32>() / nb.len() as f32
                };
                (key, v)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
        self.rows[r] = keyed.into_iter().map(|k| k.1).collect();
        for (i, &v) in self.rows[r].iter().enumerate() {
            pos[v as usize] = i as u32;
        }
    }

    /// Crossings among the edges of `u` and `v` (both in one row) when `u` is left of `v`.
    fn pair_crossings(&self, u: u32, v: u32, pos: &[u32]) -> usize {
        let mut count = 0;
        for nb in [&self.up, &self.down] {
            for &a in &nb[u as usize] {
                for &b in &nb[v as usize] {
                    if pos[a as usize] > pos[b as usize] {
                        count += 1;
                    }
                }
            }
        }
        count
    }

    /// Swaps neighbours in a row while that removes crossings.
    fn transpose(&mut self, pos: &mut [u32]) {
        for _ in 0..TRANSPOSE_ROUNDS {
            let mut better = false;
            for r in 0..self.rows.len() {
                for i in 1..self.rows[r].len() {
                    let (u, v) = (self.rows[r][i - 1], self.rows[r][i]);
                    if self.pair_crossings(v, u, pos) < self.pair_crossings(u, v, pos) {
                        self.rows[r].swap(i - 1, i);
                        pos[u as usize] = i as u32;
                        pos[v as usize] = (i - 1) as u32;
                        better = true;
                    }
                }
            }
            if !better {
                break;
            }
        }
    }

    /// Reduces crossings (see the module docs).
    pub fn reduce_crossings(&mut self) {
        let mut pos = self.positions();
        let mut best = self.rows.clone();
        let mut best_count = self.crossings();
        let mut stale = 0;
        for _ in 0..SWEEPS {
            if best_count == 0 || stale >= PATIENCE {
                break;
            }
            for r in 1..self.rows.len() {
                self.barycenter(r, true, &mut pos);
            }
            for r in (0..self.rows.len().saturating_sub(1)).rev() {
                self.barycenter(r, false, &mut pos);
            }
            self.transpose(&mut pos);
            let count = self.crossings();
            if count < best_count {
                best_count = count;
                best.clone_from(&self.rows);
                stale = 0;
            } else {
                stale += 1;
            }
        }
        self.rows = best;
    }
}

/// Number of pairs `i < j` with `v[i] > v[j]` (merge sort; `v` ends sorted).
fn inversions(v: &mut [u32]) -> usize {
    if v.len() < 2 {
        return 0;
    }
    let mid = v.len() / 2;
    let mut count = inversions(&mut v[..mid]) + inversions(&mut v[mid..]);
    let mut merged = Vec::with_capacity(v.len());
    let (mut i, mut j) = (0, mid);
    while i < mid && j < v.len() {
        if v[j] < v[i] {
            count += mid - i;
            merged.push(v[j]);
            j += 1;
        } else {
            merged.push(v[i]);
            i += 1;
        }
    }
    merged.extend_from_slice(&v[i..mid]);
    merged.extend_from_slice(&v[j..]);
    v.copy_from_slice(&merged);
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inversions_are_counted() {
        assert_eq!(inversions(&mut [3, 2, 1]), 3);
        assert_eq!(inversions(&mut [1, 2, 2, 3]), 0);
        assert_eq!(inversions(&mut []), 0);
    }

    #[test]
    fn long_edges_get_dummies_and_crossings_go() {
        // Rows 0: a(0) b(1); 1: c(2) d(3); 2: e(4). a→d, b→c crossing if kept; a→e spans two.
        let layer = [0, 0, 1, 1, 2];
        let mut rows = Layering::new(&layer, &[(0, 3), (1, 2), (0, 4), (3, 0)]);
        assert_eq!(rows.layer.len(), 6, "one dummy for a→e");
        assert_eq!(rows.chains.len(), 3, "a repeated pair is one chain");
        rows.reduce_crossings();
        assert_eq!(rows.crossings(), 0);
    }
}
