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

/// A dependency type's line sample — colour, dash and arrow head — drawn across `rect`, as the
/// legend and the dependency-type popups show it.
pub fn paint_dependency_sample(painter: &egui::Painter, rect: egui::Rect, style: &EdgeStyle) {
    let y = rect.center().y;
    let pts = [
        egui::pos2(rect.left(), y),
        egui::pos2(rect.right() - 6.0, y),
    ];
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
        vec![
            egui::pos2(rect.right(), y),
            egui::pos2(rect.right() - 7.0, y - 4.0),
            egui::pos2(rect.right() - 7.0, y + 4.0),
        ],
        color(style.color),
        egui::Stroke::NONE,
    ));
}
