//! Rollbar: report a test message or error, notify a deploy. `api.rs` wraps the REST API (items, deploys,
//! Rollbar's error bodies), `connection.rs` the token and endpoint every command takes; one file per command.
//! Provisioning (`o11y setup`): `account.rs` (projects and their tokens, with the account token), `rules.rs`
//! (notification rules, with a project token), `envelope.rs` (the answer envelope both read), `setup/`.
//! This file only lists the commands and dispatches: the files below it never import it. The access token is checked before any call and is never
//! printed: Rollbar echoes it in some error messages, so every error text is redacted.

pub mod account;
pub mod api;
pub mod connection;
pub mod deploy;
pub mod envelope;
pub mod report;
pub mod rules;
pub mod setup;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;
use connection::Options;

/// The `rollbar` group: its own flags (valid after any of its subcommands) and the subcommand.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    o11y rollbar report 'This is custom error' --level warning\n  \
    o11y rollbar deploy --environment production --status succeeded\n\n\
    The token comes from --access-token or ROLLBAR_ACCESS_TOKEN: use the project's post_server_item\n\
    token (Project Settings -> Project Access Tokens). It is never printed. With the project's read token\n\
    in ROLLBAR_READ_ACCESS_TOKEN, `report` waits until Rollbar has processed the occurrence.")]
pub struct Rollbar {
    #[command(flatten)]
    pub opts: Options,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Report(report::Args),
    Deploy(deploy::Args),
}

pub async fn run(ctx: &Context, rollbar: Rollbar) -> Result<()> {
    match rollbar.command {
        Command::Report(a) => report::run(ctx, &rollbar.opts, a).await,
        Command::Deploy(a) => deploy::run(ctx, &rollbar.opts, a).await,
    }
}
