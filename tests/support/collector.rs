//! A small forwarding stand-in for an OpenTelemetry Collector: an OTLP/HTTP receiver (`/v1/traces`,
//! `/v1/logs`, `/v1/metrics`, protobuf or JSON, gzip or none) that fans every request out to the exporters it
//! is given, as a collector's `otlphttp` exporters do: Honeycomb with its own `x-honeycomb-team` (and
//! `x-honeycomb-dataset` for metrics), X-Ray, CloudWatch Logs (with `x-aws-log-group` / `x-aws-log-stream`)
//! and CloudWatch metrics signed as `sigv4authextension` signs (services `xray`, `logs`, `monitoring`, the
//! test credentials, us-east-1). [`Collector::drop_exports_to`] makes it drop one exporter's copy, as a broken
//! pipeline would, while still answering the app with 200.

use std::sync::{Arc, Mutex};

use opentelemetry_proto::tonic::collector::logs::v1::{
    ExportLogsServiceRequest, ExportLogsServiceResponse,
};
use opentelemetry_proto::tonic::collector::metrics::v1::{
    ExportMetricsServiceRequest, ExportMetricsServiceResponse,
};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use prost::Message;

use super::otlp;
use super::server::{FakeServer, Reply, Request};

/// Where the collector exports.
#[derive(Debug, Clone, Default)]
pub struct Exports {
    /// Honeycomb's base URL, the key, and the metrics dataset.
    pub honeycomb: Option<(String, String, String)>,
    /// X-Ray's base URL.
    pub xray: Option<String>,
    /// CloudWatch Logs' base URL, the group and the stream.
    pub logs: Option<(String, String, String)>,
    /// CloudWatch's base URL.
    pub metrics: Option<String>,
}

/// (exporter, path, the backend's status) of each copy sent on.
pub type Forwarded = Vec<(&'static str, String, u16)>;

pub struct Collector {
    pub server: FakeServer,
    dropped: Arc<Mutex<Vec<&'static str>>>,
    /// (exporter, path, the backend's status) for every copy sent on.
    pub forwarded: Arc<Mutex<Forwarded>>,
}

fn post(
    http: &reqwest::blocking::Client,
    url: &str,
    body: Vec<u8>,
    headers: &[(String, String)],
    sign: Option<&str>,
) -> u16 {
    let ct = "application/x-protobuf";
    let mut rb = http.post(url).header("content-type", ct);
    for (k, v) in headers {
        rb = rb.header(k, v);
    }
    if let Some(service) = sign {
        for (k, v) in otlp::sign(url, ct, &body, "us-east-1", service) {
            rb = rb.header(k, v);
        }
    }
    rb.body(body)
        .send()
        .map(|r| r.status().as_u16())
        .unwrap_or(599)
}

impl Collector {
    pub fn start(exports: Exports) -> Self {
        let dropped: Arc<Mutex<Vec<&'static str>>> = Arc::default();
        let forwarded: Arc<Mutex<Forwarded>> = Arc::default();
        let (d, f) = (dropped.clone(), forwarded.clone());
        let http = reqwest::blocking::Client::new();
        let server = FakeServer::start(move |req: &Request| {
            let path = req.path.as_str();
            let (body, answer): (Vec<u8>, Vec<u8>) = match path {
                "/v1/traces" => match otlp::decode::<ExportTraceServiceRequest>(req) {
                    Ok(e) => (
                        e.encode_to_vec(),
                        ExportTraceServiceResponse::default().encode_to_vec(),
                    ),
                    Err(reply) => return reply,
                },
                "/v1/logs" => match otlp::decode::<ExportLogsServiceRequest>(req) {
                    Ok(e) => (
                        e.encode_to_vec(),
                        ExportLogsServiceResponse::default().encode_to_vec(),
                    ),
                    Err(reply) => return reply,
                },
                "/v1/metrics" => match otlp::decode::<ExportMetricsServiceRequest>(req) {
                    Ok(e) => (
                        e.encode_to_vec(),
                        ExportMetricsServiceResponse::default().encode_to_vec(),
                    ),
                    Err(reply) => return reply,
                },
                _ => return otlp::error(404, 5, "no such receiver"),
            };
            let dropped = d.lock().unwrap().clone();
            let send = |name: &'static str,
                        url: String,
                        headers: Vec<(String, String)>,
                        sign: Option<&str>| {
                if dropped.contains(&name) {
                    return;
                }
                let status = post(&http, &url, body.clone(), &headers, sign);
                f.lock().unwrap().push((name, path.to_string(), status));
            };
            if let Some((url, key, dataset)) = &exports.honeycomb {
                let mut h = vec![("x-honeycomb-team".to_string(), key.clone())];
                if path == "/v1/metrics" {
                    h.push(("x-honeycomb-dataset".to_string(), dataset.clone()));
                }
                send("honeycomb", format!("{url}{path}"), h, None);
            }
            match path {
                "/v1/traces" => {
                    if let Some(url) = &exports.xray {
                        send("xray", format!("{url}{path}"), Vec::new(), Some("xray"));
                    }
                }
                "/v1/logs" => {
                    if let Some((url, group, stream)) = &exports.logs {
                        let h = vec![
                            ("x-aws-log-group".to_string(), group.clone()),
                            ("x-aws-log-stream".to_string(), stream.clone()),
                        ];
                        send("logs", format!("{url}{path}"), h, Some("logs"));
                    }
                }
                _ => {
                    if let Some(url) = &exports.metrics {
                        send(
                            "metrics",
                            format!("{url}{path}"),
                            Vec::new(),
                            Some("monitoring"),
                        );
                    }
                }
            }
            Reply::protobuf(200, answer)
        });
        Collector {
            server,
            dropped,
            forwarded,
        }
    }

    pub fn url(&self) -> &str {
        &self.server.url
    }

    /// Stop forwarding to one exporter (`honeycomb`, `xray`, `logs`, `metrics`); the app still gets 200.
    pub fn drop_exports_to(&self, name: &'static str) {
        self.dropped.lock().unwrap().push(name);
    }

    pub fn forwarded(&self) -> Forwarded {
        self.forwarded.lock().unwrap().clone()
    }
}
