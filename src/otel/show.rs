use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::{json, Value};

use super::path::{App, AppSignal};
use crate::context::Context;
use crate::error::Result;
use crate::honeycomb::api::{Auth as HoneycombAuth, HoneycombApi};
use crate::honeycomb::connection::{region_hint, Connection};
use crate::honeycomb::key::{key_kind, Region};
use crate::manifest;
use crate::otlp::destination::Kind;
use crate::otlp::settings::Signal;
use crate::otlp::signing::Auth;
use crate::output::{Render, Style};
use crate::secrets::Sink;

/// `o11y otel --help`: the summary, the API it calls, what it shows.
pub const LONG_ABOUT: &str = concat!(
    "What the app's OpenTelemetry exporters will do, per signal (traces, logs, metrics)",
    "\n\n",
    "Reads the app's variables with the OpenTelemetry specification's meaning (a per-signal OTEL_EXPORTER_OTLP_<SIGNAL>_ENDPOINT as is, else OTEL_EXPORTER_OTLP_ENDPOINT + /v1/<signal>; per-signal headers, protocol, compression and timeout over the generic ones; OTEL_<SIGNAL>_EXPORTER; OTEL_SDK_DISABLED; OTEL_SERVICE_NAME over service.name in OTEL_RESOURCE_ATTRIBUTES), plus the variables AWS's Python distro (ADOT) reads to sign, the way it reads them. For each signal: the exporter, the resolved endpoint and what it is (Honeycomb US/EU, X-Ray OTLP, CloudWatch Logs OTLP, CloudWatch metrics OTLP, a collector on this machine or the network, something else), the protocol, compression and timeout, the headers by name with their values masked, and how the requests authenticate: a Honeycomb key by its team and environment (GET /1/auth, the only call made), SigV4 and by which variable, or nothing. Values in the manifest's secrets sink count as variables. Sends nothing; `o11y otel test` does."
);

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y otel\n  o11y otel -o json | jq '.signals[] | {signal, endpoint, destination, auth: .auth.kind}'\n  OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=https://logs.us-east-1.amazonaws.com/v1/logs o11y otel"
)]
pub struct Args {
    /// The manifest, for its secrets sink [default: o11y.toml, when there is one]
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub env: crate::environments::EnvArg,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let m = manifest::find(args.file.as_deref())?;
    let runs = crate::environments::plan(&ctx.aws_args, m, args.env.env.as_deref())?;
    crate::environments::each(ctx, runs, async |ctx, m| run_in(ctx, m).await).await
}

/// What the app's exporters do, in one environment (its secrets sink and region).
async fn run_in(ctx: &Context, m: Option<crate::manifest::Manifest>) -> Result<()> {
    Sink::of_run(ctx, m.as_ref()).await?;
    let app = App::read(ctx, None).await?;
    let mut keys: BTreeMap<String, std::result::Result<HoneycombAuth, String>> = BTreeMap::new();
    for sig in &app.signals {
        if let Auth::HoneycombKey(k) = &sig.decision.auth {
            if !keys.contains_key(k) {
                let api = HoneycombApi::new(&auth_endpoint(ctx, sig), k, key_kind(k));
                keys.insert(k.clone(), api.auth(ctx).await.map_err(|e| e.message));
            }
        }
    }
    ctx.out.print(&Show { app, keys })
}

/// Where a key in `x-honeycomb-team` is asked about: HONEYCOMB_API_ENDPOINT when set, else the API of the
/// endpoint's region (US for a collector).
fn auth_endpoint(ctx: &Context, sig: &AppSignal) -> String {
    if ctx.env.var("HONEYCOMB_API_ENDPOINT").is_some() {
        return Connection::from_env(&ctx.env).api_endpoint;
    }
    match sig.destination.kind {
        Kind::Honeycomb(r) => r.api_endpoint().into(),
        _ => Region::Us.api_endpoint().into(),
    }
}

struct Show {
    app: App,
    keys: BTreeMap<String, std::result::Result<HoneycombAuth, String>>,
}

/// A header value as it may be shown: the names of a log group, a stream or a dataset in full (they are not
/// credentials), a Honeycomb key by its public id or first 4 characters, anything else masked.
pub fn shown_header(name: &str, value: &str) -> String {
    match name {
        "x-aws-log-group" | "x-aws-log-stream" | "x-honeycomb-dataset" => value.to_string(),
        "x-honeycomb-team" => key_kind(value).shown(value),
        _ => crate::secret::mask(value),
    }
}

/// What to say beside a signal: values that could not be read, header entries the exporter skips, a key that
/// looks like the other Honeycomb region's.
fn notes(sig: &AppSignal) -> Vec<String> {
    let s = &sig.settings;
    let mut out = s.notes.clone();
    out.extend(s.skipped_warnings());
    if let (Auth::HoneycombKey(k), Kind::Honeycomb(r)) = (&sig.decision.auth, sig.destination.kind)
    {
        out.extend(region_hint(&key_kind(k), Some(r), s.url_from));
    }
    out
}

impl Show {
    fn auth_json(&self, sig: &AppSignal) -> Value {
        match &sig.decision.auth {
            Auth::SigV4 {
                service,
                service_from,
                region,
                route,
            } => json!({
                "kind": "sigv4", "service": service, "service_from": service_from,
                "region": region.clone().or_else(|| self.app.region.clone()),
                "region_from": if region.is_some() { "the endpoint" } else { "the run (AWS_REGION ...)" },
                "by": route.describe(),
            }),
            Auth::HoneycombKey(k) => {
                let mut v = json!({"kind": "honeycomb_key", "header": "x-honeycomb-team",
                                   "key": key_kind(k).shown(k), "key_kind": key_kind(k).as_str()});
                match self.keys.get(k) {
                    Some(Ok(a)) => {
                        v["team"] = json!(a.team.name);
                        v["environment"] = json!(if a.environment.name.is_empty() {
                            "Classic"
                        } else {
                            &a.environment.name
                        });
                    }
                    Some(Err(e)) => v["error"] = json!(e),
                    None => {}
                }
                v
            }
            Auth::Header(name) => json!({"kind": "header", "header": name}),
            Auth::None => json!({"kind": "none"}),
        }
    }

    fn auth_text(&self, sig: &AppSignal) -> String {
        match &sig.decision.auth {
            Auth::SigV4 {
                service,
                region,
                route,
                service_from,
            } => {
                let r = region
                    .clone()
                    .or_else(|| self.app.region.clone())
                    .unwrap_or_else(|| "the run's region (none configured)".into());
                let from = if *service_from == "the endpoint" {
                    String::new()
                } else {
                    format!(" (from {service_from})")
                };
                format!("SigV4 `{service}`{from} in {r}, by {}", route.describe())
            }
            Auth::HoneycombKey(k) => {
                let kind = key_kind(k);
                let who = match self.keys.get(k) {
                    Some(Ok(a)) => format!(
                        ": team {}, environment {}",
                        a.team.name,
                        if a.environment.name.is_empty() {
                            "Classic"
                        } else {
                            &a.environment.name
                        }
                    ),
                    Some(Err(e)) => format!(" (not accepted: {e})"),
                    None => String::new(),
                };
                format!(
                    "Honeycomb {} {} in x-honeycomb-team{who}",
                    kind.describe(),
                    kind.shown(k)
                )
            }
            Auth::Header(name) => format!("the `{name}` header (o11y cannot check it)"),
            Auth::None => match sig.destination.kind.aws() {
                Some(_) => format!(
                    "none: AWS will refuse the unsigned requests ({})",
                    sig.decision.unsigned_because.join("; ")
                ),
                None => "none".into(),
            },
        }
    }
}

impl Render for Show {
    fn json(&self) -> Value {
        let first = &self.app.signals[0].settings;
        let signals: Vec<Value> = self
            .app
            .signals
            .iter()
            .map(|sig| {
                let s = &sig.settings;
                let headers: Vec<Value> = s
                    .headers
                    .iter()
                    .map(|(k, v)| json!({"name": k, "value": shown_header(k, v), "from": s.headers_from}))
                    .collect();
                let mut v = json!({
                    "signal": s.signal.name(),
                    "exporter": s.exporters, "exporter_from": s.exporter_from,
                    "exported": s.exports_otlp(),
                    "declared": s.declared,
                    "endpoint": s.url, "endpoint_from": s.url_from,
                    "destination": sig.destination.kind.as_str(),
                    "destination_detail": sig.destination.describe(),
                    "region": sig.destination.region,
                    "protocol": s.protocol.as_str(), "protocol_from": s.protocol_from,
                    "compression": s.compression.as_str(), "compression_from": s.compression_from,
                    "timeout_ms": s.timeout.as_millis() as u64, "timeout_from": s.timeout_from,
                    "headers": headers,
                    "auth": self.auth_json(sig),
                    "notes": notes(sig),
                });
                if sig.destination.kind.aws().is_some() && !sig.decision.unsigned_because.is_empty() {
                    v["unsigned_because"] = json!(sig.decision.unsigned_because);
                }
                if s.signal == Signal::Metrics && matches!(sig.destination.kind, Kind::Honeycomb(_)) {
                    v["dataset"] = json!(s.dataset());
                }
                v
            })
            .collect();
        let resource: serde_json::Map<String, Value> = first
            .resource
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        json!({
            "service_name": first.service,
            "service_name_from": first.service_from,
            "resource_attributes": resource,
            "sdk_disabled": first.sdk_disabled,
            "signals": signals,
        })
    }

    fn text(&self, style: &Style) -> String {
        let first = &self.app.signals[0].settings;
        let mut out = format!(
            "{}  {} ({})\n",
            style.bold("service"),
            first.service,
            first.service_from
        );
        if first.sdk_disabled {
            out.push_str(&format!(
                "{}  {}\n",
                style.bold("sdk    "),
                style.yellow("disabled (OTEL_SDK_DISABLED=true): the app sends nothing")
            ));
        }
        for sig in &self.app.signals {
            let s = &sig.settings;
            out.push('\n');
            let name = style.bold(&format!("{:<8}", s.signal.name()));
            if !s.exports_otlp() {
                out.push_str(&format!(
                    "{name}{} ({}={})\n",
                    style.dim("not exported over OTLP"),
                    s.signal.vars().exporter,
                    s.exporters.join(",")
                ));
                continue;
            }
            out.push_str(&format!(
                "{name}{} → {} ({})\n",
                s.exporters.join(","),
                s.url,
                s.url_from
            ));
            let headers = if s.headers.is_empty() {
                "none".to_string()
            } else {
                let list: Vec<String> = s
                    .headers
                    .iter()
                    .map(|(k, v)| format!("{k}={}", shown_header(k, v)))
                    .collect();
                format!("{} ({})", list.join(", "), s.headers_from.unwrap_or("-"))
            };
            let compression = match s.compression.as_str() {
                "none" => "no compression".to_string(),
                c => c.to_string(),
            };
            let mut rows = vec![
                ("is", sig.destination.describe()),
                (
                    "protocol",
                    format!(
                        "{}, {compression}, timeout {}",
                        s.protocol.as_str(),
                        crate::time::human(s.timeout)
                    ),
                ),
                ("headers", headers),
                ("auth", self.auth_text(sig)),
            ];
            if s.signal == Signal::Metrics && matches!(sig.destination.kind, Kind::Honeycomb(_)) {
                rows.push(("dataset", s.dataset()));
            }
            for n in notes(sig) {
                rows.push(("note", n));
            }
            for (k, v) in rows {
                out.push_str(&format!("        {}  {v}\n", style.dim(&format!("{k:<8}"))));
            }
        }
        out
    }
}
