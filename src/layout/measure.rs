//! Label measurement with the bundled font, so the layout knows how big each system's box is
//! drawn before anything is drawn.
//!
//! Widths are glyph advances × font size / units per em, without kerning, read from
//! `assets/fonts/DejaVuSans.ttf` (the one font of the canvas and of exports). Advances are cached
//! per character: a table for ASCII, a map for the rest.

use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use crate::model::SystemKind;

/// The bundled font: the canvas, exports and layout measurement all use it.
pub const FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Size of a system's label on the canvas, in canvas units.
pub const LABEL_FONT_SIZE: f32 = 14.0;
/// Line height of a label, as a multiple of its font size.
pub const LABEL_LINE_HEIGHT: f32 = 1.25;
/// Space between a label and its box's left and right edges, in canvas units.
pub const NODE_PADDING_X: f32 = 12.0;
/// Space between a label and its box's top and bottom edges, in canvas units.
pub const NODE_PADDING_Y: f32 = 8.0;
/// The narrowest box a system is drawn with, in canvas units.
pub const NODE_MIN_WIDTH: f32 = 60.0;
/// The widest box, in canvas units: the canvas elides labels that would need more.
pub const NODE_MAX_WIDTH: f32 = 360.0;

/// Advance used when the font cannot be read or has no glyph at all, in ems.
const FALLBACK_ADVANCE_EM: f32 = 0.6;

struct Advances {
    face: Option<ttf_parser::Face<'static>>,
    /// Advances of the characters 0..128, in ems.
    ascii: [f32; 128],
    /// Advances of other characters met so far, in ems.
    other: RwLock<HashMap<char, f32>>,
}

impl Advances {
    fn load() -> Self {
        let face = ttf_parser::Face::parse(FONT_BYTES, 0).ok();
        let mut ascii = [FALLBACK_ADVANCE_EM; 128];
        for (code, slot) in (0u8..128).zip(ascii.iter_mut()) {
            *slot = advance_em(face.as_ref(), char::from(code));
        }
        Advances {
            face,
            ascii,
            other: RwLock::new(HashMap::new()),
        }
    }

    fn get(&self, c: char) -> f32 {
        if let Some(&a) = usize::try_from(u32::from(c))
            .ok()
            .and_then(|i| self.ascii.get(i))
        {
            return a;
        }
        if let Some(a) = self.other.read().ok().and_then(|m| m.get(&c).copied()) {
            return a;
        }
        let a = advance_em(self.face.as_ref(), c);
        if let Ok(mut m) = self.other.write() {
            m.insert(c, a);
        }
        a
    }
}

/// A character's advance in ems; control characters have none.
fn advance_em(face: Option<&ttf_parser::Face<'_>>, c: char) -> f32 {
    if c.is_control() {
        return 0.0;
    }
    let Some(face) = face else {
        return FALLBACK_ADVANCE_EM;
    };
    let units_per_em = f32::from(face.units_per_em().max(1));
    let glyph = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
    face.glyph_hor_advance(glyph)
        .map_or(FALLBACK_ADVANCE_EM, |a| f32::from(a) / units_per_em)
}

fn advances() -> &'static Advances {
    static ADVANCES: OnceLock<Advances> = OnceLock::new();
    ADVANCES.get_or_init(Advances::load)
}

/// Width of `text` set on one line at `font_px` (canvas units or pixels alike).
pub fn text_width(text: &str, font_px: f32) -> f32 {
    let a = advances();
    let ems: f32 = text.chars().map(|c| a.get(c)).sum();
    ems * font_px
}

/// Width and height of the box a system named `name` is drawn with, in canvas units.
pub fn node_size(name: &str) -> (f32, f32) {
    let width = (text_width(name, LABEL_FONT_SIZE) + 2.0 * NODE_PADDING_X)
        .clamp(NODE_MIN_WIDTH, NODE_MAX_WIDTH);
    let height = LABEL_FONT_SIZE * LABEL_LINE_HEIGHT + 2.0 * NODE_PADDING_Y;
    (width, height)
}

/// Room a kind's shape needs beside its label: a glyph on the left (team, batch job) or right
/// (cache), a lid above (database) or slanted sides (queue, gateway).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Room {
    pub left: f32,
    pub right: f32,
    pub lid: f32,
}

/// The room a `kind` keeps free around a label `text_h` high in a box `height` high.
pub fn room(kind: SystemKind, height: f32, text_h: f32) -> Room {
    let (left, right, lid) = match kind {
        SystemKind::Team | SystemKind::BatchJob => (height * 0.75, 0.0, 0.0),
        SystemKind::Cache => (0.0, height * 0.3, 0.0),
        SystemKind::Database => (0.0, 0.0, text_h * 0.35),
        SystemKind::Queue => (height * 0.18, height * 0.18, 0.0),
        SystemKind::Gateway => (height * 0.2, height * 0.2, 0.0),
        _ => (0.0, 0.0, 0.0),
    };
    Room { left, right, lid }
}

impl Room {
    /// Where the label's centre sits relative to the box's centre.
    pub fn label_offset(&self) -> [f32; 2] {
        [(self.left - self.right) / 2.0, self.lid]
    }
}

/// A system's box for its whole `name` at `label_px` (the layout's padding, grown in proportion
/// with the label size), with room for its kind's glyph, and that room.
pub fn system_box(kind: SystemKind, name: &str, label_px: f32) -> ([f32; 2], Room) {
    let spread = label_px / LABEL_FONT_SIZE;
    let text_h = label_px * LABEL_LINE_HEIGHT;
    let base_h = text_h + 2.0 * NODE_PADDING_Y * spread;
    let room = room(kind, base_h, text_h);
    let w = (text_width(name, label_px) + 2.0 * NODE_PADDING_X * spread + room.left + room.right)
        .max(NODE_MIN_WIDTH * spread);
    ([w, base_h + 2.0 * room.lid], room)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_is_read() {
        assert!(advances().face.is_some());
    }

    #[test]
    fn widths_follow_the_font() {
        // DejaVu Sans: 'M' is wider than 'i'; a space is about a third of an em.
        assert!(text_width("M", 10.0) > text_width("i", 10.0));
        let space = text_width(" ", 100.0);
        assert!((25.0..40.0).contains(&space), "space is {space}");
        assert_eq!(text_width("", 14.0), 0.0);
        // Widths add up and scale with the font size.
        let ab = text_width("ab", 14.0);
        assert!((ab - text_width("a", 14.0) - text_width("b", 14.0)).abs() < 1e-4);
        assert!((text_width("ab", 28.0) - 2.0 * ab).abs() < 1e-3);
    }

    #[test]
    fn non_ascii_is_measured_and_cached() {
        let w = text_width("Überweisung ✓ 支払い", 14.0);
        assert!(w.is_finite() && w > 0.0);
        assert_eq!(w, text_width("Überweisung ✓ 支払い", 14.0));
        assert_eq!(text_width("\n\t", 14.0), 0.0);
    }

    #[test]
    fn node_sizes_are_bounded() {
        let (w, h) = node_size("db");
        assert_eq!(w, NODE_MIN_WIDTH);
        assert!(h > LABEL_FONT_SIZE);
        let (w, _) = node_size("Customer relationship management");
        assert!(w > NODE_MIN_WIDTH && w < NODE_MAX_WIDTH);
        let (w, _) = node_size(&"x".repeat(10_000));
        assert_eq!(w, NODE_MAX_WIDTH);
    }
}
