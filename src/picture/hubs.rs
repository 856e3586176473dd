//! Which systems are hubs, the ones whose names are kept whole on a crowded map.

use std::collections::HashMap;

use crate::model::Dependency;

/// A hub keeps its whole name: at least this many lines (a dependant counts twice), and at
/// least half as many as the most connected system; or a gateway, among the [`HUB_TOP`]
/// systems with the most dependencies of their own and at least this many; or a shared broker
/// or store, among the [`HUB_TOP`] systems with the most dependants and at least half this
/// many.
const HUB_LINES: usize = 8;
/// How many of the systems depending on the most others are hubs however many more lines the
/// most connected has (a telemetry sink every service writes to does not make the gateway
/// calling twenty services less of one).
const HUB_TOP: usize = 3;

/// How connected each system is, to tell the hubs that keep their whole names.
pub struct Hubs<'a> {
    /// Lines in and out (a dependant counts twice): a gateway calling twenty services is a
    /// hub, few depend on it.
    lines: HashMap<&'a str, usize>,
    /// Dependencies of a system's own.
    calls: HashMap<&'a str, usize>,
    most_lines: usize,
    /// The least of the [`HUB_TOP`] largest numbers of dependencies of a system's own.
    top_calls: usize,
    /// The least of the [`HUB_TOP`] largest numbers of dependants.
    top_dependants: usize,
}

impl<'a> Hubs<'a> {
    pub fn new(dependencies: impl Iterator<Item = &'a Dependency>) -> Self {
        let mut lines: HashMap<&str, usize> = HashMap::new();
        let mut calls: HashMap<&str, usize> = HashMap::new();
        for d in dependencies {
            *lines.entry(&d.from).or_default() += 1;
            *lines.entry(&d.to).or_default() += 2;
            *calls.entry(&d.from).or_default() += 1;
        }
        let most_lines = lines.values().copied().max().unwrap_or(0);
        let mut hubs = Hubs {
            most_lines,
            top_calls: top(calls.values().copied()),
            top_dependants: 0,
            lines,
            calls,
        };
        hubs.top_dependants = top(hubs
            .lines
            .keys()
            .map(|id| hubs.dependants(id))
            .filter(|&n| n > 0));
        hubs
    }

    /// The dependants of system `id`: its lines less its own dependencies, each counted twice.
    fn dependants(&self, id: &str) -> usize {
        (self.lines(id) - self.calls.get(id).copied().unwrap_or(0)) / 2
    }

    /// The lines at system `id` (a dependant counts twice).
    pub fn lines(&self, id: &str) -> usize {
        self.lines.get(id).copied().unwrap_or(0)
    }

    /// Whether system `id` is a hub.
    pub fn is_hub(&self, id: &str) -> bool {
        let (links, calls) = (self.lines(id), self.calls.get(id).copied().unwrap_or(0));
        let dependants = self.dependants(id);
        (links >= HUB_LINES && 2 * links >= self.most_lines)
            || (calls >= HUB_LINES && calls >= self.top_calls)
            || (2 * dependants >= HUB_LINES && dependants >= self.top_dependants)
    }
}

/// The least of the [`HUB_TOP`] largest of `counts` (the least of them all when fewer).
fn top(counts: impl Iterator<Item = usize>) -> usize {
    let mut most: Vec<usize> = counts.collect();
    most.sort_unstable_by(|a, b| b.cmp(a));
    most.get(HUB_TOP - 1).or(most.last()).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DependencyType;

    /// Every service writes to the telemetry sink (60 dependants, 120 lines) and the gateway
    /// calls twelve of them (12 lines): the gateway is a hub all the same, and so are the two
    /// next busiest callers, not a service with two calls. Before, only systems with half the
    /// sink's lines were hubs, and the gateway read "API…" at fit.
    #[test]
    fn a_gateway_is_a_hub_beside_a_sink_everyone_writes_to() {
        let mut deps = Vec::new();
        for i in 0..60 {
            deps.push(Dependency::new(
                format!("s{i}"),
                "sink",
                DependencyType::Async,
            ));
        }
        for i in 0..12 {
            deps.push(Dependency::new(
                "gateway",
                format!("s{i}"),
                DependencyType::Sync,
            ));
        }
        for (caller, n) in [("bff", 10), ("orders", 9), ("cart", 2)] {
            for i in 0..n {
                deps.push(Dependency::new(
                    caller,
                    format!("s{}", 20 + i),
                    DependencyType::Sync,
                ));
            }
        }
        let hubs = Hubs::new(deps.iter());
        assert!(hubs.is_hub("sink"));
        assert!(hubs.is_hub("gateway"));
        assert!(hubs.is_hub("bff"));
        assert!(hubs.is_hub("orders"), "the third busiest caller");
        assert!(!hubs.is_hub("cart"));
        assert!(!hubs.is_hub("s5"), "a service called by the gateway only");
    }

    /// A broker fourteen services publish to, beside a telemetry sink sixty write to, is a hub,
    /// and so is the store next most depended on; a store two services use is not. Before, only
    /// systems with half the sink's lines counted, and the 86-system estate in rows read
    /// "Eve…er" for its event broker at fit in the projector theme.
    #[test]
    fn a_broker_is_a_hub_beside_a_sink_everyone_writes_to() {
        let mut deps = Vec::new();
        for i in 0..60 {
            let s = format!("s{i}");
            deps.push(Dependency::new(s.clone(), "sink", DependencyType::Async));
            if i < 14 {
                deps.push(Dependency::new(s.clone(), "broker", DependencyType::Async));
            }
            if i < 6 {
                deps.push(Dependency::new(
                    s.clone(),
                    "shared-db",
                    DependencyType::Data,
                ));
            }
            if i < 2 {
                deps.push(Dependency::new(s, "small-db", DependencyType::Data));
            }
        }
        let hubs = Hubs::new(deps.iter());
        assert!(hubs.is_hub("sink"));
        assert!(hubs.is_hub("broker"));
        assert!(hubs.is_hub("shared-db"));
        assert!(!hubs.is_hub("small-db"));
        assert!(!hubs.is_hub("s3"));
    }
}
