//! The force layout as the app and the CLI use it: deterministic, settling, stable when a map
//! grows, and sane on degenerate maps.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use std::path::Path;
use std::process::{Command, Output};

use depdig::layout::{LayoutGraph, LayoutParams, Simulation, scale_free_graph};
use depdig::model::{Dependency, DependencyType, System, Workspace};

fn dist(a: [f32; 2], b: [f32; 2]) -> f32 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

fn mean_edge_length(pos: &[[f32; 2]], edges: &[(u32, u32)]) -> f32 {
    let total: f32 = edges
        .iter()
        .map(|&(a, b)| dist(pos[a as usize], pos[b as usize]))
        .sum();
    total / edges.len().max(1) as f32
}

fn all_finite(pos: &[[f32; 2]]) -> bool {
    pos.iter().all(|p| p[0].is_finite() && p[1].is_finite())
}

fn bits(pos: &[[f32; 2]]) -> Vec<(u32, u32)> {
    pos.iter()
        .map(|p| (p[0].to_bits(), p[1].to_bits()))
        .collect()
}

/// Positions after `ticks` ticks of a fresh simulation, on a pool of `threads` threads.
fn layout_on(threads: usize, graph: &LayoutGraph, ticks: usize) -> Vec<[f32; 2]> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| {
        let mut sim = Simulation::new(graph, &[], LayoutParams::default());
        for _ in 0..ticks {
            sim.step();
        }
        sim.positions().to_vec()
    })
}

#[test]
fn same_input_same_positions_whatever_the_threads() {
    // Large enough for the parallel paths (tree walk, collision, MDS).
    let graph = LayoutGraph::uniform(3000, scale_free_graph(3000, 11));
    let one = layout_on(1, &graph, 40);
    let two = layout_on(2, &graph, 40);
    let again = layout_on(2, &graph, 40);
    assert!(all_finite(&one));
    assert_eq!(bits(&one), bits(&two), "1 vs 2 threads");
    assert_eq!(bits(&two), bits(&again), "run to run");
}

#[test]
fn a_layout_settles_and_then_stays_put() {
    let edges = scale_free_graph(120, 2);
    let graph = LayoutGraph::uniform(120, edges.clone());
    let mut sim = Simulation::new(&graph, &[], LayoutParams::default());
    let ticks = sim.run(3000);
    assert!(sim.is_settled());
    assert!((250..=400).contains(&ticks), "{ticks} ticks");
    let settled = sim.positions().to_vec();
    assert!(!sim.tick(), "a settled layout does not tick");
    assert_eq!(bits(sim.positions()), bits(&settled));
    // Neighbours end up about a link apart, and boxes don't overlap much.
    let mean = mean_edge_length(&settled, &edges);
    assert!((40.0..200.0).contains(&mean), "mean edge {mean}");
}

#[test]
fn pinned_nodes_never_move() {
    let edges = scale_free_graph(60, 5);
    let mut graph = LayoutGraph::uniform(60, edges);
    graph.pinned[0] = true;
    graph.pinned[7] = true;
    let mut initial = vec![None; 60];
    initial[0] = Some([500.0, -200.0]);
    initial[7] = Some([-300.0, 100.0]);
    let mut sim = Simulation::new(&graph, &initial, LayoutParams::default());
    assert!(sim.is_pinned(0) && !sim.is_pinned(1));
    sim.run(1000);
    assert_eq!(sim.positions()[0], [500.0, -200.0]);
    assert_eq!(sim.positions()[7], [-300.0, 100.0]);
    // Pinning later freezes a node where it is; dragging moves it there exactly.
    sim.set_pinned(3, true);
    sim.set_position(3, [42.0, 43.0]);
    sim.reheat(0.5);
    sim.run(1000);
    assert_eq!(sim.positions()[3], [42.0, 43.0]);
    assert!(all_finite(sim.positions()));
}

/// Settles a 200-node map, adds a node linked to `links` existing ones, reheats to 0.3 and
/// settles again. Returns (mean displacement of the old nodes / mean edge length, largest
/// distance of the new node to a neighbour / mean edge length).
fn grow_by_one(links: &[u32]) -> (f32, f32) {
    let n = 200;
    let edges = scale_free_graph(n, 9);
    let graph = LayoutGraph::uniform(n, edges.clone());
    let mut sim = Simulation::new(&graph, &[], LayoutParams::default());
    sim.run(3000);
    let before = sim.positions().to_vec();
    let edge_len = mean_edge_length(&before, &edges);

    let mut grown_edges = edges;
    grown_edges.extend(links.iter().map(|&t| (n as u32, t)));
    let grown = LayoutGraph::uniform(n + 1, grown_edges);
    let mut initial: Vec<Option<[f32; 2]>> = before.iter().copied().map(Some).collect();
    initial.push(None);
    let mut sim = Simulation::new(&grown, &initial, LayoutParams::default());
    sim.reheat(0.3);
    sim.run(3000);
    assert!(sim.is_settled());
    let after = sim.positions();
    let moved: f32 = before
        .iter()
        .zip(after)
        .map(|(&a, &b)| dist(a, b))
        .sum::<f32>()
        / n as f32;
    let far = links
        .iter()
        .map(|&t| dist(after[n], after[t as usize]))
        .fold(0.0f32, f32::max);
    (moved / edge_len, far / edge_len)
}

#[test]
fn adding_a_system_does_not_scramble_the_map() {
    for links in [&[17u32][..], &[3, 150][..], &[0][..]] {
        let (moved, far) = grow_by_one(links);
        eprintln!(
            "new node linked to {links:?}: old nodes moved {:.2}% of a mean edge; new node within {far:.2} mean edges of its neighbours",
            moved * 100.0
        );
        assert!(moved < 0.05, "old nodes moved {moved} mean edges");
        assert!(far < 2.0, "new node {far} mean edges from a neighbour");
    }
}

#[test]
fn rerunning_a_settled_map_keeps_it() {
    let n = 150;
    let edges = scale_free_graph(n, 4);
    let graph = LayoutGraph::uniform(n, edges.clone());
    let mut sim = Simulation::new(&graph, &[], LayoutParams::default());
    sim.run(3000);
    let before = sim.positions().to_vec();
    let edge_len = mean_edge_length(&before, &edges);
    let initial: Vec<Option<[f32; 2]>> = before.iter().copied().map(Some).collect();
    let mut again = Simulation::new(&graph, &initial, LayoutParams::default());
    again.reheat(0.3);
    again.run(3000);
    let moved: f32 = before
        .iter()
        .zip(again.positions())
        .map(|(&a, &b)| dist(a, b))
        .sum::<f32>()
        / n as f32;
    eprintln!(
        "re-run from settled: moved {:.2}% of a mean edge",
        100.0 * moved / edge_len
    );
    assert!(moved / edge_len < 0.05);
}

#[test]
fn degenerate_maps_are_fine() {
    // No nodes, one node.
    let mut empty = Simulation::new(&LayoutGraph::default(), &[], LayoutParams::default());
    assert!((300..=301).contains(&empty.run(1000)));
    assert!(empty.positions().is_empty());
    let one = LayoutGraph::uniform(1, vec![]);
    let mut sim = Simulation::new(&one, &[Some([5.0, 6.0])], LayoutParams::default());
    sim.run(1000);
    assert!(
        dist(sim.positions()[0], [5.0, 6.0]) < 1.0,
        "{:?}",
        sim.positions()
    );

    // All nodes on one point, with self loops, duplicates and out-of-range edges.
    let graph = LayoutGraph::uniform(40, vec![(0, 1), (1, 0), (2, 2), (3, 99), (4, 5)]);
    let same = vec![Some([1.0, 1.0]); 40];
    let mut sim = Simulation::new(&graph, &same, LayoutParams::default());
    sim.run(1000);
    let pos = sim.positions();
    assert!(all_finite(pos));
    for i in 0..40 {
        for j in 0..i {
            assert!(
                dist(pos[i], pos[j]) > 1.0,
                "nodes {i} and {j} still together"
            );
        }
    }

    // Zero-sized boxes and zero padding: repulsion alone separates them.
    let mut graph = LayoutGraph::uniform(10, vec![]);
    graph.sizes = vec![[0.0, 0.0]; 10];
    let params = LayoutParams {
        collide_padding: 0.0,
        ..LayoutParams::default()
    };
    let mut sim = Simulation::new(&graph, &[Some([0.0, 0.0]); 10], params);
    sim.run(1000);
    assert!(all_finite(sim.positions()));

    // Non-finite input is ignored.
    let mut graph = LayoutGraph::uniform(3, vec![(0, 1)]);
    graph.sizes[1] = [f32::NAN, f32::INFINITY];
    let mut sim = Simulation::new(
        &graph,
        &[Some([f32::NAN, 0.0]), Some([f32::INFINITY, 1.0]), None],
        LayoutParams::default(),
    );
    sim.set_position(2, [f32::NAN, 1.0]);
    sim.run(1000);
    assert!(all_finite(sim.positions()));
}

#[test]
fn disconnected_parts_stay_together() {
    // Two clusters, a pair and a few loners.
    let mut edges = scale_free_graph(40, 1);
    edges.extend(
        scale_free_graph(30, 2)
            .iter()
            .map(|&(a, b)| (a + 40, b + 40)),
    );
    edges.push((70, 71));
    let n = 76;
    let graph = LayoutGraph::uniform(n, edges.clone());
    let mut sim = Simulation::new(&graph, &[], LayoutParams::default());
    assert_eq!(sim.components(), 7);
    sim.run(3000);
    let pos = sim.positions();
    assert!(all_finite(pos));
    let edge_len = mean_edge_length(pos, &edges);
    // Every node is near the rest: the whole map is not much wider than its parts need.
    let centre = [
        pos.iter().map(|p| p[0]).sum::<f32>() / n as f32,
        pos.iter().map(|p| p[1]).sum::<f32>() / n as f32,
    ];
    let radius = pos.iter().map(|&p| dist(p, centre)).fold(0.0f32, f32::max);
    eprintln!(
        "76 nodes in 7 parts: radius {:.1} mean edges",
        radius / edge_len
    );
    assert!(
        radius < 12.0 * edge_len,
        "radius {radius}, mean edge {edge_len}"
    );
    // No edges at all: a compact cloud.
    let graph = LayoutGraph::uniform(50, vec![]);
    let mut sim = Simulation::new(&graph, &[], LayoutParams::default());
    sim.run(3000);
    let pos = sim.positions();
    let spread = pos
        .iter()
        .map(|&p| dist(p, [0.0, 0.0]))
        .fold(0.0f32, f32::max);
    assert!(spread < 1500.0, "50 loners spread over {spread}");
}

// ---- the CLI ----

fn depdig(args: &[&str], threads: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_depdig"))
        .args(args)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .expect("run depdig")
}

/// A generated workspace of `n` systems, with several dependencies between some pairs.
fn write_map(path: &Path, n: usize) -> usize {
    let mut ws = Workspace::new("generated");
    let id = |i: u32| format!("s{i:05}");
    for i in 0..n as u32 {
        ws.systems
            .insert(id(i), System::new(id(i), format!("System {i}")));
    }
    for (a, b) in scale_free_graph(n, 3) {
        let d = Dependency::new(id(a), id(b), DependencyType::Sync);
        ws.dependencies.insert(d.id(), d);
        if a % 10 == 0 {
            let d = Dependency::new(id(b), id(a), DependencyType::Data);
            ws.dependencies.insert(d.id(), d);
        }
    }
    depdig::io::save_file(&ws, path).unwrap();
    ws.dependencies.len()
}

fn last_line(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn cli_positions_are_identical_on_one_and_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.ron");
    let deps = write_map(&map, 2500);
    let mut csvs = Vec::new();
    for threads in ["1", "2"] {
        let out = dir.path().join(format!("pos{threads}.csv"));
        let o = depdig(
            &[
                "layout",
                map.to_str().unwrap(),
                "--ticks",
                "25",
                "--positions",
                out.to_str().unwrap(),
            ],
            threads,
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let last = last_line(&o);
        assert!(
            last.starts_with(&format!("ticks=25 nodes=2500 edges={deps} ms_per_tick=")),
            "{last}"
        );
        let ms = last.rsplit('=').next().unwrap();
        assert_eq!(ms.split('.').nth(1).map(str::len), Some(3), "{last}");
        csvs.push(std::fs::read(&out).unwrap());
    }
    assert_eq!(csvs[0], csvs[1], "positions differ between 1 and 2 threads");
    let text = String::from_utf8(csvs[0].clone()).unwrap();
    assert!(text.starts_with("id,x,y\ns00000,"));
    assert_eq!(text.lines().count(), 2501);
}

#[test]
fn cli_settles_and_writes_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.ron");
    let deps = write_map(&map, 40);
    let out = dir.path().join("laid-out.ron");
    let o = depdig(
        &[
            "layout",
            map.to_str().unwrap(),
            "--write",
            out.to_str().unwrap(),
        ],
        "2",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let last = last_line(&o);
    let ticks: usize = last
        .strip_prefix("ticks=")
        .and_then(|r| r.split(' ').next())
        .and_then(|t| t.parse().ok())
        .unwrap();
    assert!((250..=400).contains(&ticks), "{last}");
    assert!(last.contains(&format!(" nodes=40 edges={deps} ")), "{last}");
    let (ws, _) = depdig::io::load_file(&out).unwrap();
    assert!(ws.systems.values().all(|s| s.pos.is_some()));

    // Laying out the laid-out map again barely moves it (it starts where it was).
    let again = dir.path().join("again.csv");
    let o = depdig(
        &[
            "layout",
            out.to_str().unwrap(),
            "--positions",
            again.to_str().unwrap(),
        ],
        "1",
    );
    assert!(o.status.success());
    let text = std::fs::read_to_string(&again).unwrap();
    let mut moved = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let p = ws.systems[f[0]].pos.unwrap();
        let q = [f[1].parse::<f32>().unwrap(), f[2].parse::<f32>().unwrap()];
        moved.push(dist([p.x, p.y], q));
    }
    moved.sort_by(f32::total_cmp);
    assert_eq!(moved.len(), 40);
    let (median, max) = (moved[20], moved[39]);
    assert!(
        median < 1.0 && max < 10.0,
        "laid out again: moved by a median of {median} and up to {max}"
    );
}

/// Positions from a `--positions` CSV, by id.
fn read_positions(path: &Path) -> std::collections::BTreeMap<String, [f32; 2]> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            (
                f[0].to_owned(),
                [f[1].parse().unwrap(), f[2].parse().unwrap()],
            )
        })
        .collect()
}

/// `--afresh` lays a map out as if it had no positions: a laid-out map whose systems were all
/// moved by hand onto one row comes back exactly as the first layout put it.
#[test]
fn cli_afresh_ignores_where_systems_are() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.ron");
    write_map(&map, 30);
    let first = dir.path().join("first.csv");
    let o = depdig(
        &[
            "layout",
            map.to_str().unwrap(),
            "--positions",
            first.to_str().unwrap(),
        ],
        "1",
    );
    assert!(o.status.success());
    let (mut ws, _) = depdig::io::load_file(&map).unwrap();
    for (i, s) in ws.systems.values_mut().enumerate() {
        s.pos = Some(depdig::model::CanvasPos::new(i as f32 * 200.0, 0.0));
    }
    let row = dir.path().join("row.ron");
    depdig::io::save_file(&ws, &row).unwrap();
    let (kept, afresh) = (dir.path().join("kept.csv"), dir.path().join("afresh.csv"));
    for (out, extra) in [(&kept, None), (&afresh, Some("--afresh"))] {
        let mut args = vec![
            "layout",
            row.to_str().unwrap(),
            "--positions",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        let o = depdig(&args, "1");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let (first, kept, afresh) = (
        read_positions(&first),
        read_positions(&kept),
        read_positions(&afresh),
    );
    assert_eq!(afresh, first, "laid out afresh");
    // A plain re-run starts from the row (the final pass then moves boxes off its lines and
    // leaves beside their neighbour): not the fresh layout.
    assert_ne!(kept, first);
}

#[test]
fn cli_errors() {
    let dir = tempfile::tempdir().unwrap();
    let o = depdig(
        &["layout", dir.path().join("nope.ron").to_str().unwrap()],
        "1",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nope.ron"));
    let o = depdig(&["layout"], "1");
    assert_eq!(o.status.code(), Some(2));
    let o = depdig(&["layout", "x.ron", "--ticks", "many"], "1");
    assert_eq!(o.status.code(), Some(2));
}

mod any_input {
    use super::*;
    use proptest::prelude::*;

    fn coordinate() -> impl Strategy<Value = f32> {
        prop_oneof![
            -1e6f32..1e6f32,
            Just(0.0f32),
            Just(f32::NAN),
            Just(f32::INFINITY),
            Just(1e30f32),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Whatever the graph, sizes, starting positions and pins: no panic, finite positions,
        /// pinned nodes stay exactly where they started.
        #[test]
        fn never_panics_and_stays_finite(
            n in 0usize..40,
            raw_edges in proptest::collection::vec((0u32..45, 0u32..45), 0..80),
            sizes in proptest::collection::vec((0.0f32..500.0, 0.0f32..80.0), 40),
            starts in proptest::collection::vec(proptest::option::of((coordinate(), coordinate())), 40),
            pins in proptest::collection::vec(any::<bool>(), 40),
        ) {
            let graph = LayoutGraph {
                sizes: sizes.iter().take(n).map(|&(w, h)| [w, h]).collect(),
                edges: raw_edges,
                pinned: pins.iter().take(n).copied().collect(),
                groups: Vec::new(),
                drawn: Vec::new(),
            };
            let initial: Vec<Option<[f32; 2]>> =
                starts.iter().take(n).map(|s| s.map(|(x, y)| [x, y])).collect();
            let mut sim = Simulation::new(&graph, &initial, LayoutParams::default());
            let start = sim.positions().to_vec();
            prop_assert!(all_finite(&start));
            for _ in 0..60 {
                sim.step();
            }
            // The final pass too, on whatever the forces left.
            sim.tidy();
            prop_assert!(all_finite(sim.positions()));
            for ((p, s), &pinned) in sim.positions().iter().zip(&start).zip(&graph.pinned) {
                if pinned {
                    prop_assert_eq!(p, s);
                }
            }
        }
    }
}

/// The boxes of `ws` at `pos` (in `ids` order) as the canvas and the export draw them: the
/// pairs that overlap.
fn drawn_overlaps(ws: &Workspace, ids: &[String], pos: &[[f32; 2]]) -> Vec<String> {
    use depdig::layout::measure::LABEL_FONT_SIZE;
    use depdig::picture::labels::system_box;
    let rects: Vec<([f32; 2], [f32; 2])> = ids
        .iter()
        .zip(pos)
        .map(|(id, p)| {
            let s = &ws.systems[id];
            let ([w, h], _) = system_box(s.kind, &s.name, LABEL_FONT_SIZE);
            (
                [p[0] - w / 2.0, p[1] - h / 2.0],
                [p[0] + w / 2.0, p[1] + h / 2.0],
            )
        })
        .collect();
    let mut bad = Vec::new();
    for i in 0..rects.len() {
        for j in i + 1..rects.len() {
            let (a, b) = (rects[i], rects[j]);
            // Half a unit of rounding either way is not an overlap.
            let apart = (0..2).any(|k| a.1[k] <= b.0[k] + 0.5 || b.1[k] <= a.0[k] + 0.5);
            if !apart {
                bad.push(format!("{} and {}", ids[i], ids[j]));
            }
        }
    }
    bad
}

/// Issue 16: the samples laid out by force (from where they are, and afresh as Space does) and
/// in layers leave no system's box over another's as drawn, with its kind's glyph, stripe or
/// lids. Before, the layout kept apart the boxes of the names alone: after Space the
/// ecommerce sample drew the SRE on-call (a person, a glyph on its left) over the product
/// cache.
#[test]
fn the_samples_laid_out_draw_no_box_over_another() {
    let mut bad = Vec::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    names.sort();
    assert!(names.len() >= 4, "the samples are there");
    for path in names {
        let (ws, _) = depdig::io::load_file(&path).unwrap();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let (graph, ids, initial) = depdig::layout::from_workspace(&ws);
        let pinned_only: Vec<Option<[f32; 2]>> = initial
            .iter()
            .zip(&graph.pinned)
            .map(|(p, &pin)| if pin { *p } else { None })
            .collect();
        for (how, start) in [("as saved", &initial), ("afresh", &pinned_only)] {
            let mut sim = Simulation::new(&graph, start, LayoutParams::default());
            sim.run(3000);
            sim.tidy();
            for pair in drawn_overlaps(&ws, &ids, sim.positions()) {
                bad.push(format!("{file} by force {how}: {pair}"));
            }
        }
        let (ids, pos) = depdig::layout::layered_workspace(&ws);
        for pair in drawn_overlaps(&ws, &ids, &pos) {
            bad.push(format!("{file} in layers: {pair}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
