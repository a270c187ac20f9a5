//! A fake of CloudWatch Logs' OTLP endpoint `POST /v1/logs` in front of moto (every other request is
//! forwarded to moto, so one URL serves `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS` for both). After the references
//! (CWL_HTTP_Endpoints_OTLP, CloudWatch-OTLPEndpoint):
//! - SigV4 for service `logs` in the fake's region, checked and recomputed with the test credentials; a
//!   missing or wrong signature is an auth failure, HTTP 401 ("Auth failures: HTTP 401");
//! - `x-aws-log-group` and `x-aws-log-stream`, both required, non-empty; the group and stream must exist
//!   (CloudWatch does not create them; the status for a missing one is not documented: 400 here, as a
//!   validation error);
//! - `application/x-protobuf` or `application/json`, `Content-Encoding: gzip` or none;
//! - accepted records are written into moto with PutLogEvents (one event per record, at its `timeUnixNano`,
//!   the message the record as JSON in the shape ADOT's batch processor assumes: resource, scope, body,
//!   attributes, ids), so FilterLogEvents finds them;
//! - a `partialSuccess` with `rejectedLogRecords` and AWS's counts in `errorMessage` when told
//!   ([`LogsOtlpFake::reject_next`]); 429 with `Retry-After` when told ([`LogsOtlpFake::throttle_next`]).

use std::sync::{Arc, Mutex};

use opentelemetry_proto::tonic::collector::logs::v1::{
    ExportLogsPartialSuccess, ExportLogsServiceRequest, ExportLogsServiceResponse,
};
use opentelemetry_proto::tonic::common::v1::KeyValue;
use serde_json::{json, Map, Value};

use super::logs::{forward, Logs};
use super::otlp::{self, error};
use super::server::{FakeServer, Reply, Request};

#[derive(Debug, Default)]
pub struct State {
    pub region: String,
    /// The next requests get `partialSuccess` rejecting this many records with this message.
    pub reject: Vec<(i64, String)>,
    /// The next requests get HTTP 429 with `Retry-After` of this many seconds.
    pub throttle: Vec<u64>,
    /// The requests that passed every check, as received.
    pub accepted: Vec<Request>,
}

pub struct LogsOtlpFake {
    pub server: FakeServer,
    pub state: Arc<Mutex<State>>,
}

fn attributes(kvs: &[KeyValue]) -> Value {
    let v = serde_json::to_value(kvs).unwrap_or_default();
    let mut out = Map::new();
    for kv in v.as_array().into_iter().flatten() {
        let value = kv["value"]
            .as_object()
            .and_then(|o| o.values().next().cloned());
        out.insert(
            kv["key"].as_str().unwrap_or_default().to_string(),
            value.unwrap_or(Value::Null),
        );
    }
    Value::Object(out)
}

fn exists(moto: &Logs, group: &str, stream: &str) -> Result<(), String> {
    let v = moto.call("DescribeLogGroups", json!({"logGroupNamePrefix": group}));
    if !v["logGroups"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|g| g["logGroupName"] == group)
    {
        return Err(format!("The specified log group does not exist: {group}"));
    }
    let v = moto.call(
        "DescribeLogStreams",
        json!({"logGroupName": group, "logStreamNamePrefix": stream}),
    );
    if !v["logStreams"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|s| s["logStreamName"] == stream)
    {
        return Err(format!("The specified log stream does not exist: {stream}"));
    }
    Ok(())
}

fn otlp_logs(st: &mut State, moto: &Logs, req: &Request) -> Reply {
    if let Some(secs) = (!st.throttle.is_empty()).then(|| st.throttle.remove(0)) {
        return error(429, 8, "Rate exceeded").header("Retry-After", &secs.to_string());
    }
    if let Err(why) = otlp::check_sigv4(req, &st.region, "logs") {
        return error(401, 16, &why);
    }
    let (group, stream) = (
        req.header("x-aws-log-group")
            .unwrap_or_default()
            .to_string(),
        req.header("x-aws-log-stream")
            .unwrap_or_default()
            .to_string(),
    );
    if group.is_empty() || stream.is_empty() {
        return error(
            400,
            3,
            "Both x-aws-log-group and x-aws-log-stream headers are required",
        );
    }
    let export: ExportLogsServiceRequest = match otlp::decode(req) {
        Ok(e) => e,
        Err(reply) => return reply,
    };
    if let Err(why) = exists(moto, &group, &stream) {
        return error(400, 5, &why);
    }
    let rejected = (!st.reject.is_empty()).then(|| st.reject.remove(0));
    let mut events = Vec::new();
    for rl in &export.resource_logs {
        let resource = attributes(rl.resource.as_ref().map_or(&[][..], |r| &r.attributes));
        for sl in &rl.scope_logs {
            for r in &sl.log_records {
                let body = serde_json::to_value(&r.body).unwrap_or_default();
                let message = json!({
                    "resource": {"attributes": resource},
                    "scope": {"name": sl.scope.as_ref().map(|s| s.name.clone()).unwrap_or_default()},
                    "timeUnixNano": r.time_unix_nano,
                    "observedTimeUnixNano": r.observed_time_unix_nano,
                    "severityNumber": r.severity_number,
                    "severityText": r.severity_text,
                    "body": body.as_object().and_then(|o| o.values().next().cloned()).unwrap_or(Value::Null),
                    "attributes": attributes(&r.attributes),
                    "flags": r.flags,
                    "traceId": otlp::hex(&r.trace_id),
                    "spanId": otlp::hex(&r.span_id),
                });
                let nanos = [r.time_unix_nano, r.observed_time_unix_nano]
                    .into_iter()
                    .find(|t| *t > 0)
                    .unwrap_or(super::logs::now_ms() as u64 * 1_000_000);
                events
                    .push(json!({"timestamp": nanos / 1_000_000, "message": message.to_string()}));
            }
        }
    }
    let keep = match &rejected {
        Some((n, _)) => events.len().saturating_sub(*n as usize),
        None => events.len(),
    };
    events.truncate(keep);
    if !events.is_empty() {
        moto.call(
            "PutLogEvents",
            json!({"logGroupName": group, "logStreamName": stream, "logEvents": events}),
        );
    }
    st.accepted.push(req.clone());
    otlp::ok(
        req,
        &ExportLogsServiceResponse {
            partial_success: rejected.map(|(n, m)| ExportLogsPartialSuccess {
                rejected_log_records: n,
                error_message: m,
            }),
        },
    )
}

impl LogsOtlpFake {
    /// In front of moto at `moto_url`, taking signatures for us-east-1.
    pub fn start(moto_url: &str) -> Self {
        let state = Arc::new(Mutex::new(State {
            region: "us-east-1".into(),
            ..State::default()
        }));
        let (st, upstream) = (state.clone(), moto_url.to_string());
        let http = reqwest::blocking::Client::new();
        let moto = Logs::new(moto_url);
        let server = FakeServer::start(move |req| {
            if req.method == "POST" && req.path == "/v1/logs" {
                otlp_logs(&mut st.lock().unwrap(), &moto, req)
            } else {
                forward(&http, &upstream, req)
            }
        });
        LogsOtlpFake { server, state }
    }

    pub fn url(&self) -> &str {
        &self.server.url
    }

    /// The next request's `partialSuccess` rejects `n` records with AWS's counts as the message.
    pub fn reject_next(&self, n: i64, message: &str) {
        self.state
            .lock()
            .unwrap()
            .reject
            .push((n, message.to_string()));
    }

    /// The next request gets HTTP 429 with `Retry-After: secs`.
    pub fn throttle_next(&self, secs: u64) {
        self.state.lock().unwrap().throttle.push(secs);
    }

    /// Every request to `/v1/logs`, checked or not.
    pub fn otlp_requests(&self) -> Vec<Request> {
        self.server
            .requests()
            .into_iter()
            .filter(|r| r.path == "/v1/logs")
            .collect()
    }

    pub fn accepted(&self) -> Vec<Request> {
        self.state.lock().unwrap().accepted.clone()
    }
}
