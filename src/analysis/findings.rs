//! Structural findings: sync cycles, single points of failure, shared stores, data sovereignty.

use std::collections::{BTreeMap, BTreeSet};

use super::graph::{self, Graph};
use super::text::names;
use super::{Finding, FindingKind, Severity, SharedStore, SinglePoint};
use crate::model::{DependencyType, EntityRole, SystemKind, Workspace};
use crate::text::{both_or_all, noun, plural, the_others};

/// A finding with its id; the severity, score and dependants are set by `rank` afterwards.
pub(crate) fn finding(kind: FindingKind, id: String) -> Finding {
    Finding {
        id,
        kind,
        severity: Severity::Low,
        score: 0.0,
        dependants: 0,
        systems: Vec::new(),
        origin: Vec::new(),
        dependencies: Vec::new(),
        sentence: String::new(),
        mitigation: String::new(),
        accepted: None,
    }
}

/// Strongly connected components of size > 1 over sync dependencies.
pub(crate) fn cycles(ws: &Workspace, g: &Graph, out: &mut Vec<Finding>) -> Vec<Vec<String>> {
    let mut cycles: Vec<Vec<String>> = graph::sccs(&g.sync_out)
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|c| {
            let mut ids: Vec<String> = c.iter().map(|&i| g.ids[i].to_owned()).collect();
            ids.sort();
            ids
        })
        .collect();
    cycles.sort();
    for ids in &cycles {
        let members: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
        let deps: Vec<String> = ws
            .dependencies
            .iter()
            .filter(|(_, d)| {
                d.kind == DependencyType::Sync
                    && members.contains(d.from.as_str())
                    && members.contains(d.to.as_str())
            })
            .map(|(id, _)| id.clone())
            .collect();
        let mut f = finding(FindingKind::Cycle, format!("cycle:{}", ids.join(",")));
        f.sentence = if ids.len() == 2 {
            format!(
                "{} call each other synchronously in a loop: when either slows down, both wait \
                 on each other and neither can recover alone.",
                names(ws, ids)
            )
        } else {
            format!(
                "{} call each other synchronously in a loop: when any one of these {} systems \
                 slows down, all of them wait on each other and none can recover alone.",
                names(ws, ids),
                ids.len()
            )
        };
        f.mitigation = "Break the loop: turn one of the calls into an async message on a queue, \
                        or put a circuit breaker with a degraded mode on it."
            .into();
        f.systems = ids.clone();
        f.dependencies = deps;
        out.push(f);
    }
    cycles
}

/// Every system's transitive dependant count over runtime dependencies, plus articulation points.
pub(crate) fn single_points(
    ws: &Workspace,
    g: &Graph,
    counts: &[usize],
    out: &mut Vec<Finding>,
) -> Vec<SinglePoint> {
    let cut = graph::articulation_points(&g.runtime_out);
    let others = g.len().saturating_sub(1).max(1);
    let mut points: Vec<SinglePoint> = (0..g.len())
        .map(|i| SinglePoint {
            system: g.ids[i].to_owned(),
            dependants: counts[i],
            articulation: cut[i],
        })
        .collect();
    points.sort_by(|a, b| {
        b.dependants
            .cmp(&a.dependants)
            .then(a.system.cmp(&b.system))
    });
    for p in &points {
        if p.dependants < 3 && !(p.articulation && p.dependants > 0) {
            continue;
        }
        let share = p.dependants as f64 / others as f64;
        let mut f = finding(
            FindingKind::SinglePoint,
            format!("single-point:{}", p.system),
        );
        let name = ws.system_name(&p.system);
        f.sentence = format!(
            "If {name} stops, {} that {} on it directly or through others {} with it \
             ({:.0}% of the map){}.",
            plural(p.dependants, "other system", "other systems"),
            noun(p.dependants, "depends", "depend"),
            noun(p.dependants, "stops or degrades", "stop or degrade"),
            share * 100.0,
            if p.articulation {
                ", and it is the only link between parts of the map"
            } else {
                ""
            }
        );
        let kind = ws
            .systems
            .get(&p.system)
            .map(|s| s.kind)
            .unwrap_or_default();
        f.mitigation = super::advice::outage(kind, name);
        f.systems = vec![p.system.clone()];
        out.push(f);
    }
    points
}

/// Databases and caches reached by `data` dependencies from two or more systems.
pub(crate) fn shared_stores(ws: &Workspace, out: &mut Vec<Finding>) -> Vec<SharedStore> {
    let mut by_store: BTreeMap<&str, (BTreeSet<&str>, Vec<String>)> = BTreeMap::new();
    for (id, d) in &ws.dependencies {
        if d.kind != DependencyType::Data || d.from == d.to {
            continue;
        }
        let Some(store) = ws.systems.get(&d.to) else {
            continue;
        };
        if !matches!(store.kind, SystemKind::Database | SystemKind::Cache)
            || !ws.systems.contains_key(&d.from)
        {
            continue;
        }
        let e = by_store.entry(d.to.as_str()).or_default();
        e.0.insert(d.from.as_str());
        e.1.push(id.clone());
    }
    let mut stores = Vec::new();
    for (store, (accessors, deps)) in by_store {
        if accessors.len() < 2 {
            continue;
        }
        let accessors: Vec<String> = accessors.into_iter().map(str::to_owned).collect();
        let is_cache = ws
            .systems
            .get(store)
            .is_some_and(|s| s.kind == SystemKind::Cache);
        let mut f = finding(FindingKind::SharedStore, format!("shared-store:{store}"));
        let name = ws.system_name(store);
        f.sentence = if is_cache {
            format!(
                "{} {} read {name} directly: one invalidation or outage of this cache hits {} \
                 at the same moment.",
                names(ws, &accessors),
                both_or_all(accessors.len()),
                if accessors.len() == 2 {
                    "both".to_owned()
                } else {
                    format!("all {}", accessors.len())
                }
            )
        } else {
            format!(
                "{} {} read and write {name} directly: their loads add up there, and a lock \
                 taken by one stalls {}.",
                names(ws, &accessors),
                both_or_all(accessors.len()),
                the_others(accessors.len() - 1)
            )
        };
        f.mitigation = format!(
            "Name one owner of {name} and give the others an API, a read replica or a queue; \
             partition the data or balance the load."
        );
        f.systems = accessors.clone();
        f.systems.push(store.to_owned());
        f.origin = vec![store.to_owned()];
        f.dependencies = deps;
        out.push(f);
        stores.push(SharedStore {
            store: store.to_owned(),
            accessors,
        });
    }
    stores
}

/// Entities with several sources of truth, copies of entities nobody owns, and copies read by
/// other systems (stale reads while the copy lags).
pub(crate) fn sovereignty(ws: &Workspace, out: &mut Vec<Finding>) {
    // entity → role → holders
    let mut holders: BTreeMap<&str, BTreeMap<EntityRole, BTreeSet<&str>>> = BTreeMap::new();
    for s in ws.systems.values() {
        for e in &s.entities {
            holders
                .entry(e.entity.as_str())
                .or_default()
                .entry(e.role)
                .or_default()
                .insert(s.id.as_str());
        }
    }
    for (entity, roles) in &holders {
        let owners: Vec<String> = roles
            .get(&EntityRole::SourceOfTruth)
            .map(|s| s.iter().map(|x| (*x).to_owned()).collect())
            .unwrap_or_default();
        let copies: Vec<String> = [EntityRole::Replica, EntityRole::Cache]
            .iter()
            .filter_map(|r| roles.get(r))
            .flatten()
            .map(|x| (*x).to_owned())
            .collect();
        if owners.len() >= 2 {
            let mut f = finding(FindingKind::Sovereignty, format!("sovereignty:{entity}"));
            f.sentence = format!(
                "{} {} believe they are the source of truth for {entity}: when a {entity} \
                 changes in one of them, nobody can say which copy is right, and what reads {} \
                 is wrong until they are reconciled.",
                names(ws, &owners),
                if owners.len() == 2 { "both" } else { "each" },
                if owners.len() == 2 {
                    "the other"
                } else {
                    "the others"
                }
            );
            f.mitigation = format!(
                "Name one source of truth for {entity}; make the others replicas fed from it \
                 (events on a queue) and agree the acceptable propagation delay."
            );
            f.systems = owners.clone();
            out.push(f);
        } else if owners.is_empty() && !copies.is_empty() {
            let mut f = finding(FindingKind::Sovereignty, format!("orphan-copy:{entity}"));
            f.sentence = format!(
                "{} {} copies of {entity}, but no system on the map is its source of truth: \
                 nobody can say which copy is current.",
                names(ws, &copies),
                noun(copies.len(), "holds", "hold")
            );
            f.mitigation = format!(
                "Find (or map) the system that owns {entity} and mark it source of truth; feed \
                 the copies from it."
            );
            f.systems = copies.clone();
            out.push(f);
        }
        stale_copies(ws, entity, roles, &owners, out);
    }
}

/// A cache or replica of an owned entity read by another system over `data`: the reader acts on
/// stale figures while the copy lags behind the owner.
fn stale_copies(
    ws: &Workspace,
    entity: &str,
    roles: &BTreeMap<EntityRole, BTreeSet<&str>>,
    owners: &[String],
    out: &mut Vec<Finding>,
) {
    let Some(caches) = roles.get(&EntityRole::Cache) else {
        return;
    };
    if owners.is_empty() {
        return;
    }
    for cache in caches {
        let readers: Vec<(&String, &String)> = ws
            .dependencies
            .iter()
            .filter(|(_, d)| {
                d.to == *cache
                    && d.from != *cache
                    && matches!(d.kind, DependencyType::Data | DependencyType::Sync)
                    && (d.entities.is_empty() || d.entities.iter().any(|e| e == entity))
                    && !owners.contains(&d.from)
            })
            .map(|(id, d)| (id, &d.from))
            .collect();
        if readers.is_empty() {
            continue;
        }
        let reader_ids: Vec<String> = readers.iter().map(|(_, r)| (*r).clone()).collect();
        let mut f = finding(
            FindingKind::Sovereignty,
            format!("stale-copy:{entity}:{cache}"),
        );
        f.sentence = format!(
            "{} {} {entity} from {}, a cache of what {} {}: while the cache lags, {} on stale \
             {entity} figures.",
            names(ws, &reader_ids),
            noun(reader_ids.len(), "reads", "read"),
            ws.system_name(cache),
            names(ws, owners),
            noun(owners.len(), "owns", "own"),
            noun(reader_ids.len(), "it acts", "they act")
        );
        f.mitigation = format!(
            "Give the cache of {entity} a short expiry or invalidate it on change, and let \
             automated actions re-check {entity} at its source of truth before acting."
        );
        f.origin.clone_from(&reader_ids);
        f.systems = reader_ids;
        f.systems.push((*cache).to_owned());
        f.systems.extend(owners.iter().cloned());
        f.dependencies = readers.iter().map(|(id, _)| (*id).clone()).collect();
        out.push(f);
    }
}
