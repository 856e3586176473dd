//! `depdig analyze FILE.ron [--format text|md|json] [--fail SYSTEM_ID [--mode down|slow]]`

use std::path::PathBuf;
use std::process::ExitCode;

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
    let analysis = analyze(&ws);
    let sim = match &args.fail {
        None => None,
        Some(id) => {
            let mode = match args.mode {
                ModeArg::Down => FailMode::Down,
                ModeArg::Slow => FailMode::Slow,
            };
            match cascade(&ws, id, mode) {
                Ok(c) => Some(c),
                Err(e) => {
                    eprintln!("{}: --fail: {e}", args.file.display());
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    let text = match args.format {
        FormatArg::Json => to_json(&analysis, sim.as_ref()),
        FormatArg::Text => to_text(&ws, &analysis, sim.as_ref(), false),
        FormatArg::Md => to_text(&ws, &analysis, sim.as_ref(), true),
    };
    print!("{text}");
    ExitCode::SUCCESS
}
