//! `[honeycomb] environment`: found by name among the team's environments, created when missing, its
//! description and colour updated in place (`PATCH`). The API cannot rename an environment, and o11y never
//! deletes one.

use serde_json::{json, Map, Value};

use super::run::ensured;
use crate::context::Context;
use crate::ensure::{Action, Change, Outcome};
use crate::error::{Error, Result};
use crate::honeycomb::management::{Environment, ManagementApi, Team};
use crate::manifest::honeycomb::Honeycomb;

pub const KIND: &str = "honeycomb environment";

/// What the environment became, for the keys and the v1 resources.
#[derive(Debug, Clone)]
pub enum State {
    Exists(Environment),
    /// A dry run would create it.
    WouldCreate,
    Failed(Error),
}

/// Ensure the environment; its row and what it became.
pub async fn ensure(
    ctx: &Context,
    mgmt: &ManagementApi,
    team: &Team,
    hc: &Honeycomb,
    name: &str,
    dry_run: bool,
) -> (Outcome, State) {
    match ensure_one(ctx, mgmt, team, hc, name, dry_run).await {
        Ok((row, state)) => (Outcome::new(KIND, name, Ok(row)), state),
        Err(e) => (Outcome::new(KIND, name, Err(e.clone())), State::Failed(e)),
    }
}

async fn ensure_one(
    ctx: &Context,
    mgmt: &ManagementApi,
    team: &Team,
    hc: &Honeycomb,
    name: &str,
    dry_run: bool,
) -> Result<(crate::ensure::Ensured, State)> {
    let all = mgmt.environments(ctx, team).await?;
    let found: Vec<&Environment> = all.iter().filter(|e| e.name == name).collect();
    let mut wanted = Map::new();
    if let Some(d) = &hc.description {
        wanted.insert("description".into(), json!(d));
    }
    if let Some(c) = &hc.color {
        wanted.insert("color".into(), json!(c));
    }
    let write_scope = || -> Result<()> {
        match team.may("environments:write") {
            true => Ok(()),
            false => Err(Error::failed(format!(
                "the management key {} lacks the `environments:write` scope",
                mgmt.key_id()
            ))
            .with_help(
                "a key's scopes cannot be changed: create a management key with environments:write \
                 (Team Settings → API Keys → Management)",
            )),
        }
    };
    match found.as_slice() {
        [] => {
            write_scope()?;
            if dry_run {
                let mut body = wanted.clone();
                body.insert("name".into(), json!(name));
                return Ok((
                    ensured(KIND, name, Action::Created, Vec::new(), Value::Object(body)),
                    State::WouldCreate,
                ));
            }
            let mut attrs = wanted;
            attrs.insert("name".into(), json!(name));
            let env = mgmt.create_environment(ctx, team, attrs).await?;
            let row = ensured(KIND, name, Action::Created, Vec::new(), to_value(&env));
            Ok((row, State::Exists(env)))
        }
        [env] => {
            let changes: Vec<Change> = [("description", &env.description), ("color", &env.color)]
                .into_iter()
                .filter_map(|(field, current)| {
                    let want = wanted.get(field)?.as_str()?;
                    (want != current).then(|| Change::new(field, current.as_str(), want))
                })
                .collect();
            if changes.is_empty() {
                let row = ensured(KIND, name, Action::Unchanged, changes, to_value(env));
                return Ok((row, State::Exists((*env).clone())));
            }
            write_scope()?;
            if dry_run {
                let row = ensured(KIND, name, Action::Updated, changes, to_value(env));
                return Ok((row, State::Exists((*env).clone())));
            }
            let attrs: Map<String, Value> = changes
                .iter()
                .map(|c| (c.field.clone(), c.to.clone()))
                .collect();
            let updated = mgmt.update_environment(ctx, team, &env.id, attrs).await?;
            let row = ensured(KIND, name, Action::Updated, changes, to_value(&updated));
            Ok((row, State::Exists(updated)))
        }
        several => {
            let ids: Vec<&str> = several.iter().map(|e| e.id.as_str()).collect();
            Err(Error::failed(format!(
                "{} environments of team {} are named `{name}` ({}): o11y does not guess which one is meant",
                several.len(),
                team.name,
                ids.join(", ")
            ))
            .with_help("rename all but one in Honeycomb (Environment Settings), then run `o11y setup` again"))
        }
    }
}

fn to_value(e: &Environment) -> Value {
    serde_json::to_value(e).unwrap_or_default()
}
