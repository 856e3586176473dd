//! The picture as SVG text. Deterministic: numbers with at most two decimals (six for the map's
//! zoom), elements in id order, no timestamps. Systems and dependencies are one `<g>` each with
//! `data-id`, so the structure can be checked and styled. A dimmed, highlighted or
//! scenario-changed item says so in `data-dimmed`, `data-highlighted` and `data-change`
//! (`added` / `removed`); for a system these sit on a wrapping `<g class="marked">`.

use std::fmt;
use std::sync::OnceLock;

use crate::layout::measure::FONT_BYTES;
use crate::picture::badges::Badge;
use crate::picture::geometry::{P, Rect, add, mul, quad};
use crate::picture::hull::{self, HullShape};
use crate::picture::legend::{EntryKind, Legend};
use crate::picture::map::GroupItem;
use crate::picture::outline::{Paint, Part, Segment, outline};
use crate::picture::path::{DependencyPath, fuse_scale};
use crate::picture::{Change, DependencyItem, Marks, Picture, SystemItem, TextItem};
use crate::theme::{EdgeStyle, Rgba, Theme};

/// The font stack of every text: the bundled font first, then look-alikes.
pub const FONT_STACK: &str = "'DejaVu Sans', 'Verdana', sans-serif";

/// How the SVG names its font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fonts {
    /// The bundled font embedded with `@font-face` (for files: renders alike in browsers).
    Embedded,
    /// Only the family name (for resvg, which ignores `@font-face` and is given the font).
    Named,
}

/// A number with at most two decimals and no trailing zeros; `0` for non-finite values.
pub(super) struct N(pub f32);

impl fmt::Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        let s = format!("{v:.2}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        f.write_str(if s == "-0" || s.is_empty() { "0" } else { s })
    }
}

pub(super) struct Color(pub Rgba);

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b, _] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

/// XML-escapes `s`, leaving out characters XML 1.0 does not allow.
pub(super) fn esc(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

pub(super) fn points(out: &mut String, pts: &[P]) {
    for (i, p) in pts.iter().enumerate() {
        w!(
            out,
            "{}{},{}",
            if i == 0 { "" } else { " " },
            N(p[0]),
            N(p[1])
        );
    }
}

/// The bundled font as base64, computed once.
fn font_base64() -> &'static str {
    static B64: OnceLock<String> = OnceLock::new();
    B64.get_or_init(|| base64(FONT_BYTES))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Writes the picture as a standalone SVG document.
pub fn write(pic: &Picture<'_>, fonts: Fonts) -> String {
    let theme = pic.theme;
    let mut out = String::with_capacity(
        4096 + pic.systems.len() * 400 + pic.dependencies.len() * 300 + font_base64().len(),
    );
    w!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" font-family=\"{FONT_STACK}\">\n",
        pic.pixels[0],
        pic.pixels[1],
        N(pic.size[0]),
        N(pic.size[1]),
    );
    out.push_str("<title>");
    esc(&mut out, &pic.title_text);
    out.push_str("</title>\n");
    if fonts == Fonts::Embedded {
        w!(
            out,
            "<style>@font-face{{font-family:'DejaVu Sans';src:url(data:font/ttf;base64,{}) \
             format('truetype');}}text{{font-family:{FONT_STACK};}}</style>\n",
            font_base64()
        );
    }
    if !pic.transparent {
        w!(
            out,
            "<rect class=\"background\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n",
            N(pic.size[0]),
            N(pic.size[1]),
            Color(theme.canvas_bg)
        );
    }
    let spread = theme.label_px / crate::layout::measure::LABEL_FONT_SIZE;
    // The map, in map units.
    w!(
        out,
        "<g class=\"map\" transform=\"matrix({:.6} 0 0 {:.6} {} {})\">\n",
        pic.zoom,
        pic.zoom,
        N(pic.offset[0]),
        N(pic.offset[1])
    );
    if !pic.groups.is_empty() {
        out.push_str("<g class=\"groups\">\n");
        for g in &pic.groups {
            group(&mut out, g, theme, spread);
        }
        out.push_str("</g>\n");
    }
    out.push_str("<g class=\"dependencies\">\n");
    for d in &pic.dependencies {
        dependency(&mut out, d, theme);
    }
    out.push_str("</g>\n<g class=\"systems\">\n");
    for s in &pic.systems {
        system(&mut out, s, theme, spread);
    }
    out.push_str("</g>\n");
    if !pic.badges.is_empty() {
        out.push_str("<g class=\"debt-badges\">\n");
        for b in &pic.badges {
            badge(&mut out, b, theme, pic.dimmed.contains(b.id));
        }
        out.push_str("</g>\n");
    }
    if !pic.groups.is_empty() {
        // Over the systems, as on the canvas: a hull's corner may sit under a neighbour's box.
        out.push_str("<g class=\"group-names\">\n");
        for g in &pic.groups {
            text(&mut out, &g.label, "group-name");
        }
        out.push_str("</g>\n");
    }
    // Owner lines and dependency labels sit on a backdrop of the background, so lines under
    // them don't cross the letters (none when transparent: the slide's colour is unknown).
    for (items, class) in [
        (&pic.owners, "owner"),
        (&pic.edge_labels, "dependency-label"),
    ] {
        if items.is_empty() {
            continue;
        }
        w!(out, "<g class=\"{class}s\">\n");
        for t in items {
            if !pic.transparent {
                let r = t.rect.expand(1.5);
                w!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{}\" \
                     fill-opacity=\"0.85\"/>",
                    N(r.min[0]),
                    N(r.min[1]),
                    N(r.width()),
                    N(r.height()),
                    Color(theme.canvas_bg)
                );
            }
            if t.dimmed {
                w!(
                    out,
                    "<g opacity=\"{}\">",
                    N(theme.dim_alpha.clamp(0.0, 1.0))
                );
                text(&mut out, t, class);
                out.push_str("</g>\n");
            } else {
                text(&mut out, t, class);
            }
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
    if let Some(t) = &pic.title {
        text(&mut out, t, "title");
    }
    if let Some(l) = &pic.legend {
        legend(&mut out, l, theme);
    }
    out.push_str("</svg>\n");
    out
}

/// A group's hull (dashed outline, or joined padded boxes) and name, behind everything else.
fn group(out: &mut String, g: &GroupItem, theme: &Theme, unit: f32) {
    let (fill, stroke) = hull::colors(theme);
    let width = N(hull::STROKE * unit);
    w!(
        out,
        "<g class=\"group\" fill=\"{}\" stroke=\"{}\" stroke-opacity=\"{}\">",
        Color(fill),
        Color(stroke),
        N(f32::from(stroke[3]) / 255.0)
    );
    match &g.hull.shape {
        HullShape::Compact(pts) => {
            out.push_str("<path d=\"M");
            points(out, pts);
            w!(
                out,
                "Z\" stroke-width=\"{width}\" stroke-dasharray=\"{} {}\"/>",
                N(hull::DASH[0] * unit),
                N(hull::DASH[1] * unit)
            );
        }
        HullShape::Scattered {
            boxes,
            links,
            width: band,
        } => {
            for (a, b) in links {
                out.push_str("<path d=\"M");
                points(out, &[*a, *b]);
                w!(
                    out,
                    "\" stroke=\"{}\" stroke-opacity=\"1\" stroke-width=\"{}\"/>",
                    Color(fill),
                    N(*band)
                );
            }
            for r in boxes {
                w!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" \
                     stroke-width=\"{width}\"/>",
                    N(r.min[0]),
                    N(r.min[1]),
                    N(r.width()),
                    N(r.height()),
                    N(hull::BOX_RADIUS * unit)
                );
            }
        }
    }
    out.push_str("</g>\n");
}

fn text(out: &mut String, t: &TextItem, class: &str) {
    w!(
        out,
        "<text class=\"{class}\" x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\"{}>",
        N(t.at[0]),
        N(t.at[1]),
        N(t.px),
        Color(t.color),
        if t.centered {
            " text-anchor=\"middle\""
        } else {
            ""
        }
    );
    esc(out, &t.text);
    out.push_str("</text>\n");
}

/// Stroke attributes of a dependency type at `width`: colour, width, dash pattern (dashes scale
/// with `dash_unit`: the width on the map, a thinner unit in the legend's short samples so each
/// pattern shows at least twice).
fn edge_stroke(out: &mut String, style: &EdgeStyle, width: f32, dash_unit: f32) {
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

fn arrowhead(out: &mut String, path: &DependencyPath, color: Rgba) {
    out.push_str("<path d=\"M");
    points(out, &path.arrowhead());
    w!(out, "Z\" fill=\"{}\"/>", Color(color));
}

/// The fuse symbol of a circuit breaker at `at`, along `dir`.
fn fuse(out: &mut String, at: P, dir: P, k: f32, theme: &Theme) {
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

/// The attributes that say how an item is marked (and fade a dimmed one).
fn marks_attrs(out: &mut String, marks: Marks, theme: &Theme) {
    if marks.dimmed {
        w!(
            out,
            " data-dimmed=\"true\" opacity=\"{}\"",
            N(theme.dim_alpha.clamp(0.0, 1.0))
        );
    }
    if marks.highlighted {
        out.push_str(" data-highlighted=\"true\"");
    }
    match marks.change {
        Some(Change::Added) => out.push_str(" data-change=\"added\""),
        Some(Change::Removed) => out.push_str(" data-change=\"removed\""),
        None => {}
    }
}

/// The colour of a scenario's change.
fn change_color(change: Change, theme: &Theme) -> Rgba {
    match change {
        Change::Added => theme.added,
        Change::Removed => theme.removed,
    }
}

/// A system's body from its outline parts, with its label.
fn system_body(out: &mut String, s: &SystemItem<'_>, theme: &Theme, spread: f32) {
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
fn part_svg(out: &mut String, part: &Part, stroke: &Color) {
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
fn system(out: &mut String, s: &SystemItem<'_>, theme: &Theme, spread: f32) {
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

fn dependency(out: &mut String, d: &DependencyItem<'_>, theme: &Theme) {
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
    if let Some(c) = d.path.ctrl {
        path.push_str(" Q");
        points(&mut path, &[c, d.path.end]);
    } else {
        path.push_str(" L");
        points(&mut path, &[d.path.end]);
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
            None => mul(add(d.path.start, d.path.end), 0.5),
        };
        cross(out, mid, 4.0 * width.max(2.0), width.max(1.0) * 1.5, theme);
    }
    out.push_str("</g>\n");
}

/// An × of half-size `arm` at `at`, in the theme's `removed` colour on an outline of the
/// background: the mark of a removed dependency.
fn cross(out: &mut String, at: P, arm: f32, width: f32, theme: &Theme) {
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

/// A debt badge: a filled circle with a dark outline and the count.
fn badge(out: &mut String, b: &Badge<'_>, theme: &Theme, dimmed: bool) {
    out.push_str("<g class=\"debt-badge\" data-id=\"");
    esc(out, b.id);
    w!(
        out,
        "\" data-count=\"{}\" data-impact=\"{}\"",
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

fn badge_circle(out: &mut String, c: P, r: f32, fill: Rgba, theme: &Theme) {
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

fn legend(out: &mut String, l: &Legend, theme: &Theme) {
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
                points(out, &[a, sample.map_or(b, |p| p.end)]);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(N(1.0).to_string(), "1");
        assert_eq!(N(1.5).to_string(), "1.5");
        assert_eq!(N(-0.001).to_string(), "0");
        assert_eq!(N(2.346).to_string(), "2.35");
        assert_eq!(N(f32::NAN).to_string(), "0");
        assert_eq!(N(-12.0).to_string(), "-12");
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        let mut s = String::new();
        esc(&mut s, "a<b>&\"c\"'\u{1}\u{FFFF}\n");
        assert_eq!(s, "a&lt;b&gt;&amp;&quot;c&quot;&apos; ");
    }
}
