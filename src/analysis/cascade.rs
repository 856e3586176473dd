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

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::graph::Graph;
use super::scale::amplification;
use crate::model::{AsyncRole, DependencyType, SystemKind, Workspace};

/// What a caller waits per try on a dependency without a timeout.
pub const DEFAULT_TIMEOUT_MS: u64 = 30_000;

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
    pub at_ms: u64,
    pub effect: Effect,
    /// Traffic reaching the system relative to normal (1 = unchanged).
    pub load_multiplier: f64,
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
                at_ms,
                effect,
                load_multiplier: mult[s],
            })
            .collect(),
    })
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
                        let m = self.mult[c] * amplification(d.retries, d.calls_per_request);
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
                        stack.push((next, m * amplification(d.retries, d.calls_per_request)));
                    }
                    DependencyType::Async if d.async_role() == Some(AsyncRole::Produces) => {
                        stack.push((next, m * f64::from(d.calls_per_request)));
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
