//! Cascade simulation: "what if X goes down or gets slow?"
//!
//! Failure travels against the arrows along sync and data dependencies: a caller waits
//! `timeout_ms` per try (30 s when none is set) and tries `1 + retries` times, so its own effect
//! starts that much later. A circuit breaker on the dependency stops the failure there (the caller
//! is `degraded`). Async dependencies absorb it: a failed consumer leaves a `backlog` on its queue,
//! a producer or consumer of a failed broker is `degraded`. Load travels with the arrows: a
//! retrying caller multiplies what it sends by `(1 + retries) × calls_per_request`, the product
//! flows on through every system still working, and a system whose peak load times that
//! multiplier exceeds its capacity (same unit) is `overloaded` (a queue: `backlog`).
//!
//! Long chains with retries make both numbers explode (6 tries per hop over 200 hops is a load
//! of 6^200 and days of waiting). The simulation itself keeps exact times (saturating `u64`) and
//! finite multipliers (saturating at `f64::MAX`), so its decisions do not depend on any cap; what
//! it reports is capped for people and JSON readers: a load multiplier above
//! [`LOAD_MULTIPLIER_CAP`] is reported as the cap, a time after [`HORIZON_MS`] as the horizon,
//! and the step says so (`load_capped`, `at_capped`). A capped number is a lower bound.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::graph::Graph;
use super::scale::amplification;
use crate::model::{AsyncRole, DependencyType, SystemKind, Workspace};

/// What a caller waits per try on a dependency without a timeout.
pub const DEFAULT_TIMEOUT_MS: u64 = 30_000;

/// The largest load multiplier a step reports (a billion); more is reported as this, with
/// `load_capped` set.
pub const LOAD_MULTIPLIER_CAP: f64 = 1e9;

/// The latest time a step reports: 7 days after the first failure. Later effects are reported at
/// this time with `at_capped` set (they happen at or after it).
pub const HORIZON_MS: u64 = 7 * 24 * 60 * 60 * 1000;

/// How the first system fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailMode {
    Down,
    /// Its latency exceeds every caller's timeout.
    Slow,
}

impl FailMode {
    pub fn as_str(self) -> &'static str {
        match self {
            FailMode::Down => "down",
            FailMode::Slow => "slow",
        }
    }
}

/// What happens to a system in the cascade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Effect {
    Fails,
    Overloaded,
    Slow,
    Backlog,
    Degraded,
}

impl Effect {
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Fails => "fails",
            Effect::Overloaded => "overloaded",
            Effect::Slow => "slow",
            Effect::Backlog => "backlog",
            Effect::Degraded => "degraded",
        }
    }

    /// Effects that reach the system's callers.
    fn spreads(self) -> bool {
        matches!(self, Effect::Fails | Effect::Overloaded | Effect::Slow)
    }
}

/// One moment of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct CascadeStep {
    pub system: String,
    /// When the effect starts, at most [`HORIZON_MS`].
    pub at_ms: u64,
    pub effect: Effect,
    /// Traffic reaching the system relative to normal (1 = unchanged), finite and at most
    /// [`LOAD_MULTIPLIER_CAP`].
    pub load_multiplier: f64,
    /// The effect starts after the horizon; `at_ms` is [`HORIZON_MS`].
    pub at_capped: bool,
    /// The load is more than the cap; `load_multiplier` is [`LOAD_MULTIPLIER_CAP`].
    pub load_capped: bool,
}

impl CascadeStep {
    /// Whether any number of the step is capped (and so a lower bound).
    pub fn capped(&self) -> bool {
        self.at_capped || self.load_capped
    }

    /// When, for people: `+3.0 s`, `+2 h 5 min`, or "after 7 days" past the horizon.
    pub fn when_text(&self) -> String {
        super::text::elapsed(self.at_ms, self.at_capped)
    }

    /// The load, for people: `×9`, `×1,200`, or "more than a billion times normal".
    pub fn load_text(&self) -> String {
        super::text::load_times(self.load_multiplier, self.load_capped)
    }
}

/// The ordered timeline of one simulated failure (by time, then system id).
#[derive(Debug, Clone, PartialEq)]
pub struct Cascade {
    pub failed: String,
    pub mode: FailMode,
    pub steps: Vec<CascadeStep>,
}

impl Cascade {
    /// The first step of `system`, if the cascade reaches it.
    pub fn step(&self, system: &str) -> Option<&CascadeStep> {
        self.steps.iter().find(|s| s.system == system)
    }

    /// Whether any step reports a capped number.
    pub fn capped(&self) -> bool {
        self.steps.iter().any(CascadeStep::capped)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnalysisError {
    #[error("no system \"{0}\" in the workspace; use the id of a system on the map")]
    UnknownSystem(String),
}

struct Sim<'a> {
    ws: &'a Workspace,
    g: Graph<'a>,
    /// Dependencies by index: (from, to, dependency) for every dependency between known systems.
    deps_in: Vec<Vec<(usize, &'a crate::model::Dependency)>>,
    deps_out: Vec<Vec<(usize, &'a crate::model::Dependency)>>,
    heap: BinaryHeap<Reverse<(u64, Effect, usize)>>,
    /// Final spreading effect (`Fails`/`Slow`/`Overloaded`) per system, once popped.
    active: Vec<Option<Effect>>,
    passive_done: Vec<bool>,
    mult: Vec<f64>,
    stamp: Vec<u32>,
    wave: u32,
    steps: Vec<(u64, Effect, usize)>,
}

/// Simulates `failed` going down or getting slow.
pub fn cascade(ws: &Workspace, failed: &str, mode: FailMode) -> Result<Cascade, AnalysisError> {
    let g = Graph::new(ws);
    let Some(&root) = g.index.get(failed) else {
        return Err(AnalysisError::UnknownSystem(failed.to_owned()));
    };
    let n = g.len();
    let mut deps_in = vec![Vec::new(); n];
    let mut deps_out = vec![Vec::new(); n];
    for d in ws.dependencies.values() {
        if let (Some(&a), Some(&b)) = (g.index.get(d.from.as_str()), g.index.get(d.to.as_str()))
            && a != b
        {
            deps_in[b].push((a, d));
            deps_out[a].push((b, d));
        }
    }
    let mut sim = Sim {
        ws,
        g,
        deps_in,
        deps_out,
        heap: BinaryHeap::new(),
        active: vec![None; n],
        passive_done: vec![false; n],
        mult: vec![1.0; n],
        stamp: vec![0; n],
        wave: 0,
        steps: Vec::new(),
    };
    let first = match mode {
        FailMode::Down => Effect::Fails,
        FailMode::Slow => Effect::Slow,
    };
    sim.heap.push(Reverse((0, first, root)));
    sim.run();
    let Sim {
        g, mult, mut steps, ..
    } = sim;
    steps.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| g.ids[a.2].cmp(g.ids[b.2]))
            .then(a.1.cmp(&b.1))
    });
    Ok(Cascade {
        failed: failed.to_owned(),
        mode,
        steps: steps
            .into_iter()
            .map(|(at_ms, effect, s)| CascadeStep {
                system: g.ids[s].to_owned(),
                at_ms: at_ms.min(HORIZON_MS),
                effect,
                load_multiplier: mult[s].min(LOAD_MULTIPLIER_CAP),
                at_capped: at_ms > HORIZON_MS,
                load_capped: mult[s] > LOAD_MULTIPLIER_CAP,
            })
            .collect(),
    })
}

/// `a × b` for finite, non-negative factors, saturating at `f64::MAX`: never infinite, so never
/// NaN when a later factor is 0.
fn times(a: f64, b: f64) -> f64 {
    (a * b).min(f64::MAX)
}

impl Sim<'_> {
    fn run(&mut self) {
        while let Some(Reverse((t, effect, s))) = self.heap.pop() {
            if self.active[s].is_some() {
                continue;
            }
            if effect.spreads() {
                self.active[s] = Some(effect);
                self.steps.push((t, effect, s));
                self.spread(s, t, effect);
            } else if !self.passive_done[s] {
                self.passive_done[s] = true;
                self.steps.push((t, effect, s));
            }
        }
    }

    fn spread(&mut self, s: usize, t: u64, effect: Effect) {
        let to_callers = if effect == Effect::Fails {
            Effect::Fails
        } else {
            Effect::Slow
        };
        let is_queue = self
            .ws
            .systems
            .get(self.g.ids[s])
            .is_some_and(|x| x.kind == SystemKind::Queue);
        for i in 0..self.deps_in[s].len() {
            let (c, d) = self.deps_in[s][i];
            match d.kind {
                DependencyType::Sync | DependencyType::Data => {
                    let wait = d.timeout_ms.map_or(DEFAULT_TIMEOUT_MS, u64::from);
                    if d.circuit_breaker {
                        self.heap
                            .push(Reverse((t.saturating_add(wait), Effect::Degraded, c)));
                        continue;
                    }
                    let tries = 1 + u64::from(d.retries);
                    let at = t.saturating_add(wait.saturating_mul(tries));
                    self.heap.push(Reverse((at, to_callers, c)));
                    if d.retries > 0 {
                        let m = times(self.mult[c], amplification(d.retries, d.calls_per_request));
                        self.push_load(s, m, t.saturating_add(wait));
                    }
                }
                DependencyType::Async if is_queue || d.async_role().is_some() => {
                    // A producer buffers, a consumer starves: both run degraded.
                    self.heap.push(Reverse((t, Effect::Degraded, c)));
                }
                _ => {}
            }
        }
        for i in 0..self.deps_out[s].len() {
            let (q, d) = self.deps_out[s][i];
            if d.kind == DependencyType::Async && d.async_role() == Some(AsyncRole::Consumes) {
                self.heap.push(Reverse((t, Effect::Backlog, q)));
            }
        }
    }

    /// Amplified traffic `m` reaches `start` at `t` and flows on through working systems.
    fn push_load(&mut self, start: usize, m: f64, t: u64) {
        self.wave = self.wave.wrapping_add(1);
        let wave = self.wave;
        let mut stack = vec![(start, m)];
        while let Some((s, m)) = stack.pop() {
            if self.stamp[s] == wave
                || m.partial_cmp(&self.mult[s]) != Some(std::cmp::Ordering::Greater)
            {
                continue;
            }
            self.stamp[s] = wave;
            self.mult[s] = m;
            let Some(sys) = self.ws.systems.get(self.g.ids[s]) else {
                continue;
            };
            if let (Some(cap), Some(peak)) = (sys.capacity, sys.peak_load)
                && cap.unit == peak.unit
                && peak.value * m > cap.value
            {
                let effect = if sys.kind == SystemKind::Queue {
                    Effect::Backlog
                } else {
                    Effect::Overloaded
                };
                self.heap.push(Reverse((t, effect, s)));
            }
            if self.active[s] == Some(Effect::Fails) {
                continue;
            }
            for &(next, d) in &self.deps_out[s] {
                match d.kind {
                    DependencyType::Sync | DependencyType::Data => {
                        stack.push((
                            next,
                            times(m, amplification(d.retries, d.calls_per_request)),
                        ));
                    }
                    DependencyType::Async if d.async_role() == Some(AsyncRole::Produces) => {
                        stack.push((next, times(m, f64::from(d.calls_per_request))));
                    }
                    _ => {}
                }
            }
            // A queue hands every message to its consumers.
            if sys.kind == SystemKind::Queue {
                for &(c, d) in &self.deps_in[s] {
                    if d.async_role() == Some(AsyncRole::Consumes) {
                        stack.push((c, m));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a failing test may panic")]

    use super::*;
    use crate::model::{Dependency, Load, LoadUnit, System};

    /// `n0 → n1 → … → n{len-1} → db`, every call sync with `retries` and `timeout_ms`; the
    /// database is sized far above its peak (a thousand billion times).
    fn chain(len: usize, retries: u32, timeout_ms: Option<u32>) -> Workspace {
        let mut ws = Workspace::new("chain");
        let ids: Vec<String> = (0..len)
            .map(|i| format!("n{i}"))
            .chain(["db".into()])
            .collect();
        for id in &ids {
            ws.systems
                .insert(id.clone(), System::new(id, id.to_uppercase()));
        }
        let db = ws.systems.get_mut("db").unwrap();
        db.capacity = Some(Load {
            value: 1e12,
            unit: LoadUnit::RequestsPerSec,
        });
        db.peak_load = Some(Load {
            value: 1.0,
            unit: LoadUnit::RequestsPerSec,
        });
        for pair in ids.windows(2) {
            let mut d = Dependency::new(&pair[0], &pair[1], DependencyType::Sync);
            d.retries = retries;
            d.timeout_ms = timeout_ms;
            ws.dependencies.insert(d.id(), d);
        }
        ws
    }

    #[test]
    fn a_long_retry_chain_reports_finite_capped_loads() {
        // 6 tries per hop over 449 hops: 6^449 overflows f64; it used to be reported as
        // infinity (JSON null) and, below that, as 150-digit numbers.
        let ws = chain(450, 5, None);
        let c = cascade(&ws, "n449", FailMode::Slow).unwrap();
        for s in &c.steps {
            assert!(
                s.load_multiplier.is_finite() && s.load_multiplier <= LOAD_MULTIPLIER_CAP,
                "{s:?}"
            );
            assert_eq!(
                s.load_capped,
                s.load_multiplier == LOAD_MULTIPLIER_CAP,
                "{s:?}"
            );
        }
        let end = c.step("n449").unwrap();
        assert!(end.load_capped && end.capped());
        assert_eq!(end.load_multiplier, LOAD_MULTIPLIER_CAP);
        let near = c.step("n1").unwrap();
        assert_eq!((near.load_multiplier, near.load_capped), (6.0, false));
        assert_eq!(c.step("n0").unwrap().load_multiplier, 1.0);
        assert!(c.capped());
        // The decision uses the real load, not the reported cap: 1 × 6^449 > 10^12.
        assert_eq!(c.step("db").unwrap().effect, Effect::Overloaded);
    }

    #[test]
    fn huge_timeouts_and_retries_stop_at_the_horizon() {
        // u32::MAX tries of u32::MAX ms each: at_ms used to saturate at u64::MAX.
        let ws = chain(3, u32::MAX, Some(u32::MAX));
        let c = cascade(&ws, "n2", FailMode::Down).unwrap();
        let steps: Vec<(&str, u64, bool)> = c
            .steps
            .iter()
            .map(|s| (s.system.as_str(), s.at_ms, s.at_capped))
            .collect();
        assert_eq!(
            steps,
            vec![
                ("n2", 0, false),
                ("n1", HORIZON_MS, true),
                ("n0", HORIZON_MS, true)
            ]
        );
        assert_eq!(c.steps[1].when_text(), "after 7 days");
        // u32::MAX + 1 tries per call is more than a billion.
        let first = &c.steps[0];
        assert_eq!(
            (first.load_multiplier, first.load_capped),
            (LOAD_MULTIPLIER_CAP, true)
        );
        assert_eq!(first.load_text(), "more than a billion times normal");
    }

    #[test]
    fn ordinary_cascades_are_not_capped() {
        let ws = chain(5, 2, Some(1000));
        let c = cascade(&ws, "n4", FailMode::Slow).unwrap();
        assert!(!c.capped());
        let s = c.step("n4").unwrap();
        assert_eq!((s.load_multiplier, s.load_text()), (81.0, "×81".to_owned()));
        assert_eq!(c.step("n0").unwrap().when_text(), "+12.0 s");
    }

    #[test]
    fn a_zero_call_rate_after_an_overflow_is_zero_not_nan() {
        assert_eq!(times(f64::MAX, 10.0), f64::MAX);
        assert_eq!(times(times(f64::MAX, 10.0), 0.0), 0.0);
    }
}
