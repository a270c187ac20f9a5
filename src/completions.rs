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

/// Print the man page (roff) of o11y, as committed in `man/o11y.1`, or of one command (`man/o11y-setup.1`)
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y man > o11y.1 && man ./o11y.1\n  o11y man setup > o11y-setup.1"
)]
pub struct ManArgs {
    /// A command (`setup`, `doctor` ...): its own page, with all its options
    pub command: Option<String>,
}

pub async fn run_man(ctx: &Context, args: ManArgs, tree: clap::Command) -> Result<()> {
    let page = match &args.command {
        None => tree,
        Some(name) => {
            let names: Vec<String> = tree
                .get_subcommands()
                .filter(|c| !c.is_hide_set())
                .map(|c| c.get_name().to_string())
                .collect();
            let mut tree = tree;
            tree.build();
            let Some(sub) = tree.find_subcommand(name).filter(|c| !c.is_hide_set()) else {
                return Err(Error::usage(format!("`{name}` is not a command of o11y"))
                    .with_help(format!("one of: {}", names.join(", "))));
            };
            let display = format!("o11y-{name}");
            sub.clone()
                .display_name(display)
                .bin_name(format!("o11y {name}"))
        }
    };
    let mut buf = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut buf)
        .map_err(|e| Error::failed(format!("could not render the man page: {e}")))?;
    ctx.out.write(&String::from_utf8_lossy(&buf))
}
