use super::api::XrayApi;
use crate::context::{Calls, Context};
use crate::ensure::Deleted;
use crate::error::{Error, Result};

/// Delete an X-Ray sampling rule
///
/// Calls DeleteSamplingRule. A rule that does not exist is an error (exit 1) unless `--if-exists` is given.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y xray delete-sampling-rule Cruddur\n  o11y xray delete-sampling-rule Cruddur --if-exists"
)]
pub struct Args {
    /// The rule's name (RuleName)
    pub name: String,
    /// Succeed (exit 0) when there is no such rule
    #[arg(long)]
    pub if_exists: bool,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let api = XrayApi::new(ctx.xray(Calls::Single).await?);
    let existed = api.delete_sampling_rule(&args.name).await?;
    if !existed && !args.if_exists {
        return Err(Error::failed(format!("sampling rule `{}` not found", args.name)).with_help(
            "list the rules with `o11y xray sampling-rules`; add `--if-exists` to accept a missing rule",
        ));
    }
    ctx.out.print(&Deleted {
        kind: "xray sampling rule",
        name_key: "RuleName",
        name: args.name,
        existed,
    })
}
