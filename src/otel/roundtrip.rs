//! One test item of a signal sent through exactly the app's settings (its endpoint, headers, protocol,
//! compression, timeout, and SigV4 where its exporter signs, as `otlp/signing.rs` decides), then read back at
//! each backend it should reach, at the same time (`readback.rs`). `otel test`, `doctor --send-test` and
//! nothing else send this way.

use std::time::{Duration, Instant};

use chrono::Utc;

use super::path::{App, AppSignal, Backend, Configured};
use super::readback::{self, Item, Row, Status};
use crate::context::Context;
use crate::honeycomb::connection::Connection;
use crate::honeycomb::test_span::{prepare, Prepared, Reader};
use crate::otlp::common::{encode, random_id};
use crate::otlp::destination::{Kind, MONITORING};
use crate::otlp::send::{post, Post, SigV4};
use crate::otlp::settings::{Compression, Protocol, Signal};
use crate::otlp::signing::{Auth, Route};
use crate::otlp::{logs, metrics, traces};
use crate::readback::{Progress, Wait};
use crate::xray::retrieval::TraceId;

/// How the item went out.
#[derive(Debug, Clone)]
pub struct Sent {
    pub status: u16,
    /// The body's size as sent (after gzip).
    pub bytes: usize,
    pub content_type: &'static str,
    pub gzip: bool,
    /// `SigV4 `logs` in us-east-1`, when signed.
    pub signed: Option<String>,
}

/// One signal's test: what was sent, and one row per backend (or one for the send when it failed).
#[derive(Debug, Clone)]
pub struct SignalTest {
    pub signal: Signal,
    pub endpoint: String,
    pub destination: String,
    pub item: Option<Item>,
    pub sent: Option<Sent>,
    pub rows: Vec<Row>,
}

impl SignalTest {
    fn only(sig: &AppSignal, row: Row) -> SignalTest {
        SignalTest {
            signal: sig.settings.signal,
            endpoint: sig.settings.url.clone(),
            destination: sig.destination.describe(),
            item: None,
            sent: None,
            rows: vec![row],
        }
    }
}

/// Send one item of `sig` and read it back at `backends` (from `path::read_back_at`, possibly narrowed by
/// the caller). Never prints: progress lines go to `progress`. Every problem is a row.
pub async fn test_signal(
    ctx: &Context,
    app: &App,
    sig: &AppSignal,
    backends: &[Backend],
    configured: &Configured,
    wait: Wait,
    progress: Progress<'_>,
) -> SignalTest {
    let s = &sig.settings;
    let signal = s.signal;
    if !s.exports_otlp() {
        let why = if s.sdk_disabled {
            "OTEL_SDK_DISABLED=true: the app's SDK is a no-op".to_string()
        } else {
            format!(
                "the app does not export {} over OTLP ({}={})",
                signal.name(),
                s.signal.vars().exporter,
                s.exporters.join(",")
            )
        };
        return SignalTest::only(
            sig,
            Row::problem(
                Status::Warn,
                None,
                format!("not sent: {why}"),
                "nothing to test for this signal",
            ),
        );
    }
    if !s.protocol.is_http() {
        return SignalTest::only(
            sig,
            Row::problem(
                Status::Warn,
                None,
                format!(
                    "not sent: the app exports with `{}` ({}); o11y sends OTLP over HTTP only",
                    s.protocol.as_str(),
                    s.protocol_from
                ),
                format!(
                    "test an HTTP receiver: {}=http/protobuf",
                    s.signal.vars().protocol
                ),
            ),
        );
    }

    // Before sending: whoever reads the item back at Honeycomb checks its keys now.
    let now = Utc::now();
    let ids = TraceId::parse(&format!("{:08x}{}", now.timestamp(), random_id(12)))
        .expect("a well-formed id");
    let token = random_id(8);
    let mut item = Item {
        signal,
        ids,
        span_id: random_id(8),
        body: format!("o11y otel test {token}"),
        token,
        sent_at: now,
        started: Instant::now(),
    };
    let reader = Reader::from_connection(&Connection::from_env(&ctx.env));
    let dataset = match (sig.destination.kind.is_collector(), signal) {
        (true, Signal::Metrics) => None,
        _ => Some(s.dataset()),
    };
    let mut hc: Option<Result<Prepared<'_>, Row>> = None;
    if backends.contains(&Backend::Honeycomb) && wait.enabled {
        hc = Some(match (&reader, &dataset) {
            (Err(e), _) => Err(failed(Backend::Honeycomb, e)),
            (_, None) => Err(Row::problem(
                Status::Warn,
                Some(Backend::Honeycomb),
                "not checked: the collector's Honeycomb exporter names the metrics dataset (x-honeycomb-dataset in \
                 its own headers), which o11y cannot see",
                "send a metric straight to Honeycomb with x-honeycomb-dataset to test that path",
            )),
            (Ok(r), Some(d)) => prepare(ctx, r, s.header("x-honeycomb-team"), d, signal != Signal::Metrics, wait)
                .await
                .map_err(|e| failed(Backend::Honeycomb, &e)),
        });
    }

    // The item, encoded and signed as the app's exporter would.
    let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default().max(0) as u64;
    let (body, content_type) = match signal {
        Signal::Traces => encode(
            &traces::request(
                &s.service,
                &s.resource,
                &item.ids.w3c,
                &item.span_id,
                nanos,
                25_000_000,
            ),
            &s.protocol,
        ),
        Signal::Logs => encode(
            &logs::request(
                &s.service,
                &s.resource,
                &item.body,
                &item.ids.w3c,
                &item.span_id,
                nanos,
                &[],
            ),
            &s.protocol,
        ),
        Signal::Metrics => encode(
            &metrics::request(&s.service, &s.resource, &item.token, nanos),
            &s.protocol,
        ),
    };
    // ADOT's log exporter always gzips ("compression=Compression.Gzip").
    let adot_logs = signal == Signal::Logs
        && matches!(
            &sig.decision.auth,
            Auth::SigV4 {
                route: Route::Configurator,
                ..
            }
        );
    let gzip = s.compression == Compression::Gzip || adot_logs;
    let sigv4 = match &sig.decision.auth {
        Auth::SigV4 {
            service, region, ..
        } => match region.clone().or_else(|| app.region.clone()) {
            Some(r) => Some((service.clone(), r)),
            None => {
                return SignalTest::only(
                    sig,
                    Row::problem(
                        Status::Fail,
                        None,
                        "the app's exporter signs with SigV4, but no AWS region is configured",
                        "set AWS_REGION (the app's SigV4 session reads the same)",
                    ),
                )
            }
        },
        _ => None,
    };
    let deadline = Instant::now() + wait.timeout;
    item.sent_at = Utc::now();
    item.started = Instant::now();
    let answer = post(
        ctx,
        &Post {
            url: &s.url,
            body,
            content_type,
            gzip,
            headers: &s.headers,
            sigv4: sigv4
                .as_ref()
                .map(|(service, region)| SigV4 { service, region }),
            timeout: Some(s.timeout),
            deadline: Some(deadline),
        },
    )
    .await;
    let mut test = SignalTest {
        signal,
        endpoint: s.url.clone(),
        destination: sig.destination.describe(),
        item: None,
        sent: None,
        rows: Vec::new(),
    };
    let answer = match answer {
        Ok(a) => a,
        Err(e) => {
            test.rows.push(Row::problem(
                Status::Fail,
                None,
                e.message.clone(),
                e.help
                    .unwrap_or_else(|| "check that something listens at the endpoint".into()),
            ));
            return test;
        }
    };
    test.sent = Some(Sent {
        status: answer.status,
        bytes: answer.sent_bytes,
        content_type,
        gzip,
        signed: sigv4
            .as_ref()
            .map(|(svc, r)| format!("SigV4 `{svc}` in {r}")),
    });
    if let Some(e) = answer.refusal(&s.url, signal) {
        let fix = refusal_fix(sig, answer.status, answer.retry_after, wait.timeout);
        test.rows
            .push(Row::problem(Status::Fail, None, e.message, fix));
        return test;
    }
    test.item = Some(item.clone());
    if !wait.enabled {
        return test;
    }
    if backends.is_empty() {
        test.rows.push(Row::problem(
            Status::Warn,
            None,
            format!(
                "accepted by {} (HTTP {}); nothing in o11y.toml or the environment says where it forwards {}, so it was \
                 not read back",
                sig.destination.describe(),
                answer.status,
                signal.name()
            ),
            "declare the backends the collector exports to ([honeycomb], X-Ray resources, [[logs.groups]]) so o11y \
             can look there",
        ));
        return test;
    }
    let names: Vec<&str> = backends.iter().map(|b| b.name()).collect();
    progress(&format!(
        "{}: sent to {} (HTTP {}); reading it back at {} (up to {})",
        signal.name(),
        s.url,
        answer.status,
        names.join(", "),
        crate::time::human(wait.timeout)
    ));

    let want = |b: Backend| backends.contains(&b);
    let item = &item;
    let honeycomb = async {
        match hc {
            Some(Ok(p)) => Some(
                readback::honeycomb(
                    ctx,
                    p,
                    dataset.as_deref().unwrap_or_default(),
                    item,
                    wait,
                    progress,
                )
                .await,
            ),
            Some(Err(row)) => Some(row),
            None => None,
        }
    };
    let xray = async {
        match want(Backend::Xray) {
            true => Some(readback::xray(ctx, item, wait).await),
            false => None,
        }
    };
    let places = log_places(sig, configured);
    let cwl = async {
        match (want(Backend::CloudWatchLogs), &places) {
            (true, Ok(p)) => Some(readback::cloudwatch_logs(ctx, p, item, wait).await),
            (true, Err(row)) => Some(row.clone()),
            (false, _) => None,
        }
    };
    let cwm = async {
        if !want(Backend::CloudWatchMetrics) {
            return None;
        }
        let base = origin(&s.url);
        let region = sigv4
            .as_ref()
            .map(|(_, r)| r.clone())
            .or_else(|| sig.destination.region.clone())
            .or_else(|| app.region.clone())
            .unwrap_or_default();
        let base = match sig.destination.kind {
            Kind::CloudWatchMetrics => base,
            _ => app.overrides.aws_base(MONITORING).unwrap_or(base),
        };
        Some(readback::cloudwatch_metrics(ctx, &base, &region, item, wait).await)
    };
    let (h, x, l, m) = tokio::join!(honeycomb, xray, cwl, cwm);
    test.rows.extend([h, x, l, m].into_iter().flatten());
    test
}

fn failed(backend: Backend, e: &crate::error::Error) -> Row {
    Row::problem(
        Status::Fail,
        Some(backend),
        e.message.clone(),
        e.help
            .clone()
            .unwrap_or_else(|| "check HONEYCOMB_API_KEY".into()),
    )
}

/// Where a log record is looked for at CloudWatch Logs: the group and stream of the app's headers, when it
/// sends to CloudWatch Logs itself; the manifest's groups, when a collector forwards it.
fn log_places(
    sig: &AppSignal,
    configured: &Configured,
) -> Result<Vec<(String, Option<String>)>, Row> {
    if sig.destination.kind != Kind::CloudWatchLogs {
        return Ok(configured.log_groups.clone());
    }
    let s = &sig.settings;
    match (s.header("x-aws-log-group"), s.header("x-aws-log-stream")) {
        (Some(g), Some(st)) if !g.is_empty() && !st.is_empty() => Ok(vec![(g.into(), Some(st.into()))]),
        _ => Err(Row::problem(
            Status::Fail,
            Some(Backend::CloudWatchLogs),
            "the app's log headers name no x-aws-log-group and x-aws-log-stream: there is nowhere to look",
            format!(
                "export {}=\"x-aws-log-group=<group>,x-aws-log-stream=<stream>\"",
                s.signal.vars().headers
            ),
        )),
    }
}

/// `scheme://host[:port]` of a URL.
fn origin(url: &str) -> String {
    reqwest::Url::parse(url)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_default()
}

/// The fix for a refused item, by status and by how the app authenticates.
fn refusal_fix(
    sig: &AppSignal,
    status: u16,
    retry_after: Option<Duration>,
    timeout: Duration,
) -> String {
    let own = sig.settings.signal.vars();
    match status {
        429 => match retry_after {
            Some(d) if d > timeout => format!(
                "the endpoint asks to wait {} (Retry-After), longer than --timeout {}: try again later",
                crate::time::human(d),
                crate::time::human(timeout)
            ),
            _ => "the endpoint is throttling: try again later, or a longer --timeout".into(),
        },
        401 | 403 => match (&sig.destination.kind, &sig.decision.auth) {
            (Kind::Honeycomb(_), _) => format!(
                "the key in x-honeycomb-team ({}) is not valid for this endpoint: check its region and environment",
                sig.settings.headers_from.unwrap_or(own.headers)
            ),
            (k, Auth::SigV4 { .. }) if k.aws().is_some() => {
                "the credentials need permission to write here (X-Ray: xray:PutSpans; CloudWatch Logs: \
                 logs:PutLogEvents; metrics: cloudwatch:PutMetricData), in the endpoint's region"
                    .into()
            }
            (k, _) if k.aws().is_some() => format!(
                "the app does not sign its requests: {}",
                sig.decision
                    .unsigned_because
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "see `o11y doctor`".into())
            ),
            _ => "check the credentials the endpoint expects in the app's headers".into(),
        },
        404 => format!(
            "{} is used as is and must be the full URL (ending in /{}); {} gets /{} appended",
            own.endpoint,
            sig.settings.signal.path(),
            crate::otlp::settings::ENDPOINT,
            sig.settings.signal.path()
        ),
        415 => format!(
            "the endpoint does not take {}: check {}",
            match sig.settings.protocol {
                Protocol::HttpJson => "OTLP/HTTP JSON",
                _ => "OTLP/HTTP protobuf",
            },
            own.protocol
        ),
        _ => "see the service's words above".into(),
    }
}
