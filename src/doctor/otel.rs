//! The OpenTelemetry rows of doctor: one row per signal the app exports (where it goes, how it
//! authenticates), a failed row with the fix for each setup that loses data silently, as AWS's Python distro
//! (ADOT 0.21) decides (`otlp/signing.rs`), and with `--send-test` one item per signal sent through the app's
//! settings and read back at each backend (`otel/roundtrip.rs`). Nothing here runs when none of the app's
//! OpenTelemetry exporter variables is set.
//!
//! The silent-loss setups: an AWS endpoint no route signs for (or signed for another service); the logs
//! endpoint without `x-aws-log-group` / `x-aws-log-stream`, or naming a group or stream that does not exist
//! (CloudWatch Logs creates neither); an AWS endpoint in another region than the run's; spans to X-Ray while
//! Transaction Search is off (AWS drops them without an error); metrics to Honeycomb without
//! `x-honeycomb-dataset` (they land in `unknown_metrics`: a warning); an endpoint that does not answer.

use std::time::Duration;

use super::checklist::{delay, Check};
use crate::context::{Calls, Context};
use crate::logs::api::LogsApi;
use crate::manifest::Manifest;
use crate::otel::path::{read_back_at, App, AppSignal, Backend, Configured};
use crate::otel::readback::{Row, Status};
use crate::otel::roundtrip::test_signal;
use crate::otlp::destination::{AwsService, Kind};
use crate::otlp::settings::{self, Signal};
use crate::otlp::signing::{Auth, Route};
use crate::readback::{self, Wait};
use crate::xray::api::XrayApi;

/// Every exported signal's rows. `honeycomb_checked`: the Honeycomb checks run too, and already report the
/// traces headers' skipped entries.
pub async fn checks(ctx: &Context, m: Option<&Manifest>, honeycomb_checked: bool) -> Vec<Check> {
    if !settings::any_set(|k| ctx.env.raw(k)) {
        return Vec::new();
    }
    let app = match App::read(ctx, None).await {
        Ok(a) => a,
        Err(e) => {
            return vec![Check::from_error(
                "otel settings",
                &e,
                "fix the variable named, then run `o11y otel`",
            )]
        }
    };
    let mut out = Vec::new();
    if app.signals[0].settings.sdk_disabled {
        out.push(Check::warn(
            "otel sdk",
            "OTEL_SDK_DISABLED=true: the app's OpenTelemetry SDK is a no-op and sends nothing",
            "unset OTEL_SDK_DISABLED",
        ));
        return out;
    }
    let mut probed: Vec<(String, u16)> = Vec::new();
    let mut reported_headers: Vec<&str> = Vec::new();
    if honeycomb_checked {
        reported_headers.push(
            app.signal(Signal::Traces)
                .settings
                .headers_from
                .unwrap_or(settings::HEADERS),
        );
    }
    for sig in &app.signals {
        let s = &sig.settings;
        let name = format!("otel {}", s.signal.name());
        if !s.exports_otlp() {
            out.push(Check::ok(
                &name,
                format!(
                    "not exported over OTLP ({}={})",
                    s.signal.vars().exporter,
                    s.exporters.join(",")
                ),
            ));
            continue;
        }
        out.push(Check::ok(&name, summary(&app, sig)));
        for n in &s.notes {
            out.push(Check::warn(
                &name,
                n.clone(),
                "write the timeout in milliseconds, e.g. 10000",
            ));
        }
        if let Some(var) = s.headers_from.filter(|v| !reported_headers.contains(v)) {
            for w in s.skipped_warnings() {
                out.push(Check::fail(
                    format!("{name} headers"),
                    w,
                    format!("write every entry of {var} as name=value"),
                ));
            }
            reported_headers.push(var);
        }
        out.extend(aws_checks(ctx, &app, sig, m).await);
        if s.signal == Signal::Metrics
            && matches!(sig.destination.kind, Kind::Honeycomb(_))
            && s.header("x-honeycomb-dataset").is_none()
        {
            let team = if s.header("x-honeycomb-team").is_some() {
                "x-honeycomb-team=<key>,"
            } else {
                ""
            };
            out.push(Check::warn(
                format!("{name} dataset"),
                "metrics go to Honeycomb without an x-honeycomb-dataset header: they land in the dataset \
                 `unknown_metrics`",
                format!(
                    "export {}=\"{team}x-honeycomb-dataset=<metrics dataset>\" (the per-signal variable replaces \
                     {} for metrics, so name the key there too)",
                    s.signal.vars().headers,
                    settings::HEADERS
                ),
            ));
        }
        let probe = sig.destination.kind.is_collector() || sig.destination.via.is_some();
        let at = (sig.destination.host.clone(), sig.destination.port);
        if probe && !probed.contains(&at) {
            probed.push(at.clone());
            if let Err(why) = answers(&at.0, at.1).await {
                out.push(Check::fail(
                    format!("{name} endpoint"),
                    format!("nothing answers at {}:{} ({why}): the app's {} are lost", at.0, at.1, s.signal.name()),
                    match sig.destination.kind {
                        Kind::LocalCollector => {
                            "start the collector (OTLP/HTTP listens on port 4318), or point the endpoint at it"
                        }
                        _ => "check the endpoint's host and port, and that the receiver runs",
                    },
                ));
            }
        }
    }
    out
}

/// `otlp → URL (what it is), protocol, how it authenticates`.
fn summary(app: &App, sig: &AppSignal) -> String {
    let s = &sig.settings;
    let auth = match &sig.decision.auth {
        Auth::SigV4 {
            service,
            region,
            route,
            ..
        } => {
            let how = match route {
                Route::Configurator => "ADOT's configurator".to_string(),
                Route::CredentialProvider(var) => format!("{var}=aws_sigv4"),
            };
            let r = region
                .clone()
                .or_else(|| app.region.clone())
                .unwrap_or_default();
            format!("SigV4 `{service}` in {r} ({how})")
        }
        Auth::HoneycombKey(k) => {
            let kind = crate::honeycomb::key::key_kind(k);
            format!("Honeycomb {} {}", kind.describe(), kind.shown(k))
        }
        Auth::Header(h) => format!("the `{h}` header"),
        Auth::None => "no credentials".into(),
    };
    format!(
        "{} → {} ({}), {}, {auth}",
        s.exporters.join(","),
        s.url,
        sig.destination.describe(),
        s.protocol.as_str()
    )
}

/// The exact URL AWS's distro signs for, in `region`.
fn aws_url(service: AwsService, region: &str) -> String {
    format!("{}/{}", service.public_base(region), service.signal.path())
}

/// An AWS destination's rows: the signal it takes, HTTP, signing, region, the log group's headers and
/// existence, Transaction Search.
async fn aws_checks(ctx: &Context, app: &App, sig: &AppSignal, m: Option<&Manifest>) -> Vec<Check> {
    let mut out = Vec::new();
    let s = &sig.settings;
    let signal = s.signal;
    let own = signal.vars();
    let Some(service) = sig.destination.kind.aws() else {
        return out;
    };
    let name = format!("otel {}", signal.name());
    if service.signal != signal {
        out.push(Check::fail(
            format!("{name} endpoint"),
            format!(
                "{} takes {} only, but the app sends its {} there",
                sig.destination.describe(),
                service.signal.name(),
                signal.name()
            ),
            format!(
                "point {} at the endpoint for {}",
                own.endpoint,
                signal.name()
            ),
        ));
        return out;
    }
    let region = sig
        .destination
        .region
        .clone()
        .or_else(|| app.region.clone())
        .unwrap_or_else(|| "<region>".into());
    let url = aws_url(service, &region);
    if !s.protocol.is_http() {
        out.push(Check::fail(
            format!("{name} protocol"),
            format!(
                "the app exports with `{}`, but AWS's OTLP endpoints take OTLP over HTTP only",
                s.protocol.as_str()
            ),
            format!("export {}=http/protobuf", own.protocol),
        ));
    }
    match &sig.decision.auth {
        Auth::SigV4 { service: signed, service_from, .. } if signed != service.name => out.push(Check::fail(
            format!("{name} signing"),
            format!(
                "the app signs for `{signed}` ({service_from}), but {} takes `{}`: AWS refuses the requests",
                sig.destination.describe(),
                service.name
            ),
            format!(
                "export {}={} (it applies to every signal: unset it to let each endpoint name its service)",
                settings::AWS_SIGV4_SERVICE,
                service.name
            ),
        )),
        Auth::SigV4 { .. } => {}
        Auth::Header(h) if service.name == "xray" => out.push(Check::fail(
            format!("{name} signing"),
            format!("the `{h}` header in {} turns ADOT's SigV4 off, and X-Ray's OTLP endpoint takes SigV4 only", own.headers),
            format!("remove `{h}` from {}", own.headers),
        )),
        Auth::Header(h) => out.push(Check::warn(
            format!("{name} signing"),
            format!(
                "the `{h}` header in {} turns ADOT's SigV4 off; a bearer token works only where the log group has \
                 bearer authentication enabled, and o11y cannot check it",
                own.headers
            ),
            format!("remove `{h}` from {} to sign with SigV4", own.headers),
        )),
        Auth::HoneycombKey(_) | Auth::None => out.push(Check::fail(
            format!("{name} signing"),
            format!(
                "{} is AWS's, but the app's exporter does not sign its requests, so AWS refuses them (a 403 the \
                 exporter only logs): {}",
                s.url,
                sig.decision.unsigned_because.join("; ")
            ),
            signing_fix(sig, &url),
        )),
    }
    if let (Some(r), Some(run), None) = (&sig.destination.region, &app.region, sig.destination.via)
    {
        if r != run {
            out.push(Check::fail(
                format!("{name} region"),
                format!(
                    "{} is in {r}, but this run (and o11y.toml's resources) are in {run}: the app's {} go where o11y \
                     set nothing up",
                    s.url,
                    signal.name()
                ),
                format!("export {}={} (or run o11y with --region {r})", own.endpoint, aws_url(service, run)),
            ));
            return out;
        }
    }
    match signal {
        Signal::Logs => out.extend(log_group_checks(ctx, sig, m).await),
        Signal::Traces => out.extend(transaction_search(ctx).await),
        Signal::Metrics => {}
    }
    out
}

/// The fix for an AWS endpoint nothing signs for, by the first reason that applies.
fn signing_fix(sig: &AppSignal, url: &str) -> String {
    let s = &sig.settings;
    let own = s.signal.vars();
    let configurator = s.adot.distro.as_deref() == Some("aws_distro")
        && s.adot.configurator.as_deref() == Some("aws_configurator");
    if !configurator {
        return format!(
            "export OTEL_PYTHON_DISTRO=aws_distro OTEL_PYTHON_CONFIGURATOR=aws_configurator {}={url} (AWS's \
             documented setup; or {}=aws_sigv4)",
            own.endpoint, own.credential_provider
        );
    }
    let first = sig
        .decision
        .unsigned_because
        .first()
        .cloned()
        .unwrap_or_default();
    if first.contains("http/protobuf") {
        format!(
            "export {}=otlp {}=http/protobuf",
            own.exporter, own.protocol
        )
    } else if first.contains("x-aws-log-group") {
        format!(
            "export {}=\"x-aws-log-group=<group>,x-aws-log-stream=<stream>\"",
            own.headers
        )
    } else {
        format!("export {}={url} (exactly: no trailing slash)", own.endpoint)
    }
}

/// The logs endpoint's `x-aws-log-group` and `x-aws-log-stream`: set, and naming a group and stream that exist.
async fn log_group_checks(ctx: &Context, sig: &AppSignal, m: Option<&Manifest>) -> Vec<Check> {
    let s = &sig.settings;
    let var = s.headers_from.unwrap_or(s.signal.vars().headers);
    let (group, stream) = (
        s.header("x-aws-log-group").filter(|g| !g.trim().is_empty()),
        s.header("x-aws-log-stream")
            .filter(|g| !g.trim().is_empty()),
    );
    let declared = |g: &str, st: Option<&str>| {
        m.is_some_and(|m| {
            m.logs.groups.iter().any(|x| x.name == g)
                && st.is_none_or(|st| m.logs.streams.iter().any(|(a, b)| a == g && b == st))
        })
    };
    let (Some(group), Some(stream)) = (group, stream) else {
        return vec![Check::fail(
            "otel logs headers",
            format!(
                "{var} must name a non-empty x-aws-log-group and x-aws-log-stream: CloudWatch Logs' OTLP endpoint \
                 takes both, and ADOT signs logs only with both"
            ),
            format!(
                "export {}=\"x-aws-log-group=<group>,x-aws-log-stream=<stream>\"",
                s.signal.vars().headers
            ),
        )];
    };
    let api = match ctx.logs(Calls::Single).await {
        Ok(c) => LogsApi::new(c),
        Err(e) => return vec![Check::from_error("otel logs log group", &e, "o11y doctor")],
    };
    let manifest_fix = |st: Option<&str>| {
        if declared(group, st) {
            "o11y setup".to_string()
        } else {
            format!(
                "add it to o11y.toml ([[logs.groups]] name = \"{group}\", streams = [\"{stream}\"]), then o11y setup"
            )
        }
    };
    match api.stream_exists(group, stream).await {
        Err(e) => vec![Check::from_error("otel logs log group", &e, "check logs:DescribeLogStreams")],
        Ok(None) => vec![Check::fail(
            "otel logs log group",
            format!("x-aws-log-group names `{group}`, which does not exist: CloudWatch Logs' OTLP endpoint does not create it"),
            manifest_fix(None),
        )],
        Ok(Some(false)) => vec![Check::fail(
            "otel logs log group",
            format!("x-aws-log-stream names `{stream}`, which does not exist in `{group}`: the OTLP endpoint does not create it"),
            manifest_fix(Some(stream)),
        )],
        Ok(Some(true)) => vec![Check::ok("otel logs log group", format!("{group}/{stream} exists"))],
    }
}

/// Spans to X-Ray's OTLP endpoint need Transaction Search; with segments going to X-Ray AWS drops them.
async fn transaction_search(ctx: &Context) -> Vec<Check> {
    const CHECK: &str = "otel traces transaction search";
    let d = match ctx.xray(Calls::Single).await {
        Ok(c) => XrayApi::new(c).trace_segment_destination().await,
        Err(e) => Err(e),
    };
    let fix = "o11y xray transaction-search --enable (or [xray.transaction_search] in o11y.toml, then o11y setup)";
    match d {
        Err(e) => vec![Check::from_error(CHECK, &e, "check xray:GetTraceSegmentDestination")],
        Ok(d) if !d.is_cloudwatch_logs() => vec![Check::fail(
            CHECK,
            format!(
                "spans go to X-Ray's OTLP endpoint, but Transaction Search is off (segments go to {}): AWS drops \
                 them without an error",
                d.destination
            ),
            fix,
        )],
        Ok(d) if d.status != "ACTIVE" => vec![Check::warn(
            CHECK,
            format!("Transaction Search is still {}: spans are not searchable until it is ACTIVE", d.status),
            "wait a few minutes, then `o11y xray transaction-search`",
        )],
        Ok(_) => vec![Check::ok(CHECK, "on (CloudWatchLogs, ACTIVE)")],
    }
}

/// A TCP connection to the endpoint (nothing is sent), within 2 s.
async fn answers(host: &str, port: u16) -> Result<(), String> {
    let connect = tokio::net::TcpStream::connect((host, port));
    match tokio::time::timeout(Duration::from_secs(2), connect).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("no answer within 2 s".into()),
    }
}

/// `--send-test`: one item per signal the app's settings name (its exporter or its own variables; for traces
/// also the generic endpoint), through the app's settings, read back at each backend. `honeycomb_row`: the
/// `send-test honeycomb` row sends the app's span to Honeycomb already, so that pair is not sent twice.
pub async fn send_tests(
    ctx: &Context,
    m: Option<&Manifest>,
    wait: Wait,
    honeycomb_row: bool,
) -> Vec<Check> {
    if !settings::any_set(|k| ctx.env.raw(k)) {
        return Vec::new();
    }
    let app = match App::read(ctx, None).await {
        Ok(a) => a,
        Err(e) => return vec![Check::from_error("send-test otel", &e, "o11y otel")],
    };
    let configured = Configured::of(ctx, m);
    let one = |signal: Signal| {
        let (app, configured) = (&app, &configured);
        async move {
            let sig = app.signal(signal);
            let s = &sig.settings;
            let named = s.declared || (signal == Signal::Traces && s.url_from != settings::DEFAULT);
            if !s.exports_otlp() || !named {
                return Vec::new();
            }
            let name = format!("send-test otel {}", signal.name());
            let all = match read_back_at(sig, configured) {
                Ok(b) => b,
                Err(why) => {
                    return vec![Check::fail(
                        name,
                        why,
                        format!("point {} at the right endpoint", signal.vars().endpoint),
                    )]
                }
            };
            let backends: Vec<Backend> = all
                .iter()
                .copied()
                .filter(|b| {
                    !(honeycomb_row && signal == Signal::Traces && *b == Backend::Honeycomb)
                })
                .collect();
            if backends.is_empty() && !all.is_empty() {
                return Vec::new();
            }
            let t = test_signal(ctx, app, sig, &backends, configured, wait, &readback::quiet).await;
            t.rows.into_iter().map(|r| check_of(&name, r)).collect()
        }
    };
    let (t, l, x) = tokio::join!(one(Signal::Traces), one(Signal::Logs), one(Signal::Metrics));
    [t, l, x].into_iter().flatten().collect()
}

fn check_of(name: &str, r: Row) -> Check {
    let check = match r.backend {
        Some(b) => format!("{name} {}", b.id()),
        None => name.to_string(),
    };
    let mut c = match r.status {
        Status::Ok => Check::ok(check, r.detail),
        Status::Warn => Check::warn(check, r.detail, r.fix.unwrap_or_default()),
        Status::Fail => Check::fail(check, r.detail, r.fix.unwrap_or_default()),
    };
    if let Some(d) = r.arrived_after {
        c = c.arrived_after(delay(d).1);
    }
    c
}
