//! Integration-debt badges: a system or dependency linked from at least one debt item that is
//! not resolved carries a small circle with the number of such items, filled by the highest
//! open impact (the theme's `debt_low` / `debt_mid` / `debt_high`). In map units.

use std::collections::BTreeSet;

use super::geometry::{P, Rect, add, mul, normal, quad, sub, unit};
use super::map::{DependencyItem, SystemItem, TextItem};
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
    let px = small_px * 0.85;
    let mut shown: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    let mut make = |id: &'a str, place: &dyn Fn(f32) -> P| {
        let Some((items, impact)) = open.get(id) else {
            return;
        };
        shown.extend(items.iter().copied());
        let label = items.len().to_string();
        let radius = (px * 0.75).max(text_width(&label, px) / 2.0 + px * 0.3);
        let center = place(radius);
        out.push(Badge {
            id,
            center,
            radius,
            count: items.len(),
            impact: *impact,
            fill: theme.debt_color(*impact),
            text: TextItem::centered(label, center, px, theme.debt_outline),
        });
    };
    for s in systems {
        // On the top-right corner, a little inside it.
        let corner = [s.rect.max[0], s.rect.min[1]];
        make(s.id, &|r| add(corner, [-r * 0.3, r * 0.3]));
    }
    let edge = theme.edge_width_px.max(1.0);
    for d in dependencies {
        // Beside the line's midpoint, so the line stays visible.
        let mid = match d.path.ctrl {
            Some(c) => quad(d.path.start, c, d.path.tip, 0.5),
            None => mul(add(d.path.start, d.path.tip), 0.5),
        };
        let side = unit(sub(d.path.tip, d.path.start)).map_or([0.0, -1.0], normal);
        make(d.id, &|r| add(mid, mul(side, r + edge)));
    }
    (out, shown.len())
}
