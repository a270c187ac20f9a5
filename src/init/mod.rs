//! `o11y init`: write o11y.toml from what already exists. Each backend's file reads its part into a
//! `found::Found` (`xray.rs` groups and sampling rules, `transaction_search.rs`, `logs.rs`, `honeycomb.rs`,
//! `rollbar.rs`); this file checks that nothing would be overwritten, writes the rule files and then the
//! manifest (each atomically, the manifest only once it reads back), and renders what it wrote. A new backend
//! adds its file and one line in [`run`].

mod found;
mod honeycomb;
mod logs;
mod rollbar;
mod transaction_search;
mod xray;

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::context::Context;
use crate::error::{Error, Result};
use crate::manifest;
use crate::output::{table, Render, Style};
use found::{comment, Existing, Resource, Skipped};

/// Write o11y.toml from what the account and the keys already have
///
/// Reads the account's X-Ray groups and sampling rules (GetGroups, GetSamplingRules, ListTagsForResource), its
/// log groups and their retention (DescribeLogGroups; `--prefix` chooses which), Transaction Search's state
/// (GetTraceSegmentDestination, GetIndexingRules, DescribeResourcePolicies, STS GetCallerIdentity), and, when
/// the environment configures them, Honeycomb (the environment and datasets HONEYCOMB_API_KEY sees: GET
/// /1/auth, GET /1/datasets; the environment as the management key HONEYCOMB_KEY_ID / HONEYCOMB_KEY_SECRET
/// shows it: GET /2/auth, GET /2/teams/{team}/environments) and Rollbar (the token's project: its newest
/// occurrence's with ROLLBAR_READ_ACCESS_TOKEN, GET /api/1/instances/, GET /api/1/item/{id}; named with
/// ROLLBAR_ACCOUNT_ACCESS_TOKEN, GET /api/1/projects, GET /api/1/project/{id}/access_tokens). Each sampling
/// rule goes to a file under json/ in the AWS CLI's input format (a file there that already holds the rule is
/// kept). A `setup --dry-run` right after
/// reports every resource `unchanged`. It never overwrites an existing manifest or rule file (`--force` to);
/// files are written atomically. What the manifest cannot hold (X-Ray's Default rule, AWS's own `aws/` log
/// groups) is named on stderr, and so is what setup could not confirm with the keys at hand (the environment
/// without a management key, the project without an account token): a comment in the file.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y init && o11y setup --dry-run\n  o11y init --prefix /cruddur\n  o11y init --file deploy/o11y.toml --force -o json | jq -r '.resources[] | \"\\(.kind) \\(.name)\"'"
)]
pub struct Args {
    /// The manifest to write (rule files go to json/ beside it)
    #[arg(long, value_name = "FILE", default_value = manifest::DEFAULT_FILE)]
    pub file: PathBuf,
    /// Only the log groups whose name starts with this
    #[arg(long, value_name = "P")]
    pub prefix: Option<String>,
    /// Replace an existing manifest and rule files
    #[arg(long)]
    pub force: bool,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    if args.file.exists() && !args.force {
        return Err(Error::usage(format!(
            "`{}` already exists; o11y init never overwrites a manifest",
            args.file.display()
        ))
        .with_help("pass --force to replace it, or --file to write another"));
    }
    if let Some(p) = &args.prefix {
        crate::logs::names::check_group_name(p).map_err(|e| e.context("--prefix"))?;
    }
    let dir = match args.file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };

    let aws = async {
        let sts = ctx.sts().await?;
        tokio::try_join!(
            crate::aws::account_id(&sts),
            xray::read(ctx, &dir),
            transaction_search::read(ctx),
            logs::read(ctx, args.prefix.as_deref()),
        )
    };
    let (aws, honeycomb, rollbar) = tokio::join!(aws, honeycomb::read(ctx), rollbar::read(ctx));
    let (account, xray, search, logs) = aws?;
    let region = ctx.region().await?;
    // The manifest's order: X-Ray, Transaction Search, log groups, then the vendors.
    let parts = [xray, search, logs, honeycomb, rollbar];

    let conflicts: Vec<String> = parts
        .iter()
        .flat_map(|p| &p.files)
        .filter(|f| f.existing == Existing::Different)
        .map(|f| shown(&dir, &f.path))
        .collect();
    if !conflicts.is_empty() && !args.force {
        return Err(Error::failed(format!(
            "{} already holds another version of a sampling rule; o11y init never overwrites a rule file",
            conflicts.join(", ")
        ))
        .with_help("pass --force to replace it with the rule as X-Ray has it (nothing was written)"));
    }

    let mut text = comment(&format!(
        "o11y's manifest, written by `o11y init` from account {account} in {region} on {}.\n\
         `o11y setup` makes the services match it (right now a `setup --dry-run` finds nothing to change);\n\
         `o11y doctor` checks it. Relative paths resolve from this file's folder.",
        ctx.now.format("%Y-%m-%d")
    ));
    if let Some(p) = &args.prefix {
        text.push_str(&comment(&format!(
            "Log groups: those whose name starts with `{p}`."
        )));
    }
    text.push('\n');
    for p in &parts {
        text.push_str(&p.toml);
    }
    if parts.iter().all(|p| p.resources.is_empty()) {
        text.push_str(&comment("The account had nothing o11y manages."));
    }
    let text = format!("{}\n", text.trim_end());

    let mut written = Vec::new();
    let mut kept = Vec::new();
    for f in parts.iter().flat_map(|p| &p.files) {
        let path = dir.join(&f.path);
        if f.existing == Existing::Same {
            kept.push(shown(&dir, &f.path));
            continue;
        }
        write(&path, &f.contents)?;
        written.push(shown(&dir, &f.path));
    }
    manifest::parse(&text, &args.file).map_err(|e| {
        Error::failed(format!(
            "internal error: the manifest o11y init made does not read back ({}); nothing was written to `{}`",
            e.message,
            args.file.display()
        ))
        .with_help("this is a bug in o11y; please report it with the command you ran")
    })?;
    write(&args.file, &text)?;
    written.push(args.file.display().to_string());

    let manifest_shown = args.file.display().to_string();
    let mut report = Report {
        file: manifest_shown.clone(),
        written,
        kept,
        resources: Vec::new(),
        skipped: Vec::new(),
        notes: Vec::new(),
    };
    for p in parts {
        report
            .resources
            .extend(p.resources.into_iter().map(|r| Resource {
                file: match r.file.is_empty() {
                    true => manifest_shown.clone(),
                    false => shown(&dir, &r.file),
                },
                ..r
            }));
        report.skipped.extend(p.skipped);
        report.notes.extend(p.notes);
    }
    for s in &report.skipped {
        ctx.out
            .note(&format!("left out {} `{}`: {}", s.kind, s.name, s.reason));
    }
    for n in &report.notes {
        ctx.out.warn(n);
    }
    if report.resources.is_empty() {
        ctx.out.warn(&format!(
            "found nothing to describe in account {account} ({region}); check the profile and the region"
        ));
    }
    ctx.out.print(&report)?;
    let kept = match report.kept.is_empty() {
        true => String::new(),
        false => format!(" (kept {} as it is)", report.kept.join(", ")),
    };
    let file = match args.file == Path::new(manifest::DEFAULT_FILE) {
        true => String::new(),
        false => format!(" --file {}", args.file.display()),
    };
    ctx.out.note(&format!(
        "wrote {}{kept}; check it with `o11y setup --dry-run{file}`",
        report.written.join(", ")
    ));
    Ok(())
}

/// A path under the manifest's folder as the user sees it.
fn shown(dir: &Path, path: &str) -> String {
    if dir == Path::new(".") {
        path.to_string()
    } else {
        dir.join(path).display().to_string()
    }
}

/// Write one file atomically, creating its folder.
fn write(path: &Path, contents: &str) -> Result<()> {
    let failed =
        |e: std::io::Error| Error::failed(format!("cannot write `{}`: {e}", path.display()));
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(failed)?;
    }
    crate::atomic::write(path, contents.as_bytes(), 0o644).map_err(failed)
}

struct Report {
    file: String,
    written: Vec<String>,
    kept: Vec<String>,
    resources: Vec<Resource>,
    skipped: Vec<Skipped>,
    notes: Vec<String>,
}

impl Render for Report {
    fn json(&self) -> Value {
        json!({
            "file": self.file,
            "written": self.written,
            "kept": self.kept,
            "resources": self.resources,
            "skipped": self.skipped,
            "notes": self.notes,
        })
    }

    fn text(&self, style: &Style) -> String {
        let rows = self
            .resources
            .iter()
            .map(|r| vec![r.kind.to_string(), r.name.clone(), r.file.clone()]);
        table(style, &["KIND", "NAME", "FILE"], rows, &[])
    }
}
