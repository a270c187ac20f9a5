//! CloudWatch Logs for the tests: calls straight to moto's server (JSON 1.1, `X-Amz-Target`) to seed groups,
//! streams and events, and a fault-injecting proxy between o11y and moto that records every request and
//! answers chosen requests with throttling or 5xx instead of forwarding them.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use super::server::{FakeServer, Reply, Request};

const AUTH: &str = "AWS4-HMAC-SHA256 Credential=AKIDO11YTESTKEY00001/20261125/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=0";

/// Milliseconds since the epoch, now.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// A group name no other test of the binary uses.
pub fn unique(prefix: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{prefix}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    )
}

/// A direct CloudWatch Logs client for moto (no o11y involved).
pub struct Logs {
    pub url: String,
    http: reqwest::blocking::Client,
    /// The Authorization header: moto keeps each region's resources apart, by the credential scope's region.
    auth: String,
}

impl Logs {
    pub fn new(url: &str) -> Self {
        Logs {
            url: url.to_string(),
            http: reqwest::blocking::Client::new(),
            auth: AUTH.to_string(),
        }
    }

    /// The same, for the resources of another region than us-east-1.
    pub fn in_region(url: &str, region: &str) -> Self {
        Logs {
            auth: AUTH.replace("/us-east-1/", &format!("/{region}/")),
            ..Logs::new(url)
        }
    }

    pub fn call(&self, op: &str, body: Value) -> Value {
        let r = self
            .http
            .post(format!("{}/", self.url))
            .header("X-Amz-Target", format!("Logs_20140328.{op}"))
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("Authorization", &self.auth)
            .body(body.to_string())
            .send()
            .unwrap();
        let status = r.status();
        let text = r.text().unwrap();
        assert!(status.is_success(), "{op}: HTTP {status}: {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    pub fn create_group(&self, group: &str) {
        self.call("CreateLogGroup", json!({ "logGroupName": group }));
    }

    pub fn put_retention(&self, group: &str, days: i64) {
        self.call(
            "PutRetentionPolicy",
            json!({ "logGroupName": group, "retentionInDays": days }),
        );
    }

    pub fn retention(&self, group: &str) -> Option<i64> {
        let v = self.call("DescribeLogGroups", json!({ "logGroupNamePrefix": group }));
        let g = v["logGroups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["logGroupName"] == group)
            .unwrap_or_else(|| panic!("no group {group}: {v}"))
            .clone();
        g["retentionInDays"].as_i64()
    }

    pub fn create_stream(&self, group: &str, stream: &str) {
        self.call(
            "CreateLogStream",
            json!({ "logGroupName": group, "logStreamName": stream }),
        );
    }

    /// Put `(timestamp, message)` events (in any order: sorted here, as PutLogEvents requires).
    pub fn put(&self, group: &str, stream: &str, events: &[(i64, String)]) {
        let mut events = events.to_vec();
        events.sort_by_key(|e| e.0);
        for chunk in events.chunks(10_000) {
            let evs: Vec<Value> = chunk
                .iter()
                .map(|(t, m)| json!({ "timestamp": t, "message": m }))
                .collect();
            self.call(
                "PutLogEvents",
                json!({ "logGroupName": group, "logStreamName": stream, "logEvents": evs }),
            );
        }
    }
}

/// The operation a request names in `X-Amz-Target` (`FilterLogEvents`).
pub fn operation(req: &Request) -> String {
    req.header("x-amz-target")
        .and_then(|t| t.rsplit('.').next())
        .unwrap_or_default()
        .to_string()
}

/// Forwards to moto, except the requests it was told to fail. Records every request (`server.requests()`).
pub struct FaultProxy {
    pub server: FakeServer,
    /// Per operation, what the next requests get: `None` forwards, `Some(reply)` fails.
    script: Arc<Mutex<HashMap<String, VecDeque<Option<Reply>>>>>,
}

/// `400 ThrottlingException`, JSON 1.1 style, as CloudWatch Logs throttles.
pub fn throttling() -> Reply {
    Reply::json(
        400,
        json!({"__type": "ThrottlingException", "message": "Rate exceeded"}),
    )
    .header("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
}

/// An HTML 5xx, as a load balancer in front of a service answers.
pub fn server_error(status: u16) -> Reply {
    let mut r = Reply::text(status, "<html><body>Service Unavailable</body></html>");
    r.headers = vec![("Content-Type".into(), "text/html".into())];
    r
}

impl FaultProxy {
    pub fn start(upstream: &str) -> Self {
        let script: Arc<Mutex<HashMap<String, VecDeque<Option<Reply>>>>> = Arc::default();
        let (sc, upstream) = (script.clone(), upstream.to_string());
        let http = reqwest::blocking::Client::new();
        let server = FakeServer::start(move |req| {
            let planned = sc
                .lock()
                .unwrap()
                .get_mut(&operation(req))
                .and_then(VecDeque::pop_front)
                .flatten();
            planned.unwrap_or_else(|| forward(&http, &upstream, req))
        });
        FaultProxy { server, script }
    }

    pub fn url(&self) -> &str {
        &self.server.url
    }

    /// Let the next `pass` requests for `op` through, then answer the following ones with `replies`.
    pub fn inject(&self, op: &str, pass: usize, replies: Vec<Reply>) {
        let mut s = self.script.lock().unwrap();
        let q = s.entry(op.to_string()).or_default();
        q.extend(std::iter::repeat_n(None, pass));
        q.extend(replies.into_iter().map(Some));
    }

    /// The operations received, in order.
    pub fn operations(&self) -> Vec<String> {
        self.server.requests().iter().map(operation).collect()
    }

    /// The JSON bodies of the requests for `op`, in order.
    pub fn requests_named(&self, op: &str) -> Vec<Value> {
        self.server
            .requests()
            .iter()
            .filter(|r| operation(r) == op)
            .map(Request::json)
            .collect()
    }

    /// The operations received that write (create, put, delete).
    pub fn writes(&self) -> Vec<String> {
        self.operations()
            .into_iter()
            .filter(|o| {
                !o.starts_with("Describe") && !o.starts_with("Filter") && !o.starts_with("Get")
            })
            .collect()
    }
}

pub fn forward(http: &reqwest::blocking::Client, upstream: &str, req: &Request) -> Reply {
    let url = if req.query.is_empty() {
        format!("{upstream}{}", req.path)
    } else {
        format!("{upstream}{}?{}", req.path, req.query)
    };
    let method = reqwest::Method::from_bytes(req.method.as_bytes()).unwrap();
    let mut rb = http.request(method, url).body(req.body.clone());
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
        Ok(r) => {
            let status = r.status().as_u16();
            let headers: Vec<(String, String)> = r
                .headers()
                .iter()
                .filter(|(k, _)| {
                    let k = k.as_str();
                    k == "content-type" || k.starts_with("x-amz")
                })
                .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
                .collect();
            Reply {
                status,
                headers,
                body: r.text().unwrap_or_default(),
                bytes: None,
            }
        }
        Err(e) => Reply::text(502, &format!("proxy: {e}")),
    }
}
