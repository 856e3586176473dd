//! Workshop artefacts: saved views, scenarios, parking lot, council decisions, accepted findings.

use super::dependency::Dependency;
use super::enums::{DependencyType, FilterMode, FocusDirection, SystemKind};
use super::is_default;
use super::system::{CanvasPos, System};
use super::time::Date;

/// A system's neighbourhood within `hops` steps.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Focus {
    pub system: String,
    pub hops: u8,
    pub direction: FocusDirection,
}

/// What a view shows. Empty lists mean "no filter on this".
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filters {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden_types: Vec<DependencyType>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<SystemKind>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<Focus>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub mode: FilterMode,
}

/// A saved camera: the canvas point at the centre of the screen and the zoom.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Camera {
    pub center: CanvasPos,
    pub zoom: f32,
}

/// A named, saved way of looking at the map.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub filters: Filters,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub camera: Option<Camera>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlighted: Vec<String>,
}

/// A named target state: systems and dependencies added or removed against the current map.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added_systems: Vec<System>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added_dependencies: Vec<Dependency>,
    /// Ids of current systems and dependencies the target state no longer has.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
}

/// A question nobody in the room could answer yet.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParkingLotItem {
    pub id: String,
    pub question: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub raised_by: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Date>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub answered: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub answer: String,
}

/// An integration council decision, with the trade-off or failure mode it accepts.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: String,
    pub date: Date,
    pub decision: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub decided_by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub trade_off: String,
    /// Systems, dependencies, debt items or failure modes it concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
}

/// An analysis finding the council has accepted, reported as accepted instead of as a problem.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptedFinding {
    /// The finding's stable id.
    pub finding: String,
    pub reason: String,
    /// Id of the council decision that accepted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
}
