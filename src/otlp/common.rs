//! What the three signal files share: ids, attributes, the resource and scope of every test item, the two
//! encodings of OTLP/HTTP (protobuf; JSON from the same generated types, whose serde support follows the
//! specification's JSON mapping: ids as hex, enums as integers, 64-bit integers as strings), and what a server
//! said in an error body or a `partialSuccess`.

use opentelemetry_proto::tonic::common::v1::any_value::Value as V;
use opentelemetry_proto::tonic::common::v1::{AnyValue, InstrumentationScope, KeyValue};
use opentelemetry_proto::tonic::resource::v1::Resource;
use serde_json::Value;

use super::settings::Protocol;

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

/// Bytes of a hex id (`random_id`'s output); an odd or non-hex string gives what could be read.
pub fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
        .collect()
}

pub fn attr(key: &str, value: V) -> KeyValue {
    KeyValue {
        key: key.to_string(),
        value: Some(AnyValue { value: Some(value) }),
        ..Default::default()
    }
}

pub fn string_attr(key: &str, value: &str) -> KeyValue {
    attr(key, V::StringValue(value.to_string()))
}

/// `service.name` first, then the other resource attributes.
pub fn resource(service: &str, attributes: &[(String, String)]) -> Resource {
    let mut attrs = vec![string_attr("service.name", service)];
    attrs.extend(attributes.iter().map(|(k, v)| string_attr(k, v)));
    Resource {
        attributes: attrs,
        ..Default::default()
    }
}

/// o11y as the instrumentation scope.
pub fn scope() -> InstrumentationScope {
    InstrumentationScope {
        name: "o11y".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        ..Default::default()
    }
}

/// The attributes every test item carries: `o11y.test_span = true` (its historical name, on every signal)
/// and o11y's version.
pub fn test_attributes() -> Vec<KeyValue> {
    vec![
        attr("o11y.test_span", V::BoolValue(true)),
        string_attr("o11y.version", env!("CARGO_PKG_VERSION")),
    ]
}

/// The body and its Content-Type for the protocol: JSON for `http/json`, protobuf otherwise.
pub fn encode<T: prost::Message + serde::Serialize>(
    request: &T,
    protocol: &Protocol,
) -> (Vec<u8>, &'static str) {
    match protocol {
        Protocol::HttpJson => (
            serde_json::to_vec(request).unwrap_or_default(),
            "application/json",
        ),
        _ => (request.encode_to_vec(), "application/x-protobuf"),
    }
}

/// Items a server refused in an HTTP 200, with its words (`partial_success`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub count: i64,
    pub message: String,
}

/// A JSON `partialSuccess` with `field` (`rejectedLogRecords` ...) above 0; a number or a string, as the
/// JSON mapping allows for int64.
pub fn rejected_json(body: &[u8], field: &str) -> Option<Rejected> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let p = &v["partialSuccess"];
    let count = p[field]
        .as_i64()
        .or_else(|| p[field].as_str().and_then(|r| r.parse().ok()))
        .unwrap_or(0);
    (count > 0).then(|| Rejected {
        count,
        message: p["errorMessage"].as_str().unwrap_or_default().to_string(),
    })
}

/// Whether a response body is protobuf (by its Content-Type).
pub fn is_protobuf(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|c| c.contains("protobuf"))
}

/// `google.rpc.Status`, the body an OTLP/HTTP server sends with an error status (OTLP specification).
#[derive(Clone, PartialEq, prost::Message)]
pub struct RpcStatus {
    #[prost(int32, tag = "1")]
    pub code: i32,
    #[prost(string, tag = "2")]
    pub message: String,
}

/// What an OTLP/HTTP server said in an error body: the protobuf `Status` message, else the body as text
/// (trimmed and cut to 500 characters). `None` when it said nothing readable.
pub fn error_body_text(content_type: Option<&str>, body: &[u8]) -> Option<String> {
    use prost::Message;
    let is_proto = is_protobuf(content_type);
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

#[cfg(test)]
mod tests {
    use super::*;
    use prost::Message;

    #[test]
    fn error_bodies_show_the_status_message_or_the_text() {
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
    }

    #[test]
    fn a_json_partial_success_counts_as_a_number_or_a_string() {
        let body = br#"{"partialSuccess": {"rejectedLogRecords": "5", "errorMessage": "too old"}}"#;
        assert_eq!(
            rejected_json(body, "rejectedLogRecords"),
            Some(Rejected {
                count: 5,
                message: "too old".into()
            })
        );
        assert_eq!(rejected_json(b"{}", "rejectedLogRecords"), None);
        assert_eq!(
            rejected_json(
                br#"{"partialSuccess": {"rejectedSpans": 2}}"#,
                "rejectedSpans"
            )
            .unwrap()
            .count,
            2
        );
    }

    #[test]
    fn ids_are_hex_and_never_zero() {
        let t = random_id(16);
        assert_eq!(t.len(), 32);
        assert_eq!(hex_bytes(&t).len(), 16);
        assert_eq!(hex_bytes("00ff"), [0, 255]);
    }
}
