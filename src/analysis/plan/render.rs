//! The roadmap as text for the terminal or Markdown for wikis and slides (`depdig roadmap`):
//! the risk trend first, then each step (today and every phase) with what it changes, its
//! findings, cost and checks, then every rollout stage by stage.

use super::super::Severity;
use super::super::text::num;
use super::{PhaseReport, RolloutReport};
use crate::io::report::link_name;
use crate::model::Workspace;
use crate::text::{and_list, list, plural};

/// How many added or removed items a step names before counting the rest.
const NAMED: usize = 6;

/// "+3", "−1.5", "±0".
fn delta(now: f64, then: f64) -> String {
    let d = now - then;
    if d.abs() < 0.05 {
        "±0".to_owned()
    } else if d > 0.0 {
        format!("+{}", num(d))
    } else {
        format!("−{}", num(-d))
    }
}

/// How far a finding's score must move between two steps to be called worse or better.
const SHIFT: f64 = 5.0;

/// Findings open in both steps whose score moved by [`SHIFT`] or more or whose severity changed,
/// per origin: `("worse", …)` and `("better", …)`, largest move first, as "ERP core 15.7 → 24.1
/// (single point of failure)".
fn shifted(ws: &Workspace, p: &PhaseReport, q: &PhaseReport) -> Vec<(&'static str, Vec<String>)> {
    // Per origin: the largest move (scores and severities) and the patterns that moved.
    struct Moved {
        origin: String,
        from: (f64, Severity),
        to: (f64, Severity),
        kinds: Vec<&'static str>,
    }
    let mut moved: Vec<Moved> = Vec::new();
    for f in p.analysis.findings.iter().filter(|f| f.accepted.is_none()) {
        let Some(g) = q.analysis.get(&f.id).filter(|g| g.accepted.is_none()) else {
            continue;
        };
        if (f.score - g.score).abs() < SHIFT && f.severity == g.severity {
            continue;
        }
        let origin: Vec<&str> = f
            .origin_systems()
            .iter()
            .map(|id| ws.system_name(id))
            .collect();
        let origin = and_list(&origin);
        let kind = f.kind.one();
        match moved.iter_mut().find(|m| m.origin == origin) {
            Some(m) => {
                if (f.score - g.score).abs() > (m.to.0 - m.from.0).abs() {
                    m.from = (g.score, g.severity);
                    m.to = (f.score, f.severity);
                }
                if !m.kinds.contains(&kind) {
                    m.kinds.push(kind);
                }
            }
            None => moved.push(Moved {
                origin,
                from: (g.score, g.severity),
                to: (f.score, f.severity),
                kinds: vec![kind],
            }),
        }
    }
    moved.sort_by(|a, b| {
        (b.to.0 - b.from.0)
            .abs()
            .total_cmp(&(a.to.0 - a.from.0).abs())
    });
    let text = |m: &Moved| {
        let kinds: Vec<String> = m.kinds.iter().map(|k| k.to_lowercase()).collect();
        let severity = if m.from.1 == m.to.1 {
            String::new()
        } else {
            format!(", {} → {}", m.from.1.as_str(), m.to.1.as_str())
        };
        format!(
            "{} {} → {}{severity} ({})",
            m.origin,
            num(m.from.0),
            num(m.to.0),
            kinds.join(", ")
        )
    };
    let mut out = Vec::new();
    for (word, up) in [("worse", true), ("better", false)] {
        let v: Vec<String> = moved
            .iter()
            .filter(|m| (m.to.0 > m.from.0) == up)
            .map(text)
            .collect();
        if !v.is_empty() {
            out.push((word, v));
        }
    }
    out
}

/// "2 more than before", "1 fewer than before", "as many as before".
fn more_or_fewer(now: usize, then: usize) -> String {
    match now.cmp(&then) {
        std::cmp::Ordering::Greater => format!("{} more than before", now - then),
        std::cmp::Ordering::Less => format!("{} fewer than before", then - now),
        std::cmp::Ordering::Equal => "as many as before".to_owned(),
    }
}

/// "2.3 lower than before", "as before".
fn higher_or_lower(now: f64, then: f64) -> String {
    let d = now - then;
    if d.abs() < 0.05 {
        "as before".to_owned()
    } else if d > 0.0 {
        format!("{} higher than before", num(d))
    } else {
        format!("{} lower than before", num(-d))
    }
}

/// Systems first, then dependencies, each by name: "Trade event stream (new system); Trading
/// platform → Trade event stream (Async message)".
fn changes(ws: &Workspace, ids: &[String]) -> String {
    let (systems, deps): (Vec<&String>, Vec<&String>) = ids
        .iter()
        .partition(|id| crate::model::parse_dependency_id(id).is_none());
    let mut named: Vec<String> = systems
        .iter()
        .map(|id| format!("{} (system)", link_name(ws, id)))
        .collect();
    named.extend(deps.iter().map(|id| link_name(ws, id)));
    if named.len() > NAMED + 1 {
        let more = named.len() - NAMED;
        named.truncate(NAMED);
        named.push(format!("{more} more"));
    }
    named.join("; ")
}

fn counts_text(p: &PhaseReport) -> String {
    let c = p.counts;
    format!(
        "{} critical, {} high, {} medium, {} low",
        c.critical, c.high, c.medium, c.low
    )
}

/// The roadmap as plain text (`markdown = false`) or Markdown.
pub fn roadmap_text(
    ws: &Workspace,
    steps: &[PhaseReport],
    rollouts: &[RolloutReport],
    markdown: bool,
) -> String {
    let ws = &ws.with_every_addition();
    let mut out = String::new();
    let title = if ws.title.trim().is_empty() {
        "Workspace"
    } else {
        ws.title.trim()
    };
    let phases = plural(steps.len().saturating_sub(1), "phase", "phases");
    if markdown {
        wl!(
            out,
            "# {title}: roadmap\n\n{phases}, applied one on top of the other."
        );
    } else {
        wl!(out, "{title}: roadmap of {phases}");
    }
    if steps.len() <= 1 {
        wl!(
            out,
            "{}No phases yet: add scenarios and order them in the roadmap.",
            if markdown { "\n" } else { "" }
        );
    }
    trend(&mut out, steps, markdown);
    let mut prev_state: Option<&PhaseReport> = None;
    for p in steps {
        step(&mut out, ws, p, prev_state, markdown);
        prev_state = Some(p);
    }
    super::render_rollouts::rollout_section(&mut out, ws, rollouts, markdown);
    out
}

fn trend(out: &mut String, steps: &[PhaseReport], markdown: bool) {
    if steps.len() <= 1 {
        return;
    }
    let tops: Vec<String> = steps.iter().map(|p| num(p.top_risk)).collect();
    let serious: Vec<String> = steps
        .iter()
        .map(|p| (p.counts.critical + p.counts.high).to_string())
        .collect();
    let cost: Vec<String> = steps.iter().map(|p| num(p.cost.total_hours)).collect();
    if markdown {
        wl!(out, "\n## Risk trend\n");
        wl!(
            out,
            "| step | top risk | critical | high | medium | low | cost h/month | checked |"
        );
        wl!(out, "|---|---:|---:|---:|---:|---:|---:|---:|");
        for p in steps {
            wl!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} of {} |",
                crate::io::report::md_cell(&label(p)),
                num(p.top_risk),
                p.counts.critical,
                p.counts.high,
                p.counts.medium,
                p.counts.low,
                num(p.cost.total_hours),
                p.checks.checked,
                p.checks.total
            );
        }
    } else {
        wl!(out, "\nRisk trend (today → each phase)");
        wl!(out, "  top risk score:         {}", tops.join(" → "));
        wl!(out, "  critical + high open:   {}", serious.join(" → "));
        wl!(out, "  cost, hours per month:  {}", cost.join(" → "));
    }
}

fn label(p: &PhaseReport) -> String {
    if p.index == 0 {
        "Today".to_owned()
    } else {
        format!("{}. {}", p.index, p.name)
    }
}

fn step(
    out: &mut String,
    ws: &Workspace,
    p: &PhaseReport,
    prev: Option<&PhaseReport>,
    markdown: bool,
) {
    let (head, item) = if markdown {
        ("\n## ", "- ")
    } else {
        ("\n", "  ")
    };
    let mut meta = Vec::new();
    if let Some(phase) = &p.phase {
        if let Some(d) = phase.target_date {
            meta.push(format!("by {d}"));
        }
        if !phase.owner.trim().is_empty() {
            meta.push(format!("owner {}", phase.owner.trim()));
        }
    }
    if p.index == 0 {
        wl!(out, "{head}Today");
    } else if meta.is_empty() {
        wl!(out, "{head}Phase {}: {}", p.index, p.name);
    } else {
        wl!(
            out,
            "{head}Phase {}: {} — {}",
            p.index,
            p.name,
            meta.join(", ")
        );
    }
    if let Some(phase) = &p.phase {
        if let Some(s) = ws.scenarios.get(&phase.scenario) {
            wl!(out, "{item}scenario: {}", s.name);
        } else {
            wl!(
                out,
                "{item}scenario \"{}\" does not exist: this phase changes nothing",
                phase.scenario
            );
        }
        if !phase.notes.trim().is_empty() {
            wl!(out, "{item}{}", phase.notes.trim());
        }
    }
    if p.index > 0 {
        if p.added.is_empty() && p.removed.is_empty() {
            wl!(out, "{item}changes nothing on the map");
        }
        if !p.added.is_empty() {
            wl!(out, "{item}adds: {}", changes(ws, &p.added));
        }
        if !p.removed.is_empty() {
            wl!(out, "{item}removes: {}", changes(ws, &p.removed));
        }
        if !p.teams.is_empty() {
            wl!(out, "{item}teams to coordinate: {}", and_list(&p.teams));
        }
    }
    let open = format!("{} open", p.counts.total());
    if let Some(q) = prev {
        wl!(
            out,
            "{item}findings: {open}, {}: {}",
            more_or_fewer(p.counts.total(), q.counts.total()),
            counts_text(p)
        );
    } else {
        wl!(out, "{item}findings: {open} ({})", counts_text(p));
    }
    if let Some(f) = p
        .top_risk_finding
        .as_ref()
        .and_then(|id| p.analysis.get(id))
    {
        let origin: Vec<&str> = f
            .origin_systems()
            .iter()
            .map(|id| ws.system_name(id))
            .collect();
        let change = prev.map_or_else(String::new, |q| {
            format!(" ({})", higher_or_lower(p.top_risk, q.top_risk))
        });
        wl!(
            out,
            "{item}top risk: score {}{change}, {}: {}",
            num(p.top_risk),
            f.kind.one().to_lowercase(),
            and_list(&origin)
        );
    }
    if let Some(q) = prev {
        for (what, moved) in shifted(ws, p, q) {
            wl!(out, "{item}{what}: {}", moved.join("; "));
        }
    }
    for (what, ids) in [("new", &p.new_findings), ("resolved", &p.gone_findings)] {
        if ids.is_empty() {
            continue;
        }
        let source = if what == "new" {
            Some(&p.analysis)
        } else {
            prev.map(|q| &q.analysis)
        };
        let named: Vec<String> = ids
            .iter()
            .map(|id| {
                source.and_then(|a| a.get(id)).map_or_else(
                    || id.clone(),
                    |f| format!("{} ({})", f.kind.one().to_lowercase(), f.id),
                )
            })
            .collect();
        wl!(out, "{item}{what}: {}", list(&named, "and", NAMED));
    }
    let c = &p.cost;
    let cost = if p.index == 0 {
        format!("{} hours per month", num(c.total_hours))
    } else {
        format!(
            "{} → {} hours per month ({})",
            num(p.cost_before),
            num(c.total_hours),
            delta(c.total_hours, p.cost_before)
        )
    };
    let unestimated = if c.unestimated > 0 {
        format!(
            ", {} without an estimate",
            plural(c.unestimated, "integration point", "integration points")
        )
    } else {
        String::new()
    };
    wl!(out, "{item}cost: {cost}{unestimated}");
    if p.index == 0 && !c.by_team.is_empty() {
        let mut teams: Vec<(&String, &f64)> = c.by_team.iter().collect();
        teams.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
        let named: Vec<String> = teams
            .iter()
            .map(|(team, h)| format!("{team} {}", num(**h)))
            .collect();
        wl!(out, "{item}cost by team: {}", list(&named, "and", 5));
    }
    wl!(
        out,
        "{item}production checks: {} of {} with a check{}",
        p.checks.checked,
        plural(p.checks.total, "integration point", "integration points"),
        if p.checks.unwatched_important.is_empty() {
            String::new()
        } else {
            format!(
                "; {} nobody watches",
                plural(
                    p.checks.unwatched_important.len(),
                    "important one",
                    "important ones"
                )
            )
        }
    );
}
