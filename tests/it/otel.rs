//! `o11y otel` (what the app's exporters do, per signal) and doctor's OpenTelemetry rows: each silent-loss
//! setup fails (or warns) with its fix, as AWS's Python distro 0.21 decides whether to sign. No request goes
//! to an app's AWS endpoint here: doctor only reads the settings, asks X-Ray and CloudWatch Logs (the fakes)
//! and opens a TCP connection to collectors and to endpoints at the overrides.

use crate::support;

use std::net::TcpListener;

use serde_json::Value;
use support::cwl_otlp::LogsOtlpFake;
use support::honeycomb::{HoneycombFake, INGEST_KEY, INGEST_KEY_ID};
use support::logs::{unique, Logs};
use support::moto::Moto;
use support::xray::XrayFake;
use support::{run, Run, Sandbox, SECRET_ACCESS_KEY};

const ADOT: [(&str, &str); 2] = [
    ("OTEL_PYTHON_DISTRO", "aws_distro"),
    ("OTEL_PYTHON_CONFIGURATOR", "aws_configurator"),
];

/// X-Ray (Transaction Search on) at AWS_ENDPOINT_URL, CloudWatch Logs (moto behind the OTLP fake) at its own
/// override; a log group with a `default` stream.
struct Aws {
    xray: XrayFake,
    logs: LogsOtlpFake,
    group: String,
}

impl Aws {
    fn start() -> Aws {
        let moto = Moto::shared();
        let group = unique("otel-doctor");
        let m = Logs::new(&moto.url);
        m.create_group(&group);
        m.create_stream(&group, "default");
        let xray = XrayFake::start();
        xray.set_destination("CloudWatchLogs", "ACTIVE");
        Aws {
            xray,
            logs: LogsOtlpFake::start(&moto.url),
            group,
        }
    }

    fn o11y(&self, sb: &Sandbox, vars: &[(&str, &str)]) -> assert_cmd::Command {
        let mut cmd = sb.o11y_aws(self.xray.url());
        cmd.env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", self.logs.url());
        for (k, v) in vars {
            cmd.env(k, v);
        }
        cmd
    }

    /// `doctor -o json` with these variables.
    fn doctor(&self, sb: &Sandbox, vars: &[(&str, &str)]) -> (Run, Value) {
        let r = run(self.o11y(sb, vars).args(["doctor", "-o", "json"]));
        no_secret(&r);
        let v = r.json();
        (r, v)
    }
}

fn no_secret(r: &Run) {
    for out in [&r.stdout, &r.stderr] {
        assert!(!out.contains(SECRET_ACCESS_KEY), "{out}");
        assert!(
            !out.contains(&INGEST_KEY[32..]),
            "the ingest key's secret was printed: {out}"
        );
    }
}

fn check(v: &Value, name: &str) -> Option<Value> {
    v.as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == name)
        .cloned()
}

fn must(v: &Value, name: &str) -> Value {
    check(v, name).unwrap_or_else(|| panic!("no `{name}` row in {v:#}"))
}

fn s(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_string()
}

const XRAY_URL: &str = "https://xray.us-east-1.amazonaws.com/v1/traces";
const LOGS_URL: &str = "https://logs.us-east-1.amazonaws.com/v1/logs";

#[test]
fn otel_describes_each_signal_where_it_goes_and_how_it_authenticates() {
    let (sb, hc) = (Sandbox::new(), HoneycombFake::start());
    let headers = "x-aws-log-group=cruddur,x-aws-log-stream=default";
    let metrics_headers = format!("x-honeycomb-team={INGEST_KEY},x-honeycomb-dataset=otel-metrics");
    let vars = [
        ADOT[0],
        ADOT[1],
        ("AWS_REGION", "us-east-1"),
        ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", XRAY_URL),
        ("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", LOGS_URL),
        ("OTEL_EXPORTER_OTLP_LOGS_HEADERS", headers),
        (
            "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
            "https://api.eu1.honeycomb.io/v1/metrics",
        ),
        ("OTEL_EXPORTER_OTLP_METRICS_HEADERS", &metrics_headers),
        ("OTEL_EXPORTER_OTLP_COMPRESSION", "gzip"),
        (
            "OTEL_RESOURCE_ATTRIBUTES",
            "service.name=backend-flask,deployment.environment=prod",
        ),
        ("HONEYCOMB_API_ENDPOINT", hc.url()),
    ];
    let mut cmd = sb.o11y();
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let r = run(cmd.args(["otel", "-o", "json"]));
    r.code(0);
    no_secret(&r);
    let v = r.json();
    assert_eq!(v["service_name"], "backend-flask");
    assert_eq!(v["service_name_from"], "OTEL_RESOURCE_ATTRIBUTES");
    assert_eq!(v["resource_attributes"]["deployment.environment"], "prod");
    let sig = |name: &str| {
        v["signals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["signal"] == name)
            .cloned()
            .unwrap()
    };
    let t = sig("traces");
    assert_eq!(s(&t, "destination"), "xray_otlp");
    assert_eq!(s(&t, "endpoint_from"), "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    assert_eq!(s(&t, "compression"), "gzip");
    assert_eq!(s(&t, "compression_from"), "OTEL_EXPORTER_OTLP_COMPRESSION");
    assert_eq!(t["auth"]["kind"], "sigv4");
    assert_eq!(t["auth"]["service"], "xray");
    assert_eq!(t["auth"]["region"], "us-east-1");
    assert!(
        s(&t["auth"], "by").starts_with("ADOT's configurator"),
        "{t}"
    );
    let l = sig("logs");
    assert_eq!(s(&l, "destination"), "cloudwatch_logs_otlp");
    assert_eq!(l["auth"]["service"], "logs");
    assert_eq!(l["headers"][0]["name"], "x-aws-log-group");
    assert_eq!(
        l["headers"][0]["value"], "cruddur",
        "a group's name is no secret"
    );
    let m = sig("metrics");
    assert_eq!(s(&m, "destination"), "honeycomb_eu");
    assert_eq!(m["dataset"], "otel-metrics");
    assert_eq!(m["auth"]["kind"], "honeycomb_key");
    assert_eq!(
        m["auth"]["key"], INGEST_KEY_ID,
        "an ingest key by its public id"
    );
    assert_eq!(m["auth"]["team"], "Cruddur");
    assert_eq!(m["auth"]["environment"], "Production");
    assert_eq!(m["headers"][0]["value"], INGEST_KEY_ID);
    assert_eq!(hc.requests_to("/1/auth").len(), 1, "only /1/auth is called");

    // The table, also with -v: no secret.
    let mut cmd = sb.o11y();
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let r = run(cmd.args(["otel", "-v"]));
    r.code(0);
    no_secret(&r);
    for line in [
        &format!("traces  otlp → {XRAY_URL} (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)"),
        "        is        X-Ray's OTLP endpoint (us-east-1)",
        "        protocol  http/protobuf, gzip, timeout 10 s",
        "        auth      SigV4 `xray` in us-east-1, by ADOT's configurator",
        "        headers   x-aws-log-group=cruddur, x-aws-log-stream=default (OTEL_EXPORTER_OTLP_LOGS_HEADERS)",
        "        is        Honeycomb (EU)",
        &format!("        auth      Honeycomb ingest key (US) {INGEST_KEY_ID} in x-honeycomb-team: team Cruddur, environment Production"),
        "        note      the ingest key hcaik_01j1824es7n4evcmv81cn392jb looks like a Honeycomb US key (its third character) but the endpoint is Honeycomb EU",
    ] {
        assert!(r.stdout.contains(line), "{line}\n{}", r.stdout);
    }
}

#[test]
fn the_specifications_rules_and_the_secrets_sink_decide_each_signal() {
    let sb = Sandbox::with_manifest("[secrets]\nfile = \".env\"\n");
    // Stored in the sink, not exported: it counts as the app's variable.
    sb.write(
        ".env",
        "OTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team=from-the-sink-0123456789\n",
    );
    let r = run(sb
        .o11y()
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4318/")
        .env("OTEL_LOGS_EXPORTER", "none")
        .env(
            "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
            "http://10.0.0.5:4318/custom",
        )
        .env("OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "grpc")
        .env("OTEL_SERVICE_NAME", "backend-flask")
        .env("HONEYCOMB_API_ENDPOINT", "http://127.0.0.1:9")
        .args(["otel", "-o", "json"]));
    r.code(0);
    assert!(!r.stdout.contains("from-the-sink-0123"), "{}", r.stdout);
    let v = r.json();
    let t = &v["signals"][0];
    assert_eq!(
        t["endpoint"], "http://otel-collector:4318/v1/traces",
        "the generic endpoint gets /v1/traces"
    );
    assert_eq!(t["destination"], "collector_network");
    assert_eq!(t["headers"][0]["name"], "x-honeycomb-team");
    assert_eq!(t["headers"][0]["value"], "from…");
    assert_eq!(t["auth"]["kind"], "honeycomb_key");
    assert!(
        t["auth"]["error"].is_string(),
        "the key could not be asked about: {t}"
    );
    assert_eq!(v["signals"][1]["exported"], false);
    assert_eq!(v["signals"][1]["exporter"][0], "none");
    let m = &v["signals"][2];
    assert_eq!(
        m["endpoint"], "http://10.0.0.5:4318/custom",
        "a per-signal endpoint is used as is"
    );
    assert_eq!(m["protocol"], "grpc");
    assert_eq!(m["declared"], true);
}

#[test]
fn an_aws_endpoint_nothing_signs_for_fails_with_adots_own_rule_and_the_fix() {
    let (sb, aws) = (Sandbox::new(), Aws::start());
    let headers = format!("x-aws-log-group={},x-aws-log-stream=default", aws.group);
    let only_logs = [
        ("OTEL_TRACES_EXPORTER", "none"),
        ("OTEL_METRICS_EXPORTER", "none"),
        ("OTEL_EXPORTER_OTLP_LOGS_HEADERS", headers.as_str()),
    ];
    let with = |extra: &[(&str, &str)]| {
        let mut vars = only_logs.to_vec();
        vars.extend_from_slice(extra);
        aws.doctor(&sb, &vars).1
    };

    // The generic endpoint only: ADOT's configurator looks at OTEL_EXPORTER_OTLP_LOGS_ENDPOINT alone.
    let v = with(&[
        ADOT[0],
        ADOT[1],
        (
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "https://logs.us-east-1.amazonaws.com",
        ),
    ]);
    let c = must(&v, "otel logs signing");
    assert_eq!(c["status"], "fail");
    assert!(
        s(&c, "detail").contains("does not look at OTEL_EXPORTER_OTLP_ENDPOINT"),
        "{c}"
    );
    assert_eq!(
        s(&c, "fix"),
        format!("export OTEL_EXPORTER_OTLP_LOGS_ENDPOINT={LOGS_URL} (exactly: no trailing slash)")
    );

    // A trailing slash defeats the exact match.
    let v = with(&[
        ADOT[0],
        ADOT[1],
        (
            "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
            "https://logs.us-east-1.amazonaws.com/v1/logs/",
        ),
    ]);
    let c = must(&v, "otel logs signing");
    assert!(
        s(&c, "detail").contains("(no trailing slash, port or anything after)"),
        "{c}"
    );

    // Neither route: the fix is AWS's documented setup.
    let v = with(&[("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", LOGS_URL)]);
    let c = must(&v, "otel logs signing");
    assert!(
        s(&c, "fix").starts_with(&format!(
            "export OTEL_PYTHON_DISTRO=aws_distro OTEL_PYTHON_CONFIGURATOR=aws_configurator OTEL_EXPORTER_OTLP_LOGS_ENDPOINT={LOGS_URL}"
        )),
        "{c}"
    );

    // Signed: no signing row; the group and stream exist.
    let v = with(&[
        ADOT[0],
        ADOT[1],
        ("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", LOGS_URL),
    ]);
    assert!(check(&v, "otel logs signing").is_none(), "{v:#}");
    assert!(s(&must(&v, "otel logs"), "detail")
        .contains("SigV4 `logs` in us-east-1 (ADOT's configurator)"));
    assert_eq!(must(&v, "otel logs log group")["status"], "ok");

    // The credential provider signs too; AWS_SIGV4_SERVICE naming another service does not work.
    let cp = (
        "OTEL_PYTHON_EXPORTER_OTLP_HTTP_CREDENTIAL_PROVIDER",
        "aws_sigv4",
    );
    let v = with(&[cp, ("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", LOGS_URL)]);
    assert!(check(&v, "otel logs signing").is_none(), "{v:#}");
    let v = with(&[
        cp,
        ("AWS_SIGV4_SERVICE", "xray"),
        ("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", LOGS_URL),
    ]);
    let c = must(&v, "otel logs signing");
    assert!(
        s(&c, "detail").contains("the app signs for `xray` (AWS_SIGV4_SERVICE)"),
        "{c}"
    );
    assert!(
        s(&c, "fix").starts_with("export AWS_SIGV4_SERVICE=logs"),
        "{c}"
    );

    // An Authorization header in the signal's own headers turns SigV4 off: fatal for X-Ray.
    let v = aws
        .doctor(
            &sb,
            &[
                ADOT[0],
                ADOT[1],
                ("OTEL_LOGS_EXPORTER", "none"),
                ("OTEL_METRICS_EXPORTER", "none"),
                ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", XRAY_URL),
                (
                    "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
                    "Authorization=Bearer%20abcdefghijklmnop",
                ),
            ],
        )
        .1;
    let c = must(&v, "otel traces signing");
    assert_eq!(c["status"], "fail");
    assert!(
        s(&c, "detail")
            .contains("turns ADOT's SigV4 off, and X-Ray's OTLP endpoint takes SigV4 only"),
        "{c}"
    );
    assert!(!v.to_string().contains("abcdefghijklmnop"));
}

#[test]
fn the_logs_endpoint_needs_both_headers_and_a_group_and_stream_that_setup_creates() {
    let (sb, aws) = (Sandbox::new(), Aws::start());
    let base = [
        ADOT[0],
        ADOT[1],
        ("OTEL_TRACES_EXPORTER", "none"),
        ("OTEL_METRICS_EXPORTER", "none"),
        ("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", LOGS_URL),
    ];
    let with = |sb: &Sandbox, headers: &str| {
        let mut vars = base.to_vec();
        vars.push(("OTEL_EXPORTER_OTLP_LOGS_HEADERS", headers));
        aws.doctor(sb, &vars).1
    };
    let v = with(&sb, "x-aws-log-group=cruddur,x-aws-log-stream=");
    let c = must(&v, "otel logs headers");
    assert_eq!(c["status"], "fail");
    assert_eq!(
        s(&c, "fix"),
        "export OTEL_EXPORTER_OTLP_LOGS_HEADERS=\"x-aws-log-group=<group>,x-aws-log-stream=<stream>\""
    );
    // ADOT does not sign either, and says why.
    assert!(s(&must(&v, "otel logs signing"), "detail")
        .contains("non-empty x-aws-log-group and x-aws-log-stream"));

    // A group that does not exist: the fix is the manifest and `o11y setup`.
    let group = unique("otel-new");
    let headers = format!("x-aws-log-group={group},x-aws-log-stream=web");
    let c = must(&with(&sb, &headers), "otel logs log group");
    assert_eq!(c["status"], "fail");
    assert!(s(&c, "detail").contains("does not create it"), "{c}");
    assert_eq!(
        s(&c, "fix"),
        format!("add it to o11y.toml ([[logs.groups]] name = \"{group}\", streams = [\"web\"]), then o11y setup")
    );

    // With the group and its stream in the manifest: `o11y setup` creates both, then the row passes.
    let sb = Sandbox::with_manifest(&format!(
        "[[logs.groups]]\nname = \"{group}\"\nstreams = [\"web\"]\n"
    ));
    let c = must(&with(&sb, &headers), "otel logs log group");
    assert_eq!(s(&c, "fix"), "o11y setup");
    assert_eq!(
        must(&with(&sb, &headers), &format!("logs stream {group}/web"))["detail"],
        "missing"
    );
    let r = run(aws.o11y(&sb, &[]).args(["setup", "-o", "json"]));
    r.code(0);
    let kinds: Vec<(String, String)> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (s(o, "kind"), s(o, "action")))
        .collect();
    assert!(
        kinds.contains(&("logs stream".into(), "created".into())),
        "{kinds:?}"
    );
    let r = run(aws.o11y(&sb, &[]).args(["setup", "-o", "json"]));
    assert!(
        r.json()
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["action"] == "unchanged"),
        "{}",
        r.stdout
    );
    let c = must(&with(&sb, &headers), "otel logs log group");
    assert_eq!(c["status"], "ok", "{c}");
    assert_eq!(s(&c, "detail"), format!("{group}/web exists"));
}

#[test]
fn another_region_transaction_search_off_and_metrics_without_a_dataset_each_get_their_row() {
    let (sb, aws) = (Sandbox::new(), Aws::start());
    let traces = |url: &str| {
        aws.doctor(
            &sb,
            &[
                ADOT[0],
                ADOT[1],
                ("OTEL_LOGS_EXPORTER", "none"),
                ("OTEL_METRICS_EXPORTER", "none"),
                ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", url),
            ],
        )
        .1
    };
    // The endpoint is in eu-west-1, the run in us-east-1: ADOT signs for eu-west-1, where o11y set nothing up.
    let v = traces("https://xray.eu-west-1.amazonaws.com/v1/traces");
    let c = must(&v, "otel traces region");
    assert_eq!(c["status"], "fail");
    assert!(
        s(&c, "detail")
            .contains("is in eu-west-1, but this run (and o11y.toml's resources) are in us-east-1"),
        "{c}"
    );
    assert_eq!(
        s(&c, "fix"),
        format!("export OTEL_EXPORTER_OTLP_TRACES_ENDPOINT={XRAY_URL} (or run o11y with --region eu-west-1)")
    );

    // Transaction Search off: AWS drops the spans without an error.
    aws.xray.set_destination("XRay", "ACTIVE");
    let c = must(&traces(XRAY_URL), "otel traces transaction search");
    assert_eq!(c["status"], "fail");
    assert!(
        s(&c, "detail").contains("AWS drops them without an error"),
        "{c}"
    );
    assert!(
        s(&c, "fix").starts_with("o11y xray transaction-search --enable"),
        "{c}"
    );
    aws.xray.set_destination("CloudWatchLogs", "PENDING");
    aws.xray.set_pending_polls(usize::MAX);
    assert_eq!(
        must(&traces(XRAY_URL), "otel traces transaction search")["status"],
        "warn"
    );

    // Metrics to Honeycomb without x-honeycomb-dataset land in unknown_metrics: a warning with the fix.
    let hc = HoneycombFake::start();
    let headers = format!("x-honeycomb-team={INGEST_KEY}");
    let v = aws
        .doctor(
            &sb,
            &[
                ("OTEL_EXPORTER_OTLP_ENDPOINT", "https://api.honeycomb.io"),
                ("OTEL_EXPORTER_OTLP_HEADERS", &headers),
                ("OTEL_SERVICE_NAME", "backend-flask"),
                ("HONEYCOMB_API_ENDPOINT", hc.url()),
            ],
        )
        .1;
    let c = must(&v, "otel metrics dataset");
    assert_eq!(c["status"], "warn");
    assert!(s(&c, "detail").contains("`unknown_metrics`"), "{c}");
    assert!(s(&c, "fix").starts_with("export OTEL_EXPORTER_OTLP_METRICS_HEADERS=\"x-honeycomb-team=<key>,x-honeycomb-dataset=<metrics dataset>\""), "{c}");
    assert!(check(&v, "otel logs dataset").is_none());
}

#[test]
fn an_endpoint_that_does_not_answer_is_a_failed_row_and_without_otel_settings_nothing_is_checked() {
    let (sb, aws) = (Sandbox::new(), Aws::start());
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let (r, v) = aws.doctor(
        &sb,
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", url.as_str()),
            ("OTEL_SERVICE_NAME", "svc"),
        ],
    );
    r.code(1);
    let c = must(&v, "otel traces endpoint");
    assert_eq!(c["status"], "fail");
    assert!(
        s(&c, "detail").starts_with(&format!("nothing answers at 127.0.0.1:{port}")),
        "{c}"
    );
    assert!(s(&c, "fix").starts_with("start the collector"), "{c}");
    assert!(s(&must(&v, "otel traces"), "detail").contains("(a collector on this machine)"));
    // One probe per host and port, not one per signal.
    assert!(check(&v, "otel logs endpoint").is_none(), "{v:#}");

    // Without any of the app's exporter variables there is no signal to check (Honeycomb's own rows aside).
    let (_, v) = aws.doctor(&sb, &[]);
    assert!(
        !v.as_array().unwrap().iter().any(|c| {
            let name = s(c, "check");
            ["otel traces", "otel logs", "otel metrics", "otel sdk"]
                .iter()
                .any(|p| name.starts_with(p))
        }),
        "{v:#}"
    );
}
