//! Filters: by owner, group, tag, system kind and dependency type, dimmed or hidden.

use crate::model::{DependencyType, FilterMode, Filters, FocusDirection, SystemKind, Workspace};
use crate::ui::actions::Action;
use crate::ui::panel_ctx::PanelCtx;

/// A short description of the filters in effect ("focus on Billing ±2 · owner: Finance"), empty
/// when none are.
pub fn describe_filters(ws: &Workspace, f: &Filters) -> String {
    let mut parts = Vec::new();
    if let Some(focus) = &f.focus {
        let arrow = match focus.direction {
            FocusDirection::Needs => "what it needs",
            FocusDirection::NeededBy => "what needs it",
            FocusDirection::Both => "both ways",
        };
        parts.push(format!(
            "focus on {} within {} ({arrow})",
            ws.system_name(&focus.system),
            crate::text::plural(usize::from(focus.hops), "hop", "hops")
        ));
    }
    if !f.hidden_types.is_empty() {
        let names: Vec<&str> = f.hidden_types.iter().map(|t| t.label()).collect();
        parts.push(format!("hiding {}", crate::text::and_list(&names)));
    }
    for (what, list) in [("owner", &f.owners), ("tag", &f.tags), ("group", &f.groups)] {
        if !list.is_empty() {
            parts.push(format!("{what}: {}", list.join(" or ")));
        }
    }
    if !f.kinds.is_empty() {
        let names: Vec<&str> = f.kinds.iter().map(|k| k.label()).collect();
        parts.push(format!("kind: {}", names.join(" or ")));
    }
    parts.join(" · ")
}

/// Clears every filter (and leaves the saved view shown, with its emphasis).
pub fn clear_filters(out: &mut Vec<Action>) {
    out.push(Action::view(|v| {
        v.filters = Filters::default();
        if v.active_view.take().is_some() {
            v.emphasis.clear();
        }
    }));
    out.push(Action::Status("Filters cleared".into()));
}

/// A checkbox per value; ticking one filters to the ticked values. Returns the new choice when
/// it changed.
fn pick_list(
    ui: &mut egui::Ui,
    title: &str,
    values: &[String],
    chosen: &[String],
) -> Option<Vec<String>> {
    if values.is_empty() {
        return None;
    }
    let mut changed = None;
    egui::CollapsingHeader::new(format!(
        "{title}{}",
        if chosen.is_empty() {
            String::new()
        } else {
            format!(" ({})", chosen.len())
        }
    ))
    .id_salt(title)
    .show(ui, |ui| {
        for v in values {
            let mut on = chosen.iter().any(|c| c.eq_ignore_ascii_case(v));
            if ui.checkbox(&mut on, v.as_str()).changed() {
                let mut now: Vec<String> = chosen
                    .iter()
                    .filter(|c| !c.eq_ignore_ascii_case(v))
                    .cloned()
                    .collect();
                if on {
                    now.push(v.clone());
                    now.sort();
                }
                changed = Some(now);
            }
        }
    });
    changed
}

/// The distinct non-empty values, sorted ignoring case.
fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut v: Vec<String> = values
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    v.sort_by_key(|s| s.to_lowercase());
    v.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    v
}

/// A change to one of the filters, made when the panel's actions are applied.
type FilterChange = Box<dyn FnOnce(&mut Filters)>;

pub(super) fn filters_ui(ui: &mut egui::Ui, cx: &PanelCtx, out: &mut Vec<Action>) {
    let f = &cx.view.filters;
    ui.horizontal(|ui| {
        ui.strong("Filters");
        if f.is_active() && ui.button("✕ Clear filters").clicked() {
            clear_filters(out);
        }
    });
    ui.horizontal(|ui| {
        ui.label("Filtered out:");
        for m in FilterMode::ALL {
            if ui.radio(f.mode == *m, m.label()).clicked() {
                let m = *m;
                out.push(Action::view(move |v| v.filters.mode = m));
            }
        }
    });
    let ws = cx.ws();
    let owners = distinct(ws.systems.values().map(|s| s.owner.as_str()));
    let tags = distinct(
        ws.systems
            .values()
            .flat_map(|s| s.tags.iter().map(String::as_str)),
    );
    let groups = distinct(ws.systems.values().map(|s| s.group.as_str()));
    let kinds: Vec<SystemKind> = SystemKind::ALL
        .iter()
        .copied()
        .filter(|k| ws.systems.values().any(|s| s.kind == *k))
        .collect();
    let types: Vec<DependencyType> = DependencyType::ALL
        .iter()
        .copied()
        .filter(|t| ws.dependencies.values().any(|d| d.kind == *t))
        .collect();
    // Each list that changed is set as the user left it (a change of one list only).
    let mut changes: Vec<FilterChange> = Vec::new();
    if let Some(now) = pick_list(ui, "Owner / team", &owners, &f.owners) {
        changes.push(Box::new(move |f| f.owners = now));
    }
    if let Some(now) = pick_list(ui, "Group", &groups, &f.groups) {
        changes.push(Box::new(move |f| f.groups = now));
    }
    if let Some(now) = pick_list(ui, "Tag", &tags, &f.tags) {
        changes.push(Box::new(move |f| f.tags = now));
    }
    egui::CollapsingHeader::new(format!(
        "System kind{}",
        if f.kinds.is_empty() {
            String::new()
        } else {
            format!(" ({})", f.kinds.len())
        }
    ))
    .show(ui, |ui| {
        for k in &kinds {
            let mut on = f.kinds.contains(k);
            if ui.checkbox(&mut on, k.label()).changed() {
                let k = *k;
                changes.push(Box::new(move |f| {
                    f.kinds.retain(|x| *x != k);
                    if on {
                        f.kinds.push(k);
                        f.kinds.sort();
                    }
                }));
            }
        }
    });
    egui::CollapsingHeader::new(format!(
        "Dependency type{}",
        if f.hidden_types.is_empty() {
            String::new()
        } else {
            format!(" ({} hidden)", f.hidden_types.len())
        }
    ))
    .show(ui, |ui| {
        for t in &types {
            let mut on = !f.hidden_types.contains(t);
            if ui.checkbox(&mut on, t.label()).changed() {
                let t = *t;
                changes.push(Box::new(move |f| {
                    f.hidden_types.retain(|x| *x != t);
                    if !on {
                        f.hidden_types.push(t);
                        f.hidden_types.sort();
                    }
                }));
            }
        }
    });
    if !changes.is_empty() {
        out.push(Action::view(move |v| {
            for change in changes {
                change(&mut v.filters);
            }
            v.active_view = None;
        }));
    }
}
