//! Honeycomb: which team and environment a key belongs to, datasets, markers, and a test span sent through the
//! app's own OpenTelemetry settings; and the provisioning `o11y setup` does. `api.rs` wraps the REST API (v1
//! calls, errors), `resources.rs` the v1 configuration resources, `management.rs` the v2 management API
//! (environments, API keys); `key.rs` reads a key's kind from its shape, `permissions.rs` names a
//! configuration key's permissions; `connection.rs` holds the key and endpoint every command takes;
//! `setup.rs` (with a file per resource kind in `setup/`) ensures the manifest's resources; one file per
//! command. This file only lists the commands and dispatches: the files below it never import it.

pub mod api;
pub mod connection;
pub mod datasets;
pub mod key;
pub mod management;
pub mod marker;
pub mod permissions;
pub mod resources;
pub mod setup;
pub mod test_span;
pub mod whoami;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;
use connection::Connection;

/// `o11y honeycomb ...`: the group's own flags (shared by every Honeycomb command) and the command.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub conn: Connection,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Whoami(whoami::Args),
    Datasets(datasets::Args),
    Marker(marker::Args),
    TestSpan(test_span::Args),
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    match args.command {
        Command::Whoami(a) => whoami::run(ctx, &args.conn, a).await,
        Command::Datasets(a) => datasets::run(ctx, &args.conn, a).await,
        Command::Marker(a) => marker::run(ctx, &args.conn, a).await,
        Command::TestSpan(a) => test_span::run(ctx, &args.conn, a).await,
    }
}
