//! The picture as SVG text. Deterministic: numbers with at most two decimals (six for the map's
//! zoom), elements in id order, no timestamps. Systems and dependencies are one `<g>` each with
//! `data-id`, so the structure can be checked and styled.

use std::fmt::{self, Write};
use std::sync::OnceLock;

use super::geometry::{P, Rect, add, mul, normal, sub};
use super::picture::{DependencyItem, Legend, Picture, SystemItem, TextItem};
use crate::layout::measure::FONT_BYTES;
use crate::model::SystemKind;
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

/// Appends formatted text to a `String` (which cannot fail).
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// A number with at most two decimals and no trailing zeros; `0` for non-finite values.
struct N(f32);

impl fmt::Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        let s = format!("{v:.2}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        f.write_str(if s == "-0" || s.is_empty() { "0" } else { s })
    }
}

struct Color(Rgba);

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b, _] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

/// XML-escapes `s`, leaving out characters XML 1.0 does not allow.
fn esc(out: &mut String, s: &str) {
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

fn points(out: &mut String, pts: &[P]) {
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
    // The map, in map units.
    w!(
        out,
        "<g class=\"map\" transform=\"matrix({:.6} 0 0 {:.6} {} {})\">\n",
        pic.zoom,
        pic.zoom,
        N(pic.offset[0]),
        N(pic.offset[1])
    );
    out.push_str("<g class=\"dependencies\">\n");
    for d in &pic.dependencies {
        dependency(&mut out, d, theme);
    }
    out.push_str("</g>\n<g class=\"systems\">\n");
    let spread = theme.label_px / crate::layout::measure::LABEL_FONT_SIZE;
    for s in &pic.systems {
        system(&mut out, s, theme, spread);
    }
    out.push_str("</g>\n");
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
            text(&mut out, t, class);
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

/// Stroke attributes of a dependency type at `width`: colour, width, dash pattern.
fn edge_stroke(out: &mut String, style: &EdgeStyle, width: f32) {
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
                N(d * width.max(1.0) * 0.7)
            );
        }
        out.push('"');
    }
}

fn arrowhead(out: &mut String, tip: P, dir: P, head: f32, color: Rgba) {
    let base = sub(tip, mul(dir, head));
    let side = mul(normal(dir), head * 0.45);
    out.push_str("<path d=\"M");
    points(out, &[tip, add(base, side), sub(base, side)]);
    w!(out, "Z\" fill=\"{}\"/>", Color(color));
}

/// The fuse symbol of a circuit breaker at `at`, along `dir`.
fn fuse(out: &mut String, at: P, dir: P, k: f32, theme: &Theme) {
    let along = mul(dir, 8.0 * k);
    let across = mul(normal(dir), 5.0 * k);
    out.push_str("<path class=\"circuit-breaker\" d=\"M");
    points(
        out,
        &[
            sub(sub(at, along), across),
            sub(add(at, along), across),
            add(add(at, along), across),
            add(sub(at, along), across),
        ],
    );
    out.push_str("Z M");
    points(out, &[sub(at, along), add(at, along)]);
    w!(
        out,
        "\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
        Color(theme.node_fill),
        Color(theme.breaker),
        N(1.5 * k)
    );
}

fn dependency(out: &mut String, d: &DependencyItem<'_>, theme: &Theme) {
    let width = theme.edge_width_px;
    out.push_str("<g class=\"dependency\" data-id=\"");
    esc(out, d.id);
    w!(out, "\" data-type=\"{}\"><path d=\"M", d.kind);
    points(out, &[d.start]);
    match d.ctrl {
        Some(c) => {
            out.push_str(" Q");
            points(out, &[c, d.end]);
        }
        None => {
            out.push_str(" L");
            points(out, &[d.end]);
        }
    }
    out.push('"');
    edge_stroke(out, &d.style, width);
    out.push_str("/>");
    arrowhead(out, d.tip, d.dir, d.head, d.style.color);
    if let Some((at, dir)) = d.breaker {
        fuse(out, at, dir, (width / 2.0).max(1.0), theme);
    }
    out.push_str("</g>\n");
}

fn system(out: &mut String, s: &SystemItem<'_>, theme: &Theme, spread: f32) {
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
        SystemKind::Service => rect(out, &r, (h * 0.2).min(10.0 * spread), ""),
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
            Some(kind) => {
                let style = theme.edge(kind);
                let head = theme.arrow_px * l.scale;
                w!(
                    out,
                    "<g class=\"legend-entry\" data-type=\"{kind}\" data-count=\"{}\"><path d=\"M",
                    e.count
                );
                points(out, &[a, sub(b, [head * 0.8, 0.0])]);
                out.push('"');
                edge_stroke(out, &style, theme.edge_width_px * l.scale);
                out.push_str("/>");
                arrowhead(out, b, [1.0, 0.0], head, style.color);
            }
            None => {
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
                let k = (theme.edge_width_px / 2.0).max(1.0) * l.scale;
                fuse(out, mul(add(a, b), 0.5), [1.0, 0.0], k, theme);
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
