//! CloudWatch Logs: `tail` (history and follow; `live.rs` is its Live Tail session), `query` (Logs Insights,
//! through `insights.rs`), `put` (one event, found again), log groups and their retention. `api.rs` wraps the
//! SDK client, `poll.rs` the FilterLogEvents passes and polling that `tail` and `live.rs` share, `stream.rs`
//! their network-free machinery, `names.rs` the log group name rule; one file per command. This file only
//! lists the commands and dispatches: the files below it never import it.

pub mod api;
pub mod create_group;
pub mod delete_group;
pub mod groups;
pub mod insights;
pub mod live;
pub mod names;
pub mod poll;
pub mod put;
pub mod query;
pub mod setup;
pub mod stream;
pub mod tail;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum Command {
    Tail(tail::Args),
    Groups(groups::Args),
    CreateGroup(create_group::Args),
    DeleteGroup(delete_group::Args),
    Put(put::Args),
    Query(query::Args),
}

pub async fn run(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Tail(a) => tail::run(ctx, a).await,
        Command::Groups(a) => groups::run(ctx, a).await,
        Command::CreateGroup(a) => create_group::run(ctx, a).await,
        Command::DeleteGroup(a) => delete_group::run(ctx, a).await,
        Command::Put(a) => put::run(ctx, a).await,
        Command::Query(a) => query::run(ctx, a).await,
    }
}
