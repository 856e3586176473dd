//! Guessing a system's kind from the name a facilitator types ("Orders DB" → database), so the
//! add dialog can propose the shape while people talk.
//!
//! Names are split into words (at spaces, punctuation and camel case: "RabbitMQ" → rabbit, mq).
//! A word that names a *category* ("database", "topic", "gateway", "team", "job", "UI") decides,
//! and the last such word wins, because the last word of an English compound is what the thing
//! is: "Redis session cache" is a cache, "Postgres backup job" a batch job, "Queue admin UI" a
//! user interface. Only without a category word does a *product* name decide ("Kafka" → queue,
//! "Postgres" → database). Words are compared whole, never as substrings, so "Cachet status
//! page", "Debt tracker" and "Warehouse" guess nothing.

use super::SystemKind;

/// Two-word phrases that name a category; checked before single words at the same position.
const CATEGORY_PHRASES: &[(&str, &str, SystemKind)] = &[
    ("data", "warehouse", SystemKind::Database),
    ("data", "lake", SystemKind::Database),
    ("data", "store", SystemKind::Database),
    ("sql", "server", SystemKind::Database),
    ("event", "bus", SystemKind::Queue),
    ("message", "bus", SystemKind::Queue),
    ("service", "bus", SystemKind::Queue),
    ("event", "stream", SystemKind::Queue),
    ("events", "stream", SystemKind::Queue),
    ("event", "hub", SystemKind::Queue),
    ("event", "hubs", SystemKind::Queue),
    ("pub", "sub", SystemKind::Queue),
    ("load", "balancer", SystemKind::Gateway),
    ("front", "end", SystemKind::Ui),
    ("web", "app", SystemKind::Ui),
    ("mobile", "app", SystemKind::Ui),
    ("batch", "run", SystemKind::BatchJob),
    // A worker for stores is no store: "appwrite-worker-databases" runs the API's database
    // jobs (before: drawn as a database).
    ("worker", "databases", SystemKind::Service),
    ("worker", "dbs", SystemKind::Service),
    ("worker", "caches", SystemKind::Service),
    ("workers", "databases", SystemKind::Service),
];

/// Words that say what kind of thing a system is.
const CATEGORY_WORDS: &[(&str, SystemKind)] = &[
    ("database", SystemKind::Database),
    ("databases", SystemKind::Database),
    ("db", SystemKind::Database),
    ("dbs", SystemKind::Database),
    ("datastore", SystemKind::Database),
    ("sql", SystemKind::Database),
    ("cache", SystemKind::Cache),
    ("caches", SystemKind::Cache),
    ("caching", SystemKind::Cache),
    ("cdn", SystemKind::Cache),
    ("queue", SystemKind::Queue),
    ("queues", SystemKind::Queue),
    ("topic", SystemKind::Queue),
    ("topics", SystemKind::Queue),
    ("broker", SystemKind::Queue),
    ("gateway", SystemKind::Gateway),
    ("gateways", SystemKind::Gateway),
    ("gw", SystemKind::Gateway),
    ("proxy", SystemKind::Gateway),
    ("proxies", SystemKind::Gateway),
    ("ingress", SystemKind::Gateway),
    ("loadbalancer", SystemKind::Gateway),
    ("team", SystemKind::Team),
    ("teams", SystemKind::Team),
    ("squad", SystemKind::Team),
    ("tribe", SystemKind::Team),
    ("department", SystemKind::Team),
    ("dept", SystemKind::Team),
    ("desk", SystemKind::Team),
    ("helpdesk", SystemKind::Team),
    ("job", SystemKind::BatchJob),
    ("jobs", SystemKind::BatchJob),
    ("cron", SystemKind::BatchJob),
    ("cronjob", SystemKind::BatchJob),
    ("batch", SystemKind::BatchJob),
    ("etl", SystemKind::BatchJob),
    ("ui", SystemKind::Ui),
    ("gui", SystemKind::Ui),
    ("frontend", SystemKind::Ui),
    ("website", SystemKind::Ui),
    ("webshop", SystemKind::Ui),
    ("webapp", SystemKind::Ui),
    ("portal", SystemKind::Ui),
    ("dashboard", SystemKind::Ui),
    ("collector", SystemKind::Observability),
    ("collectors", SystemKind::Observability),
    ("tracing", SystemKind::Observability),
    ("telemetry", SystemKind::Observability),
    ("monitoring", SystemKind::Observability),
    ("metrics", SystemKind::Observability),
    ("logging", SystemKind::Observability),
    ("observability", SystemKind::Observability),
    // A service said so: "Kafka consumer" is a service that reads Kafka, not the broker.
    ("service", SystemKind::Service),
    ("services", SystemKind::Service),
    ("svc", SystemKind::Service),
    ("microservice", SystemKind::Service),
    ("api", SystemKind::Service),
    ("consumer", SystemKind::Service),
    ("producer", SystemKind::Service),
];

/// Products whose name alone says the kind, when no category word does.
const PRODUCT_WORDS: &[(&str, SystemKind)] = &[
    ("postgres", SystemKind::Database),
    ("postgresql", SystemKind::Database),
    ("postgre", SystemKind::Database),
    ("mysql", SystemKind::Database),
    ("mssql", SystemKind::Database),
    ("sqlite", SystemKind::Database),
    ("mongo", SystemKind::Database),
    ("cassandra", SystemKind::Database),
    ("couchbase", SystemKind::Database),
    ("neo4j", SystemKind::Database),
    ("clickhouse", SystemKind::Database),
    ("redshift", SystemKind::Database),
    ("bigquery", SystemKind::Database),
    ("db2", SystemKind::Database),
    ("rds", SystemKind::Database),
    ("kafka", SystemKind::Queue),
    ("rabbit", SystemKind::Queue),
    ("rabbitmq", SystemKind::Queue),
    ("mq", SystemKind::Queue),
    ("sqs", SystemKind::Queue),
    ("sns", SystemKind::Queue),
    ("kinesis", SystemKind::Queue),
    ("pubsub", SystemKind::Queue),
    ("nats", SystemKind::Queue),
    ("amqp", SystemKind::Queue),
    ("mqtt", SystemKind::Queue),
    ("jms", SystemKind::Queue),
    ("pulsar", SystemKind::Queue),
    ("redis", SystemKind::Cache),
    ("valkey", SystemKind::Cache),
    ("memcached", SystemKind::Cache),
    ("memcache", SystemKind::Cache),
    ("hazelcast", SystemKind::Cache),
    ("varnish", SystemKind::Cache),
    ("nginx", SystemKind::Gateway),
    ("haproxy", SystemKind::Gateway),
    ("envoy", SystemKind::Gateway),
    ("traefik", SystemKind::Gateway),
    ("kong", SystemKind::Gateway),
    ("apigee", SystemKind::Gateway),
    ("otel", SystemKind::Observability),
    ("opentelemetry", SystemKind::Observability),
    ("jaeger", SystemKind::Observability),
    ("zipkin", SystemKind::Observability),
    ("tempo", SystemKind::Observability),
    ("prometheus", SystemKind::Observability),
    ("grafana", SystemKind::Observability),
    ("loki", SystemKind::Observability),
    ("datadog", SystemKind::Observability),
    ("splunk", SystemKind::Observability),
    ("fluentd", SystemKind::Observability),
    ("fluentbit", SystemKind::Observability),
    ("logstash", SystemKind::Observability),
    ("kibana", SystemKind::Observability),
];

impl SystemKind {
    /// The kind a system named `name` most likely is, or `None` when the name does not say.
    pub fn guess_from_name(name: &str) -> Option<SystemKind> {
        let words = words(name);
        let category = |i: usize| -> Option<SystemKind> {
            let w = words[i].as_str();
            if i > 0 {
                let prev = words[i - 1].as_str();
                if let Some((_, _, kind)) = CATEGORY_PHRASES
                    .iter()
                    .find(|(a, b, _)| *a == prev && *b == w)
                {
                    return Some(*kind);
                }
            }
            lookup(CATEGORY_WORDS, w).or_else(|| {
                // "ordersdb", "MongoDB", "ElastiCache"-like compounds written as one word.
                if w.len() > 2 && w.ends_with("db") {
                    Some(SystemKind::Database)
                } else if w.len() > 5 && w.ends_with("cache") {
                    Some(SystemKind::Cache)
                } else {
                    None
                }
            })
        };
        (0..words.len())
            .rev()
            .find_map(category)
            .or_else(|| words.iter().rev().find_map(|w| lookup(PRODUCT_WORDS, w)))
    }
}

fn lookup(table: &[(&str, SystemKind)], word: &str) -> Option<SystemKind> {
    table.iter().find(|(w, _)| *w == word).map(|(_, k)| *k)
}

/// Lower-case words of a name, split at anything not a letter or digit and at camel case
/// ("OrdersDB" → orders, db; "HAProxy" → ha, proxy; "RabbitMQ" → rabbit, mq).
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in name.split(|c: char| !c.is_alphanumeric()) {
        let chars: Vec<char> = part.chars().collect();
        let mut word = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let boundary = c.is_uppercase()
                && prev.is_some_and(|p| {
                    p.is_lowercase()
                        || p.is_ascii_digit()
                        || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
                });
            if boundary && !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            word.extend(c.to_lowercase());
        }
        if !word.is_empty() {
            out.push(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guess(name: &str) -> Option<SystemKind> {
        SystemKind::guess_from_name(name)
    }

    #[test]
    fn names_that_say_their_kind() {
        let cases = [
            ("Orders DB", SystemKind::Database),
            ("Customer database", SystemKind::Database),
            ("orders-db", SystemKind::Database),
            ("OrdersDB", SystemKind::Database),
            ("MongoDB", SystemKind::Database),
            ("Postgres", SystemKind::Database),
            ("PostgreSQL replica", SystemKind::Database),
            ("Data warehouse", SystemKind::Database),
            ("Payments team", SystemKind::Team),
            ("Team Payments", SystemKind::Team),
            ("Service desk", SystemKind::Team),
            ("order-events topic", SystemKind::Queue),
            ("Kafka", SystemKind::Queue),
            ("RabbitMQ", SystemKind::Queue),
            ("Amazon SQS", SystemKind::Queue),
            ("Returns queue", SystemKind::Queue),
            ("Azure Service Bus", SystemKind::Queue),
            ("Redis session cache", SystemKind::Cache),
            ("Redis", SystemKind::Cache),
            ("Memcached", SystemKind::Cache),
            ("ElastiCache", SystemKind::Cache),
            ("Edge gateway", SystemKind::Gateway),
            ("API gateway", SystemKind::Gateway),
            ("nginx", SystemKind::Gateway),
            ("HAProxy", SystemKind::Gateway),
            ("Reverse proxy", SystemKind::Gateway),
            ("Postgres backup job", SystemKind::BatchJob),
            ("Nightly ETL", SystemKind::BatchJob),
            ("Queue admin UI", SystemKind::Ui),
            ("Customer portal", SystemKind::Ui),
            ("Kafka consumer", SystemKind::Service),
            ("Payments API", SystemKind::Service),
        ];
        for (name, kind) in cases {
            assert_eq!(guess(name), Some(kind), "{name}");
        }
    }

    #[test]
    fn names_that_do_not_say_their_kind_guess_nothing() {
        for name in [
            "",
            "   ",
            "Debt tracker",
            "Cachet status page",
            "Warehouse",
            "Warehouse on-call",
            "Billing",
            "Ledger",
            "Order management",
            "Teamwork planner",
            "Jobcentre integration",
            "Gatekeeper",
            "Queued mail",
            "Proxyless",
            "ØÆÅ — 注文",
        ] {
            assert_eq!(guess(name), None, "{name:?}");
        }
    }

    #[test]
    fn telemetry_names_guess_observability() {
        for name in [
            "otel-collector",
            "OpenTelemetry Collector",
            "jaeger",
            "Jaeger query",
            "prometheus",
            "Grafana",
            "loki",
            "zipkin",
            "Metrics pipeline",
            "Central logging",
        ] {
            assert_eq!(guess(name), Some(SystemKind::Observability), "{name}");
        }
        // A service that sends telemetry says what it is.
        assert_eq!(guess("Tracing API"), Some(SystemKind::Service));
    }

    #[test]
    fn a_dashboard_is_a_user_interface_not_a_database() {
        assert_eq!(guess("Dashboard"), Some(SystemKind::Ui));
        assert_eq!(guess("Sales dashboard"), Some(SystemKind::Ui));
    }

    #[test]
    fn the_last_category_word_decides() {
        assert_eq!(guess("Orders DB proxy"), Some(SystemKind::Gateway));
        assert_eq!(guess("Gateway team"), Some(SystemKind::Team));
        assert_eq!(guess("Team gateway"), Some(SystemKind::Gateway));
        // A category word beats a product name wherever it stands.
        assert_eq!(guess("Kafka Connect DB"), Some(SystemKind::Database));
        assert_eq!(guess("Cache in front of Postgres"), Some(SystemKind::Cache));
    }

    /// Appwrite's compose file names its database jobs' worker "appwrite-worker-databases":
    /// a service, not a database. A store used by workers stays one.
    #[test]
    fn a_worker_for_databases_is_a_service() {
        assert_eq!(
            guess("appwrite-worker-databases"),
            Some(SystemKind::Service)
        );
        assert_eq!(guess("worker-db"), Some(SystemKind::Database));
        assert_eq!(guess("orders-service-db"), Some(SystemKind::Database));
    }

    #[test]
    fn words_split_at_punctuation_and_camel_case() {
        assert_eq!(words("HAProxy edge-GW"), ["ha", "proxy", "edge", "gw"]);
        assert_eq!(words("order_events.v2"), ["order", "events", "v2"]);
        assert_eq!(words("RabbitMQ"), ["rabbit", "mq"]);
        assert_eq!(words("iOS"), ["i", "os"]);
    }
}
