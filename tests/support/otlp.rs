//! What the OTLP fakes share (X-Ray's /v1/traces, CloudWatch Logs' /v1/logs, CloudWatch's /v1/metrics, the
//! collector stand-in): checking a SigV4 signature the way AWS does (the credential scope
//! `<date>/<region>/<service>/aws4_request`, then the signature recomputed with the test credentials over the
//! signed headers and the body as received), signing a request (for the collector stand-in), reading an OTLP
//! body (gzip when `Content-Encoding` says so; protobuf or JSON by `Content-Type`), and OTLP/HTTP's error
//! body, a protobuf `google.rpc.Status`.

use std::io::Read;

use prost::Message;

use super::server::{Reply, Request};

/// `google.rpc.Status`, the error body of OTLP/HTTP.
#[derive(Clone, PartialEq, prost::Message)]
pub struct RpcStatus {
    #[prost(int32, tag = "1")]
    pub code: i32,
    #[prost(string, tag = "2")]
    pub message: String,
}

pub fn error(status: u16, code: i32, message: &str) -> Reply {
    Reply::protobuf(
        status,
        RpcStatus {
            code,
            message: message.into(),
        }
        .encode_to_vec(),
    )
}

/// The credential scope's parts of `AWS4-HMAC-SHA256 Credential=AKID/<date>/<region>/<service>/aws4_request,
/// SignedHeaders=..., Signature=...`.
pub fn scope(req: &Request) -> Vec<String> {
    req.header("authorization")
        .unwrap_or_default()
        .split("Credential=")
        .nth(1)
        .and_then(|c| c.split(',').next())
        .map(|c| c.split('/').map(str::to_string).collect())
        .unwrap_or_default()
}

/// A SigV4 check as AWS makes it, for `service` in `region`: `Err` with the service's kind of words.
pub fn check_sigv4(req: &Request, region: &str, service: &str) -> Result<(), String> {
    let auth = req.header("authorization").unwrap_or_default();
    if auth.is_empty() {
        return Err("Missing Authentication Token".into());
    }
    let scope = scope(req);
    let today = chrono::Utc::now().format("%Y%m%d").to_string();
    let amz_date = req.header("x-amz-date").unwrap_or_default();
    let signed = auth.contains("SignedHeaders=") && auth.contains("Signature=");
    if scope.len() != 5
        || scope[1] != today
        || !amz_date.starts_with(&today)
        || scope[2] != region
        || scope[3] != service
        || scope[4] != "aws4_request"
        || !signed
    {
        return Err(format!(
            "The request signature's credential scope is wrong: expected {today}/{region}/{service}/aws4_request"
        ));
    }
    verify_signature(req, region, service)
}

/// The test credentials as a signing identity.
fn identity() -> aws_smithy_runtime_api::client::identity::Identity {
    aws_credential_types::Credentials::new(
        super::ACCESS_KEY_ID,
        super::SECRET_ACCESS_KEY,
        None,
        None,
        "fake",
    )
    .into()
}

fn params<'a>(
    identity: &'a aws_smithy_runtime_api::client::identity::Identity,
    region: &'a str,
    service: &'a str,
    time: std::time::SystemTime,
) -> aws_sigv4::http_request::SigningParams<'a> {
    aws_sigv4::sign::v4::SigningParams::builder()
        .identity(identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(aws_sigv4::http_request::SigningSettings::default())
        .build()
        .expect("signing parameters")
        .into()
}

/// Recompute the SigV4 signature of a request with the test credentials (the signed headers, the body's
/// hash, the time in `x-amz-date`) and compare it with the one sent.
fn verify_signature(req: &Request, region: &str, service: &str) -> Result<(), String> {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest};
    let auth = req.header("authorization").unwrap_or_default();
    let field = |name: &str| {
        auth.split(&format!("{name}="))
            .nth(1)
            .and_then(|r| r.split(',').next())
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    let signed_headers = field("SignedHeaders");
    let sent_signature = field("Signature");
    let time = chrono::NaiveDateTime::parse_from_str(
        req.header("x-amz-date").unwrap_or_default(),
        "%Y%m%dT%H%M%SZ",
    )
    .map_err(|_| "x-amz-date is missing or malformed".to_string())?
    .and_utc();
    let headers: Vec<(&str, &str)> = signed_headers
        .split(';')
        .filter(|h| !matches!(*h, "host" | "x-amz-date"))
        .map(|h| (h, req.header(h).unwrap_or_default()))
        .collect();
    let query = if req.query.is_empty() {
        String::new()
    } else {
        format!("?{}", req.query)
    };
    let url = format!(
        "http://{}{}{query}",
        req.header("host").unwrap_or_default(),
        req.path
    );
    let identity = identity();
    let params = params(&identity, region, service, time.into());
    let signable = SignableRequest::new(
        &req.method,
        &url,
        headers.into_iter(),
        SignableBody::Bytes(&req.bytes),
    )
    .map_err(|e| e.to_string())?;
    let expected = sign(signable, &params).map_err(|e| e.to_string())?;
    if expected.signature() != sent_signature {
        return Err(
            "The request signature we calculated does not match the signature you provided".into(),
        );
    }
    Ok(())
}

/// The SigV4 headers for a POST of `body` (content type signed), with the test credentials, now.
pub fn sign(
    url: &str,
    content_type: &str,
    body: &[u8],
    region: &str,
    service: &str,
) -> Vec<(String, String)> {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest};
    let identity = identity();
    let params = params(&identity, region, service, std::time::SystemTime::now());
    let signable = SignableRequest::new(
        "POST",
        url,
        [("content-type", content_type)].into_iter(),
        SignableBody::Bytes(body),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    instructions
        .headers()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The body as the exporter meant it: gunzipped when `Content-Encoding: gzip`.
pub fn body(req: &Request) -> Result<Vec<u8>, String> {
    match req.header("content-encoding") {
        Some(e) if e.eq_ignore_ascii_case("gzip") => {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(req.bytes.as_slice())
                .read_to_end(&mut out)
                .map_err(|e| format!("the body is not gzip: {e}"))?;
            Ok(out)
        }
        Some(other) => Err(format!("unsupported Content-Encoding `{other}`")),
        None => Ok(req.bytes.clone()),
    }
}

/// Whether the request's Content-Type is OTLP/HTTP JSON (else protobuf is expected).
pub fn is_json(req: &Request) -> bool {
    req.header("content-type")
        .is_some_and(|c| c.starts_with("application/json"))
}

/// Decode an OTLP request: protobuf or JSON by Content-Type, after gzip. `Err` is a 400/415 reply.
pub fn decode<T: Message + Default + serde::de::DeserializeOwned>(
    req: &Request,
) -> Result<T, Reply> {
    let ct = req.header("content-type").unwrap_or_default();
    if !ct.starts_with("application/x-protobuf") && !ct.starts_with("application/json") {
        return Err(error(415, 3, &format!("Unsupported content type `{ct}`")));
    }
    let bytes = body(req).map_err(|e| error(400, 3, &e))?;
    if is_json(req) {
        serde_json::from_slice(&bytes)
            .map_err(|e| error(400, 3, &format!("malformed OTLP/JSON: {e}")))
    } else {
        T::decode(bytes.as_slice())
            .map_err(|e| error(400, 3, &format!("malformed OTLP protobuf: {e}")))
    }
}

/// A success answer in the request's own encoding.
pub fn ok<T: Message + serde::Serialize>(req: &Request, answer: &T) -> Reply {
    if is_json(req) {
        Reply::json(200, serde_json::to_value(answer).unwrap())
    } else {
        Reply::protobuf(200, answer.encode_to_vec())
    }
}

/// Lower-case hex of bytes.
pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A string attribute of a key-value list.
pub fn string_attr(
    attrs: &[opentelemetry_proto::tonic::common::v1::KeyValue],
    key: &str,
) -> Option<String> {
    use opentelemetry_proto::tonic::common::v1::any_value::Value;
    attrs.iter().find(|a| a.key == key).and_then(|a| {
        match a.value.as_ref().and_then(|v| v.value.as_ref()) {
            Some(Value::StringValue(s)) => Some(s.clone()),
            _ => None,
        }
    })
}
