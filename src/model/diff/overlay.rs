//! The canvas picture of a comparison, in the scenario-difference style: the current map plus
//! what only the other file has, with the ids each side alone holds.

use crate::model::{ScenarioDiff, Workspace};

/// `current` plus the systems and dependencies only `other` has (drawn as removed: they are
/// gone in `current`), and which ids are only in `current` (added) or only in `other` (removed).
pub fn overlay(current: &Workspace, other: &Workspace) -> (Workspace, ScenarioDiff) {
    let mut map = current.clone();
    let mut diff = ScenarioDiff::default();
    for (id, s) in &other.systems {
        if !current.systems.contains_key(id) {
            map.systems.insert(id.clone(), s.clone());
            diff.removed.insert(id.clone());
        }
    }
    for (id, d) in &other.dependencies {
        if !current.dependencies.contains_key(id)
            && map.systems.contains_key(&d.from)
            && map.systems.contains_key(&d.to)
        {
            map.dependencies.insert(id.clone(), d.clone());
            diff.removed.insert(id.clone());
        }
    }
    let only_current = |id: &String| !other.has_element(id);
    diff.added.extend(
        current
            .systems
            .keys()
            .filter(|id| only_current(id))
            .cloned(),
    );
    diff.added.extend(
        current
            .dependencies
            .keys()
            .filter(|id| only_current(id))
            .cloned(),
    );
    (map, diff)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dependency, DependencyType, System};

    #[test]
    fn the_overlay_holds_both_sides_and_marks_what_one_side_alone_has() {
        let mut older = Workspace::new("T");
        let mut newer = Workspace::new("T");
        for id in ["a", "b"] {
            older.systems.insert(id.into(), System::new(id, id));
            newer.systems.insert(id.into(), System::new(id, id));
        }
        older
            .systems
            .insert("gone".into(), System::new("gone", "Gone"));
        newer
            .systems
            .insert("new".into(), System::new("new", "New"));
        let old_dep = Dependency::new("a", "gone", DependencyType::Sync);
        older.dependencies.insert(old_dep.id(), old_dep);
        let new_dep = Dependency::new("a", "new", DependencyType::Sync);
        newer.dependencies.insert(new_dep.id(), new_dep);
        let (map, diff) = overlay(&newer, &older);
        assert_eq!(map.systems.len(), 4);
        assert!(map.dependencies.contains_key("a->gone:sync"));
        let set = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(diff.added, set(&["a->new:sync", "new"]));
        assert_eq!(diff.removed, set(&["a->gone:sync", "gone"]));
        assert!(overlay(&newer, &newer).1.is_empty());
    }
}
