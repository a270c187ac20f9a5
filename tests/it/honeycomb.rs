//! `o11y honeycomb whoami | datasets | marker | test-span` against the Honeycomb fake (which is also the OTLP
//! receiver). What the user sees and what the server received are both checked; no key is ever shown.

use crate::support;

use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::{json, Value};
use support::honeycomb::*;
use support::server::Reply;
use support::{help, run, Run, Sandbox};

/// `o11y` pointed at the fake with `key` in HONEYCOMB_API_KEY.
fn hc(sb: &Sandbox, fake: &HoneycombFake, key: &str) -> Command {
    let mut cmd = sb.o11y();
    cmd.env("HONEYCOMB_API_ENDPOINT", fake.url())
        .env("HONEYCOMB_API_KEY", key);
    cmd
}

/// `o11y` with the app's OpenTelemetry variables aimed at the fake, sending `key` in x-honeycomb-team.
fn otel(sb: &Sandbox, fake: &HoneycombFake, key: &str) -> Command {
    let mut cmd = sb.o11y();
    cmd.env("OTEL_EXPORTER_OTLP_ENDPOINT", fake.url())
        .env(
            "OTEL_EXPORTER_OTLP_HEADERS",
            format!("x-honeycomb-team={key},x-note=two%20words%2C%20one%3Dcomma"),
        )
        .env("OTEL_SERVICE_NAME", "backend-flask")
        .env("O11Y_POLL_MS", "50");
    cmd
}

/// Assert that `text` (a command's stdout or stderr) contains `part`, showing the whole text when not.
fn has(text: &str, part: impl AsRef<str>) {
    let part = part.as_ref();
    assert!(text.contains(part), "expected {part:?} in:\n{text}");
}

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

// ---- whoami ----

#[test]
fn whoami_with_an_environment_key_shows_team_environment_kind_and_permissions() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let r = run(hc(&sb, &fake, ENV_KEY).args(["honeycomb", "whoami"]));
    r.code(0);
    has(&r.stdout, "team         Cruddur (cruddur)");
    has(&r.stdout, "environment  Production (production)");
    has(&r.stdout, "key          configuration key o11y…");
    has(&r.stdout, "key id       FL_xMM5LapLC");
    assert!(
        r.stdout
            .contains("permissions  events, markers, createDatasets\n"),
        "{}",
        r.stdout
    );
    has(&r.stdout, "not granted  triggers, boards");
    let sent = fake.requests_to("/1/auth");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "GET");
    assert_eq!(sent[0].header("x-honeycomb-team"), Some(ENV_KEY));
}

#[test]
fn whoami_with_a_classic_key_says_classic() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let r = run(hc(&sb, &fake, CLASSIC_KEY).args(["honeycomb", "whoami"]));
    r.code(0);
    has(&r.stdout, "environment  Classic (no environment)");
    assert!(
        r.stdout
            .contains("key          Classic configuration key c1a5…"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("key id"), "{}", r.stdout);
}

#[test]
fn whoami_with_an_ingest_key_shows_its_public_id_and_reads_the_older_spelling() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let r = run(hc(&sb, &fake, INGEST_KEY).args(["honeycomb", "whoami"]));
    r.code(0);
    assert!(
        r.stdout
            .contains(&format!("key          ingest key (US) {INGEST_KEY_ID}\n")),
        "{}",
        r.stdout
    );
    has(&r.stdout, "permissions  createDatasets\n");
    assert!(!r.stdout.contains("not granted"), "{}", r.stdout);
}

#[test]
fn whoami_json_is_the_response_plus_key_kind_and_the_masked_key() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let r = run(hc(&sb, &fake, ENV_KEY).args(["honeycomb", "whoami", "-o", "json"]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["key_kind"], "configuration");
    assert_eq!(v["key"], "o11y…");
    assert_eq!(v["id"], "FL_xMM5LapLC");
    assert_eq!(v["type"], "configuration");
    assert_eq!(v["team"], json!({"name": "Cruddur", "slug": "cruddur"}));
    assert_eq!(
        v["environment"],
        json!({"name": "Production", "slug": "production"})
    );
    assert_eq!(v["api_key_access"]["createDatasets"], true);
    assert_eq!(v["api_key_access"]["triggers"], false);

    let r = run(hc(&sb, &fake, INGEST_KEY).args(["honeycomb", "whoami", "-o", "json"]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["key_kind"], "ingest");
    assert_eq!(v["key"], INGEST_KEY_ID);
    assert_eq!(v.get("type"), None, "absent in the answer, absent in ours");
    assert_eq!(v["api_key_access"], json!({"createDatasets": true}));

    let r = run(hc(&sb, &fake, CLASSIC_KEY).args(["honeycomb", "whoami", "-o", "json"]));
    let v = r.json();
    assert_eq!(v["key_kind"], "classic_configuration");
    assert_eq!(v["environment"], json!({"name": "", "slug": ""}));
}

#[test]
fn whoami_with_a_management_key_asks_v2_auth_with_a_bearer_token() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let r = run(hc(&sb, &fake, MGMT_KEY).args(["honeycomb", "whoami"]));
    r.code(0);
    has(&r.stdout, "team         Cruddur (cruddur)");
    assert!(
        r.stdout
            .contains(&format!("management key {MGMT_KEY_ID} \"terraform\"")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("scopes       api-keys:read, environments:write"),
        "{}",
        r.stdout
    );
    let sent = fake.requests_to("/2/auth");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].header("x-honeycomb-team"), None);
    assert!(fake.requests_to("/1/auth").is_empty());

    let r = run(hc(&sb, &fake, MGMT_KEY).args(["honeycomb", "whoami", "-o", "json"]));
    let v = r.json();
    assert_eq!(v["key_kind"], "management");
    assert_eq!(v["data"]["attributes"]["key_type"], "management");
}

/// Issue 14 item 6: a key's third character is no reason to refuse it; Honeycomb's answer decides.
#[test]
fn an_ingest_key_that_looks_like_the_other_regions_is_asked_about_not_refused() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    // The fake does not know the EU-looking key: Honeycomb's 401 is what the user sees (exit 1, not 2).
    let r = run(hc(&sb, &fake, EU_INGEST_KEY).args(["honeycomb", "whoami"]));
    r.code(1);
    has(
        &r.stderr,
        "Honeycomb did not accept the key hcbik_01j1824es7n4evcmv81cn392jb",
    );
    has(&r.stderr, "https://api.eu1.honeycomb.io");
    assert_eq!(
        fake.requests_to("/1/auth").len(),
        1,
        "the key was asked about"
    );
    // An ingest key test-span sends with, whatever its third character: sent and accepted.
    let r = run(otel(&sb, &fake, INGEST_KEY)
        .env(
            "OTEL_EXPORTER_OTLP_HEADERS",
            format!("x-honeycomb-team={INGEST_KEY}"),
        )
        .args(["honeycomb", "test-span", "--no-wait"]));
    r.code(0);
    assert!(!r.stderr.contains("looks like"), "{}", r.stderr);
}

#[test]
fn no_key_is_a_usage_error_naming_the_variable() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    for cmd in [
        vec!["honeycomb", "whoami"],
        vec!["honeycomb", "datasets"],
        vec!["honeycomb", "marker", "backend-flask", "-m", "deploy"],
    ] {
        let r = run(sb
            .o11y()
            .env("HONEYCOMB_API_ENDPOINT", fake.url())
            .args(&cmd));
        r.code(2);
        has(&r.stderr, "o11y: error: no Honeycomb API key");
        has(&r.stderr, "HONEYCOMB_API_KEY");
    }
    let r = run(hc(&sb, &fake, &format!("{ENV_KEY}\n")).args(["honeycomb", "whoami"]));
    r.code(2);
    has(&r.stderr, "contains whitespace");
    assert!(fake.server.requests().is_empty());
}

#[test]
fn an_unknown_key_is_not_accepted_with_the_masked_key_and_a_hint() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let r = run(hc(&sb, &fake, UNKNOWN_KEY).args(["honeycomb", "whoami"]));
    r.code(1);
    has(&r.stderr, "o11y: error: Honeycomb did not accept the key Unkn… (configuration key; HTTP 401: unknown API key - check your credentials)");
    assert!(
        r.stderr
            .contains("help: keys belong to one region and one environment"),
        "{}",
        r.stderr
    );
    has(&r.stderr, "https://api.eu1.honeycomb.io");
}

#[test]
fn a_429_is_waited_out_as_retry_after_asks_then_the_call_succeeds() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    fake.server.fail_next(
        1,
        Reply::json(429, json!({"error": "Rate Limited"})).header("Retry-After", "1"),
    );
    let r = run(hc(&sb, &fake, ENV_KEY).args(["honeycomb", "whoami"]));
    r.code(0);
    assert!(
        r.stderr
            .contains("rate limited by 127.0.0.1 (HTTP 429); waiting 1 s before retry 1 of 3"),
        "{}",
        r.stderr
    );
    assert_eq!(fake.requests_to("/1/auth").len(), 2);
    has(&r.stdout, "Production");
}

#[test]
fn a_429_that_does_not_end_fails_after_the_bounded_retries() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    fake.server.fail_next(
        10,
        Reply::json(429, json!({"error": "Rate Limited"})).header("Retry-After", "0"),
    );
    let r = run(hc(&sb, &fake, ENV_KEY).args(["honeycomb", "datasets"]));
    r.code(1);
    has(
        &r.stderr,
        "still rate limiting GET /1/datasets after 3 retries (HTTP 429: Rate Limited)",
    );
    assert_eq!(fake.requests_to("/1/datasets").len(), 4);
}

// ---- datasets ----

#[test]
fn datasets_lists_name_slug_and_last_written_sorted_by_name() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let r = run(hc(&sb, &fake, ENV_KEY).args(["honeycomb", "datasets"]));
    r.code(0);
    assert_eq!(
        r.stdout,
        "NAME               SLUG               LAST WRITTEN\n\
         backend-flask      backend-flask      2026-11-22T19:52:00Z\n\
         frontend-react-js  frontend-react-js  never\n"
    );
    let sent = fake.requests_to("/1/datasets");
    assert_eq!(sent[0].method, "GET");
    assert_eq!(sent[0].header("x-honeycomb-team"), Some(ENV_KEY));

    let r = run(hc(&sb, &fake, ENV_KEY).args(["honeycomb", "datasets", "-o", "json"]));
    r.code(0);
    let v = r.json();
    assert_eq!(v[0]["slug"], "backend-flask");
    assert_eq!(v[0]["last_written_at"], "2026-11-22T19:52:00Z");
    assert_eq!(v[1]["last_written_at"], Value::Null);
}

#[test]
fn datasets_and_markers_refuse_an_ingest_or_management_key_before_any_call() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    for key in [INGEST_KEY, MGMT_KEY] {
        let r = run(hc(&sb, &fake, key).args(["honeycomb", "datasets"]));
        r.code(2);
        has(&r.stderr, "needs a configuration key");
        let r = run(hc(&sb, &fake, key).args(["honeycomb", "marker", "__all__", "-m", "x"]));
        r.code(2);
    }
    assert!(fake.server.requests().is_empty());
}

// ---- marker ----

#[test]
fn marker_posts_message_type_and_url_and_prints_the_id() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let r = run(hc(&sb, &fake, ENV_KEY).args([
        "honeycomb",
        "marker",
        "backend-flask",
        "--message",
        "deploy 1.4.2",
        "--type",
        "deploy",
        "--url",
        "https://ci.example.com/builds/42",
    ]));
    r.code(0);
    assert_eq!(r.stdout, "d1c84ec0\n");
    assert!(
        r.stderr
            .contains("marker d1c84ec0 added to dataset `backend-flask`"),
        "{}",
        r.stderr
    );
    let sent = fake.requests_to("/1/markers/backend-flask");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "POST");
    assert_eq!(sent[0].header("x-honeycomb-team"), Some(ENV_KEY));
    assert!(sent[0]
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    assert_eq!(
        sent[0].json(),
        json!({"message": "deploy 1.4.2", "type": "deploy", "url": "https://ci.example.com/builds/42"}),
        "no start_time: Honeycomb places the marker when it arrives"
    );
    assert_eq!(fake.markers().len(), 1);
}

#[test]
fn an_environment_wide_marker_goes_to_all_and_json_echoes_the_marker() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let r = run(hc(&sb, &fake, ENV_KEY).args([
        "honeycomb",
        "marker",
        "__all__",
        "-m",
        "DB failover",
        "-o",
        "json",
    ]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["id"], "d1c84ec0");
    assert_eq!(v["message"], "DB failover");
    assert_eq!(v["dataset"], "__all__");
    assert_eq!(v["created_at"], "2026-11-25T12:00:00Z");
    let sent = fake.requests_to("/1/markers/__all__");
    assert_eq!(sent[0].json(), json!({"message": "DB failover"}));
}

#[test]
fn a_marker_for_a_missing_dataset_shows_honeycombs_error_and_the_fix() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let r = run(hc(&sb, &fake, ENV_KEY).args(["honeycomb", "marker", "no such/set", "-m", "x"]));
    r.code(1);
    assert!(
        r.stderr
            .contains("o11y: error: Honeycomb has no such dataset (HTTP 404: dataset not found)"),
        "{}",
        r.stderr
    );
    has(&r.stderr, "`o11y honeycomb datasets`");
    assert_eq!(fake.server.requests()[0].path, "/1/markers/no%20such%2Fset");
}

#[test]
fn other_errors_show_honeycombs_error_text() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    fake.server.fail_next(
        1,
        Reply::json(
            422,
            json!({"status": 422, "error": "The provided input is invalid.", "title": "t"}),
        ),
    );
    let r = run(hc(&sb, &fake, ENV_KEY).args(["honeycomb", "marker", "__all__", "-m", "x"]));
    r.code(1);
    has(&r.stderr, "o11y: error: Honeycomb: POST /1/markers/__all__ failed (HTTP 422: The provided input is invalid.)");
    assert_eq!(r.stdout, "");
}

#[test]
fn an_empty_message_or_dataset_is_a_usage_error() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    r_code2(run(hc(&sb, &fake, ENV_KEY).args([
        "honeycomb",
        "marker",
        "__all__",
        "-m",
        " ",
    ])));
    r_code2(run(hc(&sb, &fake, ENV_KEY).args([
        "honeycomb",
        "marker",
        "",
        "-m",
        "x",
    ])));
    r_code2(run(hc(&sb, &fake, ENV_KEY).args([
        "honeycomb",
        "marker",
        "__all__",
    ])));
    assert!(fake.server.requests().is_empty());
}

fn r_code2(r: Run) {
    r.code(2);
}

// ---- test-span ----

#[test]
fn test_span_sends_one_otlp_json_span_with_the_apps_headers() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let r = run(otel(&sb, &fake, INGEST_KEY).args(["honeycomb", "test-span"]));
    r.code(0);
    let sent = fake.requests_to("/v1/traces");
    assert_eq!(sent.len(), 1);
    let rq = &sent[0];
    assert_eq!(rq.method, "POST");
    assert_eq!(rq.header("content-type"), Some("application/json"));
    assert_eq!(rq.header("x-honeycomb-team"), Some(INGEST_KEY));
    assert_eq!(
        rq.header("x-note"),
        Some("two words, one=comma"),
        "percent-decoded"
    );

    let body = rq.json();
    let rs = &body["resourceSpans"];
    assert_eq!(rs.as_array().unwrap().len(), 1);
    assert_eq!(
        rs[0]["resource"]["attributes"],
        json!([{"key": "service.name", "value": {"stringValue": "backend-flask"}}])
    );
    let ss = &rs[0]["scopeSpans"];
    assert_eq!(ss[0]["scope"]["name"], "o11y");
    assert_eq!(ss[0]["scope"]["version"], env!("CARGO_PKG_VERSION"));
    let spans = ss[0]["spans"].as_array().unwrap();
    assert_eq!(spans.len(), 1);
    let span = &spans[0];
    let trace_id = span["traceId"].as_str().unwrap();
    assert!(is_hex(trace_id, 32), "{trace_id}");
    assert!(is_hex(span["spanId"].as_str().unwrap(), 16), "{span}");
    assert_eq!(span["name"], "o11y test-span");
    assert_eq!(span["kind"], 1, "SPAN_KIND_INTERNAL, as the enum's number");
    let start: u64 = span["startTimeUnixNano"].as_str().unwrap().parse().unwrap();
    let end: u64 = span["endTimeUnixNano"].as_str().unwrap().parse().unwrap();
    assert!(start < end && end - start == 25_000_000, "{start} {end}");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    assert!(
        end <= now && now - end < 600_000_000_000,
        "the span ended just now"
    );
    assert_eq!(
        span["attributes"][0],
        json!({"key": "o11y.test_span", "value": {"boolValue": true}})
    );

    has(&r.stdout, format!("trace id  {trace_id}"));
    assert!(
        r.stdout
            .contains(&format!("1 span to {}/v1/traces (HTTP 200)", fake.url())),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("service   backend-flask (from OTEL_SERVICE_NAME)"),
        "{}",
        r.stdout
    );
    has(
        &r.stdout,
        format!("dataset `backend-flask`, WHERE trace.trace_id = {trace_id}"),
    );
}

#[test]
fn test_span_json_and_the_service_flag() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let r = run(otel(&sb, &fake, ENV_KEY).args([
        "honeycomb",
        "test-span",
        "--service",
        "worker",
        "-o",
        "json",
    ]));
    r.code(0);
    let v = r.json();
    let sent = fake.requests_to("/v1/traces")[0].json();
    let span = &sent["resourceSpans"][0]["scopeSpans"][0]["spans"][0];
    assert_eq!(v["traceId"], span["traceId"]);
    assert_eq!(v["spanId"], span["spanId"]);
    assert_eq!(v["service_name"], "worker");
    assert_eq!(v["dataset"], "worker");
    assert_eq!(v["status"], 200);
    assert_eq!(
        sent["resourceSpans"][0]["resource"]["attributes"][0]["value"]["stringValue"],
        "worker"
    );
}

#[test]
fn test_span_uses_the_traces_endpoint_as_is_and_explains_a_404() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let r = run(otel(&sb, &fake, INGEST_KEY)
        .env(
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            format!("{}/custom", fake.url()),
        )
        .args(["honeycomb", "test-span"]));
    r.code(1);
    assert_eq!(fake.server.requests()[0].path, "/custom");
    has(&r.stderr, "there is no OTLP traces receiver at");
    has(
        &r.stderr,
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is used as is and must end in /v1/traces",
    );
}

#[test]
fn test_span_explains_a_401_for_the_key_in_x_honeycomb_team() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let r = run(otel(&sb, &fake, UNKNOWN_KEY).args(["honeycomb", "test-span"]));
    r.code(1);
    has(
        &r.stderr,
        "did not accept the key in x-honeycomb-team (HTTP 401: Unauthorized: unknown API key)",
    );
    assert!(
        r.stderr
            .contains("the configuration key Unkn… in OTEL_EXPORTER_OTLP_HEADERS is not valid"),
        "{}",
        r.stderr
    );

    let r = run(sb
        .o11y()
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", fake.url())
        .args(["honeycomb", "test-span", "--service", "s"]));
    r.code(1);
    has(
        &r.stderr,
        "no x-honeycomb-team header is set: set OTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team=",
    );
}

#[test]
fn test_span_without_an_endpoint_names_the_variables() {
    let r = run(Sandbox::new().o11y().args(["honeycomb", "test-span"]));
    r.code(2);
    has(&r.stderr, "no OTLP endpoint: neither OTEL_EXPORTER_OTLP_TRACES_ENDPOINT nor OTEL_EXPORTER_OTLP_ENDPOINT is set");
}

/// Issue 14 item 4: as the OpenTelemetry SDKs do, an entry without `=` is skipped with a warning naming its
/// position (never its text beyond 4 characters), and the span is still sent with the other headers.
#[test]
fn test_span_skips_a_header_entry_without_equals_and_still_sends() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let r = run(otel(&sb, &fake, ENV_KEY)
        .env(
            "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
            format!("x-honeycomb-team={INGEST_KEY},x-honeycomb-team:{ENV_KEY}"),
        )
        .args(["honeycomb", "test-span", "--no-wait"]));
    r.code(0);
    has(
        &r.stderr,
        "o11y: warning: OTEL_EXPORTER_OTLP_TRACES_HEADERS: entry 2 (`x-ho…`) has no `=` and is skipped",
    );
    assert!(!r.stderr.contains(ENV_KEY), "{}", r.stderr);
    let sent = fake.requests_to("/v1/traces");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].header("x-honeycomb-team"), Some(INGEST_KEY));
}

// ---- test-span read-back ----

/// test-span with the app's ingest key in x-honeycomb-team and `reader` in HONEYCOMB_API_KEY, both at the fake.
fn read_back(sb: &Sandbox, fake: &HoneycombFake, reader: &str) -> Command {
    let mut cmd = otel(sb, fake, INGEST_KEY);
    cmd.env("HONEYCOMB_API_ENDPOINT", fake.url())
        .env("HONEYCOMB_API_KEY", reader);
    cmd
}

fn sent_trace_id(fake: &HoneycombFake) -> String {
    let sent = fake.requests_to("/v1/traces");
    assert_eq!(sent.len(), 1);
    sent[0].json()["resourceSpans"][0]["scopeSpans"][0]["spans"][0]["traceId"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn test_span_confirms_arrival_by_the_datasets_last_written_at_and_reports_the_delay_in_seconds() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    fake.set_arrival_delay(Duration::from_millis(1200));
    let r = run(read_back(&sb, &fake, ENV_KEY).args(["honeycomb", "test-span", "-o", "json"]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["arrived"], true, "{v}");
    assert_eq!(v["proof"], "dataset_last_written_at");
    assert!(v["proof_strength"].as_str().unwrap().starts_with("weak"));
    // Arrival 1.2 s after the send, kept to the second: 1 or 2 whole seconds.
    let ms = v["arrived_after_ms"].as_u64().unwrap();
    assert!(ms == 1000 || ms == 2000, "{ms}");
    assert_eq!(v["traceId"], sent_trace_id(&fake));
    // Polled until it moved: once before the span was visible, at least once after.
    let polls = fake.requests_to("/1/datasets/backend-flask");
    assert!(polls.len() >= 2, "{}", polls.len());
    assert!(polls
        .iter()
        .all(|p| p.header("x-honeycomb-team") == Some(ENV_KEY)));
    // ENV_KEY may not run queries: the Query Data API was not asked.
    assert!(fake
        .server
        .requests()
        .iter()
        .all(|q| !q.path.starts_with("/1/quer")));
    has(
        &r.stderr,
        "waiting up to 60 s for it in dataset `backend-flask`",
    );
    has(&r.stderr, "not there yet after");
    has(&r.stderr, "HONEYCOMB_API_KEY may not run queries (the Query Data API needs both Run Queries and Manage Queries and Columns");

    // The same in text, with no delay: within the same second.
    fake.set_arrival_delay(Duration::ZERO);
    fake.server.clear_requests();
    let r = run(read_back(&sb, &fake, ENV_KEY).args(["honeycomb", "test-span"]));
    r.code(0);
    has(&r.stdout, "arrived   yes, ");
    has(&r.stdout, "dataset written after the send; whole seconds");
}

#[test]
fn test_span_finds_the_exact_trace_id_where_the_key_may_query_and_the_query_data_api_answers() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    fake.set_arrival_delay(Duration::from_millis(1500));
    let r = run(read_back(&sb, &fake, QUERY_KEY).args(["honeycomb", "test-span", "-o", "json"]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["arrived"], true, "{v}");
    assert_eq!(v["proof"], "trace_id_query");
    assert!(v["proof_strength"].as_str().unwrap().starts_with("exact"));
    assert!(v["arrived_after_ms"].as_u64().unwrap() >= 1500, "{v}");
    let trace_id = sent_trace_id(&fake);
    let queries = fake.requests_to("/1/queries/backend-flask");
    assert_eq!(queries.len(), 1, "one query spec, run again until found");
    assert_eq!(
        queries[0].json()["filters"],
        json!([{"column": "trace.trace_id", "op": "=", "value": trace_id}])
    );
    let (start, end) = (
        queries[0].json()["start_time"].as_i64().unwrap(),
        queries[0].json()["end_time"].as_i64().unwrap(),
    );
    assert_eq!(
        end - start,
        60 + 240,
        "the timeout and two minutes either side"
    );
    let paths: Vec<String> = fake
        .server
        .requests()
        .iter()
        .map(|q| format!("{} {}", q.method, q.path))
        .collect();
    assert!(
        fake.requests_to("/1/query_results/backend-flask").len() >= 2,
        "{paths:?}"
    );
    assert!(fake.requests_to("/1/datasets/backend-flask").is_empty());

    // In text: the delay and the proof.
    fake.server.clear_requests();
    let r = run(read_back(&sb, &fake, QUERY_KEY).args(["honeycomb", "test-span"]));
    r.code(0);
    has(&r.stdout, "(a query found the trace id)");
}

#[test]
fn without_the_query_data_api_test_span_falls_back_to_the_dataset_and_says_why() {
    for (plan, code) in [
        (QueryPlan::Forbidden, "HTTP 403"),
        (QueryPlan::NotFound, "HTTP 404"),
    ] {
        let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
        fake.set_query_plan(plan);
        let r =
            run(read_back(&sb, &fake, QUERY_KEY).args(["honeycomb", "test-span", "-o", "json"]));
        r.code(0);
        assert_eq!(r.json()["proof"], "dataset_last_written_at");
        has(
            &r.stderr,
            format!("the Query Data API is not available to this key ({code}"),
        );
        has(&r.stderr, "Enterprise");
        assert_eq!(fake.requests_to("/1/queries/backend-flask").len(), 1);
        assert!(!fake.requests_to("/1/datasets/backend-flask").is_empty());
    }
}

#[test]
fn a_span_that_never_arrives_exits_1_within_the_timeout_with_what_was_seen() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    fake.drop_spans();
    let started = Instant::now();
    let r = run(read_back(&sb, &fake, ENV_KEY).args([
        "honeycomb",
        "test-span",
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
    has(
        v["seen"].as_str().unwrap(),
        "dataset `backend-flask` was last written at",
    );
    has(
        &r.stderr,
        "o11y: error: the span did not arrive in dataset `backend-flask` within",
    );
    has(&r.stderr, "(before the span was sent at");
    assert!(fake.requests_to("/1/datasets/backend-flask").len() >= 3);

    // A dataset that does not exist (yet) is named as such.
    let r = run(read_back(&sb, &fake, QUERY_KEY).args([
        "honeycomb",
        "test-span",
        "--service",
        "never-seen",
        "--timeout",
        "500ms",
    ]));
    r.code(1);
    has(&r.stderr, "no event with trace.trace_id = ");
    fake.set_query_plan(QueryPlan::Forbidden);
    let r = run(read_back(&sb, &fake, ENV_KEY).args([
        "honeycomb",
        "test-span",
        "--service",
        "never-seen",
        "--timeout",
        "500ms",
    ]));
    r.code(1);
    has(&r.stderr, "there is no dataset `never-seen`");
}

#[test]
fn with_only_an_ingest_key_or_no_key_arrival_is_not_checked_and_that_is_said() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let r = run(read_back(&sb, &fake, INGEST_KEY).args(["honeycomb", "test-span", "-o", "json"]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["arrived"], Value::Null);
    assert_eq!(v["proof"], "none");
    has(
        v["unchecked_reason"].as_str().unwrap(),
        "HONEYCOMB_API_KEY is an ingest key",
    );
    let r = run(otel(&sb, &fake, INGEST_KEY).args(["honeycomb", "test-span"]));
    r.code(0);
    has(&r.stdout, "not checked: HONEYCOMB_API_KEY is not set");
    let r = run(read_back(&sb, &fake, ENV_KEY).args(["honeycomb", "test-span", "--no-wait"]));
    r.code(0);
    has(&r.stdout, "not checked (--no-wait)");
    // Nothing but the span itself was sent.
    assert!(fake
        .server
        .requests()
        .iter()
        .all(|q| q.path == "/v1/traces"));
}

#[test]
fn a_configuration_key_without_the_datasets_permission_cannot_check_and_says_which_permission() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    // The Classic key has no createDatasets and no queries: the span is sent, arrival is not checked.
    let r = run(otel(&sb, &fake, CLASSIC_KEY)
        .env("HONEYCOMB_API_ENDPOINT", fake.url())
        .env("HONEYCOMB_API_KEY", CLASSIC_KEY)
        .args(["honeycomb", "test-span", "-o", "json"]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["arrived"], Value::Null);
    has(
        v["unchecked_reason"].as_str().unwrap(),
        "lacks the Create Datasets permission (createDatasets) that Honeycomb's Datasets API requires",
    );
    assert_eq!(fake.requests_to("/v1/traces").len(), 1);
    assert!(fake.requests_to("/1/datasets/backend-flask").is_empty());
}

#[test]
fn a_span_sent_with_a_key_of_another_environment_fails_naming_both_environments() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let r = run(read_back(&sb, &fake, ENV_KEY)
        .env(
            "OTEL_EXPORTER_OTLP_HEADERS",
            format!("x-honeycomb-team={STAGING_INGEST_KEY}"),
        )
        .args(["honeycomb", "test-span"]));
    r.code(1);
    has(&r.stderr, "the span was sent with a key of environment `staging` of team `cruddur`, but HONEYCOMB_API_KEY belongs to environment `production`");
    has(&r.stderr, "help: use keys of the same environment");
    assert!(
        !r.stderr.contains(&STAGING_INGEST_KEY[32..]),
        "{}",
        r.stderr
    );
    assert_eq!(fake.requests_to("/v1/traces").len(), 1, "the span was sent");
}

/// The read-back's keys (the configuration key and the app's ingest key, both sent to /1/auth) appear in no
/// output: found, not found, another environment, with -v and -o json.
#[test]
fn no_key_appears_in_any_output_of_a_read_back() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let secrets = [ENV_KEY, QUERY_KEY, INGEST_SECRET, &STAGING_INGEST_KEY[32..]];
    let mut runs = Vec::new();
    for reader in [ENV_KEY, QUERY_KEY] {
        for extra in [&["-v"][..], &["-v", "-o", "json"]] {
            runs.push(run(read_back(&sb, &fake, reader)
                .args(["honeycomb", "test-span", "--timeout", "2s"])
                .args(extra)));
        }
    }
    runs.push(run(read_back(&sb, &fake, ENV_KEY)
        .env(
            "OTEL_EXPORTER_OTLP_HEADERS",
            format!("x-honeycomb-team={STAGING_INGEST_KEY}"),
        )
        .args(["honeycomb", "test-span", "-v"])));
    fake.drop_spans();
    runs.push(run(read_back(&sb, &fake, QUERY_KEY).args([
        "honeycomb",
        "test-span",
        "-v",
        "--timeout",
        "300ms",
    ])));
    for r in &runs {
        for s in secrets {
            assert!(
                !r.stdout.contains(s) && !r.stderr.contains(s),
                "a key was shown\n--- stdout\n{}\n--- stderr\n{}",
                r.stdout,
                r.stderr
            );
        }
    }
    assert_eq!(runs.iter().filter(|r| r.code == 0).count(), 4);
    // The keys were sent, so the checks could have failed.
    let sent = fake.server.requests();
    for key in [ENV_KEY, QUERY_KEY, INGEST_KEY, STAGING_INGEST_KEY] {
        assert!(sent
            .iter()
            .any(|q| q.header("x-honeycomb-team") == Some(key)));
    }
}

#[test]
fn a_bad_timeout_is_a_usage_error_before_anything_is_sent() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let r =
        run(read_back(&sb, &fake, ENV_KEY).args(["honeycomb", "test-span", "--timeout", "soon"]));
    r.code(2);
    has(&r.stderr, "--timeout: invalid duration `soon`");
    assert!(fake.server.requests().is_empty());
}

// ---- secrets ----

/// Every honeycomb command, in success and failure, with -v and -o json: neither a whole key nor its secret
/// part appears in stdout or stderr.
#[test]
fn no_key_appears_in_any_output_of_any_command() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    let secrets = [
        ENV_KEY,
        CLASSIC_KEY,
        INGEST_KEY,
        INGEST_SECRET,
        MGMT_KEY,
        &MGMT_KEY[33..],
        UNKNOWN_KEY,
    ];
    let check = |what: &str, r: &Run| {
        for s in secrets {
            assert!(
                !r.stdout.contains(s) && !r.stderr.contains(s),
                "{what}: a secret was shown\n--- stdout\n{}\n--- stderr\n{}",
                r.stdout,
                r.stderr
            );
        }
    };
    let commands: [&[&str]; 5] = [
        &["honeycomb", "whoami"],
        &["honeycomb", "datasets"],
        &[
            "honeycomb",
            "marker",
            "backend-flask",
            "-m",
            "deploy",
            "--type",
            "deploy",
        ],
        &["honeycomb", "marker", "missing", "-m", "deploy"],
        &["honeycomb", "test-span"],
    ];
    for key in [ENV_KEY, CLASSIC_KEY, INGEST_KEY, MGMT_KEY, UNKNOWN_KEY] {
        for args in commands {
            for extra in [&[][..], &["-v"], &["-o", "json", "-v"]] {
                let r = run(otel(&sb, &fake, key)
                    .env("HONEYCOMB_API_ENDPOINT", fake.url())
                    .env("HONEYCOMB_API_KEY", key)
                    .args(args)
                    .args(extra));
                check(&format!("{args:?} {extra:?} with {}", &key[..4]), &r);
            }
        }
        // The key on the command line, and a server that echoes it back in its error.
        fake.server.fail_next(
            1,
            Reply::json(401, json!({"error": format!("unknown API key {key}")})),
        );
        let r = run(sb.o11y().env("HONEYCOMB_API_ENDPOINT", fake.url()).args([
            "honeycomb",
            "whoami",
            "-v",
            "--api-key",
            key,
        ]));
        check("an echoed key", &r);
        fake.server.fail_next(
            1,
            Reply::json(401, json!({"message": format!("unknown API key {key}")})),
        );
        let r = run(otel(&sb, &fake, key).args(["honeycomb", "test-span", "-v"]));
        check("an echoed key from the OTLP receiver", &r);
        // 429s, then a region mismatch, with -v.
        fake.server.fail_next(
            1,
            Reply::json(429, json!({"error": "Rate Limited"})).header("Retry-After", "0"),
        );
        let r = run(hc(&sb, &fake, key).args(["honeycomb", "whoami", "-v"]));
        check("a 429", &r);
    }
    let r = run(hc(&sb, &fake, EU_INGEST_KEY).args(["honeycomb", "whoami", "-v"]));
    r.code(1);
    check("a key of the other region", &r);
    assert!(!r.stderr.contains(&EU_INGEST_KEY[32..]), "{}", r.stderr);

    // --help never shows the variable's value.
    for args in [
        &["honeycomb", "--help"][..],
        &["honeycomb", "whoami", "--help"],
        &["honeycomb", "whoami", "-h"],
    ] {
        let r = run(hc(&sb, &fake, ENV_KEY).args(args));
        r.code(0);
        has(&r.stdout, "HONEYCOMB_API_KEY");
        check("--help", &r);
    }
    // The key was sent, so the checks above could have failed.
    assert!(fake
        .server
        .requests()
        .iter()
        .any(|rq| rq.header("x-honeycomb-team") == Some(ENV_KEY)));
}

// ---- help ----

const COMMANDS: [&[&str]; 4] = [
    &["honeycomb", "whoami"],
    &["honeycomb", "datasets"],
    &["honeycomb", "marker"],
    &["honeycomb", "test-span"],
];

#[test]
fn every_honeycomb_command_help_has_a_pasteable_example_and_names_its_api() {
    for (args, api) in COMMANDS.iter().zip([
        "GET /1/auth",
        "GET /1/datasets",
        "POST /1/markers/",
        "/v1/traces",
    ]) {
        let h = help(args);
        assert!(
            h.contains(&format!("Examples:\n  o11y {}", args.join(" "))),
            "{args:?}:\n{h}"
        );
        assert!(h.contains(api), "{args:?} does not name {api}:\n{h}");
    }
}

/// Regression: `last_written_at` has whole seconds, so a write earlier in the second of the send passed for the
/// span ("arrived after 0.0 s") though the span never arrived. The span is now sent only once the clock is past
/// the second the dataset was last written in.
#[test]
fn a_dataset_written_earlier_in_the_second_of_the_send_is_not_taken_for_the_span() {
    let (sb, fake) = (Sandbox::new(), HoneycombFake::start());
    fake.drop_spans();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    // Written "now" and, to make the race certain, in the next second too.
    fake.spans.lock().unwrap().written.insert(
        ("production".to_string(), "backend-flask".to_string()),
        now + 1,
    );
    let r = run(read_back(&sb, &fake, ENV_KEY).args([
        "honeycomb",
        "test-span",
        "--timeout",
        "1s",
        "-o",
        "json",
    ]));
    r.code(1);
    assert_eq!(r.json()["arrived"], false, "{}", r.stdout);
}
