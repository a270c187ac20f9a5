//! The X-Ray part of the template: `AWS::XRay::Group` per group, `AWS::XRay::SamplingRule` per rule (the rule
//! file's `SamplingRule` and `Tags`), and for `[xray.transaction_search]` the two resources the CloudWatch
//! guide names ("Using Transaction Search with AWS CloudFormation"): the `AWS::Logs::ResourcePolicy` o11y puts
//! (the same document, with the pseudo parameters `${AWS::Partition}`, `${AWS::Region}` and
//! `${AWS::AccountId}` in place of one account's values, so one template serves a StackSet), then
//! `AWS::XRay::TransactionSearchConfig`, which `DependsOn` it. Property names follow the resource
//! specification (cfn-lint's schemas).

use serde_json::json;

use super::template::Template;
use crate::manifest::xray::Xray;
use crate::xray::search::{Target, POLICY_NAME, SPANS_GROUP};

/// The account, region and partition of the policy, as CloudFormation fills them in.
pub fn pseudo_target() -> Target {
    Target {
        partition: "${AWS::Partition}",
        region: "${AWS::Region}".into(),
        account: "${AWS::AccountId}".into(),
    }
}

pub fn add(t: &mut Template, x: &Xray) {
    for g in &x.groups {
        t.add(
            "XRayGroup",
            &g.name,
            "AWS::XRay::Group",
            json!({
                "GroupName": g.name,
                "FilterExpression": g.filter_expression,
                "InsightsConfiguration": {
                    "InsightsEnabled": g.insights.insights_enabled,
                    "NotificationsEnabled": g.insights.notifications_enabled,
                },
            }),
            json!({}),
        );
    }
    for (_, input) in &x.sampling_rules {
        // The rule file's own fields (RuleARN is refused there), so the template says what the file says.
        let mut props = json!({ "SamplingRule": input.rule });
        if !input.tags.is_empty() {
            props["Tags"] = json!(input.tags);
        }
        t.add(
            "XRaySamplingRule",
            &input.rule.rule_name,
            "AWS::XRay::SamplingRule",
            props,
            json!({}),
        );
    }
    if let Some(ts) = &x.transaction_search {
        if !ts.enabled {
            t.outside(
                "[xray.transaction_search] enabled = false",
                "CloudFormation has no resource that sends segments back to X-Ray: a stack without AWS::XRay::TransactionSearchConfig leaves the destination as it is; `o11y setup` does this part",
            );
            return;
        }
        let policy = t.add(
            "LogsResourcePolicy",
            "XRayTransactionSearch",
            "AWS::Logs::ResourcePolicy",
            json!({
                "PolicyName": POLICY_NAME,
                "PolicyDocument": { "Fn::Sub": pseudo_target().document().to_string() },
            }),
            json!({}),
        );
        t.note("Transaction Search: the CloudWatch guide (\"Using Transaction Search with AWS CloudFormation\") says \"Make sure Transaction Search is disabled before you enable using AWS CDK or AWS CloudFormation\": in an account where it is on, turn it off first (`o11y xray transaction-search --disable`)");
        t.add(
            "XRayTransactionSearchConfig",
            "",
            "AWS::XRay::TransactionSearchConfig",
            json!({ "IndexingPercentage": ts.indexing_percentage }),
            json!({ "DependsOn": [policy] }),
        );
        if let Some(days) = ts.spans_retention_days {
            t.outside(
                format!("[xray.transaction_search] spans_retention_days = {days}"),
                format!(
                    "{SPANS_GROUP} is X-Ray's own log group: CloudWatch Logs reserves names that start with aws/ (CreateLogGroup refuses them) and X-Ray creates it, so an AWS::Logs::LogGroup cannot own it; set its retention with `o11y setup` (or `o11y xray transaction-search --spans-retention-days {days}`) in each account"
                ),
            );
        }
    }
}
