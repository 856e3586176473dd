use super::*;

fn boxed(x: f32, y: f32) -> Rect {
    Rect::from_min_size([x, y], [100.0, 30.0])
}

/// Shoelace area.
fn area(pts: &[P]) -> f32 {
    let n = pts.len();
    (0..n)
        .map(|i| {
            let (a, b) = (pts[i], pts[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum::<f32>()
        .abs()
        / 2.0
}

#[test]
fn hull_keeps_the_corners_and_drops_inner_points() {
    let pts = vec![
        [0.0, 0.0],
        [10.0, 0.0],
        [10.0, 10.0],
        [0.0, 10.0],
        [5.0, 5.0],
        [5.0, 0.0],
    ];
    let hull = convex_hull(pts);
    assert_eq!(hull.len(), 4);
    assert!((area(&hull) - 100.0).abs() < 1e-3);
}

#[test]
fn members_side_by_side_share_one_outline() {
    let hulls = group_hulls(&[vec![boxed(100.0, 100.0), boxed(220.0, 100.0)]], &[], 1.0);
    let hull = hulls[0].as_ref().unwrap();
    assert_eq!(hull.pieces.len(), 1);
    assert_eq!(hull.label_at, [100.0 - PAD + 6.0, 100.0 - PAD + 2.0]);
    assert!(group_hulls(&[vec![]], &[], 1.0)[0].is_none());
}

/// A system of another group, or of none, between two members: the outline would cover it,
/// so each member gets its own (before: one outline over it, or a band drawn across it).
#[test]
fn an_outline_never_covers_a_box_that_is_not_a_member() {
    let members = vec![boxed(0.0, 0.0), boxed(400.0, 0.0)];
    let stranger = boxed(200.0, 0.0);
    for hulls in [
        group_hulls(std::slice::from_ref(&members), &[stranger], 1.0),
        group_hulls(&[members.clone(), vec![stranger]], &[], 1.0),
    ] {
        let hull = hulls[0].as_ref().unwrap();
        assert_eq!(hull.pieces.len(), 2);
        for piece in &hull.pieces {
            assert!(!convex_overlap(piece, &corners(stranger)));
        }
    }
}

/// Two groups whose boxes are close: their outlines do not overlap (before: both padded 16
/// units over a 10-unit gap).
#[test]
fn outlines_of_two_groups_never_overlap() {
    let a = vec![boxed(0.0, 0.0), boxed(0.0, 60.0)];
    let b = vec![boxed(110.0, 0.0), boxed(110.0, 60.0)];
    let hulls = group_hulls(&[a, b], &[], 1.0);
    let (ha, hb) = (hulls[0].as_ref().unwrap(), hulls[1].as_ref().unwrap());
    for pa in &ha.pieces {
        for pb in &hb.pieces {
            assert!(!convex_overlap(pa, pb), "{pa:?} {pb:?}");
        }
    }
    // Crossing pairs: a's members on one diagonal, b's on the other.
    let a = vec![boxed(0.0, 0.0), boxed(300.0, 300.0)];
    let b = vec![boxed(300.0, 0.0), boxed(0.0, 300.0)];
    let hulls = group_hulls(&[a, b], &[], 1.0);
    let (ha, hb) = (hulls[0].as_ref().unwrap(), hulls[1].as_ref().unwrap());
    for pa in &ha.pieces {
        for pb in &hb.pieces {
            assert!(!convex_overlap(pa, pb));
        }
    }
}
