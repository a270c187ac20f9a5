//! Honeycomb's v2 management API: the team (`GET /2/auth`), its environments and API keys. JSON:API bodies
//! (`application/vnd.api+json`), a management key as `Authorization: Bearer <id>:<secret>`, every cursor
//! page (`links.next`) followed to the end. A created key's secret comes back once, as a [`Secret`] that
//! never prints. It never prints either.

use std::collections::BTreeMap;

use reqwest::Method;
use serde::Serialize;
use serde_json::{json, Map, Value};

use super::api::{error_text, segment, HoneycombApi, ManagementAuth, Media};
use super::key::KeyKind;
use crate::context::{Context, Env};
use crate::error::{Error, Result};
use crate::http;

/// The variables of a management key, as Honeycomb's Terraform provider reads them.
pub const KEY_ID_VAR: &str = "HONEYCOMB_KEY_ID";
pub const KEY_SECRET_VAR: &str = "HONEYCOMB_KEY_SECRET";

/// The most pages o11y follows (100 objects each) before it stops, in case a server's cursor never ends.
const MAX_PAGES: usize = 1000;

pub struct ManagementApi {
    api: HoneycombApi,
    key_id: String,
}

/// A secret returned once by the API: only [`Secret::expose`] gives it out (to the secrets sink).
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// The team of the management key, and what the key may do.
#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    pub slug: String,
    pub name: String,
    pub scopes: Vec<String>,
}

impl Team {
    /// Whether `GET /2/auth` lists `scope` among the key's scopes.
    pub fn may(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }
}

/// An environment as the API describes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Environment {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub color: String,
    pub delete_protected: bool,
}

impl Environment {
    fn from_value(v: &Value) -> Self {
        let a = &v["attributes"];
        Environment {
            id: text(&v["id"]),
            name: text(&a["name"]),
            slug: text(&a["slug"]),
            description: text(&a["description"]),
            color: text(&a["color"]),
            delete_protected: a["settings"]["delete_protected"].as_bool().unwrap_or(false),
        }
    }
}

/// An API key as the API describes it (never with its secret).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiKey {
    pub id: String,
    pub name: String,
    pub key_type: String,
    pub disabled: bool,
    pub permissions: BTreeMap<String, bool>,
    pub environment_id: String,
}

impl ApiKey {
    fn from_value(v: &Value) -> Self {
        let a = &v["attributes"];
        ApiKey {
            id: text(&v["id"]),
            name: text(&a["name"]),
            key_type: text(&a["key_type"]),
            disabled: a["disabled"].as_bool().unwrap_or(false),
            permissions: a["permissions"]
                .as_object()
                .map(|m| {
                    m.iter()
                        .filter_map(|(k, v)| v.as_bool().map(|b| (k.clone(), b)))
                        .collect()
                })
                .unwrap_or_default(),
            environment_id: text(&v["relationships"]["environment"]["data"]["id"]),
        }
    }

    /// The permissions it has, by name, sorted.
    pub fn granted(&self) -> Vec<String> {
        self.permissions
            .iter()
            .filter(|(_, on)| **on)
            .map(|(k, _)| k.clone())
            .collect()
    }

    /// What the app uses as the key: an ingest key is its id and secret together, a configuration key its
    /// secret (the reference's create-key description).
    pub fn usable_value(&self, secret: &Secret) -> String {
        match self.key_type.as_str() {
            "ingest" => format!("{}{}", self.id, secret.expose()),
            _ => secret.expose().to_string(),
        }
    }
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

impl ManagementApi {
    /// The management key of the run (HONEYCOMB_KEY_ID and HONEYCOMB_KEY_SECRET) on `endpoint`; `None` when
    /// neither is set. One without the other is an error naming the missing one.
    pub fn from_env(env: &Env, endpoint: &str) -> Option<Result<ManagementApi>> {
        let (id, secret) = (env.var(KEY_ID_VAR), env.var(KEY_SECRET_VAR));
        match (id, secret) {
            (None, None) => None,
            (Some(id), Some(secret)) => {
                let (id, secret) = (id.trim().to_string(), secret.trim().to_string());
                let key = format!("{id}:{secret}");
                let kind = KeyKind::Management { key_id: id.clone() };
                Some(Ok(ManagementApi {
                    api: HoneycombApi::new(endpoint, &key, kind),
                    key_id: id,
                }))
            }
            (Some(_), None) | (None, Some(_)) => {
                let missing = match env.var(KEY_ID_VAR) {
                    Some(_) => KEY_SECRET_VAR,
                    None => KEY_ID_VAR,
                };
                Some(Err(Error::failed(format!(
                    "the management key is incomplete: {missing} is not set"
                ))
                .with_help(format!(
                    "set both {KEY_ID_VAR} and {KEY_SECRET_VAR} (Team Settings → API Keys → Management)"
                ))))
            }
        }
    }

    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// `GET /2/auth`: the team (its slug is only in `included`) and the key's scopes.
    pub async fn team(&self, ctx: &Context) -> Result<Team> {
        let v = self.call(ctx, Method::GET, "/2/auth", None, "any").await?;
        let a = ManagementAuth::from_value(v);
        if a.team.slug.is_empty() {
            return Err(Error::failed(
                "Honeycomb's answer to GET /2/auth names no team (no `included` team with a slug)",
            ));
        }
        Ok(Team {
            slug: a.team.slug,
            name: a.team.name,
            scopes: a.scopes,
        })
    }

    /// Every environment of the team (`environments:read`).
    pub async fn environments(&self, ctx: &Context, team: &Team) -> Result<Vec<Environment>> {
        let path = format!("/2/teams/{}/environments", segment(&team.slug));
        let all = self.pages(ctx, &path, "environments:read").await?;
        Ok(all.iter().map(Environment::from_value).collect())
    }

    /// `POST …/environments` (`environments:write`): only `description` and `color` besides the name.
    pub async fn create_environment(
        &self,
        ctx: &Context,
        team: &Team,
        attributes: Map<String, Value>,
    ) -> Result<Environment> {
        let path = format!("/2/teams/{}/environments", segment(&team.slug));
        let body = json!({"data": {"type": "environments", "attributes": attributes}});
        let v = self
            .call(ctx, Method::POST, &path, Some(body), "environments:write")
            .await?;
        Ok(Environment::from_value(&v["data"]))
    }

    /// `PATCH …/environments/{id}` (`environments:write`): description, color (the name cannot change).
    pub async fn update_environment(
        &self,
        ctx: &Context,
        team: &Team,
        id: &str,
        attributes: Map<String, Value>,
    ) -> Result<Environment> {
        let path = format!(
            "/2/teams/{}/environments/{}",
            segment(&team.slug),
            segment(id)
        );
        let body = json!({"data": {"id": id, "type": "environments", "attributes": attributes}});
        let v = self
            .call(ctx, Method::PATCH, &path, Some(body), "environments:write")
            .await?;
        Ok(Environment::from_value(&v["data"]))
    }

    /// Every API key of the team (`api-keys:read`); each names its environment.
    pub async fn api_keys(&self, ctx: &Context, team: &Team) -> Result<Vec<ApiKey>> {
        let path = format!("/2/teams/{}/api-keys", segment(&team.slug));
        let all = self.pages(ctx, &path, "api-keys:read").await?;
        Ok(all.iter().map(ApiKey::from_value).collect())
    }

    /// `POST …/api-keys` (`api-keys:write`): the key and its secret, which the API returns only here.
    pub async fn create_api_key(
        &self,
        ctx: &Context,
        team: &Team,
        environment_id: &str,
        attributes: Map<String, Value>,
    ) -> Result<(ApiKey, Secret)> {
        let path = format!("/2/teams/{}/api-keys", segment(&team.slug));
        let body = json!({"data": {
            "type": "api-keys",
            "attributes": attributes,
            "relationships": {"environment": {"data": {"id": environment_id, "type": "environments"}}}
        }});
        let mut v = self
            .call(ctx, Method::POST, &path, Some(body), "api-keys:write")
            .await?;
        let secret = match v["data"]["attributes"]
            .as_object_mut()
            .and_then(|a| a.remove("secret"))
        {
            Some(Value::String(s)) if !s.is_empty() => Secret(s),
            _ => {
                return Err(Error::failed(
                    "Honeycomb created the key but its answer carries no secret (data.attributes.secret)",
                )
                .with_help("disable that key in Honeycomb, then run `o11y setup` again"))
            }
        };
        Ok((ApiKey::from_value(&v["data"]), secret))
    }

    /// `PATCH …/api-keys/{id}` (`api-keys:write`): name, disabled, and a configuration key's permissions
    /// (those omitted are kept).
    pub async fn update_api_key(
        &self,
        ctx: &Context,
        team: &Team,
        id: &str,
        attributes: Map<String, Value>,
    ) -> Result<ApiKey> {
        let path = format!("/2/teams/{}/api-keys/{}", segment(&team.slug), segment(id));
        let body = json!({"data": {"id": id, "type": "api-keys", "attributes": attributes}});
        let v = self
            .call(ctx, Method::PATCH, &path, Some(body), "api-keys:write")
            .await?;
        Ok(ApiKey::from_value(&v["data"]))
    }

    /// A list, every page: `links.next` (a path, or a URL on the same host) until it is null.
    async fn pages(&self, ctx: &Context, path: &str, scope: &str) -> Result<Vec<Value>> {
        let mut all = Vec::new();
        let mut next = Some(format!("{path}?page[size]=100"));
        let mut seen = std::collections::HashSet::new();
        while let Some(p) = next.take() {
            if !seen.insert(p.clone()) || seen.len() > MAX_PAGES {
                return Err(Error::failed(format!(
                    "Honeycomb's pages of {path} do not end (the cursor repeats or runs past {MAX_PAGES} pages)"
                )));
            }
            let v = self.call(ctx, Method::GET, &p, None, scope).await?;
            all.extend(v["data"].as_array().cloned().unwrap_or_default());
            next = match v["links"]["next"].as_str().filter(|n| !n.is_empty()) {
                None => None,
                Some(n) if n.starts_with('/') => Some(n.to_string()),
                Some(n) => match n.strip_prefix(self.api.endpoint()) {
                    Some(rest) if rest.starts_with('/') => Some(rest.to_string()),
                    _ => {
                        return Err(Error::failed(format!(
                            "Honeycomb's next page of {path} is on another host: {n}"
                        )))
                    }
                },
            };
        }
        Ok(all)
    }

    /// One call; an error answer becomes a message from its JSON:API (or legacy) body, with the scope the call
    /// needs in the help of a 403.
    async fn call(
        &self,
        ctx: &Context,
        method: Method,
        path: &str,
        body: Option<Value>,
        scope: &str,
    ) -> Result<Value> {
        let (status, text) = self
            .api
            .send_text(ctx, &method, path, body, Media::JsonApi)
            .await?;
        let shown = path.split('?').next().unwrap_or(path);
        if status.is_success() {
            if text.trim().is_empty() {
                return Ok(Value::Null);
            }
            return HoneycombApi::parse(&method, shown, &text);
        }
        let code = status.as_u16();
        let said = error_text(&text)
            .map(|t| format!(": {t}"))
            .unwrap_or_default();
        Err(match code {
            401 => Error::failed(format!(
                "Honeycomb did not accept the management key {} (HTTP 401{said})",
                self.key_id
            ))
            .with_help(format!(
                "check {KEY_ID_VAR} and {KEY_SECRET_VAR}: a management key of the team (Team Settings → API \
                 Keys), and HONEYCOMB_API_ENDPOINT for its region"
            )),
            403 => Error::failed(format!(
                "Honeycomb refused {method} {shown} (HTTP 403{said})"
            ))
            .with_help(format!(
                "the management key needs the `{scope}` scope; a key's scopes cannot be changed: create one \
                 that has it (Team Settings → API Keys → Management)"
            )),
            429 => Error::failed(format!(
                "Honeycomb is still rate limiting {method} {shown} after {} retries (HTTP 429{said})",
                http::RETRIES
            ))
            .with_help("wait a minute and run `o11y setup` again"),
            _ => Error::failed(format!(
                "Honeycomb: {method} {shown} failed (HTTP {code}{said})"
            )),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_object_and_its_usable_value() {
        let v = json!({"id": "hcxik_01j1824es7n4evcmv81cn392", "type": "api-keys",
            "attributes": {"key_type": "ingest", "name": "app", "disabled": false,
                           "permissions": {"create_datasets": true}},
            "relationships": {"environment": {"data": {"id": "hcxen_1", "type": "environments"}}}});
        let k = ApiKey::from_value(&v);
        assert_eq!(k.environment_id, "hcxen_1");
        assert_eq!(k.granted(), ["create_datasets"]);
        let s = Secret("sssss".into());
        assert_eq!(k.usable_value(&s), "hcxik_01j1824es7n4evcmv81cn392sssss");
        assert_eq!(format!("{s:?}"), "Secret(…)");
        let c = ApiKey {
            key_type: "configuration".into(),
            ..k
        };
        assert_eq!(c.usable_value(&s), "sssss");
    }
}
