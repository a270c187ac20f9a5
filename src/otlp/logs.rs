//! One test log record as an OTLP `ExportLogsServiceRequest`, and what a logs receiver answered (CloudWatch
//! Logs documents a `partialSuccess` with `rejectedLogRecords` and its counts in `errorMessage`).

use opentelemetry_proto::tonic::common::v1::any_value::Value as V;
use opentelemetry_proto::tonic::common::v1::AnyValue;
use opentelemetry_proto::tonic::logs::v1::{LogRecord, ResourceLogs, ScopeLogs, SeverityNumber};

pub use opentelemetry_proto::tonic::collector::logs::v1::{
    ExportLogsServiceRequest, ExportLogsServiceResponse,
};

use super::common::{self, Rejected};

/// One INFO record whose body is `body`, at `time_nanos`, in the trace `trace_id` (so a backend that links
/// logs to traces shows it with the test span's trace), with `extra` attributes beside o11y's own.
pub fn request(
    service: &str,
    resource: &[(String, String)],
    body: &str,
    trace_id: &str,
    span_id: &str,
    time_nanos: u64,
    extra: &[(String, String)],
) -> ExportLogsServiceRequest {
    let mut attributes = common::test_attributes();
    attributes.extend(extra.iter().map(|(k, v)| common::string_attr(k, v)));
    ExportLogsServiceRequest {
        resource_logs: vec![ResourceLogs {
            resource: Some(common::resource(service, resource)),
            scope_logs: vec![ScopeLogs {
                scope: Some(common::scope()),
                log_records: vec![LogRecord {
                    time_unix_nano: time_nanos,
                    observed_time_unix_nano: time_nanos,
                    severity_number: SeverityNumber::Info as i32,
                    severity_text: "INFO".into(),
                    body: Some(AnyValue {
                        value: Some(V::StringValue(body.to_string())),
                    }),
                    attributes,
                    trace_id: common::hex_bytes(trace_id),
                    span_id: common::hex_bytes(span_id),
                    ..Default::default()
                }],
                ..Default::default()
            }],
            ..Default::default()
        }],
    }
}

/// Records a server refused in an HTTP 200 (`partial_success`), with its message.
pub fn rejected(content_type: Option<&str>, body: &[u8]) -> Option<Rejected> {
    use prost::Message;
    if !common::is_protobuf(content_type) {
        return common::rejected_json(body, "rejectedLogRecords");
    }
    let p = ExportLogsServiceResponse::decode(body)
        .ok()?
        .partial_success?;
    (p.rejected_log_records > 0).then_some(Rejected {
        count: p.rejected_log_records,
        message: p.error_message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use opentelemetry_proto::tonic::collector::logs::v1::ExportLogsPartialSuccess;
    use prost::Message;

    #[test]
    fn the_record_carries_its_body_trace_and_json_mapping() {
        let req = request(
            "svc",
            &[],
            "o11y otel test 1a2b",
            "0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331",
            1_700_000_000_000_000_000,
            &[("o11y.test_id".into(), "1a2b".into())],
        );
        let v = serde_json::to_value(&req).unwrap();
        let rec = &v["resourceLogs"][0]["scopeLogs"][0]["logRecords"][0];
        assert_eq!(rec["body"]["stringValue"], "o11y otel test 1a2b");
        assert_eq!(rec["traceId"], "0af7651916cd43dd8448eb211c80319c");
        assert_eq!(rec["timeUnixNano"], "1700000000000000000");
        assert_eq!(rec["severityNumber"], 9);
        assert_eq!(rec["attributes"][2]["key"], "o11y.test_id");
        let back = ExportLogsServiceRequest::decode(req.encode_to_vec().as_slice()).unwrap();
        assert_eq!(back, req);
        let partial = ExportLogsServiceResponse {
            partial_success: Some(ExportLogsPartialSuccess {
                rejected_log_records: 5,
                error_message: "{\"tooOldLogEventCount\": 5}".into(),
            }),
        };
        let r = rejected(Some("application/x-protobuf"), &partial.encode_to_vec()).unwrap();
        assert_eq!(r.count, 5);
        assert!(r.message.contains("tooOldLogEventCount"));
    }
}
