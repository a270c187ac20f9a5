//! The FilterLogEvents side of `logs tail`: a pass over every group (merged in timestamp order, streaming),
//! the polling follow, and the printer both write through. `live.rs` uses the same passes to fill the gaps
//! of its Live Tail sessions.

use std::fmt::Write as _;
use std::time::Duration;

use chrono::format::{Item, StrftimeItems};
use chrono::{DateTime, Local, Utc};

use super::api::{CallError, Event, FilterQuery, LogsApi, Page};
use super::stream::{level, poll_interval, Admit, Backoff, Level, Merge};
use crate::error::Result;
use crate::output::{Output, ProgressLine, Style};

/// How far back each `--follow` poll reaches before the previous poll: an event that arrives this late (its
/// timestamp this much older than the time it is ingested) is still shown.
pub const OVERLAP: Duration = Duration::from_secs(30);
/// Retries of one call before a history fetch gives up (a `--follow` never gives up on throttling or 5xx).
const HISTORY_RETRIES: u32 = 8;
/// Text is written in blocks of about this size (and before every wait); `-o json` is flushed per event.
const TEXT_BLOCK: usize = 64 * 1024;

pub(super) struct Tail<'a> {
    pub(super) out: &'a Output,
    pub(super) api: &'a LogsApi,
    pub(super) groups: Vec<String>,
    follow: bool,
    pub(super) printer: Printer<'a>,
    progress: ProgressLine<'a>,
}

impl<'a> Tail<'a> {
    pub(super) fn new(
        out: &'a Output,
        api: &'a LogsApi,
        groups: Vec<String>,
        follow: bool,
        printer: Printer<'a>,
        progress: ProgressLine<'a>,
    ) -> Self {
        Tail {
            out,
            api,
            groups,
            follow,
            printer,
            progress,
        }
    }

    /// Poll for new events until Ctrl-C (handled in main) or a fatal error. Each poll reads from `OVERLAP`
    /// before the previous poll began (never before `--since`) and shows only events not shown yet.
    pub(super) async fn follow(
        &mut self,
        base: FilterQuery,
        mut prev_poll: i64,
        dedupe: &mut dyn Admit,
    ) -> Result<()> {
        let mut idle = 0;
        loop {
            tokio::time::sleep(poll_interval(idle)).await;
            let now = Utc::now().timestamp_millis();
            let from = base.start_ms.max(prev_poll - OVERLAP.as_millis() as i64);
            dedupe.forget_before(from);
            let q = FilterQuery {
                start_ms: from,
                end_ms: None,
                ..base.clone()
            };
            let shown = self.pass(&q, Some((&mut *dedupe, from)), false).await?;
            self.printer.flush()?;
            prev_poll = now;
            idle = if shown > 0 { 0 } else { idle + 1 };
        }
    }

    /// Every event of `q` in every group, merged in timestamp order and printed. With `dedupe`, events from
    /// its `from` time on are remembered, and skipped when already shown. Returns how many were printed.
    pub(super) async fn pass(
        &mut self,
        q: &FilterQuery,
        mut dedupe: Option<(&mut dyn Admit, i64)>,
        show_progress: bool,
    ) -> Result<u64> {
        if let Some((d, _)) = dedupe.as_mut() {
            d.begin_pass();
        }
        let mut merge = Merge::new(self.groups.len());
        let mut tokens: Vec<Option<String>> = vec![None; self.groups.len()];
        let mut shown = 0;
        loop {
            while let Some(i) = merge.wanting() {
                // Everything printed so far reaches the reader before the next wait on the network, and
                // the progress line is shown only during that wait, so it never mixes with events.
                self.printer.flush()?;
                if show_progress {
                    let (printed, last_ts) = (self.printer.printed, self.printer.last_ts);
                    self.progress.show(|| history_progress(printed, q, last_ts));
                }
                let page = self.fetch(i, q, tokens[i].take()).await?;
                self.progress.clear();
                let last = page.next_token.is_none();
                tokens[i] = page.next_token;
                merge.feed(i, page.events, last);
            }
            let Some((i, e)) = merge.pop() else {
                break;
            };
            if let Some((d, from)) = dedupe.as_mut() {
                if e.timestamp >= *from && !d.admit(i, &e) {
                    continue;
                }
            }
            self.printer.event(&e)?;
            shown += 1;
        }
        Ok(shown)
    }

    /// One page, retried with backoff on throttling, 5xx and network errors (for ever in a follow).
    async fn fetch(&mut self, i: usize, q: &FilterQuery, token: Option<String>) -> Result<Page> {
        let cap = if self.follow { 20 } else { 8 };
        let mut backoff = Backoff::new(Duration::from_millis(250), Duration::from_secs(cap));
        loop {
            match self
                .api
                .filter_page(&self.groups[i], q, token.clone())
                .await
            {
                Ok(page) => return Ok(page),
                Err(CallError::Transient { reason, error }) => {
                    if !self.follow && backoff.attempts >= HISTORY_RETRIES {
                        return Err(error.with_help(
                            "CloudWatch Logs kept failing or throttling; wait a little and run it again",
                        ));
                    }
                    let delay = backoff.next_delay();
                    self.progress.clear();
                    self.out.note(&format!(
                        "o11y: {} for {}: backing off {}, then retrying",
                        reason,
                        self.groups[i],
                        crate::time::human(delay)
                    ));
                    tokio::time::sleep(delay).await;
                }
                Err(e) => return Err(e.into_error()),
            }
        }
    }
}

/// "12345 events so far, 40% of the time range covered": the progress line while a history page is awaited.
fn history_progress(events: u64, q: &FilterQuery, last_ts: Option<i64>) -> String {
    let end = q.end_ms.unwrap_or_else(|| Utc::now().timestamp_millis());
    let pct = match last_ts {
        Some(t) if end > q.start_ms => ((t - q.start_ms) * 100 / (end - q.start_ms)).clamp(0, 100),
        _ => 0,
    };
    format!("o11y: {events} events so far, {pct}% of the time range covered")
}

/// Renders events: NDJSON flushed per event, or text lines written in blocks and before every wait.
pub(super) struct Printer<'a> {
    out: &'a Output,
    style: Style,
    json: bool,
    short: bool,
    utc: bool,
    with_group: bool,
    time_format: Vec<Item<'static>>,
    buf: String,
    printed: u64,
    last_ts: Option<i64>,
}

impl<'a> Printer<'a> {
    pub(super) fn new(out: &'a Output, short: bool, utc: bool, with_group: bool) -> Self {
        let fmt = if utc {
            "%Y-%m-%dT%H:%M:%S%.3fZ"
        } else {
            "%Y-%m-%dT%H:%M:%S%.3f%:z"
        };
        Printer {
            out,
            style: out.style,
            json: out.is_json(),
            short,
            utc,
            with_group,
            time_format: StrftimeItems::new(fmt).collect(),
            buf: String::with_capacity(TEXT_BLOCK + 4096),
            printed: 0,
            last_ts: None,
        }
    }

    pub(super) fn event(&mut self, e: &Event) -> Result<()> {
        self.printed += 1;
        self.last_ts = Some(e.timestamp);
        if self.json {
            return self.out.json_line(e);
        }
        self.text_line(e);
        if self.buf.len() >= TEXT_BLOCK {
            self.flush()?;
        }
        Ok(())
    }

    fn text_line(&mut self, e: &Event) {
        let s = self.style;
        let time = DateTime::<Utc>::from_timestamp_millis(e.timestamp).unwrap_or_default();
        let items = self.time_format.iter();
        let time: &dyn std::fmt::Display = if self.utc {
            &time.format_with_items(items)
        } else {
            &time.with_timezone(&Local).format_with_items(items)
        };
        if s.color {
            let _ = write!(self.buf, "{}", s.dim(&time.to_string()));
        } else {
            let _ = write!(self.buf, "{time}");
        }
        if !self.short {
            if self.with_group {
                let _ = write!(self.buf, " {}", s.cyan(&e.log_group_name));
            }
            let _ = write!(self.buf, " {}", s.cyan(&e.log_stream_name));
        }
        let msg = e.message.trim_end_matches(['\n', '\r']);
        self.buf.push(' ');
        match (s.color, level(msg)) {
            (false, _) | (true, None) => self.buf.push_str(msg),
            (true, Some(Level::Error)) => self.buf.push_str(&s.red(msg)),
            (true, Some(Level::Warn)) => self.buf.push_str(&s.yellow(msg)),
            (true, Some(Level::Debug)) => self.buf.push_str(&s.dim(msg)),
        }
        self.buf.push('\n');
    }

    pub(super) fn flush(&mut self) -> Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let r = self.out.write(&self.buf);
        self.buf.clear();
        r
    }
}
