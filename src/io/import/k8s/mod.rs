//! Kubernetes manifests (one or many documents per file, `kind: List` too).
//!
//! Deployments, StatefulSets, DaemonSets, ReplicaSets, Pods, Jobs and CronJobs are systems
//! (id = the name; group = the namespace, when one is written; tech = the first container's
//! image, kind from the images, a Job or CronJob a batch job with a CronJob's schedule as a time
//! window — see [`cron`]). A Service stands for the workloads its selector matches (same
//! namespace). A container's env values, args and command, and the data of the ConfigMaps it
//! uses (`envFrom`, `configMapKeyRef`, a `configMap` volume) name Services as `svc`, `svc:port`,
//! `svc.ns`, `svc.ns.svc` or `svc.ns.svc.cluster.local`: each is a runtime dependency on the
//! Service's workloads, typed by their kind. An Ingress is a gateway system with a sync
//! dependency on the workloads behind each backend Service. Secrets are never read.

mod cron;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::hosts::{self, kind_from_image};
use super::yaml::{self, Node};
use super::{FileMessage, Found, FoundDependency, FoundSystem, Source, id_for};
use crate::io::csv_import::ImportError;
use crate::model::{DependencyType, SystemKind};

/// Objects in all the files together.
pub const MAX_OBJECTS: usize = 50_000;

const WORKLOADS: &[&str] = &[
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "Pod",
    "Job",
    "CronJob",
];

/// Whether a file holds Kubernetes objects: `apiVersion:` and `kind:` at the top of a document.
pub fn looks_like(_path: &Path, text: &str) -> bool {
    let top = |key: &str| text.lines().any(|l| l.starts_with(key));
    top("apiVersion:") && top("kind:")
}

/// Reads one manifest file.
pub fn read(path: &Path, text: &str) -> Result<Found, ImportError> {
    read_files(&[(path.to_path_buf(), text.to_owned())])
}

/// One object of a manifest and the file it is in.
struct Object<'a> {
    path: &'a Path,
    node: &'a Node,
    kind: &'a str,
    name: &'a str,
    namespace: &'a str,
}

impl Object<'_> {
    fn source(&self, line: u64, text: &str) -> Source {
        Source::new(self.path, Some(line), text)
    }
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

/// Reads manifest files as one set (a Service in one file selects a Deployment in another).
pub fn read_files(files: &[(PathBuf, String)]) -> Result<Found, ImportError> {
    let mut docs: Vec<(&Path, Vec<Node>)> = Vec::new();
    for (path, text) in files {
        let parsed = yaml::parse(text).map_err(|e| error(path, Some(e.line), e.message))?;
        docs.push((path, parsed));
    }
    let mut objects = Vec::new();
    for (path, list) in &docs {
        for doc in list {
            let items = match doc.get("kind").and_then(Node::as_str) {
                Some("List") => doc
                    .get("items")
                    .and_then(Node::as_seq)
                    .unwrap_or_default()
                    .iter()
                    .collect(),
                _ => vec![doc],
            };
            for node in items {
                let (Some(kind), Some(name)) = (
                    node.get("kind").and_then(Node::as_str),
                    node.get("metadata")
                        .and_then(|m| m.get("name"))
                        .and_then(Node::as_str),
                ) else {
                    continue;
                };
                let namespace = node
                    .get("metadata")
                    .and_then(|m| m.get("namespace"))
                    .and_then(Node::as_str)
                    .unwrap_or_default();
                objects.push(Object {
                    path,
                    node,
                    kind,
                    name,
                    namespace,
                });
                if objects.len() > MAX_OBJECTS {
                    return Err(error(
                        path,
                        Some(node.line),
                        format!("more than {MAX_OBJECTS} objects; refused"),
                    ));
                }
            }
        }
    }
    let mut found = Found::default();
    let workloads: Vec<&Object> = objects
        .iter()
        .filter(|o| WORKLOADS.contains(&o.kind))
        .collect();
    // A name used in two namespaces gets the namespace in its id.
    let ids: Vec<String> = workloads
        .iter()
        .map(|w| {
            let clash = workloads
                .iter()
                .any(|o| o.name == w.name && o.namespace != w.namespace);
            if clash && !w.namespace.is_empty() {
                id_for(&format!("{}-{}", w.namespace, w.name))
            } else {
                id_for(w.name)
            }
        })
        .collect();
    let kinds: Vec<SystemKind> = workloads.iter().map(|w| workload_kind(w)).collect();
    for ((w, id), kind) in workloads.iter().zip(&ids).zip(&kinds) {
        add_workload(&mut found, w, id, *kind);
    }
    // Services: (namespace, name) → the workloads they select.
    let mut services: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for s in objects.iter().filter(|o| o.kind == "Service") {
        let selector = s
            .node
            .get("spec")
            .and_then(|sp| sp.get("selector"))
            .and_then(Node::as_map);
        let selected: Vec<usize> = selector
            .map(|sel| {
                workloads
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| w.namespace == s.namespace && selects(sel, w))
                    .map(|(i, _)| i)
                    .collect()
            })
            .unwrap_or_default();
        if selected.is_empty() {
            found.warnings.push(FileMessage {
                path: s.path.to_path_buf(),
                line: Some(s.node.line),
                column: None,
                message: format!("Service {} selects no workload in these files", s.name),
            });
        }
        services
            .entry((s.namespace, s.name))
            .or_default()
            .extend(selected);
    }
    let config_maps: HashMap<(&str, &str), &Object> = objects
        .iter()
        .filter(|o| o.kind == "ConfigMap")
        .map(|o| ((o.namespace, o.name), o))
        .collect();
    let resolve = |ns: &str, host: &str| -> Vec<usize> { resolve_host(&services, ns, host) };
    let mut deps = Vec::new();
    for (wi, w) in workloads.iter().enumerate() {
        for (text, src) in texts(w, &config_maps) {
            for m in hosts::mentions(&text) {
                for t in resolve(w.namespace, m.host) {
                    let (kind, role) = hosts::runtime_dependency(kinds[t], &src.text);
                    let mut d = dependency(&ids[wi], &ids[t], kind, &src);
                    d.role = role;
                    d.protocol = m.scheme.map(hosts::protocol).unwrap_or_default();
                    deps.push(d);
                }
            }
        }
    }
    found.add_dependencies(deps);
    for ing in objects.iter().filter(|o| o.kind == "Ingress") {
        add_ingress(&mut found, ing, &|svc| resolve(ing.namespace, svc), &ids);
    }
    Ok(found)
}

/// The workloads behind a hostname as a pod in namespace `ns` writes it.
fn resolve_host(services: &HashMap<(&str, &str), Vec<usize>>, ns: &str, host: &str) -> Vec<usize> {
    let labels: Vec<&str> = host.split('.').collect();
    let (name, target_ns) = match labels.as_slice() {
        [name] => (*name, ns),
        [name, ns2] | [name, ns2, "svc"] => (*name, *ns2),
        [name, ns2, "svc", ..] => (*name, *ns2),
        _ => return Vec::new(),
    };
    if let Some(found) = services.get(&(target_ns, name)) {
        return found.clone();
    }
    // Manifests without namespaces are applied into one; `svc.shop` then means that one.
    if labels.len() > 1
        && let Some(found) = services.get(&("", name))
    {
        return found.clone();
    }
    Vec::new()
}

/// Whether every label of a Service's selector is on the workload's pods.
fn selects(selector: &[(Node, Node)], w: &Object) -> bool {
    let labels = pod_metadata(w.node).and_then(|m| m.get("labels"));
    !selector.is_empty()
        && selector.iter().all(|(k, v)| {
            let key = k.as_str().unwrap_or_default();
            labels.and_then(|l| l.get(key)).and_then(Node::as_str) == v.as_str()
        })
}

fn pod_template(node: &Node) -> Option<&Node> {
    match node.get("kind").and_then(Node::as_str) {
        Some("Pod") => Some(node),
        Some("CronJob") => node
            .get("spec")?
            .get("jobTemplate")?
            .get("spec")?
            .get("template"),
        _ => node.get("spec")?.get("template"),
    }
}

fn pod_metadata(node: &Node) -> Option<&Node> {
    pod_template(node)?.get("metadata")
}

fn pod_spec(node: &Node) -> Option<&Node> {
    pod_template(node)?.get("spec")
}

fn containers(node: &Node) -> Vec<&Node> {
    let Some(spec) = pod_spec(node) else {
        return Vec::new();
    };
    ["containers", "initContainers"]
        .iter()
        .filter_map(|k| spec.get(k).and_then(Node::as_seq))
        .flatten()
        .collect()
}

fn workload_kind(w: &Object) -> SystemKind {
    if matches!(w.kind, "Job" | "CronJob") {
        return SystemKind::BatchJob;
    }
    containers(w.node)
        .iter()
        .filter_map(|c| c.get("image").and_then(Node::as_str))
        .find_map(kind_from_image)
        .or_else(|| SystemKind::guess_from_name(w.name).filter(|k| *k != SystemKind::Queue))
        .unwrap_or_default()
}

fn add_workload(found: &mut Found, w: &Object, id: &str, kind: SystemKind) {
    let image = containers(w.node)
        .first()
        .and_then(|c| c.get("image"))
        .and_then(Node::as_str)
        .unwrap_or_default()
        .to_owned();
    let key_line = w
        .node
        .get("metadata")
        .and_then(|m| m.get("name"))
        .map_or(w.node.line, |n| n.line);
    let mut system = FoundSystem {
        id: id.to_owned(),
        name: w.name.to_owned(),
        kind: Some(kind),
        tech: image,
        group: w.namespace.to_owned(),
        description: String::new(),
        tags: Vec::new(),
        windows: Vec::new(),
        source: w.source(key_line, &format!("{} {}", w.kind, w.name)),
    };
    if w.kind == "CronJob" {
        let spec = w.node.get("spec");
        let schedule = spec.and_then(|s| s.get("schedule"));
        let zone = spec.and_then(|s| s.get("timeZone")).and_then(Node::as_str);
        if let Some(node) = schedule
            && let Some(text) = node.as_str()
        {
            if let Some(window) = cron::window(text, zone) {
                system.windows.push(window);
            } else {
                system.description = format!("CronJob schedule: {text}");
                found.warnings.push(FileMessage {
                    path: w.path.to_path_buf(),
                    line: Some(node.line),
                    column: None,
                    message: format!(
                        "CronJob {}: schedule \"{text}\" is not one time of day; kept in the description",
                        w.name
                    ),
                });
            }
        }
    }
    found.add_system(system);
}

/// The texts of a workload that may name a Service, with where they are.
fn texts(w: &Object, config_maps: &HashMap<(&str, &str), &Object>) -> Vec<(String, Source)> {
    let mut out = Vec::new();
    let mut maps_used: Vec<&str> = Vec::new();
    for c in containers(w.node) {
        for e in c.get("env").and_then(Node::as_seq).unwrap_or_default() {
            let name = e.get("name").and_then(Node::as_str).unwrap_or_default();
            if let Some(v) = e.get("value")
                && let Some(value) = v.as_str()
                && !hosts::names_no_host(name, value)
            {
                out.push((
                    value.to_owned(),
                    w.source(v.line, &format!("{name}={value}")),
                ));
            }
            let key_ref = e.get("valueFrom").and_then(|f| f.get("configMapKeyRef"));
            if let Some(r) = key_ref
                && let (Some(map), Some(key)) = (
                    r.get("name").and_then(Node::as_str),
                    r.get("key").and_then(Node::as_str),
                )
                && let Some(cm) = config_maps.get(&(w.namespace, map))
                && let Some(v) = cm.node.get("data").and_then(|d| d.get(key))
                && let Some(value) = v.as_str()
                && !hosts::names_no_host(name, value)
            {
                out.push((
                    value.to_owned(),
                    cm.source(v.line, &format!("{name}={value} (ConfigMap {map})")),
                ));
            }
        }
        for from in c.get("envFrom").and_then(Node::as_seq).unwrap_or_default() {
            if let Some(map) = from
                .get("configMapRef")
                .and_then(|r| r.get("name"))
                .and_then(Node::as_str)
            {
                maps_used.push(map);
            }
        }
        for key in ["command", "args"] {
            if let Some(node) = c.get(key) {
                let parts: Vec<&str> = node.strings().into_iter().map(|(t, _)| t).collect();
                let joined = parts.join(" ");
                out.push((
                    joined.clone(),
                    w.source(node.line, &format!("{key}: {joined}")),
                ));
            }
        }
    }
    if let Some(volumes) = pod_spec(w.node)
        .and_then(|s| s.get("volumes"))
        .and_then(Node::as_seq)
    {
        for v in volumes {
            if let Some(map) = v
                .get("configMap")
                .and_then(|c| c.get("name"))
                .and_then(Node::as_str)
            {
                maps_used.push(map);
            }
        }
    }
    for map in maps_used {
        let Some(cm) = config_maps.get(&(w.namespace, map)) else {
            continue;
        };
        for (k, v) in cm
            .node
            .get("data")
            .and_then(Node::as_map)
            .unwrap_or_default()
        {
            let (Some(key), Some(value)) = (k.as_str(), v.as_str()) else {
                continue;
            };
            // A config file in a ConfigMap is many lines: each is its own source.
            for (i, line) in value.lines().enumerate() {
                let at = if value.contains('\n') {
                    v.line + 1 + i as u64
                } else {
                    v.line
                };
                out.push((
                    line.to_owned(),
                    cm.source(at, &format!("{key}: {}", line.trim())),
                ));
            }
        }
    }
    out
}

fn add_ingress(
    found: &mut Found,
    ing: &Object,
    resolve: &dyn Fn(&str) -> Vec<usize>,
    ids: &[String],
) {
    let id = id_for(ing.name);
    found.add_system(FoundSystem {
        id: id.clone(),
        name: ing.name.to_owned(),
        kind: Some(SystemKind::Gateway),
        tech: "Kubernetes Ingress".to_owned(),
        group: ing.namespace.to_owned(),
        description: String::new(),
        tags: Vec::new(),
        windows: Vec::new(),
        source: ing.source(ing.node.line, &format!("Ingress {}", ing.name)),
    });
    let spec = ing.node.get("spec");
    let mut backends: Vec<&Node> = Vec::new();
    if let Some(b) = spec.and_then(|s| s.get("defaultBackend").or_else(|| s.get("backend"))) {
        backends.push(b);
    }
    for rule in spec
        .and_then(|s| s.get("rules"))
        .and_then(Node::as_seq)
        .unwrap_or_default()
    {
        let paths = rule
            .get("http")
            .and_then(|h| h.get("paths"))
            .and_then(Node::as_seq);
        backends.extend(
            paths
                .unwrap_or_default()
                .iter()
                .filter_map(|p| p.get("backend")),
        );
    }
    for b in backends {
        let name = b
            .get("service")
            .and_then(|s| s.get("name"))
            .or_else(|| b.get("serviceName"))
            .and_then(|n| n.as_str().map(|s| (s, n.line)));
        let Some((svc, line)) = name else { continue };
        for t in resolve(svc) {
            let src = ing.source(line, &format!("backend service {svc}"));
            let mut d = dependency(&id, &ids[t], DependencyType::Sync, &src);
            d.protocol = "HTTP".to_owned();
            found.add_dependency(d);
        }
    }
}

fn dependency(from: &str, to: &str, kind: DependencyType, src: &Source) -> FoundDependency {
    FoundDependency {
        from: from.to_owned(),
        to: to.to_owned(),
        kind,
        role: None,
        protocol: String::new(),
        label: String::new(),
        sources: vec![src.clone()],
    }
}

#[cfg(test)]
mod tests;
