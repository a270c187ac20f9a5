//! `o11y doctor`: one line per check, a fix for each problem, exit 1 when any check failed, no secret shown.

use crate::support;

use std::process::Command;

use support::honeycomb::{
    HoneycombFake, CLASSIC_KEY, ENV_KEY, INGEST_KEY, STAGING_INGEST_KEY, UNKNOWN_KEY,
};
use support::logs::{unique, FaultProxy, Logs};
use support::moto::Moto;
use support::rollbar::{RollbarFake, READ_TOKEN, SERVER_TOKEN};
use support::xray::XrayFake;
use support::{run, Sandbox, SECRET_ACCESS_KEY, XRAY_MANIFEST};

#[test]
fn a_missing_region_fails_with_the_fix_and_exit_1() {
    let sb = Sandbox::new();
    let r = run(sb.o11y().args(["doctor"]));
    r.code(1);
    assert!(r.stdout.contains("! manifest"), "{}", r.stdout);
    assert!(r.stdout.contains("✗ aws region"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("  fix: pass `--region us-east-1`, or set AWS_REGION"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("✗ rollbar token"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("  fix: use the project's post_server_item token"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("✗ honeycomb key"), "{}", r.stdout);
    assert!(r.stdout.contains("✗ otel service name"), "{}", r.stdout);
    assert!(
        r.stderr
            .contains("o11y: error: 5 of 6 checks failed, 1 warnings"),
        "{}",
        r.stderr
    );
}

#[test]
fn before_setup_each_missing_resource_fails_with_fix_o11y_setup_and_after_it_all_pass() {
    let (sb, fake) = (Sandbox::with_manifest(XRAY_MANIFEST), XrayFake::start());
    let r = run(sb.o11y_aws(fake.url()).args(["doctor"]));
    r.code(1);
    assert!(r.stdout.contains("✓ aws region"), "{}", r.stdout);
    assert!(r.stdout.contains("✓ aws credentials"), "{}", r.stdout);
    assert!(r.stdout.contains("✓ aws xray"), "{}", r.stdout);
    assert!(r.stdout.contains("✗ xray group Cruddur"), "{}", r.stdout);
    assert!(
        r.stdout.contains("✗ xray sampling rule Cruddur"),
        "{}",
        r.stdout
    );
    assert_eq!(
        r.stdout.matches("  fix: o11y setup\n").count(),
        2,
        "{}",
        r.stdout
    );
    assert!(
        fake.writes().is_empty(),
        "doctor wrote something: {:?}",
        fake.writes()
    );

    run(sb.o11y_aws(fake.url()).args(["setup"])).code(0);
    let r = run(sb.o11y_aws(fake.url()).args(["doctor", "-o", "json"]));
    r.code(0);
    let v = r.json();
    let checks = v.as_array().unwrap();
    assert!(checks.iter().all(|c| c["status"] == "ok"), "{v:#}");
    assert!(checks
        .iter()
        .any(|c| c["check"] == "xray group Cruddur"
            && c["detail"] == "exists and matches the manifest"));
    assert!(r.stderr.contains("all checks passed"), "{}", r.stderr);
}

#[test]
fn a_resource_that_differs_names_what_differs() {
    let (sb, fake) = (Sandbox::with_manifest(XRAY_MANIFEST), XrayFake::start());
    run(sb.o11y_aws(fake.url()).args(["setup"])).code(0);
    fake.add_group("Cruddur", r#"service("other")"#, false, false);
    let r = run(sb.o11y_aws(fake.url()).args(["doctor"]));
    r.code(1);
    assert!(
        r.stdout.contains(r#"✗ xray group Cruddur"#)
            && r.stdout
                .contains(r#"differs: FilterExpression: "service(\"other\")""#),
        "{}",
        r.stdout
    );
}

#[test]
fn a_secret_in_a_tracked_file_is_a_warning_naming_file_and_line_never_the_secret() {
    let (sb, fake) = (Sandbox::with_manifest(XRAY_MANIFEST), XrayFake::start());
    run(sb.o11y_aws(fake.url()).args(["setup"])).code(0);
    sb.write(
        "notes.md",
        &format!("# setup\naws secret: {SECRET_ACCESS_KEY}\n"),
    );
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .args(args)
            .current_dir(sb.home.path())
            .env("HOME", sb.home.path())
            .output()
            .unwrap();
        assert!(
            ok.status.success(),
            "{}",
            String::from_utf8_lossy(&ok.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["add", "notes.md", "o11y.toml"]);
    let r = run(sb.o11y_aws(fake.url()).args(["doctor"]));
    r.code(0);
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("! security: secrets in git"))
        .unwrap_or_default();
    assert!(
        line.ends_with("the value of AWS_SECRET_ACCESS_KEY appears in notes.md:2"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("fix: remove it from notes.md (and from git history)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("all checks passed, 1 warnings"),
        "{}",
        r.stderr
    );
    assert!(!r.stdout.contains(SECRET_ACCESS_KEY) && !r.stderr.contains(SECRET_ACCESS_KEY));
}

#[test]
fn rollbar_token_is_checked_for_shape_and_send_test_sends_one_item_without_printing_the_token() {
    let (sb, rollbar) = (
        Sandbox::with_manifest("[rollbar]\nenvironment = \"staging\"\n"),
        RollbarFake::start(),
    );
    let r = run(sb
        .o11y()
        .env("ROLLBAR_ACCESS_TOKEN", "not-a-token")
        .args(["doctor"]));
    r.code(1);
    assert!(r.stdout.contains("✗ rollbar token"), "{}", r.stdout);
    assert!(r.stdout.contains("has 11 characters"), "{}", r.stdout);

    let r = run(sb
        .o11y()
        .env("ROLLBAR_ACCESS_TOKEN", SERVER_TOKEN)
        .env("ROLLBAR_ENDPOINT", rollbar.endpoint())
        .args(["doctor"]));
    r.code(0);
    assert!(
        r.stdout.contains("✓ rollbar token") && r.stdout.contains("(5e7a…)"),
        "{}",
        r.stdout
    );
    assert!(
        rollbar.items().is_empty(),
        "doctor sent an item without --send-test"
    );

    let r = run(sb
        .o11y()
        .env("ROLLBAR_ACCESS_TOKEN", SERVER_TOKEN)
        .env("ROLLBAR_ENDPOINT", rollbar.endpoint())
        .args(["doctor", "--send-test", "-v"]));
    r.code(0);
    // Without a read token the item is sent but cannot be found again: a warning that says how to check.
    assert!(
        r.stdout.contains("! send-test rollbar")
            && r.stdout
                .contains("accepted: https://rollbar.com/item/uuid/?uuid=")
            && r.stdout
                .contains("not found again: ROLLBAR_READ_ACCESS_TOKEN is not set"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "fix: set ROLLBAR_READ_ACCESS_TOKEN to the project's read token to confirm arrival"
        ),
        "{}",
        r.stdout
    );
    let items = rollbar.items();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["environment"], "staging");
    assert_eq!(
        items[0]["body"]["message"]["body"],
        "o11y doctor: test message"
    );
    assert!(!r.stdout.contains(&SERVER_TOKEN[4..]) && !r.stderr.contains(&SERVER_TOKEN[4..]));
}

fn honeycomb_env<'a>(
    cmd: &'a mut assert_cmd::Command,
    fake: &HoneycombFake,
) -> &'a mut assert_cmd::Command {
    cmd.env("HONEYCOMB_API_KEY", ENV_KEY)
        .env("HONEYCOMB_API_ENDPOINT", fake.url())
        .env("OTEL_SERVICE_NAME", "backend-flask")
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", "https://api.honeycomb.io")
        .env(
            "OTEL_EXPORTER_OTLP_HEADERS",
            format!("x-honeycomb-team={ENV_KEY}"),
        )
}

const HONEYCOMB_MANIFEST: &str = "[honeycomb]\nservice_name = \"backend-flask\"\n";

#[test]
fn honeycomb_key_and_otel_settings_pass_when_they_agree() {
    let (sb, fake) = (
        Sandbox::with_manifest(HONEYCOMB_MANIFEST),
        HoneycombFake::start(),
    );
    let r = run(honeycomb_env(&mut sb.o11y(), &fake).args(["doctor", "-v"]));
    r.code(0);
    assert!(
        r.stdout.contains("✓ honeycomb key") && r.stdout.contains("accepted: team"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("✓ otel service name") && r.stdout.contains("backend-flask"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("spans go to https://api.honeycomb.io/v1/traces"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("sends the same key as HONEYCOMB_API_KEY"),
        "{}",
        r.stdout
    );
    assert_eq!(fake.requests_to("/1/auth").len(), 1);
    for out in [&r.stdout, &r.stderr] {
        assert!(!out.contains(ENV_KEY), "the key was printed: {out}");
    }
}

#[test]
fn each_honeycomb_mistake_fails_with_its_fix_and_no_key_is_shown() {
    let (sb, fake) = (
        Sandbox::with_manifest(HONEYCOMB_MANIFEST),
        HoneycombFake::start(),
    );
    let r = run(honeycomb_env(&mut sb.o11y(), &fake)
        .env("OTEL_SERVICE_NAME", "frontend-react-js")
        .env(
            "OTEL_EXPORTER_OTLP_HEADERS",
            format!("x-honeycomb-team={CLASSIC_KEY}"),
        )
        .args(["doctor"]));
    r.code(1);
    assert!(
        r.stdout.contains(
            "OTEL_SERVICE_NAME is `frontend-react-js`, the manifest says `backend-flask`"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("fix: export OTEL_SERVICE_NAME=backend-flask"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("the x-honeycomb-team in OTEL_EXPORTER_OTLP_HEADERS (c1a5…) is of team Cruddur, environment Classic, but HONEYCOMB_API_KEY (o11y…) is of team Cruddur, environment Production"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "fix: export OTEL_EXPORTER_OTLP_HEADERS=\"x-honeycomb-team=<an ingest key of HONEYCOMB_API_KEY's environment>\""
        ),
        "{}",
        r.stdout
    );
    for out in [&r.stdout, &r.stderr] {
        assert!(
            !out.contains(ENV_KEY) && !out.contains(CLASSIC_KEY),
            "a key was printed: {out}"
        );
    }

    // No key, and the app sends to the EU while the API endpoint is the US one: no request is needed to say so.
    let r = run(sb
        .o11y()
        .env("OTEL_SERVICE_NAME", "backend-flask")
        .env(
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "https://api.eu1.honeycomb.io",
        )
        .args(["doctor", "-o", "json"]));
    r.code(1);
    let v = r.json();
    let by = |name: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|c| c["check"] == name)
            .cloned()
            .unwrap()
    };
    assert_eq!(by("honeycomb key")["status"], "fail");
    assert!(by("honeycomb key")["detail"]
        .as_str()
        .unwrap()
        .contains("no Honeycomb API key"));
    assert_eq!(by("otel exporter endpoint")["status"], "fail");
    assert_eq!(
        by("otel exporter endpoint")["fix"],
        "export OTEL_EXPORTER_OTLP_ENDPOINT=https://api.honeycomb.io"
    );
    assert_eq!(by("otel x-honeycomb-team")["status"], "fail");
}

#[test]
fn doctor_help_has_an_example() {
    let r = run(Sandbox::new().o11y().args(["doctor", "--help"]));
    r.code(0);
    assert!(
        r.stdout.contains("Examples:\n  o11y doctor"),
        "{}",
        r.stdout
    );
}

#[test]
fn setup_then_doctor_brings_a_blank_account_to_a_passing_checklist_and_warns_on_forever_retention()
{
    let moto = Moto::start();
    let (xray, proxy) = (XrayFake::start(), FaultProxy::start(&moto.url));
    let manifest =
        format!("{XRAY_MANIFEST}\n[[logs.groups]]\nname = \"cruddur\"\nretention_days = 7\n");
    let sb = Sandbox::with_manifest(&manifest);
    let o11y = |args: &[&str]| {
        let mut cmd = sb.o11y_aws("http://127.0.0.1:9");
        cmd.env("AWS_ENDPOINT_URL_XRAY", xray.url())
            .env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", proxy.url())
            .args(args);
        run(&mut cmd)
    };
    let r = o11y(&["doctor"]);
    r.code(1);
    assert!(
        r.stdout.contains("✓ aws logs") && r.stdout.contains("✗ logs group cruddur"),
        "{}",
        r.stdout
    );

    o11y(&["setup"]).code(0);
    let writes = (xray.writes().len(), proxy.writes().len());
    let r = o11y(&["doctor"]);
    r.code(0);
    assert!(
        !r.stdout.contains('✗') && !r.stdout.contains("! "),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("✓ logs group cruddur")
            && r.stdout.contains("exists and matches the manifest"),
        "{}",
        r.stdout
    );
    assert_eq!(
        (xray.writes().len(), proxy.writes().len()),
        writes,
        "doctor wrote something"
    );

    Logs::new(&moto.url).create_group("legacy-app");
    let r = o11y(&["doctor", "-o", "json"]);
    r.code(0);
    let warn = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == "spend: log retention")
        .cloned()
        .unwrap();
    assert_eq!(warn["status"], "warn");
    assert_eq!(
        warn["detail"],
        "1 log group keeps its events forever: legacy-app"
    );
    assert_eq!(warn["fix"], "o11y logs create-group legacy-app --retention-days 30 (or retention_days in o11y.toml, then o11y setup)");
}

#[test]
fn missing_credentials_an_endpoint_without_xray_and_a_costly_rule_each_get_their_fix() {
    let sb = Sandbox::with_manifest(XRAY_MANIFEST);
    let r = run(sb.o11y().env("AWS_REGION", "us-east-1").args(["doctor"]));
    r.code(1);
    assert!(r.stdout.contains("✗ aws credentials"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("  fix: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE"),
        "{}",
        r.stdout
    );

    let html = support::server::FakeServer::start(|_| {
        support::server::Reply::text(404, "<html>Not Found</html>")
    });
    let r = run(sb.o11y_aws(&html.url).args(["doctor"]));
    r.code(1);
    assert!(
        r.stdout.contains("✗ aws xray")
            && r.stdout.contains("answered HTTP 404 without an AWS error"),
        "{}",
        r.stdout
    );

    let (fake, costly) = (
        XrayFake::start(),
        std::fs::read_to_string(sb.home.path().join("xray.json")).unwrap(),
    );
    sb.write(
        "xray.json",
        &costly.replace("\"FixedRate\": 0.1", "\"FixedRate\": 1.0"),
    );
    run(sb.o11y_aws(fake.url()).args(["setup"])).code(0);
    let r = run(sb.o11y_aws(fake.url()).args(["doctor"]));
    r.code(0);
    assert!(
        r.stdout.contains("! spend: sampling rule Cruddur")
            && r.stdout
                .contains("samples 100% of requests, over 5 times X-Ray's default 5%"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("fix: lower FixedRate in the rule's file, then run `o11y setup`"),
        "{}",
        r.stdout
    );
}

#[test]
fn transaction_search_in_the_manifest_fails_until_setup_then_passes_and_warns_above_the_free_share()
{
    let moto = Moto::start();
    let (xray, proxy) = (XrayFake::start(), FaultProxy::start(&moto.url));
    let sb = Sandbox::with_manifest(
        "[xray.transaction_search]\nenabled = true\nindexing_percentage = 1\nspans_retention_days = 30\n",
    );
    let o11y = |args: &[&str]| {
        let mut cmd = sb.o11y_aws(&moto.url);
        cmd.env("AWS_ENDPOINT_URL_XRAY", xray.url())
            .env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", proxy.url())
            .env("O11Y_POLL_MS", "20")
            .args(args);
        run(&mut cmd)
    };
    let r = o11y(&["doctor"]);
    r.code(1);
    for line in [
        "✗ logs resource policy o11y-xray-transaction-search  missing",
        "✗ xray segment destination CloudWatchLogs",
        r#"differs: Destination: "XRay" → "CloudWatchLogs""#,
        "✓ xray indexing rule Default",
        "✗ logs group aws/spans",
        "fix: o11y setup",
    ] {
        assert!(r.stdout.contains(line), "{line:?} not in:\n{}", r.stdout);
    }
    assert!(xray.writes().is_empty() && proxy.writes().is_empty());

    o11y(&["setup"]).code(0);
    let writes = (xray.writes().len(), proxy.writes().len());
    let r = o11y(&["doctor"]);
    r.code(0);
    assert!(
        !r.stdout.contains('✗') && !r.stdout.contains("! "),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("✓ xray segment destination CloudWatchLogs"),
        "{}",
        r.stdout
    );
    assert_eq!((xray.writes().len(), proxy.writes().len()), writes);

    // Above the free 1%: the account differs from the manifest, and the manifest's share costs money.
    sb.write(
        "o11y.toml",
        "[xray.transaction_search]\nindexing_percentage = 5\nspans_retention_days = 30\n",
    );
    let r = o11y(&["doctor", "-o", "json"]);
    r.code(1);
    let checks = r.json();
    let find = |name: &str| {
        checks
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["check"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no check {name} in {checks}"))
    };
    let idx = find("xray indexing rule Default");
    assert_eq!(idx["status"], "fail");
    assert_eq!(
        idx["detail"],
        "differs: DesiredSamplingPercentage: 1.0 → 5.0"
    );
    let spend = find("spend: transaction search indexing");
    assert_eq!(spend["status"], "warn");
    assert_eq!(
        spend["detail"],
        "indexes 5% of spans; X-Ray indexes 1% for free and bills the rest"
    );

    // A destination still PENDING is a warning.
    sb.write(
        "o11y.toml",
        "[xray.transaction_search]\nspans_retention_days = 30\n",
    );
    xray.set_pending_polls(usize::MAX);
    xray.set_destination("CloudWatchLogs", "PENDING");
    let r = o11y(&["doctor"]);
    r.code(0);
    let pending = r
        .stdout
        .lines()
        .find(|l| l.starts_with("! xray transaction search "))
        .unwrap_or_else(|| panic!("{}", r.stdout));
    assert!(
        pending.ends_with("the trace segment destination is CloudWatchLogs but still PENDING"),
        "{pending}"
    );
    assert_eq!((xray.writes().len(), proxy.writes().len()), writes);
}

#[test]
fn aws_xray_daemon_address_is_a_warning_with_the_end_of_support_and_the_fix() {
    let sb = Sandbox::with_manifest("[rollbar]\n");
    let r = run(sb
        .o11y()
        .env("ROLLBAR_ACCESS_TOKEN", SERVER_TOKEN)
        .env("AWS_XRAY_DAEMON_ADDRESS", "xray-daemon:2000")
        .args(["doctor", "-o", "json"]));
    r.code(0);
    let checks = r.json();
    let daemon = checks
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == "xray daemon")
        .cloned()
        .unwrap_or_else(|| panic!("{checks}"));
    assert_eq!(daemon["status"], "warn");
    assert_eq!(
        daemon["detail"],
        "AWS_XRAY_DAEMON_ADDRESS is set (xray-daemon:2000): the X-Ray SDKs and daemon are in maintenance since 2026-02-25 and unsupported from 2027-02-25"
    );
    assert!(
        daemon["fix"]
            .as_str()
            .unwrap()
            .contains("o11y xray transaction-search --enable"),
        "{daemon}"
    );

    let r = run(sb
        .o11y()
        .env("ROLLBAR_ACCESS_TOKEN", SERVER_TOKEN)
        .args(["doctor"]));
    r.code(0);
    assert!(!r.stdout.contains("xray daemon"), "{}", r.stdout);
}

/// Regression (issue 14): doctor compared the two keys as strings and failed Honeycomb's recommended setup.
#[test]
fn an_ingest_key_in_the_headers_beside_a_configuration_key_of_the_same_environment_passes() {
    let (sb, fake) = (
        Sandbox::with_manifest(HONEYCOMB_MANIFEST),
        HoneycombFake::start(),
    );
    let r = run(honeycomb_env(&mut sb.o11y(), &fake)
        .env(
            "OTEL_EXPORTER_OTLP_HEADERS",
            format!("x-honeycomb-team={INGEST_KEY}"),
        )
        .args(["doctor"]));
    r.code(0);
    assert!(
        r.stdout
            .contains("✓ otel x-honeycomb-team   OTEL_EXPORTER_OTLP_HEADERS sends ingest key")
            && r.stdout
                .contains("hcaik_01j1824es7n4evcmv81cn392jb, of the same team"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "of the same team and environment as HONEYCOMB_API_KEY (team Cruddur, environment Production)"
        ),
        "{}",
        r.stdout
    );
    // Each key was asked once.
    let auths = fake.requests_to("/1/auth");
    assert_eq!(auths.len(), 2);
    let mut asked: Vec<&str> = auths
        .iter()
        .map(|q| q.header("x-honeycomb-team").unwrap())
        .collect();
    asked.sort();
    assert_eq!(asked, [INGEST_KEY, ENV_KEY]);
    for out in [&r.stdout, &r.stderr] {
        assert!(
            !out.contains(ENV_KEY) && !out.contains(&INGEST_KEY[32..]),
            "a key was printed: {out}"
        );
    }

    // A key Honeycomb does not know, in the headers: the check fails, naming where it is.
    let r = run(honeycomb_env(&mut sb.o11y(), &fake)
        .env(
            "OTEL_EXPORTER_OTLP_HEADERS",
            format!("x-honeycomb-team={UNKNOWN_KEY}"),
        )
        .args(["doctor"]));
    r.code(1);
    assert!(
        r.stdout.contains("✗ otel x-honeycomb-team   the x-honeycomb-team in OTEL_EXPORTER_OTLP_HEADERS (configuration key Unkn…) is not accepted: Honeycomb did not accept the key"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains(UNKNOWN_KEY), "{}", r.stdout);
}

#[test]
fn honeycomb_and_rollbar_settings_in_the_environment_are_checked_when_the_manifest_has_no_section()
{
    let (fake, rollbar) = (HoneycombFake::start(), RollbarFake::start());
    // A manifest with neither [honeycomb] nor [rollbar] (only a log group, which needs no AWS here).
    let sb = Sandbox::with_manifest("");
    let r = run(sb.o11y().args(["doctor", "-o", "json"]));
    let v = r.json();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["check"].as_str().unwrap())
        .collect();
    assert!(
        !names.iter().any(|n| n.starts_with("honeycomb")
            || n.starts_with("rollbar")
            || n.starts_with("otel")),
        "{names:?}"
    );

    // HONEYCOMB_API_KEY alone brings the Honeycomb checks; ROLLBAR_ACCESS_TOKEN the Rollbar ones.
    let r = run(honeycomb_env(&mut sb.o11y(), &fake)
        .env("ROLLBAR_ACCESS_TOKEN", SERVER_TOKEN)
        .env("ROLLBAR_ENDPOINT", rollbar.endpoint())
        .args(["doctor"]));
    assert!(
        r.stdout.contains("✓ honeycomb               checked because HONEYCOMB_API_KEY is set (o11y.toml has no [honeycomb])"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("✓ honeycomb key"), "{}", r.stdout);
    assert!(r.stdout.contains("✓ otel x-honeycomb-team"), "{}", r.stdout);
    assert!(
        r.stdout.contains("✓ rollbar                 checked because ROLLBAR_ACCESS_TOKEN is set (o11y.toml has no [rollbar])"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("✓ rollbar token"), "{}", r.stdout);
    assert!(
        rollbar.items().is_empty(),
        "doctor sent an item without --send-test"
    );

    // Only the app's OTLP settings (no HONEYCOMB_API_KEY): an x-honeycomb-team header, or an endpoint at
    // Honeycomb, is enough.
    for (var, value) in [
        (
            "OTEL_EXPORTER_OTLP_HEADERS",
            format!("x-honeycomb-team={INGEST_KEY}"),
        ),
        (
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "https://api.eu1.honeycomb.io".to_string(),
        ),
    ] {
        let r = run(sb.o11y().env(var, &value).args(["doctor", "-o", "json"]));
        r.code(1);
        let v = r.json();
        let row = v
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["check"] == "honeycomb")
            .unwrap_or_else(|| panic!("no honeycomb row with {var}: {v}"))
            .clone();
        assert!(
            row["detail"]
                .as_str()
                .unwrap()
                .starts_with(&format!("checked because {var}")),
            "{row}"
        );
        assert!(
            v.as_array()
                .unwrap()
                .iter()
                .any(|c| c["check"] == "honeycomb key" && c["status"] == "fail"),
            "{v}"
        );
    }
}

/// Every backend of the manifest, configured through the environment the way an app's would be.
struct AllBackends {
    sb: Sandbox,
    xray: XrayFake,
    proxy: FaultProxy,
    hc: HoneycombFake,
    rb: RollbarFake,
    group: String,
}

impl AllBackends {
    fn start() -> Self {
        let group = unique("cruddur");
        let manifest = format!(
            "{XRAY_MANIFEST}\n[[logs.groups]]\nname = \"{group}\"\nretention_days = 30\n\n\
             [honeycomb]\nservice_name = \"backend-flask\"\n\n[rollbar]\nenvironment = \"production\"\n"
        );
        let xray = XrayFake::start();
        xray.set_destination("CloudWatchLogs", "ACTIVE");
        AllBackends {
            sb: Sandbox::with_manifest(&manifest),
            xray,
            proxy: FaultProxy::start(&Moto::shared().url),
            hc: HoneycombFake::start(),
            rb: RollbarFake::start(),
            group,
        }
    }

    fn o11y(&self) -> assert_cmd::Command {
        let mut cmd = self.sb.o11y_aws(self.xray.url());
        cmd.env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", self.proxy.url())
            .env("HONEYCOMB_API_KEY", ENV_KEY)
            .env("HONEYCOMB_API_ENDPOINT", self.hc.url())
            .env("OTEL_SERVICE_NAME", "backend-flask")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", self.hc.url())
            .env(
                "OTEL_EXPORTER_OTLP_HEADERS",
                format!("x-honeycomb-team={INGEST_KEY}"),
            )
            .env("ROLLBAR_ACCESS_TOKEN", SERVER_TOKEN)
            .env("ROLLBAR_READ_ACCESS_TOKEN", READ_TOKEN)
            .env("ROLLBAR_ENDPOINT", self.rb.endpoint())
            .env("O11Y_POLL_MS", "50");
        cmd
    }

    fn assert_no_secret(&self, r: &support::Run) {
        for out in [&r.stdout, &r.stderr] {
            for secret in [
                ENV_KEY,
                &INGEST_KEY[32..],
                &SERVER_TOKEN[4..],
                &READ_TOKEN[4..],
                SECRET_ACCESS_KEY,
            ] {
                assert!(!out.contains(secret), "a secret was printed: {out}");
            }
        }
    }
}

fn row(v: &serde_json::Value, name: &str) -> serde_json::Value {
    v.as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("no `{name}` row in {v:#}"))
}

#[test]
fn setup_then_doctor_send_test_reads_every_backend_back_with_its_delay() {
    let all = AllBackends::start();
    all.hc
        .set_arrival_delay(std::time::Duration::from_millis(1200));
    all.rb
        .set_processing_delay(std::time::Duration::from_millis(300));
    all.xray
        .ts(|ts| ts.delay = std::time::Duration::from_millis(400));
    run(all.o11y().args(["setup"])).code(0);

    // Without --send-test, doctor sends nothing anywhere.
    let r = run(all.o11y().args(["doctor"]));
    r.code(0);
    assert!(!r.stdout.contains("send-test"), "{}", r.stdout);
    assert!(all.hc.requests_to("/v1/traces").is_empty());
    assert!(all.xray.requests_to("/v1/traces").is_empty());
    assert!(all.rb.items().is_empty());
    assert!(!all.proxy.operations().contains(&"PutLogEvents".to_string()));

    let r = run(all.o11y().args(["doctor", "--send-test", "-o", "json"]));
    r.code(0);
    all.assert_no_secret(&r);
    let v = r.json();
    for name in [
        "send-test xray".to_string(),
        "send-test honeycomb".to_string(),
        format!("send-test logs {}", all.group),
        "send-test rollbar".to_string(),
    ] {
        let c = row(&v, &name);
        assert_eq!(c["status"], "ok", "{c}");
        assert!(c["arrived_after_ms"].as_u64().is_some(), "{c}");
        assert!(c["detail"].as_str().unwrap().contains("arrived"), "{c}");
    }
    // The delays are the backends' own: Honeycomb's to the whole second, X-Ray's at least its visibility
    // delay. Rollbar's is counted from when the item API's answer is read, which in the concurrent doctor can
    // be well after the fake accepted the item and started its 1 s processing delay; that the read-back
    // waited shows in the listing being asked more than once (not yet processed, then found).
    let ms = |name: &str| row(&v, name)["arrived_after_ms"].as_u64().unwrap();
    assert!([1000, 2000].contains(&ms("send-test honeycomb")), "{v:#}");
    assert!(ms("send-test xray") >= 400, "{v:#}");
    let listings = all
        .rb
        .requests()
        .iter()
        .filter(|q| q.path.trim_end_matches('/') == "/api/1/instances")
        .count();
    assert!(listings >= 2, "{listings} listings: {v:#}");
    // One item each, and the test event is in o11y's own stream of the manifest's log group.
    assert_eq!(all.hc.requests_to("/v1/traces").len(), 1);
    assert_eq!(all.xray.requests_to("/v1/traces").len(), 1);
    assert_eq!(all.rb.items().len(), 1);
    assert_eq!(all.rb.items()[0]["environment"], "production");
    assert_eq!(
        all.proxy
            .operations()
            .iter()
            .filter(|o| *o == "PutLogEvents")
            .count(),
        2,
        "one to find the stream missing, one after creating it"
    );
    assert!(row(&v, &format!("send-test logs {}", all.group))["detail"]
        .as_str()
        .unwrap()
        .contains(&format!("{}/o11y-", all.group)));

    // The table: one row per backend with its delay.
    let r = run(all.o11y().args(["doctor", "--send-test"]));
    r.code(0);
    for line in [
        "✓ send-test xray",
        "✓ send-test honeycomb",
        &format!("✓ send-test logs {}", all.group),
        "✓ send-test rollbar",
    ] {
        assert!(r.stdout.contains(line), "{line}:\n{}", r.stdout);
    }
    assert!(
        r.stdout.contains("after 1 s (proof: weak") || r.stdout.contains("after 2 s (proof: weak"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_wrong_environment_key_and_a_project_that_never_processes_the_item_fail_their_rows_with_a_fix()
{
    let all = AllBackends::start();
    all.rb.never_process();
    run(all.o11y().args(["setup"])).code(0);
    let started = std::time::Instant::now();
    let r = run(all
        .o11y()
        .env(
            "OTEL_EXPORTER_OTLP_HEADERS",
            format!("x-honeycomb-team={STAGING_INGEST_KEY}"),
        )
        .args(["doctor", "--send-test", "--timeout", "4s", "-o", "json"]));
    let took = started.elapsed();
    r.code(1);
    all.assert_no_secret(&r);
    assert!(
        !r.stdout.contains(&STAGING_INGEST_KEY[32..]),
        "{}",
        r.stdout
    );
    let v = r.json();
    let hc = row(&v, "send-test honeycomb");
    assert_eq!(hc["status"], "fail", "{hc}");
    assert!(
        hc["detail"]
            .as_str()
            .unwrap()
            .contains("environment `staging`"),
        "{hc}"
    );
    assert!(
        hc["fix"].as_str().unwrap().contains("same environment"),
        "{hc}"
    );
    let rb = row(&v, "send-test rollbar");
    assert_eq!(rb["status"], "fail", "{rb}");
    assert!(
        rb["detail"]
            .as_str()
            .unwrap()
            .contains("was not found within"),
        "{rb}"
    );
    assert!(
        rb["fix"].as_str().unwrap().contains("longer --timeout"),
        "{rb}"
    );
    // The other backends still report (X-Ray's retrieval takes about 2 s in the fake), and the wait is bounded
    // by --timeout.
    assert_eq!(row(&v, "send-test xray")["status"], "ok");
    assert_eq!(
        row(&v, &format!("send-test logs {}", all.group))["status"],
        "ok"
    );
    assert!(took < std::time::Duration::from_secs(15), "{took:?}");
}

#[test]
fn timeout_needs_send_test_and_a_bad_one_is_a_usage_error() {
    let sb = Sandbox::new();
    let r = run(sb.o11y().args(["doctor", "--timeout", "5s"]));
    r.code(2);
    assert!(r.stderr.contains("--send-test"), "{}", r.stderr);
    let r = run(sb
        .o11y()
        .args(["doctor", "--send-test", "--timeout", "soon"]));
    r.code(2);
    assert!(
        r.stderr.contains("--timeout: invalid duration `soon`"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_header_entry_without_equals_is_a_problem_named_by_position_never_by_value() {
    let (sb, fake) = (
        Sandbox::with_manifest(HONEYCOMB_MANIFEST),
        HoneycombFake::start(),
    );
    let r = run(honeycomb_env(&mut sb.o11y(), &fake)
        .env(
            "OTEL_EXPORTER_OTLP_HEADERS",
            format!("x-honeycomb-team={ENV_KEY},{INGEST_KEY}"),
        )
        .args(["doctor"]));
    r.code(1);
    assert!(
        r.stdout
            .contains("✗ otel headers            OTEL_EXPORTER_OTLP_HEADERS: entry 2 (`hcai…`) has no `=` and is skipped"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("fix: write every entry of OTEL_EXPORTER_OTLP_HEADERS as name=value"),
        "{}",
        r.stdout
    );
    // The well-formed entry still counts.
    assert!(r.stdout.contains("✓ otel x-honeycomb-team"), "{}", r.stdout);
    assert!(!r.stdout.contains(&INGEST_KEY[4..]), "{}", r.stdout);
}

/// Not a timed test: `scripts/bench-send-test` runs it and BENCHMARKS.md keeps what it printed. Backends whose
/// test items arrive after about 1 s (Rollbar), 2 s (Honeycomb) and 3 s (X-Ray) and a log group: the
/// concurrent `doctor --send-test` against the same four read-backs run one after another as single commands.
#[test]
#[ignore = "a benchmark: scripts/bench-send-test"]
fn send_test_concurrency_benchmark() {
    use std::time::{Duration, Instant};
    let runs: usize = std::env::var("O11Y_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let all = AllBackends::start();
    all.rb.set_processing_delay(Duration::from_secs(1));
    all.hc.set_arrival_delay(Duration::from_secs(2));
    all.xray.ts(|ts| ts.delay = Duration::from_secs(3));
    run(all.o11y().args(["setup"])).code(0);
    let timed = |args: &[&str]| {
        let started = Instant::now();
        let r = run(all.o11y().args(args));
        (started.elapsed(), r)
    };
    println!("| run | doctor (no --send-test) | doctor --send-test (concurrent) | xray | honeycomb | logs | rollbar | the four commands one after another |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for i in 1..=runs {
        let (plain, r) = timed(&["doctor"]);
        r.code(0);
        let (took, r) = timed(&["doctor", "--send-test", "-o", "json"]);
        r.code(0);
        let v = r.json();
        let ms = |name: &str| row(&v, name)["arrived_after_ms"].as_u64().unwrap();
        let mut one_by_one = Duration::ZERO;
        for args in [
            vec!["xray", "test-span"],
            vec!["honeycomb", "test-span"],
            vec!["logs", "put", &all.group, "bench"],
            vec!["rollbar", "report", "bench"],
        ] {
            let (t, r) = timed(&args);
            r.code(0);
            one_by_one += t;
        }
        println!(
            "| {i} | {:.2} s | {:.2} s | {} ms | {} ms | {} ms | {} ms | {:.2} s |",
            plain.as_secs_f64(),
            took.as_secs_f64(),
            ms("send-test xray"),
            ms("send-test honeycomb"),
            ms(&format!("send-test logs {}", all.group)),
            ms("send-test rollbar"),
            one_by_one.as_secs_f64()
        );
    }
}

#[test]
fn send_test_with_only_the_apps_otlp_settings_sends_the_span_and_says_arrival_was_not_checked() {
    let (sb, fake) = (Sandbox::with_manifest(""), HoneycombFake::start());
    let r = run(sb
        .o11y()
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", fake.url())
        .env(
            "OTEL_EXPORTER_OTLP_HEADERS",
            format!("x-honeycomb-team={INGEST_KEY}"),
        )
        .env("OTEL_SERVICE_NAME", "backend-flask")
        .args(["doctor", "--send-test", "-o", "json"]));
    // The Honeycomb checks ran because of the environment; without HONEYCOMB_API_KEY the key check fails.
    r.code(1);
    let v = r.json();
    assert_eq!(row(&v, "honeycomb key")["status"], "fail");
    let c = row(&v, "send-test honeycomb");
    assert_eq!(c["status"], "warn", "{c}");
    assert!(
        c["detail"]
            .as_str()
            .unwrap()
            .contains("arrival not checked: HONEYCOMB_API_KEY is not set"),
        "{c}"
    );
    assert!(c.get("arrived_after_ms").is_none(), "{c}");
    assert_eq!(fake.requests_to("/v1/traces").len(), 1);
    assert!(!r.stdout.contains(&INGEST_KEY[32..]), "{}", r.stdout);
    // Nothing else is configured: no other send-test row.
    let sent: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["check"].as_str().filter(|n| n.starts_with("send-test")))
        .collect();
    assert_eq!(sent, ["send-test honeycomb"]);
}

#[test]
fn send_test_xray_with_transaction_search_off_fails_its_row_with_the_fix_and_sends_nothing() {
    let all = AllBackends::start();
    run(all.o11y().args(["setup"])).code(0);
    all.xray.set_destination("XRay", "ACTIVE");
    let r = run(all
        .o11y()
        .args(["doctor", "--send-test", "--timeout", "5s", "-o", "json"]));
    r.code(1);
    let v = r.json();
    let c = row(&v, "send-test xray");
    assert_eq!(c["status"], "fail", "{c}");
    assert!(
        c["detail"]
            .as_str()
            .unwrap()
            .starts_with("Transaction Search is off"),
        "{c}"
    );
    assert!(
        c["fix"]
            .as_str()
            .unwrap()
            .contains("o11y xray transaction-search --enable"),
        "{c}"
    );
    assert!(all.xray.requests_to("/v1/traces").is_empty());
    // The other backends still passed.
    for name in ["send-test honeycomb", "send-test rollbar"] {
        assert_eq!(row(&v, name)["status"], "ok", "{v:#}");
    }
}
