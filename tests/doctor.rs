//! `o11y doctor`: one line per check, a fix for each problem, exit 1 when any check failed, no secret shown.

mod support;

use std::process::Command;

use support::honeycomb::{HoneycombFake, CLASSIC_KEY, ENV_KEY, INGEST_KEY, UNKNOWN_KEY};
use support::logs::{FaultProxy, Logs};
use support::moto::Moto;
use support::rollbar::{RollbarFake, SERVER_TOKEN};
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
    assert!(
        r.stdout.contains("✓ rollbar test item")
            && r.stdout
                .contains("accepted: https://rollbar.com/item/uuid/?uuid="),
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
