//! One test data point as an OTLP `ExportMetricsServiceRequest` (a gauge `o11y.test_metric` of 1 with the
//! item's id in the `o11y.test_id` attribute, which a PromQL query can select), and what a metrics receiver
//! answered.

use opentelemetry_proto::tonic::metrics::v1::{
    metric::Data, number_data_point, Gauge, Metric, NumberDataPoint, ResourceMetrics, ScopeMetrics,
};

pub use opentelemetry_proto::tonic::collector::metrics::v1::{
    ExportMetricsServiceRequest, ExportMetricsServiceResponse,
};

use super::common::{self, Rejected};

/// The test metric's name.
pub const NAME: &str = "o11y.test_metric";
/// The data point attribute holding the item's id.
pub const ID_ATTRIBUTE: &str = "o11y.test_id";

pub fn request(
    service: &str,
    resource: &[(String, String)],
    id: &str,
    time_nanos: u64,
) -> ExportMetricsServiceRequest {
    let mut attributes = common::test_attributes();
    attributes.push(common::string_attr(ID_ATTRIBUTE, id));
    ExportMetricsServiceRequest {
        resource_metrics: vec![ResourceMetrics {
            resource: Some(common::resource(service, resource)),
            scope_metrics: vec![ScopeMetrics {
                scope: Some(common::scope()),
                metrics: vec![Metric {
                    name: NAME.into(),
                    description: "one test data point sent by `o11y otel test`".into(),
                    unit: "1".into(),
                    data: Some(Data::Gauge(Gauge {
                        data_points: vec![NumberDataPoint {
                            attributes,
                            time_unix_nano: time_nanos,
                            value: Some(number_data_point::Value::AsDouble(1.0)),
                            ..Default::default()
                        }],
                    })),
                    ..Default::default()
                }],
                ..Default::default()
            }],
            ..Default::default()
        }],
    }
}

/// Data points a server refused in an HTTP 200 (`partial_success`), with its message.
pub fn rejected(content_type: Option<&str>, body: &[u8]) -> Option<Rejected> {
    use prost::Message;
    if !common::is_protobuf(content_type) {
        return common::rejected_json(body, "rejectedDataPoints");
    }
    let p = ExportMetricsServiceResponse::decode(body)
        .ok()?
        .partial_success?;
    (p.rejected_data_points > 0).then_some(Rejected {
        count: p.rejected_data_points,
        message: p.error_message,
    })
}

/// The PromQL selector of the test data point (Prometheus 3's quoted UTF-8 names, as CloudWatch's PromQL
/// takes OTLP names with dots).
pub fn promql(id: &str) -> String {
    format!("{{\"{NAME}\", \"{ID_ATTRIBUTE}\"=\"{id}\"}}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use opentelemetry_proto::tonic::collector::metrics::v1::ExportMetricsPartialSuccess;
    use prost::Message;

    #[test]
    fn one_gauge_point_with_its_id_and_the_query_that_selects_it() {
        let req = request("svc", &[], "abc", 5);
        let back = ExportMetricsServiceRequest::decode(req.encode_to_vec().as_slice()).unwrap();
        assert_eq!(back, req);
        let v = serde_json::to_value(&req).unwrap();
        let m = &v["resourceMetrics"][0]["scopeMetrics"][0]["metrics"][0];
        assert_eq!(m["name"], NAME);
        assert_eq!(m["gauge"]["dataPoints"][0]["asDouble"], 1.0);
        assert_eq!(m["gauge"]["dataPoints"][0]["timeUnixNano"], "5");
        assert_eq!(
            promql("abc"),
            r#"{"o11y.test_metric", "o11y.test_id"="abc"}"#
        );
        let partial = ExportMetricsServiceResponse {
            partial_success: Some(ExportMetricsPartialSuccess {
                rejected_data_points: 1,
                error_message: "throttled".into(),
            }),
        };
        assert_eq!(
            rejected(Some("application/x-protobuf"), &partial.encode_to_vec())
                .unwrap()
                .message,
            "throttled"
        );
    }
}
