//! `depdig drift MAP.ron ARTEFACT... [--format text|md|json] [--artefact-format auto|compose|…]`:
//! where the map and the artefacts disagree (see `io::import::drift` for the rules). Exit 0 when
//! they agree, 1 when there is drift, 2 on trouble (an unreadable map or artefact, bad
//! arguments), like `diff`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::io::import::detect::{Format, read_artefacts};
use crate::io::import::drift::{Drift, DriftDependency, DriftSource, DriftSystem, drift};
use crate::io::load_file;
use crate::text::plural;

#[derive(Debug, clap::Args)]
pub struct DriftArgs {
    /// The hand-made map.
    #[arg(value_name = "MAP.ron")]
    pub map: PathBuf,
    /// Artefacts to compare it with: compose files, manifests, folders, … (as for import).
    #[arg(value_name = "ARTEFACT", required = true)]
    pub artefacts: Vec<PathBuf>,
    /// Output: text, md (Markdown) or json.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: String,
    /// The artefacts' format: auto, compose, k8s, structurizr, dot, mermaid or jaeger.
    #[arg(long, value_name = "FORMAT", default_value = "auto")]
    pub artefact_format: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Out {
    Text,
    Markdown,
    Json,
}

pub fn run(args: &DriftArgs) -> ExitCode {
    let out = match args.format.trim() {
        "text" | "" => Out::Text,
        "md" | "markdown" => Out::Markdown,
        "json" => Out::Json,
        other => {
            say!("depdig drift: --format: unknown \"{other}\"; expected text, md or json");
            return ExitCode::from(2);
        }
    };
    let format = match args.artefact_format.trim() {
        "auto" | "" => None,
        word => match word.parse::<Format>() {
            Ok(f) => Some(f),
            Err(e) => {
                say!("depdig drift: --artefact-format: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let ws = match load_file(&args.map) {
        Ok((ws, _)) => ws,
        Err(e) => {
            say!("{e}");
            return ExitCode::from(2);
        }
    };
    let found = match read_artefacts(&args.artefacts, format) {
        Ok(f) => f,
        Err(e) => {
            say!("{e}");
            return ExitCode::from(2);
        }
    };
    for s in &found.skipped {
        say!("skipped: {s}");
    }
    let d = drift(&ws, &found);
    let text = match out {
        Out::Json => match serde_json::to_string_pretty(&d) {
            Ok(j) => j + "\n",
            Err(e) => {
                say!("depdig drift: {e}");
                return ExitCode::from(2);
            }
        },
        Out::Text | Out::Markdown => render(&d, &ws.title, out == Out::Markdown),
    };
    out!("{text}");
    if d.is_drift() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn sources(list: &[DriftSource]) -> String {
    list.iter()
        .map(|s| {
            let name = std::path::Path::new(&s.file)
                .file_name()
                .map_or_else(|| s.file.clone(), |n| n.to_string_lossy().into_owned());
            let at = s.line.map_or(name.clone(), |l| format!("{name}:{l}"));
            if s.text.is_empty() {
                at
            } else {
                format!("{at} {}", s.text)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn dep_line(d: &DriftDependency, md: bool) -> String {
    let mut line = if md {
        format!("- {} → {} ({})", d.from_name, d.to_name, d.kind)
    } else {
        format!("  {} → {} ({})", d.from_name, d.to_name, d.kind)
    };
    if let Some(t) = &d.map_type {
        w!(line, "; the map says {t}");
    }
    if !d.sources.is_empty() {
        if md {
            w!(line, " — `{}`", sources(&d.sources).replace('`', "'"));
        } else {
            w!(line, "  [{}]", sources(&d.sources));
        }
    }
    line
}

fn sys_line(s: &DriftSystem, md: bool) -> String {
    let mut line = format!("{} {} ({})", if md { "-" } else { " " }, s.name, s.kind);
    if !s.sources.is_empty() {
        if md {
            w!(line, " — `{}`", sources(&s.sources).replace('`', "'"));
        } else {
            w!(line, "  [{}]", sources(&s.sources));
        }
    }
    line
}

/// The differences as text (or Markdown): a heading and a line each, names not ids.
pub fn render(d: &Drift, title: &str, md: bool) -> String {
    let mut s = String::new();
    let heading = |s: &mut String, text: &str, n: usize| {
        if md {
            wl!(s, "\n## {text} ({n})\n");
        } else {
            wl!(s, "\n{text} ({n}):");
        }
    };
    if md {
        wl!(s, "# Drift: {title}");
    }
    if d.is_drift() {
        wl!(
            s,
            "{}: {} between the map and the artefacts",
            if title.is_empty() { "Map" } else { title },
            plural(d.count(), "difference", "differences")
        );
    } else {
        wl!(
            s,
            "No drift: the map shows everything the artefacts show, and nothing they contradict"
        );
    }
    let deps = [
        (
            "Dependencies the artefacts show, missing from the map",
            &d.dependencies_missing_from_map,
        ),
        (
            "Dependencies on the map the artefacts do not show",
            &d.dependencies_missing_from_artefacts,
        ),
        ("Same ends, another type (not drift)", &d.types_differ),
    ];
    let systems = [
        (
            "Systems the artefacts show, missing from the map",
            &d.systems_missing_from_map,
        ),
        (
            "Systems on the map the artefacts never mention",
            &d.systems_missing_from_artefacts,
        ),
        (
            "Teams, externals and user interfaces the artefacts do not mention (not drift)",
            &d.not_expected_in_artefacts,
        ),
    ];
    for (i, (text, list)) in systems.iter().enumerate() {
        if !list.is_empty() {
            heading(&mut s, text, list.len());
            for x in *list {
                wl!(s, "{}", sys_line(x, md));
            }
        }
        if let Some((text, list)) = deps.get(i)
            && !list.is_empty()
        {
            heading(&mut s, text, list.len());
            for x in *list {
                wl!(s, "{}", dep_line(x, md));
            }
        }
    }
    if d.startup_order_not_compared > 0 {
        let n = plural(
            d.startup_order_not_compared,
            "startup-order dependency",
            "startup-order dependencies",
        );
        if md {
            wl!(
                s,
                "\n_{n} not compared: only one side records startup order._"
            );
        } else {
            wl!(
                s,
                "\n{n} not compared: only one side records startup order."
            );
        }
    }
    s
}
