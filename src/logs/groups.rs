use chrono::{DateTime, Local};
use serde_json::{json, Value};

use super::api::{LogGroup, LogsApi};
use crate::context::{Calls, Context};
use crate::error::Result;
use crate::output::{or_dash, table, Render, Style};

/// List log groups with their retention, stored bytes and creation time
///
/// Calls DescribeLogGroups and follows every page.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y logs groups\n  o11y logs groups --prefix /aws/lambda/\n  o11y logs groups -o json | jq -r '.logGroups[] | select(.retentionInDays == null) | .logGroupName'"
)]
pub struct Args {
    /// Only groups whose names start with this
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let api = LogsApi::new(ctx.logs(Calls::Paging).await?);
    let prefix = args.prefix.filter(|p| !p.is_empty());
    ctx.out.print(&Groups(api.groups(prefix.as_deref()).await?))
}

struct Groups(Vec<LogGroup>);

impl Render for Groups {
    fn json(&self) -> Value {
        json!({ "logGroups": self.0 })
    }

    fn text(&self, style: &Style) -> String {
        let rows = self.0.iter().map(|g| {
            vec![
                g.log_group_name.clone(),
                retention_text(g.retention_in_days),
                or_dash(g.stored_bytes.map(bytes)),
                or_dash(
                    g.creation_time
                        .and_then(DateTime::from_timestamp_millis)
                        .map(|t| t.with_timezone(&Local).format("%Y-%m-%d %H:%M")),
                ),
            ]
        });
        table(
            style,
            &["NAME", "RETENTION", "STORED", "CREATED"],
            rows,
            &[1, 2],
        )
    }
}

/// `30 days`, `1 day`, `never expires`.
pub fn retention_text(days: Option<i32>) -> String {
    match days {
        None => "never expires".into(),
        Some(1) => "1 day".into(),
        Some(d) => format!("{d} days"),
    }
}

/// `512 B`, `1.5 KiB`, `2.0 GiB`.
fn bytes(n: i64) -> String {
    const UNITS: [&str; 5] = ["KiB", "MiB", "GiB", "TiB", "PiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut v = n as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    format!("{v:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_retention_read_as_people_write_them() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(3 * 1024 * 1024 * 1024), "3.0 GiB");
        assert_eq!(retention_text(None), "never expires");
        assert_eq!(retention_text(Some(1)), "1 day");
        assert_eq!(retention_text(Some(30)), "30 days");
    }
}
