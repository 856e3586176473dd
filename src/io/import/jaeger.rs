//! Jaeger's service dependencies (`GET /api/dependencies`): `[{parent, child, callCount}]`, or
//! wrapped as the API returns it, `{"data": [...]}`. Each service is a system, each link a sync
//! dependency of the parent on the child; the call count goes into the dependency's label
//! (`94 calls`), the source line into its notes.

use std::path::Path;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::Found;
use super::text::{dependency, error_at, has_extension, line_of, system};
use super::{Source, id_for};
use crate::io::csv_import::ImportError;
use crate::model::DependencyType;

/// The form the Jaeger API returns (`total`, `errors` … beside `data` are not read).
#[derive(Deserialize)]
struct Wrapped<'a> {
    #[serde(borrow)]
    data: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Link {
    parent: String,
    child: String,
    #[serde(default)]
    call_count: Option<u64>,
}

/// A `.json` file that holds `parent` and `child` keys.
pub fn looks_like(path: &Path, text: &str) -> bool {
    let json = has_extension(path, &["json"]) || text.trim_start().starts_with(['[', '{']);
    json && text.contains("\"parent\"") && text.contains("\"child\"")
}

pub fn read(path: &Path, text: &str) -> Result<Found, ImportError> {
    let links = match serde_json::from_str::<Vec<&RawValue>>(text)
        .or_else(|_| serde_json::from_str::<Wrapped>(text).map(|w| w.data))
    {
        Ok(l) => l,
        Err(e) => {
            // The syntax error, if there is one, with its place; else the shape is wrong.
            let at = serde_json::from_str::<serde::de::IgnoredAny>(text).err();
            let message = match &at {
                Some(e) => format!("not JSON: {e}"),
                None => format!(
                    "not a Jaeger dependencies file (expected [{{\"parent\", \"child\", \
                     \"callCount\"}}] or {{\"data\": [...]}}): {e}"
                ),
            };
            let line = at.as_ref().map(|e| e.line() as u64);
            return Err(error_at(path, line, message));
        }
    };
    let mut found = Found::default();
    let start = text.as_ptr() as usize;
    // Links come in file order: count lines from the previous one, not from the top.
    let (mut at, mut line) = (0, 1);
    for raw in links {
        let body = raw.get();
        let offset = (body.as_ptr() as usize)
            .saturating_sub(start)
            .clamp(at, text.len());
        line += line_of(&text[at..offset], offset - at) - 1;
        at = offset;
        let link: Link = serde_json::from_str(body).map_err(|e| {
            error_at(
                path,
                Some(line),
                format!("a link needs \"parent\" and \"child\" names: {e}"),
            )
        })?;
        let (parent, child) = (link.parent.trim(), link.child.trim());
        if parent.is_empty() || child.is_empty() || id_for(parent).is_empty() {
            return Err(error_at(
                path,
                Some(line),
                "a link with an empty service name",
            ));
        }
        if id_for(child).is_empty() {
            return Err(error_at(
                path,
                Some(line),
                "a link with an empty service name",
            ));
        }
        let calls = link
            .call_count
            .map(|n| format!(" callCount {n}"))
            .unwrap_or_default();
        let source = Source::new(path, Some(line), format!("{parent} → {child}{calls}"));
        for name in [parent, child] {
            found.add_system(system(name, None, source.clone()));
        }
        let mut dep = dependency(
            &id_for(parent),
            &id_for(child),
            DependencyType::Sync,
            source,
        );
        if let Some(n) = link.call_count {
            dep.label = if n == 1 {
                "1 call".to_owned()
            } else {
                format!("{n} calls")
            };
        }
        found.add_dependency(dep);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOTROD: &str = r#"{
  "data": [
    {"parent": "frontend", "child": "customer", "callCount": 7},
    {"parent": "customer", "child": "mysql", "callCount": 1}
  ],
  "total": 0
}"#;

    #[test]
    fn the_wrapped_form_gives_systems_and_sync_dependencies_with_call_counts() {
        let f = read(Path::new("deps.json"), HOTROD).unwrap();
        let ids: Vec<&str> = f.systems.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["frontend", "customer", "mysql"]);
        assert_eq!(f.dependencies.len(), 2);
        let d = &f.dependencies[1];
        assert_eq!((d.from.as_str(), d.to.as_str()), ("customer", "mysql"));
        assert_eq!(d.kind, DependencyType::Sync);
        assert_eq!(d.label, "1 call");
        assert_eq!(
            d.sources[0].to_string(),
            "deps.json:4 customer → mysql callCount 1"
        );
        assert!(looks_like(Path::new("deps.json"), HOTROD));
        assert!(!looks_like(Path::new("x.json"), "{\"a\": 1}"));
    }

    #[test]
    fn the_bare_list_reads_too_and_a_self_call_is_dropped() {
        let f = read(
            Path::new("d.json"),
            r#"[{"parent":"A B","child":"c"},{"parent":"c","child":"c","callCount":3}]"#,
        )
        .unwrap();
        assert_eq!(f.systems[0].id, "a-b");
        assert_eq!(f.dependencies.len(), 1);
        assert_eq!(f.dependencies[0].label, "");
    }

    #[test]
    fn bad_files_fail_at_their_line() {
        let e = read(Path::new("d.json"), "[\n{\"parent\": \"a\",\n").unwrap_err();
        assert!(e.to_string().starts_with("d.json:3: not JSON"), "{e}");
        let e = read(Path::new("d.json"), "[\n{\"parent\": \"a\"}]").unwrap_err();
        assert!(e.to_string().starts_with("d.json:2: a link needs"), "{e}");
        let e = read(
            Path::new("d.json"),
            "[{\"parent\": \" \", \"child\": \"b\"}]",
        )
        .unwrap_err();
        assert!(e.to_string().contains("empty service name"), "{e}");
        let e = read(Path::new("d.json"), "{\"data\": 3}").unwrap_err();
        assert!(
            e.to_string().contains("not a Jaeger dependencies file"),
            "{e}"
        );
    }
}
