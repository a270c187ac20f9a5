//! `o11y export`: the manifest in another tool's format. One file per format: `cloudformation.rs`.

pub mod cloudformation;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum Command {
    Cloudformation(cloudformation::Args),
}

pub async fn run(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Cloudformation(a) => cloudformation::run(ctx, a).await,
    }
}
