//! `o11y completions SHELL` and the man page: generated from the clap tree, so they never drift from it.
//! The generated files are committed in `completions/` and `man/`, and a test fails when they are stale.
//! The tree is handed in by `main` (`Cli::command()`): this file never imports `cli.rs`, which names it.

use clap_complete::Shell;

use crate::context::Context;
use crate::error::{Error, Result};

/// Print a shell completion script
///
/// Writes the completion script for SHELL to stdout. The same scripts are committed in `completions/`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y completions bash > ~/.local/share/bash-completion/completions/o11y\n  o11y completions zsh > \"${fpath[1]}/_o11y\"\n  o11y completions fish > ~/.config/fish/completions/o11y.fish"
)]
pub struct Args {
    /// bash, zsh, fish, powershell or elvish
    pub shell: Shell,
}

pub async fn run(ctx: &Context, args: Args, mut tree: clap::Command) -> Result<()> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut tree, "o11y", &mut buf);
    ctx.out.write(&String::from_utf8_lossy(&buf))
}

/// Print the man page (roff) of o11y, as committed in `man/o11y.1`
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  o11y man > o11y.1 && man ./o11y.1")]
pub struct ManArgs {}

pub async fn run_man(ctx: &Context, _args: ManArgs, tree: clap::Command) -> Result<()> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(tree)
        .render(&mut buf)
        .map_err(|e| Error::failed(format!("could not render the man page: {e}")))?;
    ctx.out.write(&String::from_utf8_lossy(&buf))
}
