//! Temporal coupling: a lock, outage or degraded window of a system (or of a batch/timing
//! dependency on it) during the peak of a system that waits on it, directly or transitively.

use std::collections::{BTreeMap, VecDeque};

use super::calendar::ZoneCalendar;
use super::graph::Graph;
use super::timeline::{Timeline, Timelines};
use super::{Finding, FindingKind};
use crate::model::{Days, DependencyType, TimeWindow, WindowEffect, Workspace};

/// When the two windows share time in the reference year, each read in its own time zone (the
/// workspace's when it names none) on real dates: `None` never, `Some("")` all year, else words
/// naming when, to append to a sentence (`", in 2026 only from 2026-03-08 to 2026-03-28"`).
pub(crate) fn windows_overlap(
    a: &TimeWindow,
    b: &TimeWindow,
    workspace_tz: &str,
) -> Option<String> {
    let line = |w: &TimeWindow| {
        let calendar = ZoneCalendar::of(w.timezone.as_deref().unwrap_or(workspace_tz));
        Timeline::new(w, calendar.as_deref())
    };
    let (a, b) = (line(a), line(b));
    a.meets(&b).then(|| a.overlap(&b).when_words(a.zone()))
}

fn describe(w: &TimeWindow) -> String {
    let days = match w.days {
        Days::Daily => "daily".to_owned(),
        Days::MonthEnd => "at month-end".to_owned(),
        Days::Weekdays(0x1f) => "on weekdays".to_owned(),
        d @ Days::Weekdays(_) => format!("on {d}"),
    };
    let zone = w
        .timezone
        .as_deref()
        .map(|z| format!(" {z} time"))
        .unwrap_or_default();
    format!("\"{}\", {days} {}{zone}", w.label, w.span_text())
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
    line: usize,
    via_dep: Option<&'a str>,
}

pub(crate) fn temporal(ws: &Workspace, g: &Graph, out: &mut Vec<Finding>) {
    let mut lines = Timelines::new(&ws.timezone);
    let peaks: Vec<Vec<(&TimeWindow, usize)>> = g
        .ids
        .iter()
        .map(|id| {
            ws.systems
                .get(*id)
                .map(|s| {
                    s.windows
                        .iter()
                        .filter(|w| w.effect == WindowEffect::Peak)
                        .map(|w| (w, lines.of(w)))
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
                    line: lines.of(w),
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
                    line: lines.of(w),
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
            let Some(&(peak, peak_line)) =
                peaks[*p].iter().find(|(_, pl)| lines.meets(b.line, *pl))
            else {
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
            let mut deps = path.clone();
            deps.extend(b.via_dep.map(str::to_owned));
            let mut systems = vec![blocked.to_owned(), waiter.to_owned()];
            if let Some(d) = b.via_dep.and_then(|d| ws.dependencies.get(d)) {
                systems.push(d.from.clone());
            }
            found.insert(
                id.clone(),
                Finding {
                    systems,
                    origin: vec![blocked.to_owned()],
                    dependencies: deps,
                    sentence: format!(
                        "{} {} ({}) during {} ({}){}: failures will spike exactly when the \
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
                        describe(peak),
                        lines.when(b.line, peak_line)
                    ),
                    mitigation: "Move the window out of the peak, or decouple the callers with a \
                                 queue or a cache so they do not wait on it while it runs."
                        .into(),
                    ..super::findings::finding(FindingKind::Temporal, id)
                },
            );
        }
    }
    clashes(ws, &timed, &mut lines, &mut found);
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
fn clashes<'a>(
    ws: &Workspace,
    timed: &[(&'a String, &'a crate::model::Dependency)],
    lines: &mut Timelines<'a>,
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
            let mut pair = None;
            'search: for wa in &a.windows {
                for wb in &b.windows {
                    if wa.effect == WindowEffect::Peak && wb.effect == WindowEffect::Peak {
                        continue;
                    }
                    let (la, lb) = (lines.of(wa), lines.of(wb));
                    if lines.meets(la, lb) {
                        pair = Some((wa, wb, lines.when(la, lb)));
                        break 'search;
                    }
                }
            }
            let Some((wa, wb, when)) = pair else {
                continue;
            };
            let id = format!("window-clash:{ida},{idb}");
            found.insert(
                id.clone(),
                Finding {
                    origin: vec![(*system).clone()],
                    systems: vec![a.from.clone(), a.to.clone(), b.from.clone(), b.to.clone()],
                    dependencies: vec![(*ida).clone(), (*idb).clone()],
                    sentence: format!(
                        "At {}, {} ({}) collides with {} ({}){}: if either runs late, the other \
                         starts on half-finished data or waits.",
                        ws.system_name(system),
                        a.label_or(ida),
                        describe(wa),
                        b.label_or(idb),
                        describe(wb),
                        when
                    ),
                    mitigation: "Move one of the windows, or make the second start on the first's \
                                 completion event instead of the clock."
                        .into(),
                    ..super::findings::finding(FindingKind::Temporal, id)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn w(start: u16, end: u16, tz: Option<&str>) -> TimeWindow {
        TimeWindow {
            label: "w".into(),
            days: Days::Daily,
            start_min: start,
            end_min: end,
            timezone: tz.map(str::to_owned),
            effect: WindowEffect::Peak,
        }
    }

    fn meet(a: &TimeWindow, b: &TimeWindow, zone: &str) -> bool {
        windows_overlap(a, b, zone).is_some()
    }

    #[test]
    fn windows_compare_in_their_own_timezones() {
        // 09:00–17:00 in Singapore is 02:00–10:00 in Berlin in winter, 03:00–11:00 in summer.
        let sg = w(9 * 60, 17 * 60, Some("Asia/Singapore"));
        assert!(meet(&sg, &w(60, 3 * 60, None), "Europe/Berlin"));
        assert!(!meet(&sg, &w(11 * 60, 12 * 60, None), "Europe/Berlin"));
        // A zone the database does not know (validation refuses it) is never read as another.
        let odd = w(11 * 60, 12 * 60, Some("Mars/Olympus"));
        assert!(!meet(&odd, &w(11 * 60, 12 * 60, None), "Europe/Berlin"));
        // Past midnight and across the end of the week, in any zone.
        let mut late = w(23 * 60, 60, None);
        late.days = "sun".parse().unwrap();
        let mut mon = w(30, 45, None);
        mon.days = "mon".parse().unwrap();
        assert!(meet(&late, &mon, "UTC"));
        assert!(meet(&late, &mon, "America/New_York"));
        assert!(!meet(&mon, &w(0, 0, None), "UTC"));
    }
}
