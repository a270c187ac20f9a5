//! `--env NAME` and `--env all` (also `O11Y_ENV`) on setup, doctor, deploy, env, otel and export: which
//! environments of the manifest (`[environments.NAME]`, see `manifest/environments.rs`) a command runs for, and
//! the running. Each environment and region is one run with its own context: the environment's profile (its
//! credentials only) and region, its own variables (its secrets sink) and its own `--parallelism`.
//!
//! One run writes as the command always does. Several (`--env all`, or an environment with several regions)
//! run at the same time; each one's output is kept and printed in the manifest's order when all are done: for
//! people, a heading per environment and region with the command's table under it, its notes and errors on
//! stderr prefixed `[env region]`; with `-o json`, one array with one object per run (`environment`, `region`,
//! `profile`, `ok`, `result`: the command's own JSON document, and `error` when it failed). One run's failure
//! does not stop the others; the exit code is the worst of them.

use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

use crate::aws::AwsArgs;
use crate::context::Context;
use crate::error::{Error, Kind, Result};
use crate::manifest::environments::ALL;
use crate::manifest::Manifest;
use crate::output::Captured;

/// `--env NAME` (each command that takes it flattens this).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct EnvArg {
    /// The manifest's environment (`[environments.NAME]`), or `all` for every environment and region at once
    #[arg(long = "env", value_name = "NAME", env = "O11Y_ENV")]
    pub env: Option<String>,
}

/// One run: an environment (or the manifest without environments) in one region.
pub struct Run {
    pub environment: Option<String>,
    /// The region the environment names for this run (none: the run's own, as for any command).
    pub region: Option<String>,
    pub profile: Option<String>,
    /// The manifest as this environment sees it (none: the command runs without one).
    pub manifest: Option<Manifest>,
    aws: AwsArgs,
}

impl Run {
    /// `prod (eu-west-1)`, `prod`, or empty for the manifest without environments.
    pub fn label(&self) -> String {
        match (&self.environment, &self.region) {
            (Some(e), Some(r)) => format!("{e} ({r})"),
            (Some(e), None) => e.clone(),
            (None, _) => String::new(),
        }
    }
}

/// The runs of a command: `sel` is `--env` (or O11Y_ENV). Without environments in the manifest, one run as
/// always; with them, `--env` must name one (or `all`), found before any call. An environment with several
/// regions is one run per region; the Honeycomb and Rollbar parts (not regional) go with its first region only.
pub fn plan(aws: &AwsArgs, m: Option<Manifest>, sel: Option<&str>) -> Result<Vec<Run>> {
    let sel = sel.map(str::trim).filter(|s| !s.is_empty());
    let Some(m) = m else {
        return match sel {
            None => Ok(vec![plain(aws, None)]),
            Some(s) => Err(Error::usage(format!(
                "--env {s}: there is no manifest (o11y.toml) to take environments from"
            ))
            .with_help("run in the folder of o11y.toml, or pass `--file`")),
        };
    };
    let names: Vec<String> = m.environments.iter().map(|e| e.name.clone()).collect();
    let chosen = match sel {
        None if names.is_empty() => return Ok(vec![plain(aws, Some(m))]),
        None => {
            return Err(Error::usage(format!(
            "{} defines environments ({}): name one with --env NAME (or O11Y_ENV), or --env all",
            m.path.display(),
            names.join(", ")
        ))
            .with_help(format!("for example `--env {}`", names[0])))
        }
        Some(ALL) if !names.is_empty() => names,
        Some(s) if names.iter().any(|n| n == s) => vec![s.to_string()],
        Some(s) => return Err(m.unknown_environment(s)),
    };
    let mut runs = Vec::new();
    for name in chosen {
        let Some(env) = m.environments.iter().find(|e| e.name == name) else {
            continue;
        };
        let em = m.for_environment(&name)?;
        let regions: Vec<Option<String>> = match env.regions.is_empty() {
            true => vec![None],
            false => env.regions.iter().cloned().map(Some).collect(),
        };
        for (i, region) in regions.into_iter().enumerate() {
            let mut run_aws = aws.clone();
            if let Some(p) = &env.profile {
                run_aws.profile = Some(p.clone());
                run_aws.profile_credentials_only = true;
            }
            if region.is_some() {
                run_aws.region = region.clone();
            }
            let mut em = em.clone();
            if i > 0 {
                em.honeycomb = None;
                em.rollbar = None;
            }
            runs.push(Run {
                environment: Some(name.clone()),
                region,
                profile: env.profile.clone(),
                manifest: Some(em),
                aws: run_aws,
            });
        }
    }
    Ok(runs)
}

fn plain(aws: &AwsArgs, m: Option<Manifest>) -> Run {
    Run {
        environment: None,
        region: None,
        profile: None,
        manifest: m,
        aws: aws.clone(),
    }
}

/// The run of a command whose output is one document for one environment (`env`, `export`): `--env all` with
/// several environments is refused; of an environment with several regions, the first region's run (the one
/// with the Honeycomb and Rollbar parts), with a note.
pub fn one(ctx: &Context, runs: Vec<Run>, command: &str) -> Result<Run> {
    let n = runs.len();
    let envs: std::collections::BTreeSet<_> = runs.iter().map(|r| r.environment.clone()).collect();
    if envs.len() > 1 {
        let names: Vec<String> = envs.into_iter().flatten().collect();
        return Err(Error::usage(format!(
            "`o11y {command}` writes one document for one environment, and --env all names {}: {}",
            names.len(),
            names.join(", ")
        ))
        .with_help(format!(
            "run it once per environment: `o11y {command} --env {}`",
            names[0]
        )));
    }
    let mut runs = runs.into_iter();
    let Some(first) = runs.next() else {
        return Err(Error::usage("no environment to run for"));
    };
    if n > 1 {
        ctx.out.note(&format!(
            "o11y: environment `{}` has {n} regions: this is for its first, {}",
            first.environment.as_deref().unwrap_or_default(),
            first.region.as_deref().unwrap_or_default()
        ));
    }
    Ok(first)
}

/// Run `f` once per run: directly when there is one, else all at the same time, then their output as sections.
pub async fn each<F>(ctx: &Context, runs: Vec<Run>, f: F) -> Result<()>
where
    F: AsyncFn(&Context, Option<Manifest>) -> Result<()>,
{
    if runs.len() == 1 {
        let Some(run) = runs.into_iter().next() else {
            return Ok(());
        };
        if run.environment.is_none() {
            return f(ctx, run.manifest).await;
        }
        let child = ctx.child(ctx.out.same(), run.aws);
        return f(&child, run.manifest).await;
    }
    let kept: Vec<Arc<Mutex<Captured>>> = runs.iter().map(|_| Arc::default()).collect();
    let children: Vec<Context> = runs
        .iter()
        .zip(&kept)
        .map(|(r, k)| ctx.child(ctx.out.captured(k.clone()), r.aws.clone()))
        .collect();
    let results = futures_util::future::join_all(
        runs.iter()
            .zip(&children)
            .map(|(r, c)| f(c, r.manifest.clone())),
    )
    .await;
    let mut failed = Vec::new();
    let mut docs = Vec::new();
    for (i, ((run, kept), result)) in runs.iter().zip(&kept).zip(results).enumerate() {
        let kept = kept.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let label = run.label();
        let err_text = result
            .as_ref()
            .err()
            .filter(|e| e.kind != Kind::BrokenPipe)
            .map(|e| e.render(ctx.out.err_style.color));
        if ctx.out.is_json() {
            let result_doc = serde_json::from_str::<Value>(&kept.stdout).unwrap_or(Value::Null);
            let mut doc = json!({
                "environment": run.environment,
                "region": run.region,
                "profile": run.profile,
                "ok": result.is_ok(),
                "result": result_doc,
            });
            if let Err(e) = &result {
                doc["error"] =
                    json!({"message": e.message, "help": e.help, "exit_code": e.exit_code()});
            }
            docs.push(doc);
        } else {
            let heading = ctx.out.style.bold(&format!("== {label} =="));
            let sep = if i == 0 { "" } else { "\n" };
            ctx.out.write(&format!("{sep}{heading}\n{}", kept.stdout))?;
        }
        let mut stderr = kept.stderr;
        stderr.push_str(err_text.as_deref().unwrap_or_default());
        for line in stderr.lines() {
            ctx.out.note(&format!("[{label}] {line}"));
        }
        if let Err(e) = result {
            failed.push((label, e.kind));
        }
    }
    if ctx.out.is_json() {
        ctx.out.write(&format!(
            "{}\n",
            serde_json::to_string_pretty(&Value::Array(docs))
                .map_err(|e| Error::failed(e.to_string()))?
        ))?;
    }
    if failed.is_empty() {
        return Ok(());
    }
    let message = format!(
        "{} of {} failed: {}",
        failed.len(),
        runs.len(),
        failed
            .iter()
            .map(|(l, _)| l.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    match failed.iter().all(|(_, k)| *k == Kind::Usage) {
        true => Err(Error::usage(message)),
        false => Err(Error::failed(message)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"
[[logs.groups]]
name = "cruddur"
[rollbar]
environment = "development"
[environments.dev]
region = "us-east-1"
[environments.prod]
profile = "cruddur-prod"
regions = ["us-east-1", "eu-west-1"]
[environments.prod.rollbar]
environment = "production"
"#;

    fn manifest() -> Manifest {
        crate::manifest::parse(TEXT, std::path::Path::new("o11y.toml")).unwrap()
    }

    #[test]
    fn all_is_one_run_per_environment_and_region_with_its_profile_and_the_vendors_once() {
        let shell = AwsArgs {
            region: Some("ap-south-1".into()),
            profile: Some("shell".into()),
            ..AwsArgs::default()
        };
        let runs = plan(&shell, Some(manifest()), Some("all")).unwrap();
        // label, region, profile, profile credentials only, with the Rollbar part
        type Seen = (String, Option<String>, Option<String>, bool, bool);
        let seen: Vec<Seen> = runs
            .iter()
            .map(|r| {
                let m = r.manifest.as_ref().unwrap();
                (
                    r.label(),
                    r.aws.region.clone(),
                    r.aws.profile.clone(),
                    r.aws.profile_credentials_only,
                    m.rollbar.is_some(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (
                    "dev (us-east-1)".into(),
                    Some("us-east-1".into()),
                    Some("shell".into()),
                    false,
                    true
                ),
                (
                    "prod (us-east-1)".into(),
                    Some("us-east-1".into()),
                    Some("cruddur-prod".into()),
                    true,
                    true
                ),
                (
                    "prod (eu-west-1)".into(),
                    Some("eu-west-1".into()),
                    Some("cruddur-prod".into()),
                    true,
                    false
                ),
            ]
        );
        let prod = runs[1].manifest.as_ref().unwrap();
        assert_eq!(
            prod.rollbar.as_ref().unwrap().environment.as_deref(),
            Some("production")
        );
    }

    #[test]
    fn a_manifest_without_environments_is_one_plain_run_and_env_is_refused() {
        let m = crate::manifest::parse(
            "[[logs.groups]]\nname = \"a\"\n",
            std::path::Path::new("o11y.toml"),
        )
        .unwrap();
        let runs = plan(&AwsArgs::default(), Some(m.clone()), None).unwrap();
        assert_eq!(runs.len(), 1);
        assert!(runs[0].environment.is_none());
        let e = plan(&AwsArgs::default(), Some(m), Some("prod"))
            .err()
            .unwrap();
        assert_eq!(e.exit_code(), 2);
        assert!(
            e.message.contains("defines no environments"),
            "{}",
            e.message
        );
        let e = plan(&AwsArgs::default(), Some(manifest()), None)
            .err()
            .unwrap();
        assert!(e.message.contains("(dev, prod)"), "{}", e.message);
        let e = plan(&AwsArgs::default(), None, Some("dev")).err().unwrap();
        assert!(e.message.contains("no manifest"), "{}", e.message);
    }
}
