//! `depdig roadmap FILE.ron [--format text|md|json]`: the roadmap phase by phase (today, then
//! each phase's stacked state: what it changes, its findings by severity, the top-risk score,
//! cost before and after, production-check coverage), the risk trend, and every canary rollout
//! stage by stage with its predicted load on the callee and its rehearsal gate.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::analysis::plan::{roadmap, roadmap_json, roadmap_text, rollouts};
use crate::io::load_file;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Plain text for the terminal.
    Text,
    /// Markdown, for wikis and slides.
    Md,
    /// JSON: `steps` (today, then each phase) and `rollouts`.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct RoadmapArgs {
    /// The workspace whose roadmap to show.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
}

/// Exit 0 whatever the plan holds; 1 when the file cannot be read.
pub fn run(args: &RoadmapArgs) -> ExitCode {
    let ws = match load_file(&args.file) {
        Ok((ws, _)) => ws,
        Err(e) => {
            say!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let steps = roadmap(&ws);
    let plans = rollouts(&ws);
    let text = match args.format {
        FormatArg::Json => match roadmap_json(&ws.title, &steps, &plans) {
            Ok(json) => json,
            Err(e) => {
                say!("cannot write the JSON: {e}");
                return ExitCode::FAILURE;
            }
        },
        FormatArg::Text | FormatArg::Md => {
            roadmap_text(&ws, &steps, &plans, args.format == FormatArg::Md)
        }
    };
    out!("{text}");
    ExitCode::SUCCESS
}
