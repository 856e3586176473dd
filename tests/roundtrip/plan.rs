//! The plan's fields for the generated workspaces of the round-trip property.

use depdig::model::Workspace;

use super::{Seed, nonempty};

/// The plan's fields from the seed: a rollout, production checks and cost on the first
/// dependency, checks on the scenario's added one, and a roadmap phase applying the scenario.
pub(super) fn plan(ws: &mut Workspace, seed: &Seed) {
    use depdig::model::{
        Cost, Phase, ProductionChecks, Rollout, Signal, SignalKind, Stage, StageStatus,
    };
    let t = |i: usize| seed.texts[i % seed.texts.len()].clone();
    let gate: Vec<String> = ws.failure_modes.keys().take(1).cloned().collect();
    if let Some(d) = ws.dependencies.values_mut().next() {
        let day = f64::from(seed.dates[0].day);
        let stages = [
            StageStatus::Done,
            StageStatus::Running,
            StageStatus::Planned,
        ]
        .into_iter()
        .enumerate()
        .map(|(i, status)| Stage {
            share_percent: (day * (i as f64 + 1.0)).min(100.0),
            min_hours: u32::from(seed.dates[1].month) * 12,
            status,
            date: seed.flags[5].then_some(seed.dates[2]),
        })
        .collect();
        d.rollout = Some(Rollout {
            stages,
            signals: vec![Signal {
                what: SignalKind::ALL[usize::from(seed.dates[3].day) % SignalKind::ALL.len()],
                threshold: day / 4.0,
            }],
            rollback_trigger: t(5),
            rollback_action: t(6),
            gate,
        });
        d.watch = Some(ProductionChecks {
            monitored: seed.flags[6],
            monitored_by: t(7),
            synthetic: t(8),
            shadow: seed.flags[7],
        });
        d.cost = Some(Cost {
            hours_per_month: f64::from(seed.dates[4].day) / 2.0,
            teams: seed.flags[5].then_some(2),
        });
    }
    if let Some(s) = ws.scenarios.get_mut("target") {
        s.added_dependencies[0].watch = Some(ProductionChecks {
            monitored: true,
            ..ProductionChecks::default()
        });
        let mut phase = Phase::new("phase-1", nonempty(&t(9), "Phase"), "target");
        phase.target_date = Some(seed.dates[5]);
        phase.owner = t(10);
        phase.notes = t(11);
        ws.roadmap.push(phase);
    }
}
