//! The app's OpenTelemetry exporter settings, read from the same variables with the specification's meaning,
//! and one span as an OTLP/HTTP `ExportTraceServiceRequest`. Not Honeycomb's alone: every test span (Honeycomb,
//! X-Ray's OTLP endpoint) builds its span here.

use percent_encoding::percent_decode_str;
use reqwest::header::{HeaderName, HeaderValue};
use serde_json::{json, Value};

use crate::aws::check_url;
use crate::error::{Error, Result};

pub const TRACES_ENDPOINT: &str = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
pub const ENDPOINT: &str = "OTEL_EXPORTER_OTLP_ENDPOINT";
pub const TRACES_HEADERS: &str = "OTEL_EXPORTER_OTLP_TRACES_HEADERS";
pub const HEADERS: &str = "OTEL_EXPORTER_OTLP_HEADERS";
pub const SERVICE_NAME: &str = "OTEL_SERVICE_NAME";
pub const RESOURCE_ATTRIBUTES: &str = "OTEL_RESOURCE_ATTRIBUTES";
pub const PROTOCOL: &str = "OTEL_EXPORTER_OTLP_PROTOCOL";
pub const TRACES_PROTOCOL: &str = "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL";

/// What the app's trace exporter would use.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The full URL spans are POSTed to.
    pub url: String,
    /// Which variable the URL came from.
    pub url_from: &'static str,
    /// Request headers, names lower-cased, values percent-decoded (entries without `=` left out: `skipped`).
    pub headers: Vec<(String, String)>,
    /// Which variable the headers came from (none when neither is set).
    pub headers_from: Option<&'static str>,
    /// Header entries the OpenTelemetry SDKs skip (no `=`): the 1-based position in the list and the entry
    /// masked (at most its first 4 characters), for a warning and for doctor. The span is still sent.
    pub skipped: Vec<(usize, String)>,
    /// `service.name`, and where it came from (`--service`, a variable, or the specification's default).
    pub service: String,
    pub service_from: &'static str,
    /// OTEL_RESOURCE_ATTRIBUTES (without `service.name`, which is in `service`).
    pub resource: Vec<(String, String)>,
    /// The protocol the app would use, when it is set and is not OTLP/HTTP.
    pub protocol: Option<String>,
}

impl Settings {
    /// Read the settings through `get` (the process environment in use; a map in tests). Every problem is a
    /// usage error naming the variable, never showing a header's value.
    pub fn read(service_flag: Option<&str>, get: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let get = |name: &str| get(name).filter(|v| !v.trim().is_empty());
        let (url, url_from) = match (get(TRACES_ENDPOINT), get(ENDPOINT)) {
            (Some(u), _) => (u.trim().to_string(), TRACES_ENDPOINT),
            (None, Some(base)) => {
                let base = base.trim();
                let sep = if base.ends_with('/') { "" } else { "/" };
                (format!("{base}{sep}v1/traces"), ENDPOINT)
            }
            (None, None) => {
                return Err(Error::usage(format!(
                    "no OTLP endpoint: neither {TRACES_ENDPOINT} nor {ENDPOINT} is set"
                ))
                .with_help(format!(
                    "set them as the app does, e.g. {ENDPOINT}=https://api.honeycomb.io and \
                     {HEADERS}=x-honeycomb-team=<ingest key>"
                )))
            }
        };
        check_url(url_from, &url)?;

        let ((headers, skipped), headers_from) = match (get(TRACES_HEADERS), get(HEADERS)) {
            (Some(h), _) => (parse_headers(TRACES_HEADERS, &h)?, Some(TRACES_HEADERS)),
            (None, Some(h)) => (parse_headers(HEADERS, &h)?, Some(HEADERS)),
            (None, None) => ((Vec::new(), Vec::new()), None),
        };
        let mut resource = match get(RESOURCE_ATTRIBUTES) {
            Some(r) => parse_pairs(RESOURCE_ATTRIBUTES, &r)?,
            None => Vec::new(),
        };
        let from_resource = resource
            .iter()
            .position(|(k, _)| k == "service.name")
            .map(|i| resource.remove(i).1);
        let (service, service_from) = match (
            service_flag.map(str::trim).filter(|s| !s.is_empty()),
            get(SERVICE_NAME),
            from_resource,
        ) {
            (Some(s), _, _) => (s.to_string(), "--service"),
            (None, Some(s), _) => (s.trim().to_string(), SERVICE_NAME),
            (None, None, Some(s)) if !s.is_empty() => (s, RESOURCE_ATTRIBUTES),
            _ => ("unknown_service".to_string(), "the OpenTelemetry default"),
        };

        let protocol = get(TRACES_PROTOCOL)
            .or_else(|| get(PROTOCOL))
            .map(|p| p.trim().to_string())
            .filter(|p| !p.starts_with("http/"));
        Ok(Settings {
            url,
            url_from,
            headers,
            headers_from,
            skipped,
            service,
            service_from,
            resource,
            protocol,
        })
    }

    /// One warning per skipped header entry, naming the variable and the entry's position (never its value).
    pub fn skipped_warnings(&self) -> Vec<String> {
        let var = self.headers_from.unwrap_or(HEADERS);
        self.skipped
            .iter()
            .map(|(n, shown)| {
                format!(
                    "{var}: entry {n} (`{shown}`) has no `=` and is skipped, as the app's OpenTelemetry \
                     exporter skips it: the app sends its spans without that header"
                )
            })
            .collect()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The Honeycomb dataset the span lands in: `x-honeycomb-dataset` (Classic), else the service name
    /// (trimmed; any `unknown_service...` becomes `unknown_service`).
    pub fn dataset(&self) -> String {
        if let Some(d) = self.header("x-honeycomb-dataset") {
            return d.to_string();
        }
        if self.service.starts_with("unknown_service") {
            "unknown_service".into()
        } else {
            self.service.trim().to_string()
        }
    }
}

/// The specification's `key1=value1,key2=value2` (W3C Baggage without properties): whitespace around keys and
/// values trimmed, both percent-decoded. Errors name the variable and the entry, never the value.
pub fn parse_pairs(var: &str, text: &str) -> Result<Vec<(String, String)>> {
    let decode = |s: &str, what: &str, n: usize| {
        percent_decode_str(s.trim())
            .decode_utf8()
            .map(|c| c.into_owned())
            .map_err(|_| {
                Error::usage(format!(
                    "{var}: the {what} of entry {n} is not UTF-8 once percent-decoded"
                ))
            })
    };
    let mut out = Vec::new();
    for (i, item) in text.split(',').enumerate() {
        let n = i + 1;
        if item.trim().is_empty() {
            continue;
        }
        let Some((k, v)) = item.split_once('=') else {
            return Err(
                Error::usage(format!("{var}: entry {n} has no `=`")).with_help(
                    "write it as key1=value1,key2=value2 (percent-encode `,` and `=` in values)",
                ),
            );
        };
        let key = decode(k, "key", n)?;
        if key.is_empty() {
            return Err(Error::usage(format!("{var}: entry {n} has an empty key"))
                .with_help("write it as key1=value1,key2=value2"));
        }
        out.push((key, decode(v, "value", n)?));
    }
    Ok(out)
}

/// `name=value` entries, in order.
pub type Pairs = Vec<(String, String)>;

/// A header list as the OpenTelemetry SDKs read it: [`parse_pairs`]' format, except that an entry without
/// `=` is skipped (returned with its 1-based position and masked text) instead of refused.
pub fn parse_headers(var: &str, text: &str) -> Result<(Pairs, Vec<(usize, String)>)> {
    let mut pairs = Vec::new();
    let mut skipped = Vec::new();
    for (i, item) in text.split(',').enumerate() {
        let n = i + 1;
        if item.trim().is_empty() {
            continue;
        }
        if !item.contains('=') {
            skipped.push((n, crate::secret::mask(item.trim())));
            continue;
        }
        // Errors name the entry's position in the whole list, not in this one-entry list.
        let one = parse_pairs(var, item).map_err(|mut e| {
            e.message = e.message.replace("entry 1", &format!("entry {n}"));
            e
        })?;
        for (name, value) in one {
            if HeaderName::from_bytes(name.as_bytes()).is_err() {
                return Err(Error::usage(format!(
                    "{var}: entry {n} has `{name}`, which is not an HTTP header name"
                ))
                .with_help("write headers as name=value,name2=value2"));
            }
            if HeaderValue::from_str(&value).is_err() {
                return Err(Error::usage(format!(
                    "{var}: the value of `{name}` is not a valid HTTP header value (a control character?)"
                ))
                .with_help("percent-encode special characters, e.g. %20 for a space"));
            }
            pairs.push((name.to_ascii_lowercase(), value));
        }
    }
    Ok((pairs, skipped))
}

/// 16 random bytes (trace) or 8 (span) as lower-case hex, never all zero (an invalid id).
pub fn random_id(bytes: usize) -> String {
    loop {
        let id: String = (0..bytes)
            .map(|_| format!("{:02x}", fastrand::u8(..)))
            .collect();
        if id.bytes().any(|b| b != b'0') {
            return id;
        }
    }
}

fn string_attr(key: &str, value: &str) -> Value {
    json!({"key": key, "value": {"stringValue": value}})
}

/// One INTERNAL span of `duration_nanos` ending at `end_nanos`, as an OTLP/HTTP JSON ExportTraceServiceRequest:
/// ids as hex strings, 64-bit times as decimal strings, the span kind as its enum number.
pub fn export_request(
    s: &Settings,
    trace_id: &str,
    span_id: &str,
    end_nanos: u64,
    duration_nanos: u64,
) -> Value {
    let mut resource = vec![string_attr("service.name", &s.service)];
    resource.extend(s.resource.iter().map(|(k, v)| string_attr(k, v)));
    json!({
        "resourceSpans": [{
            "resource": {"attributes": resource},
            "scopeSpans": [{
                "scope": {"name": "o11y", "version": env!("CARGO_PKG_VERSION")},
                "spans": [{
                    "traceId": trace_id,
                    "spanId": span_id,
                    "name": "o11y test-span",
                    "kind": 1,
                    "startTimeUnixNano": end_nanos.saturating_sub(duration_nanos).to_string(),
                    "endTimeUnixNano": end_nanos.to_string(),
                    "attributes": [
                        {"key": "o11y.test_span", "value": {"boolValue": true}},
                        string_attr("o11y.version", env!("CARGO_PKG_VERSION")),
                    ],
                    "status": {"code": 1}
                }]
            }]
        }]
    })
}

// ---- OTLP/HTTP protobuf (the encoding the OpenTelemetry SDKs send by default; X-Ray's endpoint takes it) ----

pub use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};

/// Bytes of a hex id (`random_id`'s output); an odd or non-hex string gives what could be read.
fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
        .collect()
}

fn proto_attr(
    key: &str,
    value: opentelemetry_proto::tonic::common::v1::any_value::Value,
) -> opentelemetry_proto::tonic::common::v1::KeyValue {
    use opentelemetry_proto::tonic::common::v1::{AnyValue, KeyValue};
    KeyValue {
        key: key.to_string(),
        value: Some(AnyValue { value: Some(value) }),
        ..Default::default()
    }
}

/// The same span as [`export_request`] (INTERNAL, status OK, `o11y.test_span = true`), as the protobuf
/// ExportTraceServiceRequest of OTLP/HTTP (`application/x-protobuf`), built from the generated OTLP types.
pub fn export_request_proto(
    service: &str,
    resource: &[(String, String)],
    trace_id: &str,
    span_id: &str,
    end_nanos: u64,
    duration_nanos: u64,
) -> ExportTraceServiceRequest {
    use opentelemetry_proto::tonic::common::v1::any_value::Value as V;
    use opentelemetry_proto::tonic::common::v1::InstrumentationScope;
    use opentelemetry_proto::tonic::resource::v1::Resource;
    use opentelemetry_proto::tonic::trace::v1::{
        span::SpanKind, status::StatusCode, ResourceSpans, ScopeSpans, Span, Status,
    };
    let mut attrs = vec![proto_attr(
        "service.name",
        V::StringValue(service.to_string()),
    )];
    attrs.extend(
        resource
            .iter()
            .map(|(k, v)| proto_attr(k, V::StringValue(v.clone()))),
    );
    ExportTraceServiceRequest {
        resource_spans: vec![ResourceSpans {
            resource: Some(Resource {
                attributes: attrs,
                ..Default::default()
            }),
            scope_spans: vec![ScopeSpans {
                scope: Some(InstrumentationScope {
                    name: "o11y".into(),
                    version: env!("CARGO_PKG_VERSION").into(),
                    ..Default::default()
                }),
                spans: vec![Span {
                    trace_id: hex_bytes(trace_id),
                    span_id: hex_bytes(span_id),
                    name: "o11y test-span".into(),
                    kind: SpanKind::Internal as i32,
                    start_time_unix_nano: end_nanos.saturating_sub(duration_nanos),
                    end_time_unix_nano: end_nanos,
                    attributes: vec![
                        proto_attr("o11y.test_span", V::BoolValue(true)),
                        proto_attr(
                            "o11y.version",
                            V::StringValue(env!("CARGO_PKG_VERSION").into()),
                        ),
                    ],
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

/// `google.rpc.Status`, the body an OTLP/HTTP server sends with an error status (OTLP specification).
#[derive(Clone, PartialEq, prost::Message)]
struct RpcStatus {
    #[prost(int32, tag = "1")]
    code: i32,
    #[prost(string, tag = "2")]
    message: String,
}

/// What an OTLP/HTTP server said in an error body: the protobuf `Status` message, else the body as text
/// (trimmed and cut to 500 characters). `None` when it said nothing readable.
pub fn error_body_text(content_type: Option<&str>, body: &[u8]) -> Option<String> {
    use prost::Message;
    let is_proto = content_type.is_some_and(|c| c.contains("protobuf"));
    if is_proto {
        if let Ok(s) = RpcStatus::decode(body) {
            if !s.message.is_empty() {
                return Some(s.message);
            }
        }
    }
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() || (!is_proto && text.contains('\u{fffd}')) {
        return None;
    }
    Some(text.chars().take(500).collect())
}

/// Spans a server refused in an HTTP 200 (`partial_success`), with its message.
pub fn rejected_spans(body: &[u8]) -> Option<(i64, String)> {
    use prost::Message;
    let r = ExportTraceServiceResponse::decode(body).ok()?;
    let p = r.partial_success?;
    (p.rejected_spans > 0).then_some((p.rejected_spans, p.error_message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read(vars: &[(&str, &str)], flag: Option<&str>) -> Result<Settings> {
        let m: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::read(flag, |k| m.get(k).cloned())
    }

    #[test]
    fn the_traces_endpoint_is_used_as_is_else_v1_traces_is_appended() {
        let s = read(
            &[
                (TRACES_ENDPOINT, "http://c:4318/custom"),
                (ENDPOINT, "http://x"),
            ],
            None,
        )
        .unwrap();
        assert_eq!(s.url, "http://c:4318/custom");
        let s = read(&[(ENDPOINT, "https://api.honeycomb.io")], None).unwrap();
        assert_eq!(s.url, "https://api.honeycomb.io/v1/traces");
        let s = read(&[(ENDPOINT, "http://c:4318/base/")], None).unwrap();
        assert_eq!(s.url, "http://c:4318/base/v1/traces");
        let e = read(&[], None).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.message.contains(TRACES_ENDPOINT) && e.message.contains(ENDPOINT));
    }

    #[test]
    fn headers_are_percent_decoded_and_the_traces_variable_wins() {
        let s = read(
            &[
                (ENDPOINT, "http://c"),
                (HEADERS, "x-honeycomb-team=general"),
                (
                    TRACES_HEADERS,
                    " X-Honeycomb-Team = abc%3Ddef , x-note=a%20b%2Cc ,",
                ),
            ],
            None,
        )
        .unwrap();
        assert_eq!(
            s.headers,
            [
                ("x-honeycomb-team".to_string(), "abc=def".to_string()),
                ("x-note".to_string(), "a b,c".to_string())
            ]
        );
        assert_eq!(s.headers_from, Some(TRACES_HEADERS));
    }

    #[test]
    fn a_header_entry_without_equals_is_skipped_by_position_without_its_value() {
        let s = read(
            &[
                (ENDPOINT, "http://c"),
                (
                    HEADERS,
                    "a=1,secretvalue, ,x-honeycomb-team:KEY0123456789,b=2",
                ),
            ],
            None,
        )
        .unwrap();
        assert_eq!(
            s.headers,
            [
                ("a".to_string(), "1".to_string()),
                ("b".to_string(), "2".to_string())
            ]
        );
        assert_eq!(
            s.skipped,
            [(2, "secr…".to_string()), (4, "x-ho…".to_string())]
        );
        let w = s.skipped_warnings();
        assert_eq!(w.len(), 2);
        assert!(
            w[0].starts_with("OTEL_EXPORTER_OTLP_HEADERS: entry 2 (`secr…`) has no `=`"),
            "{}",
            w[0]
        );
        assert!(!w.concat().contains("secretvalue") && !w.concat().contains("KEY0123"));
    }

    #[test]
    fn other_malformed_header_entries_are_usage_errors_naming_the_original_position() {
        let e = read(
            &[(ENDPOINT, "http://c"), (HEADERS, "skip,bad name=1")],
            None,
        )
        .unwrap_err();
        assert!(
            e.message
                .contains("entry 2 has `bad name`, which is not an HTTP header name"),
            "{}",
            e.message
        );
        let e = read(&[(ENDPOINT, "http://c"), (HEADERS, "a=1,skip,=v")], None).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(
            e.message.contains("entry 3 has an empty key"),
            "{}",
            e.message
        );
    }

    #[test]
    fn service_name_from_the_flag_the_variable_or_the_resource() {
        let base = [
            (ENDPOINT, "http://c"),
            (
                RESOURCE_ATTRIBUTES,
                "service.name=res,deployment.environment=prod",
            ),
        ];
        let s = read(&base, None).unwrap();
        assert_eq!(
            (s.service.as_str(), s.service_from),
            ("res", RESOURCE_ATTRIBUTES)
        );
        assert_eq!(
            s.resource,
            [("deployment.environment".to_string(), "prod".to_string())]
        );
        let mut v = base.to_vec();
        v.push((SERVICE_NAME, "env-svc"));
        assert_eq!(read(&v, None).unwrap().service, "env-svc");
        assert_eq!(read(&v, Some("flag-svc")).unwrap().service, "flag-svc");
        let s = read(&[(ENDPOINT, "http://c")], None).unwrap();
        assert_eq!(s.service, "unknown_service");
        assert_eq!(s.dataset(), "unknown_service");
    }

    #[test]
    fn the_span_follows_the_otlp_json_encoding() {
        let s = read(&[(ENDPOINT, "http://c"), (SERVICE_NAME, "svc")], None).unwrap();
        let t = random_id(16);
        let sp = random_id(8);
        assert_eq!((t.len(), sp.len()), (32, 16));
        let v = export_request(&s, &t, &sp, 2_000_000_000, 50_000_000);
        let span = &v["resourceSpans"][0]["scopeSpans"][0]["spans"][0];
        assert_eq!(span["traceId"], t);
        assert_eq!(span["startTimeUnixNano"], "1950000000");
        assert_eq!(span["endTimeUnixNano"], "2000000000");
        assert_eq!(span["kind"], 1);
        assert_eq!(
            v["resourceSpans"][0]["resource"]["attributes"][0],
            json!({"key": "service.name", "value": {"stringValue": "svc"}})
        );
    }

    #[test]
    fn the_protobuf_span_round_trips_with_the_same_ids_and_times() {
        use prost::Message;
        let t = random_id(16);
        let sp = random_id(8);
        let req = export_request_proto(
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
    fn error_bodies_show_the_status_message_or_the_text() {
        use prost::Message;
        let status = RpcStatus {
            code: 7,
            message: "no permission".into(),
        }
        .encode_to_vec();
        assert_eq!(
            error_body_text(Some("application/x-protobuf"), &status).as_deref(),
            Some("no permission")
        );
        assert_eq!(
            error_body_text(Some("text/plain"), b"  Forbidden\n").as_deref(),
            Some("Forbidden")
        );
        assert_eq!(error_body_text(None, b""), None);
        assert_eq!(
            error_body_text(Some("application/octet-stream"), &[0xff, 0xfe]),
            None
        );
        let partial = ExportTraceServiceResponse {
            partial_success: Some(
                opentelemetry_proto::tonic::collector::trace::v1::ExportTracePartialSuccess {
                    rejected_spans: 1,
                    error_message: "too old".into(),
                },
            ),
        };
        assert_eq!(
            rejected_spans(&partial.encode_to_vec()),
            Some((1, "too old".into()))
        );
        assert_eq!(
            rejected_spans(&ExportTraceServiceResponse::default().encode_to_vec()),
            None
        );
    }
}
