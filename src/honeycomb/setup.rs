//! The Honeycomb part of `o11y setup` (and of doctor's "matches the manifest"), in the order the APIs need:
//! the environment and its API keys (v2 management API, HONEYCOMB_KEY_ID / HONEYCOMB_KEY_SECRET), then with
//! the environment's configuration key (from the secrets sink, else HONEYCOMB_API_KEY) the v1 resources:
//! datasets, calculated fields (before the SLOs that use them), recipients, triggers, SLOs, burn alerts and
//! marker settings. One file per resource kind in `setup/` reads, compares and writes it; `run.rs` is what
//! they share. One failing resource does not stop the others, only those that depend on it. The items of a
//! kind are ensured at the same time (at most `--parallelism` at once, `Context::each`), and kinds that do not
//! depend on each other too; the rows keep the manifest's order.

mod api_keys;
mod burn_alerts;
mod calculated_fields;
mod compare;
mod datasets;
mod environment;
mod marker_settings;
mod recipients;
mod run;
mod slos;
mod triggers;

use serde_json::Value;

use super::api::{Answer, HoneycombApi};
use super::connection::Connection;
use super::key::{key_kind, KeyKind};
use super::management::{ManagementApi, KEY_ID_VAR, KEY_SECRET_VAR};
use crate::context::Context;
use crate::ensure::{Action, Outcome};
use crate::error::{Error, Result};
use crate::manifest::honeycomb::{Honeycomb, KeyType};
use crate::secrets::Sink;
use run::{ensured, Run};

/// The variable of a configuration key when the manifest declares none.
const API_KEY_VAR: &str = "HONEYCOMB_API_KEY";

/// Where the v1 resources are, as the management step left it.
enum Target {
    /// The manifest names no environment: the configuration key's.
    Any,
    Exists {
        slug: String,
    },
    /// A dry run would create it (or the configuration key to read it with): everything in it would be
    /// created too.
    WouldCreate,
    /// It could not be read (or is not read, without a management key): the key's environment must have
    /// this name.
    Unknown(String),
}

/// Ensure the section (with `dry_run`, only read and compare); `rotate`: the keys to replace; `sink`: where
/// new keys go. One outcome per resource, then the sink's rows for each value stored.
pub async fn apply(
    ctx: &Context,
    hc: &Honeycomb,
    dry_run: bool,
    rotate: &[String],
    sink: &Sink,
) -> Vec<Outcome> {
    let endpoint = match endpoint(ctx) {
        Ok(e) => e,
        Err(e) => return failed(rows(hc), &e),
    };
    let mut out = Vec::new();
    let target = match &hc.environment {
        None => Target::Any,
        Some(name) => {
            let (rows, target) = management(ctx, hc, name, &endpoint, dry_run, rotate, sink).await;
            out.extend(rows);
            target
        }
    };
    out.extend(configuration(ctx, hc, &endpoint, dry_run, sink, &target).await);
    out
}

/// Doctor's check of the section: setup's dry run; without a management key, the environment and keys as
/// the stored keys show them (`GET /1/auth`), so that a developer's doctor needs only what the sink holds.
pub async fn verify(ctx: &Context, hc: &Honeycomb, sink: &Sink) -> Vec<Outcome> {
    let endpoint = match endpoint(ctx) {
        Ok(e) => e,
        Err(e) => return failed(rows(hc), &e),
    };
    let Some(name) = &hc.environment else {
        return configuration(ctx, hc, &endpoint, true, sink, &Target::Any).await;
    };
    if ManagementApi::from_env(&ctx.env, &endpoint).is_some() {
        return apply(ctx, hc, true, &[], sink).await;
    }
    let (seen, keys) = api_keys::stored(ctx, &endpoint, name, &hc.api_keys, sink).await;
    let shown_by = match seen {
        Some(a) => Ok(a.environment.name),
        None => match configuration_key(ctx, hc, sink) {
            Some((_, value)) => api_keys::authenticate(ctx, &endpoint, &value)
                .await
                .map(|a| a.map(|a| a.environment.name).unwrap_or_default()),
            None => Ok(String::new()),
        },
    };
    let env_row = match shown_by {
        Ok(n) if n == *name => Ok(ensured(
            environment::KIND,
            name,
            Action::Unchanged,
            Vec::new(),
            Value::Null,
        )),
        Ok(_) => {
            Err(no_management_key().context(format!("no stored key shows environment `{name}`")))
        }
        Err(e) => Err(e),
    };
    let mut out = vec![Outcome::new(environment::KIND, name, env_row)];
    out.extend(keys);
    out.extend(
        configuration(
            ctx,
            hc,
            &endpoint,
            true,
            sink,
            &Target::Unknown(name.clone()),
        )
        .await,
    );
    out
}

/// HONEYCOMB_API_ENDPOINT (as the run sees it), checked.
fn endpoint(ctx: &Context) -> Result<String> {
    let e = Connection::from_env(&ctx.env).api_endpoint;
    crate::aws::check_url("HONEYCOMB_API_ENDPOINT", &e)?;
    Ok(e.trim_end_matches('/').to_string())
}

fn no_management_key() -> Error {
    Error::failed(format!(
        "no management key: {KEY_ID_VAR} and {KEY_SECRET_VAR} are not set"
    ))
    .with_help(format!(
        "export {KEY_ID_VAR}=<id> {KEY_SECRET_VAR}=<secret>: a management key with the environments:write and \
         api-keys:write scopes (Team Settings → API Keys → Management); keep it in your shell or CI, never in the \
         app's secrets file"
    ))
}

/// The environment and its keys.
async fn management(
    ctx: &Context,
    hc: &Honeycomb,
    name: &str,
    endpoint: &str,
    dry_run: bool,
    rotate: &[String],
    sink: &Sink,
) -> (Vec<Outcome>, Target) {
    let unknown = Target::Unknown(name.to_string());
    let mgmt = match ManagementApi::from_env(&ctx.env, endpoint) {
        None => return (failed(management_rows(hc), &no_management_key()), unknown),
        Some(Err(e)) => return (failed(management_rows(hc), &e), unknown),
        Some(Ok(m)) => m,
    };
    let team = match mgmt.team(ctx).await {
        Ok(t) => t,
        Err(e) => return (failed(management_rows(hc), &e), unknown),
    };
    let (env_row, state) = environment::ensure(ctx, &mgmt, &team, hc, name, dry_run).await;
    if env_row
        .result
        .as_ref()
        .is_ok_and(|e| e.action == Action::Created)
    {
        warn_if_renamed(ctx, endpoint, hc, name, sink).await;
    }
    let keys = api_keys::Keys {
        ctx,
        mgmt: &mgmt,
        team: &team,
        endpoint,
        sink,
        dry_run,
    };
    let mut out = vec![env_row];
    let key_rows = api_keys::ensure(&keys, &state, &hc.api_keys, rotate).await;
    // A dry run that would create the configuration key, with no other key to read with: the resources
    // are read with that key once it exists; until then they count as to be created.
    let pending_key = dry_run
        && configuration_key(ctx, hc, sink).is_none()
        && key_rows.iter().any(|row| {
            let created = row
                .result
                .as_ref()
                .is_ok_and(|e| e.action == Action::Created);
            created
                && hc
                    .api_keys
                    .iter()
                    .any(|k| k.kind == KeyType::Configuration && k.name == row.name)
        });
    out.extend(key_rows);
    let target = match state {
        environment::State::WouldCreate => Target::WouldCreate,
        _ if pending_key => Target::WouldCreate,
        environment::State::Exists(e) => Target::Exists { slug: e.slug },
        environment::State::Failed(_) => unknown,
    };
    (out, target)
}

/// A new environment while the sink holds a key of another: the manifest's `environment` was renamed.
/// Honeycomb cannot rename one, and o11y never deletes one: say that the old one stays.
async fn warn_if_renamed(ctx: &Context, endpoint: &str, hc: &Honeycomb, name: &str, sink: &Sink) {
    let Some(value) = hc.api_keys.iter().find_map(|k| sink.get(&k.env)) else {
        return;
    };
    if let Ok(Some(a)) = api_keys::authenticate(ctx, endpoint, &value).await {
        let old = a.environment.name;
        if !old.is_empty() && old != name {
            ctx.out.warn(&format!(
                "the stored keys are of environment `{old}`: Honeycomb cannot rename an environment, so \
                 `{name}` is a new one and `{old}` stays as it is (o11y never deletes an environment)"
            ));
        }
    }
}

/// The configuration key for the v1 resources: a configuration key of the manifest (its value in the sink,
/// or the run's variable), else HONEYCOMB_API_KEY; with the variable it came from.
fn configuration_key(ctx: &Context, hc: &Honeycomb, sink: &Sink) -> Option<(String, String)> {
    hc.api_keys
        .iter()
        .filter(|k| k.kind == KeyType::Configuration)
        .find_map(|k| {
            sink.get(&k.env)
                .or_else(|| ctx.env.var(&k.env))
                .map(|v| (k.env.clone(), v))
        })
        .or_else(|| {
            ctx.env
                .var(API_KEY_VAR)
                .map(|v| (API_KEY_VAR.to_string(), v))
        })
}

/// The v1 resources, in the order the API needs: each kind's items `--parallelism` at once, kinds that do
/// not depend on each other at the same time; the rows in the manifest's order of kinds.
async fn configuration(
    ctx: &Context,
    hc: &Honeycomb,
    endpoint: &str,
    dry_run: bool,
    sink: &Sink,
    target: &Target,
) -> Vec<Outcome> {
    let planned = configuration_rows(hc);
    if planned.is_empty() {
        return Vec::new();
    }
    if let Target::WouldCreate = target {
        return planned
            .into_iter()
            .map(|(kind, name)| {
                let row = ensured(kind, &name, Action::Created, Vec::new(), Value::Null);
                Outcome::new(kind, name, Ok(row))
            })
            .collect();
    }
    let mut run = match connect(ctx, hc, endpoint, dry_run, sink, target).await {
        Ok(run) => run,
        Err(e) => return failed(planned, &e),
    };
    let mut out = Vec::new();
    let needs_datasets = !(hc.datasets.is_empty()
        && hc.calculated_fields.is_empty()
        && hc.triggers.is_empty()
        && hc.slos.is_empty()
        && hc.marker_settings.is_empty());
    if needs_datasets {
        out.extend(datasets::ensure(&mut run, &hc.datasets).await);
    }
    let run = &run;
    let referenced =
        hc.triggers.iter().any(|t| !t.recipients.is_empty()) || !hc.burn_alerts.is_empty();
    // After the datasets: the calculated fields and recipients; then the triggers (which name recipients,
    // and whose queries may use a calculated field's column) and the SLOs (whose SLI is one); then the burn
    // alerts (of an SLO, to recipients). Marker settings need only their dataset.
    let dependent = async {
        let (fields, recipients) = tokio::join!(
            calculated_fields::ensure(run, &hc.calculated_fields),
            recipients::ensure(run, &hc.recipients, referenced),
        );
        let (triggers, slos) = tokio::join!(
            triggers::ensure(run, &hc.triggers),
            slos::ensure(run, &hc.slos)
        );
        let burn_alerts = burn_alerts::ensure(run, &hc.burn_alerts).await;
        [fields, recipients, triggers, slos, burn_alerts]
    };
    let (dependent, markers) =
        tokio::join!(dependent, marker_settings::ensure(run, &hc.marker_settings));
    out.extend(dependent.into_iter().flatten());
    out.extend(markers);
    out
}

/// The configuration key's client, once `GET /1/auth` shows it is a key of the target environment.
async fn connect<'a>(
    ctx: &'a Context,
    hc: &Honeycomb,
    endpoint: &str,
    dry_run: bool,
    sink: &Sink,
    target: &Target,
) -> Result<Run<'a>> {
    let Some((var, value)) = configuration_key(ctx, hc, sink) else {
        return Err(Error::failed(format!(
            "no configuration key for the Honeycomb resources: {API_KEY_VAR} is not set"
        ))
        .with_help(
            "add a [[honeycomb.api_keys]] with kind = \"configuration\" and the permissions the resources need \
             (o11y creates it and stores it), or set HONEYCOMB_API_KEY to a configuration key of the environment",
        ));
    };
    let kind = key_kind(&value);
    if matches!(kind, KeyKind::Ingest { .. } | KeyKind::Management { .. }) {
        return Err(Error::failed(format!(
            "{var} is {} {}, and the Honeycomb resources need a configuration key",
            match kind {
                KeyKind::Ingest { .. } => "an ingest key",
                _ => "a management key",
            },
            kind.shown(&value)
        ))
        .with_help(
            "add a [[honeycomb.api_keys]] with kind = \"configuration\" (o11y creates and stores it), or set \
             HONEYCOMB_API_KEY to a configuration key of the environment",
        ));
    }
    let api = HoneycombApi::new(endpoint, &value, kind);
    let auth = match api.auth_answer(ctx).await? {
        Answer::Ok(a) => a,
        Answer::Status(..) => {
            return Err(Error::failed(format!(
                "Honeycomb does not accept {var} ({})",
                api.shown_key()
            ))
            .with_help(format!(
                "set {var} to a configuration key of the environment, or `o11y setup --rotate NAME` for a key o11y made"
            )))
        }
    };
    let env = &auth.environment;
    let wrong = match target {
        Target::Exists { slug } => env.slug != *slug,
        Target::Unknown(name) => env.name != *name,
        Target::Any | Target::WouldCreate => false,
    };
    if wrong {
        let want = match &hc.environment {
            Some(n) => n.clone(),
            None => String::new(),
        };
        return Err(Error::failed(format!(
            "{var} ({}) is a key of environment `{}`, not `{want}`",
            api.shown_key(),
            env.name
        ))
        .with_help(format!(
            "set {var} to a configuration key of `{want}` (or declare one in [[honeycomb.api_keys]])"
        )));
    }
    let name = match env.name.is_empty() {
        true => "Classic".to_string(),
        false => env.name.clone(),
    };
    Ok(Run::new(ctx, api, auth.api_key_access, dry_run, name))
}

/// Every resource of the section as a row (kind, name), in setup's order.
fn rows(hc: &Honeycomb) -> Vec<(&'static str, String)> {
    let mut all = management_rows(hc);
    all.extend(configuration_rows(hc));
    all
}

fn management_rows(hc: &Honeycomb) -> Vec<(&'static str, String)> {
    let mut all: Vec<(&'static str, String)> = hc
        .environment
        .iter()
        .map(|e| (environment::KIND, e.clone()))
        .collect();
    all.extend(hc.api_keys.iter().map(|k| (api_keys::KIND, k.name.clone())));
    all
}

fn configuration_rows(hc: &Honeycomb) -> Vec<(&'static str, String)> {
    let mut all: Vec<(&'static str, String)> = Vec::new();
    all.extend(
        hc.datasets
            .iter()
            .map(|d| (datasets::KIND, datasets::name(d))),
    );
    all.extend(
        hc.calculated_fields
            .iter()
            .map(|f| (calculated_fields::KIND, calculated_fields::name(f))),
    );
    all.extend(
        hc.recipients
            .iter()
            .map(|r| (recipients::KIND, recipients::name(r))),
    );
    all.extend(
        hc.triggers
            .iter()
            .map(|t| (triggers::KIND, triggers::name(t))),
    );
    all.extend(hc.slos.iter().map(|s| (slos::KIND, slos::name(s))));
    all.extend(
        hc.burn_alerts
            .iter()
            .map(|b| (burn_alerts::KIND, burn_alerts::name(b))),
    );
    all.extend(
        hc.marker_settings
            .iter()
            .map(|m| (marker_settings::KIND, marker_settings::name(m))),
    );
    all
}

/// Every row failed with `e` (a failure that concerns them all: no key, a key of another environment).
fn failed(rows: Vec<(&'static str, String)>, e: &Error) -> Vec<Outcome> {
    rows.into_iter()
        .map(|(kind, name)| Outcome::new(kind, name, Err(e.clone())))
        .collect()
}
