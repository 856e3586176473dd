//! The parts of a picture: texts, systems, dependencies and groups as drawn, with the marks
//! (dimmed, highlighted, added or removed) a view or a scenario gives them.

use super::geometry::{P, Rect, add};
use super::hull::Hull;
use super::path::DependencyPath;
use crate::io::export::ExportOptions;
use crate::layout::measure::{LABEL_LINE_HEIGHT, text_width};
use crate::model::{DependencyType, SystemKind};
use crate::theme::{EdgeStyle, Rgba};

/// Baseline below a label's vertical centre, in ems (half DejaVu Sans' cap height).
const BASELINE_EM: f32 = 0.36;

/// Text as drawn: its baseline anchor (`middle` or `start` per `centered`), size and box.
#[derive(Debug, Clone)]
pub struct TextItem {
    pub text: String,
    pub at: P,
    pub px: f32,
    pub centered: bool,
    pub color: Rgba,
    /// The space the text takes, for backdrops and overlap tests.
    pub rect: Rect,
    /// Drawn faded with what it belongs to (the owner line of a dimmed system).
    pub dimmed: bool,
}

impl TextItem {
    /// One line of `text` centred on `center`.
    pub(crate) fn centered(text: String, center: P, px: f32, color: Rgba) -> TextItem {
        let size = [text_width(&text, px), px * LABEL_LINE_HEIGHT];
        TextItem {
            at: [center[0], center[1] + BASELINE_EM * px],
            rect: Rect::from_center_size(center, size),
            text,
            px,
            centered: true,
            color,
            dimmed: false,
        }
    }

    /// One line of `text` whose box starts at `top_left`.
    pub(crate) fn left(text: String, top_left: P, px: f32, color: Rgba) -> TextItem {
        let size = [text_width(&text, px), px * LABEL_LINE_HEIGHT];
        let rect = Rect::from_min_size(top_left, size);
        let c = rect.center();
        TextItem {
            at: [top_left[0], c[1] + BASELINE_EM * px],
            rect,
            text,
            px,
            centered: false,
            color,
            dimmed: false,
        }
    }
}

/// What a scenario does to an item, for the difference display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    Removed,
}

/// How an item stands out or fades: a view's dimming and highlight, a scenario's change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    pub dimmed: bool,
    pub highlighted: bool,
    pub change: Option<Change>,
}

impl Marks {
    /// The marks the options give the system or dependency `id`.
    pub(crate) fn of(id: &str, opts: &ExportOptions) -> Marks {
        let change = opts.scenario.as_ref().and_then(|d| {
            if d.added.contains(id) {
                Some(Change::Added)
            } else if d.removed.contains(id) {
                Some(Change::Removed)
            } else {
                None
            }
        });
        Marks {
            dimmed: opts.dimmed.contains(id),
            highlighted: opts.highlighted.contains(id),
            change,
        }
    }
}

#[derive(Clone)]
pub struct SystemItem<'a> {
    pub id: &'a str,
    pub marks: Marks,
    pub kind: SystemKind,
    /// The body, in map units.
    pub rect: Rect,
    /// Border width in map units (criticality).
    pub border: f32,
    pub label: TextItem,
}

pub struct DependencyItem<'a> {
    pub id: &'a str,
    pub marks: Marks,
    pub kind: DependencyType,
    pub style: EdgeStyle,
    pub path: DependencyPath,
    /// Where the fuse glyph of a circuit breaker goes, and the line's direction there.
    pub breaker: Option<(P, P)>,
}

/// A group drawn as a hull around its members, with its name.
pub struct GroupItem {
    pub hull: Hull,
    pub label: TextItem,
    /// The name again on the group's other pieces (`Hull::piece_labels`).
    pub also: Vec<TextItem>,
}

impl GroupItem {
    /// The group's name wherever it is written: on its main piece, then on the others.
    pub fn labels(&self) -> impl Iterator<Item = &TextItem> {
        std::iter::once(&self.label).chain(&self.also)
    }
}

impl TextItem {
    pub(crate) fn shift(&mut self, by: P) {
        self.at = add(self.at, by);
        self.rect = Rect {
            min: add(self.rect.min, by),
            max: add(self.rect.max, by),
        };
    }
}
