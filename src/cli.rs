//! The clap tree: the global flags and the top-level commands. Each command's own arguments live beside its
//! logic (`src/<backend>/<command>.rs`), so a command is read in one file.

use clap::{Parser, Subcommand};

use crate::aws::AwsArgs;
use crate::output::Format;

const AFTER_HELP: &str = "\
Examples:
  o11y setup && o11y doctor            # apply o11y.toml, then the onboarding checklist
  o11y init && o11y setup --dry-run    # o11y.toml from what the account already has
  o11y export cloudformation > o11y.cfn.json   # the AWS part, for a stack or a StackSet
  o11y doctor --send-test              # send one test item per backend and read each back
  o11y xray transaction-search --enable && o11y xray test-span
  o11y xray create-group Cruddur --filter-expression 'service(\"backend-flask\")'
  o11y xray create-sampling-rule --file json/xray.json
  o11y xray service-graph --last 10m
  o11y logs tail cruddur --follow
  o11y logs query 'stats count(*) by bin(5m)' cruddur --since 1h
  o11y honeycomb whoami
  o11y rollbar report 'This is custom error' --level warning
  o11y otel test                        # one OpenTelemetry item per signal, read back where it went
  o11y deploy --environment production  # a Honeycomb marker and a Rollbar deploy, from CI
  o11y env --format compose            # the app's environment, secrets as ${NAME} references

Exit codes: 0 success, 1 the operation failed, 2 bad usage or input (before any network call), 130 interrupted.";

/// Repeatable observability setup from one binary: AWS X-Ray, CloudWatch Logs, Honeycomb and Rollbar.
///
/// Every command that creates something ensures it instead: run it again and it changes nothing.
/// Data goes to stdout (a table, or JSON with `-o json`); notes, warnings and errors go to stderr.
#[derive(Debug, Parser)]
#[command(name = "o11y", version, propagate_version = true, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Output format: `table` for people, `json` for scripts (`dot` for `xray service-graph`)
    #[arg(
        short = 'o',
        long,
        global = true,
        value_enum,
        env = "O11Y_OUTPUT",
        default_value = "table"
    )]
    pub output: Format,

    #[command(flatten)]
    pub aws: AwsArgs,

    /// Never colour the output (colour is used only on a terminal) [env: NO_COLOR]
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Show what is being called, on stderr (never a secret)
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// AWS X-Ray: groups, sampling rules, the service graph, traces, Transaction Search, a test span
    #[command(subcommand)]
    Xray(crate::xray::Command),
    /// CloudWatch Logs: tail (history, --follow, --live), Insights queries, one test event, log groups
    #[command(subcommand)]
    Logs(crate::logs::Command),
    /// Honeycomb: which team and environment a key belongs to, datasets, markers, a test span
    Honeycomb(crate::honeycomb::Args),
    /// Rollbar: report a test message or error, record a deploy
    Rollbar(crate::rollbar::Rollbar),
    /// OpenTelemetry: what the app's exporters do per signal (traces, logs, metrics); `otel test` sends one
    /// item each and reads it back
    #[command(long_about = crate::otel::show::LONG_ABOUT)]
    Otel(crate::otel::Otel),
    Setup(crate::setup::Args),
    Doctor(crate::doctor::Args),
    Deploy(crate::deploy::Args),
    Env(crate::app_env::Args),
    Init(crate::init::Args),
    /// Export the manifest's AWS part as a CloudFormation template
    #[command(subcommand)]
    Export(crate::export::Command),
    Completions(crate::completions::Args),
    #[command(hide = true)]
    Man(crate::completions::ManArgs),
}

impl Command {
    /// Whether the command can print `-o dot`.
    pub fn supports_dot(&self) -> bool {
        matches!(self, Command::Xray(crate::xray::Command::ServiceGraph(_)))
    }

    /// `--parallelism` of setup and doctor; the default for the others.
    pub fn parallelism(&self) -> usize {
        match self {
            Command::Setup(a) => a.parallelism,
            Command::Doctor(a) => a.parallelism,
            _ => crate::context::DEFAULT_PARALLELISM,
        }
    }

    /// Whether the command handles Ctrl-C itself (to clean up on the service first, e.g. StopQuery);
    /// main then does not end it on Ctrl-C, and the command exits 130 on its own.
    pub fn handles_ctrl_c(&self) -> bool {
        matches!(self, Command::Logs(crate::logs::Command::Query(_)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_clap_tree_is_consistent() {
        Cli::command().debug_assert();
    }

    /// Every command that runs something (a leaf of the tree), with its path from the root.
    fn leaves(cmd: &clap::Command, path: &str, out: &mut Vec<(String, clap::Command)>) {
        let path = if path.is_empty() {
            cmd.get_name().to_string()
        } else {
            format!("{path} {}", cmd.get_name())
        };
        let subs: Vec<_> = cmd
            .get_subcommands()
            .filter(|c| c.get_name() != "help")
            .collect();
        if subs.is_empty() {
            out.push((path.clone(), cmd.clone()));
        }
        for s in subs {
            leaves(s, &path, out);
        }
    }

    #[test]
    fn every_command_has_a_summary_an_api_or_purpose_and_a_pasteable_example() {
        let mut root = Cli::command();
        root.build();
        let mut all = Vec::new();
        leaves(&root, "", &mut all);
        assert!(all.len() >= 15, "{} commands", all.len());
        for (path, mut cmd) in all {
            let help = cmd.render_long_help().to_string();
            assert!(
                cmd.get_about().is_some(),
                "`{path}` has no one-line summary"
            );
            assert!(
                help.contains(&format!("Examples:\n  {path}")),
                "`{path} --help` has no example:\n{help}"
            );
        }
    }

    #[test]
    fn global_flags_are_accepted_after_the_subcommand() {
        let cli = Cli::try_parse_from([
            "o11y",
            "xray",
            "groups",
            "-o",
            "json",
            "--region",
            "eu-west-1",
            "-v",
        ])
        .unwrap();
        assert_eq!(cli.global.output, Format::Json);
        assert_eq!(cli.global.aws.region.as_deref(), Some("eu-west-1"));
        assert!(cli.global.verbose);
    }

    #[test]
    fn an_unknown_output_format_is_rejected() {
        let e = Cli::try_parse_from(["o11y", "xray", "groups", "-o", "yaml"]).unwrap_err();
        assert_eq!(e.exit_code(), 2);
    }
}
