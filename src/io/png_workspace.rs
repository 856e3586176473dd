//! The editable PNG: a PNG export carries the whole workspace, as draw.io's PNGs carry their
//! diagram. The RON text a save writes goes, deflate-compressed, into an `iTXt` chunk with the
//! keyword [`KEYWORD`] placed before the image data (so reading it never decodes a pixel).
//! Opening such a PNG gives back the workspace exactly as it was saved.
//!
//! Reading is defensive: a PNG without the chunk (re-saved by an image editor), a damaged or cut
//! short file, and a chunk that inflates to more than [`MAX_INFLATED_BYTES`] (a decompression
//! bomb) each get their own message; nothing panics on any input.

use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::error::LoadError;
use crate::model::{Problem, Workspace};

/// The `iTXt` keyword the workspace is stored under.
pub const KEYWORD: &str = "depdig";

/// The largest workspace text a PNG may inflate to: the same 64 MB a `.ron` file may have.
pub const MAX_INFLATED_BYTES: usize = 64 * 1024 * 1024;

/// The eight bytes every PNG starts with.
pub const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// Why a PNG gives no workspace.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PngProblem {
    #[error(
        "this PNG carries no depdig workspace (it was probably re-saved by an image editor, or \
         exported with --no-embed); export it again from depdig, or open the .ron"
    )]
    NoWorkspace,
    #[error(
        "this PNG is damaged or cut short ({0}), so its workspace cannot be read; export it again \
         from depdig, or open the .ron"
    )]
    Damaged(String),
    #[error(
        "the depdig workspace in this PNG is damaged ({0}); export it again from depdig, or open \
         the .ron"
    )]
    ChunkDamaged(String),
    #[error(
        "the workspace in this PNG inflates to more than {} MB, the most depdig opens (a \
         20,000-system map is about 5 MB); it was not read",
        MAX_INFLATED_BYTES / 1_000_000
    )]
    TooLarge,
}

/// `true` when `bytes` start like a PNG.
pub fn is_png(bytes: &[u8]) -> bool {
    bytes.starts_with(&SIGNATURE)
}

/// `true` when `path` is a regular file that starts like a PNG (whatever its name); `false`
/// when it does not, cannot be read, or is not a regular file (a pipe is never read here).
pub fn file_is_png(path: &Path) -> bool {
    let mut head = [0u8; 8];
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
        && std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok()
        && is_png(&head)
}

/// The workspace text carried by the PNG in `bytes`.
pub fn workspace_text(bytes: &[u8]) -> Result<String, PngProblem> {
    let mut cursor = std::io::Cursor::new(bytes);
    read_text(&mut cursor)
}

/// Reads, migrates and validates the workspace a PNG file carries (see [`super::load_file`],
/// which calls this for any file that starts like a PNG). Errors name `path`; those in the
/// workspace text itself name "`path` (its workspace)" with the line and column in that text.
pub fn load_png(path: &Path) -> Result<(Workspace, Vec<Problem>), LoadError> {
    let text = carried_text(path)?;
    super::load_str(&text, &embedded_path(path))
}

/// [`load_png`] for a file whose first bytes `head` were already read from `file`: read again
/// from the start where the file can seek, else (a pipe) `head` and the rest in memory, up to
/// [`MAX_PIPED_BYTES`].
pub(crate) fn load_png_from(
    path: &Path,
    head: Vec<u8>,
    mut file: std::fs::File,
) -> Result<(Workspace, Vec<Problem>), LoadError> {
    let problem = |problem| LoadError::Png {
        path: path.to_path_buf(),
        problem,
    };
    let text = if file.seek(SeekFrom::Start(0)).is_ok() {
        read_text(&mut BufReader::new(file)).map_err(problem)?
    } else {
        let mut bytes = head;
        file.take(MAX_PIPED_BYTES)
            .read_to_end(&mut bytes)
            .map_err(|source| LoadError::Io {
                path: path.to_path_buf(),
                source,
            })?;
        workspace_text(&bytes).map_err(problem)?
    };
    super::load_str(&text, &embedded_path(path))
}

/// The most of a piped PNG read into memory (a 16384-px-wide map export is far smaller).
pub const MAX_PIPED_BYTES: u64 = 512 * 1024 * 1024;

/// The workspace text the PNG file at `path` carries, not yet parsed (what the app checks
/// before offering to open a dropped picture).
pub fn carried_text(path: &Path) -> Result<String, LoadError> {
    let file = std::fs::File::open(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    read_text(&mut BufReader::new(file)).map_err(|problem| LoadError::Png {
        path: path.to_path_buf(),
        problem,
    })
}

/// How errors in a PNG's workspace text name it: "map.png (its workspace)".
pub fn embedded_path(path: &Path) -> PathBuf {
    PathBuf::from(format!("{} (its workspace)", path.display()))
}

fn read_text<R: std::io::BufRead + Seek>(r: &mut R) -> Result<String, PngProblem> {
    let found = {
        let decoder = png::Decoder::new(&mut *r);
        let reader = decoder.read_info().map_err(|e| {
            PngProblem::Damaged(match e {
                png::DecodingError::LimitsExceeded => {
                    "its text chunks or its image are larger than depdig reads".into()
                }
                other => other.to_string(),
            })
        })?;
        reader
            .info()
            .utf8_text
            .iter()
            .find(|c| c.keyword == KEYWORD)
            .cloned()
    };
    let Some(mut chunk) = found else {
        // The decoder skips an ancillary chunk whose checksum fails, and reads only up to the
        // image data: tell a damaged or moved chunk from none at all.
        return Err(match find_chunk(r) {
            Ok(Some(ChunkAt::BeforeImage)) => {
                PngProblem::ChunkDamaged("its checksum or layout is wrong".into())
            }
            Ok(Some(ChunkAt::AfterImage)) => PngProblem::ChunkDamaged(
                "it was moved behind the image data, where depdig does not look".into(),
            ),
            Ok(None) | Err(_) => PngProblem::NoWorkspace,
        });
    };
    chunk
        .decompress_text_with_limit(MAX_INFLATED_BYTES)
        .map_err(|e| match e {
            png::DecodingError::LimitsExceeded => PngProblem::TooLarge,
            png::DecodingError::Format(f)
                if f.to_string().to_lowercase().contains("decompression space") =>
            {
                PngProblem::TooLarge
            }
            other => PngProblem::ChunkDamaged(other.to_string()),
        })?;
    chunk
        .get_text()
        .map_err(|e| PngProblem::ChunkDamaged(e.to_string()))
}

/// Where a chunk named like ours sits.
enum ChunkAt {
    BeforeImage,
    AfterImage,
}

/// Walks the chunk list (lengths and types only, skipping the data) for an `iTXt` chunk whose
/// keyword is [`KEYWORD`].
fn find_chunk<R: Read + Seek>(r: &mut R) -> std::io::Result<Option<ChunkAt>> {
    r.seek(SeekFrom::Start(SIGNATURE.len() as u64))?;
    let mut seen_image = false;
    let wanted: Vec<u8> = KEYWORD.bytes().chain([0]).collect();
    loop {
        let mut head = [0u8; 8];
        if r.read_exact(&mut head).is_err() {
            return Ok(None);
        }
        let len = u64::from(u32::from_be_bytes([head[0], head[1], head[2], head[3]]));
        let kind = &head[4..8];
        let mut skip = len + 4; // the data, then the CRC
        if kind == b"iTXt" && len >= wanted.len() as u64 {
            let mut start = vec![0u8; wanted.len()];
            r.read_exact(&mut start)?;
            if start == wanted {
                return Ok(Some(if seen_image {
                    ChunkAt::AfterImage
                } else {
                    ChunkAt::BeforeImage
                }));
            }
            skip -= wanted.len() as u64;
        }
        if kind == b"IDAT" {
            seen_image = true;
        }
        if kind == b"IEND" {
            return Ok(None);
        }
        let skip = i64::try_from(skip).map_err(std::io::Error::other)?;
        r.seek(SeekFrom::Current(skip))?;
    }
}

#[cfg(test)]
mod tests;
