//! `depdig analyze FILE.ron [--format text|md|json] [--fail SYSTEM_ID [--mode down|slow|restart]]
//! [--scenario NAME] [--view NAME] [--top N]`
//!
//! Findings are one ranked list (see `analysis::rank`): text and Markdown start with "Top
//! risks" and show the rest grouped by pattern; `--top N` keeps the N highest-ranked.
//!
//! `--scenario NAME` analyses the scenario's target state (the header says
//! "Scenario: NAME (target state)"; JSON gains a `"scenario"` field); `--view NAME` analyses
//! only the part of the map the view shows (JSON: `"view"`). Names match an id or a name,
//! case-insensitive; an unknown one lists those there are and exits 1. With both, the view is
//! applied to the scenario's target.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use crate::analysis::{FailMode, analyze, cascade, to_json, to_text};
use crate::io::load_file;
use crate::model::Workspace;

use super::select;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Plain text for the terminal.
    Text,
    /// Markdown, for wikis and slides.
    Md,
    /// Stable JSON (documented in the README).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ModeArg {
    /// The system stops answering.
    Down,
    /// Its latency exceeds its callers' timeouts.
    Slow,
    /// It is down when everything restarts: who cannot start (startup-order dependencies).
    Restart,
}

#[derive(Debug, clap::Args)]
pub struct AnalyzeArgs {
    /// The workspace to analyse.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Also simulate this system failing and print the cascade timeline.
    #[arg(long, value_name = "SYSTEM_ID")]
    pub fail: Option<String>,
    /// How the --fail system fails.
    #[arg(long, value_enum, default_value_t = ModeArg::Down, requires = "fail")]
    pub mode: ModeArg,
    /// Analyse this scenario's target state (id or name).
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
    /// Analyse only what this saved view shows (id or name).
    #[arg(long, value_name = "NAME")]
    pub view: Option<String>,
    /// Show only the N highest-ranked findings (text and Markdown; `findings` in JSON).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Print `analyze_ms=X cascade_ms=Y` (median of 5 runs, loading excluded) on stderr.
    #[arg(long)]
    pub timings: bool,
}

/// Exit 0 whatever is found; 1 when the file cannot be read or the --fail system, view or
/// scenario is unknown.
pub fn run(args: &AnalyzeArgs) -> ExitCode {
    let ws = match load_file(&args.file) {
        Ok((ws, _)) => ws,
        Err(e) => {
            say!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let (ws, context) = match part(ws, args) {
        Ok(x) => x,
        Err(message) => {
            say!("{}: {message}", args.file.display());
            return ExitCode::FAILURE;
        }
    };
    let started = Instant::now();
    let analysis = analyze(&ws);
    let mut analyze_ms = vec![started.elapsed().as_secs_f64() * 1000.0];
    let mut cascade_ms = Vec::new();
    let sim = match &args.fail {
        None => None,
        Some(id) => {
            let mode = match args.mode {
                ModeArg::Down => FailMode::Down,
                ModeArg::Slow => FailMode::Slow,
                ModeArg::Restart => FailMode::Restart,
            };
            let started = Instant::now();
            let result = cascade(&ws, id, mode);
            cascade_ms.push(started.elapsed().as_secs_f64() * 1000.0);
            match result {
                Ok(c) => Some(c),
                Err(e) => {
                    say!("{}: --fail: {e}", args.file.display());
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    if args.timings {
        for _ in 0..4 {
            let started = Instant::now();
            std::hint::black_box(analyze(&ws));
            analyze_ms.push(started.elapsed().as_secs_f64() * 1000.0);
            if let Some(c) = &sim {
                let started = Instant::now();
                let mode = c.mode;
                if let Err(e) = std::hint::black_box(cascade(&ws, &c.failed, mode)) {
                    say!("cascade failed while timing: {e}");
                    return ExitCode::FAILURE;
                }
                cascade_ms.push(started.elapsed().as_secs_f64() * 1000.0);
            }
        }
        say!(
            "analyze_ms={:.1} cascade_ms={}",
            median(&mut analyze_ms),
            if cascade_ms.is_empty() {
                "-".to_owned()
            } else {
                format!("{:.1}", median(&mut cascade_ms))
            }
        );
    }
    let text = match args.format {
        FormatArg::Json => {
            let named = |key: &str| {
                context
                    .iter()
                    .find(|(k, _, _)| *k == key)
                    .map(|(_, name, _)| name.as_str())
            };
            match to_json(
                &analysis,
                sim.as_ref(),
                named("scenario"),
                named("view"),
                args.top,
            ) {
                Ok(json) => json,
                Err(e) => {
                    say!("cannot write the JSON: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        FormatArg::Text | FormatArg::Md => {
            let md = args.format == FormatArg::Md;
            let text = to_text(&ws, &analysis, sim.as_ref(), md, args.top);
            let lines: String = context
                .iter()
                .map(|(_, _, line)| {
                    if md {
                        format!("\n{line}\n")
                    } else {
                        format!("{line}\n")
                    }
                })
                .collect();
            match text.split_once('\n') {
                Some((first, rest)) if !lines.is_empty() => format!("{first}\n{lines}{rest}"),
                _ => text,
            }
        }
    };
    out!("{text}");
    ExitCode::SUCCESS
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// What a scenario or view adds to the output: `(json key, name, header line)`.
type Context = (&'static str, String, String);

/// What to analyse: the scenario's target state and/or the view's part of the map, with the
/// context of each.
fn part(ws: Workspace, args: &AnalyzeArgs) -> Result<(Workspace, Vec<Context>), String> {
    let mut context = Vec::new();
    let view = args
        .view
        .as_deref()
        .map(|name| select::view(&ws, name).cloned())
        .transpose()?;
    let ws = match args.scenario.as_deref() {
        None => ws,
        Some(name) => {
            let s = select::scenario(&ws, name)?;
            context.push((
                "scenario",
                s.name.clone(),
                format!("Scenario: {} (target state)", s.name),
            ));
            s.target(&ws)
        }
    };
    let ws = match view {
        None => ws,
        Some(view) => {
            let shown = crate::model::visible(&ws, &view.filters);
            context.push((
                "view",
                view.name.clone(),
                format!(
                    "View: {} ({} of {})",
                    view.name,
                    shown.systems.len(),
                    crate::text::plural(ws.systems.len(), "system", "systems")
                ),
            ));
            ws.restricted_to(&shown)
        }
    };
    Ok((ws, context))
}
