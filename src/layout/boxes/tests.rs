use super::*;

fn overlaps(pos: &[[f32; 2]], half: &[[f32; 2]], gap: f32) -> usize {
    let mut count = 0;
    for i in 0..pos.len() {
        for j in i + 1..pos.len() {
            let dx = (pos[i][0] - pos[j][0]).abs() - half[i][0] - half[j][0];
            let dy = (pos[i][1] - pos[j][1]).abs() - half[i][1] - half[j][1];
            if dx < gap - 0.01 && dy < gap - 0.01 {
                count += 1;
            }
        }
    }
    count
}

#[test]
fn boxes_on_each_other_are_pushed_apart() {
    // Nine boxes 100 × 36 on a grid 80 × 30 apart: each covers its neighbours.
    let n = 9;
    let mut pos: Vec<[f32; 2]> = (0..n)
        .map(|i| [(i % 3) as f32 * 80.0, (i / 3) as f32 * 30.0])
        .collect();
    let half = vec![[50.0, 18.0]; n];
    assert!(separate_boxes(&mut pos, &half, 20.0));
    assert_eq!(overlaps(&pos, &half, 20.0), 0);
}

#[test]
fn boxes_apart_are_left_alone() {
    let pos0: Vec<[f32; 2]> = (0..9)
        .map(|i| [(i % 3) as f32 * 120.0, (i / 3) as f32 * 56.0])
        .collect();
    let mut pos = pos0.clone();
    assert!(separate_boxes(&mut pos, &[[50.0, 18.0]; 9], 20.0));
    assert_eq!(pos, pos0);
}

#[test]
fn a_line_through_a_third_box_is_counted_and_its_own_ends_are_not() {
    let pos = [[0.0, 0.0], [200.0, 0.0], [100.0, 0.0], [100.0, 40.0]];
    let half = [[20.0, 10.0]; 4];
    assert_eq!(lines_through(&pos, &half, &[(0, 1)], 0.0), 1);
    // Box 3 is 30 units below the line: counted only with a margin wider than that.
    assert_eq!(lines_through(&pos, &half, &[(0, 2)], 0.0), 0);
    assert_eq!(lines_through(&pos, &half, &[(0, 1), (2, 3)], 0.0), 1);
    let pos = [[0.0, 0.0], [200.0, 0.0], [100.0, 40.0]];
    assert_eq!(lines_through(&pos, &half, &[(0, 1)], 0.0), 0);
    assert_eq!(lines_through(&pos, &half, &[(0, 1)], 31.0), 1);
}

/// A box on the line between two others is moved off it, and not out of the room: below the
/// line (where the pass moves it first, without a room) there is none, so it goes up.
#[test]
fn tidy_within_moves_a_box_off_a_line_inside_the_room() {
    let mut pos = vec![[0.0, 0.0], [400.0, 0.0], [200.0, 0.0]];
    let half = vec![[30.0, 17.0]; 3];
    let within = [-30.0, -80.0, 430.0, 20.0];
    tidy_within(&mut pos, &half, &[(0, 1)], &[], within);
    assert_eq!(lines_through(&pos, &half, &[(0, 1)], 0.0), 0, "{pos:?}");
    for (p, h) in pos.iter().zip(&half) {
        assert!(
            p[0] - h[0] >= within[0] && p[0] + h[0] <= within[2],
            "{pos:?}"
        );
        assert!(
            p[1] - h[1] >= within[1] && p[1] + h[1] <= within[3],
            "{pos:?}"
        );
    }
    assert!(pos[2][1] < 0.0, "{pos:?}");
}
