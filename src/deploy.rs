//! `o11y deploy`: one deploy recorded everywhere the manifest or the environment configures it: a Honeycomb
//! marker and a Rollbar deploy, concurrently; one row per backend. A failing backend does not stop the other.

use std::path::PathBuf;

use serde_json::{json, Map, Value};

use crate::context::{Context, Env};
use crate::error::{Error, Result};
use crate::honeycomb::api::{HoneycombApi, NewMarker};
use crate::honeycomb::connection::Connection;
use crate::manifest::{self, configured::Configured, Manifest};
use crate::output::{Render, Style};
use crate::rollbar::api::{DeployStatus, RollbarApi};
use crate::rollbar::connection::{Options, TOKENS_PAGE};

/// Record a deploy everywhere configured: a Honeycomb marker and a Rollbar deploy
///
/// Calls POST /1/markers/{dataset} (Honeycomb: type `deploy`, on the manifest's service_name dataset, else
/// `__all__`, the revision and environment in the message, --url as its link) and POST /api/1/deploy
/// (Rollbar), at the same time. A backend is used when o11y.toml has its section or the environment has its
/// key: HONEYCOMB_API_KEY (a configuration key; HONEYCOMB_API_ENDPOINT for the EU), ROLLBAR_ACCESS_TOKEN
/// (post_server_item; ROLLBAR_ENDPOINT). The revision defaults to `git rev-parse HEAD`.
///
/// With --deploy-id, only the status of that Rollbar deploy is updated (PATCH /api/1/deploy/{id}); no second
/// marker is made. One row per backend; exit 1 when any backend failed (the others still ran; a backend
/// o11y.toml declares whose key is not set is such a failure), exit 2 when nothing is configured or a key
/// that is set is unusable (before any call).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    o11y deploy --environment production --status started --url \"$CI_JOB_URL\"\n  \
    o11y deploy --revision v1.4.2 --environment staging\n  \
    id=$(o11y deploy --environment production --status started -o json | jq -r .rollbar.deploy_id)\n  \
    o11y deploy --deploy-id \"$id\" --status succeeded")]
pub struct Args {
    /// The revision deployed: a commit SHA or a version [default: `git rev-parse HEAD`]
    #[arg(long, value_name = "REV", conflicts_with = "deploy_id")]
    pub revision: Option<String>,
    /// The environment deployed to [default with --env: that environment's `[rollbar] environment`]
    #[arg(
        long,
        env = "ROLLBAR_ENVIRONMENT",
        value_name = "ENV",
        required_unless_present_any = ["deploy_id", "env"]
    )]
    pub environment: Option<String>,
    /// The deploy's status (Rollbar): started, succeeded, failed or timed_out
    #[arg(long, value_enum)]
    pub status: Option<DeployStatus>,
    /// A link for the marker (the CI job, the pull request)
    #[arg(long, value_name = "URL", conflicts_with = "deploy_id")]
    pub url: Option<String>,
    /// Update the status of this Rollbar deploy (from an earlier `o11y deploy`) instead of recording one
    #[arg(long, value_name = "ID", requires = "status")]
    pub deploy_id: Option<String>,
    /// The manifest [default: o11y.toml, when there is one]
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub env: crate::environments::EnvArg,
}

/// The backends a run uses, resolved and checked before any call. `Some(Err)`: declared in o11y.toml but its
/// key is not in the environment, a failed row while the other backend still records the deploy.
struct Targets {
    honeycomb: Option<Result<(HoneycombApi, String)>>,
    rollbar: Option<Result<(String, String)>>,
}

/// Why a backend is used although its key is missing, for the failed row: o11y.toml, or the environment.
fn declared_by(c: &Configured, section: &str) -> String {
    match c.detected() {
        None => format!("o11y.toml has [{section}]"),
        Some(why) => format!("{section} is configured ({why})"),
    }
}

/// Which backends the manifest or the environment configures, each checked (exit 2 when one is unusable, or
/// when there is none). With `only_rollbar`, Honeycomb is left out (a status update makes no marker).
fn targets(env: &Env, m: Option<&Manifest>, only_rollbar: bool) -> Result<Targets> {
    let wants_honeycomb =
        manifest::honeycomb::configured(m.and_then(|m| m.honeycomb.as_ref()), env)
            .filter(|_| !only_rollbar);
    let wants_rollbar = manifest::rollbar::configured(m.and_then(|m| m.rollbar.as_ref()), env);
    let honeycomb = if let Some(why) = wants_honeycomb {
        let conn = Connection::from_env(env);
        let dataset = m
            .and_then(|m| m.honeycomb.as_ref())
            .and_then(|h| h.service_name.clone())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "__all__".into());
        match conn.connect_for_configuration("the Honeycomb deploy marker") {
            Ok(api) => Some(Ok((api, dataset))),
            Err(_) if conn.api_key.is_none() => Some(Err(Error::failed(format!(
                "{} but HONEYCOMB_API_KEY is not set: no marker was made",
                declared_by(&why, "honeycomb")
            ))
            .with_help(
                "set HONEYCOMB_API_KEY to a configuration key with the markers permission (Honeycomb → \
                 Environment Settings → API Keys)",
            ))),
            Err(e) => return Err(e.context("honeycomb")),
        }
    } else {
        None
    };
    let rollbar = if let Some(why) = wants_rollbar {
        let opts = Options::from_env(env);
        match opts.resolve() {
            Ok(t) => Some(Ok(t)),
            Err(_) if opts.access_token.is_none() => Some(Err(Error::failed(format!(
                "{} but ROLLBAR_ACCESS_TOKEN is not set: no deploy was recorded",
                declared_by(&why, "rollbar")
            ))
            .with_help(format!(
                "set ROLLBAR_ACCESS_TOKEN to the project's post_server_item token ({})",
                TOKENS_PAGE
            )))),
            Err(e) => return Err(e.context("rollbar")),
        }
    } else {
        None
    };
    if honeycomb.is_none() && rollbar.is_none() {
        let what = if only_rollbar {
            "--deploy-id updates a Rollbar deploy, but Rollbar is not configured"
        } else {
            "no backend to record the deploy in: neither Honeycomb nor Rollbar is configured"
        };
        return Err(Error::usage(what).with_help(
            "set ROLLBAR_ACCESS_TOKEN (a post_server_item token) and/or HONEYCOMB_API_KEY (a configuration \
             key), or add [rollbar] / [honeycomb] to o11y.toml",
        ));
    }
    Ok(Targets { honeycomb, rollbar })
}

/// The outcome for one backend.
struct Row {
    backend: &'static str,
    result: Result<(String, Value)>,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let m = manifest::find(args.file.as_deref())?;
    let runs = crate::environments::plan(&ctx.aws_args, m, args.env.env.as_deref())?;
    crate::environments::each(ctx, runs, async |ctx, m| run_in(ctx, &args, m).await).await
}

/// The deploy of one environment (or of the manifest without environments, or of none).
async fn run_in(ctx: &Context, args: &Args, manifest: Option<manifest::Manifest>) -> Result<()> {
    crate::secrets::Sink::of_run(ctx, manifest.as_ref()).await?;
    if let Some(id) = &args.deploy_id {
        return update(ctx, manifest.as_ref(), args, id).await;
    }
    let from_manifest = manifest
        .as_ref()
        .filter(|m| m.environment.is_some())
        .and_then(|m| m.rollbar.as_ref())
        .and_then(|r| r.environment.clone());
    let Some(environment) = args.environment.clone().or(from_manifest) else {
        return Err(Error::usage(
            "no --environment, and this environment's `[rollbar] environment` is not set",
        )
        .with_help("o11y deploy --environment production"));
    };
    if environment.trim().is_empty() {
        return Err(Error::usage("--environment is empty")
            .with_help("o11y deploy --environment production"));
    }
    if let Some(u) = args.url.as_deref().filter(|u| !u.is_empty()) {
        crate::aws::check_url("--url", u)?;
    }
    let t = targets(&ctx.env, manifest.as_ref(), false)?;
    let revision = match &args.revision {
        Some(r) if r.trim().is_empty() => return Err(Error::usage("--revision is empty")),
        Some(r) => r.clone(),
        None => crate::rollbar::deploy::git_head().ok_or_else(|| {
            Error::usage("no --revision given, and this is not a git checkout to take HEAD from")
                .with_help("pass --revision with the commit SHA or version deployed")
        })?,
    };

    let marker = async {
        let (api, dataset) = match t.honeycomb.as_ref()? {
            Ok(target) => target,
            Err(e) => {
                return Some(Row {
                    backend: "honeycomb",
                    result: Err(e.clone()),
                })
            }
        };
        let new = NewMarker {
            message: format!("deploy {revision} to {environment}"),
            marker_type: Some("deploy".into()),
            url: args.url.clone().filter(|u| !u.is_empty()),
        };
        let result = api.create_marker(ctx, dataset, &new).await.map(|m| {
            let place = if dataset == "__all__" {
                "the whole environment (__all__)".to_string()
            } else {
                format!("dataset `{dataset}`")
            };
            let mut v = json!(m);
            v["dataset"] = json!(dataset);
            (format!("marker {} on {place}: {}", m.id, new.message), v)
        });
        Some(Row {
            backend: "honeycomb",
            result,
        })
    };
    let deploy = async {
        let (token, endpoint) = match t.rollbar.clone()? {
            Ok(target) => target,
            Err(e) => {
                return Some(Row {
                    backend: "rollbar",
                    result: Err(e),
                })
            }
        };
        let d = crate::rollbar::api::Deploy {
            environment: environment.clone(),
            revision: revision.clone(),
            status: args.status,
            comment: None,
            local_username: None,
            rollbar_username: None,
        };
        let result = RollbarApi::new(ctx, endpoint, token)
            .create_deploy(&d)
            .await
            .map(|c| {
                let id = id_text(&c.deploy_id);
                let status = args
                    .status
                    .map(|s| format!(" ({})", s.as_str()))
                    .unwrap_or_default();
                (
                    format!("deploy {id}: {revision} to {environment}{status}"),
                    json!({"deploy_id": c.deploy_id, "status": args.status, "data": c.data}),
                )
            });
        Some(Row {
            backend: "rollbar",
            result,
        })
    };
    let (h, r) = tokio::join!(marker, deploy);
    finish(
        ctx,
        Deployed {
            revision: Some(revision),
            environment: Some(environment),
            rows: h.into_iter().chain(r).collect(),
        },
    )
}

/// `--deploy-id ID --status S`: PATCH that Rollbar deploy; no marker.
async fn update(ctx: &Context, m: Option<&Manifest>, args: &Args, id: &str) -> Result<()> {
    if id.trim().is_empty() {
        return Err(Error::usage("--deploy-id is empty")
            .with_help("give the deploy_id an earlier `o11y deploy` printed"));
    }
    let status = args
        .status
        .ok_or_else(|| Error::usage("--deploy-id needs --status"))?;
    let t = targets(&ctx.env, m, true)?;
    let (token, endpoint) = t
        .rollbar
        .expect("targets() checked Rollbar is configured")
        .map_err(|e| Error::usage(e.message).with_help(e.help.unwrap_or_default()))?;
    if manifest::honeycomb::configured(m.and_then(|m| m.honeycomb.as_ref()), &ctx.env).is_some() {
        ctx.out.note(
            "o11y: no Honeycomb marker for a status update: the deploy's marker was made when it was recorded",
        );
    }
    let result = RollbarApi::new(ctx, endpoint, token)
        .update_deploy(id, status)
        .await
        .map(|answer| {
            (
                format!("deploy {id}: status set to {}", status.as_str()),
                json!({"deploy_id": id, "status": status, "data": answer.get("data").or(answer.get("result")).cloned().unwrap_or(answer)}),
            )
        })
        .map_err(|e| {
            if e.message.contains("HTTP 404") {
                e.with_help(format!(
                    "check --deploy-id: {id} is not a deploy of the token's project (use the deploy_id that \
                     `o11y deploy` printed)"
                ))
            } else {
                e
            }
        });
    finish(
        ctx,
        Deployed {
            revision: None,
            environment: args.environment.clone(),
            rows: vec![Row {
                backend: "rollbar",
                result,
            }],
        },
    )
}

fn finish(ctx: &Context, d: Deployed) -> Result<()> {
    ctx.out.print(&d)?;
    let failed: Vec<&str> = d
        .rows
        .iter()
        .filter(|r| r.result.is_err())
        .map(|r| r.backend)
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Error::failed(format!(
            "the deploy was not recorded in {} ({} of {} backends failed)",
            failed.join(" and "),
            failed.len(),
            d.rows.len()
        )))
    }
}

fn id_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

struct Deployed {
    revision: Option<String>,
    environment: Option<String>,
    rows: Vec<Row>,
}

impl Render for Deployed {
    /// `{"revision", "environment", "honeycomb": {...}, "rollbar": {...}}`: each backend's object has
    /// `ok` (`true`, or `false` with `error` and `fix`).
    fn json(&self) -> Value {
        let mut out = Map::new();
        if let Some(r) = &self.revision {
            out.insert("revision".into(), json!(r));
        }
        if let Some(e) = &self.environment {
            out.insert("environment".into(), json!(e));
        }
        for row in &self.rows {
            let v = match &row.result {
                Ok((_, v)) => {
                    let mut v = v.clone();
                    v["ok"] = json!(true);
                    v
                }
                Err(e) => json!({"ok": false, "error": e.message, "fix": e.help}),
            };
            out.insert(row.backend.into(), v);
        }
        Value::Object(out)
    }

    fn text(&self, style: &Style) -> String {
        let mut s = String::new();
        for row in &self.rows {
            match &row.result {
                Ok((line, _)) => s.push_str(&format!(
                    "{} {:<9}  {line}\n",
                    style.green("✓"),
                    row.backend
                )),
                Err(e) => {
                    s.push_str(&format!(
                        "{} {:<9}  {}\n",
                        style.red("✗"),
                        row.backend,
                        e.message
                    ));
                    if let Some(h) = &e.help {
                        s.push_str(&format!("  {} {h}\n", style.bold("fix:")));
                    }
                }
            }
        }
        s
    }
}
