//! `o11y logs query` against the Logs Insights fake (tests/support/insights.rs): the table and NDJSON, the
//! statistics and the progress line on stderr, what StartQuery and GetQueryResults received, every exit code
//! (usage errors before any call, a failed / timed-out / cancelled query, a malformed query, a missing group),
//! throttling and 5xx while polling, result pages, and Ctrl-C stopping the query on the service.

use crate::support;

use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde_json::Value;
use support::insights::{row, throttling, unavailable, Insights, Row};
use support::{run, Run, Sandbox};

/// The poll interval knob: the fake counts polls, so tests need not wait for real time.
const FAST: (&str, &str) = ("O11Y_POLL_MS", "5");

/// The Cruddur errors-by-route query of the README.
const ERRORS_BY_ROUTE: &str = r"parse @message /\] \S+ (?<method>\S+) \S+ (?<route>[^?\s]+)\S* (?<status>\d+)/ | filter status like /^5/ | stats count(*) as errors by method, route | sort errors desc";

fn by_route() -> Vec<Row> {
    vec![
        row(&[
            ("method", "GET"),
            ("route", "/api/activities/home"),
            ("errors", "12"),
        ]),
        row(&[
            ("method", "POST"),
            ("route", "/api/messages"),
            ("errors", "3"),
        ]),
        row(&[
            ("method", "GET"),
            ("route", "/api/activities/search"),
            ("errors", "1"),
        ]),
    ]
}

fn fake_with(rows: Vec<Row>) -> Insights {
    let fake = Insights::start(&["cruddur", "api-gateway"]);
    fake.configure(|c| {
        c.rows = rows;
        c.records_matched = 16.0;
        c.records_scanned = 4_210.0;
        c.bytes_scanned = 1_572_864.0;
    });
    fake
}

fn query(sb: &Sandbox, fake: &Insights, args: &[&str]) -> Run {
    run(sb
        .o11y_aws(fake.url())
        .env(FAST.0, FAST.1)
        .arg("logs")
        .arg("query")
        .args(args))
}

fn ndjson(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn epoch(t: &str) -> i64 {
    DateTime::parse_from_rfc3339(t).unwrap().timestamp()
}

#[test]
fn the_table_has_the_querys_fields_as_columns_in_order_and_hides_ptr() {
    let sb = Sandbox::new();
    let fake = fake_with(by_route());
    let r = query(&sb, &fake, &[ERRORS_BY_ROUTE, "cruddur", "--since", "1h"]);
    r.code(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", r.stdout);
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(header, ["method", "route", "errors"], "{}", r.stdout);
    assert!(
        !r.stdout.contains("@ptr") && !r.stdout.contains("CmQK"),
        "{}",
        r.stdout
    );
    let first: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(first, ["GET", "/api/activities/home", "12"]);
    // Counts are right-aligned: the column ends where its header ends.
    assert_eq!(lines[1].len(), lines[0].len(), "{}", r.stdout);
    assert_eq!(
        lines[2].split_whitespace().collect::<Vec<_>>(),
        ["POST", "/api/messages", "3"]
    );
    // The statistics on stderr; no progress line when stderr is not a terminal.
    assert!(
        r.stderr
            .contains("o11y: 3 rows; 16 records matched of 4,210 scanned (1.5 MiB) in "),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains('\r') && !r.stderr.contains("Running"),
        "{}",
        r.stderr
    );
}

#[test]
fn start_query_receives_the_window_in_epoch_seconds_the_groups_the_limit_and_the_query() {
    let sb = Sandbox::new();
    let fake = fake_with(by_route());
    let (since, until) = ("2026-11-25T09:00:00Z", "2026-11-25T10:30:00.250Z");
    let r = query(
        &sb,
        &fake,
        &[
            ERRORS_BY_ROUTE,
            "cruddur",
            "api-gateway",
            "cruddur",
            "--since",
            since,
            "--until",
            until,
            "--limit",
            "500",
        ],
    );
    r.code(0);
    let starts = fake.calls("StartQuery");
    assert_eq!(starts.len(), 1);
    let b = &starts[0];
    assert_eq!(b["queryString"], ERRORS_BY_ROUTE);
    assert_eq!(b["startTime"], epoch(since));
    // Seconds, inclusive at both ends: an end with a fraction of a second is rounded up, not down.
    assert_eq!(b["endTime"], epoch("2026-11-25T10:30:01Z"));
    assert!(
        b["startTime"].as_i64().unwrap() < 10_000_000_000,
        "not milliseconds"
    );
    assert_eq!(
        b["logGroupNames"],
        serde_json::json!(["cruddur", "api-gateway"])
    );
    assert!(b.get("logGroupName").is_none() && b.get("logGroupIdentifiers").is_none());
    assert_eq!(b["limit"], 500);
    // Polled until Complete: 1 Scheduled, 2 Running, then Complete; each with the query's id.
    let polls = fake.calls("GetQueryResults");
    assert_eq!(polls.len(), 4, "{:?}", fake.operations());
    let id = polls[0]["queryId"].as_str().unwrap();
    assert!(polls.iter().all(|p| p["queryId"] == id));
    assert!(fake.calls("StopQuery").is_empty());
}

#[test]
fn without_a_limit_none_is_sent_and_since_defaults_to_an_hour() {
    let sb = Sandbox::new();
    let fake = fake_with(by_route());
    let before = Utc::now().timestamp();
    query(&sb, &fake, &["stats count(*) by bin(5m)", "cruddur"]).code(0);
    let after = Utc::now().timestamp();
    let b = &fake.calls("StartQuery")[0];
    assert!(b.get("limit").is_none(), "{b}");
    let (start, end) = (
        b["startTime"].as_i64().unwrap(),
        b["endTime"].as_i64().unwrap(),
    );
    assert!((before..=after + 1).contains(&end), "{b}");
    assert!((3599..=3601).contains(&(end - start)), "{b}");
}

#[test]
fn json_is_one_object_per_row_with_every_field_and_the_statistics_go_to_stderr() {
    let sb = Sandbox::new();
    let fake = fake_with(vec![
        row(&[("@timestamp", "2026-11-25 19:40:00.000"), ("@message", "[2026-Nov-25 19:40] 192.168.1.10 GET http /api/activities/home? 500 INTERNAL SERVER ERROR")]),
        row(&[("@timestamp", "2026-11-25 19:41:00.000"), ("route", "/api/messages?")]),
    ]);
    let r = query(
        &sb,
        &fake,
        &["fields @timestamp, @message", "cruddur", "-o", "json"],
    );
    r.code(0);
    let rows = ndjson(&r.stdout);
    assert_eq!(rows.len(), 2, "{}", r.stdout);
    let keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["@timestamp", "@message", "@ptr"]);
    assert_eq!(
        rows[0]["@message"],
        "[2026-Nov-25 19:40] 192.168.1.10 GET http /api/activities/home? 500 INTERNAL SERVER ERROR"
    );
    assert_eq!(rows[1]["route"], "/api/messages?");
    assert!(rows[1].get("@message").is_none());
    assert!(
        r.stderr
            .contains("o11y: 2 rows; 16 records matched of 4,210 scanned"),
        "{}",
        r.stderr
    );
}

#[test]
fn results_beyond_one_page_are_followed_with_next_token() {
    let sb = Sandbox::new();
    let rows: Vec<Row> = (0..7).map(|i| row(&[("n", &i.to_string())])).collect();
    let fake = fake_with(rows);
    fake.configure(|c| c.page_size = 3);
    let r = query(&sb, &fake, &["fields n", "cruddur", "-o", "json"]);
    r.code(0);
    let got: Vec<String> = ndjson(&r.stdout)
        .iter()
        .map(|v| v["n"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, ["0", "1", "2", "3", "4", "5", "6"]);
    let tokens: Vec<Value> = fake
        .calls("GetQueryResults")
        .iter()
        .filter_map(|b| b.get("nextToken").cloned())
        .collect();
    assert_eq!(tokens, [Value::from("3"), Value::from("6")]);
}

#[test]
fn reaching_the_limit_says_there_may_be_more() {
    let sb = Sandbox::new();
    let fake = fake_with(by_route());
    let r = query(&sb, &fake, &["fields route", "cruddur", "--limit", "3"]);
    r.code(0);
    assert!(
        r.stderr.contains("the --limit of 3 rows was reached"),
        "{}",
        r.stderr
    );
    let r = query(&sb, &fake, &["fields route", "cruddur", "--limit", "4"]);
    assert!(!r.stderr.contains("--limit"), "{}", r.stderr);
}

#[test]
fn an_empty_result_prints_nothing_on_stdout_and_says_zero_rows() {
    let sb = Sandbox::new();
    let fake = fake_with(Vec::new());
    let r = query(
        &sb,
        &fake,
        &[
            "fields @message | filter @message like /nothing/",
            "cruddur",
        ],
    );
    r.code(0);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("o11y: 0 rows;"), "{}", r.stderr);
}

#[test]
fn a_query_from_a_file_takes_every_argument_as_a_log_group() {
    let sb = Sandbox::new();
    let fake = fake_with(by_route());
    let file = sb.write(
        "errors-by-route.logsql",
        &format!("# Cruddur: 5xx by route\n{ERRORS_BY_ROUTE}\n"),
    );
    let f = file.to_str().unwrap();
    let r = query(&sb, &fake, &["--query-file", f, "cruddur", "api-gateway"]);
    r.code(0);
    let b = &fake.calls("StartQuery")[0];
    assert_eq!(
        b["queryString"],
        format!("# Cruddur: 5xx by route\n{ERRORS_BY_ROUTE}")
    );
    assert_eq!(
        b["logGroupNames"],
        serde_json::json!(["cruddur", "api-gateway"])
    );
}

#[test]
fn the_repositorys_errors_by_route_query_file_is_sent_as_written() {
    let sb = Sandbox::new();
    let fake = fake_with(by_route());
    let file = support::repo_root().join("queries/errors-by-route.logsql");
    let r = query(
        &sb,
        &fake,
        &[
            "--query-file",
            file.to_str().unwrap(),
            "cruddur",
            "--since",
            "1h",
        ],
    );
    r.code(0);
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(fake.calls("StartQuery")[0]["queryString"], text.trim_end());
    assert!(text.contains(&ERRORS_BY_ROUTE.replace(" | ", "\n| ")));
    assert_eq!(r.stdout.lines().count(), 4, "{}", r.stdout);
}

#[test]
fn a_source_query_names_no_log_groups() {
    let sb = Sandbox::new();
    let fake = fake_with(by_route());
    let q = "SOURCE logGroups(namePrefix: [\"cruddur\"]) | stats count(*) by @logStream";
    query(&sb, &fake, &[q, "--since", "15m"]).code(0);
    let b = &fake.calls("StartQuery")[0];
    assert_eq!(b["queryString"], q);
    assert!(b.get("logGroupNames").is_none(), "{b}");
}

#[test]
fn bad_input_is_exit_2_before_any_call() {
    let sb = Sandbox::new();
    let fake = fake_with(by_route());
    let missing = sb.home.path().join("nope.logsql");
    let missing = missing.to_str().unwrap();
    let many: Vec<String> = (0..51).map(|i| format!("g{i}")).collect();
    let mut too_many = vec!["fields @message"];
    too_many.extend(many.iter().map(String::as_str));
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["", "cruddur"], "the query is empty"),
        (vec!["  # only a comment", "cruddur"], "the query is empty"),
        (
            vec!["fields @message | filter @message like 'oops", "cruddur"],
            "' quote at character 40 is never closed",
        ),
        (
            vec![
                "stats count(*)",
                "cruddur",
                "--since",
                "10m",
                "--until",
                "1h",
            ],
            "is not after",
        ),
        (
            vec!["stats count(*)", "cruddur", "--since", "yesterday"],
            "invalid time `yesterday`",
        ),
        (vec!["stats count(*)", "cruddur", "--limit", "0"], "--limit"),
        (
            vec!["stats count(*)", "cruddur", "--limit", "100001"],
            "--limit",
        ),
        (vec!["stats count(*)"], "no log group to query"),
        (
            vec!["stats count(*)", "bad group"],
            "invalid log group name `bad group`",
        ),
        (too_many, "51 log groups given; one query takes at most 50"),
        (vec![], "a query is required"),
        (
            vec!["--query-file", missing, "cruddur"],
            "cannot read the query file `",
        ),
        (
            vec!["stats count(*)", "cruddur", "--query-file", missing],
            "not both",
        ),
    ];
    for (args, expect) in cases {
        let r = query(&sb, &fake, &args);
        r.code(2);
        assert!(r.stderr.contains(expect), "{args:?}: {}", r.stderr);
        assert_eq!(r.stdout, "", "{args:?}");
    }
    let r = query(&sb, &fake, &["--query-file", missing, "cruddur"]);
    assert!(r.stderr.contains("nope.logsql"), "{}", r.stderr);
    assert!(fake.server.requests().is_empty(), "{:?}", fake.operations());
}

#[test]
fn failed_timed_out_and_cancelled_queries_exit_1_with_the_services_status() {
    for status in ["Failed", "Timeout", "Cancelled"] {
        let sb = Sandbox::new();
        let fake = fake_with(by_route());
        fake.configure(|c| c.outcome = status.into());
        let r = query(&sb, &fake, &["stats count(*) by bin(5m)", "cruddur"]);
        r.code(1);
        assert!(
            r.stderr
                .contains(&format!("the query ended with status {status} (query id ")),
            "{}",
            r.stderr
        );
        assert_eq!(r.stdout, "");
    }
}

#[test]
fn a_malformed_query_is_exit_1_with_the_services_text_as_sent() {
    let sb = Sandbox::new();
    let fake = fake_with(by_route());
    let r = query(
        &sb,
        &fake,
        &["fields @message | fitler @message like /x/", "cruddur"],
    );
    r.code(1);
    assert!(
        r.stderr.contains(
            "o11y: error: MalformedQueryException: unexpected symbol found fitler at line 1 and position 19"
        ),
        "{}",
        r.stderr
    );
    assert!(fake.calls("GetQueryResults").is_empty());
}

#[test]
fn a_malformed_query_without_a_message_shows_the_compile_errors_and_where() {
    let sb = Sandbox::new();
    let fake = fake_with(by_route());
    fake.configure(|c| c.malformed_without_message = true);
    let r = query(&sb, &fake, &["fields @message | fitler x", "cruddur"]);
    r.code(1);
    assert!(
        r.stderr.contains(
            "o11y: error: MalformedQueryException: unexpected symbol found fitler (characters 19-24 of the query)"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn a_log_group_that_does_not_exist_is_exit_1_naming_it() {
    let sb = Sandbox::new();
    let fake = fake_with(by_route());
    let r = query(&sb, &fake, &["stats count(*)", "cruddur", "crudur"]);
    r.code(1);
    assert!(
        r.stderr
            .contains("ResourceNotFoundException: Log group 'crudur' does not exist"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("o11y logs groups"), "{}", r.stderr);
}

#[test]
fn throttling_and_5xx_while_polling_are_retried_and_said_on_stderr() {
    let sb = Sandbox::new();
    let fake = fake_with(by_route());
    fake.inject("GetQueryResults", 1, vec![throttling(), unavailable()]);
    let r = query(&sb, &fake, &[ERRORS_BY_ROUTE, "cruddur", "-o", "json"]);
    r.code(0);
    assert_eq!(ndjson(&r.stdout).len(), 3, "{}", r.stdout);
    assert!(
        r.stderr
            .contains("o11y: GetQueryResults throttled (ThrottlingException): backing off"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("o11y: GetQueryResults the service answered HTTP 500: backing off"),
        "{}",
        r.stderr
    );
    // 4 answered polls, plus the 2 that failed.
    assert_eq!(fake.calls("GetQueryResults").len(), 6);
}

#[test]
fn a_throttled_start_is_retried_by_the_sdk() {
    let sb = Sandbox::new();
    let fake = fake_with(by_route());
    fake.inject("StartQuery", 0, vec![throttling()]);
    let r = query(&sb, &fake, &["stats count(*)", "cruddur"]);
    r.code(0);
    assert_eq!(fake.calls("StartQuery").len(), 2);
}

#[test]
fn polls_that_keep_failing_end_with_exit_1_and_how_to_look_again() {
    let sb = Sandbox::new();
    let fake = fake_with(by_route());
    fake.inject("GetQueryResults", 0, vec![unavailable(); 20]);
    let started = Instant::now();
    let r = query(&sb, &fake, &["stats count(*)", "cruddur"]);
    r.code(1);
    assert!(
        r.stderr.contains("ServiceUnavailableException"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("aws logs get-query-results --query-id"),
        "{}",
        r.stderr
    );
    assert_eq!(fake.calls("GetQueryResults").len(), 9);
    assert!(started.elapsed() < Duration::from_secs(60));
}

/// A spawned `o11y logs query` whose stderr is collected as it comes.
struct Spawned {
    child: std::process::Child,
    stderr: Arc<Mutex<String>>,
}

fn collect(mut from: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let sink = Arc::new(Mutex::new(String::new()));
    let s = sink.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 {
                break;
            }
            s.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    sink
}

fn wait_for(what: &str, within: Duration, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + within;
    while !cond() {
        assert!(Instant::now() < deadline, "waited for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

impl Spawned {
    fn exit(mut self, within: Duration) -> (i32, String) {
        let deadline = Instant::now() + within;
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            assert!(Instant::now() < deadline, "o11y did not exit");
            std::thread::sleep(Duration::from_millis(10));
        };
        std::thread::sleep(Duration::from_millis(100));
        let err = self.stderr.lock().unwrap().clone();
        (status.code().unwrap_or(-1), err)
    }
}

#[test]
fn ctrl_c_stops_the_query_on_the_service_then_exits_130() {
    let sb = Sandbox::new();
    let fake = fake_with(by_route());
    fake.configure(|c| c.running_polls = u32::MAX);
    let mut child = sb
        .o11y_process(fake.url())
        .env(FAST.0, "20")
        .args(["logs", "query", "stats count(*) by bin(5m)", "cruddur"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = collect(child.stderr.take().unwrap());
    let spawned = Spawned { child, stderr };
    wait_for("the query to run", Duration::from_secs(20), || {
        fake.running()
    });
    // SAFETY: signalling a child process of this test by its pid.
    unsafe { libc::kill(spawned.child.id() as i32, libc::SIGINT) };
    let (code, stderr) = spawned.exit(Duration::from_secs(10));
    assert_eq!(code, 130, "{stderr}");
    let stops = fake.calls("StopQuery");
    assert_eq!(stops.len(), 1, "{:?}", fake.operations());
    let id = stops[0]["queryId"].as_str().unwrap();
    assert_eq!(fake.calls("GetQueryResults")[0]["queryId"], id);
    assert_eq!(fake.ended(id).as_deref(), Some("Cancelled"));
    assert!(
        stderr.contains(&format!("o11y: stopped the query on the service ({id})")),
        "{stderr}"
    );
    assert!(stderr.contains("o11y: error: interrupted"), "{stderr}");
    // Nothing was polled after the stop.
    assert_eq!(
        fake.operations().last().map(String::as_str),
        Some("StopQuery")
    );
}

#[test]
fn a_second_ctrl_c_does_not_wait_for_a_slow_stop_query() {
    let sb = Sandbox::new();
    let fake = fake_with(by_route());
    fake.configure(|c| {
        c.running_polls = u32::MAX;
        c.stop_delay = Duration::from_secs(4);
    });
    let mut child = sb
        .o11y_process(fake.url())
        .env(FAST.0, "20")
        .args(["logs", "query", "stats count(*)", "cruddur"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = collect(child.stderr.take().unwrap());
    let spawned = Spawned { child, stderr };
    wait_for("the query to run", Duration::from_secs(20), || {
        fake.running()
    });
    // SAFETY: signalling a child process of this test by its pid.
    unsafe { libc::kill(spawned.child.id() as i32, libc::SIGINT) };
    wait_for("StopQuery", Duration::from_secs(10), || {
        !fake.calls("StopQuery").is_empty()
    });
    let second = Instant::now();
    // SAFETY: as above.
    unsafe { libc::kill(spawned.child.id() as i32, libc::SIGINT) };
    let (code, stderr) = spawned.exit(Duration::from_secs(10));
    assert_eq!(code, 130, "{stderr}");
    assert!(
        second.elapsed() < Duration::from_secs(3),
        "waited for StopQuery"
    );
    assert!(
        stderr.contains("warning: not waiting for StopQuery: the query "),
        "{stderr}"
    );
}

#[test]
fn ctrl_c_while_start_query_is_on_its_way_still_stops_the_query() {
    let sb = Sandbox::new();
    let fake = fake_with(by_route());
    // The fake takes its time to answer StartQuery; Ctrl-C comes while o11y waits for the answer.
    fake.configure(|c| {
        c.running_polls = u32::MAX;
        c.start_delay = Duration::from_millis(700);
    });
    let mut child = sb
        .o11y_process(fake.url())
        .env(FAST.0, "20")
        .args(["logs", "query", "stats count(*)", "cruddur"])
        .stderr(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = collect(child.stderr.take().unwrap());
    let spawned = Spawned { child, stderr };
    wait_for("StartQuery", Duration::from_secs(20), || {
        !fake.calls("StartQuery").is_empty()
    });
    // SAFETY: signalling a child process of this test by its pid.
    unsafe { libc::kill(spawned.child.id() as i32, libc::SIGINT) };
    let (code, stderr) = spawned.exit(Duration::from_secs(10));
    assert_eq!(code, 130, "{stderr}");
    let ops = fake.operations();
    assert_eq!(ops, ["StartQuery", "StopQuery"], "{stderr}");
    assert!(
        stderr.contains("o11y: stopped the query on the service ("),
        "{stderr}"
    );
}

#[test]
fn on_a_terminal_a_progress_line_shows_status_records_bytes_and_time() {
    let sb = Sandbox::new();
    let fake = fake_with(by_route());
    fake.configure(|c| {
        c.scheduled_polls = 2;
        c.running_polls = 4;
    });
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty fills in two new file descriptors, owned below.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(rc, 0, "openpty");
    // SAFETY: both descriptors were just opened and are owned by nothing else.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let mut cmd = sb.o11y_process(fake.url());
    cmd.env(FAST.0, "30")
        .env("NO_COLOR", "1")
        .args(["logs", "query", ERRORS_BY_ROUTE, "cruddur"])
        .stdout(Stdio::piped())
        .stderr(Stdio::from(slave));
    let mut child = cmd.spawn().unwrap();
    drop(cmd);
    let tty = collect(std::fs::File::from(master));
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let status = child.wait().unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let err = tty.lock().unwrap().clone();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(
        err.contains("o11y: Scheduled: 0 of 0 records matched, 0 B scanned, "),
        "{err:?}"
    );
    assert!(err.contains("o11y: Running: "), "{err:?}");
    assert!(err.contains(" records matched, "), "{err:?}");
    assert!(err.contains("MiB scanned, "), "{err:?}");
    // Partial results while Running are counted.
    assert!(err.contains(", 1 row so far"), "{err:?}");
    // Each progress line replaces the previous one, and the last is cleared before the summary.
    assert!(err.contains("\r\x1b[K"), "{err:?}");
    assert!(
        err.contains("\r\x1b[Ko11y: 3 rows; 16 records matched"),
        "{err:?}"
    );
    assert_eq!(out.lines().count(), 4, "{out}");
}

/// Not a test: the Insights fake as a server for `scripts/bench-query`, which runs it with `--ignored`.
/// BENCH_ROWS rows of Cruddur `after_request` lines, each query running BENCH_RUNNING_MS on the service
/// (time-based, so that a client that polls more often does not finish sooner); the URL is written to
/// BENCH_URL_FILE, and the server runs until killed.
#[test]
#[ignore = "a server for scripts/bench-query, not a test"]
fn serve_the_insights_fake_for_the_benchmark() {
    let env = |k: &str, d: u64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let n = env("BENCH_ROWS", 5) as usize;
    let rows: Vec<Row> = (0..n)
        .map(|i| {
            let status = if i % 7 == 0 {
                "500 INTERNAL SERVER ERROR"
            } else {
                "200 OK"
            };
            row(&[
                (
                    "@timestamp",
                    &format!("2026-11-25 19:{:02}:{:02}.000", (i / 60) % 60, i % 60),
                ),
                (
                    "@message",
                    &format!(
                        "[2026-Nov-25 19:40] 192.168.1.{} GET http /api/activities/home? {status}",
                        i % 250
                    ),
                ),
            ])
        })
        .collect();
    let fake = fake_with(rows);
    let running = env("BENCH_RUNNING_MS", 2000);
    fake.configure(|c| c.running_for = Some(Duration::from_millis(running)));
    let url_file = std::env::var("BENCH_URL_FILE").expect("BENCH_URL_FILE");
    std::fs::write(url_file, fake.url()).unwrap();
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}
