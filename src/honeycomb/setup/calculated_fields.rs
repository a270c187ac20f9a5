//! `[[honeycomb.calculated_fields]]` (derived columns): found by alias in their dataset (or `__all__`),
//! created when missing, `expression` and `description` updated in place. Before the SLOs, whose SLI is one.

use serde_json::{json, Value};

use super::compare::{field, set_field};
use super::run::{dep_of, lock, scoped, strip_nulls, Desired, Run};
use crate::ensure::Outcome;
use crate::honeycomb::api::segment;
use crate::manifest::honeycomb::CalculatedField;

pub const KIND: &str = "honeycomb calculated field";
const PERM: &str = "manage_columns";

pub fn name(f: &CalculatedField) -> String {
    scoped(&f.dataset, &f.alias)
}

/// Every calculated field, `--parallelism` at once; each one's id is kept for the SLOs.
pub async fn ensure(run: &Run<'_>, wanted: &[CalculatedField]) -> Vec<Outcome> {
    run.ctx
        .each(wanted, |w| async move {
            let body =
                json!({"alias": w.alias, "expression": w.expression, "description": w.description});
            let body = strip_nulls(body);
            let result = run
                .in_dataset(
                    KIND,
                    &name(w),
                    &w.dataset,
                    body.clone(),
                    |slug| async move {
                        let collection = format!("/1/derived_columns/{}", segment(&slug));
                        let d = Desired::new(KIND, name(w), PERM, collection, body);
                        one(run, &d, w).await
                    },
                )
                .await;
            lock(&run.fields).insert(name(w), dep_of(&result, run.dry_run, "id"));
            Outcome::new(KIND, name(w), result)
        })
        .await
}

async fn one(
    run: &Run<'_>,
    d: &Desired,
    w: &CalculatedField,
) -> crate::error::Result<crate::ensure::Ensured> {
    let all = run.list(d, &d.collection).await?;
    let current = run.one(d, all.iter().filter(|v| v["alias"] == w.alias).collect())?;
    let changes = current
        .map(|cur| {
            [
                field("expression", &cur["expression"], &d.body["expression"]),
                set_field("description", &cur["description"], &d.body["description"]),
            ]
            .into_iter()
            .flatten()
            .collect()
        })
        .unwrap_or_default();
    let update = current
        .map(|cur| {
            json!({
                "alias": w.alias,
                "expression": w.expression,
                "description": w.description.clone().map(Value::from).unwrap_or_else(|| cur["description"].clone()),
            })
        })
        .unwrap_or_default();
    run.write(d, current, changes, update).await
}
