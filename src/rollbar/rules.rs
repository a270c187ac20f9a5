//! Rollbar's notification rule endpoints, with a project access token (the project is the token's):
//! `GET notifications/{channel}/rules` (the channel's rules), `POST notifications/{channel}/rules` (an array of
//! new rules, added to the others) and `PUT notifications/{channel}/rule/{id}` (one rule). o11y never calls
//! `PUT notifications/{channel}/rules`, which replaces the channel's whole list. It never prints.

use reqwest::Method;
use serde_json::{json, Value};

use super::connection::Options;
use super::envelope::{Client, Holder};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::manifest::rollbar::TokenSpec;
use crate::secret::mask;

/// A rule as Rollbar returns it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub id: u64,
    pub trigger: String,
    pub filters: Vec<Value>,
    pub config: serde_json::Map<String, Value>,
}

impl Rule {
    fn from_json(v: &Value) -> Option<Rule> {
        Some(Rule {
            id: v.get("id")?.as_u64()?,
            trigger: v.get("trigger")?.as_str()?.to_string(),
            filters: v
                .get("filters")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
            config: v
                .get("config")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
        })
    }
}

/// The body of a new or updated rule: `{"trigger", "filters", "config"}`.
pub struct RuleBody<'a> {
    pub trigger: &'a str,
    pub filters: &'a [Value],
    pub config: &'a serde_json::Map<String, Value>,
}

impl RuleBody<'_> {
    fn json(&self) -> Value {
        json!({"trigger": self.trigger, "filters": self.filters, "config": self.config})
    }
}

pub struct Rules<'a> {
    api: Client<'a>,
}

impl<'a> Rules<'a> {
    /// The rules of the project `spec`'s token (`value`) belongs to.
    pub fn new(ctx: &'a Context, spec: &TokenSpec, value: String) -> Result<Rules<'a>> {
        let holder = Holder {
            what: format!("the project token `{}` ({}, {})", spec.name, spec.env, mask(&value)),
            replace: format!(
                "o11y setup --rotate {}: a new token with the scopes read and write, stored in the secrets sink",
                spec.name
            ),
        };
        Ok(Rules {
            api: Client {
                ctx,
                endpoint: Options::from_env(&ctx.env).endpoint()?,
                token: value,
                holder,
            },
        })
    }

    /// `GET notifications/{channel}/rules`.
    pub async fn list(&self, channel: &str) -> Result<Vec<Rule>> {
        let v = self
            .api
            .call(
                Method::GET,
                &format!("notifications/{channel}/rules"),
                None,
                &format!("{channel} rule list"),
                &[],
            )
            .await?;
        Ok(v.as_array()
            .into_iter()
            .flatten()
            .filter_map(Rule::from_json)
            .collect())
    }

    /// `POST notifications/{channel}/rules` with one rule: Rollbar answers with the rules it created.
    pub async fn create(&self, channel: &str, rule: &RuleBody<'_>) -> Result<Rule> {
        let mut body = rule.json();
        body["status"] = json!("enabled");
        let v = self
            .api
            .call(
                Method::POST,
                &format!("notifications/{channel}/rules"),
                Some(&Value::Array(vec![body])),
                &format!("{channel} rule creation"),
                &[],
            )
            .await?;
        v.as_array()
            .and_then(|a| a.first())
            .and_then(Rule::from_json)
            .ok_or_else(|| no_rule(channel, &v))
    }

    /// `PUT notifications/{channel}/rule/{id}`: this rule only.
    pub async fn update(&self, channel: &str, id: u64, rule: &RuleBody<'_>) -> Result<Rule> {
        let v = self
            .api
            .call(
                Method::PUT,
                &format!("notifications/{channel}/rule/{id}"),
                Some(&rule.json()),
                &format!("{channel} rule update"),
                &[],
            )
            .await?;
        Rule::from_json(&v).ok_or_else(|| no_rule(channel, &v))
    }
}

/// An answer without a rule (its text is left out: a PagerDuty rule's config holds the service key).
fn no_rule(channel: &str, v: &Value) -> Error {
    let kind = match v {
        Value::Array(a) => format!("a list of {}", a.len()),
        Value::Object(o) => format!(
            "an object with {}",
            o.keys().cloned().collect::<Vec<_>>().join(", ")
        ),
        other => other.to_string().chars().take(40).collect(),
    };
    Error::failed(format!(
        "Rollbar's answer for the {channel} rule has no rule in it ({kind})"
    ))
}
