//! `[[honeycomb.recipients]]`: team-wide (the Recipients API is not per environment), found by type and
//! target (the address, channel, or integration's or webhook's name) in `GET /1/recipients`, created when
//! missing, their details updated in place (`PUT` replaces the whole recipient, so details the manifest leaves
//! out are sent as the server has them). Every recipient of the team is known by its target here, so that
//! triggers and burn alerts may also name one made in the UI (a Slack channel, whose OAuth flow only the UI
//! does).

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::compare::same;
use super::run::{dep_of, id_of, lock, Dep, Desired, Run};
use crate::ensure::{Change, Ensured, Outcome};
use crate::error::{Error, Result};
use crate::manifest::honeycomb::Recipient;

pub const KIND: &str = "honeycomb recipient";
const PERM: &str = "manage_recipients";
const COLLECTION: &str = "/1/recipients";

/// Detail fields whose values are never shown (the manifest may give them as `${NAME}`).
const SECRET_DETAILS: [&str; 3] = [
    "pagerduty_integration_key",
    "webhook_secret",
    "webhook_headers",
];

pub fn name(r: &Recipient) -> String {
    format!("{} {}", r.kind, r.target())
}

/// The manifest's recipients; `referenced`: whether a trigger or burn alert names one (then the team's
/// recipients are read even when the manifest declares none). Listed once, then `--parallelism` at once.
pub async fn ensure(run: &Run<'_>, wanted: &[Recipient], referenced: bool) -> Vec<Outcome> {
    if wanted.is_empty() && !referenced {
        return Vec::new();
    }
    let lister = Desired::new(
        KIND,
        "recipients".into(),
        PERM,
        COLLECTION.into(),
        Value::Null,
    );
    let all = match run.list(&lister, COLLECTION).await {
        Ok(all) => all,
        Err(e) => {
            *lock(&run.recipients_error) = Some(e.message.clone());
            return wanted
                .iter()
                .map(|w| Outcome::new(KIND, name(w), Err(e.clone())))
                .collect();
        }
    };
    index(run, &all);
    let all = &all;
    run.ctx
        .each(wanted, |w| async move {
            let result = one(run, w, all).await;
            let dep = dep_of(&result, run.dry_run, "id");
            if let Dep::Ready(id) = &dep {
                lock(&run.recipient_targets).insert(id.clone(), w.target());
            }
            lock(&run.recipients).insert(w.target(), dep);
            Outcome::new(KIND, name(w), result)
        })
        .await
}

/// Every recipient of the team by its target; a target that two recipients share is known by neither.
fn index(run: &Run<'_>, all: &[Value]) {
    let mut by_target: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for v in all {
        let t = target_of(v);
        if t.is_empty() {
            continue;
        }
        lock(&run.recipient_targets).insert(id_of(v), t.clone());
        by_target.entry(t).or_default().push(id_of(v));
    }
    let mut known = lock(&run.recipients);
    for (t, ids) in by_target {
        let dep = match ids.as_slice() {
            [id] => Dep::Ready(id.clone()),
            _ => Dep::Failed(format!(
                "{} recipients are known by `{t}` ({}): o11y does not guess which one is meant",
                ids.len(),
                ids.join(", ")
            )),
        };
        known.insert(t, dep);
    }
}

/// A server recipient's target: the detail its type is known by.
fn target_of(v: &Value) -> String {
    let kind = v["type"].as_str().unwrap_or_default();
    Recipient::target_field(kind)
        .and_then(|f| v["details"][f].as_str())
        .unwrap_or_default()
        .to_string()
}

async fn one(run: &Run<'_>, w: &Recipient, all: &[Value]) -> Result<Ensured> {
    let details = resolve(run, w)?;
    let d = Desired::new(
        KIND,
        name(w),
        PERM,
        COLLECTION.into(),
        json!({"type": w.kind, "details": details}),
    );
    let current = run.one(
        &d,
        all.iter()
            .filter(|v| v["type"] == w.kind && target_of(v) == w.target())
            .collect(),
    )?;
    let Some(cur) = current else {
        return run.write(&d, None, Vec::new(), Value::Null).await;
    };
    let changes: Vec<Change> = details
        .iter()
        .filter_map(|(k, want)| {
            let have = &cur["details"][k.as_str()];
            let secret = SECRET_DETAILS.contains(&k.as_str());
            // A secret the server does not show cannot be compared.
            if same(have, want) || (secret && have.is_null()) {
                return None;
            }
            let field = format!("details.{k}");
            Some(match secret {
                true => Change::new(&field, "(secret)", "(another secret)"),
                false => Change::new(&field, have.clone(), want.clone()),
            })
        })
        .collect();
    let mut merged = cur["details"].as_object().cloned().unwrap_or_default();
    merged.extend(details);
    let update = json!({"type": w.kind, "details": merged});
    run.write(&d, Some(cur), changes, update).await
}

/// The details with each `${NAME}` replaced by the run's variable NAME.
fn resolve(run: &Run<'_>, w: &Recipient) -> Result<Map<String, Value>> {
    let mut out = Map::new();
    for (k, v) in &w.details {
        let value = match v
            .as_str()
            .and_then(crate::manifest::honeycomb::variable_reference)
        {
            None => v.clone(),
            Some(var) => match run.ctx.env.var(var) {
                Some(s) => Value::String(s),
                None => {
                    return Err(Error::failed(format!(
                        "details.{k} names the variable {var}, which is not set"
                    ))
                    .with_help(format!(
                        "export {var}=<value> (or put it in the secrets file)"
                    )))
                }
            },
        };
        out.insert(k.clone(), value);
    }
    Ok(out)
}
