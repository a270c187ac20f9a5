//! Rollbar's answer envelope, for the account and rule clients: `{"err": 0, "result": ...}` on success, and
//! `{"err": 1, "message": ...}` on failure, which Rollbar also sends with HTTP 200 (its reference shows a
//! deleted project's `GET` answered that way), so a 2xx is a success only with `err` 0. Every text taken
//! from an answer is redacted of the secrets given (Rollbar echoes tokens in its messages).

use reqwest::Method;
use serde_json::Value;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::http::{self, RETRIES};
use crate::secret::redact;

/// A refusal: the HTTP status and Rollbar's message (redacted).
#[derive(Debug, Clone)]
pub struct Refusal {
    pub status: u16,
    pub message: String,
}

/// Send `body` (if any) as JSON with `token` in `X-Rollbar-Access-Token`; the answer's `result`, or Rollbar's
/// refusal. The outer error is a network failure. `secrets`: what else to redact (tokens in the path).
pub async fn call(
    ctx: &Context,
    method: Method,
    url: &str,
    token: &str,
    body: Option<&Value>,
    secrets: &[&str],
) -> Result<std::result::Result<Value, Refusal>> {
    let mut all: Vec<&str> = vec![token];
    all.extend_from_slice(secrets);
    let resp = http::send(
        ctx,
        method,
        url,
        |rb| {
            let rb = rb.header("X-Rollbar-Access-Token", token);
            match body {
                Some(b) => rb.json(b),
                None => rb,
            }
        },
        &all,
    )
    .await?;
    let status = resp.status().as_u16();
    let text = resp.text().await.map_err(|e| {
        Error::failed(format!(
            "could not read Rollbar's answer: {}",
            redact(&e.to_string(), &all)
        ))
    })?;
    Ok(read(status, &text, &all))
}

/// The envelope of an answer with `status` and `text`.
fn read(status: u16, text: &str, secrets: &[&str]) -> std::result::Result<Value, Refusal> {
    let json: Option<Value> = serde_json::from_str(text).ok();
    let err = json
        .as_ref()
        .and_then(|v| v.get("err"))
        .and_then(Value::as_i64);
    let message = || {
        let m = json
            .as_ref()
            .and_then(|v| v.get("message"))
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| text.trim().chars().take(300).collect());
        let m = if m.is_empty() {
            "(no message)".into()
        } else {
            m
        };
        redact(&m, secrets)
    };
    match json {
        Some(v) if (200..300).contains(&status) && err == Some(0) => {
            Ok(v.get("result").cloned().unwrap_or(Value::Null))
        }
        Some(_) if (200..300).contains(&status) && err.is_none() => Err(Refusal {
            status,
            message: format!("an answer without Rollbar's `err` field: {}", message()),
        }),
        None if (200..300).contains(&status) => Err(Refusal {
            status,
            message: format!("an answer that is not Rollbar's JSON: {}", message()),
        }),
        _ => Err(Refusal {
            status,
            message: message(),
        }),
    }
}

/// Who holds the token a refusal concerns, for its help lines: what the token is (`ROLLBAR_ACCOUNT_ACCESS_TOKEN`,
/// `the project token ROLLBAR_O11Y_ACCESS_TOKEN (o11y…)`) and how to get a good one.
pub struct Holder {
    pub what: String,
    pub replace: String,
}

/// One token's calls to Rollbar's API at `endpoint` (ending with `/`): each answer's `result`, or its refusal
/// explained for the token's [`Holder`].
pub struct Client<'a> {
    pub ctx: &'a Context,
    pub endpoint: String,
    pub token: String,
    pub holder: Holder,
}

impl Client<'_> {
    /// `method` `path` (relative to the endpoint) with `body` as JSON; `what` names the call in errors,
    /// `secrets` are redacted besides the token.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        what: &str,
        secrets: &[&str],
    ) -> Result<Value> {
        let url = format!("{}{path}", self.endpoint);
        call(self.ctx, method, &url, &self.token, body, secrets)
            .await?
            .map_err(|r| r.error(what, &self.holder))
    }
}

impl Refusal {
    /// This refusal as o11y's error for the `what` ("project list", "token creation"), with a fix.
    pub fn error(&self, what: &str, holder: &Holder) -> Error {
        let (status, message) = (self.status, &self.message);
        let lower = message.to_ascii_lowercase();
        if let Some((needed, has)) = scope_error(message) {
            return Error::failed(format!(
                "Rollbar refused the {what}: {} needs the {needed} scope and has {has} (HTTP {status})",
                holder.what
            ))
            .with_help(holder.replace.clone());
        }
        if status == 401
            || lower.contains("access token not found")
            || lower.contains("invalid access token")
        {
            return Error::failed(format!(
                "Rollbar: {} not accepted for the {what} (HTTP {status}: {message})",
                holder.what
            ))
            .with_help(holder.replace.clone());
        }
        match status {
            403 => Error::failed(format!(
                "Rollbar refused the {what} to {} (HTTP 403: {message})",
                holder.what
            ))
            .with_help(holder.replace.clone()),
            400 | 422 => Error::failed(format!(
                "Rollbar refused the {what} as invalid (HTTP {status}): {message}"
            )),
            429 => Error::failed(format!(
                "Rollbar: still rate limited after {RETRIES} retries (HTTP 429: {message})"
            ))
            .with_help("wait a minute (Rollbar's limits are per minute), then run it again"),
            s if s >= 500 => {
                Error::failed(format!("Rollbar failed the {what} (HTTP {s}): {message}"))
                    .with_help("try again later (https://status.rollbar.com)")
            }
            s => Error::failed(format!(
                "Rollbar refused the {what} (HTTP {s}, err 1): {message}"
            )),
        }
    }
}

/// `insufficient privileges: post_server_item scope is required but the access token only has
/// post_client_item.` -> (`post_server_item`, `post_client_item`).
pub fn scope_error(message: &str) -> Option<(String, String)> {
    let (before, after) = message.split_once(" scope is required")?;
    let needed = before.rsplit([' ', ':']).next()?.trim();
    if needed.is_empty() {
        return None;
    }
    let has = after
        .split_once("only has")
        .map(|(_, h)| h.trim().trim_end_matches('.').trim())
        .filter(|h| !h.is_empty())
        .unwrap_or("other scopes");
    Some((needed.to_string(), has.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn err_1_with_http_200_is_a_refusal_and_err_0_a_result() {
        let r = read(
            200,
            r#"{"err": 1, "message": "Project not found in this account."}"#,
            &[T],
        );
        let r = r.unwrap_err();
        assert_eq!(
            (r.status, r.message.as_str()),
            (200, "Project not found in this account.")
        );
        assert_eq!(
            read(200, r#"{"err": 0, "result": [1]}"#, &[T]).unwrap(),
            serde_json::json!([1])
        );
        assert!(read(200, "<html>", &[T])
            .unwrap_err()
            .message
            .contains("not Rollbar's JSON"));
        assert!(read(200, "{}", &[T])
            .unwrap_err()
            .message
            .contains("without Rollbar's `err`"));
    }

    #[test]
    fn messages_are_redacted_and_explained() {
        let r = read(
            403,
            &format!(r#"{{"err": 1, "message": "access token not found: {T}"}}"#),
            &[T],
        )
        .unwrap_err();
        assert!(r.message.ends_with("0123…"), "{}", r.message);
        let holder = Holder {
            what: "ROLLBAR_ACCOUNT_ACCESS_TOKEN".into(),
            replace: "create one".into(),
        };
        let e = r.error("project list", &holder);
        assert!(
            e.message
                .contains("ROLLBAR_ACCOUNT_ACCESS_TOKEN not accepted for the project list"),
            "{}",
            e.message
        );
        assert!(!e.message.contains(T));
        let r = Refusal { status: 403, message: "insufficient privileges: write scope is required but the access token only has read.".into() };
        let e = r.error("project creation", &holder);
        assert!(
            e.message.contains("needs the write scope and has read"),
            "{}",
            e.message
        );
        assert_eq!(e.help.as_deref(), Some("create one"));
    }
}
