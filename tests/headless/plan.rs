//! Issue 20: `depdig roadmap`, `depdig report --section rollouts|checks|cost` and
//! `depdig export --phase` on the samples' plans.

use std::path::Path;

use depdig::io::{load_file, save_file};
use depdig::model::{Rehearsal, Workspace};

use crate::cli_common::{depdig, sample, stderr, stdout};

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn trading() -> String {
    sample("trading-before.ron").to_str().unwrap().to_owned()
}

fn manufacturing() -> String {
    sample("manufacturing-erp.ron").to_str().unwrap().to_owned()
}

fn json(args: &[&str]) -> serde_json::Value {
    let o = depdig(args);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

/// The trading roadmap as a council member reads it: three phases in order, what each changes,
/// and the queue's canary with its load per stage.
#[test]
fn roadmap_text_tells_the_trading_plan() {
    let o = depdig(&["roadmap", &trading()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("Trading integration — before the fix: roadmap of 3 phases\n"),
        "{text}"
    );
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} missing in:\n{text}"))
    };
    assert!(at("\nToday\n") < at("Phase 1: Queue first — by 2026-10-09"));
    assert!(at("Phase 1: Queue first") < at("Phase 2: Reporting on a read replica"));
    assert!(at("Phase 2: Reporting") < at("Phase 3: Retire the direct risk call"));
    at("adds: Trade event stream (system); ");
    at("removes: Regulatory reporting → Shared positions database (Data access)");
    at("removes: Trading platform → Risk management (Sync call)");
    // The fill stream's canary: trading's 2,600 fills/s at peak × share × (1 + 0 retries) × 2
    // messages per fill, against the stream's 6,000 messages/s: 1 % → 52, 10 % → 520,
    // 50 % → 2,600 (43 %), 100 % → 5,200 (87 %), past the rollout's own 75 % stop signal.
    at("1 %  1 day      done        2026-09-21  load 52 of 6,000 requests/s (1 %)");
    at("load 2,600 of 6,000 requests/s (43 %)");
    at("load 5,200 of 6,000 requests/s (87 %)");
    at("Now at stage 2 of 4: 10 % of the traffic, running since 2026-09-23.");
    at(
        "Warning: at 100 % Trade event stream reaches 87 % of its 6,000 requests/s: past the \
         rollout's own stop signal (75 % callee load).",
    );
    // The gate was rehearsed on 2026-09-18, before every stage: nothing is blocked.
    assert!(!text.contains("Blocked"), "{text}");
}

/// JSON: today plus one step per phase; cost before and after chain up; phase 1 is the queue
/// scenario's target (its top risk is what `analyze --scenario` ranks first).
#[test]
fn roadmap_json_steps_chain_and_match_the_scenario_analysis() {
    let v = json(&["roadmap", &trading(), "--format", "json"]);
    let steps = v["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 4);
    for (i, s) in steps.iter().enumerate() {
        assert_eq!(s["index"].as_u64(), Some(i as u64));
    }
    assert!(steps[0]["phase"].is_null());
    assert_eq!(steps[3]["phase"], "retire-risk-call");
    assert_eq!(
        steps[3]["removed"],
        serde_json::json!(["trading-engine->risk-engine:sync"])
    );
    for w in steps.windows(2) {
        assert_eq!(w[1]["cost_before"], w[0]["cost_after"]);
    }
    // Today's hours: 8 + 6 + 10 + 12 + 10 + 16 + 2 + 4 + 6 + 4 + 6 + 1 = 85; the queue adds
    // 6 + 4; the replica adds 4 + 3 and drops reporting's 10; retiring the call drops 16.
    let after: Vec<f64> = steps
        .iter()
        .map(|s| s["cost_after"].as_f64().unwrap())
        .collect();
    assert_eq!(after, [85.0, 95.0, 92.0, 76.0]);
    let queue = json(&[
        "analyze",
        &trading(),
        "--scenario",
        "queue-first",
        "--format",
        "json",
    ]);
    assert_eq!(steps[1]["top_risk"], queue["findings"][0]["score"]);
    assert_eq!(steps[1]["top_risk_finding"], queue["findings"][0]["id"]);
    let r = &v["rollouts"][0];
    assert_eq!(r["dependency"], "trading-engine->trade-events:async");
    assert_eq!(r["phase"], "queue-first");
    let loads: Vec<f64> = r["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["load"].as_f64().unwrap())
        .collect();
    assert_eq!(loads, [52.0, 520.0, 2600.0, 5200.0]);
    assert_eq!(r["stages"][3]["unit"], "requests-per-sec");
    assert!(r["blocked"].is_null());
}

/// Manufacturing: the CRM sync's rollout waits for its failure mode's rehearsal; once one is
/// recorded before the first stage, it is not blocked any more.
#[test]
fn the_crm_sync_rollout_is_blocked_until_rehearsed() {
    let text = stdout(&depdig(&["roadmap", &manufacturing()]));
    // The interface call makes CRM saves wait on ERP core: the phase says what got worse.
    assert!(
        text.contains("  worse: ERP core ") && text.contains(", medium → high (temporal coupling"),
        "{text}"
    );
    let blocked = "Blocked: stage 1 may not start before \"Month-end reports stall behind CRM \
                   sync table locks\" is rehearsed.";
    assert!(text.contains(blocked), "{text}");
    assert!(
        text.contains("Load on the callee not predicted: CRM real-time sync has no peak load"),
        "{text}"
    );
    let v = json(&["roadmap", &manufacturing(), "--format", "json"]);
    assert_eq!(v["rollouts"][0]["blocked"]["stage"], 1);
    let dir = tempfile::tempdir().unwrap();
    let mut ws: Workspace = load_file(&sample("manufacturing-erp.ron")).unwrap().0;
    ws.failure_modes
        .get_mut("reporting-blocked-by-crm-locks")
        .unwrap()
        .rehearsals
        .push(Rehearsal {
            date: "2026-11-02".parse().unwrap(),
            duration_min: 40,
            duration_s: None,
            notes: "Tabletop".into(),
        });
    let path = dir.path().join("rehearsed.ron");
    save_file(&ws, &path).unwrap();
    let text = stdout(&depdig(&["roadmap", arg(&path)]));
    assert!(!text.contains("Blocked"), "{text}");
    assert!(!text.contains("waits for a rehearsal"), "{text}");
}

#[test]
fn roadmap_markdown_and_a_map_without_a_plan() {
    let md = stdout(&depdig(&["roadmap", &trading(), "--format", "md"]));
    assert!(
        md.starts_with("# Trading integration — before the fix: roadmap\n"),
        "{md}"
    );
    assert!(md.contains("\n## Risk trend\n"), "{md}");
    assert!(md.contains("| 3. Retire the direct risk call | "), "{md}");
    assert!(
        md.contains("### Trading platform → Trade event stream"),
        "{md}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.ron");
    save_file(&Workspace::new("Plain"), &path).unwrap();
    let text = stdout(&depdig(&["roadmap", arg(&path)]));
    assert!(text.contains("No phases yet"), "{text}");
    assert!(text.contains("Rollouts\n  none planned"), "{text}");
    let missing = dir.path().join("missing.ron");
    let o = depdig(&["roadmap", arg(&missing)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("missing.ron"), "{}", stderr(&o));
}

#[test]
fn report_sections_for_rollouts_checks_and_cost() {
    let md = stdout(&depdig(&["report", &trading(), "--section", "rollouts"]));
    assert!(
        md.contains("## Rollouts\n\n| dependency | phase | stage | share % |"),
        "{md}"
    );
    assert_eq!(
        md.matches("| Trading platform → Trade event stream")
            .count(),
        4
    );
    assert!(
        md.contains("| 5,200 of 6,000 requests/s (87 %) | 87 |"),
        "{md}"
    );
    let csv = stdout(&depdig(&[
        "report",
        &trading(),
        "--section",
        "checks",
        "--format",
        "csv",
    ]));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, depdig::io::report::CHECK_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // 12 integration points (sync, async, data, batch) on today's trading map; 4 checked.
    assert_eq!(rows.len(), 12);
    assert_eq!(rows.iter().filter(|r| &r[6] == "yes").count(), 4);
    let cost = stdout(&depdig(&["report", &manufacturing(), "--section", "cost"]));
    assert!(cost.contains("## Integration cost\n"), "{cost}");
    assert!(cost.contains("| Total | 86 |"), "{cost}");
    assert!(cost.contains("## Cost by team\n"), "{cost}");
    assert!(
        cost.contains("| ERP Competence Centre (Anna Lindqvist) | 35 |"),
        "{cost}"
    );
}

#[test]
fn export_writes_one_picture_per_phase() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.svg");
    let o = depdig(&["export", &trading(), "-o", arg(&out), "--phase", "all"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let names = [
        "plan-1-queue-first.svg",
        "plan-2-reporting-on-a-read-replica.svg",
        "plan-3-retire-the-direct-risk-call.svg",
    ];
    for n in names {
        assert!(dir.path().join(n).exists(), "{n}: {}", stdout(&o));
    }
    assert!(!out.exists());
    let second = std::fs::read_to_string(dir.path().join(names[1])).unwrap();
    assert!(
        second.contains("Phase 2: Reporting on a read replica"),
        "title"
    );
    // Phase 2 is drawn on phase 1's state: the stream phase 1 added is there.
    assert!(second.contains("Trade event stream"));
    assert!(second.contains("Positions read replica"));
    let one = dir.path().join("one.svg");
    let o = depdig(&[
        "export",
        &trading(),
        "-o",
        arg(&one),
        "--phase",
        "RETIRE-RISK-CALL",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("phase 3: Retire the direct risk call, 0 added, 1 removed"));
    let bad = dir.path().join("bad.svg");
    let o = depdig(&["export", &trading(), "-o", arg(&bad), "--phase", "nope"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("queue-first  (Queue first)"),
        "{}",
        stderr(&o)
    );
    assert!(!bad.exists());
    let both = depdig(&[
        "export",
        &trading(),
        "-o",
        arg(&bad),
        "--phase",
        "all",
        "--scenario",
        "x",
    ]);
    assert_eq!(both.status.code(), Some(2));
    let plain = dir.path().join("plain.ron");
    save_file(&Workspace::new("Plain"), &plain).unwrap();
    let o = depdig(&["export", arg(&plain), "-o", arg(&bad), "--phase", "all"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no roadmap"), "{}", stderr(&o));
}

/// The plan's findings reach `analyze` like any other: today's trading map lists the critical
/// and high integration points nobody watches.
#[test]
fn analyze_lists_unwatched_integration_points() {
    let v = json(&["analyze", &trading(), "--format", "json"]);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "unwatched")
        .expect("an unwatched finding");
    let deps: Vec<&str> = f["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert!(
        deps.contains(&"trading-engine->risk-engine:sync"),
        "{deps:?}"
    );
    assert!(deps.contains(&"risk-engine->positions-db:data"), "{deps:?}");
    // Watched ones are not listed.
    assert!(
        !deps.contains(&"fix-gateway->trading-engine:sync"),
        "{deps:?}"
    );
}
