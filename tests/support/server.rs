//! A small HTTP server on a free loopback port for the fakes: it records every request (method, path,
//! headers, body, when it came), can answer the next N requests with an injected reply (throttling, 5xx),
//! and hands the rest to the fake's handler. Every connection is served by a thread of its own, so that
//! requests overlap as on a real server; with a delay ([`FakeServer::set_delay`]) each answer is sent that
//! long after the request came, and the most requests in flight at once is counted. Stopped on drop.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

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
    /// When the server received it (to compare the order of requests to different fakes).
    pub at: Instant,
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
    /// How long after a request its answer is sent.
    delay: Duration,
    in_flight: usize,
    max_in_flight: usize,
}

/// HTTP/1.1 on a loopback port, a thread per connection (so that any number of clients are served at once:
/// a fixed pool of workers kept busy by idle keep-alive connections would leave a new one unanswered). The
/// handler is called for one request at a time, in the order the requests are logged.
pub struct FakeServer {
    pub url: String,
    shared: Arc<Mutex<Shared>>,
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FakeServer {
    pub fn start(handler: impl FnMut(&Request) -> Reply + Send + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let addr = listener.local_addr().expect("a local address");
        let shared = Arc::new(Mutex::new(Shared {
            requests: Vec::new(),
            faults: VecDeque::new(),
            delay: Duration::ZERO,
            in_flight: 0,
            max_in_flight: 0,
        }));
        let handler: Arc<Mutex<Handler>> = Arc::new(Mutex::new(Box::new(handler)));
        let stop = Arc::new(AtomicBool::new(false));
        let (sh, st) = (shared.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if st.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (sh, handler) = (sh.clone(), handler.clone());
                std::thread::spawn(move || serve(conn, &sh, &handler));
            }
        });
        FakeServer {
            url: format!("http://{addr}"),
            shared,
            addr,
            stop,
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

    /// Send each answer `d` after its request came (requests then overlap: see [`FakeServer::max_in_flight`]).
    pub fn set_delay(&self, d: Duration) {
        self.shared.lock().unwrap().delay = d;
    }

    /// The most requests that were in flight at once (received, not yet answered).
    pub fn max_in_flight(&self) -> usize {
        self.shared.lock().unwrap().max_in_flight
    }

    pub fn clear_requests(&self) {
        self.shared.lock().unwrap().requests.clear();
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees `stop`.
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// One connection: its requests one after another (keep-alive) until the client closes it.
fn serve(conn: TcpStream, shared: &Mutex<Shared>, handler: &Mutex<Handler>) {
    let _ = conn.set_nodelay(true);
    let Ok(mut writer) = conn.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(conn);
    while let Some(req) = read_request(&mut reader, &mut writer) {
        let close = req
            .header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"));
        let (reply, delay) = {
            let mut handler = handler.lock().unwrap_or_else(|e| e.into_inner());
            let (fault, delay) = {
                let mut s = shared.lock().unwrap();
                s.requests.push(req.clone());
                s.in_flight += 1;
                s.max_in_flight = s.max_in_flight.max(s.in_flight);
                (s.faults.pop_front(), s.delay)
            };
            (fault.unwrap_or_else(|| handler(&req)), delay)
        };
        std::thread::sleep(delay);
        // Out of flight before the answer leaves: the client's next request may come at once.
        shared.lock().unwrap().in_flight -= 1;
        if write_reply(&mut writer, &req.method, reply, close).is_err() || close {
            return;
        }
    }
}

fn read_line(r: &mut BufReader<TcpStream>) -> Option<String> {
    let mut buf = Vec::new();
    match r.read_until(b'\n', &mut buf) {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(String::from_utf8_lossy(&buf).trim_end().to_string()),
    }
}

/// The next request of the connection (`None` once the client closed it).
fn read_request(r: &mut BufReader<TcpStream>, w: &mut TcpStream) -> Option<Request> {
    let mut line = String::new();
    while line.is_empty() {
        line = read_line(r)?;
    }
    let mut parts = line.split(' ');
    let (method, target) = (parts.next()?.to_string(), parts.next()?.to_string());
    let mut headers = Vec::new();
    loop {
        let h = read_line(r)?;
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let get = |name: &str| {
        headers
            .iter()
            .find(|(k, _): &&(String, String)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    if get("expect").is_some_and(|v| v.eq_ignore_ascii_case("100-continue")) {
        w.write_all(b"HTTP/1.1 100 Continue\r\n\r\n").ok()?;
    }
    let mut bytes = Vec::new();
    if get("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked")) {
        loop {
            let size = read_line(r)?;
            let size = usize::from_str_radix(size.split(';').next()?.trim(), 16).ok()?;
            if size == 0 {
                while !read_line(r)?.is_empty() {}
                break;
            }
            let mut chunk = vec![0; size];
            r.read_exact(&mut chunk).ok()?;
            bytes.extend(chunk);
            read_line(r)?;
        }
    } else if let Some(n) = get("content-length").and_then(|v| v.parse::<usize>().ok()) {
        bytes = vec![0; n];
        r.read_exact(&mut bytes).ok()?;
    }
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    Some(Request {
        method,
        path: path.to_string(),
        query: query.to_string(),
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes,
        at: Instant::now(),
    })
}

fn write_reply(w: &mut TcpStream, method: &str, reply: Reply, close: bool) -> std::io::Result<()> {
    let status = reply.status;
    let reason = match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        413 => "Payload Too Large",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    };
    let data = reply.bytes.unwrap_or_else(|| reply.body.into_bytes());
    let no_body = method == "HEAD" || status == 204 || status == 304 || status < 200;
    let mut head = format!("HTTP/1.1 {status} {reason}\r\n");
    for (k, v) in &reply.headers {
        let framing = ["content-length", "transfer-encoding", "connection"];
        if !framing.iter().any(|f| k.eq_ignore_ascii_case(f)) {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    if !no_body {
        head.push_str(&format!("Content-Length: {}\r\n", data.len()));
    }
    if close {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    w.write_all(head.as_bytes())?;
    if !no_body {
        w.write_all(&data)?;
    }
    w.flush()
}
