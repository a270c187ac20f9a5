//! `o11y export cloudformation`: the AWS part of the manifest as a CloudFormation template (JSON). The
//! template is built from a [`Manifest`] value ([`build`]), one file per backend (`cloudformation/xray.rs`,
//! `cloudformation/logs.rs`; `cloudformation/outside.rs` names what CloudFormation cannot express); this file
//! orders them and renders the document.
//!
//! JSON, not YAML: CloudFormation, StackSets and cfn-lint take both, serde_json is already here (a YAML
//! writer would be a new crate), and `-o json` is then the template itself. JSON has no comments, so what
//! the template leaves out is named in its `Metadata` and `Description`, and on stderr.

mod logs;
mod outside;
mod template;
mod xray;

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::context::Context;
use crate::error::{Error, Result};
use crate::manifest::{self, Manifest};
use crate::output::{Render, Style};
use template::Template;

/// The AWS part of the manifest as a CloudFormation template
///
/// Writes a template (JSON, on stdout) with an AWS::XRay::Group per X-Ray group, an AWS::XRay::SamplingRule
/// per sampling rule (its file's SamplingRule and Tags), an AWS::Logs::LogGroup per log group (kept when the
/// stack is deleted), and for [xray.transaction_search] the AWS::Logs::ResourcePolicy o11y puts (with
/// ${AWS::AccountId}, ${AWS::Region} and ${AWS::Partition}, so one template serves a StackSet across
/// accounts) and the AWS::XRay::TransactionSearchConfig that depends on it. What CloudFormation cannot
/// express ([honeycomb], [rollbar], the retention of aws/spans) is named in the template's Metadata and on
/// stderr. Reads only the manifest: no call is made.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y export cloudformation > o11y.cfn.json\n  o11y export cloudformation --file deploy/o11y.toml | jq '.Resources | keys'\n  aws cloudformation deploy --stack-name o11y --template-file o11y.cfn.json\n  aws cloudformation create-stack-set --stack-set-name o11y --template-body file://o11y.cfn.json"
)]
pub struct Args {
    /// The manifest
    #[arg(long, value_name = "FILE", default_value = manifest::DEFAULT_FILE)]
    pub file: PathBuf,
    #[command(flatten)]
    pub env: crate::environments::EnvArg,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let m = manifest::load(&args.file)?;
    let runs = crate::environments::plan(&ctx.aws_args, Some(m), args.env.env.as_deref())?;
    let Some(m) = crate::environments::one(ctx, runs, "export cloudformation")?.manifest else {
        return Ok(());
    };
    let t = build(&m);
    if t.is_empty() {
        let mut e = Error::usage(format!(
            "`{}` has no AWS resource for a template to hold",
            args.file.display()
        ));
        if let Some(o) = t.outside.first() {
            e = e.with_help(format!("{}: {}", o.part, o.why));
        }
        return Err(e);
    }
    for o in &t.outside {
        ctx.out
            .warn(&format!("not in the template: {}: {}", o.part, o.why));
    }
    for n in &t.notes {
        ctx.out.note(n);
    }
    ctx.out
        .print(&Document(document(&t, &args.file.display().to_string())))
}

/// The template of the manifest's AWS resources, in the order the manifest has them.
pub fn build(m: &Manifest) -> Template {
    let mut t = Template::default();
    xray::add(&mut t, &m.xray);
    logs::add(&mut t, &m.logs);
    outside::add(&mut t, m);
    t
}

/// The template document; `manifest` names the file it came from.
pub fn document(t: &Template, manifest: &str) -> Value {
    let left_out: Vec<&str> = t.outside.iter().map(|o| o.part.as_str()).collect();
    let mut description = format!(
        "The AWS part of {manifest} (X-Ray, CloudWatch Logs), exported by o11y {}.",
        env!("CARGO_PKG_VERSION")
    );
    if !left_out.is_empty() {
        description.push_str(&format!(
            " Not in this template (see Metadata.o11y): {}.",
            left_out.join(", ")
        ));
    }
    json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": description,
        "Metadata": {
            "o11y": {
                "manifest": manifest,
                "exported_by": format!("o11y {}", env!("CARGO_PKG_VERSION")),
                "not_in_template": t.outside,
                "notes": t.notes,
            }
        },
        "Resources": t.resources(),
    })
}

struct Document(Value);

impl Render for Document {
    fn json(&self) -> Value {
        self.0.clone()
    }

    fn text(&self, _style: &Style) -> String {
        let mut s = serde_json::to_string_pretty(&self.0).unwrap_or_default();
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn parse(text: &str) -> Manifest {
        manifest::parse(
            text,
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("o11y.toml"),
        )
        .unwrap()
    }

    fn of_type<'a>(doc: &'a Value, kind: &str) -> Vec<&'a Value> {
        doc["Resources"]
            .as_object()
            .unwrap()
            .values()
            .filter(|r| r["Type"] == kind)
            .map(|r| &r["Properties"])
            .collect()
    }

    /// Every AWS resource of the manifest is in the template with the same values, read back from the
    /// template's properties.
    #[test]
    fn the_template_holds_every_aws_resource_of_the_manifest_with_the_same_values() {
        let m = parse(include_str!("../../o11y.toml"));
        let doc = document(&build(&m), "o11y.toml");

        let groups = of_type(&doc, "AWS::XRay::Group");
        assert_eq!(groups.len(), m.xray.groups.len());
        for g in &m.xray.groups {
            let p = groups
                .iter()
                .find(|p| p["GroupName"] == g.name.as_str())
                .unwrap();
            assert_eq!(p["FilterExpression"], g.filter_expression.as_str());
            assert_eq!(
                p["InsightsConfiguration"]["InsightsEnabled"],
                g.insights.insights_enabled
            );
            assert_eq!(
                p["InsightsConfiguration"]["NotificationsEnabled"],
                g.insights.notifications_enabled
            );
        }
        let rules = of_type(&doc, "AWS::XRay::SamplingRule");
        assert_eq!(rules.len(), m.xray.sampling_rules.len());
        for (_, input) in &m.xray.sampling_rules {
            let p = rules
                .iter()
                .find(|p| p["SamplingRule"]["RuleName"] == input.rule.rule_name.as_str())
                .unwrap();
            let back: crate::xray::api::SamplingRule =
                serde_json::from_value(p["SamplingRule"].clone()).unwrap();
            assert_eq!(back, input.rule);
        }
        let logs = of_type(&doc, "AWS::Logs::LogGroup");
        assert_eq!(logs.len(), m.logs.groups.len());
        for g in &m.logs.groups {
            let p = logs
                .iter()
                .find(|p| p["LogGroupName"] == g.name.as_str())
                .unwrap();
            assert_eq!(
                p["RetentionInDays"].as_i64(),
                g.retention_days.map(i64::from)
            );
        }
        let ts = m.xray.transaction_search.as_ref().unwrap();
        let config = of_type(&doc, "AWS::XRay::TransactionSearchConfig");
        assert_eq!(config.len(), 1);
        assert_eq!(config[0]["IndexingPercentage"], ts.indexing_percentage);

        let meta = &doc["Metadata"]["o11y"]["not_in_template"];
        let parts: Vec<&str> = meta
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["part"].as_str().unwrap())
            .collect();
        assert_eq!(
            parts,
            [
                "[xray.transaction_search] spans_retention_days = 30",
                "[honeycomb]",
                "[rollbar]"
            ]
        );
        assert!(doc["Description"]
            .as_str()
            .unwrap()
            .contains("[honeycomb], [rollbar]"));
    }

    /// The policy is o11y's document, with the pseudo parameters where one account's values go, and
    /// Transaction Search waits for it.
    #[test]
    fn the_policy_is_the_one_o11y_puts_for_any_account_and_comes_first() {
        let m = parse("[xray.transaction_search]\nindexing_percentage = 2.5\n");
        let doc = document(&build(&m), "o11y.toml");
        let r = &doc["Resources"];
        let policy = &r["LogsResourcePolicyXRayTransactionSearch"];
        assert_eq!(policy["Type"], "AWS::Logs::ResourcePolicy");
        assert_eq!(
            policy["Properties"]["PolicyName"],
            crate::xray::search::POLICY_NAME
        );
        let sub = policy["Properties"]["PolicyDocument"]["Fn::Sub"]
            .as_str()
            .unwrap();
        let filled = sub
            .replace("${AWS::Partition}", "aws-cn")
            .replace("${AWS::Region}", "cn-north-1")
            .replace("${AWS::AccountId}", "111122223333");
        assert_eq!(
            filled,
            crate::xray::search::Target::new("cn-north-1", "111122223333")
                .document()
                .to_string()
        );
        let config = &r["XRayTransactionSearchConfig"];
        assert_eq!(
            config["DependsOn"],
            json!(["LogsResourcePolicyXRayTransactionSearch"])
        );
        assert_eq!(config["Properties"]["IndexingPercentage"], 2.5);
        assert!(doc["Metadata"]["o11y"]["not_in_template"]
            .as_array()
            .unwrap()
            .is_empty());
    }

    #[test]
    fn transaction_search_off_and_a_manifest_without_aws_resources_are_named() {
        let m = parse("[xray.transaction_search]\nenabled = false\n[rollbar]\n");
        let t = build(&m);
        assert!(t.is_empty());
        assert_eq!(
            t.outside[0].part,
            "[xray.transaction_search] enabled = false"
        );
        assert_eq!(t.outside[1].part, "[rollbar]");
    }
}
