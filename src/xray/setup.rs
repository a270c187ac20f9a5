//! The X-Ray part of `o11y setup` (and of doctor's "matches the manifest"): the manifest's groups and
//! sampling rules, and Transaction Search, each through the same ensure as its single command.

use super::api::XrayApi;
use super::{create_group, create_sampling_rule, search};
use crate::context::{Calls, Context};
use crate::ensure::Outcome;
use crate::error::Result;
use crate::manifest::xray::Xray;

/// Every group and every sampling rule, `--parallelism` at once; one outcome each, groups first.
pub async fn groups_and_rules(ctx: &Context, x: &Xray, dry_run: bool) -> Result<Vec<Outcome>> {
    let api = &XrayApi::new(ctx.xray(Calls::Paging).await?);
    let groups = ctx.each(&x.groups, |g| async move {
        let result = create_group::ensure(api, g, dry_run).await;
        Outcome::new("xray group", &g.name, result)
    });
    let rules = ctx.each(&x.sampling_rules, |(_, input)| async move {
        let result = create_sampling_rule::ensure(api, input, dry_run).await;
        Outcome::new("xray sampling rule", &input.rule.rule_name, result)
    });
    let (mut outcomes, rules) = tokio::join!(groups, rules);
    outcomes.extend(rules);
    Ok(outcomes)
}

/// Transaction Search's parts, in AWS's order (a failed part ends the list).
pub async fn transaction_search(
    ctx: &Context,
    spec: &search::Spec,
    dry_run: bool,
) -> Result<Vec<Outcome>> {
    let apis = search::Apis::new(ctx, Calls::Paging).await?;
    Ok(search::ensure(&ctx.out, &apis, spec, dry_run, search::DEFAULT_WAIT).await)
}
