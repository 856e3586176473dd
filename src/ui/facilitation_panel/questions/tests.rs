use super::*;
use crate::model::{DataEntity, Dependency};
use crate::ui::facilitation_panel::review::{coverage, fully_reviewed, not_reviewed};

fn ws() -> Workspace {
    let mut ws = Workspace::new("t");
    let mut billing = System::new("billing", "Billing");
    billing.owner = "Finance IT".into();
    billing.entities = vec![DataEntity {
        entity: "customer".into(),
        role: EntityRole::SourceOfTruth,
    }];
    billing.windows = vec![TimeWindow {
        label: "nightly batch".into(),
        days: Days::Daily,
        start_min: 60,
        end_min: 240,
        timezone: None,
        effect: WindowEffect::Locks,
    }];
    let mut crm = System::new("crm", "CRM");
    crm.entities = vec![DataEntity {
        entity: "customer".into(),
        role: EntityRole::SourceOfTruth,
    }];
    crm.windows = vec![TimeWindow {
        label: "sync".into(),
        days: Days::Weekdays(0b001_1111),
        start_min: 180,
        end_min: 300,
        timezone: None,
        effect: WindowEffect::Degraded,
    }];
    let portal = System::new("portal", "Portal");
    for s in [billing, crm, portal] {
        ws.systems.insert(s.id.clone(), s);
    }
    let mut pay = Dependency::new("portal", "billing", DependencyType::Sync);
    pay.entities = vec!["invoice".into()];
    for d in [pay, Dependency::new("billing", "crm", DependencyType::Data)] {
        ws.dependencies.insert(d.id(), d);
    }
    ws
}

fn texts(ws: &Workspace, id: &str, c: Category) -> Vec<String> {
    questions(ws, id)
        .into_iter()
        .filter(|(k, _)| *k == c)
        .map(|(_, q)| q)
        .collect()
}

#[test]
fn every_category_has_questions_naming_the_system() {
    let ws = ws();
    for c in Category::ALL {
        let qs = texts(&ws, "portal", c);
        assert!(qs.len() >= 3, "{c:?}: {qs:?}");
        assert!(qs.iter().any(|q| q.contains("Portal")), "{c:?}: {qs:?}");
    }
    assert!(questions(&ws, "nope").is_empty());
}

#[test]
fn questions_come_in_category_order_without_repeats() {
    let qs = questions(&ws(), "billing");
    let cats: Vec<Category> = qs.iter().map(|(c, _)| *c).collect();
    let mut sorted = cats.clone();
    sorted.sort();
    assert_eq!(cats, sorted);
    let unique: BTreeSet<&String> = qs.iter().map(|(_, q)| q).collect();
    assert_eq!(unique.len(), qs.len());
}

#[test]
fn two_owners_of_an_entity_are_asked_who_wins() {
    let qs = texts(&ws(), "billing", Category::DataFlow);
    assert!(
        qs.contains(&"Billing and CRM both claim to own the customer record — who wins?".into()),
        "{qs:?}"
    );
}

#[test]
fn entities_carried_by_dependencies_are_asked_about_once() {
    let qs = texts(&ws(), "billing", Category::DataFlow);
    let shared: Vec<&String> = qs.iter().filter(|q| q.contains("shares the")).collect();
    assert_eq!(
        shared,
        [
            "Billing shares the invoice with Portal: what breaks if a change arrives late, twice or not at all?"
        ]
    );
}

#[test]
fn callers_and_neighbours_are_named() {
    let ws = ws();
    let bp = texts(&ws, "billing", Category::BusinessProcess);
    assert!(
        bp.contains(&"What happens to Portal when Billing is slow?".into()),
        "{bp:?}"
    );
    let hw = texts(&ws, "billing", Category::HumanWorkflow);
    assert!(hw.contains(&"Who re-keys data between Billing and CRM by hand?".into()));
    assert!(hw.contains(&"Who re-keys data between Billing and Portal by hand?".into()));
    assert!(hw.contains(&"Who is called at 3 a.m. when Billing fails?".into()));
    let unowned = texts(&ws, "portal", Category::HumanWorkflow);
    assert!(unowned.iter().any(|q| q.starts_with("Nobody owns Portal")));
}

#[test]
fn windows_are_read_aloud_and_overlaps_found() {
    let ws = ws();
    let t = texts(&ws, "billing", Category::Timing);
    assert!(
        t.contains(&"What else runs during nightly batch (daily 01:00–04:00)?".into()),
        "{t:?}"
    );
    assert!(
        t.iter()
            .any(|q| q.contains("overlaps CRM's sync (Mon–Fri 03:00–05:00)"))
    );
    assert!(
        t.iter()
            .any(|q| q.contains("during nightly batch: what happens to Portal while"))
    );
    assert!(t.contains(&"What runs during month-end close or the nightly batch?".into()));
    let p = texts(&ws, "portal", Category::Timing);
    assert!(
        p.iter()
            .any(|q| q.contains("Portal calls Billing with no timeout"))
    );
}

#[test]
fn overlaps_in_part_of_the_year_say_when() {
    let mut ws = ws();
    // Billing's 01:00–04:00 in Berlin is 23:00–02:00 UTC in summer, 00:00–03:00 in winter:
    // CRM's 02:30 UTC sync meets it only in winter.
    let billing = ws.systems.get_mut("billing").unwrap();
    billing.windows[0].timezone = Some("Europe/Berlin".into());
    ws.systems.get_mut("crm").unwrap().windows[0].start_min = 150;
    let t = texts(&ws, "billing", Category::Timing);
    assert!(
        t.iter().any(|q| q.contains(
            "overlaps CRM's sync (Mon–Fri 02:30–05:00), only while Europe/Berlin is on winter \
             time (in 2026: from 2026-01-01 to 2026-03-27 and from 2026-10-26 to 2026-12-31) \
             — which one gives way?"
        )),
        "{t:?}"
    );
}

#[test]
fn names_are_joined_for_sentences() {
    assert_eq!(join_names(&["A"]), "A");
    assert_eq!(join_names(&["A", "B"]), "A and B");
    assert_eq!(join_names(&["A", "B", "C", "D"]), "A, B, C and D");
    assert_eq!(join_names(&["A", "B", "C", "D", "E"]), "A, B, C and 2 more");
    assert_eq!(
        join_with(&["Sales and Service", "B", "C"], "or"),
        "Sales and Service, B or C"
    );
}

#[test]
fn coverage_counts_reviewed_systems() {
    let mut ws = ws();
    assert_eq!(coverage(&ws, Category::Timing), (0, 3));
    if let Some(s) = ws.systems.get_mut("crm") {
        for c in Category::ALL {
            c.set_reviewed(&mut s.review, true);
        }
    }
    assert_eq!(coverage(&ws, Category::Timing), (1, 3));
    assert_eq!(fully_reviewed(&ws), (1, 3));
    assert_eq!(
        not_reviewed(&ws, Category::DataFlow),
        ["billing", "portal"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect()
    );
}
