use std::time::Duration;

use chrono::Utc;
use reqwest::Method;
use serde_json::{json, Value};

use super::api::error_text;
use super::{check_region, fields, key_kind, Region};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::http;
use crate::otlp::{self, Settings};
use crate::output::{Render, Style};
use crate::secret::redact;

/// Send one test span the way the app's OpenTelemetry exporter would, from the same variables
///
/// POSTs an OTLP/HTTP JSON ExportTraceServiceRequest to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (used as is), else
/// to OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces, with the headers of OTEL_EXPORTER_OTLP_TRACES_HEADERS, else
/// OTEL_EXPORTER_OTLP_HEADERS (`name=value,name2=value2`, percent-decoded). service.name is --service, else
/// OTEL_SERVICE_NAME, else OTEL_RESOURCE_ATTRIBUTES' service.name. Prints the trace id and where to find it:
/// in Honeycomb the dataset is the service name. The HONEYCOMB_API_KEY is not used: the key is the one the
/// app sends, in the x-honeycomb-team header.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y honeycomb test-span --service backend-flask\n  OTEL_EXPORTER_OTLP_ENDPOINT=https://api.honeycomb.io OTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team=$HONEYCOMB_INGEST_KEY \\\n    o11y honeycomb test-span --service backend-flask"
)]
pub struct Args {
    /// The service.name of the span (default: OTEL_SERVICE_NAME)
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let s = Settings::read(args.service.as_deref(), |k| std::env::var(k).ok())?;
    let region = Region::of_url(&s.url);
    if let Some(key) = s.header("x-honeycomb-team") {
        let var = s.headers_from.unwrap_or(otlp::HEADERS);
        check_region(&key_kind(key), region, s.url_from)
            .map_err(|e| e.context(format!("x-honeycomb-team in {var}")))?;
    } else if region.is_some() {
        ctx.out.warn(&format!(
            "no x-honeycomb-team header in {} or {}: Honeycomb will refuse the span",
            otlp::TRACES_HEADERS,
            otlp::HEADERS
        ));
    }
    if s.service_from == "the OpenTelemetry default" {
        ctx.out.warn(&format!(
            "no service name (--service, {} or service.name in {}): the span goes to `unknown_service`, as the \
             app's would",
            otlp::SERVICE_NAME,
            otlp::RESOURCE_ATTRIBUTES
        ));
    }
    if let Some(p) = &s.protocol {
        ctx.out.warn(&format!(
            "the app exports with `{p}` (OTEL_EXPORTER_OTLP_PROTOCOL); o11y sends OTLP/HTTP JSON to the same \
             endpoint"
        ));
    }

    let trace_id = otlp::random_id(16);
    let span_id = otlp::random_id(8);
    let end = Utc::now().timestamp_nanos_opt().unwrap_or_default().max(0) as u64;
    let body = otlp::export_request(
        &s,
        &trace_id,
        &span_id,
        end,
        Duration::from_millis(25).as_nanos() as u64,
    );
    let secrets: Vec<&str> = s.headers.iter().map(|(_, v)| v.as_str()).collect();
    let resp = http::send(
        ctx,
        Method::POST,
        &s.url,
        |rb| {
            s.headers
                .iter()
                .fold(rb, |rb, (k, v)| rb.header(k, v))
                .header("Content-Type", "application/json")
                .body(body.to_string())
        },
        &secrets,
    )
    .await?;
    let status = resp.status().as_u16();
    let text = redact(&resp.text().await.unwrap_or_default(), &secrets);
    if !(200..300).contains(&status) {
        return Err(explain(&s, status, &text));
    }
    // A partial success (HTTP 200) can still reject the span.
    if let Ok(v) = serde_json::from_str::<Value>(&text) {
        let p = &v["partialSuccess"];
        let rejected = p["rejectedSpans"]
            .as_i64()
            .or_else(|| p["rejectedSpans"].as_str().and_then(|r| r.parse().ok()))
            .unwrap_or(0);
        if rejected > 0 {
            return Err(Error::failed(format!(
                "{} accepted the request but rejected the span: {}",
                s.url,
                p["errorMessage"].as_str().unwrap_or("no reason given")
            )));
        }
    }
    ctx.out.print(&Sent {
        dataset: s.dataset(),
        settings: s,
        region,
        status,
        trace_id,
        span_id,
    })
}

/// What a refusal means for the app's settings.
fn explain(s: &Settings, status: u16, body: &str) -> Error {
    let said = error_text(body)
        .map(|t| format!(": {t}"))
        .unwrap_or_default();
    let headers_var = s.headers_from.unwrap_or(otlp::HEADERS);
    match status {
        401 | 403 => {
            let e = Error::failed(format!(
                "{} did not accept the key in x-honeycomb-team (HTTP {status}{said})",
                s.url
            ));
            match s.header("x-honeycomb-team") {
                None => e.with_help(format!(
                    "no x-honeycomb-team header is set: set {headers_var}=x-honeycomb-team=<an ingest key>"
                )),
                Some(k) => {
                    let kind = key_kind(k);
                    e.with_help(format!(
                        "the {} {} in {headers_var} is not valid for this endpoint: check that it belongs to \
                         the endpoint's region (US https://api.honeycomb.io, EU https://api.eu1.honeycomb.io) \
                         and environment, may send events, and was copied whole",
                        kind.describe(),
                        kind.shown(k)
                    ))
                }
            }
        }
        404 => Error::failed(format!("there is no OTLP traces receiver at {} (HTTP 404{said})", s.url))
            .with_help(format!(
                "{} is used as is and must end in /v1/traces; {} gets /v1/traces appended",
                otlp::TRACES_ENDPOINT,
                otlp::ENDPOINT
            )),
        415 => Error::failed(format!("{} does not take OTLP/HTTP JSON (HTTP 415{said})", s.url))
            .with_help("point the endpoint at an OTLP/HTTP receiver (port 4318 on a collector, not gRPC's 4317)"),
        429 => Error::failed(format!(
            "{} is still rate limiting after {} retries (HTTP 429{said})",
            s.url,
            http::RETRIES
        )),
        _ => Error::failed(format!("{} refused the span (HTTP {status}{said})", s.url)),
    }
}

struct Sent {
    settings: Settings,
    dataset: String,
    region: Option<Region>,
    status: u16,
    trace_id: String,
    span_id: String,
}

impl Render for Sent {
    fn json(&self) -> Value {
        json!({
            "traceId": self.trace_id,
            "spanId": self.span_id,
            "endpoint": self.settings.url,
            "status": self.status,
            "service_name": self.settings.service,
            "dataset": self.dataset,
        })
    }

    fn text(&self, style: &Style) -> String {
        let s = &self.settings;
        let look = match self.region {
            Some(r) => format!(
                "{} → the environment of the key → dataset `{}` → Query: WHERE trace.trace_id = {}",
                r.ui(),
                self.dataset,
                self.trace_id
            ),
            None => format!(
                "wherever the receiver at {} exports to (in Honeycomb: dataset `{}`, WHERE trace.trace_id = {})",
                s.url, self.dataset, self.trace_id
            ),
        };
        let rows = [
            (
                "sent",
                format!("1 span to {} (HTTP {})", s.url, self.status),
            ),
            ("trace id", style.bold(&self.trace_id)),
            (
                "service",
                format!("{} (from {})", s.service, s.service_from),
            ),
            ("look in", look),
        ];
        fields(style, &rows)
    }
}
