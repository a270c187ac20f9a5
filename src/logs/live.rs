//! `logs tail --follow --live`: after the history, a Live Tail session (StartLiveTail) for the same groups,
//! handed over without losing or repeating an event, reconnected (and its gap filled with FilterLogEvents)
//! whenever a session ends, and replaced by polling where Live Tail is unavailable.
//!
//! The hand-over: a session shows only events ingested after it started, so once its `sessionStart` has
//! arrived, one FilterLogEvents pass reads from 30 s before the end of what was shown (the history, or the
//! ended session) to now, and a second one a few seconds later catches events that FilterLogEvents had not
//! yet indexed. Live Tail events carry no `eventId`, so an event that reaches both a query and a session is
//! recognised by what both carry ([`Key`]: group, stream, timestamp, ingestion time, message) and shown once
//! ([`Seen`]).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::Utc;

use super::api::{live_group_arn, Event, FilterQuery, LiveEvent, LiveFrame, LiveQuery, StartError};
use super::poll::{Tail, OVERLAP};
use super::stream::{Admit, Backoff};
use crate::error::{Error, Result};

/// StartLiveTail takes at most this many log groups.
pub const MAX_GROUPS: usize = 10;

/// More than [`MAX_GROUPS`] groups is a usage error, found before any call.
pub fn check_group_count(n: usize) -> Result<()> {
    if n > MAX_GROUPS {
        return Err(Error::usage(format!(
            "--live follows at most {MAX_GROUPS} log groups (Live Tail's limit), {n} were given"
        ))
        .with_help("name at most 10 groups, or leave out `--live` to poll any number of groups"));
    }
    Ok(())
}

/// Each group's ARN as StartLiveTail takes it; a group that does not exist fails naming it.
pub async fn resolve_arns(api: &super::api::LogsApi, groups: &[String]) -> Result<Vec<String>> {
    let mut arns = Vec::with_capacity(groups.len());
    for g in groups {
        match live_group_arn(api, g).await? {
            Some(arn) => arns.push(arn),
            None => {
                return Err(
                    Error::failed(format!("log group `{g}` does not exist")).with_help(
                        "check the log group's name and region; list them with `o11y logs groups`",
                    ),
                )
            }
        }
    }
    Ok(arns)
}

/// A hidden knob for the tests: the first delay (ms) of the backoff after a refused start.
const BACKOFF_ENV: &str = "O11Y_LIVE_BACKOFF_MS";
/// A hidden knob for the tests and the benchmark: how long (ms) after a session starts the catch-up pass runs.
const CATCH_UP_ENV: &str = "O11Y_LIVE_CATCH_UP_MS";

fn env_ms(name: &str, default: u64) -> Duration {
    Duration::from_millis(
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default),
    )
}

/// What identifies an event in both a FilterLogEvents page and a Live Tail update (which has no `eventId`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    group: usize,
    stream: String,
    timestamp: i64,
    ingestion_time: Option<i64>,
    message: String,
}

impl Key {
    fn of(group: usize, e: &Event) -> Key {
        Key {
            group,
            stream: e.log_stream_name.clone(),
            timestamp: e.timestamp,
            ingestion_time: e.ingestion_time,
            message: e.message.clone(),
        }
    }
}

/// The events shown whose timestamps are still inside the window a later query may read again.
///
/// Two events can be identical in every field both sources carry (an app logging one line twice in a
/// millisecond, sent in one batch), so a key is counted, not just remembered: each read (a query pass, or
/// one session) counts the copies it delivers, and a copy is shown when that read has delivered more copies
/// than were shown so far. Every read sees all copies of a key or none (they share a timestamp and an
/// ingestion time), so this shows each copy once.
#[derive(Debug, Default)]
pub struct Seen {
    /// Per key: copies shown, and the timestamp (to forget it).
    shown: HashMap<Key, u32>,
    /// Copies delivered by the current query pass.
    pass: HashMap<Key, u32>,
    /// Copies delivered by the current Live Tail session.
    session: HashMap<Key, u32>,
}

impl Seen {
    fn offer(shown: &mut HashMap<Key, u32>, read: &mut HashMap<Key, u32>, key: Key) -> bool {
        let n = read.entry(key.clone()).or_insert(0);
        *n += 1;
        let s = shown.entry(key).or_insert(0);
        if *n > *s {
            *s = *n;
            true
        } else {
            false
        }
    }

    /// A new Live Tail session begins delivering.
    pub fn begin_session(&mut self) {
        self.session.clear();
    }

    /// Remember an event a session delivered; `false` when it was shown already.
    pub fn admit_live(&mut self, group: usize, e: &Event) -> bool {
        Self::offer(&mut self.shown, &mut self.session, Key::of(group, e))
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.shown.len()
    }
}

impl Admit for Seen {
    fn begin_pass(&mut self) {
        self.pass.clear();
    }

    fn admit(&mut self, group: usize, e: &Event) -> bool {
        Self::offer(&mut self.shown, &mut self.pass, Key::of(group, e))
    }

    fn forget_before(&mut self, start_ms: i64) {
        for m in [&mut self.shown, &mut self.pass, &mut self.session] {
            m.retain(|k, _| k.timestamp >= start_ms);
        }
    }
}

/// Which of the groups a Live Tail event belongs to: its `logGroupIdentifier` is the group's ARN (or its
/// name, or `account:name`).
pub fn group_index(identifier: &str, names: &[String], arns: &[String]) -> Option<usize> {
    if let Some(i) = arns.iter().position(|a| a == identifier) {
        return Some(i);
    }
    if let Some(i) = names.iter().position(|n| n == identifier) {
        return Some(i);
    }
    let trimmed = identifier.trim_end_matches(":*");
    names
        .iter()
        .position(|n| {
            trimmed.ends_with(&format!(":log-group:{n}")) || trimmed.ends_with(&format!(":{n}"))
        })
        .or((names.len() == 1).then_some(0))
}

/// The stderr note for a change of the service's sampling, once per change.
#[derive(Debug, Default)]
pub struct Sampling {
    on: bool,
}

impl Sampling {
    pub fn update(&mut self, sampled: bool) -> Option<&'static str> {
        if sampled == self.on {
            return None;
        }
        self.on = sampled;
        Some(if sampled {
            "o11y: Live Tail is sampling: more than 500 events a second match, so some are not shown (without `--live`, polling shows every event)"
        } else {
            "o11y: Live Tail stopped sampling: every matching event is shown again"
        })
    }
}

fn live_event(e: LiveEvent, group: &str) -> Event {
    Event {
        log_group_name: group.to_string(),
        log_stream_name: e.log_stream_name,
        event_id: None,
        timestamp: e.timestamp,
        ingestion_time: e.ingestion_time,
        message: e.message,
    }
}

fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

/// Follow through Live Tail sessions until Ctrl-C (handled in main) or a fatal error. `history_end`: where the
/// history read so far ended; `seen` holds what it showed.
pub(super) async fn follow(
    tail: &mut Tail<'_>,
    base: FilterQuery,
    history_end: i64,
    mut seen: Seen,
    arns: Vec<String>,
) -> Result<()> {
    let q = LiveQuery {
        group_arns: arns.clone(),
        stream_prefix: base.stream_prefix.clone(),
        filter_pattern: base.filter_pattern.clone(),
    };
    let overlap = OVERLAP.as_millis() as i64;
    let catch_up_after = env_ms(CATCH_UP_ENV, 3000);
    let mut backoff = Backoff::new(env_ms(BACKOFF_ENV, 1000), Duration::from_secs(30));
    let mut sampling = Sampling::default();
    // Where the next gap-filling pass starts: 30 s before the end of what has been shown.
    let mut gap_from = history_end;
    let mut reconnecting = false;
    loop {
        let mut session = match tail.api.start_live_tail(&q).await {
            Ok(s) => s,
            Err(StartError::Refused { reason }) => {
                let delay = backoff.next_delay();
                tail.out.note(&format!(
                    "o11y: {reason}: backing off {}, then retrying",
                    crate::time::human(delay)
                ));
                tokio::time::sleep(delay).await;
                continue;
            }
            Err(StartError::Unavailable { reason }) => {
                tail.out.note(&format!(
                    "o11y: Live Tail is unavailable here ({reason}): polling FilterLogEvents instead"
                ));
                return tail.follow(base, gap_from, &mut seen).await;
            }
            Err(StartError::Fatal(e)) => return Err(e),
        };
        // The session counts once its sessionStart has arrived.
        match session.next().await {
            LiveFrame::Start { .. } => {}
            LiveFrame::Ended { reason } => {
                let delay = backoff.next_delay();
                tail.out.note(&format!(
                    "o11y: the Live Tail session ended before it started ({reason}): backing off {}, then retrying",
                    crate::time::human(delay)
                ));
                tokio::time::sleep(delay).await;
                continue;
            }
            LiveFrame::Update { .. } => {}
        }
        let started = Instant::now();
        if reconnecting {
            tail.out.note("o11y: Live Tail reconnected");
        }
        // Fill the gap up to this session's start; the session's own events are read after it, so they come
        // after it on stdout.
        let fill = |from: i64| FilterQuery {
            start_ms: base.start_ms.max(from - overlap),
            end_ms: None,
            ..base.clone()
        };
        let gap = fill(gap_from);
        seen.forget_before(gap.start_ms);
        tail.pass(&gap, Some((&mut seen, gap.start_ms)), false)
            .await?;
        tail.printer.flush()?;
        let mut catch_up = Some((started + catch_up_after, gap));
        seen.begin_session();
        let reason = loop {
            let frame = match catch_up.as_ref().map(|c| c.0) {
                Some(at) => tokio::select! {
                    f = session.next() => Some(f),
                    _ = tokio::time::sleep_until(at.into()) => None,
                },
                None => Some(session.next().await),
            };
            match frame {
                None => {
                    // FilterLogEvents may index an event a moment after it is ingested: read the gap again.
                    if let Some((_, q)) = catch_up.take() {
                        tail.pass(&q, Some((&mut seen, q.start_ms)), false).await?;
                        tail.printer.flush()?;
                    }
                }
                Some(LiveFrame::Start { .. }) => {}
                Some(LiveFrame::Update { sampled, events }) => {
                    if let Some(note) = sampling.update(sampled) {
                        tail.out.note(note);
                    }
                    for le in events {
                        if let Some(p) = &base.stream_prefix {
                            if !le.log_stream_name.starts_with(p.as_str()) {
                                continue;
                            }
                        }
                        let Some(i) = group_index(&le.log_group_identifier, &tail.groups, &arns)
                        else {
                            continue;
                        };
                        let e = live_event(le, &tail.groups[i]);
                        if seen.admit_live(i, &e) {
                            tail.printer.event(&e)?;
                        }
                    }
                    tail.printer.flush()?;
                    // Keep what a pass still to come may read again (the catch-up re-reads the gap).
                    let mut keep_from = now_ms() - 2 * overlap - 60_000;
                    if let Some((_, q)) = &catch_up {
                        keep_from = keep_from.min(q.start_ms);
                    }
                    seen.forget_before(keep_from);
                }
                Some(LiveFrame::Ended { reason }) => break reason,
            }
        };
        tail.out.note(&format!(
            "o11y: the Live Tail session ended ({reason}): reconnecting, then filling the gap with FilterLogEvents"
        ));
        gap_from = now_ms();
        reconnecting = true;
        // A session that lasted a while was fine: reconnect at once. One that ended quickly backs off.
        if started.elapsed() > Duration::from_secs(60) {
            backoff = Backoff::new(env_ms(BACKOFF_ENV, 1000), Duration::from_secs(30));
        } else {
            tokio::time::sleep(backoff.next_delay()).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(stream: &str, ts: i64, ingested: i64, msg: &str, id: Option<&str>) -> Event {
        Event {
            log_group_name: "g".into(),
            log_stream_name: stream.into(),
            event_id: id.map(str::to_string),
            timestamp: ts,
            ingestion_time: Some(ingested),
            message: msg.into(),
        }
    }

    /// A query pass over `events`: what it shows.
    fn pass(seen: &mut Seen, events: &[Event]) -> Vec<String> {
        seen.begin_pass();
        events
            .iter()
            .filter(|e| seen.admit(0, e))
            .map(|e| e.message.clone())
            .collect()
    }

    fn session(seen: &mut Seen, events: &[Event]) -> Vec<String> {
        events
            .iter()
            .map(|e| Event {
                event_id: None,
                ..e.clone()
            })
            .filter(|e| seen.admit_live(0, e))
            .map(|e| e.message)
            .collect()
    }

    #[test]
    fn the_hand_over_shows_each_event_once_across_history_gap_pass_and_session() {
        let a = ev("s", 100, 101, "a", Some("1"));
        let b = ev("s", 200, 201, "b", Some("2"));
        let c = ev("s", 300, 301, "c", Some("3"));
        let d = ev("s", 400, 401, "d", Some("4"));
        let mut seen = Seen::default();
        assert_eq!(pass(&mut seen, &[a.clone(), b.clone()]), ["a", "b"]);
        // The gap pass after the session started re-reads b and finds c.
        assert_eq!(pass(&mut seen, &[b.clone(), c.clone()]), ["c"]);
        seen.begin_session();
        // The session delivers c (ingested after it started, before the gap pass) and d.
        assert_eq!(session(&mut seen, &[c.clone(), d.clone()]), ["d"]);
        // The catch-up pass reads it all again: nothing new.
        assert!(pass(&mut seen, &[a, b, c, d]).is_empty());
    }

    #[test]
    fn a_reconnect_loses_and_repeats_nothing() {
        let e1 = ev("s", 1000, 1001, "e1", Some("1"));
        let e2 = ev("s", 1500, 1501, "e2", Some("2"));
        let e3 = ev("s", 2000, 2001, "e3", Some("3"));
        let mut seen = Seen::default();
        seen.begin_session();
        assert_eq!(session(&mut seen, std::slice::from_ref(&e1)), ["e1"]);
        // The session ended; e2 was ingested while there was none. The gap pass finds e1 again, and e2.
        assert_eq!(pass(&mut seen, &[e1.clone(), e2.clone()]), ["e2"]);
        seen.begin_session();
        assert_eq!(session(&mut seen, &[e2, e3]), ["e3"]);
    }

    #[test]
    fn identical_copies_are_each_shown_once_whichever_read_brings_them() {
        let x = ev("s", 500, 501, "same", Some("1"));
        let y = ev("s", 500, 501, "same", Some("2"));
        let mut seen = Seen::default();
        // The history shows both copies; a later pass and a session delivering them add nothing.
        assert_eq!(pass(&mut seen, &[x.clone(), y.clone()]).len(), 2);
        assert!(pass(&mut seen, &[x.clone(), y.clone()]).is_empty());
        seen.begin_session();
        assert!(session(&mut seen, &[x.clone(), y.clone()]).is_empty());
        // A session that saw only one so far, then a pass that finds both: the second copy is shown once.
        let mut seen = Seen::default();
        seen.begin_session();
        assert_eq!(session(&mut seen, std::slice::from_ref(&x)).len(), 1);
        assert_eq!(pass(&mut seen, &[x.clone(), y.clone()]).len(), 1);
        assert!(session(&mut seen, std::slice::from_ref(&y)).is_empty());
        // The same message at the same time ingested at another time is another event.
        let z = ev("s", 500, 900, "same", None);
        assert_eq!(session(&mut seen, &[z]).len(), 1);
    }

    #[test]
    fn another_stream_or_group_is_another_event_and_memory_is_bounded() {
        let mut seen = Seen::default();
        seen.begin_session();
        let a = ev("s1", 10, 11, "m", None);
        let b = ev("s2", 10, 11, "m", None);
        assert!(seen.admit_live(0, &a));
        assert!(seen.admit_live(0, &b));
        assert!(seen.admit_live(1, &a));
        assert!(!seen.admit_live(0, &a) || seen.len() == 3);
        for t in 0..50_000i64 {
            seen.admit_live(0, &ev("s", t, t, &t.to_string(), None));
            if t % 1000 == 0 {
                seen.forget_before(t - 2000);
            }
        }
        assert!(seen.len() <= 3001, "{}", seen.len());
    }

    #[test]
    fn live_events_find_their_group_by_arn_name_or_suffix() {
        let names = vec!["cruddur".to_string(), "/aws/lambda/fn".to_string()];
        let arns = vec![
            "arn:aws:logs:us-east-1:123456789012:log-group:cruddur".to_string(),
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn".to_string(),
        ];
        assert_eq!(group_index(&arns[1], &names, &arns), Some(1));
        assert_eq!(group_index("cruddur", &names, &arns), Some(0));
        assert_eq!(
            group_index("123456789012:/aws/lambda/fn", &names, &arns),
            Some(1)
        );
        assert_eq!(
            group_index(&format!("{}:*", arns[0]), &names, &arns),
            Some(0)
        );
        assert_eq!(group_index("other", &names, &arns), None);
        assert_eq!(group_index("whatever", &names[..1], &arns[..1]), Some(0));
    }

    #[test]
    fn sampling_is_noted_once_per_change() {
        let mut s = Sampling::default();
        let notes: Vec<bool> = [false, true, true, false, false, true]
            .into_iter()
            .filter_map(|x| s.update(x).map(|n| n.contains("is sampling")))
            .collect();
        assert_eq!(notes, [true, false, true]);
    }

    #[test]
    fn more_than_ten_groups_is_a_usage_error() {
        check_group_count(10).unwrap();
        let e = check_group_count(11).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.message.contains("at most 10"), "{}", e.message);
    }

    #[test]
    fn the_stream_prefix_is_taken_off_only_where_the_override_has_none() {
        use super::super::api::unprefixed_uri;
        assert_eq!(
            unprefixed_uri("http://stream-127.0.0.1:4566/", "http://127.0.0.1:4566").as_deref(),
            Some("http://127.0.0.1:4566/")
        );
        assert_eq!(
            unprefixed_uri(
                "https://stream-logs.example.com/x?y",
                "https://logs.example.com/x"
            )
            .as_deref(),
            Some("https://logs.example.com/x?y")
        );
        // Nothing to do: already the configured host, or a configured host that has the prefix itself.
        assert_eq!(
            unprefixed_uri("http://127.0.0.1:1/", "http://127.0.0.1:1"),
            None
        );
        assert_eq!(
            unprefixed_uri("http://stream-a.example/", "http://stream-a.example"),
            None
        );
    }
}
