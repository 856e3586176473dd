#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]
//! Issue 17: one ranked list across kinds, severity from the score, advice that fits the kind,
//! English counts, the JSON `findings`, `--top`, and a real architecture's top risks.

use depdig::analysis::{Analysis, Finding, FindingKind, Severity, analyze};
use depdig::model::{Criticality, DataEntity, DependencyType, EntityRole, SystemKind, Workspace};

use super::{dep, sample, ws};
use crate::cli_common::{depdig, stdout};

fn named(w: &mut Workspace, id: &str, name: &str, kind: SystemKind) {
    let s = w.systems.get_mut(id).unwrap();
    s.name = name.into();
    s.kind = kind;
}

fn position(a: &Analysis, id: &str) -> usize {
    a.findings
        .iter()
        .position(|f| f.id == id)
        .unwrap_or_else(|| panic!("{id} missing: {:?}", ids(a)))
}

fn ids(a: &Analysis) -> Vec<&str> {
    a.findings.iter().map(|f| f.id.as_str()).collect()
}

fn severity_of(score: f64) -> Severity {
    match score {
        s if s >= 40.0 => Severity::Critical,
        s if s >= 20.0 => Severity::High,
        s if s >= 8.0 => Severity::Medium,
        _ => Severity::Low,
    }
}

/// The list is in display order: open first, then score, dependants (highest first).
fn assert_ranked(a: &Analysis) {
    for pair in a.findings.windows(2) {
        let (x, y) = (&pair[0], &pair[1]);
        let key = |f: &Finding| {
            (
                f.accepted.is_some(),
                -f.score,
                std::cmp::Reverse(f.dependants),
            )
        };
        assert!(
            key(x).partial_cmp(&key(y)) != Some(std::cmp::Ordering::Greater),
            "{} ({}, {}) before {} ({}, {})",
            x.id,
            x.score,
            x.dependants,
            y.id,
            y.score,
            y.dependants
        );
    }
    for f in &a.findings {
        assert_eq!(f.severity, severity_of(f.score), "{}: {}", f.id, f.score);
        assert!((0.0..=100.0).contains(&f.score), "{}: {}", f.id, f.score);
    }
}

/// "Zeta store" (a database read by six services) has a late name and the most dependants: it
/// comes first, before an alphabetically earlier cycle and shared store of two.
#[test]
fn the_top_risk_comes_first_whatever_its_name() {
    let mut w = ws(&[
        "zeta", "s1", "s2", "s3", "s4", "s5", "s6", "alpha", "beta", "cache",
    ]);
    named(&mut w, "zeta", "Zeta store", SystemKind::Database);
    named(&mut w, "cache", "Aardvark cache", SystemKind::Cache);
    for s in ["s1", "s2", "s3", "s4", "s5", "s6"] {
        dep(&mut w, s, "zeta", DependencyType::Data);
    }
    dep(&mut w, "alpha", "beta", DependencyType::Sync);
    dep(&mut w, "beta", "alpha", DependencyType::Sync);
    dep(&mut w, "alpha", "cache", DependencyType::Data);
    dep(&mut w, "beta", "cache", DependencyType::Data);
    let a = analyze(&w);
    assert_ranked(&a);
    let first = &a.findings[0];
    assert!(first.id.ends_with(":zeta"), "{:?}", ids(&a));
    assert_eq!(first.dependants, 6);
    assert!(position(&a, "single-point:zeta") < position(&a, "cycle:alpha,beta"));
    assert!(position(&a, "shared-store:zeta") < position(&a, "shared-store:cache"));
}

/// A store with 5 dependants outranks a service with 1 that is an articulation point (it was
/// "low" against "medium"); the articulation is a reason in the sentence, not a severity bump.
#[test]
fn a_store_with_five_dependants_outranks_a_service_with_one() {
    let mut w = ws(&[
        "store", "c1", "c2", "c3", "c4", "c5", "svc", "caller", "backend", "x1", "x2", "x3", "x4",
        "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
    ]);
    named(&mut w, "store", "Stock DB", SystemKind::Database);
    for c in ["c1", "c2", "c3", "c4", "c5"] {
        dep(&mut w, c, "store", DependencyType::Data);
    }
    dep(&mut w, "caller", "svc", DependencyType::Sync);
    dep(&mut w, "svc", "backend", DependencyType::Sync);
    let a = analyze(&w);
    assert_ranked(&a);
    let store = a.get("single-point:store").unwrap();
    let svc = a.get("single-point:svc").unwrap();
    assert_eq!((store.dependants, svc.dependants), (5, 1));
    assert!(store.score > svc.score);
    assert!(store.severity >= svc.severity);
    assert!(position(&a, "single-point:store") < position(&a, "single-point:svc"));
    assert!(
        svc.sentence
            .contains("the only link between parts of the map"),
        "{}",
        svc.sentence
    );
}

/// Equal scores: more dependants first; equal dependants too: by name (not id).
#[test]
fn ties_break_by_dependants_then_name() {
    // y (low) with three low callers and x (medium) with one medium caller reach the same
    // weight (4); y has more dependants.
    let mut w = ws(&["y", "y1", "y2", "y3", "x", "xc", "z"]);
    for id in ["y", "y1", "y2", "y3", "z"] {
        w.systems.get_mut(id).unwrap().criticality = Criticality::Low;
    }
    for c in ["y1", "y2", "y3"] {
        dep(&mut w, c, "y", DependencyType::Sync);
    }
    dep(&mut w, "xc", "x", DependencyType::Sync);
    dep(&mut w, "x", "z", DependencyType::Sync);
    let a = analyze(&w);
    let (x, y) = (
        a.get("single-point:x").unwrap(),
        a.get("single-point:y").unwrap(),
    );
    assert!(
        (x.score - y.score).abs() < f64::EPSILON,
        "{} {}",
        x.score,
        y.score
    );
    assert!(position(&a, "single-point:y") < position(&a, "single-point:x"));

    // Two identical stores: "Alpha store" (id z-store) before "Omega store" (id a-store).
    let mut w = ws(&["z-store", "a-store", "p1", "p2", "p3", "q1", "q2", "q3"]);
    named(&mut w, "z-store", "Alpha store", SystemKind::Database);
    named(&mut w, "a-store", "Omega store", SystemKind::Database);
    for (c, s) in [
        ("p1", "z-store"),
        ("p2", "z-store"),
        ("p3", "z-store"),
        ("q1", "a-store"),
        ("q2", "a-store"),
        ("q3", "a-store"),
    ] {
        dep(&mut w, c, s, DependencyType::Data);
    }
    let a = analyze(&w);
    assert!(position(&a, "single-point:z-store") < position(&a, "single-point:a-store"));
}

/// Accepted findings go after the open ones, whatever their score.
#[test]
fn accepted_findings_come_after_open_ones() {
    let mut w = sample("trading-before");
    let top = analyze(&w).findings[0].id.clone();
    w.accepted_findings.insert(
        top.clone(),
        depdig::model::AcceptedFinding {
            finding: top.clone(),
            reason: "Known".into(),
            decision: None,
        },
    );
    let a = analyze(&w);
    assert_ranked(&a);
    assert_eq!(a.findings.last().unwrap().id, top);
}

/// Every sample's list is ranked across kinds, not grouped by kind.
#[test]
fn samples_are_ranked_across_kinds() {
    for name in [
        "ecommerce-cascade",
        "manufacturing-erp",
        "trading-before",
        "trading-after",
    ] {
        let a = analyze(&sample(name));
        assert_ranked(&a);
        let kinds: std::collections::BTreeSet<FindingKind> =
            a.findings.iter().take(8).map(|f| f.kind).collect();
        // Grouped by kind, the first eight would all be single points (or cycles).
        assert!(kinds.len() >= 2, "{name}: {kinds:?}");
    }
}

/// A single point of each kind gets advice of its own kind; nobody puts a person behind a load
/// balancer.
#[test]
fn advice_fits_the_kind_of_system() {
    let cases = [
        (
            SystemKind::Team,
            "Personal Banking Customer",
            &["deputy", "runbook"][..],
            "load balancer",
        ),
        (
            SystemKind::External,
            "Card network",
            &["contract", "fallback"][..],
            "second instance",
        ),
        (
            SystemKind::Database,
            "Ledger DB",
            &["Replicate", "read replicas"][..],
            "dead-letter",
        ),
        (
            SystemKind::Queue,
            "Order queue",
            &["consumers", "dead-letter"][..],
            "read replicas",
        ),
        (
            SystemKind::Service,
            "Pricing",
            &["redundancy", "timeouts", "circuit breakers"][..],
            "deputy",
        ),
    ];
    for (kind, name, must, never) in cases {
        let mut w = ws(&["hub", "a", "b", "c"]);
        named(&mut w, "hub", name, kind);
        for c in ["a", "b", "c"] {
            dep(&mut w, c, "hub", DependencyType::Sync);
        }
        let f = analyze(&w).get("single-point:hub").unwrap().clone();
        for word in must {
            assert!(f.mitigation.contains(word), "{kind:?}: {}", f.mitigation);
        }
        assert!(!f.mitigation.contains(never), "{kind:?}: {}", f.mitigation);
        assert!(f.mitigation.contains(name), "{}", f.mitigation);
    }
}

/// The sentence builders with 0, 1, 2 and many: no "all 2", "the other 1", "1 systems" or
/// "1 other systems" anywhere.
#[test]
fn sentences_count_in_english_for_0_1_2_and_many() {
    let bad = [
        "all 2",
        "other 1",
        " 1 systems",
        "1 other systems",
        "both 1",
        "each 1",
    ];
    let check = |a: &Analysis| {
        for f in &a.findings {
            for b in bad {
                assert!(!f.sentence.contains(b), "{b:?} in {}", f.sentence);
            }
        }
    };
    // 0: nothing found, the text still reads.
    let a = analyze(&ws(&["a"]));
    assert!(a.findings.is_empty());
    let text = depdig::analysis::to_text(&ws(&["a"]), &a, None, false, None);
    assert!(text.contains("0 open findings, 0 accepted"), "{text}");
    assert!(text.contains("Top risks\n  no open findings"), "{text}");
    for n in [1usize, 2, 3, 6] {
        let callers: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
        let mut ids: Vec<&str> = vec!["hub", "down", "db", "cache", "crm", "erp", "mdm"];
        ids.extend(callers.iter().map(String::as_str));
        let mut w = ws(&ids);
        named(&mut w, "db", "DB", SystemKind::Database);
        named(&mut w, "cache", "CACHE", SystemKind::Cache);
        // hub → down makes hub an articulation point even with one caller.
        dep(&mut w, "hub", "down", DependencyType::Sync);
        for c in &callers {
            dep(&mut w, c, "hub", DependencyType::Sync);
            dep(&mut w, c, "db", DependencyType::Data);
            dep(&mut w, c, "cache", DependencyType::Data);
        }
        let owners = ["crm", "erp", "mdm"];
        for o in owners.iter().take(n.clamp(2, 3)) {
            w.systems.get_mut(*o).unwrap().entities.push(DataEntity {
                entity: "customer".into(),
                role: EntityRole::SourceOfTruth,
            });
        }
        for c in callers.iter().take(2) {
            w.systems.get_mut(c).unwrap().entities.push(DataEntity {
                entity: "stock".into(),
                role: EntityRole::Cache,
            });
        }
        let a = analyze(&w);
        check(&a);
        let hub = &a.get("single-point:hub").unwrap().sentence;
        let want = if n == 1 {
            "1 other system that depends on it directly or through others stops or degrades"
        } else {
            "other systems that depend on it directly or through others stop or degrade"
        };
        assert!(hub.contains(want), "{n}: {hub}");
        let copies = &a.get("orphan-copy:stock").unwrap().sentence;
        assert!(
            copies.contains(if n == 1 {
                " holds copies"
            } else {
                " hold copies"
            }),
            "{n}: {copies}"
        );
        if n >= 2 {
            let db = &a.get("shared-store:db").unwrap().sentence;
            let cache = &a.get("shared-store:cache").unwrap().sentence;
            if n == 2 {
                assert!(
                    db.contains("both read and write") && db.contains("stalls the other one."),
                    "{db}"
                );
                assert!(
                    cache.contains("both read") && cache.contains("hits both"),
                    "{cache}"
                );
            } else {
                assert!(
                    db.contains("all read and write")
                        && db.contains(&format!("stalls the other {}.", n - 1)),
                    "{db}"
                );
                assert!(cache.contains(&format!("hits all {n}")), "{cache}");
            }
            let owners = &a.get("sovereignty:customer").unwrap().sentence;
            assert!(
                owners.contains(if n == 2 {
                    "both believe"
                } else {
                    "each believe"
                }),
                "{owners}"
            );
        } else {
            assert!(a.get("shared-store:db").is_none());
        }
    }
}

/// `findings` in the JSON: display order, every field, `--top` limits it; existing keys stay.
#[test]
fn json_findings_are_the_ranked_list() {
    let path = format!(
        "{}/samples/ecommerce-cascade.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let a = analyze(&sample("ecommerce-cascade"));
    let out = depdig(&["analyze", &path, "--format", "json"]);
    assert!(out.status.success());
    let json = stdout(&out);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    for key in [
        "cycles",
        "single_points",
        "shared_stores",
        "sovereignty",
        "scale",
        "temporal",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    let list = v["findings"].as_array().unwrap();
    assert_eq!(list.len(), a.findings.len());
    // One finding a line, its keys in this order.
    let lines: Vec<&str> = json
        .split("\"findings\": [\n")
        .nth(1)
        .unwrap()
        .lines()
        .take(list.len())
        .collect();
    for line in &lines {
        let at: Vec<usize> = [
            "id",
            "kind",
            "severity",
            "score",
            "systems",
            "dependencies",
            "sentence",
            "mitigation",
            "accepted",
        ]
        .iter()
        .map(|k| {
            line.find(&format!("\"{k}\": "))
                .unwrap_or_else(|| panic!("{k} in {line}"))
        })
        .collect();
        assert!(at.windows(2).all(|p| p[0] < p[1]), "{line}");
    }
    for (j, f) in list.iter().zip(&a.findings) {
        assert_eq!(j["id"], f.id.as_str());
        assert_eq!(j["severity"], f.severity.as_str());
        assert_eq!(j["score"].as_f64(), Some(f.score));
        assert_eq!(j["sentence"], f.sentence.as_str());
        assert!(j["accepted"].is_null());
    }
    assert!(json.contains("\"kind\": \"single_point\""), "{json}");
    let out = depdig(&["analyze", &path, "--format", "json", "--top", "3"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let top: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(top, ids(&a)[..3]);
}

/// Text and Markdown start with "Top risks" (five, numbered, in rank order, one per group of
/// systems, with the other findings about the same systems named under it) and group the rest;
/// `--top N` shows N top risks only and says how many findings were left out.
#[test]
fn text_starts_with_the_top_risks_and_top_limits() {
    let path = format!(
        "{}/samples/ecommerce-cascade.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let a = analyze(&sample("ecommerce-cascade"));
    let tops = depdig::analysis::top_risks(&a, 5);
    assert_eq!(tops.len(), 5);
    // Leads are in rank order and about different systems.
    let leads: Vec<usize> = tops.iter().map(|(f, _)| position(&a, &f.id)).collect();
    assert!(leads.windows(2).all(|p| p[0] < p[1]), "{leads:?}");
    for (i, (f, also)) in tops.iter().enumerate() {
        for (g, _) in &tops[i + 1..] {
            assert_ne!(f.origin_systems(), g.origin_systems());
        }
        for g in also {
            assert_eq!(f.origin_systems(), g.origin_systems());
            assert!(position(&a, &g.id) > position(&a, &f.id));
        }
    }
    // The catalogue is overloaded and a single point: one risk with two reasons.
    assert_eq!(tops[0].0.id, "scale:catalog");
    assert_eq!(tops[0].1[0].id, "single-point:catalog");
    let text = stdout(&depdig(&["analyze", &path]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[2], "Top risks", "{text}");
    for (i, (f, _)) in tops.iter().enumerate() {
        let line = lines
            .iter()
            .find(|l| l.starts_with(&format!("  {}. [", i + 1)))
            .unwrap_or_else(|| panic!("rank {} missing in {text}", i + 1));
        assert!(line.ends_with(&format!("({})", f.id)), "{line}");
        assert!(
            line.contains(&format!("[{}, score {}]", f.severity.as_str(), f.score)),
            "{line}"
        );
    }
    assert!(!text.contains("  6. ["), "{text}");
    assert!(
        text.contains(
            "     also about these systems: single point of failure (single-point:catalog)\n"
        ),
        "{text}"
    );
    // A finding that leads no top risk is in its pattern's group, after the top risks.
    let other = a
        .findings
        .iter()
        .find(|f| !tops.iter().any(|(t, _)| t.id == f.id))
        .unwrap();
    let at = text.find(&format!("] {}\n", other.id)).unwrap();
    assert!(
        at > text.find(&format!("\n{}\n", other.kind.label())).unwrap(),
        "{text}"
    );
    let md = stdout(&depdig(&["analyze", &path, "--format", "md"]));
    assert!(md.contains("\n## Top risks\n\n1. **high** (score "), "{md}");
    let top = stdout(&depdig(&["analyze", &path, "--top", "2"]));
    assert!(top.contains("  2. [") && !top.contains("  3. ["), "{top}");
    assert!(!top.contains("Sync cycles"), "{top}");
    let listed: usize = depdig::analysis::top_risks(&a, 2)
        .iter()
        .map(|(_, also)| 1 + also.len())
        .sum();
    assert!(
        top.contains(&format!(
            "{} more findings not shown (--top 2).",
            a.findings.len() - listed
        )),
        "{top}"
    );
}

/// `report --section findings` as Markdown and CSV, in rank order with names.
#[test]
fn report_has_a_findings_section() {
    let path = format!("{}/samples/trading-before.ron", env!("CARGO_MANIFEST_DIR"));
    let a = analyze(&sample("trading-before"));
    let md = stdout(&depdig(&["report", &path, "--section", "findings"]));
    assert!(
        md.contains("## Findings\n\n| rank | id | pattern | severity | score |"),
        "{md}"
    );
    let first = &a.findings[0];
    assert!(
        md.contains(&format!(
            "| 1 | {} | {} | {} | {} |",
            first.id,
            first.kind.one(),
            first.severity.as_str(),
            first.score
        )),
        "{md}"
    );
    assert!(!md.contains("## Integration debt"), "{md}");
    let csv = stdout(&depdig(&[
        "report",
        &path,
        "--section",
        "findings",
        "--format",
        "csv",
    ]));
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), a.findings.len());
    for (r, f) in records.iter().zip(&a.findings) {
        assert_eq!(&r[1], f.id);
        assert_eq!(&r[7], f.sentence);
        assert_eq!(&r[8], f.mitigation);
    }
    // Systems by name, not id.
    let w = sample("trading-before");
    assert!(
        records[0][5].contains(w.system_name(&first.systems[0])),
        "{:?}",
        &records[0]
    );
}

/// Online Boutique, transcribed from its Kubernetes manifests (tests/fixtures/real/README.md):
/// the top three are the ones written down before the analysis was run.
#[test]
fn real_architecture_top_risks() {
    let path = format!(
        "{}/tests/fixtures/real/online-boutique.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let w = depdig::io::load_file(std::path::Path::new(&path))
        .unwrap()
        .0;
    let a = analyze(&w);
    assert_ranked(&a);
    let top: Vec<&str> = a
        .findings
        .iter()
        .take(3)
        .map(|f| f.systems[0].as_str())
        .collect();
    assert_eq!(
        top,
        ["redis-cart", "productcatalogservice", "cartservice"],
        "{:?}",
        ids(&a)
    );
    let text = stdout(&depdig(&["analyze", &path, "--top", "3"]));
    assert!(text.contains("  1. [critical, score 48.3] Single point of failure: Redis cart store (single-point:redis-cart)"), "{text}");
}

/// `check` warns (exit 0) about systems with no dependencies at all and systems linked only by
/// startup order, by name, in English for one and for several.
#[test]
fn check_warns_about_systems_the_analysis_cannot_reach() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("loose.ron");
    std::fs::write(
        &f,
        r#"(version: 1, title: "Loose", systems: [(id: "a", name: "Shop"), (id: "b", name: "Tax"),
           (id: "c", name: "Flags"), (id: "d", name: "Ledger"), (id: "e", name: "Mail")],
           dependencies: [(from: "a", to: "b", type: "sync"),
                          (from: "a", to: "c", type: "startup-order")])"#,
    )
    .unwrap();
    let out = depdig(&["check", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let err = crate::cli_common::stderr(&out);
    let p = f.display();
    assert!(
        err.contains(&format!(
            "{p}: warning: 2 systems have no dependencies at all: no finding or cascade can \
             reach them; draw their runtime dependencies\n{p}:   Ledger and Mail\n"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{p}: warning: 1 system has only startup-order dependencies: no runtime finding or \
             cascade reaches it; draw its runtime dependencies\n{p}:   Flags\n"
        )),
        "{err}"
    );
    assert_eq!(stdout(&out).lines().count(), 1);
}
