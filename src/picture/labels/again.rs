//! Placing the labels again where the first placement left systems without a name that tells
//! them apart: the whole placement with those systems first, then, for each still left without
//! one, the labels nearest it placed again after it.

use std::cell::Cell;

use super::{LINE, LabelPlan, LabelRequest, MIN_NODE_PX, NameSet, beside, label_width};
use crate::picture::geometry::{Occupancy, Rect};

/// How many labels near a system still left without a name are each tried placed again after
/// it (nearest first), keeping the first try that names both.
pub const MOVED_AT_MOST: usize = 3;
/// How many times [`super::place_labels`] places the labels again with the systems left
/// without a name first.
pub const RETRIES: usize = 3;
/// Placing again is tried only for at most this many systems without a name: a map of hundreds
/// at fit with most boxes too small for any name would only spend the time.
pub const RETRIED_AT_MOST: usize = 16;

/// A placement of the labels in the order given, on the occupancy given, spending the budget
/// on spots farther off: the plans and what each took.
pub type Place<'p> =
    dyn Fn(&[usize], &mut Occupancy, &Cell<usize>) -> (Vec<LabelPlan>, Vec<Vec<Rect>>) + 'p;

/// The plans being improved and what each took in the occupancy.
type Placed<'b> = (&'b mut Vec<LabelPlan>, &'b mut Vec<Vec<Rect>>);

/// What the names shown tell about the systems they are placed for.
pub struct Naming<'a, 'r> {
    pub requests: &'a [LabelRequest<'r>],
    pub names: &'a NameSet<'a>,
}

/// How a plan names its system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    /// A box too small to be asked for a name.
    Tiny,
    /// A name that tells it apart; `fully`: as it should be shown (a key system whole).
    Told { fully: bool },
    /// No name, or one that reads as another's too.
    Not,
}

impl Naming<'_, '_> {
    fn named(&self, p: &LabelPlan) -> Named {
        let s = &self.requests[p.index];
        match p.label.as_deref() {
            _ if s.rect.width() < MIN_NODE_PX => Named::Tiny,
            Some(l) if !self.names.ambiguous(s.name, l) => Named::Told {
                fully: !s.key || l == s.name,
            },
            _ => Named::Not,
        }
    }

    /// The systems left without a name that tells them apart, and how many key systems (hubs,
    /// headline single points of failure) lack their whole name.
    fn unnamed(&self, plans: &[LabelPlan]) -> (Vec<usize>, usize) {
        let mut unnamed = Vec::new();
        let mut short_keys = 0;
        for p in plans {
            match self.named(p) {
                Named::Tiny | Named::Told { fully: true } => {}
                Named::Told { fully: false } => short_keys += 1,
                Named::Not => {
                    unnamed.push(p.index);
                    short_keys += usize::from(self.requests[p.index].key);
                }
            }
        }
        (unnamed, short_keys)
    }
}

/// Places the labels again with the systems left without a name first (every one left so far),
/// up to [`RETRIES`] times, keeping a placement that leaves fewer without one and no more key
/// systems without their whole name. `before`: the occupancy before the first placement;
/// `occupied` and `placed` hold the best so far. Returns the systems the best leaves unnamed.
pub fn unnamed_first(
    naming: &Naming<'_, '_>,
    order: &[usize],
    place: &Place<'_>,
    before: &Occupancy,
    occupied: &mut Occupancy,
    (best, took): Placed<'_>,
) -> Vec<usize> {
    let (mut fewest, short_keys) = naming.unnamed(best);
    let mut left = fewest.clone();
    // The systems placed first in the placements again.
    let mut first = vec![false; naming.requests.len()];
    for _ in 0..RETRIES {
        if fewest.is_empty() || left.len() > RETRIED_AT_MOST {
            break;
        }
        for &i in &left {
            first[i] = true;
        }
        let again: Vec<usize> = order
            .iter()
            .filter(|&&i| first[i])
            .chain(order.iter().filter(|&&i| !first[i]))
            .copied()
            .collect();
        let mut taken = before.clone();
        let (plans, took_now) = place(&again, &mut taken, &Cell::new(beside::FAR_BUDGET));
        let (still, short_now) = naming.unnamed(&plans);
        if still.len() < fewest.len() && short_now <= short_keys {
            (*best, *took, fewest) = (plans, took_now, still.clone());
            *occupied = taken;
        }
        left = still;
    }
    fewest
}

/// For each system in `unnamed`, the labels nearest it (up to [`MOVED_AT_MOST`], within reach
/// of its name at `px`) tried placed again after it, one at a time; a try is kept when both
/// then show a name that tells them apart (a key system its whole one).
pub fn move_nearest(
    naming: &Naming<'_, '_>,
    unnamed: &[usize],
    px: f32,
    place: &Place<'_>,
    occupied: &mut Occupancy,
    (best, took): Placed<'_>,
) {
    let budget = Cell::new(beside::FAR_BUDGET);
    let give_back = |occupied: &mut Occupancy, rects: &[Rect]| {
        for t in rects {
            occupied.give_back(t);
        }
    };
    let requests = naming.requests;
    for &u in unnamed {
        let Some(at_u) = best.iter().position(|p| p.index == u) else {
            continue;
        };
        let r = requests[u].rect;
        let reach = label_width(requests[u].name, px) + px * LINE * 3.0;
        let apart = |t: &Rect| {
            let dx = (t.min[0] - r.max[0]).max(r.min[0] - t.max[0]).max(0.0);
            let dy = (t.min[1] - r.max[1]).max(r.min[1] - t.max[1]).max(0.0);
            dx.hypot(dy)
        };
        // The labels near the box, nearest first (the box itself is not a label).
        let mut near: Vec<(f32, usize)> = best
            .iter()
            .enumerate()
            .filter(|(k, p)| *k != at_u && p.label.is_some())
            .filter_map(|(k, p)| {
                let own = requests[p.index].rect;
                let d = took[k]
                    .iter()
                    .filter(|t| **t != own)
                    .map(apart)
                    .fold(f32::INFINITY, f32::min);
                (d <= reach).then_some((d, k))
            })
            .collect();
        near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for &(_, k) in near.iter().take(MOVED_AT_MOST) {
            give_back(occupied, &took[k]);
            give_back(occupied, &took[at_u]);
            let (plans, took_now) = place(&[u, best[k].index], occupied, &budget);
            if plans
                .iter()
                .all(|p| naming.named(p) == Named::Told { fully: true })
                && let (Ok([pu, pk]), Ok([tu, tk])) = (
                    <[LabelPlan; 2]>::try_from(plans),
                    <[Vec<Rect>; 2]>::try_from(took_now.clone()),
                )
            {
                (best[at_u], took[at_u], best[k], took[k]) = (pu, tu, pk, tk);
                break;
            }
            for t in &took_now {
                give_back(occupied, t);
            }
            for t in took[k].iter().chain(&took[at_u]) {
                occupied.take(*t);
            }
        }
    }
}
