//! Hostnames in configuration text, and what a container image says a system is.
//!
//! Compose files and manifests name the systems a service talks to in environment values,
//! commands and arguments: `MONGO_HOST=user-db:27017`, `http://zipkin:9411/api/v2/spans`,
//! `Server=sqldata;Database=…`, `-h edge-router`, `amqp://guest:guest@rabbitmq:5672`. [`mentions`]
//! lists the words in such a text that stand where a hostname stands; the reader then keeps only
//! those that name one of its services. A word inside a path (`/data/redis:6379`,
//! `./user-db/data`, `user-db/data`) or an unresolved variable (`${REDIS}`) is no hostname.

use crate::model::{AsyncRole, DependencyType, SystemKind};

/// A word of a text that stands where a hostname stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention<'a> {
    /// As written (`user-db`, `cart.shop.svc.cluster.local`), trailing dots removed.
    pub host: &'a str,
    /// The URL scheme before it (`http` in `http://zipkin:9411`), if any.
    pub scheme: Option<&'a str>,
}

fn is_host_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')
}

/// The words of `text` that may be hostnames, in order.
pub fn mentions(text: &str) -> Vec<Mention<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !is_host_char(char::from(bytes[i])) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_host_char(char::from(bytes[i])) {
            i += 1;
        }
        let word = text[start..i].trim_end_matches('.');
        let before = &text[..start];
        let after = &text[i..];
        let after_url = before.ends_with("//");
        let after_at = before.ends_with('@');
        let in_path = (before.ends_with('/') && !after_url)
            || (after.starts_with('/') && !after_url && !after_at);
        let variable = before.ends_with('$') || before.ends_with("${") || before.ends_with('%');
        let option_name = after.starts_with(['=']) || before.ends_with("--");
        let scheme_word = after.starts_with("://");
        if word.chars().any(|c| c.is_ascii_alphabetic())
            && !word.starts_with(['.', '-'])
            && !in_path
            && !variable
            && !option_name
            && !scheme_word
        {
            let scheme = before
                .strip_suffix("://")
                .map(|b| {
                    &b[word_start(b, |c| {
                        c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')
                    })..]
                })
                .or_else(|| {
                    // `scheme://user:password@host`: the scheme before the user.
                    let at = before.rfind("://")?;
                    let between = &before[at + 3..];
                    (after_at && !between.contains(['/', ' '])).then(|| {
                        let b = &before[..at];
                        &b[word_start(b, |c| c.is_ascii_alphanumeric())..]
                    })
                })
                .filter(|s| !s.is_empty());
            out.push(Mention { host: word, scheme });
        }
    }
    out
}

/// Where the run of characters that `in_word` accepts at the end of `text` starts.
fn word_start(text: &str, in_word: impl Fn(char) -> bool) -> usize {
    text.char_indices()
        .rev()
        .find(|(_, c)| !in_word(*c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The protocol a URL scheme names, as people write it (`http` → `HTTP`).
pub fn protocol(scheme: &str) -> String {
    let s = scheme.to_ascii_lowercase();
    let s = s.split('+').next().unwrap_or_default();
    match s {
        "http" | "https" => "HTTP".to_owned(),
        "grpc" | "grpcs" => "gRPC".to_owned(),
        "mongodb" => "MongoDB".to_owned(),
        "postgres" | "postgresql" => "PostgreSQL".to_owned(),
        "mysql" => "MySQL".to_owned(),
        "redis" | "rediss" => "Redis".to_owned(),
        "ws" | "wss" => "WebSocket".to_owned(),
        "" => String::new(),
        other => other.to_ascii_uppercase(),
    }
}

/// Products whose image names say the kind (compared as whole words of the image's name).
const IMAGE_WORDS: &[(&str, SystemKind)] = &[
    ("postgres", SystemKind::Database),
    ("postgresql", SystemKind::Database),
    ("postgis", SystemKind::Database),
    ("mysql", SystemKind::Database),
    ("mariadb", SystemKind::Database),
    ("mongo", SystemKind::Database),
    ("mongodb", SystemKind::Database),
    ("mssql", SystemKind::Database),
    ("sqlserver", SystemKind::Database),
    ("cassandra", SystemKind::Database),
    ("scylla", SystemKind::Database),
    ("clickhouse", SystemKind::Database),
    ("elasticsearch", SystemKind::Database),
    ("opensearch", SystemKind::Database),
    ("couchdb", SystemKind::Database),
    ("cockroach", SystemKind::Database),
    ("neo4j", SystemKind::Database),
    ("influxdb", SystemKind::Database),
    ("redis", SystemKind::Cache),
    ("valkey", SystemKind::Cache),
    ("memcached", SystemKind::Cache),
    ("rabbitmq", SystemKind::Queue),
    ("kafka", SystemKind::Queue),
    ("nats", SystemKind::Queue),
    ("activemq", SystemKind::Queue),
    ("artemis", SystemKind::Queue),
    ("pulsar", SystemKind::Queue),
    ("redpanda", SystemKind::Queue),
    ("nginx", SystemKind::Gateway),
    ("traefik", SystemKind::Gateway),
    ("envoy", SystemKind::Gateway),
    ("haproxy", SystemKind::Gateway),
    ("jaeger", SystemKind::Observability),
    ("zipkin", SystemKind::Observability),
    ("prometheus", SystemKind::Observability),
    ("grafana", SystemKind::Observability),
    ("seq", SystemKind::Observability),
    ("loki", SystemKind::Observability),
    ("tempo", SystemKind::Observability),
    ("kibana", SystemKind::Observability),
    ("logstash", SystemKind::Observability),
    ("fluentd", SystemKind::Observability),
    ("fluent", SystemKind::Observability),
    ("promtail", SystemKind::Observability),
    ("logflare", SystemKind::Observability),
    // Vector, the log and metrics pipeline (`timberio/vector`): its vendor, since "vector" alone
    // also names vector stores.
    ("timberio", SystemKind::Observability),
];

/// Last words of an image's name that make it a tool for the product named before them, not
/// the product: `supabase/postgres-meta` is an API for managing Postgres, `mongo-express` and
/// `kafka-ui` are web consoles, `redis_exporter` feeds metrics to Prometheus.
const TOOL_WORDS: &[(&str, SystemKind)] = &[
    ("exporter", SystemKind::Observability),
    ("meta", SystemKind::Service),
    ("connect", SystemKind::Service),
    ("rest", SystemKind::Service),
    ("operator", SystemKind::Service),
    ("ui", SystemKind::Ui),
    ("express", SystemKind::Ui),
    ("commander", SystemKind::Ui),
    ("admin", SystemKind::Ui),
    ("insight", SystemKind::Ui),
];

/// The kind an image's name says (`postgres:16` → database, `otel/opentelemetry-collector` →
/// observability), looking at the repository name after the registry, without the tag.
pub fn kind_from_image(image: &str) -> Option<SystemKind> {
    let name = image
        .split('@')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    // The tag follows the last ':' after the last '/' (a registry port is before a '/').
    let (name, tag) = match (name.rfind(':'), name.rfind('/')) {
        (Some(c), Some(s)) if c > s => (&name[..c], &name[c + 1..]),
        (Some(c), None) => (&name[..c], &name[c + 1..]),
        _ => (name.as_str(), ""),
    };
    if ["otel-collector", "opentelemetry-collector", "otelcol"]
        .iter()
        .any(|w| name.contains(w))
    {
        return Some(SystemKind::Observability);
    }
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_ascii_alphanumeric())
            .rev()
            .map(str::to_owned)
            .collect()
    };
    let repo = name.rsplit('/').next().unwrap_or_default();
    // A tool for a product (`postgres-meta`, `mongo-express`) is not the product.
    let last = words(repo);
    if let [tool, before @ ..] = last.as_slice()
        && let Some((_, kind)) = TOOL_WORDS.iter().find(|(w, _)| w == tool)
        && before
            .iter()
            .any(|w| IMAGE_WORDS.iter().any(|(p, _)| p == w))
    {
        return Some(*kind);
    }
    // The repository's name, then the vendor path (`mcr.microsoft.com/mssql/server`), then the
    // tag (`ghcr.io/open-telemetry/demo:2.0-kafka`).
    words(repo)
        .into_iter()
        .chain(words(name))
        .chain(words(tag))
        .find_map(|w| IMAGE_WORDS.iter().find(|(p, _)| *p == w).map(|(_, k)| *k))
}

/// The kind for a system with this name and image: the image's product, else what the name
/// says — except a queue, which only an image says (`queue-master` is a service that reads one).
pub fn kind_for(name: &str, image: &str) -> Option<SystemKind> {
    kind_from_image(image)
        .or_else(|| SystemKind::guess_from_name(name).filter(|k| *k != SystemKind::Queue))
}

/// Last words of an environment variable's name that say its value names a thing other than a
/// host: a database, a user, a bucket (`MYSQL_DATABASE=appwrite`, `POSTGRES_USER=sentry`).
const NOT_HOST_KEYS: [&str; 12] = [
    "DATABASE", "DB", "DBNAME", "NAME", "USER", "USERNAME", "PASSWORD", "PASS", "SCHEMA", "BUCKET",
    "REALM", "TENANT",
];

/// Whether the environment variable `key` set to `value` names something other than a host: a
/// key of two words or more ending in one of [`NOT_HOST_KEYS`] with a bare word for its value
/// (no scheme, port, path or connection string). Before, Appwrite's `MYSQL_DATABASE=appwrite`
/// made its database call the `appwrite` service.
pub fn names_no_host(key: &str, value: &str) -> bool {
    // A key of one word (`DB=db`) may well name the database's host.
    let mut words = key
        .rsplit(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    let (Some(last), Some(_)) = (words.next(), words.next()) else {
        return false;
    };
    NOT_HOST_KEYS.iter().any(|k| last.eq_ignore_ascii_case(k))
        && !value.contains([':', '/', '@', ';', '=', ' ', ','])
}

/// The dependency a runtime mention of a system of kind `target` makes: data access to a
/// database or cache, an async message to a queue (consumes when the words say so, else
/// produces), else a sync call.
pub fn runtime_dependency(target: SystemKind, text: &str) -> (DependencyType, Option<AsyncRole>) {
    match target {
        SystemKind::Database | SystemKind::Cache => (DependencyType::Data, None),
        SystemKind::Queue => {
            let lower = text.to_ascii_lowercase();
            let consumes = ["consum", "subscri", "listen", "receiv", "inbound", "reader"]
                .iter()
                .any(|w| lower.contains(w));
            let role = if consumes {
                AsyncRole::Consumes
            } else {
                AsyncRole::Produces
            };
            (DependencyType::Async, Some(role))
        }
        _ => (DependencyType::Sync, None),
    }
}

#[cfg(test)]
mod tests;
