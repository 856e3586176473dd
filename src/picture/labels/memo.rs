//! The labels placed last, reused while nothing they depend on changes.

use super::{LabelPlan, LabelRequest, place_labels};
use crate::picture::geometry::{Occupancy, Rect};
use crate::theme::Theme;

/// The labels placed last and what they were placed for, so that a frame asking for the same (a
/// still map, only the pointer moving) reuses them rather than placing them again: placing them
/// again with the systems left without a name first costs up to [`super::again::RETRIES`] more placements.
#[derive(Debug, Clone, Default)]
pub struct LabelMemo {
    last: Option<(u64, Vec<LabelPlan>, Occupancy)>,
}

impl LabelMemo {
    /// [`place_labels`] on an occupancy of cells `cell` wide holding nothing yet; returns the
    /// plans and what they take.
    pub fn place(
        &mut self,
        requests: &[LabelRequest<'_>],
        zoom: f32,
        theme: &Theme,
        cell: f32,
        within: Option<Rect>,
    ) -> (Vec<LabelPlan>, Occupancy) {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        let floats = |h: &mut std::collections::hash_map::DefaultHasher, fs: &[f32]| {
            for f in fs {
                f.to_bits().hash(h);
            }
        };
        floats(
            &mut h,
            &[
                zoom,
                cell,
                theme.label_px,
                theme.min_label_px,
                theme.small_px,
            ],
        );
        (within.is_some(), requests.len()).hash(&mut h);
        if let Some(w) = within {
            floats(&mut h, &[w.min[0], w.min[1], w.max[0], w.max[1]]);
        }
        for r in requests {
            (
                r.id,
                r.name,
                r.owner,
                r.kind,
                r.importance,
                r.selected,
                r.key,
            )
                .hash(&mut h);
            floats(
                &mut h,
                &[r.rect.min[0], r.rect.min[1], r.rect.max[0], r.rect.max[1]],
            );
        }
        let key = h.finish();
        match &self.last {
            Some((k, plans, occupied)) if *k == key => (plans.clone(), occupied.clone()),
            _ => {
                let mut occupied = Occupancy::new(cell);
                let plans = place_labels(requests, zoom, theme, &mut occupied, within);
                self.last = Some((key, plans.clone(), occupied.clone()));
                (plans, occupied)
            }
        }
    }
}
