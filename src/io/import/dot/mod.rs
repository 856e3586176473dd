//! Graphviz DOT (`graph`/`digraph`, `strict`, several graphs a file).
//!
//! Each node is a system (id from the node id, name from its `label`, else the id); each edge
//! a dependency of its tail on its head, also in chains (`a -> b -> c`), from and to subgraphs
//! (`{a b} -> c`) and in undirected graphs (`a -- b`: written order). Node and edge defaults
//! (`node [shape=cylinder]`) apply in their scope. The kind: `class` naming a depdig kind (as
//! the export writes it), else shape `cylinder` → database (or a queue or cache when the name
//! says so), else what the name says. The type: `class` naming a dependency type, else on a
//! database or cache `data`, a dashed or dotted edge `async`, async wording in the label
//! `async`, else `sync`; an edge out of a queue is its consumer's. `dir=both` is both ways;
//! `style=invis` edges only steer the layout and are no dependencies. `subgraph cluster_*` is a
//! group (its `label`, else its name without `cluster_`; the innermost cluster a node is drawn
//! in). HTML labels are reduced to text: the first line (up to `<BR/>`) is the name, the lines
//! under it the description. Ports (`a:p:n`) are dropped.
//!
//! Why a parser of our own: `dot-parser` is GPL-2.0 (this crate is MIT/Apache-2.0), and
//! `graphviz-rust` runs the `dot` program by default and pulls pest, rand and tempfile; neither
//! keeps the line of each statement, which every dependency's notes need. DOT's grammar is a
//! page long.

mod lex;
mod parse;

use std::path::Path;

use super::Found;
use super::text::{error_at, has_extension};
use crate::io::csv_import::ImportError;

/// A `.dot`/`.gv` file, or text starting with `[strict] graph|digraph`.
pub fn looks_like(path: &Path, text: &str) -> bool {
    if has_extension(path, &["dot", "gv"]) {
        return true;
    }
    // `[strict] (di)graph [id] {`, across lines and comments: the tokens up to the first `{`
    // that is not in a comment or an id say it.
    let toks = text
        .match_indices('{')
        .take(8)
        .find_map(|(i, _)| lex::tokens(&text[..=i]).ok());
    let Some(toks) = toks else {
        return false;
    };
    let mut it = toks.iter().map(|t| &t.tok).peekable();
    let word = |t: Option<&lex::Tok>, w: &str| matches!(t, Some(lex::Tok::Id { text, quoted: false, .. }) if text.eq_ignore_ascii_case(w));
    if word(it.peek().copied(), "strict") {
        it.next();
    }
    let first = it.next();
    if !(word(first, "graph") || word(first, "digraph")) {
        return false;
    }
    if matches!(it.peek(), Some(lex::Tok::Id { .. })) {
        it.next();
    }
    it.next() == Some(&lex::Tok::Punct('{'))
}

pub fn read(path: &Path, text: &str) -> Result<Found, ImportError> {
    let toks = lex::tokens(text).map_err(|(line, m)| error_at(path, Some(line), m))?;
    let lines: Vec<&str> = text.lines().collect();
    let mut p = parse::Parser::new(path, &toks, &lines);
    p.file()
        .map_err(|(line, m)| error_at(path, Some(line), m))?;
    Ok(p.into_found())
}

/// A label as text: HTML tags dropped and entities decoded, `\n` `\l` `\r` as spaces, `\N` the
/// node's id.
fn label_text(raw: &str, html: bool, node_id: &str) -> String {
    let text = if html {
        let mut out = String::new();
        let mut rest = raw;
        while let Some(i) = rest.find('<') {
            out.push_str(&rest[..i]);
            out.push(' ');
            rest = rest[i..].find('>').map_or("", |j| &rest[i + j + 1..]);
        }
        out.push_str(rest);
        decode_html(&out)
    } else {
        // Graphviz's escapes: `\n` `\l` `\r` line breaks, `\N` the node's name, `\\` a
        // backslash; `\"` is already a quote.
        let mut out = String::new();
        let mut it = raw.chars();
        while let Some(c) = it.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match it.next() {
                Some('n' | 'l' | 'r') => out.push(' '),
                Some('N') => out.push_str(node_id),
                Some('G' | 'E' | 'T' | 'H') => {}
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        }
        out
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A label as a name and the rest: an HTML label's first line (up to its first `<BR/>`) is the
/// name, the lines under it (often a smaller subtitle) the rest; any other label is all name.
fn name_and_more(raw: &str, html: bool, node_id: &str) -> (String, String) {
    if html {
        let lower = raw.to_ascii_lowercase();
        if let Some(i) = lower.find("<br") {
            let name = label_text(&raw[..i], true, node_id);
            if !name.is_empty() {
                return (name, label_text(&raw[i..], true, node_id));
            }
        }
    }
    (label_text(raw, html, node_id), String::new())
}

fn decode_html(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let ch = end.and_then(|e| match &after[..e] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            n => n
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        });
        if let (Some(c), Some(e)) = (ch, end) {
            out.push(c);
            rest = &after[e + 1..];
        } else {
            out.push('&');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// A record label's fields (`{a|<p> b}`) as text.
fn record_text(label: &str) -> String {
    let mut out = String::new();
    let mut skip_port = false;
    for c in label.chars() {
        match c {
            '{' | '}' | '|' => out.push(' '),
            '<' => skip_port = true,
            '>' if skip_port => skip_port = false,
            _ if skip_port => {}
            c => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
