//! `o11y setup` against the X-Ray fake (and moto for CloudWatch Logs, through the service-specific endpoint
//! variables).

use crate::support;

use serde_json::json;
use support::logs::{unique, FaultProxy, Logs};
use support::moto::Moto;
use support::xray::XrayFake;
use support::{repo_root, run, Sandbox, XRAY_MANIFEST};

#[test]
fn dry_run_reports_what_would_happen_and_makes_no_write_call() {
    let (sb, fake) = (Sandbox::with_manifest(XRAY_MANIFEST), XrayFake::start());
    let r = run(sb.o11y_aws(fake.url()).args(["setup", "--dry-run"]));
    r.code(0);
    assert!(
        r.stdout
            .contains("xray group          Cruddur  would create"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("xray sampling rule  Cruddur  would create"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("dry run: nothing was changed"),
        "{}",
        r.stderr
    );
    assert!(fake.writes().is_empty(), "{:?}", fake.writes());
    let r = run(sb
        .o11y_aws(fake.url())
        .args(["setup", "--dry-run", "-o", "json"]));
    assert_eq!(
        r.json()[0],
        json!({"kind": "xray group", "name": "Cruddur", "action": "created", "changes": [], "dry_run": true})
    );
}

#[test]
fn setup_creates_everything_then_a_second_run_changes_nothing() {
    let (sb, fake) = (Sandbox::with_manifest(XRAY_MANIFEST), XrayFake::start());
    let r = run(sb.o11y_aws(fake.url()).args(["setup", "-o", "json"]));
    r.code(0);
    assert_eq!(
        r.json(),
        json!([
            {"kind": "xray group", "name": "Cruddur", "action": "created", "changes": []},
            {"kind": "xray sampling rule", "name": "Cruddur", "action": "created", "changes": []},
        ])
    );
    assert_eq!(
        fake.writes_sorted(),
        ["/CreateGroup", "/CreateSamplingRule"]
    );
    let r = run(sb.o11y_aws(fake.url()).args(["setup"]));
    r.code(0);
    assert_eq!(r.stdout.matches("unchanged").count(), 2, "{}", r.stdout);
    assert_eq!(
        fake.writes_sorted(),
        ["/CreateGroup", "/CreateSamplingRule"],
        "the second run wrote something"
    );
}

#[test]
fn a_changed_manifest_updates_only_what_differs() {
    let (sb, fake) = (Sandbox::with_manifest(XRAY_MANIFEST), XrayFake::start());
    run(sb.o11y_aws(fake.url()).args(["setup"])).code(0);
    sb.write(
        "o11y.toml",
        &XRAY_MANIFEST.replace("backend-flask", "frontend-react-js"),
    );
    let r = run(sb.o11y_aws(fake.url()).args(["setup"]));
    r.code(0);
    assert!(
        r.stdout.contains(r#"xray group          Cruddur  updated    FilterExpression: "service(\"backend-flask\")" → "service(\"frontend-react-js\")""#),
        "{}",
        r.stdout
    );
    let writes = fake.writes();
    let mut first_run = writes[..2.min(writes.len())].to_vec();
    first_run.sort();
    assert_eq!(first_run, ["/CreateGroup", "/CreateSamplingRule"]);
    assert_eq!(writes[2..], ["/UpdateGroup"]);
}

#[test]
fn one_failing_resource_does_not_stop_the_others_and_the_exit_code_is_1() {
    let (sb, fake) = (Sandbox::with_manifest(XRAY_MANIFEST), XrayFake::start());
    let mut existing: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo_root().join("json/xray.json")).unwrap())
            .unwrap();
    existing["SamplingRule"]["Version"] = json!(2);
    fake.add_rule(existing["SamplingRule"].clone());
    let r = run(sb.o11y_aws(fake.url()).args(["setup", "-o", "json"]));
    r.code(1);
    let v = r.json();
    assert_eq!(v[0]["action"], "created");
    assert_eq!(v[1]["action"], "failed");
    assert!(
        v[1]["error"]
            .as_str()
            .unwrap()
            .contains("Version cannot be changed in place"),
        "{v}"
    );
    assert!(
        r.stderr.contains("o11y: error: 1 of 2 resources failed"),
        "{}",
        r.stderr
    );
    assert_eq!(fake.writes(), ["/CreateGroup"]);
}

#[test]
fn an_invalid_manifest_exits_2_naming_file_line_and_key_before_any_request() {
    let fake = XrayFake::start();
    let cases = [
        ("[[xray.groups]]\nname = \"Cruddur\"\nfilter_expresion = 'x'\n", "o11y.toml:3: unknown field `filter_expresion`"),
        ("[[logs.groups]]\nname = \"cruddur\"\nretention_days = 8\n", "o11y.toml:3: logs.groups[0].retention_days: log group `cruddur`: 8 is not a retention CloudWatch Logs accepts"),
        ("[[xray.sampling_rules]]\nfile = \"nope.json\"\n", "o11y.toml:2: xray.sampling_rules[0].file: cannot read `nope.json`"),
        ("[[xray.groups]]\nname = 7\n", "o11y.toml:2: invalid type: integer `7`, expected a string"),
    ];
    for (manifest, expected) in cases {
        let sb = Sandbox::with_manifest(manifest);
        let r = run(sb.o11y_aws(fake.url()).args(["setup"]));
        r.code(2);
        assert!(
            r.stderr.contains(expected),
            "expected {expected:?} in {}",
            r.stderr
        );
    }
    let r = run(Sandbox::new().o11y_aws(fake.url()).args(["setup"]));
    r.code(2);
    assert!(
        r.stderr.contains("cannot read the manifest `o11y.toml`"),
        "{}",
        r.stderr
    );
    assert!(fake.calls().is_empty(), "{:?}", fake.calls());
}

#[test]
fn setup_help_has_an_example() {
    let r = run(Sandbox::new().o11y().args(["setup", "--help"]));
    r.code(0);
    assert!(r.stdout.contains("Examples:\n  o11y setup"), "{}", r.stdout);
}

/// o11y with X-Ray at the fake and CloudWatch Logs at moto (through a recording proxy), each through its
/// service-specific endpoint variable.
fn both(sb: &Sandbox, xray: &XrayFake, logs: &FaultProxy) -> assert_cmd::Command {
    let mut cmd = sb.o11y_aws("http://127.0.0.1:9");
    cmd.env("AWS_ENDPOINT_URL_XRAY", xray.url())
        .env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", logs.url());
    cmd
}

#[test]
fn setup_applies_xray_and_logs_together_then_changes_nothing_then_only_a_changed_retention() {
    let moto = Moto::shared();
    let (xray, proxy) = (XrayFake::start(), FaultProxy::start(&moto.url));
    let group = unique("cruddur");
    let manifest =
        format!("{XRAY_MANIFEST}\n[[logs.groups]]\nname = \"{group}\"\nretention_days = 7\n");
    let sb = Sandbox::with_manifest(&manifest);

    let r = run(both(&sb, &xray, &proxy).args(["setup", "--dry-run"]));
    r.code(0);
    assert!(
        r.stdout
            .contains(&format!("logs group          {group}  would create")),
        "{}",
        r.stdout
    );
    assert!(proxy.writes().is_empty() && xray.writes().is_empty());

    let r = run(both(&sb, &xray, &proxy).args(["setup", "-o", "json"]));
    r.code(0);
    assert_eq!(
        r.json()[2],
        json!({"kind": "logs group", "name": group, "action": "created", "changes": []})
    );
    assert_eq!(Logs::new(&moto.url).retention(&group), Some(7));
    assert_eq!(proxy.writes(), ["CreateLogGroup", "PutRetentionPolicy"]);

    let r = run(both(&sb, &xray, &proxy).args(["setup"]));
    r.code(0);
    assert_eq!(r.stdout.matches("unchanged").count(), 3, "{}", r.stdout);
    assert_eq!(
        proxy.writes(),
        ["CreateLogGroup", "PutRetentionPolicy"],
        "the second run wrote to Logs"
    );
    assert_eq!(
        xray.writes_sorted(),
        ["/CreateGroup", "/CreateSamplingRule"],
        "the second run wrote to X-Ray"
    );

    sb.write(
        "o11y.toml",
        &manifest.replace("retention_days = 7", "retention_days = 30"),
    );
    let r = run(both(&sb, &xray, &proxy).args(["setup", "-o", "json"]));
    r.code(0);
    assert_eq!(r.json()[2]["action"], "updated");
    assert_eq!(
        r.json()[2]["changes"],
        json!([{"field": "retentionInDays", "from": 7, "to": 30}])
    );
    assert_eq!(
        proxy.writes(),
        ["CreateLogGroup", "PutRetentionPolicy", "PutRetentionPolicy"]
    );
    assert_eq!(Logs::new(&moto.url).retention(&group), Some(30));
}

/// o11y with X-Ray at the fake, CloudWatch Logs at moto through the proxy and STS at moto.
fn with_sts(sb: &Sandbox, xray: &XrayFake, logs: &FaultProxy, moto: &Moto) -> assert_cmd::Command {
    let mut cmd = sb.o11y_aws(&moto.url);
    cmd.env("AWS_ENDPOINT_URL_XRAY", xray.url())
        .env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", logs.url())
        .env("O11Y_POLL_MS", "20");
    cmd
}

const TRANSACTION_SEARCH: &str =
    "[xray.transaction_search]\nenabled = true\nindexing_percentage = 2\nspans_retention_days = 30\n";

#[test]
fn setup_ensures_transaction_search_from_the_manifest_after_a_dry_run_then_changes_nothing() {
    let moto = Moto::start();
    let (xray, proxy) = (XrayFake::start(), FaultProxy::start(&moto.url));
    let sb = Sandbox::with_manifest(TRANSACTION_SEARCH);

    let r = run(with_sts(&sb, &xray, &proxy, &moto).args(["setup", "--dry-run", "-o", "json"]));
    r.code(0);
    let actions: Vec<(String, String, String)> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["kind"].as_str().unwrap().to_string(),
                o["name"].as_str().unwrap().to_string(),
                o["action"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        (
            "logs resource policy",
            "o11y-xray-transaction-search",
            "created",
        ),
        ("xray segment destination", "CloudWatchLogs", "updated"),
        ("xray indexing rule", "Default", "updated"),
        ("logs group", "aws/spans", "created"),
    ]
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
    assert_eq!(actions, expected);
    assert!(xray.writes().is_empty(), "{:?}", xray.writes());
    assert!(proxy.writes().is_empty(), "{:?}", proxy.writes());

    let r = run(with_sts(&sb, &xray, &proxy, &moto).args(["setup"]));
    r.code(0);
    assert!(
        r.stdout
            .contains("xray segment destination  CloudWatchLogs                updated"),
        "{}",
        r.stdout
    );
    assert_eq!(
        xray.writes(),
        ["/UpdateTraceSegmentDestination", "/UpdateIndexingRule"]
    );
    assert_eq!(xray.indexing(), Some(2.0));
    assert_eq!(Logs::new(&moto.url).retention("aws/spans"), Some(30));
    let writes = proxy.writes();
    assert_eq!(
        writes,
        ["PutResourcePolicy", "CreateLogGroup", "PutRetentionPolicy"]
    );

    let r = run(with_sts(&sb, &xray, &proxy, &moto).args(["setup"]));
    r.code(0);
    assert_eq!(r.stdout.matches("unchanged").count(), 4, "{}", r.stdout);
    assert_eq!(xray.writes().len(), 2);
    assert_eq!(proxy.writes(), writes);
}

#[test]
fn transaction_search_enabled_false_sends_segments_back_to_xray_and_leaves_the_rest() {
    let moto = Moto::start();
    let (xray, proxy) = (XrayFake::start(), FaultProxy::start(&moto.url));
    xray.set_destination("CloudWatchLogs", "ACTIVE");
    let sb = Sandbox::with_manifest("[xray.transaction_search]\nenabled = false\n");
    let r = run(with_sts(&sb, &xray, &proxy, &moto).args(["setup", "-o", "json"]));
    r.code(0);
    assert_eq!(
        r.json(),
        json!([{"kind": "xray segment destination", "name": "XRay", "action": "updated",
                "changes": [{"field": "Destination", "from": "CloudWatchLogs", "to": "XRay"}]}])
    );
    assert_eq!(xray.writes(), ["/UpdateTraceSegmentDestination"]);
    assert!(proxy.writes().is_empty(), "{:?}", proxy.writes());
}
