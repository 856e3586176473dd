//! `depdig import FILE...`: artefacts (compose files, manifests, folders) and CSV by header.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::cli_common::{depdig, stderr, stdout};

fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(rel)
        .display()
        .to_string()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn a_compose_file_becomes_a_map_whose_notes_say_where() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sock.ron");
    let o = depdig(&[
        "import",
        &fixture("sock-shop/docker-compose.yml"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "{}: 15 systems, 2 dependencies (15 systems added, 0 updated; 2 dependencies added, 0 updated; 1 warning)\n",
            out.display()
        )
    );
    assert!(
        stderr(&o).contains("docker-compose.yml:43: variable MYSQL_ROOT_PASSWORD is not set"),
        "{}",
        stderr(&o)
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("notes: \"docker-compose.yml:155 MONGO_HOST=user-db:27017\""),
        "{text}"
    );
    assert!(text.contains("title: \"sock\""), "{text}");
    let check = depdig(&["check", out.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn overrides_combine_in_order_and_a_folder_reads_its_manifests() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("eshop.ron");
    let o = depdig(&[
        "import",
        &fixture("eshop/docker-compose.yml"),
        &fixture("eshop/docker-compose.override.yml"),
        "-o",
        out.to_str().unwrap(),
        "--title",
        "eShop",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains(": 21 systems,"), "{}", stdout(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("docker-compose.override.yml:65 ConnectionString=basketdata"),
        "{text}"
    );
    assert!(text.contains("title: \"eShop\""));

    let out = dir.path().join("boutique.ron");
    let o = depdig(&[
        "import",
        &fixture("online-boutique"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(": 12 systems, 16 dependencies (12 systems added"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn into_keeps_every_hand_made_field_and_adds_what_is_new() {
    let dir = tempfile::tempdir().unwrap();
    let compose = write(
        dir.path(),
        "docker-compose.yml",
        "services:\n  db:\n    image: postgres:16\n  api:\n    image: acme/api\n    environment:\n      DB: db:5432\n",
    );
    let map = dir.path().join("map.ron");
    let o = depdig(&[
        "import",
        compose.to_str().unwrap(),
        "-o",
        map.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&map).unwrap();
    let edited = text
        .replacen(
            "tech: \"acme/api\",",
            "tech: \"Rust\",\n      pos: Some((x: 5.0, y: 6.0)),",
            1,
        )
        .replacen("name: \"db\",", "name: \"Orders database\",", 1);
    assert_ne!(edited, text);
    std::fs::write(&map, &edited).unwrap();
    write(
        dir.path(),
        "docker-compose.yml",
        "services:\n  db:\n    image: postgres:17\n  api:\n    image: acme/api:2\n    environment:\n      DB: db:5432\n      CACHE: redis:6379\n  redis:\n    image: redis\n",
    );
    let o = depdig(&[
        "import",
        compose.to_str().unwrap(),
        "--into",
        map.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(
            "3 systems, 2 dependencies (1 system added, 0 updated; 1 dependency added, 0 updated;"
        ),
        "{}",
        stdout(&o)
    );
    let text = std::fs::read_to_string(&map).unwrap();
    assert!(text.contains("tech: \"Rust\""), "{text}");
    assert!(text.contains("name: \"Orders database\""), "{text}");
    assert!(
        text.contains("tech: \"postgres:16\""),
        "a filled field stays: {text}"
    );
    assert!(text.contains("x: 5.0"), "{text}");
    assert!(
        text.contains("docker-compose.yml:8 CACHE=redis:6379"),
        "{text}"
    );
}

#[test]
fn errors_say_file_and_line_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.ron");
    let bad = write(
        dir.path(),
        "docker-compose.yml",
        "services:\n  a:\n    image: [x\n  b: {}\n",
    );
    let o = depdig(&["import", bad.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains(&format!("{}:", bad.display())), "{err}");
    assert!(err.ends_with("nothing was written\n"), "{err}");
    assert!(!out.exists());

    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let prev = format!("*a{}", i - 1);
        let row = [prev.as_str(); 10].join(", ");
        writeln!(bomb, "a{i}: &a{i} [{row}]").unwrap();
    }
    bomb.push_str("services:\n  s:\n    environment: *a8\n");
    let bomb = write(dir.path(), "compose.yaml", &bomb);
    let o = depdig(&[
        "import",
        bomb.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("alias bomb"), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn a_folder_lists_what_it_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("deploy");
    std::fs::create_dir(&src).unwrap();
    write(
        &src,
        "app.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n",
    );
    write(&src, "notes.txt", "see the wiki");
    let out = dir.path().join("map.ron");
    let o = depdig(&["import", src.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "skipped: {}: not an artefact depdig reads",
            src.join("notes.txt").display()
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn csv_files_as_file_arguments_are_told_apart_by_their_header() {
    let dir = tempfile::tempdir().unwrap();
    let edges = write(
        dir.path(),
        "b.csv",
        "source,target,type\nshop,orders,data\n",
    );
    let nodes = write(
        dir.path(),
        "a.csv",
        "id,label,kind\nshop,Shop,ui\norders,Orders,database\n",
    );
    let out = dir.path().join("map.ron");
    let o = depdig(&[
        "import",
        edges.to_str().unwrap(),
        nodes.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(": 2 systems, 1 dependency (2 systems added"),
        "{}",
        stdout(&o)
    );
    let two = depdig(&[
        "import",
        nodes.to_str().unwrap(),
        nodes.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(two.status.code(), Some(1));
    assert!(
        stderr(&two).contains("a second CSV file of the same kind"),
        "{}",
        stderr(&two)
    );
}

#[test]
fn usage_errors_exit_2() {
    let o = depdig(&["import", "x.yml", "--nodes", "n.csv", "-o", "m.ron"]);
    assert_eq!(o.status.code(), Some(2));
    let o = depdig(&["import", "x.yml", "--format", "yaml", "-o", "m.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("expected auto, csv, compose, k8s"),
        "{}",
        stderr(&o)
    );
    let o = depdig(&["import", "x.yml"]);
    assert_eq!(o.status.code(), Some(2));
}

/// Issue 16 (a database that seems to call a service): Appwrite's compose file, 34 services,
/// read as a careful person would. Its stores call nothing; the API and the workers use
/// Postgres and Redis (their `_APP_DB_HOST` and `_APP_REDIS_HOST`); MariaDB and MongoDB,
/// optional adapters no service is pointed at, stand alone. Before: `MYSQL_DATABASE=appwrite`
/// made MariaDB call the API, and `_APP_DB_SCHEMA=appwrite` made 14 workers call it.
#[test]
fn appwrite_s_stores_call_nothing_and_its_schema_name_is_no_host() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("appwrite.ron");
    let o = depdig(&[
        "import",
        &fixture("appwrite/docker-compose.yml"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains(": 34 systems,"), "{}", stdout(&o));
    let (ws, _) = depdig::io::load_file(&out).unwrap();
    let from = |id: &str| -> Vec<String> {
        ws.dependencies
            .values()
            .filter(|d| d.from == id)
            .map(|d| format!("{} -> {} ({})", d.from, d.to, d.notes))
            .collect()
    };
    for store in ["mariadb", "mongodb", "postgresql", "redis"] {
        assert_eq!(from(store), Vec::<String>::new(), "{store} calls nothing");
    }
    for store in ["mariadb", "mongodb"] {
        assert!(
            !ws.dependencies.values().any(|d| d.to == store),
            "{store}: nothing points at it"
        );
    }
    let uses = |a: &str, b: &str| ws.dependencies.values().any(|d| d.from == a && d.to == b);
    for worker in [
        "appwrite",
        "appwrite-worker-mails",
        "appwrite-worker-deletes",
    ] {
        assert!(
            uses(worker, "postgresql") && uses(worker, "redis"),
            "{worker}"
        );
    }
    // Its database jobs' worker (image appwrite/appwrite, like the API) is a service, not a
    // database (before: drawn as one).
    assert_eq!(
        ws.systems["appwrite-worker-databases"].kind,
        depdig::model::SystemKind::Service
    );
    let schema: Vec<String> = ws
        .dependencies
        .values()
        .filter(|d| d.notes.contains("_APP_DB_SCHEMA"))
        .map(|d| format!("{} -> {} ({})", d.from, d.to, d.notes))
        .collect();
    assert!(schema.is_empty(), "{schema:#?}");
}
