//! The provisioning half of the Rollbar fake, served by [`RollbarFake`]'s server beside the item API and
//! sharing its tokens (a token created here posts items there), written from Rollbar's API reference and its
//! Terraform provider's fixtures:
//!
//! - account access tokens (`X-Rollbar-Access-Token`) with `read` (GET) and `write` (POST, PATCH, DELETE);
//!   a project token on these routes is refused with 403, an unknown token with 401 echoing it;
//! - `GET|POST /api/1/projects` (`{"err": 0, "result": ...}`, HTTP 200 on create; a new project comes with the
//!   default tokens `post_client_item` and `post_server_item`), `GET /api/1/project/{id}` (a missing project is
//!   HTTP 200 with `{"err": 1, "message": "Project not found in this account."}`, as the reference shows);
//! - `GET|POST /api/1/project/{id}/access_tokens`, `PATCH|DELETE /api/1/project/{id}/access_token/{token}`:
//!   tokens are listed by name, scopes, status and `public_id`; a token's value is only in the create answer
//!   (Rollbar's encrypted tokens), except for legacy tokens ([`RollbarFake::add_project_token`] with
//!   `legacy`), whose value the listing shows; `post_*` scopes cannot be combined with others (422);
//!   duplicate names are allowed, as Rollbar allows them;
//! - notification rules with a project token (read for GET, write for the others):
//!   `GET|POST|PUT /api/1/notifications/{channel}/rules` (POST adds the array's rules, PUT replaces the whole
//!   list) and `GET|PUT|DELETE /api/1/notifications/{channel}/rule/{id}`. Rollbar's quirks: a Slack channel
//!   given with its `#` is `{"err": 1, "message": "Channel not found"}` (HTTP 200), and is stored and returned
//!   with the `#`; a numeric filter value comes back as a number; defaults are filled in
//!   (`show_message_buttons: false` for Slack, `format: "json"` for webhooks).

use serde_json::{json, Map, Value};

use super::rollbar::{error, RollbarFake, State};
use super::server::{Reply, Request};

/// An account access token with the read and write scopes.
pub const ACCOUNT_TOKEN: &str = "acc0c0ffee4b2d9a8c3e6f1b0d47a290";
/// An account access token with only the read scope.
pub const ACCOUNT_READ_TOKEN: &str = "acc0ead0ffee4b2d9a8c3e6f1b0d47a2";

const SCOPES: [&str; 4] = ["read", "write", "post_server_item", "post_client_item"];
const CHANNELS: [&str; 4] = ["email", "slack", "webhook", "pagerduty"];
const TRIGGERS: [&str; 10] = [
    "new_item",
    "occurrence",
    "exp_repeat_item",
    "occurrence_rate",
    "reactivated_item",
    "reopened_item",
    "resolved_item",
    "deploy",
    "new_version",
    "daily_summary",
];

/// A project access token as the fake keeps it.
#[derive(Debug, Clone)]
pub struct ProjectToken {
    pub project_id: u64,
    pub name: String,
    pub value: String,
    pub public_id: String,
    pub scopes: Vec<String>,
    pub status: String,
    pub legacy: bool,
}

#[derive(Debug, Default)]
pub struct Account {
    pub projects: Vec<Value>,
    pub tokens: Vec<ProjectToken>,
    /// (project id, channel, rule).
    pub rules: Vec<(u64, String, Value)>,
    next: u64,
}

impl Account {
    fn next(&mut self) -> u64 {
        self.next += 1;
        self.next
    }
}

/// A 32-hex value that looks like Rollbar's, from a counter.
fn hex(n: u64, salt: u128) -> String {
    format!(
        "{:032x}",
        (u128::from(n) | salt << 64).wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835)
    )
}

fn ok(result: Value) -> Reply {
    Reply::json(200, json!({"err": 0, "result": result}))
}

fn scope_error(needed: &str, has: &[String]) -> Reply {
    error(
        403,
        &format!(
            "insufficient privileges: {needed} scope is required but the access token only has {}.",
            has.join(", ")
        ),
    )
}

fn body(req: &Request) -> Result<Value, Reply> {
    serde_json::from_str(&req.body).map_err(|_| error(400, "Could not parse JSON body"))
}

/// The provisioning routes; `None` for the item API's.
pub fn route(st: &mut State, req: &Request) -> Option<Reply> {
    let path = req.path.trim_end_matches('/');
    let rest = path.strip_prefix("/api/1/")?;
    if rest == "projects" || rest.starts_with("project/") {
        return Some(account_route(st, req, rest));
    }
    if let Some(n) = rest.strip_prefix("notifications/") {
        return Some(rules_route(st, req, n));
    }
    None
}

fn account_route(st: &mut State, req: &Request, rest: &str) -> Reply {
    let Some(token) = req.header("X-Rollbar-Access-Token") else {
        return error(401, "access token is missing and it is required");
    };
    let scopes: Vec<String> = match token {
        ACCOUNT_TOKEN => vec!["read".into(), "write".into()],
        ACCOUNT_READ_TOKEN => vec!["read".into()],
        t if st.tokens.contains_key(t) => {
            return error(403, "this endpoint requires an account access token")
        }
        t => return error(401, &format!("invalid access token: {t}")),
    };
    let needed = if req.method == "GET" { "read" } else { "write" };
    if !scopes.iter().any(|s| s == needed) {
        return scope_error(needed, &scopes);
    }
    let parts: Vec<&str> = rest.split('/').collect();
    match (req.method.as_str(), parts.as_slice()) {
        ("GET", ["projects"]) => ok(Value::Array(st.account.projects.clone())),
        ("POST", ["projects"]) => create_project(st, req),
        (m, ["project", id, tail @ ..]) => {
            let Some(project) = id
                .parse::<u64>()
                .ok()
                .filter(|i| st.account.projects.iter().any(|p| p["id"] == *i))
            else {
                // As Rollbar answers a deleted or unknown project: HTTP 200 with err 1.
                return Reply::json(
                    200,
                    json!({"err": 1, "message": "Project not found in this account."}),
                );
            };
            match (m, tail) {
                ("GET", []) => ok(st
                    .account
                    .projects
                    .iter()
                    .find(|p| p["id"] == project)
                    .cloned()
                    .unwrap()),
                ("GET", ["access_tokens"]) => {
                    let listed: Vec<Value> = st
                        .account
                        .tokens
                        .iter()
                        .filter(|t| t.project_id == project)
                        .map(listing)
                        .collect();
                    ok(Value::Array(listed))
                }
                ("POST", ["access_tokens"]) => create_token(st, req, project),
                ("DELETE", ["access_token", t]) => delete_token(st, project, t),
                ("PATCH", ["access_token", _]) => Reply::json(200, json!({"err": 0})),
                _ => error(404, "not found"),
            }
        }
        _ => error(404, "not found"),
    }
}

fn listing(t: &ProjectToken) -> Value {
    let mut v = json!({
        "project_id": t.project_id, "name": t.name, "scopes": t.scopes, "status": t.status,
        "public_id": t.public_id, "date_created": 1_764_000_000, "date_modified": 1_764_000_000,
        "rate_limit_window_count": null, "rate_limit_window_size": null,
        "cur_rate_limit_window_count": null, "cur_rate_limit_window_start": null,
    });
    if t.legacy {
        v["access_token"] = json!(t.value);
        v.as_object_mut().unwrap().remove("public_id");
    }
    v
}

fn create_project(st: &mut State, req: &Request) -> Reply {
    let b = match body(req) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Some(name) = b["name"].as_str() else {
        return error(422, "Invalid format. name is missing and it is required.");
    };
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().count() <= 32
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " _-.,".contains(c));
    if !valid {
        return error(422, "Invalid format. name: Must start with a letter; can contain letters, numbers, spaces, underscores, hyphens, periods, and commas. Max length 32 characters.");
    }
    let id = 411_700 + st.account.next();
    let p = json!({"id": id, "account_id": 317_418, "name": name, "status": "enabled",
                   "date_created": 1_764_000_000, "date_modified": 1_764_000_000,
                   "settings_data": {"timezone": "UTC", "time_format": "24h"}});
    st.account.projects.push(p.clone());
    for scope in ["post_client_item", "post_server_item"] {
        new_token(st, id, scope, &[scope], false);
    }
    ok(p)
}

fn new_token(
    st: &mut State,
    project_id: u64,
    name: &str,
    scopes: &[&str],
    legacy: bool,
) -> ProjectToken {
    let n = st.account.next();
    let t = ProjectToken {
        project_id,
        name: name.into(),
        value: hex(n, 7),
        public_id: hex(n, 11),
        scopes: scopes.iter().map(|s| s.to_string()).collect(),
        status: "enabled".into(),
        legacy,
    };
    st.tokens.insert(t.value.clone(), t.scopes.clone());
    st.account.tokens.push(t.clone());
    t
}

fn create_token(st: &mut State, req: &Request, project: u64) -> Reply {
    let b = match body(req) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Some(name) = b["name"].as_str().filter(|n| !n.is_empty()) else {
        return error(422, "Invalid format. name is missing and it is required.");
    };
    let scopes: Vec<&str> = b["scopes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if scopes.is_empty() {
        return error(422, "Invalid format. scopes must have at least one scope.");
    }
    if let Some(bad) = scopes.iter().find(|s| !SCOPES.contains(s)) {
        return error(
            422,
            &format!("Invalid format. scopes: {bad} is not a valid scope."),
        );
    }
    if scopes.len() > 1 && scopes.iter().any(|s| s.starts_with("post_")) {
        return error(422, "The scopes post_client_item and post_server_item can not be combined with other token scopes.");
    }
    let t = new_token(st, project, name, &scopes, false);
    let mut v = listing(&t);
    v["access_token"] = json!(t.value);
    ok(v)
}

fn delete_token(st: &mut State, project: u64, id: &str) -> Reply {
    let Some(i) = st
        .account
        .tokens
        .iter()
        .position(|t| t.project_id == project && (t.value == id || t.public_id == id))
    else {
        return error(404, "Access token not found");
    };
    let t = st.account.tokens.remove(i);
    st.tokens.remove(&t.value);
    ok(json!("Access token has been deleted."))
}

fn rules_route(st: &mut State, req: &Request, rest: &str) -> Reply {
    let Some(token) = req.header("X-Rollbar-Access-Token") else {
        return error(401, "access token is missing and it is required");
    };
    let Some(t) = st
        .account
        .tokens
        .iter()
        .find(|t| t.value == token && t.status == "enabled")
        .cloned()
    else {
        if token == ACCOUNT_TOKEN || token == ACCOUNT_READ_TOKEN {
            return error(403, "this endpoint requires a project access token");
        }
        return error(401, &format!("invalid access token: {token}"));
    };
    let needed = if req.method == "GET" { "read" } else { "write" };
    if !t.scopes.iter().any(|s| s == needed) {
        return scope_error(needed, &t.scopes);
    }
    let parts: Vec<&str> = rest.split('/').collect();
    let channel = parts[0];
    if !CHANNELS.contains(&channel) {
        return error(404, "not found");
    }
    let project = t.project_id;
    match (req.method.as_str(), &parts[1..]) {
        ("GET", ["rules"]) => ok(Value::Array(channel_rules(st, project, channel))),
        ("POST", ["rules"]) => {
            let b = match body(req) {
                Ok(b) => b,
                Err(r) => return r,
            };
            let Some(list) = b.as_array() else {
                return error(422, "Invalid format. The body must be a list of rules.");
            };
            let mut made = Vec::new();
            for r in list {
                match stored_rule(channel, r, st.account.next()) {
                    Ok(rule) => made.push(rule),
                    Err(reply) => return reply,
                }
            }
            for r in &made {
                st.account.rules.push((project, channel.into(), r.clone()));
            }
            ok(Value::Array(made))
        }
        ("PUT", ["rules"]) => {
            let b = match body(req) {
                Ok(b) => b,
                Err(r) => return r,
            };
            let mut made = Vec::new();
            for r in b.as_array().into_iter().flatten() {
                match stored_rule(channel, r, st.account.next()) {
                    Ok(rule) => made.push(rule),
                    Err(reply) => return reply,
                }
            }
            st.account
                .rules
                .retain(|(p, c, _)| !(*p == project && c == channel));
            for r in &made {
                st.account.rules.push((project, channel.into(), r.clone()));
            }
            ok(Value::Array(made))
        }
        (m, ["rule", id]) => {
            let id: u64 = id.parse().unwrap_or(0);
            let Some(i) = st
                .account
                .rules
                .iter()
                .position(|(p, c, r)| *p == project && c == channel && r["id"] == id)
            else {
                return Reply::json(200, json!({"err": 1, "message": "Not found"}));
            };
            match m {
                "GET" => ok(st.account.rules[i].2.clone()),
                "DELETE" => {
                    st.account.rules.remove(i);
                    ok(json!({"id": id}))
                }
                "PUT" => {
                    let b = match body(req) {
                        Ok(b) => b,
                        Err(r) => return r,
                    };
                    let mut rule = match stored_rule(channel, &b, id) {
                        Ok(r) => r,
                        Err(reply) => return reply,
                    };
                    rule["status"] = st.account.rules[i].2["status"].clone();
                    st.account.rules[i].2 = rule.clone();
                    ok(rule)
                }
                _ => error(404, "not found"),
            }
        }
        _ => error(404, "not found"),
    }
}

fn channel_rules(st: &State, project: u64, channel: &str) -> Vec<Value> {
    st.account
        .rules
        .iter()
        .filter(|(p, c, _)| *p == project && c == channel)
        .map(|(_, _, r)| r.clone())
        .collect()
}

/// A rule as Rollbar stores it, or its refusal.
fn stored_rule(channel: &str, r: &Value, id: u64) -> Result<Value, Reply> {
    let trigger = r["trigger"].as_str().unwrap_or_default();
    if !TRIGGERS.contains(&trigger) {
        return Err(error(
            422,
            &format!("Invalid format. trigger {trigger:?} is not a valid trigger."),
        ));
    }
    let mut config: Map<String, Value> = r["config"].as_object().cloned().unwrap_or_default();
    if channel == "slack" {
        if let Some(ch) = config.get("channel").and_then(Value::as_str) {
            if ch.starts_with('#') {
                return Err(Reply::json(
                    200,
                    json!({"err": 1, "message": "Channel not found"}),
                ));
            }
            let with_hash = format!("#{ch}");
            config.insert("channel".into(), json!(with_hash));
        }
        if !["deploy", "new_version", "exp_repeat_item"].contains(&trigger) {
            config.entry("show_message_buttons").or_insert(json!(false));
        }
    }
    if channel == "webhook" {
        config.entry("format").or_insert(json!("json"));
    }
    let filters: Vec<Value> = r["filters"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            let mut f = f.clone();
            if let Some(n) = f["value"].as_str().and_then(|s| s.parse::<i64>().ok()) {
                f["value"] = json!(n);
            }
            f
        })
        .collect();
    let action = match channel {
        "email" => "send_email".to_string(),
        other => format!("send_{other}"),
    };
    Ok(json!({"id": id, "action": action, "trigger": trigger,
              "status": r["status"].as_str().unwrap_or("enabled"),
              "config": config, "filters": filters}))
}

impl RollbarFake {
    /// A project of the account; its id.
    pub fn add_project(&self, name: &str) -> u64 {
        let mut st = self.state.lock().unwrap();
        let id = 411_700 + st.account.next();
        st.account
            .projects
            .push(json!({"id": id, "account_id": 317_418, "name": name, "status": "enabled"}));
        id
    }

    /// A token of the project (`legacy`: listed with its value, as Rollbar's older tokens are); its value.
    pub fn add_project_token(
        &self,
        project_id: u64,
        name: &str,
        scopes: &[&str],
        legacy: bool,
    ) -> String {
        let mut st = self.state.lock().unwrap();
        new_token(&mut st, project_id, name, scopes, legacy).value
    }

    /// A rule of the project's channel, as if made in Rollbar's UI; its id.
    pub fn add_rule(&self, project_id: u64, channel: &str, mut rule: Value) -> u64 {
        let mut st = self.state.lock().unwrap();
        let id = 5_127_000 + st.account.next();
        rule["id"] = json!(id);
        st.account.rules.push((project_id, channel.into(), rule));
        id
    }

    pub fn projects(&self) -> Vec<Value> {
        self.state.lock().unwrap().account.projects.clone()
    }

    pub fn project_tokens(&self) -> Vec<ProjectToken> {
        self.state.lock().unwrap().account.tokens.clone()
    }

    /// The project's rules of `channel`.
    pub fn rules(&self, project_id: u64, channel: &str) -> Vec<Value> {
        channel_rules(&self.state.lock().unwrap(), project_id, channel)
    }

    /// Every write to the provisioning routes: `POST /api/1/projects` ...
    pub fn account_writes(&self) -> Vec<String> {
        self.requests()
            .into_iter()
            .filter(|r| r.method != "GET")
            .filter(|r| {
                r.path.starts_with("/api/1/project") || r.path.starts_with("/api/1/notifications/")
            })
            .map(|r| format!("{} {}", r.method, r.path))
            .collect()
    }
}
