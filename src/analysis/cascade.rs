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
use crate::model::{AsyncRole, Dependency, DependencyType, SystemKind, Workspace};

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
    ws: &'a Workspace,
    g: Graph<'a>,
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
    /// Every rise of a system's load: (when, new multiplier).
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
            && d.blocks_in(ws)
        {
            deps_in[b].push((a, d));
            deps_out[a].push((b, d));
        }
    }
    let kind = |i: usize| ws.systems.get(g.ids[i]).map(|s| s.kind);
    let routes: Vec<Vec<usize>> = (0..n)
        .map(|i| {
            if mode == FailMode::Restart || kind(i) != Some(SystemKind::Gateway) {
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
        ws,
        g,
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
    let load_at = |s: usize, at: u64| {
        load_log[s]
            .iter()
            .filter(|(t, _)| *t <= at)
            .map(|(_, m)| *m)
            .fold(1.0, f64::max)
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

/// The waits between `retries` retries after immediate errors: 1 s, 2 s, 4 s … at most 30 s each.
fn backoff_total(retries: u32) -> u64 {
    let doubling = (0..retries.min(5)).map(|i| (FIRST_BACKOFF_MS << i).min(MAX_BACKOFF_MS));
    let rest = u64::from(retries.saturating_sub(5)).saturating_mul(MAX_BACKOFF_MS);
    doubling.sum::<u64>().saturating_add(rest)
}

/// A duration in words: "30 s", "1.5 s", "2 min 30 s".
fn duration(ms: u64) -> String {
    if ms < 60_000 && ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else if ms < 60_000 {
        format!("{:.1} s", ms as f64 / 1000.0)
    } else {
        super::text::elapsed(ms, false)
            .trim_start_matches('+')
            .to_owned()
    }
}

fn tries_text(tries: u64) -> String {
    if tries == 1 {
        "once".to_owned()
    } else {
        format!("× {tries} tries")
    }
}

impl<'a> Sim<'a> {
    fn name(&self, i: usize) -> &'a str {
        self.ws.system_name(self.g.ids[i])
    }

    fn kind(&self, i: usize) -> Option<SystemKind> {
        self.ws.systems.get(self.g.ids[i]).map(|s| s.kind)
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

    /// Caller `c` calls `s`, which `effect`s at `t`.
    fn call_fails(&mut self, s: usize, t: u64, effect: Effect, c: usize, d: &Dependency) {
        let (caller, callee) = (self.name(c), self.name(s));
        let tries = 1 + u64::from(d.retries);
        // When the caller notices the first failed try, when it gives up, and how.
        let (first, end, mut reason, own) = if effect == Effect::Fails {
            let backoff = backoff_total(d.retries);
            let how = if d.retries == 0 {
                format!("{caller} gets an error from {callee} at once (no retries)")
            } else {
                format!(
                    "{caller} gets an error from {callee} at once, retries {} with backoff ({} in all)",
                    crate::text::plural(d.retries as usize, "time", "times"),
                    duration(backoff)
                )
            };
            (
                t.saturating_add(FIRST_BACKOFF_MS.min(backoff)),
                t.saturating_add(backoff),
                how,
                Effect::Fails,
            )
        } else {
            let wait = d.timeout_ms.map_or(DEFAULT_TIMEOUT_MS, u64::from);
            let unset = if d.timeout_ms.is_none() {
                " (no timeout set)"
            } else {
                ""
            };
            let why = if effect == Effect::Overloaded {
                "overloaded "
            } else {
                ""
            };
            if d.circuit_breaker {
                let reason = format!(
                    "{caller} waits {}{unset} on {why}{callee}, then its circuit breaker opens",
                    duration(wait)
                );
                self.schedule(t.saturating_add(wait), Effect::Degraded, c, Some(s), reason);
                return;
            }
            let how = format!(
                "{caller} waits {}{unset} {} on {why}{callee}",
                duration(wait),
                tries_text(tries)
            );
            (
                t.saturating_add(wait),
                t.saturating_add(wait.saturating_mul(tries)),
                how,
                Effect::Slow,
            )
        };
        if d.retries > 0 {
            let m = times(self.mult[c], amplification(d.retries, d.calls_per_request));
            self.push_load(s, m, first, c);
            w!(
                reason,
                " → {callee} load {}",
                super::text::load_times(
                    self.mult[s].min(LOAD_MULTIPLIER_CAP),
                    self.mult[s] > LOAD_MULTIPLIER_CAP
                )
            );
        }
        if effect == Effect::Fails && d.circuit_breaker {
            w!(reason, ", then its circuit breaker opens");
            self.schedule(end, Effect::Degraded, c, Some(s), reason);
            return;
        }
        if d.fallback {
            w!(reason, ", then uses its fallback");
            self.schedule(end, Effect::Degraded, c, Some(s), reason);
            return;
        }
        if !self.routes[c].is_empty() && self.routes[c].contains(&s) {
            if !self.routes_down[c].contains(&s) {
                self.routes_down[c].push(s);
            }
            let (down, all) = (self.routes_down[c].len(), self.routes[c].len());
            if down < all {
                let names: Vec<&str> = self.routes_down[c].iter().map(|&r| self.name(r)).collect();
                w!(
                    reason,
                    ": the routes through {} fail, {} of {all} routes still {}",
                    crate::text::and_list(&names),
                    all - down,
                    if all - down == 1 { "works" } else { "work" }
                );
                self.schedule(end, Effect::Degraded, c, Some(s), reason);
                if let Some(last) = self.routes_event.last_mut() {
                    *last = down;
                }
                return;
            }
            w!(reason, ": every one of its {all} routes has failed");
        }
        let verb = if own == Effect::Fails {
            ", then fails"
        } else {
            ", then is slow itself"
        };
        reason.push_str(verb);
        self.schedule(end, own, c, Some(s), reason);
    }

    /// Cold start: `c` waits for `s` (down) before it starts.
    fn cannot_start(&mut self, s: usize, t: u64, c: usize, d: &Dependency) {
        let (starter, needed) = (self.name(c), self.name(s));
        if d.fallback {
            let reason = format!("{starter} starts without {needed} (fallback)");
            self.schedule(t, Effect::Degraded, c, Some(s), reason);
            return;
        }
        let (at, reason) = match d.timeout_ms {
            Some(wait) => {
                let tries = 1 + u64::from(d.retries);
                let total = u64::from(wait).saturating_mul(tries);
                (
                    t.saturating_add(total),
                    format!(
                        "{starter} cannot start: it waits {} {} for {needed}, then gives up",
                        duration(u64::from(wait)),
                        tries_text(tries)
                    ),
                )
            }
            None => (
                t,
                format!(
                    "{starter} cannot start: it waits for {needed} (no timeout set) as long as {needed} is down"
                ),
            ),
        };
        self.schedule(at, Effect::Fails, c, Some(s), reason);
    }

    /// Amplified traffic `m` reaches `start` at `t` and flows on through working systems.
    /// `by` is the caller whose retries sent it.
    fn push_load(&mut self, start: usize, m: f64, t: u64, by: usize) {
        self.wave = self.wave.wrapping_add(1);
        let wave = self.wave;
        let mut stack = vec![(start, m, by)];
        while let Some((s, m, from)) = stack.pop() {
            if self.stamp[s] == wave
                || m.partial_cmp(&self.mult[s]) != Some(std::cmp::Ordering::Greater)
            {
                continue;
            }
            self.stamp[s] = wave;
            self.mult[s] = m;
            self.load_log[s].push((t, m));
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
                let shown =
                    super::text::load_times(m.min(LOAD_MULTIPLIER_CAP), m > LOAD_MULTIPLIER_CAP);
                let who = self.name(by);
                let path = if from == by {
                    format!("{who}'s retries")
                } else {
                    format!("{who}'s retries through {}", self.name(from))
                };
                let reason = format!(
                    "{} gets {shown} its peak load from {path}: {} is more than its capacity of {} {}",
                    sys.name,
                    super::text::num(peak.value * m),
                    super::text::num(cap.value),
                    cap.unit.label()
                );
                self.schedule(t, effect, s, Some(from), reason);
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
                            s,
                        ));
                    }
                    DependencyType::Async if d.async_role() == Some(AsyncRole::Produces) => {
                        stack.push((next, times(m, f64::from(d.calls_per_request)), s));
                    }
                    _ => {}
                }
            }
            // A queue hands every message to its consumers.
            if sys.kind == SystemKind::Queue {
                for &(c, d) in &self.deps_in[s] {
                    if d.async_role() == Some(AsyncRole::Consumes) {
                        stack.push((c, m, s));
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
        let mut ws = chain(450, 5, None);
        // Sized so that the load crossing its capacity is far above the reporting cap.
        ws.systems.get_mut("db").unwrap().capacity = Some(Load {
            value: 1e300,
            unit: LoadUnit::RequestsPerSec,
        });
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
        // Each step reports the load at its moment: a caller is slow before anyone retries on it.
        let near = c.step("n1").unwrap();
        assert_eq!((near.load_multiplier, near.load_capped), (1.0, false));
        assert!(
            c.step("n0")
                .unwrap()
                .reason
                .ends_with("→ N1 load ×6, then is slow itself")
        );
        // The decision uses the real load, not the reported cap: 6^449 > 10^300.
        let db = c.step("db").unwrap();
        assert_eq!(db.effect, Effect::Overloaded);
        assert!(db.load_capped && db.capped() && c.capped());
        assert_eq!(db.load_multiplier, LOAD_MULTIPLIER_CAP);
        assert!(
            db.reason
                .starts_with("DB gets more than a billion times normal its peak load from N"),
            "{}",
            db.reason
        );
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
        assert!(
            c.steps[1]
                .reason
                .contains("→ N2 load more than a billion times normal, then fails"),
            "{}",
            c.steps[1].reason
        );
    }

    #[test]
    fn ordinary_cascades_are_not_capped() {
        let ws = chain(5, 2, Some(1000));
        let c = cascade(&ws, "n4", FailMode::Slow).unwrap();
        assert!(!c.capped());
        let s = c.step("n3").unwrap();
        assert_eq!(
            s.reason,
            "N3 waits 1 s × 3 tries on N4 → N4 load ×3, then is slow itself"
        );
        assert_eq!(s.load_text(), "×1");
        assert_eq!(c.step("n0").unwrap().when_text(), "+12.0 s");
    }

    /// Systems `(id, kind)`, named by their id with a capital; no dependencies yet.
    fn map(systems: &[(&str, SystemKind)]) -> Workspace {
        let mut ws = Workspace::new("rules");
        for (id, kind) in systems {
            let mut name = id.to_string();
            name[..1].make_ascii_uppercase();
            ws.systems
                .insert((*id).to_owned(), System::new(*id, name).with_kind(*kind));
        }
        ws
    }

    fn dep<'a>(
        ws: &'a mut Workspace,
        from: &str,
        to: &str,
        kind: DependencyType,
    ) -> &'a mut Dependency {
        let d = Dependency::new(from, to, kind);
        let id = d.id();
        ws.dependencies.insert(id.clone(), d);
        ws.dependencies.get_mut(&id).unwrap()
    }

    fn timeline(c: &Cascade) -> Vec<(&str, u64, Effect)> {
        c.steps
            .iter()
            .map(|s| (s.system.as_str(), s.at_ms, s.effect))
            .collect()
    }

    /// shop → checkout → catalog (sync): checkout retries twice with a 2 s timeout, the shop
    /// calls once without a timeout.
    fn shop() -> Workspace {
        let mut ws = map(&[
            ("shop", SystemKind::Ui),
            ("checkout", SystemKind::Service),
            ("catalog", SystemKind::Service),
        ]);
        let d = dep(&mut ws, "checkout", "catalog", DependencyType::Sync);
        d.timeout_ms = Some(2000);
        d.retries = 2;
        dep(&mut ws, "shop", "checkout", DependencyType::Sync);
        ws
    }

    #[test]
    fn down_fails_fast_and_retries_with_backoff() {
        let c = cascade(&shop(), "catalog", FailMode::Down).unwrap();
        // Errors come at once: checkout gives up after its backoff of 1 s + 2 s, the shop
        // (no retries) at the same moment.
        assert_eq!(
            timeline(&c),
            vec![
                ("catalog", 0, Effect::Fails),
                ("checkout", 3000, Effect::Fails),
                ("shop", 3000, Effect::Fails)
            ]
        );
        let checkout = c.step("checkout").unwrap();
        assert_eq!(
            checkout.reason,
            "Checkout gets an error from Catalog at once, retries 2 times with backoff (3 s in all) \
             → Catalog load ×3, then fails"
        );
        assert_eq!(checkout.cause.as_deref(), Some("catalog"));
        assert_eq!(
            c.step("shop").unwrap().reason,
            "Shop gets an error from Checkout at once (no retries), then fails"
        );
        assert_eq!(c.steps[0].cause, None);
    }

    #[test]
    fn slow_waits_the_timeout_per_try() {
        let down = cascade(&shop(), "catalog", FailMode::Down).unwrap();
        let c = cascade(&shop(), "catalog", FailMode::Slow).unwrap();
        assert_ne!(timeline(&c), timeline(&down));
        // 3 tries of 2 s, then the shop waits the default 30 s once.
        assert_eq!(
            timeline(&c),
            vec![
                ("catalog", 0, Effect::Slow),
                ("checkout", 6000, Effect::Slow),
                ("shop", 36_000, Effect::Slow)
            ]
        );
        assert_eq!(
            c.step("shop").unwrap().reason,
            "Shop waits 30 s (no timeout set) once on Checkout, then is slow itself"
        );
        // The load each step reports is the load at its moment: catalog is ×1 when it gets
        // slow; checkout's retries make it ×3 a try later.
        assert_eq!(c.steps[0].load_multiplier, 1.0);
        assert!(
            c.step("checkout")
                .unwrap()
                .reason
                .contains("→ Catalog load ×3")
        );
    }

    #[test]
    fn a_fallback_or_a_breaker_degrades_the_caller() {
        let mut ws = shop();
        let call = "checkout->catalog:sync";
        ws.dependencies.get_mut(call).unwrap().fallback = true;
        for mode in [FailMode::Down, FailMode::Slow] {
            let c = cascade(&ws, "catalog", mode).unwrap();
            let steps = timeline(&c);
            assert_eq!(steps.len(), 2, "{steps:?}");
            let checkout = c.step("checkout").unwrap();
            assert_eq!(checkout.effect, Effect::Degraded);
            assert!(
                checkout.reason.ends_with(", then uses its fallback"),
                "{}",
                checkout.reason
            );
        }
        let mut ws = shop();
        ws.dependencies.get_mut(call).unwrap().circuit_breaker = true;
        let c = cascade(&ws, "catalog", FailMode::Slow).unwrap();
        // The breaker opens after the first timeout.
        assert_eq!(
            timeline(&c),
            vec![
                ("catalog", 0, Effect::Slow),
                ("checkout", 2000, Effect::Degraded)
            ]
        );
    }

    /// A gateway with routes to a, b and c, which all read one database; a UI calls the gateway.
    fn gateway() -> Workspace {
        let mut ws = map(&[
            ("ui", SystemKind::Ui),
            ("edge", SystemKind::Gateway),
            ("a", SystemKind::Service),
            ("b", SystemKind::Service),
            ("c", SystemKind::Service),
            ("db", SystemKind::Database),
        ]);
        dep(&mut ws, "ui", "edge", DependencyType::Sync);
        for (r, retries) in [("a", 0), ("b", 2), ("c", 1)] {
            dep(&mut ws, "edge", r, DependencyType::Sync);
            dep(&mut ws, r, "db", DependencyType::Data).retries = retries;
        }
        ws
    }

    #[test]
    fn a_gateway_with_three_routes_degrades_until_every_route_fails() {
        let ws = gateway();
        let c = cascade(&ws, "b", FailMode::Down).unwrap();
        assert_eq!(
            timeline(&c),
            vec![("b", 0, Effect::Fails), ("edge", 0, Effect::Degraded)]
        );
        assert_eq!(
            c.step("edge").unwrap().reason,
            "Edge gets an error from B at once (no retries): the routes through B fail, \
             2 of 3 routes still work"
        );
        // The database takes every route down, one after the other (a gives up at once, c
        // after 1 s, b after 3 s): the gateway fails with the last, and its caller with it.
        let c = cascade(&ws, "db", FailMode::Down).unwrap();
        let edge: Vec<(u64, Effect)> = c
            .steps
            .iter()
            .filter(|s| s.system == "edge")
            .map(|s| (s.at_ms, s.effect))
            .collect();
        assert_eq!(
            edge,
            vec![
                (0, Effect::Degraded),
                (1000, Effect::Degraded),
                (3000, Effect::Fails)
            ]
        );
        let second = c
            .steps
            .iter()
            .filter(|s| s.system == "edge")
            .nth(1)
            .unwrap();
        assert!(
            second
                .reason
                .ends_with("the routes through A and C fail, 1 of 3 routes still works"),
            "{}",
            second.reason
        );
        let last = c.steps.iter().rfind(|s| s.system == "edge").unwrap();
        assert!(
            last.reason.contains("every one of its 3 routes has failed"),
            "{}",
            last.reason
        );
        assert_eq!(c.step("ui").unwrap().effect, Effect::Fails);
    }

    #[test]
    fn non_blocking_dependencies_never_carry_a_failure() {
        let mut ws = map(&[
            ("api", SystemKind::Service),
            ("otel", SystemKind::Observability),
            ("audit", SystemKind::Service),
        ]);
        dep(&mut ws, "api", "otel", DependencyType::Sync).retries = 3;
        dep(&mut ws, "api", "audit", DependencyType::Sync).blocking = Some(false);
        for (failed, mode) in [
            ("otel", FailMode::Down),
            ("otel", FailMode::Slow),
            ("audit", FailMode::Down),
        ] {
            let c = cascade(&ws, failed, mode).unwrap();
            assert_eq!(c.steps.len(), 1, "{failed} {mode:?}: {:?}", c.steps);
        }
        // Marked blocking, a dependency on a collector carries the failure again.
        dep(&mut ws, "api", "otel", DependencyType::Sync).blocking = Some(true);
        let c = cascade(&ws, "otel", FailMode::Down).unwrap();
        assert_eq!(c.step("api").unwrap().effect, Effect::Fails);
    }

    /// app needs config at startup and calls the database at runtime; worker starts after app.
    fn startup() -> Workspace {
        let mut ws = map(&[
            ("app", SystemKind::Service),
            ("worker", SystemKind::Service),
            ("config", SystemKind::Config),
            ("db", SystemKind::Database),
            ("flags", SystemKind::Config),
        ]);
        dep(&mut ws, "app", "config", DependencyType::StartupOrder);
        dep(&mut ws, "app", "db", DependencyType::Data);
        let d = dep(&mut ws, "worker", "app", DependencyType::StartupOrder);
        d.timeout_ms = Some(10_000);
        d.retries = 2;
        dep(&mut ws, "app", "flags", DependencyType::StartupOrder).fallback = true;
        ws
    }

    #[test]
    fn restart_mode_finds_who_cannot_start() {
        let ws = startup();
        let c = cascade(&ws, "config", FailMode::Restart).unwrap();
        assert_eq!(
            timeline(&c),
            vec![
                ("config", 0, Effect::Fails),
                ("app", 0, Effect::Fails),
                ("worker", 30_000, Effect::Fails)
            ]
        );
        assert_eq!(
            c.step("app").unwrap().reason,
            "App cannot start: it waits for Config (no timeout set) as long as Config is down"
        );
        assert_eq!(
            c.step("worker").unwrap().reason,
            "Worker cannot start: it waits 10 s × 3 tries for App, then gives up"
        );
        // A startup dependency with a fallback starts degraded; runtime calls play no part.
        let c = cascade(&ws, "flags", FailMode::Restart).unwrap();
        assert_eq!(
            timeline(&c),
            vec![("flags", 0, Effect::Fails), ("app", 0, Effect::Degraded)]
        );
        assert_eq!(
            cascade(&ws, "db", FailMode::Restart).unwrap().steps.len(),
            1
        );
        // At runtime, startup order stays out of the cascade.
        for mode in [FailMode::Down, FailMode::Slow] {
            assert_eq!(cascade(&ws, "config", mode).unwrap().steps.len(), 1);
        }
        assert_eq!(
            cascade(&ws, "db", FailMode::Down)
                .unwrap()
                .step("app")
                .unwrap()
                .effect,
            Effect::Fails
        );
    }

    #[test]
    fn a_zero_call_rate_after_an_overflow_is_zero_not_nan() {
        assert_eq!(times(f64::MAX, 10.0), f64::MAX);
        assert_eq!(times(times(f64::MAX, 10.0), 0.0), 0.0);
    }
}
