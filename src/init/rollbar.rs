//! The Rollbar part of `o11y init`: `[rollbar]` when the environment configures Rollbar (ROLLBAR_ACCESS_TOKEN,
//! the same test as doctor's, `manifest::rollbar::configured`).
//!
//! Today's `[rollbar]` holds one key, `environment`: the app's ROLLBAR_ENVIRONMENT. Which project the token
//! belongs to, Rollbar's API tells only a `read` token (a `post_server_item` token may only post): with
//! ROLLBAR_READ_ACCESS_TOKEN, the project's newest occurrences (`GET /api/1/instances/`) and the item of the
//! newest (`GET /api/1/item/{id}`, whose `project_id` names the project) are read; the project and the
//! environments seen are written as a comment above the section until the manifest has keys for them
//! ([`Seen`]). A Rollbar that cannot be read is a note, never a failure.

use serde_json::Value;

use super::found::{comment, quote, Found};
use crate::context::Context;
use crate::manifest::rollbar::configured;
use crate::rollbar::api::RollbarApi;
use crate::rollbar::connection::Options;
use crate::rollbar::report::{read_token, READ_TOKEN_VAR};

const KIND: &str = "rollbar";

/// What the read token showed.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Seen {
    pub project_id: Option<Value>,
    /// The environments of the newest occurrences, in the order first seen.
    pub environments: Vec<String>,
}

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
    let seen = match look(ctx, &opts).await {
        Ok(Some(s)) => s,
        Ok(None) => {
            found.notes.push(format!(
                "Rollbar: the project cannot be told from ROLLBAR_ACCESS_TOKEN (a post_server_item token may only post); set {READ_TOKEN_VAR} to the project's read token to name it"
            ));
            Seen::default()
        }
        Err(e) => {
            found.notes.push(format!(
                "Rollbar: the project could not be read ({}); [rollbar] is written without it",
                e.message
            ));
            Seen::default()
        }
    };
    let environment = ctx.env.var("ROLLBAR_ENVIRONMENT");
    section(&mut found, &seen, environment.as_deref(), why.detected());
    found
}

/// With a read token: the newest occurrences, then the item of the newest. `None` without a read token.
async fn look(ctx: &Context, opts: &Options) -> crate::error::Result<Option<Seen>> {
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

/// `[rollbar]` with the comment of what was seen.
fn section(found: &mut Found, seen: &Seen, environment: Option<&str>, detected: Option<&str>) {
    let mut about = Vec::new();
    if let Some(why) = detected {
        about.push(format!("Rollbar (found because {why})."));
    }
    if let Some(p) = &seen.project_id {
        let p = p.as_str().map_or_else(|| p.to_string(), str::to_string);
        about.push(format!(
            "Project {p} (the project of its newest occurrence, read with {READ_TOKEN_VAR})."
        ));
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
    text.push('\n');
    found.toml = text;
    found.resource(KIND, environment.unwrap_or("-"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_section_names_the_project_and_reads_back() {
        let seen = Seen {
            project_id: Some(serde_json::json!(411708)),
            environments: vec!["production".into(), "development".into()],
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
             # Project 411708 (the project of its newest occurrence, read with ROLLBAR_READ_ACCESS_TOKEN).\n\
             # Environments of its newest occurrences: production, development.\n\
             [rollbar]\nenvironment = \"production\"\n\n"
        );
        let m = crate::manifest::parse(&f.toml, std::path::Path::new("o11y.toml")).unwrap();
        assert_eq!(
            m.rollbar.unwrap().environment.as_deref(),
            Some("production")
        );
    }
}
