//! Small closed vocabularies of the workshop (system kinds, dependency types, statuses …).
//!
//! Each is written in files and CSV as its kebab-case word (`"batch-job"`), parsed back with a
//! message that lists the accepted words, and knows its label for the UI.

use std::fmt;

/// Error for a word that is not one of an enum's accepted words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} \"{found}\"; expected one of: {expected}")]
pub struct UnknownWord {
    pub what: &'static str,
    pub found: String,
    pub expected: String,
}

macro_rules! word_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal $(, default = $def:ident)? {
            $( $(#[$vmeta:meta])* $variant:ident = $word:literal, $label:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word used in files and CSV.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// The words a user may write, joined for error messages.
            pub fn expected() -> String {
                [$($word),+].join(", ")
            }

            /// Human label for the UI.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        $(
            impl Default for $name {
                fn default() -> Self {
                    $name::$def
                }
            }
        )?

        impl std::str::FromStr for $name {
            type Err = UnknownWord;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.trim() {
                    $($word => Ok($name::$variant),)+
                    other => Err(UnknownWord {
                        what: $what,
                        found: other.to_owned(),
                        expected: Self::expected(),
                    }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

word_enum! {
    /// What a system is; decides its shape on the canvas.
    SystemKind, "system kind", default = Service {
        Service = "service", "Service",
        Database = "database", "Database",
        Cache = "cache", "Cache",
        Queue = "queue", "Queue",
        Ui = "ui", "User interface",
        Gateway = "gateway", "Gateway",
        External = "external", "External system",
        Config = "config", "Configuration",
        BatchJob = "batch-job", "Batch job",
        Team = "team", "Team",
        Other = "other", "Other",
        /// Collectors, tracing, metrics and logging: fed fire-and-forget, so the dependencies on
        /// it do not block by default.
        Observability = "observability", "Observability",
    }
}

word_enum! {
    /// How much the business suffers when an element fails.
    Criticality, "criticality", default = Medium {
        Low = "low", "Low",
        Medium = "medium", "Medium",
        High = "high", "High",
        Critical = "critical", "Critical",
    }
}

word_enum! {
    /// The kind of a dependency. Direction always reads "from needs to".
    DependencyType, "dependency type", default = Sync {
        Sync = "sync", "Sync call",
        Async = "async", "Async message",
        Data = "data", "Data access",
        Batch = "batch", "Batch transfer",
        BusinessProcess = "business-process", "Business process",
        HumanWorkflow = "human-workflow", "Human workflow",
        Timing = "timing", "Timing constraint",
        StartupOrder = "startup-order", "Startup order",
    }
}

word_enum! {
    /// How the map is laid out: by forces, or in rows with callers above callees.
    LayoutStyle, "layout style", default = Force {
        Force = "force", "Force",
        Layered = "layered", "Layered",
    }
}

word_enum! {
    /// For `async` dependencies: which side of the broker the `from` system is on.
    AsyncRole, "async role" {
        Produces = "produces", "Produces",
        Consumes = "consumes", "Consumes",
    }
}

word_enum! {
    /// Unit of a capacity or load figure. Figures in different units are never compared.
    LoadUnit, "load unit" {
        ConcurrentUsers = "concurrent-users", "concurrent users",
        RequestsPerSec = "requests-per-sec", "requests/s",
        Queries = "queries", "simultaneous queries",
    }
}

word_enum! {
    /// What a time window does to its system or dependency.
    WindowEffect, "window effect" {
        Locks = "locks", "Locks records",
        Degraded = "degraded", "Degraded",
        Offline = "offline", "Offline",
        Peak = "peak", "Peak hours",
    }
}

word_enum! {
    /// How a system holds a data entity.
    EntityRole, "entity role" {
        SourceOfTruth = "source-of-truth", "Source of truth",
        Replica = "replica", "Replica",
        Cache = "cache", "Cache",
    }
}

word_enum! {
    /// Kind of an integration debt item.
    DebtKind, "debt kind", default = Other {
        Shortcut = "shortcut", "Shortcut",
        Workaround = "workaround", "Workaround",
        DeferredDecision = "deferred-decision", "Deferred decision",
        ManualStep = "manual-step", "Manual step",
        MissingMonitoring = "missing-monitoring", "Missing monitoring",
        Other = "other", "Other",
    }
}

word_enum! {
    /// Life cycle of an integration debt item.
    DebtStatus, "debt status", default = Open {
        Open = "open", "Open",
        Accepted = "accepted", "Accepted",
        Mitigating = "mitigating", "Mitigating",
        Resolved = "resolved", "Resolved",
    }
}

word_enum! {
    /// How the trigger of a failure mode fails.
    FailureHow, "failure" {
        Down = "down", "Down",
        Slow = "slow", "Slow",
        Errors = "errors", "Returns errors",
        StaleData = "stale-data", "Serves stale data",
        Overload = "overload", "Overloaded",
    }
}

word_enum! {
    /// Life cycle of a failure mode.
    FailureStatus, "failure-mode status", default = Draft {
        Draft = "draft", "Draft",
        Reviewed = "reviewed", "Reviewed",
        Rehearsed = "rehearsed", "Rehearsed",
        Retired = "retired", "Retired",
    }
}

word_enum! {
    /// Day of the week, for time windows.
    Weekday, "weekday" {
        Mon = "mon", "Monday",
        Tue = "tue", "Tuesday",
        Wed = "wed", "Wednesday",
        Thu = "thu", "Thursday",
        Fri = "fri", "Friday",
        Sat = "sat", "Saturday",
        Sun = "sun", "Sunday",
    }
}

word_enum! {
    /// Which way a focus neighbourhood follows dependencies.
    FocusDirection, "focus direction" {
        Needs = "needs", "What it needs",
        NeededBy = "needed-by", "What needs it",
        Both = "both", "Both",
    }
}

word_enum! {
    /// What a filter does with what it filters out.
    FilterMode, "filter mode", default = Dim {
        Dim = "dim", "Dim",
        Hide = "hide", "Hide",
    }
}

word_enum! {
    /// Where one stage of a canary rollout stands.
    StageStatus, "stage status", default = Planned {
        Planned = "planned", "Planned",
        Running = "running", "Running",
        Done = "done", "Done",
        RolledBack = "rolled-back", "Rolled back",
    }
}

word_enum! {
    /// What a rollout watches to decide whether a stage holds: the error rate in percent, the
    /// 99th-percentile latency in milliseconds, or the callee's load in percent of its capacity.
    SignalKind, "rollout signal" {
        ErrorRate = "error-rate", "Error rate (%)",
        P99LatencyMs = "p99-latency-ms", "p99 latency (ms)",
        CalleeLoadPercent = "callee-load-percent", "Callee load (% of capacity)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for k in SystemKind::ALL {
            assert_eq!(k.as_str().parse::<SystemKind>().unwrap(), *k);
        }
        for t in DependencyType::ALL {
            assert_eq!(t.as_str().parse::<DependencyType>().unwrap(), *t);
        }
    }

    #[test]
    fn unknown_word_lists_expected() {
        let err = "lambda".parse::<SystemKind>().unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("unknown system kind \"lambda\""), "{msg}");
        assert!(msg.contains("batch-job"), "{msg}");
    }
}
