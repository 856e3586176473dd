//! Reading the two CSV files into rows: header checks, cell parsing, messages at path:line.

use super::{
    AsyncRole, BTreeMap, Criticality, CsvMessage, DependencyType, EDGE_COLUMNS, MAX_ERRORS,
    NODE_COLUMNS, Path, PathBuf, SystemKind, is_slug, slugify,
};
use crate::model::{Dependency, Load, LoadUnit};

#[derive(Debug, Default, Clone)]
pub(super) struct NodeRow {
    /// The line the system first appears on.
    pub(super) line: u64,
    /// The id as written in the CSV, the name of a new system without a label.
    pub(super) raw_id: String,
    pub(super) label: String,
    pub(super) kind: Option<SystemKind>,
    pub(super) tech: String,
    pub(super) owner: String,
    pub(super) group: String,
    pub(super) criticality: Option<Criticality>,
    pub(super) description: String,
    pub(super) capacity: Option<Load>,
    pub(super) peak: Option<Load>,
}

/// The analysis figures of a dependency row; `None` where the cell is empty.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct EdgeNumbers {
    pub(super) timeout_ms: Option<u32>,
    pub(super) retries: Option<u32>,
    pub(super) calls_per_request: Option<u32>,
    pub(super) circuit_breaker: Option<bool>,
    pub(super) blocking: Option<bool>,
    pub(super) fallback: Option<bool>,
}

impl EdgeNumbers {
    /// Later non-empty values win.
    fn merge(&mut self, later: EdgeNumbers) {
        self.timeout_ms = later.timeout_ms.or(self.timeout_ms);
        self.retries = later.retries.or(self.retries);
        self.calls_per_request = later.calls_per_request.or(self.calls_per_request);
        self.circuit_breaker = later.circuit_breaker.or(self.circuit_breaker);
        self.blocking = later.blocking.or(self.blocking);
        self.fallback = later.fallback.or(self.fallback);
    }

    /// Sets the values the row has on `d`.
    pub(super) fn apply(&self, d: &mut Dependency) {
        if let Some(v) = self.timeout_ms {
            d.timeout_ms = Some(v);
        }
        if let Some(v) = self.retries {
            d.retries = v;
        }
        if let Some(v) = self.calls_per_request {
            d.calls_per_request = v;
        }
        if let Some(v) = self.circuit_breaker {
            d.circuit_breaker = v;
        }
        if let Some(v) = self.blocking {
            d.blocking = Some(v);
        }
        if let Some(v) = self.fallback {
            d.fallback = v;
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct EdgeRow {
    pub(super) line: u64,
    pub(super) from: String,
    pub(super) to: String,
    pub(super) kind: DependencyType,
    pub(super) protocol: String,
    pub(super) notes: String,
    pub(super) role: Option<AsyncRole>,
    pub(super) label: String,
    pub(super) numbers: EdgeNumbers,
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
pub(super) struct Input<'a> {
    pub(super) path: &'a Path,
    pub(super) bytes: Option<&'a [u8]>,
}

impl<'a> Input<'a> {
    pub(super) fn file(path: &'a Path) -> Self {
        Input { path, bytes: None }
    }
    pub(super) fn text(text: CsvText<'a>) -> Self {
        Input {
            path: text.path,
            bytes: Some(text.bytes),
        }
    }
}

type CsvReader<'a> = csv::Reader<Box<dyn std::io::Read + 'a>>;

pub(super) struct Reader {
    pub(super) path: PathBuf,
    pub(super) errors: Vec<CsvMessage>,
    pub(super) warnings: Vec<CsvMessage>,
}

impl Reader {
    pub(super) fn error(&mut self, line: Option<u64>, message: impl Into<String>) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(CsvMessage {
                path: self.path.clone(),
                line,
                column: None,
                message: message.into(),
            });
        }
    }
    pub(super) fn warn(&mut self, line: Option<u64>, message: impl Into<String>) {
        self.warnings.push(CsvMessage {
            path: self.path.clone(),
            line,
            column: None,
            message: message.into(),
        });
    }

    /// An error in one cell: `file:line:column: message`.
    fn error_at(&mut self, line: u64, column: usize, message: impl Into<String>) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(CsvMessage {
                path: self.path.clone(),
                line: Some(line),
                column: Some(column),
                message: message.into(),
            });
        }
    }

    /// The cell of column `name` parsed by `parse` (`None` when empty or bad; a bad value is
    /// an error at its cell, `parse`'s message after the column's name and the value).
    fn value<T>(
        &mut self,
        line: u64,
        record: &csv::StringRecord,
        columns: &BTreeMap<&str, usize>,
        name: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let text = cell(record, columns, name);
        if text.is_empty() {
            return None;
        }
        match parse(text) {
            Ok(v) => Some(v),
            Err(why) => {
                let column = columns.get(name).map_or(0, |i| i + 1);
                self.error_at(line, column, format!("{name} \"{text}\": {why}"));
                None
            }
        }
    }

    /// Opens the input and maps the header to column indexes of `known`; `required` must be
    /// there, and no known column twice.
    pub(super) fn open<'a>(
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

pub(super) fn io_text(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Io(io) => io.to_string(),
        _ => e.to_string(),
    }
}

pub(super) fn csv_text(e: &csv::Error) -> String {
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

pub(super) fn cell<'r>(
    record: &'r csv::StringRecord,
    columns: &BTreeMap<&str, usize>,
    name: &str,
) -> &'r str {
    columns
        .get(name)
        .and_then(|i| record.get(*i))
        .map_or("", |c| crate::io::export::unguard(c.trim()))
}

/// Reads rows, reporting malformed ones with their line.
pub(super) fn rows(
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
pub(super) fn id_from(reader: &mut Reader, line: u64, raw: &str, column: &str) -> Option<String> {
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

pub(super) fn read_nodes(
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
            let capacity = r.value(line, rec, &cols, "capacity", load);
            let peak = r.value(line, rec, &cols, "peak", load);
            let row = nodes.entry(id).or_default();
            row.capacity = capacity.or(row.capacity);
            row.peak = peak.or(row.peak);
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

/// A whole number of at most `u32::MAX`.
fn whole(text: &str) -> Result<u32, String> {
    text.parse::<u32>()
        .map_err(|_| format!("is not a whole number from 0 to {}", u32::MAX))
}

/// A whole number of at least 1.
fn at_least_one(text: &str) -> Result<u32, String> {
    match whole(text)? {
        0 => Err("must be at least 1".into()),
        n => Ok(n),
    }
}

fn yes_no(text: &str) -> Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" => Ok(true),
        "false" | "no" | "n" | "0" => Ok(false),
        _ => Err("expected true or false (or yes/no, 1/0)".into()),
    }
}

/// `1500 requests-per-sec`: a finite, non-negative number and a load unit.
fn load(text: &str) -> Result<Load, String> {
    let units = LoadUnit::expected();
    let Some((number, unit)) = text.split_once(char::is_whitespace) else {
        return Err(format!(
            "expected a number and a unit ({units}), e.g. \"500 queries\""
        ));
    };
    let value = number
        .replace(',', "")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .ok_or_else(|| format!("\"{number}\" is not a number of at least 0"))?;
    let unit = unit
        .trim()
        .to_ascii_lowercase()
        .parse::<LoadUnit>()
        .map_err(|e| e.to_string())?;
    Ok(Load { value, unit })
}

pub(super) fn fill(target: &mut String, value: &str) {
    if !value.is_empty() {
        value.clone_into(target);
    }
}

pub(super) fn read_edges(
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
            let numbers = EdgeNumbers {
                timeout_ms: r.value(line, rec, &cols, "timeout_ms", |t| {
                    at_least_one(t)
                        .map_err(|e| format!("{e} (leave it empty when there is no timeout)"))
                }),
                retries: r.value(line, rec, &cols, "retries", whole),
                calls_per_request: r.value(line, rec, &cols, "calls_per_request", at_least_one),
                circuit_breaker: r.value(line, rec, &cols, "circuit_breaker", yes_no),
                blocking: r.value(line, rec, &cols, "blocking", yes_no),
                fallback: r.value(line, rec, &cols, "fallback", yes_no),
            };
            let row = EdgeRow {
                line,
                numbers,
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
                    first.numbers.merge(row.numbers);
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
