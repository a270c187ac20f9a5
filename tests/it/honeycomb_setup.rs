//! `o11y setup` and `o11y doctor` for `[honeycomb]` against the team fake (v2 management API and v1
//! configuration API, `tests/support/honeycomb_v2.rs` and `honeycomb_v1.rs`): what the user sees, what the
//! fake received, what the secrets file holds, and that no key's secret is ever shown.

use crate::support;

use assert_cmd::Command;
use support::honeycomb_v2::*;
use support::{run, Run, Sandbox};

/// A team's whole Honeycomb setup: environment, an ingest key for the app, a configuration key for o11y,
/// and every v1 resource kind.
pub const MANIFEST: &str = r##"[secrets]
file = ".env"

[honeycomb]
service_name = "backend-flask"
environment = "cruddur-dev"
description = "Cruddur, for development"
color = "green"

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
description = "the API"
expand_json_depth = 2

[[honeycomb.calculated_fields]]
dataset = "backend-flask"
alias = "sli_fast"
expression = "LT($duration_ms, 500)"

[[honeycomb.recipients]]
type = "email"
details = { email_address = "oncall@example.com" }

[[honeycomb.triggers]]
dataset = "backend-flask"
name = "errors"
query = { calculations = [{ op = "COUNT" }], filters = [{ column = "error", op = "exists" }, { column = "http.status_code", op = ">=", value = 500 }], filter_combination = "AND" }
frequency = 900
threshold = { op = ">", value = 5 }
recipients = ["oncall@example.com"]

[[honeycomb.slos]]
dataset = "backend-flask"
name = "fast requests"
sli = "sli_fast"
target_per_million = 999000
time_period_days = 30

[[honeycomb.burn_alerts]]
slo = "fast requests"
exhaustion_minutes = 240
recipients = ["oncall@example.com"]

[[honeycomb.marker_settings]]
dataset = "backend-flask"
type = "deploy"
color = "#F96E11"
"##;

/// `o11y` with the team's management key and endpoint.
fn o11y(sb: &Sandbox, team: &HoneycombTeam) -> Command {
    let mut cmd = sb.o11y();
    cmd.envs(team.management_env());
    cmd
}

/// The values of the team's keys (what must never be shown), and their secrets alone.
fn secrets(team: &HoneycombTeam) -> Vec<String> {
    let mut all = vec![MGMT_SECRET.to_string()];
    for k in team.keys() {
        all.push(k.value());
        all.push(k.secret.clone());
    }
    all
}

/// No secret of the team in what the user saw.
fn shows_no_secret(r: &Run, team: &HoneycombTeam) {
    for s in secrets(team) {
        assert!(!r.stdout.contains(&s), "a secret in stdout:\n{}", r.stdout);
        assert!(!r.stderr.contains(&s), "a secret in stderr:\n{}", r.stderr);
    }
}

/// The row of `kind name` in setup's table (its words), or an empty list.
fn row(out: &str, kind: &str, name: &str) -> Vec<String> {
    out.lines()
        .find(|l| l.starts_with(kind) && l[kind.len()..].trim_start().starts_with(name))
        .map(|l| {
            l[kind.len()..].trim_start()[name.len()..]
                .split_whitespace()
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The action (and changes) of a row, as text.
fn action(out: &str, kind: &str, name: &str) -> String {
    row(out, kind, name).join(" ")
}

fn env_file(sb: &Sandbox) -> String {
    std::fs::read_to_string(sb.home.path().join(".env")).unwrap_or_default()
}

const ROWS: [(&str, &str); 10] = [
    ("honeycomb environment", "cruddur-dev"),
    ("honeycomb api key", "backend-flask ingest"),
    ("honeycomb api key", "o11y configuration"),
    ("honeycomb dataset", "backend-flask"),
    ("honeycomb calculated field", "backend-flask/sli_fast"),
    ("honeycomb recipient", "email oncall@example.com"),
    ("honeycomb trigger", "backend-flask/errors"),
    ("honeycomb slo", "backend-flask/fast requests"),
    (
        "honeycomb burn alert",
        "fast requests: exhaustion_time 240 min",
    ),
    ("honeycomb marker setting", "backend-flask/deploy"),
];

#[test]
fn from_an_empty_team_setup_creates_everything_and_a_second_run_writes_nothing() {
    let (sb, team) = (Sandbox::with_manifest(MANIFEST), HoneycombTeam::start());
    team.set_page_cap(1); // every list takes several pages
    let r = run(o11y(&sb, &team).args(["setup", "-v"]));
    r.code(0);
    for (kind, name) in ROWS {
        assert_eq!(
            action(&r.stdout, kind, name),
            "created",
            "{kind} {name}:\n{}",
            r.stdout
        );
    }
    assert_eq!(
        action(&r.stdout, "secret", "HONEYCOMB_API_KEY in .env"),
        "created"
    );
    assert_eq!(
        action(&r.stdout, "secret", "HONEYCOMB_CONFIG_KEY in .env"),
        "created"
    );
    shows_no_secret(&r, &team);
    // The environment, its keys and the dataset come first, in that order; after the dataset, independent
    // kinds go at the same time (compared sorted), and the orders the API needs hold.
    let writes = team.writes();
    assert_eq!(
        writes[..4],
        [
            "POST /2/teams/cruddur/environments",
            "POST /2/teams/cruddur/api-keys",
            "POST /2/teams/cruddur/api-keys",
            "POST /1/datasets",
        ]
    );
    let mut rest = writes[4..].to_vec();
    rest.sort();
    assert_eq!(
        rest,
        [
            "POST /1/burn_alerts/backend-flask",
            "POST /1/derived_columns/backend-flask",
            "POST /1/marker_settings/backend-flask",
            "POST /1/recipients",
            "POST /1/slos/backend-flask",
            "POST /1/triggers/backend-flask",
        ]
    );
    let at = |w: &str| writes.iter().position(|x| x == w).unwrap();
    assert!(at("POST /1/derived_columns/backend-flask") < at("POST /1/slos/backend-flask"));
    assert!(at("POST /1/recipients") < at("POST /1/triggers/backend-flask"));
    assert!(at("POST /1/slos/backend-flask") < at("POST /1/burn_alerts/backend-flask"));
    // The keys' usable values are in the sink: the ingest key's id and secret, the configuration key's secret.
    let (ingest, config) = (
        team.key("backend-flask ingest"),
        team.key("o11y configuration"),
    );
    assert_eq!(
        env_file(&sb),
        format!(
            "HONEYCOMB_API_KEY={}{}\nHONEYCOMB_CONFIG_KEY={}\n",
            ingest.id, ingest.secret, config.secret
        )
    );
    use std::os::unix::fs::PermissionsExt as _;
    let mode = std::fs::metadata(sb.home.path().join(".env"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    // What the fake received: JSON:API bodies with the manifest's fields, the configuration key used for v1.
    let sent = team.server.requests();
    let env_create = sent
        .iter()
        .find(|q| q.path == "/2/teams/cruddur/environments" && q.method == "POST")
        .unwrap();
    assert_eq!(
        env_create.header("content-type"),
        Some("application/vnd.api+json")
    );
    assert_eq!(
        env_create.json()["data"]["attributes"],
        serde_json::json!({"name": "cruddur-dev", "description": "Cruddur, for development", "color": "green"})
    );
    assert_eq!(config.permissions.len(), 6, "{:?}", config.permissions);
    let trigger = sent
        .iter()
        .find(|q| q.path == "/1/triggers/backend-flask" && q.method == "POST")
        .unwrap();
    assert_eq!(
        trigger.header("x-honeycomb-team"),
        Some(config.secret.as_str())
    );
    let t = trigger.json();
    let recipient = &team.objects("recipients")[0];
    assert_eq!(
        t["recipients"],
        serde_json::json!([{"id": recipient["id"]}])
    );
    assert_eq!(t["query"]["time_range"], 900);
    assert_eq!(
        t["threshold"],
        serde_json::json!({"op": ">", "value": 5.0, "exceeded_limit": 1})
    );

    let before = team.writes().len();
    let r = run(o11y(&sb, &team).args(["setup", "-o", "json"]));
    r.code(0);
    let rows = r.json();
    assert_eq!(rows.as_array().unwrap().len(), 10, "{rows}");
    for v in rows.as_array().unwrap() {
        assert_eq!(v["action"], "unchanged", "{v}");
    }
    assert_eq!(
        team.writes().len(),
        before,
        "the second run wrote: {:?}",
        &team.writes()[before..]
    );
    // One key per page: both keys were found by following `links.next`.
    let pages = team.server.requests().into_iter().filter(|q| {
        q.path == "/2/teams/cruddur/api-keys"
            && q.query
                .replace("%5B", "[")
                .replace("%5D", "]")
                .contains("page[after]=")
    });
    assert!(pages.count() >= 1, "the pages were not followed");
}

#[test]
fn dry_run_lists_every_write_and_makes_none() {
    let (sb, team) = (Sandbox::with_manifest(MANIFEST), HoneycombTeam::start());
    let r = run(o11y(&sb, &team).args(["setup", "--dry-run"]));
    r.code(0);
    for (kind, name) in ROWS {
        assert_eq!(
            action(&r.stdout, kind, name),
            "would create",
            "{kind} {name}:\n{}",
            r.stdout
        );
    }
    assert!(
        r.stderr.contains("dry run: nothing was changed"),
        "{}",
        r.stderr
    );
    assert!(team.writes().is_empty(), "{:?}", team.writes());
    assert!(!sb.home.path().join(".env").exists());
    // After a real run, a changed manifest: the dry run names the change and still writes nothing.
    run(o11y(&sb, &team).args(["setup"])).code(0);
    sb.write(
        "o11y.toml",
        &MANIFEST.replace("value = 5 }", "value = 10 }"),
    );
    let before = team.writes().len();
    let r = run(o11y(&sb, &team).args(["setup", "--dry-run"]));
    r.code(0);
    assert_eq!(
        action(&r.stdout, "honeycomb trigger", "backend-flask/errors"),
        "would update threshold.value: 5.0 → 10.0"
    );
    assert_eq!(team.writes().len(), before);
}

#[test]
fn rotate_creates_a_new_key_stores_it_then_disables_the_old_one() {
    let (sb, team) = (Sandbox::with_manifest(MANIFEST), HoneycombTeam::start());
    run(o11y(&sb, &team).args(["setup"])).code(0);
    let old = team.key("backend-flask ingest");
    let before = team.writes().len();
    let r = run(o11y(&sb, &team).args(["setup", "--rotate", "backend-flask ingest", "-v"]));
    r.code(0);
    let new = team
        .keys()
        .into_iter()
        .find(|k| k.name == "backend-flask ingest" && k.id != old.id)
        .expect("a new key");
    assert_eq!(
        action(&r.stdout, "honeycomb api key", "backend-flask ingest"),
        format!("updated id: \"{}\" → \"{}\"", old.id, new.id)
    );
    assert_eq!(
        action(&r.stdout, "secret", "HONEYCOMB_API_KEY in .env"),
        "updated"
    );
    assert!(env_file(&sb).contains(&format!("HONEYCOMB_API_KEY={}\n", new.value())));
    assert!(!env_file(&sb).contains(&old.secret));
    let retired = team.keys().into_iter().find(|k| k.id == old.id).unwrap();
    assert!(retired.disabled);
    assert!(
        retired.name.starts_with("backend-flask ingest (rotated 20"),
        "{}",
        retired.name
    );
    assert_eq!(
        &team.writes()[before..],
        [
            "POST /2/teams/cruddur/api-keys".to_string(),
            format!("PATCH /2/teams/cruddur/api-keys/{}", old.id),
        ]
    );
    shows_no_secret(&r, &team);
    // The next run finds the one key of that name, and its value in the sink.
    let before = team.writes().len();
    let r = run(o11y(&sb, &team).args(["setup"]));
    r.code(0);
    assert_eq!(
        action(&r.stdout, "honeycomb api key", "backend-flask ingest"),
        "unchanged"
    );
    assert_eq!(team.writes().len(), before);
}

#[test]
fn a_key_whose_value_the_sink_lacks_is_a_failed_row_with_the_fix_never_a_second_key() {
    let (sb, team) = (Sandbox::with_manifest(MANIFEST), HoneycombTeam::start());
    team.add_environment("cruddur-dev");
    let made = team.add_key("cruddur-dev", "backend-flask ingest", "ingest", &[]);
    let r = run(o11y(&sb, &team).args(["setup"]));
    r.code(1);
    let line = action(&r.stdout, "honeycomb api key", "backend-flask ingest");
    assert!(
        line.starts_with(&format!(
            "failed key `backend-flask ingest` ({}) exists, but .env holds no value for HONEYCOMB_API_KEY",
            made.id
        )),
        "{}",
        r.stdout
    );
    assert_eq!(
        team.keys()
            .iter()
            .filter(|k| k.name == "backend-flask ingest")
            .count(),
        1,
        "a second key was made"
    );
    assert!(r.stderr.contains("resources failed"), "{}", r.stderr);
    // The JSON row carries the error; the fix is in the help of doctor's row.
    let r = run(o11y(&sb, &team).args(["doctor"]));
    assert!(
        r.stdout.contains("fix: o11y setup --rotate 'backend-flask ingest' (creates a new key, stores it, then disables the old one)"),
        "{}",
        r.stdout
    );
    // A stored value of another key is not this key's either.
    sb.write(
        ".env",
        &format!("HONEYCOMB_API_KEY=hcxik_{:026}ingestSecret{:020}\n", 99, 99),
    );
    let r = run(o11y(&sb, &team).args(["setup"]));
    assert!(
        action(&r.stdout, "honeycomb api key", "backend-flask ingest").contains(
            "HONEYCOMB_API_KEY in .env is another key (hcxik_00000000000000000000000099)"
        ),
        "{}",
        r.stdout
    );
    shows_no_secret(&r, &team);
}

#[test]
fn drift_made_on_the_server_is_updated_naming_the_field() {
    let (sb, team) = (Sandbox::with_manifest(MANIFEST), HoneycombTeam::start());
    run(o11y(&sb, &team).args(["setup"])).code(0);
    let env_id = team.environments()[0].id.clone();
    let config_id = team.key("o11y configuration").id;
    team.with_state(|s| {
        s.environments[0].color = "red".into();
        let k = s.keys.iter_mut().find(|k| k.id == config_id).unwrap();
        k.permissions.remove("manage_markers");
        let t = &mut s
            .v1
            .get_mut(&format!("triggers/{env_id}/backend-flask"))
            .unwrap()[0];
        t["threshold"]["value"] = serde_json::json!(50);
        t["query"]["filters"] = serde_json::json!([{"column": "error", "op": "exists"}]);
        let m = &mut s
            .v1
            .get_mut(&format!("marker_settings/{env_id}/backend-flask"))
            .unwrap()[0];
        m["color"] = serde_json::json!("#f96e11"); // the same colour in lower case: no change
        let d = &mut s.v1.get_mut(&format!("datasets/{env_id}")).unwrap()[0];
        d["expand_json_depth"] = serde_json::json!(0);
    });
    let before = team.writes().len();
    let r = run(o11y(&sb, &team).args(["setup"]));
    r.code(0);
    assert_eq!(
        action(&r.stdout, "honeycomb environment", "cruddur-dev"),
        "updated color: \"red\" → \"green\""
    );
    assert!(
        action(&r.stdout, "honeycomb api key", "o11y configuration")
            .starts_with("updated permissions: ["),
        "{}",
        r.stdout
    );
    let trigger = action(&r.stdout, "honeycomb trigger", "backend-flask/errors");
    assert!(
        trigger.starts_with("updated threshold.value: 50 → 5.0; query.filters: "),
        "{trigger}"
    );
    assert_eq!(
        action(&r.stdout, "honeycomb dataset", "backend-flask"),
        "updated expand_json_depth: 0 → 2"
    );
    assert_eq!(
        action(
            &r.stdout,
            "honeycomb marker setting",
            "backend-flask/deploy"
        ),
        "unchanged"
    );
    assert_eq!(
        &team.writes()[before..],
        [
            format!("PATCH /2/teams/cruddur/environments/{env_id}"),
            format!("PATCH /2/teams/cruddur/api-keys/{config_id}"),
            "PUT /1/datasets/backend-flask".to_string(),
            format!(
                "PUT /1/triggers/backend-flask/{}",
                team.objects(&format!("triggers/{env_id}/backend-flask"))[0]["id"]
                    .as_str()
                    .unwrap()
            ),
        ]
    );
    let patch = team
        .server
        .requests()
        .into_iter()
        .rev()
        .find(|q| q.path.ends_with(&config_id))
        .unwrap();
    assert_eq!(
        patch.json()["data"]["attributes"],
        serde_json::json!({"permissions": {"manage_markers": true}})
    );
    let before = team.writes().len();
    run(o11y(&sb, &team).args(["setup"])).code(0);
    assert_eq!(
        team.writes().len(),
        before,
        "{:?}",
        &team.writes()[before..]
    );
}

#[test]
fn doctor_reports_missing_and_drifted_resources_and_passes_after_setup_with_only_the_stored_keys() {
    let (sb, team) = (Sandbox::with_manifest(MANIFEST), HoneycombTeam::start());
    let r = run(o11y(&sb, &team).args(["doctor"]));
    r.code(1);
    assert!(
        r.stdout.contains("✗ honeycomb environment cruddur-dev"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("missing\n  fix: o11y setup"),
        "{}",
        r.stdout
    );
    assert!(team.writes().is_empty());
    run(o11y(&sb, &team).args(["setup"])).code(0);
    // The app's own settings, from the stored ingest key; no management key in this run.
    let ingest = team.key("backend-flask ingest").value();
    let doctor = |sb: &Sandbox| {
        let mut cmd = sb.o11y();
        cmd.env("HONEYCOMB_API_ENDPOINT", team.url())
            .env("OTEL_SERVICE_NAME", "backend-flask")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", team.url())
            .env(
                "OTEL_EXPORTER_OTLP_HEADERS",
                format!("x-honeycomb-team={ingest}"),
            )
            .arg("doctor");
        run(&mut cmd)
    };
    let r = doctor(&sb);
    r.code(0);
    for (kind, name) in ROWS {
        assert!(
            r.stdout.contains(&format!("✓ {kind} {name}")),
            "{kind} {name}:\n{}",
            r.stdout
        );
    }
    shows_no_secret(&r, &team);
    let auth = team
        .server
        .requests()
        .into_iter()
        .filter(|q| q.path == "/1/auth")
        .count();
    assert!(auth >= 2, "each stored key is checked with /1/auth");
    // Drift on the server: doctor names it, with the fix.
    let env_id = team.environments()[0].id.clone();
    team.with_state(|s| {
        let t = &mut s
            .v1
            .get_mut(&format!("triggers/{env_id}/backend-flask"))
            .unwrap()[0];
        t["frequency"] = serde_json::json!(1800);
        t["query"]["time_range"] = serde_json::json!(1800);
    });
    let r = doctor(&sb);
    r.code(1);
    assert!(
        r.stdout
            .contains("✗ honeycomb trigger backend-flask/errors")
            && r.stdout.contains(
                "differs: frequency: 1800 → 900; query.time_range: 1800 → 900\n  fix: o11y setup"
            ),
        "{}",
        r.stdout
    );
    // The management key in the app's secrets file is a warning.
    sb.write(
        ".env",
        &format!(
            "{}HONEYCOMB_KEY_ID={MGMT_ID}\nHONEYCOMB_KEY_SECRET={MGMT_SECRET}\n",
            env_file(&sb)
        ),
    );
    let r = doctor(&sb);
    assert!(
        r.stdout.contains("! security: honeycomb management key")
            && r.stdout.contains(
                "HONEYCOMB_KEY_ID and HONEYCOMB_KEY_SECRET are in `.env`, which the app loads"
            ),
        "{}",
        r.stdout
    );
    shows_no_secret(&r, &team);
}

#[test]
fn a_missing_permission_is_a_failed_row_naming_it_and_the_others_go_on() {
    let manifest = MANIFEST.replace("\"manage_triggers\", ", "");
    let (sb, team) = (Sandbox::with_manifest(&manifest), HoneycombTeam::start());
    let r = run(o11y(&sb, &team).args(["setup"]));
    r.code(1);
    assert_eq!(
        action(&r.stdout, "honeycomb trigger", "backend-flask/errors"),
        "failed the configuration key of environment cruddur-dev lacks the `manage_triggers` (Manage Triggers) permission"
    );
    assert_eq!(
        action(&r.stdout, "honeycomb slo", "backend-flask/fast requests"),
        "created"
    );
    assert!(
        !team.writes().iter().any(|w| w.contains("/1/triggers")),
        "{:?}",
        team.writes()
    );
    assert!(
        r.stderr.contains("1 of 12 resources failed"),
        "{}",
        r.stderr
    );
    // A 403 that /1/auth's flags did not predict is explained the same way, naming what the server said.
    team.with_state(|s| s.forbidden.push("/1/marker_settings".into()));
    let r = run(o11y(&sb, &team).args(["setup", "-o", "json"]));
    let rows = r.json();
    let m = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["kind"] == "honeycomb marker setting")
        .unwrap();
    assert_eq!(
        m["error"],
        "the configuration key of environment cruddur-dev lacks the `manage_markers` (Manage Markers) \
         permission (HTTP 403: API key does not have the required permission: Manage Markers)"
    );
}

#[test]
fn slos_refused_for_the_plan_are_failed_rows_that_say_so() {
    let (sb, team) = (Sandbox::with_manifest(MANIFEST), HoneycombTeam::start());
    team.set_plan(Plan::Free);
    let r = run(o11y(&sb, &team).args(["setup"]));
    r.code(1);
    let slo = action(&r.stdout, "honeycomb slo", "backend-flask/fast requests");
    assert!(
        slo.starts_with("failed Honeycomb refused to read the slo (HTTP 403: SLOs are not available for your team's plan")
            && slo.ends_with("SLOs and burn alerts are part of the Pro and Enterprise plans"),
        "{slo}"
    );
    let burn = action(
        &r.stdout,
        "honeycomb burn alert",
        "fast requests: exhaustion_time 240 min",
    );
    assert!(
        burn.starts_with("failed SLO `fast requests` failed: Honeycomb refused"),
        "{burn}"
    );
    assert_eq!(
        action(&r.stdout, "honeycomb trigger", "backend-flask/errors"),
        "created"
    );
    assert!(
        r.stderr.contains("2 of 12 resources failed"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_429_is_waited_out_as_the_server_asks() {
    use support::server::Reply;
    let (sb, team) = (Sandbox::with_manifest(MANIFEST), HoneycombTeam::start());
    // Retry-After as Honeycomb sends it (an HTTP date; this one has passed: no wait), then RateLimit's reset.
    team.server.fail_next(
        1,
        Reply::json(429, serde_json::json!({"errors": [{"id": "1", "code": "rate-limited/may-retry", "title": "request rate limit exceeded"}]}))
            .header("Retry-After", "Fri, 22 Mar 2024 18:37:53 GMT"),
    );
    team.server.fail_next(
        1,
        Reply::json(429, serde_json::json!({"status": 429, "type": "https://api.honeycomb.io/problems/rate-limited", "title": "rate limited", "error": "rate limited"}))
            .header("RateLimit", "limit=100, remaining=0, reset=0"),
    );
    let r = run(o11y(&sb, &team).args(["setup"]));
    r.code(0);
    assert_eq!(
        r.stderr
            .matches("rate limited by 127.0.0.1 (HTTP 429); waiting 0 s before retry")
            .count(),
        2,
        "{}",
        r.stderr
    );
    assert_eq!(
        action(&r.stdout, "honeycomb environment", "cruddur-dev"),
        "created"
    );
}

#[test]
fn two_server_objects_with_the_manifests_name_are_a_failed_row_naming_both() {
    let (sb, team) = (Sandbox::with_manifest(MANIFEST), HoneycombTeam::start());
    run(o11y(&sb, &team).args(["setup"])).code(0);
    let env_id = team.environments()[0].id.clone();
    let coll = format!("triggers/{env_id}/backend-flask");
    let (a, b) = team.with_state(|s| {
        let mut copy = s.v1[&coll][0].clone();
        copy["id"] = serde_json::json!("idDuplicate1");
        s.v1.get_mut(&coll).unwrap().push(copy);
        (
            s.v1[&coll][0]["id"].as_str().unwrap().to_string(),
            "idDuplicate1".to_string(),
        )
    });
    team.add_key("cruddur-dev", "o11y configuration", "configuration", &[]);
    let before = team.writes().len();
    let r = run(o11y(&sb, &team).args(["setup"]));
    r.code(1);
    assert_eq!(
        action(&r.stdout, "honeycomb trigger", "backend-flask/errors"),
        format!("failed 2 objects are named `backend-flask/errors` in Honeycomb ({a}, {b}): o11y does not guess which one is meant")
    );
    let keys = action(&r.stdout, "honeycomb api key", "o11y configuration");
    assert!(
        keys.starts_with("failed 2 keys of environment cruddur-dev are named `o11y configuration`"),
        "{keys}"
    );
    assert_eq!(team.writes().len(), before);
}

#[test]
fn a_management_key_without_the_scope_is_a_failed_row_naming_it() {
    let (sb, team) = (Sandbox::with_manifest(MANIFEST), HoneycombTeam::start());
    team.set_scopes(&["environments:read", "api-keys:read"]);
    let r = run(o11y(&sb, &team).args(["setup"]));
    r.code(1);
    assert!(
        action(&r.stdout, "honeycomb environment", "cruddur-dev").starts_with(&format!(
            "failed the management key {MGMT_ID} lacks the `environments:write` scope"
        )),
        "{}",
        r.stdout
    );
    assert!(team.writes().is_empty(), "{:?}", team.writes());
    // Without any management key: the rows say what to set.
    let r = run(sb
        .o11y()
        .env("HONEYCOMB_API_ENDPOINT", team.url())
        .args(["setup"]));
    r.code(1);
    assert!(
        action(&r.stdout, "honeycomb environment", "cruddur-dev").starts_with(
            "failed no management key: HONEYCOMB_KEY_ID and HONEYCOMB_KEY_SECRET are not set"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn bad_manifest_input_is_exit_2_with_file_line_and_key_before_any_request() {
    let team = HoneycombTeam::start();
    // (what, the manifest, the text of the line the error names, the error after `o11y.toml:LINE: `)
    let cases: [(&str, String, &str, &str); 10] = [
        (
            "unknown key",
            MANIFEST.replace("expand_json_depth = 2", "expand_json_dept = 2"),
            "expand_json_dept = 2",
            "unknown field `expand_json_dept`",
        ),
        (
            "a permission the API does not have",
            MANIFEST.replace("\"manage_slos\"", "\"manage_slo\""),
            "\"manage_slo\"",
            "honeycomb.api_keys[1].permissions[4]: `manage_slo` is not a permission of a configuration key in Honeycomb's API",
        ),
        (
            "an SLO target outside 0..999999",
            MANIFEST.replace("999000", "1000000"),
            "target_per_million",
            "honeycomb.slos[0].target_per_million: 1000000 is outside 0..999999",
        ),
        (
            "a burn alert without recipients",
            MANIFEST.replace(
                "exhaustion_minutes = 240\nrecipients = [\"oncall@example.com\"]",
                "exhaustion_minutes = 240",
            ),
            "[[honeycomb.burn_alerts]]",
            "honeycomb.burn_alerts[0].recipients: a burn alert needs at least one recipient",
        ),
        (
            "a trigger frequency that is not whole minutes",
            MANIFEST.replace("frequency = 900", "frequency = 90"),
            "frequency = 90",
            "honeycomb.triggers[0].frequency: 90 is not a multiple of 60 seconds",
        ),
        (
            "a trigger query with a limit",
            MANIFEST.replace(
                "filter_combination = \"AND\" }",
                "filter_combination = \"AND\", limit = 10 }",
            ),
            "limit = 10",
            "honeycomb.triggers[0].query.limit: a trigger's query may not have `limit`",
        ),
        (
            "a time range beyond 4 times the frequency",
            MANIFEST.replace("filter_combination = \"AND\" }", "time_range = 7200 }"),
            "time_range = 7200",
            "honeycomb.triggers[0].query.time_range: 7200 s: a trigger's time range is between its frequency (900 s) and 3600 s",
        ),
        (
            "a colour that is not an environment colour",
            MANIFEST.replace("color = \"green\"", "color = \"teal\""),
            "color = \"teal\"",
            "honeycomb.color: `teal` is not an environment colour",
        ),
        (
            "an ingest key with a configuration permission",
            MANIFEST.replace(
                "kind = \"ingest\"",
                "kind = \"ingest\"\npermissions = [\"manage_triggers\"]",
            ),
            "permissions = [\"manage_triggers\"]",
            "honeycomb.api_keys[0].permissions[0]: `manage_triggers` is not a permission of an ingest key",
        ),
        (
            "keys without [secrets]",
            MANIFEST.replace("[secrets]\nfile = \".env\"\n", ""),
            "[[honeycomb.api_keys]]",
            "honeycomb.api_keys[0]: o11y.toml has no [secrets]",
        ),
    ];
    for (what, manifest, line_text, error) in cases {
        let line = manifest
            .lines()
            .position(|l| l.contains(line_text))
            .unwrap_or_else(|| panic!("{what}: no line with {line_text}"))
            + 1;
        let sb = Sandbox::with_manifest(&manifest);
        let r = run(o11y(&sb, &team).args(["setup", "--dry-run"]));
        assert_eq!(r.code, 2, "{what}: {}", r.stderr);
        let want = format!("o11y: error: o11y.toml:{line}: {error}");
        assert!(
            r.stderr.starts_with(&want),
            "{what}: expected {want}\n{}",
            r.stderr
        );
    }
    assert!(
        team.server.requests().is_empty(),
        "{:?}",
        team.server.requests()
    );
}

/// Environment-wide resources, a webhook whose secret comes from a variable, a Slack recipient made in the
/// UI, a budget-rate burn alert; the key from HONEYCOMB_API_KEY (no keys in the manifest, so no [secrets]).
const ENV_WIDE: &str = r##"[honeycomb]
environment = "cruddur-dev"

[[honeycomb.calculated_fields]]
dataset = "__all__"
alias = "sli_ok"
expression = "LT($status_code, 500)"

[[honeycomb.recipients]]
type = "webhook"
details = { webhook_name = "pager bridge", webhook_url = "https://hooks.example.com/h", webhook_secret = "${HOOK_SECRET}" }

[[honeycomb.triggers]]
dataset = "__all__"
name = "slow"
query = { calculations = [{ op = "P99", column = "duration_ms" }], time_range = 1800 }
frequency = 600
threshold = { op = ">=", value = 2000, exceeded_limit = 2 }
alert_type = "on_true"
recipients = ["#cruddur-alerts", "pager bridge"]

[[honeycomb.slos]]
dataset = "__all__"
dataset_slugs = ["backend-flask"]
name = "ok"
sli = "sli_ok"
target_per_million = 995000
time_period_days = 7

[[honeycomb.burn_alerts]]
slo = "ok"
alert_type = "budget_rate"
budget_rate_window_minutes = 60
budget_rate_decrease_threshold_per_million = 10000
recipients = ["pager bridge"]
"##;

#[test]
fn environment_wide_resources_ui_recipients_and_secrets_from_variables() {
    let (sb, team) = (Sandbox::with_manifest(ENV_WIDE), HoneycombTeam::start());
    team.add_environment("cruddur-dev");
    let key = team.add_key(
        "cruddur-dev",
        "ops",
        "configuration",
        &[
            "manage_columns",
            "manage_recipients",
            "manage_triggers",
            "manage_slos",
        ],
    );
    let slack = team.with_state(|s| {
        let id = s.v1_id();
        s.v1.entry("recipients".into())
            .or_default()
            .push(serde_json::json!(
                {"id": id, "type": "slack", "details": {"slack_channel": "#cruddur-alerts"}}
            ));
        id
    });
    const HOOK: &str = "hookSecretNeverShown0123";
    let setup = |secret: &str| {
        run(o11y(&sb, &team)
            .env("HONEYCOMB_API_KEY", key.value())
            .env("HOOK_SECRET", secret)
            .args(["setup", "-v"]))
    };
    let r = setup(HOOK);
    r.code(0);
    for (kind, name) in [
        ("honeycomb calculated field", "__all__/sli_ok"),
        ("honeycomb recipient", "webhook pager bridge"),
        ("honeycomb trigger", "__all__/slow"),
        ("honeycomb slo", "__all__/ok"),
        (
            "honeycomb burn alert",
            "ok: budget_rate 10000 ppm in 60 min",
        ),
    ] {
        assert_eq!(
            action(&r.stdout, kind, name),
            "created",
            "{kind} {name}:\n{}",
            r.stdout
        );
    }
    assert!(!r.stdout.contains(HOOK) && !r.stderr.contains(HOOK));
    let hooks = team.objects("recipients");
    let hook = hooks.iter().find(|h| h["type"] == "webhook").unwrap();
    assert_eq!(
        hook["details"]["webhook_secret"], HOOK,
        "the variable's value was sent"
    );
    let env_id = team.environments()[0].id.clone();
    let trigger = &team.objects(&format!("triggers/{env_id}/__all__"))[0];
    let mut ids: Vec<&str> = trigger["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    ids.sort();
    let mut want = vec![slack.as_str(), hook["id"].as_str().unwrap()];
    want.sort();
    assert_eq!(ids, want, "the UI's Slack recipient and the webhook, by id");
    let slo = &team.objects(&format!("slos/{env_id}/__all__"))[0];
    let burn = &team.objects(&format!("burn_alerts/{env_id}/__all__"))[0];
    assert_eq!(burn["slo"]["id"], slo["id"]);
    assert_eq!(burn["budget_rate_decrease_threshold_per_million"], 10000);

    let before = team.writes().len();
    let r = setup(HOOK);
    r.code(0);
    assert_eq!(
        team.writes().len(),
        before,
        "{:?}\n{}",
        &team.writes()[before..],
        r.stdout
    );
    // A new secret in the variable: the recipient is updated, and neither value is shown.
    let r = setup("anotherHookSecret98765");
    r.code(0);
    assert_eq!(
        action(&r.stdout, "honeycomb recipient", "webhook pager bridge"),
        "updated details.webhook_secret: \"(secret)\" → \"(another secret)\""
    );
    for out in [&r.stdout, &r.stderr] {
        assert!(
            !out.contains("anotherHookSecret98765") && !out.contains(HOOK),
            "{out}"
        );
    }
    // Without the variable: that row fails naming it, the others go on.
    let r = run(o11y(&sb, &team)
        .env("HONEYCOMB_API_KEY", key.value())
        .args(["setup"]));
    r.code(1);
    assert_eq!(
        action(&r.stdout, "honeycomb recipient", "webhook pager bridge"),
        "failed details.webhook_secret names the variable HOOK_SECRET, which is not set"
    );
    assert_eq!(
        action(&r.stdout, "honeycomb slo", "__all__/ok"),
        "unchanged"
    );
}

#[test]
fn a_renamed_environment_is_created_anew_and_the_old_one_left_with_a_warning() {
    let (sb, team) = (Sandbox::with_manifest(MANIFEST), HoneycombTeam::start());
    run(o11y(&sb, &team).args(["setup"])).code(0);
    sb.write(
        "o11y.toml",
        &MANIFEST.replace(
            "environment = \"cruddur-dev\"",
            "environment = \"cruddur-staging\"",
        ),
    );
    let r = run(o11y(&sb, &team).args(["setup"]));
    r.code(0);
    assert_eq!(
        action(&r.stdout, "honeycomb environment", "cruddur-staging"),
        "created"
    );
    assert!(
        r.stderr.contains(
            "the stored keys are of environment `cruddur-dev`: Honeycomb cannot rename an environment, so \
             `cruddur-staging` is a new one and `cruddur-dev` stays as it is (o11y never deletes an environment)"
        ),
        "{}",
        r.stderr
    );
    assert_eq!(
        action(&r.stdout, "secret", "HONEYCOMB_API_KEY in .env"),
        "updated"
    );
    let names: Vec<String> = team.environments().into_iter().map(|e| e.name).collect();
    assert_eq!(names, ["cruddur-dev", "cruddur-staging"]);
    assert!(!team.writes().iter().any(|w| w.starts_with("DELETE")));
}

#[test]
fn a_dry_run_in_an_existing_environment_without_its_keys_yet_says_what_would_be_created() {
    let (sb, team) = (Sandbox::with_manifest(MANIFEST), HoneycombTeam::start());
    team.add_environment("cruddur-dev");
    let r = run(o11y(&sb, &team).args(["setup", "--dry-run"]));
    r.code(0);
    assert_eq!(
        action(&r.stdout, "honeycomb environment", "cruddur-dev"),
        "would update description: \"\" → \"Cruddur, for development\"; color: \"blue\" → \"green\""
    );
    for (kind, name) in &ROWS[1..] {
        assert_eq!(
            action(&r.stdout, kind, name),
            "would create",
            "{kind} {name}:\n{}",
            r.stdout
        );
    }
    assert!(team.writes().is_empty(), "{:?}", team.writes());
}
