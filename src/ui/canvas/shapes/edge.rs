//! A dependency as egui_graphs draws and hit-tests it: the line between its two systems'
//! boxes, along its lane or through its bends.

use egui::{Pos2, Rect, Shape, pos2};
use egui_graphs::{DisplayEdge, DrawContext, EdgeProps, Node};
use petgraph::{EdgeType, stable_graph::IndexType};

use super::{
    DependencyLook, P, SystemLook, SystemShape, dependency_body, dependency_path, distance_to_path,
    geo_point, path_points,
};

#[derive(Debug, Clone)]
pub struct DependencyShape {
    pub look: DependencyLook,
}

impl From<EdgeProps<DependencyLook>> for DependencyShape {
    fn from(props: EdgeProps<DependencyLook>) -> Self {
        DependencyShape {
            look: props.payload,
        }
    }
}

impl<Ty: EdgeType, Ix: IndexType> DisplayEdge<SystemLook, DependencyLook, Ty, Ix, SystemShape>
    for DependencyShape
{
    fn shapes(
        &mut self,
        start: &Node<SystemLook, DependencyLook, Ty, Ix, SystemShape>,
        end: &Node<SystemLook, DependencyLook, Ty, Ix, SystemShape>,
        ctx: &DrawContext,
    ) -> Vec<Shape> {
        let screen = |s: &SystemShape| {
            Rect::from_center_size(
                ctx.meta.canvas_to_screen_pos(s.pos),
                s.look.size * ctx.meta.zoom,
            )
        };
        let mut out = Vec::new();
        let via: Vec<P> = self
            .look
            .via
            .iter()
            .map(|&v| geo_point(ctx.meta.canvas_to_screen_pos(pos2(v[0], v[1]))))
            .collect();
        if let Some(path) = dependency_path(
            screen(start.display()),
            screen(end.display()),
            self.look.lane_at(ctx.meta.zoom),
            &via,
            self.look.arrow_px,
        ) {
            dependency_body(&mut out, &path, &self.look);
        }
        out
    }

    fn update(&mut self, state: &EdgeProps<DependencyLook>) {
        self.look = state.payload.clone();
    }

    fn is_inside(
        &self,
        start: &Node<SystemLook, DependencyLook, Ty, Ix, SystemShape>,
        end: &Node<SystemLook, DependencyLook, Ty, Ix, SystemShape>,
        pos: Pos2,
    ) -> bool {
        dependency_path(
            start.display().canvas_rect(),
            end.display().canvas_rect(),
            self.look.detour,
            &self.look.via,
            self.look.arrow_px,
        )
        .is_some_and(|path| distance_to_path(&path_points(&path), pos) < 6.0)
    }
}
