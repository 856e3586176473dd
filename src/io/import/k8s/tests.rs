use super::*;
use crate::model::{AsyncRole, Days};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn one(yaml: &str) -> Found {
    read(Path::new("k8s.yaml"), yaml).unwrap()
}

fn has(found: &Found, from: &str, to: &str, kind: DependencyType) -> bool {
    found
        .dependencies
        .iter()
        .any(|d| d.from == from && d.to == to && d.kind == kind)
}

fn deployment(name: &str, ns: &str, image: &str, env: &[(&str, &str)]) -> String {
    let mut s = format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  namespace: {ns}\n\
         spec:\n  selector:\n    matchLabels:\n      app: {name}\n  template:\n    metadata:\n      \
         labels:\n        app: {name}\n    spec:\n      containers:\n      - name: main\n        image: {image}\n        env:\n"
    );
    for (k, v) in env {
        wl!(s, "        - name: {k}\n          value: \"{v}\"");
    }
    s.push_str("---\n");
    s
}

fn service(name: &str, ns: &str, app: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  selector:\n    app: {app}\n  ports:\n  - port: 80\n---\n"
    )
}

#[test]
fn online_boutique_matches_the_hand_transcription() {
    // tests/fixtures/real/online-boutique.ron was transcribed by hand from these manifests
    // (every *_ADDR variable one dependency). The importer must find every system and every
    // one of those dependencies with the same type, and no other runtime dependency.
    let dir = Path::new(FIXTURES).join("import/online-boutique");
    let mut files: Vec<(PathBuf, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let t = std::fs::read_to_string(&p).unwrap();
            (p, t)
        })
        .collect();
    files.sort();
    let found = read_files(&files).unwrap();
    let (map, _) =
        crate::io::load_file(&Path::new(FIXTURES).join("real/online-boutique.ron")).unwrap();
    let mut want: Vec<&str> = map.systems.keys().map(String::as_str).collect();
    let mut got: Vec<&str> = found.systems.iter().map(|s| s.id.as_str()).collect();
    want.sort_unstable();
    got.sort_unstable();
    assert_eq!(got, want);
    let mut want: Vec<(String, String, DependencyType)> = map
        .dependencies
        .values()
        .map(|d| (d.from.clone(), d.to.clone(), d.kind))
        .collect();
    let mut got: Vec<(String, String, DependencyType)> = found
        .dependencies
        .iter()
        .map(|d| (d.from.clone(), d.to.clone(), d.kind))
        .collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);
    let redis = found
        .dependencies
        .iter()
        .find(|d| d.to == "redis-cart")
        .unwrap();
    assert_eq!(
        redis.sources[0].to_string(),
        "cartservice.yaml:51 REDIS_ADDR=redis-cart:6379"
    );
    assert_eq!(found.system("redis-cart").unwrap().tech, "redis:alpine");
    // frontend's SHOPPING_ASSISTANT_SERVICE_ADDR names a Service these files do not have.
    assert!(!found.systems.iter().any(|s| s.id.contains("assistant")));
}

#[test]
fn every_form_of_a_service_name_resolves_to_its_workloads() {
    let mut yaml = String::new();
    yaml.push_str(&deployment("orders", "shop", "acme/orders", &[]));
    yaml.push_str(&service("orders-svc", "shop", "orders"));
    yaml.push_str(&deployment("db", "data", "postgres:16", &[]));
    yaml.push_str(&service("pg", "data", "db"));
    yaml.push_str(&deployment("broker", "shop", "bitnami/kafka", &[]));
    yaml.push_str(&service("kafka", "shop", "broker"));
    yaml.push_str(&deployment(
        "web",
        "shop",
        "acme/web",
        &[
            ("ORDERS", "http://orders-svc"),
            ("ORDERS2", "orders-svc.shop:80"),
            ("DB", "postgres://pg.data.svc.cluster.local:5432/x"),
            ("NOPE", "pg:5432"),
            ("EVENTS_CONSUMER", "kafka.shop.svc:9092"),
        ],
    ));
    let found = one(&yaml);
    assert!(has(&found, "web", "orders", DependencyType::Sync));
    assert!(has(&found, "web", "db", DependencyType::Data));
    let o = found
        .dependencies
        .iter()
        .find(|d| d.to == "orders")
        .unwrap();
    assert_eq!(o.sources.len(), 2);
    assert_eq!(o.protocol, "HTTP");
    let k = found
        .dependencies
        .iter()
        .find(|d| d.to == "broker")
        .unwrap();
    assert_eq!(
        (k.kind, k.role),
        (DependencyType::Async, Some(AsyncRole::Consumes))
    );
    // `pg` alone means the Service pg in the pod's own namespace (shop): there is none.
    let db = found.dependencies.iter().find(|d| d.to == "db").unwrap();
    assert_eq!(db.sources.len(), 1);
    assert_eq!(found.system("web").unwrap().group, "shop");
    assert_eq!(found.system("db").unwrap().kind, Some(SystemKind::Database));
}

#[test]
fn config_maps_args_and_commands_name_services() {
    let yaml = format!(
        "{}{}apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  CACHE_HOST: cache\n  app.properties: |\n    a=1\n    cache.url=redis://cache:6379\n---\n\
         apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      containers:\n      - name: m\n        image: acme/migrate\n        \
         args: [\"--host\", \"cache\"]\n        envFrom:\n        - configMapRef:\n            name: cfg\n---\n\
         apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: app\nspec:\n  template:\n    metadata:\n      labels: {{app: app}}\n    spec:\n      \
         containers:\n      - name: a\n        image: acme/app\n        command: [sh, -c, 'echo cache']\n        env:\n        - name: C\n          valueFrom:\n            configMapKeyRef: {{name: cfg, key: CACHE_HOST}}\n      \
         volumes:\n      - name: conf\n        configMap:\n          name: cfg\n",
        deployment("cache", "", "redis:7", &[]).replace("  namespace: \n", ""),
        service("cache", "", "cache").replace("  namespace: \n", ""),
    );
    let found = one(&yaml);
    assert_eq!(
        found.system("migrate").unwrap().kind,
        Some(SystemKind::BatchJob)
    );
    assert!(has(&found, "migrate", "cache", DependencyType::Data));
    assert!(has(&found, "app", "cache", DependencyType::Data));
    let d = found.dependencies.iter().find(|d| d.from == "app").unwrap();
    let texts: Vec<String> = d.sources.iter().map(ToString::to_string).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("command: sh -c echo cache")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("C=cache (ConfigMap cfg)")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("cache.url=redis://cache:6379")),
        "{texts:?}"
    );
}

#[test]
fn a_cron_job_is_a_batch_job_with_its_schedule() {
    let yaml = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: \"30 2 * * 1-5\"\n  timeZone: Europe/Berlin\n  \
                jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: n\n            image: acme/report\n---\n\
                apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: often\nspec:\n  schedule: \"*/5 * * * *\"\n  jobTemplate: {}\n";
    let found = one(yaml);
    let n = found.system("nightly").unwrap();
    assert_eq!(n.kind, Some(SystemKind::BatchJob));
    assert_eq!(n.tech, "acme/report");
    assert_eq!(n.windows[0].start_min, 150);
    assert_eq!(
        n.windows[0].days,
        Days::weekdays(&[
            crate::model::Weekday::Mon,
            crate::model::Weekday::Tue,
            crate::model::Weekday::Wed,
            crate::model::Weekday::Thu,
            crate::model::Weekday::Fri,
        ])
    );
    let often = found.system("often").unwrap();
    assert!(often.windows.is_empty());
    assert_eq!(often.description, "CronJob schedule: */5 * * * *");
    assert!(
        found
            .warnings
            .iter()
            .any(|w| w.line == Some(21) && w.message.contains("*/5"))
    );
}

#[test]
fn an_ingress_is_a_gateway_calling_its_backends() {
    let mut yaml = String::new();
    yaml.push_str(&deployment("web", "shop", "acme/web", &[]));
    yaml.push_str(&service("web", "shop", "web"));
    yaml.push_str(&deployment("api", "shop", "acme/api", &[]));
    yaml.push_str(&service("api", "shop", "api"));
    yaml.push_str(
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop-ingress\n  namespace: shop\nspec:\n  \
         defaultBackend:\n    service:\n      name: web\n  rules:\n  - http:\n      paths:\n      - path: /api\n        backend:\n          service:\n            name: api\n",
    );
    let found = one(&yaml);
    assert_eq!(
        found.system("shop-ingress").unwrap().kind,
        Some(SystemKind::Gateway)
    );
    assert!(has(&found, "shop-ingress", "web", DependencyType::Sync));
    assert!(has(&found, "shop-ingress", "api", DependencyType::Sync));
}

#[test]
fn lists_daemonsets_and_same_names_in_two_namespaces() {
    let yaml = format!(
        "apiVersion: v1\nkind: List\nitems:\n- apiVersion: apps/v1\n  kind: DaemonSet\n  metadata: {{name: agent}}\n  spec: {{}}\n---\n{}{}",
        deployment("api", "a", "acme/api", &[]),
        deployment("api", "b", "acme/api", &[]),
    );
    let found = one(&yaml);
    let mut ids: Vec<&str> = found.systems.iter().map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["a-api", "agent", "b-api"]);
}

#[test]
fn a_service_without_workloads_is_a_warning_and_bad_yaml_an_error() {
    let found = one(&service("ghost", "x", "nothing"));
    assert!(found.warnings[0].message.contains("ghost"));
    let err = read(Path::new("m.yaml"), "kind: Service\nmetadata: [\n").unwrap_err();
    assert!(err.to_string().starts_with("m.yaml:"), "{err}");
}

#[test]
fn looks_like_needs_api_version_and_kind() {
    assert!(looks_like(
        Path::new("a.yaml"),
        "apiVersion: v1\nkind: Service\n"
    ));
    assert!(!looks_like(Path::new("a.yaml"), "services:\n  a: {}\n"));
}

#[test]
fn cut_and_scrambled_real_manifests_never_panic() {
    let path = Path::new(FIXTURES).join("import/online-boutique/frontend.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    let cuts = (0..text.len())
        .step_by(text.len() / 120 + 1)
        .filter(|i| text.is_char_boundary(*i));
    for cut in cuts {
        let _ = read(Path::new("m.yaml"), &text[..cut]);
        for junk in [
            "*a",
            "&a ",
            "- ",
            ": {",
            "\n---\n",
            "kind: List\nitems: [1]\n",
        ] {
            let mut t = text[..cut].to_owned();
            t.push_str(junk);
            t.push_str(&text[cut..]);
            let _ = read(Path::new("m.yaml"), &t);
        }
    }
}

#[test]
fn too_many_objects_are_refused() {
    let mut yaml = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for i in 0..=MAX_OBJECTS {
        wl!(yaml, "- {{kind: ConfigMap, metadata: {{name: c{i}}}}}");
    }
    let err = read(Path::new("big.yaml"), &yaml).unwrap_err();
    assert!(err.to_string().contains("objects; refused"), "{err}");
}
