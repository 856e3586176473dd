//! Systems: the boxes on the map.

use super::enums::{Criticality, EntityRole, LoadUnit, SystemKind};
use super::time::TimeWindow;

/// A position in canvas units (the one coordinate space saved in files).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CanvasPos {
    pub x: f32,
    pub y: f32,
}

impl CanvasPos {
    pub fn new(x: f32, y: f32) -> Self {
        CanvasPos { x, y }
    }
}

/// A capacity or load figure with its unit (10,000 concurrent users; 500 queries).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Load {
    pub value: f64,
    pub unit: LoadUnit,
}

impl std::fmt::Display for Load {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.value, self.unit.label())
    }
}

/// A data entity a system holds, and whether it owns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataEntity {
    pub entity: String,
    pub role: EntityRole,
}

/// Which of the four dependency categories the room has reviewed for a system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReviewChecklist {
    pub business_process: bool,
    pub data_flow: bool,
    pub timing: bool,
    pub human_workflow: bool,
}

/// A system on the map: a service, database, queue, team, external partner …
#[derive(Debug, Clone, PartialEq)]
pub struct System {
    /// Stable slug, unique in the workspace (`[a-z0-9][a-z0-9._-]*`).
    pub id: String,
    pub name: String,
    pub kind: SystemKind,
    /// Team or person who owns it.
    pub owner: String,
    pub tech: String,
    pub description: String,
    pub tags: Vec<String>,
    pub criticality: Criticality,
    pub capacity: Option<Load>,
    pub peak_load: Option<Load>,
    pub latency_ms: Option<u32>,
    /// Team, domain or organisation boundary, for grouping on the canvas.
    pub group: String,
    pub windows: Vec<TimeWindow>,
    pub entities: Vec<DataEntity>,
    pub pos: Option<CanvasPos>,
    pub pinned: bool,
    pub review: ReviewChecklist,
    pub notes: String,
}

impl System {
    /// A system with only an id and a name; everything else default.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        System {
            id: id.into(),
            name: name.into(),
            kind: SystemKind::default(),
            owner: String::new(),
            tech: String::new(),
            description: String::new(),
            tags: Vec::new(),
            criticality: Criticality::default(),
            capacity: None,
            peak_load: None,
            latency_ms: None,
            group: String::new(),
            windows: Vec::new(),
            entities: Vec::new(),
            pos: None,
            pinned: false,
            review: ReviewChecklist::default(),
            notes: String::new(),
        }
    }

    pub fn with_kind(mut self, kind: SystemKind) -> Self {
        self.kind = kind;
        self
    }
}
