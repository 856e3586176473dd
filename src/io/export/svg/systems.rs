//! Systems and their groups as SVG: bodies from the picture's outline parts, marks, names.

use super::{Color, N, change_color, esc, marks_attrs, points};
use crate::picture::geometry::Rect;
use crate::picture::hull;
use crate::picture::map::GroupItem;
use crate::picture::outline::{Paint, Part, Segment, outline};
use crate::picture::{Change, Marks, SystemItem};
use crate::theme::{Rgba, Theme};

/// A group's hull (a dashed outline around each cluster of members) and name, behind everything
/// else.
pub(super) fn group(out: &mut String, g: &GroupItem, theme: &Theme, unit: f32) {
    let (fill, stroke) = hull::colors(theme);
    let width = N(hull::STROKE * unit);
    // The group's name, so the structure can be read back (the HTML map, styling).
    out.push_str("<g class=\"group\" data-group=\"");
    esc(out, &g.label.text);
    w!(
        out,
        "\" fill=\"{}\" stroke=\"{}\" stroke-opacity=\"{}\">",
        Color(fill),
        Color(stroke),
        N(f32::from(stroke[3]) / 255.0)
    );
    for pts in &g.hull.pieces {
        out.push_str("<path d=\"M");
        points(out, pts);
        w!(
            out,
            "Z\" stroke-width=\"{width}\" stroke-dasharray=\"{} {}\"/>",
            N(hull::DASH[0] * unit),
            N(hull::DASH[1] * unit)
        );
    }
    out.push_str("</g>\n");
}

/// A system's body from its outline parts, with its label.
pub(super) fn system_body(out: &mut String, s: &SystemItem<'_>, theme: &Theme, spread: f32) {
    let sw = s.border * spread;
    let stroke = Color(theme.node_stroke);
    out.push_str("<g class=\"system\" data-id=\"");
    esc(out, s.id);
    w!(
        out,
        "\" data-kind=\"{}\" fill=\"{}\" stroke=\"{stroke}\" stroke-width=\"{}\">",
        s.kind,
        Color(theme.node_fill),
        N(sw)
    );
    // SVG strokes straddle the outline; keep the whole border inside the box.
    for part in outline(s.kind, s.rect.expand(-sw / 2.0), sw, spread) {
        part_svg(out, &part, &stroke);
    }
    w!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\" stroke=\"none\" \
         text-anchor=\"middle\">",
        N(s.label.at[0]),
        N(s.label.at[1]),
        N(s.label.px),
        Color(s.label.color)
    );
    esc(out, &s.label.text);
    out.push_str("</text></g>\n");
}

/// One outline part; the body's fill, stroke and width come from the enclosing group.
pub(super) fn part_svg(out: &mut String, part: &Part, stroke: &Color) {
    let paint = |out: &mut String, paint: Paint| match paint {
        Paint::Body => {}
        Paint::Line(w) => w!(out, " fill=\"none\" stroke-width=\"{}\"", N(w)),
        Paint::Ink => w!(out, " fill=\"{stroke}\" stroke=\"none\""),
    };
    match part {
        Part::Rect {
            rect,
            radius,
            paint: p,
            dash,
        } => {
            w!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"",
                N(rect.min[0]),
                N(rect.min[1]),
                N(rect.width()),
                N(rect.height()),
                N(*radius)
            );
            if let Some([on, off]) = dash {
                w!(out, " stroke-dasharray=\"{} {}\"", N(*on), N(*off));
            }
            paint(out, *p);
        }
        Part::Polygon {
            points: pts,
            paint: p,
        } => {
            out.push_str("<polygon points=\"");
            points(out, pts);
            out.push('"');
            paint(out, *p);
        }
        Part::Polyline {
            points: pts,
            paint: p,
        } => {
            out.push_str("<polyline fill=\"none\" points=\"");
            points(out, pts);
            out.push('"');
            match p {
                Paint::Line(w) => w!(out, " stroke-width=\"{}\"", N(*w)),
                Paint::Body | Paint::Ink => {}
            }
        }
        Part::Circle {
            center,
            radius,
            paint: p,
        } => {
            w!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"",
                N(center[0]),
                N(center[1]),
                N(*radius)
            );
            paint(out, *p);
        }
        Part::Ellipse {
            center,
            radius,
            paint: p,
        } => {
            w!(
                out,
                "<ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\"",
                N(center[0]),
                N(center[1]),
                N(radius[0]),
                N(radius[1])
            );
            paint(out, *p);
        }
        Part::Path {
            start,
            segments,
            paint: p,
        } => {
            w!(out, "<path d=\"M{},{}", N(start[0]), N(start[1]));
            for seg in segments {
                match seg {
                    Segment::Line(to) => w!(out, " L{},{}", N(to[0]), N(to[1])),
                    Segment::HalfEllipse { radius, to } => w!(
                        out,
                        " A{},{} 0 0 0 {},{}",
                        N(radius[0]),
                        N(radius[1]),
                        N(to[0]),
                        N(to[1])
                    ),
                    Segment::Quad { ctrl, to } => w!(
                        out,
                        " Q{},{} {},{}",
                        N(ctrl[0]),
                        N(ctrl[1]),
                        N(to[0]),
                        N(to[1])
                    ),
                }
            }
            out.push_str(" Z\"");
            paint(out, *p);
        }
    }
    out.push_str("/>");
}

/// A system's body, and around it a view's highlight ring and a scenario's outline (with a
/// strike-through across a removed system).
pub(super) fn system(out: &mut String, s: &SystemItem<'_>, theme: &Theme, spread: f32) {
    if s.marks == Marks::default() {
        system_body(out, s, theme, spread);
        return;
    }
    out.push_str("<g class=\"marked\"");
    marks_attrs(out, s.marks, theme);
    out.push('>');
    let ring = |out: &mut String, r: Rect, color: Rgba, width: f32| {
        w!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"none\" \
             stroke=\"{}\" stroke-width=\"{}\"/>",
            N(r.min[0]),
            N(r.min[1]),
            N(r.width()),
            N(r.height()),
            N((r.height() * 0.25).min(14.0 * spread)),
            Color(color),
            N(width)
        );
    };
    if s.marks.highlighted {
        ring(
            out,
            s.rect.expand(6.0 * spread),
            theme.highlight,
            4.0 * spread,
        );
    }
    system_body(out, s, theme, spread);
    if let Some(change) = s.marks.change {
        let color = change_color(change, theme);
        ring(out, s.rect.expand(2.5 * spread), color, 3.0 * spread);
        if change == Change::Removed {
            let (r, y) = (s.rect.expand(6.0 * spread), s.rect.center()[1]);
            w!(
                out,
                "<path class=\"strike\" d=\"M{},{} L{},{}\" stroke=\"{}\" stroke-width=\"{}\" \
                 stroke-linecap=\"round\"/>",
                N(r.min[0]),
                N(y),
                N(r.max[0]),
                N(y),
                Color(color),
                N(3.0 * spread)
            );
        }
    }
    out.push_str("</g>\n");
}
