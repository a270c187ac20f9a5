//! `[[rollbar.access_tokens]]` (and o11y's own token for the rules): found by name on the project. A new
//! token's value is in the create answer only: it goes straight to the secrets sink (its rows follow the
//! token's), and if no sink target takes it the new token is deleted again, so no run leaves a token nobody
//! holds. A token that exists but whose value the sink lacks, whose scopes differ (Rollbar cannot change
//! them) or that is disabled is a failed row with the fix, `o11y setup --rotate NAME`: a new token is
//! created and stored, then the old one deleted (Rollbar's API cannot disable a token: a PATCH changes only
//! its rate limits). Never a silent second token.

use serde_json::json;

use super::project::State;
use crate::context::Context;
use crate::ensure::{Action, Change, Ensured, Outcome};
use crate::error::{Error, Result};
use crate::manifest::rollbar::TokenSpec;
use crate::rollbar::account::{Account, NewToken, ProjectToken};
use crate::rollbar::connection::TOKENS_PAGE;
use crate::secrets::Sink;

pub const KIND: &str = "rollbar access token";

/// The value a token's variable has for this run: what the secrets sink holds, else the environment's.
pub fn stored(ctx: &Context, sink: &Sink, env: &str) -> Option<String> {
    sink.get(env).or_else(|| ctx.env.var(env))
}

/// What every token's ensure shares.
pub struct Run<'a> {
    pub ctx: &'a Context,
    pub account: &'a Account<'a>,
    pub project: State,
    pub sink: &'a Sink,
    pub dry_run: bool,
}

/// Every token (the project's tokens listed once, then `--parallelism` at once), in order: its row, then
/// (when a value was stored) the sink's rows.
pub async fn ensure_all(run: &Run<'_>, specs: &[TokenSpec], rotate: &[String]) -> Vec<Outcome> {
    let listed = match run.project.id() {
        Some(id) => run.account.tokens(id).await,
        None => Ok(Vec::new()),
    };
    let listed = &listed;
    let rows = run.ctx.each(specs, |spec| async move {
        let rotating = rotate.contains(&spec.name);
        match listed {
            Ok(tokens) => ensure(run, spec, tokens, rotating).await,
            Err(e) => vec![Outcome::new(KIND, &spec.name, Err(e.clone()))],
        }
    });
    rows.await.into_iter().flatten().collect()
}

fn row(
    spec: &TokenSpec,
    action: Action,
    changes: Vec<Change>,
    token: Option<&ProjectToken>,
) -> Ensured {
    Ensured {
        kind: KIND,
        name: spec.name.clone(),
        action,
        changes,
        resource_key: "access_token",
        resource: json!({
            "name": spec.name,
            "scopes": token.map_or(&spec.scopes, |t| &t.scopes),
            "public_id": token.and_then(|t| t.public_id.clone()),
            "env": spec.env,
        }),
    }
}

fn rotate_help(spec: &TokenSpec) -> String {
    format!(
        "o11y setup --rotate {}: creates a new token with the manifest's scopes, stores it in the secrets sink, \
         then deletes this one (update anything else that uses it)",
        spec.name
    )
}

async fn ensure(
    run: &Run<'_>,
    spec: &TokenSpec,
    listed: &[ProjectToken],
    rotating: bool,
) -> Vec<Outcome> {
    let same: Vec<&ProjectToken> = listed.iter().filter(|t| t.name == spec.name).collect();
    let fail = |e: Error| vec![Outcome::new(KIND, &spec.name, Err(e))];
    let old = match same.as_slice() {
        [] => None,
        [t] => Some(*t),
        many => {
            let ids: Vec<String> = many.iter().map(|t| t.shown()).collect();
            return fail(
                Error::failed(format!(
                    "{} tokens named `{}` on the project ({}): o11y does not guess which one {} holds",
                    many.len(),
                    spec.name,
                    ids.join("; "),
                    spec.env
                ))
                .with_help(format!(
                    "delete the ones not in use ({TOKENS_PAGE}), then run o11y setup again (or with --rotate {})",
                    spec.name
                )),
            );
        }
    };
    match old {
        None => create(run, spec, None).await,
        Some(t) if rotating => create(run, spec, Some(t)).await,
        Some(t) => match check(run, spec, t) {
            Ok(()) => vec![Outcome::new(
                KIND,
                &spec.name,
                Ok(row(spec, Action::Unchanged, Vec::new(), Some(t))),
            )],
            Err(e) => fail(e),
        },
    }
}

/// An existing token as the manifest wants it: the scopes (as sets: Rollbar reorders them), enabled, and its
/// value held by the sink (and, where Rollbar still lists values, that value).
fn check(run: &Run<'_>, spec: &TokenSpec, t: &ProjectToken) -> Result<()> {
    let mut want = spec.scopes.clone();
    want.sort();
    let have = t.scope_set();
    if want != have {
        return Err(Error::failed(format!(
            "scopes differ: [{}] → [{}]; Rollbar cannot change a token's scopes in place",
            t.scopes.join(", "),
            spec.scopes.join(", ")
        ))
        .with_help(rotate_help(spec)));
    }
    if t.status != "enabled" {
        return Err(Error::failed(format!(
            "the token is {} in Rollbar ({})",
            t.status,
            t.shown()
        ))
        .with_help(rotate_help(spec)));
    }
    let Some(value) = stored(run.ctx, run.sink, &spec.env) else {
        return Err(Error::failed(format!(
            "exists in Rollbar ({}), but its value is not in the secrets sink ({}): Rollbar shows a token's value \
             only when it is created",
            t.shown(),
            spec.env
        ))
        .with_help(rotate_help(spec)));
    };
    if t.access_token.as_deref().is_some_and(|v| v != value) {
        return Err(Error::failed(format!(
            "{} holds another value than this token's ({})",
            spec.env,
            t.shown()
        ))
        .with_help(rotate_help(spec)));
    }
    Ok(())
}

/// Create the token (`old`: the one it replaces, deleted once the new one is stored), hand its value to the
/// sink, and say what happened: the token's row, then the sink's.
async fn create(run: &Run<'_>, spec: &TokenSpec, old: Option<&ProjectToken>) -> Vec<Outcome> {
    let (action, changes) = match old {
        None => (Action::Created, Vec::new()),
        Some(t) => (
            Action::Updated,
            vec![Change::new(
                "token",
                format!("{} (deleted)", t.shown()),
                format!("a new token, stored in {}", spec.env),
            )],
        ),
    };
    let fail = |e: Error| vec![Outcome::new(KIND, &spec.name, Err(e))];
    let (Some(project_id), false) = (run.project.id(), run.dry_run) else {
        return vec![Outcome::new(
            KIND,
            &spec.name,
            Ok(row(spec, action, changes, old)),
        )];
    };
    let NewToken { value, token } = match run
        .account
        .create_token(project_id, &spec.name, &spec.scopes)
        .await
    {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let stored_rows = run.sink.store(&spec.env, &value).await;
    if stored_rows.iter().all(|o| o.result.is_err()) {
        let why = stored_rows
            .iter()
            .find_map(|o| o.result.as_ref().err())
            .map(|e| e.message.clone())
            .unwrap_or_default();
        let mut e = Error::failed(format!("the new token could not be stored ({why})"));
        e = match run.account.delete_token(project_id, &value).await {
            Ok(()) => e.context("not created").with_help(
                "fix the secrets sink ([secrets] in o11y.toml), then run o11y setup again",
            ),
            Err(d) => e.with_help(format!(
                "deleting the new token ({}) failed too ({}): delete it under {TOKENS_PAGE}",
                token.shown(),
                d.message
            )),
        };
        let mut out = fail(e);
        out.extend(stored_rows);
        return out;
    }
    let mut out = Vec::new();
    let result = match old.and_then(|t| t.path_id().map(|id| (t, id))) {
        Some((t, id)) => match run.account.delete_token(project_id, id).await {
            Ok(()) => Ok(row(spec, action, changes, Some(&token))),
            Err(e) => Err(Error::failed(format!(
                "the new token is stored in {}, but deleting the old one ({}) failed: {}",
                spec.env,
                t.shown(),
                e.message
            ))
            .with_help(format!("delete the old `{}` under {TOKENS_PAGE}", spec.name))),
        },
        None if old.is_some() => Err(Error::failed(format!(
            "the new token is stored in {}, but Rollbar lists the old one without an id to delete it by",
            spec.env
        ))
        .with_help(format!("delete the old `{}` under {TOKENS_PAGE}", spec.name))),
        None => Ok(row(spec, action, changes, Some(&token))),
    };
    out.push(Outcome::new(KIND, &spec.name, result));
    out.extend(stored_rows);
    out
}
