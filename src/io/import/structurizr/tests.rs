use super::*;
use crate::model::AsyncRole;

fn dsl(text: &str) -> Found {
    read(Path::new("workspace.dsl"), text).unwrap()
}

fn deps(f: &Found) -> Vec<String> {
    f.dependencies
        .iter()
        .map(|d| format!("{}->{}:{}", d.from, d.to, d.kind))
        .collect()
}

#[test]
fn people_systems_containers_and_relationships() {
    let f = dsl(r#"
workspace "Shop" {
    model {
        /* a block
           comment */
        buyer = person "Buyer" // a trailing comment
        group "Retail" {
            shop = softwareSystem "Shop" {
                web = container "Web" "Sells" "React" "Web Browser"
                api = container "API" "" "Java" {
                    orders = component "Orders"
                    -> db "Reads from and writes to" "JDBC"
                }
                db = container "Orders DB" "Stores orders" "PostgreSQL"
                bus = container "Events" "" "Kafka"
            }
        }
        pay = softwareSystem "Payments" {
            tags "External"
        }
        buyer -> web "Buys using"
        web -> api "Calls" "JSON/HTTPS"
        orders -> pay "Charges cards using" \
            "HTTPS"
        api -> bus "Publishes order events to"
        pay -> bus "Subscribes to refunds"
        shop -> pay "Uses"
    }
    views {
        dynamic shop {
            web -> db "never read"
        }
    }
}
"#);
    let ids: Vec<&str> = f.systems.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["buyer", "web", "api", "db", "bus", "pay"]);
    let s = |id: &str| f.system(id).unwrap();
    assert_eq!(s("buyer").kind, Some(SystemKind::Team));
    assert_eq!(s("web").kind, Some(SystemKind::Ui));
    assert_eq!(s("db").kind, Some(SystemKind::Database));
    assert_eq!(s("bus").kind, Some(SystemKind::Queue));
    assert_eq!(s("pay").kind, Some(SystemKind::External));
    assert_eq!(s("web").group, "Shop");
    assert_eq!(s("pay").group, "");
    assert_eq!(s("web").tech, "React");
    assert_eq!(
        deps(&f),
        [
            "api->db:data",
            "buyer->web:human-workflow",
            "web->api:sync",
            "api->pay:sync",
            "api->bus:async",
            "pay->bus:async",
        ]
    );
    let d = &f.dependencies[3];
    assert_eq!(
        (d.label.as_str(), d.protocol.as_str()),
        ("Charges cards using", "HTTPS")
    );
    assert_eq!(d.sources[0].line, Some(23));
    assert_eq!(f.dependencies[4].role, Some(AsyncRole::Produces));
    assert_eq!(f.dependencies[5].role, Some(AsyncRole::Consumes));
}

#[test]
fn a_system_relationship_no_container_says_is_kept_with_the_system() {
    let f = dsl(r#"workspace {
        model {
            a = softwareSystem "A" {
                a1 = container "A1"
            }
            b = softwareSystem "B"
            c = softwareSystem "C"
            a -> b "Uses"
            a1 -> c "Uses"
            a -> c "Uses"
        }
    }"#);
    assert_eq!(deps(&f), ["a->b:sync", "a1->c:sync"]);
    assert!(f.system("a").is_some());
}

#[test]
fn hierarchical_identifiers_archetypes_and_this() {
    let f = dsl(r#"workspace {
        !identifiers hierarchical
        !const TECH "Go"
        model {
            archetypes {
                api = container {
                    technology "${TECH}"
                }
                store = container {
                    technology "MySQL"
                }
            }
            s = softwareSystem "S" {
                x = api "X API"
                store "X Store" {
                    x -> this
                }
                y = api "Y API" {
                    -> s.x "Calls" "" "timing"
                }
            }
            t = softwareSystem "T" {
                x = container "T's X"
            }
            s.y -> t.x "Sends events to"
        }
    }"#);
    let ids: Vec<&str> = f.systems.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["x", "x-store", "y", "t-x"]);
    assert_eq!(f.system("x").unwrap().tech, "Go");
    assert_eq!(
        f.system("x-store").unwrap().kind,
        Some(SystemKind::Database)
    );
    assert_eq!(deps(&f), ["x->x-store:data", "y->x:timing", "y->t-x:async"]);
}

#[test]
fn files_and_code_are_skipped_never_followed() {
    let f = dsl(
        "workspace extends other.dsl {\n!docs docs\nmodel {\n!include people.dsl\n!script groovy {\nworkspace.model.addPerson(\"x\")\n}\na = softwareSystem \"A\"\na -> missing\n!plugin com.example.Plugin\n}\n}\n",
    );
    let skipped: Vec<String> = f.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(skipped.len(), 5, "{skipped:?}");
    assert!(
        skipped[0].starts_with("workspace.dsl:1: \"workspace extends other.dsl"),
        "{skipped:?}"
    );
    assert!(
        skipped[2].starts_with("workspace.dsl:4: \"!include people.dsl\" would read"),
        "{skipped:?}"
    );
    assert_eq!(f.systems.len(), 1);
    assert_eq!(
        f.warnings.len(),
        1,
        "an unknown identifier in an extending workspace: {:?}",
        f.warnings
    );
}

#[test]
fn errors_say_file_and_line() {
    let err = |t: &str| read(Path::new("w.dsl"), t).unwrap_err().to_string();
    assert_eq!(
        err("workspace {\nmodel {\n"),
        "w.dsl:2: this block's { is never closed"
    );
    assert_eq!(
        err("workspace {\n}\n}"),
        "w.dsl:3: a } without a { before it"
    );
    assert_eq!(
        err("workspace {\nmodel {\na = person \"A\n}}"),
        "w.dsl:3: a string is not closed"
    );
    assert_eq!(
        err("workspace {\nmodel {\na = person \"A\"\na -> b\n}}"),
        "w.dsl:4: unknown identifier \"b\""
    );
    let deep = format!("workspace {{\n{}", "a {\n".repeat(100_000));
    assert_eq!(err(&deep), "w.dsl:65: blocks nest deeper than 64");
    for junk in [
        "{",
        "}",
        "\"",
        "/*",
        "a = ",
        "workspace { model { = } }",
        "workspace { model { -> } }",
        "workspace { model { a = person { -> } } }",
        "\\\n",
        "workspace { model { x = y = z -> } }",
    ] {
        let _ = read(Path::new("w.dsl"), junk);
    }
}

#[test]
fn a_ref_into_an_extended_workspace_keeps_what_its_block_adds() {
    let f = dsl(
        "workspace extends base.dsl {\nmodel {\n!ref shop {\napi = container \"API\"\ndb = container \"DB\" \"\" \"MySQL\"\n}\napi -> db \"Reads\"\nbuyer -> api\n}\n}\n",
    );
    let ids: Vec<&str> = f.systems.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["api", "db"]);
    assert_eq!(f.system("api").unwrap().group, "shop");
    assert_eq!(deps(&f), ["api->db:data"]);
    let warnings: Vec<String> = f.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].starts_with("workspace.dsl:3: \"shop\" is defined in the extended"),
        "{warnings:?}"
    );
    assert!(
        warnings[1].starts_with("workspace.dsl:8: unknown identifier \"buyer\""),
        "{warnings:?}"
    );
}
