//! What the v1 resource files of setup share: the configuration key's client and what `GET /1/auth` says it
//! may do, the dry-run switch, what earlier resources became (a dataset's slug, a recipient's id, an SLO's
//! id, or that it failed), and the one way an object is read, matched by name, created or updated.
//!
//! The items of a kind are ensured at the same time (`Context::each`), so what is shared here is behind a
//! `Mutex` held only between awaits, and a list is read once per path even when several items ask for it at
//! once (the first reads, the others wait for its answer).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde_json::Value;

use crate::context::Context;
use crate::ensure::{Action, Change, Ensured};
use crate::error::{Error, Result};
use crate::honeycomb::api::{Answer, HoneycombApi, Permissions};
use crate::honeycomb::permissions;

/// What a resource that others depend on became.
#[derive(Debug, Clone, PartialEq)]
pub enum Dep {
    /// It exists: its slug or id.
    Ready(String),
    /// A dry run would create it: nothing that depends on it can be read yet.
    WouldCreate,
    /// It failed; the text says what (for the rows that depend on it).
    Failed(String),
}

/// The run of the v1 resources: one configuration key of one environment.
pub struct Run<'a> {
    pub ctx: &'a Context,
    pub api: HoneycombApi,
    /// `api_key_access` of `GET /1/auth` for the key.
    pub access: Permissions,
    pub dry_run: bool,
    /// The environment, as people name it (for messages).
    pub environment: String,
    /// Datasets by the manifest's name (or the server's slug).
    pub datasets: Mutex<BTreeMap<String, Dep>>,
    /// The server's datasets (name, slug), when the key may list them.
    pub server_datasets: Option<Vec<(String, String)>>,
    /// Recipients by what the manifest names them by (their target), and each id's target for display.
    pub recipients: Mutex<BTreeMap<String, Dep>>,
    pub recipient_targets: Mutex<BTreeMap<String, String>>,
    /// Why the team's recipients could not be read, when they could not.
    pub recipients_error: Mutex<Option<String>>,
    /// Calculated fields by `dataset/alias`, SLOs by name.
    pub fields: Mutex<BTreeMap<String, Dep>>,
    pub slos: Mutex<BTreeMap<String, (String, Dep)>>,
    /// Lists read (or being read), by path: one read per path, whoever asks first.
    lists: Mutex<BTreeMap<String, Arc<tokio::sync::OnceCell<Vec<Value>>>>>,
}

/// One object as the manifest wants it.
pub struct Desired {
    pub kind: &'static str,
    pub name: String,
    /// The permission its API needs (`manage_triggers`).
    pub perm: &'static str,
    /// Where it is listed and created (`/1/triggers/backend-flask`); updated at `{collection}/{id}`.
    pub collection: String,
    /// The body of a create.
    pub body: Value,
    /// The field of the server's object its update path ends with (`id`; a dataset's `slug`).
    pub update_key: &'static str,
}

impl Desired {
    pub fn new(
        kind: &'static str,
        name: String,
        perm: &'static str,
        collection: String,
        body: Value,
    ) -> Self {
        Desired {
            kind,
            name,
            perm,
            collection,
            body,
            update_key: "id",
        }
    }
}

pub fn ensured(
    kind: &'static str,
    name: &str,
    action: Action,
    changes: Vec<Change>,
    resource: Value,
) -> Ensured {
    Ensured {
        kind,
        name: name.to_string(),
        action,
        changes,
        resource_key: "resource",
        resource,
    }
}

/// `{a}/{b}` for rows and dependency keys.
pub fn scoped(dataset: &str, name: &str) -> String {
    format!("{dataset}/{name}")
}

impl<'a> Run<'a> {
    pub fn new(
        ctx: &'a Context,
        api: HoneycombApi,
        access: Permissions,
        dry_run: bool,
        environment: String,
    ) -> Self {
        Run {
            ctx,
            api,
            access,
            dry_run,
            environment,
            datasets: Mutex::default(),
            server_datasets: None,
            recipients: Mutex::default(),
            recipient_targets: Mutex::default(),
            recipients_error: Mutex::default(),
            fields: Mutex::default(),
            slos: Mutex::default(),
            lists: Mutex::default(),
        }
    }

    /// Whether `/1/auth` shows the key without `perm` (a flag it does not show is not held against it).
    pub fn lacks(&self, perm: &str) -> bool {
        let Some(flag) = permissions::find(perm).and_then(|p| p.auth_flag) else {
            return false;
        };
        self.access.0.iter().any(|(k, on)| k == flag && !*on)
    }

    /// A failed row's error for a key without `perm`, before any call.
    pub fn require(&self, perm: &str) -> Result<()> {
        match self.lacks(perm) {
            false => Ok(()),
            true => Err(missing_permission(perm, &self.environment, None)),
        }
    }

    /// The slug of a dataset the manifest names: one of the manifest's (as it was ensured), or the server's
    /// by name or slug; `__all__` is the environment.
    pub fn dataset(&self, name: &str) -> Dep {
        if name == crate::manifest::honeycomb::ALL_DATASETS {
            return Dep::Ready(name.to_string());
        }
        if let Some(d) = lock(&self.datasets).get(name) {
            return d.clone();
        }
        match &self.server_datasets {
            Some(all) => all
                .iter()
                .find(|(n, s)| n == name || s == name)
                .map(|(_, s)| Dep::Ready(s.clone()))
                .unwrap_or_else(|| {
                    Dep::Failed(format!(
                        "environment {} has no dataset `{name}`",
                        self.environment
                    ))
                }),
            // Not listable with this key: Honeycomb answers 404 for a dataset that does not exist.
            None => Dep::Ready(name.to_string()),
        }
    }

    /// A resource of a dataset: `ensure` with the dataset's slug when it is ready; otherwise the row it gets
    /// with the dataset (`body`: what a dry run would create).
    pub async fn in_dataset<F>(
        &self,
        kind: &'static str,
        name: &str,
        dataset: &str,
        body: Value,
        ensure: impl FnOnce(String) -> F,
    ) -> Result<Ensured>
    where
        F: std::future::Future<Output = Result<Ensured>>,
    {
        match self.dataset(dataset) {
            Dep::Ready(slug) => ensure(slug).await,
            dep => blocked(kind, name, &dep, &format!("dataset `{dataset}`"), body),
        }
    }

    /// The objects at `path` (read once per run, even when several items ask at once), for `d`'s kind. A
    /// failed read is not kept: the next item that asks reads again.
    pub async fn list(&self, d: &Desired, path: &str) -> Result<Vec<Value>> {
        let cell = lock(&self.lists)
            .entry(path.to_string())
            .or_default()
            .clone();
        let items = cell
            .get_or_try_init(|| async {
                self.require(d.perm)?;
                match self.api.list(self.ctx, path).await? {
                    Answer::Ok(items) => Ok(items),
                    Answer::Status(code, text) => Err(self.explain(d, code, &text, "read")),
                }
            })
            .await?;
        Ok(items.clone())
    }

    /// The one object among `candidates` (those with the manifest's name): none, one, or a failure naming the
    /// ids of several (o11y never guesses between them).
    pub fn one<'v>(&self, d: &Desired, candidates: Vec<&'v Value>) -> Result<Option<&'v Value>> {
        match candidates.len() {
            0 => Ok(None),
            1 => Ok(Some(candidates[0])),
            _ => {
                let ids: Vec<String> = candidates.iter().map(|v| id_of(v)).collect();
                Err(Error::failed(format!(
                    "{} objects are named `{}` in Honeycomb ({}): o11y does not guess which one is meant",
                    candidates.len(),
                    d.name,
                    ids.join(", ")
                ))
                .with_help("delete or rename all but one in Honeycomb, then run `o11y setup` again"))
            }
        }
    }

    /// Create `d` when `current` is none; update it with `update` when `changes` is not empty; otherwise leave
    /// it alone. A dry run only says which. The answer of a write is the row's resource.
    pub async fn write(
        &self,
        d: &Desired,
        current: Option<&Value>,
        changes: Vec<Change>,
        update: Value,
    ) -> Result<Ensured> {
        let (action, resource) = match current {
            None if self.dry_run => (Action::Created, d.body.clone()),
            None => {
                self.require(d.perm)?;
                let v = match self.api.create(self.ctx, &d.collection, &d.body).await? {
                    Answer::Ok(v) => v,
                    Answer::Status(code, text) => {
                        return Err(self.explain(d, code, &text, "create"))
                    }
                };
                (Action::Created, v)
            }
            Some(cur) if changes.is_empty() => (Action::Unchanged, cur.clone()),
            Some(cur) if self.dry_run => (Action::Updated, cur.clone()),
            Some(cur) => {
                let id = match d.update_key {
                    "id" => id_of(cur),
                    key => cur[key].as_str().unwrap_or_default().to_string(),
                };
                let path = format!("{}/{}", d.collection, crate::honeycomb::api::segment(&id));
                let v = match self.api.update(self.ctx, &path, &update).await? {
                    Answer::Ok(v) => v,
                    Answer::Status(code, text) => {
                        return Err(self.explain(d, code, &text, "update"))
                    }
                };
                (Action::Updated, v)
            }
        };
        Ok(ensured(d.kind, &d.name, action, changes, resource))
    }

    /// Honeycomb's refusal, explained: a permission the key lacks (naming it), a plan without SLOs, a
    /// dataset that does not exist, a conflict, input it found invalid.
    pub fn explain(&self, d: &Desired, code: u16, text: &str, what: &str) -> Error {
        let said = match text.is_empty() {
            true => format!("HTTP {code}"),
            false => format!("HTTP {code}: {text}"),
        };
        let plan_feature = d.perm == "manage_slos";
        match code {
            403 if plan_feature && self.holds(d.perm) => Error::failed(format!(
                "Honeycomb refused to {what} the {} ({said}): SLOs and burn alerts are part of the Pro and \
                 Enterprise plans",
                d.kind.trim_start_matches("honeycomb ")
            ))
            .with_help(
                "upgrade the team's plan, or remove the [[honeycomb.slos]] and [[honeycomb.burn_alerts]] entries",
            ),
            403 => missing_permission(d.perm, &self.environment, Some(&said)),
            404 => Error::failed(format!(
                "Honeycomb cannot {what} `{}`: not found ({said})",
                d.name
            ))
            .with_help("check the dataset name: `o11y honeycomb datasets` lists them"),
            409 => Error::failed(format!(
                "Honeycomb refused to {what} `{}`: it conflicts with what exists ({said})",
                d.name
            )),
            _ => Error::failed(format!(
                "Honeycomb refused to {what} `{}` ({said})",
                d.name
            ))
            .with_help("the manifest's fields are Honeycomb's own: see its API reference for this resource"),
        }
    }

    /// Whether `/1/auth` shows the key with `perm`.
    fn holds(&self, perm: &str) -> bool {
        let Some(flag) = permissions::find(perm).and_then(|p| p.auth_flag) else {
            return false;
        };
        self.access.0.iter().any(|(k, on)| k == flag && *on)
    }

    /// Recipients' targets for the ids a trigger or burn alert names (an id o11y does not know is shown as the
    /// answer's `target`, else as the id).
    pub fn recipient_names(&self, recipients: &Value) -> Vec<String> {
        let targets = lock(&self.recipient_targets);
        let mut names: Vec<String> = recipients
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                let id = id_of(r);
                targets
                    .get(&id)
                    .cloned()
                    .or_else(|| r["target"].as_str().map(str::to_string))
                    .unwrap_or(id)
            })
            .collect();
        names.sort();
        names
    }

    /// The ids of the recipients the manifest names, in order; a name not yet created (a dry run) or failed
    /// is the error for the dependent row. `Ok(None)`: one would be created first.
    pub fn recipient_ids(&self, names: &[String]) -> Result<Option<Vec<String>>> {
        let all = lock(&self.recipients);
        let mut ids = Vec::new();
        let mut pending = false;
        for n in names {
            match all.get(n) {
                Some(Dep::Ready(id)) => ids.push(id.clone()),
                Some(Dep::WouldCreate) => pending = true,
                Some(Dep::Failed(why)) => {
                    return Err(Error::failed(format!("recipient `{n}` failed: {why}")))
                }
                None if lock(&self.recipients_error).is_some() => {
                    let why = lock(&self.recipients_error).clone().unwrap_or_default();
                    return Err(Error::failed(format!(
                        "recipient `{n}` cannot be looked up: {why}"
                    )));
                }
                None => {
                    return Err(Error::failed(format!(
                        "no recipient is known by `{n}` (an email address, a Slack channel, or a webhook's or \
                         PagerDuty integration's name)"
                    ))
                    .with_help(format!(
                        "add it to o11y.toml: [[honeycomb.recipients]] type = \"email\", details = {{ email_address = \"{n}\" }}"
                    )))
                }
            }
        }
        Ok((!pending).then_some(ids))
    }
}

/// The id of an object of a v1 answer.
pub fn id_of(v: &Value) -> String {
    match &v["id"] {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A key without `perm`: the row's error, naming the permission and how to grant it.
pub fn missing_permission(perm: &str, environment: &str, said: Option<&str>) -> Error {
    let said = said.map(|s| format!(" ({s})")).unwrap_or_default();
    Error::failed(format!(
        "the configuration key of environment {environment} lacks the {} permission{said}",
        permissions::describe(perm)
    ))
    .with_help(format!(
        "add \"{perm}\" to the permissions of the configuration key in [[honeycomb.api_keys]] and run `o11y setup`, \
         or grant it under Environment Settings → API Keys"
    ))
}

/// The row of a resource whose dependency `on` is not ready: it would be created with it (a dry run), or
/// it fails with it.
pub fn blocked(
    kind: &'static str,
    name: &str,
    dep: &Dep,
    on: &str,
    body: Value,
) -> Result<Ensured> {
    match dep {
        Dep::WouldCreate => Ok(ensured(kind, name, Action::Created, Vec::new(), body)),
        Dep::Failed(why) => Err(Error::failed(format!("{on} failed: {why}"))),
        Dep::Ready(_) => Err(Error::failed(format!("{on} is ready, yet blocked"))),
    }
}

/// An object without its null fields (optional ones the manifest leaves out).
pub fn strip_nulls(v: Value) -> Value {
    match v {
        Value::Object(o) => Value::Object(o.into_iter().filter(|(_, v)| !v.is_null()).collect()),
        other => other,
    }
}

/// What a created or would-be-created resource is for those that depend on it (its id, or its field
/// `key`), and a failed one's reason.
pub fn dep_of(result: &Result<Ensured>, dry_run: bool, key: &str) -> Dep {
    match result {
        Ok(e) if e.action == Action::Created && dry_run => Dep::WouldCreate,
        Ok(e) => Dep::Ready(match key {
            "id" => id_of(&e.resource),
            k => e.resource[k].as_str().unwrap_or_default().to_string(),
        }),
        Err(e) => Dep::Failed(e.message.clone()),
    }
}
