//! The command line, driven as a user would: the built binary, real files, exit codes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod cli_common;
use cli_common::{depdig, sample, stderr, stdout};

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn check_prints_one_line_per_valid_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "tiny.ron",
        r#"(version: 1, title: "Tiny", systems: [(id: "a", name: "A"), (id: "b", name: "B")],
           dependencies: [(from: "a", to: "b", type: "sync")],
           debt: [(id: "d", title: "Manual re-key", impact: 2, links: ["a"])])"#,
    );
    let out = depdig(&["check", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!(
            "{}: 2 systems, 1 dependencies, 1 debt items, 0 failure modes\n",
            f.display()
        )
    );
}

#[test]
fn check_all_samples() {
    let names = [
        "ecommerce-cascade.ron",
        "manufacturing-erp.ron",
        "trading-before.ron",
        "trading-after.ron",
    ];
    let paths: Vec<String> = names
        .iter()
        .map(|n| sample(n).display().to_string())
        .collect();
    let mut args = vec!["check"];
    args.extend(paths.iter().map(String::as_str));
    let out = depdig(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 4, "{}", stdout(&out));
}

#[test]
fn check_reports_broken_files_with_position_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(sample("ecommerce-cascade.ron")).unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            write(dir.path(), "truncated.ron", &good[..good.len() / 2]),
            "truncated.ron:",
        ),
        (
            write(
                dir.path(),
                "binary.ron",
                [0x28u8, 0xff, 0xfe, 0x00, 0x13, 0x37],
            ),
            "binary.ron:1:2: this is not a text file",
        ),
        (write(dir.path(), "empty.ron", ""), "empty.ron:1:1:"),
        (
            write(
                dir.path(),
                "deep.ron",
                format!("(version: 1, title: {}", "[(".repeat(50_000)),
            ),
            "deep.ron:",
        ),
        (
            write(
                dir.path(),
                "newer.ron",
                "(version: 7, title: \"x\", shiny: true)",
            ),
            "newer.ron:1:11: this file is format version 7",
        ),
        (
            write(
                dir.path(),
                "unknown.ron",
                "(version: 1,\n title: \"x\",\n colour: 3)",
            ),
            "unknown.ron:3:2:",
        ),
        (
            write(
                dir.path(),
                "dangling.ron",
                "(version: 1, title: \"x\", systems: [(id: \"a\", name: \"A\")], debt: [(id: \"d\", title: \"t\", impact: 9, links: [\"ghost\"])])",
            ),
            "dangling.ron: debt item \"d\", field `impact`: 9 is out of range; use 1–5",
        ),
    ];
    for (path, expected) in &cases {
        let out = depdig(&["check", path.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}: {}",
            path.display(),
            stderr(&out)
        );
        assert!(stdout(&out).is_empty());
        let err = stderr(&out);
        assert!(
            err.contains(expected),
            "{}: expected {expected:?} in\n{err}",
            path.display()
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    // A valid file next to an invalid one: the valid one is still reported, the exit code is 1.
    let out = depdig(&[
        "check",
        sample("ecommerce-cascade.ron").to_str().unwrap(),
        cases[0].0.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out).lines().count(), 1);
}

#[test]
fn check_dangling_reference_names_item_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "d.ron",
        "(version: 1, title: \"x\", systems: [(id: \"a\", name: \"A\")], dependencies: [(from: \"a\", to: \"b\", type: \"sync\")])",
    );
    let out = depdig(&["check", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("dependency \"a->b:sync\", field `to`: system \"b\" does not exist"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_refuses_a_100_mb_file_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    let start = Instant::now();
    let out = depdig(&["check", path.to_str().unwrap()]);
    assert!(start.elapsed() < Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("depdig opens workspace files up to"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(depdig(&["check"]).status.code(), Some(2));
    assert_eq!(
        depdig(&["check", "--frobnicate", "x.ron"]).status.code(),
        Some(2)
    );
    assert_eq!(depdig(&["import", "-o", "x.ron"]).status.code(), Some(2));
    let missing = depdig(&["check", "/nonexistent/map.ron"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("/nonexistent/map.ron: cannot read"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn import_then_check_then_merge_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let nodes = write(
        dir.path(),
        "n.csv",
        "id,label,kind,tech\nshop,Web shop,ui,React\norders,Orders DB,database,Postgres\n",
    );
    let edges = write(
        dir.path(),
        "e.csv",
        "source,target,type,protocol,notes\nshop,orders,data,SQL,\"reads \"\"orders\"\", writes carts\"\nshop,tax,sync,HTTPS,\n",
    );
    let out_path = dir.path().join("map.ron");
    let out = depdig(&[
        "import",
        "--nodes",
        nodes.to_str().unwrap(),
        "--edges",
        edges.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
        "--title",
        "Shop",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("e.csv:3: system \"tax\" is not in the nodes; it is created"),
        "{}",
        stderr(&out)
    );
    let check = depdig(&["check", out_path.to_str().unwrap()]);
    assert_eq!(
        stdout(&check),
        format!(
            "{}: 3 systems, 2 dependencies, 0 debt items, 0 failure modes\n",
            out_path.display()
        )
    );
    let text = std::fs::read_to_string(&out_path).unwrap();
    assert!(
        text.starts_with("(\n  version: 1,\n  title: \"Shop\","),
        "{text}"
    );
    assert!(!text.contains("pos:"), "imported systems get no positions");

    // Hand-add a position and a debt item, then merge a spreadsheet edit: both survive.
    let edited = text.replacen("name: \"Web shop\",", "name: \"Web shop\",\n      pos: Some((x: 10.0, y: 20.0)),", 1)
        .replacen("\n)\n", "\n  debt: [(id: \"d1\", title: \"Manual export\", impact: 3, links: [\"shop\"])],\n)\n", 1);
    std::fs::write(&out_path, edited).unwrap();
    let nodes2 = write(
        dir.path(),
        "n2.csv",
        "id,label,kind,tech\nshop,,,Vue\nreco,Recommendations,service,\n",
    );
    let merged = depdig(&[
        "import",
        "--nodes",
        nodes2.to_str().unwrap(),
        "--into",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(merged.status.code(), Some(0), "{}", stderr(&merged));
    let text = std::fs::read_to_string(&out_path).unwrap();
    assert!(text.contains("tech: \"Vue\""), "{text}");
    assert!(text.contains("name: \"Web shop\""), "{text}");
    assert!(text.contains("pos: Some((\n        x: 10.0,"), "{text}");
    assert!(text.contains("id: \"d1\""), "{text}");
    assert!(text.contains("id: \"reco\""), "{text}");
    assert!(
        dir.path().join("map.ron.bak").exists(),
        "the previous file is kept as .bak"
    );
}

#[test]
fn import_error_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let edges = write(
        dir.path(),
        "e.csv",
        "source,target,type\na,b,sync\na,c,carrier-pigeon\n\"a,b\n",
    );
    let out_path = dir.path().join("map.ron");
    let out = depdig(&[
        "import",
        "--edges",
        edges.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("e.csv:3: unknown dependency type \"carrier-pigeon\""),
        "{}",
        stderr(&out)
    );
    assert!(!out_path.exists());

    let nodes = write(dir.path(), "n.csv", "label,kind\nA,service\n");
    let out = depdig(&[
        "import",
        "--nodes",
        nodes.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("n.csv:1: missing column id"),
        "{}",
        stderr(&out)
    );
    assert!(!out_path.exists());
}

#[test]
fn import_to_unwritable_path_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let nodes = write(dir.path(), "n.csv", "id\na\n");
    let out = depdig(&[
        "import",
        "--nodes",
        nodes.to_str().unwrap(),
        "-o",
        "/nonexistent-dir/map.ron",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("/nonexistent-dir/map.ron: cannot write"),
        "{}",
        stderr(&out)
    );
}
