//! The spreadsheet pair in exactly the columns `depdig import` reads (see
//! [`crate::io::csv_import`]), so export → edit → `import --into` round-trips.

use crate::model::Workspace;

/// Header of the systems file: the columns the import reads.
pub const NODE_HEADER: &[&str] = crate::io::csv_import::NODE_COLUMNS;
/// Header of the dependencies file: the columns the import reads.
pub const EDGE_HEADER: &[&str] = crate::io::csv_import::EDGE_COLUMNS;

/// A capacity or peak as the import reads it: `1500 requests-per-sec`; empty when unknown.
fn load(l: Option<crate::model::Load>) -> String {
    l.map(|l| format!("{} {}", l.value, l.unit))
        .unwrap_or_default()
}

/// Every system, in id order:
/// `id,label,kind,tech,owner,group,criticality,description,capacity,peak`.
pub fn nodes_csv(ws: &Workspace) -> std::io::Result<String> {
    crate::io::csv_text(
        NODE_HEADER,
        ws.systems.values().map(|s| {
            vec![
                s.id.clone(),
                s.name.clone(),
                s.kind.to_string(),
                s.tech.clone(),
                s.owner.clone(),
                s.group.clone(),
                s.criticality.to_string(),
                s.description.clone(),
                load(s.capacity),
                load(s.peak_load),
            ]
        }),
    )
}

/// Every dependency, in id order: `source,target,type,protocol,notes,role,label,timeout_ms,
/// retries,calls_per_request,circuit_breaker,blocking,fallback` (timeout and blocking empty when
/// not set).
pub fn edges_csv(ws: &Workspace) -> std::io::Result<String> {
    crate::io::csv_text(
        EDGE_HEADER,
        ws.dependencies.values().map(|d| {
            vec![
                d.from.clone(),
                d.to.clone(),
                d.kind.to_string(),
                d.protocol.clone(),
                d.notes.clone(),
                d.role.map(|r| r.to_string()).unwrap_or_default(),
                d.label.clone(),
                d.timeout_ms.map(|t| t.to_string()).unwrap_or_default(),
                d.retries.to_string(),
                d.calls_per_request.to_string(),
                d.circuit_breaker.to_string(),
                d.blocking.map(|b| b.to_string()).unwrap_or_default(),
                d.fallback.to_string(),
            ]
        }),
    )
}
