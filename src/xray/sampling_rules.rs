use serde_json::{json, Value};

use super::api::{SamplingRuleRecord, XrayApi};
use crate::context::{Calls, Context};
use crate::error::Result;
use crate::output::{table, Render, Style};

/// List X-Ray sampling rules
///
/// Calls GetSamplingRules and follows every page. Rules are shown in the order X-Ray applies them
/// (lowest priority number first).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y xray sampling-rules\n  o11y xray sampling-rules -o json | jq '.SamplingRuleRecords[].SamplingRule.RuleName'"
)]
pub struct Args {}

pub async fn run(ctx: &Context, _args: Args) -> Result<()> {
    let api = XrayApi::new(ctx.xray(Calls::Paging).await?);
    let mut rules = api.sampling_rules().await?;
    rules.sort_by(|a, b| {
        a.rule
            .priority
            .cmp(&b.rule.priority)
            .then(a.rule.rule_name.cmp(&b.rule.rule_name))
    });
    ctx.out.print(&Rules(rules))
}

struct Rules(Vec<SamplingRuleRecord>);

impl Render for Rules {
    fn json(&self) -> Value {
        json!({ "SamplingRuleRecords": self.0 })
    }

    fn text(&self, style: &Style) -> String {
        let rows = self.0.iter().map(|r| {
            let r = &r.rule;
            vec![
                r.rule_name.clone(),
                r.priority.to_string(),
                format!("{}%", r.fixed_rate * 100.0),
                r.reservoir_size.to_string(),
                r.service_name.clone(),
                r.service_type.clone(),
                r.host.clone(),
                r.http_method.clone(),
                r.url_path.clone(),
            ]
        });
        table(
            style,
            &[
                "NAME",
                "PRIORITY",
                "RATE",
                "RESERVOIR",
                "SERVICE",
                "TYPE",
                "HOST",
                "METHOD",
                "PATH",
            ],
            rows,
            &[1, 2, 3],
        )
    }
}
