//! The four dependency categories a workshop reviews per system, and how far the room got.

use std::collections::BTreeSet;

use crate::model::{ReviewChecklist, Workspace};

/// The four kinds of dependency a workshop digs for (DOMAIN.md), in the order they are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    BusinessProcess,
    DataFlow,
    Timing,
    HumanWorkflow,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::BusinessProcess,
        Category::DataFlow,
        Category::Timing,
        Category::HumanWorkflow,
    ];

    /// "Business process", as a heading.
    pub fn label(self) -> &'static str {
        match self {
            Category::BusinessProcess => "Business process",
            Category::DataFlow => "Data flow",
            Category::Timing => "Timing",
            Category::HumanWorkflow => "Human workflow",
        }
    }

    /// "business process", inside a sentence.
    pub fn word(self) -> &'static str {
        match self {
            Category::BusinessProcess => "business process",
            Category::DataFlow => "data flow",
            Category::Timing => "timing",
            Category::HumanWorkflow => "human workflow",
        }
    }

    /// Whether the room has reviewed this category for a system.
    pub fn reviewed(self, r: ReviewChecklist) -> bool {
        match self {
            Category::BusinessProcess => r.business_process,
            Category::DataFlow => r.data_flow,
            Category::Timing => r.timing,
            Category::HumanWorkflow => r.human_workflow,
        }
    }

    pub fn set_reviewed(self, r: &mut ReviewChecklist, value: bool) {
        match self {
            Category::BusinessProcess => r.business_process = value,
            Category::DataFlow => r.data_flow = value,
            Category::Timing => r.timing = value,
            Category::HumanWorkflow => r.human_workflow = value,
        }
    }
}

/// How many systems have a category reviewed: `(reviewed, total)`.
pub fn coverage(ws: &Workspace, category: Category) -> (usize, usize) {
    let done = ws
        .systems
        .values()
        .filter(|s| category.reviewed(s.review))
        .count();
    (done, ws.systems.len())
}

/// How many systems have all four categories reviewed: `(reviewed, total)`.
pub fn fully_reviewed(ws: &Workspace) -> (usize, usize) {
    let done = ws
        .systems
        .values()
        .filter(|s| Category::ALL.iter().all(|c| c.reviewed(s.review)))
        .count();
    (done, ws.systems.len())
}

/// Ids of the systems whose `category` is not reviewed yet.
pub fn not_reviewed(ws: &Workspace, category: Category) -> BTreeSet<String> {
    ws.systems
        .values()
        .filter(|s| !category.reviewed(s.review))
        .map(|s| s.id.clone())
        .collect()
}
