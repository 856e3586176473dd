//! The legend and the integration-debt badges as SVG.

use super::lines::{arrowhead, edge_stroke, fuse};
use super::{Color, N, change_color, esc, points, text};
use crate::picture::Change;
use crate::picture::badges::Badge;
use crate::picture::geometry::{P, add, mul};
use crate::picture::legend::{EntryKind, Legend};
use crate::picture::path::{DependencyPath, fuse_scale};
use crate::theme::{Rgba, Theme};

/// A debt badge: a filled circle with a dark outline and the count.
pub(super) fn badge(
    out: &mut String,
    b: &Badge<'_>,
    theme: &Theme,
    dimmed: bool,
    kind: Option<crate::model::DependencyType>,
) {
    out.push_str("<g class=\"debt-badge\" data-id=\"");
    esc(out, b.id);
    out.push('"');
    if let Some(kind) = kind {
        w!(out, " data-type=\"{kind}\"");
    }
    w!(
        out,
        " data-count=\"{}\" data-impact=\"{}\"",
        b.count,
        b.impact
    );
    if dimmed {
        w!(out, " opacity=\"{}\"", N(theme.dim_alpha.clamp(0.0, 1.0)));
    }
    out.push('>');
    badge_circle(out, b.center, b.radius, b.fill, theme);
    w!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" fill=\"{}\" \
         text-anchor=\"middle\">",
        N(b.text.at[0]),
        N(b.text.at[1]),
        N(b.text.px),
        Color(b.text.color)
    );
    esc(out, &b.text.text);
    out.push_str("</text></g>\n");
}

pub(super) fn badge_circle(out: &mut String, c: P, r: f32, fill: Rgba, theme: &Theme) {
    w!(
        out,
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
        N(c[0]),
        N(c[1]),
        N(r),
        Color(fill),
        Color(theme.debt_outline),
        N(crate::picture::badges::outline_width(r))
    );
}

pub(super) fn legend(out: &mut String, l: &Legend, theme: &Theme) {
    out.push_str("<g class=\"legend\">\n");
    w!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"{}\" stroke=\"{}\"/>\n",
        N(l.rect.min[0]),
        N(l.rect.min[1]),
        N(l.rect.width()),
        N(l.rect.height()),
        Color(theme.node_fill),
        Color(theme.grid)
    );
    text(out, &l.header, "legend-header");
    for e in &l.entries {
        let (a, b) = e.swatch;
        match e.kind {
            EntryKind::Type(kind) => {
                let style = theme.edge(kind);
                let head = theme.arrow_px * l.scale;
                w!(
                    out,
                    "<g class=\"legend-entry\" data-type=\"{kind}\" data-count=\"{}\"><path d=\"M",
                    e.count
                );
                let sample = DependencyPath::straight(a, b, head);
                points(out, &[a, sample.as_ref().map_or(b, |p| p.end)]);
                out.push('"');
                let width = theme.edge_width_px * l.scale;
                edge_stroke(out, &style, width, width.min(2.0 * l.scale));
                out.push_str("/>");
                if let Some(sample) = &sample {
                    arrowhead(out, sample, style.color);
                }
            }
            EntryKind::Debt => {
                w!(
                    out,
                    "<g class=\"legend-entry\" data-type=\"debt\" data-count=\"{}\">",
                    e.count
                );
                for (at, r, fill) in crate::picture::legend::debt_swatch(a, b, theme) {
                    badge_circle(out, at, r, fill, theme);
                }
            }
            EntryKind::CircuitBreaker => {
                w!(
                    out,
                    "<g class=\"legend-entry\" data-type=\"circuit-breaker\" data-count=\"{}\">\
                     <path d=\"M",
                    e.count
                );
                points(out, &[a, b]);
                w!(
                    out,
                    "\" stroke=\"{}\" stroke-width=\"{}\"/>",
                    Color(theme.node_subtext),
                    N(theme.edge_width_px * l.scale)
                );
                let k = fuse_scale(theme.edge_width_px) * l.scale;
                fuse(out, mul(add(a, b), 0.5), [1.0, 0.0], k, theme);
            }
            EntryKind::Added | EntryKind::Removed => {
                let (change, name) = if e.kind == EntryKind::Added {
                    (Change::Added, "added")
                } else {
                    (Change::Removed, "removed")
                };
                let color = change_color(change, theme);
                w!(
                    out,
                    "<g class=\"legend-entry\" data-type=\"{name}\" data-count=\"{}\">",
                    e.count
                );
                let h = (b[0] - a[0]) * 0.3;
                let sw = 3.0 * l.scale;
                w!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\" \
                     stroke=\"{}\" stroke-width=\"{}\"/>",
                    N(a[0]),
                    N(a[1] - h / 2.0),
                    N(b[0] - a[0]),
                    N(h),
                    N(h * 0.25),
                    Color(theme.node_fill),
                    Color(color),
                    N(sw)
                );
                if change == Change::Removed {
                    w!(
                        out,
                        "<path d=\"M{},{} L{},{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
                        N(a[0] - sw),
                        N(a[1]),
                        N(b[0] + sw),
                        N(a[1]),
                        Color(color),
                        N(sw)
                    );
                }
            }
        }
        text(out, &e.text, "legend-text");
        out.push_str("</g>\n");
    }
    text(out, &l.rule, "reading-rule");
    out.push_str("</g>\n");
}
