//! `depdig diff A.ron B.ron [--format text|md|json] [--ignore-positions]` and
//! `depdig merge BASE OURS THEIRS -o OUT`.
//!
//! Exit codes as diff(1) and git merge drivers expect: 0 equal / clean merge, 1 different /
//! conflicts (the merged file is still written, ours kept), 2 trouble (a file that does not load,
//! a merge that cannot be made valid, a write that fails).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::io::{load_file, save_file};
use crate::model::Workspace;
use crate::model::diff::{self, Options};
use crate::text::plural;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// One line per added/removed item and per changed field, names not ids.
    Text,
    /// A Markdown table.
    Md,
    /// The changes as JSON (collection, id, name, kind, fields with old/new).
    Json,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The older workspace.
    pub a: PathBuf,
    /// The newer workspace.
    pub b: PathBuf,
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Leave out systems that only moved on the canvas (and the position part of other changes).
    #[arg(long)]
    pub ignore_positions: bool,
}

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The common ancestor (git's %O).
    pub base: PathBuf,
    /// Our version (git's %A); kept where both sides conflict.
    pub ours: PathBuf,
    /// Their version (git's %B).
    pub theirs: PathBuf,
    /// Where to write the merged workspace (may be OURS, as the git driver does).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: PathBuf,
}

const TROUBLE: u8 = 2;

fn load(path: &Path) -> Result<Workspace, ExitCode> {
    load_file(path).map(|(ws, _)| ws).map_err(|e| {
        say!("{e}");
        ExitCode::from(TROUBLE)
    })
}

pub fn run_diff(args: &DiffArgs) -> ExitCode {
    let (a, b) = match (load(&args.a), load(&args.b)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let d = diff::diff(
        &a,
        &b,
        Options {
            ignore_positions: args.ignore_positions,
        },
    );
    match args.format {
        DiffFormat::Text => out!("{}", diff::text(&d)),
        DiffFormat::Md => out!("{}", diff::markdown(&d)),
        DiffFormat::Json => match serde_json::to_string_pretty(&d) {
            Ok(json) => outln!("{json}"),
            Err(e) => {
                say!("depdig: cannot write JSON: {e}");
                return ExitCode::from(TROUBLE);
            }
        },
    }
    if d.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

pub fn run_merge(args: &MergeArgs) -> ExitCode {
    // git hands an empty file as %O when both branches added the file: nothing in common.
    let base = if std::fs::metadata(&args.base).is_ok_and(|m| m.len() == 0) {
        Ok(Workspace::new(""))
    } else {
        load(&args.base)
    };
    let (ours, theirs) = (load(&args.ours), load(&args.theirs));
    let (base, ours, theirs) = match (base, ours, theirs) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (Err(code), _, _) | (_, Err(code), _) | (_, _, Err(code)) => return code,
    };
    let merged = match diff::merge(&base, &ours, &theirs) {
        Ok(m) => m,
        Err(problems) => {
            say!(
                "depdig: the merge would not be a valid workspace; {} was not written:",
                args.output.display()
            );
            for p in problems {
                say!("  {p}");
            }
            return ExitCode::from(TROUBLE);
        }
    };
    let bak = crate::io::atomic::bak_path(&args.output);
    let bak_existed = bak.exists();
    if let Err(e) = save_file(&merged.workspace, &args.output) {
        say!("depdig: cannot write {}: {e}", args.output.display());
        return ExitCode::from(TROUBLE);
    }
    // As a git merge driver OUT is git's temporary copy of OURS: git keeps every version, so a
    // `.bak` beside it would only be litter in the work tree.
    if !bak_existed && same_file(&args.output, &args.ours) && std::fs::remove_file(&bak).is_err() {
        say!("depdig: note: could not remove {}", bak.display());
    }
    if merged.conflicts.is_empty() {
        say!("{}: merged cleanly", args.output.display());
        return ExitCode::SUCCESS;
    }
    say!(
        "{}: merged with {} (ours kept):",
        args.output.display(),
        plural(merged.conflicts.len(), "conflict", "conflicts")
    );
    for line in diff::conflicts_text(&merged.conflicts).lines() {
        say!("{line}");
    }
    ExitCode::FAILURE
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
