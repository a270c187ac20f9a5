//! `[[honeycomb.triggers]]`: found by name in their dataset, created when missing, updated in place (`PUT`,
//! the whole trigger with its inline query). Compared after what the server fills in: `frequency` 900,
//! `alert_type` on_change, `threshold.exceeded_limit` 1, the query's `time_range` (the frequency), a dropped
//! `filter_combination: "AND"`, filters in any order, recipients by their ids (shown by target).

use serde_json::{json, Map, Value};

use super::compare::{self, field, names, set_field};
use super::run::{scoped, strip_nulls, Desired, Run};
use crate::ensure::{Change, Ensured, Outcome};
use crate::error::Result;
use crate::honeycomb::api::segment;
use crate::manifest::honeycomb::Trigger;

pub const KIND: &str = "honeycomb trigger";
const PERM: &str = "manage_triggers";

pub fn name(t: &Trigger) -> String {
    scoped(&t.dataset, &t.name)
}

/// Every trigger, `--parallelism` at once (after the datasets, recipients and calculated fields it may use).
pub async fn ensure(run: &Run<'_>, wanted: &[Trigger]) -> Vec<Outcome> {
    run.ctx
        .each(wanted, |w| async move {
            let result = run
                .in_dataset(
                    KIND,
                    &name(w),
                    &w.dataset,
                    body(w, &[]),
                    |slug| async move { one(run, w, &slug).await },
                )
                .await;
            Outcome::new(KIND, name(w), result)
        })
        .await
}

/// The query as it is sent: the manifest's, with `time_range` (the frequency when it names none).
fn query(w: &Trigger) -> Value {
    let mut q: Map<String, Value> = w.query.clone();
    q.entry("time_range").or_insert(json!(w.frequency()));
    Value::Object(q)
}

fn body(w: &Trigger, recipient_ids: &[String]) -> Value {
    strip_nulls(json!({
        "name": w.name,
        "description": w.description,
        "query": query(w),
        "frequency": w.frequency(),
        "threshold": {
            "op": w.threshold.op.as_str(),
            "value": w.threshold.value,
            "exceeded_limit": w.threshold.exceeded_limit.unwrap_or(1),
        },
        "alert_type": w.alert_type.map_or("on_change", |a| a.as_str()),
        "disabled": w.disabled,
        "recipients": recipient_ids.iter().map(|id| json!({"id": id})).collect::<Vec<_>>(),
    }))
}

async fn one(run: &Run<'_>, w: &Trigger, slug: &str) -> Result<Ensured> {
    let ids = run.recipient_ids(&w.recipients)?;
    let d = Desired::new(
        KIND,
        name(w),
        PERM,
        format!("/1/triggers/{}", segment(slug)),
        body(w, ids.as_deref().unwrap_or_default()),
    );
    let all = run.list(&d, &d.collection).await?;
    let current = run.one(&d, all.iter().filter(|v| v["name"] == w.name).collect())?;
    let Some(cur) = current else {
        return run.write(&d, None, Vec::new(), Value::Null).await;
    };
    let want = &d.body;
    let freq = w.frequency();
    let have_freq = cur["frequency"]
        .as_i64()
        .unwrap_or(crate::manifest::honeycomb::DEFAULT_FREQUENCY);
    let mut changes: Vec<Change> = [
        set_field("description", &cur["description"], &want["description"]),
        field("frequency", &json!(have_freq), &want["frequency"]),
        field(
            "threshold.op",
            &cur["threshold"]["op"],
            &want["threshold"]["op"],
        ),
        field(
            "threshold.value",
            &cur["threshold"]["value"],
            &want["threshold"]["value"],
        ),
        field(
            "threshold.exceeded_limit",
            &or(&cur["threshold"]["exceeded_limit"], json!(1)),
            &want["threshold"]["exceeded_limit"],
        ),
        field(
            "alert_type",
            &or(&cur["alert_type"], json!("on_change")),
            &want["alert_type"],
        ),
        set_field(
            "disabled",
            &or(&cur["disabled"], json!(false)),
            &want["disabled"],
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    let have_q = compare::query(&cur["query"], have_freq);
    let want_q = compare::query(&want["query"], freq);
    changes.extend(compare::query_changes(&have_q, &want_q));
    changes.extend(names(
        "recipients",
        &run.recipient_names(&cur["recipients"]),
        &w.recipients,
    ));
    let mut update = want.clone();
    if want["description"].is_null() && cur["description"].is_string() {
        update["description"] = cur["description"].clone();
    }
    run.write(&d, Some(cur), changes, update).await
}

/// `v`, or `default` when the server leaves it out.
fn or(v: &Value, default: Value) -> Value {
    match v {
        Value::Null => default,
        other => other.clone(),
    }
}
