//! Integration debt register and failure-mode choreography.

use super::enums::{DebtKind, DebtStatus, FailureHow, FailureStatus};
use super::time::Date;

/// A shortcut, workaround or deferred decision that makes the integrated whole more fragile.
#[derive(Debug, Clone, PartialEq)]
pub struct DebtItem {
    pub id: String,
    pub title: String,
    pub description: String,
    /// Ids of the systems and dependencies it concerns.
    pub links: Vec<String>,
    pub kind: DebtKind,
    /// Long-term impact, 1 (nuisance) to 5 (will hurt the business).
    pub impact: u8,
    pub owner: String,
    pub status: DebtStatus,
    pub created: Option<Date>,
    pub review: Option<Date>,
    pub notes: String,
}

impl DebtItem {
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        DebtItem {
            id: id.into(),
            title: title.into(),
            description: String::new(),
            links: Vec::new(),
            kind: DebtKind::default(),
            impact: 3,
            owner: String::new(),
            status: DebtStatus::default(),
            created: None,
            review: None,
            notes: String::new(),
        }
    }
}

/// What sets a failure mode off: an element and how it fails.
#[derive(Debug, Clone, PartialEq)]
pub struct Trigger {
    /// A system id or dependency id.
    pub element: String,
    pub how: FailureHow,
}

/// One step of the rehearsed response.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseStep {
    pub actor: String,
    pub action: String,
    pub minutes: u32,
}

/// A recorded rehearsal of a failure mode.
#[derive(Debug, Clone, PartialEq)]
pub struct Rehearsal {
    pub date: Date,
    /// Whole minutes (rounded); what files written before `duration_s` existed hold.
    pub duration_min: u32,
    /// The exact duration when the app timed it, so a 20-second run reads "0:20", not "1 min".
    pub duration_s: Option<u32>,
    pub notes: String,
}

impl Rehearsal {
    /// How long it took in seconds: exact when timed, else the recorded minutes.
    pub fn seconds(&self) -> u64 {
        self.duration_s
            .map_or(u64::from(self.duration_min) * 60, u64::from)
    }

    /// The duration as a clock reads it: "0:20", "45:00".
    pub fn duration_text(&self) -> String {
        crate::text::clock_duration(self.seconds())
    }
}

/// A designed failure scenario and its choreographed response (FMEA-ranked).
#[derive(Debug, Clone, PartialEq)]
pub struct FailureMode {
    pub id: String,
    pub title: String,
    pub trigger: Trigger,
    /// How the failure is noticed (alert, customer call …).
    pub detection: String,
    pub steps: Vec<ResponseStep>,
    pub degraded_mode: String,
    pub rollback: String,
    /// FMEA severity, 1–10.
    pub severity: u8,
    /// FMEA occurrence, 1–10.
    pub occurrence: u8,
    /// FMEA detection rating, 1 (certain to be caught) – 10 (will go unnoticed).
    pub detection_rating: u8,
    pub rehearsals: Vec<Rehearsal>,
    pub status: FailureStatus,
}

impl FailureMode {
    pub fn new(id: impl Into<String>, title: impl Into<String>, trigger: Trigger) -> Self {
        FailureMode {
            id: id.into(),
            title: title.into(),
            trigger,
            detection: String::new(),
            steps: Vec::new(),
            degraded_mode: String::new(),
            rollback: String::new(),
            severity: 5,
            occurrence: 5,
            detection_rating: 5,
            rehearsals: Vec::new(),
            status: FailureStatus::default(),
        }
    }

    /// Risk priority number: severity × occurrence × detection.
    pub fn rpn(&self) -> u32 {
        u32::from(self.severity) * u32::from(self.occurrence) * u32::from(self.detection_rating)
    }

    /// Planned response time: the sum of the steps' minutes.
    pub fn planned_minutes(&self) -> u32 {
        self.steps.iter().map(|s| s.minutes).sum()
    }
}
