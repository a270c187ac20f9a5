use serde_json::{json, Value};

use super::api::Dataset;
use super::connection::Connection;
use crate::context::Context;
use crate::error::Result;
use crate::output::{table, Render, Style};

/// List the datasets of the key's environment
///
/// Calls GET /1/datasets (a configuration key; Classic: every Classic dataset). Sorted by name; a dataset
/// that never received data shows `never`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y honeycomb datasets\n  o11y honeycomb datasets -o json | jq -r '.[].slug'"
)]
pub struct Args {}

pub async fn run(ctx: &Context, conn: &Connection, _args: Args) -> Result<()> {
    let api = conn.connect_for_configuration("`o11y honeycomb datasets`")?;
    let mut sets = api.datasets(ctx).await?;
    sets.sort_by_key(|d| d.name.to_lowercase());
    ctx.out.print(&Datasets(sets))
}

struct Datasets(Vec<Dataset>);

impl Render for Datasets {
    fn json(&self) -> Value {
        json!(self.0)
    }

    fn text(&self, style: &Style) -> String {
        let rows = self.0.iter().map(|d| {
            vec![
                d.name.clone(),
                d.slug.clone(),
                d.last_written_at
                    .clone()
                    .unwrap_or_else(|| style.dim("never")),
            ]
        });
        table(style, &["NAME", "SLUG", "LAST WRITTEN"], rows, &[])
    }
}
