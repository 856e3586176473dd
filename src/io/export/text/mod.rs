//! The map as text other tools read: a Mermaid flowchart (`.mmd`, renders in GitHub, GitLab
//! and Confluence), Graphviz DOT (`.dot`, `.gv`) and a Structurizr DSL workspace (`.dsl`).
//!
//! Each keeps what the format can hold and what depdig's readers
//! ([`crate::io::import`]) read back: systems with their names, kinds, groups and
//! descriptions; dependencies with their types (and async roles), labels and protocols. Kinds
//! are written as a class or tag word (`:::database`, `class="database"`, tag `database`) beside
//! a shape that shows them; types as arrow styles plus the type word where the style alone
//! would not say it. Output is deterministic (systems and dependencies in id order).

mod dot;
mod mermaid;
mod structurizr;

use std::collections::BTreeMap;
use std::path::Path;

use crate::io::import::text::untyped_line;
use crate::model::{AsyncRole, Dependency, DependencyType, System, Workspace};

pub use dot::dot;
pub use mermaid::mermaid;
pub use structurizr::structurizr;

/// A text format, chosen by the output's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    Mermaid,
    Dot,
    Structurizr,
}

impl TextFormat {
    /// `.mmd`/`.mermaid`, `.dot`/`.gv`, `.dsl` (case-insensitive); `None` for anything else.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "mmd" | "mermaid" => Some(TextFormat::Mermaid),
            "dot" | "gv" => Some(TextFormat::Dot),
            "dsl" => Some(TextFormat::Structurizr),
            _ => None,
        }
    }

    /// The workspace in this format.
    pub fn write(self, ws: &Workspace) -> String {
        match self {
            TextFormat::Mermaid => mermaid(ws),
            TextFormat::Dot => dot(ws),
            TextFormat::Structurizr => structurizr(ws),
        }
    }
}

/// Systems by group (`""` = no group), groups in name order, systems in id order.
fn by_group(ws: &Workspace) -> BTreeMap<&str, Vec<&System>> {
    let mut out: BTreeMap<&str, Vec<&System>> = BTreeMap::new();
    for s in ws.systems.values() {
        out.entry(s.group.trim()).or_default().push(s);
    }
    out
}

/// The type word a line must carry (`timing`, `async consumes`, `sync`), or `None` when the
/// line's style (`dotted` for async) and its ends' kinds already say the type and role to
/// depdig's readers.
fn type_word(ws: &Workspace, d: &Dependency, dotted: bool) -> Option<String> {
    let kind = |id: &str| ws.systems.get(id).map(|s| s.kind);
    let role = (d.kind == DependencyType::Async).then(|| d.role.unwrap_or(AsyncRole::Produces));
    let said = untyped_line(kind(&d.from), kind(&d.to), dotted, &d.label);
    if said == (false, d.kind, role) {
        return None;
    }
    Some(match role {
        Some(r) => format!("{} {r}", d.kind),
        None => d.kind.to_string(),
    })
}

/// Text on one line: line breaks and tabs as spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `"…"` with the escapes DOT and the Structurizr DSL share: a backslash doubled, a quote
/// escaped; on one line.
pub(super) fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in one_line(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests;
