//! Lines bowed around boxes on the canvas (`picture::route`), for the systems' current
//! positions.

use std::collections::HashMap;

use petgraph::stable_graph::NodeIndex;

use super::Scene;

impl Scene {
    /// Bows each line that would pass through a box that is not one of its ends around it, or
    /// leads it around with bends (`picture::route`), for the systems' current positions. Run when the scene is built.
    pub fn route(&mut self) {
        let index: HashMap<NodeIndex, usize> = self
            .graph
            .nodes_iter()
            .enumerate()
            .map(|(k, (i, _))| (i, k))
            .collect();
        let rects: Vec<crate::picture::geometry::Rect> = self
            .graph
            .nodes_iter()
            .map(|(_, n)| crate::ui::canvas::shapes::to_rect(n.display().canvas_rect()))
            .collect();
        let mut edges = Vec::new();
        let mut lines = Vec::new();
        let mut arrow = 11.0f32;
        for (e, edge) in self.graph.edges_iter() {
            let Some((a, b)) = self.graph.edge_endpoints(e) else {
                continue;
            };
            let (Some(&a), Some(&b)) = (index.get(&a), index.get(&b)) else {
                continue;
            };
            arrow = edge.display().look.arrow_px;
            edges.push(e);
            lines.push((a, b, edge.display().look.lane));
        }
        let routed = crate::picture::route::detours(&rects, &lines, 1.0, arrow);
        for ((e, line), routed) in edges.into_iter().zip(&lines).zip(routed) {
            if let Some(edge) = self.graph.edge_mut(e) {
                let detour = if routed.via.is_empty() {
                    routed.lane - line.2
                } else {
                    0.0
                };
                let via: std::sync::Arc<[[f32; 2]]> = routed.via.into();
                edge.payload_mut().detour = detour;
                edge.payload_mut().via = via.clone();
                edge.display_mut().look.detour = detour;
                edge.display_mut().look.via = via;
            }
        }
    }

    /// Draws every line on its own lane again (no detours), e.g. while boxes move.
    pub fn straighten(&mut self) {
        let edges: Vec<_> = self.graph.edges_iter().map(|(e, _)| e).collect();
        for e in edges {
            if let Some(edge) = self.graph.edge_mut(e) {
                edge.payload_mut().detour = 0.0;
                edge.payload_mut().via = std::sync::Arc::from([]);
                edge.display_mut().look.detour = 0.0;
                edge.display_mut().look.via = std::sync::Arc::from([]);
            }
        }
    }
}
