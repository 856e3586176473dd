//! Graphviz DOT files from public projects, read into a map. What each should give was written
//! down from reading the file, before the reader ran.

use std::collections::BTreeSet;

use depdig::io::import::dot;
use depdig::model::DependencyType;

use crate::import_text::{fixture, saved, set};

#[test]
fn a_terraform_graph() {
    let (path, text) = fixture("terraform-up-and-running/graph.dot");
    assert!(dot::looks_like(&path, &text));
    let f = dot::read(&path, &text).unwrap();
    let names: BTreeSet<String> = f.systems.iter().map(|s| s.name.clone()).collect();
    assert_eq!(
        names,
        set(&[
            "aws_instance.ec2",
            "aws_security_group.web",
            "provider.aws",
            "[root] var.server_port",
            "[root] meta.count-boundary (count boundary fixup)",
            "[root] output.public_dns",
            "[root] provider.aws (close)",
            "[root] root",
        ])
    );
    let name = |id: &str| f.system(id).unwrap().name.clone();
    let pairs: BTreeSet<String> = f
        .dependencies
        .iter()
        .map(|d| format!("{} -> {} {}", name(&d.from), name(&d.to), d.kind))
        .collect();
    assert_eq!(
        pairs,
        set(&[
            "aws_instance.ec2 -> aws_security_group.web sync",
            "aws_security_group.web -> provider.aws sync",
            "aws_security_group.web -> [root] var.server_port sync",
            "[root] meta.count-boundary (count boundary fixup) -> [root] output.public_dns sync",
            "[root] output.public_dns -> aws_instance.ec2 sync",
            "[root] provider.aws (close) -> aws_instance.ec2 sync",
            "[root] root -> [root] meta.count-boundary (count boundary fixup) sync",
            "[root] root -> [root] provider.aws (close) sync",
        ])
    );
    assert!(
        f.systems.iter().all(|s| s.group.is_empty()),
        "\"root\" is no cluster"
    );
    let ws = saved(&f);
    assert_eq!((ws.systems.len(), ws.dependencies.len()), (8, 8));
}

#[test]
fn the_decentraland_architecture_graph() {
    let (path, text) = fixture("decentraland-architecture/architecture.dot");
    let f = dot::read(&path, &text).unwrap();
    let by_group = |g: &str| -> BTreeSet<String> {
        f.systems
            .iter()
            .filter(|s| s.group == g)
            .map(|s| s.id.clone())
            .collect()
    };
    assert_eq!(by_group("Unity Explorer"), set(&["explorerclient"]));
    assert_eq!(
        by_group("Avatar Images"),
        set(&["profileimages", "profileproducer"])
    );
    assert_eq!(
        by_group("Asset Bundles System"),
        set(&[
            "assetbundleregistry",
            "assetbundleconverter",
            "lodsgenerator"
        ])
    );
    assert_eq!(
        by_group("Badges System"),
        set(&["badges", "badgesprocessor"])
    );
    assert_eq!(
        by_group("Notifications System"),
        set(&["notifications", "notificationsprocessor"])
    );
    // Lambdas is declared outside; an (invisible) edge in the cluster draws it inside.
    assert_eq!(
        by_group("Catalyst"),
        set(&["nginx", "content", "cadvisor", "lambdas"])
    );
    assert_eq!(
        by_group("Archipelago Workers"),
        set(&["websocket", "archipelagocore", "stats"])
    );
    assert_eq!(by_group("CLI"), set(&["cli", "build-ecs"]));
    assert_eq!(
        by_group("Blockchain Indexers"),
        set(&["squid", "satsuma", "thegraph"])
    );
    assert_eq!(f.systems.len(), 44);
    let s = |id: &str| f.system(id).unwrap();
    assert_eq!(s("explorerclient").name, "Core");
    assert_eq!(s("explorerclient").description, "Core Client Logic");
    assert_eq!(s("socialservice").name, "Social Service");
    assert_eq!(s("socialservice").description, "Friends & Communities");
    assert_eq!(s("decentralandgateway").name, "DecentralandGateway");
    let pairs: BTreeSet<String> = f
        .dependencies
        .iter()
        .map(|d| format!("{} -> {}", d.from, d.to))
        .collect();
    let gateway_to = [
        "realmprovider",
        "websocket",
        "gatekeeper",
        "auth",
        "placesapi",
        "assetbundleregistry",
        "eventsnotifier",
        "notifications",
        "badges",
        "camerareel",
        "socialservice",
        "explorationgames",
        "events",
        "worlds",
        "atlas",
        "creditsserver",
        "imageconvertionservice",
        "translationapi",
    ];
    let mut expected: BTreeSet<String> = gateway_to
        .iter()
        .map(|to| format!("decentralandgateway -> {to}"))
        .collect();
    expected.extend(set(&[
        "explorerclient -> decentralandgateway",
        "content -> deployments",
        "content -> workersubgraph",
        // Written first as calls from "Deployments to SQS"; its name makes it a queue (the kind
        // guess), so an arrow out of it is delivery: its three consumers need it (async).
        "assetbundleconverter -> deployments",
        "badgesprocessor -> deployments",
        "lambdas -> profileimages",
        "profileimages -> deployments",
        "archipelagocore -> nats",
        "archipelagocore -> livekit",
        "gatekeeper -> livekit",
        "gatekeeper -> deployments",
        "gatekeeper -> worlds",
        "gatekeeper -> eventsnotifier",
        "worlds -> livekit",
        "auth -> nginx",
        "realmprovider -> lambdas",
        "realmprovider -> websocket",
        "notifications -> sendgrid",
        "eventsnotifier -> notificationsprocessor",
        "eventsnotifier -> badgesprocessor",
        "badgesprocessor -> eventsnotifier",
        "explorationgames -> rewards",
        "socialservice -> catalystclient",
        "socialservice -> nats",
        "socialservice -> websocket",
        "events -> catalystclient",
        "catalystclient -> content",
        "placesapi -> lambdas",
        "placesapi -> stats",
        "placesapi -> gatekeeper",
        "placesapi -> catalystclient",
        "rewards -> workersubgraph",
        "rewards -> eventsnotifier",
        "rewards -> stats",
        "badges -> catalystclient",
        "worlds -> nats",
        "worlds -> workersubgraph",
        "worlds -> deployments",
        "cli -> catalystclient",
        "assetbundleregistry -> catalystclient",
        "workersubgraph -> squid",
        "atlas -> workersubgraph",
        "creditsserver -> squid",
    ]));
    assert_eq!(pairs, expected, "no invisible layout edge is a dependency");
    assert_eq!(f.dependencies.len(), 61);
    for from in ["assetbundleconverter", "badgesprocessor", "profileimages"] {
        let d = f
            .dependencies
            .iter()
            .find(|d| d.from == from && d.to == "deployments")
            .unwrap();
        assert_eq!(
            (d.kind, d.role),
            (
                DependencyType::Async,
                Some(depdig::model::AsyncRole::Consumes)
            )
        );
    }
    for from in ["archipelagocore", "socialservice", "worlds"] {
        let d = f
            .dependencies
            .iter()
            .find(|d| d.from == from && d.to == "nats")
            .unwrap();
        assert_eq!(d.kind, DependencyType::Async, "NATS is a message broker");
    }
    let ws = saved(&f);
    assert_eq!((ws.systems.len(), ws.dependencies.len()), (44, 61));
}
