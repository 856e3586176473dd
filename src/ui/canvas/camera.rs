//! The canvas's camera: which canvas point is at the view's centre, and how far zoomed.

use egui::{Pos2, Rect, Vec2};

/// Canvas point at the centre of the view, and pixels per canvas unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    pub center: Pos2,
    pub zoom: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Camera {
            center: Pos2::ZERO,
            zoom: 1.0,
        }
    }
}

pub const MIN_ZOOM: f32 = 0.02;
pub const MAX_ZOOM: f32 = 6.0;

impl Camera {
    pub fn screen_from_canvas(&self, view: Rect, p: Pos2) -> Pos2 {
        view.center() + (p - self.center) * self.zoom
    }

    pub fn canvas_from_screen(&self, view: Rect, s: Pos2) -> Pos2 {
        self.center + (s - view.center()) / self.zoom
    }

    /// Shows `bounds` (canvas) in `view` (screen) with a margin.
    pub fn fit(&mut self, bounds: Rect, view: Rect) {
        // Labels are at least 12 px and may be wider than their boxes when zoomed out.
        let (margin_x, margin_y) = (60.0, 40.0);
        let w = (view.width() - 2.0 * margin_x).max(10.0);
        let h = (view.height() - 2.0 * margin_y).max(10.0);
        let zoom = (w / bounds.width().max(1.0)).min(h / bounds.height().max(1.0));
        self.zoom = zoom.clamp(MIN_ZOOM, 1.5);
        self.center = bounds.center();
    }

    /// The screen rect (in `view`) of the canvas rect `r`.
    pub fn screen_rect(&self, view: Rect, r: Rect) -> Rect {
        Rect::from_min_max(
            self.screen_from_canvas(view, r.min),
            self.screen_from_canvas(view, r.max),
        )
    }

    /// Follows `target` (canvas) as a played cascade reaches it: a target on the screen keeps
    /// the camera where it is; one off it is brought in the least way, with a sixth of the
    /// view's smaller side round it (for its note). Whether the camera moved.
    pub fn follow(&mut self, view: Rect, target: Rect) -> bool {
        if view.contains_rect(self.screen_rect(view, target)) {
            return false;
        }
        self.keep_in_view(view, target, view.size().min_elem() / 6.0)
    }

    /// Moves the camera the least that shows `target` (canvas) inside `view` (screen) with
    /// `margin` pixels to spare, centring it when it is larger than that; a target shown there
    /// already keeps the camera where it is. Whether the camera moved.
    pub fn keep_in_view(&mut self, view: Rect, target: Rect, margin: f32) -> bool {
        let inner = view.shrink(margin.min(view.width() / 4.0).min(view.height() / 4.0));
        let on = self.screen_rect(view, target);
        let by = |lo: f32, hi: f32, a: f32, b: f32| {
            if hi - lo > b - a {
                (a + b - lo - hi) / 2.0
            } else if lo < a {
                a - lo
            } else if hi > b {
                b - hi
            } else {
                0.0
            }
        };
        let shift = Vec2::new(
            by(on.min.x, on.max.x, inner.min.x, inner.max.x),
            by(on.min.y, on.max.y, inner.min.y, inner.max.y),
        );
        if shift == Vec2::ZERO || !shift.is_finite() || self.zoom <= 0.0 {
            return false;
        }
        self.center -= shift / self.zoom;
        true
    }

    /// Zooms by `factor` keeping the canvas point under `anchor` (screen) fixed.
    pub fn zoom_at(&mut self, view: Rect, anchor: Pos2, factor: f32) {
        let before = self.canvas_from_screen(view, anchor);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let after = self.canvas_from_screen(view, anchor);
        self.center += before - after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> Rect {
        Rect::from_min_size(Pos2::new(100.0, 50.0), egui::vec2(1000.0, 600.0))
    }

    /// A system on the screen already, even close to its edge, keeps the camera where it is:
    /// a fitted map stays whole while a cascade is played. Before, the camera centred on every
    /// system reached outside the middle 70 % of the view, cutting off the map's other side.
    #[test]
    fn a_target_on_screen_keeps_the_camera() {
        let mut cam = Camera {
            center: Pos2::new(0.0, 0.0),
            zoom: 1.0,
        };
        // 30 px from the right edge: on screen, outside the middle 70 %.
        let near_edge = Rect::from_center_size(Pos2::new(440.0, 0.0), egui::vec2(40.0, 20.0));
        assert!(!cam.follow(view(), near_edge));
        assert_eq!(cam.center, Pos2::ZERO);
        // Half off the screen: brought in, not centred.
        let past = Rect::from_center_size(Pos2::new(500.0, 0.0), egui::vec2(40.0, 20.0));
        assert!(cam.follow(view(), past));
        let on = cam.screen_from_canvas(view(), past.max);
        assert!((on.x - (view().max.x - 100.0)).abs() < 0.01, "{on:?}");
    }

    /// A target off the screen is brought in the least way, `margin` pixels inside the edge it
    /// was past, not centred; one larger than the view less its margins is centred.
    #[test]
    fn a_target_off_screen_is_brought_just_inside() {
        let mut cam = Camera {
            center: Pos2::new(0.0, 0.0),
            zoom: 2.0,
        };
        let off = Rect::from_center_size(Pos2::new(400.0, 0.0), egui::vec2(40.0, 20.0));
        assert!(cam.keep_in_view(view(), off, 90.0));
        let on = cam.screen_from_canvas(view(), off.max);
        assert!((on.x - (view().max.x - 90.0)).abs() < 0.01, "{on:?}");
        assert_eq!(cam.center.y, 0.0);
        let huge = Rect::from_center_size(Pos2::new(-50.0, 30.0), egui::vec2(2000.0, 20.0));
        assert!(cam.keep_in_view(view(), huge, 90.0));
        let c = cam.screen_from_canvas(view(), huge.center());
        assert!((c.x - view().center().x).abs() < 0.01, "{c:?}");
    }
}
