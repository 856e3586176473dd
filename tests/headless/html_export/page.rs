//! What every exported page must be, read without a browser: its data, its tags and
//! attributes as an HTML tokenizer reads them, its policy.

use std::path::Path;

use depdig::io::export::csp_hash;

use crate::cli_common::{depdig, stderr};

pub const MAX_BYTES: usize = 1_500_000;

pub fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).map_or(0, |i| i + start.len());
    let to = text[from..].find(end).map_or(text.len(), |i| from + i);
    &text[from..to]
}

/// The page's data, parsed as the script parses it.
pub fn data(page: &str) -> serde_json::Value {
    let json = between(
        page,
        "<script type=\"application/json\" id=\"depdig-data\">",
        "</script>",
    );
    assert!(
        !json.contains('<'),
        "a `<` in the JSON could end its element"
    );
    serde_json::from_str(json).expect("the page's data is JSON")
}

/// Every start tag outside the two script elements with its attribute names, read the way an
/// HTML tokenizer reads them (quoted values skipped whole).
pub fn tags(page: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let name: String = rest
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if name.is_empty() {
            continue;
        }
        rest = &rest[name.len()..];
        let mut attrs = Vec::new();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() || rest.starts_with('>') || rest.starts_with("/>") {
                break;
            }
            let attr: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && !matches!(c, '=' | '>' | '/'))
                .collect();
            rest = &rest[attr.len()..];
            if let Some(r) = rest.strip_prefix("=\"") {
                rest = r.find('"').map_or("", |j| &r[j + 1..]);
            } else if rest.starts_with('/') && !rest.starts_with("/>") {
                rest = &rest[1..];
            }
            if !attr.is_empty() {
                attrs.push(attr.to_ascii_lowercase());
            }
        }
        if name.eq_ignore_ascii_case("script") {
            // Skip the element's text: JSON or the page's code.
            rest = rest.find("</script>").map_or("", |j| &rest[j..]);
        }
        out.push((name.to_ascii_lowercase(), attrs));
    }
    out
}

pub fn export_file(src: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec!["export", src.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = depdig(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::read_to_string(out).unwrap()
}

/// What every page must be: self-contained, its policy naming exactly its own inline script and
/// stylesheet, no handler attribute, no external reference.
pub fn assert_self_contained(page: &str) {
    let policy = between(
        page,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"",
        "\"",
    );
    assert!(
        page.find("Content-Security-Policy") < page.find("<style>"),
        "the policy comes first"
    );
    let style = between(page, "<style>", "</style>");
    let script = between(page, "<script>", "</script>");
    assert!(script.contains("JSON.parse"), "the page's own script");
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    assert!(
        policy.contains(&format!("script-src {};", csp_hash(script))),
        "{policy}"
    );
    assert!(
        policy.contains(&format!("style-src {};", csp_hash(style))),
        "{policy}"
    );
    assert!(!policy.contains("unsafe"), "{policy}");
    assert!(style.contains("@font-face{font-family:'DejaVu Sans';src:url(data:font/ttf;base64,"));
    let all = tags(page);
    // The scanner sees the page's elements and attributes (so the checks below can fail).
    assert!(
        all.iter()
            .any(|(n, a)| n == "meta" && a.contains(&"http-equiv".to_owned()))
    );
    assert!(
        all.iter()
            .any(|(n, a)| n == "g" && a.contains(&"data-id".to_owned()))
    );
    assert!(
        all.iter()
            .any(|(n, a)| n == "input" && a.contains(&"autocomplete".to_owned()))
    );
    assert_eq!(
        tags("<p a=\"x onerror=y\" onclick=\"z\">")[0].1,
        vec!["a".to_owned(), "onclick".to_owned()]
    );
    for (name, attrs) in all {
        for a in &attrs {
            assert!(!a.starts_with("on"), "<{name} {a}=…> runs code");
            assert!(a != "src" && a != "style", "<{name} {a}=…>");
        }
        assert!(!matches!(
            name.as_str(),
            "link" | "iframe" | "object" | "embed" | "img"
        ));
    }
    for external in ["url(http", "url(//", "href=\"http", "src=\"http", "@import"] {
        assert!(!page.contains(external), "{external}");
    }
    assert_eq!(page.matches("<script").count(), 2, "the data and the code");
    assert_eq!(page.matches("</script").count(), 2);
}
