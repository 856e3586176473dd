//! What keeps workspace text text: JSON that cannot end its `<script>` element, HTML escaping,
//! and the Content-Security-Policy that lets only the page's own script and stylesheet run.

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// `value` as JSON for a `<script type="application/json">` element: `<`, `>` and `&` (and the
/// line separators) written as `\u` escapes, so `</script>` or `<!--` in any text cannot end or
/// bend the element; `JSON.parse` reads the same strings back.
pub fn script_json<T: serde::Serialize>(value: &T) -> Result<String, serde_json::Error> {
    let raw = serde_json::to_string(value)?;
    let mut out = String::with_capacity(raw.len() + raw.len() / 16);
    for c in raw.chars() {
        match c {
            // These characters can only stand inside JSON strings, where an escape means the same.
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// HTML-escapes `s` for text and quoted attribute values.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && !matches!(c, '\t' | '\n') => {}
            c => out.push(c),
        }
    }
    out
}

/// `'sha256-…'`: the CSP source that allows exactly the inline element whose text is `text`.
pub fn csp_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The page's policy: nothing from the network, only data: images and fonts, and only the
/// inline stylesheet and script with these texts.
pub fn csp(style: &str, script: &str) -> String {
    format!(
        "default-src 'none'; img-src data:; font-src data:; style-src {}; script-src {}; \
         base-uri 'none'; form-action 'none'",
        csp_hash(style),
        csp_hash(script)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_element_and_parses_back() {
        let text = "</script><script>alert(1)</script> & <!-- \u{2028}";
        let json = script_json(&text).unwrap();
        assert!(
            !json.contains('<') && !json.contains('>') && !json.contains('&'),
            "{json}"
        );
        let back: String = serde_json::from_str(&json).unwrap();
        assert_eq!(back, text);
    }

    #[test]
    fn html_escapes_markup() {
        assert_eq!(
            html("\"><img src=x onerror=alert(1)>'&\u{1}"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;&amp;"
        );
    }

    #[test]
    fn csp_hash_is_the_sha256_of_the_text() {
        // printf 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            csp_hash("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
        let policy = csp("a", "b");
        assert!(policy.starts_with("default-src 'none';"), "{policy}");
        assert!(!policy.contains("unsafe"), "{policy}");
    }
}
