//! `o11y rollbar report` and `o11y rollbar deploy` against a local fake of Rollbar's item and deploy APIs.

use crate::support;

use std::path::Path;
use std::process::Command as Process;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use assert_cmd::Command;
use serde_json::json;
use support::rollbar::{error, RollbarFake, CLIENT_TOKEN, READ_TOKEN, SERVER_TOKEN, WRITE_TOKEN};
use support::{help, run, Run, Sandbox};

/// `o11y` with the fake's endpoint and the server token in the environment.
fn o11y(sb: &Sandbox, fake: &RollbarFake) -> Command {
    let mut cmd = sb.o11y();
    cmd.env("ROLLBAR_ENDPOINT", fake.endpoint())
        .env("ROLLBAR_ACCESS_TOKEN", SERVER_TOKEN)
        // Never find a git checkout above the sandbox.
        .env("GIT_CEILING_DIRECTORIES", sb.home.path().parent().unwrap());
    cmd
}

/// The two commands at their simplest, for the checks both must pass.
const REPORT_HI: &[&str] = &["rollbar", "report", "hi"];
const DEPLOY_A: &[&str] = &[
    "rollbar",
    "deploy",
    "--revision",
    "a",
    "--environment",
    "qa",
];

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn assert_contains(haystack: &str, needle: &str) {
    assert!(
        haystack.contains(needle),
        "expected {needle:?} in:\n{haystack}"
    );
}

#[test]
fn report_sends_a_message_item_field_by_field_and_prints_its_uuid_and_link() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    let before = now();
    let r = run(o11y(&sb, &fake).args(["rollbar", "report", "This is custom error"]));
    let after = now();
    r.code(0);

    let reqs = fake.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].method, "POST");
    assert_eq!(reqs[0].path, "/api/1/item/");
    assert_eq!(reqs[0].header("X-Rollbar-Access-Token"), Some(SERVER_TOKEN));
    assert_contains(reqs[0].header("content-type").unwrap(), "application/json");

    let data = &reqs[0].json()["data"];
    assert_eq!(data["environment"], "development");
    assert_eq!(data["level"], "info");
    assert_eq!(
        data["body"],
        json!({"message": {"body": "This is custom error"}})
    );
    assert_eq!(
        data["platform"],
        std::env::consts::OS.replace("macos", "darwin")
    );
    assert_eq!(data["language"], "rust");
    assert_eq!(
        data["notifier"],
        json!({"name": "o11y", "version": env!("CARGO_PKG_VERSION")})
    );
    assert!(
        data["server"]["host"]
            .as_str()
            .is_some_and(|h| !h.is_empty()),
        "{data}"
    );
    let ts = data["timestamp"].as_i64().expect("an integer timestamp");
    assert!(
        (before..=after).contains(&ts),
        "{ts} not in {before}..={after}"
    );
    assert_eq!(fake.items().len(), 1);

    let uuid = "1f0e2d3c-4b5a-4968-8776-000000000001";
    assert_contains(
        &r.stdout,
        "Reported an info message to Rollbar (environment development)",
    );
    assert_contains(&r.stdout, &format!("uuid     {uuid}"));
    assert_contains(
        &r.stdout,
        &format!("link     https://rollbar.com/item/uuid/?uuid={uuid}"),
    );
    assert_eq!(r.stderr, "");
}

#[test]
fn report_takes_the_level_and_the_environment_from_rollbar_environment() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    let r = run(o11y(&sb, &fake)
        .env("ROLLBAR_ENVIRONMENT", "staging")
        .args([
            "rollbar", "report", "careful", "--level", "warning", "-o", "json",
        ]));
    r.code(0);
    let data = &fake.items()[0];
    assert_eq!(data["environment"], "staging");
    assert_eq!(data["level"], "warning");

    let uuid = "1f0e2d3c-4b5a-4968-8776-000000000001";
    assert_eq!(
        r.json(),
        json!({
            "uuid": uuid,
            "link": format!("https://rollbar.com/item/uuid/?uuid={uuid}"),
            "result": {"id": null, "uuid": uuid},
            "arrived": null,
            "unchecked_reason": "ROLLBAR_READ_ACCESS_TOKEN is not set: finding the occurrence needs a \
                                 read-scope token of the project (the post_server_item token cannot read)"
        })
    );

    // The flag wins over the variable.
    run(o11y(&sb, &fake)
        .env("ROLLBAR_ENVIRONMENT", "staging")
        .args(["rollbar", "report", "x", "--environment", "production"]))
    .code(0);
    assert_eq!(fake.items()[1]["environment"], "production");
}

#[test]
fn report_with_exception_sends_a_trace_item() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    let r = run(o11y(&sb, &fake).args([
        "rollbar",
        "report",
        "checkout failed",
        "--exception",
        "RuntimeError",
        "--level",
        "error",
    ]));
    r.code(0);
    let data = &fake.items()[0];
    assert_eq!(data["level"], "error");
    let body = data["body"].as_object().unwrap();
    assert_eq!(body.keys().collect::<Vec<_>>(), ["trace"], "{data}");
    let trace = &body["trace"];
    assert_eq!(
        trace["exception"],
        json!({"class": "RuntimeError", "message": "checkout failed"})
    );
    let frames = trace["frames"].as_array().unwrap();
    assert_eq!(frames.len(), 1);
    assert_eq!(frames[0]["filename"], "o11y");
    assert_eq!(data["notifier"]["name"], "o11y");
    assert_contains(
        &r.stdout,
        "Reported RuntimeError (level error) to Rollbar (environment development)",
    );
}

#[test]
fn deploy_sends_the_deploy_apis_fields_and_prints_the_deploy_id() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    let r = run(o11y(&sb, &fake).args([
        "rollbar",
        "deploy",
        "--revision",
        "dc1f74dee5",
        "--environment",
        "qa",
        "--status",
        "succeeded",
        "--comment",
        "Tuesday deployment",
        "--user",
        "circle-ci",
        "--rollbar-user",
        "john",
    ]));
    r.code(0);
    let reqs = fake.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].path, "/api/1/deploy");
    assert_eq!(reqs[0].header("X-Rollbar-Access-Token"), Some(SERVER_TOKEN));
    assert_eq!(
        reqs[0].json(),
        json!({
            "environment": "qa",
            "revision": "dc1f74dee5",
            "status": "succeeded",
            "comment": "Tuesday deployment",
            "local_username": "circle-ci",
            "rollbar_username": "john"
        })
    );
    assert_contains(&r.stdout, "deploy_id    41000001");
    assert_contains(&r.stdout, "revision     dc1f74dee5");

    // Only what is given is sent; timed_out is spelled as the API spells it.
    let r = run(o11y(&sb, &fake).args([
        "rollbar",
        "deploy",
        "--revision",
        "v2",
        "--environment",
        "qa",
        "--status",
        "timed_out",
        "-o",
        "json",
    ]));
    r.code(0);
    assert_eq!(
        fake.deploys()[1],
        json!({"environment": "qa", "revision": "v2", "status": "timed_out"})
    );
    assert_eq!(
        r.json(),
        json!({
            "deploy_id": 41000002,
            "environment": "qa",
            "revision": "v2",
            "status": "timed_out",
            "data": {"deploy_id": 41000002}
        })
    );
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Process::new("git")
        .args(["-c", "user.name=o11y", "-c", "user.email=o11y@example.com"])
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git is installed");
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn deploy_defaults_the_revision_to_the_git_checkouts_head() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    let dir = sb.home.path();
    git(dir, &["init", "-q"]);
    git(dir, &["commit", "-q", "--allow-empty", "-m", "first"]);
    let head = git(dir, &["rev-parse", "HEAD"]);
    assert_eq!(head.len(), 40);

    let r = run(o11y(&sb, &fake).args(["rollbar", "deploy", "--environment", "production"]));
    r.code(0);
    assert_eq!(
        fake.deploys(),
        [json!({"environment": "production", "revision": head})]
    );
    assert_contains(
        &r.stdout,
        &format!("Recorded the deploy of {head} to production"),
    );
}

#[test]
fn deploy_outside_a_git_checkout_without_revision_is_a_usage_error_before_any_request() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    let r = run(o11y(&sb, &fake).args(["rollbar", "deploy", "--environment", "production"]));
    r.code(2);
    assert_contains(&r.stderr, "--revision");
    assert!(fake.requests().is_empty());

    // An empty checkout has no HEAD to take either.
    git(sb.home.path(), &["init", "-q"]);
    let r = run(o11y(&sb, &fake).args(["rollbar", "deploy", "--environment", "production"]));
    r.code(2);
    assert!(fake.requests().is_empty());
}

#[test]
fn deploy_needs_an_environment() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    let r = run(o11y(&sb, &fake).args(["rollbar", "deploy", "--revision", "abc"]));
    r.code(2);
    assert_contains(&r.stderr, "--environment");
    assert!(fake.requests().is_empty());
}

#[test]
fn without_a_token_both_commands_stop_naming_rollbar_access_token() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    for args in [REPORT_HI, DEPLOY_A] {
        let r = run(o11y(&sb, &fake)
            .env_remove("ROLLBAR_ACCESS_TOKEN")
            .args(args));
        r.code(2);
        assert_contains(&r.stderr, "o11y: error: no Rollbar access token");
        assert_contains(&r.stderr, "ROLLBAR_ACCESS_TOKEN");
        assert_contains(&r.stderr, "post_server_item");
    }
    assert!(fake.requests().is_empty());
}

#[test]
fn a_malformed_token_is_a_usage_error_before_any_request_and_is_not_printed() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    for (token, why) in [
        ("5e7a1c0ffee4b2d9a8c3e6f1b0d47a2", "has 31 characters"),
        ("5e7a1c0ffee4b2d9a8c3e6f1b0d47a2z", "not hexadecimal"),
        ("5e7a1c0ffee4b2d9a8c3e6f1b0d47a29\n", "whitespace"),
    ] {
        let r = run(o11y(&sb, &fake)
            .env("ROLLBAR_ACCESS_TOKEN", token)
            .args(["rollbar", "report", "hi", "-v"]));
        r.code(2);
        assert_contains(&r.stderr, why);
        assert_contains(&r.stderr, "5e7a…");
        assert!(!r.stderr.contains(&token.trim()[4..]), "{}", r.stderr);
        assert!(!r.stdout.contains(&token.trim()[4..]), "{}", r.stdout);
    }
    // From the flag as well.
    let r = run(o11y(&sb, &fake)
        .args(DEPLOY_A)
        .args(["--access-token", "nope"]));
    r.code(2);
    assert_contains(&r.stderr, "has 4 characters");
    assert!(fake.requests().is_empty());
}

#[test]
fn an_unknown_token_is_not_accepted_and_the_echoed_token_is_redacted() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    fake.remove_token(SERVER_TOKEN);
    let r = run(o11y(&sb, &fake).args(["rollbar", "report", "hi", "-v"]));
    r.code(1);
    // The fake did echo the token, as Rollbar does ...
    assert_eq!(fake.requests().len(), 1);
    assert_contains(
        &r.stderr,
        "o11y: error: Rollbar: token not accepted (HTTP 403: access token not found: 5e7a…)",
    );
    assert_contains(
        &r.stderr,
        "help: the token 5e7a… is not one of any project's",
    );
    // ... and o11y printed it nowhere.
    assert!(!r.stderr.contains(SERVER_TOKEN) && !r.stdout.contains(SERVER_TOKEN));
}

#[test]
fn a_client_token_names_the_scope_needed_and_the_token_to_use() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    for args in [REPORT_HI, DEPLOY_A] {
        let r = run(o11y(&sb, &fake)
            .env("ROLLBAR_ACCESS_TOKEN", CLIENT_TOKEN)
            .args(args));
        r.code(1);
        assert_contains(
            &r.stderr,
            "it needs the post_server_item scope and has post_client_item (HTTP 403)",
        );
        assert_contains(
            &r.stderr,
            "help: use the project's post_server_item token (Project Settings -> Project Access Tokens)",
        );
        assert!(!r.stderr.contains(CLIENT_TOKEN));
    }
    assert!(fake.items().is_empty() && fake.deploys().is_empty());

    let r = run(o11y(&sb, &fake)
        .env("ROLLBAR_ACCESS_TOKEN", READ_TOKEN)
        .args(REPORT_HI));
    r.code(1);
    assert_contains(
        &r.stderr,
        "it needs the post_server_item scope and has read",
    );
}

#[test]
fn an_invalid_item_shows_what_rollbar_found_invalid() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    let long = "e".repeat(300);
    let r = run(o11y(&sb, &fake).args(["rollbar", "report", "hi", "--environment", &long]));
    r.code(1);
    assert_contains(
        &r.stderr,
        "o11y: error: Rollbar refused the item as invalid (HTTP 422): Invalid format. data.environment is longer than 255 characters.",
    );
    assert!(fake.items().is_empty());
}

#[test]
fn a_rate_limited_report_is_retried_after_the_time_rollbar_asks_for() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    fake.rate_limit_next(1, 1);
    let r = run(o11y(&sb, &fake).args(REPORT_HI));
    r.code(0);
    assert_eq!(fake.requests().len(), 2);
    assert_eq!(fake.items().len(), 1);
    assert_contains(
        &r.stderr,
        "rate limited by 127.0.0.1 (HTTP 429); waiting 1 s before retry 1 of 3",
    );
    assert_contains(&r.stdout, "uuid     1f0e2d3c-");
}

#[test]
fn a_rate_limit_that_does_not_lift_ends_after_a_bounded_number_of_retries() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    fake.rate_limit_next(10, 0);
    let r = run(o11y(&sb, &fake).args(DEPLOY_A));
    r.code(1);
    assert_eq!(fake.requests().len(), 4, "one try and 3 retries");
    assert_contains(
        &r.stderr,
        "rate limit is still reached after 3 retries (HTTP 429",
    );
    assert_contains(&r.stderr, "Project Access Tokens");
}

#[test]
fn a_bad_level_or_status_is_a_usage_error_before_any_request() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    let r = run(o11y(&sb, &fake).args(REPORT_HI).args(["--level", "fatal"]));
    r.code(2);
    assert_contains(&r.stderr, "invalid value 'fatal' for '--level <LEVEL>'");
    assert_contains(&r.stderr, "critical, error, warning, info, debug");
    let r = run(o11y(&sb, &fake).args(DEPLOY_A).args(["--status", "done"]));
    r.code(2);
    assert_contains(&r.stderr, "invalid value 'done' for '--status <STATUS>'");
    assert_contains(&r.stderr, "timed_out");
    assert!(fake.requests().is_empty());
}

#[test]
fn a_bad_endpoint_is_a_usage_error_and_an_endpoint_without_its_slash_works() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    let r = run(o11y(&sb, &fake)
        .env("ROLLBAR_ENDPOINT", "api.rollbar.com")
        .args(REPORT_HI));
    r.code(2);
    assert_contains(&r.stderr, "--api-endpoint");

    let bare = fake.endpoint().trim_end_matches('/').to_string();
    run(o11y(&sb, &fake).args(["rollbar", "report", "hi", "--api-endpoint", &bare])).code(0);
    assert_eq!(fake.requests()[0].path, "/api/1/item/");
}

// ---- report read-back ----

/// `o11y rollbar report` with `read` in ROLLBAR_READ_ACCESS_TOKEN and fast polls.
fn read_back(sb: &Sandbox, fake: &RollbarFake, read: &str) -> Command {
    let mut cmd = o11y(sb, fake);
    cmd.env("ROLLBAR_READ_ACCESS_TOKEN", read)
        .env("O11Y_POLL_MS", "50");
    cmd
}

fn gets(fake: &RollbarFake) -> Vec<support::server::Request> {
    fake.requests()
        .into_iter()
        .filter(|r| r.method == "GET")
        .collect()
}

#[test]
fn report_finds_the_occurrence_by_its_uuid_once_processed_and_prints_the_item_counter_and_delay() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    fake.set_processing_delay(Duration::from_millis(700));
    let r =
        run(read_back(&sb, &fake, READ_TOKEN).args(["rollbar", "report", "smoke", "-o", "json"]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["arrived"], true, "{v}");
    assert!(v["arrived_after_ms"].as_u64().unwrap() >= 700, "{v}");
    assert_eq!(v["counter"], 1);
    assert_eq!(v["item_id"], 272_500_001);
    assert_eq!(v["title"], "smoke");
    let uuid = v["uuid"].as_str().unwrap();
    assert_eq!(
        v["link"],
        format!("https://rollbar.com/item/uuid/?uuid={uuid}")
    );
    // Polled the listing with the read token (never the server token) until processed, then the item.
    let g = gets(&fake);
    let listings: Vec<_> = g.iter().filter(|q| q.path == "/api/1/instances/").collect();
    assert!(listings.len() >= 2, "{}", listings.len());
    assert!(listings.iter().all(|q| q.query == "page=1"));
    assert!(g
        .iter()
        .all(|q| q.header("X-Rollbar-Access-Token") == Some(READ_TOKEN)));
    assert_eq!(g.last().unwrap().path, "/api/1/item/272500001");
    assert_contains(&r.stderr, "waiting up to 60 s for Rollbar to process it");
    assert_contains(&r.stderr, "not processed yet after");

    // In text: the counter and the delay.
    let r = run(read_back(&sb, &fake, READ_TOKEN).args(["rollbar", "report", "again"]));
    r.code(0);
    assert_contains(&r.stdout, "item     #2");
    assert_contains(&r.stdout, "arrived  yes, processed and found after");
}

#[test]
fn the_occurrence_is_found_among_newer_ones_on_a_later_page_of_the_listing() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    fake.set_processing_delay(Duration::from_millis(300));
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("o11y"));
    // Noise arrives after ours is sent: run the command, then add it while it polls.
    child
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap())
        .env("HOME", sb.home.path())
        .env("ROLLBAR_ENDPOINT", fake.endpoint())
        .env("ROLLBAR_ACCESS_TOKEN", SERVER_TOKEN)
        .env("ROLLBAR_READ_ACCESS_TOKEN", READ_TOKEN)
        .env("O11Y_POLL_MS", "100")
        .args(["rollbar", "report", "mine", "-o", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let proc = child.spawn().unwrap();
    let until = Instant::now() + Duration::from_secs(10);
    while fake.items().is_empty() && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(5));
    }
    fake.add_noise(45);
    let out = proc.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["arrived"], true, "{v}");
    assert_eq!(v["title"], "mine");
    assert!(gets(&fake).iter().any(|q| q.query == "page=3"));
}

#[test]
fn an_occurrence_never_processed_exits_1_within_the_timeout_with_what_was_seen() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    fake.never_process();
    let started = Instant::now();
    let r = run(read_back(&sb, &fake, READ_TOKEN).args([
        "rollbar",
        "report",
        "lost",
        "--timeout",
        "1s",
        "-o",
        "json",
    ]));
    let took = started.elapsed();
    r.code(1);
    assert!(took < Duration::from_secs(5), "bounded: {took:?}");
    let v = r.json();
    assert_eq!(v["arrived"], false);
    assert_eq!(v["seen"], "the project lists no occurrences yet");
    assert_contains(&r.stderr, "o11y: error: Rollbar accepted occurrence ");
    assert_contains(&r.stderr, "but it was not found within");
    assert_contains(
        &r.stderr,
        "help: Rollbar may still be processing it, or the project drops it",
    );
    assert!(gets(&fake).len() >= 3);
}

#[test]
fn without_a_read_token_arrival_is_not_checked_and_that_is_said() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    let r = run(o11y(&sb, &fake).args(["rollbar", "report", "hi", "-o", "json"]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["arrived"], serde_json::Value::Null);
    assert_contains(
        v["unchecked_reason"].as_str().unwrap(),
        "ROLLBAR_READ_ACCESS_TOKEN is not set",
    );
    let r = run(read_back(&sb, &fake, READ_TOKEN).args(["rollbar", "report", "hi", "--no-wait"]));
    r.code(0);
    assert_contains(&r.stdout, "not checked (--no-wait)");
    assert!(gets(&fake).is_empty());
}

#[test]
fn a_token_without_the_read_scope_as_read_token_is_explained_and_never_printed() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    for (token, has) in [(WRITE_TOKEN, "write"), (SERVER_TOKEN, "post_server_item")] {
        let r = run(read_back(&sb, &fake, token).args(["rollbar", "report", "hi"]));
        r.code(1);
        assert_contains(
            &r.stderr,
            &format!("Rollbar refused the token for this occurrence lookup: it needs the read scope and has {has} (HTTP 403)"),
        );
        assert_contains(
            &r.stderr,
            "help: ROLLBAR_READ_ACCESS_TOKEN must be the project's read token",
        );
        assert!(!all_output(&r).contains(&token[4..]), "{}", all_output(&r));
        // The item was reported: its uuid and link are still on stdout.
        assert_contains(
            &r.stdout,
            "link     https://rollbar.com/item/uuid/?uuid=1f0e2d3c-",
        );
        assert_contains(
            &r.stdout,
            "arrived  could not be checked (the error follows)",
        );
    }
    // An unknown read token: Rollbar's 401 echoes it; it is redacted.
    let unknown = "0badc0ffee4b2d9a8c3e6f1b0d47a299";
    let r = run(read_back(&sb, &fake, unknown).args(["rollbar", "report", "hi", "-v"]));
    r.code(1);
    assert_contains(&r.stderr, "invalid access token: 0bad…");
    assert_contains(
        &r.stderr,
        "help: ROLLBAR_READ_ACCESS_TOKEN must be the project's read token",
    );
    assert!(!all_output(&r).contains(&unknown[4..]));
    // A malformed one is a usage error before anything is sent.
    fake.server.clear_requests();
    let r = run(read_back(&sb, &fake, "not a token").args(["rollbar", "report", "hi"]));
    r.code(2);
    assert_contains(
        &r.stderr,
        "ROLLBAR_READ_ACCESS_TOKEN: the Rollbar access token",
    );
    assert!(fake.requests().is_empty());
    // The read token works and is never printed either, with -v and in JSON.
    let r = run(
        read_back(&sb, &fake, READ_TOKEN).args(["rollbar", "report", "hi", "-v", "-o", "json"])
    );
    r.code(0);
    assert_contains(&r.stderr, "-> GET http://127.0.0.1:");
    assert!(!all_output(&r).contains(&READ_TOKEN[4..]));
    assert!(!all_output(&r).contains(&SERVER_TOKEN[4..]));
}

fn all_output(r: &Run) -> String {
    format!("{}\n{}", r.stdout, r.stderr)
}

#[test]
fn the_token_is_printed_nowhere_by_any_rollbar_command() {
    let (sb, fake) = (Sandbox::new(), RollbarFake::start());
    let token = SERVER_TOKEN;
    let mut outputs = Vec::new();
    let mut go = |fake: &RollbarFake, args: &[&str], code: i32| {
        for format in ["table", "json"] {
            let r = run(o11y(&sb, fake).args(args).args(["-v", "-o", format]));
            r.code(code);
            outputs.push((args.join(" "), all_output(&r)));
        }
    };
    let report = ["rollbar", "report", "hello"];
    let trace = [
        "rollbar",
        "report",
        "boom",
        "--exception",
        "E",
        "--level",
        "critical",
    ];
    let deploy = [
        "rollbar",
        "deploy",
        "--revision",
        "r1",
        "--environment",
        "qa",
        "--status",
        "started",
    ];

    // Successes.
    go(&fake, &report, 0);
    go(&fake, &trace, 0);
    go(&fake, &deploy, 0);
    // Usage errors.
    go(&fake, &["rollbar", "report", "hi", "--level", "nope"], 2);
    go(&fake, &["rollbar", "deploy", "--environment", "qa"], 2);
    // Errors whose bodies echo the token.
    fake.server
        .fail_next(4, error(500, &format!("internal error for token {token}")));
    go(&fake, &report, 1);
    go(&fake, &deploy, 1);
    fake.server.fail_next(
        4,
        error(
            422,
            &format!("Invalid format. access_token {token} has no project"),
        ),
    );
    go(&fake, &report, 1);
    go(&fake, &deploy, 1);
    // A success status with an answer that is not Rollbar's (a proxy page, say) that quotes the token.
    fake.server.fail_next(
        4,
        support::server::Reply::text(200, &format!("<html>welcome, {token}</html>")),
    );
    go(&fake, &report, 1);
    go(&fake, &deploy, 1);
    fake.rate_limit_next(16, 0);
    go(&fake, &report, 1);
    go(&fake, &deploy, 1);
    // The token is unknown (Rollbar echoes it), or lacks the scope.
    fake.remove_token(token);
    go(&fake, &report, 1);
    go(&fake, &deploy, 1);
    fake.add_token(token, &["post_client_item"]);
    go(&fake, &report, 1);
    go(&fake, &deploy, 1);
    // No server there at all.
    let gone = RollbarFake::start();
    let endpoint = gone.endpoint();
    drop(gone);
    for (args, code) in [(&report[..], 1), (&deploy[..], 1)] {
        let r = run(o11y(&sb, &fake)
            .env("ROLLBAR_ENDPOINT", &endpoint)
            .args(args)
            .arg("-v"));
        r.code(code);
        outputs.push((format!("{} (no server)", args.join(" ")), all_output(&r)));
    }
    // Help, with the token in the environment.
    for args in [
        vec!["rollbar"],
        vec!["rollbar", "report"],
        vec!["rollbar", "deploy"],
    ] {
        let r = run(o11y(&sb, &fake).args(&args).arg("--help"));
        r.code(0);
        assert_contains(&r.stdout, "[env: ROLLBAR_ACCESS_TOKEN]");
        outputs.push((format!("{} --help", args.join(" ")), all_output(&r)));
    }

    for (what, out) in &outputs {
        assert!(!out.contains(token), "`{what}` printed the token:\n{out}");
        assert!(
            !out.contains(&token[4..]),
            "`{what}` printed part of the token:\n{out}"
        );
    }
    // The test saw what it claims to: the token was sent on every call and echoed back in errors.
    let reqs = fake.requests();
    assert!(reqs.len() >= 30, "{}", reqs.len());
    assert!(reqs
        .iter()
        .all(|r| r.header("X-Rollbar-Access-Token") == Some(token)));
    let echoed = outputs.iter().filter(|(_, o)| o.contains("5e7a…")).count();
    assert!(
        echoed >= 10,
        "only {echoed} outputs show the redacted token"
    );
    assert!(outputs
        .iter()
        .any(|(_, o)| o.contains("-> POST http://127.0.0.1:")));
}

#[test]
fn every_rollbar_command_help_has_a_pasteable_example() {
    for args in [vec!["rollbar", "report"], vec!["rollbar", "deploy"]] {
        let h = help(&args);
        assert_contains(&h, &format!("Examples:\n  o11y {}", args.join(" ")));
        assert_contains(&h, "POST {endpoint}");
    }
    assert_contains(&help(&["rollbar"]), "Examples:\n  o11y rollbar report");
    let top = help(&[]);
    assert!(
        top.lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")
                == "rollbar Rollbar: report a test message or error, record a deploy"),
        "{top}"
    );
}
