//! `o11y doctor`: the onboarding checklist. One line per check (✓ ok, ✗ failed, ! warning), each failure with
//! the fix; checks run concurrently, so the whole doctor takes about as long as its slowest check.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::context::{Calls, Context};
use crate::ensure::Action;
use crate::error::{Error, Result};
use crate::manifest::{self, Manifest};
use crate::output::{Render, Style};
use crate::xray::api::{SamplingRule, XrayApi};

/// Check the whole observability setup and say what to fix
///
/// Checks: the AWS region and credentials; that each AWS service the manifest needs answers a read call (X-Ray
/// GetGroups, CloudWatch Logs DescribeLogGroups); that every manifest resource exists and matches (else:
/// `o11y setup`); spend (log groups that keep events forever, sampling rules far above the manifest's others);
/// Honeycomb (HONEYCOMB_API_KEY accepted by GET /1/auth, OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_ENDPOINT in the
/// key's region, the x-honeycomb-team key in OTEL_EXPORTER_OTLP_HEADERS); Rollbar (ROLLBAR_ACCESS_TOKEN
/// well-formed); X-Ray Transaction Search as `[xray.transaction_search]` says (destination, status, indexing,
/// resource policy, spans retention; a warning above the free 1% indexed); a warning when
/// AWS_XRAY_DAEMON_ADDRESS is set (the X-Ray SDKs and daemon reach end of support on 2027-02-25); and, inside
/// a git checkout, that no secret from the environment appears in a file git tracks. Sections the manifest
/// does not name are skipped, unless the environment configures them (HONEYCOMB_API_KEY, an x-honeycomb-team
/// header or an OTLP endpoint at Honeycomb; ROLLBAR_ACCESS_TOKEN). The x-honeycomb-team key and
/// HONEYCOMB_API_KEY must be of one team and environment (GET /1/auth for each).
///
/// With --send-test (and only then) one test item goes to each configured backend and is read back: a span to
/// X-Ray (as `xray test-span`), a span to Honeycomb (as `honeycomb test-span`), an event into the manifest's
/// first log group (as `logs put`), an item to Rollbar (as `rollbar report`), all at once; one row each with
/// the delay or the failure. Prints one line per check, with a `fix:` line for each problem; exit 1 if any
/// check failed. Never prints a secret.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y doctor\n  o11y doctor --send-test --timeout 2m\n  o11y doctor --file deploy/o11y.toml -o json | jq '.[] | select(.status != \"ok\")'"
)]
pub struct Args {
    /// The manifest [default: o11y.toml, when there is one]
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Also send one test item to each configured backend and read it back (X-Ray span, Honeycomb span,
    /// CloudWatch Logs event, Rollbar item), all at once; one row each with the delay or the failure
    #[arg(long)]
    pub send_test: bool,
    /// With --send-test: how long each read-back may wait
    #[arg(long, value_name = "DUR", default_value = crate::readback::DEFAULT_TIMEOUT, requires = "send_test")]
    pub timeout: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Ok,
    Fail,
    Warn,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Fail => "fail",
            Status::Warn => "warn",
        }
    }
}

/// One line of the checklist.
#[derive(Debug, Clone)]
pub struct Check {
    pub check: String,
    pub status: Status,
    pub detail: String,
    pub fix: Option<String>,
    /// `--send-test` rows: how long the test item took to arrive.
    pub arrived_after_ms: Option<u64>,
}

impl Check {
    pub fn ok(check: impl Into<String>, detail: impl Into<String>) -> Self {
        Check {
            check: check.into(),
            status: Status::Ok,
            detail: detail.into(),
            fix: None,
            arrived_after_ms: None,
        }
    }
    pub fn fail(
        check: impl Into<String>,
        detail: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Check::with_fix(Status::Fail, check.into(), detail.into(), fix.into())
    }
    pub fn warn(
        check: impl Into<String>,
        detail: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Check::with_fix(Status::Warn, check.into(), detail.into(), fix.into())
    }
    fn with_fix(status: Status, check: String, detail: String, fix: String) -> Self {
        Check {
            check,
            status,
            detail,
            fix: Some(fix),
            arrived_after_ms: None,
        }
    }

    /// A `--send-test` row's delay, for `-o json`.
    pub fn arrived_after(mut self, ms: Option<u64>) -> Self {
        self.arrived_after_ms = ms;
        self
    }
    /// A failed check from an error: its message, and its help as the fix.
    fn from_error(check: impl Into<String>, e: &Error, fix: &str) -> Self {
        Check::fail(
            check,
            e.message.clone(),
            e.help.clone().unwrap_or_else(|| fix.to_string()),
        )
    }
}

pub struct Checklist(pub Vec<Check>);

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let (manifest, manifest_check) = match &args.file {
        Some(f) => (Some(manifest::load(f)?), None),
        None if Path::new(manifest::DEFAULT_FILE).exists() => (
            Some(manifest::load(Path::new(manifest::DEFAULT_FILE))?),
            None,
        ),
        None => (
            None,
            Some(Check::warn(
                "manifest",
                "no o11y.toml here: only the environment is checked",
                "create o11y.toml (see the README's quick start), or pass `--file`",
            )),
        ),
    };
    let wait = crate::readback::Wait::from_args(&args.timeout, !args.send_test)?;
    let plan = crate::send_test::Plan::new(manifest.as_ref(), honeycomb_in_environment().is_some());
    let send_tests = async {
        match wait.enabled {
            true => crate::send_test::run(ctx, manifest.as_ref(), plan, wait.timeout).await,
            false => Vec::new(),
        }
    };
    let (aws, honeycomb, rollbar, security, sent) = tokio::join!(
        aws_checks(ctx, manifest.as_ref()),
        honeycomb_checks(ctx, manifest.as_ref()),
        rollbar_checks(ctx, manifest.as_ref()),
        security_checks(ctx),
        send_tests
    );
    let mut checks: Vec<Check> = manifest_check.into_iter().collect();
    if let Some(m) = &manifest {
        checks.push(Check::ok(
            "manifest",
            format!("{}: {} resources", m.path.display(), m.resource_count()),
        ));
    }
    checks.extend(aws);
    checks.extend(honeycomb);
    checks.extend(rollbar);
    checks.extend(security);
    checks.extend(daemon_checks());
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

/// Region, credentials, each service the manifest needs, every resource, and spend.
async fn aws_checks(ctx: &Context, m: Option<&Manifest>) -> Vec<Check> {
    let mut out = Vec::new();
    if m.is_some_and(|m| !m.needs_xray() && !m.needs_logs()) {
        return out;
    }
    match crate::aws::region(&ctx.aws_args).await {
        Ok(r) => out.push(Check::ok("aws region", r.to_string())),
        Err(e) => {
            out.push(Check::from_error(
                "aws region",
                &e,
                "export AWS_REGION=us-east-1",
            ));
            return out;
        }
    }
    match ctx.sdk_config().await {
        Ok(_) => out.push(Check::ok("aws credentials", "found")),
        Err(e) => {
            out.push(Check::from_error(
                "aws credentials",
                &e,
                "export AWS_PROFILE=<profile>",
            ));
            return out;
        }
    }
    let needs_xray = m.is_none_or(Manifest::needs_xray);
    if needs_xray {
        match xray_answers(ctx).await {
            Ok(n) => out.push(Check::ok("aws xray", format!("X-Ray answers ({n} groups)"))),
            Err(e) => {
                out.push(Check::from_error(
                    "aws xray",
                    &e,
                    "check the endpoint and IAM permissions for xray:GetGroups",
                ));
                return out;
            }
        }
    }
    let mut forever = Vec::new();
    if m.is_none_or(Manifest::needs_logs) {
        match log_groups(ctx).await {
            Ok(groups) => {
                out.push(Check::ok(
                    "aws logs",
                    format!("CloudWatch Logs answers ({} log groups)", groups.len()),
                ));
                forever = groups
                    .into_iter()
                    .filter(|g| g.retention_in_days.is_none())
                    .map(|g| g.log_group_name)
                    .collect();
            }
            Err(e) => {
                out.push(Check::from_error(
                    "aws logs",
                    &e,
                    "check the endpoint and IAM permissions for logs:DescribeLogGroups",
                ));
                return out;
            }
        }
    }
    if let Some(first) = forever.first() {
        let shown: Vec<&str> = forever.iter().take(5).map(String::as_str).collect();
        let more = if forever.len() > 5 {
            format!(" and {} more", forever.len() - 5)
        } else {
            String::new()
        };
        out.push(Check::warn(
            "spend: log retention",
            match forever.len() {
                1 => format!("1 log group keeps its events forever: {}", shown.join(", ")),
                n => format!("{n} log groups keep their events forever: {}{more}", shown.join(", ")),
            },
            format!("o11y logs create-group {first} --retention-days 30 (or retention_days in o11y.toml, then o11y setup)"),
        ));
    }
    let Some(m) = m else { return out };
    match crate::setup::apply(ctx, m, true).await {
        Ok(report) => {
            let extra = transaction_search_checks(m, &report.outcomes);
            for o in report.outcomes {
                let check = format!("{} {}", o.kind, o.name);
                out.push(match o.result {
                    Ok(e) => match e.action {
                        Action::Unchanged => Check::ok(check, "exists and matches the manifest"),
                        Action::Created => Check::fail(check, "missing", "o11y setup"),
                        Action::Updated => Check::fail(
                            check,
                            format!("differs: {}", e.changes_text()),
                            "o11y setup",
                        ),
                    },
                    Err(e) => Check::from_error(check, &e, "o11y setup"),
                });
            }
            out.extend(extra);
        }
        Err(e) => out.push(Check::from_error("aws resources", &e, "o11y setup")),
    }
    out.extend(rule_spend(m.sampling_rules.iter().map(|(_, r)| &r.rule)));
    out
}

/// Beyond "matches the manifest": a destination still `PENDING`, and an indexing percentage above the free 1%.
fn transaction_search_checks(m: &Manifest, outcomes: &[crate::setup::Outcome]) -> Vec<Check> {
    use crate::xray::transaction_search::{percent, FREE_PERCENTAGE};
    let mut out = Vec::new();
    let Some(ts) = m.transaction_search.as_ref().filter(|ts| ts.enabled) else {
        return out;
    };
    let pending = outcomes.iter().any(|o| {
        o.result.as_ref().is_ok_and(|e| {
            e.kind == "xray segment destination"
                && e.action == Action::Unchanged
                && e.resource["Status"] == "PENDING"
        })
    });
    if pending {
        out.push(Check::warn(
            "xray transaction search",
            "the trace segment destination is CloudWatchLogs but still PENDING",
            "wait a few minutes, then `o11y xray transaction-search` (or `o11y setup`, which waits for ACTIVE)",
        ));
    }
    if ts.indexing_percentage > FREE_PERCENTAGE {
        out.push(Check::warn(
            "spend: transaction search indexing",
            format!(
                "indexes {}% of spans; X-Ray indexes {}% for free and bills the rest",
                percent(ts.indexing_percentage),
                percent(FREE_PERCENTAGE)
            ),
            "lower indexing_percentage in [xray.transaction_search] to 1, then run `o11y setup`",
        ));
    }
    out
}

/// The X-Ray SDKs read AWS_XRAY_DAEMON_ADDRESS: an app that sets it sends through the daemon, which AWS no
/// longer develops.
fn daemon_checks() -> Vec<Check> {
    match std::env::var("AWS_XRAY_DAEMON_ADDRESS") {
        Ok(v) if !v.trim().is_empty() => vec![Check::warn(
            "xray daemon",
            format!("AWS_XRAY_DAEMON_ADDRESS is set ({}): the X-Ray SDKs and daemon are in maintenance since 2026-02-25 and unsupported from 2027-02-25", v.trim()),
            "send OpenTelemetry spans to X-Ray's OTLP endpoint (https://xray.<region>.amazonaws.com/v1/traces) with Transaction Search on: `o11y xray transaction-search --enable`",
        )],
        _ => Vec::new(),
    }
}

async fn log_groups(ctx: &Context) -> Result<Vec<crate::logs::api::LogGroup>> {
    crate::logs::api::LogsApi::new(ctx.logs(Calls::Paging).await?)
        .groups(None)
        .await
}

async fn xray_answers(ctx: &Context) -> Result<usize> {
    Ok(XrayApi::new(ctx.xray(Calls::Paging).await?)
        .groups()
        .await?
        .len())
}

/// X-Ray's own `Default` rule: what a rule is compared with when the manifest has no other.
const DEFAULT_RATE: f64 = 0.05;
const DEFAULT_RESERVOIR: i64 = 1;

/// Warn on a sampling rule whose fixed rate or reservoir is far above the manifest's other rules (or, when it is
/// the only one, X-Ray's default of 5% after 1 request a second): a rate of 50% or more and over 5 times the
/// others' highest; a reservoir over 10 a second and over 10 times the others' highest.
pub fn rule_spend<'a>(rules: impl Iterator<Item = &'a SamplingRule> + Clone) -> Vec<Check> {
    let all: Vec<&SamplingRule> = rules.collect();
    let mut out = Vec::new();
    for r in &all {
        let others: Vec<&&SamplingRule> =
            all.iter().filter(|o| o.rule_name != r.rule_name).collect();
        let base_rate = others.iter().map(|o| o.fixed_rate).reduce(f64::max);
        let base_res = others.iter().map(|o| o.reservoir_size).max();
        let than = if others.is_empty() {
            "X-Ray's default"
        } else {
            "the manifest's other rules'"
        };
        let (base_rate, base_res) = (
            base_rate.unwrap_or(DEFAULT_RATE),
            base_res.unwrap_or(DEFAULT_RESERVOIR),
        );
        let check = format!("spend: sampling rule {}", r.rule_name);
        if r.fixed_rate >= 0.5 && r.fixed_rate > 5.0 * base_rate {
            out.push(Check::warn(
                check.clone(),
                format!(
                    "samples {}% of requests, over 5 times {than} {}%",
                    r.fixed_rate * 100.0,
                    base_rate * 100.0
                ),
                "lower FixedRate in the rule's file, then run `o11y setup`",
            ));
        }
        if r.reservoir_size > 10 && r.reservoir_size > 10 * base_res.max(1) {
            out.push(Check::warn(
                check,
                format!(
                    "reservoir of {} a second, over 10 times {than} {}",
                    r.reservoir_size, base_res
                ),
                "lower ReservoirSize in the rule's file, then run `o11y setup`",
            ));
        }
    }
    out
}

/// Honeycomb: the key is set and accepted (team and environment shown); the app's OpenTelemetry settings name
/// a service (the manifest's, when it names one), send to an OTLP endpoint in the key's region, and carry the
/// same key in `x-honeycomb-team` as HONEYCOMB_API_KEY. Skipped when the manifest has no `[honeycomb]`.
async fn honeycomb_checks(ctx: &Context, m: Option<&Manifest>) -> Vec<Check> {
    use crate::honeycomb::{self, KeyKind, Region};
    use crate::otlp;
    let detected = m
        .filter(|m| m.honeycomb.is_none())
        .and_then(|_| honeycomb_in_environment());
    let Some(conf) = m
        .map_or(Some(Default::default()), |m| m.honeycomb.clone())
        .or_else(|| detected.as_ref().map(|_| Default::default()))
    else {
        return Vec::new();
    };
    let env = crate::context::env_var;
    let key = env("HONEYCOMB_API_KEY");
    let conn = honeycomb::Connection {
        api_key: key.clone(),
        api_endpoint: env("HONEYCOMB_API_ENDPOINT")
            .unwrap_or_else(|| honeycomb::DEFAULT_ENDPOINT.into()),
    };
    let mut out: Vec<Check> = detected
        .map(|var| {
            Check::ok(
                "honeycomb",
                format!("checked because {var} (o11y.toml has no [honeycomb])"),
            )
        })
        .into_iter()
        .collect();
    let mut key_auth = None;
    match conn.connect() {
        Err(e) => out.push(Check::from_error(
            "honeycomb key",
            &e,
            "export HONEYCOMB_API_KEY=<key>",
        )),
        Ok(api) => {
            let shown = format!("{} {}", api.kind.describe(), api.shown_key());
            let accepted = match api.kind {
                KeyKind::Management { .. } => api
                    .auth_v2(ctx)
                    .await
                    .map(|a| format!("team {}", a.team.name)),
                _ => api.auth(ctx).await.map(|a| {
                    let who = format!("team {}, environment {}", a.team.name, env_name(&a));
                    key_auth = Some(a);
                    who
                }),
            };
            out.push(match accepted {
                Ok(who) => Check::ok("honeycomb key", format!("{shown} accepted: {who}")),
                Err(e) => Check::from_error("honeycomb key", &e, "check HONEYCOMB_API_KEY"),
            });
        }
    }

    let want = conf.service_name.clone();
    let fix_service = format!(
        "export OTEL_SERVICE_NAME={}",
        want.as_deref().unwrap_or("<service>")
    );
    out.push(match (env(otlp::SERVICE_NAME), &want) {
        (None, _) => Check::fail(
            "otel service name",
            "OTEL_SERVICE_NAME is not set",
            fix_service,
        ),
        (Some(s), Some(w)) if s.trim() != w => Check::fail(
            "otel service name",
            format!("OTEL_SERVICE_NAME is `{s}`, the manifest says `{w}`"),
            fix_service,
        ),
        (Some(s), _) => Check::ok("otel service name", s),
    });

    let api_region = Region::of_url(&conn.api_endpoint);
    let region = api_region.unwrap_or(Region::Us);
    let fix_endpoint = format!(
        "export OTEL_EXPORTER_OTLP_ENDPOINT={}",
        region.api_endpoint()
    );
    let settings = match otlp::Settings::read(None, |v| std::env::var(v).ok()) {
        Ok(s) => s,
        Err(e) => {
            out.push(Check::from_error(
                "otel exporter endpoint",
                &e,
                &fix_endpoint,
            ));
            return out;
        }
    };
    out.extend(skipped_header_checks(&settings));
    let otlp_region = Region::of_url(&settings.url);
    out.push(match (otlp_region, api_region) {
        (Some(o), Some(a)) if o != a => Check::fail(
            "otel exporter endpoint",
            format!(
                "{} sends to Honeycomb {}, but the Honeycomb API endpoint is in {}",
                settings.url_from,
                o.name(),
                a.name()
            ),
            fix_endpoint,
        ),
        _ => Check::ok(
            "otel exporter endpoint",
            format!("spans go to {} ({})", settings.url, settings.url_from),
        ),
    });

    out.push(
        header_key_check(
            ctx,
            &conn.api_endpoint,
            &settings,
            key.as_deref(),
            key_auth.as_ref(),
        )
        .await,
    );
    out
}

/// A key's environment as people name it (`Classic` for a Classic key, whose environment is empty).
fn env_name(a: &crate::honeycomb::api::Auth) -> String {
    if a.environment.name.is_empty() {
        "Classic".into()
    } else {
        a.environment.name.clone()
    }
}

/// Whether the environment carries Honeycomb settings, for a manifest without `[honeycomb]`: the variable that
/// shows it (HONEYCOMB_API_KEY, an x-honeycomb-team in the OTLP headers, or an OTLP endpoint at Honeycomb).
fn honeycomb_in_environment() -> Option<String> {
    use crate::otlp;
    let env = crate::context::env_var;
    if env("HONEYCOMB_API_KEY").is_some() {
        return Some("HONEYCOMB_API_KEY is set".into());
    }
    for var in [otlp::TRACES_HEADERS, otlp::HEADERS] {
        if env(var).is_some_and(|h| h.to_ascii_lowercase().contains("x-honeycomb-team")) {
            return Some(format!("{var} has x-honeycomb-team"));
        }
    }
    for var in [otlp::TRACES_ENDPOINT, otlp::ENDPOINT] {
        if env(var).is_some_and(|u| crate::honeycomb::Region::of_url(&u).is_some()) {
            return Some(format!("{var} is at Honeycomb"));
        }
    }
    None
}

/// The key the app sends (`x-honeycomb-team`) beside HONEYCOMB_API_KEY: the same key, or keys of one team and
/// environment, as GET /1/auth answers for each (an ingest key in the headers beside a configuration key is
/// Honeycomb's recommended setup). `key_auth` is HONEYCOMB_API_KEY's answer, when it was accepted.
async fn header_key_check(
    ctx: &Context,
    api_endpoint: &str,
    settings: &crate::otlp::Settings,
    key: Option<&str>,
    key_auth: Option<&crate::honeycomb::api::Auth>,
) -> Check {
    use crate::honeycomb::{api::HoneycombApi, key_kind, KeyKind};
    const CHECK: &str = "otel x-honeycomb-team";
    let var = settings.headers_from.unwrap_or(crate::otlp::HEADERS);
    let fix_header = format!(
        "export {var}=\"x-honeycomb-team=<an ingest key of HONEYCOMB_API_KEY's environment>\""
    );
    let Some(h) = settings.header("x-honeycomb-team") else {
        return Check::fail(
            CHECK,
            format!("{var} has no x-honeycomb-team"),
            "export OTEL_EXPORTER_OTLP_HEADERS=\"x-honeycomb-team=<an ingest key>\"",
        );
    };
    let hk = key_kind(h);
    let shown = format!("{} {}", hk.describe(), hk.shown(h));
    let Some(k) = key else {
        return Check::ok(CHECK, format!("{var} sends {}", hk.shown(h)));
    };
    if h == k {
        return Check::ok(
            CHECK,
            format!("{var} sends the same key as HONEYCOMB_API_KEY"),
        );
    }
    if matches!(hk, KeyKind::Management { .. }) {
        return Check::fail(
            CHECK,
            format!("the x-honeycomb-team in {var} is {shown}, which cannot send events"),
            fix_header,
        );
    }
    let answer = HoneycombApi::new(api_endpoint, h, hk.clone())
        .auth(ctx)
        .await;
    let a = match answer {
        Ok(a) => a,
        Err(e) => {
            return Check::fail(
                CHECK,
                format!(
                    "the x-honeycomb-team in {var} ({shown}) is not accepted: {}",
                    e.message
                ),
                fix_header,
            )
        }
    };
    let Some(b) = key_auth else {
        return Check::warn(
            CHECK,
            format!(
                "{var} sends {shown} of team {}, environment {}; HONEYCOMB_API_KEY could not be compared with it",
                a.team.name,
                env_name(&a)
            ),
            "fix the honeycomb key check, then run `o11y doctor` again",
        );
    };
    if a.team.slug == b.team.slug && a.environment.slug == b.environment.slug {
        Check::ok(
            CHECK,
            format!(
                "{var} sends {shown}, of the same team and environment as HONEYCOMB_API_KEY (team {}, environment {})",
                a.team.name,
                env_name(&a)
            ),
        )
    } else {
        let kk = key_kind(k);
        Check::fail(
            CHECK,
            format!(
                "the x-honeycomb-team in {var} ({}) is of team {}, environment {}, but HONEYCOMB_API_KEY ({}) is of team {}, environment {}",
                hk.shown(h),
                a.team.name,
                env_name(&a),
                kk.shown(k),
                b.team.name,
                env_name(b)
            ),
            fix_header,
        )
    }
}

/// A header entry without `=` is skipped by the app's OpenTelemetry exporter, which still sends its spans:
/// the app silently loses that header (often the key). One failed check per entry, by position, never its value.
fn skipped_header_checks(settings: &crate::otlp::Settings) -> Vec<Check> {
    let var = settings.headers_from.unwrap_or(crate::otlp::HEADERS);
    settings
        .skipped_warnings()
        .into_iter()
        .map(|w| {
            Check::fail(
                "otel headers",
                w,
                format!("write every entry of {var} as name=value, e.g. x-honeycomb-team=<key>,x-other=<value>"),
            )
        })
        .collect()
}

/// Whether ROLLBAR_ACCESS_TOKEN is set, for a manifest without `[rollbar]`.
fn rollbar_in_environment() -> bool {
    crate::context::env_var("ROLLBAR_ACCESS_TOKEN").is_some()
}

/// The Rollbar token is set and well-formed (the same rules as `o11y rollbar`); with `--send-test`, a test
/// item goes through. Skipped when the manifest has no `[rollbar]`.
async fn rollbar_checks(_ctx: &Context, m: Option<&Manifest>) -> Vec<Check> {
    use crate::rollbar;
    let detected = m.is_some_and(|m| m.rollbar.is_none()) && rollbar_in_environment();
    let Some(_conf) = m
        .map_or(Some(Default::default()), |m| m.rollbar.clone())
        .or_else(|| detected.then(Default::default))
    else {
        return Vec::new();
    };
    let opts = rollbar::Options {
        access_token: std::env::var("ROLLBAR_ACCESS_TOKEN").ok(),
        api_endpoint: std::env::var("ROLLBAR_ENDPOINT")
            .unwrap_or_else(|_| rollbar::DEFAULT_ENDPOINT.into()),
    };
    let (token, _endpoint) = match opts.resolve() {
        Ok(t) => t,
        Err(e) => {
            return vec![Check::from_error(
                "rollbar token",
                &e,
                "export ROLLBAR_ACCESS_TOKEN=<token>",
            )]
        }
    };
    let mut out: Vec<Check> = detected
        .then(|| {
            Check::ok(
                "rollbar",
                "checked because ROLLBAR_ACCESS_TOKEN is set (o11y.toml has no [rollbar])",
            )
        })
        .into_iter()
        .collect();
    out.push(Check::ok(
        "rollbar token",
        format!(
            "ROLLBAR_ACCESS_TOKEN is set and well-formed ({})",
            crate::secret::mask(&token)
        ),
    ));
    out
}

/// Inside a git checkout: a secret from the environment in a tracked file (teams paste live keys into notes
/// and compose files). Names the variable, file and line; never the secret.
async fn security_checks(_ctx: &Context) -> Vec<Check> {
    let secrets: Vec<(&str, String)> = [
        "HONEYCOMB_API_KEY",
        "ROLLBAR_ACCESS_TOKEN",
        "AWS_SECRET_ACCESS_KEY",
    ]
    .into_iter()
    .filter_map(|v| {
        std::env::var(v)
            .ok()
            .filter(|s| s.trim().len() >= 8)
            .map(|s| (v, s.trim().to_string()))
    })
    .collect();
    if secrets.is_empty() {
        return Vec::new();
    }
    let listed = match tokio::process::Command::new("git")
        .args(["ls-files", "-z"])
        .output()
        .await
    {
        Ok(o) if o.status.success() => o.stdout,
        _ => return Vec::new(), // not a git checkout, or no git: nothing to scan
    };
    let files: Vec<String> = listed
        .split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    let mut found = Vec::new();
    for path in &files {
        if tokio::fs::metadata(path)
            .await
            .map_or(true, |m| m.len() > 8 << 20)
        {
            continue;
        }
        let Ok(bytes) = tokio::fs::read(path).await else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for (var, secret) in &secrets {
            for (i, line) in text.lines().enumerate() {
                if line.contains(secret.as_str()) {
                    found.push(Check::warn(
                        "security: secrets in git",
                        format!("the value of {var} appears in {path}:{}", i + 1),
                        format!("remove it from {path} (and from git history), then rotate the {var} it leaks"),
                    ));
                }
            }
        }
    }
    if found.is_empty() {
        found.push(Check::ok(
            "security: secrets in git",
            format!(
                "no secret from the environment in {} tracked files",
                files.len()
            ),
        ));
    }
    found
}

impl Render for Checklist {
    fn json(&self) -> Value {
        Value::Array(
            self.0
                .iter()
                .map(|c| {
                    let mut v = json!({"check": c.check, "status": c.status.as_str(), "detail": c.detail, "fix": c.fix});
                    if let Some(ms) = c.arrived_after_ms {
                        v["arrived_after_ms"] = json!(ms);
                    }
                    v
                })
                .collect(),
        )
    }

    fn text(&self, style: &Style) -> String {
        let width = self
            .0
            .iter()
            .map(|c| c.check.chars().count())
            .max()
            .unwrap_or(0);
        let mut s = String::new();
        for c in &self.0 {
            let mark = match c.status {
                Status::Ok => style.green("✓"),
                Status::Fail => style.red("✗"),
                Status::Warn => style.yellow("!"),
            };
            s.push_str(&format!("{mark} {:<width$}  {}\n", c.check, c.detail));
            if let Some(f) = &c.fix {
                s.push_str(&format!("  {} {f}\n", style.bold("fix:")));
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(name: &str, rate: f64, reservoir: i64) -> SamplingRule {
        let mut r = crate::xray::rule_file::parse(include_str!("../json/xray.json"))
            .unwrap()
            .rule;
        r.rule_name = name.into();
        r.fixed_rate = rate;
        r.reservoir_size = reservoir;
        r
    }

    #[test]
    fn a_rule_far_above_the_others_is_a_spend_warning() {
        let rules = [rule("a", 0.05, 1), rule("b", 1.0, 500), rule("c", 0.1, 5)];
        let w = rule_spend(rules.iter());
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w
            .iter()
            .all(|c| c.check == "spend: sampling rule b" && c.status == Status::Warn));
        assert!(rule_spend([rule("Cruddur", 0.1, 5)].iter()).is_empty());
        assert_eq!(rule_spend([rule("x", 0.9, 1)].iter()).len(), 1);
    }
}
