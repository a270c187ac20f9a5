//! Reading one test item back at one backend, and the row that says what was found:
//! - Honeycomb: the dataset, as `honeycomb test-span` does (a query on `trace.trace_id` for a span or on
//!   `body` for a log record where the key may run one, else the dataset's `last_written_at`; a metrics
//!   dataset by `last_written_at` only);
//! - X-Ray: the trace, by retrieval under Transaction Search (as `xray test-span`); with segments going to
//!   X-Ray instead, AWS drops OTLP spans without an error, which is said at once;
//! - CloudWatch Logs: `FilterLogEvents` for an event containing the record's unique body (AWS does not
//!   document the stored event's layout, so the match is on what o11y put in the record, not on a shape);
//! - CloudWatch metrics: the PromQL query API (`GET /api/v1/query` on the monitoring endpoint, SigV4
//!   `monitoring`), selecting the data point by its unique `o11y.test_id`.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use reqwest::Method;

use super::path::Backend;
use crate::context::{Calls, Context};
use crate::honeycomb::test_span::{confirm, Lookup, Outcome, Prepared, Proof};
use crate::logs::api::{CallError, LogsApi};
use crate::otlp::metrics;
use crate::otlp::send::{sign, SigV4};
use crate::otlp::settings::Signal;
use crate::readback::{Progress, Wait};
use crate::time::human;
use crate::xray::api::XrayApi;
use crate::xray::retrieval::TraceId;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Ok,
    Fail,
    Warn,
}

/// One line of `otel test` (and of doctor's `--send-test`): a signal at a backend, or the send itself.
#[derive(Debug, Clone)]
pub struct Row {
    /// `None`: about the send, not a read-back.
    pub backend: Option<Backend>,
    pub status: Status,
    pub detail: String,
    pub fix: Option<String>,
    pub arrived_after: Option<Duration>,
}

impl Row {
    pub fn ok(backend: Option<Backend>, detail: impl Into<String>) -> Row {
        Row {
            backend,
            status: Status::Ok,
            detail: detail.into(),
            fix: None,
            arrived_after: None,
        }
    }

    pub fn problem(
        status: Status,
        backend: Option<Backend>,
        detail: impl Into<String>,
        fix: impl Into<String>,
    ) -> Row {
        Row {
            backend,
            status,
            detail: detail.into(),
            fix: Some(fix.into()),
            arrived_after: None,
        }
    }

    fn arrived(backend: Backend, after: Duration, detail: String) -> Row {
        Row {
            arrived_after: Some(after),
            ..Row::ok(Some(backend), detail)
        }
    }
}

/// The test item, as sent.
#[derive(Debug, Clone)]
pub struct Item {
    pub signal: Signal,
    /// The trace id (X-Ray's layout: the first 8 hex digits are the epoch seconds), in both forms.
    pub ids: TraceId,
    pub span_id: String,
    /// A unique token: the log record's body ends with it, the data point's `o11y.test_id` is it.
    pub token: String,
    /// The log record's body.
    pub body: String,
    pub sent_at: DateTime<Utc>,
    pub started: Instant,
}

/// What identifies the item in a Honeycomb dataset.
pub fn honeycomb_lookup(item: &Item) -> Lookup<'_> {
    match item.signal {
        Signal::Logs => Lookup {
            column: "body",
            value: &item.body,
        },
        Signal::Metrics => Lookup {
            column: metrics::ID_ATTRIBUTE,
            value: &item.token,
        },
        Signal::Traces => Lookup::trace(&item.ids.w3c),
    }
}

/// Honeycomb: the dataset, with what `prepare` decided before the send.
pub async fn honeycomb(
    ctx: &Context,
    prepared: Prepared<'_>,
    dataset: &str,
    item: &Item,
    wait: Wait,
    progress: Progress<'_>,
) -> Row {
    let b = Some(Backend::Honeycomb);
    let outcome = match (prepared.api, prepared.outcome) {
        (Some(api), Outcome::Unchecked(why)) if why.is_empty() => confirm(
            ctx,
            api,
            dataset,
            honeycomb_lookup(item),
            prepared.access,
            item.sent_at,
            item.started,
            wait,
            progress,
        )
        .await
        .unwrap_or_else(Outcome::Failed),
        (_, decided) => decided,
    };
    match outcome {
        Outcome::Arrived { after, proof } => {
            let how = match proof {
                Proof::TraceIdQuery => "a query found it",
                Proof::DatasetLastWrittenAt => {
                    "the dataset was written after the send: weak, whole seconds, another writer would look the same"
                }
            };
            Row::arrived(
                Backend::Honeycomb,
                after,
                format!("arrived in dataset `{dataset}` after {} ({how})", human(after)),
            )
        }
        Outcome::Unchecked(why) => Row::problem(
            Status::Warn,
            b,
            format!("not checked: {why}"),
            "set HONEYCOMB_API_KEY to a configuration key of the app's environment that may read datasets \
             (Create Datasets) or run queries",
        ),
        Outcome::OtherEnvironment { span, reader } => Row::problem(
            Status::Fail,
            b,
            format!(
                "the app's key belongs to {span}, HONEYCOMB_API_KEY to {reader}: the item is where the \
                 configuration key cannot see it"
            ),
            "use keys of the same environment (x-honeycomb-team and HONEYCOMB_API_KEY)",
        ),
        Outcome::NotArrived { seen, waited } => Row::problem(
            Status::Fail,
            b,
            format!("not in dataset `{dataset}` after {}: {seen}", human(waited)),
            "check the key and the dataset (the service name; x-honeycomb-dataset for metrics), or try a longer \
             --timeout",
        ),
        Outcome::Failed(e) => Row::problem(
            Status::Fail,
            b,
            e.message.clone(),
            e.help.unwrap_or_else(|| "o11y honeycomb whoami".into()),
        ),
    }
}

/// X-Ray: the trace, read back through the API that can see it.
pub async fn xray(ctx: &Context, item: &Item, wait: Wait) -> Row {
    let b = Some(Backend::Xray);
    let fail = |e: crate::error::Error| {
        Row::problem(
            Status::Fail,
            b,
            e.message.clone(),
            e.help.unwrap_or_else(|| "o11y xray test-span -v".into()),
        )
    };
    let api = match ctx.xray(Calls::Paging).await {
        Ok(c) => XrayApi::new(c),
        Err(e) => return fail(e),
    };
    let destination = match api.trace_segment_destination().await {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    if !destination.is_cloudwatch_logs() {
        return Row::problem(
            Status::Fail,
            b,
            format!(
                "Transaction Search is off (segments go to {}): AWS drops OTLP spans without an error",
                destination.destination
            ),
            "o11y xray transaction-search --enable (or [xray.transaction_search] in o11y.toml, then o11y setup)",
        );
    }
    match crate::xray::test_span::read_back(
        &api,
        &item.ids,
        true,
        item.sent_at,
        item.started,
        wait.timeout,
        &mut |_| {},
    )
    .await
    {
        Err(e) => fail(e),
        Ok(seen) => match seen.arrived_after {
            Some(after) => Row::arrived(
                Backend::Xray,
                after,
                format!(
                    "trace {} arrived after {} (StartTraceRetrieval + ListRetrievedTraces)",
                    item.ids.xray,
                    human(after)
                ),
            ),
            None => Row::problem(
                Status::Fail,
                b,
                format!(
                    "trace {} not found after {}: {}",
                    item.ids.xray,
                    human(wait.timeout),
                    if seen.last_seen.is_empty() {
                        "nothing seen"
                    } else {
                        &seen.last_seen
                    }
                ),
                "X-Ray can take a minute or more: try a longer --timeout",
            ),
        },
    }
}

/// CloudWatch Logs: an event containing the record's unique body, in one of `places` (a group and its
/// stream, or a whole group).
pub async fn cloudwatch_logs(
    ctx: &Context,
    places: &[(String, Option<String>)],
    item: &Item,
    wait: Wait,
) -> Row {
    let b = Some(Backend::CloudWatchLogs);
    let api = match ctx.logs(Calls::Single).await {
        Ok(c) => LogsApi::new(c),
        Err(e) => return Row::problem(Status::Fail, b, e.message.clone(), "o11y doctor"),
    };
    let since = item.sent_at.timestamp_millis() - 60_000;
    let pattern = format!("\"{}\"", item.token);
    let mut searches = 0;
    let mut last_error = None;
    loop {
        for (group, stream) in places {
            searches += 1;
            match api
                .events(group, stream.as_deref(), since, None, Some(&pattern))
                .await
            {
                Ok(events) => {
                    if let Some(e) = events.iter().find(|e| e.message.contains(&item.token)) {
                        let after = item.started.elapsed();
                        return Row::arrived(
                            Backend::CloudWatchLogs,
                            after,
                            format!(
                                "arrived in {}/{} after {} (FilterLogEvents found the record's body)",
                                e.log_group_name,
                                e.log_stream_name,
                                human(after)
                            ),
                        );
                    }
                }
                Err(CallError::Transient { reason, .. }) => last_error = Some(reason),
                Err(CallError::Fatal(e)) => {
                    return Row::problem(
                        Status::Fail,
                        b,
                        format!("FilterLogEvents in {group}: {}", e.message),
                        e.help
                            .unwrap_or_else(|| "check the log group and its stream".into()),
                    )
                }
            }
        }
        if item.started.elapsed() + wait.interval > wait.timeout {
            let named: Vec<String> = places
                .iter()
                .map(|(g, s)| match s {
                    Some(s) => format!("{g}/{s}"),
                    None => g.clone(),
                })
                .collect();
            return Row::problem(
                Status::Fail,
                b,
                format!(
                    "no event with the record's body in {} after {} ({searches} searches{})",
                    named.join(", "),
                    human(wait.timeout),
                    last_error
                        .map(|e| format!("; the last failed: {e}"))
                        .unwrap_or_default()
                ),
                "check the group and stream (x-aws-log-group, x-aws-log-stream), or try a longer --timeout",
            );
        }
        tokio::time::sleep(wait.interval).await;
    }
}

/// CloudWatch metrics: the data point through the PromQL query API at `base` (the monitoring endpoint),
/// signed for `monitoring` in `region`.
pub async fn cloudwatch_metrics(
    ctx: &Context,
    base: &str,
    region: &str,
    item: &Item,
    wait: Wait,
) -> Row {
    let b = Some(Backend::CloudWatchMetrics);
    let query = metrics::promql(&item.token);
    let url = match reqwest::Url::parse_with_params(
        &format!("{}/api/v1/query", base.trim_end_matches('/')),
        &[("query", query.as_str())],
    ) {
        Ok(u) => u.to_string(),
        Err(e) => return Row::problem(Status::Fail, b, e.to_string(), "check the endpoint"),
    };
    let s = SigV4 {
        service: crate::otlp::destination::MONITORING.name,
        region,
    };
    loop {
        let signed = match sign(ctx, "GET", &url, &[], b"", s).await {
            Ok(h) => h,
            Err(e) => {
                return Row::problem(
                    Status::Fail,
                    b,
                    e.message.clone(),
                    "check the AWS credentials",
                )
            }
        };
        let answer = crate::http::send(
            ctx,
            Method::GET,
            &url,
            |rb| signed.iter().fold(rb, |rb, (k, v)| rb.header(k, v)),
            &[],
        )
        .await;
        let resp = match answer {
            Ok(r) => r,
            Err(e) => return Row::problem(Status::Fail, b, e.message.clone(), "check the network"),
        };
        let status = resp.status().as_u16();
        let v: serde_json::Value = resp.json().await.unwrap_or_default();
        match status {
            200..=299 => {
                let found = v["data"]["result"]
                    .as_array()
                    .is_some_and(|r| !r.is_empty());
                if found {
                    let after = item.started.elapsed();
                    return Row::arrived(
                        Backend::CloudWatchMetrics,
                        after,
                        format!(
                            "the data point arrived after {} (a PromQL query found {})",
                            human(after),
                            query
                        ),
                    );
                }
            }
            404 => {
                return Row::problem(
                    Status::Warn,
                    b,
                    "accepted; the PromQL query API did not answer (HTTP 404), so arrival was not checked",
                    "CloudWatch's PromQL querying must be available in the region and enabled for OTLP metrics",
                )
            }
            _ => {
                let said = v["error"].as_str().unwrap_or_default();
                return Row::problem(
                    Status::Fail,
                    b,
                    format!("the PromQL query API refused the read-back (HTTP {status}: {said})"),
                    "the credentials need cloudwatch:GetMetricData and cloudwatch:ListMetrics to read metrics back",
                );
            }
        }
        if item.started.elapsed() + wait.interval > wait.timeout {
            return Row::problem(
                Status::Fail,
                b,
                format!(
                    "accepted, but a PromQL query did not find the data point after {}",
                    human(wait.timeout)
                ),
                "try a longer --timeout",
            );
        }
        tokio::time::sleep(wait.interval).await;
    }
}
