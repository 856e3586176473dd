//! The command line, driven as a user would: the built binary, real files, exit codes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[path = "cli/bench.rs"]
mod bench;
use crate::cli_common;
use cli_common::{depdig, sample, stderr, stdout};

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Issue 15.9: the counts read as English ("1 dependency", not "1 dependencies").
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
            "{}: 2 systems, 1 dependency, 1 debt item, 0 failure modes\n",
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
        text.starts_with("(\n  version: 2,\n  title: \"Shop\","),
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

// ---- Issue 13: never lose a workshop's work ----

/// `depdig layout FILE --ticks N --write FILE`: a save in place, for the never-lose-work tests.
fn layout_in_place(file: &Path, ticks: u32) -> std::process::Output {
    let f = file.to_str().unwrap();
    depdig(&["layout", f, "--ticks", &ticks.to_string(), "--write", f])
}

/// 13.2: merging a CSV into a map whose scenario already adds the same system would write an
/// unloadable workspace; it is refused with the scenario's name and a free id, nothing written.
#[test]
fn import_into_refuses_what_check_would_reject() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.ron");
    std::fs::copy(sample("trading-before.ron"), &map).unwrap();
    let before = std::fs::read(&map).unwrap();
    let nodes = write(dir.path(), "n.csv", "id,label,kind\ntrade-events,T,queue\n");
    let out = depdig(&[
        "import",
        "--nodes",
        nodes.to_str().unwrap(),
        "--into",
        map.to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("trade-events"), "{err}");
    assert!(err.contains("scenario \""), "names the scenario: {err}");
    assert!(err.contains("trade-events-2"), "offers a free id: {err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(std::fs::read(&map).unwrap(), before, "the map is untouched");
    assert!(!dir.path().join("map.ron.bak").exists());
    let check = depdig(&["check", map.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

/// Every subcommand that prints, with the arguments to make it print.
fn printing_commands(dir: &Path) -> Vec<Vec<String>> {
    let s = |n: &str| sample(n).display().to_string();
    let nodes = write(dir, "n.csv", "id,label\na,A\nb,B\n");
    let csv_out = dir.join("out-nodes.csv");
    vec![
        vec!["check".into(), s("ecommerce-cascade.ron")],
        vec!["analyze".into(), s("ecommerce-cascade.ron")],
        vec![
            "analyze".into(),
            s("ecommerce-cascade.ron"),
            "--format".into(),
            "json".into(),
        ],
        vec!["report".into(), s("ecommerce-cascade.ron")],
        vec![
            "layout".into(),
            s("manufacturing-erp.ron"),
            "--ticks".into(),
            "5".into(),
        ],
        vec![
            "import".into(),
            "--nodes".into(),
            nodes.display().to_string(),
            "-o".into(),
            dir.join("imported.ron").display().to_string(),
        ],
        vec![
            "export".into(),
            s("ecommerce-cascade.ron"),
            "--nodes".into(),
            csv_out.display().to_string(),
        ],
    ]
}

/// 13.7: a reader that went away (`| head -c 0`) ends every printing command quietly with exit 0.
#[test]
fn closed_stdout_is_a_quiet_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    for args in printing_commands(dir.path()) {
        // The pipe's reading end is closed before depdig starts: every write meets EPIPE.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_depdig"))
            .args(&args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
    }
}

/// 13.7: a full device is one line on stderr and exit 1, never a panic.
#[test]
fn full_stdout_is_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    for args in printing_commands(dir.path()) {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_depdig"))
            .args(&args)
            .stdout(full)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            err.lines()
                .any(|l| l.starts_with("depdig: cannot write the output:")),
            "{args:?}: {err}"
        );
    }
}

/// Tools this machine may lack: skipped with a note, except in CI (`DEPDIG_REQUIRE_TOOLS=1`,
/// set by `.ci/run`, which installs them), where their absence fails the test.
fn tool_available(name: &str) -> bool {
    let ok = std::process::Command::new(name)
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("DEPDIG_REQUIRE_TOOLS").is_none(),
            "{name} is required here (DEPDIG_REQUIRE_TOOLS is set)"
        );
        eprintln!("skipped: {name} is not installed");
    }
    ok
}

/// 13.3: the real process killed (SIGKILL, injected by strace) at each system call a save makes:
/// the file and its `.bak` each still load. Before, a kill in the copy that made the backup left
/// an empty `.bak`.
#[test]
fn killed_at_every_save_syscall_file_and_bak_still_load() {
    if !tool_available("strace") {
        return;
    }
    let syscalls = [
        "copy_file_range",
        "openat",
        "write",
        "fsync",
        "fchmod",
        "chmod",
        "link",
        "linkat",
        "rename",
        "renameat",
        "renameat2",
        "unlink",
        "unlinkat",
    ];
    let mut killed = 0;
    for syscall in syscalls {
        for when in 1..=3 {
            let dir = tempfile::tempdir().unwrap();
            let map = dir.path().join("map.ron");
            std::fs::copy(sample("manufacturing-erp.ron"), &map).unwrap();
            // A first save, so there is a .bak to lose.
            let first = layout_in_place(&map, 3);
            assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
            let out = std::process::Command::new("strace")
                .args(["-f", "-qq", "-o", "/dev/null", "-e"])
                .arg(format!("inject={syscall}:signal=SIGKILL:when={when}"))
                .arg(env!("CARGO_BIN_EXE_depdig"))
                .args([
                    "layout",
                    map.to_str().unwrap(),
                    "--ticks",
                    "7",
                    "--write",
                    map.to_str().unwrap(),
                ])
                .output()
                .unwrap();
            if !out.status.success() {
                killed += 1;
            }
            for path in [map.clone(), dir.path().join("map.ron.bak")] {
                let check = depdig(&["check", path.to_str().unwrap()]);
                assert_eq!(
                    check.status.code(),
                    Some(0),
                    "killed at {syscall} #{when}: {} does not load: {}",
                    path.display(),
                    stderr(&check)
                );
            }
        }
    }
    assert!(killed > 10, "the injected kills did happen ({killed})");
}

/// A small tmpfs mounted for one test and unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            assert!(
                std::env::var_os("DEPDIG_REQUIRE_TOOLS").is_none(),
                "mounting a tmpfs is required here (DEPDIG_REQUIRE_TOOLS is set)"
            );
            eprintln!("skipped: cannot mount a tmpfs here (needs root)");
            return None;
        }
        Some(Tmpfs { dir })
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let unmounted = std::process::Command::new("umount")
            .arg(self.dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if !unmounted {
            eprintln!("could not unmount {}", self.dir.path().display());
        }
    }
}

/// 13.3: on a nearly full disk with room for the new file but not for a copy of the old one,
/// the save still succeeds with a complete `.bak` (made by a link, which needs no room); with no
/// room for the new file it fails with exit 1 and changes nothing.
#[test]
fn full_disk_keeps_file_and_bak() {
    let Some(fs) = Tmpfs::mount("2m") else {
        return;
    };
    let dir = fs.dir.path();
    // A map of about 400 kB.
    let mut nodes = String::from("id,label,kind,description\n");
    for i in 0..1500 {
        writeln!(nodes, "s{i},System {i},service,{}", "x".repeat(200)).unwrap();
    }
    let scratch = tempfile::tempdir().unwrap();
    let csv = write(scratch.path(), "n.csv", nodes);
    let big = scratch.path().join("big.ron");
    let out = depdig(&[
        "import",
        "--nodes",
        csv.to_str().unwrap(),
        "-o",
        big.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Laid out once, so later saves (which only move systems) keep about the same size.
    let out = layout_in_place(&big, 1);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let map = dir.join("map.ron");
    std::fs::copy(&big, &map).unwrap();
    let size = std::fs::metadata(&map).unwrap().len();

    let fill = |leave: u64| {
        let free = {
            let o = std::process::Command::new("df")
                .args(["-B1", "--output=avail"])
                .arg(dir)
                .output()
                .unwrap();
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .nth(1)
                .unwrap()
                .trim()
                .parse::<u64>()
                .unwrap()
        };
        let filler = dir.join(format!("filler-{leave}"));
        std::fs::write(
            &filler,
            vec![0u8; usize::try_from(free.saturating_sub(leave)).unwrap()],
        )
        .unwrap();
    };
    // Room for the new file plus a little, not for a copy of the old one too.
    fill(size + size / 4);
    let out = layout_in_place(&map, 2);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let bak = dir.join("map.ron.bak");
    assert_eq!(
        std::fs::read(&bak).unwrap(),
        std::fs::read(&big).unwrap(),
        "complete .bak"
    );

    // No room for the new file: refused, nothing changed, nothing left behind.
    let (file_before, bak_before) = (std::fs::read(&map).unwrap(), std::fs::read(&bak).unwrap());
    fill(size / 3);
    let out = layout_in_place(&map, 2);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&map).unwrap(), file_before);
    assert_eq!(std::fs::read(&bak).unwrap(), bak_before);
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// 13.4: the CLI saves through a symlink to its target and keeps the file's mode; a read-only
/// file is refused with a message and exit 1.
#[test]
fn cli_saves_through_symlinks_keeps_mode_and_refuses_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("shared.ron");
    std::fs::copy(sample("manufacturing-erp.ron"), &target).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = layout_in_place(&link, 3);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_ne!(
        std::fs::read(&target).unwrap(),
        std::fs::read(sample("manufacturing-erp.ron")).unwrap(),
        "the target got the work"
    );

    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o400)).unwrap();
    let before = std::fs::read(&target).unwrap();
    let out = layout_in_place(&link, 3);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&target).unwrap(), before);
}
