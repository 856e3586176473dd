//! Plain 2D geometry for the export: points as `[x, y]`, axis-aligned boxes, a coarse occupancy
//! grid for label placement.

use std::collections::HashMap;

pub type P = [f32; 2];

pub fn add(a: P, b: P) -> P {
    [a[0] + b[0], a[1] + b[1]]
}

pub fn sub(a: P, b: P) -> P {
    [a[0] - b[0], a[1] - b[1]]
}

pub fn mul(a: P, k: f32) -> P {
    [a[0] * k, a[1] * k]
}

pub fn len(a: P) -> f32 {
    a[0].hypot(a[1])
}

/// `a` scaled to length 1, or `None` if it has no direction.
pub fn unit(a: P) -> Option<P> {
    let l = len(a);
    (l > 1e-6 && l.is_finite()).then(|| mul(a, 1.0 / l))
}

/// The left-hand normal of a direction (y grows downwards, as on screen).
pub fn normal(d: P) -> P {
    [-d[1], d[0]]
}

/// A quadratic Bézier curve's point at `t`.
pub fn quad(a: P, c: P, b: P, t: f32) -> P {
    let u = 1.0 - t;
    [
        u * u * a[0] + 2.0 * u * t * c[0] + t * t * b[0],
        u * u * a[1] + 2.0 * u * t * c[1] + t * t * b[1],
    ]
}

/// An axis-aligned box, `min` top-left and `max` bottom-right.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub min: P,
    pub max: P,
}

impl Rect {
    pub fn from_center_size(c: P, size: P) -> Rect {
        Rect {
            min: [c[0] - size[0] / 2.0, c[1] - size[1] / 2.0],
            max: [c[0] + size[0] / 2.0, c[1] + size[1] / 2.0],
        }
    }

    pub fn from_min_size(min: P, size: P) -> Rect {
        Rect {
            min,
            max: add(min, size),
        }
    }

    pub fn center(&self) -> P {
        mul(add(self.min, self.max), 0.5)
    }

    pub fn width(&self) -> f32 {
        self.max[0] - self.min[0]
    }

    pub fn height(&self) -> f32 {
        self.max[1] - self.min[1]
    }

    pub fn union(&self, o: &Rect) -> Rect {
        Rect {
            min: [self.min[0].min(o.min[0]), self.min[1].min(o.min[1])],
            max: [self.max[0].max(o.max[0]), self.max[1].max(o.max[1])],
        }
    }

    pub fn include(&self, p: P) -> Rect {
        self.union(&Rect { min: p, max: p })
    }

    pub fn expand(&self, by: f32) -> Rect {
        Rect {
            min: [self.min[0] - by, self.min[1] - by],
            max: [self.max[0] + by, self.max[1] + by],
        }
    }

    /// Whether `o` lies wholly inside.
    pub fn contains_rect(&self, o: &Rect) -> bool {
        o.min[0] >= self.min[0]
            && o.min[1] >= self.min[1]
            && o.max[0] <= self.max[0]
            && o.max[1] <= self.max[1]
    }

    pub fn intersects(&self, o: &Rect) -> bool {
        self.min[0] < o.max[0]
            && o.min[0] < self.max[0]
            && self.min[1] < o.max[1]
            && o.min[1] < self.max[1]
    }

    /// Where the ray from the centre along `dir` leaves the box (the centre if `dir` is zero).
    pub fn boundary(&self, dir: P) -> P {
        let c = self.center();
        let half = [self.width() / 2.0, self.height() / 2.0];
        if len(dir) < f32::EPSILON {
            return c;
        }
        let t = |h: f32, d: f32| {
            if d.abs() > f32::EPSILON {
                h / d.abs()
            } else {
                f32::INFINITY
            }
        };
        let k = t(half[0], dir[0]).min(t(half[1], dir[1]));
        add(c, mul(dir, k))
    }
}

/// Rectangles already taken, bucketed in a coarse grid so a test looks at few of them.
#[derive(Debug, Clone)]
pub struct Occupancy {
    cell: f32,
    cells: HashMap<(i64, i64), Vec<Rect>>,
    /// Every rectangle taken, in order (see [`Self::taken_since`]).
    log: Vec<Rect>,
}

impl Occupancy {
    pub fn new(cell: f32) -> Self {
        Occupancy {
            cell: if cell.is_finite() && cell > 1.0 {
                cell
            } else {
                64.0
            },
            cells: HashMap::new(),
            log: Vec::new(),
        }
    }

    fn keys(&self, r: &Rect) -> Vec<(i64, i64)> {
        let k = |v: f32| (v / self.cell).floor() as i64;
        let (x0, x1, y0, y1) = (k(r.min[0]), k(r.max[0]), k(r.min[1]), k(r.max[1]));
        // A rectangle spanning absurdly many cells is checked in its corner cells only.
        if x1.saturating_sub(x0).saturating_mul(y1.saturating_sub(y0)) > 4096 {
            return vec![(x0, y0), (x1, y0), (x0, y1), (x1, y1)];
        }
        (x0..=x1)
            .flat_map(|x| (y0..=y1).map(move |y| (x, y)))
            .collect()
    }

    /// The grid's cell size.
    pub fn cell(&self) -> f32 {
        self.cell
    }

    pub fn is_free(&self, r: &Rect) -> bool {
        self.all_cells(r, |o| !o.intersects(r))
    }

    /// Whether `r` meets no rectangle taken other than `own` (one equal to it).
    pub fn is_free_but(&self, r: &Rect, own: &Rect) -> bool {
        self.all_cells(r, |o| o == own || !o.intersects(r))
    }

    /// Whether `ok` holds for every rectangle in the cells `r` covers (see [`Self::keys`]),
    /// without gathering the cells first: this is asked many times a frame.
    fn all_cells(&self, r: &Rect, ok: impl Fn(&Rect) -> bool) -> bool {
        let k = |v: f32| (v / self.cell).floor() as i64;
        let (x0, x1, y0, y1) = (k(r.min[0]), k(r.max[0]), k(r.min[1]), k(r.max[1]));
        let cell_ok = |key: (i64, i64)| self.cells.get(&key).is_none_or(|v| v.iter().all(&ok));
        if x1.saturating_sub(x0).saturating_mul(y1.saturating_sub(y0)) > 4096 {
            return self.keys(r).into_iter().all(cell_ok);
        }
        (x0..=x1).all(|x| (y0..=y1).all(|y| cell_ok((x, y))))
    }

    /// Whether the segment `a`–`b` passes through no rectangle taken other than `own` (one
    /// equal to it).
    pub fn segment_free_but(&self, a: P, b: P, own: &Rect) -> bool {
        let bbox = Rect { min: a, max: a }.include(b);
        self.all_cells(&bbox, |o| {
            o == own
                || !crate::layout::tidy::segment_hits(
                    a,
                    b,
                    &[o.min[0], o.min[1], o.max[0], o.max[1]],
                )
        })
    }

    pub fn take(&mut self, r: Rect) {
        for k in self.keys(&r) {
            self.cells.entry(k).or_default().push(r);
        }
        self.log.push(r);
    }

    /// How many rectangles have been taken so far.
    pub fn taken(&self) -> usize {
        self.log.len()
    }

    /// The rectangles taken after the first `n`.
    pub fn taken_since(&self, n: usize) -> &[Rect] {
        self.log.get(n..).unwrap_or_default()
    }

    /// Frees one rectangle equal to `r` taken before (nothing when none is).
    pub fn give_back(&mut self, r: &Rect) {
        let Some(at) = self.log.iter().position(|o| o == r) else {
            return;
        };
        self.log.remove(at);
        for k in self.keys(r) {
            if let Some(v) = self.cells.get_mut(&k)
                && let Some(i) = v.iter().position(|o| o == r)
            {
                v.swap_remove(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundary_leaves_through_the_nearest_side() {
        let r = Rect::from_center_size([0.0, 0.0], [100.0, 20.0]);
        assert_eq!(r.boundary([1.0, 0.0]), [50.0, 0.0]);
        assert_eq!(r.boundary([0.0, -3.0]), [0.0, -10.0]);
        assert_eq!(r.boundary([0.0, 0.0]), [0.0, 0.0]);
    }

    #[test]
    fn occupancy_finds_overlaps() {
        let mut o = Occupancy::new(50.0);
        o.take(Rect::from_min_size([0.0, 0.0], [10.0, 10.0]));
        assert!(!o.is_free(&Rect::from_min_size([5.0, 5.0], [10.0, 10.0])));
        assert!(o.is_free(&Rect::from_min_size([10.0, 0.0], [10.0, 10.0])));
        // Huge rectangles do not hang.
        assert!(o.is_free(&Rect::from_min_size([1e9, 1e9], [1e9, 1e9])));
    }

    #[test]
    fn a_rectangle_given_back_is_free_again_and_one_taken_twice_stays_taken_once() {
        let mut o = Occupancy::new(8.0);
        let (a, b) = (
            Rect::from_min_size([0.0, 0.0], [20.0, 10.0]),
            Rect::from_min_size([30.0, 0.0], [10.0, 10.0]),
        );
        o.take(a);
        o.take(b);
        o.take(a);
        assert_eq!(o.taken_since(1), &[b, a]);
        o.give_back(&a);
        assert!(!o.is_free(&a));
        o.give_back(&a);
        assert!(o.is_free(&a) && !o.is_free(&b));
        assert_eq!(o.taken(), 1);
    }
}
