//! A stateful fake of the X-Ray control plane (moto answers 404 for groups and sampling rules), following
//! the X-Ray API reference: REST-JSON `POST /CreateGroup`, `/Groups`, `/GetGroup`, `/UpdateGroup`,
//! `/DeleteGroup`, `/CreateSamplingRule`, `/GetSamplingRules`, `/UpdateSamplingRule`, `/DeleteSamplingRule`;
//! errors as `x-amzn-ErrorType` plus `{"message": ...}`; list pages of `page_size` with opaque `NextToken`s.
//!
//! The data plane (moto's GetServiceGraph is always empty and its GetTraceSummaries does not parse):
//! `POST /ServiceGraph` answers the pages a test seeds with [`XrayFake::set_service_graph`] and echoes the
//! window; `POST /TraceSegments` (PutTraceSegments) stores segment documents; `POST /TraceSummaries` computes
//! summaries of the stored traces that start in the window, newest first; `POST /Traces` (BatchGetTraces)
//! returns a trace's segments as JSON strings, `page_size` segments a page. Unknown trace ids are left out,
//! and so is every trace once the destination is `CloudWatchLogs` (Transaction Search; its reads, the OTLP
//! endpoint and the daemon are in xray_ts.rs).
//!
//! Transaction Search: `POST /GetTraceSegmentDestination`, `/UpdateTraceSegmentDestination` (the new
//! destination answers `PENDING` to [`XrayFake::set_pending_polls`] reads, then `ACTIVE`), `/GetIndexingRules`
//! (paged) and `/UpdateIndexingRule` (probabilistic rules; an unknown name is `ResourceNotFoundException`).
//!
//! Tags: `Tags` given to CreateGroup and CreateSamplingRule are kept by the resource's ARN and listed by
//! `POST /ListTagsForResource` (paged; an unknown ARN is `ResourceNotFoundException`).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde_json::{json, Map, Value};

use super::server::{FakeServer, Reply, Request};

pub const ACCOUNT: &str = "123456789012";

/// The two log groups of the CloudWatch guide's Transaction Search policy, in moto's default account.
pub const GUIDE_RESOURCES: [&str; 2] = [
    "arn:aws:logs:us-east-1:123456789012:log-group:aws/spans:*",
    "arn:aws:logs:us-east-1:123456789012:log-group:/aws/application-signals/data:*",
];

/// The CloudWatch guide's Transaction Search policy document, as a user would have pasted it.
pub fn guide_policy() -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "TransactionSearchXRayAccess", "Effect": "Allow",
            "Principal": {"Service": "xray.amazonaws.com"}, "Action": "logs:PutLogEvents",
            "Resource": GUIDE_RESOURCES,
            "Condition": {
                "ArnLike": {"aws:SourceArn": "arn:aws:xray:us-east-1:123456789012:*"},
                "StringEquals": {"aws:SourceAccount": "123456789012"}
            }
        }]
    })
}
const WRITES: [&str; 8] = [
    "/UpdateTraceSegmentDestination",
    "/UpdateIndexingRule",
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
    /// Each group's and rule's tags, by its ARN.
    pub tags: BTreeMap<String, Vec<Value>>,
    pub page_size: usize,
    clock: f64,
    /// GetServiceGraph's answer, one `Services` list per page.
    pub graph_pages: Vec<Vec<Value>>,
    /// Every segment document received by PutTraceSegments, parsed, in arrival order.
    pub segments: Vec<Value>,
    /// GetTraceSegmentDestination: `XRay` or `CloudWatchLogs`, and `PENDING` or `ACTIVE`.
    pub destination: String,
    pub destination_status: String,
    /// After UpdateTraceSegmentDestination, how many GetTraceSegmentDestination calls still answer `PENDING`
    /// (`usize::MAX`: never `ACTIVE`).
    pub pending_polls: usize,
    pending_left: usize,
    /// The indexing rules by name, as GetIndexingRules returns them.
    pub indexing_rules: BTreeMap<String, Value>,
    /// The region whose signatures the OTLP endpoint accepts.
    pub region: String,
    /// Transaction Search reads, the OTLP endpoint and the daemon (xray_ts.rs).
    pub ts: super::xray_ts::TsState,
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
            destination: "XRay".into(),
            destination_status: "ACTIVE".into(),
            pending_polls: 2,
            region: "us-east-1".into(),
            ..State::default()
        }));
        state.lock().unwrap().indexing_rules.insert(
            "Default".into(),
            indexing_rule("Default", 1.0, 1_700_000_000.0),
        );
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

    /// The write calls received, sorted: setup ensures groups and rules at the same time, so their order
    /// between kinds is not fixed.
    pub fn writes_sorted(&self) -> Vec<String> {
        let mut w = self.writes();
        w.sort();
        w
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

    /// Seed the trace segment destination directly (not through the API).
    pub fn set_destination(&self, destination: &str, status: &str) {
        let mut st = self.state.lock().unwrap();
        st.destination = destination.into();
        st.destination_status = status.into();
        st.pending_left = st.pending_polls;
    }

    /// After an UpdateTraceSegmentDestination, answer `PENDING` to this many reads (`usize::MAX`: for ever).
    pub fn set_pending_polls(&self, n: usize) {
        self.state.lock().unwrap().pending_polls = n;
    }

    /// Seed the `Default` indexing rule's desired percentage directly (not through the API).
    pub fn set_indexing(&self, desired: f64) {
        self.state.lock().unwrap().indexing_rules.insert(
            "Default".into(),
            indexing_rule("Default", desired, 1_700_000_000.0),
        );
    }

    /// The `Default` indexing rule's desired percentage.
    pub fn indexing(&self) -> Option<f64> {
        self.state.lock().unwrap().indexing_rules["Default"]["Rule"]["Probabilistic"]
            ["DesiredSamplingPercentage"]
            .as_f64()
    }

    /// The destination and its status, as the fake holds them (not through the API).
    pub fn destination(&self) -> (String, String) {
        let st = self.state.lock().unwrap();
        (st.destination.clone(), st.destination_status.clone())
    }

    /// Change the Transaction Search part of the fake: delays, retrieval polls and outcomes (xray_ts.rs).
    pub fn ts(&self, f: impl FnOnce(&mut super::xray_ts::TsState)) {
        f(&mut self.state.lock().unwrap().ts)
    }

    /// The next `n` requests to `path` get 429 (a path-specific [`XrayFake::throttle_next`]).
    pub fn throttle_next_to(&self, path: &str, n: usize) {
        self.ts(|t| t.throttle.push((path.into(), n)));
    }

    /// The next `n` requests to `path` get HTTP 500.
    pub fn fail_next_to(&self, path: &str, n: usize) {
        self.ts(|t| t.fail.push((path.into(), n)));
    }

    /// A UDP listener standing in for the X-Ray daemon, storing segments in this fake.
    pub fn daemon(&self) -> super::xray_ts::FakeDaemon {
        super::xray_ts::FakeDaemon::start(self.state.clone())
    }

    /// One call of the X-Ray API, as a client set up by hand would make it (the fake checks only that the
    /// request is SigV4-signed in form): the status and the answer.
    pub fn call(&self, path: &str, body: Value) -> (u16, Value) {
        let r = reqwest::blocking::Client::new()
            .post(format!("{}{path}", self.url()))
            .header(
                "authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/xray/aws4_request",
            )
            .json(&body)
            .send()
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().unwrap_or(Value::Null))
    }

    /// Seed a group directly (not through the API).
    pub fn add_group(&self, name: &str, filter: &str, insights: bool, notifications: bool) {
        let g = group(name, Some(filter), insights, notifications);
        self.state.lock().unwrap().groups.insert(name.into(), g);
    }

    /// Run `o11y` with each case's arguments, expecting exit 2, `expected` in stderr and nothing on stdout;
    /// then check that not one request reached the fake.
    pub fn assert_usage_errors(&self, sb: &super::Sandbox, cases: &[(Vec<&str>, &str)]) {
        for (args, expected) in cases {
            let r = super::run(sb.o11y_aws(self.url()).args(args));
            r.code(2);
            assert!(r.stderr.contains(expected), "{args:?}: {}", r.stderr);
            assert_eq!(r.stdout, "", "{args:?}");
        }
        assert!(
            self.calls().is_empty(),
            "a request was sent: {:?}",
            self.calls()
        );
    }

    /// What GetServiceGraph answers: one `Services` list per page.
    pub fn set_service_graph(&self, pages: Vec<Vec<Value>>) {
        self.state.lock().unwrap().graph_pages = pages;
    }

    /// The segment documents stored by PutTraceSegments.
    pub fn segments(&self) -> Vec<Value> {
        self.state.lock().unwrap().segments.clone()
    }

    /// Send segment documents through PutTraceSegments with the AWS SDK (signed, as an app's daemon
    /// would), returning the `UnprocessedTraceSegments` count.
    pub fn put_trace_segments(&self, docs: &[Value]) -> usize {
        use aws_sdk_xray::config::{BehaviorVersion, Credentials, Region};
        let conf = aws_sdk_xray::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new(
                super::ACCESS_KEY_ID,
                super::SECRET_ACCESS_KEY,
                None,
                None,
                "test",
            ))
            .endpoint_url(self.url())
            .build();
        let client = aws_sdk_xray::Client::from_conf(conf);
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let out = rt
            .block_on(
                client
                    .put_trace_segments()
                    .set_trace_segment_documents(Some(docs.iter().map(Value::to_string).collect()))
                    .send(),
            )
            .expect("PutTraceSegments");
        out.unprocessed_trace_segments().len()
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

/// An IndexingRule as GetIndexingRules shapes it: a probabilistic rule, the actual share close to the desired.
fn indexing_rule(name: &str, desired: f64, at: f64) -> Value {
    json!({
        "Name": name, "ModifiedAt": at,
        "Rule": { "Probabilistic": { "DesiredSamplingPercentage": desired, "ActualSamplingPercentage": desired * 0.98 } },
    })
}

fn record(rule: Value, at: f64) -> Value {
    json!({ "SamplingRule": rule, "CreatedAt": at, "ModifiedAt": at })
}

/// One page of `items` from the `NextToken` in the request (`"p<offset>"`), or an InvalidRequestException.
fn page(items: Vec<Value>, req: &Value, size: usize, key: &str) -> Reply {
    match page_body(items, req, size, key) {
        Ok(body) => Reply::json(200, Value::Object(body)),
        Err(r) => r,
    }
}

/// The body of [`page`], for answers that carry more fields.
fn page_body(
    items: Vec<Value>,
    req: &Value,
    size: usize,
    key: &str,
) -> Result<Map<String, Value>, Reply> {
    let start = match req.get("NextToken").and_then(Value::as_str) {
        None => 0,
        Some(t) => match t.strip_prefix('p').and_then(|n| n.parse::<usize>().ok()) {
            Some(n) if n <= items.len() => n,
            _ => return Err(error(400, "InvalidRequestException", "Invalid NextToken")),
        },
    };
    let end = (start + size).min(items.len());
    let mut body = Map::new();
    body.insert(key.into(), Value::Array(items[start..end].to_vec()));
    if end < items.len() {
        body.insert("NextToken".into(), json!(format!("p{end}")));
    }
    Ok(body)
}

/// `StartTime` and `EndTime` of a request (epoch seconds), required, end after start.
fn window(req: &Value) -> Result<(f64, f64), Reply> {
    match (req["StartTime"].as_f64(), req["EndTime"].as_f64()) {
        (Some(s), Some(e)) if e > s => Ok((s, e)),
        (Some(_), Some(_)) => Err(error(
            400,
            "InvalidRequestException",
            "EndTime must be after StartTime",
        )),
        _ => Err(error(
            400,
            "InvalidRequestException",
            "StartTime and EndTime are required",
        )),
    }
}

/// Every segment and subsegment of a document, depth first.
fn all_parts(doc: &Value) -> Vec<&Value> {
    let mut out = vec![doc];
    for s in doc["subsegments"].as_array().into_iter().flatten() {
        out.extend(all_parts(s));
    }
    out
}

/// The segments stored for each trace id, in arrival order.
fn traces(st: &State) -> BTreeMap<String, Vec<Value>> {
    let mut out: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for s in st.segments.iter().chain(&st.ts.visible_segments()) {
        let id = s["trace_id"].as_str().unwrap_or_default().to_string();
        out.entry(id).or_default().push(s.clone());
    }
    out
}

/// A TraceSummary computed the way X-Ray documents it: the root segment (the one with no `parent_id`) gives
/// `Http`, `EntryPoint` and `ResponseTime`; `Duration` spans every segment; the flags are true when any
/// segment or subsegment has them.
fn summary(id: &str, segs: &[Value]) -> Value {
    let root = segs
        .iter()
        .find(|s| s.get("parent_id").is_none())
        .unwrap_or(&segs[0]);
    let start = segs
        .iter()
        .filter_map(|s| s["start_time"].as_f64())
        .fold(f64::INFINITY, f64::min);
    let end = segs
        .iter()
        .filter_map(|s| s["end_time"].as_f64())
        .fold(start, f64::max);
    let any = |k: &str| {
        segs.iter()
            .flat_map(all_parts)
            .any(|p| p[k].as_bool().unwrap_or(false))
    };
    let service = |s: &Value| json!({ "Name": s["name"], "Names": [s["name"]], "AccountId": ACCOUNT, "Type": s.get("origin").cloned().unwrap_or(json!("client")) });
    let mut http = Map::new();
    let req = &root["http"]["request"];
    for (k, v) in [
        ("HttpURL", &req["url"]),
        ("HttpMethod", &req["method"]),
        ("UserAgent", &req["user_agent"]),
        ("ClientIp", &req["client_ip"]),
        ("HttpStatus", &root["http"]["response"]["status"]),
    ] {
        if !v.is_null() {
            http.insert(k.into(), v.clone());
        }
    }
    json!({
        "Id": id,
        "StartTime": start,
        "Duration": end - start,
        "ResponseTime": root["end_time"].as_f64().unwrap_or(end) - root["start_time"].as_f64().unwrap_or(start),
        "HasFault": any("fault"),
        "HasError": any("error"),
        "HasThrottle": any("throttle"),
        "IsPartial": segs.iter().any(|s| s.get("in_progress") == Some(&json!(true))),
        "Http": http,
        "Annotations": {},
        "Users": [],
        "ServiceIds": segs.iter().map(service).collect::<Vec<_>>(),
        "EntryPoint": service(root),
        "Revision": 1,
    })
}

/// Only `service("NAME")` is understood; anything else is refused rather than silently ignored.
fn matches_filter(filter: Option<&str>, segs: &[Value]) -> Result<bool, Reply> {
    let Some(f) = filter else { return Ok(true) };
    let name = f
        .trim()
        .strip_prefix("service(\"")
        .and_then(|r| r.strip_suffix("\")"))
        .ok_or_else(|| {
            error(
                400,
                "InvalidRequestException",
                "the fake understands only service(\"NAME\")",
            )
        })?;
    Ok(segs.iter().any(|s| s["name"] == name))
}

/// Keep the `Tags` of a create request under the new resource's ARN.
fn keep_tags(st: &mut State, arn: &Value, body: &Value) {
    if let (Some(arn), Some(tags)) = (arn.as_str(), body["Tags"].as_array()) {
        st.tags.insert(arn.to_string(), tags.clone());
    }
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
    if let Some(r) = super::xray_ts::injected(st, &req.path) {
        return r;
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
            keep_tags(st, &g["GroupARN"], &body);
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
            keep_tags(st, &rule["RuleARN"], &body);
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
                Some(rec) => {
                    if let Some(arn) = rec["SamplingRule"]["RuleARN"].as_str() {
                        st.tags.remove(arn);
                    }
                    Reply::json(200, json!({ "SamplingRuleRecord": rec }))
                }
                None => error(
                    400,
                    "InvalidRequestException",
                    "Sampling rule does not exist",
                ),
            }
        }
        "/ServiceGraph" => {
            let (start, end) = match window(&body) {
                Ok(w) => w,
                Err(r) => return r,
            };
            if let Some(name) = body["GroupName"].as_str() {
                if !st.groups.contains_key(name) {
                    return error(400, "InvalidRequestException", "Group not found");
                }
            }
            if let Some(arn) = body["GroupARN"].as_str() {
                if !st.groups.values().any(|g| g["GroupARN"] == arn) {
                    return error(400, "InvalidRequestException", "Group not found");
                }
            }
            let i = match body["NextToken"].as_str() {
                None => 0,
                Some(t) => match t.strip_prefix('g').and_then(|n| n.parse::<usize>().ok()) {
                    Some(n) if n < st.graph_pages.len() => n,
                    _ => return error(400, "InvalidRequestException", "Invalid NextToken"),
                },
            };
            let services = st.graph_pages.get(i).cloned().unwrap_or_default();
            let mut out = json!({
                "StartTime": start, "EndTime": end, "Services": services, "ContainsOldGroupVersions": false,
            });
            if i + 1 < st.graph_pages.len() {
                out["NextToken"] = json!(format!("g{}", i + 1));
            }
            Reply::json(200, out)
        }
        "/TraceSegments" => {
            let Some(docs) = body["TraceSegmentDocuments"].as_array() else {
                return error(
                    400,
                    "InvalidRequestException",
                    "TraceSegmentDocuments is required",
                );
            };
            let mut unprocessed = Vec::new();
            for d in docs {
                let doc: Value = d
                    .as_str()
                    .and_then(|s| serde_json::from_str(s).ok())
                    .unwrap_or(Value::Null);
                let ok = ["name", "id", "trace_id"]
                    .iter()
                    .all(|k| doc[*k].is_string())
                    && doc["start_time"].is_number()
                    && (doc["end_time"].is_number() || doc["in_progress"] == true);
                if ok {
                    st.segments.push(doc);
                } else {
                    unprocessed.push(json!({
                        "Id": doc["id"], "ErrorCode": "InvalidSegment", "Message": "invalid segment document",
                    }));
                }
            }
            Reply::json(200, json!({ "UnprocessedTraceSegments": unprocessed }))
        }
        "/TraceSummaries" => {
            let (start, end) = match window(&body) {
                Ok(w) => w,
                Err(r) => return r,
            };
            let mut found = Vec::new();
            for (id, segs) in traces(st) {
                match matches_filter(body["FilterExpression"].as_str(), &segs) {
                    Ok(true) => {}
                    Ok(false) => continue,
                    Err(r) => return r,
                }
                let s = summary(&id, &segs);
                let t = s["StartTime"].as_f64().unwrap_or(0.0);
                if t >= start && t <= end {
                    found.push(s);
                }
            }
            // Newest first, as the service answers.
            found.sort_by(|a, b| {
                b["StartTime"]
                    .as_f64()
                    .unwrap_or(0.0)
                    .total_cmp(&a["StartTime"].as_f64().unwrap_or(0.0))
            });
            let n = found.len();
            match page_body(found, &body, size, "TraceSummaries") {
                Ok(mut b) => {
                    b.insert("ApproximateTime".into(), json!(end));
                    b.insert("TracesProcessedCount".into(), json!(n));
                    Reply::json(200, Value::Object(b))
                }
                Err(r) => r,
            }
        }
        "/Traces" => {
            let Some(ids) = body["TraceIds"].as_array() else {
                return error(400, "InvalidRequestException", "TraceIds is required");
            };
            // Under Transaction Search BatchGetTraces finds nothing (API reference: "You cannot find traces
            // through this API if Transaction Search is enabled").
            let all = if st.destination == "CloudWatchLogs" {
                BTreeMap::new()
            } else {
                traces(st)
            };
            // Pages of `page_size` segments over the requested traces, in order.
            let mut segments: Vec<(String, Value)> = Vec::new();
            for id in ids.iter().filter_map(Value::as_str) {
                for s in all.get(id).into_iter().flatten() {
                    segments.push((id.to_string(), s.clone()));
                }
            }
            let items: Vec<Value> = segments
                .iter()
                .map(|(id, s)| json!({"trace": id, "segment": s}))
                .collect();
            let mut b = match page_body(items, &body, size, "Segments") {
                Ok(b) => b,
                Err(r) => return r,
            };
            let mut out: Vec<Value> = Vec::new();
            for item in b.remove("Segments").unwrap().as_array().unwrap() {
                let id = item["trace"].as_str().unwrap();
                let segs = &all[id];
                if !out.iter().any(|t| t["Id"] == id) {
                    let s = summary(id, segs);
                    out.push(json!({"Id": id, "Duration": s["Duration"], "LimitExceeded": false, "Segments": []}));
                }
                let t = out.iter_mut().find(|t| t["Id"] == id).unwrap();
                t["Segments"].as_array_mut().unwrap().push(json!({
                    "Id": item["segment"]["id"], "Document": item["segment"].to_string(),
                }));
            }
            b.insert("Traces".into(), Value::Array(out));
            b.insert("UnprocessedTraceIds".into(), json!([]));
            Reply::json(200, Value::Object(b))
        }
        "/ListTagsForResource" => {
            let arn = body["ResourceARN"].as_str().unwrap_or_default();
            let known = st.groups.values().any(|g| g["GroupARN"] == arn)
                || st
                    .rules
                    .values()
                    .any(|r| r["SamplingRule"]["RuleARN"] == arn);
            if !known {
                return error(
                    404,
                    "ResourceNotFoundException",
                    &format!("Resource {arn} not found"),
                );
            }
            let tags = st.tags.get(arn).cloned().unwrap_or_default();
            page(tags, &body, size, "Tags")
        }
        "/GetTraceSegmentDestination" => {
            if st.destination_status == "PENDING" {
                if st.pending_left == 0 {
                    st.destination_status = "ACTIVE".into();
                } else if st.pending_left != usize::MAX {
                    st.pending_left -= 1;
                }
            }
            Reply::json(
                200,
                json!({ "Destination": st.destination, "Status": st.destination_status }),
            )
        }
        "/UpdateTraceSegmentDestination" => match body["Destination"].as_str() {
            Some(d @ ("XRay" | "CloudWatchLogs")) => {
                st.destination = d.into();
                st.destination_status = "PENDING".into();
                st.pending_left = st.pending_polls;
                Reply::json(200, json!({ "Destination": d, "Status": "PENDING" }))
            }
            other => error(
                400,
                "InvalidRequestException",
                &format!("Invalid Destination: {other:?}"),
            ),
        },
        "/GetIndexingRules" => page(
            st.indexing_rules.values().cloned().collect(),
            &body,
            size,
            "IndexingRules",
        ),
        "/UpdateIndexingRule" => {
            let name = body["Name"].as_str().unwrap_or_default().to_string();
            let Some(desired) = body["Rule"]["Probabilistic"]["DesiredSamplingPercentage"].as_f64()
            else {
                return error(
                    400,
                    "InvalidRequestException",
                    "Rule.Probabilistic.DesiredSamplingPercentage is required",
                );
            };
            if !st.indexing_rules.contains_key(&name) {
                return error(
                    404,
                    "ResourceNotFoundException",
                    &format!("Indexing rule {name} not found"),
                );
            }
            let rule = indexing_rule(&name, desired, st.clock);
            st.indexing_rules.insert(name, rule.clone());
            Reply::json(200, json!({ "IndexingRule": rule }))
        }
        p if super::xray_ts::handles(p) => super::xray_ts::handle(st, req),
        _ => error(
            404,
            "UnknownOperationException",
            &format!("Unknown operation {}", req.path),
        ),
    }
}
