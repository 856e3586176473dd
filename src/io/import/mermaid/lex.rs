//! One flowchart statement in pieces: nodes (id, label, shape, class) and links (style,
//! arrowheads, text).

use crate::model::SystemKind;

/// A node as a statement names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    /// The label, if the statement gives one (`a[Orders]`).
    pub label: Option<String>,
    /// The kind its shape or class says: a cylinder `[( )]` or `shape: cyl` is a database, a
    /// `:::queue` class (a depdig kind word, as the export writes them) that kind.
    pub kind: Option<SystemKind>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stroke {
    Normal,
    Dotted,
    Thick,
    Invisible,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub stroke: Stroke,
    /// `<-->`: both ways.
    pub both: bool,
    pub text: String,
}

/// A statement: groups of nodes (`a & b`) joined by links.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Chain {
    pub groups: Vec<Vec<Node>>,
    pub links: Vec<Link>,
    /// Edge ids (`e1@-->`): names of links, never systems.
    pub edge_ids: Vec<String>,
}

fn id_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '$' | '.')
}

/// The error of a statement that ends in a link (its end may be on the next line).
pub const LINK_WITHOUT_END: &str = "a link without a node at its end";

/// Splits `s` into its nodes and links, or says what is wrong.
pub fn chain(s: &str) -> Result<Chain, String> {
    let mut out = Chain::default();
    let mut rest = s.trim_start();
    loop {
        let mut group = Vec::new();
        loop {
            let (node, r) = node(rest)?;
            group.push(node);
            rest = r.trim_start();
            match rest.strip_prefix('&') {
                Some(r) => rest = r.trim_start(),
                None => break,
            }
        }
        out.groups.push(group);
        if rest.is_empty() {
            return Ok(out);
        }
        // An edge id (`e1@-->`, Mermaid 11) names the link, not a system.
        let id_end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if id_end > 0 && rest[id_end..].starts_with('@') {
            out.edge_ids.push(rest[..id_end].to_owned());
            rest = &rest[id_end + 1..];
        }
        let (link, r) = link(rest).ok_or_else(|| format!("expected a link (-->) at \"{rest}\""))?;
        out.links.push(link);
        rest = r.trim_start();
        if rest.is_empty() {
            return Err(LINK_WITHOUT_END.to_owned());
        }
    }
}

fn node(s: &str) -> Result<(Node, &str), String> {
    let mut end = 0;
    for (i, c) in s.char_indices() {
        let next = s[i + c.len_utf8()..].chars().next();
        let part = id_char(c) || (c == '-' && next.is_some_and(|n| id_char(n) && n != '.'));
        if !part {
            break;
        }
        end = i + c.len_utf8();
    }
    if end == 0 {
        return Err(format!(
            "expected a node id at \"{}\"",
            s.chars().take(30).collect::<String>()
        ));
    }
    let id = s[..end].to_owned();
    let mut rest = &s[end..];
    let mut label = None;
    let mut kind = None;
    if let Some(r) = rest.strip_prefix("@{") {
        let close = r.find('}').ok_or("a node's @{ … } is not closed")?;
        for part in r[..close].split(',') {
            if let Some((k, v)) = part.split_once(':') {
                let v = v.trim().trim_matches('"').trim();
                match k.trim() {
                    "label" => label = Some(clean(v)),
                    "shape" if matches!(v, "cyl" | "cylinder" | "db" | "database" | "das") => {
                        kind = Some(SystemKind::Database);
                    }
                    _ => {}
                }
            }
        }
        rest = &r[close + 1..];
    } else {
        const SHAPES: &[(&str, &str, Option<SystemKind>)] = &[
            ("(((", ")))", None),
            ("((", "))", None),
            ("([", "])", None),
            ("[(", ")]", Some(SystemKind::Database)),
            ("[[", "]]", None),
            ("[/", "/]", None),
            ("[/", "\\]", None),
            ("[\\", "\\]", None),
            ("[\\", "/]", None),
            ("{{", "}}", None),
            ("[", "]", None),
            ("(", ")", None),
            ("{", "}", None),
            (">", "]", None),
        ];
        for (open, close, shape_kind) in SHAPES {
            let Some(r) = rest.strip_prefix(open) else {
                continue;
            };
            let (text, after) = if let Some(q) = r.strip_prefix('"') {
                let end = q.find('"').ok_or("a node label's quote is not closed")?;
                (&q[..end], q[end + 1..].trim_start())
            } else {
                let Some(end) = r.find(close) else {
                    continue;
                };
                (&r[..end], &r[end..])
            };
            let Some(after) = after.strip_prefix(close) else {
                continue;
            };
            label = Some(clean(text));
            kind = *shape_kind;
            rest = after;
            break;
        }
        if label.is_none() && rest.starts_with(['[', '(', '{', '>']) {
            return Err(format!("the shape of node \"{id}\" is not closed"));
        }
    }
    if let Some(r) = rest.strip_prefix(":::") {
        let end = r
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(r.len());
        if let Ok(k) = r[..end].parse::<SystemKind>() {
            kind = Some(k);
        }
        rest = &r[end..];
    }
    Ok((Node { id, label, kind }, rest))
}

/// A link at the start of `s` and what follows it.
fn link(s: &str) -> Option<(Link, &str)> {
    // `<-->`, `o--o`, `x--x`: both ways.
    let (both, s) = match s.strip_prefix('<') {
        Some(r) => (true, r),
        None => match s.strip_prefix(['o', 'x']) {
            Some(r) if r.starts_with("--") || r.starts_with("==") || r.starts_with("-.") => {
                (true, r)
            }
            _ => (false, s),
        },
    };
    let stroke_end = s
        .find(|c: char| !matches!(c, '-' | '=' | '.' | '~'))
        .unwrap_or(s.len());
    let stroke = &s[..stroke_end];
    if stroke.len() < 2 {
        return None;
    }
    let mut rest = &s[stroke_end..];
    let mut text = String::new();
    let mut marks = stroke.to_owned();
    if let Some(r) = rest.strip_prefix(['>', 'o', 'x']) {
        rest = r;
    } else if matches!(stroke, "--" | "-." | "==") && rest.starts_with(char::is_whitespace) {
        // `-- text -->`, `-. text .->`, `== text ==>`: the text runs to the closing stroke.
        let closers = ["-->", "---", ".->", ".-", "==>", "===", "--o", "--x"];
        let at = closers.iter().filter_map(|c| rest.find(c)).min()?;
        text = clean(&rest[..at]);
        rest = &rest[at..];
        let end = rest
            .find(|c: char| !matches!(c, '-' | '=' | '.'))
            .unwrap_or(rest.len());
        marks.push_str(&rest[..end]);
        rest = &rest[end..];
        if let Some(r) = rest.strip_prefix(['>', 'o', 'x']) {
            rest = r;
        }
    }
    let trimmed = rest.trim_start();
    if let Some(r) = trimmed.strip_prefix('|') {
        let end = r.find('|')?;
        text = clean(&r[..end]);
        rest = &r[end + 1..];
    }
    let stroke = if marks.contains('~') {
        Stroke::Invisible
    } else if marks.contains('.') {
        Stroke::Dotted
    } else if marks.contains('=') {
        Stroke::Thick
    } else {
        Stroke::Normal
    };
    Some((Link { stroke, both, text }, rest))
}

/// A label as text: quotes, markdown backticks, `<br>` and other tags, `#quot;` codes gone.
pub fn clean(s: &str) -> String {
    let s = s.trim().trim_matches('"').trim_matches('`');
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tag = rest[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/');
        if let (true, Some(j)) = (tag, rest[i..].find('>')) {
            out.push(' ');
            rest = &rest[i + j + 1..];
        } else {
            out.push('<');
            rest = &rest[i + 1..];
        }
    }
    out.push_str(rest);
    let out = decode_entities(&out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Mermaid's `#quot;` and `#35;` entity codes, and HTML's `&#40;` (also without the `;`).
fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('#') {
        let amp = i > 0 && rest.as_bytes()[i - 1] == b'&';
        out.push_str(&rest[..if amp { i - 1 } else { i }]);
        let after = &rest[i + 1..];
        let code = if amp {
            // `&#40` runs to the first non-digit; a `;` after it is part of it.
            let end = after
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(after.len());
            (end > 0).then(|| &after[..end])
        } else {
            after.find(';').map(|j| &after[..j])
        };
        let ch = code.and_then(|c| match c {
            "quot" => Some('"'),
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "nbsp" => Some(' '),
            n => n.parse::<u32>().ok().and_then(char::from_u32),
        });
        if let (Some(c), Some(code)) = (ch, code) {
            out.push(c);
            let used = &after[code.len()..];
            rest = if amp {
                used.strip_prefix(';').unwrap_or(used)
            } else {
                &used[1..]
            };
        } else {
            if amp {
                out.push('&');
            }
            out.push('#');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}
