//! Spreadsheet import: `NODES.csv` (`id,label,kind,tech`, optional `owner,group,criticality,
//! description,capacity,peak`) and `EDGES.csv` (`source,target,type,protocol,notes`, optional
//! `role,label,timeout_ms,retries,calls_per_request,circuit_breaker,blocking,fallback`).
//!
//! A new system without a kind takes the kind its name says, if it says one ("Orders DB" is a
//! database, "jaeger" an observability system; see [`SystemKind::guess_from_name`]).
//!
//! A capacity or peak is a number and a load unit (`1500 requests-per-sec`); whole numbers are
//! counts and milliseconds; yes/no columns take `true`/`false` (also `yes`/`no`, `1`/`0`). An
//! empty cell leaves the value as it is. A bad value is an error at `file:line:column`.
//!
//! The import is turned into one `ops` batch, applied to a new or an existing workspace, so a
//! merge (`--into`) is one undoable step in the app and goes through the same checks as any edit.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::{
    AsyncRole, Criticality, Dependency, DependencyType, System, SystemKind, Workspace, is_slug,
    slugify,
};
use crate::ops::{self, Item, Op};

/// One problem in an input file, at a line when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvMessage {
    pub path: PathBuf,
    pub line: Option<u64>,
    /// The column (1 = the first) of the cell at fault, when it is one cell.
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for CsvMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(col)) => {
                write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message)
            }
            (Some(line), None) => write!(f, "{}:{line}: {}", self.path.display(), self.message),
            _ => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// The import failed; nothing was changed. Holds every error found (up to a limit).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct ImportError {
    pub errors: Vec<CsvMessage>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub systems_added: usize,
    pub systems_updated: usize,
    pub dependencies_added: usize,
    pub dependencies_updated: usize,
    pub warnings: Vec<CsvMessage>,
}

const MAX_ERRORS: usize = 50;
/// Columns of the systems file (only `id` is required).
pub const NODE_COLUMNS: &[&str] = &[
    "id",
    "label",
    "kind",
    "tech",
    "owner",
    "group",
    "criticality",
    "description",
    "capacity",
    "peak",
];
/// Columns of the dependencies file (`source` and `target` are required).
pub const EDGE_COLUMNS: &[&str] = &[
    "source",
    "target",
    "type",
    "protocol",
    "notes",
    "role",
    "label",
    "timeout_ms",
    "retries",
    "calls_per_request",
    "circuit_breaker",
    "blocking",
    "fallback",
];

mod read;
pub use read::CsvText;
use read::{Input, fill, read_edges, read_nodes};

/// Reads the CSV files and applies them to `ws` as one batch of edits: new systems and
/// dependencies are added, existing ones take the CSV's non-empty values, nothing is deleted.
/// Returns the batch's inverse (for undo) and a summary. On error `ws` is unchanged.
pub fn import_into(
    ws: &mut Workspace,
    nodes: Option<&Path>,
    edges: Option<&Path>,
) -> Result<(Op, ImportSummary), ImportError> {
    import_inputs(ws, nodes.map(Input::file), edges.map(Input::file))
}

/// [`import_into`] for CSV text already in memory.
pub fn import_text_into(
    ws: &mut Workspace,
    nodes: Option<CsvText<'_>>,
    edges: Option<CsvText<'_>>,
) -> Result<(Op, ImportSummary), ImportError> {
    import_inputs(ws, nodes.map(Input::text), edges.map(Input::text))
}

fn import_inputs(
    ws: &mut Workspace,
    nodes: Option<Input<'_>>,
    edges: Option<Input<'_>>,
) -> Result<(Op, ImportSummary), ImportError> {
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    let node_rows = nodes
        .map(|input| read_nodes(input, &mut warnings, &mut errors))
        .unwrap_or_default();
    let edge_rows = edges
        .map(|input| read_edges(input, &mut warnings, &mut errors))
        .unwrap_or_default();
    let (nodes, edges) = (nodes.map(|i| i.path), edges.map(|i| i.path));
    if !errors.is_empty() {
        return Err(ImportError { errors });
    }
    let mut summary = ImportSummary::default();
    let mut batch = Vec::new();
    for (id, row) in &node_rows {
        let old = ws.systems.get(id);
        let mut s = old.cloned().unwrap_or_else(|| {
            // A new system without a kind takes the one its name says ("Orders DB", "jaeger").
            let name = if row.label.is_empty() {
                &row.raw_id
            } else {
                &row.label
            };
            let kind = SystemKind::guess_from_name(name).unwrap_or_default();
            System::new(id.clone(), row.raw_id.clone()).with_kind(kind)
        });
        fill(&mut s.name, &row.label);
        fill(&mut s.tech, &row.tech);
        fill(&mut s.owner, &row.owner);
        fill(&mut s.group, &row.group);
        fill(&mut s.description, &row.description);
        if let Some(kind) = row.kind {
            s.kind = kind;
        }
        if let Some(c) = row.criticality {
            s.criticality = c;
        }
        s.capacity = row.capacity.or(s.capacity);
        s.peak_load = row.peak.or(s.peak_load);
        stage(
            old,
            s,
            &mut summary.systems_added,
            &mut summary.systems_updated,
            &mut batch,
        );
    }
    let mut created: BTreeMap<&str, u64> = BTreeMap::new();
    for row in edge_rows.values() {
        for end in [&row.from, &row.to] {
            if !node_rows.contains_key(end)
                && !ws.systems.contains_key(end)
                && !created.contains_key(end.as_str())
            {
                created.insert(end, row.line);
                warnings.push(CsvMessage {
                    path: edges.map(Path::to_path_buf).unwrap_or_default(),
                    line: Some(row.line),
                    column: None,
                    message: format!("system \"{end}\" is not in the nodes; it is created"),
                });
                summary.systems_added += 1;
                let kind = SystemKind::guess_from_name(end).unwrap_or_default();
                batch.push(Op::Add(
                    System::new(end.clone(), end.clone()).with_kind(kind).into(),
                ));
            }
        }
    }
    for (id, row) in &edge_rows {
        let old = ws.dependencies.get(id);
        let mut d = old
            .cloned()
            .unwrap_or_else(|| Dependency::new(row.from.clone(), row.to.clone(), row.kind));
        fill(&mut d.protocol, &row.protocol);
        fill(&mut d.notes, &row.notes);
        fill(&mut d.label, &row.label);
        if row.role.is_some() {
            d.role = row.role;
        }
        row.numbers.apply(&mut d);
        stage(
            old,
            d,
            &mut summary.dependencies_added,
            &mut summary.dependencies_updated,
            &mut batch,
        );
    }
    // Applied to a copy first: an imported system or dependency that a scenario already plans
    // to add would make the scenario invalid (and the file unloadable), so that is refused,
    // naming the scenario, and `ws` stays as it was.
    let mut trial = ws.clone();
    let path = nodes.or(edges).map(Path::to_path_buf).unwrap_or_default();
    let inverse = ops::apply(&mut trial, Op::Batch(batch)).map_err(|e| ImportError {
        errors: vec![CsvMessage {
            path: path.clone(),
            line: None,
            column: None,
            message: e.to_string(),
        }],
    })?;
    let clashes = scenario_clashes(&trial);
    if !clashes.is_empty() {
        // Each clash at the row that brought the system or dependency in.
        let at = |id: &str| {
            if let Some(row) = node_rows.get(id) {
                return (nodes.map(Path::to_path_buf), Some(row.line));
            }
            if let Some(row) = edge_rows.get(id) {
                return (edges.map(Path::to_path_buf), Some(row.line));
            }
            let first_use = edge_rows
                .values()
                .filter(|r| r.from == id || r.to == id)
                .map(|r| r.line)
                .min();
            (edges.map(Path::to_path_buf), first_use)
        };
        return Err(ImportError {
            errors: clashes
                .into_iter()
                .map(|(id, message)| {
                    let (file, line) = at(&id);
                    CsvMessage {
                        path: file.unwrap_or_else(|| path.clone()),
                        line,
                        column: None,
                        message,
                    }
                })
                .collect(),
        });
    }
    *ws = trial;
    summary.warnings = warnings;
    Ok((inverse, summary))
}

/// Stages `new` in `batch`: an addition when there is no `old`, an update when it differs from
/// it, counted in `added` or `updated`; nothing when it is the same.
pub(crate) fn stage<T>(
    old: Option<&T>,
    new: T,
    added: &mut usize,
    updated: &mut usize,
    batch: &mut Vec<Op>,
) where
    T: PartialEq,
    Item: From<T>,
{
    match old {
        None => {
            *added += 1;
            batch.push(Op::Add(new.into()));
        }
        Some(old) if *old != new => {
            *updated += 1;
            batch.push(Op::Update(new.into()));
        }
        Some(_) => {}
    }
}

/// Systems and dependencies the import put into the map that a scenario already adds (the
/// scenario would then add something that exists): each with the scenario's name and what to do.
pub(crate) fn scenario_clashes(ws: &Workspace) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for scenario in ws.scenarios.values() {
        for s in &scenario.added_systems {
            if ws.systems.contains_key(&s.id) {
                let free = crate::model::unique_id(s.id.clone(), |id| {
                    ws.systems.contains_key(id)
                        || ws
                            .scenarios
                            .values()
                            .any(|sc| sc.added_systems.iter().any(|a| a.id == id))
                });
                out.push((s.id.clone(), format!(
                    "the import adds system \"{}\", which scenario \"{}\" also adds as a planned \
                     system; rename it in the CSV (e.g. id `{free}`), or take it out of the \
                     scenario first",
                    s.id, scenario.name
                )));
            }
        }
        for d in &scenario.added_dependencies {
            if ws.dependencies.contains_key(&d.id()) {
                out.push((d.id(), format!(
                    "the import adds dependency {}, which scenario \"{}\" also adds as planned; \
                     leave it out of the CSV, or take it out of the scenario first",
                    d.id(),
                    scenario.name
                )));
            }
        }
    }
    out
}

/// Imports into a new workspace titled `title`.
pub fn import_new(
    title: &str,
    nodes: Option<&Path>,
    edges: Option<&Path>,
) -> Result<(Workspace, ImportSummary), ImportError> {
    let mut ws = Workspace::new(title);
    let (_, summary) = import_into(&mut ws, nodes, edges)?;
    Ok((ws, summary))
}

#[cfg(test)]
mod tests;
