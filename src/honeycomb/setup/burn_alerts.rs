//! `[[honeycomb.burn_alerts]]` of an SLO (Pro and Enterprise plans). A burn alert has no name: it is known by
//! its SLO and type (and, when the manifest gives one SLO several of a type, by its numbers). Listed with
//! `GET /1/burn_alerts/{dataset}?slo_id=` (the only way the API lists them), read one by one for their
//! recipients (the list leaves them out), created when missing, updated in place (`PUT`).

use serde_json::{json, Value};

use super::compare::{field, names, set_field};
use super::run::{blocked, lock, strip_nulls, Dep, Desired, Run};
use super::slos::PERM;
use crate::ensure::{Ensured, Outcome};
use crate::error::Result;
use crate::honeycomb::api::{segment, Answer};
use crate::manifest::honeycomb::{BurnAlert, BurnAlertType};

pub const KIND: &str = "honeycomb burn alert";

pub fn name(b: &BurnAlert) -> String {
    b.label()
}

/// Every burn alert, `--parallelism` at once (after the SLOs and recipients).
pub async fn ensure(run: &Run<'_>, wanted: &[BurnAlert]) -> Vec<Outcome> {
    run.ctx
        .each(wanted, |w| async move {
            let slo = lock(&run.slos).get(&w.slo).cloned();
            let result = match slo {
                Some((slug, Dep::Ready(id))) => one(run, w, wanted, &slug, &id).await,
                Some((_, dep)) => blocked(
                    KIND,
                    &name(w),
                    &dep,
                    &format!("SLO `{}`", w.slo),
                    body(w, "", &[]),
                ),
                None => blocked(
                    KIND,
                    &name(w),
                    &Dep::Failed("it is not in the manifest".into()),
                    &format!("SLO `{}`", w.slo),
                    Value::Null,
                ),
            };
            Outcome::new(KIND, name(w), result)
        })
        .await
}

/// The numbers of its type, as the API names them.
fn numbers(w: &BurnAlert) -> Value {
    match w.alert_type {
        BurnAlertType::ExhaustionTime => json!({"exhaustion_minutes": w.exhaustion_minutes}),
        BurnAlertType::BudgetRate => json!({
            "budget_rate_window_minutes": w.budget_rate_window_minutes,
            "budget_rate_decrease_threshold_per_million": w.budget_rate_decrease_threshold_per_million,
        }),
    }
}

/// The body of an update (no `slo`: the update schema has none); with `slo_id`, of a create.
fn body(w: &BurnAlert, slo_id: &str, recipient_ids: &[String]) -> Value {
    let mut b = json!({
        "alert_type": w.alert_type.as_str(),
        "description": w.description,
        "recipients": recipient_ids.iter().map(|id| json!({"id": id})).collect::<Vec<_>>(),
    });
    for (k, v) in numbers(w).as_object().into_iter().flatten() {
        b[k] = v.clone();
    }
    if !slo_id.is_empty() {
        b["slo"] = json!({"id": slo_id});
    }
    strip_nulls(b)
}

/// Whether a server burn alert has `w`'s numbers.
fn same_numbers(v: &Value, w: &BurnAlert) -> bool {
    numbers(w)
        .as_object()
        .into_iter()
        .flatten()
        .all(|(k, n)| super::compare::same(&v[k.as_str()], n))
}

async fn one(
    run: &Run<'_>,
    w: &BurnAlert,
    wanted: &[BurnAlert],
    slug: &str,
    slo_id: &str,
) -> Result<Ensured> {
    let ids = run.recipient_ids(&w.recipients)?;
    let ids = ids.unwrap_or_default();
    let d = Desired::new(
        KIND,
        name(w),
        PERM,
        format!("/1/burn_alerts/{}", segment(slug)),
        body(w, slo_id, &ids),
    );
    let path = format!("{}?slo_id={}", d.collection, segment(slo_id));
    let all = run.list(&d, &path).await?;
    let type_of = |v: &Value| {
        v["alert_type"]
            .as_str()
            .unwrap_or("exhaustion_time")
            .to_string()
    };
    let same_type: Vec<&Value> = all
        .iter()
        .filter(|v| type_of(v) == w.alert_type.as_str())
        .collect();
    let siblings = wanted
        .iter()
        .filter(|o| o.slo == w.slo && o.alert_type == w.alert_type)
        .count();
    let exact: Vec<&Value> = same_type
        .iter()
        .copied()
        .filter(|v| same_numbers(v, w))
        .collect();
    let candidates = match (siblings, same_type.len(), exact.len()) {
        (1, 0 | 1, _) => same_type,
        (1, _, 1) => exact,
        (1, _, _) => same_type,
        _ => exact,
    };
    let Some(listed) = run.one(&d, candidates)? else {
        return run.write(&d, None, Vec::new(), Value::Null).await;
    };
    let one_path = format!("{}/{}", d.collection, segment(&super::run::id_of(listed)));
    let cur = match run.api.read(run.ctx, &one_path).await? {
        Answer::Ok(v) => v,
        Answer::Status(code, text) => return Err(run.explain(&d, code, &text, "read")),
    };
    let want = body(w, "", &ids);
    let mut changes: Vec<_> = numbers(w)
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(k, n)| field(k, &cur[k.as_str()], n))
        .collect();
    changes.extend(set_field(
        "description",
        &cur["description"],
        &want["description"],
    ));
    changes.extend(names(
        "recipients",
        &run.recipient_names(&cur["recipients"]),
        &w.recipients,
    ));
    let mut update = want;
    if update["description"].is_null() && cur["description"].is_string() {
        update["description"] = cur["description"].clone();
    }
    run.write(&d, Some(&cur), changes, update).await
}
