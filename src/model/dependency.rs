//! Dependencies: directed, typed arrows. `from → to` always reads "from needs to".

use super::enums::{AsyncRole, Criticality, DependencyType, SystemKind};
use super::plan::{Cost, ProductionChecks, Rollout};
use super::time::TimeWindow;

/// A dependency of `from` on `to`. Its id is `FROM->TO:TYPE`, so it is stable across re-imports;
/// several dependencies between the same pair are allowed when their types differ.
#[derive(Debug, Clone, PartialEq)]
pub struct Dependency {
    pub from: String,
    pub to: String,
    pub kind: DependencyType,
    pub label: String,
    pub protocol: String,
    pub criticality: Criticality,
    pub timeout_ms: Option<u32>,
    pub retries: u32,
    pub calls_per_request: u32,
    pub circuit_breaker: bool,
    /// Whether a failure of `to` reaches `from`: `Some(false)` for fire-and-forget, telemetry and
    /// best-effort calls. `None` takes the default of the target's kind (see
    /// [`Dependency::blocks`]).
    pub blocking: Option<bool>,
    /// `from` has a fallback (or treats `to` as optional): a failure of `to` degrades `from`
    /// instead of failing it.
    pub fallback: bool,
    /// Only for `async`: whether `from` produces to or consumes from the broker `to`.
    pub role: Option<AsyncRole>,
    /// Used by `batch` and `timing` dependencies.
    pub windows: Vec<TimeWindow>,
    /// Data entities carried (customer, stock level …).
    pub entities: Vec<String>,
    /// Its canary rollout, when it goes live gradually.
    pub rollout: Option<Rollout>,
    /// How it is watched in production.
    pub watch: Option<ProductionChecks>,
    /// What it costs to keep.
    pub cost: Option<Cost>,
    pub notes: String,
}

/// The id of the dependency of `from` on `to` of type `kind`.
pub fn dependency_id(from: &str, to: &str, kind: DependencyType) -> String {
    format!("{from}->{to}:{kind}")
}

/// Splits a dependency id into `(from, to, type)`, or `None` if it is not one.
pub fn parse_dependency_id(id: &str) -> Option<(&str, &str, DependencyType)> {
    let (from, rest) = id.split_once("->")?;
    let (to, kind) = rest.rsplit_once(':')?;
    Some((from, to, kind.parse().ok()?))
}

impl Dependency {
    /// What its line is labelled with: its label and protocol, "·" between, either may be
    /// left out (empty when both are blank).
    pub fn caption(&self) -> String {
        [self.label.trim(), self.protocol.trim()]
            .iter()
            .filter(|t| !t.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ")
    }

    pub fn new(from: impl Into<String>, to: impl Into<String>, kind: DependencyType) -> Self {
        Dependency {
            from: from.into(),
            to: to.into(),
            kind,
            label: String::new(),
            protocol: String::new(),
            criticality: Criticality::default(),
            timeout_ms: None,
            retries: 0,
            calls_per_request: 1,
            circuit_breaker: false,
            blocking: None,
            fallback: false,
            role: if kind == DependencyType::Async {
                Some(AsyncRole::Produces)
            } else {
                None
            },
            windows: Vec::new(),
            entities: Vec::new(),
            rollout: None,
            watch: None,
            cost: None,
            notes: String::new(),
        }
    }

    pub fn id(&self) -> String {
        dependency_id(&self.from, &self.to, self.kind)
    }

    /// Whether a failure of the target (of kind `target`) can reach `from`: the dependency's own
    /// `blocking`, else blocking unless the target is an observability system (collectors,
    /// tracing, metrics and logging are fed fire-and-forget).
    pub fn blocks(&self, target: SystemKind) -> bool {
        self.blocking
            .unwrap_or_else(|| Self::blocks_by_default(target))
    }

    /// Whether a dependency on a system of kind `target` blocks when it does not say.
    pub fn blocks_by_default(target: SystemKind) -> bool {
        target != SystemKind::Observability
    }

    /// [`Dependency::blocks`] with the target looked up in `ws` (an unknown target blocks).
    pub fn blocks_in(&self, ws: &super::Workspace) -> bool {
        self.blocks(
            ws.systems
                .get(&self.to)
                .map_or(SystemKind::Service, |s| s.kind),
        )
    }

    /// The async role, defaulting to `produces` for async dependencies without one.
    pub fn async_role(&self) -> Option<AsyncRole> {
        (self.kind == DependencyType::Async).then(|| self.role.unwrap_or(AsyncRole::Produces))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_round_trips() {
        let d = Dependency::new("shop", "catalog", DependencyType::BusinessProcess);
        assert_eq!(d.id(), "shop->catalog:business-process");
        assert_eq!(
            parse_dependency_id(&d.id()),
            Some(("shop", "catalog", DependencyType::BusinessProcess))
        );
        assert_eq!(parse_dependency_id("shop"), None);
        assert_eq!(parse_dependency_id("a->b:nope"), None);
    }
}
