//! Spreadsheet import: `NODES.csv` (`id,label,kind,tech`, optional `owner,group,criticality,
//! description`) and `EDGES.csv` (`source,target,type,protocol,notes`, optional `role,label`).
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
use crate::ops::{self, Op};

/// One problem in an input file, at a line when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvMessage {
    pub path: PathBuf,
    pub line: Option<u64>,
    pub message: String,
}

impl fmt::Display for CsvMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
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
];
/// Columns of the dependencies file (`source` and `target` are required).
pub const EDGE_COLUMNS: &[&str] = &[
    "source", "target", "type", "protocol", "notes", "role", "label",
];

#[derive(Debug, Default, Clone)]
struct NodeRow {
    /// The line the system first appears on.
    line: u64,
    /// The id as written in the CSV, the name of a new system without a label.
    raw_id: String,
    label: String,
    kind: Option<SystemKind>,
    tech: String,
    owner: String,
    group: String,
    criticality: Option<Criticality>,
    description: String,
}

#[derive(Debug, Clone)]
struct EdgeRow {
    line: u64,
    from: String,
    to: String,
    kind: DependencyType,
    protocol: String,
    notes: String,
    role: Option<AsyncRole>,
    label: String,
}

/// CSV text already in memory (a fuzzer's input, a pasted table), with the name to use in
/// messages.
#[derive(Debug, Clone, Copy)]
pub struct CsvText<'a> {
    pub path: &'a Path,
    pub bytes: &'a [u8],
}

/// Where one CSV file is read from.
#[derive(Clone, Copy)]
struct Input<'a> {
    path: &'a Path,
    bytes: Option<&'a [u8]>,
}

impl<'a> Input<'a> {
    fn file(path: &'a Path) -> Self {
        Input { path, bytes: None }
    }
    fn text(text: CsvText<'a>) -> Self {
        Input {
            path: text.path,
            bytes: Some(text.bytes),
        }
    }
}

type CsvReader<'a> = csv::Reader<Box<dyn std::io::Read + 'a>>;

struct Reader {
    path: PathBuf,
    errors: Vec<CsvMessage>,
    warnings: Vec<CsvMessage>,
}

impl Reader {
    fn error(&mut self, line: Option<u64>, message: impl Into<String>) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(CsvMessage {
                path: self.path.clone(),
                line,
                message: message.into(),
            });
        }
    }
    fn warn(&mut self, line: Option<u64>, message: impl Into<String>) {
        self.warnings.push(CsvMessage {
            path: self.path.clone(),
            line,
            message: message.into(),
        });
    }

    /// Opens the input and maps the header to column indexes of `known`; `required` must be
    /// there, and no known column twice.
    fn open<'a>(
        &mut self,
        input: Input<'a>,
        known: &[&'static str],
        required: &[&str],
    ) -> Option<(CsvReader<'a>, BTreeMap<&'static str, usize>)> {
        let source: Box<dyn std::io::Read + 'a> = match input.bytes {
            Some(bytes) => Box::new(bytes),
            None => match std::fs::File::open(input.path) {
                Ok(file) => Box::new(file),
                Err(e) => {
                    self.error(None, format!("cannot read: {e}"));
                    return None;
                }
            },
        };
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(source);
        let headers = match rdr.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                self.error(
                    Some(1),
                    format!("cannot read the header row: {}", csv_text(&e)),
                );
                return None;
            }
        };
        let header_line = headers.position().map_or(1, csv::Position::line);
        let mut columns = BTreeMap::new();
        let mut repeated = false;
        for (i, name) in headers.iter().enumerate() {
            let name = name.trim().to_ascii_lowercase();
            match known.iter().find(|k| **k == name) {
                Some(k) => {
                    if let Some(first) = columns.insert(*k, i) {
                        repeated = true;
                        self.error(
                            Some(header_line),
                            format!(
                                "column \"{k}\" appears twice (columns {} and {}); \
                                 keep one, or rename the other so that it is not imported",
                                first + 1,
                                i + 1
                            ),
                        );
                    }
                }
                None => self.warn(
                    Some(header_line),
                    format!(
                        "column \"{name}\" is not imported (known columns: {})",
                        known.join(",")
                    ),
                ),
            }
        }
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|r| !columns.contains_key(r))
            .collect();
        if !missing.is_empty() {
            self.error(
                Some(header_line),
                format!(
                    "missing column{} {}; the header must include {} (found: {})",
                    if missing.len() > 1 { "s" } else { "" },
                    missing.join(", "),
                    required.join(","),
                    headers.iter().collect::<Vec<_>>().join(",")
                ),
            );
            return None;
        }
        if repeated {
            return None;
        }
        Some((rdr, columns))
    }
}

fn io_text(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Io(io) => io.to_string(),
        _ => e.to_string(),
    }
}

fn csv_text(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!(
                "this row has {len} fields but the header has {expected_len}; quote fields that contain commas"
            )
        }
        csv::ErrorKind::Utf8 { .. } => {
            "the row is not valid UTF-8; save the file as UTF-8 CSV".into()
        }
        _ => io_text(e),
    }
}

fn cell<'r>(record: &'r csv::StringRecord, columns: &BTreeMap<&str, usize>, name: &str) -> &'r str {
    columns
        .get(name)
        .and_then(|i| record.get(*i))
        .map_or("", str::trim)
}

/// Reads rows, reporting malformed ones with their line.
fn rows(
    reader: &mut Reader,
    rdr: &mut CsvReader<'_>,
    mut each: impl FnMut(&mut Reader, u64, &csv::StringRecord),
) {
    let mut record = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, csv::Position::line);
                if record.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                each(reader, line, &record);
            }
            Err(e) => {
                let line = e.position().map(csv::Position::line);
                reader.error(line, csv_text(&e));
                if !matches!(
                    e.kind(),
                    csv::ErrorKind::UnequalLengths { .. } | csv::ErrorKind::Utf8 { .. }
                ) {
                    break;
                }
            }
        }
    }
}

/// Maps a raw id to a slug, warning when it changes; `None` (with an error) if empty.
fn id_from(reader: &mut Reader, line: u64, raw: &str, column: &str) -> Option<String> {
    if raw.is_empty() {
        reader.error(Some(line), format!("the {column} is empty"));
        return None;
    }
    if is_slug(raw) {
        return Some(raw.to_owned());
    }
    let slug = slugify(raw);
    reader.warn(
        Some(line),
        format!("id \"{raw}\" is not a valid id; using \"{slug}\""),
    );
    Some(slug)
}

fn read_nodes(
    input: Input<'_>,
    warnings: &mut Vec<CsvMessage>,
    errors: &mut Vec<CsvMessage>,
) -> BTreeMap<String, NodeRow> {
    let mut reader = Reader {
        path: input.path.to_path_buf(),
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let mut nodes: BTreeMap<String, NodeRow> = BTreeMap::new();
    let mut raw_of: BTreeMap<String, (String, u64)> = BTreeMap::new();
    if let Some((mut rdr, cols)) = reader.open(input, NODE_COLUMNS, &["id"]) {
        rows(&mut reader, &mut rdr, |r, line, rec| {
            let raw = cell(rec, &cols, "id");
            let Some(id) = id_from(r, line, raw, "id") else {
                return;
            };
            if let Some((other_raw, other_line)) = raw_of.get(&id) {
                if other_raw != raw {
                    r.error(Some(line), format!("id \"{raw}\" becomes \"{id}\", the same as \"{other_raw}\" on line {other_line}; give them distinct ids"));
                    return;
                }
                r.warn(Some(line), format!("id \"{id}\" repeats line {other_line}; the rows are merged (later non-empty values win)"));
            } else {
                raw_of.insert(id.clone(), (raw.to_owned(), line));
            }
            let kind = match cell(rec, &cols, "kind") {
                "" => None,
                word => Some(
                    word.to_ascii_lowercase()
                        .parse::<SystemKind>()
                        .unwrap_or_else(|e| {
                            r.warn(Some(line), format!("{e}; using \"other\""));
                            SystemKind::Other
                        }),
                ),
            };
            let criticality = match cell(rec, &cols, "criticality") {
                "" => None,
                word => match word.to_ascii_lowercase().parse::<Criticality>() {
                    Ok(c) => Some(c),
                    Err(e) => {
                        r.error(Some(line), e.to_string());
                        None
                    }
                },
            };
            let row = nodes.entry(id).or_default();
            fill(&mut row.label, cell(rec, &cols, "label"));
            fill(&mut row.tech, cell(rec, &cols, "tech"));
            fill(&mut row.owner, cell(rec, &cols, "owner"));
            fill(&mut row.group, cell(rec, &cols, "group"));
            fill(&mut row.description, cell(rec, &cols, "description"));
            if row.raw_id.is_empty() {
                raw.clone_into(&mut row.raw_id);
                row.line = line;
            }
            row.kind = kind.or(row.kind);
            row.criticality = criticality.or(row.criticality);
        });
    }
    warnings.append(&mut reader.warnings);
    errors.append(&mut reader.errors);
    nodes
}

fn fill(target: &mut String, value: &str) {
    if !value.is_empty() {
        value.clone_into(target);
    }
}

fn read_edges(
    input: Input<'_>,
    warnings: &mut Vec<CsvMessage>,
    errors: &mut Vec<CsvMessage>,
) -> BTreeMap<String, EdgeRow> {
    let mut reader = Reader {
        path: input.path.to_path_buf(),
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let mut edges: BTreeMap<String, EdgeRow> = BTreeMap::new();
    if let Some((mut rdr, cols)) = reader.open(input, EDGE_COLUMNS, &["source", "target"]) {
        rows(&mut reader, &mut rdr, |r, line, rec| {
            let from = id_from(r, line, cell(rec, &cols, "source"), "source");
            let to = id_from(r, line, cell(rec, &cols, "target"), "target");
            let kind = match cell(rec, &cols, "type") {
                "" => Some(DependencyType::Sync),
                word => match word.to_ascii_lowercase().parse::<DependencyType>() {
                    Ok(t) => Some(t),
                    Err(e) => {
                        r.error(Some(line), e.to_string());
                        None
                    }
                },
            };
            let (Some(from), Some(to), Some(kind)) = (from, to, kind) else {
                return;
            };
            if from == to {
                r.error(
                    Some(line),
                    format!(
                        "\"{from}\" depends on itself; a dependency joins two different systems"
                    ),
                );
                return;
            }
            let role = match (cell(rec, &cols, "role"), kind) {
                ("", _) => None,
                (word, DependencyType::Async) => {
                    match word.to_ascii_lowercase().parse::<AsyncRole>() {
                        Ok(role) => Some(role),
                        Err(e) => {
                            r.error(Some(line), e.to_string());
                            return;
                        }
                    }
                }
                (word, _) => {
                    r.warn(
                        Some(line),
                        format!("role \"{word}\" is ignored: only async dependencies have a role"),
                    );
                    None
                }
            };
            let row = EdgeRow {
                line,
                from,
                to,
                kind,
                protocol: cell(rec, &cols, "protocol").to_owned(),
                notes: cell(rec, &cols, "notes").to_owned(),
                role,
                label: cell(rec, &cols, "label").to_owned(),
            };
            let id = crate::model::dependency_id(&row.from, &row.to, kind);
            match edges.get_mut(&id) {
                Some(first) => {
                    r.warn(
                        Some(line),
                        format!(
                            "dependency {id} repeats line {}; the rows are merged",
                            first.line
                        ),
                    );
                    fill(&mut first.protocol, &row.protocol);
                    fill(&mut first.notes, &row.notes);
                    fill(&mut first.label, &row.label);
                    first.role = row.role.or(first.role);
                }
                None => {
                    edges.insert(id, row);
                }
            }
        });
    }
    warnings.append(&mut reader.warnings);
    errors.append(&mut reader.errors);
    edges
}

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
        let mut s = old
            .cloned()
            .unwrap_or_else(|| System::new(id.clone(), row.raw_id.clone()));
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
        match old {
            None => {
                summary.systems_added += 1;
                batch.push(Op::Add(s.into()));
            }
            Some(old) if *old != s => {
                summary.systems_updated += 1;
                batch.push(Op::Update(s.into()));
            }
            Some(_) => {}
        }
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
                    message: format!("system \"{end}\" is not in the nodes; it is created"),
                });
                summary.systems_added += 1;
                batch.push(Op::Add(System::new(end.clone(), end.clone()).into()));
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
        match old {
            None => {
                summary.dependencies_added += 1;
                batch.push(Op::Add(d.into()));
            }
            Some(old) if *old != d => {
                summary.dependencies_updated += 1;
                batch.push(Op::Update(d.into()));
            }
            Some(_) => {}
        }
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

/// Systems and dependencies the import put into the map that a scenario already adds (the
/// scenario would then add something that exists): each with the scenario's name and what to do.
pub fn scenario_clashes(ws: &Workspace) -> Vec<(String, String)> {
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
