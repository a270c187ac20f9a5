//! A thin wrapper over Honeycomb's REST API (v1 with `X-Honeycomb-Team`; `/2/auth` with a management key as
//! `Authorization: Bearer`). Every call goes through `http::send` (-v lines, 429 waits); results are o11y's own
//! types in Honeycomb's field names; errors are translated with the key redacted. It never prints.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::key::KeyKind;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::http;
use crate::secret::redact;

/// A path segment: everything but RFC 3986's unreserved characters is percent-encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `s` as one path segment of a URL.
pub fn segment(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string()
}

/// The media type of a request's body and its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    Json,
    /// JSON:API, the v2 management API's.
    JsonApi,
}

impl Media {
    pub fn as_str(self) -> &'static str {
        match self {
            Media::Json => "application/json",
            Media::JsonApi => "application/vnd.api+json",
        }
    }
}

pub struct HoneycombApi {
    endpoint: String,
    key: String,
    pub kind: KeyKind,
    /// A shape-based guess that the key belongs to the other region (see `region_hint`), for a 401's help.
    pub region_hint: Option<String>,
}

/// An answer that a caller handles by its status (the Query Data API's 403/404 on plans without it, a
/// dataset's 404 before its first event): the status and Honeycomb's error text, redacted.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer<T> {
    Ok(T),
    Status(u16, String),
}

/// `GET /1/auth`: the team and environment of a key and what it may do. Classic keys have an empty
/// environment; `id` and `type` are absent from older answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Auth {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub key_type: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub api_key_access: Permissions,
    #[serde(default, deserialize_with = "null_as_default")]
    pub environment: Named,
    #[serde(default, deserialize_with = "null_as_default")]
    pub team: Named,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub slug: String,
}

/// `api_key_access`, in Honeycomb's order, with every name in today's spelling (`create_datasets`, an older
/// spelling, becomes `createDatasets`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Permissions(pub Vec<(String, bool)>);

impl Permissions {
    pub fn granted(&self) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(_, on)| *on)
            .map(|(k, _)| k.as_str())
            .collect()
    }

    pub fn denied(&self) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(_, on)| !*on)
            .map(|(k, _)| k.as_str())
            .collect()
    }
}

/// `create_datasets` -> `createDatasets`; camelCase names are left alone.
fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

impl<'de> Deserialize<'de> for Permissions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let map = Option::<Map<String, Value>>::deserialize(d)?.unwrap_or_default();
        let mut out: Vec<(String, bool)> = Vec::new();
        for (k, v) in map {
            let Some(on) = v.as_bool() else { continue };
            let name = camel_case(&k);
            match out.iter_mut().find(|(n, _)| *n == name) {
                Some(existing) => existing.1 |= on,
                None => out.push((name, on)),
            }
        }
        Ok(Permissions(out))
    }
}

impl Serialize for Permissions {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let map: Map<String, Value> = self
            .0
            .iter()
            .map(|(k, v)| (k.clone(), Value::Bool(*v)))
            .collect();
        map.serialize(s)
    }
}

fn null_as_default<'de, D, T>(d: D) -> std::result::Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// `GET /2/auth` for a management key: the key's name, scopes and team (JSON:API), and the answer as sent.
#[derive(Debug, Clone, PartialEq)]
pub struct ManagementAuth {
    pub name: String,
    pub disabled: bool,
    pub scopes: Vec<String>,
    pub team: Named,
    pub raw: Value,
}

impl ManagementAuth {
    pub(super) fn from_value(v: Value) -> Self {
        let attrs = &v["data"]["attributes"];
        let text = |x: &Value| x.as_str().unwrap_or_default().to_string();
        let team = v["included"]
            .as_array()
            .and_then(|inc| inc.iter().find(|r| r["type"] == "teams"))
            .map(|t| Named {
                name: text(&t["attributes"]["name"]),
                slug: text(&t["attributes"]["slug"]),
            })
            .unwrap_or_default();
        ManagementAuth {
            name: text(&attrs["name"]),
            disabled: attrs["disabled"].as_bool().unwrap_or(false),
            scopes: attrs["scopes"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
            team,
            raw: v,
        }
    }
}

/// A dataset as `GET /1/datasets` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub name: String,
    #[serde(default)]
    pub slug: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default)]
    pub last_written_at: Option<String>,
}

/// The body of `POST /1/markers/{dataset}`: `start_time` is left out, so the marker is placed when the request
/// arrives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewMarker {
    pub message: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub marker_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A marker as Honeycomb returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub marker_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

impl HoneycombApi {
    pub fn new(endpoint: &str, key: &str, kind: KeyKind) -> Self {
        HoneycombApi {
            endpoint: endpoint.trim_end_matches('/').to_string(),
            key: key.to_string(),
            kind,
            region_hint: None,
        }
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The key as it may be shown: an ingest or management key's public id, else `abcd…`.
    pub fn shown_key(&self) -> String {
        self.kind.shown(&self.key)
    }

    /// `GET /1/auth` (configuration and ingest keys).
    pub async fn auth(&self, ctx: &Context) -> Result<Auth> {
        self.call(ctx, Method::GET, "/1/auth", None).await
    }

    /// `GET /1/auth`, with a 401 (a key Honeycomb does not know, or no longer) as [`Answer::Status`].
    pub async fn auth_answer(&self, ctx: &Context) -> Result<Answer<Auth>> {
        self.call_answer(ctx, Method::GET, "/1/auth", None, &[401])
            .await
    }

    /// `GET /2/auth` (management keys).
    pub async fn auth_v2(&self, ctx: &Context) -> Result<ManagementAuth> {
        let v: Value = self.call(ctx, Method::GET, "/2/auth", None).await?;
        Ok(ManagementAuth::from_value(v))
    }

    /// `GET /1/datasets` (not paginated: one answer holds every dataset of the environment).
    pub async fn datasets(&self, ctx: &Context) -> Result<Vec<Dataset>> {
        self.call(ctx, Method::GET, "/1/datasets", None).await
    }

    /// `POST /1/markers/{dataset}` (`__all__`: an environment-wide marker).
    pub async fn create_marker(
        &self,
        ctx: &Context,
        dataset: &str,
        marker: &NewMarker,
    ) -> Result<Marker> {
        let path = format!("/1/markers/{}", utf8_percent_encode(dataset, SEGMENT));
        let body = serde_json::to_value(marker).map_err(|e| Error::failed(e.to_string()))?;
        self.call(ctx, Method::POST, &path, Some(body)).await
    }

    /// `GET /1/datasets/{slug}`: one dataset (its `last_written_at`); 404 while it has never been written.
    pub async fn dataset(&self, ctx: &Context, slug: &str) -> Result<Answer<Dataset>> {
        let path = format!("/1/datasets/{}", utf8_percent_encode(slug, SEGMENT));
        self.call_answer(ctx, Method::GET, &path, None, &[403, 404])
            .await
    }

    /// `POST /1/queries/{dataset}`: a query spec (Query Data API, an Enterprise feature); 403/404 come back
    /// as statuses for the caller to explain.
    pub async fn create_query(
        &self,
        ctx: &Context,
        dataset: &str,
        spec: &Value,
    ) -> Result<Answer<Value>> {
        let path = format!("/1/queries/{}", utf8_percent_encode(dataset, SEGMENT));
        self.call_answer(
            ctx,
            Method::POST,
            &path,
            Some(spec.clone()),
            &[401, 403, 404],
        )
        .await
    }

    /// `POST /1/query_results/{dataset}`: run a query; the answer has the result's `id` and `complete`.
    pub async fn create_query_result(
        &self,
        ctx: &Context,
        dataset: &str,
        query_id: &str,
    ) -> Result<Answer<Value>> {
        let path = format!("/1/query_results/{}", utf8_percent_encode(dataset, SEGMENT));
        let body = serde_json::json!({"query_id": query_id, "disable_series": true});
        self.call_answer(ctx, Method::POST, &path, Some(body), &[401, 403, 404])
            .await
    }

    /// `GET /1/query_results/{dataset}/{id}`: poll until `complete`.
    pub async fn query_result(&self, ctx: &Context, dataset: &str, id: &str) -> Result<Value> {
        let path = format!(
            "/1/query_results/{}/{}",
            utf8_percent_encode(dataset, SEGMENT),
            utf8_percent_encode(id, SEGMENT)
        );
        self.call(ctx, Method::GET, &path, None).await
    }

    /// The key and, where it has one, its secret part alone: both are redacted from anything shown.
    fn secrets(&self) -> Vec<&str> {
        let mut s = vec![self.key.as_str()];
        match &self.kind {
            KeyKind::Ingest { .. } => s.push(&self.key[32..]),
            KeyKind::Management { key_id } => s.push(&self.key[key_id.len() + 1..]),
            _ => {}
        }
        s
    }

    fn authorize(&self, rb: RequestBuilder) -> RequestBuilder {
        match self.kind {
            KeyKind::Management { .. } => rb.bearer_auth(&self.key),
            _ => rb.header("X-Honeycomb-Team", &self.key),
        }
    }

    /// Send one request (`path` may carry a query string) and read the answer's status and text, the key
    /// redacted from both. v1 bodies are JSON; the v2 management API's are JSON:API ([`Media::JsonApi`]).
    pub(super) async fn send_text(
        &self,
        ctx: &Context,
        method: &Method,
        path: &str,
        body: Option<Value>,
        media: Media,
    ) -> Result<(StatusCode, String)> {
        let url = format!("{}{path}", self.endpoint);
        let secrets = self.secrets();
        let resp = http::send(
            ctx,
            method.clone(),
            &url,
            |rb| {
                let rb = self.authorize(rb).header("Accept", media.as_str());
                match &body {
                    Some(b) => rb
                        .header("Content-Type", media.as_str())
                        .body(b.to_string()),
                    None => rb,
                }
            },
            &secrets,
        )
        .await?;
        let status = resp.status();
        let text = resp.text().await.map_err(|e| {
            Error::failed(format!(
                "reading Honeycomb's answer to {method} {path}: {}",
                redact(&e.to_string(), &secrets)
            ))
        })?;
        Ok((status, redact(&text, &secrets)))
    }

    pub(super) fn parse<T: DeserializeOwned>(method: &Method, path: &str, text: &str) -> Result<T> {
        serde_json::from_str(text).map_err(|e| {
            Error::failed(format!(
                "Honeycomb's answer to {method} {path} is not what its API reference describes: {e}"
            ))
            .with_help(
                "check --api-endpoint (HONEYCOMB_API_ENDPOINT): it should be Honeycomb's API host",
            )
        })
    }

    async fn call<T: DeserializeOwned>(
        &self,
        ctx: &Context,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<T> {
        let (status, text) = self
            .send_text(ctx, &method, path, body, Media::Json)
            .await?;
        if !status.is_success() {
            return Err(self.error(status, &method, path, &text));
        }
        Self::parse(&method, path, &text)
    }

    /// As `call`, but the statuses in `handled` come back as [`Answer::Status`] with Honeycomb's error text.
    pub(super) async fn call_answer<T: DeserializeOwned>(
        &self,
        ctx: &Context,
        method: Method,
        path: &str,
        body: Option<Value>,
        handled: &[u16],
    ) -> Result<Answer<T>> {
        let (status, text) = self
            .send_text(ctx, &method, path, body, Media::Json)
            .await?;
        if handled.contains(&status.as_u16()) {
            let said = error_text(&text).unwrap_or_default();
            return Ok(Answer::Status(status.as_u16(), said));
        }
        if !status.is_success() {
            return Err(self.error(status, &method, path, &text));
        }
        Self::parse(&method, path, &text).map(Answer::Ok)
    }

    pub(super) fn error(
        &self,
        status: StatusCode,
        method: &Method,
        path: &str,
        body: &str,
    ) -> Error {
        let code = status.as_u16();
        let said = error_text(body)
            .map(|t| format!(": {t}"))
            .unwrap_or_default();
        match code {
            401 => Error::failed(format!(
                "Honeycomb did not accept the key {} ({}; HTTP 401{said})",
                self.shown_key(),
                self.kind.describe()
            ))
            .with_help(match &self.region_hint {
                Some(hint) => format!("{hint}; keys belong to one region and one environment"),
                None => "keys belong to one region and one environment: check that --api-endpoint \
                         (HONEYCOMB_API_ENDPOINT) is the key's region (US https://api.honeycomb.io, EU \
                         https://api.eu1.honeycomb.io) and that the key was not deleted, disabled or copied \
                         incompletely"
                    .to_string(),
            }),
            403 => Error::failed(format!(
                "Honeycomb refused {method} {path} (HTTP 403{said})"
            ))
            .with_help(
                "the key lacks the permission this needs: `o11y honeycomb whoami` lists what it may do; \
                 grant it under Environment Settings → API Keys",
            ),
            404 if path.starts_with("/1/markers/") => Error::failed(format!(
                "Honeycomb has no such dataset (HTTP 404{said})"
            ))
            .with_help(
                "list the datasets with `o11y honeycomb datasets`; use `__all__` for an environment-wide marker",
            ),
            429 => Error::failed(format!(
                "Honeycomb is still rate limiting {method} {path} after {} retries (HTTP 429{said})",
                http::RETRIES
            ))
            .with_help("wait a minute and try again"),
            _ => Error::failed(format!("Honeycomb: {method} {path} failed (HTTP {code}{said})")),
        }
    }
}

/// The human text of an error answer: Honeycomb's `error` (legacy and RFC 7807 bodies), `detail` / `title`, a
/// JSON:API `errors[0]`, or a short plain-text body.
pub fn error_text(body: &str) -> Option<String> {
    let pick = |v: &Value| -> Option<String> {
        ["error", "detail", "title", "message"]
            .iter()
            .find_map(|k| v[k].as_str().filter(|s| !s.trim().is_empty()))
            .map(str::to_string)
    };
    if let Ok(v) = serde_json::from_str::<Value>(body) {
        let text = pick(&v).or_else(|| v["errors"].get(0).and_then(pick))?;
        // RFC 7807 validation answers name each field that is wrong.
        let fields: Vec<String> = v["type_detail"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| {
                let what = d["description"].as_str().or(d["code"].as_str())?;
                Some(match d["field"].as_str() {
                    Some(f) => format!("{f}: {what}"),
                    None => what.to_string(),
                })
            })
            .collect();
        return Some(match fields.is_empty() {
            true => text,
            false => format!("{text} ({})", fields.join("; ")),
        });
    }
    let t = body.trim();
    if t.is_empty() || t.starts_with('<') {
        return None;
    }
    Some(t.chars().take(200).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn auth_accepts_both_spellings_and_missing_id_and_type() {
        let a: Auth = serde_json::from_value(json!({
            "api_key_access": {"events": true, "create_datasets": true, "markers": false},
            "environment": {"name": "", "slug": ""},
            "team": {"name": "Docs", "slug": "docs"}
        }))
        .unwrap();
        assert_eq!(a.id, None);
        assert_eq!(a.key_type, None);
        assert_eq!(a.api_key_access.granted(), ["events", "createDatasets"]);
        assert_eq!(a.api_key_access.denied(), ["markers"]);
        assert_eq!(
            serde_json::to_value(&a).unwrap()["api_key_access"],
            json!({"events": true, "createDatasets": true, "markers": false})
        );
    }

    #[test]
    fn a_null_environment_is_an_empty_one() {
        let a: Auth =
            serde_json::from_value(json!({"environment": null, "team": {"slug": "t"}})).unwrap();
        assert_eq!(a.environment, Named::default());
        assert_eq!(a.team.slug, "t");
    }

    #[test]
    fn error_texts_from_every_body_shape() {
        assert_eq!(
            error_text(r#"{"error":"unknown API key - check your credentials"}"#).as_deref(),
            Some("unknown API key - check your credentials")
        );
        assert_eq!(
            error_text(
                r#"{"errors":[{"id":"x","code":"c","title":"request rate limit exceeded"}]}"#
            )
            .as_deref(),
            Some("request rate limit exceeded")
        );
        assert_eq!(
            error_text(
                r#"{"status":422,"type":"https://api.honeycomb.io/problems/validation-failed","title":"The provided input is invalid.","error":"The provided input is invalid.","type_detail":[{"code":"missing","field":"name","description":"cannot be blank"}]}"#
            )
            .as_deref(),
            Some("The provided input is invalid. (name: cannot be blank)")
        );
        assert_eq!(error_text("<html>bad gateway</html>"), None);
        assert_eq!(error_text(" nope \n").as_deref(), Some("nope"));
    }

    #[test]
    fn a_401_with_a_region_hint_says_which_endpoint_to_try() {
        let key = format!("hcbik_01j1824es7n4evcmv81cn392jb{}", "S".repeat(32));
        let mut api = HoneycombApi::new(
            "https://api.honeycomb.io",
            &key,
            crate::honeycomb::key::key_kind(&key),
        );
        let plain = api.error(StatusCode::UNAUTHORIZED, &Method::GET, "/1/auth", "{}");
        assert!(plain.help.unwrap().starts_with("keys belong to one region"));
        api.region_hint = crate::honeycomb::connection::region_hint(
            &api.kind,
            Some(crate::honeycomb::key::Region::Us),
            "--api-endpoint (HONEYCOMB_API_ENDPOINT)",
        );
        let e = api.error(StatusCode::UNAUTHORIZED, &Method::GET, "/1/auth", "{}");
        assert_eq!(e.exit_code(), 1);
        let help = e.help.unwrap();
        assert!(help.contains("looks like a Honeycomb EU key"), "{help}");
        assert!(
            help.contains(
                "set --api-endpoint (HONEYCOMB_API_ENDPOINT) to https://api.eu1.honeycomb.io"
            ),
            "{help}"
        );
        assert!(!help.contains("SSSS") && !e.message.contains("SSSS"));
    }

    #[test]
    fn camel_case_spellings() {
        assert_eq!(camel_case("create_datasets"), "createDatasets");
        assert_eq!(camel_case("createDatasets"), "createDatasets");
        assert_eq!(camel_case("private_boards"), "privateBoards");
        assert_eq!(camel_case("events"), "events");
    }
}
