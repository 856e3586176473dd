//! The rollouts section of `depdig roadmap`: each rollout stage by stage with its predicted
//! load, where it stands, its warning, what blocks it, its stop signals and how to roll back.

use super::super::text::num;
use super::{RolloutReport, stages_text};
use crate::io::report::link_name;
use crate::model::Workspace;
use crate::text::and_list;

/// "p99 latency over 10 ms", "error rate over 0.1 %", "callee load over 75 % of capacity".
fn signal_text(s: &crate::model::Signal) -> String {
    let t = num(s.threshold);
    match s.what {
        crate::model::SignalKind::ErrorRate => format!("error rate over {t} %"),
        crate::model::SignalKind::P99LatencyMs => format!("p99 latency over {t} ms"),
        crate::model::SignalKind::CalleeLoadPercent => {
            format!("callee load over {t} % of capacity")
        }
    }
}

pub(super) fn rollout_section(
    out: &mut String,
    ws: &Workspace,
    rollouts: &[RolloutReport],
    markdown: bool,
) {
    if markdown {
        wl!(out, "\n## Rollouts\n");
    } else {
        wl!(out, "\nRollouts");
    }
    if rollouts.is_empty() {
        wl!(out, "{}none planned", if markdown { "" } else { "  " });
        return;
    }
    for r in rollouts {
        let name = link_name(ws, &r.dependency);
        let place = match (&r.phase, &r.scenario) {
            (Some(p), _) => format!(
                " — phase {}",
                ws.roadmap.iter().position(|ph| &ph.id == p).map_or_else(
                    || p.clone(),
                    |i| format!("{} ({})", i + 1, ws.roadmap[i].name)
                )
            ),
            (None, Some(s)) => format!(" — scenario {s}, not in the roadmap"),
            (None, None) => String::new(),
        };
        if markdown {
            wl!(out, "### {name}{place}\n");
        } else {
            wl!(out, "  {name}{place}: {}", stages_text(&r.rollout));
        }
        let ind = if markdown { "" } else { "    " };
        if markdown {
            wl!(
                out,
                "| stage | share | at least | status | date | predicted load on the callee | gate not rehearsed |"
            );
            wl!(out, "|---:|---:|---|---|---|---|---|");
        }
        // When no stage's load can be predicted for one reason, it is said once, after the stages.
        let unknown = r.stages.first().and_then(|first| {
            let why = first.load.text();
            (first.load.percent().is_none() && r.stages.iter().all(|s| s.load.text() == why))
                .then_some(why)
        });
        for s in &r.stages {
            let stage = &r.rollout.stages[s.index];
            let load = if unknown.is_some() {
                "not predicted".to_owned()
            } else {
                s.load.text()
            };
            let gate = ws.failure_mode_titles(&s.gate_missing);
            if markdown {
                wl!(
                    out,
                    "| {} | {} % | {} | {} | {} | {} | {} |",
                    s.index + 1,
                    num(s.share_percent),
                    stage.duration_text(),
                    stage.status.label(),
                    stage.date.map(|d| d.to_string()).unwrap_or_default(),
                    crate::io::report::md_cell(&load),
                    crate::io::report::md_cell(&gate.join("; "))
                );
            } else {
                let gate = if gate.is_empty() {
                    String::new()
                } else {
                    let sep = if unknown.is_some() { "  " } else { "; " };
                    format!("{sep}waits for a rehearsal of {}", and_list(&gate))
                };
                let date = stage.date.map_or_else(String::new, |d| format!(" {d}"));
                let load = if unknown.is_some() {
                    String::new()
                } else {
                    format!("  load {load}")
                };
                wl!(
                    out,
                    "{ind}{}. {:>5} %  {:<10} {:<11}{date}{load}{gate}",
                    s.index + 1,
                    num(s.share_percent),
                    stage.duration_text(),
                    stage.status.label().to_lowercase(),
                );
            }
        }
        let lead = if markdown { "\n" } else { ind };
        if let Some(why) = &unknown {
            wl!(out, "{lead}Load on the callee not predicted: {why}.");
        }
        if let Some(i) = r.rollout.current() {
            let st = &r.rollout.stages[i];
            wl!(
                out,
                "{lead}Now at stage {} of {}: {} % of the traffic, {}{}.",
                i + 1,
                r.rollout.stages.len(),
                num(st.share_percent),
                st.status.label().to_lowercase(),
                st.date.map_or_else(String::new, |d| format!(" since {d}"))
            );
        } else if !r.rollout.stages.is_empty() {
            wl!(out, "{lead}Not started yet.");
        }
        if let Some(w) = &r.warning {
            wl!(out, "{lead}Warning: {w}.");
        }
        if let Some((i, waits)) = &r.blocked {
            let titles: Vec<String> = waits
                .iter()
                .map(|id| {
                    ws.failure_modes
                        .get(id)
                        .map_or_else(|| id.clone(), |f| format!("\"{}\"", f.title))
                })
                .collect();
            wl!(
                out,
                "{lead}Blocked: stage {} may not start before {} {} rehearsed.",
                i + 1,
                and_list(&titles),
                if titles.len() == 1 { "is" } else { "are" }
            );
        }
        let signals: Vec<String> = r.rollout.signals.iter().map(signal_text).collect();
        if !signals.is_empty() {
            wl!(out, "{lead}Stop signals: {}.", and_list(&signals));
        }
        let rb = &r.rollout;
        let said = |s: &str, none: &str| {
            let s = s.trim().trim_end_matches('.');
            if s.is_empty() {
                none.to_owned()
            } else {
                s.to_owned()
            }
        };
        if !rb.rollback_trigger.trim().is_empty() || !rb.rollback_action.trim().is_empty() {
            wl!(
                out,
                "{lead}Roll back when: {}. How: {}.",
                said(&rb.rollback_trigger, "a stop signal trips"),
                said(&rb.rollback_action, "not written down yet")
            );
        }
    }
}
