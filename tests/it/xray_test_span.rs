//! `o11y xray test-span` against the X-Ray fake: an OTLP/HTTP protobuf span, SigV4-signed for `xray`, to the
//! fake's `/v1/traces`, read back through a retrieval (Transaction Search); or a segment through a UDP
//! listener standing in for the daemon, read back with BatchGetTraces or a retrieval.

use crate::support;

use std::time::{Duration, Instant};

use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::common::v1::any_value::Value as AnyValue;
use prost::Message;
use serde_json::{json, Value};
use support::xray::XrayFake;
use support::{run, Run, Sandbox, SECRET_ACCESS_KEY};

/// A fake with Transaction Search on.
fn ts_fake() -> XrayFake {
    let fake = XrayFake::start();
    fake.set_destination("CloudWatchLogs", "ACTIVE");
    fake
}

/// `o11y xray test-span ARGS`, polling every 20 ms.
fn test_span(sb: &Sandbox, fake: &XrayFake, args: &[&str]) -> Run {
    run(sb
        .o11y_aws(fake.url())
        .env("O11Y_POLL_MS", "20")
        .args(["xray", "test-span"])
        .args(args))
}

fn no_secret(r: &Run) {
    assert!(
        !r.stdout.contains(SECRET_ACCESS_KEY) && !r.stderr.contains(SECRET_ACCESS_KEY),
        "the secret key was printed"
    );
    assert!(!r.stderr.contains("Signature="), "{}", r.stderr);
}

#[test]
fn a_span_sent_to_the_otlp_endpoint_is_signed_for_xray_and_found_by_a_retrieval() {
    let (sb, fake) = (Sandbox::new(), ts_fake());
    fake.ts(|t| t.delay = Duration::from_millis(300));
    let r = test_span(
        &sb,
        &fake,
        &[
            "--service",
            "backend-flask",
            "--timeout",
            "10s",
            "-o",
            "json",
        ],
    );
    r.code(0);
    no_secret(&r);
    let v = r.json();
    let w3c = v["traceId"].as_str().unwrap();
    let xray = v["xrayTraceId"].as_str().unwrap();
    assert_eq!(w3c.len(), 32);
    assert_eq!(xray, format!("1-{}-{}", &w3c[..8], &w3c[8..]));
    let secs = i64::from_str_radix(&w3c[..8], 16).unwrap();
    assert!(
        (secs - chrono::Utc::now().timestamp()).abs() < 60,
        "the id carries the time"
    );
    assert_eq!(v["endpoint"], format!("{}/v1/traces", fake.url()));
    assert_eq!(v["via"], "otlp");
    assert_eq!(v["service_name"], "backend-flask");
    assert_eq!(v["read_with"], "StartTraceRetrieval + ListRetrievedTraces");
    let ms = v["arrived_after_ms"].as_u64().unwrap();
    assert!(
        (250..8000).contains(&ms),
        "arrival after the fake's delay: {ms}"
    );
    assert!(v.get("arrived").is_none());

    // What the OTLP endpoint received: one signed protobuf request with one span.
    let sent = fake.requests_to("/v1/traces");
    assert_eq!(sent.len(), 1);
    let req = &sent[0];
    assert_eq!(req.header("content-type"), Some("application/x-protobuf"));
    let auth = req.header("authorization").unwrap();
    let today = chrono::Utc::now().format("%Y%m%d");
    assert!(auth.contains(&format!(
        "Credential={}/{today}/us-east-1/xray/aws4_request",
        support::ACCESS_KEY_ID
    )));
    assert!(
        auth.contains("content-type") && auth.contains("x-amz-date"),
        "{auth}"
    );
    let export = ExportTraceServiceRequest::decode(req.bytes.as_slice()).unwrap();
    let rs = &export.resource_spans[0];
    let service = rs
        .resource
        .as_ref()
        .unwrap()
        .attributes
        .iter()
        .find(|a| a.key == "service.name");
    assert_eq!(
        service
            .and_then(|a| a.value.as_ref())
            .and_then(|v| v.value.clone()),
        Some(AnyValue::StringValue("backend-flask".into()))
    );
    let span = &rs.scope_spans[0].spans[0];
    let hex: String = span.trace_id.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, w3c);
    assert_eq!(span.name, "o11y test-span");
    assert!(span.end_time_unix_nano > span.start_time_unix_nano);

    // The read-back: the destination first, then retrievals of the X-Ray id until one found it.
    let calls = fake.calls();
    assert_eq!(calls[0], "/GetTraceSegmentDestination");
    assert_eq!(calls[1], "/v1/traces");
    let starts = fake.requests_to("/StartTraceRetrieval");
    assert!(
        starts.len() >= 2,
        "the first retrievals completed without it"
    );
    assert!(starts.iter().all(|s| s.json()["TraceIds"] == json!([xray])));
}

#[test]
fn the_text_output_shows_both_ids_and_the_arrival_time() {
    let (sb, fake) = (Sandbox::new(), ts_fake());
    let r = test_span(&sb, &fake, &["--timeout", "10s"]);
    r.code(0);
    let line = |k: &str| {
        r.stdout
            .lines()
            .find(|l| l.starts_with(k))
            .unwrap_or_else(|| panic!("no `{k}` line: {}", r.stdout))
            .to_string()
    };
    let w3c = line("trace id")
        .split_whitespace()
        .last()
        .unwrap()
        .to_string();
    assert_eq!(w3c.len(), 32);
    assert!(line("X-Ray id").ends_with(&format!("1-{}-{}", &w3c[..8], &w3c[8..])));
    assert!(line("service").ends_with("o11y-test-span"));
    assert!(line("sent").contains(&format!("to {}/v1/traces", fake.url())));
    assert!(line("segments go to").ends_with("CloudWatchLogs (ACTIVE)"));
    assert!(
        line("arrived").contains(" ms (read back with StartTraceRetrieval + ListRetrievedTraces)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains(&format!("sent trace {w3c} to ")),
        "{}",
        r.stderr
    );
}

#[test]
fn a_span_that_never_arrives_is_exit_1_with_what_was_seen() {
    let (sb, fake) = (Sandbox::new(), ts_fake());
    fake.ts(|t| t.never_arrive = true);
    let started = Instant::now();
    let r = test_span(&sb, &fake, &["--timeout", "1s", "-o", "json"]);
    r.code(1);
    assert!(started.elapsed() < Duration::from_secs(8), "bounded wait");
    let v = r.json();
    assert_eq!(v["arrived"], false);
    assert!(v.get("arrived_after_ms").is_none());
    let seen = v["last_seen"].as_str().unwrap();
    assert!(
        seen.starts_with("a completed retrieval without the trace"),
        "{seen}"
    );
    assert!(
        r.stderr.contains("o11y: error: the test span did not arrive within 1 s: the last look (StartTraceRetrieval + ListRetrievedTraces) found a completed retrieval without the trace"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("(searched 20"),
        "names the window: {}",
        r.stderr
    );
    assert_eq!(fake.requests_to("/v1/traces").len(), 1, "sent once");
    assert!(fake.requests_to("/StartTraceRetrieval").len() >= 2);
}

#[test]
fn with_transaction_search_off_nothing_is_sent() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let r = test_span(&sb, &fake, &[]);
    r.code(1);
    assert!(
        r.stderr
            .contains("o11y: error: Transaction Search is off (trace segments go to X-Ray)")
            && r.stderr.contains("nothing was sent")
            && r.stderr
                .contains("help: turn it on with `o11y xray transaction-search --enable`"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");
    assert_eq!(
        fake.calls(),
        ["/GetTraceSegmentDestination"],
        "the receiver got nothing"
    );
    assert_eq!(fake.state.lock().unwrap().ts.otlp_spans, 0);
}

#[test]
fn no_wait_stops_after_the_send() {
    let (sb, fake) = (Sandbox::new(), ts_fake());
    let r = test_span(&sb, &fake, &["--no-wait", "-o", "json"]);
    r.code(0);
    let v = r.json();
    assert!(
        v.get("arrived").is_none() && v.get("arrived_after_ms").is_none(),
        "{v}"
    );
    assert_eq!(fake.calls(), ["/GetTraceSegmentDestination", "/v1/traces"]);
}

#[test]
fn throttled_and_failing_calls_are_retried() {
    let (sb, fake) = (Sandbox::new(), ts_fake());
    fake.throttle_next_to("/GetTraceSegmentDestination", 1);
    fake.throttle_next_to("/v1/traces", 1);
    fake.fail_next_to("/StartTraceRetrieval", 1);
    fake.throttle_next_to("/ListRetrievedTraces", 2);
    let r = test_span(&sb, &fake, &["--timeout", "15s", "-o", "json"]);
    r.code(0);
    assert!(r.json()["arrived_after_ms"].is_u64());
    assert_eq!(
        fake.requests_to("/v1/traces").len(),
        2,
        "the throttled span was sent again"
    );
    assert!(
        r.stderr
            .contains("rate limited by 127.0.0.1 (HTTP 429); waiting 0 s before retry 1"),
        "{}",
        r.stderr
    );
    assert_eq!(fake.requests_to("/GetTraceSegmentDestination").len(), 2);
    // One 500 and its retry: the retrieval still started once.
    assert!(fake.requests_to("/StartTraceRetrieval").len() >= 2);
}

#[test]
fn the_service_words_are_shown_when_the_otlp_endpoint_refuses_the_span() {
    let (sb, fake) = (Sandbox::new(), ts_fake());
    // The fake accepts only signatures for another region.
    fake.state.lock().unwrap().region = "eu-west-1".into();
    let r = test_span(&sb, &fake, &[]);
    r.code(1);
    no_secret(&r);
    assert!(
        r.stderr.contains(&format!(
            "o11y: error: {}/v1/traces refused the span (HTTP 403: The request signature's credential scope is wrong: expected ",
            fake.url()
        )) && r.stderr.contains("/eu-west-1/xray/aws4_request)"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("help: "), "{}", r.stderr);
    assert!(fake.requests_to("/StartTraceRetrieval").is_empty());
}

#[test]
fn a_failed_retrieval_while_waiting_is_exit_1_and_says_so() {
    let (sb, fake) = (Sandbox::new(), ts_fake());
    fake.ts(|t| t.final_status = "FAILED".into());
    let r = test_span(&sb, &fake, &["--timeout", "5s"]);
    r.code(1);
    assert!(r.stderr.contains("ended FAILED"), "{}", r.stderr);
    assert!(!r.stderr.contains("not found"), "{}", r.stderr);
}

#[test]
fn the_endpoint_is_the_xray_override_plus_v1_traces() {
    let (sb, fake) = (Sandbox::new(), ts_fake());
    // AWS_ENDPOINT_URL_XRAY wins over AWS_ENDPOINT_URL (which points nowhere here).
    let r = run(sb
        .o11y_aws("http://127.0.0.1:9")
        .env("AWS_ENDPOINT_URL_XRAY", format!("{}/", fake.url()))
        .env("O11Y_POLL_MS", "20")
        .args(["xray", "test-span", "--no-wait", "-o", "json"]));
    r.code(0);
    assert_eq!(r.json()["endpoint"], format!("{}/v1/traces", fake.url()));
    assert_eq!(fake.requests_to("/v1/traces").len(), 1);
}

#[test]
fn a_segment_through_the_daemon_is_found_with_batch_get_traces_without_transaction_search() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let daemon = fake.daemon();
    fake.ts(|t| t.delay = Duration::from_millis(200));
    let r = test_span(
        &sb,
        &fake,
        &[
            "--daemon",
            &daemon.addr,
            "--service",
            "backend-flask",
            "-o",
            "json",
            "--timeout",
            "10s",
        ],
    );
    r.code(0);
    let v = r.json();
    assert_eq!(v["via"], "daemon");
    assert_eq!(v["endpoint"], format!("udp://{}", daemon.addr));
    assert_eq!(v["read_with"], "BatchGetTraces");
    assert!(v["arrived_after_ms"].as_u64().unwrap() >= 150);
    let datagrams = fake.state.lock().unwrap().ts.datagrams.clone();
    assert_eq!(datagrams.len(), 1);
    let (header, body) = datagrams[0].split_once('\n').unwrap();
    assert_eq!(header, r#"{"format": "json", "version": 1}"#);
    let seg: Value = serde_json::from_str(body).unwrap();
    assert_eq!(seg["trace_id"], v["xrayTraceId"]);
    assert_eq!(seg["name"], "backend-flask");
    assert_eq!(seg["id"], v["spanId"]);
    assert!(
        fake.requests_to("/Traces").len() >= 2,
        "polled until it arrived"
    );
    assert!(fake.requests_to("/v1/traces").is_empty());
}

#[test]
fn the_daemon_path_under_transaction_search_reads_back_by_retrieval_and_takes_the_sdks_variable() {
    let (sb, fake) = (Sandbox::new(), ts_fake());
    let daemon = fake.daemon();
    let r = run(sb
        .o11y_aws(fake.url())
        .env("O11Y_POLL_MS", "20")
        .env(
            "AWS_XRAY_DAEMON_ADDRESS",
            format!("tcp:{0} udp:{0}", daemon.addr),
        )
        .args([
            "xray",
            "test-span",
            "--daemon",
            "-o",
            "json",
            "--timeout",
            "10s",
        ]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["endpoint"], format!("udp://{}", daemon.addr));
    assert_eq!(v["read_with"], "StartTraceRetrieval + ListRetrievedTraces");
    assert!(v["arrived_after_ms"].is_u64());
    assert!(fake.requests_to("/Traces").is_empty());
}

#[test]
fn a_daemon_segment_that_never_arrives_is_exit_1() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let daemon = fake.daemon();
    fake.ts(|t| t.never_arrive = true);
    let r = test_span(
        &sb,
        &fake,
        &["--daemon", &daemon.addr, "--timeout", "500ms"],
    );
    r.code(1);
    assert!(
        r.stderr.contains("did not arrive within 0.5 s: the last look (BatchGetTraces) found BatchGetTraces without the trace"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("check that the daemon runs"),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("arrived ") && l.ends_with("  no")),
        "{}",
        r.stdout
    );
}

#[test]
fn bad_flags_exit_2_before_any_request() {
    let (sb, fake) = (Sandbox::new(), ts_fake());
    fake.assert_usage_errors(
        &sb,
        &[
            (
                vec!["xray", "test-span", "--timeout", "0s"],
                "--timeout must be more than 0",
            ),
            (
                vec!["xray", "test-span", "--timeout", "soon"],
                "invalid duration `soon`",
            ),
            (
                vec!["xray", "test-span", "--daemon", "xray-daemon"],
                "--daemon: `xray-daemon` is not HOST:PORT",
            ),
        ],
    );
    let r = run(sb
        .o11y_aws(fake.url())
        .env("AWS_XRAY_DAEMON_ADDRESS", "nonsense")
        .args(["xray", "test-span", "--daemon"]));
    r.code(2);
    assert!(
        r.stderr
            .contains("AWS_XRAY_DAEMON_ADDRESS: `nonsense` is not HOST:PORT"),
        "{}",
        r.stderr
    );
    assert!(fake.calls().is_empty());
}

#[test]
fn test_span_help_has_pasteable_examples() {
    let r = run(Sandbox::new().o11y().args(["xray", "test-span", "--help"]));
    r.code(0);
    assert!(
        r.stdout.contains("Examples:\n  o11y xray test-span "),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("--daemon [<HOST:PORT>]"), "{}", r.stdout);
}

#[test]
fn a_pending_transaction_search_is_a_warning_not_a_refusal() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    fake.set_destination("CloudWatchLogs", "PENDING");
    let r = test_span(&sb, &fake, &["--no-wait"]);
    r.code(0);
    assert!(
        r.stderr.contains("o11y: warning: Transaction Search is still PENDING: spans may not be searchable until it is ACTIVE"),
        "{}",
        r.stderr
    );
    assert_eq!(fake.requests_to("/v1/traces").len(), 1);
}

#[test]
fn the_fake_checks_the_whole_signature_so_another_secret_is_refused() {
    let (sb, fake) = (Sandbox::new(), ts_fake());
    let r = run(sb
        .o11y_aws(fake.url())
        .env(
            "AWS_SECRET_ACCESS_KEY",
            "another/secret/than/the/fake/knows/012345",
        )
        .args(["xray", "test-span"]));
    r.code(1);
    assert!(
        r.stderr.contains(
            "refused the span (HTTP 403: The request signature we calculated does not match the signature you provided)"
        ),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("another/secret"), "{}", r.stderr);
    assert_eq!(fake.state.lock().unwrap().ts.otlp_spans, 0);
}
