//! `depdig export FILE.ron -o OUT.png --phase NAME|all`: one slide per roadmap phase.
//!
//! A phase's picture is the state the phases before it leave plus what it adds, with its
//! additions and removals marked as `--scenario` marks a scenario's; the title reads
//! "WORKSPACE — Phase N: NAME". `all` writes every phase, `OUT-1-queue-first.png`,
//! `OUT-2-…`: the output's stem, the phase's number and its name as a slug.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::export::{ExportArgs, picture};
use super::select;
use crate::io::export;
use crate::model::{ScenarioDiff, Workspace, slugify};

/// What phase `k` (0-based) draws: the state before it plus its additions, the difference to
/// mark, and the title part "Phase N: NAME".
pub(super) fn phase_picture(
    ws: &Workspace,
    k: usize,
) -> Result<(Workspace, ScenarioDiff, String), String> {
    let before = ws
        .state_before_phase(k)
        .ok_or_else(|| format!("the roadmap has no phase {}", k + 1))?;
    let steps = ws.roadmap_steps();
    let step = steps
        .get(k)
        .ok_or_else(|| format!("the roadmap has no phase {}", k + 1))?;
    Ok((
        step.combined(&before),
        step.diff.clone(),
        format!("Phase {}: {}", k + 1, step.phase.name.trim()),
    ))
}

/// `OUT-N-slug.ext` beside `out`.
pub(crate) fn phase_path(out: &Path, number: usize, name: &str) -> PathBuf {
    let stem = out
        .file_stem()
        .map_or_else(|| "map".into(), |s| s.to_string_lossy().into_owned());
    let slug = slugify(name);
    let file = match out.extension() {
        Some(ext) => format!("{stem}-{number}-{slug}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{number}-{slug}"),
    };
    out.with_file_name(file)
}

/// Writes the phase's picture (or every phase's, for `all`) and says what was written.
pub(super) fn run(ws: &Workspace, args: &ExportArgs, out: &Path, phase: &str) -> ExitCode {
    if ws.roadmap.is_empty() {
        say!(
            "{}: --phase: this workspace has no roadmap; nothing was written",
            args.file.display()
        );
        return ExitCode::FAILURE;
    }
    let all = phase.trim().eq_ignore_ascii_case("all");
    let phases: Vec<usize> = if all {
        (0..ws.roadmap.len()).collect()
    } else {
        match select::phase(ws, phase) {
            Ok(k) => vec![k],
            Err(message) => {
                say!("{}: {message}; nothing was written", args.file.display());
                return ExitCode::FAILURE;
            }
        }
    };
    for k in phases {
        let path = if all {
            phase_path(out, k + 1, &ws.roadmap[k].name)
        } else {
            out.to_path_buf()
        };
        let (drawn, mut opts) = match picture(ws, args, Some(k)) {
            Ok(x) => x,
            Err(message) => {
                say!("{}: {message}; nothing was written", args.file.display());
                return ExitCode::FAILURE;
            }
        };
        // A phase's PNG carries the whole workspace, like every PNG export.
        if !args.no_embed {
            opts.embed = Some(std::sync::Arc::new(ws.clone()));
        }
        match export::export_to_path(&drawn, &path, &opts) {
            Ok((w, h)) => outln!(
                "{}: {w}×{h} px, phase {}: {}, {} added, {} removed",
                path.display(),
                k + 1,
                ws.roadmap[k].name,
                opts.scenario.as_ref().map_or(0, |d| d.added.len()),
                opts.scenario.as_ref().map_or(0, |d| d.removed.len())
            ),
            Err(e) => {
                say!("{}: {e}", args.file.display());
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
