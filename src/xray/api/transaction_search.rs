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
            modified_at: super::rfc3339(r.modified_at()),
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
        Ok(SegmentDestination {
            destination: out
                .destination()
                .map(|d| d.as_str().to_string())
                .unwrap_or_else(|| destination.to_string()),
            status: out
                .status()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
        })
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
            token = super::next_token(page.next_token());
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
