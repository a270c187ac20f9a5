use serde_json::json;

use super::api::{LogGroup, LogsApi};
use super::names::check_group_name;
use crate::context::{Calls, Context};
use crate::ensure::{Action, Change, Ensured};
use crate::error::{Error, Result};

/// The retention periods CloudWatch Logs accepts, in days.
pub const RETENTION_DAYS: [i32; 22] = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

/// Ensure a log group exists, with the given retention
///
/// Reads the group (DescribeLogGroups), then creates it (CreateLogGroup) and sets its retention
/// (PutRetentionPolicy) only where they differ. Reports `created`, `updated` or `unchanged`; a second
/// identical run makes no write call. Without `--retention-days` an existing group's retention is left as
/// it is (a new group then keeps its events for ever).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y logs create-group cruddur --retention-days 30\n  o11y logs create-group /cruddur/backend-flask"
)]
pub struct Args {
    /// The log group's name
    pub name: String,
    /// How long to keep events: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827,
    /// 2192, 2557, 2922, 3288 or 3653 days
    #[arg(long, value_name = "DAYS")]
    pub retention_days: Option<i32>,
}

/// A log group as it should be. `retention_days: None` means "leave the retention as it is".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogGroupSpec {
    pub name: String,
    pub retention_days: Option<i32>,
}

impl LogGroupSpec {
    /// Check the spec against the service's rules: a usage error (exit 2) naming the field.
    pub fn validate(&self) -> Result<()> {
        check_group_name(&self.name)?;
        if let Some(d) = self.retention_days {
            if !RETENTION_DAYS.contains(&d) {
                return Err(Error::usage(format!(
                    "log group `{}`: {d} is not a retention CloudWatch Logs accepts",
                    self.name
                ))
                .with_help(format!(
                    "use one of {} (days)",
                    RETENTION_DAYS.map(|d| d.to_string()).join(", ")
                )));
            }
        }
        Ok(())
    }
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let spec = LogGroupSpec {
        name: args.name,
        retention_days: args.retention_days,
    };
    spec.validate()?;
    let api = LogsApi::new(ctx.logs(Calls::Single).await?);
    ctx.out.print(&ensure(&api, &spec, false).await?)
}

/// Make the group match `spec` (or, with `dry_run`, say what that would take, without writing).
pub async fn ensure(api: &LogsApi, spec: &LogGroupSpec, dry_run: bool) -> Result<Ensured> {
    let current = api.group(&spec.name).await?;
    let (action, changes) = match &current {
        None => (Action::Created, Vec::new()),
        Some(g) => match spec.retention_days {
            Some(d) if g.retention_in_days != Some(d) => (
                Action::Updated,
                vec![Change::new(
                    "retentionInDays",
                    json!(g.retention_in_days),
                    d,
                )],
            ),
            _ => (Action::Unchanged, Vec::new()),
        },
    };
    let wrote = !dry_run && action != Action::Unchanged;
    if !dry_run {
        if current.is_none() {
            api.create_group(&spec.name).await?;
        }
        if let (Some(d), true) = (spec.retention_days, wrote) {
            api.put_retention(&spec.name, d).await?;
        }
    }
    let group = if wrote {
        api.group(&spec.name).await?.ok_or_else(|| {
            Error::failed(format!(
                "log group `{}` is missing right after it was written",
                spec.name
            ))
        })?
    } else {
        // Unchanged, or a dry run: the group as it is (or would be), with the retention asked for.
        let mut g = current.unwrap_or_else(|| LogGroup {
            log_group_name: spec.name.clone(),
            retention_in_days: None,
            stored_bytes: None,
            creation_time: None,
            arn: None,
        });
        g.retention_in_days = spec.retention_days.or(g.retention_in_days);
        g
    };
    Ok(Ensured {
        kind: "logs group",
        name: spec.name.clone(),
        action,
        changes,
        resource_key: "logGroup",
        resource: serde_json::to_value(group).unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_services_retention_periods_are_accepted() {
        let spec = |d| LogGroupSpec {
            name: "cruddur".into(),
            retention_days: d,
        };
        spec(None).validate().unwrap();
        for d in RETENTION_DAYS {
            spec(Some(d)).validate().unwrap();
        }
        for d in [0, 2, 31, 366, 3654, -1] {
            let e = spec(Some(d)).validate().unwrap_err();
            assert_eq!(e.exit_code(), 2);
            assert!(e.help.unwrap().contains("3653"));
        }
    }
}
