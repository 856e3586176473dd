//! Workshop artefacts: saved views, scenarios, parking lot, council decisions, accepted findings.

use super::dependency::Dependency;
use super::enums::{DependencyType, FilterMode, FocusDirection, SystemKind};
use super::system::{CanvasPos, System};
use super::time::Date;

/// A system's neighbourhood within `hops` steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    pub system: String,
    pub hops: u8,
    pub direction: FocusDirection,
}

/// What a view shows. Empty lists mean "no filter on this".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filters {
    pub hidden_types: Vec<DependencyType>,
    pub kinds: Vec<SystemKind>,
    pub owners: Vec<String>,
    pub tags: Vec<String>,
    pub groups: Vec<String>,
    pub focus: Option<Focus>,
    pub mode: FilterMode,
}

/// A saved camera: the canvas point at the centre of the screen and the zoom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    pub center: CanvasPos,
    pub zoom: f32,
}

/// A named, saved way of looking at the map.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub id: String,
    pub name: String,
    pub filters: Filters,
    pub camera: Option<Camera>,
    pub highlighted: Vec<String>,
}

/// A named target state: systems and dependencies added or removed against the current map.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    pub description: String,
    pub added_systems: Vec<System>,
    pub added_dependencies: Vec<Dependency>,
    /// Ids of current systems and dependencies the target state no longer has.
    pub removed: Vec<String>,
}

/// A question nobody in the room could answer yet.
#[derive(Debug, Clone, PartialEq)]
pub struct ParkingLotItem {
    pub id: String,
    pub question: String,
    pub raised_by: String,
    pub links: Vec<String>,
    pub created: Option<Date>,
    pub answered: bool,
    pub answer: String,
}

/// An integration council decision, with the trade-off or failure mode it accepts.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub id: String,
    pub date: Date,
    pub decision: String,
    pub decided_by: String,
    pub trade_off: String,
    /// Systems, dependencies, debt items or failure modes it concerns.
    pub links: Vec<String>,
}

/// An analysis finding the council has accepted, reported as accepted instead of as a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedFinding {
    /// The finding's stable id.
    pub finding: String,
    pub reason: String,
    /// Id of the council decision that accepted it.
    pub decision: Option<String>,
}
