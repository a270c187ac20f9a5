//! CloudWatch Logs: `tail` (history and follow; `live.rs` is its Live Tail session), `query` (Logs Insights,
//! through `insights.rs`), `put` (one event, found again), log groups and their retention. `api.rs` wraps the
//! SDK client, `stream.rs` holds the network-free machinery of `tail`; one file per command.

pub mod api;
pub mod create_group;
pub mod delete_group;
pub mod groups;
pub mod insights;
pub mod live;
pub mod put;
pub mod query;
pub mod stream;
pub mod tail;

use clap::Subcommand;

use crate::context::Context;
use crate::error::{Error, Result};

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

/// A log group name as CloudWatch Logs accepts it: 1 to 512 of `A-Z a-z 0-9 . _ - / #`.
pub fn check_group_name(name: &str) -> Result<()> {
    let ok = (1..=512).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-/#".contains(c));
    if ok {
        Ok(())
    } else {
        Err(Error::usage(format!("invalid log group name `{name}`"))
            .with_help("a log group name is 1 to 512 characters of A-Z, a-z, 0-9, `.`, `_`, `-`, `/` and `#`"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_names_follow_the_services_rules() {
        for ok in ["cruddur", "/aws/lambda/fn-1", "a.b_c#d"] {
            check_group_name(ok).unwrap();
        }
        for bad in ["", "has space", "semi;colon", &"x".repeat(513)] {
            assert_eq!(check_group_name(bad).unwrap_err().exit_code(), 2, "{bad}");
        }
    }
}
