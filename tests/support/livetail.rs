//! A CloudWatch Logs endpoint with Live Tail, for the tests and the benchmark: `StartLiveTail` answered here
//! as the service does (an HTTP/1.1 chunked response of AWS event-stream frames, written with
//! `aws-smithy-eventstream`: one `sessionStart`, then a `sessionUpdate` every tick), and every other call
//! forwarded to moto, which holds the log groups and events. A session reads moto for the events ingested
//! after it started (so the events a test writes to moto reach both the history and the session, as in
//! the service), at most `sample_above` per update (more are dropped and the update says `sampled`).
//!
//! Scripted per start (`plan`): a refusal (`LimitExceededException`, `ThrottlingException`,
//! `AccessDeniedException`), moto's HTML 500, or a session that ends after N updates (cleanly, with a
//! `SessionTimeoutException` / `SessionStreamingException` frame, or by cutting the connection). The request
//! is checked as the API reference says (1 to 10 ARNs without `:*`, existing groups, stream prefixes only with
//! one group). Every request is recorded with its `Host` header.

use std::collections::{HashSet, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
use serde_json::{json, Value};

use super::logs::{now_ms, Logs};

pub const ACCOUNT: &str = "123456789012";

/// How a session ends.
#[derive(Debug, Clone, PartialEq)]
pub enum End {
    /// Runs until the client goes away.
    Never,
    /// The stream ends after this many updates (the end of the HTTP body, as after 3 hours).
    Clean(usize),
    /// An exception frame (`SessionTimeoutException`, `SessionStreamingException`) after this many updates.
    Exception(usize, &'static str),
    /// The connection is cut (no final chunk) after this many updates.
    Cut(usize),
}

/// What one StartLiveTail gets.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    Session(End),
    /// `400` with this JSON 1.1 error code.
    Refuse(&'static str),
    /// HTTP 500 with an HTML page, as moto answers an operation it lacks.
    Html500,
}

/// One request received.
#[derive(Debug, Clone)]
pub struct Received {
    pub operation: String,
    pub host: String,
    pub body: Value,
}

struct State {
    requests: Vec<Received>,
    plans: VecDeque<Plan>,
    sessions: usize,
    /// Updates sent (with and without events), all sessions.
    updates: usize,
    /// Events of each update, in order (for "sampled" checks).
    sampled_updates: Vec<bool>,
}

pub struct LiveTailFake {
    pub url: String,
    state: Arc<Mutex<State>>,
}

pub struct Options {
    /// Time between updates (the service: about a second).
    pub tick: Duration,
    /// Events per update above which the update is sampled (the service: 500).
    pub sample_above: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tick: Duration::from_millis(200),
            sample_above: 500,
        }
    }
}

impl LiveTailFake {
    pub fn start(moto: &str, opts: Options) -> LiveTailFake {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State {
            requests: Vec::new(),
            plans: VecDeque::new(),
            sessions: 0,
            updates: 0,
            sampled_updates: Vec::new(),
        }));
        let opts = Arc::new(opts);
        let (st, moto) = (state.clone(), moto.to_string());
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let (st, moto, opts) = (st.clone(), moto.clone(), opts.clone());
                std::thread::spawn(move || serve(conn, &st, &moto, &opts));
            }
        });
        LiveTailFake { url, state }
    }

    /// The next StartLiveTail requests get these, in order; later ones get a session that never ends.
    pub fn plan(&self, plans: impl IntoIterator<Item = Plan>) {
        self.state.lock().unwrap().plans.extend(plans);
    }

    pub fn requests(&self) -> Vec<Received> {
        self.state.lock().unwrap().requests.clone()
    }

    pub fn operations(&self) -> Vec<String> {
        self.requests().into_iter().map(|r| r.operation).collect()
    }

    /// Sessions started (sessionStart sent).
    pub fn sessions(&self) -> usize {
        self.state.lock().unwrap().sessions
    }

    pub fn updates(&self) -> usize {
        self.state.lock().unwrap().updates
    }

    /// Wait (bounded) until `n` sessions have started and sent at least one update.
    pub fn wait_sessions(&self, n: usize, within: Duration) {
        let deadline = Instant::now() + within;
        while self.sessions() < n {
            assert!(
                Instant::now() < deadline,
                "{} Live Tail sessions started, waited for {n}: {:?}",
                self.sessions(),
                self.operations()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

struct HttpRequest {
    headers: Vec<(String, String)>,
    path: String,
    method: String,
    body: Vec<u8>,
}

impl HttpRequest {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn read_request(r: &mut BufReader<TcpStream>) -> Option<HttpRequest> {
    let mut line = String::new();
    if r.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        r.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':')?;
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    let len: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    r.read_exact(&mut body).ok()?;
    Some(HttpRequest {
        headers,
        path,
        method,
        body,
    })
}

fn write_response(w: &mut TcpStream, status: u16, headers: &[(&str, &str)], body: &[u8]) -> bool {
    let mut head = format!("HTTP/1.1 {status} X\r\ncontent-length: {}\r\n", body.len());
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    w.write_all(head.as_bytes()).is_ok() && w.write_all(body).is_ok() && w.flush().is_ok()
}

fn error(w: &mut TcpStream, status: u16, code: &str, message: &str) -> bool {
    let body = json!({ "__type": code, "message": message }).to_string();
    write_response(
        w,
        status,
        &[
            ("content-type", "application/x-amz-json-1.1"),
            ("x-amzn-RequestId", "00000000-0000-0000-0000-00000000000f"),
        ],
        body.as_bytes(),
    )
}

fn serve(conn: TcpStream, st: &Arc<Mutex<State>>, moto: &str, opts: &Options) {
    let mut w = conn.try_clone().unwrap();
    let mut r = BufReader::new(conn);
    let http = reqwest::blocking::Client::new();
    while let Some(req) = read_request(&mut r) {
        let operation = req
            .header("x-amz-target")
            .and_then(|t| t.rsplit('.').next())
            .unwrap_or_default()
            .to_string();
        let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
        st.lock().unwrap().requests.push(Received {
            operation: operation.clone(),
            host: req.header("host").unwrap_or_default().to_string(),
            body: body.clone(),
        });
        let keep = if operation == "StartLiveTail" {
            start_live_tail(&mut w, st, moto, opts, &body)
        } else {
            forward(&mut w, &http, moto, &req)
        };
        if !keep {
            return;
        }
    }
}

fn forward(
    w: &mut TcpStream,
    http: &reqwest::blocking::Client,
    moto: &str,
    req: &HttpRequest,
) -> bool {
    let method = reqwest::Method::from_bytes(req.method.as_bytes()).unwrap();
    let mut rb = http
        .request(method, format!("{moto}{}", req.path))
        .body(req.body.clone());
    for (k, v) in &req.headers {
        let k = k.to_ascii_lowercase();
        if ![
            "host",
            "content-length",
            "connection",
            "transfer-encoding",
            "expect",
        ]
        .contains(&k.as_str())
        {
            rb = rb.header(k, v);
        }
    }
    match rb.send() {
        Ok(resp) => {
            let status = resp.status().as_u16();
            let ct = resp
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("application/x-amz-json-1.1")
                .to_string();
            let body = resp.bytes().unwrap_or_default();
            write_response(w, status, &[("content-type", &ct)], &body)
        }
        Err(e) => write_response(w, 502, &[], e.to_string().as_bytes()),
    }
}

fn frame(headers: &[(&str, &str)], payload: Value) -> Vec<u8> {
    let mut msg = Message::new(payload.to_string().into_bytes());
    for (k, v) in headers {
        msg = msg.add_header(Header::new(
            k.to_string(),
            HeaderValue::String(v.to_string().into()),
        ));
    }
    let mut out = Vec::new();
    aws_smithy_eventstream::frame::write_message_to(&msg, &mut out).unwrap();
    out
}

fn event(kind: &str, payload: Value) -> Vec<u8> {
    frame(
        &[
            (":message-type", "event"),
            (":event-type", kind),
            (":content-type", "application/json"),
        ],
        payload,
    )
}

fn exception(kind: &str, message: &str) -> Vec<u8> {
    frame(
        &[
            (":message-type", "exception"),
            (":exception-type", kind),
            (":content-type", "application/json"),
        ],
        json!({ "message": message }),
    )
}

fn chunk(w: &mut TcpStream, bytes: &[u8]) -> bool {
    w.write_all(format!("{:x}\r\n", bytes.len()).as_bytes())
        .is_ok()
        && w.write_all(bytes).is_ok()
        && w.write_all(b"\r\n").is_ok()
        && w.flush().is_ok()
}

/// The groups moto has: (ARN without `:*`, name).
fn moto_groups(moto: &str) -> Vec<(String, String)> {
    let v = Logs::new(moto).call("DescribeLogGroups", json!({}));
    v["logGroups"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|g| {
            (
                g["logGroupArn"].as_str().unwrap_or_default().to_string(),
                g["logGroupName"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Returns whether the connection stays open.
fn start_live_tail(
    w: &mut TcpStream,
    st: &Arc<Mutex<State>>,
    moto: &str,
    opts: &Options,
    body: &Value,
) -> bool {
    let ids: Vec<String> = body["logGroupIdentifiers"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    if ids.is_empty() || ids.len() > 10 {
        return error(
            w,
            400,
            "InvalidParameterException",
            "logGroupIdentifiers must have 1 to 10 members",
        );
    }
    let prefixes: Vec<String> = body["logStreamNamePrefixes"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    if !prefixes.is_empty() && ids.len() > 1 {
        return error(
            w,
            400,
            "InvalidParameterException",
            "logStreamNamePrefixes can be given only with one log group",
        );
    }
    let plan = st
        .lock()
        .unwrap()
        .plans
        .pop_front()
        .unwrap_or(Plan::Session(End::Never));
    match plan {
        Plan::Refuse(code) => {
            let msg = match code {
                "LimitExceededException" => "Too many concurrent Live Tail sessions",
                "AccessDeniedException" => "User is not authorized to perform: logs:StartLiveTail",
                _ => "Rate exceeded",
            };
            error(w, 400, code, msg)
        }
        Plan::Html500 => {
            let html = b"<!doctype html><html><title>500 Internal Server Error</title><h1>Internal Server Error</h1></html>";
            write_response(
                w,
                500,
                &[("content-type", "text/html; charset=utf-8")],
                html,
            )
        }
        Plan::Session(end) => {
            let known = moto_groups(moto);
            let mut groups = Vec::new();
            for id in &ids {
                if id.ends_with(":*") {
                    return error(
                        w,
                        400,
                        "InvalidParameterException",
                        "log group ARNs must not end with :*",
                    );
                }
                match known.iter().find(|(arn, _)| arn == id) {
                    Some((_, name)) => groups.push(name.clone()),
                    None => {
                        return error(
                            w,
                            400,
                            "ResourceNotFoundException",
                            &format!("The specified log group does not exist: {id}"),
                        )
                    }
                }
            }
            let pattern = body["logEventFilterPattern"].as_str().map(String::from);
            session(w, st, moto, opts, &ids, &groups, &prefixes, pattern, end)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn session(
    w: &mut TcpStream,
    st: &Arc<Mutex<State>>,
    moto: &str,
    opts: &Options,
    ids: &[String],
    groups: &[String],
    prefixes: &[String],
    pattern: Option<String>,
    end: End,
) -> bool {
    let started = now_ms();
    let head = "HTTP/1.1 200 OK\r\ncontent-type: application/vnd.amazon.eventstream\r\nx-amzn-RequestId: 00000000-0000-0000-0000-0000000000aa\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n";
    if w.write_all(head.as_bytes()).is_err() {
        return false;
    }
    let session_id = {
        let mut s = st.lock().unwrap();
        s.sessions += 1;
        format!("session-{}", s.sessions)
    };
    let start = event(
        "sessionStart",
        json!({
            "requestId": "00000000-0000-0000-0000-0000000000aa",
            "sessionId": session_id,
            "logGroupIdentifiers": ids,
            "logStreamNamePrefixes": if prefixes.is_empty() { Value::Null } else { json!(prefixes) },
            "logEventFilterPattern": pattern.clone().unwrap_or_default(),
        }),
    );
    if !chunk(w, &start) {
        return false;
    }
    let logs = Logs::new(moto);
    let mut sent: HashSet<(String, String)> = HashSet::new();
    let mut updates = 0;
    loop {
        std::thread::sleep(opts.tick);
        match end {
            End::Clean(n) if updates >= n => {
                let _ = w.write_all(b"0\r\n\r\n");
                return false;
            }
            End::Exception(n, kind) if updates >= n => {
                let _ = chunk(w, &exception(kind, "The Live Tail session ended"));
                let _ = w.write_all(b"0\r\n\r\n");
                return false;
            }
            End::Cut(n) if updates >= n => {
                let _ = w.shutdown(std::net::Shutdown::Both);
                return false;
            }
            _ => {}
        }
        // The events ingested since the session started, not yet sent, in ingestion order.
        let mut fresh: Vec<Value> = Vec::new();
        for g in groups {
            let mut req = json!({ "logGroupName": g, "interleaved": true });
            if let Some(p) = &pattern {
                if !p.is_empty() {
                    req["filterPattern"] = json!(p);
                }
            }
            let mut token: Option<String> = None;
            loop {
                if let Some(t) = &token {
                    req["nextToken"] = json!(t);
                }
                let page = logs.call("FilterLogEvents", req.clone());
                for e in page["events"].as_array().cloned().unwrap_or_default() {
                    let stream = e["logStreamName"].as_str().unwrap_or_default().to_string();
                    let ingested = e["ingestionTime"].as_i64().unwrap_or_default();
                    if ingested < started
                        || (!prefixes.is_empty() && !prefixes.iter().any(|p| stream.starts_with(p)))
                        || !sent
                            .insert((g.clone(), e["eventId"].as_str().unwrap_or_default().into()))
                    {
                        continue;
                    }
                    fresh.push(json!({
                        "logStreamName": stream,
                        "logGroupIdentifier": format!("{ACCOUNT}:{g}"),
                        "message": e["message"],
                        "timestamp": e["timestamp"],
                        "ingestionTime": ingested,
                    }));
                }
                token = page["nextToken"].as_str().map(String::from);
                if token.is_none() {
                    break;
                }
            }
        }
        fresh.sort_by_key(|e| e["ingestionTime"].as_i64());
        let sampled = fresh.len() > opts.sample_above;
        fresh.truncate(opts.sample_above);
        let update = event(
            "sessionUpdate",
            json!({
                "sessionMetadata": { "sampled": sampled },
                "sessionResults": fresh,
            }),
        );
        if !chunk(w, &update) {
            return false;
        }
        updates += 1;
        let mut s = st.lock().unwrap();
        s.updates += 1;
        s.sampled_updates.push(sampled);
    }
}
