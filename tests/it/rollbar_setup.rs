//! `o11y setup` and `o11y doctor` for `[rollbar]`'s project, access tokens and notification rules, against the
//! Rollbar fake (`tests/support/rollbar_account.rs`): what the user sees, what the fake received, and that no
//! token value appears in any output or `-v` line.

use crate::support;

use serde_json::{json, Value};
use support::rollbar::RollbarFake;
use support::rollbar_account::{ACCOUNT_READ_TOKEN, ACCOUNT_TOKEN};
use support::server::Reply;
use support::{run, Run, Sandbox};

const MANIFEST: &str = r##"
[secrets]
file = ".env"

[rollbar]
environment = "production"
project = "cruddur"

[[rollbar.access_tokens]]
name = "backend-flask"
scopes = ["post_server_item"]
env = "ROLLBAR_ACCESS_TOKEN"

[[rollbar.access_tokens]]
name = "read-back"
scopes = ["read"]
env = "ROLLBAR_READ_ACCESS_TOKEN"

[[rollbar.notifications]]
channel = "slack"
trigger = "new_item"
filters = [{ type = "environment", operation = "eq", value = "production" }, { type = "level", operation = "gte", value = "error" }]
config = { channel = "#cruddur-errors" }
"##;

fn setup(sb: &Sandbox, fake: &RollbarFake, args: &[&str]) -> Run {
    run(sb
        .o11y()
        .env("ROLLBAR_ENDPOINT", fake.endpoint())
        .env("ROLLBAR_ACCOUNT_ACCESS_TOKEN", ACCOUNT_TOKEN)
        .arg("setup")
        .args(args))
}

fn rows(r: &Run) -> Vec<(String, String, String)> {
    r.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["kind"].as_str().unwrap().to_string(),
                v["name"].as_str().unwrap().to_string(),
                v["action"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn row(r: &Run, kind: &str, name: &str) -> Value {
    r.json()
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["kind"] == kind && v["name"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("no row {kind} {name}: {}", r.stdout))
}

/// Every token value the fake knows appears nowhere in what the user saw.
fn assert_no_token_shown(fake: &RollbarFake, outputs: &[&str]) {
    for t in fake.project_tokens() {
        for out in outputs {
            assert!(
                !out.contains(&t.value),
                "the value of `{}` was shown:\n{out}",
                t.name
            );
            assert!(
                !out.contains(&t.value[4..]),
                "part of `{}` was shown:\n{out}",
                t.name
            );
        }
    }
    for out in outputs {
        assert!(
            !out.contains(&ACCOUNT_TOKEN[4..]),
            "the account token was shown:\n{out}"
        );
    }
}

fn token(fake: &RollbarFake, name: &str) -> support::rollbar_account::ProjectToken {
    let all: Vec<_> = fake
        .project_tokens()
        .into_iter()
        .filter(|t| t.name == name)
        .collect();
    assert_eq!(all.len(), 1, "tokens named {name}: {}", all.len());
    all[0].clone()
}

fn env_file(sb: &Sandbox) -> String {
    std::fs::read_to_string(sb.home.path().join(".env")).unwrap_or_default()
}

#[test]
fn from_an_empty_account_setup_creates_project_tokens_and_rule_and_a_second_run_writes_nothing() {
    let (sb, fake) = (Sandbox::with_manifest(MANIFEST), RollbarFake::start());
    let r = setup(&sb, &fake, &["-o", "json", "-v"]);
    r.code(0);
    assert_eq!(
        rows(&r),
        [
            ("rollbar project", "cruddur", "created"),
            ("rollbar access token", "backend-flask", "created"),
            ("secret", "ROLLBAR_ACCESS_TOKEN in .env", "created"),
            ("rollbar access token", "read-back", "created"),
            ("secret", "ROLLBAR_READ_ACCESS_TOKEN in .env", "created"),
            ("rollbar access token", "o11y", "created"),
            ("secret", "ROLLBAR_O11Y_ACCESS_TOKEN in .env", "created"),
            (
                "rollbar notification",
                "slack new_item #cruddur-errors",
                "created"
            ),
        ]
        .map(|(k, n, a)| (k.to_string(), n.to_string(), a.to_string()))
    );
    let project = fake.projects()[0]["id"].as_u64().unwrap();
    assert_eq!(fake.projects()[0]["name"], "cruddur");
    let (server, read, own) = (
        token(&fake, "backend-flask"),
        token(&fake, "read-back"),
        token(&fake, "o11y"),
    );
    assert_eq!(server.scopes, ["post_server_item"]);
    assert_eq!(read.scopes, ["read"]);
    assert_eq!(own.scopes, ["read", "write"]);
    let env = env_file(&sb);
    for (var, t) in [
        ("ROLLBAR_ACCESS_TOKEN", &server),
        ("ROLLBAR_READ_ACCESS_TOKEN", &read),
        ("ROLLBAR_O11Y_ACCESS_TOKEN", &own),
    ] {
        assert!(env.contains(&format!("{var}={}\n", t.value)), "{env}");
    }
    assert_no_token_shown(&fake, &[&r.stdout, &r.stderr]);
    assert!(r.stderr.contains("-> POST"), "no -v lines: {}", r.stderr);
    let tokens_path = format!("/api/1/project/{project}/access_tokens");
    assert_eq!(
        fake.account_writes(),
        [
            "POST /api/1/projects".to_string(),
            format!("POST {tokens_path}"),
            format!("POST {tokens_path}"),
            format!("POST {tokens_path}"),
            "POST /api/1/notifications/slack/rules".to_string(),
        ]
    );
    // The rule went in with o11y's own token, the Slack channel without its `#` (Rollbar refuses it with).
    let post = fake
        .requests()
        .into_iter()
        .find(|q| q.method == "POST" && q.path == "/api/1/notifications/slack/rules")
        .unwrap();
    assert_eq!(
        post.header("X-Rollbar-Access-Token"),
        Some(own.value.as_str())
    );
    assert_eq!(
        post.json()[0]["config"],
        json!({"channel": "cruddur-errors"})
    );
    assert_eq!(post.json()[0]["trigger"], "new_item");
    let rules = fake.rules(project, "slack");
    assert_eq!(rules.len(), 1);
    assert_eq!(rules[0]["config"]["channel"], "#cruddur-errors");
    for q in fake.requests() {
        assert!(q.header("X-Rollbar-Access-Token").is_some(), "{}", q.path);
    }

    // The second run: every row unchanged, no write, and the stored values untouched.
    let writes = fake.account_writes().len();
    let r = setup(&sb, &fake, &["-v"]);
    r.code(0);
    for line in r.stdout.lines().skip(1) {
        assert!(line.contains("unchanged"), "{}", r.stdout);
    }
    assert_eq!(r.stdout.lines().count(), 6, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("rollbar notification  slack new_item #cruddur-errors  unchanged"),
        "{}",
        r.stdout
    );
    assert_eq!(
        fake.account_writes().len(),
        writes,
        "the second run wrote: {:?}",
        fake.account_writes()
    );
    assert_eq!(env_file(&sb), env);
    assert_no_token_shown(&fake, &[&r.stdout, &r.stderr]);
}

#[test]
fn dry_run_lists_every_write_and_makes_none() {
    let (sb, fake) = (Sandbox::with_manifest(MANIFEST), RollbarFake::start());
    let r = setup(&sb, &fake, &["--dry-run"]);
    r.code(0);
    for (kind, name) in [
        ("rollbar project", "cruddur"),
        ("rollbar access token", "backend-flask"),
        ("rollbar access token", "read-back"),
        ("rollbar access token", "o11y"),
        ("rollbar notification", "slack new_item #cruddur-errors"),
    ] {
        let line = r
            .stdout
            .lines()
            .find(|l| l.starts_with(kind) && l.contains(name));
        assert!(
            line.is_some_and(|l| l.contains("would create")),
            "{kind} {name}:\n{}",
            r.stdout
        );
    }
    assert!(
        r.stderr.contains("dry run: nothing was changed"),
        "{}",
        r.stderr
    );
    assert!(
        fake.account_writes().is_empty(),
        "{:?}",
        fake.account_writes()
    );
    assert!(!sb.home.path().join(".env").exists());

    // Set up, then change the rule's filters: the dry run names the change, and still writes nothing.
    setup(&sb, &fake, &[]).code(0);
    let writes = fake.account_writes();
    sb.write(
        "o11y.toml",
        &MANIFEST.replace("value = \"error\"", "value = \"critical\""),
    );
    let r = setup(&sb, &fake, &["--dry-run", "-o", "json"]);
    r.code(0);
    let rule = row(&r, "rollbar notification", "slack new_item #cruddur-errors");
    assert_eq!(rule["action"], "updated");
    assert_eq!(rule["dry_run"], true);
    assert_eq!(rule["changes"][0]["field"], "filters");
    assert_eq!(fake.account_writes(), writes);
}

#[test]
fn a_changed_rule_is_updated_alone_and_rules_o11y_does_not_manage_stay() {
    let (sb, fake) = (Sandbox::with_manifest(MANIFEST), RollbarFake::start());
    let project = fake.add_project("cruddur");
    let mine = fake.add_rule(
        project,
        "slack",
        json!({"trigger": "new_item", "status": "enabled", "action": "send_slack",
               "config": {"channel": "#cruddur-errors", "show_message_buttons": false},
               "filters": [{"type": "environment", "operation": "eq", "value": "staging"}]}),
    );
    let others = [
        fake.add_rule(project, "slack", json!({"trigger": "deploy", "status": "enabled", "config": {"channel": "#deploys"}, "filters": []})),
        fake.add_rule(project, "slack", json!({"trigger": "new_item", "status": "enabled", "config": {"channel": "#team-b"}, "filters": []})),
        fake.add_rule(project, "email", json!({"trigger": "new_item", "status": "enabled", "config": {"teams": ["Owners"]}, "filters": []})),
    ];
    let r = setup(&sb, &fake, &["-o", "json"]);
    r.code(0);
    let rule = row(&r, "rollbar notification", "slack new_item #cruddur-errors");
    assert_eq!(rule["action"], "updated", "{rule}");
    assert_eq!(
        rule["changes"],
        json!([{"field": "filters",
                "from": [{"type": "environment", "operation": "eq", "value": "staging"}],
                "to": [{"type": "environment", "operation": "eq", "value": "production"},
                       {"type": "level", "operation": "gte", "value": "error"}]}])
    );
    let rule_writes: Vec<String> = fake
        .account_writes()
        .into_iter()
        .filter(|w| w.contains("/notifications/"))
        .collect();
    assert_eq!(
        rule_writes,
        [format!("PUT /api/1/notifications/slack/rule/{mine}")]
    );
    let slack = fake.rules(project, "slack");
    assert_eq!(slack.len(), 3, "{slack:?}");
    for id in others {
        let all: Vec<Value> = ["slack", "email"]
            .iter()
            .flat_map(|c| fake.rules(project, c))
            .collect();
        assert!(
            all.iter().any(|r| r["id"] == id),
            "rule {id} is gone: {all:?}"
        );
    }
    let updated = slack.iter().find(|r| r["id"] == mine).unwrap();
    assert_eq!(updated["config"]["channel"], "#cruddur-errors");
    assert_eq!(updated["filters"][1]["value"], "error");

    // A manifest channel without the `#` is the same channel: nothing to do.
    sb.write(
        "o11y.toml",
        &MANIFEST.replace(
            "channel = \"#cruddur-errors\"",
            "channel = \"cruddur-errors\"",
        ),
    );
    let writes = fake.account_writes().len();
    let r = setup(&sb, &fake, &["-o", "json"]);
    r.code(0);
    assert_eq!(
        row(&r, "rollbar notification", "slack new_item #cruddur-errors")["action"],
        "unchanged"
    );
    assert_eq!(
        fake.account_writes().len(),
        writes,
        "{:?}",
        fake.account_writes()
    );
}

#[test]
fn a_token_whose_value_the_sink_lacks_is_a_failed_row_with_the_rotate_fix_and_rotate_replaces_it() {
    let (sb, fake) = (Sandbox::with_manifest(MANIFEST), RollbarFake::start());
    let project = fake.add_project("cruddur");
    let old = fake.add_project_token(project, "backend-flask", &["post_server_item"], false);
    let old_public = token(&fake, "backend-flask").public_id;
    let r = setup(&sb, &fake, &[]);
    r.code(1);
    let line = r
        .stdout
        .lines()
        .find(|l| l.contains("backend-flask"))
        .unwrap();
    assert!(line.contains("failed"), "{line}");
    assert!(
        line.contains(&format!(
            "exists in Rollbar (public id {old_public}), but its value is not in the secrets sink (ROLLBAR_ACCESS_TOKEN)"
        )),
        "{line}"
    );
    assert!(
        r.stdout.contains("fix: rollbar access token backend-flask: o11y setup --rotate backend-flask: creates a new token"),
        "{}",
        r.stdout
    );
    assert!(r.stderr.contains("o11y: error: 1 of "), "{}", r.stderr);
    // No second token was made, and the others went ahead.
    assert_eq!(
        fake.project_tokens()
            .iter()
            .filter(|t| t.name == "backend-flask")
            .count(),
        1
    );
    assert!(!env_file(&sb).contains("ROLLBAR_ACCESS_TOKEN="));
    assert!(env_file(&sb).contains("ROLLBAR_READ_ACCESS_TOKEN="));

    let r = setup(&sb, &fake, &["--rotate", "backend-flask", "-o", "json"]);
    r.code(0);
    let t = row(&r, "rollbar access token", "backend-flask");
    assert_eq!(t["action"], "updated");
    assert_eq!(
        t["changes"],
        json!([{"field": "token", "from": format!("public id {old_public} (deleted)"),
                "to": "a new token, stored in ROLLBAR_ACCESS_TOKEN"}])
    );
    assert_eq!(
        row(&r, "secret", "ROLLBAR_ACCESS_TOKEN in .env")["action"],
        "created"
    );
    let new = token(&fake, "backend-flask");
    assert_ne!(new.value, old);
    assert!(env_file(&sb).contains(&format!("ROLLBAR_ACCESS_TOKEN={}\n", new.value)));
    let writes = fake.account_writes();
    let n = writes.len();
    assert_eq!(
        writes[n - 2..],
        [
            format!("POST /api/1/project/{project}/access_tokens"),
            format!("DELETE /api/1/project/{project}/access_token/{old_public}"),
        ]
    );
    assert_no_token_shown(&fake, &[&r.stdout, &r.stderr]);
    assert!(!r.stdout.contains(&old[4..]));
}

#[test]
fn scopes_that_differ_are_reported_with_the_fix_not_forced() {
    let (sb, fake) = (Sandbox::with_manifest(MANIFEST), RollbarFake::start());
    setup(&sb, &fake, &[]).code(0);
    sb.write(
        "o11y.toml",
        &MANIFEST.replace("scopes = [\"read\"]", "scopes = [\"read\", \"write\"]"),
    );
    let writes = fake.account_writes().len();
    let r = setup(&sb, &fake, &["-o", "json"]);
    r.code(1);
    let t = row(&r, "rollbar access token", "read-back");
    assert_eq!(t["action"], "failed");
    assert_eq!(
        t["error"],
        "scopes differ: [read] → [read, write]; Rollbar cannot change a token's scopes in place"
    );
    assert!(
        t["fix"]
            .as_str()
            .unwrap()
            .starts_with("o11y setup --rotate read-back"),
        "{t}"
    );
    // Nothing was forced: no token made or deleted. read-back may now read and write the rules, so they are
    // managed with it, and left alone while its row fails.
    assert_eq!(
        row(&r, "rollbar notification", "slack new_item #cruddur-errors")["error"],
        "not read: the rules are read and written with the project token `read-back`, whose row failed above"
    );
    assert_eq!(
        fake.account_writes().len(),
        writes,
        "{:?}",
        fake.account_writes()
    );

    let r = setup(&sb, &fake, &["--rotate", "read-back", "-o", "json"]);
    r.code(0);
    assert_eq!(
        row(&r, "rollbar access token", "read-back")["action"],
        "updated"
    );
    assert_eq!(token(&fake, "read-back").scopes, ["read", "write"]);
}

#[test]
fn doctor_reports_missing_and_drifted_resources_then_passes_after_setup_with_only_the_stored_tokens(
) {
    let (sb, fake) = (Sandbox::with_manifest(MANIFEST), RollbarFake::start());
    let doctor = |account: bool, args: &[&str]| {
        let mut c = sb.o11y();
        c.env("ROLLBAR_ENDPOINT", fake.endpoint())
            .env("O11Y_POLL_MS", "20");
        if account {
            c.env("ROLLBAR_ACCOUNT_ACCESS_TOKEN", ACCOUNT_TOKEN);
        }
        run(c.arg("doctor").args(args))
    };
    let r = doctor(true, &[]);
    r.code(1);
    for missing in [
        "✗ rollbar project cruddur",
        "✗ rollbar access token backend-flask",
        "✗ rollbar notification slack new_item #cruddur-errors",
    ] {
        let line = r
            .stdout
            .lines()
            .find(|l| l.starts_with(missing))
            .unwrap_or_else(|| panic!("{missing}: {}", r.stdout));
        assert!(line.ends_with("missing"), "{line}");
    }
    assert!(r.stdout.contains("  fix: o11y setup\n"), "{}", r.stdout);
    assert!(fake.account_writes().is_empty());

    setup(&sb, &fake, &[]).code(0);
    // After setup, with no token exported at all: the stored ones are used.
    let r = doctor(false, &["--send-test", "--timeout", "5s", "-v"]);
    r.code(0);
    for ok in [
        "✓ rollbar token check backend-flask",
        "✓ rollbar token check read-back",
        "✓ rollbar token check o11y",
        "✓ rollbar notification slack new_item #cruddur-errors",
        "✓ send-test rollbar",
    ] {
        assert!(
            r.stdout.lines().any(|l| l.starts_with(ok)),
            "{ok}:\n{}",
            r.stdout
        );
    }
    let server = token(&fake, "backend-flask");
    assert!(
        r.stdout.contains(&format!(
            "ROLLBAR_ACCESS_TOKEN ({}…) accepted by Rollbar, with the scopes post_server_item",
            &server.value[..4]
        )),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("occurrence arrived after"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("! rollbar project cruddur")),
        "{}",
        r.stdout
    );
    let item = fake
        .requests()
        .into_iter()
        .find(|q| q.path == "/api/1/item/")
        .unwrap();
    assert_eq!(
        item.header("X-Rollbar-Access-Token"),
        Some(server.value.as_str())
    );
    assert_no_token_shown(&fake, &[&r.stdout, &r.stderr]);

    // With the account token: every resource exists and matches.
    let r = doctor(true, &[]);
    r.code(0);
    for ok in [
        "✓ rollbar project cruddur",
        "✓ rollbar access token backend-flask",
        "✓ rollbar access token o11y",
    ] {
        assert!(
            r.stdout.lines().any(|l| l.starts_with(ok)),
            "{ok}:\n{}",
            r.stdout
        );
    }

    // Drift: someone changed the rule in Rollbar's UI; a stored token was deleted there.
    let project = fake.projects()[0]["id"].as_u64().unwrap();
    let id = fake.rules(project, "slack")[0]["id"].as_u64().unwrap();
    fake.state
        .lock()
        .unwrap()
        .account
        .rules
        .iter_mut()
        .for_each(|(_, _, r)| {
            if r["id"] == id {
                r["filters"] = json!([]);
            }
        });
    fake.remove_token(&token(&fake, "read-back").value);
    fake.state
        .lock()
        .unwrap()
        .account
        .tokens
        .retain(|t| t.name != "read-back");
    let r = doctor(true, &[]);
    r.code(1);
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("✗ rollbar notification"))
        .unwrap();
    assert!(line.contains("differs: filters: [] → "), "{line}");
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("✗ rollbar token check read-back"))
        .unwrap();
    assert!(line.contains("token not accepted"), "{line}");
    assert!(
        r.stdout.contains("fix: o11y setup --rotate read-back"),
        "{}",
        r.stdout
    );
}

#[test]
fn doctor_warns_when_the_account_token_is_in_the_apps_secrets_file() {
    let (sb, fake) = (Sandbox::with_manifest(MANIFEST), RollbarFake::start());
    setup(&sb, &fake, &[]).code(0);
    let env = env_file(&sb);
    sb.write(
        ".env",
        &format!("{env}ROLLBAR_ACCOUNT_ACCESS_TOKEN={ACCOUNT_TOKEN}\n"),
    );
    let r = run(sb
        .o11y()
        .env("ROLLBAR_ENDPOINT", fake.endpoint())
        .arg("doctor"));
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("! rollbar account token"))
        .unwrap_or_else(|| panic!("{}", r.stdout));
    assert!(
        line.contains("ROLLBAR_ACCOUNT_ACCESS_TOKEN is in `.env`, the secrets file the app loads"),
        "{line}"
    );
    assert!(
        r.stdout
            .contains("fix: remove it from .env; export it only in the shell that runs o11y setup"),
        "{}",
        r.stdout
    );
    assert_no_token_shown(&fake, &[&r.stdout, &r.stderr]);
}

#[test]
fn rollbar_errors_with_err_1_at_http_200_and_429s() {
    let (sb, fake) = (Sandbox::with_manifest(MANIFEST), RollbarFake::start());
    // HTTP 200 with err 1 is a failure, shown with Rollbar's message (the token in it redacted).
    fake.server.fail_next(
        1,
        Reply::json(
            200,
            json!({"err": 1, "message": format!("Something went wrong for {ACCOUNT_TOKEN}")}),
        ),
    );
    let r = setup(&sb, &fake, &["-o", "json"]);
    r.code(1);
    let p = row(&r, "rollbar project", "cruddur");
    assert_eq!(p["action"], "failed");
    assert_eq!(
        p["error"],
        format!(
            "Rollbar refused the project list (HTTP 200, err 1): Something went wrong for {}…",
            &ACCOUNT_TOKEN[..4]
        )
    );
    assert!(fake.account_writes().is_empty());

    // A 429 is waited out as Rollbar asks, then the run goes on.
    fake.rate_limit_next(1, 1);
    let r = setup(&sb, &fake, &[]);
    r.code(0);
    assert!(
        r.stderr
            .contains("rate limited by 127.0.0.1 (HTTP 429); waiting 1 s before retry 1 of 3"),
        "{}",
        r.stderr
    );
    assert_eq!(fake.projects().len(), 1);

    // A read-only account token, and no account token at all.
    let r = run(sb
        .o11y()
        .env("ROLLBAR_ENDPOINT", fake.endpoint())
        .env("ROLLBAR_ACCOUNT_ACCESS_TOKEN", ACCOUNT_READ_TOKEN)
        .args(["setup", "--rotate", "backend-flask", "-o", "json"]));
    r.code(1);
    let t = row(&r, "rollbar access token", "backend-flask");
    assert_eq!(
        t["error"],
        "Rollbar refused the token creation: ROLLBAR_ACCOUNT_ACCESS_TOKEN needs the write scope and has read (HTTP 403)"
    );
    let r = run(sb
        .o11y()
        .env("ROLLBAR_ENDPOINT", fake.endpoint())
        .args(["setup", "-o", "json"]));
    r.code(1);
    let p = row(&r, "rollbar project", "cruddur");
    assert_eq!(
        p["error"],
        "no Rollbar account access token: ROLLBAR_ACCOUNT_ACCESS_TOKEN is not set"
    );
    assert!(p["fix"]
        .as_str()
        .unwrap()
        .contains("do not put it in the app's secrets file"));
}

#[test]
fn a_token_rollbar_lists_with_its_value_must_match_the_stored_one() {
    let (sb, fake) = (Sandbox::with_manifest(MANIFEST), RollbarFake::start());
    let project = fake.add_project("cruddur");
    let legacy = fake.add_project_token(project, "backend-flask", &["post_server_item"], true);
    sb.write(
        ".env",
        "ROLLBAR_ACCESS_TOKEN=0123456789abcdef0123456789abcdef\n",
    );
    let r = setup(&sb, &fake, &["-o", "json"]);
    r.code(1);
    let t = row(&r, "rollbar access token", "backend-flask");
    assert_eq!(
        t["error"],
        format!(
            "ROLLBAR_ACCESS_TOKEN holds another value than this token's ({}…)",
            &legacy[..4]
        )
    );
    let env = env_file(&sb).replace("0123456789abcdef0123456789abcdef", &legacy);
    sb.write(".env", &env);
    let r = setup(&sb, &fake, &["-o", "json"]);
    r.code(0);
    assert_eq!(
        row(&r, "rollbar access token", "backend-flask")["action"],
        "unchanged"
    );
    assert_no_token_shown(&fake, &[&r.stdout, &r.stderr]);
}

#[test]
fn two_tokens_with_the_manifests_name_are_a_failed_row_naming_both() {
    let (sb, fake) = (Sandbox::with_manifest(MANIFEST), RollbarFake::start());
    let project = fake.add_project("cruddur");
    fake.add_project_token(project, "backend-flask", &["post_server_item"], false);
    fake.add_project_token(project, "backend-flask", &["post_server_item"], false);
    let ids: Vec<String> = fake
        .project_tokens()
        .iter()
        .map(|t| format!("public id {}", t.public_id))
        .collect();
    let r = setup(&sb, &fake, &["--rotate", "backend-flask", "-o", "json"]);
    r.code(1);
    let t = row(&r, "rollbar access token", "backend-flask");
    assert_eq!(
        t["error"],
        format!(
            "2 tokens named `backend-flask` on the project ({}): o11y does not guess which one ROLLBAR_ACCESS_TOKEN holds",
            ids.join("; ")
        )
    );
    assert_eq!(
        fake.project_tokens()
            .iter()
            .filter(|t| t.name == "backend-flask")
            .count(),
        2
    );
}

#[test]
fn bad_manifest_input_exits_2_with_file_line_and_key_before_any_request() {
    let fake = RollbarFake::start();
    let head = "[secrets]\nfile = \".env\"\n\n[rollbar]\nproject = \"cruddur\"\n\n";
    let token = "[[rollbar.access_tokens]]\nname = \"t\"\nenv = \"ROLLBAR_ACCESS_TOKEN\"\n";
    let rule = "[[rollbar.notifications]]\n";
    let cases: Vec<(String, &str)> = vec![
        (format!("{head}colour = 1\n"), "o11y.toml:7: unknown field `colour`"),
        ("[rollbar]\nproject = \"1cruddur\"\n".into(), "o11y.toml:2: rollbar.project: `1cruddur` does not start with a letter"),
        (format!("{head}{token}scopes = [\"post_item\"]\n"), "o11y.toml:10: rollbar.access_tokens[0].scopes: `post_item` is not a scope Rollbar has"),
        (format!("{head}{token}scopes = [\"post_server_item\", \"read\"]\n"), "o11y.toml:10: rollbar.access_tokens[0].scopes: post_server_item cannot be combined with other scopes"),
        (format!("{head}{token}scopes = [\"read\"]\nvalue = \"x\"\n"), "o11y.toml:11: unknown field `value`"),
        (format!("{head}{rule}channel = \"sms\"\ntrigger = \"new_item\"\n"), "o11y.toml:8: rollbar.notifications[0].channel: `sms` is not a channel Rollbar's rules have"),
        (format!("{head}{rule}channel = \"slack\"\ntrigger = \"new_itm\"\n"), "o11y.toml:9: rollbar.notifications[0].trigger: `new_itm` is not a trigger Rollbar's rules have"),
        (format!("{head}{rule}channel = \"slack\"\ntrigger = \"new_item\"\nfilters = [{{ type = \"level\", operation = \"gte\", value = \"fatal\" }}]\n"), "o11y.toml:10: rollbar.notifications[0].filters[0].value: `fatal` is not a level"),
        (format!("{head}{rule}channel = \"slack\"\ntrigger = \"new_item\"\nconfig = {{ chanel = \"#x\" }}\n"), "o11y.toml:10: rollbar.notifications[0].config.chanel: not a key of a slack rule's config"),
        (format!("{head}{rule}channel = \"slack\"\ntrigger = \"new_item\"\nconfig = {{ channel = \"#x\" }}\n{rule}channel = \"slack\"\ntrigger = \"new_item\"\nconfig = {{ channel = \"x\" }}\n"), "o11y.toml:12: rollbar.notifications[1]: a rule `slack new_item #x` appears twice"),
        ("[rollbar]\nproject = \"cruddur\"\n\n[[rollbar.access_tokens]]\nname = \"t\"\nscopes = [\"read\"]\nenv = \"ROLLBAR_READ_ACCESS_TOKEN\"\n".into(), "o11y.toml:5: rollbar.access_tokens: o11y.toml has no [secrets]"),
        ("[secrets]\nfile = \".env\"\n[rollbar]\n[[rollbar.access_tokens]]\nname = \"t\"\nscopes = [\"read\"]\nenv = \"X\"\n".into(), "o11y.toml:5: rollbar.access_tokens: o11y.toml has no rollbar.project"),
    ];
    for (manifest, expected) in cases {
        let sb = Sandbox::with_manifest(&manifest);
        for cmd in ["setup", "doctor"] {
            let r = run(sb
                .o11y()
                .env("ROLLBAR_ENDPOINT", fake.endpoint())
                .env("ROLLBAR_ACCOUNT_ACCESS_TOKEN", ACCOUNT_TOKEN)
                .arg(cmd));
            r.code(2);
            assert!(
                r.stderr.starts_with(&format!("o11y: error: {expected}")),
                "{cmd} {manifest}\n{}",
                r.stderr
            );
        }
    }
    assert!(fake.requests().is_empty(), "{:?}", fake.requests().len());
}

#[test]
fn a_new_token_no_sink_target_takes_is_deleted_again_so_no_run_leaves_a_token_nobody_holds() {
    // The secrets file is in a folder that does not exist: it cannot be written.
    let sb =
        Sandbox::with_manifest(&MANIFEST.replace("file = \".env\"", "file = \"missing/.env\""));
    let fake = RollbarFake::start();
    let r = setup(&sb, &fake, &["-o", "json"]);
    r.code(1);
    let t = row(&r, "rollbar access token", "backend-flask");
    assert_eq!(t["action"], "failed");
    let e = t["error"].as_str().unwrap();
    assert!(
        e.starts_with(
            "not created: the new token could not be stored (cannot write `missing/.env`"
        ),
        "{e}"
    );
    assert_eq!(
        row(&r, "secret", "ROLLBAR_ACCESS_TOKEN in missing/.env")["action"],
        "failed"
    );
    let project = fake.projects()[0]["id"].as_u64().unwrap();
    // Only the project's default tokens are left: each new one was deleted again.
    let names: Vec<String> = fake.project_tokens().into_iter().map(|t| t.name).collect();
    assert_eq!(names, ["post_client_item", "post_server_item"]);
    let deletes = fake
        .account_writes()
        .into_iter()
        .filter(|w| w.starts_with("DELETE"))
        .count();
    assert_eq!(deletes, 3, "{:?}", fake.account_writes());
    assert!(fake
        .account_writes()
        .iter()
        .all(|w| !w.contains("/notifications/")));
    assert_eq!(
        row(&r, "rollbar notification", "slack new_item #cruddur-errors")["fix"],
        "fix the token `o11y` first (its row says how)"
    );
    assert!(fake.rules(project, "slack").is_empty());
    assert_no_token_shown(&fake, &[&r.stdout, &r.stderr]);
    // The deletions named the new tokens by value: the -v lines show them masked only.
    let r = setup(&sb, &fake, &["-v"]);
    assert!(r.stderr.contains("/access_token/"), "{}", r.stderr);
    let deleted: Vec<String> = fake
        .requests()
        .into_iter()
        .filter(|q| q.method == "DELETE")
        .map(|q| q.path.rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(deleted.len(), 6);
    for (i, value) in deleted.iter().enumerate() {
        assert_eq!(value.len(), 32);
        assert!(!r.stderr.contains(&value[4..]), "{}", r.stderr);
        assert!(!r.stdout.contains(&value[4..]), "{}", r.stdout);
        // This run's deletions (the last 3) show the value masked.
        let shown = format!("/access_token/{}…", &value[..4]);
        assert_eq!(r.stderr.contains(&shown), i >= 3, "{}", r.stderr);
    }
}

#[test]
fn two_projects_with_the_manifests_name_are_a_failed_row_naming_both_and_nothing_else_is_touched() {
    let (sb, fake) = (Sandbox::with_manifest(MANIFEST), RollbarFake::start());
    let (a, b) = (fake.add_project("cruddur"), fake.add_project("cruddur"));
    fake.add_project("other");
    let r = setup(&sb, &fake, &["-o", "json"]);
    r.code(1);
    assert_eq!(
        rows(&r),
        [(
            "rollbar project".to_string(),
            "cruddur".to_string(),
            "failed".to_string()
        )]
    );
    assert_eq!(
        row(&r, "rollbar project", "cruddur")["error"],
        format!("2 projects named `cruddur` in the account (ids {a}, {b}): o11y does not guess which is meant")
    );
    assert!(
        fake.account_writes().is_empty(),
        "{:?}",
        fake.account_writes()
    );
}
