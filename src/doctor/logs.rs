//! The CloudWatch Logs rows of doctor: the service answers, log groups that keep their events forever (spend),
//! and with `--send-test` one event written into the manifest's first log group and found again.

use super::checklist::{delay, Check};
use crate::context::{Calls, Context};
use crate::error::Result;
use crate::logs::api::{LogGroup, LogsApi};
use crate::readback::{self, Wait};
use crate::time::human;

/// Every log group of the account (DescribeLogGroups): "CloudWatch Logs answers", and the retention check.
pub async fn groups(ctx: &Context) -> Result<Vec<LogGroup>> {
    LogsApi::new(ctx.logs(Calls::Paging).await?)
        .groups(None)
        .await
}

/// A warning naming the log groups that keep their events forever (the first 5 by name).
pub fn retention_spend(forever: &[String]) -> Vec<Check> {
    let Some(first) = forever.first() else {
        return Vec::new();
    };
    let shown: Vec<&str> = forever.iter().take(5).map(String::as_str).collect();
    let more = if forever.len() > 5 {
        format!(" and {} more", forever.len() - 5)
    } else {
        String::new()
    };
    vec![Check::warn(
        "spend: log retention",
        match forever.len() {
            1 => format!("1 log group keeps its events forever: {}", shown.join(", ")),
            n => format!("{n} log groups keep their events forever: {}{more}", shown.join(", ")),
        },
        format!("o11y logs create-group {first} --retention-days 30 (or retention_days in o11y.toml, then o11y setup)"),
    )]
}

/// CloudWatch Logs: `logs put` into the manifest's first log group (o11y's own stream), found again.
pub async fn send_test(ctx: &Context, group: String, wait: Wait) -> Check {
    use crate::logs::put::{default_stream, send_and_confirm, PutRequest, ReadBack};
    let check = format!("send-test logs {group}");
    let req = PutRequest {
        group,
        stream: default_stream(),
        message: format!(
            "o11y doctor: test event {}",
            crate::otlp::common::random_id(8)
        ),
    };
    match send_and_confirm(ctx, &req, wait, &readback::quiet).await {
        Err(e) => Check::from_error(&check, &e, "o11y setup"),
        Ok((w, Some(ReadBack::Arrived(f)))) => {
            let (shown, ms) = delay(f.after);
            Check::ok(
                check,
                format!("event arrived in {}/{} after {shown}", w.group, w.stream),
            )
            .arrived_after(ms)
        }
        Ok((w, _)) => Check::fail(
            check,
            format!(
                "the event written to {}/{} did not show in FilterLogEvents within {}",
                w.group,
                w.stream,
                human(wait.timeout)
            ),
            "try a longer --timeout; `o11y logs put` shows each search",
        ),
    }
}
