//! `[[honeycomb.slos]]` (Pro and Enterprise plans): found by name in their dataset, created when missing,
//! updated in place (`PUT`, the whole SLO). The server fills `dataset_slugs` with the path's dataset; the
//! SLI is the alias of a calculated field, ensured before. A refusal for the plan is said as such.

use serde_json::{json, Value};

use super::compare::{field, set_field};
use super::run::{blocked, dep_of, lock, scoped, strip_nulls, Dep, Desired, Run};
use crate::ensure::{Ensured, Outcome};
use crate::error::Result;
use crate::honeycomb::api::segment;
use crate::manifest::honeycomb::{Slo, ALL_DATASETS};

pub const KIND: &str = "honeycomb slo";
pub const PERM: &str = "manage_slos";

pub fn name(s: &Slo) -> String {
    scoped(&s.dataset, &s.name)
}

/// Every SLO, `--parallelism` at once (after the calculated fields); each one's id is kept for the burn alerts.
pub async fn ensure(run: &Run<'_>, wanted: &[Slo]) -> Vec<Outcome> {
    run.ctx
        .each(wanted, |w| async move {
            let result = run
                .in_dataset(KIND, &name(w), &w.dataset, body(w), |slug| async move {
                    match sli_dep(run, w) {
                        Some(failed @ Dep::Failed(_)) => blocked(
                            KIND,
                            &name(w),
                            &failed,
                            &format!("its SLI, calculated field `{}`", w.sli),
                            body(w),
                        ),
                        _ => one(run, w, &slug).await,
                    }
                })
                .await;
            let slug = match run.dataset(&w.dataset) {
                Dep::Ready(s) => s,
                _ => w.dataset.clone(),
            };
            let dep = dep_of(&result, run.dry_run, "id");
            lock(&run.slos).insert(w.name.clone(), (slug, dep));
            Outcome::new(KIND, name(w), result)
        })
        .await
}

/// The SLI's calculated field, when the manifest declares it (in the SLO's dataset, or environment-wide).
fn sli_dep(run: &Run<'_>, w: &Slo) -> Option<Dep> {
    let fields = lock(&run.fields);
    fields
        .get(&scoped(&w.dataset, &w.sli))
        .or_else(|| fields.get(&scoped(ALL_DATASETS, &w.sli)))
        .cloned()
}

fn body(w: &Slo) -> Value {
    strip_nulls(json!({
        "name": w.name,
        "description": w.description,
        "sli": {"alias": w.sli},
        "time_period_days": w.time_period_days,
        "target_per_million": w.target_per_million,
        "dataset_slugs": w.dataset_slugs,
    }))
}

async fn one(run: &Run<'_>, w: &Slo, slug: &str) -> Result<Ensured> {
    let d = Desired::new(
        KIND,
        name(w),
        PERM,
        format!("/1/slos/{}", segment(slug)),
        body(w),
    );
    let all = run.list(&d, &d.collection).await?;
    let current = run.one(&d, all.iter().filter(|v| v["name"] == w.name).collect())?;
    let Some(cur) = current else {
        return run.write(&d, None, Vec::new(), Value::Null).await;
    };
    let want = &d.body;
    let sorted = |v: &Value| {
        let mut a: Vec<String> = v
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect();
        a.sort();
        json!(a)
    };
    let changes = [
        set_field("description", &cur["description"], &want["description"]),
        field("sli.alias", &cur["sli"]["alias"], &want["sli"]["alias"]),
        field(
            "time_period_days",
            &cur["time_period_days"],
            &want["time_period_days"],
        ),
        field(
            "target_per_million",
            &cur["target_per_million"],
            &want["target_per_million"],
        ),
        match want["dataset_slugs"].is_null() {
            true => None,
            false => field(
                "dataset_slugs",
                &sorted(&cur["dataset_slugs"]),
                &sorted(&want["dataset_slugs"]),
            ),
        },
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut update = want.clone();
    for k in ["description", "dataset_slugs"] {
        if want[k].is_null() && !cur[k].is_null() {
            update[k] = cur[k].clone();
        }
    }
    run.write(&d, Some(cur), changes, update).await
}
