use super::*;
use crate::model::System;
use crate::ops::Op;

fn add(doc: &mut Document, id: &str) {
    doc.apply(Op::Add(System::new(id, id).into()), "Add")
        .unwrap();
}

/// A recovery directory and a saved, empty map beside it.
fn saved_map(dir: &Path) -> (PathBuf, PathBuf) {
    let path = dir.join("map.ron");
    Document::new(Workspace::new("Map"), None)
        .save_to(&path)
        .unwrap();
    (dir.join("recovery"), path)
}

/// Issue 13.1: two instances on one file each keep their own recovery; after a crash both are
/// offered, and the one that did not save sees that the file changed since it read it.
#[test]
fn two_instances_keep_their_own_recovery() {
    let dir = tempfile::tempdir().unwrap();
    let (rec_dir, path) = saved_map(dir.path());

    let a = Instance::start(&rec_dir).unwrap();
    let b = Instance::start(&rec_dir).unwrap();
    let mut doc_a = Document::open(&path).unwrap();
    let mut doc_b = Document::open(&path).unwrap();
    add(&mut doc_a, "charlie");
    doc_a.save_to(&path).unwrap();
    a.clear().unwrap();
    add(&mut doc_a, "delta");
    add(&mut doc_b, "bravo");
    a.write(&doc_a).unwrap();
    b.write(&doc_b).unwrap();
    assert_ne!(a.file(), b.file());

    assert!(
        pending(&rec_dir).0.is_empty(),
        "running instances are not offered"
    );
    drop(a);
    drop(b); // both crash
    let (found, problems) = pending(&rec_dir);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(found.len(), 2, "both instances' work is offered");
    let with = |id: &str| {
        found
            .iter()
            .find(|p| p.workspace.systems.contains_key(id))
            .unwrap()
    };
    let (from_a, from_b) = (with("delta"), with("bravo"));
    assert!(from_a.workspace.systems.contains_key("charlie"));
    assert!(!from_b.workspace.systems.contains_key("charlie"));
    match &from_a.disk {
        DiskState::Saved {
            difference,
            changed_since_read,
            ..
        } => {
            assert_eq!(difference.systems_added, 1);
            assert!(!changed_since_read, "A wrote the file itself");
            assert_eq!(difference.describe(), "system: 1 added (delta)");
        }
        other => panic!("{other:?}"),
    }
    match &from_b.disk {
        DiskState::Saved {
            difference,
            changed_since_read,
            ..
        } => {
            assert!(changed_since_read, "A saved Charlie after B read the file");
            assert_eq!(
                (difference.systems_added, difference.systems_removed),
                (1, 1)
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        from_a.header.path.as_deref(),
        Some(&*std::path::absolute(&path).unwrap())
    );
}

/// Issue 13.6: a recovery is offered whenever it differs from the file, even if the file is
/// newer (a sync tool touched it); one that equals the file is dropped quietly.
#[test]
fn offered_when_different_even_if_the_file_is_newer() {
    let dir = tempfile::tempdir().unwrap();
    let (rec_dir, path) = saved_map(dir.path());
    let inst = Instance::start(&rec_dir).unwrap();
    let mut doc = Document::open(&path).unwrap();
    add(&mut doc, "unsaved");
    inst.write(&doc).unwrap();
    drop(inst);
    std::thread::sleep(std::time::Duration::from_millis(20));
    // A sync tool rewrites the same bytes later.
    fs::write(&path, fs::read(&path).unwrap()).unwrap();
    let (found, _) = pending(&rec_dir);
    assert_eq!(found.len(), 1);

    // Work that equals the file is not worth offering.
    let inst = Instance::start(&rec_dir).unwrap();
    let same = Document::open(&path).unwrap();
    inst.write(&same).unwrap();
    let file = inst.file();
    drop(inst);
    let (found, _) = pending(&rec_dir);
    assert_eq!(found.len(), 1, "only the one that differs");
    assert!(!file.exists(), "the empty recovery was removed");
}

#[test]
fn untitled_and_unreadable_workspaces_are_offered() {
    let dir = tempfile::tempdir().unwrap();
    let rec_dir = dir.path().join("recovery");
    let inst = Instance::start(&rec_dir).unwrap();
    let mut doc = Document::new(Workspace::new("New"), None);
    add(&mut doc, "x");
    inst.write(&doc).unwrap();
    drop(inst);
    let (found, _) = pending(&rec_dir);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].disk, DiskState::Untitled);
    assert_eq!(found[0].display_name(), "untitled.ron");

    let path = dir.path().join("gone.ron");
    Document::new(Workspace::new("Gone"), None)
        .save_to(&path)
        .unwrap();
    let inst = Instance::start(&rec_dir).unwrap();
    let mut doc = Document::open(&path).unwrap();
    add(&mut doc, "y");
    inst.write(&doc).unwrap();
    drop(inst);
    fs::remove_file(&path).unwrap();
    let (found, _) = pending(&rec_dir);
    assert_eq!(found.len(), 2);
    assert!(
        found
            .iter()
            .any(|p| matches!(p.disk, DiskState::Unreadable(_)))
    );
}

/// Autosave does not need the UI to run frames (a covered window runs none): work offered
/// once is written by the instance's own thread when it is due, and clearing drops it.
#[test]
fn the_autosave_thread_writes_what_was_offered_by_itself() {
    let dir = tempfile::tempdir().unwrap();
    let inst = Instance::start(dir.path()).unwrap();
    // An interval no machine reaches while the offers are made (no timing in the assertion).
    inst.set_interval(Duration::from_hours(1));
    let mut doc = Document::new(Workspace::new("Map"), None);
    add(&mut doc, "first");
    inst.offer(&doc);
    add(&mut doc, "second");
    inst.offer(&doc);
    assert!(!inst.file().exists(), "not before the interval");
    inst.set_interval(Duration::from_millis(150));
    let deadline = Instant::now() + Duration::from_secs(10);
    while !inst.file().exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let written = read(&inst.file()).unwrap();
    assert!(
        written.workspace.systems.contains_key("second"),
        "the newest offer"
    );
    // The thread records the write just after the file appears.
    let mut events = inst.take_events();
    while events.is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        events = inst.take_events();
    }
    assert_eq!(events.len(), 1, "one write for both offers: {events:?}");
    assert!(events[0].is_ok());

    add(&mut doc, "third");
    inst.offer(&doc);
    inst.clear().unwrap();
    std::thread::sleep(Duration::from_millis(400));
    assert!(!inst.file().exists(), "cleared work is not written later");
    assert!(inst.take_events().is_empty());
}

/// A window killed while it had nothing unsaved leaves only its (unlocked) lock file; the
/// next look tidies it away, and never the lock of a running window.
#[test]
fn stale_locks_are_tidied_and_live_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let live = Instance::start(dir.path()).unwrap();
    let stale = dir.path().join(format!("instance-1-2-3{LOCK_SUFFIX}"));
    fs::write(&stale, b"").unwrap();
    pending(dir.path());
    assert!(!stale.exists(), "the stale lock was removed");
    let live_lock = dir.path().join(format!("{}{LOCK_SUFFIX}", live.id));
    assert!(live_lock.exists(), "the running window keeps its lock");
}

#[test]
fn difference_reads_as_english() {
    let mut before = Workspace::new("T");
    let mut after = Workspace::new("T");
    for id in ["a", "b"] {
        before.systems.insert(id.into(), System::new(id, id));
    }
    after
        .systems
        .insert("a".into(), System::new("a", "A renamed"));
    after.systems.insert("c".into(), System::new("c", "c"));
    after.systems.insert("d".into(), System::new("d", "d"));
    let d = Difference::between(&before, &after);
    assert_eq!(
        d.describe(),
        "systems: 2 added (c and d), 1 removed (b), 1 changed"
    );
    assert_eq!(
        Difference::between(&before, &before).describe(),
        "no differences"
    );
}
