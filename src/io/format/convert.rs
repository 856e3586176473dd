//! Model ⇄ file: `From<&model::X> for v2::X` to write, `From<v2::X> for model::X` to read, and
//! `TryFrom<v2::File> for Workspace`, which turns the file's lists into id-keyed maps and names
//! every id used twice.

use std::collections::BTreeMap;

use super::v2;
use crate::io::FILE_VERSION;
use crate::model::{self, ItemKind, Problem, Severity, Workspace};

/// Both directions for a struct with the same fields in the model and the file: plain fields
/// as they are, `nested` fields through `From`, `lists` element-wise, `options` inside the
/// option. Writing borrows the model; reading moves the file's values. Every field must be
/// named (a struct literal), so a field added on either side without the other fails to compile,
/// and so does a field renamed on one side only: then write that struct's `From` pair by hand,
/// mapping the new model name to the file's unchanged one.
macro_rules! both_ways {
    ($name:ident {
        $($field:ident),* ;
        nested: [$($nested:ident),*] ;
        lists: [$($list:ident),*] ;
        options: [$($option:ident),*] $(;)?
    }) => {
        impl From<&model::$name> for v2::$name {
            #[allow(clippy::clone_on_copy, reason = "one macro for every field type")]
            fn from(x: &model::$name) -> Self {
                v2::$name {
                    $($field: x.$field.clone(),)*
                    $($nested: (&x.$nested).into(),)*
                    $($list: x.$list.iter().map(Into::into).collect(),)*
                    $($option: x.$option.as_ref().map(Into::into),)*
                }
            }
        }

        impl From<v2::$name> for model::$name {
            fn from(x: v2::$name) -> Self {
                model::$name {
                    $($field: x.$field,)*
                    $($nested: x.$nested.into(),)*
                    $($list: x.$list.into_iter().map(Into::into).collect(),)*
                    $($option: x.$option.map(Into::into),)*
                }
            }
        }
    };
}

both_ways!(CanvasPos { x, y; nested: []; lists: []; options: [] });
both_ways!(Backdrop {
    path, scale, quarter_turns, opacity, locked, presenting;
    nested: [offset]; lists: []; options: []
});
both_ways!(Load { value, unit; nested: []; lists: []; options: [] });
both_ways!(DataEntity { entity, role; nested: []; lists: []; options: [] });
both_ways!(ReviewChecklist {
    business_process, data_flow, timing, human_workflow;
    nested: []; lists: []; options: []
});
both_ways!(TimeWindow {
    label, days, start_min, end_min, timezone, effect;
    nested: []; lists: []; options: []
});
both_ways!(System {
    id, name, kind, owner, tech, description, tags, criticality, latency_ms, group, pinned, notes;
    nested: [review];
    lists: [windows, entities];
    options: [capacity, peak_load, pos]
});
both_ways!(Dependency {
    from, to, kind, label, protocol, criticality, timeout_ms, retries, calls_per_request,
    circuit_breaker, blocking, fallback, role, entities, notes;
    nested: [];
    lists: [windows];
    options: [rollout, watch, cost]
});
both_ways!(Rollout {
    rollback_trigger, rollback_action, gate;
    nested: []; lists: [stages, signals]; options: []
});
both_ways!(Stage { share_percent, min_hours, status, date; nested: []; lists: []; options: [] });
both_ways!(Signal { what, threshold; nested: []; lists: []; options: [] });
both_ways!(ProductionChecks {
    monitored, monitored_by, synthetic, shadow;
    nested: []; lists: []; options: []
});
both_ways!(Cost { hours_per_month, teams; nested: []; lists: []; options: [] });
both_ways!(Phase {
    id, name, scenario, target_date, owner, notes;
    nested: []; lists: []; options: []
});
both_ways!(DebtItem {
    id, title, description, links, kind, impact, owner, status, created, review, notes;
    nested: []; lists: []; options: []
});
both_ways!(Trigger { element, how; nested: []; lists: []; options: [] });
both_ways!(ResponseStep { actor, action, minutes; nested: []; lists: []; options: [] });
both_ways!(Rehearsal { date, duration_min, duration_s, notes; nested: []; lists: []; options: [] });
both_ways!(FailureMode {
    id, title, detection, degraded_mode, rollback, severity, occurrence, detection_rating, status;
    nested: [trigger];
    lists: [steps, rehearsals];
    options: []
});
both_ways!(Focus { system, hops, direction; nested: []; lists: []; options: [] });
both_ways!(Filters {
    hidden_types, kinds, owners, tags, groups, mode;
    nested: []; lists: []; options: [focus]
});
both_ways!(Camera { zoom; nested: [center]; lists: []; options: [] });
both_ways!(View {
    id, name, highlighted;
    nested: [filters];
    lists: [];
    options: [camera]
});
both_ways!(Scenario {
    id, name, description, removed;
    nested: [];
    lists: [added_systems, added_dependencies];
    options: []
});
both_ways!(ParkingLotItem {
    id, question, raised_by, links, created, answered, answer;
    nested: []; lists: []; options: []
});
both_ways!(Decision {
    id, date, decision, decided_by, trade_off, links;
    nested: []; lists: []; options: []
});
both_ways!(AcceptedFinding { finding, reason, decision; nested: []; lists: []; options: [] });

/// The workspace as the file writes it: lists in id order, this build's version.
impl From<&Workspace> for v2::File {
    fn from(ws: &Workspace) -> Self {
        fn list<'a, M: 'a, F: From<&'a M>>(map: &'a BTreeMap<String, M>) -> Vec<F> {
            map.values().map(F::from).collect()
        }
        v2::File {
            version: u64::from(FILE_VERSION),
            title: ws.title.clone(),
            description: ws.description.clone(),
            timezone: ws.timezone.clone(),
            layout: ws.layout,
            backdrop: ws.backdrop.as_ref().map(Into::into),
            systems: list(&ws.systems),
            dependencies: list(&ws.dependencies),
            debt: list(&ws.debt),
            failure_modes: list(&ws.failure_modes),
            views: list(&ws.views),
            scenarios: list(&ws.scenarios),
            roadmap: ws.roadmap.iter().map(Into::into).collect(),
            parking_lot: list(&ws.parking_lot),
            decisions: list(&ws.decisions),
            accepted_findings: list(&ws.accepted_findings),
        }
    }
}

/// The file's lists keyed by id; an id used twice is an error naming it (the version is checked
/// before, by the caller).
impl TryFrom<v2::File> for Workspace {
    type Error = Vec<Problem>;

    fn try_from(file: v2::File) -> Result<Self, Self::Error> {
        let mut problems = Vec::new();
        let mut ws = Workspace::new(file.title);
        ws.description = file.description;
        ws.timezone = file.timezone;
        ws.layout = file.layout;
        ws.backdrop = file.backdrop.map(Into::into);
        ws.systems = keyed(
            file.systems,
            ItemKind::System,
            |s: &model::System| s.id.clone(),
            &mut problems,
        );
        ws.dependencies = keyed(
            file.dependencies,
            ItemKind::Dependency,
            model::Dependency::id,
            &mut problems,
        );
        ws.debt = keyed(
            file.debt,
            ItemKind::Debt,
            |d: &model::DebtItem| d.id.clone(),
            &mut problems,
        );
        ws.failure_modes = keyed(
            file.failure_modes,
            ItemKind::FailureMode,
            |f: &model::FailureMode| f.id.clone(),
            &mut problems,
        );
        ws.views = keyed(
            file.views,
            ItemKind::View,
            |v: &model::View| v.id.clone(),
            &mut problems,
        );
        ws.scenarios = keyed(
            file.scenarios,
            ItemKind::Scenario,
            |s: &model::Scenario| s.id.clone(),
            &mut problems,
        );
        ws.roadmap = file.roadmap.into_iter().map(Into::into).collect();
        ws.parking_lot = keyed(
            file.parking_lot,
            ItemKind::ParkingLot,
            |p: &model::ParkingLotItem| p.id.clone(),
            &mut problems,
        );
        ws.decisions = keyed(
            file.decisions,
            ItemKind::Decision,
            |d: &model::Decision| d.id.clone(),
            &mut problems,
        );
        ws.accepted_findings = keyed(
            file.accepted_findings,
            ItemKind::AcceptedFinding,
            |a: &model::AcceptedFinding| a.finding.clone(),
            &mut problems,
        );
        if problems.is_empty() {
            Ok(ws)
        } else {
            Err(problems)
        }
    }
}

/// Converts each item and keys it by `id_of`, reporting ids used twice.
fn keyed<F, M: From<F>>(
    items: Vec<F>,
    kind: ItemKind,
    id_of: impl Fn(&M) -> String,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, M> {
    let mut map = BTreeMap::new();
    for item in items {
        let item = M::from(item);
        match map.entry(id_of(&item)) {
            std::collections::btree_map::Entry::Occupied(e) => problems.push(Problem {
                severity: Severity::Error,
                kind,
                id: e.key().clone(),
                field: "id".into(),
                message: format!("the id \"{}\" is used twice; ids must be unique", e.key()),
            }),
            std::collections::btree_map::Entry::Vacant(e) => {
                e.insert(item);
            }
        }
    }
    map
}
