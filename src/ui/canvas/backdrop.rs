//! The backdrop photo under the map: one textured quad, turned by quarter turns through its
//! texture coordinates, at the placement's opacity.

use egui::{Color32, Mesh, Pos2, Rect, Shape, TextureId};

use super::Camera;

/// What the canvas needs to draw the backdrop this frame (the app keeps the texture).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BackdropPaint {
    pub texture: TextureId,
    /// Where the turned image lies, in canvas units.
    pub canvas_rect: Rect,
    /// Clockwise quarter turns, 0 to 3.
    pub quarter_turns: u8,
    pub opacity: f32,
}

/// The image corner (as texture coordinates) shown at each corner of the placed rect (top
/// left, top right, bottom right, bottom left) after `turns` clockwise quarter turns.
pub fn corner_uvs(turns: u8) -> [Pos2; 4] {
    let image = [
        Pos2::new(0.0, 0.0),
        Pos2::new(1.0, 0.0),
        Pos2::new(1.0, 1.0),
        Pos2::new(0.0, 1.0),
    ];
    let t = usize::from(turns % 4);
    std::array::from_fn(|i| image[(i + 4 - t) % 4])
}

/// The backdrop as a shape on screen (`None` when it is entirely outside `view`).
pub fn shape(paint: &BackdropPaint, cam: Camera, view: Rect) -> Option<Shape> {
    let r = paint.canvas_rect;
    let corners = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
    ]
    .map(|p| cam.screen_from_canvas(view, p));
    let screen = Rect::from_two_pos(corners[0], corners[2]);
    if !screen.intersects(view) {
        return None;
    }
    let tint = Color32::WHITE.gamma_multiply(paint.opacity.clamp(0.0, 1.0));
    let mut mesh = Mesh::with_texture(paint.texture);
    for (pos, uv) in corners.into_iter().zip(corner_uvs(paint.quarter_turns)) {
        mesh.vertices.push(egui::epaint::Vertex {
            pos,
            uv,
            color: tint,
        });
    }
    mesh.indices.extend([0, 1, 2, 0, 2, 3]);
    Some(Shape::mesh(mesh))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quarter_turn_shows_the_images_bottom_left_at_the_top_left() {
        let uv = corner_uvs(1);
        assert_eq!(uv[0], Pos2::new(0.0, 1.0));
        assert_eq!(uv[1], Pos2::new(0.0, 0.0));
        assert_eq!(corner_uvs(0)[2], Pos2::new(1.0, 1.0));
        assert_eq!(corner_uvs(2)[0], Pos2::new(1.0, 1.0));
        assert_eq!(corner_uvs(3)[0], Pos2::new(1.0, 0.0));
        assert_eq!(corner_uvs(4), corner_uvs(0));
    }
}
