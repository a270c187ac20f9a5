//! `o11y setup`: make the services match the manifest. Each resource is read, compared, then created, updated
//! or left alone by the same ensure code as its single command; one failure does not stop the others. Each
//! backend's ensure lives in its own folder (`xray/setup.rs`, `logs/setup.rs`, `honeycomb/setup.rs`,
//! `rollbar/setup/`): this file only orders and runs them, in the order the APIs need.

use std::path::PathBuf;

use crate::context::Context;
use crate::ensure::{Outcome, Report};
use crate::error::{Error, Result};
use crate::manifest::{self, Manifest};
use crate::secrets::Sink;

/// Make the services match the manifest (o11y.toml)
///
/// For every resource in the manifest (X-Ray groups, X-Ray sampling rules, CloudWatch Logs groups and their
/// retention, X-Ray Transaction Search; Honeycomb's environment, API keys, datasets, calculated fields,
/// recipients, triggers, SLOs, burn alerts and marker settings; Rollbar's project, project access tokens and
/// notification rules): read it, compare, then create it, update only what differs, or leave it alone. Prints
/// one row per resource (kind, name, action, what differs; a failed row's fix under the table). A second run
/// reports every resource `unchanged` and makes no write call. `--dry-run` makes no write call at all. One
/// failing resource does not stop the others; the exit code is 1 if any failed. The manifest is checked
/// completely before any request (exit 2 naming file, line, key).
///
/// Honeycomb: the environment and its keys through the v2 management API (GET /2/auth, GET/POST/PATCH
/// /2/teams/{team}/environments and /2/teams/{team}/api-keys) with the management key in HONEYCOMB_KEY_ID and
/// HONEYCOMB_KEY_SECRET; the rest through the v1 API (/1/auth, /1/datasets, /1/derived_columns, /1/recipients,
/// /1/triggers, /1/slos, /1/burn_alerts, /1/marker_settings: GET, POST, PUT) with the environment's
/// configuration key, from the secrets sink or HONEYCOMB_API_KEY.
///
/// Rollbar, with an account access token in ROLLBAR_ACCOUNT_ACCESS_TOKEN (never printed, never stored): the
/// project by name (GET, POST /api/1/projects), its access tokens by name (GET, POST
/// /api/1/project/{id}/access_tokens; --rotate then deletes the old one, DELETE
/// /api/1/project/{id}/access_token/{token}), and the notification rules (GET, POST
/// /api/1/notifications/{channel}/rules, PUT /api/1/notifications/{channel}/rule/{id}) with a project token that
/// may read and write: the manifest's, else o11y's own `o11y`, stored as ROLLBAR_O11Y_ACCESS_TOKEN.
///
/// A created key's or token's value goes to the [secrets] sink and is never shown; one whose value the sink
/// does not hold is a failed row with the fix (--rotate NAME).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y setup --dry-run\n  o11y setup\n  o11y setup --rotate 'backend-flask ingest'\n  o11y setup --file deploy/o11y.toml -o json | jq -r '.[] | \"\\(.kind) \\(.name): \\(.action)\"'"
)]
pub struct Args {
    /// The manifest
    #[arg(long, value_name = "FILE", default_value = manifest::DEFAULT_FILE)]
    pub file: PathBuf,
    /// Read and compare only: report what would change and make no write call
    #[arg(long)]
    pub dry_run: bool,
    /// Replace this key or token (by its name in o11y.toml): create a new one, store it in the secrets sink,
    /// then disable the old one (a Rollbar token: delete it, as Rollbar's API cannot disable one). May be given
    /// more than once
    #[arg(long, value_name = "NAME")]
    pub rotate: Vec<String>,
    /// How many resources are read and ensured at once (each kind after the ones it needs: a log group's
    /// streams after it, Transaction Search's resource policy before its destination, a Honeycomb
    /// environment before its keys, a calculated field before its SLO, a Rollbar project before its tokens)
    #[arg(long, value_name = "N", default_value_t = crate::context::DEFAULT_PARALLELISM, value_parser = crate::context::parse_parallelism)]
    pub parallelism: usize,
    #[command(flatten)]
    pub env: crate::environments::EnvArg,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let m = manifest::load(&args.file)?;
    let runs = crate::environments::plan(&ctx.aws_args, Some(m), args.env.env.as_deref())?;
    for r in &runs {
        if let Some(m) = &r.manifest {
            check_rotate(m, &args.rotate)?;
        }
    }
    crate::environments::each(ctx, runs, async |ctx, m| match m {
        Some(m) => run_in(ctx, &args, &m).await,
        None => Ok(()),
    })
    .await
}

/// `--rotate NAME` names a key or token of the manifest.
fn check_rotate(m: &Manifest, rotate: &[String]) -> Result<()> {
    let known = m.rotatable();
    if let Some(r) = rotate.iter().find(|r| !known.contains(&r.as_str())) {
        return Err(Error::usage(format!(
            "--rotate {r}: o11y.toml has no key or token named `{r}`"
        ))
        .with_help(match known.is_empty() {
            true => "--rotate takes the name of a [[honeycomb.api_keys]] or [[rollbar.access_tokens]] entry"
                .to_string(),
            false => format!("one of: {}", known.join(", ")),
        }));
    }
    Ok(())
}

/// Setup of one environment and region (or of the manifest without environments).
async fn run_in(ctx: &Context, args: &Args, m: &Manifest) -> Result<()> {
    let sink = Sink::of_run(ctx, Some(m)).await?;
    sink.refuse_tracked()?;
    if let Some(w) = sink.not_ignored_warning() {
        ctx.out.warn(&w);
    }
    let report = apply(ctx, m, args.dry_run, &args.rotate, &sink).await?;
    ctx.out.print(&report)?;
    if args.dry_run {
        ctx.out.note("dry run: nothing was changed");
    }
    match report.outcomes.iter().filter(|o| o.result.is_err()).count() {
        0 => Ok(()),
        n => Err(Error::failed(format!(
            "{n} of {} resources failed",
            report.outcomes.len()
        ))),
    }
}

/// Ensure every resource of the manifest (with `dry_run`, only read and compare). An error here is one that
/// concerns them all (no region, no credentials: checked before any vendor call); a resource's own failure is
/// in its outcome. The backends run at the same time, each in the order its APIs need (see [`apply_aws`],
/// `honeycomb::setup`, `rollbar::setup`), at most `--parallelism` resources at once; the rows come in a fixed
/// order: X-Ray, CloudWatch Logs, Transaction Search, Honeycomb, Rollbar. `rotate`: the keys to replace;
/// `sink`: where new secrets go.
pub async fn apply(
    ctx: &Context,
    m: &Manifest,
    dry_run: bool,
    rotate: &[String],
    sink: &Sink,
) -> Result<Report> {
    if m.needs_xray() || m.needs_logs() {
        ctx.sdk_config().await?;
    }
    let honeycomb = async {
        match &m.honeycomb {
            Some(hc) => crate::honeycomb::setup::apply(ctx, hc, dry_run, rotate, sink).await,
            None => Vec::new(),
        }
    };
    let rollbar = async {
        match &m.rollbar {
            Some(rb) => crate::rollbar::setup::apply(ctx, rb, dry_run, rotate, sink).await,
            None => Vec::new(),
        }
    };
    let (aws, honeycomb, rollbar) = tokio::join!(apply_aws(ctx, m, dry_run), honeycomb, rollbar);
    let mut outcomes = aws?;
    outcomes.extend(honeycomb);
    outcomes.extend(rollbar);
    Ok(Report { outcomes, dry_run })
}

/// The AWS part of [`apply`] (doctor checks it after the region and credentials): X-Ray groups and sampling
/// rules, log groups and their streams, and Transaction Search, all at once (Transaction Search's parts go one
/// after the other, its logs resource policy first).
pub async fn apply_aws(ctx: &Context, m: &Manifest, dry_run: bool) -> Result<Vec<Outcome>> {
    use crate::{logs, xray};
    let xray = async {
        match m.needs_xray() {
            true => xray::setup::groups_and_rules(ctx, &m.xray, dry_run).await,
            false => Ok(Vec::new()),
        }
    };
    let logs = async {
        match m.needs_logs() {
            true => logs::setup::groups(ctx, &m.logs, dry_run).await,
            false => Ok(Vec::new()),
        }
    };
    let search = async {
        match &m.xray.transaction_search {
            Some(ts) => xray::setup::transaction_search(ctx, ts, dry_run).await,
            None => Ok(Vec::new()),
        }
    };
    let (xray, logs, search) = tokio::join!(xray, logs, search);
    let mut outcomes = xray?;
    outcomes.extend(logs?);
    outcomes.extend(search?);
    Ok(outcomes)
}
