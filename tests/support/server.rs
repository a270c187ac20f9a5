//! A small HTTP server on a free loopback port for the fakes: it records every request (method, path,
//! headers, body), can answer the next N requests with an injected reply (throttling, 5xx), and hands the
//! rest to the fake's handler. Stopped on drop.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use serde_json::Value;

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The path without the query string.
    pub path: String,
    pub query: String,
    pub headers: Vec<(String, String)>,
    /// The body as text (lossy for binary bodies: see `bytes`).
    pub body: String,
    /// The body as received (protobuf bodies are not text).
    pub bytes: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// The raw request as text (request line, headers, body), for "the secret appears nowhere" checks.
    pub fn raw(&self) -> String {
        let headers: Vec<String> = self
            .headers
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        format!(
            "{} {}?{}\n{}\n\n{}",
            self.method,
            self.path,
            self.query,
            headers.join("\n"),
            self.body
        )
    }
}

#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// A binary body, sent instead of `body` when set (protobuf answers).
    pub bytes: Option<Vec<u8>>,
}

impl Reply {
    pub fn json(status: u16, body: Value) -> Self {
        Reply {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string(),
            bytes: None,
        }
    }

    pub fn text(status: u16, body: &str) -> Self {
        Reply {
            status,
            headers: vec![("Content-Type".into(), "text/plain".into())],
            body: body.into(),
            bytes: None,
        }
    }

    pub fn protobuf(status: u16, body: Vec<u8>) -> Self {
        Reply {
            status,
            headers: vec![("Content-Type".into(), "application/x-protobuf".into())],
            body: String::new(),
            bytes: Some(body),
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

type Handler = Box<dyn FnMut(&Request) -> Reply + Send>;

struct Shared {
    requests: Vec<Request>,
    faults: VecDeque<Reply>,
}

pub struct FakeServer {
    pub url: String,
    shared: Arc<Mutex<Shared>>,
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
}

impl FakeServer {
    pub fn start(handler: impl FnMut(&Request) -> Reply + Send + 'static) -> Self {
        let server =
            Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind a loopback port"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let shared = Arc::new(Mutex::new(Shared {
            requests: Vec::new(),
            faults: VecDeque::new(),
        }));
        let (srv, sh) = (server.clone(), shared.clone());
        let mut handler: Handler = Box::new(handler);
        let thread = std::thread::spawn(move || {
            for mut rq in srv.incoming_requests() {
                let mut bytes = Vec::new();
                let _ = rq.as_reader().read_to_end(&mut bytes);
                let body = String::from_utf8_lossy(&bytes).into_owned();
                let url = rq.url().to_string();
                let (path, query) = url.split_once('?').unwrap_or((&url, ""));
                let req = Request {
                    method: rq.method().as_str().to_string(),
                    path: path.to_string(),
                    query: query.to_string(),
                    headers: rq
                        .headers()
                        .iter()
                        .map(|h| (h.field.to_string(), h.value.to_string()))
                        .collect(),
                    body,
                    bytes,
                };
                let fault = {
                    let mut s = sh.lock().unwrap();
                    s.requests.push(req.clone());
                    s.faults.pop_front()
                };
                let reply = fault.unwrap_or_else(|| handler(&req));
                let data = reply.bytes.unwrap_or_else(|| reply.body.into_bytes());
                let mut resp = tiny_http::Response::from_data(data).with_status_code(reply.status);
                for (k, v) in reply.headers {
                    resp.add_header(
                        tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap(),
                    );
                }
                let _ = rq.respond(resp);
            }
        });
        FakeServer {
            url: format!("http://127.0.0.1:{port}"),
            shared,
            server,
            thread: Some(thread),
        }
    }

    /// Every request received so far, injected faults included.
    pub fn requests(&self) -> Vec<Request> {
        self.shared.lock().unwrap().requests.clone()
    }

    /// Answer the next `n` requests with `reply`, whatever they ask.
    pub fn fail_next(&self, n: usize, reply: Reply) {
        let mut s = self.shared.lock().unwrap();
        for _ in 0..n {
            s.faults.push_back(reply.clone());
        }
    }

    pub fn clear_requests(&self) {
        self.shared.lock().unwrap().requests.clear();
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
