//! Atomic saves: write a temporary file beside the target, then rename it over the target,
//! keeping the previous file as `FILE.bak` (e.g. `map.ron.bak`).
//!
//! The sequence is chosen so that at every instant — a kill, a full disk, a power cut between any
//! two steps — the file and its `.bak` each hold a complete version:
//!
//! 1. the new bytes go to `.NAME.PID.tmp` (created fresh, written, synced, given the file's mode);
//! 2. the current file is hard-linked (or, where links are impossible, copied) to
//!    `.NAME.bak.PID.tmp`, which is then renamed over `NAME.bak` — the backup is never made by
//!    writing into an existing name;
//! 3. the temporary file is renamed over `NAME` and the directory is synced.
//!
//! A symlink is saved through: its target gets the new bytes and the `.bak` sits beside the
//! target, so a shared file reached by a link keeps receiving the work. A read-only file is
//! refused (the caller offers Save as). Temporary files left by killed processes are removed on
//! the next save or open of the same file.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The file-system steps a save takes, as a seam so tests can fail (or "kill") any one of them.
pub trait SaveFs {
    /// Creates `path` (it must not exist), writes `bytes`, syncs it.
    fn write_new(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
    fn set_permissions(&self, path: &Path, perm: fs::Permissions) -> io::Result<()>;
    fn hard_link(&self, original: &Path, link: &Path) -> io::Result<()>;
    /// Copies `from` into the new file `to` and syncs it (used where hard links are impossible).
    fn copy_new(&self, from: &Path, to: &Path) -> io::Result<()>;
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    fn remove(&self, path: &Path) -> io::Result<()>;
    fn sync_dir(&self, dir: &Path) -> io::Result<()>;
}

/// The real file system.
pub struct RealFs;

impl SaveFs for RealFs {
    fn write_new(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)?;
        file.write_all(bytes)?;
        file.sync_all()
    }

    fn set_permissions(&self, path: &Path, perm: fs::Permissions) -> io::Result<()> {
        fs::set_permissions(path, perm)
    }

    fn hard_link(&self, original: &Path, link: &Path) -> io::Result<()> {
        fs::hard_link(original, link)
    }

    fn copy_new(&self, from: &Path, to: &Path) -> io::Result<()> {
        let bytes = fs::read(from)?;
        self.write_new(to, &bytes)?;
        fs::set_permissions(to, fs::metadata(from)?.permissions())
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }

    fn remove(&self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }

    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        match fs::File::open(dir).and_then(|d| d.sync_all()) {
            // Some file systems cannot sync a directory; the rename itself has happened.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
                ) =>
            {
                Ok(())
            }
            other => other,
        }
    }
}

/// Writes `bytes` to `path` atomically, keeping the previous file as `path.bak`.
/// On an error before the final rename the target is left as it was; the `.bak` holds either the
/// previous backup or the current file; temporary files are removed. (Only the directory sync
/// comes after the rename: if that fails, the new version is in place but may not be durable.)
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(&RealFs, path, bytes)
}

/// [`write_atomic`] through a given file system (tests inject failures with it).
pub fn write_atomic_with(fs_ops: &dyn SaveFs, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = resolve_symlinks(path)?;
    let (dir, name) = split(&target)?;
    let existing = match fs::metadata(&target) {
        Ok(meta) if meta.is_file() => Some(meta),
        Ok(_) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not a regular file", target.display()),
            ));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(meta) = &existing
        && meta.permissions().readonly()
    {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{} is read-only; it was not changed (use Save as… to keep this version elsewhere)",
                target.display()
            ),
        ));
    }
    remove_stale_temps(&target);

    let tmp = dir.join(temp_name(&name, ""));
    let bak_tmp = dir.join(temp_name(&name, "bak."));
    let bak = bak_path(&target);
    let result = (|| {
        if tmp.exists() {
            fs_ops.remove(&tmp)?;
        }
        fs_ops.write_new(&tmp, bytes)?;
        if let Some(meta) = &existing {
            fs_ops.set_permissions(&tmp, meta.permissions())?;
            if bak_tmp.exists() {
                fs_ops.remove(&bak_tmp)?;
            }
            if fs_ops.hard_link(&target, &bak_tmp).is_err() {
                fs_ops.copy_new(&target, &bak_tmp)?;
            }
            fs_ops.rename(&bak_tmp, &bak)?;
            // If the `.bak` already was a link to the current file, POSIX rename does nothing
            // and leaves the second name behind.
            if bak_tmp.exists() {
                fs_ops.remove(&bak_tmp)?;
            }
        }
        fs_ops.rename(&tmp, &target)?;
        fs_ops.sync_dir(&dir)
    })();
    if result.is_err() {
        // Best effort: whatever is left is removed as stale by the next save or open.
        for leftover in [&tmp, &bak_tmp] {
            if leftover.exists() && fs_ops.remove(leftover).is_err() {
                break;
            }
        }
    }
    result
}

/// `FILE.bak` beside `path`.
pub fn bak_path(path: &Path) -> PathBuf {
    let mut bak = path.as_os_str().to_owned();
    bak.push(".bak");
    PathBuf::from(bak)
}

/// Follows `path` through symlinks (also a link to a file that does not exist yet) to the file
/// a save must write.
pub fn resolve_symlinks(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = if link.is_absolute() {
                    link
                } else {
                    current.parent().unwrap_or(Path::new("")).join(link)
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{}: too many levels of symbolic links", path.display()),
    ))
}

fn split(path: &Path) -> io::Result<(PathBuf, OsString)> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path has no file name"))?;
    Ok((dir, name.to_owned()))
}

/// `.NAME.PID.tmp` (new bytes) or `.NAME.bak.PID.tmp` (the backup being made).
fn temp_name(name: &std::ffi::OsStr, infix: &str) -> OsString {
    let mut tmp = OsString::from(".");
    tmp.push(name);
    tmp.push(format!(".{infix}{}.tmp", std::process::id()));
    tmp
}

/// Removes the temporary files a killed save of `path` left behind (those of processes that are
/// no longer running); returns how many were removed. Called on every save and open.
pub fn remove_stale_temps(path: &Path) -> usize {
    let Ok(target) = resolve_symlinks(path) else {
        return 0;
    };
    let Ok((dir, name)) = split(&target) else {
        return 0;
    };
    let Ok(entries) = fs::read_dir(&dir) else {
        return 0;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let Some(middle) = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
        else {
            continue;
        };
        let pid = middle.strip_prefix("bak.").unwrap_or(middle);
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if pid != std::process::id()
            && !process_alive(pid, &entry.path())
            && fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// Whether process `pid` still runs. Without `/proc`, a temporary file younger than a day is
/// assumed to belong to a running save.
fn process_alive(pid: u32, temp: &Path) -> bool {
    if Path::new("/proc/self").exists() {
        return Path::new("/proc").join(pid.to_string()).exists();
    }
    fs::metadata(temp)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age.as_secs() < 24 * 3600)
}

#[cfg(test)]
mod tests;
