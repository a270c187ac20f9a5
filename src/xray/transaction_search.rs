//! `o11y xray transaction-search`: X-Ray's Transaction Search at a glance, or ensured (`--enable`). The
//! state, the spec and the ensure (which `setup` and `doctor` use too) are in `search.rs`.

use serde_json::{json, Value};

use super::api::DEFAULT_INDEXING_RULE;
use super::search::{ensure, percent, Apis, Spec, State, FREE_PERCENTAGE, SPANS_GROUP};
use crate::context::{Calls, Context};
use crate::ensure::Report;
use crate::error::{Error, Result};
use crate::output::{or_dash, table, Render, Style};

/// Show X-Ray Transaction Search, or turn it on or off
///
/// Without a flag: the trace segment destination and its status (GetTraceSegmentDestination), the indexing
/// percentage desired and actual (GetIndexingRules, the `Default` rule), whether a CloudWatch Logs resource
/// policy lets xray.amazonaws.com write to `aws/spans` and `/aws/application-signals/data`
/// (DescribeResourcePolicies, with the account id from STS GetCallerIdentity), and the retention of `aws/spans`
/// (DescribeLogGroups).
///
/// `--enable` ensures all of it in the order AWS documents: the resource policy (PutResourcePolicy, named
/// `o11y-xray-transaction-search`; a policy of yours that already grants the access is left alone, and none is
/// ever overwritten or deleted), the destination `CloudWatchLogs` (UpdateTraceSegmentDestination, then
/// waiting for `ACTIVE` up to `--wait`), the `Default` indexing rule (UpdateIndexingRule; 1% is free), and the
/// retention of `aws/spans` when asked (PutRetentionPolicy). Each part is reported created, updated or
/// unchanged; a second run makes no write call. `--disable` sets the destination back to `XRay`; the resource
/// policy stays.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y xray transaction-search\n  o11y xray transaction-search --enable\n  o11y xray transaction-search --enable --indexing-percentage 1 --spans-retention-days 30 --wait 10m\n  o11y xray transaction-search --disable"
)]
pub struct Args {
    /// Turn Transaction Search on (or make sure it is)
    #[arg(long, conflicts_with = "disable")]
    pub enable: bool,
    /// Send trace segments back to X-Ray (the resource policy stays)
    #[arg(long, conflicts_with_all = ["indexing_percentage", "spans_retention_days", "wait"])]
    pub disable: bool,
    /// With --enable: the percentage of spans X-Ray indexes as trace summaries, 0 to 100 [default: 1, the free
    /// share]
    #[arg(long, value_name = "P", requires = "enable")]
    pub indexing_percentage: Option<f64>,
    /// With --enable: how long `aws/spans` keeps spans: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
    /// 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days
    #[arg(long, value_name = "DAYS", requires = "enable")]
    pub spans_retention_days: Option<i32>,
    /// With --enable: how long to wait for the destination to become ACTIVE
    #[arg(long, value_name = "DUR", default_value = "5m", requires = "enable")]
    pub wait: String,
}

impl Render for State {
    fn json(&self) -> Value {
        json!({
            "Destination": self.destination.destination,
            "Status": self.destination.status,
            "IndexingRule": self.indexing,
            "resourcePolicy": self.policy,
            "logGroup": self.spans,
            "resource_policy_in_place": self.policy.is_some(),
        })
    }

    fn text(&self, style: &Style) -> String {
        let dest = &self.destination;
        let on = dest.is_cloudwatch_logs();
        let destination = format!(
            "{} ({}){}",
            if on {
                style.green(&dest.destination)
            } else {
                dest.destination.clone()
            },
            or_dash(Some(&dest.status).filter(|s| !s.is_empty())),
            if on {
                ": Transaction Search is on"
            } else {
                ": Transaction Search is off (`o11y xray transaction-search --enable`)"
            }
        );
        let indexing = match self.indexing.as_ref().and_then(|r| r.rule.probabilistic) {
            Some(p) => format!(
                "{}% desired, {} actual (rule {DEFAULT_INDEXING_RULE})",
                percent(p.desired_sampling_percentage),
                p.actual_sampling_percentage
                    .map_or("-".into(), |a| format!("{}%", percent(a)))
            ),
            None => format!("no probabilistic rule {DEFAULT_INDEXING_RULE}"),
        };
        let policy = match &self.policy {
            Some(p) => format!("in place ({})", p.policy_name),
            None => style.yellow("missing: xray.amazonaws.com may not write to aws/spans"),
        };
        let retention = match &self.spans {
            None => "log group not created yet".to_string(),
            Some(g) => match g.retention_in_days {
                Some(d) => format!("{d} days"),
                None => "never expire".to_string(),
            },
        };
        table(
            style,
            &["PART", "STATE"],
            [
                vec!["destination".to_string(), destination],
                vec!["indexing".to_string(), indexing],
                vec!["logs resource policy".to_string(), policy],
                vec![format!("{SPANS_GROUP} retention"), retention],
            ],
            &[],
        )
    }
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    if !args.enable && !args.disable {
        let apis = Apis::new(ctx, Calls::Paging).await?;
        return ctx.out.print(&State::read(&apis).await?);
    }
    let spec = Spec {
        enabled: args.enable,
        indexing_percentage: args.indexing_percentage.unwrap_or(FREE_PERCENTAGE),
        spans_retention_days: args.spans_retention_days,
    };
    spec.validate()?;
    let wait = crate::time::parse_duration(&args.wait)?
        .to_std()
        .map_err(|_| Error::usage(format!("--wait `{}` must not be negative", args.wait)))?;
    let apis = Apis::new(ctx, Calls::Paging).await?;
    let outcomes = ensure(&ctx.out, &apis, &spec, false, wait).await;
    let report = Report {
        outcomes,
        dry_run: false,
    };
    ctx.out.print(&report)?;
    match report.outcomes.iter().find_map(|o| o.result.as_ref().err()) {
        Some(e) => Err(Error {
            message: format!("Transaction Search: {}", e.message),
            ..e.clone()
        }),
        None => Ok(()),
    }
}
