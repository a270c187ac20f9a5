use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde_json::{json, Value};

use super::api::{error_text, Answer, Auth, HoneycombApi};
use super::connection::{region_hint, Connection};
use super::key::{key_kind, KeyKind, Region};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::http;
use crate::otlp::settings::{self, Settings, Signal};
use crate::otlp::{self, common::random_id};
use crate::output::fields;
use crate::output::{Render, Style};
use crate::readback::{self, Progress, Wait};
use crate::secret::redact;

/// Send one test span the way the app's OpenTelemetry exporter would, then confirm it arrived
///
/// POSTs an OTLP/HTTP JSON ExportTraceServiceRequest to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (used as is), else
/// to OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces, with the headers of OTEL_EXPORTER_OTLP_TRACES_HEADERS, else
/// OTEL_EXPORTER_OTLP_HEADERS (`name=value,name2=value2`, percent-decoded; an entry without `=` is skipped
/// with a warning, as the SDKs do). service.name is --service, else OTEL_SERVICE_NAME, else
/// OTEL_RESOURCE_ATTRIBUTES' service.name; in Honeycomb the dataset is the service name.
///
/// Read-back (unless --no-wait), with HONEYCOMB_API_KEY set to a configuration key of the same environment:
/// GET /1/auth for both keys (same team and environment?), then, where the key may run queries (Run Queries
/// and Manage Queries and Columns) and the Query Data API answers (Enterprise), POST /1/queries/{dataset} +
/// POST /1/query_results/{dataset} + GET /1/query_results/{dataset}/{id} until the exact trace id is found
/// (proof `trace_id_query`); else GET /1/datasets/{slug} (Create Datasets permission) until its
/// last_written_at (whole seconds) is at or after the send (proof `dataset_last_written_at`: some event
/// reached the dataset, not necessarily this span). With no key or only
/// an ingest key, arrival cannot be checked: that is said, and the exit code stays 0. A span that never
/// arrives within --timeout exits 1 with what was seen.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y honeycomb test-span --service backend-flask\n  o11y honeycomb test-span --timeout 2m -o json | jq .arrived_after_ms\n  OTEL_EXPORTER_OTLP_ENDPOINT=https://api.honeycomb.io OTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team=$HONEYCOMB_INGEST_KEY \\\n    o11y honeycomb test-span --service backend-flask --no-wait"
)]
pub struct Args {
    /// The service.name of the span (default: OTEL_SERVICE_NAME)
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,
    /// How long to wait for the span to arrive
    #[arg(long, value_name = "DUR", default_value = readback::DEFAULT_TIMEOUT)]
    pub timeout: String,
    /// Send only: do not wait for the span to arrive
    #[arg(long)]
    pub no_wait: bool,
}

pub async fn run(ctx: &Context, conn: &Connection, args: Args) -> Result<()> {
    let s = Settings::read(Signal::Traces, args.service.as_deref(), |k| ctx.env.raw(k))?;
    s.require_endpoint()?;
    let wait = Wait::from_args(&args.timeout, args.no_wait)?;
    let reader = if wait.enabled {
        Reader::from_connection(conn)?
    } else {
        Reader::Unchecked("--no-wait".into())
    };
    for w in warnings(&s) {
        ctx.out.warn(&w);
    }
    let progress = |line: &str| ctx.out.note(&format!("o11y: {line}"));
    let arrival = send_and_confirm(ctx, &s, &reader, wait, &progress).await?;
    ctx.out.print(&arrival)?;
    match arrival.failure() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// What can be said about the settings before sending: skipped header entries, a key whose shape hints at
/// the other region, no x-honeycomb-team for a Honeycomb endpoint, no service name, another protocol.
pub fn warnings(s: &Settings) -> Vec<String> {
    let mut out = s.skipped_warnings();
    let region = Region::of_url(&s.url);
    if let Some(key) = s.header("x-honeycomb-team") {
        if let Some(hint) = region_hint(&key_kind(key), region, s.url_from) {
            let var = s.headers_from.unwrap_or(otlp::HEADERS);
            out.push(format!("x-honeycomb-team in {var}: {hint}"));
        }
    } else if region.is_some() {
        out.push(format!(
            "no x-honeycomb-team header in {} or {}: Honeycomb will refuse the span",
            otlp::TRACES_HEADERS,
            otlp::HEADERS
        ));
    }
    if s.service_from == settings::DEFAULT {
        out.push(format!(
            "no service name (--service, {} or service.name in {}): the span goes to `unknown_service`, as the \
             app's would",
            otlp::SERVICE_NAME,
            otlp::RESOURCE_ATTRIBUTES
        ));
    }
    if !s.protocol.is_http() {
        out.push(format!(
            "the app exports with `{}` ({}); o11y sends OTLP/HTTP JSON to the same endpoint",
            s.protocol.as_str(),
            s.protocol_from
        ));
    }
    out
}

/// Who reads the span back: a Honeycomb API connection, or why arrival cannot be checked.
pub enum Reader {
    Api(HoneycombApi),
    Unchecked(String),
}

impl Reader {
    /// From HONEYCOMB_API_KEY / --api-key: none, or an ingest or management key, cannot read datasets (said,
    /// not refused); a key with whitespace or a bad endpoint is still a usage error.
    pub fn from_connection(conn: &Connection) -> Result<Reader> {
        if conn.api_key.as_deref().unwrap_or_default().is_empty() {
            return Ok(Reader::Unchecked(
                "HONEYCOMB_API_KEY is not set: reading the span back needs a configuration key of the \
                 span's environment (the Datasets API does not take ingest keys)"
                    .into(),
            ));
        }
        let api = conn.connect()?;
        let why = match api.kind {
            KeyKind::Ingest { .. } => {
                "HONEYCOMB_API_KEY is an ingest key, which can only send events: reading the span back \
                 needs a configuration key of the span's environment (the Datasets API does not take ingest \
                 keys)"
            }
            KeyKind::Management { .. } => {
                "HONEYCOMB_API_KEY is a management key, which cannot read datasets: reading the span back \
                 needs a configuration key of the span's environment"
            }
            _ => return Ok(Reader::Api(api)),
        };
        Ok(Reader::Unchecked(why.into()))
    }
}

/// What HONEYCOMB_API_KEY may read, by the permissions Honeycomb's API reference names: the Datasets API needs
/// Create Datasets (`createDatasets` in `/1/auth`); the Query Data API needs Run Queries and Manage Queries
/// and Columns (`queries`, `columns`), both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Access {
    pub datasets: bool,
    pub query: bool,
}

impl Access {
    pub fn of(auth: &Auth) -> Self {
        let granted = auth.api_key_access.granted();
        Access {
            datasets: granted.contains(&"createDatasets"),
            query: granted.contains(&"queries") && granted.contains(&"columns"),
        }
    }
}

const NO_DATASETS: &str =
    "HONEYCOMB_API_KEY lacks the Create Datasets permission (createDatasets) that \
                           Honeycomb's Datasets API requires";
const NO_QUERIES: &str =
    "HONEYCOMB_API_KEY may not run queries (the Query Data API needs both Run Queries \
                          and Manage Queries and Columns: queries, columns)";

/// How arrival was established, and how strong that is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proof {
    /// A Query Data API query found an event with this trace id: exact.
    TraceIdQuery,
    /// The dataset's `last_written_at` (whole seconds) is at or after the send: some event reached the
    /// dataset then, most likely this span, but another writer cannot be ruled out.
    DatasetLastWrittenAt,
}

impl Proof {
    pub fn as_str(self) -> &'static str {
        match self {
            Proof::TraceIdQuery => "trace_id_query",
            Proof::DatasetLastWrittenAt => "dataset_last_written_at",
        }
    }

    pub fn strength(self) -> &'static str {
        match self {
            Proof::TraceIdQuery => "exact: a query found this trace id in the dataset",
            Proof::DatasetLastWrittenAt => {
                "weak: the dataset was written after the span was sent (Honeycomb keeps that time to the \
                 second; another writer to the dataset would look the same)"
            }
        }
    }
}

/// What the read-back found.
#[derive(Debug, Clone)]
pub enum Outcome {
    Arrived {
        after: Duration,
        proof: Proof,
    },
    /// Arrival was not checked, and why (no key, an ingest key, `--no-wait`).
    Unchecked(String),
    /// The keys belong to different environments: the span went where HONEYCOMB_API_KEY cannot see it.
    OtherEnvironment {
        span: String,
        reader: String,
    },
    /// Not seen within the timeout: what was seen instead.
    NotArrived {
        seen: String,
        waited: Duration,
    },
    /// A read-back call failed after the span was sent: the trace id is still printed, then this error
    /// (exit 1).
    Failed(Error),
}

/// One test span sent, and what its read-back found. (`doctor --send-test` uses it.)
#[derive(Debug, Clone)]
pub struct Arrival {
    pub settings: Settings,
    pub dataset: String,
    pub region: Option<Region>,
    pub status: u16,
    pub trace_id: String,
    pub span_id: String,
    pub outcome: Outcome,
}

impl Arrival {
    /// The error to exit with when the span is known not to have arrived (exit 1); `None` otherwise.
    pub fn failure(&self) -> Option<Error> {
        match &self.outcome {
            Outcome::NotArrived { seen, waited } => Some(
                Error::failed(format!(
                    "the span did not arrive in dataset `{}` within {}: {seen}",
                    self.dataset,
                    crate::time::human(*waited)
                ))
                .with_help(
                    "check that the app's key (x-honeycomb-team) and HONEYCOMB_API_KEY belong to the same \
                     environment, that the service name is the dataset you expect, and try a longer --timeout",
                ),
            ),
            Outcome::OtherEnvironment { span, reader } => Some(
                Error::failed(format!(
                    "the span was sent with a key of {span}, but HONEYCOMB_API_KEY belongs to {reader}: \
                     the span is not where the configuration key can see it"
                ))
                .with_help(
                    "use keys of the same environment: the app's ingest key (x-honeycomb-team in \
                     OTEL_EXPORTER_OTLP_HEADERS) and a configuration key (HONEYCOMB_API_KEY) of that \
                     environment",
                ),
            ),
            Outcome::Failed(e) => Some(e.clone()),
            _ => None,
        }
    }
}

fn where_(a: &Auth) -> String {
    let env = if a.environment.slug.is_empty() {
        "Classic".to_string()
    } else {
        format!("environment `{}`", a.environment.slug)
    };
    format!("{env} of team `{}`", a.team.slug)
}

/// Send one span with the app's settings and, when `reader` can, read it back within `wait`. Never prints:
/// progress goes to `progress`. Errors are the send's (refused, unreachable) and unexpected API answers; a
/// span that does not arrive is an [`Outcome`], not an error.
pub async fn send_and_confirm(
    ctx: &Context,
    s: &Settings,
    reader: &Reader,
    wait: Wait,
    progress: Progress<'_>,
) -> Result<Arrival> {
    let dataset = s.dataset();
    let mut arrival = Arrival {
        settings: s.clone(),
        dataset: dataset.clone(),
        region: Region::of_url(&s.url),
        status: 0,
        trace_id: random_id(16),
        span_id: random_id(8),
        outcome: Outcome::Unchecked(String::new()),
    };
    let Prepared {
        api,
        access,
        outcome,
    } = prepare(
        ctx,
        reader,
        s.header("x-honeycomb-team"),
        &dataset,
        true,
        wait,
    )
    .await?;
    arrival.outcome = outcome;
    let sent_at = Utc::now();
    let started = Instant::now();
    arrival.status = send(ctx, s, &arrival.trace_id, &arrival.span_id).await?;
    let (Some(api), Outcome::Unchecked(_)) = (api, &arrival.outcome) else {
        return Ok(arrival);
    };
    progress(&format!(
        "span sent; waiting up to {} for it in dataset `{dataset}`",
        crate::time::human(wait.timeout)
    ));
    arrival.outcome = confirm(
        ctx,
        api,
        &dataset,
        Lookup::trace(&arrival.trace_id),
        access,
        sent_at,
        started,
        wait,
        progress,
    )
    .await
    .unwrap_or_else(Outcome::Failed);
    Ok(arrival)
}

/// What to read back with, decided before sending: the reader's API (none when arrival cannot be checked),
/// what it may do, and `outcome` already decided (`Unchecked("")`: go ahead and look).
pub struct Prepared<'a> {
    pub api: Option<&'a HoneycombApi>,
    pub access: Access,
    pub outcome: Outcome,
}

/// Before sending: which environments the keys belong to (`key`: the app's `x-honeycomb-team`, if it sends
/// one), whether queries may run (`can_query`: a query can find this item at all; not a metrics data point),
/// and, where only the dataset's whole-second `last_written_at` can prove arrival, a wait until the clock is
/// past the second the dataset was last written in (a write earlier in the second of the send would pass for
/// the item).
pub async fn prepare<'a>(
    ctx: &Context,
    reader: &'a Reader,
    key: Option<&str>,
    dataset: &str,
    can_query: bool,
    wait: Wait,
) -> Result<Prepared<'a>> {
    let mut outcome = Outcome::Unchecked(String::new());
    let api = match (wait.enabled, reader) {
        (false, _) => {
            outcome = Outcome::Unchecked("--no-wait".into());
            None
        }
        (true, Reader::Unchecked(why)) => {
            outcome = Outcome::Unchecked(why.clone());
            None
        }
        (true, Reader::Api(api)) => Some(api),
    };
    let mut access = Access::default();
    if let Some(api) = api {
        let auth = api.auth(ctx).await.map_err(|e| {
            e.context("HONEYCOMB_API_KEY (used to read the item back; --no-wait skips it)")
        })?;
        access = Access::of(&auth);
        access.query &= can_query;
        if !access.query && !access.datasets {
            outcome = Outcome::Unchecked(format!("{NO_DATASETS}, nor {NO_QUERIES}"));
        }
        if let Some(k) = key {
            let span_api = HoneycombApi::new(api.endpoint(), k, key_kind(k));
            // A key this endpoint does not know is reported by the send itself; only a known key of
            // another environment is decided here.
            if let Ok(span_auth) = span_api.auth(ctx).await {
                if (
                    span_auth.team.slug.as_str(),
                    span_auth.environment.slug.as_str(),
                ) != (auth.team.slug.as_str(), auth.environment.slug.as_str())
                {
                    outcome = Outcome::OtherEnvironment {
                        span: where_(&span_auth),
                        reader: where_(&auth),
                    };
                }
            }
        }
    }
    let by_dataset = access.datasets && !access.query;
    if let (Some(api), Outcome::Unchecked(_), true) = (api, &outcome, by_dataset) {
        if let Ok(Answer::Ok(d)) = api.dataset(ctx, &slug(dataset)).await {
            let before = d
                .last_written_at
                .as_deref()
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.timestamp());
            if let Some(before) = before {
                let now = Utc::now();
                if now.timestamp() <= before {
                    let ms = (before - now.timestamp()) * 1000 + 1000
                        - i64::from(now.timestamp_subsec_millis());
                    tokio::time::sleep(Duration::from_millis(ms.clamp(0, 2000) as u64)).await;
                }
            }
        }
    }
    Ok(Prepared {
        api,
        access,
        outcome,
    })
}

/// POST the span; the HTTP status on success.
async fn send(ctx: &Context, s: &Settings, trace_id: &str, span_id: &str) -> Result<u16> {
    let end = Utc::now().timestamp_nanos_opt().unwrap_or_default().max(0) as u64;
    let body = serde_json::to_string(&otlp::traces::request(
        &s.service,
        &s.resource,
        trace_id,
        span_id,
        end,
        Duration::from_millis(25).as_nanos() as u64,
    ))
    .unwrap_or_default();
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
                .body(body.clone())
        },
        &secrets,
    )
    .await?;
    let status = resp.status().as_u16();
    let text = redact(&resp.text().await.unwrap_or_default(), &secrets);
    if !(200..300).contains(&status) {
        return Err(explain(s, status, &text));
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
    Ok(status)
}

/// Honeycomb's dataset slug for a name: lower-cased, every character but letters, digits, `-` and `_`
/// replaced by `-`.
pub fn slug(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// What identifies the item in its dataset: a column and its value (`trace.trace_id` for a span, `body` for a
/// log record, whose body Honeycomb keeps in that field).
#[derive(Debug, Clone, Copy)]
pub struct Lookup<'a> {
    pub column: &'a str,
    pub value: &'a str,
}

impl<'a> Lookup<'a> {
    pub fn trace(trace_id: &'a str) -> Self {
        Lookup {
            column: "trace.trace_id",
            value: trace_id,
        }
    }
}

/// The query that finds one item: COUNT where the column = the value, between absolute times around the send
/// (`sent` epoch seconds, two minutes before, and `wait` plus two minutes after). Honeycomb truncates a query
/// result's time range (to the minute for short ranges): a relative range ending "now" could cut off a span
/// sent seconds ago, an end in the future cannot.
pub fn query(lookup: Lookup<'_>, sent: i64, wait: Duration) -> Value {
    json!({
        "calculations": [{"op": "COUNT"}],
        "filters": [{"column": lookup.column, "op": "=", "value": lookup.value}],
        "start_time": sent - 120,
        "end_time": sent + wait.as_secs() as i64 + 120
    })
}

/// The COUNT of a complete query result (0 when it has no rows).
fn count_of(result: &Value) -> u64 {
    result["data"]["results"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .filter_map(|r| r["data"]["COUNT"].as_u64())
                .sum()
        })
        .unwrap_or(0)
}

/// Look for the item until found or `wait.timeout`: by a query where the key may run one (exact), else by the
/// dataset's `last_written_at` (weak).
#[allow(clippy::too_many_arguments)]
pub async fn confirm(
    ctx: &Context,
    api: &HoneycombApi,
    dataset: &str,
    lookup: Lookup<'_>,
    access: Access,
    sent_at: DateTime<Utc>,
    started: Instant,
    wait: Wait,
    progress: Progress<'_>,
) -> Result<Outcome> {
    let sent_second = sent_at.timestamp();
    let slug = slug(dataset);
    let mut query_id: Option<String> = None;
    let mut use_queries = access.query;
    if !access.query {
        progress(&format!(
            "{NO_QUERIES}: checking the dataset's last_written_at instead of the trace id"
        ));
    }
    let mut seen = String::from("nothing yet");
    let mut throttle = readback::Throttle::default();
    loop {
        if use_queries {
            if query_id.is_none() {
                match api
                    .create_query(ctx, &slug, &query(lookup, sent_second, wait.timeout))
                    .await?
                {
                    Answer::Ok(q) => query_id = q["id"].as_str().map(str::to_string),
                    Answer::Status(code, said) => {
                        use_queries = false;
                        progress(&format!(
                            "the Query Data API is not available to this key (HTTP {code}{}; it is an Enterprise \
                             feature): checking the dataset's last_written_at instead",
                            if said.is_empty() { String::new() } else { format!(": {said}") }
                        ));
                    }
                }
            }
            if let Some(qid) = &query_id {
                match run_query(ctx, api, &slug, qid, started, wait).await? {
                    Some(n) if n > 0 => {
                        return Ok(Outcome::Arrived {
                            after: started.elapsed(),
                            proof: Proof::TraceIdQuery,
                        })
                    }
                    Some(_) => {
                        seen = format!(
                            "no event with {} = {} in dataset `{dataset}` yet",
                            lookup.column, lookup.value
                        )
                    }
                    None => {
                        use_queries = false;
                        progress(
                            "the Query Data API did not run the query: checking the dataset's last_written_at \
                             instead",
                        );
                    }
                }
            }
        }
        if !use_queries && !access.datasets {
            return Ok(Outcome::Unchecked(format!(
                "the Query Data API did not answer and {NO_DATASETS}"
            )));
        }
        if !use_queries {
            match api.dataset(ctx, &slug).await? {
                Answer::Ok(d) => {
                    let written = d
                        .last_written_at
                        .as_deref()
                        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                        .map(|t| t.with_timezone(&Utc));
                    match written {
                        Some(t) if t.timestamp() >= sent_second => {
                            let secs = (t.timestamp() - sent_second).max(0) as u64;
                            return Ok(Outcome::Arrived {
                                after: Duration::from_secs(secs),
                                proof: Proof::DatasetLastWrittenAt,
                            });
                        }
                        Some(t) => {
                            seen = format!(
                                "dataset `{dataset}` was last written at {} (before the span was sent at {})",
                                t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                                sent_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                            )
                        }
                        None => seen = format!("dataset `{dataset}` exists but was never written"),
                    }
                }
                Answer::Status(404, _) => {
                    seen = format!(
                        "there is no dataset `{dataset}` (slug `{slug}`) in the environment of HONEYCOMB_API_KEY"
                    )
                }
                Answer::Status(code, said) => {
                    return Err(Error::failed(format!(
                        "Honeycomb refused GET /1/datasets/{slug} (HTTP {code}{})",
                        if said.is_empty() { String::new() } else { format!(": {said}") }
                    ))
                    .with_help(
                        "the configuration key in HONEYCOMB_API_KEY lacks the permission Honeycomb's Datasets API \
                         needs: `o11y honeycomb whoami` lists what it may do; grant it under Environment Settings \
                         → API Keys, or use --no-wait",
                    ))
                }
            }
        }
        let waited = started.elapsed();
        if waited + wait.interval > wait.timeout {
            return Ok(Outcome::NotArrived { seen, waited });
        }
        if throttle.due(&seen) {
            progress(&format!(
                "not there yet after {} ({seen})",
                crate::time::human(waited)
            ));
        }
        tokio::time::sleep(wait.interval).await;
    }
}

/// Run the query once: the COUNT when the result completes in time, `None` when the API refuses to run it.
async fn run_query(
    ctx: &Context,
    api: &HoneycombApi,
    slug: &str,
    query_id: &str,
    started: Instant,
    wait: Wait,
) -> Result<Option<u64>> {
    let created = match api.create_query_result(ctx, slug, query_id).await? {
        Answer::Ok(v) => v,
        Answer::Status(..) => return Ok(None),
    };
    let mut result = created;
    loop {
        if result["complete"].as_bool() == Some(true) {
            return Ok(Some(count_of(&result)));
        }
        let Some(id) = result["id"].as_str().map(str::to_string) else {
            return Err(Error::failed(
                "Honeycomb's answer to POST /1/query_results has no id",
            ));
        };
        if started.elapsed() + wait.interval > wait.timeout {
            return Ok(Some(0));
        }
        tokio::time::sleep(wait.interval).await;
        result = api.query_result(ctx, slug, &id).await?;
    }
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

impl Render for Arrival {
    fn json(&self) -> Value {
        let mut v = json!({
            "traceId": self.trace_id,
            "spanId": self.span_id,
            "endpoint": self.settings.url,
            "status": self.status,
            "service_name": self.settings.service,
            "dataset": self.dataset,
        });
        let extra = match &self.outcome {
            Outcome::Arrived { after, proof } => json!({
                "arrived": true,
                "arrived_after_ms": readback::millis(*after),
                "proof": proof.as_str(),
                "proof_strength": proof.strength(),
            }),
            Outcome::Unchecked(why) => {
                json!({"arrived": null, "proof": "none", "unchecked_reason": why})
            }
            Outcome::OtherEnvironment { span, reader } => json!({
                "arrived": false, "proof": "none",
                "seen": format!("the span's key belongs to {span}; HONEYCOMB_API_KEY to {reader}"),
            }),
            Outcome::NotArrived { seen, waited } => json!({
                "arrived": false, "proof": "none", "seen": seen, "waited_ms": readback::millis(*waited),
            }),
            Outcome::Failed(e) => json!({"arrived": null, "proof": "none", "error": e.message}),
        };
        if let (Value::Object(m), Value::Object(e)) = (&mut v, extra) {
            m.extend(e);
        }
        v
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
        let arrived = match &self.outcome {
            Outcome::Arrived {
                after,
                proof: Proof::TraceIdQuery,
            } => style.green(&format!(
                "yes, after {} (a query found the trace id)",
                crate::time::human(*after)
            )),
            Outcome::Arrived {
                after,
                proof: Proof::DatasetLastWrittenAt,
            } => {
                let secs = after.as_secs();
                let when = if secs == 0 {
                    "within the same second".to_string()
                } else {
                    format!("after {secs} s")
                };
                style.green(&format!(
                    "yes, {when} (dataset written after the send; whole seconds; not this span's id, another writer \
                     would look the same)"
                ))
            }
            Outcome::Unchecked(why) if why == "--no-wait" => style.dim("not checked (--no-wait)"),
            Outcome::Unchecked(why) => style.yellow(&format!("not checked: {why}")),
            Outcome::OtherEnvironment { .. } => {
                style.red("no: the keys belong to different environments")
            }
            Outcome::NotArrived { waited, .. } => {
                style.red(&format!("no, not within {}", crate::time::human(*waited)))
            }
            Outcome::Failed(_) => style.red("could not be checked (the error follows)"),
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
            ("arrived", arrived),
            ("look in", look),
        ];
        fields(style, &rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(url: &str, headers: &str) -> Settings {
        let vars = [
            (otlp::ENDPOINT, url.to_string()),
            (otlp::HEADERS, headers.to_string()),
            (otlp::SERVICE_NAME, "svc".to_string()),
        ];
        Settings::read(Signal::Traces, None, |k| {
            vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone())
        })
        .unwrap()
    }

    /// Issue 14 item 6: the key's third character is only ever a warning.
    #[test]
    fn a_key_that_looks_like_the_other_regions_is_a_warning_not_an_error() {
        let us_key = format!("hcaik_01j1824es7n4evcmv81cn392jb{}", "S".repeat(32));
        let s = settings(
            "https://api.eu1.honeycomb.io",
            &format!("x-honeycomb-team={us_key}"),
        );
        let w = warnings(&s);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].starts_with(
                "x-honeycomb-team in OTEL_EXPORTER_OTLP_HEADERS: the ingest key \
                 hcaik_01j1824es7n4evcmv81cn392jb looks like a Honeycomb US key"
            ),
            "{}",
            w[0]
        );
        assert!(w[0].contains("set OTEL_EXPORTER_OTLP_ENDPOINT to https://api.honeycomb.io"));
        assert!(!w[0].contains("SSSS"));
        let s = settings(
            "https://api.honeycomb.io",
            &format!("x-honeycomb-team={us_key}"),
        );
        assert!(warnings(&s).is_empty());
        let s = settings(
            "http://127.0.0.1:4318",
            &format!("x-honeycomb-team={us_key}"),
        );
        assert!(warnings(&s).is_empty(), "a collector's region is unknown");
    }

    #[test]
    fn dataset_slugs() {
        assert_eq!(slug("backend-flask"), "backend-flask");
        assert_eq!(slug("My Service.v2"), "my-service-v2");
        assert_eq!(slug("unknown_service"), "unknown_service");
    }

    #[test]
    fn the_trace_query_spans_the_send_with_absolute_times() {
        let q = query(Lookup::trace("abc"), 1_000_000, Duration::from_secs(60));
        assert_eq!(q["start_time"], 999_880);
        assert_eq!(q["end_time"], 1_000_180);
        assert!(q.get("time_range").is_none());
    }

    #[test]
    fn the_count_of_a_query_result() {
        let r = json!({"complete": true, "data": {"results": [{"data": {"COUNT": 2}}]}});
        assert_eq!(count_of(&r), 2);
        assert_eq!(
            count_of(&json!({"complete": true, "data": {"results": []}})),
            0
        );
        assert_eq!(
            query(Lookup::trace("abc"), 1_000, Duration::from_secs(60))["filters"][0],
            json!({"column": "trace.trace_id", "op": "=", "value": "abc"})
        );
    }
}
