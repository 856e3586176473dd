//! Systems the analysis cannot say anything about: no dependency at all, or linked to the map
//! only by startup-order dependencies (which no runtime finding or cascade follows). `depdig
//! check` warns about both; they are usually a dependency nobody has drawn yet.

use std::collections::BTreeMap;

use crate::model::{DependencyType, Workspace};

/// System ids, sorted, in each group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LooseEnds {
    /// No dependency from or to it.
    pub unconnected: Vec<String>,
    /// Every dependency from or to it is startup-order.
    pub startup_only: Vec<String>,
}

/// The systems no runtime analysis reaches (self-loops and dependencies naming unknown systems
/// do not count as links).
pub fn loose_ends(ws: &Workspace) -> LooseEnds {
    // id → (links, runtime-relevant links)
    let mut links: BTreeMap<&str, (usize, usize)> =
        ws.systems.keys().map(|id| (id.as_str(), (0, 0))).collect();
    for d in ws.dependencies.values() {
        if d.from == d.to || !ws.systems.contains_key(&d.from) || !ws.systems.contains_key(&d.to) {
            continue;
        }
        let other = usize::from(d.kind != DependencyType::StartupOrder);
        for end in [&d.from, &d.to] {
            if let Some(l) = links.get_mut(end.as_str()) {
                l.0 += 1;
                l.1 += other;
            }
        }
    }
    let mut out = LooseEnds::default();
    for (id, (all, other)) in links {
        if all == 0 {
            out.unconnected.push(id.to_owned());
        } else if other == 0 {
            out.startup_only.push(id.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dependency, System};

    #[test]
    fn unconnected_and_startup_only_systems() {
        let mut ws = Workspace::new("t");
        for id in ["a", "b", "c", "d", "e"] {
            ws.systems.insert(id.into(), System::new(id, id));
        }
        for (from, to, kind) in [
            ("a", "b", DependencyType::Sync),
            ("c", "b", DependencyType::StartupOrder),
            ("d", "d", DependencyType::Sync),
            ("e", "ghost", DependencyType::Sync),
        ] {
            let d = Dependency::new(from, to, kind);
            ws.dependencies.insert(d.id(), d);
        }
        let loose = loose_ends(&ws);
        assert_eq!(loose.unconnected, vec!["d", "e"]);
        assert_eq!(loose.startup_only, vec!["c"]);
    }
}
