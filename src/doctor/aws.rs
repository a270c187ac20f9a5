//! The AWS rows of doctor: the region and credentials, that each service the manifest needs answers a read
//! call, that every AWS resource of the manifest exists and matches (setup's own dry run), and spend. The
//! per-service rows come from `xray.rs` and `logs.rs`; this file orders them (a later row needs the earlier).

use super::checklist::Check;
use super::{logs, xray};
use crate::context::Context;
use crate::manifest::Manifest;

/// `found (account 123456789012)`: which account the credentials are of (GetCallerIdentity), so that with
/// several environments each one's row shows its own; only `found` when STS does not answer (it is not needed
/// by any other check).
async fn account(ctx: &Context) -> String {
    let id = match ctx.sts().await {
        Ok(sts) => sts.get_caller_identity().send().await.ok(),
        Err(_) => None,
    };
    match id.and_then(|i| i.account) {
        Some(a) => format!("found (account {a})"),
        None => "found".into(),
    }
}

/// Region, credentials, each service the manifest needs, every resource, and spend.
pub async fn checks(ctx: &Context, m: Option<&Manifest>) -> Vec<Check> {
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
    if let Err(e) = ctx.sdk_config().await {
        out.push(Check::from_error(
            "aws credentials",
            &e,
            "export AWS_PROFILE=<profile>",
        ));
        return out;
    }
    // The account (for the credentials row) is asked at the same time as X-Ray: no round trip is added.
    let needs_xray = m.is_none_or(Manifest::needs_xray);
    let xray_answer = async {
        match needs_xray {
            true => Some(xray::answers(ctx).await),
            false => None,
        }
    };
    let (account, xray_answer) = tokio::join!(account(ctx), xray_answer);
    out.push(Check::ok("aws credentials", account));
    if let Some(answer) = xray_answer {
        match answer {
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
        match logs::groups(ctx).await {
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
    out.extend(logs::retention_spend(&forever));
    let Some(m) = m else { return out };
    match crate::setup::apply_aws(ctx, m, true).await {
        Ok(outcomes) => {
            let extra = xray::transaction_search_checks(m, &outcomes);
            out.extend(outcomes.into_iter().map(Check::from_outcome));
            out.extend(extra);
        }
        Err(e) => out.push(Check::from_error("aws resources", &e, "o11y setup")),
    }
    out.extend(xray::rule_spend(
        m.xray.sampling_rules.iter().map(|(_, r)| &r.rule),
    ));
    out
}
