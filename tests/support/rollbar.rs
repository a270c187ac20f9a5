//! A stateful fake of Rollbar's API, following its reference: `POST /api/1/item/` (the item API) and
//! `POST /api/1/deploy` and `PATCH /api/1/deploy/{id}` (the deploy API), the token in `X-Rollbar-Access-Token`, project access tokens with
//! scopes (`post_server_item` may post anything; `post_client_item` only items from a client platform),
//! answers `{"err": 0, "result": {"id": null, "uuid": ...}}` and `{"data": {"deploy_id": N}}`, errors
//! `{"err": 1, "message": ...}` (403 `access token not found: <token>`, echoing the token as Rollbar does;
//! 403 `insufficient privileges: ...`; 422 `Invalid format. ...`), and 429 with the `X-Rate-Limit-*` headers.
//!
//! Read-back (read scope): `GET /api/1/instances/?page=N` lists the project's processed occurrences, newest
//! first, 20 a page, each with `id`, `item_id`, `timestamp` and the item's `data` (its `uuid` included);
//! `GET /api/1/item/{id}` gives the item (`counter`, `title`). An occurrence is listed only once processed:
//! [`RollbarFake::set_processing_delay`] after it was accepted, or never ([`RollbarFake::never_process`]).
//! Occurrences belong to project 1, or to a project of the account ([`RollbarFake::set_item_project`]).
//!
//! Projects, project access tokens and notification rules are in `rollbar_account.rs`, on the same server.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use super::server::{FakeServer, Reply, Request};

/// A project's post_server_item token (32 hex characters, as Rollbar's classic tokens are).
pub const SERVER_TOKEN: &str = "5e7a1c0ffee4b2d9a8c3e6f1b0d47a29";
/// The same project's post_client_item token.
pub const CLIENT_TOKEN: &str = "c11e47c0ffee4b2d9a8c3e6f1b0d47a2";
/// A token with only the read scope.
pub const READ_TOKEN: &str = "4ead0c0ffee4b2d9a8c3e6f1b0d47a29";
/// A token with only the write scope (PATCH and DELETE).
pub const WRITE_TOKEN: &str = "3717ec0ffee4b2d9a8c3e6f1b0d47a29";

const LEVELS: [&str; 5] = ["critical", "error", "warning", "info", "debug"];
const CLIENT_PLATFORMS: [&str; 5] = ["browser", "android", "ios", "flash", "client"];
const DEPLOY_STATUSES: [&str; 4] = ["started", "succeeded", "failed", "timed_out"];

#[derive(Default)]
pub struct State {
    /// token -> its scopes.
    pub tokens: BTreeMap<String, Vec<String>>,
    /// Every accepted item's `data`, in order.
    pub items: Vec<Value>,
    /// Every accepted deploy's body, in order.
    pub deploys: Vec<Value>,
    counter: u64,
    /// The id given to each of `deploys` (PATCH deploy/{id} finds them by it).
    pub deploy_ids: Vec<u64>,
    /// Every accepted `PATCH deploy/{id}`: the id and the body.
    pub deploy_updates: Vec<(u64, Value)>,
    /// (occurrence, accepted at), in order.
    pub occurrences: Vec<(Value, SystemTime)>,
    /// item id -> item.
    pub item_records: BTreeMap<u64, Value>,
    /// How long after it is accepted an occurrence is processed (listed).
    pub processing_delay: Duration,
    /// Occurrences are accepted but never processed.
    pub never_process: bool,
    /// Projects, their access tokens and notification rules (`rollbar_account.rs`).
    pub account: super::rollbar_account::Account,
    /// The `project_id` of the occurrences and items recorded from now on (1 unless set).
    pub item_project: Option<u64>,
}

pub struct RollbarFake {
    pub server: FakeServer,
    pub state: Arc<Mutex<State>>,
}

pub fn error(status: u16, message: &str) -> Reply {
    Reply::json(status, json!({"err": 1, "message": message}))
}

impl RollbarFake {
    /// A project with a server, a client and a read token.
    pub fn start() -> Self {
        let mut st = State::default();
        for (t, scope) in [
            (SERVER_TOKEN, "post_server_item"),
            (CLIENT_TOKEN, "post_client_item"),
            (READ_TOKEN, "read"),
            (WRITE_TOKEN, "write"),
        ] {
            st.tokens.insert(t.into(), vec![scope.into()]);
        }
        let state = Arc::new(Mutex::new(st));
        let s = state.clone();
        let server = FakeServer::start(move |req| handle(&mut s.lock().unwrap(), req));
        RollbarFake { server, state }
    }

    /// The API base URL, as ROLLBAR_ENDPOINT takes it.
    pub fn endpoint(&self) -> String {
        format!("{}/api/1/", self.server.url)
    }

    pub fn add_token(&self, token: &str, scopes: &[&str]) {
        self.state
            .lock()
            .unwrap()
            .tokens
            .insert(token.into(), scopes.iter().map(|s| s.to_string()).collect());
    }

    pub fn remove_token(&self, token: &str) {
        self.state.lock().unwrap().tokens.remove(token);
    }

    pub fn items(&self) -> Vec<Value> {
        self.state.lock().unwrap().items.clone()
    }

    pub fn deploys(&self) -> Vec<Value> {
        self.state.lock().unwrap().deploys.clone()
    }

    /// Occurrences are listed this long after they are accepted.
    pub fn set_processing_delay(&self, d: Duration) {
        self.state.lock().unwrap().processing_delay = d;
    }

    /// Occurrences are accepted but never processed.
    pub fn never_process(&self) {
        self.state.lock().unwrap().never_process = true;
    }

    /// The occurrences recorded from now on belong to this project of the account (`project_id`).
    pub fn set_item_project(&self, id: u64) {
        self.state.lock().unwrap().item_project = Some(id);
    }

    /// `n` other occurrences, processed, as if other apps reported them after ours.
    pub fn add_noise(&self, n: usize) {
        let mut st = self.state.lock().unwrap();
        for i in 0..n {
            let data = json!({"environment": "production", "level": "info",
                              "body": {"message": {"body": format!("noise {i}")}},
                              "uuid": format!("0000noise-{i}")});
            record_occurrence(&mut st, data);
        }
    }

    pub fn requests(&self) -> Vec<Request> {
        self.server.requests()
    }

    pub fn deploy_updates(&self) -> Vec<(u64, Value)> {
        self.state.lock().unwrap().deploy_updates.clone()
    }

    /// The next `n` requests get 429 with Rollbar's rate-limit headers, asking for `seconds` of patience.
    pub fn rate_limit_next(&self, n: usize, seconds: u64) {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        self.server.fail_next(
            n,
            error(429, "rate limit exceeded for this access token")
                .header("X-Rate-Limit-Limit", "5000")
                .header("X-Rate-Limit-Remaining", "0")
                .header("X-Rate-Limit-Reset", &(now + seconds).to_string())
                .header("X-Rate-Limit-Remaining-Seconds", &seconds.to_string()),
        );
    }
}

fn handle(st: &mut State, req: &Request) -> Reply {
    if let Some(reply) = super::rollbar_account::route(st, req) {
        return reply;
    }
    let route = req.path.trim_end_matches('/');
    if let Some(id) = route.strip_prefix("/api/1/deploy/") {
        if req.method == "PATCH" {
            return update_deploy(st, req, id);
        }
    }
    if req.method == "GET" {
        return read(st, req, route);
    }
    if req.method != "POST" || !matches!(route, "/api/1/item" | "/api/1/deploy") {
        return error(404, "Not found");
    }
    let Some(token) = req.header("X-Rollbar-Access-Token") else {
        return error(
            422,
            "Invalid format. access_token is missing and it is required.",
        );
    };
    let Some(scopes) = st.tokens.get(token).cloned() else {
        return error(403, &format!("access token not found: {token}"));
    };
    let Ok(body) = serde_json::from_str::<Value>(&req.body) else {
        return error(400, "Could not parse JSON body");
    };
    if route == "/api/1/item" {
        item(st, &scopes, &body)
    } else {
        deploy(st, &scopes, &body)
    }
}

fn scope_error(needed: &str, scopes: &[String]) -> Reply {
    error(
        403,
        &format!(
            "insufficient privileges: {needed} scope is required but the access token only has {}.",
            scopes.join(", ")
        ),
    )
}

fn invalid(what: &str) -> Reply {
    error(422, &format!("Invalid format. {what}"))
}

fn string_field<'a>(v: &'a Value, name: &str, path: &str) -> Result<&'a str, Reply> {
    match v.get(name) {
        None | Some(Value::Null) => Err(invalid(&format!(
            "{path}{name} is missing and it is required."
        ))),
        Some(Value::String(s)) if s.is_empty() => {
            Err(invalid(&format!("{path}{name} must not be empty.")))
        }
        Some(Value::String(s)) if s.chars().count() > 255 => Err(invalid(&format!(
            "{path}{name} is longer than 255 characters."
        ))),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(invalid(&format!("{path}{name} must be a string."))),
    }
}

fn item(st: &mut State, scopes: &[String], body: &Value) -> Reply {
    let Some(data) = body.get("data").filter(|d| d.is_object()) else {
        return invalid("data is missing and it is required.");
    };
    let platform = data.get("platform").and_then(Value::as_str).unwrap_or("");
    let client_side = CLIENT_PLATFORMS.contains(&platform);
    let allowed = scopes.iter().any(|s| s == "post_server_item")
        || (client_side && scopes.iter().any(|s| s == "post_client_item"));
    if !allowed {
        let needed = if client_side {
            "post_client_item"
        } else {
            "post_server_item"
        };
        return scope_error(needed, scopes);
    }
    if let Err(r) = string_field(data, "environment", "data.") {
        return r;
    }
    if let Some(level) = data.get("level") {
        if !level.as_str().is_some_and(|l| LEVELS.contains(&l)) {
            return invalid(&format!("data.level {level} is not one of {LEVELS:?}."));
        }
    }
    if let Some(ts) = data.get("timestamp") {
        if !ts.is_i64() {
            return invalid("data.timestamp must be an integer (seconds since the epoch).");
        }
    }
    let Some(b) = data.get("body").and_then(Value::as_object) else {
        return invalid("data.body is missing and it is required.");
    };
    let kinds: Vec<&String> = b.keys().collect();
    if kinds.len() != 1 {
        return invalid(
            "data.body must have exactly one of trace, trace_chain, message, crash_report.",
        );
    }
    match kinds[0].as_str() {
        "message" => {
            if let Err(r) = string_field(&b["message"], "body", "data.body.message.") {
                return r;
            }
        }
        "trace" => {
            let t = &b["trace"];
            if let Err(r) = string_field(&t["exception"], "class", "data.body.trace.exception.") {
                return r;
            }
            let Some(frames) = t.get("frames").and_then(Value::as_array) else {
                return invalid("data.body.trace.frames is missing and it is required.");
            };
            for f in frames {
                if let Err(r) = string_field(f, "filename", "data.body.trace.frames[].") {
                    return r;
                }
            }
        }
        other => return invalid(&format!("data.body.{other} is not supported by this fake.")),
    }
    st.counter += 1;
    let uuid = data
        .get("uuid")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| format!("1f0e2d3c-4b5a-4968-8776-{:012x}", st.counter));
    st.items.push(data.clone());
    let mut data = data.clone();
    data["uuid"] = json!(uuid);
    record_occurrence(st, data);
    Reply::json(200, json!({"err": 0, "result": {"id": null, "uuid": uuid}}))
}

fn deploy(st: &mut State, scopes: &[String], body: &Value) -> Reply {
    if !scopes.iter().any(|s| s == "post_server_item") {
        return scope_error("post_server_item", scopes);
    }
    for name in ["environment", "revision"] {
        if let Err(r) = string_field(body, name, "") {
            return r;
        }
    }
    if let Some(status) = body.get("status") {
        if !status
            .as_str()
            .is_some_and(|s| DEPLOY_STATUSES.contains(&s))
        {
            return invalid(&format!(
                "status {status} is not one of {DEPLOY_STATUSES:?}."
            ));
        }
    }
    st.counter += 1;
    st.deploys.push(body.clone());
    st.deploy_ids.push(41000000 + st.counter);
    Reply::json(200, json!({"data": {"deploy_id": 41000000 + st.counter}}))
}

/// `PATCH /api/1/deploy/{id}`: a post_server_item token of the project, a known id, a known status.
fn update_deploy(st: &mut State, req: &Request, id: &str) -> Reply {
    let Some(scopes) = req
        .header("X-Rollbar-Access-Token")
        .and_then(|t| st.tokens.get(t).cloned())
    else {
        return error(403, "access token not found");
    };
    if !scopes.iter().any(|s| s == "post_server_item") {
        return scope_error("post_server_item", &scopes);
    }
    let Ok(body) = serde_json::from_str::<Value>(&req.body) else {
        return error(400, "Could not parse JSON body");
    };
    let Some(i) = id
        .parse::<u64>()
        .ok()
        .and_then(|n| st.deploy_ids.iter().position(|d| *d == n))
    else {
        return error(404, "Deploy not found");
    };
    if !body["status"]
        .as_str()
        .is_some_and(|s| DEPLOY_STATUSES.contains(&s))
    {
        return invalid(&format!(
            "status {} is not one of {DEPLOY_STATUSES:?}.",
            body["status"]
        ));
    }
    let n = st.deploy_ids[i];
    st.deploys[i]["status"] = body["status"].clone();
    st.deploy_updates.push((n, body.clone()));
    let mut d = st.deploys[i].clone();
    d["id"] = json!(n);
    Reply::json(200, json!({"err": 0, "result": d}))
}

/// Keep an accepted occurrence (one item per occurrence, counters from 1).
fn record_occurrence(st: &mut State, data: Value) {
    let n = st.occurrences.len() as u64 + 1;
    let item_id = 272_500_000 + n;
    let project_id = st.item_project.unwrap_or(1);
    let title = data["body"]["message"]["body"]
        .as_str()
        .map(str::to_string)
        .or_else(|| {
            let e = &data["body"]["trace"]["exception"];
            Some(format!(
                "{}: {}",
                e["class"].as_str()?,
                e["message"].as_str().unwrap_or_default()
            ))
        })
        .unwrap_or_default();
    st.item_records.insert(
        item_id,
        json!({"id": item_id, "project_id": project_id, "counter": n, "title": title,
               "environment": data["environment"], "level": data["level"], "total_occurrences": 1}),
    );
    let now = SystemTime::now();
    let ts = now.duration_since(UNIX_EPOCH).unwrap().as_secs();
    st.occurrences.push((
        json!({"id": 9_000_000_000u64 + n, "item_id": item_id, "project_id": project_id, "timestamp": ts,
               "version": 2, "data": data}),
        now,
    ));
}

/// The read-scope routes: the occurrence listing and one item.
fn read(st: &mut State, req: &Request, route: &str) -> Reply {
    let Some(token) = req.header("X-Rollbar-Access-Token") else {
        return error(401, "access token is missing and it is required");
    };
    let Some(scopes) = st.tokens.get(token).cloned() else {
        return error(401, &format!("invalid access token: {token}"));
    };
    if !scopes.iter().any(|s| s == "read") {
        return scope_error("read", &scopes);
    }
    if route == "/api/1/instances" {
        let page: usize = req
            .query
            .split('&')
            .find_map(|p| p.strip_prefix("page="))
            .and_then(|p| p.parse().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1);
        let now = SystemTime::now();
        let processed: Vec<Value> = if st.never_process {
            Vec::new()
        } else {
            st.occurrences
                .iter()
                .rev()
                .filter(|(_, at)| *at + st.processing_delay <= now)
                .map(|(o, _)| o.clone())
                .collect()
        };
        let page_items: Vec<Value> = processed
            .into_iter()
            .skip((page - 1) * 20)
            .take(20)
            .collect();
        return Reply::json(
            200,
            json!({"err": 0, "result": {"page": page, "instances": page_items}}),
        );
    }
    if let Some(id) = route.strip_prefix("/api/1/item/") {
        return match id.parse::<u64>().ok().and_then(|i| st.item_records.get(&i)) {
            Some(item) => Reply::json(200, json!({"err": 0, "result": item})),
            None => error(404, "Item not found in this project."),
        };
    }
    error(404, "Not found")
}
