//! Version 2 of the workspace file, field by field. These structs are the file: a field's name
//! here is its name in every saved file, the order here is the order written, and the `serde`
//! attributes say what may be left out. Renaming a model field does not touch them.
//!
//! Vocabulary words (system kinds, dependency types, dates, days …) are written as the model's
//! own text form — the words CSV import and the CLI share — through [`super::word`].
//!
//! To add an optional field to version 2: add it here with
//! `#[serde(default, skip_serializing_if = …)]` at the place it is written, convert it in
//! `convert.rs` (the compiler points there), name it in [`File::first_version_2_field`], and set it
//! in the golden file `tests/fixtures/format/every-field.ron` (`the_golden_file_sets_every_field`
//! fails until it is).

use serde::{Deserialize, Serialize};

use super::{is_default, is_default_timezone, is_one, one, word, word_list, word_option};
use crate::model::{
    AsyncRole, Criticality, Date, Days, DebtKind, DebtStatus, DependencyType, EntityRole,
    FailureHow, FailureStatus, FilterMode, FocusDirection, LayoutStyle, LoadUnit, SystemKind,
    WindowEffect,
};

mod plan;
pub(crate) use plan::{Cost, Phase, ProductionChecks, Rollout, Signal, Stage};

/// The whole file: `(version: 2, title: …, systems: [ … ], …)`. Lists are sorted by id.
/// Messages name it `Workspace` ("unexpected field `titel` in `Workspace`").
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Workspace")]
pub(crate) struct File {
    pub version: u64,
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(
        default = "super::default_timezone",
        skip_serializing_if = "is_default_timezone"
    )]
    pub timezone: String,
    /// `Some("layered")`: Space and `depdig layout` lay the map out in rows.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "word_option")]
    pub layout: Option<LayoutStyle>,
    /// A photo behind the map, placed on the canvas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backdrop: Option<Backdrop>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub systems: Vec<System>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependencies: Vec<Dependency>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub debt: Vec<DebtItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failure_modes: Vec<FailureMode>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<View>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<Scenario>,
    /// Optional in version 2: the phases in the order they are carried out (not sorted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roadmap: Vec<Phase>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parking_lot: Vec<ParkingLotItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted_findings: Vec<AcceptedFinding>,
}

impl File {
    /// The name of a field this file sets that version 1 does not have, if any: a file that says
    /// `version: 1` and sets one is refused. A new optional field of version 2 goes here too.
    pub(crate) fn first_version_2_field(&self) -> Option<&'static str> {
        let rehearsal_seconds = self
            .failure_modes
            .iter()
            .flat_map(|f| &f.rehearsals)
            .any(|r| r.duration_s.is_some());
        let observability = self
            .systems
            .iter()
            .any(|s| s.kind == SystemKind::Observability);
        let blocking = self.dependencies.iter().any(|d| d.blocking.is_some());
        let fallback = self.dependencies.iter().any(|d| d.fallback);
        let mut every_dependency = self
            .dependencies
            .iter()
            .chain(self.scenarios.iter().flat_map(|s| &s.added_dependencies));
        let plan = every_dependency.find_map(|d| {
            d.rollout
                .is_some()
                .then_some("rollout")
                .or(d.watch.is_some().then_some("watch"))
                .or(d.cost.is_some().then_some("cost"))
        });
        rehearsal_seconds
            .then_some("duration_s")
            .or(self.layout.is_some().then_some("layout"))
            .or(self.backdrop.is_some().then_some("backdrop"))
            .or(blocking.then_some("blocking"))
            .or(fallback.then_some("fallback"))
            .or(observability.then_some("observability"))
            .or((!self.roadmap.is_empty()).then_some("roadmap"))
            .or(plan)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CanvasPos {
    pub x: f32,
    pub y: f32,
}

/// `backdrop: Some((path: "whiteboard.jpg", offset: (x: -40, y: -30), scale: 0.5, …))`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Backdrop {
    /// Relative to the workspace file's folder, `/` separated.
    pub path: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub offset: CanvasPos,
    #[serde(default = "one_f32", skip_serializing_if = "is_one_f32")]
    pub scale: f32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub quarter_turns: u8,
    #[serde(default = "one_f32", skip_serializing_if = "is_one_f32")]
    pub opacity: f32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub locked: bool,
    #[serde(default, skip_serializing_if = "is_default")]
    pub presenting: bool,
}

fn one_f32() -> f32 {
    1.0
}

#[allow(
    clippy::trivially_copy_pass_by_ref,
    clippy::float_cmp,
    reason = "serde's skip_serializing_if passes a reference; exactly 1 is left out"
)]
fn is_one_f32(v: &f32) -> bool {
    *v == 1.0
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Load {
    pub value: f64,
    #[serde(with = "word")]
    pub unit: LoadUnit,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DataEntity {
    pub entity: String,
    #[serde(with = "word")]
    pub role: EntityRole,
}

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReviewChecklist {
    #[serde(default, skip_serializing_if = "is_default")]
    pub business_process: bool,
    #[serde(default, skip_serializing_if = "is_default")]
    pub data_flow: bool,
    #[serde(default, skip_serializing_if = "is_default")]
    pub timing: bool,
    #[serde(default, skip_serializing_if = "is_default")]
    pub human_workflow: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TimeWindow {
    pub label: String,
    #[serde(default, skip_serializing_if = "is_default", with = "word")]
    pub days: Days,
    pub start_min: u16,
    pub end_min: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    #[serde(with = "word")]
    pub effect: WindowEffect,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct System {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "is_default", with = "word")]
    pub kind: SystemKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tech: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "is_default", with = "word")]
    pub criticality: Criticality,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Load>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peak_load: Option<Load>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<u32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub group: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub windows: Vec<TimeWindow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<DataEntity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos: Option<CanvasPos>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub pinned: bool,
    #[serde(default, skip_serializing_if = "is_default")]
    pub review: ReviewChecklist,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Dependency {
    pub from: String,
    pub to: String,
    #[serde(rename = "type", with = "word")]
    pub kind: DependencyType,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub protocol: String,
    #[serde(default, skip_serializing_if = "is_default", with = "word")]
    pub criticality: Criticality,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<u32>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub retries: u32,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub calls_per_request: u32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub circuit_breaker: bool,
    /// Optional in version 2: `false` for fire-and-forget; left out, the target's kind decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocking: Option<bool>,
    /// Optional in version 2: the caller has a fallback.
    #[serde(default, skip_serializing_if = "is_default")]
    pub fallback: bool,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "word_option")]
    pub role: Option<AsyncRole>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub windows: Vec<TimeWindow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<String>,
    /// Optional in version 2: the canary rollout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollout: Option<Rollout>,
    /// Optional in version 2: how it is watched in production.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<ProductionChecks>,
    /// Optional in version 2: what it costs to keep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Cost>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DebtItem {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    #[serde(default, skip_serializing_if = "is_default", with = "word")]
    pub kind: DebtKind,
    pub impact: u8,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "is_default", with = "word")]
    pub status: DebtStatus,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "word_option")]
    pub created: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "word_option")]
    pub review: Option<Date>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Trigger {
    pub element: String,
    #[serde(with = "word")]
    pub how: FailureHow,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ResponseStep {
    pub actor: String,
    pub action: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Rehearsal {
    #[serde(with = "word")]
    pub date: Date,
    pub duration_min: u32,
    /// Version 2: the exact duration when the app timed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<u32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FailureMode {
    pub id: String,
    pub title: String,
    pub trigger: Trigger,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detection: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<ResponseStep>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub degraded_mode: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rollback: String,
    pub severity: u8,
    pub occurrence: u8,
    pub detection_rating: u8,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rehearsals: Vec<Rehearsal>,
    #[serde(default, skip_serializing_if = "is_default", with = "word")]
    pub status: FailureStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Focus {
    pub system: String,
    pub hops: u8,
    #[serde(with = "word")]
    pub direction: FocusDirection,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Filters {
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "word_list")]
    pub hidden_types: Vec<DependencyType>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "word_list")]
    pub kinds: Vec<SystemKind>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<Focus>,
    #[serde(default, skip_serializing_if = "is_default", with = "word")]
    pub mode: FilterMode,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Camera {
    pub center: CanvasPos,
    pub zoom: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct View {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub filters: Filters,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub camera: Option<Camera>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlighted: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Scenario {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added_systems: Vec<System>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added_dependencies: Vec<Dependency>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ParkingLotItem {
    pub id: String,
    pub question: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub raised_by: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "word_option")]
    pub created: Option<Date>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub answered: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(
    clippy::struct_field_names,
    reason = "`decision: \"…\"` is the file's field name"
)]
pub(crate) struct Decision {
    pub id: String,
    #[serde(with = "word")]
    pub date: Date,
    pub decision: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub decided_by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub trade_off: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AcceptedFinding {
    pub finding: String,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
}
