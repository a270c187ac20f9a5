use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::api::{
    platform, Body, Exception, Frame, Item, ItemData, Level, Notifier, RollbarApi, Server,
};
use super::connection::{check_token, Options, TOKENS_PAGE};
use crate::context::{hostname, Context};
use crate::error::{Error, Result};
use crate::output::fields;
use crate::output::{Render, Style};
use crate::readback::{self, Progress, Wait};

/// Report a test message (or, with --exception, an error) to Rollbar, then find it again
///
/// Calls the item API (POST {endpoint}item/) with a server token, as an app's Rollbar SDK does, and prints
/// the item's uuid and a link to it. Use it to check that a project's token and environment work from a
/// terminal or a CI step. The token needs the post_server_item scope.
///
/// Read-back (unless --no-wait), with a read-scope token in ROLLBAR_READ_ACCESS_TOKEN (never printed): the
/// occurrence is looked for by the uuid the item API returned in GET {endpoint}instances/ (the project's
/// occurrences, newest first, 20 a page; the first 3 pages each poll) until Rollbar has processed it, then
/// GET {endpoint}item/{item_id} gives the item's counter. Without a read token arrival cannot be checked
/// (said; exit 0). An occurrence not found within --timeout exits 1 with what was seen.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    o11y rollbar report 'This is custom error' --level warning\n  \
    o11y rollbar report 'checkout failed' --exception RuntimeError --level error\n  \
    o11y rollbar report 'deploy smoke test' --timeout 2m -o json | jq .arrived_after_ms\n  \
    o11y rollbar report 'deploy smoke test' --no-wait -o json | jq -r .link")]
pub struct Args {
    /// The message (with --exception, the exception's message)
    pub message: String,
    /// The item's level
    #[arg(long, value_enum, default_value = "info")]
    pub level: Level,
    /// The environment the item belongs to
    #[arg(
        long,
        env = "ROLLBAR_ENVIRONMENT",
        default_value = "development",
        value_name = "ENV"
    )]
    pub environment: String,
    /// Report an error of this class (a `trace` item) instead of a plain message
    #[arg(long, value_name = "CLASS")]
    pub exception: Option<String>,
    /// How long to wait for Rollbar to process the occurrence (needs ROLLBAR_READ_ACCESS_TOKEN)
    #[arg(long, value_name = "DUR", default_value = readback::DEFAULT_TIMEOUT)]
    pub timeout: String,
    /// Send only: do not look for the occurrence
    #[arg(long)]
    pub no_wait: bool,
}

/// The variable holding a read-scope token, used only to confirm arrival.
pub const READ_TOKEN_VAR: &str = "ROLLBAR_READ_ACCESS_TOKEN";

/// How many pages of the occurrence listing (20 each, newest first) one poll reads at most.
pub const PAGES: u32 = 3;

pub async fn run(ctx: &Context, opts: &Options, args: Args) -> Result<()> {
    let (token, endpoint) = opts.resolve()?;
    if args.message.trim().is_empty() {
        return Err(
            Error::usage("the message is empty").with_help("o11y rollbar report 'This is a test'")
        );
    }
    if args.environment.trim().is_empty() {
        return Err(Error::usage("--environment is empty")
            .with_help("o11y rollbar report MESSAGE --environment production"));
    }
    let wait = Wait::from_args(&args.timeout, args.no_wait)?;
    let read_token = if wait.enabled {
        read_token(std::env::var(READ_TOKEN_VAR).ok())?
    } else {
        None
    };
    let api = RollbarApi::new(ctx, endpoint.clone(), token);
    let reader = read_token.map(|t| RollbarApi::new(ctx, endpoint, t));
    let progress = |line: &str| ctx.out.note(&format!("o11y: {line}"));
    let item = TestItem {
        message: args.message,
        level: args.level,
        environment: args.environment,
        exception: args.exception,
    };
    let reported = report_and_confirm(ctx, &api, reader.as_ref(), &item, wait, &progress).await?;
    ctx.out.print(&reported)?;
    match reported.failure() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// ROLLBAR_READ_ACCESS_TOKEN, checked like the server token (a malformed one is a usage error, exit 2).
pub fn read_token(var: Option<String>) -> Result<Option<String>> {
    let Some(t) = var.filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    check_token(&t).map_err(|e| {
        Error::usage(format!("{READ_TOKEN_VAR}: the Rollbar access token {e}")).with_help(format!(
            "set {READ_TOKEN_VAR} to the project's read token ({TOKENS_PAGE}), without quotes or spaces"
        ))
    })?;
    Ok(Some(t))
}

/// The item to report.
#[derive(Debug, Clone)]
pub struct TestItem {
    pub message: String,
    pub level: Level,
    pub environment: String,
    pub exception: Option<String>,
}

/// What the read-back found.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Found in the occurrence listing `after` the item API answered.
    Arrived {
        after: Duration,
        occurrence_id: Value,
        item_id: Value,
        counter: Option<u64>,
        title: Option<String>,
    },
    /// Not checked, and why (no read token, `--no-wait`).
    Unchecked(String),
    /// Not found within the timeout: what was seen instead.
    NotArrived { seen: String, waited: Duration },
    /// The lookup itself failed after the item was sent (a token without the read scope, a 5xx): the item's
    /// uuid is still printed, then this error (exit 1).
    Failed(Error),
}

/// One item reported, and what its read-back found. (`doctor --send-test` uses it.)
#[derive(Debug, Clone)]
pub struct Reported {
    pub uuid: String,
    pub link: String,
    pub result: Value,
    pub item: TestItem,
    pub outcome: Outcome,
}

impl Reported {
    /// The error to exit with when the occurrence never showed up (exit 1); `None` otherwise.
    pub fn failure(&self) -> Option<Error> {
        match &self.outcome {
            Outcome::NotArrived { seen, waited } => Some(
                Error::failed(format!(
                    "Rollbar accepted occurrence {} but it was not found within {}: {seen}",
                    self.uuid,
                    crate::time::human(*waited)
                ))
                .with_help(
                    "Rollbar may still be processing it, or the project drops it (an inbound rate limit, a \
                     filter on the environment or level, a disabled environment): check Project Settings, \
                     that ROLLBAR_READ_ACCESS_TOKEN is of the same project as the server token, and try a \
                     longer --timeout",
                ),
            ),
            Outcome::Failed(e) => Some(e.clone()),
            _ => None,
        }
    }
}

/// Report `item` with `api` (a post_server_item token) and, when `reader` (a read token) is given and `wait`
/// is enabled, find the occurrence by its uuid. Never prints: progress goes to `progress`. Errors are the
/// report's; what happens after the item was accepted is an [`Outcome`] (found, not found, or the lookup's
/// error, such as a write-only token used as read token: the 401/403 explained).
pub async fn report_and_confirm(
    ctx: &Context,
    api: &RollbarApi<'_>,
    reader: Option<&RollbarApi<'_>>,
    item: &TestItem,
    wait: Wait,
    progress: Progress<'_>,
) -> Result<Reported> {
    let created = send(
        ctx,
        api,
        &item.message,
        item.level,
        &item.environment,
        item.exception.as_deref(),
    )
    .await?;
    let started = Instant::now();
    let mut reported = Reported {
        link: item_link(&created.uuid),
        uuid: created.uuid,
        result: created.result,
        item: item.clone(),
        outcome: Outcome::Unchecked("--no-wait".into()),
    };
    if !wait.enabled {
        return Ok(reported);
    }
    let Some(reader) = reader else {
        reported.outcome = Outcome::Unchecked(format!(
            "{READ_TOKEN_VAR} is not set: finding the occurrence needs a read-scope token of the project \
             (the post_server_item token cannot read)"
        ));
        return Ok(reported);
    };
    progress(&format!(
        "reported {}; waiting up to {} for Rollbar to process it",
        reported.uuid,
        crate::time::human(wait.timeout)
    ));
    reported.outcome = match find(reader, &reported.uuid, started, wait, progress).await {
        Ok(o) => o,
        Err(e) => Outcome::Failed(read_error(e)),
    };
    Ok(reported)
}

/// A lookup's error, with the help naming the read token.
fn read_error(e: Error) -> Error {
    let lower = e.message.to_ascii_lowercase();
    if lower.contains("read scope") || lower.contains("token not accepted") {
        let help = format!(
            "{READ_TOKEN_VAR} must be the project's read token ({TOKENS_PAGE}: the token with the `read` \
             scope); a post_server_item or write token cannot look occurrences up"
        );
        return e.with_help(help);
    }
    e
}

/// Poll the occurrence listing for `uuid`.
async fn find(
    reader: &RollbarApi<'_>,
    uuid: &str,
    started: Instant,
    wait: Wait,
    progress: Progress<'_>,
) -> Result<Outcome> {
    let mut throttle = readback::Throttle::default();
    loop {
        let mut listed = 0usize;
        let mut found = None;
        for page in 1..=PAGES {
            let instances = reader.instances(page).await?;
            listed += instances.len();
            found = instances
                .into_iter()
                .find(|o| o["data"]["uuid"].as_str() == Some(uuid));
            if found.is_some() || listed < (page as usize) * 20 {
                break;
            }
        }
        if let Some(o) = found {
            let after = started.elapsed();
            let item = reader.item(&o["item_id"]).await?;
            return Ok(Outcome::Arrived {
                after,
                occurrence_id: o["id"].clone(),
                item_id: o["item_id"].clone(),
                counter: item["counter"].as_u64(),
                title: item["title"].as_str().map(str::to_string),
            });
        }
        let seen = if listed == 0 {
            "the project lists no occurrences yet".to_string()
        } else {
            format!(
                "not among the project's {listed} newest occurrences (Rollbar lists an occurrence once it \
                 has processed it)"
            )
        };
        let waited = started.elapsed();
        if waited + wait.interval > wait.timeout {
            return Ok(Outcome::NotArrived { seen, waited });
        }
        if throttle.due(&seen) {
            progress(&format!(
                "not processed yet after {} ({seen})",
                crate::time::human(waited)
            ));
        }
        tokio::time::sleep(wait.interval).await;
    }
}

/// Send one item: a message, or with `exception` a `trace` body of that class. (`doctor --send-test` uses it.)
pub async fn send(
    ctx: &Context,
    api: &RollbarApi<'_>,
    message: &str,
    level: Level,
    environment: &str,
    exception: Option<&str>,
) -> Result<super::api::ItemCreated> {
    let body = match exception {
        Some(class) => Body::Trace {
            exception: Exception {
                class: class.to_string(),
                message: message.to_string(),
            },
            frames: vec![Frame {
                filename: "o11y".into(),
                method: "rollbar report".into(),
            }],
        },
        None => Body::Message {
            body: message.to_string(),
        },
    };
    let item = Item {
        data: ItemData {
            environment: environment.to_string(),
            body,
            level,
            timestamp: ctx.now.timestamp(),
            platform: platform().into(),
            language: "rust".into(),
            server: Server { host: hostname() },
            notifier: Notifier::o11y(),
        },
    };
    api.create_item(&item).await
}

/// The occurrence's page: Rollbar resolves a uuid to its project, so the link needs no project name.
pub fn item_link(uuid: &str) -> String {
    format!("https://rollbar.com/item/uuid/?uuid={uuid}")
}

impl Render for Reported {
    fn json(&self) -> Value {
        let mut v = json!({"uuid": self.uuid, "link": self.link, "result": self.result});
        let extra = match &self.outcome {
            Outcome::Arrived {
                after,
                occurrence_id,
                item_id,
                counter,
                title,
            } => json!({
                "arrived": true,
                "arrived_after_ms": readback::millis(*after),
                "occurrence_id": occurrence_id,
                "item_id": item_id,
                "counter": counter,
                "title": title,
            }),
            Outcome::Unchecked(why) => json!({"arrived": null, "unchecked_reason": why}),
            Outcome::NotArrived { seen, waited } => json!({
                "arrived": false, "seen": seen, "waited_ms": readback::millis(*waited),
            }),
            Outcome::Failed(e) => json!({"arrived": null, "error": e.message}),
        };
        if let (Value::Object(m), Value::Object(e)) = (&mut v, extra) {
            m.extend(e);
        }
        v
    }

    fn text(&self, style: &Style) -> String {
        let level = self.item.level.as_str();
        let what = match &self.item.exception {
            Some(class) => format!("{class} (level {level})"),
            None if level.starts_with(['a', 'e', 'i', 'o', 'u']) => format!("an {level} message"),
            None => format!("a {level} message"),
        };
        let arrived = match &self.outcome {
            Outcome::Arrived { after, .. } => style.green(&format!(
                "yes, processed and found after {}",
                crate::time::human(*after)
            )),
            Outcome::Unchecked(why) if why == "--no-wait" => style.dim("not checked (--no-wait)"),
            Outcome::Unchecked(why) => style.yellow(&format!("not checked: {why}")),
            Outcome::NotArrived { waited, .. } => style.red(&format!(
                "no, not found within {}",
                crate::time::human(*waited)
            )),
            Outcome::Failed(_) => style.red("could not be checked (the error follows)"),
        };
        let counter = match &self.outcome {
            Outcome::Arrived {
                counter: Some(c), ..
            } => format!("#{c}"),
            _ => String::new(),
        };
        let mut rows: Vec<(&str, &str)> = vec![("uuid", &self.uuid), ("link", &self.link)];
        if !counter.is_empty() {
            rows.push(("item", &counter));
        }
        rows.push(("arrived", &arrived));
        format!(
            "{} Reported {what} to Rollbar (environment {})\n{}",
            style.green("✓"),
            self.item.environment,
            fields(style, &rows)
        )
    }
}
