//! docker-compose files (the Compose specification; `version: '2'`, `'3'` or none).
//!
//! Each service is a system (id = the service key, tech = the image, kind from the image, else
//! from the name; profiles become tags). `depends_on` (list or map) and `links` are startup-order
//! dependencies. A hostname of another service, written as it is declared (case matters: the
//! `WebMVC` of a display name is not the host `webmvc`) (its key, `hostname`, `container_name`, a network
//! or link alias) in an `environment` value, `command` or `entrypoint` is a runtime dependency
//! typed by the target's kind (see [`hosts::runtime_dependency`]).
//!
//! Several files combine in order like `docker compose -f a -f b` (see [`service`] for the merge
//! rules of the keys used). `.env` beside the first file is read for `${VAR}` interpolation and
//! for variables named without a value; a service's `env_file`s, found relative to its compose
//! file, add to its environment (one not found is reported as skipped).
//! `extends` follows a service in the same file or in another of the given files, never a file
//! that was not given.

mod env;
mod service;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use env::Env;
use service::{Reader, Service};

use super::hosts::{self, kind_for};
use super::yaml;
use super::{FileMessage, Found, FoundDependency, FoundSystem, Source, id_for};
use crate::io::csv_import::ImportError;
use crate::model::{DependencyType, SystemKind};

/// Services in all the files together.
pub const MAX_SERVICES: usize = 20_000;

/// Whether a file looks like a compose file: a compose name, or a `services:` mapping at the top.
pub fn looks_like(path: &Path, text: &str) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let yaml_name = name.ends_with(".yml") || name.ends_with(".yaml");
    if yaml_name && (name.starts_with("docker-compose") || name.starts_with("compose")) {
        return true;
    }
    text.lines()
        .any(|l| l.trim_end() == "services:" || l.starts_with("services: {"))
        && !text.lines().any(|l| l.starts_with("apiVersion:"))
}

/// Reads one compose file (with its `.env`, if given).
pub fn read(path: &Path, text: &str) -> Result<Found, ImportError> {
    read_files(&[(path.to_path_buf(), text.to_owned())], None)
}

fn error(path: &Path, line: Option<u64>, message: impl Into<String>) -> ImportError {
    ImportError {
        errors: vec![FileMessage {
            path: path.to_path_buf(),
            line,
            column: None,
            message: message.into(),
        }],
    }
}

/// Reads compose files in order, the later ones overriding the earlier; `env` is the `.env`
/// file beside the first one, if there is one.
pub fn read_files(
    files: &[(PathBuf, String)],
    env: Option<&(PathBuf, String)>,
) -> Result<Found, ImportError> {
    let mut vars = env.map(|(_, t)| Env::parse(t)).unwrap_or_default();
    let mut found = Found::default();
    let mut per_file: Vec<Vec<Service>> = Vec::new();
    for (path, text) in files {
        let docs = yaml::parse(text).map_err(|e| error(path, Some(e.line), e.message))?;
        let Some(doc) = docs.iter().find(|d| d.as_map().is_some()) else {
            per_file.push(Vec::new());
            continue;
        };
        let Some(services) = doc.get("services") else {
            return Err(error(
                path,
                Some(doc.line),
                "no `services:` at the top; not a compose file",
            ));
        };
        let mut reader = Reader {
            path,
            env: &mut vars,
            warnings: &mut found.warnings,
            skipped: &mut found.skipped,
        };
        let mut list = Vec::new();
        for (key, body) in services.as_map().unwrap_or_default() {
            if key.as_str().is_none() {
                continue;
            }
            list.push(reader.service(key, body));
        }
        if list.len() + per_file.iter().map(Vec::len).sum::<usize>() > MAX_SERVICES {
            return Err(error(
                path,
                Some(services.line),
                format!("more than {MAX_SERVICES} services; refused"),
            ));
        }
        per_file.push(list);
    }
    let resolved = resolve_extends(files, &per_file, &mut found);
    let mut merged: Vec<Service> = Vec::new();
    for s in resolved.into_iter().flatten() {
        if let Some(old) = merged.iter_mut().find(|m| m.name == s.name) {
            *old = std::mem::take(old).merged(s);
        } else {
            merged.push(s);
        }
    }
    to_found(&merged, &mut found);
    Ok(found)
}

/// Each file's services with `extends` resolved (a base in the same file, or in another given
/// file; a file not given is reported as skipped and not read).
fn resolve_extends(
    files: &[(PathBuf, String)],
    per_file: &[Vec<Service>],
    found: &mut Found,
) -> Vec<Vec<Service>> {
    let find_file = |from: usize, name: &Option<String>| -> Option<usize> {
        let Some(name) = name else { return Some(from) };
        let want = Path::new(name.trim_start_matches("./"));
        files.iter().position(|(p, _)| p.ends_with(want))
    };
    let mut out = Vec::new();
    for (fi, list) in per_file.iter().enumerate() {
        let mut resolved = Vec::new();
        for s in list {
            let mut chain = vec![s.clone()];
            let mut at = (fi, s.clone());
            while let Some((file, base, src)) = at.1.extends.clone() {
                let Some(bf) = find_file(at.0, &file) else {
                    found.skipped.push(FileMessage {
                        path: src.path.clone(),
                        line: src.line,
                        column: None,
                        message: format!(
                            "extends {base} in {}: that file was not given, so it is not read",
                            file.unwrap_or_default()
                        ),
                    });
                    break;
                };
                let Some(b) = per_file[bf].iter().find(|b| b.name == base) else {
                    found.warnings.push(FileMessage {
                        path: src.path.clone(),
                        line: src.line,
                        column: None,
                        message: format!("extends {base}, which is not defined there"),
                    });
                    break;
                };
                if chain.len() > 32
                    || chain
                        .iter()
                        .any(|c| c.name == b.name && c.source == b.source)
                {
                    found.warnings.push(FileMessage {
                        path: src.path.clone(),
                        line: src.line,
                        column: None,
                        message: format!("extends {base} in a loop; stopped there"),
                    });
                    break;
                }
                chain.push(b.clone());
                at = (bf, b.clone());
            }
            let mut result = Service::default();
            for c in chain.into_iter().rev() {
                result = result.merged(Service { extends: None, ..c });
            }
            result.name.clone_from(&s.name);
            result.source.clone_from(&s.source);
            resolved.push(result);
        }
        out.push(resolved);
    }
    out
}

/// The systems and dependencies the merged services say.
fn to_found(services: &[Service], found: &mut Found) {
    let mut by_host: HashMap<String, usize> = HashMap::new();
    for (i, s) in services.iter().enumerate() {
        by_host.entry(s.name.clone()).or_insert(i);
    }
    for (i, s) in services.iter().enumerate() {
        for h in &s.hostnames {
            by_host.entry(h.clone()).or_insert(i);
        }
    }
    for s in services {
        for (alias, target) in &s.link_aliases {
            if let Some(&t) = by_host.get(target) {
                by_host.entry(alias.clone()).or_insert(t);
            }
        }
    }
    let kinds: Vec<SystemKind> = services
        .iter()
        .map(|s| kind_for(&s.name, &s.image).unwrap_or_default())
        .collect();
    for (s, kind) in services.iter().zip(&kinds) {
        found.add_system(FoundSystem {
            id: id_for(&s.name),
            name: s.name.clone(),
            kind: Some(*kind),
            tech: s.image.clone(),
            group: String::new(),
            description: String::new(),
            tags: s.profiles.clone(),
            windows: Vec::new(),
            source: s
                .source
                .clone()
                .unwrap_or_else(|| Source::new("", None, "")),
        });
    }
    let mut deps = Vec::new();
    for s in services {
        let from = id_for(&s.name);
        for (target, src) in &s.depends_on {
            let to = by_host
                .get(target)
                .map_or_else(|| id_for(target), |&t| id_for(&services[t].name));
            deps.push(dependency(
                &from,
                to,
                DependencyType::StartupOrder,
                None,
                src,
            ));
        }
        let texts = s
            .environment
            .iter()
            .filter_map(|(k, v, src)| {
                let v = v.as_deref().filter(|v| !hosts::names_no_host(k, v))?;
                Some((v, src))
            })
            .chain(
                s.command
                    .iter()
                    .chain(&s.entrypoint)
                    .map(|src| (src.text.as_str(), src)),
            );
        for (text, src) in texts {
            for m in hosts::mentions(text) {
                let Some(&t) = by_host.get(m.host) else {
                    continue;
                };
                let target = &services[t];
                let (dep_kind, role) = hosts::runtime_dependency(kinds[t], &src.text);
                let mut dep = dependency(&from, id_for(&target.name), dep_kind, role, src);
                dep.protocol = m.scheme.map(hosts::protocol).unwrap_or_default();
                deps.push(dep);
            }
        }
    }
    found.add_dependencies(deps);
}

fn dependency(
    from: &str,
    to: String,
    kind: DependencyType,
    role: Option<crate::model::AsyncRole>,
    src: &Source,
) -> FoundDependency {
    FoundDependency {
        from: from.to_owned(),
        to,
        kind,
        role,
        protocol: String::new(),
        label: String::new(),
        sources: vec![src.clone()],
    }
}

#[cfg(test)]
mod tests;
