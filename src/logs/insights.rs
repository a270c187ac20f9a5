//! A thin wrapper over the Logs Insights calls of the CloudWatch Logs SDK client (`StartQuery`,
//! `GetQueryResults`, `StopQuery`): results as o11y's own types, errors translated or classified for the
//! caller's retry loop. It never prints.

use aws_sdk_cloudwatchlogs::operation::start_query::StartQueryError;
use aws_sdk_cloudwatchlogs::types::error::MalformedQueryException;
use aws_sdk_cloudwatchlogs::Client;

use super::api::{classify, no_retry, CallError};
use crate::aws::api_error;
use crate::error::{Error, Result};

/// What `StartQuery` is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryRequest {
    pub query: String,
    /// Log group names; empty when the query selects its own with `SOURCE`.
    pub groups: Vec<String>,
    /// Epoch seconds, inclusive.
    pub start_s: i64,
    /// Epoch seconds, inclusive.
    pub end_s: i64,
    pub limit: Option<i32>,
}

/// The statistics `GetQueryResults` reports (for a running query: so far).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Stats {
    pub records_matched: f64,
    pub records_scanned: f64,
    pub bytes_scanned: f64,
}

/// One answer of `GetQueryResults`: the status, the statistics, and the rows (partial while `Running`),
/// each row as the service's `field`/`value` pairs in its order.
#[derive(Debug, Clone, Default)]
pub struct QueryPage {
    /// `Scheduled`, `Running`, `Complete`, `Failed`, `Cancelled`, `Timeout`, `Unknown`, as the service says it.
    pub status: String,
    pub stats: Stats,
    pub rows: Vec<Vec<(String, String)>>,
    pub next_token: Option<String>,
}

impl QueryPage {
    /// Whether the query will not change any more.
    pub fn is_terminal(&self) -> bool {
        !matches!(self.status.as_str(), "Scheduled" | "Running")
    }
}

/// A `MalformedQueryException` as the service sent it: its message (or, if it sent none, the message of its
/// `queryCompileError`), and where in the query, when it says so.
fn malformed(m: &MalformedQueryException) -> Error {
    let compile = m.query_compile_error();
    let text = m
        .message()
        .or_else(|| compile.and_then(|c| c.message()))
        .unwrap_or("(no message)");
    let at = compile
        .and_then(|c| c.location())
        .and_then(|l| Some((l.start_char_offset()?, l.end_char_offset()?)))
        .filter(|_| m.message().is_none())
        .map(|(a, b)| format!(" (characters {}-{} of the query)", a + 1, b))
        .unwrap_or_default();
    Error::failed(format!("MalformedQueryException: {text}{at}")).with_help(
        "see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html",
    )
}

pub struct InsightsApi {
    client: Client,
}

impl InsightsApi {
    pub fn new(client: Client) -> Self {
        InsightsApi { client }
    }

    /// `StartQuery`: the query's id. The groups go as `logGroupNames` (none with a `SOURCE` query).
    pub async fn start(&self, q: &QueryRequest) -> Result<String> {
        let out = self
            .client
            .start_query()
            .query_string(&q.query)
            .set_log_group_names((!q.groups.is_empty()).then(|| q.groups.clone()))
            .start_time(q.start_s)
            .end_time(q.end_s)
            .set_limit(q.limit)
            .send()
            .await
            .map_err(|e| match e.as_service_error() {
                Some(StartQueryError::MalformedQueryException(m)) => malformed(m),
                _ => match classify(e) {
                CallError::Fatal(e) if e.message.starts_with("LimitExceededException") => e
                    .with_help("too many Logs Insights queries are running in this account and region; wait for some to end"),
                    other => other.into_error(),
                },
            })?;
        out.query_id
            .filter(|id| !id.is_empty())
            .ok_or_else(|| Error::failed("StartQuery answered without a queryId"))
    }

    /// One `GetQueryResults`, without the SDK's retries: the caller's poll loop retries what is worth it.
    pub async fn results(
        &self,
        query_id: &str,
        next_token: Option<String>,
    ) -> std::result::Result<QueryPage, CallError> {
        let out = self
            .client
            .get_query_results()
            .query_id(query_id)
            .set_next_token(next_token)
            .customize()
            .config_override(no_retry())
            .send()
            .await
            .map_err(classify)?;
        let stats = out
            .statistics
            .map(|s| Stats {
                records_matched: s.records_matched,
                records_scanned: s.records_scanned,
                bytes_scanned: s.bytes_scanned,
            })
            .unwrap_or_default();
        let rows = out
            .results
            .unwrap_or_default()
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .filter_map(|f| Some((f.field?, f.value.unwrap_or_default())))
                    .collect()
            })
            .collect();
        Ok(QueryPage {
            status: out
                .status
                .map(|s| s.as_str().to_string())
                .unwrap_or_else(|| "Unknown".into()),
            stats,
            rows,
            next_token: out.next_token.filter(|t| !t.is_empty()),
        })
    }

    /// `StopQuery`: `Ok(false)` when the service says there was nothing to stop (the query had ended).
    pub async fn stop(&self, query_id: &str) -> Result<bool> {
        let out = self
            .client
            .stop_query()
            .query_id(query_id)
            .send()
            .await
            .map_err(api_error)?;
        Ok(out.success)
    }
}
