//! The spreadsheet pair in exactly the columns `depdig import` reads (see
//! [`crate::io::csv_import`]), so export → edit → `import --into` round-trips.

use crate::model::Workspace;

/// Header of the systems file: the columns the import reads.
pub const NODE_HEADER: &[&str] = crate::io::csv_import::NODE_COLUMNS;
/// Header of the dependencies file: the columns the import reads.
pub const EDGE_HEADER: &[&str] = crate::io::csv_import::EDGE_COLUMNS;

fn to_text(rows: impl Iterator<Item = Vec<String>>, header: &[&str]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let write = || -> csv::Result<()> {
        w.write_record(header)?;
        for row in rows {
            w.write_record(&row)?;
        }
        w.flush()?;
        Ok(())
    };
    // Writing into a Vec cannot fail; an error here would be a bug in the csv crate.
    let _ = write();
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Every system, in id order: `id,label,kind,tech,owner,group,criticality,description`.
pub fn nodes_csv(ws: &Workspace) -> String {
    to_text(
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
        NODE_HEADER,
    )
}

/// Every dependency, in id order: `source,target,type,protocol,notes,role,label`.
pub fn edges_csv(ws: &Workspace) -> String {
    to_text(
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
        EDGE_HEADER,
    )
}
