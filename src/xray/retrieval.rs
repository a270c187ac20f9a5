//! Finding one trace on either kind of account: trace ids in both forms, the window a retrieval searches,
//! and the bounded StartTraceRetrieval + ListRetrievedTraces poll used under Transaction Search (by
//! `xray trace` and `xray test-span`). Never prints: progress goes through a callback.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::api::{Retrieved, RetrievedTrace, TraceFormat, XrayApi};
use crate::error::{Error, Result};

/// How long X-Ray keeps traces, and so the oldest time an id's timestamp may plausibly have.
pub const RETENTION_DAYS: i64 = 30;
/// The window searched for an id without a usable time and without `--since`.
pub const DEFAULT_LOOKBACK_HOURS: i64 = 3;

/// A trace id in both forms: X-Ray's `1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy` and W3C's 32 hex digits (the
/// same 128 bits; the X-Ray SDKs put the start time in epoch seconds into the first 32).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceId {
    pub xray: String,
    pub w3c: String,
}

impl TraceId {
    /// Either form (hex digits in either case); `None` for anything else.
    pub fn parse(s: &str) -> Option<TraceId> {
        let s = s.trim();
        let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
        if is_trace_id(s) {
            let t = &s[2..10];
            let r = &s[11..];
            return Some(TraceId {
                xray: s.to_ascii_lowercase(),
                w3c: format!("{t}{r}").to_ascii_lowercase(),
            });
        }
        if hex(s, 32) && s.bytes().any(|b| b != b'0') {
            let s = s.to_ascii_lowercase();
            return Some(TraceId {
                xray: format!("1-{}-{}", &s[..8], &s[8..]),
                w3c: s,
            });
        }
        None
    }

    /// The time in the id's first 8 hex digits, when it is plausible for a trace X-Ray still keeps: not in
    /// the future (a minute of clock skew allowed) and not older than the retention. An OpenTelemetry id
    /// is random there (the API reference: "not required or validated"), so most of them give `None`.
    pub fn plausible_time(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let secs = i64::from_str_radix(&self.w3c[..8], 16).ok()?;
        let t = DateTime::<Utc>::from_timestamp(secs, 0)?;
        let oldest = now - chrono::Duration::days(RETENTION_DAYS);
        (t >= oldest && t <= now + chrono::Duration::seconds(60)).then_some(t)
    }
}

/// Where a retrieval's window came from, for the line that says what was searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowFrom {
    TraceId,
    Flags,
    Default,
}

/// The inclusive window a retrieval searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub from: WindowFrom,
}

impl Window {
    /// `--since/--until` when given; else the id's time when plausible (five minutes before it to an hour
    /// after, never past now); else the last [`DEFAULT_LOOKBACK_HOURS`] hours.
    pub fn for_trace(
        id: &TraceId,
        flags: Option<crate::time::TimeRange>,
        now: DateTime<Utc>,
    ) -> Window {
        if let Some(r) = flags {
            return Window {
                start: r.start,
                end: r.end,
                from: WindowFrom::Flags,
            };
        }
        if let Some(t) = id.plausible_time(now) {
            let start = t - chrono::Duration::minutes(5);
            let end = (t + chrono::Duration::hours(1))
                .min(now)
                .max(start + chrono::Duration::minutes(5));
            return Window {
                start,
                end,
                from: WindowFrom::TraceId,
            };
        }
        Window {
            start: now - chrono::Duration::hours(DEFAULT_LOOKBACK_HOURS),
            end: now,
            from: WindowFrom::Default,
        }
    }

    /// `2026-11-25T10:00:00Z .. 2026-11-25T11:00:00Z (from the trace id's time)`.
    pub fn describe(&self) -> String {
        let f = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let why = match self.from {
            WindowFrom::TraceId => "from the time in the trace id".to_string(),
            WindowFrom::Flags => "from --since/--until".to_string(),
            WindowFrom::Default => format!(
                "the last {DEFAULT_LOOKBACK_HOURS} hours: the id carries no plausible time; pass --since/--until to search elsewhere"
            ),
        };
        format!("{} .. {} ({why})", f(self.start), f(self.end))
    }
}

/// The pause between two polls: 1 s, or `O11Y_POLL_MS` (a hidden knob for tests).
pub fn poll_interval() -> Duration {
    crate::time::poll_override().unwrap_or(Duration::from_secs(1))
}

/// What a retrieval poll reports while it waits.
pub struct Waiting<'a> {
    pub status: &'a str,
    pub elapsed: Duration,
}

/// How one retrieval ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// `COMPLETE`, with the trace, in the format the service answered in.
    Found(TraceFormat, RetrievedTrace),
    /// `COMPLETE`, and the trace is not in the window.
    NotFound,
    /// Still `SCHEDULED` or `RUNNING` (the status) when the time ran out: nothing is known yet.
    Unfinished(String),
}

/// Start one retrieval of `id` in `window` and poll ListRetrievedTraces until `COMPLETE` (accepting
/// `SCHEDULED` and `RUNNING` on the way), for at most `timeout`. `FAILED`, `CANCELLED` and `TIMEOUT` are
/// errors saying so; a poll that runs out of time is [`Outcome::Unfinished`]: neither is "not found".
pub async fn retrieve(
    api: &XrayApi,
    id: &TraceId,
    window: &Window,
    format: TraceFormat,
    timeout: Duration,
    progress: &mut dyn FnMut(Waiting<'_>),
) -> Result<Outcome> {
    let started = Instant::now();
    let token = api
        .start_trace_retrieval(std::slice::from_ref(&id.xray), window.start, window.end)
        .await?;
    let pause = poll_interval();
    loop {
        let r: Retrieved = api.list_retrieved_traces(&token, format).await?;
        match r.status.as_str() {
            "COMPLETE" => {
                let found = r.traces.into_iter().find(|t| {
                    t.id.eq_ignore_ascii_case(&id.xray) || t.id.eq_ignore_ascii_case(&id.w3c)
                });
                return Ok(match found {
                    Some(t) => Outcome::Found(r.format, t),
                    None => Outcome::NotFound,
                });
            }
            "FAILED" | "CANCELLED" | "TIMEOUT" => {
                return Err(Error::failed(format!(
                    "the trace retrieval for {} ended {} (window {}): X-Ray could not say whether the trace exists",
                    id.xray,
                    r.status,
                    window.describe()
                ))
                .with_help("run it again; for a long window, a shorter --since/--until helps (retrievals time out after 60 minutes)"));
            }
            status => {
                let elapsed = started.elapsed();
                let status = if status.is_empty() { "none" } else { status };
                if elapsed + pause > timeout {
                    return Ok(Outcome::Unfinished(status.to_string()));
                }
                progress(Waiting { status, elapsed });
                tokio::time::sleep(pause).await;
            }
        }
    }
}

/// Whether `id` has the shape of an X-Ray trace id: `1-` + 8 hex + `-` + 24 hex.
pub fn is_trace_id(id: &str) -> bool {
    let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
    let mut parts = id.split('-');
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some("1"), Some(t), Some(r), None) if hex(t, 8) && hex(r, 24)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trace_ids_have_the_documented_shape() {
        assert!(is_trace_id("1-5759e988-bd862e3fe1be46a994272793"));
        for bad in [
            "",
            "5759e988-bd862e3fe1be46a994272793",
            "2-5759e988-bd862e3fe1be46a994272793",
            "1-5759e98-bd862e3fe1be46a994272793",
            "1-5759e988-bd862e3fe1be46a99427279",
            "1-5759e988-bd862e3fe1be46a99427279z",
            "1-5759e988-bd862e3fe1be46a994272793-1",
        ] {
            assert!(!is_trace_id(bad), "{bad}");
        }
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn ids_convert_between_the_xray_and_w3c_forms() {
        let x = TraceId::parse("1-5759E988-bd862e3fe1be46a994272793").unwrap();
        assert_eq!(x.xray, "1-5759e988-bd862e3fe1be46a994272793");
        assert_eq!(x.w3c, "5759e988bd862e3fe1be46a994272793");
        assert_eq!(TraceId::parse(&x.w3c).unwrap(), x);
        for bad in [
            "",
            "5759e988bd862e3fe1be46a99427279",
            "00000000000000000000000000000000",
            "5759e988-bd862e3fe1be46a994272793",
            "zz59e988bd862e3fe1be46a994272793",
        ] {
            assert!(TraceId::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_ids_time_is_used_only_when_plausible() {
        let now = at("2026-11-25T12:00:00Z");
        let id = |t: DateTime<Utc>| {
            TraceId::parse(&format!("{:08x}bd862e3fe1be46a994272793", t.timestamp())).unwrap()
        };
        let recent = id(at("2026-11-25T11:00:00Z"));
        let w = Window::for_trace(&recent, None, now);
        assert_eq!(w.from, WindowFrom::TraceId);
        assert_eq!(
            (w.start, w.end),
            (at("2026-11-25T10:55:00Z"), at("2026-11-25T12:00:00Z"))
        );
        let old = id(at("2026-10-01T00:00:00Z"));
        assert_eq!(old.plausible_time(now), None);
        let future = id(at("2026-11-25T13:00:00Z"));
        assert_eq!(future.plausible_time(now), None);
        let w = Window::for_trace(&future, None, now);
        assert_eq!(w.from, WindowFrom::Default);
        assert_eq!(w.start, at("2026-11-25T09:00:00Z"));
        assert!(w.describe().contains("--since"), "{}", w.describe());
        let flags = crate::time::TimeRange {
            start: at("2026-11-20T00:00:00Z"),
            end: at("2026-11-21T00:00:00Z"),
        };
        let w = Window::for_trace(&recent, Some(flags), now);
        assert_eq!((w.from, w.start), (WindowFrom::Flags, flags.start));
    }
}
