//! A thin wrapper over Rollbar's REST API: `POST item/` (the item API) and `POST deploy` (the deploy API),
//! with the token in the `X-Rollbar-Access-Token` header. Rollbar answers `{"err": 1, "message": ...}` on
//! failure; those become o11y's errors with the token redacted (Rollbar echoes it) and a `help:` line that
//! says which token to use. It never prints.

use reqwest::Method;
use serde::Serialize;
use serde_json::Value;

use super::connection::TOKENS_PAGE;
use super::envelope::{self, scope_error};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::http::{self, RETRIES};
use crate::secret::{mask, redact};

/// An item's severity, as the item API names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Critical,
    Error,
    Warning,
    Info,
    Debug,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Critical => "critical",
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
            Level::Debug => "debug",
        }
    }
}

/// A deploy's status, as the deploy API names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum DeployStatus {
    Started,
    Succeeded,
    Failed,
    #[value(name = "timed_out")]
    TimedOut,
}

impl DeployStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeployStatus::Started => "started",
            DeployStatus::Succeeded => "succeeded",
            DeployStatus::Failed => "failed",
            DeployStatus::TimedOut => "timed_out",
        }
    }
}

/// The item API's request body: `{"data": {...}}`.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub data: ItemData,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemData {
    pub environment: String,
    pub body: Body,
    pub level: Level,
    /// When it happened, in seconds since the epoch (UTC).
    pub timestamp: i64,
    pub platform: String,
    pub language: String,
    pub server: Server,
    pub notifier: Notifier,
}

/// `{"message": {"body": ...}}` or `{"trace": {"exception": ..., "frames": [...]}}`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    Message {
        body: String,
    },
    Trace {
        exception: Exception,
        frames: Vec<Frame>,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct Exception {
    pub class: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Frame {
    pub filename: String,
    pub method: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Server {
    pub host: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Notifier {
    pub name: String,
    pub version: String,
}

impl Notifier {
    pub fn o11y() -> Self {
        Notifier {
            name: "o11y".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

/// What the item API answered: the occurrence's `uuid` and the whole `result`.
#[derive(Debug, Clone)]
pub struct ItemCreated {
    pub uuid: String,
    pub result: Value,
}

/// The deploy API's request body.
#[derive(Debug, Clone, Serialize)]
pub struct Deploy {
    pub environment: String,
    pub revision: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<DeployStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rollbar_username: Option<String>,
}

/// What the deploy API answered: `data.deploy_id` and the whole `data`.
#[derive(Debug, Clone)]
pub struct DeployCreated {
    pub deploy_id: Value,
    pub data: Value,
}

/// What the token check found: a token of a project, with the read scope, or with the scopes Rollbar named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Accepted {
    Reads,
    Scopes(Vec<String>),
}

pub struct RollbarApi<'a> {
    ctx: &'a Context,
    /// The API base URL, ending with `/`.
    endpoint: String,
    token: String,
}

impl<'a> RollbarApi<'a> {
    pub fn new(ctx: &'a Context, endpoint: String, token: String) -> Self {
        RollbarApi {
            ctx,
            endpoint,
            token,
        }
    }

    /// `POST item/`: report one occurrence.
    pub async fn create_item(&self, item: &Item) -> Result<ItemCreated> {
        let answer = self.post("item/", "item", item).await?;
        let result = answer.get("result").cloned().unwrap_or(Value::Null);
        let uuid = result
            .get("uuid")
            .and_then(Value::as_str)
            .ok_or_else(|| unexpected("item", &redact(&answer.to_string(), &[&self.token])))?
            .to_string();
        Ok(ItemCreated { uuid, result })
    }

    /// `POST deploy`: record a deploy.
    pub async fn create_deploy(&self, deploy: &Deploy) -> Result<DeployCreated> {
        let answer = self.post("deploy", "deploy", deploy).await?;
        let data = answer.get("data").cloned().unwrap_or(Value::Null);
        let deploy_id = data
            .get("deploy_id")
            .filter(|v| !v.is_null())
            .cloned()
            .ok_or_else(|| unexpected("deploy", &redact(&answer.to_string(), &[&self.token])))?;
        Ok(DeployCreated { deploy_id, data })
    }

    /// `PATCH deploy/{id}`: set a recorded deploy's status (post_server_item scope, as the deploy API's
    /// reference and Rollbar's own SDKs do). The answer's JSON.
    pub async fn update_deploy(&self, deploy_id: &str, status: DeployStatus) -> Result<Value> {
        let path = format!(
            "deploy/{}",
            percent_encoding::utf8_percent_encode(deploy_id, percent_encoding::NON_ALPHANUMERIC)
        );
        self.send_json(
            Method::PATCH,
            &path,
            "deploy update",
            &serde_json::json!({ "status": status }),
        )
        .await
    }

    /// `GET instances/?page=N` (read scope): the project's occurrences, newest first, 20 a page. Each has
    /// `id`, `item_id`, `timestamp` and the item API's `data` (with the `uuid` the item API returned).
    pub async fn instances(&self, page: u32) -> Result<Vec<Value>> {
        let answer = self
            .get(&format!("instances/?page={page}"), "occurrence lookup")
            .await?;
        Ok(answer["result"]["instances"]
            .as_array()
            .cloned()
            .unwrap_or_default())
    }

    /// `GET item/{id}` (read scope): the item an occurrence belongs to (its `counter`, `title`).
    pub async fn item(&self, id: &Value) -> Result<Value> {
        let id = match id {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let answer = self.get(&format!("item/{id}"), "item lookup").await?;
        Ok(answer.get("result").cloned().unwrap_or(Value::Null))
    }

    /// The token check, without a side effect: `GET instances/?page=1`. Rollbar answers a token with the read
    /// scope with the occurrences, another token of a project with `read scope is required but the access
    /// token only has ...` (it was accepted: the scopes are named), and an unknown one with `invalid access
    /// token`, which is the error.
    pub async fn check_token(&self) -> Result<Accepted> {
        let url = format!("{}instances/?page=1", self.endpoint);
        let refusal =
            match envelope::call(self.ctx, Method::GET, &url, &self.token, None, &[]).await? {
                Ok(_) => return Ok(Accepted::Reads),
                Err(r) => r,
            };
        match scope_error(&refusal.message) {
            Some((needed, has)) if needed == "read" => Ok(Accepted::Scopes(
                has.split([',', ' '])
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            )),
            _ => Err(api_error(
                refusal.status,
                &refusal.message,
                &self.token,
                "token check",
            )),
        }
    }

    /// GET `path` (relative to the endpoint); the answer's JSON on success.
    async fn get(&self, path: &str, what: &str) -> Result<Value> {
        let url = format!("{}{path}", self.endpoint);
        let token = self.token.as_str();
        let resp = http::send(
            self.ctx,
            Method::GET,
            &url,
            |rb| rb.header("X-Rollbar-Access-Token", token),
            &[token],
        )
        .await?;
        self.answer(resp, what).await
    }

    /// POST `body` as JSON to `path` (relative to the endpoint); the answer's JSON on success.
    async fn post(&self, path: &str, what: &str, body: &impl Serialize) -> Result<Value> {
        self.send_json(Method::POST, path, what, body).await
    }

    /// Send `body` as JSON to `path` (relative to the endpoint); the answer's JSON on success.
    async fn send_json(
        &self,
        method: Method,
        path: &str,
        what: &str,
        body: &impl Serialize,
    ) -> Result<Value> {
        let url = format!("{}{path}", self.endpoint);
        let token = self.token.as_str();
        let resp = http::send(
            self.ctx,
            method,
            &url,
            |rb| rb.header("X-Rollbar-Access-Token", token).json(body),
            &[token],
        )
        .await?;
        self.answer(resp, what).await
    }

    /// Rollbar's JSON answer, or its error translated (the token redacted).
    async fn answer(&self, resp: reqwest::Response, what: &str) -> Result<Value> {
        let token = self.token.as_str();
        let status = resp.status().as_u16();
        let text = resp.text().await.map_err(|e| {
            Error::failed(format!(
                "could not read Rollbar's answer: {}",
                redact(&e.to_string(), &[token])
            ))
        })?;
        let json: Option<Value> = serde_json::from_str(&text).ok();
        let failed_in_body = json
            .as_ref()
            .and_then(|v| v.get("err"))
            .and_then(Value::as_i64)
            .is_some_and(|e| e != 0);
        let ok = (200..300).contains(&status);
        match json {
            Some(v) if ok && !failed_in_body => Ok(v),
            None if ok => Err(unexpected(what, &redact(&text, &[token]))),
            _ => Err(api_error(status, &text, token, what)),
        }
    }
}

/// A success status with an answer that is not the API's (`answer` already redacted).
fn unexpected(what: &str, answer: &str) -> Error {
    let answer: String = answer.trim().chars().take(300).collect();
    Error::failed(format!(
        "the answer to the {what} is not Rollbar's (no id in it): {answer}"
    ))
    .with_help("check --api-endpoint / ROLLBAR_ENDPOINT: it should be Rollbar's API, such as https://api.rollbar.com/api/1/")
}

/// Translate Rollbar's error answer (`{"err": 1, "message": ...}`, or any other body) into o11y's error,
/// with `token` redacted from everything shown.
pub fn api_error(status: u16, body: &str, token: &str, what: &str) -> Error {
    let message = serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| v.get("message").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_else(|| {
            let t: String = body.trim().chars().take(300).collect();
            if t.is_empty() {
                "(no message)".into()
            } else {
                t
            }
        });
    let message = redact(&message, &[token]);
    let lower = message.to_ascii_lowercase();
    let server_token = format!("use the project's post_server_item token ({TOKENS_PAGE})");

    if let Some((needed, has)) = scope_error(&message) {
        let help = if needed == "post_server_item" {
            format!(
                "{server_token}; a post_client_item token can only report items from browsers and mobile apps, \
                 and a read token cannot post"
            )
        } else {
            format!("use a project access token with the {needed} scope ({TOKENS_PAGE})")
        };
        return Error::failed(format!(
            "Rollbar refused the token for this {what}: it needs the {needed} scope and has {has} (HTTP {status})"
        ))
        .with_help(help);
    }
    if status == 401
        || lower.contains("access token not found")
        || lower.contains("invalid access token")
    {
        return Error::failed(format!(
            "Rollbar: token not accepted (HTTP {status}: {message})"
        ))
        .with_help(format!(
            "the token {} is not one of any project's, or it was deleted or disabled: {server_token}",
            mask(token)
        ));
    }
    match status {
        422 | 400 => Error::failed(format!(
            "Rollbar refused the {what} as invalid (HTTP {status}): {message}"
        ))
        .with_help("check the values given (environment, message, revision); Rollbar names the invalid field above"),
        413 => Error::failed(format!("Rollbar refused the {what} as too large (HTTP 413): {message}"))
            .with_help("shorten the message or the comment"),
        429 => Error::failed(format!(
            "Rollbar: the token's rate limit is still reached after {RETRIES} retries (HTTP 429: {message})"
        ))
        .with_help(format!(
            "wait for the rate limit window to pass; each token's limit is set in {TOKENS_PAGE}"
        )),
        s if s >= 500 => Error::failed(format!("Rollbar failed to take the {what} (HTTP {s}): {message}"))
            .with_help("try again later (https://status.rollbar.com)"),
        s => Error::failed(format!("Rollbar refused the {what} (HTTP {s}): {message}")),
    }
}

/// The item API's `platform` for this machine (the names Rollbar's server SDKs send).
pub fn platform() -> &'static str {
    match std::env::consts::OS {
        "macos" => "darwin",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn a_message_item_serialises_as_the_item_api_describes() {
        let item = Item {
            data: ItemData {
                environment: "production".into(),
                body: Body::Message {
                    body: "hello".into(),
                },
                level: Level::Warning,
                timestamp: 1_700_000_000,
                platform: "linux".into(),
                language: "rust".into(),
                server: Server {
                    host: "web-1".into(),
                },
                notifier: Notifier::o11y(),
            },
        };
        let v = serde_json::to_value(&item).unwrap();
        assert_eq!(v["data"]["body"], json!({"message": {"body": "hello"}}));
        assert_eq!(v["data"]["level"], "warning");
        assert_eq!(v["data"]["notifier"]["name"], "o11y");
        let trace = Body::Trace {
            exception: Exception {
                class: "RuntimeError".into(),
                message: "boom".into(),
            },
            frames: vec![Frame {
                filename: "o11y".into(),
                method: "rollbar report".into(),
            }],
        };
        assert_eq!(
            serde_json::to_value(trace).unwrap(),
            json!({"trace": {"exception": {"class": "RuntimeError", "message": "boom"},
                             "frames": [{"filename": "o11y", "method": "rollbar report"}]}})
        );
        assert_eq!(
            serde_json::to_value(DeployStatus::TimedOut).unwrap(),
            "timed_out"
        );
    }

    #[test]
    fn an_unknown_token_is_not_accepted_and_never_shown() {
        let body =
            json!({"err": 1, "message": format!("access token not found: {TOKEN}")}).to_string();
        let e = api_error(403, &body, TOKEN, "item");
        assert!(e.message.contains("token not accepted"), "{}", e.message);
        assert!(
            e.message.contains("access token not found: 0123…"),
            "{}",
            e.message
        );
        let all = format!("{} {}", e.message, e.help.clone().unwrap());
        assert!(!all.contains(TOKEN), "{all}");
        assert_eq!(e.exit_code(), 1);
    }

    #[test]
    fn a_scope_error_names_the_scope_needed_and_the_token_to_use() {
        let body = r#"{"err": 1, "message": "insufficient privileges: post_server_item scope is required but the access token only has post_client_item."}"#;
        let e = api_error(403, body, TOKEN, "item");
        assert!(
            e.message.contains(
                "for this item: it needs the post_server_item scope and has post_client_item (HTTP 403)"
            ),
            "{}",
            e.message
        );
        let help = e.help.unwrap();
        assert!(help.contains("post_server_item token"), "{help}");
        assert!(help.contains(TOKENS_PAGE), "{help}");
    }

    #[test]
    fn other_errors_show_what_rollbar_said() {
        let e = api_error(
            422,
            r#"{"err": 1, "message": "Invalid format. data.environment is too long."}"#,
            TOKEN,
            "item",
        );
        assert!(
            e.message.contains("refused the item as invalid (HTTP 422): Invalid format. data.environment is too long."),
            "{}",
            e.message
        );
        let e = api_error(502, "<html>bad gateway</html>", TOKEN, "deploy");
        assert!(
            e.message.contains("HTTP 502): <html>bad gateway</html>"),
            "{}",
            e.message
        );
        let e = api_error(429, "", TOKEN, "item");
        assert!(e.message.contains("rate limit"), "{}", e.message);
        assert!(e.message.contains("(no message)"), "{}", e.message);
    }
}
