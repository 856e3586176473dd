use std::cell::Cell;
use std::os::unix::fs::PermissionsExt;

use super::*;

fn tmp_leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            std::path::Path::new(n)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("tmp"))
        })
        .collect()
}

#[test]
fn keeps_previous_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    write_atomic(&path, b"one").unwrap();
    assert!(!dir.path().join("map.ron.bak").exists());
    write_atomic(&path, b"two").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"two");
    assert_eq!(fs::read(dir.path().join("map.ron.bak")).unwrap(), b"one");
    write_atomic(&path, b"three").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"three");
    assert_eq!(fs::read(dir.path().join("map.ron.bak")).unwrap(), b"two");
    assert!(tmp_leftovers(dir.path()).is_empty());
}

#[test]
fn unwritable_directory_fails_without_touching_target() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing-dir").join("map.ron");
    assert!(write_atomic(&path, b"x").is_err());
    assert!(!path.exists());
}

/// A file system that fails its `fail_at`-th step. `kill`: the process "dies" there — that
/// step does half its work (a torn write) and every later step fails too, so no clean-up runs.
struct FaultFs {
    fail_at: usize,
    kill: bool,
    calls: Cell<usize>,
    dead: Cell<bool>,
}

impl FaultFs {
    fn new(fail_at: usize, kill: bool) -> Self {
        FaultFs {
            fail_at,
            kill,
            calls: Cell::new(0),
            dead: Cell::new(false),
        }
    }

    /// `Ok(true)`: do the step; `Ok(false)`: this is the step that dies half-way; `Err`: fail.
    fn step(&self) -> io::Result<bool> {
        let injected = || io::Error::other("injected failure");
        if self.dead.get() {
            return Err(injected());
        }
        let n = self.calls.get();
        self.calls.set(n + 1);
        if n == self.fail_at {
            if self.kill {
                self.dead.set(true);
                return Ok(false);
            }
            return Err(injected());
        }
        Ok(true)
    }
}

impl SaveFs for FaultFs {
    fn write_new(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if self.step()? {
            RealFs.write_new(path, bytes)
        } else {
            // Killed half-way through writing.
            RealFs.write_new(path, &bytes[..bytes.len() / 2])?;
            Err(io::Error::other("killed"))
        }
    }
    fn set_permissions(&self, path: &Path, perm: fs::Permissions) -> io::Result<()> {
        if self.step()? {
            RealFs.set_permissions(path, perm)
        } else {
            Err(io::Error::other("killed"))
        }
    }
    fn hard_link(&self, original: &Path, link: &Path) -> io::Result<()> {
        if self.step()? {
            RealFs.hard_link(original, link)
        } else {
            Err(io::Error::other("killed"))
        }
    }
    fn copy_new(&self, from: &Path, to: &Path) -> io::Result<()> {
        if self.step()? {
            RealFs.copy_new(from, to)
        } else {
            // Killed half-way through copying.
            let bytes = fs::read(from)?;
            RealFs.write_new(to, &bytes[..bytes.len() / 2])?;
            Err(io::Error::other("killed"))
        }
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        if self.step()? {
            RealFs.rename(from, to)
        } else {
            Err(io::Error::other("killed"))
        }
    }
    fn remove(&self, path: &Path) -> io::Result<()> {
        if self.step()? {
            RealFs.remove(path)
        } else {
            Err(io::Error::other("killed"))
        }
    }
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        if self.step()? {
            RealFs.sync_dir(dir)
        } else {
            Err(io::Error::other("killed"))
        }
    }
}

fn workspace_text(title: &str, systems: usize) -> String {
    let mut ws = crate::model::Workspace::new(title);
    for i in 0..systems {
        let s = crate::model::System::new(format!("s{i}"), format!("System {i}"));
        ws.systems.insert(s.id.clone(), s);
    }
    crate::io::to_ron_string(&ws).unwrap()
}

fn loads(path: &Path) -> String {
    let (ws, _) = crate::io::load_file(path)
        .unwrap_or_else(|e| panic!("{} does not load: {e}", path.display()));
    ws.title
}

/// Issue 13.3: a failure or a kill at any step of the save leaves the file and its `.bak` each
/// loadable, holding a complete version; a failure (not a kill) also leaves no temporary file.
#[test]
fn failure_or_kill_at_every_step_leaves_file_and_bak_loadable() {
    let (v0, v1, v2) = (
        workspace_text("V0", 40),
        workspace_text("V1", 50),
        workspace_text("V2", 60),
    );
    // How many steps a save over an existing file takes.
    let counting = FaultFs::new(usize::MAX, false);
    {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.ron");
        write_atomic(&path, v0.as_bytes()).unwrap();
        write_atomic_with(&counting, &path, v1.as_bytes()).unwrap();
    }
    let steps = counting.calls.get();
    assert!(
        steps >= 5,
        "write, mode, link, rename bak, rename file: {steps}"
    );
    for kill in [false, true] {
        for fail_at in 0..steps {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("map.ron");
            write_atomic(&path, v0.as_bytes()).unwrap();
            write_atomic(&path, v1.as_bytes()).unwrap();
            let fault = FaultFs::new(fail_at, kill);
            let result = write_atomic_with(&fault, &path, v2.as_bytes());
            let what = format!(
                "{} at step {fail_at}",
                if kill { "kill" } else { "failure" }
            );
            let file = loads(&path);
            let bak = loads(&bak_path(&path));
            // The last step syncs the directory after the rename: only there may an error
            // leave the new version in place.
            if result.is_err() && fail_at + 1 < steps {
                assert_eq!(file, "V1", "{what}: the file keeps the saved version");
            }
            assert!(
                matches!(
                    (file.as_str(), bak.as_str()),
                    ("V1", "V0" | "V1") | ("V2", "V1")
                ),
                "{what}: file {file}, bak {bak}"
            );
            if !kill {
                assert!(
                    tmp_leftovers(dir.path()).is_empty(),
                    "{what}: temporary files were left"
                );
            }
            // The next save works and cleans up whatever the killed one left.
            write_atomic(&path, v2.as_bytes()).unwrap();
            assert_eq!(loads(&path), "V2", "{what}");
            assert!(tmp_leftovers(dir.path()).is_empty(), "{what}");
        }
    }
}

/// Issue 13.3: the backup is made by a link and a rename, never by copying into the existing
/// `.bak` (a kill during that copy left it empty).
#[test]
fn the_backup_is_never_written_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    write_atomic(&path, b"one").unwrap();
    write_atomic(&path, b"two").unwrap();
    let bak = bak_path(&path);
    // Hold the old backup open: an in-place copy would change what this handle reads.
    let before = fs::File::open(&bak).unwrap();
    write_atomic(&path, b"three").unwrap();
    let mut old = String::new();
    std::io::Read::read_to_string(&mut &before, &mut old).unwrap();
    assert_eq!(
        old, "one",
        "the previous backup's bytes were overwritten in place"
    );
    assert_eq!(fs::read(&bak).unwrap(), b"two");
}

/// Issue 13.4: saving through a symlink writes the link's target and keeps the link.
#[test]
fn saves_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    fs::create_dir(&shared).unwrap();
    let target = shared.join("map.ron");
    write_atomic(&target, b"theirs").unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink("shared/map.ron", &link).unwrap();
    write_atomic(&link, b"mine").unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a regular file"
    );
    assert_eq!(fs::read(&target).unwrap(), b"mine");
    assert_eq!(fs::read(shared.join("map.ron.bak")).unwrap(), b"theirs");
    assert!(!dir.path().join("link.ron.bak").exists());
}

/// Issue 13.4: the file's permissions are kept, and a read-only file is refused untouched.
#[test]
fn keeps_the_mode_and_refuses_read_only_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    write_atomic(&path, b"one").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    write_atomic(&path, b"two").unwrap();
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );

    fs::set_permissions(&path, fs::Permissions::from_mode(0o400)).unwrap();
    let err = write_atomic(&path, b"three").unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
    assert!(err.to_string().contains("read-only"), "{err}");
    assert!(err.to_string().contains("Save as"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), b"two");
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o400
    );
    assert!(tmp_leftovers(dir.path()).is_empty());
}

/// Issue 13.5: temporary files of processes that are gone are removed on the next save; those of
/// running processes are left alone.
#[test]
fn removes_stale_temporary_files_of_dead_processes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    write_atomic(&path, b"one").unwrap();
    // PIDs above the kernel's maximum (4194304) cannot be running.
    let dead = [".map.ron.99999999.tmp", ".map.ron.bak.99999998.tmp"];
    for name in dead {
        fs::write(dir.path().join(name), b"half a workspace").unwrap();
    }
    let alive = format!(".map.ron.{}.tmp", 1); // init is always running
    fs::write(dir.path().join(&alive), b"a save in progress").unwrap();
    let unrelated = ".other.ron.99999999.tmp";
    fs::write(dir.path().join(unrelated), b"not ours").unwrap();

    write_atomic(&path, b"two").unwrap();
    let mut left = tmp_leftovers(dir.path());
    left.sort();
    let mut expected = vec![alive, unrelated.to_owned()];
    expected.sort();
    assert_eq!(left, expected);

    fs::write(dir.path().join(dead[0]), b"again").unwrap();
    assert_eq!(remove_stale_temps(&path), 1, "opening cleans up too");
}
