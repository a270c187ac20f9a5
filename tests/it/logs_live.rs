//! `o11y logs tail --follow --live` against a Live Tail fake (tests/support/livetail.rs) that keeps its log
//! groups and events in moto: the hand-over from the history to a session, reconnects after a session ends
//! (cleanly, with an exception frame, a cut connection) with the gap filled, refused starts, sampling notes,
//! the fallback to polling against moto, the endpoint override kept exact, and the checks made before any
//! call.

use crate::support;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;
use support::follow::Follow;
use support::livetail::{End, LiveTailFake, Options, Plan};
use support::logs::{now_ms, unique, Logs};
use support::moto::Moto;
use support::{run, Sandbox};

/// `o11y logs tail GROUP --follow --live -o json ARGS` against `endpoint`, with short backoffs.
fn live(sb: &Sandbox, endpoint: &str, args: &[&str]) -> Follow {
    let mut cmd = sb.o11y_process(endpoint);
    cmd.args(["logs", "tail", "--follow", "--live", "-o", "json"])
        .args(args)
        .env("O11Y_LIVE_BACKOFF_MS", "50")
        .env("O11Y_LIVE_CATCH_UP_MS", "700");
    Follow::start(cmd)
}

fn group_with_history(logs: &Logs, prefix: &str) -> String {
    let group = unique(prefix);
    logs.create_group(&group);
    logs.create_stream(&group, "web");
    let t = now_ms();
    logs.put(
        &group,
        "web",
        &[
            (t - 60_000, "history 1".into()),
            (t - 30_000, "history 2".into()),
        ],
    );
    group
}

/// Writes `{tag} N` events to moto, one every `every`, until stopped; returns how many it wrote.
struct Writer {
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<usize>,
}

impl Writer {
    fn start(moto: &str, group: &str, tag: &str, every: Duration) -> Writer {
        let (logs, group, tag) = (Logs::new(moto), group.to_string(), tag.to_string());
        let stop = Arc::new(AtomicBool::new(false));
        let s = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut n = 0;
            while !s.load(Ordering::SeqCst) {
                logs.put(&group, "web", &[(now_ms(), format!("{tag} {n:04}"))]);
                n += 1;
                std::thread::sleep(every);
            }
            n
        });
        Writer { stop, thread }
    }

    fn stop(self) -> usize {
        self.stop.store(true, Ordering::SeqCst);
        self.thread.join().unwrap()
    }
}

/// Every message shown, with how many times.
fn counts(events: &[Value]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for e in events {
        *m.entry(e["message"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    m
}

/// Read events until `expected` distinct messages have arrived (bounded), then a little more to catch
/// repeats; assert each expected message exactly once and nothing else.
fn assert_exactly_once(f: &mut Follow, already: &[Value], expected: &[String]) -> Vec<Value> {
    let mut events = already.to_vec();
    let deadline = Instant::now() + Duration::from_secs(30);
    while counts(&events).len() < expected.len() {
        assert!(
            Instant::now() < deadline,
            "missing: {:?}\n--- stderr\n{}",
            expected
                .iter()
                .filter(|m| !counts(&events).contains_key(*m))
                .collect::<Vec<_>>(),
            f.stderr()
        );
        events.extend(f.next(1));
    }
    // The catch-up pass and the next updates come within this: a repeat would show.
    for l in f.during(Duration::from_millis(1500)) {
        events.push(serde_json::from_str(&l).unwrap());
    }
    let c = counts(&events);
    let repeated: Vec<_> = c.iter().filter(|(_, n)| **n > 1).collect();
    assert!(repeated.is_empty(), "shown twice: {repeated:?}");
    let mut want: Vec<String> = expected.to_vec();
    want.sort();
    assert_eq!(c.keys().cloned().collect::<Vec<_>>(), want);
    events
}

fn writes(tag: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{tag} {i:04}")).collect()
}

#[test]
fn history_then_live_events_with_nothing_lost_or_repeated_across_the_hand_over() {
    let moto = Moto::shared();
    let (sb, logs) = (Sandbox::new(), Logs::new(&moto.url));
    let fake = LiveTailFake::start(&moto.url, Options::default());
    let group = group_with_history(&logs, "handover");
    // Events keep arriving while the history is read and the session starts: some land before the session,
    // some after, some in both the gap pass and the session.
    let writer = Writer::start(&moto.url, &group, "during", Duration::from_millis(40));
    let mut f = live(&sb, &fake.url, &[&group, "--since", "5m"]);
    let first = f.next(2);
    assert_eq!(first[0]["message"], "history 1");
    assert!(first[0]["eventId"].is_string());
    fake.wait_sessions(1, Duration::from_secs(20));
    std::thread::sleep(Duration::from_millis(800));
    let n = writer.stop();
    let mut expected = vec!["history 1".to_string(), "history 2".to_string()];
    expected.extend(writes("during", n));
    let events = assert_exactly_once(&mut f, &first, &expected);

    // Some events came through the session: no eventId, the other fields as FilterLogEvents gives them.
    let live: Vec<&Value> = events
        .iter()
        .filter(|e| e.get("eventId").is_none())
        .collect();
    assert!(!live.is_empty(), "no event came through Live Tail");
    assert_eq!(
        live[0].as_object().unwrap().keys().collect::<Vec<_>>(),
        [
            "logGroupName",
            "logStreamName",
            "timestamp",
            "ingestionTime",
            "message"
        ]
    );
    assert_eq!(live[0]["logGroupName"], group.as_str());
    assert_eq!(live[0]["logStreamName"], "web");

    // The request: the group's ARN without `:*`, to the configured endpoint's own host (no `stream-`).
    let start = fake
        .requests()
        .into_iter()
        .find(|r| r.operation == "StartLiveTail")
        .unwrap();
    let port = fake.url.rsplit(':').next().unwrap();
    assert_eq!(start.host, format!("127.0.0.1:{port}"));
    assert_eq!(
        start.body["logGroupIdentifiers"],
        serde_json::json!([format!(
            "arn:aws:logs:us-east-1:123456789012:log-group:{group}"
        )])
    );
    assert_eq!(fake.sessions(), 1);
    let (code, stderr) = f.interrupt();
    assert_eq!(code, 130, "{stderr}");
    assert!(!stderr.contains("polling"), "{stderr}");
}

#[test]
fn ended_sessions_are_reconnected_and_their_gaps_filled_with_nothing_lost_or_repeated() {
    let moto = Moto::shared();
    let (sb, logs) = (Sandbox::new(), Logs::new(&moto.url));
    let fake = LiveTailFake::start(
        &moto.url,
        Options {
            tick: Duration::from_millis(100),
            ..Options::default()
        },
    );
    fake.plan([
        Plan::Session(End::Clean(3)),
        Plan::Session(End::Exception(3, "SessionTimeoutException")),
        Plan::Session(End::Cut(3)),
        Plan::Session(End::Exception(2, "SessionStreamingException")),
    ]);
    let group = group_with_history(&logs, "reconnect");
    let mut f = live(&sb, &fake.url, &[&group, "--since", "5m"]);
    let first = f.next(2);
    let writer = Writer::start(&moto.url, &group, "through", Duration::from_millis(30));
    fake.wait_sessions(5, Duration::from_secs(30));
    std::thread::sleep(Duration::from_millis(600));
    let n = writer.stop();
    let mut expected = vec!["history 1".to_string(), "history 2".to_string()];
    expected.extend(writes("through", n));
    assert_exactly_once(&mut f, &first, &expected);

    let (code, stderr) = f.interrupt();
    assert_eq!(code, 130, "{stderr}");
    assert_eq!(stderr.matches("session ended (").count(), 4, "{stderr}");
    assert!(stderr.contains("SessionTimeoutException"), "{stderr}");
    assert!(stderr.contains("SessionStreamingException"), "{stderr}");
    assert!(stderr.contains("the connection was lost"), "{stderr}");
    assert!(stderr.contains("the service ended the session"), "{stderr}");
    assert_eq!(
        stderr.matches("Live Tail reconnected").count(),
        4,
        "{stderr}"
    );
    // Each reconnect filled its gap with FilterLogEvents (history, then a gap and a catch-up pass per session).
    let ops = fake.operations();
    let starts = ops.iter().filter(|o| *o == "StartLiveTail").count();
    let filters = ops.iter().filter(|o| *o == "FilterLogEvents").count();
    assert_eq!(starts, 5, "{ops:?}");
    assert!(filters >= 6, "{ops:?}");
}

#[test]
fn refused_starts_back_off_and_never_end_the_tail() {
    let moto = Moto::shared();
    let (sb, logs) = (Sandbox::new(), Logs::new(&moto.url));
    let fake = LiveTailFake::start(&moto.url, Options::default());
    fake.plan([
        Plan::Refuse("LimitExceededException"),
        Plan::Refuse("ThrottlingException"),
        Plan::Refuse("LimitExceededException"),
    ]);
    let group = group_with_history(&logs, "refused");
    let mut f = live(&sb, &fake.url, &[&group, "--since", "5m"]);
    let first = f.next(2);
    fake.wait_sessions(1, Duration::from_secs(20));
    logs.put(&group, "web", &[(now_ms(), "after the refusals".into())]);
    let mut expected = vec!["history 1".to_string(), "history 2".to_string()];
    expected.push("after the refusals".into());
    assert_exactly_once(&mut f, &first, &expected);
    let (code, stderr) = f.interrupt();
    assert_eq!(code, 130, "{stderr}");
    assert_eq!(stderr.matches("backing off").count(), 3, "{stderr}");
    assert_eq!(
        stderr
            .matches("Live Tail refused the session (LimitExceededException)")
            .count(),
        2,
        "{stderr}"
    );
    assert!(stderr.contains("(ThrottlingException)"), "{stderr}");
    let starts = fake
        .operations()
        .iter()
        .filter(|o| *o == "StartLiveTail")
        .count();
    assert_eq!(starts, 4);
}

#[test]
fn sampling_is_said_once_per_change() {
    let moto = Moto::shared();
    let (sb, logs) = (Sandbox::new(), Logs::new(&moto.url));
    let fake = LiveTailFake::start(
        &moto.url,
        Options {
            tick: Duration::from_millis(400),
            sample_above: 3,
        },
    );
    let group = group_with_history(&logs, "sampled");
    let mut f = live(&sb, &fake.url, &[&group, "--since", "5m"]);
    f.next(2);
    fake.wait_sessions(1, Duration::from_secs(20));
    let burst = |tag: &str| {
        let t = now_ms();
        let events: Vec<(i64, String)> = (0..10).map(|i| (t + i, format!("{tag} {i}"))).collect();
        logs.put(&group, "web", &events);
    };
    burst("burst a");
    f.wait_stderr("Live Tail is sampling", Duration::from_secs(10));
    logs.put(&group, "web", &[(now_ms(), "calm".into())]);
    f.wait_stderr("stopped sampling", Duration::from_secs(10));
    burst("burst b");
    // The update after the burst has no events: sampling stops again.
    let deadline = Instant::now() + Duration::from_secs(10);
    while f.stderr().matches("stopped sampling").count() < 2 {
        assert!(Instant::now() < deadline, "{}", f.stderr());
        std::thread::sleep(Duration::from_millis(20));
    }
    // Quiet updates after that say nothing more.
    std::thread::sleep(Duration::from_millis(1200));
    let (code, stderr) = f.interrupt();
    assert_eq!(code, 130, "{stderr}");
    let notes: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("sampling"))
        .map(|l| {
            if l.contains("is sampling") {
                "on"
            } else {
                "off"
            }
        })
        .collect();
    assert_eq!(notes, ["on", "off", "on", "off"], "{stderr}");
}

#[test]
fn where_live_tail_is_unavailable_it_polls_against_moto_with_one_note() {
    // moto has no StartLiveTail: HTTP 500 with an HTML page.
    let moto = Moto::shared();
    let (sb, logs) = (Sandbox::new(), Logs::new(&moto.url));
    let group = group_with_history(&logs, "fallback");
    let started = Instant::now();
    let mut f = live(&sb, &moto.url, &[&group, "--since", "5m"]);
    let first = f.next(2);
    f.wait_stderr("polling FilterLogEvents instead", Duration::from_secs(5));
    assert!(started.elapsed() < Duration::from_secs(5));
    logs.put(&group, "web", &[(now_ms(), "polled 1".into())]);
    logs.put(&group, "web", &[(now_ms() - 10_000, "polled late".into())]);
    let mut expected = vec!["history 1".to_string(), "history 2".to_string()];
    expected.extend(["polled 1".to_string(), "polled late".to_string()]);
    assert_exactly_once(&mut f, &first, &expected);
    let (code, stderr) = f.interrupt();
    assert_eq!(code, 130, "{stderr}");
    assert_eq!(
        stderr.matches("Live Tail is unavailable").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("HTTP 500 without an AWS error"), "{stderr}");
}

#[test]
fn access_denied_falls_back_to_polling() {
    let moto = Moto::shared();
    let (sb, logs) = (Sandbox::new(), Logs::new(&moto.url));
    let fake = LiveTailFake::start(&moto.url, Options::default());
    fake.plan([Plan::Refuse("AccessDeniedException")]);
    let group = group_with_history(&logs, "denied");
    let mut f = live(&sb, &fake.url, &[&group, "--since", "5m"]);
    let first = f.next(2);
    f.wait_stderr("polling FilterLogEvents instead", Duration::from_secs(5));
    logs.put(&group, "web", &[(now_ms(), "polled".into())]);
    let mut expected = vec!["history 1".to_string(), "history 2".to_string()];
    expected.push("polled".into());
    assert_exactly_once(&mut f, &first, &expected);
    let (code, stderr) = f.interrupt();
    assert_eq!(code, 130, "{stderr}");
    assert!(stderr.contains("access denied"), "{stderr}");
    assert_eq!(fake.sessions(), 0);
    let starts = fake
        .operations()
        .iter()
        .filter(|o| *o == "StartLiveTail")
        .count();
    assert_eq!(starts, 1, "one try, no retries");
}

#[test]
fn more_than_ten_groups_or_live_without_follow_exit_2_before_any_call() {
    let fake = LiveTailFake::start(&Moto::shared().url, Options::default());
    let sb = Sandbox::new();
    let groups: Vec<String> = (0..11).map(|i| format!("g{i}")).collect();
    let r = run(sb
        .o11y_aws(&fake.url)
        .args(["logs", "tail", "--follow", "--live"])
        .args(&groups));
    r.code(2);
    assert!(r.stderr.contains("at most 10 log groups"), "{}", r.stderr);
    assert_eq!(r.stdout, "");
    let r = run(sb.o11y_aws(&fake.url).args(["logs", "tail", "g", "--live"]));
    r.code(2);
    assert!(r.stderr.contains("--follow"), "{}", r.stderr);
    assert!(fake.requests().is_empty(), "{:?}", fake.operations());
    // Ten is fine (the groups do not exist: it gets as far as asking).
    let r = run(sb
        .o11y_aws(&fake.url)
        .args(["logs", "tail", "--follow", "--live"])
        .args(&groups[..10]));
    r.code(1);
}

#[test]
fn a_missing_group_exits_1_naming_it_before_any_history_or_session() {
    let moto = Moto::shared();
    let (sb, logs) = (Sandbox::new(), Logs::new(&moto.url));
    let fake = LiveTailFake::start(&moto.url, Options::default());
    let group = group_with_history(&logs, "present");
    let missing = unique("missing");
    let r = run(sb
        .o11y_aws(&fake.url)
        .args(["logs", "tail", "--follow", "--live", &group, &missing]));
    r.code(1);
    assert!(
        r.stderr
            .contains(&format!("log group `{missing}` does not exist")),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");
    let ops = fake.operations();
    assert!(ops.iter().all(|o| o == "DescribeLogGroups"), "{ops:?}");
}

#[test]
fn live_events_print_as_history_events_do_in_text() {
    let moto = Moto::shared();
    let (sb, logs) = (Sandbox::new(), Logs::new(&moto.url));
    let fake = LiveTailFake::start(&moto.url, Options::default());
    let group = group_with_history(&logs, "text");
    let mut cmd = sb.o11y_process(&fake.url);
    cmd.args([
        "logs", "tail", &group, "--follow", "--live", "--utc", "--format", "short",
    ])
    .env("O11Y_LIVE_CATCH_UP_MS", "60000");
    let mut f = Follow::start(cmd);
    let lines = f.during(Duration::from_millis(1500));
    assert_eq!(lines.len(), 2, "{lines:?}");
    fake.wait_sessions(1, Duration::from_secs(20));
    std::thread::sleep(Duration::from_millis(300));
    logs.put(&group, "web", &[(now_ms(), "ERROR live one".into())]);
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut more = Vec::new();
    while more.is_empty() {
        assert!(Instant::now() < deadline, "{}", f.stderr());
        more = f.during(Duration::from_millis(200));
    }
    assert_eq!(more.len(), 1, "{more:?}");
    for l in lines.iter().chain(&more) {
        let (time, msg) = l.split_once(' ').unwrap();
        assert!(time.len() == 24 && time.ends_with('Z'), "{l}");
        assert!(!msg.contains("web"), "{l}");
    }
    assert!(more[0].ends_with(" ERROR live one"), "{}", more[0]);
    let (code, _) = f.interrupt();
    assert_eq!(code, 130);
}

/// The follow-latency benchmark (run by `scripts/bench-follow`, which passes the release binary and the
/// AWS CLIs): the time from PutLogEvents returning to the event's line on the client's stdout, for o11y's
/// polling, o11y's Live Tail (the fake sends one update a second, as the service does) and
/// `aws logs tail --follow` (CLI v2), all through the fake, which forwards every call but StartLiveTail to
/// moto and counts the FilterLogEvents calls each client makes. The same pseudo-random gaps (0.2 to 4 s)
/// between events for every client. Prints a Markdown table.
#[test]
#[ignore = "a benchmark: scripts/bench-follow runs it"]
fn bench_follow_latency() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    use std::sync::mpsc::channel;

    let events: usize = std::env::var("O11Y_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let o11y = std::env::var("O11Y_BENCH_BIN")
        .unwrap_or_else(|_| assert_cmd::cargo::cargo_bin("o11y").display().to_string());
    let moto = Moto::start();
    let fake = LiveTailFake::start(
        &moto.url,
        Options {
            tick: Duration::from_secs(1),
            sample_above: 500,
        },
    );
    let logs = Logs::new(&moto.url);
    let sb = Sandbox::new();
    let aws_env = |cmd: &mut Command, endpoint: &str| {
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", sb.home.path())
            .env("AWS_ACCESS_KEY_ID", support::ACCESS_KEY_ID)
            .env("AWS_SECRET_ACCESS_KEY", support::SECRET_ACCESS_KEY)
            .env("AWS_REGION", "us-east-1")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .env("AWS_ENDPOINT_URL", endpoint)
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_DISABLE_HOST_PREFIX_INJECTION", "true")
            .env("NO_COLOR", "1")
            // Python buffers a piped stdout: the AWS CLI would print in blocks, not per event.
            .env("PYTHONUNBUFFERED", "1");
    };

    let v2 = std::env::var("O11Y_BENCH_AWS_V2").ok();
    let (moto_url, fake_url, o11y) = (moto.url.as_str(), fake.url.as_str(), o11y.as_str());
    // (label, endpoint label, command builder)
    type Build<'a> = Box<dyn Fn(&str) -> Command + 'a>;
    let mut clients: Vec<(String, &str, Build)> = vec![
        (
            "o11y logs tail --follow (polling)".into(),
            "FilterLogEvents (moto)",
            Box::new(move |g: &str| {
                let mut c = Command::new(o11y);
                aws_env(&mut c, fake_url);
                c.args(["logs", "tail", g, "--follow", "--since", "1m"]);
                c
            }),
        ),
        (
            "o11y logs tail --follow --live".into(),
            "Live Tail (fake, 1 update/s)",
            Box::new(move |g: &str| {
                let mut c = Command::new(o11y);
                aws_env(&mut c, fake_url);
                c.args(["logs", "tail", g, "--follow", "--live", "--since", "1m"]);
                c
            }),
        ),
    ];
    if let Some(v2) = &v2 {
        clients.push((
            "aws logs tail --follow (CLI v2)".into(),
            "FilterLogEvents (moto)",
            Box::new(move |g: &str| {
                let mut c = Command::new(v2);
                aws_env(&mut c, moto_url);
                // CLI v2 before 2.13 ignores AWS_ENDPOINT_URL.
                c.args(["--endpoint-url", fake_url, "logs", "tail", g, "--follow"])
                    .args(["--since", "1m", "--format", "short"]);
                c
            }),
        ));
    }
    println!(
        "| client | events from | p50 | p95 | max | events | FilterLogEvents calls a minute |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|");
    let filters = || {
        fake.operations()
            .iter()
            .filter(|o| *o == "FilterLogEvents")
            .count()
    };
    for (label, against, build) in &clients {
        let group = unique("bench-follow");
        logs.create_group(&group);
        logs.create_stream(&group, "web");
        let mut child = build(&group)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (tx, rx) = channel::<(Instant, String)>();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for l in BufReader::new(out).lines() {
                let Ok(l) = l else { break };
                if tx.send((Instant::now(), l)).is_err() {
                    break;
                }
            }
        });
        let wait_for = |marker: &str, within: Duration| -> Option<Instant> {
            let deadline = Instant::now() + within;
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                match rx.recv_timeout(left) {
                    Ok((t, l)) if l.contains(marker) => return Some(t),
                    Ok(_) => {}
                    Err(_) => return None,
                }
            }
        };
        // Ready: a first event has come through.
        logs.put(&group, "web", &[(now_ms(), "bench-ready".into())]);
        if wait_for("bench-ready", Duration::from_secs(30)).is_none() {
            let _ = child.kill();
            println!("| {label} | {against} | did not show events | | | 0 | |");
            continue;
        }
        let (calls_before, run_start) = (filters(), Instant::now());
        let mut seed: u64 = 0x5eed;
        let mut lat = Vec::new();
        for i in 0..events {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let gap = 200 + (seed >> 33) % 3800;
            std::thread::sleep(Duration::from_millis(gap));
            let marker = format!("bench-event-{i:04}-");
            logs.put(&group, "web", &[(now_ms(), format!("{marker} payload"))]);
            let put_done = Instant::now();
            match wait_for(&marker, Duration::from_secs(30)) {
                Some(t) => lat.push(t.saturating_duration_since(put_done).as_secs_f64()),
                None => lat.push(f64::INFINITY),
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        let per_min = (filters() - calls_before) as f64 / run_start.elapsed().as_secs_f64() * 60.0;
        lat.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let pct = |p: f64| lat[((lat.len() as f64 - 1.0) * p).round() as usize];
        println!(
            "| {label} | {against} | {:.2} s | {:.2} s | {:.2} s | {} | {per_min:.0} |",
            pct(0.5),
            pct(0.95),
            lat[lat.len() - 1],
            lat.len()
        );
    }
}

#[test]
fn several_groups_are_told_apart_and_a_stream_prefix_is_applied_by_o11y_with_several() {
    let moto = Moto::shared();
    let (sb, logs) = (Sandbox::new(), Logs::new(&moto.url));
    let fake = LiveTailFake::start(&moto.url, Options::default());
    let (a, b) = (unique("multi-a"), unique("multi-b"));
    for g in [&a, &b] {
        logs.create_group(g);
        logs.create_stream(g, "web");
        logs.create_stream(g, "worker");
    }
    let mut cmd = sb.o11y_process(&fake.url);
    cmd.args(["logs", "tail", &a, &b, "--follow", "--live", "-o", "json"])
        .args(["--stream-prefix", "we"])
        .env("O11Y_LIVE_CATCH_UP_MS", "60000");
    let mut f = Follow::start(cmd);
    fake.wait_sessions(1, Duration::from_secs(20));
    std::thread::sleep(Duration::from_millis(300));
    let t = now_ms();
    logs.put(&a, "web", &[(t, "a web".into())]);
    logs.put(&a, "worker", &[(t, "a worker".into())]);
    logs.put(&b, "web", &[(t + 1, "b web".into())]);
    let mut got = f.next(2);
    got.extend(
        f.during(Duration::from_millis(800))
            .iter()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()),
    );
    let mut seen: Vec<(String, String)> = got
        .iter()
        .map(|e| {
            assert!(e.get("eventId").is_none(), "not from the session: {e}");
            (
                e["logGroupName"].as_str().unwrap().to_string(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [(a.clone(), "a web".into()), (b.clone(), "b web".into())]
    );
    // StartLiveTail takes stream prefixes only with one group: none was sent.
    let start = fake
        .requests()
        .into_iter()
        .find(|r| r.operation == "StartLiveTail")
        .unwrap();
    assert!(
        start.body.get("logStreamNamePrefixes").is_none(),
        "{}",
        start.body
    );
    assert_eq!(
        start.body["logGroupIdentifiers"].as_array().unwrap().len(),
        2
    );
    let (code, stderr) = f.interrupt();
    assert_eq!(code, 130, "{stderr}");
}
