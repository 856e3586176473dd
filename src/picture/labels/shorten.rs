//! Names shortened in the middle to fit a width, keeping what tells them from the other names
//! on the map ([`shorten_name`]): the label placement ([`super::place_labels`]) asks for them.

use std::collections::HashMap;

/// The longest form of `text` that `measure` says fits `width`: the whole text, or its start and
/// end around an ellipsis (at least four characters kept). `None` when not even that fits.
pub fn shorten_middle(text: &str, width: f32, measure: impl Fn(&str) -> f32) -> Option<String> {
    shorten_name(text, width, measure, None)
}

/// The names on a map, for telling a shortened name from the others ([`shorten_name`]).
pub struct NameSet<'a> {
    sorted: Vec<&'a str>,
    /// How many names end with each ending that begins at a separator ("-service").
    endings: HashMap<&'a str, usize>,
}

impl<'a> NameSet<'a> {
    pub fn new(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut sorted: Vec<&str> = names.into_iter().collect();
        sorted.sort_unstable();
        let mut endings: HashMap<&str, usize> = HashMap::new();
        for n in &sorted {
            for i in separators(n) {
                *endings.entry(&n[i..]).or_default() += 1;
            }
        }
        NameSet { sorted, endings }
    }

    /// The longest end of `text` that begins at a separator, leaves some of it, and that at
    /// least a quarter of the names on the map (and three at least) end with: "-service" on
    /// Train Ticket, which tells none of them apart either.
    pub fn common_ending<'t>(&self, text: &'t str) -> Option<&'t str> {
        let least = self.shared_by();
        separators(text)
            .map(|i| &text[i..])
            .find(|end| self.endings.get(end).is_some_and(|n| *n >= least))
    }

    /// How many names a start or end is shared by, at least, to tell none of them apart: a
    /// quarter of them, and three at least.
    fn shared_by(&self) -> usize {
        (self.sorted.len() / 4).max(3)
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

    /// The longest start of `text` that ends at a separator (`-`, `_`, `.`, `/` or `:`, not a
    /// space: "Shipping " in "Shipping service" is a word that says what it is), leaves some
    /// of it, and that at least a quarter of the names on the map (and three at least) begin
    /// with: a project's prefix ("ts-" on Train Ticket, "snuba-" on Sentry) that tells none of
    /// them apart.
    pub fn common_prefix<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.common_prefixes(text).last()
    }

    /// Every start of `text` that [`NameSet::common_prefix`] could be, shortest first.
    fn common_prefixes<'t>(&self, text: &'t str) -> impl Iterator<Item = &'t str> {
        let least = self.shared_by();
        let starting = move |head: &str| {
            let from = self.sorted.partition_point(|n| *n < head);
            self.sorted[from..]
                .iter()
                .take_while(|n| n.starts_with(head))
                .take(least)
                .count()
        };
        separators(text)
            .map(|i| &text[..=i])
            .take_while(move |head| head.len() < text.len() && starting(head) >= least)
    }

    /// Whether `shown` (a form of `own` from [`shorten_name`]: whole, or with one or two
    /// ellipses) reads as another name on the map too.
    ///
    /// A form without `own`'s common prefix ([`NameSet::common_prefix`]: "news…e" for
    /// "ts-news-service") reads as another name with that prefix too ("ts-newsletter-service"),
    /// or with any shorter prefix that many names share.
    pub fn ambiguous(&self, own: &str, shown: &str) -> bool {
        self.ambiguous_as_is(own, shown)
            || self
                .common_prefixes(own)
                .any(|p| !shown.starts_with(p) && self.ambiguous_as_is(own, &format!("{p}{shown}")))
    }

    fn ambiguous_as_is(&self, own: &str, shown: &str) -> bool {
        let parts: Vec<&str> = shown.split('…').collect();
        match parts.as_slice() {
            [head, tail] => self.alike(own, head, tail) > 0,
            [head, mid, tail] => self.alike_around(own, head, mid, tail) > 0,
            // Whole: another name itself.
            _ => shown != own && self.sorted.binary_search(&shown).is_ok(),
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

/// What ends a name's common prefix ([`NameSet::common_prefix`]) and begins its common ending
/// ([`NameSet::common_ending`]).
const SEPARATORS: [char; 5] = ['-', '_', '.', '/', ':'];

/// Byte offsets of the separators in `text` past its first character (each one byte long).
fn separators(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.char_indices()
        .filter(|(i, c)| *i > 0 && SEPARATORS.contains(c))
        .map(|(i, _)| i)
}

/// The longest form of `text` that `measure` says fits `width`: the whole text, or a start and
/// an end around an ellipsis (at least four characters kept). Of the ways to split what is
/// kept, the one fewest other `names` on the map also read as wins ("Order 2 service" →
/// "Order 2…ce" beside "Order 1 service", not "Order…ice"), then the one nearest the middle
/// (a little more of the start). `None` when not even four characters fit.
///
/// On a map where many names share a prefix ("ts-" on Train Ticket), the prefix tells nothing,
/// and the map's readers know it: when the form without it ("news…e" for "ts-news-service",
/// where "ts-n…e" reads as "ts-notification-service" too) keeps more of what tells the name
/// apart, or tells it apart where no form with the prefix does, that form wins.
pub fn shorten_name(
    text: &str,
    width: f32,
    measure: impl Fn(&str) -> f32,
    names: Option<&NameSet<'_>>,
) -> Option<String> {
    if measure(text) <= width {
        return Some(text.to_owned());
    }
    let whole = shorten_whole(text, width, &measure, names);
    let Some((names, prefix)) = names.and_then(|n| Some((n, n.common_prefix(text)?))) else {
        return whole;
    };
    let Some(past) = past_prefix(text, prefix, width, &measure, names) else {
        return whole;
    };
    let Some(whole_form) = whole.as_deref() else {
        return Some(past);
    };
    // What each shows of the name past the prefix and short of an ending most names share
    // ("t…ts-service" shows "ts" of "ts-contacts-service", "contac…ice" shows "contac"), then
    // what it shows past the prefix.
    let ending = names.common_ending(text).map_or(0, |e| e.chars().count());
    let telling = |form: &str| {
        let shown = form.chars().filter(|c| *c != '…').count();
        let head = form.split('…').next().unwrap_or("");
        let past = if form.starts_with(prefix) || prefix.starts_with(head) {
            shown.saturating_sub(head.chars().count().min(prefix.chars().count()))
        } else {
            shown
        };
        let tail = form.rsplit('…').next().unwrap_or("").chars().count();
        (past.saturating_sub(tail.min(ending)), past)
    };
    let better = names.ambiguous(text, whole_form) || telling(&past) > telling(whole_form);
    Some(if better { past } else { whole_form.to_owned() })
}

/// Forms of `text` past its common `prefix`, measured at most by [`past_prefix`].
const PAST_TRIED: usize = 60;

/// The longest form of `text` without its `prefix` that fits `width` and that no other of
/// `names` reads as (with the prefix or without): the rest ("news-service"), or a start and an
/// end of it around an ellipsis ("news…e"), the start a little the longer. `None` when none
/// does.
fn past_prefix(
    text: &str,
    prefix: &str,
    width: f32,
    measure: &impl Fn(&str) -> f32,
    names: &NameSet<'_>,
) -> Option<String> {
    let rest = &text[prefix.len()..];
    if measure(rest) <= width {
        return (!names.ambiguous(text, rest)).then(|| rest.to_owned());
    }
    let at: Vec<usize> = rest
        .char_indices()
        .map(|(i, _)| i)
        .chain([rest.len()])
        .collect();
    let len = at.len() - 1;
    let form = |keep: usize, head: usize| {
        let (h, t) = (
            rest[..at[head]].trim_end(),
            rest[at[len - (keep - head)]..].trim_start(),
        );
        format!("{h}…{t}")
    };
    let middle_of = |keep: usize| (keep.div_ceil(2) + keep / 6).clamp(1, keep - 1);
    let mut tried = 0;
    for keep in (3..len).rev() {
        tried += 1;
        if tried > PAST_TRIED {
            return None;
        }
        // The longest kept length whose middle split fits first: shorter ones only then.
        if measure(&form(keep, middle_of(keep))) > width {
            continue;
        }
        // Heads from the middle split outwards.
        let mut heads: Vec<usize> = (1..keep).collect();
        heads.sort_by_key(|&h| (h.abs_diff(middle_of(keep)), std::cmp::Reverse(h)));
        for head in heads {
            tried += 1;
            if tried > PAST_TRIED {
                return None;
            }
            let candidate = form(keep, head);
            if measure(&candidate) <= width && !names.ambiguous(text, &candidate) {
                return Some(candidate);
            }
        }
    }
    None
}

/// [`shorten_name`] keeping the name's start, whatever it is.
fn shorten_whole(
    text: &str,
    width: f32,
    measure: &impl Fn(&str) -> f32,
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

    /// Issue 16.4: where a quarter of the names share a project's prefix, a short form leaves
    /// it out when that keeps more of what tells the name apart. Before, on Train Ticket (69
    /// systems, 67 named "ts-…"), "ts-news-service" in a small box was "ts-n…e", which reads
    /// as "ts-notification-service" too, and counted as no name at all.
    #[test]
    fn a_prefix_most_names_share_is_left_out_of_a_short_form() {
        let names = [
            "ts-news-service",
            "ts-notification-service",
            "ts-news-mongo",
            "ts-order-service",
            "ts-order-other-service",
            "ts-order-mongo",
            "redis",
        ];
        let set = NameSet::new(names.iter().copied());
        assert_eq!(set.common_prefix("ts-news-service"), Some("ts-"));
        assert_eq!(set.common_prefix("redis"), None);
        let short = |n: &str, w: f32| shorten_name(n, w, chars, Some(&set)).unwrap();
        // The rest where it fits, a start and end of the rest where it does not.
        assert_eq!(short("ts-news-service", 12.0), "news-service");
        assert_eq!(short("ts-news-service", 6.0), "new…ce");
        assert!(!set.ambiguous("ts-news-service", "new…ce"));
        // A form without the prefix that reads as another name with it is not shown:
        // "ord…ce" is "ts-order-service" and "ts-order-other-service" alike.
        let other = short("ts-order-other-service", 6.0);
        assert!(!set.ambiguous("ts-order-other-service", &other), "{other}");
        assert!(set.ambiguous("ts-order-service", "ord…ce"));
        // A whole name that fits is never touched.
        assert_eq!(short("ts-news-mongo", 20.0), "ts-news-mongo");
        // Without a shared prefix, nothing changes.
        let plain = NameSet::new(["news-service", "order-service", "redis"]);
        assert_eq!(plain.common_prefix("news-service"), None);
    }

    /// Issue 16.4: an ending most names share ("-service") tells as little as their common
    /// prefix, so a short form keeps the part of the name that tells it apart. Before, on Train
    /// Ticket in a 1280×800 window, "ts-contacts-service" read "t…ts-service".
    #[test]
    fn an_ending_most_names_share_counts_for_nothing_in_a_short_form() {
        let csv = include_str!("../../../tests/fixtures/train-ticket/nodes.csv");
        let names: Vec<&str> = csv
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').nth(1))
            .collect();
        let set = NameSet::new(names.iter().copied());
        assert_eq!(set.common_ending("ts-contacts-service"), Some("-service"));
        assert_eq!(set.common_ending("ts-contacts-mongo"), Some("-mongo"));
        assert_eq!(set.common_ending("redis"), None);
        // At 12 pixels, 80 wide: room for eleven characters of "ts-contacts-service" only
        // split far from the middle.
        let measure = |t: &str| super::super::label_width(t, 12.0);
        let short = shorten_name("ts-contacts-service", 80.0, measure, Some(&set)).unwrap();
        assert!(measure(&short) <= 80.0, "{short}");
        assert!(short.contains("conta"), "{short}");
        assert!(!set.ambiguous("ts-contacts-service", &short), "{short}");
    }
}
