//! A thin wrapper over the CloudWatch Logs SDK client: every page followed, results as o11y's own types
//! (serialised with the service's field names), errors translated. It never prints.
//!
//! `FilterLogEvents` is the one call made without the SDK's retries: `logs tail` retries it itself, so that
//! it can say on stderr when it backs off and so that throttling never ends a `--follow`.

use aws_sdk_cloudwatchlogs::config::retry::RetryConfig;
use aws_sdk_cloudwatchlogs::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_cloudwatchlogs::types as sdk;
use aws_sdk_cloudwatchlogs::Client;
use serde::Serialize;

use crate::aws::{api_error, is_not_found};
use crate::error::Result;

/// A call's config with the SDK's retries off: the caller retries (and says so) itself, from the [`CallError`].
pub(super) fn no_retry() -> aws_sdk_cloudwatchlogs::config::Builder {
    aws_sdk_cloudwatchlogs::config::Builder::default().retry_config(RetryConfig::disabled())
}

/// A log group, as `DescribeLogGroups` describes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogGroup {
    pub log_group_name: String,
    /// `None`: the events never expire.
    pub retention_in_days: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stored_bytes: Option<i64>,
    /// Milliseconds since the epoch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creation_time: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
}

impl LogGroup {
    #[allow(deprecated)] // storedBytes is deprecated in the model but still sent, and the AWS CLI shows it
    fn from_sdk(g: sdk::LogGroup) -> Self {
        LogGroup {
            log_group_name: g.log_group_name.unwrap_or_default(),
            retention_in_days: g.retention_in_days,
            stored_bytes: g.stored_bytes,
            creation_time: g.creation_time,
            arn: g.arn,
        }
    }
}

/// One log event, with the service's field names plus o11y's `logGroupName`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub log_group_name: String,
    pub log_stream_name: String,
    /// `None` for an event that came from Live Tail, which sends no `eventId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// Milliseconds since the epoch.
    pub timestamp: i64,
    pub ingestion_time: Option<i64>,
    pub message: String,
}

/// What `FilterLogEvents` is asked, for one log group.
#[derive(Debug, Clone, Default)]
pub struct FilterQuery {
    pub start_ms: i64,
    pub end_ms: Option<i64>,
    pub filter_pattern: Option<String>,
    pub stream_prefix: Option<String>,
}

/// One page of `FilterLogEvents`.
#[derive(Debug, Default)]
pub struct Page {
    pub events: Vec<Event>,
    pub next_token: Option<String>,
}

/// A failed call, classified for the caller's retry loop.
#[derive(Debug)]
pub enum CallError {
    /// Throttling, a 5xx, a network failure or a timeout: worth another try. `reason` is short, for a note.
    Transient {
        reason: String,
        error: crate::error::Error,
    },
    Fatal(crate::error::Error),
}

impl CallError {
    pub fn into_error(self) -> crate::error::Error {
        match self {
            CallError::Transient { error, .. } | CallError::Fatal(error) => error,
        }
    }
}

const THROTTLING: [&str; 4] = [
    "ThrottlingException",
    "ThrottledException",
    "TooManyRequestsException",
    "RequestLimitExceeded",
];

pub(super) fn classify<E>(
    err: SdkError<E, aws_smithy_runtime_api::client::orchestrator::HttpResponse>,
) -> CallError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let reason = match &err {
        SdkError::ServiceError(se) => {
            let code = se.err().code().unwrap_or_default();
            let status = se.raw().status().as_u16();
            if THROTTLING.contains(&code) {
                Some(format!("throttled ({code})"))
            } else if status >= 500 {
                Some(format!("the service answered HTTP {status}"))
            } else {
                None
            }
        }
        SdkError::DispatchFailure(_) => Some("the connection failed".to_string()),
        SdkError::TimeoutError(_) => Some("the request timed out".to_string()),
        SdkError::ResponseError(_) => Some("the response was cut short".to_string()),
        _ => None,
    };
    let not_found = is_not_found(&err);
    let error = api_error(err);
    match reason {
        Some(reason) => CallError::Transient { reason, error },
        None if not_found => {
            CallError::Fatal(error.with_help(
                "check the log group's name and region; list them with `o11y logs groups`",
            ))
        }
        None => CallError::Fatal(error),
    }
}

pub struct LogsApi {
    client: Client,
}

impl LogsApi {
    pub fn new(client: Client) -> Self {
        LogsApi { client }
    }

    /// Every log group (whose name starts with `prefix`), following every `nextToken`.
    pub async fn groups(&self, prefix: Option<&str>) -> Result<Vec<LogGroup>> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .client
                .describe_log_groups()
                .set_log_group_name_prefix(prefix.map(str::to_string))
                .set_next_token(token)
                .send()
                .await
                .map_err(api_error)?;
            token = page.next_token.filter(|t| !t.is_empty());
            out.extend(
                page.log_groups
                    .unwrap_or_default()
                    .into_iter()
                    .map(LogGroup::from_sdk),
            );
            if token.is_none() {
                return Ok(out);
            }
        }
    }

    /// One log group by its exact name, or `None`.
    pub async fn group(&self, name: &str) -> Result<Option<LogGroup>> {
        Ok(self
            .groups(Some(name))
            .await?
            .into_iter()
            .find(|g| g.log_group_name == name))
    }

    pub async fn create_group(&self, name: &str) -> Result<()> {
        self.client
            .create_log_group()
            .log_group_name(name)
            .send()
            .await
            .map_err(api_error)?;
        Ok(())
    }

    pub async fn put_retention(&self, name: &str, days: i32) -> Result<()> {
        self.client
            .put_retention_policy()
            .log_group_name(name)
            .retention_in_days(days)
            .send()
            .await
            .map_err(api_error)?;
        Ok(())
    }

    /// `Ok(false)` when there was no such group.
    pub async fn delete_group(&self, name: &str) -> Result<bool> {
        match self
            .client
            .delete_log_group()
            .log_group_name(name)
            .send()
            .await
        {
            Ok(_) => Ok(true),
            Err(e) if is_not_found(&e) => Ok(false),
            Err(e) => Err(api_error(e)),
        }
    }

    /// `PutLogEvents`: one event into `stream`. `Ok(false)` when the group or the stream does not exist
    /// (the caller tells them apart and creates the stream).
    pub async fn put_event(
        &self,
        group: &str,
        stream: &str,
        timestamp_ms: i64,
        message: &str,
    ) -> Result<bool> {
        let event = sdk::InputLogEvent::builder()
            .timestamp(timestamp_ms)
            .message(message)
            .build()
            .map_err(|e| crate::error::Error::failed(e.to_string()))?;
        match self
            .client
            .put_log_events()
            .log_group_name(group)
            .log_stream_name(stream)
            .log_events(event)
            .send()
            .await
        {
            Ok(out) => {
                if let Some(r) = out.rejected_log_events_info {
                    let why = if r.too_old_log_event_end_index.is_some() {
                        "too old"
                    } else if r.too_new_log_event_start_index.is_some() {
                        "too far in the future"
                    } else {
                        "expired by the group's retention"
                    };
                    return Err(crate::error::Error::failed(format!(
                        "CloudWatch Logs rejected the event as {why}"
                    ))
                    .with_help("check this machine's clock"));
                }
                Ok(true)
            }
            Err(e) if is_not_found(&e) => Ok(false),
            Err(e) => Err(api_error(e)),
        }
    }

    /// `CreateLogStream`; a stream that already exists is fine.
    pub async fn create_stream(&self, group: &str, stream: &str) -> Result<()> {
        match self
            .client
            .create_log_stream()
            .log_group_name(group)
            .log_stream_name(stream)
            .send()
            .await
        {
            Ok(_) => Ok(()),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|se| se.is_resource_already_exists_exception()) =>
            {
                Ok(())
            }
            Err(e) => Err(api_error(e)),
        }
    }

    /// Whether `stream` exists in `group` (DescribeLogStreams by prefix, every page); `None` when the group
    /// does not exist.
    pub async fn stream_exists(&self, group: &str, stream: &str) -> Result<Option<bool>> {
        let mut token: Option<String> = None;
        loop {
            let out = match self
                .client
                .describe_log_streams()
                .log_group_name(group)
                .log_stream_name_prefix(stream)
                .set_next_token(token)
                .send()
                .await
            {
                Ok(out) => out,
                Err(e) if is_not_found(&e) => return Ok(None),
                Err(e) => return Err(api_error(e)),
            };
            if out
                .log_streams()
                .iter()
                .any(|s| s.log_stream_name() == Some(stream))
            {
                return Ok(Some(true));
            }
            token = out.next_token.filter(|t| !t.is_empty());
            if token.is_none() {
                return Ok(Some(false));
            }
        }
    }

    /// `FilterLogEvents` for the events from `start_ms` (to `end_ms`, exclusive, when given) of one stream or
    /// of the whole group, matching `pattern` when given; every page, no retry (the caller polls).
    #[allow(deprecated)] // `interleaved`: see `filter_page`
    pub async fn events(
        &self,
        group: &str,
        stream: Option<&str>,
        start_ms: i64,
        end_ms: Option<i64>,
        pattern: Option<&str>,
    ) -> std::result::Result<Vec<Event>, CallError> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .client
                .filter_log_events()
                .log_group_name(group)
                .set_log_stream_names(stream.map(|s| vec![s.to_string()]))
                .start_time(start_ms)
                .set_end_time(end_ms)
                .set_filter_pattern(pattern.map(str::to_string))
                .interleaved(true)
                .set_next_token(token)
                .customize()
                .config_override(no_retry())
                .send()
                .await
                .map_err(classify)?;
            out.extend(out_events(group, page.events.unwrap_or_default()));
            token = page.next_token.filter(|t| !t.is_empty());
            if token.is_none() {
                return Ok(out);
            }
        }
    }

    /// `FilterLogEvents` on one stream for the events at exactly `timestamp_ms` (no retry: the caller polls).
    pub async fn events_at(
        &self,
        group: &str,
        stream: &str,
        timestamp_ms: i64,
    ) -> std::result::Result<Vec<Event>, CallError> {
        self.events(
            group,
            Some(stream),
            timestamp_ms,
            Some(timestamp_ms + 1),
            None,
        )
        .await
    }

    /// One page of `FilterLogEvents` for `group` (interleaved: in timestamp order across its streams), with
    /// no retry: the caller decides, from the [`CallError`].
    #[allow(deprecated)] // `interleaved` is ignored (always true) by AWS, but emulators such as moto need it
    pub async fn filter_page(
        &self,
        group: &str,
        q: &FilterQuery,
        token: Option<String>,
    ) -> std::result::Result<Page, CallError> {
        let out = self
            .client
            .filter_log_events()
            .log_group_name(group)
            .start_time(q.start_ms)
            .set_end_time(q.end_ms)
            .set_filter_pattern(q.filter_pattern.clone())
            .set_log_stream_name_prefix(q.stream_prefix.clone())
            .interleaved(true)
            .set_next_token(token)
            .customize()
            .config_override(no_retry())
            .send()
            .await
            .map_err(classify)?;
        let events = out_events(group, out.events.unwrap_or_default())
            .into_iter()
            // The service ignores nothing here, but emulators ignore `logStreamNamePrefix`: apply it again.
            .filter(|e| {
                q.stream_prefix
                    .as_deref()
                    .is_none_or(|p| e.log_stream_name.starts_with(p))
            })
            .collect();
        Ok(Page {
            events,
            next_token: out.next_token.filter(|t| !t.is_empty()),
        })
    }
}

// ---- Resource policies (account-level: who may write to which log groups) ----

/// An account-level resource policy, as `DescribeResourcePolicies` describes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourcePolicy {
    pub policy_name: String,
    /// The policy's JSON document, as a string (as the service returns it).
    pub policy_document: String,
    /// Milliseconds since the epoch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_updated_time: Option<i64>,
}

/// How many resource policies CloudWatch Logs allows per region (a hard quota).
pub const RESOURCE_POLICY_LIMIT: usize = 10;

impl LogsApi {
    /// Every account-level resource policy of the region, following every `nextToken`.
    pub async fn resource_policies(&self) -> Result<Vec<ResourcePolicy>> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .client
                .describe_resource_policies()
                .set_next_token(token)
                .send()
                .await
                .map_err(api_error)?;
            token = page.next_token.filter(|t| !t.is_empty());
            out.extend(
                page.resource_policies
                    .unwrap_or_default()
                    .into_iter()
                    .map(|p| ResourcePolicy {
                        policy_name: p.policy_name.unwrap_or_default(),
                        policy_document: p.policy_document.unwrap_or_default(),
                        last_updated_time: p.last_updated_time,
                    }),
            );
            if token.is_none() {
                return Ok(out);
            }
        }
    }

    /// `PutResourcePolicy`: create the named policy, or replace the document of the policy of that name.
    /// The per-region quota (`LimitExceededException`) comes back with what to do about it.
    pub async fn put_resource_policy(&self, name: &str, document: &str) -> Result<ResourcePolicy> {
        let out = self
            .client
            .put_resource_policy()
            .policy_name(name)
            .policy_document(document)
            .send()
            .await
            .map_err(|e| {
                let limit = e
                    .as_service_error()
                    .is_some_and(|se| se.code() == Some("LimitExceededException"));
                let err = api_error(e);
                if limit {
                    err.with_help(format!(
                        "CloudWatch Logs allows {RESOURCE_POLICY_LIMIT} resource policies per region: delete one that is no longer needed (`aws logs describe-resource-policies`, then `aws logs delete-resource-policy --policy-name NAME`), or add the statement for xray.amazonaws.com to one of yours; then run this again"
                    ))
                } else {
                    err
                }
            })?;
        let p = out.resource_policy;
        Ok(ResourcePolicy {
            policy_name: p
                .as_ref()
                .and_then(|p| p.policy_name.clone())
                .unwrap_or_else(|| name.to_string()),
            policy_document: p
                .as_ref()
                .and_then(|p| p.policy_document.clone())
                .unwrap_or_else(|| document.to_string()),
            last_updated_time: p.and_then(|p| p.last_updated_time),
        })
    }
}

fn out_events(group: &str, events: Vec<sdk::FilteredLogEvent>) -> Vec<Event> {
    events
        .into_iter()
        .map(|e| Event {
            log_group_name: group.to_string(),
            log_stream_name: e.log_stream_name.unwrap_or_default(),
            event_id: e.event_id,
            timestamp: e.timestamp.unwrap_or_default(),
            ingestion_time: e.ingestion_time,
            message: e.message.unwrap_or_default(),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------------------
// Live Tail (`logs tail --follow --live`): the log groups' ARNs, StartLiveTail and its event stream.
// ---------------------------------------------------------------------------------------------------------

/// A log group's ARN in the form StartLiveTail takes: DescribeLogGroups' `logGroupArn` (its `arn` without the
/// trailing `:*`). `Ok(None)` when there is no such group.
pub async fn live_group_arn(api: &LogsApi, name: &str) -> Result<Option<String>> {
    let mut token: Option<String> = None;
    loop {
        let page = api
            .client
            .describe_log_groups()
            .log_group_name_prefix(name)
            .set_next_token(token)
            .send()
            .await
            .map_err(api_error)?;
        token = page.next_token.filter(|t| !t.is_empty());
        let found = page
            .log_groups
            .unwrap_or_default()
            .into_iter()
            .find(|g| g.log_group_name() == Some(name));
        if let Some(g) = found {
            let arn = g
                .log_group_arn
                .or_else(|| g.arn.map(|a| a.trim_end_matches(":*").to_string()));
            return Ok(arn);
        }
        if token.is_none() {
            return Ok(None);
        }
    }
}

/// What StartLiveTail is asked.
#[derive(Debug, Clone, Default)]
pub struct LiveQuery {
    /// ARNs without `:*`, 1 to 10.
    pub group_arns: Vec<String>,
    /// The service takes stream prefixes only with one log group; with several, o11y filters itself.
    pub stream_prefix: Option<String>,
    pub filter_pattern: Option<String>,
}

/// Why a session could not start, classified for the caller's loop.
#[derive(Debug)]
pub enum StartError {
    /// Too many concurrent sessions, throttling, a 5xx with an AWS error, a network failure: back off, retry.
    Refused {
        reason: String,
    },
    /// The endpoint has no Live Tail (an emulator answering without an AWS error, as moto does with HTTP 500
    /// and an HTML page) or the credentials may not use it (access denied): poll instead.
    Unavailable {
        reason: String,
    },
    Fatal(crate::error::Error),
}

/// One thing a session says.
#[derive(Debug, PartialEq)]
pub enum LiveFrame {
    Start {
        session_id: String,
    },
    /// A `sessionUpdate`: the events of about the last second, and whether the service sampled them.
    Update {
        sampled: bool,
        events: Vec<LiveEvent>,
    },
    /// The session is over: a clean end of the stream, an exception frame or a cut connection.
    Ended {
        reason: String,
    },
}

/// A Live Tail event: no `eventId`; `logGroupIdentifier` is the group's ARN (or name).
#[derive(Debug, Clone, PartialEq)]
pub struct LiveEvent {
    pub log_group_identifier: String,
    pub log_stream_name: String,
    pub timestamp: i64,
    pub ingestion_time: Option<i64>,
    pub message: String,
}

pub struct LiveSession {
    out: aws_sdk_cloudwatchlogs::operation::start_live_tail::StartLiveTailOutput,
}

impl LiveSession {
    /// The next frame; after [`LiveFrame::Ended`] the session is finished.
    pub async fn next(&mut self) -> LiveFrame {
        match self.out.response_stream.recv().await {
            Ok(Some(sdk::StartLiveTailResponseStream::SessionStart(s))) => LiveFrame::Start {
                session_id: s.session_id.unwrap_or_default(),
            },
            Ok(Some(sdk::StartLiveTailResponseStream::SessionUpdate(u))) => LiveFrame::Update {
                sampled: u.session_metadata.is_some_and(|m| m.sampled),
                events: u
                    .session_results
                    .unwrap_or_default()
                    .into_iter()
                    .map(|e| LiveEvent {
                        log_group_identifier: e.log_group_identifier.unwrap_or_default(),
                        log_stream_name: e.log_stream_name.unwrap_or_default(),
                        timestamp: e.timestamp.unwrap_or_default(),
                        ingestion_time: e.ingestion_time,
                        message: e.message.unwrap_or_default(),
                    })
                    .collect(),
            },
            Ok(Some(_)) => LiveFrame::Update {
                sampled: false,
                events: Vec::new(),
            },
            Ok(None) => LiveFrame::Ended {
                reason: "the service ended the session".into(),
            },
            Err(SdkError::ServiceError(se)) => {
                use sdk::error::StartLiveTailResponseStreamError as E;
                let e = se.err();
                // The exception frame names its kind in a header; the payload may carry no `__type`.
                let code = match e {
                    E::SessionTimeoutException(_) => "SessionTimeoutException",
                    E::SessionStreamingException(_) => "SessionStreamingException",
                    _ => e.code().unwrap_or("an exception"),
                };
                LiveFrame::Ended {
                    reason: format!("{code}: {}", e.message().unwrap_or("(no message)")),
                }
            }
            Err(e) => LiveFrame::Ended {
                reason: format!(
                    "the connection was lost ({})",
                    crate::error::source_chain(&e)
                ),
            },
        }
    }
}

impl LogsApi {
    /// StartLiveTail, without the SDK's retries (the caller backs off, says so, and never gives up on a
    /// refusal). With an endpoint override the `stream-` host prefix is not applied ([`KeepEndpointHost`]).
    pub async fn start_live_tail(
        &self,
        q: &LiveQuery,
    ) -> std::result::Result<LiveSession, StartError> {
        let prefixes = match (&q.stream_prefix, q.group_arns.len()) {
            (Some(p), 1) => Some(vec![p.clone()]),
            _ => None,
        };
        let sent = self
            .client
            .start_live_tail()
            .set_log_group_identifiers(Some(q.group_arns.clone()))
            .set_log_stream_name_prefixes(prefixes)
            .set_log_event_filter_pattern(q.filter_pattern.clone())
            .customize()
            .config_override(no_retry())
            .interceptor(KeepEndpointHost)
            .send()
            .await;
        match sent {
            Ok(out) => Ok(LiveSession { out }),
            Err(err) => Err(classify_start(err)),
        }
    }
}

fn classify_start(
    err: SdkError<
        aws_sdk_cloudwatchlogs::operation::start_live_tail::StartLiveTailError,
        aws_smithy_runtime_api::client::orchestrator::HttpResponse,
    >,
) -> StartError {
    if let SdkError::ServiceError(se) = &err {
        let status = se.raw().status().as_u16();
        match se.err().code() {
            Some("AccessDeniedException" | "AccessDenied") => {
                return StartError::Unavailable {
                    reason: format!(
                        "access denied ({})",
                        se.err().message().unwrap_or("no message")
                    ),
                }
            }
            Some(code) if code == "LimitExceededException" || THROTTLING.contains(&code) => {
                return StartError::Refused {
                    reason: format!("Live Tail refused the session ({code})"),
                }
            }
            Some(_) if status >= 500 => {
                return StartError::Refused {
                    reason: format!("Live Tail answered HTTP {status}"),
                }
            }
            None => {
                return StartError::Unavailable {
                    reason: format!("the endpoint answered HTTP {status} without an AWS error"),
                }
            }
            Some(_) => {}
        }
    }
    match classify(err) {
        CallError::Transient { reason, .. } => StartError::Refused { reason },
        CallError::Fatal(e) => StartError::Fatal(e),
    }
}

/// For StartLiveTail the SDK puts `stream-` before the endpoint's host, also before an endpoint URL the user
/// configured (`--endpoint-url http://127.0.0.1:4566` would become `stream-127.0.0.1:4566`, which does not
/// resolve). With an override configured (flag, AWS_ENDPOINT_URL..., profile), this puts its host back before
/// the request is signed; without one (real AWS) the prefixed host is kept.
#[derive(Debug)]
pub struct KeepEndpointHost;

impl aws_smithy_runtime_api::client::interceptors::Intercept for KeepEndpointHost {
    fn name(&self) -> &'static str {
        "o11y-keep-endpoint-host"
    }

    fn modify_before_signing(
        &self,
        context: &mut aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextMut<'_>,
        _rc: &aws_smithy_runtime_api::client::runtime_components::RuntimeComponents,
        cfg: &mut aws_smithy_types::config_bag::ConfigBag,
    ) -> std::result::Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        let Some(configured) = cfg.load::<aws_types::endpoint_config::EndpointUrl>() else {
            return Ok(());
        };
        let uri = context.request().uri().to_string();
        if let Some(fixed) = unprefixed_uri(&uri, &configured.0) {
            context.request_mut().set_uri(fixed)?;
        }
        Ok(())
    }
}

/// `uri` with `stream-` taken off its host when the configured endpoint's host has no such prefix.
pub fn unprefixed_uri(uri: &str, configured: &str) -> Option<String> {
    let host_of = |u: &str| -> Option<(usize, usize)> {
        let start = u.find("://")? + 3;
        let end = u[start..].find(['/', '?']).map_or(u.len(), |i| start + i);
        Some((start, end))
    };
    let (cs, ce) = host_of(configured)?;
    let (us, ue) = host_of(uri)?;
    let want = &configured[cs..ce];
    let have = &uri[us..ue];
    (have != want && have.strip_prefix("stream-") == Some(want))
        .then(|| format!("{}{}{}", &uri[..us], want, &uri[ue..]))
}
