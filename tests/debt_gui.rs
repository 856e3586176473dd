//! The integration debt register in the app: record, edit, link, select, delete, undo.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use crate::common;

use depdig::model::DebtStatus;
use depdig::ui::DepdigApp;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

fn harness(app: DepdigApp) -> Harness<'static, DepdigApp> {
    common::harness_sized(app, 1400.0, 900.0)
}

#[test]
fn open_the_register_pick_an_item_and_edit_it() {
    let mut h = harness(common::open(None));
    let ws = h.state().workspace().clone();
    let open = ws
        .debt
        .values()
        .filter(|d| d.status != DebtStatus::Resolved)
        .count();
    h.get_by_label(&format!("⚠ Debt ({open} open)")).click();
    h.run_steps(2);
    h.get_by_label(&format!("Integration debt ({})", ws.debt.len()));
    // The highest-impact item is listed; clicking it selects what it links to.
    let top = ws
        .debt
        .values()
        .max_by(|a, b| a.impact.cmp(&b.impact).then_with(|| b.id.cmp(&a.id)))
        .unwrap()
        .clone();
    h.get(by().role(Role::Button).label(&top.title)).click();
    h.run_steps(3);
    let selection: Vec<String> = h.state().view().selection.iter().cloned().collect();
    let mut links = top.links.clone();
    links.sort();
    assert_eq!(selection, links);
    // Edit its title in the inspector; undo restores it.
    let title = by().role(Role::TextInput).label("Title");
    h.get(title.clone()).focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get(title).type_text("Shipping has no timeout budget");
    h.run_steps(2);
    assert_eq!(
        h.state().workspace().debt[&top.id].title,
        "Shipping has no timeout budget"
    );
    h.key_press(Key::Escape);
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().workspace().debt[&top.id].title, top.title);
}

#[test]
fn record_debt_from_a_selected_system_then_delete_it() {
    let mut h = harness(common::open(None));
    let before = h.state().workspace().debt.len();
    h.get_by_label("System: Product catalog").click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    h.run_steps(3);
    let ws = h.state().workspace();
    assert_eq!(ws.debt.len(), before + 1);
    let new = ws
        .debt
        .values()
        .find(|d| d.title == "New integration debt")
        .unwrap()
        .clone();
    let catalog = ws
        .systems
        .values()
        .find(|s| s.name == "Product catalog")
        .unwrap()
        .id
        .clone();
    assert_eq!(new.links, vec![catalog]);
    assert!(new.created.is_some());
    common::scroll_and_click(&mut h, "🗑 Delete debt item");
    h.run_steps(2);
    assert_eq!(h.state().workspace().debt.len(), before);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().workspace().debt.len(), before + 1);
}

/// Ctrl+Shift+E, CSV, the section labelled `section` (or the one selected), the path, Export:
/// what was written, beside what `depdig report` gives for `expected`.
fn export_report_csv(
    h: &mut Harness<'_, DepdigApp>,
    path: &std::path::Path,
    section: Option<&str>,
    expected: depdig::io::report::ReportSection,
) -> (String, String) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run_steps(2);
    h.get_by_label_contains("the same as `depdig report`");
    h.get_by_label("CSV").click();
    if let Some(section) = section {
        h.get_by_label(section).click();
    }
    h.run_steps(1);
    let field = by().role(Role::TextInput).label("Report file");
    h.get(field.clone()).focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get(field).type_text(&path.display().to_string());
    h.run_steps(1);
    h.get(by().role(Role::Button).label("Export report"))
        .click();
    h.run_steps(2);
    let written = std::fs::read_to_string(path).expect("the report was written");
    let cli = depdig::io::report::report(
        h.state().workspace(),
        depdig::io::report::ReportFormat::Csv,
        expected,
    )
    .unwrap();
    (written, cli)
}

#[test]
fn export_report_from_the_app_matches_the_cli_function() {
    use depdig::io::report::ReportSection;
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(common::open(None));
    let (written, expected) = export_report_csv(
        &mut h,
        &dir.path().join("registers.csv"),
        None,
        ReportSection::All,
    );
    assert_eq!(written, expected);
    assert!(
        written.starts_with("id,title,impact,status"),
        "{}",
        &written[..80.min(written.len())]
    );
    // The ranked findings too (issue 17.5), the same as `depdig report --section findings`.
    let (written, expected) = export_report_csv(
        &mut h,
        &dir.path().join("findings.csv"),
        Some("Findings"),
        ReportSection::Findings,
    );
    assert_eq!(written, expected);
}

/// The built-in sample with the register open (R) and its first debt item that links something
/// opened from its row.
fn open_a_linked_debt_item() -> (
    Harness<'static, DepdigApp>,
    depdig::model::Workspace,
    depdig::model::DebtItem,
) {
    let mut h = harness(common::open(None));
    h.key_press(Key::R);
    h.run_steps(2);
    let ws = h.state().workspace().clone();
    let item = ws
        .debt
        .values()
        .find(|d| !d.links.is_empty())
        .unwrap()
        .clone();
    h.get(by().role(Role::Button).label(&item.title)).click();
    h.run_steps(3);
    (h, ws, item)
}

#[test]
fn link_selected_elements_and_reject_a_bad_date() {
    let (mut h, ws, item) = open_a_linked_debt_item();
    // Add a system that is not linked yet to the selection, then link it.
    let extra = ws
        .systems
        .values()
        .find(|s| !item.links.contains(&s.id))
        .unwrap()
        .clone();
    h.get_by_label(&format!("System: {}", extra.name))
        .click_modifiers(Modifiers::SHIFT);
    h.run_steps(2);
    common::scroll_and_click(
        &mut h,
        &format!(
            "Link 1 selected system ({} already linked)",
            item.links.len()
        ),
    );
    h.run_steps(2);
    assert!(
        h.state().workspace().debt[&item.id]
            .links
            .contains(&extra.id)
    );
    // A date that does not exist is flagged and not applied.
    let review = by().role(Role::TextInput).label("Review");
    h.get(review.clone()).focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get(review).type_text("2026-13-45");
    h.run_steps(2);
    h.get_by_label_contains("month 13 is not 1–12");
    assert_eq!(h.state().workspace().debt[&item.id].review, item.review);
    // Undo removes the link again.
    h.key_press(Key::Escape);
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().workspace().debt[&item.id].links, item.links);
}

/// Issue 15.9: with the item's own links selected and two more systems and a dependency added,
/// the debt inspector said "Link the 3 selected element(s)" while more were selected; it now says
/// what it will link and how many of the selected are linked already.
#[test]
fn the_debt_inspector_counts_what_the_selection_adds() {
    let (mut h, ws, item) = open_a_linked_debt_item();
    let on_screen = |h: &Harness<'_, DepdigApp>, label: &str| h.query_by_label(label).is_some();
    let systems: Vec<_> = ws
        .systems
        .values()
        .filter(|s| !item.links.contains(&s.id))
        .filter(|s| on_screen(&h, &format!("System: {}", s.name)))
        .take(2)
        .cloned()
        .collect();
    let dependency = ws
        .dependencies
        .iter()
        .filter(|(id, _)| !item.links.contains(id))
        .map(|(id, d)| {
            let label = format!(
                "Dependency: {} → {} ({})",
                ws.system_name(&d.from),
                ws.system_name(&d.to),
                d.kind.label()
            );
            (id.clone(), label)
        })
        .find(|(_, label)| on_screen(&h, label))
        .unwrap();
    assert_eq!(systems.len(), 2, "two unlinked systems are on screen");
    for s in &systems {
        h.get_by_label(&format!("System: {}", s.name))
            .click_modifiers(Modifiers::SHIFT);
        h.run_steps(2);
    }
    h.get_by_label(&dependency.1)
        .click_modifiers(Modifiers::SHIFT);
    h.run_steps(2);
    common::scroll_and_click(
        &mut h,
        &format!(
            "Link 2 selected systems and 1 dependency ({} already linked)",
            item.links.len()
        ),
    );
    h.run_steps(2);
    let links = &h.state().workspace().debt[&item.id].links;
    for id in systems.iter().map(|s| &s.id).chain([&dependency.0]) {
        assert!(links.contains(id), "{id} is linked");
    }
    assert_eq!(links.len(), item.links.len() + 3);
    h.get_by_label("The selection is already linked");
}
