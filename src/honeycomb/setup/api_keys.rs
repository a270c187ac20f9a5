//! `[[honeycomb.api_keys]]`: each key found by name in the environment, created when missing (its secret,
//! which the API returns once, goes to the secrets sink and nowhere else), its permissions updated in place.
//! A key whose value the sink does not hold is a failed row with the fix, never a second key of that name;
//! `--rotate NAME` creates a new key, stores it, then disables the old one (renamed `NAME (rotated DATE)`, so
//! that the name stays unique). Without a management key, doctor checks the stored keys with `GET /1/auth`.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use super::environment::State;
use super::run::ensured;
use crate::context::Context;
use crate::ensure::{Action, Change, Ensured, Outcome};
use crate::error::{Error, Result};
use crate::honeycomb::api::{Answer, Auth, HoneycombApi};
use crate::honeycomb::key::key_kind;
use crate::honeycomb::management::{ApiKey as Key, Environment, ManagementApi, Team};
use crate::honeycomb::permissions;
use crate::manifest::honeycomb::{ApiKey, KeyType};
use crate::secrets::Sink;

pub const KIND: &str = "honeycomb api key";

/// The longest name the API takes.
const MAX_NAME: usize = 100;

/// What setup needs besides the manifest's keys.
pub struct Keys<'a> {
    pub ctx: &'a Context,
    pub mgmt: &'a ManagementApi,
    pub team: &'a Team,
    pub endpoint: &'a str,
    pub sink: &'a Sink,
    pub dry_run: bool,
}

/// Every key of the manifest (the environment's keys listed once, then `--parallelism` at once): its row,
/// and the sink's rows for a value stored.
pub async fn ensure(
    k: &Keys<'_>,
    env: &State,
    wanted: &[ApiKey],
    rotate: &[String],
) -> Vec<Outcome> {
    let env = match env {
        State::Exists(e) => e,
        State::WouldCreate => {
            return wanted
                .iter()
                .map(|w| {
                    let row = ensured(KIND, &w.name, Action::Created, Vec::new(), Value::Null);
                    Outcome::new(KIND, &w.name, Ok(row))
                })
                .collect()
        }
        State::Failed(e) => {
            let e = Error::failed(format!("the environment failed: {}", e.message));
            return wanted
                .iter()
                .map(|w| Outcome::new(KIND, &w.name, Err(e.clone())))
                .collect();
        }
    };
    let all = match k.mgmt.api_keys(k.ctx, k.team).await {
        Ok(all) => all,
        Err(e) => {
            return wanted
                .iter()
                .map(|w| Outcome::new(KIND, &w.name, Err(e.clone())))
                .collect()
        }
    };
    let all = &all;
    let rows = k.ctx.each(wanted, |w| async move {
        let found: Vec<&Key> = all
            .iter()
            .filter(|key| key.environment_id == env.id && key.name == w.name)
            .collect();
        let rotating = rotate.contains(&w.name);
        match (found.as_slice(), rotating) {
            ([], _) => create(k, env, w).await,
            ([old], true) => rotate_key(k, env, w, old).await,
            ([current], false) => {
                let result = existing(k, env, w, current).await;
                vec![Outcome::new(KIND, &w.name, result)]
            }
            (several, _) => {
                let ids: Vec<&str> = several.iter().map(|key| key.id.as_str()).collect();
                let e = Error::failed(format!(
                    "{} keys of environment {} are named `{}` ({}): o11y does not guess which one the app uses",
                    several.len(),
                    env.name,
                    w.name,
                    ids.join(", ")
                ))
                .with_help("delete or rename all but one in Honeycomb (Environment Settings → API Keys), then `o11y setup --rotate NAME` if the sink lacks its value");
                vec![Outcome::new(KIND, &w.name, Err(e))]
            }
        }
    });
    rows.await.into_iter().flatten().collect()
}

/// The attributes of a new key: its type, name and every permission of its kind, on or off.
fn attributes(w: &ApiKey) -> Map<String, Value> {
    let names: Vec<&str> = match w.kind {
        KeyType::Ingest => permissions::INGEST.to_vec(),
        KeyType::Configuration => permissions::CONFIGURATION.iter().map(|p| p.api).collect(),
    };
    let perms: Map<String, Value> = names
        .into_iter()
        .map(|p| (p.to_string(), json!(w.permissions.iter().any(|q| q == p))))
        .collect();
    let mut a = Map::new();
    a.insert("key_type".into(), json!(w.kind.as_str()));
    a.insert("name".into(), json!(w.name));
    a.insert("permissions".into(), Value::Object(perms));
    a
}

fn write_scope(k: &Keys) -> Result<()> {
    match k.team.may("api-keys:write") {
        true => Ok(()),
        false => Err(Error::failed(format!(
            "the management key {} lacks the `api-keys:write` scope",
            k.mgmt.key_id()
        ))
        .with_help(
            "a key's scopes cannot be changed: create a management key with api-keys:write (Team Settings → \
             API Keys → Management)",
        )),
    }
}

/// A new key, its value handed to the sink: the key's row, then one row per sink target.
async fn create(k: &Keys<'_>, env: &Environment, w: &ApiKey) -> Vec<Outcome> {
    if let Err(e) = write_scope(k) {
        return vec![Outcome::new(KIND, &w.name, Err(e))];
    }
    if k.dry_run {
        let body = Value::Object(attributes(w));
        let row = ensured(KIND, &w.name, Action::Created, Vec::new(), body);
        return vec![Outcome::new(KIND, &w.name, Ok(row))];
    }
    match k
        .mgmt
        .create_api_key(k.ctx, k.team, &env.id, attributes(w))
        .await
    {
        Err(e) => vec![Outcome::new(KIND, &w.name, Err(e))],
        Ok((key, secret)) => {
            let row = ensured(KIND, &w.name, Action::Created, Vec::new(), to_value(&key));
            let mut out = vec![Outcome::new(KIND, &w.name, Ok(row))];
            out.extend(k.sink.store(&w.env, &key.usable_value(&secret)).await);
            out
        }
    }
}

/// `--rotate NAME`: a new key, stored; then the old one disabled and renamed. When the new value could not
/// be stored anywhere, the new key is disabled instead and the old one left as it is.
async fn rotate_key(k: &Keys<'_>, env: &Environment, w: &ApiKey, old: &Key) -> Vec<Outcome> {
    if let Err(e) = write_scope(k) {
        return vec![Outcome::new(KIND, &w.name, Err(e))];
    }
    if k.dry_run {
        let changes = vec![Change::new("id", old.id.as_str(), "(a new key)")];
        let row = ensured(KIND, &w.name, Action::Updated, changes, to_value(old));
        return vec![Outcome::new(KIND, &w.name, Ok(row))];
    }
    let (new, secret) = match k
        .mgmt
        .create_api_key(k.ctx, k.team, &env.id, attributes(w))
        .await
    {
        Ok(created) => created,
        Err(e) => return vec![Outcome::new(KIND, &w.name, Err(e))],
    };
    let stored = k.sink.store(&w.env, &new.usable_value(&secret)).await;
    let kept = stored.iter().any(|o| o.result.is_ok());
    let (retired, label) = match kept {
        true => (old, "rotated"),
        false => (&new, "not stored"),
    };
    let mut attrs = Map::new();
    attrs.insert("name".into(), json!(retired_name(&w.name, label, k.ctx)));
    attrs.insert("disabled".into(), json!(true));
    let disabled = k
        .mgmt
        .update_api_key(k.ctx, k.team, &retired.id, attrs)
        .await;
    let row = match (kept, disabled) {
        (true, Ok(_)) => Ok(ensured(
            KIND,
            &w.name,
            Action::Updated,
            vec![Change::new("id", old.id.as_str(), new.id.as_str())],
            to_value(&new),
        )),
        (true, Err(e)) => Err(Error::failed(format!(
            "the new key {} is stored, but the old key {} could not be disabled: {}",
            new.id, old.id, e.message
        ))
        .with_help(format!(
            "disable {} in Honeycomb (Environment Settings → API Keys)",
            old.id
        ))),
        (false, _) => Err(Error::failed(format!(
            "the new key {} could not be stored, so it was disabled; the old key {} is unchanged",
            new.id, old.id
        ))
        .with_help("fix the secrets sink (the rows below), then `o11y setup --rotate NAME` again")),
    };
    let mut out = vec![Outcome::new(KIND, &w.name, row)];
    out.extend(stored);
    out
}

/// `NAME (rotated 2026-12-01)`, within the API's 100 characters.
fn retired_name(name: &str, label: &str, ctx: &Context) -> String {
    let tail = format!(" ({label} {})", ctx.now.format("%Y-%m-%d"));
    let keep = MAX_NAME.saturating_sub(tail.chars().count());
    let head: String = name.chars().take(keep).collect();
    format!("{head}{tail}")
}

/// The fix for a key whose value o11y cannot give the app.
fn rotate_help(name: &str) -> String {
    format!(
        "o11y setup --rotate '{name}' (creates a new key, stores it, then disables the old one)"
    )
}

/// A key that exists: of the manifest's kind, enabled, its value in the sink (checked with `GET /1/auth`),
/// then its permissions, updated in place where the API allows.
async fn existing(k: &Keys<'_>, env: &Environment, w: &ApiKey, key: &Key) -> Result<Ensured> {
    if key.key_type != w.kind.as_str() {
        return Err(Error::failed(format!(
            "key `{}` ({}) is a {} key in Honeycomb, the manifest says {}: the API cannot change a key's type",
            w.name,
            key.id,
            key.key_type,
            w.kind.as_str()
        ))
        .with_help(rotate_help(&w.name)));
    }
    if key.disabled {
        return Err(Error::failed(format!(
            "key `{}` ({}) is disabled in Honeycomb",
            w.name, key.id
        ))
        .with_help(rotate_help(&w.name)));
    }
    held(k, env, w, key).await?;
    let desired: BTreeSet<String> = w.permissions.iter().cloned().collect();
    let granted: BTreeSet<String> = key.granted().into_iter().collect();
    if desired == granted {
        return Ok(ensured(
            KIND,
            &w.name,
            Action::Unchanged,
            Vec::new(),
            to_value(key),
        ));
    }
    let changes = vec![Change::new(
        "permissions",
        granted.iter().cloned().collect::<Vec<_>>(),
        desired.iter().cloned().collect::<Vec<_>>(),
    )];
    let differing: Vec<&String> = desired.symmetric_difference(&granted).collect();
    let fixed = |p: &&&String| {
        w.kind == KeyType::Ingest || permissions::find(p).is_none_or(|perm| !perm.patchable)
    };
    if let Some(p) = differing.iter().find(fixed) {
        return Err(Error::failed(format!(
            "key `{}`: the API cannot change its `{p}` permission in place ({})",
            w.name,
            changes[0].describe()
        ))
        .with_help(rotate_help(&w.name)));
    }
    write_scope(k)?;
    if k.dry_run {
        return Ok(ensured(
            KIND,
            &w.name,
            Action::Updated,
            changes,
            to_value(key),
        ));
    }
    let perms: Map<String, Value> = differing
        .iter()
        .map(|p| (p.to_string(), json!(desired.contains(*p))))
        .collect();
    let mut attrs = Map::new();
    attrs.insert("permissions".into(), Value::Object(perms));
    let updated = k.mgmt.update_api_key(k.ctx, k.team, &key.id, attrs).await?;
    Ok(ensured(
        KIND,
        &w.name,
        Action::Updated,
        changes,
        to_value(&updated),
    ))
}

/// Whether the sink holds this key's value: an ingest value starts with the key's id, and `GET /1/auth`
/// accepts it as a key of the environment (and, when it shows one, with the key's id).
async fn held(k: &Keys<'_>, env: &Environment, w: &ApiKey, key: &Key) -> Result<()> {
    let where_ = k.sink.file_name().unwrap_or("the secrets sink").to_string();
    let not_held = |why: String| {
        Error::failed(format!(
            "key `{}` ({}) exists, but {why}; Honeycomb shows a key's secret only when it is created",
            w.name, key.id
        ))
        .with_help(rotate_help(&w.name))
    };
    let Some(value) = k.sink.get(&w.env) else {
        return Err(not_held(format!("{where_} holds no value for {}", w.env)));
    };
    if w.kind == KeyType::Ingest && !value.starts_with(&key.id) {
        let shown = key_kind(&value).shown(&value);
        return Err(not_held(format!(
            "{} in {where_} is another key ({shown})",
            w.env
        )));
    }
    let auth = authenticate(k.ctx, k.endpoint, &value).await?;
    let a = match auth {
        Some(a) => a,
        None => {
            return Err(not_held(format!(
                "Honeycomb does not accept the value of {} in {where_} ({})",
                w.env,
                key_kind(&value).shown(&value)
            )))
        }
    };
    if a.environment.slug != env.slug {
        return Err(not_held(format!(
            "{} in {where_} is a key of environment `{}`",
            w.env, a.environment.name
        )));
    }
    match &a.id {
        Some(id) if id.starts_with("hc") && *id != key.id => {
            Err(not_held(format!("{} in {where_} is the key {id}", w.env)))
        }
        _ => Ok(()),
    }
}

/// `GET /1/auth` with a key's value: its answer, or `None` when Honeycomb does not accept it (401).
pub async fn authenticate(ctx: &Context, endpoint: &str, value: &str) -> Result<Option<Auth>> {
    let api = HoneycombApi::new(endpoint, value, key_kind(value));
    match api.auth_answer(ctx).await? {
        Answer::Ok(a) => Ok(Some(a)),
        Answer::Status(..) => Ok(None),
    }
}

/// Without a management key (doctor): each stored key accepted by `GET /1/auth` as a key of the
/// environment, of the manifest's kind, with the permissions `/1/auth` can show matching the manifest's.
/// The environment's row is ok when one of them shows it.
pub async fn stored(
    ctx: &Context,
    endpoint: &str,
    environment: &str,
    wanted: &[ApiKey],
    sink: &Sink,
) -> (Option<Auth>, Vec<Outcome>) {
    let results = ctx
        .each(wanted, |w| async move {
            (w, stored_one(ctx, endpoint, environment, w, sink).await)
        })
        .await;
    let mut seen = None;
    let mut out = Vec::new();
    for (w, result) in results {
        if let Ok((a, _)) = &result {
            seen.get_or_insert_with(|| a.clone());
        }
        out.push(Outcome::new(KIND, &w.name, result.map(|(_, e)| e)));
    }
    (seen, out)
}

async fn stored_one(
    ctx: &Context,
    endpoint: &str,
    environment: &str,
    w: &ApiKey,
    sink: &Sink,
) -> Result<(Auth, Ensured)> {
    let where_ = sink.file_name().unwrap_or("the secrets sink");
    let Some(value) = sink.get(&w.env).or_else(|| ctx.env.var(&w.env)) else {
        return Err(
            Error::failed(format!("{where_} holds no value for {}", w.env)).with_help(format!(
                "o11y setup (or {} if the key exists)",
                rotate_help(&w.name)
            )),
        );
    };
    let shown = key_kind(&value).shown(&value);
    let Some(a) = authenticate(ctx, endpoint, &value).await? else {
        return Err(
            Error::failed(format!("Honeycomb does not accept {} ({shown})", w.env))
                .with_help(rotate_help(&w.name)),
        );
    };
    if a.environment.name != environment {
        return Err(Error::failed(format!(
            "{} ({shown}) is a key of environment `{}`, not `{environment}`",
            w.env, a.environment.name
        ))
        .with_help("o11y setup"));
    }
    let kind = a.key_type.as_deref().unwrap_or(w.kind.as_str());
    if kind != w.kind.as_str() {
        return Err(Error::failed(format!(
            "{} ({shown}) is a {kind} key, the manifest says {}",
            w.env,
            w.kind.as_str()
        ))
        .with_help(rotate_help(&w.name)));
    }
    if w.kind == KeyType::Configuration {
        let differ: Vec<String> = permissions::CONFIGURATION
            .iter()
            .filter_map(|p| {
                let flag = p.auth_flag?;
                let has = a.api_key_access.0.iter().find(|(k, _)| k == flag)?.1;
                let wants = w.permissions.iter().any(|q| q == p.api);
                (has != wants).then(|| match wants {
                    true => format!("lacks {}", p.api),
                    false => format!("also has {}", p.api),
                })
            })
            .collect();
        if !differ.is_empty() {
            return Err(Error::failed(format!(
                "{} ({shown}) {}, unlike the manifest",
                w.env,
                differ.join(", ")
            ))
            .with_help("o11y setup"));
        }
    }
    let resource = json!({"id": a.id, "environment": a.environment.name, "key": shown});
    let row = ensured(KIND, &w.name, Action::Unchanged, Vec::new(), resource);
    Ok((a, row))
}

fn to_value(k: &Key) -> Value {
    serde_json::to_value(k).unwrap_or_default()
}
