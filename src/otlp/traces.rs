//! One test span as an OTLP `ExportTraceServiceRequest` (the generated `opentelemetry-proto` types, sent as
//! protobuf or, through their serde support, as OTLP/JSON), and what a traces receiver answered.

use opentelemetry_proto::tonic::trace::v1::{
    span::SpanKind, status::StatusCode, ResourceSpans, ScopeSpans, Span, Status,
};

pub use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};

use super::common::{self, Rejected};

/// One INTERNAL span named `o11y test-span` of `duration_nanos` ending at `end_nanos`, status OK, with
/// `o11y.test_span = true`; `service.name` and the other resource attributes on its resource.
pub fn request(
    service: &str,
    resource: &[(String, String)],
    trace_id: &str,
    span_id: &str,
    end_nanos: u64,
    duration_nanos: u64,
) -> ExportTraceServiceRequest {
    ExportTraceServiceRequest {
        resource_spans: vec![ResourceSpans {
            resource: Some(common::resource(service, resource)),
            scope_spans: vec![ScopeSpans {
                scope: Some(common::scope()),
                spans: vec![Span {
                    trace_id: common::hex_bytes(trace_id),
                    span_id: common::hex_bytes(span_id),
                    name: "o11y test-span".into(),
                    kind: SpanKind::Internal as i32,
                    start_time_unix_nano: end_nanos.saturating_sub(duration_nanos),
                    end_time_unix_nano: end_nanos,
                    attributes: common::test_attributes(),
                    status: Some(Status {
                        code: StatusCode::Ok as i32,
                        ..Default::default()
                    }),
                    ..Default::default()
                }],
                ..Default::default()
            }],
            ..Default::default()
        }],
    }
}

/// Spans a server refused in an HTTP 200 (`partial_success`), with its message.
pub fn rejected(content_type: Option<&str>, body: &[u8]) -> Option<Rejected> {
    use prost::Message;
    if !common::is_protobuf(content_type) {
        return common::rejected_json(body, "rejectedSpans");
    }
    let p = ExportTraceServiceResponse::decode(body)
        .ok()?
        .partial_success?;
    (p.rejected_spans > 0).then_some(Rejected {
        count: p.rejected_spans,
        message: p.error_message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::otlp::common::random_id;
    use opentelemetry_proto::tonic::collector::trace::v1::ExportTracePartialSuccess;
    use prost::Message;
    use serde_json::json;

    #[test]
    fn the_json_span_follows_the_specifications_json_mapping() {
        let t = random_id(16);
        let sp = random_id(8);
        let req = request("svc", &[], &t, &sp, 2_000_000_000, 50_000_000);
        let v = serde_json::to_value(&req).unwrap();
        let span = &v["resourceSpans"][0]["scopeSpans"][0]["spans"][0];
        assert_eq!(span["traceId"], t, "ids as lower-case hex");
        assert_eq!(span["spanId"], sp);
        assert_eq!(
            span["startTimeUnixNano"], "1950000000",
            "64-bit integers as strings"
        );
        assert_eq!(span["endTimeUnixNano"], "2000000000");
        assert_eq!(span["kind"], 1, "enums as their numbers");
        assert_eq!(span["status"]["code"], 1);
        assert_eq!(
            span["attributes"][0],
            json!({"key": "o11y.test_span", "value": {"boolValue": true}})
        );
        assert_eq!(
            v["resourceSpans"][0]["resource"]["attributes"],
            json!([{"key": "service.name", "value": {"stringValue": "svc"}}])
        );
        assert_eq!(
            v["resourceSpans"][0]["scopeSpans"][0]["scope"]["name"],
            "o11y"
        );
        // And back: the same request.
        let back: ExportTraceServiceRequest = serde_json::from_value(v).unwrap();
        assert_eq!(back, req);
    }

    #[test]
    fn the_protobuf_span_round_trips_with_the_same_ids_and_times() {
        let t = random_id(16);
        let sp = random_id(8);
        let req = request(
            "svc",
            &[("deployment.environment".into(), "prod".into())],
            &t,
            &sp,
            2_000_000_000,
            50_000_000,
        );
        let back = ExportTraceServiceRequest::decode(req.encode_to_vec().as_slice()).unwrap();
        let rs = &back.resource_spans[0];
        let keys: Vec<&str> = rs
            .resource
            .as_ref()
            .unwrap()
            .attributes
            .iter()
            .map(|a| a.key.as_str())
            .collect();
        assert_eq!(keys, ["service.name", "deployment.environment"]);
        let span = &rs.scope_spans[0].spans[0];
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!((hex(&span.trace_id), hex(&span.span_id)), (t, sp));
        assert_eq!(
            (span.start_time_unix_nano, span.end_time_unix_nano),
            (1_950_000_000, 2_000_000_000)
        );
        assert_eq!(span.kind, 1, "INTERNAL");
    }

    #[test]
    fn a_partial_success_in_protobuf_or_json() {
        let partial = ExportTraceServiceResponse {
            partial_success: Some(ExportTracePartialSuccess {
                rejected_spans: 1,
                error_message: "too old".into(),
            }),
        };
        let proto = Some("application/x-protobuf");
        assert_eq!(
            rejected(proto, &partial.encode_to_vec()),
            Some(Rejected {
                count: 1,
                message: "too old".into()
            })
        );
        assert_eq!(
            rejected(
                proto,
                &ExportTraceServiceResponse::default().encode_to_vec()
            ),
            None
        );
        assert_eq!(
            rejected(
                Some("application/json"),
                br#"{"partialSuccess":{"rejectedSpans":"3","errorMessage":"x"}}"#
            )
            .map(|r| r.count),
            Some(3)
        );
    }
}
