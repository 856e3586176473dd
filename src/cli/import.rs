//! `depdig import --nodes N.csv --edges E.csv -o OUT.ron [--title T] [--into EXISTING.ron]`

use std::path::Path;
use std::process::ExitCode;

use crate::io::{csv_import, load_file, save_file};
use crate::model::Workspace;
use crate::text::plural;

pub fn run(
    nodes: Option<&Path>,
    edges: Option<&Path>,
    output: Option<&Path>,
    title: Option<String>,
    into: Option<&Path>,
) -> ExitCode {
    if nodes.is_none() && edges.is_none() {
        say!("depdig import: give --nodes NODES.csv and/or --edges EDGES.csv");
        return ExitCode::from(2);
    }
    let Some(out) = output.or(into) else {
        say!("depdig import: give -o OUT.ron (or --into EXISTING.ron to merge into it)");
        return ExitCode::from(2);
    };
    let mut ws = match into {
        Some(existing) => match load_file(existing) {
            Ok((ws, _)) => ws,
            Err(e) => {
                say!("{e}");
                return ExitCode::FAILURE;
            }
        },
        None => Workspace::new(title.clone().unwrap_or_else(|| {
            out.file_stem().map_or_else(
                || "Imported map".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            )
        })),
    };
    if let (Some(t), Some(_)) = (title, into) {
        ws.title = t;
    }
    let summary = match csv_import::import_into(&mut ws, nodes, edges) {
        Ok((_, summary)) => summary,
        Err(e) => {
            say!("{e}");
            say!("nothing was written");
            return ExitCode::FAILURE;
        }
    };
    for w in &summary.warnings {
        say!("warning: {w}");
    }
    if let Err(e) = save_file(&ws, out) {
        say!("{}: cannot write: {e}", out.display());
        return ExitCode::FAILURE;
    }
    let c = ws.counts();
    outln!(
        "{}: {}, {} ({} added, {} updated; {} added, {} updated; {})",
        out.display(),
        plural(c.systems, "system", "systems"),
        plural(c.dependencies, "dependency", "dependencies"),
        plural(summary.systems_added, "system", "systems"),
        summary.systems_updated,
        plural(summary.dependencies_added, "dependency", "dependencies"),
        summary.dependencies_updated,
        plural(summary.warnings.len(), "warning", "warnings")
    );
    ExitCode::SUCCESS
}
