//! The legend: each dependency type drawn, with its sample line and count, the circuit breaker
//! if any, the integration-debt badges if any, a scenario's added and removed marks in its
//! difference display, and the reading rule. In logical pixels.

use std::collections::BTreeMap;

use super::Scene;
use super::geometry::{P, Rect, add, sub};
use super::map::{DependencyItem, TextItem};
use crate::layout::measure::LABEL_LINE_HEIGHT;
use crate::model::DependencyType;
use crate::theme::{Rgba, Theme};

/// How to read an arrow; shown in the legend.
pub const READING_RULE: &str = "A → B: A needs B";

/// What a legend entry explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Type(DependencyType),
    CircuitBreaker,
    /// The debt badges; the swatch shows their three colours, lowest impact first.
    Debt,
    /// Items a scenario adds (its difference display).
    Added,
    /// Items a scenario removes (its difference display).
    Removed,
}

/// Legend text for [`EntryKind::Added`].
pub const ADDED_TEXT: &str = "Added in scenario";
/// Legend text for [`EntryKind::Removed`].
pub const REMOVED_TEXT: &str = "Removed in scenario";

/// One row of the legend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: EntryKind,
    pub count: usize,
    pub text: String,
}

/// The legend's rows, in order: each dependency type counted in `types` (in the order of
/// [`DependencyType::ALL`]), the circuit breakers if any, the open debt badged if any, and a
/// scenario's added and removed items when its difference is shown.
pub fn entries_of(
    types: &BTreeMap<DependencyType, usize>,
    breakers: usize,
    extra: Counts,
) -> Vec<Entry> {
    let entry = |kind, count, text| Entry { kind, count, text };
    let mut rows: Vec<Entry> = DependencyType::ALL
        .iter()
        .filter_map(|t| {
            let n = types.get(t).copied()?;
            Some(entry(
                EntryKind::Type(*t),
                n,
                format!("{} ({n})", t.label()),
            ))
        })
        .collect();
    if breakers > 0 {
        rows.push(entry(
            EntryKind::CircuitBreaker,
            breakers,
            format!("Circuit breaker ({breakers})"),
        ));
    }
    let debt_open = extra.debt_open;
    if debt_open > 0 {
        rows.push(entry(
            EntryKind::Debt,
            debt_open,
            format!("Integration debt ({debt_open} open)"),
        ));
    }
    if let Some((added, removed)) = extra.changes {
        rows.push(entry(
            EntryKind::Added,
            added,
            format!("{ADDED_TEXT} ({added})"),
        ));
        rows.push(entry(
            EntryKind::Removed,
            removed,
            format!("{REMOVED_TEXT} ({removed})"),
        ));
    }
    rows
}

/// The debt entry's sample along the swatch from `a` to `b`: three badges in the theme's debt
/// colours, lowest impact first (centre, radius, fill).
pub fn debt_swatch(a: P, b: P, theme: &Theme) -> [(P, f32, Rgba); 3] {
    let r = (b[1] - a[1]).abs().max(b[0] - a[0]) / 6.0 * 0.8;
    let at = |i: f32| [a[0] + (b[0] - a[0]) * (1.0 + 2.0 * i) / 6.0, a[1]];
    [
        (at(0.0), r, theme.debt_low),
        (at(1.0), r, theme.debt_mid),
        (at(2.0), r, theme.debt_high),
    ]
}

/// What the legend counts besides the dependency types.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    /// Debt items badged.
    pub debt_open: usize,
    /// Items added and removed, drawn by a scenario's difference display.
    pub changes: Option<(usize, usize)>,
}

pub struct LegendEntry {
    pub kind: EntryKind,
    pub count: usize,
    pub text: TextItem,
    /// Where the sample line runs, in logical pixels.
    pub swatch: (P, P),
}

pub struct Legend {
    /// Size of the legend's lines and arrows relative to the theme's.
    pub scale: f32,
    /// Laid out in lines across the title band (see [`Legend::lay_across`]), not as a column
    /// beside the map.
    pub across: bool,
    pub rect: Rect,
    pub header: TextItem,
    pub entries: Vec<LegendEntry>,
    pub rule: TextItem,
}

impl Legend {
    /// The legend of the dependency types drawn, with counts, the circuit breaker if any, the
    /// debt items badged if any, a scenario's added and removed items if drawn, and the reading
    /// rule; placed at the origin (moved into the frame later).
    pub fn new(
        scene: &Scene<'_>,
        deps: &[DependencyItem<'_>],
        extra: Counts,
        theme: &Theme,
        small_px: f32,
        scale: f32,
    ) -> Legend {
        let px = (small_px + 2.0) * scale;
        let row = px * 1.8;
        let pad = px * 0.9;
        let swatch = px * 3.0;
        let mut counts: BTreeMap<DependencyType, usize> = BTreeMap::new();
        for d in deps {
            *counts.entry(d.kind).or_default() += 1;
        }
        let breakers = deps.iter().filter(|d| d.breaker.is_some()).count();
        let header = TextItem::left(
            "Dependencies".to_owned(),
            [pad, pad],
            px * 1.1,
            theme.node_text,
        );
        let mut y = pad + header.rect.height() + px * 0.4;
        let text_x = pad + swatch + px * 0.7;
        let mut entries = Vec::new();
        for Entry { kind, count, text } in entries_of(&counts, breakers, extra) {
            let mid = y + row / 2.0;
            entries.push(LegendEntry {
                kind,
                count,
                text: TextItem::left(
                    text,
                    [text_x, mid - px * LABEL_LINE_HEIGHT / 2.0],
                    px,
                    theme.node_text,
                ),
                swatch: ([pad, mid], [pad + swatch, mid]),
            });
            y += row;
        }
        if scene.dependencies.is_empty() {
            y += px * 0.2;
        }
        let rule = TextItem::left(
            READING_RULE.to_owned(),
            [pad, y + px * 0.3],
            px,
            theme.node_subtext,
        );
        let width = entries
            .iter()
            .map(|e| e.text.rect.max[0])
            .chain([header.rect.max[0], rule.rect.max[0]])
            .fold(0.0f32, f32::max)
            + pad;
        let height = rule.rect.max[1] + pad;
        Legend {
            scale,
            across: false,
            rect: Rect::from_min_size([0.0, 0.0], [width, height]),
            header,
            entries,
            rule,
        }
    }

    /// Lays the legend out in lines no wider than `width` (or as wide as its widest part):
    /// the header, each entry and the reading rule one after another, for a title band. A map
    /// that needs the slide's whole width has it then.
    pub fn lay_across(&mut self, width: f32) {
        let origin = self.rect.min;
        let px = self.rule.px;
        let row = px * 1.8;
        let pad = px * 0.9;
        let space = px * 1.5;
        // Each part's width, and where its line's middle and its left end are to go.
        let mut x = pad;
        let mut line = 0usize;
        let mut widest = 0.0f32;
        let mut place = |w: f32| {
            if x > pad && x + w + pad > width {
                line += 1;
                x = pad;
            }
            let at = [origin[0] + x, origin[1] + pad + row * (line as f32 + 0.5)];
            x += w + space;
            widest = widest.max(x - space + pad);
            (at, line)
        };
        let middle = |t: &TextItem| t.rect.center()[1];
        let (at, _) = place(self.header.rect.width());
        let by = [
            at[0] - self.header.rect.min[0],
            at[1] - middle(&self.header),
        ];
        self.header.shift(by);
        for e in &mut self.entries {
            let (a, b) = e.swatch;
            let (at, _) = place(e.text.rect.max[0] - a[0]);
            let by = [at[0] - a[0], at[1] - a[1]];
            e.swatch = (add(a, by), add(b, by));
            e.text.shift(by);
        }
        let (at, lines) = place(self.rule.rect.width());
        let by = [at[0] - self.rule.rect.min[0], at[1] - middle(&self.rule)];
        self.rule.shift(by);
        let height = 2.0 * pad + row * (lines + 1) as f32;
        self.rect = Rect::from_min_size(origin, [widest, height]);
        self.across = true;
    }

    pub fn move_to(&mut self, to: P) {
        let by = sub(to, self.rect.min);
        self.rect = Rect {
            min: add(self.rect.min, by),
            max: add(self.rect.max, by),
        };
        self.header.shift(by);
        self.rule.shift(by);
        for e in &mut self.entries {
            e.text.shift(by);
            e.swatch = (add(e.swatch.0, by), add(e.swatch.1, by));
        }
    }
}
