//! Graphviz DOT: groups as clusters, kinds as shapes (and `class`, which depdig reads back),
//! dependency types as edge styles (dashed async, bold data, dotted batch) with the type in
//! `class`. Every id and label is quoted and escaped.

use super::{by_group, quoted};
use crate::model::{DependencyType, SystemKind, Workspace};

fn shape(kind: SystemKind) -> &'static str {
    match kind {
        SystemKind::Database | SystemKind::Cache => "cylinder",
        SystemKind::Queue => "cds",
        SystemKind::Ui => "tab",
        SystemKind::Gateway => "hexagon",
        SystemKind::External => "box3d",
        SystemKind::Team => "ellipse",
        SystemKind::BatchJob => "component",
        SystemKind::Config => "note",
        SystemKind::Observability => "octagon",
        SystemKind::Service | SystemKind::Other => "box",
    }
}

/// The workspace as a DOT digraph.
pub fn dot(ws: &Workspace) -> String {
    let mut out = String::new();
    wl!(out, "digraph {} {{", quoted(&ws.title));
    wl!(out, "  graph [rankdir=LR, fontname=\"Helvetica\"]");
    wl!(
        out,
        "  node [shape=box, style=rounded, fontname=\"Helvetica\"]"
    );
    wl!(out, "  edge [fontname=\"Helvetica\"]");
    for (i, (group, systems)) in by_group(ws).into_iter().enumerate() {
        let indent = if group.is_empty() {
            "  "
        } else {
            wl!(out, "  subgraph \"cluster_{}\" {{", i + 1);
            wl!(out, "    label={}", quoted(group));
            "    "
        };
        for s in systems {
            let tooltip = if s.description.trim().is_empty() {
                String::new()
            } else {
                format!(", tooltip={}", quoted(&s.description))
            };
            wl!(
                out,
                "{indent}{} [label={}, shape={}, class=\"{}\"{tooltip}]",
                quoted(&s.id),
                quoted(&s.name),
                shape(s.kind),
                s.kind
            );
        }
        if !group.is_empty() {
            wl!(out, "  }}");
        }
    }
    for d in ws.dependencies.values() {
        let style = match d.kind {
            DependencyType::Async => ", style=dashed",
            DependencyType::Data => ", style=bold",
            DependencyType::Batch => ", style=dotted",
            _ => "",
        };
        let class = match (d.kind, d.role) {
            (DependencyType::Async, Some(r)) => format!("{} {r}", d.kind),
            _ => d.kind.to_string(),
        };
        let label = if d.label.trim().is_empty() {
            String::new()
        } else {
            format!("label={}, ", quoted(&d.label))
        };
        wl!(
            out,
            "  {} -> {} [{label}class=\"{class}\"{style}]",
            quoted(&d.from),
            quoted(&d.to)
        );
    }
    wl!(out, "}}");
    out
}
