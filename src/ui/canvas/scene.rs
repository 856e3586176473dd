//! The drawable scene: an egui_graphs `Graph` built from the workspace and the view state,
//! rebuilt only when either changes (not every frame).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use egui::{Color32, Pos2, pos2, vec2};
use egui_graphs::Graph;
use petgraph::Directed;
use petgraph::stable_graph::{DefaultIx, EdgeIndex, NodeIndex};

use super::shapes::{DependencyLook, DependencyShape, SystemLook, SystemShape};
use crate::layout::measure::node_size;
use crate::model::{DependencyType, Workspace};
use crate::theme::{Theme, border_width};
use crate::ui::theme::color;
use crate::ui::view::ViewState;

/// Screen pixels between the lanes of parallel dependencies.
const FAN_PX: f32 = 14.0;

pub type SceneGraph =
    Graph<SystemLook, DependencyLook, Directed, DefaultIx, SystemShape, DependencyShape>;

pub struct Scene {
    pub graph: SceneGraph,
    pub node_of: HashMap<String, NodeIndex<DefaultIx>>,
    pub edge_of: HashMap<String, EdgeIndex<DefaultIx>>,
    /// Dependencies per type (all of them, hidden or not), for the legend.
    pub type_counts: BTreeMap<DependencyType, usize>,
    /// How many systems depend on each system (directly), for label priority.
    pub dependants: HashMap<String, usize>,
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
    /// `halo`: transitive dependants per system, when the dependants overlay is on.
    pub fn build(
        ws: &Workspace,
        view: &ViewState,
        theme: &Theme,
        halo: Option<&HashMap<String, usize>>,
    ) -> Scene {
        let mut graph = SceneGraph::new();
        let mut node_of = HashMap::with_capacity(ws.systems.len());
        let mut edge_of = HashMap::with_capacity(ws.dependencies.len());
        let mut dependants: HashMap<String, usize> = HashMap::new();
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
        // Debt heat: a system's fill shows the total impact of its open debt (1–3 low, 4–7
        // medium, 8+ high), blended over the normal fill.
        let heat: HashMap<&str, u32> = if view.debt_heat {
            let mut total: HashMap<&str, u32> = HashMap::new();
            for d in ws
                .debt
                .values()
                .filter(|d| d.status != crate::model::DebtStatus::Resolved)
            {
                for l in &d.links {
                    *total.entry(l.as_str()).or_default() += u32::from(d.impact);
                }
            }
            total
        } else {
            HashMap::new()
        };
        let heat_fill = |id: &str| {
            heat.get(id).map(|t| {
                let level = match t {
                    0..=3 => 2,
                    4..=7 => 3,
                    _ => 5,
                };
                let base = color(theme.node_fill);
                let hot = color(theme.debt_color(level));
                Color32::from_rgb(
                    ((u16::from(base.r()) + 2 * u16::from(hot.r())) / 3) as u8,
                    ((u16::from(base.g()) + 2 * u16::from(hot.g())) / 3) as u8,
                    ((u16::from(base.b()) + 2 * u16::from(hot.b())) / 3) as u8,
                )
            })
        };
        let below = ws
            .systems
            .values()
            .filter_map(|s| s.pos)
            .map(|p| p.y)
            .fold(f32::NEG_INFINITY, f32::max);
        let below = if below.is_finite() { below } else { 0.0 };
        let mut unplaced = 0;
        for s in ws.systems.values() {
            let pos = match s.pos {
                Some(p) => pos2(p.x, p.y),
                None => {
                    unplaced += 1;
                    fallback_position(unplaced - 1, below)
                }
            };
            let (w, h) = node_size(&s.name);
            let selected = view.selection.contains(&s.id);
            let dimmed = view.is_dimmed(&s.id);
            let alpha = if dimmed { theme.dim_alpha } else { 1.0 };
            let ring = if let Some(mark) = view.marks.get(&s.id) {
                Some(*mark)
            } else if selected {
                Some(color(theme.selection))
            } else if view.is_highlighted(&s.id) {
                Some(color(theme.highlight))
            } else {
                None
            };
            let importance = u32::from(selected) * 1_000_000
                + u32::from(ring.is_some()) * 100_000
                + (s.criticality as u32) * 10_000
                + dependants.get(&s.id).copied().unwrap_or(0).min(9_999) as u32;
            let look = SystemLook {
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
                border: border_width(s.criticality),
                pinned: s.pinned,
                pin_color: dim(color(theme.pin), alpha),
                ring,
                selected,
                debt: debt_badge(&s.id),
                halo: halo.and_then(|h| h.get(&s.id)).copied().unwrap_or(0),
                backlog_s: view.backlogs.get(&s.id).copied(),
                importance,
            };
            let idx = graph.add_node_with_location(look, pos);
            if let Some(node) = graph.node_mut(idx) {
                let props = node.props().clone();
                egui_graphs::DisplayNode::<SystemLook, DependencyLook, Directed, DefaultIx>::update(
                    node.display_mut(),
                    &props,
                );
            }
            node_of.insert(s.id.clone(), idx);
        }
        // Fan parallel dependencies (same pair, either direction) so each type shows.
        let visible = ws
            .dependencies
            .iter()
            .filter(|(_, d)| !view.hidden_types.contains(&d.kind))
            .map(|(id, _)| id.as_str());
        let fan: HashMap<&str, f32> = crate::layout::parallel_lanes(ws, visible)
            .into_iter()
            .map(|(id, lane)| (id, lane * FAN_PX))
            .collect();
        for (id, d) in &ws.dependencies {
            if view.hidden_types.contains(&d.kind) {
                continue;
            }
            let (Some(&a), Some(&b)) = (node_of.get(&d.from), node_of.get(&d.to)) else {
                continue;
            };
            let style = theme.edge(d.kind);
            let dimmed = view.is_dimmed(id)
                || (view.has_highlight() && view.is_dimmed(&d.from) && view.is_dimmed(&d.to));
            let alpha = if dimmed { theme.dim_alpha } else { 1.0 };
            let text = match (d.label.is_empty(), d.protocol.is_empty()) {
                (false, false) => format!("{} · {}", d.label, d.protocol),
                (false, true) => d.label.clone(),
                (true, false) => d.protocol.clone(),
                (true, true) => String::new(),
            };
            let look = DependencyLook {
                id: Arc::from(id.as_str()),
                kind: d.kind,
                text: Arc::from(text.as_str()),
                color: dim(color(style.color), alpha),
                dash: style.dash,
                width_px: theme.edge_width_px,
                arrow_px: theme.arrow_px,
                breaker: d.circuit_breaker.then(|| {
                    if view.tripped.contains(id) {
                        Color32::from_rgb(0xD5, 0x5E, 0x00)
                    } else {
                        dim(color(theme.breaker), alpha)
                    }
                }),
                fan_px: fan.get(id.as_str()).copied().unwrap_or(0.0),
                selected: view.selection.contains(id),
                debt: debt_badge(id),
            };
            let e = graph.add_edge(a, b, look);
            edge_of.insert(id.clone(), e);
        }
        Scene {
            graph,
            node_of,
            edge_of,
            type_counts,
            dependants,
        }
    }

    /// The system's shape, if it is in the scene.
    pub fn system(&self, id: &str) -> Option<&SystemShape> {
        self.node_of
            .get(id)
            .and_then(|i| self.graph.node(*i))
            .map(|n| n.display())
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
            .reduce(|a, b| a.union(b))
    }
}
