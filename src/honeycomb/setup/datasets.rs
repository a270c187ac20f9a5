//! `[[honeycomb.datasets]]`: found by name in `GET /1/datasets`, created when missing, `description` and
//! `expand_json_depth` updated in place (`PUT /1/datasets/{slug}` takes both, so the one the manifest leaves
//! out is sent as it is). The list also gives the slugs the other resources' paths use.

use serde_json::{json, Map, Value};

use super::compare::set_field;
use super::run::{dep_of, lock, Desired, Run};
use crate::ensure::Outcome;
use crate::honeycomb::api::Answer;
use crate::manifest::honeycomb::Dataset;

pub const KIND: &str = "honeycomb dataset";
const PERM: &str = "create_datasets";

pub fn name(d: &Dataset) -> String {
    d.name.clone()
}

/// Every dataset of the manifest (the list read once, then `--parallelism` at once); the server's list is kept
/// for the others (when the key may read it).
pub async fn ensure(run: &mut Run<'_>, wanted: &[Dataset]) -> Vec<Outcome> {
    let listed = match run.lacks(PERM) {
        true => None,
        false => Some(run.api.list(run.ctx, "/1/datasets").await),
    };
    let server: Result<Vec<Value>, crate::error::Error> = match listed {
        None => Err(super::run::missing_permission(PERM, &run.environment, None)),
        Some(Ok(Answer::Ok(all))) => Ok(all),
        Some(Ok(Answer::Status(code, text))) => {
            let d = desired(&Dataset {
                name: "datasets".into(),
                description: None,
                expand_json_depth: None,
            });
            Err(run.explain(&d, code, &text, "list"))
        }
        Some(Err(e)) => Err(e),
    };
    if let Ok(all) = &server {
        run.server_datasets = Some(
            all.iter()
                .map(|v| (text(&v["name"]), text(&v["slug"])))
                .collect(),
        );
    }
    let run: &Run = run;
    let server = &server;
    run.ctx
        .each(wanted, |w| async move {
            let d = desired(w);
            let result = match server {
                Err(e) => Err(e.clone()),
                Ok(all) => {
                    match run.one(&d, all.iter().filter(|v| v["name"] == w.name).collect()) {
                        Err(e) => Err(e),
                        Ok(current) => {
                            let changes = current
                                .map(|cur| {
                                    [
                                        set_field(
                                            "description",
                                            &cur["description"],
                                            &d.body["description"],
                                        ),
                                        set_field(
                                            "expand_json_depth",
                                            &cur["expand_json_depth"],
                                            &d.body["expand_json_depth"],
                                        ),
                                    ]
                                    .into_iter()
                                    .flatten()
                                    .collect()
                                })
                                .unwrap_or_default();
                            let update = current.map(|cur| update_body(cur, w)).unwrap_or_default();
                            run.write(&d, current, changes, update).await
                        }
                    }
                }
            };
            lock(&run.datasets).insert(w.name.clone(), dep_of(&result, run.dry_run, "slug"));
            Outcome::new(KIND, name(w), result)
        })
        .await
}

fn desired(w: &Dataset) -> Desired {
    let mut body = Map::new();
    body.insert("name".into(), json!(w.name));
    if let Some(d) = &w.description {
        body.insert("description".into(), json!(d));
    }
    if let Some(n) = w.expand_json_depth {
        body.insert("expand_json_depth".into(), json!(n));
    }
    let mut d = Desired::new(
        KIND,
        name(w),
        PERM,
        "/1/datasets".into(),
        Value::Object(body),
    );
    d.update_key = "slug";
    d
}

/// Both fields the update requires: the manifest's, else the server's; its delete protection kept.
fn update_body(cur: &Value, w: &Dataset) -> Value {
    let mut body = json!({
        "description": w.description.clone().map(Value::from).unwrap_or_else(|| cur["description"].clone()),
        "expand_json_depth": w.expand_json_depth.map(Value::from).unwrap_or_else(|| cur["expand_json_depth"].clone()),
    });
    if cur["settings"].is_object() {
        body["settings"] = cur["settings"].clone();
    }
    body
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}
