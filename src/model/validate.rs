//! Semantic checks: unique ids, every reference resolves, numbers in range.
//!
//! Each check names the item (kind and id) and the field, so a message can point a user at the
//! exact line to fix. `ops` runs the per-item checks before every edit; `io` runs `validate` on load.

use std::fmt;

pub use super::ids::{is_slug, slugify, unique_id};

use super::{
    DebtItem, Dependency, DependencyType, FailureMode, Load, System, TimeWindow, Workspace,
    time::MINUTES_PER_DAY,
    zone::{is_timezone, timezone_message},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// The kind of item a problem is about (validation), or that differs (diff and merge, where it
/// is `diff::Collection`; written in kebab-case in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    Workspace,
    System,
    Dependency,
    Debt,
    FailureMode,
    View,
    Scenario,
    ParkingLot,
    Decision,
    AcceptedFinding,
    /// A phase of the roadmap.
    Phase,
}

impl ItemKind {
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Workspace => "workspace",
            ItemKind::System => "system",
            ItemKind::Dependency => "dependency",
            ItemKind::Debt => "debt item",
            ItemKind::FailureMode => "failure mode",
            ItemKind::View => "view",
            ItemKind::Scenario => "scenario",
            ItemKind::ParkingLot => "parking-lot item",
            ItemKind::Decision => "decision",
            ItemKind::AcceptedFinding => "accepted finding",
            ItemKind::Phase => "roadmap phase",
        }
    }
}

/// One thing wrong (or suspicious) in a workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub kind: ItemKind,
    pub id: String,
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.kind == ItemKind::Workspace {
            write!(f, "workspace, field `{}`: {}", self.field, self.message)
        } else {
            write!(
                f,
                "{} \"{}\", field `{}`: {}",
                self.kind.label(),
                self.id,
                self.field,
                self.message
            )
        }
    }
}

/// Collects problems about one item.
struct Checker<'a> {
    out: &'a mut Vec<Problem>,
    kind: ItemKind,
    id: &'a str,
}

impl Checker<'_> {
    fn push(&mut self, severity: Severity, field: impl Into<String>, message: impl Into<String>) {
        self.out.push(Problem {
            severity,
            kind: self.kind,
            id: self.id.to_owned(),
            field: field.into(),
            message: message.into(),
        });
    }

    fn error(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Error, field, message);
    }

    fn warn(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Warning, field, message);
    }

    fn slug(&mut self, field: &str, value: &str) {
        if !is_slug(value) {
            self.error(
                field,
                format!(
                    "\"{value}\" is not a valid id: use lowercase letters, digits, '-', '_' or '.', \
                     starting with a letter or digit (e.g. \"{}\")",
                    slugify(value)
                ),
            );
        }
    }

    fn range(&mut self, field: &str, value: u8, lo: u8, hi: u8) {
        if !(lo..=hi).contains(&value) {
            self.error(field, format!("{value} is out of range; use {lo}–{hi}"));
        }
    }

    fn load(&mut self, field: &str, load: Option<&Load>) {
        if let Some(load) = load
            && (!load.value.is_finite() || load.value <= 0.0)
        {
            self.error(
                field,
                format!("value {} must be a positive number", load.value),
            );
        }
    }

    fn windows(&mut self, field: &str, windows: &[TimeWindow]) {
        for (i, w) in windows.iter().enumerate() {
            let field = format!("{field}[{i}]");
            for (name, min) in [("start_min", w.start_min), ("end_min", w.end_min)] {
                if min >= MINUTES_PER_DAY {
                    self.error(
                        format!("{field}.{name}"),
                        format!("{min} is not a minute of the day; use 0–1439 (23:59)"),
                    );
                }
            }
            if w.start_min == w.end_min {
                self.error(
                    format!("{field}.end_min"),
                    "the window is empty: start and end are the same minute",
                );
            }
            if let Some(tz) = &w.timezone
                && !is_timezone(tz)
            {
                self.error(format!("{field}.timezone"), timezone_message(tz));
            }
        }
    }

    fn links(
        &mut self,
        field: &str,
        links: &[String],
        resolves: impl Fn(&str) -> bool,
        what: &str,
    ) {
        for link in links {
            if !resolves(link) {
                self.error(field, format!("\"{link}\" is not {what} in this workspace"));
            }
        }
    }
}

/// Checks a whole workspace. Errors first, then warnings, each group in item order.
pub fn validate(ws: &Workspace) -> Vec<Problem> {
    let mut out = Vec::new();
    if !is_timezone(&ws.timezone) {
        Checker {
            out: &mut out,
            kind: ItemKind::Workspace,
            id: "",
        }
        .error("timezone", timezone_message(&ws.timezone));
    }
    if let Some(b) = &ws.backdrop {
        for (field, message) in b.problems() {
            Checker {
                out: &mut out,
                kind: ItemKind::Workspace,
                id: "",
            }
            .error(field, message);
        }
    }
    for (key, s) in &ws.systems {
        check_key(&mut out, ItemKind::System, key, &s.id);
        check_system(&mut out, s);
    }
    for (key, d) in &ws.dependencies {
        check_key(&mut out, ItemKind::Dependency, key, &d.id());
        check_dependency(&mut out, ws, d, |id| ws.systems.contains_key(id));
    }
    for (key, d) in &ws.debt {
        check_key(&mut out, ItemKind::Debt, key, &d.id);
        check_debt(&mut out, ws, d);
    }
    for (key, f) in &ws.failure_modes {
        check_key(&mut out, ItemKind::FailureMode, key, &f.id);
        check_failure_mode(&mut out, ws, f);
    }
    check_workshop(&mut out, ws);
    out.sort_by_key(|p| p.severity);
    out
}

fn check_key(out: &mut Vec<Problem>, kind: ItemKind, key: &str, id: &str) {
    if key != id {
        Checker { out, kind, id: key }.error(
            "id",
            format!("stored under \"{key}\" but its id is \"{id}\""),
        );
    }
}

/// Checks one system on its own (it references nothing).
pub(crate) fn check_system(out: &mut Vec<Problem>, s: &System) {
    let mut c = Checker {
        out,
        kind: ItemKind::System,
        id: &s.id,
    };
    c.slug("id", &s.id);
    if s.name.trim().is_empty() {
        c.error("name", "a system needs a name");
    }
    c.load("capacity", s.capacity.as_ref());
    c.load("peak_load", s.peak_load.as_ref());
    if let (Some(cap), Some(peak)) = (&s.capacity, &s.peak_load)
        && cap.unit != peak.unit
    {
        c.warn(
            "peak_load",
            format!(
                "peak load is in {} but capacity in {}; they cannot be compared",
                peak.unit.label(),
                cap.unit.label()
            ),
        );
    }
    c.windows("windows", &s.windows);
    if let Some(pos) = s.pos
        && (!pos.x.is_finite() || !pos.y.is_finite())
    {
        c.error("pos", "position must be finite numbers");
    }
    for (i, e) in s.entities.iter().enumerate() {
        if e.entity.trim().is_empty() {
            c.error(format!("entities[{i}].entity"), "entity name is empty");
        }
    }
}

/// Checks one dependency; `system_exists` says which endpoint ids resolve.
pub(crate) fn check_dependency(
    out: &mut Vec<Problem>,
    ws: &Workspace,
    d: &Dependency,
    system_exists: impl Fn(&str) -> bool,
) {
    let id = d.id();
    let mut c = Checker {
        out,
        kind: ItemKind::Dependency,
        id: &id,
    };
    for (field, end) in [("from", &d.from), ("to", &d.to)] {
        if !system_exists(end) {
            c.error(
                field,
                format!("system \"{end}\" does not exist; add it or fix the id"),
            );
        }
    }
    if d.from == d.to {
        c.error("to", "a system cannot depend on itself");
    }
    if d.calls_per_request == 0 {
        c.error("calls_per_request", "must be at least 1");
    }
    if d.timeout_ms == Some(0) {
        c.error(
            "timeout_ms",
            "a timeout of 0 ms never succeeds; leave it out if there is none",
        );
    }
    if d.role.is_some() && d.kind != DependencyType::Async {
        c.error(
            "role",
            format!(
                "only async dependencies have a role, this one is {}",
                d.kind
            ),
        );
    }
    c.windows("windows", &d.windows);
    if !d.windows.is_empty() && !matches!(d.kind, DependencyType::Batch | DependencyType::Timing) {
        c.warn(
            "windows",
            format!(
                "time windows are used by batch and timing dependencies, not {}",
                d.kind
            ),
        );
    }
    let runs = matches!(
        d.kind,
        DependencyType::Sync | DependencyType::Data | DependencyType::StartupOrder
    );
    if d.fallback && !runs {
        c.warn(
            "fallback",
            format!(
                "a fallback is what a caller does when a sync call, a query or a startup wait \
                 fails; this dependency is {}",
                d.kind
            ),
        );
    }
    if d.blocking.is_some() && !runs && d.kind != DependencyType::Async {
        c.warn(
            "blocking",
            format!(
                "blocking decides whether a failure travels over sync, async, data and \
                 startup-order dependencies; this one is {}",
                d.kind
            ),
        );
    }
    if d.circuit_breaker && d.kind != DependencyType::Sync {
        c.warn(
            "circuit_breaker",
            format!(
                "circuit breakers guard sync calls; this dependency is {}",
                d.kind
            ),
        );
    }
    plan::check_plan_fields(&mut c, ws, d);
}

pub(crate) fn check_debt(out: &mut Vec<Problem>, ws: &Workspace, d: &DebtItem) {
    let mut c = Checker {
        out,
        kind: ItemKind::Debt,
        id: &d.id,
    };
    c.slug("id", &d.id);
    if d.title.trim().is_empty() {
        c.error("title", "a debt item needs a title");
    }
    c.range("impact", d.impact, 1, 5);
    c.links(
        "links",
        &d.links,
        |l| ws.has_element(l),
        "a system or dependency",
    );
    if let (Some(created), Some(review)) = (d.created, d.review)
        && review < created
    {
        c.warn(
            "review",
            format!("review date {review} is before creation date {created}"),
        );
    }
}

pub(crate) fn check_failure_mode(out: &mut Vec<Problem>, ws: &Workspace, f: &FailureMode) {
    let mut c = Checker {
        out,
        kind: ItemKind::FailureMode,
        id: &f.id,
    };
    c.slug("id", &f.id);
    if f.title.trim().is_empty() {
        c.error("title", "a failure mode needs a title");
    }
    if f.trigger.element.is_empty() {
        c.warn(
            "trigger.element",
            "the trigger's system or dependency was removed; choose a new trigger",
        );
    } else if !ws.has_element(&f.trigger.element) {
        c.error(
            "trigger.element",
            format!(
                "\"{}\" is not a system or dependency in this workspace",
                f.trigger.element
            ),
        );
    }
    c.range("severity", f.severity, 1, 10);
    c.range("occurrence", f.occurrence, 1, 10);
    c.range("detection_rating", f.detection_rating, 1, 10);
    for (i, s) in f.steps.iter().enumerate() {
        if s.action.trim().is_empty() {
            c.error(
                format!("steps[{i}].action"),
                "a response step needs an action",
            );
        }
    }
}

mod plan;
mod workshop;
pub(crate) use plan::{check_phase, roadmap_errors};
pub(crate) use workshop::{
    check_accepted, check_decision, check_parking, check_scenario, check_view, check_workshop,
};

#[cfg(test)]
mod tests;
