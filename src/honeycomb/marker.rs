use serde_json::{json, Value};

use super::api::{Marker, NewMarker};
use super::connection::Connection;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::{Render, Style};

/// Add a marker (a deploy, an incident) to a dataset's graphs, or to the whole environment
///
/// Calls POST /1/markers/{DATASET} (a configuration key with the Manage Markers permission). The marker is
/// placed at the time Honeycomb receives it. Prints the new marker's id on stdout.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y honeycomb marker backend-flask --message \"deploy $(git rev-parse --short HEAD)\" --type deploy\n  o11y honeycomb marker __all__ --message 'DB failover' --type incident --url https://status.example.com/42"
)]
pub struct Args {
    /// The dataset's slug, or `__all__` for an environment-wide marker
    pub dataset: String,
    /// What happened (shown on the graph)
    #[arg(long, short)]
    pub message: String,
    /// Groups markers: every marker of one type has the same colour (`deploy`, `incident` ...)
    #[arg(long = "type", short = 't', value_name = "TYPE")]
    pub marker_type: Option<String>,
    /// A link opened when the marker is clicked (the build, the pull request)
    #[arg(long, short)]
    pub url: Option<String>,
}

pub async fn run(ctx: &Context, conn: &Connection, args: Args) -> Result<()> {
    if args.dataset.trim().is_empty() {
        return Err(Error::usage("the dataset is empty")
            .with_help("give a dataset slug (`o11y honeycomb datasets`) or `__all__`"));
    }
    if args.message.trim().is_empty() {
        return Err(Error::usage("--message is empty")
            .with_help("say what happened: --message 'deploy 1.4.2'"));
    }
    let api = conn.connect_for_configuration("`o11y honeycomb marker`")?;
    let new = NewMarker {
        message: args.message,
        marker_type: args.marker_type.filter(|t| !t.is_empty()),
        url: args.url.filter(|u| !u.is_empty()),
    };
    let marker = api.create_marker(ctx, &args.dataset, &new).await?;
    let place = if args.dataset == "__all__" {
        "the whole environment".to_string()
    } else {
        format!("dataset `{}`", args.dataset)
    };
    let id = marker.id.clone();
    ctx.out.print(&Created {
        dataset: args.dataset,
        marker,
    })?;
    if !ctx.out.is_json() {
        ctx.out.note(&format!("o11y: marker {id} added to {place}"));
    }
    Ok(())
}

struct Created {
    dataset: String,
    marker: Marker,
}

impl Render for Created {
    fn json(&self) -> Value {
        let mut v = json!(self.marker);
        v["dataset"] = json!(self.dataset);
        v
    }

    /// The id alone on stdout (`id=$(o11y honeycomb marker ...)`); what was done goes to stderr.
    fn text(&self, _style: &Style) -> String {
        format!("{}\n", self.marker.id)
    }
}
