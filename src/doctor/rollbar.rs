//! The Rollbar rows of doctor: the token is set and well-formed; what `[rollbar]` provisions exists and
//! matches (setup's own dry run), each stored token passes the token check, and the account token is not in
//! the app's secrets file; with `--send-test` one item reported and found again (as `rollbar report`).

use super::checklist::{delay, Check};
use crate::context::Context;
use crate::manifest::rollbar::{Rollbar, TokenSpec, ACCOUNT_TOKEN_VAR};
use crate::readback::{self, Wait};
use crate::rollbar::api::{Accepted, Level, RollbarApi};
use crate::rollbar::connection::{check_token, Options};
use crate::rollbar::report::{read_token, report_and_confirm, Outcome, TestItem, READ_TOKEN_VAR};
use crate::rollbar::setup::{self, tokens};
use crate::secret::mask;
use crate::secrets::Sink;

/// The Rollbar token is set and well-formed (the same rules as `o11y rollbar`), then the provisioning rows of
/// `section`. `detected`: what in the environment made doctor check Rollbar though o11y.toml has no
/// `[rollbar]`.
pub async fn checks(
    ctx: &Context,
    section: Option<&Rollbar>,
    sink: &Sink,
    detected: Option<&str>,
) -> Vec<Check> {
    let mut out = token_checks(ctx, detected);
    out.extend(account_token_in_app(sink));
    if let Some(rb) = section.filter(|r| r.project.is_some()) {
        out.extend(provisioned(ctx, rb, sink).await);
    }
    out
}

/// The account token must not ship with the app: a warning when the secrets file (which the app loads) has it.
fn account_token_in_app(sink: &Sink) -> Option<Check> {
    let file = sink.file_name()?;
    sink.values().contains_key(ACCOUNT_TOKEN_VAR).then(|| {
        Check::warn(
            "rollbar account token",
            format!("{ACCOUNT_TOKEN_VAR} is in `{file}`, the secrets file the app loads: it can manage every project of the account and must not ship with the app"),
            format!("remove it from {file}; export it only in the shell that runs o11y setup"),
        )
    })
}

/// The project, its tokens and rules as setup's dry run finds them (with the account token; without it, the
/// rules alone, read with the stored token), then the token check of every stored token.
async fn provisioned(ctx: &Context, rb: &Rollbar, sink: &Sink) -> Vec<Check> {
    let mut out = Vec::new();
    let with_account = ctx.env.var(ACCOUNT_TOKEN_VAR).is_some();
    if with_account {
        let outcomes = setup::apply(ctx, rb, true, &[], sink).await;
        out.extend(outcomes.into_iter().map(Check::from_outcome));
    } else {
        out.push(Check::warn(
            format!("{} {}", setup::project::KIND, rb.project.as_deref().unwrap_or_default()),
            format!("the project and its tokens are not checked: {ACCOUNT_TOKEN_VAR} is not set (only o11y setup needs it); the stored tokens are checked below"),
            format!("export {ACCOUNT_TOKEN_VAR}=<token> to check them in Rollbar too"),
        ));
        let outcomes = setup::rules(ctx, rb, sink, false, true).await;
        out.extend(outcomes.into_iter().map(Check::from_outcome));
    }
    for spec in rb.tokens() {
        match tokens::stored(ctx, sink, &spec.env) {
            Some(value) => out.push(stored_token(ctx, &spec, value).await),
            // With the account token, setup's row above says what is missing and the fix.
            None if with_account => {}
            None => out.push(Check::fail(
                format!("rollbar token check {}", spec.name),
                format!("{} is not in the secrets sink", spec.env),
                format!(
                    "o11y setup (or, if the token exists in Rollbar: o11y setup --rotate {})",
                    spec.name
                ),
            )),
        }
    }
    out
}

/// One stored token: well-formed, accepted by Rollbar (the token check), with the manifest's scopes.
async fn stored_token(ctx: &Context, spec: &TokenSpec, value: String) -> Check {
    let check = format!("rollbar token check {}", spec.name);
    let fix = format!("o11y setup --rotate {}", spec.name);
    let shown = format!("{} ({})", spec.env, mask(&value));
    if let Err(why) = check_token(&value) {
        return Check::fail(check, format!("{}: the stored value {why}", spec.env), fix);
    }
    let endpoint = match Options::from_env(&ctx.env).endpoint() {
        Ok(e) => e,
        Err(e) => return Check::from_error(check, &e, "fix ROLLBAR_ENDPOINT"),
    };
    let mut want = spec.scopes.clone();
    want.sort();
    let (matches, has) = match RollbarApi::new(ctx, endpoint, value).check_token().await {
        Ok(Accepted::Reads) => (
            want.iter().any(|s| s == "read"),
            "the read scope".to_string(),
        ),
        Ok(Accepted::Scopes(mut has)) => {
            has.sort();
            let text = format!("the scopes {}", has.join(", "));
            (has == want, text)
        }
        Err(e) => return Check::fail(check, format!("{shown}: {}", e.message), fix),
    };
    match matches {
        true => Check::ok(check, format!("{shown} accepted by Rollbar, with {has}")),
        false => Check::fail(
            check,
            format!(
                "{shown} is accepted, but has {has}; the manifest says [{}]",
                spec.scopes.join(", ")
            ),
            fix,
        ),
    }
}

/// ROLLBAR_ACCESS_TOKEN is set and well-formed; `detected` as for [`checks`].
fn token_checks(ctx: &Context, detected: Option<&str>) -> Vec<Check> {
    let opts = Options::from_env(&ctx.env);
    let (token, _endpoint) = match opts.resolve() {
        Ok(t) => t,
        Err(e) => {
            return vec![Check::from_error(
                "rollbar token",
                &e,
                "export ROLLBAR_ACCESS_TOKEN=<token>",
            )]
        }
    };
    let mut out: Vec<Check> = detected
        .map(|why| {
            Check::ok(
                "rollbar",
                format!("checked because {why} (o11y.toml has no [rollbar])"),
            )
        })
        .into_iter()
        .collect();
    out.push(Check::ok(
        "rollbar token",
        format!(
            "ROLLBAR_ACCESS_TOKEN is set and well-formed ({})",
            crate::secret::mask(&token)
        ),
    ));
    out
}

/// The variables the manifest stores the app's post_server_item token and a read token in.
#[derive(Clone, Copy, Default)]
pub struct TokenVars<'a> {
    pub post: Option<&'a str>,
    pub read: Option<&'a str>,
}

impl<'a> TokenVars<'a> {
    pub fn of(r: Option<&'a crate::manifest::rollbar::Rollbar>) -> Self {
        TokenVars {
            post: r.and_then(|r| r.token_var("post_server_item")),
            read: r.and_then(|r| r.token_var("read")),
        }
    }
}

/// Rollbar: `rollbar report`'s `info` item, found again with ROLLBAR_READ_ACCESS_TOKEN. `vars`: where the
/// manifest stores a post_server_item token and a read token, when it names them otherwise.
pub async fn send_test(
    ctx: &Context,
    environment: Option<String>,
    vars: TokenVars<'_>,
    wait: Wait,
) -> Check {
    const CHECK: &str = "send-test rollbar";
    let mut opts = Options::from_env(&ctx.env);
    if let Some(t) = vars.post.and_then(|v| ctx.env.var(v)) {
        opts.access_token = Some(t);
    }
    let (token, endpoint) = match opts.resolve() {
        Ok(t) => t,
        Err(e) => return Check::from_error(CHECK, &e, "export ROLLBAR_ACCESS_TOKEN=<token>"),
    };
    let read = vars
        .read
        .and_then(|v| ctx.env.raw(v))
        .or_else(|| ctx.env.raw(READ_TOKEN_VAR));
    let reader = match read_token(read) {
        Ok(t) => t.map(|t| RollbarApi::new(ctx, endpoint.clone(), t)),
        Err(e) => return Check::from_error(CHECK, &e, "fix ROLLBAR_READ_ACCESS_TOKEN"),
    };
    let api = RollbarApi::new(ctx, endpoint, token);
    let item = TestItem {
        message: "o11y doctor: test message".into(),
        level: Level::Info,
        environment: environment
            .or_else(|| ctx.env.var("ROLLBAR_ENVIRONMENT"))
            .unwrap_or_else(|| "development".into()),
        exception: None,
    };
    let r = match report_and_confirm(ctx, &api, reader.as_ref(), &item, wait, &readback::quiet)
        .await
    {
        Ok(r) => r,
        Err(e) => return Check::from_error(CHECK, &e, "check the token's post_server_item scope"),
    };
    if let Some(e) = r.failure() {
        return Check::from_error(CHECK, &e, "o11y rollbar report");
    }
    match &r.outcome {
        Outcome::Arrived { after, counter, .. } => {
            let (shown, ms) = delay(*after);
            let counter = counter.map(|c| format!(", item #{c}")).unwrap_or_default();
            Check::ok(
                CHECK,
                format!("occurrence arrived after {shown}{counter}: {}", r.link),
            )
            .arrived_after(ms)
        }
        Outcome::Unchecked(why) => Check::warn(
            CHECK,
            format!("accepted: {}; not found again: {why}", r.link),
            format!("set {READ_TOKEN_VAR} to the project's read token to confirm arrival"),
        ),
        // `failure()` has turned every other outcome into an error above.
        _ => Check::fail(
            CHECK,
            "the read-back ended without an answer",
            "o11y rollbar report",
        ),
    }
}
