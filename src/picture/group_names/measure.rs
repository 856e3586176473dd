//! The measure of a group name's spot: what its letters touch among everything drawn, found
//! through a grid so that a spot is tested against what is near it only. In the painter's units.

use std::collections::HashMap;

use super::super::geometry::{P, Rect};
use super::super::hull::{bounds_of, convex_overlap, corners};
use crate::layout::measure::LABEL_LINE_HEIGHT;
use crate::layout::tidy::segment_hits;

/// Space kept between a name's letters and lines, marks, texts and other outlines, per unit.
pub(super) const CLEAR: f32 = 2.0;
/// Space kept between a name's letters and a system's box, or its own outline's border (whose
/// dashes are 1.5 wide), per unit.
pub(super) const CLOSE: f32 = 1.0;
/// The letters' box within a line of text, in ems from the line's top: from the ascenders
/// (the baseline is 0.985 em down a line 1.25 em high; DejaVu Sans' ascenders reach 0.76 em
/// above it) to the descenders (0.24 em below it). A name's line box is 15 units high at
/// 12 units, and a hull's padding 16: the line box itself never fits in the padding with room
/// around it, the letters do.
const INK: [f32; 2] = [0.18, 1.23];
/// A name outside its outline sits at most this far from it, per unit.
const NEAR: f32 = 6.0;
/// A name's letters are measured this much wider than the bundled font's advances (egui lays
/// the canvas's text out a little differently).
const WIDTH_SLACK: f32 = 1.04;

/// What a group's name must not touch, in the painter's units.
#[derive(Debug, Default, Clone)]
pub struct Obstacles {
    /// Systems' boxes.
    pub boxes: Vec<Rect>,
    /// Dependency lines as polylines (start to tip), drawn `line_width` wide.
    pub lines: Vec<Vec<P>>,
    pub line_width: f32,
    /// Arrowheads, debt badges and fuse glyphs.
    pub marks: Vec<Rect>,
    /// Owner lines, names beside their boxes and dependency labels.
    pub labels: Vec<Rect>,
    /// Where names can be read, when that is less than everywhere (a canvas's edge cuts what
    /// lies across it; an export grows to hold what it draws).
    pub within: Option<Rect>,
}

/// What a name's box touches.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Touches {
    pub boxes: usize,
    /// Pieces of other groups' outlines (their border or their inside).
    pub outlines: usize,
    pub lines: usize,
    pub marks: usize,
    pub labels: usize,
    /// Other groups' names, and the group's own on another piece of its outline.
    pub names: usize,
    /// Across its own outline's border, or away from every piece of it.
    pub astray: bool,
    /// Not wholly where names can be read ([`Obstacles::within`]).
    pub cut: bool,
}

impl Touches {
    /// Whether it touches nothing and sits in or against its own outline.
    pub fn is_clear(&self) -> bool {
        *self == Touches::default()
    }

    /// How bad a spot is when no spot is clear: covering a box or a name hides text, and so
    /// does the canvas's edge.
    pub(super) fn cost(&self) -> usize {
        8 * (self.boxes + self.names + usize::from(self.cut))
            + 4 * self.outlines
            + 3 * (self.marks + self.labels)
            + 2 * self.lines
            + 2 * usize::from(self.astray)
    }
}

#[derive(Debug, Clone, Copy)]
enum Item {
    Box(usize),
    /// A segment of line `.0`.
    Segment(usize, P, P),
    Mark(usize),
    Label(usize),
    /// Piece `.1` of group `.0`'s outline.
    Piece(usize, usize),
    /// Group `.0`'s name.
    Name(usize, Rect),
}

/// Everything drawn, bucketed in a grid so a name is tested against what is near it only.
pub struct Measure<'a> {
    obstacles: &'a Obstacles,
    /// Each group's outline pieces.
    pieces: Vec<Vec<Vec<P>>>,
    items: Vec<Item>,
    cell: f32,
    cells: HashMap<(i64, i64), Vec<u32>>,
    /// Space kept around a name's letters (see [`CLEAR`], [`CLOSE`]), and the reach of a name
    /// outside its outline.
    clear: f32,
    close: f32,
    near: f32,
}

impl<'a> Measure<'a> {
    /// The measure of names among `obstacles` and the groups' outline `pieces`; `unit` scales
    /// the spacing (the hull's padding unit).
    pub fn new(obstacles: &'a Obstacles, pieces: Vec<Vec<Vec<P>>>, unit: f32) -> Self {
        let unit = if unit.is_finite() && unit > 0.0 {
            unit
        } else {
            1.0
        };
        let mut m = Measure {
            obstacles,
            pieces,
            items: Vec::new(),
            cell: 96.0 * unit,
            cells: HashMap::new(),
            clear: CLEAR * unit,
            close: CLOSE * unit,
            near: NEAR * unit,
        };
        for (i, r) in obstacles.boxes.iter().enumerate() {
            m.add(Item::Box(i), *r);
        }
        for (i, line) in obstacles.lines.iter().enumerate() {
            for w in line.windows(2) {
                let r = Rect {
                    min: w[0],
                    max: w[0],
                }
                .include(w[1]);
                m.add(Item::Segment(i, w[0], w[1]), r);
            }
        }
        for (i, r) in obstacles.marks.iter().enumerate() {
            m.add(Item::Mark(i), *r);
        }
        for (i, r) in obstacles.labels.iter().enumerate() {
            m.add(Item::Label(i), *r);
        }
        for g in 0..m.pieces.len() {
            for k in 0..m.pieces[g].len() {
                if let Some(r) = bounds_of(&m.pieces[g][k]) {
                    m.add(Item::Piece(g, k), r);
                }
            }
        }
        m
    }

    fn keys(&self, r: &Rect) -> Vec<(i64, i64)> {
        let k = |v: f32| (v / self.cell).floor().clamp(-1.0e9, 1.0e9) as i64;
        let (x0, x1, y0, y1) = (k(r.min[0]), k(r.max[0]), k(r.min[1]), k(r.max[1]));
        // Not finite, or absurdly large: one cell, so nothing hangs.
        if x0 > x1 || y0 > y1 || (x1 - x0 + 1).saturating_mul(y1 - y0 + 1) > 4096 {
            return vec![(x0, y0)];
        }
        (x0..=x1)
            .flat_map(|x| (y0..=y1).map(move |y| (x, y)))
            .collect()
    }

    fn add(&mut self, item: Item, r: Rect) {
        let i = self.items.len() as u32;
        self.items.push(item);
        for k in self.keys(&r) {
            self.cells.entry(k).or_default().push(i);
        }
    }

    /// The systems' boxes whose centre lies in the convex polygon `piece`.
    pub fn boxes_in(&self, piece: &[P]) -> Vec<Rect> {
        let Some(b) = bounds_of(piece) else {
            return Vec::new();
        };
        let mut found: Vec<usize> = Vec::new();
        for k in self.keys(&b) {
            for &i in self.cells.get(&k).into_iter().flatten() {
                if let Item::Box(j) = self.items[i as usize] {
                    found.push(j);
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
            .into_iter()
            .map(|j| self.obstacles.boxes[j])
            .filter(|r| inside(&[r.center()], piece))
            .collect()
    }

    /// Group `group`'s name is drawn in `r`: later names keep clear of it.
    pub fn add_name(&mut self, group: usize, r: Rect) {
        self.add(Item::Name(group, r), r);
    }

    /// What group `group`'s name drawn in the line box `r` touches (measured on its letters).
    /// The names counted are the other groups' and the group's own written elsewhere (on
    /// another piece of its outline).
    pub fn touches(&self, group: usize, r: Rect) -> Touches {
        let mut t = Touches::default();
        let line = r;
        let r = ink(r);
        let padded = r.expand(self.clear);
        let boxed = r.expand(self.close);
        let wide = r.expand(self.clear + self.obstacles.line_width.max(0.0) / 2.0);
        let wide = [wide.min[0], wide.min[1], wide.max[0], wide.max[1]];
        let poly = corners(padded);
        let mut near: Vec<u32> = Vec::new();
        for k in self.keys(&padded) {
            if let Some(v) = self.cells.get(&k) {
                near.extend(v);
            }
        }
        near.sort_unstable();
        near.dedup();
        let mut lines: Vec<usize> = Vec::new();
        for i in near {
            match self.items[i as usize] {
                Item::Box(b) => t.boxes += usize::from(self.obstacles.boxes[b].intersects(&boxed)),
                Item::Segment(l, a, b) => {
                    if segment_hits(a, b, &wide) {
                        lines.push(l);
                    }
                }
                Item::Mark(m) => {
                    t.marks += usize::from(self.obstacles.marks[m].intersects(&padded));
                }
                Item::Label(l) => {
                    t.labels += usize::from(self.obstacles.labels[l].intersects(&padded));
                }
                Item::Piece(g, k) => {
                    t.outlines +=
                        usize::from(g != group && convex_overlap(&poly, &self.pieces[g][k]));
                }
                Item::Name(g, n) => {
                    t.names += usize::from((g != group || n != line) && n.intersects(&padded));
                }
            }
        }
        lines.sort_unstable();
        lines.dedup();
        t.lines = lines.len();
        t.astray = !self.belongs(group, r);
        t.cut = self.obstacles.within.is_some_and(|w| !w.contains_rect(&r));
        t
    }

    /// Whether a name drawn in the line box `r` is in the outline `piece` or within a line's
    /// height of it.
    pub fn reaches(&self, r: Rect, piece: &[P]) -> bool {
        convex_overlap(&corners(ink(r).expand(self.near.max(r.height()))), piece)
    }

    /// Whether the letters' box `r` lies inside one of the group's pieces (clear of its
    /// border), or outside all of them and close to one.
    fn belongs(&self, group: usize, r: Rect) -> bool {
        let Some(own) = self.pieces.get(group) else {
            return false;
        };
        if own
            .iter()
            .any(|p| inside(&corners(r.expand(self.close)), p))
        {
            return true;
        }
        let poly = corners(r.expand(self.clear));
        let reach = corners(r.expand(self.near));
        !own.iter().any(|p| convex_overlap(&poly, p))
            && own.iter().any(|p| convex_overlap(&reach, p))
    }
}

/// What other texts placed after a name (dependency labels) keep clear of: its letters and
/// the space the measure keeps around them, for a name drawn in the line box `r`.
pub fn keep_clear(r: Rect, unit: f32) -> Rect {
    ink(r).expand(CLEAR * unit)
}

/// The letters' box in a name's line box `r` (see [`INK`], [`WIDTH_SLACK`]).
pub(super) fn ink(r: Rect) -> Rect {
    let em = r.height() / LABEL_LINE_HEIGHT;
    Rect {
        min: [r.min[0], r.min[1] + INK[0] * em],
        max: [r.min[0] + r.width() * WIDTH_SLACK, r.min[1] + INK[1] * em],
    }
}

/// Whether the text box `r` crosses the border of one of the outline `pieces`: it lies partly
/// inside a piece and partly outside it (a text wholly in or wholly out of every piece reads;
/// one cut by a dashed border does not).
pub fn crosses_outline<'a>(r: Rect, pieces: impl IntoIterator<Item = &'a Vec<P>>) -> bool {
    let box_ = corners(r);
    pieces
        .into_iter()
        .any(|p| convex_overlap(&box_, p) && !inside(&box_, p))
}

/// Whether every point of `pts` lies in the convex polygon `poly` (either orientation).
pub(super) fn inside(pts: &[P], poly: &[P]) -> bool {
    let n = poly.len();
    if n < 3 {
        return false;
    }
    pts.iter().all(|p| {
        let (mut pos, mut neg) = (false, false);
        for i in 0..n {
            let (a, b) = (poly[i], poly[(i + 1) % n]);
            let c = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
            pos |= c > 0.0;
            neg |= c < 0.0;
        }
        !(pos && neg)
    })
}
