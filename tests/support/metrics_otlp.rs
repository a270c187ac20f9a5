//! A fake of CloudWatch's OTLP metrics endpoint and its PromQL query API, after the references
//! (metrics-otel-send, CloudWatch-OTLPEndpoint, CloudWatch-PromQL-API-QueryMetrics):
//! - `POST /v1/metrics`: SigV4 for service `monitoring` (checked and recomputed), protobuf or JSON, gzip or
//!   none; data points are stored by metric name with their attributes; a `partialSuccess` with
//!   `rejectedDataPoints` when told, 429 (the documented TPS throttle) with `Retry-After` when told;
//! - `GET /api/v1/query?query={"<name>", "<label>"="<value>"}` (SigV4 `monitoring`): Prometheus' answer
//!   `{"status": "success", "data": {"resultType": "vector", "result": [...]}}` with the stored points that
//!   match (Prometheus 3's quoted-name selector, the only form this fake parses); 404 when told the query API
//!   is not there ([`MetricsFake::without_promql`]).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use opentelemetry_proto::tonic::collector::metrics::v1::{
    ExportMetricsPartialSuccess, ExportMetricsServiceRequest, ExportMetricsServiceResponse,
};
use opentelemetry_proto::tonic::metrics::v1::metric::Data;
use serde_json::{json, Value};

use super::otlp::{self, error};
use super::server::{FakeServer, Reply, Request};

#[derive(Debug, Default)]
pub struct State {
    pub region: String,
    /// (metric name, data point attributes), in arrival order.
    pub points: Vec<(String, BTreeMap<String, String>)>,
    pub reject: Vec<(i64, String)>,
    pub throttle: Vec<u64>,
    pub no_promql: bool,
}

pub struct MetricsFake {
    pub server: FakeServer,
    pub state: Arc<Mutex<State>>,
}

fn ingest(st: &mut State, req: &Request) -> Reply {
    if let Some(secs) = (!st.throttle.is_empty()).then(|| st.throttle.remove(0)) {
        return error(429, 8, "Rate exceeded").header("Retry-After", &secs.to_string());
    }
    if let Err(why) = otlp::check_sigv4(req, &st.region, "monitoring") {
        return error(403, 7, &why);
    }
    let export: ExportMetricsServiceRequest = match otlp::decode(req) {
        Ok(e) => e,
        Err(reply) => return reply,
    };
    let rejected = (!st.reject.is_empty()).then(|| st.reject.remove(0));
    if rejected.is_none() {
        for rm in &export.resource_metrics {
            for sm in &rm.scope_metrics {
                for m in &sm.metrics {
                    let points = match &m.data {
                        Some(Data::Gauge(g)) => &g.data_points,
                        Some(Data::Sum(s)) => &s.data_points,
                        _ => continue,
                    };
                    for p in points {
                        let labels = p
                            .attributes
                            .iter()
                            .filter_map(|a| {
                                otlp::string_attr(std::slice::from_ref(a), &a.key)
                                    .map(|v| (a.key.clone(), v))
                            })
                            .collect();
                        st.points.push((m.name.clone(), labels));
                    }
                }
            }
        }
    }
    otlp::ok(
        req,
        &ExportMetricsServiceResponse {
            partial_success: rejected.map(|(n, msg)| ExportMetricsPartialSuccess {
                rejected_data_points: n,
                error_message: msg,
            }),
        },
    )
}

/// `{"name", "label"="value"}` → (name, label, value).
fn selector(q: &str) -> Option<(String, String, String)> {
    let inner = q.trim().strip_prefix('{')?.strip_suffix('}')?;
    let (name, matcher) = inner.split_once(',')?;
    let name = name.trim().trim_matches('"').to_string();
    let (label, value) = matcher.split_once('=')?;
    Some((
        name,
        label.trim().trim_matches('"').to_string(),
        value.trim().trim_matches('"').to_string(),
    ))
}

fn query(st: &State, req: &Request) -> Reply {
    if let Err(why) = otlp::check_sigv4(req, &st.region, "monitoring") {
        return Reply::json(
            403,
            json!({"status": "error", "errorType": "AccessDenied", "error": why}),
        );
    }
    if st.no_promql {
        return Reply::json(404, json!({"message": "Not Found"}));
    }
    let q = req
        .query
        .split('&')
        .find_map(|p| p.strip_prefix("query="))
        .map(|v| {
            percent_encoding::percent_decode_str(&v.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        })
        .unwrap_or_default();
    let Some((name, label, value)) = selector(&q) else {
        return Reply::json(
            400,
            json!({"status": "error", "errorType": "bad_data", "error": format!("this fake cannot parse `{q}`")}),
        );
    };
    let now = chrono::Utc::now().timestamp() as f64;
    let result: Vec<Value> = st
        .points
        .iter()
        .filter(|(n, l)| *n == name && l.get(&label) == Some(&value))
        .map(|(n, l)| {
            let mut metric = json!({"__name__": n});
            for (k, v) in l {
                metric[k] = json!(v);
            }
            json!({"metric": metric, "value": [now, "1"]})
        })
        .collect();
    Reply::json(
        200,
        json!({"status": "success", "data": {"resultType": "vector", "result": result}}),
    )
}

impl MetricsFake {
    pub fn start() -> Self {
        let state = Arc::new(Mutex::new(State {
            region: "us-east-1".into(),
            ..State::default()
        }));
        let st = state.clone();
        let server = FakeServer::start(move |req| {
            let mut s = st.lock().unwrap();
            match (req.method.as_str(), req.path.as_str()) {
                ("POST", "/v1/metrics") => ingest(&mut s, req),
                ("GET", "/api/v1/query") => query(&s, req),
                _ => Reply::json(404, json!({"message": "Not Found"})),
            }
        });
        MetricsFake { server, state }
    }

    pub fn url(&self) -> &str {
        &self.server.url
    }

    pub fn reject_next(&self, n: i64, message: &str) {
        self.state.lock().unwrap().reject.push((n, message.into()));
    }

    pub fn throttle_next(&self, secs: u64) {
        self.state.lock().unwrap().throttle.push(secs);
    }

    pub fn without_promql(&self) {
        self.state.lock().unwrap().no_promql = true;
    }

    pub fn requests_to(&self, path: &str) -> Vec<Request> {
        self.server
            .requests()
            .into_iter()
            .filter(|r| r.path == path)
            .collect()
    }
}
