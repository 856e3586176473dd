use super::*;

fn hosts(text: &str) -> Vec<&str> {
    mentions(text).into_iter().map(|m| m.host).collect()
}

#[test]
fn hostnames_in_urls_connection_strings_options_and_host_port() {
    assert!(hosts("user-db:27017").contains(&"user-db"));
    assert!(hosts("http://zipkin:9411/api/v2/spans").contains(&"zipkin"));
    assert!(hosts("Server=sqldata;Database=Orders;User Id=sa").contains(&"sqldata"));
    assert!(hosts("-d 60 -r 200 -c 2 -h edge-router").contains(&"edge-router"));
    assert!(hosts("amqp://guest:guest@rabbitmq:5672/").contains(&"rabbitmq"));
    assert!(hosts("cart.shop.svc.cluster.local:7070").contains(&"cart.shop.svc.cluster.local"));
    assert!(hosts("see zipkin.").contains(&"zipkin"));
}

#[test]
fn paths_variables_and_option_names_are_no_hostnames() {
    for text in [
        "/data/redis:6379",
        "./user-db/data",
        "user-db/data",
        "${REDIS}",
        "$REDIS",
        "%REDIS%",
        "redis=1",
        "--redis",
    ] {
        assert!(!hosts(text).contains(&"redis"), "{text}: {:?}", hosts(text));
        assert!(
            !hosts(text).contains(&"user-db"),
            "{text}: {:?}",
            hosts(text)
        );
    }
    assert!(hosts("8080:80").is_empty());
}

#[test]
fn the_scheme_comes_with_the_host() {
    let m = mentions("http://zipkin:9411/api");
    assert_eq!(
        m[0],
        Mention {
            host: "zipkin",
            scheme: Some("http")
        }
    );
    let m = mentions("amqp://guest:pw@rabbitmq:5672");
    let r = m.iter().find(|m| m.host == "rabbitmq").unwrap();
    assert_eq!(r.scheme, Some("amqp"));
    assert_eq!(mentions("redis:6379")[0].scheme, None);
    assert_eq!(protocol("https"), "HTTP");
    assert_eq!(protocol("mongodb+srv"), "MongoDB");
    assert_eq!(protocol("amqp"), "AMQP");
}

#[test]
fn images_say_their_product() {
    assert_eq!(
        kind_from_image("postgres:16-alpine"),
        Some(SystemKind::Database)
    );
    assert_eq!(kind_from_image("mongo:3.4"), Some(SystemKind::Database));
    assert_eq!(
        kind_from_image("mcr.microsoft.com/mssql/server:2019-latest"),
        Some(SystemKind::Database)
    );
    assert_eq!(kind_from_image("redis:alpine"), Some(SystemKind::Cache));
    assert_eq!(
        kind_from_image("rabbitmq:3-management-alpine"),
        Some(SystemKind::Queue)
    );
    assert_eq!(
        kind_from_image("confluentinc/cp-kafka:7.5"),
        Some(SystemKind::Queue)
    );
    assert_eq!(
        kind_from_image("localhost:5000/nginx"),
        Some(SystemKind::Gateway)
    );
    assert_eq!(
        kind_from_image("datalust/seq:latest"),
        Some(SystemKind::Observability)
    );
    assert_eq!(
        kind_from_image("otel/opentelemetry-collector-contrib:0.90.0"),
        Some(SystemKind::Observability)
    );
    assert_eq!(kind_from_image("weaveworksdemos/carts:0.4.8"), None);
    assert_eq!(
        kind_from_image("ghcr.io/open-telemetry/demo:latest-kafka"),
        Some(SystemKind::Queue)
    );
    // A word inside another word says nothing.
    assert_eq!(kind_from_image("acme/sequencer:1"), None);
}

/// A tool named after the product it serves is not that product. Before: Supabase's
/// `supabase/postgres-meta` (an API for managing Postgres) was imported as a database, and so
/// would `mongo-express` (a web console) and `redis_exporter` (metrics) be.
#[test]
fn a_tool_for_a_product_is_not_the_product() {
    let cases = [
        ("supabase/postgres-meta:v0.95.2", SystemKind::Service),
        ("mongo-express:1.0", SystemKind::Ui),
        ("provectuslabs/kafka-ui:latest", SystemKind::Ui),
        ("rediscommander/redis-commander", SystemKind::Ui),
        ("oliver006/redis_exporter:v1.55", SystemKind::Observability),
        (
            "prometheuscommunity/postgres-exporter",
            SystemKind::Observability,
        ),
        ("confluentinc/cp-kafka-rest:7.5", SystemKind::Service),
        ("confluentinc/cp-kafka-connect:7.5", SystemKind::Service),
    ];
    for (image, kind) in cases {
        assert_eq!(kind_from_image(image), Some(kind), "{image}");
    }
    // The product itself, whatever follows it in the tag or before it in the name.
    assert_eq!(
        kind_from_image("supabase/postgres:15.8.1.085"),
        Some(SystemKind::Database)
    );
    assert_eq!(
        kind_from_image("bitnami/postgresql-repmgr:16"),
        Some(SystemKind::Database)
    );
    // Log pipelines: Supabase's Vector and Logflare (before: services).
    for image in [
        "timberio/vector:0.53.0-alpine",
        "supabase/logflare:1.31.2",
        "fluent/fluent-bit:3.0",
        "grafana/promtail:2.9",
    ] {
        assert_eq!(
            kind_from_image(image),
            Some(SystemKind::Observability),
            "{image}"
        );
    }
    // A tool word with no product before it says nothing.
    assert_eq!(kind_from_image("acme/admin:1"), None);
}

#[test]
fn the_name_decides_when_the_image_does_not_but_never_a_queue() {
    assert_eq!(
        kind_for("catalogue-db", "weaveworksdemos/catalogue-db:0.3.0"),
        Some(SystemKind::Database)
    );
    assert_eq!(
        kind_for("queue-master", "weaveworksdemos/queue-master:0.3.1"),
        None
    );
    assert_eq!(kind_for("carts", "weaveworksdemos/carts:0.4.8"), None);
}

#[test]
fn runtime_dependencies_are_typed_by_the_target() {
    use DependencyType as D;
    assert_eq!(
        runtime_dependency(SystemKind::Database, "x"),
        (D::Data, None)
    );
    assert_eq!(runtime_dependency(SystemKind::Cache, "x"), (D::Data, None));
    assert_eq!(
        runtime_dependency(SystemKind::Queue, "KAFKA_ADDR=kafka:9092"),
        (D::Async, Some(AsyncRole::Produces))
    );
    assert_eq!(
        runtime_dependency(SystemKind::Queue, "CONSUMER_BROKER=kafka:9092"),
        (D::Async, Some(AsyncRole::Consumes))
    );
    assert_eq!(
        runtime_dependency(SystemKind::Service, "x"),
        (D::Sync, None)
    );
    assert_eq!(
        runtime_dependency(SystemKind::Observability, "x"),
        (D::Sync, None)
    );
}

#[test]
fn any_text_is_read_without_panicking() {
    for text in [
        "é://host:1",
        "ü@x",
        "日本://db",
        "a://é@redis",
        "://",
        "@",
        "x@",
        "$",
        "${",
        "-",
        ".",
        "..a",
    ] {
        let _ = mentions(text);
    }
    assert_eq!(mentions("é://redis:1")[0].host, "redis");
}
