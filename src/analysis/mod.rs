//! Integration-risk analysis: how the mapped systems will fail together.
//!
//! `analyze` finds sync cycles, single points of failure, shared stores, data-sovereignty
//! conflicts, scale mismatches and temporal coupling; `cascade` simulates one system going down
//! or getting slow. Direction rule everywhere: `A → B` means A depends on B, so failure travels
//! against the arrows and load travels with them. No UI types here.

mod advice;
mod calendar;
mod cascade;
mod findings;
mod graph;
mod json;
mod loose;
pub mod plan;
mod rank;
mod report;
mod scale;
mod temporal;
pub(crate) mod text;
mod timeline;

pub use cascade::{AnalysisError, Cascade, CascadeStep, Effect, FailMode, cascade};
pub use json::to_json;
pub use loose::{LooseEnds, loose_ends};
pub use report::{TOP_RISKS, headline_single_points, to_text, top_risks};
pub(crate) use temporal::windows_overlap;

use crate::model::Workspace;

/// The pattern a finding belongs to (one section of the report each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    Cycle,
    SinglePoint,
    SharedStore,
    Sovereignty,
    Scale,
    Temporal,
    /// A canary rollout stage that overloads its callee or starts without its gate rehearsed.
    Rollout,
    /// Important integration points nobody watches in production.
    Unwatched,
}

impl FindingKind {
    pub const ALL: &'static [FindingKind] = &[
        FindingKind::Cycle,
        FindingKind::SinglePoint,
        FindingKind::SharedStore,
        FindingKind::Sovereignty,
        FindingKind::Scale,
        FindingKind::Temporal,
        FindingKind::Rollout,
        FindingKind::Unwatched,
    ];

    /// The word used in JSON and finding ids' sections.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Cycle => "cycles",
            FindingKind::SinglePoint => "single_points",
            FindingKind::SharedStore => "shared_stores",
            FindingKind::Sovereignty => "sovereignty",
            FindingKind::Scale => "scale",
            FindingKind::Temporal => "temporal",
            FindingKind::Rollout => "rollouts",
            FindingKind::Unwatched => "unwatched",
        }
    }

    /// One finding of this kind, for a line in a ranked list ("Single point of failure").
    pub fn one(self) -> &'static str {
        match self {
            FindingKind::Cycle => "Sync cycle",
            FindingKind::SinglePoint => "Single point of failure",
            FindingKind::SharedStore => "Shared store",
            FindingKind::Sovereignty => "Data sovereignty",
            FindingKind::Scale => "Scale mismatch",
            FindingKind::Temporal => "Temporal coupling",
            FindingKind::Rollout => "Rollout risk",
            FindingKind::Unwatched => "Unwatched integration points",
        }
    }

    /// Heading for reports and the UI.
    pub fn label(self) -> &'static str {
        match self {
            FindingKind::Cycle => "Sync cycles",
            FindingKind::SinglePoint => "Single points of failure",
            FindingKind::SharedStore => "Shared stores",
            FindingKind::Sovereignty => "Data sovereignty",
            FindingKind::Scale => "Scale mismatches",
            FindingKind::Temporal => "Temporal coupling",
            FindingKind::Rollout => "Rollout risks",
            FindingKind::Unwatched => "Production checks",
        }
    }
}

/// How urgent a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// One risk the map reveals.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Stable: kind word + sorted involved ids (`cycle:a,b`), so it survives re-analysis and can
    /// be accepted by the council.
    pub id: String,
    pub kind: FindingKind,
    /// Follows the score: see `rank`.
    pub severity: Severity,
    /// Impact, 0–100: the criticality-weighted share of the map this finding reaches (see
    /// `rank` for how it is computed).
    pub score: f64,
    /// Systems reached besides the ones the finding is about.
    pub dependants: usize,
    /// Involved system ids, sorted.
    pub systems: Vec<String>,
    /// The systems whose trouble the finding is about, where that is not all of `systems`
    /// (a shared store, not its accessors; a locked system, not the callers waiting on it);
    /// empty means all of `systems`. The score counts what depends on these.
    pub origin: Vec<String>,
    /// Involved dependency ids, sorted.
    pub dependencies: Vec<String>,
    /// One plain-language sentence with the numbers.
    pub sentence: String,
    pub mitigation: String,
    /// The council's reason when the finding is in the workspace's accepted findings.
    pub accepted: Option<String>,
}

/// A system and how many systems depend on it, directly or transitively, at run time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinglePoint {
    pub system: String,
    pub dependants: usize,
    /// Its removal splits the runtime map in two.
    pub articulation: bool,
}

/// A database or cache accessed by several systems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedStore {
    pub store: String,
    pub accessors: Vec<String>,
}

/// Everything `analyze` found. All lists are sorted, so the output is deterministic.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Analysis {
    /// Every finding in display order: open before accepted, then by score (highest first),
    /// dependants, name and id (see `rank`).
    pub findings: Vec<Finding>,
    /// Each sync cycle's system ids, sorted.
    pub cycles: Vec<Vec<String>>,
    /// Every system, by dependants descending then id.
    pub single_points: Vec<SinglePoint>,
    pub shared_stores: Vec<SharedStore>,
}

impl Finding {
    /// The systems the finding is about: its `origin`, or all its systems.
    pub fn origin_systems(&self) -> &[String] {
        if self.origin.is_empty() {
            &self.systems
        } else {
            &self.origin
        }
    }
}

impl Analysis {
    pub fn of_kind(&self, kind: FindingKind) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.kind == kind)
    }

    pub fn get(&self, id: &str) -> Option<&Finding> {
        self.findings.iter().find(|f| f.id == id)
    }
}

/// Analyses the workspace. Never fails: missing annotations only mean fewer findings.
pub fn analyze(ws: &Workspace) -> Analysis {
    let g = graph::Graph::new(ws);
    let mut out = Vec::new();
    let cycles = findings::cycles(ws, &g, &mut out);
    let reach = rank::Reach::new(ws, &g);
    let single_points = findings::single_points(ws, &g, &reach.dependant_counts(), &mut out);
    let shared_stores = findings::shared_stores(ws, &mut out);
    findings::sovereignty(ws, &mut out);
    scale::scale(ws, &mut out);
    temporal::temporal(ws, &g, &mut out);
    plan::findings(ws, &mut out);
    for f in &mut out {
        f.systems.sort();
        f.origin.sort();
        f.origin.dedup();
        f.systems.dedup();
        f.dependencies.sort();
        f.dependencies.dedup();
        f.accepted = ws
            .accepted_findings
            .get(&f.id)
            .or_else(|| ws.accepted_findings.values().find(|a| a.finding == f.id))
            .map(|a| a.reason.clone());
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out.dedup_by(|a, b| a.id == b.id);
    rank::rank(ws, &g, &reach, &mut out);
    Analysis {
        findings: out,
        cycles,
        single_points,
        shared_stores,
    }
}
