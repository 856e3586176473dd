//! `depdig report FILE.ron [--format md|csv] [--section debt|failures|decisions|findings|rollouts|checks|cost|all] [-o OUT]`

use std::path::PathBuf;
use std::process::ExitCode;

use crate::io::report::{ReportFormat, ReportSection, report};
use crate::io::{load_file, write_atomic};
use crate::text::plural;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Markdown pipe tables, for wikis and slides.
    Md,
    /// CSV (RFC 4180), for spreadsheets; several sections are separated by a blank line.
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SectionArg {
    /// The integration debt register, by impact.
    Debt,
    /// Failure modes, by RPN.
    Failures,
    /// Council decisions, by date.
    Decisions,
    /// The analysis' findings, ranked by impact (not part of `all`).
    Findings,
    /// All three.
    All,
    /// Canary rollouts stage by stage with the predicted load on the callee (not part of `all`).
    Rollouts,
    /// How each integration point is watched in production (not part of `all`).
    Checks,
    /// Maintenance hours per dependency and per team (not part of `all`).
    Cost,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The workspace to report on.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = FormatArg::Md)]
    pub format: FormatArg,
    #[arg(long, value_enum, default_value_t = SectionArg::All)]
    pub section: SectionArg,
    /// Write the report to this file (default: standard output).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
}

pub fn run(args: &ReportArgs) -> ExitCode {
    let ws = match load_file(&args.file) {
        Ok((ws, _)) => ws,
        Err(e) => {
            say!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let format = match args.format {
        FormatArg::Md => ReportFormat::Markdown,
        FormatArg::Csv => ReportFormat::Csv,
    };
    let section = match args.section {
        SectionArg::Debt => ReportSection::Debt,
        SectionArg::Failures => ReportSection::Failures,
        SectionArg::Decisions => ReportSection::Decisions,
        SectionArg::Findings => ReportSection::Findings,
        SectionArg::All => ReportSection::All,
        SectionArg::Rollouts => ReportSection::Rollouts,
        SectionArg::Checks => ReportSection::Checks,
        SectionArg::Cost => ReportSection::Cost,
    };
    let text = match report(&ws, format, section) {
        Ok(text) => text,
        Err(e) => {
            say!("{}: the report could not be made: {e}", args.file.display());
            return ExitCode::FAILURE;
        }
    };
    match &args.output {
        None => out!("{text}"),
        Some(out) => {
            if let Err(e) = write_atomic(out, text.as_bytes()) {
                say!("{}: cannot write: {e}; nothing was written", out.display());
                return ExitCode::FAILURE;
            }
            if matches!(
                section,
                ReportSection::Rollouts | ReportSection::Checks | ReportSection::Cost
            ) {
                outln!("{}: written", out.display());
            } else if section == ReportSection::Findings {
                let n = crate::analysis::analyze(&ws).findings.len();
                outln!("{}: {}", out.display(), plural(n, "finding", "findings"));
            } else {
                let c = ws.counts();
                outln!(
                    "{}: {}, {}, {}",
                    out.display(),
                    plural(c.debt, "debt item", "debt items"),
                    plural(c.failure_modes, "failure mode", "failure modes"),
                    plural(ws.decisions.len(), "decision", "decisions")
                );
            }
        }
    }
    ExitCode::SUCCESS
}
