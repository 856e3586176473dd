//! `depdig layout FILE.ron [--algorithm force|layered] [--ticks N] [--afresh] [--positions OUT.csv]
//! [--write OUT.ron]`
//!
//! Lays a workspace out with the style given, else the one the workspace saved, else the force
//! layout. The force layout runs, then its final pass (boxes off lines, apart, groups apart; see
//! `layout::tidy`); its last line on stdout is `ticks=N nodes=N edges=E ms_per_tick=X.XXX`, the
//! benchmark's format, where the time is all the layout's wall time after the file is read
//! (placement, trees, ticks) per tick. Systems that have a position are held there (laying out
//! a laid-out map again leaves it as it was); those without are laid out around them. `--afresh`
//! lays the map out as if none had a position (pinned systems keep theirs). The layered layout (callers above callees, see
//! `layout::layered`) is computed at once: `ticks=0 … ms=X.XXX`, its whole time. Pinned systems
//! never move. The saved style is not changed (the app's View › Layout style sets it).

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use crate::io::{load_file, save_file};
use crate::layout::{LayoutParams, Simulation, apply_positions, from_workspace, layered_workspace};
use crate::model::LayoutStyle;

/// Ticks allowed when running until settled (the schedule settles after about 300).
pub const MAX_TICKS: usize = 3000;

/// How to lay out (`--algorithm`, `--ticks`, `--afresh`).
pub struct Options {
    pub algorithm: Option<LayoutStyle>,
    pub ticks: Option<usize>,
    pub afresh: bool,
}

pub fn run(
    file: &Path,
    Options {
        algorithm,
        ticks,
        afresh,
    }: Options,
    positions_out: Option<&Path>,
    write: Option<&Path>,
) -> ExitCode {
    let (mut ws, _) = match load_file(file) {
        Ok(loaded) => loaded,
        Err(e) => {
            say!("{e}");
            return ExitCode::FAILURE;
        }
    };

    let style = algorithm.or(ws.layout).unwrap_or_default();
    if style == LayoutStyle::Layered {
        if ticks.is_some() {
            say!("--ticks is for the force layout; the layered layout has no ticks");
            return ExitCode::FAILURE;
        }
        let start = Instant::now();
        let (ids, positions) = layered_workspace(&ws);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        return match save_outputs(&mut ws, file, &ids, &positions, positions_out, write) {
            Ok(said) => {
                if let Some(line) = said {
                    outln!("{line}");
                }
                outln!(
                    "ticks=0 nodes={} edges={} ms={ms:.3}",
                    ids.len(),
                    ws.dependencies.len()
                );
                ExitCode::SUCCESS
            }
            Err(code) => code,
        };
    }

    let start = Instant::now();
    let (graph, ids, mut initial) = from_workspace(&ws);
    if afresh {
        for (p, pinned) in initial.iter_mut().zip(&graph.pinned) {
            if !pinned {
                *p = None;
            }
        }
    }
    let mut sim = Simulation::new(&graph, &initial, LayoutParams::default());
    let done = match ticks {
        Some(n) => {
            // Exactly n ticks, even past settling, as the d3 reference does.
            for _ in 0..n {
                sim.step();
            }
            n
        }
        None => sim.run(MAX_TICKS),
    };
    // The final pass, also on a map laid out before (a fresh one had it when it settled).
    sim.tidy();
    let ms_per_tick = start.elapsed().as_secs_f64() * 1000.0 / done.max(1) as f64;

    match save_outputs(&mut ws, file, &ids, sim.positions(), positions_out, write) {
        Ok(Some(line)) => outln!("{line}"),
        Ok(None) => {}
        Err(code) => return code,
    }
    if !sim.is_settled() && ticks.is_none() {
        say!(
            "warning: the layout did not settle in {MAX_TICKS} ticks (alpha {:.4})",
            sim.alpha()
        );
    }
    outln!(
        "ticks={done} nodes={} edges={} ms_per_tick={ms_per_tick:.3}",
        ids.len(),
        ws.dependencies.len()
    );
    ExitCode::SUCCESS
}

/// Writes the positions as CSV and the workspace with them, as asked; returns the line that
/// says where the workspace went.
fn save_outputs(
    ws: &mut crate::model::Workspace,
    file: &Path,
    ids: &[String],
    positions: &[[f32; 2]],
    positions_out: Option<&Path>,
    write: Option<&Path>,
) -> Result<Option<String>, ExitCode> {
    if let Some(out) = positions_out
        && let Err(e) = write_positions(out, ids, positions)
    {
        say!("{}: cannot write positions: {e}", out.display());
        return Err(ExitCode::FAILURE);
    }
    if let Some(out) = write {
        if let Err(e) = apply_positions(ws, ids, positions) {
            say!("{}: cannot apply the layout: {e}", file.display());
            return Err(ExitCode::FAILURE);
        }
        if let Err(e) = save_file(ws, out) {
            say!("{}: cannot write: {e}", out.display());
            return Err(ExitCode::FAILURE);
        }
        return Ok(Some(format!(
            "{}: {} placed",
            out.display(),
            crate::text::plural(ids.len(), "system", "systems")
        )));
    }
    Ok(None)
}

/// `id,x,y` per system, in id order.
fn write_positions(path: &Path, ids: &[String], positions: &[[f32; 2]]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut rows = || -> csv::Result<()> {
        w.write_record(["id", "x", "y"])?;
        for (id, p) in ids.iter().zip(positions) {
            w.write_record([id.as_str(), &p[0].to_string(), &p[1].to_string()])?;
        }
        Ok(())
    };
    rows().map_err(std::io::Error::other)?;
    let bytes = w
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    crate::io::write_atomic(path, &bytes)
}
