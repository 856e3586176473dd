//! Mermaid flowcharts (`graph`/`flowchart` TD, LR …), from a `.mmd` file or every ```mermaid
//! block of a Markdown file (lines counted in the Markdown file).
//!
//! Each node is a system (id from the node id, name from its label); a cylinder `[( )]` is a
//! database, a `:::kind` class naming a depdig kind that kind. Each link is a dependency of its
//! left end on its right end (chains `a --> b --> c` and `a & b --> c` too; `<-->` both ways):
//! on a database or cache it is `data`, a dotted link `-.->` is `async`, link text naming a
//! dependency type (`-->|timing: nightly|`, as the export writes it) that type, else `sync`
//! (or `async` when the text says so). Edge ids (`e1@-->`, Mermaid 11) are not systems; a
//! statement ending in a link goes on on the next line. Subgraphs are groups (the innermost
//! one; a subgraph titled "… legend" is a key and is skipped). `classDef`,
//! `class`, `style`, `linkStyle` and directives are ignored; `click` is never followed (it is
//! listed as skipped). Other diagram types are skipped with a warning.

mod lex;

use std::collections::HashMap;
use std::path::Path;

use lex::{Chain, Node, Stroke};

use super::text::{Line, add_line, error_at, has_extension, message_at, system, type_words};
use super::{Found, Source, id_for};
use crate::io::csv_import::ImportError;
use crate::model::{AsyncRole, DependencyType, SystemKind};

/// A `.mmd`/`.mermaid` file, Markdown with a mermaid block, or text starting `graph`/`flowchart`.
pub fn looks_like(path: &Path, text: &str) -> bool {
    if has_extension(path, &["mmd", "mermaid"]) {
        return true;
    }
    if has_extension(path, &["md", "markdown"]) {
        return text.lines().any(|l| fence_language(l) == Some("mermaid"));
    }
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("%%"))
        .is_some_and(|l| header(l).is_some())
}

pub fn read(path: &Path, text: &str) -> Result<Found, ImportError> {
    let mut found = Found::default();
    if has_extension(path, &["md", "markdown"]) {
        let mut block: Option<(usize, Vec<&str>)> = None;
        for (i, line) in text.lines().enumerate() {
            match &mut block {
                None if fence_language(line) == Some("mermaid") => {
                    block = Some((i + 1, Vec::new()));
                }
                None => {}
                Some((first, lines)) => {
                    if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~")
                    {
                        diagram(path, *first, lines, &mut found)?;
                        block = None;
                    } else {
                        lines.push(line);
                    }
                }
            }
        }
        if let Some((first, lines)) = block {
            diagram(path, first, &lines, &mut found)?;
        }
    } else {
        let lines: Vec<&str> = text.lines().collect();
        diagram(path, 0, &lines, &mut found)?;
    }
    Ok(found)
}

/// The language of a Markdown code fence line (```` ```mermaid ````), if it is one.
fn fence_language(line: &str) -> Option<&str> {
    let l = line.trim_start();
    let rest = l.strip_prefix("```").or_else(|| l.strip_prefix("~~~"))?;
    Some(
        rest.trim_start_matches(['`', '~'])
            .split_whitespace()
            .next()
            .unwrap_or(""),
    )
}

/// `graph TD` / `flowchart LR` (the direction is optional).
/// `graph TD` / `flowchart LR` (the direction is optional; `graph G {` is DOT, not this).
fn header(line: &str) -> Option<()> {
    let head = line.split(';').next().unwrap_or("");
    let mut words = head.split_whitespace();
    let first = words.next()?;
    let direction = words.next();
    let ok = matches!(first, "graph" | "flowchart" | "flowchart-elk")
        && direction.is_none_or(|d| matches!(d, "TB" | "TD" | "BT" | "RL" | "LR"))
        && words.next().is_none();
    ok.then_some(())
}

struct State<'a> {
    path: &'a Path,
    /// Open subgraphs: (id, title).
    groups: Vec<(String, String)>,
    subgraph_ids: Vec<String>,
    /// The id as written, by map id (the name of a node without a label).
    written: HashMap<String, String>,
    /// How deep in subgraphs each node was placed (a deeper mention moves it in).
    depth: HashMap<String, usize>,
    /// Inside a subgraph titled "… legend …": a key, not systems.
    legend: usize,
    /// Edge ids (`e1@-->`), as map ids.
    edge_ids: Vec<String>,
    /// Links, typed once every node's shape is known.
    links: Vec<(Node, Node, lex::Link, Source)>,
}

/// One diagram whose first line is line `offset + 1` of the file.
fn diagram(
    path: &Path,
    offset: usize,
    lines: &[&str],
    found: &mut Found,
) -> Result<(), ImportError> {
    let mut st = State {
        path,
        groups: Vec::new(),
        subgraph_ids: Vec::new(),
        written: HashMap::new(),
        depth: HashMap::new(),
        legend: 0,
        edge_ids: Vec::new(),
        links: Vec::new(),
    };
    let mut seen_header = false;
    let mut in_front_matter = false;
    let mut carry: Option<(String, u64)> = None;
    let mut local = Found::default();
    for (i, raw) in lines.iter().enumerate() {
        let line_no = (offset + i + 1) as u64;
        let line = raw.trim();
        if !seen_header && i == 0 && line == "---" {
            in_front_matter = true;
            continue;
        }
        if in_front_matter {
            in_front_matter = line != "---";
            continue;
        }
        if line.is_empty() || line.starts_with("%%") {
            continue;
        }
        if !seen_header {
            if header(line).is_none() {
                let kind = line.split_whitespace().next().unwrap_or("");
                found.warnings.push(message_at(
                    path,
                    Some(line_no),
                    format!("a Mermaid \"{kind}\" diagram is not a flowchart; it is not read"),
                ));
                return Ok(());
            }
            seen_header = true;
            // `graph TD; a --> b` on one line.
            if let Some((_, rest)) = line.split_once(';') {
                for stmt in split_statements(rest) {
                    statement(&mut st, stmt, line_no, &mut local)?;
                }
            }
            continue;
        }
        for stmt in split_statements(line) {
            // A statement ending in a link goes on on the next line (`a -.-` / `b --- c`).
            let (text, at) = match carry.take() {
                Some((before, at)) => (format!("{before} {stmt}"), at),
                None => (stmt.to_owned(), line_no),
            };
            match statement(&mut st, &text, at, &mut local) {
                Err(e) if e.errors.iter().any(|m| m.message == lex::LINK_WITHOUT_END) => {
                    carry = Some((text, at));
                }
                other => other?,
            }
        }
    }
    if let Some((_, at)) = carry {
        return Err(error_at(path, Some(at), lex::LINK_WITHOUT_END));
    }
    for s in &mut local.systems {
        if s.name.is_empty() {
            s.name = st.written.get(&s.id).unwrap_or(&s.id).clone();
        }
    }
    for (from, to, link, source) in std::mem::take(&mut st.links) {
        add_link(&mut local, &from, &to, &link, &source);
    }
    // `e1@{ animate: true }` styles the link `e1@-->`; it is no system.
    local.systems.retain(|s| {
        !st.edge_ids.contains(&s.id)
            || local
                .dependencies
                .iter()
                .any(|d| d.from == s.id || d.to == s.id)
    });
    // A link to a subgraph names a group, not a system.
    let subgraphs = std::mem::take(&mut st.subgraph_ids);
    let declared: Vec<String> = local.systems.iter().map(|s| s.id.clone()).collect();
    local.dependencies.retain(|d| {
        let to_group = [&d.from, &d.to]
            .iter()
            .any(|e| subgraphs.contains(e) && !declared.contains(e));
        if to_group {
            let at = d.sources.first();
            found.warnings.push(message_at(
                path,
                at.and_then(|s| s.line),
                "a link to a subgraph is not read (it names a group, not a system)",
            ));
        }
        !to_group
    });
    found.extend(local);
    Ok(())
}

/// A line's statements, split at `;` outside quotes.
fn split_statements(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => {
                out.push(&line[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&line[start..]);
    out.into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty() && !s.starts_with("%%"))
        .collect()
}

fn statement(st: &mut State, stmt: &str, line: u64, found: &mut Found) -> Result<(), ImportError> {
    let first = stmt.split_whitespace().next().unwrap_or("");
    match first {
        "end" if stmt == "end" => {
            if st.groups.pop().is_none() {
                return Err(error_at(st.path, Some(line), "\"end\" without a subgraph"));
            }
            if st.legend > st.groups.len() {
                st.legend = 0;
            }
            return Ok(());
        }
        "subgraph" => {
            let rest = stmt["subgraph".len()..].trim();
            let (id, title) = subgraph_title(rest);
            st.subgraph_ids.push(id_for(&id));
            if st.legend == 0
                && title
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case("legend"))
            {
                st.legend = st.groups.len() + 1;
                found.skipped.push(message_at(
                    st.path,
                    Some(line),
                    format!("subgraph \"{title}\" is a legend, not systems; it is not read"),
                ));
            }
            st.groups.push((id, title));
            return Ok(());
        }
        "click" => {
            found.skipped.push(message_at(
                st.path,
                Some(line),
                format!("\"{stmt}\" is not followed"),
            ));
            return Ok(());
        }
        "classDef" | "class" | "style" | "linkStyle" | "direction" | "accTitle" | "accDescr"
        | "title" => return Ok(()),
        _ if first.starts_with("accTitle:") || first.starts_with("accDescr") => return Ok(()),
        _ => {}
    }
    let chain = lex::chain(stmt).map_err(|m| error_at(st.path, Some(line), m))?;
    st.edge_ids.extend(chain.edge_ids.iter().map(|e| id_for(e)));
    if st.legend == 0 {
        add_chain(st, &chain, stmt, line, found);
    }
    Ok(())
}

/// `id [Title]`, `id["Title"]`, `"Title"` or `Title with spaces` → (id, title).
fn subgraph_title(rest: &str) -> (String, String) {
    if let Some(open) = rest.find('[') {
        let id = rest[..open].trim().to_owned();
        let inner = rest[open + 1..].trim_end();
        let title = lex::clean(inner.strip_suffix(']').unwrap_or(inner));
        let id = if id.is_empty() { title.clone() } else { id };
        return (id, title);
    }
    let title = lex::clean(rest);
    (title.clone(), title)
}

fn add_chain(st: &mut State, chain: &Chain, stmt: &str, line: u64, found: &mut Found) {
    let source = Source::new(st.path, Some(line), stmt);
    // The innermost subgraph with a title (`subgraph pad [ ]` is only spacing).
    let group = st
        .groups
        .iter()
        .rev()
        .map(|(_, t)| t.trim())
        .find(|t| !t.is_empty())
        .unwrap_or_default()
        .to_owned();
    let depth = st.groups.len();
    for node in chain.groups.iter().flatten() {
        let id = id_for(&node.id);
        st.written
            .entry(id.clone())
            .or_insert_with(|| node.id.clone());
        found.add_system(node_system(node, &group, source.clone()));
        match st.depth.get_mut(&id) {
            Some(d) if *d < depth => {
                *d = depth;
                if let Some(s) = found.systems.iter_mut().find(|s| s.id == id) {
                    s.group = group.clone();
                }
            }
            Some(_) => {}
            None => {
                st.depth.insert(id, depth);
            }
        }
    }
    for (i, link) in chain.links.iter().enumerate() {
        if link.stroke == Stroke::Invisible {
            continue;
        }
        for from in &chain.groups[i] {
            for to in &chain.groups[i + 1] {
                st.links
                    .push((from.clone(), to.clone(), link.clone(), source.clone()));
                if link.both {
                    st.links
                        .push((to.clone(), from.clone(), link.clone(), source.clone()));
                }
            }
        }
    }
}

fn node_system(node: &Node, group: &str, source: Source) -> super::FoundSystem {
    let label = node.label.as_deref().unwrap_or(&node.id);
    // A cylinder holds data: a queue or a cache when its name says so, else a database.
    let kind = match node.kind {
        Some(SystemKind::Database) => match SystemKind::guess_from_name(label) {
            Some(k @ (SystemKind::Queue | SystemKind::Cache)) => Some(k),
            _ => Some(SystemKind::Database),
        },
        k => k,
    };
    let mut s = system(&node.id, kind, source);
    s.id = id_for(&node.id);
    s.name = node
        .label
        .clone()
        .filter(|l| !l.is_empty())
        .unwrap_or_default();
    s.group = group.to_owned();
    s
}

fn add_link(found: &mut Found, from: &Node, to: &Node, link: &lex::Link, source: &Source) {
    let (typed, role, label) = typed_text(&link.text);
    let line = Line {
        typed,
        role,
        dotted: link.stroke == Stroke::Dotted,
        label: &label,
    };
    add_line(
        found,
        &id_for(&from.id),
        &id_for(&to.id),
        &line,
        source.clone(),
    );
}

/// Link text that starts with a dependency type (and role) (`timing`, `timing: nightly`,
/// `async consumes: events`), as the export writes it: the type, role and the rest; else no
/// type and the whole text.
pub fn typed_text(text: &str) -> (Option<DependencyType>, Option<AsyncRole>, String) {
    let (head, rest) = text.split_once(':').unwrap_or((text, ""));
    match type_words(head) {
        (Some(t), role) => (Some(t), role, rest.trim().to_owned()),
        (None, _) => (None, None, text.to_owned()),
    }
}

#[cfg(test)]
mod tests;
