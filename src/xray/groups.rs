use serde_json::{json, Value};

use super::api::{Group, XrayApi};
use crate::context::{Calls, Context};
use crate::error::Result;
use crate::output::{or_dash, table, Render, Style};

/// List X-Ray groups
///
/// Calls GetGroups and follows every page.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y xray groups\n  o11y xray groups -o json | jq -r '.Groups[].GroupName'"
)]
pub struct Args {}

pub async fn run(ctx: &Context, _args: Args) -> Result<()> {
    let api = XrayApi::new(ctx.xray(Calls::Paging).await?);
    ctx.out.print(&Groups(api.groups().await?))
}

struct Groups(Vec<Group>);

impl Render for Groups {
    fn json(&self) -> Value {
        json!({ "Groups": self.0 })
    }

    fn text(&self, style: &Style) -> String {
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        let rows = self.0.iter().map(|g| {
            vec![
                g.name.clone(),
                or_dash(g.filter_expression.as_deref()),
                yes_no(g.insights.insights_enabled),
                yes_no(g.insights.notifications_enabled),
            ]
        });
        table(
            style,
            &["NAME", "FILTER EXPRESSION", "INSIGHTS", "NOTIFICATIONS"],
            rows,
            &[],
        )
    }
}
