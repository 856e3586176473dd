//! Writing an analysis (and an optional cascade) as text, Markdown or the stable JSON of
//! `depdig analyze --format json` (documented in the README).

use super::cascade::{HORIZON_MS, LOAD_MULTIPLIER_CAP};
use super::{Analysis, Cascade, Finding, FindingKind};
use crate::model::Workspace;

/// JSON string literal.
pub(crate) fn js(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                w!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn js_list(ids: &[String]) -> String {
    let items: Vec<String> = ids.iter().map(|s| js(s)).collect();
    format!("[{}]", items.join(", "))
}

/// A JSON number. Every number written is finite (the cascade caps its own), so this never has
/// to write `null` for one; a non-finite value would be a bug, written as the largest finite
/// number of its sign rather than as something that is not a number.
fn js_num(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else if v.is_nan() {
        "0".into()
    } else {
        format!("{:e}", v.clamp(f64::MIN, f64::MAX))
    }
}

fn js_finding(f: &Finding) -> String {
    format!(
        "{{\"id\": {}, \"severity\": {}, \"systems\": {}, \"dependencies\": {}, \"sentence\": {}, \
         \"mitigation\": {}, \"accepted\": {}}}",
        js(&f.id),
        js(f.severity.as_str()),
        js_list(&f.systems),
        js_list(&f.dependencies),
        js(&f.sentence),
        js(&f.mitigation),
        f.accepted.as_deref().map_or("null".into(), js)
    )
}

fn block(items: &[String]) -> String {
    if items.is_empty() {
        "[]".into()
    } else {
        format!("[\n    {}\n  ]", items.join(",\n    "))
    }
}

/// The stable JSON: `cycles`, `single_points`, `shared_stores`, `sovereignty`, `scale`,
/// `temporal`, and `cascade` only when one was simulated.
pub fn to_json(a: &Analysis, cascade: Option<&Cascade>) -> String {
    let findings = |kind| block(&a.of_kind(kind).map(js_finding).collect::<Vec<_>>());
    let mut out = String::from("{\n");
    wl!(
        out,
        "  \"cycles\": {},",
        block(&a.cycles.iter().map(|c| js_list(c)).collect::<Vec<_>>())
    );
    wl!(
        out,
        "  \"single_points\": {},",
        block(
            &a.single_points
                .iter()
                .map(|p| format!(
                    "{{\"system\": {}, \"dependants\": {}}}",
                    js(&p.system),
                    p.dependants
                ))
                .collect::<Vec<_>>()
        )
    );
    wl!(
        out,
        "  \"shared_stores\": {},",
        block(
            &a.shared_stores
                .iter()
                .map(|s| format!(
                    "{{\"store\": {}, \"accessors\": {}}}",
                    js(&s.store),
                    js_list(&s.accessors)
                ))
                .collect::<Vec<_>>()
        )
    );
    wl!(
        out,
        "  \"sovereignty\": {},",
        findings(FindingKind::Sovereignty)
    );
    wl!(out, "  \"scale\": {},", findings(FindingKind::Scale));
    w!(out, "  \"temporal\": {}", findings(FindingKind::Temporal));
    if let Some(c) = cascade {
        let steps: Vec<String> = c
            .steps
            .iter()
            .map(|s| {
                format!(
                    "{{\"system\": {}, \"at_ms\": {}, \"effect\": {}, \"load_multiplier\": {}{}}}",
                    js(&s.system),
                    s.at_ms,
                    js(s.effect.as_str()),
                    js_num(s.load_multiplier),
                    if s.capped() { ", \"capped\": true" } else { "" }
                )
            })
            .collect();
        let steps = if steps.is_empty() {
            "[]".into()
        } else {
            format!("[\n      {}\n    ]", steps.join(",\n      "))
        };
        w!(
            out,
            ",\n  \"cascade\": {{\n    \"failed\": {},\n    \"mode\": {},\n    \"steps\": {},\n    \
             \"capped\": {},\n    \"load_multiplier_cap\": {},\n    \"horizon_ms\": {}\n  }}",
            js(&c.failed),
            js(c.mode.as_str()),
            steps,
            c.capped(),
            js_num(LOAD_MULTIPLIER_CAP),
            HORIZON_MS
        );
    }
    out.push_str("\n}\n");
    out
}

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
        let head = format!(
            "Cascade: {} {}",
            ws.system_name(&c.failed),
            if c.mode.as_str() == "down" {
                "goes down"
            } else {
                "gets slow"
            }
        );
        if markdown {
            wl!(
                out,
                "\n## {head}\n\n| at | system | effect | load |\n|---:|---|---|---:|"
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
                    "| {at} | {} | {} | {} |",
                    ws.system_name(&s.system),
                    s.effect.as_str(),
                    s.load_text()
                );
            } else {
                wl!(
                    out,
                    "  {at:>at_width$}  {:<12} {} (load {})",
                    s.effect.as_str(),
                    ws.system_name(&s.system),
                    s.load_text()
                );
            }
        }
    }
    out
}
