//! The one table of colours, dash patterns, widths and type sizes. The canvas converts it to egui
//! colours and the export (no egui) reads it directly, so a slide looks like the screen.
//!
//! Dependency types use the Okabe–Ito colour-blind-safe palette *and* their own dash pattern, so
//! they stay distinct in greyscale and for colour-blind viewers.

use crate::model::{Criticality, DependencyType};

/// An sRGB colour with alpha, `[r, g, b, a]`.
pub type Rgba = [u8; 4];

const fn rgb(hex: u32) -> Rgba {
    [(hex >> 16) as u8, (hex >> 8) as u8, hex as u8, 255]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Light,
    Dark,
}

impl ThemeName {
    pub const ALL: [ThemeName; 2] = [ThemeName::Light, ThemeName::Dark];

    pub fn label(self) -> &'static str {
        match self {
            ThemeName::Light => "Light",
            ThemeName::Dark => "Dark",
        }
    }
}

/// How one dependency type is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EdgeStyle {
    pub color: Rgba,
    /// Alternating dash and gap lengths in screen pixels at width 1; empty = solid.
    pub dash: &'static [f32],
}

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: ThemeName,
    pub canvas_bg: Rgba,
    pub grid: Rgba,
    pub node_fill: Rgba,
    pub node_stroke: Rgba,
    pub node_text: Rgba,
    pub node_subtext: Rgba,
    pub selection: Rgba,
    pub highlight: Rgba,
    pub pin: Rgba,
    pub breaker: Rgba,
    /// Integration-debt badge fill by the highest open impact: 1–2, 3, 4–5 (Okabe–Ito yellow,
    /// orange, vermillion).
    pub debt_low: Rgba,
    pub debt_mid: Rgba,
    pub debt_high: Rgba,
    /// Outline and count of a debt badge: dark, so the badge reads on light and dark maps.
    pub debt_outline: Rgba,
    /// Multiplier for the alpha of dimmed (not highlighted) elements.
    pub dim_alpha: f32,
    /// Edge stroke width in screen pixels.
    pub edge_width_px: f32,
    /// Arrowhead length in screen pixels.
    pub arrow_px: f32,
    /// System label size in screen pixels at zoom 1; never drawn below `min_label_px`.
    pub label_px: f32,
    pub min_label_px: f32,
    /// Second line (owner) and edge label size in screen pixels.
    pub small_px: f32,
}

/// Border width in canvas units per criticality.
pub fn border_width(c: Criticality) -> f32 {
    match c {
        Criticality::Low => 1.0,
        Criticality::Medium => 1.5,
        Criticality::High => 3.0,
        Criticality::Critical => 5.0,
    }
}

const DASH_SOLID: &[f32] = &[];
const DASH_LONG: &[f32] = &[10.0, 6.0];
const DASH_DOTTED: &[f32] = &[2.0, 4.0];
const DASH_DOT: &[f32] = &[12.0, 4.0, 2.0, 4.0];
const DASH_SHORT: &[f32] = &[5.0, 4.0];
const DASH_LONG_SHORT: &[f32] = &[12.0, 4.0, 5.0, 4.0];
const DASH_DOT_DOT: &[f32] = &[12.0, 4.0, 2.0, 4.0, 2.0, 4.0];
const DASH_SPARSE: &[f32] = &[3.0, 9.0];

impl Theme {
    pub fn get(name: ThemeName) -> Theme {
        match name {
            ThemeName::Light => Theme {
                name,
                canvas_bg: rgb(0xFAFAF7),
                grid: rgb(0xECECE6),
                node_fill: rgb(0xFFFFFF),
                node_stroke: rgb(0x3A3A3A),
                node_text: rgb(0x111111),
                node_subtext: rgb(0x555555),
                selection: rgb(0x0072B2),
                highlight: rgb(0xE69F00),
                pin: rgb(0xD55E00),
                breaker: rgb(0x111111),
                debt_low: rgb(0xF0E442),
                debt_mid: rgb(0xE69F00),
                debt_high: rgb(0xD55E00),
                debt_outline: rgb(0x111111),
                dim_alpha: 0.18,
                edge_width_px: 2.0,
                arrow_px: 11.0,
                label_px: 14.0,
                min_label_px: 12.0,
                small_px: 12.0,
            },
            ThemeName::Dark => Theme {
                name,
                canvas_bg: rgb(0x1E1F22),
                grid: rgb(0x2A2B2F),
                node_fill: rgb(0x2B2D31),
                node_stroke: rgb(0xC8C8C8),
                node_text: rgb(0xF2F2F2),
                node_subtext: rgb(0xB0B0B0),
                selection: rgb(0x56B4E9),
                highlight: rgb(0xF0E442),
                pin: rgb(0xE69F00),
                breaker: rgb(0xF2F2F2),
                debt_low: rgb(0xF0E442),
                debt_mid: rgb(0xE69F00),
                debt_high: rgb(0xD55E00),
                debt_outline: rgb(0x111111),
                dim_alpha: 0.22,
                edge_width_px: 2.0,
                arrow_px: 11.0,
                label_px: 14.0,
                min_label_px: 12.0,
                small_px: 12.0,
            },
        }
    }

    /// The high-contrast table for projectors and slides: black on white, labels of at least
    /// 18 px, thick edges. Exports use it for `--theme projector`; it is not yet a [`ThemeName`]
    /// because the canvas's visuals (`ui::theme::apply`) only know light and dark. Its `name` is
    /// [`ThemeName::Light`], whose edge colours it shares.
    pub fn projector() -> Theme {
        Theme {
            name: ThemeName::Light,
            canvas_bg: rgb(0xFFFFFF),
            grid: rgb(0xDDDDDD),
            node_fill: rgb(0xFFFFFF),
            node_stroke: rgb(0x000000),
            node_text: rgb(0x000000),
            node_subtext: rgb(0x333333),
            selection: rgb(0x0072B2),
            highlight: rgb(0xE69F00),
            pin: rgb(0xD55E00),
            breaker: rgb(0x000000),
            debt_low: rgb(0xF0E442),
            debt_mid: rgb(0xE69F00),
            debt_high: rgb(0xD55E00),
            debt_outline: rgb(0x111111),
            dim_alpha: 0.25,
            edge_width_px: 4.0,
            arrow_px: 18.0,
            label_px: 20.0,
            min_label_px: 18.0,
            small_px: 18.0,
        }
    }

    /// Fill of a debt badge whose highest open impact is `impact` (1–5).
    pub fn debt_color(&self, impact: u8) -> Rgba {
        match impact {
            0..=2 => self.debt_low,
            3 => self.debt_mid,
            _ => self.debt_high,
        }
    }

    /// Colour and dash pattern of a dependency type (Okabe–Ito; black becomes light grey on dark).
    pub fn edge(&self, kind: DependencyType) -> EdgeStyle {
        let dark = self.name == ThemeName::Dark;
        let (color, dash) = match kind {
            DependencyType::Sync => (if dark { rgb(0x56B4E9) } else { rgb(0x0072B2) }, DASH_SOLID),
            DependencyType::Async => (rgb(0x009E73), DASH_LONG),
            DependencyType::Data => (rgb(0xD55E00), DASH_DOTTED),
            DependencyType::Batch => (rgb(0xE69F00), DASH_DOT),
            DependencyType::BusinessProcess => (rgb(0xCC79A7), DASH_SHORT),
            DependencyType::HumanWorkflow => (
                if dark { rgb(0x0072B2) } else { rgb(0x56B4E9) },
                DASH_LONG_SHORT,
            ),
            DependencyType::Timing => (
                if dark { rgb(0xF0E442) } else { rgb(0x9A8C00) },
                DASH_DOT_DOT,
            ),
            DependencyType::StartupOrder => (
                if dark { rgb(0xBBBBBB) } else { rgb(0x000000) },
                DASH_SPARSE,
            ),
        };
        EdgeStyle { color, dash }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_its_own_dash_pattern_and_colour() {
        let themes = ThemeName::ALL.map(Theme::get);
        for theme in themes.iter().chain([&Theme::projector()]) {
            let styles: Vec<EdgeStyle> =
                DependencyType::ALL.iter().map(|t| theme.edge(*t)).collect();
            for (i, a) in styles.iter().enumerate() {
                for b in &styles[i + 1..] {
                    assert_ne!(a.dash, b.dash);
                    assert_ne!(a.color, b.color);
                }
            }
        }
    }

    #[test]
    fn debt_colours_rise_with_impact_and_differ() {
        for theme in ThemeName::ALL
            .map(Theme::get)
            .iter()
            .chain([&Theme::projector()])
        {
            let c: Vec<Rgba> = (1..=5).map(|i| theme.debt_color(i)).collect();
            assert_eq!((c[0], c[1]), (theme.debt_low, theme.debt_low));
            assert_eq!(c[2], theme.debt_mid);
            assert_eq!((c[3], c[4]), (theme.debt_high, theme.debt_high));
            assert!(c[0] != c[2] && c[2] != c[4] && c[0] != c[4]);
        }
    }

    #[test]
    fn projector_is_bigger_and_bolder() {
        let light = Theme::get(ThemeName::Light);
        let p = Theme::projector();
        assert!(p.label_px >= 18.0 && p.min_label_px >= 18.0 && p.small_px >= 18.0);
        assert!(p.edge_width_px > light.edge_width_px && p.arrow_px > light.arrow_px);
        assert_eq!((p.canvas_bg, p.node_text), (rgb(0xFFFFFF), rgb(0x000000)));
    }
}
