//! Relationships: `a -> b`, resolved once every element is known (identifiers relative to the
//! element whose block they are in, then from the top).

use super::{Model, Rel, split_tags};
use crate::io::import::structurizr::lex::{Stmt, Tok};
use crate::io::import::text::message_at;

impl Model<'_> {
    /// `[a] -> b ["description"] ["technology"] ["tags"]` (no source: `this`).
    pub(super) fn relationship(
        &mut self,
        s: &Stmt,
        toks: &[Tok],
        arrow: usize,
        this: Option<usize>,
    ) {
        let mut rel_tags = Vec::new();
        // `--name->`: a relationship archetype; its name is kept as a tag.
        let a = toks[arrow].text();
        if a.len() > 4 {
            rel_tags.push(a.trim_start_matches('-').trim_end_matches("->").to_owned());
        }
        let from = match arrow {
            0 => None,
            1 => Some(self.sub(toks[0].text())),
            _ => {
                self.note(s.line, format!("\"{}\" is not a relationship", s.text));
                return;
            }
        };
        let Some(to) = toks.get(arrow + 1).map(|t| self.sub(t.text())) else {
            self.note(s.line, "a relationship without a destination");
            return;
        };
        let rest: Vec<String> = toks[arrow + 2..]
            .iter()
            .map(|t| self.sub(t.text()))
            .collect();
        rel_tags.extend(rest.get(2).map(|t| split_tags(t)).unwrap_or_default());
        let from_idx = match from.as_deref() {
            None | Some("this") => this,
            Some(_) => None,
        };
        if from.is_none() && this.is_none() {
            self.note(s.line, "a relationship without a source outside an element");
            return;
        }
        let rel = Rel {
            from: 0,
            to: 0,
            description: rest.first().cloned().unwrap_or_default(),
            technology: rest.get(1).cloned().unwrap_or_default(),
            tags: rel_tags,
            line: s.line,
            text: s.text.clone(),
        };
        self.pending_from.push(from.unwrap_or_default());
        self.pending.push((from_idx, to, this, rel));
    }

    /// Resolves every relationship's ends, now that every element is known.
    pub fn finish(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let froms = std::mem::take(&mut self.pending_from);
        for ((from_idx, to, scope, mut rel), from_name) in pending.into_iter().zip(froms) {
            let from = from_idx.or_else(|| self.resolve(&from_name, scope));
            let to_idx = if to == "this" {
                scope
            } else {
                self.resolve(&to, scope)
            };
            match (from, to_idx) {
                (Some(f), Some(t)) => {
                    rel.from = f;
                    rel.to = t;
                    self.rels.push(rel);
                }
                (None, _) => self.unknown(rel.line, &from_name),
                (_, None) => self.unknown(rel.line, &to),
            }
        }
    }

    pub(super) fn unknown(&mut self, line: u64, name: &str) {
        let m = format!("unknown identifier \"{name}\"");
        if self.extends {
            // Defined in the workspace this one extends, which is not read.
            self.note(
                line,
                format!("{m} (defined in the extended workspace?); not read"),
            );
        } else {
            self.errors.push(message_at(self.path, Some(line), m));
        }
    }

    /// An identifier as seen from inside element `scope`: relative to it and its parents,
    /// then from the top.
    pub(super) fn resolve(&self, name: &str, scope: Option<usize>) -> Option<usize> {
        let name = name.to_ascii_lowercase();
        let mut at = scope;
        while let Some(e) = at {
            let full = self.full_id(e).to_ascii_lowercase();
            if !full.is_empty()
                && let Some(&i) = self.ids.get(&format!("{full}.{name}"))
            {
                return Some(i);
            }
            at = self.elems[e].parent;
        }
        self.ids.get(&name).copied()
    }
}
