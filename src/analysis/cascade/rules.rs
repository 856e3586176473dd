//! How a failure reaches a caller (down, slow, fallback, breaker, gateway routes), a cold start,
//! and how retried load travels; each effect with its reason in words.

use super::{
    AsyncRole, DEFAULT_TIMEOUT_MS, Dependency, DependencyType, Effect, FIRST_BACKOFF_MS,
    LOAD_MULTIPLIER_CAP, MAX_BACKOFF_MS, Sim, SystemKind, amplification, times,
};

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
        crate::analysis::text::elapsed(ms, false)
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

impl Sim<'_> {
    /// Caller `c` calls `s`, which `effect`s at `t`.
    pub(super) fn call_fails(
        &mut self,
        s: usize,
        t: u64,
        effect: Effect,
        c: usize,
        d: &Dependency,
    ) {
        let tries = 1 + u64::from(d.retries);
        let down = effect == Effect::Fails;
        let backoff = backoff_total(d.retries);
        let wait = d.timeout_ms.map_or(DEFAULT_TIMEOUT_MS, u64::from);
        // When the caller's first retry goes out, and when it gives up.
        let (first, end) = if down {
            (
                t.saturating_add(FIRST_BACKOFF_MS.min(backoff)),
                t.saturating_add(backoff),
            )
        } else {
            (
                t.saturating_add(wait),
                t.saturating_add(wait.saturating_mul(tries)),
            )
        };
        // A breaker on a slow call opens after the first timeout: no retries go out.
        // What the caller's retries send on their own, relative to normal.
        let mut sent = None;
        if d.retries > 0 && (down || !d.circuit_breaker) {
            let m = times(self.mult[c], amplification(d.retries, d.calls_per_request));
            self.push_load(s, m, first, c);
            sent = Some(m);
        }
        // A caller already failing or slow takes no further effect: nothing more to say.
        if self.active[c].is_some() {
            return;
        }
        let (caller, callee) = (self.name(c), self.name(s));
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
        if !down && d.circuit_breaker {
            let reason = format!(
                "{caller} waits {}{unset} on {why}{callee}, then its circuit breaker opens",
                duration(wait)
            );
            self.schedule(t.saturating_add(wait), Effect::Degraded, c, Some(s), reason);
            return;
        }
        let (mut reason, own) = if down {
            let how = if d.retries == 0 {
                format!("{caller} gets an error from {callee} at once (no retries)")
            } else {
                format!(
                    "{caller} gets an error from {callee} at once, retries {} with backoff ({} in all)",
                    crate::text::plural(d.retries as usize, "time", "times"),
                    duration(backoff)
                )
            };
            (how, Effect::Fails)
        } else {
            let how = format!(
                "{caller} waits {}{unset} {} on {why}{callee}",
                duration(wait),
                tries_text(tries)
            );
            (how, Effect::Slow)
        };
        if let Some(m) = sent {
            let load = |m: f64| {
                crate::analysis::text::load_times(
                    m.min(LOAD_MULTIPLIER_CAP),
                    m > LOAD_MULTIPLIER_CAP,
                )
            };
            if self.mult[s] > m {
                // Another caller's retries sent more: say both, not the other's as this one's.
                w!(
                    reason,
                    " → {} the calls to {callee} (its load is {} by then)",
                    load(m),
                    load(self.mult[s])
                );
            } else {
                w!(reason, " → {callee} load {}", load(m));
            }
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
    pub(super) fn cannot_start(&mut self, s: usize, t: u64, c: usize, d: &Dependency) {
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
            // Every logged load is lower than `m`: one logged at `t` or later no longer counts.
            let log = &mut self.load_log[s];
            while log.last().is_some_and(|&(at, _)| at >= t) {
                log.pop();
            }
            log.push((t, m));
            let Some(sys) = self.systems.get(s).copied() else {
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
                let shown = crate::analysis::text::load_times(
                    m.min(LOAD_MULTIPLIER_CAP),
                    m > LOAD_MULTIPLIER_CAP,
                );
                let who = self.name(by);
                let path = if from == by {
                    format!("{who}'s retries")
                } else {
                    format!("{who}'s retries through {}", self.name(from))
                };
                let reason = format!(
                    "{} gets {shown} its peak load from {path}: {} is more than its capacity of {} {}",
                    sys.name,
                    crate::analysis::text::num(peak.value * m),
                    crate::analysis::text::num(cap.value),
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
