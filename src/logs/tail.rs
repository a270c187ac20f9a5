//! `o11y logs tail`: the command's arguments and its run; the passes and the polling are in `poll.rs`, the
//! Live Tail session in `live.rs`.

use super::api::{FilterQuery, LogsApi};
use super::live;
use super::names::check_group_name;
use super::poll::{Printer, Tail, OVERLAP};
use super::stream::{check_filter_pattern, Dedupe};
use crate::context::{Calls, Context};
use crate::error::Result;
use crate::output::ProgressLine;
use crate::time::TimeRange;

/// Show log events: the history, then with `--follow` new events as they arrive
///
/// Calls FilterLogEvents (interleaved, following every page) for each group and merges the groups in
/// timestamp order, streaming: memory does not grow with the number of events. With `--follow` it polls
/// about once a second (slower while idle, backing off when throttled; throttling and 5xx never end it),
/// re-reads the last 30 s so that an event ingested late is still shown, and shows each event once.
/// `-o json` writes one object per line (NDJSON), flushed per event. Ctrl-C ends a follow (exit 130).
///
/// With `--follow --live`, new events come from a Live Tail session (StartLiveTail; at most 10 groups)
/// instead of polls: the hand-over from the history shows every event once, an ended session is reconnected
/// and its gap filled with FilterLogEvents, and where Live Tail is unavailable it polls. Live events have no
/// `eventId`. Cost: Live Tail is billed per session-minute beyond the free tier's 1,800 minutes a month.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y logs tail cruddur --follow\n  o11y logs tail cruddur --since 10m --follow --live\n  o11y logs tail cruddur --since 1h --filter-pattern ERROR\n  o11y logs tail cruddur --since 2026-11-25T09:00:00Z --until 2026-11-25T10:00:00Z --utc\n  o11y logs tail cruddur api-gateway --stream-prefix web/ --format short\n  o11y logs tail cruddur --since 1h -o json | jq -r '.logStreamName + \" \" + .message'"
)]
pub struct Args {
    /// The log groups (several are merged in timestamp order)
    #[arg(required = true, value_name = "GROUP")]
    pub groups: Vec<String>,
    /// Start: a duration ago (`10m`, `2h`, `1d`) or an RFC 3339 time
    #[arg(long, value_name = "T", default_value = "10m")]
    pub since: String,
    /// End of the history (default: now); not with `--follow`
    #[arg(long, value_name = "T", conflicts_with = "follow")]
    pub until: Option<String>,
    /// Keep showing new events as they arrive, until Ctrl-C
    #[arg(short, long)]
    pub follow: bool,
    /// Only events that match this CloudWatch Logs filter pattern, e.g. `ERROR` or `"connection refused"`
    #[arg(long, value_name = "PATTERN")]
    pub filter_pattern: Option<String>,
    /// Only streams whose names start with this
    #[arg(long, value_name = "PREFIX")]
    pub stream_prefix: Option<String>,
    /// Text layout: `detailed` shows the stream (and the group, with several), `short` only time and message
    #[arg(long, value_enum, default_value = "detailed")]
    pub format: TextFormat,
    /// Show times in UTC instead of the local time zone
    #[arg(long)]
    pub utc: bool,
    /// With `--follow`: after the history, stream new events through a Live Tail session (StartLiveTail,
    /// at most 10 groups) instead of polling. Live Tail is billed per session-minute: a follow left open
    /// for an hour is 60 session-minutes. Falls back to polling where Live Tail is unavailable.
    #[arg(long, requires = "follow")]
    pub live: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TextFormat {
    Short,
    Detailed,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let mut groups: Vec<String> = Vec::new();
    for g in args.groups {
        check_group_name(&g)?;
        if !groups.contains(&g) {
            groups.push(g);
        }
    }
    let range = TimeRange::from_args(None, Some(&args.since), args.until.as_deref(), ctx.now)?;
    if let Some(p) = &args.filter_pattern {
        check_filter_pattern(p)?;
    }
    if args.live {
        live::check_group_count(groups.len())?;
    }
    let base = FilterQuery {
        start_ms: range.start.timestamp_millis(),
        end_ms: Some(range.end.timestamp_millis()),
        filter_pattern: args.filter_pattern.filter(|p| !p.trim().is_empty()),
        stream_prefix: args.stream_prefix.filter(|p| !p.is_empty()),
    };
    let api = LogsApi::new(ctx.logs(Calls::Single).await?);
    let arns = if args.live {
        Some(live::resolve_arns(&api, &groups).await?)
    } else {
        None
    };
    let printer = Printer::new(
        &ctx.out,
        args.format == TextFormat::Short,
        args.utc,
        groups.len() > 1,
    );
    let mut tail = Tail::new(
        &ctx.out,
        &api,
        groups,
        args.follow,
        printer,
        ProgressLine::new(&ctx.out),
    );
    let history_end = range.end.timestamp_millis();
    let remember_from = history_end - OVERLAP.as_millis() as i64;
    if let Some(arns) = arns {
        let mut seen = live::Seen::default();
        tail.pass(&base, Some((&mut seen, remember_from)), true)
            .await?;
        tail.printer.flush()?;
        return live::follow(&mut tail, base, history_end, seen, arns).await;
    }
    let mut dedupe = Dedupe::default();
    tail.pass(
        &base,
        args.follow.then_some((&mut dedupe, remember_from)),
        true,
    )
    .await?;
    tail.printer.flush()?;
    if !args.follow {
        return Ok(());
    }
    tail.follow(base, history_end, &mut dedupe).await
}
