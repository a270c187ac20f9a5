//! Reading a test item back: how long to wait, how often to ask, and how progress is reported. Used by
//! `honeycomb test-span` and `rollbar report` (and, through their `*_and_confirm` functions, by
//! `doctor --send-test`). Nothing here prints: progress goes through the caller's callback.

use std::time::Duration;

use crate::error::Result;
#[cfg(test)]
use crate::time::poll_ms;
use crate::time::{parse_duration, poll_override};

/// The default bound on a read-back (`--timeout`).
pub const DEFAULT_TIMEOUT: &str = "60s";
/// How often the vendor is asked, unless `O11Y_POLL_MS` (a hidden knob for tests) says otherwise.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(2);

/// Whether and how long to wait for an item to arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait {
    /// `false` with `--no-wait`: send only, as before.
    pub enabled: bool,
    /// The bound on the whole read-back.
    pub timeout: Duration,
    /// The pause between two polls.
    pub interval: Duration,
}

impl Wait {
    /// From `--timeout DUR` and `--no-wait` (a bad duration is a usage error, exit 2).
    pub fn from_args(timeout: &str, no_wait: bool) -> Result<Self> {
        let timeout = parse_duration(timeout)
            .map_err(|e| e.context("--timeout"))?
            .to_std()
            .unwrap_or_default();
        Ok(Wait {
            enabled: !no_wait,
            timeout,
            interval: poll_override().unwrap_or(DEFAULT_INTERVAL),
        })
    }

    /// No waiting at all (`--no-wait`).
    #[allow(dead_code)] // for `doctor --send-test` without read-back
    pub fn none() -> Self {
        Wait {
            enabled: false,
            timeout: Duration::ZERO,
            interval: DEFAULT_INTERVAL,
        }
    }
}

/// Where progress lines go: `Output::note` for a command, nothing (or a log) for doctor's concurrent rows.
pub type Progress<'a> = &'a (dyn Fn(&str) + Send + Sync);

/// Progress that goes nowhere (doctor's concurrent rows).
#[allow(dead_code)]
pub fn quiet(_: &str) {}

/// How often an unchanged "not there yet" line is repeated.
pub const REPEAT: Duration = Duration::from_secs(10);

/// Progress lines without the noise: a "still waiting" line is passed on when what was seen changed, or
/// when [`REPEAT`] has passed since the last one.
#[derive(Debug, Default)]
pub struct Throttle {
    last: Option<(String, std::time::Instant)>,
}

impl Throttle {
    /// Whether a line about `seen` should be shown now.
    pub fn due(&mut self, seen: &str) -> bool {
        let now = std::time::Instant::now();
        let due = match &self.last {
            Some((s, at)) => s != seen || now.duration_since(*at) >= REPEAT,
            None => true,
        };
        if due {
            self.last = Some((seen.to_string(), now));
        }
        due
    }
}

/// Milliseconds, for `arrived_after_ms`.
pub fn millis(d: Duration) -> u64 {
    d.as_millis().min(u128::from(u64::MAX)) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_poll_interval_knob_takes_milliseconds_and_ignores_nonsense() {
        assert_eq!(poll_ms(Some("50")), Some(Duration::from_millis(50)));
        assert_eq!(poll_ms(Some("0")), None);
        assert_eq!(poll_ms(Some("soon")), None);
        assert_eq!(poll_ms(None), None);
    }

    #[test]
    fn timeout_and_no_wait() {
        let w = Wait::from_args("90s", false).unwrap();
        assert!(w.enabled);
        assert_eq!(w.timeout, Duration::from_secs(90));
        assert!(!Wait::from_args("1m", true).unwrap().enabled);
        let e = Wait::from_args("soon", false).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.message.starts_with("--timeout: "), "{}", e.message);
    }

    #[test]
    fn an_unchanged_line_is_not_repeated_at_once() {
        let mut t = Throttle::default();
        assert!(t.due("a"));
        assert!(!t.due("a"));
        assert!(t.due("b"));
        assert!(!t.due("b"));
    }

    #[test]
    fn delays_for_people() {
        assert_eq!(millis(Duration::from_secs(2)), 2000);
    }
}
