//! Transaction Search: where trace segments go (GetTraceSegmentDestination, UpdateTraceSegmentDestination),
//! the indexing rules, and reading traces back once they go to CloudWatch Logs (StartTraceRetrieval,
//! ListRetrievedTraces).

use serde::Serialize;

use super::XrayApi;
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
    /// Whether segments go to CloudWatch Logs (Transaction Search), whatever the status.
    pub fn is_cloudwatch_logs(&self) -> bool {
        self.destination == "CloudWatchLogs"
    }
}

impl XrayApi {
    /// Where trace segments go now.
    pub async fn trace_segment_destination(&self) -> Result<SegmentDestination> {
        let out = self
            .client
            .get_trace_segment_destination()
            .send()
            .await
            .map_err(api_error)?;
        Ok(SegmentDestination {
            destination: out
                .destination()
                .map(|d| d.as_str().to_string())
                .unwrap_or_else(|| "XRay".into()),
            status: out
                .status()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
        })
    }
}
