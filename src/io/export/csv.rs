//! The spreadsheet pair in exactly the columns `depdig import` reads (see
//! [`crate::io::csv_import`]), so export → edit → `import --into` round-trips.

use std::borrow::Cow;

use crate::model::Workspace;

/// First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
const FORMULA_STARTS: &[u8] = b"=+-@\t\r";

/// `true` if `cell` needs the `'` guard: it starts with a formula character, or with `'`s before
/// one (so a text that really starts `'=` keeps its own `'` through the round trip).
fn needs_guard(cell: &[u8]) -> bool {
    let rest = cell
        .iter()
        .position(|b| *b != b'\'')
        .map_or(&[][..], |i| &cell[i..]);
    rest.first().is_some_and(|b| FORMULA_STARTS.contains(b))
}

/// A cell made safe to open in a spreadsheet: a leading `'` when [`needs_guard`]. Negative
/// numbers (`-5`) are guarded too, as OWASP advises; the import removes exactly this prefix
/// ([`unguard`]), so every value reads back as it was written.
pub fn guard(cell: &[u8]) -> Cow<'_, [u8]> {
    if needs_guard(cell) {
        let mut out = Vec::with_capacity(cell.len() + 1);
        out.push(b'\'');
        out.extend_from_slice(cell);
        Cow::Owned(out)
    } else {
        Cow::Borrowed(cell)
    }
}

/// Removes the `'` that [`guard`] added (and nothing else): a cell that starts with `'` and,
/// after its `'`s, with a formula character.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest.as_bytes()) => rest,
        _ => cell,
    }
}

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
