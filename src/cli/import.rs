//! `depdig import FILE... [-o OUT.ron | --into MAP.ron] [--format auto|csv|compose|k8s|…] [--title T]`
//! and the spreadsheet form `depdig import --nodes N.csv --edges E.csv -o OUT.ron`.
//!
//! Artefacts (compose files, manifests, …; see `io::import::detect`) become systems and
//! dependencies through `io::import::apply_found`, one batch: a merge (`--into`) adds and fills
//! but never overwrites a hand-made field. CSV files given as FILE are read as systems or
//! dependencies by their header. Like the CSV import, imported systems get no positions: the
//! app lays a map without positions out when it opens it. On any error nothing is written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::io::csv_import::{ImportError, ImportSummary};
use crate::io::import::detect::{CsvRole, Format, csv_role, read_artefacts, read_text};
use crate::io::import::{FileMessage, apply_found};
use crate::io::{csv_import, load_file, save_file};
use crate::model::Workspace;
use crate::text::plural;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Artefacts to read: docker-compose files (in override order), Kubernetes manifests,
    /// folders of them, or CSV files (systems or dependencies, told apart by the header).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Systems: header id,label,kind,tech (only id required; also owner,group,criticality,description,capacity,peak).
    #[arg(long, value_name = "NODES.csv")]
    pub nodes: Option<PathBuf>,
    /// Dependencies: header source,target,type,protocol,notes (source,target required; also role,label,timeout_ms,retries,calls_per_request,circuit_breaker,blocking,fallback).
    #[arg(long, value_name = "EDGES.csv")]
    pub edges: Option<PathBuf>,
    /// Where to write the workspace (default with --into: the merged file itself).
    #[arg(short = 'o', long = "output", value_name = "OUT.ron")]
    pub output: Option<PathBuf>,
    /// Title of a new workspace (default: the output file's name).
    #[arg(long)]
    pub title: Option<String>,
    /// Merge into this workspace: add new items, delete nothing (CSV values update matching
    /// ids; artefacts only fill empty fields, never overwrite one).
    #[arg(long, value_name = "EXISTING.ron")]
    pub into: Option<PathBuf>,
    /// The artefacts' format: auto (from name and content), csv, compose, k8s, structurizr,
    /// dot, mermaid or jaeger.
    #[arg(long, value_name = "FORMAT", default_value = "auto")]
    pub format: String,
}

pub fn run(args: &ImportArgs) -> ExitCode {
    let csv_form = args.nodes.is_some() || args.edges.is_some();
    if csv_form && !args.files.is_empty() {
        say!("depdig import: give FILE... or --nodes/--edges, not both");
        return ExitCode::from(2);
    }
    if !csv_form && args.files.is_empty() {
        say!(
            "depdig import: give FILE... (compose files, manifests, a folder, CSV) or --nodes NODES.csv and/or --edges EDGES.csv"
        );
        return ExitCode::from(2);
    }
    let format = match args.format.trim() {
        "auto" | "" => None,
        word => match word.parse::<Format>() {
            Ok(f) => Some(f),
            Err(e) => {
                say!("depdig import: --format: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let into = args.into.as_deref();
    let Some(out) = args.output.as_deref().or(into) else {
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
        None => Workspace::new(args.title.clone().unwrap_or_else(|| {
            out.file_stem().map_or_else(
                || "Imported map".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            )
        })),
    };
    if let (Some(t), Some(_)) = (&args.title, into) {
        ws.title.clone_from(t);
    }
    let result = if csv_form {
        csv_import::import_into(&mut ws, args.nodes.as_deref(), args.edges.as_deref())
            .map(|(_, s)| (s, Vec::new()))
    } else {
        import_files(&mut ws, &args.files, format)
    };
    let (summary, skipped) = match result {
        Ok(done) => done,
        Err(e) => {
            say!("{e}");
            say!("nothing was written");
            return ExitCode::FAILURE;
        }
    };
    for w in &summary.warnings {
        say!("warning: {w}");
    }
    for s in &skipped {
        say!("skipped: {s}");
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

type Done = (ImportSummary, Vec<FileMessage>);

/// Reads FILE... into `ws`: CSV files by their header, everything else as artefacts.
fn import_files(
    ws: &mut Workspace,
    files: &[PathBuf],
    format: Option<Format>,
) -> Result<Done, ImportError> {
    if let Some(csv) = csv_files(files, format)? {
        let (nodes, edges) = csv;
        return csv_import::import_into(ws, nodes.as_deref(), edges.as_deref())
            .map(|(_, s)| (s, Vec::new()));
    }
    let found = read_artefacts(files, format)?;
    let (_, summary) = apply_found(ws, &found)?;
    Ok((summary, found.skipped))
}

type CsvPair = (Option<PathBuf>, Option<PathBuf>);

/// The systems and dependencies CSV files, when every FILE is one (at most one of each).
fn csv_files(files: &[PathBuf], format: Option<Format>) -> Result<Option<CsvPair>, ImportError> {
    let is_csv = |p: &Path| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let all_csv = match format {
        Some(Format::Csv) => true,
        Some(_) => false,
        None => files.iter().all(|p| is_csv(p) && !p.is_dir()),
    };
    if !all_csv {
        return Ok(None);
    }
    let (mut nodes, mut edges) = (None, None);
    for p in files {
        let text = read_text(p)?;
        let slot = match csv_role(&text) {
            Some(CsvRole::Nodes) => &mut nodes,
            Some(CsvRole::Edges) => &mut edges,
            None => {
                return Err(one_error(
                    p,
                    "the header has neither id (systems) nor source,target (dependencies)",
                ));
            }
        };
        if slot.is_some() {
            return Err(one_error(
                p,
                "a second CSV file of the same kind; give one systems file and one dependencies file",
            ));
        }
        *slot = Some(p.clone());
    }
    Ok(Some((nodes, edges)))
}

fn one_error(path: &Path, message: &str) -> ImportError {
    ImportError {
        errors: vec![FileMessage {
            path: path.to_path_buf(),
            line: Some(1),
            column: None,
            message: message.to_owned(),
        }],
    }
}
