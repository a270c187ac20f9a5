use serde_json::{json, Value};

use super::api::{
    hostname, platform, Body, Exception, Frame, Item, ItemData, Level, Notifier, RollbarApi, Server,
};
use super::{key_values, Options};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::{Render, Style};

/// Report a test message (or, with --exception, an error) to Rollbar
///
/// Calls the item API (POST {endpoint}item/) with a server token, as an app's Rollbar SDK does, and prints
/// the item's uuid and a link to it. Use it to check that a project's token and environment work from a
/// terminal or a CI step. The token needs the post_server_item scope.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    o11y rollbar report 'This is custom error' --level warning\n  \
    o11y rollbar report 'checkout failed' --exception RuntimeError --level error\n  \
    o11y rollbar report 'deploy smoke test' -o json | jq -r .link")]
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
}

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
    let api = RollbarApi::new(ctx, endpoint, token);
    let created = send(
        ctx,
        &api,
        &args.message,
        args.level,
        &args.environment,
        args.exception.as_deref(),
    )
    .await?;
    ctx.out.print(&Reported {
        link: item_link(&created.uuid),
        uuid: created.uuid,
        result: created.result,
        level: args.level,
        environment: args.environment,
        exception: args.exception,
    })
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

struct Reported {
    uuid: String,
    link: String,
    result: Value,
    level: Level,
    environment: String,
    exception: Option<String>,
}

impl Render for Reported {
    fn json(&self) -> Value {
        json!({"uuid": self.uuid, "link": self.link, "result": self.result})
    }

    fn text(&self, style: &Style) -> String {
        let level = self.level.as_str();
        let what = match &self.exception {
            Some(class) => format!("{class} (level {level})"),
            None if level.starts_with(['a', 'e', 'i', 'o', 'u']) => format!("an {level} message"),
            None => format!("a {level} message"),
        };
        format!(
            "{} Reported {what} to Rollbar (environment {})\n{}",
            style.green("✓"),
            self.environment,
            key_values(style, &[("uuid", &self.uuid), ("link", &self.link)])
        )
    }
}
