use serde_json::json;

use super::api::{Group, Insights, XrayApi};
use crate::context::{Calls, Context};
use crate::ensure::{diff_fields, Action, Ensured};
use crate::error::{Error, Result};

/// Ensure an X-Ray group exists as described
///
/// Reads the group (GetGroup), then creates it (CreateGroup), updates only what differs (UpdateGroup), or
/// leaves it alone. Reports `created`, `updated` or `unchanged`; a second identical run makes no write call.
/// Without `--insights` the group is ensured with insights off.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y xray create-group Cruddur --filter-expression 'service(\"backend-flask\")'\n  o11y xray create-group Cruddur --filter-expression 'service(\"backend-flask\")' --insights --notifications"
)]
pub struct Args {
    /// The group's name (1 to 32 characters)
    pub name: String,
    /// Which traces belong to the group, e.g. `service("backend-flask")`
    #[arg(long, value_name = "EXPR")]
    pub filter_expression: String,
    /// Enable X-Ray Insights for the group
    #[arg(long)]
    pub insights: bool,
    /// Enable Insights notifications (needs `--insights`)
    #[arg(long)]
    pub notifications: bool,
}

/// A group as it should be.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSpec {
    pub name: String,
    pub filter_expression: String,
    pub insights: Insights,
}

impl GroupSpec {
    /// Check the spec against the API's rules: a usage error (exit 2) naming the field.
    pub fn validate(&self) -> Result<()> {
        let n = self.name.chars().count();
        if !(1..=32).contains(&n) {
            return Err(Error::usage(format!(
                "group name `{}` must be 1 to 32 characters (got {n})",
                self.name
            )));
        }
        if self.filter_expression.trim().is_empty() {
            return Err(Error::usage(format!(
                "group `{}`: the filter expression is empty",
                self.name
            ))
            .with_help("e.g. --filter-expression 'service(\"backend-flask\")'"));
        }
        if self.insights.notifications_enabled && !self.insights.insights_enabled {
            return Err(Error::usage(format!(
                "group `{}`: notifications need insights enabled",
                self.name
            ))
            .with_help("add `--insights` (or `insights = true` in the manifest)"));
        }
        Ok(())
    }

    fn as_group(&self) -> Group {
        Group {
            name: self.name.clone(),
            arn: None,
            filter_expression: Some(self.filter_expression.clone()),
            insights: self.insights,
        }
    }
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let spec = GroupSpec {
        name: args.name,
        filter_expression: args.filter_expression,
        insights: Insights {
            insights_enabled: args.insights,
            notifications_enabled: args.notifications,
        },
    };
    spec.validate()?;
    let api = XrayApi::new(ctx.xray(Calls::Single).await?);
    ctx.out.print(&ensure(&api, &spec, false).await?)
}

const FIELDS: [&str; 3] = [
    "FilterExpression",
    "InsightsEnabled",
    "NotificationsEnabled",
];

fn flat(g: &Group) -> serde_json::Value {
    json!({
        "FilterExpression": g.filter_expression,
        "InsightsEnabled": g.insights.insights_enabled,
        "NotificationsEnabled": g.insights.notifications_enabled,
    })
}

/// Make the group match `spec` (or, with `dry_run`, say what that would take, without writing).
pub async fn ensure(api: &XrayApi, spec: &GroupSpec, dry_run: bool) -> Result<Ensured> {
    let desired = spec.as_group();
    let (action, changes, group) = match api.group(&spec.name).await? {
        None => {
            let g = if dry_run {
                desired
            } else {
                api.create_group(&spec.name, &spec.filter_expression, spec.insights)
                    .await?
            };
            (Action::Created, Vec::new(), g)
        }
        Some(current) => {
            let changes = diff_fields(&flat(&current), &flat(&desired), &FIELDS);
            if changes.is_empty() {
                (Action::Unchanged, changes, current)
            } else if dry_run {
                (
                    Action::Updated,
                    changes,
                    Group {
                        arn: current.arn,
                        ..desired
                    },
                )
            } else {
                let filter = changes.iter().any(|c| c.field == "FilterExpression");
                let insights = changes.iter().any(|c| c.field != "FilterExpression");
                let g = api
                    .update_group(
                        &spec.name,
                        filter.then_some(spec.filter_expression.as_str()),
                        insights.then_some(spec.insights),
                    )
                    .await?;
                (Action::Updated, changes, g)
            }
        }
    };
    Ok(Ensured {
        kind: "xray group",
        name: spec.name.clone(),
        action,
        changes,
        resource_key: "Group",
        resource: serde_json::to_value(group).unwrap_or_default(),
    })
}
