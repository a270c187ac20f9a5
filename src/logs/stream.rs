//! The machinery of `logs tail` that needs no network, unit-tested here: the k-way merge of the groups' page
//! streams, the `eventId` de-duplication window of `--follow`, the backoff, the poll interval, the level of a
//! message and the check of a filter pattern.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use super::api::Event;
use crate::error::{Error, Result};

/// Merges the events of several groups, each arriving page by page in timestamp order, into one stream in
/// timestamp order, holding at most one page per group. Ties go to the group given first.
///
/// Drive it with [`Merge::wanting`] (which group needs its next page before an event can be chosen),
/// [`Merge::feed`] and [`Merge::pop`].
#[derive(Debug)]
pub struct Merge {
    sources: Vec<Source>,
}

#[derive(Debug, Default)]
struct Source {
    buffered: VecDeque<Event>,
    done: bool,
}

impl Merge {
    pub fn new(groups: usize) -> Self {
        Merge {
            sources: (0..groups).map(|_| Source::default()).collect(),
        }
    }

    /// A group whose buffer is empty while it has more pages: fetch it before calling [`Merge::pop`].
    pub fn wanting(&self) -> Option<usize> {
        self.sources
            .iter()
            .position(|s| s.buffered.is_empty() && !s.done)
    }

    /// The next page of group `i`; `last` when the service gave no `nextToken`.
    pub fn feed(&mut self, i: usize, events: Vec<Event>, last: bool) {
        let s = &mut self.sources[i];
        s.buffered.extend(events);
        s.done = last;
    }

    /// The earliest buffered event and its group. Call only when [`Merge::wanting`] is `None`; `None` when
    /// every group is done.
    pub fn pop(&mut self) -> Option<(usize, Event)> {
        debug_assert!(self.wanting().is_none());
        let mut best: Option<(usize, i64)> = None;
        for (i, s) in self.sources.iter().enumerate() {
            if let Some(e) = s.buffered.front() {
                if best.is_none_or(|(_, t)| e.timestamp < t) {
                    best = Some((i, e.timestamp));
                }
            }
        }
        best.and_then(|(i, _)| self.sources[i].buffered.pop_front().map(|e| (i, e)))
    }
}

/// The events shown (group and `eventId`: an id is unique only within its group) whose timestamps are still
/// inside the re-queried window of `--follow`. Memory is bounded by the number of events in the window, not
/// by the length of the run.
#[derive(Debug, Default)]
pub struct Dedupe {
    seen: HashMap<(usize, String), i64>,
}

impl Dedupe {
    /// Remember an event; `false` when it was shown already.
    pub fn insert(&mut self, group: usize, event_id: &str, timestamp: i64) -> bool {
        let key = (group, event_id.to_string());
        if self.seen.contains_key(&key) {
            return false;
        }
        self.seen.insert(key, timestamp);
        true
    }

    /// Forget the events older than `start_ms`: a query starting there cannot return them again.
    pub fn forget_before(&mut self, start_ms: i64) {
        self.seen.retain(|_, t| *t >= start_ms);
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.seen.len()
    }
}

/// What decides whether an event read again is shown: [`Dedupe`] by `eventId` for polling, and the Live Tail
/// hand-over's `live::Seen`, by what both FilterLogEvents and Live Tail events carry.
pub trait Admit {
    /// A query pass over a window begins (it may return events shown before).
    fn begin_pass(&mut self) {}
    /// Remember an event of group `group`; `false` when it was shown already.
    fn admit(&mut self, group: usize, e: &Event) -> bool;
    /// Forget the events older than `start_ms`: a query starting there cannot return them again.
    fn forget_before(&mut self, start_ms: i64);
}

impl Admit for Dedupe {
    fn admit(&mut self, group: usize, e: &Event) -> bool {
        self.insert(
            group,
            e.event_id.as_deref().unwrap_or_default(),
            e.timestamp,
        )
    }

    fn forget_before(&mut self, start_ms: i64) {
        Dedupe::forget_before(self, start_ms);
    }
}

/// Exponential backoff with jitter ("equal jitter": half the delay fixed, half random), capped.
#[derive(Debug, Clone)]
pub struct Backoff {
    base: Duration,
    cap: Duration,
    pub attempts: u32,
}

impl Backoff {
    pub fn new(base: Duration, cap: Duration) -> Self {
        Backoff {
            base,
            cap,
            attempts: 0,
        }
    }

    /// The delay before the next attempt, between half and all of `min(base * 2^attempts, cap)`.
    pub fn next_delay(&mut self) -> Duration {
        let full = self
            .base
            .saturating_mul(1u32 << self.attempts.min(20))
            .min(self.cap);
        self.attempts += 1;
        let half = full / 2;
        half + half.mul_f64(fastrand::f64())
    }
}

/// How long `--follow` waits before its next poll: about a second, growing to 3 s while nothing arrives.
pub fn poll_interval(idle_polls: u32) -> Duration {
    let grown = 1.25f64.powi(idle_polls.saturating_sub(3).min(10) as i32);
    Duration::from_secs_f64(grown.min(3.0))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warn,
    Debug,
}

/// The level a message states near its start (`ERROR`, `WARN`, `level=error`, `"level":"warn"` ...).
pub fn level(message: &str) -> Option<Level> {
    let head = &message.as_bytes()[..message.len().min(160)];
    let mut word_start = None;
    for (i, &b) in head.iter().chain(std::iter::once(&b' ')).enumerate() {
        if b.is_ascii_alphabetic() {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(s) = word_start.take() {
            let word = &head[s..i];
            let is = |w: &str| word.eq_ignore_ascii_case(w.as_bytes());
            if is("ERROR") || is("FATAL") || is("CRITICAL") || is("PANIC") || is("ERR") {
                return Some(Level::Error);
            }
            if is("WARN") || is("WARNING") {
                return Some(Level::Warn);
            }
            if is("DEBUG") || is("TRACE") {
                return Some(Level::Debug);
            }
        }
    }
    None
}

/// Check a filter pattern's syntax (balanced quotes and brackets, the length limit) before any call.
pub fn check_filter_pattern(p: &str) -> Result<()> {
    let bad = |why: &str| {
        Error::usage(format!("invalid --filter-pattern `{p}`: {why}")).with_help(
            "e.g. `ERROR`, `\"connection refused\"`, `{ $.level = \"error\" }`; see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html",
        )
    };
    if p.chars().count() > 1024 {
        return Err(bad("it is longer than 1024 characters"));
    }
    let mut stack = Vec::new();
    let mut in_quote = false;
    let mut escaped = false;
    for c in p.chars() {
        if in_quote {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_quote = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_quote = true,
            '{' | '[' | '(' => stack.push(c),
            '}' | ']' | ')' => {
                let open = match c {
                    '}' => '{',
                    ']' => '[',
                    _ => '(',
                };
                if stack.pop() != Some(open) {
                    return Err(bad(&format!("`{c}` closes nothing")));
                }
            }
            _ => {}
        }
    }
    if in_quote {
        return Err(bad("a quote is not closed"));
    }
    if let Some(open) = stack.pop() {
        return Err(bad(&format!("`{open}` is not closed")));
    }
    let t = p.trim();
    if t.starts_with('{') && !t.contains("$.") && !t.contains("$[") {
        return Err(bad("a JSON pattern names a field such as `$.level`"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(group: &str, id: &str, ts: i64) -> Event {
        Event {
            log_group_name: group.into(),
            log_stream_name: "s".into(),
            event_id: Some(id.into()),
            timestamp: ts,
            ingestion_time: None,
            message: id.into(),
        }
    }

    /// Drive a merge over fixed pages, as `logs tail` does over the network.
    fn merged(mut pages: Vec<VecDeque<Vec<Event>>>) -> (Vec<String>, usize) {
        let mut m = Merge::new(pages.len());
        let (mut out, mut max_buffered) = (Vec::new(), 0);
        loop {
            while let Some(i) = m.wanting() {
                let page = pages[i].pop_front().unwrap_or_default();
                let last = pages[i].is_empty();
                m.feed(i, page, last);
            }
            max_buffered = max_buffered.max(m.sources.iter().map(|s| s.buffered.len()).sum());
            match m.pop() {
                Some((_, e)) => out.push(e.event_id.unwrap()),
                None => return (out, max_buffered),
            }
        }
    }

    #[test]
    fn merge_interleaves_groups_in_timestamp_order_holding_one_page_each() {
        let a = VecDeque::from([
            vec![ev("a", "a1", 1), ev("a", "a3", 3)],
            vec![ev("a", "a5", 5), ev("a", "a9", 9)],
        ]);
        let b = VecDeque::from([
            vec![ev("b", "b2", 2)],
            vec![],
            vec![ev("b", "b3", 3), ev("b", "b8", 8)],
        ]);
        let (out, max_buffered) = merged(vec![a, b]);
        assert_eq!(out, ["a1", "b2", "a3", "b3", "a5", "b8", "a9"]);
        assert!(max_buffered <= 4, "{max_buffered}");
    }

    #[test]
    fn merge_of_empty_or_one_group() {
        assert!(merged(vec![VecDeque::from([vec![]])]).0.is_empty());
        assert!(merged(vec![VecDeque::new(), VecDeque::new()]).0.is_empty());
        let one = VecDeque::from([
            vec![ev("a", "x", 5), ev("a", "y", 5)],
            vec![ev("a", "z", 4)],
        ]);
        // One group streams in the service's order, even if a page is out of order.
        assert_eq!(merged(vec![one]).0, ["x", "y", "z"]);
    }

    #[test]
    fn dedupe_shows_each_event_once_and_forgets_what_left_the_window() {
        let mut d = Dedupe::default();
        assert!(d.insert(0, "e1", 100));
        assert!(d.insert(0, "e2", 200));
        assert!(!d.insert(0, "e1", 100));
        // Another group's event with the same id is another event.
        assert!(d.insert(1, "e1", 100));
        d.forget_before(150);
        assert_eq!(d.len(), 1);
        assert!(!d.insert(0, "e2", 200));
        // Memory stays bounded by the window over a long run.
        for t in 0..100_000i64 {
            d.insert(0, &format!("id{t}"), t);
            if t % 1000 == 0 {
                d.forget_before(t - 3000);
            }
        }
        assert!(d.len() <= 4001, "{}", d.len());
    }

    #[test]
    fn backoff_doubles_with_jitter_up_to_the_cap() {
        let mut b = Backoff::new(Duration::from_millis(200), Duration::from_secs(2));
        let delays: Vec<Duration> = (0..8).map(|_| b.next_delay()).collect();
        let full = [200u64, 400, 800, 1600, 2000, 2000, 2000, 2000];
        for (d, f) in delays.iter().zip(full) {
            let f = Duration::from_millis(f);
            assert!(*d >= f / 2 && *d <= f, "{d:?} not in [{:?}, {f:?}]", f / 2);
        }
        assert_eq!(b.attempts, 8);
        let mut huge = Backoff::new(Duration::from_secs(1), Duration::from_secs(10));
        huge.attempts = 1000;
        assert!(huge.next_delay() <= Duration::from_secs(10));
    }

    #[test]
    fn polls_start_at_a_second_and_slow_to_three_when_idle() {
        assert_eq!(poll_interval(0), Duration::from_secs(1));
        assert_eq!(poll_interval(3), Duration::from_secs(1));
        assert!(poll_interval(5) > Duration::from_secs(1));
        assert_eq!(poll_interval(1000), Duration::from_secs(3));
    }

    #[test]
    fn levels_are_read_from_the_words_near_the_start() {
        assert_eq!(level("ERROR something broke"), Some(Level::Error));
        assert_eq!(
            level("[2026-11-25 10:00:00] WARNING: disk"),
            Some(Level::Warn)
        );
        assert_eq!(level(r#"{"level":"error","msg":"x"}"#), Some(Level::Error));
        assert_eq!(level("level=debug msg=x"), Some(Level::Debug));
        assert_eq!(level("GET /api/errors 200"), None);
        assert_eq!(level("INFO all good"), None);
        assert_eq!(level(""), None);
        assert_eq!(level("é ERROR"), Some(Level::Error));
    }

    #[test]
    fn filter_patterns_are_checked_for_balance() {
        for ok in [
            "",
            "ERROR",
            "\"connection refused\"",
            "{ $.level = \"error\" }",
            "[ip, user, status=5*]",
            "?ERROR ?WARN",
            "\"a \\\" quote\"",
        ] {
            check_filter_pattern(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
        }
        for bad in [
            "\"open",
            "{ $.level = 1",
            "[a, b",
            "a }",
            "{ level }",
            &"x".repeat(1025),
        ] {
            assert_eq!(
                check_filter_pattern(bad).unwrap_err().exit_code(),
                2,
                "{bad}"
            );
        }
    }
}
