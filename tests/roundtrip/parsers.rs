//! Structure-aware fuzzing that runs in CI: the samples mutated token by token (fields deleted,
//! duplicated, swapped or renamed, huge numbers, deep nesting, unicode, truncation) and generated
//! CSV (repeated and unknown columns, quoting, BOMs, non-ASCII ids, empty and ragged rows, CRLF),
//! each checked against the promises in `parse_checks` (the cargo-fuzz targets in `fuzz/` check
//! the same ones on raw bytes).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]

use super::parse_checks;

use proptest::prelude::*;
use proptest::sample::{Index, select};

// ---------------------------------------------------------------- RON

/// A token of RON text: its bytes and whether it is a string, a number or a field name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Str,
    Num,
    Ident,
    Open,
    Close,
    Comma,
    Colon,
    Space,
    Other,
}

/// Splits RON text into tokens whose concatenation is the text.
fn tokens(text: &str) -> Vec<(Kind, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = match c {
            '"' => {
                let mut escaped = false;
                rest[1..]
                    .char_indices()
                    .find(|&(_, ch)| {
                        let end = ch == '"' && !escaped;
                        escaped = ch == '\\' && !escaped;
                        end
                    })
                    .map_or(rest.len(), |(i, _)| i + 2)
            }
            c if c.is_whitespace() => rest
                .find(|ch: char| !ch.is_whitespace())
                .unwrap_or(rest.len()),
            c if c.is_ascii_digit() || c == '-' => rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || matches!(ch, '.' | '-' | '+')))
                .unwrap_or(rest.len()),
            c if c.is_alphabetic() || c == '_' => rest
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
                .unwrap_or(rest.len()),
            c => c.len_utf8(),
        };
        let kind = match c {
            '"' => Kind::Str,
            '(' | '[' | '{' => Kind::Open,
            ')' | ']' | '}' => Kind::Close,
            ',' => Kind::Comma,
            ':' => Kind::Colon,
            c if c.is_whitespace() => Kind::Space,
            c if c.is_ascii_digit() || c == '-' => Kind::Num,
            c if c.is_alphabetic() || c == '_' => Kind::Ident,
            _ => Kind::Other,
        };
        out.push((kind, &rest[..len]));
        rest = &rest[len..];
    }
    out
}

/// Token ranges `name: value,` of every struct field (the comma included when there is one).
fn fields(toks: &[(Kind, String)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for start in 0..toks.len() {
        if toks[start].0 != Kind::Ident {
            continue;
        }
        let colon = toks[start + 1..]
            .iter()
            .position(|t| t.0 != Kind::Space)
            .map(|i| start + 1 + i);
        if !colon.is_some_and(|i| toks[i].0 == Kind::Colon) {
            continue;
        }
        let mut depth = 0i32;
        let mut end = toks.len();
        for (i, t) in toks.iter().enumerate().skip(start + 1) {
            match t.0 {
                Kind::Open => depth += 1,
                Kind::Close if depth == 0 => {
                    end = i;
                    break;
                }
                Kind::Close => depth -= 1,
                Kind::Comma if depth == 0 => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        out.push((start, end));
    }
    out
}

const FIELD_NAMES: &[&str] = &[
    "version",
    "title",
    "systems",
    "dependencies",
    "id",
    "name",
    "from",
    "to",
    "type",
    "kind",
    "criticality",
    "pos",
    "timezone",
    "windows",
    "start_min",
    "load",
    "value",
    "scenarios",
    "added",
    "removed",
    "titel",
    "ünïcode",
];

/// Fields whose text is free: a new value keeps the file valid, whatever its characters.
const PROSE: &[&str] = &[
    "title",
    "name",
    "description",
    "notes",
    "label",
    "owner",
    "tech",
];

const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "2",
    "255",
    "256",
    "1439",
    "1440",
    "65536",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "340282366920938463463374607431768211456",
    "1e308",
    "1e309",
    "-1e309",
    "1e-400",
    "NaN",
    "inf",
    "-inf",
    "0.0",
    "-0.0",
    "0x7f",
    "0b101",
    "1_000",
    "3.",
    ".5",
];

const STRINGS: &[&str] = &[
    "\"\"",
    "\"über-straße\"",
    "\"Über Straße\"",
    "\"東京\"",
    "\"🙂\"",
    "\"a\\\"b\"",
    "\"\\u{0}\"",
    "\"\\u{202e}rtl\"",
    "\"e\\u{301}\"",
    "\"line\\nbreak\"",
    "\"Europe/Berln\"",
    "\"a->b:sync\"",
    "\"\\",
    "\"unterminated",
    "r#\"raw\"#",
    "\"sync\"",
    "\"async\"",
    "\"database\"",
];

/// One edit of the token list; `Index`es pick tokens relative to the current length.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteField(Index),
    DuplicateField(Index),
    SwapFields(Index, Index),
    RenameField(Index, &'static str),
    Number(Index, &'static str),
    Text(Index, &'static str),
    FreeText(Index, String),
    Prose(Index, String),
    DeleteTokens(Index, usize),
    DuplicateTokens(Index, usize),
    Nest(Index, usize, bool),
    Truncate(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => any::<Index>().prop_map(Mutation::DeleteField),
        3 => any::<Index>().prop_map(Mutation::DuplicateField),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapFields(a, b)),
        2 => (any::<Index>(), select(FIELD_NAMES)).prop_map(|(i, n)| Mutation::RenameField(i, n)),
        3 => (any::<Index>(), select(NUMBERS)).prop_map(|(i, n)| Mutation::Number(i, n)),
        2 => (any::<Index>(), select(STRINGS)).prop_map(|(i, s)| Mutation::Text(i, s)),
        2 => (any::<Index>(), "\\PC{0,12}").prop_map(|(i, s)| Mutation::FreeText(i, s)),
        4 => (any::<Index>(), "\\PC{0,16}").prop_map(|(i, s)| Mutation::Prose(i, s)),
        2 => (any::<Index>(), 1usize..6).prop_map(|(i, n)| Mutation::DeleteTokens(i, n)),
        1 => (any::<Index>(), 1usize..12).prop_map(|(i, n)| Mutation::DuplicateTokens(i, n)),
        1 => (any::<Index>(), prop_oneof![1usize..8, 60usize..70, 500usize..3000], any::<bool>())
            .prop_map(|(i, n, round)| Mutation::Nest(i, n, round)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
    ]
}

fn pick(toks: &[(Kind, String)], at: Index, kind: Kind) -> Option<usize> {
    let of_kind: Vec<usize> = (0..toks.len()).filter(|i| toks[*i].0 == kind).collect();
    (!of_kind.is_empty()).then(|| of_kind[at.index(of_kind.len())])
}

fn apply(toks: &mut Vec<(Kind, String)>, m: &Mutation) {
    let fields = fields(toks);
    let field = |at: &Index| (!fields.is_empty()).then(|| fields[at.index(fields.len())]);
    match m {
        Mutation::DeleteField(at) => {
            if let Some((a, b)) = field(at) {
                toks.drain(a..b);
            }
        }
        Mutation::DuplicateField(at) => {
            if let Some((a, b)) = field(at) {
                let mut copy: Vec<_> = toks[a..b].to_vec();
                if copy.last().is_none_or(|t| t.0 != Kind::Comma) {
                    copy.push((Kind::Comma, ",".into()));
                }
                toks.splice(a..a, copy);
            }
        }
        Mutation::SwapFields(x, y) => {
            if let (Some((a, b)), Some((c, d))) = (field(x), field(y))
                && (b <= c || d <= a)
            {
                let ((a, b), (c, d)) = if b <= c {
                    ((a, b), (c, d))
                } else {
                    ((c, d), (a, b))
                };
                let second: Vec<_> = toks[c..d].to_vec();
                let first: Vec<_> = toks[a..b].to_vec();
                toks.splice(c..d, first);
                toks.splice(a..b, second);
            }
        }
        Mutation::RenameField(at, name) => {
            if let Some((a, _)) = field(at) {
                toks[a].1 = (*name).to_owned();
            }
        }
        Mutation::Number(at, n) => {
            if let Some(i) = pick(toks, *at, Kind::Num) {
                toks[i].1 = (*n).to_owned();
            }
        }
        Mutation::Text(at, s) => {
            if let Some(i) = pick(toks, *at, Kind::Str) {
                toks[i].1 = (*s).to_owned();
            }
        }
        Mutation::FreeText(at, s) => {
            if let Some(i) = pick(toks, *at, Kind::Str) {
                toks[i].1 = format!("{s:?}");
            } else if !toks.is_empty() {
                let i = at.index(toks.len());
                toks.insert(i, (Kind::Other, s.clone()));
            }
        }
        Mutation::Prose(at, s) => {
            let prose: Vec<usize> = fields
                .iter()
                .filter(|(a, _)| PROSE.contains(&toks[*a].1.as_str()))
                .filter_map(|(a, b)| (*a..*b).find(|i| toks[*i].0 == Kind::Str))
                .collect();
            if !prose.is_empty() {
                let i = prose[at.index(prose.len())];
                toks[i].1 = format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
            }
        }
        Mutation::DeleteTokens(at, n) => {
            if !toks.is_empty() {
                let a = at.index(toks.len());
                toks.drain(a..(a + n).min(toks.len()));
            }
        }
        Mutation::DuplicateTokens(at, n) => {
            if !toks.is_empty() {
                let a = at.index(toks.len());
                let copy: Vec<_> = toks[a..(a + n).min(toks.len())].to_vec();
                toks.splice(a..a, copy);
            }
        }
        Mutation::Nest(at, depth, round) => {
            let (open, close) = if *round { ("(", ")") } else { ("[", "]") };
            let i = at.index(toks.len() + 1);
            let value = (
                Kind::Other,
                format!("{}{}", open.repeat(*depth), close.repeat(*depth)),
            );
            toks.insert(i, value);
        }
        Mutation::Truncate(at) => {
            let text: String = toks.iter().map(|t| t.1.as_str()).collect();
            let mut cut = at.index(text.len() + 1);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            *toks = vec![(Kind::Other, text[..cut].to_owned())];
        }
    }
}

fn mutated_sample() -> impl Strategy<Value = (usize, String)> {
    (
        0..parse_checks::samples().len(),
        prop::collection::vec(mutation(), 1..3),
    )
        .prop_map(|(sample, ms)| {
            let text = parse_checks::samples()[sample].1;
            let mut toks: Vec<(Kind, String)> = tokens(text)
                .into_iter()
                .map(|(k, s)| (k, s.to_owned()))
                .collect();
            for m in &ms {
                apply(&mut toks, m);
            }
            (sample, toks.into_iter().map(|t| t.1).collect())
        })
}

#[test]
fn the_tokenizer_keeps_every_byte_and_finds_every_field() {
    for (name, text) in parse_checks::samples() {
        let toks = tokens(text);
        assert_eq!(
            toks.iter().map(|t| t.1).collect::<String>(),
            *text,
            "{name}"
        );
        let owned: Vec<(Kind, String)> = toks.iter().map(|(k, s)| (*k, (*s).to_owned())).collect();
        let names: Vec<&str> = fields(&owned)
            .iter()
            .map(|(a, _)| owned[*a].1.as_str())
            .collect();
        assert_eq!(
            names.iter().filter(|n| **n == "version").count(),
            1,
            "{name}"
        );
        assert!(names.iter().filter(|n| **n == "id").count() > 20, "{name}");
        parse_checks::ron_text(text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_samples_load_or_say_where((_sample, text) in mutated_sample()) {
        parse_checks::ron_text(&text);
    }

    #[test]
    fn arbitrary_text_loads_or_says_where(text in "\\(version: 1,\\PC{0,60}") {
        parse_checks::ron_text(&text);
    }

    #[test]
    fn arbitrary_bytes_load_or_say_where(bytes in prop::collection::vec(any::<u8>(), 0..80)) {
        parse_checks::ron_bytes(&bytes);
    }
}

// ---------------------------------------------------------------- editable PNG

/// A small PNG carrying `text` as its workspace, as an export writes it.
fn png_carrying(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, 3, 2);
    enc.set_color(png::ColorType::Rgba);
    let mut w = enc.write_header().unwrap();
    let mut chunk = png::text_metadata::ITXtChunk::new(depdig::io::png_workspace::KEYWORD, text);
    chunk.compressed = true;
    w.write_text_chunk(&chunk).unwrap();
    w.write_image_data(&[7u8; 24]).unwrap();
    w.finish().unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    /// Mutated workspace text inside a PNG keeps the text's promises.
    #[test]
    fn mutated_samples_in_a_png_load_or_say_where((_sample, text) in mutated_sample()) {
        let loaded = parse_checks::png_bytes(&png_carrying(&text));
        prop_assert_eq!(loaded, depdig::io::load_str(&text, std::path::Path::new("x.ron")).is_ok());
    }

    /// Overwritten bytes and cuts in an exported PNG: an error or the very text, never a panic.
    #[test]
    fn damaged_pngs_are_refused_or_read_whole(
        sample in 0..parse_checks::samples().len(),
        hits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        cut in any::<prop::sample::Index>(),
    ) {
        let text = parse_checks::samples()[sample].1;
        let mut png = png_carrying(text);
        for (at, byte) in &hits {
            let i = at.index(png.len());
            png[i] = *byte;
        }
        let keep = cut.index(png.len() + 1);
        parse_checks::png_bytes(&png[..keep]);
        if let Ok(got) = depdig::io::png_workspace::workspace_text(&png[..keep]) {
            prop_assert_eq!(got, text);
        }
    }

    #[test]
    fn arbitrary_bytes_after_a_png_signature_say_what_is_wrong(
        bytes in prop::collection::vec(any::<u8>(), 0..120),
    ) {
        prop_assert!(!parse_checks::png_bytes(&bytes));
    }
}

// ---------------------------------------------------------------- CSV

/// Columns a header may have besides the required ones: optional ones of both files (a nodes
/// column is unknown in the edges file and the other way round), and columns no file knows.
fn optional_columns() -> Vec<&'static str> {
    use depdig::io::csv_import::{EDGE_COLUMNS, NODE_COLUMNS};
    let mut columns: Vec<&'static str> = NODE_COLUMNS
        .iter()
        .chain(EDGE_COLUMNS)
        .copied()
        .filter(|c| !["id", "source", "target"].contains(c))
        .collect();
    columns.dedup();
    columns.sort_unstable();
    columns.dedup();
    columns.extend(["", "unknown", "Größe"]);
    columns
}

const IDS: &[&str] = &[
    "a",
    "b",
    "c",
    "api-gateway",
    "checkout",
    "auth",
    "Über Straße",
    "über-straße",
    "U\u{308}ber Straße",
    "東京",
    "İstanbul",
    "Order Service (EU)",
    "!!!",
    "-x",
    "a\"b",
    "x,y",
    "multi\nline",
    "",
];

/// The words a column takes, a wrong one last.
fn words(column: &str) -> &'static [&'static str] {
    match column.trim().to_ascii_lowercase().as_str() {
        "id" | "source" | "target" => IDS,
        "kind" => &["service", "Database", "queue", "", "lambda"],
        "criticality" => &["low", "HIGH", "critical", "", "5"],
        "type" => &["sync", "ASYNC", "data", "", "telepathy"],
        "role" => &["produces", "consumes", "", "both"],
        "capacity" | "peak" => &["500 queries", "1,500 requests-per-sec", "", "lots"],
        "timeout_ms" | "retries" | "calls_per_request" => &["1", "30000", "", "-1"],
        "circuit_breaker" | "blocking" | "fallback" => &["true", "no", "", "maybe"],
        _ => &[],
    }
}

/// A cell: a word of its column (rarely the wrong one), or any text.
#[derive(Debug, Clone)]
struct Cell {
    word: Index,
    wrong: bool,
    text: Option<String>,
}

fn cell() -> impl Strategy<Value = Cell> {
    (
        any::<Index>(),
        prop::bool::weighted(0.02),
        prop::option::weighted(0.3, prop_oneof![3 => "\\PC{0,10}", 1 => "[\",\r\n ]{0,4}"]),
    )
        .prop_map(|(word, wrong, text)| Cell { word, wrong, text })
}

impl Cell {
    fn text(&self, column: &str) -> String {
        let words = words(column);
        match (&self.text, words.len()) {
            (Some(text), 0) => text.clone(),
            (_, 0) => String::new(),
            (_, n) if self.wrong => words[n - 1].to_owned(),
            (_, n) => words[self.word.index(n - 1)].to_owned(),
        }
    }
}

/// One row: blank, as wide as the header, or of another width.
#[derive(Debug, Clone)]
enum Row {
    Blank,
    Full(Vec<Cell>),
    Ragged(Vec<Cell>),
}

fn row() -> impl Strategy<Value = Row> {
    let cells = || prop::collection::vec(cell(), 12);
    prop_oneof![
        1 => Just(Row::Blank),
        30 => cells().prop_map(Row::Full),
        1 => prop::collection::vec(cell(), 0..4).prop_map(Row::Ragged),
    ]
}

/// One generated CSV file: header, rows, and how it is written out.
#[derive(Debug, Clone)]
struct Table {
    bom: bool,
    crlf: bool,
    header: Vec<String>,
    rows: Vec<Row>,
    /// Quote every cell (otherwise only those that need it).
    quote_all: bool,
    /// A stray quote or invalid UTF-8 somewhere, as a broken export has.
    damage: Option<(Index, u8)>,
}

/// A header: the required columns (rarely not all), optional ones, in any order and spelling,
/// rarely one of them twice.
fn header(required: &'static [&'static str]) -> impl Strategy<Value = Vec<String>> {
    (
        prop::sample::subsequence(required, 0..=required.len()),
        prop::bool::weighted(0.97),
        prop::sample::subsequence(optional_columns(), 0..5),
        prop::option::weighted(0.05, any::<Index>()),
        any::<bool>(),
    )
        .prop_map(move |(present, complete, optional, repeat, shout)| {
            let mut header: Vec<&str> = if complete { required.to_vec() } else { present };
            header.extend(optional);
            if let Some(at) = repeat.filter(|_| !header.is_empty()) {
                header.push(header[at.index(header.len())]);
            }
            header
                .into_iter()
                .map(|c| {
                    if shout {
                        format!(" {} ", c.to_uppercase())
                    } else {
                        c.to_owned()
                    }
                })
                .collect::<Vec<String>>()
        })
        .prop_flat_map(|header| Just(header).prop_shuffle())
}

fn table(required: &'static [&'static str]) -> impl Strategy<Value = Table> {
    (
        any::<bool>(),
        any::<bool>(),
        header(required),
        any::<bool>(),
        prop::collection::vec(row(), 0..10),
        prop::option::weighted(
            0.05,
            (any::<Index>(), select(&[b'"', 0xff, 0xc3, b'\r'][..])),
        ),
    )
        .prop_map(|(bom, crlf, header, quote_all, rows, damage)| Table {
            bom,
            crlf,
            header,
            rows,
            quote_all,
            damage,
        })
}

fn field(s: &str, quote_all: bool) -> String {
    if quote_all || s.contains(['"', ',', '\n', '\r']) || s.starts_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

impl Table {
    fn bytes(&self) -> Vec<u8> {
        let nl = if self.crlf { "\r\n" } else { "\n" };
        let mut text = String::new();
        if self.bom {
            text.push('\u{feff}');
        }
        let header: Vec<String> = self.header.iter().map(|h| field(h, false)).collect();
        text.push_str(&header.join(","));
        text.push_str(nl);
        for row in &self.rows {
            let cells: Vec<String> = match row {
                Row::Blank => Vec::new(),
                Row::Full(cells) => self
                    .header
                    .iter()
                    .zip(cells.iter().cycle())
                    .map(|(column, c)| field(&c.text(column), self.quote_all))
                    .collect(),
                Row::Ragged(cells) => cells
                    .iter()
                    .map(|c| field(&c.text(""), self.quote_all))
                    .collect(),
            };
            text.push_str(&cells.join(","));
            text.push_str(nl);
        }
        let mut bytes = text.into_bytes();
        if let Some((at, byte)) = self.damage {
            bytes.insert(at.index(bytes.len() + 1), byte);
        }
        bytes
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_csv_imports_or_says_where(
        nodes in prop::option::weighted(0.8, table(&["id"])),
        edges in prop::option::weighted(0.6, table(&["source", "target"])),
        base in 0..parse_checks::csv_bases().len(),
    ) {
        let (nodes, edges) = (nodes.map(|t| t.bytes()), edges.map(|t| t.bytes()));
        parse_checks::csv(
            nodes.as_deref(),
            edges.as_deref(),
            &parse_checks::csv_bases()[base],
        );
    }
}

#[test]
fn raw_fuzzer_inputs_split_into_nodes_and_edges() {
    // The cargo-fuzz target's input layout: the base, nodes, NUL, edges.
    assert!(parse_checks::csv_bytes(
        b"0id,label\nshop,Shop\n\0source,target\nshop,db\n"
    ));
    assert!(parse_checks::csv_bytes(
        b"1\0source,target\nshop,checkout\n"
    ));
    assert!(
        parse_checks::csv_bytes(b""),
        "no file at all imports nothing"
    );
    assert!(!parse_checks::csv_bytes(b"0id,label,label\na,A,B\n"));
    assert!(!parse_checks::ron_bytes(
        b"(version: 1, title: \"\xff\", oops)"
    ));
}

/// Counts how many of `n` generated inputs parse: the generators must reach both outcomes, or
/// the properties above would only ever check one of them.
fn loaded_share<T: std::fmt::Debug>(
    strategy: impl Strategy<Value = T>,
    n: usize,
    parse: impl Fn(&T) -> bool,
) -> f64 {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let loaded = (0..n)
        .filter(|_| parse(&strategy.new_tree(&mut runner).unwrap().current()))
        .count();
    loaded as f64 / n as f64
}

#[test]
fn the_generators_reach_both_outcomes() {
    let ron = loaded_share(mutated_sample(), 120, |(_, text)| {
        parse_checks::ron_text(text)
    });
    let csv = loaded_share(
        (table(&["id"]), table(&["source", "target"])),
        120,
        |(n, e)| {
            parse_checks::csv(
                Some(&n.bytes()),
                Some(&e.bytes()),
                &parse_checks::csv_bases()[0],
            )
        },
    );
    eprintln!("loaded: {ron:.2} of mutated samples, {csv:.2} of generated CSV pairs");
    assert!((0.1..0.9).contains(&ron), "{ron}");
    assert!((0.1..0.9).contains(&csv), "{csv}");
}

/// The fuzz seeds and every input a campaign found a defect with (`fuzz/regressions/TARGET/`)
/// pass the checks here too, so a fixed crash stays fixed in CI.
#[test]
fn fuzz_seeds_and_regressions_pass_the_checks() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut seen = 0;
    for kind in ["seeds", "regressions"] {
        for (target, check) in [
            ("ron_load", parse_checks::ron_bytes as fn(&[u8]) -> bool),
            ("csv_import", parse_checks::csv_bytes),
        ] {
            let Ok(dir) = std::fs::read_dir(root.join(kind).join(target)) else {
                continue;
            };
            for entry in dir {
                let path = entry.unwrap().path();
                let loaded = check(&std::fs::read(&path).unwrap());
                // Seeds are meant to parse, except those named for what they test.
                if kind == "seeds" && !path.to_string_lossy().contains("newer-version") {
                    assert!(loaded, "seed {} does not parse", path.display());
                }
                seen += 1;
            }
        }
    }
    assert!(
        seen >= 8,
        "only {seen} seeds found under {}",
        root.display()
    );
}

// ---------------------------------------------------------------- Artefacts

/// Real artefact files, each with the reader that reads it (an index into `ARTEFACT_PATHS`).
fn artefact_fixtures() -> [(usize, &'static str); 6] {
    [
        (
            0,
            include_str!("../fixtures/import/sock-shop/docker-compose.yml"),
        ),
        (
            1,
            include_str!("../fixtures/import/online-boutique/frontend.yaml"),
        ),
        (
            2,
            include_str!("../fixtures/import/decentraland-architecture/architecture.dot"),
        ),
        (
            3,
            "flowchart LR\n  a[Shop] --> b[(Orders DB)]\n  subgraph pay [Payments]\n    c -.-> d\n  end\n  a ==> c\n",
        ),
        (
            4,
            include_str!("../fixtures/import/structurizr-examples/big-bank-plc.dsl"),
        ),
        (5, include_str!("../fixtures/import/jaeger-ui/small.json")),
    ]
}

/// A real file cut, spliced and sprinkled with the characters its syntax cares about.
fn mutated_artefact() -> impl Strategy<Value = (usize, String)> {
    (
        0..6usize,
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                0..4u8,
                "[:{}\\[\\]\"'#\\-&>|=$ \n\t]{0,4}",
            ),
            1..6,
        ),
    )
        .prop_map(|(which, edits)| {
            let (reader, text) = artefact_fixtures()[which];
            let mut chars: Vec<char> = text.chars().collect();
            for (at, kind, junk) in edits {
                if chars.is_empty() {
                    break;
                }
                let i = at.index(chars.len());
                match kind {
                    0 => {
                        let end = (i + 40).min(chars.len());
                        chars.drain(i..end);
                    }
                    1 => {
                        let piece: Vec<char> = chars[i..(i + 60).min(chars.len())].to_vec();
                        chars.splice(i..i, piece);
                    }
                    _ => {
                        chars.splice(i..i, junk.chars());
                    }
                }
            }
            (reader, chars.into_iter().collect())
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_artefacts_read_or_say_where((reader, text) in mutated_artefact()) {
        parse_checks::artefact(reader, &text);
    }

    #[test]
    fn arbitrary_bytes_read_as_artefacts_or_say_where(bytes in prop::collection::vec(any::<u8>(), 0..120)) {
        parse_checks::artefact_bytes(&bytes);
    }
}

#[test]
fn the_real_artefacts_read_as_they_are() {
    for (reader, text) in artefact_fixtures() {
        assert!(parse_checks::artefact(reader, text), "reader {reader}");
    }
}
