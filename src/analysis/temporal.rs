//! Temporal coupling: a lock, outage or degraded window of a system (or of a batch/timing
//! dependency on it) during the peak of a system that waits on it, directly or transitively.

use std::collections::{BTreeMap, VecDeque};

use super::graph::Graph;
use super::{Finding, FindingKind, Severity};
use crate::model::{Days, DependencyType, MINUTES_PER_DAY, TimeWindow, WindowEffect, Workspace};

const DAY: u32 = MINUTES_PER_DAY as u32;
const WEEK: u32 = 7 * DAY;

/// The minutes of a week a window covers, as `[start, end)` spans. Month-end may fall on any
/// business day, so it counts as Monday to Friday; windows past midnight spill into the next day.
pub(crate) fn week_spans(w: &TimeWindow) -> Vec<(u32, u32)> {
    let mask: u8 = match w.days {
        Days::Daily => 0x7f,
        Days::MonthEnd => 0x1f,
        Days::Weekdays(m) => m & 0x7f,
    };
    let start = u32::from(w.start_min).min(DAY - 1);
    let end = u32::from(w.end_min).min(DAY);
    let len = if end >= start {
        end - start
    } else {
        DAY - start + end
    };
    let mut spans = Vec::new();
    if len == 0 {
        return spans;
    }
    for d in 0..7u32 {
        if mask & (1 << d) == 0 {
            continue;
        }
        let s = d * DAY + start;
        let e = s + len;
        if e <= WEEK {
            spans.push((s, e));
        } else {
            spans.push((s, WEEK));
            spans.push((0, e - WEEK));
        }
    }
    spans
}

/// `true` when the two windows share at least one minute of some week.
pub fn windows_overlap(a: &TimeWindow, b: &TimeWindow) -> bool {
    let (sa, sb) = (week_spans(a), week_spans(b));
    sa.iter().any(|x| sb.iter().any(|y| x.0 < y.1 && y.0 < x.1))
}

fn describe(w: &TimeWindow) -> String {
    let days = match w.days {
        Days::Daily => "daily".to_owned(),
        Days::MonthEnd => "at month-end".to_owned(),
        Days::Weekdays(0x1f) => "on weekdays".to_owned(),
        d => format!("on {d}"),
    };
    format!("\"{}\", {days} {}", w.label, w.span_text())
}

fn effect_words(e: WindowEffect) -> &'static str {
    match e {
        WindowEffect::Locks => "locks records",
        WindowEffect::Offline => "is offline",
        WindowEffect::Degraded => "is degraded",
        WindowEffect::Peak => "is at its peak",
    }
}

/// A blocking window on a system, from the system itself or from a batch/timing dependency.
struct Block<'a> {
    system: usize,
    window: &'a TimeWindow,
    via_dep: Option<&'a str>,
}

pub(crate) fn temporal(ws: &Workspace, g: &Graph, out: &mut Vec<Finding>) {
    let peaks: Vec<Vec<&TimeWindow>> = g
        .ids
        .iter()
        .map(|id| {
            ws.systems
                .get(*id)
                .map(|s| {
                    s.windows
                        .iter()
                        .filter(|w| w.effect == WindowEffect::Peak)
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    let blocking = |w: &TimeWindow| w.effect != WindowEffect::Peak;
    let mut blocks: Vec<Block> = Vec::new();
    for (i, id) in g.ids.iter().enumerate() {
        if let Some(s) = ws.systems.get(*id) {
            for w in s.windows.iter().filter(|w| blocking(w)) {
                blocks.push(Block {
                    system: i,
                    window: w,
                    via_dep: None,
                });
            }
        }
    }
    let timed: Vec<(&String, &crate::model::Dependency)> = ws
        .dependencies
        .iter()
        .filter(|(_, d)| matches!(d.kind, DependencyType::Batch | DependencyType::Timing))
        .collect();
    for (id, d) in &timed {
        if let Some(&t) = g.index.get(d.to.as_str()) {
            for w in d.windows.iter().filter(|w| blocking(w)) {
                blocks.push(Block {
                    system: t,
                    window: w,
                    via_dep: Some(id.as_str()),
                });
            }
        }
    }
    let mut found: BTreeMap<String, Finding> = BTreeMap::new();
    // Reverse BFS from each blocked system over sync/data dependencies, once per system.
    let mut reach_cache: BTreeMap<usize, Vec<(usize, Vec<String>)>> = BTreeMap::new();
    for b in &blocks {
        let reach = reach_cache
            .entry(b.system)
            .or_insert_with(|| waiting_on(g, b.system));
        for (p, path) in reach.iter() {
            let self_peak = *p == b.system;
            if self_peak && b.via_dep.is_none() {
                continue;
            }
            let Some(peak) = peaks[*p].iter().find(|pk| windows_overlap(b.window, pk)) else {
                continue;
            };
            let (blocked, waiter) = (g.ids[b.system], g.ids[*p]);
            let mut ids = vec![blocked, waiter];
            ids.sort_unstable();
            ids.dedup();
            let id = match b.via_dep {
                None => format!("temporal:{}", ids.join(",")),
                Some(dep) => format!("batch-window:{dep},{waiter}"),
            };
            if found.contains_key(&id) {
                continue;
            }
            let who = match b.via_dep {
                None => ws.system_name(blocked).to_owned(),
                Some(dep) => ws
                    .dependencies
                    .get(dep)
                    .map(|d| {
                        format!(
                            "the {} from {} to {}",
                            d.kind.label().to_lowercase(),
                            ws.system_name(&d.from),
                            ws.system_name(blocked)
                        )
                    })
                    .unwrap_or_default(),
            };
            let relation = if self_peak {
                "its own peak".to_owned()
            } else if path.len() == 1 {
                format!(
                    "the peak of {}, which waits on it directly",
                    ws.system_name(waiter)
                )
            } else {
                format!(
                    "the peak of {}, which waits on it through {} hops",
                    ws.system_name(waiter),
                    path.len()
                )
            };
            let severity = match b.window.effect {
                WindowEffect::Locks | WindowEffect::Offline => Severity::High,
                _ => Severity::Medium,
            };
            let mut deps = path.clone();
            deps.extend(b.via_dep.map(str::to_owned));
            let mut systems = vec![blocked.to_owned(), waiter.to_owned()];
            if let Some(d) = b.via_dep.and_then(|d| ws.dependencies.get(d)) {
                systems.push(d.from.clone());
            }
            found.insert(
                id.clone(),
                Finding {
                    id,
                    kind: FindingKind::Temporal,
                    severity,
                    systems,
                    dependencies: deps,
                    sentence: format!(
                        "{} {} ({}) during {} ({}): failures will spike exactly when the \
                         business needs the system most.",
                        capitalise(&who),
                        if b.via_dep.is_some() {
                            match b.window.effect {
                                WindowEffect::Locks => "locks it",
                                WindowEffect::Offline => "takes it offline",
                                _ => "degrades it",
                            }
                        } else {
                            effect_words(b.window.effect)
                        },
                        describe(b.window),
                        relation,
                        describe(peak)
                    ),
                    mitigation: "Move the window out of the peak, or decouple the callers with a \
                                 queue or a cache so they do not wait on it while it runs."
                        .into(),
                    accepted: None,
                },
            );
        }
    }
    clashes(ws, &timed, &mut found);
    out.extend(found.into_values());
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Systems that wait on `start` over sync/data dependencies (itself included, with an empty
/// path), each with the dependency ids from it to `start`.
fn waiting_on(g: &Graph, start: usize) -> Vec<(usize, Vec<String>)> {
    let mut prev: Vec<Option<(usize, &str)>> = vec![None; g.len()];
    let mut seen = vec![false; g.len()];
    seen[start] = true;
    let mut order = vec![start];
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &(w, dep) in &g.blocking_in[v] {
            if !seen[w] {
                seen[w] = true;
                prev[w] = Some((v, dep));
                order.push(w);
                queue.push_back(w);
            }
        }
    }
    order
        .into_iter()
        .map(|v| {
            let mut path = Vec::new();
            let mut cur = v;
            while let Some((next, dep)) = prev[cur] {
                path.push(dep.to_owned());
                cur = next;
            }
            (v, path)
        })
        .collect()
}

/// Two batch/timing dependencies sharing a system whose windows overlap (one of them blocking).
fn clashes(
    ws: &Workspace,
    timed: &[(&String, &crate::model::Dependency)],
    found: &mut BTreeMap<String, Finding>,
) {
    for (i, (ida, a)) in timed.iter().enumerate() {
        for (idb, b) in &timed[i + 1..] {
            let shared: Vec<&String> = [&a.from, &a.to]
                .into_iter()
                .filter(|s| **s == b.from || **s == b.to)
                .collect();
            let Some(system) = shared.first() else {
                continue;
            };
            let pair = a.windows.iter().find_map(|wa| {
                b.windows
                    .iter()
                    .find(|wb| {
                        (wa.effect != WindowEffect::Peak || wb.effect != WindowEffect::Peak)
                            && windows_overlap(wa, wb)
                    })
                    .map(|wb| (wa, wb))
            });
            let Some((wa, wb)) = pair else {
                continue;
            };
            let id = format!("window-clash:{ida},{idb}");
            found.insert(
                id.clone(),
                Finding {
                    id,
                    kind: FindingKind::Temporal,
                    severity: Severity::Medium,
                    systems: vec![a.from.clone(), a.to.clone(), b.from.clone(), b.to.clone()],
                    dependencies: vec![(*ida).clone(), (*idb).clone()],
                    sentence: format!(
                        "At {}, {} ({}) collides with {} ({}): if either runs late, the other \
                         starts on half-finished data or waits.",
                        ws.system_name(system),
                        a.label_or(ida),
                        describe(wa),
                        b.label_or(idb),
                        describe(wb)
                    ),
                    mitigation: "Move one of the windows, or make the second start on the first's \
                                 completion event instead of the clock."
                        .into(),
                    accepted: None,
                },
            );
        }
    }
}

trait LabelOr {
    fn label_or(&self, id: &str) -> String;
}

impl LabelOr for crate::model::Dependency {
    fn label_or(&self, id: &str) -> String {
        if self.label.is_empty() {
            id.to_owned()
        } else {
            format!("\"{}\"", self.label)
        }
    }
}
