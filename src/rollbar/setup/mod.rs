//! The Rollbar part of `o11y setup` (and of doctor's "matches the manifest"), in the order the APIs need: the
//! project (`project.rs`, with the account token), its access tokens (`tokens.rs`, values to the secrets
//! sink), then the notification rules (`notifications.rs`, with a project token that may read and write
//! them). This file only orders them; inside each kind the items go `--parallelism` at once.

pub mod notifications;
pub mod project;
pub mod tokens;

use crate::context::Context;
use crate::ensure::Outcome;
use crate::error::Error;
use crate::manifest::rollbar::Rollbar;
use crate::rollbar::account::Account;
use crate::rollbar::rules::Rules;
use crate::secrets::Sink;
use notifications::Access;
use project::State;

/// Ensure everything `[rollbar]` declares (with `dry_run`, read and compare only); one row per resource, the
/// sink's rows after each new token. Nothing without `project`.
pub async fn apply(
    ctx: &Context,
    rb: &Rollbar,
    dry_run: bool,
    rotate: &[String],
    sink: &Sink,
) -> Vec<Outcome> {
    let Some(name) = rb.project.as_deref() else {
        return Vec::new();
    };
    let account = match Account::from_env(ctx) {
        Ok(a) => a,
        Err(e) => return vec![Outcome::new(project::KIND, name, Err(e))],
    };
    let (row, state) = project::ensure(&account, name, dry_run).await;
    let mut out = vec![row];
    let Some(state) = state else {
        return out;
    };
    let run = tokens::Run {
        ctx,
        account: &account,
        project: state,
        sink,
        dry_run,
    };
    let token_rows = tokens::ensure_all(&run, &rb.tokens(), rotate).await;
    // The rules are read and written with their token: when its row failed, they are not touched.
    let failed = rb.rules_token().filter(|t| {
        token_rows
            .iter()
            .any(|o| o.kind == tokens::KIND && o.name == t.name && o.result.is_err())
    });
    out.extend(token_rows);
    match failed {
        Some(t) => {
            let e = Error::failed(format!(
                "not read: the rules are read and written with the project token `{}`, whose row failed above",
                t.name
            ))
            .with_help(format!("fix the token `{}` first (its row says how)", t.name));
            out.extend(
                notifications::ensure_all(ctx, Access::Unavailable(e), &rb.notifications, dry_run)
                    .await,
            );
        }
        None => out.extend(rules(ctx, rb, sink, state == State::WouldCreate, dry_run).await),
    }
    out
}

/// The notification rules alone, read with the rules token the sink holds (doctor, without the account token,
/// checks them this way). `new_project`: the project is yet to be created (a dry run), so it has no rules.
pub async fn rules(
    ctx: &Context,
    rb: &Rollbar,
    sink: &Sink,
    new_project: bool,
    dry_run: bool,
) -> Vec<Outcome> {
    let Some(spec) = rb.rules_token() else {
        return Vec::new();
    };
    let access = match (new_project, tokens::stored(ctx, sink, &spec.env)) {
        (true, _) => Access::NewProject,
        (_, Some(value)) => match Rules::new(ctx, &spec, value) {
            Ok(r) => Access::Client(r),
            Err(e) => Access::Unavailable(e),
        },
        (_, None) => Access::Unavailable(
            Error::failed(format!(
                "not read: the rules are read and written with the project token `{}`, and {} is not in the secrets sink",
                spec.name, spec.env
            ))
            .with_help(format!(
                "o11y setup (it creates `{}` and stores it; if it exists already: o11y setup --rotate {})",
                spec.name, spec.name
            )),
        ),
    };
    notifications::ensure_all(ctx, access, &rb.notifications, dry_run).await
}
