//! A system's body per kind, as the canvas draws it (`ui/canvas/shapes.rs`): rounded box for a
//! service, cylinder for a database, parallelogram for a queue, hexagon for a gateway, person
//! glyph for a team, dashed pill for an external system, folded corner for configuration, pill
//! with a clock for a batch job, box with a bolt for a cache, window bar for a UI.

use super::geometry::{P, Rect, add};
use super::picture::SystemItem;
use super::svg::{Color, N, esc, points};
use crate::model::SystemKind;
use crate::theme::Theme;

pub fn system(out: &mut String, s: &SystemItem<'_>, theme: &Theme, spread: f32) {
    let sw = s.border * spread;
    // SVG strokes straddle the outline; keep the whole border inside the box, as the canvas does.
    let r = s.rect.expand(-sw / 2.0);
    let h = r.height();
    let fill = Color(theme.node_fill);
    let stroke = Color(theme.node_stroke);
    out.push_str("<g class=\"system\" data-id=\"");
    esc(out, s.id);
    w!(
        out,
        "\" data-kind=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{}\">",
        s.kind,
        N(sw)
    );
    let thin = N(1.0 * spread);
    let (x0, y0, x1, y1) = (r.min[0], r.min[1], r.max[0], r.max[1]);
    let rect = |out: &mut String, r: &Rect, rx: f32, extra: &str| {
        w!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"{extra}/>",
            N(r.min[0]),
            N(r.min[1]),
            N(r.width()),
            N(r.height()),
            N(rx)
        );
    };
    let polygon = |out: &mut String, pts: &[P]| {
        out.push_str("<polygon points=\"");
        points(out, pts);
        out.push_str("\"/>");
    };
    let line = |out: &mut String, pts: &[P], width: &N| {
        out.push_str("<polyline fill=\"none\" points=\"");
        points(out, pts);
        w!(out, "\" stroke-width=\"{width}\"/>");
    };
    match s.kind {
        SystemKind::Service | SystemKind::Observability => {
            rect(out, &r, (h * 0.2).min(10.0 * spread), "");
        }
        SystemKind::Other => {
            rect(out, &r, (h * 0.2).min(10.0 * spread), "");
            let inner = r.expand(-(sw / 2.0 + 2.0 * spread));
            let extra = format!(" fill=\"none\" stroke-width=\"{thin}\"");
            rect(out, &inner, (h * 0.15).min(8.0 * spread), &extra);
        }
        SystemKind::Database => {
            let e = h * 0.18;
            let rx = r.width() / 2.0;
            w!(
                out,
                "<path d=\"M{},{} L{},{} A{},{} 0 0 0 {},{} L{},{} A{},{} 0 0 0 {},{} Z\"/>",
                N(x0),
                N(y0 + e),
                N(x0),
                N(y1 - e),
                N(rx),
                N(e),
                N(x1),
                N(y1 - e),
                N(x1),
                N(y0 + e),
                N(rx),
                N(e),
                N(x0),
                N(y0 + e)
            );
            w!(
                out,
                "<ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\"/>",
                N(r.center()[0]),
                N(y0 + e),
                N(rx),
                N(e)
            );
        }
        SystemKind::Cache => {
            rect(out, &r, 4.0 * spread, "");
            let k = (h * 0.3).min(12.0 * spread);
            let c = [x1 - k, y0 + k * 0.2];
            let bolt = [
                c,
                add(c, [-k * 0.4, k * 0.6]),
                add(c, [0.0, k * 0.6]),
                add(c, [-k * 0.3, k * 1.2]),
            ];
            line(out, &bolt, &N(sw.min(2.0 * spread)));
        }
        SystemKind::Queue => {
            let slant = h * 0.35;
            polygon(
                out,
                &[[x0 + slant, y0], [x1, y0], [x1 - slant, y1], [x0, y1]],
            );
        }
        SystemKind::Ui => {
            rect(out, &r, 3.0 * spread, "");
            let bar = y0 + (h * 0.22).max(2.0);
            line(out, &[[x0, bar], [x1, bar]], &thin);
        }
        SystemKind::Gateway => {
            let d = h * 0.4;
            let cy = r.center()[1];
            polygon(
                out,
                &[
                    [x0 + d, y0],
                    [x1 - d, y0],
                    [x1, cy],
                    [x1 - d, y1],
                    [x0 + d, y1],
                    [x0, cy],
                ],
            );
        }
        SystemKind::External => {
            let extra = format!(
                " stroke-dasharray=\"{} {}\"",
                N(6.0 * spread),
                N(4.0 * spread)
            );
            rect(out, &r, h * 0.5, &extra);
        }
        SystemKind::Config => {
            let f = (h * 0.3).min(12.0 * spread);
            polygon(
                out,
                &[[x0, y0], [x1 - f, y0], [x1, y0 + f], [x1, y1], [x0, y1]],
            );
            line(out, &[[x1 - f, y0], [x1 - f, y0 + f], [x1, y0 + f]], &thin);
        }
        SystemKind::BatchJob => {
            rect(out, &r, h * 0.5, "");
            let rr = h * 0.22;
            let c = [x0 + h * 0.5, r.center()[1]];
            w!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke-width=\"{thin}\"/>",
                N(c[0]),
                N(c[1]),
                N(rr)
            );
            line(
                out,
                &[add(c, [0.0, -rr * 0.7]), c, add(c, [rr * 0.5, 0.0])],
                &thin,
            );
        }
        SystemKind::Team => {
            rect(out, &r, h * 0.25, "");
            let rr = h * 0.13;
            let head = [x0 + h * 0.4, y0 + h * 0.33];
            w!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{stroke}\" stroke=\"none\"/>",
                N(head[0]),
                N(head[1]),
                N(rr)
            );
            let sh = [head[0], y1 - h * 0.12];
            w!(
                out,
                "<path d=\"M{},{} Q{},{} {},{} Q{},{} {},{} Z\" fill=\"{stroke}\" stroke=\"none\"/>",
                N(sh[0] - 1.8 * rr),
                N(sh[1]),
                N(sh[0] - 1.8 * rr),
                N(sh[1] - 1.9 * rr),
                N(sh[0]),
                N(sh[1] - 1.9 * rr),
                N(sh[0] + 1.8 * rr),
                N(sh[1] - 1.9 * rr),
                N(sh[0] + 1.8 * rr),
                N(sh[1])
            );
        }
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
