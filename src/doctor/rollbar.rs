//! The Rollbar rows of doctor: the token is set and well-formed, and with `--send-test` one item reported and
//! found again (as `rollbar report`).

use super::checklist::{delay, Check};
use crate::context::{Context, Env};
use crate::readback::{self, Wait};
use crate::rollbar::api::{Level, RollbarApi};
use crate::rollbar::connection::Options;
use crate::rollbar::report::{read_token, report_and_confirm, Outcome, TestItem, READ_TOKEN_VAR};

/// The Rollbar token is set and well-formed (the same rules as `o11y rollbar`); with `--send-test`, a test
/// item goes through. `detected`: what in the environment made doctor check Rollbar though o11y.toml has no
/// `[rollbar]`.
pub fn checks(env: &Env, detected: Option<&str>) -> Vec<Check> {
    let opts = Options::from_env(env);
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

/// Rollbar: `rollbar report`'s `info` item, found again with ROLLBAR_READ_ACCESS_TOKEN.
pub async fn send_test(ctx: &Context, environment: Option<String>, wait: Wait) -> Check {
    const CHECK: &str = "send-test rollbar";
    let opts = Options::from_env(&ctx.env);
    let (token, endpoint) = match opts.resolve() {
        Ok(t) => t,
        Err(e) => return Check::from_error(CHECK, &e, "export ROLLBAR_ACCESS_TOKEN=<token>"),
    };
    let reader = match read_token(ctx.env.raw(READ_TOKEN_VAR)) {
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
