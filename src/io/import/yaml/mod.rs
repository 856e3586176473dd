//! YAML as a small tree with the line of every node, read within limits.
//!
//! Built from `saphyr-parser`'s events (a YAML 1.2 parser that gives every event its span)
//! instead of a serde deserializer: the readers need the line of each key and value for
//! `file:line` notes, and the limits must hold while reading, before anything is expanded:
//! - an alias (`*a`) is copied only while the whole tree stays under [`MAX_NODES`], so a
//!   "billion laughs" file is refused after a few hundred thousand nodes, never expanded;
//! - nesting deeper than [`MAX_DEPTH`] and more than [`MAX_DOCUMENTS`] documents are refused.
//!
//! Merge keys (`<<: *base`, `<<: [*a, *b]`) are resolved as YAML 1.1 and docker compose do: the
//! mapping's own keys win, then the merged mappings' keys in order. Tags are ignored (a tag
//! never runs anything here).

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

/// Nodes in one file after aliases are copied (a compose file of 1,000 services has ~50,000).
pub const MAX_NODES: usize = 1_000_000;
/// Mappings and sequences inside each other (compose and manifests nest about 10 deep).
pub const MAX_DEPTH: usize = 64;
/// Documents in one file (`---` separated).
pub const MAX_DOCUMENTS: usize = 10_000;

/// A YAML node and the line (1 = the first) where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub line: u64,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// Any other scalar, as written (numbers and booleans too).
    Str(String),
    Seq(Vec<Node>),
    /// Keys in file order, merge keys resolved.
    Map(Vec<(Node, Node)>),
}

/// A YAML error at a line (1 = the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: u64,
    pub message: String,
}

impl Node {
    /// The scalar's text (`None` for null, sequences and mappings).
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(s) => Some(s),
            _ => None,
        }
    }

    /// The value under a scalar key of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key node and the value under a scalar key of a mapping.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(k, v)| (k, v))
    }

    /// The scalar texts of a sequence, or of one scalar (`command: a b` or `[a, b]`).
    pub fn strings(&self) -> Vec<(&str, u64)> {
        match &self.value {
            Value::Str(s) => vec![(s.as_str(), self.line)],
            Value::Seq(items) => items
                .iter()
                .filter_map(|n| n.as_str().map(|s| (s, n.line)))
                .collect(),
            _ => Vec::new(),
        }
    }

    fn size(&self) -> usize {
        match &self.value {
            Value::Null | Value::Str(_) => 1,
            Value::Seq(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            Value::Map(entries) => {
                1 + entries
                    .iter()
                    .map(|(k, v)| k.size() + v.size())
                    .sum::<usize>()
            }
        }
    }
}

enum Open {
    Seq(Node, usize),
    Map(Node, usize, Option<Node>),
}

/// Reads every document of `text`.
///
/// A flow collection closed on a line of its own at the indentation of its key
/// (`command: [` … `]`, as in the OpenTelemetry demo) is refused by the YAML 1.2 parser but
/// read by libyaml and Go's YAML (so by docker compose and kubectl); such a file is read again
/// with those closing lines indented like the line before them.
pub fn parse(text: &str) -> Result<Vec<Node>, YamlError> {
    match parse_strict(text) {
        Err(e) if e.message.starts_with("invalid indentation") => {
            let lenient = indent_closing_brackets(text);
            if lenient == text {
                return Err(e);
            }
            parse_strict(&lenient).map_err(|_| e)
        }
        other => other,
    }
}

/// `text` with each line that starts with `]` or `}` indented at least like the line before.
fn indent_closing_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut previous = 0usize;
    for line in text.split_inclusive('\n') {
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if content.starts_with([']', '}']) && indent < previous {
            out.extend(std::iter::repeat_n(' ', previous - indent));
        } else if !content.trim().is_empty() {
            previous = indent;
        }
        out.push_str(line);
    }
    out
}

fn parse_strict(text: &str) -> Result<Vec<Node>, YamlError> {
    let mut docs = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut anchors: HashMap<usize, (Node, usize)> = HashMap::new();
    let mut total = 0usize;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| YamlError {
            line: e.marker().line() as u64,
            message: if e.info().contains("recursion limit") {
                format!("YAML nested too deep ({}); refused", e.info())
            } else {
                e.info().to_owned()
            },
        })?;
        let line = span_line(span);
        let done = match event {
            Event::DocumentStart(_) => {
                if docs.len() >= MAX_DOCUMENTS {
                    return Err(YamlError {
                        line,
                        message: format!("more than {MAX_DOCUMENTS} YAML documents; refused"),
                    });
                }
                None
            }
            Event::Scalar(text, style, anchor, _) => {
                let value = if style == ScalarStyle::Plain && is_null(&text) {
                    Value::Null
                } else {
                    Value::Str(text.into_owned())
                };
                total += 1;
                Some((Node { line, value }, anchor))
            }
            Event::Alias(id) => {
                let Some((node, size)) = anchors.get(&id) else {
                    return Err(YamlError {
                        line,
                        message: "an alias to an anchor that is not defined".to_owned(),
                    });
                };
                total = total.saturating_add(*size);
                check_total(total, line)?;
                Some((node.clone(), 0))
            }
            Event::SequenceStart(anchor, _) => {
                total += 1;
                open(
                    &mut stack,
                    Open::Seq(node(line, Value::Seq(Vec::new())), anchor),
                    line,
                )?;
                None
            }
            Event::MappingStart(anchor, _) => {
                total += 1;
                let map = node(line, Value::Map(Vec::new()));
                open(&mut stack, Open::Map(map, anchor, None), line)?;
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::Seq(n, anchor)) => Some((n, anchor)),
                Some(Open::Map(mut n, anchor, _)) => {
                    resolve_merge(&mut n);
                    Some((n, anchor))
                }
                None => None,
            },
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => None,
        };
        check_total(total, line)?;
        let Some((node, anchor)) = done else {
            continue;
        };
        if anchor != 0 {
            anchors.insert(anchor, (node.clone(), node.size()));
        }
        match stack.last_mut() {
            Some(Open::Seq(seq, _)) => {
                if let Value::Seq(items) = &mut seq.value {
                    items.push(node);
                }
            }
            Some(Open::Map(map, _, key)) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    if let Value::Map(entries) = &mut map.value {
                        entries.push((k, node));
                    }
                }
            },
            None => docs.push(node),
        }
    }
    Ok(docs)
}

fn node(line: u64, value: Value) -> Node {
    Node { line, value }
}

fn open(stack: &mut Vec<Open>, item: Open, line: u64) -> Result<(), YamlError> {
    if stack.len() >= MAX_DEPTH {
        return Err(YamlError {
            line,
            message: format!("YAML nested more than {MAX_DEPTH} levels deep; refused"),
        });
    }
    stack.push(item);
    Ok(())
}

fn check_total(total: usize, line: u64) -> Result<(), YamlError> {
    if total > MAX_NODES {
        return Err(YamlError {
            line,
            message: format!(
                "YAML aliases expand to more than {MAX_NODES} nodes (an alias bomb?); refused"
            ),
        });
    }
    Ok(())
}

fn span_line(span: Span) -> u64 {
    span.start.line() as u64
}

fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// Replaces `<<` entries with the keys of the mappings they name that the mapping lacks.
fn resolve_merge(map: &mut Node) {
    let Value::Map(entries) = &mut map.value else {
        return;
    };
    if !entries.iter().any(|(k, _)| k.as_str() == Some("<<")) {
        return;
    }
    let (merges, mut own): (Vec<_>, Vec<_>) = std::mem::take(entries)
        .into_iter()
        .partition(|(k, _)| k.as_str() == Some("<<"));
    for (_, value) in merges {
        let sources = match value.value {
            Value::Seq(items) => items,
            other => vec![node(value.line, other)],
        };
        for source in sources {
            if let Value::Map(pairs) = source.value {
                for (k, v) in pairs {
                    if !own.iter().any(|(o, _)| o.value == k.value) {
                        own.push((k, v));
                    }
                }
            }
        }
    }
    *entries = own;
}

#[cfg(test)]
mod tests;
