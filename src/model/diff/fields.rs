//! Field tables: every field of every item kind, compared and merged one by one.
//!
//! Each table destructures its struct without `..`, so a field added to the model is a compile
//! error here until it is listed, and a diff or merge can never silently skip it.

use super::FieldChange;
use crate::model::{
    AcceptedFinding, Camera, CanvasPos, DataEntity, Date, DebtItem, Dependency, FailureMode,
    Filters, Load, ParkingLotItem, Phase, Rehearsal, ResponseStep, ReviewChecklist, Scenario,
    System, TimeWindow, Trigger, View, Workspace,
};
use crate::model::{Decision, Focus};

/// A field value as a person reads it in a diff line.
pub trait FieldText {
    fn text(&self) -> String;
}

impl FieldText for String {
    fn text(&self) -> String {
        format!("'{self}'")
    }
}

macro_rules! display_text {
    ($($ty:ty),* $(,)?) => {
        $(impl FieldText for $ty {
            fn text(&self) -> String {
                self.to_string()
            }
        })*
    };
}

display_text!(
    bool,
    u8,
    u32,
    f64,
    Date,
    Load,
    crate::model::SystemKind,
    crate::model::Criticality,
    crate::model::DependencyType,
    crate::model::AsyncRole,
    crate::model::LayoutStyle,
    crate::model::DebtKind,
    crate::model::DebtStatus,
    crate::model::FailureStatus,
);

impl<T: FieldText> FieldText for Option<T> {
    fn text(&self) -> String {
        self.as_ref()
            .map_or_else(|| "none".to_owned(), FieldText::text)
    }
}

impl<T: FieldText> FieldText for Vec<T> {
    fn text(&self) -> String {
        let parts: Vec<String> = self.iter().map(FieldText::text).collect();
        format!("[{}]", parts.join(", "))
    }
}

impl FieldText for crate::model::Backdrop {
    fn text(&self) -> String {
        // No `..`: a field added to the backdrop must show here.
        let crate::model::Backdrop {
            path,
            offset,
            scale,
            quarter_turns,
            opacity,
            locked,
            presenting,
        } = self;
        format!(
            "{} at {} ×{scale} turned {}° opacity {opacity}{}{}",
            path.text(),
            offset.text(),
            u32::from(*quarter_turns) * 90,
            if *locked { " locked" } else { "" },
            if *presenting {
                " shown when presenting"
            } else {
                ""
            }
        )
    }
}

impl FieldText for CanvasPos {
    fn text(&self) -> String {
        format!("({:.0}, {:.0})", self.x, self.y)
    }
}

impl FieldText for TimeWindow {
    fn text(&self) -> String {
        let tz = self
            .timezone
            .as_deref()
            .map_or_else(String::new, |t| format!(" {t}"));
        format!(
            "'{}' {} {}{tz} {}",
            self.label,
            self.days,
            self.span_text(),
            self.effect
        )
    }
}

impl FieldText for DataEntity {
    fn text(&self) -> String {
        format!("{} ({})", self.entity, self.role)
    }
}

impl FieldText for ReviewChecklist {
    fn text(&self) -> String {
        let ticked: Vec<&str> = [
            (self.business_process, "business process"),
            (self.data_flow, "data flow"),
            (self.timing, "timing"),
            (self.human_workflow, "human workflow"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        format!("[{}]", ticked.join(", "))
    }
}

impl FieldText for Trigger {
    fn text(&self) -> String {
        format!("{} {}", self.element, self.how)
    }
}

impl FieldText for ResponseStep {
    fn text(&self) -> String {
        format!("{}: '{}' {} min", self.actor, self.action, self.minutes)
    }
}

impl FieldText for Rehearsal {
    fn text(&self) -> String {
        format!("{} {} '{}'", self.date, self.duration_text(), self.notes)
    }
}

impl FieldText for Camera {
    fn text(&self) -> String {
        format!("{} ×{:.2}", self.center.text(), self.zoom)
    }
}

impl FieldText for Focus {
    fn text(&self) -> String {
        format!("{} {} hops {}", self.system, self.hops, self.direction)
    }
}

impl FieldText for Filters {
    fn text(&self) -> String {
        let words = |v: &[String]| v.join(",");
        let hidden: Vec<String> = self.hidden_types.iter().map(ToString::to_string).collect();
        let kinds: Vec<String> = self.kinds.iter().map(ToString::to_string).collect();
        format!(
            "hidden types [{}], kinds [{}], owners [{}], tags [{}], groups [{}], focus {}, {}",
            words(&hidden),
            words(&kinds),
            words(&self.owners),
            words(&self.tags),
            words(&self.groups),
            self.focus.text(),
            self.mode
        )
    }
}

impl FieldText for System {
    fn text(&self) -> String {
        format!("{} '{}'", self.id, self.name)
    }
}

impl FieldText for Dependency {
    fn text(&self) -> String {
        self.id()
    }
}

/// Two different values of a field as text. Should the readable texts come out alike (a nested
/// part the text leaves out), the full values are shown instead, so a change is never blank.
pub(super) fn field_change<T: FieldText + std::fmt::Debug>(
    field: &'static str,
    old: &T,
    new: &T,
) -> FieldChange {
    let (o, n) = (old.text(), new.text());
    if o == n {
        FieldChange {
            field,
            old: format!("{old:?}"),
            new: format!("{new:?}"),
        }
    } else {
        FieldChange {
            field,
            old: o,
            new: n,
        }
    }
}

/// How one field of a three-way merge comes out.
pub(super) enum Pick {
    Ours,
    Theirs,
    Conflict,
}

pub(super) fn pick<T: PartialEq>(base: &T, ours: &T, theirs: &T) -> Pick {
    if ours == theirs || base == theirs {
        Pick::Ours
    } else if base == ours {
        Pick::Theirs
    } else {
        Pick::Conflict
    }
}

/// An item kind compared and merged field by field.
pub trait Fields: Clone + PartialEq {
    /// The fields that differ: old value from `a`, new from `b`.
    fn changes(a: &Self, b: &Self) -> Vec<FieldChange>;
    /// Ours with theirs's changes since `base`; fields both changed differently keep ours and
    /// come back as conflicts (old = ours, new = theirs).
    fn merge3(base: &Self, ours: &Self, theirs: &Self) -> (Self, Vec<FieldChange>);
    /// What a person calls the item (names, not ids).
    fn name(&self, ws: &Workspace) -> String;
}

macro_rules! fields {
    ($ty:ident { $($f:ident),* $(,)? }, |$it:ident, $ws:ident| $name:expr) => {
        impl Fields for $ty {
            fn changes(a: &Self, b: &Self) -> Vec<FieldChange> {
                // No `..`: a field added to the model must be listed here.
                let $ty { $($f),* } = a;
                let mut out = Vec::new();
                $(
                    if *$f != b.$f {
                        out.push(field_change(stringify!($f), $f, &b.$f));
                    }
                )*
                out
            }

            fn merge3(base: &Self, ours: &Self, theirs: &Self) -> (Self, Vec<FieldChange>) {
                let mut out = ours.clone();
                let mut conflicts = Vec::new();
                $(
                    match pick(&base.$f, &ours.$f, &theirs.$f) {
                        Pick::Ours => {}
                        Pick::Theirs => out.$f = theirs.$f.clone(),
                        Pick::Conflict => {
                            conflicts.push(field_change(stringify!($f), &ours.$f, &theirs.$f));
                        }
                    }
                )*
                (out, conflicts)
            }

            fn name(&self, $ws: &Workspace) -> String {
                let $it = self;
                let _ = $ws;
                $name
            }
        }
    };
}

fields!(
    System {
        id,
        name,
        kind,
        owner,
        tech,
        description,
        tags,
        criticality,
        capacity,
        peak_load,
        latency_ms,
        group,
        windows,
        entities,
        pos,
        pinned,
        review,
        notes,
    },
    |s, ws| s.name.clone()
);

fields!(
    Dependency {
        from,
        to,
        kind,
        label,
        protocol,
        criticality,
        timeout_ms,
        retries,
        calls_per_request,
        circuit_breaker,
        blocking,
        fallback,
        role,
        windows,
        entities,
        rollout,
        watch,
        cost,
        notes,
    },
    |d, ws| format!(
        "{} → {} ({})",
        ws.system_name(&d.from),
        ws.system_name(&d.to),
        d.kind
    )
);

fields!(
    DebtItem {
        id,
        title,
        description,
        links,
        kind,
        impact,
        owner,
        status,
        created,
        review,
        notes,
    },
    |d, ws| d.title.clone()
);

fields!(
    FailureMode {
        id,
        title,
        trigger,
        detection,
        steps,
        degraded_mode,
        rollback,
        severity,
        occurrence,
        detection_rating,
        rehearsals,
        status,
    },
    |f, ws| f.title.clone()
);

fields!(
    View {
        id,
        name,
        filters,
        camera,
        highlighted
    },
    |v, ws| v.name.clone()
);

fields!(
    Scenario {
        id,
        name,
        description,
        added_systems,
        added_dependencies,
        removed
    },
    |s, ws| s.name.clone()
);

fields!(
    Phase {
        id,
        name,
        scenario,
        target_date,
        owner,
        notes
    },
    |p, ws| p.name.clone()
);

fields!(
    ParkingLotItem {
        id,
        question,
        raised_by,
        links,
        created,
        answered,
        answer
    },
    |p, ws| p.question.clone()
);

fields!(
    Decision {
        id,
        date,
        decision,
        decided_by,
        trade_off,
        links
    },
    |d, ws| format!("{} ({})", d.decision, d.date)
);

fields!(
    AcceptedFinding {
        finding,
        reason,
        decision
    },
    |a, ws| a.finding.clone()
);
