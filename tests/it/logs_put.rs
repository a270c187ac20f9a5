//! `o11y logs put` against moto's server, through the fault-injecting proxy (so the calls can be counted,
//! and FilterLogEvents can be made to miss the event, be throttled, or never find it).

use crate::support;

use serde_json::json;
use support::logs::{throttling, unique, FaultProxy, Logs};
use support::moto::Moto;
use support::server::Reply;
use support::{run, Sandbox};

fn setup() -> (Sandbox, Logs, FaultProxy) {
    let moto = Moto::shared();
    (
        Sandbox::new(),
        Logs::new(&moto.url),
        FaultProxy::start(&moto.url),
    )
}

/// An empty FilterLogEvents page: the event is not searchable yet.
fn not_yet() -> Reply {
    Reply::json(200, json!({"events": [], "searchedLogStreams": []}))
}

/// The events moto holds in one stream, as (timestamp, message).
fn stored(logs: &Logs, group: &str, stream: &str) -> Vec<(i64, String)> {
    let v = logs.call(
        "GetLogEvents",
        json!({"logGroupName": group, "logStreamName": stream, "startFromHead": true}),
    );
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["timestamp"].as_i64().unwrap(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn put_creates_the_stream_writes_the_event_and_finds_it_again() {
    let (sb, logs, proxy) = setup();
    let group = unique("cruddur");
    logs.create_group(&group);
    let r = run(sb.o11y_aws(proxy.url()).args([
        "logs",
        "put",
        &group,
        "deploy abc123 started",
        "--stream",
        "ci",
    ]));
    r.code(0);
    assert!(
        r.stdout.contains("✓ Found the event again after "),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&format!("group      {group}")),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("stream     ci"), "{}", r.stdout);
    assert!(r.stderr.contains("created log stream `ci`"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("looking for it with FilterLogEvents (up to 60 s)"),
        "{}",
        r.stderr
    );
    assert_eq!(
        proxy.operations(),
        [
            "PutLogEvents",
            "DescribeLogGroups",
            "CreateLogStream",
            "PutLogEvents",
            "FilterLogEvents"
        ]
    );
    let events = stored(&logs, &group, "ci");
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].1, "deploy abc123 started");

    // The search asked for that stream and that millisecond only.
    let filter = proxy
        .server
        .requests()
        .into_iter()
        .find(|q| support::logs::operation(q) == "FilterLogEvents")
        .unwrap()
        .json();
    assert_eq!(filter["logStreamNames"], json!(["ci"]));
    assert_eq!(filter["startTime"], json!(events[0].0));
    assert_eq!(filter["endTime"], json!(events[0].0 + 1));
}

#[test]
fn a_second_put_reuses_the_stream_and_json_reports_the_delay_and_event_id() {
    let (sb, logs, proxy) = setup();
    let group = unique("cruddur");
    logs.create_group(&group);
    logs.create_stream(&group, "ci");
    let r = run(sb.o11y_aws(proxy.url()).args([
        "logs", "put", &group, "hello", "--stream", "ci", "-o", "json",
    ]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["logGroupName"], group.as_str());
    assert_eq!(v["logStreamName"], "ci");
    assert_eq!(v["message"], "hello");
    assert_eq!(v["stream_created"], false);
    assert_eq!(v["arrived"], true);
    assert!(v["arrived_after_ms"].as_u64().is_some(), "{v}");
    assert!(!v["eventId"].as_str().unwrap().is_empty(), "{v}");
    assert_eq!(proxy.operations(), ["PutLogEvents", "FilterLogEvents"]);
    assert!(!r.stderr.contains("created log stream"), "{}", r.stderr);
}

#[test]
fn the_default_stream_is_o11ys_own_per_host() {
    let (sb, logs, proxy) = setup();
    let group = unique("cruddur");
    logs.create_group(&group);
    let r = run(sb
        .o11y_aws(proxy.url())
        .args(["logs", "put", &group, "x", "-o", "json"]));
    r.code(0);
    let stream = r.json()["logStreamName"].as_str().unwrap().to_string();
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    assert_eq!(stream, format!("o11y-{}", host.trim()));
    assert_eq!(stored(&logs, &group, &stream).len(), 1);
}

#[test]
fn a_late_event_is_searched_for_again_and_throttling_is_waited_out() {
    let (sb, logs, proxy) = setup();
    let group = unique("cruddur");
    logs.create_group(&group);
    logs.create_stream(&group, "ci");
    proxy.inject(
        "FilterLogEvents",
        0,
        vec![not_yet(), throttling(), not_yet()],
    );
    let r = run(sb.o11y_aws(proxy.url()).env("O11Y_POLL_MS", "100").args([
        "logs", "put", &group, "late", "--stream", "ci", "-o", "json",
    ]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["arrived"], true);
    // Three misses 100 ms apart before the hit.
    assert!(v["arrived_after_ms"].as_u64().unwrap() >= 300, "{v}");
    assert_eq!(
        proxy
            .operations()
            .iter()
            .filter(|o| *o == "FilterLogEvents")
            .count(),
        4
    );
    assert!(
        r.stderr
            .contains("FilterLogEvents: throttled (ThrottlingException); trying again"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_event_that_never_shows_fails_after_the_timeout_saying_what_was_seen() {
    let (sb, logs, proxy) = setup();
    let group = unique("cruddur");
    logs.create_group(&group);
    logs.create_stream(&group, "ci");
    proxy.inject("FilterLogEvents", 0, vec![not_yet(); 200]);
    let started = std::time::Instant::now();
    let r = run(sb.o11y_aws(proxy.url()).env("O11Y_POLL_MS", "100").args([
        "logs",
        "put",
        &group,
        "lost",
        "--stream",
        "ci",
        "--timeout",
        "1s",
        "-o",
        "json",
    ]));
    r.code(1);
    let elapsed = started.elapsed();
    assert!(elapsed < std::time::Duration::from_secs(10), "{elapsed:?}");
    let v = r.json();
    assert_eq!(v["arrived"], false);
    assert!(v.get("arrived_after_ms").is_none(), "{v}");
    assert!(v["waited_ms"].as_u64().unwrap() >= 1000, "{v}");
    assert!(
        r.stderr
            .contains(&format!("the event written to {group}/ci at "))
            && r.stderr
                .contains("did not show in FilterLogEvents within 1 s ("),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("help: CloudWatch Logs usually"),
        "{}",
        r.stderr
    );
    let searches = proxy
        .operations()
        .iter()
        .filter(|o| *o == "FilterLogEvents")
        .count();
    assert!((5..=15).contains(&searches), "{searches} searches");
}

#[test]
fn no_wait_writes_and_does_not_search() {
    let (sb, logs, proxy) = setup();
    let group = unique("cruddur");
    logs.create_group(&group);
    let r = run(sb.o11y_aws(proxy.url()).args([
        "logs",
        "put",
        &group,
        "fire",
        "--stream",
        "ci",
        "--no-wait",
        "-o",
        "json",
    ]));
    r.code(0);
    let v = r.json();
    assert!(v.get("arrived").is_none(), "{v}");
    assert_eq!(v["stream_created"], true);
    assert!(!proxy.operations().contains(&"FilterLogEvents".to_string()));
    assert_eq!(stored(&logs, &group, "ci").len(), 1);
}

#[test]
fn a_missing_group_fails_naming_it_with_the_fix_and_creates_nothing() {
    let (sb, logs, proxy) = setup();
    let group = unique("nosuch");
    let r = run(sb
        .o11y_aws(proxy.url())
        .args(["logs", "put", &group, "x", "--stream", "ci"]));
    r.code(1);
    assert!(
        r.stderr
            .contains(&format!("o11y: error: log group `{group}` does not exist")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!(
            "help: create it with `o11y logs create-group {group}`"
        )),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
    assert_eq!(proxy.writes(), ["PutLogEvents"]);
    let groups = logs.call("DescribeLogGroups", json!({"logGroupNamePrefix": group}));
    assert_eq!(groups["logGroups"], json!([]));
}

#[test]
fn bad_input_is_refused_before_any_call() {
    let (sb, _logs, proxy) = setup();
    for (args, says) in [
        (
            vec!["logs", "put", "bad group", "x"],
            "invalid log group name `bad group`",
        ),
        (vec!["logs", "put", "g", ""], "the message is empty"),
        (
            vec!["logs", "put", "g", "x", "--stream", "a:b"],
            "invalid log stream name `a:b`",
        ),
        (
            vec!["logs", "put", "g", "x", "--timeout", "soon"],
            "invalid duration `soon`",
        ),
    ] {
        let r = run(sb.o11y_aws(proxy.url()).args(&args));
        r.code(2);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
    }
    assert!(proxy.server.requests().is_empty());
}
