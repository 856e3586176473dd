//! Crash recovery: every running instance autosaves its unsaved work to its *own* recovery file,
//! so two instances on one workspace never overwrite each other's. An instance holds an exclusive
//! lock on its lock file while it runs; a recovery file whose instance no longer holds its lock
//! (the process crashed or was killed) is *pending*, and the next start offers every pending one:
//! which file, when it was autosaved, when the file was last saved and what differs from it.
//!
//! A recovery file is the workspace's RON text after one comment line that records what it
//! belongs to (the workspace path and the file as that instance last read it), so restoring over
//! a file that someone changed since goes through the "someone else changed it" prompt.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::io as file_io;
use crate::model::Workspace;

mod difference;
pub use difference::Difference;

const HEADER_PREFIX: &str = "// depdig-recovery ";
const RECOVERY_SUFFIX: &str = ".recovery.ron";
const LOCK_SUFFIX: &str = ".lock";

static DEFAULT_DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Sets this process's default recovery directory (embedding); the first call wins and later
/// calls return `false`. Apps can also be given their own directory.
pub fn set_default_dir(dir: PathBuf) -> bool {
    DEFAULT_DIR.set(dir).is_ok()
}

/// Where autosave keeps unsaved work unless told otherwise: the directory set with
/// [`set_default_dir`], else `$DEPDIG_RECOVERY_DIR`, else `$XDG_STATE_HOME/depdig`, else
/// `~/.local/state/depdig`.
pub fn default_dir() -> PathBuf {
    if let Some(dir) = DEFAULT_DIR.get() {
        return dir.clone();
    }
    if let Some(dir) = std::env::var_os("DEPDIG_RECOVERY_DIR") {
        return PathBuf::from(dir);
    }
    let base = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("depdig")
}

/// What a recovery file belongs to (its first line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// The workspace file, absolute; `None` for a workspace never saved.
    pub path: Option<PathBuf>,
    /// The name shown while there is no path.
    pub untitled_name: String,
    /// Size and hash of the file as the instance last read or wrote it.
    pub base: Option<(u64, u64)>,
    /// Milliseconds since the Unix epoch.
    pub autosaved_ms: u64,
}

/// One running instance's claim on the recovery directory. Dropping it releases the lock; its
/// recovery file (if any) then becomes pending for the next start.
///
/// Autosave runs on the instance's own thread: the UI hands it a copy of the document whenever
/// the document changed ([`Instance::offer`]) and the thread writes the newest copy once the
/// interval has passed. It does not depend on the UI running frames — a window covered by
/// another, or minimized, runs none, and its unsaved work must still reach the disk.
pub struct Instance {
    dir: PathBuf,
    id: String,
    _lock: fs::File,
    shared: Arc<Shared>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// The default time between autosaves.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(30);

struct Shared {
    file: PathBuf,
    state: Mutex<State>,
    wake: Condvar,
    /// Held while the recovery file is written or removed, by the thread or the UI.
    writing: Mutex<()>,
}

struct State {
    /// The newest unsaved state, waiting for its turn, and since when work has been waiting.
    pending: Option<(Header, Workspace)>,
    pending_since: Option<Instant>,
    last_write: Option<Instant>,
    interval: Duration,
    stop: bool,
    /// What the thread did since the UI last asked: the file written, or why not.
    events: Vec<Result<PathBuf, String>>,
}

impl Instance {
    /// Claims a fresh instance id in `dir` (created if missing), locks it and starts autosave.
    pub fn start(dir: &Path) -> io::Result<Instance> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        fs::create_dir_all(dir)?;
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let id = format!(
            "instance-{}-{nanos}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let lock = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(dir.join(format!("{id}{LOCK_SUFFIX}")))?;
        lock.try_lock().map_err(io::Error::other)?;
        let shared = Arc::new(Shared {
            file: dir.join(format!("{id}{RECOVERY_SUFFIX}")),
            state: Mutex::new(State {
                pending: None,
                pending_since: None,
                last_write: None,
                interval: AUTOSAVE_INTERVAL,
                stop: false,
                events: Vec::new(),
            }),
            wake: Condvar::new(),
            writing: Mutex::new(()),
        });
        let thread = {
            let shared = shared.clone();
            std::thread::Builder::new()
                .name("depdig-autosave".into())
                .spawn(move || autosave_loop(&shared))?
        };
        Ok(Instance {
            dir: dir.to_path_buf(),
            id,
            _lock: lock,
            shared,
            thread: Some(thread),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// This instance's recovery file.
    pub fn file(&self) -> PathBuf {
        self.shared.file.clone()
    }

    /// Sets the time between autosaves (tests use zero: write as soon as offered).
    pub fn set_interval(&self, interval: Duration) {
        self.shared.state().interval = interval;
        self.shared.wake.notify_all();
    }

    /// Hands the document's current state to the autosave thread (it keeps only the newest).
    pub fn offer(&self, doc: &Document) {
        let header = header_of(doc);
        let mut state = self.shared.state();
        state.pending = Some((header, doc.ws().clone()));
        state.pending_since.get_or_insert_with(Instant::now);
        drop(state);
        self.shared.wake.notify_all();
    }

    /// Writes the document to this instance's recovery file now (never to the workspace file).
    pub fn write(&self, doc: &Document) -> io::Result<PathBuf> {
        self.shared.write(&header_of(doc), doc.ws())
    }

    /// What the autosave thread did since the last call: each file written, or the error.
    pub fn take_events(&self) -> Vec<Result<PathBuf, String>> {
        std::mem::take(&mut self.shared.state().events)
    }

    /// Forgets unsaved work (it was saved or discarded): drops what waits and removes the file.
    pub fn clear(&self) -> io::Result<()> {
        {
            let mut state = self.shared.state();
            state.pending = None;
            state.pending_since = None;
        }
        let _writing = self.shared.writing();
        match fs::remove_file(&self.shared.file) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

impl Shared {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn writing(&self) -> std::sync::MutexGuard<'_, ()> {
        self.writing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self, header: &Header, ws: &Workspace) -> io::Result<PathBuf> {
        let mut header = header.clone();
        header.autosaved_ms = now_ms();
        let header = ron::to_string(&header).map_err(io::Error::other)?;
        let body = file_io::to_ron_string(ws).map_err(io::Error::other)?;
        let _writing = self.writing();
        file_io::write_atomic(
            &self.file,
            format!("{HEADER_PREFIX}{header}\n{body}").as_bytes(),
        )?;
        Ok(self.file.clone())
    }
}

fn header_of(doc: &Document) -> Header {
    Header {
        path: doc
            .path
            .as_deref()
            .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())),
        untitled_name: doc.untitled_name.clone(),
        base: doc.base_stamp(),
        autosaved_ms: 0,
    }
}

/// Waits for offered work and writes the newest once it is due: `interval` after work started
/// waiting, and never sooner than `interval` after the previous write.
fn autosave_loop(shared: &Shared) {
    let mut state = shared.state();
    loop {
        if state.stop {
            return;
        }
        let due = state.pending_since.map(|since| {
            let after_last = state.last_write.map_or(since, |w| w + state.interval);
            (since + state.interval).max(after_last)
        });
        let now = Instant::now();
        match due {
            None => {
                state = shared
                    .wake
                    .wait(state)
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
            }
            Some(due) if due > now => {
                state = shared
                    .wake
                    .wait_timeout(state, due - now)
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .0;
            }
            Some(_) => {
                let Some((header, ws)) = state.pending.take() else {
                    state.pending_since = None;
                    continue;
                };
                state.pending_since = None;
                drop(state);
                let result = shared.write(&header, &ws).map_err(|e| e.to_string());
                state = shared.state();
                state.last_write = Some(Instant::now());
                state.events.push(result);
            }
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.shared.state().stop = true;
        self.shared.wake.notify_all();
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            // The autosave thread panicked; there is nothing left to stop.
        }
        // The lock goes with the file handle; the lock file itself is only a name. If it cannot
        // be removed the next start sees it unlocked and treats it as ended, which is right.
        if fs::remove_file(self.dir.join(format!("{}{LOCK_SUFFIX}", self.id))).is_err() {
            // Nothing else to do: an unlocked lock file means "not running".
        }
    }
}

/// The workspace file as it is on disk now, compared with the recovered work.
#[derive(Debug, Clone, PartialEq)]
pub enum DiskState {
    /// The workspace was never saved.
    Untitled,
    /// The file loads; it was last modified then.
    Saved {
        modified: Option<SystemTime>,
        difference: Difference,
        /// Someone saved the file after this instance last read it.
        changed_since_read: bool,
    },
    /// The file is gone or does not load (the message says why).
    Unreadable(String),
}

/// Unsaved work left by an instance that is no longer running.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// The recovery file.
    pub file: PathBuf,
    pub header: Header,
    pub workspace: Workspace,
    pub disk: DiskState,
}

impl Pending {
    /// The name of the workspace it belongs to ("map.ron").
    pub fn display_name(&self) -> String {
        self.header
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || self.header.untitled_name.clone(),
                |n| n.to_string_lossy().into_owned(),
            )
    }

    pub fn autosaved(&self) -> SystemTime {
        UNIX_EPOCH + std::time::Duration::from_millis(self.header.autosaved_ms)
    }

    /// Removes the recovery file (after it was restored and taken over, or discarded).
    pub fn remove(&self) -> io::Result<()> {
        match fs::remove_file(&self.file) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// Every recovery file in `dir` whose instance is no longer running and whose work differs from
/// the file on disk, newest first. Recovery files that hold exactly what the file holds are
/// removed (there is nothing to recover); ones that cannot be read are reported in the second list.
pub fn pending(dir: &Path) -> (Vec<Pending>, Vec<String>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return (found, problems);
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        // The lock of a window that ended without unsaved work (killed while clean).
        if let Some(id) = name.strip_suffix(LOCK_SUFFIX)
            && !dir.join(format!("{id}{RECOVERY_SUFFIX}")).exists()
            && !instance_running(dir, id)
        {
            remove_lock(dir, id);
            continue;
        }
        let Some(id) = name.strip_suffix(RECOVERY_SUFFIX) else {
            continue;
        };
        if instance_running(dir, id) {
            continue;
        }
        match read(&entry.path()) {
            Ok(pending) => {
                if matches!(&pending.disk, DiskState::Saved { difference, .. } if difference.is_empty())
                {
                    if let Err(e) = pending.remove() {
                        problems.push(format!("{}: {e}", pending.file.display()));
                    }
                    remove_lock(dir, id);
                    continue;
                }
                found.push(pending);
            }
            Err(e) => problems.push(e),
        }
    }
    found.sort_by(|a, b| {
        b.header
            .autosaved_ms
            .cmp(&a.header.autosaved_ms)
            .then_with(|| a.file.cmp(&b.file))
    });
    (found, problems)
}

/// Reads one recovery file and compares it with its workspace file on disk.
pub fn read(file: &Path) -> Result<Pending, String> {
    let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let first = text.lines().next().unwrap_or_default();
    let header = match first.strip_prefix(HEADER_PREFIX) {
        Some(h) => ron::from_str::<Header>(h)
            .map_err(|e| format!("{}:1: not a recovery header: {e}", file.display()))?,
        // A recovery file from before instances had their own: it does not say its workspace.
        None => Header {
            path: None,
            untitled_name: "recovered.ron".into(),
            base: None,
            autosaved_ms: fs::metadata(file)
                .and_then(|m| m.modified())
                .map_or(0, ms_since_epoch),
        },
    };
    let (workspace, _) = file_io::load_str(&text, file).map_err(|e| e.to_string())?;
    let disk = match &header.path {
        None => DiskState::Untitled,
        Some(path) => disk_state(path, header.base, &workspace),
    };
    Ok(Pending {
        file: file.to_path_buf(),
        header,
        workspace,
        disk,
    })
}

/// The workspace file at `path` compared with the recovered work. The file is read once, both
/// for the comparison and for "changed since that window read it" (`base`).
fn disk_state(path: &Path, base: Option<(u64, u64)>, recovered: &Workspace) -> DiskState {
    // Too large, not UTF-8, or gone: the loader's own message says why.
    let unreadable = || {
        DiskState::Unreadable(file_io::load_file(path).err().map_or_else(
            || format!("{}: cannot be read", path.display()),
            |e| e.to_string(),
        ))
    };
    if fs::metadata(path).is_ok_and(|m| m.len() > file_io::MAX_FILE_BYTES) {
        return unreadable();
    }
    let Some(text) = fs::read(path).ok().and_then(|b| String::from_utf8(b).ok()) else {
        return unreadable();
    };
    match file_io::load_str(&text, path) {
        Ok((on_disk, _)) => DiskState::Saved {
            modified: fs::metadata(path).and_then(|m| m.modified()).ok(),
            difference: Difference::between(&on_disk, recovered),
            changed_since_read: base
                .is_some_and(|base| base != crate::document::stamp_of_bytes(text.as_bytes())),
        },
        Err(e) => DiskState::Unreadable(e.to_string()),
    }
}

/// Whether the instance `id` still holds its lock.
fn instance_running(dir: &Path, id: &str) -> bool {
    let Ok(lock) = fs::OpenOptions::new()
        .write(true)
        .open(dir.join(format!("{id}{LOCK_SUFFIX}")))
    else {
        return false;
    };
    match lock.try_lock() {
        Ok(()) => false,
        Err(fs::TryLockError::WouldBlock) => true,
        // Locks unsupported here: assume it runs rather than offer someone's live work.
        Err(fs::TryLockError::Error(_)) => true,
    }
}

fn remove_lock(dir: &Path, id: &str) {
    if fs::remove_file(dir.join(format!("{id}{LOCK_SUFFIX}"))).is_err() {
        // Already gone (the instance ended cleanly), or the next start tries again.
    }
}

fn now_ms() -> u64 {
    ms_since_epoch(SystemTime::now())
}

fn ms_since_epoch(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests;
