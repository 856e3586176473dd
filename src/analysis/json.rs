//! The stable JSON of `depdig analyze --format json` (documented in the README), as types.
//!
//! The structs below *are* the contract: their field names and order are the keys and their
//! order, written by `serde_json`. They borrow from the analysis, so renaming a field of
//! `Analysis` or `Finding` cannot change the output. The layout (top-level entries one a line,
//! each list item on one line) is `Layout`, a `serde_json` formatter; it changes whitespace only.

use std::io;

use serde::{Serialize, Serializer};

use super::cascade::{HORIZON_MS, LOAD_MULTIPLIER_CAP};
use super::{Analysis, Cascade, CascadeStep, Finding, FindingKind, SharedStore, SinglePoint};

/// The whole document: `scenario` and `view` only when the analysis was of one, `cascade` only
/// when one was simulated.
#[derive(Serialize)]
struct Report<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    scenario: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    view: Option<&'a str>,
    cycles: &'a [Vec<String>],
    single_points: Vec<SinglePointJson<'a>>,
    shared_stores: Vec<SharedStoreJson<'a>>,
    sovereignty: Vec<FindingJson<'a>>,
    scale: Vec<FindingJson<'a>>,
    temporal: Vec<FindingJson<'a>>,
    /// Every finding (or the `--top` highest), in display order.
    findings: Vec<RankedJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cascade: Option<CascadeJson<'a>>,
}

#[derive(Serialize)]
struct SinglePointJson<'a> {
    system: &'a str,
    dependants: usize,
}

#[derive(Serialize)]
struct SharedStoreJson<'a> {
    store: &'a str,
    accessors: &'a [String],
}

#[derive(Serialize)]
struct FindingJson<'a> {
    id: &'a str,
    severity: &'static str,
    systems: &'a [String],
    dependencies: &'a [String],
    sentence: &'a str,
    mitigation: &'a str,
    /// `null` unless the council accepted it.
    accepted: Option<&'a str>,
}

/// A finding in the ranked list: what `FindingJson` says, plus its kind and score.
#[derive(Serialize)]
struct RankedJson<'a> {
    id: &'a str,
    kind: &'static str,
    severity: &'static str,
    #[serde(serialize_with = "finite")]
    score: f64,
    systems: &'a [String],
    dependencies: &'a [String],
    sentence: &'a str,
    mitigation: &'a str,
    /// `null` unless the council accepted it.
    accepted: Option<&'a str>,
}

impl<'a> From<&'a Finding> for RankedJson<'a> {
    fn from(f: &'a Finding) -> Self {
        RankedJson {
            id: &f.id,
            kind: match f.kind {
                FindingKind::Cycle => "cycle",
                FindingKind::SinglePoint => "single_point",
                FindingKind::SharedStore => "shared_store",
                FindingKind::Sovereignty => "sovereignty",
                FindingKind::Scale => "scale",
                FindingKind::Temporal => "temporal",
                FindingKind::Rollout => "rollout",
                FindingKind::Unwatched => "unwatched",
            },
            severity: f.severity.as_str(),
            score: f.score,
            systems: &f.systems,
            dependencies: &f.dependencies,
            sentence: &f.sentence,
            mitigation: &f.mitigation,
            accepted: f.accepted.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct CascadeJson<'a> {
    failed: &'a str,
    mode: &'static str,
    steps: Vec<StepJson<'a>>,
    capped: bool,
    #[serde(serialize_with = "finite")]
    load_multiplier_cap: f64,
    horizon_ms: u64,
}

#[derive(Serialize)]
struct StepJson<'a> {
    system: &'a str,
    at_ms: u64,
    effect: &'static str,
    #[serde(serialize_with = "finite")]
    load_multiplier: f64,
    /// Only written (as `true`) when the step hit the load cap or the horizon.
    #[serde(skip_serializing_if = "is_false")]
    capped: bool,
    reason: &'a str,
    /// The system whose effect caused this one; left out for the failed system.
    #[serde(skip_serializing_if = "Option::is_none")]
    cause: Option<&'a str>,
}

#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_false(b: &bool) -> bool {
    !*b
}

/// Every number written is finite (the cascade caps its own), so none is ever `null`; a
/// non-finite value would be a bug, written as 0 (NaN) or the largest finite number of its sign.
#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's serialize_with passes a reference"
)]
fn finite<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    let v = if v.is_nan() {
        0.0
    } else {
        v.clamp(f64::MIN, f64::MAX)
    };
    s.serialize_f64(v)
}

impl<'a> From<&'a Finding> for FindingJson<'a> {
    fn from(f: &'a Finding) -> Self {
        FindingJson {
            id: &f.id,
            severity: f.severity.as_str(),
            systems: &f.systems,
            dependencies: &f.dependencies,
            sentence: &f.sentence,
            mitigation: &f.mitigation,
            accepted: f.accepted.as_deref(),
        }
    }
}

impl<'a> From<&'a SinglePoint> for SinglePointJson<'a> {
    fn from(p: &'a SinglePoint) -> Self {
        SinglePointJson {
            system: &p.system,
            dependants: p.dependants,
        }
    }
}

impl<'a> From<&'a SharedStore> for SharedStoreJson<'a> {
    fn from(s: &'a SharedStore) -> Self {
        SharedStoreJson {
            store: &s.store,
            accessors: &s.accessors,
        }
    }
}

impl<'a> From<&'a CascadeStep> for StepJson<'a> {
    fn from(s: &'a CascadeStep) -> Self {
        StepJson {
            system: &s.system,
            at_ms: s.at_ms,
            effect: s.effect.as_str(),
            load_multiplier: s.load_multiplier,
            capped: s.capped(),
            reason: &s.reason,
            cause: s.cause.as_deref(),
        }
    }
}

impl<'a> From<&'a Cascade> for CascadeJson<'a> {
    fn from(c: &'a Cascade) -> Self {
        CascadeJson {
            failed: &c.failed,
            mode: c.mode.as_str(),
            steps: c.steps.iter().map(StepJson::from).collect(),
            capped: c.capped(),
            load_multiplier_cap: LOAD_MULTIPLIER_CAP,
            horizon_ms: HORIZON_MS,
        }
    }
}

/// The stable JSON: `scenario` and `view` (when given), `cycles`, `single_points`,
/// `shared_stores`, `sovereignty`, `scale`, `temporal`, `findings` (every finding in display
/// order, or the `limit` highest-ranked), and `cascade` only when one was simulated. Ends with a
/// newline.
pub fn to_json(
    a: &Analysis,
    cascade: Option<&Cascade>,
    scenario: Option<&str>,
    view: Option<&str>,
    limit: Option<usize>,
) -> Result<String, serde_json::Error> {
    let findings = |kind| a.of_kind(kind).map(FindingJson::from).collect();
    let report = Report {
        scenario,
        view,
        cycles: &a.cycles,
        single_points: a.single_points.iter().map(SinglePointJson::from).collect(),
        shared_stores: a.shared_stores.iter().map(SharedStoreJson::from).collect(),
        sovereignty: findings(FindingKind::Sovereignty),
        scale: findings(FindingKind::Scale),
        temporal: findings(FindingKind::Temporal),
        findings: a
            .findings
            .iter()
            .take(limit.unwrap_or(usize::MAX))
            .map(RankedJson::from)
            .collect(),
        cascade: cascade.map(CascadeJson::from),
    };
    let mut out = Vec::new();
    report.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out,
        Layout::default(),
    ))?;
    out.push(b'\n');
    String::from_utf8(out).map_err(|e| serde_json::Error::io(io::Error::other(e)))
}

/// Whitespace only: an object whose parent is an expanded object (or the top one) has one entry
/// a line, and so does an array there; everything inside a list item stays on the item's line,
/// with `", "` and `": "`.
#[derive(Default)]
struct Layout {
    /// Open containers, innermost last.
    open: Vec<Open>,
}

struct Open {
    expanded: bool,
    object: bool,
    has_value: bool,
}

impl Layout {
    fn begin<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
        object: bool,
    ) -> io::Result<()> {
        let expanded = self
            .open
            .last()
            .is_none_or(|parent| parent.expanded && parent.object);
        self.open.push(Open {
            expanded,
            object,
            has_value: false,
        });
        w.write_all(bracket)
    }

    fn end<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        if let Some(open) = self.open.pop()
            && open.expanded
            && open.has_value
        {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    fn indent<W: ?Sized + io::Write>(&self, w: &mut W) -> io::Result<()> {
        for _ in 0..self.open.len() {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    /// Before a key or an array item.
    fn entry<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if let Some(open) = self.open.last_mut() {
            open.has_value = true;
        }
        if self.open.last().is_some_and(|o| o.expanded) {
            w.write_all(if first { b"\n" } else { b",\n" })?;
            self.indent(w)
        } else if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }
}

impl serde_json::ser::Formatter for Layout {
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"{", true)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"}")
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"[", false)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"]")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.entry(w, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.entry(w, first)
    }

    /// `4`, `2.5`, `1000000000` as Rust prints them; beyond exact integers (2^53) in exponent
    /// form, which every JSON reader parses back (a 309-digit integer would not).
    fn write_f64<W: ?Sized + io::Write>(&mut self, w: &mut W, value: f64) -> io::Result<()> {
        if value.abs() < 9_007_199_254_740_992.0 {
            write!(w, "{value}")
        } else {
            serde_json::ser::CompactFormatter.write_f64(w, value)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Effect, FailMode};

    fn step(system: &str, load_multiplier: f64) -> CascadeStep {
        CascadeStep {
            system: system.into(),
            at_ms: 1500,
            effect: Effect::Slow,
            load_multiplier,
            at_capped: false,
            load_capped: false,
            reason: "why".into(),
            cause: (system != "a").then(|| "a".into()),
        }
    }

    #[test]
    fn empty_analysis_layout() {
        let json = to_json(&Analysis::default(), None, None, None, None).unwrap();
        assert_eq!(
            json,
            "{\n  \"cycles\": [],\n  \"single_points\": [],\n  \"shared_stores\": [],\n  \
             \"sovereignty\": [],\n  \"scale\": [],\n  \"temporal\": [],\n  \"findings\": []\n}\n"
        );
    }

    /// A non-finite number would be a bug upstream; it is still written as a number.
    #[test]
    fn cascade_numbers_are_always_numbers() {
        let c = Cascade {
            failed: "a".into(),
            mode: FailMode::Slow,
            steps: vec![
                step("a", 4.0),
                step("b", f64::NAN),
                step("c", f64::INFINITY),
                step("d", 2.5),
            ],
        };
        let json = to_json(&Analysis::default(), Some(&c), Some("S"), None, None).unwrap();
        assert!(
            json.starts_with("{\n  \"scenario\": \"S\",\n  \"cycles\": []"),
            "{json}"
        );
        assert!(
            json.contains(
                "  \"cascade\": {\n    \"failed\": \"a\",\n    \"mode\": \"slow\",\n    \
                 \"steps\": [\n      {\"system\": \"a\", \"at_ms\": 1500, \"effect\": \"slow\", \
                 \"load_multiplier\": 4, \"reason\": \"why\"},\n"
            ),
            "{json}"
        );
        assert!(
            json.contains(
                "\"load_multiplier\": 2.5, \"reason\": \"why\", \"cause\": \"a\"}\n    ],\n"
            ),
            "{json}"
        );
        assert!(
            json.ends_with("    \"horizon_ms\": 604800000\n  }\n}\n"),
            "{json}"
        );
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let steps = v["cascade"]["steps"].as_array().unwrap();
        assert_eq!(steps[1]["load_multiplier"].as_f64(), Some(0.0));
        assert_eq!(steps[2]["load_multiplier"].as_f64(), Some(f64::MAX));
        assert_eq!(v["cascade"]["load_multiplier_cap"].as_f64(), Some(1e9));
        assert!(!json.contains("null"), "{json}");
    }
}
