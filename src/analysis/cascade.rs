//! Cascade simulation: "what if X goes down, gets slow, or is down when everything restarts?"
//!
//! Failure travels against the arrows along blocking sync and data dependencies (a dependency
//! marked non-blocking, or one on an observability system, never carries it; startup-order
//! dependencies only matter in the cold start, see below). How a caller notices depends on how
//! its dependency fails:
//!
//! - *down* (or failing): each try gets an error at once (connection refused); the caller
//!   retries `retries` times with an exponential backoff (1 s, 2 s, 4 s …, at most 30 s a wait),
//!   then gives up: it `fails`, or is `degraded` when it has a fallback or a circuit breaker.
//! - *slow* (or overloaded): each try waits the dependency's `timeout_ms` (30 s when none is
//!   set); after `1 + retries` tries the caller is `slow` itself, or `degraded` with a fallback;
//!   a circuit breaker opens after the first timeout and the caller is `degraded`.
//!
//! A gateway with several routes (blocking sync or data dependencies on different systems) is
//! `degraded` while some routes still work: the routes through the failed system fail. It fails
//! (or gets slow) only when every route has. Async dependencies absorb a failure: a failed
//! consumer leaves a `backlog` on its queue, a producer or consumer of a failed broker is
//! `degraded`.
//!
//! Load travels with the arrows: a retrying caller multiplies what it sends by
//! `(1 + retries) × calls_per_request`, the product flows on through every system still working,
//! and a system whose peak load times that multiplier exceeds its capacity (same unit) is
//! `overloaded` (a queue: `backlog`). Each step reports the load of its system at that moment.
//! Every step says why in words, and which system caused it.
//!
//! The cold start ([`FailMode::Restart`]) follows only startup-order dependencies: who cannot
//! start while X is down. A caller with a timeout gives up after `1 + retries` tries; without
//! one it waits for X for as long as X is down.
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
use crate::model::{AsyncRole, Dependency, DependencyType, System, SystemKind, Workspace};

/// What a caller waits per try on a dependency without a timeout.
pub const DEFAULT_TIMEOUT_MS: u64 = 30_000;

/// The first wait before a retry after an immediate error; each further retry waits twice as
/// long, at most [`MAX_BACKOFF_MS`].
pub const FIRST_BACKOFF_MS: u64 = 1_000;

/// The longest wait between two retries.
pub const MAX_BACKOFF_MS: u64 = 30_000;

/// The largest load multiplier a step reports (a billion); more is reported as this, with
/// `load_capped` set.
pub const LOAD_MULTIPLIER_CAP: f64 = 1e9;

/// The latest time a step reports: 7 days after the first failure. Later effects are reported at
/// this time with `at_capped` set (they happen at or after it).
pub const HORIZON_MS: u64 = 7 * 24 * 60 * 60 * 1000;

/// How the first system fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailMode {
    /// It refuses connections.
    Down,
    /// Its latency exceeds every caller's timeout.
    Slow,
    /// It is down when everything restarts (a cold start): who cannot start.
    Restart,
}

impl FailMode {
    pub fn as_str(self) -> &'static str {
        match self {
            FailMode::Down => "down",
            FailMode::Slow => "slow",
            FailMode::Restart => "restart",
        }
    }

    /// What happens to the failed system, after its name: "goes down".
    pub fn verb(self) -> &'static str {
        match self {
            FailMode::Down => "goes down",
            FailMode::Slow => "gets slow",
            FailMode::Restart => "is down when everything restarts",
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
    /// Traffic reaching the system at `at_ms` relative to normal (1 = unchanged), finite and at
    /// most [`LOAD_MULTIPLIER_CAP`]; later retries may raise it (a later step says so).
    pub load_multiplier: f64,
    /// The effect starts after the horizon; `at_ms` is [`HORIZON_MS`].
    pub at_capped: bool,
    /// The load is more than the cap; `load_multiplier` is [`LOAD_MULTIPLIER_CAP`].
    pub load_capped: bool,
    /// Why, in words: "Checkout waits 30 s (no timeout set) × 3 tries on Catalog, then is slow
    /// itself; Catalog load ×3".
    pub reason: String,
    /// The system whose effect caused this one (`None` for the failed system itself).
    pub cause: Option<String>,
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

/// The ordered timeline of one simulated failure: by time, and at one moment in the order the
/// failure travels (a cause before its effects).
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

/// A scheduled effect: `(at, effect, system, event)`; the event indexes its cause and reason.
type Event = Reverse<(u64, Effect, usize, usize)>;

struct Sim<'a> {
    g: Graph<'a>,
    /// The systems by index.
    systems: Vec<&'a System>,
    /// Blocking dependencies by index: (other end, dependency) for every dependency between
    /// known systems whose failure can travel.
    deps_in: Vec<Vec<(usize, &'a Dependency)>>,
    deps_out: Vec<Vec<(usize, &'a Dependency)>>,
    heap: BinaryHeap<Event>,
    /// Cause and reason of each scheduled event.
    events: Vec<(Option<usize>, String)>,
    /// For a gateway's route event, how many of its routes were down when it was scheduled
    /// (0 for every other event).
    routes_event: Vec<usize>,
    /// How many failed routes of each gateway its last step reported.
    routes_shown: Vec<usize>,
    /// Final spreading effect (`Fails`/`Slow`/`Overloaded`) per system, once popped.
    active: Vec<Option<Effect>>,
    passive_done: Vec<bool>,
    mult: Vec<f64>,
    /// The rises of a system's load that still count: (when, new multiplier), rising in both.
    load_log: Vec<Vec<(u64, f64)>>,
    /// Routes of a gateway with more than one: the distinct targets of its blocking calls.
    routes: Vec<Vec<usize>>,
    /// Routes of each gateway that failed so far.
    routes_down: Vec<Vec<usize>>,
    stamp: Vec<u32>,
    wave: u32,
    steps: Vec<(u64, Effect, usize, usize)>,
}

/// Simulates `failed` going down, getting slow, or being down at a cold start.
pub fn cascade(ws: &Workspace, failed: &str, mode: FailMode) -> Result<Cascade, AnalysisError> {
    let g = Graph::new(ws);
    let Some(&root) = g.index.get(failed) else {
        return Err(AnalysisError::UnknownSystem(failed.to_owned()));
    };
    let n = g.len();
    // By index, in the graph's (id) order.
    let systems: Vec<&System> = ws.systems.values().collect();
    let mut deps_in = vec![Vec::new(); n];
    let mut deps_out = vec![Vec::new(); n];
    for d in ws.dependencies.values() {
        let carries = if mode == FailMode::Restart {
            d.kind == DependencyType::StartupOrder
        } else {
            d.kind != DependencyType::StartupOrder
        };
        if let (Some(&a), Some(&b)) = (g.index.get(d.from.as_str()), g.index.get(d.to.as_str()))
            && a != b
            && carries
            && d.blocks(systems[b].kind)
        {
            deps_in[b].push((a, d));
            deps_out[a].push((b, d));
        }
    }
    let routes: Vec<Vec<usize>> = (0..n)
        .map(|i| {
            if mode == FailMode::Restart || systems[i].kind != SystemKind::Gateway {
                return Vec::new();
            }
            let mut r: Vec<usize> = deps_out[i]
                .iter()
                .filter(|(_, d)| graph_blocking(d.kind))
                .map(|(b, _)| *b)
                .collect();
            r.sort_unstable();
            r.dedup();
            if r.len() > 1 { r } else { Vec::new() }
        })
        .collect();
    let mut sim = Sim {
        g,
        systems,
        deps_in,
        deps_out,
        heap: BinaryHeap::new(),
        events: Vec::new(),
        routes_event: Vec::new(),
        routes_shown: vec![0; n],
        active: vec![None; n],
        passive_done: vec![false; n],
        mult: vec![1.0; n],
        load_log: vec![Vec::new(); n],
        routes,
        routes_down: vec![Vec::new(); n],
        stamp: vec![0; n],
        wave: 0,
        steps: Vec::new(),
    };
    let name = ws.system_name(failed);
    let (first, reason) = match mode {
        FailMode::Down => (
            Effect::Fails,
            format!("{name} goes down: every call to it is refused at once"),
        ),
        FailMode::Slow => (
            Effect::Slow,
            format!("{name} gets slow: it answers later than any caller waits"),
        ),
        FailMode::Restart => (
            Effect::Fails,
            format!("{name} is down when everything restarts"),
        ),
    };
    sim.schedule(0, first, root, None, reason);
    sim.run();
    // Steps are recorded as they happen: by time, and at one time a cause before its effects.
    let Sim {
        g,
        load_log,
        steps,
        events,
        ..
    } = sim;
    // Each log rises in time and in load: the last entry at or before `at` is the load then.
    let load_at = |s: usize, at: u64| {
        let log = &load_log[s];
        let i = log.partition_point(|(t, _)| *t <= at);
        i.checked_sub(1).map_or(1.0, |i| log[i].1)
    };
    Ok(Cascade {
        failed: failed.to_owned(),
        mode,
        steps: steps
            .into_iter()
            .map(|(at_ms, effect, s, e)| {
                let load = load_at(s, at_ms);
                let (cause, reason) = events.get(e).cloned().unwrap_or_default();
                CascadeStep {
                    system: g.ids[s].to_owned(),
                    at_ms: at_ms.min(HORIZON_MS),
                    effect,
                    load_multiplier: load.min(LOAD_MULTIPLIER_CAP),
                    at_capped: at_ms > HORIZON_MS,
                    load_capped: load > LOAD_MULTIPLIER_CAP,
                    reason,
                    cause: cause.map(|c| g.ids[c].to_owned()),
                }
            })
            .collect(),
    })
}

/// Calls and queries: the caller waits for the answer.
fn graph_blocking(kind: DependencyType) -> bool {
    super::graph::is_blocking(kind)
}

/// `a × b` for finite, non-negative factors, saturating at `f64::MAX`: never infinite, so never
/// NaN when a later factor is 0.
fn times(a: f64, b: f64) -> f64 {
    (a * b).min(f64::MAX)
}

impl<'a> Sim<'a> {
    fn name(&self, i: usize) -> &'a str {
        self.systems.get(i).map_or("", |s| s.name.as_str())
    }

    fn kind(&self, i: usize) -> Option<SystemKind> {
        self.systems.get(i).map(|s| s.kind)
    }

    fn schedule(&mut self, at: u64, effect: Effect, s: usize, cause: Option<usize>, why: String) {
        self.events.push((cause, why));
        self.routes_event.push(0);
        self.heap
            .push(Reverse((at, effect, s, self.events.len() - 1)));
    }

    fn run(&mut self) {
        while let Some(Reverse((t, effect, s, e))) = self.heap.pop() {
            if self.active[s].is_some() {
                continue;
            }
            if effect.spreads() {
                self.active[s] = Some(effect);
                self.steps.push((t, effect, s, e));
                self.spread(s, t, effect);
            } else if let Some(&down) = self.routes_event.get(e)
                && down > 0
            {
                // A gateway reports each further route that fails, never an older count.
                if down > self.routes_shown[s] {
                    self.routes_shown[s] = down;
                    self.passive_done[s] = true;
                    self.steps.push((t, effect, s, e));
                }
            } else if !self.passive_done[s] {
                self.passive_done[s] = true;
                self.steps.push((t, effect, s, e));
            }
        }
    }

    fn spread(&mut self, s: usize, t: u64, effect: Effect) {
        let is_queue = self.kind(s) == Some(SystemKind::Queue);
        for i in 0..self.deps_in[s].len() {
            let (c, d) = self.deps_in[s][i];
            match d.kind {
                DependencyType::Sync | DependencyType::Data => self.call_fails(s, t, effect, c, d),
                DependencyType::StartupOrder => self.cannot_start(s, t, c, d),
                DependencyType::Async if is_queue || d.async_role().is_some() => {
                    // A producer buffers, a consumer starves: both run degraded.
                    let why = match d.async_role() {
                        Some(AsyncRole::Consumes) => "gets no messages from",
                        _ => "buffers what it sends to",
                    };
                    let reason = format!("{} {why} {}", self.name(c), self.name(s));
                    self.schedule(t, Effect::Degraded, c, Some(s), reason);
                }
                _ => {}
            }
        }
        for i in 0..self.deps_out[s].len() {
            let (q, d) = self.deps_out[s][i];
            if d.kind == DependencyType::Async && d.async_role() == Some(AsyncRole::Consumes) {
                let reason = format!(
                    "{} piles up messages: its consumer {} {}",
                    self.name(q),
                    self.name(s),
                    effect.as_str()
                );
                self.schedule(t, Effect::Backlog, q, Some(s), reason);
            }
        }
    }
}

mod rules;
#[cfg(test)]
mod tests;
