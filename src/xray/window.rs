//! The time window shared by `service-graph` and `traces`: `--last DUR`, or `--since T [--until T]`.

use crate::error::{Error, Result};
use crate::time::TimeRange;

#[derive(Debug, Clone, clap::Args)]
pub struct WindowArgs {
    /// The window ending now, e.g. `10m`, `1h`, `2h30m`
    #[arg(long, value_name = "DUR", conflicts_with_all = ["since", "until"])]
    pub last: Option<String>,
    /// The window's start: a duration ago (`3h`) or an RFC 3339 time (`2026-11-25T10:00:00Z`)
    #[arg(long, value_name = "T")]
    pub since: Option<String>,
    /// The window's end (default: now), as for `--since`
    #[arg(long, value_name = "T", requires = "since")]
    pub until: Option<String>,
}

impl WindowArgs {
    /// The window, or a usage error (exit 2) before any request: none given, `--last 0m`, an `--until`
    /// that is not after `--since`.
    pub fn range(&self, now: chrono::DateTime<chrono::Utc>) -> Result<TimeRange> {
        TimeRange::from_args(
            self.last.as_deref(),
            self.since.as_deref(),
            self.until.as_deref(),
            now,
        )
    }
}

/// X-Ray's API reference names no longest window for GetServiceGraph or GetTraceSummaries, so o11y neither
/// splits nor refuses a long one: it asks for the window given, and when the service refuses it this hint
/// goes with the service's own message.
pub fn refused_window_hint(e: Error) -> Error {
    if e.help.is_none() && e.message.starts_with("InvalidRequestException") {
        e.with_help("if X-Ray refused the time window, ask for a shorter one (e.g. `--last 1h`)")
    } else {
        e
    }
}
