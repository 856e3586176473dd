//! Dependencies as SVG: strokes by type, arrowheads, circuit-breaker fuses, a scenario's cross.

use super::{Color, N, change_color, esc, marks_attrs, points};
use crate::picture::geometry::{P, add, mul, quad};
use crate::picture::path::{DependencyPath, Piece, fuse_scale};
use crate::picture::{Change, DependencyItem};
use crate::theme::{EdgeStyle, Rgba, Theme};

/// Stroke attributes of a dependency type at `width`: colour, width, dash pattern (dashes scale
/// with `dash_unit`: the width on the map, a thinner unit in the legend's short samples so each
/// pattern shows at least twice).
pub(super) fn edge_stroke(out: &mut String, style: &EdgeStyle, width: f32, dash_unit: f32) {
    w!(
        out,
        " fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"",
        Color(style.color),
        N(width)
    );
    if !style.dash.is_empty() {
        out.push_str(" stroke-dasharray=\"");
        for (i, d) in style.dash.iter().enumerate() {
            w!(
                out,
                "{}{}",
                if i == 0 { "" } else { " " },
                N(d * dash_unit.max(1.0) * 0.7)
            );
        }
        out.push('"');
    }
}

pub(super) fn arrowhead(out: &mut String, path: &DependencyPath, color: Rgba) {
    out.push_str("<path d=\"M");
    points(out, &path.arrowhead());
    w!(out, "Z\" fill=\"{}\"/>", Color(color));
}

/// The fuse symbol of a circuit breaker at `at`, along `dir`.
pub(super) fn fuse(out: &mut String, at: P, dir: P, k: f32, theme: &Theme) {
    let f = crate::picture::path::fuse(at, dir, k);
    out.push_str("<path class=\"circuit-breaker\" d=\"M");
    points(out, &f.body);
    out.push_str("Z M");
    points(out, &f.wire);
    w!(
        out,
        "\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
        Color(theme.node_fill),
        Color(theme.breaker),
        N(f.stroke)
    );
}

pub(super) fn dependency(out: &mut String, d: &DependencyItem<'_>, theme: &Theme) {
    let width = theme.edge_width_px;
    let style = match d.marks.change {
        Some(change) => EdgeStyle {
            color: change_color(change, theme),
            ..d.style
        },
        None => d.style,
    };
    out.push_str("<g class=\"dependency\" data-id=\"");
    esc(out, d.id);
    w!(out, "\" data-type=\"{}\"", d.kind);
    marks_attrs(out, d.marks, theme);
    out.push('>');
    let mut path = String::from("M");
    points(&mut path, &[d.path.start]);
    let pieces = d.path.pieces();
    for (k, piece) in pieces.iter().enumerate() {
        // The line stops at the arrowhead's base.
        let last = k + 1 == pieces.len();
        match *piece {
            Piece::Line(p) => {
                path.push_str(" L");
                points(&mut path, &[if last { d.path.end } else { p }]);
            }
            Piece::Quad(c, p) => {
                path.push_str(" Q");
                points(&mut path, &[c, if last { d.path.end } else { p }]);
            }
        }
    }
    if d.marks.highlighted {
        w!(
            out,
            "<path class=\"highlight\" d=\"{path}\" fill=\"none\" stroke=\"{}\" \
             stroke-width=\"{}\" stroke-opacity=\"0.6\" stroke-linecap=\"round\"/>",
            Color(theme.highlight),
            N(width * 3.5)
        );
    }
    if let Some(change) = d.marks.change {
        // A pale band under the line: a changed dependency stands out even where its type's
        // colour is close to the change's (data access is vermillion too).
        w!(
            out,
            "<path class=\"change\" d=\"{path}\" fill=\"none\" stroke=\"{}\" \
             stroke-width=\"{}\" stroke-opacity=\"0.3\" stroke-linecap=\"round\"/>",
            Color(change_color(change, theme)),
            N(width * 4.0)
        );
    }
    w!(out, "<path d=\"{path}\"");
    edge_stroke(out, &style, width, width);
    out.push_str("/>");
    arrowhead(out, &d.path, style.color);
    if let Some((at, dir)) = d.breaker {
        fuse(out, at, dir, fuse_scale(width), theme);
    }
    if d.marks.change == Some(Change::Removed) {
        let mid = match d.path.ctrl {
            Some(c) => quad(d.path.start, c, d.path.end, 0.5),
            None if d.path.via.is_empty() => mul(add(d.path.start, d.path.end), 0.5),
            None => d.path.point_at(0.5),
        };
        cross(out, mid, 4.0 * width.max(2.0), width.max(1.0) * 1.5, theme);
    }
    out.push_str("</g>\n");
}

/// An × of half-size `arm` at `at`, in the theme's `removed` colour on an outline of the
/// background: the mark of a removed dependency.
pub(super) fn cross(out: &mut String, at: P, arm: f32, width: f32, theme: &Theme) {
    let mut d = String::from("M");
    points(&mut d, &[add(at, [-arm, -arm]), add(at, [arm, arm])]);
    d.push_str(" M");
    points(&mut d, &[add(at, [-arm, arm]), add(at, [arm, -arm])]);
    w!(
        out,
        "<g class=\"cross\" stroke-linecap=\"round\"><path d=\"{d}\" stroke=\"{}\" \
         stroke-width=\"{}\"/><path d=\"{d}\" stroke=\"{}\" stroke-width=\"{}\"/></g>",
        Color(theme.canvas_bg),
        N(width + 3.0),
        Color(theme.removed),
        N(width)
    );
}
