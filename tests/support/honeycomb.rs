//! A Honeycomb fake on [`FakeServer`], following Honeycomb's API reference: `GET /1/auth` (X-Honeycomb-Team),
//! `GET /2/auth` (a management key as `Authorization: Bearer`), `GET /1/datasets`, `POST /1/markers/{dataset}`
//! (stateful: markers are kept), and the OTLP/HTTP receiver `POST /v1/traces`. Unknown keys get
//! `401 {"error": "unknown API key - check your credentials"}`; an ingest key may call only `/1/auth` and
//! `/v1/traces`.

use std::sync::{Arc, Mutex};

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
/// A well-formed key that Honeycomb does not know.
pub const UNKNOWN_KEY: &str = "Unkn0wnKey0123456789zz";

pub struct HoneycombFake {
    pub server: FakeServer,
    markers: Arc<Mutex<Vec<Value>>>,
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
    key == ENV_KEY || key == CLASSIC_KEY
}

impl HoneycombFake {
    pub fn start() -> Self {
        let markers: Arc<Mutex<Vec<Value>>> = Arc::default();
        let m = markers.clone();
        let server = FakeServer::start(move |rq: &Request| {
            let team = rq
                .header("x-honeycomb-team")
                .unwrap_or_default()
                .to_string();
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
                ("POST", "/v1/traces") => {
                    if auth_for(&team).is_none() {
                        return Reply::json(
                            401,
                            json!({"message": "Unauthorized: unknown API key"}),
                        );
                    }
                    if !rq
                        .header("content-type")
                        .is_some_and(|c| c.starts_with("application/json"))
                    {
                        return Reply::json(415, json!({"message": "unsupported content type"}));
                    }
                    Reply::json(200, json!({}))
                }
                _ => Reply::json(404, json!({"error": "not found"})),
            }
        });
        HoneycombFake { server, markers }
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
