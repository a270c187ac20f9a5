//! A Honeycomb fake on [`FakeServer`], following Honeycomb's API reference: `GET /1/auth` (X-Honeycomb-Team),
//! `GET /2/auth` (a management key as `Authorization: Bearer`), `GET /1/datasets`, `POST /1/markers/{dataset}`
//! (stateful: markers are kept), and the OTLP/HTTP receivers `POST /v1/traces`, `/v1/logs` and `/v1/metrics`
//! (protobuf or JSON, gzip or none). Unknown keys get `401 {"error": "unknown API key - check your
//! credentials"}`; an ingest key may call only `/1/auth` and the OTLP receivers.
//!
//! Read-back, stateful per environment: a span accepted at `/v1/traces` arrives in the dataset named after
//! its `service.name` after [`HoneycombFake::set_arrival_delay`] (or never, [`HoneycombFake::drop_spans`]);
//! a log record likewise (its `body` queryable), a data point in the dataset of `x-honeycomb-dataset`, else
//! `unknown_metrics` (as Honeycomb's docs say);
//! then `GET /1/datasets/{slug}` shows `last_written_at` at that second (whole seconds, as Honeycomb's) and
//! the Query Data API (`POST /1/queries/{dataset}`, `POST /1/query_results/{dataset}`, `GET
//! /1/query_results/{dataset}/{id}`, complete on the first poll) counts it by `trace.trace_id`. The Query
//! Data API answers only keys with the `queries` permission, and only on an Enterprise plan
//! ([`QueryPlan`]: otherwise 403, or 404 as some proxies answer).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use super::server::{FakeServer, Reply, Request};

/// An environment configuration key (22 letters and digits).
pub const ENV_KEY: &str = "o11yEnvKey0123456789ab";
/// A Honeycomb Classic configuration key (32 hex characters).
pub const CLASSIC_KEY: &str = "c1a551c0ffee0123456789abcdef0042";
/// A US ingest key: the public id (32 characters), then the secret.
pub const INGEST_KEY_ID: &str = "hcaik_01j1824es7n4evcmv81cn392jb";
pub const INGEST_SECRET: &str = "S3cretIngestPart0123456789abcdef";
pub const INGEST_KEY: &str = concat!(
    "hcaik_01j1824es7n4evcmv81cn392jb",
    "S3cretIngestPart0123456789abcdef"
);
/// An EU ingest key.
pub const EU_INGEST_KEY: &str = concat!(
    "hcbik_01j1824es7n4evcmv81cn392jb",
    "S3cretIngestPart0123456789abcdef"
);
/// A management key: id, `:`, secret.
pub const MGMT_KEY_ID: &str = "hcamk_01hznmeqrcq8rz533xrvtc6mk0";
pub const MGMT_KEY: &str = concat!(
    "hcamk_01hznmeqrcq8rz533xrvtc6mk0",
    ":",
    "MgmtSecret0123456789abcdefABCDEF"
);
/// A configuration key of the same environment that may also run queries.
pub const QUERY_KEY: &str = "Qu3ryEnvKey0123456789a";
/// An ingest key of another environment (`staging`) of the same team.
pub const STAGING_INGEST_KEY: &str = concat!(
    "hcaik_01j1824es7n4evcmv81cstag01",
    "S3cretStagingPart0123456789abcde"
);
/// A well-formed key that Honeycomb does not know.
pub const UNKNOWN_KEY: &str = "Unkn0wnKey0123456789zz";

/// Whether the Query Data API answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryPlan {
    Enterprise,
    /// 403, as for a plan without the Query Data API.
    Forbidden,
    /// 404.
    NotFound,
}

/// The read-back state.
pub struct Spans {
    /// How long after it is accepted a span becomes visible.
    pub delay: Duration,
    /// Spans are accepted but never arrive.
    pub dropped: bool,
    pub plan: QueryPlan,
    /// (environment slug, dataset, trace id, visible at).
    pub spans: Vec<(String, String, String, SystemTime)>,
    /// Log records and data points: (environment slug, dataset, column, value, visible at).
    pub events: Vec<(String, String, String, String, SystemTime)>,
    /// (environment slug, dataset) -> last_written_at before any span of the test (epoch seconds).
    pub written: BTreeMap<(String, String), u64>,
    /// query id -> (column, value) filtered on.
    pub queries: BTreeMap<String, (String, String)>,
    /// query result id -> COUNT.
    pub results: BTreeMap<String, u64>,
}

pub struct HoneycombFake {
    pub server: FakeServer,
    markers: Arc<Mutex<Vec<Value>>>,
    pub spans: Arc<Mutex<Spans>>,
}

fn epoch(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).unwrap().as_secs()
}

fn rfc3339(secs: u64) -> String {
    chrono::DateTime::from_timestamp(secs as i64, 0)
        .unwrap()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Spans {
    /// `last_written_at` of a dataset now: the latest visible span's second, else the initial value.
    fn last_written(&self, env: &str, dataset: &str) -> Option<u64> {
        let now = SystemTime::now();
        let from_spans = self
            .spans
            .iter()
            .filter(|(e, d, _, at)| e == env && d == dataset && *at <= now)
            .map(|(.., at)| epoch(*at))
            .chain(
                self.events
                    .iter()
                    .filter(|(e, d, _, _, at)| e == env && d == dataset && *at <= now)
                    .map(|(.., at)| epoch(*at)),
            )
            .max();
        let before = self
            .written
            .get(&(env.to_string(), dataset.to_string()))
            .copied();
        from_spans.max(before)
    }

    fn count(&self, env: &str, dataset: &str, column: &str, value: &str) -> u64 {
        let now = SystemTime::now();
        let spans = self
            .spans
            .iter()
            .filter(|(e, d, t, at)| {
                column == "trace.trace_id" && e == env && d == dataset && t == value && *at <= now
            })
            .count();
        let events = self
            .events
            .iter()
            .filter(|(e, d, c, v, at)| {
                e == env && d == dataset && c == column && v == value && *at <= now
            })
            .count();
        (spans + events) as u64
    }
}

fn env_of(key: &str) -> Option<String> {
    auth_for(key).map(|a| a["environment"]["slug"].as_str().unwrap_or("").to_string())
}

/// A resource's service.name, trimmed (`unknown_service` without one).
fn service_of(r: Option<&opentelemetry_proto::tonic::resource::v1::Resource>) -> String {
    r.and_then(|r| super::otlp::string_attr(&r.attributes, "service.name"))
        .unwrap_or_else(|| "unknown_service".into())
        .trim()
        .to_string()
}

/// The dataset of each span (its resource's service.name) and its trace id.
pub fn spans_of(
    body: &opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for rs in &body.resource_spans {
        let service = service_of(rs.resource.as_ref());
        for ss in &rs.scope_spans {
            for sp in &ss.spans {
                out.push((service.clone(), super::otlp::hex(&sp.trace_id)));
            }
        }
    }
    out
}

/// (dataset, column, value) of what a log or metrics export holds: a record's `body` in the dataset of its
/// service.name (or `x-honeycomb-dataset`); a data point's `o11y.test_id` in the `x-honeycomb-dataset`
/// dataset, else `unknown_metrics`.
fn events_of(rq: &Request) -> Result<Vec<(String, String, String)>, Reply> {
    use opentelemetry_proto::tonic::collector::{
        logs::v1::ExportLogsServiceRequest, metrics::v1::ExportMetricsServiceRequest,
    };
    use opentelemetry_proto::tonic::common::v1::any_value::Value as V;
    use opentelemetry_proto::tonic::metrics::v1::metric::Data;
    let header = rq.header("x-honeycomb-dataset").map(str::to_string);
    let mut out = Vec::new();
    if rq.path == "/v1/logs" {
        let export: ExportLogsServiceRequest = super::otlp::decode(rq)?;
        for rl in &export.resource_logs {
            let dataset = header
                .clone()
                .unwrap_or_else(|| service_of(rl.resource.as_ref()));
            for r in rl.scope_logs.iter().flat_map(|s| &s.log_records) {
                if let Some(V::StringValue(b)) = r.body.as_ref().and_then(|b| b.value.as_ref()) {
                    out.push((dataset.clone(), "body".to_string(), b.clone()));
                }
            }
        }
    } else {
        let export: ExportMetricsServiceRequest = super::otlp::decode(rq)?;
        let dataset = header.unwrap_or_else(|| "unknown_metrics".into());
        for m in export
            .resource_metrics
            .iter()
            .flat_map(|r| &r.scope_metrics)
            .flat_map(|s| &s.metrics)
        {
            if let Some(Data::Gauge(g)) = &m.data {
                for p in &g.data_points {
                    let id =
                        super::otlp::string_attr(&p.attributes, "o11y.test_id").unwrap_or_default();
                    out.push((dataset.clone(), "o11y.test_id".to_string(), id));
                }
            }
        }
    }
    Ok(out)
}

fn unauthorized() -> Reply {
    Reply::json(
        401,
        json!({"error": "unknown API key - check your credentials"}),
    )
}

/// `/1/auth` as Honeycomb answers it for each known key (the ingest key's answer in the older spelling,
/// `create_datasets`, and without `type`).
fn auth_for(key: &str) -> Option<Value> {
    match key {
        ENV_KEY => Some(json!({
            "id": "FL_xMM5LapLC",
            "type": "configuration",
            "api_key_access": {
                "events": true, "markers": true, "triggers": false, "boards": false, "queries": false,
                "columns": false, "createDatasets": true, "slos": false, "recipients": false,
                "privateBoards": false
            },
            "environment": {"name": "Production", "slug": "production"},
            "team": {"name": "Cruddur", "slug": "cruddur"}
        })),
        CLASSIC_KEY => Some(json!({
            "api_key_access": {"events": true, "markers": true, "createDatasets": false},
            "environment": {"name": "", "slug": ""},
            "team": {"name": "Cruddur", "slug": "cruddur"}
        })),
        QUERY_KEY => Some(json!({
            "id": "FL_qUeRy0001",
            "type": "configuration",
            "api_key_access": {"events": true, "markers": true, "queries": true, "columns": true,
                               "createDatasets": true},
            "environment": {"name": "Production", "slug": "production"},
            "team": {"name": "Cruddur", "slug": "cruddur"}
        })),
        STAGING_INGEST_KEY => Some(json!({
            "id": &STAGING_INGEST_KEY[..32],
            "type": "ingest",
            "api_key_access": {"createDatasets": true},
            "environment": {"name": "Staging", "slug": "staging"},
            "team": {"name": "Cruddur", "slug": "cruddur"}
        })),
        INGEST_KEY => Some(json!({
            "id": INGEST_KEY_ID,
            "api_key_access": {"create_datasets": true},
            "environment": {"name": "Production", "slug": "production"},
            "team": {"name": "Cruddur", "slug": "cruddur"}
        })),
        _ => None,
    }
}

fn is_configuration(key: &str) -> bool {
    key == ENV_KEY || key == CLASSIC_KEY || key == QUERY_KEY
}

impl HoneycombFake {
    pub fn start() -> Self {
        let markers: Arc<Mutex<Vec<Value>>> = Arc::default();
        let m = markers.clone();
        let mut written = BTreeMap::new();
        // backend-flask was last written three days before the tests run.
        written.insert(
            ("production".to_string(), "backend-flask".to_string()),
            epoch(SystemTime::now()) - 3 * 86_400,
        );
        let spans = Arc::new(Mutex::new(Spans {
            delay: Duration::ZERO,
            dropped: false,
            plan: QueryPlan::Enterprise,
            spans: Vec::new(),
            events: Vec::new(),
            written,
            queries: BTreeMap::new(),
            results: BTreeMap::new(),
        }));
        let sp = spans.clone();
        let server = FakeServer::start(move |rq: &Request| {
            let team = rq
                .header("x-honeycomb-team")
                .unwrap_or_default()
                .to_string();
            if let Some(reply) = read_back(&mut sp.lock().unwrap(), rq, &team) {
                return reply;
            }
            match (rq.method.as_str(), rq.path.as_str()) {
                ("GET", "/1/auth") => match auth_for(&team) {
                    Some(v) => Reply::json(200, v),
                    None => unauthorized(),
                },
                ("GET", "/2/auth") => {
                    if rq.header("authorization") != Some(&format!("Bearer {MGMT_KEY}")) {
                        return unauthorized();
                    }
                    Reply::json(
                        200,
                        json!({
                            "included": [{"id": "hcxtm_01", "type": "teams",
                                          "attributes": {"name": "Cruddur", "slug": "cruddur"}}],
                            "data": {"id": MGMT_KEY_ID, "type": "api-keys",
                                     "attributes": {"name": "terraform", "key_type": "management",
                                                    "disabled": false,
                                                    "scopes": ["api-keys:read", "environments:write"]}}
                        }),
                    )
                }
                ("GET", "/1/datasets") => {
                    if !is_configuration(&team) {
                        return unauthorized();
                    }
                    Reply::json(
                        200,
                        json!([
                            {"name": "frontend-react-js", "description": "", "slug": "frontend-react-js",
                             "expand_json_depth": 0, "created_at": "2026-11-01T10:00:00Z",
                             "last_written_at": null, "regular_columns_count": 0},
                            {"name": "backend-flask", "description": "the API", "slug": "backend-flask",
                             "expand_json_depth": 2, "created_at": "2026-10-21T18:39:23Z",
                             "last_written_at": "2026-11-22T19:52:00Z", "regular_columns_count": 42}
                        ]),
                    )
                }
                ("POST", p) if p.starts_with("/1/markers/") => {
                    if !is_configuration(&team) {
                        return unauthorized();
                    }
                    let dataset = &p["/1/markers/".len()..];
                    if !["backend-flask", "frontend-react-js", "__all__"].contains(&dataset) {
                        return Reply::json(404, json!({"error": "dataset not found"}));
                    }
                    let Ok(Value::Object(mut body)) = serde_json::from_str::<Value>(&rq.body)
                    else {
                        return Reply::json(400, json!({"error": "request body should be JSON"}));
                    };
                    let mut all = m.lock().unwrap();
                    let id = format!("{:08x}", 0xd1c8_4ec0u32 + all.len() as u32);
                    body.insert("id".into(), json!(id));
                    body.entry("start_time").or_insert(json!(1_795_000_000));
                    body.insert("created_at".into(), json!("2026-11-25T12:00:00Z"));
                    body.insert("updated_at".into(), json!("2026-11-25T12:00:00Z"));
                    let marker = Value::Object(body);
                    all.push(marker.clone());
                    Reply::json(201, marker)
                }
                ("POST", path @ ("/v1/traces" | "/v1/logs" | "/v1/metrics")) => {
                    if auth_for(&team).is_none() {
                        return Reply::json(
                            401,
                            json!({"message": "Unauthorized: unknown API key"}),
                        );
                    }
                    let (spans, events) = if path == "/v1/traces" {
                        match super::otlp::decode(rq) {
                            Ok(e) => (spans_of(&e), Vec::new()),
                            Err(reply) => return reply,
                        }
                    } else {
                        match events_of(rq) {
                            Ok(e) => (Vec::new(), e),
                            Err(reply) => return reply,
                        }
                    };
                    let mut st = sp.lock().unwrap();
                    if !st.dropped {
                        let env = env_of(&team).unwrap_or_default();
                        let at = SystemTime::now() + st.delay;
                        for (dataset, trace) in spans {
                            st.spans.push((env.clone(), dataset, trace, at));
                        }
                        for (dataset, column, value) in events {
                            st.events.push((env.clone(), dataset, column, value, at));
                        }
                    }
                    Reply::json(200, json!({}))
                }
                _ => Reply::json(404, json!({"error": "not found"})),
            }
        });
        HoneycombFake {
            server,
            markers,
            spans,
        }
    }

    /// Spans become visible this long after they are accepted.
    pub fn set_arrival_delay(&self, d: Duration) {
        self.spans.lock().unwrap().delay = d;
    }

    /// Spans are accepted (HTTP 200) but never arrive.
    pub fn drop_spans(&self) {
        self.spans.lock().unwrap().dropped = true;
    }

    pub fn set_query_plan(&self, plan: QueryPlan) {
        self.spans.lock().unwrap().plan = plan;
    }

    pub fn url(&self) -> &str {
        &self.server.url
    }

    pub fn requests_to(&self, path: &str) -> Vec<super::server::Request> {
        self.server
            .requests()
            .into_iter()
            .filter(|r| r.path == path)
            .collect()
    }

    pub fn markers(&self) -> Vec<Value> {
        self.markers.lock().unwrap().clone()
    }
}

/// The read-back routes: `GET /1/datasets/{slug}` and the Query Data API. `None` for any other route.
fn read_back(st: &mut Spans, rq: &Request, team: &str) -> Option<Reply> {
    let path = rq.path.as_str();
    let seg: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let route = match (rq.method.as_str(), seg.as_slice()) {
        ("GET", ["1", "datasets", slug]) => ("dataset", slug.to_string(), String::new()),
        ("POST", ["1", "queries", ds]) => ("query", ds.to_string(), String::new()),
        ("POST", ["1", "query_results", ds]) => ("result", ds.to_string(), String::new()),
        ("GET", ["1", "query_results", ds, id]) => ("poll", ds.to_string(), id.to_string()),
        _ => return None,
    };
    let Some(auth) = auth_for(team) else {
        return Some(unauthorized());
    };
    if !is_configuration(team) {
        return Some(unauthorized());
    }
    let env = auth["environment"]["slug"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let (what, ds, id) = route;
    if what == "dataset" {
        if auth["api_key_access"]["createDatasets"] != json!(true) {
            return Some(Reply::json(
                403,
                json!({"error": "this API key does not have the Create Datasets permission"}),
            ));
        }
        let Some(t) = st.last_written(&env, &ds) else {
            return Some(Reply::json(404, json!({"error": "Dataset not found"})));
        };
        return Some(Reply::json(
            200,
            json!({"name": ds, "slug": ds, "description": "", "expand_json_depth": 0,
                   "created_at": "2026-10-21T18:39:23Z", "last_written_at": rfc3339(t),
                   "regular_columns_count": 12}),
        ));
    }
    match st.plan {
        QueryPlan::Forbidden => {
            return Some(Reply::json(
                403,
                json!({"error": "the Query Data API is available on the Enterprise plan"}),
            ))
        }
        QueryPlan::NotFound => return Some(Reply::json(404, json!({"error": "not found"}))),
        QueryPlan::Enterprise => {}
    }
    if auth["api_key_access"]["queries"] != json!(true)
        || auth["api_key_access"]["columns"] != json!(true)
    {
        return Some(Reply::json(
            403,
            json!({"error": "this API key does not have permission to run queries"}),
        ));
    }
    Some(match what {
        "query" => {
            let body = rq.json();
            let f = &body["filters"][0];
            if !f["column"].is_string() || f["op"] != "=" || !f["value"].is_string() {
                return Some(Reply::json(
                    422,
                    json!({"error": "this fake only filters with `=` on one column"}),
                ));
            }
            // Absolute times around now, as o11y sends them (a relative range would be truncated).
            let now = epoch(SystemTime::now()) as i64;
            let (Some(start), Some(end)) = (body["start_time"].as_i64(), body["end_time"].as_i64())
            else {
                return Some(Reply::json(
                    422,
                    json!({"error": "this fake wants start_time and end_time"}),
                ));
            };
            if !(start <= now && now < end) {
                return Some(Reply::json(
                    422,
                    json!({"error": "the span's time is outside the query's range"}),
                ));
            }
            let qid = format!("q{}", st.queries.len() + 1);
            st.queries.insert(
                qid.clone(),
                (
                    f["column"].as_str().unwrap().to_string(),
                    f["value"].as_str().unwrap().to_string(),
                ),
            );
            Reply::json(
                200,
                json!({"id": qid, "calculations": body["calculations"], "filters": body["filters"]}),
            )
        }
        "result" => {
            let qid = rq.json()["query_id"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let Some((column, value)) = st.queries.get(&qid).cloned() else {
                return Some(Reply::json(404, json!({"error": "query not found"})));
            };
            let rid = format!("r{}", st.results.len() + 1);
            let n = st.count(&env, &ds, &column, &value);
            st.results.insert(rid.clone(), n);
            Reply::json(201, json!({"id": rid, "complete": false, "query_id": qid}))
        }
        _ => match st.results.get(&id) {
            Some(n) => Reply::json(
                200,
                json!({"id": id, "complete": true,
                       "data": {"results": if *n > 0 { json!([{"data": {"COUNT": n}}]) } else { json!([]) }}}),
            ),
            None => Reply::json(404, json!({"error": "query result not found"})),
        },
    })
}
