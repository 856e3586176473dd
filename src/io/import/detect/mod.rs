//! Which reader a file needs, and reading several files (or folders) into one [`Found`].
//!
//! The format is given (`--format compose`) or detected from the name and the content: a
//! compose file by its name (`docker-compose*.yml`, `compose*.yaml`) or a `services:` mapping at
//! the top; Kubernetes manifests by `apiVersion` and `kind`; CSV by a header with `id` or
//! `source,target`; the text formats by their extension (and, once their readers are in this
//! binary, by their content). Files combine in the order given: compose files as overrides of
//! one another, manifests as one set. A folder stands for its files, sorted by name (not its
//! subfolders); what is not an artefact is listed as skipped. Nothing but the given files is
//! read, except the `.env` beside the first compose file. Each file is refused above
//! [`MAX_FILE_BYTES`].

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use super::{FileMessage, Found, compose, dot, jaeger, k8s, mermaid, structurizr};
use crate::io::csv_import::ImportError;

/// The largest artefact file read (a 1,000-service compose file is about 200 KB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// Files taken from one folder.
pub const MAX_FOLDER_FILES: usize = 10_000;

/// The artefact formats `depdig import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Csv,
    Compose,
    K8s,
    Structurizr,
    Dot,
    Mermaid,
    Jaeger,
}

impl Format {
    pub const ALL: &'static [Format] = &[
        Format::Csv,
        Format::Compose,
        Format::K8s,
        Format::Structurizr,
        Format::Dot,
        Format::Mermaid,
        Format::Jaeger,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Compose => "compose",
            Format::K8s => "k8s",
            Format::Structurizr => "structurizr",
            Format::Dot => "dot",
            Format::Mermaid => "mermaid",
            Format::Jaeger => "jaeger",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let word = s.trim().to_ascii_lowercase();
        let word = match word.as_str() {
            "docker-compose" => "compose",
            "kubernetes" => "k8s",
            "graphviz" | "gv" => "dot",
            "mmd" => "mermaid",
            "dsl" => "structurizr",
            w => w,
        };
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == word)
            .ok_or_else(|| {
                let words: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
                format!(
                    "unknown format \"{s}\"; expected auto, {}",
                    words.join(", ")
                )
            })
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// The format of a file from its name and content, if it is an artefact depdig reads.
pub fn detect(path: &Path, text: &str) -> Option<Format> {
    let ext = extension(path);
    match ext.as_str() {
        "yml" | "yaml" => {
            if k8s::looks_like(path, text) {
                Some(Format::K8s)
            } else if compose::looks_like(path, text) {
                Some(Format::Compose)
            } else {
                None
            }
        }
        "csv" => csv_role(text).map(|_| Format::Csv),
        _ => {
            // The specific readers first (a DSL workspace, a Jaeger file), then the diagrams.
            if structurizr::looks_like(path, text) {
                Some(Format::Structurizr)
            } else if jaeger::looks_like(path, text) {
                Some(Format::Jaeger)
            } else if dot::looks_like(path, text) {
                Some(Format::Dot)
            } else if mermaid::looks_like(path, text) {
                Some(Format::Mermaid)
            } else {
                None
            }
        }
    }
}

/// What a CSV file holds, by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvRole {
    Nodes,
    Edges,
}

/// Systems (`id,…`) or dependencies (`source,target,…`), from the header line.
pub fn csv_role(text: &str) -> Option<CsvRole> {
    let header = text.trim_start_matches('\u{feff}').lines().next()?;
    let columns: Vec<String> = header
        .split(',')
        .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
        .collect();
    let has = |c: &str| columns.iter().any(|x| x == c);
    if has("source") && has("target") {
        Some(CsvRole::Edges)
    } else if has("id") {
        Some(CsvRole::Nodes)
    } else {
        None
    }
}

/// Reads one file of a format whose files are read one by one.
fn read_one(format: Format, path: &Path, text: &str) -> Result<Found, ImportError> {
    match format {
        Format::Structurizr => structurizr::read(path, text),
        Format::Dot => dot::read(path, text),
        Format::Mermaid => mermaid::read(path, text),
        Format::Jaeger => jaeger::read(path, text),
        Format::Csv | Format::Compose | Format::K8s => Err(message(
            path,
            None,
            format!("{format} files are read together, not one by one"),
        )),
    }
}

fn message(path: &Path, line: Option<u64>, text: impl Into<String>) -> ImportError {
    ImportError {
        errors: vec![FileMessage {
            path: path.to_path_buf(),
            line,
            column: None,
            message: text.into(),
        }],
    }
}

/// A file's text, refused above [`MAX_FILE_BYTES`] or when it is not UTF-8.
pub fn read_text(path: &Path) -> Result<String, ImportError> {
    let meta =
        std::fs::metadata(path).map_err(|e| message(path, None, format!("cannot read: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(message(
            path,
            None,
            format!(
                "{} bytes; files over {} MB are refused",
                meta.len(),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let bytes =
        std::fs::read(path).map_err(|e| message(path, None, format!("cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|e| message(path, None, format!("not UTF-8 text: {e}")))
}

/// The files the paths stand for (a folder: its files, sorted), and the entries skipped.
fn expand(paths: &[PathBuf], found: &mut Found) -> Result<Vec<PathBuf>, ImportError> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let entries = std::fs::read_dir(p)
                .map_err(|e| message(p, None, format!("cannot read the folder: {e}")))?;
            let mut names: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            names.sort();
            if names.len() > MAX_FOLDER_FILES {
                return Err(message(
                    p,
                    None,
                    format!("more than {MAX_FOLDER_FILES} entries; refused"),
                ));
            }
            for n in names {
                if n.is_dir() {
                    found.skipped.push(FileMessage {
                        path: n,
                        line: None,
                        column: None,
                        message: "a folder inside a folder is not read".to_owned(),
                    });
                } else if n.file_name().is_some_and(|f| f == ".env") {
                    // Read with the compose file beside it, not as an artefact.
                } else {
                    files.push(n);
                }
            }
        } else {
            files.push(p.clone());
        }
    }
    Ok(files)
}

/// Reads the artefacts into one [`Found`]: each file in the given format, or the one detected;
/// a file in a folder that is no artefact is skipped with a note, a file named on its own that
/// is none is an error. CSV files are imported by `csv_import`, not here.
pub fn read_artefacts(paths: &[PathBuf], format: Option<Format>) -> Result<Found, ImportError> {
    let mut found = Found::default();
    let files = expand(paths, &mut found)?;
    let mut by_format: Vec<(Format, Vec<(PathBuf, String)>)> = Vec::new();
    for path in files {
        let named = paths.contains(&path);
        let text = read_text(&path)?;
        let detected = detect(&path, &text);
        let chosen = match (format, detected) {
            (Some(f), _) if named => Some(f),
            (Some(f), Some(d)) if f == d => Some(f),
            (Some(_), _) => None,
            (None, d) => d,
        };
        let Some(f) = chosen else {
            if named {
                return Err(message(
                    &path,
                    None,
                    "not an artefact depdig reads; give --format (compose, k8s, structurizr, dot, mermaid, jaeger)",
                ));
            }
            found.skipped.push(FileMessage {
                path,
                line: None,
                column: None,
                message: "not an artefact depdig reads".to_owned(),
            });
            continue;
        };
        match by_format.iter_mut().find(|(g, _)| *g == f) {
            Some((_, list)) => list.push((path, text)),
            None => by_format.push((f, vec![(path, text)])),
        }
    }
    for (f, list) in by_format {
        let part = match f {
            Format::Compose => {
                let env_path = list[0].0.with_file_name(".env");
                let env = if env_path.is_file() {
                    Some((env_path.clone(), read_text(&env_path)?))
                } else {
                    None
                };
                compose::read_files(&list, env.as_ref())?
            }
            Format::K8s => k8s::read_files(&list)?,
            Format::Csv => {
                return Err(message(
                    &list[0].0,
                    None,
                    "a CSV file is imported on its own (depdig import NODES.csv EDGES.csv), not with other artefacts",
                ));
            }
            other => {
                let mut part = Found::default();
                for (path, text) in &list {
                    part.extend(read_one(other, path, text)?);
                }
                part
            }
        };
        found.extend(part);
    }
    Ok(found)
}

#[cfg(test)]
mod tests;
