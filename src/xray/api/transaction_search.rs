//! Transaction Search: where trace segments go (GetTraceSegmentDestination, UpdateTraceSegmentDestination),
//! the indexing rules, and reading traces back once they go to CloudWatch Logs (StartTraceRetrieval,
//! ListRetrievedTraces).

use serde::Serialize;

use super::client::{next_token, rfc3339, XrayApi};
use crate::aws::api_error;
use crate::error::Result;

/// `GetTraceSegmentDestination`: `Destination` is `XRay` or `CloudWatchLogs`, `Status` `PENDING` or `ACTIVE`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentDestination {
    #[serde(rename = "Destination")]
    pub destination: String,
    #[serde(rename = "Status")]
    pub status: String,
}

impl SegmentDestination {
    /// From an answer of GetTraceSegmentDestination or UpdateTraceSegmentDestination; `destination` when the
    /// answer names none.
    fn of(
        d: Option<&aws_sdk_xray::types::TraceSegmentDestination>,
        s: Option<&aws_sdk_xray::types::TraceSegmentDestinationStatus>,
        destination: &str,
    ) -> Self {
        SegmentDestination {
            destination: d.map_or_else(|| destination.to_string(), |d| d.as_str().to_string()),
            status: s.map(|s| s.as_str().to_string()).unwrap_or_default(),
        }
    }

    /// Whether segments go to CloudWatch Logs (Transaction Search), whatever the status.
    pub fn is_cloudwatch_logs(&self) -> bool {
        self.destination == "CloudWatchLogs"
    }
}

/// An indexing rule (`GetIndexingRules`, `UpdateIndexingRule`), in the service's shape.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexingRule {
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "ModifiedAt", skip_serializing_if = "Option::is_none")]
    pub modified_at: Option<String>,
    #[serde(rename = "Rule")]
    pub rule: IndexingRuleValue,
}

/// The rule's value: X-Ray documents one kind, `Probabilistic`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexingRuleValue {
    #[serde(rename = "Probabilistic", skip_serializing_if = "Option::is_none")]
    pub probabilistic: Option<Probabilistic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Probabilistic {
    #[serde(rename = "DesiredSamplingPercentage")]
    pub desired_sampling_percentage: f64,
    #[serde(rename = "ActualSamplingPercentage")]
    pub actual_sampling_percentage: Option<f64>,
}

impl IndexingRule {
    fn from_sdk(r: &aws_sdk_xray::types::IndexingRule) -> Self {
        IndexingRule {
            name: r.name().unwrap_or_default().to_string(),
            modified_at: rfc3339(r.modified_at()),
            rule: IndexingRuleValue {
                probabilistic: r.rule().and_then(|v| v.as_probabilistic().ok()).map(|p| {
                    Probabilistic {
                        desired_sampling_percentage: p.desired_sampling_percentage(),
                        actual_sampling_percentage: p.actual_sampling_percentage(),
                    }
                }),
            },
        }
    }

    /// The desired percentage of a probabilistic rule.
    pub fn desired(&self) -> Option<f64> {
        self.rule
            .probabilistic
            .map(|p| p.desired_sampling_percentage)
    }
}

/// The indexing rule every account has, the one Transaction Search's percentage lives in.
pub const DEFAULT_INDEXING_RULE: &str = "Default";

impl XrayApi {
    /// `UpdateTraceSegmentDestination`: send segments to `XRay` or `CloudWatchLogs`. The answer's status is
    /// usually `PENDING`; poll [`XrayApi::trace_segment_destination`] until `ACTIVE`.
    pub async fn update_trace_segment_destination(
        &self,
        destination: &str,
    ) -> Result<SegmentDestination> {
        let out = self
            .client
            .update_trace_segment_destination()
            .destination(destination.into())
            .send()
            .await
            .map_err(api_error)?;
        Ok(SegmentDestination::of(
            out.destination(),
            out.status(),
            destination,
        ))
    }

    /// Every indexing rule (`GetIndexingRules`), following every `NextToken`.
    pub async fn indexing_rules(&self) -> Result<Vec<IndexingRule>> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .client
                .get_indexing_rules()
                .set_next_token(token)
                .send()
                .await
                .map_err(api_error)?;
            out.extend(page.indexing_rules().iter().map(IndexingRule::from_sdk));
            token = next_token(page.next_token());
            if token.is_none() {
                return Ok(out);
            }
        }
    }

    /// `UpdateIndexingRule` with a probabilistic rule of `percentage` percent.
    pub async fn update_indexing_rule(&self, name: &str, percentage: f64) -> Result<IndexingRule> {
        use aws_sdk_xray::types::{IndexingRuleValueUpdate, ProbabilisticRuleValueUpdate};
        let value = ProbabilisticRuleValueUpdate::builder()
            .desired_sampling_percentage(percentage)
            .build()
            .map_err(|e| crate::error::Error::failed(e.to_string()))?;
        let out = self
            .client
            .update_indexing_rule()
            .name(name)
            .rule(IndexingRuleValueUpdate::Probabilistic(value))
            .send()
            .await
            .map_err(api_error)?;
        Ok(out
            .indexing_rule()
            .map(IndexingRule::from_sdk)
            .unwrap_or_else(|| IndexingRule {
                name: name.to_string(),
                modified_at: None,
                rule: IndexingRuleValue {
                    probabilistic: Some(Probabilistic {
                        desired_sampling_percentage: percentage,
                        actual_sampling_percentage: None,
                    }),
                },
            }))
    }

    /// Where trace segments go now.
    pub async fn trace_segment_destination(&self) -> Result<SegmentDestination> {
        let out = self
            .client
            .get_trace_segment_destination()
            .send()
            .await
            .map_err(api_error)?;
        Ok(SegmentDestination::of(
            out.destination(),
            out.status(),
            "XRay",
        ))
    }
}

// ---- Reading traces back under Transaction Search (StartTraceRetrieval, ListRetrievedTraces) ----

/// `TraceFormat` of ListRetrievedTraces: X-Ray segment documents or OpenTelemetry span documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TraceFormat {
    Xray,
    Otel,
}

impl TraceFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            TraceFormat::Xray => "XRAY",
            TraceFormat::Otel => "OTEL",
        }
    }
}

/// One trace of ListRetrievedTraces: its span documents parsed (X-Ray segments or OTel spans, as
/// `format` says).
#[derive(Debug, Clone, PartialEq)]
pub struct RetrievedTrace {
    pub id: String,
    /// Seconds.
    pub duration: Option<f64>,
    pub spans: Vec<serde_json::Value>,
}

/// One look at a retrieval: its `RetrievalStatus` (`SCHEDULED`, `RUNNING`, `COMPLETE`, `FAILED`,
/// `CANCELLED`, `TIMEOUT`), the format the service answered in, and (once `COMPLETE`) every trace of
/// every page.
#[derive(Debug, Clone, PartialEq)]
pub struct Retrieved {
    pub status: String,
    pub format: TraceFormat,
    pub traces: Vec<RetrievedTrace>,
}

impl XrayApi {
    /// StartTraceRetrieval for `ids` (X-Ray form) in `[start, end]` (inclusive, whole seconds); the
    /// `RetrievalToken`.
    pub async fn start_trace_retrieval(
        &self,
        ids: &[String],
        start: chrono::DateTime<chrono::Utc>,
        end: chrono::DateTime<chrono::Utc>,
    ) -> Result<String> {
        let secs = |t: chrono::DateTime<chrono::Utc>| {
            aws_sdk_xray::primitives::DateTime::from_secs(t.timestamp())
        };
        let out = self
            .client
            .start_trace_retrieval()
            .set_trace_ids(Some(ids.to_vec()))
            .start_time(secs(start))
            .end_time(secs(end))
            .send()
            .await
            .map_err(api_error)?;
        out.retrieval_token()
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .ok_or_else(|| {
                crate::error::Error::failed("StartTraceRetrieval answered without a RetrievalToken")
            })
    }

    /// ListRetrievedTraces for `token` in `format`, following every `NextToken`. Before `COMPLETE` the
    /// service answers an empty list (API reference), which is returned as is with its status.
    pub async fn list_retrieved_traces(
        &self,
        token: &str,
        format: TraceFormat,
    ) -> Result<Retrieved> {
        use aws_sdk_xray::types::TraceFormatType;
        let mut out = Retrieved {
            status: String::new(),
            format,
            traces: Vec::new(),
        };
        let mut next: Option<String> = None;
        loop {
            let page = self
                .client
                .list_retrieved_traces()
                .retrieval_token(token)
                .trace_format(match format {
                    TraceFormat::Xray => TraceFormatType::Xray,
                    TraceFormat::Otel => TraceFormatType::Otel,
                })
                .set_next_token(next)
                .send()
                .await
                .map_err(api_error)?;
            out.status = page
                .retrieval_status()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default();
            if let Some(f) = page.trace_format() {
                out.format = match f {
                    TraceFormatType::Otel => TraceFormat::Otel,
                    _ => TraceFormat::Xray,
                };
            }
            for t in page.traces() {
                let id = t.id().unwrap_or_default().to_string();
                let mut spans = Vec::new();
                for s in t.spans() {
                    let doc = s.document().unwrap_or_default();
                    let v: serde_json::Value = serde_json::from_str(doc).map_err(|e| {
                        crate::error::Error::failed(format!(
                            "span {} of trace {id}: the document is not JSON: {e}",
                            s.id().unwrap_or("?")
                        ))
                    })?;
                    spans.push(v);
                }
                match out.traces.iter_mut().find(|x| x.id == id) {
                    Some(x) => x.spans.extend(spans),
                    None => out.traces.push(RetrievedTrace {
                        id,
                        duration: t.duration(),
                        spans,
                    }),
                }
            }
            next = next_token(page.next_token());
            if next.is_none() {
                return Ok(out);
            }
        }
    }
}
