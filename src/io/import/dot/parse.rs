//! DOT statements into nodes, edges and clusters, then into a [`Found`].

use std::collections::HashMap;
use std::path::Path;

use super::lex::{Tok, Token};
use super::{label_text, name_and_more, record_text};
use crate::io::import::text::{Line, add_line, message_at, system, type_words};
use crate::io::import::{Found, Source, id_for};
use crate::model::SystemKind;

/// How deep subgraphs may nest (hostile files are refused, not overflowed).
const MAX_DEPTH: usize = 200;

type Attrs = Vec<(String, String, bool)>;

struct NodeInfo {
    id: String,
    attrs: Attrs,
    cluster: Option<usize>,
    depth: usize,
    line: u64,
}

struct EdgeInfo {
    from: usize,
    to: usize,
    attrs: Attrs,
    line: u64,
}

#[derive(Clone, Default)]
struct Scope {
    node: Attrs,
    edge: Attrs,
    cluster: Option<usize>,
    depth: usize,
}

pub struct Parser<'a> {
    path: &'a Path,
    toks: &'a [Token],
    lines: &'a [&'a str],
    pos: usize,
    nodes: Vec<NodeInfo>,
    by_id: HashMap<String, usize>,
    edges: Vec<EdgeInfo>,
    /// (name, label) of each `cluster_*` subgraph.
    clusters: Vec<(String, String)>,
    warnings: Vec<crate::io::import::FileMessage>,
}

type Res<T> = Result<T, (u64, String)>;

fn set(attrs: &mut Attrs, key: String, value: String, html: bool) {
    match attrs.iter_mut().find(|(k, _, _)| *k == key) {
        Some(a) => *a = (key, value, html),
        None => attrs.push((key, value, html)),
    }
}

fn get<'b>(attrs: &'b Attrs, key: &str) -> Option<(&'b str, bool)> {
    attrs
        .iter()
        .find(|(k, _, _)| k == key)
        .map(|(_, v, h)| (v.as_str(), *h))
}

impl<'a> Parser<'a> {
    pub fn new(path: &'a Path, toks: &'a [Token], lines: &'a [&'a str]) -> Self {
        Parser {
            path,
            toks,
            lines,
            pos: 0,
            nodes: Vec::new(),
            by_id: HashMap::new(),
            edges: Vec::new(),
            clusters: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn peek(&self) -> Option<&'a Tok> {
        self.toks.get(self.pos).map(|t| &t.tok)
    }

    fn line(&self) -> u64 {
        self.toks
            .get(self.pos)
            .or_else(|| self.toks.last())
            .map_or(1, |t| t.line)
    }

    fn is_punct(&self, c: char) -> bool {
        self.peek() == Some(&Tok::Punct(c))
    }

    fn keyword(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Tok::Id { text, quoted: false, .. }) if text.eq_ignore_ascii_case(w))
    }

    fn expect(&mut self, c: char) -> Res<()> {
        if self.is_punct(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err((
                self.line(),
                format!("expected \"{c}\"{}", self.found_here()),
            ))
        }
    }

    fn found_here(&self) -> String {
        match self.peek() {
            Some(Tok::Id { text, .. }) => {
                format!(", found \"{}\"", text.chars().take(40).collect::<String>())
            }
            Some(Tok::Punct(c)) => format!(", found \"{c}\""),
            Some(Tok::Edge) => ", found an edge operator".to_owned(),
            None => " before the end of the file".to_owned(),
        }
    }

    fn id(&mut self) -> Res<(String, bool)> {
        match self.peek() {
            Some(Tok::Id { text, html, .. }) => {
                self.pos += 1;
                Ok((text.clone(), *html))
            }
            _ => Err((self.line(), format!("expected an id{}", self.found_here()))),
        }
    }

    pub fn file(&mut self) -> Res<()> {
        if self.toks.is_empty() {
            return Err((1, "no graph in the file".to_owned()));
        }
        while self.peek().is_some() {
            if self.keyword("strict") {
                self.pos += 1;
            }
            if !(self.keyword("graph") || self.keyword("digraph")) {
                return Err((
                    self.line(),
                    format!("expected \"graph\" or \"digraph\"{}", self.found_here()),
                ));
            }
            self.pos += 1;
            if matches!(self.peek(), Some(Tok::Id { .. })) {
                self.pos += 1;
            }
            self.expect('{')?;
            self.stmts(&mut Scope::default())?;
            self.expect('}')?;
        }
        Ok(())
    }

    /// Statements up to the closing `}` (not taken); returns the nodes they name.
    fn stmts(&mut self, scope: &mut Scope) -> Res<Vec<usize>> {
        let mut named = Vec::new();
        while self.peek().is_some() && !self.is_punct('}') {
            if self.is_punct(';') {
                self.pos += 1;
                continue;
            }
            named.extend(self.stmt(scope)?);
        }
        Ok(named)
    }

    fn stmt(&mut self, scope: &mut Scope) -> Res<Vec<usize>> {
        let line = self.line();
        for (word, which) in [("graph", 0), ("node", 1), ("edge", 2)] {
            if self.keyword(word) {
                self.pos += 1;
                let attrs = self.attr_lists()?;
                for (k, v, h) in attrs {
                    match which {
                        0 => self.graph_attr(scope, &k, &v, h),
                        1 => set(&mut scope.node, k, v, h),
                        _ => set(&mut scope.edge, k, v, h),
                    }
                }
                return Ok(Vec::new());
            }
        }
        // `key = value`
        if matches!(self.peek(), Some(Tok::Id { .. }))
            && self.toks.get(self.pos + 1).map(|t| &t.tok) == Some(&Tok::Punct('='))
        {
            let (k, _) = self.id()?;
            self.pos += 1;
            let (v, html) = self.id()?;
            self.graph_attr(scope, &k.to_ascii_lowercase(), &v, html);
            return Ok(Vec::new());
        }
        let mut ends = vec![self.endpoint(scope)?];
        while self.peek() == Some(&Tok::Edge) {
            self.pos += 1;
            ends.push(self.endpoint(scope)?);
        }
        let attrs = if self.is_punct('[') {
            self.attr_lists()?
        } else {
            Vec::new()
        };
        let named: Vec<usize> = ends.iter().flatten().copied().collect();
        if ends.len() == 1 {
            // A node statement: its attributes are the node's.
            if let [one] = ends[0].as_slice() {
                for (k, v, h) in attrs {
                    set(&mut self.nodes[*one].attrs, k, v, h);
                }
            }
            return Ok(named);
        }
        let mut edge_attrs = scope.edge.clone();
        for (k, v, h) in attrs {
            set(&mut edge_attrs, k, v, h);
        }
        for pair in ends.windows(2) {
            for &from in &pair[0] {
                for &to in &pair[1] {
                    self.edges.push(EdgeInfo {
                        from,
                        to,
                        attrs: edge_attrs.clone(),
                        line,
                    });
                }
            }
        }
        Ok(named)
    }

    fn graph_attr(&mut self, scope: &Scope, key: &str, value: &str, html: bool) {
        if key == "label"
            && let Some(c) = scope.cluster
            && self.clusters[c].1.is_empty()
        {
            self.clusters[c].1 = name_and_more(value, html, "").0;
        }
    }

    /// A node id (with an optional port) or a subgraph: the nodes it stands for.
    fn endpoint(&mut self, scope: &mut Scope) -> Res<Vec<usize>> {
        if self.keyword("subgraph") || self.is_punct('{') {
            return self.subgraph(scope);
        }
        let line = self.line();
        let (id, _) = self.id()?;
        // Ports: `a:port` and `a:port:compass`.
        while self.is_punct(':') {
            self.pos += 1;
            self.id()?;
        }
        Ok(vec![self.node(&id, scope, line)])
    }

    fn node(&mut self, id: &str, scope: &Scope, line: u64) -> usize {
        if let Some(&i) = self.by_id.get(id) {
            let n = &mut self.nodes[i];
            if scope.depth > n.depth && scope.cluster.is_some() {
                n.depth = scope.depth;
                n.cluster = scope.cluster;
            }
            return i;
        }
        self.nodes.push(NodeInfo {
            id: id.to_owned(),
            attrs: scope.node.clone(),
            cluster: scope.cluster,
            depth: scope.depth,
            line,
        });
        self.by_id.insert(id.to_owned(), self.nodes.len() - 1);
        self.nodes.len() - 1
    }

    fn subgraph(&mut self, scope: &mut Scope) -> Res<Vec<usize>> {
        let mut name = String::new();
        if self.keyword("subgraph") {
            self.pos += 1;
            if matches!(self.peek(), Some(Tok::Id { .. })) {
                name = self.id()?.0;
            }
        }
        if scope.depth >= MAX_DEPTH {
            return Err((
                self.line(),
                format!("subgraphs nest deeper than {MAX_DEPTH}"),
            ));
        }
        let mut inner = scope.clone();
        inner.depth += 1;
        if name.starts_with("cluster") {
            self.clusters.push((name.clone(), String::new()));
            inner.cluster = Some(self.clusters.len() - 1);
        }
        self.expect('{')?;
        let named = self.stmts(&mut inner)?;
        self.expect('}')?;
        Ok(named)
    }

    fn attr_lists(&mut self) -> Res<Attrs> {
        let mut out = Vec::new();
        while self.is_punct('[') {
            self.pos += 1;
            while !self.is_punct(']') {
                if self.is_punct(',') || self.is_punct(';') {
                    self.pos += 1;
                    continue;
                }
                let (k, _) = self.id()?;
                let (v, html) = if self.is_punct('=') {
                    self.pos += 1;
                    self.id()?
                } else {
                    ("true".to_owned(), false)
                };
                set(&mut out, k.to_ascii_lowercase(), v, html);
            }
            self.pos += 1;
        }
        Ok(out)
    }

    fn source(&self, line: u64) -> Source {
        let text = self
            .lines
            .get(line.saturating_sub(1) as usize)
            .map_or("", |l| l.trim());
        Source::new(
            self.path,
            Some(line),
            text.chars().take(200).collect::<String>(),
        )
    }

    pub fn into_found(self) -> Found {
        let mut found = Found::default();
        let mut map_ids = Vec::with_capacity(self.nodes.len());
        for n in &self.nodes {
            let map_id = id_for(&n.id);
            map_ids.push(map_id.clone());
            if map_id.is_empty() {
                continue;
            }
            let shape = get(&n.attrs, "shape").map(|(s, _)| s.to_ascii_lowercase());
            let (name, more) = match get(&n.attrs, "label") {
                Some((l, false)) if matches!(shape.as_deref(), Some("record" | "mrecord")) => {
                    (record_text(&label_text(l, false, &n.id)), String::new())
                }
                Some((l, html)) => name_and_more(l, html, &n.id),
                None => (n.id.clone(), String::new()),
            };
            let name = if name.is_empty() { n.id.clone() } else { name };
            let class = get(&n.attrs, "class").and_then(|(c, _)| {
                c.split_whitespace()
                    .find_map(|w| w.parse::<SystemKind>().ok())
            });
            let kind = class.or_else(|| match shape.as_deref() {
                Some("cylinder") => match SystemKind::guess_from_name(&name) {
                    Some(k @ (SystemKind::Queue | SystemKind::Cache)) => Some(k),
                    _ => Some(SystemKind::Database),
                },
                _ => None,
            });
            let mut s = system(&name, kind, self.source(n.line));
            s.id = map_id;
            s.description = more;
            if let Some(c) = n.cluster {
                let (cname, label) = &self.clusters[c];
                s.group = if label.is_empty() {
                    cname
                        .trim_start_matches("cluster")
                        .trim_start_matches(['_', '-', ' '])
                        .to_owned()
                } else {
                    label.clone()
                };
            }
            found.add_system(s);
        }
        for e in &self.edges {
            let (from, to) = (&map_ids[e.from], &map_ids[e.to]);
            if from.is_empty() || to.is_empty() {
                continue;
            }
            let label = match get(&e.attrs, "label") {
                Some((l, html)) => label_text(l, html, ""),
                None => String::new(),
            };
            let (typed, role) = get(&e.attrs, "class").map_or((None, None), |(c, _)| type_words(c));
            let style = get(&e.attrs, "style").map_or("", |(s, _)| s);
            // `style=invis` edges only steer the layout.
            if style.contains("invis") {
                continue;
            }
            let dotted = get(&e.attrs, "style")
                .is_some_and(|(s, _)| s.contains("dashed") || s.contains("dotted"));
            let line = Line {
                typed,
                role,
                dotted,
                label: &label,
            };
            add_line(&mut found, from, to, &line, self.source(e.line));
            if get(&e.attrs, "dir").is_some_and(|(d, _)| d == "both") {
                add_line(&mut found, to, from, &line, self.source(e.line));
            }
        }
        let empty = self
            .nodes
            .iter()
            .filter(|n| id_for(&n.id).is_empty())
            .count();
        if empty > 0 {
            found.warnings.push(message_at(
                self.path,
                None,
                format!("{empty} node(s) with an empty id are not read"),
            ));
        }
        found.warnings.extend(self.warnings);
        found
    }
}
