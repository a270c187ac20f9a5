//! `o11y doctor`: the onboarding checklist. One line per check (✓ ok, ✗ failed, ! warning), each failure with
//! the fix; checks run concurrently, so the whole doctor takes about as long as its slowest check.
//!
//! One file per backend (`aws.rs` with `xray.rs` and `logs.rs`, `honeycomb.rs` with `honeycomb_resources.rs`,
//! `rollbar.rs`, `otel.rs`, `security.rs`), each with its checks and its `--send-test` row; `checklist.rs` is
//! the row type and its rendering. This file only decides which backends to check, runs them at the same time
//! and prints the list: a new backend adds its file and a line here, it does not grow the others.

mod aws;
mod checklist;
mod honeycomb;
mod honeycomb_resources;
mod logs;
mod otel;
mod rollbar;
mod security;
mod xray;

use std::path::PathBuf;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::manifest::honeycomb::KeyType;
use crate::manifest::{self, configured::Configured, Manifest};
use crate::readback::{self, Wait};
use crate::secrets::Sink;
use checklist::{Check, Checklist, Status};

/// Check the whole observability setup and say what to fix
///
/// Checks: the AWS region and credentials; that each AWS service the manifest needs answers a read call (X-Ray
/// GetGroups, CloudWatch Logs DescribeLogGroups); that every manifest resource exists and matches (else:
/// `o11y setup`); spend (log groups that keep events forever, sampling rules far above the manifest's others);
/// Honeycomb (HONEYCOMB_API_KEY accepted by GET /1/auth, OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_ENDPOINT in the
/// key's region, the x-honeycomb-team key in OTEL_EXPORTER_OTLP_HEADERS); Rollbar (ROLLBAR_ACCESS_TOKEN
/// well-formed; with `[rollbar] project`, the project, its tokens and notification rules as setup's dry run
/// finds them (the project and tokens need ROLLBAR_ACCOUNT_ACCESS_TOKEN), each stored token accepted by
/// Rollbar with its scopes (GET /api/1/instances/), and a warning when ROLLBAR_ACCOUNT_ACCESS_TOKEN is in the
/// app's secrets file); the manifest's Honeycomb resources (environment, API keys, datasets, calculated fields,
/// recipients, triggers, SLOs, burn alerts, marker settings) exist and match, as setup's dry run reads them
/// (without HONEYCOMB_KEY_ID and HONEYCOMB_KEY_SECRET, the environment and keys as GET /1/auth shows each
/// stored key), with a warning when the management key is in the secrets file the app loads; X-Ray
/// Transaction Search as `[xray.transaction_search]` says (destination, status, indexing,
/// resource policy, spans retention; a warning above the free 1% indexed); a warning when
/// AWS_XRAY_DAEMON_ADDRESS is set (the X-Ray SDKs and daemon reach end of support on 2027-02-25); and, inside
/// a git checkout, that no secret from the environment appears in a file git tracks. Sections the manifest
/// does not name are skipped, unless the environment configures them (HONEYCOMB_API_KEY, an x-honeycomb-team
/// header or an OTLP endpoint at Honeycomb; ROLLBAR_ACCESS_TOKEN). The x-honeycomb-team key and
/// HONEYCOMB_API_KEY must be of one team and environment (GET /1/auth for each). When the app's OpenTelemetry
/// variables are set, one row per signal (where it goes, how it authenticates) and a failed row with the fix
/// for each setup that loses data silently, as AWS's Python distro decides: an AWS endpoint nothing signs
/// for, the logs endpoint without x-aws-log-group and x-aws-log-stream or naming a group or stream that does
/// not exist (DescribeLogStreams), an endpoint in another region than the run's, spans to X-Ray while
/// Transaction Search is off (GetTraceSegmentDestination), metrics to Honeycomb without
/// x-honeycomb-dataset (a warning), an endpoint that does not answer (a TCP connection, nothing sent).
///
/// With --send-test (and only then) one test item goes to each configured backend and is read back: a span to
/// X-Ray (as `xray test-span`), a span to Honeycomb (as `honeycomb test-span`), an event into the manifest's
/// first log group (as `logs put`), an item to Rollbar (as `rollbar report`), and for each signal the app's
/// OpenTelemetry settings name, one item through them read back at each backend (as `otel test`), all at
/// once; one row each with the delay or the failure. Prints one line per check, with a `fix:` line for each
/// problem; exit 1 if any check failed. Never prints a secret.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y doctor\n  o11y doctor --send-test --timeout 2m\n  o11y doctor --file deploy/o11y.toml -o json | jq '.[] | select(.status != \"ok\")'"
)]
pub struct Args {
    /// The manifest [default: o11y.toml, when there is one]
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Also send one test item to each configured backend and read it back (X-Ray span, Honeycomb span,
    /// CloudWatch Logs event, Rollbar item, one OpenTelemetry item per signal the app names), all at once;
    /// one row each with the delay or the failure
    #[arg(long)]
    pub send_test: bool,
    /// With --send-test: how long each read-back may wait
    #[arg(long, value_name = "DUR", default_value = crate::readback::DEFAULT_TIMEOUT, requires = "send_test")]
    pub timeout: String,
    /// How many resources the manifest checks read at once
    #[arg(long, value_name = "N", default_value_t = crate::context::DEFAULT_PARALLELISM, value_parser = crate::context::parse_parallelism)]
    pub parallelism: usize,
    #[command(flatten)]
    pub env: crate::environments::EnvArg,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    Wait::from_args(&args.timeout, !args.send_test)?;
    let m = manifest::find(args.file.as_deref())?;
    let runs = crate::environments::plan(&ctx.aws_args, m, args.env.env.as_deref())?;
    crate::environments::each(ctx, runs, async |ctx, m| run_in(ctx, &args, m).await).await
}

/// Doctor of one environment and region (or of the manifest without environments, or of no manifest).
async fn run_in(ctx: &Context, args: &Args, manifest: Option<Manifest>) -> Result<()> {
    let m = manifest.as_ref();
    let sink = Sink::of_run(ctx, m).await?;
    let wait = Wait::from_args(&args.timeout, !args.send_test)?;
    // Send-tests go only where a backend is configured; the checks also run without a manifest (`scope`).
    let hc_section = m.and_then(|m| m.honeycomb.as_ref());
    let rb_section = m.and_then(|m| m.rollbar.as_ref());
    let hc = manifest::honeycomb::configured(hc_section, &ctx.env);
    let rb = manifest::rollbar::configured(rb_section, &ctx.env);
    let hc_conf = hc_section.cloned().unwrap_or_default();
    let honeycomb_checks = async {
        match scope(m.is_some(), hc.as_ref()) {
            Some(detected) => honeycomb::checks(ctx, &hc_conf, detected).await,
            None => Vec::new(),
        }
    };
    let rollbar_checks = async {
        match scope(m.is_some(), rb.as_ref()) {
            Some(detected) => rollbar::checks(ctx, rb_section, &sink, detected).await,
            None => Vec::new(),
        }
    };
    let plan = SendTests {
        xray: m.is_some_and(Manifest::needs_xray)
            || ctx.env.var(crate::xray::test_span::DAEMON_ENV).is_some(),
        honeycomb: hc.is_some(),
        log_group: m.and_then(|m| m.logs.groups.first().map(|g| g.name.clone())),
        rollbar: rb.is_some(),
    };
    let mut secret_names: Vec<String> = security::SECRET_VARS.map(String::from).to_vec();
    for k in sink.values().into_keys() {
        if !secret_names.contains(&k) {
            secret_names.push(k);
        }
    }
    let send_tests = async {
        match wait.enabled {
            true => send_tests(ctx, m, plan, wait.timeout).await,
            false => Vec::new(),
        }
    };
    let otel = otel::checks(ctx, m, scope(m.is_some(), hc.as_ref()).is_some());
    let (aws, honeycomb, honeycomb_resources, rollbar, otel, security, sent) = tokio::join!(
        aws::checks(ctx, m),
        honeycomb_checks,
        honeycomb_resources::checks(ctx, hc_section, &sink),
        rollbar_checks,
        otel,
        security::checks(&ctx.env, &secret_names),
        send_tests
    );
    let mut checks = Vec::new();
    match m {
        Some(m) => checks.push(Check::ok(
            "manifest",
            format!("{}: {} resources", m.path.display(), m.resource_count()),
        )),
        None => checks.push(Check::warn(
            "manifest",
            "no o11y.toml here: only the environment is checked",
            "create o11y.toml (see the README's quick start), or pass `--file`",
        )),
    }
    checks.extend(aws);
    checks.extend(honeycomb);
    checks.extend(honeycomb_resources);
    checks.extend(rollbar);
    checks.extend(otel);
    checks.extend(security::sink_checks(&sink));
    checks.extend(security);
    checks.extend(xray::daemon_checks());
    checks.extend(sent);
    let list = Checklist(checks);
    ctx.out.print(&list)?;
    let failed = list.0.iter().filter(|c| c.status == Status::Fail).count();
    let warned = list.0.iter().filter(|c| c.status == Status::Warn).count();
    if failed > 0 {
        return Err(Error::failed(format!(
            "{failed} of {} checks failed, {warned} warnings",
            list.0.len()
        )));
    }
    if warned > 0 {
        ctx.out
            .note(&format!("all checks passed, {warned} warnings"));
    } else {
        ctx.out.note("all checks passed");
    }
    Ok(())
}

/// Whether doctor checks a vendor, and what in the environment made it do so (shown as a row of its own):
/// every vendor without a manifest (the environment is all there is to check); with one, those it declares
/// and those the environment configures.
fn scope(has_manifest: bool, configured: Option<&Configured>) -> Option<Option<&str>> {
    match has_manifest {
        false => Some(None),
        true => configured.map(Configured::detected),
    }
}

/// Which backends get a `--send-test` item: X-Ray (the manifest's X-Ray resources, or AWS_XRAY_DAEMON_ADDRESS),
/// Honeycomb and Rollbar when configured, CloudWatch Logs into the manifest's first log group.
struct SendTests {
    xray: bool,
    honeycomb: bool,
    log_group: Option<String>,
    rollbar: bool,
}

/// Send and read back, every planned backend at once; one row each, in a fixed order.
async fn send_tests(
    ctx: &Context,
    m: Option<&Manifest>,
    plan: SendTests,
    timeout: std::time::Duration,
) -> Vec<Check> {
    let wait = Wait {
        enabled: true,
        timeout,
        interval: crate::time::poll_override().unwrap_or(readback::DEFAULT_INTERVAL),
    };
    let service = m
        .and_then(|m| m.honeycomb.as_ref())
        .and_then(|h| h.service_name.clone());
    // A configuration key the manifest stores reads the span back (HONEYCOMB_API_KEY may be an ingest key).
    let read_var = m
        .and_then(|m| m.honeycomb.as_ref())
        .and_then(|h| h.key_var(KeyType::Configuration));
    let token_vars = rollbar::TokenVars::of(m.and_then(|m| m.rollbar.as_ref()));
    let rollbar_env = m
        .and_then(|m| m.rollbar.as_ref())
        .and_then(|r| r.environment.clone());
    let x = async {
        match plan.xray {
            true => Some(xray::send_test(ctx, service.clone(), wait).await),
            false => None,
        }
    };
    let h = async {
        match plan.honeycomb {
            true => Some(honeycomb::send_test(ctx, service.clone(), read_var, wait).await),
            false => None,
        }
    };
    let l = async {
        match plan.log_group {
            Some(g) => Some(logs::send_test(ctx, g, wait).await),
            None => None,
        }
    };
    let r = async {
        match plan.rollbar {
            true => Some(rollbar::send_test(ctx, rollbar_env, token_vars, wait).await),
            false => None,
        }
    };
    let o = otel::send_tests(ctx, m, wait, plan.honeycomb);
    let (x, h, l, r, o) = tokio::join!(x, h, l, r, o);
    [x, h, l, r].into_iter().flatten().chain(o).collect()
}
