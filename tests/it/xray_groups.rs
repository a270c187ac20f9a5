//! `o11y xray groups`, `create-group`, `delete-group` against the stateful X-Ray fake (pages of two).

use crate::support;

use serde_json::json;
use support::xray::{error, XrayFake};
use support::{run, Sandbox, ACCESS_KEY_ID, SECRET_ACCESS_KEY};

const FILTER: &str = r#"service("backend-flask")"#;

#[test]
fn create_group_creates_it_then_a_second_run_makes_no_write_call() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let r = run(sb.o11y_aws(fake.url()).args([
        "xray",
        "create-group",
        "Cruddur",
        "--filter-expression",
        FILTER,
    ]));
    r.code(0);
    assert!(
        r.stdout.contains("xray group  Cruddur  created"),
        "{}",
        r.stdout
    );
    assert_eq!(fake.writes(), ["/CreateGroup"]);
    let sent = &fake.requests_to("/CreateGroup")[0].json();
    assert_eq!(sent["GroupName"], "Cruddur");
    assert_eq!(sent["FilterExpression"], FILTER);
    assert_eq!(
        sent["InsightsConfiguration"],
        json!({"InsightsEnabled": false, "NotificationsEnabled": false})
    );

    let r = run(sb.o11y_aws(fake.url()).args([
        "xray",
        "create-group",
        "Cruddur",
        "--filter-expression",
        FILTER,
    ]));
    r.code(0);
    assert!(r.stdout.contains("unchanged"), "{}", r.stdout);
    assert_eq!(
        fake.writes(),
        ["/CreateGroup"],
        "the second run wrote something"
    );
    assert_eq!(fake.calls(), ["/GetGroup", "/CreateGroup", "/GetGroup"]);
}

#[test]
fn create_group_json_reports_the_action_and_the_group_in_the_services_field_names() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let r = run(sb.o11y_aws(fake.url()).args([
        "xray",
        "create-group",
        "Cruddur",
        "--filter-expression",
        FILTER,
        "--insights",
        "--notifications",
        "-o",
        "json",
    ]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["action"], "created");
    assert_eq!(v["changes"], json!([]));
    assert_eq!(v["Group"]["GroupName"], "Cruddur");
    assert_eq!(v["Group"]["FilterExpression"], FILTER);
    assert!(v["Group"]["GroupARN"]
        .as_str()
        .unwrap()
        .starts_with("arn:aws:xray:us-east-1:"));
    assert_eq!(
        v["Group"]["InsightsConfiguration"],
        json!({"InsightsEnabled": true, "NotificationsEnabled": true})
    );
    assert_eq!(r.stderr, "");
}

#[test]
fn create_group_updates_only_the_filter_expression_when_only_it_differs() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    fake.add_group("Cruddur", r#"service("frontend")"#, false, false);
    let r = run(sb.o11y_aws(fake.url()).args([
        "xray",
        "create-group",
        "Cruddur",
        "--filter-expression",
        FILTER,
        "-o",
        "json",
    ]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["action"], "updated");
    assert_eq!(
        v["changes"],
        json!([{"field": "FilterExpression", "from": r#"service("frontend")"#, "to": FILTER}])
    );
    let sent = fake.requests_to("/UpdateGroup")[0].json();
    assert_eq!(
        sent,
        json!({"GroupName": "Cruddur", "FilterExpression": FILTER})
    );
    assert_eq!(fake.group("Cruddur").unwrap()["FilterExpression"], FILTER);
}

#[test]
fn create_group_updates_only_the_insights_configuration_when_only_it_differs() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    fake.add_group("Cruddur", FILTER, false, false);
    let r = run(sb.o11y_aws(fake.url()).args([
        "xray",
        "create-group",
        "Cruddur",
        "--filter-expression",
        FILTER,
        "--insights",
    ]));
    r.code(0);
    assert!(
        r.stdout.contains("updated") && r.stdout.contains("InsightsEnabled: false → true"),
        "{}",
        r.stdout
    );
    let sent = fake.requests_to("/UpdateGroup")[0].json();
    assert_eq!(
        sent,
        json!({"GroupName": "Cruddur", "InsightsConfiguration": {"InsightsEnabled": true, "NotificationsEnabled": false}})
    );
}

#[test]
fn groups_lists_every_page_through_throttling_and_server_errors() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    for i in 0..5 {
        fake.add_group(
            &format!("group-{i}"),
            &format!("service(\"svc-{i}\")"),
            false,
            false,
        );
    }
    fake.throttle_next(2);
    fake.fail_next_5xx(1);
    let r = run(sb
        .o11y_aws(fake.url())
        .args(["xray", "groups", "-o", "json"]));
    r.code(0);
    let names: Vec<String> = r.json()["Groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["GroupName"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        ["group-0", "group-1", "group-2", "group-3", "group-4"]
    );
    // 3 failed attempts, then 3 pages of at most two.
    assert_eq!(fake.requests_to("/Groups").len(), 6);
    let tokens: Vec<serde_json::Value> = fake
        .requests_to("/Groups")
        .iter()
        .map(|r| r.json()["NextToken"].clone())
        .collect();
    assert_eq!(tokens[3..], [json!(null), json!("p2"), json!("p4")]);
}

#[test]
fn groups_table_shows_name_filter_and_insights() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    fake.add_group("Cruddur", FILTER, true, false);
    let r = run(sb.o11y_aws(fake.url()).args(["xray", "groups"]));
    r.code(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["NAME", "FILTER", "EXPRESSION", "INSIGHTS", "NOTIFICATIONS"]
    );
    assert_eq!(
        lines[1].split_whitespace().collect::<Vec<_>>(),
        ["Cruddur", FILTER, "yes", "no"]
    );
}

#[test]
fn persistent_throttling_ends_with_the_services_error_and_a_hint() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    fake.throttle_next(100);
    let r = run(sb.o11y_aws(fake.url()).args([
        "xray",
        "create-group",
        "Cruddur",
        "--filter-expression",
        FILTER,
    ]));
    r.code(1);
    assert!(
        r.stderr
            .contains("o11y: error: ThrottledException: Rate exceeded"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("help: "), "{}", r.stderr);
    assert_eq!(
        fake.requests_to("/GetGroup").len(),
        3,
        "the standard retry mode makes 3 attempts"
    );
    assert!(fake.writes().is_empty());
}

#[test]
fn service_errors_are_shown_as_the_service_sent_them() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    fake.server.fail_next(
        1,
        error(
            400,
            "AccessDeniedException",
            "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: xray:GetGroup",
        ),
    );
    let r = run(sb.o11y_aws(fake.url()).args([
        "xray",
        "create-group",
        "Cruddur",
        "--filter-expression",
        FILTER,
    ]));
    r.code(1);
    assert!(
        r.stderr.starts_with("o11y: error: AccessDeniedException: User: arn:aws:iam::123456789012:user/dev is not authorized"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("help: the credentials in use lack the IAM permission"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");
}

#[test]
fn delete_group_deletes_and_a_missing_group_is_an_error_unless_if_exists() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    fake.add_group("Cruddur", FILTER, false, false);
    let r = run(sb
        .o11y_aws(fake.url())
        .args(["xray", "delete-group", "Cruddur"]));
    r.code(0);
    assert_eq!(r.stdout, "deleted xray group Cruddur\n");
    assert!(fake.group("Cruddur").is_none());

    let r = run(sb
        .o11y_aws(fake.url())
        .args(["xray", "delete-group", "Cruddur"]));
    r.code(1);
    assert!(
        r.stderr
            .contains("o11y: error: X-Ray group `Cruddur` not found"),
        "{}",
        r.stderr
    );

    let r = run(sb.o11y_aws(fake.url()).args([
        "xray",
        "delete-group",
        "Cruddur",
        "--if-exists",
        "-o",
        "json",
    ]));
    r.code(0);
    assert_eq!(
        r.json(),
        json!({"action": "absent", "GroupName": "Cruddur"})
    );
}

#[test]
fn bad_group_input_exits_2_before_any_request() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let long = "x".repeat(33);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["xray", "create-group", &long, "--filter-expression", FILTER],
            "must be 1 to 32 characters (got 33)",
        ),
        (
            vec![
                "xray",
                "create-group",
                "Cruddur",
                "--filter-expression",
                " ",
            ],
            "the filter expression is empty",
        ),
        (
            vec![
                "xray",
                "create-group",
                "Cruddur",
                "--filter-expression",
                FILTER,
                "--notifications",
            ],
            "notifications need insights",
        ),
        (
            vec!["xray", "create-group", "Cruddur"],
            "--filter-expression",
        ),
        (
            vec!["xray", "groups", "--endpoint-url", "not a url"],
            "--endpoint-url: `not a url` is not an http(s) URL",
        ),
        (
            vec!["xray", "groups", "-o", "dot"],
            "`-o dot` is only for `o11y xray service-graph`",
        ),
    ];
    for (args, expected) in cases {
        let r = run(sb.o11y_aws(fake.url()).args(&args));
        r.code(2);
        assert!(r.stderr.contains(expected), "{args:?}: {}", r.stderr);
        assert_eq!(r.stdout, "", "{args:?}");
    }
    assert!(
        fake.calls().is_empty(),
        "a request was sent: {:?}",
        fake.calls()
    );
}

#[test]
fn requests_are_sigv4_signed_for_xray_and_never_carry_the_secret() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    run(sb.o11y_aws(fake.url()).args([
        "xray",
        "create-group",
        "Cruddur",
        "--filter-expression",
        FILTER,
        "-v",
    ]))
    .code(0);
    for req in fake.server.requests() {
        let auth = req.header("authorization").unwrap();
        let re_prefix = format!("AWS4-HMAC-SHA256 Credential={ACCESS_KEY_ID}/");
        assert!(auth.starts_with(&re_prefix), "{auth}");
        assert!(
            auth.contains("/us-east-1/xray/aws4_request, SignedHeaders="),
            "{auth}"
        );
        let sig = auth.rsplit("Signature=").next().unwrap();
        assert!(
            sig.len() == 64 && sig.chars().all(|c| c.is_ascii_hexdigit()),
            "{auth}"
        );
        assert!(req.header("x-amz-date").is_some());
        assert!(!req.raw().contains(SECRET_ACCESS_KEY));
    }
}

#[test]
fn the_service_specific_endpoint_variable_wins_over_the_general_one_and_the_flag_over_both() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let dead = "http://127.0.0.1:9";
    run(sb
        .o11y_aws(dead)
        .env("AWS_ENDPOINT_URL_XRAY", fake.url())
        .args(["xray", "groups"]))
    .code(0);
    assert_eq!(fake.calls(), ["/Groups"]);
    run(sb.o11y_aws(dead).env("AWS_ENDPOINT_URL_XRAY", dead).args([
        "xray",
        "groups",
        "--endpoint-url",
        fake.url(),
    ]))
    .code(0);
    assert_eq!(fake.calls(), ["/Groups", "/Groups"]);
}

#[test]
fn an_unreachable_endpoint_is_a_network_error_with_a_hint() {
    let sb = Sandbox::new();
    let r = run(sb
        .o11y_aws("http://127.0.0.1:9")
        .args(["xray", "delete-group", "Cruddur"]));
    r.code(1);
    assert!(
        r.stderr.contains("o11y: error: could not reach AWS"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("help: check the endpoint"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_endpoint_without_the_api_says_so_instead_of_an_unknown_error() {
    // What moto answers for X-Ray groups: HTTP 404 with an HTML body and no AWS error code.
    let sb = Sandbox::new();
    let server = support::server::FakeServer::start(|_| {
        support::server::Reply::text(404, "<!doctype html><title>404 Not Found</title>")
    });
    let r = run(sb.o11y_aws(&server.url).args(["xray", "groups"]));
    r.code(1);
    assert!(
        r.stderr
            .contains("o11y: error: the endpoint answered HTTP 404 without an AWS error"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("help: check that the endpoint"),
        "{}",
        r.stderr
    );
}
