//! Walking the statements of a workspace: the elements and relationships of its `model`, by
//! identifier (flat or `!identifiers hierarchical`), with archetypes, groups, `!ref` and
//! constants. Views, styles, deployment and anything that would read files or run code are not
//! walked.

use std::collections::HashMap;
use std::path::Path;

use super::lex::{Stmt, Tok};
use crate::io::import::FileMessage;
use crate::io::import::text::message_at;

#[path = "links.rs"]
mod links;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElemKind {
    Person,
    System,
    Container,
    Component,
    Custom,
}

#[derive(Debug, Clone)]
pub struct Elem {
    pub kind: ElemKind,
    /// The identifier as written, if it has one.
    pub ident: Option<String>,
    pub name: String,
    pub description: String,
    pub technology: String,
    pub tags: Vec<String>,
    pub group: String,
    pub parent: Option<usize>,
    pub external: bool,
    pub line: u64,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Rel {
    pub from: usize,
    pub to: usize,
    pub description: String,
    pub technology: String,
    pub tags: Vec<String>,
    pub line: u64,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
struct Archetype {
    base: String,
    description: String,
    technology: String,
    tags: Vec<String>,
}

/// What a workspace's model holds.
pub struct Model<'a> {
    pub path: &'a Path,
    pub elems: Vec<Elem>,
    pub rels: Vec<Rel>,
    pub warnings: Vec<FileMessage>,
    pub skipped: Vec<FileMessage>,
    pub errors: Vec<FileMessage>,
    hierarchical: bool,
    /// Lower-case full identifier → element.
    ids: HashMap<String, usize>,
    archetypes: HashMap<String, Archetype>,
    consts: HashMap<String, String>,
    /// Relationships whose ends are resolved at the end: (from, to-name, scope, rel).
    pending: Vec<(Option<usize>, String, Option<usize>, Rel)>,
    pending_from: Vec<String>,
    extends: bool,
}

/// Directives that would read other files, fetch URLs or run code: never followed.
const UNSAFE: &[&str] = &[
    "!include",
    "!script",
    "!plugin",
    "!docs",
    "!adrs",
    "!components",
    "!decisions",
    "!extend",
];

const ELEMENTS: &[(&str, ElemKind)] = &[
    ("person", ElemKind::Person),
    ("softwaresystem", ElemKind::System),
    ("container", ElemKind::Container),
    ("component", ElemKind::Component),
    ("element", ElemKind::Custom),
];

impl<'a> Model<'a> {
    pub fn new(path: &'a Path) -> Self {
        Model {
            path,
            elems: Vec::new(),
            rels: Vec::new(),
            warnings: Vec::new(),
            skipped: Vec::new(),
            errors: Vec::new(),
            hierarchical: false,
            ids: HashMap::new(),
            archetypes: HashMap::new(),
            consts: HashMap::new(),
            pending: Vec::new(),
            pending_from: Vec::new(),
            extends: false,
        }
    }

    fn note(&mut self, line: u64, m: impl Into<String>) {
        self.warnings.push(message_at(self.path, Some(line), m));
    }

    fn sub(&self, s: &str) -> String {
        let mut out = s.to_owned();
        if out.contains("${") {
            for (k, v) in &self.consts {
                out = out.replace(&format!("${{{k}}}"), v);
            }
        }
        out
    }

    /// The top of the file: `workspace [extends X] [name] [description] { … }`.
    pub fn file(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            let first = s.toks[0].text().to_ascii_lowercase();
            match (first.as_str(), &s.block) {
                ("workspace", Some(block)) => {
                    if s.toks.get(1).is_some_and(|t| t.is_word("extends")) {
                        self.extends = true;
                        self.skipped.push(message_at(
                            self.path,
                            Some(s.line),
                            format!("\"{}\" reads another workspace; it is not followed", s.text),
                        ));
                    }
                    self.workspace(block);
                }
                _ => self.directive_or(s, |m, s| {
                    m.note(
                        s.line,
                        format!("\"{}\" outside a workspace is not read", s.text),
                    );
                }),
            }
        }
    }

    fn workspace(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            let first = s.toks[0].text().to_ascii_lowercase();
            match (first.as_str(), &s.block) {
                ("model", Some(block)) => self.block(block, None, ""),
                ("views" | "configuration" | "properties" | "name" | "description", _) => {}
                _ => self.directive_or(s, |m, s| {
                    m.note(s.line, format!("\"{}\" is not read", s.text));
                }),
            }
        }
    }

    /// Handles `!directives` (constants, identifiers, unsafe ones); anything else goes to `other`.
    fn directive_or(&mut self, s: &Stmt, other: impl FnOnce(&mut Self, &Stmt)) {
        let first = s.toks[0].text().to_ascii_lowercase();
        if UNSAFE.contains(&first.as_str()) {
            self.skipped.push(message_at(
                self.path,
                Some(s.line),
                format!(
                    "\"{}\" would read other files or run code; it is not followed",
                    s.text
                ),
            ));
            return;
        }
        match first.as_str() {
            "!identifiers" => {
                self.hierarchical = s.toks.get(1).is_some_and(|t| t.is_word("hierarchical"));
            }
            "!const" | "!constant" | "!var" => {
                if let [_, name, value, ..] = s.toks.as_slice() {
                    let value = self.sub(value.text());
                    self.consts.insert(name.text().to_owned(), value);
                }
            }
            "!impliedrelationships" => {}
            _ if first.starts_with('!') => {
                self.skipped.push(message_at(
                    self.path,
                    Some(s.line),
                    format!("\"{}\" is not read", s.text),
                ));
            }
            _ => other(self, s),
        }
    }

    /// The statements of a model or element block; `this` is the element whose block it is.
    fn block(&mut self, stmts: &[Stmt], this: Option<usize>, group: &str) {
        for s in stmts {
            self.statement(s, this, group);
        }
    }

    fn statement(&mut self, s: &Stmt, this: Option<usize>, group: &str) {
        let toks = &s.toks;
        let first = toks[0].text().to_ascii_lowercase();
        // `ident = …`
        let (ident, rest) = match toks.get(1) {
            Some(t) if t.is_word("=") => (Some(toks[0].text().to_owned()), &toks[2..]),
            _ => (None, &toks[..]),
        };
        let Some(head) = rest.first() else {
            self.note(s.line, format!("\"{}\" has nothing after \"=\"", s.text));
            return;
        };
        let head_l = head.text().to_ascii_lowercase();
        if let Some(arrow) = rest
            .iter()
            .position(|t| matches!(t, Tok::Word(w) if is_arrow(w)))
        {
            self.relationship(s, rest, arrow, this);
            return;
        }
        if ident.is_none() {
            match first.as_str() {
                "group" => {
                    let name = self.sub(toks.get(1).map_or("", Tok::text));
                    if let Some(b) = &s.block {
                        self.block(b, this, &name);
                    }
                    return;
                }
                "enterprise" => {
                    if let Some(b) = &s.block {
                        self.block(b, this, group);
                    }
                    return;
                }
                "description" | "technology" | "tags" | "tag" | "url" | "location" => {
                    self.attribute(this, &first, &toks[1..]);
                    return;
                }
                "!ref" | "!element" => {
                    let target = toks.get(1).map(|t| self.sub(t.text())).unwrap_or_default();
                    let e = match self.resolve(&target, this) {
                        Some(e) => Some(e),
                        // Defined in the workspace this one extends (not read): a stand-in
                        // software system named by its identifier holds what the block adds.
                        None if self.extends && !target.is_empty() => {
                            self.note(
                                s.line,
                                format!(
                                    "\"{target}\" is defined in the extended workspace; \
                                     it is named by its identifier"
                                ),
                            );
                            Some(self.stand_in(&target, s))
                        }
                        None => {
                            self.unknown(s.line, &target);
                            None
                        }
                    };
                    if let (Some(e), Some(b)) = (e, &s.block) {
                        self.block(b, Some(e), group);
                    }
                    return;
                }
                "archetypes" => {
                    if let Some(b) = &s.block {
                        self.archetypes(b);
                    }
                    return;
                }
                "properties" => {
                    // `technology` among an element's properties: where the export keeps the
                    // technology of a software system (which has no technology of its own).
                    for p in s.block.iter().flatten() {
                        if let [k, v, ..] = p.toks.as_slice()
                            && k.text().eq_ignore_ascii_case("technology")
                            && let Some(e) = this
                            && self.elems[e].technology.is_empty()
                        {
                            self.elems[e].technology = self.sub(v.text());
                        }
                    }
                    return;
                }
                "perspectives"
                | "deploymentenvironment"
                | "deploymentnode"
                | "infrastructurenode"
                | "softwaresysteminstance"
                | "containerinstance"
                | "healthcheck"
                | "instances"
                | "!relationship"
                | "!relationships"
                | "!elements" => return,
                _ => {}
            }
        }
        if let Some(kind) = self.element_kind(&head_l) {
            self.element(s, ident.as_ref(), kind, &head_l, &rest[1..], this, group);
            return;
        }
        if head_l == "group"
            || self
                .archetypes
                .get(&head_l)
                .is_some_and(|a| a.base == "group")
        {
            let name = self.sub(rest.get(1).map_or("", Tok::text));
            if let Some(b) = &s.block {
                self.block(b, this, &name);
            }
            return;
        }
        self.directive_or(s, |m, s| {
            m.note(s.line, format!("\"{}\" is not read", s.text));
        });
    }

    /// A software system for an identifier another file defines.
    fn stand_in(&mut self, ident: &str, s: &Stmt) -> usize {
        self.elems.push(Elem {
            kind: ElemKind::System,
            ident: Some(ident.to_owned()),
            name: ident.to_owned(),
            description: String::new(),
            technology: String::new(),
            tags: Vec::new(),
            group: String::new(),
            parent: None,
            external: false,
            line: s.line,
            text: s.text.clone(),
        });
        let idx = self.elems.len() - 1;
        self.ids.insert(ident.to_ascii_lowercase(), idx);
        idx
    }

    fn element_kind(&self, word: &str) -> Option<ElemKind> {
        let mut w = word.to_owned();
        for _ in 0..16 {
            if let Some((_, k)) = ELEMENTS.iter().find(|(e, _)| *e == w) {
                return Some(*k);
            }
            w = self.archetypes.get(&w)?.base.clone();
        }
        None
    }

    fn archetypes(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            let [name, eq, base, ..] = s.toks.as_slice() else {
                continue;
            };
            if !eq.is_word("=") {
                continue;
            }
            let base_l = base.text().to_ascii_lowercase();
            let mut a = self.archetypes.get(&base_l).cloned().unwrap_or_default();
            if !self.archetypes.contains_key(&base_l) {
                a.base = base_l;
            }
            for b in s.block.iter().flatten() {
                let key = b.toks[0].text().to_ascii_lowercase();
                let values: Vec<String> = b.toks[1..].iter().map(|t| self.sub(t.text())).collect();
                match key.as_str() {
                    "description" => a.description = values.join(" "),
                    "technology" => a.technology = values.join(" "),
                    "tag" | "tags" => a.tags.extend(values.iter().flat_map(|v| split_tags(v))),
                    _ => {}
                }
            }
            self.archetypes.insert(name.text().to_ascii_lowercase(), a);
        }
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "one element statement, read in one place"
    )]
    fn element(
        &mut self,
        s: &Stmt,
        ident: Option<&String>,
        kind: ElemKind,
        word: &str,
        args: &[Tok],
        this: Option<usize>,
        group: &str,
    ) {
        let arch = self.archetypes.get(word).cloned().unwrap_or_default();
        let args: Vec<String> = args.iter().map(|t| self.sub(t.text())).collect();
        let get = |i: usize| args.get(i).cloned().unwrap_or_default();
        // Positional arguments: name, then (description | metadata, description), technology, tags.
        let (description, technology, tags) = match kind {
            ElemKind::Person | ElemKind::System => (get(1), String::new(), get(2)),
            ElemKind::Container | ElemKind::Component => (get(1), get(2), get(3)),
            ElemKind::Custom => (get(2), get(1), get(3)),
        };
        let mut all_tags = arch.tags.clone();
        all_tags.extend(split_tags(&tags));
        let parent = match kind {
            ElemKind::Container | ElemKind::Component => this,
            _ => None,
        };
        let elem = Elem {
            kind,
            ident: ident.cloned(),
            name: get(0),
            description: if description.is_empty() {
                arch.description
            } else {
                description
            },
            technology: if technology.is_empty() {
                arch.technology
            } else {
                technology
            },
            tags: all_tags,
            group: group.to_owned(),
            parent,
            external: false,
            line: s.line,
            text: s.text.clone(),
        };
        let idx = self.elems.len();
        self.elems.push(elem);
        if ident.is_some() {
            let full = self.full_id(idx).to_ascii_lowercase();
            self.ids.insert(full, idx);
        }
        if let Some(b) = &s.block {
            self.block(b, Some(idx), group);
        }
    }

    fn full_id(&self, idx: usize) -> String {
        let e = &self.elems[idx];
        let own = e.ident.clone().unwrap_or_default();
        match (self.hierarchical, e.parent) {
            (true, Some(p)) => format!("{}.{}", self.full_id(p), own),
            _ => own,
        }
    }

    fn attribute(&mut self, this: Option<usize>, key: &str, values: &[Tok]) {
        let Some(e) = this else {
            return;
        };
        let values: Vec<String> = values.iter().map(|t| self.sub(t.text())).collect();
        let e = &mut self.elems[e];
        match key {
            "description" => e.description = values.join(" "),
            "technology" => e.technology = values.join(" "),
            "tags" | "tag" => e.tags.extend(values.iter().flat_map(|v| split_tags(v))),
            "location" => e.external = values.iter().any(|v| v.eq_ignore_ascii_case("external")),
            _ => {}
        }
    }
}

fn is_arrow(t: &str) -> bool {
    t == "->" || (t.starts_with("--") && t.ends_with("->") && t.len() > 4)
}

/// `"Tag 1,Tag 2"` → `["Tag 1", "Tag 2"]`.
fn split_tags(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}
