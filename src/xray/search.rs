//! Transaction Search as a resource: its spec (from `--enable` or `[xray.transaction_search]`), its state
//! (destination, indexing, the logs resource policy, `aws/spans`), and the ensure that the command, `setup`
//! and `doctor` share, in the order the CloudWatch guide gives: the logs resource policy for
//! `xray.amazonaws.com`, the trace segment destination `CloudWatchLogs` (waited for until `ACTIVE`), the
//! `Default` indexing rule, the retention of `aws/spans`.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::api::{IndexingRule, SegmentDestination, XrayApi, DEFAULT_INDEXING_RULE};
use crate::context::{Calls, Context};
use crate::ensure::{Action, Change, Ensured, Outcome};
use crate::error::{Error, Result};
use crate::logs::api::{LogGroup, LogsApi, ResourcePolicy};
use crate::logs::create_group::{self, LogGroupSpec};
use crate::output::{or_dash, Output};
use crate::time::human;

/// The log group X-Ray writes spans to under Transaction Search.
pub const SPANS_GROUP: &str = "aws/spans";
/// The log group of Application Signals, the policy's second resource.
pub const APP_SIGNALS_GROUP: &str = "/aws/application-signals/data";
/// The name of the resource policy o11y creates (never the name of one of the user's).
pub const POLICY_NAME: &str = "o11y-xray-transaction-search";
/// The share of spans X-Ray indexes for free, in percent.
pub const FREE_PERCENTAGE: f64 = 1.0;
/// How long `--enable` (and `setup`) wait for the destination to become `ACTIVE` by default.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(300);
/// Between two reads of the destination while waiting (the hidden O11Y_POLL_MS overrides it).
const POLL_INTERVAL: Duration = Duration::from_secs(5);

/// Transaction Search as it should be (from the flags or the manifest's `[xray.transaction_search]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    pub enabled: bool,
    /// The `Default` indexing rule's percentage (used when enabled).
    pub indexing_percentage: f64,
    /// `None`: leave the retention of `aws/spans` as it is.
    pub spans_retention_days: Option<i32>,
}

impl Spec {
    /// Check the spec before any request: a usage error (exit 2) naming the value.
    pub fn validate(&self) -> Result<()> {
        check_percentage(self.indexing_percentage)?;
        if self.spans_retention_days.is_some() {
            LogGroupSpec {
                name: SPANS_GROUP.into(),
                retention_days: self.spans_retention_days,
            }
            .validate()?;
        }
        Ok(())
    }
}

/// The API reference types DesiredSamplingPercentage as a double with no range; a percentage outside 0 to
/// 100 (or not a number) has no meaning, so it is refused before any call.
pub fn check_percentage(p: f64) -> Result<()> {
    if p.is_finite() && (0.0..=100.0).contains(&p) {
        Ok(())
    } else {
        Err(Error::usage(format!(
            "indexing percentage {p} is not a percentage between 0 and 100"
        ))
        .with_help("1 (the free share) is X-Ray's default; e.g. `--indexing-percentage 1`"))
    }
}

/// Everything the ensure and the state need: X-Ray, CloudWatch Logs, STS and the region.
pub struct Apis {
    pub xray: XrayApi,
    pub logs: LogsApi,
    pub sts: aws_sdk_sts::Client,
    pub region: String,
}

impl Apis {
    pub async fn new(ctx: &Context, calls: Calls) -> Result<Self> {
        let region = ctx.region().await?;
        Ok(Apis {
            xray: XrayApi::new(ctx.xray(calls).await?),
            logs: LogsApi::new(ctx.logs(calls).await?),
            sts: ctx.sts().await?,
            region,
        })
    }

    /// The ARNs and conditions of the policy, for this account and region.
    async fn target(&self) -> Result<Target> {
        let account = crate::aws::account_id(&self.sts).await?;
        Ok(Target::new(&self.region, &account))
    }
}

/// Where the policy must let X-Ray write, in one account and region.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub partition: &'static str,
    pub region: String,
    pub account: String,
}

impl Target {
    pub fn new(region: &str, account: &str) -> Self {
        Target {
            partition: crate::aws::partition(region),
            region: region.to_string(),
            account: account.to_string(),
        }
    }

    /// The two log groups' ARNs as the CloudWatch guide writes them (`...:log-group:NAME:*`).
    pub fn resources(&self) -> [String; 2] {
        [SPANS_GROUP, APP_SIGNALS_GROUP].map(|g| {
            format!(
                "arn:{}:logs:{}:{}:log-group:{g}:*",
                self.partition, self.region, self.account
            )
        })
    }

    /// The policy document of the CloudWatch guide ("Enable Transaction Search"): xray.amazonaws.com may call
    /// logs:PutLogEvents on both groups, for X-Ray resources of this account only.
    pub fn document(&self) -> Value {
        json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Sid": "TransactionSearchXRayAccess",
                "Effect": "Allow",
                "Principal": { "Service": "xray.amazonaws.com" },
                "Action": "logs:PutLogEvents",
                "Resource": self.resources(),
                "Condition": {
                    "ArnLike": { "aws:SourceArn": format!("arn:{}:xray:{}:{}:*", self.partition, self.region, self.account) },
                    "StringEquals": { "aws:SourceAccount": self.account },
                },
            }],
        })
    }

    /// Whether a policy document already lets xray.amazonaws.com call logs:PutLogEvents on both groups
    /// (statements that allow it, with wildcards as IAM reads them; conditions only narrow who may, so they
    /// are not compared).
    pub fn granted_by(&self, document: &str) -> bool {
        let Ok(doc) = serde_json::from_str::<Value>(document) else {
            return false;
        };
        let list = |v: &Value| -> Vec<String> {
            match v {
                Value::String(s) => vec![s.clone()],
                Value::Array(a) => a
                    .iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect(),
                _ => Vec::new(),
            }
        };
        let statements = match &doc["Statement"] {
            Value::Array(a) => a.clone(),
            s @ Value::Object(_) => vec![s.clone()],
            _ => Vec::new(),
        };
        let mut patterns = Vec::new();
        for s in statements.iter().filter(|s| s["Effect"] == "Allow") {
            let principal = match &s["Principal"] {
                Value::String(p) => p == "*",
                p => {
                    list(&p["Service"])
                        .iter()
                        .any(|s| s == "xray.amazonaws.com")
                        || list(&p["AWS"]).iter().any(|s| s == "*")
                }
            };
            let action = list(&s["Action"])
                .iter()
                .any(|a| glob(&a.to_ascii_lowercase(), "logs:putlogevents"));
            if principal && action {
                patterns.extend(list(&s["Resource"]));
            }
        }
        self.resources()
            .iter()
            .all(|arn| patterns.iter().any(|p| glob(p, arn)))
    }
}

/// IAM's wildcards: `*` any run of characters, `?` any one character.
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// Transaction Search as it is.
#[derive(Debug, Clone)]
pub struct State {
    pub destination: SegmentDestination,
    /// The `Default` indexing rule (`None` when the account has none).
    pub indexing: Option<IndexingRule>,
    /// The policy that grants X-Ray the access (o11y's or the user's), if any.
    pub policy: Option<ResourcePolicy>,
    /// `aws/spans`, if it exists.
    pub spans: Option<LogGroup>,
}

impl State {
    pub async fn read(apis: &Apis) -> Result<State> {
        let target = apis.target().await?;
        Ok(State {
            destination: apis.xray.trace_segment_destination().await?,
            indexing: default_rule(&apis.xray).await?,
            policy: apis
                .logs
                .resource_policies()
                .await?
                .into_iter()
                .find(|p| target.granted_by(&p.policy_document)),
            spans: apis.logs.group(SPANS_GROUP).await?,
        })
    }
}

async fn default_rule(xray: &XrayApi) -> Result<Option<IndexingRule>> {
    Ok(xray
        .indexing_rules()
        .await?
        .into_iter()
        .find(|r| r.name == DEFAULT_INDEXING_RULE))
}

/// `12.5` for 12.5, `1` for 1.0.
pub fn percent(p: f64) -> String {
    format!("{p}")
}

/// The hidden O11Y_POLL_MS or 5 seconds.
fn poll_interval() -> Duration {
    crate::time::poll_override().unwrap_or(POLL_INTERVAL)
}

/// Make Transaction Search match `spec` (with `dry_run`, only read and compare), part by part in AWS's
/// order; a part that fails ends the list (the later parts depend on it). Progress goes to stderr.
pub async fn ensure(
    out: &Output,
    apis: &Apis,
    spec: &Spec,
    dry_run: bool,
    wait: Duration,
) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    if !spec.enabled {
        let r = ensure_destination(out, apis, "XRay", dry_run, None).await;
        outcomes.push(Outcome::new("xray segment destination", "XRay", r));
        return outcomes;
    }
    let r = ensure_policy(apis, dry_run).await;
    let name = r
        .as_ref()
        .map_or(POLICY_NAME.to_string(), |e| e.name.clone());
    let failed = r.is_err();
    outcomes.push(Outcome::new("logs resource policy", &name, r));
    if failed {
        return outcomes;
    }
    let r = ensure_destination(out, apis, "CloudWatchLogs", dry_run, Some(wait)).await;
    let failed = r.is_err();
    outcomes.push(Outcome::new(
        "xray segment destination",
        "CloudWatchLogs",
        r,
    ));
    if failed {
        return outcomes;
    }
    let r = ensure_indexing(apis, spec.indexing_percentage, dry_run).await;
    let failed = r.is_err();
    outcomes.push(Outcome::new("xray indexing rule", DEFAULT_INDEXING_RULE, r));
    if failed {
        return outcomes;
    }
    if let Some(days) = spec.spans_retention_days {
        let group = LogGroupSpec {
            name: SPANS_GROUP.into(),
            retention_days: Some(days),
        };
        let r = create_group::ensure(&apis.logs, &group, dry_run).await;
        outcomes.push(Outcome::new("logs group", SPANS_GROUP, r));
    }
    outcomes
}

/// The resource policy: a policy (any name) that already grants the access is `unchanged`; else o11y's own
/// policy is created, or, when o11y's policy exists with another document, updated. Nobody else's is touched.
async fn ensure_policy(apis: &Apis, dry_run: bool) -> Result<Ensured> {
    let target = apis.target().await?;
    let policies = apis.logs.resource_policies().await?;
    let desired = target.document().to_string();
    let ensured = |action, changes, p: ResourcePolicy| Ensured {
        kind: "logs resource policy",
        name: p.policy_name.clone(),
        action,
        changes,
        resource_key: "resourcePolicy",
        resource: serde_json::to_value(p).unwrap_or_default(),
    };
    if let Some(p) = policies
        .iter()
        .find(|p| target.granted_by(&p.policy_document))
    {
        return Ok(ensured(Action::Unchanged, Vec::new(), p.clone()));
    }
    let (action, changes) = match policies.iter().find(|p| p.policy_name == POLICY_NAME) {
        Some(_) => (
            Action::Updated,
            vec![Change::new(
                "policyDocument",
                "does not grant xray.amazonaws.com logs:PutLogEvents on both groups",
                "the CloudWatch guide's statement",
            )],
        ),
        None => (Action::Created, Vec::new()),
    };
    let p = if dry_run {
        ResourcePolicy {
            policy_name: POLICY_NAME.into(),
            policy_document: desired,
            last_updated_time: None,
        }
    } else {
        apis.logs.put_resource_policy(POLICY_NAME, &desired).await?
    };
    Ok(ensured(action, changes, p))
}

/// The destination: unchanged when it already is `want`, else updated. With `wait`, then waits for `ACTIVE`.
async fn ensure_destination(
    out: &Output,
    apis: &Apis,
    want: &str,
    dry_run: bool,
    wait: Option<Duration>,
) -> Result<Ensured> {
    let current = apis.xray.trace_segment_destination().await?;
    let (action, changes, mut dest) = if current.destination == want {
        (Action::Unchanged, Vec::new(), current)
    } else {
        let change = Change::new("Destination", current.destination.clone(), want);
        let d = if dry_run {
            SegmentDestination {
                destination: want.to_string(),
                status: "PENDING".into(),
            }
        } else {
            apis.xray.update_trace_segment_destination(want).await?
        };
        (Action::Updated, vec![change], d)
    };
    if let (Some(wait), false) = (wait, dry_run) {
        if dest.status != "ACTIVE" {
            dest = wait_active(out, &apis.xray, wait).await?;
        }
    }
    Ok(Ensured {
        kind: "xray segment destination",
        name: want.to_string(),
        action,
        changes,
        resource_key: "TraceSegmentDestination",
        resource: serde_json::to_value(dest).unwrap_or_default(),
    })
}

/// Read the destination until its status is `ACTIVE`, for at most `wait`, with a line on stderr each time.
async fn wait_active(out: &Output, xray: &XrayApi, wait: Duration) -> Result<SegmentDestination> {
    let started = Instant::now();
    let interval = poll_interval();
    loop {
        let d = xray.trace_segment_destination().await?;
        let elapsed = started.elapsed();
        if d.status == "ACTIVE" {
            out.note(&format!(
                "trace segment destination {} is ACTIVE (after {})",
                d.destination,
                human(elapsed)
            ));
            return Ok(d);
        }
        if elapsed >= wait {
            return Err(Error::failed(format!(
                "the trace segment destination is {} and still {} after {}",
                d.destination,
                or_dash(Some(&d.status).filter(|s| !s.is_empty())),
                human(wait)
            ))
            .with_help("X-Ray can take several minutes: see the state later with `o11y xray transaction-search`, or run this again with a longer `--wait`"));
        }
        out.note(&format!(
            "waiting for the trace segment destination {} to become ACTIVE: {} after {} (up to {})",
            d.destination,
            d.status,
            human(elapsed),
            human(wait)
        ));
        tokio::time::sleep(interval.min(wait.saturating_sub(elapsed))).await;
    }
}

/// The `Default` indexing rule's percentage: unchanged when it already is `percentage`, else updated.
async fn ensure_indexing(apis: &Apis, percentage: f64, dry_run: bool) -> Result<Ensured> {
    let current = default_rule(&apis.xray).await?;
    let from = current.as_ref().and_then(IndexingRule::desired);
    let same = from.is_some_and(|f| (f - percentage).abs() < 1e-9);
    let (action, changes, rule) = if same {
        (Action::Unchanged, Vec::new(), current)
    } else {
        let change = Change::new("DesiredSamplingPercentage", json!(from), percentage);
        let rule = if dry_run {
            None
        } else {
            Some(
                apis.xray
                    .update_indexing_rule(DEFAULT_INDEXING_RULE, percentage)
                    .await?,
            )
        };
        (Action::Updated, vec![change], rule)
    };
    Ok(Ensured {
        kind: "xray indexing rule",
        name: DEFAULT_INDEXING_RULE.into(),
        action,
        changes,
        resource_key: "IndexingRule",
        resource: serde_json::to_value(rule).unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target() -> Target {
        Target::new("us-east-1", "123456789012")
    }

    #[test]
    fn the_policy_follows_the_cloudwatch_guide_with_the_account_and_region() {
        let d = target().document();
        let s = &d["Statement"][0];
        assert_eq!(s["Principal"]["Service"], "xray.amazonaws.com");
        assert_eq!(s["Action"], "logs:PutLogEvents");
        assert_eq!(
            s["Resource"],
            json!([
                "arn:aws:logs:us-east-1:123456789012:log-group:aws/spans:*",
                "arn:aws:logs:us-east-1:123456789012:log-group:/aws/application-signals/data:*"
            ])
        );
        assert_eq!(
            s["Condition"]["ArnLike"]["aws:SourceArn"],
            "arn:aws:xray:us-east-1:123456789012:*"
        );
        assert_eq!(
            s["Condition"]["StringEquals"]["aws:SourceAccount"],
            "123456789012"
        );
        assert!(target().granted_by(&d.to_string()));
        let cn = Target::new("cn-north-1", "1").document().to_string();
        assert!(cn.contains("arn:aws-cn:logs:cn-north-1:1:log-group:aws/spans:*"));
    }

    #[test]
    fn a_users_policy_that_grants_the_same_access_counts_with_wildcards_and_one_that_does_not_does_not(
    ) {
        let t = target();
        let wide = r#"{"Statement": {"Effect": "Allow", "Principal": {"Service": ["logs.amazonaws.com", "xray.amazonaws.com"]},
            "Action": ["logs:CreateLogStream", "logs:Put*"], "Resource": "arn:aws:logs:us-east-1:123456789012:log-group:*"}}"#;
        assert!(t.granted_by(wide));
        let one_group = r#"{"Statement": [{"Effect": "Allow", "Principal": {"Service": "xray.amazonaws.com"},
            "Action": "logs:PutLogEvents", "Resource": "arn:aws:logs:us-east-1:123456789012:log-group:aws/spans:*"}]}"#;
        assert!(!t.granted_by(one_group));
        let other_service = r#"{"Statement": [{"Effect": "Allow", "Principal": {"Service": "es.amazonaws.com"},
            "Action": "logs:*", "Resource": "*"}]}"#;
        assert!(!t.granted_by(other_service));
        let other_account = target()
            .document()
            .to_string()
            .replace("123456789012", "999999999999");
        assert!(!t.granted_by(&other_account));
        assert!(!t.granted_by("not json"));
    }

    #[test]
    fn percentages_outside_0_to_100_are_usage_errors() {
        for ok in [0.0, 1.0, 0.5, 100.0] {
            check_percentage(ok).unwrap();
        }
        for bad in [-0.1, 100.5, f64::NAN, f64::INFINITY] {
            assert_eq!(check_percentage(bad).unwrap_err().exit_code(), 2, "{bad}");
        }
    }

    #[test]
    fn glob_reads_iam_wildcards() {
        assert!(glob("*", "anything"));
        assert!(glob("a?c*", "abcdef"));
        assert!(!glob("a?c", "abcd"));
        assert!(glob(
            "arn:*:log-group:aws/spans:*",
            "arn:x:log-group:aws/spans:*"
        ));
    }
}
