use std::process::{Command, Stdio};

use serde_json::{json, Value};

use super::api::{Deploy, DeployStatus, RollbarApi};
use super::connection::Options;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::fields;
use crate::output::{Render, Style};

/// Tell Rollbar about a deploy
///
/// Calls the deploy API (POST {endpoint}deploy) and prints the deploy's id. Rollbar then shows which
/// deploy each error first appeared in. The revision defaults to `git rev-parse HEAD` when run inside a git
/// checkout. The token needs the post_server_item scope.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    o11y rollbar deploy --environment production --status succeeded\n  \
    o11y rollbar deploy --revision v1.4.2 --environment staging --comment 'Tuesday deploy'\n  \
    o11y rollbar deploy --environment production --status started -o json | jq .deploy_id")]
pub struct Args {
    /// The revision deployed: a commit SHA or a version [default: `git rev-parse HEAD`]
    #[arg(long, value_name = "REV")]
    pub revision: Option<String>,
    /// The environment deployed to
    #[arg(long, env = "ROLLBAR_ENVIRONMENT", value_name = "ENV")]
    pub environment: String,
    /// The deploy's status
    #[arg(long, value_enum)]
    pub status: Option<DeployStatus>,
    /// A comment on the deploy (what is being deployed)
    #[arg(long)]
    pub comment: Option<String>,
    /// Who deployed: the local user name (Rollbar's local_username)
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// Who deployed, as a Rollbar user name (Rollbar's rollbar_username)
    #[arg(long, value_name = "NAME")]
    pub rollbar_user: Option<String>,
}

pub async fn run(ctx: &Context, opts: &Options, args: Args) -> Result<()> {
    let (token, endpoint) = opts.resolve()?;
    if args.environment.trim().is_empty() {
        return Err(Error::usage("--environment is empty")
            .with_help("o11y rollbar deploy --environment production"));
    }
    let revision = match args.revision {
        Some(r) if r.trim().is_empty() => return Err(Error::usage("--revision is empty")),
        Some(r) => r,
        None => git_head().ok_or_else(|| {
            Error::usage("no --revision given, and this is not a git checkout to take HEAD from")
                .with_help("pass --revision with the commit SHA or version deployed")
        })?,
    };
    let deploy = Deploy {
        environment: args.environment,
        revision,
        status: args.status,
        comment: args.comment,
        local_username: args.user,
        rollbar_username: args.rollbar_user,
    };
    let created = RollbarApi::new(ctx, endpoint, token)
        .create_deploy(&deploy)
        .await?;
    ctx.out.print(&Deployed {
        deploy,
        deploy_id: created.deploy_id,
        data: created.data,
    })
}

/// `git rev-parse HEAD` in the current directory, when it is a git checkout with a commit.
pub fn git_head() -> Option<String> {
    let out = Command::new("git")
        .args(["rev-parse", "--verify", "HEAD"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let rev = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !rev.is_empty()).then_some(rev)
}

struct Deployed {
    deploy: Deploy,
    deploy_id: Value,
    data: Value,
}

impl Render for Deployed {
    fn json(&self) -> Value {
        json!({
            "deploy_id": self.deploy_id,
            "environment": self.deploy.environment,
            "revision": self.deploy.revision,
            "status": self.deploy.status,
            "data": self.data,
        })
    }

    fn text(&self, style: &Style) -> String {
        let id = match &self.deploy_id {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let mut rows = vec![
            ("deploy_id", id.as_str()),
            ("revision", self.deploy.revision.as_str()),
            ("environment", self.deploy.environment.as_str()),
        ];
        if let Some(status) = self.deploy.status {
            rows.push(("status", status.as_str()));
        }
        format!(
            "{} Recorded the deploy of {} to {}\n{}",
            style.green("✓"),
            self.deploy.revision,
            self.deploy.environment,
            fields(style, &rows)
        )
    }
}
