//! The drawable scene: an egui_graphs `Graph` built from the workspace and the view state,
//! rebuilt only when either changes (not every frame).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use egui::{Color32, Pos2, pos2, vec2};
use egui_graphs::Graph;
use petgraph::Directed;
use petgraph::stable_graph::{DefaultIx, EdgeIndex, NodeIndex};

mod looks;
#[cfg(test)]
pub(crate) use looks::collapsed_group as collapsed_group_look;
mod route;

use super::shapes::{DependencyLook, DependencyShape, DiffMark, SystemLook, SystemShape};
use crate::analysis::Analysis;
use crate::layout::measure::LABEL_FONT_SIZE;
use crate::model::{DependencyType, FilterMode, Workspace};
use crate::picture::hubs::Hubs;
use crate::picture::labels::system_box;
use crate::theme::{Theme, border_width};
use crate::ui::theme::color;
use crate::ui::view::ViewState;

pub type SceneGraph =
    Graph<SystemLook, DependencyLook, Directed, DefaultIx, SystemShape, DependencyShape>;

pub struct Scene {
    pub graph: SceneGraph,
    pub node_of: HashMap<String, NodeIndex<DefaultIx>>,
    pub edge_of: HashMap<String, EdgeIndex<DefaultIx>>,
    /// Dependencies per type (all of them, hidden or not), for the legend.
    pub type_counts: BTreeMap<DependencyType, usize>,
    /// The legend's entries (the export's legend function): every dependency type (hidden or
    /// not, so it can be shown again), circuit breakers, open debt badged, a scenario's changes.
    pub legend: Vec<crate::picture::legend::Entry>,
    /// How many systems depend on each system (directly), for label priority.
    pub dependants: HashMap<String, usize>,
    /// Expanded groups, drawn as labelled hulls around their systems.
    pub groups: Vec<GroupHull>,
    /// Some dependency is marked removed (a scenario difference), so the frame draws crosses.
    pub any_removed: bool,
    /// Some line stands for several dependencies (collapsed groups), so counts are drawn.
    pub any_aggregated: bool,
    /// With filters on: how many systems they let through, of how many.
    pub filtered: Option<(usize, usize)>,
}

/// A group drawn as a hull around its members.
#[derive(Debug, Clone)]
pub struct GroupHull {
    pub name: String,
    pub members: Vec<String>,
}

/// The id of a collapsed group's node on the canvas.
pub fn group_node_id(group: &str) -> String {
    format!("group:{group}")
}

/// The group a collapsed group's node id stands for.
pub fn group_of_node(id: &str) -> Option<&str> {
    id.strip_prefix("group:")
}

fn add_node(graph: &mut SceneGraph, look: SystemLook, pos: Pos2) -> NodeIndex<DefaultIx> {
    let idx = graph.add_node_with_location(look, pos);
    if let Some(node) = graph.node_mut(idx) {
        let props = node.props().clone();
        egui_graphs::DisplayNode::<SystemLook, DependencyLook, Directed, DefaultIx>::update(
            node.display_mut(),
            &props,
        );
    }
    idx
}

/// Where a system without a saved position is drawn until the layout places it: a sunflower
/// spiral below the placed ones, deterministic by order.
fn fallback_position(i: usize, below: f32) -> Pos2 {
    let golden = std::f32::consts::PI * (3.0 - 5f32.sqrt());
    let r = 60.0 * (i as f32 + 0.5).sqrt();
    let a = i as f32 * golden;
    pos2(r * a.cos(), below + 120.0 + r + r * a.sin())
}

fn dim(c: Color32, alpha: f32) -> Color32 {
    c.gamma_multiply(alpha)
}

impl Scene {
    /// `analysis`: the findings about the map drawn (the view's scenario target when it shows
    /// one), analysed here when not given. From it: each system's transitive dependants for the
    /// dependants overlay, and the headline single points of failure, which keep their whole
    /// names like the hubs.
    ///
    /// What is drawn follows the view: a scenario shows its target state or today's map with the
    /// difference marked; focus and filters dim or hide what they leave out; collapsed groups
    /// become one node with their dependencies aggregated.
    pub fn build(
        ws: &Workspace,
        view: &ViewState,
        theme: &Theme,
        analysis: Option<&Analysis>,
    ) -> Scene {
        let (shown_map, diff) = view.shown_map(ws);
        let ws: &Workspace = &shown_map;
        let analysed;
        let analysis = if let Some(a) = analysis {
            a
        } else {
            analysed = crate::analysis::analyze(ws);
            &analysed
        };
        let halo: Option<HashMap<&str, usize>> = view.dependants_halo.then(|| {
            analysis
                .single_points
                .iter()
                .map(|p| (p.system.as_str(), p.dependants))
                .collect()
        });
        let headline: std::collections::HashSet<&str> =
            crate::analysis::headline_single_points(analysis)
                .into_iter()
                .collect();
        let diff_mark = |id: &str| {
            diff.as_ref().and_then(|d| {
                if d.added.contains(id) {
                    Some(DiffMark::Added(color(theme.added)))
                } else if d.removed.contains(id) {
                    Some(DiffMark::Removed(color(theme.removed)))
                } else {
                    None
                }
            })
        };
        let shown = view
            .filters
            .is_active()
            .then(|| crate::model::visible(ws, &view.filters));
        let hide_filtered = view.filters.mode == FilterMode::Hide;
        let filtered_out = |id: &str, is_system: bool| {
            shown.as_ref().is_some_and(|v| {
                if is_system {
                    !v.systems.contains(id)
                } else {
                    !v.dependencies.contains(id)
                }
            })
        };

        let mut graph = SceneGraph::new();
        let mut node_of = HashMap::with_capacity(ws.systems.len());
        let mut edge_of = HashMap::with_capacity(ws.dependencies.len());
        let mut dependants: HashMap<String, usize> = HashMap::new();
        let hubs = Hubs::new(ws.dependencies.values());
        let mut type_counts = BTreeMap::new();
        for d in ws.dependencies.values() {
            *dependants.entry(d.to.clone()).or_default() += 1;
            *type_counts.entry(d.kind).or_default() += 1;
        }
        let open_debt = if view.hide_badges {
            Default::default()
        } else {
            ws.open_debt_by_element()
        };
        let debt_badge = |id: &str| {
            open_debt
                .get(id)
                .map(|(items, impact)| (items.len(), color(theme.debt_color(*impact))))
        };
        // Debt heat: a system's fill shows the total impact of its open debt.
        let heat = looks::debt_heat(ws, view);
        let heat_fill = |id: &str| heat.get(id).map(|t| looks::heat_fill(theme, *t));
        let below = ws
            .systems
            .values()
            .filter_map(|s| s.pos)
            .map(|p| p.y)
            .fold(f32::NEG_INFINITY, f32::max);
        let below = if below.is_finite() { below } else { 0.0 };

        // Where each system is drawn and which node stands for it (itself or its group's node).
        let mut unplaced = 0;
        let mut position: HashMap<&str, Pos2> = HashMap::with_capacity(ws.systems.len());
        for s in ws.systems.values() {
            let pos = if let Some(p) = s.pos {
                pos2(p.x, p.y)
            } else {
                unplaced += 1;
                fallback_position(unplaced - 1, below)
            };
            position.insert(s.id.as_str(), pos);
        }
        let drawn = |id: &str| !(hide_filtered && filtered_out(id, true));
        let mut represent: HashMap<&str, String> = HashMap::new();
        let mut collapsed: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut hulls: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for s in ws.systems.values().filter(|s| drawn(&s.id)) {
            let group = s.group.trim();
            if group.is_empty() {
                continue;
            }
            if view.collapsed_groups.contains(group) {
                collapsed.entry(group).or_default().push(s.id.as_str());
                represent.insert(s.id.as_str(), group_node_id(group));
            } else {
                hulls.entry(group).or_default().push(s.id.clone());
            }
        }

        for s in ws.systems.values() {
            if !drawn(&s.id) || represent.contains_key(s.id.as_str()) {
                continue;
            }
            let pos = position.get(s.id.as_str()).copied().unwrap_or(Pos2::ZERO);
            // The export's box at the base label size (the canvas grows it on screen to
            // hold bigger labels).
            let ([w, h], _) = system_box(s.kind, &s.name, LABEL_FONT_SIZE);
            let selected = view.selection.contains(&s.id);
            let dimmed = view.is_dimmed(&s.id) || filtered_out(&s.id, true);
            let alpha = if dimmed { theme.dim_alpha } else { 1.0 };
            let ring = if let Some(mark) = view.marks.get(&s.id) {
                Some(*mark)
            } else if selected {
                Some(color(theme.selection))
            } else if view.is_emphasised(&s.id) {
                Some(color(theme.highlight))
            } else {
                None
            };
            let links = hubs.lines(&s.id);
            let key = hubs.is_hub(&s.id) || headline.contains(s.id.as_str());
            let importance = u32::from(selected) * 1_000_000
                + u32::from(ring.is_some()) * 100_000
                + u32::from(key) * 50_000
                + (s.criticality as u32) * 10_000
                + links.min(9_999) as u32;
            let look = SystemLook {
                key,
                id: Arc::from(s.id.as_str()),
                name: Arc::from(s.name.as_str()),
                owner: Arc::from(s.owner.as_str()),
                kind: s.kind,
                size: vec2(w, h),
                fill: dim(
                    heat_fill(s.id.as_str()).unwrap_or_else(|| color(theme.node_fill)),
                    alpha,
                ),
                stroke: dim(color(theme.node_stroke), alpha),
                dimmed,
                border: border_width(s.criticality),
                pinned: s.pinned,
                pin_color: dim(color(theme.pin), alpha),
                ring,
                selected,
                debt: debt_badge(&s.id),
                halo: halo
                    .as_ref()
                    .and_then(|h| h.get(s.id.as_str()))
                    .copied()
                    .unwrap_or(0),
                backlog_s: view.backlogs.get(&s.id).copied(),
                cascade_note: view.cascade_notes.get(&s.id).map(|n| {
                    (
                        Arc::from(n.as_str()),
                        view.marks.get(&s.id).copied().unwrap_or(Color32::GRAY),
                    )
                }),
                importance,
                diff: diff_mark(&s.id),
                collapsed: 0,
            };
            let idx = add_node(&mut graph, look, pos);
            node_of.insert(s.id.clone(), idx);
        }
        for (group, members) in &collapsed {
            let id = group_node_id(group);
            let n = members.len() as f32;
            let centre = members
                .iter()
                .filter_map(|m| position.get(m))
                .fold(vec2(0.0, 0.0), |acc, p| acc + p.to_vec2())
                / n.max(1.0);
            let look = looks::collapsed_group(&id, group, members.len(), view, theme);
            let idx = add_node(&mut graph, look, centre.to_pos2());
            node_of.insert(id, idx);
        }

        // Dependencies: hidden types are left out; between collapsed groups, one line per
        // (from, to, type) with a count; inside a collapsed group, none.
        let end = |id: &str| represent.get(id).cloned().unwrap_or_else(|| id.to_owned());
        let mut lines: BTreeMap<String, (Vec<&str>, String, String)> = BTreeMap::new();
        for (id, d) in &ws.dependencies {
            if view.is_type_hidden(d.kind) {
                continue;
            }
            if hide_filtered && filtered_out(id, false) {
                continue;
            }
            let (from, to) = (end(&d.from), end(&d.to));
            if from == to && from != d.from {
                continue;
            }
            let key = if from == d.from && to == d.to {
                id.clone()
            } else {
                crate::model::dependency_id(&from, &to, d.kind)
            };
            lines
                .entry(key)
                .or_insert_with(|| (Vec::new(), from, to))
                .0
                .push(id.as_str());
        }
        // Fan parallel dependencies (same pair, either direction) so each type shows.
        let lanes: HashMap<&str, f32> = crate::layout::lanes(
            lines
                .iter()
                .map(|(key, (_, from, to))| (key.as_str(), from.as_str(), to.as_str())),
        );
        for (key, (members, from, to)) in &lines {
            let (Some(&a), Some(&b)) = (node_of.get(from), node_of.get(to)) else {
                continue;
            };
            let Some(d) = members.first().and_then(|m| ws.dependencies.get(*m)) else {
                continue;
            };
            let single = members.len() == 1 && key == members[0];
            let style = theme.edge(d.kind);
            let dimmed = members.iter().all(|id| {
                view.is_dimmed(id)
                    || (view.has_highlight() && view.is_dimmed(&d.from) && view.is_dimmed(&d.to))
                    || filtered_out(id, false)
            });
            let alpha = if dimmed { theme.dim_alpha } else { 1.0 };
            let text = if single {
                d.caption()
            } else {
                format!("×{}", members.len())
            };
            let look = DependencyLook {
                id: Arc::from(key.as_str()),
                kind: d.kind,
                text: Arc::from(text.as_str()),
                color: dim(color(style.color), alpha),
                dash: style.dash,
                width_px: if single {
                    theme.edge_width_px
                } else {
                    theme.edge_width_px + (members.len() as f32).sqrt().min(4.0)
                },
                arrow_px: theme.arrow_px,
                breaker: (single && d.circuit_breaker).then(|| {
                    if view.tripped.contains(key) {
                        Color32::from_rgb(0xD5, 0x5E, 0x00)
                    } else {
                        dim(color(theme.breaker), alpha)
                    }
                }),
                lane: lanes.get(key.as_str()).copied().unwrap_or(0.0),
                detour: 0.0,
                via: Arc::from([]),
                selected: view.selection.contains(key),
                // The failure travelled along it (a cascade being played), else highlighted.
                emphasis: view.travelled.get(key).copied().or_else(|| {
                    members
                        .iter()
                        .any(|m| view.is_emphasised(m))
                        .then(|| color(theme.highlight))
                }),
                diff: if single { diff_mark(key) } else { None },
                count: members.len(),
                debt: if single { debt_badge(key) } else { None },
                rollout: super::marks::marker_of(single, d),
            };
            let e = graph.add_edge(a, b, look);
            edge_of.insert(key.clone(), e);
        }
        let groups = hulls
            .into_iter()
            .filter(|(_, m)| !view.hide_group_hulls && !m.is_empty())
            .map(|(name, members)| GroupHull {
                name: name.to_owned(),
                members,
            })
            .collect();
        let breakers = ws
            .dependencies
            .values()
            .filter(|d| d.circuit_breaker)
            .count();
        let debt_open = open_debt
            .iter()
            .filter(|(id, _)| node_of.contains_key(**id) || edge_of.contains_key(**id))
            .flat_map(|(_, (items, _))| items.iter().copied())
            .collect::<std::collections::BTreeSet<&str>>()
            .len();
        let changes = diff.as_ref().map(|_| {
            let count = |removed: bool| {
                let marked = |d: Option<DiffMark>| {
                    matches!(
                        (d, removed),
                        (Some(DiffMark::Added(_)), false) | (Some(DiffMark::Removed(_)), true)
                    )
                };
                graph
                    .nodes_iter()
                    .filter(|(_, n)| marked(n.payload().diff))
                    .count()
                    + graph
                        .edges_iter()
                        .filter(|(_, e)| marked(e.payload().diff))
                        .count()
            };
            (count(false), count(true))
        });
        let legend = crate::picture::legend::entries_of(
            &type_counts,
            breakers,
            crate::picture::legend::Counts { debt_open, changes },
        );
        let any_removed = diff.as_ref().is_some_and(|d| !d.removed.is_empty());
        let any_aggregated = !collapsed.is_empty();
        let filtered = shown.as_ref().map(|v| (v.systems.len(), ws.systems.len()));
        let mut scene = Scene {
            graph,
            node_of,
            edge_of,
            type_counts,
            legend,
            dependants,
            groups,
            any_removed,
            any_aggregated,
            filtered,
        };
        scene.route();
        scene
    }

    /// The system's shape, if it is in the scene.
    /// Systems drawn faded, by id.
    pub fn dimmed_systems(&self) -> std::collections::BTreeSet<String> {
        self.graph
            .nodes_iter()
            .map(|(_, n)| &n.display().look)
            .filter(|l| l.dimmed)
            .map(|l| l.id.to_string())
            .collect()
    }

    pub fn system(&self, id: &str) -> Option<&SystemShape> {
        self.node_of
            .get(id)
            .and_then(|i| self.graph.node(*i))
            .map(egui_graphs::Node::display)
    }

    /// Moves a system's drawn position without rebuilding (live layout, drags).
    pub fn set_position(&mut self, id: &str, pos: Pos2) {
        if let Some(node) = self.node_of.get(id).and_then(|i| self.graph.node_mut(*i)) {
            node.set_location(pos);
            node.display_mut().pos = pos;
        }
    }

    /// Bounding box of every system, in canvas units.
    pub fn bounds(&self) -> Option<egui::Rect> {
        self.graph
            .nodes_iter()
            .map(|(_, n)| n.display().canvas_rect())
            .reduce(egui::Rect::union)
    }
}
