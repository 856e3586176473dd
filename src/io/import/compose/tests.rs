use super::*;
use crate::model::AsyncRole;
use DependencyType::{Async, Data, StartupOrder, Sync};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn fixture(rel: &str) -> (PathBuf, String) {
    let path = Path::new(FIXTURES).join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

fn text(yaml: &str) -> Found {
    read_files(
        &[(PathBuf::from("docker-compose.yml"), yaml.to_owned())],
        None,
    )
    .unwrap()
}

fn with_env(yaml: &str, env: &str) -> Found {
    let env = (PathBuf::from(".env"), env.to_owned());
    read_files(
        &[(PathBuf::from("docker-compose.yml"), yaml.to_owned())],
        Some(&env),
    )
    .unwrap()
}

fn has(found: &Found, from: &str, to: &str, kind: DependencyType) -> bool {
    found
        .dependencies
        .iter()
        .any(|d| d.from == from && d.to == to && d.kind == kind)
}

fn deps(found: &Found) -> Vec<(String, String, DependencyType)> {
    let mut v: Vec<_> = found
        .dependencies
        .iter()
        .map(|d| (d.from.clone(), d.to.clone(), d.kind))
        .collect();
    v.sort();
    v
}

fn ids(found: &Found) -> Vec<&str> {
    found.systems.iter().map(|s| s.id.as_str()).collect()
}

#[test]
fn sock_shop_every_service_and_the_two_dependencies_the_file_shows() {
    // Written from reading deploy/docker-compose/docker-compose.yml before the first run: 15
    // services; the file names only two others: user's MONGO_HOST and user-sim's `-h edge-router`.
    let found = read_files(&[fixture("sock-shop/docker-compose.yml")], None).unwrap();
    assert_eq!(
        ids(&found),
        [
            "front-end",
            "edge-router",
            "catalogue",
            "catalogue-db",
            "carts",
            "carts-db",
            "orders",
            "orders-db",
            "shipping",
            "queue-master",
            "rabbitmq",
            "payment",
            "user",
            "user-db",
            "user-sim"
        ]
    );
    let kind = |id: &str| found.system(id).unwrap().kind;
    assert_eq!(kind("carts-db"), Some(SystemKind::Database));
    assert_eq!(kind("catalogue-db"), Some(SystemKind::Database));
    assert_eq!(kind("rabbitmq"), Some(SystemKind::Queue));
    assert_eq!(kind("queue-master"), Some(SystemKind::Service));
    assert_eq!(kind("front-end"), Some(SystemKind::Ui));
    assert_eq!(found.system("carts-db").unwrap().tech, "mongo:3.4");
    assert_eq!(
        deps(&found),
        [
            ("user".into(), "user-db".into(), DependencyType::Data),
            (
                "user-sim".into(),
                "edge-router".into(),
                DependencyType::Sync
            ),
        ]
    );
    let d = &found.dependencies[0];
    assert_eq!(
        d.sources[0].to_string(),
        "docker-compose.yml:155 MONGO_HOST=user-db:27017"
    );
    let d = &found.dependencies[1];
    assert_eq!(d.sources[0].line, Some(175));
    assert_eq!(found.system("user").unwrap().source.line, Some(145));
}

#[test]
fn eshop_compose_and_its_override_combine_in_order() {
    // Read before running: the base file has images and depends_on; the override adds the
    // connection strings (defaults in `${…:-…}`), the event bus and the URLs of the aggregators.
    let files = [
        fixture("eshop/docker-compose.yml"),
        fixture("eshop/docker-compose.override.yml"),
    ];
    let env = fixture("eshop/.env");
    let found = read_files(&files, Some(&env)).unwrap();
    assert_eq!(found.systems.len(), 21);
    let kind = |id: &str| found.system(id).unwrap().kind;
    assert_eq!(kind("sqldata"), Some(SystemKind::Database));
    assert_eq!(kind("nosqldata"), Some(SystemKind::Database));
    assert_eq!(kind("basketdata"), Some(SystemKind::Cache));
    assert_eq!(kind("rabbitmq"), Some(SystemKind::Queue));
    assert_eq!(kind("seq"), Some(SystemKind::Observability));
    assert_eq!(kind("webshoppingapigw"), Some(SystemKind::Gateway));
    assert_eq!(
        found.system("basket-api").unwrap().tech,
        "eshop/basket.api:linux-latest"
    );
    for (from, to, kind) in [
        ("identity-api", "sqldata", StartupOrder),
        ("identity-api", "sqldata", Data),
        ("catalog-api", "sqldata", Data),
        ("ordering-api", "sqldata", Data),
        ("ordering-backgroundtasks", "sqldata", Data),
        ("webhooks-api", "sqldata", Data),
        ("basket-api", "basketdata", Data),
        ("basket-api", "rabbitmq", Async),
        ("catalog-api", "rabbitmq", Async),
        ("ordering-api", "rabbitmq", Async),
        ("payment-api", "rabbitmq", Async),
        ("basket-api", "identity-api", Sync),
        ("ordering-api", "identity-api", Sync),
        ("webshoppingagg", "basket-api", Sync),
        ("webshoppingagg", "catalog-api", Sync),
        ("webshoppingagg", "ordering-api", Sync),
        ("mobileshoppingagg", "identity-api", Sync),
        ("webmvc", "webshoppingapigw", Sync),
        ("webmvc", "webshoppingagg", StartupOrder),
        ("webhooks-client", "webhooks-api", Sync),
        ("webstatus", "ordering-signalrhub", Sync),
    ] {
        assert!(has(&found, from, to, kind), "{from} → {to} {kind:?}");
    }
    let bus = found
        .dependencies
        .iter()
        .find(|d| d.from == "basket-api" && d.to == "rabbitmq" && d.kind == Async)
        .unwrap();
    assert_eq!(bus.role, Some(AsyncRole::Produces));
    let conn = found
        .dependencies
        .iter()
        .find(|d| d.from == "basket-api" && d.to == "basketdata" && d.kind == Data)
        .unwrap();
    assert_eq!(
        conn.sources[0].to_string(),
        "docker-compose.override.yml:65 ConnectionString=basketdata"
    );
    // `PATH_BASE=/basket-api`, `Serilog__…__ordering-api=Verbose`: a path and a variable name.
    assert!(!has(&found, "ordering-api", "ordering-api", Sync));
    assert!(found.dependencies.iter().all(|d| d.from != d.to));
    // Variables neither in .env nor given a default are warned about once each.
    assert!(
        found
            .warnings
            .iter()
            .any(|w| w.message.contains("INSTRUMENTATION_KEY"))
    );
    let n = found
        .warnings
        .iter()
        .filter(|w| w.message.contains("variable INSTRUMENTATION_KEY "))
        .count();
    assert_eq!(n, 1);
}

#[test]
fn otel_demo_three_files_and_its_env() {
    // The default run: compose.yaml, then compose.full.yaml, then compose.observability.yaml,
    // with .env giving the *_ADDR variables the services name without a value.
    let files = [
        fixture("otel-demo/compose.yaml"),
        fixture("otel-demo/compose.full.yaml"),
        fixture("otel-demo/compose.observability.yaml"),
    ];
    let env = fixture("otel-demo/.env");
    let found = read_files(&files, Some(&env)).unwrap();
    let mut expected = vec![
        "ad",
        "cart",
        "checkout",
        "currency",
        "email",
        "frontend",
        "frontend-proxy",
        "image-provider",
        "load-generator",
        "payment",
        "product-catalog",
        "quote",
        "recommendation",
        "shipping",
        "flagd",
        "flagd-ui",
        "telemetry-docs",
        "astronomy-db",
        "valkey-cart",
        "otel-collector",
        "accounting",
        "fraud-detection",
        "kafka",
        "jaeger",
        "grafana",
        "prometheus",
        "opensearch",
        "opamp-server",
    ];
    let mut got = ids(&found);
    expected.sort_unstable();
    got.sort_unstable();
    assert_eq!(got, expected);
    let kind = |id: &str| found.system(id).unwrap().kind;
    assert_eq!(kind("kafka"), Some(SystemKind::Queue));
    assert_eq!(kind("valkey-cart"), Some(SystemKind::Cache));
    assert_eq!(kind("otel-collector"), Some(SystemKind::Observability));
    assert_eq!(kind("jaeger"), Some(SystemKind::Observability));
    assert_eq!(kind("astronomy-db"), Some(SystemKind::Database));
    assert_eq!(kind("frontend-proxy"), Some(SystemKind::Gateway));
    for (from, to, kind) in [
        ("checkout", "cart", Sync),
        ("checkout", "currency", Sync),
        ("checkout", "email", Sync),
        ("checkout", "payment", Sync),
        ("checkout", "product-catalog", Sync),
        ("checkout", "shipping", Sync),
        ("checkout", "kafka", Async),
        ("checkout", "cart", StartupOrder),
        ("frontend", "ad", Sync),
        ("frontend", "recommendation", Sync),
        ("frontend", "checkout", Sync),
        ("recommendation", "product-catalog", Sync),
        ("shipping", "quote", Sync),
        ("cart", "valkey-cart", Data),
        ("product-catalog", "astronomy-db", Data),
        ("accounting", "kafka", Async),
        ("fraud-detection", "kafka", Async),
        ("ad", "otel-collector", Sync),
        ("ad", "flagd", Sync),
        ("load-generator", "frontend-proxy", Sync),
        ("frontend-proxy", "frontend", Sync),
    ] {
        assert!(has(&found, from, to, kind), "{from} → {to} {kind:?}");
    }
    let email = found
        .dependencies
        .iter()
        .find(|d| d.from == "checkout" && d.to == "email" && d.kind == Sync)
        .unwrap();
    assert_eq!(email.protocol, "HTTP");
    assert_eq!(email.sources[0].text, "EMAIL_ADDR=http://email:6060");
    assert!(found.dependencies.iter().all(|d| d.from != d.to));
}

#[test]
fn depends_on_as_list_and_map_and_links_are_startup_order() {
    let found = text(
        "services:\n  a:\n    image: x\n    depends_on: [b]\n    links: ['c:cee']\n  \
         b:\n    depends_on:\n      c:\n        condition: service_healthy\n  c:\n    image: postgres\n  \
         d:\n    environment:\n      URL: postgres://cee:5432/x\n",
    );
    assert!(has(&found, "a", "b", DependencyType::StartupOrder));
    assert!(has(&found, "a", "c", DependencyType::StartupOrder));
    assert!(has(&found, "b", "c", DependencyType::StartupOrder));
    // The link alias names c.
    assert!(has(&found, "d", "c", DependencyType::Data));
    let b = found.dependencies.iter().find(|d| d.from == "b").unwrap();
    assert_eq!(b.sources[0].text, "depends_on: c (service_healthy)");
    assert_eq!(b.sources[0].line, Some(8));
}

#[test]
fn hostnames_container_names_and_network_aliases_name_their_service() {
    let found = text(
        "services:\n  db:\n    image: mysql\n    hostname: mysql.local\n  \
         cache:\n    image: redis\n    container_name: the-cache\n  \
         bus:\n    image: nats\n    networks:\n      back:\n        aliases: [events]\n  \
         app:\n    environment:\n      - DB=mysql.local:3306\n      - CACHE=the-cache\n      - BUS=nats://events:4222\n      - BUS_CONSUMER=events\n",
    );
    assert!(has(&found, "app", "db", DependencyType::Data));
    assert!(has(&found, "app", "cache", DependencyType::Data));
    let bus = found.dependencies.iter().find(|d| d.to == "bus").unwrap();
    assert_eq!(bus.kind, DependencyType::Async);
    assert_eq!(bus.role, Some(AsyncRole::Produces));
    assert_eq!(bus.protocol, "NATS");
    // BUS_CONSUMER says the same dependency again: one more source, the first role stays.
    assert_eq!(bus.sources.len(), 2);
    assert_eq!(
        found.dependencies.iter().filter(|d| d.to == "bus").count(),
        1
    );
}

#[test]
fn commands_entrypoints_and_env_maps_are_read_but_not_paths_ports_or_volumes() {
    let found = text(
        "services:\n  redis:\n    image: redis\n  user-db:\n    image: mongo\n  \
         app:\n    command: [\"--cache\", \"redis:6379\"]\n    entrypoint: sh -c 'wait-for user-db:27017'\n    \
         ports: ['6379:6379']\n    volumes: ['./user-db/data:/data', '/data/redis:/redis']\n  \
         backup:\n    environment:\n      DIR: ./user-db/data\n      SOCKET: /data/redis:6379\n      SELF: backup:80\n",
    );
    assert!(has(&found, "app", "redis", DependencyType::Data));
    assert!(has(&found, "app", "user-db", DependencyType::Data));
    let cmd = found.dependencies.iter().find(|d| d.to == "redis").unwrap();
    assert_eq!(cmd.sources[0].text, "command: --cache redis:6379");
    assert!(
        !found.dependencies.iter().any(|d| d.from == "backup"),
        "{:?}",
        found.dependencies
    );
    assert_eq!(found.dependencies.len(), 2);
}

#[test]
fn env_file_interpolation_and_dollar_escapes() {
    let found = with_env(
        "services:\n  db:\n    image: ${DB_IMAGE:-postgres}:${TAG-16}\n  \
         app:\n    image: app:$$literal\n    environment:\n      - DB_HOST\n      - A=${EMPTY:-db}\n      - B=${EMPTY-none}\n      - C=${MISSING}\n",
        "# comment\nDB_HOST=db # the database\nEMPTY=\nTAG=\n",
    );
    assert_eq!(found.system("db").unwrap().tech, "postgres:");
    assert_eq!(found.system("app").unwrap().tech, "app:$literal");
    let d = found.dependencies.iter().find(|d| d.to == "db").unwrap();
    assert_eq!(d.sources[0].text, "DB_HOST=db");
    assert_eq!(d.sources.len(), 2, "A=db too: {:?}", d.sources);
    assert!(
        found
            .warnings
            .iter()
            .any(|w| w.message.contains("MISSING") && w.line == Some(10))
    );
}

/// A service's `env_file` beside the compose file adds to its environment, each variable
/// sourced to its own file and line, and `environment` wins over it. Before: every `env_file`
/// was reported as skipped, so Mastodon's web, streaming and sidekiq, whose `DB_HOST` and
/// `REDIS_HOST` are in `.env.production`, had startup orders only.
#[test]
fn env_files_beside_the_compose_file_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let compose = dir.path().join("docker-compose.yml");
    std::fs::write(
        dir.path().join(".env.production"),
        "# Mastodon\nLOCAL_DOMAIN=example.org\nDB_HOST=db\nREDIS_HOST=redis\nES_HOST=es\n",
    )
    .unwrap();
    let yaml = "services:\n  db:\n    image: postgres:14-alpine\n  redis:\n    image: redis:7\n  \
                es:\n    image: elasticsearch:7\n  \
                web:\n    image: ghcr.io/mastodon/mastodon\n    env_file: .env.production\n    \
                environment:\n      ES_HOST: nowhere\n  \
                sidekiq:\n    image: ghcr.io/mastodon/mastodon\n    env_file:\n      \
                - path: .env.production\n      - path: .env.missing\n        required: false\n";
    let found = read_files(&[(compose, yaml.to_owned())], None).unwrap();
    for from in ["web", "sidekiq"] {
        for to in ["db", "redis"] {
            let d = found
                .dependencies
                .iter()
                .find(|d| d.from == from && d.to == to)
                .unwrap_or_else(|| panic!("{from} -> {to}: {:?}", found.dependencies));
            assert_eq!(d.sources[0].path, dir.path().join(".env.production"));
            let line = if to == "db" { 3 } else { 4 };
            assert_eq!(d.sources[0].line, Some(line));
        }
    }
    // `environment` wins over the env file.
    assert!(!has(&found, "web", "es", Data), "{:?}", found.dependencies);
    assert!(
        has(&found, "sidekiq", "es", Data),
        "{:?}",
        found.dependencies
    );
    assert!(
        found
            .skipped
            .iter()
            .any(|s| s.message.contains(".env.missing") && s.message.contains("sidekiq"))
    );
}

#[test]
fn anchors_merge_keys_and_extends() {
    let found = text(
        "x-common: &common\n  environment:\n    OTEL: http://collector:4317\n  profiles: [tools]\n\
         services:\n  collector:\n    image: otel/opentelemetry-collector\n  \
         base:\n    image: acme/base\n    environment:\n      DB: db:5432\n  \
         db:\n    image: postgres\n  \
         worker:\n    <<: *common\n    extends: base\n    image: acme/worker\n  \
         far:\n    extends:\n      file: other.yml\n      service: x\n",
    );
    let worker = found.system("worker").unwrap();
    assert_eq!(worker.tech, "acme/worker");
    assert_eq!(worker.tags, ["tools"]);
    assert!(has(&found, "worker", "collector", DependencyType::Sync));
    assert!(
        has(&found, "worker", "db", DependencyType::Data),
        "from base"
    );
    assert!(
        found
            .skipped
            .iter()
            .any(|s| s.message.contains("other.yml"))
    );
}

#[test]
fn extends_in_another_given_file_is_followed() {
    let files = [
        (PathBuf::from("common.yml"), "services:\n  base:\n    environment:\n      - DB=db\n".to_owned()),
        (
            PathBuf::from("compose.yml"),
            "services:\n  db:\n    image: postgres\n  app:\n    extends:\n      file: ./common.yml\n      service: base\n".to_owned(),
        ),
    ];
    let found = read_files(&files, None).unwrap();
    assert!(has(&found, "app", "db", DependencyType::Data));
    assert!(found.skipped.is_empty());
}

#[test]
fn an_extends_loop_stops_with_a_warning() {
    let found = text("services:\n  a:\n    extends: b\n  b:\n    extends: a\n");
    assert_eq!(found.systems.len(), 2);
    assert!(found.warnings.iter().any(|w| w.message.contains("loop")));
}

#[test]
fn bad_yaml_and_a_file_without_services_are_errors_with_file_and_line() {
    let err = read_files(
        &[(PathBuf::from("c.yml"), "services:\n  a: [\n".into())],
        None,
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("c.yml:"), "{err}");
    let err = read_files(&[(PathBuf::from("c.yml"), "\nversion: '3'\n".into())], None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "c.yml:2: no `services:` at the top; not a compose file"
    );
}

#[test]
fn too_many_services_are_refused() {
    let mut yaml = String::from("services:\n");
    for i in 0..=MAX_SERVICES {
        wl!(yaml, "  s{i}: {{}}");
    }
    let err = read_files(&[(PathBuf::from("c.yml"), yaml)], None).unwrap_err();
    assert!(err.to_string().contains("services; refused"), "{err}");
}

#[test]
fn looks_like_by_name_or_content() {
    assert!(looks_like(Path::new("docker-compose.override.yml"), ""));
    assert!(looks_like(Path::new("compose.yaml"), ""));
    assert!(looks_like(
        Path::new("stack.yml"),
        "version: '3'\nservices:\n  a: {}\n"
    ));
    assert!(!looks_like(
        Path::new("deploy.yaml"),
        "apiVersion: v1\nkind: Service\nspec:\n  services:\n"
    ));
    assert!(!looks_like(Path::new("values.yaml"), "replicas: 1\n"));
}

#[test]
fn cut_and_scrambled_real_files_never_panic() {
    let (_, text) = fixture("eshop/docker-compose.override.yml");
    let cuts = (0..text.len())
        .step_by(text.len() / 120 + 1)
        .filter(|i| text.is_char_boundary(*i));
    for cut in cuts {
        let _ = read(Path::new("c.yml"), &text[..cut]);
        for junk in ["*a", "&a", "${", "$$", ": [", "<<: 1", "\t", "'", "é://x@y"] {
            let mut t = text[..cut].to_owned();
            t.push_str(junk);
            t.push_str(&text[cut..]);
            let _ = read(Path::new("c.yml"), &t);
        }
    }
}

/// A variable that is unset and used only in `command` is warned about at its line (before, the
/// command's unset variables were dropped and, being marked as reported, never warned).
#[test]
fn an_unset_variable_in_a_command_is_warned_about() {
    let found = text(
        "services:\n  web:\n    image: nginx\n    command: [\"serve\", \"--cache\", \"${CACHE_HOST}:6379\"]\n",
    );
    let w: Vec<String> = found.warnings.iter().map(ToString::to_string).collect();
    assert!(
        w.iter().any(|m| m.ends_with(
            ":4: variable CACHE_HOST is not set (not in .env beside the file); read as empty"
        )),
        "{w:?}"
    );
}

/// A database's, user's or app's name that happens to be a service's is no dependency: before,
/// Appwrite's compose file made MariaDB and MongoDB call the `appwrite` service
/// (`MYSQL_DATABASE=appwrite`, `MONGO_INITDB_DATABASE=appwrite`), a database that seemed to
/// call the app. Hostnames in such keys still count (`POSTGRES_DB=postgres://…@db/x`), and in
/// any other key.
#[test]
fn a_database_or_user_name_that_matches_a_service_is_no_dependency() {
    let found = text(
        "services:
  appwrite:
    image: appwrite/appwrite
    environment:
      - _APP_DB_HOST=mariadb
  mariadb:
    image: mariadb:10.11
    environment:
      - MYSQL_DATABASE=appwrite
      - MYSQL_USER=appwrite
  worker:
    image: appwrite/appwrite
    environment:
      _APP_NAME: appwrite
      _APP_DB: mysql://user:secret@mariadb:3306/x
      _APP_UPSTREAM: appwrite
",
    );
    assert!(
        has(&found, "appwrite", "mariadb", Data),
        "{:?}",
        deps(&found)
    );
    assert!(
        !found.dependencies.iter().any(|d| d.from == "mariadb"),
        "{:?}",
        deps(&found)
    );
    assert!(has(&found, "worker", "mariadb", Data), "{:?}", deps(&found));
    assert!(
        has(&found, "worker", "appwrite", Sync),
        "{:?}",
        deps(&found)
    );
    let from_worker = found.dependencies.iter().filter(|d| d.from == "worker");
    assert_eq!(from_worker.count(), 2, "{:?}", deps(&found));
}
