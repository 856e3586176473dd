//! Parallel dependencies: several dependencies between the same two systems (of different types,
//! in either direction) are drawn as curves fanned apart. Canvas and export use the same offsets.

use std::collections::{BTreeMap, HashMap};

use crate::model::Workspace;

/// For each of the given dependency ids, its sideways offset in "lanes": 0 for a lone dependency,
/// ±0.5, ±1.5 … for parallel ones, signed relative to the pair's direction (lower id → higher id)
/// so a→b and b→a bow apart instead of onto each other. Multiply by the lane width.
pub fn parallel_lanes<'a>(
    ws: &'a Workspace,
    visible: impl IntoIterator<Item = &'a str>,
) -> HashMap<&'a str, f32> {
    lanes(visible.into_iter().filter_map(|id| {
        ws.dependencies
            .get(id)
            .map(|d| (id, d.from.as_str(), d.to.as_str()))
    }))
}

/// [`parallel_lanes`] for lines given as `(id, from, to)`: also lines that are not dependencies
/// of a workspace (the aggregated lines of collapsed groups).
pub fn lanes<'a>(
    lines: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
) -> HashMap<&'a str, f32> {
    let mut pairs: BTreeMap<(&str, &str), Vec<(&str, bool)>> = BTreeMap::new();
    for (id, from, to) in lines {
        let key = if from <= to { (from, to) } else { (to, from) };
        pairs.entry(key).or_default().push((id, from == key.0));
    }
    let mut lanes = HashMap::new();
    for ids in pairs.values() {
        let n = ids.len() as f32;
        for (i, (id, forward)) in ids.iter().enumerate() {
            let sign = if *forward { 1.0 } else { -1.0 };
            lanes.insert(*id, sign * (i as f32 - (n - 1.0) / 2.0));
        }
    }
    lanes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dependency, DependencyType, System};

    #[test]
    fn lone_dependencies_are_straight_and_parallel_ones_fan_out() {
        let mut ws = Workspace::new("t");
        for id in ["a", "b", "c"] {
            ws.systems.insert(id.into(), System::new(id, id));
        }
        for (f, t, k) in [
            ("a", "b", DependencyType::Sync),
            ("a", "b", DependencyType::Data),
            ("b", "c", DependencyType::Sync),
        ] {
            let d = Dependency::new(f, t, k);
            ws.dependencies.insert(d.id(), d);
        }
        let ids: Vec<String> = ws.dependencies.keys().cloned().collect();
        let lanes = parallel_lanes(&ws, ids.iter().map(String::as_str));
        assert_eq!(lanes["b->c:sync"], 0.0);
        assert_eq!(lanes["a->b:data"], -0.5);
        assert_eq!(lanes["a->b:sync"], 0.5);
    }
}
