//! o11y: parse -> build the context -> dispatch -> exit code.
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod app_env;
mod atomic;
mod aws;
mod cli;
mod completions;
mod context;
mod deploy;
mod doctor;
mod ensure;
mod environments;
mod error;
mod export;
mod honeycomb;
mod http;
mod init;
mod logs;
mod manifest;
mod otel;
mod otlp;
mod output;
mod readback;
mod rollbar;
mod secret;
mod secrets;
mod setup;
mod time;
mod xray;

use std::panic;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use crate::cli::{Cli, Command};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::{Format, Output};

fn main() -> ExitCode {
    // Arguments first: `--help`, `--version` and usage errors never start a runtime.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        Error::failed(format!("internal error: {msg}"))
            .with_help("this is a bug in o11y; please report it with the command you ran")
            .report(true);
    }));

    let no_color = cli.global.no_color;
    match panic::catch_unwind(panic::AssertUnwindSafe(|| run(cli))) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            e.report(!no_color);
            ExitCode::from(e.exit_code())
        }
        // The panic hook has already said what happened.
        Err(_) => ExitCode::FAILURE,
    }
}

fn run(cli: Cli) -> Result<()> {
    let g = cli.global;
    if g.output == Format::Dot && !cli.command.supports_dot() {
        return Err(
            Error::usage("`-o dot` is only for `o11y xray service-graph`")
                .with_help("use `-o table` or `-o json`"),
        );
    }
    g.aws.validate()?;
    let parallelism = cli.command.parallelism();
    let ctx = Context::new(Output::new(g.output, g.no_color, g.verbose), g.aws)
        .with_parallelism(parallelism);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::failed(format!("could not start the runtime: {e}")))?;
    let own_ctrl_c = cli.command.handles_ctrl_c();
    rt.block_on(async {
        tokio::select! {
            r = dispatch(&ctx, cli.command) => r,
            _ = tokio::signal::ctrl_c(), if !own_ctrl_c => Err(Error::interrupted()),
        }
    })
}

async fn dispatch(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Xray(c) => xray::run(ctx, c).await,
        Command::Logs(c) => logs::run(ctx, c).await,
        Command::Honeycomb(a) => honeycomb::run(ctx, a).await,
        Command::Rollbar(c) => rollbar::run(ctx, c).await,
        Command::Otel(a) => otel::run(ctx, a).await,
        Command::Setup(a) => setup::run(ctx, a).await,
        Command::Doctor(a) => doctor::run(ctx, a).await,
        Command::Deploy(a) => deploy::run(ctx, a).await,
        Command::Env(a) => app_env::run(ctx, a).await,
        Command::Init(a) => init::run(ctx, a).await,
        Command::Export(c) => export::run(ctx, c).await,
        Command::Completions(a) => completions::run(ctx, a, Cli::command()).await,
        Command::Man(a) => completions::run_man(ctx, a, Cli::command()).await,
    }
}
