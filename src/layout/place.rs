//! Where nodes start: their own position when they have one; near their placed neighbours when
//! they are new; by pivot MDS per connected part when nothing is placed, with the parts packed
//! side by side.

use super::graph::Neighbours;
use super::mds::pivot_mds;
use super::rng::{hash_direction, hash_f32};

const GOLDEN_ANGLE: f32 = 2.399_963;

/// What placement needs to know about the graph.
pub(crate) struct Placement<'a> {
    pub neighbours: &'a Neighbours,
    pub component: &'a [u32],
    pub components: usize,
    /// Half width and half height of each box, padding included.
    pub half: &'a [[f32; 2]],
    pub pinned: &'a [bool],
    /// Mean link length.
    pub link: f32,
    pub seed: u64,
}

/// Starting positions of all nodes (finite).
pub(crate) fn initial_positions(p: &Placement<'_>, initial: &[Option<[f32; 2]>]) -> Vec<[f32; 2]> {
    let n = p.neighbours.len();
    let mut pos = vec![[0.0f32; 2]; n];
    let mut placed = vec![false; n];
    for (i, q) in initial.iter().take(n).enumerate() {
        if let Some(q) = q
            && q[0].is_finite()
            && q[1].is_finite()
        {
            pos[i] = *q;
            placed[i] = true;
        }
    }
    let any_placed = placed.iter().any(|&b| b);
    if any_placed {
        place_near_neighbours(p, &mut pos, &mut placed);
    }
    // What is left are whole parts with nothing placed: lay each out, then pack them.
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); p.components];
    for i in 0..n {
        if !placed[i] {
            members[p.component[i] as usize].push(i as u32);
        }
    }
    let mut blocks: Vec<Block> = members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|nodes| {
            let local = part_layout(p, &nodes);
            Block::new(p, nodes, local)
        })
        .collect();
    if !blocks.is_empty() {
        let origin = if any_placed {
            // Below everything placed, from its left edge.
            let (min, max) = bounds(p, (0..n).filter(|&i| placed[i]), &pos);
            [min[0], max[1] + p.link]
        } else {
            [0.0, 0.0]
        };
        pack(&mut blocks, origin, !any_placed, p.link, &mut pos);
    }
    separate_coincident(p, &mut pos);
    pos
}

/// New nodes next to their placed neighbours, wave after wave outwards.
fn place_near_neighbours(p: &Placement<'_>, pos: &mut [[f32; 2]], placed: &mut [bool]) {
    let nb = p.neighbours;
    let mut queued = placed.to_vec();
    let mut wave: Vec<u32> = Vec::new();
    for (i, &is_placed) in placed.iter().enumerate() {
        if is_placed {
            for &j in nb.of(i) {
                if !queued[j as usize] {
                    queued[j as usize] = true;
                    wave.push(j);
                }
            }
        }
    }
    let mut next = Vec::new();
    while !wave.is_empty() {
        wave.sort_unstable();
        let spots: Vec<[f32; 2]> = wave
            .iter()
            .map(|&i| {
                let (mut sx, mut sy, mut count) = (0.0f32, 0.0f32, 0usize);
                for &j in nb.of(i as usize) {
                    if placed[j as usize] {
                        sx += pos[j as usize][0];
                        sy += pos[j as usize][1];
                        count += 1;
                    }
                }
                let c = count.max(1) as f32;
                let d = hash_direction(p.seed, u64::from(i));
                // Alone with one neighbour: a link away; between several: near their middle.
                let r = if count <= 1 { p.link } else { 0.5 * p.link };
                [sx / c + d[0] * r, sy / c + d[1] * r]
            })
            .collect();
        next.clear();
        for (&i, spot) in wave.iter().zip(spots) {
            pos[i as usize] = spot;
            placed[i as usize] = true;
            for &j in nb.of(i as usize) {
                if !queued[j as usize] {
                    queued[j as usize] = true;
                    next.push(j);
                }
            }
        }
        std::mem::swap(&mut wave, &mut next);
    }
}

/// A connected part laid out on its own, centred on its bounding box.
struct Block {
    nodes: Vec<u32>,
    local: Vec<[f32; 2]>,
    size: [f32; 2],
}

impl Block {
    fn new(p: &Placement<'_>, nodes: Vec<u32>, mut local: Vec<[f32; 2]>) -> Self {
        let (mut min, mut max) = ([f32::MAX; 2], [f32::MIN; 2]);
        for (q, &i) in local.iter().zip(&nodes) {
            let h = p.half[i as usize];
            for a in 0..2 {
                min[a] = min[a].min(q[a] - h[a]);
                max[a] = max[a].max(q[a] + h[a]);
            }
        }
        let centre = [(min[0] + max[0]) * 0.5, (min[1] + max[1]) * 0.5];
        for q in &mut local {
            q[0] -= centre[0];
            q[1] -= centre[1];
        }
        Block {
            nodes,
            local,
            size: [max[0] - min[0], max[1] - min[1]],
        }
    }
}

/// Shelf packing, largest part first, rows about as wide as the whole is tall.
fn pack(blocks: &mut [Block], origin: [f32; 2], centre: bool, gap: f32, pos: &mut [[f32; 2]]) {
    blocks.sort_by(|a, b| {
        (b.size[0] * b.size[1])
            .total_cmp(&(a.size[0] * a.size[1]))
            .then(a.nodes[0].cmp(&b.nodes[0]))
    });
    let area: f32 = blocks
        .iter()
        .map(|b| (b.size[0] + gap) * (b.size[1] + gap))
        .sum();
    let widest = blocks.iter().map(|b| b.size[0]).fold(0.0f32, f32::max);
    let row_width = (area.sqrt() * 1.2).max(widest);
    let (mut x, mut y, mut row_height) = (0.0f32, 0.0f32, 0.0f32);
    let mut corners = Vec::with_capacity(blocks.len());
    for b in blocks.iter() {
        if x > 0.0 && x + b.size[0] > row_width {
            x = 0.0;
            y += row_height + gap;
            row_height = 0.0;
        }
        corners.push([x, y]);
        x += b.size[0] + gap;
        row_height = row_height.max(b.size[1]);
    }
    let total = [
        corners
            .iter()
            .zip(blocks.iter())
            .map(|(c, b)| c[0] + b.size[0])
            .fold(0.0f32, f32::max),
        y + row_height,
    ];
    let shift = if centre {
        [origin[0] - total[0] * 0.5, origin[1] - total[1] * 0.5]
    } else {
        origin
    };
    for (b, c) in blocks.iter().zip(corners) {
        let mid = [
            shift[0] + c[0] + b.size[0] * 0.5,
            shift[1] + c[1] + b.size[1] * 0.5,
        ];
        for (&i, q) in b.nodes.iter().zip(&b.local) {
            pos[i as usize] = [mid[0] + q[0], mid[1] + q[1]];
        }
    }
}

/// Bounding box of the boxes of `nodes`.
fn bounds(
    p: &Placement<'_>,
    nodes: impl Iterator<Item = usize>,
    pos: &[[f32; 2]],
) -> ([f32; 2], [f32; 2]) {
    let (mut min, mut max) = ([f32::MAX; 2], [f32::MIN; 2]);
    for i in nodes {
        for a in 0..2 {
            min[a] = min[a].min(pos[i][a] - p.half[i][a]);
            max[a] = max[a].max(pos[i][a] + p.half[i][a]);
        }
    }
    (min, max)
}

/// Layout of one connected part (`nodes` ascending), in the order of `nodes`.
fn part_layout(p: &Placement<'_>, nodes: &[u32]) -> Vec<[f32; 2]> {
    let l = p.link;
    match nodes.len() {
        0 => Vec::new(),
        1 => vec![[0.0, 0.0]],
        2 => vec![[-0.5 * l, 0.0], [0.5 * l, 0.0]],
        _ => pivot_mds(p, nodes).unwrap_or_else(|| phyllotaxis(nodes.len(), l)),
    }
}

/// d3's initial arrangement: a sunflower spiral.
fn phyllotaxis(n: usize, link: f32) -> Vec<[f32; 2]> {
    (0..n)
        .map(|i| {
            let r = 0.5 * link * (0.5 + i as f32).sqrt();
            let a = i as f32 * GOLDEN_ANGLE;
            [r * a.cos(), r * a.sin()]
        })
        .collect()
}

/// Moves unpinned nodes that share a point onto a small spiral around it.
fn separate_coincident(p: &Placement<'_>, pos: &mut [[f32; 2]]) {
    let mut idx: Vec<u32> = (0..pos.len() as u32).collect();
    let key = |i: u32| {
        let q = pos[i as usize];
        // +0.0 for -0.0, so both zeros count as one point.
        ((q[0] + 0.0).to_bits(), (q[1] + 0.0).to_bits())
    };
    idx.sort_unstable_by_key(|&i| (key(i), !p.pinned[i as usize], i));
    let mut moves = Vec::new();
    for run in idx.chunk_by(|&a, &b| key(a) == key(b)) {
        if run.len() < 2 {
            continue;
        }
        let turn = hash_f32(p.seed, u64::from(run[0])) * std::f32::consts::TAU;
        let centre = pos[run[0] as usize];
        for (rank, &i) in run.iter().enumerate().skip(1) {
            if p.pinned[i as usize] {
                continue;
            }
            let r = 0.3 * p.link * (rank as f32).sqrt();
            let a = turn + rank as f32 * GOLDEN_ANGLE;
            moves.push((i, [centre[0] + r * a.cos(), centre[1] + r * a.sin()]));
        }
    }
    for (i, q) in moves {
        pos[i as usize] = q;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placement<'a>(
        nb: &'a Neighbours,
        comp: &'a (Vec<u32>, usize),
        half: &'a [[f32; 2]],
        pinned: &'a [bool],
    ) -> Placement<'a> {
        Placement {
            neighbours: nb,
            component: &comp.0,
            components: comp.1,
            half,
            pinned,
            link: 60.0,
            seed: 1,
        }
    }

    #[test]
    fn mds_of_a_grid_is_a_grid() {
        // 5×5 grid graph: MDS should put grid neighbours about one link apart.
        let mut edges = Vec::new();
        for r in 0..5u32 {
            for c in 0..5u32 {
                let i = r * 5 + c;
                if c < 4 {
                    edges.push((i, i + 1));
                }
                if r < 4 {
                    edges.push((i, i + 5));
                }
            }
        }
        let nb = Neighbours::new(25, &edges);
        let comp = nb.components();
        let half = vec![[10.0, 10.0]; 25];
        let pinned = vec![false; 25];
        let p = placement(&nb, &comp, &half, &pinned);
        let pos = initial_positions(&p, &[]);
        let d = |a: usize, b: usize| (pos[a][0] - pos[b][0]).hypot(pos[a][1] - pos[b][1]);
        for &(a, b) in &edges {
            let l = d(a as usize, b as usize);
            assert!((40.0..80.0).contains(&l), "edge {a}-{b} is {l} long");
        }
        // Opposite corners are far apart.
        assert!(d(0, 24) > 4.0 * 60.0);
    }

    #[test]
    fn new_nodes_go_next_to_their_neighbours() {
        let nb = Neighbours::new(4, &[(0, 1), (1, 2), (2, 3)]);
        let comp = nb.components();
        let half = vec![[10.0, 10.0]; 4];
        let pinned = vec![false; 4];
        let p = placement(&nb, &comp, &half, &pinned);
        let initial = [Some([100.0, 100.0]), None, None, Some([400.0, 100.0])];
        let pos = initial_positions(&p, &initial);
        assert_eq!(pos[0], [100.0, 100.0]);
        assert_eq!(pos[3], [400.0, 100.0]);
        for q in &pos[1..3] {
            let near = (q[0] - 100.0).hypot(q[1] - 100.0) < 70.0
                || (q[0] - 400.0).hypot(q[1] - 100.0) < 70.0;
            assert!(near, "{q:?}");
        }
    }

    #[test]
    fn parts_without_positions_go_below_the_placed_ones() {
        let nb = Neighbours::new(4, &[(0, 1), (2, 3)]);
        let comp = nb.components();
        let half = vec![[10.0, 10.0]; 4];
        let pinned = vec![false; 4];
        let p = placement(&nb, &comp, &half, &pinned);
        let pos = initial_positions(&p, &[Some([0.0, 0.0]), Some([50.0, 0.0])]);
        assert!(pos[2][1] > 10.0 && pos[3][1] > 10.0, "{pos:?}");
    }

    #[test]
    fn coincident_points_are_spread_but_pins_stay() {
        let nb = Neighbours::new(4, &[]);
        let comp = nb.components();
        let half = vec![[10.0, 10.0]; 4];
        let pinned = vec![false, false, true, false];
        let p = placement(&nb, &comp, &half, &pinned);
        let at = Some([7.0, 7.0]);
        let pos = initial_positions(&p, &[at, at, at, at]);
        assert_eq!(pos[2], [7.0, 7.0]);
        for i in 0..4 {
            for j in 0..i {
                assert_ne!(pos[i], pos[j]);
            }
        }
    }
}
