//! `o11y logs tail` against moto's server: long histories in order and exact, several groups merged, filter
//! terms, `--follow` with new and late events, throttling and 5xx injected by a proxy, a closed pipe, Ctrl-C.

use crate::support;

use std::collections::{BTreeSet, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use support::follow::{wait_exit, Follow};
use support::logs::{now_ms, operation, server_error, throttling, unique, FaultProxy, Logs};
use support::moto::Moto;
use support::{run, Sandbox};

fn ndjson(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn messages(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .map(|e| e["message"].as_str().unwrap().to_string())
        .collect()
}

/// A group with `streams` streams of `per_stream` events each, spread over the 40 minutes before now;
/// the streams' events share timestamps (ties across streams). Returns every message.
fn seed(logs: &Logs, group: &str, streams: usize, per_stream: usize) -> BTreeSet<String> {
    logs.create_group(group);
    let base = now_ms() - 40 * 60 * 1000;
    let step = (30 * 60 * 1000 / per_stream.max(1)) as i64;
    let mut all = BTreeSet::new();
    for s in 0..streams {
        let stream = format!("app/{s}");
        logs.create_stream(group, &stream);
        let events: Vec<(i64, String)> = (0..per_stream)
            .map(|j| (base + j as i64 * step, format!("stream {s} event {j:06}")))
            .collect();
        all.extend(events.iter().map(|e| e.1.clone()));
        logs.put(group, &stream, &events);
    }
    all
}

fn assert_in_order_and_exact(events: &[Value], expected: &BTreeSet<String>) {
    let ts: Vec<i64> = events
        .iter()
        .map(|e| e["timestamp"].as_i64().unwrap())
        .collect();
    assert!(
        ts.windows(2).all(|w| w[0] <= w[1]),
        "events out of timestamp order"
    );
    let ids: HashSet<(String, String)> = events
        .iter()
        .map(|e| {
            (
                e["logGroupName"].as_str().unwrap().to_string(),
                e["eventId"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(ids.len(), events.len(), "an event was printed twice");
    let got: BTreeSet<String> = messages(events).into_iter().collect();
    assert_eq!(got.len(), events.len(), "a message was printed twice");
    assert_eq!(&got, expected);
}

#[test]
fn a_history_of_thousands_of_events_across_streams_comes_in_order_and_exact() {
    let (sb, logs) = (Sandbox::new(), Logs::new(&Moto::shared().url));
    let group = unique("history");
    // 12,000 events: more than one page of moto's 10,000.
    let expected = seed(&logs, &group, 3, 4000);
    let r = run(sb
        .o11y_aws(&Moto::shared().url)
        .args(["logs", "tail", &group, "--since", "1h", "-o", "json"]));
    r.code(0);
    assert_eq!(r.stderr, "");
    let events = ndjson(&r.stdout);
    assert_eq!(events.len(), 12_000);
    assert_in_order_and_exact(&events, &expected);
    let first = events[0].as_object().unwrap();
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        [
            "logGroupName",
            "logStreamName",
            "eventId",
            "timestamp",
            "ingestionTime",
            "message"
        ]
    );
    assert_eq!(first["logGroupName"], group.as_str());
    assert!(first["logStreamName"].as_str().unwrap().starts_with("app/"));
    assert!(first["ingestionTime"].as_i64().unwrap() >= first["timestamp"].as_i64().unwrap());

    // The text form: one line per event, time, stream, message; `--format short` drops the stream.
    let r = run(sb
        .o11y_aws(&Moto::shared().url)
        .args(["logs", "tail", &group, "--since", "1h", "--utc"]));
    r.code(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 12_000);
    let parts: Vec<&str> = lines[0].splitn(3, ' ').collect();
    assert!(
        parts[0].ends_with('Z') && parts[0].contains('T') && parts[0].len() == 24,
        "{}",
        lines[0]
    );
    assert!(parts[1].starts_with("app/"), "{}", lines[0]);
    assert!(
        parts[2].starts_with("stream ") && parts[2].ends_with("event 000000"),
        "{}",
        lines[0]
    );
    let r = run(sb
        .o11y_aws(&Moto::shared().url)
        .args(["logs", "tail", &group, "--since", "1h", "--format", "short"]));
    r.code(0);
    let first = r.stdout.lines().next().unwrap();
    assert!(
        !first.contains("app/") && first.contains(" stream "),
        "{first}"
    );
}

#[test]
fn several_groups_are_merged_in_timestamp_order() {
    let (sb, logs) = (Sandbox::new(), Logs::new(&Moto::shared().url));
    let (a, b) = (unique("merge-a"), unique("merge-b"));
    let base = now_ms() - 5 * 60 * 1000;
    for (g, offset) in [(&a, 0), (&b, 500)] {
        logs.create_group(g);
        logs.create_stream(g, "s");
        let events: Vec<(i64, String)> = (0..300)
            .map(|i| (base + i * 1000 + offset, format!("{g} {i:03}")))
            .collect();
        logs.put(g, "s", &events);
    }
    let r = run(sb
        .o11y_aws(&Moto::shared().url)
        .args(["logs", "tail", &a, &b, "-o", "json"]));
    r.code(0);
    let events = ndjson(&r.stdout);
    assert_eq!(events.len(), 600);
    for (i, e) in events.iter().enumerate() {
        let (g, n) = if i % 2 == 0 { (&a, i / 2) } else { (&b, i / 2) };
        assert_eq!(e["logGroupName"], g.as_str(), "event {i}");
        assert_eq!(e["message"], format!("{g} {n:03}"), "event {i}");
    }
    // Text names the group when there are several.
    let r = run(sb
        .o11y_aws(&Moto::shared().url)
        .args(["logs", "tail", &a, &b]));
    r.code(0);
    let second = r.stdout.lines().nth(1).unwrap();
    assert!(second.contains(&format!(" {b} s {b} 000")), "{second}");
}

fn filter_fixture(logs: &Logs) -> String {
    let group = unique("filter");
    logs.create_group(&group);
    let now = now_ms() - 60_000;
    for (stream, msgs) in [
        (
            "web/1",
            vec![
                "ERROR db down",
                "INFO ok",
                "WARN connection refused by peer",
            ],
        ),
        (
            "worker/1",
            vec!["ERROR connection refused", "INFO job done"],
        ),
    ] {
        logs.create_stream(&group, stream);
        let events: Vec<(i64, String)> = msgs
            .iter()
            .enumerate()
            .map(|(i, m)| (now + i as i64 * 10, m.to_string()))
            .collect();
        logs.put(&group, stream, &events);
    }
    group
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn filter_patterns_plain_and_quoted_terms_and_stream_prefixes_select_events() {
    let (sb, logs) = (Sandbox::new(), Logs::new(&Moto::shared().url));
    let proxy = FaultProxy::start(&Moto::shared().url);
    let group = filter_fixture(&logs);
    let tail = |extra: &[&str]| {
        let r = run(sb
            .o11y_aws(proxy.url())
            .args(["logs", "tail", &group, "-o", "json"])
            .args(extra));
        r.code(0);
        sorted(messages(&ndjson(&r.stdout)))
    };
    assert_eq!(
        tail(&["--filter-pattern", "ERROR"]),
        ["ERROR connection refused", "ERROR db down"]
    );
    assert_eq!(
        tail(&["--filter-pattern", "\"connection refused\""]),
        [
            "ERROR connection refused",
            "WARN connection refused by peer"
        ]
    );
    // moto ignores logStreamNamePrefix: o11y applies it too.
    assert_eq!(
        tail(&["--stream-prefix", "web/"]),
        [
            "ERROR db down",
            "INFO ok",
            "WARN connection refused by peer"
        ]
    );
    let sent: Vec<Value> = proxy
        .server
        .requests()
        .iter()
        .filter(|r| operation(r) == "FilterLogEvents")
        .map(|r| r.json())
        .collect();
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[0]["filterPattern"], "ERROR");
    assert_eq!(sent[0]["logGroupName"], group.as_str());
    assert_eq!(sent[0]["interleaved"], true);
    assert_eq!(sent[1]["filterPattern"], "\"connection refused\"");
    assert_eq!(sent[2]["logStreamNamePrefix"], "web/");
    // The default window is the last 10 minutes, ending now.
    let (start, end) = (
        sent[0]["startTime"].as_i64().unwrap(),
        sent[0]["endTime"].as_i64().unwrap(),
    );
    assert!((end - start - 600_000).abs() < 5, "{start}..{end}");
    assert!((now_ms() - end).abs() < 60_000);
}

#[test]
fn bad_patterns_times_and_names_exit_2_before_any_call() {
    let sb = Sandbox::new();
    let proxy = FaultProxy::start(&Moto::shared().url);
    for (args, says) in [
        (
            vec!["cruddur", "--filter-pattern", "{ $.level = \"error\""],
            "invalid --filter-pattern",
        ),
        (
            vec!["cruddur", "--filter-pattern", "\"unclosed"],
            "a quote is not closed",
        ),
        (
            vec!["cruddur", "--since", "yesterday"],
            "invalid time `yesterday`",
        ),
        (vec!["cruddur", "--since", "10x"], "invalid duration `10x`"),
        (
            vec!["cruddur", "--since", "10m", "--until", "20m"],
            "not after",
        ),
        (
            vec!["cruddur", "--follow", "--until", "5m"],
            "cannot be used with",
        ),
        (vec!["bad name"], "invalid log group name `bad name`"),
        (vec!["--format", "long", "cruddur"], "invalid value 'long'"),
    ] {
        let r = run(sb.o11y_aws(proxy.url()).args(["logs", "tail"]).args(&args));
        r.code(2);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
    }
    assert!(
        proxy.server.requests().is_empty(),
        "{:?}",
        proxy.operations()
    );
}

#[test]
fn a_missing_group_fails_with_the_services_error_and_a_hint() {
    let sb = Sandbox::new();
    let r = run(sb
        .o11y_aws(&Moto::shared().url)
        .args(["logs", "tail", &unique("nowhere")]));
    r.code(1);
    assert!(
        r.stderr.contains(
            "o11y: error: ResourceNotFoundException: The specified log group does not exist."
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("help: check the log group's name"),
        "{}",
        r.stderr
    );
}

#[test]
fn throttling_and_5xx_in_a_history_are_retried_with_nothing_lost_or_repeated() {
    let (sb, logs) = (Sandbox::new(), Logs::new(&Moto::shared().url));
    let proxy = FaultProxy::start(&Moto::shared().url);
    let group = unique("throttled-history");
    let expected = seed(&logs, &group, 2, 5500); // 11,000 events: two pages
    proxy.inject(
        "FilterLogEvents",
        1,
        vec![throttling(), server_error(503), throttling()],
    );
    let r = run(sb
        .o11y_aws(proxy.url())
        .args(["logs", "tail", &group, "--since", "1h", "-o", "json"]));
    r.code(0);
    let events = ndjson(&r.stdout);
    assert_eq!(events.len(), 11_000);
    assert_in_order_and_exact(&events, &expected);
    assert!(
        r.stderr.contains("throttled (ThrottlingException)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("the service answered HTTP 503"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.matches("backing off").count(), 3, "{}", r.stderr);
    let sent: Vec<Value> = proxy.server.requests().iter().map(|r| r.json()).collect();
    assert_eq!(sent.len(), 5);
    assert!(sent[0].get("nextToken").is_none());
    let token = &sent[1]["nextToken"];
    assert!(token.is_string());
    assert!(
        sent[2..].iter().all(|s| &s["nextToken"] == token),
        "every retry asks for the same page"
    );
}

fn msgs_of(events: &[Value]) -> Vec<String> {
    sorted(messages(events))
}

#[test]
fn follow_shows_new_and_late_events_once_and_ctrl_c_exits_130() {
    let (sb, logs) = (Sandbox::new(), Logs::new(&Moto::shared().url));
    let group = unique("follow");
    logs.create_group(&group);
    logs.create_stream(&group, "web");
    logs.create_stream(&group, "late");
    let now = now_ms();
    logs.put(
        &group,
        "web",
        &[
            (now - 60_000, "old 1".into()),
            (now - 50_000, "old 2".into()),
        ],
    );
    let mut f = Follow::spawn(&sb, &Moto::shared().url, &[&group, "--since", "5m"]);
    assert_eq!(msgs_of(&f.next(2)), ["old 1", "old 2"]);

    logs.put(
        &group,
        "web",
        &[(now_ms(), "new 1".into()), (now_ms() + 1, "new 2".into())],
    );
    assert_eq!(msgs_of(&f.next(2)), ["new 1", "new 2"]);

    // Late: its timestamp is 20 s older than events already shown.
    logs.put(&group, "late", &[(now_ms() - 20_000, "late 1".into())]);
    let late = f.next(1);
    assert_eq!(messages(&late), ["late 1"]);
    assert_eq!(late[0]["logStreamName"], "late");

    // Every poll re-reads the window: nothing is shown twice.
    logs.put(&group, "web", &[(now_ms(), "new 3".into())]);
    assert_eq!(messages(&f.next(1)), ["new 3"]);
    let extra = f.during(Duration::from_millis(3500));
    assert!(extra.is_empty(), "shown again: {extra:?}");

    let (code, stderr) = f.interrupt();
    assert_eq!(code, 130, "{stderr}");
}

#[test]
fn follow_through_throttling_and_5xx_loses_and_repeats_nothing_and_never_ends() {
    let (sb, logs) = (Sandbox::new(), Logs::new(&Moto::shared().url));
    let proxy = FaultProxy::start(&Moto::shared().url);
    let group = unique("follow-throttled");
    logs.create_group(&group);
    logs.create_stream(&group, "web");
    logs.put(&group, "web", &[(now_ms() - 30_000, "before".into())]);
    // The history passes, then the next polls are throttled and fail.
    proxy.inject(
        "FilterLogEvents",
        1,
        vec![
            throttling(),
            server_error(500),
            throttling(),
            server_error(503),
            throttling(),
        ],
    );
    let mut f = Follow::spawn(&sb, proxy.url(), &[&group]);
    assert_eq!(messages(&f.next(1)), ["before"]);
    let t = now_ms();
    logs.put(
        &group,
        "web",
        &[(t, "during 1".into()), (t + 5, "during 2".into())],
    );
    logs.put(&group, "web", &[(t - 15_000, "during late".into())]);
    assert_eq!(msgs_of(&f.next(3)), ["during 1", "during 2", "during late"]);
    logs.put(&group, "web", &[(now_ms(), "after".into())]);
    assert_eq!(messages(&f.next(1)), ["after"]);
    assert!(f.during(Duration::from_millis(2500)).is_empty());

    let (code, stderr) = f.interrupt();
    assert_eq!(code, 130, "{stderr}");
    assert_eq!(stderr.matches("backing off").count(), 5, "{stderr}");
    assert!(
        stderr.contains("throttled (ThrottlingException)"),
        "{stderr}"
    );
    assert!(stderr.contains("the service answered HTTP 500"), "{stderr}");
    let filters = proxy
        .operations()
        .iter()
        .filter(|o| *o == "FilterLogEvents")
        .count();
    assert!(filters >= 8, "{filters}");
}

#[test]
fn a_closed_pipe_ends_quietly_with_exit_0() {
    let (sb, logs) = (Sandbox::new(), Logs::new(&Moto::shared().url));
    let group = unique("pipe");
    seed(&logs, &group, 1, 5000);
    for follow in [false, true] {
        let mut cmd = sb.o11y_process(&Moto::shared().url);
        cmd.args(["logs", "tail", &group, "--since", "1h"]);
        if follow {
            cmd.arg("--follow");
        }
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        out.read_line(&mut first).unwrap();
        assert!(first.contains("event 000000"), "{first}");
        drop(out);
        if follow {
            // The next write (a new event) finds the pipe closed.
            logs.put(
                &group,
                "app/0",
                &[(now_ms(), "after the reader left".into())],
            );
        }
        let status = wait_exit(
            &mut child,
            Duration::from_secs(20),
            &format!("o11y did not end on a closed pipe (follow: {follow})"),
        );
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        assert_eq!(status.code(), Some(0), "follow: {follow}: {stderr}");
        assert_eq!(stderr, "", "follow: {follow}");
    }
}

/// `o11y logs tail ...` run on a pseudo-terminal (util-linux `script`), stdout and stderr both on it.
fn on_a_terminal(sb: &Sandbox, args: &str) -> String {
    let inner = sb.o11y_process(&Moto::shared().url);
    let mut cmd = std::process::Command::new("script");
    cmd.env_clear();
    for (k, v) in inner.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    let line = format!(
        "'{}' logs tail {args}",
        inner.get_program().to_string_lossy()
    );
    let out = cmd
        .env("TERM", "xterm")
        .args(["-qec", &line, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .expect("util-linux `script` runs the command on a pseudo-terminal");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn on_a_terminal_levels_are_coloured_and_progress_is_shown_then_cleared() {
    let (sb, logs) = (Sandbox::new(), Logs::new(&Moto::shared().url));
    let group = filter_fixture(&logs);
    let tty = on_a_terminal(&sb, &group);
    assert!(tty.contains("\x1b[31mERROR db down\x1b[0m"), "{tty:?}");
    assert!(
        tty.contains("\x1b[33mWARN connection refused by peer\x1b[0m"),
        "{tty:?}"
    );
    assert!(tty.contains(" INFO ok\r\n"), "{tty:?}");
    assert!(tty.contains("o11y: 0 events so far"), "{tty:?}");
    assert!(
        tty.contains("\r\x1b[K"),
        "the progress line is cleared: {tty:?}"
    );

    // Two pages: the progress line between them is cleared before the next event is written.
    let big = unique("progress");
    seed(&logs, &big, 1, 10_500);
    let tty = on_a_terminal(&sb, &format!("{big} --since 1h"));
    assert!(
        tty.contains("o11y: 10000 events so far, "),
        "{:?}",
        &tty[..200]
    );
    assert_eq!(tty.matches("events so far").count(), 2);
    for (at, _) in tty.match_indices("of the time range covered") {
        let next = &tty[at + "of the time range covered".len()..];
        assert!(
            next.starts_with("\r\x1b[K"),
            "not cleared: {:?}",
            &next[..40.min(next.len())]
        );
    }
    assert_eq!(tty.matches(" stream 0 event ").count(), 10_500);

    let plain = on_a_terminal(&sb, &format!("{group} --no-color"));
    assert!(plain.contains(" ERROR db down\r\n"), "{plain:?}");
    assert!(!plain.contains("\x1b[3"), "{plain:?}");
}
