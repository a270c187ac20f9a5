//! The vendors' REST APIs (Honeycomb, Rollbar, OTLP) over one reqwest client: `-v` call lines, 429s waited
//! out as the server asks (bounded), 5xx retried for idempotent requests, and network errors translated
//! with every secret redacted.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use reqwest::header::HeaderMap;
use reqwest::{Method, RequestBuilder, Response};

use crate::context::Context;
use crate::error::{source_chain, Error, Result};
use crate::secret::redact;

/// How many times a rate-limited (429) or failed (5xx) request is tried again, and the longest wait.
pub const RETRIES: u32 = 3;
pub const MAX_WAIT: Duration = Duration::from_secs(60);

/// Send the request that `build` makes (called again for each attempt). Returns the final response, whatever
/// its status, for the caller to read the vendor's error body. `secrets` are redacted from any error text.
pub async fn send(
    ctx: &Context,
    method: Method,
    url: &str,
    build: impl Fn(RequestBuilder) -> RequestBuilder,
    secrets: &[&str],
) -> Result<Response> {
    send_within(ctx, method, url, build, secrets, None).await
}

/// As [`send`], but a 429 whose wait would end after `deadline` is returned at once instead of waited out (a
/// read-back bounded by `--timeout` reports the server's answer rather than outwait it).
pub async fn send_within(
    ctx: &Context,
    method: Method,
    url: &str,
    build: impl Fn(RequestBuilder) -> RequestBuilder,
    secrets: &[&str],
    deadline: Option<Instant>,
) -> Result<Response> {
    let client = ctx.http()?;
    let idempotent = method == Method::GET || method == Method::HEAD;
    let host = reqwest::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default();
    let mut attempt = 0;
    loop {
        attempt += 1;
        ctx.out
            .verbose(&format!("-> {method} {}", redact(url, secrets)));
        let started = Instant::now();
        let resp = build(client.request(method.clone(), url))
            .send()
            .await
            .map_err(|e| {
                let what = if e.is_timeout() {
                    "timed out"
                } else {
                    "failed"
                };
                Error::failed(format!(
                    "request to {host} {what}: {}",
                    redact(&source_chain(&e), secrets)
                ))
                .with_help("check the endpoint URL and the network (and any proxy settings)")
            })?;
        let status = resp.status();
        ctx.out.verbose(&format!(
            "<- HTTP {} ({} ms)",
            status.as_u16(),
            started.elapsed().as_millis()
        ));
        let retry = status.as_u16() == 429 || (idempotent && status.is_server_error());
        if !retry || attempt > RETRIES {
            return Ok(resp);
        }
        let asked = retry_wait(resp.headers(), Utc::now())
            .unwrap_or_else(|| Duration::from_millis(500 * 2u64.pow(attempt - 1)));
        if deadline.is_some_and(|d| Instant::now() + asked > d) {
            return Ok(resp);
        }
        let wait = asked.min(MAX_WAIT);
        let why = if status.as_u16() == 429 {
            "rate limited"
        } else {
            "server error"
        };
        ctx.out.note(&format!(
            "o11y: {why} by {host} (HTTP {}); waiting {} before retry {attempt} of {RETRIES}",
            status.as_u16(),
            crate::time::human(wait)
        ));
        tokio::time::sleep(wait).await;
    }
}

/// How long the server asks us to wait: `Retry-After` (seconds or an HTTP date), the `RateLimit` header's
/// `reset=` (seconds), Rollbar's `X-Rate-Limit-Remaining-Seconds`, or `X-Rate-Limit-Reset` (epoch seconds).
pub fn retry_wait(headers: &HeaderMap, now: DateTime<Utc>) -> Option<Duration> {
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let secs = |s: &str| {
        s.parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .map(Duration::from_secs_f64)
    };
    if let Some(v) = get("retry-after") {
        if let Some(d) = secs(v) {
            return Some(d);
        }
        if let Ok(t) = DateTime::parse_from_rfc2822(v) {
            return Some((t.with_timezone(&Utc) - now).to_std().unwrap_or_default());
        }
    }
    if let Some(v) = get("ratelimit") {
        let reset = v
            .split([',', ';'])
            .find_map(|p| p.trim().strip_prefix("reset=").and_then(secs));
        if reset.is_some() {
            return reset;
        }
    }
    if let Some(d) = get("x-rate-limit-remaining-seconds").and_then(secs) {
        return Some(d);
    }
    if let Some(epoch) = get("x-rate-limit-reset").and_then(|v| v.parse::<i64>().ok()) {
        let t = DateTime::<Utc>::from_timestamp(epoch, 0)?;
        return Some((t - now).to_std().unwrap_or_default());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap()
    }

    #[test]
    fn retry_after_in_seconds_or_as_an_http_date() {
        assert_eq!(
            retry_wait(&headers(&[("retry-after", "7")]), now()),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            retry_wait(
                &headers(&[("retry-after", "Wed, 25 Nov 2026 12:00:30 GMT")]),
                now()
            ),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_wait(
                &headers(&[("retry-after", "Wed, 25 Nov 2026 11:00:00 GMT")]),
                now()
            ),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn ratelimit_reset_and_rollbar_headers() {
        assert_eq!(
            retry_wait(
                &headers(&[("ratelimit", "limit=100, remaining=0, reset=12")]),
                now()
            ),
            Some(Duration::from_secs(12))
        );
        assert_eq!(
            retry_wait(&headers(&[("x-rate-limit-remaining-seconds", "3")]), now()),
            Some(Duration::from_secs(3))
        );
        let reset = (now().timestamp() + 5).to_string();
        assert_eq!(
            retry_wait(&headers(&[("x-rate-limit-reset", &reset)]), now()),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            retry_wait(&headers(&[("retry-after", "soon")]), now()),
            None
        );
        assert_eq!(retry_wait(&HeaderMap::new(), now()), None);
    }
}
