//! Backdrop photos: decoding (JPEG, PNG, WebP, with the camera's EXIF orientation applied),
//! shrinking very large photos for display, and the image path stored relative to the
//! workspace file. No egui here; the canvas turns the pixels into a texture.

use std::path::{Component, Path, PathBuf};

use image::{DynamicImage, ImageDecoder, ImageReader};

/// The longest side a backdrop is shown at; larger photos are scaled down (a 48-megapixel
/// photo would be a 190 MB texture, and many GPUs refuse sides over 8192).
pub const MAX_DISPLAY_SIDE: u32 = 4096;

/// A decoded backdrop, upright, as straight (not premultiplied) RGBA rows.
#[derive(Debug, Clone, PartialEq)]
pub struct BackdropImage {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
    /// The photo's own size (upright), before any shrinking.
    pub original: [u32; 2],
}

impl BackdropImage {
    /// Says so when the photo was shrunk for display.
    pub fn note(&self) -> Option<String> {
        (self.original != [self.width, self.height]).then(|| {
            format!(
                "the photo is {}×{} px; shown at {}×{} px",
                self.original[0], self.original[1], self.width, self.height
            )
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BackdropError {
    #[error("{}: the backdrop image is missing (moved or renamed?); the map is shown without it", path.display())]
    Missing { path: PathBuf },
    #[error("{}: cannot read the image: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: not a JPEG, PNG or WebP image this build can read ({message})", path.display())]
    Decode { path: PathBuf, message: String },
}

impl BackdropError {
    /// `true` when the file is simply not there (a notice, not an error, on open).
    pub fn is_missing(&self) -> bool {
        matches!(self, BackdropError::Missing { .. })
    }
}

/// Reads and decodes the image at `path`, upright, shrunk to at most [`MAX_DISPLAY_SIDE`].
pub fn load(path: &Path) -> Result<BackdropImage, BackdropError> {
    let bytes = std::fs::read(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            BackdropError::Missing {
                path: path.to_path_buf(),
            }
        } else {
            BackdropError::Read {
                path: path.to_path_buf(),
                source,
            }
        }
    })?;
    decode(&bytes, MAX_DISPLAY_SIDE).map_err(|message| BackdropError::Decode {
        path: path.to_path_buf(),
        message,
    })
}

/// Decodes image bytes (format guessed from the content), applies the EXIF orientation and
/// shrinks the result so neither side exceeds `max_side`.
pub fn decode(bytes: &[u8], max_side: u32) -> Result<BackdropImage, String> {
    let reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    if reader.format().is_none() {
        return Err("unknown image format".to_owned());
    }
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    // A broken EXIF block is no reason to refuse the photo: it is shown as stored.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    img.apply_orientation(orientation);
    let original = [img.width(), img.height()];
    if img.width() == 0 || img.height() == 0 {
        return Err("the image has no pixels".to_owned());
    }
    let max_side = max_side.max(1);
    if img.width() > max_side || img.height() > max_side {
        img = img.resize(max_side, max_side, image::imageops::FilterType::Triangle);
    }
    let rgba = img.into_rgba8();
    Ok(BackdropImage {
        width: rgba.width(),
        height: rgba.height(),
        rgba: rgba.into_raw(),
        original,
    })
}

/// The backdrop as an export draws it: the photo turned as placed, as PNG bytes, and where it
/// lies on the map (canvas units: left, top, width, height), at its opacity.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportBackdrop {
    pub png: Vec<u8>,
    pub rect: [f32; 4],
    pub opacity: f32,
}

impl ExportBackdrop {
    /// The placed photo `img` (decoded, upright) of `placement`, ready to draw.
    pub fn new(img: &BackdropImage, placement: &crate::model::Backdrop) -> Result<Self, String> {
        let rgba = image::RgbaImage::from_raw(img.width, img.height, img.rgba.clone())
            .ok_or_else(|| "the decoded image has the wrong size".to_owned())?;
        let turned = match placement.quarter_turns % 4 {
            1 => image::imageops::rotate90(&rgba),
            2 => image::imageops::rotate180(&rgba),
            3 => image::imageops::rotate270(&rgba),
            _ => rgba,
        };
        let mut png = Vec::new();
        DynamicImage::ImageRgba8(turned)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .map_err(|e| e.to_string())?;
        let [w, h] = placement.canvas_size(img.original);
        Ok(ExportBackdrop {
            png,
            rect: [placement.offset.x, placement.offset.y, w, h],
            opacity: placement.opacity,
        })
    }

    /// The workspace's backdrop, read from beside `workspace_file`, ready to draw; `Ok(None)`
    /// when the workspace has none.
    pub fn of_workspace(
        ws: &crate::model::Workspace,
        workspace_file: Option<&Path>,
    ) -> Result<Option<Self>, BackdropError> {
        let Some(placement) = &ws.backdrop else {
            return Ok(None);
        };
        let path = resolve(workspace_file, &placement.path);
        let img = load(&path)?;
        Self::new(&img, placement)
            .map(Some)
            .map_err(|message| BackdropError::Decode { path, message })
    }
}

/// Where the stored backdrop path points: relative paths are taken from the workspace file's
/// folder (or the current folder while the workspace has no file).
pub fn resolve(workspace: Option<&Path>, stored: &str) -> PathBuf {
    let stored = Path::new(stored);
    if stored.is_absolute() {
        return stored.to_path_buf();
    }
    match workspace.and_then(Path::parent) {
        Some(dir) => dir.join(stored),
        None => stored.to_path_buf(),
    }
}

/// The path to store for `image`: relative to the workspace file's folder with `/` separators
/// (with `..` steps when the image lies beside it), or absolute when there is no workspace
/// file or no relative way (another drive).
pub fn stored_path(workspace: Option<&Path>, image: &Path) -> String {
    let absolute = |p: &Path| {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().map_or_else(|_| p.to_path_buf(), |d| d.join(p))
        }
    };
    let image_abs = absolute(image);
    let Some(dir) = workspace.and_then(Path::parent).map(absolute) else {
        return image_abs.to_string_lossy().into_owned();
    };
    let a: Vec<Component> = dir.components().collect();
    let b: Vec<Component> = image_abs.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return image_abs.to_string_lossy().into_owned();
    }
    let ups = a.len() - common;
    let mut parts: Vec<String> = vec!["..".to_owned(); ups];
    parts.extend(
        b[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_fn(w, h, |x, y| {
            image::Rgba([(x % 256) as u8, (y % 256) as u8, 7, 255])
        });
        let mut out = std::io::Cursor::new(Vec::new());
        DynamicImage::ImageRgba8(img)
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn a_small_png_decodes_as_it_is() {
        let img = decode(&png(3, 2), 4096).unwrap();
        assert_eq!((img.width, img.height), (3, 2));
        assert_eq!(&img.rgba[4..8], &[1, 0, 7, 255]);
        assert_eq!(img.note(), None);
    }

    #[test]
    fn a_large_photo_is_shrunk_with_a_note() {
        let img = decode(&png(400, 100), 200).unwrap();
        assert_eq!((img.width, img.height), (200, 50));
        assert_eq!(img.original, [400, 100]);
        assert_eq!(
            img.note().unwrap(),
            "the photo is 400×100 px; shown at 200×50 px"
        );
    }

    #[test]
    fn garbage_and_truncated_images_are_refused_without_panic() {
        assert!(decode(b"", 100).is_err());
        assert!(decode(b"not an image at all", 100).is_err());
        let whole = png(20, 20);
        for cut in [8, 16, 33, whole.len() / 2, whole.len() - 13] {
            assert!(decode(&whole[..cut], 100).is_err(), "cut at {cut}");
        }
        let mut flipped = whole.clone();
        for b in flipped.iter_mut().skip(60).step_by(7) {
            *b ^= 0x5a;
        }
        // Corrupted data: an error or an image, never a panic.
        let _ = decode(&flipped, 100);
    }

    #[test]
    fn paths_are_stored_relative_to_the_workspace_file() {
        let ws = Path::new("/data/maps/estate.ron");
        assert_eq!(
            stored_path(Some(ws), Path::new("/data/maps/photos/wb.jpg")),
            "photos/wb.jpg"
        );
        assert_eq!(
            stored_path(Some(ws), Path::new("/data/pics/wb.jpg")),
            "../pics/wb.jpg"
        );
        assert_eq!(stored_path(None, Path::new("/tmp/wb.jpg")), "/tmp/wb.jpg");
        assert_eq!(
            resolve(Some(ws), "../pics/wb.jpg"),
            Path::new("/data/maps/../pics/wb.jpg")
        );
        assert_eq!(resolve(Some(ws), "/abs/wb.jpg"), Path::new("/abs/wb.jpg"));
    }
}
