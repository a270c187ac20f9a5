//! `o11y xray traces` and `o11y xray trace` against the X-Ray fake, with segment documents put through
//! PutTraceSegments as an instrumented app sends them.

use crate::support;

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};
use support::xray::XrayFake;
use support::{run, Sandbox};

fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

/// A trace id for a request that started at `t`, as the X-Ray SDKs make them.
fn trace_id(t: f64, n: u32) -> String {
    format!("1-{:08x}-{:024x}", t as u64, 0xabc0_0000_u64 + n as u64)
}

/// The Cruddur home feed: the frontend's segment calls backend-flask (a separate segment document whose
/// `parent_id` is the frontend's call), which reads postgres (fault) and momento (404, an error). The
/// subsegments are written out of order on purpose.
fn home_feed(t0: f64, id: &str) -> Vec<Value> {
    let frontend = json!({
        "name": "frontend-react-js", "id": "f000000000000001", "trace_id": id,
        "start_time": t0, "end_time": t0 + 0.300, "origin": "AWS::ECS::Container",
        "http": {"request": {"method": "GET", "url": "https://cruddur.example/api/activities/home",
                             "client_ip": "203.0.113.7", "user_agent": "Mozilla/5.0"},
                 "response": {"status": 500, "content_length": 21}},
        "fault": true,
        "subsegments": [
            {"id": "f000000000000002", "name": "backend-flask", "namespace": "remote",
             "start_time": t0 + 0.010, "end_time": t0 + 0.290, "fault": true,
             "http": {"request": {"method": "GET", "url": "http://backend:4567/api/activities/home"},
                      "response": {"status": 500}}}
        ]
    });
    let backend = json!({
        "name": "backend-flask", "id": "b000000000000001", "trace_id": id, "parent_id": "f000000000000002",
        "start_time": t0 + 0.020, "end_time": t0 + 0.280, "origin": "AWS::EC2::Instance", "fault": true,
        "http": {"request": {"method": "GET", "url": "http://backend:4567/api/activities/home"},
                 "response": {"status": 500}},
        "subsegments": [
            {"id": "b000000000000004", "name": "momento", "namespace": "remote",
             "start_time": t0 + 0.200, "end_time": t0 + 0.220, "error": true,
             "http": {"response": {"status": 404}}},
            {"id": "b000000000000002", "name": "mock-data", "start_time": t0 + 0.025, "end_time": t0 + 0.045},
            {"id": "b000000000000003", "name": "postgres@db", "namespace": "remote",
             "start_time": t0 + 0.050, "end_time": t0 + 0.190, "fault": true,
             "sql": {"database_type": "PostgreSQL", "sanitized_query": "SELECT * FROM activities"},
             "subsegments": [
                {"id": "b000000000000006", "name": "fetch", "start_time": t0 + 0.150, "end_time": t0 + 0.185},
                {"id": "b000000000000005", "name": "connect", "start_time": t0 + 0.055, "end_time": t0 + 0.070}
             ]}
        ]
    });
    vec![frontend, backend]
}

/// A plain, successful trace.
fn ok_trace(t0: f64, id: &str, path: &str) -> Vec<Value> {
    vec![json!({
        "name": "backend-flask", "id": "c000000000000001", "trace_id": id,
        "start_time": t0, "end_time": t0 + 0.012,
        "http": {"request": {"method": "GET", "url": format!("http://backend:4567{path}")},
                 "response": {"status": 200}}
    })]
}

fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

#[test]
fn a_trace_put_through_put_trace_segments_is_listed_with_its_status_flags_and_url() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let t0 = now() - 60.0;
    let id = trace_id(t0, 1);
    assert_eq!(fake.put_trace_segments(&home_feed(t0, &id)), 0);
    assert_eq!(fake.segments().len(), 2, "the fake stored both documents");

    let r = run(sb
        .o11y_aws(fake.url())
        .args(["xray", "traces", "--last", "10m"]));
    r.code(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        words(lines[0]),
        ["ID", "START", "DURATION", "MS", "STATUS", "FLAGS", "URL"]
    );
    let row = words(lines[1]);
    assert_eq!(row[0], id);
    assert_eq!(row[2], "300.0");
    assert_eq!(row[3], "500");
    assert_eq!(row[4], "error,fault");
    assert_eq!(
        row[5..],
        ["GET", "https://cruddur.example/api/activities/home"]
    );
    assert_eq!(lines.len(), 2);

    let sent = fake.requests_to("/TraceSummaries")[0].json();
    let (s, e) = (
        sent["StartTime"].as_f64().unwrap(),
        sent["EndTime"].as_f64().unwrap(),
    );
    assert_eq!(e - s, 600.0);
    assert!((e - now()).abs() < 60.0, "the window ends now: {sent}");
    assert!(sent.get("FilterExpression").is_none());
}

#[test]
fn traces_json_is_trace_summaries_in_the_services_field_names() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let t0 = now() - 60.0;
    let id = trace_id(t0, 1);
    fake.put_trace_segments(&home_feed(t0, &id));
    let r = run(sb
        .o11y_aws(fake.url())
        .args(["xray", "traces", "--last", "10m", "-o", "json"]));
    r.code(0);
    let v = r.json();
    let t = &v["TraceSummaries"][0];
    assert_eq!(t["Id"], id.as_str());
    assert_eq!(t["HasFault"], true);
    assert_eq!(t["HasError"], true);
    assert_eq!(t["HasThrottle"], false);
    assert_eq!(t["IsPartial"], false);
    assert!((t["Duration"].as_f64().unwrap() - 0.3).abs() < 1e-6, "{t}");
    assert_eq!(
        t["Http"],
        json!({"HttpURL": "https://cruddur.example/api/activities/home", "HttpStatus": 500, "HttpMethod": "GET",
               "UserAgent": "Mozilla/5.0", "ClientIp": "203.0.113.7"})
    );
    assert_eq!(t["EntryPoint"]["Name"], "frontend-react-js");
    assert_eq!(t["EntryPoint"]["Type"], "AWS::ECS::Container");
    assert_eq!(t["ServiceIds"].as_array().unwrap().len(), 2);
    assert!(t["StartTime"].as_str().unwrap().ends_with('Z'), "{t}");
    assert_eq!(t["Revision"], 1);
    assert_eq!(r.stderr, "");
}

#[test]
fn traces_follow_every_page_through_throttling_and_pass_the_filter_expression() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let t0 = now() - 120.0;
    let mut docs = Vec::new();
    for i in 0..5 {
        docs.extend(ok_trace(
            t0 + i as f64,
            &trace_id(t0, i),
            &format!("/api/{i}"),
        ));
    }
    // One outside the window: an hour ago.
    docs.extend(ok_trace(t0 - 3600.0, &trace_id(t0 - 3600.0, 9), "/old"));
    assert_eq!(fake.put_trace_segments(&docs), 0);
    fake.throttle_next_to("/TraceSummaries", 2);
    let r = run(sb.o11y_aws(fake.url()).args([
        "xray",
        "traces",
        "--last",
        "10m",
        "--filter-expression",
        r#"service("backend-flask")"#,
        "-o",
        "json",
    ]));
    r.code(0);
    let ids: Vec<String> = r.json()["TraceSummaries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["Id"].as_str().unwrap().to_string())
        .collect();
    let expected: Vec<String> = (0..5).rev().map(|i| trace_id(t0, i)).collect();
    assert_eq!(ids, expected, "newest first, as the service answers");
    let sent = fake.requests_to("/TraceSummaries");
    assert_eq!(sent.len(), 5, "2 throttled, then 3 pages of two");
    let tokens: Vec<Value> = sent.iter().map(|r| r.json()["NextToken"].clone()).collect();
    assert_eq!(tokens[2..], [json!(null), json!("p2"), json!("p4")]);
    assert!(sent
        .iter()
        .all(|r| r.json()["FilterExpression"] == r#"service("backend-flask")"#));
}

#[test]
fn trace_draws_a_waterfall_with_subsegments_nested_in_start_order_and_problems_marked() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let t0 = now() - 60.0;
    let id = trace_id(t0, 1);
    fake.put_trace_segments(&home_feed(t0, &id));
    let r = run(sb.o11y_aws(fake.url()).args(["xray", "trace", &id]));
    r.code(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0],
        format!("trace {id}  300.0 ms  8 segments and subsegments")
    );
    assert_eq!(
        words(lines[2]),
        ["NAME", "START", "MS", "DURATION", "MS", "TIMELINE", "STATUS", "FLAGS"]
    );
    let rows = &lines[3..];
    let names: Vec<String> = rows
        .iter()
        .map(|l| {
            let indent = l.len() - l.trim_start().len();
            format!("{}{}", " ".repeat(indent), words(l)[0])
        })
        .collect();
    assert_eq!(
        names,
        [
            "frontend-react-js",
            "  backend-flask",
            "    backend-flask",
            "      mock-data",
            "      postgres@db",
            "        connect",
            "        fetch",
            "      momento",
        ]
    );
    let row = |name: &str| {
        rows.iter()
            .find(|l| l.trim_start().starts_with(&format!("{name} ")))
            .map(|l| words(l))
            .unwrap()
    };
    // name, offset, duration, bar, status, flags
    let postgres = row("postgres@db");
    assert_eq!(postgres[1..3], ["+50.0", "140.0"]);
    assert_eq!(postgres[postgres.len() - 2..], ["-", "fault"]);
    let momento = row("momento");
    assert_eq!(momento[1..3], ["+200.0", "20.0"]);
    assert_eq!(momento[momento.len() - 2..], ["404", "error"]);
    let mock = row("mock-data");
    assert_eq!(mock[mock.len() - 2..], ["-", "-"]);
    // The root's bar fills the timeline; the others are in proportion.
    assert_eq!(row("frontend-react-js")[3], "█".repeat(40));
    assert_eq!(
        postgres[3].chars().count(),
        19,
        "140 of 300 ms is 19 of 40 columns"
    );
    let bar_start = |name: &str| {
        let l = rows
            .iter()
            .find(|l| l.trim_start().starts_with(&format!("{name} ")))
            .unwrap();
        l.chars().position(|c| c == '█').unwrap()
    };
    assert!(bar_start("frontend-react-js") < bar_start("postgres@db"));
    assert!(bar_start("postgres@db") < bar_start("momento"));

    let sent = fake.requests_to("/Traces");
    assert_eq!(sent[0].json()["TraceIds"], json!([id]));
}

#[test]
fn trace_reads_every_page_of_segments() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let t0 = now() - 60.0;
    let id = trace_id(t0, 1);
    let mut docs = home_feed(t0, &id);
    docs.push(json!({
        "name": "worker", "id": "d000000000000001", "trace_id": id, "parent_id": "b000000000000001",
        "start_time": t0 + 0.230, "end_time": t0 + 0.260, "throttle": true, "error": true,
        "http": {"response": {"status": 429}}
    }));
    fake.put_trace_segments(&docs);
    let r = run(sb
        .o11y_aws(fake.url())
        .args(["xray", "trace", &id, "-o", "json"]));
    r.code(0);
    let tokens: Vec<Value> = fake
        .requests_to("/Traces")
        .iter()
        .map(|r| r.json()["NextToken"].clone())
        .collect();
    assert_eq!(
        tokens,
        [json!(null), json!("p2")],
        "three segments in pages of two"
    );
    let v = r.json();
    assert_eq!(v["Id"], id.as_str());
    let segs = v["Segments"].as_array().unwrap();
    let names: Vec<&str> = segs.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["frontend-react-js", "backend-flask", "worker"],
        "by start time"
    );
    assert_eq!(
        segs[1]["subsegments"][2]["subsegments"][0]["name"], "fetch",
        "documents are parsed JSON, not strings"
    );
    let r = run(sb.o11y_aws(fake.url()).args(["xray", "trace", &id]));
    r.code(0);
    let worker = r.stdout.lines().find(|l| l.contains("worker")).unwrap();
    assert!(
        worker.starts_with("      worker "),
        "under the backend-flask segment: {worker}"
    );
    assert!(worker.ends_with("429  error,throttle"), "{worker}");
}

#[test]
fn an_unknown_trace_is_exit_1_trace_not_found() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let id = trace_id(now(), 7);
    let r = run(sb.o11y_aws(fake.url()).args(["xray", "trace", &id]));
    r.code(1);
    assert!(
        r.stderr
            .starts_with(&format!("o11y: error: trace not found: {id}")),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");
    assert_eq!(fake.requests_to("/Traces").len(), 1);

    // The service may also name it among UnprocessedTraceIds (the first answer is the destination's).
    fake.server.fail_next(
        1,
        support::server::Reply::json(200, json!({"Destination": "XRay", "Status": "ACTIVE"})),
    );
    fake.server.fail_next(
        1,
        support::server::Reply::json(200, json!({"Traces": [], "UnprocessedTraceIds": [id]})),
    );
    let r = run(sb.o11y_aws(fake.url()).args(["xray", "trace", &id]));
    r.code(1);
    assert!(r.stderr.contains("trace not found"), "{}", r.stderr);
}

#[test]
fn malformed_trace_ids_and_bad_windows_exit_2_before_any_request() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let bad_ids = [
        "abc",
        "1-5759e988",
        "1-5759e988-bd862e3fe1be46a99427279",
        "1-5759e98g-bd862e3fe1be46a994272793",
        "2-5759e988-bd862e3fe1be46a994272793",
        "5759e988bd862e3fe1be46a99427279",
        "00000000000000000000000000000000",
    ];
    let messages: Vec<String> = bad_ids
        .iter()
        .map(|b| format!("`{b}` is not a trace id"))
        .collect();
    let mut cases: Vec<(Vec<&str>, &str)> = bad_ids
        .iter()
        .zip(&messages)
        .map(|(b, m)| (vec!["xray", "trace", *b], m.as_str()))
        .collect();
    let t = |extra: &[&'static str]| [&["xray", "traces"][..], extra].concat();
    cases.extend([
        (t(&["--last", "0m"]), "is an empty window"),
        (
            t(&["--since", "5m", "--until", "10m"]),
            "is not after `--since`",
        ),
        (t(&[]), "a time window is required"),
        (
            t(&["--last", "10m", "--filter-expression", " "]),
            "the filter expression is empty",
        ),
        (
            vec![
                "xray",
                "trace",
                "1-5759e988-bd862e3fe1be46a994272793",
                "--timeout",
                "0s",
            ],
            "--timeout must be more than 0",
        ),
        (
            vec![
                "xray",
                "trace",
                "1-5759e988-bd862e3fe1be46a994272793",
                "--since",
                "yesterday",
            ],
            "invalid time `yesterday`",
        ),
    ]);
    fake.assert_usage_errors(&sb, &cases);
}

#[test]
fn an_empty_window_lists_no_traces_and_says_so_on_stderr() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let r = run(sb
        .o11y_aws(fake.url())
        .args(["xray", "traces", "--last", "5m"]));
    r.code(0);
    assert_eq!(r.stdout.lines().count(), 1);
    assert!(
        r.stderr.contains("no traces in this window"),
        "{}",
        r.stderr
    );
}

#[test]
fn traces_and_trace_help_match_their_snapshots_and_have_pasteable_examples() {
    for cmd in ["traces", "trace"] {
        let r = run(Sandbox::new().o11y().args(["xray", cmd, "--help"]));
        r.code(0);
        assert!(
            r.stdout.contains(&format!("Examples:\n  o11y xray {cmd} ")),
            "{}",
            r.stdout
        );
    }
}

// ---- Under Transaction Search (destination CloudWatchLogs): StartTraceRetrieval + ListRetrievedTraces ----

/// A fake whose segments go to CloudWatch Logs, with retrievals SCHEDULED then RUNNING before COMPLETE.
fn ts_fake() -> XrayFake {
    let fake = XrayFake::start();
    fake.set_destination("CloudWatchLogs", "ACTIVE");
    fake
}

/// `o11y xray ARGS` against the fake, polling every 20 ms.
fn xray(sb: &Sandbox, fake: &XrayFake, args: &[&str]) -> support::Run {
    run(sb
        .o11y_aws(fake.url())
        .env("O11Y_POLL_MS", "20")
        .arg("xray")
        .args(args))
}

fn row_names(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .skip(3)
        .map(|l| {
            let indent = l.len() - l.trim_start().len();
            format!("{}{}", " ".repeat(indent), words(l)[0])
        })
        .collect()
}

#[test]
fn under_transaction_search_trace_retrieves_the_trace_and_draws_the_same_waterfall() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let t0 = now() - 60.0;
    let id = trace_id(t0, 1);
    fake.put_trace_segments(&home_feed(t0, &id));
    let before = xray(&sb, &fake, &["trace", &id]);
    before.code(0);

    fake.set_destination("CloudWatchLogs", "ACTIVE");
    fake.state.lock().unwrap().page_size = 1;
    fake.throttle_next_to("/ListRetrievedTraces", 1);
    fake.server.clear_requests();
    let r = xray(&sb, &fake, &["trace", &id]);
    r.code(0);
    assert_eq!(
        r.stdout, before.stdout,
        "the same waterfall from the retrieval"
    );
    assert!(
        r.stderr.contains(&format!(
            "Transaction Search is on: retrieving trace {id} from "
        )) && r.stderr.contains("(from the time in the trace id)"),
        "{}",
        r.stderr
    );
    assert!(fake.requests_to("/Traces").is_empty(), "no BatchGetTraces");
    let start = fake.requests_to("/StartTraceRetrieval");
    assert_eq!(start.len(), 1);
    let body = start[0].json();
    assert_eq!(body["TraceIds"], json!([id]));
    let (s, e) = (
        body["StartTime"].as_f64().unwrap(),
        body["EndTime"].as_f64().unwrap(),
    );
    assert!(s <= t0 && t0 <= e && t0 - s <= 301.0, "{body}");
    let lists: Vec<Value> = fake
        .requests_to("/ListRetrievedTraces")
        .iter()
        .map(|r| r.json())
        .collect();
    // 1 throttled, SCHEDULED, RUNNING, then COMPLETE in pages of one span: 2 documents.
    assert_eq!(lists.len(), 5, "{lists:?}");
    assert!(lists
        .iter()
        .all(|l| l["TraceFormat"] == "XRAY" && l["RetrievalToken"] == "rt-0000"));
    assert_eq!(lists[4]["NextToken"], "lp1");

    // -o json has BatchGetTraces' shape on both kinds of account, so scripts read them alike.
    let j = xray(&sb, &fake, &["trace", &id, "-o", "json"]);
    j.code(0);
    let v = j.json();
    assert_eq!(v["TraceFormat"], "XRAY");
    let names: Vec<&str> = v["Segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["frontend-react-js", "backend-flask"]);
    assert_eq!(v["Id"], id.as_str());
}

#[test]
fn otel_span_documents_draw_the_waterfall_and_print_as_the_service_sent_them() {
    let (sb, fake) = (Sandbox::new(), ts_fake());
    let t0 = now() - 60.0;
    let id = trace_id(t0, 2);
    fake.put_trace_segments(&home_feed(t0, &id));
    let r = xray(&sb, &fake, &["trace", &id, "--trace-format", "otel"]);
    r.code(0);
    assert_eq!(
        row_names(&r.stdout),
        [
            "frontend-react-js",
            "  backend-flask",
            "    backend-flask",
            "      mock-data",
            "      postgres@db",
            "        connect",
            "        fetch",
            "      momento",
        ]
    );
    let momento = r.stdout.lines().find(|l| l.contains("momento")).unwrap();
    assert!(momento.ends_with("404  error"), "{momento}");
    let postgres = r.stdout.lines().find(|l| l.contains("postgres")).unwrap();
    assert!(postgres.ends_with("fault"), "{postgres}");
    assert_eq!(
        fake.requests_to("/ListRetrievedTraces")[0].json()["TraceFormat"],
        "OTEL"
    );

    let v = xray(
        &sb,
        &fake,
        &["trace", &id, "--trace-format", "otel", "-o", "json"],
    );
    v.code(0);
    let v = v.json();
    assert_eq!(v["TraceFormat"], "OTEL");
    assert_eq!(v["Id"], id.as_str());
    let spans = v["Spans"].as_array().unwrap();
    assert_eq!(spans.len(), 8);
    assert!(spans
        .iter()
        .all(|s| s["traceId"].as_str().unwrap().len() == 32));
}

#[test]
fn a_w3c_trace_id_is_retrieved_under_its_xray_form() {
    let (sb, fake) = (Sandbox::new(), ts_fake());
    let t0 = now() - 30.0;
    let id = trace_id(t0, 3);
    fake.put_trace_segments(&ok_trace(t0, &id, "/api/health"));
    let w3c = id[2..].replace('-', "").to_uppercase();
    let r = xray(&sb, &fake, &["trace", &w3c]);
    r.code(0);
    assert!(
        r.stdout.starts_with(&format!("trace {id} ")),
        "{}",
        r.stdout
    );
    assert_eq!(
        fake.requests_to("/StartTraceRetrieval")[0].json()["TraceIds"],
        json!([id])
    );

    // Without Transaction Search it goes to BatchGetTraces, in the X-Ray form too.
    fake.set_destination("XRay", "ACTIVE");
    let r = xray(&sb, &fake, &["trace", &w3c]);
    r.code(0);
    assert_eq!(
        fake.requests_to("/Traces")[0].json()["TraceIds"],
        json!([id])
    );
}

#[test]
fn batch_get_traces_finds_nothing_under_transaction_search_so_trace_does_not_use_it() {
    let (sb, fake) = (Sandbox::new(), ts_fake());
    let t0 = now() - 60.0;
    let id = trace_id(t0, 4);
    fake.put_trace_segments(&ok_trace(t0, &id, "/"));
    // The fake, as the API reference says, hides the trace from BatchGetTraces ...
    let direct = reqwest_batch_get(&fake, &id);
    assert_eq!(direct["Traces"], json!([]), "{direct}");
    // ... and o11y still finds it.
    xray(&sb, &fake, &["trace", &id]).code(0);
}

/// BatchGetTraces through the SDK, straight to the fake.
fn reqwest_batch_get(fake: &XrayFake, id: &str) -> Value {
    use aws_sdk_xray::config::{BehaviorVersion, Credentials, Region};
    let conf = aws_sdk_xray::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKID", "secret", None, None, "test"))
        .endpoint_url(fake.url())
        .build();
    let client = aws_sdk_xray::Client::from_conf(conf);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let out = rt
        .block_on(client.batch_get_traces().trace_ids(id).send())
        .unwrap();
    json!({"Traces": out.traces().iter().map(|t| t.id().unwrap_or_default()).collect::<Vec<_>>()})
}

#[test]
fn a_failed_cancelled_or_timed_out_retrieval_is_exit_1_and_never_not_found() {
    let (sb, fake) = (Sandbox::new(), ts_fake());
    let id = trace_id(now() - 60.0, 5);
    for status in ["FAILED", "CANCELLED", "TIMEOUT"] {
        fake.ts(|t| t.final_status = status.into());
        let r = xray(&sb, &fake, &["trace", &id]);
        r.code(1);
        assert!(
            r.stderr
                .contains(&format!("the trace retrieval for {id} ended {status}")),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("not found"), "{}", r.stderr);
        assert_eq!(r.stdout, "");
    }
}

#[test]
fn a_retrieval_still_running_at_the_timeout_is_exit_1_and_never_not_found() {
    let (sb, fake) = (Sandbox::new(), ts_fake());
    fake.ts(|t| t.polls_before_done = 1_000_000);
    let id = trace_id(now() - 60.0, 6);
    let started = std::time::Instant::now();
    let r = xray(&sb, &fake, &["trace", &id, "--timeout", "500ms"]);
    r.code(1);
    assert!(started.elapsed().as_secs_f64() < 5.0, "the wait is bounded");
    assert!(
        r.stderr.contains(&format!(
            "the trace retrieval for {id} did not complete within 0.5 s (last status RUNNING)"
        )),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("not found"), "{}", r.stderr);
    let polls = fake.requests_to("/ListRetrievedTraces").len();
    assert!((2..=30).contains(&polls), "polled every 20 ms: {polls}");
}

#[test]
fn not_found_under_transaction_search_names_the_window_searched() {
    let (sb, fake) = (Sandbox::new(), ts_fake());
    // An OpenTelemetry id: random, with no plausible time in it.
    let id = "ffffffff0123456789abcdef01234567";
    let r = xray(&sb, &fake, &["trace", id]);
    r.code(1);
    assert!(
        r.stderr.contains(
            "o11y: error: trace not found: 1-ffffffff-0123456789abcdef01234567 is not in "
        ) && r
            .stderr
            .contains("(the last 3 hours: the id carries no plausible time"),
        "{}",
        r.stderr
    );
    let body = fake.requests_to("/StartTraceRetrieval")[0].json();
    let (s, e) = (
        body["StartTime"].as_f64().unwrap(),
        body["EndTime"].as_f64().unwrap(),
    );
    assert_eq!(e - s, 3.0 * 3600.0);
    assert!((e - now()).abs() < 60.0);

    // --since/--until choose the window, and the message says so.
    let r = xray(
        &sb,
        &fake,
        &[
            "trace",
            id,
            "--since",
            "2026-11-01T00:00:00Z",
            "--until",
            "2026-11-01T06:00:00Z",
        ],
    );
    r.code(1);
    assert!(
        r.stderr.contains(
            "is not in 2026-11-01T00:00:00Z .. 2026-11-01T06:00:00Z (from --since/--until)"
        ),
        "{}",
        r.stderr
    );
    let body = fake.requests_to("/StartTraceRetrieval")[1].json();
    assert_eq!(body["StartTime"].as_f64(), Some(1_793_491_200.0));
    assert_eq!(body["EndTime"].as_f64(), Some(1_793_512_800.0));
}

#[test]
fn traces_says_only_the_indexed_share_is_listed_under_transaction_search() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let r = xray(&sb, &fake, &["traces", "--last", "5m"]);
    r.code(0);
    assert!(!r.stderr.contains("indexed"), "{}", r.stderr);
    fake.set_destination("CloudWatchLogs", "ACTIVE");
    let r = xray(&sb, &fake, &["traces", "--last", "5m", "-o", "json"]);
    r.code(0);
    assert!(
        r.stderr
            .contains("Transaction Search is on: only the indexed share of traces")
            && r.stderr
                .contains("o11y xray transaction-search --enable --indexing-percentage P"),
        "{}",
        r.stderr
    );
    assert_eq!(r.json()["TraceSummaries"], json!([]), "stdout stays JSON");
    assert_eq!(
        fake.requests_to("/GetTraceSegmentDestination").len(),
        2,
        "once per run"
    );
}
