//! `o11y xray service-graph` against the X-Ray fake: a graph spread over several pages, zero-count
//! statistics, table / json / dot, groups, bad windows, throttling.

use crate::support;

use serde_json::{json, Value};
use support::xray::{error, XrayFake};
use support::{run, Sandbox};

fn stats(total: i64, ok: i64, errors: i64, throttles: i64, faults: i64, seconds: f64) -> Value {
    json!({
        "OkCount": ok,
        "ErrorStatistics": {"ThrottleCount": throttles, "OtherCount": errors - throttles, "TotalCount": errors},
        "FaultStatistics": {"OtherCount": faults, "TotalCount": faults},
        "TotalCount": total,
        "TotalResponseTime": seconds,
    })
}

fn service(id: i64, name: &str, kind: &str, stats: Option<Value>, edges: Vec<Value>) -> Value {
    let mut s = json!({
        "ReferenceId": id, "Name": name, "Names": [name], "Root": id == 1, "AccountId": "123456789012",
        "Type": kind, "State": "active", "StartTime": 1764039000.0, "EndTime": 1764039600.0,
        "Edges": edges,
        "DurationHistogram": [{"Value": 0.05, "Count": 3}],
        "ResponseTimeHistogram": [{"Value": 0.05, "Count": 3}],
    });
    if let Some(st) = stats {
        s["SummaryStatistics"] = st;
    }
    s
}

fn edge(to: i64, stats: Value) -> Value {
    json!({
        "ReferenceId": to, "StartTime": 1764039000.0, "EndTime": 1764039600.0, "SummaryStatistics": stats,
        "ResponseTimeHistogram": [{"Value": 0.02, "Count": 1}], "Aliases": [],
    })
}

/// Four services over three pages: client -> backend-flask -> {postgres, momento}; momento's statistics
/// are all zero and the client has none.
fn cruddur(fake: &XrayFake) {
    fake.set_service_graph(vec![
        vec![service(
            2,
            "postgres",
            "remote",
            Some(stats(150, 150, 0, 0, 0, 3.0)),
            vec![],
        )],
        vec![
            service(
                1,
                "backend-flask",
                "AWS::EC2::Instance",
                Some(stats(200, 180, 12, 2, 8, 10.0)),
                vec![
                    edge(2, stats(150, 150, 0, 0, 0, 3.0)),
                    edge(3, stats(0, 0, 0, 0, 0, 0.0)),
                ],
            ),
            service(
                3,
                "momento",
                "remote",
                Some(stats(0, 0, 0, 0, 0, 0.0)),
                vec![],
            ),
        ],
        vec![service(
            0,
            "client",
            "client",
            None,
            vec![edge(1, stats(200, 180, 12, 2, 8, 10.0))],
        )],
    ]);
}

fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

#[test]
fn the_table_shows_every_service_and_edge_of_every_page_entry_points_first_with_rates() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    cruddur(&fake);
    let r = run(sb
        .o11y_aws(fake.url())
        .args(["xray", "service-graph", "--last", "10m"]));
    r.code(0);
    let rows: Vec<Vec<&str>> = r.stdout.lines().map(words).collect();
    let expected: [&[&str]; 8] = [
        &[
            "NAME",
            "TYPE",
            "REQUESTS",
            "OK",
            "ERRORS",
            "FAULTS",
            "THROTTLES",
            "AVG",
            "MS",
        ],
        &["client", "client", "-", "-", "-", "-", "-", "-"],
        &[
            "backend-flask",
            "AWS::EC2::Instance",
            "200",
            "180",
            "6.0%",
            "4.0%",
            "2",
            "50.0",
        ],
        &["momento", "remote", "0", "-", "-", "-", "-", "-"],
        &[
            "postgres", "remote", "150", "150", "0.0%", "0.0%", "0", "20.0",
        ],
        &[
            "client",
            "->",
            "backend-flask",
            "edge",
            "200",
            "180",
            "6.0%",
            "4.0%",
            "2",
            "50.0",
        ],
        &[
            "backend-flask",
            "->",
            "momento",
            "edge",
            "0",
            "-",
            "-",
            "-",
            "-",
            "-",
        ],
        &[
            "backend-flask",
            "->",
            "postgres",
            "edge",
            "150",
            "150",
            "0.0%",
            "0.0%",
            "0",
            "20.0",
        ],
    ];
    assert_eq!(rows, expected, "{}", r.stdout);

    let sent = fake.requests_to("/ServiceGraph");
    assert_eq!(sent.len(), 3, "one request per page");
    let tokens: Vec<Value> = sent.iter().map(|r| r.json()["NextToken"].clone()).collect();
    assert_eq!(tokens, [json!(null), json!("g1"), json!("g2")]);
    for r in &sent {
        let b = r.json();
        let (s, e) = (
            b["StartTime"].as_f64().unwrap(),
            b["EndTime"].as_f64().unwrap(),
        );
        assert_eq!(e - s, 600.0, "{b}");
        assert_eq!(
            b["StartTime"],
            sent[0].json()["StartTime"],
            "every page asks for the same window"
        );
        assert!(b.get("GroupName").is_none() && b.get("GroupARN").is_none());
    }
}

#[test]
fn json_is_the_merged_services_list_in_the_services_field_names_with_the_window() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    cruddur(&fake);
    let r = run(sb.o11y_aws(fake.url()).args([
        "xray",
        "service-graph",
        "--since",
        "2026-11-25T02:00:00Z",
        "--until",
        "2026-11-25T03:00:00Z",
        "-o",
        "json",
    ]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["StartTime"], "2026-11-25T02:00:00Z");
    assert_eq!(v["EndTime"], "2026-11-25T03:00:00Z");
    let names: Vec<&str> = v["Services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["Name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["postgres", "backend-flask", "momento", "client"],
        "the API's order"
    );
    let backend = &v["Services"][1];
    assert_eq!(backend["ReferenceId"], 1);
    assert_eq!(backend["Type"], "AWS::EC2::Instance");
    assert_eq!(backend["Root"], true);
    assert_eq!(backend["StartTime"], "2025-11-25T02:50:00Z");
    assert_eq!(
        backend["SummaryStatistics"],
        json!({
            "OkCount": 180,
            "ErrorStatistics": {"ThrottleCount": 2, "OtherCount": 10, "TotalCount": 12},
            "FaultStatistics": {"OtherCount": 8, "TotalCount": 8},
            "TotalCount": 200,
            "TotalResponseTime": 10.0,
        })
    );
    assert_eq!(backend["Edges"].as_array().unwrap().len(), 2);
    assert_eq!(backend["Edges"][0]["ReferenceId"], 2);
    assert_eq!(backend["Edges"][0]["SummaryStatistics"]["TotalCount"], 150);
    assert_eq!(
        backend["DurationHistogram"],
        json!([{"Value": 0.05, "Count": 3}])
    );
    assert!(v["Services"][3].get("SummaryStatistics").is_none());
    let sent = fake.requests_to("/ServiceGraph")[0].json();
    assert_eq!(sent["StartTime"].as_f64(), Some(1795572000.0));
    assert_eq!(sent["EndTime"].as_f64(), Some(1795575600.0));
}

#[test]
fn dot_is_a_graphviz_digraph_with_labelled_nodes_and_edges() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    cruddur(&fake);
    let r =
        run(sb
            .o11y_aws(fake.url())
            .args(["xray", "service-graph", "--last", "10m", "-o", "dot"]));
    r.code(0);
    let d = &r.stdout;
    assert!(d.starts_with("digraph \"xray\" {\n"), "{d}");
    assert!(d.ends_with("}\n"), "{d}");
    for expected in [
        r#"  n0 [label="client\nno statistics"];"#,
        r#"  n1 [label="backend-flask\nAWS::EC2::Instance\n200 requests, 6.0% errors, 4.0% faults, 2 throttled\navg 50.0 ms", color=red];"#,
        r#"  n3 [label="momento\nremote\n0 requests"];"#,
        r#"  n0 -> n1 [label="200 requests\n6.0% errors, 4.0% faults, 2 throttled", color=red];"#,
        r#"  n1 -> n2 [label="150 requests\n0.0% errors, 0.0% faults"];"#,
        r#"  n1 -> n3 [label="0 requests"];"#,
    ] {
        assert!(d.contains(expected), "missing {expected}\n{d}");
    }
    assert_eq!(d.matches(" -> ").count(), 3, "{d}");
    // Balanced quotes on every line: a renderer would choke otherwise.
    for l in d.lines() {
        assert_eq!(l.replace("\\\"", "").matches('"').count() % 2, 0, "{l}");
    }
    // Where Graphviz is installed, it renders the document (an extra check; the ones above always run).
    if std::process::Command::new("dot").arg("-V").output().is_ok() {
        use std::io::Write;
        let mut child = std::process::Command::new("dot")
            .arg("-Tsvg")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(d.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
    }
}

#[test]
fn dot_is_refused_for_other_commands_before_any_request() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let r = run(sb
        .o11y_aws(fake.url())
        .args(["xray", "traces", "--last", "10m", "-o", "dot"]));
    r.code(2);
    assert!(
        r.stderr
            .contains("`-o dot` is only for `o11y xray service-graph`"),
        "{}",
        r.stderr
    );
    assert!(fake.calls().is_empty());
}

#[test]
fn a_group_goes_as_group_name_or_as_group_arn_when_it_is_an_arn() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    cruddur(&fake);
    fake.add_group("Cruddur", r#"service("backend-flask")"#, false, false);
    let arn = fake.group("Cruddur").unwrap()["GroupARN"]
        .as_str()
        .unwrap()
        .to_string();
    run(sb.o11y_aws(fake.url()).args([
        "xray",
        "service-graph",
        "--last",
        "10m",
        "--group",
        "Cruddur",
    ]))
    .code(0);
    run(sb
        .o11y_aws(fake.url())
        .args(["xray", "service-graph", "--last", "10m", "--group", &arn]))
    .code(0);
    let sent: Vec<Value> = fake
        .requests_to("/ServiceGraph")
        .iter()
        .map(|r| r.json())
        .collect();
    assert_eq!(sent.len(), 6);
    assert!(sent[..3]
        .iter()
        .all(|b| b["GroupName"] == "Cruddur" && b.get("GroupARN").is_none()));
    assert!(sent[3..]
        .iter()
        .all(|b| b["GroupARN"] == arn.as_str() && b.get("GroupName").is_none()));

    let r = run(sb.o11y_aws(fake.url()).args([
        "xray",
        "service-graph",
        "--last",
        "10m",
        "--group",
        "Nope",
    ]));
    r.code(1);
    assert!(
        r.stderr
            .contains("o11y: error: InvalidRequestException: Group not found"),
        "{}",
        r.stderr
    );
}

#[test]
fn bad_windows_and_groups_exit_2_before_any_request() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let long = "g".repeat(33);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--last", "0m"], "`--last 0m` is an empty window"),
        (
            vec!["--since", "10m", "--until", "20m"],
            "is not after `--since`",
        ),
        (
            vec![
                "--since",
                "2026-11-25T03:00:00Z",
                "--until",
                "2026-11-25T03:00:00Z",
            ],
            "the window is empty",
        ),
        (vec![], "a time window is required"),
        (vec!["--last", "ten"], "invalid duration `ten`"),
        (vec!["--since", "yesterday"], "invalid time `yesterday`"),
        (
            vec!["--last", "10m", "--since", "5m"],
            "cannot be used with",
        ),
        (vec!["--until", "5m"], "--since"),
        (
            vec!["--last", "10m", "--group", &long],
            "1 to 32 characters (got 33)",
        ),
    ];
    let cases: Vec<(Vec<&str>, &str)> = cases
        .into_iter()
        .map(|(extra, expected)| ([&["xray", "service-graph"][..], &extra].concat(), expected))
        .collect();
    fake.assert_usage_errors(&sb, &cases);
}

#[test]
fn throttling_and_server_errors_are_retried_and_every_page_still_read() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    cruddur(&fake);
    fake.throttle_next(2);
    fake.fail_next_5xx(1);
    let r =
        run(sb
            .o11y_aws(fake.url())
            .args(["xray", "service-graph", "--last", "10m", "-o", "json"]));
    r.code(0);
    assert_eq!(r.json()["Services"].as_array().unwrap().len(), 4);
    assert_eq!(
        fake.requests_to("/ServiceGraph").len(),
        6,
        "3 failures, then 3 pages"
    );
}

#[test]
fn a_window_the_service_refuses_is_its_error_with_a_hint() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    fake.server.fail_next(
        1,
        error(400, "InvalidRequestException", "Time range is too long"),
    );
    let r = run(sb
        .o11y_aws(fake.url())
        .args(["xray", "service-graph", "--last", "3d"]));
    r.code(1);
    assert!(
        r.stderr
            .contains("o11y: error: InvalidRequestException: Time range is too long"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("help: if X-Ray refused the time window"),
        "{}",
        r.stderr
    );
    let sent = fake.requests_to("/ServiceGraph")[0].json();
    assert_eq!(
        sent["EndTime"].as_f64().unwrap() - sent["StartTime"].as_f64().unwrap(),
        3.0 * 86400.0,
        "the window is sent as given, not split"
    );
}

#[test]
fn an_empty_graph_prints_the_headers_and_says_so_on_stderr() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let r = run(sb
        .o11y_aws(fake.url())
        .args(["xray", "service-graph", "--last", "10m"]));
    r.code(0);
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    assert!(
        r.stderr.contains("no traced requests in this window"),
        "{}",
        r.stderr
    );
    let r =
        run(sb
            .o11y_aws(fake.url())
            .args(["xray", "service-graph", "--last", "10m", "-o", "json"]));
    r.code(0);
    assert_eq!(r.json()["Services"], json!([]));
    assert_eq!(r.stderr, "");
}

#[test]
fn service_graph_help_matches_its_snapshot_and_has_a_pasteable_example() {
    let r = run(Sandbox::new()
        .o11y()
        .args(["xray", "service-graph", "--help"]));
    r.code(0);
    assert!(
        r.stdout.contains("Examples:\n  o11y xray service-graph "),
        "{}",
        r.stdout
    );
}
