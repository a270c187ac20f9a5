//! AWS X-Ray: groups, sampling rules, the service graph, traces, Transaction Search and a test span. `api/`
//! wraps the SDK client (one file per area of the API), `retrieval.rs` reads traces under Transaction Search;
//! one file per command.

pub mod api;
pub mod create_group;
pub mod create_sampling_rule;
pub mod delete_group;
pub mod delete_sampling_rule;
pub mod groups;
pub mod retrieval;
pub mod rule_file;
pub mod sampling_rules;
pub mod search;
pub mod service_graph;
pub mod setup;
pub mod test_span;
pub mod trace;
pub mod traces;
pub mod transaction_search;
pub mod window;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum Command {
    Groups(groups::Args),
    CreateGroup(create_group::Args),
    DeleteGroup(delete_group::Args),
    SamplingRules(sampling_rules::Args),
    CreateSamplingRule(create_sampling_rule::Args),
    DeleteSamplingRule(delete_sampling_rule::Args),
    ServiceGraph(service_graph::Args),
    Traces(traces::Args),
    Trace(trace::Args),
    TransactionSearch(transaction_search::Args),
    TestSpan(test_span::Args),
}

pub async fn run(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Groups(a) => groups::run(ctx, a).await,
        Command::CreateGroup(a) => create_group::run(ctx, a).await,
        Command::DeleteGroup(a) => delete_group::run(ctx, a).await,
        Command::SamplingRules(a) => sampling_rules::run(ctx, a).await,
        Command::CreateSamplingRule(a) => create_sampling_rule::run(ctx, a).await,
        Command::DeleteSamplingRule(a) => delete_sampling_rule::run(ctx, a).await,
        Command::ServiceGraph(a) => service_graph::run(ctx, a).await,
        Command::Traces(a) => traces::run(ctx, a).await,
        Command::Trace(a) => trace::run(ctx, a).await,
        Command::TransactionSearch(a) => transaction_search::run(ctx, a).await,
        Command::TestSpan(a) => test_span::run(ctx, a).await,
    }
}
