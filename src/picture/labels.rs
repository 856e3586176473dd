//! Label rules shared by every painter: a name as one clean line, and a name shortened in the
//! middle to fit.

/// A name as one clean line: no control characters, single spaces.
pub fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

use super::geometry::{Occupancy, P, Rect};
use super::outline;
use crate::layout::measure::{
    LABEL_FONT_SIZE, LABEL_LINE_HEIGHT, NODE_MIN_WIDTH, NODE_PADDING_X, NODE_PADDING_Y, text_width,
};
use crate::model::SystemKind;
use crate::theme::Theme;

/// Zoom from which the owner line and dependency labels are shown on the canvas.
pub const DETAIL_ZOOM: f32 = 0.8;
/// Systems smaller than this on screen get no label at all.
pub const MIN_NODE_PX: f32 = 4.0;
/// Line height of a label on screen as a multiple of its size (DejaVu Sans in egui).
const LINE: f32 = 1.17;
/// Space around a label inside its box, in pixels.
const PAD: P = [8.0, 5.0];
/// Space kept around a placed label box.
const MARGIN: f32 = 2.0;
/// Space kept between an owner line and other texts to its left and right.
const OWNER_SPACE: f32 = 6.0;
/// Space between a box and the owner line below it.
pub const OWNER_GAP: f32 = 3.0;
/// Shares of the whole name tried, in order, when it does not fit.
const SHORTER: [f32; 2] = [0.7, 0.5];

/// A system's box for its whole `name` at `label_px` (the layout's padding, grown in proportion
/// with the label size), with room for its kind's glyph, and that room.
pub fn system_box(kind: SystemKind, name: &str, label_px: f32) -> (P, outline::Room) {
    let spread = label_px / LABEL_FONT_SIZE;
    let text_h = label_px * LABEL_LINE_HEIGHT;
    let base_h = text_h + 2.0 * NODE_PADDING_Y * spread;
    let room = outline::room(kind, base_h, text_h);
    let w = (text_width(name, label_px) + 2.0 * NODE_PADDING_X * spread + room.left + room.right)
        .max(NODE_MIN_WIDTH * spread);
    ([w, base_h + 2.0 * room.lid], room)
}

/// The size of system labels on screen at `zoom`: the theme's size zoomed, never below its
/// minimum nor above twice its size.
pub fn label_px(theme: &Theme, zoom: f32) -> f32 {
    (theme.label_px * zoom).clamp(theme.min_label_px, theme.label_px * 2.0)
}

/// A system to label, as it is on screen.
#[derive(Debug, Clone, Copy)]
pub struct LabelRequest<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub owner: &'a str,
    pub kind: SystemKind,
    /// Its box on screen before any label is placed.
    pub rect: Rect,
    /// Higher wins a contested spot.
    pub importance: u32,
    /// Always gets its whole name.
    pub selected: bool,
}

/// What a system shows: its box (grown to hold the label when it is shown), its label (whole,
/// shortened in the middle, or none) and its owner line's top-left corner and text.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelPlan {
    /// Index into the requests.
    pub index: usize,
    pub rect: Rect,
    pub label: Option<String>,
    /// Where the label's centre is when it sits beside the box rather than in it (a box too
    /// small and too crowded to hold its name at a readable size).
    pub label_outside: Option<P>,
    pub owner: Option<(P, String)>,
}

/// Decides which labels show and how big each system is drawn, most important first: the whole
/// name in a box grown to hold it; where that would overlap a label already placed, a name
/// shortened in the middle ("Nightly…load") in a smaller box; then the name shortened to the box
/// itself, or beside the box; then the box grown over another's (hiding it); a box without any
/// name is the last resort. Owner lines (from [`DETAIL_ZOOM`]) go
/// under the boxes that show their whole name, where there is room.
pub fn place_labels(
    requests: &[LabelRequest<'_>],
    zoom: f32,
    theme: &Theme,
    occupied: &mut Occupancy,
    within: Option<Rect>,
) -> Vec<LabelPlan> {
    let px = label_px(theme, zoom);
    let mut order: Vec<usize> = (0..requests.len()).collect();
    order.sort_by(|a, b| {
        let (a, b) = (&requests[*a], &requests[*b]);
        b.importance.cmp(&a.importance).then_with(|| a.id.cmp(b.id))
    });
    // Every box, so a name put beside its own box never covers another one.
    let mut boxes = Occupancy::new(occupied.cell());
    for s in requests {
        boxes.take(s.rect);
    }
    let names = NameSet::new(requests.iter().map(|s| s.name));
    let shorten = |name: &str, width: f32, measure: &dyn Fn(&str) -> f32| {
        shorten_name(name, width, measure, Some(&names))
    };
    let mut placed = Vec::with_capacity(order.len());
    for index in order {
        let s = &requests[index];
        let r = s.rect;
        let plan = |rect: Rect, label: Option<String>, owner| LabelPlan {
            index,
            rect,
            label,
            label_outside: None,
            owner,
        };
        if r.width() < MIN_NODE_PX {
            placed.push(plan(r, None, None));
            continue;
        }
        let text = [text_width(s.name, px), px * LINE];
        // Kinds with a glyph or slanted sides keep room for them.
        let room = outline::room(s.kind, r.height().max(text[1] + PAD[1] * 2.0), text[1]);
        let extra = [
            PAD[0] * 2.0 + room.left + room.right,
            PAD[1] * 2.0 + room.lid * 2.0,
        ];
        // Where a box grown to `size` goes: about its centre, or along one side or corner of
        // the box it grows from, clear of the labels placed so far and covering no other
        // system's box (or, `over_boxes`, covering some), the centre first.
        let grow = |size: P, over_boxes: bool| {
            grown_spots(r, size).into_iter().find(|g| {
                occupied.is_free(&g.expand(MARGIN)) && (over_boxes || boxes.is_free_but(g, &r))
            })
        };
        let measure = |t: &str| label_width(t, px);
        // The name shortened to each of the `SHORTER` shares, found once (it is asked for again
        // below, and finding a short form that tells the name apart is the costly part).
        let shorts: [std::cell::OnceCell<Option<String>>; 2] = Default::default();
        let short = |k: usize| {
            shorts[k]
                .get_or_init(|| shorten(s.name, text[0] * SHORTER[k], &measure))
                .clone()
        };
        let shorter = |over_boxes: bool| {
            (0..SHORTER.len()).find_map(|k| {
                let short = short(k)?;
                let rect = grow([measure(&short) + extra[0], text[1] + extra[1]], over_boxes)?;
                Some((rect, Some(short)))
            })
        };
        // The whole name over no other box, else shortened over none; else shortened to the
        // box itself, or beside it; only then the whole name over another box (hiding it),
        // else shortened. A selected system always shows its whole name.
        let whole = [text[0] + extra[0], text[1] + extra[1]];
        let mut spot = if s.selected {
            let at = grow(whole, false).or_else(|| grow(whole, true));
            Some((at.unwrap_or_else(|| grown_box(r, whole)), None))
        } else {
            grow(whole, false)
                .map(|g| (g, None))
                .or_else(|| shorter(false))
        };
        if spot.is_none() {
            // Touching a label placed before is fine here: the name stays inside the box.
            let fits = r.height() + MARGIN >= text[1] && occupied.is_free(&r.expand(-MARGIN));
            let label = fits
                .then(|| {
                    shorten(
                        s.name,
                        r.width() - PAD[0] - room.left - room.right,
                        &measure,
                    )
                })
                .flatten();
            // A name shortened to the box that reads as another's is kept for when nothing
            // beside the box tells it apart.
            let alike = label.as_deref().is_some_and(|l| names.ambiguous(s.name, l));
            if label.is_some() && !alike {
                occupied.take(r);
                placed.push(plan(r, label, None));
                continue;
            }
            // Beside the box: below, above, right, left; the whole name, then shortened.
            let beside = [None, Some(0), Some(1), None]
                .into_iter()
                .zip([1.0, SHORTER[0], SHORTER[1], 0.35])
                .find_map(|(cached, share)| {
                    let text = match cached {
                        Some(k) => short(k)?,
                        None if share < 1.0 => shorten(s.name, text[0] * share, &measure)?,
                        None => s.name.to_owned(),
                    };
                    let size = [measure(&text), px * LINE];
                    let c = r.center();
                    let (hw, hh) = (
                        r.width() / 2.0 + size[0] / 2.0,
                        r.height() / 2.0 + size[1] / 2.0,
                    );
                    // Both labels' margins apart from what is beside the box.
                    let (dx, dy) = (hw + MARGIN * 2.0, hh + MARGIN * 2.0);
                    // Below and above, centred then slid along the box's side by quarters
                    // of the name up to its end or start at the box's far side (so it reaches
                    // past one neighbour rather than both); left and right, level then half a
                    // line down or up; then the corners.
                    let slide = (size[0] - r.width()).max(0.0) / 2.0;
                    let steps = [0.0, -0.25, 0.25, -0.5, 0.5, -0.75, 0.75, -1.0, 1.0];
                    let along = |y: f32| {
                        steps.into_iter().filter_map(move |k: f32| {
                            let x = k * (size[0] / 2.0).max(1.0);
                            (x.abs() <= slide + 0.01 || k == 0.0).then_some([c[0] + x, y])
                        })
                    };
                    let level = |x: f32| {
                        [0.0, 0.5, -0.5]
                            .into_iter()
                            .map(move |k: f32| [x, c[1] + k * size[1]])
                    };
                    along(c[1] + dy)
                        .chain(along(c[1] - dy))
                        .chain(level(c[0] + dx))
                        .chain(level(c[0] - dx))
                        .chain([
                            [c[0] + dx, c[1] + dy],
                            [c[0] - dx, c[1] + dy],
                            [c[0] + dx, c[1] - dy],
                            [c[0] - dx, c[1] - dy],
                        ])
                        .map(|at| Rect::from_center_size(at, size))
                        .find(|t| {
                            within.is_none_or(|w| w.contains_rect(t))
                                && occupied.is_free(&t.expand(MARGIN))
                                && boxes.is_free(t)
                        })
                        .map(|t| (t, text))
                });
            if let Some((t, text)) = beside.filter(|(_, t)| !alike || !names.ambiguous(s.name, t)) {
                occupied.take(r);
                occupied.take(t.expand(MARGIN));
                placed.push(LabelPlan {
                    label_outside: Some(t.center()),
                    ..plan(r, Some(text), None)
                });
                continue;
            }
            if label.is_some() {
                occupied.take(r);
                placed.push(plan(r, label, None));
                continue;
            }
            spot = grow(whole, true)
                .map(|g| (g, None))
                .or_else(|| shorter(true));
            if spot.is_none() {
                placed.push(plan(r, None, None));
                continue;
            }
        }
        if let Some((rect, Some(short))) = spot {
            occupied.take(rect.expand(MARGIN));
            placed.push(plan(rect, Some(short), None));
            continue;
        }
        let grown = spot.map_or_else(|| grown_box(r, whole), |(g, _)| g);
        occupied.take(grown.expand(MARGIN));
        let mut owner = None;
        if zoom >= DETAIL_ZOOM && !s.owner.is_empty() {
            let at = owner_at(grown, text_width(s.owner, theme.small_px));
            let line = owner_rect(at, s.owner, theme.small_px);
            // Over no label placed so far, a space clear of them sideways (two owner lines
            // never read as one), and over no box at all (a less important system's box is
            // not in `occupied` yet).
            let spaced = owner_spaced(line, 1.0);
            if occupied.is_free(&spaced) && boxes.is_free(&line) {
                occupied.take(spaced);
                owner = Some((at, s.owner.to_owned()));
            }
        }
        placed.push(plan(grown, Some(s.name.to_owned()), owner));
    }
    placed
}

/// `r` grown to at least `size`: about its centre, then with one side or corner kept where
/// `r` has it (growing away from that side), the sides first.
fn grown_spots(r: Rect, size: P) -> [Rect; 9] {
    let g = grown_box(r, size);
    let (w, h) = (g.width(), g.height());
    let xs = [g.min[0], r.min[0], r.max[0] - w];
    let ys = [g.min[1], r.min[1], r.max[1] - h];
    let at = |x: usize, y: usize| Rect::from_min_size([xs[x], ys[y]], [w, h]);
    [
        at(0, 0),
        at(1, 0),
        at(2, 0),
        at(0, 1),
        at(0, 2),
        at(1, 1),
        at(2, 1),
        at(1, 2),
        at(2, 2),
    ]
}

/// `r` grown about its centre to at least `size`.
fn grown_box(r: Rect, size: P) -> Rect {
    Rect::from_center_size(
        r.center(),
        [size[0].max(r.width()), size[1].max(r.height())],
    )
}

/// A system's box with room for its owner line `owner` at `px` below it, as a group's outline
/// goes round it (whether or not the line is shown, so that the canvas and the export draw the
/// same outline).
pub fn footprint(rect: Rect, owner: &str, px: f32) -> Rect {
    if owner.is_empty() {
        return rect;
    }
    let at = owner_at(rect, text_width(owner, px));
    rect.union(&owner_rect(at, owner, px))
}

/// What an owner line in `r` keeps clear of other texts: a space to its left and right (per
/// `unit`), so two owner lines side by side never read as one.
pub fn owner_spaced(r: Rect, unit: f32) -> Rect {
    let space = OWNER_SPACE * unit / 2.0;
    Rect {
        min: [r.min[0] - space, r.min[1]],
        max: [r.max[0] + space, r.max[1]],
    }
}

/// The box of the owner line `text` at `px` with its top-left corner at `at`.
pub fn owner_rect(at: P, text: &str, px: f32) -> Rect {
    Rect::from_min_size(at, [text_width(text, px), px * LINE])
}

/// The top-left corner of an owner line `width` wide: centred under its system's box.
pub fn owner_at(system: Rect, width: f32) -> P {
    [system.center()[0] - width / 2.0, system.max[1] + OWNER_GAP]
}

/// The width a shortened label is given: the bundled font's advances and a little room for the
/// difference from egui's own layout.
fn label_width(text: &str, px: f32) -> f32 {
    text_width(text, px) * 1.04
}

/// The longest form of `text` that `measure` says fits `width`: the whole text, or its start and
/// end around an ellipsis (at least four characters kept). `None` when not even that fits.
pub fn shorten_middle(text: &str, width: f32, measure: impl Fn(&str) -> f32) -> Option<String> {
    shorten_name(text, width, measure, None)
}

/// The names on a map, for telling a shortened name from the others ([`shorten_name`]).
pub struct NameSet<'a> {
    sorted: Vec<&'a str>,
}

impl<'a> NameSet<'a> {
    pub fn new(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut sorted: Vec<&str> = names.into_iter().collect();
        sorted.sort_unstable();
        NameSet { sorted }
    }

    /// How many names other than `own` (one copy of it) begin with `head` and end with `tail`
    /// (without the two overlapping): the names a reader could take `head…tail` for.
    fn alike(&self, own: &str, head: &str, tail: &str) -> usize {
        let from = self.sorted.partition_point(|n| *n < head);
        let like = self.sorted[from..]
            .iter()
            .take_while(|n| n.starts_with(head))
            .filter(|n| n.ends_with(tail) && n.len() >= head.len() + tail.len())
            .count();
        like.saturating_sub(usize::from(own.starts_with(head) && own.ends_with(tail)))
    }

    /// Whether `shown` (a form of `own` from [`shorten_name`]: whole, or with one or two
    /// ellipses) reads as another name on the map too.
    pub fn ambiguous(&self, own: &str, shown: &str) -> bool {
        let parts: Vec<&str> = shown.split('…').collect();
        match parts.as_slice() {
            [head, tail] => self.alike(own, head, tail) > 0,
            [head, mid, tail] => self.alike_around(own, head, mid, tail) > 0,
            _ => false,
        }
    }

    /// How many names other than `own` begin with `head`, end with `tail` and hold `mid`
    /// between them: the names a reader could take `head…mid…tail` for.
    fn alike_around(&self, own: &str, head: &str, mid: &str, tail: &str) -> usize {
        let holds = |n: &str| {
            n.len() >= head.len() + tail.len()
                && n.starts_with(head)
                && n.ends_with(tail)
                && n[head.len()..n.len() - tail.len()].contains(mid)
        };
        let from = self.sorted.partition_point(|n| *n < head);
        let like = self.sorted[from..]
            .iter()
            .take_while(|n| n.starts_with(head))
            .filter(|n| holds(n))
            .count();
        like.saturating_sub(usize::from(holds(own)))
    }
}

/// The longest form of `text` that `measure` says fits `width`: the whole text, or a start and
/// an end around an ellipsis (at least four characters kept). Of the ways to split what is
/// kept, the one fewest other `names` on the map also read as wins ("Order 2 service" →
/// "Order 2…ce" beside "Order 1 service", not "Order…ice"), then the one nearest the middle
/// (a little more of the start). `None` when not even four characters fit.
pub fn shorten_name(
    text: &str,
    width: f32,
    measure: impl Fn(&str) -> f32,
    names: Option<&NameSet<'_>>,
) -> Option<String> {
    if measure(text) <= width {
        return Some(text.to_owned());
    }
    // Byte offsets of the characters, and the end.
    let at: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let len = at.len() - 1;
    if len <= 4 {
        return None;
    }
    // `keep` characters, `head` of them from the start, spaces at the ellipsis dropped.
    let split = |keep: usize, head: usize| {
        (
            text[..at[head]].trim_end(),
            text[at[len - (keep - head)]..].trim_start(),
        )
    };
    let middle_of = |keep: usize| keep.div_ceil(2) + keep / 6;
    let joined = |(h, t): (&str, &str)| format!("{h}…{t}");
    // The most characters the middle split keeps and fits, one measure per length.
    let fits_at = (4..len)
        .rev()
        .find(|&keep| measure(&joined(split(keep, middle_of(keep)))) <= width);
    let Some(names) = names else {
        return fits_at.map(|keep| joined(split(keep, middle_of(keep))));
    };
    // Most names are told apart by their middle split; for the others, every split of a few
    // lengths around it is ranked by how many other names read alike, then by how much is
    // hidden, then by its distance from the middle, and measured best first.
    if let Some(keep) = fits_at {
        let (h, t) = split(keep, middle_of(keep));
        if names.alike(text, h, t) == 0 {
            return Some(joined((h, t)));
        }
    }
    let top = fits_at.map_or(4, |k| (k + 1).min(len - 1));
    let bottom = fits_at.map_or(4, |k| k.saturating_sub(1).max(4));
    let mut best: Option<((usize, usize, usize), String)> = None;
    for keep in (bottom..=top).rev() {
        // Splits by how much they hide, then by their distance from the middle; how many other
        // names read alike is counted as they are tried (the costly part), and the first that
        // fits with none alike is the best of this length.
        let mut splits: Vec<(usize, usize, usize)> = (1..=keep)
            .map(|head| {
                let (h, t) = split(keep, head);
                let hidden = len - h.chars().count() - t.chars().count();
                (hidden, head.abs_diff(middle_of(keep)), head)
            })
            .collect();
        splits.sort_unstable();
        for (hidden, distance, head) in splits {
            if best
                .as_ref()
                .is_some_and(|(b, _)| *b <= (0, hidden, distance))
            {
                break;
            }
            let (h, t) = split(keep, head);
            let rank = (names.alike(text, h, t), hidden, distance);
            if best.as_ref().is_some_and(|(b, _)| *b <= rank) {
                continue;
            }
            let candidate = joined((h, t));
            if measure(&candidate) <= width {
                best = Some((rank, candidate));
                if rank.0 == 0 {
                    break;
                }
            }
        }
    }
    if best.as_ref().is_some_and(|(rank, _)| rank.0 > 0) {
        // No start and end that fit tell it apart ("Ship…ce" for "Shipping 1 service" and
        // "Shipping 2 service"): a word from its middle between two ellipses does ("Sh…1…ce").
        if let Some(told) = around_word(text, &at, width, &measure, names) {
            return Some(told);
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Forms measured for one name by [`around_word`], at most.
const AROUND_TRIED: usize = 200;

/// The longest `head…word…tail` form of `text` (or `head…word`, its end left out) that fits
/// `width` and no other of `names` reads as, for a word strictly inside `text` (`at`: the
/// characters' byte offsets and the end), the start and the end kept about even; `None` when
/// none does.
fn around_word(
    text: &str,
    at: &[usize],
    width: f32,
    measure: &impl Fn(&str) -> f32,
    names: &NameSet<'_>,
) -> Option<String> {
    let len = at.len() - 1;
    // Words between the first and the last, as character ranges.
    let mut words = Vec::new();
    let mut start = None;
    for (c, ch) in text.chars().chain([' ']).enumerate() {
        match (ch.is_whitespace(), start) {
            (false, None) => start = Some(c),
            (true, Some(s)) => {
                if s > 0 && c < len {
                    words.push((s, c));
                }
                start = None;
            }
            _ => {}
        }
    }
    // The longest forms first (the start and the end kept about even), forms without the
    // end only where none with it fits; at most `AROUND_TRIED` measured, so a long name on a
    // crowded map stays quick.
    let mut tried = 0;
    // A start or an end of one letter says little: two at least.
    for least_tail in [2, 0] {
        let mut best: Option<(usize, String)> = None;
        for &(ws, we) in &words {
            let word = &text[at[ws]..at[we]];
            let (most_head, most_tail) = (ws.saturating_sub(1), (len - we).saturating_sub(1));
            for ends in (1..=most_head + most_tail).rev() {
                let kept = ends + (we - ws);
                if kept < 4 || best.as_ref().is_some_and(|(k, _)| *k >= kept) {
                    break;
                }
                let mut heads: Vec<usize> = (2..=most_head)
                    .filter(|&h| ends >= h + least_tail && ends - h <= most_tail)
                    .filter(|&h| least_tail > 0 || ends == h)
                    .collect();
                heads.sort_by_key(|&h| (h.abs_diff(ends - h), std::cmp::Reverse(h)));
                for head in heads {
                    tried += 1;
                    if tried > AROUND_TRIED {
                        return best.map(|(_, candidate)| candidate);
                    }
                    let (h, t) = (
                        text[..at[head]].trim_end(),
                        text[at[len - (ends - head)]..].trim_start(),
                    );
                    // Without its end where only that fits ("Ship…1").
                    let candidate = if t.is_empty() {
                        format!("{h}…{word}")
                    } else {
                        format!("{h}…{word}…{t}")
                    };
                    if measure(&candidate) <= width && names.alike_around(text, h, word, t) == 0 {
                        best = Some((kept, candidate));
                        break;
                    }
                }
            }
        }
        if best.is_some() {
            return best.map(|(_, candidate)| candidate);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One unit per character: easy to reason about.
    fn chars(s: &str) -> f32 {
        s.chars().count() as f32
    }

    #[test]
    fn names_are_shortened_in_the_middle_and_keep_their_end() {
        assert_eq!(
            shorten_middle("Nightly reporting load", 30.0, chars).as_deref(),
            Some("Nightly reporting load")
        );
        let short = shorten_middle("Nightly reporting load", 12.0, chars).unwrap();
        assert!(chars(&short) <= 12.0, "{short}");
        assert!(
            short.starts_with("Nightly") && short.ends_with("load"),
            "{short}"
        );
        // Two names that differ only at the end stay different.
        let a = shorten_middle("Orders database", 10.0, chars).unwrap();
        let b = shorten_middle("Orders service", 10.0, chars).unwrap();
        assert_ne!(a, b);
        assert_eq!(shorten_middle("Orders database", 3.0, chars), None);
    }

    /// Each of `names` shortened to `width` among the others: each fits, no two alike.
    fn shortened_apart(names: &[&str], width: f32) -> Vec<String> {
        let set = NameSet::new(names.iter().copied());
        let short: Vec<String> = names
            .iter()
            .map(|n| shorten_name(n, width, chars, Some(&set)).unwrap())
            .collect();
        for (i, a) in short.iter().enumerate() {
            assert!(chars(a) <= width, "{a}");
            for b in &short[i + 1..] {
                assert_ne!(a, b, "two names shortened alike: {short:?}");
            }
        }
        short
    }

    /// Issue 16.4: a name shortened on a map of similar names keeps what tells it apart. Before,
    /// "Order 2 service" became "Order…ice", as did "Order 1 service".
    #[test]
    fn a_shortened_name_keeps_what_tells_it_from_the_others_on_the_map() {
        let names = [
            "Order service",
            "Order 1 service",
            "Order 2 service",
            "Order 1 Db",
            "Order 2 Db",
            "Order Db",
            "Cart service",
            "Cart Db",
            "Telemetry collector",
        ];
        let short = shortened_apart(&names, 10.0);
        assert!(
            short[1].contains('1') && short[2].contains('2'),
            "{short:?}"
        );
        // A name like no other keeps as much of itself as fits, from its start.
        assert!(short[8].starts_with("Teleme"), "{short:?}");
    }

    /// Issue 16.4: where no start and end that fit tell two names apart, a word from the middle
    /// does, between two ellipses. Before, "Shipping 1 service" and "Shipping 2 service" were
    /// both "Ship…ce" at fit on the 86-system estate.
    #[test]
    fn a_name_told_apart_only_by_its_middle_keeps_it() {
        let names = [
            "Shipping 1 service",
            "Shipping 2 service",
            "Shipping service",
            "Shipping 1 Db",
        ];
        let short = shortened_apart(&names, 8.0);
        assert!(
            short[0].contains("…1…") && short[1].contains("…2…"),
            "{short:?}"
        );
        assert!(short[0].starts_with("Sh") && short[0].ends_with("ce"));
        // Where no end fits beside the word, the start and the word alone tell it apart.
        let set = NameSet::new(names[..3].iter().copied());
        let tight: Vec<String> = names[..2]
            .iter()
            .map(|n| shorten_name(n, 6.0, chars, Some(&set)).unwrap())
            .collect();
        assert_eq!(tight, ["Ship…1", "Ship…2"]);
    }

    fn request<'a>(id: &'a str, name: &'a str, at: P, importance: u32) -> LabelRequest<'a> {
        LabelRequest {
            id,
            name,
            owner: "",
            kind: SystemKind::Service,
            rect: Rect::from_center_size(at, [30.0, 12.0]),
            importance,
            selected: false,
        }
    }

    /// Small boxes (a fitted large map) side by side: the more important ones grow to hold
    /// their whole names; the one between them, with no room left in or around its own box for
    /// the name inside, gets it beside the box, over no other box (before: a blank box).
    #[test]
    fn a_crowded_small_box_gets_its_name_beside_it_and_the_hub_keeps_its_own() {
        let theme = Theme::get(crate::theme::ThemeName::Light);
        let mut requests = [
            request("gateway", "API gateway", [0.0, 0.0], 50),
            request("db", "Pricing database", [34.0, 0.0], 1),
            request("cache", "Price cache", [68.0, 0.0], 40),
            request("other", "Other service", [0.0, 60.0], 2),
        ];
        for r in &mut requests[..3] {
            r.rect = Rect::from_center_size(r.rect.center(), [30.0, 26.0]);
        }
        let mut occupied = Occupancy::new(96.0);
        let plans = place_labels(&requests, 0.3, &theme, &mut occupied, None);
        let plan = |id: &str| plans.iter().find(|p| requests[p.index].id == id).unwrap();
        assert_eq!(plan("gateway").label.as_deref(), Some("API gateway"));
        assert!(plan("gateway").label_outside.is_none());
        let db = plan("db");
        let at = db.label_outside.expect("the name goes beside the box");
        let label = db.label.as_deref().unwrap();
        let px = label_px(&theme, 0.3);
        let r = Rect::from_center_size(at, [label_width(label, px), px * LINE]);
        for p in &plans {
            assert!(
                !r.intersects(&requests[p.index].rect),
                "{label} covers {}",
                requests[p.index].id
            );
            assert!(
                p.index == db.index || !r.intersects(&p.rect),
                "{label} covers a grown box"
            );
        }
    }

    /// Issue 16.4: a box hemmed in left and right, with room for its name only shortened to
    /// the box ("P…Db", which reads as Pricing Db too), shows its whole name beside the box
    /// where there is room. Before, it showed "P…Db" (on the 86-system estate at fit, the
    /// payment store's box).
    #[test]
    fn a_name_shortened_alike_another_goes_beside_its_box_where_there_is_room() {
        let theme = Theme::get(crate::theme::ThemeName::Light);
        let mut requests = [
            request("payment-db", "Payment Db", [0.0, 0.0], 1),
            request("pricing-db", "Pricing Db", [600.0, 0.0], 1),
        ];
        for r in &mut requests {
            r.rect = Rect::from_center_size(r.rect.center(), [50.0, 40.0]);
        }
        let mut occupied = Occupancy::new(96.0);
        // Labels already placed left and right of the payment store's box, level with it.
        occupied.take(Rect::from_min_size([-300.0, -20.0], [273.0, 40.0]));
        occupied.take(Rect::from_min_size([27.0, -20.0], [273.0, 40.0]));
        let plans = place_labels(&requests, 0.3, &theme, &mut occupied, None);
        let plan = plans.iter().find(|p| p.index == 0).unwrap();
        assert_eq!(plan.label.as_deref(), Some("Payment Db"), "{plan:?}");
        assert!(plan.label_outside.is_some(), "{plan:?}");
    }

    /// Issue 16.4: two boxes side by side, both too small for their names at a far zoom: the
    /// more important one grows away from its neighbour, and the neighbour still holds its own
    /// name. Before, the first grew about its centre over the second, which was left a blank
    /// box with its name beside it (the clearing house next to end-of-day settlement).
    #[test]
    fn a_box_grown_for_its_name_leaves_its_neighbour_room_for_its_own() {
        let theme = Theme::get(crate::theme::ThemeName::Light);
        let mut eod = request("eod", "End-of-day settlement", [0.0, 0.0], 10);
        eod.rect = Rect::from_center_size([0.0, 0.0], [120.0, 18.0]);
        let mut ch = request("ch", "Clearing house", [108.0, 0.0], 1);
        ch.rect = Rect::from_center_size([108.0, 0.0], [84.0, 18.0]);
        let requests = [eod, ch];
        let mut occupied = Occupancy::new(96.0);
        let plans = place_labels(&requests, 0.7, &theme, &mut occupied, None);
        let plan = |id: &str| plans.iter().find(|p| requests[p.index].id == id).unwrap();
        for id in ["eod", "ch"] {
            let p = plan(id);
            assert!(
                p.label.is_some() && p.label_outside.is_none(),
                "{id}: {p:?}"
            );
            assert!(
                p.rect.contains_rect(&requests[p.index].rect),
                "{id} holds its box"
            );
        }
        assert!(
            !plan("eod").rect.intersects(&plan("ch").rect),
            "{:?} and {:?} overlap",
            plan("eod").rect,
            plan("ch").rect
        );
    }

    /// A box with no room to grow for its whole name between two others shows it shortened
    /// rather than over a neighbour's box. Before, "Fraud 1 service" at fit on the 86-system
    /// estate grew over the small box beside it.
    #[test]
    fn a_name_is_shortened_rather_than_grown_over_a_neighbour() {
        shortened_between_neighbours(50.0, 40.0);
    }

    /// "Fraud 1 service" in a box `width` wide, between two small boxes `apart` from its centre
    /// on either side: its name is shortened, and its box covers neither.
    fn shortened_between_neighbours(apart: f32, width: f32) {
        let theme = Theme::get(crate::theme::ThemeName::Light);
        let mut fraud = request("fraud", "Fraud 1 service", [0.0, 0.0], 10);
        fraud.rect = Rect::from_center_size([0.0, 0.0], [width, 14.0]);
        let mut left = request("left", "Tax Db", [-apart, 0.0], 1);
        left.rect = Rect::from_center_size([-apart, 0.0], [20.0, 14.0]);
        let mut right = request("right", "Order Db", [apart, 0.0], 1);
        right.rect = Rect::from_center_size([apart, 0.0], [20.0, 14.0]);
        let requests = [fraud, left, right];
        let mut occupied = Occupancy::new(96.0);
        let plans = place_labels(&requests, 0.5, &theme, &mut occupied, None);
        let plan = plans.iter().find(|p| p.index == 0).unwrap();
        let label = plan.label.as_deref().expect("a name");
        assert!(label.contains('…'), "{label}");
        for other in &requests[1..] {
            assert!(
                !plan.rect.intersects(&other.rect),
                "{label} covers {}",
                other.id
            );
        }
    }

    /// A box hemmed in by two small neighbours, with no room to grow even for its shortened
    /// name, shows the name shortened to its own box rather than whole over a neighbour's box
    /// (which hid it). Before, "Fraud 1 service" covered the tax store's box beside it at fit
    /// on the 86-system estate in a 1920×1080 window.
    #[test]
    fn a_name_is_shortened_to_its_box_rather_than_drawn_over_a_neighbour() {
        shortened_between_neighbours(36.0, 50.0);
    }

    /// A box whose neighbours' names come within a label's margin of it, with no room to grow
    /// or to carry its name beside it, still holds its name shortened inside (the name stays
    /// inside the box). Before, it was a blank box.
    #[test]
    fn a_box_touched_by_its_neighbours_names_holds_its_own_inside() {
        let theme = Theme::get(crate::theme::ThemeName::Light);
        let mut payment = request("payment", "Payment service", [0.0, 0.0], 1);
        payment.rect = Rect::from_center_size([0.0, 0.0], [50.0, 40.0]);
        let mut occupied = Occupancy::new(96.0);
        // Names placed before all round it, their margins reaching one pixel into the box.
        for (min, size) in [
            ([-300.0, -60.0], [276.0, 120.0]),
            ([24.0, -60.0], [276.0, 120.0]),
            ([-24.0, -60.0], [48.0, 41.0]),
            ([-24.0, 19.0], [48.0, 41.0]),
        ] {
            occupied.take(Rect::from_min_size(min, size));
        }
        let plans = place_labels(&[payment], 0.3, &theme, &mut occupied, None);
        let label = plans[0].label.as_deref().expect("a name in the box");
        assert!(label.starts_with('P'), "{label}");
        assert!(plans[0].label_outside.is_none());
        assert_eq!(
            plans[0].rect,
            Rect::from_center_size([0.0, 0.0], [50.0, 40.0])
        );
    }

    /// Two owner lines side by side keep a space between them. Before, under end-of-day
    /// settlement and the clearing house, "Operations (Grace Liu)Operations (Grace Liu)" read
    /// as one line.
    #[test]
    fn owner_lines_side_by_side_keep_apart() {
        let theme = Theme::get(crate::theme::ThemeName::Light);
        let owner = "Operations (Grace Liu)";
        let w = text_width(owner, theme.small_px);
        let mut a = request("eod", "Settlement", [0.0, 0.0], 2);
        let mut b = request("ch", "Clearing", [w + 1.0, 0.0], 1);
        for r in [&mut a, &mut b] {
            r.owner = owner;
            r.rect = Rect::from_center_size(r.rect.center(), [100.0, 30.0]);
        }
        let requests = [a, b];
        let mut occupied = Occupancy::new(96.0);
        let plans = place_labels(&requests, 1.0, &theme, &mut occupied, None);
        let lines: Vec<Rect> = plans
            .iter()
            .filter_map(|p| p.owner.as_ref())
            .map(|(at, t)| owner_rect(*at, t, theme.small_px))
            .collect();
        assert!(!lines.is_empty());
        if let [l, r] = lines[..] {
            let gap = (r.min[0] - l.max[0]).max(l.min[0] - r.max[0]);
            assert!(gap >= 4.0, "owner lines {gap} apart");
        }
    }

    /// An owner line never covers another system's box, even one placed later (less important):
    /// before, "Market Data Services (Olga Petrova)" was written over the box below its system.
    #[test]
    fn an_owner_line_never_covers_a_box_below() {
        let theme = Theme::get(crate::theme::ThemeName::Light);
        let mut feed = request("feed", "Market feed", [0.0, 0.0], 10);
        feed.owner = "Market Data Services (Olga Petrova)";
        feed.rect = Rect::from_center_size([0.0, 0.0], [200.0, 30.0]);
        let mut cache = request("cache", "Price cache", [0.0, 40.0], 1);
        cache.rect = Rect::from_center_size([0.0, 40.0], [200.0, 30.0]);
        let requests = [feed, cache];
        let mut occupied = Occupancy::new(96.0);
        let plans = place_labels(&requests, 1.0, &theme, &mut occupied, None);
        let plan = |id: &str| plans.iter().find(|p| requests[p.index].id == id).unwrap();
        if let Some((at, text)) = &plan("feed").owner {
            let size = [text_width(text, theme.small_px), theme.small_px * LINE];
            let r = Rect::from_min_size(*at, size);
            assert!(
                !r.intersects(&plan("cache").rect),
                "{text} covers the cache"
            );
        }
        // With room below, the owner line is shown.
        let mut far = requests;
        far[1].rect = Rect::from_center_size([0.0, 120.0], [200.0, 30.0]);
        let mut occupied = Occupancy::new(96.0);
        let plans = place_labels(&far, 1.0, &theme, &mut occupied, None);
        assert!(plans.iter().any(|p| p.owner.is_some()));
    }
}
