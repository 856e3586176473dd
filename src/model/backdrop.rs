//! A photo behind the map (a whiteboard to trace): which file and where it lies on the canvas.
//! Only the placement lives here; decoding the image is `io::backdrop`, drawing it is the UI's.

use super::CanvasPos;

/// The largest scale a backdrop may have (canvas units per image pixel), and the smallest.
pub const BACKDROP_SCALE_RANGE: (f32, f32) = (0.01, 100.0);

/// A backdrop image and its placement. The image's top-left corner (after turning) lies at
/// `offset`; each image pixel is `scale` canvas units wide.
#[derive(Debug, Clone, PartialEq)]
pub struct Backdrop {
    /// The image file, relative to the workspace file's folder (`/` separated), or absolute
    /// while the workspace has not been saved.
    pub path: String,
    pub offset: CanvasPos,
    pub scale: f32,
    /// Clockwise quarter turns, 0 to 3.
    pub quarter_turns: u8,
    /// 0 (invisible) to 1 (opaque).
    pub opacity: f32,
    /// A locked backdrop is not moved or scaled by accident.
    pub locked: bool,
    /// Drawn in presentation mode too (normally only while editing; an export draws it only when
    /// asked: `depdig export --backdrop`, the export dialog's "backdrop photo").
    pub presenting: bool,
}

impl Backdrop {
    /// A backdrop at the origin, one canvas unit per pixel, half transparent.
    pub fn new(path: impl Into<String>) -> Self {
        Backdrop {
            path: path.into(),
            offset: CanvasPos::new(0.0, 0.0),
            scale: 1.0,
            quarter_turns: 0,
            opacity: 0.5,
            locked: false,
            presenting: false,
        }
    }

    /// The placed image's size on the canvas for an image of `pixels` (width, height) before
    /// turning: width and height swap on odd quarter turns.
    pub fn canvas_size(&self, pixels: [u32; 2]) -> [f32; 2] {
        #[allow(clippy::cast_precision_loss)] // image sides are far below 2^24
        let (w, h) = (pixels[0] as f32 * self.scale, pixels[1] as f32 * self.scale);
        if self.quarter_turns % 2 == 1 {
            [h, w]
        } else {
            [w, h]
        }
    }

    /// What is wrong with this placement, as (field, message) pairs; empty when it is valid.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.path.trim().is_empty() {
            out.push((
                "backdrop.path",
                "the backdrop needs an image file".to_owned(),
            ));
        }
        if !self.offset.x.is_finite() || !self.offset.y.is_finite() {
            out.push((
                "backdrop.offset",
                "the offset must be a finite number".to_owned(),
            ));
        }
        let (lo, hi) = BACKDROP_SCALE_RANGE;
        if !(lo..=hi).contains(&self.scale) {
            out.push((
                "backdrop.scale",
                format!("{} is not a scale from {lo} to {hi}", self.scale),
            ));
        }
        if self.quarter_turns > 3 {
            out.push((
                "backdrop.quarter_turns",
                format!("{} is not 0, 1, 2 or 3 quarter turns", self.quarter_turns),
            ));
        }
        if !(0.0..=1.0).contains(&self.opacity) {
            out.push((
                "backdrop.opacity",
                format!("{} is not an opacity from 0 to 1", self.opacity),
            ));
        }
        out
    }
}
