//! An open workspace: the document, its undo history, where it lives on disk and whether it has
//! unsaved changes. The app holds one; tests and the CLI can drive it the same way.

use std::path::{Path, PathBuf};

use crate::io::{self, LoadError};
use crate::model::Workspace;
use crate::ops::{History, Op, OpError};

pub struct Document {
    /// Private: every change goes through `apply` (and so through the history).
    ws: Workspace,
    pub history: History,
    /// Where it is saved; `None` for a new workspace or the built-in sample.
    pub path: Option<PathBuf>,
    /// Bumped on every change, so views know when to rebuild.
    pub revision: u64,
    /// The name shown while there is no path ("untitled.ron", or the sample's file name).
    pub untitled_name: String,
    /// The editable PNG this document was read from (its `path` stays `None`, so a save never
    /// writes workspace text over the picture: Save asks for a `.ron` beside it).
    pub from_image: Option<PathBuf>,
    /// The file as this document last read or wrote it, to notice someone else's changes.
    disk: Option<DiskStamp>,
    /// The file's size and hash when the user was last told it differs from what this document
    /// read (restoring another window's work): not announced again until the file changes.
    announced: Option<(u64, u64)>,
    /// Systems whose place is settled: those the document came with placed, and those a
    /// layout run placed. A run holds them where they are and lays out the others (added by
    /// hand, pasted or imported since) as new to the map, wherever they were put.
    pub settled: std::collections::BTreeSet<String>,
}

/// What a file on disk looked like: size, modification time and a hash of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DiskStamp {
    modified: Option<std::time::SystemTime>,
    len: u64,
    hash: u64,
}

impl DiskStamp {
    fn read(path: &Path) -> Option<DiskStamp> {
        let meta = std::fs::metadata(path).ok()?;
        let bytes = std::fs::read(path).ok()?;
        let (len, hash) = stamp_of_bytes(&bytes);
        Some(DiskStamp {
            modified: meta.modified().ok(),
            len,
            hash,
        })
    }
}

impl Document {
    /// The workspace as it is now (changed only through [`Document::apply`] and its kin).
    pub fn ws(&self) -> &Workspace {
        &self.ws
    }

    pub fn new(ws: Workspace, path: Option<PathBuf>) -> Self {
        let disk = path.as_deref().and_then(DiskStamp::read);
        let settled = ws
            .systems
            .values()
            .filter(|s| s.pos.is_some())
            .map(|s| s.id.clone())
            .collect();
        Document {
            settled,
            ws,
            history: History::new(),
            path,
            revision: 1,
            untitled_name: "untitled.ron".into(),
            from_image: None,
            disk,
            announced: None,
        }
    }

    /// After a layout run: every system's place is settled.
    pub fn settle_all(&mut self) {
        self.settled = self.ws.systems.keys().cloned().collect();
    }

    /// Opens a workspace file, or the workspace an editable PNG export carries: that document
    /// has no path (see [`Document::from_image`]) and is shown under the PNG's name.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let (ws, _) = io::load_file(path)?;
        if io::png_workspace::file_is_png(path) {
            let mut doc = Document::new(ws, None);
            if let Some(name) = path.file_name() {
                doc.untitled_name = name.to_string_lossy().into_owned();
            }
            doc.from_image = Some(path.to_path_buf());
            return Ok(doc);
        }
        io::atomic::remove_stale_temps(path);
        Ok(Document::new(ws, Some(path.to_path_buf())))
    }

    /// Where Save as… proposes to save a document read from a PNG: `map.ron` beside `map.png`,
    /// or `map-2.ron`, `map-3.ron`, … when that exists (never proposing to replace a file).
    pub fn suggested_ron_beside_image(&self) -> Option<PathBuf> {
        let image = self.from_image.as_deref()?;
        let stem = image.file_stem()?.to_string_lossy().into_owned();
        let dir = image.parent().unwrap_or(Path::new(""));
        (1..1000)
            .map(|n| {
                dir.join(if n == 1 {
                    format!("{stem}.ron")
                } else {
                    format!("{stem}-{n}.ron")
                })
            })
            .find(|p| !p.exists())
    }

    /// `true` when the file at the document's path is no longer what this document last read or
    /// wrote (someone else saved it, or it was deleted). Cheap when nothing changed: the bytes are
    /// only hashed when the size or modification time moved, and a mere `touch` is not a change.
    pub fn changed_on_disk(&mut self) -> bool {
        let Some(path) = &self.path else {
            return false;
        };
        let Some(known) = self.disk else {
            return path.exists();
        };
        let Ok(meta) = std::fs::metadata(path) else {
            return true;
        };
        if meta.len() == known.len && meta.modified().ok() == known.modified {
            return false;
        }
        match DiskStamp::read(path) {
            Some(now) if now.hash == known.hash && now.len == known.len => {
                self.disk = Some(now);
                false
            }
            _ => true,
        }
    }

    /// [`Document::changed_on_disk`], unless the user already knows about this very change
    /// (see [`Document::set_base_stamp`]): whether to offer a reload.
    pub fn changed_on_disk_unannounced(&mut self) -> bool {
        self.changed_on_disk()
            && (self.announced.is_none()
                || self.path.as_deref().and_then(stamp_of) != self.announced)
    }

    /// Accepts the file on disk as it is now (the user chose to keep their version).
    pub fn acknowledge_disk(&mut self) {
        self.disk = self.path.as_deref().and_then(DiskStamp::read);
    }

    /// Applies one undoable edit.
    pub fn apply(&mut self, op: Op, label: impl Into<String>) -> Result<(), OpError> {
        self.history.apply(&mut self.ws, op, label)?;
        self.revision += 1;
        Ok(())
    }

    /// Applies an edit that merges with the previous one under `key` (a drag, a typing burst).
    pub fn apply_merging(
        &mut self,
        op: Op,
        label: impl Into<String>,
        key: &str,
    ) -> Result<(), OpError> {
        self.history.apply_merging(&mut self.ws, op, label, key)?;
        self.revision += 1;
        Ok(())
    }

    pub fn undo(&mut self) -> Result<Option<String>, OpError> {
        let label = self.history.undo(&mut self.ws)?;
        if label.is_some() {
            self.revision += 1;
        }
        Ok(label)
    }

    /// Undoes step after step until the document is in `state` again (see
    /// [`History::state`]); does nothing when undo cannot reach it.
    pub fn undo_to(&mut self, state: u64) -> Result<(), OpError> {
        if !self.history.can_undo_to(state) {
            return Ok(());
        }
        while self.history.state() != state {
            if self.undo()?.is_none() {
                break;
            }
        }
        Ok(())
    }

    pub fn redo(&mut self) -> Result<Option<String>, OpError> {
        let label = self.history.redo(&mut self.ws)?;
        if label.is_some() {
            self.revision += 1;
        }
        Ok(label)
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// Saves to `path` (atomic, keeps `.bak`) and makes it the document's path.
    pub fn save_to(&mut self, path: &Path) -> std::io::Result<()> {
        io::save_file(&self.ws, path)?;
        self.path = Some(path.to_path_buf());
        self.from_image = None;
        self.disk = DiskStamp::read(path);
        self.history.mark_saved();
        Ok(())
    }

    /// The file name shown in the title ("untitled.ron" when never saved).
    pub fn display_name(&self) -> String {
        self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || self.untitled_name.clone(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The name without its `.ron` (or, for a document read from a PNG, `.png`): the stem
    /// exports and reports are proposed under.
    pub fn stem(&self) -> String {
        let name = self.display_name();
        let lower = name.to_ascii_lowercase();
        match [".ron", ".png"].iter().find(|ext| lower.ends_with(*ext)) {
            Some(ext) => name[..name.len() - ext.len()].to_owned(),
            None => name,
        }
    }

    /// The folder exports and reports are proposed in: the file's, or the PNG's it was read
    /// from (empty: the working directory).
    pub fn folder(&self) -> PathBuf {
        self.path
            .as_deref()
            .or(self.from_image.as_deref())
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    /// Size and hash of the file as this document last read or wrote it (`None`: never saved).
    pub fn base_stamp(&self) -> Option<(u64, u64)> {
        self.disk.map(|d| (d.len, d.hash))
    }

    /// Takes over what another instance last read of the file (restoring its recovered work):
    /// if the file changed since, saving asks before overwriting it. The restore offer already
    /// told the user about that change, so no reload is offered until the file changes again.
    pub fn set_base_stamp(&mut self, base: Option<(u64, u64)>) {
        self.disk = base.map(|(len, hash)| DiskStamp {
            modified: None,
            len,
            hash,
        });
        self.announced = self.path.as_deref().and_then(stamp_of);
    }
}

/// Size and hash of the file at `path` now (`None` if it cannot be read).
pub fn stamp_of(path: &Path) -> Option<(u64, u64)> {
    DiskStamp::read(path).map(|d| (d.len, d.hash))
}

/// Size and hash of a file's bytes already read.
pub fn stamp_of_bytes(bytes: &[u8]) -> (u64, u64) {
    (bytes.len() as u64, fnv1a(bytes))
}

/// A stable 64-bit hash (FNV-1a) of a file's bytes, to tell a real change from a touch.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::System;

    #[test]
    fn dirty_tracks_saves_and_undo() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        let mut doc = Document::new(Workspace::new("T"), None);
        assert!(!doc.is_dirty());
        doc.apply(Op::Add(System::new("a", "A").into()), "Add")
            .unwrap();
        assert!(doc.is_dirty());
        doc.save_to(&path).unwrap();
        assert!(!doc.is_dirty());
        doc.undo().unwrap();
        assert!(doc.is_dirty());
        doc.redo().unwrap();
        assert!(!doc.is_dirty());
        let again = Document::open(&path).unwrap();
        assert_eq!(again.ws(), doc.ws());
    }

    #[test]
    fn notices_someone_elses_save_but_not_a_touch_or_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        let mut doc = Document::new(Workspace::new("T"), None);
        doc.save_to(&path).unwrap();
        assert!(!doc.changed_on_disk());
        let mut again = Document::open(&path).unwrap();
        assert!(!again.changed_on_disk());
        // Same bytes, new time: not a change.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&path, std::fs::read(&path).unwrap()).unwrap();
        assert!(!again.changed_on_disk());
        // Someone else saves different content.
        let mut other = Document::open(&path).unwrap();
        other
            .apply(Op::Add(System::new("x", "X").into()), "Add")
            .unwrap();
        other.save_to(&path).unwrap();
        assert!(again.changed_on_disk());
        assert!(!other.changed_on_disk());
        again.acknowledge_disk();
        assert!(!again.changed_on_disk());
        std::fs::remove_file(&path).unwrap();
        assert!(again.changed_on_disk());
    }
}
