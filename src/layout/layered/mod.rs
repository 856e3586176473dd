//! The layered layout: callers above callees, like Graphviz `dot` (Sugiyama's method).
//!
//! Each connected part is laid out on its own, then the parts are packed in shelves towards a
//! 16:9 picture, largest first:
//!
//! 1. [rows](rank): cycles broken, longest-path rows, sources pulled down to their callees,
//!    rows wider than a slide split (narrower still where the part would be much wider than
//!    a slide: the width whose picture is largest on a slide is kept);
//! 2. [order](order): long edges split by dummies, barycenter sweeps and swaps against
//!    crossings;
//! 3. [coordinates](place): each row's order and box widths kept, boxes pulled over their
//!    neighbours, long lines kept between the boxes of the rows they cross;
//! 4. the force layout's final pass ([`tidy`](super::tidy)) for what is left: boxes on lines
//!    of dependencies within a row, or near pinned systems.
//!
//! Which dependencies point down ([`downward_edges`]): sync calls, data access (the service
//! above its store), batch transfers (the receiver above its source, as the dependency reads
//! "from needs to"), and async messages along the flow, producer above broker above consumer;
//! then startup order (`depends_on`), the dependant above what it needs, where one of its ends
//! has no row decided by those and it goes against none of them (a map imported from a compose
//! file has nothing else). Timing,
//! business process and human workflow say nothing about who calls whom: they decide no row,
//! only keep their ends near each other (a system joined by nothing else goes one row below
//! its neighbour).
//!
//! Pinned systems never move; the rest is placed so that the pinned systems' places in the
//! layered picture are, on average, where they are pinned. Without pins, the picture is centred
//! where the map was. Groups are not gathered (the rows decide). Deterministic, no randomness;
//! fast for a few hundred systems (crossing counts grow with edges × rows).

mod order;
mod place;
mod rank;

use std::collections::{BTreeSet, HashMap};

use super::LayoutGraph;
use super::graph::Neighbours;
use super::tidy::{BOX_GAP, LINE_MARGIN, Tidy, tidy};
use crate::model::{AsyncRole, DependencyType, Workspace};

/// What one overlap of two boxes counts in [`conflicts`].
const OVERLAP_WEIGHT: usize = 1000;
/// Gap between packed parts, in canvas units.
const PART_GAP: f32 = 56.0;
/// Rows wider than this (boxes and gaps, canvas units) are split: about a 1920-pixel slide at
/// the canvas's own scale, so names stay near their canvas size.
const ROW_MAX_WIDTH: f32 = 1800.0;
/// Width over height the packing aims for (a slide).
const ASPECT: f32 = 16.0 / 9.0;
/// A part wider than this many slides' shapes (and than this many times [`ROW_MAX_WIDTH`])
/// tries narrower rows ([`NARROWER_ROWS`]).
const FLAT: f32 = 1.25;
/// How many times the lines through boxes (and overlaps) of a flat part's rows its narrower
/// rows may draw (plus two): the picture routes lines round boxes, at the price of bends.
const MORE_CONFLICTS: f32 = 1.5;
/// The narrower row widths a flat part tries, as shares of [`ROW_MAX_WIDTH`].
const NARROWER_ROWS: [f32; 4] = [0.75, 0.55, 0.4, 0.3];

/// The dependencies of `ws` that must point down, as (upper, lower) indices into `ids`.
pub fn downward_edges(ws: &Workspace, ids: &[String]) -> Vec<(u32, u32)> {
    let index: HashMap<&str, u32> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i as u32))
        .collect();
    let mut startup = Vec::new();
    let mut down: Vec<(u32, u32)> = ws
        .dependencies
        .values()
        .filter_map(|d| {
            let (from, to) = (*index.get(d.from.as_str())?, *index.get(d.to.as_str())?);
            match d.kind {
                DependencyType::Sync | DependencyType::Data | DependencyType::Batch => {
                    Some((from, to))
                }
                DependencyType::Async => match d.async_role() {
                    Some(AsyncRole::Consumes) => Some((to, from)),
                    _ => Some((from, to)),
                },
                DependencyType::StartupOrder => {
                    startup.push((from, to));
                    None
                }
                DependencyType::BusinessProcess
                | DependencyType::HumanWorkflow
                | DependencyType::Timing => None,
            }
        })
        .collect();
    // Startup order (`depends_on`: the dependant above what it needs) at a system whose row
    // none of the above decides, where it goes against none of them: a map imported from a
    // compose file has nothing else.
    let mut below: Vec<Vec<u32>> = vec![Vec::new(); ids.len()];
    let mut decided = vec![false; ids.len()];
    for &(a, b) in &down {
        below[a as usize].push(b);
        decided[a as usize] = true;
        decided[b as usize] = true;
    }
    let mut budget = STARTUP_BUDGET;
    let mut seen = vec![u32::MAX; ids.len()];
    for (k, &(a, b)) in startup.iter().enumerate() {
        if a == b || (decided[a as usize] && decided[b as usize]) || below[a as usize].contains(&b)
        {
            continue;
        }
        // Whether `a` is below `b` already (then `a` above `b` would close a cycle).
        let mut stack = vec![b];
        let mut cycle = false;
        seen[b as usize] = k as u32;
        while let Some(v) = stack.pop() {
            if v == a || budget == 0 {
                cycle = true;
                break;
            }
            for &w in &below[v as usize] {
                budget -= 1;
                if seen[w as usize] != k as u32 {
                    seen[w as usize] = k as u32;
                    stack.push(w);
                }
            }
        }
        if !cycle {
            below[a as usize].push(b);
            down.push((a, b));
        }
    }
    down
}

/// How many steps [`downward_edges`] takes at most looking for cycles that startup order would
/// close; past it the rest of startup order decides no row (a map of thousands of them).
const STARTUP_BUDGET: usize = 2_000_000;

/// The layered positions of the systems of `ws`, in id order (the ids are returned too).
pub fn layered_workspace(ws: &Workspace) -> (Vec<String>, Vec<[f32; 2]>) {
    let (graph, ids, initial) = super::from_workspace(ws);
    let down = downward_edges(ws, &ids);
    let pos = layered(&graph, &down, &initial);
    (ids, pos)
}

/// Centres of the boxes of `graph` laid out in rows; `down` are the edges that point down
/// (upper, lower), the rest of `graph.edges` decide no row; `initial` the positions the nodes
/// have now (pinned nodes keep theirs).
pub fn layered(
    graph: &LayoutGraph,
    down: &[(u32, u32)],
    initial: &[Option<[f32; 2]>],
) -> Vec<[f32; 2]> {
    let n = graph.len();
    let ok = |&&(a, b): &&(u32, u32)| a != b && (a as usize) < n && (b as usize) < n;
    let down: Vec<(u32, u32)> = down.iter().filter(ok).copied().collect();
    let downward: BTreeSet<(u32, u32)> = down.iter().flat_map(|&(a, b)| [(a, b), (b, a)]).collect();
    let other: Vec<(u32, u32)> = graph
        .edges
        .iter()
        .filter(ok)
        .filter(|e| !downward.contains(e))
        .copied()
        .collect();
    let half: Vec<[f32; 2]> = (0..n)
        .map(|i| {
            let s = graph.drawn_size(i);
            [s[0] * 0.5, s[1] * 0.5]
        })
        .collect();
    let all: Vec<(u32, u32)> = down.iter().chain(&other).copied().collect();
    let neighbours = Neighbours::new(n, &all);
    let (component, parts) = neighbours.components();

    let mut members: Vec<Vec<u32>> = vec![Vec::new(); parts];
    for (v, &c) in component.iter().enumerate() {
        members[c as usize].push(v as u32);
    }
    let mut local = vec![0u32; n];
    for m in &members {
        for (i, &v) in m.iter().enumerate() {
            local[v as usize] = i as u32;
        }
    }
    let mut part_down = vec![Vec::new(); parts];
    for &(a, b) in &down {
        part_down[component[a as usize] as usize].push((local[a as usize], local[b as usize]));
    }
    let mut part_other = vec![Vec::new(); parts];
    for &(a, b) in &other {
        part_other[component[a as usize] as usize].push((local[a as usize], local[b as usize]));
    }
    let laid: Vec<Part> = (0..parts)
        .map(|c| {
            let half_c: Vec<[f32; 2]> = members[c].iter().map(|&v| half[v as usize]).collect();
            Part::new(&members[c], &half_c, &part_down[c], &part_other[c])
        })
        .collect();

    let mut pos = vec![[0.0f32; 2]; n];
    pack(&laid, &mut pos);
    let pinned: Vec<bool> = (0..n)
        .map(|i| graph.pinned.get(i).copied().unwrap_or(false))
        .collect();
    fit_to(&mut pos, &half, &pinned, initial);

    // The final pass only where something is left to mend, and kept only when it mends
    // without turning a call upwards: it does not know about rows.
    let left = conflicts(&pos, &half, &all);
    if left > 0 {
        let row_step = half.iter().map(|h| h[1] * 2.0).fold(0.0f32, f32::max) + place::ROW_GAP;
        let mut tidied = pos.clone();
        tidy(&mut Tidy {
            pos: &mut tidied,
            half: &half,
            neighbours: &neighbours,
            pinned: &pinned,
            group: &[],
            link: row_step.max(1.0),
            within: None,
            newcomers: &[],
            fresh: false,
        });
        keep_calls_down(&pos, &mut tidied, &down);
        if conflicts(&tidied, &half, &all) < left {
            pos = tidied;
        }
    }
    pos
}

/// Puts back below its callers each system the final pass moved above one of them (or level
/// with it): `tidied` keeps its sideways moves, and its heights where they keep every call of
/// `laid` that pointed down pointing down.
fn keep_calls_down(laid: &[[f32; 2]], tidied: &mut [[f32; 2]], down: &[(u32, u32)]) {
    let n = laid.len();
    let mut callers = vec![Vec::new(); n];
    for &(a, b) in down {
        let (a, b) = (a as usize, b as usize);
        if laid[b][1] > laid[a][1] {
            callers[b].push(a);
        }
    }
    // Top to bottom as laid out: every caller comes before its callees.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &k| laid[i][1].total_cmp(&laid[k][1]).then(i.cmp(&k)));
    for v in order {
        let least = callers[v]
            .iter()
            .map(|&u| tidied[u][1] + 1.0)
            .fold(f32::NEG_INFINITY, f32::max);
        if tidied[v][1] < least {
            tidied[v][1] = least;
        }
    }
}

/// Lines through boxes of systems that are not their ends, and overlapping boxes (each worth
/// [`OVERLAP_WEIGHT`] lines: no overlap is traded for fewer lines), counted as the final pass
/// counts them.
pub(crate) fn conflicts(pos: &[[f32; 2]], half: &[[f32; 2]], edges: &[(u32, u32)]) -> usize {
    let boxed = |k: usize, grow: f32| {
        [
            pos[k][0] - half[k][0] - grow,
            pos[k][1] - half[k][1] - grow,
            pos[k][0] + half[k][0] + grow,
            pos[k][1] + half[k][1] + grow,
        ]
    };
    let n = pos.len();
    let mut count = crate::layout::boxes::lines_through(pos, half, edges, LINE_MARGIN);
    for i in 0..n {
        let r = boxed(i, BOX_GAP * 0.5);
        count += (i + 1..n)
            .filter(|&k| {
                let q = boxed(k, BOX_GAP * 0.5);
                r[0] < q[2] && q[0] < r[2] && r[1] < q[3] && q[1] < r[3]
            })
            .count()
            * OVERLAP_WEIGHT;
    }
    count
}

/// One connected part laid out, its top left corner at the origin.
struct Part {
    nodes: Vec<u32>,
    /// Centres, in the order of `nodes`.
    pos: Vec<[f32; 2]>,
    size: [f32; 2],
}

impl Part {
    /// The part laid out in rows, its rows split where they are wider than [`ROW_MAX_WIDTH`].
    /// A part still much wider than a slide (and than a slide's width at the canvas's scale)
    /// tries narrower rows, and keeps the one whose picture is largest on a 16:9 frame (at fit,
    /// a flat part draws its boxes too small for their names), as long as it does not draw
    /// many more lines through boxes ([`MORE_CONFLICTS`]).
    fn new(nodes: &[u32], half: &[[f32; 2]], down: &[(u32, u32)], other: &[(u32, u32)]) -> Self {
        // What every row width shares: the rows before splitting, the calls upright.
        let (layer, reversed) = rank::layers(nodes.len(), down, other);
        let upright: Vec<(u32, u32)> = down
            .iter()
            .zip(&reversed)
            .map(|(&(a, b), &r)| if r { (b, a) } else { (a, b) })
            .collect();
        let edges: Vec<(u32, u32)> = down.iter().chain(other).copied().collect();
        let in_rows =
            |max_width: f32| Part::in_rows(nodes, half, &layer, &upright, &edges, max_width);
        let scale = |p: &Part| (ASPECT / p.size[0].max(1.0)).min(1.0 / p.size[1].max(1.0));
        let left = |p: &Part| conflicts(&p.pos, half, &edges);
        let mut best = in_rows(ROW_MAX_WIDTH);
        let flat =
            |p: &Part| p.size[0] > p.size[1] * ASPECT * FLAT && p.size[0] > ROW_MAX_WIDTH * FLAT;
        if !flat(&best) {
            return best;
        }
        let most = (left(&best) as f32 * MORE_CONFLICTS) as usize + 2;
        for share in NARROWER_ROWS {
            let next = in_rows(ROW_MAX_WIDTH * share);
            if scale(&next) > scale(&best) && left(&next) <= most {
                best = next;
            }
        }
        best
    }

    /// The part with `layer`'s rows split where wider than `max_width`; `upright` are the
    /// downward edges as they point after breaking cycles, `edges` all of them.
    fn in_rows(
        nodes: &[u32],
        half: &[[f32; 2]],
        layer: &[u32],
        upright: &[(u32, u32)],
        edges: &[(u32, u32)],
        max_width: f32,
    ) -> Self {
        let mut layer = layer.to_vec();
        let widths: Vec<f32> = half.iter().map(|h| 2.0 * h[0]).collect();
        rank::split_wide_rows(&mut layer, &widths, place::BOX_GAP_X, max_width, upright);
        let mut rows = order::Layering::new(&layer, edges);
        rows.reduce_crossings();
        let mut pos = place::coordinates(&rows, half);
        pos.truncate(nodes.len());
        let (mut lo, mut hi) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
        for (p, h) in pos.iter().zip(half) {
            for k in 0..2 {
                lo[k] = lo[k].min(p[k] - h[k]);
                hi[k] = hi[k].max(p[k] + h[k]);
            }
        }
        if pos.is_empty() {
            (lo, hi) = ([0.0; 2], [0.0; 2]);
        }
        for p in &mut pos {
            *p = [p[0] - lo[0], p[1] - lo[1]];
        }
        Part {
            nodes: nodes.to_vec(),
            pos,
            size: [hi[0] - lo[0], hi[1] - lo[1]],
        }
    }
}

/// Packs the parts in shelves, largest first, towards a 16:9 picture.
fn pack(parts: &[Part], pos: &mut [[f32; 2]]) {
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |p: &Part| p.size[0] * p.size[1];
        key(&parts[b]).total_cmp(&key(&parts[a])).then(a.cmp(&b))
    });
    let area: f32 = parts
        .iter()
        .map(|p| (p.size[0] + PART_GAP) * (p.size[1] + PART_GAP))
        .sum();
    let widest = parts.iter().map(|p| p.size[0]).fold(0.0f32, f32::max);
    let width = widest.max((area * ASPECT).sqrt());
    let (mut x, mut y, mut shelf) = (0.0f32, 0.0f32, 0.0f32);
    for i in order {
        let p = &parts[i];
        if x > 0.0 && x + p.size[0] > width {
            x = 0.0;
            y += shelf + PART_GAP;
            shelf = 0.0;
        }
        for (&v, q) in p.nodes.iter().zip(&p.pos) {
            pos[v as usize] = [x + q[0], y + q[1]];
        }
        x += p.size[0] + PART_GAP;
        shelf = shelf.max(p.size[1]);
    }
}

/// Moves the picture to where the map is: pinned systems back to their places (the rest by
/// their mean shift), else the picture's centre to the centre of the placed systems (or the
/// origin).
fn fit_to(pos: &mut [[f32; 2]], half: &[[f32; 2]], pinned: &[bool], initial: &[Option<[f32; 2]>]) {
    let placed = |i: usize| {
        initial
            .get(i)
            .copied()
            .flatten()
            .filter(|p| p[0].is_finite() && p[1].is_finite())
    };
    let pins: Vec<(usize, [f32; 2])> = (0..pos.len())
        .filter(|&i| pinned[i])
        .filter_map(|i| Some((i, placed(i)?)))
        .collect();
    let shift = if pins.is_empty() {
        let centre = |points: &mut dyn Iterator<Item = ([f32; 2], [f32; 2])>| {
            let (mut lo, mut hi) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
            for (p, h) in points {
                for k in 0..2 {
                    lo[k] = lo[k].min(p[k] - h[k]);
                    hi[k] = hi[k].max(p[k] + h[k]);
                }
            }
            (lo[0] <= hi[0]).then(|| [(lo[0] + hi[0]) * 0.5, (lo[1] + hi[1]) * 0.5])
        };
        let now = centre(&mut pos.iter().copied().zip(half.iter().copied())).unwrap_or([0.0; 2]);
        let was = centre(&mut (0..pos.len()).filter_map(|i| Some((placed(i)?, half[i]))))
            .unwrap_or([0.0; 2]);
        [was[0] - now[0], was[1] - now[1]]
    } else {
        let k = pins.len() as f32;
        let sum = pins.iter().fold([0.0f32; 2], |s, &(i, p)| {
            [s[0] + p[0] - pos[i][0], s[1] + p[1] - pos[i][1]]
        });
        [sum[0] / k, sum[1] / k]
    };
    for p in pos.iter_mut() {
        *p = [p[0] + shift[0], p[1] + shift[1]];
    }
    for (i, p) in pins {
        pos[i] = p;
    }
}
