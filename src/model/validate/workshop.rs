//! Checks of the workshop items: views, scenarios, parking lot, decisions and accepted findings.

use super::{
    Checker, ItemKind, Problem, Severity, Workspace, check_dependency, check_key, check_system,
};

/// Views, scenarios, parking lot, decisions and accepted findings.
pub(crate) fn check_workshop(out: &mut Vec<Problem>, ws: &Workspace) {
    for (key, v) in &ws.views {
        check_key(out, ItemKind::View, key, &v.id);
        check_view(out, ws, v);
    }
    for (key, s) in &ws.scenarios {
        check_key(out, ItemKind::Scenario, key, &s.id);
        check_scenario(out, ws, s);
    }
    for (key, p) in &ws.parking_lot {
        check_key(out, ItemKind::ParkingLot, key, &p.id);
        check_parking(out, ws, p);
    }
    for (key, d) in &ws.decisions {
        check_key(out, ItemKind::Decision, key, &d.id);
        check_decision(out, ws, d);
    }
    for (key, a) in &ws.accepted_findings {
        check_key(out, ItemKind::AcceptedFinding, key, &a.finding);
        check_accepted(out, ws, a);
    }
    super::plan::check_roadmap(out, ws);
}

pub(crate) fn check_view(out: &mut Vec<Problem>, ws: &Workspace, v: &crate::model::View) {
    let mut c = Checker {
        out,
        kind: ItemKind::View,
        id: &v.id,
    };
    c.slug("id", &v.id);
    c.links(
        "highlighted",
        &v.highlighted,
        |l| ws.has_element(l),
        "a system or dependency",
    );
    if let Some(focus) = &v.filters.focus
        && !ws.systems.contains_key(&focus.system)
    {
        c.error(
            "filters.focus.system",
            format!("system \"{}\" does not exist", focus.system),
        );
    }
    if let Some(cam) = v.camera {
        if !(cam.zoom.is_finite() && cam.zoom > 0.0) {
            c.error(
                "camera.zoom",
                format!("{} must be a positive number", cam.zoom),
            );
        }
        if !cam.center.x.is_finite() || !cam.center.y.is_finite() {
            c.error("camera.center", "must be finite numbers");
        }
    }
}

/// Checks a scenario against the state it is applied to: today's map, or for a scenario the
/// roadmap applies after its first phase, the state the phases before leave (see
/// [`Workspace::roadmap_base`]), so it may connect to systems an earlier phase adds.
pub(crate) fn check_scenario(out: &mut Vec<Problem>, ws: &Workspace, s: &crate::model::Scenario) {
    let base = ws.roadmap_base(&s.id);
    let map = if base.is_some() {
        "the map the roadmap's earlier phases leave"
    } else {
        "the current map"
    };
    check_scenario_on(out, base.as_ref().unwrap_or(ws), s, map);
}

fn check_scenario_on(
    out: &mut Vec<Problem>,
    ws: &Workspace,
    s: &crate::model::Scenario,
    map: &str,
) {
    let mut sub = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let clash = |sub: &mut Vec<Problem>, kind: ItemKind, id: String, message: &str| {
        sub.push(Problem {
            severity: Severity::Error,
            kind,
            id,
            field: "id".into(),
            message: message.into(),
        });
    };
    for added in &s.added_systems {
        check_system(&mut sub, added);
        if ws.systems.contains_key(&added.id) {
            clash(
                &mut sub,
                ItemKind::System,
                added.id.clone(),
                &format!("already exists in {map}; a scenario adds only new systems"),
            );
        } else if !seen.insert(added.id.clone()) {
            clash(
                &mut sub,
                ItemKind::System,
                added.id.clone(),
                "is added twice in this scenario",
            );
        }
    }
    let exists =
        |id: &str| ws.systems.contains_key(id) || s.added_systems.iter().any(|a| a.id == id);
    let removed_system =
        |id: &str| ws.systems.contains_key(id) && s.removed.iter().any(|r| r == id);
    for dep in &s.added_dependencies {
        check_dependency(&mut sub, ws, dep, exists);
        let id = dep.id();
        if ws.dependencies.contains_key(&id) {
            clash(
                &mut sub,
                ItemKind::Dependency,
                id,
                &format!("already exists in {map}; a scenario adds only new dependencies"),
            );
        } else if !seen.insert(id.clone()) {
            clash(
                &mut sub,
                ItemKind::Dependency,
                id,
                "is added twice in this scenario",
            );
        } else {
            for end in [&dep.from, &dep.to] {
                if removed_system(end) {
                    clash(
                        &mut sub,
                        ItemKind::Dependency,
                        id.clone(),
                        &format!(
                            "connects system \"{end}\", which this scenario removes; \
                             keep the system or drop the dependency"
                        ),
                    );
                }
            }
        }
    }
    let mut c = Checker {
        out,
        kind: ItemKind::Scenario,
        id: &s.id,
    };
    c.slug("id", &s.id);
    for id in &s.removed {
        if !ws.has_element(id) {
            c.warn(
                "removed",
                format!(
                    "\"{id}\" is not a system or dependency in this workspace (any more); \
                     it is ignored, remove it from the list"
                ),
            );
        }
    }
    for p in sub {
        let field = format!("added {} \"{}\", {}", p.kind.label(), p.id, p.field);
        c.push(p.severity, field, p.message);
    }
}

pub(crate) fn check_parking(
    out: &mut Vec<Problem>,
    ws: &Workspace,
    p: &crate::model::ParkingLotItem,
) {
    let mut c = Checker {
        out,
        kind: ItemKind::ParkingLot,
        id: &p.id,
    };
    c.slug("id", &p.id);
    if p.question.trim().is_empty() {
        c.error("question", "a parking-lot item needs a question");
    }
    c.links(
        "links",
        &p.links,
        |l| ws.has_linkable(l),
        "a system, dependency, debt item or failure mode",
    );
}

pub(crate) fn check_decision(out: &mut Vec<Problem>, ws: &Workspace, d: &crate::model::Decision) {
    let mut c = Checker {
        out,
        kind: ItemKind::Decision,
        id: &d.id,
    };
    c.slug("id", &d.id);
    if d.decision.trim().is_empty() {
        c.error("decision", "a council decision needs its text");
    }
    c.links(
        "links",
        &d.links,
        |l| ws.has_linkable(l),
        "a system, dependency, debt item or failure mode",
    );
}

pub(crate) fn check_accepted(
    out: &mut Vec<Problem>,
    ws: &Workspace,
    a: &crate::model::AcceptedFinding,
) {
    let mut c = Checker {
        out,
        kind: ItemKind::AcceptedFinding,
        id: &a.finding,
    };
    if a.finding.trim().is_empty() {
        c.error("finding", "the finding id is empty");
    }
    if let Some(decision) = &a.decision
        && !ws.decisions.contains_key(decision)
    {
        c.error(
            "decision",
            format!("council decision \"{decision}\" does not exist"),
        );
    }
}
