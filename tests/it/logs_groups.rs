//! `o11y logs groups`, `create-group`, `delete-group` against moto's server, through a proxy that records
//! every request (so the write calls can be counted); and the help of every `logs` command.

use crate::support;

use support::logs::{unique, FaultProxy, Logs};
use support::moto::Moto;
use support::{help, run, Sandbox};

fn setup() -> (Sandbox, Logs, FaultProxy) {
    let moto = Moto::shared();
    (
        Sandbox::new(),
        Logs::new(&moto.url),
        FaultProxy::start(&moto.url),
    )
}

#[test]
fn create_group_creates_it_with_its_retention_then_a_second_run_makes_no_write_call() {
    let (sb, logs, proxy) = setup();
    let name = unique("cruddur");
    let r = run(sb.o11y_aws(proxy.url()).args([
        "logs",
        "create-group",
        &name,
        "--retention-days",
        "30",
    ]));
    r.code(0);
    assert!(
        r.stdout.contains(&format!("logs group  {name}  created")),
        "{}",
        r.stdout
    );
    assert_eq!(proxy.writes(), ["CreateLogGroup", "PutRetentionPolicy"]);
    assert_eq!(logs.retention(&name), Some(30));

    let r = run(sb.o11y_aws(proxy.url()).args([
        "logs",
        "create-group",
        &name,
        "--retention-days",
        "30",
        "-o",
        "json",
    ]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["action"], "unchanged");
    assert_eq!(v["logGroup"]["logGroupName"], name.as_str());
    assert_eq!(v["logGroup"]["retentionInDays"], 30);
    assert_eq!(
        proxy.writes(),
        ["CreateLogGroup", "PutRetentionPolicy"],
        "the second run wrote something"
    );
}

#[test]
fn create_group_changes_only_the_retention_and_reports_the_change() {
    let (sb, logs, proxy) = setup();
    let name = unique("cruddur");
    logs.create_group(&name);
    logs.put_retention(&name, 30);
    let r = run(sb.o11y_aws(proxy.url()).args([
        "logs",
        "create-group",
        &name,
        "--retention-days",
        "7",
        "-o",
        "json",
    ]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["action"], "updated");
    assert_eq!(
        v["changes"],
        serde_json::json!([{"field": "retentionInDays", "from": 30, "to": 7}])
    );
    assert_eq!(v["logGroup"]["retentionInDays"], 7);
    assert_eq!(proxy.writes(), ["PutRetentionPolicy"]);
    let sent = proxy
        .server
        .requests()
        .into_iter()
        .find(|r| support::logs::operation(r) == "PutRetentionPolicy")
        .unwrap()
        .json();
    assert_eq!(
        sent,
        serde_json::json!({"logGroupName": name, "retentionInDays": 7})
    );
    assert_eq!(logs.retention(&name), Some(7));
}

#[test]
fn without_retention_days_an_existing_groups_retention_is_left_alone() {
    let (sb, logs, proxy) = setup();
    let name = unique("cruddur");
    logs.create_group(&name);
    logs.put_retention(&name, 14);
    let r = run(sb
        .o11y_aws(proxy.url())
        .args(["logs", "create-group", &name]));
    r.code(0);
    assert!(r.stdout.contains("unchanged"), "{}", r.stdout);
    assert!(proxy.writes().is_empty(), "{:?}", proxy.writes());
    assert_eq!(logs.retention(&name), Some(14));

    // A new group without --retention-days: created, no retention policy (events never expire).
    let fresh = unique("fresh");
    run(sb
        .o11y_aws(proxy.url())
        .args(["logs", "create-group", &fresh]))
    .code(0);
    assert_eq!(proxy.writes(), ["CreateLogGroup"]);
    assert_eq!(logs.retention(&fresh), None);
}

#[test]
fn a_retention_the_service_does_not_accept_exits_2_before_any_call() {
    let (sb, _logs, proxy) = setup();
    for days in ["0", "2", "31", "3654", "-7", "thirty"] {
        let r = run(sb.o11y_aws(proxy.url()).args([
            "logs",
            "create-group",
            "cruddur",
            "--retention-days",
            days,
        ]));
        r.code(2);
        assert!(
            r.stderr.contains("o11y: error:") || r.stderr.contains("error:"),
            "{}",
            r.stderr
        );
    }
    let r = run(sb.o11y_aws(proxy.url()).args([
        "logs",
        "create-group",
        "cruddur",
        "--retention-days",
        "31",
    ]));
    assert!(
        r.stderr
            .contains("31 is not a retention CloudWatch Logs accepts"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("help: use one of 1, 3, 5, 7, 14, 30"),
        "{}",
        r.stderr
    );
    let r = run(sb
        .o11y_aws(proxy.url())
        .args(["logs", "create-group", "bad name"]));
    r.code(2);
    assert!(
        proxy.server.requests().is_empty(),
        "{:?}",
        proxy.operations()
    );
}

#[test]
fn groups_lists_every_page_with_retention_and_filters_by_prefix() {
    let (sb, logs, proxy) = setup();
    let prefix = unique("paged");
    // moto pages DescribeLogGroups at 50.
    for i in 0..55 {
        logs.create_group(&format!("{prefix}/g{i:02}"));
    }
    logs.put_retention(&format!("{prefix}/g03"), 90);
    let r = run(sb
        .o11y_aws(proxy.url())
        .args(["logs", "groups", "--prefix", &prefix, "-o", "json"]));
    r.code(0);
    let v = r.json();
    let groups = v["logGroups"].as_array().unwrap();
    assert_eq!(groups.len(), 55);
    assert!(groups
        .iter()
        .all(|g| g["logGroupName"].as_str().unwrap().starts_with(&prefix)));
    let g3 = groups
        .iter()
        .find(|g| g["logGroupName"] == format!("{prefix}/g03"))
        .unwrap();
    assert_eq!(g3["retentionInDays"], 90);
    assert!(g3["creationTime"].as_i64().unwrap() > 0);
    assert!(g3.get("storedBytes").is_some());
    assert_eq!(groups[0]["retentionInDays"], serde_json::Value::Null);
    let describes = proxy
        .operations()
        .iter()
        .filter(|o| *o == "DescribeLogGroups")
        .count();
    assert_eq!(describes, 2, "every page is followed");

    let r = run(sb.o11y_aws(proxy.url()).args([
        "logs",
        "groups",
        "--prefix",
        &format!("{prefix}/g03"),
    ]));
    r.code(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    assert!(
        lines[0].starts_with("NAME") && lines[0].contains("RETENTION"),
        "{}",
        r.stdout
    );
    assert!(
        lines[1].contains(&format!("{prefix}/g03")) && lines[1].contains("90 days"),
        "{}",
        r.stdout
    );
}

#[test]
fn delete_group_deletes_it_and_a_missing_group_fails_unless_if_exists() {
    let (sb, logs, proxy) = setup();
    let name = unique("doomed");
    logs.create_group(&name);
    let r = run(sb
        .o11y_aws(proxy.url())
        .args(["logs", "delete-group", &name]));
    r.code(0);
    assert_eq!(r.stdout, format!("deleted logs group {name}\n"));
    assert_eq!(proxy.writes(), ["DeleteLogGroup"]);

    let r = run(sb
        .o11y_aws(proxy.url())
        .args(["logs", "delete-group", &name]));
    r.code(1);
    assert!(
        r.stderr
            .contains(&format!("o11y: error: log group `{name}` not found")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--if-exists"), "{}", r.stderr);

    let r = run(sb.o11y_aws(proxy.url()).args([
        "logs",
        "delete-group",
        &name,
        "--if-exists",
        "-o",
        "json",
    ]));
    r.code(0);
    assert_eq!(
        r.json(),
        serde_json::json!({"action": "absent", "logGroupName": name})
    );
}

#[test]
fn create_group_retries_a_throttled_call() {
    let (sb, logs, proxy) = setup();
    let name = unique("throttled");
    proxy.inject("CreateLogGroup", 0, vec![support::logs::throttling()]);
    let r = run(sb
        .o11y_aws(proxy.url())
        .args(["logs", "create-group", &name]));
    r.code(0);
    assert_eq!(proxy.writes(), ["CreateLogGroup", "CreateLogGroup"]);
    assert_eq!(logs.retention(&name), None);
}

const COMMANDS: [&[&str]; 5] = [
    &["logs"],
    &["logs", "tail"],
    &["logs", "groups"],
    &["logs", "create-group"],
    &["logs", "delete-group"],
];

#[test]
fn every_logs_command_help_names_its_api_and_has_a_pasteable_example() {
    for (args, api) in COMMANDS[1..].iter().zip([
        "FilterLogEvents",
        "DescribeLogGroups",
        "PutRetentionPolicy",
        "DeleteLogGroup",
    ]) {
        let h = help(args);
        assert!(
            h.contains(&format!("Examples:\n  o11y {}", args.join(" "))),
            "{args:?}:\n{h}"
        );
        assert!(h.contains(api), "{args:?} does not name {api}:\n{h}");
    }
    let tail = help(&["logs", "tail"]);
    for example in [
        "o11y logs tail cruddur --follow",
        "--since 1h --filter-pattern ERROR",
        "-o json | jq",
    ] {
        assert!(tail.contains(example), "{example}:\n{tail}");
    }
}
