//! `depdig analyze FILE.ron [--format text|md|json] [--fail SYSTEM_ID [--mode down|slow]]`

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use crate::analysis::{FailMode, analyze, cascade, to_json, to_text};
use crate::io::load_file;

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
    /// Print `analyze_ms=X cascade_ms=Y` (median of 5 runs, loading excluded) on stderr.
    #[arg(long)]
    pub timings: bool,
}

/// Exit 0 whatever is found; 1 when the file cannot be read or the --fail system is unknown.
pub fn run(args: &AnalyzeArgs) -> ExitCode {
    let ws = match load_file(&args.file) {
        Ok((ws, _)) => ws,
        Err(e) => {
            eprintln!("{e}");
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
            };
            let started = Instant::now();
            let result = cascade(&ws, id, mode);
            cascade_ms.push(started.elapsed().as_secs_f64() * 1000.0);
            match result {
                Ok(c) => Some(c),
                Err(e) => {
                    eprintln!("{}: --fail: {e}", args.file.display());
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
                let _ = std::hint::black_box(cascade(&ws, &c.failed, mode));
                cascade_ms.push(started.elapsed().as_secs_f64() * 1000.0);
            }
        }
        eprintln!(
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
        FormatArg::Json => to_json(&analysis, sim.as_ref()),
        FormatArg::Text => to_text(&ws, &analysis, sim.as_ref(), false),
        FormatArg::Md => to_text(&ws, &analysis, sim.as_ref(), true),
    };
    print!("{text}");
    ExitCode::SUCCESS
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}
