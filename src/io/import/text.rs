//! What the text readers (Structurizr DSL, DOT, Mermaid, Jaeger JSON) share: building a found
//! system, the dependency type a relationship's wording says, errors at `file:line`.

use std::path::Path;

use super::{FileMessage, Found, FoundDependency, FoundSystem, Source, id_for};
use crate::io::csv_import::ImportError;
use crate::model::{AsyncRole, DependencyType, SystemKind};

/// A system named `name` (id from the name), said at `source`.
pub fn system(name: &str, kind: Option<SystemKind>, source: Source) -> FoundSystem {
    FoundSystem {
        id: id_for(name),
        name: name.to_owned(),
        kind,
        tech: String::new(),
        group: String::new(),
        description: String::new(),
        tags: Vec::new(),
        windows: Vec::new(),
        source,
    }
}

/// A dependency of `from` on `to` (ids), said at `source`.
pub fn dependency(from: &str, to: &str, kind: DependencyType, source: Source) -> FoundDependency {
    FoundDependency {
        from: from.to_owned(),
        to: to.to_owned(),
        kind,
        role: (kind == DependencyType::Async).then_some(AsyncRole::Produces),
        protocol: String::new(),
        label: String::new(),
        sources: vec![source],
    }
}

/// The import failed at `path:line`.
pub fn error_at(path: &Path, line: Option<u64>, message: impl Into<String>) -> ImportError {
    ImportError {
        errors: vec![message_at(path, line, message)],
    }
}

/// A message about `path:line`.
pub fn message_at(path: &Path, line: Option<u64>, message: impl Into<String>) -> FileMessage {
    FileMessage {
        path: path.to_path_buf(),
        line,
        column: None,
        message: message.into(),
    }
}

/// Words that say a relationship is a message, not a call.
const ASYNC_WORDS: &[&str] = &[
    "async",
    "asynchronous",
    "asynchronously",
    "publish",
    "publishes",
    "published",
    "publishing",
    "subscribe",
    "subscribes",
    "subscribed",
    "consume",
    "consumes",
    "consumed",
    "queue",
    "queues",
    "enqueue",
    "enqueues",
    "event",
    "events",
    "message",
    "messages",
    "messaging",
    "topic",
    "topics",
    "emit",
    "emits",
    "notify",
    "notifies",
    "kafka",
    "amqp",
    "rabbitmq",
    "jms",
    "mqtt",
    "sqs",
    "sns",
    "nats",
    "pub/sub",
    "pubsub",
    "webhook",
    "webhooks",
];

/// Words of the async ones that say `from` takes messages rather than sends them.
const CONSUME_WORDS: &[&str] = &[
    "subscribe",
    "subscribes",
    "subscribed",
    "consume",
    "consumes",
    "consumed",
    "listens",
    "receives",
    "polls",
    "reads",
];

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '/'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Whether a relationship described by these texts (description, technology, tags) is
/// asynchronous, and if so which side of the broker `from` is on.
pub fn async_role(texts: &[&str]) -> Option<AsyncRole> {
    let all: Vec<String> = texts.iter().flat_map(|t| words(t)).collect();
    if !all.iter().any(|w| ASYNC_WORDS.contains(&w.as_str())) {
        return None;
    }
    if all.iter().any(|w| CONSUME_WORDS.contains(&w.as_str())) {
        Some(AsyncRole::Consumes)
    } else {
        Some(AsyncRole::Produces)
    }
}

/// The kind technology or tag words say (`PostgreSQL`, `Database`, `Kafka`, `Web Browser`),
/// or `None`.
pub fn kind_from_words(texts: &[&str]) -> Option<SystemKind> {
    let all: Vec<String> = texts.iter().flat_map(|t| words(t)).collect();
    let has = |list: &[&str]| all.iter().any(|w| list.contains(&w.as_str()));
    if has(&[
        "database",
        "db",
        "sql",
        "schema",
        "postgres",
        "postgresql",
        "mysql",
        "mariadb",
        "oracle",
        "mongodb",
        "mongo",
        "cassandra",
        "dynamodb",
        "sqlite",
        "datastore",
        "cosmosdb",
        "elasticsearch",
        "neo4j",
        "clickhouse",
    ]) {
        Some(SystemKind::Database)
    } else if has(&["cache", "redis", "memcached", "hazelcast"]) {
        Some(SystemKind::Cache)
    } else if has(&[
        "queue", "topic", "kafka", "rabbitmq", "broker", "bus", "sqs", "sns", "nats", "pulsar",
        "activemq",
    ]) {
        Some(SystemKind::Queue)
    } else if has(&["browser", "mobile", "spa", "ui", "frontend"]) {
        Some(SystemKind::Ui)
    } else if has(&["gateway", "proxy", "nginx", "envoy"]) {
        Some(SystemKind::Gateway)
    } else if has(&["external"]) {
        Some(SystemKind::External)
    } else {
        None
    }
}

/// The dependency type of a relationship to a system of `to_kind` with these words: on a
/// database or cache `data`, on a queue or with async wording `async` (with the role), else
/// `sync`.
pub fn dependency_kind(
    to_kind: Option<SystemKind>,
    texts: &[&str],
) -> (DependencyType, Option<AsyncRole>) {
    match to_kind {
        Some(SystemKind::Database | SystemKind::Cache) => (DependencyType::Data, None),
        Some(SystemKind::Queue) => (
            DependencyType::Async,
            Some(async_role(texts).unwrap_or(AsyncRole::Produces)),
        ),
        _ => match async_role(texts) {
            Some(role) => (DependencyType::Async, Some(role)),
            None => (DependencyType::Sync, None),
        },
    }
}

/// The kind a found system is or its name says.
fn kind_of(found: &Found, id: &str) -> Option<SystemKind> {
    found.system(id).and_then(|s| {
        s.kind.or_else(|| {
            SystemKind::guess_from_name(if s.name.is_empty() { &s.id } else { &s.name })
        })
    })
}

/// How a diagram's line says a dependency: its type if it names one, whether it is drawn
/// dashed or dotted, its label.
pub struct Line<'a> {
    pub typed: Option<DependencyType>,
    /// The role the line names (`async consumes`), for an async type.
    pub role: Option<AsyncRole>,
    pub dotted: bool,
    pub label: &'a str,
}

/// Adds the dependency a diagram line from `from` to `to` (map ids, both already found) says:
/// the type it names; else an arrow out of a queue is its consumer's (`to` needs the queue,
/// async, consumes); on a database or cache `data`; dashed or dotted `async`; async wording
/// `async`; else `sync`.
pub fn add_line(found: &mut Found, from: &str, to: &str, line: &Line, source: Source) {
    let (from_kind, to_kind) = (kind_of(found, from), kind_of(found, to));
    let (from, to, kind, role) = if let Some(t) = line.typed {
        let role = (t == DependencyType::Async).then(|| {
            line.role
                .or_else(|| async_role(&[line.label]))
                .unwrap_or(AsyncRole::Produces)
        });
        (from, to, t, role)
    } else {
        let (reversed, kind, role) = untyped_line(from_kind, to_kind, line.dotted, line.label);
        if reversed {
            (to, from, kind, role)
        } else {
            (from, to, kind, role)
        }
    };
    let mut d = dependency(from, to, kind, source);
    d.role = role;
    d.label = line.label.to_owned();
    found.add_dependency(d);
}

/// What a diagram line that names no type says, from its ends' kinds, its style and its label:
/// whether it reads backwards (out of a queue: the consumer needs the queue), the type and the
/// async role. The exports write a type word wherever this would say something else.
pub(crate) fn untyped_line(
    from_kind: Option<SystemKind>,
    to_kind: Option<SystemKind>,
    dotted: bool,
    label: &str,
) -> (bool, DependencyType, Option<AsyncRole>) {
    if from_kind == Some(SystemKind::Queue) && to_kind != Some(SystemKind::Queue) {
        return (true, DependencyType::Async, Some(AsyncRole::Consumes));
    }
    let (mut kind, mut role) = dependency_kind(to_kind, &[label]);
    if dotted && kind == DependencyType::Sync {
        kind = DependencyType::Async;
        role = Some(AsyncRole::Produces);
    }
    (false, kind, role)
}

/// Words naming a dependency type and, for async, a role (`timing`, `async consumes`), as
/// the exports write them in a link's text, class or tags.
pub fn type_words(words: &str) -> (Option<DependencyType>, Option<AsyncRole>) {
    let mut typed = None;
    let mut role = None;
    for w in words
        .split([' ', ','])
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        let w = w.to_ascii_lowercase();
        if let Ok(t) = w.parse::<DependencyType>() {
            typed = typed.or(Some(t));
        } else if let Ok(r) = w.parse::<AsyncRole>() {
            role = role.or(Some(r));
        } else {
            return (None, None);
        }
    }
    (typed, role.filter(|_| typed == Some(DependencyType::Async)))
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> u64 {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
        + 1
}

/// Whether the file name ends in one of these extensions (case-insensitive, no dot).
pub fn has_extension(path: &Path, exts: &[&str]) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| exts.contains(&e.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording_says_async_and_the_role() {
        assert_eq!(
            async_role(&["Publishes order events to"]),
            Some(AsyncRole::Produces)
        );
        assert_eq!(
            async_role(&["Subscribes to", "Kafka"]),
            Some(AsyncRole::Consumes)
        );
        assert_eq!(async_role(&["Makes API calls to", "JSON/HTTPS"]), None);
        assert_eq!(
            dependency_kind(Some(SystemKind::Database), &["Reads from"]),
            (DependencyType::Data, None)
        );
        assert_eq!(
            dependency_kind(None, &["Sends e-mail using"]),
            (DependencyType::Sync, None)
        );
    }

    #[test]
    fn technology_words_say_the_kind() {
        assert_eq!(
            kind_from_words(&["Oracle Database Schema"]),
            Some(SystemKind::Database)
        );
        assert_eq!(kind_from_words(&["Apache Kafka"]), Some(SystemKind::Queue));
        assert_eq!(kind_from_words(&["Java and Spring MVC"]), None);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a", 99), 1);
    }
}
