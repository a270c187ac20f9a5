use super::api::XrayApi;
use crate::context::{Calls, Context};
use crate::ensure::Deleted;
use crate::error::{Error, Result};

/// Delete an X-Ray group
///
/// Calls DeleteGroup. A group that does not exist is an error (exit 1) unless `--if-exists` is given.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y xray delete-group Cruddur\n  o11y xray delete-group Cruddur --if-exists"
)]
pub struct Args {
    /// The group's name
    pub name: String,
    /// Succeed (exit 0) when there is no such group
    #[arg(long)]
    pub if_exists: bool,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let api = XrayApi::new(ctx.xray(Calls::Single).await?);
    let existed = api.delete_group(&args.name).await?;
    if !existed && !args.if_exists {
        return Err(Error::failed(format!("X-Ray group `{}` not found", args.name))
            .with_help("list the groups with `o11y xray groups`; add `--if-exists` to accept a missing group"));
    }
    ctx.out.print(&Deleted {
        kind: "xray group",
        name_key: "GroupName",
        name: args.name,
        existed,
    })
}
