use std::path::PathBuf;

use serde_json::{json, Value};

use super::path::{read_back_at, App, Configured};
use super::readback::{Row, Status};
use super::roundtrip::{test_signal, SignalTest};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::manifest;
use crate::otlp::settings::Signal;
use crate::output::{Render, Style};
use crate::readback::{self as wait, Wait};
use crate::secrets::Sink;

/// Send one item per signal through the app's own OpenTelemetry settings and read each back where it went
///
/// For each signal the app exports (or the one --signal names): one span, one log record or one data point,
/// built from the opentelemetry-proto types and sent exactly as the app's exporter would (its endpoint,
/// headers, protocol, gzip where it asks for it, its timeout; SigV4 for `xray`, `logs` or `monitoring`
/// where its exporter signs, as AWS's Python distro decides), then read back, at the same time:
/// Honeycomb: the dataset (GET /1/auth, then the Query Data API or GET /1/datasets/{slug}, with
/// HONEYCOMB_API_KEY); X-Ray: the trace (StartTraceRetrieval + ListRetrievedTraces); CloudWatch Logs:
/// FilterLogEvents for the record's unique body in the group and stream of the app's x-aws-log-group and
/// x-aws-log-stream; CloudWatch metrics: the PromQL query API (GET /api/v1/query). A collector (any endpoint
/// that is not a known backend) is read back at every backend o11y.toml or the environment configures, one
/// row each, which proves its fan-out. A partialSuccess with rejected items, a 4xx, or a Retry-After past
/// --timeout is a failed row with the service's own words; exit 1 if any row failed.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y otel test\n  o11y otel test --signal logs --timeout 2m\n  o11y otel test --signal traces --no-wait -o json\n  o11y otel test -o json | jq '.[].rows[] | select(.status != \"ok\")'"
)]
pub struct Args {
    /// Which signal to test: traces, logs, metrics, or all the app exports
    #[arg(long, value_name = "SIGNAL", default_value = "all", value_parser = ["traces", "logs", "metrics", "all"])]
    pub signal: String,
    /// How long each read-back may wait
    #[arg(long, value_name = "DUR", default_value = wait::DEFAULT_TIMEOUT)]
    pub timeout: String,
    /// Send only: do not read the items back
    #[arg(long)]
    pub no_wait: bool,
    /// The manifest: its backends (where a collector's items are looked for) and its secrets sink
    /// [default: o11y.toml, when there is one]
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub env: crate::environments::EnvArg,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let wait = Wait::from_args(&args.timeout, args.no_wait)?;
    if wait.enabled && wait.timeout.is_zero() {
        return Err(Error::usage("--timeout must be more than 0")
            .with_help("e.g. --timeout 1m, or --no-wait not to wait at all"));
    }
    let m = manifest::find(args.file.as_deref())?;
    let runs = crate::environments::plan(&ctx.aws_args, m, args.env.env.as_deref())?;
    crate::environments::each(ctx, runs, async |ctx, m| run_in(ctx, &args, wait, m).await).await
}

/// The test items of one environment and region.
async fn run_in(
    ctx: &Context,
    args: &Args,
    wait: Wait,
    m: Option<crate::manifest::Manifest>,
) -> Result<()> {
    Sink::of_run(ctx, m.as_ref()).await?;
    let app = App::read(ctx, None).await?;
    let configured = Configured::of(ctx, m.as_ref());
    let chosen: Vec<Signal> = match Signal::parse(&args.signal) {
        Some(s) => vec![s],
        None => Signal::ALL
            .into_iter()
            .filter(|s| app.signal(*s).settings.exports_otlp())
            .collect(),
    };
    if chosen.is_empty() {
        return Err(Error::failed("the app exports no signal over OTLP").with_help(
            "set OTEL_TRACES_EXPORTER / OTEL_LOGS_EXPORTER / OTEL_METRICS_EXPORTER to otlp (and unset \
             OTEL_SDK_DISABLED); `o11y otel` shows what the app will do",
        ));
    }
    let out = &ctx.out;
    let progress = |line: &str| out.note(&format!("o11y: {line}"));
    let (progress, chosen) = (&progress, &chosen);
    let one = |signal: Signal| {
        let (app, configured) = (&app, &configured);
        async move {
            if !chosen.contains(&signal) {
                return None;
            }
            let sig = app.signal(signal);
            Some(match read_back_at(sig, configured) {
                Ok(backends) => {
                    test_signal(ctx, app, sig, &backends, configured, wait, progress).await
                }
                Err(why) => SignalTest {
                    signal,
                    endpoint: sig.settings.url.clone(),
                    destination: sig.destination.describe(),
                    item: None,
                    sent: None,
                    rows: vec![Row::problem(
                        Status::Fail,
                        None,
                        format!("not sent: {why}"),
                        format!(
                            "point {} at the endpoint of a backend that takes {}",
                            signal.vars().endpoint,
                            signal.name()
                        ),
                    )],
                },
            })
        }
    };
    let (t, l, mtr) = tokio::join!(one(Signal::Traces), one(Signal::Logs), one(Signal::Metrics));
    let report = Report(vec![t, l, mtr].into_iter().flatten().collect());
    out.print(&report)?;
    let failed = report
        .0
        .iter()
        .flat_map(|t| &t.rows)
        .filter(|r| r.status == Status::Fail)
        .count();
    if failed > 0 {
        let rows: usize = report.0.iter().map(|t| t.rows.len().max(1)).sum();
        return Err(Error::failed(format!("{failed} of {rows} rows failed")));
    }
    Ok(())
}

pub struct Report(pub Vec<SignalTest>);

pub fn status_str(s: Status) -> &'static str {
    match s {
        Status::Ok => "ok",
        Status::Fail => "fail",
        Status::Warn => "warn",
    }
}

fn row_json(r: &Row) -> Value {
    let mut v = json!({
        "backend": r.backend.map(|b| b.id()),
        "status": status_str(r.status),
        "detail": r.detail,
        "fix": r.fix,
    });
    if r.backend.is_some() {
        match (r.arrived_after, r.status) {
            (Some(d), _) => {
                v["arrived"] = json!(true);
                v["arrived_after_ms"] = json!(wait::millis(d));
            }
            (None, Status::Fail) => v["arrived"] = json!(false),
            (None, _) => v["arrived"] = Value::Null,
        }
    }
    v
}

impl Render for Report {
    fn json(&self) -> Value {
        Value::Array(
            self.0
                .iter()
                .map(|t| {
                    let mut v = json!({
                        "signal": t.signal.name(),
                        "endpoint": t.endpoint,
                        "destination": t.destination,
                        "sent": t.sent.as_ref().map(|s| json!({
                            "status": s.status, "bytes": s.bytes, "content_type": s.content_type,
                            "gzip": s.gzip, "signed": s.signed,
                        })),
                        "rows": t.rows.iter().map(row_json).collect::<Vec<_>>(),
                    });
                    if let Some(i) = &t.item {
                        v["traceId"] = json!(i.ids.w3c);
                        v["xrayTraceId"] = json!(i.ids.xray);
                        match t.signal {
                            Signal::Traces => v["spanId"] = json!(i.span_id),
                            Signal::Logs => v["body"] = json!(i.body),
                            Signal::Metrics => v["test_id"] = json!(i.token),
                        }
                    }
                    v
                })
                .collect(),
        )
    }

    fn text(&self, style: &Style) -> String {
        let mark = |s: Status| match s {
            Status::Ok => style.green("✓"),
            Status::Fail => style.red("✗"),
            Status::Warn => style.yellow("!"),
        };
        let mut out = String::new();
        for t in &self.0 {
            let head = match &t.sent {
                Some(s) => {
                    let mut how = vec![
                        format!("HTTP {}", s.status),
                        format!("1 {}", t.signal.item()),
                        s.content_type
                            .trim_start_matches("application/")
                            .to_string(),
                        format!("{} bytes{}", s.bytes, if s.gzip { " gzip" } else { "" }),
                    ];
                    if let Some(sig) = &s.signed {
                        how.push(sig.clone());
                    }
                    format!("{} ({}): {}", t.endpoint, t.destination, how.join(", "))
                }
                None => format!("{} ({})", t.endpoint, t.destination),
            };
            out.push_str(&format!(
                "{} {head}\n",
                style.bold(&format!("{:<8}", t.signal.name()))
            ));
            if let Some(i) = &t.item {
                let id = match t.signal {
                    Signal::Traces => format!("trace id {} (X-Ray {})", i.ids.w3c, i.ids.xray),
                    Signal::Logs => format!("body `{}`, trace id {}", i.body, i.ids.w3c),
                    Signal::Metrics => format!(
                        "{} with o11y.test_id = {}",
                        crate::otlp::metrics::NAME,
                        i.token
                    ),
                };
                out.push_str(&format!("         {}\n", style.dim(&id)));
            }
            let width = t
                .rows
                .iter()
                .map(|r| r.backend.map_or(4, |b| b.name().len()))
                .max()
                .unwrap_or(0);
            for r in &t.rows {
                let name = r.backend.map_or("sent", |b| b.name());
                out.push_str(&format!(
                    "  {} {name:<width$}  {}\n",
                    mark(r.status),
                    r.detail
                ));
                if let Some(f) = &r.fix {
                    out.push_str(&format!("    {} {f}\n", style.bold("fix:")));
                }
            }
        }
        out
    }
}
