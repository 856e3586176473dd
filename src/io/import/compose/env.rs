//! The `.env` file beside a compose file and `${VAR}` interpolation, as docker compose does it.
//!
//! Only the `.env` file is used, never the environment of the process running depdig: the map
//! should say what the files say, the same on every machine. Supported: `$VAR`, `${VAR}`,
//! `${VAR:-default}` (unset or empty), `${VAR-default}` (unset), `${VAR:+alt}`, `${VAR+alt}`,
//! `${VAR:?message}` / `${VAR?message}` (a warning, then empty), defaults that hold another
//! `${…}`, and `$$` for a literal `$`.

use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Clone, Default)]
pub struct Env {
    vars: HashMap<String, String>,
    /// Variables used but not set since the last [`Env::take_unset`] (each name once ever).
    unset: Vec<String>,
    warned: BTreeSet<String>,
}

impl Env {
    /// Reads a `.env` file: `KEY=value` lines (`export ` allowed), `#` comments, values in
    /// single quotes taken literally, in double quotes or bare interpolated with the variables
    /// set above them; a bare value ends at ` #`.
    pub fn parse(text: &str) -> Self {
        let mut env = Env::default();
        for (_, key, value) in Self::entries(text) {
            env.vars.insert(key, value);
        }
        env
    }

    /// The variables an env file sets, as [`Env::parse`] reads them, in order: the line each
    /// is on (from 1), its name and its value.
    pub fn entries(text: &str) -> Vec<(u64, String, String)> {
        let mut env = Env::default();
        let mut out = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let key = key.trim();
            let value = value.trim();
            let value = if let Some(inner) = quoted(value, '\'') {
                inner.to_owned()
            } else if let Some(inner) = quoted(value, '"') {
                env.interpolate(&inner.replace("\\n", "\n").replace("\\\"", "\""))
            } else {
                let bare = match value.find(" #") {
                    Some(at) => value[..at].trim_end(),
                    None => value,
                };
                env.interpolate(bare)
            };
            env.vars.insert(key.to_owned(), value.clone());
            out.push((n as u64 + 1, key.to_owned(), value));
        }
        out
    }

    /// The variables found unset since the last call, each reported only once.
    pub fn take_unset(&mut self) -> Vec<String> {
        std::mem::take(&mut self.unset)
    }

    fn note_unset(&mut self, name: &str) {
        if self.warned.insert(name.to_owned()) {
            self.unset.push(name.to_owned());
        }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }

    /// `text` with every variable replaced.
    pub fn interpolate(&mut self, text: &str) -> String {
        if !text.contains('$') {
            return text.to_owned();
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find('$') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            if let Some(tail) = after.strip_prefix('$') {
                out.push('$');
                rest = tail;
            } else if let Some(inner_and_tail) = after.strip_prefix('{') {
                if let Some(end) = closing_brace(inner_and_tail) {
                    let value = self.expand(&inner_and_tail[..end]);
                    out.push_str(&value);
                    rest = &inner_and_tail[end + 1..];
                } else {
                    out.push('$');
                    rest = after;
                }
            } else {
                let len = after
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(after.len());
                if len == 0 {
                    out.push('$');
                } else {
                    let value = self.lookup(&after[..len]);
                    out.push_str(&value.unwrap_or_default());
                }
                rest = &after[len..];
            }
        }
        out.push_str(rest);
        out
    }

    fn lookup(&mut self, name: &str) -> Option<String> {
        let value = self.vars.get(name).cloned();
        if value.is_none() {
            self.note_unset(name);
        }
        value
    }

    /// The inside of `${…}`: a name and maybe an operator and a word.
    fn expand(&mut self, inner: &str) -> String {
        let name_len = inner
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(inner.len());
        let (name, op) = inner.split_at(name_len);
        let value = self.vars.get(name).cloned();
        let set = value.is_some();
        let non_empty = value.as_deref().is_some_and(|v| !v.is_empty());
        let (test, word) = if let Some(w) = op.strip_prefix(":-") {
            ('-', Some((w, non_empty)))
        } else if let Some(w) = op.strip_prefix('-') {
            ('-', Some((w, set)))
        } else if let Some(w) = op.strip_prefix(":+") {
            ('+', Some((w, non_empty)))
        } else if let Some(w) = op.strip_prefix('+') {
            ('+', Some((w, set)))
        } else if let Some(w) = op.strip_prefix(":?") {
            ('?', Some((w, non_empty)))
        } else if let Some(w) = op.strip_prefix('?') {
            ('?', Some((w, set)))
        } else {
            (' ', None)
        };
        match (test, word) {
            ('-', Some((word, ok))) => {
                if ok {
                    value.unwrap_or_default()
                } else {
                    self.interpolate(word)
                }
            }
            ('+', Some((word, ok))) => {
                if ok {
                    self.interpolate(word)
                } else {
                    String::new()
                }
            }
            ('?', Some((_, ok))) => {
                if !ok {
                    self.note_unset(name);
                }
                value.unwrap_or_default()
            }
            _ => self.lookup(name).unwrap_or_default(),
        }
    }
}

fn quoted(value: &str, quote: char) -> Option<&str> {
    value
        .strip_prefix(quote)
        .and_then(|v| v.strip_suffix(quote))
        .filter(|_| value.len() >= 2)
}

/// The index of the `}` closing a `${` whose inside starts `text` (nested `${…}` skipped).
fn closing_brace(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return Some(i),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}
