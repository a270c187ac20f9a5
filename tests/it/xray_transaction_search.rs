//! `o11y xray transaction-search` against the X-Ray fake (destination, indexing rules), moto (CloudWatch Logs
//! resource policies and retention, through a recording proxy; STS GetCallerIdentity) — each through its
//! service-specific endpoint variable. Every test has a moto of its own: resource policies are per region and
//! capped at 10.

use crate::support;

use serde_json::{json, Value};
use support::logs::{throttling, FaultProxy, Logs};
use support::moto::Moto;
use support::xray::{guide_policy, XrayFake, GUIDE_RESOURCES};
use support::{run, Run, Sandbox};

struct Env {
    sb: Sandbox,
    moto: Moto,
    logs: FaultProxy,
    xray: XrayFake,
}

impl Env {
    fn new() -> Env {
        let moto = Moto::start();
        let logs = FaultProxy::start(&moto.url);
        Env {
            sb: Sandbox::new(),
            moto,
            logs,
            xray: XrayFake::start(),
        }
    }

    /// o11y with X-Ray at the fake, CloudWatch Logs at moto through the proxy, STS at moto; polls every 20 ms.
    fn o11y(&self) -> assert_cmd::Command {
        let mut cmd = self.sb.o11y_aws(&self.moto.url);
        cmd.env("AWS_ENDPOINT_URL_XRAY", self.xray.url())
            .env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", self.logs.url())
            .env("O11Y_POLL_MS", "20");
        cmd
    }

    fn ts(&self, args: &[&str]) -> Run {
        run(self.o11y().args(["xray", "transaction-search"]).args(args))
    }

    fn moto_logs(&self) -> Logs {
        Logs::new(&self.moto.url)
    }

    /// The resource policies moto holds, by name (straight from moto, not through o11y).
    fn policies(&self) -> Vec<Value> {
        self.moto_logs().call("DescribeResourcePolicies", json!({}))["resourcePolicies"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn put_policy(&self, name: &str, doc: &Value) {
        self.moto_logs().call(
            "PutResourcePolicy",
            json!({"policyName": name, "policyDocument": doc.to_string()}),
        );
    }
}

fn line_with<'a>(out: &'a str, needle: &str) -> &'a str {
    out.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in:\n{out}"))
}

#[test]
fn enable_on_a_blank_account_ensures_every_part_in_order_then_a_second_run_writes_nothing() {
    let env = Env::new();
    env.xray.set_pending_polls(2);
    let r = env.ts(&[
        "--enable",
        "--indexing-percentage",
        "2.5",
        "--spans-retention-days",
        "30",
        "-v",
    ]);
    r.code(0);
    let policy = line_with(&r.stdout, "logs resource policy");
    assert!(
        policy.contains("o11y-xray-transaction-search") && policy.contains("created"),
        "{policy}"
    );
    let dest = line_with(&r.stdout, "xray segment destination");
    assert!(
        dest.contains("updated") && dest.contains(r#"Destination: "XRay" → "CloudWatchLogs""#),
        "{dest}"
    );
    let idx = line_with(&r.stdout, "xray indexing rule");
    assert!(
        idx.contains("Default")
            && idx.contains("updated")
            && idx.contains("DesiredSamplingPercentage: 1.0 → 2.5"),
        "{idx}"
    );
    let group = line_with(&r.stdout, "logs group");
    assert!(
        group.contains("aws/spans") && group.contains("created"),
        "{group}"
    );
    // Progress while PENDING, on stderr; then ACTIVE.
    assert!(
        r.stderr.contains(
            "waiting for the trace segment destination CloudWatchLogs to become ACTIVE: PENDING"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("trace segment destination CloudWatchLogs is ACTIVE"),
        "{}",
        r.stderr
    );
    // AWS's order: the policy before the destination, the indexing rule only once ACTIVE.
    let at = |s: &str| {
        r.stderr
            .find(s)
            .unwrap_or_else(|| panic!("{s} not in {}", r.stderr))
    };
    assert!(at("PutResourcePolicy") < at("UpdateTraceSegmentDestination"));
    assert!(at("is ACTIVE") < at("UpdateIndexingRule"));
    assert!(at("UpdateIndexingRule") < at("PutRetentionPolicy"));
    assert!(!r.stderr.contains(support::SECRET_ACCESS_KEY));

    // What the servers received.
    assert_eq!(
        env.xray.writes(),
        ["/UpdateTraceSegmentDestination", "/UpdateIndexingRule"]
    );
    assert_eq!(
        env.xray.requests_to("/UpdateTraceSegmentDestination")[0].json(),
        json!({"Destination": "CloudWatchLogs"})
    );
    assert_eq!(
        env.xray.requests_to("/UpdateIndexingRule")[0].json(),
        json!({"Name": "Default", "Rule": {"Probabilistic": {"DesiredSamplingPercentage": 2.5}}})
    );
    assert_eq!(
        env.xray.destination(),
        ("CloudWatchLogs".into(), "ACTIVE".into())
    );
    let policies = env.policies();
    assert_eq!(policies.len(), 1, "{policies:?}");
    assert_eq!(policies[0]["policyName"], "o11y-xray-transaction-search");
    let doc: Value = serde_json::from_str(policies[0]["policyDocument"].as_str().unwrap()).unwrap();
    let st = &doc["Statement"][0];
    assert_eq!(st["Effect"], "Allow");
    assert_eq!(st["Principal"], json!({"Service": "xray.amazonaws.com"}));
    assert_eq!(st["Action"], "logs:PutLogEvents");
    assert_eq!(st["Resource"], json!(GUIDE_RESOURCES));
    assert_eq!(
        st["Condition"],
        json!({"ArnLike": {"aws:SourceArn": "arn:aws:xray:us-east-1:123456789012:*"},
               "StringEquals": {"aws:SourceAccount": "123456789012"}})
    );
    assert_eq!(env.moto_logs().retention("aws/spans"), Some(30));
    let logs_writes = env.logs.writes();
    assert_eq!(
        logs_writes,
        ["PutResourcePolicy", "CreateLogGroup", "PutRetentionPolicy"]
    );

    // Second run: every part unchanged, no write call anywhere.
    let r = env.ts(&[
        "--enable",
        "--indexing-percentage",
        "2.5",
        "--spans-retention-days",
        "30",
    ]);
    r.code(0);
    assert_eq!(r.stdout.matches("unchanged").count(), 4, "{}", r.stdout);
    assert_eq!(env.xray.writes().len(), 2, "{:?}", env.xray.writes());
    assert_eq!(env.logs.writes(), logs_writes);
    assert!(!r.stderr.contains("waiting"), "{}", r.stderr);
}

#[test]
fn the_state_at_a_glance_before_and_after_in_text_and_in_the_services_field_names() {
    let env = Env::new();
    let r = env.ts(&[]);
    r.code(0);
    assert!(
        line_with(&r.stdout, "destination").contains("XRay (ACTIVE): Transaction Search is off"),
        "{}",
        r.stdout
    );
    assert!(
        line_with(&r.stdout, "logs resource policy").contains("missing"),
        "{}",
        r.stdout
    );
    assert!(
        line_with(&r.stdout, "aws/spans retention").contains("log group not created yet"),
        "{}",
        r.stdout
    );
    assert!(env.xray.writes().is_empty() && env.logs.writes().is_empty());

    env.put_policy("TransactionSearchAccess", &guide_policy());
    env.xray.set_destination("CloudWatchLogs", "ACTIVE");
    env.xray.set_indexing(1.0);
    env.moto_logs().create_group("aws/spans");
    env.moto_logs().put_retention("aws/spans", 14);
    let r = env.ts(&[]);
    r.code(0);
    assert!(
        line_with(&r.stdout, "destination")
            .contains("CloudWatchLogs (ACTIVE): Transaction Search is on"),
        "{}",
        r.stdout
    );
    assert!(
        line_with(&r.stdout, "indexing").contains("1% desired, 0.98% actual (rule Default)"),
        "{}",
        r.stdout
    );
    assert!(
        line_with(&r.stdout, "logs resource policy").contains("in place (TransactionSearchAccess)"),
        "{}",
        r.stdout
    );
    assert!(
        line_with(&r.stdout, "aws/spans retention").contains("14 days"),
        "{}",
        r.stdout
    );

    let v = env.ts(&["-o", "json"]).json();
    assert_eq!(v["Destination"], "CloudWatchLogs");
    assert_eq!(v["Status"], "ACTIVE");
    assert_eq!(v["IndexingRule"]["Name"], "Default");
    assert_eq!(
        v["IndexingRule"]["Rule"]["Probabilistic"]["DesiredSamplingPercentage"],
        1.0
    );
    assert_eq!(
        v["IndexingRule"]["Rule"]["Probabilistic"]["ActualSamplingPercentage"],
        0.98
    );
    assert_eq!(v["resource_policy_in_place"], true);
    assert_eq!(v["resourcePolicy"]["policyName"], "TransactionSearchAccess");
    assert_eq!(v["logGroup"]["logGroupName"], "aws/spans");
    assert_eq!(v["logGroup"]["retentionInDays"], 14);
    assert!(env.xray.writes().is_empty() && env.logs.writes().is_empty());
}

#[test]
fn a_users_policy_that_already_grants_the_access_is_used_and_no_policy_of_the_users_is_ever_changed(
) {
    let env = Env::new();
    env.xray.set_destination("CloudWatchLogs", "ACTIVE");
    env.put_policy("TransactionSearchAccess", &guide_policy());
    let r = env.ts(&["--enable"]);
    r.code(0);
    let policy = line_with(&r.stdout, "logs resource policy");
    assert!(
        policy.contains("TransactionSearchAccess") && policy.contains("unchanged"),
        "{policy}"
    );
    assert!(env.logs.writes().is_empty(), "{:?}", env.logs.writes());
    assert!(env.xray.writes().is_empty(), "{:?}", env.xray.writes());

    // A policy of the user's that grants something else: o11y adds its own and leaves the user's alone.
    let env = Env::new();
    let theirs = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"Service": "es.amazonaws.com"}, "Action": ["logs:PutLogEvents", "logs:CreateLogStream"],
        "Resource": "arn:aws:logs:us-east-1:123456789012:log-group:/aws/opensearch/*"}]});
    env.put_policy("opensearch-logs", &theirs);
    let before = env.policies();
    let r = env.ts(&["--enable"]);
    r.code(0);
    assert!(
        line_with(&r.stdout, "logs resource policy").contains("created"),
        "{}",
        r.stdout
    );
    let after = env.policies();
    let mine = after
        .iter()
        .find(|p| p["policyName"] == "opensearch-logs")
        .unwrap();
    assert_eq!(mine["policyDocument"], before[0]["policyDocument"]);
    assert_eq!(after.len(), 2);
    assert_eq!(env.logs.writes(), ["PutResourcePolicy"]);
    assert_eq!(
        env.logs.requests_named("PutResourcePolicy")[0]["policyName"],
        "o11y-xray-transaction-search"
    );
}

#[test]
fn the_ten_policy_limit_is_reported_with_a_fix_and_nothing_else_is_written() {
    let env = Env::new();
    for i in 0..10 {
        let doc = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"Service": "es.amazonaws.com"}, "Action": "logs:PutLogEvents",
            "Resource": format!("arn:aws:logs:us-east-1:123456789012:log-group:team-{i}:*")}]});
        env.put_policy(&format!("team-{i}"), &doc);
    }
    let r = env.ts(&["--enable"]);
    r.code(1);
    assert!(r.stderr.contains("LimitExceededException"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("CloudWatch Logs allows 10 resource policies per region"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("aws logs delete-resource-policy"),
        "{}",
        r.stderr
    );
    assert!(
        line_with(&r.stdout, "logs resource policy").contains("failed"),
        "{}",
        r.stdout
    );
    assert!(env.xray.writes().is_empty(), "{:?}", env.xray.writes());
    assert_eq!(env.policies().len(), 10);
}

#[test]
fn a_destination_that_never_becomes_active_ends_the_bounded_wait_with_exit_1_and_the_state() {
    let env = Env::new();
    env.xray.set_pending_polls(usize::MAX);
    let started = std::time::Instant::now();
    let r = env.ts(&["--enable", "--wait", "300ms"]);
    r.code(1);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "the wait was not bounded"
    );
    assert!(
        r.stderr.contains(
            "the trace segment destination is CloudWatchLogs and still PENDING after 0.3 s"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--wait"), "{}", r.stderr);
    assert!(
        line_with(&r.stdout, "xray segment destination").contains("failed"),
        "{}",
        r.stdout
    );
    assert!(
        line_with(&r.stdout, "logs resource policy").contains("created"),
        "{}",
        r.stdout
    );
    // The indexing rule waits for ACTIVE: not touched.
    assert_eq!(env.xray.writes(), ["/UpdateTraceSegmentDestination"]);
    assert!(
        env.xray.requests_to("/GetTraceSegmentDestination").len() >= 3,
        "polled only {:?}",
        env.xray.calls()
    );
}

#[test]
fn disable_sends_segments_back_to_xray_keeps_the_policy_and_a_second_run_writes_nothing() {
    let env = Env::new();
    env.xray.set_destination("CloudWatchLogs", "ACTIVE");
    env.put_policy("TransactionSearchAccess", &guide_policy());
    let r = env.ts(&["--disable"]);
    r.code(0);
    assert!(
        line_with(&r.stdout, "xray segment destination")
            .contains(r#"updated  Destination: "CloudWatchLogs" → "XRay""#),
        "{}",
        r.stdout
    );
    assert_eq!(env.xray.writes(), ["/UpdateTraceSegmentDestination"]);
    assert_eq!(
        env.xray.requests_to("/UpdateTraceSegmentDestination")[0].json(),
        json!({"Destination": "XRay"})
    );
    assert_eq!(env.policies().len(), 1);
    assert!(env.logs.writes().is_empty());
    let r = env.ts(&["--disable", "-o", "json"]);
    r.code(0);
    assert_eq!(
        r.json(),
        json!([{"kind": "xray segment destination", "name": "XRay", "action": "unchanged", "changes": []}])
    );
    assert_eq!(env.xray.writes().len(), 1);
}

#[test]
fn bad_percentages_retentions_and_flags_are_usage_errors_before_any_call() {
    let env = Env::new();
    let cases: [(&[&str], &str); 9] = [
        (
            &["--enable", "--indexing-percentage", "101"],
            "indexing percentage 101 is not a percentage between 0 and 100",
        ),
        (
            &["--enable", "--indexing-percentage=-1"],
            "indexing percentage -1 is not a percentage",
        ),
        (
            &["--enable", "--indexing-percentage", "NaN"],
            "indexing percentage NaN is not a percentage",
        ),
        (
            &["--enable", "--spans-retention-days", "8"],
            "log group `aws/spans`: 8 is not a retention CloudWatch Logs accepts",
        ),
        (&["--enable", "--wait", "5x"], "invalid duration `5x`"),
        (&["--enable", "--disable"], "cannot be used with"),
        (
            &["--indexing-percentage", "5"],
            "the following required arguments were not provided",
        ),
        (
            &["--disable", "--spans-retention-days", "30"],
            "cannot be used with",
        ),
        (&["--disable", "--wait", "1m"], "cannot be used with"),
    ];
    for (args, expected) in cases {
        let r = env.ts(args);
        r.code(2);
        assert!(r.stderr.contains(expected), "{args:?}: {}", r.stderr);
        assert_eq!(r.stdout, "", "{args:?}");
    }
    assert!(env.xray.calls().is_empty(), "{:?}", env.xray.calls());
    assert!(
        env.logs.operations().is_empty(),
        "{:?}",
        env.logs.operations()
    );
}

#[test]
fn throttling_and_5xx_on_the_way_are_retried_and_the_enable_completes() {
    let env = Env::new();
    env.logs
        .inject("PutResourcePolicy", 0, vec![throttling(), throttling()]);
    env.xray.set_pending_polls(1);
    env.xray.throttle_next(1);
    let r = env.ts(&["--enable", "--indexing-percentage", "3"]);
    r.code(0);
    assert_eq!(
        env.logs
            .operations()
            .iter()
            .filter(|o| *o == "PutResourcePolicy")
            .count(),
        3,
        "{:?}",
        env.logs.operations()
    );
    assert_eq!(env.policies().len(), 1);
    assert_eq!(env.xray.indexing(), Some(3.0));

    // A 5xx on the indexing update: retried too.
    let env = Env::new();
    env.xray.set_destination("CloudWatchLogs", "ACTIVE");
    env.put_policy("TransactionSearchAccess", &guide_policy());
    env.xray.fail_next_5xx(2);
    let r = env.ts(&["--enable", "--indexing-percentage", "4"]);
    r.code(0);
    assert_eq!(env.xray.indexing(), Some(4.0));
    assert!(env.xray.calls().len() >= 5, "{:?}", env.xray.calls());
}

#[test]
fn help_names_the_apis_and_has_examples() {
    let h = support::help(&["xray", "transaction-search"]);
    for s in [
        "GetTraceSegmentDestination",
        "UpdateTraceSegmentDestination",
        "GetIndexingRules",
        "UpdateIndexingRule",
        "PutResourcePolicy",
        "GetCallerIdentity",
        "Examples:\n  o11y xray transaction-search",
    ] {
        assert!(h.contains(s), "{s} missing from:\n{h}");
    }
}

/// Issue 12's "done when": from a blank account, `transaction-search --enable` then `xray test-span` shows the
/// span found (sent to the OTLP endpoint, read back by a retrieval); before the enable, test-span sends nothing.
#[test]
fn a_blank_account_enabled_then_a_test_span_is_found() {
    let env = Env::new();
    let before =
        run(env
            .o11y()
            .env("O11Y_POLL_MS", "20")
            .args(["xray", "test-span", "--timeout", "5s"]));
    before.code(1);
    assert!(
        before.stderr.contains("transaction-search --enable"),
        "{}",
        before.stderr
    );
    assert!(env.xray.requests_to("/v1/traces").is_empty());

    env.ts(&["--enable"]).code(0);
    let r = run(env.o11y().env("O11Y_POLL_MS", "20").args([
        "xray",
        "test-span",
        "--timeout",
        "10s",
        "-o",
        "json",
    ]));
    r.code(0);
    let out: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(out["arrived_after_ms"].as_u64().is_some(), "{out}");
    assert_eq!(out["Destination"], "CloudWatchLogs", "{out}");
    assert_eq!(env.xray.requests_to("/v1/traces").len(), 1);
    assert!(!env.xray.requests_to("/StartTraceRetrieval").is_empty());
}
