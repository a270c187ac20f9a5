//! `o11y deploy` against the local Honeycomb and Rollbar fakes: one marker and one Rollbar deploy per run,
//! one row per backend, a failing backend not stopping the other, and `--deploy-id` updating a deploy.

use crate::support;

use assert_cmd::Command;
use serde_json::json;
use support::honeycomb::{HoneycombFake, ENV_KEY, INGEST_KEY};
use support::rollbar::{RollbarFake, SERVER_TOKEN};
use support::server::Reply;
use support::{run, Run, Sandbox};

/// `o11y` with both backends configured through the environment.
fn o11y(sb: &Sandbox, hc: &HoneycombFake, rb: &RollbarFake) -> Command {
    let mut cmd = sb.o11y();
    cmd.env("HONEYCOMB_API_KEY", ENV_KEY)
        .env("HONEYCOMB_API_ENDPOINT", hc.url())
        .env("ROLLBAR_ENDPOINT", rb.endpoint())
        .env("ROLLBAR_ACCESS_TOKEN", SERVER_TOKEN)
        .env("GIT_CEILING_DIRECTORIES", sb.home.path().parent().unwrap());
    cmd
}

fn all_output(r: &Run) -> String {
    format!("{}{}", r.stdout, r.stderr)
}

fn assert_no_secret(r: &Run) {
    let all = all_output(r);
    for s in [ENV_KEY, SERVER_TOKEN, INGEST_KEY] {
        assert!(!all.contains(s), "a secret was printed:\n{all}");
    }
}

#[test]
fn deploy_records_a_marker_and_a_rollbar_deploy_one_row_each() {
    let (sb, hc, rb) = (Sandbox::new(), HoneycombFake::start(), RollbarFake::start());
    let r = run(o11y(&sb, &hc, &rb).args([
        "deploy",
        "--revision",
        "1a2b3c4",
        "--environment",
        "production",
        "--status",
        "started",
        "--url",
        "https://ci.example.com/jobs/42",
    ]));
    r.code(0);
    assert_no_secret(&r);
    assert_eq!(
        hc.markers()
            .iter()
            .map(|m| (m["message"].clone(), m["type"].clone(), m["url"].clone()))
            .collect::<Vec<_>>(),
        [(
            json!("deploy 1a2b3c4 to production"),
            json!("deploy"),
            json!("https://ci.example.com/jobs/42")
        )]
    );
    // No manifest naming a service: the marker is environment-wide.
    assert_eq!(hc.requests_to("/1/markers/__all__").len(), 1);
    assert_eq!(
        rb.deploys(),
        [json!({"environment": "production", "revision": "1a2b3c4", "status": "started"})]
    );
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    assert!(
        lines[0].starts_with("✓ honeycomb  marker d1c84ec0 on the whole environment (__all__): deploy 1a2b3c4 to production"),
        "{}",
        r.stdout
    );
    assert_eq!(
        lines[1],
        "✓ rollbar    deploy 41000001: 1a2b3c4 to production (started)"
    );
}

#[test]
fn the_marker_goes_on_the_manifests_service_dataset_and_json_has_one_object_per_backend() {
    let (hc, rb) = (HoneycombFake::start(), RollbarFake::start());
    let sb = Sandbox::with_manifest(
        "[honeycomb]\nservice_name = \"backend-flask\"\n\n[rollbar]\nenvironment = \"production\"\n",
    );
    let r = run(o11y(&sb, &hc, &rb).args([
        "deploy",
        "--revision",
        "v1.4.2",
        "--environment",
        "staging",
        "-o",
        "json",
    ]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["revision"], "v1.4.2");
    assert_eq!(v["environment"], "staging");
    assert_eq!(v["honeycomb"]["ok"], true);
    assert_eq!(v["honeycomb"]["dataset"], "backend-flask");
    assert_eq!(v["honeycomb"]["type"], "deploy");
    assert_eq!(v["honeycomb"]["message"], "deploy v1.4.2 to staging");
    assert_eq!(v["rollbar"]["ok"], true);
    assert_eq!(v["rollbar"]["deploy_id"], 41000001);
    assert_eq!(hc.requests_to("/1/markers/backend-flask").len(), 1);
    assert!(hc.requests_to("/1/markers/__all__").is_empty());
}

#[test]
fn a_failing_backend_does_not_stop_the_other_and_the_run_exits_1() {
    let (sb, hc, rb) = (Sandbox::new(), HoneycombFake::start(), RollbarFake::start());
    // Rollbar fails (a POST is not retried); Honeycomb still gets its marker.
    rb.server.fail_next(
        1,
        Reply::json(500, json!({"err": 1, "message": "internal error"})),
    );
    let r = run(o11y(&sb, &hc, &rb).args([
        "deploy",
        "--revision",
        "abc",
        "--environment",
        "production",
    ]));
    r.code(1);
    assert_no_secret(&r);
    assert_eq!(hc.markers().len(), 1);
    assert!(rb.deploys().is_empty());
    assert!(r.stdout.contains("✓ honeycomb  marker"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("✗ rollbar    Rollbar failed to take the deploy (HTTP 500): internal error"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("  fix: try again later"), "{}", r.stdout);
    assert!(
        r.stderr.contains(
            "o11y: error: the deploy was not recorded in rollbar (1 of 2 backends failed)"
        ),
        "{}",
        r.stderr
    );

    // And the other way round, in JSON: the marker's dataset is missing, Rollbar records the deploy.
    let sb = Sandbox::with_manifest("[honeycomb]\nservice_name = \"no-such-service\"\n");
    let r = run(o11y(&sb, &hc, &rb).args([
        "deploy",
        "--revision",
        "abc",
        "--environment",
        "production",
        "-o",
        "json",
    ]));
    r.code(1);
    let v = r.json();
    assert_eq!(v["honeycomb"]["ok"], false);
    assert!(
        v["honeycomb"]["error"]
            .as_str()
            .unwrap()
            .contains("Honeycomb has no such dataset (HTTP 404"),
        "{v}"
    );
    assert!(v["honeycomb"]["fix"]
        .as_str()
        .unwrap()
        .contains("o11y honeycomb datasets"));
    assert_eq!(v["rollbar"]["ok"], true);
    assert_eq!(rb.deploys().len(), 1);
}

#[test]
fn only_the_configured_backends_are_used() {
    let (sb, hc, rb) = (Sandbox::new(), HoneycombFake::start(), RollbarFake::start());
    let r = run(o11y(&sb, &hc, &rb).env_remove("HONEYCOMB_API_KEY").args([
        "deploy",
        "--revision",
        "abc",
        "--environment",
        "qa",
    ]));
    r.code(0);
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    assert!(r.stdout.starts_with("✓ rollbar "), "{}", r.stdout);
    assert!(hc.server.requests().is_empty());

    let r = run(o11y(&sb, &hc, &rb)
        .env_remove("ROLLBAR_ACCESS_TOKEN")
        .args(["deploy", "--revision", "abc", "--environment", "qa"]));
    r.code(0);
    assert!(r.stdout.starts_with("✓ honeycomb "), "{}", r.stdout);
    assert_eq!(rb.deploys().len(), 1);
}

#[test]
fn nothing_configured_is_a_usage_error_before_any_call() {
    let sb = Sandbox::new();
    let r = run(sb
        .o11y()
        .args(["deploy", "--revision", "abc", "--environment", "qa"]));
    r.code(2);
    assert!(
        r.stderr.contains(
            "o11y: error: no backend to record the deploy in: neither Honeycomb nor Rollbar is configured"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("help: set ROLLBAR_ACCESS_TOKEN"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_unusable_setting_stops_before_any_call() {
    let (sb, hc, rb) = (Sandbox::new(), HoneycombFake::start(), RollbarFake::start());
    // An ingest key cannot make markers.
    let r = run(o11y(&sb, &hc, &rb)
        .env("HONEYCOMB_API_KEY", INGEST_KEY)
        .args(["deploy", "--revision", "abc", "--environment", "qa"]));
    r.code(2);
    assert!(
        r.stderr.contains("o11y: error: honeycomb: "),
        "{}",
        r.stderr
    );
    assert_no_secret(&r);
    // A malformed Rollbar token.
    let r = run(o11y(&sb, &hc, &rb)
        .env("ROLLBAR_ACCESS_TOKEN", "not-a-token")
        .args(["deploy", "--revision", "abc", "--environment", "qa"]));
    r.code(2);
    assert!(
        r.stderr
            .contains("o11y: error: rollbar: the Rollbar access token"),
        "{}",
        r.stderr
    );
    // No revision outside a git checkout.
    let r = run(o11y(&Sandbox::new(), &hc, &rb).args(["deploy", "--environment", "qa"]));
    r.code(2);
    assert!(r.stderr.contains("no --revision given"), "{}", r.stderr);
    assert!(hc.server.requests().is_empty() && rb.requests().is_empty());
}

#[test]
fn the_revision_defaults_to_the_git_checkouts_head() {
    let (sb, hc, rb) = (Sandbox::new(), HoneycombFake::start(), RollbarFake::start());
    let dir = sb.home.path();
    let git = |args: &[&str]| {
        let o = std::process::Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .output()
            .unwrap();
        assert!(o.status.success(), "{o:?}");
        String::from_utf8(o.stdout).unwrap().trim().to_string()
    };
    git(&["init", "-q"]);
    git(&["commit", "-q", "--allow-empty", "-m", "x"]);
    let head = git(&["rev-parse", "HEAD"]);
    let r = run(o11y(&sb, &hc, &rb).args(["deploy", "--environment", "production"]));
    r.code(0);
    assert_eq!(rb.deploys()[0]["revision"], head.as_str());
    assert_eq!(
        hc.markers()[0]["message"],
        format!("deploy {head} to production")
    );
}

#[test]
fn deploy_id_updates_the_rollbar_deploy_and_makes_no_second_marker() {
    let (sb, hc, rb) = (Sandbox::new(), HoneycombFake::start(), RollbarFake::start());
    let r = run(o11y(&sb, &hc, &rb).args([
        "deploy",
        "--revision",
        "abc",
        "--environment",
        "production",
        "--status",
        "started",
        "-o",
        "json",
    ]));
    r.code(0);
    let id = r.json()["rollbar"]["deploy_id"].to_string();
    hc.server.clear_requests();

    let r = run(o11y(&sb, &hc, &rb).args(["deploy", "--deploy-id", &id, "--status", "succeeded"]));
    r.code(0);
    assert_no_secret(&r);
    assert_eq!(
        r.stdout,
        format!("✓ rollbar    deploy {id}: status set to succeeded\n")
    );
    assert!(
        r.stderr.contains("no Honeycomb marker for a status update"),
        "{}",
        r.stderr
    );
    assert!(hc.server.requests().is_empty(), "Honeycomb was called");
    assert_eq!(hc.markers().len(), 1);
    let updates = rb.deploy_updates();
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0].0.to_string(), id);
    assert_eq!(updates[0].1, json!({"status": "succeeded"}));
    let patch = rb.requests().into_iter().last().unwrap();
    assert_eq!(patch.method, "PATCH");
    assert_eq!(patch.path, format!("/api/1/deploy/{id}"));
    assert_eq!(rb.deploys()[0]["status"], "succeeded");

    // JSON, and an id Rollbar does not know.
    let r = run(o11y(&sb, &hc, &rb).args([
        "deploy",
        "--deploy-id",
        "999",
        "--status",
        "failed",
        "-o",
        "json",
    ]));
    r.code(1);
    let v = r.json();
    assert_eq!(v["rollbar"]["ok"], false);
    assert!(
        v["rollbar"]["fix"]
            .as_str()
            .unwrap()
            .contains("check --deploy-id: 999"),
        "{v}"
    );
    assert!(v.get("honeycomb").is_none(), "{v}");
}

#[test]
fn deploy_id_needs_a_status_and_takes_no_revision_or_url() {
    let sb = Sandbox::new();
    for args in [
        vec!["deploy", "--deploy-id", "1"],
        vec![
            "deploy",
            "--deploy-id",
            "1",
            "--status",
            "failed",
            "--revision",
            "x",
        ],
        vec![
            "deploy",
            "--deploy-id",
            "1",
            "--status",
            "failed",
            "--url",
            "https://x",
        ],
        vec!["deploy", "--revision", "x"],
        vec!["deploy", "--environment", "qa", "--status", "done"],
    ] {
        let r = run(sb.o11y().args(&args));
        r.code(2);
    }
    let r = run(sb.o11y().env("ROLLBAR_ACCESS_TOKEN", SERVER_TOKEN).args([
        "deploy",
        "--environment",
        "qa",
        "--revision",
        "x",
        "--url",
        "ci/42",
    ]));
    r.code(2);
    assert!(r.stderr.contains("--url"), "{}", r.stderr);
}

#[test]
fn a_backend_the_manifest_declares_without_its_key_fails_its_row_and_the_other_still_records() {
    let (hc, rb) = (HoneycombFake::start(), RollbarFake::start());
    let sb = Sandbox::with_manifest("[honeycomb]\nservice_name = \"backend-flask\"\n\n[rollbar]\n");
    let r = run(o11y(&sb, &hc, &rb)
        .env_remove("ROLLBAR_ACCESS_TOKEN")
        .args(["deploy", "--revision", "abc", "--environment", "qa"]));
    r.code(1);
    assert_eq!(hc.markers().len(), 1);
    assert!(rb.requests().is_empty());
    assert!(r.stdout.contains("✓ honeycomb  marker"), "{}", r.stdout);
    assert!(
        r.stdout.contains(
            "✗ rollbar    o11y.toml has [rollbar] but ROLLBAR_ACCESS_TOKEN is not set: no deploy was recorded"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("  fix: set ROLLBAR_ACCESS_TOKEN to the project's post_server_item token"),
        "{}",
        r.stdout
    );

    let r = run(o11y(&sb, &hc, &rb).env_remove("HONEYCOMB_API_KEY").args([
        "deploy",
        "--revision",
        "abc",
        "--environment",
        "qa",
        "-o",
        "json",
    ]));
    r.code(1);
    let v = r.json();
    assert_eq!(v["honeycomb"]["ok"], false, "{v}");
    assert!(v["honeycomb"]["error"]
        .as_str()
        .unwrap()
        .contains("HONEYCOMB_API_KEY is not set"));
    assert_eq!(v["rollbar"]["ok"], true, "{v}");
    assert_eq!(rb.deploys().len(), 1);
    assert_eq!(hc.markers().len(), 1, "no second marker");
}
