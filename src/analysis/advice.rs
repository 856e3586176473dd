//! Mitigations that fit what a system is: people and teams get a deputy and a runbook, external
//! systems a contract and a fallback, stores replication, queues consumer scaling and dead
//! letters, services redundancy, timeouts and breakers. A load balancer in front of a person is
//! advice nobody can follow.

use crate::model::SystemKind;

/// What to do about `name` stopping with others depending on it.
pub(crate) fn outage(kind: SystemKind, name: &str) -> String {
    match kind {
        SystemKind::Team => format!(
            "Give {name} a deputy who has done the work before and a written runbook for it, \
             so it goes on when they are away, ill or busy; let the work wait in a queue rather \
             than on a person."
        ),
        SystemKind::External => format!(
            "Agree a contract with the provider of {name} (availability, support hours, notice of \
             changes) and give its callers a fallback: a cached answer, a queue that replays \
             later, or a second provider; put timeouts and circuit breakers on the calls."
        ),
        SystemKind::Database => format!(
            "Replicate {name}: a standby that takes over on its own (and a rehearsed failover), \
             read replicas for those who only read, and backups restored at least once; give its \
             callers timeouts."
        ),
        SystemKind::Cache => format!(
            "Run {name} as a cluster with replicas, and let its callers fall back to the source \
             (slower, but answering) when it is cold or gone; warm it before traffic returns."
        ),
        SystemKind::Queue => format!(
            "Run {name} as a cluster with replicated, persistent queues; scale its consumers with \
             the backlog and give them a dead-letter queue, so one bad message does not stop the \
             rest."
        ),
        SystemKind::Config => format!(
            "Let every caller keep the last good configuration from {name} and start with it \
             when {name} is away; replicate it and roll out changes gradually."
        ),
        SystemKind::BatchJob => format!(
            "Make {name} restartable from where it stopped (idempotent steps, checkpoints), \
             alert when it has not finished on time, and let its readers work on the previous run."
        ),
        SystemKind::Observability => format!(
            "Make sending to {name} fire-and-forget (a local buffer or agent that drops when \
             full, asynchronous export) so nothing waits for it; mark those dependencies \
             non-blocking, and watch {name} itself from outside."
        ),
        // Services, gateways, user interfaces and anything else that runs as software.
        _ => format!(
            "Give {name} redundancy (a second instance behind a load balancer), put a cache or a \
             queue in front of it, and give its callers timeouts and circuit breakers with a \
             degraded mode."
        ),
    }
}

/// What to do about `name` getting more load than it can take.
pub(crate) fn overload(kind: SystemKind, name: &str) -> String {
    match kind {
        SystemKind::Team => format!(
            "Give {name} a deputy and a runbook, and let requests wait in a queue with an agreed \
             turnaround instead of piling up; automate the most frequent request."
        ),
        SystemKind::External => format!(
            "Agree the rate {name} accepts in its contract, cache its answers and queue the work \
             beyond that rate; give callers a retry budget with backoff and a fallback."
        ),
        SystemKind::Database | SystemKind::Cache => format!(
            "Give {name} read replicas for the readers and a cache in front of the hottest \
             queries; give callers a retry budget with backoff and a circuit breaker."
        ),
        SystemKind::Queue => format!(
            "Scale the consumers of {name} with the backlog, bound the queue and send what \
             fails to a dead-letter queue; slow the producers down at the peak."
        ),
        SystemKind::Observability => format!(
            "Sample or batch what is sent to {name}, let senders drop telemetry rather than \
             wait when it is full, and scale {name}'s ingest for the peak."
        ),
        _ => format!(
            "Add capacity to {name} or put a cache or a queue in front of it; give callers a \
             retry budget with backoff and a circuit breaker; roll out new callers as a canary."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind gets advice of its own vocabulary, and nobody is told to put a person behind
    /// a load balancer.
    #[test]
    fn advice_fits_the_kind() {
        let person = outage(SystemKind::Team, "Personal Banking Customer");
        assert!(
            person.contains("deputy") && person.contains("runbook"),
            "{person}"
        );
        for text in [&person, &overload(SystemKind::Team, "Ops desk")] {
            assert!(
                !text.contains("load balancer") && !text.contains("instance"),
                "{text}"
            );
        }
        let ext = outage(SystemKind::External, "Card network");
        assert!(
            ext.contains("contract") && ext.contains("fallback"),
            "{ext}"
        );
        let db = outage(SystemKind::Database, "Orders DB");
        assert!(
            db.contains("Replicate") && db.contains("read replicas"),
            "{db}"
        );
        assert!(outage(SystemKind::Cache, "Redis").contains("replicas"));
        let collector = outage(SystemKind::Observability, "OTel collector");
        assert!(collector.contains("fire-and-forget") && !collector.contains("load balancer"));
        assert!(overload(SystemKind::Observability, "Jaeger").contains("drop telemetry"));
        let queue = outage(SystemKind::Queue, "Orders queue");
        assert!(
            queue.contains("consumers") && queue.contains("dead-letter"),
            "{queue}"
        );
        let svc = outage(SystemKind::Service, "Checkout");
        assert!(
            svc.contains("redundancy")
                && svc.contains("timeouts")
                && svc.contains("circuit breakers"),
            "{svc}"
        );
        assert!(overload(SystemKind::External, "Card network").contains("contract"));
        assert!(overload(SystemKind::Queue, "Orders queue").contains("dead-letter"));
        assert!(overload(SystemKind::Database, "Orders DB").contains("read replicas"));
        // Each kind's advice names the system.
        for kind in SystemKind::ALL {
            assert!(outage(*kind, "Zeta").contains("Zeta"), "{kind:?}");
            assert!(overload(*kind, "Zeta").contains("Zeta"), "{kind:?}");
        }
    }
}
