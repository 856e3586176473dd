//! Command-line interface. `main` hands the parsed arguments here; each subcommand lives in its
//! own file and returns the process exit code (0 ok, 1 failed, 2 usage error).
#![allow(clippy::print_stdout, reason = "the CLI's output is its interface")]

/// Writes to stdout and flushes. A closed pipe (`depdig analyze map.ron | head -c 0`) is not an
/// error: the command stops quietly with exit 0, as ripgrep does; any other failure (`> /dev/full`)
/// is one line on stderr and exit 1. Only for functions that return `ExitCode`.
macro_rules! out {
    ($($arg:tt)*) => {
        if let Err(e) = $crate::cli::write_stdout(format_args!($($arg)*)) {
            return $crate::cli::output_failed(&e);
        }
    };
}

/// [`out!`] with a newline.
macro_rules! outln {
    ($($arg:tt)*) => {
        out!("{}\n", format_args!($($arg)*))
    };
}

/// Writes a line to stderr; if stderr itself is gone there is nowhere left to report, so the
/// command carries on (instead of panicking as `eprintln!` does).
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::write_stderr(format_args!($($arg)*))
    };
}

mod analyze;
mod bench_frames;
mod bench_io;
mod check;
mod diff;
mod drift;
mod export;
mod export_phase;
mod import;
mod layout;
mod report;
mod roadmap;
mod select;

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "depdig",
    version,
    about = "Dependency archaeology: map systems and every dependency between them",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Workspace to open in the app (default: the built-in e-commerce sample); a PNG exported by
    /// depdig opens the workspace it carries.
    pub file: Option<PathBuf>,
    /// Open the app for browsing only: every edit is refused (views, filters, findings and
    /// export still work).
    #[arg(long)]
    pub read_only: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate workspace files: one summary line per valid file; errors with path:line:col.
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Build a workspace from artefacts (docker-compose, Kubernetes manifests, …) or spreadsheet
    /// CSV files, or merge them into one with --into.
    Import(import::ImportArgs),
    /// Compare a map with artefacts: dependencies and systems on one side only (exit 0 no
    /// drift, 1 drift, 2 trouble).
    Drift(drift::DriftArgs),
    /// Draw the map as a slide-ready PNG or SVG, or write it as CSV in the import's columns.
    Export(export::ExportArgs),
    /// Write the debt register, failure modes and council decisions as Markdown or CSV tables.
    Report(report::ReportArgs),
    /// The roadmap phase by phase (findings, top risk, cost, checks) and every canary rollout
    /// with its predicted load per stage.
    Roadmap(roadmap::RoadmapArgs),
    /// Find integration risks (cycles, single points of failure, sovereignty, scale, timing) and
    /// optionally simulate one system failing.
    Analyze(analyze::AnalyzeArgs),
    /// Lay the map out (force or layered); the last line is `ticks=N nodes=N edges=E ms_per_tick=X`.
    Layout {
        file: PathBuf,
        /// `force` or `layered` (callers above callees). Default: the workspace's saved style,
        /// else force.
        #[arg(long, value_name = "force|layered")]
        algorithm: Option<crate::model::LayoutStyle>,
        /// Run exactly N ticks (default: until the layout settles).
        #[arg(long, value_name = "N")]
        ticks: Option<usize>,
        /// Write the positions as CSV (header id,x,y).
        #[arg(long, value_name = "OUT.csv")]
        positions: Option<PathBuf>,
        /// Save the workspace with the new positions.
        #[arg(long, value_name = "OUT.ron")]
        write: Option<PathBuf>,
        /// Lay the map out from scratch, as if no system had a position (pinned ones keep
        /// theirs); without it, systems with a position are held there.
        #[arg(long)]
        afresh: bool,
    },
    /// Compare two workspaces item by item: exit 0 equal, 1 different, 2 trouble.
    Diff(diff::DiffArgs),
    /// Three-way merge by item and field (a git merge driver): exit 0 clean, 1 conflicts (ours
    /// kept, OUT still valid), 2 trouble.
    Merge(diff::MergeArgs),
    /// Measure the app's frame time headless (UI pass + tessellation), layout paused and running.
    #[command(name = "bench-frames")]
    BenchFrames {
        file: PathBuf,
        /// Frames to time (at least 1).
        #[arg(long, default_value = "300", value_parser = at_least_one)]
        frames: NonZeroUsize,
        #[arg(long, default_value_t = 1920.0)]
        width: f32,
        #[arg(long, default_value_t = 1080.0)]
        height: f32,
    },
    /// Measure load, validate and save times of a workspace against reference runs.
    #[command(name = "bench-io")]
    BenchIo {
        file: PathBuf,
        /// Repetitions (the median is reported; at least 1).
        #[arg(long, default_value = "5", value_parser = at_least_one)]
        runs: NonZeroUsize,
    },
}

pub(crate) fn write_stdout(args: std::fmt::Arguments<'_>) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_fmt(args)?;
    out.flush()
}

pub(crate) fn write_stderr(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    if writeln!(err, "{args}").is_err() {
        // stderr is closed: nothing can be reported anywhere.
    }
}

/// The exit code after stdout failed: 0 for a reader that went away, 1 (with a message) otherwise.
pub(crate) fn output_failed(e: &std::io::Error) -> ExitCode {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return ExitCode::SUCCESS;
    }
    write_stderr(format_args!("depdig: cannot write the output: {e}"));
    ExitCode::FAILURE
}

/// A count of runs or frames: a whole number of at least 1 (a median of nothing is no result).
fn at_least_one(s: &str) -> Result<NonZeroUsize, String> {
    match s.parse::<usize>() {
        Ok(n) => NonZeroUsize::new(n).ok_or_else(|| "must be at least 1".to_owned()),
        Err(e) => Err(format!("{e}; give a whole number of at least 1")),
    }
}

/// Runs a subcommand.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Check { files } => check::run(&files),
        Command::Import(args) => import::run(&args),
        Command::Drift(args) => drift::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Analyze(args) => analyze::run(&args),
        Command::Roadmap(args) => roadmap::run(&args),
        Command::Diff(args) => diff::run_diff(&args),
        Command::Merge(args) => diff::run_merge(&args),
        Command::BenchIo { file, runs } => bench_io::run(&file, runs),
        Command::BenchFrames {
            file,
            frames,
            width,
            height,
        } => bench_frames::run(&file, frames, width, height),
        Command::Layout {
            file,
            algorithm,
            ticks,
            positions,
            write,
            afresh,
        } => layout::run(
            &file,
            layout::Options {
                algorithm,
                ticks,
                afresh,
            },
            positions.as_deref(),
            write.as_deref(),
        ),
    }
}
