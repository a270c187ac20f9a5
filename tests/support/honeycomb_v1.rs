//! The v1 configuration API of the team fake in `honeycomb_v2.rs`: `X-Honeycomb-Team` with a key made there
//! (an ingest key's id and secret, a configuration key's secret), `GET /1/auth` with the key's permissions
//! as camelCase flags, and datasets, derived columns, recipients (team-wide), triggers, SLOs, burn alerts and
//! marker settings per environment, each with what the live server fills in (trigger defaults, a saved
//! `query_id`, recipient ids, a dropped `filter_combination: "AND"`, filters in another order, SLO
//! `dataset_slugs`, burn alert `alert_type`). Errors in the reference's three shapes: legacy `{"error"}` (401,
//! 403), RFC 7807 `application/problem+json` (404, 409, 422 with `type_detail`), and JSON:API for v2. Also
//! the OTLP receiver `POST /v1/traces` (JSON or protobuf): a span lands in the dataset of its `service.name`
//! (created on first write), whose `last_written_at` becomes that second.

use serde_json::{json, Map, Value};

use super::honeycomb_v2::{slug, Key, Plan, State};
use super::server::{Reply, Request};

fn legacy(status: u16, error: &str) -> Reply {
    Reply::json(status, json!({"error": error}))
}

fn problem(status: u16, kind: &str, title: &str, error: &str, detail: Option<Value>) -> Reply {
    let mut body = json!({"status": status, "type": format!("https://api.honeycomb.io/problems/{kind}"),
                          "title": title, "error": error});
    if let Some(d) = detail {
        body["type_detail"] = d;
    }
    Reply {
        status,
        headers: vec![("Content-Type".into(), "application/problem+json".into())],
        body: body.to_string(),
        bytes: None,
    }
}

fn invalid(field: &str, description: &str) -> Reply {
    problem(
        422,
        "validation-failed",
        "The provided input is invalid.",
        "The provided input is invalid.",
        Some(json!([{"code": "invalid", "field": field, "description": description}])),
    )
}

fn not_found(what: &str) -> Reply {
    problem(
        404,
        "not-found",
        "The requested resource cannot be found.",
        &format!("{what} not found"),
        None,
    )
}

fn conflict() -> Reply {
    problem(
        409,
        "conflict",
        "Request could not be completed due to a conflict with the current state of the target resource.",
        "A resource by that name already exists.",
        None,
    )
}

/// The `/1/auth` flags of a key's v2 permissions.
pub fn flags(k: &Key) -> Map<String, Value> {
    const MAP: [(&str, &str); 10] = [
        ("create_datasets", "createDatasets"),
        ("send_events", "events"),
        ("manage_markers", "markers"),
        ("manage_triggers", "triggers"),
        ("manage_boards", "boards"),
        ("run_queries", "queries"),
        ("manage_columns", "columns"),
        ("manage_slos", "slos"),
        ("manage_recipients", "recipients"),
        ("manage_privateBoards", "privateBoards"),
    ];
    let on = |p: &str| k.permissions.get(p) == Some(&json!(true));
    match k.key_type.as_str() {
        "ingest" => {
            let mut m = Map::new();
            m.insert("createDatasets".into(), json!(on("create_datasets")));
            m
        }
        _ => MAP
            .iter()
            .map(|(p, f)| (f.to_string(), json!(on(p))))
            .collect(),
    }
}

const NOW: &str = "2026-12-01T10:00:00Z";

/// The v1 routes.
pub fn handle(s: &mut State, rq: &Request) -> Reply {
    let team = rq.header("x-honeycomb-team").unwrap_or_default();
    let Some(key) = s
        .keys
        .iter()
        .find(|k| !k.disabled && k.value() == team)
        .cloned()
    else {
        return legacy(401, "unknown API key - check your credentials");
    };
    let Some(env) = s.environment_of(&key).cloned() else {
        return legacy(401, "unknown API key - check your credentials");
    };
    let flags = flags(&key);
    let seg: Vec<&str> = rq.path.trim_start_matches('/').split('/').collect();
    if seg == ["v1", "traces"] && rq.method == "POST" {
        return ingest(s, rq, &env.id);
    }
    if seg == ["1", "auth"] && rq.method == "GET" {
        return Reply::json(
            200,
            json!({"id": key.id, "type": key.key_type, "api_key_access": flags,
                   "environment": {"name": env.name, "slug": env.slug},
                   "team": {"name": "Cruddur", "slug": "cruddur"}}),
        );
    }
    if key.key_type == "ingest" {
        return legacy(401, "unknown API key - check your credentials");
    }
    let (flag, ui) = match seg.get(1).copied() {
        Some("datasets") => ("createDatasets", "Create Datasets"),
        Some("derived_columns") => ("columns", "Manage Queries and Columns"),
        Some("recipients") => ("recipients", "Manage Recipients"),
        Some("triggers") => ("triggers", "Manage Triggers"),
        Some("slos") | Some("burn_alerts") => ("slos", "Manage SLOs"),
        Some("marker_settings") => ("markers", "Manage Markers"),
        _ => return legacy(404, "not found"),
    };
    if flags.get(flag) != Some(&json!(true)) || s.forbidden.iter().any(|p| rq.path.starts_with(p)) {
        return legacy(
            403,
            &format!("API key does not have the required permission: {ui}"),
        );
    }
    if matches!(seg[1], "slos" | "burn_alerts") && s.plan == Plan::Free {
        // A guess: the reference lists 403 for these paths but not its body on a plan without SLOs.
        return legacy(
            403,
            "SLOs are not available for your team's plan: upgrade to Pro or Enterprise",
        );
    }
    let body = rq.json();
    let e = env.id.as_str();
    match (rq.method.as_str(), &seg[1..]) {
        (_, ["datasets", rest @ ..]) => datasets(s, rq, e, rest, body),
        (_, ["recipients", rest @ ..]) => recipients(s, rq, rest, body),
        (m, [kind, ds, rest @ ..]) => {
            if *ds != "__all__" && !exists(s, e, ds) {
                return not_found("Dataset");
            }
            let coll = format!("{kind}/{e}/{ds}");
            match (m, *kind, rest) {
                ("GET", "burn_alerts", []) => {
                    let Some(slo) = rq.query.split('&').find_map(|p| p.strip_prefix("slo_id="))
                    else {
                        return legacy(400, "slo_id is required");
                    };
                    let items: Vec<Value> = objects(s, &coll)
                        .into_iter()
                        .filter(|b| b["slo"]["id"] == slo)
                        .map(|mut b| {
                            // The reference's list items have no recipients.
                            b.as_object_mut().unwrap().remove("recipients");
                            b
                        })
                        .collect();
                    Reply::json(200, json!(items))
                }
                ("GET", "derived_columns", []) => {
                    match rq.query.split('&').find_map(|p| p.strip_prefix("alias=")) {
                        Some(a) => match objects(s, &coll).into_iter().find(|c| c["alias"] == a) {
                            Some(c) => Reply::json(200, c),
                            None => not_found("Calculated field"),
                        },
                        None => Reply::json(200, json!(objects(s, &coll))),
                    }
                }
                ("GET", _, []) => Reply::json(200, json!(objects(s, &coll))),
                ("GET", k, [id]) if k != "marker_settings" => {
                    match objects(s, &coll).into_iter().find(|o| o["id"] == *id) {
                        Some(o) => Reply::json(200, o),
                        None => not_found("Resource"),
                    }
                }
                ("POST", k, []) => create(s, k, e, ds, &coll, body),
                ("PUT", k, [id]) => update(s, k, e, ds, &coll, id, body),
                _ => legacy(404, "not found"),
            }
        }
        _ => legacy(404, "not found"),
    }
}

fn objects(s: &State, coll: &str) -> Vec<Value> {
    s.v1.get(coll).cloned().unwrap_or_default()
}

fn exists(s: &State, env: &str, ds: &str) -> bool {
    objects(s, &format!("datasets/{env}"))
        .iter()
        .any(|d| d["slug"] == ds)
}

fn datasets(s: &mut State, rq: &Request, env: &str, rest: &[&str], body: Value) -> Reply {
    let coll = format!("datasets/{env}");
    match (rq.method.as_str(), rest) {
        ("GET", []) => Reply::json(200, json!(objects(s, &coll))),
        ("GET", [sl]) => match objects(s, &coll).into_iter().find(|d| d["slug"] == *sl) {
            Some(d) => Reply::json(200, d),
            None => not_found("Dataset"),
        },
        ("POST", []) => {
            let Some(name) = body["name"].as_str().filter(|n| !n.is_empty()) else {
                return problem(
                    422,
                    "validation-failed",
                    "The provided input is invalid.",
                    "The provided input is invalid.",
                    Some(
                        json!([{"code": "missing", "field": "name", "description": "cannot be blank"}]),
                    ),
                );
            };
            let sl = slug(name);
            if let Some(d) = objects(s, &coll)
                .into_iter()
                .find(|d| d["name"] == name || d["slug"] == sl)
            {
                return Reply::json(200, d);
            }
            let d = json!({"name": name, "slug": sl,
                           "description": body["description"].as_str().unwrap_or(""),
                           "expand_json_depth": body["expand_json_depth"].as_i64().unwrap_or(0),
                           "settings": {"delete_protected": true}, "created_at": NOW,
                           "last_written_at": null, "regular_columns_count": null});
            s.v1.entry(coll).or_default().push(d.clone());
            Reply::json(201, d)
        }
        ("PUT", [sl]) => {
            if !body["description"].is_string() || !body["expand_json_depth"].is_i64() {
                return invalid(
                    "description",
                    "description and expand_json_depth are required",
                );
            }
            let Some(d) =
                s.v1.entry(coll)
                    .or_default()
                    .iter_mut()
                    .find(|d| d["slug"] == *sl)
            else {
                return not_found("Dataset");
            };
            d["description"] = body["description"].clone();
            d["expand_json_depth"] = body["expand_json_depth"].clone();
            if body["settings"].is_object() {
                d["settings"] = body["settings"].clone();
            }
            Reply::json(200, d.clone())
        }
        _ => legacy(404, "not found"),
    }
}

/// `POST /v1/traces` (OTLP/HTTP, JSON or protobuf) with a key of the environment: as Honeycomb does, each
/// span lands in the dataset named after its `service.name` (created on first write), whose
/// `last_written_at` becomes this second (whole seconds).
fn ingest(s: &mut State, rq: &Request, env: &str) -> Reply {
    use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
    let body: ExportTraceServiceRequest = match super::otlp::decode(rq) {
        Ok(b) => b,
        Err(reply) => return reply,
    };
    let services: Vec<String> = super::honeycomb::spans_of(&body)
        .into_iter()
        .map(|(service, _)| service)
        .collect();
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let coll = format!("datasets/{env}");
    for service in services {
        let sl = slug(&service);
        let all = s.v1.entry(coll.clone()).or_default();
        match all.iter_mut().find(|d| d["slug"] == sl) {
            Some(d) => d["last_written_at"] = json!(now),
            None => all.push(json!({"name": service, "slug": sl, "description": "",
                                    "expand_json_depth": 0, "settings": {"delete_protected": true},
                                    "created_at": now, "last_written_at": now,
                                    "regular_columns_count": 0})),
        }
    }
    Reply::json(200, json!({}))
}

/// A recipient's target: the detail its type is known by.
fn target(r: &Value) -> String {
    let f = match r["type"].as_str().unwrap_or_default() {
        "email" => "email_address",
        "slack" => "slack_channel",
        "pagerduty" => "pagerduty_integration_name",
        _ => "webhook_name",
    };
    r["details"][f].as_str().unwrap_or_default().to_string()
}

fn recipients(s: &mut State, rq: &Request, rest: &[&str], body: Value) -> Reply {
    let coll = "recipients".to_string();
    match (rq.method.as_str(), rest) {
        ("GET", []) => Reply::json(200, json!(objects(s, &coll))),
        ("POST", []) => {
            let kind = body["type"].as_str().unwrap_or_default();
            if !["email", "slack", "pagerduty", "webhook", "msteams_workflow"].contains(&kind) {
                return invalid("type", "unknown recipient type");
            }
            if target(&body).is_empty() {
                return invalid("details", "missing the recipient's target");
            }
            if objects(s, &coll)
                .iter()
                .any(|r| r["type"] == kind && target(r) == target(&body))
            {
                return conflict();
            }
            let id = s.v1_id();
            let r = json!({"id": id, "type": kind, "details": body["details"], "created_at": NOW, "updated_at": NOW});
            s.v1.entry(coll).or_default().push(r.clone());
            Reply::json(201, r)
        }
        ("PUT", [id]) => {
            let Some(r) =
                s.v1.entry(coll)
                    .or_default()
                    .iter_mut()
                    .find(|r| r["id"] == *id)
            else {
                return not_found("Recipient");
            };
            if r["type"] != body["type"] {
                return invalid("type", "a recipient's type cannot change");
            }
            r["details"] = body["details"].clone();
            r["updated_at"] = json!(NOW);
            Reply::json(200, r.clone())
        }
        _ => legacy(404, "not found"),
    }
}

/// A notification recipient as the server keeps it: `{id, type, target}`; one given by type and target is
/// matched to the team's recipients, or created.
fn notification_recipients(s: &mut State, given: &Value) -> Result<Vec<Value>, Reply> {
    let mut out = Vec::new();
    for r in given.as_array().into_iter().flatten() {
        let all = objects(s, "recipients");
        let found = match r["id"].as_str() {
            Some(id) => all.into_iter().find(|x| x["id"] == id),
            None => all.into_iter().find(|x| {
                x["type"] == r["type"] && target(x) == r["target"].as_str().unwrap_or("")
            }),
        };
        let Some(found) = found else {
            return Err(invalid("recipients", "unknown recipient"));
        };
        out.push(json!({"id": found["id"], "type": found["type"], "target": target(&found)}));
    }
    Ok(out)
}

/// The trigger as the server keeps it, from a create or a full update body.
fn trigger(s: &mut State, ds: &str, body: &Value, old: Option<&Value>) -> Result<Value, Reply> {
    let mut t = body.as_object().cloned().unwrap_or_default();
    let freq = t.get("frequency").and_then(Value::as_i64).unwrap_or(900);
    if !(60..=86_400).contains(&freq) || freq % 60 != 0 {
        return Err(invalid(
            "frequency",
            "must be a multiple of 60 between 60 and 86400",
        ));
    }
    t.insert("frequency".into(), json!(freq));
    let th = t.get("threshold").cloned().unwrap_or(Value::Null);
    if !th["op"].is_string() || !th["value"].is_number() {
        return Err(invalid("threshold", "op and value are required"));
    }
    let mut th = th;
    if th["exceeded_limit"].is_null() {
        th["exceeded_limit"] = json!(1);
    }
    t.insert("threshold".into(), th);
    t.entry("alert_type").or_insert(json!("on_change"));
    t.entry("evaluation_schedule_type")
        .or_insert(json!("frequency"));
    let disabled = old.map_or(json!(false), |o| o["disabled"].clone());
    t.entry("disabled").or_insert(disabled);
    t.entry("description").or_insert(json!(""));
    let mut q = t
        .get("query")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let tr = q.get("time_range").and_then(Value::as_i64).unwrap_or(freq);
    if tr < freq || tr > (4 * freq).min(86_400) {
        return Err(invalid(
            "query.time_range",
            "must be between the frequency and 4 times it",
        ));
    }
    q.insert("time_range".into(), json!(tr));
    if q.get("filter_combination") == Some(&json!("AND")) {
        q.remove("filter_combination");
    }
    if let Some(Value::Array(f)) = q.get_mut("filters") {
        f.reverse();
    }
    t.insert("query".into(), Value::Object(q));
    let qid = format!("q{}", s.next());
    t.insert("query_id".into(), json!(qid));
    let recips = notification_recipients(s, &t.get("recipients").cloned().unwrap_or(json!([])))?;
    t.insert("recipients".into(), json!(recips));
    t.insert("dataset_slug".into(), json!(ds));
    t.insert("triggered".into(), json!(false));
    Ok(Value::Object(t))
}

fn slo(s: &State, env: &str, ds: &str, body: &Value) -> Result<Value, Reply> {
    let mut o = body.as_object().cloned().unwrap_or_default();
    let tpm = o
        .get("target_per_million")
        .and_then(Value::as_i64)
        .unwrap_or(-1);
    if !(0..=999_999).contains(&tpm) {
        return Err(invalid(
            "target_per_million",
            "must be between 0 and 999999",
        ));
    }
    let alias = body["sli"]["alias"].as_str().unwrap_or_default();
    let known = [ds, "__all__"].iter().any(|d| {
        objects(s, &format!("derived_columns/{env}/{d}"))
            .iter()
            .any(|c| c["alias"] == alias)
    });
    if !known {
        return Err(invalid("sli.alias", "no calculated field with this alias"));
    }
    o.entry("description").or_insert(json!(""));
    o.entry("dataset_slugs").or_insert(json!([ds]));
    o.insert("reset_at".into(), Value::Null);
    Ok(Value::Object(o))
}

fn burn_alert(s: &mut State, body: &Value) -> Result<Value, Reply> {
    let mut o = body.as_object().cloned().unwrap_or_default();
    o.entry("alert_type").or_insert(json!("exhaustion_time"));
    let recips = body["recipients"].as_array().cloned().unwrap_or_default();
    if recips.is_empty() {
        return Err(invalid("recipients", "at least one recipient is required"));
    }
    let recips = notification_recipients(s, &json!(recips))?;
    o.insert("recipients".into(), json!(recips));
    o.insert("triggered".into(), json!(false));
    o.entry("description").or_insert(json!(""));
    Ok(Value::Object(o))
}

fn create(s: &mut State, kind: &str, env: &str, ds: &str, coll: &str, body: Value) -> Reply {
    let made = match kind {
        "derived_columns" => {
            if !body["alias"].is_string() || !body["expression"].is_string() {
                return invalid("alias", "alias and expression are required");
            }
            if objects(s, coll).iter().any(|c| c["alias"] == body["alias"]) {
                return conflict();
            }
            let mut c = body.clone();
            if c["description"].is_null() {
                c["description"] = json!("");
            }
            Ok(c)
        }
        "triggers" => trigger(s, ds, &body, None),
        "slos" => slo(s, env, ds, &body),
        "burn_alerts" => {
            let slo_id = body["slo"]["id"].as_str().unwrap_or_default();
            if !objects(s, &format!("slos/{env}/{ds}"))
                .iter()
                .any(|o| o["id"] == slo_id)
            {
                return not_found("SLO");
            }
            burn_alert(s, &body)
        }
        "marker_settings" => match (body["type"].as_str(), body["color"].as_str()) {
            (Some(_), Some(_)) => Ok(body.clone()),
            _ => Err(invalid("type", "type and color are required")),
        },
        _ => return legacy(404, "not found"),
    };
    let mut made = match made {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    let id = s.v1_id();
    made["id"] = json!(id);
    made["created_at"] = json!(NOW);
    made["updated_at"] = json!(NOW);
    s.v1.entry(coll.to_string()).or_default().push(made.clone());
    Reply::json(201, made)
}

fn update(
    s: &mut State,
    kind: &str,
    env: &str,
    ds: &str,
    coll: &str,
    id: &str,
    body: Value,
) -> Reply {
    let Some(old) = objects(s, coll).into_iter().find(|o| o["id"] == id) else {
        return not_found("Resource");
    };
    let made = match kind {
        "derived_columns" => {
            let mut c = body.clone();
            if c["description"].is_null() {
                c["description"] = json!("");
            }
            Ok(c)
        }
        "triggers" => trigger(s, ds, &body, Some(&old)),
        "slos" => slo(s, env, ds, &body),
        "burn_alerts" => burn_alert(s, &body).map(|mut b| {
            b["slo"] = old["slo"].clone();
            b
        }),
        "marker_settings" => {
            if old["type"] != body["type"] {
                return invalid("type", "a marker setting's type may not be changed");
            }
            Ok(body.clone())
        }
        _ => return legacy(404, "not found"),
    };
    let mut made = match made {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    made["id"] = json!(id);
    made["created_at"] = old["created_at"].clone();
    made["updated_at"] = json!("2026-12-01T11:00:00Z");
    let all = s.v1.entry(coll.to_string()).or_default();
    if let Some(o) = all.iter_mut().find(|o| o["id"] == id) {
        *o = made.clone();
    }
    Reply::json(200, made)
}
