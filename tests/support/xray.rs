//! A stateful fake of the X-Ray control plane (moto answers 404 for groups and sampling rules), following
//! the X-Ray API reference: REST-JSON `POST /CreateGroup`, `/Groups`, `/GetGroup`, `/UpdateGroup`,
//! `/DeleteGroup`, `/CreateSamplingRule`, `/GetSamplingRules`, `/UpdateSamplingRule`, `/DeleteSamplingRule`;
//! errors as `x-amzn-ErrorType` plus `{"message": ...}`; list pages of `page_size` with opaque `NextToken`s.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde_json::{json, Map, Value};

use super::server::{FakeServer, Reply, Request};

pub const ACCOUNT: &str = "123456789012";
const WRITES: [&str; 6] = [
    "/CreateGroup",
    "/UpdateGroup",
    "/DeleteGroup",
    "/CreateSamplingRule",
    "/UpdateSamplingRule",
    "/DeleteSamplingRule",
];

#[derive(Default)]
pub struct State {
    pub groups: BTreeMap<String, Value>,
    pub rules: BTreeMap<String, Value>,
    pub page_size: usize,
    clock: f64,
}

pub struct XrayFake {
    pub server: FakeServer,
    pub state: Arc<Mutex<State>>,
}

pub fn error(status: u16, code: &str, message: &str) -> Reply {
    Reply::json(status, json!({ "message": message })).header("x-amzn-ErrorType", code)
}

impl XrayFake {
    /// A fake with pages of two and the `Default` sampling rule every account has.
    pub fn start() -> Self {
        let state = Arc::new(Mutex::new(State {
            page_size: 2,
            clock: 1_764_000_000.0,
            ..State::default()
        }));
        state.lock().unwrap().rules.insert(
            "Default".into(),
            record(json!({
                "RuleName": "Default", "RuleARN": format!("arn:aws:xray:us-east-1:{ACCOUNT}:sampling-rule/Default"),
                "ResourceARN": "*", "Priority": 10000, "FixedRate": 0.05, "ReservoirSize": 1, "ServiceName": "*",
                "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "Version": 1, "Attributes": {}
            }), 1_700_000_000.0),
        );
        let s = state.clone();
        let server = FakeServer::start(move |req| handle(&mut s.lock().unwrap(), req));
        XrayFake { server, state }
    }

    pub fn url(&self) -> &str {
        &self.server.url
    }

    /// The next `n` requests get `429 ThrottledException`.
    pub fn throttle_next(&self, n: usize) {
        self.server
            .fail_next(n, error(429, "ThrottledException", "Rate exceeded"));
    }

    /// The next `n` requests get `500 InternalFailure`.
    pub fn fail_next_5xx(&self, n: usize) {
        self.server.fail_next(
            n,
            error(500, "InternalFailure", "An internal error occurred"),
        );
    }

    /// The paths of every request received (`/Groups`, `/CreateGroup` ...), in order.
    pub fn calls(&self) -> Vec<String> {
        self.server.requests().into_iter().map(|r| r.path).collect()
    }

    /// The write calls received, in order.
    pub fn writes(&self) -> Vec<String> {
        self.calls()
            .into_iter()
            .filter(|p| WRITES.contains(&p.as_str()))
            .collect()
    }

    pub fn requests_to(&self, path: &str) -> Vec<Request> {
        self.server
            .requests()
            .into_iter()
            .filter(|r| r.path == path)
            .collect()
    }

    pub fn group(&self, name: &str) -> Option<Value> {
        self.state.lock().unwrap().groups.get(name).cloned()
    }

    pub fn rule(&self, name: &str) -> Option<Value> {
        self.state
            .lock()
            .unwrap()
            .rules
            .get(name)
            .map(|r| r["SamplingRule"].clone())
    }

    /// Seed a group directly (not through the API).
    pub fn add_group(&self, name: &str, filter: &str, insights: bool, notifications: bool) {
        let g = group(name, Some(filter), insights, notifications);
        self.state.lock().unwrap().groups.insert(name.into(), g);
    }

    /// Seed a sampling rule directly (not through the API).
    pub fn add_rule(&self, rule: Value) {
        let name = rule["RuleName"].as_str().unwrap().to_string();
        let mut rule = rule;
        rule["RuleARN"] = json!(format!(
            "arn:aws:xray:us-east-1:{ACCOUNT}:sampling-rule/{name}"
        ));
        self.state
            .lock()
            .unwrap()
            .rules
            .insert(name, record(rule, 1_700_000_000.0));
    }
}

fn group(name: &str, filter: Option<&str>, insights: bool, notifications: bool) -> Value {
    let mut g = json!({
        "GroupName": name,
        "GroupARN": format!("arn:aws:xray:us-east-1:{ACCOUNT}:group/{name}/ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        "InsightsConfiguration": { "InsightsEnabled": insights, "NotificationsEnabled": notifications },
    });
    if let Some(f) = filter {
        g["FilterExpression"] = json!(f);
    }
    g
}

fn record(rule: Value, at: f64) -> Value {
    json!({ "SamplingRule": rule, "CreatedAt": at, "ModifiedAt": at })
}

/// One page of `items` from the `NextToken` in the request (`"p<offset>"`), or an InvalidRequestException.
fn page(items: Vec<Value>, req: &Value, size: usize, key: &str) -> Reply {
    let start = match req.get("NextToken").and_then(Value::as_str) {
        None => 0,
        Some(t) => match t.strip_prefix('p').and_then(|n| n.parse::<usize>().ok()) {
            Some(n) if n <= items.len() => n,
            _ => return error(400, "InvalidRequestException", "Invalid NextToken"),
        },
    };
    let end = (start + size).min(items.len());
    let mut body = Map::new();
    body.insert(key.into(), Value::Array(items[start..end].to_vec()));
    if end < items.len() {
        body.insert("NextToken".into(), json!(format!("p{end}")));
    }
    Reply::json(200, Value::Object(body))
}

fn insights(v: &Value) -> (bool, bool) {
    let c = &v["InsightsConfiguration"];
    (
        c["InsightsEnabled"].as_bool().unwrap_or(false),
        c["NotificationsEnabled"].as_bool().unwrap_or(false),
    )
}

fn name_ok(name: Option<&str>) -> Result<String, Reply> {
    match name {
        Some(n) if (1..=32).contains(&n.chars().count()) => Ok(n.to_string()),
        _ => Err(error(
            400,
            "InvalidRequestException",
            "GroupName must be 1 to 32 characters",
        )),
    }
}

const RULE_REQUIRED: [&str; 10] = [
    "ResourceARN",
    "Priority",
    "FixedRate",
    "ReservoirSize",
    "ServiceName",
    "ServiceType",
    "Host",
    "HTTPMethod",
    "URLPath",
    "Version",
];

fn handle(st: &mut State, req: &Request) -> Reply {
    if req.method != "POST" {
        return error(404, "UnknownOperationException", "Unknown operation");
    }
    if !req
        .header("authorization")
        .is_some_and(|a| a.starts_with("AWS4-HMAC-SHA256 "))
    {
        return error(
            403,
            "MissingAuthenticationTokenException",
            "Missing Authentication Token",
        );
    }
    let body = req.json();
    let size = st.page_size;
    st.clock += 1.0;
    match req.path.as_str() {
        "/Groups" => page(
            st.groups
                .values()
                .map(|g| {
                    let mut s = g.clone();
                    s.as_object_mut().unwrap().retain(|k, _| k != "Tags");
                    s
                })
                .collect(),
            &body,
            size,
            "Groups",
        ),
        "/GetGroup" => {
            let name = body["GroupName"].as_str().unwrap_or_default();
            match st.groups.get(name) {
                Some(g) => Reply::json(200, json!({ "Group": g })),
                None => error(400, "InvalidRequestException", "Group not found"),
            }
        }
        "/CreateGroup" => {
            let name = match name_ok(body["GroupName"].as_str()) {
                Ok(n) => n,
                Err(r) => return r,
            };
            if st.groups.contains_key(&name) {
                return error(400, "InvalidRequestException", "Group already exists");
            }
            let (i, n) = insights(&body);
            let g = group(&name, body["FilterExpression"].as_str(), i, n);
            st.groups.insert(name, g.clone());
            Reply::json(200, json!({ "Group": g }))
        }
        "/UpdateGroup" => {
            let name = body["GroupName"].as_str().unwrap_or_default();
            let Some(g) = st.groups.get_mut(name) else {
                return error(400, "InvalidRequestException", "Group not found");
            };
            if let Some(f) = body.get("FilterExpression") {
                g["FilterExpression"] = f.clone();
            }
            if body.get("InsightsConfiguration").is_some() {
                let (i, n) = insights(&body);
                g["InsightsConfiguration"] =
                    json!({ "InsightsEnabled": i, "NotificationsEnabled": n });
            }
            Reply::json(200, json!({ "Group": g }))
        }
        "/DeleteGroup" => {
            let name = body["GroupName"].as_str().unwrap_or_default();
            match st.groups.remove(name) {
                Some(_) => Reply::json(200, json!({})),
                None => error(400, "InvalidRequestException", "Group not found"),
            }
        }
        "/GetSamplingRules" => page(
            st.rules.values().cloned().collect(),
            &body,
            size,
            "SamplingRuleRecords",
        ),
        "/CreateSamplingRule" => {
            let rule = &body["SamplingRule"];
            let Some(name) = rule["RuleName"].as_str().map(str::to_string) else {
                return error(400, "InvalidRequestException", "RuleName is required");
            };
            if let Some(missing) = RULE_REQUIRED.iter().find(|f| rule.get(**f).is_none()) {
                return error(
                    400,
                    "InvalidRequestException",
                    &format!("{missing} is required"),
                );
            }
            if st.rules.contains_key(&name) {
                return error(
                    400,
                    "InvalidRequestException",
                    "Sampling rule with this name already exists",
                );
            }
            let mut rule = rule.clone();
            rule["RuleARN"] = json!(format!(
                "arn:aws:xray:us-east-1:{ACCOUNT}:sampling-rule/{name}"
            ));
            if rule.get("Attributes").is_none() {
                rule["Attributes"] = json!({});
            }
            let rec = record(rule, st.clock);
            st.rules.insert(name, rec.clone());
            Reply::json(200, json!({ "SamplingRuleRecord": rec }))
        }
        "/UpdateSamplingRule" => {
            let upd = &body["SamplingRuleUpdate"];
            let name = upd["RuleName"].as_str().unwrap_or_default();
            let now = st.clock;
            let Some(rec) = st.rules.get_mut(name) else {
                return error(
                    400,
                    "InvalidRequestException",
                    "Sampling rule does not exist",
                );
            };
            for (k, v) in upd.as_object().into_iter().flatten() {
                if k != "RuleName" && k != "RuleARN" {
                    rec["SamplingRule"][k] = v.clone();
                }
            }
            rec["ModifiedAt"] = json!(now);
            Reply::json(200, json!({ "SamplingRuleRecord": rec }))
        }
        "/DeleteSamplingRule" => {
            let name = body["RuleName"].as_str().unwrap_or_default();
            match st.rules.remove(name) {
                Some(rec) => Reply::json(200, json!({ "SamplingRuleRecord": rec })),
                None => error(
                    400,
                    "InvalidRequestException",
                    "Sampling rule does not exist",
                ),
            }
        }
        _ => error(
            404,
            "UnknownOperationException",
            &format!("Unknown operation {}", req.path),
        ),
    }
}
