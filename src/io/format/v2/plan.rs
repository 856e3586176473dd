//! Version 2's optional plan fields: roadmap phases, and a dependency's rollout, production
//! checks (`watch`) and cost. Same rules as the rest of `v2`: a field's name here is its name in
//! every saved file, the order here is the order written.

use serde::{Deserialize, Serialize};

use super::super::{is_default, word, word_option};
use crate::model::{Date, SignalKind, StageStatus};

/// One roadmap phase: `(id: "queue-first", name: "…", scenario: "queue", …)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Phase {
    pub id: String,
    pub name: String,
    pub scenario: String,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "word_option")]
    pub target_date: Option<Date>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// `rollout: Some((stages: [(share_percent: 1.0, min_hours: 24, status: "done"), …], …))`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Rollout {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<Stage>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signals: Vec<Signal>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rollback_trigger: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rollback_action: String,
    /// Failure-mode ids that must be rehearsed before a stage starts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gate: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Stage {
    pub share_percent: f64,
    #[serde(default, skip_serializing_if = "is_default")]
    pub min_hours: u32,
    #[serde(default, skip_serializing_if = "is_default", with = "word")]
    pub status: StageStatus,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "word_option")]
    pub date: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Signal {
    #[serde(with = "word")]
    pub what: SignalKind,
    pub threshold: f64,
}

/// `watch: Some((monitored: true, monitored_by: "…", synthetic: "…", shadow: true))`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProductionChecks {
    #[serde(default, skip_serializing_if = "is_default")]
    pub monitored: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub monitored_by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub synthetic: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub shadow: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Cost {
    pub hours_per_month: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub teams: Option<u32>,
}
