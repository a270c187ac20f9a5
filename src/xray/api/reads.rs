//! The service graph, trace summaries and traces (GetServiceGraph, GetTraceSummaries, BatchGetTraces).

use aws_sdk_xray::types as sdk;
use serde::Serialize;
use serde_json::Value;

use super::client::{next_token, rfc3339, XrayApi};
use crate::aws::api_error;
use crate::error::{Error, Result};

/// A request time in whole Unix seconds, as the API reference describes `StartTime` / `EndTime`.
fn epoch(t: chrono::DateTime<chrono::Utc>) -> aws_sdk_xray::primitives::DateTime {
    aws_sdk_xray::primitives::DateTime::from_secs(t.timestamp())
}

fn skip_empty<T>(v: &[T]) -> bool {
    v.is_empty()
}

/// One bucket of a histogram (`Value` seconds, `Count` requests).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistogramEntry {
    #[serde(rename = "Value")]
    pub value: f64,
    #[serde(rename = "Count")]
    pub count: i32,
}

fn histogram(h: &[sdk::HistogramEntry]) -> Vec<HistogramEntry> {
    h.iter()
        .map(|e| HistogramEntry {
            value: e.value(),
            count: e.count(),
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ErrorStatistics {
    #[serde(rename = "ThrottleCount", skip_serializing_if = "Option::is_none")]
    pub throttle_count: Option<i64>,
    #[serde(rename = "OtherCount", skip_serializing_if = "Option::is_none")]
    pub other_count: Option<i64>,
    #[serde(rename = "TotalCount", skip_serializing_if = "Option::is_none")]
    pub total_count: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct FaultStatistics {
    #[serde(rename = "OtherCount", skip_serializing_if = "Option::is_none")]
    pub other_count: Option<i64>,
    #[serde(rename = "TotalCount", skip_serializing_if = "Option::is_none")]
    pub total_count: Option<i64>,
}

/// `SummaryStatistics` of a service (ServiceStatistics) or of an edge (EdgeStatistics): the same fields.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Statistics {
    #[serde(rename = "OkCount", skip_serializing_if = "Option::is_none")]
    pub ok_count: Option<i64>,
    #[serde(rename = "ErrorStatistics", skip_serializing_if = "Option::is_none")]
    pub error_statistics: Option<ErrorStatistics>,
    #[serde(rename = "FaultStatistics", skip_serializing_if = "Option::is_none")]
    pub fault_statistics: Option<FaultStatistics>,
    #[serde(rename = "TotalCount", skip_serializing_if = "Option::is_none")]
    pub total_count: Option<i64>,
    /// Seconds, summed over every request.
    #[serde(rename = "TotalResponseTime", skip_serializing_if = "Option::is_none")]
    pub total_response_time: Option<f64>,
}

/// Both statistics shapes have the same accessors; one conversion for the two.
macro_rules! statistics_from_sdk {
    ($s:expr) => {
        $s.map(|s| Statistics {
            ok_count: s.ok_count(),
            error_statistics: s.error_statistics().map(|e| ErrorStatistics {
                throttle_count: e.throttle_count(),
                other_count: e.other_count(),
                total_count: e.total_count(),
            }),
            fault_statistics: s.fault_statistics().map(|f| FaultStatistics {
                other_count: f.other_count(),
                total_count: f.total_count(),
            }),
            total_count: s.total_count(),
            total_response_time: s.total_response_time(),
        })
    };
}

/// A connection from a service to the downstream service with `ReferenceId`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    #[serde(rename = "ReferenceId", skip_serializing_if = "Option::is_none")]
    pub reference_id: Option<i32>,
    #[serde(rename = "StartTime", skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    #[serde(rename = "EndTime", skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
    #[serde(rename = "SummaryStatistics", skip_serializing_if = "Option::is_none")]
    pub summary_statistics: Option<Statistics>,
    #[serde(rename = "ResponseTimeHistogram", skip_serializing_if = "skip_empty")]
    pub response_time_histogram: Vec<HistogramEntry>,
    /// `Alias` has the fields of a `ServiceId` but `AccountId`.
    #[serde(rename = "Aliases", skip_serializing_if = "skip_empty")]
    pub aliases: Vec<ServiceId>,
    #[serde(rename = "EdgeType", skip_serializing_if = "Option::is_none")]
    pub edge_type: Option<String>,
    #[serde(
        rename = "ReceivedEventAgeHistogram",
        skip_serializing_if = "skip_empty"
    )]
    pub received_event_age_histogram: Vec<HistogramEntry>,
}

impl Edge {
    fn from_sdk(e: &sdk::Edge) -> Self {
        Edge {
            reference_id: e.reference_id(),
            start_time: rfc3339(e.start_time()),
            end_time: rfc3339(e.end_time()),
            summary_statistics: statistics_from_sdk!(e.summary_statistics()),
            response_time_histogram: histogram(e.response_time_histogram()),
            aliases: e
                .aliases()
                .iter()
                .map(|a| ServiceId {
                    name: a.name().map(str::to_string),
                    names: a.names().to_vec(),
                    account_id: None,
                    kind: a.r#type().map(str::to_string),
                })
                .collect(),
            edge_type: e.edge_type().map(str::to_string),
            received_event_age_histogram: histogram(e.received_event_age_histogram()),
        }
    }
}

/// A node of the service graph, in the service's field names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    #[serde(rename = "ReferenceId", skip_serializing_if = "Option::is_none")]
    pub reference_id: Option<i32>,
    #[serde(rename = "Name", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "Names", skip_serializing_if = "skip_empty")]
    pub names: Vec<String>,
    #[serde(rename = "Root", skip_serializing_if = "Option::is_none")]
    pub root: Option<bool>,
    #[serde(rename = "AccountId", skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    #[serde(rename = "Type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(rename = "State", skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(rename = "StartTime", skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    #[serde(rename = "EndTime", skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
    #[serde(rename = "Edges")]
    pub edges: Vec<Edge>,
    #[serde(rename = "SummaryStatistics", skip_serializing_if = "Option::is_none")]
    pub summary_statistics: Option<Statistics>,
    #[serde(rename = "DurationHistogram", skip_serializing_if = "skip_empty")]
    pub duration_histogram: Vec<HistogramEntry>,
    #[serde(rename = "ResponseTimeHistogram", skip_serializing_if = "skip_empty")]
    pub response_time_histogram: Vec<HistogramEntry>,
}

impl Service {
    fn from_sdk(s: &sdk::Service) -> Self {
        Service {
            reference_id: s.reference_id(),
            name: s.name().map(str::to_string),
            names: s.names().to_vec(),
            root: s.root(),
            account_id: s.account_id().map(str::to_string),
            kind: s.r#type().map(str::to_string),
            state: s.state().map(str::to_string),
            start_time: rfc3339(s.start_time()),
            end_time: rfc3339(s.end_time()),
            edges: s.edges().iter().map(Edge::from_sdk).collect(),
            summary_statistics: statistics_from_sdk!(s.summary_statistics()),
            duration_histogram: histogram(s.duration_histogram()),
            response_time_histogram: histogram(s.response_time_histogram()),
        }
    }
}

/// The service graph of a window: every page merged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceGraph {
    #[serde(rename = "Services")]
    pub services: Vec<Service>,
    #[serde(rename = "StartTime")]
    pub start_time: String,
    #[serde(rename = "EndTime")]
    pub end_time: String,
    #[serde(rename = "ContainsOldGroupVersions", skip_serializing_if = "is_false")]
    pub contains_old_group_versions: bool,
}

fn is_false(b: &bool) -> bool {
    !b
}

impl ServiceGraph {
    /// Add one page: a service already seen (same `ReferenceId`) gains the edges it did not have.
    fn merge(&mut self, page: impl IntoIterator<Item = Service>) {
        for s in page {
            let seen = s.reference_id.is_some()
                && self
                    .services
                    .iter()
                    .any(|o| o.reference_id == s.reference_id);
            if !seen {
                self.services.push(s);
                continue;
            }
            if let Some(o) = self
                .services
                .iter_mut()
                .find(|o| o.reference_id == s.reference_id)
            {
                for e in s.edges {
                    if !o.edges.iter().any(|x| x.reference_id == e.reference_id) {
                        o.edges.push(e);
                    }
                }
            }
        }
    }
}

/// `GroupName`, or `GroupARN` when the value is an ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupRef {
    Name(String),
    Arn(String),
}

/// `Http` of a trace summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Http {
    #[serde(rename = "HttpURL", skip_serializing_if = "Option::is_none")]
    pub http_url: Option<String>,
    #[serde(rename = "HttpStatus", skip_serializing_if = "Option::is_none")]
    pub http_status: Option<i32>,
    #[serde(rename = "HttpMethod", skip_serializing_if = "Option::is_none")]
    pub http_method: Option<String>,
    #[serde(rename = "UserAgent", skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    #[serde(rename = "ClientIp", skip_serializing_if = "Option::is_none")]
    pub client_ip: Option<String>,
}

/// `ServiceId` (entry point, services of a trace).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceId {
    #[serde(rename = "Name", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "Names", skip_serializing_if = "skip_empty")]
    pub names: Vec<String>,
    #[serde(rename = "AccountId", skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    #[serde(rename = "Type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

impl ServiceId {
    fn from_sdk(s: &sdk::ServiceId) -> Self {
        ServiceId {
            name: s.name().map(str::to_string),
            names: s.names().to_vec(),
            account_id: s.account_id().map(str::to_string),
            kind: s.r#type().map(str::to_string),
        }
    }
}

/// One trace of `GetTraceSummaries`, in the service's field names (annotations, users and root causes are
/// left out).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraceSummary {
    #[serde(rename = "Id")]
    pub id: String,
    #[serde(rename = "StartTime", skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    /// Seconds.
    #[serde(rename = "Duration", skip_serializing_if = "Option::is_none")]
    pub duration: Option<f64>,
    /// Seconds.
    #[serde(rename = "ResponseTime", skip_serializing_if = "Option::is_none")]
    pub response_time: Option<f64>,
    #[serde(rename = "HasFault")]
    pub has_fault: bool,
    #[serde(rename = "HasError")]
    pub has_error: bool,
    #[serde(rename = "HasThrottle")]
    pub has_throttle: bool,
    #[serde(rename = "IsPartial")]
    pub is_partial: bool,
    #[serde(rename = "Http", skip_serializing_if = "Option::is_none")]
    pub http: Option<Http>,
    #[serde(rename = "EntryPoint", skip_serializing_if = "Option::is_none")]
    pub entry_point: Option<ServiceId>,
    #[serde(rename = "ServiceIds", skip_serializing_if = "skip_empty")]
    pub service_ids: Vec<ServiceId>,
    #[serde(rename = "Revision")]
    pub revision: i32,
    #[serde(rename = "MatchedEventTime", skip_serializing_if = "Option::is_none")]
    pub matched_event_time: Option<String>,
}

impl TraceSummary {
    fn from_sdk(t: &sdk::TraceSummary) -> Self {
        TraceSummary {
            id: t.id().unwrap_or_default().to_string(),
            start_time: rfc3339(t.start_time()),
            duration: t.duration(),
            response_time: t.response_time(),
            has_fault: t.has_fault().unwrap_or(false),
            has_error: t.has_error().unwrap_or(false),
            has_throttle: t.has_throttle().unwrap_or(false),
            is_partial: t.is_partial().unwrap_or(false),
            http: t.http().map(|h| Http {
                http_url: h.http_url().map(str::to_string),
                http_status: h.http_status(),
                http_method: h.http_method().map(str::to_string),
                user_agent: h.user_agent().map(str::to_string),
                client_ip: h.client_ip().map(str::to_string),
            }),
            entry_point: t.entry_point().map(ServiceId::from_sdk),
            service_ids: t.service_ids().iter().map(ServiceId::from_sdk).collect(),
            revision: t.revision(),
            matched_event_time: rfc3339(t.matched_event_time()),
        }
    }
}

/// A trace from `BatchGetTraces`, its segment documents parsed from the JSON strings the service returns.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    pub id: String,
    /// Seconds.
    pub duration: Option<f64>,
    pub limit_exceeded: bool,
    pub segments: Vec<Value>,
}

impl XrayApi {
    /// The service graph of `[start, end)`, following every `NextToken`, pages merged.
    pub async fn service_graph(
        &self,
        start: chrono::DateTime<chrono::Utc>,
        end: chrono::DateTime<chrono::Utc>,
        group: Option<&GroupRef>,
    ) -> Result<ServiceGraph> {
        let (name, arn) = match group {
            Some(GroupRef::Name(n)) => (Some(n.clone()), None),
            Some(GroupRef::Arn(a)) => (None, Some(a.clone())),
            None => (None, None),
        };
        let mut graph: Option<ServiceGraph> = None;
        let mut token: Option<String> = None;
        loop {
            let page = self
                .client
                .get_service_graph()
                .start_time(epoch(start))
                .end_time(epoch(end))
                .set_group_name(name.clone())
                .set_group_arn(arn.clone())
                .set_next_token(token)
                .send()
                .await
                .map_err(api_error)?;
            let g = graph.get_or_insert_with(|| ServiceGraph {
                services: Vec::new(),
                start_time: rfc3339(page.start_time())
                    .unwrap_or_else(|| start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                end_time: rfc3339(page.end_time())
                    .unwrap_or_else(|| end.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                contains_old_group_versions: false,
            });
            g.contains_old_group_versions |= page.contains_old_group_versions();
            g.merge(page.services().iter().map(Service::from_sdk));
            token = next_token(page.next_token());
            if token.is_none() {
                return Ok(graph.expect("at least one page was read"));
            }
        }
    }

    /// Every trace summary of `[start, end)`, following every `NextToken`.
    pub async fn trace_summaries(
        &self,
        start: chrono::DateTime<chrono::Utc>,
        end: chrono::DateTime<chrono::Utc>,
        filter_expression: Option<&str>,
    ) -> Result<Vec<TraceSummary>> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .client
                .get_trace_summaries()
                .start_time(epoch(start))
                .end_time(epoch(end))
                .set_filter_expression(filter_expression.map(str::to_string))
                .set_next_token(token)
                .send()
                .await
                .map_err(api_error)?;
            out.extend(page.trace_summaries().iter().map(TraceSummary::from_sdk));
            token = next_token(page.next_token());
            if token.is_none() {
                return Ok(out);
            }
        }
    }

    /// One trace with every segment (following every `NextToken`), or `None` when the service does not have
    /// it (no trace returned, or the id is among `UnprocessedTraceIds`).
    pub async fn trace(&self, id: &str) -> Result<Option<Trace>> {
        let mut trace: Option<Trace> = None;
        let mut token: Option<String> = None;
        loop {
            let page = self
                .client
                .batch_get_traces()
                .trace_ids(id)
                .set_next_token(token)
                .send()
                .await
                .map_err(api_error)?;
            if page.unprocessed_trace_ids().iter().any(|u| u == id) {
                return Ok(None);
            }
            for t in page.traces().iter().filter(|t| t.id() == Some(id)) {
                let tr = trace.get_or_insert_with(|| Trace {
                    id: id.to_string(),
                    duration: t.duration(),
                    limit_exceeded: t.limit_exceeded().unwrap_or(false),
                    segments: Vec::new(),
                });
                for s in t.segments() {
                    let doc = s.document().unwrap_or_default();
                    let v: Value = serde_json::from_str(doc).map_err(|e| {
                        Error::failed(format!(
                            "segment {} of trace {id}: the document is not JSON: {e}",
                            s.id().unwrap_or("?")
                        ))
                    })?;
                    tr.segments.push(v);
                }
            }
            token = next_token(page.next_token());
            if token.is_none() {
                return Ok(trace);
            }
        }
    }
}
