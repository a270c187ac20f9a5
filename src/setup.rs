//! `o11y setup`: make AWS match the manifest. Each resource is read, compared, then created, updated or left
//! alone by the same ensure code as its single command; one failure does not stop the others.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::context::{Calls, Context};
use crate::ensure::{Change, Ensured, HEADERS};
use crate::error::{Error, Result};
use crate::logs::{self, api::LogsApi};
use crate::manifest::{self, Manifest};
use crate::output::{table, Render, Style};
use crate::xray::api::XrayApi;
use crate::xray::{create_group, create_sampling_rule};

/// Make AWS match the manifest (o11y.toml)
///
/// For every resource in the manifest (X-Ray groups, X-Ray sampling rules, CloudWatch Logs groups and their
/// retention, X-Ray Transaction Search): read it, compare, then create it, update only what differs, or leave it alone. Prints one row per
/// resource (kind, name, action, what differs). A second run reports every resource `unchanged` and makes no
/// write call. `--dry-run` makes no write call at all. One failing resource does not stop the others; the exit
/// code is 1 if any failed. The manifest is checked completely before any request (exit 2 naming file, line, key).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y setup --dry-run\n  o11y setup\n  o11y setup --file deploy/o11y.toml -o json | jq -r '.[] | \"\\(.kind) \\(.name): \\(.action)\"'"
)]
pub struct Args {
    /// The manifest
    #[arg(long, value_name = "FILE", default_value = manifest::DEFAULT_FILE)]
    pub file: PathBuf,
    /// Read and compare only: report what would change and make no write call
    #[arg(long)]
    pub dry_run: bool,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let m = manifest::load(&args.file)?;
    let report = apply(ctx, &m, args.dry_run).await?;
    ctx.out.print(&report)?;
    if args.dry_run {
        ctx.out.note("dry run: nothing was changed");
    }
    match report.outcomes.iter().filter(|o| o.result.is_err()).count() {
        0 => Ok(()),
        n => Err(Error::failed(format!(
            "{n} of {} resources failed",
            report.outcomes.len()
        ))),
    }
}

/// What setup did (or would do) to one resource of the manifest.
pub struct Outcome {
    pub kind: &'static str,
    pub name: String,
    pub result: Result<Ensured>,
}

pub struct Report {
    pub outcomes: Vec<Outcome>,
    pub dry_run: bool,
}

/// Ensure every resource of the manifest (with `dry_run`, only read and compare). An error here is one that
/// concerns them all (no region, no credentials); a resource's own failure is in its outcome.
pub async fn apply(ctx: &Context, m: &Manifest, dry_run: bool) -> Result<Report> {
    let mut outcomes = Vec::new();
    if m.needs_xray() {
        let api = XrayApi::new(ctx.xray(Calls::Paging).await?);
        for g in &m.xray_groups {
            let result = create_group::ensure(&api, g, dry_run).await;
            outcomes.push(Outcome {
                kind: "xray group",
                name: g.name.clone(),
                result,
            });
        }
        for (_, input) in &m.sampling_rules {
            let result = create_sampling_rule::ensure(&api, input, dry_run).await;
            outcomes.push(Outcome {
                kind: "xray sampling rule",
                name: input.rule.rule_name.clone(),
                result,
            });
        }
    }
    if m.needs_logs() {
        let api = LogsApi::new(ctx.logs(Calls::Paging).await?);
        for g in &m.log_groups {
            let result = logs::create_group::ensure(&api, g, dry_run).await;
            outcomes.push(Outcome {
                kind: "logs group",
                name: g.name.clone(),
                result,
            });
        }
    }
    if let Some(ts) = &m.transaction_search {
        use crate::xray::transaction_search as ts_mod;
        let apis = ts_mod::Apis::new(ctx, Calls::Paging).await?;
        outcomes.extend(ts_mod::ensure(&ctx.out, &apis, ts, dry_run, ts_mod::DEFAULT_WAIT).await);
    }
    Ok(Report { outcomes, dry_run })
}

impl Render for Report {
    fn json(&self) -> Value {
        Value::Array(
            self.outcomes
                .iter()
                .map(|o| {
                    let mut v = match &o.result {
                        Ok(e) => json!({
                            "kind": o.kind, "name": o.name, "action": e.action.as_str(),
                            "changes": e.changes.iter().map(Change::json).collect::<Vec<_>>(),
                        }),
                        Err(err) => json!({
                            "kind": o.kind, "name": o.name, "action": "failed", "changes": [], "error": err.message,
                        }),
                    };
                    if self.dry_run {
                        v["dry_run"] = json!(true);
                    }
                    v
                })
                .collect(),
        )
    }

    fn text(&self, style: &Style) -> String {
        let rows = self.outcomes.iter().map(|o| match &o.result {
            Ok(e) => {
                let mut row = e.row(style);
                if self.dry_run && e.action != crate::ensure::Action::Unchanged {
                    row[2] = format!("would {}", e.action.as_str().trim_end_matches('d'));
                }
                row
            }
            Err(err) => vec![
                o.kind.to_string(),
                o.name.clone(),
                style.red("failed"),
                err.message.clone(),
            ],
        });
        table(style, &HEADERS, rows, &[])
    }
}
