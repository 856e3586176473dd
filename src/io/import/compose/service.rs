//! One compose service: the keys the importer uses, read from one file (interpolated), and
//! merged with the same service in a later file or the one it `extends`, by the compose merge
//! rules for those keys: `image`, `hostname`, `container_name`, `command` and `entrypoint` are
//! replaced; `environment` is merged by variable; `depends_on`, `links`, `profiles` and network
//! aliases are added to.

use std::path::Path;

use super::env::Env;
use crate::io::import::yaml::{Node, Value};
use crate::io::import::{FileMessage, Source};

#[derive(Debug, Clone, Default)]
pub struct Service {
    pub name: String,
    /// Where the service's key is (in the first file that has it).
    pub source: Option<Source>,
    pub image: String,
    /// Names other containers reach it by: `hostname`, `container_name`, network aliases.
    pub hostnames: Vec<String>,
    pub profiles: Vec<String>,
    /// Variable, value (`None`: named without a value and not in `.env`) and where.
    pub environment: Vec<(String, Option<String>, Source)>,
    pub command: Vec<Source>,
    pub entrypoint: Vec<Source>,
    /// Target service and where (`depends_on` and `links`).
    pub depends_on: Vec<(String, Source)>,
    /// `links: [db:database]`: the alias `database` names `db`.
    pub link_aliases: Vec<(String, String)>,
    /// `extends`: the other file (if any) and service.
    pub extends: Option<(Option<String>, String, Source)>,
}

impl Service {
    /// Sets variable `key` (said at `src`), replacing an earlier setting of it.
    fn set_env(&mut self, key: String, value: Option<String>, src: Source) {
        self.environment.retain(|(k, _, _)| *k != key);
        self.environment.push((key, value, src));
    }
}

/// Reads what the importer uses from a service's mapping.
pub struct Reader<'a> {
    pub path: &'a Path,
    pub env: &'a mut Env,
    pub warnings: &'a mut Vec<FileMessage>,
    pub skipped: &'a mut Vec<FileMessage>,
}

impl Reader<'_> {
    fn source(&self, line: u64, text: &str) -> Source {
        Source::new(self.path, Some(line), text)
    }

    /// The scalar with its variables replaced (unset ones warned about at `line`).
    fn text(&mut self, node: &Node) -> Option<String> {
        let raw = node.as_str()?;
        let out = self.env.interpolate(raw);
        self.warn_unset(node.line);
        Some(out)
    }

    /// Warns at `line` about the variables found unset since the last call.
    fn warn_unset(&mut self, line: u64) {
        for name in self.env.take_unset() {
            self.warnings.push(FileMessage {
                path: self.path.to_path_buf(),
                line: Some(line),
                column: None,
                message: format!(
                    "variable {name} is not set (not in .env beside the file); read as empty"
                ),
            });
        }
    }

    pub fn service(&mut self, key: &Node, body: &Node) -> Service {
        let name = key.as_str().unwrap_or_default().to_owned();
        let mut s = Service {
            source: Some(self.source(key.line, &format!("{name}:"))),
            name,
            ..Service::default()
        };
        if let Some(image) = body.get("image") {
            s.image = self.text(image).unwrap_or_default();
        }
        for key in ["hostname", "container_name"] {
            if let Some(h) = body.get(key).and_then(|n| self.text(n)) {
                push_new(&mut s.hostnames, h);
            }
        }
        if let Some(nets) = body.get("networks").and_then(Node::as_map) {
            for (_, net) in nets {
                if let Some(aliases) = net.get("aliases") {
                    for a in aliases.as_seq().unwrap_or_default() {
                        if let Some(a) = self.text(a) {
                            push_new(&mut s.hostnames, a);
                        }
                    }
                }
            }
        }
        if let Some(p) = body.get("profiles") {
            for item in p.as_seq().unwrap_or_default() {
                if let Some(t) = self.text(item) {
                    push_new(&mut s.profiles, t);
                }
            }
        }
        // `env_file` first: what `environment` sets wins.
        if let Some(files) = body.get("env_file") {
            self.env_files(files, &mut s);
        }
        if let Some(env) = body.get("environment") {
            self.environment(env, &mut s);
        }
        for (key, out) in [
            ("command", &mut s.command),
            ("entrypoint", &mut s.entrypoint),
        ] {
            if let Some(node) = body.get(key) {
                let parts: Vec<String> = node
                    .strings()
                    .into_iter()
                    .map(|(t, _)| self.env.interpolate(t))
                    .collect();
                self.warn_unset(node.line);
                if !parts.is_empty() {
                    out.push(self.source(node.line, &format!("{key}: {}", parts.join(" "))));
                }
            }
        }
        if let Some(deps) = body.get("depends_on") {
            self.depends_on(deps, &mut s);
        }
        if let Some(links) = body.get("links").and_then(Node::as_seq) {
            for l in links {
                let Some(text) = self.text(l) else { continue };
                let (target, alias) = text.split_once(':').unwrap_or((&text, ""));
                if !alias.is_empty() {
                    s.link_aliases.push((alias.to_owned(), target.to_owned()));
                }
                let src = self.source(l.line, &format!("links: {text}"));
                s.depends_on.push((target.to_owned(), src));
            }
        }
        if let Some(ext) = body.get("extends") {
            let (file, service) = match &ext.value {
                Value::Str(svc) => (None, Some(svc.clone())),
                _ => (
                    ext.get("file").and_then(|f| self.text(f)),
                    ext.get("service").and_then(|f| self.text(f)),
                ),
            };
            if let Some(service) = service {
                let src = self.source(ext.line, &format!("extends: {service}"));
                s.extends = Some((file, service, src));
            }
        }
        s
    }

    /// Reads the service's `env_file`s (a path, a list of them, or of `{path, required}`),
    /// found relative to the compose file: the variables they set join the service's
    /// environment, each with its own file and line. A file not found (or over the size limit,
    /// or not text) is reported as skipped.
    fn env_files(&mut self, files: &Node, s: &mut Service) {
        let items: Vec<&Node> = match &files.value {
            Value::Seq(items) => items.iter().collect(),
            _ => vec![files],
        };
        for item in items {
            let node = item.get("path").unwrap_or(item);
            let Some(rel) = self.text(node) else { continue };
            let path = self.path.parent().unwrap_or(Path::new("")).join(&rel);
            match crate::io::import::detect::read_text(&path) {
                Ok(text) => {
                    for (line, key, value) in Env::entries(&text) {
                        let src = Source::new(&path, Some(line), format!("{key}={value}"));
                        s.set_env(key, Some(value), src);
                    }
                }
                Err(e) => {
                    let why = e
                        .errors
                        .first()
                        .map_or("cannot read", |m| m.message.as_str());
                    self.skipped.push(FileMessage {
                        path: self.path.to_path_buf(),
                        line: Some(item.line),
                        column: None,
                        message: format!(
                            "env_file {rel} of service {}: {why}; its variables are not read",
                            s.name
                        ),
                    });
                }
            }
        }
    }

    fn environment(&mut self, env: &Node, s: &mut Service) {
        match &env.value {
            Value::Map(entries) => {
                for (k, v) in entries {
                    let Some(key) = k.as_str().map(str::to_owned) else {
                        continue;
                    };
                    let value = match v.value {
                        Value::Null => self.env.get(&key).map(str::to_owned),
                        _ => self.text(v),
                    };
                    let text = format!("{key}={}", value.as_deref().unwrap_or_default());
                    s.set_env(key, value, self.source(k.line, &text));
                }
            }
            Value::Seq(items) => {
                for item in items {
                    let Some(raw) = item.as_str() else { continue };
                    let (key, value) = match raw.split_once('=') {
                        Some((k, _)) => {
                            let full = self.text(item).unwrap_or_default();
                            let v = full.split_once('=').map(|(_, v)| v.to_owned());
                            (k.trim().to_owned(), v)
                        }
                        None => (
                            raw.trim().to_owned(),
                            self.env.get(raw.trim()).map(str::to_owned),
                        ),
                    };
                    let text = format!("{key}={}", value.as_deref().unwrap_or_default());
                    s.set_env(key, value, self.source(item.line, &text));
                }
            }
            _ => {}
        }
    }

    fn depends_on(&mut self, deps: &Node, s: &mut Service) {
        match &deps.value {
            Value::Seq(items) => {
                for item in items {
                    if let Some(t) = self.text(item) {
                        let src = self.source(item.line, &format!("depends_on: {t}"));
                        s.depends_on.push((t, src));
                    }
                }
            }
            Value::Map(entries) => {
                for (k, v) in entries {
                    let Some(t) = self.text(k) else { continue };
                    let text = match v.get("condition").and_then(Node::as_str) {
                        Some(c) => format!("depends_on: {t} ({c})"),
                        None => format!("depends_on: {t}"),
                    };
                    let src = self.source(k.line, &text);
                    s.depends_on.push((t, src));
                }
            }
            _ => {}
        }
    }
}

fn push_new(list: &mut Vec<String>, item: String) {
    if !item.is_empty() && !list.contains(&item) {
        list.push(item);
    }
}

impl Service {
    /// `self` with `over` on top (a later file, or a service over the one it extends).
    pub fn merged(mut self, over: Service) -> Service {
        if self.source.is_none() {
            self.source = over.source;
        }
        if !over.image.is_empty() {
            self.image = over.image;
        }
        for h in over.hostnames {
            push_new(&mut self.hostnames, h);
        }
        for p in over.profiles {
            push_new(&mut self.profiles, p);
        }
        for (k, v, src) in over.environment {
            self.environment.retain(|(old, _, _)| *old != k);
            self.environment.push((k, v, src));
        }
        if !over.command.is_empty() {
            self.command = over.command;
        }
        if !over.entrypoint.is_empty() {
            self.entrypoint = over.entrypoint;
        }
        for (t, src) in over.depends_on {
            if !self.depends_on.iter().any(|(old, _)| *old == t) {
                self.depends_on.push((t, src));
            }
        }
        self.link_aliases.extend(over.link_aliases);
        self.extends = over.extends.or(self.extends);
        self
    }
}
