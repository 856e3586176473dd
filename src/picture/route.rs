//! Lines around boxes: a dependency whose straight (or fanned) path would pass through the box
//! of a system that is not one of its ends reads as a dependency that does not exist (a
//! database that seems to call a service). Such a line is bowed sideways, by the smallest bow
//! on either side that clears every other box; the layout is left as it is.

use std::collections::HashMap;

use super::geometry::{P, Rect, add, len, mul, sub};
use super::path::{DependencyPath, LANE};
use crate::layout::tidy::segment_hits;

/// A line counts as passing through a box when it comes closer than this to it.
const MARGIN: f32 = 2.0;
/// A segment is looked at in pieces at most this many grid cells long…
const PIECE_CELLS: f32 = 8.0;
/// …and in at most this many pieces.
const MAX_PIECES: f32 = 4096.0;
/// Bows tried, in steps of one lane, on either side.
const MAX_STEPS: usize = 40;
/// A bow's middle is at most this share of its line's length from the straight line…
const BOW_SHARE: f32 = 0.3;
/// …or this many lanes, whichever is more, and never more than the most.
const LEAST_BOW_LANES: f32 = 2.0;
const MOST_BOW_LANES: f32 = 6.0;
/// Segments a bowed path is checked as.
const STEPS: usize = 12;
/// Maps with more lines than this are drawn without detours (a line through a box there is
/// not what stops the map from being read).
pub const MAX_LINES: usize = 4000;
/// Bowed paths tried per map at most: the search stops there and the lines not reached keep
/// their own lane, so a crowded map costs a bounded time (about 10 ms) to route.
const MAX_TRIES: usize = 6000;

mod maze;

/// Boxes by the cells of a grid they cover, to find those near a segment quickly.
pub(super) struct Grid<'a> {
    rects: &'a [Rect],
    cell: f32,
    /// A line closer than this to a box passes through it.
    margin: f32,
    cells: HashMap<(i32, i32), Vec<u32>>,
}

impl<'a> Grid<'a> {
    fn new(rects: &'a [Rect]) -> Self {
        Self::with_margin(rects, MARGIN)
    }

    fn with_margin(rects: &'a [Rect], margin: f32) -> Self {
        let mut widths: Vec<f32> = rects
            .iter()
            .map(Rect::width)
            .filter(|w| w.is_finite())
            .collect();
        widths.sort_by(f32::total_cmp);
        let cell = widths
            .get(widths.len() / 2)
            .copied()
            .unwrap_or(100.0)
            .max(20.0)
            * 2.0;
        let mut grid = Grid {
            rects,
            cell,
            margin,
            cells: HashMap::new(),
        };
        for (i, r) in rects.iter().enumerate() {
            for key in grid.keys(&r.expand(margin)) {
                grid.cells.entry(key).or_default().push(i as u32);
            }
        }
        grid
    }

    fn keys(&self, r: &Rect) -> Vec<(i32, i32)> {
        let k = |v: f32| (v / self.cell).floor().clamp(-1.0e6, 1.0e6) as i32;
        let (x0, x1, y0, y1) = (k(r.min[0]), k(r.max[0]), k(r.min[1]), k(r.max[1]));
        if x0 > x1 || y0 > y1 || (x1 - x0 + 1) * (y1 - y0 + 1) > 4096 {
            return Vec::new();
        }
        (x0..=x1)
            .flat_map(|x| (y0..=y1).map(move |y| (x, y)))
            .collect()
    }

    /// How many boxes other than `ends` the path passes through.
    fn hits(&self, path: &DependencyPath, ends: [usize; 2], seen: &mut Vec<u32>) -> usize {
        seen.clear();
        let pts = path.curve(if path.ctrl.is_some() || !path.via.is_empty() {
            STEPS
        } else {
            1
        });
        for w in pts.windows(2) {
            self.add_hits(w[0], w[1], ends, seen);
        }
        seen.len()
    }

    /// How many boxes other than `ends` the segment `a`–`b` passes through.
    fn segment_hits(&self, a: P, b: P, ends: [usize; 2], seen: &mut Vec<u32>) -> usize {
        seen.clear();
        self.add_hits(a, b, ends, seen);
        seen.len()
    }

    /// Adds to `seen` the boxes other than `ends` the segment `a`–`b` passes through. A long
    /// segment is looked at in pieces a few cells long, so the cells around it are few.
    fn add_hits(&self, a: P, b: P, ends: [usize; 2], seen: &mut Vec<u32>) {
        let pieces = (len(sub(b, a)) / (self.cell * PIECE_CELLS)).ceil();
        if pieces > 1.0 && pieces.is_finite() {
            let n = pieces.min(MAX_PIECES) as usize;
            for k in 0..n {
                let at = |t: f32| add(a, mul(sub(b, a), t));
                self.add_piece(
                    at(k as f32 / n as f32),
                    at((k + 1) as f32 / n as f32),
                    ends,
                    seen,
                );
            }
        } else {
            self.add_piece(a, b, ends, seen);
        }
    }

    fn add_piece(&self, a: P, b: P, ends: [usize; 2], seen: &mut Vec<u32>) {
        let bbox = Rect { min: a, max: a }.include(b);
        for key in self.keys(&bbox) {
            let Some(list) = self.cells.get(&key) else {
                continue;
            };
            for &k in list {
                if ends.contains(&(k as usize)) || seen.contains(&k) {
                    continue;
                }
                let r = self.rects[k as usize].expand(self.margin);
                if segment_hits(a, b, &[r.min[0], r.min[1], r.max[0], r.max[1]]) {
                    seen.push(k);
                }
            }
        }
    }
}

/// Whether lines between `rects` are led around boxes at all: not on a map with more lines
/// than [`MAX_LINES`], with fewer than three boxes, or with no lane width.
fn worth_routing(rects: &[Rect], lines: &[(usize, usize, f32)], unit: f32) -> bool {
    lines.len() <= MAX_LINES && rects.len() >= 3 && unit.is_finite() && unit > 0.0
}

/// For each line `(from, to, lane)` between boxes `rects` (lanes as `DependencyPath::new` takes
/// them, at `unit` per lane unit), the lane to draw it on: its own when that passes through no
/// other box, else the nearest lane on either side that does (or that passes through fewest).
pub fn detour_lanes(
    rects: &[Rect],
    lines: &[(usize, usize, f32)],
    unit: f32,
    arrow: f32,
) -> Vec<f32> {
    let mut out: Vec<f32> = lines.iter().map(|l| l.2).collect();
    if !worth_routing(rects, lines, unit) {
        return out;
    }
    let grid = Grid::new(rects);
    let mut seen = Vec::new();
    let mut tries = 0;
    for (k, &(a, b, lane)) in lines.iter().enumerate() {
        if tries >= MAX_TRIES {
            break;
        }
        let (Some(ra), Some(rb)) = (rects.get(a), rects.get(b)) else {
            continue;
        };
        let ends = [a, b];
        let Some(path) = DependencyPath::new(*ra, *rb, lane, unit, arrow) else {
            continue;
        };
        let mut fewest = grid.hits(&path, ends, &mut seen);
        if fewest == 0 {
            continue;
        }
        // A bow much wider than the line is long reads as a line to somewhere else: such lines
        // are routed with bends instead (`detours`).
        let most = (BOW_SHARE * len(sub(rb.center(), ra.center())) / (LANE * unit))
            .clamp(LEAST_BOW_LANES, MOST_BOW_LANES)
            .max(lane.abs());
        'search: for step in 1..=MAX_STEPS {
            for side in [1.0, -1.0] {
                let tried = lane + side * step as f32;
                if tried.abs() > most {
                    continue;
                }
                tries += 1;
                let Some(p) = DependencyPath::new(*ra, *rb, tried, unit, arrow) else {
                    continue;
                };
                let hits = grid.hits(&p, ends, &mut seen);
                if hits < fewest {
                    fewest = hits;
                    out[k] = tried;
                    if hits == 0 {
                        break 'search;
                    }
                }
            }
        }
    }
    out
}

/// Room kept between a routed line and the boxes it passes, per unit.
const ROOM: f32 = 6.0;
/// Lines routed with bends per map at most.
const MAX_ROUTED: usize = 2000;

/// How a line is drawn: on a lane (0 its own; others bow it around boxes), or through bends.
#[derive(Debug, Clone, PartialEq)]
pub struct Detour {
    pub lane: f32,
    /// Bends, start to tip, of a line routed around boxes a bow cannot clear (else empty).
    pub via: Vec<P>,
}

/// For each line `(from, to, lane)` between boxes `rects`: the lane [`detour_lanes`] gives it,
/// and, where that still passes through a box, bends that lead it around every box (the
/// shortest such route that keeps clear of boxes, pulled taut). Lines no route clears keep
/// their lane.
pub fn detours(
    rects: &[Rect],
    lines: &[(usize, usize, f32)],
    unit: f32,
    arrow: f32,
) -> Vec<Detour> {
    let lanes = detour_lanes(rects, lines, unit, arrow);
    let mut out: Vec<Detour> = lanes
        .iter()
        .map(|&lane| Detour {
            lane,
            via: Vec::new(),
        })
        .collect();
    if !worth_routing(rects, lines, unit) {
        return out;
    }
    let grid = Grid::new(rects);
    let mut seen = Vec::new();
    let blocked: Vec<usize> = lines
        .iter()
        .zip(&lanes)
        .enumerate()
        .filter(|(_, (line, lane))| {
            let (a, b, lane) = (line.0, line.1, **lane);
            let (Some(ra), Some(rb)) = (rects.get(a), rects.get(b)) else {
                return false;
            };
            DependencyPath::new(*ra, *rb, lane, unit, arrow)
                .is_some_and(|p| grid.hits(&p, [a, b], &mut seen) > 0)
        })
        .map(|(k, _)| k)
        .take(MAX_ROUTED)
        .collect();
    if blocked.is_empty() {
        return out;
    }
    let room = ROOM * unit;
    let Some(mut maze) = maze::Maze::new(rects, room) else {
        return out;
    };
    let clear = Grid::with_margin(rects, room * 0.5);
    for k in blocked {
        let (a, b, _) = lines[k];
        let (ra, rb) = (rects[a], rects[b]);
        let Some(chain) = maze.search(ra.center(), rb.center(), [a, b]) else {
            continue;
        };
        let via = maze::pull(&chain, &clear, [a, b]);
        if via.is_empty() {
            continue;
        }
        let Some(path) = DependencyPath::routed(ra, rb, 0.0, &via, unit, arrow) else {
            continue;
        };
        // The path as drawn: its rounded corners cut inside the bends.
        if grid.hits(&path, [a, b], &mut seen) == 0 {
            out[k] = Detour { lane: 0.0, via };
        }
    }
    out
}

/// How many times drawn `paths` (each with the indices of its two end boxes) pass through a
/// box of `rects` that is not one of their ends: what a reader would take for a dependency
/// that does not exist.
pub fn crossings(rects: &[Rect], paths: &[(&DependencyPath, [usize; 2])]) -> usize {
    let grid = Grid::new(rects);
    let mut seen = Vec::new();
    paths
        .iter()
        .map(|(path, ends)| grid.hits(path, *ends, &mut seen))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(x: f32, y: f32) -> Rect {
        Rect::from_center_size([x, y], [100.0, 36.0])
    }

    /// A long line blocked by a tall box is routed round it with bends, not bowed by as many
    /// lanes as it takes: a bow that wide reads as a line to somewhere else and, on a packed
    /// slide, bulged past the map's edge (the 39-system estate in layers grew to 1.1 slides).
    #[test]
    fn a_long_line_blocked_by_a_tall_box_is_not_bowed_far() {
        let rects = [
            boxed(0.0, 0.0),
            boxed(1000.0, 0.0),
            Rect::from_center_size([500.0, 0.0], [100.0, 220.0]),
        ];
        let routed = detours(&rects, &[(0, 1, 0.0)], 1.0, 11.0);
        let d = &routed[0];
        assert!(d.lane.abs() <= MOST_BOW_LANES, "{d:?}");
        assert!(!d.via.is_empty(), "{d:?}");
        let path = DependencyPath::routed(rects[0], rects[1], d.lane, &d.via, 1.0, 11.0).unwrap();
        assert_eq!(Grid::new(&rects).hits(&path, [0, 1], &mut Vec::new()), 0);
    }

    #[test]
    fn a_line_through_a_third_box_bows_around_it_and_others_stay_straight() {
        let rects = [
            boxed(0.0, 0.0),
            boxed(400.0, 0.0),
            boxed(200.0, 0.0),
            boxed(200.0, 200.0),
        ];
        let lanes = detour_lanes(&rects, &[(0, 1, 0.0), (0, 3, 0.0)], 1.0, 11.0);
        assert_ne!(lanes[0], 0.0, "the line 0 → 1 passes through box 2");
        assert_eq!(lanes[1], 0.0, "the line 0 → 3 passes through nothing");
        let grid = Grid::new(&rects);
        let path = DependencyPath::new(rects[0], rects[1], lanes[0], 1.0, 11.0).unwrap();
        assert_eq!(grid.hits(&path, [0, 1], &mut Vec::new()), 0);
        // The smallest bow that clears the box: one lane less does not.
        let less = lanes[0] - lanes[0].signum();
        let path = DependencyPath::new(rects[0], rects[1], less, 1.0, 11.0).unwrap();
        assert!(grid.hits(&path, [0, 1], &mut Vec::new()) > 0);
    }

    #[test]
    fn a_line_between_two_boxes_side_by_side_is_left_alone() {
        let rects = [boxed(0.0, 0.0), boxed(150.0, 0.0), boxed(0.0, 300.0)];
        assert_eq!(detour_lanes(&rects, &[(0, 1, 1.0)], 1.0, 11.0), vec![1.0]);
    }

    /// A wall of boxes between caller and callee, too long for any bow: the line is led
    /// around its end with bends and passes through none of them.
    #[test]
    fn a_line_walled_off_by_boxes_is_led_around_the_wall() {
        let mut rects = vec![boxed(0.0, 0.0), boxed(600.0, 0.0)];
        for k in -16..=16 {
            rects.push(boxed(300.0, k as f32 * 40.0));
        }
        let lines = [(0, 1, 0.0)];
        let lanes = detour_lanes(&rects, &lines, 1.0, 11.0);
        let grid = Grid::new(&rects);
        let bowed = DependencyPath::new(rects[0], rects[1], lanes[0], 1.0, 11.0).unwrap();
        assert!(
            grid.hits(&bowed, [0, 1], &mut Vec::new()) > 0,
            "no bow clears it"
        );
        let routed = detours(&rects, &lines, 1.0, 11.0);
        assert!(!routed[0].via.is_empty());
        let path =
            DependencyPath::routed(rects[0], rects[1], 0.0, &routed[0].via, 1.0, 11.0).unwrap();
        assert_eq!(grid.hits(&path, [0, 1], &mut Vec::new()), 0, "{path:?}");
        // Around the wall's end and back: a few bends, not a staircase.
        assert!(routed[0].via.len() <= 4, "{:?}", routed[0].via);
        let top = routed[0].via.iter().map(|p| p[1].abs()).fold(0.0, f32::max);
        assert!(top > 16.0 * 40.0 + 18.0, "goes past the wall's end: {top}");
    }

    /// A crowded map where no route exists (the callee boxed in on every side) keeps its lane
    /// and does not hang.
    #[test]
    fn a_boxed_in_callee_keeps_its_lane() {
        let mut rects = vec![boxed(0.0, 0.0), boxed(600.0, 0.0)];
        for dx in [-1.0f32, 0.0, 1.0] {
            for dy in [-1.0f32, 0.0, 1.0] {
                if dx != 0.0 || dy != 0.0 {
                    rects.push(boxed(600.0 + dx * 104.0, dy * 40.0));
                }
            }
        }
        let routed = detours(&rects, &[(0, 1, 0.0)], 1.0, 11.0);
        assert!(routed[0].via.is_empty());
    }

    /// A line across a map many grid cells wide still counts the box it passes through (the
    /// cells around its whole length were too many to look at, so it counted none).
    #[test]
    fn a_long_line_across_a_wide_map_still_hits_the_box_on_its_way() {
        let rects = [
            boxed(0.0, 0.0),
            boxed(50_000.0, 30_000.0),
            boxed(25_000.0, 15_000.0),
        ];
        let path = DependencyPath::new(rects[0], rects[1], 0.0, 1.0, 11.0).unwrap();
        assert_eq!(crossings(&rects, &[(&path, [0, 1])]), 1);
    }
}
