use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use prost::Message;
use serde_json::{json, Value};

use super::api::{SegmentDestination, TraceFormat, XrayApi};
use super::retrieval::{self, Outcome, TraceId, Window, WindowFrom};
use crate::context::{Calls, Context};
use crate::error::{Error, Result};
use crate::otlp::common::{error_body_text, random_id};
use crate::otlp::destination::{Overrides, XRAY};
use crate::otlp::send::{post, Post, SigV4};
use crate::otlp::{settings, traces};
use crate::output::{Render, Style};

/// Send one test span to X-Ray's OTLP endpoint (or a segment through the daemon) and read it back
///
/// Looks up where segments go (GetTraceSegmentDestination), then POSTs one OTLP/HTTP protobuf span, signed
/// with SigV4 for service `xray` with the run's credentials, to https://xray.<region>.amazonaws.com/v1/traces
/// (or the endpoint override + /v1/traces). X-Ray's OTLP endpoint needs Transaction Search: with it off,
/// nothing is sent. Prints the trace id in W3C and X-Ray forms, then reads the trace back
/// (StartTraceRetrieval + ListRetrievedTraces under Transaction Search, BatchGetTraces otherwise) until it
/// is found, and prints how long it took to arrive; exit 1 if it never arrives within --timeout.
/// With --daemon, one segment goes over UDP to the X-Ray daemon in the SDKs' format instead.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y xray test-span --service backend-flask\n  o11y xray test-span --no-wait -o json\n  o11y xray test-span --daemon                      # AWS_XRAY_DAEMON_ADDRESS, else 127.0.0.1:2000\n  o11y xray test-span --daemon xray-daemon:2000 --timeout 5m"
)]
pub struct Args {
    /// The service name of the span (default: OTEL_SERVICE_NAME, else service.name in OTEL_RESOURCE_ATTRIBUTES,
    /// else `o11y-test-span`)
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,
    /// How long to wait for the span to arrive
    #[arg(long, value_name = "DUR", default_value = "2m")]
    pub timeout: String,
    /// Stop after sending; do not read the span back
    #[arg(long)]
    pub no_wait: bool,
    /// Send one segment over UDP to the X-Ray daemon instead [env: AWS_XRAY_DAEMON_ADDRESS, default
    /// 127.0.0.1:2000]
    #[arg(long, value_name = "HOST:PORT", num_args = 0..=1, default_missing_value = "")]
    pub daemon: Option<String>,
}

/// The daemon address when none is given: the X-Ray SDKs' default.
pub const DEFAULT_DAEMON: &str = "127.0.0.1:2000";
pub const DAEMON_ENV: &str = "AWS_XRAY_DAEMON_ADDRESS";

/// What [`send_and_confirm`] does.
#[derive(Debug, Clone, PartialEq)]
pub struct Opts {
    /// `service.name` of the span, `name` of the segment.
    pub service: String,
    /// The longest wait for the read-back.
    pub timeout: Duration,
    /// `false`: stop after sending.
    pub wait: bool,
    /// `Some(HOST:PORT)`: a segment through the daemon; `None`: a span to the OTLP endpoint.
    pub daemon: Option<String>,
}

impl Opts {
    /// From the command's flags and the environment; usage errors (exit 2) before any network call.
    pub fn from_args(args: &Args, env: impl Fn(&str) -> Option<String>) -> Result<Opts> {
        let timeout = crate::time::parse_duration(&args.timeout)
            .map_err(|e| e.context("--timeout"))?
            .to_std()
            .map_err(|_| Error::usage("--timeout must be positive"))?;
        if timeout.is_zero() {
            return Err(Error::usage("--timeout must be more than 0")
                .with_help("e.g. --timeout 2m, or --no-wait not to wait at all"));
        }
        let service = match settings::service_name(args.service.as_deref(), &env) {
            (_, settings::DEFAULT) => "o11y-test-span".to_string(),
            (s, _) => s,
        };
        let daemon = match &args.daemon {
            None => None,
            Some(a) if !a.trim().is_empty() => Some(daemon_address("--daemon", a)?),
            Some(_) => Some(match env(DAEMON_ENV).filter(|v| !v.trim().is_empty()) {
                Some(v) => daemon_address(DAEMON_ENV, &v)?,
                None => DEFAULT_DAEMON.to_string(),
            }),
        };
        Ok(Opts {
            service,
            timeout,
            wait: !args.no_wait,
            daemon,
        })
    }
}

/// `HOST:PORT`, or the SDKs' two-address form `tcp:HOST:PORT udp:HOST:PORT` (the UDP one is used).
pub fn daemon_address(from: &str, value: &str) -> Result<String> {
    let v = value.trim();
    let v = v
        .split_whitespace()
        .find_map(|p| p.strip_prefix("udp:"))
        .unwrap_or(v);
    let ok = v.rsplit_once(':').is_some_and(|(host, port)| {
        !host.is_empty()
            && !host.contains(char::is_whitespace)
            && port.parse::<u16>().is_ok_and(|p| p > 0)
    });
    if !ok {
        return Err(Error::usage(format!("{from}: `{value}` is not HOST:PORT"))
            .with_help("e.g. 127.0.0.1:2000 or xray-daemon:2000 (the SDKs also accept `tcp:HOST:PORT udp:HOST:PORT`)"));
    }
    Ok(v.to_string())
}

/// How [`send_and_confirm`] reports progress (it never prints).
#[derive(Debug)]
pub enum Event<'a> {
    /// Where segments go, looked up before sending.
    Destination(&'a SegmentDestination),
    /// The span (or segment) left.
    Sent { ids: &'a TraceId, endpoint: &'a str },
    /// Not found yet: what the last look saw.
    Waiting { elapsed: Duration, seen: &'a str },
}

/// What happened to the test span.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrival {
    pub ids: TraceId,
    pub span_id: String,
    /// The OTLP URL, or `udp://HOST:PORT` of the daemon.
    pub endpoint: String,
    /// `otlp` or `daemon`.
    pub via: &'static str,
    pub service: String,
    pub destination: SegmentDestination,
    /// The API the read-back used.
    pub read_with: &'static str,
    /// Whether it was read back at all (`false` with `--no-wait`).
    pub waited: bool,
    /// How long after sending it was found; `None` when it was not (or not looked for).
    pub arrived_after: Option<Duration>,
    /// What the last look saw, when it was not found.
    pub last_seen: String,
    /// The window the read-back searched.
    pub window: Option<Window>,
}

/// Send one test span (or daemon segment) and, unless `opts.wait` is false, read it back until found or
/// `opts.timeout`. Stops before sending when the OTLP endpoint cannot take it (Transaction Search off).
/// Errors are failures to send or to read (exit 1); a span that never arrives is `Ok` with
/// `arrived_after: None`, for the caller to report.
pub async fn send_and_confirm(
    ctx: &Context,
    opts: &Opts,
    progress: &mut dyn FnMut(Event<'_>),
) -> Result<Arrival> {
    let api = XrayApi::new(ctx.xray(Calls::Paging).await?);
    let destination = api.trace_segment_destination().await?;
    progress(Event::Destination(&destination));
    let ts = destination.is_cloudwatch_logs();
    if opts.daemon.is_none() && !ts {
        return Err(Error::failed(
            "Transaction Search is off (trace segments go to X-Ray): X-Ray's OTLP endpoint takes spans only with it on; nothing was sent",
        )
        .with_help("turn it on with `o11y xray transaction-search --enable`, or test the daemon path with `o11y xray test-span --daemon`"));
    }

    // The X-Ray SDKs' layout: the first 8 hex digits are the epoch seconds, so the id's time is usable.
    let now = Utc::now();
    let ids = TraceId::parse(&format!("{:08x}{}", now.timestamp(), random_id(12)))
        .expect("a well-formed id");
    let span_id = random_id(8);
    let end_nanos = now.timestamp_nanos_opt().unwrap_or_default().max(0) as u64;
    let duration_nanos = Duration::from_millis(25).as_nanos() as u64;

    let (endpoint, via) = match &opts.daemon {
        Some(addr) => {
            send_to_daemon(
                addr,
                &opts.service,
                &ids,
                &span_id,
                end_nanos,
                duration_nanos,
            )
            .await?;
            (format!("udp://{addr}"), "daemon")
        }
        None => {
            let url = otlp_url(ctx).await?;
            let body = traces::request(
                &opts.service,
                &[],
                &ids.w3c,
                &span_id,
                end_nanos,
                duration_nanos,
            )
            .encode_to_vec();
            send_otlp(ctx, &url, body).await?;
            (url, "otlp")
        }
    };
    let sent = Instant::now();
    progress(Event::Sent {
        ids: &ids,
        endpoint: &endpoint,
    });
    let read_with = if ts {
        "StartTraceRetrieval + ListRetrievedTraces"
    } else {
        "BatchGetTraces"
    };
    let mut arrival = Arrival {
        ids,
        span_id,
        endpoint,
        via,
        service: opts.service.clone(),
        destination,
        read_with,
        waited: opts.wait,
        arrived_after: None,
        last_seen: String::new(),
        window: None,
    };
    if !opts.wait {
        return Ok(arrival);
    }
    let seen = read_back(&api, &arrival.ids, ts, now, sent, opts.timeout, progress).await?;
    arrival.arrived_after = seen.arrived_after;
    arrival.last_seen = seen.last_seen;
    arrival.window = seen.window;
    Ok(arrival)
}

/// What a read-back found.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadBack {
    /// How long after `sent` the trace was found; `None` when it was not.
    pub arrived_after: Option<Duration>,
    /// What the last look saw, when it was not found.
    pub last_seen: String,
    /// The window a retrieval searched.
    pub window: Option<Window>,
}

/// Look for the trace until found or `timeout` after `sent` (`sent_at` the wall-clock time of the send):
/// StartTraceRetrieval + ListRetrievedTraces when segments go to CloudWatch Logs (`ts`), else BatchGetTraces.
pub async fn read_back(
    api: &XrayApi,
    ids: &TraceId,
    ts: bool,
    sent_at: DateTime<Utc>,
    sent: Instant,
    timeout: Duration,
    progress: &mut dyn FnMut(Event<'_>),
) -> Result<ReadBack> {
    let mut seen = ReadBack {
        arrived_after: None,
        last_seen: String::new(),
        window: None,
    };
    let pause = retrieval::poll_interval();
    loop {
        let elapsed = sent.elapsed();
        if elapsed >= timeout {
            return Ok(seen);
        }
        let found = if ts {
            let window = Window {
                start: sent_at - chrono::Duration::minutes(1),
                end: Utc::now() + chrono::Duration::seconds(1),
                from: WindowFrom::TraceId,
            };
            seen.window = Some(window);
            let remaining = timeout - elapsed;
            match retrieval::retrieve(api, ids, &window, TraceFormat::Xray, remaining, &mut |_| {})
                .await?
            {
                Outcome::Found(..) => true,
                Outcome::NotFound => {
                    seen.last_seen = "a completed retrieval without the trace".into();
                    false
                }
                Outcome::Unfinished(status) => {
                    let completed = "a completed retrieval without the trace";
                    seen.last_seen = if seen.last_seen.starts_with(completed) {
                        format!("{completed}, then one still {status} when the time ran out")
                    } else {
                        format!("a retrieval still {status}")
                    };
                    false
                }
            }
        } else {
            match api.trace(&ids.xray).await? {
                Some(_) => true,
                None => {
                    seen.last_seen = "BatchGetTraces without the trace".into();
                    false
                }
            }
        };
        if found {
            seen.arrived_after = Some(sent.elapsed());
            seen.last_seen.clear();
            return Ok(seen);
        }
        progress(Event::Waiting {
            elapsed: sent.elapsed(),
            seen: &seen.last_seen,
        });
        if sent.elapsed() + pause >= timeout {
            return Ok(seen);
        }
        tokio::time::sleep(pause).await;
    }
}

/// `--endpoint-url`, else AWS_ENDPOINT_URL_XRAY, else AWS_ENDPOINT_URL, else the region's X-Ray endpoint;
/// then `/v1/traces`.
async fn otlp_url(ctx: &Context) -> Result<String> {
    let sdk = ctx.sdk_config().await?;
    let overrides = Overrides::of(ctx, sdk.region().map(|r| r.to_string()));
    if let Some((u, var)) = overrides.aws_override(XRAY) {
        crate::aws::check_url(var, &u)?;
    }
    Ok(format!(
        "{}/v1/traces",
        overrides.aws_base(XRAY).unwrap_or_default()
    ))
}

/// POST the protobuf body, SigV4-signed for `xray` in the run's region with the run's credentials.
async fn send_otlp(ctx: &Context, url: &str, body: Vec<u8>) -> Result<()> {
    let sdk = ctx.sdk_config().await?;
    let region = sdk.region().map(|r| r.to_string()).unwrap_or_default();
    let answer = post(
        ctx,
        &Post {
            url,
            body,
            content_type: "application/x-protobuf",
            gzip: false,
            headers: &[],
            sigv4: Some(SigV4 {
                service: XRAY.name,
                region: &region,
            }),
            timeout: None,
            deadline: None,
        },
    )
    .await?;
    let status = answer.status;
    if !answer.ok() {
        let said = error_body_text(answer.content_type.as_deref(), &answer.body)
            .map(|t| format!(": {t}"))
            .unwrap_or_default();
        let e = Error::failed(format!("{url} refused the span (HTTP {status}{said})"));
        return Err(match status {
            401 | 403 => e.with_help("the credentials need the xray:PutSpans permission (AWSXrayWriteOnlyAccess has it), and the endpoint's region must match --region"),
            404 => e.with_help("X-Ray's OTLP endpoint is https://xray.<region>.amazonaws.com/v1/traces: check --endpoint-url / AWS_ENDPOINT_URL_XRAY"),
            _ => e,
        });
    }
    if let Some(r) = traces::rejected(answer.content_type.as_deref(), &answer.body) {
        return Err(Error::failed(format!(
            "{url} accepted the request but rejected {} span(s): {}",
            r.count,
            if r.message.is_empty() {
                "no reason given"
            } else {
                &r.message
            }
        )));
    }
    Ok(())
}

/// The segment the X-Ray SDKs would send for one 25 ms request.
pub fn daemon_segment(
    service: &str,
    ids: &TraceId,
    span_id: &str,
    end_nanos: u64,
    duration_nanos: u64,
) -> Value {
    let secs = |n: u64| n as f64 / 1e9;
    json!({
        "name": service,
        "id": span_id,
        "trace_id": ids.xray,
        "start_time": secs(end_nanos.saturating_sub(duration_nanos)),
        "end_time": secs(end_nanos),
        "annotations": {"o11y_test_span": true},
        "metadata": {"o11y": {"version": env!("CARGO_PKG_VERSION")}},
    })
}

/// One UDP datagram: the `{"format": "json", "version": 1}` header line, then the segment.
async fn send_to_daemon(
    addr: &str,
    service: &str,
    ids: &TraceId,
    span_id: &str,
    end_nanos: u64,
    duration_nanos: u64,
) -> Result<()> {
    let segment = daemon_segment(service, ids, span_id, end_nanos, duration_nanos);
    let datagram = format!("{{\"format\": \"json\", \"version\": 1}}\n{segment}");
    let target = tokio::net::lookup_host(addr)
        .await
        .map_err(|e| Error::failed(format!("could not resolve the daemon address {addr}: {e}")))?
        .next()
        .ok_or_else(|| Error::failed(format!("the daemon address {addr} resolves to nothing")))?;
    let bind = if target.is_ipv6() {
        "[::]:0"
    } else {
        "0.0.0.0:0"
    };
    let sock = tokio::net::UdpSocket::bind(bind)
        .await
        .map_err(|e| Error::failed(format!("could not open a UDP socket: {e}")))?;
    sock.send_to(datagram.as_bytes(), target)
        .await
        .map_err(|e| Error::failed(format!("could not send to the daemon at {addr}: {e}")))?;
    Ok(())
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let opts = Opts::from_args(&args, |k| ctx.env.raw(k))?;
    let out = &ctx.out;
    let wait_note = opts.wait;
    let timeout = opts.timeout;
    let mut last_progress = Instant::now();
    let arrival = send_and_confirm(ctx, &opts, &mut |e| match e {
        Event::Destination(d) => {
            out.verbose(&format!(
                "trace segments go to {} ({})",
                d.destination, d.status
            ));
            if d.is_cloudwatch_logs() && d.status != "ACTIVE" {
                out.warn(&format!(
                    "Transaction Search is still {}: spans may not be searchable until it is ACTIVE",
                    d.status
                ));
            }
        }
        Event::Sent { ids, endpoint } => {
            out.note(&format!("sent trace {} to {endpoint}", ids.w3c));
            if wait_note {
                out.note(&format!(
                    "waiting up to {} for it to arrive ...",
                    crate::time::human(timeout)
                ));
            }
        }
        Event::Waiting { elapsed, seen } => {
            if out.stderr_is_terminal() {
                out.progress(Some(&format!(
                    "{:.0} s: not yet ({seen})",
                    elapsed.as_secs_f64()
                )));
            } else if last_progress.elapsed() >= Duration::from_secs(10) {
                last_progress = Instant::now();
                out.note(&format!("{:.0} s: not yet ({seen})", elapsed.as_secs_f64()));
            }
        }
    })
    .await;
    if out.stderr_is_terminal() {
        out.progress(None);
    }
    let arrival = arrival?;
    out.print(&arrival)?;
    if arrival.waited && arrival.arrived_after.is_none() {
        let window = arrival
            .window
            .map(|w| format!(" (searched {})", w.describe()))
            .unwrap_or_default();
        return Err(Error::failed(format!(
            "the test span did not arrive within {}: the last look ({}) found {}{window}",
            crate::time::human(opts.timeout),
            arrival.read_with,
            if arrival.last_seen.is_empty() {
                "nothing"
            } else {
                &arrival.last_seen
            }
        ))
        .with_help(if arrival.via == "daemon" {
            "check that the daemon runs and listens at that address (UDP), and that its role may call xray:PutTraceSegments; or wait longer with --timeout"
        } else {
            "spans can take a minute or two to be searchable; wait longer with --timeout, and check `o11y xray transaction-search`"
        }));
    }
    Ok(())
}

impl Render for Arrival {
    fn json(&self) -> Value {
        let mut v = json!({
            "traceId": self.ids.w3c,
            "xrayTraceId": self.ids.xray,
            "spanId": self.span_id,
            "endpoint": self.endpoint,
            "via": self.via,
            "service_name": self.service,
            "Destination": self.destination.destination,
            "Status": self.destination.status,
        });
        if self.waited {
            v["read_with"] = json!(self.read_with);
            match self.arrived_after {
                Some(d) => v["arrived_after_ms"] = json!(d.as_millis() as u64),
                None => {
                    v["arrived"] = json!(false);
                    v["last_seen"] = json!(self.last_seen);
                }
            }
        }
        v
    }

    fn text(&self, style: &Style) -> String {
        let how = if self.via == "daemon" {
            "1 segment over UDP to the X-Ray daemon"
        } else {
            "1 span (OTLP/HTTP protobuf, SigV4 `xray`)"
        };
        let mut rows = vec![
            ("sent", format!("{how} to {}", self.endpoint)),
            ("trace id", style.bold(&self.ids.w3c)),
            ("X-Ray id", self.ids.xray.clone()),
            ("service", self.service.clone()),
            (
                "segments go to",
                format!(
                    "{} ({})",
                    self.destination.destination, self.destination.status
                ),
            ),
        ];
        if self.waited {
            rows.push((
                "arrived",
                match self.arrived_after {
                    Some(d) => style.green(&format!(
                        "after {} ms (read back with {})",
                        d.as_millis(),
                        self.read_with
                    )),
                    None => style.red("no"),
                },
            ));
        }
        let w = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        rows.iter()
            .map(|(k, v)| format!("{k:<w$}  {v}\n"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(daemon: Option<&str>) -> Args {
        Args {
            service: None,
            timeout: "2m".into(),
            no_wait: false,
            daemon: daemon.map(str::to_string),
        }
    }

    #[test]
    fn the_daemon_address_comes_from_the_flag_the_variable_or_the_sdks_default() {
        let none = |_: &str| None;
        assert_eq!(Opts::from_args(&args(None), none).unwrap().daemon, None);
        assert_eq!(
            Opts::from_args(&args(Some("")), none)
                .unwrap()
                .daemon
                .as_deref(),
            Some(DEFAULT_DAEMON)
        );
        let env = |k: &str| (k == DAEMON_ENV).then(|| "tcp:xray:2000 udp:xray:2001".to_string());
        assert_eq!(
            Opts::from_args(&args(Some("")), env)
                .unwrap()
                .daemon
                .as_deref(),
            Some("xray:2001")
        );
        assert_eq!(
            Opts::from_args(&args(Some("10.0.0.1:2000")), env)
                .unwrap()
                .daemon
                .as_deref(),
            Some("10.0.0.1:2000")
        );
        for bad in ["xray", "xray:", ":2000", "xray:0", "xray:99999"] {
            let e = Opts::from_args(&args(Some(bad)), none).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}");
            assert!(e.message.contains("--daemon"), "{}", e.message);
        }
    }

    #[test]
    fn the_daemon_segment_has_the_fields_the_daemon_requires() {
        let ids = TraceId::parse("5759e988bd862e3fe1be46a994272793").unwrap();
        let s = daemon_segment("svc", &ids, "53995c3f42cd8ad8", 2_000_000_000, 25_000_000);
        assert_eq!(s["trace_id"], "1-5759e988-bd862e3fe1be46a994272793");
        assert_eq!(s["id"], "53995c3f42cd8ad8");
        assert_eq!(s["name"], "svc");
        assert_eq!(s["start_time"], 1.975);
        assert_eq!(s["end_time"], 2.0);
    }
}
