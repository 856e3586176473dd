//! Structurizr DSL workspaces (`workspace { model { … } }`).
//!
//! People are systems of the team kind; software systems and containers are systems
//! (components fold into their container). A software system that has containers is shown by
//! its containers, grouped under the system's name; a relationship that names the software
//! system itself is kept only when no relationship of its containers says the same (it is the
//! summary of those), and then the software system is a system too. Otherwise an element's
//! `group` is its group. Tags and technology say the kind (`Database`, `MySQL` → database;
//! `External` or `location External` → external; `Web Browser`, `Mobile App` → user interface;
//! Kafka, queue, topic → queue).
//!
//! A relationship `a -> b "description" "technology" "tags"` (also inside an element's block,
//! with `this` or no source) is a dependency of `a` on `b`: with a person at either end a
//! human-workflow dependency; on a database or cache `data`; on a queue, or with asynchronous
//! wording (publishes, subscribes, event, message, async, Kafka …) `async`, with the role the
//! words say; else `sync`. A tag naming a dependency type (`timing`, as the export writes it)
//! gives that type. The description is the label, the technology the protocol.
//!
//! Views, styles and deployment are not read; `!include`, `!script`, `!plugin`, `!docs`,
//! `!adrs`, `workspace extends` and anything else that would read files or run code are listed
//! as skipped with their line, never followed.

mod lex;
mod model;

use std::collections::HashMap;
use std::path::Path;

use model::{ElemKind, Model};

use super::text::{dependency, dependency_kind, error_at, has_extension, kind_from_words, system};
use super::{Found, Source, id_for};
use crate::io::csv_import::ImportError;
use crate::model::{AsyncRole, DependencyType, SystemKind};

/// A `.dsl` file, or text starting with `workspace`.
pub fn looks_like(path: &Path, text: &str) -> bool {
    has_extension(path, &["dsl"])
        || text
            .lines()
            .map(str::trim)
            .find(|l| {
                !l.is_empty()
                    && !l.starts_with("//")
                    && !l.starts_with('#')
                    && !l.starts_with("/*")
                    && !l.starts_with('*')
            })
            .is_some_and(|l| {
                l.starts_with("workspace ") || l == "workspace" || l.starts_with("workspace{")
            })
}

pub fn read(path: &Path, text: &str) -> Result<Found, ImportError> {
    let stmts = lex::parse(text).map_err(|(line, m)| error_at(path, Some(line), m))?;
    let mut m = Model::new(path);
    m.file(&stmts);
    m.finish();
    if !m.errors.is_empty() {
        return Err(ImportError { errors: m.errors });
    }
    Ok(found(&m))
}

/// The container (or element) an element is shown as: a component folds into its container.
fn shown_as(m: &Model, i: usize) -> usize {
    match (m.elems[i].kind, m.elems[i].parent) {
        (ElemKind::Component, Some(p)) => p,
        _ => i,
    }
}

/// Whether element `i` is `anc` or inside it.
fn within(m: &Model, mut i: usize, anc: usize) -> bool {
    loop {
        if i == anc {
            return true;
        }
        match m.elems[i].parent {
            Some(p) => i = p,
            None => return false,
        }
    }
}

fn found(m: &Model) -> Found {
    let has_containers: Vec<bool> = (0..m.elems.len())
        .map(|i| {
            m.elems
                .iter()
                .any(|e| e.kind == ElemKind::Container && e.parent == Some(i))
        })
        .collect();
    let expanded = |i: usize| m.elems[i].kind == ElemKind::System && has_containers[i];
    // Relationships as (shown from, shown to, relationship), inner ones (a component on its own
    // container) left out, summaries of container relationships left out.
    let shown: Vec<(usize, usize, usize)> = m
        .rels
        .iter()
        .enumerate()
        .map(|(r, rel)| (shown_as(m, rel.from), shown_as(m, rel.to), r))
        .filter(|(a, b, _)| a != b)
        .collect();
    let kept: Vec<(usize, usize, usize)> = shown
        .iter()
        .copied()
        .filter(|&(a, b, _)| {
            if !(expanded(a) || expanded(b)) {
                return true;
            }
            let covered = shown
                .iter()
                .any(|&(x, y, _)| (x, y) != (a, b) && within(m, x, a) && within(m, y, b));
            !covered
        })
        .collect();
    let mut used = vec![false; m.elems.len()];
    for &(a, b, _) in &kept {
        used[a] = true;
        used[b] = true;
    }
    let ids = system_ids(m);
    let mut f = Found::default();
    let mut kinds: HashMap<usize, Option<SystemKind>> = HashMap::new();
    for (i, e) in m.elems.iter().enumerate() {
        let listed = match e.kind {
            ElemKind::Component => false,
            ElemKind::System if has_containers[i] => used[i],
            _ => true,
        };
        if !listed {
            continue;
        }
        let source = Source::new(m.path, Some(e.line), e.text.clone());
        let kind = elem_kind(e);
        kinds.insert(i, kind);
        let mut s = system(&e.name, kind, source);
        s.id.clone_from(&ids[i]);
        s.tech.clone_from(&e.technology);
        s.description.clone_from(&e.description);
        s.tags = e.tags.clone();
        s.group = match e.parent {
            Some(p) if e.group.is_empty() || e.group == m.elems[p].group => m.elems[p].name.clone(),
            _ => e.group.clone(),
        };
        f.add_system(s);
    }
    for (a, b, r) in kept {
        let rel = &m.rels[r];
        let source = Source::new(m.path, Some(rel.line), rel.text.clone());
        let person = |i: usize| m.elems[i].kind == ElemKind::Person;
        let typed = rel
            .tags
            .iter()
            .find_map(|t| t.to_ascii_lowercase().parse::<DependencyType>().ok());
        let named_role = rel
            .tags
            .iter()
            .find_map(|t| t.to_ascii_lowercase().parse::<AsyncRole>().ok());
        let tag_text = rel.tags.join(" ");
        let (kind, role) = match typed {
            Some(t) => (
                t,
                (t == DependencyType::Async).then(|| {
                    named_role
                        .or_else(|| super::text::async_role(&[&rel.description, &rel.technology]))
                        .unwrap_or(AsyncRole::Produces)
                }),
            ),
            None if person(a) || person(b) => (DependencyType::HumanWorkflow, None),
            None => {
                let to_kind = kinds
                    .get(&b)
                    .copied()
                    .flatten()
                    .or_else(|| SystemKind::guess_from_name(&m.elems[b].name));
                dependency_kind(to_kind, &[&rel.description, &rel.technology, &tag_text])
            }
        };
        let mut d = dependency(&ids[a], &ids[b], kind, source);
        d.role = role;
        d.label.clone_from(&rel.description);
        d.protocol.clone_from(&rel.technology);
        f.add_dependency(d);
    }
    f.warnings.extend(m.warnings.iter().cloned());
    f.skipped.extend(m.skipped.iter().cloned());
    f
}

/// The kind an element's type, tags and technology say (`None`: let the name say).
fn elem_kind(e: &model::Elem) -> Option<SystemKind> {
    if e.kind == ElemKind::Person {
        return Some(SystemKind::Team);
    }
    if e.external {
        return Some(SystemKind::External);
    }
    // A depdig kind word as a tag (as the export writes them) says it exactly.
    if let Some(k) = e
        .tags
        .iter()
        .find_map(|t| t.to_ascii_lowercase().parse().ok())
    {
        return Some(k);
    }
    let tags = e.tags.join(", ");
    kind_from_words(&[&tags, &e.technology])
}

/// A map id for each element: its identifier (`internetBankingSystem` → `internet-banking-system`),
/// else its name; when two elements would share one, the later one takes its parent's too.
fn system_ids(m: &Model) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(m.elems.len());
    for e in &m.elems {
        let base = e
            .ident
            .as_deref()
            .map_or_else(|| id_for(&e.name), |i| id_for(&kebab(i)));
        let base = if base.is_empty() {
            "element".to_owned()
        } else {
            base
        };
        let mut id = base.clone();
        if out.contains(&id)
            && let Some(p) = e.parent
        {
            id = format!("{}-{base}", out[p]);
        }
        let mut n = 2;
        while out.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        out.push(id);
    }
    out
}

/// `internetBankingSystem` → `internet-Banking-System` (id_for lower-cases it).
fn kebab(s: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_uppercase() && prev_lower {
            out.push('-');
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
