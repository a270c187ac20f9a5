use std::path::PathBuf;

use super::api::{SamplingRuleRecord, XrayApi, UPDATABLE_RULE_FIELDS};
use super::rule_file::{self, RuleInput};
use crate::context::{Calls, Context};
use crate::ensure::{diff_fields, Action, Ensured};
use crate::error::{Error, Result};

/// Ensure a sampling rule exists as described in a file
///
/// FILE is the AWS CLI's `--cli-input-json` for create-sampling-rule (`{"SamplingRule": {...}, "Tags": [...]}`)
/// or a bare rule object, checked completely before any call. Reads the rules (GetSamplingRules), then creates
/// the rule (CreateSamplingRule), updates only the fields that differ (UpdateSamplingRule), or leaves it alone.
/// `Version` cannot be changed in place; tags are applied only when the rule is created.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y xray create-sampling-rule --file json/xray.json\n  o11y xray create-sampling-rule --file json/xray.json -o json | jq -r .action"
)]
pub struct Args {
    /// The rule file, e.g. json/xray.json
    #[arg(long, value_name = "FILE")]
    pub file: PathBuf,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let input = rule_file::load(&args.file)?;
    let api = XrayApi::new(ctx.xray(Calls::Paging).await?);
    ctx.out.print(&ensure(&api, &input, false).await?)
}

/// Make the rule match `input` (or, with `dry_run`, say what that would take, without writing).
pub async fn ensure(api: &XrayApi, input: &RuleInput, dry_run: bool) -> Result<Ensured> {
    let want = &input.rule;
    let current = api
        .sampling_rules()
        .await?
        .into_iter()
        .find(|r| r.rule.rule_name == want.rule_name);
    let unsaved = |rule| SamplingRuleRecord {
        rule,
        created_at: None,
        modified_at: None,
    };
    let (action, changes, record) = match current {
        None if dry_run => (Action::Created, Vec::new(), unsaved(want.clone())),
        None => (
            Action::Created,
            Vec::new(),
            api.create_sampling_rule(want, &input.tags).await?,
        ),
        Some(cur) => {
            if cur.rule.version != want.version {
                return Err(Error::failed(format!(
                    "sampling rule `{}`: Version cannot be changed in place (X-Ray has {}, the file says {})",
                    want.rule_name, cur.rule.version, want.version
                ))
                .with_help(format!(
                    "delete the rule with `o11y xray delete-sampling-rule {}` and run this again to recreate it",
                    want.rule_name
                )));
            }
            let (a, b) = (
                serde_json::to_value(&cur.rule).unwrap_or_default(),
                serde_json::to_value(want).unwrap_or_default(),
            );
            let changes = diff_fields(&a, &b, &UPDATABLE_RULE_FIELDS);
            if changes.is_empty() {
                (Action::Unchanged, changes, cur)
            } else if dry_run {
                let rule = super::api::SamplingRule {
                    rule_arn: cur.rule.rule_arn.clone(),
                    ..want.clone()
                };
                (Action::Updated, changes, unsaved(rule))
            } else {
                let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
                (
                    Action::Updated,
                    changes.clone(),
                    api.update_sampling_rule(want, &fields).await?,
                )
            }
        }
    };
    Ok(Ensured {
        kind: "xray sampling rule",
        name: want.rule_name.clone(),
        action,
        changes,
        resource_key: "SamplingRuleRecord",
        resource: serde_json::to_value(record).unwrap_or_default(),
    })
}
