//! The theme table (`crate::theme`) in egui terms: colours, visuals and the bundled font.

use egui::{Color32, FontData, FontDefinitions, FontFamily};

use crate::layout::measure::FONT_BYTES;
use crate::theme::{EdgeStyle, Rgba, Theme, ThemeName};

pub fn color(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

/// One third `a`, two thirds `b` (opaque), per channel.
pub fn mix_third(a: Color32, b: Color32) -> Color32 {
    let mix = |x: u8, y: u8| ((u16::from(x) + 2 * u16::from(y)) / 3) as u8;
    Color32::from_rgb(mix(a.r(), b.r()), mix(a.g(), b.g()), mix(a.b(), b.b()))
}

/// Makes the bundled font (the one export and layout measure with) egui's first choice.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "dejavu".into(),
        std::sync::Arc::new(FontData::from_static(FONT_BYTES)),
    );
    if let Some(family) = fonts.families.get_mut(&FontFamily::Proportional) {
        family.insert(0, "dejavu".into());
    }
    ctx.set_fonts(fonts);
}

/// Applies the theme's light/dark visuals to egui's widgets.
pub fn apply(ctx: &egui::Context, theme: &Theme) {
    let visuals = match theme.name {
        ThemeName::Light => egui::Visuals::light(),
        ThemeName::Dark => egui::Visuals::dark(),
        ThemeName::Projector => egui::Visuals::light(),
    };
    ctx.set_visuals(visuals);
}

/// A dependency type's sample line with its arrowhead (legend, capture list).
pub fn paint_dependency_sample(painter: &egui::Painter, rect: egui::Rect, style: &EdgeStyle) {
    let y = rect.center().y;
    let pos = |p: [f32; 2]| egui::pos2(p[0], p[1]);
    let Some(path) =
        crate::picture::path::DependencyPath::straight([rect.left(), y], [rect.right(), y], 8.0)
    else {
        return;
    };
    let pts = [pos(path.start), pos(path.end)];
    let stroke = egui::Stroke::new(2.5, color(style.color));
    if style.dash.is_empty() {
        painter.line_segment(pts, stroke);
    } else {
        let dashes: Vec<f32> = style.dash.iter().step_by(2).map(|d| d * 1.4).collect();
        let gaps: Vec<f32> = style
            .dash
            .iter()
            .skip(1)
            .step_by(2)
            .map(|g| g * 1.4)
            .collect();
        painter.extend(egui::Shape::dashed_line_with_offset(
            &pts, stroke, &dashes, &gaps, 0.0,
        ));
    }
    painter.add(egui::Shape::convex_polygon(
        path.arrowhead().into_iter().map(pos).collect(),
        color(style.color),
        egui::Stroke::NONE,
    ));
}

/// Paints a legend entry's sample into `rect`, as the export's legend draws it: a dependency
/// type's line and arrowhead, the fuse of a circuit breaker, the three debt colours, or a
/// scenario's added / removed mark.
pub fn paint_legend_sample(
    painter: &egui::Painter,
    rect: egui::Rect,
    kind: crate::picture::legend::EntryKind,
    theme: &crate::theme::Theme,
) {
    use crate::picture::legend::EntryKind;
    use crate::picture::path::{fuse, fuse_scale};
    let y = rect.center().y;
    let (a, b) = ([rect.left(), y], [rect.right(), y]);
    let pos = |p: [f32; 2]| egui::pos2(p[0], p[1]);
    match kind {
        EntryKind::Type(t) => paint_dependency_sample(painter, rect, &theme.edge(t)),
        EntryKind::CircuitBreaker => {
            let width = theme.edge_width_px;
            painter.line_segment(
                [pos(a), pos(b)],
                egui::Stroke::new(width, color(theme.node_subtext)),
            );
            let f = fuse(rect.center().into(), [1.0, 0.0], fuse_scale(width));
            let stroke = egui::Stroke::new(f.stroke, color(theme.breaker));
            painter.add(egui::Shape::convex_polygon(
                f.body.into_iter().map(pos).collect(),
                color(theme.node_fill),
                stroke,
            ));
            painter.line_segment([pos(f.wire[0]), pos(f.wire[1])], stroke);
        }
        EntryKind::Debt => {
            for (at, r, fill) in crate::picture::legend::debt_swatch(a, b, theme) {
                painter.circle(
                    pos(at),
                    r,
                    color(fill),
                    egui::Stroke::new(
                        crate::picture::badges::outline_width(r),
                        color(theme.debt_outline),
                    ),
                );
            }
        }
        EntryKind::Added | EntryKind::Removed => {
            let c = if kind == EntryKind::Added {
                theme.added
            } else {
                theme.removed
            };
            let stroke = egui::Stroke::new(2.5, color(c));
            let body = egui::Rect::from_center_size(
                rect.center(),
                egui::vec2(rect.width(), rect.height() * 0.7),
            );
            painter.rect(
                body,
                2.0,
                color(theme.node_fill),
                stroke,
                egui::StrokeKind::Inside,
            );
            if kind == EntryKind::Removed {
                painter.line_segment([pos(a), pos(b)], stroke);
            }
        }
    }
}
