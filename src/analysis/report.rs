//! Writing an analysis (and an optional cascade) as text or Markdown (the JSON is `json.rs`).

use super::text::names;
use super::{Analysis, Cascade, Finding, FindingKind};
use crate::model::Workspace;
use crate::text::{and_list, plural};

/// How many systems the single-points section lists in text and Markdown.
const TOP: usize = 10;

/// How many findings "Top risks" shows.
pub const TOP_RISKS: usize = 5;

/// Plain text for the terminal (`markdown = false`) or Markdown for wikis and slides: "Top risks"
/// (the five highest-ranked open findings about different systems, see `top_risks`), then every
/// other finding grouped by pattern. `limit` (`--top N`) shows N top risks and nothing else, and
/// says how many findings were left out.
pub fn to_text(
    ws: &Workspace,
    a: &Analysis,
    cascade: Option<&Cascade>,
    markdown: bool,
    limit: Option<usize>,
) -> String {
    let mut out = String::new();
    let accepted = a.findings.iter().filter(|f| f.accepted.is_some()).count();
    let title = if ws.title.is_empty() {
        "Workspace"
    } else {
        ws.title.as_str()
    };
    let summary = format!(
        "{}, {accepted} accepted",
        plural(a.findings.len() - accepted, "open finding", "open findings")
    );
    if markdown {
        wl!(out, "# {title}: integration risks\n\n{summary}.");
    } else {
        wl!(out, "{title}: {summary}");
    }
    let tops = top_risks(a, limit.unwrap_or(TOP_RISKS));
    if markdown {
        wl!(out, "\n## Top risks\n");
    } else {
        wl!(out, "\nTop risks");
    }
    if tops.is_empty() {
        wl!(out, "{}no open findings", if markdown { "" } else { "  " });
    }
    for (rank, (f, also)) in tops.iter().enumerate() {
        let n = rank + 1;
        let also: Vec<String> = also
            .iter()
            .map(|g| {
                if markdown {
                    format!("{} (`{}`)", g.kind.one().to_lowercase(), g.id)
                } else {
                    format!("{} ({})", g.kind.one().to_lowercase(), g.id)
                }
            })
            .collect();
        let also = if also.is_empty() {
            String::new()
        } else if markdown {
            format!("  \n   *Also about these systems:* {}", and_list(&also))
        } else {
            format!("\n     also about these systems: {}", and_list(&also))
        };
        if markdown {
            wl!(
                out,
                "{n}. **{}** (score {}) {}: {} (`{}`)  \n   {}  \n   *Mitigation:* {}{also}",
                f.severity.as_str(),
                f.score,
                f.kind.one(),
                names(ws, f.origin_systems()),
                f.id,
                f.sentence,
                f.mitigation
            );
        } else {
            wl!(
                out,
                "  {n}. [{}, score {}] {}: {} ({})\n     {}\n     mitigation: {}{also}",
                f.severity.as_str(),
                f.score,
                f.kind.one(),
                names(ws, f.origin_systems()),
                f.id,
                f.sentence,
                f.mitigation
            );
        }
    }
    let listed = |f: &Finding| {
        tops.iter()
            .any(|(t, also)| t.id == f.id || also.iter().any(|g| g.id == f.id))
    };
    match limit {
        None => {
            let rest: Vec<&Finding> = a
                .findings
                .iter()
                .filter(|f| !tops.iter().any(|(t, _)| t.id == f.id))
                .collect();
            grouped(&mut out, ws, a, &rest, markdown);
        }
        Some(n) => {
            let left_out = a.findings.iter().filter(|f| !listed(f)).count();
            if left_out > 0 {
                let line = format!(
                    "{} not shown (--top {n}).",
                    plural(left_out, "more finding", "more findings")
                );
                if markdown {
                    wl!(out, "\n*{line}*");
                } else {
                    wl!(out, "\n{line}");
                }
            }
        }
    }
    if let Some(c) = cascade {
        let head = format!("Cascade: {} {}", ws.system_name(&c.failed), c.mode.verb());
        if markdown {
            wl!(
                out,
                "\n## {head}\n\n| at | system | effect | load | why |\n|---:|---|---|---:|---|"
            );
        } else {
            wl!(out, "\n{head}");
        }
        let at_width = c
            .steps
            .iter()
            .map(|s| s.when_text().chars().count())
            .max()
            .unwrap_or(0)
            .max(9);
        for s in &c.steps {
            let at = s.when_text();
            if markdown {
                wl!(
                    out,
                    "| {at} | {} | {} | {} | {} |",
                    ws.system_name(&s.system),
                    s.effect.as_str(),
                    s.load_text(),
                    s.reason.replace('|', "\\|")
                );
            } else {
                wl!(
                    out,
                    "  {at:>at_width$}  {:<12} {} (load {})\n  {:>at_width$}  {:<12} {}",
                    s.effect.as_str(),
                    ws.system_name(&s.system),
                    s.load_text(),
                    "",
                    "",
                    s.reason
                );
            }
        }
    }
    out
}

/// The systems among the [`TOP_RISKS`] top risks as single points of failure (the report's and
/// the findings panel's headline ones): a map keeps their whole names.
pub fn headline_single_points(a: &Analysis) -> Vec<&str> {
    top_risks(a, TOP_RISKS)
        .into_iter()
        .flat_map(|(top, also)| std::iter::once(top).chain(also))
        .filter(|f| f.kind == FindingKind::SinglePoint)
        .flat_map(|f| f.systems.iter().map(String::as_str))
        .collect()
}

/// The `n` highest-ranked open findings about different systems, each with the open findings
/// further down the list about the same systems (one system overloaded, shared and a single
/// point is one risk with three reasons, not three of the top five).
pub fn top_risks(a: &Analysis, n: usize) -> Vec<(&Finding, Vec<&Finding>)> {
    let mut tops: Vec<(&Finding, Vec<&Finding>)> = Vec::new();
    for f in a.findings.iter().filter(|f| f.accepted.is_none()) {
        if let Some((_, also)) = tops
            .iter_mut()
            .find(|(t, _)| t.origin_systems() == f.origin_systems())
        {
            also.push(f);
        } else if tops.len() < n {
            tops.push((f, Vec::new()));
        }
    }
    tops
}

/// The findings after "Top risks", grouped by pattern in rank order; each pattern says when all
/// its findings are among the top risks.
fn grouped(out: &mut String, ws: &Workspace, a: &Analysis, rest: &[&Finding], markdown: bool) {
    let indent = if markdown { "" } else { "  " };
    for kind in FindingKind::ALL {
        let list: Vec<&Finding> = rest.iter().copied().filter(|f| f.kind == *kind).collect();
        if markdown {
            wl!(out, "\n## {}\n", kind.label());
        } else {
            wl!(out, "\n{}", kind.label());
        }
        if *kind == FindingKind::SinglePoint {
            let top: Vec<String> = a
                .single_points
                .iter()
                .take(TOP)
                .filter(|p| p.dependants > 0)
                .map(|p| {
                    format!(
                        "{} ({}){}",
                        ws.system_name(&p.system),
                        p.dependants,
                        if p.articulation {
                            ", articulation point"
                        } else {
                            ""
                        }
                    )
                })
                .collect();
            if !top.is_empty() {
                wl!(out, "{indent}Most depended on: {}", top.join("; "));
                if markdown {
                    out.push('\n');
                }
            }
        }
        if list.is_empty() {
            if a.of_kind(*kind).next().is_some() {
                wl!(out, "{indent}all listed in Top risks");
            } else {
                wl!(out, "{indent}none found");
            }
        }
        for f in list {
            let state = f
                .accepted
                .as_ref()
                .map(|r| format!(" — accepted: {r}"))
                .unwrap_or_default();
            if markdown {
                wl!(
                    out,
                    "- **{}** (score {}) `{}`{state}  \n  {}  \n  *Mitigation:* {}",
                    f.severity.as_str(),
                    f.score,
                    f.id,
                    f.sentence,
                    f.mitigation
                );
            } else {
                wl!(
                    out,
                    "  [{}, score {}] {}{state}\n    {}\n    mitigation: {}",
                    f.severity.as_str(),
                    f.score,
                    f.id,
                    f.sentence,
                    f.mitigation
                );
            }
        }
    }
}
