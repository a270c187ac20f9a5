//! The Rollbar part of `o11y init`: `[rollbar]` when the environment configures Rollbar (ROLLBAR_ACCESS_TOKEN,
//! the same test as doctor's, `manifest::rollbar::configured`).
//!
//! `environment` is the app's ROLLBAR_ENVIRONMENT. `project` is the name of the project the token belongs to,
//! written only where setup can confirm it: setup finds a project by name with the account token
//! (ROLLBAR_ACCOUNT_ACCESS_TOKEN, `GET projects`), so init names it the same way. Which project that is,
//! Rollbar tells two ways: a `read` token's newest occurrence (`GET /api/1/instances/`) and its item (`GET
//! /api/1/item/{id}`, whose `project_id` is the project), with ROLLBAR_READ_ACCESS_TOKEN; or, with the
//! account token, the project whose token listing (`GET project/{id}/access_tokens`) shows
//! ROLLBAR_ACCESS_TOKEN (Rollbar shows only its older tokens' values). What cannot be named is a comment and
//! a note, never a guess. A Rollbar that cannot be read is a note, never a failure.

use serde_json::Value;

use super::found::{comment, quote, Found};
use crate::context::Context;
use crate::manifest::rollbar::{check_project_name, configured, ACCOUNT_TOKEN_VAR};
use crate::rollbar::account::{Account, Project};
use crate::rollbar::api::RollbarApi;
use crate::rollbar::connection::Options;
use crate::rollbar::report::{read_token, READ_TOKEN_VAR};

const KIND: &str = "rollbar";
const PROJECT_KIND: &str = "rollbar project";
/// The most projects whose token listings are read to find the token's (one call each).
const MAX_LISTINGS: usize = 50;

/// What the tokens showed.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Seen {
    pub project_id: Option<Value>,
    /// The environments of the newest occurrences, in the order first seen.
    pub environments: Vec<String>,
    /// The project named with the account token, and how it was told.
    pub project: Option<(Project, &'static str)>,
}

const BY_OCCURRENCE: &str =
    "the project of its newest occurrence, read with ROLLBAR_READ_ACCESS_TOKEN";
const BY_LISTING: &str = "the project whose token listing shows ROLLBAR_ACCESS_TOKEN";

pub async fn read(ctx: &Context) -> Found {
    let mut found = Found::default();
    let Some(why) = configured(None, &ctx.env) else {
        return found;
    };
    let opts = Options::from_env(&ctx.env);
    if let Err(e) = opts.resolve() {
        found.notes.push(format!(
            "Rollbar: {}; [rollbar] is written anyway",
            e.message
        ));
    }
    let mut seen = Seen::default();
    let read = match occurrences(ctx, &opts).await {
        Ok(Some(s)) => {
            seen = s;
            true
        }
        Ok(None) => false,
        Err(e) => {
            found.notes.push(format!(
                "Rollbar: the project could not be read ({}); [rollbar] is written without it",
                e.message
            ));
            true
        }
    };
    let has_account = ctx.env.var(ACCOUNT_TOKEN_VAR).is_some();
    if has_account {
        if let Err(e) = name(ctx, &opts, &mut seen, &mut found).await {
            found.notes.push(format!(
                "Rollbar: the projects could not be read with {ACCOUNT_TOKEN_VAR} ({}); [rollbar] is written without `project`",
                e.message
            ));
        }
    } else {
        let why = match (&seen.project_id, read) {
            (Some(id), _) => format!("the token's project is {}, but", shown(id)),
            (None, true) => format!(
                "{READ_TOKEN_VAR} shows no occurrence yet to tell the token's project by, and"
            ),
            (None, false) => format!(
                "the project cannot be told from ROLLBAR_ACCESS_TOKEN (a post_server_item token may only post; set {READ_TOKEN_VAR} to the project's read token), and"
            ),
        };
        found.notes.push(format!(
            "Rollbar: {why} setup finds [rollbar] project by name with an account token, and {ACCOUNT_TOKEN_VAR} is not set, so `project` is not written; with one (the read scope is enough), `o11y init --force` writes it"
        ));
    }
    let environment = ctx.env.var("ROLLBAR_ENVIRONMENT");
    section(&mut found, &seen, environment.as_deref(), why.detected());
    found
}

fn shown(id: &Value) -> String {
    id.as_str().map_or_else(|| id.to_string(), str::to_string)
}

/// With a read token: the newest occurrences, then the item of the newest. `None` without a read token.
async fn occurrences(ctx: &Context, opts: &Options) -> crate::error::Result<Option<Seen>> {
    let Some(token) = read_token(ctx.env.raw(READ_TOKEN_VAR))? else {
        return Ok(None);
    };
    crate::aws::check_url("ROLLBAR_ENDPOINT", &opts.api_endpoint)?;
    let mut endpoint = opts.api_endpoint.clone();
    if !endpoint.ends_with('/') {
        endpoint.push('/');
    }
    let api = RollbarApi::new(ctx, endpoint, token);
    let instances = api.instances(1).await?;
    let mut seen = Seen::default();
    for o in &instances {
        if let Some(env) = o["data"]["environment"].as_str() {
            if !seen.environments.iter().any(|e| e == env) {
                seen.environments.push(env.to_string());
            }
        }
    }
    if let Some(item_id) = instances.first().map(|o| o["item_id"].clone()) {
        let item = api.item(&item_id).await?;
        seen.project_id = item.get("project_id").filter(|v| !v.is_null()).cloned();
    }
    Ok(Some(seen))
}

/// With the account token: the project of `seen.project_id`, else the one whose token listing shows
/// ROLLBAR_ACCESS_TOKEN (or the read token); a name setup can find it by, or a note saying why not.
async fn name(
    ctx: &Context,
    opts: &Options,
    seen: &mut Seen,
    found: &mut Found,
) -> crate::error::Result<()> {
    let account = Account::from_env(ctx)?;
    let projects = account.projects().await?;
    let by_id = seen
        .project_id
        .as_ref()
        .and_then(|id| id.as_u64().or_else(|| id.as_str()?.parse().ok()));
    let told = match by_id {
        Some(id) => match projects.iter().find(|p| p.id == id) {
            Some(p) => Some((p.clone(), BY_OCCURRENCE)),
            None => {
                found.notes.push(format!(
                    "Rollbar: the token's project {id} is not among the projects {ACCOUNT_TOKEN_VAR} lists (an account token of another account?), so `project` is not written"
                ));
                return Ok(());
            }
        },
        None => {
            let mine: Vec<String> = [opts.access_token.clone(), ctx.env.var(READ_TOKEN_VAR)]
                .into_iter()
                .flatten()
                .collect();
            let mut told = None;
            for p in projects.iter().take(MAX_LISTINGS) {
                let tokens = account.tokens(p.id).await?;
                if tokens
                    .iter()
                    .any(|t| t.access_token.as_ref().is_some_and(|v| mine.contains(v)))
                {
                    told = Some((p.clone(), BY_LISTING));
                    break;
                }
            }
            told
        }
    };
    let Some((project, how)) = told else {
        found.notes.push(format!(
            "Rollbar: no project of the account lists ROLLBAR_ACCESS_TOKEN (Rollbar shows only its older tokens' values) and no occurrence names one, so `project` is not written; set {READ_TOKEN_VAR} to the project's read token (once it has an occurrence), or write project = \"<name>\" under [rollbar]"
        ));
        return Ok(());
    };
    if let Err(why) = check_project_name(&project.name) {
        found.notes.push(format!(
            "Rollbar: the name of the token's project {} breaks Rollbar's rule for project names ({why}), so `project` is not written",
            project.id
        ));
        seen.project_id = Some(project.id.into());
        return Ok(());
    }
    let same = projects.iter().filter(|p| p.name == project.name).count();
    if same > 1 {
        found.notes.push(format!(
            "Rollbar: {same} projects of the account are named `{}`, and setup does not guess which one is meant, so `project` is a comment; rename the others (Project Settings) and run `o11y init --force`",
            project.name
        ));
        seen.project_id = Some(project.id.into());
        return Ok(());
    }
    seen.project = Some((project, how));
    Ok(())
}

/// `[rollbar]` with the comment of what was seen.
fn section(found: &mut Found, seen: &Seen, environment: Option<&str>, detected: Option<&str>) {
    let mut about = Vec::new();
    if let Some(why) = detected {
        about.push(format!("Rollbar (found because {why})."));
    }
    match (&seen.project, &seen.project_id) {
        (Some((p, how)), _) => about.push(format!("Project {} (id {}: {how}).", p.name, p.id)),
        (None, Some(id)) => about.push(format!(
            "Project {} (the project of its newest occurrence, read with {READ_TOKEN_VAR}; not written as `project`, see o11y init's warning).",
            shown(id)
        )),
        (None, None) => {}
    }
    if !seen.environments.is_empty() {
        about.push(format!(
            "Environments of its newest occurrences: {}.",
            seen.environments.join(", ")
        ));
    }
    let mut text = comment(&about.join("\n"));
    text.push_str("[rollbar]\n");
    match environment {
        Some(e) => text.push_str(&format!("environment = {}\n", quote(e))),
        None => text.push_str(&comment(
            "environment = \"...\"   # the app's ROLLBAR_ENVIRONMENT (not set here)",
        )),
    }
    if let Some((p, _)) = &seen.project {
        text.push_str(&format!("project = {}\n", quote(&p.name)));
    }
    text.push('\n');
    found.toml = text;
    found.resource(KIND, environment.unwrap_or("-"));
    if let Some((p, _)) = &seen.project {
        found.resource(PROJECT_KIND, &p.name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_section_names_the_project_and_reads_back() {
        let mut seen = Seen {
            project_id: Some(serde_json::json!(411708)),
            environments: vec!["production".into(), "development".into()],
            project: None,
        };
        let mut f = Found::default();
        section(
            &mut f,
            &seen,
            Some("production"),
            Some("ROLLBAR_ACCESS_TOKEN is set"),
        );
        assert_eq!(
            f.toml,
            "# Rollbar (found because ROLLBAR_ACCESS_TOKEN is set).\n\
             # Project 411708 (the project of its newest occurrence, read with ROLLBAR_READ_ACCESS_TOKEN; not written as `project`, see o11y init's warning).\n\
             # Environments of its newest occurrences: production, development.\n\
             [rollbar]\nenvironment = \"production\"\n\n"
        );
        let m = crate::manifest::parse(&f.toml, std::path::Path::new("o11y.toml")).unwrap();
        assert_eq!(
            m.rollbar.unwrap().environment.as_deref(),
            Some("production")
        );

        seen.project = Some((
            Project {
                id: 411708,
                name: "cruddur".into(),
                status: "enabled".into(),
            },
            BY_OCCURRENCE,
        ));
        let mut f = Found::default();
        section(&mut f, &seen, None, None);
        assert!(
            f.toml.starts_with("# Project cruddur (id 411708: the project of its newest occurrence, read with ROLLBAR_READ_ACCESS_TOKEN).\n"),
            "{}",
            f.toml
        );
        assert!(
            f.toml.ends_with("[rollbar]\n# environment = \"...\"   # the app's ROLLBAR_ENVIRONMENT (not set here)\nproject = \"cruddur\"\n\n"),
            "{}",
            f.toml
        );
        let m = crate::manifest::parse(&f.toml, std::path::Path::new("o11y.toml")).unwrap();
        assert_eq!(m.rollbar.unwrap().project.as_deref(), Some("cruddur"));
        assert_eq!(f.resources[1].kind, "rollbar project");
    }
}
