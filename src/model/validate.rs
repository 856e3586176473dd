//! Semantic checks: unique ids, every reference resolves, numbers in range.
//!
//! Each check names the item (kind and id) and the field, so a message can point a user at the
//! exact line to fix. `ops` runs the per-item checks before every edit; `io` runs `validate` on load.

use std::fmt;

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

/// The kind of item a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

/// `[a-z0-9][a-z0-9._-]*`, where a letter may be of any script (`über-straße`, `東京`) as long as
/// it is its own lower case: the shape of every id a user types.
pub fn is_slug(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || is_other_id_letter(c))
        && chars.all(|c| {
            c.is_ascii_lowercase()
                || c.is_ascii_digit()
                || matches!(c, '-' | '_' | '.')
                || is_other_id_letter(c)
        })
}

/// A non-ASCII letter or digit that lower-casing leaves as it is (`ü`, `ß`, `東`; not `Ü`, and
/// not a combining mark, so ids are written composed: `ü`, never `u` + `◌̈`).
fn is_other_id_letter(c: char) -> bool {
    !c.is_ascii() && c.is_alphanumeric() && c.to_lowercase().eq(std::iter::once(c))
}

/// Turns free text into an id: lowercase (composed, NFC), letters of every script kept, runs of
/// other characters become one '-'.
pub fn slugify(s: &str) -> String {
    use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars().flat_map(char::to_lowercase).nfc() {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '.') || is_other_id_letter(c) {
            out.push(c);
        } else if is_combining_mark(c) {
            // A mark with no composed form (`i̇` from `İ`): the letter it sits on stays.
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches(|c| matches!(c, '-' | '_' | '.'));
    if trimmed.is_empty() {
        "item".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// `base`, or `base-2`, `base-3` … : the first that `taken` says is free.
pub fn unique_id(base: String, taken: impl Fn(&str) -> bool) -> String {
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|i| format!("{base}-{i}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
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
    _ws: &Workspace,
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
    if d.circuit_breaker && d.kind != DependencyType::Sync {
        c.warn(
            "circuit_breaker",
            format!(
                "circuit breakers guard sync calls; this dependency is {}",
                d.kind
            ),
        );
    }
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
}

pub(crate) fn check_view(out: &mut Vec<Problem>, ws: &Workspace, v: &super::View) {
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

pub(crate) fn check_scenario(out: &mut Vec<Problem>, ws: &Workspace, s: &super::Scenario) {
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
                "already exists in the current map; a scenario adds only new systems",
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
                "already exists in the current map; a scenario adds only new dependencies",
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

pub(crate) fn check_parking(out: &mut Vec<Problem>, ws: &Workspace, p: &super::ParkingLotItem) {
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

pub(crate) fn check_decision(out: &mut Vec<Problem>, ws: &Workspace, d: &super::Decision) {
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

pub(crate) fn check_accepted(out: &mut Vec<Problem>, ws: &Workspace, a: &super::AcceptedFinding) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn small() -> Workspace {
        let mut ws = Workspace::new("t");
        for id in ["shop", "catalog"] {
            ws.systems
                .insert(id.into(), System::new(id, id.to_uppercase()));
        }
        let d = Dependency::new("shop", "catalog", DependencyType::Sync);
        ws.dependencies.insert(d.id(), d);
        ws
    }

    #[test]
    fn clean_workspace_has_no_problems() {
        assert!(validate(&small()).is_empty());
    }

    #[test]
    fn dangling_reference_names_item_and_field() {
        let mut ws = small();
        let d = Dependency::new("shop", "ghost", DependencyType::Data);
        ws.dependencies.insert(d.id(), d);
        let problems = validate(&ws);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].to_string(),
            "dependency \"shop->ghost:data\", field `to`: system \"ghost\" does not exist; add it or fix the id"
        );
    }

    #[test]
    fn out_of_range_numbers_are_errors() {
        let mut ws = small();
        let mut debt = DebtItem::new("d1", "Manual re-keying");
        debt.impact = 9;
        ws.debt.insert("d1".into(), debt);
        let mut fm = FailureMode::new(
            "f1",
            "Catalog down",
            Trigger {
                element: "catalog".into(),
                how: FailureHow::Down,
            },
        );
        fm.severity = 0;
        ws.failure_modes.insert("f1".into(), fm);
        ws.systems
            .get_mut("shop")
            .unwrap()
            .windows
            .push(TimeWindow {
                label: "x".into(),
                days: Days::Daily,
                start_min: 1500,
                end_min: 10,
                timezone: Some("Mars/Olympus Mons".into()),
                effect: WindowEffect::Peak,
            });
        let text: Vec<String> = validate(&ws).iter().map(ToString::to_string).collect();
        assert!(text.iter().any(|t| t.contains("debt item \"d1\", field `impact`: 9 is out of range; use 1–5")), "{text:?}");
        assert!(
            text.iter()
                .any(|t| t.contains("failure mode \"f1\", field `severity`")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|t| t.contains("field `windows[0].start_min`")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|t| t.contains("field `windows[0].timezone`")),
            "{text:?}"
        );
    }

    #[test]
    fn scenario_clashes_are_errors_and_stale_removals_warnings() {
        let mut ws = small();
        ws.scenarios.insert(
            "s".into(),
            Scenario {
                id: "s".into(),
                name: "S".into(),
                description: String::new(),
                added_systems: vec![
                    System::new("shop", "Shop again"),
                    System::new("mq", "Queue"),
                    System::new("mq", "Queue twice"),
                ],
                added_dependencies: vec![
                    Dependency::new("shop", "catalog", DependencyType::Sync),
                    Dependency::new("catalog", "mq", DependencyType::Async),
                ],
                removed: vec!["catalog".into(), "ghost".into()],
            },
        );
        let problems = validate(&ws);
        let text: Vec<(Severity, String)> = problems
            .iter()
            .map(|p| (p.severity, p.to_string()))
            .collect();
        let has =
            |sev: Severity, needle: &str| text.iter().any(|(s, t)| *s == sev && t.contains(needle));
        assert!(
            has(
                Severity::Error,
                "added system \"shop\", id`: already exists"
            ),
            "{text:?}"
        );
        assert!(
            has(Severity::Error, "added system \"mq\", id`: is added twice"),
            "{text:?}"
        );
        assert!(
            has(
                Severity::Error,
                "\"shop->catalog:sync\", id`: already exists"
            ),
            "{text:?}"
        );
        assert!(
            has(Severity::Error, "which this scenario removes"),
            "{text:?}"
        );
        assert!(
            has(Severity::Warning, "\"ghost\" is not a system or dependency"),
            "{text:?}"
        );
        assert!(!has(Severity::Error, "ghost"), "{text:?}");
    }

    #[test]
    fn slugs() {
        assert!(is_slug("order-service.v2"));
        assert!(!is_slug("Order Service"));
        assert!(!is_slug("-x"));
        assert_eq!(slugify("  Order Service (EU) "), "order-service-eu");
        assert_eq!(slugify("!!!"), "item");
    }

    #[test]
    fn unicode_letters_are_id_letters() {
        assert_eq!(slugify("Über Straße"), "über-straße");
        // The same words typed with combining marks (NFD, as macOS writes them).
        assert_eq!(slugify("U\u{308}ber Stra\u{df}e"), "über-straße");
        assert_eq!(slugify("Δέλτα / Σύστημα"), "δέλτα-σύστημα");
        assert_eq!(slugify("東京 Gateway"), "東京-gateway");
        assert!(is_slug("über-straße"));
        assert!(is_slug("東京-gateway"));
        assert!(!is_slug("Über-straße"), "upper case is not an id");
        assert!(
            !is_slug("u\u{308}ber"),
            "a combining mark is not an id character"
        );
        assert!(!is_slug("über straße"));
        assert!(!is_slug("—x"), "a dash of another alphabet is not a letter");
    }

    proptest::proptest! {
        #[test]
        fn slugify_always_gives_an_id(text in "\\PC{0,24}") {
            let id = slugify(&text);
            proptest::prop_assert!(is_slug(&id), "{text:?} -> {id:?}");
            proptest::prop_assert_eq!(slugify(&id), id.clone(), "an id is its own slug");
        }
    }
}
