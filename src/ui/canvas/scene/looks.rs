//! How the scene dresses what is not a system as such: a collapsed group's node, and the debt
//! heat blended into a system's fill.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Color32, vec2};

use super::super::shapes::SystemLook;
use crate::layout::measure::LABEL_FONT_SIZE;
use crate::model::{SystemKind, Workspace};
use crate::picture::labels::system_box;
use crate::theme::Theme;
use crate::ui::theme::color;
use crate::ui::view::ViewState;

/// The node standing for a collapsed group of `members` systems, named with their count.
pub(crate) fn collapsed_group(
    id: &str,
    group: &str,
    members: usize,
    view: &ViewState,
    theme: &Theme,
) -> SystemLook {
    let name = format!("{group} ({members})");
    let ([w, h], _) = system_box(SystemKind::Other, &name, LABEL_FONT_SIZE);
    let selected = view.selection.contains(id);
    SystemLook {
        id: Arc::from(id),
        name: Arc::from(name.as_str()),
        owner: Arc::from("collapsed group"),
        kind: SystemKind::Other,
        size: vec2(w, h),
        fill: color(theme.node_fill),
        stroke: color(theme.node_stroke),
        dimmed: false,
        border: 2.0,
        pinned: false,
        pin_color: color(theme.pin),
        ring: selected.then(|| color(theme.selection)),
        selected,
        debt: None,
        halo: 0,
        backlog_s: None,
        cascade_note: None,
        importance: 500_000 + u32::from(selected) * 1_000_000,
        key: false,
        diff: None,
        collapsed: members,
    }
}

/// Debt heat, when the view shows it: each system's total impact of open debt.
pub(super) fn debt_heat<'a>(ws: &'a Workspace, view: &ViewState) -> HashMap<&'a str, u32> {
    let mut total: HashMap<&str, u32> = HashMap::new();
    if !view.debt_heat {
        return total;
    }
    for d in ws
        .debt
        .values()
        .filter(|d| d.status != crate::model::DebtStatus::Resolved)
    {
        for l in &d.links {
            *total.entry(l.as_str()).or_default() += u32::from(d.impact);
        }
    }
    total
}

/// A system's fill for a total debt impact of `total` (1–3 low, 4–7 medium, 8+ high), blended
/// over the normal fill.
pub(super) fn heat_fill(theme: &Theme, total: u32) -> Color32 {
    let level = match total {
        0..=3 => 2,
        4..=7 => 3,
        _ => 5,
    };
    crate::ui::theme::mix_third(color(theme.node_fill), color(theme.debt_color(level)))
}
