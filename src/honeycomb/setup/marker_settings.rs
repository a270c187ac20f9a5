//! `[[honeycomb.marker_settings]]`: the colour of a marker type, found by type in its dataset (or
//! `__all__`), created when missing, its colour updated in place (hexadecimal colours compared without
//! regard to case).

use serde_json::{json, Value};

use super::run::{scoped, Desired, Run};
use crate::ensure::{Change, Ensured, Outcome};
use crate::error::Result;
use crate::honeycomb::api::segment;
use crate::manifest::honeycomb::MarkerSetting;

pub const KIND: &str = "honeycomb marker setting";
const PERM: &str = "manage_markers";

pub fn name(m: &MarkerSetting) -> String {
    scoped(&m.dataset, &m.marker_type)
}

/// Every marker setting, `--parallelism` at once (after the datasets; nothing depends on them).
pub async fn ensure(run: &Run<'_>, wanted: &[MarkerSetting]) -> Vec<Outcome> {
    run.ctx
        .each(wanted, |w| async move {
            let body = json!({"type": w.marker_type, "color": w.color});
            let result = run
                .in_dataset(
                    KIND,
                    &name(w),
                    &w.dataset,
                    body.clone(),
                    |slug| async move { one(run, w, &slug, body).await },
                )
                .await;
            Outcome::new(KIND, name(w), result)
        })
        .await
}

async fn one(run: &Run<'_>, w: &MarkerSetting, slug: &str, body: Value) -> Result<Ensured> {
    let d = Desired::new(
        KIND,
        name(w),
        PERM,
        format!("/1/marker_settings/{}", segment(slug)),
        body,
    );
    let all = run.list(&d, &d.collection).await?;
    let current = run.one(
        &d,
        all.iter().filter(|v| v["type"] == w.marker_type).collect(),
    )?;
    let changes = current
        .and_then(|cur| {
            let have = cur["color"].as_str().unwrap_or_default();
            (!have.eq_ignore_ascii_case(&w.color))
                .then(|| Change::new("color", have, w.color.as_str()))
        })
        .into_iter()
        .collect();
    let update = d.body.clone();
    run.write(&d, current, changes, update).await
}
