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

/// Two pieces of one group that cannot share an outline (the joined one would cover another
/// group's box) are drawn apart, not over each other. Before, the slanted lower edge of one
/// piece (a short box beside a taller one) ran over the padding of a member below it, as on
/// the manufacturing sample's "Sales & Service" slide: two dashed outlines crossing.
#[test]
fn pieces_of_one_group_never_overlap() {
    let crm = Rect::from_min_size([-375.0, -317.0], [145.0, 38.0]);
    let sync = Rect::from_min_size([-195.0, -317.0], [210.0, 67.0]);
    let desk = Rect::from_min_size([-555.0, -244.0], [210.0, 38.0]);
    let stranger = Rect::from_min_size([-470.0, -295.0], [30.0, 10.0]);
    let hulls = group_hulls(&[vec![crm, sync, desk], vec![stranger]], &[], 1.0);
    let hull = hulls[0].as_ref().unwrap();
    assert_eq!(hull.pieces.len(), 2, "{:?}", hull.pieces);
    assert!(
        !convex_overlap(&hull.pieces[0], &hull.pieces[1]),
        "{:?}",
        hull.pieces
    );
    for piece in &hull.pieces {
        assert!(!convex_overlap(piece, &corners(stranger)));
    }
    // Every member's box stays whole inside an outline of its group.
    for m in [crm, sync, desk] {
        let inside = |p: &P| {
            hull.pieces.iter().any(|piece| {
                let n = piece.len();
                (0..n).all(|i| {
                    let (a, b) = (piece[i], piece[(i + 1) % n]);
                    (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= -1e-3
                })
            })
        };
        assert!(corners(m).iter().all(inside), "{m:?} in {:?}", hull.pieces);
    }
}
