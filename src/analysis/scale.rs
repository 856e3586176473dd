//! Scale mismatches: a system whose capacity is below what its callers can send it.

use super::text::{names, num};
use super::{Finding, FindingKind};
use crate::model::{AsyncRole, DependencyType, Load, LoadUnit, Workspace};

/// How much one request of the caller becomes on the callee: `(1 + retries) × calls_per_request`.
pub(crate) fn amplification(retries: u32, calls_per_request: u32) -> f64 {
    (1.0 + f64::from(retries)) * f64::from(calls_per_request)
}

pub(crate) fn scale(ws: &Workspace, out: &mut Vec<Finding>) {
    for target in ws.systems.values() {
        let Some(cap) = target.capacity else {
            continue;
        };
        if !(cap.value.is_finite()) || cap.value <= 0.0 {
            continue;
        }
        let mut total = 0.0;
        let mut same: Vec<String> = Vec::new();
        let mut same_deps: Vec<String> = Vec::new();
        for (id, d) in &ws.dependencies {
            if d.to != target.id || d.from == d.to {
                continue;
            }
            let carries_load = match d.kind {
                DependencyType::Sync | DependencyType::Data => true,
                DependencyType::Async => d.async_role() == Some(AsyncRole::Produces),
                _ => false,
            };
            let Some(caller) = ws.systems.get(&d.from) else {
                continue;
            };
            let Some(load) = caller.peak_load.or(caller.capacity) else {
                continue;
            };
            if !carries_load || !load.value.is_finite() || load.value < 0.0 {
                continue;
            }
            let amp = amplification(d.retries, d.calls_per_request);
            if load.unit == cap.unit {
                total += load.value * amp;
                same.push(caller.id.clone());
                same_deps.push(id.clone());
            } else {
                out.push(unit_warning(
                    ws,
                    id,
                    &caller.id,
                    load,
                    caller.capacity,
                    amp,
                    &target.id,
                    cap,
                ));
            }
        }
        let own_peak = target
            .peak_load
            .filter(|p| p.unit == cap.unit && p.value.is_finite());
        let name = &target.name;
        let unit = cap.unit.label();
        if total > cap.value {
            let mut f = new(format!("scale:{}", target.id));
            f.sentence = format!(
                "{} can send up to {} {unit} to {name} (peak load × retries × calls per \
                 request), which is rated for {} {unit}: {:.1}× its capacity.",
                names(ws, &same),
                num(total),
                num(cap.value),
                total / cap.value
            );
            f.systems = same.clone();
            f.systems.push(target.id.clone());
            f.dependencies = same_deps;
            f.mitigation = super::advice::overload(target.kind, name);
            f.origin = vec![target.id.clone()];
            out.push(f);
        } else if let Some(peak) = own_peak.filter(|p| p.value > cap.value) {
            let mut f = new(format!("scale:{}", target.id));
            f.sentence = format!(
                "{name} already sees {} {unit} at peak but is rated for {} {unit}: {:.1}× its \
                 capacity before any retry.",
                num(peak.value),
                num(cap.value),
                peak.value / cap.value
            );
            f.systems = vec![target.id.clone()];
            f.mitigation = super::advice::overload(target.kind, name);
            f.origin = vec![target.id.clone()];
            out.push(f);
        }
    }
}

fn new(id: String) -> Finding {
    super::findings::finding(FindingKind::Scale, id)
}

/// A caller whose load is in another unit than the callee's capacity: never compared silently.
#[allow(
    clippy::too_many_arguments,
    reason = "one sentence needs all these figures"
)]
fn unit_warning(
    ws: &Workspace,
    dep_id: &str,
    caller: &str,
    load: Load,
    caller_capacity: Option<Load>,
    amp: f64,
    target: &str,
    cap: Load,
) -> Finding {
    let up_to = caller_capacity
        .filter(|c| c.unit == load.unit && c.value > load.value)
        .unwrap_or(load);
    let mut pair = [caller, target];
    pair.sort_unstable();
    // Figures in different units are never compared: the warning ranks by reach like any other.
    let mut f = new(format!("scale-units:{}", pair.join(",")));
    let retries = if amp > 1.0 {
        format!(
            " (with retries and calls per request, up to {}× that)",
            num(amp)
        )
    } else {
        String::new()
    };
    f.sentence = format!(
        "{} can bring up to {} to {}, which degrades at {} {}{retries}; the units differ, \
         so confirm how many {} one of the caller's {} makes.",
        ws.system_name(caller),
        bring(up_to, cap.unit),
        ws.system_name(target),
        num(cap.value),
        cap.unit.label(),
        cap.unit.label(),
        load.unit.label(),
    );
    f.mitigation = format!(
        "Measure {} per {} and compare; cache the answer, queue the work or add capacity to {} \
         before the peak.",
        cap.unit.label(),
        load.unit.label(),
        ws.system_name(target)
    );
    f.systems = vec![caller.to_owned(), target.to_owned()];
    f.origin = vec![target.to_owned()];
    f.dependencies = vec![dep_id.to_owned()];
    f
}

/// "10,000 concurrent users' queries", "400 requests/s of traffic".
fn bring(load: Load, target_unit: LoadUnit) -> String {
    let noun = match target_unit {
        LoadUnit::Queries => "queries",
        LoadUnit::RequestsPerSec => "requests",
        LoadUnit::ConcurrentUsers => "sessions",
    };
    match load.unit {
        LoadUnit::ConcurrentUsers => format!("{} concurrent users' {noun}", num(load.value)),
        u => format!("{} {} of traffic", num(load.value), u.label()),
    }
}
