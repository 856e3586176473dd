//! A diff as text lines (names, not ids) and as a Markdown table; merge conflicts as text.

use super::{ChangeKind, Conflict, ConflictKind, ItemChange, WorkspaceDiff};

fn sign(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Added => "+",
        ChangeKind::Removed => "-",
        ChangeKind::Changed => "~",
        ChangeKind::Moved => ">",
    }
}

fn verb(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Added => "added",
        ChangeKind::Removed => "removed",
        ChangeKind::Changed => "changed",
        ChangeKind::Moved => "moved",
    }
}

/// The item as a reader names it: `system Orders service`, or the id when it has no name.
fn item(c: &ItemChange) -> String {
    let name = if c.name.trim().is_empty() {
        &c.id
    } else {
        &c.name
    };
    format!("{} {name}", c.collection.label())
}

/// Totals: `2 added, 1 removed, 3 changed, 1 moved` (kinds that occur).
pub fn summary(d: &WorkspaceDiff) -> String {
    let parts: Vec<String> = [
        ChangeKind::Added,
        ChangeKind::Removed,
        ChangeKind::Changed,
        ChangeKind::Moved,
    ]
    .into_iter()
    .filter_map(|k| {
        let n = d.changes.iter().filter(|c| c.kind == k).count();
        (n > 0).then(|| format!("{n} {}", verb(k)))
    })
    .collect();
    if parts.is_empty() {
        "no differences".to_owned()
    } else {
        parts.join(", ")
    }
}

/// One line per added or removed item and per changed field, then the totals.
pub fn text(d: &WorkspaceDiff) -> String {
    let mut out = String::new();
    for c in &d.changes {
        if c.fields.is_empty() {
            wl!(out, "{} {} {}", sign(c.kind), verb(c.kind), item(c));
        }
        for f in &c.fields {
            wl!(
                out,
                "{} {}: {} {} → {}",
                sign(c.kind),
                item(c),
                f.field,
                f.old,
                f.new
            );
        }
    }
    wl!(out, "{}", summary(d));
    out
}

/// A Markdown cell: pipes escaped, line breaks as `<br>`.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

/// A Markdown table: change, kind, item, field, old, new.
pub fn markdown(d: &WorkspaceDiff) -> String {
    let mut out = String::new();
    wl!(out, "# Differences\n");
    wl!(out, "{}\n", summary(d));
    if d.is_empty() {
        return out;
    }
    wl!(out, "| Change | Kind | Item | Field | Old | New |");
    wl!(out, "|---|---|---|---|---|---|");
    for c in &d.changes {
        let name = if c.name.trim().is_empty() {
            &c.id
        } else {
            &c.name
        };
        if c.fields.is_empty() {
            wl!(
                out,
                "| {} | {} | {} |  |  |  |",
                verb(c.kind),
                c.collection.label(),
                cell(name)
            );
        }
        for f in &c.fields {
            wl!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                verb(c.kind),
                c.collection.label(),
                cell(name),
                f.field,
                cell(&f.old),
                cell(&f.new)
            );
        }
    }
    out
}

/// One line per conflict, then one per field with our value and theirs.
pub fn conflicts_text(conflicts: &[Conflict]) -> String {
    let mut out = String::new();
    for c in conflicts {
        let name = if c.name.trim().is_empty() {
            &c.id
        } else {
            &c.name
        };
        wl!(
            out,
            "conflict: {} {name}: {}",
            c.collection.label(),
            c.kind.describe()
        );
        for f in &c.fields {
            match c.kind {
                ConflictKind::BothChanged | ConflictKind::BothAdded => {
                    wl!(out, "  {}: ours {} | theirs {}", f.field, f.old, f.new);
                }
                ConflictKind::DeletedByUs | ConflictKind::DeletedByThem => {
                    wl!(out, "  {} edited: {} → {}", f.field, f.old, f.new);
                }
                ConflictKind::Dangling => {
                    wl!(out, "  {}: {} → {}", f.field, f.old, f.new);
                }
            }
        }
    }
    out
}
