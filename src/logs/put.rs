use std::time::{Duration, Instant};

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

use super::api::{CallError, LogsApi};
use super::names::check_group_name;
use crate::context::{Calls, Context};
use crate::error::{Error, Result};
use crate::output::{Render, Style};
use crate::readback::{self, Progress, Wait};

/// The largest message PutLogEvents takes: 1 MiB per event, 26 bytes of which are the event's overhead.
const MAX_MESSAGE_BYTES: usize = 1_048_576 - 26;

/// Write one event to a log group, then find it again
///
/// Calls PutLogEvents (creating the stream with CreateLogStream when it does not exist yet), then
/// FilterLogEvents on that stream until the event shows up (PutLogEvents returns no event id, so the event
/// is matched by its stream, timestamp and message), and prints how long it took to become searchable.
/// Exit 1 when it never shows within --timeout. The stream defaults to `o11y-<hostname>`, so o11y's own
/// events never mix into the app's streams. A missing log group is not created: `o11y logs create-group`.
///
/// With --otlp the event goes through CloudWatch Logs' OTLP endpoint instead, as an OpenTelemetry SDK sends
/// it: one OTLP/HTTP protobuf log record (gzip, SigV4 `logs`, the group and stream in the x-aws-log-group
/// and x-aws-log-stream headers) POSTed to https://logs.<region>.amazonaws.com/v1/logs (or the endpoint
/// override + /v1/logs). That endpoint creates neither the group nor the stream, so the stream is created
/// first when missing (CreateLogStream). The stored event's layout is not documented, so the read-back
/// (FilterLogEvents on the stream) matches events that contain the message.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    o11y logs put cruddur \"deploy $(git rev-parse --short HEAD) started\"\n  \
    o11y logs put /cruddur/backend-flask 'smoke test' --stream ci --timeout 1m\n  \
    o11y logs put cruddur 'marker' --no-wait -o json\n  \
    o11y logs put cruddur 'through the OTLP endpoint' --otlp --stream default")]
pub struct Args {
    /// The log group (it must exist)
    pub group: String,
    /// The event's message
    pub message: String,
    /// The log stream, created when missing [default: o11y-<hostname>]
    #[arg(long, value_name = "NAME")]
    pub stream: Option<String>,
    /// How long to look for the event before giving up
    #[arg(long, value_name = "DUR", default_value = readback::DEFAULT_TIMEOUT)]
    pub timeout: String,
    /// Write the event and stop: do not look for it
    #[arg(long)]
    pub no_wait: bool,
    /// Send it through CloudWatch Logs' OTLP endpoint (/v1/logs, SigV4 `logs`) instead of PutLogEvents
    #[arg(long)]
    pub otlp: bool,
}

/// One event to write.
#[derive(Debug, Clone)]
pub struct PutRequest {
    pub group: String,
    pub stream: String,
    pub message: String,
}

impl PutRequest {
    /// Check the names and the message by the service's rules (exit 2, before any call).
    pub fn validate(&self) -> Result<()> {
        check_group_name(&self.group)?;
        check_stream_name(&self.stream)?;
        if self.message.is_empty() {
            return Err(Error::usage("the message is empty")
                .with_help("o11y logs put GROUP 'deploy 1.4.2 started'"));
        }
        if self.message.len() > MAX_MESSAGE_BYTES {
            return Err(Error::usage(format!(
                "the message has {} bytes; CloudWatch Logs takes at most {MAX_MESSAGE_BYTES} per event",
                self.message.len()
            )));
        }
        Ok(())
    }
}

/// A log stream name as CloudWatch Logs accepts it: 1 to 512 characters, no `:` and no `*`.
pub fn check_stream_name(name: &str) -> Result<()> {
    let n = name.chars().count();
    if (1..=512).contains(&n) && !name.contains([':', '*']) {
        Ok(())
    } else {
        Err(Error::usage(format!("invalid log stream name `{name}`"))
            .with_help("a log stream name is 1 to 512 characters, without `:` or `*`"))
    }
}

/// o11y's own stream on this machine: `o11y-<hostname>` (`:` and `*`, which stream names may not hold,
/// become `-`).
pub fn default_stream() -> String {
    let host: String = crate::context::hostname()
        .chars()
        .map(|c| if c == ':' || c == '*' { '-' } else { c })
        .take(500)
        .collect();
    format!("o11y-{host}")
}

/// The event as written.
#[derive(Debug, Clone)]
pub struct Written {
    pub group: String,
    pub stream: String,
    pub message: String,
    /// Milliseconds since the epoch.
    pub timestamp: i64,
    /// Whether the stream was created for it.
    pub stream_created: bool,
    /// When PutLogEvents was sent: the start of the delay reported.
    pub sent_at: Instant,
    /// The OTLP endpoint it went through (`--otlp`); `None`: PutLogEvents.
    pub otlp_url: Option<String>,
}

/// The event found again by FilterLogEvents.
#[derive(Debug, Clone)]
pub struct Found {
    pub event_id: String,
    pub ingestion_time: Option<i64>,
    /// From sending PutLogEvents to the FilterLogEvents answer that held the event.
    pub after: Duration,
}

/// What a read-back saw.
#[derive(Debug, Clone)]
pub enum ReadBack {
    Arrived(Found),
    /// Not found within the timeout: how many searches were made, and the last transient error, if any.
    NotSeen {
        searches: u32,
        waited: Duration,
        last_error: Option<String>,
    },
}

/// PutLogEvents, creating the stream when needed. A missing group is an error naming it, with the fix.
pub async fn write(api: &LogsApi, req: &PutRequest, now: DateTime<Utc>) -> Result<Written> {
    let timestamp = now.timestamp_millis();
    let sent_at = Instant::now();
    if api
        .put_event(&req.group, &req.stream, timestamp, &req.message)
        .await?
    {
        return Ok(Written {
            group: req.group.clone(),
            stream: req.stream.clone(),
            message: req.message.clone(),
            timestamp,
            stream_created: false,
            sent_at,
            otlp_url: None,
        });
    }
    if api.group(&req.group).await?.is_none() {
        return Err(missing_group(&req.group));
    }
    api.create_stream(&req.group, &req.stream).await?;
    let sent_at = Instant::now();
    if !api
        .put_event(&req.group, &req.stream, timestamp, &req.message)
        .await?
    {
        return Err(Error::failed(format!(
            "log stream `{}` of `{}` is missing right after it was created",
            req.stream, req.group
        )));
    }
    Ok(Written {
        group: req.group.clone(),
        stream: req.stream.clone(),
        message: req.message.clone(),
        timestamp,
        stream_created: true,
        sent_at,
        otlp_url: None,
    })
}

fn missing_group(group: &str) -> Error {
    Error::failed(format!("log group `{group}` does not exist")).with_help(format!(
        "create it with `o11y logs create-group {group}` (or add it to o11y.toml and run `o11y setup`); \
         list the groups with `o11y logs groups`"
    ))
}

/// The same event through CloudWatch Logs' OTLP endpoint: the stream is created first when missing (the
/// endpoint creates neither), then one gzipped protobuf log record, SigV4 `logs` in the run's region.
pub async fn write_otlp(
    ctx: &Context,
    api: &LogsApi,
    req: &PutRequest,
    now: DateTime<Utc>,
) -> Result<Written> {
    use crate::otlp::destination::{Overrides, LOGS};
    use crate::otlp::send::{post, Post, SigV4};
    use crate::otlp::{common, logs, settings::Signal};
    let stream_created = match api.stream_exists(&req.group, &req.stream).await? {
        None => return Err(missing_group(&req.group)),
        Some(true) => false,
        Some(false) => {
            api.create_stream(&req.group, &req.stream).await?;
            true
        }
    };
    let sdk = ctx.sdk_config().await?;
    let region = sdk.region().map(|r| r.to_string()).unwrap_or_default();
    let overrides = Overrides::of(ctx, Some(region.clone()));
    if let Some((u, var)) = overrides.aws_override(LOGS) {
        crate::aws::check_url(var, &u)?;
    }
    let url = format!("{}/v1/logs", overrides.aws_base(LOGS).unwrap_or_default());
    let nanos = now.timestamp_nanos_opt().unwrap_or_default().max(0) as u64;
    let record = logs::request(
        "o11y",
        &[],
        &req.message,
        &common::random_id(16),
        &common::random_id(8),
        nanos,
        &[],
    );
    let headers = [
        ("x-aws-log-group".to_string(), req.group.clone()),
        ("x-aws-log-stream".to_string(), req.stream.clone()),
    ];
    let sent_at = Instant::now();
    let answer = post(
        ctx,
        &Post {
            url: &url,
            body: prost::Message::encode_to_vec(&record),
            content_type: "application/x-protobuf",
            gzip: true,
            headers: &headers,
            sigv4: Some(SigV4 {
                service: LOGS.name,
                region: &region,
            }),
            timeout: None,
            deadline: None,
        },
    )
    .await?;
    if let Some(e) = answer.refusal(&url, Signal::Logs) {
        return Err(e);
    }
    Ok(Written {
        group: req.group.clone(),
        stream: req.stream.clone(),
        message: req.message.clone(),
        timestamp: now.timestamp_millis(),
        stream_created,
        sent_at,
        otlp_url: Some(url),
    })
}

/// Search the event's stream at its timestamp until the event shows (bounded by `timeout`), matching the
/// message; an event sent through the OTLP endpoint (whose stored layout AWS does not document) is any event
/// of the stream since a second before the send that contains the message. Throttling and 5xx answers are
/// waited out until the deadline (`on_retry` hears why); any other error ends the search.
pub async fn confirm(
    api: &LogsApi,
    w: &Written,
    timeout: Duration,
    poll: Duration,
    on_retry: Progress<'_>,
) -> Result<ReadBack> {
    let started = Instant::now();
    let deadline = started + timeout;
    let mut searches = 0;
    let mut last_error = None;
    loop {
        searches += 1;
        let events = match &w.otlp_url {
            None => api.events_at(&w.group, &w.stream, w.timestamp).await,
            Some(_) => {
                api.events(&w.group, Some(&w.stream), w.timestamp - 1000, None, None)
                    .await
            }
        };
        let escaped = serde_json::to_string(&w.message).unwrap_or_default();
        let escaped = escaped.trim_matches('"');
        let matches = |e: &super::api::Event| match &w.otlp_url {
            None => e.timestamp == w.timestamp && e.message == w.message,
            Some(_) => e.message.contains(&w.message) || e.message.contains(escaped),
        };
        match events {
            Ok(events) => {
                if let Some(e) = events.into_iter().find(matches) {
                    return Ok(ReadBack::Arrived(Found {
                        event_id: e.event_id.unwrap_or_default(),
                        ingestion_time: e.ingestion_time,
                        after: w.sent_at.elapsed(),
                    }));
                }
            }
            Err(CallError::Transient { reason, .. }) => {
                on_retry(&format!("FilterLogEvents: {reason}; trying again"));
                last_error = Some(reason);
            }
            Err(CallError::Fatal(e)) => return Err(e),
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(ReadBack::NotSeen {
                searches,
                waited: started.elapsed(),
                last_error,
            });
        }
        tokio::time::sleep(poll.min(deadline - now)).await;
    }
}

/// The whole check, as `doctor --send-test` runs it: write, then (unless `wait` is off) find again. Prints
/// nothing: throttled searches are told to `progress`. `None` as the read-back: not looked for.
pub async fn send_and_confirm(
    ctx: &Context,
    req: &PutRequest,
    wait: Wait,
    progress: Progress<'_>,
) -> Result<(Written, Option<ReadBack>)> {
    req.validate()?;
    let api = LogsApi::new(ctx.logs(Calls::Single).await?);
    let w = write(&api, req, chrono::Utc::now()).await?;
    if !wait.enabled {
        return Ok((w, None));
    }
    let r = confirm(&api, &w, wait.timeout, wait.interval, progress).await?;
    Ok((w, Some(r)))
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let req = PutRequest {
        group: args.group,
        stream: args.stream.unwrap_or_else(default_stream),
        message: args.message,
    };
    req.validate()?;
    let wait = Wait::from_args(&args.timeout, args.no_wait)?;
    let api = LogsApi::new(ctx.logs(Calls::Single).await?);
    let w = match args.otlp {
        true => write_otlp(ctx, &api, &req, chrono::Utc::now()).await?,
        false => write(&api, &req, chrono::Utc::now()).await?,
    };
    if w.stream_created {
        ctx.out.note(&format!(
            "o11y: created log stream `{}` in `{}`",
            w.stream, w.group
        ));
    }
    if !wait.enabled {
        return ctx.out.print(&Put {
            written: w,
            read_back: None,
        });
    }
    let via = w
        .otlp_url
        .as_deref()
        .map(|u| format!(" through {u}"))
        .unwrap_or_default();
    ctx.out.note(&format!(
        "o11y: wrote 1 event to {}/{}{via}; looking for it with FilterLogEvents (up to {})",
        w.group,
        w.stream,
        crate::time::human(wait.timeout)
    ));
    let out = &ctx.out;
    let r = confirm(&api, &w, wait.timeout, wait.interval, &|m| {
        out.note(&format!("o11y: {m}"))
    })
    .await?;
    let not_seen = match &r {
        ReadBack::Arrived(_) => None,
        ReadBack::NotSeen {
            searches,
            last_error,
            ..
        } => Some((*searches, last_error.clone())),
    };
    let put = Put {
        written: w,
        read_back: Some(r),
    };
    if let Some((searches, last_error)) = not_seen {
        if ctx.out.is_json() {
            ctx.out.print(&put)?;
        }
        let last = last_error
            .map(|e| format!("; the last search failed: {e}"))
            .unwrap_or_default();
        return Err(Error::failed(format!(
            "the event written to {}/{} at {} did not show in FilterLogEvents within {} ({searches} searches{last})",
            put.written.group,
            put.written.stream,
            rfc3339(put.written.timestamp),
            crate::time::human(wait.timeout)
        ))
        .with_help(format!(
            "CloudWatch Logs usually makes an event searchable within seconds: try a longer --timeout, or look \
             with `o11y logs tail {} --since 5m`",
            put.written.group
        )));
    }
    ctx.out.print(&put)
}

fn rfc3339(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(SecondsFormat::Millis, true))
        .unwrap_or_else(|| ms.to_string())
}

struct Put {
    written: Written,
    read_back: Option<ReadBack>,
}

impl Render for Put {
    fn json(&self) -> Value {
        let w = &self.written;
        let mut v = json!({
            "logGroupName": w.group,
            "logStreamName": w.stream,
            "timestamp": w.timestamp,
            "message": w.message,
            "stream_created": w.stream_created,
        });
        if let Some(u) = &w.otlp_url {
            v["via"] = json!("otlp");
            v["endpoint"] = json!(u);
        }
        match &self.read_back {
            Some(ReadBack::Arrived(f)) => {
                v["eventId"] = json!(f.event_id);
                v["ingestionTime"] = json!(f.ingestion_time);
                v["arrived"] = json!(true);
                v["arrived_after_ms"] = json!(f.after.as_millis() as u64);
            }
            Some(ReadBack::NotSeen { waited, .. }) => {
                v["arrived"] = json!(false);
                v["waited_ms"] = json!(waited.as_millis() as u64);
            }
            None => {}
        }
        v
    }

    fn text(&self, style: &Style) -> String {
        let w = &self.written;
        let head = match &self.read_back {
            Some(ReadBack::Arrived(f)) => format!(
                "{} Found the event again after {} ms\n",
                style.green("✓"),
                f.after.as_millis()
            ),
            Some(ReadBack::NotSeen { .. }) => {
                format!("{} The event was not found\n", style.red("✗"))
            }
            None => format!(
                "{} Wrote 1 event (not looked for: --no-wait)\n",
                style.green("✓")
            ),
        };
        let mut rows = vec![
            ("group", w.group.clone()),
            ("stream", w.stream.clone()),
            ("timestamp", rfc3339(w.timestamp)),
        ];
        if let Some(u) = &w.otlp_url {
            rows.push(("via", format!("OTLP (protobuf, gzip, SigV4 `logs`) to {u}")));
        }
        if let Some(ReadBack::Arrived(f)) = &self.read_back {
            rows.push(("eventId", f.event_id.clone()));
            rows.push(("arrived", format!("after {} ms", f.after.as_millis())));
        }
        let rows: Vec<(&str, &str)> = rows.iter().map(|(k, v)| (*k, v.as_str())).collect();
        format!("{head}{}", crate::output::fields(style, &rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_names_follow_the_services_rules() {
        check_stream_name("o11y-web-1").unwrap();
        check_stream_name("2026/11/25/[$LATEST]abc").unwrap();
        for bad in ["", "a:b", "a*", &"x".repeat(513)] {
            assert_eq!(check_stream_name(bad).unwrap_err().exit_code(), 2, "{bad}");
        }
        let d = default_stream();
        assert!(d.starts_with("o11y-"), "{d}");
        check_stream_name(&d).unwrap();
    }

    #[test]
    fn an_empty_or_oversized_message_is_refused_before_any_call() {
        let req = |m: &str| PutRequest {
            group: "cruddur".into(),
            stream: "s".into(),
            message: m.into(),
        };
        req("hello").validate().unwrap();
        assert_eq!(req("").validate().unwrap_err().exit_code(), 2);
        let big = "x".repeat(MAX_MESSAGE_BYTES + 1);
        assert!(req(&big)
            .validate()
            .unwrap_err()
            .message
            .contains("at most"));
    }
}
