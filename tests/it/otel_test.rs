//! `o11y otel test`, `doctor --send-test`'s OpenTelemetry rows and `logs put --otlp`: one item per signal
//! through exactly the app's settings, to the fakes of X-Ray's, CloudWatch Logs' and CloudWatch's OTLP
//! endpoints (each checking SigV4 for its own service), Honeycomb's receivers, or a collector stand-in that
//! fans out to them; read back where it went.

use crate::support;

use std::time::{Duration, Instant};

use opentelemetry_proto::tonic::collector::logs::v1::ExportLogsServiceRequest;
use opentelemetry_proto::tonic::collector::metrics::v1::ExportMetricsServiceRequest;
use opentelemetry_proto::tonic::common::v1::any_value::Value as AnyValue;
use prost::Message;
use serde_json::{json, Value};
use support::collector::{Collector, Exports};
use support::cwl_otlp::LogsOtlpFake;
use support::honeycomb::{HoneycombFake, INGEST_KEY, QUERY_KEY};
use support::logs::{unique, Logs};
use support::metrics_otlp::MetricsFake;
use support::moto::Moto;
use support::otlp::scope;
use support::server::Request;
use support::xray::XrayFake;
use support::{run, Run, Sandbox, SECRET_ACCESS_KEY, XRAY_MANIFEST};

/// The AWS fakes: X-Ray (Transaction Search on) at AWS_ENDPOINT_URL, CloudWatch Logs' OTLP endpoint in front
/// of moto at AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, CloudWatch metrics at AWS_ENDPOINT_URL_CLOUDWATCH; a log
/// group with a `default` stream.
struct Aws {
    xray: XrayFake,
    logs: LogsOtlpFake,
    metrics: MetricsFake,
    group: String,
}

impl Aws {
    fn start() -> Aws {
        let moto = Moto::shared();
        let group = unique("otel");
        let m = Logs::new(&moto.url);
        m.create_group(&group);
        m.create_stream(&group, "default");
        let xray = XrayFake::start();
        xray.set_destination("CloudWatchLogs", "ACTIVE");
        xray.ts(|t| t.delay = Duration::from_millis(200));
        Aws {
            xray,
            logs: LogsOtlpFake::start(&moto.url),
            metrics: MetricsFake::start(),
            group,
        }
    }

    /// o11y with the AWS fakes as the endpoint overrides, polling every 30 ms.
    fn o11y(&self, sb: &Sandbox) -> assert_cmd::Command {
        let mut cmd = sb.o11y_aws(self.xray.url());
        cmd.env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", self.logs.url())
            .env("AWS_ENDPOINT_URL_CLOUDWATCH", self.metrics.url())
            .env("O11Y_POLL_MS", "30");
        cmd
    }

    /// The app's variables as AWS's ADOT docs give them, each endpoint at its fake.
    fn app(&self, sb: &Sandbox) -> assert_cmd::Command {
        let mut cmd = self.o11y(sb);
        cmd.env("OTEL_PYTHON_DISTRO", "aws_distro")
            .env("OTEL_PYTHON_CONFIGURATOR", "aws_configurator")
            .env("OTEL_TRACES_EXPORTER", "otlp")
            .env("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf")
            .env(
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                format!("{}/v1/traces", self.xray.url()),
            )
            .env("OTEL_LOGS_EXPORTER", "otlp")
            .env("OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", "http/protobuf")
            .env(
                "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
                format!("{}/v1/logs", self.logs.url()),
            )
            .env(
                "OTEL_EXPORTER_OTLP_LOGS_HEADERS",
                format!("x-aws-log-group={},x-aws-log-stream=default", self.group),
            )
            .env("OTEL_METRICS_EXPORTER", "otlp")
            .env("OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "http/protobuf")
            .env(
                "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
                format!("{}/v1/metrics", self.metrics.url()),
            )
            .env("OTEL_RESOURCE_ATTRIBUTES", "service.name=backend-flask");
        cmd
    }
}

fn no_secret(r: &Run, more: &[&str]) {
    for out in [&r.stdout, &r.stderr] {
        assert!(
            !out.contains(SECRET_ACCESS_KEY),
            "the AWS secret was printed: {out}"
        );
        assert!(
            !out.contains("Signature="),
            "a signature was printed: {out}"
        );
        for s in more {
            assert!(!out.contains(s), "a secret was printed: {out}");
        }
    }
}

/// The signal's entry of `otel test -o json`.
fn signal<'a>(v: &'a Value, name: &str) -> &'a Value {
    v.as_array()
        .unwrap()
        .iter()
        .find(|s| s["signal"] == name)
        .unwrap_or_else(|| panic!("no {name} in {v:#}"))
}

/// The row of a backend in a signal's entry.
fn row<'a>(sig: &'a Value, backend: &str) -> &'a Value {
    sig["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["backend"] == backend)
        .unwrap_or_else(|| panic!("no {backend} row in {sig:#}"))
}

fn signed_for(req: &Request) -> (String, String) {
    let s = scope(req);
    (s[2].clone(), s[3].clone())
}

fn gunzip(b: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(b)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn every_signal_goes_through_the_apps_own_settings_to_aws_and_is_read_back_where_it_went() {
    let (sb, aws) = (Sandbox::new(), Aws::start());
    let r = run(aws
        .app(&sb)
        .args(["otel", "test", "--timeout", "20s", "-o", "json"]));
    r.code(0);
    no_secret(&r, &[]);
    let v = r.json();

    let traces = signal(&v, "traces");
    let x = row(traces, "xray");
    assert_eq!(x["status"], "ok", "{x}");
    assert_eq!(x["arrived"], true);
    assert!(x["arrived_after_ms"].as_u64().unwrap() >= 200, "{x}");
    assert_eq!(traces["sent"]["signed"], "SigV4 `xray` in us-east-1");
    let sent = aws.xray.requests_to("/v1/traces");
    assert_eq!(sent.len(), 1);
    assert_eq!(signed_for(&sent[0]), ("us-east-1".into(), "xray".into()));

    // Logs: gzipped (ADOT's log exporter always gzips), the two headers, SigV4 `logs`, and in moto.
    let logs = signal(&v, "logs");
    let l = row(logs, "cloudwatch-logs");
    assert_eq!(l["status"], "ok", "{l}");
    assert!(
        l["detail"]
            .as_str()
            .unwrap()
            .contains(&format!("arrived in {}/default", aws.group)),
        "{l}"
    );
    let body = logs["body"].as_str().unwrap();
    assert!(body.starts_with("o11y otel test "), "{body}");
    let got = aws.logs.accepted();
    assert_eq!(got.len(), 1);
    let q = &got[0];
    assert_eq!(signed_for(q), ("us-east-1".into(), "logs".into()));
    assert_eq!(q.header("content-encoding"), Some("gzip"));
    assert_eq!(q.header("content-type"), Some("application/x-protobuf"));
    assert_eq!(q.header("x-aws-log-group"), Some(aws.group.as_str()));
    assert_eq!(q.header("x-aws-log-stream"), Some("default"));
    let export = ExportLogsServiceRequest::decode(gunzip(&q.bytes).as_slice()).unwrap();
    let rec = &export.resource_logs[0].scope_logs[0].log_records[0];
    assert_eq!(
        rec.body.as_ref().and_then(|b| b.value.clone()),
        Some(AnyValue::StringValue(body.to_string()))
    );
    let events = Logs::new(&Moto::shared().url).call(
        "FilterLogEvents",
        json!({"logGroupName": aws.group, "logStreamNames": ["default"]}),
    );
    assert!(
        events["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["message"].as_str().unwrap().contains(body)),
        "{events}"
    );

    // Metrics: SigV4 `monitoring`, read back with the PromQL query API, also signed.
    let metrics = signal(&v, "metrics");
    let m = row(metrics, "cloudwatch-metrics");
    assert_eq!(m["status"], "ok", "{m}");
    let id = metrics["test_id"].as_str().unwrap();
    let posted = aws.metrics.requests_to("/v1/metrics");
    assert_eq!(posted.len(), 1);
    assert_eq!(
        signed_for(&posted[0]),
        ("us-east-1".into(), "monitoring".into())
    );
    let export = ExportMetricsServiceRequest::decode(posted[0].bytes.as_slice()).unwrap();
    let metric = &export.resource_metrics[0].scope_metrics[0].metrics[0];
    assert_eq!(metric.name, "o11y.test_metric");
    let queries = aws.metrics.requests_to("/api/v1/query");
    assert!(!queries.is_empty());
    assert_eq!(
        signed_for(&queries[0]),
        ("us-east-1".into(), "monitoring".into())
    );
    assert!(queries[0].query.contains(id), "{}", queries[0].query);

    // The table, and -v: what was called, never a secret.
    let r = run(aws
        .app(&sb)
        .args(["otel", "test", "--signal", "logs", "-v"]));
    r.code(0);
    no_secret(&r, &[]);
    assert!(
        r.stdout.contains(&format!("logs     {}/v1/logs (CloudWatch Logs' OTLP endpoint (us-east-1), by AWS_ENDPOINT_URL_CLOUDWATCH_LOGS): HTTP 200, 1 log record, x-protobuf", aws.logs.url())),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("  ✓ CloudWatch Logs  arrived in"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr
            .contains(&format!("o11y: -> POST {}/v1/logs", aws.logs.url())),
        "{}",
        r.stderr
    );
}

#[test]
fn honeycomb_takes_all_three_signals_and_each_is_found_in_its_dataset() {
    let (sb, hc) = (Sandbox::new(), HoneycombFake::start());
    let app = |sb: &Sandbox| {
        let mut cmd = sb.o11y();
        cmd.env("OTEL_EXPORTER_OTLP_ENDPOINT", hc.url())
            .env(
                "OTEL_EXPORTER_OTLP_HEADERS",
                format!("x-honeycomb-team={INGEST_KEY}"),
            )
            .env(
                "OTEL_EXPORTER_OTLP_METRICS_HEADERS",
                format!("x-honeycomb-team={INGEST_KEY},x-honeycomb-dataset=otel-metrics"),
            )
            .env("OTEL_SERVICE_NAME", "backend-flask")
            .env("HONEYCOMB_API_ENDPOINT", hc.url())
            .env("HONEYCOMB_API_KEY", QUERY_KEY)
            .env("O11Y_POLL_MS", "30");
        cmd
    };
    let r = run(app(&sb).args(["otel", "test", "--timeout", "10s", "-o", "json", "-v"]));
    r.code(0);
    no_secret(&r, &[&INGEST_KEY[32..], QUERY_KEY]);
    let v = r.json();
    for name in ["traces", "logs", "metrics"] {
        let h = row(signal(&v, name), "honeycomb");
        assert_eq!(h["status"], "ok", "{name}: {h}");
        assert!(h["arrived_after_ms"].is_u64(), "{h}");
    }
    assert!(row(signal(&v, "traces"), "honeycomb")["detail"]
        .as_str()
        .unwrap()
        .contains("a query found it"));
    assert!(row(signal(&v, "logs"), "honeycomb")["detail"]
        .as_str()
        .unwrap()
        .contains("a query found it"));
    assert!(row(signal(&v, "metrics"), "honeycomb")["detail"]
        .as_str()
        .unwrap()
        .contains("dataset `otel-metrics`"));
    // Protobuf, as the SDKs send by default; the key only in the metrics' own headers beside the dataset.
    let logs = hc.requests_to("/v1/logs");
    assert_eq!(logs.len(), 1);
    assert_eq!(
        logs[0].header("content-type"),
        Some("application/x-protobuf")
    );
    assert_eq!(logs[0].header("x-honeycomb-team"), Some(INGEST_KEY));
    assert_eq!(
        hc.requests_to("/v1/metrics")[0].header("x-honeycomb-dataset"),
        Some("otel-metrics")
    );
    // The body Honeycomb was asked about is the record's.
    let queries = hc.requests_to("/1/queries/backend-flask");
    assert!(
        queries
            .iter()
            .any(|q| q.json()["filters"][0]["column"] == "body"),
        "{queries:?}"
    );

    // http/json: the same items as OTLP/JSON from the generated types (ids hex, int64 as strings).
    let r = run(app(&sb)
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")
        .args(["otel", "test", "--signal", "logs", "--no-wait"]));
    r.code(0);
    let sent = hc.requests_to("/v1/logs");
    let last = sent.last().unwrap();
    assert_eq!(last.header("content-type"), Some("application/json"));
    let rec = &last.json()["resourceLogs"][0]["scopeLogs"][0]["logRecords"][0];
    assert!(rec["timeUnixNano"].is_string(), "{rec}");
    assert_eq!(rec["traceId"].as_str().unwrap().len(), 32, "{rec}");
    assert_eq!(rec["severityNumber"], 9);
}

#[test]
fn a_partial_success_an_unsigned_request_and_a_retry_after_past_the_timeout_fail_in_the_services_words(
) {
    let (sb, aws) = (Sandbox::new(), Aws::start());
    aws.logs.reject_next(
        1,
        "{\"tooOldLogEventCount\": 1, \"tooNewLogEventCount\": 0, \"expiredLogEventCount\": 0}",
    );
    let r = run(aws
        .app(&sb)
        .args(["otel", "test", "--signal", "logs", "-o", "json"]));
    r.code(1);
    let v = r.json();
    let sent = &signal(&v, "logs")["rows"][0];
    assert_eq!(sent["status"], "fail", "{sent}");
    assert!(
        sent["detail"]
            .as_str()
            .unwrap()
            .ends_with("accepted the request but rejected 1 log record(s): {\"tooOldLogEventCount\": 1, \"tooNewLogEventCount\": 0, \"expiredLogEventCount\": 0}"),
        "{sent}"
    );
    assert!(
        r.stderr.contains("o11y: error: 1 of 1 rows failed"),
        "{}",
        r.stderr
    );

    // 429 with a Retry-After past --timeout: not waited out, a failed row at once.
    aws.logs.throttle_next(120);
    let started = Instant::now();
    let r = run(aws
        .app(&sb)
        .args(["otel", "test", "--signal", "logs", "--timeout", "3s"]));
    r.code(1);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert!(
        r.stdout
            .contains("refused the log record (HTTP 429: Rate exceeded; Retry-After 120 s)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "fix: the endpoint asks to wait 120 s (Retry-After), longer than --timeout 3 s"
        ),
        "{}",
        r.stdout
    );

    // Without ADOT's configurator nothing signs: the endpoint's 401, and the fix names the route.
    let r = run(aws
        .app(&sb)
        .env_remove("OTEL_PYTHON_DISTRO")
        .args(["otel", "test", "--signal", "logs"]));
    r.code(1);
    assert!(
        r.stdout
            .contains("refused the log record (HTTP 401: Missing Authentication Token)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "fix: the app does not sign its requests: ADOT's configurator is not selected"
        ),
        "{}",
        r.stdout
    );
    let last = aws.logs.otlp_requests().pop().unwrap();
    assert!(
        last.header("authorization").is_none(),
        "sent unsigned, as the app would"
    );
}

/// A manifest of Honeycomb, the Cruddur X-Ray group and the log group with its stream.
fn collector_manifest(group: &str) -> String {
    format!(
        "{XRAY_MANIFEST}\n[[logs.groups]]\nname = \"{group}\"\nstreams = [\"default\"]\n\n[honeycomb]\nservice_name = \"backend-flask\"\n"
    )
}

#[test]
fn through_a_collector_each_configured_backend_is_read_back_and_a_dropped_one_fails_its_row() {
    let aws = Aws::start();
    let hc = HoneycombFake::start();
    let collector = Collector::start(Exports {
        honeycomb: Some((hc.url().into(), INGEST_KEY.into(), "otel-metrics".into())),
        xray: Some(aws.xray.url().into()),
        logs: Some((aws.logs.url().into(), aws.group.clone(), "default".into())),
        metrics: None,
    });
    let sb = Sandbox::with_manifest(&collector_manifest(&aws.group));
    let app = || {
        let mut cmd = aws.o11y(&sb);
        cmd.env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.url())
            .env("OTEL_SERVICE_NAME", "backend-flask")
            .env("HONEYCOMB_API_ENDPOINT", hc.url())
            .env("HONEYCOMB_API_KEY", QUERY_KEY);
        cmd
    };
    let r = run(app().args(["otel", "test", "--timeout", "15s", "-o", "json"]));
    r.code(0);
    no_secret(&r, &[&INGEST_KEY[32..], QUERY_KEY]);
    let v = r.json();
    let traces = signal(&v, "traces");
    assert_eq!(traces["destination"], "a collector on this machine");
    for (sig, backend) in [
        ("traces", "honeycomb"),
        ("traces", "xray"),
        ("logs", "honeycomb"),
        ("logs", "cloudwatch-logs"),
    ] {
        let x = row(signal(&v, sig), backend);
        assert_eq!(x["status"], "ok", "{sig} {backend}: {x}");
        assert!(x["arrived_after_ms"].is_u64(), "{x}");
    }
    // The collector's metrics dataset is its own setting: said, not guessed.
    let m = row(signal(&v, "metrics"), "honeycomb");
    assert_eq!(m["status"], "warn", "{m}");
    // What the collector forwarded: one copy of each item to each exporter.
    let fwd = collector.forwarded();
    assert!(fwd.contains(&("xray", "/v1/traces".into(), 200)), "{fwd:?}");
    assert!(fwd.contains(&("logs", "/v1/logs".into(), 200)), "{fwd:?}");

    // A collector that drops X-Ray: that row fails within the timeout, the others still arrive.
    collector.drop_exports_to("xray");
    let started = Instant::now();
    let r = run(app().args(["otel", "test", "--signal", "traces", "--timeout", "3s"]));
    r.code(1);
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );
    assert!(
        r.stdout
            .contains("  ✓ Honeycomb  arrived in dataset `backend-flask` after"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("  ✗ X-Ray      trace 1-"), "{}", r.stdout);
    assert!(r.stdout.contains("not found after 3 s"), "{}", r.stdout);
}

#[test]
fn doctor_send_test_sends_one_item_per_signal_the_app_names_with_a_row_per_backend() {
    let aws = Aws::start();
    let sb = Sandbox::with_manifest(&format!(
        "{XRAY_MANIFEST}\n[[logs.groups]]\nname = \"{}\"\nstreams = [\"default\"]\n",
        aws.group
    ));
    run(aws.app(&sb).args(["setup"])).code(0);
    let r = run(aws
        .app(&sb)
        .args(["doctor", "--send-test", "--timeout", "20s", "-o", "json"]));
    no_secret(&r, &[]);
    let v = r.json();
    let by = |name: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|c| c["check"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no `{name}` in {v:#}"))
    };
    for name in [
        "send-test otel traces xray",
        "send-test otel logs cloudwatch-logs",
        "send-test otel metrics cloudwatch-metrics",
    ] {
        let c = by(name);
        assert_eq!(c["status"], "ok", "{c}");
        assert!(c["arrived_after_ms"].is_u64(), "{c}");
    }
    for name in [
        "otel traces",
        "otel logs",
        "otel metrics",
        "otel logs log group",
        "otel traces transaction search",
    ] {
        assert_eq!(by(name)["status"], "ok", "{name}: {v:#}");
    }
    r.code(0);
    // The app's X-Ray span and o11y's own `send-test xray` span: two, each signed for xray.
    assert_eq!(aws.xray.requests_to("/v1/traces").len(), 2);
    assert_eq!(aws.logs.accepted().len(), 1);
}

#[test]
fn logs_put_otlp_sends_the_event_through_the_otlp_endpoint_and_finds_it_again() {
    let (sb, aws) = (Sandbox::new(), Aws::start());
    let r = run(aws.o11y(&sb).args([
        "logs",
        "put",
        &aws.group,
        "deploy 1.4.2 \"done\"",
        "--otlp",
        "--stream",
        "ci",
        "--timeout",
        "10s",
        "-o",
        "json",
    ]));
    r.code(0);
    no_secret(&r, &[]);
    let v = r.json();
    assert_eq!(v["via"], "otlp");
    assert_eq!(v["endpoint"], format!("{}/v1/logs", aws.logs.url()));
    assert_eq!(v["arrived"], true, "{v}");
    assert_eq!(
        v["stream_created"], true,
        "the OTLP endpoint creates no stream: o11y did"
    );
    let got = aws.logs.accepted();
    assert_eq!(got.len(), 1);
    assert_eq!(signed_for(&got[0]).1, "logs");
    assert_eq!(got[0].header("x-aws-log-stream"), Some("ci"));
    assert_eq!(got[0].header("content-encoding"), Some("gzip"));

    // A group that does not exist: the same error as PutLogEvents's, and nothing sent.
    let before = aws.logs.otlp_requests().len();
    let r = run(aws
        .o11y(&sb)
        .args(["logs", "put", "no-such-group-otlp", "x", "--otlp"]));
    r.code(1);
    assert!(
        r.stderr
            .contains("log group `no-such-group-otlp` does not exist"),
        "{}",
        r.stderr
    );
    assert_eq!(aws.logs.otlp_requests().len(), before);
}

#[test]
fn metrics_rejected_or_not_queryable_say_so_in_their_row_and_no_wait_reads_nothing() {
    let (sb, aws) = (Sandbox::new(), Aws::start());
    let metrics = |extra: &[&str]| {
        let r = run(aws
            .app(&sb)
            .args([
                "otel",
                "test",
                "--signal",
                "metrics",
                "--timeout",
                "3s",
                "-o",
                "json",
            ])
            .args(extra));
        let v = r.json();
        (r, signal(&v, "metrics")["rows"][0].clone())
    };
    aws.metrics
        .reject_next(1, "The data point is older than 14 days");
    let (r, row) = metrics(&[]);
    r.code(1);
    assert_eq!(row["status"], "fail");
    assert!(
        row["detail"]
            .as_str()
            .unwrap()
            .ends_with("accepted the request but rejected 1 data point(s): The data point is older than 14 days"),
        "{row}"
    );

    // Without the PromQL query API the data point is accepted but cannot be read back: a warning, exit 0.
    aws.metrics.without_promql();
    let (r, row) = metrics(&[]);
    r.code(0);
    assert_eq!(row["backend"], "cloudwatch-metrics");
    assert_eq!(row["status"], "warn", "{row}");
    assert_eq!(row["arrived"], Value::Null);
    assert!(
        row["detail"]
            .as_str()
            .unwrap()
            .contains("arrival was not checked"),
        "{row}"
    );

    // --no-wait: sent and accepted, nothing read back.
    let before = aws.metrics.requests_to("/api/v1/query").len();
    let (r, row) = metrics(&["--no-wait"]);
    r.code(0);
    assert!(row.is_null(), "no row but the send: {}", r.stdout);
    assert_eq!(aws.metrics.requests_to("/api/v1/query").len(), before);
    assert_eq!(r.json()[0]["sent"]["status"], 200);
}
