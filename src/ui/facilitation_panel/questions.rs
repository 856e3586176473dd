//! Questions a facilitator asks about one system, generated from the map: its data entities,
//! time windows, neighbours and owner, plus a fixed set per dependency category.
//!
//! Plain functions on the workspace (no egui), so they are tested without a window.

use std::collections::BTreeSet;

use crate::model::{
    Days, DependencyType, EntityRole, System, SystemKind, TimeWindow, WindowEffect, Workspace,
};

pub use super::review::Category;

/// Names joined for a sentence: "A", "A and B", "A, B and C", "A, B, C and 2 more".
pub fn join_names(names: &[&str]) -> String {
    join_with(names, "and")
}

/// As [`join_names`] with another conjunction ("A, B or C").
fn join_with(names: &[&str], conjunction: &str) -> String {
    crate::text::list(names, conjunction, 3)
}

/// `"mon,tue,wed,thu,fri"` read aloud: "Mon–Fri", "daily", "at month-end", "Sat, Sun".
fn days_text(days: Days) -> String {
    match days {
        Days::Daily => "daily".into(),
        Days::MonthEnd => "at month-end".into(),
        Days::Weekdays(0b001_1111) => "Mon–Fri".into(),
        Days::Weekdays(0b110_0000) => "weekends".into(),
        Days::Weekdays(_) => {
            let words: Vec<String> = days
                .to_string()
                .split(',')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                        .unwrap_or_default()
                })
                .collect();
            words.join(", ")
        }
    }
}

/// "nightly batch (daily 01:00–04:00)".
fn window_text(w: &TimeWindow) -> String {
    format!("{} ({} {})", w.label, days_text(w.days), w.span_text())
}

/// The systems directly connected to `system`: those it needs and those that need it.
struct Neighbours<'a> {
    /// Systems that need `system` (dependencies ending at it), by name.
    callers: Vec<&'a System>,
    /// Systems `system` needs.
    needs: Vec<&'a System>,
}

fn neighbours<'a>(ws: &'a Workspace, id: &str) -> Neighbours<'a> {
    let mut callers: Vec<&System> = Vec::new();
    let mut needs: Vec<&System> = Vec::new();
    for d in ws.dependencies.values() {
        if d.to == id
            && d.from != id
            && let Some(s) = ws.systems.get(&d.from)
            && !callers.iter().any(|c| c.id == s.id)
        {
            callers.push(s);
        }
        if d.from == id
            && d.to != id
            && let Some(s) = ws.systems.get(&d.to)
            && !needs.iter().any(|c| c.id == s.id)
        {
            needs.push(s);
        }
    }
    callers.sort_by(|a, b| a.name.cmp(&b.name));
    needs.sort_by(|a, b| a.name.cmp(&b.name));
    Neighbours { callers, needs }
}

/// The questions to ask about `system_id`, grouped by category in [`Category::ALL`] order:
/// first the ones the map suggests (naming the system and its neighbours), then a fixed set.
/// Empty if the system does not exist.
pub fn questions(ws: &Workspace, system_id: &str) -> Vec<(Category, String)> {
    let Some(sys) = ws.systems.get(system_id) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    business_process(ws, sys, &mut out);
    data_flow(ws, sys, &mut out);
    timing(ws, sys, &mut out);
    human_workflow(ws, sys, &mut out);
    let mut seen = BTreeSet::new();
    out.retain(|(_, q)| seen.insert(q.clone()));
    out
}

fn names<'a>(systems: &[&'a System]) -> Vec<&'a str> {
    systems.iter().map(|s| s.name.as_str()).collect()
}

fn business_process(ws: &Workspace, sys: &System, out: &mut Vec<(Category, String)>) {
    let c = Category::BusinessProcess;
    let name = &sys.name;
    let n = neighbours(ws, &sys.id);
    let mut q = |s: String| out.push((c, s));
    q(format!(
        "Which business steps stop if {name} is down for an hour?"
    ));
    if n.callers.is_empty() {
        q(format!(
            "Nothing on the map needs {name} yet — is that so? Which reports, exports or people use it?"
        ));
    } else {
        q(format!(
            "What happens to {} when {name} is slow?",
            join_names(&names(&n.callers))
        ));
    }
    for d in ws.dependencies.values() {
        if d.kind != DependencyType::BusinessProcess {
            continue;
        }
        let what = if d.label.is_empty() {
            String::new()
        } else {
            format!(" ({})", d.label)
        };
        if d.from == sys.id {
            q(format!(
                "Which step of {name} waits on {}{what}, and what does the business do while it waits?",
                ws.system_name(&d.to)
            ));
        } else if d.to == sys.id {
            q(format!(
                "{} waits on {name}{what} — is there a manual fallback when {name} cannot answer?",
                ws.system_name(&d.from)
            ));
        }
    }
    if matches!(
        sys.criticality,
        crate::model::Criticality::High | crate::model::Criticality::Critical
    ) {
        q(format!(
            "{name} is rated {} — which business process makes it so, and what degraded mode can the business run in?",
            sys.criticality.label().to_lowercase()
        ));
    }
    if let (Some(cap), Some(peak)) = (sys.capacity, sys.peak_load)
        && cap.unit == peak.unit
    {
        if peak.value > cap.value {
            q(format!(
                "{name} is built for {cap} but peaks at {peak} — what does the business do while it queues or turns work away?"
            ));
        } else {
            q(format!(
                "{name} handles {cap} and peaks at {peak} — which business event (a sale, month-end, a campaign) could push it past that?"
            ));
        }
    }
    q(format!(
        "Which business process has no degraded mode if {name} fails?"
    ));
    q(format!(
        "Which failure of {name} would the council accept, and for how long?"
    ));
    q(format!(
        "Where would a customer or user notice first that {name} misbehaves?"
    ));
}

fn data_flow(ws: &Workspace, sys: &System, out: &mut Vec<(Category, String)>) {
    let c = Category::DataFlow;
    let name = &sys.name;
    let mut q = |s: String| out.push((c, s));
    for e in &sys.entities {
        let entity = &e.entity;
        let owners: Vec<&str> = ws
            .systems
            .values()
            .filter(|s| {
                s.entities
                    .iter()
                    .any(|x| x.entity == *entity && x.role == EntityRole::SourceOfTruth)
            })
            .map(|s| s.name.as_str())
            .collect();
        match e.role {
            EntityRole::SourceOfTruth if owners.len() > 1 => q(format!(
                "{} {} claim to own the {entity} record — who wins?",
                join_names(&owners),
                if owners.len() == 2 { "both" } else { "all" }
            )),
            EntityRole::SourceOfTruth => q(format!(
                "{name} owns the {entity} — which other systems write a copy of it, and how do they hear about changes?"
            )),
            EntityRole::Replica | EntityRole::Cache => {
                let role = if e.role == EntityRole::Cache {
                    "cached"
                } else {
                    "replicated"
                };
                if owners.is_empty() {
                    q(format!(
                        "Which system is the source of truth for the {entity}? Nobody on the map claims it."
                    ));
                } else {
                    q(format!(
                        "Which system is the source of truth for the {entity} — {}?",
                        join_names(&owners)
                    ));
                }
                q(format!(
                    "How stale may the {role} {entity} in {name} get, and who notices when it is wrong?"
                ));
            }
        }
    }
    if sys.entities.is_empty() {
        q(format!(
            "Which data does {name} hold, and is it the source of truth for any of it?"
        ));
    }
    // Per entity carried to or from this system: the systems at the other end.
    let mut shared: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for d in ws.dependencies.values() {
        let other = if d.from == sys.id {
            &d.to
        } else if d.to == sys.id {
            &d.from
        } else {
            continue;
        };
        for e in &d.entities {
            let with = shared.entry(e.as_str()).or_default();
            let name = ws.system_name(other);
            if !with.contains(&name) {
                with.push(name);
            }
        }
    }
    for (entity, mut with) in shared {
        with.sort_unstable();
        q(format!(
            "{name} shares the {entity} with {}: what breaks if a change arrives late, twice or not at all?",
            join_names(&with)
        ));
    }
    let direct: Vec<&str> = ws
        .dependencies
        .values()
        .filter(|d| d.kind == DependencyType::Data && d.to == sys.id)
        .map(|d| ws.system_name(&d.from))
        .collect();
    if sys.kind == SystemKind::Database || !direct.is_empty() {
        if direct.is_empty() {
            q(format!(
                "Which systems read or write {name} directly, and who would notice a schema change?"
            ));
        } else {
            q(format!(
                "{} read or write {name} directly — who would notice a schema change or a long lock?",
                join_names(&direct)
            ));
        }
    }
    q(format!(
        "Which data leaves {name} outside the map: files, exports, shared tables?"
    ));
    q(format!(
        "When a record changes in {name}, which systems must hear about it, and how fast?"
    ));
}

fn timing(ws: &Workspace, sys: &System, out: &mut Vec<(Category, String)>) {
    let c = Category::Timing;
    let name = &sys.name;
    let n = neighbours(ws, &sys.id);
    let mut q = |s: String| out.push((c, s));
    for w in &sys.windows {
        let when = format!("{} ({} {})", w.label, days_text(w.days), w.span_text());
        q(format!("What else runs during {when}?"));
        match w.effect {
            WindowEffect::Locks if !n.callers.is_empty() => q(format!(
                "{name} locks records during {}: what happens to {} while they wait?",
                w.label,
                join_names(&names(&n.callers))
            )),
            WindowEffect::Offline => q(format!(
                "Who needs {name} while it is offline for {}?",
                w.label
            )),
            WindowEffect::Peak => q(format!(
                "Which batch runs, locks or maintenance fall inside {name}'s {}?",
                w.label
            )),
            _ => {}
        }
        for other in n.callers.iter().chain(n.needs.iter()) {
            for ow in &other.windows {
                if let Some(when) = crate::analysis::windows_overlap(w, ow, &ws.timezone) {
                    q(format!(
                        "{name}'s {} overlaps {}'s {}{when} — which one gives way?",
                        window_text(w),
                        other.name,
                        window_text(ow)
                    ));
                }
            }
        }
    }
    if sys.windows.is_empty() {
        q(format!(
            "{name} has no time windows on the map: does it have a batch run, a maintenance window or peak hours?"
        ));
    }
    for d in ws.dependencies.values() {
        if d.from != sys.id && d.to != sys.id {
            continue;
        }
        let (from, to) = (ws.system_name(&d.from), ws.system_name(&d.to));
        for w in &d.windows {
            q(format!(
                "{from} needs {to} during {} — what happens when it overruns?",
                window_text(w)
            ));
        }
        match d.kind {
            DependencyType::StartupOrder => q(format!(
                "{from} must start after {to} — what happens when {to} restarts on its own?"
            )),
            DependencyType::Sync if d.from == sys.id && d.timeout_ms.is_none() => q(format!(
                "{from} calls {to} with no timeout on the map — how long does it wait before giving up?"
            )),
            _ => {}
        }
        if d.from == sys.id && d.retries > 0 {
            q(format!(
                "{from} retries {to} {} — what load does that put on {to} when it is already slow?",
                crate::text::plural(d.retries as usize, "time", "times")
            ));
        }
    }
    q("What runs during month-end close or the nightly batch?".to_owned());
    q(format!(
        "When is {name} under peak load, and does that meet anyone's batch window?"
    ));
    q(format!(
        "How late may data from {name} arrive before someone notices?"
    ));
}

fn human_workflow(ws: &Workspace, sys: &System, out: &mut Vec<(Category, String)>) {
    let c = Category::HumanWorkflow;
    let name = &sys.name;
    let n = neighbours(ws, &sys.id);
    let mut q = |s: String| out.push((c, s));
    let mut all: Vec<&System> = n.callers.iter().chain(n.needs.iter()).copied().collect();
    all.sort_by(|a, b| a.name.cmp(&b.name));
    all.dedup_by(|a, b| a.id == b.id);
    if all.len() <= 2 {
        for other in &all {
            q(format!(
                "Who re-keys data between {name} and {} by hand?",
                other.name
            ));
        }
    } else {
        q(format!(
            "Who re-keys data between {name} and {} by hand?",
            join_with(&names(&all), "or")
        ));
    }
    for d in ws.dependencies.values() {
        if d.kind != DependencyType::HumanWorkflow || (d.from != sys.id && d.to != sys.id) {
            continue;
        }
        let what = if d.label.is_empty() {
            "a manual step".to_owned()
        } else {
            d.label.clone()
        };
        q(format!(
            "{} needs {} through {what} — who does it, and who covers holidays and sick days?",
            ws.system_name(&d.from),
            ws.system_name(&d.to)
        ));
    }
    if sys.owner.trim().is_empty() {
        q(format!(
            "Nobody owns {name} on the map — who is called at 3 a.m. when it fails?"
        ));
    } else {
        q(format!("Who is called at 3 a.m. when {name} fails?"));
        q(format!(
            "{name} belongs to {} — who stands in when they are away?",
            sys.owner
        ));
    }
    if sys.kind == SystemKind::Team {
        q(format!(
            "Which systems does {name} keep running by hand, and what piles up when they are busy?"
        ));
    }
    q(format!(
        "Which spreadsheets or exports are made from {name}, and who relies on them?"
    ));
    q(format!(
        "Which approvals around {name} happen outside it — by e-mail, phone or paper?"
    ));
    q(format!(
        "Which vendor or partner has to be called when {name} misbehaves?"
    ));
}

#[cfg(test)]
mod tests;
