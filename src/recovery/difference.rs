//! What a recovery holds that the file on disk does not, in counts and a few names.

use crate::model::Workspace;

/// What differs between the file on disk and the recovered work, in counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Difference {
    /// Names of the first few systems added and removed, to tell recoveries apart.
    pub added_names: Vec<String>,
    pub removed_names: Vec<String>,
    pub systems_added: usize,
    pub systems_removed: usize,
    pub systems_changed: usize,
    pub dependencies_added: usize,
    pub dependencies_removed: usize,
    pub dependencies_changed: usize,
    /// Debt items, failure modes, views, scenarios, notes and decisions added, removed or changed,
    /// and the title or description.
    pub other_changed: usize,
}

impl Difference {
    pub fn between(disk: &Workspace, recovered: &Workspace) -> Difference {
        let (systems_added, systems_removed, systems_changed) =
            count(&disk.systems, &recovered.systems);
        let (dependencies_added, dependencies_removed, dependencies_changed) =
            count(&disk.dependencies, &recovered.dependencies);
        let other = |a: (usize, usize, usize)| a.0 + a.1 + a.2;
        let other_changed = other(count(&disk.debt, &recovered.debt))
            + other(count(&disk.failure_modes, &recovered.failure_modes))
            + other(count(&disk.views, &recovered.views))
            + other(count(&disk.scenarios, &recovered.scenarios))
            + other(count(&disk.parking_lot, &recovered.parking_lot))
            + other(count(&disk.decisions, &recovered.decisions))
            + other(count(&disk.accepted_findings, &recovered.accepted_findings))
            + usize::from(disk.title != recovered.title)
            + usize::from(disk.description != recovered.description)
            + usize::from(disk.timezone != recovered.timezone);
        let names = |from: &Workspace, other: &Workspace| -> Vec<String> {
            from.systems
                .values()
                .filter(|s| !other.systems.contains_key(&s.id))
                .take(3)
                .map(|s| s.name.clone())
                .collect()
        };
        Difference {
            added_names: names(recovered, disk),
            removed_names: names(disk, recovered),
            systems_added,
            systems_removed,
            systems_changed,
            dependencies_added,
            dependencies_removed,
            dependencies_changed,
            other_changed,
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Difference::default()
    }

    /// " (Bravo, Delta and 2 more)" for the names of `n` systems, of which `names` are known.
    fn named(names: &[String], n: usize) -> String {
        if names.is_empty() {
            return String::new();
        }
        let more = n.saturating_sub(names.len());
        let list = if more > 0 {
            format!("{} and {more} more", names.join(", "))
        } else {
            crate::text::and_list(names)
        };
        format!(" ({list})")
    }

    /// "2 systems added, 1 changed; 1 dependency removed; 3 other items changed".
    pub fn describe(&self) -> String {
        let part = |noun: &str,
                    plural: &str,
                    (added, removed, changed): (usize, usize, usize),
                    names: (&[String], &[String])| {
            let total = added + removed + changed;
            if total == 0 {
                return String::new();
            }
            let mut bits = Vec::new();
            for (n, verb, known) in [
                (added, "added", names.0),
                (removed, "removed", names.1),
                (changed, "changed", &[][..]),
            ] {
                if n > 0 {
                    bits.push(format!("{n} {verb}{}", Self::named(known, n)));
                }
            }
            let word = crate::text::noun(total, noun, plural);
            format!("{word}: {}", bits.join(", "))
        };
        let parts: Vec<String> = [
            part(
                "system",
                "systems",
                (
                    self.systems_added,
                    self.systems_removed,
                    self.systems_changed,
                ),
                (&self.added_names, &self.removed_names),
            ),
            part(
                "dependency",
                "dependencies",
                (
                    self.dependencies_added,
                    self.dependencies_removed,
                    self.dependencies_changed,
                ),
                (&[], &[]),
            ),
            part(
                "other item",
                "other items",
                (0, 0, self.other_changed),
                (&[], &[]),
            ),
        ]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
        if parts.is_empty() {
            "no differences".into()
        } else {
            parts.join("; ")
        }
    }
}

fn count<V: PartialEq>(
    before: &std::collections::BTreeMap<String, V>,
    after: &std::collections::BTreeMap<String, V>,
) -> (usize, usize, usize) {
    let added = after.keys().filter(|k| !before.contains_key(*k)).count();
    let removed = before.keys().filter(|k| !after.contains_key(*k)).count();
    let changed = after
        .iter()
        .filter(|(k, v)| before.get(*k).is_some_and(|b| b != *v))
        .count();
    (added, removed, changed)
}
