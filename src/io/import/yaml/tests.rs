use super::*;

fn one(text: &str) -> Node {
    let mut docs = parse(text).unwrap();
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

#[test]
fn every_key_and_value_knows_its_line() {
    let doc = one(
        "services:\n  user:\n    image: weaveworksdemos/user\n    environment:\n      - MONGO_HOST=user-db:27017\n",
    );
    let user = doc.get("services").unwrap().get("user").unwrap();
    assert_eq!(user.get("image").unwrap().line, 3);
    let env = user.get("environment").unwrap().strings();
    assert_eq!(env, vec![("MONGO_HOST=user-db:27017", 5)]);
    let (key, _) = doc.get("services").unwrap().entry("user").unwrap();
    assert_eq!(key.line, 2);
}

#[test]
fn nulls_are_plain_and_quoted_words_stay_text() {
    let doc = one("a:\nb: ~\nc: 'null'\nd: 42\n");
    assert_eq!(doc.get("a").unwrap().value, Value::Null);
    assert_eq!(doc.get("b").unwrap().value, Value::Null);
    assert_eq!(doc.get("c").unwrap().as_str(), Some("null"));
    assert_eq!(doc.get("d").unwrap().as_str(), Some("42"));
}

#[test]
fn several_documents_are_read_in_order() {
    let docs = parse("kind: Service\n---\nkind: Deployment\n---\n").unwrap();
    let kinds: Vec<_> = docs
        .iter()
        .filter_map(|d| d.get("kind").and_then(Node::as_str))
        .collect();
    assert_eq!(kinds, ["Service", "Deployment"]);
}

#[test]
fn anchors_aliases_and_merge_keys_resolve_with_the_own_keys_winning() {
    let doc = one("x-base: &base\n  image: a\n  restart: always\n\
         x-more: &more\n  image: b\n  user: root\n\
         s:\n  <<: [*base, *more]\n  restart: 'no'\n\
         t: *base\n");
    let s = doc.get("s").unwrap();
    assert_eq!(s.get("image").unwrap().as_str(), Some("a"));
    assert_eq!(s.get("restart").unwrap().as_str(), Some("no"));
    assert_eq!(s.get("user").unwrap().as_str(), Some("root"));
    assert!(s.get("<<").is_none());
    assert_eq!(
        doc.get("t").unwrap().get("image").unwrap().as_str(),
        Some("a")
    );
}

#[test]
fn a_billion_laughs_is_refused_not_expanded() {
    let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        let row = [prev.as_str(); 10].join(", ");
        wl!(text, "a{i}: &a{i} [{row}]");
    }
    let start = std::time::Instant::now();
    let err = parse(&text).unwrap_err();
    assert!(err.message.contains("alias bomb"), "{}", err.message);
    assert!(err.line >= 6, "refused where it grows: line {}", err.line);
    assert!(start.elapsed().as_secs() < 10);
}

#[test]
fn an_alias_used_a_few_times_is_fine() {
    let doc = one("a: &a {x: 1}\nb: [*a, *a, *a]\n");
    assert_eq!(doc.get("b").unwrap().as_seq().unwrap().len(), 3);
}

#[test]
fn deep_nesting_is_refused_in_both_styles() {
    let flow = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let err = parse(&flow).unwrap_err();
    assert!(err.message.contains("nested"), "{}", err.message);
    let mut block = String::new();
    for i in 0..200 {
        block.push_str(&" ".repeat(i));
        block.push_str("k:\n");
    }
    let err = parse(&block).unwrap_err();
    assert!(err.message.contains("nested more than"), "{}", err.message);
    assert_eq!(err.line, 65);
}

#[test]
fn nesting_within_the_limit_is_read() {
    let text = format!("{}1{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&text).is_ok());
}

#[test]
fn too_many_documents_are_refused() {
    let text = "a: 1\n---\n".repeat(MAX_DOCUMENTS + 1);
    let err = parse(&text).unwrap_err();
    assert!(err.message.contains("documents"), "{}", err.message);
}

#[test]
fn syntax_errors_and_undefined_aliases_say_the_line() {
    let err = parse("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
    assert!(err.line >= 2, "{err:?}");
    let err = parse("a: 1\nb: *nope\n").unwrap_err();
    assert_eq!(err.line, 2, "{err:?}");
}

#[test]
fn no_input_panics() {
    for text in [
        "",
        "---",
        "- - -",
        ": :",
        "{a: [}",
        "&a *a",
        "<<: *x",
        "<<: 1\n",
        "a: !!binary x",
        "\t",
        "? a\n: b",
        "a: |\n  x\n b",
        "%YAML 1.1\n---\na: 1",
        "*",
    ] {
        let _ = parse(text);
    }
}

#[test]
fn a_flow_list_closed_at_its_key_indentation_is_read_as_compose_reads_it() {
    let text = "flagd:\n  command: [\n    \"start\",\n    \"--uri\"\n  ]\n  ports: [1]\n";
    let doc = one(text);
    let cmd = doc.get("flagd").unwrap().get("command").unwrap();
    assert_eq!(cmd.strings(), vec![("start", 3), ("--uri", 4)]);
    assert_eq!(doc.get("flagd").unwrap().get("ports").unwrap().line, 6);
}
