//! Pivot MDS (Brandes & Pich 2007): the starting layout of a connected part when nothing in it
//! has a position yet. Its distances follow the hop distances, which is a far better start for
//! the forces than a spiral.

use rayon::prelude::*;

use super::place::Placement;
use super::rng::hash_f32;

/// Pivots of the MDS (more: closer to classical MDS, slower).
const PIVOTS: usize = 50;
/// Power iterations for the MDS eigenvectors.
const POWER_ITERATIONS: usize = 200;
/// An MDS layout is spread until its bounding box is at least this many times the area of its
/// boxes.
const ROOM_PER_NODE: f64 = 2.0;

/// Pivot MDS (Brandes & Pich): hop distances to a few far-apart pivots, double-centred, projected
/// on their two main axes; scaled so the mean edge is one link long. `None` if degenerate.
pub(crate) fn pivot_mds(p: &Placement<'_>, nodes: &[u32]) -> Option<Vec<[f32; 2]>> {
    let nb = p.neighbours;
    let m = nodes.len();
    let k = m.min(PIVOTS);
    let mut local = std::collections::HashMap::with_capacity(0);
    let dense = nodes.len() * 4 >= nb.len();
    let mut local_dense: Vec<u32> = Vec::new();
    if dense {
        local_dense = vec![u32::MAX; nb.len()];
        for (li, &g) in nodes.iter().enumerate() {
            local_dense[g as usize] = li as u32;
        }
    } else {
        local.reserve(m);
        for (li, &g) in nodes.iter().enumerate() {
            local.insert(g, li as u32);
        }
    }
    let to_local = |g: u32| -> usize {
        if dense {
            local_dense[g as usize] as usize
        } else {
            local.get(&g).map_or(0, |&l| l as usize)
        }
    };

    // Columns of squared hop distances, one per pivot; pivots chosen farthest-first.
    let mut cols: Vec<f64> = vec![0.0; m * k];
    let mut nearest = vec![u32::MAX; m];
    let mut dist = vec![u32::MAX; m];
    let mut queue: Vec<u32> = Vec::with_capacity(m);
    let mut pivot = (0..m)
        .max_by_key(|&li| (nb.degree(nodes[li] as usize), std::cmp::Reverse(li)))
        .unwrap_or(0);
    for col in cols.chunks_mut(m) {
        dist.fill(u32::MAX);
        dist[pivot] = 0;
        queue.clear();
        queue.push(pivot as u32);
        let mut head = 0;
        while let Some(&u) = queue.get(head) {
            head += 1;
            let du = dist[u as usize];
            for &g in nb.of(nodes[u as usize] as usize) {
                let v = to_local(g);
                if dist[v] == u32::MAX {
                    dist[v] = du + 1;
                    queue.push(v as u32);
                }
            }
        }
        for li in 0..m {
            let d = f64::from(dist[li].min(m as u32));
            col[li] = d * d;
            nearest[li] = nearest[li].min(dist[li]);
        }
        pivot = (0..m)
            .max_by_key(|&li| (nearest[li], std::cmp::Reverse(li)))
            .unwrap_or(0);
    }

    // Double centring.
    let col_mean: Vec<f64> = cols
        .chunks(m)
        .map(|c| c.iter().sum::<f64>() / m as f64)
        .collect();
    let mut row_mean = vec![0.0f64; m];
    for c in cols.chunks(m) {
        for (r, v) in row_mean.iter_mut().zip(c) {
            *r += v;
        }
    }
    for r in &mut row_mean {
        *r /= k as f64;
    }
    let grand = col_mean.iter().sum::<f64>() / k as f64;
    for (c, cm) in cols.chunks_mut(m).zip(&col_mean) {
        for (v, rm) in c.iter_mut().zip(&row_mean) {
            *v = -0.5 * (*v - rm - cm + grand);
        }
    }

    // B = CᵀC (symmetric): each entry is one sequential dot product, so any number of threads
    // gives the same sums.
    let cols_ref = &cols;
    let pairs: Vec<(usize, usize)> = (0..k).flat_map(|a| (a..k).map(move |c| (a, c))).collect();
    let dots: Vec<f64> = pairs
        .par_iter()
        .map(|&(a, c)| {
            let ca = &cols_ref[a * m..(a + 1) * m];
            let cc = &cols_ref[c * m..(c + 1) * m];
            ca.iter().zip(cc).map(|(x, y)| x * y).sum::<f64>()
        })
        .collect();
    let mut b = vec![0.0f64; k * k];
    for (&(a, c), d) in pairs.iter().zip(dots) {
        b[a * k + c] = d;
        b[c * k + a] = d;
    }
    let v1 = power_iteration(&b, k, None, p.seed)?;
    let v2 = power_iteration(&b, k, Some(&v1), p.seed ^ 1)?;

    let mut out: Vec<[f64; 2]> = vec![[0.0; 2]; m];
    for (a, c) in cols.chunks(m).enumerate() {
        for (o, v) in out.iter_mut().zip(c) {
            o[0] += v * v1[a];
            o[1] += v * v2[a];
        }
    }
    // Scale: mean edge one link long.
    let (mut total, mut edges) = (0.0f64, 0usize);
    for (li, &g) in nodes.iter().enumerate() {
        for &h in nb.of(g as usize) {
            let lj = to_local(h);
            if lj > li {
                total += (out[li][0] - out[lj][0]).hypot(out[li][1] - out[lj][1]);
                edges += 1;
            }
        }
    }
    let mean = total / edges.max(1) as f64;
    if !(mean.is_finite() && mean > 1e-9) {
        return None;
    }
    let mut s = f64::from(p.link) / mean;
    // Small-world graphs come out of MDS crowded (few hops span everything): spread them until
    // each node has room for a few boxes.
    let (mut min, mut max) = ([f64::MAX; 2], [f64::MIN; 2]);
    for o in &out {
        for a in 0..2 {
            min[a] = min[a].min(o[a] * s);
            max[a] = max[a].max(o[a] * s);
        }
    }
    let (mut box_area, mut box_w, mut box_h) = (0.0f64, 0.0f64, 0.0f64);
    for &g in nodes {
        let h = p.half[g as usize];
        let (w, h) = (2.0 * f64::from(h[0]), 2.0 * f64::from(h[1]));
        box_area += w * h;
        box_w += w;
        box_h += h;
    }
    // A layout is at least one box wide and tall: a part that MDS puts on a line (a chain, whose
    // second axis is rounding noise) has room along it, and must not be blown up by the ratio
    // of its length to that noise (to 10¹¹ units, where nodes fall into one collision cell).
    let m_f = m as f64;
    let area = ((max[0] - min[0]).max(box_w / m_f) * (max[1] - min[1]).max(box_h / m_f)).max(1e-9);
    let needed = ROOM_PER_NODE * box_area;
    if needed > area {
        s *= (needed / area).sqrt();
    }
    let pos: Vec<[f32; 2]> = out
        .iter()
        .map(|o| [(o[0] * s) as f32, (o[1] * s) as f32])
        .collect();
    pos.iter()
        .all(|q| q[0].is_finite() && q[1].is_finite())
        .then_some(pos)
}

/// The main eigenvector of the symmetric `k×k` matrix `b` (orthogonal to `avoid`, if given).
fn power_iteration(b: &[f64], k: usize, avoid: Option<&[f64]>, seed: u64) -> Option<Vec<f64>> {
    let mut v: Vec<f64> = (0..k)
        .map(|i| 0.5 + f64::from(hash_f32(seed, i as u64)))
        .collect();
    let mut w = vec![0.0f64; k];
    let orthogonalise = |v: &mut [f64]| {
        if let Some(u) = avoid {
            let d: f64 = v.iter().zip(u).map(|(a, b)| a * b).sum();
            for (a, b) in v.iter_mut().zip(u) {
                *a -= d * b;
            }
        }
    };
    let normalise = |v: &mut [f64]| -> f64 {
        let norm = v.iter().map(|a| a * a).sum::<f64>().sqrt();
        if norm > 0.0 {
            for a in v.iter_mut() {
                *a /= norm;
            }
        }
        norm
    };
    orthogonalise(&mut v);
    if normalise(&mut v) == 0.0 {
        return None;
    }
    for _ in 0..POWER_ITERATIONS {
        for (r, wr) in w.iter_mut().enumerate() {
            *wr = b[r * k..(r + 1) * k]
                .iter()
                .zip(&v)
                .map(|(a, x)| a * x)
                .sum();
        }
        orthogonalise(&mut w);
        if normalise(&mut w) <= 1e-12 {
            // Nothing left in this direction (a part that is a line): keep what we have.
            return Some(v);
        }
        let change: f64 = w.iter().zip(&v).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut v, &mut w);
        if change < 1e-10 {
            break;
        }
    }
    v.iter().all(|a| a.is_finite()).then_some(v)
}
