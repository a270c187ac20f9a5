//! The CloudWatch Logs part of `o11y setup` (and of doctor's "matches the manifest"): the manifest's log
//! groups and their retention, through the same ensure as `logs create-group`.

use super::api::LogsApi;
use super::create_group;
use crate::context::{Calls, Context};
use crate::ensure::Outcome;
use crate::error::Result;
use crate::manifest::logs::Logs;

/// Every log group; one outcome each.
pub async fn groups(ctx: &Context, l: &Logs, dry_run: bool) -> Result<Vec<Outcome>> {
    let api = LogsApi::new(ctx.logs(Calls::Paging).await?);
    let mut outcomes = Vec::new();
    for g in &l.groups {
        let result = create_group::ensure(&api, g, dry_run).await;
        outcomes.push(Outcome::new("logs group", &g.name, result));
    }
    Ok(outcomes)
}
