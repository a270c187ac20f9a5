//! The Transaction Search read path of the X-Ray fake, after the API reference:
//! - `POST /StartTraceRetrieval` (`TraceIds` 1..=5 of at most 35 characters, `StartTime` and `EndTime`
//!   required, inclusive) answers a `RetrievalToken`;
//! - `POST /ListRetrievedTraces` answers `RetrievalStatus` `SCHEDULED`, then `RUNNING` for
//!   [`TsState::polls_before_done`] polls in all, then the final status ([`TsState::final_status`]:
//!   `COMPLETE`, or an injected `FAILED` / `CANCELLED` / `TIMEOUT`); before `COMPLETE` the list is empty (the
//!   reference: "the API will return an empty response"). Traces come as X-Ray segment documents or OTEL
//!   span documents (`TraceFormat`), `page_size` spans a page with opaque `NextToken`s; an unknown token is
//!   `ResourceNotFoundException`.
//! - `POST /v1/traces`, X-Ray's OTLP endpoint: checks the SigV4 credential scope
//!   (`<date>/<region>/xray/aws4_request`), the signature itself (recomputed with the test credentials)
//!   and `application/x-protobuf`, decodes the ExportTraceServiceRequest and stores its spans; errors are a protobuf `google.rpc.Status`, as OTLP/HTTP servers send.
//! - a UDP listener standing in for the X-Ray daemon ([`super::xray::XrayFake::daemon`]): it checks the
//!   `{"format": "json", "version": 1}` header line and stores the segment.
//!
//! Received spans and segments become visible after [`TsState::delay`], or never ([`TsState::never_arrive`]).

use std::net::UdpSocket;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use prost::Message;
use serde_json::{json, Value};

use super::otlp::hex;
use super::server::{Reply, Request};
use super::xray::{error, State};

/// What a segment or span sent through the daemon or OTLP became, and when it may be found.
#[derive(Debug, Clone)]
pub struct Stored {
    pub visible_at: Instant,
    /// An X-Ray segment document (from the daemon) or an OTEL span document (from OTLP).
    pub doc: Value,
    pub otel: bool,
}

/// A trace found by a retrieval: its X-Ray id, segment documents and OTEL span documents.
type Found = (String, Vec<Value>, Vec<Value>);

#[derive(Debug, Clone)]
struct Retrieval {
    ids: Vec<String>,
    start: f64,
    end: f64,
    polls: usize,
    /// Filled when the retrieval completes: (X-Ray id, segment documents, OTEL span documents).
    result: Option<Vec<Found>>,
}

#[derive(Debug)]
pub struct TsState {
    pub received: Vec<Stored>,
    /// How long after arrival a span can be found.
    pub delay: Duration,
    /// Accept spans and segments but never store them.
    pub never_arrive: bool,
    /// ListRetrievedTraces polls that answer `SCHEDULED` (the first) or `RUNNING` before the final status.
    pub polls_before_done: usize,
    /// The status a retrieval ends with.
    pub final_status: String,
    /// Every OTLP request's decoded span count, and every daemon datagram, for assertions.
    pub otlp_spans: usize,
    pub datagrams: Vec<String>,
    /// Per path, how many of the next requests are throttled (429 ThrottledException; on `/v1/traces` a
    /// protobuf Status with `Retry-After: 0`).
    pub throttle: Vec<(String, usize)>,
    /// Per path, how many of the next requests get HTTP 500.
    pub fail: Vec<(String, usize)>,
    retrievals: Vec<Retrieval>,
}

impl Default for TsState {
    fn default() -> Self {
        TsState {
            received: Vec::new(),
            delay: Duration::ZERO,
            never_arrive: false,
            polls_before_done: 2,
            final_status: "COMPLETE".into(),
            otlp_spans: 0,
            datagrams: Vec::new(),
            throttle: Vec::new(),
            fail: Vec::new(),
            retrievals: Vec::new(),
        }
    }
}

impl TsState {
    /// The daemon segments that may be found now (BatchGetTraces sees them too while segments go to X-Ray).
    pub fn visible_segments(&self) -> Vec<Value> {
        let now = Instant::now();
        self.received
            .iter()
            .filter(|s| !s.otel && s.visible_at <= now)
            .map(|s| s.doc.clone())
            .collect()
    }

    fn store(&mut self, doc: Value, otel: bool) {
        if !self.never_arrive {
            self.received.push(Stored {
                visible_at: Instant::now() + self.delay,
                doc,
                otel,
            });
        }
    }
}

/// A throttle or failure injected for this path, if one is due.
pub fn injected(st: &mut State, path: &str) -> Option<Reply> {
    let due = |list: &mut Vec<(String, usize)>| {
        list.iter_mut()
            .find(|(p, n)| p == path && *n > 0)
            .map(|(_, n)| *n -= 1)
            .is_some()
    };
    let otlp = path == "/v1/traces";
    if due(&mut st.ts.throttle) {
        return Some(if otlp {
            otlp_error(429, 8, "Rate exceeded").header("Retry-After", "0")
        } else {
            error(429, "ThrottledException", "Rate exceeded")
        });
    }
    if due(&mut st.ts.fail) {
        return Some(if otlp {
            otlp_error(500, 13, "Internal failure")
        } else {
            error(500, "InternalFailure", "An internal error occurred")
        });
    }
    None
}

/// The paths this part of the fake answers.
pub fn handles(path: &str) -> bool {
    matches!(
        path,
        "/StartTraceRetrieval" | "/ListRetrievedTraces" | "/v1/traces"
    )
}

pub fn handle(st: &mut State, req: &Request) -> Reply {
    match req.path.as_str() {
        "/StartTraceRetrieval" => start(st, &req.json()),
        "/ListRetrievedTraces" => list(st, &req.json()),
        "/v1/traces" => otlp(st, req),
        _ => unreachable!(),
    }
}

/// `1-xxxxxxxx-yyyy...` for either form, lower case.
pub fn xray_form(id: &str) -> String {
    let id = id.to_ascii_lowercase();
    if id.len() == 32 && !id.contains('-') {
        format!("1-{}-{}", &id[..8], &id[8..])
    } else {
        id
    }
}

fn start(st: &mut State, body: &Value) -> Reply {
    let Some(ids) = body["TraceIds"].as_array() else {
        return error(400, "InvalidRequestException", "TraceIds is required");
    };
    let ids: Vec<String> = ids
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    if ids.is_empty() || ids.len() > 5 || ids.iter().any(|i| i.is_empty() || i.len() > 35) {
        return error(
            400,
            "InvalidRequestException",
            "TraceIds must hold 1 to 5 ids of 1 to 35 characters",
        );
    }
    let (Some(s), Some(e)) = (body["StartTime"].as_f64(), body["EndTime"].as_f64()) else {
        return error(
            400,
            "InvalidRequestException",
            "StartTime and EndTime are required",
        );
    };
    if e < s {
        return error(
            400,
            "InvalidRequestException",
            "EndTime must not be before StartTime",
        );
    }
    st.ts.retrievals.push(Retrieval {
        ids: ids.iter().map(|i| xray_form(i)).collect(),
        start: s,
        end: e,
        polls: 0,
        result: None,
    });
    Reply::json(
        200,
        json!({ "RetrievalToken": format!("rt-{:04}", st.ts.retrievals.len() - 1) }),
    )
}

/// Every segment document that may be found now: PutTraceSegments' and the daemon's.
fn all_segments(st: &State) -> Vec<Value> {
    let mut v = st.segments.clone();
    v.extend(st.ts.visible_segments());
    v
}

fn nanos(v: &Value) -> f64 {
    v.as_f64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or(0.0)
}

/// The traces of a retrieval, as they are when it completes.
fn complete(st: &State, r: &Retrieval) -> Vec<Found> {
    let now = Instant::now();
    let in_window = |t: f64| t >= r.start && t <= r.end + 1.0;
    r.ids
        .iter()
        .filter_map(|id| {
            let segs: Vec<Value> = all_segments(st)
                .into_iter()
                .filter(|s| s["trace_id"].as_str().map(xray_form).as_deref() == Some(id.as_str()))
                .collect();
            let spans: Vec<Value> = st
                .ts
                .received
                .iter()
                .filter(|s| s.otel && s.visible_at <= now)
                .filter(|s| {
                    s.doc["traceId"].as_str().map(xray_form).as_deref() == Some(id.as_str())
                })
                .map(|s| s.doc.clone())
                .collect();
            let found = segs
                .iter()
                .any(|s| in_window(s["start_time"].as_f64().unwrap_or(0.0)))
                || spans
                    .iter()
                    .any(|s| in_window(nanos(&s["startTimeUnixNano"]) / 1e9));
            found.then(|| (id.clone(), segs, spans))
        })
        .collect()
}

/// An X-Ray segment (and its subsegments, as child spans) as OTEL span documents in the layout of the
/// `aws/spans` log group.
fn segment_as_spans(seg: &Value, service: &str, parent: Option<&str>, out: &mut Vec<Value>) {
    let n = |k: &str| (seg[k].as_f64().unwrap_or(0.0) * 1e9).round() as u64;
    let mut attrs = json!({});
    if let Some(s) = seg["http"]["response"]["status"].as_i64() {
        attrs["http.response.status_code"] = json!(s);
    }
    let xray_id = seg["trace_id"].as_str().unwrap_or_default();
    let trace = xray_id
        .strip_prefix("1-")
        .unwrap_or(xray_id)
        .replace('-', "");
    let mut span = json!({
        "resource": {"attributes": {"service.name": service}},
        "traceId": trace,
        "spanId": seg["id"],
        "name": seg["name"],
        "kind": if parent.is_none() { "SERVER" } else { "INTERNAL" },
        "startTimeUnixNano": n("start_time"),
        "endTimeUnixNano": n("end_time"),
        "durationNano": n("end_time").saturating_sub(n("start_time")),
        "attributes": attrs,
        "status": {"code": if seg["fault"] == true { "ERROR" } else { "UNSET" }},
    });
    if let Some(p) = parent.or(seg["parent_id"].as_str()) {
        span["parentSpanId"] = json!(p);
    }
    out.push(span);
    for sub in seg["subsegments"].as_array().into_iter().flatten() {
        let mut sub = sub.clone();
        sub["trace_id"] = seg["trace_id"].clone();
        segment_as_spans(&sub, service, seg["id"].as_str(), out);
    }
}

/// An OTEL span as the X-Ray segment document X-Ray makes of it (named after its service).
fn span_as_segment(span: &Value) -> Value {
    let secs = |k: &str| nanos(&span[k]) / 1e9;
    let mut seg = json!({
        "id": span["spanId"],
        "name": span["resource"]["attributes"]["service.name"].as_str().unwrap_or("unknown_service"),
        "trace_id": xray_form(span["traceId"].as_str().unwrap_or_default()),
        "start_time": secs("startTimeUnixNano"),
        "end_time": secs("endTimeUnixNano"),
        "fault": span["status"]["code"] == "ERROR",
        "aws": {"xray": {"sdk": "opentelemetry"}},
    });
    if let Some(p) = span["parentSpanId"].as_str().filter(|p| !p.is_empty()) {
        seg["parent_id"] = json!(p);
    }
    seg
}

fn list(st: &mut State, body: &Value) -> Reply {
    let token = body["RetrievalToken"].as_str().unwrap_or_default();
    let Some(i) = token
        .strip_prefix("rt-")
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|i| *i < st.ts.retrievals.len())
    else {
        return error(
            404,
            "ResourceNotFoundException",
            "Retrieval token not found",
        );
    };
    let format = body["TraceFormat"].as_str().unwrap_or("XRAY").to_string();
    if format != "XRAY" && format != "OTEL" {
        return error(
            400,
            "InvalidRequestException",
            "TraceFormat must be XRAY or OTEL",
        );
    }
    let before = st.ts.polls_before_done;
    let final_status = st.ts.final_status.clone();
    let r = &mut st.ts.retrievals[i];
    let polls = r.polls;
    if body.get("NextToken").is_none() {
        r.polls += 1;
    }
    let status = if polls == 0 && before > 0 {
        "SCHEDULED".to_string()
    } else if polls < before {
        "RUNNING".to_string()
    } else {
        final_status
    };
    if status != "COMPLETE" {
        return Reply::json(
            200,
            json!({ "RetrievalStatus": status, "TraceFormat": format, "Traces": [] }),
        );
    }
    if st.ts.retrievals[i].result.is_none() {
        let done = complete(st, &st.ts.retrievals[i].clone());
        st.ts.retrievals[i].result = Some(done);
    }
    let result = st.ts.retrievals[i].result.clone().unwrap_or_default();
    // Every span document of every trace, in order, then pages of `page_size` spans.
    let mut items: Vec<(String, Value)> = Vec::new();
    for (id, segs, spans) in &result {
        if format == "XRAY" {
            for s in segs {
                items.push((id.clone(), s.clone()));
            }
            for s in spans {
                items.push((id.clone(), span_as_segment(s)));
            }
        } else {
            for s in segs {
                let mut out = Vec::new();
                segment_as_spans(s, s["name"].as_str().unwrap_or("?"), None, &mut out);
                items.extend(out.into_iter().map(|o| (id.clone(), o)));
            }
            for s in spans {
                items.push((id.clone(), s.clone()));
            }
        }
    }
    let size = st.page_size.max(1);
    let from = match body["NextToken"].as_str() {
        None => 0,
        Some(t) => match t.strip_prefix("lp").and_then(|n| n.parse::<usize>().ok()) {
            Some(n) if n <= items.len() => n,
            _ => return error(400, "InvalidRequestException", "Invalid NextToken"),
        },
    };
    let to = (from + size).min(items.len());
    // `Duration`: from the first start to the last end of the trace's documents, in seconds.
    let duration = |id: &str| {
        let times: Vec<(f64, f64)> = items
            .iter()
            .filter(|(i, _)| i == id)
            .map(|(_, d)| match d.get("start_time") {
                Some(s) => (
                    s.as_f64().unwrap_or(0.0),
                    d["end_time"].as_f64().unwrap_or(0.0),
                ),
                None => (
                    nanos(&d["startTimeUnixNano"]) / 1e9,
                    nanos(&d["endTimeUnixNano"]) / 1e9,
                ),
            })
            .collect();
        let start = times.iter().map(|t| t.0).fold(f64::INFINITY, f64::min);
        let end = times.iter().map(|t| t.1).fold(f64::NEG_INFINITY, f64::max);
        ((end - start) * 1e6).round() / 1e6
    };
    let mut traces: Vec<Value> = Vec::new();
    for (id, doc) in &items[from..to] {
        if !traces.iter().any(|t| t["Id"] == id.as_str()) {
            traces.push(json!({"Id": id, "Duration": duration(id), "Spans": []}));
        }
        let t = traces.iter_mut().find(|t| t["Id"] == id.as_str()).unwrap();
        let span_id = doc
            .get("id")
            .or(doc.get("spanId"))
            .cloned()
            .unwrap_or(Value::Null);
        t["Spans"]
            .as_array_mut()
            .unwrap()
            .push(json!({"Id": span_id, "Document": doc.to_string()}));
    }
    let mut out = json!({ "RetrievalStatus": "COMPLETE", "TraceFormat": format, "Traces": traces });
    if to < items.len() {
        out["NextToken"] = json!(format!("lp{to}"));
    }
    Reply::json(200, out)
}

fn otlp_error(status: u16, code: i32, message: &str) -> Reply {
    super::otlp::error(status, code, message)
}

fn otlp(st: &mut State, req: &Request) -> Reply {
    if let Err(why) = super::otlp::check_sigv4(req, &st.region, "xray") {
        let code = if why.contains("scope") { 7 } else { 16 };
        return otlp_error(403, code, &why);
    }
    if req.header("content-type") != Some("application/x-protobuf") {
        return otlp_error(
            415,
            3,
            "Unsupported content type; use application/x-protobuf",
        );
    }
    let export: opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest =
        match super::otlp::decode(req) {
            Ok(e) => e,
            Err(_) => {
                return otlp_error(
                    400,
                    3,
                    "The request body is not an ExportTraceServiceRequest",
                )
            }
        };
    for rs in &export.resource_spans {
        let mut resource = json!({});
        for kv in rs.resource.iter().flat_map(|r| &r.attributes) {
            if let Some(opentelemetry_proto::tonic::common::v1::any_value::Value::StringValue(v)) =
                kv.value.as_ref().and_then(|v| v.value.as_ref())
            {
                resource[&kv.key] = json!(v);
            }
        }
        for ss in &rs.scope_spans {
            for sp in &ss.spans {
                st.ts.otlp_spans += 1;
                let mut doc = json!({
                    "resource": {"attributes": resource},
                    "scope": {"name": ss.scope.as_ref().map(|s| s.name.clone()).unwrap_or_default()},
                    "traceId": hex(&sp.trace_id),
                    "spanId": hex(&sp.span_id),
                    "name": sp.name,
                    "kind": sp.kind,
                    "startTimeUnixNano": sp.start_time_unix_nano,
                    "endTimeUnixNano": sp.end_time_unix_nano,
                    "durationNano": sp.end_time_unix_nano.saturating_sub(sp.start_time_unix_nano),
                    "attributes": {},
                    "status": {"code": match sp.status.as_ref().map(|s| s.code) { Some(2) => "ERROR", Some(1) => "OK", _ => "UNSET" }},
                });
                if !sp.parent_span_id.is_empty() {
                    doc["parentSpanId"] = json!(hex(&sp.parent_span_id));
                }
                st.ts.store(doc, true);
            }
        }
    }
    let ok = opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceResponse {
        partial_success: None,
    };
    Reply::protobuf(200, ok.encode_to_vec())
}

/// The UDP listener standing in for the X-Ray daemon; stopped on drop.
pub struct FakeDaemon {
    pub addr: String,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FakeDaemon {
    pub fn start(state: Arc<Mutex<State>>) -> FakeDaemon {
        let sock = UdpSocket::bind("127.0.0.1:0").expect("bind a loopback UDP port");
        sock.set_read_timeout(Some(Duration::from_millis(50)))
            .unwrap();
        let addr = sock.local_addr().unwrap().to_string();
        let stop = Arc::new(AtomicBool::new(false));
        let s = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut buf = vec![0u8; 65_536];
            while !s.load(Ordering::Relaxed) {
                let Ok(n) = sock.recv(&mut buf) else { continue };
                let text = String::from_utf8_lossy(&buf[..n]).into_owned();
                let mut st = state.lock().unwrap();
                st.ts.datagrams.push(text.clone());
                // The daemon drops what does not start with its header line.
                let Some((header, body)) = text.split_once('\n') else {
                    continue;
                };
                let h: Value = serde_json::from_str(header).unwrap_or(Value::Null);
                if h != json!({"format": "json", "version": 1}) {
                    continue;
                }
                let Ok(seg) = serde_json::from_str::<Value>(body) else {
                    continue;
                };
                let ok = ["name", "id", "trace_id"]
                    .iter()
                    .all(|k| seg[*k].is_string())
                    && seg["start_time"].is_number()
                    && (seg["end_time"].is_number() || seg["in_progress"] == true);
                if ok {
                    st.ts.store(seg, false);
                }
            }
        });
        FakeDaemon {
            addr,
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for FakeDaemon {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
