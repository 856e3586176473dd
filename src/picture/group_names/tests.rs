use super::measure::inside;
use super::*;
use crate::picture::hull::{corners, group_hulls};

fn boxed(x: f32, y: f32) -> Rect {
    Rect::from_min_size([x, y], [100.0, 30.0])
}

fn square(x0: f32, y0: f32, x1: f32, y1: f32) -> Vec<P> {
    vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
}

/// The measure counts what a name's box touches, and says when it is not in or against its
/// own outline.
#[test]
fn a_name_on_a_line_a_box_or_across_its_border_is_counted() {
    let own = square(0.0, 0.0, 300.0, 100.0);
    let other = square(320.0, 0.0, 500.0, 100.0);
    let mut obstacles = Obstacles {
        boxes: vec![Rect::from_min_size([40.0, 50.0], [100.0, 30.0])],
        lines: vec![vec![[150.0, -50.0], [150.0, 200.0]]],
        line_width: 2.0,
        marks: vec![Rect::from_min_size([250.0, 10.0], [10.0, 10.0])],
        labels: vec![Rect::from_min_size([200.0, 60.0], [60.0, 14.0])],
        within: None,
    };
    let m = Measure::new(
        &obstacles,
        vec![vec![own.clone()], vec![other.clone()]],
        1.0,
    );
    let at = |x: f32, y: f32| Rect::from_min_size([x, y], [60.0, 14.0]);
    assert!(m.touches(0, at(10.0, 10.0)).is_clear());
    assert_eq!(m.touches(0, at(10.0, 40.0)).boxes, 1);
    assert_eq!(m.touches(0, at(120.0, 10.0)).lines, 1);
    assert_eq!(m.touches(0, at(200.0, 8.0)).marks, 1);
    assert_eq!(m.touches(0, at(190.0, 62.0)).labels, 1);
    // Across its own border, or far from it.
    assert!(m.touches(0, at(-20.0, 10.0)).astray);
    assert!(m.touches(0, at(10.0, 400.0)).astray);
    // Just above its outline: against it, fine.
    assert!(m.touches(0, at(10.0, -18.0)).is_clear());
    // In the other group's outline: touches it, and is away from its own.
    let t = m.touches(0, at(400.0, 10.0));
    assert_eq!((t.outlines, t.astray), (1, true));
    // The other group's name.
    let mut m = m;
    m.add_name(1, at(10.0, -18.0));
    assert_eq!(m.touches(0, at(20.0, -18.0)).names, 1);
    // A line wider than the gap reaches the name.
    obstacles.lines = vec![vec![[0.0, 26.0], [300.0, 26.0]]];
    let m = Measure::new(&obstacles, vec![vec![own]], 1.0);
    assert_eq!(m.touches(0, at(10.0, 10.0)).lines, 1);
}

/// A line runs through the top-left corner of the outline, where the name used to go: the
/// name moves along the top to a clear spot inside the outline.
#[test]
fn the_name_leaves_the_corner_a_line_runs_through() {
    let members = vec![boxed(0.0, 0.0), boxed(140.0, 0.0), boxed(0.0, 60.0)];
    let mut hulls: Vec<Hull> = group_hulls(std::slice::from_ref(&members), &[], 1.0)
        .into_iter()
        .flatten()
        .collect();
    let old = hulls[0].label_at;
    let obstacles = Obstacles {
        boxes: members,
        lines: vec![vec![[old[0] + 10.0, -100.0], [old[0] + 10.0, 0.0]]],
        line_width: 2.0,
        ..Obstacles::default()
    };
    let size = name_size("Payments", 12.0);
    let m = Measure::new(&obstacles, vec![hulls[0].pieces.clone()], 1.0);
    assert_eq!(m.touches(0, Rect::from_min_size(old, size)).lines, 1);
    let touches = place_names(&mut hulls, &[size], &obstacles, 1.0);
    assert!(touches[0].is_clear(), "{touches:?}");
    let r = Rect::from_min_size(hulls[0].label_at, size);
    assert!(m.touches(0, r).is_clear(), "{r:?}");
    assert!(inside(&corners(ink(r)), &hulls[0].pieces[0]), "{r:?}");
    assert!(hulls[0].bounds.contains_rect(&r));
    // The same inputs give the same spot.
    let mut again: Vec<Hull> = group_hulls(std::slice::from_ref(&obstacles.boxes), &[], 1.0)
        .into_iter()
        .flatten()
        .collect();
    place_names(&mut again, &[size], &obstacles, 1.0);
    assert_eq!(again[0].label_at, hulls[0].label_at);
}

/// Two members on a slant share one slanted outline: the old spot in the top corner let the
/// name's box poke out across the border; the name now sits wholly inside or against it.
#[test]
fn a_slanted_outline_keeps_its_name_in_or_against_it() {
    let members = vec![boxed(0.0, 120.0), boxed(200.0, 0.0)];
    let mut hulls: Vec<Hull> = group_hulls(std::slice::from_ref(&members), &[], 1.0)
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(hulls[0].pieces.len(), 1);
    let size = name_size("Customer Service & Support", 12.0);
    let obstacles = Obstacles {
        boxes: members,
        ..Obstacles::default()
    };
    let touches = place_names(&mut hulls, &[size], &obstacles, 1.0);
    assert!(touches[0].is_clear(), "{touches:?}");
}

/// Nothing to place, degenerate outlines and sizes that are not numbers: no panic.
#[test]
fn odd_input_does_not_panic() {
    let obstacles = Obstacles {
        boxes: vec![Rect::from_min_size([f32::NAN, 0.0], [1.0, f32::INFINITY])],
        lines: vec![
            vec![],
            vec![[0.0, 0.0]],
            vec![[f32::NAN, 1.0], [1e30, -1e30]],
        ],
        line_width: f32::NAN,
        ..Obstacles::default()
    };
    let hull = |pieces: Vec<Vec<P>>| Hull {
        pieces,
        label_at: [0.0, 0.0],
        piece_labels: Vec::new(),
        bounds: Rect::from_min_size([0.0, 0.0], [1.0, 1.0]),
    };
    let mut hulls = vec![
        hull(vec![]),
        hull(vec![vec![[0.0, 0.0]]]),
        hull(vec![square(0.0, 0.0, f32::NAN, 10.0)]),
        hull(vec![square(-1e30, -1e30, 1e30, 1e30)]),
    ];
    let sizes = [[10.0, 10.0], [f32::NAN, 1.0], [f32::INFINITY, 5.0]];
    let touches = place_names(&mut hulls, &sizes, &obstacles, f32::NAN);
    assert_eq!(touches.len(), 4);
    assert!(place_names(&mut [], &[], &obstacles, 1.0).is_empty());
}
