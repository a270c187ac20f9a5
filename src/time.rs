//! Durations (`10m`, `90s`, `2h30m`, `1d`, `1w`) and times (a duration ago, or RFC 3339), parsed in one place.

use chrono::{DateTime, Duration, Utc};

use crate::error::{Error, Result};

/// Parse a duration such as `10m`, `90s`, `2h30m`, `1d`, `1w`, `500ms`. Units are required.
pub fn parse_duration(s: &str) -> Result<Duration> {
    let bad = |why: &str| {
        Error::usage(format!("invalid duration `{s}`: {why}")).with_help(
            "use a number and a unit, e.g. `90s`, `10m`, `2h30m`, `1d` (units: ms, s, m, h, d, w)",
        )
    };
    let t = s.trim();
    if t.is_empty() {
        return Err(bad("it is empty"));
    }
    let mut total = Duration::zero();
    let mut rest = t;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if digits == 0 {
            return Err(bad("expected a number"));
        }
        let n: i64 = rest[..digits]
            .parse()
            .map_err(|_| bad("the number is too large"))?;
        rest = &rest[digits..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let part = match unit {
            "ms" => Duration::try_milliseconds(n),
            "s" => Duration::try_seconds(n),
            "m" => Duration::try_minutes(n),
            "h" => Duration::try_hours(n),
            "d" => Duration::try_days(n),
            "w" => Duration::try_weeks(n),
            "" => return Err(bad("a unit is missing after the number")),
            other => return Err(bad(&format!("unknown unit `{other}`"))),
        };
        total = part
            .and_then(|p| total.checked_add(&p))
            .ok_or_else(|| bad("it is too large"))?;
    }
    Ok(total)
}

/// Parse a point in time: a duration ago (`15m`) or an RFC 3339 time (`2026-11-25T10:00:00Z`).
pub fn parse_time(s: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s.trim()) {
        return Ok(t.with_timezone(&Utc));
    }
    if s.trim().starts_with(|c: char| c.is_ascii_digit()) && !s.contains('-') && !s.contains(':') {
        let d = parse_duration(s)?;
        return now
            .checked_sub_signed(d)
            .ok_or_else(|| Error::usage(format!("invalid time `{s}`: too far in the past")));
    }
    Err(Error::usage(format!("invalid time `{s}`"))
        .with_help("use a duration ago such as `15m` or `2h`, or an RFC 3339 time such as `2026-11-25T10:00:00Z`"))
}

/// A time window `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeRange {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl TimeRange {
    /// From `--last DUR`, or `--since T [--until T]` (until defaults to now). Exactly one of last/since.
    pub fn from_args(
        last: Option<&str>,
        since: Option<&str>,
        until: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<TimeRange> {
        let (start, end) = match (last, since) {
            (Some(l), None) => {
                if until.is_some() {
                    return Err(Error::usage(
                        "`--until` goes with `--since`, not with `--last`",
                    ));
                }
                let d = parse_duration(l)?;
                if d <= Duration::zero() {
                    return Err(Error::usage(format!("`--last {l}` is an empty window"))
                        .with_help("give a duration greater than zero, e.g. `--last 10m`"));
                }
                (now - d, now)
            }
            (None, Some(s)) => {
                let start = parse_time(s, now)?;
                let end = match until {
                    Some(u) => parse_time(u, now)?,
                    None => now,
                };
                (start, end)
            }
            (Some(_), Some(_)) => {
                return Err(Error::usage("give either `--last` or `--since`, not both"))
            }
            (None, None) => {
                return Err(Error::usage("a time window is required")
                    .with_help("add `--last 10m`, or `--since T [--until T]`"))
            }
        };
        if end <= start {
            return Err(Error::usage(format!(
                "the window is empty: `--until` ({}) is not after `--since` ({})",
                end.to_rfc3339(),
                start.to_rfc3339()
            )));
        }
        Ok(TimeRange { start, end })
    }
}

/// The hidden knob for tests and benchmarks: `O11Y_POLL_MS`, the milliseconds between two polls of anything
/// o11y waits for (a read-back, a retrieval, a query, a destination becoming ACTIVE).
pub const POLL_VAR: &str = "O11Y_POLL_MS";

/// `O11Y_POLL_MS` as read from `var`, when it is a whole number of milliseconds (at least 1).
pub fn poll_ms(var: Option<&str>) -> Option<std::time::Duration> {
    var.and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|ms| *ms > 0)
        .map(std::time::Duration::from_millis)
}

/// The poll interval `O11Y_POLL_MS` sets, if any; each caller keeps its own default.
pub fn poll_override() -> Option<std::time::Duration> {
    poll_ms(std::env::var(POLL_VAR).ok().as_deref())
}

/// A duration as people read it, the same in every message: tenths under 10 s (`1.2 s`, `0.5 s`, and `5 s`
/// without a `.0`), whole seconds from 10 s on (`45 s`, `300 s`).
pub fn human(d: std::time::Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 10.0 {
        return format!("{s:.0} s");
    }
    let tenths = format!("{s:.1}");
    format!("{} s", tenths.strip_suffix(".0").unwrap_or(&tenths))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_the_same_everywhere() {
        use std::time::Duration as D;
        assert_eq!(human(D::from_millis(1234)), "1.2 s");
        assert_eq!(human(D::from_millis(500)), "0.5 s");
        assert_eq!(human(D::from_secs(1)), "1 s");
        assert_eq!(human(D::from_millis(960)), "1 s");
        assert_eq!(human(D::ZERO), "0 s");
        assert_eq!(human(D::from_secs(45)), "45 s");
        assert_eq!(human(D::from_millis(9_960)), "10 s");
        assert_eq!(human(D::from_secs(300)), "300 s");
    }
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap()
    }

    #[test]
    fn durations_of_every_unit_and_compound() {
        assert_eq!(parse_duration("10m").unwrap(), Duration::minutes(10));
        assert_eq!(parse_duration("90s").unwrap(), Duration::seconds(90));
        assert_eq!(parse_duration("2h30m").unwrap(), Duration::minutes(150));
        assert_eq!(parse_duration("1d").unwrap(), Duration::hours(24));
        assert_eq!(parse_duration("1w").unwrap(), Duration::days(7));
        assert_eq!(
            parse_duration("500ms").unwrap(),
            Duration::milliseconds(500)
        );
        assert_eq!(parse_duration("0m").unwrap(), Duration::zero());
    }

    #[test]
    fn bad_durations_are_usage_errors_naming_the_input() {
        for bad in [
            "",
            "10",
            "m",
            "10x",
            "-5m",
            "1.5h",
            "10 m",
            "99999999999999999999s",
            "9999999999999w",
        ] {
            let e = parse_duration(bad).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}");
            assert!(e.message.contains(&format!("`{bad}`")), "{}", e.message);
        }
    }

    #[test]
    fn times_are_rfc3339_or_a_duration_ago() {
        assert_eq!(
            parse_time("15m", now()).unwrap(),
            now() - Duration::minutes(15)
        );
        assert_eq!(
            parse_time("2026-11-25T10:00:00+01:00", now()).unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
        );
        assert_eq!(parse_time("yesterday", now()).unwrap_err().exit_code(), 2);
        assert_eq!(
            parse_time("2026-13-01T00:00:00Z", now())
                .unwrap_err()
                .exit_code(),
            2
        );
    }

    #[test]
    fn ranges_reject_empty_and_reversed_windows() {
        let r = TimeRange::from_args(Some("10m"), None, None, now()).unwrap();
        assert_eq!((r.end - r.start), Duration::minutes(10));
        assert_eq!(r.end, now());
        assert_eq!(
            TimeRange::from_args(Some("0m"), None, None, now())
                .unwrap_err()
                .exit_code(),
            2
        );
        let e = TimeRange::from_args(None, Some("10m"), Some("20m"), now()).unwrap_err();
        assert!(e.message.contains("not after"), "{}", e.message);
        assert_eq!(
            TimeRange::from_args(None, None, None, now())
                .unwrap_err()
                .exit_code(),
            2
        );
        let r = TimeRange::from_args(None, Some("1h"), Some("30m"), now()).unwrap();
        assert_eq!((r.end - r.start), Duration::minutes(30));
    }
}
