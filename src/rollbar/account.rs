//! Rollbar's account API, with the account access token (`ROLLBAR_ACCOUNT_ACCESS_TOKEN`): projects
//! (`GET|POST projects`) and their project access tokens (`GET|POST project/{id}/access_tokens`, `DELETE
//! project/{id}/access_token/{token}`). A token's value is in the create answer only (Rollbar's encrypted
//! tokens are listed by name, scopes and public id): [`NewToken`] carries it to the secrets sink and nothing
//! here shows it. It never prints.

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use reqwest::Method;
use serde_json::{json, Value};

use super::connection::Options;
use super::envelope::{Client, Holder};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::manifest::rollbar::ACCOUNT_TOKEN_VAR;
use crate::secret::mask;

/// Where account access tokens are made, for help lines.
pub const ACCOUNT_TOKENS_PAGE: &str = "Account Settings -> Account Access Tokens";

/// A project as `GET projects` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub id: u64,
    pub name: String,
    pub status: String,
}

/// A project access token as the listing shows it: its value only for Rollbar's older (legacy) tokens.
/// No `Debug`: the value is a secret.
#[derive(Clone)]
pub struct ProjectToken {
    pub name: String,
    pub scopes: Vec<String>,
    pub status: String,
    pub access_token: Option<String>,
    pub public_id: Option<String>,
}

impl ProjectToken {
    fn from_json(v: &Value) -> ProjectToken {
        let s = |k: &str| {
            v.get(k)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        ProjectToken {
            name: s("name").unwrap_or_default(),
            scopes: v
                .get("scopes")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
            status: s("status").unwrap_or_else(|| "enabled".into()),
            access_token: s("access_token"),
            public_id: s("public_id"),
        }
    }

    /// How rows name the token: its public id, else its value masked (`5e7a…`).
    pub fn shown(&self) -> String {
        match (&self.public_id, &self.access_token) {
            (Some(p), _) => format!("public id {p}"),
            (None, Some(t)) => mask(t),
            (None, None) => "(no id listed)".into(),
        }
    }

    /// What `DELETE project/{id}/access_token/{token}` takes for it: the value where Rollbar lists it, else
    /// the public id.
    pub fn path_id(&self) -> Option<&str> {
        self.access_token.as_deref().or(self.public_id.as_deref())
    }

    /// The scopes as a sorted set, for comparing with the manifest's (Rollbar reorders them).
    pub fn scope_set(&self) -> Vec<String> {
        let mut s = self.scopes.clone();
        s.sort();
        s.dedup();
        s
    }
}

/// What `POST project/{id}/access_tokens` answered: the new token's value (shown only here) and the token.
pub struct NewToken {
    pub value: String,
    pub token: ProjectToken,
}

pub struct Account<'a> {
    api: Client<'a>,
}

const REPLACE: &str = "set ROLLBAR_ACCOUNT_ACCESS_TOKEN to an account access token with the read and write scopes (Account Settings -> Account Access Tokens); a project's token cannot manage projects";

impl<'a> Account<'a> {
    /// The account token from the run's variables and the endpoint (ROLLBAR_ENDPOINT); a missing or pasted-wrong
    /// token is an error (a failed row: missing credentials), shown at most as its first 4 characters.
    pub fn from_env(ctx: &'a Context) -> Result<Account<'a>> {
        let endpoint = Options::from_env(&ctx.env).endpoint()?;
        let token = ctx.env.var(ACCOUNT_TOKEN_VAR).ok_or_else(|| {
            Error::failed(format!(
                "no Rollbar account access token: {ACCOUNT_TOKEN_VAR} is not set"
            ))
            .with_help(format!(
                "export {ACCOUNT_TOKEN_VAR}=<token> in this shell (an account token with read and write scopes, from \
                 {ACCOUNT_TOKENS_PAGE}); do not put it in the app's secrets file"
            ))
        })?;
        if token.trim() != token || token.starts_with(['"', '\'']) || token.ends_with(['"', '\'']) {
            return Err(Error::failed(format!(
                "{ACCOUNT_TOKEN_VAR} `{}` has spaces or quotes around it",
                mask(token.trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '\''))
            ))
            .with_help("set it to the token as Rollbar shows it, without quotes or spaces"));
        }
        Ok(Account {
            api: Client {
                ctx,
                endpoint,
                token,
                holder: Holder {
                    what: ACCOUNT_TOKEN_VAR.into(),
                    replace: REPLACE.into(),
                },
            },
        })
    }

    /// `GET projects`: the account's projects (Rollbar once listed deleted ones without a name: left out).
    pub async fn projects(&self) -> Result<Vec<Project>> {
        let v = self
            .api
            .call(Method::GET, "projects", None, "project list", &[])
            .await?;
        Ok(v.as_array()
            .into_iter()
            .flatten()
            .filter_map(project)
            .collect())
    }

    /// `POST projects` `{"name"}`.
    pub async fn create_project(&self, name: &str) -> Result<Project> {
        let v = self
            .api
            .call(
                Method::POST,
                "projects",
                Some(&json!({ "name": name })),
                "project creation",
                &[],
            )
            .await?;
        project(&v).ok_or_else(|| {
            Error::failed(format!(
                "Rollbar's answer to the project creation has no project id: {}",
                v.to_string().chars().take(300).collect::<String>()
            ))
        })
    }

    /// `GET project/{id}/access_tokens`.
    pub async fn tokens(&self, project_id: u64) -> Result<Vec<ProjectToken>> {
        let v = self
            .api
            .call(
                Method::GET,
                &format!("project/{project_id}/access_tokens"),
                None,
                "token list",
                &[],
            )
            .await?;
        let tokens: Vec<ProjectToken> = v
            .as_array()
            .into_iter()
            .flatten()
            .map(ProjectToken::from_json)
            .collect();
        Ok(tokens)
    }

    /// `POST project/{id}/access_tokens` `{"name", "scopes", "status": "enabled"}`: the new token, its value
    /// from the answer (the only time Rollbar shows it).
    pub async fn create_token(
        &self,
        project_id: u64,
        name: &str,
        scopes: &[String],
    ) -> Result<NewToken> {
        let body = json!({ "name": name, "scopes": scopes, "status": "enabled" });
        let v = self
            .api
            .call(
                Method::POST,
                &format!("project/{project_id}/access_tokens"),
                Some(&body),
                "token creation",
                &[],
            )
            .await?;
        let token = ProjectToken::from_json(&v);
        match token.access_token.clone() {
            Some(value) => Ok(NewToken { value, token }),
            None => Err(Error::failed(format!(
                "Rollbar created the token `{name}` ({}) but its answer has no access_token",
                token.shown()
            ))
            .with_help("delete it under Project Settings -> Project Access Tokens, then run o11y setup again")),
        }
    }

    /// `DELETE project/{id}/access_token/{token}` (what [`ProjectToken::path_id`] gives, or a new token's value).
    pub async fn delete_token(&self, project_id: u64, id: &str) -> Result<()> {
        let path = format!(
            "project/{project_id}/access_token/{}",
            utf8_percent_encode(id, NON_ALPHANUMERIC)
        );
        self.api
            .call(Method::DELETE, &path, None, "token deletion", &[id])
            .await
            .map(|_| ())
    }
}

fn project(v: &Value) -> Option<Project> {
    Some(Project {
        id: v.get("id")?.as_u64()?,
        name: v.get("name")?.as_str()?.to_string(),
        status: v
            .get("status")
            .and_then(Value::as_str)
            .unwrap_or("enabled")
            .to_string(),
    })
}
