//! A stateful fake of CloudWatch Logs Insights (JSON 1.1: `POST /`, `X-Amz-Target: Logs_20140328.StartQuery`,
//! `GetQueryResults`, `StopQuery`), following the API reference: StartQuery checks its parameters (exactly
//! one way to name the log groups unless the query starts with `SOURCE`; groups that exist; a window; a
//! limit of 1 to 100,000) and the query's commands (an unknown one is a `MalformedQueryException`); a query
//! is `Scheduled`, then `Running` (statistics growing, partial results), then ends `Complete` (or the
//! outcome a test chose: `Failed`, `Timeout`); StopQuery cancels a query that has not ended. How long each
//! state lasts is counted in polls (or, for benchmarks, in time). Results page with `nextToken`.
//!
//! It does not evaluate queries: a test sets the rows a query returns. Throttling and 5xx are injected per
//! operation; every request is recorded.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::logs::operation;
use super::server::{FakeServer, Reply, Request};

/// The commands of the Logs Insights query language; a query using another is malformed.
const COMMANDS: [&str; 18] = [
    "fields",
    "filter",
    "stats",
    "sort",
    "limit",
    "parse",
    "display",
    "dedup",
    "unmask",
    "unnest",
    "pattern",
    "diff",
    "anomaly",
    "filterindex",
    "source",
    "lookup",
    "fieldsummary",
    "expand",
];

pub type Row = Vec<(String, String)>;

/// How queries behave. Change it with [`Insights::configure`].
#[derive(Debug, Clone)]
pub struct Config {
    /// GetQueryResults calls answered `Scheduled` before the query runs.
    pub scheduled_polls: u32,
    /// GetQueryResults calls answered `Running` before the query ends (`u32::MAX`: runs until stopped).
    pub running_polls: u32,
    /// Instead of counting polls: the query runs this long after StartQuery (benchmarks).
    pub running_for: Option<Duration>,
    /// How a query that is not stopped ends: `Complete`, `Failed`, `Timeout`.
    pub outcome: String,
    /// The rows every query returns when complete (the first half while `Running`).
    pub rows: Vec<Row>,
    /// The statistics of a complete query (a share of them while running).
    pub records_matched: f64,
    pub records_scanned: f64,
    pub bytes_scanned: f64,
    /// Rows per GetQueryResults page (the service's is 10,000).
    pub page_size: usize,
    /// How long StartQuery takes to answer.
    pub start_delay: Duration,
    /// How long StopQuery takes to answer.
    pub stop_delay: Duration,
    /// A MalformedQueryException with no top-level `message`, only its `queryCompileError`.
    pub malformed_without_message: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            scheduled_polls: 1,
            running_polls: 2,
            running_for: None,
            outcome: "Complete".into(),
            rows: Vec::new(),
            records_matched: 0.0,
            records_scanned: 0.0,
            bytes_scanned: 0.0,
            page_size: 10_000,
            start_delay: Duration::ZERO,
            stop_delay: Duration::ZERO,
            malformed_without_message: false,
        }
    }
}

#[derive(Debug)]
struct Query {
    started: Instant,
    polls: u32,
    /// Set once the query has ended (`Complete`, `Failed`, `Cancelled`, `Timeout`).
    ended: Option<String>,
    config: Config,
}

impl Query {
    /// The status the next GetQueryResults sees (each call counts as one poll).
    fn advance(&mut self) -> String {
        if let Some(s) = &self.ended {
            return s.clone();
        }
        self.polls += 1;
        let c = &self.config;
        let status = match c.running_for {
            Some(d) if self.started.elapsed() >= d => c.outcome.clone(),
            Some(_) => "Running".into(),
            None if self.polls <= c.scheduled_polls => "Scheduled".into(),
            None if self.polls - c.scheduled_polls <= c.running_polls => "Running".into(),
            None => c.outcome.clone(),
        };
        if status != "Scheduled" && status != "Running" {
            self.ended = Some(status.clone());
        }
        status
    }

    /// How far along a running query is, 0 to 1.
    fn share(&self, status: &str) -> f64 {
        let c = &self.config;
        match status {
            "Scheduled" => 0.0,
            "Running" => match c.running_for {
                Some(d) => (self.started.elapsed().as_secs_f64() / d.as_secs_f64()).min(0.99),
                None if c.running_polls == u32::MAX => 0.5,
                None => (self.polls - c.scheduled_polls) as f64 / (c.running_polls as f64 + 1.0),
            },
            _ => 1.0,
        }
    }
}

#[derive(Default)]
struct State {
    config: Config,
    groups: HashSet<String>,
    queries: HashMap<String, Query>,
    next_id: u64,
    /// Per operation: `None` lets a request through, `Some(reply)` answers it instead.
    script: HashMap<String, VecDeque<Option<Reply>>>,
}

pub struct Insights {
    pub server: FakeServer,
    state: Arc<Mutex<State>>,
}

impl Insights {
    /// A fake where the log groups `groups` exist.
    pub fn start(groups: &[&str]) -> Self {
        let state = Arc::new(Mutex::new(State {
            groups: groups.iter().map(|g| g.to_string()).collect(),
            ..State::default()
        }));
        let st = state.clone();
        let server = FakeServer::start(move |req| {
            let op = operation(req);
            let delay = match op.as_str() {
                "StartQuery" => st.lock().unwrap().config.start_delay,
                "StopQuery" => st.lock().unwrap().config.stop_delay,
                _ => Duration::ZERO,
            };
            std::thread::sleep(delay);
            let mut s = st.lock().unwrap();
            if let Some(r) = s
                .script
                .get_mut(&op)
                .and_then(VecDeque::pop_front)
                .flatten()
            {
                return r;
            }
            handle(&mut s, &op, req)
        });
        Insights { server, state }
    }

    pub fn url(&self) -> &str {
        &self.server.url
    }

    pub fn configure(&self, f: impl FnOnce(&mut Config)) {
        f(&mut self.state.lock().unwrap().config);
    }

    /// Let the next `pass` requests for `op` through, then answer the following ones with `replies`.
    pub fn inject(&self, op: &str, pass: usize, replies: Vec<Reply>) {
        let mut s = self.state.lock().unwrap();
        let q = s.script.entry(op.to_string()).or_default();
        q.extend(std::iter::repeat_n(None, pass));
        q.extend(replies.into_iter().map(Some));
    }

    /// The bodies of the requests received for `op`, in order (injected faults included).
    pub fn calls(&self, op: &str) -> Vec<Value> {
        self.server
            .requests()
            .iter()
            .filter(|r| operation(r) == op)
            .map(Request::json)
            .collect()
    }

    /// The operations received, in order.
    pub fn operations(&self) -> Vec<String> {
        self.server.requests().iter().map(operation).collect()
    }

    /// How a query has ended (`None`: it has not, or there is no such query).
    pub fn ended(&self, id: &str) -> Option<String> {
        let s = self.state.lock().unwrap();
        s.queries.get(id).and_then(|q| q.ended.clone())
    }

    /// Whether some query has been polled `Running` at least once.
    pub fn running(&self) -> bool {
        let s = self.state.lock().unwrap();
        s.queries
            .values()
            .any(|q| q.ended.is_none() && q.polls > q.config.scheduled_polls)
    }
}

/// A JSON 1.1 reply (`application/x-amz-json-1.1`), with a request id as the service sends.
fn amz(status: u16, body: Value) -> Reply {
    let mut r = Reply::json(status, body);
    r.headers = vec![
        ("Content-Type".into(), "application/x-amz-json-1.1".into()),
        (
            "x-amzn-RequestId".into(),
            "00000000-0000-4000-8000-000000000000".into(),
        ),
    ];
    r
}

fn error(status: u16, kind: &str, message: &str) -> Reply {
    amz(status, json!({ "__type": kind, "message": message }))
}

fn invalid(message: &str) -> Reply {
    error(400, "InvalidParameterException", message)
}

fn ok(body: Value) -> Reply {
    amz(200, body)
}

fn handle(s: &mut State, op: &str, req: &Request) -> Reply {
    let body = req.json();
    match op {
        "StartQuery" => start_query(s, &body),
        "GetQueryResults" => get_query_results(s, &body),
        "StopQuery" => stop_query(s, &body),
        _ => error(
            400,
            "UnknownOperationException",
            &format!("the Insights fake does not serve {op}"),
        ),
    }
}

fn start_query(s: &mut State, b: &Value) -> Reply {
    let Some(query) = b["queryString"].as_str() else {
        return invalid("1 validation error detected: Value null at 'queryString' failed to satisfy constraint: Member must not be null");
    };
    let (Some(start), Some(end)) = (b["startTime"].as_i64(), b["endTime"].as_i64()) else {
        return invalid("startTime and endTime are required");
    };
    if end < start {
        return invalid("End time should not be before the start time");
    }
    if let Some(limit) = b.get("limit").and_then(Value::as_i64) {
        if !(1..=100_000).contains(&limit) {
            return invalid(&format!("1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100000"));
        }
    }
    if query.chars().count() > 10_000 {
        return invalid("1 validation error detected: Value at 'queryString' failed to satisfy constraint: Member must have length less than or equal to 10000");
    }
    let named: Vec<&str> = ["logGroupName", "logGroupNames", "logGroupIdentifiers"]
        .into_iter()
        .filter(|k| b.get(*k).is_some_and(|v| !v.is_null()))
        .collect();
    let groups: Vec<String> = match b.get("logGroupNames").and_then(Value::as_array) {
        Some(a) => a
            .iter()
            .filter_map(|g| g.as_str().map(String::from))
            .collect(),
        None => b["logGroupName"]
            .as_str()
            .map(|g| vec![g.to_string()])
            .unwrap_or_default(),
    };
    let commands = commands(query);
    let has_source = commands.first().is_some_and(|c| c == "source");
    if named.len() > 1 || (named.is_empty() && !has_source) {
        return invalid("A StartQuery operation must include exactly one of logGroupName, logGroupNames or logGroupIdentifiers, or a SOURCE command in the query string");
    }
    if groups.len() > 50 {
        return invalid("Maximum number of log groups is 50");
    }
    for g in &groups {
        if !s.groups.contains(g) {
            return error(
                400,
                "ResourceNotFoundException",
                &format!("Log group '{g}' does not exist for account ID '123456789012'"),
            );
        }
    }
    if let Some((word, pos)) = commands
        .iter()
        .zip(command_positions(query))
        .find(|(c, _)| !COMMANDS.contains(&c.as_str()))
        .map(|(c, p)| (c.clone(), p))
    {
        let mut body = json!({
            "__type": "MalformedQueryException",
            "message": format!("unexpected symbol found {word} at line 1 and position {}", pos + 1),
            "queryCompileError": {
                "location": { "startCharOffset": pos, "endCharOffset": pos + word.len() },
                "message": format!("unexpected symbol found {word}")
            }
        });
        if s.config.malformed_without_message {
            body.as_object_mut().unwrap().remove("message");
        }
        return amz(400, body);
    }
    s.next_id += 1;
    let id = format!("{:08x}-0000-4000-8000-{:012x}", s.next_id, s.next_id);
    s.queries.insert(
        id.clone(),
        Query {
            started: Instant::now(),
            polls: 0,
            ended: None,
            config: s.config.clone(),
        },
    );
    ok(json!({ "queryId": id }))
}

fn get_query_results(s: &mut State, b: &Value) -> Reply {
    let id = b["queryId"].as_str().unwrap_or_default();
    let Some(q) = s.queries.get_mut(id) else {
        return error(400, "ResourceNotFoundException", "Query does not exist.");
    };
    let token = b["nextToken"].as_str();
    // A page after the first of a complete query does not count as a poll.
    let status = match token {
        Some(_) => q.ended.clone().unwrap_or_else(|| "Running".into()),
        None => q.advance(),
    };
    let share = q.share(&status);
    let c = &q.config;
    let rows: &[Row] = match status.as_str() {
        "Complete" => &c.rows,
        "Running" => &c.rows[..c.rows.len() / 2],
        _ => &[],
    };
    let from = token.and_then(|t| t.parse::<usize>().ok()).unwrap_or(0);
    let to = (from + c.page_size).min(rows.len());
    let page: Vec<Value> = rows[from.min(to)..to]
        .iter()
        .map(|r| {
            Value::Array(
                r.iter()
                    .map(|(f, v)| json!({ "field": f, "value": v }))
                    .collect(),
            )
        })
        .collect();
    let mut out = json!({
        "queryLanguage": "CWLI",
        "results": page,
        "statistics": {
            "recordsMatched": (c.records_matched * share).floor(),
            "recordsScanned": (c.records_scanned * share).floor(),
            "bytesScanned": (c.bytes_scanned * share).floor(),
        },
        "status": status,
    });
    if status == "Complete" && to < rows.len() {
        out["nextToken"] = json!(to.to_string());
    }
    ok(out)
}

fn stop_query(s: &mut State, b: &Value) -> Reply {
    let id = b["queryId"].as_str().unwrap_or_default();
    let Some(q) = s.queries.get_mut(id) else {
        return error(400, "ResourceNotFoundException", "Query does not exist.");
    };
    if q.ended.is_some() {
        return ok(json!({ "success": false }));
    }
    q.ended = Some("Cancelled".into());
    ok(json!({ "success": true }))
}

/// Split a query into its commands at the top-level `|` (outside quotes and regular expressions): the first
/// word of each, lower-cased. Comments (`#` to the end of the line) are skipped.
fn split_commands(q: &str) -> Vec<(String, usize)> {
    let chars: Vec<char> = q.chars().collect();
    let mut out = Vec::new();
    let mut expect_word = true;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '"' | '\'' | '`' => {
                i += 1;
                while i < chars.len() && chars[i] != c {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            '/' if !expect_word => {
                let close = chars[i + 1..].iter().position(|&d| d == '/');
                if let Some(n) = close {
                    i += n + 1;
                }
            }
            '|' => expect_word = true,
            c if expect_word && !c.is_whitespace() => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let word: String = chars[start..i.max(start + 1)].iter().collect();
                out.push((word.to_lowercase(), start));
                expect_word = false;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn commands(q: &str) -> Vec<String> {
    split_commands(q).into_iter().map(|(w, _)| w).collect()
}

fn command_positions(q: &str) -> Vec<usize> {
    split_commands(q).into_iter().map(|(_, p)| p).collect()
}

/// A row from `(field, value)` pairs, `@ptr` added last as the service does.
pub fn row(fields: &[(&str, &str)]) -> Row {
    let mut r: Row = fields
        .iter()
        .map(|(f, v)| (f.to_string(), v.to_string()))
        .collect();
    r.push((
        "@ptr".into(),
        format!("CmQKLQopMTIzNDU2Nzg5MDEyOmNydWRkdXI{}", r.len()),
    ));
    r
}

/// `400 ThrottlingException`, JSON 1.1 style.
pub fn throttling() -> Reply {
    error(400, "ThrottlingException", "Rate exceeded")
}

/// `ServiceUnavailableException` (HTTP 500), as the API reference lists for these operations.
pub fn unavailable() -> Reply {
    error(
        500,
        "ServiceUnavailableException",
        "The service cannot complete the request.",
    )
}
