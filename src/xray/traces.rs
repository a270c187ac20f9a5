use serde_json::{json, Value};

use super::api::{TraceSummary, XrayApi};
use super::window::{refused_window_hint, WindowArgs};
use crate::context::{Calls, Context};
use crate::error::{Error, Result};
use crate::output::{table, Render, Style};

/// List the traces of a time window
///
/// Calls GetTraceSegmentDestination, then GetTraceSummaries, following every page. Under Transaction Search
/// (destination CloudWatchLogs) only the indexed share of traces is summarised: stderr says so and how to
/// change it. One row per trace: its id, start, duration, HTTP
/// response status, whether it has an error (4xx), a fault (5xx) or was throttled (429), and its URL.
/// `-o json` prints `TraceSummaries` in the service's field names. Draw one with `o11y xray trace ID`.
#[derive(Debug, clap::Args)]
#[command(
    override_usage = "o11y xray traces (--last DUR | --since T [--until T]) [--filter-expression E] [OPTIONS]",
    after_help = "Examples:\n  o11y xray traces --last 10m\n  o11y xray traces --last 1h --filter-expression 'service(\"backend-flask\") AND fault'\n  o11y xray traces --last 15m -o json | jq -r '.TraceSummaries[].Id'"
)]
pub struct Args {
    #[command(flatten)]
    pub window: WindowArgs,
    /// Only the traces that match this X-Ray filter expression, e.g. `service("backend-flask")`
    #[arg(long, value_name = "E")]
    pub filter_expression: Option<String>,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let range = args.window.range(ctx.now)?;
    if args
        .filter_expression
        .as_deref()
        .is_some_and(|f| f.trim().is_empty())
    {
        return Err(Error::usage("the filter expression is empty")
            .with_help("e.g. --filter-expression 'service(\"backend-flask\")', or leave it out"));
    }
    let api = XrayApi::new(ctx.xray(Calls::Paging).await?);
    if api.trace_segment_destination().await?.is_cloudwatch_logs() {
        ctx.out.note(INDEXED_ONLY);
    }
    let traces = api
        .trace_summaries(range.start, range.end, args.filter_expression.as_deref())
        .await
        .map_err(refused_window_hint)?;
    if traces.is_empty() && !ctx.out.is_json() {
        ctx.out.note("no traces in this window");
    }
    ctx.out.print(&Traces(traces))
}

/// What `traces` says under Transaction Search, where GetTraceSummaries sees only the indexed spans.
pub const INDEXED_ONLY: &str = "o11y: Transaction Search is on: only the indexed share of traces (1% by default) is listed here; \
     raise it with `o11y xray transaction-search --enable --indexing-percentage P`, or draw any trace with `o11y xray trace ID`";

struct Traces(Vec<TraceSummary>);

/// `error`, `fault`, `throttle` (comma-separated), or `-`.
pub fn flags(error: bool, fault: bool, throttle: bool) -> String {
    let f: Vec<&str> = [(error, "error"), (fault, "fault"), (throttle, "throttle")]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, name)| name)
        .collect();
    if f.is_empty() {
        "-".into()
    } else {
        f.join(",")
    }
}

/// Seconds as milliseconds with one decimal.
pub fn ms(seconds: f64) -> String {
    format!("{:.1}", seconds * 1000.0)
}

impl Render for Traces {
    fn json(&self) -> Value {
        json!({ "TraceSummaries": self.0 })
    }

    fn text(&self, style: &Style) -> String {
        let rows = self.0.iter().map(|t| {
            let http = t.http.as_ref();
            let status = http
                .and_then(|h| h.http_status)
                .map_or_else(|| "-".to_string(), |s| s.to_string());
            let f = flags(t.has_error, t.has_fault, t.has_throttle);
            let f = if t.has_fault {
                style.red(&f)
            } else if t.has_error || t.has_throttle {
                style.yellow(&f)
            } else {
                f
            };
            let url = match http {
                Some(h) => [h.http_method.as_deref(), h.http_url.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" "),
                None => String::new(),
            };
            vec![
                t.id.clone(),
                t.start_time.clone().unwrap_or_else(|| "-".into()),
                t.duration.map_or_else(|| "-".to_string(), ms),
                status,
                f,
                if url.is_empty() { "-".into() } else { url },
            ]
        });
        table(
            style,
            &["ID", "START", "DURATION MS", "STATUS", "FLAGS", "URL"],
            rows,
            &[2, 3],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_name_what_went_wrong_or_a_dash() {
        assert_eq!(flags(false, false, false), "-");
        assert_eq!(flags(true, true, false), "error,fault");
        assert_eq!(flags(true, false, true), "error,throttle");
        assert_eq!(ms(0.0125), "12.5");
    }
}
