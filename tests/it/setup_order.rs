//! `o11y setup` ensures independent resources at the same time (`--parallelism N`, at most N at once) and
//! still makes every call after the ones it needs: a full setup against every fake at once (X-Ray and
//! Transaction Search, CloudWatch Logs at moto through a recording proxy, a Honeycomb team, a Rollbar
//! account), each fake answering after a small delay so that calls overlap as on the real services, and the
//! order read from what the fakes received. Then that the concurrency is real and bounded: the most requests
//! a slow fake had in flight at once.

use std::time::Duration;

use crate::support;
use serde_json::Value;
use support::honeycomb_v2::HoneycombTeam;
use support::logs::{operation, FaultProxy};
use support::moto::Moto;
use support::rollbar::RollbarFake;
use support::rollbar_account::ACCOUNT_TOKEN;
use support::server::Request;
use support::xray::XrayFake;
use support::{run, Run, Sandbox, XRAY_MANIFEST};

/// Every backend at once: Transaction Search; a Honeycomb environment with two keys, two calculated fields
/// and an SLO on each; a Rollbar project with two tokens (and o11y's own) and rules on two channels.
const MANIFEST: &str = r##"
[xray.transaction_search]
enabled = true
indexing_percentage = 2
spans_retention_days = 30

[secrets]
file = ".env"

[honeycomb]
service_name = "backend-flask"
environment = "cruddur-dev"

[[honeycomb.api_keys]]
name = "backend-flask ingest"
kind = "ingest"
env = "HONEYCOMB_API_KEY"

[[honeycomb.api_keys]]
name = "o11y configuration"
kind = "configuration"
permissions = ["create_datasets", "manage_columns", "manage_recipients", "manage_triggers", "manage_slos", "manage_markers"]
env = "HONEYCOMB_CONFIG_KEY"

[[honeycomb.datasets]]
name = "backend-flask"

[[honeycomb.calculated_fields]]
dataset = "backend-flask"
alias = "sli_fast"
expression = "LT($duration_ms, 500)"

[[honeycomb.calculated_fields]]
dataset = "backend-flask"
alias = "sli_ok"
expression = "LT($status_code, 500)"

[[honeycomb.recipients]]
type = "email"
details = { email_address = "oncall@example.com" }

[[honeycomb.triggers]]
dataset = "backend-flask"
name = "errors"
query = { calculations = [{ op = "COUNT" }], filters = [{ column = "error", op = "exists" }], time_range = 900 }
frequency = 900
threshold = { op = ">", value = 5 }
recipients = ["oncall@example.com"]

[[honeycomb.slos]]
dataset = "backend-flask"
name = "fast requests"
sli = "sli_fast"
target_per_million = 999000
time_period_days = 30

[[honeycomb.slos]]
dataset = "backend-flask"
name = "good requests"
sli = "sli_ok"
target_per_million = 999000
time_period_days = 30

[[honeycomb.burn_alerts]]
slo = "fast requests"
exhaustion_minutes = 240
recipients = ["oncall@example.com"]

[[honeycomb.marker_settings]]
dataset = "backend-flask"
type = "deploy"
color = "#1fa297"

[rollbar]
environment = "development"
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
filters = [{ type = "environment", operation = "eq", value = "development" }]
config = { channel = "#cruddur-errors" }

[[rollbar.notifications]]
channel = "email"
trigger = "new_item"
config = { users = ["oncall@example.com"] }
"##;

/// How long every fake takes to answer: enough for calls to overlap, small enough to keep the test fast.
const DELAY: Duration = Duration::from_millis(25);

fn first<'a>(requests: &'a [Request], what: &str, hit: impl Fn(&Request) -> bool) -> &'a Request {
    requests
        .iter()
        .find(|r| hit(r))
        .unwrap_or_else(|| panic!("no {what} among the requests"))
}

/// `later` was sent after `earlier` was answered: it came at least the fake's delay after it.
fn answered_before(earlier: &Request, later: &Request, what: &str) {
    assert!(
        later.at >= earlier.at + DELAY,
        "{what}: sent {:?} after the request it needs, before that one's answer ({DELAY:?})",
        later.at.saturating_duration_since(earlier.at)
    );
}

#[test]
fn a_full_concurrent_setup_keeps_every_order_the_apis_need() {
    let moto = Moto::start();
    let (xray, logs) = (XrayFake::start(), FaultProxy::start(&moto.url));
    let (team, rollbar) = (HoneycombTeam::start(), RollbarFake::start());
    for server in [&xray.server, &logs.server, &team.server, &rollbar.server] {
        server.set_delay(DELAY);
    }
    let sb = Sandbox::with_manifest(&format!("{XRAY_MANIFEST}{MANIFEST}"));
    let r = run(sb
        .o11y_aws(&moto.url)
        .env("AWS_ENDPOINT_URL_XRAY", xray.url())
        .env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", logs.url())
        .env("O11Y_POLL_MS", "20")
        .envs(team.management_env())
        .env("ROLLBAR_ENDPOINT", rollbar.endpoint())
        .env("ROLLBAR_ACCOUNT_ACCESS_TOKEN", ACCOUNT_TOKEN)
        .args(["setup", "-o", "json"]));
    r.code(0);
    let rows = r.json();
    let failed: Vec<&Value> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["action"] != "created" && o["action"] != "updated")
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    // The rows keep the manifest's order whatever order the calls took.
    let kinds: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["kind"].as_str().unwrap())
        .filter(|k| *k != "secret")
        .collect();
    let mut seen: Vec<&str> = kinds.clone();
    seen.dedup();
    assert_eq!(
        seen,
        [
            "xray group",
            "xray sampling rule",
            "logs resource policy",
            "xray segment destination",
            "xray indexing rule",
            "logs group",
            "honeycomb environment",
            "honeycomb api key",
            "honeycomb dataset",
            "honeycomb calculated field",
            "honeycomb recipient",
            "honeycomb trigger",
            "honeycomb slo",
            "honeycomb burn alert",
            "honeycomb marker setting",
            "rollbar project",
            "rollbar access token",
            "rollbar notification",
        ],
        "{rows:#}"
    );

    // Transaction Search: the logs resource policy (at moto) before X-Ray's destination.
    let (logs_seen, xray_seen) = (logs.server.requests(), xray.server.requests());
    let policy = first(&logs_seen, "PutResourcePolicy", |q| {
        operation(q) == "PutResourcePolicy"
    });
    let destination = first(&xray_seen, "UpdateTraceSegmentDestination", |q| {
        q.path == "/UpdateTraceSegmentDestination"
    });
    answered_before(policy, destination, "UpdateTraceSegmentDestination");

    // Honeycomb: the environment before its keys; each calculated field before the SLO whose SLI it is;
    // the recipient before the trigger and burn alert that name it; the SLO before its burn alert.
    let hc = team.server.requests();
    let post = |path: &str| {
        let path = path.to_string();
        move |q: &Request| q.method == "POST" && q.path == path
    };
    let environment = first(
        &hc,
        "environment POST",
        post("/2/teams/cruddur/environments"),
    );
    let keys: Vec<&Request> = hc
        .iter()
        .filter(|q| q.method == "POST" && q.path == "/2/teams/cruddur/api-keys")
        .collect();
    assert_eq!(keys.len(), 2);
    for key in keys {
        answered_before(environment, key, "an api-keys POST");
    }
    for (alias, slo) in [("sli_fast", "fast requests"), ("sli_ok", "good requests")] {
        let field = first(&hc, alias, |q| {
            post("/1/derived_columns/backend-flask")(q) && q.json()["alias"] == alias
        });
        let slo = first(&hc, slo, |q| {
            post("/1/slos/backend-flask")(q) && q.json()["name"] == slo
        });
        answered_before(field, slo, "an SLO POST");
        assert_eq!(slo.json()["sli"]["alias"], alias);
    }
    let recipient = first(&hc, "recipient POST", post("/1/recipients"));
    let trigger = first(&hc, "trigger POST", post("/1/triggers/backend-flask"));
    let slo = first(&hc, "SLO POST", post("/1/slos/backend-flask"));
    let burn = first(&hc, "burn alert POST", post("/1/burn_alerts/backend-flask"));
    answered_before(recipient, trigger, "the trigger POST");
    answered_before(recipient, burn, "the burn alert POST");
    let slos_answered = hc
        .iter()
        .filter(|q| post("/1/slos/backend-flask")(q))
        .map(|q| q.at)
        .max()
        .unwrap();
    assert!(burn.at >= slos_answered + DELAY);
    assert!(slo.at >= first(&hc, "dataset POST", post("/1/datasets")).at + DELAY);

    // Rollbar: the project before its tokens, the tokens before the rules they read and write.
    let rb = rollbar.server.requests();
    let project = first(&rb, "project POST", |q| {
        q.method == "POST" && q.path == "/api/1/projects"
    });
    let tokens: Vec<&Request> = rb
        .iter()
        .filter(|q| q.method == "POST" && q.path.ends_with("/access_tokens"))
        .collect();
    assert_eq!(tokens.len(), 3, "two of the manifest's and o11y's own");
    for t in &tokens {
        answered_before(project, t, "an access_tokens POST");
    }
    let rules: Vec<&Request> = rb
        .iter()
        .filter(|q| q.path.starts_with("/api/1/notifications/"))
        .collect();
    assert!(rules.len() >= 4, "a list and a create per channel");
    for rule in rules {
        for t in &tokens {
            answered_before(t, rule, "a notification rules call");
        }
    }
}

/// Six datasets, with a configuration key only (no environment to manage): `o11y setup --parallelism N`
/// against a team whose every answer takes 100 ms; the most requests it had in flight at once.
fn datasets_in_flight(parallelism: Option<&str>) -> usize {
    let team = HoneycombTeam::start();
    team.add_environment("cruddur-dev");
    let key = team.add_key(
        "cruddur-dev",
        "o11y configuration",
        "configuration",
        &["create_datasets"],
    );
    team.server.set_delay(Duration::from_millis(100));
    let datasets: String = (1..=6)
        .map(|i| format!("[[honeycomb.datasets]]\nname = \"service-{i}\"\n\n"))
        .collect();
    let sb = Sandbox::with_manifest(&format!("[honeycomb]\n\n{datasets}"));
    let mut cmd = sb.o11y();
    cmd.env("HONEYCOMB_API_ENDPOINT", team.url())
        .env("HONEYCOMB_API_KEY", key.secret)
        .arg("setup");
    if let Some(n) = parallelism {
        cmd.args(["--parallelism", n]);
    }
    let r: Run = run(&mut cmd);
    r.code(0);
    assert_eq!(r.stdout.matches("created").count(), 6, "{}", r.stdout);
    let names: Vec<String> = (1..=6).map(|i| format!("service-{i}")).collect();
    let shown: Vec<String> = r
        .stdout
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2).map(str::to_string))
        .filter(|n| n.starts_with("service-"))
        .collect();
    assert_eq!(shown, names, "the rows keep the manifest's order");
    let posts = team
        .writes()
        .iter()
        .filter(|w| *w == "POST /1/datasets")
        .count();
    assert_eq!(posts, 6);
    team.server.max_in_flight()
}

#[test]
fn independent_resources_are_ensured_at_most_parallelism_at_once() {
    assert_eq!(datasets_in_flight(Some("3")), 3, "--parallelism 3");
    assert_eq!(datasets_in_flight(Some("1")), 1, "--parallelism 1");
    assert_eq!(
        datasets_in_flight(None),
        6,
        "the default, 10, lets all six go"
    );
}
