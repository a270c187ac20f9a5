//! The CloudWatch Logs part of `o11y setup` (and of doctor's "matches the manifest"): the manifest's log
//! groups and their retention, through the same ensure as `logs create-group`, then the streams each group
//! names (CreateLogStream: CloudWatch Logs' OTLP endpoint writes only to a stream that exists).

use serde_json::json;

use super::api::LogsApi;
use super::create_group;
use crate::context::{Calls, Context};
use crate::ensure::{Action, Ensured, Outcome};
use crate::error::Result;
use crate::manifest::logs::Logs;

/// Every log group, then every stream (a stream needs its group), `--parallelism` at once; one outcome each.
pub async fn groups(ctx: &Context, l: &Logs, dry_run: bool) -> Result<Vec<Outcome>> {
    let api = &LogsApi::new(ctx.logs(Calls::Paging).await?);
    let mut outcomes = ctx
        .each(&l.groups, |g| async move {
            let result = create_group::ensure(api, g, dry_run).await;
            Outcome::new("logs group", &g.name, result)
        })
        .await;
    let streams = ctx
        .each(&l.streams, |(group, stream)| async move {
            let name = format!("{group}/{stream}");
            let result = ensure_stream(api, group, stream, dry_run).await;
            Outcome::new("logs stream", &name, result)
        })
        .await;
    outcomes.extend(streams);
    Ok(outcomes)
}

/// Create the stream when it is missing (in a dry run, say so). A group that does not exist yet (a dry run
/// before its group is created) means the stream is missing too.
async fn ensure_stream(api: &LogsApi, group: &str, stream: &str, dry_run: bool) -> Result<Ensured> {
    let exists = api.stream_exists(group, stream).await?.unwrap_or(false);
    if !exists && !dry_run {
        api.create_stream(group, stream).await?;
    }
    Ok(Ensured {
        kind: "logs stream",
        name: format!("{group}/{stream}"),
        action: if exists {
            Action::Unchanged
        } else {
            Action::Created
        },
        changes: Vec::new(),
        resource_key: "logStream",
        resource: json!({"logGroupName": group, "logStreamName": stream}),
    })
}
