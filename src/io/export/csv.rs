//! The spreadsheet pair in exactly the columns `depdig import` reads (see
//! [`crate::io::csv_import`]), so export → edit → `import --into` round-trips.

use crate::model::Workspace;

/// Header of the systems file: the columns the import reads.
pub const NODE_HEADER: &[&str] = crate::io::csv_import::NODE_COLUMNS;
/// Header of the dependencies file: the columns the import reads.
pub const EDGE_HEADER: &[&str] = crate::io::csv_import::EDGE_COLUMNS;

/// Every system, in id order: `id,label,kind,tech,owner,group,criticality,description`.
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
            ]
        }),
    )
}

/// Every dependency, in id order: `source,target,type,protocol,notes,role,label`.
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
            ]
        }),
    )
}
