//! Sending one OTLP/HTTP request the way the app's exporter would: its headers, gzip when it asks for it,
//! and SigV4 (the `aws-sigv4` signer, with the run's credentials) when its exporter signs. ADOT's signing
//! session signs `Content-Type: application/x-protobuf` with the host, the time and the body's hash (the body
//! as sent, so after gzip); the other headers (`x-aws-log-group`, `Content-Encoding` ...) go unsigned, as
//! there. Through `http.rs`: `-v` lines, a 429 waited out as `Retry-After` asks (unless that is past the
//! deadline), every header value redacted from errors.

use std::io::Write;
use std::time::{Duration, Instant, SystemTime};

use reqwest::Method;

use super::common::Rejected;
use super::settings::Signal;
use crate::context::Context;
use crate::error::{Error, Result};

/// SigV4 for `service` in `region`.
#[derive(Debug, Clone, Copy)]
pub struct SigV4<'a> {
    pub service: &'a str,
    pub region: &'a str,
}

/// One request.
#[derive(Debug, Clone)]
pub struct Post<'a> {
    pub url: &'a str,
    /// The encoded request, before compression.
    pub body: Vec<u8>,
    pub content_type: &'a str,
    pub gzip: bool,
    /// The app's headers (names lower-case).
    pub headers: &'a [(String, String)],
    pub sigv4: Option<SigV4<'a>>,
    /// The exporter's timeout for the request.
    pub timeout: Option<Duration>,
    /// The end of the whole test: a `Retry-After` past it is not waited out.
    pub deadline: Option<Instant>,
}

/// What the server answered.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    /// What `Retry-After` asked, on a 429 or 503.
    pub retry_after: Option<Duration>,
    /// The compressed size, when gzip was used (for `-v`).
    pub sent_bytes: usize,
}

impl Answer {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The service's own words in an error body (a `google.rpc.Status` message, or the text).
    pub fn said(&self) -> Option<String> {
        super::common::error_body_text(self.content_type.as_deref(), &self.body)
    }

    /// Items refused in an HTTP 200 (`partialSuccess`).
    pub fn rejected(&self, signal: Signal) -> Option<Rejected> {
        let ct = self.content_type.as_deref();
        match signal {
            Signal::Traces => super::traces::rejected(ct, &self.body),
            Signal::Logs => super::logs::rejected(ct, &self.body),
            Signal::Metrics => super::metrics::rejected(ct, &self.body),
        }
    }

    /// Why the request did not deliver its item: an error status, or records rejected in a 200; with the
    /// service's own words. `None` when it was accepted.
    pub fn refusal(&self, url: &str, signal: Signal) -> Option<Error> {
        let item = signal.item();
        if !self.ok() {
            let said = self.said().map(|t| format!(": {t}")).unwrap_or_default();
            let wait = self
                .retry_after
                .map(|d| format!("; Retry-After {}", crate::time::human(d)))
                .unwrap_or_default();
            return Some(Error::failed(format!(
                "{url} refused the {item} (HTTP {}{said}{wait})",
                self.status
            )));
        }
        self.rejected(signal).map(|r| {
            Error::failed(format!(
                "{url} accepted the request but rejected {} {item}(s): {}",
                r.count,
                if r.message.is_empty() {
                    "no reason given"
                } else {
                    &r.message
                }
            ))
        })
    }
}

pub fn gzip(body: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = e.write_all(body);
    e.finish().unwrap_or_default()
}

/// The SigV4 headers (`authorization`, `x-amz-date`, `x-amz-security-token`) for a request with these signed
/// headers and body, signed now with the run's credentials.
pub async fn sign(
    ctx: &Context,
    method: &str,
    url: &str,
    signed: &[(&str, &str)],
    body: &[u8],
    s: SigV4<'_>,
) -> Result<Vec<(String, String)>> {
    let sdk = ctx.sdk_config().await?;
    let identity = crate::aws::credentials(sdk).await?.into();
    sign_with(&identity, method, url, signed, body, s, SystemTime::now())
}

fn sign_with(
    identity: &aws_smithy_runtime_api::client::identity::Identity,
    method: &str,
    url: &str,
    signed: &[(&str, &str)],
    body: &[u8],
    s: SigV4<'_>,
    now: SystemTime,
) -> Result<Vec<(String, String)>> {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    use aws_sigv4::sign::v4;
    let fail =
        |e: &dyn std::fmt::Display| Error::failed(format!("could not sign the request: {e}"));
    let params = v4::SigningParams::builder()
        .identity(identity)
        .region(s.region)
        .name(s.service)
        .time(now)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| fail(&e))?
        .into();
    let req = SignableRequest::new(
        method,
        url,
        signed.iter().copied(),
        SignableBody::Bytes(body),
    )
    .map_err(|e| fail(&e))?;
    let (instructions, _) = sign(req, &params).map_err(|e| fail(&e))?.into_parts();
    Ok(instructions
        .headers()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect())
}

/// POST the request; the answer whatever its status (the caller reads the service's words).
pub async fn post(ctx: &Context, p: &Post<'_>) -> Result<Answer> {
    let body = if p.gzip {
        gzip(&p.body)
    } else {
        p.body.clone()
    };
    let identity = match p.sigv4 {
        Some(_) => {
            let sdk = ctx.sdk_config().await?;
            Some(crate::aws::credentials(sdk).await?.into())
        }
        None => None,
    };
    let sign_now = || -> Result<Vec<(String, String)>> {
        match (p.sigv4, &identity) {
            (Some(s), Some(id)) => sign_with(
                id,
                "POST",
                p.url,
                &[("content-type", p.content_type)],
                &body,
                s,
                SystemTime::now(),
            ),
            _ => Ok(Vec::new()),
        }
    };
    // Signing errors surface before anything is sent; each attempt (a retry after a 429) is signed anew.
    sign_now()?;
    let mut own: Vec<&str> = vec!["content-type", "content-length"];
    if p.gzip {
        own.push("content-encoding");
    }
    if p.sigv4.is_some() {
        own.extend(["authorization", "x-amz-date", "x-amz-security-token"]);
    }
    let secrets: Vec<&str> = p.headers.iter().map(|(_, v)| v.as_str()).collect();
    let resp = crate::http::send_within(
        ctx,
        Method::POST,
        p.url,
        |rb| {
            let mut rb = p
                .headers
                .iter()
                .filter(|(k, _)| !own.contains(&k.as_str()))
                .fold(rb, |rb, (k, v)| rb.header(k, v))
                .header("content-type", p.content_type);
            if p.gzip {
                rb = rb.header("content-encoding", "gzip");
            }
            if let Some(t) = p.timeout {
                rb = rb.timeout(t);
            }
            sign_now()
                .unwrap_or_default()
                .iter()
                .fold(rb, |rb, (k, v)| rb.header(k, v))
                .body(body.clone())
        },
        &secrets,
        p.deadline,
    )
    .await?;
    let status = resp.status().as_u16();
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let retry_after = match status {
        429 | 503 => crate::http::retry_wait(resp.headers(), chrono::Utc::now()),
        _ => None,
    };
    let answer = resp.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
    let redacted = crate::secret::redact(&String::from_utf8_lossy(&answer), &secrets);
    let answer = if redacted.as_bytes() != answer.as_slice()
        && !super::common::is_protobuf(content_type.as_deref())
    {
        redacted.into_bytes()
    } else {
        answer
    };
    Ok(Answer {
        status,
        content_type,
        body: answer,
        retry_after,
        sent_bytes: body.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn gzip_round_trips() {
        let z = gzip(b"hello hello hello");
        assert_eq!(&z[..2], [0x1f, 0x8b]);
        let mut out = String::new();
        flate2::read::GzDecoder::new(z.as_slice())
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "hello hello hello");
    }

    #[test]
    fn the_signature_scope_names_the_service_and_region() {
        let id =
            aws_credential_types::Credentials::new("AKIDEXAMPLE", "secret", None, None, "t").into();
        let h = sign_with(
            &id,
            "POST",
            "https://logs.eu-west-1.amazonaws.com/v1/logs",
            &[("content-type", "application/x-protobuf")],
            b"x",
            SigV4 {
                service: "logs",
                region: "eu-west-1",
            },
            SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_000_000),
        )
        .unwrap();
        let auth = &h.iter().find(|(k, _)| k == "authorization").unwrap().1;
        assert!(auth.contains("/eu-west-1/logs/aws4_request"), "{auth}");
        assert!(
            auth.contains("SignedHeaders=content-type;host;x-amz-date"),
            "{auth}"
        );
    }
}
