//! A Mermaid flowchart: groups as subgraphs, kinds as shapes (and a class word depdig reads
//! back), dependency types as arrow styles (`-->` sync, `-.->` async, `==>` data) with the type
//! word in the link text where the style does not say it. Every label is quoted with Mermaid's
//! entity codes for the characters that would end it, so any name is valid Mermaid.

use std::collections::{BTreeMap, BTreeSet};

use super::{by_group, one_line, type_word};
use crate::io::import::text::type_words;
use crate::model::{DependencyType, SystemKind, Workspace};

/// Words Mermaid reads as syntax where a node id stands.
const KEYWORDS: &[&str] = &[
    "end",
    "graph",
    "flowchart",
    "subgraph",
    "style",
    "classdef",
    "class",
    "click",
    "linkstyle",
    "direction",
    "default",
    "call",
    "href",
    "callback",
    "interpolate",
    "acctitle",
    "accdescr",
    "title",
];

fn safe_id(id: &str) -> bool {
    let ascii = id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    ascii
        && !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && !KEYWORDS.contains(&id.to_ascii_lowercase().as_str())
}

/// A label inside `"…"`: the characters that would end or change it as entity codes.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in one_line(text).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            '|' => out.push_str("#124;"),
            '&' => out.push_str("#amp;"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn shape(kind: SystemKind, label: &str) -> String {
    let (open, close) = match kind {
        SystemKind::Database | SystemKind::Cache => ("[(", ")]"),
        SystemKind::Queue => (">", "]"),
        SystemKind::Ui => ("[/", "/]"),
        SystemKind::Gateway => ("{{", "}}"),
        SystemKind::External => ("[[", "]]"),
        SystemKind::Team => ("((", "))"),
        SystemKind::BatchJob => ("[\\", "\\]"),
        SystemKind::Config => ("[/", "\\]"),
        SystemKind::Observability => ("([", "])"),
        SystemKind::Service => ("[", "]"),
        SystemKind::Other => ("(", ")"),
    };
    format!("{open}{}{close}", quoted(label))
}

fn fill(kind: SystemKind) -> &'static str {
    match kind {
        SystemKind::Database | SystemKind::Cache => "fill:#dbeafe,stroke:#1d4ed8",
        SystemKind::Queue => "fill:#fef3c7,stroke:#b45309",
        SystemKind::Ui | SystemKind::Gateway => "fill:#dcfce7,stroke:#15803d",
        SystemKind::External => "fill:#f3f4f6,stroke:#6b7280,stroke-dasharray:4 3",
        SystemKind::Team => "fill:#fce7f3,stroke:#be185d",
        SystemKind::Observability => "fill:#ede9fe,stroke:#6d28d9",
        _ => "fill:#ffffff,stroke:#374151",
    }
}

/// The workspace as a Mermaid flowchart.
pub fn mermaid(ws: &Workspace) -> String {
    let mut out = String::new();
    wl!(out, "flowchart LR");
    if !ws.title.trim().is_empty() {
        wl!(out, "  %% {}", one_line(&ws.title));
    }
    // Node ids: the map id where Mermaid takes it as it is, else n1, n2 … (the label keeps the name).
    let taken: BTreeSet<&str> = ws
        .systems
        .keys()
        .map(String::as_str)
        .filter(|id| safe_id(id))
        .collect();
    let mut ids: BTreeMap<&str, String> = BTreeMap::new();
    let fresh = |prefix: &str, n: &mut usize| loop {
        *n += 1;
        let id = format!("{prefix}{n}");
        if !taken.contains(id.as_str()) {
            return id;
        }
    };
    let (mut nodes, mut groups) = (0, 0);
    for id in ws.systems.keys() {
        let node = if safe_id(id) {
            id.clone()
        } else {
            fresh("n", &mut nodes)
        };
        ids.insert(id, node);
    }
    let mut kinds = BTreeSet::new();
    for (group, systems) in by_group(ws) {
        let indent = if group.is_empty() {
            "  "
        } else {
            wl!(
                out,
                "  subgraph {}[{}]",
                fresh("group_", &mut groups),
                quoted(group)
            );
            "    "
        };
        for s in systems {
            kinds.insert(s.kind);
            wl!(
                out,
                "{indent}{}{}:::{}",
                ids[s.id.as_str()],
                shape(s.kind, &s.name),
                s.kind
            );
        }
        if !group.is_empty() {
            wl!(out, "  end");
        }
    }
    for d in ws.dependencies.values() {
        let dotted = d.kind == DependencyType::Async;
        let arrow = match d.kind {
            DependencyType::Async => "-.->",
            DependencyType::Data => "==>",
            _ => "-->",
        };
        let label = one_line(&d.label);
        // A label that itself starts with a type word needs the type written before it.
        let looks_typed = type_words(label.split(':').next().unwrap_or(""))
            .0
            .is_some();
        let word = type_word(ws, d, dotted).or_else(|| looks_typed.then(|| d.kind.to_string()));
        let text = match (word, label.is_empty()) {
            (Some(w), true) => w,
            (Some(w), false) => format!("{w}: {label}"),
            (None, _) => label,
        };
        let (from, to) = (&ids[d.from.as_str()], &ids[d.to.as_str()]);
        if text.is_empty() {
            wl!(out, "  {from} {arrow} {to}");
        } else {
            wl!(out, "  {from} {arrow}|{}| {to}", quoted(&text));
        }
    }
    for k in kinds {
        wl!(out, "  classDef {k} {}", fill(k));
    }
    out
}
