//! Small deterministic randomness: SplitMix64 and hashes of (seed, index), so that a layout is
//! the same on every run, whatever the number of threads.

/// One SplitMix64 step.
pub(crate) fn next_u64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    mix(*state)
}

/// A float in `[0, 1)`.
#[cfg(test)]
pub(crate) fn next_f32(state: &mut u64) -> f32 {
    (next_u64(state) >> 40) as f32 / (1u64 << 24) as f32
}

/// The SplitMix64 finaliser.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A number in `[0, 1)` that depends only on `seed` and `key`.
pub(crate) fn hash_f32(seed: u64, key: u64) -> f32 {
    (mix(seed ^ mix(key)) >> 40) as f32 / (1u64 << 24) as f32
}

/// A unit vector that depends only on `seed` and `key`.
pub(crate) fn hash_direction(seed: u64, key: u64) -> [f32; 2] {
    let a = hash_f32(seed, key) * std::f32::consts::TAU;
    [a.cos(), a.sin()]
}

/// The direction from node `a` towards node `b` when they sit on the same point: the opposite
/// of the one from `b` towards `a`.
pub(crate) fn pair_direction(seed: u64, a: u32, b: u32) -> [f32; 2] {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    let [x, y] = hash_direction(seed, (u64::from(lo) << 32) | u64::from(hi));
    if a < b { [x, y] } else { [-x, -y] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_in_range_and_repeatable() {
        let mut s = 1;
        let a: Vec<f32> = (0..1000).map(|_| next_f32(&mut s)).collect();
        assert!(a.iter().all(|v| (0.0..1.0).contains(v)));
        let mut s = 1;
        assert_eq!(
            a[..10],
            (0..10).map(|_| next_f32(&mut s)).collect::<Vec<_>>()[..]
        );
    }

    #[test]
    fn pair_directions_are_opposite() {
        let d = pair_direction(3, 4, 9);
        let e = pair_direction(3, 9, 4);
        assert_eq!(d, [-e[0], -e[1]]);
        assert!((d[0].hypot(d[1]) - 1.0).abs() < 1e-5);
    }
}
