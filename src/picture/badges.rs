//! Integration-debt badges: a system or dependency linked from at least one debt item that is
//! not resolved carries a small circle with the number of such items, filled by the highest
//! open impact (the theme's `debt_low` / `debt_mid` / `debt_high`). In map units.

use std::collections::BTreeSet;

use super::geometry::{P, Rect, add, mul, normal, sub, unit};
use super::map::{DependencyItem, SystemItem, TextItem};
use super::path::DependencyPath;
use crate::layout::measure::text_width;
use crate::model::Workspace;
use crate::theme::{Rgba, Theme};

pub struct Badge<'a> {
    /// The system or dependency it sits on.
    pub id: &'a str,
    pub center: P,
    pub radius: f32,
    /// Debt items not resolved that link the element.
    pub count: usize,
    /// The highest impact among them.
    pub impact: u8,
    pub fill: Rgba,
    pub text: TextItem,
}

impl Badge<'_> {
    pub fn rect(&self) -> Rect {
        Rect::from_center_size(self.center, [self.radius * 2.0, self.radius * 2.0])
    }
}

/// The badges of the drawn systems and dependencies, in id order (systems first), and how many
/// distinct open debt items they show.
pub fn badges<'a>(
    ws: &Workspace,
    systems: &[SystemItem<'a>],
    dependencies: &[DependencyItem<'a>],
    theme: &Theme,
    small_px: f32,
) -> (Vec<Badge<'a>>, usize) {
    let open = ws.open_debt_by_element();
    if open.is_empty() {
        return (Vec::new(), 0);
    }
    let px = text_px(small_px);
    let mut shown: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    let mut make = |id: &'a str, place: &dyn Fn(f32, &[Badge<'a>]) -> P| {
        let Some((items, impact)) = open.get(id) else {
            return;
        };
        shown.extend(items.iter().copied());
        let label = items.len().to_string();
        let r = radius(text_width(&label, px), px);
        let center = place(r, &out);
        out.push(Badge {
            id,
            center,
            radius: r,
            count: items.len(),
            impact: *impact,
            fill: theme.debt_color(*impact),
            text: TextItem::centered(label, center, px, theme.debt_outline),
        });
    };
    for s in systems {
        make(s.id, &|r, _| on_system(s.rect, r));
    }
    // A dependency's badge keeps off every box and the badges placed before it.
    for d in dependencies {
        make(d.id, &|r, placed| {
            on_dependency(&d.path, r, theme.edge_width_px, |b| {
                count_hits(systems.iter().map(|s| s.rect), &b)
                    + count_hits(placed.iter().map(Badge::rect), &b)
            })
        });
    }
    (out, shown.len())
}

/// The size of a badge's number for the theme's small text size.
pub fn text_px(small_px: f32) -> f32 {
    small_px * 0.85
}

/// A badge's radius around a number `text_w` wide at `px`.
pub fn radius(text_w: f32, px: f32) -> f32 {
    (px * 0.75).max(text_w / 2.0 + px * 0.3)
}

/// The width of the outline of a badge of radius `r`.
pub fn outline_width(r: f32) -> f32 {
    (r * 0.15).clamp(1.0, 2.5)
}

/// A system's badge of radius `r`: on the box's top-right corner, a little inside it.
pub fn on_system(rect: Rect, r: f32) -> P {
    add([rect.max[0], rect.min[1]], [-r * 0.3, r * 0.3])
}

/// A dependency's badge of radius `r`: beside the middle `mid` of the line from `start` to
/// `tip` (drawn `edge_width` wide), so the line stays visible.
pub fn beside_line(mid: P, start: P, tip: P, r: f32, edge_width: f32) -> P {
    let side = unit(sub(tip, start)).map_or([0.0, -1.0], normal);
    add(mid, mul(side, r + edge_width.max(1.0)))
}

/// How many of `rects` `b` touches.
pub fn count_hits(rects: impl IntoIterator<Item = Rect>, b: &Rect) -> u32 {
    rects.into_iter().filter(|r| r.intersects(b)).count() as u32
}

/// Shares of the way along a dependency's line where its badge is tried after the middle.
const ALONG: [f32; 7] = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8];

/// Where the badge of radius `r` of the dependency drawn along `path` (`edge_width` wide)
/// goes: beside the middle of the line ([`beside_line`]) where the badge's box there costs
/// nothing (`cost`: what it covers); else the first spot beside the line that costs nothing,
/// on either side, from the middle outwards ([`ALONG`]), then the same a badge's width farther off;
/// where every spot costs something, the cheapest (the earliest of those). A badge over
/// another's name, box or badge reads as theirs.
pub fn on_dependency(
    path: &DependencyPath,
    r: f32,
    edge_width: f32,
    cost: impl Fn(Rect) -> u32,
) -> P {
    let at = |c: P| Rect::from_center_size(c, [2.0 * r, 2.0 * r]);
    let middle = beside_line(path.mid(), path.start, path.tip, r, edge_width);
    let mut best = (cost(at(middle)), middle);
    if best.0 == 0 {
        return middle;
    }
    let off = r + edge_width.max(1.0);
    for far in [1.0, 2.0] {
        for t in ALONG {
            // Beside the line where it runs there (a routed or curved line turns).
            let (a, b) = (path.point_at((t - 0.05).max(0.0)), path.point_at(t + 0.05));
            let side = unit(sub(b, a))
                .or_else(|| unit(sub(path.tip, path.start)))
                .map_or([0.0, -1.0], normal);
            let p = path.point_at(t);
            for k in [far, -far] {
                let c = add(p, mul(side, k * off));
                let paid = cost(at(c));
                if paid == 0 {
                    return c;
                }
                if paid < best.0 {
                    best = (paid, c);
                }
            }
        }
    }
    best.1
}
