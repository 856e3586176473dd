//! Writing an analysis (and an optional cascade) as text or Markdown (the JSON is `json.rs`).

use super::{Analysis, Cascade, Finding, FindingKind};
use crate::model::Workspace;

/// How many systems the single-points section lists in text and Markdown.
const TOP: usize = 10;

/// Plain text for the terminal (`markdown = false`) or Markdown for wikis and slides.
pub fn to_text(ws: &Workspace, a: &Analysis, cascade: Option<&Cascade>, markdown: bool) -> String {
    let mut out = String::new();
    let accepted = a.findings.iter().filter(|f| f.accepted.is_some()).count();
    let title = if ws.title.is_empty() {
        "Workspace"
    } else {
        ws.title.as_str()
    };
    let summary = format!(
        "{} open finding{}, {accepted} accepted",
        a.findings.len() - accepted,
        if a.findings.len() - accepted == 1 {
            ""
        } else {
            "s"
        }
    );
    if markdown {
        wl!(out, "# {title}: integration risks\n\n{summary}.");
    } else {
        wl!(out, "{title}: {summary}");
    }
    for kind in FindingKind::ALL {
        let list: Vec<&Finding> = a.of_kind(*kind).collect();
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
                let lead = if markdown { "" } else { "  " };
                wl!(out, "{lead}Most depended on: {}", top.join("; "));
                if markdown {
                    out.push('\n');
                }
            }
        }
        if list.is_empty() {
            wl!(out, "{}none found", if markdown { "" } else { "  " });
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
                    "- **{}** `{}` {}{state}  \n  *Mitigation:* {}",
                    f.severity.as_str(),
                    f.id,
                    f.sentence,
                    f.mitigation
                );
            } else {
                wl!(
                    out,
                    "  [{}] {}{state}\n    {}\n    mitigation: {}",
                    f.severity.as_str(),
                    f.id,
                    f.sentence,
                    f.mitigation
                );
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
