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
//! - the origin, and a system whose every runtime dependency is already down, is down (× 1);
//! - a direct caller of a system that is down is hit in full (× 1) but only *degraded*: it still
//!   does what does not need the failed system, so each further hop halves the hit (× ½, × ¼ …).
//!
//! The score is that weighted reach as a share of the whole map's weighted criticality, 0–100
//! with one decimal. Severity follows the score alone: critical from 40, high from 20, medium
//! from 8, else low (an articulation point is a reason in the sentence, not a bump). Open
//! findings come before accepted ones; then the highest score first; ties break by dependants
//! (systems reached besides the origin), then by the name of the first origin system, then id.

use std::cmp::Ordering;
use std::collections::VecDeque;

use super::graph::Graph;
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

/// Who depends on whom at run time, reversed: `callers[b]` lists every `a` with `a → b`.
struct Reach<'g> {
    out: &'g [Vec<usize>],
    callers: Vec<Vec<usize>>,
    weights: Vec<f64>,
    total: f64,
}

impl<'g> Reach<'g> {
    fn new(ws: &Workspace, g: &'g Graph<'_>) -> Self {
        let mut callers = vec![Vec::new(); g.len()];
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
        Reach {
            out: &g.runtime_out,
            callers,
            weights,
            total,
        }
    }

    /// `(score, dependants)` of trouble starting at `origin`.
    fn of(&self, origin: &[usize]) -> (f64, usize) {
        let n = self.out.len();
        // Hit per system: 0 unreached, 1 down or a direct caller of a down system, halving
        // per further hop.
        let mut hit = vec![0.0f64; n];
        let mut down = vec![false; n];
        // Runtime dependencies each system still has that are up.
        let mut up: Vec<usize> = self.out.iter().map(Vec::len).collect();
        let mut queue: VecDeque<usize> = VecDeque::new();
        for &o in origin {
            if o < n && !down[o] {
                down[o] = true;
                queue.push_back(o);
            }
        }
        // Everything whose every runtime dependency is down is down too.
        while let Some(v) = queue.pop_front() {
            hit[v] = 1.0;
            for &c in &self.callers[v] {
                up[c] = up[c].saturating_sub(1);
                if up[c] == 0 && !down[c] {
                    down[c] = true;
                    queue.push_back(c);
                }
            }
        }
        // Degraded callers, breadth first from everything down: the direct ones in full, then
        // half per hop.
        let mut frontier: Vec<usize> = (0..n).filter(|&v| down[v]).collect();
        let mut level = 1.0;
        while !frontier.is_empty() {
            let mut next = Vec::new();
            for &v in &frontier {
                for &c in &self.callers[v] {
                    if hit[c] == 0.0 {
                        hit[c] = level;
                        next.push(c);
                    }
                }
            }
            frontier = next;
            level /= 2.0;
        }
        let reached: f64 = hit.iter().zip(&self.weights).map(|(h, w)| h * w).sum();
        let dependants = hit.iter().filter(|h| **h > 0.0).count()
            - origin
                .iter()
                .filter(|&&o| o < n)
                .collect::<std::collections::BTreeSet<_>>()
                .len();
        let score = (reached / self.total * 1000.0).round() / 10.0;
        (score.min(100.0), dependants)
    }
}

/// Scores every finding, sets its severity from the score, and sorts the list for display.
pub(crate) fn rank(ws: &Workspace, g: &Graph<'_>, findings: &mut [Finding]) {
    let reach = Reach::new(ws, g);
    let mut keyed: Vec<(String, Finding)> = Vec::with_capacity(findings.len());
    for f in findings.iter() {
        let origin_ids = f.origin_systems();
        let idx: Vec<usize> = origin_ids
            .iter()
            .filter_map(|id| g.index.get(id.as_str()).copied())
            .collect();
        let (score, dependants) = reach.of(&idx);
        let name = origin_ids
            .iter()
            .map(|id| ws.system_name(id).to_lowercase())
            .min()
            .unwrap_or_default();
        let mut f = f.clone();
        f.score = score;
        f.dependants = dependants;
        f.severity = severity_of(score);
        keyed.push((name, f));
    }
    keyed.sort_by(|(na, a), (nb, b)| display_order(a, b).then(na.cmp(nb)).then(a.id.cmp(&b.id)));
    for (slot, (_, f)) in findings.iter_mut().zip(keyed) {
        *slot = f;
    }
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
