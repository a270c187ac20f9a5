use super::api::LogsApi;
use super::names::check_group_name;
use crate::context::{Calls, Context};
use crate::ensure::Deleted;
use crate::error::{Error, Result};

/// Delete a log group and all its events
///
/// Calls DeleteLogGroup. A group that does not exist is an error (exit 1) unless `--if-exists` is given.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y logs delete-group cruddur-staging\n  o11y logs delete-group cruddur-staging --if-exists"
)]
pub struct Args {
    /// The log group's name
    pub name: String,
    /// Succeed (exit 0) when there is no such group
    #[arg(long)]
    pub if_exists: bool,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    check_group_name(&args.name)?;
    let api = LogsApi::new(ctx.logs(Calls::Single).await?);
    let existed = api.delete_group(&args.name).await?;
    if !existed && !args.if_exists {
        return Err(
            Error::failed(format!("log group `{}` not found", args.name)).with_help(
                "list the groups with `o11y logs groups`; add `--if-exists` to accept a missing group",
            ),
        );
    }
    ctx.out.print(&Deleted {
        kind: "logs group",
        name_key: "logGroupName",
        name: args.name,
        existed,
    })
}
