//! One ranked list: every finding's impact score, the severity that follows from it, and the
//! order every output shows (text, Markdown, JSON `findings`, the findings panel).
//!
//! A finding starts at its *origin*, the systems whose trouble it is about (a single point's
//! system, a cycle's members, a shared store, an overloaded callee, the readers of a stale copy,
//! the owners in a conflict, a system locked during someone's peak, the system where two windows
//! collide). From there it reaches, against the runtime arrows, every system that
//! depends on the origin directly or through others. Each system reached counts with its
//! criticality (low 1, medium 2, high 3, critical 4) and with how hard it is hit:
//!
//! - in full: the origin, a system whose every runtime dependency is down (it is down too), and
//!   a direct caller of a system that is down (what it does with that system fails);
//! - half: everything further that depends on the origin, which is *degraded* (it still does
//!   what does not need the systems hit in full).
//!
//! The score is that weighted reach as a share of the whole map's weighted criticality, 0–100
//! with one decimal. Severity follows the score alone: critical from 40, high from 20, medium
//! from 8, else low (an articulation point is a reason in the sentence, not a bump). Integration
//! points nobody watches are trouble nobody notices rather than an outage: everything their
//! callees reach counts half, origin included. Open
//! findings come before accepted ones; then the highest score first; ties break by dependants
//! (systems reached besides the origin), then by the name of the first origin system, then id.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use super::graph::{self, Graph};
use super::{Finding, Severity};
use crate::model::{Criticality, Workspace};

/// How much a system reached counts, by its criticality.
pub(crate) fn weight(c: Criticality) -> f64 {
    match c {
        Criticality::Low => 1.0,
        Criticality::Medium => 2.0,
        Criticality::High => 3.0,
        Criticality::Critical => 4.0,
    }
}

/// The severity a score gives.
pub(crate) fn severity_of(score: f64) -> Severity {
    if score >= 40.0 {
        Severity::Critical
    } else if score >= 20.0 {
        Severity::High
    } else if score >= 8.0 {
        Severity::Medium
    } else {
        Severity::Low
    }
}

/// What every system's trouble reaches, precomputed; several-system origins are walked.
pub(crate) struct Reach<'g> {
    out: &'g [Vec<usize>],
    /// `callers[b]` lists every `a` with `a → b`.
    callers: Vec<Vec<usize>>,
    weights: Vec<f64>,
    total: f64,
    /// Per system: the weight of it and everything depending on it, and how many depend on it.
    single: Vec<(f64, usize)>,
}

impl<'g> Reach<'g> {
    pub(crate) fn new(ws: &Workspace, g: &'g Graph<'_>) -> Self {
        let n = g.len();
        let mut callers = vec![Vec::new(); n];
        for (a, list) in g.runtime_out.iter().enumerate() {
            for &b in list {
                callers[b].push(a);
            }
        }
        let weights: Vec<f64> = g
            .ids
            .iter()
            .map(|id| ws.systems.get(*id).map_or(1.0, |s| weight(s.criticality)))
            .collect();
        let total = weights.iter().sum::<f64>().max(1.0);
        // A bitset per criticality weight, so a weighted count is four masked popcounts.
        let levels: Vec<f64> = [
            Criticality::Low,
            Criticality::Medium,
            Criticality::High,
            Criticality::Critical,
        ]
        .iter()
        .map(|c| weight(*c))
        .collect();
        let masks: Vec<Vec<u64>> = levels
            .iter()
            .map(|level| {
                let mut mask = vec![0u64; n.div_ceil(64)];
                for (v, w) in weights.iter().enumerate() {
                    if (w - level).abs() < f64::EPSILON {
                        mask[v / 64] |= 1u64 << (v % 64);
                    }
                }
                mask
            })
            .collect();
        let mut single = vec![(0.0, 0usize); n];
        graph::dependant_sets(&g.runtime_out, |members, set| {
            let mut weighted = 0.0;
            for (mask, level) in masks.iter().zip(&levels) {
                let ones: u32 = set
                    .iter()
                    .zip(mask)
                    .map(|(s, m)| (s & m).count_ones())
                    .sum();
                weighted += f64::from(ones) * level;
            }
            let all: usize = set.iter().map(|w| w.count_ones() as usize).sum();
            for &v in members {
                single[v] = (weighted, all - 1);
            }
        });
        Reach {
            out: &g.runtime_out,
            callers,
            weights,
            total,
            single,
        }
    }

    /// How many systems depend on each system, directly or through others.
    pub(crate) fn dependant_counts(&self) -> Vec<usize> {
        self.single.iter().map(|(_, count)| *count).collect()
    }

    /// The weight of the origin and everything depending on it, and how many depend on it.
    fn all(&self, origin: &[usize]) -> (f64, usize) {
        match origin {
            [one] => self.single[*one],
            _ => self.walk(origin),
        }
    }

    /// `all` by walking the callers from the origin.
    fn walk(&self, origin: &[usize]) -> (f64, usize) {
        let mut seen = vec![false; self.out.len()];
        let mut stack: Vec<usize> = Vec::new();
        for &o in origin {
            if !seen[o] {
                seen[o] = true;
                stack.push(o);
            }
        }
        let starts = stack.len();
        let (mut weighted, mut count) = (0.0, 0usize);
        while let Some(v) = stack.pop() {
            weighted += self.weights[v];
            count += 1;
            for &c in &self.callers[v] {
                if !seen[c] {
                    seen[c] = true;
                    stack.push(c);
                }
            }
        }
        (weighted, count - starts)
    }

    /// The weight of what is hit in full: the origin, every system whose runtime dependencies
    /// are all down, and the direct callers of those.
    fn near(&self, origin: &[usize]) -> f64 {
        let mut down: HashSet<usize> = origin.iter().copied().collect();
        let mut queue: Vec<usize> = down.iter().copied().collect();
        // Runtime dependencies still up, for the systems touched so far.
        let mut up: HashMap<usize, usize> = HashMap::new();
        while let Some(v) = queue.pop() {
            for &c in &self.callers[v] {
                if down.contains(&c) {
                    continue;
                }
                let left = up.entry(c).or_insert(self.out[c].len());
                *left = left.saturating_sub(1);
                if *left == 0 {
                    down.insert(c);
                    queue.push(c);
                }
            }
        }
        let mut full: HashSet<usize> = down.clone();
        for &v in &down {
            full.extend(self.callers[v].iter().copied());
        }
        full.iter().map(|&v| self.weights[v]).sum()
    }

    /// `(score, dependants)` of trouble starting at `origin`: what is hit in full counts in full,
    /// everything else that depends on the origin (degraded) counts half.
    fn of(&self, origin: &[usize]) -> (f64, usize) {
        if origin.is_empty() {
            return (0.0, 0);
        }
        let (all, dependants) = self.all(origin);
        let near = self.near(origin);
        let reached = near + (all - near).max(0.0) / 2.0;
        let score = (reached / self.total * 1000.0).round() / 10.0;
        (score.min(100.0), dependants)
    }
}

impl Reach<'_> {
    /// `(score, dependants)` of trouble at `origin` that nobody notices (an unwatched
    /// integration point): nothing is known to be down, so everything reached, the origin
    /// included, counts half, as degraded.
    fn unnoticed(&self, origin: &[usize]) -> (f64, usize) {
        if origin.is_empty() {
            return (0.0, 0);
        }
        let (all, dependants) = self.all(origin);
        let score = (all / 2.0 / self.total * 1000.0).round() / 10.0;
        (score.min(100.0), dependants)
    }
}

/// Scores every finding, sets its severity from the score, and sorts the list for display.
pub(crate) fn rank(ws: &Workspace, g: &Graph<'_>, reach: &Reach<'_>, findings: &mut Vec<Finding>) {
    let mut keyed: Vec<(String, Finding)> = findings
        .drain(..)
        .map(|mut f| {
            let origin_ids = f.origin_systems();
            let mut idx: Vec<usize> = origin_ids
                .iter()
                .filter_map(|id| g.index.get(id.as_str()).copied())
                .collect();
            idx.sort_unstable();
            idx.dedup();
            let name = origin_ids
                .iter()
                .map(|id| ws.system_name(id).to_lowercase())
                .min()
                .unwrap_or_default();
            let (score, dependants) = if f.kind == super::FindingKind::Unwatched {
                reach.unnoticed(&idx)
            } else {
                reach.of(&idx)
            };
            f.score = score;
            f.dependants = dependants;
            f.severity = severity_of(score);
            (name, f)
        })
        .collect();
    keyed.sort_by(|(na, a), (nb, b)| display_order(a, b).then(na.cmp(nb)).then(a.id.cmp(&b.id)));
    findings.extend(keyed.into_iter().map(|(_, f)| f));
}

/// Open before accepted, then score, then dependants, highest first.
fn display_order(a: &Finding, b: &Finding) -> Ordering {
    a.accepted
        .is_some()
        .cmp(&b.accepted.is_some())
        .then(b.score.total_cmp(&a.score))
        .then(b.dependants.cmp(&a.dependants))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dependency, DependencyType, System};
    use proptest::prelude::*;

    proptest! {
        /// The precomputed reach of one system (bitsets over condensed components) is what
        /// walking its callers finds, on random graphs with cycles.
        #[test]
        fn precomputed_reach_is_the_walked_reach(
            n in 1usize..40,
            edges in proptest::collection::vec((0usize..40, 0usize..40), 0..80),
            levels in proptest::collection::vec(0usize..4, 40),
        ) {
            let mut ws = Workspace::new("t");
            for i in 0..n {
                let mut s = System::new(format!("s{i:02}"), format!("S{i}"));
                s.criticality = [
                    Criticality::Low,
                    Criticality::Medium,
                    Criticality::High,
                    Criticality::Critical,
                ][levels[i]];
                ws.systems.insert(s.id.clone(), s);
            }
            for (a, b) in edges {
                let d = Dependency::new(format!("s{:02}", a % n), format!("s{:02}", b % n), DependencyType::Sync);
                ws.dependencies.insert(d.id(), d);
            }
            let g = Graph::new(&ws);
            let reach = Reach::new(&ws, &g);
            for v in 0..n {
                let (w1, c1) = reach.all(&[v]);
                let (w2, c2) = reach.walk(&[v]);
                prop_assert_eq!(c1, c2);
                prop_assert!((w1 - w2).abs() < 1e-9, "{} {}", w1, w2);
                let (score, _) = reach.of(&[v]);
                prop_assert!((0.0..=100.0).contains(&score));
            }
        }
    }

    /// c → b → a, and b → d. When a fails, b (a direct caller) is hit in full and c, behind
    /// b, counts half; without b → d, b is down with a and c is hit in full.
    #[test]
    fn down_and_direct_callers_count_in_full_degraded_ones_half() {
        let mut ws = Workspace::new("t");
        for id in ["a", "b", "c", "d"] {
            ws.systems.insert(id.into(), System::new(id, id));
        }
        for (from, to) in [("c", "b"), ("b", "a"), ("b", "d")] {
            let d = Dependency::new(from, to, DependencyType::Sync);
            ws.dependencies.insert(d.id(), d);
        }
        let g = Graph::new(&ws);
        let a = g.index["a"];
        assert_eq!(Reach::new(&ws, &g).of(&[a]), (62.5, 2));
        ws.dependencies.remove("b->d:sync");
        let g = Graph::new(&ws);
        assert_eq!(Reach::new(&ws, &g).of(&[a]), (75.0, 2));
    }

    #[test]
    fn severity_follows_the_score() {
        assert_eq!(severity_of(0.0), Severity::Low);
        assert_eq!(severity_of(7.9), Severity::Low);
        assert_eq!(severity_of(8.0), Severity::Medium);
        assert_eq!(severity_of(20.0), Severity::High);
        assert_eq!(severity_of(40.0), Severity::Critical);
        assert_eq!(severity_of(100.0), Severity::Critical);
    }
}
