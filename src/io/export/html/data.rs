//! What the page's script knows about the workspace: one JSON document (serde derives, never
//! spliced strings) in a `<script type="application/json">` element, escaped by
//! [`super::safe::script_json`] so no text in it can end that element.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::model::{DebtStatus, Workspace};

/// The whole document the script reads.
#[derive(Debug, Serialize)]
pub struct PageData {
    pub title: String,
    pub theme: &'static str,
    pub systems: Vec<SystemData>,
    pub dependencies: Vec<DependencyData>,
    /// Open (not resolved) debt items, by id.
    pub debt: Vec<DebtData>,
    pub failure_modes: Vec<FailureData>,
    /// In `depdig analyze`'s order (rank 1 first).
    pub findings: Vec<FindingData>,
    /// Dependency types drawn somewhere, in the legend's order: `[word, label]`.
    pub types: Vec<[&'static str; 2]>,
    pub tabs: Vec<TabData>,
}

#[derive(Debug, Serialize)]
pub struct SystemData {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub owner: String,
    pub tech: String,
    pub description: String,
    pub group: String,
    pub criticality: &'static str,
    /// Systems that depend on it, directly or not, at run time (as `depdig analyze` counts).
    pub dependants: usize,
    /// The scenario (id) that adds it; `None` for the current map's systems.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DependencyData {
    pub id: String,
    pub from: String,
    pub to: String,
    /// The type's word (`sync`, `async`, …), as in the SVG's `data-type`.
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub label: String,
    pub protocol: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DebtData {
    pub id: String,
    pub title: String,
    pub kind: &'static str,
    pub impact: u8,
    pub status: &'static str,
    pub owner: String,
    pub links: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct FailureData {
    pub id: String,
    pub title: String,
    /// The system or dependency whose failure it describes.
    pub element: String,
    pub how: &'static str,
    pub rpn: u32,
    pub status: &'static str,
    /// The latest rehearsal's date (`YYYY-MM-DD`), `None` when never rehearsed.
    pub last_rehearsal: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FindingData {
    pub rank: usize,
    pub kind: &'static str,
    pub severity: &'static str,
    pub score: f64,
    pub sentence: String,
    pub mitigation: String,
    pub systems: Vec<String>,
    pub dependencies: Vec<String>,
    pub accepted: Option<String>,
}

/// One tab of the page: a picture (`index` of the embedded SVG), or why there is none.
#[derive(Debug, Serialize)]
pub struct TabData {
    pub id: String,
    pub label: String,
    /// `map`, `view` or `scenario`.
    pub kind: &'static str,
    /// The scenario whose added systems and dependencies this tab shows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
    /// A line under the tabs: what a scenario changes, or why nothing is drawn.
    pub note: String,
    /// Which `<div class="picture">` holds the tab's SVG; `None`: nothing to draw.
    pub picture: Option<usize>,
}

fn system_data(s: &crate::model::System, dependants: usize, scenario: Option<&str>) -> SystemData {
    SystemData {
        id: s.id.clone(),
        name: s.name.clone(),
        kind: s.kind.label(),
        owner: s.owner.clone(),
        tech: s.tech.clone(),
        description: s.description.clone(),
        group: s.group.clone(),
        criticality: s.criticality.label(),
        dependants,
        scenario: scenario.map(str::to_owned),
    }
}

fn dependency_data(
    id: String,
    d: &crate::model::Dependency,
    scenario: Option<&str>,
) -> DependencyData {
    DependencyData {
        id,
        from: d.from.clone(),
        to: d.to.clone(),
        kind: d.kind.as_str(),
        kind_label: d.kind.label(),
        label: d.label.clone(),
        protocol: d.protocol.clone(),
        scenario: scenario.map(str::to_owned),
    }
}

/// The page's data for the document `ws` (its scenarios' added systems and dependencies
/// included, marked with the scenario), its analysis, and the tabs already decided.
pub fn page_data(
    ws: &Workspace,
    drawn: &Workspace,
    analysis: &Analysis,
    theme: &'static str,
    title: String,
    tabs: Vec<TabData>,
) -> PageData {
    let dependants: BTreeMap<&str, usize> = analysis
        .single_points
        .iter()
        .map(|p| (p.system.as_str(), p.dependants))
        .collect();
    let count = |id: &str| dependants.get(id).copied().unwrap_or(0);
    let mut systems: Vec<SystemData> = ws
        .systems
        .values()
        .map(|s| system_data(s, count(&s.id), None))
        .collect();
    let mut dependencies: Vec<DependencyData> = ws
        .dependencies
        .iter()
        .map(|(id, d)| dependency_data(id.clone(), d, None))
        .collect();
    // The picture drawn may hold what the document does not (a scenario's target state).
    let mut known: std::collections::BTreeSet<String> = ws
        .systems
        .keys()
        .chain(ws.dependencies.keys())
        .cloned()
        .collect();
    for s in drawn.systems.values() {
        if known.insert(s.id.clone()) {
            systems.push(system_data(s, 0, None));
        }
    }
    for (id, d) in &drawn.dependencies {
        if known.insert(id.clone()) {
            dependencies.push(dependency_data(id.clone(), d, None));
        }
    }
    for sc in ws.scenarios.values() {
        for s in &sc.added_systems {
            if known.insert(s.id.clone()) {
                systems.push(system_data(s, 0, Some(&sc.id)));
            }
        }
        for d in &sc.added_dependencies {
            let id = d.id();
            if known.insert(id.clone()) {
                dependencies.push(dependency_data(id, d, Some(&sc.id)));
            }
        }
    }
    let mut types: Vec<crate::model::DependencyType> = dependencies
        .iter()
        .filter_map(|d| d.kind.parse().ok())
        .collect();
    types.sort();
    types.dedup();
    PageData {
        title,
        theme,
        systems,
        dependencies,
        debt: ws
            .debt
            .values()
            .filter(|d| d.status != DebtStatus::Resolved)
            .map(|d| DebtData {
                id: d.id.clone(),
                title: d.title.clone(),
                kind: d.kind.label(),
                impact: d.impact,
                status: d.status.label(),
                owner: d.owner.clone(),
                links: d.links.clone(),
            })
            .collect(),
        failure_modes: ws
            .failure_modes
            .values()
            .map(|f| FailureData {
                id: f.id.clone(),
                title: f.title.clone(),
                element: f.trigger.element.clone(),
                how: f.trigger.how.label(),
                rpn: f.rpn(),
                status: f.status.label(),
                last_rehearsal: f
                    .rehearsals
                    .iter()
                    .map(|r| r.date)
                    .max()
                    .map(|d| d.to_string()),
            })
            .collect(),
        findings: analysis
            .findings
            .iter()
            .enumerate()
            .map(|(i, f)| FindingData {
                rank: i + 1,
                kind: f.kind.one(),
                severity: f.severity.as_str(),
                score: (f.score * 10.0).round() / 10.0,
                sentence: f.sentence.clone(),
                mitigation: f.mitigation.clone(),
                systems: f.systems.clone(),
                dependencies: f.dependencies.clone(),
                accepted: f.accepted.clone(),
            })
            .collect(),
        types: types.iter().map(|t| [t.as_str(), t.label()]).collect(),
        tabs,
    }
}
