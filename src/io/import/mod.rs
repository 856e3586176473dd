//! Dependency archaeology from artefacts: what a compose file, a manifest, a DSL workspace, a
//! diagram or a trace file says about systems and dependencies, and how that goes into a map.
//!
//! Every reader turns its files into one [`Found`]: systems and dependencies, each with the
//! places ([`Source`], `file:line` and the text) that say so. [`apply_found`] puts a `Found`
//! into a workspace as one batch of edits (one undo step in the app), the same way for every
//! format; drift compares a `Found` with a map. Nothing in an artefact is ever executed or
//! followed to another file.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::PathBuf;

use crate::io::csv_import::{CsvMessage, ImportError, ImportSummary, scenario_clashes, stage};
use crate::model::{
    AsyncRole, Dependency, DependencyType, System, SystemKind, TimeWindow, Workspace,
    dependency_id, is_slug, slugify,
};
use crate::ops::{self, Op};

pub mod compose;
pub mod detect;
pub mod dot;
pub mod drift;
pub mod hosts;
pub mod jaeger;
pub mod k8s;
pub mod mermaid;
pub mod structurizr;
pub(crate) mod text;
pub mod yaml;

/// A message about a place in an input file (`file:line:col: message`).
pub type FileMessage = CsvMessage;

/// Where an artefact says something: the file, the line (1 = the first) and the text there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    pub path: PathBuf,
    pub line: Option<u64>,
    /// The words that say it, trimmed (e.g. `MONGO_HOST=user-db:27017`).
    pub text: String,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, line: Option<u64>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            line,
            text: text.into().trim().to_owned(),
        }
    }
}

/// `docker-compose.yml:57 MONGO_HOST=user-db:27017` (the file name, not the whole path).
impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        match self.line {
            Some(line) => write!(f, "{name}:{line}")?,
            None => write!(f, "{name}")?,
        }
        if !self.text.is_empty() {
            write!(f, " {}", self.text)?;
        }
        Ok(())
    }
}

/// A system an artefact names. Empty texts and `None` say nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundSystem {
    /// The map id (a slug; [`Found::system`] makes one from any name).
    pub id: String,
    pub name: String,
    /// `None`: the kind the name says, else a service.
    pub kind: Option<SystemKind>,
    pub tech: String,
    pub group: String,
    pub description: String,
    pub tags: Vec<String>,
    pub windows: Vec<TimeWindow>,
    pub source: Source,
}

/// A dependency an artefact shows, `from` needs `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDependency {
    pub from: String,
    pub to: String,
    pub kind: DependencyType,
    pub role: Option<AsyncRole>,
    pub protocol: String,
    pub label: String,
    /// Every place that shows it (the first one first).
    pub sources: Vec<Source>,
}

/// What a set of artefact files says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// By id, in the order found.
    pub systems: Vec<FoundSystem>,
    pub dependencies: Vec<FoundDependency>,
    /// Read, but worth knowing (an unknown key, a guess made).
    pub warnings: Vec<FileMessage>,
    /// Left out on purpose and never followed: `!include`, `!script`, other files, code.
    pub skipped: Vec<FileMessage>,
}

impl Found {
    /// The system with this id, if found.
    pub fn system(&self, id: &str) -> Option<&FoundSystem> {
        self.systems.iter().find(|s| s.id == id)
    }

    /// Adds a system, or fills what an earlier mention left empty (the first word wins).
    pub fn add_system(&mut self, system: FoundSystem) {
        if let Some(old) = self.systems.iter_mut().find(|s| s.id == system.id) {
            fill(&mut old.name, &system.name);
            fill(&mut old.tech, &system.tech);
            fill(&mut old.group, &system.group);
            fill(&mut old.description, &system.description);
            old.kind = old.kind.or(system.kind);
            for t in system.tags {
                if !old.tags.contains(&t) {
                    old.tags.push(t);
                }
            }
            for w in system.windows {
                if !old.windows.contains(&w) {
                    old.windows.push(w);
                }
            }
        } else {
            self.systems.push(system);
        }
    }

    /// Adds a dependency, or adds its sources to the same one found before (same ends and
    /// type). A dependency of a system on itself is dropped.
    pub fn add_dependency(&mut self, dep: FoundDependency) {
        if dep.from == dep.to {
            return;
        }
        if let Some(old) = self
            .dependencies
            .iter_mut()
            .find(|d| d.from == dep.from && d.to == dep.to && d.kind == dep.kind)
        {
            merge_dependency(old, dep);
        } else {
            self.dependencies.push(dep);
        }
    }

    /// [`Found::add_dependency`] for each of `deps` in order, with the same result, in linear
    /// time (a compose file of 1,000 services names ~10,000 dependencies).
    pub fn add_dependencies(&mut self, deps: impl IntoIterator<Item = FoundDependency>) {
        let mut index: HashMap<(String, String, DependencyType), usize> = HashMap::new();
        for (i, d) in self.dependencies.iter().enumerate() {
            index
                .entry((d.from.clone(), d.to.clone(), d.kind))
                .or_insert(i);
        }
        for dep in deps {
            if dep.from == dep.to {
                continue;
            }
            let key = (dep.from.clone(), dep.to.clone(), dep.kind);
            if let Some(&i) = index.get(&key) {
                merge_dependency(&mut self.dependencies[i], dep);
            } else {
                index.insert(key, self.dependencies.len());
                self.dependencies.push(dep);
            }
        }
    }

    /// Everything `other` says, after what this one says (a later file adds to an earlier one).
    pub fn extend(&mut self, other: Found) {
        for s in other.systems {
            self.add_system(s);
        }
        self.add_dependencies(other.dependencies);
        self.warnings.extend(other.warnings);
        self.skipped.extend(other.skipped);
    }
}

/// The map id for a name an artefact uses (`user-db`, `Orders DB` → `orders-db`).
pub fn id_for(name: &str) -> String {
    if is_slug(name) {
        name.to_owned()
    } else {
        slugify(name)
    }
}

/// What a later mention of the same dependency adds: empty texts, a role, its sources.
fn merge_dependency(old: &mut FoundDependency, dep: FoundDependency) {
    fill(&mut old.protocol, &dep.protocol);
    fill(&mut old.label, &dep.label);
    old.role = old.role.or(dep.role);
    for s in dep.sources {
        if !old.sources.contains(&s) {
            old.sources.push(s);
        }
    }
}

fn fill(field: &mut String, value: &str) {
    if field.is_empty() && !value.is_empty() {
        *field = value.to_owned();
    }
}

/// The notes line for each source not already in `notes`, appended.
fn add_sources(notes: &mut String, sources: &[Source]) {
    for s in sources {
        let line = s.to_string();
        if !notes.lines().any(|l| l.trim() == line) {
            if !notes.is_empty() {
                notes.push('\n');
            }
            notes.push_str(&line);
        }
    }
}

/// Puts what the artefacts say into `ws` as one batch of edits: new systems and dependencies
/// are added (a dependency's notes say where it came from); a system or dependency already on
/// the map keeps every field it has — only empty texts are filled, tags and time windows added,
/// and missing source lines appended to a dependency's notes. Nothing is deleted. An end that
/// no artefact declares is created with a warning. On error `ws` is unchanged.
pub fn apply_found(ws: &mut Workspace, found: &Found) -> Result<(Op, ImportSummary), ImportError> {
    let mut summary = ImportSummary {
        warnings: found.warnings.clone(),
        ..ImportSummary::default()
    };
    let mut batch = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for f in &found.systems {
        if !seen.insert(&f.id) {
            continue;
        }
        let old = ws.systems.get(&f.id);
        let mut s = old.cloned().unwrap_or_else(|| {
            let name = if f.name.is_empty() { &f.id } else { &f.name };
            let kind = f
                .kind
                .or_else(|| SystemKind::guess_from_name(name))
                .unwrap_or_default();
            System::new(f.id.clone(), name.clone()).with_kind(kind)
        });
        fill(&mut s.tech, &f.tech);
        fill(&mut s.group, &f.group);
        fill(&mut s.description, &f.description);
        for t in &f.tags {
            if !s.tags.contains(t) {
                s.tags.push(t.clone());
            }
        }
        for w in &f.windows {
            if !s.windows.contains(w) {
                s.windows.push(w.clone());
            }
        }
        stage(
            old,
            s,
            &mut summary.systems_added,
            &mut summary.systems_updated,
            &mut batch,
        );
    }
    let mut created: BTreeSet<&str> = BTreeSet::new();
    for d in &found.dependencies {
        for end in [&d.from, &d.to] {
            if !seen.contains(end.as_str()) && !ws.systems.contains_key(end) && created.insert(end)
            {
                let at = d.sources.first();
                summary.warnings.push(FileMessage {
                    path: at.map(|s| s.path.clone()).unwrap_or_default(),
                    line: at.and_then(|s| s.line),
                    column: None,
                    message: format!("system \"{end}\" is not declared; it is created"),
                });
                summary.systems_added += 1;
                let kind = SystemKind::guess_from_name(end).unwrap_or_default();
                batch.push(Op::Add(
                    System::new(end.clone(), end.clone()).with_kind(kind).into(),
                ));
            }
        }
    }
    let mut deps_seen = BTreeSet::new();
    for f in &found.dependencies {
        let id = dependency_id(&f.from, &f.to, f.kind);
        if f.from == f.to || !deps_seen.insert(id.clone()) {
            continue;
        }
        let old = ws.dependencies.get(&id);
        let mut d = old
            .cloned()
            .unwrap_or_else(|| Dependency::new(f.from.clone(), f.to.clone(), f.kind));
        fill(&mut d.protocol, &f.protocol);
        fill(&mut d.label, &f.label);
        // A new dependency takes the role found (`Dependency::new` defaults async to produces);
        // one on the map keeps its own.
        if f.kind == DependencyType::Async && (old.is_none() || d.role.is_none()) {
            d.role = f.role.or(d.role);
        }
        add_sources(&mut d.notes, &f.sources);
        stage(
            old,
            d,
            &mut summary.dependencies_added,
            &mut summary.dependencies_updated,
            &mut batch,
        );
    }
    let mut trial = ws.clone();
    let path = found
        .systems
        .first()
        .map(|s| s.source.path.clone())
        .unwrap_or_default();
    let inverse = ops::apply(&mut trial, Op::Batch(batch)).map_err(|e| ImportError {
        errors: vec![FileMessage {
            path: path.clone(),
            line: None,
            column: None,
            message: e.to_string(),
        }],
    })?;
    let clashes = scenario_clashes(&trial);
    if !clashes.is_empty() {
        return Err(ImportError {
            errors: clashes
                .into_iter()
                .map(|(id, message)| {
                    let at = found.system(&id).map(|s| &s.source).or_else(|| {
                        found
                            .dependencies
                            .iter()
                            .find(|d| dependency_id(&d.from, &d.to, d.kind) == id)
                            .and_then(|d| d.sources.first())
                    });
                    FileMessage {
                        path: at.map_or_else(|| path.clone(), |s| s.path.clone()),
                        line: at.and_then(|s| s.line),
                        column: None,
                        message,
                    }
                })
                .collect(),
        });
    }
    *ws = trial;
    Ok((inverse, summary))
}

#[cfg(test)]
mod tests;
