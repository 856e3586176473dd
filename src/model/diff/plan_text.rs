//! How the plan's values read in a diff line: roadmap phases, rollouts, production checks and
//! cost. Each destructures its struct without `..`, so a field added there must show here.

use super::fields::FieldText;
use crate::model::{
    Cost, Phase, ProductionChecks, Rollout, Signal, SignalKind, Stage, StageStatus,
};

impl FieldText for StageStatus {
    fn text(&self) -> String {
        self.to_string()
    }
}

impl FieldText for SignalKind {
    fn text(&self) -> String {
        self.to_string()
    }
}

impl FieldText for Stage {
    fn text(&self) -> String {
        let Stage {
            share_percent,
            min_hours: _,
            status,
            date,
        } = self;
        let date = date.map_or_else(String::new, |d| format!(" {d}"));
        format!(
            "{share_percent}% for {} {status}{date}",
            self.duration_text()
        )
    }
}

impl FieldText for Signal {
    fn text(&self) -> String {
        let Signal { what, threshold } = self;
        format!("{what} {threshold}")
    }
}

impl FieldText for Rollout {
    fn text(&self) -> String {
        let Rollout {
            stages,
            signals,
            rollback_trigger,
            rollback_action,
            gate,
        } = self;
        format!(
            "stages {}, signals {}, roll back when {}: {}, gate [{}]",
            stages.text(),
            signals.text(),
            rollback_trigger.text(),
            rollback_action.text(),
            gate.join(", ")
        )
    }
}

impl FieldText for ProductionChecks {
    fn text(&self) -> String {
        let ProductionChecks {
            monitored,
            monitored_by,
            synthetic,
            shadow,
        } = self;
        let mut parts = vec![if *monitored {
            format!("monitored by {}", monitored_by.text())
        } else {
            "not monitored".to_owned()
        }];
        if !synthetic.is_empty() {
            parts.push(format!("synthetic {}", synthetic.text()));
        }
        if *shadow {
            parts.push("shadow-tested".to_owned());
        }
        parts.join(", ")
    }
}

impl FieldText for Cost {
    fn text(&self) -> String {
        let Cost {
            hours_per_month,
            teams,
        } = self;
        match teams {
            Some(t) => format!("{hours_per_month} h/month, {t} teams"),
            None => format!("{hours_per_month} h/month, teams from the owners"),
        }
    }
}

impl FieldText for Phase {
    fn text(&self) -> String {
        let Phase {
            id,
            name,
            scenario,
            target_date,
            owner,
            notes: _,
        } = self;
        let date = target_date.map_or_else(String::new, |d| format!(" by {d}"));
        let owner = if owner.is_empty() {
            String::new()
        } else {
            format!(" ({owner})")
        };
        format!("{id} '{name}' applies {scenario}{date}{owner}")
    }
}
