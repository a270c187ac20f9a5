//! A stateful fake of a whole Honeycomb team, written from Honeycomb's API reference (the public OpenAPI
//! spec) and the live behaviour terraform-provider-honeycombio's acceptance tests record: the v2 management
//! API here (`/2/auth`, environments and API keys; JSON:API with cursor pages, management keys with scopes,
//! a key's secret only in the create answer, new environments `delete_protected`), the v1 configuration API
//! in `honeycomb_v1.rs` (keys of the environments created here, their permissions, what the server fills
//! in, the three error body shapes, 409s, a plan without SLOs).
//!
//! Marked guesses (the reference does not say): a management key without the scope gets 403 with a JSON:API
//! body; a team without SLOs gets 403 with a legacy body.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde_json::{json, Map, Value};

use super::server::{FakeServer, Reply, Request};

/// The team's management key (id, secret), with every scope unless [`HoneycombTeam::set_scopes`] says.
pub const MGMT_ID: &str = "hcxmk_01hznmeqrcq8rz533xrvtc6m";
pub const MGMT_SECRET: &str = "MgmtSecret0123456789abcdefABCDEF";
pub const ALL_SCOPES: [&str; 4] = [
    "environments:read",
    "environments:write",
    "api-keys:read",
    "api-keys:write",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    Pro,
    /// No SLOs or burn alerts.
    Free,
}

#[derive(Debug, Clone)]
pub struct Environment {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub color: String,
    pub delete_protected: bool,
}

#[derive(Debug, Clone)]
pub struct Key {
    pub id: String,
    pub name: String,
    pub key_type: String,
    pub disabled: bool,
    pub permissions: Map<String, Value>,
    pub environment_id: String,
    pub secret: String,
}

impl Key {
    /// The value the app uses: an ingest key's id and secret, a configuration key's secret.
    pub fn value(&self) -> String {
        match self.key_type.as_str() {
            "ingest" => format!("{}{}", self.id, self.secret),
            _ => self.secret.clone(),
        }
    }
}

/// Everything the team holds.
pub struct State {
    pub scopes: Vec<String>,
    pub plan: Plan,
    /// The most objects of a v2 page, whatever `page[size]` asks (to make clients follow `links.next`).
    pub page_cap: usize,
    pub environments: Vec<Environment>,
    pub keys: Vec<Key>,
    /// v1 objects by collection: `datasets/{env}`, `derived_columns/{env}/{ds}`, `triggers/{env}/{ds}`,
    /// `slos/{env}/{ds}`, `burn_alerts/{env}/{ds}`, `marker_settings/{env}/{ds}`, and `recipients` (team).
    pub v1: BTreeMap<String, Vec<Value>>,
    /// v1 paths answered 403 whatever the key's permissions say.
    pub forbidden: Vec<String>,
    counter: u64,
}

impl State {
    pub fn next(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    /// A v1 id (short, letters and digits, as the reference's examples).
    pub fn v1_id(&mut self) -> String {
        format!("id{:09}", self.next())
    }

    pub fn environment_of(&self, key: &Key) -> Option<&Environment> {
        self.environments
            .iter()
            .find(|e| e.id == key.environment_id)
    }
}

pub struct HoneycombTeam {
    pub server: FakeServer,
    pub state: Arc<Mutex<State>>,
}

fn jsonapi(status: u16, body: Value) -> Reply {
    Reply {
        status,
        headers: vec![("Content-Type".into(), "application/vnd.api+json".into())],
        body: body.to_string(),
        bytes: None,
    }
}

fn jsonapi_error(status: u16, code: &str, title: &str) -> Reply {
    jsonapi(
        status,
        json!({"errors": [{"id": "06dcdd0c2d6a", "status": status.to_string(), "code": code, "title": title}]}),
    )
}

/// The slug Honeycomb derives from a name (inferred: lower case, other characters as `-`).
pub fn slug(name: &str) -> String {
    name.chars()
        .map(|c| match c.is_ascii_alphanumeric() {
            true => c.to_ascii_lowercase(),
            false => '-',
        })
        .collect()
}

/// `page[size]` and `page[after]` of a query string (brackets raw or percent-encoded).
fn page_params(query: &str) -> (Option<usize>, Option<usize>) {
    let q = query.replace("%5B", "[").replace("%5D", "]");
    let get = |k: &str| {
        q.split('&')
            .find_map(|p| p.strip_prefix(&format!("{k}=")))
            .map(str::to_string)
    };
    (
        get("page[size]").and_then(|s| s.parse().ok()),
        get("page[after]").and_then(|s| s.parse().ok()),
    )
}

impl HoneycombTeam {
    pub fn start() -> Self {
        let state = Arc::new(Mutex::new(State {
            scopes: ALL_SCOPES.iter().map(|s| s.to_string()).collect(),
            plan: Plan::Pro,
            page_cap: 100,
            environments: Vec::new(),
            keys: Vec::new(),
            v1: BTreeMap::new(),
            forbidden: Vec::new(),
            counter: 0,
        }));
        let st = state.clone();
        let server = FakeServer::start(move |rq: &Request| {
            let mut s = st.lock().unwrap();
            if rq.path.starts_with("/2/") {
                v2(&mut s, rq)
            } else if rq.path.starts_with("/1/") || rq.path == "/v1/traces" {
                super::honeycomb_v1::handle(&mut s, rq)
            } else {
                Reply::json(404, json!({"error": "not found"}))
            }
        });
        HoneycombTeam { server, state }
    }

    pub fn url(&self) -> &str {
        &self.server.url
    }

    /// The variables `o11y` needs to reach this team as its management key.
    pub fn management_env(&self) -> [(&'static str, String); 3] {
        [
            ("HONEYCOMB_API_ENDPOINT", self.server.url.clone()),
            ("HONEYCOMB_KEY_ID", MGMT_ID.to_string()),
            ("HONEYCOMB_KEY_SECRET", MGMT_SECRET.to_string()),
        ]
    }

    pub fn set_scopes(&self, scopes: &[&str]) {
        self.state.lock().unwrap().scopes = scopes.iter().map(|s| s.to_string()).collect();
    }

    pub fn set_plan(&self, plan: Plan) {
        self.state.lock().unwrap().plan = plan;
    }

    pub fn set_page_cap(&self, n: usize) {
        self.state.lock().unwrap().page_cap = n;
    }

    /// An environment made in the UI.
    pub fn add_environment(&self, name: &str) -> Environment {
        let mut s = self.state.lock().unwrap();
        new_environment(&mut s, name, "", "blue")
    }

    /// A key made in the UI (or earlier), in environment `env` (by name): the key.
    pub fn add_key(&self, env: &str, name: &str, key_type: &str, perms: &[&str]) -> Key {
        let mut s = self.state.lock().unwrap();
        let env_id = s
            .environments
            .iter()
            .find(|e| e.name == env)
            .expect("the environment")
            .id
            .clone();
        let mut permissions = Map::new();
        for p in perms {
            permissions.insert(p.to_string(), json!(true));
        }
        new_key(&mut s, name, key_type, permissions, &env_id)
    }

    pub fn keys(&self) -> Vec<Key> {
        self.state.lock().unwrap().keys.clone()
    }

    pub fn key(&self, name: &str) -> Key {
        self.keys()
            .into_iter()
            .find(|k| k.name == name)
            .unwrap_or_else(|| panic!("no key named {name}"))
    }

    pub fn environments(&self) -> Vec<Environment> {
        self.state.lock().unwrap().environments.clone()
    }

    /// The v1 objects of a collection (`triggers/{env id}/{dataset}` ...).
    pub fn objects(&self, collection: &str) -> Vec<Value> {
        self.state
            .lock()
            .unwrap()
            .v1
            .get(collection)
            .cloned()
            .unwrap_or_default()
    }

    /// Change the server's state (drift made in the UI, a second object of a name ...).
    pub fn with_state<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        f(&mut self.state.lock().unwrap())
    }

    /// Every write the fake received, as `METHOD path`.
    pub fn writes(&self) -> Vec<String> {
        self.server
            .requests()
            .into_iter()
            .filter(|r| r.method != "GET")
            .map(|r| format!("{} {}", r.method, r.path))
            .collect()
    }
}

pub fn new_environment(s: &mut State, name: &str, description: &str, color: &str) -> Environment {
    let n = s.next();
    let env = Environment {
        id: format!("hcxen_{n:026}"),
        name: name.to_string(),
        slug: slug(name),
        description: description.to_string(),
        color: color.to_string(),
        delete_protected: true,
    };
    s.environments.push(env.clone());
    env
}

fn new_key(
    s: &mut State,
    name: &str,
    key_type: &str,
    permissions: Map<String, Value>,
    env_id: &str,
) -> Key {
    let n = s.next();
    let (prefix, secret) = match key_type {
        "ingest" => ("hcxik_", format!("ingestSecret{n:020}")),
        _ => ("hcxlk_", format!("cfgSecret{n:013}")),
    };
    let key = Key {
        id: format!("{prefix}{n:026}"),
        name: name.to_string(),
        key_type: key_type.to_string(),
        disabled: false,
        permissions,
        environment_id: env_id.to_string(),
        secret,
    };
    s.keys.push(key.clone());
    key
}

fn env_object(e: &Environment, team: &str) -> Value {
    json!({"id": e.id, "type": "environments",
           "links": {"self": format!("/2/teams/{team}/environments/{}", e.id)},
           "attributes": {"name": e.name, "slug": e.slug, "description": e.description, "color": e.color,
                          "settings": {"delete_protected": e.delete_protected}}})
}

fn key_object(k: &Key, team: &str) -> Value {
    json!({"id": k.id, "type": "api-keys",
           "links": {"self": format!("/2/teams/{team}/api-keys/{}", k.id)},
           "attributes": {"key_type": k.key_type, "name": k.name, "disabled": k.disabled,
                          "permissions": k.permissions,
                          "timestamps": {"created": "2026-12-01T10:00:00Z", "updated": "2026-12-01T10:00:00Z"}},
           "relationships": {"environment": {"data": {"id": k.environment_id, "type": "environments"}},
                             "creator": null, "editor": null}})
}

const TEAM: &str = "cruddur";

/// One page of `items` after the cursor, and the `links.next` to the rest.
fn page(rq: &Request, s: &State, items: Vec<Value>) -> Reply {
    let (size, after) = page_params(&rq.query);
    let size = size.unwrap_or(20).clamp(1, 100).min(s.page_cap);
    let start = after.unwrap_or(0);
    let end = (start + size).min(items.len());
    let next =
        (end < items.len()).then(|| format!("{}?page[after]={end}&page[size]={size}", rq.path));
    jsonapi(
        200,
        json!({"data": items.get(start..end).unwrap_or_default(), "links": {"next": next}}),
    )
}

/// The v2 routes.
fn v2(s: &mut State, rq: &Request) -> Reply {
    if rq.header("authorization") != Some(&format!("Bearer {MGMT_ID}:{MGMT_SECRET}")) {
        return jsonapi(
            401,
            json!({"errors": [{"id": "7c1a", "status": "401", "code": "unauthenticated/invalid-key",
                               "title": "invalid API key", "source": {"header": "Authorization"}}]}),
        );
    }
    if (rq.method == "POST" || rq.method == "PATCH")
        && rq.header("content-type") != Some("application/vnd.api+json")
    {
        return jsonapi_error(
            415,
            "invalid/content-type",
            "The provided request body had an invalid Content-Type",
        );
    }
    let seg: Vec<&str> = rq.path.trim_start_matches('/').split('/').collect();
    let scope = match (rq.method.as_str(), seg.get(3).copied()) {
        (_, None) => None,
        ("GET", Some(r)) => Some(format!("{r}:read")),
        (_, Some(r)) => Some(format!("{r}:write")),
    };
    if let Some(scope) = scope {
        if !s.scopes.contains(&scope) {
            return jsonapi_error(
                403,
                "forbidden/missing-scope",
                &format!("this API key does not have the {scope} scope"),
            );
        }
    }
    let body = rq.json();
    match (rq.method.as_str(), seg.as_slice()) {
        ("GET", ["2", "auth"]) => jsonapi(
            200,
            json!({"data": {"id": MGMT_ID, "type": "api-keys",
                            "attributes": {"name": "provisioning", "key_type": "management", "disabled": false,
                                           "scopes": s.scopes,
                                           "timestamps": {"created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z"}},
                            "relationships": {"team": {"data": {"id": "hcxtm_01", "type": "teams"}}}},
                   "included": [{"id": "hcxtm_01", "type": "teams",
                                 "attributes": {"name": "Cruddur", "slug": TEAM}}]}),
        ),
        (_, ["2", "teams", team, ..]) if *team != TEAM => {
            jsonapi_error(404, "not-found", "team not found")
        }
        ("GET", ["2", "teams", _, "environments"]) => {
            let items = s.environments.iter().map(|e| env_object(e, TEAM)).collect();
            page(rq, s, items)
        }
        ("POST", ["2", "teams", _, "environments"]) => {
            let a = &body["data"]["attributes"];
            let Some(name) = a["name"].as_str().filter(|n| !n.is_empty()) else {
                return jsonapi_error(422, "invalid", "name cannot be blank");
            };
            if a.get("settings").is_some() {
                return jsonapi_error(422, "invalid", "settings cannot be set on creation");
            }
            if s.environments.iter().any(|e| e.name == name) {
                return jsonapi_error(409, "conflict", "A resource by that name already exists.");
            }
            let e = new_environment(
                s,
                name,
                a["description"].as_str().unwrap_or(""),
                a["color"].as_str().unwrap_or("gold"),
            );
            jsonapi(201, json!({"data": env_object(&e, TEAM)}))
        }
        ("PATCH", ["2", "teams", _, "environments", id]) => {
            let a = &body["data"]["attributes"];
            if a.get("name").is_some() {
                return jsonapi_error(422, "invalid", "name cannot be updated");
            }
            let Some(e) = s.environments.iter_mut().find(|e| e.id == *id) else {
                return jsonapi_error(404, "not-found", "environment not found");
            };
            if let Some(d) = a["description"].as_str() {
                e.description = d.to_string();
            }
            if let Some(c) = a["color"].as_str() {
                e.color = c.to_string();
            }
            if let Some(p) = a["settings"]["delete_protected"].as_bool() {
                e.delete_protected = p;
            }
            let e = e.clone();
            jsonapi(200, json!({"data": env_object(&e, TEAM)}))
        }
        ("DELETE", ["2", "teams", _, "environments", id]) => {
            match s.environments.iter().position(|e| e.id == *id) {
                None => jsonapi_error(404, "not-found", "environment not found"),
                Some(i) if s.environments[i].delete_protected => jsonapi_error(
                    409,
                    "conflict",
                    "Environments with Deletion Protection enabled cannot be deleted.",
                ),
                Some(i) => {
                    s.environments.remove(i);
                    Reply::text(204, "")
                }
            }
        }
        ("GET", ["2", "teams", _, "api-keys"]) => {
            let items = s.keys.iter().map(|k| key_object(k, TEAM)).collect();
            page(rq, s, items)
        }
        ("POST", ["2", "teams", _, "api-keys"]) => {
            let a = &body["data"]["attributes"];
            let env_id = body["data"]["relationships"]["environment"]["data"]["id"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            if !s.environments.iter().any(|e| e.id == env_id) {
                return jsonapi_error(404, "not-found", "environment not found");
            }
            let key_type = a["key_type"].as_str().unwrap_or_default().to_string();
            let Some(name) = a["name"]
                .as_str()
                .filter(|n| !n.is_empty() && n.len() <= 100)
            else {
                return jsonapi_error(422, "invalid", "name must be 1 to 100 characters");
            };
            let perms = a["permissions"].as_object().cloned().unwrap_or_default();
            let allowed: &[&str] = match key_type.as_str() {
                "ingest" => &["create_datasets"],
                "configuration" => &[
                    "create_datasets",
                    "send_events",
                    "manage_markers",
                    "manage_triggers",
                    "manage_boards",
                    "run_queries",
                    "manage_columns",
                    "manage_slos",
                    "manage_recipients",
                    "manage_signals",
                    "manage_privateBoards",
                    "read_service_maps",
                    "visible_team_members",
                ],
                _ => {
                    return jsonapi_error(
                        422,
                        "invalid",
                        "key_type must be ingest or configuration",
                    )
                }
            };
            if let Some(bad) = perms.keys().find(|p| !allowed.contains(&p.as_str())) {
                return jsonapi_error(422, "invalid", &format!("unknown permission {bad}"));
            }
            let perms: Map<String, Value> = perms.into_iter().filter(|(_, v)| v == true).collect();
            let k = new_key(s, name, &key_type, perms, &env_id);
            let mut o = key_object(&k, TEAM);
            o["attributes"]["secret"] = json!(k.secret);
            jsonapi(201, json!({"data": o}))
        }
        ("PATCH", ["2", "teams", _, "api-keys", id]) => {
            let a = &body["data"]["attributes"];
            let Some(k) = s.keys.iter_mut().find(|k| k.id == *id) else {
                return jsonapi_error(404, "not-found", "API key not found");
            };
            if let Some(n) = a["name"].as_str() {
                k.name = n.to_string();
            }
            if let Some(d) = a["disabled"].as_bool() {
                k.disabled = d;
            }
            if let Some(p) = a["permissions"].as_object() {
                if k.key_type == "ingest" {
                    return jsonapi_error(
                        422,
                        "invalid",
                        "an ingest key's permissions cannot be updated",
                    );
                }
                for (name, on) in p {
                    if on == true {
                        k.permissions.insert(name.clone(), json!(true));
                    } else {
                        k.permissions.remove(name);
                    }
                }
            }
            let k = k.clone();
            jsonapi(200, json!({"data": key_object(&k, TEAM)}))
        }
        _ => jsonapi_error(404, "not-found", "no such route in the fake"),
    }
}
