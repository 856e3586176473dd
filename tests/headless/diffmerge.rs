//! Issue 19.3/19.4: `depdig diff` and `depdig merge` from the command line, and merge as a real
//! git merge driver.

use std::path::{Path, PathBuf};
use std::process::Command;

use depdig::io::{load_file, save_file};
use depdig::model::{CanvasPos, Workspace};

use crate::cli_common::{depdig, sample, stderr, stdout};

fn trading() -> Workspace {
    load_file(&sample("trading-before.ron")).unwrap().0
}

fn save(dir: &Path, name: &str, ws: &Workspace) -> PathBuf {
    let p = dir.join(name);
    save_file(ws, &p).unwrap();
    p
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn diff_exit_codes_follow_diff() {
    let dir = tempfile::tempdir().unwrap();
    let a = save(dir.path(), "a.ron", &trading());
    let same = depdig(&["diff", arg(&a), arg(&a)]);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert_eq!(stdout(&same), "no differences\n");

    let mut changed = trading();
    changed.systems.get_mut("fix-gateway").unwrap().owner = "Team B".into();
    let b = save(dir.path(), "b.ron", &changed);
    let diff = depdig(&["diff", arg(&a), arg(&b)]);
    assert_eq!(diff.status.code(), Some(1), "{}", stderr(&diff));

    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(\n  version: 2,\n  title: 5,\n)\n").unwrap();
    let trouble = depdig(&["diff", arg(&a), arg(&bad)]);
    assert_eq!(trouble.status.code(), Some(2));
    let msg = stderr(&trouble);
    assert!(msg.contains(&format!("{}:3:", bad.display())), "{msg}");
    let missing = depdig(&["diff", arg(&a), arg(&dir.path().join("nope.ron"))]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn diff_lists_what_a_careful_reader_would() {
    // The edits: the gateway changes owner, the clearing house moves, a system and its
    // dependencies go, the title changes. A careful reader lists exactly these, by name.
    let before = trading();
    let mut after = before.clone();
    after.title = "Trading integration — week two".into();
    after.systems.get_mut("fix-gateway").unwrap().owner = "Team B".into();
    after.systems.get_mut("clearing-house").unwrap().pos = Some(CanvasPos::new(300.0, 420.0));
    let gone = "compliance-team";
    let touching = after.dependencies_touching(gone);
    for d in &touching {
        after.dependencies.remove(d);
    }
    after.systems.remove(gone);
    // (Nothing else links the compliance team in this sample.)
    assert!(
        after
            .debt
            .values()
            .all(|d| !d.links.iter().any(|l| l == gone))
    );

    let dir = tempfile::tempdir().unwrap();
    let a = save(dir.path(), "a.ron", &before);
    let b = save(dir.path(), "b.ron", &after);
    let out = depdig(&["diff", arg(&a), arg(&b)]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let mut expected = vec![
        "~ workspace Trading integration — week two: title 'Trading integration — before the fix' → 'Trading integration — week two'".to_owned(),
        "> system Clearing house: pos (270, 420) → (300, 420)".to_owned(),
        "- removed system Compliance officers".to_owned(),
        "~ system FIX order gateway: owner 'Trading Technology (Raj Patel)' → 'Team B'".to_owned(),
    ];
    for id in &touching {
        let d = &before.dependencies[id];
        expected.push(format!(
            "- removed dependency {} → {} ({})",
            before.system_name(&d.from),
            before.system_name(&d.to),
            d.kind
        ));
    }
    expected.push(format!(
        "{} removed, 2 changed, 1 moved",
        1 + touching.len()
    ));
    let mut lines: Vec<&str> = text.lines().collect();
    let last = lines.pop().unwrap();
    assert_eq!(last, expected.pop().unwrap());
    lines.sort_unstable();
    expected.sort();
    assert_eq!(lines, expected);

    let quiet = stdout(&depdig(&["diff", arg(&a), arg(&b), "--ignore-positions"]));
    assert!(!quiet.contains("Clearing house"), "{quiet}");

    let json = depdig(&["diff", arg(&a), arg(&b), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 4 + touching.len());
    assert!(
        changes
            .iter()
            .any(|c| c["kind"] == "moved" && c["id"] == "clearing-house")
    );

    let md = stdout(&depdig(&["diff", arg(&a), arg(&b), "--format", "md"]));
    assert!(
        md.contains("| changed | system | FIX order gateway | owner |"),
        "{md}"
    );
}

#[test]
fn merge_writes_a_valid_file_and_reports_conflicts_with_both_values() {
    let dir = tempfile::tempdir().unwrap();
    let base = trading();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.systems.get_mut("fix-gateway").unwrap().tech = "FIX 5.0".into();
    theirs.systems.get_mut("fix-gateway").unwrap().notes = "moving to the cloud".into();
    let (b, o, t) = (
        save(dir.path(), "base.ron", &base),
        save(dir.path(), "ours.ron", &ours),
        save(dir.path(), "theirs.ron", &theirs),
    );
    let out = dir.path().join("out.ron");
    let clean = depdig(&["merge", arg(&b), arg(&o), arg(&t), "-o", arg(&out)]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    let merged = load_file(&out).unwrap().0;
    assert_eq!(merged.systems["fix-gateway"].tech, "FIX 5.0");
    assert_eq!(merged.systems["fix-gateway"].notes, "moving to the cloud");

    theirs.systems.get_mut("fix-gateway").unwrap().tech = "FIX 4.2".into();
    let t = save(dir.path(), "theirs2.ron", &theirs);
    let conflict = depdig(&["merge", arg(&b), arg(&o), arg(&t), "-o", arg(&out)]);
    assert_eq!(conflict.status.code(), Some(1));
    let msg = stderr(&conflict);
    assert!(msg.contains("conflict: system FIX order gateway"), "{msg}");
    assert!(
        msg.contains("tech: ours 'FIX 5.0' | theirs 'FIX 4.2'"),
        "{msg}"
    );
    assert_eq!(
        load_file(&out).unwrap().0.systems["fix-gateway"].tech,
        "FIX 5.0"
    );
    let check = depdig(&["check", arg(&out)]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "not ron").unwrap();
    let before = std::fs::read(&out).unwrap();
    let trouble = depdig(&["merge", arg(&b), arg(&bad), arg(&t), "-o", arg(&out)]);
    assert_eq!(trouble.status.code(), Some(2));
    assert!(stderr(&trouble).contains(&format!("{}:1:", bad.display())));
    assert_eq!(
        std::fs::read(&out).unwrap(),
        before,
        "nothing written on trouble"
    );
}

/// Saves into the repository without leaving the save's `.bak` behind.
fn save_in_repo(dir: &Path, ws: &Workspace) {
    save(dir, "map.ron", ws);
    std::fs::remove_file(dir.join("map.ron.bak")).ok();
}

#[test]
fn merge_without_a_common_ancestor_takes_an_empty_base() {
    // git passes an empty %O when both branches added the file.
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("empty.ron");
    std::fs::write(&base, "").unwrap();
    let ws = trading();
    let mut theirs = ws.clone();
    theirs.systems.get_mut("fix-gateway").unwrap().owner = "Team T".into();
    let o = save(dir.path(), "ours.ron", &ws);
    let t = save(dir.path(), "theirs.ron", &theirs);
    let out = dir.path().join("out.ron");
    let run = depdig(&["merge", arg(&base), arg(&o), arg(&t), "-o", arg(&out)]);
    // Both added the same systems; the one that differs is a conflict, ours kept.
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let msg = stderr(&run);
    assert!(
        msg.contains("conflict: system FIX order gateway: added differently on both sides"),
        "{msg}"
    );
    assert_eq!(msg.matches("conflict:").count(), 1, "{msg}");
    let merged = load_file(&out).unwrap().0;
    assert_eq!(merged, ws);
}

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("run git")
}

fn git_ok(dir: &Path, args: &[&str]) {
    let o = git(dir, args);
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
}

#[test]
fn git_merge_uses_depdig_as_its_merge_driver() {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    git_ok(dir, &["init", "-q", "-b", "main"]);
    git_ok(dir, &["config", "user.name", "Test"]);
    git_ok(dir, &["config", "user.email", "test@example.com"]);
    let driver = format!("{} merge %O %A %B -o %A", env!("CARGO_BIN_EXE_depdig"));
    git_ok(dir, &["config", "merge.depdig.driver", &driver]);
    std::fs::write(dir.join(".gitattributes"), "*.ron merge=depdig\n").unwrap();
    let base = trading();
    save_in_repo(dir, &base);
    git_ok(dir, &["add", "."]);
    git_ok(dir, &["commit", "-qm", "base"]);

    // Neighbouring lines of one system: a line-based merge would conflict here.
    git_ok(dir, &["checkout", "-q", "-b", "theirs"]);
    let mut theirs = base.clone();
    theirs.systems.get_mut("fix-gateway").unwrap().tech = "FIX 5.0".into();
    save_in_repo(dir, &theirs);
    git_ok(dir, &["commit", "-qam", "theirs: tech"]);
    git_ok(dir, &["checkout", "-q", "main"]);
    let mut ours = base.clone();
    ours.systems.get_mut("fix-gateway").unwrap().owner = "Team B".into();
    save_in_repo(dir, &ours);
    git_ok(dir, &["commit", "-qam", "ours: owner"]);

    let merge = git(dir, &["merge", "-q", "--no-edit", "theirs"]);
    assert!(
        merge.status.success(),
        "{}{}",
        stdout(&merge),
        stderr(&merge)
    );
    let merged = load_file(&dir.join("map.ron")).unwrap().0;
    assert_eq!(merged.systems["fix-gateway"].owner, "Team B");
    assert_eq!(merged.systems["fix-gateway"].tech, "FIX 5.0");
    let status = git(dir, &["status", "--porcelain", "--untracked-files=all"]);
    assert_eq!(stdout(&status), "", "no stray files (.bak) after the merge");

    // Both change the same field: git stops with a conflict, the file is valid and ours.
    git_ok(dir, &["checkout", "-q", "theirs"]);
    theirs.systems.get_mut("fix-gateway").unwrap().owner = "Team T".into();
    save_in_repo(dir, &theirs);
    git_ok(dir, &["commit", "-qam", "theirs: owner"]);
    git_ok(dir, &["checkout", "-q", "main"]);
    let merge = git(dir, &["merge", "--no-edit", "theirs"]);
    assert!(!merge.status.success());
    let merged = load_file(&dir.join("map.ron")).unwrap().0;
    assert_eq!(merged.systems["fix-gateway"].owner, "Team B");
    assert!(
        stderr(&merge).contains("owner: ours 'Team B' | theirs 'Team T'")
            || stdout(&merge).contains("owner: ours 'Team B' | theirs 'Team T'"),
        "{}{}",
        stdout(&merge),
        stderr(&merge)
    );
}
