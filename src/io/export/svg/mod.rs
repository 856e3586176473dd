//! The picture as SVG text. Deterministic: numbers with at most two decimals (six for the map's
//! zoom), elements in id order, no timestamps. Systems and dependencies are one `<g>` each with
//! `data-id` (a group's hull `data-group`), so the structure can be checked and styled. A
//! dimmed, highlighted or scenario-changed item says so in `data-dimmed`, `data-highlighted` and
//! `data-change` (`added` / `removed`); for a system these sit on a wrapping `<g class="marked">`.

use std::fmt;
use std::sync::OnceLock;

use crate::layout::measure::FONT_BYTES;
use crate::picture::geometry::P;
use crate::picture::map::GroupItem;
use crate::picture::{Change, Marks, Picture, TextItem};
use crate::theme::{Rgba, Theme};

mod legend;
mod lines;
mod systems;
use legend::{badge, legend};
use lines::dependency;
use systems::{group, system};

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
    if let Some((r, b)) = &pic.backdrop {
        use base64::Engine as _;
        w!(
            out,
            "<image class=\"backdrop\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" \
             opacity=\"{}\" preserveAspectRatio=\"none\" href=\"data:image/png;base64,{}\"/>\n",
            N(r.min[0]),
            N(r.min[1]),
            N(r.width()),
            N(r.height()),
            N(b.opacity),
            base64::engine::general_purpose::STANDARD.encode(&b.png)
        );
    }
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
            // A dependency's badge says its type, so the HTML map hides it with its line.
            let kind = pic
                .dependencies
                .iter()
                .find(|d| d.id == b.id)
                .map(|d| d.kind);
            badge(&mut out, b, theme, pic.dimmed.contains(b.id), kind);
        }
        out.push_str("</g>\n");
    }
    if !pic.groups.is_empty() {
        // Over the systems, as on the canvas: a hull's corner may sit under a neighbour's box.
        out.push_str("<g class=\"group-names\">\n");
        let (_, stroke) = crate::picture::hull::colors(theme);
        for label in pic.groups.iter().flat_map(GroupItem::labels) {
            text(&mut out, label, "group-name");
            let [a, b] = crate::picture::group_names::rule(label.rect);
            w!(
                out,
                "<line class=\"group-rule\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" \
                 stroke=\"{}\" stroke-opacity=\"{}\" stroke-width=\"{}\"/>\n",
                N(a[0]),
                N(a[1]),
                N(b[0]),
                N(b[1]),
                Color(stroke),
                N(f32::from(stroke[3]) / 255.0),
                N(crate::picture::hull::STROKE * spread)
            );
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
        for (i, t) in items.iter().enumerate() {
            // A dependency's label says its type, so the HTML map hides it with its line.
            let kind = (class == "dependency-label")
                .then(|| pic.edge_label_kinds.get(i))
                .flatten();
            if let Some(kind) = kind {
                w!(
                    out,
                    "<g class=\"dependency-label-item\" data-type=\"{kind}\">"
                );
            }
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
            if kind.is_some() {
                out.push_str("</g>\n");
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

/// The attributes that say how an item is marked (and fade a dimmed one).
pub(super) fn marks_attrs(out: &mut String, marks: Marks, theme: &Theme) {
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
pub(super) fn change_color(change: Change, theme: &Theme) -> Rgba {
    match change {
        Change::Added => theme.added,
        Change::Removed => theme.removed,
    }
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
