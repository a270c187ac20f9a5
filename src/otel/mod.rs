//! `o11y otel` (what the app's OpenTelemetry exporters will do, per signal: `show.rs`) and `o11y otel test`
//! (one item per signal through the app's settings, read back where it went: `test.rs`). `path.rs` is the
//! app's path per signal and where it can be read back, `roundtrip.rs` sends one item and reads it back,
//! `readback.rs` reads at one backend; doctor uses those three too. This file only lists and dispatches.

pub mod path;
pub mod readback;
pub mod roundtrip;
pub mod show;
pub mod test;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Otel {
    #[command(flatten)]
    pub show: show::Args,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Test(test::Args),
}

pub async fn run(ctx: &Context, args: Otel) -> Result<()> {
    match args.command {
        None => show::run(ctx, args.show).await,
        Some(Command::Test(a)) => test::run(ctx, a).await,
    }
}
